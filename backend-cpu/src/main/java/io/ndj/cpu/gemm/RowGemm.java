package io.ndj.cpu.gemm;

import io.ndj.cpu.Lines;
import io.ndj.cpu.Loop;
import java.util.Arrays;

/**
 * C += A·B without the Vector API, in loops C2 turns into vector code by itself: three rows of C
 * are accumulated over {@link #NC} columns at a time, four steps of the inner dimension per pass
 * ({@code c[j] = fma(a, b[j], ...)}). C2 vectorises such a loop only when every array in it is
 * indexed by the loop variable alone (an offset into another array might overlap, and JDK 25 has no
 * runtime check for that), so B is packed into one array per row of a panel and the three rows of C
 * into arrays of their own, added into C when a panel is done. Larger shapes (6 or 8 rows, 8 steps)
 * exceed the size of loop C2 unrolls and stay scalar; 3 x 4 measured fastest here (double 54
 * GFLOP/s on one core against 10 for the scalar micro-kernel).
 */
public final class RowGemm {
  static final int NC = 128;
  static final int KC = 256;

  /** Multiply-adds per KC slice below which a product runs on one core. */
  private static final long SERIAL = 1L << 22;

  /** Groups of three rows of A packed at a time (96 rows, as Gemm's MC). */
  private static final int GROUPS = 32;

  /**
   * This thread's packed rows and accumulators, reused (a fresh heap would wait on page faults).
   */
  private static final class Panels {
    /**
     * Row p of B's panel q (NC wide, zero-padded) at [q * KC + p]: held softly, as large as the
     * output is wide.
     */
    final Lines.Slot<double[][]> b =
        new Lines.Slot<>(n -> new double[n / NC][NC], x -> x.length * NC);

    /**
     * Rows of A in threes, GROUPS groups: for group g, (p, r) at g * KC * 3 + p * 3 + r. Held for
     * good.
     */
    private double[] a = new double[0];

    final double[] c0 = new double[NC];
    final double[] c1 = new double[NC];
    final double[] c2 = new double[NC];

    double[] a(int n) {
      if (a.length < n) {
        a = new double[n];
      }
      return a;
    }
  }

  private static final ThreadLocal<Panels> PANELS = ThreadLocal.withInitial(Panels::new);

  private RowGemm() {}

  /** c (n x ldc, row-major) += a (n x k, row-major) · b (k x m, row-major). Modified: c. */
  static void multiply(double[] a, double[] b, double[] c, int n, int k, int m, int ldc) {
    int panels = (m + NC - 1) / NC;
    int groups = (n + 2) / 3;
    double[][] bp = PANELS.get().b.get(panels * KC * NC);
    for (int p0 = 0; p0 < k; p0 += KC) {
      int kc = Math.min(KC, k - p0);
      int depth = (kc + 3) & ~3;
      packB(b, m, p0, kc, depth, panels, bp);
      int first = p0;
      Loop.split(
          groups,
          (long) n * m * kc < SERIAL ? groups : 1,
          (lo, hi) -> {
            Panels t = PANELS.get();
            double[] ap = t.a(GROUPS * KC * 3);
            // GROUPS groups of rows at a time, so that the packed rows stay bounded; each B panel
            // is read from cache
            // by all of them in turn
            for (int g0 = (int) lo; g0 < hi; g0 += GROUPS) {
              int g1 = (int) Math.min(hi, g0 + GROUPS);
              packA(a, n, k, g0, g1, first, kc, depth, ap);
              for (int q = 0; q < panels; q++) {
                int j0 = q * NC;
                int w = Math.min(NC, m - j0);
                for (int g = g0; g < g1; g++) {
                  Arrays.fill(t.c0, 0);
                  Arrays.fill(t.c1, 0);
                  Arrays.fill(t.c2, 0);
                  kernel(depth, ap, (g - g0) * KC * 3, bp, q * KC, t.c0, t.c1, t.c2);
                  int row = g * 3;
                  addRow(t.c0, c, row, n, ldc, j0, w);
                  addRow(t.c1, c, row + 1, n, ldc, j0, w);
                  addRow(t.c2, c, row + 2, n, ldc, j0, w);
                }
              }
            }
          });
    }
  }

  private static void addRow(double[] acc, double[] c, int row, int n, int ldc, int j0, int w) {
    if (row < n) {
      int at = row * ldc + j0;
      for (int j = 0; j < w; j++) {
        c[at + j] += acc[j];
      }
    }
  }

  /** Rows p0..p0+kc of b into panels of NC columns, rows kc..depth and columns past m zero. */
  private static void packB(
      double[] b, int m, int p0, int kc, int depth, int panels, double[][] bp) {
    for (int q = 0; q < panels; q++) {
      int j0 = q * NC;
      int w = Math.min(NC, m - j0);
      for (int p = 0; p < depth; p++) {
        double[] row = bp[q * KC + p];
        if (p < kc) {
          System.arraycopy(b, (p0 + p) * m + j0, row, 0, w);
          Arrays.fill(row, w, NC, 0);
        } else {
          Arrays.fill(row, 0);
        }
      }
    }
  }

  /**
   * Rows of a in threes (groups lo..hi), columns p0..p0+kc, padded with zeros to depth and past row
   * n.
   */
  private static void packA(
      double[] a, int n, int k, int lo, int hi, int p0, int kc, int depth, double[] ap) {
    for (int g = lo; g < hi; g++) {
      int base = (g - lo) * KC * 3;
      for (int r = 0; r < 3; r++) {
        int row = g * 3 + r;
        for (int p = 0; p < depth; p++) {
          ap[base + p * 3 + r] = row < n && p < kc ? a[row * k + p0 + p] : 0;
        }
      }
    }
  }

  /**
   * c0..c2 += the three rows of A at ao (depth a multiple of 4) times rows bo..bo+depth of bp. Each
   * j-loop body indexes every array by j alone, which is what lets C2 vectorise it.
   */
  private static void kernel(
      int depth, double[] a, int ao, double[][] bp, int bo, double[] c0, double[] c1, double[] c2) {
    for (int p = 0; p < depth; p += 4) {
      int at = ao + p * 3;
      double a00 = a[at], a01 = a[at + 1], a02 = a[at + 2];
      double a10 = a[at + 3], a11 = a[at + 4], a12 = a[at + 5];
      double a20 = a[at + 6], a21 = a[at + 7], a22 = a[at + 8];
      double a30 = a[at + 9], a31 = a[at + 10], a32 = a[at + 11];
      double[] b0 = bp[bo + p];
      double[] b1 = bp[bo + p + 1];
      double[] b2 = bp[bo + p + 2];
      double[] b3 = bp[bo + p + 3];
      for (int j = 0; j < NC; j++) {
        double x0 = b0[j], x1 = b1[j], x2 = b2[j], x3 = b3[j];
        c0[j] = Math.fma(a30, x3, Math.fma(a20, x2, Math.fma(a10, x1, Math.fma(a00, x0, c0[j]))));
        c1[j] = Math.fma(a31, x3, Math.fma(a21, x2, Math.fma(a11, x1, Math.fma(a01, x0, c1[j]))));
        c2[j] = Math.fma(a32, x3, Math.fma(a22, x2, Math.fma(a12, x1, Math.fma(a02, x0, c2[j]))));
      }
    }
  }
}
