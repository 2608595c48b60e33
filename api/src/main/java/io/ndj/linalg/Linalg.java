package io.ndj.linalg;

import io.ndj.DType;
import io.ndj.NdArray;

/**
 * NumPy's {@code numpy.linalg}: {@code Linalg.solve(a, b)} where NumPy has {@code
 * np.linalg.solve(a, b)}. Every function takes stacks of matrices (the last two axes; the leading
 * ones broadcast where two operands meet) and follows NumPy's dtypes: float32 in, float32 out;
 * float64, bool and integers give float64; float16 is refused, as NumPy refuses it. Results live on
 * the operands' backend and belong to the caller; operands are never modified.
 *
 * <p>The factorizations run on the host in float64 (a float32 operand is computed in float64 and
 * rounded, so its results are as accurate as NumPy's or more); {@link #norm} and {@link
 * #matrixPower}, {@link #multiDot} compose the backend's own ops and stay on its device. Errors are
 * {@link LinAlgError}s with NumPy's messages.
 */
public final class Linalg {
  private Linalg() {}

  /**
   * sign and log|det| of each matrix, as {@link #slogdet} returns them.
   *
   * @param sign the sign of each determinant: 1, -1, or 0 for a singular matrix
   * @param logabsdet the natural log of each absolute determinant
   */
  public record SlogdetResult(NdArray sign, NdArray logabsdet) implements AutoCloseable {
    @Override
    public void close() {
      sign.close();
      logabsdet.close();
    }
  }

  /**
   * Q and R of {@link #qr}; Q is null for mode "r".
   *
   * @param q the orthonormal factor, or {@code null} for mode "r"
   * @param r the upper-triangular factor
   */
  public record QrResult(NdArray q, NdArray r) implements AutoCloseable {
    @Override
    public void close() {
      if (q != null) {
        q.close();
      }
      r.close();
    }
  }

  /**
   * Eigenvalues (ascending) and unit eigenvectors (the columns) of {@link #eigh}.
   *
   * @param eigenvalues the eigenvalues of each matrix, ascending
   * @param eigenvectors the unit eigenvectors of each matrix, as columns (column i belongs to
   *     eigenvalue i), or {@code null} for eigvalsh
   */
  public record EighResult(NdArray eigenvalues, NdArray eigenvectors) implements AutoCloseable {
    @Override
    public void close() {
      eigenvalues.close();
      eigenvectors.close();
    }
  }

  /**
   * Eigenvalues and unit eigenvectors (the columns) of {@link #eig}: complex where any eigenvalue
   * of the stack is, real otherwise, as NumPy returns them.
   *
   * @param eigenvalues the eigenvalues of each matrix
   * @param eigenvectors the unit eigenvectors of each matrix, as columns (column i belongs to
   *     eigenvalue i)
   */
  public record EigResult(NdArray eigenvalues, NdArray eigenvectors) implements AutoCloseable {
    @Override
    public void close() {
      eigenvalues.close();
      if (eigenvectors != null) {
        eigenvectors.close();
      }
    }
  }

  /**
   * U, the singular values S (descending) and Vh of {@link #svd}: a = U @ diag(S) @ Vh.
   *
   * @param u the left singular vectors, as columns
   * @param s the singular values, descending
   * @param vh the right singular vectors, as rows
   */
  public record SvdResult(NdArray u, NdArray s, NdArray vh) implements AutoCloseable {
    @Override
    public void close() {
      u.close();
      s.close();
      vh.close();
    }
  }

  /**
   * {@link #lstsq}'s solution, the residuals' sums of squares (empty unless a has full column rank
   * and more rows than columns), a's rank and its singular values.
   *
   * @param x the least-squares solution
   * @param residuals the squared 2-norm of each column's residual, or an empty array
   * @param rank the rank of a
   * @param s a's singular values, descending
   */
  public record LstsqResult(NdArray x, NdArray residuals, long rank, NdArray s)
      implements AutoCloseable {
    @Override
    public void close() {
      x.close();
      residuals.close();
      s.close();
    }
  }

  // ---------------------------------------------------------------- checks, NumPy's words

  /**
   * The dtype results take: float32 where every operand is float32, float64 otherwise.
   *
   * @throws IllegalArgumentException "array type float16 is unsupported in linalg"
   */
  static DType resultType(NdArray... xs) {
    boolean all32 = true;
    for (NdArray x : xs) {
      DType t = x.dtype();
      if (t == DType.FLOAT16) {
        throw new IllegalArgumentException("array type float16 is unsupported in linalg");
      }
      if (t.isComplex()) {
        throw new UnsupportedOperationException("linalg does not take " + t + " arrays here");
      }
      all32 &= t == DType.FLOAT32;
    }
    return all32 ? DType.FLOAT32 : DType.FLOAT64;
  }

  /**
   * @throws LinAlgError "1-dimensional array given. Array must be at least two-dimensional"
   */
  static void stacked2d(NdArray a) {
    if (a.ndim() < 2) {
      throw new LinAlgError(
          a.ndim() + "-dimensional array given. Array must be at least two-dimensional");
    }
  }

  /**
   * @throws LinAlgError "Last 2 dimensions of the array must be square"
   */
  static void stackedSquare(NdArray a) {
    stacked2d(a);
    long[] s = a.shape().dims();
    if (s[s.length - 1] != s[s.length - 2]) {
      throw new LinAlgError("Last 2 dimensions of the array must be square");
    }
  }

  /**
   * @throws LinAlgError "3-dimensional array given. Array must be two-dimensional"
   */
  static void exactly2d(NdArray a) {
    if (a.ndim() != 2) {
      throw new LinAlgError(a.ndim() + "-dimensional array given. Array must be two-dimensional");
    }
  }

  // ---------------------------------------------------------------- LU: det, slogdet, inv, solve

  /**
   * The determinant of each matrix, computed as NumPy does from the LU factors (sign * exp(sum of
   * log|u_ii|)); 0 for a singular matrix, 1 for a 0 x 0 one.
   *
   * @param a {@code (..., M, M)}; not modified
   * @return {@code (...)}
   */
  public static NdArray det(NdArray a) {
    if (ComplexLinalg.any(a)) {
      stackedSquare(a);
      return ComplexLinalg.det(a, ComplexLinalg.type(a));
    }
    DType t = resultType(a);
    stackedSquare(a);
    NdArray[] onDevice = deviceSlogdet(a);
    if (onDevice != null) {
      try (NdArray sign = onDevice[0];
          NdArray log = onDevice[1];
          NdArray e = log.exp();
          NdArray d = sign.multiply(e)) {
        return d.astype(t);
      }
    }
    HostStack h = HostStack.of(a);
    double[][] sl = slogdets(h);
    double[] d = new double[sl[0].length];
    for (int i = 0; i < d.length; i++) {
      d[i] = sl[0][i] * Math.exp(sl[1][i]);
    }
    return HostStack.back(a, t, d, h.batch());
  }

  /**
   * The sign (1, -1, or 0 for a singular matrix) and the natural log of the absolute determinant
   * (-inf for a singular matrix) of each matrix: no overflow where the determinant itself would.
   *
   * @return the signs and logs, each of shape {@code (...)}
   * @param a {@code (..., M, M)}; not modified
   */
  public static SlogdetResult slogdet(NdArray a) {
    if (ComplexLinalg.any(a)) {
      stackedSquare(a);
      NdArray[] sl = ComplexLinalg.slogdet(a, ComplexLinalg.type(a));
      return new SlogdetResult(sl[0], sl[1]);
    }
    DType t = resultType(a);
    stackedSquare(a);
    NdArray[] onDevice = deviceSlogdet(a);
    if (onDevice != null) {
      try (NdArray sign = onDevice[0];
          NdArray log = onDevice[1]) {
        return new SlogdetResult(sign.astype(t), log.astype(t));
      }
    }
    HostStack h = HostStack.of(a);
    double[][] sl = slogdets(h);
    NdArray sign = HostStack.back(a, t, sl[0], h.batch());
    return new SlogdetResult(sign, HostStack.back(a, t, sl[1], h.batch()));
  }

