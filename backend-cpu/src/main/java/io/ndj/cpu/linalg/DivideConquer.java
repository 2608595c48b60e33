package io.ndj.cpu.linalg;

import io.ndj.cpu.Loop;
import io.ndj.cpu.gemm.Update;
import io.ndj.cpu.gemm.Update.Operand;
import io.ndj.cpu.gemm.Update.Part;
import io.ndj.spi.Tridiagonal;
import java.util.Arrays;

/**
 * Cuppen's divide and conquer for the eigenvectors of a symmetric tridiagonal matrix (LAPACK's
 * dstedc, dlaed0-4): the matrix is cut in two by a rank-one tear, each half solved (the implicit QL
 * method at {@link #LEAF} rows and below), and the halves merged by the eigenproblem of a diagonal
 * plus a rank-one matrix: deflation of small and nearly equal components (dlaed2), a secular
 * equation per remaining eigenvalue solved in coordinates relative to its nearer pole (dlaed4's
 * rational model, safeguarded by bisection), the vector of the rank-one term recomputed from the
 * computed eigenvalues (Gu and Eisenstat's formula, which keeps the eigenvectors orthogonal), and
 * the merged eigenvectors as one product with the halves' blocks in the gemm micro-kernel (columns
 * of one half multiply only that half's rows, as dlaed3's column types).
 */
final class DivideConquer {
  private DivideConquer() {}

  /** Subproblems of at most this order are solved by QL. */
  private static final int LEAF = 32;

  private static final double EPS = 0x1p-53;

