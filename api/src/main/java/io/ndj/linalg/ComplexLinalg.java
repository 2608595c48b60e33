package io.ndj.linalg;

import io.ndj.DType;
import io.ndj.NdArray;
import io.ndj.spi.Tridiagonal;
import java.util.Arrays;

/**
 * numpy.linalg on complex64 and complex128 matrices, on the host in complex128 (results rounded
 * once to complex64 where every operand is complex64 or float32), by LAPACK's complex algorithms:
 * LU with partial pivoting on |re| + |im| (zgetrf), Cholesky of Hermitian matrices (zpotrf),
 * Householder QR with zlarfg's reflectors (zgeqrf: R's diagonal real, NumPy's signs), Hermitian
 * eigenproblems through a real tridiagonal matrix (zhetrd, then QL), and the SVD through a real
 * bidiagonal matrix (zgebrd, then io.ndj's Jacobi rotations on it). Matrices are pairs of arrays,
 * real and imaginary parts, n x n or m x n in C order.
 */
final class ComplexLinalg {
  private ComplexLinalg() {}

  /** Whether any operand is complex (linalg then runs here). */
  static boolean any(NdArray... xs) {
    for (NdArray x : xs) {
      if (x.dtype().isComplex()) {
        return true;
      }
    }
    return false;
  }

  /** complex64 where every operand is complex64 or float32, else complex128. */
  static DType type(NdArray... xs) {
    boolean single = true;
    for (NdArray x : xs) {
      DType t = x.dtype();
      if (t == DType.FLOAT16) {
        throw new IllegalArgumentException("array type float16 is unsupported in linalg");
      }
      single &= t == DType.COMPLEX64 || t == DType.FLOAT32;
    }
    return single ? DType.COMPLEX64 : DType.COMPLEX128;
  }

  /** The real dtype of a complex one's parts. */
  static DType part(DType complex) {
    return complex == DType.COMPLEX64 ? DType.FLOAT32 : DType.FLOAT64;
  }

  /** A stack of complex matrices on the host. */
  record Stack(long[] batch, int rows, int cols, double[] re, double[] im) {
    static Stack of(NdArray a) {
      HostStack h = HostStack.of(a);
      double[] im;
      try (NdArray imag = a.imag()) {
        im = imag.toDoubleArray();
      }
      double[] re = h.data();
      if (a.dtype().isComplex()) {
        try (NdArray real = a.real()) {
          re = real.toDoubleArray();
        }
      }
      return new Stack(h.batch(), h.rows(), h.cols(), re, im);
    }

    int count() {
      long c = 1;
      for (long d : batch) {
        c *= d;
      }
      return (int) c;
    }

    double[] re(int i) {
      return Arrays.copyOfRange(re, i * rows * cols, (i + 1) * rows * cols);
    }

    double[] im(int i) {
      return Arrays.copyOfRange(im, i * rows * cols, (i + 1) * rows * cols);
    }
  }

  /** Complex values (parts re, im) as an array of {@code ct} on {@code like}'s backend. */
  static NdArray back(NdArray like, DType ct, double[] re, double[] im, long[] shape) {
    double[] z = new double[2 * re.length];
    for (int i = 0; i < re.length; i++) {
      z[2 * i] = re[i];
      z[2 * i + 1] = im[i];
    }
    try (NdArray c = like.backend().complexArray(z, shape.length == 0 ? new long[] {1} : shape);
        NdArray s = c.reshape(shape)) {
      return s.astype(ct);
    }
  }

  // ------------------------------------------------------------------ the api's functions

  /** {@link Linalg#slogdet} and {@link Linalg#det}: sign (complex) and log|det| of each matrix. */
  static NdArray[] slogdet(NdArray a, DType ct) {
    Stack s = Stack.of(a);
    double[][] sl = slogdets(s);
    NdArray sign = back(a, ct, sl[0], sl[1], s.batch());
    return new NdArray[] {sign, HostStack.back(a, part(ct), sl[2], s.batch())};
  }

  /** {@link Linalg#det}: sign * exp(log|det|), as NumPy computes it. */
  static NdArray det(NdArray a, DType ct) {
    Stack s = Stack.of(a);
    double[][] sl = slogdets(s);
    double[] re = new double[sl[0].length];
    double[] im = new double[re.length];
    for (int i = 0; i < re.length; i++) {
      double e = Math.exp(sl[2][i]);
      re[i] = sl[0][i] * e;
      im[i] = sl[1][i] * e;
    }
    return back(a, ct, re, im, s.batch());
  }

  /** {@link Linalg#inv}. */
  static NdArray inv(NdArray a, DType ct) {
    double[][] x = inverses(Stack.of(a), true);
    return back(a, ct, x[0], x[1], a.shape().dims());
  }

  /** {@link Linalg#solve} of the broadcast stacks aa (..., n, n) and bb (..., n, k). */
  static NdArray solve(NdArray aa, NdArray bb, DType ct, long[] shape, int k) {
    Stack sa = Stack.of(aa);
    double[] br;
    double[] bi;
    try (NdArray real = bb.real();
        NdArray imag = bb.imag()) {
      br = real.toDoubleArray();
      bi = imag.toDoubleArray();
    }
    int n = sa.rows();
    int[] piv = new int[n];
    for (int i = 0; i < sa.count(); i++) {
      double[] re = sa.re(i);
      double[] im = sa.im(i);
      if (lu(re, im, n, piv) == 0) {
        throw new LinAlgError("Singular matrix");
      }
      double[] xr = Arrays.copyOfRange(br, i * n * k, (i + 1) * n * k);
      double[] xi = Arrays.copyOfRange(bi, i * n * k, (i + 1) * n * k);
      luSolve(re, im, n, piv, xr, xi, k);
      System.arraycopy(xr, 0, br, i * n * k, n * k);
      System.arraycopy(xi, 0, bi, i * n * k, n * k);
    }
    return back(aa, ct, br, bi, shape);
  }

  /** {@link Linalg#cholesky}: L from the lower triangle, or U = Lᴴ of the upper one's. */
  static NdArray cholesky(NdArray a, DType ct, boolean upper) {
    Stack s = Stack.of(a);
    int n = s.rows();
    double[] outR = new double[s.re().length];
    double[] outI = new double[s.re().length];
    for (int i = 0; i < s.count(); i++) {
      double[] re = s.re(i);
      double[] im = s.im(i);
      if (upper) {
        adjoint(re, im, n); // the upper triangle's conjugate is the adjoint's lower one
      }
      if (!cholesky(re, im, n)) {
        throw new LinAlgError("Matrix is not positive definite");
      }
      if (upper) {
        adjoint(re, im, n);
      }
      System.arraycopy(re, 0, outR, i * n * n, n * n);
      System.arraycopy(im, 0, outI, i * n * n, n * n);
    }
    return back(a, ct, outR, outI, a.shape().dims());
  }

