package io.ndj.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ndj.DType;
import io.ndj.Nd;
import io.ndj.NdArray;
import io.ndj.Scope;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Transfers (Java arrays in and out, moves between backends), memory lifecycle (buffers come back,
 * close is idempotent, use after close throws), creation functions, and errors in NumPy's words
 * that leave arrays unchanged.
 */
public interface LifecycleContract extends KitSupport {
  @TestFactory
  default Stream<DynamicTest> transfers() {
    return Stream.of(DType.realValues())
        .map(
            t ->
                check(
                    "transfer",
                    t,
                    () ->
                        forAll(
                            Gens.array(t, Gens.Range.ANY),
                            c -> {
                              NdArray x = make(c);
                              if (t.isFloat()) {
                                Check.floats(
                                    c.d(), x.toDoubleArray(), t, 0, false, "toDoubleArray of " + c);
                              } else {
                                Check.longs(c.l(), x.toLongArray(), "toLongArray of " + c);
                              }
                              for (String other : List.of("cpu", backend().name())) {
                                if (Nd.providers().stream()
                                    .anyMatch(
                                        p ->
                                            p.name().equals(other)
                                                && p.availability().available())) {
                                  NdArray there = x.to(Nd.backend(other));
                                  NdArray back = there.to(backend());
                                  assertEquals(backend(), back.backend());
                                  assertArrayEquals(
                                      x.toDoubleArray(),
                                      back.toDoubleArray(),
                                      "round trip through " + other);
                                }
                              }
                            })));
  }

  @TestFactory
  default Stream<DynamicTest> memory() {
    return Stream.of(
        check(
            "lifecycle",
            DType.FLOAT64,
            () -> {
              int before = backend().liveBuffers();
              for (int i = 0; i < 2000; i++) {
                try (NdArray a = backend().zeros(DType.FLOAT32, i % 97 + 1);
                    NdArray v = a.get("::2")) {
                  v.fill(i);
                }
              }
              NdArray a = backend().ones(10);
              NdArray view = a.get("2:");
              a.close();
              a.close();
              assertEquals("[1. 1. 1. 1. 1. 1. 1. 1.]", view.toString(), "a view keeps its buffer");
              view.close();
              // other arrays may be collected meanwhile, so the count can only go down
              assertTrue(
                  backend().liveBuffers() <= before,
                  "every buffer came back: " + backend().liveBuffers() + " > " + before);
              IllegalStateException e = assertThrows(IllegalStateException.class, () -> a.add(1));
              assertEquals("array is closed", e.getMessage());
              try (Scope scope = Nd.scope()) {
                NdArray t = backend().ones(3).mul(2);
                scope.keep(t).close();
              }
              assertTrue(backend().liveBuffers() <= before, "scopes close temporaries");
            }));
  }

  @TestFactory
  default Stream<DynamicTest> creation() {
    return Stream.of(DType.realValues())
        .map(
            t ->
                check(
                    "creation",
                    t,
                    () -> {
                      try (Scope scope = Nd.scope()) {
                        assertEquals(
                            "[[0 0 0]\n [0 0 0]]",
                            backend().zeros(t, 2, 3).astype(DType.INT64).toString());
                        assertEquals("[1 1]", backend().ones(t, 2).astype(DType.INT64).toString());
                        assertEquals(
                            "[[1 0 0]\n [0 1 0]]",
                            backend().eye(2, 3, 0, t).astype(DType.INT64).toString());
                        if (t != DType.BOOL) {
                          assertEquals(
                              "[0 1 2 3 4]",
                              backend().arange(0, 5, 1, t).astype(DType.INT64).toString());
                          assertEquals(
                              "[5 5 5]", backend().full(5, t, 3).astype(DType.INT64).toString());
                        }
                        assertEquals(
                            "[0.   0.25 0.5  0.75 1.  ]", backend().linspace(0, 1, 5).toString());
                      }
                    }));
  }

  @TestFactory
  default Stream<DynamicTest> errors() {
    return Stream.of(
        check(
            "errors",
            DType.FLOAT64,
            () -> {
              try (Scope scope = Nd.scope()) {
                NdArray a = backend().arange(6.0, 0.0, -1.0).reshape(2, 3);
                NdArray b = backend().arange(4);
                String before = a + "|" + b;
                expect(
                    "operands could not be broadcast together with shapes (2,3) (4,) ",
                    () -> a.add(b));
                expect("axis 2 is out of bounds for array of dimension 2", () -> a.sum(2));
                expect("cannot reshape array of size 6 into shape (4,2)", () -> a.reshape(4, 2));
                expect("index 2 is out of bounds for axis 0 with size 2", () -> a.get("2"));
                expect(
                    "Python integer 300 out of bounds for uint8",
                    () -> b.astype(DType.UINT8).add(300));
                expect(
                    "could not broadcast input array from shape (4,) into shape (2,3)",
                    () -> a.set("...", b));
                expect(
                    "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator,"
                        + " or the logical_xor function instead.",
                    () -> a.gt(1L).subtract(a.gt(2L)));
                expect(
                    "index 9 is out of bounds for axis 0 with size 4",
                    () -> b.take(backend().array(new long[] {9}), 0));
                assertEquals(before, a + "|" + b, "arrays unchanged after errors");
              }
            }));
  }

  private static void expect(String message, Runnable call) {
    RuntimeException e = assertThrows(RuntimeException.class, call::run);
    assertEquals(message, e.getMessage());
  }
}
