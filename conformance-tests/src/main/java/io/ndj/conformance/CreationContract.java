package io.ndj.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ndj.DType;
import io.ndj.Nd;
import io.ndj.NdArray;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/** Creation functions against NumPy 2.4's printed results (written literally). */
public interface CreationContract extends KitSupport {

  @Test
  default void arangeFollowsNumpysLengthRule() {
    assertEquals("[0.  0.1 0.2 0.3 0.4 0.5 0.6 0.7 0.8 0.9]", arange(0, 1, 0.1).toString());
    assertEquals("[10  7  4  1]", arange(10, 0, -3).toString());
    assertEquals("[-1.5 -1.  -0.5  0.   0.5]", arange(-1.5, 1.0, 0.5, DType.FLOAT32).toString());
    assertEquals(DType.INT64, arange(5).dtype());
    assertEquals("(0,)", arange(1, 0).shape().toString());
  }

  @Test
  default void linspaceAndEye() {
    assertEquals("[0.   0.25 0.5  0.75 1.  ]", linspace(0, 1, 5).toString());
    assertEquals("[0 2 5 7]", linspace(0, 10, 4, false, DType.INT32).toString());
    assertEquals(
        "[[0. 1. 0. 0.]\n [0. 0. 1. 0.]\n [0. 0. 0. 1.]]", eye(3, 4, 1, DType.FLOAT64).toString());
    assertEquals("[[0 0 0 0]\n [1 0 0 0]\n [0 1 0 0]]", eye(3, 4, -1, DType.INT8).toString());
    assertEquals("[[1. 0.]\n [0. 1.]]", identity(2).toString());
  }

  @Test
  default void fullPicksNumpysDefaultDtypes() {
    assertEquals("[[7 7]\n [7 7]]", full(7, 2, 2).toString());
    assertEquals(DType.INT64, full(7, 2, 2).dtype());
    assertEquals(DType.FLOAT64, full(2.5, 2).dtype());
    assertEquals(DType.FLOAT64, zeros(2).dtype());
    assertEquals("[ True  True]", ones(DType.BOOL, 2).toString());
    NdArray like = Nd.onesLike(zeros(DType.UINT8, 2, 3));
    assertEquals(DType.UINT8, like.dtype());
    assertEquals("[[1 1 1]\n [1 1 1]]", like.toString());
  }

  @Test
  default void arraysFromJavaData() {
    assertEquals(DType.FLOAT32, array(new float[] {1, 2}).dtype());
    assertEquals(DType.INT32, array(new int[] {1, 2}).dtype());
    assertEquals(DType.INT16, array(new short[] {1, 2}).dtype());
    assertEquals(DType.INT8, array(new byte[] {1, 2}).dtype());
    assertEquals(DType.BOOL, array(new boolean[] {true}).dtype());
    assertEquals("[[1 2 3]\n [4 5 6]]", array(new long[][] {{1, 2, 3}, {4, 5, 6}}).toString());
    assertEquals("[[1. 2.]\n [3. 4.]]", array(new double[] {1, 2, 3, 4}, 2, 2).toString());
    assertEquals("[1 2 3]", array(new double[] {1.5, 2.5, 3.5}, DType.UINT8).toString());
    assertArrayEquals(new float[] {1, 2}, array(new float[][] {{1}, {2}}).toFloatArray());
  }

  @Test
  default void copyToFillsTheCallersMemoryInCOrder() {
    // NumPy: np.arange(6, dtype=np.float32).reshape(2, 3).T.ravel() -> [0, 3, 1, 4, 2, 5]
    NdArray t = arange(6).astype(DType.FLOAT32).reshape(2, 3).transpose();
    float[] into = new float[6];
    t.copyTo(MemorySegment.ofArray(into));
    assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, into);
    long[] ints = new long[2];
    array(new long[] {7, -8, 9}).get("1:").copyTo(MemorySegment.ofArray(ints));
    assertArrayEquals(new long[] {-8, 9}, ints);
    zeros(0).copyTo(MemorySegment.ofArray(new double[0]));

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> t.copyTo(MemorySegment.ofArray(new float[5])));
    assertEquals(
        "cannot copy an array of shape (3,2) and dtype float32 (24 bytes) into a segment of 20 bytes",
        e.getMessage());
    MemorySegment readOnly = MemorySegment.ofArray(new float[6]).asReadOnly();
    e = assertThrows(IllegalArgumentException.class, () -> t.copyTo(readOnly));
    assertEquals(
        "cannot copy an array of shape (3,2) and dtype float32 (24 bytes) into a read-only segment of 24 "
            + "bytes",
        e.getMessage());
    assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, into); // the failed copies wrote nothing
  }

  @Test
  default void exportsCastLikeAstype() {
    NdArray a = array(new double[] {-1.5, 0, 2.7});
    assertArrayEquals(new long[] {-1, 0, 2}, a.toLongArray());
    assertArrayEquals(new int[] {-1, 0, 2}, a.toIntArray());
    assertArrayEquals(new boolean[] {true, false, true}, a.toBooleanArray());
    assertArrayEquals(new byte[] {-1, 0, 2}, a.toByteArray());
    assertArrayEquals(new short[] {-1, 0, 2}, a.toShortArray());
    assertEquals(2.7, a.get(2).doubleValue());
    assertEquals(Boolean.TRUE, scalar(true).item());
    assertEquals(3L, scalar(3).item());
  }
}
