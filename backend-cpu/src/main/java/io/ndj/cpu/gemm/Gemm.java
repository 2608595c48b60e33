package io.ndj.cpu.gemm;

import io.ndj.cpu.Lines;
import io.ndj.cpu.Loop;
import io.ndj.cpu.Workers;

/**
 * C += A·B on packed double panels, blocked for the caches: B is packed per {@link #KC}-deep slice
 * into panels of {@link #NR} columns, A per {@link #MC}-row block into panels of {@link #MR} rows
 * (zero-padded), and a register micro-kernel ({@link VectorGemm}) computes each MR x NR tile of C.
 * Row blocks run on all cores. Without the incubating {@code jdk.incubator.vector} module the
 * product runs through {@link RowGemm} instead.
 */
public final class Gemm {
  static final int MR = 6;
  static final int NR = 16;
  static final int KC = 256;
  static final int MC = 96;

  /** Multiply-adds per KC slice below which a product runs on one core. */
  static final long SERIAL = 1L << 25;

  private static final boolean VECTOR = VectorGemm.available();

  /**
   * This thread's packed panels, reused: a fresh 700 KB per 256x256 product made it wait on page
   * faults of new heap (1.6-5 ms instead of 0.25-0.5 on this VM, whenever the young generation had
   * grown into untouched memory).
   */
  private static final class Panels {
    /** At most MC x KC elements: held for good. */
    private double[] a = new double[0];

    /** As large as KC x the output's width: held softly (and fresh below Lines.Slot's size). */
    final Lines.Slot<double[]> b = new Lines.Slot<>(double[]::new, x -> x.length);

    double[] a(int n) {
      if (a.length < n) {
        a = new double[n];
      }
      return a;
    }
  }

  private static final ThreadLocal<Panels> PANELS = ThreadLocal.withInitial(Panels::new);

  private Gemm() {}

  /**
   * Whether products take the vector micro-kernel (the module is enabled and ndj.cpu.scalarMatmul
   * not set).
   */
  static boolean vector() {
    return VECTOR && !Boolean.getBoolean("ndj.cpu.scalarMatmul");
  }

  /**
   * {@code c} (at least n rows of mp, row-major, np = n rounded up to a multiple of MR, mp of NR)
   * += a (n x k, row-major) · b (k x m, row-major); rows from n on are never written.
   */
  static void multiply(
      double[] a, double[] b, double[] c, int n, int k, int m, int np, int mp, boolean vector) {
    if (!vector) {
      RowGemm.multiply(a, b, c, n, k, m, mp);
      return;
    }
    long blocks = (np + MC - 1) / MC;
    if ((long) np * mp * k >= 4 * SERIAL && (long) k * mp <= WHOLE_B) {
      whole(a, b, c, n, k, m, np, mp, (int) blocks);
      return;
    }
    double[] bp = PANELS.get().b.get(KC * mp);
    for (int p0 = 0; p0 < k; p0 += KC) {
      int kc = Math.min(KC, k - p0);
      packB(b, m, p0, kc, mp, bp);
      int first = p0;
      // a slice under SERIAL multiply-adds stays on this thread: split, a 256x256 product waited on
      // the other core about as often as not (0.4 or 2 ms), on a machine whose JIT compiler
      // threads want the cores too
      Loop.split(
          blocks,
          (long) np * mp * kc < SERIAL ? blocks : 1,
          (lo, hi) -> {
            double[] ap = PANELS.get().a(MC * kc);
            for (long blk = lo; blk < hi; blk++) {
              block(a, n, k, (int) blk, np, mp, first, kc, ap, bp, 0, c, 0, mp);
            }
          });
    }
  }

  /** The most elements of B packed at once by {@link #whole}. */
  private static final long WHOLE_B = 1L << 23;

