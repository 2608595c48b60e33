package io.ndj.cpu.linalg;

import io.ndj.cpu.Loop;
import io.ndj.cpu.gemm.Update;
import io.ndj.cpu.gemm.Update.Operand;
import io.ndj.cpu.gemm.Update.Part;
import java.util.Arrays;

/**
 * The singular value decomposition of an upper bidiagonal matrix by divide and conquer (LAPACK's
 * dbdsdc, dlasd1-4): the n x (n + sqre) matrix is cut at its middle row into an upper half with one
 * more column than rows and a lower half, each decomposed, down to single rows; the halves'
 * decompositions turn the whole into an arrowhead matrix (the middle row as its first row, the
 * halves' singular values on its diagonal) whose singular values solve a secular equation, one root
 * between each pair of poles, in differences from the nearer pole (dlasd4). Deflation of small
 * components and of poles within rounding of each other (dlasd2), the vector of the first row
 * recomputed from the computed values (Gu and Eisenstat, dlasd3) so that the singular vectors stay
 * orthogonal, and the merged vectors as two products in the gemm micro-kernel.
 */
final class BidiagonalSvd {
  private BidiagonalSvd() {}

  private static final double EPS = 0x1p-53;

  /**
   * One decomposition: singular values ascending, U (n x n, C order) and V (m x m, m = n + sqre)
   * with column j the vectors of s[j], V's column n the null vector where m = n + 1.
   */
  record Result(double[] s, double[] u, double[] v) {}

  /**
   * The SVD of the upper bidiagonal matrix of rows [lo, lo + n): diagonal d, superdiagonal e (e[i]
   * at row i, column i + 1), with one more column than rows where sqre is 1 (its last e then is the
   * extra column's).
   */
  static Result solve(double[] d, double[] e, int lo, int n, int sqre) {
    int m = n + sqre;
    if (n == 0) {
      return new Result(new double[0], new double[0], m == 0 ? new double[0] : new double[] {1});
    }
    if (n == 1) {
      return single(d[lo], sqre == 1 ? e[lo] : 0, sqre);
    }
    int nl = n / 2;
    int nr = n - 1 - nl;
    int k = lo + nl;
    double alpha = d[k];
    double beta = nr > 0 || sqre == 1 ? e[k] : 0;
    Result left = solve(d, e, lo, nl, 1);
    Result right = solve(d, e, k + 1, nr, sqre);
    return merge(left, right, nl, nr, sqre, alpha, beta);
  }

  private static Result single(double d, double e, int sqre) {
    if (sqre == 0) {
      return new Result(
          new double[] {Math.abs(d)}, new double[] {d < 0 ? -1 : 1}, new double[] {1});
    }
    double t = Math.max(Math.abs(d), Math.abs(e));
    if (t == 0) {
      return new Result(new double[] {0}, new double[] {1}, new double[] {1, 0, 0, 1});
    }
    // the rotation from d and e scaled to 1 first: of subnormal values, their hypot keeps too few
    // digits to divide by
    double dd = d / t;
    double ee = e / t;
    double r = Math.hypot(dd, ee);
    double c = dd / r;
    double sn = ee / r;
    return new Result(new double[] {t * r}, new double[] {1}, new double[] {c, -sn, sn, c});
  }

