package io.ndj.cpu.linalg;

import io.ndj.cpu.Loop;
import io.ndj.cpu.Workers;
import io.ndj.spi.Reflector;

/**
 * The singular value decomposition of one float64 matrix, as LAPACK's dgesdd: Householder
 * bidiagonalization A = Q B Pᵀ (dgebrd, the reflectors' products fused so that each step passes
 * over the trailing block twice, along rows, split over the cores), the bidiagonal B's
 * decomposition by {@link BidiagonalSvd}, and Q and P applied to its vectors in blocks. A wide
 * matrix is decomposed through its transpose.
 */
final class Singular {
  private Singular() {}

  /** Elements of work below which a pass stays on the calling thread. */
  private static final long SERIAL = 1 << 16;

  /**
   * The SVD of {@code a} (m x n, C order; destroyed): the k = min(m, n) singular values descending
   * into s, and where u is not null, U into u (m x m where full, else m x k) and Vh into vt (n x n
   * where full, else k x n), all C order.
   *
   * @return false where a value is not finite (NumPy's "SVD did not converge")
   */
  static boolean svd(double[] a, int m, int n, double[] s, double[] u, double[] vt, boolean full) {
    for (double x : a) {
      if (!Double.isFinite(x)) {
        return false;
      }
    }
    int k = Math.min(m, n);
    if (k == 0) {
      identity(u, m, full ? m : 0);
      identity(vt, full ? n : 0, n);
      return true;
    }
    boolean vectors = u != null;
    if (m >= n) {
      double[] v = vectors ? new double[n * n] : null;
      tall(a, m, n, s, u, full ? m : n, v);
      if (vectors) {
        transpose(v, n, n, vt);
      }
      return true;
    }
    double[] t = new double[n * m];
    transpose(a, m, n, t);
    double[] ut = vectors ? new double[n * (full ? n : m)] : null;
    tall(t, n, m, s, ut, full ? n : m, u); // Aᵀ = U' S V'ᵀ: U = V', Vh = U'ᵀ
    if (vectors) {
      transpose(ut, n, full ? n : m, vt);
    }
    return true;
  }

  /**
   * The SVD of the tall t (rows x cols, rows &gt;= cols): values into s, U into u (rows x ucols,
   * ucols = cols or rows) and V into v (cols x cols), both skipped where null.
   */
  private static void tall(
      double[] t, int rows, int cols, double[] s, double[] u, int ucols, double[] v) {
    double[] d = new double[cols];
    double[] e = new double[cols];
    double[] tauq = new double[cols];
    double[] taup = new double[cols];
    bidiagonalize(t, rows, cols, d, e, tauq, taup);
    double scale = 0;
    for (int i = 0; i < cols; i++) {
      scale = Math.max(scale, Math.max(Math.abs(d[i]), Math.abs(e[i])));
    }
    if (scale == 0) {
      scale = 1;
    }
    for (int i = 0; i < cols; i++) {
      d[i] /= scale;
      e[i] /= scale;
    }
    BidiagonalSvd.Result r = BidiagonalSvd.solve(d, e, 0, cols, 0);
    for (int j = 0; j < cols; j++) {
      s[j] = r.s()[cols - 1 - j] * scale;
    }
    if (u == null) {
      return;
    }
    java.util.Arrays.fill(u, 0, rows * ucols, 0);
    for (int i = 0; i < cols; i++) {
      for (int j = 0; j < cols; j++) {
        u[i * ucols + j] = r.u()[i * cols + cols - 1 - j];
      }
    }
    for (int i = cols; i < ucols; i++) {
      u[i * ucols + i] = 1;
    }
    Householder.applyBackward(u, rows, ucols, cols, 0, tauq, (c, x) -> t[x * cols + c]);
    for (int i = 0; i < cols; i++) {
      for (int j = 0; j < cols; j++) {
        v[i * cols + j] = r.v()[i * cols + cols - 1 - j];
      }
    }
    Householder.applyBackward(v, cols, cols, cols - 1, 1, taup, (c, x) -> t[c * cols + x]);
  }