  /**
   * slogdet on the backend's own LU ({@link io.ndj.spi.Kernels#slogdet}) as float64 signs and logs,
   * or null where it has none (or the matrices are 0 x 0).
   */
  private static NdArray[] deviceSlogdet(NdArray a) {
    io.ndj.spi.Kernels kernels = a.backend().kernels();
    if (!kernels.factorizes() || a.shape().dims()[a.ndim() - 1] == 0) {
      return null;
    }
    long[] batch = java.util.Arrays.copyOf(a.shape().dims(), a.ndim() - 2);
    NdArray sign = a.backend().empty(DType.FLOAT64, batch);
    NdArray log = a.backend().empty(DType.FLOAT64, batch);
    boolean done =
        onDevice(
            "slogdet failed", // the SPI reports no failure of a matrix here
            () -> kernels.slogdet(sign.kernelView(), log.kernelView(), a.kernelView()),
            sign,
            log);
    return done ? new NdArray[] {sign, log} : null;
  }

  private static double[][] slogdets(HostStack h) {
    int n = h.rows();
    double[] sign = new double[h.count()];
    double[] log = new double[h.count()];
    int[] piv = new int[n];
    for (int i = 0; i < sign.length; i++) {
      double[] lu = h.matrix(i);
      int s = Factor.lu(lu, n, piv);
      double acc = 0;
      for (int k = 0; k < n && s != 0; k++) {
        double u = lu[k * n + k];
        if (u < 0) {
          s = -s;
        }
        acc += Math.log(Math.abs(u));
      }
      sign[i] = s;
      log[i] = s == 0 ? Double.NEGATIVE_INFINITY : acc;
    }
    return new double[][] {sign, log};
  }

  /**
   * The inverse of each matrix.
   *
   * @return the inverses, {@code (..., M, M)}, float (float64 for integer input)
   * @param a {@code (..., M, M)}; not modified
   * @throws LinAlgError "Singular matrix" where a pivot of its LU factorization is exactly 0
   */
  public static NdArray inv(NdArray a) {
    if (ComplexLinalg.any(a)) {
      stackedSquare(a);
      return ComplexLinalg.inv(a, ComplexLinalg.type(a));
    }
    DType t = resultType(a);
    stackedSquare(a);
    long m = a.shape().dims()[a.ndim() - 1];
    long[] batch = java.util.Arrays.copyOf(a.shape().dims(), a.ndim() - 2);
    if (!a.backend().kernels().factorizes()) {
      return HostStack.back(a, t, inverses(HostStack.of(a), true), a.shape().dims());
    }
    NdArray own = a.backend().empty(t, a.shape().dims());
    if (onDevice(
        "Singular matrix",
        () -> a.backend().kernels().inv(own.kernelView(), a.kernelView()),
        own)) {
      return own;
    }
    try (NdArray eye = a.backend().eye(m);
        NdArray rhs = eye.broadcastTo(HostStack.join(batch, m, m))) {
      // a backend's own solver inverts as it solves: a x = I
      NdArray onDevice = deviceSolve(a, rhs, t, batch, m, m, false);
      if (onDevice != null) {
        return onDevice;
      }
    }
    return HostStack.back(a, t, inverses(HostStack.of(a), true), a.shape().dims());
  }

  /**
   * Each matrix's inverse; a singular one raises where {@code raise}, else reads as NaN (NumPy's
   * inv under errstate(all='ignore'), as cond uses it).
   */
  static double[] inverses(HostStack h, boolean raise) {
    int n = h.rows();
    double[] out = new double[h.data().length];
    int[] piv = new int[n];
    for (int i = 0; i < h.count(); i++) {
      double[] lu = h.matrix(i);
      double[] x = new double[n * n];
      if (Factor.lu(lu, n, piv) == 0) {
        if (raise) {
          throw new LinAlgError("Singular matrix");
        }
        java.util.Arrays.fill(x, Double.NaN);
      } else {
        for (int k = 0; k < n; k++) {
          x[k * n + k] = 1;
        }
        Factor.luSolve(lu, n, piv, x, n);
      }
      System.arraycopy(x, 0, out, i * n * n, n * n);
    }
    return out;
  }

  /**
   * The solution x of a @ x = b for each matrix of a: b is one vector {@code (M,)} where it is 1-d,
   * else a stack of right-hand sides {@code (..., M, K)} whose leading dimensions broadcast with
   * a's (NumPy 2's rule).
   *
   * @return x, of b's shape broadcast with a's batch shape
   * @param a {@code (..., M, M)}; not modified
   * @param b {@code (M,)} or {@code (..., M, K)}; not modified
   * @throws LinAlgError "Singular matrix"
   * @throws IllegalArgumentException where b's M differs from a's, in NumPy's gufunc words
   */
  public static NdArray solve(NdArray a, NdArray b) {
    DType t = ComplexLinalg.any(a, b) ? ComplexLinalg.type(a, b) : resultType(a, b);
    stackedSquare(a);
    long m = a.shape().dims()[a.ndim() - 1];
    boolean vector = b.ndim() == 1;
    if (!vector && b.ndim() < 2) {
      stacked2d(b);
    }
    long bm = b.shape().dims()[vector ? 0 : b.ndim() - 2];
    if (bm != m) {
      throw new IllegalArgumentException(
          (vector ? "solve1" : "solve")
              + ": Input operand 1 has a mismatch in its core dimension 0, with gufunc signature "
              + (vector ? "(m,m),(m)->(m)" : "(m,m),(m,n)->(m,n)")
              + " (size "
              + bm
              + " is different from "
              + m
              + ")");
    }
    long k = vector ? 1 : b.shape().dims()[b.ndim() - 1];
    long[] aBatch = java.util.Arrays.copyOf(a.shape().dims(), a.ndim() - 2);
    long[] bBatch = vector ? new long[0] : java.util.Arrays.copyOf(b.shape().dims(), b.ndim() - 2);
    long[] batch = io.ndj.Nd.broadcastShapes(aBatch, bBatch);
    // broadcast views: their values come to the host in C order without a copy on the backend
    try (NdArray aa = a.broadcastTo(HostStack.join(batch, m, m));
        NdArray bb =
            b.broadcastTo(vector ? HostStack.join(batch, m) : HostStack.join(batch, m, k))) {
      if (t.isComplex()) {
        return ComplexLinalg.solve(
            aa, bb, t, vector ? HostStack.join(batch, m) : HostStack.join(batch, m, k), (int) k);
      }
      NdArray onDevice = deviceSolve(aa, bb, t, batch, m, k, vector);
      if (onDevice != null) {
        return onDevice;
      }
      HostStack ha = HostStack.of(aa);
      double[] rhs = bb.toDoubleArray();
      int n = (int) m;
      int kk = (int) k;
      int[] piv = new int[n];
      for (int i = 0; i < ha.count(); i++) {
        double[] lu = ha.matrix(i);
        if (Factor.lu(lu, n, piv) == 0) {
          throw new LinAlgError("Singular matrix");
        }
        double[] x = java.util.Arrays.copyOfRange(rhs, i * n * kk, (i + 1) * n * kk);
        Factor.luSolve(lu, n, piv, x, kk);
        System.arraycopy(x, 0, rhs, i * n * kk, n * kk);
      }
      return HostStack.back(
          a, t, rhs, vector ? HostStack.join(batch, m) : HostStack.join(batch, m, k));
    }
  }

