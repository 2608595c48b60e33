package io.ndj.cpu.elementwise;

import io.ndj.DType;
import io.ndj.cpu.Loop;
import io.ndj.cpu.gemm.VectorGemm;
import io.ndj.cpu.memory.CpuBuffer;
import io.ndj.cpu.memory.Layouts;
import io.ndj.spi.UnaryOp;
import io.ndj.spi.View;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * float32 sin, cos, exp and tanh of contiguous arrays in runs on all cores when {@code
 * jdk.incubator.vector} is enabled: sin and cos with the Vector API's lane-wise functions
 * (vectorised math, within an ulp or so of the exact value; NumPy's own float32 sin and cos are
 * SIMD approximations of that accuracy), exp and tanh in float32 lanes of ndj's own (Cephes'
 * polynomials after a reduction by ln 2 in two parts: within about an ulp and a half, as NumPy's
 * and CUDA's float32 exp), the lane-wise EXP and TANH of this JDK being no faster than the scalar
 * loops. A run's tail goes through the same lanes, padded, so that a value's result does not depend
 * on where it falls in a run. Without the module sin and cos take {@link Trig32}'s polynomials,
 * which C2 vectorises by itself, and exp and tanh the scalar loops.
 */
public final class VectorMath {
  private static final boolean AVAILABLE = VectorGemm.available();
  private static final int RUN = Trig32.RUN;

  private VectorMath() {}

  /** Whether {@link #apply} runs op: sin, cos, exp and tanh with the vector module. */
  static boolean runs(UnaryOp op) {
    return AVAILABLE
        && (op == UnaryOp.SIN || op == UnaryOp.COS || op == UnaryOp.EXP || op == UnaryOp.TANH);
  }

  /** {@code o = op(x)} over [0, m) in float32 lanes, as {@link #unary} runs it ({@link #runs}). */
  static void apply(UnaryOp op, float[] o, float[] x, int m) {
    Impl.apply(op, o, x, m);
  }