  /** {@link Linalg#qr} (mode checked by the caller). */
  static Linalg.QrResult qr(NdArray a, DType ct, String mode) {
    Stack s = Stack.of(a);
    int m = s.rows();
    int n = s.cols();
    int k = Math.min(m, n);
    int qc = mode.equals("complete") ? m : k;
    int rr = qc;
    int count = s.count();
    double[][] q = {new double[count * m * qc], new double[count * m * qc]};
    double[][] r = {new double[count * rr * n], new double[count * rr * n]};
    double[] tr = new double[k];
    double[] ti = new double[k];
    for (int i = 0; i < count; i++) {
      double[] re = s.re(i);
      double[] im = s.im(i);
      qr(re, im, m, n, tr, ti);
      for (int row = 0; row < Math.min(rr, m); row++) {
        for (int c = row; c < n; c++) {
          r[0][i * rr * n + row * n + c] = re[row * n + c];
          r[1][i * rr * n + row * n + c] = im[row * n + c];
        }
      }
      if (!mode.equals("r")) {
        double[][] qq = qrQ(re, im, m, n, tr, ti, qc);
        System.arraycopy(qq[0], 0, q[0], i * m * qc, m * qc);
        System.arraycopy(qq[1], 0, q[1], i * m * qc, m * qc);
      }
    }
    long[] batch = s.batch();
    NdArray rOut = back(a, ct, r[0], r[1], HostStack.join(batch, rr, n));
    NdArray qOut = mode.equals("r") ? null : back(a, ct, q[0], q[1], HostStack.join(batch, m, qc));
    return new Linalg.QrResult(qOut, rOut);
  }

  /** {@link Linalg#eigh} and eigvalsh: real eigenvalues, complex vectors (null without them). */
  static Linalg.EighResult eigh(NdArray a, DType ct, boolean lower, boolean vectors) {
    Stack s = Stack.of(a);
    int n = s.rows();
    int count = s.count();
    double[] ws = new double[count * n];
    double[][] vs =
        vectors ? new double[][] {new double[count * n * n], new double[count * n * n]} : null;
    double[] w = new double[n];
    double[] vr = vectors ? new double[n * n] : null;
    double[] vi = vectors ? new double[n * n] : null;
    for (int i = 0; i < count; i++) {
      double[] re = s.re(i);
      double[] im = s.im(i);
      for (int r = 0; r < n; r++) { // the Hermitian matrix of the triangle read
        im[r * n + r] = 0;
        for (int c = r + 1; c < n; c++) {
          if (lower) {
            re[r * n + c] = re[c * n + r];
            im[r * n + c] = -im[c * n + r];
          } else {
            re[c * n + r] = re[r * n + c];
            im[c * n + r] = -im[r * n + c];
          }
        }
      }
      if (!eigh(re, im, n, w, vr, vi)) {
        throw new LinAlgError("Eigenvalues did not converge");
      }
      System.arraycopy(w, 0, ws, i * n, n);
      if (vectors) {
        System.arraycopy(vr, 0, vs[0], i * n * n, n * n);
        System.arraycopy(vi, 0, vs[1], i * n * n, n * n);
      }
    }
    NdArray values = HostStack.back(a, part(ct), ws, HostStack.join(s.batch(), n));
    NdArray vecs = vectors ? back(a, ct, vs[0], vs[1], a.shape().dims()) : null;
    return new Linalg.EighResult(values, vecs);
  }

  /** {@link Linalg#svd} and svdvals (u and vh null without vectors). */
  static Linalg.SvdResult svd(NdArray a, DType ct, boolean vectors, boolean full) {
    Stack s = Stack.of(a);
    int m = s.rows();
    int n = s.cols();
    int k = Math.min(m, n);
    int uc = full ? m : k;
    int vr = full ? n : k;
    int count = s.count();
    double[] ss = new double[count * k];
    double[][] us = {new double[count * m * uc], new double[count * m * uc]};
    double[][] vhs = {new double[count * vr * n], new double[count * vr * n]};
    for (int i = 0; i < count; i++) {
      Svd d = svd(s.re(i), s.im(i), m, n, vectors, full);
      if (d == null) {
        throw new LinAlgError("SVD did not converge");
      }
      System.arraycopy(d.s(), 0, ss, i * k, k);
      if (vectors) {
        for (int p = 0; p < 2; p++) {
          System.arraycopy(d.u()[p], 0, us[p], i * m * uc, m * uc);
          System.arraycopy(d.vh()[p], 0, vhs[p], i * vr * n, vr * n);
        }
      }
    }
    long[] batch = s.batch();
    NdArray sv = HostStack.back(a, part(ct), ss, HostStack.join(batch, k));
    if (!vectors) {
      return new Linalg.SvdResult(null, sv, null);
    }
    return new Linalg.SvdResult(
        back(a, ct, us[0], us[1], HostStack.join(batch, m, uc)),
        sv,
        back(a, ct, vhs[0], vhs[1], HostStack.join(batch, vr, n)));
  }

  /** Each matrix's singular values, descending, k = min(rows, cols) a matrix, one after another. */
  static double[] singularValues(Stack s, String error) {
    int k = Math.min(s.rows(), s.cols());
    double[] out = new double[s.count() * k];
    for (int i = 0; i < s.count(); i++) {
      Svd d = svd(s.re(i), s.im(i), s.rows(), s.cols(), false, false);
      if (d == null) {
        throw new LinAlgError(error);
      }
      System.arraycopy(d.s(), 0, out, i * k, k);
    }
    return out;
  }

  /**
   * The pseudo-inverse (n x m) from a's SVD, singular values at or below rcond * max(s) dropped:
   * {re, im, {rank}}.
   */
  static double[][] pseudoInverse(Svd d, int m, int n, double rcond) {
    int k = Math.min(m, n);
    double cutoff = k == 0 ? 0 : rcond * d.s()[0];
    double[] pr = new double[n * m];
    double[] pi = new double[n * m];
    int rank = 0;
    for (int j = 0; j < k; j++) {
      double sj = d.s()[j];
      if (!(sj > cutoff)) {
        continue;
      }
      rank++;
      for (int r = 0; r < n; r++) {
        double vr = d.vh()[0][j * n + r] / sj; // conj(vh[j][r]) / s_j
        double vi = -d.vh()[1][j * n + r] / sj;
        for (int c = 0; c < m; c++) {
          double ur = d.u()[0][c * k + j]; // conj(u[c][j])
          double ui = -d.u()[1][c * k + j];
          pr[r * m + c] += vr * ur - vi * ui;
          pi[r * m + c] += vr * ui + vi * ur;
        }
      }
    }
    return new double[][] {pr, pi, {rank}};
  }

