package io.ndj.linalg;

/**
 * LAPACK's factorizations of one matrix held on the host as float64 values in C order (row i,
 * column j at {@code i * cols + j}), written for clarity: LU with partial pivoting (getrf), the
 * triangular solves after it (getrs), Cholesky (potrf) and Householder QR with LAPACK's reflector
 * convention (geqrf/orgqr), so Q and R come out with the signs NumPy's do.
 */
final class Factor {
  private Factor() {}

  /**
   * An LU factorization in place: {@code lu} becomes L (unit diagonal, below) and U (on and above),
   * {@code pivots[k]} the row swapped with row k. A zero pivot is left in U and the elimination
   * goes on, as getrf does.
   *
   * @return the sign of the row permutation, or 0 where a pivot is exactly zero (singular)
   */
  static int lu(double[] lu, int n, int[] pivots) {
    int sign = 1;
    boolean singular = false;
    for (int k = 0; k < n; k++) {
      int p = k;
      double best = Math.abs(lu[k * n + k]);
      for (int i = k + 1; i < n; i++) {
        double v = Math.abs(lu[i * n + k]);
        if (v > best) { // LAPACK's idamax: a NaN below never wins; one on the diagonal stays
          best = v;
          p = i;
        }
      }
      pivots[k] = p;
      if (p != k) {
        sign = -sign;
        for (int j = 0; j < n; j++) {
          double t = lu[k * n + j];
          lu[k * n + j] = lu[p * n + j];
          lu[p * n + j] = t;
        }
      }
      double pivot = lu[k * n + k];
      if (pivot == 0) {
        singular = true;
        continue;
      }
      for (int i = k + 1; i < n; i++) {
        double f = lu[i * n + k] / pivot;
        lu[i * n + k] = f;
        int ri = i * n;
        int rk = k * n;
        for (int j = k + 1; j < n; j++) {
          lu[ri + j] -= f * lu[rk + j];
        }
      }
    }
    return singular ? 0 : sign;
  }

  /** Solves A X = B for X given A's LU factors; {@code b} ({@code n x k}, C order) becomes X. */
  static void luSolve(double[] lu, int n, int[] pivots, double[] b, int k) {
    for (int i = 0; i < n; i++) {
      int p = pivots[i];
      if (p != i) {
        for (int j = 0; j < k; j++) {
          double t = b[i * k + j];
          b[i * k + j] = b[p * k + j];
          b[p * k + j] = t;
        }
      }
    }
    for (int i = 1; i < n; i++) {
      for (int r = 0; r < i; r++) {
        double f = lu[i * n + r];
        for (int j = 0; j < k; j++) {
          b[i * k + j] -= f * b[r * k + j];
        }
      }
    }
    for (int i = n - 1; i >= 0; i--) {
      for (int r = i + 1; r < n; r++) {
        double f = lu[i * n + r];
        for (int j = 0; j < k; j++) {
          b[i * k + j] -= f * b[r * k + j];
        }
      }
      double d = lu[i * n + i];
      for (int j = 0; j < k; j++) {
        b[i * k + j] /= d;
      }
    }
  }

  /**
   * The lower Cholesky factor of the symmetric matrix whose lower triangle {@code a} holds, in
   * place (the upper triangle is zeroed).
   *
   * @return false where a leading minor is not positive: not positive definite (a NaN goes on into
   *     the factor, as LAPACK lets it)
   */
  static boolean cholesky(double[] a, int n) {
    for (int j = 0; j < n; j++) {
      double d = a[j * n + j];
      for (int k = 0; k < j; k++) {
        d -= a[j * n + k] * a[j * n + k];
      }
      if (d <= 0) { // NaN goes on, as LAPACK lets it
        return false;
      }
      d = Math.sqrt(d);
      a[j * n + j] = d;
      for (int i = j + 1; i < n; i++) {
        double s = a[i * n + j];
        for (int k = 0; k < j; k++) {
          s -= a[i * n + k] * a[j * n + k];
        }
        a[i * n + j] = s / d;
      }
      for (int i = 0; i < j; i++) {
        a[i * n + j] = 0;
      }
    }
    return true;
  }

  /**
   * Householder QR in place, as geqrf: {@code a} ({@code m x n}) becomes R on and above the
   * diagonal and the reflectors' vectors below it (each with an implicit 1 on the diagonal); {@code
   * tau} gets their scales. LAPACK's dlarfg convention: beta = -sign(alpha) * norm, so R's diagonal
   * has the sign NumPy's has.
   */
  static void qr(double[] a, int m, int n, double[] tau) {
    int k = Math.min(m, n);
    double[] beta = new double[1];
    for (int c = 0; c < k; c++) {
      tau[c] = io.ndj.spi.Reflector.make(a, c * n + c, n, m - c, beta, 0);
      a[c * n + c] = beta[0];
      if (tau[c] == 0) {
        continue;
      }
      // apply H = I - tau v v^T to the columns right of c
      for (int j = c + 1; j < n; j++) {
        double s = a[c * n + j];
        for (int i = c + 1; i < m; i++) {
          s += a[i * n + c] * a[i * n + j];
        }
        s *= tau[c];
        a[c * n + j] -= s;
        for (int i = c + 1; i < m; i++) {
          a[i * n + j] -= s * a[i * n + c];
        }
      }
    }
  }

  /**
   * The first {@code cols} columns of Q = H(0) H(1) ... H(k-1) from {@link #qr}'s reflectors in
   * {@code a} ({@code m x n}), as orgqr: an {@code m x cols} matrix in C order.
   */
  static double[] qrQ(double[] a, int m, int n, double[] tau, int cols) {
    int k = Math.min(m, n);
    double[] q = new double[m * cols];
    for (int i = 0; i < Math.min(m, cols); i++) {
      q[i * cols + i] = 1;
    }
    for (int c = k - 1; c >= 0; c--) {
      if (tau[c] == 0) {
        continue;
      }
      for (int j = 0; j < cols; j++) {
        double s = q[c * cols + j];
        for (int i = c + 1; i < m; i++) {
          s += a[i * n + c] * q[i * cols + j];
        }
        s *= tau[c];
        q[c * cols + j] -= s;
        for (int i = c + 1; i < m; i++) {
          q[i * cols + j] -= s * a[i * n + c];
        }
      }
    }
    return q;
  }
}