  /**
   * Runs sin or cos of contiguous float32 arrays here, and says whether it did (else the caller
   * runs the op).
   */
  public static boolean unary(UnaryOp op, View out, View in) {
    boolean trig = op == UnaryOp.SIN || op == UnaryOp.COS;
    if (!(trig || AVAILABLE && (op == UnaryOp.EXP || op == UnaryOp.TANH))
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
              Impl.apply(op, x, x, m);
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

    /** log2(e), and the float that, added and subtracted, rounds below 2^22 to an integer. */
    private static final float LOG2E = 1.44269504088896341f;

    private static final float ROUND = 0x1.8p23f;

    /** The bits of ROUND: those of ROUND + k are these plus k. */
    private static final int ROUND_BITS = Float.floatToRawIntBits(ROUND);

    /** ln 2 in two parts, the first with few enough bits that k times it is exact. */
    private static final float LN2_HI = 0.693359375f;

    private static final float LN2_LO = -2.12194440e-4f;

    /** exp(r) = 1 + r + r^2 p(r) for |r| <= ln2 / 2: p's coefficients, highest first (Cephes). */
    private static final float E0 = 1.9875691500e-4f;

    private static final float E1 = 1.3981999507e-3f;
    private static final float E2 = 8.3334519073e-3f;
    private static final float E3 = 4.1665795894e-2f;
    private static final float E4 = 1.6666665459e-1f;
    private static final float E5 = 5.0000001201e-1f;

    /** tanh(x) = x + x^3 q(x^2) for |x| < 0.625: q's coefficients, highest first (Cephes). */
    private static final float H0 = -5.70498872745e-3f;

    private static final float H1 = 2.06390887954e-2f;
    private static final float H2 = -5.37397155531e-2f;
    private static final float H3 = 1.33314422036e-1f;
    private static final float H4 = -3.33332819422e-1f;

    /**
     * exp in float32 lanes: x = k ln2 + r with |r| <= ln2 / 2, exp(r) by a degree-7 polynomial,
     * times 2^k in two factors (so that 2^k from 2^-150 to 2^128 needs no special case). Within
     * about an ulp of the exact value (1.01 at worst over 2^28 samples); NaN stays NaN, and x is
     * clamped to [-104, 89], past which the result is 0 or inf.
     */
    private static FloatVector exp(FloatVector x) {
      FloatVector v = x.max(-104f).min(89f);
      FloatVector rounded = v.fma(LOG2E, ROUND);
      FloatVector k = rounded.sub(ROUND);
      FloatVector r = k.fma(FloatVector.broadcast(S, -LN2_HI), v).add(k.mul(-LN2_LO));
      FloatVector p =
          r.fma(E0, E1)
              .fma(r, FloatVector.broadcast(S, E2))
              .fma(r, FloatVector.broadcast(S, E3))
              .fma(r, FloatVector.broadcast(S, E4))
              .fma(r, FloatVector.broadcast(S, E5));
      FloatVector y = p.fma(r.mul(r), r).add(1f);
      IntVector ki = rounded.reinterpretAsInts().sub(ROUND_BITS);
      IntVector k1 = ki.lanewise(VectorOperators.ASHR, 1);
      return y.mul(scale(k1)).mul(scale(ki.sub(k1)));
    }

    /** 2^k for k from -126 to 127. */
    private static FloatVector scale(IntVector k) {
      return k.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
    }

    /**
     * tanh in float32 lanes: x + x^3 q(x^2) below 0.625 (x itself at +-0), else sign(x) (1 - 2 /
     * (exp(2|x|) + 1)). Within about 1.5 ulps of the exact value (1.33 at worst over 2^28 samples).
     */
    private static FloatVector tanh(FloatVector x) {
      FloatVector a = x.abs();
      FloatVector e = exp(a.mul(2f).min(64f));
      FloatVector large =
          FloatVector.broadcast(S, 1f).sub(FloatVector.broadcast(S, 2f).div(e.add(1f)));
      large = large.blend(large.neg(), x.compare(VectorOperators.LT, 0f));
      FloatVector z = x.mul(x);
      FloatVector q =
          z.fma(H0, H1)
              .fma(z, FloatVector.broadcast(S, H2))
              .fma(z, FloatVector.broadcast(S, H3))
              .fma(z, FloatVector.broadcast(S, H4));
      FloatVector small = q.mul(z).fma(x, x).blend(x, x.compare(VectorOperators.EQ, 0f));
      return large.blend(small, a.compare(VectorOperators.LT, 0.625f));
    }

    // one loop per function: the lane-wise call is compiled to vector code only when its operator
    // is a constant, and a vector passed to a method that is not inlined is boxed
    static void apply(UnaryOp op, float[] o, float[] x, int m) {
      switch (op) {
        case SIN -> sin(o, x, m);
        case COS -> cos(o, x, m);
        case EXP -> exp(o, x, m);
        case TANH -> tanh(o, x, m);
        default -> throw new IllegalArgumentException("no vector loop for " + op);
      }
    }

    private static void sin(float[] o, float[] x, int m) {
      int i = 0;
      for (int end = S.loopBound(m); i < end; i += S.length()) {
        FloatVector.fromArray(S, x, i).lanewise(VectorOperators.SIN).intoArray(o, i);
      }
      if (i < m) {
        float[] t = padded(x, i);
        FloatVector.fromArray(S, t, 0).lanewise(VectorOperators.SIN).intoArray(t, 0);
        System.arraycopy(t, 0, o, i, m - i);
      }
    }

    private static void cos(float[] o, float[] x, int m) {
      int i = 0;
      for (int end = S.loopBound(m); i < end; i += S.length()) {
        FloatVector.fromArray(S, x, i).lanewise(VectorOperators.COS).intoArray(o, i);
      }
      if (i < m) {
        float[] t = padded(x, i);
        FloatVector.fromArray(S, t, 0).lanewise(VectorOperators.COS).intoArray(t, 0);
        System.arraycopy(t, 0, o, i, m - i);
      }
    }

    private static void exp(float[] o, float[] x, int m) {
      int i = 0;
      for (int end = S.loopBound(m); i < end; i += S.length()) {
        exp(FloatVector.fromArray(S, x, i)).intoArray(o, i);
      }
      if (i < m) {
        float[] t = padded(x, i);
        exp(FloatVector.fromArray(S, t, 0)).intoArray(t, 0);
        System.arraycopy(t, 0, o, i, m - i);
      }
    }

    private static void tanh(float[] o, float[] x, int m) {
      int i = 0;
      for (int end = S.loopBound(m); i < end; i += S.length()) {
        tanh(FloatVector.fromArray(S, x, i)).intoArray(o, i);
      }
      if (i < m) {
        float[] t = padded(x, i);
        tanh(FloatVector.fromArray(S, t, 0)).intoArray(t, 0);
        System.arraycopy(t, 0, o, i, m - i);
      }
    }

    /** A vector's worth of x from i, zeros past its end. */
    private static float[] padded(float[] x, int i) {
      return Arrays.copyOfRange(x, i, i + S.length());
    }
  }
}
