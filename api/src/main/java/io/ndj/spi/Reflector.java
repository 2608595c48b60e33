package io.ndj.spi;

/**
 * The Householder reflector of a vector as LAPACK's dlarfg makes it, shared by io.ndj's host
 * factorizations and the backends': H = I - tau v vᵀ with v[0] = 1 maps x to (beta, 0, ..., 0),
 * beta = -sign(x[0]) ‖x‖ (so R's diagonal and Q carry LAPACK's and NumPy's signs); a vector whose
 * norm lies below the normal range is scaled up first, so 1 / (x[0] - beta) cannot overflow.
 */
public final class Reflector {
  private Reflector() {}

  /** The smallest value whose reciprocal is finite, with dlamch's margin (S / E). */
  private static final double SAFE_MIN = 0x1p-969;

  /**
   * Makes the reflector of the {@code m} values at {@code a[x + i * stride]}: they become v (v[0] =
   * 1), beta goes to {@code out[k]}, and tau is returned (0, with beta = x[0], where the values
   * below the head are zero already).
   *
   * @param a the array holding the vector
   * @param x the vector's first element
   * @param stride the distance between its elements
   * @param m its length
   * @param out where beta goes
   * @param k beta's index in out
   * @return tau
   */
  public static double make(double[] a, int x, int stride, int m, double[] out, int k) {
    double alpha = a[x];
    double xnorm = norm(a, x + stride, stride, m - 1);
    if (xnorm == 0) {
      out[k] = alpha;
      a[x] = 1;
      return 0;
    }
    double beta = -Math.copySign(Math.hypot(alpha, xnorm), alpha);
    int scaled = 0;
    while (Math.abs(beta) < SAFE_MIN && scaled < 20) {
      scaled++;
      for (int i = 1; i < m; i++) {
        a[x + i * stride] *= 1 / SAFE_MIN;
      }
      beta /= SAFE_MIN;
      alpha /= SAFE_MIN;
    }
    if (scaled > 0) {
      beta = -Math.copySign(Math.hypot(alpha, norm(a, x + stride, stride, m - 1)), alpha);
    }
    double tau = (beta - alpha) / beta;
    double f = 1 / (alpha - beta);
    for (int i = 1; i < m; i++) {
      a[x + i * stride] *= f;
    }
    for (int j = 0; j < scaled; j++) {
      beta *= SAFE_MIN;
    }
    a[x] = 1;
    out[k] = beta;
    return tau;
  }

  /**
   * The 2-norm of count values from a[from] apart by stride, scaled against over- and underflow.
   */
  private static double norm(double[] a, int from, int stride, int count) {
    double scale = 0;
    for (int i = 0; i < count; i++) {
      scale = Math.max(scale, Math.abs(a[from + i * stride]));
    }
    if (!(scale > 0)) {
      return scale; // 0, or NaN
    }
    double sum = 0;
    for (int i = 0; i < count; i++) {
      double t = a[from + i * stride] / scale;
      sum += t * t;
    }
    return scale * Math.sqrt(sum);
  }
}