  /** {@link Linalg#pinv}. */
  static NdArray pinv(NdArray a, DType ct, double rcond) {
    Stack s = Stack.of(a);
    int m = s.rows();
    int n = s.cols();
    double[] outR = new double[s.count() * n * m];
    double[] outI = new double[s.count() * n * m];
    for (int i = 0; i < s.count(); i++) {
      Svd d = svd(s.re(i), s.im(i), m, n, true, false);
      if (d == null) {
        throw new LinAlgError("SVD did not converge");
      }
      double[][] p = pseudoInverse(d, m, n, rcond);
      System.arraycopy(p[0], 0, outR, i * n * m, n * m);
      System.arraycopy(p[1], 0, outI, i * n * m, n * m);
    }
    return back(a, ct, outR, outI, HostStack.join(s.batch(), n, m));
  }

  /** {@link Linalg#lstsq} of the 2-d a and b (shapes checked by the caller). */
  static Linalg.LstsqResult lstsq(NdArray a, NdArray b, DType ct, double rcond) {
    boolean vector = b.ndim() == 1;
    Stack sa = Stack.of(a);
    int m = sa.rows();
    int n = sa.cols();
    int k = vector ? 1 : (int) b.shape().dims()[1];
    double[] br;
    double[] bi;
    try (NdArray real = b.real();
        NdArray imag = b.imag()) {
      br = real.toDoubleArray();
      bi = imag.toDoubleArray();
    }
    Svd d = svd(sa.re(0), sa.im(0), m, n, true, false);
    if (d == null) {
      throw new LinAlgError("SVD did not converge in Linear Least Squares");
    }
    double[][] p = pseudoInverse(d, m, n, rcond);
    int rank = (int) p[2][0];
    double[] xr = new double[n * k];
    double[] xi = new double[n * k];
    for (int r = 0; r < n; r++) {
      for (int c = 0; c < m; c++) {
        double fr = p[0][r * m + c];
        double fi = p[1][r * m + c];
        for (int j = 0; j < k; j++) {
          xr[r * k + j] += fr * br[c * k + j] - fi * bi[c * k + j];
          xi[r * k + j] += fr * bi[c * k + j] + fi * br[c * k + j];
        }
      }
    }
    boolean residuals = rank == n && m > n;
    double[] res = new double[residuals ? k : 0];
    if (residuals) {
      double[] ar = sa.re();
      double[] ai = sa.im();
      for (int c = 0; c < m; c++) {
        for (int j = 0; j < k; j++) {
          double er = br[c * k + j];
          double ei = bi[c * k + j];
          for (int r = 0; r < n; r++) {
            er -= ar[c * n + r] * xr[r * k + j] - ai[c * n + r] * xi[r * k + j];
            ei -= ar[c * n + r] * xi[r * k + j] + ai[c * n + r] * xr[r * k + j];
          }
          res[j] += er * er + ei * ei;
        }
      }
    }
    DType rt = part(ct);
    NdArray x = back(a, ct, xr, xi, vector ? new long[] {n} : new long[] {n, k});
    return new Linalg.LstsqResult(
        x,
        HostStack.back(a, rt, res, new long[] {res.length}),
        rank,
        HostStack.back(a, rt, d.s(), new long[] {d.s().length}));
  }

  /**
   * Each matrix's inverse, {re, im}; a singular one raises where {@code raise}, else reads as NaN
   * (cond's use).
   */
  static double[][] inverses(Stack s, boolean raise) {
    int n = s.rows();
    double[] outR = new double[s.re().length];
    double[] outI = new double[s.re().length];
    int[] piv = new int[n];
    for (int i = 0; i < s.count(); i++) {
      double[] re = s.re(i);
      double[] im = s.im(i);
      double[] xr = new double[n * n];
      double[] xi = new double[n * n];
      if (lu(re, im, n, piv) == 0) {
        if (raise) {
          throw new LinAlgError("Singular matrix");
        }
        Arrays.fill(xr, Double.NaN);
        Arrays.fill(xi, Double.NaN);
      } else {
        for (int k = 0; k < n; k++) {
          xr[k * n + k] = 1;
        }
        luSolve(re, im, n, piv, xr, xi, n);
      }
      System.arraycopy(xr, 0, outR, i * n * n, n * n);
      System.arraycopy(xi, 0, outI, i * n * n, n * n);
    }
    return new double[][] {outR, outI};
  }

  /**
   * {@link Linalg#eig} and eigvals of complex matrices, as zgeev: complex eigenvalues, and unit
   * eigenvectors (each turned so that its largest component is real and positive) or null.
   */
  static Linalg.EigResult eig(NdArray a, DType ct, boolean vectors) {
    Stack s = Stack.of(a);
    int n = s.rows();
    int count = s.count();
    double[] wr = new double[count * n];
    double[] wi = new double[count * n];
    double[][] vs =
        vectors ? new double[][] {new double[count * n * n], new double[count * n * n]} : null;
    for (int i = 0; i < count; i++) {
      double[] re = s.re(i);
      double[] im = s.im(i);
      for (int j = 0; j < n * n; j++) {
        if (!Double.isFinite(re[j]) || !Double.isFinite(im[j])) {
          throw new LinAlgError("Array must not contain infs or NaNs");
        }
      }
      double[][] w = new double[2][n];
      double[][] v = vectors ? new double[2][n * n] : null;
      if (!eig(re, im, n, w, v)) {
        throw new LinAlgError("Eigenvalues did not converge");
      }
      System.arraycopy(w[0], 0, wr, i * n, n);
      System.arraycopy(w[1], 0, wi, i * n, n);
      if (vectors) {
        System.arraycopy(v[0], 0, vs[0], i * n * n, n * n);
        System.arraycopy(v[1], 0, vs[1], i * n * n, n * n);
      }
    }
    NdArray values = back(a, ct, wr, wi, HostStack.join(s.batch(), n));
    return new Linalg.EigResult(
        values, vectors ? back(a, ct, vs[0], vs[1], a.shape().dims()) : null);
  }

