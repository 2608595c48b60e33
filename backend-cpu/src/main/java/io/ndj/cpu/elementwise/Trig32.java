package io.ndj.cpu.elementwise;

/**
 * float32 sin and cos without the Vector API, in float arithmetic like NumPy's own SIMD float32 sin
 * and cos (within 2 ulp of the exact value; 1.56 at most over millions of checked inputs), in loops
 * small enough that C2 unrolls them and turns them into 16-lane vector code. A loop body much
 * larger than ~60 nodes is left scalar, and one that mixes float and double runs at 8 lanes, which
 * is why the work is split into three float passes over a run of up to {@link #RUN} elements held
 * in this object's scratch arrays.
 *
 * <p>Each value is reduced to {@code r = x - k·π/2} with {@code |r| <= π/4} (π/2 in three float
 * parts, fused multiply-adds; accurate for {@code |k| < 2^18}), then Cephes' sinf and cosf
 * polynomials of {@code r} are combined by the quadrant {@code k mod 4}. The elements that path
 * cannot take are computed again by {@code Math.sin} / {@code Math.cos}: beyond about 4e5, ±inf and
 * NaN, and below 2^-31 (±0.0 among them, whose sign a sum of products would lose).
 */
public final class Trig32 {
  static final int RUN = 2048;
  private static final float TWO_OVER_PI = (float) (2 / Math.PI);

  /** Rounds a float below 2^22 to an integer when added and subtracted again. */
  private static final float ROUND = 0x1.8p23f;

  // π/2 in three parts, each positive, the first two rounded down so that the rest stays positive
  private static final float PIO2_1 = Math.nextDown((float) (Math.PI / 2));
  private static final float PIO2_2 = down(Math.PI / 2 - PIO2_1);

  /** The third part, from π/2's 53 bits in a double and the next 53 (the constant) beyond it. */
  private static final float PIO2_3 =
      (float) ((Math.PI / 2 - PIO2_1 - PIO2_2) + 0x1.1a62633145c07p-54);

  private static final float S1 = -1.6666654611e-1f;
  private static final float S2 = 8.3321608736e-3f;
  private static final float S3 = -1.9515295891e-4f;
  private static final float C1 = 4.166664568298827e-2f;
  private static final float C2 = -1.388731625493765e-3f;
  private static final float C3 = 2.443315711809948e-5f;

  private final float[] r;
  private final float[] s;
  private final int[] q;

  /** Scratch for runs of up to {@code capacity} elements (at most {@link #RUN}). */
  Trig32(int capacity) {
    r = new float[capacity];
    s = new float[capacity];
    q = new int[capacity];
  }

  private static float down(double d) {
    float f = (float) d;
    return f > d ? Math.nextDown(f) : f;
  }

  /**
   * out[0..m) = sin (or cos) of in[0..m), m at most the capacity. Not modified: in. Modified: out.
   */
  void apply(boolean sin, float[] in, float[] out, int m) {
    boolean special = reduce(in, m, sin ? 0 : 1) != 0;
    sinPoly(m);
    cosAndCombine(out, m);
    if (special) {
      for (int i = 0; i < m; i++) {
        float a = Math.abs(in[i]);
        if (!(a >= 0x1p-31f && a < 4e5f)) {
          out[i] = (float) (sin ? Math.sin(in[i]) : Math.cos(in[i]));
        }
      }
    }
  }

  /**
   * r = x - k·π/2 and q = (k + quadrant) mod 4 with k the integer nearest x·2/π; nonzero when some
   * |k| is 2^18 or more, or some |x| below 2^-31 or NaN. Only int and float arithmetic: a
   * comparison or a bit cast would keep the loop scalar.
   */
  private int reduce(float[] x, int m, int quadrant) {
    int special = 0;
    for (int i = 0; i < m; i++) {
      float v = x[i];
      float k = (v * TWO_OVER_PI + ROUND) - ROUND;
      r[i] = Math.fma(-k, PIO2_3, Math.fma(-k, PIO2_2, Math.fma(-k, PIO2_1, v)));
      int ki = (int) k;
      // |x| below 2^-31, or NaN: (int) gives 0, the only int whose sign bit is clear in both it and
      // its negation;
      // one OR-reduction (a second, or Math.abs here, and C2 left the loop scalar: 3x slower)
      int tiny = (int) (v * 0x1p31f);
      special |= ((ki + 0x40000) & 0xfff80000) | (~(tiny | -tiny) & 0x80000000);
      q[i] = (ki + quadrant) & 3;
    }
    return special;
  }

  private void sinPoly(int m) {
    for (int i = 0; i < m; i++) {
      float t = r[i];
      float z = t * t;
      s[i] = Math.fma(t * z, Math.fma(z, Math.fma(z, S3, S2), S1), t);
    }
  }

  /**
   * out = ±(sin or cos) by the quadrant, cos(r) evaluated here, the two chosen by multiplying with
   * 0 or 1 (a select would not vectorise).
   */
  private void cosAndCombine(float[] out, int m) {
    for (int i = 0; i < m; i++) {
      float t = r[i];
      float z = t * t;
      float c = Math.fma(z * z, Math.fma(z, Math.fma(z, C3, C2), C1), Math.fma(-0.5f, z, 1.0f));
      int w = q[i];
      float odd = w & 1;
      float sign = 1 - (w & 2);
      out[i] = ((1 - odd) * s[i] + odd * c) * sign;
    }
  }
}
