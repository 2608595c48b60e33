package io.ndj.cpu.linalg;

import io.ndj.cpu.Loop;
import io.ndj.cpu.Workers;
import io.ndj.cpu.gemm.Update;
import io.ndj.cpu.gemm.Update.Operand;
import io.ndj.cpu.gemm.Update.Part;
import io.ndj.spi.Reflector;
import io.ndj.spi.Tridiagonal;

/**
 * Eigenvalues and eigenvectors of one symmetric float64 matrix, as LAPACK's dsyevd: Householder
 * reduction to tridiagonal form in panels of {@link #NB} (dsytrd/dlatrd: each reflector's product
 * with the trailing block reads one triangle, the panel's rank-2k update runs in the gemm
 * micro-kernel), the tridiagonal problem's eigenvectors by {@link DivideConquer}, and the
 * reflectors applied to them backwards in blocks (ormtr). Eigenvalues alone take the implicit QL
 * method.
 */
final class SymmetricEigen {
  private SymmetricEigen() {}

  /** Elements of work below which a row loop stays on the calling thread. */
  private static final long SERIAL = 1 << 16;

  /** Reflectors per panel of the reduction and per block of their application. */
  private static final int NB = 32;

  /** The trailing order below which the reduction goes on a column at a time. */
  private static final int NX = 128;

  /**
   * Eigenvalues ascending into {@code w} and, where {@code v} is not null, unit eigenvectors (its
   * columns, n x n in C order) of the symmetric {@code a} (both triangles; destroyed).
   *
   * @return false where the iterations did not converge (NaN among them)
   */
  static boolean eigh(double[] a, int n, double[] w, double[] v) {
    if (n == 0) {
      return true;
    }
    // values far from 1 scaled by a power of two first (dsyevd), so the iterations neither
    // underflow nor overflow
    int shift = Tridiagonal.scaleToRange(a, n * n);
    double[] d = new double[n];
    double[] e = new double[n];
    double[] tau = new double[n];
    tridiagonalize(a, n, d, e, tau);
    if (v == null) {
      if (!Tridiagonal.ql(d, e, n, null)) {
        return false;
      }
      Tridiagonal.ascending(d, null, n, w, null);
    } else {
      if (!DivideConquer.eigen(d, e, n, v)) {
        return false;
      }
      System.arraycopy(d, 0, w, 0, n);
      applyQ(a, n, tau, v);
    }
    for (int i = 0; i < n && shift != 0; i++) {
      w[i] = Math.scalb(w[i], -shift);
    }
    return true;
  }