  /**
   * The eigenvalues of the complex n x n (re, im) (destroyed) into w and, where v is not null, its
   * unit eigenvectors (columns): Householder reduction to Hessenberg form, single-shift QR with
   * Wilkinson's shift to the complex Schur form T = Zᴴ A Z, the eigenvectors of T by back
   * substitution (ztrevc) and Z times them.
   *
   * @return false where the QR iterations did not converge
   */
  static boolean eig(double[] re, double[] im, int n, double[][] w, double[][] v) {
    double[] zr = new double[n * n];
    double[] zi = new double[n * n];
    for (int i = 0; i < n; i++) {
      zr[i * n + i] = 1;
    }
    double[] out = new double[3];
    double[] ur = new double[n];
    double[] ui = new double[n];
    for (int k = 0; k + 2 < n; k++) { // zgehd2
      int m = n - k - 1;
      reflector(re, im, (k + 1) * n + k, n, m, out);
      for (int r = 0; r < m; r++) {
        ur[r] = re[(k + 1 + r) * n + k];
        ui[r] = im[(k + 1 + r) * n + k];
      }
      applyLeft(re, im, n, k + 1, m, k + 1, n, ur, ui, -(k + 1), 1, out[1], -out[2]);
      rightApply(re, im, n, 0, n, k + 1, m, ur, ui, out[1], out[2]);
      rightApply(zr, zi, n, 0, n, k + 1, m, ur, ui, out[1], out[2]);
      re[(k + 1) * n + k] = out[0];
      im[(k + 1) * n + k] = 0;
      for (int r = k + 2; r < n; r++) {
        re[r * n + k] = 0;
        im[r * n + k] = 0;
      }
    }
    double norm = 0;
    for (int i = 0; i < n * n; i++) {
      norm = Math.max(norm, Math.abs(re[i]) + Math.abs(im[i]));
    }
    double eps = 0x1p-52;
    int hi = n - 1;
    int iter = 0;
    int total = 0;
    while (hi >= 0) {
      int l = hi;
      while (l > 0) {
        double sc = cabs1(re, im, (l - 1) * n + l - 1) + cabs1(re, im, l * n + l);
        if (sc == 0) {
          sc = norm;
        }
        if (cabs1(re, im, l * n + l - 1) <= eps * sc) {
          re[l * n + l - 1] = 0;
          im[l * n + l - 1] = 0;
          break;
        }
        l--;
      }
      if (l == hi) {
        hi--;
        iter = 0;
        continue;
      }
      if (++total > 60 * n) {
        return false;
      }
      iter++;
      // the shift: the trailing 2 x 2's eigenvalue nearer its last diagonal element (Wilkinson),
      // or an exceptional one every tenth iteration
      double mr;
      double mi;
      int a = (hi - 1) * n + hi - 1;
      int b = (hi - 1) * n + hi;
      int c = hi * n + hi - 1;
      int d = hi * n + hi;
      if (iter % 10 == 0) {
        mr = re[d] + Math.abs(re[c]) + Math.abs(im[c]);
        mi = im[d];
      } else {
        double hr = (re[a] - re[d]) / 2; // ((a - d) / 2)² + b c
        double hi2 = (im[a] - im[d]) / 2;
        double qr = hr * hr - hi2 * hi2 + re[b] * re[c] - im[b] * im[c];
        double qi = 2 * hr * hi2 + re[b] * im[c] + im[b] * re[c];
        double[] root = csqrt(qr, qi);
        // (a + d) / 2 +- root: the one nearer d
        double cr = (re[a] + re[d]) / 2;
        double ci = (im[a] + im[d]) / 2;
        double p1r = cr + root[0];
        double p1i = ci + root[1];
        double p2r = cr - root[0];
        double p2i = ci - root[1];
        boolean first =
            Math.hypot(p1r - re[d], p1i - im[d]) <= Math.hypot(p2r - re[d], p2i - im[d]);
        mr = first ? p1r : p2r;
        mi = first ? p1i : p2i;
      }
      double xr = re[l * n + l] - mr;
      double xi = im[l * n + l] - mi;
      double yr = re[(l + 1) * n + l];
      double yi = im[(l + 1) * n + l];
      for (int k = l; k < hi; k++) {
        if (k > l) {
          xr = re[k * n + k - 1];
          xi = im[k * n + k - 1];
          yr = re[(k + 1) * n + k - 1];
          yi = im[(k + 1) * n + k - 1];
        }
        double[] g = givens(xr, xi, yr, yi); // c, s (complex)
        double gc = g[0];
        double sr = g[1];
        double si = g[2];
        for (int j = k > l ? k - 1 : l; j < n; j++) { // rows k, k+1: G
          double t1r = re[k * n + j];
          double t1i = im[k * n + j];
          double t2r = re[(k + 1) * n + j];
          double t2i = im[(k + 1) * n + j];
          re[k * n + j] = gc * t1r + sr * t2r - si * t2i;
          im[k * n + j] = gc * t1i + sr * t2i + si * t2r;
          re[(k + 1) * n + j] = -(sr * t1r + si * t1i) + gc * t2r; // - conj(s) t1 + c t2
          im[(k + 1) * n + j] = -(sr * t1i - si * t1r) + gc * t2i;
        }
        if (k > l) {
          re[(k + 1) * n + k - 1] = 0;
          im[(k + 1) * n + k - 1] = 0;
        }
        int last = Math.min(k + 2, hi);
        columns(re, im, n, last + 1, k, gc, sr, si); // columns k, k+1: Gᴴ
        columns(zr, zi, n, n, k, gc, sr, si);
      }
    }
    for (int i = 0; i < n; i++) {
      w[0][i] = re[i * n + i];
      w[1][i] = im[i * n + i];
    }
    if (v == null) {
      return true;
    }
    double smallest = Double.MIN_NORMAL / eps;
    double[] xre = new double[n];
    double[] xim = new double[n];
    for (int k = 0; k < n; k++) { // T x = lambda_k x, x_k = 1, then Z x
      double lr = re[k * n + k];
      double li = im[k * n + k];
      double smin = Math.max(eps * (Math.abs(lr) + Math.abs(li)), smallest);
      Arrays.fill(xre, 0);
      Arrays.fill(xim, 0);
      xre[k] = 1;
      for (int j = k - 1; j >= 0; j--) {
        double sr = 0;
        double si = 0;
        for (int q = j + 1; q <= k; q++) {
          sr += re[j * n + q] * xre[q] - im[j * n + q] * xim[q];
          si += re[j * n + q] * xim[q] + im[j * n + q] * xre[q];
        }
        double dr = re[j * n + j] - lr;
        double di = im[j * n + j] - li;
        if (Math.abs(dr) + Math.abs(di) < smin) {
          dr = smin;
          di = 0;
        }
        double[] inv = reciprocal(dr, di);
        xre[j] = -(sr * inv[0] - si * inv[1]);
        xim[j] = -(sr * inv[1] + si * inv[0]);
      }
      double[] vr = new double[n];
      double[] vi = new double[n];
      double total2 = 0;
      int big = 0;
      double bigMag = -1;
      for (int r = 0; r < n; r++) {
        double sr = 0;
        double si = 0;
        for (int q = 0; q <= k; q++) {
          sr += zr[r * n + q] * xre[q] - zi[r * n + q] * xim[q];
          si += zr[r * n + q] * xim[q] + zi[r * n + q] * xre[q];
        }
        vr[r] = sr;
        vi[r] = si;
        double mag = sr * sr + si * si;
        total2 += mag;
        if (mag > bigMag) {
          bigMag = mag;
          big = r;
        }
      }
      double scale = 1 / Math.sqrt(total2);
      double bm = Math.sqrt(bigMag);
      double pr = vr[big] / bm; // the phase of the largest component, removed
      double pi = -vi[big] / bm;
      for (int r = 0; r < n; r++) {
        v[0][r * n + k] = (vr[r] * pr - vi[r] * pi) * scale;
        v[1][r * n + k] = (vr[r] * pi + vi[r] * pr) * scale;
      }
      v[1][big * n + k] = 0;
    }
    return true;
  }

