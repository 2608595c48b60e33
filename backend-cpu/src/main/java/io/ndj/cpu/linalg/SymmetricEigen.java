package io.ndj.cpu.linalg;

import io.ndj.cpu.Loop;
import io.ndj.cpu.gemm.Update;
import io.ndj.cpu.gemm.Update.Operand;
import io.ndj.spi.Tridiagonal;

/**
 * Eigenvalues and eigenvectors of one symmetric float64 matrix, laid out for rows and cores:
 * Householder reduction to tridiagonal form on the full matrix (each reflector's product with the
 * trailing block and its rank-2 update run along contiguous rows, split over the cores), the
 * reflectors accumulated into Q backwards in blocks of {@link #NB} (as orgtr, both products in the
 * gemm micro-kernel), then the implicit QL method with Wilkinson's shift (EISPACK's tql2) whose
 * plane rotations of one sweep are recorded and applied to Qᵀ's rows a column block per core.
 * io.ndj's host path (tred2/tql2) by the same method, in an order without strided columns: on this
 * 2-core machine n = 1024 went from 6.4 s to 0.90 (reduction 0.25 s, Q 0.23, QL 0.43), and to
 * 0.73-0.83 with Q in blocks; NumPy's divide and conquer takes 0.10.
 */
final class SymmetricEigen {
  private SymmetricEigen() {}

  /** Elements of work below which a row loop stays on the calling thread. */
  private static final long SERIAL = 1 << 16;

  /**
   * Eigenvalues ascending into {@code w} and, where {@code v} is not null, unit eigenvectors (its
   * columns, n x n in C order) of the symmetric {@code a} (both triangles; destroyed).
   *
   * @return false where the QL iterations did not converge (NaN among them)
   */
  static boolean eigh(double[] a, int n, double[] w, double[] v) {
    if (n == 0) {
      return true;
    }
    double[] d = new double[n];
    double[] e = new double[n];
    double[] tau = new double[n];
    tridiagonalize(a, n, d, e, tau);
    double[] qt = v == null ? null : transposedQ(a, n, tau);
    if (!Tridiagonal.ql(d, e, n, qt == null ? null : (l, m, c, s) -> rotate(qt, n, l, m, c, s))) {
      return false;
    }
    Tridiagonal.ascending(d, qt, n, w, v);
    return true;
  }

