package io.ndj.cpu.elementwise;

import io.ndj.DType;
import io.ndj.cpu.Loop;
import io.ndj.cpu.memory.CpuBuffer;
import io.ndj.cpu.memory.Layouts;
import io.ndj.cpu.memory.Scratch;
import io.ndj.spi.BinaryOp;
import io.ndj.spi.UnaryOp;
import io.ndj.spi.View;
import java.lang.foreign.MemorySegment;

// Its float32 and float64 loops are twins on purpose: each runs over its buffer's own float[] or
// double[], which C2 vectorises only as loops over one primitive array type.
/**
 * float32 and float64 {@code + - * /}, maximum and minimum (NumPy's: a NaN on either side wins),
 * int32 and int64 {@code + - *}, and square, negative and absolute on C-contiguous operands of one
 * dtype (or an array and a scalar): one typed loop over the buffers' own float[] or double[] arrays
 * (or over typed runs copied in and out, for buffers held otherwise), with no widening to double
 * and back (the general loop's cost for float32). The results are the same: a float32 operation
 * rounds once, exactly as the widened one rounded back. Copied runs are the thread's scratch: a
 * small op allocates nothing here (fresh young-generation pages fault).
 */
public final class Dense {
  private static final int RUN = 4096;

  private Dense() {}

  /**
   * Runs {@code out = a op b} ({@code b} null: {@code a op scalar}, or {@code scalar op a} when
   * {@code scalarFirst}) on the typed loops when they apply, and says whether they did. A single
   * value broadcast against a contiguous array on either side ({@code x - x.mean(keepdims=True)})
   * runs as the scalar form.
   */
  public static boolean binary(
      BinaryOp op, View out, View a, View b, Number scalar, boolean scalarFirst) {
    DType t = a.dtype();
    if (t == DType.INT32 || t == DType.INT64) {
      return integers(op, out, a, b, scalar, scalarFirst);
    }
    if ((t != DType.FLOAT32 && t != DType.FLOAT64)
        || out.dtype() != t
        || (b != null && b.dtype() != t)
        || (op != BinaryOp.ADD
            && op != BinaryOp.SUBTRACT
            && op != BinaryOp.MULTIPLY
            && op != BinaryOp.DIVIDE
            && op != BinaryOp.MAXIMUM
            && op != BinaryOp.MINIMUM)
        || !out.isContiguous()) {
      return false;
    }
    if (b == null) {
      if (!a.isContiguous()) {
        return false;
      }
      run(op, out, a, null, scalar, scalarFirst);
    } else if (a.isContiguous() && b.isContiguous()) {
      run(op, out, a, b, null, false);
    } else if (a.isContiguous() && isBroadcastScalar(b)) {
      run(op, out, a, null, value(b), false);
    } else if (b.isContiguous() && isBroadcastScalar(a)) {
      run(op, out, b, null, value(a), true);
    } else if (a.isContiguous() && isColumn(b)) {
      return rows(op, out, a, b, false);
    } else if (b.isContiguous() && isColumn(a)) {
      return rows(op, out, b, a, true);
    } else {
      return false;
    }
    return true;
  }

  /**
   * Whether v holds one value a row broadcast along the last axis (stride 0 there), its rows laid
   * out one after another: x - x.mean(-1, keepdims=True) and the like.
   */
  private static boolean isColumn(View v) {
    int nd = v.ndim();
    if (nd < 2 || v.strides()[nd - 1] != 0 || v.shape()[nd - 1] < 2) {
      return false;
    }
    long expected = 1;
    for (int i = nd - 2; i >= 0; i--) {
      if (v.shape()[i] != 1 && v.strides()[i] != expected) {
        return false;
      }
      expected *= v.shape()[i];
    }
    return true;
  }