  /** |re| + |im| of element at. */
  private static double cabs1(double[] re, double[] im, int at) {
    return Math.abs(re[at]) + Math.abs(im[at]);
  }

  /** The principal square root of a + b i. */
  private static double[] csqrt(double a, double b) {
    double m = Math.hypot(a, b);
    if (m == 0) {
      return new double[] {0, 0};
    }
    double r = Math.sqrt((m + Math.abs(a)) / 2);
    return a >= 0
        ? new double[] {r, b / (2 * r)}
        : new double[] {Math.abs(b) / (2 * r), Math.copySign(r, b)};
  }

  /** zlartg: c (real) and s (complex) with [c s; -conj(s) c] (f; g) = (r; 0): {c, re s, im s}. */
  private static double[] givens(double fr, double fi, double gr, double gi) {
    double g2 = Math.hypot(gr, gi);
    if (g2 == 0) {
      return new double[] {1, 0, 0};
    }
    double f2 = Math.hypot(fr, fi);
    if (f2 == 0) {
      return new double[] {0, gr / g2, -gi / g2};
    }
    double nrm = Math.hypot(f2, g2);
    double pr = fr / f2; // f / |f|
    double pi = fi / f2;
    // s = (f / |f|) conj(g) / nrm
    return new double[] {f2 / nrm, (pr * gr + pi * gi) / nrm, (pi * gr - pr * gi) / nrm};
  }

  /** Columns k and k+1 of rows 0 .. rows-1 times Gᴴ: (c x + conj(s) y, -s x + c y). */
  private static void columns(
      double[] re, double[] im, int n, int rows, int k, double c, double sr, double si) {
    for (int i = 0; i < rows; i++) {
      double xr = re[i * n + k];
      double xi = im[i * n + k];
      double yr = re[i * n + k + 1];
      double yi = im[i * n + k + 1];
      re[i * n + k] = c * xr + sr * yr + si * yi;
      im[i * n + k] = c * xi + sr * yi - si * yr;
      re[i * n + k + 1] = -(sr * xr - si * xi) + c * yr;
      im[i * n + k + 1] = -(sr * xi + si * xr) + c * yi;
    }
  }

  /**
   * A := A (I - tau u uᴴ) for rows r0..r1-1 and columns c0..c0+len-1 (row stride ld), u the len
   * values (ur, ui) from index 0.
   */
  private static void rightApply(
      double[] re,
      double[] im,
      int ld,
      int r0,
      int r1,
      int c0,
      int len,
      double[] ur,
      double[] ui,
      double tr,
      double ti) {
    if (tr == 0 && ti == 0) {
      return;
    }
    for (int r = r0; r < r1; r++) {
      double sr = 0;
      double si = 0;
      for (int j = 0; j < len; j++) {
        double ar = re[r * ld + c0 + j];
        double ai = im[r * ld + c0 + j];
        sr += ar * ur[j] - ai * ui[j];
        si += ar * ui[j] + ai * ur[j];
      }
      double wr = tr * sr - ti * si;
      double wi = tr * si + ti * sr;
      for (int j = 0; j < len; j++) {
        re[r * ld + c0 + j] -= wr * ur[j] + wi * ui[j]; // w conj(u_j)
        im[r * ld + c0 + j] -= wi * ur[j] - wr * ui[j];
      }
    }
  }

  // ------------------------------------------------------------------ LU

  /**
   * zgetrf, unblocked: a = P L U in place (L unit lower, U upper), pivots into piv; returns the
   * permutation's sign, or 0 where a pivot is exactly zero.
   */
  static int lu(double[] re, double[] im, int n, int[] piv) {
    int sign = 1;
    for (int c = 0; c < n; c++) {
      int p = c;
      double best = -1;
      for (int r = c; r < n; r++) {
        double mag = Math.abs(re[r * n + c]) + Math.abs(im[r * n + c]);
        if (mag > best) {
          best = mag;
          p = r;
        }
      }
      piv[c] = p;
      if (p != c) {
        swapRows(re, n, p, c);
        swapRows(im, n, p, c);
        sign = -sign;
      }
      double pr = re[c * n + c];
      double pi = im[c * n + c];
      if (pr == 0 && pi == 0) {
        return 0;
      }
      double den = pr * pr + pi * pi;
      double ir = pr / den; // 1 / pivot
      double ii = -pi / den;
      if (!Double.isFinite(den) || den == 0) { // scaled when |pivot|² over- or underflows
        double s = Math.max(Math.abs(pr), Math.abs(pi));
        double sr = pr / s;
        double si = pi / s;
        double d2 = (sr * sr + si * si) * s;
        ir = sr / d2;
        ii = -si / d2;
      }
      for (int r = c + 1; r < n; r++) {
        double xr = re[r * n + c];
        double xi = im[r * n + c];
        double lr = xr * ir - xi * ii;
        double li = xr * ii + xi * ir;
        re[r * n + c] = lr;
        im[r * n + c] = li;
        for (int j = c + 1; j < n; j++) {
          double ur = re[c * n + j];
          double ui = im[c * n + j];
          re[r * n + j] -= lr * ur - li * ui;
          im[r * n + j] -= lr * ui + li * ur;
        }
      }
    }
    return sign;
  }

  private static void swapRows(double[] x, int n, int a, int b) {
    for (int j = 0; j < n; j++) {
      double t = x[a * n + j];
      x[a * n + j] = x[b * n + j];
      x[b * n + j] = t;
    }
  }

