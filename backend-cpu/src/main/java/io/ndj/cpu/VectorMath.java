package io.ndj.cpu;

import io.ndj.DType;
import io.ndj.spi.UnaryOp;
import io.ndj.spi.View;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * float32 sin and cos of contiguous arrays with the Vector API's lane-wise functions (vectorised math, within an
 * ulp or so of the exact value; NumPy's own float32 sin and cos are SIMD approximations of that accuracy), when
 * {@code jdk.incubator.vector} is enabled. The default loop evaluates them in double, one element at a time.
 */
final class VectorMath {
  private static final boolean AVAILABLE = VectorGemm.available();
  private static final int RUN = 4096;

  private VectorMath() {}

  /** Runs sin or cos of a contiguous float32 array on the vector loop when it applies. */
  static boolean unary(UnaryOp op, View out, View in) {
    if (!AVAILABLE || (op != UnaryOp.SIN && op != UnaryOp.COS) || in.dtype() != DType.FLOAT32
        || out.dtype() != DType.FLOAT32 || !in.isContiguous() || !out.isContiguous()) {
      return false;
    }
    MemorySegment so = ((CpuBuffer) out.buffer()).segment();
    MemorySegment si = ((CpuBuffer) in.buffer()).segment();
    long oo = out.offset();
    long io = in.offset();
    long n = out.size();
    Loop.split((n + RUN - 1) / RUN, Math.max(1, Loop.PARALLEL_MIN / RUN / 4), (lo, hi) -> {
      float[] x = new float[RUN];
      for (long r = lo; r < hi; r++) {
        long at = r * RUN;
        int m = (int) Math.min(RUN, n - at);
        MemorySegment.copy(si, ValueLayout.JAVA_FLOAT, (io + at) * 4, x, 0, m);
        Impl.apply(op == UnaryOp.SIN, x, m);
        MemorySegment.copy(x, 0, so, ValueLayout.JAVA_FLOAT, (oo + at) * 4, m);
      }
    });
    return true;
  }

  /** Holds the vector code, so that {@link #applies} runs without the module. */
  private static final class Impl {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    // one loop per function: the lane-wise call is compiled to vector code only when its operator is a constant
    static void apply(boolean sin, float[] x, int m) {
      int i = 0;
      int end = S.loopBound(m);
      if (sin) {
        for (; i < end; i += S.length()) {
          FloatVector.fromArray(S, x, i).lanewise(VectorOperators.SIN).intoArray(x, i);
        }
        for (; i < m; i++) {
          x[i] = (float) Math.sin(x[i]);
        }
      } else {
        for (; i < end; i += S.length()) {
          FloatVector.fromArray(S, x, i).lanewise(VectorOperators.COS).intoArray(x, i);
        }
        for (; i < m; i++) {
          x[i] = (float) Math.cos(x[i]);
        }
      }
    }
  }
}