  /**
   * {@code out = full op column} (or {@code column op full} where {@code columnFirst}), row by row
   * with the row's value as the scalar; false where the buffers are not float[] or double[] at one
   * offset (the general loop then runs it).
   */
  private static boolean rows(BinaryOp op, View out, View full, View column, boolean columnFirst) {
    long oo = out.offset();
    long fo0 = full.offset();
    long n = out.size();
    long row = out.shape()[out.ndim() - 1];
    DType t = full.dtype();
    // a full operand at another offset (a block of a fused program) is copied into out's row
    // first, then turned there; not where the two share a buffer
    boolean copy = fo0 != oo;
    if (copy && out.buffer() == full.buffer() || Math.max(oo, fo0) + n > Integer.MAX_VALUE) {
      return false;
    }
    float[] fo = CpuBuffer.floats(out.buffer());
    float[] fa = CpuBuffer.floats(full.buffer());
    float[] fc = CpuBuffer.floats(column.buffer());
    double[] dout = CpuBuffer.doubles(out.buffer());
    double[] da = CpuBuffer.doubles(full.buffer());
    double[] dc = CpuBuffer.doubles(column.buffer());
    boolean single = t == DType.FLOAT32;
    if (single
        ? fo == null || fa == null || fc == null
        : dout == null || da == null || dc == null) {
      return false;
    }
    int co = (int) column.offset();
    Loop.split(
        n / row,
        Math.max(1, Loop.PARALLEL_MIN / row),
        (lo, hi) -> {
          for (long r = lo; r < hi; r++) {
            int from = (int) (oo + r * row);
            int to = (int) (from + row);
            int src = (int) (fo0 + r * row);
            if (single) {
              if (copy) {
                System.arraycopy(fa, src, fo, from, (int) row);
              }
              apply(op, fo, copy ? fo : fa, fc[co + (int) r], columnFirst, from, to);
            } else {
              if (copy) {
                System.arraycopy(da, src, dout, from, (int) row);
              }
              apply(op, dout, copy ? dout : da, dc[co + (int) r], columnFirst, from, to);
            }
          }
        });
    return true;
  }

  /**
   * int32 and int64 {@code + - *} (wrapping, as NumPy's) on contiguous operands held in int[] or
   * long[] buffers at one offset, or one of them and an integer scalar that fits the dtype;
   * anything else stays on the general loop.
   */
  private static boolean integers(
      BinaryOp op, View out, View a, View b, Number scalar, boolean scalarFirst) {
    DType t = a.dtype();
    boolean wide = t == DType.INT64;
    long n = out.size();
    long oo = out.offset();
    if (out.dtype() != t
        || (b != null && b.dtype() != t)
        || (op != BinaryOp.ADD && op != BinaryOp.SUBTRACT && op != BinaryOp.MULTIPLY)
        || !out.isContiguous()
        || !a.isContiguous()
        || (b != null && !b.isContiguous())
        || a.offset() != oo
        || (b != null && b.offset() != oo)
        || oo + n > Integer.MAX_VALUE) {
      return false;
    }
    if (b == null
        && (!(scalar instanceof Long || scalar instanceof Integer)
            || (!wide && scalar.longValue() != (int) scalar.longValue()))) {
      return false;
    }
    int[] io = CpuBuffer.ints(out.buffer());
    int[] ia = CpuBuffer.ints(a.buffer());
    int[] ib = b == null ? null : CpuBuffer.ints(b.buffer());
    long[] lo = CpuBuffer.longs(out.buffer());
    long[] la = CpuBuffer.longs(a.buffer());
    long[] lb = b == null ? null : CpuBuffer.longs(b.buffer());
    if (wide
        ? lo == null || la == null || (b != null && lb == null)
        : io == null || ia == null || (b != null && ib == null)) {
      return false;
    }
    boolean left = b == null && scalarFirst;
    Loop.split(
        (n + RUN - 1) / RUN,
        Math.max(1, Loop.PARALLEL_MIN / RUN),
        (p, q) -> {
          int from = (int) (oo + p * RUN);
          int to = (int) (oo + Math.min(n, q * RUN));
          if (wide) {
            if (b == null) {
              apply(op, lo, la, scalar.longValue(), left, from, to);
            } else {
              apply(op, lo, la, lb, from, to);
            }
          } else if (b == null) {
            apply(op, io, ia, (int) scalar.longValue(), left, from, to);
          } else {
            apply(op, io, ia, ib, from, to);
          }
        });
    return true;
  }

  private static MemorySegment seg(View v) {
    return ((CpuBuffer) v.buffer()).segment();
  }

  /** True when every stride is 0: one value seen at every position. */
  private static boolean isBroadcastScalar(View v) {
    for (long st : v.strides()) {
      if (st != 0) {
        return false;
      }
    }
    return true;
  }

  /** The value of a float32 or float64 view at its offset. */
  private static Number value(View v) {
    return v.dtype() == DType.FLOAT32
        ? (Number) seg(v).getAtIndex(Layouts.JAVA_FLOAT, v.offset())
        : (Number) seg(v).getAtIndex(Layouts.JAVA_DOUBLE, v.offset());
  }