  /**
   * The product with all of B packed first (its slices in parallel) and then each row block of C
   * through every slice in one part, the blocks claimed by the cores as they come: two waits on the
   * cores instead of two a slice (a parked core's wake-up, 0.1 to over 1 ms on a virtual machine,
   * had left a 1024 x 1024 slice's second half to the first core half the time).
   */
  private static void whole(
      double[] a, double[] b, double[] c, int n, int k, int m, int np, int mp, int blocks) {
    int slices = (k + KC - 1) / KC;
    double[] bp = PANELS.get().b.get(k * mp);
    Workers.run(
        slices,
        s -> {
          int p0 = s * KC;
          packB(b, m, p0, Math.min(KC, k - p0), mp, bp, p0 * mp);
        });
    // fewer row blocks than two a core (1024 rows are 11 blocks: 16 cores would leave 5 idle):
    // each block's columns in as many parts as fill the cores twice, A's panels packed once a part
    int panels = mp / NR;
    int cols = (int) Math.min(panels, (2L * Loop.CORES + blocks - 1) / blocks);
    Workers.run(
        blocks * cols,
        part -> {
          int blk = part / cols;
          int c0 = (int) ((long) panels * (part % cols) / cols) * NR;
          int c1 = (int) ((long) panels * (part % cols + 1) / cols) * NR;
          double[] ap = PANELS.get().a(MC * KC);
          for (int p0 = 0; p0 < k; p0 += KC) {
            block(a, n, k, blk, np, mp, p0, Math.min(KC, k - p0), ap, bp, p0 * mp, c, c0, c1);
          }
        });
  }

  /**
   * Row block blk of C += its rows of A (columns p0..p0+kc) times B's packed slice at bp[bo], in
   * C's columns c0..c1 (whole panels).
   */
  private static void block(
      double[] a,
      int n,
      int k,
      int blk,
      int np,
      int mp,
      int p0,
      int kc,
      double[] ap,
      double[] bp,
      int bo,
      double[] c,
      int c0,
      int c1) {
    int i0 = blk * MC;
    int mc = Math.min(MC, np - i0);
    packA(a, n, k, i0, mc, p0, kc, ap);
    double[] part = null;
    for (int j0 = c0; j0 < c1; j0 += NR) {
      for (int i = 0; i < mc; i += MR) {
        int r0 = i0 + i;
        if (r0 + MR <= n) {
          VectorGemm.tile(kc, ap, i * kc, bp, bo + j0 * kc, c, r0 * mp + j0, mp);
          continue;
        }
        // the last rows: c need hold only n of them (the product may write a caller's array)
        part = part == null ? new double[MR * NR] : part;
        java.util.Arrays.fill(part, 0);
        for (int r = r0; r < n; r++) {
          System.arraycopy(c, r * mp + j0, part, (r - r0) * NR, NR);
        }
        VectorGemm.tile(kc, ap, i * kc, bp, bo + j0 * kc, part, 0, NR);
        for (int r = r0; r < n; r++) {
          System.arraycopy(part, (r - r0) * NR, c, r * mp + j0, NR);
        }
      }
    }
  }

  /**
   * Packs rows p0..p0+kc of b into NR-column panels: panel j0 at j0*kc, element (p, j) at p*NR + j.
   */
  private static void packB(double[] b, int m, int p0, int kc, int mp, double[] bp) {
    packB(b, m, p0, kc, mp, bp, 0);
  }

  /** {@link #packB} into bp from {@code at} on. */
  private static void packB(double[] b, int m, int p0, int kc, int mp, double[] bp, int at) {
    for (int j0 = 0; j0 < mp; j0 += NR) {
      int w = Math.min(NR, m - j0);
      int base = at + j0 * kc;
      for (int p = 0; p < kc; p++) {
        int src = (p0 + p) * m + j0;
        int dst = base + p * NR;
        int j = 0;
        for (; j < w; j++) {
          bp[dst + j] = b[src + j];
        }
        for (; j < NR; j++) {
          bp[dst + j] = 0;
        }
      }
    }
  }

  /**
   * Packs rows i0..i0+mc, columns p0..p0+kc of a into MR-row panels: panel i at i*kc, (p, r) at
   * p*MR + r.
   */
  private static void packA(double[] a, int n, int k, int i0, int mc, int p0, int kc, double[] ap) {
    for (int i = 0; i < mc; i += MR) {
      int base = i * kc;
      for (int r = 0; r < MR; r++) {
        int row = i0 + i + r;
        if (row < n) {
          int src = row * k + p0;
          for (int p = 0; p < kc; p++) {
            ap[base + p * MR + r] = a[src + p];
          }
        } else {
          for (int p = 0; p < kc; p++) {
            ap[base + p * MR + r] = 0;
          }
        }
      }
    }
  }
}
