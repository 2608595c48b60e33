package io.ndj.cpu;

import io.ndj.cpu.gemm.VectorGemm;
import io.ndj.spi.Gaussian;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Gaussian#pair}'s float64 values for runs of Philox blocks, a vector lane a block: the same
 * IEEE operations in the same order (lane-wise + - * / and sqrt are correctly rounded and never
 * fused), both branches of fdlibm's log computed and one kept per lane, rint as a sum and a
 * difference with 2^52, so the bits are {@link Gaussian#pair}'s; the blocks past whole vectors
 * through {@link Gaussian#pair} itself.
 */
final class GaussianRuns {
  private static final boolean VECTOR = VectorGemm.available();

  private GaussianRuns() {}

  /**
   * out[2j] and out[2j + 1] from blocks j = 0 .. pairs - 1 ({@code first[j]}, {@code last[j]}); of
   * the last pair only its first value where {@code m} (the values wanted) is odd.
   */
  static void pairs(long[] first, long[] last, double[] out, int pairs, int m) {
    int done = VECTOR ? Lanes.pairs(first, last, out, pairs, m) : 0;
    for (int j = done; j < pairs; j++) {
      Gaussian.pair(first[j], last[j], out, 2 * j, 2 * j + 1 < m);
    }
  }

  /** {@link #pairs} for float32 ({@link Gaussian#pair(long, long, float[], int, boolean)}). */
  static void pairs(long[] first, long[] last, float[] out, int pairs, int m) {
    int done = VECTOR ? FloatLanes.pairs(first, last, out, pairs, m) : 0;
    for (int j = done; j < pairs; j++) {
      Gaussian.pair(first[j], last[j], out, 2 * j, 2 * j + 1 < m);
    }
  }

  /** The float pairs' vector code: float lanes as many as the long lanes that carry the blocks. */
  private static final class FloatLanes {
    private static final VectorSpecies<Long> L = LongVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> F =
        VectorSpecies.of(
            float.class, jdk.incubator.vector.VectorShape.forBitSize(L.vectorBitSize() / 2));
    private static final float LN2_HI = 6.9313812256e-01f;
    private static final float LN2_LO = 9.0580006145e-06f;
    private static final float LG1 = 0xaaaaaa.0p-24f;
    private static final float LG2 = 0xccce13.0p-25f;
    private static final float LG3 = 0x91e9ee.0p-25f;
    private static final float LG4 = 0xf89e26.0p-26f;
    private static final float S1 = -1.6666654611e-1f;
    private static final float S2 = 8.3321608736e-3f;
    private static final float S3 = -1.9515295891e-4f;
    private static final float C1 = 4.166664568298827e-2f;
    private static final float C2 = -1.388731625493765e-3f;
    private static final float C3 = 2.443315711809948e-5f;
    private static final float TWO_PI = 6.2831855f;

    /** Whole vectors of pairs that need both values, in one method (as {@link Lanes#pairs}). */
    static int pairs(long[] first, long[] last, float[] out, int pairs, int m) {
      int lanes = L.length();
      if (F.length() != lanes) {
        return 0;
      }
      float[] cos = new float[lanes];
      float[] sin = new float[lanes];
      int full = Math.min(pairs, m / 2);
      int j = 0;
      for (; j + lanes <= full; j += lanes) {
        LongVector b1 = LongVector.fromArray(L, first, j);
        LongVector b2 = LongVector.fromArray(L, last, j);
        // 1 - u1 rounded once to float, and the angle's top 24 bits (exact)
        FloatVector x =
            ((FloatVector)
                    b1.lanewise(VectorOperators.LSHR, 11)
                        .neg()
                        .add(1L << 53)
                        .convertShape(VectorOperators.L2F, F, 0))
                .mul(0x1p-53f);
        FloatVector u2 =
            ((FloatVector)
                    b2.lanewise(VectorOperators.LSHR, 40).convertShape(VectorOperators.L2F, F, 0))
                .mul(0x1p-24f);
        // Gaussian.logf(x)
        IntVector bits = x.viewAsIntegralLanes();
        IntVector k = bits.lanewise(VectorOperators.ASHR, 23).sub(127);
        IntVector ix = bits.and(0x007fffff);
        IntVector i = ix.add(0x95f64 << 3).and(0x800000);
        FloatVector mant = ix.or(i.lanewise(VectorOperators.XOR, 0x3f800000)).viewAsFloatingLanes();
        k = k.add(i.lanewise(VectorOperators.ASHR, 23));
        FloatVector f = mant.sub(1f);
        FloatVector s = f.div(f.add(2f));
        FloatVector dk = (FloatVector) k.convert(VectorOperators.I2F, 0);
        FloatVector z = s.mul(s);
        FloatVector w = z.mul(z);
        FloatVector t1 = w.mul(w.mul(LG4).add(LG2));
        FloatVector t2 = z.mul(w.mul(LG3).add(LG1));
        FloatVector rr = t2.add(t1);
        FloatVector hi = dk.mul(LN2_HI);
        FloatVector lo = dk.mul(LN2_LO);
        FloatVector hfsq = f.mul(0.5f).mul(f);
        IntVector a = hi.sub(hfsq.sub(s.mul(hfsq.add(rr)).add(lo)).sub(f)).viewAsIntegralLanes();
        IntVector b = hi.sub(s.mul(f.sub(rr)).sub(lo).sub(f)).viewAsIntegralLanes();
        VectorMask<Integer> big =
            ix.sub(0x6147a << 3).or(ix.neg().add(0x6b851 << 3)).compare(VectorOperators.GT, 0);
        FloatVector log = b.blend(a, big).viewAsFloatingLanes();
        FloatVector r = log.mul(-2f).sqrt();
        // rint(4 u2) as a sum and a difference with 2^23, then Cephes' cosf and sinf by quadrant
        FloatVector q = u2.mul(4f).add(0x1p23f).sub(0x1p23f);
        FloatVector t = u2.sub(q.mul(0.25f)).mul(TWO_PI);
        z = t.mul(t);
        FloatVector c0 = z.mul(C3).add(C2).mul(z).add(C1).mul(z).mul(z).sub(z.mul(0.5f)).add(1f);
        FloatVector s0 = z.mul(S3).add(S2).mul(z).add(S1).mul(z).mul(t).add(t);
        VectorMask<Float> q1 = q.eq(1f);
        VectorMask<Float> q2 = q.eq(2f);
        VectorMask<Float> q3 = q.eq(3f);
        FloatVector cs = c0.blend(s0.neg(), q1).blend(c0.neg(), q2).blend(s0, q3);
        FloatVector sn = s0.blend(c0, q1).blend(s0.neg(), q2).blend(c0.neg(), q3);
        r.mul(cs).intoArray(cos, 0);
        r.mul(sn).intoArray(sin, 0);
        for (int l = 0; l < lanes; l++) {
          out[2 * (j + l)] = cos[l];
          out[2 * (j + l) + 1] = sin[l];
        }
      }
      return j;
    }
  }

  /** Holds the vector code, so that the scalar path runs without the module. */
  private static final class Lanes {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Long> L = LongVector.SPECIES_PREFERRED;
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    private static final double LG1 = 6.666666666666735130e-01;
    private static final double LG2 = 3.999999999940941908e-01;
    private static final double LG3 = 2.857142874366239149e-01;
    private static final double LG4 = 2.222219843214978396e-01;
    private static final double LG5 = 1.818357216161805012e-01;
    private static final double LG6 = 1.531383769920937332e-01;
    private static final double LG7 = 1.479819860511658591e-01;
    private static final double S1 = -1.66666666666666324348e-01;
    private static final double S2 = 8.33333333332248946124e-03;
    private static final double S3 = -1.98412698298579493134e-04;
    private static final double S4 = 2.75573137070700676789e-06;
    private static final double S5 = -2.50507602534068634195e-08;
    private static final double S6 = 1.58969099521155010221e-10;
    private static final double C1 = 4.16666666666666019037e-02;
    private static final double C2 = -1.38888888888741095749e-03;
    private static final double C3 = 2.48015872894767294178e-05;
    private static final double C4 = -2.75573143513906633035e-07;
    private static final double C5 = 2.08757232129817482790e-09;
    private static final double C6 = -1.13596475577881948265e-11;
    private static final double TWO_PI = 6.283185307179586;

    /**
     * Whole vectors of pairs that need both values; returns how many pairs were made. One method
     * throughout (C2 keeps the vectors in registers only within what it inlines, and fdlibm's log
     * alone is past its inlining limit); masks made in the lanes they select (a mask cast between
     * long and double lanes is not an intrinsic here).
     */
    static int pairs(long[] first, long[] last, double[] out, int pairs, int m) {
      int lanes = D.length();
      if (L.length() != lanes) {
        return 0;
      }
      double[] cos = new double[lanes];
      double[] sin = new double[lanes];
      int full = Math.min(pairs, m / 2); // pairs whose both values are wanted
      int j = 0;
      for (; j + lanes <= full; j += lanes) {
        DoubleVector u1 = unit(LongVector.fromArray(L, first, j));
        DoubleVector u2 = unit(LongVector.fromArray(L, last, j));
        // Gaussian.log(1 - u1): fdlibm's log of a positive normal double
        DoubleVector x = DoubleVector.broadcast(D, 1.0).sub(u1);
        LongVector bits = x.viewAsIntegralLanes();
        LongVector hx = bits.lanewise(VectorOperators.LSHR, 32);
        LongVector k = hx.lanewise(VectorOperators.ASHR, 20).sub(1023);
        hx = hx.and(0x000fffffL);
        LongVector i = hx.add(0x95f64L).and(0x100000L);
        DoubleVector mant =
            hx.or(i.lanewise(VectorOperators.XOR, 0x3ff00000L))
                .lanewise(VectorOperators.LSHL, 32)
                .or(bits.and(0xFFFFFFFFL))
                .viewAsFloatingLanes();
        k = k.add(i.lanewise(VectorOperators.ASHR, 20));
        DoubleVector f = mant.sub(1.0);
        DoubleVector s = f.div(f.add(2.0));
        DoubleVector dk = (DoubleVector) k.convert(VectorOperators.L2D, 0);
        DoubleVector z = s.mul(s);
        DoubleVector w = z.mul(z);
        DoubleVector t1 = w.mul(w.mul(w.mul(LG6).add(LG4)).add(LG2));
        DoubleVector t2 = z.mul(w.mul(w.mul(w.mul(LG7).add(LG5)).add(LG3)).add(LG1));
        DoubleVector rr = t2.add(t1);
        DoubleVector hi = dk.mul(LN2_HI);
        DoubleVector lo = dk.mul(LN2_LO);
        DoubleVector hfsq = f.mul(0.5).mul(f);
        // (ii | j) > 0, ii = hx - 0x6147a, j = 0x6b851 - hx: dk ln2hi - ((hfsq - (s (hfsq + rr)
        // + dk ln2lo)) - f); else dk ln2hi - ((s (f - rr) - dk ln2lo) - f)
        LongVector a = hi.sub(hfsq.sub(s.mul(hfsq.add(rr)).add(lo)).sub(f)).viewAsIntegralLanes();
        LongVector b = hi.sub(s.mul(f.sub(rr)).sub(lo).sub(f)).viewAsIntegralLanes();
        VectorMask<Long> big =
            hx.sub(0x6147aL).or(hx.neg().add(0x6b851L)).compare(VectorOperators.GT, 0L);
        DoubleVector log = b.blend(a, big).viewAsFloatingLanes();
        DoubleVector r = log.mul(-2.0).sqrt();
        // the angle: rint(4 u2) (0 <= 4 u2 < 4: the sum with 2^52 rounds to an integer, half to
        // even), the rest of the turn times 2 pi, FreeBSD's kernels on it, by quadrant
        DoubleVector q = u2.mul(4.0).add(0x1p52).sub(0x1p52);
        DoubleVector t = u2.sub(q.mul(0.25)).mul(TWO_PI);
        z = t.mul(t);
        w = z.mul(z);
        DoubleVector rs = z.mul(z.mul(S4).add(S3)).add(S2).add(z.mul(w).mul(z.mul(S6).add(S5)));
        DoubleVector sn0 = t.add(z.mul(t).mul(z.mul(rs).add(S1)));
        DoubleVector rc =
            z.mul(z.mul(z.mul(C3).add(C2)).add(C1))
                .add(w.mul(w).mul(z.mul(z.mul(C6).add(C5)).add(C4)));
        DoubleVector hz = z.mul(0.5);
        DoubleVector one = DoubleVector.broadcast(D, 1.0);
        DoubleVector c0 = one.sub(hz);
        DoubleVector cs0 = c0.add(one.sub(c0).sub(hz).add(z.mul(rc)));
        VectorMask<Double> q1 = q.eq(1.0);
        VectorMask<Double> q2 = q.eq(2.0);
        VectorMask<Double> q3 = q.eq(3.0); // q = 4 is quadrant 0
        DoubleVector cs = cs0.blend(sn0.neg(), q1).blend(cs0.neg(), q2).blend(sn0, q3);
        DoubleVector sn = sn0.blend(cs0, q1).blend(sn0.neg(), q2).blend(cs0.neg(), q3);
        r.mul(cs).intoArray(cos, 0);
        r.mul(sn).intoArray(sin, 0);
        for (int l = 0; l < lanes; l++) {
          out[2 * (j + l)] = cos[l];
          out[2 * (j + l) + 1] = sin[l];
        }
      }
      return j;
    }

    /** (bits >>> 11) * 2^-53, exact. */
    private static DoubleVector unit(LongVector bits) {
      return ((DoubleVector)
              bits.lanewise(VectorOperators.LSHR, 11).convert(VectorOperators.L2D, 0))
          .mul(0x1p-53);
    }
  }
}
