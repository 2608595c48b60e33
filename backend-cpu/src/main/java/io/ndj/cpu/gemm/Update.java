package io.ndj.cpu.gemm;

import io.ndj.cpu.Lines;
import io.ndj.cpu.Loop;
import io.ndj.cpu.Workers;

/**
 * The trailing update of the blocked factorizations, {@code C -= A·B}, on sub-matrices of larger
 * arrays: A and B read through any pair of strides (so a transpose costs nothing), C written in
 * place with its leading dimension. The same packed panels and micro-kernel as {@link Gemm}; tiles
 * at C's edges go through a scratch tile, and row blocks are dealt to the cores in turn (so a
 * lower-triangle update, whose lower blocks cost more, splits evenly).
 */
public final class Update {
  private Update() {}

  /** Multiply-adds below which an update stays on the calling thread. */
  private static final long SERIAL = 1L << 21;

  private static final ThreadLocal<double[]> A_PANEL =
      ThreadLocal.withInitial(() -> new double[Gemm.MC * Gemm.KC]);
  private static final ThreadLocal<Lines.Slot<double[]>> B_PANEL =
      ThreadLocal.withInitial(() -> new Lines.Slot<>(double[]::new, x -> x.length));

  /** Which elements of C an update owes. */
  public enum Part {
    /** Every element. */
    ALL,
    /** Those on and below the diagonal. */
    LOWER,
    /** Those on and above the diagonal. */
    UPPER
  }

  /**
   * One operand's place: element (i, j) at {@code data[offset + i * rowStride + j * colStride]}.
   */
  public record Operand(double[] data, int offset, int rowStride, int colStride) {
    double at(int i, int j) {
      return data[offset + i * rowStride + j * colStride];
    }
  }

  /**
   * {@code C -= A·B} for the m x n block of C at {@code c[co]} (row i at {@code co + i * ldc}), A m
   * x k, B k x n. Where {@code owed} is {@link Part#LOWER} only C's elements on and below its
   * diagonal (column &lt;= row) are owed, where {@link Part#UPPER} those on and above it: tiles
   * wholly on the other side are skipped, and those across the diagonal may write either side.
   *
   * @param m C's rows
   * @param n C's columns
   * @param k the inner dimension
   * @param a A
   * @param b B
   * @param c C's array
   * @param co C's element (0, 0)
   * @param ldc C's row stride
   * @param owed which of C's elements are owed
   */
  public static void subtract(
      int m, int n, int k, Operand a, Operand b, double[] c, int co, int ldc, Part owed) {
    if (m <= 0 || n <= 0 || k <= 0) {
      return;
    }
    int np = (n + Gemm.NR - 1) / Gemm.NR * Gemm.NR;
    boolean vector = Gemm.vector();
    double[] bp = B_PANEL.get().get(Gemm.KC * np);
    int blocks = (m + Gemm.MC - 1) / Gemm.MC;
    for (int p0 = 0; p0 < k; p0 += Gemm.KC) {
      int kc = Math.min(Gemm.KC, k - p0);
      packB(b, p0, kc, n, np, bp);
      int first = p0;
      long work = (long) m * n * kc / (owed == Part.ALL ? 1 : 2);
      int parts = work < SERIAL ? 1 : Math.min(Loop.CORES, blocks);
      Workers.run(
          parts,
          part -> {
            double[] ap = A_PANEL.get();
            double[] tile = new double[Gemm.MR * Gemm.NR];
            for (int blk = part; blk < blocks; blk += parts) {
              int i0 = blk * Gemm.MC;
              int mc = Math.min(Gemm.MC, m - i0);
              packA(a, i0, mc, first, kc, ap);
              for (int i = 0; i < mc; i += Gemm.MR) {
                int rows = Math.min(Gemm.MR, mc - i);
                int lastRow = i0 + i + rows - 1;
                for (int j0 = 0; j0 < n; j0 += Gemm.NR) {
                  if (owed == Part.LOWER && j0 > lastRow) {
                    break;
                  }
                  int cols = Math.min(Gemm.NR, n - j0);
                  if (owed == Part.UPPER && j0 + cols - 1 < i0 + i) {
                    continue;
                  }
                  int at = co + (i0 + i) * ldc + j0;
                  if (rows == Gemm.MR && cols == Gemm.NR) {
                    tile(vector, kc, ap, i * kc, bp, j0 * kc, c, at, ldc);
                  } else {
                    java.util.Arrays.fill(tile, 0);
                    tile(vector, kc, ap, i * kc, bp, j0 * kc, tile, 0, Gemm.NR);
                    for (int r = 0; r < rows; r++) {
                      for (int j = 0; j < cols; j++) {
                        c[at + r * ldc + j] += tile[r * Gemm.NR + j];
                      }
                    }
                  }
                }
              }
            }
          });
    }
  }

  private static void tile(
      boolean vector, int kc, double[] a, int ao, double[] b, int bo, double[] c, int co, int ldc) {
    if (vector) {
      VectorGemm.tile(kc, a, ao, b, bo, c, co, ldc);
      return;
    }
    for (int r = 0; r < Gemm.MR; r++) {
      for (int j = 0; j < Gemm.NR; j++) {
        double s = 0;
        for (int p = 0; p < kc; p++) {
          s += a[ao + p * Gemm.MR + r] * b[bo + p * Gemm.NR + j];
        }
        c[co + r * ldc + j] += s;
      }
    }
  }

  /**
   * -B's rows p0..p0+kc in NR-column panels (zero-padded to np columns): (p, j) at j0*kc + p*NR.
   */
  private static void packB(Operand b, int p0, int kc, int n, int np, double[] bp) {
    for (int j0 = 0; j0 < np; j0 += Gemm.NR) {
      int w = Math.min(Gemm.NR, n - j0);
      int base = j0 * kc;
      for (int p = 0; p < kc; p++) {
        int dst = base + p * Gemm.NR;
        int j = 0;
        for (; j < w; j++) {
          bp[dst + j] = -b.at(p0 + p, j0 + j);
        }
        for (; j < Gemm.NR; j++) {
          bp[dst + j] = 0;
        }
      }
    }
  }

  /**
   * A's rows i0..i0+mc, columns p0..p0+kc in MR-row panels (zero-padded): (p, r) at i*kc + p*MR.
   */
  private static void packA(Operand a, int i0, int mc, int p0, int kc, double[] ap) {
    for (int i = 0; i < mc; i += Gemm.MR) {
      int base = i * kc;
      for (int r = 0; r < Gemm.MR; r++) {
        int row = i + r;
        if (row < mc) {
          int src = a.offset() + (i0 + row) * a.rowStride() + p0 * a.colStride();
          int step = a.colStride();
          for (int p = 0; p < kc; p++) {
            ap[base + p * Gemm.MR + r] = a.data()[src + p * step];
          }
        } else {
          for (int p = 0; p < kc; p++) {
            ap[base + p * Gemm.MR + r] = 0;
          }
        }
      }
    }
  }
}