  /**
   * Reduces the tall a (m x n) to upper bidiagonal form: diagonal d, superdiagonal e; column i
   * below the diagonal keeps left reflector i's vector (scale tauq[i]), row i right of the
   * superdiagonal right reflector i's (taup[i]). Each step's two passes over the trailing rows: the
   * left reflector's update with the right reflector's product, then the right reflector's update
   * with the next left reflector's product.
   */
  static void bidiagonalize(
      double[] a, int m, int n, double[] d, double[] e, double[] tauq, double[] taup) {
    double[] p = new double[n];
    double[] q = new double[m];
    tauq[0] = leftReflector(a, m, n, 0, d);
    leftProduct(a, m, n, 0, p);
    for (int i = 0; i < n; i++) {
      double tq = tauq[i];
      int j0 = i + 1;
      int row = i * n;
      for (int j = j0; j < n && tq != 0; j++) {
        a[row + j] -= tq * p[j];
      }
      if (i == n - 1) {
        e[i] = 0;
        break;
      }
      double tp = Reflector.make(a, row + j0, 1, n - j0, e, i);
      taup[i] = tp;
      int c = i;
      rows(
          i + 1,
          m,
          (long) (m - i) * (n - j0),
          (lo, hi, unused) -> {
            for (int r = lo; r < hi; r++) {
              int at = r * n;
              double dot = Lanes.updateDot(a, at + j0, tq * a[at + c], p, j0, a, row + j0, n - j0);
              q[r] = dot;
              a[at + j0] -= tp * dot;
            }
          });
      tauq[j0] = leftReflector(a, m, n, j0, d);
      java.util.Arrays.fill(p, 0);
      double tq1 = tauq[j0];
      int parts = (long) (m - j0) * (n - j0) < SERIAL ? 1 : Loop.CORES;
      double[][] partial = new double[parts][];
      rowsIn(
          parts,
          j0,
          m,
          (lo, hi, part) -> {
            double[] acc = part == 0 ? p : new double[n];
            partial[part] = acc;
            for (int r = lo; r < hi; r++) {
              int at = r * n;
              double g = tp * q[r];
              double vr = r == j0 ? 1 : a[at + j0];
              Lanes.updateAxpy(a, at + j0 + 1, g, a, row + j0 + 1, acc, j0 + 1, vr, n - j0 - 1);
            }
          });
      for (int t = 1; t < parts; t++) {
        for (int j = j0 + 1; j < n; j++) {
          p[j] += partial[t][j];
        }
      }
      if (tq1 == 0) {
        java.util.Arrays.fill(p, 0);
      }
    }
  }

  /** Left reflector c from column c's rows c..: d[c] its head, its tau. */
  private static double leftReflector(double[] a, int m, int n, int c, double[] d) {
    return Reflector.make(a, c * n + c, n, m - c, d, c);
  }

  /** p[j] = Σ_r v_r a[r][j] over rows r &gt;= c and columns j &gt; c, for left reflector c. */
  private static void leftProduct(double[] a, int m, int n, int c, double[] p) {
    java.util.Arrays.fill(p, 0);
    for (int r = c; r < m; r++) {
      double vr = r == c ? 1 : a[r * n + c];
      for (int j = c + 1; j < n; j++) {
        p[j] += vr * a[r * n + j];
      }
    }
  }

  /** A task over rows [lo, hi), part {@code part} of the split. */
  private interface RowTask {
    void run(int lo, int hi, int part);
  }

  /** Runs {@code task} over rows [from, to), split over the cores where {@code work} is large. */
  private static void rows(int from, int to, long work, RowTask task) {
    rowsIn(work < SERIAL ? 1 : Loop.CORES, from, to, task);
  }

  private static void rowsIn(int parts, int from, int to, RowTask task) {
    int count = to - from;
    int p = Math.max(1, Math.min(parts, count));
    if (p == 1) {
      task.run(from, to, 0);
      for (int extra = 1; extra < parts; extra++) {
        task.run(to, to, extra); // no rows: fills the part's slot
      }
      return;
    }
    Workers.run(
        parts,
        part ->
            task.run(
                from + (int) ((long) count * part / parts),
                from + (int) ((long) count * (part + 1) / parts),
                part));
  }

  private static void transpose(double[] x, int rows, int cols, double[] out) {
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        out[j * rows + i] = x[i * cols + j];
      }
    }
  }

  private static void identity(double[] x, int rows, int cols) {
    if (x == null) {
      return;
    }
    java.util.Arrays.fill(x, 0, rows * cols, 0);
    for (int i = 0; i < Math.min(rows, cols); i++) {
      x[i * cols + i] = 1;
    }
  }
}
