package io.ndj.linalg;

/**
 * Eigen- and singular value decompositions of one matrix on the host by Jacobi rotations: the
 * cyclic two-sided method for symmetric matrices and Hestenes' one-sided method for the SVD. Both
 * are slower than LAPACK's divide-and-conquer but accurate to a few ulps of the largest value, and
 * their few lines are easy to check.
 */
final class Spectral {
  private Spectral() {}

  private static final int SWEEPS = 80;
  private static final double EPS = 0x1p-52;

  /**
   * Eigenvalues (ascending, into {@code w}) and, where {@code v} is not null, unit eigenvectors
   * (its columns, {@code n x n} in C order) of the symmetric {@code a}, which is destroyed.
   *
   * @return false where the rotations did not converge (NaN or infinite entries)
   */
  static boolean eigh(double[] a, int n, double[] w, double[] v) {
    double[] vecs = new double[n * n];
    for (int i = 0; i < n; i++) {
      vecs[i * n + i] = 1;
    }
    double frobenius = 0;
    for (double x : a) {
      frobenius += x * x;
    }
    // an off-diagonal entry this small moves no eigenvalue past rounding of the largest
    double negligible = 1e-3 * EPS * Math.sqrt(frobenius);
    boolean converged = false;
    for (int sweep = 0; sweep < SWEEPS && !converged; sweep++) {
      converged = true;
      for (int p = 0; p < n - 1; p++) {
        for (int q = p + 1; q < n; q++) {
          double apq = a[p * n + q];
          double app = a[p * n + p];
          double aqq = a[q * n + q];
          if (Math.abs(apq) <= negligible
              || Math.abs(apq) <= EPS * 0.5 * Math.sqrt(Math.abs(app) * Math.abs(aqq))) {
            a[p * n + q] = 0;
            a[q * n + p] = 0;
            continue;
          }
          converged = false;
          double theta = (aqq - app) / (2 * apq);
          double t = Math.copySign(1, theta) / (Math.abs(theta) + Math.hypot(theta, 1));
          double c = 1 / Math.hypot(t, 1);
          double s = t * c;
          for (int r = 0; r < n; r++) {
            double x = a[r * n + p];
            double y = a[r * n + q];
            a[r * n + p] = c * x - s * y;
            a[r * n + q] = s * x + c * y;
          }
          for (int r = 0; r < n; r++) {
            double x = a[p * n + r];
            double y = a[q * n + r];
            a[p * n + r] = c * x - s * y;
            a[q * n + r] = s * x + c * y;
          }
          a[p * n + q] = 0;
          a[q * n + p] = 0;
          for (int r = 0; r < n; r++) {
            double x = vecs[r * n + p];
            double y = vecs[r * n + q];
            vecs[r * n + p] = c * x - s * y;
            vecs[r * n + q] = s * x + c * y;
          }
        }
      }
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (x, y) -> Double.compare(a[x * n + x], a[y * n + y]));
    for (int j = 0; j < n; j++) {
      w[j] = a[order[j] * n + order[j]];
      if (v != null) {
        for (int r = 0; r < n; r++) {
          v[r * n + j] = vecs[r * n + order[j]];
        }
      }
    }
    return converged;
  }

  /** One SVD: singular values descending; U ({@code m x uCols}) and Vh ({@code vRows x n}). */
  record Svd(double[] s, double[] u, double[] vh) {}

