package io.ndj.cpu.linalg;

import io.ndj.DType;
import io.ndj.cpu.Loop;
import io.ndj.cpu.memory.Access;
import io.ndj.cpu.memory.CpuBuffer;
import io.ndj.spi.View;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cpu backend's own factorizations ({@link io.ndj.spi.Kernels#solve}, {@link
 * io.ndj.spi.Kernels#cholesky}, {@link io.ndj.spi.Kernels#eigh}, {@link
 * io.ndj.spi.Kernels#slogdet}, {@link io.ndj.spi.Kernels#qr}, {@link io.ndj.spi.Kernels#svd}): each
 * matrix of a stack read into a float64 scratch in C order, factored by {@link Blocked} and written
 * back in the output's dtype. A large matrix takes every core inside its factorization; a stack of
 * small ones is dealt to the cores a matrix at a time.
 */
public final class CpuSolver {
  private CpuSolver() {}

  /** The matrices at or above this order are factored one after another, each on every core. */
  private static final int LARGE = 96;

  /** See {@link io.ndj.spi.Kernels#solve}. */
  public static long solve(View out, View a, View b) {
    int nd = a.ndim();
    long k = b.shape()[nd - 1];
    if (k * a.shape()[nd - 1] > Integer.MAX_VALUE - 8) {
      return -1;
    }
    if (k == 0) {
      return 0; // nothing to write (an empty buffer's offset may lie past its end)
    }
    int kk = (int) k;
    return eachMatrix(
        a,
        0,
        (q, m, n, scratch) -> {
          int[] piv = scratch.pivots(n);
          if (!Blocked.lu(m, n, piv)) {
            return false;
          }
          double[] x = scratch.rhs(n * kk);
          load(b, offset(b, q), n, kk, x);
          Blocked.luSolve(m, n, piv, x, kk);
          store(out, offset(out, q), n * kk, x);
          return true;
        });
  }

  /** See {@link io.ndj.spi.Kernels#cholesky}. */
  public static long cholesky(View out, View a) {
    return eachMatrix(
        a,
        0,
        (q, m, n, scratch) -> {
          if (!Blocked.cholesky(m, n)) {
            return false;
          }
          for (int i = 0; i < n; i++) { // zero above the diagonal, as the SPI promises
            java.util.Arrays.fill(m, i * n + i + 1, i * n + n, 0);
          }
          store(out, offset(out, q), n * n, m);
          return true;
        });
  }

  /** See {@link io.ndj.spi.Kernels#slogdet}: as io.ndj's host path, on the recursive LU. */
  public static long slogdet(View sign, View logabsdet, View a) {
    return eachMatrix(
        a,
        -1,
        (q, m, n, scratch) -> {
          int[] piv = scratch.pivots(n);
          int s = Blocked.lu(m, n, piv) ? 1 : 0;
          double acc = 0;
          for (int k = 0; k < n && s != 0; k++) {
            double u = m[k * n + k];
            if ((piv[k] != k) != (u < 0)) { // a row swap and a negative pivot each flip it
              s = -s;
            }
            acc += Math.log(Math.abs(u));
          }
          store(sign, offset(sign, q, 0), 1, new double[] {s});
          double log = s == 0 ? Double.NEGATIVE_INFINITY : acc;
          store(logabsdet, offset(logabsdet, q, 0), 1, new double[] {log});
          return true;
        });
  }

  /** See {@link io.ndj.spi.Kernels#eigh}. */
  public static long eigh(View w, View v, View a, boolean lower) {
    return eachMatrix(
        a,
        0,
        (q, m, n, scratch) -> {
          for (int i = 0; i < n; i++) { // the other triangle from the one read
            for (int j = 0; j < i; j++) {
              if (lower) {
                m[j * n + i] = m[i * n + j];
              } else {
                m[i * n + j] = m[j * n + i];
              }
            }
          }
          double[] values = scratch.rhs(n);
          double[] vectors = v == null ? null : new double[n * n];
          if (!SymmetricEigen.eigh(m, n, values, vectors)) {
            return false;
          }
          store(w, offset(w, q, 1), n, values);
          if (v != null) {
            store(v, offset(v, q), n * n, vectors);
          }
          return true;
        });
  }

