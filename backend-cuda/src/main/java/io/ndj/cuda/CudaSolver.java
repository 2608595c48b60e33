package io.ndj.cuda;

import io.ndj.DType;
import io.ndj.cuda.driver.Cusolver;
import io.ndj.cuda.driver.DevicePtr;
import io.ndj.cuda.driver.Driver;
import io.ndj.spi.View;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * The cuda backend's dense factorizations through cuSOLVER (bound with FFM): solve by getrf and
 * getrs, cholesky by potrf, slogdet by getrf and our kernel over its diagonal, qr by geqrf and
 * orgqr, eigh by syevd, svd by gesvd, matrix by matrix on the backend's stream, buffers and
 * workspaces from its memory pool, the LAPACK status of every matrix read back once at the end. A
 * row-major matrix is its transpose in cuSOLVER's column-major order: solve factors Aᵀ and solves
 * with the transpose, inv solves Aᵀ Y = I and reads Yᵀ, cholesky factors the lower triangle of a
 * column-major copy of A (potrf's faster triangle) and zeros above L's diagonal. Systems (solve,
 * inv) and determinants of n &lt;= 64 unknowns run as one launch of our own kernels for the whole
 * stack (CuPy loops over cuSOLVER there): a group of a warp's lanes a system, a lane a row, for n
 * &lt;= 32 with at most 8 right-hand sides, a thread a system for n &lt;= 16 with more (up to 64),
 * else a block a matrix in shared memory; cholesky, qr, eigh and svd below n = 64 stay on the host
 * path.
 */
final class CudaSolver {
  private static final int SMALL = 64;

  private final CudaKernels kernels;
  private final Driver driver;
  private final MemoryPool pool;
  private Cusolver lib;
  private String missing;

  CudaSolver(CudaKernels kernels, Driver driver, MemoryPool pool) {
    this.kernels = kernels;
    this.driver = driver;
    this.pool = pool;
  }

  private synchronized Cusolver lib() {
    if (lib == null && missing == null) {
      List<String> whyNot = new ArrayList<>();
      lib = Cusolver.load(driver, whyNot);
      if (lib == null) {
        missing = String.join("; ", whyNot);
      }
    }
    if (lib == null) {
      throw new UnsupportedOperationException(
          "linalg is not supported on backend cuda: libcusolver could not be loaded ("
              + missing
              + ")");
    }
    return lib;
  }

  private static boolean handled(DType t, long n) {
    return (t == DType.FLOAT32 || t == DType.FLOAT64) && n >= SMALL && n * n < Integer.MAX_VALUE;
  }

  /** The largest n the one-thread-a-system kernel takes (its matrix lives in the thread). */
  private static final int TINY = 16;

  /**
   * The most unknowns and right-hand sides a group of a warp's lanes solves (k_group_solve). On an
   * H100, 2026-12-07, 10,000 systems, one right-hand side, median of 101 warm calls, against the
   * older paths (a thread a system to 16 unknowns, a block a system above) and CuPy's
   * getrfBatched/getrsBatched in the same harness: float64 n = 8 0.046 ms (older 0.071, CuPy
   * 0.185), n = 16 0.095 (0.40, 0.246), n = 32 0.41 (0.89, 0.59); float32 n = 8 0.041 (0.058,
   * 0.182), n = 16 0.053 (0.20, 0.212), n = 32 0.198 (0.46, 0.451).
   */
  private static final int GROUP_N = 32, GROUP_K = 8;

  /**
   * Whether small stacks solve by groups of lanes (a probe's knob: -Dndj.cuda.groupSolve=false).
   */
  private static final boolean GROUPS = !"false".equals(System.getProperty("ndj.cuda.groupSolve"));

  /** The largest n the block-a-matrix kernels take (the matrix lives in shared memory). */
  private static final int BLOCK = 64;

  /** See {@link io.ndj.spi.Kernels#solve}. */
  synchronized long solve(View out, View a, View b) {
    DType t = out.dtype();
    int nd = a.ndim();
    long n = a.shape()[nd - 1];
    long k = b.shape()[nd - 1];
    if ((t == DType.FLOAT32 || t == DType.FLOAT64)
        && n >= 1
        && n <= BLOCK
        && k < Integer.MAX_VALUE
        && out.offset() == 0
        && out.isContiguous()) {
      return smallSolve(out, a, b, t, n, k);
    }
    if (!handled(t, n) || n * k >= Integer.MAX_VALUE) {
      return -1;
    }
    long count = n == 0 ? 0 : a.size() / (n * n);
    if (count == 0 || k == 0) {
      return 0;
    }
    if (!finite(a, t)) {
      return -1;
    }
    Cusolver s = lib();
    boolean wide = t == DType.FLOAT64;
    int item = t.itemsize();
    int ni = (int) n;
    try (Working held = new Working(pool)) {
      Lu f = new Lu(held, s, t, n);
      CudaBuffer info = held.take(count * 4);
      CudaBuffer rsInfo = held.take(4);
      CudaBuffer xb = held.take(n * k * item);
      // X column-major n x k: element (r, c) at r + c n
      View xCols = new View(xb, t, new long[] {n, k}, new long[] {1, n}, 0);
      for (long i = 0; i < count; i++) {
        f.factor(matrix(a, i), info.ptr().withByteOffset(4 * i));
        kernels.copy(xCols, matrix(b, i));
        driver.makeCurrent();
        s.getrs(wide, Cusolver.OP_T, ni, (int) k, f.lu.ptr(), f.ipiv.ptr(), xb.ptr(), rsInfo.ptr());
        kernels.copy(matrix(out, i), xCols);
      }
      return firstFailure(info, count);
    }
  }

  /**
   * See {@link io.ndj.spi.Kernels#slogdet}: each matrix factored by getrf (in float32 for float32
   * input, as NumPy's sgetrf; float64 otherwise) and its diagonal and pivots read on the device
   * (k_slogdet_lu): the transpose cuSOLVER sees has the same determinant. Stacks of n &lt;= 64 in
   * one launch of our own kernel, a block a matrix (k_block_slogdet).
   */
  synchronized long slogdet(View sign, View logabsdet, View a) {
    int nd = a.ndim();
    long n = a.shape()[nd - 1];
    DType t = a.dtype() == DType.FLOAT32 ? DType.FLOAT32 : DType.FLOAT64;
    if (n >= 1 && n <= BLOCK && sign.isContiguous() && logabsdet.isContiguous()) {
      long count = a.size() / (n * n);
      if (count > 0) {
        try (Working held = new Working(pool)) {
          kernels.blockSlogdet(
              t, packed(held, a, t), at(sign, 0), at(logabsdet, 0), count, (int) n);
        }
      }
      return 0;
    }
    if (!handled(t, n)) {
      return -1;
    }
    long count = a.size() / (n * n);
    if (count == 0) {
      return 0;
    }
    if (!finite(a, t)) {
      return -1;
    }
    Cusolver s = lib();
    int ni = (int) n;
    try (Working held = new Working(pool)) {
      Lu f = new Lu(held, s, t, n);
      CudaBuffer info = held.take(4);
      DevicePtr signs = ((CudaBuffer) sign.buffer()).ptr().withByteOffset(sign.offset() * 8);
      DevicePtr logs =
          ((CudaBuffer) logabsdet.buffer()).ptr().withByteOffset(logabsdet.offset() * 8);
      for (long i = 0; i < count; i++) {
        f.factor(matrix(a, i), info.ptr());
        kernels.slogdetFromLu(
            t,
            f.lu.ptr(),
            f.ipiv.ptr(),
            ni,
            signs.withByteOffset(8 * i),
            logs.withByteOffset(8 * i));
      }
      return 0;
    }
  }

  /**
   * A stack of systems of n &lt;= 64 in one launch: a and b copied to C-order buffers of dtype t
   * (which reads any layout and casts), a group of lanes a system where n &lt;= 32 and k &lt;= 8
   * (k_group_solve), one thread a system where n &lt;= 16 and k &lt;= 64 (k_small_solve), else a
   * block a system (k_block_solve), the statuses read once.
   */
  private long smallSolve(View out, View a, View b, DType t, long n, long k) {
    long count = a.size() / (n * n);
    if (count == 0 || k == 0) {
      return 0;
    }
    try (Working held = new Working(pool)) {
      CudaBuffer info = held.take(count * 4);
      DevicePtr x = ((CudaBuffer) out.buffer()).ptr();
      if (n <= GROUP_N && k <= GROUP_K && GROUPS) {
        kernels.groupSolve(
            t, packed(held, a, t), packed(held, b, t), x, info.ptr(), count, (int) n, (int) k);
      } else if (n <= TINY && k <= 64) {
        kernels.smallSolve(
            t, packed(held, a, t), packed(held, b, t), x, info.ptr(), count, (int) n, (int) k);
      } else {
        kernels.blockSolve(
            t, packed(held, a, t), packed(held, b, t), x, info.ptr(), count, (int) n, (int) k);
      }
      return firstFailure(info, count);
    }
  }

  /**
   * The address of v's elements in C order and dtype t: v's own where it is so laid out, else a
   * copy (held until the call ends).
   */
  private DevicePtr packed(Working held, View v, DType t) {
    if (v.dtype() == t && v.isContiguous()) {
      return ((CudaBuffer) v.buffer()).ptr().withByteOffset(v.offset() * t.itemsize());
    }
    CudaBuffer c = held.take(v.size() * t.itemsize());
    kernels.copy(new View(c, t, v.shape(), View.cStrides(v.shape()), 0), v);
    return c.ptr();
  }

  /**
   * See {@link io.ndj.spi.Kernels#cholesky}: through potrf's lower triangle, about twice as fast as
   * its upper one; where it refuses a matrix, the stack again through the upper one, which (as
   * LAPACK's dpotrf, so NumPy) lets a NaN pivot run on into the factor where the lower one stops.
   */
  synchronized long cholesky(View out, View a) {
    DType t = out.dtype();
    int nd = a.ndim();
    long n = a.shape()[nd - 1];
    if (!handled(t, n)) {
      return -1;
    }
    long count = n == 0 ? 0 : a.size() / (n * n);
    if (count == 0) {
      return 0;
    }
    long failed = potrf(out, a, count, true);
    return failed == 0 ? 0 : potrf(out, a, count, false);
  }

  /**
   * Factors each of the count matrices of a into out with potrf's lower triangle (A copied into a
   * column-major block, where potrf's lower triangle is a's lower one, then L copied out) or its
   * upper one (in place in out, C-contiguous: its upper triangle in column-major order is A's lower
   * one in row-major order, so U there is L here); then zeros above L's diagonal. Returns as {@link
   * #cholesky}.
   */
  private long potrf(View out, View a, long count, boolean lower) {
    DType t = out.dtype();
    long n = a.shape()[a.ndim() - 1];
    Cusolver s = lib();
    boolean wide = t == DType.FLOAT64;
    int ni = (int) n;
    int fill = lower ? Cusolver.LOWER : Cusolver.UPPER;
    try (Working held = new Working(pool)) {
      CudaBuffer info = held.take(count * 4);
      CudaBuffer m = lower ? held.take(n * n * t.itemsize()) : null;
      View columns = lower ? new View(m, t, new long[] {n, n}, new long[] {1, n}, 0) : null;
      driver.makeCurrent();
      int lwork = s.potrfWork(wide, fill, ni, lower ? m.ptr() : at(out, 0));
      CudaBuffer work = held.take(Math.max(1, (long) lwork) * t.itemsize());
      for (long i = 0; i < count; i++) {
        View o = matrix(out, i);
        kernels.copy(lower ? columns : o, matrix(a, i));
        driver.makeCurrent();
        s.potrf(
            wide,
            fill,
            ni,
            lower ? m.ptr() : at(o, 0),
            work.ptr(),
            lwork,
            info.ptr().withByteOffset(4 * i));
        if (lower) {
          kernels.copy(o, columns);
        }
        kernels.zeroAboveDiagonal(t, at(o, 0), n);
      }
      return firstFailure(info, count);
    }
  }

  /**
   * See {@link io.ndj.spi.Kernels#inv}, as CuPy inverts, with no transposed copy: a's rows are Aᵀ's
   * columns, so getrf factors Aᵀ, and getrs solves Aᵀ Y = I (no transpose) in place in out, whose
   * rows are then Y's columns: Yᵀ = A⁻¹. Stacks of n &lt; 64 are left to {@link #solve}'s kernels.
   */
  synchronized long inv(View out, View a) {
    DType t = out.dtype();
    int nd = a.ndim();
    long n = a.shape()[nd - 1];
    if (!handled(t, n) || out.offset() != 0 || !out.isContiguous()) {
      return -1;
    }
    long count = a.size() / (n * n);
    if (count == 0) {
      return 0;
    }
    if (!finite(a, t)) {
      return -1;
    }
    Cusolver s = lib();
    boolean wide = t == DType.FLOAT64;
    int ni = (int) n;
    try (Working held = new Working(pool)) {
      Lu f = new Lu(held, s, t, n);
      CudaBuffer info = held.take(count * 4);
      CudaBuffer rsInfo = held.take(4);
      for (long i = 0; i < count; i++) {
        f.factor(matrix(a, i), info.ptr().withByteOffset(4 * i));
        View o = matrix(out, i);
        kernels.fill(o, 0.0);
        kernels.fill(new View(o.buffer(), t, new long[] {n}, new long[] {n + 1}, o.offset()), 1.0);
        driver.makeCurrent();
        s.getrs(wide, Cusolver.OP_N, ni, ni, f.lu.ptr(), f.ipiv.ptr(), at(o, 0), rsInfo.ptr());
      }
      return firstFailure(info, count);
    }
  }

  /**
   * See {@link io.ndj.spi.Kernels#eigh}: syevd on the stored matrix (Aᵀ in column-major order, so
   * A's lower triangle is its upper one), the vectors read back transposed into v's columns.
   */
  synchronized long eigh(View w, View v, View a, boolean lower) {
    DType t = w.dtype();
    int nd = a.ndim();
    long n = a.shape()[nd - 1];
    if (!handled(t, n)) {
      return -1;
    }
    long count = n == 0 ? 0 : a.size() / (n * n);
    if (count == 0) {
      return 0;
    }
    Cusolver s = lib();
    boolean wide = t == DType.FLOAT64;
    boolean vectors = v != null;
    int item = t.itemsize();
    int ni = (int) n;
    int uplo = lower ? Cusolver.UPPER : Cusolver.LOWER;
    try (Working held = new Working(pool)) {
      CudaBuffer m = held.take(n * n * item);
      CudaBuffer info = held.take(count * 4);
      driver.makeCurrent();
      int lwork = s.syevdWork(wide, vectors, uplo, ni, m.ptr(), at(w, 0));
      CudaBuffer work = held.take(Math.max(1, (long) lwork) * item);
      View mView = new View(m, t, new long[] {n, n}, new long[] {n, 1}, 0);
      // the vectors are m's columns: column j of V is m read with strides (1, n) as rows
      View columns = new View(m, t, new long[] {n, n}, new long[] {1, n}, 0);
      for (long i = 0; i < count; i++) {
        kernels.copy(mView, matrix(a, i));
        driver.makeCurrent();
        s.syevd(
            wide,
            vectors,
            uplo,
            ni,
            m.ptr(),
            at(w, i * n),
            work.ptr(),
            lwork,
            info.ptr().withByteOffset(4 * i));
        if (vectors) {
          kernels.copy(matrix(v, i), columns);
        }
      }
      return firstFailure(info, count);
    }
  }

  /**
   * See {@link io.ndj.spi.Kernels#svd}: gesvd per matrix on a column-major copy with at least as
   * many rows as columns: A's columns where M &gt;= N, else A's rows (Aᵀ, whose U and VT trade
   * places: A = V' S U'ᵀ), read back into u and vh through strided views. Values alone (svdvals)
   * take the same call, so that they are svd's S exactly. Below K = 64, the host.
   */
  synchronized long svd(View s, View u, View vh, View a, boolean full) {
    DType t = s.dtype();
    Shape sh = Shape.of(a);
    long m = sh.m();
    long n = sh.n();
    long k = sh.k();
    long count = sh.count();
    if (!handled(t, k) || m * n >= Integer.MAX_VALUE || count == 0) {
      return -1;
    }
    Cusolver lib = lib();
    boolean wide = t == DType.FLOAT64;
    boolean tall = m >= n;
    long rows = Math.max(m, n);
    long cols = k;
    long uc = full ? rows : cols;
    int item = t.itemsize();
    try (Working held = new Working(pool)) {
      CudaBuffer w = held.take(rows * cols * item);
      CudaBuffer left = held.take(rows * uc * item);
      CudaBuffer right = held.take(cols * cols * item);
      CudaBuffer info = held.take(count * 4);
      driver.makeCurrent();
      int lwork = lib.gesvdWork(wide, (int) rows, (int) cols);
      CudaBuffer work = held.take(Math.max(1, (long) lwork) * item);
      // what cuSOLVER reads, column-major rows x cols: A (element (i, j) at i + j m) or Aᵀ (A in
      // its own row-major order)
      View in = new View(w, t, new long[] {m, n}, tall ? new long[] {1, m} : new long[] {n, 1}, 0);
      for (long i = 0; i < count; i++) {
        kernels.copy(in, matrix(a, i));
        driver.makeCurrent();
        lib.gesvd(
            wide,
            full ? 'A' : 'S',
            (int) rows,
            (int) cols,
            w.ptr(),
            at(s, i * k),
            left.ptr(),
            right.ptr(),
            work.ptr(),
            lwork,
            info.ptr().withByteOffset(4 * i));
        if (u == null) {
          continue;
        }
        if (tall) {
          kernels.copy(matrix(u, i), new View(left, t, new long[] {m, uc}, new long[] {1, m}, 0));
          kernels.copy(matrix(vh, i), new View(right, t, new long[] {n, n}, new long[] {1, n}, 0));
        } else {
          kernels.copy(matrix(u, i), new View(right, t, new long[] {m, m}, new long[] {m, 1}, 0));
          kernels.copy(matrix(vh, i), new View(left, t, new long[] {uc, n}, new long[] {n, 1}, 0));
        }
      }
      return firstFailure(info, count);
    }
  }

  /**
   * See {@link io.ndj.spi.Kernels#qr}: geqrf per matrix on a column-major copy of A (m x max(n,
   * QC), so that orgqr can grow Q to m x m in place), R from its upper part (zeros below its
   * diagonal, in the transposing copy's one pass), then orgqr for Q; LAPACK's signs, as NumPy's.
   * Below K = 64, the host.
   */
  synchronized long qr(View q, View r, View a, boolean complete) {
    DType t = r.dtype();
    Shape sh = Shape.of(a);
    long m = sh.m();
    long n = sh.n();
    long k = sh.k();
    long count = sh.count();
    long qc = complete ? m : k;
    long width = Math.max(n, qc);
    if (!handled(t, k) || m * width >= Integer.MAX_VALUE || count == 0) {
      return -1;
    }
    Cusolver lib = lib();
    boolean wide = t == DType.FLOAT64;
    int item = t.itemsize();
    int mi = (int) m;
    try (Working held = new Working(pool)) {
      CudaBuffer f = held.take(m * width * item);
      CudaBuffer tau = held.take(k * item);
      CudaBuffer info = held.take(count * 4);
      driver.makeCurrent();
      int lwork = lib.geqrfWork(wide, mi, (int) n, f.ptr());
      if (q != null) {
        lwork = Math.max(lwork, lib.orgqrWork(wide, mi, (int) qc, (int) k, f.ptr(), tau.ptr()));
      }
      CudaBuffer work = held.take(Math.max(1, (long) lwork) * item);
      long rr = r.shape()[r.ndim() - 2];
      for (long i = 0; i < count; i++) {
        DevicePtr status = info.ptr().withByteOffset(4 * i);
        kernels.copy(new View(f, t, new long[] {m, n}, new long[] {1, m}, 0), matrix(a, i));
        driver.makeCurrent();
        lib.geqrf(wide, mi, (int) n, f.ptr(), tau.ptr(), work.ptr(), lwork, status);
        kernels.upperTransposed(
            matrix(r, i), new View(f, t, new long[] {rr, n}, new long[] {1, m}, 0));
        if (q != null) {
          driver.makeCurrent();
          lib.orgqr(wide, mi, (int) qc, (int) k, f.ptr(), tau.ptr(), work.ptr(), lwork, status);
          kernels.copy(matrix(q, i), new View(f, t, new long[] {m, qc}, new long[] {1, m}, 0));
        }
      }
      return firstFailure(info, count);
    }
  }

  /** A stack's matrices: M x N each, K = min(M, N), count of them. */
  private record Shape(long m, long n, long k, long count) {
    static Shape of(View a) {
      int nd = a.ndim();
      long m = a.shape()[nd - 2];
      long n = a.shape()[nd - 1];
      return new Shape(m, n, Math.min(m, n), m * n == 0 ? 0 : a.size() / (m * n));
    }
  }

  /** The device address of element {@code index} of a C-contiguous view. */
  private static DevicePtr at(View v, long index) {
    return ((CudaBuffer) v.buffer())
        .ptr()
        .withByteOffset((v.offset() + index) * v.dtype().itemsize());
  }

  /**
   * getrf's buffers for n x n matrices of dtype t (the factors, pivots and workspace), which {@link
   * #factor} fills one matrix at a time.
   */
  private final class Lu {
    final CudaBuffer lu;
    final CudaBuffer ipiv;
    private final CudaBuffer work;
    private final int lwork;
    private final View rows;
    private final Cusolver s;
    private final boolean wide;
    private final int n;

    Lu(Working held, Cusolver s, DType t, long n) {
      this.s = s;
      this.wide = t == DType.FLOAT64;
      this.n = (int) n;
      lu = held.take(n * n * t.itemsize());
      ipiv = held.take(n * 4);
      driver.makeCurrent();
      lwork = s.getrfWork(wide, this.n, lu.ptr());
      work = held.take(Math.max(1, (long) lwork) * t.itemsize());
      rows = new View(lu, t, new long[] {n, n}, new long[] {n, 1}, 0);
    }

    /**
     * Copies matrix {@code m} in C order (its transpose in cuSOLVER's order) and factors it, the
     * LAPACK status at {@code status}.
     */
    void factor(View m, DevicePtr status) {
      kernels.copy(rows, m);
      driver.makeCurrent();
      s.getrf(wide, n, lu.ptr(), work.ptr(), ipiv.ptr(), status);
    }
  }

  /**
   * Whether stack a (read as dtype t) holds no inf or NaN. getrf's pivot search does not order NaN
   * as LAPACK's idamax (a NaN on the diagonal of an 80 x 80 came back from it as a zero pivot:
   * slogdet (0, -inf) where NumPy gives (1, nan)), so the LU paths leave stacks that hold any (inf
   * - inf makes NaN on the way) to io.ndj's host LU, which pivots as LAPACK: one read of the stack
   * on the device, a few hundredths of the factorization's time.
   */
  private boolean finite(View a, DType t) {
    try (Working held = new Working(pool)) {
      CudaBuffer flag = held.take(4);
      driver.zero(flag.ptr(), 4);
      kernels.anyNonfinite(t, packed(held, a, t), a.size(), flag.ptr());
      int[] f = new int[1];
      kernels.read(flag, 0, MemorySegment.ofArray(f));
      return f[0] == 0;
    }
  }

  /** 1 + the first matrix whose LAPACK status is positive (singular, not definite), or 0. */
  private long firstFailure(CudaBuffer info, long count) {
    int[] status = new int[(int) count];
    kernels.read(info, 0, MemorySegment.ofArray(status));
    for (int i = 0; i < status.length; i++) {
      if (status[i] > 0) {
        return i + 1;
      }
    }
    return 0;
  }

  /** Matrix i (C order over the leading axes) of a stack, as a 2-d view. */
  static View matrix(View v, long i) {
    int nd = v.ndim();
    long offset = v.offset();
    for (int d = nd - 3; d >= 0; d--) {
      long dim = v.shape()[d];
      offset += (i % dim) * v.strides()[d];
      i /= dim;
    }
    return new View(
        v.buffer(),
        v.dtype(),
        new long[] {v.shape()[nd - 2], v.shape()[nd - 1]},
        new long[] {v.strides()[nd - 2], v.strides()[nd - 1]},
        offset);
  }
}
