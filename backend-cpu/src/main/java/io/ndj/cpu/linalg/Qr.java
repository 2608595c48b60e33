package io.ndj.cpu.linalg;

import io.ndj.spi.Reflector;

/**
 * The QR factorization of one float64 matrix, as LAPACK's dgeqrf and dorgqr: Householder reflectors
 * a panel of {@link #NB} columns at a time (each panel's columns reflected one by one, then the
 * panel's reflectors applied to the columns right of it as one block in the gemm micro-kernel), and
 * Q formed by applying the blocks backwards to the identity. The reflectors are dlarfg's, so R's
 * diagonal and Q carry LAPACK's (and NumPy's) signs.
 */
final class Qr {
  private Qr() {}

  /** Columns per panel. */
  private static final int NB = 32;

  /**
   * Factors {@code a} (m x n, C order) in place: R on and above the diagonal, reflector c's vector
   * below the diagonal in column c (its leading 1 implied), its scale in tau[c].
   */
  static void factor(double[] a, int m, int n, double[] tau) {
    int k = Math.min(m, n);
    double[] beta = new double[1];
    double[] w = new double[NB];
    for (int c0 = 0; c0 < k; c0 += NB) {
      int end = Math.min(k, c0 + NB);
      int pend = Math.min(n, c0 + NB); // the panel's columns
      for (int c = c0; c < end; c++) {
        double t = Reflector.make(a, c * n + c, n, m - c, beta, 0);
        tau[c] = t;
        a[c * n + c] = beta[0];
        int width = pend - c - 1;
        if (t == 0 || width <= 0) {
          continue;
        }
        // H applied to the panel's columns right of c: w = vᵀ A, A -= tau v w
        for (int j = 0; j < width; j++) {
          w[j] = a[c * n + c + 1 + j];
        }
        for (int r = c + 1; r < m; r++) {
          double vr = a[r * n + c];
          int at = r * n + c + 1;
          for (int j = 0; j < width; j++) {
            w[j] += vr * a[at + j];
          }
        }
        for (int j = 0; j < width; j++) {
          a[c * n + c + 1 + j] -= t * w[j];
        }
        for (int r = c + 1; r < m; r++) {
          double f = t * a[r * n + c];
          int at = r * n + c + 1;
          for (int j = 0; j < width; j++) {
            a[at + j] -= f * w[j];
          }
        }
      }
      if (pend < n) { // the block's transpose applied to the columns right of the panel
        Householder.Block b = Householder.block(m, c0, end - c0, 0, tau, (c, r) -> a[r * n + c]);
        b.apply(a, c0 * n + pend, n, n - pend, true);
      }
    }
  }

  /**
   * Q (m x cols, cols = min(m, n) or m, C order) of a factored {@code a}: the first cols columns of
   * H(0) ... H(k-1).
   */
  static void q(double[] a, int m, int n, double[] tau, double[] q, int cols) {
    java.util.Arrays.fill(q, 0, m * cols, 0);
    for (int i = 0; i < Math.min(m, cols); i++) {
      q[i * cols + i] = 1;
    }
    Householder.applyBackward(q, m, cols, Math.min(m, n), 0, tau, (c, r) -> a[r * n + c]);
  }
}
