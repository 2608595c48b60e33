package io.ndj.cpu.elementwise;

import io.ndj.DType;
import io.ndj.cpu.Loop;
import io.ndj.cpu.gemm.VectorGemm;
import io.ndj.cpu.memory.CpuBuffer;
import io.ndj.cpu.memory.Layouts;
import io.ndj.spi.UnaryOp;
import io.ndj.spi.View;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * float32 sin and cos of contiguous arrays in runs on all cores: with the Vector API's lane-wise
 * functions (vectorised math, within an ulp or so of the exact value; NumPy's own float32 sin and
 * cos are SIMD approximations of that accuracy) when {@code jdk.incubator.vector} is enabled, else
 * with {@link Trig32}'s polynomials, which C2 vectorises by itself.
 */
public final class VectorMath {
  private static final boolean AVAILABLE = VectorGemm.available();
  private static final int RUN = Trig32.RUN;

  private VectorMath() {}

  /**
   * Runs sin or cos of contiguous float32 arrays here, and says whether it did (else the caller
   * runs the op).
   */
  public static boolean unary(UnaryOp op, View out, View in) {
    if ((op != UnaryOp.SIN && op != UnaryOp.COS)
        || in.dtype() != DType.FLOAT32
        || out.dtype() != DType.FLOAT32
        || !in.isContiguous()
        || !out.isContiguous()) {
      return false;
    }
    MemorySegment so = ((CpuBuffer) out.buffer()).segment();
    MemorySegment si = ((CpuBuffer) in.buffer()).segment();
    long oo = out.offset();
    long io = in.offset();
    long n = out.size();
    Loop.split(
        (n + RUN - 1) / RUN,
        Math.max(1, Loop.PARALLEL_MIN / RUN / 4),
        (lo, hi) -> {
          // scratch no larger than the array: a sin of 10 elements should not allocate (and zero)
          // 40 KB
          int cap = (int) Math.min(RUN, n);
          float[] x = new float[cap];
          float[] y = AVAILABLE ? x : new float[cap];
          Trig32 scalar = AVAILABLE ? null : new Trig32(cap);
          for (long r = lo; r < hi; r++) {
            long at = r * RUN;
            int m = (int) Math.min(RUN, n - at);
            MemorySegment.copy(si, Layouts.JAVA_FLOAT, (io + at) * 4, x, 0, m);
            if (AVAILABLE) {
              Impl.apply(op == UnaryOp.SIN, x, m);
            } else {
              scalar.apply(op == UnaryOp.SIN, x, y, m);
            }
            MemorySegment.copy(y, 0, so, Layouts.JAVA_FLOAT, (oo + at) * 4, m);
          }
        });
    return true;
  }

  /** Holds the vector code, so that {@link #unary} runs without the module. */
  private static final class Impl {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    // one loop per function: the lane-wise call is compiled to vector code only when its operator
    // is a constant
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