  /**
   * {@code out = a op b}, or {@code a op scalar} ({@code scalar op a} when {@code scalarFirst}).
   * Operands held in float[] or double[] buffers (see {@link CpuBuffer}) at one offset are indexed
   * directly, in loops over one index (the JIT vectorises those; with an offset per operand it must
   * assume the arrays overlap and does not); others are copied through typed runs, a scalar being a
   * run filled with it.
   */
  private static void run(
      BinaryOp op, View out, View a, View b, Number scalar, boolean scalarFirst) {
    long oo = out.offset();
    DType t = a.dtype();
    long n = out.size();
    boolean left = scalar != null && scalarFirst;
    boolean aligned =
        a.offset() == oo && (b == null || b.offset() == oo) && oo + n <= Integer.MAX_VALUE;
    float[] fo = CpuBuffer.floats(out.buffer());
    float[] fa = CpuBuffer.floats(a.buffer());
    float[] fb = b == null ? null : CpuBuffer.floats(b.buffer());
    double[] dout = CpuBuffer.doubles(out.buffer());
    double[] da = CpuBuffer.doubles(a.buffer());
    double[] db = b == null ? null : CpuBuffer.doubles(b.buffer());
    boolean direct =
        aligned
            && (t == DType.FLOAT32
                ? fo != null && fa != null && (b == null || fb != null)
                : dout != null && da != null && (b == null || db != null));
    Loop.split(
        (n + RUN - 1) / RUN,
        Math.max(1, Loop.PARALLEL_MIN / RUN),
        (lo, hi) -> {
          if (!direct) {
            copying(op, out, a, b, scalar, left, lo, hi);
            return;
          }
          int from = (int) (oo + lo * RUN);
          int to = (int) (oo + Math.min(n, hi * RUN));
          if (t == DType.FLOAT32) {
            if (scalar == null) {
              apply(op, fo, fa, fb, from, to);
            } else {
              apply(op, fo, fa, scalar.floatValue(), left, from, to);
            }
          } else if (scalar == null) {
            apply(op, dout, da, db, from, to);
          } else {
            apply(op, dout, da, scalar.doubleValue(), left, from, to);
          }
        });
  }

  /**
   * Runs {@code [lo, hi)} of {@link #run} through typed runs copied in and out of the buffers'
   * segments.
   */
  private static void copying(
      BinaryOp op, View out, View a, View b, Number scalar, boolean left, long lo, long hi) {
    MemorySegment so = seg(out);
    MemorySegment sa = seg(a);
    MemorySegment sb = b == null ? null : seg(b);
    long oo = out.offset();
    long ao = a.offset();
    long bo = b == null ? 0 : b.offset();
    long n = out.size();
    int run = (int) Math.min(RUN, n);
    if (a.dtype() == DType.FLOAT32) {
      Scratch sc = Scratch.get();
      float[] x = sc.floats(0, run);
      float[] y = sc.floats(1, run);
      float[] o = sc.floats(2, run);
      for (long r = lo; r < hi; r++) {
        long at = r * RUN;
        int m = (int) Math.min(RUN, n - at);
        MemorySegment.copy(sa, Layouts.JAVA_FLOAT, (ao + at) * 4, x, 0, m);
        if (scalar == null) {
          MemorySegment.copy(sb, Layouts.JAVA_FLOAT, (bo + at) * 4, y, 0, m);
          apply(op, o, x, y, 0, m);
        } else {
          apply(op, o, x, scalar.floatValue(), left, 0, m);
        }
        MemorySegment.copy(o, 0, so, Layouts.JAVA_FLOAT, (oo + at) * 4, m);
      }
    } else {
      Scratch sc = Scratch.get();
      double[] x = sc.doubles(0, run);
      double[] y = sc.doubles(1, run);
      double[] o = sc.doubles(2, run);
      for (long r = lo; r < hi; r++) {
        long at = r * RUN;
        int m = (int) Math.min(RUN, n - at);
        MemorySegment.copy(sa, Layouts.JAVA_DOUBLE, (ao + at) * 8, x, 0, m);
        if (scalar == null) {
          MemorySegment.copy(sb, Layouts.JAVA_DOUBLE, (bo + at) * 8, y, 0, m);
          apply(op, o, x, y, 0, m);
        } else {
          apply(op, o, x, scalar.doubleValue(), left, 0, m);
        }
        MemorySegment.copy(o, 0, so, Layouts.JAVA_DOUBLE, (oo + at) * 8, m);
      }
    }
  }