  private static Result merge(
      Result left, Result right, int nl, int nr, int sqre, double alpha, double beta) {
    int n = nl + 1 + nr;
    int m = n + sqre;
    int ml = nl + 1;
    int mr = nr + sqre;
    // U~ = diag(U1, 1, U2) and V~ = diag(V1, V2): their columns c < nl are the upper half's
    // values, c = nl the arrowhead's first column, nl < c < n the lower half's, m - 1 its null one
    double[] bu = new double[n * n];
    double[] bv = new double[m * m];
    for (int r = 0; r < nl; r++) {
      System.arraycopy(left.u(), r * nl, bu, r * n, nl);
    }
    bu[nl * n + nl] = 1;
    for (int r = 0; r < nr; r++) {
      System.arraycopy(right.u(), r * nr, bu, (ml + r) * n + ml, nr);
    }
    for (int r = 0; r < ml; r++) {
      System.arraycopy(left.v(), r * ml, bv, r * m, ml);
    }
    for (int r = 0; r < mr; r++) {
      System.arraycopy(right.v(), r * mr, bv, (ml + r) * m + ml, mr);
    }
    // scaled to 1 (dlasd1), so that the tolerance and the secular equation's products neither
    // underflow nor overflow; a zero block is its own decomposition
    double norm = Math.max(Math.abs(alpha), Math.abs(beta));
    for (int c = 0; c < nl; c++) {
      norm = Math.max(norm, left.s()[c]);
    }
    for (int c = 0; c < nr; c++) {
      norm = Math.max(norm, right.s()[c]);
    }
    if (norm == 0) {
      return new Result(new double[n], bu, bv);
    }
    alpha /= norm;
    beta /= norm;
    double[] pole = new double[m];
    double[] z = new double[m];
    for (int c = 0; c < ml; c++) {
      z[c] = alpha * left.v()[nl * ml + c];
      if (c < nl) {
        pole[c] = left.s()[c] / norm;
      }
    }
    for (int c = 0; c < mr; c++) {
      z[ml + c] = beta * right.v()[c];
      if (c < nr) {
        pole[ml + c] = right.s()[c] / norm;
      }
    }
    double tol = 8 * EPS;
    double z0 = z[nl];
    if (sqre == 1) { // the two null columns turned into one that meets z and one that does not
      double r = Math.hypot(z[nl], z[m - 1]);
      if (r > tol) {
        rotateColumns(bv, m, m, nl, m - 1, z[nl] / r, z[m - 1] / r);
      }
      z0 = Math.max(r, tol);
    } else if (Math.abs(z0) <= tol) {
      z0 = tol;
    }
    // the halves' values ascending (two ascending runs merged)
    int[] order = new int[n - 1];
    for (int a = 0, b = ml, t = 0; t < n - 1; t++) {
      order[t] = b >= n || (a < nl && pole[a] <= pole[b]) ? a++ : b++;
    }
    // deflation (dlasd2): small components, then poles within tol of the last kept one
    int[] kept = new int[n];
    int count = 1;
    kept[0] = nl;
    int[] gone = new int[n];
    int g = 0;
    int prev = -1;
    for (int c : order) {
      if (Math.abs(z[c]) <= tol) {
        gone[g++] = c;
        continue;
      }
      if (prev >= 0 && Math.abs(pole[c] - pole[prev]) <= tol) {
        double tau = Math.hypot(z[c], z[prev]);
        double cs = z[c] / tau;
        double sn = -z[prev] / tau;
        z[c] = tau;
        z[prev] = 0;
        rotateColumns(bu, n, n, prev, c, cs, sn);
        rotateColumns(bv, m, m, prev, c, cs, sn);
        gone[g++] = prev;
      } else if (prev >= 0) {
        kept[count++] = prev;
      }
      prev = c;
    }
    if (prev >= 0) {
      kept[count++] = prev;
    }
    int kk = count;
    double[] p = new double[kk];
    double[] w = new double[kk];
    p[0] = 0;
    w[0] = z0;
    for (int j = 1; j < kk; j++) {
      p[j] = pole[kept[j]];
      w[j] = z[kept[j]];
    }
    if (kk > 1 && p[1] <= tol / 2) {
      p[1] = tol / 2; // kept apart from the pole at zero (dlasd2)
    }
    double[] values = new double[n];
    double[] us = new double[n * n];
    double[] vs = new double[m * m];
    secular(bu, bv, n, m, kept, kk, p, w, values, us, vs);
    for (int t = 0; t < g; t++) { // deflated: the value and both columns as they are
      int c = gone[t];
      values[kk + t] = pole[c];
      for (int r = 0; r < n; r++) {
        us[r * n + kk + t] = bu[r * n + c];
      }
      for (int r = 0; r < m; r++) {
        vs[r * m + kk + t] = bv[r * m + c];
      }
    }
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (x, y) -> Double.compare(values[x], values[y]));
    double[] s = new double[n];
    double[] u = new double[n * n];
    double[] v = new double[m * m];
    for (int j = 0; j < n; j++) {
      s[j] = values[idx[j]] * norm;
    }
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < n; j++) {
        u[r * n + j] = us[r * n + idx[j]];
      }
    }
    for (int r = 0; r < m; r++) {
      for (int j = 0; j < n; j++) {
        v[r * m + j] = vs[r * m + idx[j]];
      }
      if (sqre == 1) {
        v[r * m + n] = bv[r * m + m - 1];
      }
    }
    return new Result(s, u, v);
  }

  /**
   * The arrowhead's k roots into values[0, k) and their vectors, U~ and V~'s columns {@code cols}
   * times the arrowhead's, into us' and vs' columns [0, k).
   */
  private static void secular(
      double[] bu,
      double[] bv,
      int n,
      int m,
      int[] cols,
      int k,
      double[] p,
      double[] z,
      double[] values,
      double[] us,
      double[] vs) {
    double[] delta = new double[k * k]; // row i: p_j - σ_i
    double[] sum = new double[k * k]; // row i: p_j + σ_i
    long per = Math.max(1, 32768 / k);
    Loop.split(
        k,
        per,
        (a, b) -> {
          for (int i = (int) a; i < b; i++) {
            values[i] = DivideConquer.Secular.singular(i, k, p, z, delta, sum, i * k);
          }
        });
    // Gu and Eisenstat (dlasd3): the first row for which the computed values are exact
    double[] zh = new double[k];
    Loop.split(
        k,
        per,
        (a, b) -> {
          for (int j = (int) a; j < b; j++) {
            double x = delta[(k - 1) * k + j] * sum[(k - 1) * k + j];
            for (int i = 0; i < j; i++) {
              x *= delta[i * k + j] * sum[i * k + j] / ((p[j] - p[i]) * (p[j] + p[i]));
            }
            for (int i = j; i < k - 1; i++) {
              x *= delta[i * k + j] * sum[i * k + j] / ((p[j] - p[i + 1]) * (p[j] + p[i + 1]));
            }
            zh[j] = Math.copySign(Math.sqrt(Math.abs(x)), z[j]);
          }
        });
    // the arrowhead's vectors, negated (the products subtract): right z_j / (p_j² - σ²), left
    // -1 then p_j times the right's
    double[] ua = new double[k * k];
    double[] va = new double[k * k];
    Loop.split(
        k,
        per,
        (a, b) -> {
          double[] col = new double[k];
          for (int i = (int) a; i < b; i++) {
            double nv = 0;
            double nu = 1;
            for (int j = 0; j < k; j++) {
              col[j] = zh[j] / (delta[i * k + j] * sum[i * k + j]);
              nv += col[j] * col[j];
              if (j > 0) {
                nu += p[j] * col[j] * p[j] * col[j];
              }
            }
            double fv = -1 / Math.sqrt(nv);
            double fu = -1 / Math.sqrt(nu);
            ua[i] = -fu;
            va[i] = fv * col[0];
            for (int j = 1; j < k; j++) {
              ua[j * k + i] = fu * p[j] * col[j];
              va[j * k + i] = fv * col[j];
            }
          }
        });
    product(bu, n, cols, k, ua, us);
    product(bv, m, cols, k, va, vs);
  }

  /** out[:, 0..k) = -(big[:, cols] · minus), big rows x rows, out rows x rows (C order). */
  private static void product(
      double[] big, int rows, int[] cols, int k, double[] minus, double[] out) {
    double[] gathered = new double[rows * k];
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < k; j++) {
        gathered[r * k + j] = big[r * rows + cols[j]];
      }
    }
    Update.subtract(
        rows,
        k,
        k,
        new Operand(gathered, 0, k, 1),
        new Operand(minus, 0, k, 1),
        out,
        0,
        rows,
        Part.ALL);
  }

  /** Columns a and b of x (rows x ld, C order) become (c a + s b, c b - s a). */
  private static void rotateColumns(
      double[] x, int rows, int ld, int a, int b, double c, double s) {
    for (int r = 0; r < rows; r++) {
      double xa = x[r * ld + a];
      double xb = x[r * ld + b];
      x[r * ld + a] = c * xa + s * xb;
      x[r * ld + b] = c * xb - s * xa;
    }
  }
}
