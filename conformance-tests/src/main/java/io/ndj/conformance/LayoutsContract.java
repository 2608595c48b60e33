package io.ndj.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ndj.DType;
import io.ndj.Nd;
import io.ndj.NdArray;
import io.ndj.Scope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every op gives the same answer whatever the layout of its operands: broadcast (stride 0, along
 * rows, columns or both), reversed (negative strides), sliced with steps, transposed. The reference
 * is the same op on a contiguous copy of the operand (a layout-invariance property; the contiguous
 * results themselves are held to scalar oracles by the other contracts). Each expression runs three
 * times, each in its own scope, so that a backend that reuses pooled or cached memory between runs
 * must still give the same answer every time.
 */
public interface LayoutsContract extends KitSupport {
  long R = 5;
  long C = 7;

  /** An operand of shape (R, C) in a named layout, with values from {@code seed}. */
  record Layout(String name, BiFunction<LayoutsContract, DType, NdArray> make) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static NdArray values(LayoutsContract k, DType t, long seed, long... shape) {
    long n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    double[] v = new double[(int) n];
    for (int i = 0; i < n; i++) {
      long h = (seed * 0x9E3779B97F4A7C15L + i * 0xBF58476D1CE4E5B9L) >>> 40;
      v[i] = t == DType.BOOL ? h % 2 : t.isFloat() ? (h % 2001 - 1000) / 64.0 : h % 19 - 9;
    }
    try (NdArray d = k.backend().array(v, shape)) {
      return d.astype(t);
    }
  }

  static List<Layout> layouts() {
    return List.of(
        new Layout("contiguous", (k, t) -> values(k, t, 1, R, C)),
        new Layout("broadcast rows", (k, t) -> values(k, t, 2, 1, C).broadcastTo(R, C)),
        new Layout("broadcast columns", (k, t) -> values(k, t, 3, R, 1).broadcastTo(R, C)),
        new Layout("broadcast 0-d", (k, t) -> values(k, t, 4).broadcastTo(R, C)),
        new Layout("reversed", (k, t) -> values(k, t, 5, R, C).get("::-1, ::-1")),
        new Layout("sliced", (k, t) -> values(k, t, 6, 2 * R + 1, 3 * C).get("1::2, 2::3")),
        new Layout("transposed", (k, t) -> values(k, t, 7, C, R).T()),
        new Layout(
            "reversed broadcast",
            (k, t) -> values(k, t, 8, 1, 2 * C).broadcastTo(R, 2 * C).get("::-1, ::-2")));
  }

  /**
   * Ops of one (R, C) operand; {@code other} makes a contiguous second operand where the op needs
   * one.
   */
  record Case(String name, Function<NdArray, NdArray> op) {}

