package io.ndj.spark;

import io.ndj.ArrayFactory;
import io.ndj.DType;
import io.ndj.NdArray;
import java.io.Serializable;
import java.lang.foreign.MemorySegment;

/**
 * One row block of a {@link DistArray} as it travels between Spark's driver and executors and sits
 * in Spark's cache: its place (block index, first row), dtype, shape and elements in C order, held
 * as the Java array of the dtype's width ({@code double[]} for float64, {@code float[]} for
 * float32, {@code long[]}, {@code int[]}, {@code short[]} for int16 and float16 bits, {@code
 * byte[]} for int8, uint8 and bool), which Java serializes compactly and the cpu backend reads in
 * place ({@link #toNd}).
 *
 * @param index the block's position, from 0
 * @param rowStart the global index of its first row
 * @param dtype the NumPy name of its dtype
 * @param shape its shape (rows first)
 * @param data its elements, C order
 */
public record Block(int index, long rowStart, String dtype, long[] shape, Object data)
    implements Serializable {
  /** The block of {@code x}: its elements copied into a Java array. */
  public static Block of(int index, long rowStart, NdArray x) {
    if (x.size() > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "a block holds at most 2^31 - 9 elements; this one has "
              + x.size()
              + ": use more blocks");
    }
    Object data =
        switch (x.dtype()) {
          // complex values as their (re, im) pairs
          case FLOAT64, COMPLEX128 -> x.toDoubleArray();
          case FLOAT32, COMPLEX64 -> x.toFloatArray();
          // unsigned values keep their bits in the signed array of their width
          case INT64, UINT64 -> x.toLongArray();
          case INT32, UINT32 -> x.toIntArray();
          case INT16, UINT16, FLOAT16 -> x.toShortArray();
          case INT8, UINT8, BOOL -> bytes(x);
        };
    return new Block(index, rowStart, x.dtype().toString(), x.shape().dims(), data);
  }

  private static byte[] bytes(NdArray x) {
    byte[] b = new byte[(int) x.size()];
    try (NdArray c = x.flags().cContiguous() ? null : x.copy()) {
      (c == null ? x : c).copyTo(MemorySegment.ofArray(b));
    }
    return b;
  }

  private MemorySegment segment() {
    return switch (data) {
      case double[] d -> MemorySegment.ofArray(d);
      case float[] f -> MemorySegment.ofArray(f);
      case long[] l -> MemorySegment.ofArray(l);
      case int[] i -> MemorySegment.ofArray(i);
      case short[] s -> MemorySegment.ofArray(s);
      default -> MemorySegment.ofArray((byte[]) data);
    };
  }

  /**
   * The block as an ndj array on {@code backend}: read in place, read-only, where the backend
   * addresses host memory (cpu: an in-place update of a cached block would change Spark's copy, so
   * it raises NumPy's "assignment destination is read-only"), else copied to the backend.
   */
  public NdArray toNd(ArrayFactory backend) {
    DType t = DType.of(dtype);
    try {
      return backend.wrap(segment().asReadOnly(), t, shape);
    } catch (UnsupportedOperationException elsewhere) {
      try (NdArray raw = backend.array(data, null)) {
        try (NdArray typed = raw.view(t)) {
          return typed.reshape(shape).copy();
        }
      }
    }
  }

  /** Its number of rows. */
  public long rows() {
    return shape.length == 0 ? 1 : shape[0];
  }
}