  /**
   * Casts a contiguous float32 array to float64 or back, on the buffers' own arrays at one offset,
   * when it applies (a widening is exact; a narrowing rounds to nearest even, as Java's cast does),
   * and says whether it did.
   */
  public static boolean cast(View out, View in) {
    long n = out.size();
    long oo = out.offset();
    if (!out.isContiguous()
        || !in.isContiguous()
        || in.offset() != oo
        || oo + n > Integer.MAX_VALUE) {
      return false;
    }
    float[] f32out = CpuBuffer.floats(out.buffer());
    double[] f64in = CpuBuffer.doubles(in.buffer());
    double[] f64out = CpuBuffer.doubles(out.buffer());
    float[] f32in = CpuBuffer.floats(in.buffer());
    boolean narrow =
        out.dtype() == DType.FLOAT32
            && in.dtype() == DType.FLOAT64
            && f32out != null
            && f64in != null;
    boolean widen =
        out.dtype() == DType.FLOAT64
            && in.dtype() == DType.FLOAT32
            && f64out != null
            && f32in != null;
    if (!narrow && !widen) {
      return false;
    }
    Loop.split(
        (n + RUN - 1) / RUN,
        Math.max(1, Loop.PARALLEL_MIN / RUN),
        (lo, hi) -> {
          int from = (int) (oo + lo * RUN);
          int to = (int) (oo + Math.min(n, hi * RUN));
          if (narrow) {
            for (int i = from; i < to; i++) {
              f32out[i] = (float) f64in[i];
            }
          } else {
            for (int i = from; i < to; i++) {
              f64out[i] = f32in[i];
            }
          }
        });
    return true;
  }

  /**
   * Runs square, negative or absolute of a contiguous float array on the typed loop when it
   * applies.
   */
  public static boolean unary(UnaryOp op, View out, View in) {
    DType t = in.dtype();
    if ((t != DType.FLOAT32 && t != DType.FLOAT64)
        || out.dtype() != t
        || (op != UnaryOp.SQUARE && op != UnaryOp.NEGATIVE && op != UnaryOp.ABS)
        || !out.isContiguous()
        || !in.isContiguous()) {
      return false;
    }
    MemorySegment so = seg(out);
    MemorySegment si = seg(in);
    long oo = out.offset();
    long io = in.offset();
    long n = out.size();
    float[] fo = CpuBuffer.floats(out.buffer());
    float[] fi = CpuBuffer.floats(in.buffer());
    double[] dout = CpuBuffer.doubles(out.buffer());
    double[] di = CpuBuffer.doubles(in.buffer());
    boolean direct =
        io == oo
            && oo + n <= Integer.MAX_VALUE
            && (t == DType.FLOAT32 ? fo != null && fi != null : dout != null && di != null);
    Loop.split(
        (n + RUN - 1) / RUN,
        Math.max(1, Loop.PARALLEL_MIN / RUN),
        (lo, hi) -> {
          if (direct) {
            int from = (int) (oo + lo * RUN);
            int to = (int) (oo + Math.min(n, hi * RUN));
            if (t == DType.FLOAT32) {
              apply(op, fo, fi, from, to);
            } else {
              apply(op, dout, di, from, to);
            }
            return;
          }
          int run = (int) Math.min(RUN, n);
          if (t == DType.FLOAT32) {
            float[] x = Scratch.get().floats(0, run);
            for (long r = lo; r < hi; r++) {
              long at = r * RUN;
              int m = (int) Math.min(RUN, n - at);
              MemorySegment.copy(si, Layouts.JAVA_FLOAT, (io + at) * 4, x, 0, m);
              apply(op, x, x, 0, m);
              MemorySegment.copy(x, 0, so, Layouts.JAVA_FLOAT, (oo + at) * 4, m);
            }
          } else {
            double[] x = Scratch.get().doubles(0, run);
            for (long r = lo; r < hi; r++) {
              long at = r * RUN;
              int m = (int) Math.min(RUN, n - at);
              MemorySegment.copy(si, Layouts.JAVA_DOUBLE, (io + at) * 8, x, 0, m);
              apply(op, x, x, 0, m);
              MemorySegment.copy(x, 0, so, Layouts.JAVA_DOUBLE, (oo + at) * 8, m);
            }
          }
        });
    return true;
  }

  /** {@code o[i] = op(x[i])} over {@code [from, to)}, for square, negative, absolute. */
  static void apply(UnaryOp op, float[] o, float[] x, int from, int to) {
    switch (op) {
      case SQUARE -> {
        for (int i = from; i < to; i++) {
          o[i] = x[i] * x[i];
        }
      }
      case NEGATIVE -> {
        for (int i = from; i < to; i++) {
          o[i] = -x[i];
        }
      }
      default -> {
        for (int i = from; i < to; i++) {
          o[i] = Math.abs(x[i]);
        }
      }
    }
  }