  /**
   * Reduces a to tridiagonal form: diagonal d, off-diagonal e[k] between k and k+1. Row k's tail
   * keeps reflector k's vector (v[0] = 1 at a[k][k+1]), tau[k] its scale. The panels read and
   * update the upper triangle only (row k's tail is column k below the diagonal); the last {@link
   * #NX} rows go on with both triangles.
   */
  private static void tridiagonalize(double[] a, int n, double[] d, double[] e, double[] tau) {
    int k = 0;
    if (n > NX + NB) {
      double[] wp = new double[NB * n];
      for (; n - k > NX + NB; k += NB) {
        panel(a, n, k, d, e, tau, wp);
      }
      for (int i = k; i < n; i++) { // the trailing block's lower triangle from its upper
        for (int j = i + 1; j < n; j++) {
          a[j * n + i] = a[i * n + j];
        }
      }
    }
    double[] p = new double[n];
    for (; k < n - 1; k++) {
      int m = n - k - 1;
      int x = k * n + k + 1; // the column below the diagonal, read as row k's tail
      d[k] = a[k * n + k];
      double t = Reflector.make(a, x, 1, m, e, k);
      tau[k] = t;
      if (t == 0) {
        continue;
      }
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

  /**
   * One panel of dlatrd: reflectors k .. k + NB - 1 from the upper triangle, with W (row i of
   * {@code wp}, indexed as the matrix's columns) such that the trailing block's update is {@code A
   * -= V Wᵀ + W Vᵀ}, which ends the panel.
   */
  private static void panel(
      double[] a, int n, int k, double[] d, double[] e, double[] tau, double[] wp) {
    java.util.Arrays.fill(wp, 0);
    double[] dots = new double[2 * NB];
    for (int i = 0; i < NB; i++) {
      int c = k + i;
      int row = c * n;
      for (int p = 0; p < i; p++) { // row c brought up to date with the panel's reflectors so far
        int vp = (k + p) * n;
        int w = p * n;
        double vc = a[vp + c];
        double wc = wp[w + c];
        for (int j = c; j < n; j++) {
          a[row + j] -= vc * wp[w + j] + wc * a[vp + j];
        }
      }
      d[c] = a[row + c];
      int r0 = c + 1;
      int m = n - r0;
      double t = Reflector.make(a, row + r0, 1, m, e, c);
      tau[c] = t;
      int y = i * n;
      if (t == 0) {
        continue;
      }
      symv(a, n, r0, row, wp, y);
      for (int p = 0; p < i; p++) {
        int vp = (k + p) * n;
        int w = p * n;
        double vv = 0;
        double wv = 0;
        for (int j = r0; j < n; j++) {
          vv += a[vp + j] * a[row + j];
          wv += wp[w + j] * a[row + j];
        }
        dots[2 * p] = vv;
        dots[2 * p + 1] = wv;
      }
      for (int p = 0; p < i; p++) {
        int vp = (k + p) * n;
        int w = p * n;
        double vv = dots[2 * p];
        double wv = dots[2 * p + 1];
        for (int j = r0; j < n; j++) {
          wp[y + j] -= wp[w + j] * vv + a[vp + j] * wv;
        }
      }
      double yv = 0;
      for (int j = r0; j < n; j++) {
        wp[y + j] *= t;
        yv += wp[y + j] * a[row + j];
      }
      double alpha = -0.5 * t * yv;
      for (int j = r0; j < n; j++) {
        wp[y + j] += alpha * a[row + j];
      }
    }
    int off = k + NB;
    int m2 = n - off;
    int at = off * n + off;
    Update.subtract(
        m2,
        m2,
        NB,
        new Operand(a, k * n + off, 1, n),
        new Operand(wp, off, n, 1),
        a,
        at,
        n,
        Part.UPPER);
    Update.subtract(
        m2,
        m2,
        NB,
        new Operand(wp, off, 1, n),
        new Operand(a, k * n + off, n, 1),
        a,
        at,
        n,
        Part.UPPER);
  }

  /**
   * {@code y = B x} for the symmetric trailing block B = a[r0.., r0..] read from its upper
   * triangle, x at a[xo + r0 ..], y at wp[yo + r0 ..] (zero on entry); rows split over the cores
   * with one y each.
   */
  private static void symv(double[] a, int n, int r0, int xo, double[] wp, int yo) {
    int m = n - r0;
    int parts = (long) m * m < 2 * SERIAL ? 1 : Loop.CORES;
    double[][] ys = new double[parts][];
    Workers.run(
        parts,
        part -> {
          // rows [lo, hi) with about equal shares of the triangle
          int lo = r0 + (int) (m - m * Math.sqrt(1 - (double) part / parts));
          int hi = r0 + (int) (m - m * Math.sqrt(1 - (double) (part + 1) / parts));
          if (part == parts - 1) {
            hi = n;
          }
          double[] acc = part == 0 ? null : new double[n];
          double[] yy = part == 0 ? wp : acc;
          int base = part == 0 ? yo : 0;
          for (int r = lo; r < hi; r++) {
            int row = r * n;
            double xr = a[xo + r];
            double t = a[row + r] * xr;
            t += Lanes.dotAxpy(a, row + r + 1, a, xo + r + 1, yy, base + r + 1, xr, n - r - 1);
            yy[base + r] += t;
          }
          ys[part] = acc;
        });
    for (int p = 1; p < parts; p++) {
      double[] acc = ys[p];
      for (int j = r0; j < n; j++) {
        wp[yo + j] += acc[j];
      }
    }
  }

  /** {@code z = Q z} for Q = H(0) H(1) ... H(n-2), the reflectors kept in a's rows. */
  private static void applyQ(double[] a, int n, double[] tau, double[] z) {
    Householder.applyBackward(z, n, n, n - 1, 1, tau, (c, r) -> a[c * n + r]);
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
