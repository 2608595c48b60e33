package io.ndj.cpu.gemm;

import io.ndj.cpu.Lines;
import io.ndj.cpu.Loop;
import java.util.Arrays;

// Twin of RowGemm, kept: C2 vectorises a loop over one primitive array type and Java has no
// generics over float[] and double[]; float32 also has its own panel width.
/**
 * {@link RowGemm} for float32, accumulating in float32 as BLAS's sgemm does: twice the lanes per
 * vector, and panels twice as wide (256 columns measured faster than 128 for float: 90-100 GFLOP/s
 * on one core).
 */
public final class RowGemm32 {
  static final int NC = 256;
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
    final Lines.Slot<float[][]> b =
        new Lines.Slot<>(n -> new float[n / NC][NC], x -> x.length * NC);

    /**
     * Rows of A in threes, GROUPS groups: for group g, (p, r) at g * KC * 3 + p * 3 + r. Held for
     * good.
     */
    private float[] a = new float[0];

    final float[] c0 = new float[NC];
    final float[] c1 = new float[NC];
    final float[] c2 = new float[NC];

    float[] a(int n) {
      if (a.length < n) {
        a = new float[n];
      }
      return a;
    }
  }

  private static final ThreadLocal<Panels> PANELS = ThreadLocal.withInitial(Panels::new);

  private RowGemm32() {}

  /** c (n x ldc, row-major) += a (n x k, row-major) · b (k x m, row-major). Modified: c. */
  static void multiply(float[] a, float[] b, float[] c, int n, int k, int m, int ldc) {
    int panels = (m + NC - 1) / NC;
    int groups = (n + 2) / 3;
    float[][] bp = PANELS.get().b.get(panels * KC * NC);
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
            float[] ap = t.a(GROUPS * KC * 3);
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

  private static void addRow(float[] acc, float[] c, int row, int n, int ldc, int j0, int w) {
    if (row < n) {
      int at = row * ldc + j0;
      for (int j = 0; j < w; j++) {
        c[at + j] += acc[j];
      }
    }
  }

  /** Rows p0..p0+kc of b into panels of NC columns, rows kc..depth and columns past m zero. */
  private static void packB(float[] b, int m, int p0, int kc, int depth, int panels, float[][] bp) {
    for (int q = 0; q < panels; q++) {
      int j0 = q * NC;
      int w = Math.min(NC, m - j0);
      for (int p = 0; p < depth; p++) {
        float[] row = bp[q * KC + p];
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
      float[] a, int n, int k, int lo, int hi, int p0, int kc, int depth, float[] ap) {
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
      int depth, float[] a, int ao, float[][] bp, int bo, float[] c0, float[] c1, float[] c2) {
    for (int p = 0; p < depth; p += 4) {
      int at = ao + p * 3;
      float a00 = a[at], a01 = a[at + 1], a02 = a[at + 2];
      float a10 = a[at + 3], a11 = a[at + 4], a12 = a[at + 5];
      float a20 = a[at + 6], a21 = a[at + 7], a22 = a[at + 8];
      float a30 = a[at + 9], a31 = a[at + 10], a32 = a[at + 11];
      float[] b0 = bp[bo + p];
      float[] b1 = bp[bo + p + 1];
      float[] b2 = bp[bo + p + 2];
      float[] b3 = bp[bo + p + 3];
      for (int j = 0; j < NC; j++) {
        float x0 = b0[j], x1 = b1[j], x2 = b2[j], x3 = b3[j];
        c0[j] = Math.fma(a30, x3, Math.fma(a20, x2, Math.fma(a10, x1, Math.fma(a00, x0, c0[j]))));
        c1[j] = Math.fma(a31, x3, Math.fma(a21, x2, Math.fma(a11, x1, Math.fma(a01, x0, c1[j]))));
        c2[j] = Math.fma(a32, x3, Math.fma(a22, x2, Math.fma(a12, x1, Math.fma(a02, x0, c2[j]))));
      }
    }
  }
}