  /**
   * The SVD of {@code a} ({@code m x n}, C order, not modified); U and Vh only where {@code
   * vectors}, square where {@code full}.
   *
   * @return null where the rotations did not converge (NaN or infinite entries)
   */
  static Svd svd(double[] a, int m, int n, boolean vectors, boolean full) {
    boolean tall = m >= n;
    int rows = tall ? m : n; // the one-sided method works on a tall matrix: a or its transpose
    int cols = tall ? n : m;
    double[] w = new double[rows * cols]; // column j at j * rows
    double scale = 0;
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double x = a[i * n + j];
        if (!Double.isFinite(x)) {
          return null;
        }
        scale = Math.max(scale, Math.abs(x));
        w[tall ? j * m + i : i * n + j] = x;
      }
    }
    double[] v = new double[cols * cols]; // column j at j * cols
    for (int j = 0; j < cols; j++) {
      v[j * cols + j] = 1;
    }
    if (scale > 0) {
      for (int i = 0; i < w.length; i++) {
        w[i] /= scale; // no squares overflow or underflow below
      }
      if (!rotate(w, rows, cols, vectors ? v : null)) {
        return null;
      }
    }
    double[] sigma = new double[cols];
    for (int j = 0; j < cols; j++) {
      sigma[j] = Math.sqrt(dot(w, j * rows, w, j * rows, rows));
    }
    Integer[] order = new Integer[cols];
    for (int j = 0; j < cols; j++) {
      order[j] = j;
    }
    java.util.Arrays.sort(order, (x, y) -> Double.compare(sigma[y], sigma[x]));
    double[] s = new double[cols];
    for (int j = 0; j < cols; j++) {
      s[j] = sigma[order[j]] * scale;
    }
    if (!vectors) {
      return new Svd(s, null, null);
    }
    // the left vectors of the tall matrix: columns w_j / sigma_j where sigma_j is well above the
    // rounding of the largest, the rest completed to an orthonormal set
    int left = full ? rows : cols;
    double[] q = new double[left * rows]; // column j at j * rows
    double trust = sigma.length == 0 ? 0 : sigma[order[0]] * rows * EPS * 16;
    int have = 0;
    boolean[] placed = new boolean[left];
    for (int j = 0; j < cols; j++) {
      double sj = sigma[order[j]];
      if (sj > trust && sj > 0) {
        for (int i = 0; i < rows; i++) {
          q[j * rows + i] = w[order[j] * rows + i] / sj;
        }
        placed[j] = true;
        have++;
      }
    }
    complete(q, rows, left, placed);
    double[] right = new double[cols * cols]; // column j of the tall matrix's V, at j * cols
    for (int j = 0; j < cols; j++) {
      System.arraycopy(v, order[j] * cols, right, j * cols, cols);
    }
    double[] u;
    double[] vh;
    if (tall) {
      u = new double[m * left];
      for (int j = 0; j < left; j++) {
        for (int i = 0; i < m; i++) {
          u[i * left + j] = q[j * m + i];
        }
      }
      vh = right; // row j of Vh is column j of V
    } else {
      u = new double[m * m];
      for (int j = 0; j < m; j++) {
        for (int i = 0; i < m; i++) {
          u[i * m + j] = right[j * m + i];
        }
      }
      vh = q; // A = V' S U'^T: row j of Vh is column j of U'
    }
    return new Svd(s, u, vh);
  }

  /** Hestenes' rotations until every pair of columns is orthogonal to rounding. */
  private static boolean rotate(double[] w, int rows, int cols, double[] v) {
    // columns this short (squared, against the whole matrix's squared norm) are rounding noise: a
    // rank-deficient matrix leaves such columns, which never turn orthogonal to the rest
    double negligible = EPS * EPS * dot(w, 0, w, 0, w.length);
    double tol = EPS * Math.max(rows, 4); // the orthogonality LAPACK's Jacobi SVD asks (m eps)
    for (int sweep = 0; sweep < SWEEPS; sweep++) {
      boolean rotated = false;
      for (int p = 0; p < cols - 1; p++) {
        for (int q = p + 1; q < cols; q++) {
          double alpha = dot(w, p * rows, w, p * rows, rows);
          double beta = dot(w, q * rows, w, q * rows, rows);
          double gamma = dot(w, p * rows, w, q * rows, rows);
          if (gamma == 0
              || Math.min(alpha, beta) <= negligible
              || Math.abs(gamma) <= tol * Math.sqrt(alpha * beta)) {
            continue;
          }
          rotated = true;
          double zeta = (beta - alpha) / (2 * gamma);
          double t = Math.copySign(1, zeta) / (Math.abs(zeta) + Math.hypot(zeta, 1));
          double c = 1 / Math.hypot(t, 1);
          double s = c * t;
          turn(w, p * rows, q * rows, rows, c, s);
          if (v != null) {
            turn(v, p * cols, q * cols, cols, c, s);
          }
        }
      }
      if (!rotated) {
        return true;
      }
    }
    return false;
  }

  private static void turn(double[] x, int p, int q, int len, double c, double s) {
    for (int i = 0; i < len; i++) {
      double a = x[p + i];
      double b = x[q + i];
      x[p + i] = c * a - s * b;
      x[q + i] = s * a + c * b;
    }
  }

  private static double dot(double[] x, int i, double[] y, int j, int len) {
    double s = 0;
    for (int k = 0; k < len; k++) {
      s += x[i + k] * y[j + k];
    }
    return s;
  }

  /**
   * Fills the columns of {@code q} ({@code cols} columns of length {@code rows}, column j at j *
   * rows) not yet {@code placed} with unit vectors orthogonal to every other column: Gram-Schmidt,
   * twice, on the standard basis vectors.
   */
  static void complete(double[] q, int rows, int cols, boolean[] placed) {
    int next = 0;
    for (int j = 0; j < cols; j++) {
      if (placed[j]) {
        continue;
      }
      while (next < rows) {
        double[] e = new double[rows];
        e[next++] = 1;
        for (int pass = 0; pass < 2; pass++) {
          for (int k = 0; k < cols; k++) {
            if (placed[k]) {
              double d = dot(q, k * rows, e, 0, rows);
              for (int i = 0; i < rows; i++) {
                e[i] -= d * q[k * rows + i];
              }
            }
          }
        }
        double norm = Math.sqrt(dot(e, 0, e, 0, rows));
        // some e_i keeps at least 1/sqrt(rows) outside the columns placed (their squared
        // residuals sum to rows - placed); one kept past 0.7 of that stays accurate after two
        // passes
        if (norm > 0.7 / Math.sqrt(rows)) {
          for (int i = 0; i < rows; i++) {
            q[j * rows + i] = e[i] / norm;
          }
          placed[j] = true;
          break;
        }
      }
    }
  }
}