  /** Solves (P L U) x = b in place for the n x k right-hand sides (br, bi). */
  static void luSolve(double[] re, double[] im, int n, int[] piv, double[] br, double[] bi, int k) {
    for (int c = 0; c < n; c++) {
      if (piv[c] != c) {
        swapRows(br, k, piv[c], c);
        swapRows(bi, k, piv[c], c);
      }
    }
    for (int r = 0; r < n; r++) { // L y = b, unit diagonal
      for (int c = 0; c < r; c++) {
        double lr = re[r * n + c];
        double li = im[r * n + c];
        for (int j = 0; j < k; j++) {
          double yr = br[c * k + j];
          double yi = bi[c * k + j];
          br[r * k + j] -= lr * yr - li * yi;
          bi[r * k + j] -= lr * yi + li * yr;
        }
      }
    }
    for (int r = n - 1; r >= 0; r--) { // U x = y
      for (int c = r + 1; c < n; c++) {
        double ur = re[r * n + c];
        double ui = im[r * n + c];
        for (int j = 0; j < k; j++) {
          double xr = br[c * k + j];
          double xi = bi[c * k + j];
          br[r * k + j] -= ur * xr - ui * xi;
          bi[r * k + j] -= ur * xi + ui * xr;
        }
      }
      double[] inv = reciprocal(re[r * n + r], im[r * n + r]);
      for (int j = 0; j < k; j++) {
        double xr = br[r * k + j];
        double xi = bi[r * k + j];
        br[r * k + j] = xr * inv[0] - xi * inv[1];
        bi[r * k + j] = xr * inv[1] + xi * inv[0];
      }
    }
  }

  /** 1 / (a + b i), scaled (Smith's method). */
  static double[] reciprocal(double a, double b) {
    if (Math.abs(a) >= Math.abs(b)) {
      double r = b / a;
      double d = a + b * r;
      return new double[] {1 / d, -r / d};
    }
    double r = a / b;
    double d = a * r + b;
    return new double[] {r / d, -1 / d};
  }

  /**
   * Each matrix's sign (a complex number of modulus 1, or 0) and log|det|, as NumPy computes them
   * from the LU factors: {re of signs, im of signs, logs}.
   */
  static double[][] slogdets(Stack s) {
    int n = s.rows();
    int count = s.count();
    double[] sr = new double[count];
    double[] si = new double[count];
    double[] log = new double[count];
    int[] piv = new int[n];
    for (int i = 0; i < count; i++) {
      double[] re = s.re(i);
      double[] im = s.im(i);
      int p = lu(re, im, n, piv);
      double ar = p;
      double ai = 0;
      double acc = 0;
      for (int k = 0; k < n && p != 0; k++) {
        double ur = re[k * n + k];
        double ui = im[k * n + k];
        double mag = Math.hypot(ur, ui);
        double cr = ur / mag;
        double ci = ui / mag;
        double nr = ar * cr - ai * ci;
        ai = ar * ci + ai * cr;
        ar = nr;
        acc += Math.log(mag);
      }
      sr[i] = p == 0 ? 0 : ar;
      si[i] = p == 0 ? 0 : ai;
      log[i] = p == 0 ? Double.NEGATIVE_INFINITY : acc;
    }
    return new double[][] {sr, si, log};
  }

  // ------------------------------------------------------------------ Cholesky

  /**
   * zpotrf's lower factor of the Hermitian matrix read from the lower triangle (the diagonal's
   * imaginary parts ignored) in place, its strictly upper part zeroed: false where the matrix is
   * not positive definite.
   */
  static boolean cholesky(double[] re, double[] im, int n) {
    for (int j = 0; j < n; j++) {
      double d = re[j * n + j];
      for (int k = 0; k < j; k++) {
        d -= re[j * n + k] * re[j * n + k] + im[j * n + k] * im[j * n + k];
      }
      if (!(d > 0)) {
        return false;
      }
      double l = Math.sqrt(d);
      re[j * n + j] = l;
      im[j * n + j] = 0;
      for (int i = j + 1; i < n; i++) {
        double xr = re[i * n + j];
        double xi = im[i * n + j];
        for (int k = 0; k < j; k++) { // - L_ik conj(L_jk)
          double ar = re[i * n + k];
          double ai = im[i * n + k];
          double br = re[j * n + k];
          double bi = -im[j * n + k];
          xr -= ar * br - ai * bi;
          xi -= ar * bi + ai * br;
        }
        re[i * n + j] = xr / l;
        im[i * n + j] = xi / l;
      }
      for (int c = j + 1; c < n; c++) {
        re[j * n + c] = 0;
        im[j * n + c] = 0;
      }
    }
    return true;
  }

  /** The conjugate transpose of a square matrix, in place. */
  static void adjoint(double[] re, double[] im, int n) {
    for (int i = 0; i < n; i++) {
      im[i * n + i] = -im[i * n + i];
      for (int j = i + 1; j < n; j++) {
        double t = re[i * n + j];
        re[i * n + j] = re[j * n + i];
        re[j * n + i] = t;
        t = im[i * n + j];
        im[i * n + j] = -im[j * n + i];
        im[j * n + i] = -t;
      }
    }
  }

  // ------------------------------------------------------------------ Householder

  /**
   * zlarfg on the m values at x[at + i * stride] (parts re, im): they become v (v[0] = 1), the real
   * beta is returned in out[0] and tau (complex) in out[1], out[2]; H = I - tau v vᴴ has Hᴴ x =
   * (beta, 0, ..., 0).
   */
  static void reflector(double[] re, double[] im, int at, int stride, int m, double[] out) {
    double ar = re[at];
    double ai = im[at];
    double xnorm = 0;
    double scale = 0;
    for (int i = 1; i < m; i++) {
      scale =
          Math.max(scale, Math.max(Math.abs(re[at + i * stride]), Math.abs(im[at + i * stride])));
    }
    if (scale > 0) {
      for (int i = 1; i < m; i++) {
        double r = re[at + i * stride] / scale;
        double q = im[at + i * stride] / scale;
        xnorm += r * r + q * q;
      }
      xnorm = scale * Math.sqrt(xnorm);
    }
    if (xnorm == 0 && ai == 0 && !Double.isNaN(scale)) {
      out[0] = ar;
      out[1] = 0;
      out[2] = 0;
      re[at] = 1;
      im[at] = 0;
      return;
    }
    double beta = -Math.copySign(Math.hypot(Math.hypot(ar, ai), xnorm), ar);
    out[1] = (beta - ar) / beta;
    out[2] = -ai / beta;
    double[] f = reciprocal(ar - beta, ai);
    for (int i = 1; i < m; i++) {
      int p = at + i * stride;
      double xr = re[p];
      double xi = im[p];
      re[p] = xr * f[0] - xi * f[1];
      im[p] = xr * f[1] + xi * f[0];
    }
    re[at] = 1;
    im[at] = 0;
    out[0] = beta;
  }

