package io.ndj.cpu.elementwise;

import io.ndj.DType;
import io.ndj.cpu.Loop;
import io.ndj.cpu.gemm.VectorGemm;
import io.ndj.cpu.memory.CpuBuffer;
import io.ndj.cpu.memory.Layouts;
import io.ndj.spi.UnaryOp;
import io.ndj.spi.View;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * float32 sin, cos, exp and tanh of contiguous arrays in runs on all cores when {@code
 * jdk.incubator.vector} is enabled: sin and cos with the Vector API's lane-wise functions
 * (vectorised math, within an ulp or so of the exact value; NumPy's own float32 sin and cos are
 * SIMD approximations of that accuracy), exp and tanh in float64 lanes of ndj's own (a reduction by
 * ln 2 in two parts and a degree-11 polynomial: within an ulp of float64, so the float32 results
 * are the exact values rounded, but for ties), the lane-wise EXP and TANH of this JDK being no
 * faster than the scalar loops. Without the module sin and cos take {@link Trig32}'s polynomials,
 * which C2 vectorises by itself, and exp and tanh the scalar loops.
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
              Impl.apply(op, x, m);
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

    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final double LOG2E = 1.4426950408889634;

    /** Added and subtracted, rounds a double below 2^51 to an integer (ties to even). */
    private static final double ROUND = 0x1.8p52;

    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;

    /** 1/k! for k = 11 down to 2, the Taylor polynomial's coefficients for |r| <= ln2 / 2. */
    private static final double[] TAYLOR = {
      1.0 / 39916800,
      1.0 / 3628800,
      1.0 / 362880,
      1.0 / 40320,
      1.0 / 5040,
      1.0 / 720,
      1.0 / 120,
      1.0 / 24,
      1.0 / 6,
      0.5
    };

    private static final double T11 = TAYLOR[0];
    private static final double T10 = TAYLOR[1];
    private static final double T9 = TAYLOR[2];
    private static final double T8 = TAYLOR[3];
    private static final double T7 = TAYLOR[4];
    private static final double T6 = TAYLOR[5];
    private static final double T5 = TAYLOR[6];
    private static final double T4 = TAYLOR[7];
    private static final double T3 = TAYLOR[8];
    private static final double T2 = TAYLOR[9];

    /** Float lanes as many as D's: half its width. */
    private static final VectorSpecies<Float> F =
        VectorSpecies.of(float.class, VectorShape.forBitSize(D.vectorBitSize() / 2));

    private static final double TINY = 0x1p-13;

    /**
     * exp (or tanh, as sign(x) (1 - 2 / (exp(2|x|) + 1)), x itself below 2^-13 where that is the
     * rounded answer) of x[0, m) in place, in float64 lanes; the tail by the same operations.
     */
    static void expOrTanh(boolean tanh, float[] x, int m) {
      int i = 0;
      int end = F.loopBound(m);
      DoubleVector c9 = DoubleVector.broadcast(D, T9);
      DoubleVector c8 = DoubleVector.broadcast(D, T8);
      DoubleVector c7 = DoubleVector.broadcast(D, T7);
      DoubleVector c6 = DoubleVector.broadcast(D, T6);
      DoubleVector c5 = DoubleVector.broadcast(D, T5);
      DoubleVector c4 = DoubleVector.broadcast(D, T4);
      DoubleVector c3 = DoubleVector.broadcast(D, T3);
      DoubleVector c2 = DoubleVector.broadcast(D, T2);
      for (; i < end; i += F.length()) {
        DoubleVector in =
            (DoubleVector) FloatVector.fromArray(F, x, i).convertShape(VectorOperators.F2D, D, 0);
        DoubleVector v = tanh ? in.abs().mul(2.0).min(64.0) : in.max(-104.0).min(89.0);
        DoubleVector k = v.mul(LOG2E).add(ROUND).sub(ROUND); // to the nearest integer
        DoubleVector r = k.mul(-LN2_HI).add(v).add(k.mul(-LN2_LO));
        DoubleVector p =
            r.fma(T11, T10)
                .fma(r, c9)
                .fma(r, c8)
                .fma(r, c7)
                .fma(r, c6)
                .fma(r, c5)
                .fma(r, c4)
                .fma(r, c3)
                .fma(r, c2);
        p = p.mul(r).mul(r).add(r).add(1.0);
        LongVector bits = (LongVector) k.convert(VectorOperators.D2L, 0);
        DoubleVector e =
            p.mul(bits.add(1023).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles());
        if (tanh) {
          DoubleVector t =
              DoubleVector.broadcast(D, 1.0).sub(DoubleVector.broadcast(D, 2.0).div(e.add(1.0)));
          t = t.blend(t.neg(), in.compare(VectorOperators.LT, 0.0));
          e = t.blend(in, in.abs().compare(VectorOperators.LT, TINY));
        }
        ((FloatVector) e.convertShape(VectorOperators.D2F, F, 0)).intoArray(x, i);
      }
      for (; i < m; i++) {
        x[i] = scalar(tanh, x[i]);
      }
    }

    /** One element of {@link #expOrTanh}, by the lanes' operations in the lanes' order. */
    private static float scalar(boolean tanh, float xf) {
      double in = xf;
      double v = tanh ? Math.min(Math.abs(in) * 2.0, 64.0) : Math.min(Math.max(in, -104.0), 89.0);
      double k = (v * LOG2E + ROUND) - ROUND;
      double r = (k * -LN2_HI + v) + k * -LN2_LO;
      double p = Math.fma(r, T11, T10);
      p = Math.fma(p, r, T9);
      p = Math.fma(p, r, T8);
      p = Math.fma(p, r, T7);
      p = Math.fma(p, r, T6);
      p = Math.fma(p, r, T5);
      p = Math.fma(p, r, T4);
      p = Math.fma(p, r, T3);
      p = Math.fma(p, r, T2);
      p = p * r * r + r + 1.0;
      double e = p * Double.longBitsToDouble(((long) k + 1023) << 52);
      if (tanh) {
        double t = 1.0 - 2.0 / (e + 1.0);
        t = in < 0 ? -t : t;
        e = Math.abs(in) < TINY ? in : t;
      }
      return (float) e;
    }

    // one loop per function: the lane-wise call is compiled to vector code only when its operator
    // is a constant
    static void apply(UnaryOp op, float[] x, int m) {
      int i = 0;
      int end = S.loopBound(m);
      switch (op) {
        case SIN -> {
          for (; i < end; i += S.length()) {
            FloatVector.fromArray(S, x, i).lanewise(VectorOperators.SIN).intoArray(x, i);
          }
          for (; i < m; i++) {
            x[i] = (float) Math.sin(x[i]);
          }
        }
        case COS -> {
          for (; i < end; i += S.length()) {
            FloatVector.fromArray(S, x, i).lanewise(VectorOperators.COS).intoArray(x, i);
          }
          for (; i < m; i++) {
            x[i] = (float) Math.cos(x[i]);
          }
        }
        case EXP, TANH -> expOrTanh(op == UnaryOp.TANH, x, m);
        default -> throw new IllegalArgumentException("no vector loop for " + op);
      }
    }
  }
}