  /**
   * The eigenvalues of the symmetric tridiagonal matrix with diagonal {@code d} and off-diagonal
   * {@code e[k]} (between rows k and k+1) ascending into {@code d}, and its unit eigenvectors as
   * the columns of {@code z} (n x n, C order); {@code e} is destroyed.
   *
   * @return false where the input is not finite or an iteration did not converge
   */
  static boolean eigen(double[] d, double[] e, int n, double[] z) {
    double norm = 0;
    for (int i = 0; i < n; i++) {
      norm = Math.max(norm, Math.abs(d[i]));
      if (i < n - 1) {
        norm = Math.max(norm, Math.abs(e[i]));
      }
    }
    if (!Double.isFinite(norm)) {
      return false;
    }
    if (norm == 0) {
      Arrays.fill(z, 0, n * n, 0);
      for (int i = 0; i < n; i++) {
        z[i * n + i] = 1;
      }
      return true;
    }
    for (int i = 0; i < n; i++) { // scaled to norm 1, as dstedc, so nothing overflows
      d[i] /= norm;
      e[i] = i < n - 1 ? e[i] / norm : 0;
    }
    if (!solve(d, e, 0, n, z)) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      d[i] *= norm;
    }
    return true;
  }

  /** Solves rows [lo, lo + s): eigenvalues ascending into d there, eigenvectors into q (s x s). */
  private static boolean solve(double[] d, double[] e, int lo, int s, double[] q) {
    if (s <= LEAF) {
      return leaf(d, e, lo, s, q);
    }
    int n1 = s / 2;
    int n2 = s - n1;
    double tear = e[lo + n1 - 1];
    d[lo + n1 - 1] -= Math.abs(tear);
    d[lo + n1] -= Math.abs(tear);
    double[] q1 = new double[n1 * n1];
    double[] q2 = new double[n2 * n2];
    if (!solve(d, e, lo, n1, q1) || !solve(d, e, lo + n1, n2, q2)) {
      return false;
    }
    merge(d, lo, n1, n2, q1, q2, tear, q);
    return true;
  }

  private static boolean leaf(double[] d, double[] e, int lo, int s, double[] q) {
    double[] dd = Arrays.copyOfRange(d, lo, lo + s);
    double[] ee = new double[s];
    System.arraycopy(e, lo, ee, 0, s - 1);
    double[] qt = new double[s * s];
    for (int i = 0; i < s; i++) {
      qt[i * s + i] = 1;
    }
    boolean done =
        Tridiagonal.ql(
            dd,
            ee,
            s,
            (l, m, c, sn) -> {
              for (int i = m - 1; i >= l; i--) {
                int a = i * s;
                int b = a + s;
                for (int k = 0; k < s; k++) {
                  double x = qt[b + k];
                  double y = qt[a + k];
                  qt[b + k] = sn[i] * y + c[i] * x;
                  qt[a + k] = c[i] * y - sn[i] * x;
                }
              }
            });
    if (!done) {
      return false;
    }
    double[] w = new double[s];
    Tridiagonal.ascending(dd, qt, s, w, q);
    System.arraycopy(w, 0, d, lo, s);
    return true;
  }

  /**
   * Merges the solved halves (values ascending in d at [lo, lo + n1) and [lo + n1, lo + s), vectors
   * q1 and q2) torn apart at {@code tear} into q, s x s, values ascending into d.
   */
  private static void merge(
      double[] d, int lo, int n1, int n2, double[] q1, double[] q2, double tear, double[] q) {
    int s = n1 + n2;
    // the halves' vectors as one block-diagonal matrix, whose columns deflation may turn together
    double[] big = new double[s * s];
    for (int r = 0; r < n1; r++) {
      System.arraycopy(q1, r * n1, big, r * s, n1);
    }
    for (int r = 0; r < n2; r++) {
      System.arraycopy(q2, r * n2, big, (n1 + r) * s + n1, n2);
    }
    // D + rho z z^T, z the last row of q1 and (with the tear's sign) the first of q2, |z| = 1
    double[] dv = Arrays.copyOfRange(d, lo, lo + s);
    double[] z = new double[s];
    double sign = Math.signum(tear);
    double root2 = Math.sqrt(0.5);
    for (int j = 0; j < n1; j++) {
      z[j] = q1[(n1 - 1) * n1 + j] * root2;
    }
    for (int j = 0; j < n2; j++) {
      z[n1 + j] = sign * q2[j] * root2;
    }
    double rho = 2 * Math.abs(tear);
    int[] type = new int[s]; // 1: rows of the first half only, 3: of the second, 2: both
    for (int j = 0; j < s; j++) {
      type[j] = j < n1 ? 1 : 3;
    }
    int[] order = ascending(dv, n1, s); // the two ascending runs merged
    double zmax = 0;
    double dmax = 0;
    for (int j = 0; j < s; j++) {
      zmax = Math.max(zmax, Math.abs(z[j]));
      dmax = Math.max(dmax, Math.abs(dv[j]));
    }
    double tol = 8 * EPS * Math.max(dmax, zmax);
    // deflation (dlaed2): kept columns in ascending order, the rest keep their value and column
    int[] kept = new int[s];
    int k = 0;
    int[] gone = new int[s];
    int g = 0;
    int prev = -1;
    for (int t = 0; t < s; t++) {
      int nj = order[t];
      if (rho * Math.abs(z[nj]) <= tol) {
        gone[g++] = nj;
        continue;
      }
      if (prev >= 0) {
        double tau = Math.hypot(z[nj], z[prev]);
        double c = z[nj] / tau;
        double sn = -z[prev] / tau;
        if (Math.abs((dv[nj] - dv[prev]) * c * sn) <= tol) {
          // nearly equal values: a rotation of the two columns zeroes prev's component
          z[nj] = tau;
          z[prev] = 0;
          for (int r = 0; r < s; r++) {
            double x = big[r * s + prev];
            double y = big[r * s + nj];
            big[r * s + prev] = c * x + sn * y;
            big[r * s + nj] = c * y - sn * x;
          }
          double dp = dv[prev] * c * c + dv[nj] * sn * sn;
          dv[nj] = dv[prev] * sn * sn + dv[nj] * c * c;
          dv[prev] = dp;
          if (type[prev] != type[nj]) {
            type[nj] = 2;
          }
          gone[g++] = prev;
          prev = nj;
          continue;
        }
        kept[k++] = prev;
      }
      prev = nj;
    }
    if (prev >= 0) {
      kept[k++] = prev;
    }
    double[] values = new double[s];
    double[] vectors = new double[s * s]; // column j: the vector of values[j]
    if (k > 0) {
      secularMerge(big, s, n1, dv, z, rho, kept, k, type, values, vectors);
    }
    for (int t = 0; t < g; t++) { // deflated: the value and column as they are
      int c = gone[t];
      values[k + t] = dv[c];
      for (int r = 0; r < s; r++) {
        vectors[r * s + k + t] = big[r * s + c];
      }
    }
    int[] out = ascending(values, -1, s);
    for (int j = 0; j < s; j++) {
      d[lo + j] = values[out[j]];
    }
    for (int r = 0; r < s; r++) {
      int row = r * s;
      for (int j = 0; j < s; j++) {
        q[row + j] = vectors[row + out[j]];
      }
    }
  }

  /**
   * The k kept components' eigenproblem: values into values[0, k), the merged vectors (big's kept
   * columns times the rank-one problem's vectors) into vectors' columns [0, k).
   */
  private static void secularMerge(
      double[] big,
      int s,
      int n1,
      double[] dv,
      double[] z,
      double rho,
      int[] kept,
      int k,
      int[] type,
      double[] values,
      double[] vectors) {
    double[] dl = new double[k];
    double[] w = new double[k];
    for (int j = 0; j < k; j++) {
      dl[j] = dv[kept[j]];
      w[j] = z[kept[j]];
    }
    double[] delta = new double[k * k]; // row i: dl[j] - lambda_i
    Loop.split(
        k,
        Math.max(1, 32768 / k),
        (a, b) -> {
          for (int i = (int) a; i < b; i++) {
            values[i] = Secular.root(i, k, dl, w, rho, delta, i * k);
          }
        });
    // Gu and Eisenstat: the z for which the computed values are exact, so the vectors stay
    // orthogonal
    double[] zh = new double[k];
    Loop.split(
        k,
        Math.max(1, 32768 / k),
        (a, b) -> {
          int j0 = (int) a;
          int j1 = (int) b;
          for (int j = j0; j < j1; j++) {
            zh[j] = delta[j * k + j];
          }
          for (int i = 0; i < k; i++) {
            int row = i * k;
            for (int j = j0; j < j1; j++) {
              if (j != i) {
                zh[j] *= delta[row + j] / (dl[j] - dl[i]);
              }
            }
          }
          for (int j = j0; j < j1; j++) {
            zh[j] = Math.copySign(Math.sqrt(Math.max(0, -zh[j])), w[j]);
          }
        });
    // the rank-one problem's vectors, negated (the update subtracts), rows in the gather's order:
    // kept columns of type 1, then 2, then 3
    int[] gather = new int[k];
    int[] counts = new int[4];
    for (int j = 0; j < k; j++) {
      counts[type[kept[j]]]++;
    }
    int[] at = {0, 0, counts[1], counts[1] + counts[2]};
    for (int j = 0; j < k; j++) {
      gather[at[type[kept[j]]]++] = j;
    }
    double[] u = new double[k * k];
    Loop.split(
        k,
        Math.max(1, 32768 / k),
        (a, b) -> {
          double[] col = new double[k];
          for (int i = (int) a; i < b; i++) {
            double norm = 0;
            for (int j = 0; j < k; j++) {
              col[j] = zh[j] / delta[i * k + j];
              norm += col[j] * col[j];
            }
            double f = -1 / Math.sqrt(norm);
            for (int p = 0; p < k; p++) {
              u[p * k + i] = f * col[gather[p]];
            }
          }
        });
    double[] qp = new double[s * k];
    for (int r = 0; r < s; r++) {
      for (int p = 0; p < k; p++) {
        qp[r * k + p] = big[r * s + kept[gather[p]]];
      }
    }
    int k1 = counts[1];
    int k12 = counts[1] + counts[2];
    // rows of the first half meet columns of types 1 and 2, those of the second types 2 and 3
    Update.subtract(
        n1, k, k12, new Operand(qp, 0, k, 1), new Operand(u, 0, k, 1), vectors, 0, s, Part.ALL);
    Update.subtract(
        s - n1,
        k,
        k - k1,
        new Operand(qp, n1 * k + k1, k, 1),
        new Operand(u, k1 * k, k, 1),
        vectors,
        n1 * s,
        s,
        Part.ALL);
  }

  /**
   * The indices of v[0, n) in ascending order of value (ties by index): where {@code run} is not
   * negative, [0, run) and [run, n) are each ascending already and are merged.
   */
  private static int[] ascending(double[] v, int run, int n) {
    int[] out = new int[n];
    if (run >= 0) {
      int a = 0;
      int b = run;
      for (int t = 0; t < n; t++) {
        out[t] = b >= n || (a < run && v[a] <= v[b]) ? a++ : b++;
      }
      return out;
    }
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (x, y) -> Double.compare(v[x], v[y]));
    for (int i = 0; i < n; i++) {
      out[i] = idx[i];
    }
    return out;
  }

  /** The secular equation of D + rho z zᵀ (dlaed4), one root at a time. */
  static final class Secular {
    private Secular() {}

    /**
     * Root i (0-based, ascending) of {@code 1 + rho Σ w_j² / (dl_j - λ) = 0} for ascending distinct
     * dl, nonzero w, rho &gt; 0; writes {@code dl_j - λ} for every j to {@code delta[at + j]}, each
     * computed from the nearer pole so that the small ones keep their digits.
     */
    static double root(int i, int k, double[] dl, double[] w, double rho, double[] delta, int at) {
      int origin;
      double lo;
      double hi;
      if (i < k - 1) {
        double gap = dl[i + 1] - dl[i];
        double mid = gap / 2;
        double f = 1;
        for (int j = 0; j < k; j++) {
          f += rho * w[j] * w[j] / ((dl[j] - dl[i]) - mid);
        }
        if (f >= 0) { // the root lies in the lower half: measured from dl[i]
          origin = i;
          lo = 0;
          hi = mid;
        } else {
          origin = i + 1;
          lo = (dl[i] - dl[i + 1]) + mid;
          hi = 0;
        }
      } else {
        double zz = 0;
        for (int j = 0; j < k; j++) {
          zz += w[j] * w[j];
        }
        origin = i;
        lo = 0;
        hi = rho * zz;
      }
      double base = dl[origin];
      for (int j = 0; j < k; j++) {
        delta[at + j] = dl[j] - base; // the poles relative to the origin
      }
      double tau = (lo + hi) / 2;
      for (int iter = 0; iter < 200; iter++) {
        double psi = 0;
        double dpsi = 0;
        double phi = 0;
        double dphi = 0;
        for (int j = 0; j < k; j++) {
          double dj = delta[at + j] - tau;
          double t = w[j] / dj;
          if (j <= i) {
            psi += w[j] * t;
            dpsi += t * t;
          } else {
            phi += w[j] * t;
            dphi += t * t;
          }
        }
        psi *= rho;
        phi *= rho;
        dpsi *= rho;
        dphi *= rho;
        double f = 1 + psi + phi;
        double bound = EPS * (8 * (1 + phi - psi) + Math.abs(tau) * (dpsi + dphi));
        if (Math.abs(f) <= bound) {
          break;
        }
        if (f > 0) {
          hi = tau;
        } else {
          lo = tau;
        }
        double d1 = delta[at + i] - tau;
        double next;
        if (i < k - 1) {
          double d2 = delta[at + i + 1] - tau;
          double c = 1 + psi - dpsi * d1 + phi - dphi * d2;
          double b = c * (d1 + d2) + dpsi * d1 * d1 + dphi * d2 * d2;
          double c0 = d1 * d2 * f;
          next = tau + step(c, b, c0, d1, d2);
        } else {
          double c = 1 + psi - dpsi * d1;
          next = c > 0 ? tau + d1 + dpsi * d1 * d1 / c : Double.NaN;
        }
        if (!(next > lo && next < hi)) {
          next = lo + (hi - lo) / 2; // outside the bracket (or no model root): bisect
        }
        if (next == tau || hi - lo <= 4 * EPS * Math.max(Math.abs(lo), Math.abs(hi))) {
          tau = next;
          break;
        }
        tau = next;
      }
      for (int j = 0; j < k; j++) {
        delta[at + j] -= tau;
      }
      return base + tau;
    }

    /**
     * Root i (0-based, ascending) of {@code 1 + Σ z_j² / (p_j² - σ²) = 0} for the poles {@code p}
     * ascending from p_0 = 0, distinct, and nonzero z (dlasd4): the singular values of the
     * arrowhead matrix with first row z and diagonal p. Writes {@code p_j - σ} to {@code delta[at +
     * j]} and {@code p_j + σ} to {@code sum[at + j]}, the first measured from the nearer pole so
     * that the small ones keep their digits.
     */
    static double singular(
        int i, int k, double[] p, double[] z, double[] delta, double[] sum, int at) {
      int origin;
      double lo;
      double hi;
      if (i < k - 1) {
        double gap = p[i + 1] - p[i];
        double mid = gap / 2;
        double f = 1;
        for (int j = 0; j < k; j++) {
          f += z[j] * z[j] / (((p[j] - p[i]) - mid) * (p[j] + p[i] + mid));
        }
        if (f >= 0) {
          origin = i;
          lo = 0;
          hi = mid;
        } else {
          origin = i + 1;
          lo = -(gap - mid);
          hi = 0;
        }
      } else {
        double zz = 0;
        for (int j = 0; j < k; j++) {
          zz += z[j] * z[j];
        }
        origin = i;
        lo = 0;
        hi = zz / (Math.sqrt(p[i] * p[i] + zz) + p[i]);
      }
      double base = p[origin];
      for (int j = 0; j < k; j++) {
        delta[at + j] = p[j] - base;
      }
      double tau = (lo + hi) / 2;
      for (int iter = 0; iter < 200; iter++) {
        double psi = 0;
        double dpsi = 0;
        double phi = 0;
        double dphi = 0;
        for (int j = 0; j < k; j++) {
          double t = z[j] / ((delta[at + j] - tau) * (p[j] + base + tau)); // z / (p_j² - σ²)
          if (j <= i) {
            psi += z[j] * t;
            dpsi += t * t;
          } else {
            phi += z[j] * t;
            dphi += t * t;
          }
        }
        double f = 1 + psi + phi;
        double shift = Math.abs(tau * (2 * base + tau)); // σ² - p_origin²
        double bound = EPS * (8 * (1 + phi - psi) + shift * (dpsi + dphi));
        if (Math.abs(f) <= bound) {
          break;
        }
        if (f > 0) {
          hi = tau;
        } else {
          lo = tau;
        }
        double sigma = base + tau;
        double d1 = (delta[at + i] - tau) * (p[i] + sigma);
        double eta; // the model's step in σ²
        if (i < k - 1) {
          double d2 = (delta[at + i + 1] - tau) * (p[i + 1] + sigma);
          double c = 1 + psi - dpsi * d1 + phi - dphi * d2;
          double b = c * (d1 + d2) + dpsi * d1 * d1 + dphi * d2 * d2;
          eta = step(c, b, d1 * d2 * f, d1, d2);
        } else {
          double c = 1 + psi - dpsi * d1;
          eta = c > 0 ? d1 + dpsi * d1 * d1 / c : Double.NaN;
        }
        double next = tau + eta / (sigma + Math.sqrt(Math.max(0, sigma * sigma + eta)));
        if (!(next > lo && next < hi)) {
          next = lo + (hi - lo) / 2;
        }
        if (next == tau || hi - lo <= 4 * EPS * Math.max(Math.abs(lo), Math.abs(hi))) {
          tau = next;
          break;
        }
        tau = next;
      }
      double sigma = base + tau;
      for (int j = 0; j < k; j++) {
        delta[at + j] -= tau;
        sum[at + j] = p[j] + sigma;
      }
      return sigma;
    }

    /**
     * The root in (d1, d2) of {@code c η² - b η + c0 = 0}, the rational model's step; NaN where
     * neither root lies there.
     */
    private static double step(double c, double b, double c0, double d1, double d2) {
      if (c == 0) {
        double eta = c0 / b;
        return eta > d1 && eta < d2 ? eta : Double.NaN;
      }
      double disc = b * b - 4 * c * c0;
      if (disc < 0) {
        disc = 0;
      }
      double q = 0.5 * (b + Math.copySign(Math.sqrt(disc), b));
      double r1 = q / c;
      double r2 = q == 0 ? Double.NaN : c0 / q;
      if (r1 > d1 && r1 < d2) {
        return r1;
      }
      return r2 > d1 && r2 < d2 ? r2 : Double.NaN;
    }
  }
}