  /**
   * solve on the backend's own solver ({@link io.ndj.spi.Kernels#solve}), or null where it has
   * none.
   */
  private static NdArray deviceSolve(
      NdArray aa, NdArray bb, DType t, long[] batch, long m, long k, boolean vector) {
    io.ndj.spi.Kernels kernels = aa.backend().kernels();
    if (!kernels.factorizes()) {
      return null;
    }
    long[] bShape = HostStack.join(batch, m, k);
    try (NdArray b2 = vector ? bb.reshape(bShape) : bb.view(bb.dtype())) {
      NdArray out = aa.backend().empty(t, bShape);
      boolean done =
          onDevice(
              "Singular matrix",
              () -> kernels.solve(out.kernelView(), aa.kernelView(), b2.kernelView()),
              out);
      if (!done) {
        return null;
      }
      if (!vector) {
        return out;
      }
      try (out) {
        return out.reshape(HostStack.join(batch, m));
      }
    }
  }

  // ---------------------------------------------------------------- Cholesky, QR

  /**
   * The lower Cholesky factor of each matrix, from its lower triangle: a = L @ L.T.
   *
   * @param a the input array
   * @return the factors L, {@code (..., M, M)}
   */
  public static NdArray cholesky(NdArray a) {
    return cholesky(a, false);
  }

  /**
   * The Cholesky factor of each symmetric positive-definite matrix: lower (a = L @ L.T, read from
   * a's lower triangle) or, where {@code upper}, upper (a = U.T @ U, read from the upper one).
   *
   * @param upper whether to return the upper factor U instead of L
   * @return the factors, {@code (..., M, M)}
   * @param a {@code (..., M, M)}; not modified
   * @throws LinAlgError "Matrix is not positive definite"
   */
  public static NdArray cholesky(NdArray a, boolean upper) {
    if (ComplexLinalg.any(a)) {
      stackedSquare(a);
      return ComplexLinalg.cholesky(a, ComplexLinalg.type(a), upper);
    }
    DType t = resultType(a);
    stackedSquare(a);
    NdArray onDevice = deviceCholesky(a, t, upper);
    if (onDevice != null) {
      return onDevice;
    }
    HostStack h = HostStack.of(a);
    int n = h.rows();
    double[] out = new double[h.data().length];
    for (int i = 0; i < h.count(); i++) {
      double[] m = h.matrix(i);
      if (upper) {
        transposeSquare(m, n); // U of a's upper triangle is L.T of its transpose's lower one
      }
      if (!Factor.cholesky(m, n)) {
        throw new LinAlgError("Matrix is not positive definite");
      }
      if (upper) {
        transposeSquare(m, n);
      }
      System.arraycopy(m, 0, out, i * n * n, n * n);
    }
    return HostStack.back(a, t, out, a.shape().dims());
  }