  /**
   * Reduces a to tridiagonal form: diagonal d, off-diagonal e[k] between k and k+1. Row k's tail
   * keeps reflector k's vector (v[0] = 1 at a[k][k+1]), tau[k] its scale.
   */
  private static void tridiagonalize(double[] a, int n, double[] d, double[] e, double[] tau) {
    double[] p = new double[n];
    for (int k = 0; k < n - 1; k++) {
      int m = n - k - 1;
      int x = k * n + k + 1; // the column below the diagonal, read as row k's tail
      d[k] = a[k * n + k];
      double alpha = a[x];
      double scale = 0;
      for (int i = 1; i < m; i++) {
        scale = Math.max(scale, Math.abs(a[x + i]));
      }
      double xnorm = 0;
      if (scale > 0) {
        for (int i = 1; i < m; i++) {
          double t = a[x + i] / scale;
          xnorm += t * t;
        }
        xnorm = scale * Math.sqrt(xnorm);
      }
      if (xnorm == 0 && !Double.isNaN(scale)) {
        e[k] = alpha;
        tau[k] = 0;
        a[x] = 1;
        for (int i = 1; i < m; i++) {
          a[x + i] = 0;
        }
        continue;
      }
      double beta = -Math.copySign(Math.hypot(alpha, xnorm), alpha);
      double t = (beta - alpha) / beta;
      double f = 1 / (alpha - beta);
      for (int i = 1; i < m; i++) {
        a[x + i] *= f;
      }
      a[x] = 1;
      e[k] = beta;
      tau[k] = t;
      int b0 = (k + 1) * n + k + 1; // the trailing block B, m x m
      // p = tau B v, along B's rows
      rows(
          m,
          (long) m * m,
          (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
              int r = b0 + i * n;
              double s = 0;
              for (int j = 0; j < m; j++) {
                s += a[r + j] * a[x + j];
              }
              p[i] = t * s;
            }
          });
      double pv = 0;
      for (int i = 0; i < m; i++) {
        pv += p[i] * a[x + i];
      }
      double half = -0.5 * t * pv;
      for (int i = 0; i < m; i++) {
        p[i] += half * a[x + i]; // w = p - (tau/2)(p.v) v
      }
      // B -= v w^T + w v^T
      rows(
          m,
          (long) m * m,
          (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
              int r = b0 + i * n;
              double vi = a[x + i];
              double wi = p[i];
              for (int j = 0; j < m; j++) {
                a[r + j] -= vi * p[j] + wi * a[x + j];
              }
            }
          });
    }
    d[n - 1] = a[(n - 1) * n + n - 1];
    e[n - 1] = 0;
  }

  /** Reflectors accumulated into Q together, as one block I - V T Vᵀ (LAPACK's larft/larfb). */
  private static final int NB = 64;

  /**
   * Qᵀ for Q = H(0) H(1) ... H(n-2), accumulated backwards a block of {@link #NB} reflectors at a
   * time: Q[r0.., r0..] -= V T (Vᵀ Q[r0.., r0..]), both products in {@link Update#subtract}.
   */
  private static double[] transposedQ(double[] a, int n, double[] tau) {
    double[] q = new double[n * n];
    for (int i = 0; i < n; i++) {
      q[i * n + i] = 1;
    }
    for (int k1 = n - 1; k1 > 0; k1 -= NB) {
      int k0 = Math.max(0, k1 - NB);
      int nb = k1 - k0;
      int r0 = k0 + 1;
      int m = n - r0;
      // V, m x nb: column c is reflector k0 + c (zero above its row c, 1 there)
      double[] v = new double[m * nb];
      for (int c = 0; c < nb; c++) {
        int src = (k0 + c) * n + r0;
        v[c * nb + c] = 1;
        for (int i = c + 1; i < m; i++) {
          v[i * nb + c] = a[src + i];
        }
      }
      // T, nb x nb upper triangular, so that H(k0) ... H(k1-1) = I - V T V^T
      double[] t = new double[nb * nb];
      double[] s = new double[nb];
      for (int c = 0; c < nb; c++) {
        double tc = tau[k0 + c];
        t[c * nb + c] = tc;
        if (tc == 0) {
          continue;
        }
        java.util.Arrays.fill(s, 0, c, 0);
        for (int i = c; i < m; i++) {
          double vic = v[i * nb + c];
          for (int p = 0; p < c; p++) {
            s[p] += v[i * nb + p] * vic;
          }
        }
        for (int p = 0; p < c; p++) {
          double acc = 0;
          for (int r = p; r < c; r++) {
            acc += t[p * nb + r] * s[r];
          }
          t[p * nb + c] = -tc * acc;
        }
      }
      // W = -(V^T Q'), then Q' -= V (-(T W)) = Q' - V T V^T Q'
      double[] w = new double[nb * m];
      int qo = r0 * n + r0;
      Update.subtract(nb, m, m, new Operand(v, 0, 1, nb), new Operand(q, qo, n, 1), w, 0, m, false);
      double[] tw = new double[nb * m];
      for (int i = 0; i < nb; i++) {
        for (int p = i; p < nb; p++) {
          double f = -t[i * nb + p];
          if (f != 0) {
            for (int j = 0; j < m; j++) {
              tw[i * m + j] += f * w[p * m + j];
            }
          }
        }
      }
      Update.subtract(
          m, m, nb, new Operand(v, 0, nb, 1), new Operand(tw, 0, m, 1), q, qo, n, false);
    }
    // transpose in place: the rotations turn rows of Q^T
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double s = q[i * n + j];
        q[i * n + j] = q[j * n + i];
        q[j * n + i] = s;
      }
    }
    return q;
  }

  /** Rotation i (i = m-1 down to l) turns rows i and i+1 of qt; columns split over the cores. */
  private static void rotate(double[] qt, int n, int l, int m, double[] rc, double[] rs) {
    rows(
        n,
        (long) (m - l) * n * 4,
        (lo, hi) -> {
          for (int i = m - 1; i >= l; i--) {
            double c = rc[i];
            double s = rs[i];
            int a = i * n;
            int b = a + n;
            for (int k = lo; k < hi; k++) {
              double x = qt[b + k];
              double y = qt[a + k];
              qt[b + k] = s * y + c * x;
              qt[a + k] = c * y - s * x;
            }
          }
        });
  }

  /** A range task over [lo, hi) of ints. */
  private interface Range {
    void run(int lo, int hi);
  }

  /** Runs {@code task} over [0, count), split over the cores where {@code work} is large. */
  private static void rows(int count, long work, Range task) {
    long perTask = Math.max(1, SERIAL * count / Math.max(1, work));
    Loop.split(count, perTask, (lo, hi) -> task.run((int) lo, (int) hi));
  }
}