  /** See {@link io.ndj.spi.Kernels#qr}: blocked Householder reflections. */
  public static long qr(View q, View r, View a, boolean complete) {
    int nd = a.ndim();
    long rows = a.shape()[nd - 2];
    long cols = a.shape()[nd - 1];
    if (Math.min(rows, cols) == 0
        || rows * cols > Integer.MAX_VALUE - 8
        || rows * rows > Integer.MAX_VALUE - 8) {
      return -1;
    }
    int m = (int) rows;
    int n = (int) cols;
    int k = Math.min(m, n);
    int rr = complete ? m : k;
    int qc = complete ? m : k;
    long count = 1;
    for (int d = 0; d < nd - 2; d++) {
      count *= a.shape()[d];
    }
    long total = count;
    Loop.split(
        total,
        m * n >= LARGE * LARGE ? total : Math.max(1, 4096 / ((long) m * n)),
        (lo, hi) -> {
          double[] x = new double[m * n];
          double[] tau = new double[k];
          double[] qq = q == null ? null : new double[m * qc];
          double[] upper = new double[rr * n];
          for (long i = lo; i < hi; i++) {
            load(a, offset(a, i), m, n, x);
            Qr.factor(x, m, n, tau);
            // R: the factors' upper triangle (the reflectors below it stay in x for Q)
            for (int row = 0; row < rr; row++) {
              for (int c = 0; c < n; c++) {
                upper[row * n + c] = c < row ? 0 : x[row * n + c];
              }
            }
            store(r, offset(r, i), rr * n, upper);
            if (q != null) {
              Qr.q(x, m, n, tau, qq, qc);
              store(q, offset(q, i), m * qc, qq);
            }
          }
        });
    return 0;
  }

  /** See {@link io.ndj.spi.Kernels#svd}: bidiagonalization and divide and conquer. */
  public static long svd(View s, View u, View vh, View a, boolean full) {
    int nd = a.ndim();
    long rows = a.shape()[nd - 2];
    long cols = a.shape()[nd - 1];
    long big = Math.max(rows, cols);
    if (Math.min(rows, cols) == 0 || big * big > Integer.MAX_VALUE - 8) {
      return -1; // empty (nothing to decompose) or past one Java array: left to io.ndj
    }
    int m = (int) rows;
    int n = (int) cols;
    int k = Math.min(m, n);
    int uc = full ? m : k;
    int vr = full ? n : k;
    long count = 1;
    for (int d = 0; d < nd - 2; d++) {
      count *= a.shape()[d];
    }
    long total = count;
    AtomicLong first = new AtomicLong(Long.MAX_VALUE);
    Loop.split(
        total,
        m * n >= LARGE * LARGE ? total : Math.max(1, 4096 / ((long) m * n)),
        (lo, hi) -> {
          double[] x = new double[m * n];
          double[] sv = new double[k];
          double[] uu = u == null ? null : new double[m * uc];
          double[] vv = u == null ? null : new double[vr * n];
          for (long q = lo; q < hi && q < first.get(); q++) {
            load(a, offset(a, q), m, n, x);
            if (!Singular.svd(x, m, n, sv, uu, vv, full)) {
              first.accumulateAndGet(q, Math::min);
              return;
            }
            store(s, offset(s, q, 1), k, sv);
            if (u != null) {
              store(u, offset(u, q), m * uc, uu);
              store(vh, offset(vh, q), vr * n, vv);
            }
          }
        });
    return first.get() == Long.MAX_VALUE ? 0 : first.get() + 1;
  }

  /**
   * One matrix's work on its copy {@code m} (n x n, C order, float64): false where it is singular
   * (or not positive definite).
   */
  private interface MatrixTask {
    boolean run(long q, double[] m, int n, Scratch scratch);
  }

