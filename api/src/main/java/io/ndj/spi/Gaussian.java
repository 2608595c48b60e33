package io.ndj.spi;

/**
 * The standard normal values of ndj's Philox generator ({@code Generator.normal}), defined to the
 * bit so that every backend gives the same numbers: Box-Muller on one Philox block per pair of
 * values, {@code u1} from the block's first 64 bits and {@code u2} from its last 64 (each {@code u
 * = (bits >>> 11) * 2^-53}), {@code r = sqrt(-2 log(1 - u1))}, the pair {@code (r cos(2 pi u2), r
 * sin(2 pi u2))}; computed with IEEE 754 double {@code + - * /} and {@code sqrt} only (each
 * correctly rounded, never fused into a multiply-add), in exactly the order written here:
 *
 * <ul>
 *   <li>log is fdlibm's {@code e_log.c} (reduction to [sqrt(2)/2, sqrt(2)), then its degree-14
 *       polynomial in {@code s = f / (2 + f)}), within 1 ulp;
 *   <li>cos and sin of 2 pi u take the nearest quarter turn q = rint(4u) off exactly (u has 53
 *       bits, so {@code r = u - q/4} is exact, {@code |r| <= 1/8}), multiply r by the double
 *       nearest 2 pi once, and run FreeBSD's {@code k_cos.c} / {@code k_sin.c} polynomials on that
 *       angle, by quadrant.
 * </ul>
 *
 * <p>float32 values are their own pair, computed in IEEE 754 float {@code + - * /} and {@code sqrt}
 * alone ({@link #pair(long, long, float[], int, boolean)}): {@code v = 1 - u1} rounded once to
 * float (in [2^-53, 1], so the tail reaches 8.6 standard deviations as in float64), {@code r =
 * sqrt(-2 logf(v))} with fdlibm's {@code e_logf.c} (its general branch, degree-4 polynomial in
 * {@code s = f / (2 + f)}), the angle from the last 64 bits' top 24 ({@code u2 = (last >>> 40) *
 * 2^-24}, exact in float), reduced by whole quarter turns as above (exact), times the float nearest
 * 2 pi once, and Cephes' {@code sinf}/{@code cosf} polynomials on {@code |t| <= pi/4}. Within a few
 * float ulps of Box-Muller on those inputs, at float speed on a GPU.
 *
 * <p>A backend kernel that computes this (cuda's {@code k_normal}, with {@code __dmul_rn} and
 * {@code __fmul_rn}-style operations that its compiler may not contract) gives these bits.
 */
public final class Gaussian {
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

  private static final float LN2_HI_F = 6.9313812256e-01f; // 0x3f317180
  private static final float LN2_LO_F = 9.0580006145e-06f; // 0x3717f7d1
  private static final float LG1_F = 0xaaaaaa.0p-24f;
  private static final float LG2_F = 0xccce13.0p-25f;
  private static final float LG3_F = 0x91e9ee.0p-25f;
  private static final float LG4_F = 0xf89e26.0p-26f;
  private static final float S1_F = -1.6666654611e-1f;
  private static final float S2_F = 8.3321608736e-3f;
  private static final float S3_F = -1.9515295891e-4f;
  private static final float C1_F = 4.166664568298827e-2f;
  private static final float C2_F = -1.388731625493765e-3f;
  private static final float C3_F = 2.443315711809948e-5f;
  private static final float TWO_PI_F = 6.2831855f;

  private Gaussian() {}

  /**
   * The pair of standard normal values of one Philox block: {@code out[at] = r cos(2 pi u2)} and,
   * when {@code both}, {@code out[at + 1] = r sin(2 pi u2)}.
   *
   * @param first the block's first 64 bits (u1, the radius)
   * @param last the block's last 64 bits (u2, the angle)
   * @param out where the values go
   * @param at the index of the first
   * @param both whether the second is written too (false for the last value of an odd count)
   */
  public static void pair(long first, long last, double[] out, int at, boolean both) {
    double u1 = (first >>> 11) * 0x1p-53;
    double u2 = (last >>> 11) * 0x1p-53;
    double r = Math.sqrt(-2.0 * log(1.0 - u1)); // 1 - u1 is exact, in [2^-53, 1]
    double q = Math.rint(4.0 * u2);
    double t = (u2 - 0.25 * q) * TWO_PI;
    double z = t * t;
    double c = kcos(t, z);
    double s = ksin(t, z);
    int quadrant = (int) q & 3;
    // cos and sin of a quarter turn q plus t
    double cos = quadrant == 0 ? c : quadrant == 1 ? -s : quadrant == 2 ? -c : s;
    out[at] = r * cos;
    if (both) {
      double sin = quadrant == 0 ? s : quadrant == 1 ? c : quadrant == 2 ? -s : -c;
      out[at + 1] = r * sin;
    }
  }