  /** {@code o[i] = x[i] op y[i]} over {@code [from, to)}. */
  static void apply(BinaryOp op, float[] o, float[] x, float[] y, int from, int to) {
    switch (op) {
      // NumPy's maximum and minimum: a NaN on either side wins
      case MAXIMUM -> {
        for (int i = from; i < to; i++) {
          o[i] = x[i] > y[i] || x[i] != x[i] ? x[i] : y[i];
        }
      }
      case MINIMUM -> {
        for (int i = from; i < to; i++) {
          o[i] = x[i] < y[i] || x[i] != x[i] ? x[i] : y[i];
        }
      }
      case ADD -> {
        for (int i = from; i < to; i++) {
          o[i] = x[i] + y[i];
        }
      }
      case SUBTRACT -> {
        for (int i = from; i < to; i++) {
          o[i] = x[i] - y[i];
        }
      }
      case MULTIPLY -> {
        for (int i = from; i < to; i++) {
          o[i] = x[i] * y[i];
        }
      }
      default -> {
        for (int i = from; i < to; i++) {
          o[i] = x[i] / y[i];
        }
      }
    }
  }

  /** {@code o[i] = x[i] op s}, or {@code s op x[i]} when {@code left}, over {@code [from, to)}. */
  static void apply(BinaryOp op, float[] o, float[] x, float s, boolean left, int from, int to) {
    switch (op) {
      case MAXIMUM -> {
        if (left) {
          for (int i = from; i < to; i++) {
            o[i] = s > x[i] || s != s ? s : x[i];
          }
        } else {
          for (int i = from; i < to; i++) {
            o[i] = x[i] > s || x[i] != x[i] ? x[i] : s;
          }
        }
      }
      case MINIMUM -> {
        if (left) {
          for (int i = from; i < to; i++) {
            o[i] = s < x[i] || s != s ? s : x[i];
          }
        } else {
          for (int i = from; i < to; i++) {
            o[i] = x[i] < s || x[i] != x[i] ? x[i] : s;
          }
        }
      }
      case ADD -> {
        for (int i = from; i < to; i++) {
          o[i] = x[i] + s;
        }
      }
      case MULTIPLY -> {
        for (int i = from; i < to; i++) {
          o[i] = x[i] * s;
        }
      }
      case SUBTRACT -> {
        if (left) {
          for (int i = from; i < to; i++) {
            o[i] = s - x[i];
          }
        } else {
          for (int i = from; i < to; i++) {
            o[i] = x[i] - s;
          }
        }
      }
      default -> {
        if (left) {
          for (int i = from; i < to; i++) {
            o[i] = s / x[i];
          }
        } else {
          for (int i = from; i < to; i++) {
            o[i] = x[i] / s;
          }
        }
      }
    }
  }

  /** {@code o[i] = op(x[i])} over {@code [from, to)}, for square, negative, absolute. */
  static void apply(UnaryOp op, double[] o, double[] x, int from, int to) {
    switch (op) {
      case SQUARE -> {
        for (int i = from; i < to; i++) {
          o[i] = x[i] * x[i];
        }
      }
      case NEGATIVE -> {
        for (int i = from; i < to; i++) {
          o[i] = -x[i];
        }
      }
      default -> {
        for (int i = from; i < to; i++) {
          o[i] = Math.abs(x[i]);
        }
      }
    }
  }

  /** {@code o[i] = x[i] op y[i]} over {@code [from, to)}. */
  static void apply(BinaryOp op, double[] o, double[] x, double[] y, int from, int to) {
    switch (op) {
      // NumPy's maximum and minimum: a NaN on either side wins
      case MAXIMUM -> {
        for (int i = from; i < to; i++) {
          o[i] = x[i] > y[i] || x[i] != x[i] ? x[i] : y[i];
        }
      }
      case MINIMUM -> {
        for (int i = from; i < to; i++) {
          o[i] = x[i] < y[i] || x[i] != x[i] ? x[i] : y[i];
        }
      }
      case ADD -> {
        for (int i = from; i < to; i++) {
          o[i] = x[i] + y[i];
        }
      }
      case SUBTRACT -> {
        for (int i = from; i < to; i++) {
          o[i] = x[i] - y[i];
        }
      }
      case MULTIPLY -> {
        for (int i = from; i < to; i++) {
          o[i] = x[i] * y[i];
        }
      }
      default -> {
        for (int i = from; i < to; i++) {
          o[i] = x[i] / y[i];
        }
      }
    }
  }

