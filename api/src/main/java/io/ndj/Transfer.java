package io.ndj;

import java.lang.foreign.MemorySegment;

/** Host transfers: Java arrays in and out, and moves between backends. */
final class Transfer {
  private Transfer() {}

  /**
   * A new contiguous array of {@code type} on {@code b} holding {@code src}'s bytes (in {@code
   * type}'s layout).
   */
  static NdArray fromHost(Backend b, DType type, long[] shape, MemorySegment src) {
    NdArray out = NdArray.allocate(b, type, shape);
    if (src.byteSize() > 0) {
      b.kernels().write(out.storage.buffer, 0, src);
    }
    return out;
  }

  /** Reads {@code a} (any layout) as {@code type} into the host segment {@code dst}. */
  private static void read(NdArray a, DType type, MemorySegment dst) {
    a.ensureOpen();
    if (a.size() > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "array of size " + a.size() + " does not fit a Java array; read it in slices");
    }
    if (a.size() == 0) {
      return;
    }
    if (a.dtype == type && a.isCContiguous()) {
      a.backend().kernels().read(a.storage.buffer, a.offset * type.itemsize(), dst);
      java.lang.ref.Reference.reachabilityFence(a);
      return;
    }
    try (NdArray c = a.astype(type)) {
      c.backend().kernels().read(c.storage.buffer, 0, dst);
    }
  }

  /** The array's raw bytes in C order (its own dtype) into {@code dst}. */
  static void readBytes(NdArray a, MemorySegment dst) {
    read(a, a.dtype, dst);
  }

  static double[] toDoubleArray(NdArray a) {
    boolean c = a.dtype.isComplex();
    double[] r = new double[(int) Math.min(a.size() * (c ? 2 : 1), Integer.MAX_VALUE)];
    read(a, c ? DType.COMPLEX128 : DType.FLOAT64, MemorySegment.ofArray(r));
    return r;
  }

  static float[] toFloatArray(NdArray a) {
    boolean c = a.dtype.isComplex();
    float[] r = new float[(int) Math.min(a.size() * (c ? 2 : 1), Integer.MAX_VALUE)];
    read(a, c ? DType.COMPLEX64 : DType.FLOAT32, MemorySegment.ofArray(r));
    return r;
  }

  static long[] toLongArray(NdArray a) {
    long[] r = new long[(int) a.size()];
    read(a, DType.INT64, MemorySegment.ofArray(r));
    return r;
  }

  static int[] toIntArray(NdArray a) {
    int[] r = new int[(int) a.size()];
    read(a, DType.INT32, MemorySegment.ofArray(r));
    return r;
  }

  static short[] toShortArray(NdArray a) {
    short[] r = new short[(int) a.size()];
    read(a, a.dtype == DType.FLOAT16 ? DType.FLOAT16 : DType.INT16, MemorySegment.ofArray(r));
    return r;
  }

  static byte[] toByteArray(NdArray a) {
    byte[] r = new byte[(int) a.size()];
    read(
        a,
        a.dtype == DType.UINT8 || a.dtype == DType.BOOL ? a.dtype : DType.INT8,
        MemorySegment.ofArray(r));
    return r;
  }

  static boolean[] toBooleanArray(NdArray a) {
    byte[] b = new byte[(int) a.size()];
    read(a, DType.BOOL, MemorySegment.ofArray(b));
    boolean[] r = new boolean[b.length];
    for (int i = 0; i < b.length; i++) {
      r[i] = b[i] != 0;
    }
    return r;
  }

  static NdArray to(NdArray a, Backend target) {
    if (a.nbytes() > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "array of " + a.nbytes() + " bytes is too large to move at once");
    }
    byte[] bytes = new byte[(int) a.nbytes()];
    read(a, a.dtype, MemorySegment.ofArray(bytes));
    return fromHost(target, a.dtype, a.shape.clone(), MemorySegment.ofArray(bytes));
  }
}
