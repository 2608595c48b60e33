package io.ndj.conformance;

import io.ndj.Backend;
import io.ndj.DType;
import io.ndj.NdArray;
import java.util.Arrays;

/**
 * One generated input array: its dtype, its logical shape and values (C order), and the layout it
 * is built with on the backend (contiguous, transposed, strided, reversed or offset), so that
 * kernels see non-contiguous views; broadcast (stride-0) views come from pairs of shapes ({@link
 * Gens#broadcastPair}). Floats are held as doubles (exactly representable in the dtype), everything
 * else as longs.
 */
public record Case(DType dtype, long[] shape, double[] d, long[] l, Layout layout) {

  /** How the array is laid out in memory; each still holds the same logical values. */
  public enum Layout {
    CONTIGUOUS,
    TRANSPOSED,
    STRIDED,
    REVERSED,
    OFFSET
  }

  public long size() {
    long n = 1;
    for (long s : shape) {
      n *= s;
    }
    return n;
  }

  public int ndim() {
    return shape.length;
  }

  /** Element {@code i} (C order) as a double (ints converted). */
  public double get(int i) {
    return d != null ? d[i] : dtype == DType.UINT64 ? Oracle.unsigned(l[i]).doubleValue() : l[i];
  }

  public long getLong(int i) {
    return d != null ? (long) d[i] : l[i];
  }

  /** Builds the array on {@code b} in this case's layout. The caller closes it. */
  public NdArray build(Backend b) {
    int n = (int) size();
    return switch (layout) {
      case CONTIGUOUS -> plain(b, order(n, null), shape);
      case TRANSPOSED -> {
        // store the transpose contiguously, then view it transposed back
        long[] rs = reversed(shape);
        int[] perm = transposeOrder(shape);
        try (NdArray t = plain(b, order(n, perm), rs)) {
          yield t.T();
        }
      }
      case REVERSED -> {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
          perm[i] = n - 1 - i;
        }
        try (NdArray t = plain(b, order(n, perm), shape)) {
          yield shape.length == 0 ? t.copy() : t.flip();
        }
      }
      case STRIDED -> {
        // every other element of a twice-as-long last axis
        if (shape.length == 0) {
          yield plain(b, order(n, null), shape);
        }
        long[] big = shape.clone();
        big[big.length - 1] *= 2;
        int bn = (int) Arrays.stream(big).reduce(1, (x, y) -> x * y);
        int[] src = new int[bn];
        long last = shape[shape.length - 1];
        for (int i = 0; i < bn; i++) {
          long row = i / Math.max(1, 2 * last);
          long col = i % Math.max(1, 2 * last);
          src[i] = col % 2 == 0 ? (int) (row * last + col / 2) : -1;
        }
        try (NdArray t = plain(b, order(bn, src), big)) {
          yield t.get("..., ::2");
        }
      }
      case OFFSET -> {
        int[] src = new int[n + 3];
        for (int i = 0; i < n + 3; i++) {
          src[i] = i < 3 ? -1 : i - 3;
        }
        try (NdArray t = plain(b, order(n + 3, src), new long[] {n + 3});
            NdArray tail = t.get("3:")) {
          yield tail.reshape(shape);
        }
      }
    };
  }

  /**
   * Values in the order given by {@code src} (an index into this case's values, or -1 for filler).
   */
  private Object order(int n, int[] src) {
    if (d != null) {
      double[] r = new double[n];
      for (int i = 0; i < n; i++) {
        int s = src == null ? i : src[i];
        r[i] = s < 0 ? 7.0 : d[s];
      }
      return r;
    }
    long[] r = new long[n];
    for (int i = 0; i < n; i++) {
      int s = src == null ? i : src[i];
      r[i] = s < 0 ? 1 : l[s];
    }
    return r;
  }

  private NdArray plain(Backend b, Object data, long[] shp) {
    // exact in float64 / int64, then one cast to the dtype (values are representable in it)
    try (NdArray flat = b.array(data, null);
        NdArray shaped = flat.reshape(shp)) {
      return shaped.astype(dtype);
    }
  }

  private static long[] reversed(long[] s) {
    long[] r = new long[s.length];
    for (int i = 0; i < s.length; i++) {
      r[i] = s[s.length - 1 - i];
    }
    return r;
  }

  /**
   * For the transposed layout: element k of the stored (reversed-shape) array is logical element
   * perm[k].
   */
  private static int[] transposeOrder(long[] shape) {
    int nd = shape.length;
    long[] rs = reversed(shape);
    int n = (int) Arrays.stream(shape).reduce(1, (x, y) -> x * y);
    int[] perm = new int[n];
    long[] idx = new long[nd];
    for (int k = 0; k < n; k++) {
      // idx is the multi-index in the reversed shape; logical index is its reverse
      long lin = 0;
      for (int a = 0; a < nd; a++) {
        lin = lin * shape[a] + idx[nd - 1 - a];
      }
      perm[k] = (int) lin;
      for (int a = nd - 1; a >= 0; a--) {
        if (++idx[a] < rs[a]) {
          break;
        }
        idx[a] = 0;
      }
    }
    return perm;
  }

  /** A Java snippet that rebuilds this input on the default backend, for failure reports. */
  public String reproducer() {
    String data = d != null ? "new double[] " + javaList(d) : "new long[] " + javaList(l);
    String s =
        "Nd.array(" + data + ").reshape(" + join(shape) + ").astype(DType." + dtype.name() + ")";
    return s + " /* built " + layout.name().toLowerCase() + " */";
  }

  private static String join(long[] s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length; i++) {
      b.append(i > 0 ? ", " : "").append(s[i]);
    }
    return b.toString();
  }

  private static String javaList(double[] v) {
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i < v.length; i++) {
      double x = v[i];
      b.append(i > 0 ? ", " : "");
      if (Double.isNaN(x)) {
        b.append("Double.NaN");
      } else if (Double.isInfinite(x)) {
        b.append(x > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY");
      } else {
        b.append(x);
      }
    }
    return b.append('}').toString();
  }

  private static String javaList(long[] v) {
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i < v.length; i++) {
      b.append(i > 0 ? ", " : "")
          .append(v[i])
          .append(v[i] > Integer.MAX_VALUE || v[i] < Integer.MIN_VALUE ? "L" : "");
    }
    return b.append('}').toString();
  }

  @Override
  public String toString() {
    return dtype
        + Arrays.toString(shape)
        + " "
        + layout.name().toLowerCase()
        + " = "
        + reproducer();
  }
}