  /** {@code o[i] = x[i] op s}, or {@code s op x[i]} when {@code left}, over {@code [from, to)}. */
  static void apply(BinaryOp op, double[] o, double[] x, double s, boolean left, int from, int to) {
    switch (op) {
      case MAXIMUM -> {
        if (left) {
          for (int i = from; i < to; i++) {
            o[i] = s > x[i] || s != s ? s : x[i];
          }
        } else {
          for (int i = from; i < to; i++) {
            o[i] = x[i] > s || x[i] != x[i] ? x[i] : s;
          }
        }
      }
      case MINIMUM -> {
        if (left) {
          for (int i = from; i < to; i++) {
            o[i] = s < x[i] || s != s ? s : x[i];
          }
        } else {
          for (int i = from; i < to; i++) {
            o[i] = x[i] < s || x[i] != x[i] ? x[i] : s;
          }
        }
      }
      case ADD -> {
        for (int i = from; i < to; i++) {
          o[i] = x[i] + s;
        }
      }
      case MULTIPLY -> {
        for (int i = from; i < to; i++) {
          o[i] = x[i] * s;
        }
      }
      case SUBTRACT -> {
        if (left) {
          for (int i = from; i < to; i++) {
            o[i] = s - x[i];
          }
        } else {
          for (int i = from; i < to; i++) {
            o[i] = x[i] - s;
          }
        }
      }
      default -> {
        if (left) {
          for (int i = from; i < to; i++) {
            o[i] = s / x[i];
          }
        } else {
          for (int i = from; i < to; i++) {
            o[i] = x[i] / s;
          }
        }
      }
    }
  }

  /** {@code o[i] = x[i] op y[i]} over {@code [from, to)}, for + - * (wrapping). */
  private static void apply(BinaryOp op, int[] o, int[] x, int[] y, int from, int to) {
    switch (op) {
      case ADD -> {
        for (int i = from; i < to; i++) {
          o[i] = x[i] + y[i];
        }
      }
      case SUBTRACT -> {
        for (int i = from; i < to; i++) {
          o[i] = x[i] - y[i];
        }
      }
      default -> {
        for (int i = from; i < to; i++) {
          o[i] = x[i] * y[i];
        }
      }
    }
  }

  /** {@code o[i] = x[i] op s}, or {@code s op x[i]} when {@code left}, for + - * (wrapping). */
  private static void apply(BinaryOp op, int[] o, int[] x, int s, boolean left, int from, int to) {
    switch (op) {
      case ADD -> {
        for (int i = from; i < to; i++) {
          o[i] = x[i] + s;
        }
      }
      case SUBTRACT -> {
        if (left) {
          for (int i = from; i < to; i++) {
            o[i] = s - x[i];
          }
        } else {
          for (int i = from; i < to; i++) {
            o[i] = x[i] - s;
          }
        }
      }
      default -> {
        for (int i = from; i < to; i++) {
          o[i] = x[i] * s;
        }
      }
    }
  }

  /** {@code o[i] = x[i] op y[i]} over {@code [from, to)}, for + - * (wrapping). */
  private static void apply(BinaryOp op, long[] o, long[] x, long[] y, int from, int to) {
    switch (op) {
      case ADD -> {
        for (int i = from; i < to; i++) {
          o[i] = x[i] + y[i];
        }
      }
      case SUBTRACT -> {
        for (int i = from; i < to; i++) {
          o[i] = x[i] - y[i];
        }
      }
      default -> {
        for (int i = from; i < to; i++) {
          o[i] = x[i] * y[i];
        }
      }
    }
  }

  /** {@code o[i] = x[i] op s}, or {@code s op x[i]} when {@code left}, for + - * (wrapping). */
  private static void apply(
      BinaryOp op, long[] o, long[] x, long s, boolean left, int from, int to) {
    switch (op) {
      case ADD -> {
        for (int i = from; i < to; i++) {
          o[i] = x[i] + s;
        }
      }
      case SUBTRACT -> {
        if (left) {
          for (int i = from; i < to; i++) {
            o[i] = s - x[i];
          }
        } else {
          for (int i = from; i < to; i++) {
            o[i] = x[i] - s;
          }
        }
      }
      default -> {
        for (int i = from; i < to; i++) {
          o[i] = x[i] * s;
        }
      }
    }
  }
}
