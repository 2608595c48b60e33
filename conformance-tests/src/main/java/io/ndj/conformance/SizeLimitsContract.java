package io.ndj.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ndj.DType;
import io.ndj.Nd;
import io.ndj.NdArray;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/**
 * Shapes at the limits of a long fail up front, in NumPy's words ("array is too big; `arr.size *
 * arr.dtype.itemsize` is larger than the maximum possible size", "negative dimensions are not
 * allowed"), as an {@link IllegalArgumentException}: never an ArithmeticException, an
 * OutOfMemoryError or an array of negative size; nothing is left allocated and the operands are
 * unchanged.
 */
public interface SizeLimitsContract extends KitSupport {
  String TOO_BIG =
      "array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size";

  @TestFactory
  default Stream<DynamicTest> shapesPastALongFailInNumPysWords() {
    long big = 1L << 62;
    return Stream.of(
        refusal("zeros (2**62, 4) float64", TOO_BIG, () -> backend().zeros(DType.FLOAT64, big, 4)),
        refusal(
            "zeros (2**62, 4, 0) float64",
            TOO_BIG,
            () -> backend().zeros(DType.FLOAT64, big, 4, 0)),
        refusal(
            "ones (2**40, 2**40) int8",
            TOO_BIG,
            () -> backend().ones(DType.INT8, 1L << 40, 1L << 40)),
        refusal(
            "zeros (-1, 3)",
            "negative dimensions are not allowed",
            () -> backend().zeros(DType.FLOAT32, -1, 3)),
        refusal(
            "broadcastTo (2**62, 4) float64",
            TOO_BIG,
            () -> backend().zeros(DType.FLOAT64, 1).broadcastTo(big, 4)),
        refusal(
            "arange(-2**63, 2**63 - 1)",
            "Maximum allowed size exceeded",
            () -> backend().arange(Long.MIN_VALUE, Long.MAX_VALUE, 1)),
        refusal(
            "arange(0, 1e300, 1e-300)",
            "Maximum allowed size exceeded",
            () -> backend().arange(0, 1e300, 1e-300)),
        refusal(
            "reshape (6,) to (4, -1)",
            "cannot reshape array of size 6 into shape (4,newaxis)",
            () -> backend().zeros(DType.FLOAT64, 6).reshape(4, -1)),
        refusal(
            "reshape (6,) to (2**62, 4, 2)",
            "cannot reshape array of size 6 into shape (4611686018427387904,4,2)",
            () -> backend().zeros(DType.FLOAT64, 6).reshape(big, 4, 2)),
        refusal(
            "concatenate of four (2**62,) int8 broadcast views",
            TOO_BIG,
            () -> {
              NdArray b = backend().zeros(DType.INT8, 1).broadcastTo(big);
              return Nd.concatenate(b, b, b, b);
            }));
  }

  private DynamicTest refusal(String what, String words, Supplier<NdArray> op) {
    return DynamicTest.dynamicTest(
        "size-limits[" + what + "]",
        () -> {
          int before = backend().liveBuffers();
          Executable run = () -> op.get().close();
          IllegalArgumentException e = assertThrows(IllegalArgumentException.class, run, what);
          assertTrue(String.valueOf(e.getMessage()).contains(words), what + ": " + e.getMessage());
          assertTrue(
              backend().liveBuffers() <= before + 1,
              what + " left buffers allocated"); // + the broadcast source
        });
  }

  /** NumPy takes any negative length in a reshape as the one unknown length. */
  @TestFactory
  default Stream<DynamicTest> anyNegativeLengthIsTheUnknownOne() {
    return Stream.of(
        DynamicTest.dynamicTest(
            "size-limits[reshape (6,) to (-2, 3) and (3, -5)]",
            () -> {
              try (NdArray x = backend().arange(0, 6, 1);
                  NdArray a = x.reshape(-2, 3);
                  NdArray b = x.reshape(3, -5)) {
                assertEquals("(2, 3)", a.shape().toString());
                assertEquals("(3, 2)", b.shape().toString());
                assertEquals("[[0 1 2]\n [3 4 5]]", a.toString());
                IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> x.reshape(-2, -1));
                assertEquals("can only specify one unknown dimension", e.getMessage());
              }
            }));
  }

  @TestFactory
  default Stream<DynamicTest> sizesJustInsideTheLimitStillWorkAsViews() {
    // 2**59 float64 elements are 2**62 bytes: NumPy makes such a broadcast view
    return Stream.of(
        DynamicTest.dynamicTest(
            "size-limits[broadcastTo (2**58, 2) float64 view]",
            () -> {
              try (NdArray one = backend().ones(DType.FLOAT64, 1);
                  NdArray v = one.broadcastTo(1L << 58, 2)) {
                assertEquals(1L << 59, v.size());
                assertEquals(1.0, v.get(new long[] {(1L << 58) - 1, 1}).doubleValue());
              }
            }));
  }
}