  /** A thread's float64 scratch, grown as needed. */
  private static final class Scratch {
    private double[] matrix = new double[0];
    private double[] rhs = new double[0];
    private int[] pivots = new int[0];

    double[] matrix(int size) {
      return matrix.length >= size ? matrix : (matrix = new double[size]);
    }

    double[] rhs(int size) {
      return rhs.length >= size ? rhs : (rhs = new double[size]);
    }

    int[] pivots(int size) {
      return pivots.length >= size ? pivots : (pivots = new int[size]);
    }
  }

  /**
   * Runs {@code task} on a float64 copy of each matrix of the stack {@code a}: returns -1 where a
   * matrix is past one Java array, {@code ifEmpty} where they are 0 x 0, 0 when every task
   * succeeded, 1 + the index of the first that did not otherwise.
   */
  private static long eachMatrix(View a, long ifEmpty, MatrixTask task) {
    long order = a.shape()[a.ndim() - 1];
    if (order * order > Integer.MAX_VALUE - 8) {
      return -1;
    }
    int n = (int) order;
    if (n == 0) {
      return ifEmpty;
    }
    long count = 1;
    for (int d = 0; d < a.ndim() - 2; d++) {
      count *= a.shape()[d];
    }
    long total = count;
    if (n >= LARGE) {
      Scratch scratch = new Scratch(); // large: a fresh scratch, not held after the call
      for (long q = 0; q < total; q++) {
        if (!run(task, a, q, n, scratch)) {
          return q + 1;
        }
      }
      return 0;
    }
    AtomicLong first = new AtomicLong(Long.MAX_VALUE);
    Loop.split(
        total,
        Math.max(1, 4096 / Math.max(1, (long) n * n)),
        (lo, hi) -> {
          Scratch scratch = new Scratch();
          for (long q = lo; q < hi && q < first.get(); q++) {
            if (!run(task, a, q, n, scratch)) {
              first.accumulateAndGet(q, Math::min);
              return;
            }
          }
        });
    return first.get() == Long.MAX_VALUE ? 0 : first.get() + 1;
  }

  private static boolean run(MatrixTask task, View a, long q, int n, Scratch scratch) {
    double[] m = scratch.matrix(n * n);
    load(a, offset(a, q), n, n, m);
    return task.run(q, m, n, scratch);
  }

  /** The element offset of matrix {@code q} (C order over the batch axes) of a stack view. */
  private static long offset(View v, long q) {
    return offset(v, q, 2);
  }

  /** The element offset of item {@code q} of a stack view whose items have {@code core} axes. */
  private static long offset(View v, long q, int core) {
    long off = v.offset();
    for (int d = v.ndim() - 1 - core; d >= 0 && q > 0; d--) {
      long dim = v.shape()[d];
      off += (q % dim) * v.strides()[d];
      q /= dim;
    }
    return off;
  }

  /** The rows x cols matrix of {@code v} at element {@code offset}, into {@code dst} in C order. */
  private static void load(View v, long offset, int rows, int cols, double[] dst) {
    MemorySegment s = ((CpuBuffer) v.buffer()).segment();
    int nd = v.ndim();
    long rs = v.strides()[nd - 2];
    long cs = v.strides()[nd - 1];
    DType t = v.dtype();
    if (cs == 1 && rs == cols && t == DType.FLOAT64) {
      Access.loadD(s, t, offset, 1, rows * cols, dst);
      return;
    }
    double[] row = new double[cols];
    for (int i = 0; i < rows; i++) {
      Access.loadD(s, t, offset + i * rs, cs, cols, row);
      System.arraycopy(row, 0, dst, i * cols, cols);
    }
  }

  /** {@code count} values into the C-contiguous {@code out} at element {@code offset}. */
  private static void store(View out, long offset, int count, double[] src) {
    Access.storeD(((CpuBuffer) out.buffer()).segment(), out.dtype(), offset, 1, count, src);
  }
}
