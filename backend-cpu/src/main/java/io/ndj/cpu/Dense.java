package io.ndj.cpu;

import io.ndj.DType;
import io.ndj.spi.BinaryOp;
import io.ndj.spi.UnaryOp;
import io.ndj.spi.View;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * float32 and float64 {@code + - * /} and square, negative and absolute on C-contiguous operands of one dtype (or
 * an array and a scalar): bulk copies into typed runs and one typed loop, with no widening to double and back (the
 * general loop's cost for float32).
 * The results are the same: a float32 operation rounds once, exactly as the widened one rounded back. Arrays of up
 * to {@link Loop#CHUNK} elements stay on the general loop, whose runs are per-thread and need no allocation.
 */
final class Dense {
  private static final int RUN = 4096;

  private Dense() {}

  /**
   * Runs {@code out = a op b} ({@code b} null: {@code a op scalar}, or {@code scalar op a} when {@code
   * scalarFirst}) on the typed loops when they apply, and says whether they did. A single value broadcast against a
   * contiguous array on either side ({@code x - x.mean(keepdims=True)}) runs as the scalar form.
   */
  static boolean binary(BinaryOp op, View out, View a, View b, Number scalar, boolean scalarFirst) {
    DType t = a.dtype();
    if ((t != DType.FLOAT32 && t != DType.FLOAT64) || out.dtype() != t || (b != null && b.dtype() != t)
        || (op != BinaryOp.ADD && op != BinaryOp.SUBTRACT && op != BinaryOp.MULTIPLY && op != BinaryOp.DIVIDE)
        || out.size() <= Loop.CHUNK || !out.isContiguous()) {
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
    } else {
      return false;
    }
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
    return v.dtype() == DType.FLOAT32 ? (Number) seg(v).getAtIndex(ValueLayout.JAVA_FLOAT, v.offset())
        : (Number) seg(v).getAtIndex(ValueLayout.JAVA_DOUBLE, v.offset());
  }

  /**
   * {@code out = a op b}, or {@code a op scalar} ({@code scalar op a} when {@code scalarFirst}): a scalar is a run
   * filled with it, on the side it stands, so one loop per op serves every form.
   */
  private static void run(BinaryOp op, View out, View a, View b, Number scalar, boolean scalarFirst) {
    MemorySegment so = seg(out);
    MemorySegment sa = seg(a);
    MemorySegment sb = b == null ? null : seg(b);
    long oo = out.offset();
    long ao = a.offset();
    long bo = b == null ? 0 : b.offset();
    DType t = a.dtype();
    long n = out.size();
    boolean left = scalar != null && scalarFirst;
    Loop.split((n + RUN - 1) / RUN, Math.max(1, Loop.PARALLEL_MIN / RUN), (lo, hi) -> {
      int run = (int) Math.min(RUN, n);
      if (t == DType.FLOAT32) {
        float[] x = new float[run];
        float[] y = new float[run];
        if (scalar != null && !scalarFirst) {
          Arrays.fill(y, scalar.floatValue());
        }
        for (long r = lo; r < hi; r++) {
          long at = r * RUN;
          int m = (int) Math.min(RUN, n - at);
          if (left) {
            Arrays.fill(x, 0, m, scalar.floatValue());
          }
          MemorySegment.copy(sa, ValueLayout.JAVA_FLOAT, (ao + at) * 4, left ? y : x, 0, m);
          if (scalar == null) {
            MemorySegment.copy(sb, ValueLayout.JAVA_FLOAT, (bo + at) * 4, y, 0, m);
          }
          apply(op, x, y, m);
          MemorySegment.copy(x, 0, so, ValueLayout.JAVA_FLOAT, (oo + at) * 4, m);
        }
      } else {
        double[] x = new double[run];
        double[] y = new double[run];
        if (scalar != null && !scalarFirst) {
          Arrays.fill(y, scalar.doubleValue());
        }
        for (long r = lo; r < hi; r++) {
          long at = r * RUN;
          int m = (int) Math.min(RUN, n - at);
          if (left) {
            Arrays.fill(x, 0, m, scalar.doubleValue());
          }
          MemorySegment.copy(sa, ValueLayout.JAVA_DOUBLE, (ao + at) * 8, left ? y : x, 0, m);
          if (scalar == null) {
            MemorySegment.copy(sb, ValueLayout.JAVA_DOUBLE, (bo + at) * 8, y, 0, m);
          }
          apply(op, x, y, m);
          MemorySegment.copy(x, 0, so, ValueLayout.JAVA_DOUBLE, (oo + at) * 8, m);
        }
      }
    });
  }

  /** Runs square, negative or absolute of a contiguous float array on the typed loop when it applies. */
  static boolean unary(UnaryOp op, View out, View in) {
    DType t = in.dtype();
    if ((t != DType.FLOAT32 && t != DType.FLOAT64) || out.dtype() != t
        || (op != UnaryOp.SQUARE && op != UnaryOp.NEGATIVE && op != UnaryOp.ABS) || out.size() <= Loop.CHUNK
        || !out.isContiguous() || !in.isContiguous()) {
      return false;
    }
    MemorySegment so = seg(out);
    MemorySegment si = seg(in);
    long oo = out.offset();
    long io = in.offset();
    long n = out.size();
    Loop.split((n + RUN - 1) / RUN, Math.max(1, Loop.PARALLEL_MIN / RUN), (lo, hi) -> {
      int run = (int) Math.min(RUN, n);
      if (t == DType.FLOAT32) {
        float[] x = new float[run];
        for (long r = lo; r < hi; r++) {
          long at = r * RUN;
          int m = (int) Math.min(RUN, n - at);
          MemorySegment.copy(si, ValueLayout.JAVA_FLOAT, (io + at) * 4, x, 0, m);
          for (int i = 0; i < m; i++) {
            float v = x[i];
            x[i] = op == UnaryOp.SQUARE ? v * v : op == UnaryOp.NEGATIVE ? -v : Math.abs(v);
          }
          MemorySegment.copy(x, 0, so, ValueLayout.JAVA_FLOAT, (oo + at) * 4, m);
        }
      } else {
        double[] x = new double[run];
        for (long r = lo; r < hi; r++) {
          long at = r * RUN;
          int m = (int) Math.min(RUN, n - at);
          MemorySegment.copy(si, ValueLayout.JAVA_DOUBLE, (io + at) * 8, x, 0, m);
          for (int i = 0; i < m; i++) {
            double v = x[i];
            x[i] = op == UnaryOp.SQUARE ? v * v : op == UnaryOp.NEGATIVE ? -v : Math.abs(v);
          }
          MemorySegment.copy(x, 0, so, ValueLayout.JAVA_DOUBLE, (oo + at) * 8, m);
        }
      }
    });
    return true;
  }

  /** {@code x = x op y}. */
  private static void apply(BinaryOp op, float[] x, float[] y, int m) {
    switch (op) {
      case ADD -> {
        for (int i = 0; i < m; i++) {
          x[i] += y[i];
        }
      }
      case SUBTRACT -> {
        for (int i = 0; i < m; i++) {
          x[i] -= y[i];
        }
      }
      case MULTIPLY -> {
        for (int i = 0; i < m; i++) {
          x[i] *= y[i];
        }
      }
      default -> {
        for (int i = 0; i < m; i++) {
          x[i] /= y[i];
        }
      }
    }
  }

  private static void apply(BinaryOp op, double[] x, double[] y, int m) {
    switch (op) {
      case ADD -> {
        for (int i = 0; i < m; i++) {
          x[i] += y[i];
        }
      }
      case SUBTRACT -> {
        for (int i = 0; i < m; i++) {
          x[i] -= y[i];
        }
      }
      case MULTIPLY -> {
        for (int i = 0; i < m; i++) {
          x[i] *= y[i];
        }
      }
      default -> {
        for (int i = 0; i < m; i++) {
          x[i] /= y[i];
        }
      }
    }
  }
}