  /**
   * Applies I - (tr + ti i) v vᴴ from the left to the rows r0.. and columns c0 .. c1 - 1 of the
   * matrix (row stride ld), v the m values from r0 down column vc of (vr, vi) (row stride ld).
   */
  private static void applyLeft(
      double[] re,
      double[] im,
      int ld,
      int r0,
      int m,
      int c0,
      int c1,
      double[] vr,
      double[] vi,
      int vc,
      int vld,
      double tr,
      double ti) {
    if (tr == 0 && ti == 0) {
      return;
    }
    for (int j = c0; j < c1; j++) {
      double wr = 0; // vᴴ a_j
      double wi = 0;
      for (int r = 0; r < m; r++) {
        double xr = vr[(r0 + r) * vld + vc];
        double xi = -vi[(r0 + r) * vld + vc];
        double ar = re[(r0 + r) * ld + j];
        double ai = im[(r0 + r) * ld + j];
        wr += xr * ar - xi * ai;
        wi += xr * ai + xi * ar;
      }
      double sr = tr * wr - ti * wi; // tau (vᴴ a_j)
      double si = tr * wi + ti * wr;
      for (int r = 0; r < m; r++) {
        double xr = vr[(r0 + r) * vld + vc];
        double xi = vi[(r0 + r) * vld + vc];
        re[(r0 + r) * ld + j] -= xr * sr - xi * si;
        im[(r0 + r) * ld + j] -= xr * si + xi * sr;
      }
    }
  }

  /**
   * zgeqr2: a (m x n) becomes R on and above the diagonal (its diagonal real) and the reflectors'
   * vectors below; tau's parts into (tr, ti).
   */
  static void qr(double[] re, double[] im, int m, int n, double[] tr, double[] ti) {
    int k = Math.min(m, n);
    double[] out = new double[3];
    for (int c = 0; c < k; c++) {
      reflector(re, im, c * n + c, n, m - c, out);
      tr[c] = out[1];
      ti[c] = out[2];
      // Hᴴ = I - conj(tau) v vᴴ on the columns right of c
      applyLeft(re, im, n, c, m - c, c + 1, n, re, im, c, n, out[1], -out[2]);
      re[c * n + c] = out[0];
      im[c * n + c] = 0;
    }
  }

  /**
   * zung2r: the first cols columns of Q = H(0) ... H(k-1) from qr's reflectors, as (re, im) of m x
   * cols.
   */
  static double[][] qrQ(
      double[] re, double[] im, int m, int n, double[] tr, double[] ti, int cols) {
    int k = Math.min(m, n);
    double[] qr = new double[m * cols];
    double[] qi = new double[m * cols];
    for (int i = 0; i < Math.min(m, cols); i++) {
      qr[i * cols + i] = 1;
    }
    double[] vr = new double[m];
    double[] vi = new double[m];
    for (int c = k - 1; c >= 0; c--) {
      vr[c] = 1;
      vi[c] = 0;
      for (int r = c + 1; r < m; r++) {
        vr[r] = re[r * n + c];
        vi[r] = im[r * n + c];
      }
      applyLeft(qr, qi, cols, c, m - c, 0, cols, vr, vi, 0, 1, tr[c], ti[c]);
    }
    return new double[][] {qr, qi};
  }

  // ------------------------------------------------------------------ Hermitian eigenproblems

  /**
   * Eigenvalues ascending into w and, where vr is not null, unit eigenvectors (columns, n x n) into
   * (vr, vi) of the Hermitian matrix (re, im) given in full (destroyed): zhetd2's reduction to a
   * real tridiagonal matrix, QL on it, and the reflectors applied to its vectors.
   *
   * @return false where QL did not converge
   */
  static boolean eigh(double[] re, double[] im, int n, double[] w, double[] vr, double[] vi) {
    if (n == 0) {
      return true;
    }
    int shift = Tridiagonal.scaleToRange(re, n * n);
    if (shift != 0) {
      for (int i = 0; i < n * n; i++) {
        im[i] = Math.scalb(im[i], shift);
      }
    }
    double[] d = new double[n];
    double[] e = new double[n];
    double[] tr = new double[n];
    double[] ti = new double[n];
    double[] out = new double[3];
    double[] xr = new double[n];
    double[] xi = new double[n];
    for (int i = 0; i < n - 1; i++) {
      int r0 = i + 1;
      int m = n - r0;
      reflector(re, im, r0 * n + i, n, m, out); // column i below the diagonal
      e[i] = out[0];
      double tar = out[1];
      double tai = out[2];
      tr[i] = tar;
      ti[i] = tai;
      if (tar != 0 || tai != 0) {
        // x = tau A v, alpha = -tau (xᴴ v) / 2, x += alpha v; A -= v xᴴ + x vᴴ on rows and
        // columns r0..
        for (int r = r0; r < n; r++) {
          double sr = 0;
          double si = 0;
          for (int c = r0; c < n; c++) {
            double ar = re[r * n + c];
            double ai = im[r * n + c];
            double br = re[c * n + i];
            double bi = im[c * n + i];
            sr += ar * br - ai * bi;
            si += ar * bi + ai * br;
          }
          xr[r] = tar * sr - tai * si;
          xi[r] = tar * si + tai * sr;
        }
        double dr = 0; // xᴴ v
        double di = 0;
        for (int r = r0; r < n; r++) {
          double vr0 = re[r * n + i];
          double vi0 = im[r * n + i];
          dr += xr[r] * vr0 + xi[r] * vi0;
          di += xr[r] * vi0 - xi[r] * vr0;
        }
        double alr = -0.5 * (tar * dr - tai * di);
        double ali = -0.5 * (tar * di + tai * dr);
        for (int r = r0; r < n; r++) {
          double vr0 = re[r * n + i];
          double vi0 = im[r * n + i];
          xr[r] += alr * vr0 - ali * vi0;
          xi[r] += alr * vi0 + ali * vr0;
        }
        for (int r = r0; r < n; r++) {
          double var = re[r * n + i];
          double vai = im[r * n + i];
          for (int c = r0; c < n; c++) {
            double vbr = re[c * n + i];
            double vbi = im[c * n + i];
            // v_r conj(x_c) + x_r conj(v_c)
            double pr = var * xr[c] + vai * xi[c] + xr[r] * vbr + xi[r] * vbi;
            double pi = vai * xr[c] - var * xi[c] + xi[r] * vbr - xr[r] * vbi;
            re[r * n + c] -= pr;
            im[r * n + c] -= pi;
          }
        }
      }
      d[i] = re[i * n + i];
    }
    d[n - 1] = re[(n - 1) * n + n - 1];
    e[n - 1] = 0;
    double[] qt = null;
    if (vr != null) {
      qt = new double[n * n];
      for (int i = 0; i < n; i++) {
        qt[i * n + i] = 1;
      }
    }
    double[] rows = qt;
    if (!Tridiagonal.ql(
        d,
        e,
        n,
        rows == null
            ? null
            : (l, mm, c, s) -> {
              for (int k = mm - 1; k >= l; k--) {
                for (int j = 0; j < n; j++) {
                  double x = rows[(k + 1) * n + j];
                  double y = rows[k * n + j];
                  rows[(k + 1) * n + j] = s[k] * y + c[k] * x;
                  rows[k * n + j] = c[k] * y - s[k] * x;
                }
              }
            })) {
      return false;
    }
    double[] z = vr == null ? null : new double[n * n];
    Tridiagonal.ascending(d, qt, n, w, z);
    for (int i = 0; i < n && shift != 0; i++) {
      w[i] = Math.scalb(w[i], -shift);
    }
    if (vr == null) {
      return true;
    }
    // V = H(0) ... H(n-2) Z, H(i)'s vector from row i + 1 down column i
    System.arraycopy(z, 0, vr, 0, n * n);
    Arrays.fill(vi, 0, n * n, 0);
    for (int i = n - 2; i >= 0; i--) {
      double vr0 = re[(i + 1) * n + i];
      double vi0 = im[(i + 1) * n + i];
      re[(i + 1) * n + i] = 1;
      im[(i + 1) * n + i] = 0;
      applyLeft(vr, vi, n, i + 1, n - i - 1, 0, n, re, im, i, n, tr[i], ti[i]);
      re[(i + 1) * n + i] = vr0;
      im[(i + 1) * n + i] = vi0;
    }
    return true;
  }