  private List<Case> cases(DType t) {
    List<Case> out =
        new ArrayList<>(
            List.of(
                new Case("sum", NdArray::sum),
                new Case("sum axis 0", x -> x.sum(0)),
                new Case("sum axis 1", x -> x.sum(1)),
                new Case("max", NdArray::max),
                new Case("min axis 1", x -> x.min(1)),
                new Case("argmax", NdArray::argmax),
                new Case("argmin axis 0", x -> x.argmin(0)),
                new Case("cumsum axis 1", x -> x.cumsum(1)),
                new Case("sort axis 1", x -> x.sort(1)),
                new Case("sort axis 0", x -> x.sort(0)),
                new Case("unique", NdArray::unique),
                new Case("copy", NdArray::copy),
                new Case("astype float64", x -> x.astype(DType.FLOAT64)),
                new Case("ravel", x -> x.ravel().copy()),
                new Case("add itself", x -> x.add(x)),
                new Case("multiply contiguous", x -> x.multiply(values(this, t, 11, R, C))),
                new Case("maximum row", x -> x.maximum(values(this, t, 12, C))),
                new Case(
                    "where",
                    x ->
                        Nd.where(values(this, DType.BOOL, 13, R, C), x, values(this, t, 14, R, C))),
                new Case("take", x -> x.take(backend().array(new long[] {3, 0, 34, 3, 17}))),
                new Case(
                    "take 2-d indices",
                    x -> x.take(backend().array(new long[] {3, 0, 34, 3, 17, 8}, 2, 3))),
                new Case(
                    "take 2-d indices axis 1",
                    x -> x.take(backend().array(new long[] {6, 0, -1, 2}, 2, 2), 1)),
                new Case(
                    "index with a 2-d array",
                    x -> x.get(backend().array(new long[] {4, 0, -5, 1}, 2, 2))),
                new Case(
                    "set rows through a 2-d index",
                    x -> {
                      NdArray y = x.copy();
                      y.set(backend().array(new long[] {4, 0, 1, 4}, 2, 2), x.get("1:2"));
                      return y;
                    }),
                new Case("boolean mask", x -> x.get(values(this, DType.BOOL, 15, R, C)))));
    if (t != DType.BOOL) {
      out.addAll(
          List.of(
              new Case("mean axis 0", x -> x.mean(0)),
              new Case("prod axis 0", x -> x.prod(0)),
              new Case("matmul left", x -> x.matmul(values(this, t, 16, C, 3))),
              new Case("matmul right", x -> values(this, t, 17, 3, R).matmul(x)),
              new Case("matmul with itself", x -> x.matmul(x.T())),
              new Case("dot vector", x -> Nd.dot(x, values(this, t, 18, C))),
              new Case("vdot", x -> Nd.vdot(x, values(this, t, 19, R, C))),
              new Case("inner", x -> Nd.inner(x, values(this, t, 20, 2, C))),
              new Case("outer", x -> Nd.outer(x.get("0"), values(this, t, 21, 3))),
              new Case("tensordot", x -> Nd.tensordot(x, values(this, t, 22, C, 2), 1))));
    }
    return out;
  }

  @TestFactory
  default Stream<DynamicTest> everyLayoutGivesTheContiguousAnswerEveryTime() {
    List<DynamicTest> tests = new ArrayList<>();
    for (DType t : List.of(DType.FLOAT64, DType.FLOAT32, DType.INT32, DType.INT8, DType.BOOL)) {
      for (Case c : cases(t)) {
        tests.add(
            check(
                "layouts: " + c.name(),
                t,
                () -> {
                  for (Layout l : layouts()) {
                    checkLayout(c, l, t);
                  }
                }));
      }
    }
    return tests.stream();
  }

  private void checkLayout(Case c, Layout l, DType t) {
    String what = c.name() + " of a " + t + " operand laid out " + l;
    double[] expected = null;
    String expectedShape = null;
    DType expectedType = null;
    for (int run = 0; run < 3; run++) {
      try (Scope scope = Nd.scope()) {
        NdArray x = l.make().apply(this, t);
        NdArray reference = c.op().apply(x.copy());
        NdArray got = c.op().apply(x);
        if (expected == null) {
          expected = reference.astype(DType.FLOAT64).toDoubleArray();
          expectedShape = reference.shape().toString();
          expectedType = reference.dtype();
        }
        assertEquals(expectedShape, got.shape().toString(), what + ": shape, run " + run);
        assertEquals(expectedType, got.dtype(), what + ": dtype, run " + run);
        double[] g = got.astype(DType.FLOAT64).toDoubleArray();
        double tol =
            t == DType.FLOAT32 || got.dtype() == DType.FLOAT32
                ? 2e-5
                : t == DType.FLOAT64 ? 1e-12 : 0;
        if (tol == 0) {
          assertArrayEquals(expected, g, what + ": values, run " + run);
        } else {
          for (int i = 0; i < g.length; i++) {
            double scale = Math.max(1, Math.abs(expected[i]));
            if (!(Math.abs(g[i] - expected[i]) <= tol * scale * Math.sqrt(R * C))
                && !(Double.isNaN(g[i]) && Double.isNaN(expected[i]))) {
              throw new AssertionError(
                  what
                      + ": element "
                      + i
                      + " is "
                      + g[i]
                      + ", contiguous gives "
                      + expected[i]
                      + " (run "
                      + run
                      + ")");
            }
          }
        }
      }
    }
  }
}