  /**
   * cholesky on the backend's own factorization ({@link io.ndj.spi.Kernels#cholesky}), or null
   * where it has none: upper as the transpose of the lower factor of a's transpose.
   */
  private static NdArray deviceCholesky(NdArray a, DType t, boolean upper) {
    if (!a.backend().kernels().factorizes()) {
      return null;
    }
    int nd = a.ndim();
    NdArray out = a.backend().empty(t, a.shape().dims());
    long r;
    try (NdArray src = upper ? a.swapaxes(nd - 2, nd - 1) : a.view(a.dtype())) {
      r = a.backend().kernels().cholesky(out.kernelView(), src.kernelView());
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
    if (r != 0) {
      out.close();
      if (r > 0) {
        throw new LinAlgError("Matrix is not positive definite");
      }
      return null;
    }
    if (!upper) {
      return out; // L, zero above its diagonal
    }
    try (out) {
      return out.swapaxes(nd - 2, nd - 1).copy();
    }
  }

  /**
   * eigh on the backend's own solver ({@link io.ndj.spi.Kernels#eigh}), or null where it has none.
   */
  private static EighResult deviceEigh(NdArray a, DType t, boolean lower, boolean vectors) {
    if (!a.backend().kernels().factorizes()) {
      return null;
    }
    long[] shape = a.shape().dims();
    long[] wShape = java.util.Arrays.copyOf(shape, shape.length - 1);
    NdArray w = a.backend().empty(t, wShape);
    NdArray v = vectors ? a.backend().empty(t, shape) : null;
    boolean done =
        onDevice(
            "Eigenvalues did not converge",
            () ->
                a.backend()
                    .kernels()
                    .eigh(w.kernelView(), v == null ? null : v.kernelView(), a.kernelView(), lower),
            w,
            v);
    if (!done) {
      return null;
    }
    return new EighResult(w, v);
  }

  /**
   * svd (or, without vectors, svdvals) on the backend's own solver ({@link
   * io.ndj.spi.Kernels#svd}), or null where it has none. NaN or infinite input gives NaN there,
   * where NumPy's LAPACK does not converge: NaN in S raises as NumPy does.
   */
  private static SvdResult deviceSvd(NdArray a, DType t, boolean vectors, boolean full) {
    if (!a.backend().kernels().factorizes()) {
      return null;
    }
    long[] shape = a.shape().dims();
    int nd = shape.length;
    long m = shape[nd - 2];
    long n = shape[nd - 1];
    long k = Math.min(m, n);
    long[] sShape = java.util.Arrays.copyOf(shape, nd - 1);
    sShape[nd - 2] = k;
    long[] uShape = shape.clone();
    uShape[nd - 1] = full ? m : k;
    long[] vShape = shape.clone();
    vShape[nd - 2] = full ? n : k;
    // values far from 1 scaled by a power of two first (exactly), as LAPACK's dgesvd does and
    // cuSOLVER's does not: a float64 matrix near 2^-1000 lost six digits there
    int shift = 0;
    if (a.size() > 0) {
      double big; // max |a| from two reductions, without an |a| array
      try (NdArray max = a.max();
          NdArray min = a.min()) {
        big = Math.max(max.doubleValue(), -min.doubleValue());
      }
      int range = t == DType.FLOAT32 ? 60 : 500;
      if (big > 0 && Double.isFinite(big) && Math.abs(Math.getExponent(big)) > range) {
        shift = -Math.getExponent(big);
      }
    }
    NdArray src = shift == 0 ? a : a.astype(t).multiply(Math.scalb(1.0, shift));
    NdArray s = a.backend().empty(t, sShape);
    NdArray u = vectors ? a.backend().empty(t, uShape) : null;
    NdArray vh = vectors ? a.backend().empty(t, vShape) : null;
    boolean done;
    try {
      done =
          onDevice(
              "SVD did not converge",
              () -> {
                long r =
                    src.backend()
                        .kernels()
                        .svd(
                            s.kernelView(),
                            u == null ? null : u.kernelView(),
                            vh == null ? null : vh.kernelView(),
                            src.kernelView(),
                            full);
                if (r == 0 && s.size() > 0) {
                  try (NdArray bad = s.isnan().any()) {
                    return bad.booleanValue() ? 1 : 0;
                  }
                }
                return r;
              },
              s,
              u,
              vh);
    } finally {
      if (src != a) {
        src.close();
      }
    }
    if (!done) {
      return null;
    }
    if (shift != 0) {
      try (s) {
        return new SvdResult(u, s.multiply(Math.scalb(1.0, -shift)), vh);
      }
    }
    return new SvdResult(u, s, vh);
  }

  /**
   * qr on the backend's own solver ({@link io.ndj.spi.Kernels#qr}), R's lower triangle zeroed here,
   * or null where it has none.
   */
  private static QrResult deviceQr(NdArray a, DType t, String mode) {
    if (!a.backend().kernels().factorizes()) {
      return null;
    }
    boolean complete = mode.equals("complete");
    long[] shape = a.shape().dims();
    int nd = shape.length;
    long k = Math.min(shape[nd - 2], shape[nd - 1]);
    long[] qShape = shape.clone();
    qShape[nd - 1] = complete ? shape[nd - 2] : k;
    long[] rShape = shape.clone();
    rShape[nd - 2] = complete ? shape[nd - 2] : k;
    NdArray q = mode.equals("r") ? null : a.backend().empty(t, qShape);
    NdArray r = a.backend().empty(t, rShape);
    boolean done =
        onDevice(
            "QR did not converge", // cuSOLVER's geqrf reports no failure of its own
            () ->
                a.backend()
                    .kernels()
                    .qr(
                        q == null ? null : q.kernelView(),
                        r.kernelView(),
                        a.kernelView(),
                        complete),
            q,
            r);
    return done ? new QrResult(q, r) : null;
  }

  /**
   * Runs a backend's own factorization into {@code outputs} (null ones skipped): true when it ran;
   * false, the outputs closed, where the backend left it to the host path (-1); the outputs closed
   * and a LinAlgError with {@code failure} where a matrix failed (above 0), or the call's own
   * exception where it threw.
   */
  private static boolean onDevice(
      String failure, java.util.function.LongSupplier call, NdArray... outputs) {
    long r;
    try {
      r = call.getAsLong();
    } catch (RuntimeException e) {
      closeAll(outputs);
      throw e;
    }
    if (r != 0) {
      closeAll(outputs);
      if (r > 0) {
        throw new LinAlgError(failure);
      }
      return false;
    }
    return true;
  }

  private static void closeAll(NdArray... arrays) {
    for (NdArray x : arrays) {
      if (x != null) {
        x.close();
      }
    }
  }

  static void transposeSquare(double[] m, int n) {
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double x = m[i * n + j];
        m[i * n + j] = m[j * n + i];
        m[j * n + i] = x;
      }
    }
  }

  /**
   * The reduced QR factorization of each matrix: Q {@code (..., M, K)}, R {@code (..., K, N)}.
   *
   * @param a the input array
   * @return Q and R
   */
  public static QrResult qr(NdArray a) {
    return qr(a, "reduced");
  }

  /**
   * The QR factorization of each matrix by Householder reflections, with LAPACK's signs (R's
   * diagonal as NumPy's): mode "reduced" (Q {@code M x K}, R {@code K x N}, K = min(M, N)),
   * "complete" (Q {@code M x M}, R {@code M x N}) or "r" (R only, {@code K x N}; Q is null).
   *
   * @param mode "reduced", "complete" or "r"
   * @return Q and R (Q null for mode "r")
   * @param a {@code (..., M, N)}; not modified
   * @throws IllegalArgumentException "Unrecognized mode 'x'"; mode "raw" is not supported
   */
  public static QrResult qr(NdArray a, String mode) {
    if (!mode.equals("reduced") && !mode.equals("complete") && !mode.equals("r")) {
      if (mode.equals("raw")) {
        throw new UnsupportedOperationException("qr mode 'raw' (LAPACK's layout) is not supported");
      }
      throw new IllegalArgumentException("Unrecognized mode '" + mode + "'");
    }
    if (ComplexLinalg.any(a)) {
      stacked2d(a);
      return ComplexLinalg.qr(a, ComplexLinalg.type(a), mode);
    }
    DType t = resultType(a);
    stacked2d(a);
    QrResult onDevice = deviceQr(a, t, mode);
    if (onDevice != null) {
      return onDevice;
    }
    HostStack h = HostStack.of(a);
    int m = h.rows();
    int n = h.cols();
    int k = Math.min(m, n);
    int qc = mode.equals("complete") ? m : k;
    int rr = mode.equals("complete") ? m : k;
    double[] qs = new double[h.count() * m * qc];
    double[] rs = new double[h.count() * rr * n];
    double[] tau = new double[k];
    for (int i = 0; i < h.count(); i++) {
      double[] f = h.matrix(i);
      Factor.qr(f, m, n, tau);
      for (int r = 0; r < Math.min(rr, m); r++) {
        for (int c = r; c < n; c++) {
          rs[i * rr * n + r * n + c] = f[r * n + c];
        }
      }
      if (!mode.equals("r")) {
        System.arraycopy(Factor.qrQ(f, m, n, tau, qc), 0, qs, i * m * qc, m * qc);
      }
    }
    NdArray r = HostStack.back(a, t, rs, h.shape(rr, n));
    return new QrResult(mode.equals("r") ? null : HostStack.back(a, t, qs, h.shape(m, qc)), r);
  }

  // ---------------------------------------------------------------- eigh, svd

  /**
   * {@link #eigh(NdArray, String)} from the lower triangle.
   *
   * @param a the input array
   * @return the eigenvalues and eigenvectors
   */
  public static EighResult eigh(NdArray a) {
    return eigh(a, "L");
  }

  /**
   * Eigenvalues (ascending) and unit eigenvectors (the columns of {@code eigenvectors}) of each
   * symmetric matrix, read from its lower ("L") or upper ("U") triangle.
   *
   * @param uplo "L" to read the lower triangle, "U" the upper
   * @return the eigenvalues and eigenvectors
   * @param a {@code (..., M, M)}; not modified
   * @throws LinAlgError "Eigenvalues did not converge" (NaN or infinite entries)
   */
  public static EighResult eigh(NdArray a, String uplo) {
    return eighs(a, uplo, true);
  }

  /**
   * {@link #eigvalsh(NdArray, String)} from the lower triangle.
   *
   * @param a the input array
   * @return the eigenvalues, {@code (..., M)}, ascending
   */
  public static NdArray eigvalsh(NdArray a) {
    return eigvalsh(a, "L");
  }

  /**
   * The eigenvalues of each symmetric matrix, ascending: {@link #eigh}'s without the vectors.
   *
   * @param a the matrices, {@code (..., M, M)}; not modified
   * @param uplo "L" to read the lower triangle, "U" the upper
   * @return the eigenvalues, {@code (..., M)}, ascending
   */
  public static NdArray eigvalsh(NdArray a, String uplo) {
    return eighs(a, uplo, false).eigenvalues();
  }

  private static EighResult eighs(NdArray a, String uplo, boolean vectors) {
    if (!uplo.equals("L") && !uplo.equals("U")) {
      throw new IllegalArgumentException("UPLO argument must be 'L' or 'U'");
    }
    if (ComplexLinalg.any(a)) {
      stackedSquare(a);
      return ComplexLinalg.eigh(a, ComplexLinalg.type(a), uplo.equals("L"), vectors);
    }
    DType t = resultType(a);
    stackedSquare(a);
    EighResult onDevice = deviceEigh(a, t, uplo.equals("L"), vectors);
    if (onDevice != null) {
      return onDevice;
    }
    HostStack h = HostStack.of(a);
    int n = h.rows();
    double[] ws = new double[h.count() * n];
    double[] vs = vectors ? new double[h.count() * n * n] : null;
    double[] w = new double[n];
    double[] v = vectors ? new double[n * n] : null;
    for (int i = 0; i < h.count(); i++) {
      double[] m = h.matrix(i);
      for (int r = 0; r < n; r++) {
        for (int c = r + 1; c < n; c++) {
          if (uplo.equals("L")) {
            m[r * n + c] = m[c * n + r];
          } else {
            m[c * n + r] = m[r * n + c];
          }
        }
      }
      for (double x : m) {
        if (!Double.isFinite(x)) {
          throw new LinAlgError("Eigenvalues did not converge");
        }
      }
      if (!Spectral.eigh(m, n, w, v)) {
        throw new LinAlgError("Eigenvalues did not converge");
      }
      System.arraycopy(w, 0, ws, i * n, n);
      if (vectors) {
        System.arraycopy(v, 0, vs, i * n * n, n * n);
      }
    }
    NdArray values = HostStack.back(a, t, ws, h.shape(n));
    return new EighResult(values, vectors ? HostStack.back(a, t, vs, h.shape(n, n)) : null);
  }

  /**
   * NumPy's {@code eig}: the eigenvalues and right eigenvectors of each general square matrix, a @
   * v[:, i] = w[i] * v[:, i]. Both are complex (complex128, complex64 for float32 input) where any
   * eigenvalue of the stack has an imaginary part, real otherwise, as NumPy returns them; each
   * vector has unit norm, a complex one turned so that its largest component is real (LAPACK's
   * convention). The eigenvalues come in the order the QR iteration finds them, which need not be
   * NumPy's; vectors are unique only up to a factor of modulus 1 (and within repeated eigenvalues).
   *
   * @return the eigenvalues and eigenvectors
   * @param a {@code (..., M, M)}, real; not modified
   * @throws LinAlgError "Array must not contain infs or NaNs", "Eigenvalues did not converge", and
   *     the shape errors of {@link #inv}
   */
  public static EigResult eig(NdArray a) {
    return eigs(a, true);
  }

  /**
   * NumPy's {@code eigvals}: {@link #eig}'s eigenvalues without the vectors.
   *
   * @param a the matrices, {@code (..., M, M)}; not modified
   * @return the eigenvalues, {@code (..., M)}
   */
  public static NdArray eigvals(NdArray a) {
    return eigs(a, false).eigenvalues();
  }

  private static EigResult eigs(NdArray a, boolean vectors) {
    if (ComplexLinalg.any(a)) {
      stackedSquare(a);
      return ComplexLinalg.eig(a, ComplexLinalg.type(a), vectors);
    }
    DType t = resultType(a);
    stackedSquare(a);
    HostStack h = HostStack.of(a);
    int n = h.rows();
    int count = h.count();
    double[] w = new double[2 * count * n];
    double[] vs = vectors ? new double[2 * count * n * n] : null;
    boolean complex = false;
    double[] wr = new double[n];
    double[] wi = new double[n];
    double[] v = vectors ? new double[n * n] : null;
    for (int i = 0; i < count; i++) {
      double[] m = h.matrix(i);
      for (double x : m) {
        if (!Double.isFinite(x)) {
          throw new LinAlgError("Array must not contain infs or NaNs");
        }
      }
      if (!General.eig(m, n, wr, wi, v)) {
        throw new LinAlgError("Eigenvalues did not converge");
      }
      for (int j = 0; j < n; j++) {
        w[2 * (i * n + j)] = wr[j];
        w[2 * (i * n + j) + 1] = wi[j];
        complex |= wi[j] != 0;
      }
      if (vectors) {
        unitVectors(v, wi, n, vs, 2 * i * n * n);
      }
    }
    DType ct = t == DType.FLOAT32 ? DType.COMPLEX64 : DType.COMPLEX128;
    NdArray values = back(a, w, h.shape(n), complex, t, ct);
    NdArray vecs = vectors ? back(a, vs, h.shape(n, n), complex, t, ct) : null;
    return new EigResult(values, vecs);
  }

  /**
   * General.eig's vectors (real columns, or a pair's real and imaginary parts in two columns) as
   * complex columns of unit norm, each complex one turned so that its largest component is real,
   * into {@code out} (interleaved re, im) from {@code at}.
   */
  private static void unitVectors(double[] v, double[] wi, int n, double[] out, int at) {
    for (int j = 0; j < n; j++) {
      double[] re = new double[n];
      double[] im = new double[n];
      boolean pair = wi[j] != 0;
      boolean second = pair && j > 0 && wi[j] < 0 && wi[j - 1] > 0;
      int col = second ? j - 1 : j;
      for (int r = 0; r < n; r++) {
        re[r] = v[r * n + col];
        im[r] = pair ? v[r * n + col + 1] : 0;
      }
      if (second) {
        for (int r = 0; r < n; r++) {
          im[r] = -im[r];
        }
      }
      double norm = 0;
      int big = 0;
      double bigMag = -1;
      for (int r = 0; r < n; r++) {
        double mag = Math.hypot(re[r], im[r]);
        norm = Math.hypot(norm, mag);
        if (mag > bigMag) {
          bigMag = mag;
          big = r;
        }
      }
      // divide by the norm and, for a complex vector, by the phase of its largest component
      double cr = 1;
      double ci = 0;
      if (pair && bigMag > 0) {
        cr = re[big] / bigMag;
        ci = im[big] / bigMag;
      }
      for (int r = 0; r < n; r++) {
        double xr = (re[r] * cr + im[r] * ci) / norm;
        double xi = (im[r] * cr - re[r] * ci) / norm;
        out[at + 2 * (r * n + j)] = xr;
        out[at + 2 * (r * n + j) + 1] = pair ? xi : 0;
      }
      if (pair) {
        out[at + 2 * (big * n + j) + 1] = second ? -0.0 : 0.0; // exactly real (the conjugate's -0)
      }
    }
  }

  /** Interleaved complex values back on a's backend: complex where any is, else the real parts. */
  private static NdArray back(
      NdArray a, double[] interleaved, long[] shape, boolean complex, DType t, DType ct) {
    if (complex) {
      try (NdArray z = a.backend().complexArray(interleaved, shape)) {
        return z.astype(ct);
      }
    }
    double[] real = new double[interleaved.length / 2];
    for (int i = 0; i < real.length; i++) {
      real[i] = interleaved[2 * i];
    }
    return HostStack.back(a, t, real, shape);
  }

  /**
   * {@link #svd(NdArray, boolean)} with square U and Vh.
   *
   * @param a the input array
   * @return U, S and Vh
   */
  public static SvdResult svd(NdArray a) {
    return svd(a, true);
  }

  /**
   * The singular value decomposition of each matrix: a = U @ diag(S) @ Vh with S descending and
   * non-negative; U {@code (..., M, M)} and Vh {@code (..., N, N)} where {@code fullMatrices}, else
   * {@code (..., M, K)} and {@code (..., K, N)}, K = min(M, N). Singular vectors are unique only up
   * to sign (and within repeated values), so they need not be NumPy's.
   *
   * @param fullMatrices whether U and Vh are square
   * @return U, S and Vh
   * @param a {@code (..., M, N)}; not modified
   * @throws LinAlgError "SVD did not converge" (NaN or infinite entries)
   */
  public static SvdResult svd(NdArray a, boolean fullMatrices) {
    return svd(a, fullMatrices, false);
  }

  /**
   * {@link #svd(NdArray, boolean)}, or where {@code hermitian} (NumPy's {@code hermitian=True})
   * from eigh of each matrix, taken as Hermitian (its lower triangle read): S the eigenvalues'
   * magnitudes, descending, U the eigenvectors in that order, Vh U's columns times the values'
   * signs, conjugate-transposed.
   *
   * @param a {@code (..., M, N)}, square where hermitian; not modified
   * @param fullMatrices whether U and Vh are square (every Hermitian matrix is)
   * @param hermitian whether a is Hermitian (real symmetric)
   * @return U, S and Vh
   * @throws LinAlgError "SVD did not converge", "Eigenvalues did not converge", "Last 2 dimensions
   *     of the array must be square"
   */
  public static SvdResult svd(NdArray a, boolean fullMatrices, boolean hermitian) {
    if (hermitian) {
      return Hermitian.svd(a);
    }
    if (ComplexLinalg.any(a)) {
      stacked2d(a);
      return ComplexLinalg.svd(a, ComplexLinalg.type(a), true, fullMatrices);
    }
    DType t = resultType(a);
    stacked2d(a);
    SvdResult onDevice = deviceSvd(a, t, true, fullMatrices);
    if (onDevice != null) {
      return onDevice;
    }
    HostStack h = HostStack.of(a);
    int m = h.rows();
    int n = h.cols();
    int k = Math.min(m, n);
    int uc = fullMatrices ? m : k;
    int vr = fullMatrices ? n : k;
    double[] us = new double[h.count() * m * uc];
    double[] ss = new double[h.count() * k];
    double[] vhs = new double[h.count() * vr * n];
    for (int i = 0; i < h.count(); i++) {
      Spectral.Svd d = Spectral.svd(h.matrix(i), m, n, true, fullMatrices);
      if (d == null) {
        throw new LinAlgError("SVD did not converge");
      }
      System.arraycopy(d.s(), 0, ss, i * k, k);
      System.arraycopy(d.u(), 0, us, i * m * uc, m * uc);
      System.arraycopy(d.vh(), 0, vhs, i * vr * n, vr * n);
    }
    NdArray u = HostStack.back(a, t, us, h.shape(m, uc));
    NdArray s = HostStack.back(a, t, ss, h.shape(k));
    return new SvdResult(u, s, HostStack.back(a, t, vhs, h.shape(vr, n)));
  }

  /**
   * The singular values of each matrix, descending ({@code (..., K)}, K = min(M, N)).
   *
   * @param a the matrices, {@code (..., M, N)}; not modified
   * @return the singular values
   * @throws LinAlgError "SVD did not converge" (NaN or infinite entries)
   */
  public static NdArray svdvals(NdArray a) {
    if (ComplexLinalg.any(a)) {
      stacked2d(a);
      return ComplexLinalg.svd(a, ComplexLinalg.type(a), false, false).s();
    }
    DType t = resultType(a);
    stacked2d(a);
    SvdResult onDevice = deviceSvd(a, t, false, false);
    if (onDevice != null) {
      return onDevice.s();
    }
    HostStack h = HostStack.of(a);
    return HostStack.back(a, t, singularValues(h, "SVD did not converge"), h.shape(k(h)));
  }

  private static int k(HostStack h) {
    return Math.min(h.rows(), h.cols());
  }

  /** Every matrix's singular values, one after another. */
  static double[] singularValues(HostStack h, String failure) {
    int k = k(h);
    double[] ss = new double[h.count() * k];
    for (int i = 0; i < h.count(); i++) {
      Spectral.Svd d = Spectral.svd(h.matrix(i), h.rows(), h.cols(), false, false);
      if (d == null) {
        throw new LinAlgError(failure);
      }
      System.arraycopy(d.s(), 0, ss, i * k, k);
    }
    return ss;
  }

  // ---------------------------------------------------------------- built on the SVD

  /**
   * {@link #matrixRank(NdArray, Double, Double)} with NumPy's default tolerance.
   *
   * @param a the matrices, or a vector; not modified
   * @return the ranks
   */
  public static NdArray matrixRank(NdArray a) {
    return matrixRank(a, null, null);
  }

  /**
   * The number of singular values of each matrix above the tolerance: {@code tol} where given, else
   * {@code rtol} (default max(M, N) * eps of the result dtype) times the largest singular value. An
   * array of fewer than 2 dimensions has rank 1 unless every element is 0. An int64 array of a's
   * batch shape.
   *
   * @param a the matrices, or a vector; not modified
   * @param tol the absolute tolerance, or {@code null}
   * @param rtol the tolerance relative to the largest singular value, or {@code null} for the
   *     default
   * @return the ranks
   */
  public static NdArray matrixRank(NdArray a, Double tol, Double rtol) {
    return matrixRank(a, tol, rtol, false);
  }

  /**
   * {@link #matrixRank(NdArray, Double, Double)} with NumPy's {@code hermitian}: where true, the
   * singular values are the magnitudes of eigvalsh's (the lower triangle read).
   *
   * @param a {@code (..., M, N)}, square where hermitian; not modified
   * @param tol the absolute threshold, or null
   * @param rtol the relative threshold, or null for max(M, N) * eps
   * @param hermitian whether a is Hermitian (real symmetric)
   * @return the ranks, int64
   */
  public static NdArray matrixRank(NdArray a, Double tol, Double rtol, boolean hermitian) {
    if (tol != null && rtol != null) {
      throw new IllegalArgumentException("`tol` and `rtol` can't be both set.");
    }
    boolean complex = ComplexLinalg.any(a);
    DType t = complex ? ComplexLinalg.part(ComplexLinalg.type(a)) : resultType(a);
    if (a.ndim() < 2) {
      long rank = 0;
      for (double x : a.toDoubleArray()) {
        if (x != 0) {
          rank = 1;
          break;
        }
      }
      return HostStack.back(a, DType.INT64, new double[] {rank}, new long[0]);
    }
    long[] dims = a.shape().dims();
    int rows = (int) dims[dims.length - 2];
    int cols = (int) dims[dims.length - 1];
    long[] batch = java.util.Arrays.copyOf(dims, dims.length - 2);
    int k = Math.min(rows, cols);
    // the singular values come from the host copy only on the real SVD's path
    double[] s =
        hermitian
            ? Hermitian.values(a).astype(DType.FLOAT64).toDoubleArray()
            : complex
                ? ComplexLinalg.singularValues(ComplexLinalg.Stack.of(a), "SVD did not converge")
                : singularValues(HostStack.of(a), "SVD did not converge");
    double eps = t == DType.FLOAT32 ? 0x1p-23 : 0x1p-52;
    double r = rtol != null ? rtol : Math.max(rows, cols) * eps;
    long count = 1;
    for (long d : batch) {
      count *= d;
    }
    double[] ranks = new double[(int) count];
    for (int i = 0; i < ranks.length; i++) {
      double cut = tol != null ? tol : (k == 0 ? 0 : roundTo(t, s[i * k]) * r);
      for (int j = 0; j < k; j++) {
        if (roundTo(t, s[i * k + j]) > cut) {
          ranks[i]++;
        }
      }
    }
    return HostStack.back(a, DType.INT64, ranks, batch);
  }

  private static double roundTo(DType t, double x) {
    return t == DType.FLOAT32 ? (float) x : x;
  }

  /**
   * {@link #pinv(NdArray, double)} with NumPy's default rcond, 1e-15.
   *
   * @param a the matrices, {@code (..., M, N)}; not modified
   * @return the pseudo-inverses, {@code (..., N, M)}
   */
  public static NdArray pinv(NdArray a) {
    return pinv(a, 1e-15);
  }

  /**
   * The Moore-Penrose pseudo-inverse of each matrix, from its SVD: singular values at or below
   * {@code rcond} times the largest count as zero.
   *
   * @param rcond the cutoff relative to the largest singular value
   * @param a {@code (..., M, N)}; not modified
   * @return {@code (..., N, M)}
   */
  public static NdArray pinv(NdArray a, double rcond) {
    return pinv(a, rcond, false);
  }

  /**
   * {@link #pinv(NdArray, double)} with NumPy's {@code hermitian}: where true, from the Hermitian
   * SVD ({@link #svd(NdArray, boolean, boolean)}), the lower triangle read.
   *
   * @param a {@code (..., M, N)}, square where hermitian; not modified
   * @param rcond singular values at most rcond times the largest count as zero
   * @param hermitian whether a is Hermitian (real symmetric)
   * @return the pseudo-inverses, {@code (..., N, M)}
   */
  public static NdArray pinv(NdArray a, double rcond, boolean hermitian) {
    boolean complex = ComplexLinalg.any(a);
    DType t = complex ? ComplexLinalg.type(a) : resultType(a);
    stacked2d(a);
    long[] dims = a.shape().dims();
    if (hermitian && dims[dims.length - 1] * dims[dims.length - 2] != 0) {
      return Hermitian.pinv(a, rcond);
    }
    HostStack h = HostStack.of(a);
    int m = h.rows();
    int n = h.cols();
    if (m * n == 0) { // NumPy's early return keeps a's dtype, integers included
      return a.backend().zeros(a.dtype(), h.shape(n, m));
    }
    if (complex) {
      return ComplexLinalg.pinv(a, t, rcond);
    }
    double[] out = new double[h.count() * n * m];
    for (int i = 0; i < h.count(); i++) {
      double[] p = pseudoInverse(svdOf(h.matrix(i), m, n, "SVD did not converge"), m, n, rcond);
      System.arraycopy(p, 0, out, i * n * m, n * m);
    }
    return HostStack.back(a, t, out, h.shape(n, m));
  }

  private static Spectral.Svd svdOf(double[] a, int m, int n, String failure) {
    Spectral.Svd d = Spectral.svd(a, m, n, true, false);
    if (d == null) {
      throw new LinAlgError(failure);
    }
    return d;
  }

  /** V diag(1/s) U^T of a's reduced SVD d, as {@code n x m}; and the rank, after it. */
  private static double[] pseudoInverse(Spectral.Svd d, int m, int n, double rcond) {
    int k = Math.min(m, n);
    double cutoff = k == 0 ? 0 : rcond * d.s()[0];
    double[] p = new double[n * m + 1];
    int rank = 0;
    for (int j = 0; j < k; j++) {
      double sj = d.s()[j];
      if (!(sj > cutoff)) {
        continue;
      }
      rank++;
      for (int r = 0; r < n; r++) {
        double vr = d.vh()[j * n + r] / sj;
        if (vr != 0) {
          for (int c = 0; c < m; c++) {
            p[r * m + c] += vr * d.u()[c * k + j];
          }
        }
      }
    }
    p[n * m] = rank;
    return p;
  }

  /**
   * {@link #lstsq(NdArray, NdArray, Double)} with NumPy's default rcond.
   *
   * @param a the matrix, {@code (M, N)}; not modified
   * @param b the right-hand sides, {@code (M,)} or {@code (M, K)}; not modified
   * @return the solution, residuals, rank and singular values
   */
  public static LstsqResult lstsq(NdArray a, NdArray b) {
    return lstsq(a, b, null);
  }

  /**
   * The least-squares solution x of a @ x = b, through a's SVD: singular values at or below {@code
   * rcond} (default eps * max(M, N)) times the largest count as zero.
   *
   * @param rcond the cutoff relative to the largest singular value, or {@code null} for the default
   * @param a {@code (M, N)}; not modified
   * @param b {@code (M,)} or {@code (M, K)}; not modified
   * @return x {@code (N,)} or {@code (N, K)}; the residuals' sums of squares {@code (1,)} or {@code
   *     (K,)} where a's rank is N and M > N, else empty; the rank; the singular values
   * @throws LinAlgError "Incompatible dimensions", "SVD did not converge in Linear Least Squares"
   */
  public static LstsqResult lstsq(NdArray a, NdArray b, Double rcond) {
    boolean complex = ComplexLinalg.any(a, b);
    DType t = complex ? ComplexLinalg.type(a, b) : resultType(a, b);
    boolean vector = b.ndim() == 1;
    exactly2d(a);
    if (!vector) {
      exactly2d(b);
    }
    int m = (int) a.shape().dims()[0];
    int n = (int) a.shape().dims()[1];
    if (b.shape().dims()[0] != m) {
      throw new LinAlgError("Incompatible dimensions");
    }
    int k = vector ? 1 : (int) b.shape().dims()[1];
    double rc = rcond != null ? rcond : 0x1p-52 * Math.max(m, n);
    if (complex) {
      return ComplexLinalg.lstsq(a, b, t, rc);
    }
    double[] av = a.toDoubleArray();
    double[] bv = b.toDoubleArray();
    Spectral.Svd d = svdOf(av, m, n, "SVD did not converge in Linear Least Squares");
    double[] p = pseudoInverse(d, m, n, rc);
    int rank = (int) p[n * m];
    double[] x = new double[n * k];
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < m; c++) {
        double f = p[r * m + c];
        for (int j = 0; j < k; j++) {
          x[r * k + j] += f * bv[c * k + j];
        }
      }
    }
    boolean residuals = rank == n && m > n;
    double[] res = new double[residuals ? k : 0];
    if (residuals) {
      for (int c = 0; c < m; c++) {
        for (int j = 0; j < k; j++) {
          double e = bv[c * k + j];
          for (int r = 0; r < n; r++) {
            e -= av[c * n + r] * x[r * k + j];
          }
          res[j] += e * e;
        }
      }
    }
    double[] s = d.s();
    NdArray xs = HostStack.back(a, t, x, vector ? new long[] {n} : new long[] {n, k});
    NdArray rs = HostStack.back(a, t, res, new long[] {res.length});
    return new LstsqResult(xs, rs, rank, HostStack.back(a, t, s, new long[] {s.length}));
  }

  // ---------------------------------------------------------------- composed on the backend

  /**
   * Each matrix raised to the integer power {@code n} by repeated squaring on the backend: the
   * identity (in a's dtype) for 0, the inverse's power for negative n (so a float64 result for an
   * integer matrix).
   *
   * @param n the power; negative powers invert first
   * @return the powers, {@code (..., M, M)}
   * @param a {@code (..., M, M)}; not modified
   * @throws LinAlgError "Singular matrix" for a negative power of a singular matrix
   */
  public static NdArray matrixPower(NdArray a, long n) {
    return Composed.matrixPower(a, n);
  }

  /**
   * The product of two or more matrices in the order of multiplications that costs least, as
   * NumPy's multi_dot chooses it; the first may be 1-d (a row vector) and the last 1-d (a column),
   * the rest 2-d.
   *
   * @param arrays the matrices, two or more
   * @return the product
   * @throws IllegalArgumentException "Expecting at least two arrays."
   */
  public static NdArray multiDot(NdArray... arrays) {
    return Composed.multiDot(arrays);
  }

  /**
   * {@link #norm(NdArray, Object, int[], boolean)}: the 2-norm of x flattened.
   *
   * @param x the array; not modified
   * @return the norm, a 0-d array
   */
  public static NdArray norm(NdArray x) {
    return Norms.norm(x, null, null, false);
  }

  /**
   * A vector norm (1-d x) or a matrix norm (2-d x) of order {@code ord}: see {@link #norm(NdArray,
   * Object, int[], boolean)}.
   *
   * @param x a vector or a matrix; not modified
   * @param ord the order of the norm, or {@code null} for the 2-norm (Frobenius for a matrix)
   * @return the norm, a 0-d array
   */
  public static NdArray norm(NdArray x, Object ord) {
    return Norms.norm(x, ord, null, false);
  }

  /**
   * NumPy's norm over {@code axis} (null: every axis; one axis: vector norms; two: matrix norms):
   * {@code ord} is null (2-norm, Frobenius for matrices), a number (vectors: inf, -inf, 0, 1, 2,
   * any p; matrices: inf, -inf, 1, -1, 2, -2) or "fro" / "nuc" for matrices. A float result
   * (float64 for integer x), composed on x's backend except the 2, -2 and "nuc" matrix norms (SVD).
   *
   * @param x the array; not modified
   * @param ord the order of the norm, or {@code null}
   * @param axis the axis (vector norms) or two axes (matrix norms), or {@code null} for all of x
   * @param keepdims keep the reduced axes as dimensions of length 1
   * @return the norms
   * @throws IllegalArgumentException "Invalid norm order 'fro' for vectors", "Invalid norm order
   *     for matrices.", "Improper number of dimensions to norm."
   */
  public static NdArray norm(NdArray x, Object ord, int[] axis, boolean keepdims) {
    return Norms.norm(x, ord, axis, keepdims);
  }

  /**
   * The 2-norm condition number of each matrix: its largest singular value over its least.
   *
   * @param x the matrices, {@code (..., M, N)}; not modified
   * @return the condition numbers, {@code (...)}
   */
  public static NdArray cond(NdArray x) {
    return Norms.cond(x, null);
  }

  /**
   * The condition number of each matrix in norm {@code p} (null, 2, -2 by the SVD; 1, -1, inf,
   * -inf, "fro", "nuc" as norm(x) * norm(inv(x))); inf for a singular matrix.
   *
   * @param x the matrices; not modified
   * @param p the norm's order, or {@code null} for the 2-norm
   * @return the condition numbers, {@code (...)}
   * @throws LinAlgError "cond is not defined on empty arrays"
   */
  public static NdArray cond(NdArray x, Object p) {
    return Norms.cond(x, p);
  }

  /**
   * NumPy 2's {@code vector_norm}: the norm of x's elements as one vector (axis null), along one
   * axis, or over several axes taken as one vector; ord as {@link #norm} takes it for vectors
   * (null: 2).
   *
   * @param x the array; not modified
   * @param ord the order: null (2), inf, -inf, 0, 1, 2 or any p
   * @param axis null (every axis), one axis or several
   * @param keepdims keep the reduced axes as dimensions of length 1
   * @return the norms: float (float64 for integer x)
   * @throws IllegalArgumentException "Invalid norm order 'fro' for vectors", "repeated axis", "axis
   *     5 is out of bounds for array of dimension 2"
   */
  public static NdArray vectorNorm(NdArray x, Object ord, int[] axis, boolean keepdims) {
    return Norms.vectorNorm(x, ord, axis, keepdims);
  }

  /**
   * NumPy 2's {@code matrix_norm}: {@link #norm} over the last two axes, ord null meaning "fro".
   *
   * @param x matrices, {@code (..., M, N)}; not modified
   * @param ord "fro", "nuc", inf, -inf, 1, -1, 2, -2, or null ("fro")
   * @param keepdims keep the last two axes as dimensions of length 1
   * @return the norms, {@code (...)}
   * @throws IllegalArgumentException "axis -2 is out of bounds for array of dimension 1", "Invalid
   *     norm order for matrices."
   */
  public static NdArray matrixNorm(NdArray x, Object ord, boolean keepdims) {
    return Norms.norm(x, ord == null ? "fro" : ord, new int[] {-2, -1}, keepdims);
  }

  /**
   * NumPy 2's {@code vecdot}: the sum over {@code axis} of {@code conj(x1) * x2}, the other axes
   * broadcast, in the operands' promoted dtype (bools: whether any pair is both true).
   *
   * @param x1 the first vectors (conjugated where complex); not modified
   * @param x2 the second vectors, as long along {@code axis}; not modified
   * @param axis the vectors' axis in each operand (NumPy's default -1)
   * @return the dot products
   * @throws IllegalArgumentException NumPy's gufunc messages ("vecdot: Input operand 1 has a
   *     mismatch in its core dimension 0, ...")
   */
  public static NdArray vecdot(NdArray x1, NdArray x2, int axis) {
    return Composed.vecdot(x1, x2, axis);
  }

  /**
   * NumPy 2's {@code linalg.cross}: cross products of 3-element vectors along {@code axis} (in both
   * operands and the result), the other axes broadcast.
   *
   * @param x1 the first vectors; not modified
   * @param x2 the second vectors; not modified
   * @param axis the vectors' axis (NumPy's default -1)
   * @return the cross products, in the promoted dtype
   * @throws IllegalArgumentException "Both input arrays must be (arrays of) 3-dimensional vectors,
   *     but they are 2 and 3 dimensional instead."
   */
  public static NdArray cross(NdArray x1, NdArray x2, int axis) {
    return Composed.cross(x1, x2, axis);
  }

  /**
   * NumPy's {@code tensorsolve}: x with {@code tensordot(a, x, x.ndim) == b}, x's shape the last
   * {@code a.ndim - b.ndim} axes of a (after moving {@code axes}, if given, to the end).
   *
   * @param a the coefficients; not modified
   * @param b the right-hand side; not modified
   * @param axes a's axes to move to the end first, or null
   * @return x
   * @throws LinAlgError "Input arrays must satisfy the requirement prod(a.shape[b.ndim:]) ==
   *     prod(a.shape[:b.ndim])" (NumPy's spacing), "Singular matrix"
   */
  public static NdArray tensorsolve(NdArray a, NdArray b, int[] axes) {
    return Composed.tensorsolve(a, b, axes);
  }

  /**
   * NumPy's {@code tensorinv}: the inverse of a seen as a matrix of its first {@code ind} axes by
   * the rest, shaped {@code a.shape[ind:] + a.shape[:ind]}.
   *
   * @param a the tensor; not modified
   * @param ind how many leading axes index its rows (NumPy's default 2)
   * @return the inverse
   * @throws IllegalArgumentException "Invalid ind argument." for ind &lt;= 0
   * @throws LinAlgError "Last 2 dimensions of the array must be square", "Singular matrix"
   */
  public static NdArray tensorinv(NdArray a, int ind) {
    return Composed.tensorinv(a, ind);
  }

  /**
   * NumPy 2's {@code matrix_transpose}: the last two axes swapped (a view).
   *
   * @param x an array of at least 2 dimensions
   * @return the view
   * @throws IllegalArgumentException "Input array must be at least 2-dimensional, but it is 1"
   */
  public static NdArray matrixTranspose(NdArray x) {
    return Composed.matrixTranspose(x);
  }

  /**
   * NumPy 2's {@code linalg.outer}: the outer product of two vectors (1-d only, where {@code
   * Nd.outer} flattens), in the promoted dtype.
   *
   * @param x1 a vector; not modified
   * @param x2 a vector; not modified
   * @return {@code x1[i] * x2[j]}, shape {@code (M, N)}
   * @throws IllegalArgumentException "Input arrays must be one-dimensional, but they are x1.ndim=2
   *     and x2.ndim=1."
   */
  public static NdArray outer(NdArray x1, NdArray x2) {
    if (x1.ndim() != 1 || x2.ndim() != 1) {
      throw new IllegalArgumentException(
          "Input arrays must be one-dimensional, but they are x1.ndim="
              + x1.ndim()
              + " and x2.ndim="
              + x2.ndim()
              + ".");
    }
    return io.ndj.Nd.outer(x1, x2);
  }

  /**
   * NumPy 2's {@code linalg.diagonal}: diagonal {@code offset} of each matrix (the last two axes),
   * a view.
   *
   * @param x matrices, {@code (..., M, N)}
   * @param offset 0 the main diagonal, positive above it, negative below
   * @return the diagonals, {@code (..., K)}
   * @throws IllegalArgumentException "diag requires an array of at least two dimensions"
   */
  public static NdArray diagonal(NdArray x, long offset) {
    return x.diagonal(offset, -2, -1);
  }

  /**
   * NumPy 2's {@code linalg.trace}: the sum of diagonal {@code offset} of each matrix (the last two
   * axes), in {@code dtype} (null: as sum, small integers widened).
   *
   * @param x matrices, {@code (..., M, N)}; not modified
   * @param offset 0 the main diagonal, positive above it, negative below
   * @param dtype the sum's dtype, or null
   * @return the traces, {@code (...)}
   * @throws IllegalArgumentException "diag requires an array of at least two dimensions"
   */
  public static NdArray trace(NdArray x, long offset, DType dtype) {
    NdArray d = x.diagonal(offset, -2, -1);
    return dtype == null ? d.sum(-1) : d.sum(new int[] {-1}, false, dtype);
  }

  /**
   * NumPy 2's {@code linalg.matmul}: {@link io.ndj.Nd#matmul}.
   *
   * @param x1 the first operand; not modified
   * @param x2 the second operand; not modified
   * @return the product
   */
  public static NdArray matmul(NdArray x1, NdArray x2) {
    return io.ndj.Nd.matmul(x1, x2);
  }

  /**
   * NumPy 2's {@code linalg.tensordot}: {@link io.ndj.Nd#tensordot(NdArray, NdArray, int)}.
   *
   * @param x1 the first operand; not modified
   * @param x2 the second operand; not modified
   * @param axes how many of x1's last axes pair with x2's first (NumPy's default 2)
   * @return the contraction
   */
  public static NdArray tensordot(NdArray x1, NdArray x2, int axes) {
    return io.ndj.Nd.tensordot(x1, x2, axes);
  }
}