  // ------------------------------------------------------------------ SVD

  /** An SVD: s descending; u (m x uc) and vh (vr x n) as (re, im) pairs, null for values only. */
  record Svd(double[] s, double[][] u, double[][] vh) {}

  /**
   * The SVD of the m x n matrix (re, im), destroyed: zgebd2's reduction of a tall matrix (a wide
   * one through its conjugate transpose) to a real upper bidiagonal B = Qᴴ A P, B's SVD by io.ndj's
   * Jacobi rotations, and U = Q U_B, V = P V_B.
   *
   * @return null where a value is not finite
   */
  static Svd svd(double[] re, double[] im, int m, int n, boolean vectors, boolean full) {
    for (int i = 0; i < m * n; i++) {
      if (!Double.isFinite(re[i]) || !Double.isFinite(im[i])) {
        return null;
      }
    }
    if (m < n) {
      double[] tr = new double[n * m];
      double[] ti = new double[n * m];
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          tr[j * m + i] = re[i * n + j];
          ti[j * m + i] = -im[i * n + j];
        }
      }
      Svd t = svd(tr, ti, n, m, vectors, full);
      if (!vectors) {
        return t;
      }
      // Aᴴ = U' S V'ᴴ: A = V' S U'ᴴ
      return new Svd(t.s(), adjointOf(t.vh(), m, m), adjointOf(t.u(), n, full ? n : m));
    }
    int k = n;
    double[] d = new double[k];
    double[] e = new double[k];
    double[] tqr = new double[k];
    double[] tqi = new double[k];
    double[] tpr = new double[k];
    double[] tpi = new double[k];
    double[] out = new double[3];
    for (int i = 0; i < k; i++) {
      reflector(re, im, i * n + i, n, m - i, out);
      d[i] = out[0];
      tqr[i] = out[1];
      tqi[i] = out[2];
      applyLeft(re, im, n, i, m - i, i + 1, n, re, im, i, n, out[1], -out[2]);
      if (i < k - 1) {
        // the row right of the diagonal: G = I - tau u uᴴ with (row) G = (beta, 0, ...), from
        // zlarfg on the row's conjugate
        int at = i * n + i + 1;
        for (int j = 0; j < n - i - 1; j++) {
          im[at + j] = -im[at + j];
        }
        reflector(re, im, at, 1, n - i - 1, out);
        e[i] = out[0];
        tpr[i] = out[1];
        tpi[i] = out[2];
        rightApply(
            re,
            im,
            n,
            i + 1,
            m,
            i + 1,
            n - i - 1,
            Arrays.copyOfRange(re, at, n * (i + 1)),
            Arrays.copyOfRange(im, at, n * (i + 1)),
            out[1],
            out[2]);
      }
    }
    double[] b = new double[k * k];
    for (int i = 0; i < k; i++) {
      b[i * k + i] = d[i];
      if (i + 1 < k) {
        b[i * k + i + 1] = e[i];
      }
    }
    Spectral.Svd sb = Spectral.svd(b, k, k, vectors, false);
    if (sb == null) {
      return null;
    }
    if (!vectors) {
      return new Svd(sb.s(), null, null);
    }
    int uc = full ? m : k;
    double[] ur = new double[m * uc];
    double[] ui = new double[m * uc];
    for (int i = 0; i < k; i++) {
      System.arraycopy(sb.u(), i * k, ur, i * uc, k);
    }
    for (int i = k; i < uc; i++) {
      ur[i * uc + i] = 1;
    }
    double[] vr = new double[m];
    double[] vi = new double[m];
    for (int i = k - 1; i >= 0; i--) { // U = H(0) ... H(k-1) [U_B; 0]
      vr[i] = 1;
      vi[i] = 0;
      for (int r = i + 1; r < m; r++) {
        vr[r] = re[r * n + i];
        vi[r] = im[r * n + i];
      }
      applyLeft(ur, ui, uc, i, m - i, 0, uc, vr, vi, 0, 1, tqr[i], tqi[i]);
    }
    // V = G(0) ... G(k-2) V_B, V_B = Vh_Bᵀ; then Vh = Vᴴ
    double[] pr = new double[k * k];
    double[] pi = new double[k * k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        pr[i * k + j] = sb.vh()[j * k + i];
      }
    }
    double[] gr = new double[k];
    double[] gi = new double[k];
    for (int i = k - 2; i >= 0; i--) {
      gr[i + 1] = 1;
      gi[i + 1] = 0;
      for (int j = i + 2; j < n; j++) {
        gr[j] = re[i * n + j];
        gi[j] = im[i * n + j];
      }
      applyLeft(pr, pi, k, i + 1, k - i - 1, 0, k, gr, gi, 0, 1, tpr[i], tpi[i]);
    }
    return new Svd(sb.s(), new double[][] {ur, ui}, adjointOf(new double[][] {pr, pi}, k, k));
  }

  /** The conjugate transpose of (re, im) rows x cols, as cols x rows. */
  private static double[][] adjointOf(double[][] x, int rows, int cols) {
    double[] r = new double[rows * cols];
    double[] i = new double[rows * cols];
    for (int a = 0; a < rows; a++) {
      for (int b = 0; b < cols; b++) {
        r[b * rows + a] = x[0][a * cols + b];
        i[b * rows + a] = -x[1][a * cols + b];
      }
    }
    return new double[][] {r, i};
  }
}