  /**
   * The pair of float32 standard normal values of one Philox block, in float arithmetic (see the
   * class's comment): {@code out[at] = r cos(2 pi u2)} and, when {@code both}, {@code out[at + 1] =
   * r sin(2 pi u2)}.
   *
   * @param first the block's first 64 bits (the radius)
   * @param last the block's last 64 bits (the angle, from its top 24)
   * @param out where the values go
   * @param at the index of the first
   * @param both whether the second is written too (false for the last value of an odd count)
   */
  public static void pair(long first, long last, float[] out, int at, boolean both) {
    float v = (float) ((1L << 53) - (first >>> 11)) * 0x1p-53f; // 1 - u1, rounded once
    float r = (float) Math.sqrt(-2f * logf(v)); // a float's sqrt via double is correctly rounded
    float u2 = (last >>> 40) * 0x1p-24f;
    float q = (float) Math.rint(4f * u2);
    float t = (u2 - 0.25f * q) * TWO_PI_F;
    float z = t * t;
    float c = ((C3_F * z + C2_F) * z + C1_F) * z * z - 0.5f * z + 1f;
    float s = ((S3_F * z + S2_F) * z + S1_F) * z * t + t;
    int quadrant = (int) q & 3;
    float cos = quadrant == 0 ? c : quadrant == 1 ? -s : quadrant == 2 ? -c : s;
    out[at] = r * cos;
    if (both) {
      float sin = quadrant == 0 ? s : quadrant == 1 ? c : quadrant == 2 ? -s : -c;
      out[at + 1] = r * sin;
    }
  }

  /** fdlibm's logf (e_logf.c's general branch) of a positive normal float (here in [2^-53, 1]). */
  static float logf(float x) {
    int ix = Float.floatToRawIntBits(x);
    int k = (ix >> 23) - 127;
    ix &= 0x007fffff;
    int i = (ix + (0x95f64 << 3)) & 0x800000;
    float m = Float.intBitsToFloat(ix | (i ^ 0x3f800000)); // in [sqrt(2)/2, sqrt(2))
    k += i >> 23;
    float f = m - 1f;
    float s = f / (2f + f);
    float dk = k;
    float z = s * s;
    int ii = ix - (0x6147a << 3);
    float w = z * z;
    int j = (0x6b851 << 3) - ix;
    float t1 = w * (LG2_F + w * LG4_F);
    float t2 = z * (LG1_F + w * LG3_F);
    float rr = t2 + t1;
    if ((ii | j) > 0) {
      float hfsq = 0.5f * f * f;
      return dk * LN2_HI_F - ((hfsq - (s * (hfsq + rr) + dk * LN2_LO_F)) - f);
    }
    return dk * LN2_HI_F - ((s * (f - rr) - dk * LN2_LO_F) - f);
  }

  /** fdlibm's log of a positive normal double (here in [2^-53, 1]). */
  static double log(double x) {
    long bits = Double.doubleToRawLongBits(x);
    int hx = (int) (bits >>> 32);
    int k = (hx >> 20) - 1023;
    hx &= 0x000fffff;
    int i = (hx + 0x95f64) & 0x100000;
    // the mantissa scaled into [sqrt(2)/2, sqrt(2))
    double m =
        Double.longBitsToDouble(((long) (hx | (i ^ 0x3ff00000)) << 32) | (bits & 0xFFFFFFFFL));
    k += i >> 20;
    double f = m - 1.0;
    double s = f / (2.0 + f);
    double dk = k;
    double z = s * s;
    int ii = hx - 0x6147a;
    double w = z * z;
    int j = 0x6b851 - hx;
    double t1 = w * (LG2 + w * (LG4 + w * LG6));
    double t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
    double rr = t2 + t1;
    if ((ii | j) > 0) {
      double hfsq = 0.5 * f * f;
      return dk * LN2_HI - ((hfsq - (s * (hfsq + rr) + dk * LN2_LO)) - f);
    }
    return dk * LN2_HI - ((s * (f - rr) - dk * LN2_LO) - f);
  }

  /** FreeBSD's __kernel_sin(x, 0, 0), for |x| <= pi/4; z is x * x. */
  private static double ksin(double x, double z) {
    double w = z * z;
    double r = S2 + z * (S3 + z * S4) + z * w * (S5 + z * S6);
    double v = z * x;
    return x + v * (S1 + z * r);
  }

  /** FreeBSD's __kernel_cos(x, 0), for |x| <= pi/4; z is x * x. */
  private static double kcos(double x, double z) {
    double w = z * z;
    double r = z * (C1 + z * (C2 + z * C3)) + w * w * (C4 + z * (C5 + z * C6));
    double hz = 0.5 * z;
    double c = 1.0 - hz;
    return c + (((1.0 - c) - hz) + z * r);
  }
}
