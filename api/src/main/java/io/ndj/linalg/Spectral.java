package io.ndj.linalg;

/**
 * Eigen- and singular value decompositions of one matrix on the host: Householder tridiagonal
 * reduction and implicit QL for symmetric matrices, Hestenes' one-sided Jacobi rotations for the
 * SVD (slower than LAPACK's divide-and-conquer, accurate to a few ulps of the largest value).
 */
final class Spectral {
  private Spectral() {}

  private static final int SWEEPS = 80;
  private static final double EPS = 0x1p-52;

  /**
   * Eigenvalues (ascending, into {@code w}) and, where {@code v} is not null, unit eigenvectors
   * (its columns, {@code n x n} in C order) of the symmetric {@code a} (destroyed): Householder
   * reduction to tridiagonal form, then the implicit QL method with Wilkinson's shift (EISPACK's
   * tred2 and tql2).
   *
   * @return false where the QL iterations did not converge
   */
  static boolean eigh(double[] a, int n, double[] w, double[] v) {
    if (n == 0) {
      return true;
    }
    int shift = io.ndj.spi.Tridiagonal.scaleToRange(a, n * n); // so that nothing overflows
    double[] d = new double[n];
    double[] e = new double[n];
    tridiagonalize(a, n, d, e); // a now holds the orthogonal Q with Q^T A Q tridiagonal
    double[] q = new double[n * n]; // Q^T: the rotations below touch two of its rows
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        q[j * n + i] = a[i * n + j];
      }
    }
    if (!ql(d, e, n, q)) {
      return false;
    }
    io.ndj.spi.Tridiagonal.ascending(d, q, n, w, v);
    for (int i = 0; i < n && shift != 0; i++) {
      w[i] = Math.scalb(w[i], -shift);
    }
    return true;
  }

  /**
   * tred2: Householder reflections reduce the symmetric {@code v} to tridiagonal form (diagonal
   * {@code d}, sub-diagonal {@code e[1..]}); {@code v} becomes the product of the reflections.
   */
  private static void tridiagonalize(double[] v, int n, double[] d, double[] e) {
    for (int j = 0; j < n; j++) {
      d[j] = v[(n - 1) * n + j];
    }
    for (int i = n - 1; i > 0; i--) {
      double scale = 0;
      double h = 0;
      for (int k = 0; k < i; k++) {
        scale += Math.abs(d[k]);
      }
      if (scale == 0) {
        e[i] = d[i - 1];
        for (int j = 0; j < i; j++) {
          d[j] = v[(i - 1) * n + j];
          v[i * n + j] = 0;
          v[j * n + i] = 0;
        }
      } else {
        for (int k = 0; k < i; k++) {
          d[k] /= scale;
          h += d[k] * d[k];
        }
        double f = d[i - 1];
        double g = Math.sqrt(h);
        if (f > 0) {
          g = -g;
        }
        e[i] = scale * g;
        h -= f * g;
        d[i - 1] = f - g;
        for (int j = 0; j < i; j++) {
          e[j] = 0;
        }
        for (int j = 0; j < i; j++) {
          f = d[j];
          v[j * n + i] = f;
          g = e[j] + v[j * n + j] * f;
          for (int k = j + 1; k <= i - 1; k++) {
            g += v[k * n + j] * d[k];
            e[k] += v[k * n + j] * f;
          }
          e[j] = g;
        }
        f = 0;
        for (int j = 0; j < i; j++) {
          e[j] /= h;
          f += e[j] * d[j];
        }
        double hh = f / (h + h);
        for (int j = 0; j < i; j++) {
          e[j] -= hh * d[j];
        }
        for (int j = 0; j < i; j++) {
          f = d[j];
          g = e[j];
          for (int k = j; k <= i - 1; k++) {
            v[k * n + j] -= f * e[k] + g * d[k];
          }
          d[j] = v[(i - 1) * n + j];
          v[i * n + j] = 0;
        }
      }
      d[i] = h;
    }
    // accumulate the transformations
    for (int i = 0; i < n - 1; i++) {
      v[(n - 1) * n + i] = v[i * n + i];
      v[i * n + i] = 1;
      double h = d[i + 1];
      if (h != 0) {
        for (int k = 0; k <= i; k++) {
          d[k] = v[k * n + i + 1] / h;
        }
        for (int j = 0; j <= i; j++) {
          double g = 0;
          for (int k = 0; k <= i; k++) {
            g += v[k * n + i + 1] * v[k * n + j];
          }
          for (int k = 0; k <= i; k++) {
            v[k * n + j] -= g * d[k];
          }
        }
      }
      for (int k = 0; k <= i; k++) {
        v[k * n + i + 1] = 0;
      }
    }
    for (int j = 0; j < n; j++) {
      d[j] = v[(n - 1) * n + j];
      v[(n - 1) * n + j] = 0;
    }
    v[(n - 1) * n + n - 1] = 1;
    e[0] = 0;
  }

  /**
   * tql2 ({@link io.ndj.spi.Tridiagonal#ql}) on tred2's (d, e): each plane rotation turns rows i,
   * i+1 of {@code qt} (the transposed eigenvector matrix).
   */
  private static boolean ql(double[] d, double[] e, int n, double[] qt) {
    for (int i = 1; i < n; i++) {
      e[i - 1] = e[i]; // tred2's e[i] joins rows i-1 and i
    }
    e[n - 1] = 0;
    return io.ndj.spi.Tridiagonal.ql(
        d,
        e,
        n,
        (l, m, c, s) -> {
          for (int i = m - 1; i >= l; i--) {
            int a = i * n;
            int b = (i + 1) * n;
            for (int k = 0; k < n; k++) {
              double x = qt[b + k];
              qt[b + k] = s[i] * qt[a + k] + c[i] * x;
              qt[a + k] = c[i] * qt[a + k] - s[i] * x;
            }
          }
        });
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
    boolean[] placed = new boolean[left];
    for (int j = 0; j < cols; j++) {
      double sj = sigma[order[j]];
      if (sj > trust && sj > 0) {
        for (int i = 0; i < rows; i++) {
          q[j * rows + i] = w[order[j] * rows + i] / sj;
        }
        placed[j] = true;
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
    double[] norms = new double[cols]; // squared column norms, recomputed each sweep
    for (int sweep = 0; sweep < SWEEPS; sweep++) {
      boolean rotated = false;
      for (int j = 0; j < cols; j++) {
        norms[j] = dot(w, j * rows, w, j * rows, rows);
      }
      for (int p = 0; p < cols - 1; p++) {
        for (int q = p + 1; q < cols; q++) {
          double alpha = norms[p];
          double beta = norms[q];
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
          // the rotation zeroes gamma and moves t * gamma of squared norm from column p to q
          norms[p] = alpha - t * gamma;
          norms[q] = beta + t * gamma;
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
