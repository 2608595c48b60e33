package io.ndj;

import java.lang.foreign.MemorySegment;
import java.lang.reflect.Array;

/** Java arrays (1-d primitive, or nested 2-d) as a dtype, a shape and a host segment. */
record HostData(DType dtype, long[] shape, MemorySegment segment) {

  static HostData of(Object data) {
    if (data == null) {
      throw new IllegalArgumentException("data must not be null");
    }
    Class<?> c = data.getClass();
    if (!c.isArray()) {
      throw new IllegalArgumentException("expected a Java array, got " + c.getName());
    }
    if (c.getComponentType().isArray()) {
      return nested(data);
    }
    int n = Array.getLength(data);
    long[] shape = {n};
    return switch (data) {
      case double[] d -> new HostData(DType.FLOAT64, shape, MemorySegment.ofArray(d));
      case float[] f -> new HostData(DType.FLOAT32, shape, MemorySegment.ofArray(f));
      case long[] l -> new HostData(DType.INT64, shape, MemorySegment.ofArray(l));
      case int[] i -> new HostData(DType.INT32, shape, MemorySegment.ofArray(i));
      case short[] s -> new HostData(DType.INT16, shape, MemorySegment.ofArray(s));
      case byte[] b -> new HostData(DType.INT8, shape, MemorySegment.ofArray(b));
      case boolean[] z -> {
        byte[] b = new byte[z.length];
        for (int i = 0; i < z.length; i++) {
          b[i] = (byte) (z[i] ? 1 : 0);
        }
        yield new HostData(DType.BOOL, shape, MemorySegment.ofArray(b));
      }
      default ->
          throw new IllegalArgumentException("unsupported Java array type " + c.getSimpleName());
    };
  }

  private static HostData nested(Object data) {
    int rows = Array.getLength(data);
    Class<?> row = data.getClass().getComponentType();
    if (row.getComponentType().isArray()) {
      throw new IllegalArgumentException(
          "nested Java arrays deeper than 2 levels: use array(flat, shape)");
    }
    int cols = rows == 0 ? 0 : Array.getLength(Array.get(data, 0));
    Object flat = Array.newInstance(row.getComponentType(), rows * cols);
    for (int r = 0; r < rows; r++) {
      Object rr = Array.get(data, r);
      if (rr == null || Array.getLength(rr) != cols) {
        throw new IllegalArgumentException(
            "setting an array element with a sequence. The requested array has an inhomogeneous shape after 1"
                + " dimensions. The detected shape was ("
                + rows
                + ",) + inhomogeneous part.");
      }
      System.arraycopy(rr, 0, flat, r * cols, cols);
    }
    HostData h = of(flat);
    return new HostData(h.dtype, new long[] {rows, cols}, h.segment);
  }
}
