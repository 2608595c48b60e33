package io.ndj;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * {@link DType#promote} equals NumPy 2.4's {@code result_type} for every pair (table printed by
 * NumPy).
 */
class PromotionTest {
  private static final String[] ORDER = {
    "bool", "int8", "int16", "int32", "int64", "uint8", "float16", "float32", "float64"
  };

  /** {@code [[np.result_type(a, b).name for b in ORDER] for a in ORDER]}. */
  private static final String[] NUMPY = {
    "bool int8 int16 int32 int64 uint8 float16 float32 float64",
    "int8 int8 int16 int32 int64 int16 float16 float32 float64",
    "int16 int16 int16 int32 int64 int16 float32 float32 float64",
    "int32 int32 int32 int32 int64 int32 float64 float64 float64",
    "int64 int64 int64 int64 int64 int64 float64 float64 float64",
    "uint8 int16 int16 int32 int64 uint8 float16 float32 float64",
    "float16 float16 float32 float64 float64 float16 float16 float32 float64",
    "float32 float32 float32 float64 float64 float32 float32 float32 float64",
    "float64 float64 float64 float64 float64 float64 float64 float64 float64",
  };

  @Test
  void everyPairMatchesNumpy() {
    for (int i = 0; i < ORDER.length; i++) {
      String[] row = NUMPY[i].split(" ");
      for (int j = 0; j < ORDER.length; j++) {
        DType a = DType.of(ORDER[i]);
        DType b = DType.of(ORDER[j]);
        assertEquals(row[j], DType.promote(a, b).toString(), a + " with " + b);
      }
    }
  }

  @Test
  void weakScalarsFollowNep50() {
    assertEquals(
        DType.FLOAT32,
        Ufunc.loop(io.ndj.spi.BinaryOp.MULTIPLY, Scalars.weakPromote(DType.FLOAT32, 5)));
    assertEquals(DType.FLOAT64, Scalars.weakPromote(DType.INT32, 2.5));
    assertEquals(DType.INT64, Scalars.weakPromote(DType.BOOL, 1));
    assertEquals(DType.UINT8, Scalars.weakPromote(DType.UINT8, 3));
    assertEquals(false, Scalars.fits(300, DType.UINT8));
  }
}
