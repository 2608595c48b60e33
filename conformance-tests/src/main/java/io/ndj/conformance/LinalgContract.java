package io.ndj.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.ndj.DType;
import io.ndj.NdArray;
import io.ndj.linalg.LinAlgError;
import io.ndj.linalg.Linalg;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * numpy.linalg on the backend: NumPy 2's answers in {@code numpy/numpy-linalg.tsv} ({@code
 * numpy/numpy_linalg.py} beside it) and {@code numpy/numpy-linalg-complex.tsv} (complex64 and
 * complex128 matrices) for every part LAPACK fixes (determinants, inverses, solutions, Cholesky
 * factors, Q and R, eigenvalues, singular values, pseudo-inverses, ranks, least squares, norms,
 * condition numbers, matrix powers, chained products) and NumPy's errors; and the defining
 * properties of every factorization, against products computed in plain Java, on stacks,
 * transposed, reversed and broadcast operands: A = Q R with Q orthonormal, A = L L^T, A V = V
 * diag(w), A = U diag(S) Vh, A A+ A = A, A x = b, determinants against Leibniz's formula. Residuals
 * are measured as LAPACK's are: {@code ||A x - b|| / (||A|| ||x|| + ||b||) <= 50 n eps}.
 */
public interface LinalgContract extends KitSupport {

  /**
   * Systems large enough for a backend's own solver (cuda: cuSOLVER from n = 64): solve's residual
   * within 50·n·eps, batched and with a broadcast right-hand side; cholesky reconstructs, lower and
   * upper, zeros on the other side; NumPy's errors for a singular and an indefinite matrix.
   */
  /**
   * A matrix within and past a backend's small-matrix paths (6 x 6; 70 x 70, cuda's solver
   * library), real or complex, holding a NaN or an inf never comes back as finite numbers:
   * eigvalsh, eigh, svdvals, svd, qr and eigvals either raise a LinAlgError (NumPy's LAPACK raises
   * "Eigenvalues did not converge" or "SVD did not converge" for some) or return NaN or inf
   * somewhere, as NumPy does for the others. (cpu's eigvalsh returned a NaN matrix's eigenvalues as
   * ones: its QL iteration compared against a NaN bound.)
   */
  @org.junit.jupiter.api.Test
  default void nonFiniteMatricesNeverComeBackFinite() {
    for (DType t : new DType[] {DType.FLOAT64, DType.FLOAT32, DType.COMPLEX128, DType.COMPLEX64}) {
      for (int n : new int[] {6, 70}) {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
          NdArray a = eye(n).astype(t);
          a.set("5, 5", bad);
          NdArray sym = eye(n).astype(t);
          sym.set("3, 4", bad);
          sym.set("4, 3", bad);
          List<java.util.function.Supplier<NdArray>> calls =
              List.of(
                  () -> Linalg.eigvalsh(sym),
                  () -> Linalg.eigh(sym).eigenvalues(),
                  () -> Linalg.svdvals(a),
                  () -> Linalg.svd(a).s(),
                  () -> Linalg.qr(a).r(),
                  () -> Linalg.eigvals(a),
                  () -> Linalg.eigvals(sym));
          for (int i = 0; i < calls.size(); i++) {
            NdArray r;
            try {
              r = calls.get(i).get();
            } catch (LinAlgError raised) {
              continue; // as NumPy's LAPACK for some
            }
            NdArray parts =
                r.dtype().isComplex() ? io.ndj.Nd.stack(List.of(r.real(), r.imag()), 0) : r;
            boolean finite = Arrays.stream(parts.toDoubleArray()).allMatch(Double::isFinite);
            assertTrue(
                !finite, t + " n=" + n + " call " + i + " with " + bad + " came back finite");
          }
        }
      }
    }
  }

  /**
   * NumPy 2's array-API functions on views that are not contiguous (a transposed stack, every other
   * column), against host loops over the same numbers: vecdot (complex operands conjugate the
   * first), cross (each component a1 b2 - a2 b1 as NumPy rounds it; antisymmetric; orthogonal to
   * both), vector_norm over two axes (the p-norm of those elements), matrix_norm's Frobenius norm,
   * tensorsolve (tensordot(a, x) gives b back) and tensorinv (its product with a is the identity),
   * matrix_transpose (a view whose elements are the swapped ones).
   */
  @org.junit.jupiter.api.Test
  default void arrayApiLinalgOnViews() {
    SplittableRandom rnd = new SplittableRandom(seed() + 7);
    double[] d = new double[4 * 3 * 6];
    for (int i = 0; i < d.length; i++) {
      d[i] = Math.round(rnd.nextDouble(-4, 4) * 8) / 8.0; // exact products and sums
    }
    // x: (3, 4, 3) from a (4, 3, 6) C-order stack: axes turned and every other column
    NdArray base = array(d).reshape(4, 3, 6);
    NdArray x = base.get(":, :, ::2").transpose(1, 0, 2);
    NdArray y = base.get(":, :, 1::2").transpose(1, 0, 2);
    double[] xs = x.copy().toDoubleArray();
    double[] ys = y.copy().toDoubleArray();
    // vecdot along the last axis and along axis 0
    double[] dot = Linalg.vecdot(x, y, -1).toDoubleArray();
    for (int r = 0; r < 12; r++) {
      double want = 0;
      for (int k = 0; k < 3; k++) {
        want += xs[r * 3 + k] * ys[r * 3 + k];
      }
      assertEquals(want, dot[r], 0.0, "vecdot row " + r);
    }
    double[] dot0 = Linalg.vecdot(x, y, 0).toDoubleArray();
    for (int c = 0; c < 12; c++) {
      double want = 0;
      for (int k = 0; k < 3; k++) {
        want += xs[k * 12 + c] * ys[k * 12 + c];
      }
      assertEquals(want, dot0[c], 0.0, "vecdot along axis 0, column " + c);
    }
    NdArray z = io.ndj.Nd.complex(x, y);
    NdArray zz = Linalg.vecdot(z, z, -1);
    double[] re = zz.real().toDoubleArray();
    double[] im = zz.imag().toDoubleArray();
    for (int r = 0; r < 12; r++) {
      double want = 0;
      for (int k = 0; k < 3; k++) {
        want += xs[r * 3 + k] * xs[r * 3 + k] + ys[r * 3 + k] * ys[r * 3 + k];
      }
      assertEquals(want, re[r], 0.0, "vecdot of conj(z) z, row " + r);
      assertEquals(0.0, im[r], 0.0, "vecdot of conj(z) z is real, row " + r);
    }
    // cross along the last axis: components, antisymmetry, orthogonality (exact for eighths)
    NdArray c = Linalg.cross(x, y, -1);
    double[] cs = c.toDoubleArray();
    double[] back = Linalg.cross(y, x, -1).toDoubleArray();
    for (int r = 0; r < 12; r++) {
      int o = 3 * r;
      double[] want = {
        xs[o + 1] * ys[o + 2] - xs[o + 2] * ys[o + 1],
        xs[o + 2] * ys[o] - xs[o] * ys[o + 2],
        xs[o] * ys[o + 1] - xs[o + 1] * ys[o]
      };
      for (int k = 0; k < 3; k++) {
        assertEquals(want[k], cs[o + k], 0.0, "cross row " + r + " component " + k);
        assertEquals(-cs[o + k], back[o + k], 0.0, "cross is antisymmetric, row " + r);
      }
      assertEquals(0.0, cs[o] * xs[o] + cs[o + 1] * xs[o + 1] + cs[o + 2] * xs[o + 2], 1e-9);
    }
    // vector_norm over axes (0, 2) of the view: one 3-norm per middle index
    double[] n3 = Linalg.vectorNorm(x, 3L, new int[] {0, 2}, false).toDoubleArray();
    for (int m = 0; m < 4; m++) {
      double acc = 0;
      for (int i = 0; i < 3; i++) {
        for (int k = 0; k < 3; k++) {
          acc += Math.pow(Math.abs(xs[i * 12 + m * 3 + k]), 3);
        }
      }
      assertEquals(Math.cbrt(acc), n3[m], 1e-12 * Math.cbrt(acc), "vector_norm ord 3, " + m);
    }
    double[] fro = Linalg.matrixNorm(x, null, false).toDoubleArray();
    for (int i = 0; i < 3; i++) {
      double acc = 0;
      for (int e = 0; e < 12; e++) {
        acc += xs[i * 12 + e] * xs[i * 12 + e];
      }
      assertEquals(Math.sqrt(acc), fro[i], 1e-12 * Math.sqrt(acc), "matrix_norm fro " + i);
    }
    // tensorsolve / tensorinv on a (2, 3, 6) built from a well-conditioned 6 x 6 (a transposed
    // view)
    double[] m6 = new double[36];
    for (int i = 0; i < 36; i++) {
      m6[i] = rnd.nextDouble(-1, 1) + (i % 7 == 0 ? 6 : 0);
    }
    NdArray a = array(m6).reshape(6, 6).T().reshape(2, 3, 6);
    NdArray b = array(Arrays.copyOf(d, 6)).reshape(2, 3);
    NdArray sol = Linalg.tensorsolve(a, b, null);
    assertArrayEquals(new long[] {6}, sol.shape().dims());
    double[] back6 = io.ndj.Nd.tensordot(a, sol, 1).subtract(b).abs().toDoubleArray();
    for (double e : back6) {
      assertTrue(e <= 1e-12, "tensordot(a, tensorsolve(a, b)) gives b: " + e);
    }
    NdArray ainv = Linalg.tensorinv(a, 2);
    assertArrayEquals(new long[] {6, 2, 3}, ainv.shape().dims());
    double[] id = io.ndj.Nd.tensordot(ainv, a, 2).toDoubleArray();
    for (int i = 0; i < 6; i++) {
      for (int j = 0; j < 6; j++) {
        assertEquals(i == j ? 1.0 : 0.0, id[i * 6 + j], 1e-12, "tensorinv(a) . a at " + i + j);
      }
    }
    NdArray mt = Linalg.matrixTranspose(x);
    assertArrayEquals(new long[] {3, 3, 4}, mt.shape().dims());
    assertEquals(x.get("2, 1, 0").doubleValue(), mt.get("2, 0, 1").doubleValue(), 0.0);
  }

  /**
   * Stacks of many small systems (cuda solves n &lt;= 32 with few right-hand sides a group of lanes
   * a system, n &lt;= 16 with more a thread a system, up to 64 a block a matrix): residuals within
   * 50·n·eps for vector and matrix right-hand sides (more columns than a block takes at once),
   * broadcast ones too; one singular matrix in the stack raises NumPy's error, whether its first
   * pivot is zero or only the last (a zero last column); determinants of stacks built with known
   * ones.
   */
  @org.junit.jupiter.api.Test
  default void stacksOfSmallSystemsSolve() {
    SplittableRandom rnd = new SplittableRandom(seed() + 1);
    for (DType t : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
      double eps = t == DType.FLOAT32 ? 1.2e-7 : 2.2e-16;
      for (int n : new int[] {1, 2, 5, 8, 16, 17, 32, 33, 64}) {
        int count = 1000;
        double[] d = new double[count * n * n];
        for (int i = 0; i < d.length; i++) {
          d[i] = rnd.nextDouble(-1, 1);
        }
        NdArray a = array(d).reshape(count, n, n).astype(t);
        for (NdArray b :
            new NdArray[] {
              array(new double[count * n * 3]).add(1.5).reshape(count, n, 3).astype(t),
              ones(n, 2).astype(t),
              ones(n, 37).astype(t),
              arange(count * n).reshape(count, n, 1).astype(t)
            }) {
          NdArray x = Linalg.solve(a, b);
          NdArray ax =
              x.ndim() == 2
                  ? io.ndj.Nd.matmul(a, x.expandDims(-1)).squeeze(-1)
                  : io.ndj.Nd.matmul(a, x);
          double res = ax.subtract(b).abs().max().doubleValue();
          double scale = x.abs().max().doubleValue() * n;
          assertTrue(res <= 50 * n * eps * scale, t + " n=" + n + ": residual " + res);
        }
        NdArray singular = a.copy();
        singular.set("500", 0.0);
        assertEquals(
            "Singular matrix",
            assertThrows(
                    LinAlgError.class, () -> Linalg.solve(singular, ones(count, n, 1).astype(t)))
                .getMessage());
        if (n > 1) {
          NdArray late = a.copy();
          late.set(":, :, -1", 0.0); // every matrix's last pivot is exactly zero
          assertEquals(
              "Singular matrix",
              assertThrows(LinAlgError.class, () -> Linalg.solve(late, ones(count, n, 1).astype(t)))
                  .getMessage(),
              t + " n=" + n + ": a zero last column");
        }
        knownDeterminants(rnd, t, n, 50 * n * eps);
      }
    }
  }

  /**
   * slogdet of a stack of P·L·U products with unit lower L, upper U of random diagonals d (both
   * well conditioned: small off-diagonal entries) and P a row swap (every other matrix): sign =
   * ±prod(sign d), log|det| = sum log|d| within {@code tol} relative to the largest |log d| sum; a
   * zero matrix in the stack reads as sign 0, -inf.
   */
  private void knownDeterminants(SplittableRandom rnd, DType t, int n, double tol) {
    int count = 200;
    double[] l = new double[count * n * n];
    double[] u = new double[count * n * n];
    double[] sign = new double[count];
    double[] log = new double[count];
    for (int q = 0; q < count; q++) {
      sign[q] = n > 1 && q % 2 == 1 ? -1 : 1;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          int at = q * n * n + i * n + j;
          l[at] = i == j ? 1 : i > j ? rnd.nextDouble(-1, 1) / n : 0; // well conditioned
          if (i == j) {
            double d = (rnd.nextBoolean() ? 1 : -1) * rnd.nextDouble(0.5, 2);
            u[at] = d;
            sign[q] *= Math.signum(d);
            log[q] += Math.log(Math.abs(d));
          } else {
            u[at] = i < j ? rnd.nextDouble(-1, 1) / n : 0;
          }
        }
      }
    }
    NdArray a = io.ndj.Nd.matmul(array(l).reshape(count, n, n), array(u).reshape(count, n, n));
    if (n > 1) { // swap the first two rows of every other matrix
      NdArray odd = a.get("1::2").copy();
      a.set("1::2, 0", odd.get(":, 1"));
      a.set("1::2, 1", odd.get(":, 0"));
    }
    a.set("7", 0.0);
    sign[7] = 0;
    log[7] = Double.NEGATIVE_INFINITY;
    try (Linalg.SlogdetResult r = Linalg.slogdet(a.astype(t))) {
      double[] gs = r.sign().toDoubleArray();
      double[] gl = r.logabsdet().toDoubleArray();
      for (int q = 0; q < count; q++) {
        String what = t + " n=" + n + " matrix " + q;
        assertEquals(sign[q], gs[q], "sign of " + what);
        double err = Math.abs(gl[q] - log[q]);
        assertTrue(
            q == 7 ? gl[q] == Double.NEGATIVE_INFINITY : err <= tol * Math.max(1, n * 0.7),
            "log|det| of " + what + ": " + gl[q] + " against " + log[q]);
      }
    }
  }

  @org.junit.jupiter.api.Test
  default void largeSystemsSolveAndFactor() {
    SplittableRandom rnd = new SplittableRandom(seed());
    for (DType t : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
      double eps = t == DType.FLOAT32 ? 1.2e-7 : 2.2e-16;
      for (int n : new int[] {64, 100, 257}) {
        double[] d = new double[2 * n * n];
        for (int i = 0; i < d.length; i++) {
          d[i] = rnd.nextDouble(-1, 1);
        }
        NdArray a = array(d).reshape(2, n, n).astype(t);
        double[] e = new double[n * 3];
        for (int i = 0; i < e.length; i++) {
          e[i] = rnd.nextDouble(-1, 1);
        }
        NdArray b = array(e).reshape(n, 3).astype(t); // broadcast over a's batch
        NdArray x = Linalg.solve(a, b);
        assertArrayEquals(new long[] {2, n, 3}, x.shape().dims());
        assertEquals(t, x.dtype());
        double res = io.ndj.Nd.matmul(a, x).subtract(b).abs().max().doubleValue();
        double scale = a.abs().max().doubleValue() * x.abs().max().doubleValue() * n;
        assertTrue(res <= 50 * n * eps * scale, t + " n=" + n + ": solve residual " + res);
        NdArray xv = Linalg.solve(a, b.get(":, 0"));
        assertArrayEquals(new long[] {2, n}, xv.shape().dims());
        double resv =
            io.ndj.Nd.matmul(a, xv.expandDims(-1))
                .squeeze(-1)
                .subtract(b.get(":, 0"))
                .abs()
                .max()
                .doubleValue();
        assertTrue(resv <= 50 * n * eps * scale, t + " n=" + n + ": vector residual " + resv);
        // an SPD matrix: A^T A + n I
        NdArray spd = io.ndj.Nd.matmul(a.swapaxes(1, 2), a).add(eye(n).astype(t).mul(n));
        NdArray l = Linalg.cholesky(spd);
        assertEquals(0.0, io.ndj.Nd.triu(l, 1).abs().max().doubleValue(), "zeros above");
        double rec = io.ndj.Nd.matmul(l, l.swapaxes(1, 2)).subtract(spd).abs().max().doubleValue();
        assertTrue(rec <= 50 * n * eps * spd.abs().max().doubleValue(), t + " L L^T: " + rec);
        // inv: A inv(A) = I
        NdArray ai = Linalg.inv(a);
        double id = io.ndj.Nd.matmul(a, ai).subtract(eye(n).astype(t)).abs().max().doubleValue();
        double cond = a.abs().max().doubleValue() * ai.abs().max().doubleValue() * n;
        assertTrue(id <= 50 * n * eps * cond, t + " n=" + n + ": A inv(A) - I = " + id);
        // eigh of the SPD matrix: ascending, A V = V diag(w), V orthonormal; lower and upper
        for (String uplo : new String[] {"L", "U"}) {
          Linalg.EighResult eh = Linalg.eigh(spd, uplo);
          NdArray w = eh.eigenvalues();
          NdArray v = eh.eigenvectors();
          assertEquals(0L, w.get(":, 1:").lt(w.get(":, :-1")).sum().longValue(), "ascending");
          double er =
              io.ndj.Nd.matmul(spd, v).subtract(v.mul(w.expandDims(-2))).abs().max().doubleValue();
          double sc = spd.abs().max().doubleValue() * n;
          assertTrue(er <= 50 * n * eps * sc, t + " " + uplo + " n=" + n + ": A V - V w = " + er);
          double orth =
              io.ndj.Nd.matmul(v.swapaxes(1, 2), v)
                  .subtract(eye(n).astype(t))
                  .abs()
                  .max()
                  .doubleValue();
          assertTrue(orth <= 50 * n * eps, t + " " + uplo + " n=" + n + ": V^T V - I = " + orth);
          double dw = Linalg.eigvalsh(spd, uplo).subtract(w).abs().max().doubleValue();
          assertTrue(dw <= 50 * n * eps * sc, "eigvalsh = eigh's values: " + dw);
        }
        NdArray u = Linalg.cholesky(spd, true);
        assertEquals(0.0, io.ndj.Nd.tril(u, -1).abs().max().doubleValue(), "zeros below");
        double recu = io.ndj.Nd.matmul(u.swapaxes(1, 2), u).subtract(spd).abs().max().doubleValue();
        assertTrue(recu <= 50 * n * eps * spd.abs().max().doubleValue(), t + " U^T U: " + recu);
      }
      NdArray singular = eye(64).astype(t);
      singular.set("5", 0.0);
      assertEquals(
          "Singular matrix",
          assertThrows(LinAlgError.class, () -> Linalg.solve(singular, ones(64).astype(t)))
              .getMessage());
      NdArray indefinite = eye(64).astype(t);
      indefinite.set("7, 7", -1.0);
      assertEquals(
          "Matrix is not positive definite",
          assertThrows(LinAlgError.class, () -> Linalg.cholesky(indefinite)).getMessage());
    }
  }

  /**
   * Orders that cross the block sizes of a recursive or blocked factorization (97, 300, 521), on
   * strided and transposed views, with a zero diagonal (every column pivots): solve's and inv's
   * residuals and L L^T against products in plain Java, slogdet and det against Gaussian
   * elimination in plain Java; an exactly zero column deep in the matrix raises "Singular matrix"
   * (and gives slogdet's sign 0 and -inf), a negative pivot deep in an SPD matrix "Matrix is not
   * positive definite", and a NaN there goes on into the factor, as LAPACK (and so NumPy) lets it.
   */
  @org.junit.jupiter.api.Test
  default void factorizationsAcrossBlockSizes() {
    SplittableRandom rnd = new SplittableRandom(seed() + 7);
    for (DType t : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
      double eps = t == DType.FLOAT32 ? 1.2e-7 : 2.2e-16;
      for (int n : new int[] {97, 300, 521}) {
        double[] wide = new double[n * 2 * n];
        for (int i = 0; i < wide.length; i++) {
          wide[i] = i % (2 * n) == 2 * (i / (2 * n)) ? 0 : rnd.nextDouble(-1, 1);
        }
        // every other column of a wide matrix: a strided view whose diagonal is zero
        NdArray a = array(wide).reshape(n, 2 * n).astype(t).get(":, ::2");
        double[] ha = a.toDoubleArray();
        double[] hb = new double[n * 5];
        for (int i = 0; i < hb.length; i++) {
          hb[i] = rnd.nextDouble(-1, 1);
        }
        NdArray x = Linalg.solve(a, array(hb).reshape(n, 5).astype(t));
        double[] hx = x.toDoubleArray();
        double res = maxAbsDiff(product(ha, hx, n, n, 5, false), hb);
        double scale = maxAbs(ha) * maxAbs(hx) * n;
        assertTrue(res <= 50 * n * eps * scale, t + " n=" + n + ": solve residual " + res);
        // inv of the transpose (a view again): A^T inv(A^T) = I
        double[] hi = Linalg.inv(a.T()).toDoubleArray();
        double[] id = product(ha, hi, n, n, n, true);
        for (int i = 0; i < n; i++) {
          id[i * n + i] -= 1;
        }
        double cond = maxAbs(ha) * maxAbs(hi) * n;
        assertTrue(maxAbs(id) <= 50 * n * eps * cond, t + " n=" + n + ": inv residual");
        // SPD = A^T A + n I, read through its transpose
        double[] at = new double[n * n];
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < n; j++) {
            at[i * n + j] = ha[j * n + i];
          }
        }
        double[] spd = product(at, ha, n, n, n, false);
        for (int i = 0; i < n; i++) {
          spd[i * n + i] += n;
        }
        NdArray s = array(spd).reshape(n, n).astype(t).T();
        double[] hl = Linalg.cholesky(s).toDoubleArray();
        double[] lt = new double[n * n];
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < n; j++) {
            lt[i * n + j] = hl[j * n + i];
            assertTrue(j <= i || hl[i * n + j] == 0, "zeros above the diagonal");
          }
        }
        double rec = maxAbsDiff(product(hl, lt, n, n, n, false), s.toDoubleArray());
        assertTrue(rec <= 50 * n * eps * maxAbs(spd), t + " n=" + n + ": L L^T residual " + rec);
        // slogdet and det against Gaussian elimination in plain Java
        double[] oracle = slogdetInJava(ha.clone(), n);
        Linalg.SlogdetResult sl = Linalg.slogdet(a);
        assertEquals(oracle[0], sl.sign().doubleValue(), t + " n=" + n + ": slogdet sign");
        double logTol = 50 * n * eps * Math.max(1, Math.abs(oracle[1]));
        assertEquals(oracle[1], sl.logabsdet().doubleValue(), logTol, t + " n=" + n + ": log|det|");
        double det = Linalg.det(a.get("0:40, 0:40")).doubleValue();
        double[] small = slogdetInJava(a.get("0:40, 0:40").toDoubleArray(), 40);
        assertEquals(
            small[0] * Math.exp(small[1]),
            det,
            50 * 40 * 40 * eps * Math.exp(small[1]), // n eps, times a condition of about n
            t + " det of the leading 40 x 40");
        int deep = n * 2 / 3;
        NdArray singular = a.copy();
        singular.set(":, " + deep, 0.0);
        assertEquals(
            "Singular matrix",
            assertThrows(LinAlgError.class, () -> Linalg.solve(singular, ones(n).astype(t)))
                .getMessage());
        Linalg.SlogdetResult zero = Linalg.slogdet(singular);
        assertEquals(0.0, zero.sign().doubleValue(), "singular: sign 0");
        assertEquals(Double.NEGATIVE_INFINITY, zero.logabsdet().doubleValue(), "singular: -inf");
        NdArray indefinite = s.copy();
        indefinite.set(deep + ", " + deep, -1e6);
        assertEquals(
            "Matrix is not positive definite",
            assertThrows(LinAlgError.class, () -> Linalg.cholesky(indefinite)).getMessage());
        NdArray withNan = s.copy();
        withNan.set(deep + ", " + deep, Double.NaN);
        double[] ln = Linalg.cholesky(withNan).toDoubleArray();
        assertTrue(Double.isNaN(ln[deep * n + deep]), "NaN reaches its pivot");
        assertTrue(Double.isNaN(ln[(n - 1) * n + deep]), "and the column below it");
        double before = Math.abs(hl[(deep - 1) * n + 1] - ln[(deep - 1) * n + 1]);
        assertTrue(before <= 50 * n * eps * Math.sqrt(maxAbs(spd)), "and nothing before it");
      }
    }
  }

  /**
   * {sign, log|det|} of the n x n matrix m (destroyed) by Gaussian elimination, partial pivoting.
   */
  private static double[] slogdetInJava(double[] m, int n) {
    double sign = 1;
    double log = 0;
    for (int k = 0; k < n; k++) {
      int p = k;
      for (int i = k + 1; i < n; i++) {
        if (Math.abs(m[i * n + k]) > Math.abs(m[p * n + k])) {
          p = i;
        }
      }
      if (m[p * n + k] == 0) {
        return new double[] {0, Double.NEGATIVE_INFINITY};
      }
      if (p != k) {
        sign = -sign;
        for (int j = 0; j < n; j++) {
          double x = m[k * n + j];
          m[k * n + j] = m[p * n + j];
          m[p * n + j] = x;
        }
      }
      double u = m[k * n + k];
      sign = u < 0 ? -sign : sign;
      log += Math.log(Math.abs(u));
      for (int i = k + 1; i < n; i++) {
        double f = m[i * n + k] / u;
        for (int j = k + 1; j < n; j++) {
          m[i * n + j] -= f * m[k * n + j];
        }
      }
    }
    return new double[] {sign, log};
  }

  /** a (r x k) times b (k x c), or a^T b with a k x r where {@code transposeA}, in plain Java. */
  private static double[] product(double[] a, double[] b, int r, int k, int c, boolean transposeA) {
    double[] out = new double[r * c];
    for (int i = 0; i < r; i++) {
      for (int p = 0; p < k; p++) {
        double x = transposeA ? a[p * r + i] : a[i * k + p];
        for (int j = 0; j < c; j++) {
          out[i * c + j] += x * b[p * c + j];
        }
      }
    }
    return out;
  }

  private static double maxAbs(double[] v) {
    double m = 0;
    for (double x : v) {
      m = Math.max(m, Math.abs(x));
    }
    return m;
  }

  private static double maxAbsDiff(double[] a, double[] b) {
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }

  private Object apply(String fn, NdArray[] a, Map<String, String> p) {
    return switch (fn) {
      case "det" -> Linalg.det(a[0]);
      case "slogdet.sign" -> Linalg.slogdet(a[0]).sign();
      case "slogdet.logabsdet" -> Linalg.slogdet(a[0]).logabsdet();
      case "inv" -> Linalg.inv(a[0]);
      case "solve" -> Linalg.solve(a[0], a[1]);
      case "eigvalsh" -> Linalg.eigvalsh(a[0], p.getOrDefault("UPLO", "L"));
      case "cholesky" -> Linalg.cholesky(a[0], Boolean.parseBoolean(p.get("upper")));
      case "matrix_power" -> Linalg.matrixPower(a[0], Long.parseLong(p.get("n")));
      case "qr.r" -> Linalg.qr(a[0], p.getOrDefault("mode", "reduced")).r();
      case "qr.q" -> Linalg.qr(a[0], p.get("mode")).q();
      case "svdvals" -> Linalg.svdvals(a[0]);
      case "pinv" -> Linalg.pinv(a[0]);
      case "matrix_rank" ->
          Linalg.matrixRank(a[0], p.containsKey("tol") ? Double.valueOf(p.get("tol")) : null, null);
      case "norm" -> Linalg.norm(a[0], ord(p.get("ord")), KitData.axes(p.get("axis")), false);
      case "cond" -> Linalg.cond(a[0], ord(p.get("p")));
      case "multi_dot" -> Linalg.multiDot(a);
      case "lstsq.x" -> Linalg.lstsq(a[0], a[1]).x();
      case "lstsq.residuals" -> Linalg.lstsq(a[0], a[1]).residuals();
      case "lstsq.rank" -> a[0].backend().scalar(Linalg.lstsq(a[0], a[1]).rank());
      case "lstsq.s" -> Linalg.lstsq(a[0], a[1]).s();
      case "vector_norm" ->
          Linalg.vectorNorm(
              a[0],
              ord(p.get("ord")),
              KitData.axes(p.get("axis")),
              Boolean.parseBoolean(p.get("keepdims")));
      case "matrix_norm" ->
          Linalg.matrixNorm(a[0], ord(p.get("ord")), Boolean.parseBoolean(p.get("keepdims")));
      case "vecdot" -> Linalg.vecdot(a[0], a[1], Integer.parseInt(p.get("axis")));
      case "cross" -> Linalg.cross(a[0], a[1], Integer.parseInt(p.get("axis")));
      case "tensorsolve" -> Linalg.tensorsolve(a[0], a[1], KitData.axes(p.get("axes")));
      case "tensorinv" -> Linalg.tensorinv(a[0], Integer.parseInt(p.get("ind")));
      case "matrix_transpose" -> Linalg.matrixTranspose(a[0]);
      case "svd_hermitian.s" -> Linalg.svd(a[0], false, true).s();
      case "svd_hermitian.usvh" -> {
        Linalg.SvdResult d = Linalg.svd(a[0], false, true);
        yield io.ndj.Nd.matmul(d.u().mul(d.s().expandDims(-2).astype(d.u().dtype())), d.vh());
      }
      case "pinv_hermitian" -> Linalg.pinv(a[0], 1e-15, true);
      case "matrix_rank_hermitian" -> Linalg.matrixRank(a[0], null, null, true);
      case "matrix_rank_both" -> Linalg.matrixRank(a[0], 0.1, 0.1, false);
      case "outer" -> Linalg.outer(a[0], a[1]);
      case "diagonal" -> Linalg.diagonal(a[0], Long.parseLong(p.get("offset")));
      case "trace" ->
          Linalg.trace(
              a[0],
              Long.parseLong(p.get("offset")),
              p.get("dtype").equals("None") ? null : DType.of(p.get("dtype")));
      case "matmul" -> Linalg.matmul(a[0], a[1]);
      case "tensordot" -> Linalg.tensordot(a[0], a[1], Integer.parseInt(p.get("axes")));
      default -> throw new IllegalArgumentException("no linalg function " + fn);
    };
  }

  /** A norm order from the table: None, 'fro', 'nuc', inf, -inf or a number. */
  private static Object ord(String v) {
    return switch (v) {
      case "None" -> null;
      case "fro", "nuc" -> v;
      case "inf" -> Double.POSITIVE_INFINITY;
      case "-inf" -> Double.NEGATIVE_INFINITY;
      default -> v.matches("-?\\d+") ? (Object) Long.valueOf(v) : (Object) Double.valueOf(v);
    };
  }

  @TestFactory
  default Stream<DynamicTest> linalgMatchesNumpy() {
    return Stream.concat(
            KitData.table("numpy/numpy-linalg.tsv").stream(),
            KitData.table("numpy/numpy-linalg-complex.tsv").stream())
        .map(
            f ->
                dynamicTest(
                    "numpy " + f[0],
                    () -> {
                      NdArray[] a = tableOperands(f[2]);
                      String[] before =
                          Arrays.stream(a).map(String::valueOf).toArray(String[]::new);
                      Map<String, String> p = KitData.params(f[3]);
                      if (f[4].equals("ERR")) {
                        Check.raisesNumpysMessage(f[0], f[5], () -> apply(f[1], a, p));
                      } else {
                        NdArray r = (NdArray) apply(f[1], a, p);
                        String dtype = f[1].equals("lstsq.rank") ? "int64" : f[4];
                        assertEquals(dtype, r.dtype().toString(), f[0] + ": dtype");
                        assertArrayEquals(
                            NumpyCasesContract.longs(f[5]), r.shape().dims(), f[0] + ": shape");
                        near(f[0], NumpyCasesContract.doubles(f[6]), r.toDoubleArray(), r.dtype());
                      }
                      assertArrayEquals(
                          before,
                          Arrays.stream(a).map(String::valueOf).toArray(String[]::new),
                          f[0] + ": an operand changed");
                    }));
  }

  /**
   * Within rounding of the result's scale: NumPy's float32 LAPACK rounds at every step, ours in
   * float64 once; integers (ranks) and special values exactly.
   */
  private static void near(String label, double[] want, double[] got, DType t) {
    assertEquals(want.length, got.length, label + ": size");
    double scale = 1;
    for (double w : want) {
      if (Double.isFinite(w)) {
        scale = Math.max(scale, Math.abs(w));
      }
    }
    DType part = t.isComplex() ? t.componentType() : t;
    double tol = part == DType.FLOAT32 ? 2e-4 : part == DType.FLOAT64 ? 1e-9 : 0;
    for (int i = 0; i < want.length; i++) {
      boolean ok =
          Double.isFinite(want[i])
              ? Math.abs(want[i] - got[i]) <= tol * scale
              : Double.compare(want[i], got[i]) == 0;
      assertTrue(
          ok,
          () ->
              label
                  + ": expected "
                  + Arrays.toString(want)
                  + " but was "
                  + Arrays.toString(got)
                  + " (tolerance "
                  + tol
                  + " of "
                  + Arrays.stream(want).map(Math::abs).max().orElse(0)
                  + ")");
    }
  }

  // ------------------------------------------------------------------ properties

  /** How an operand is laid out: the kit runs every property on each. */
  enum Layout {
    CONTIGUOUS,
    TRANSPOSED,
    REVERSED,
    BROADCAST
  }

  /**
   * A stack of {@code count} matrices {@code rows x cols} with the values {@code v} (C order), laid
   * out as asked; BROADCAST repeats the first matrix along a stride-0 batch axis.
   */
  private NdArray laidOut(DType t, double[] v, int count, int rows, int cols, Layout layout) {
    return switch (layout) {
      case CONTIGUOUS -> make(t.toString(), v, new long[] {count, rows, cols});
      case TRANSPOSED -> {
        double[] w = new double[v.length];
        for (int b = 0; b < count; b++) {
          for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
              w[b * rows * cols + j * rows + i] = v[b * rows * cols + i * cols + j];
            }
          }
        }
        yield make(t.toString(), w, new long[] {count, cols, rows}).swapaxes(1, 2);
      }
      case REVERSED -> {
        double[] w = new double[v.length];
        int size = rows * cols;
        for (int b = 0; b < count; b++) {
          for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
              w[b * size + (rows - 1 - i) * cols + (cols - 1 - j)] = v[b * size + i * cols + j];
            }
          }
        }
        yield make(t.toString(), w, new long[] {count, rows, cols}).get("..., ::-1, ::-1");
      }
      case BROADCAST -> {
        for (int b = 1; b < count; b++) {
          System.arraycopy(v, 0, v, b * rows * cols, rows * cols);
        }
        yield make(t.toString(), Arrays.copyOf(v, rows * cols), new long[] {1, rows, cols})
            .broadcastTo(count, rows, cols);
      }
    };
  }

  private static double eps(DType t) {
    return t == DType.FLOAT32 ? 0x1p-23 : 0x1p-52;
  }

  /** Values that are exact in the dtype: a random part plus a diagonal that keeps it regular. */
  private static double[] values(SplittableRandom r, DType t, int count, int rows, int cols) {
    double[] v = new double[count * rows * cols];
    for (int b = 0; b < count; b++) {
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < cols; j++) {
          double x = Math.round(r.nextDouble(-4, 4) * 64) / 64.0;
          v[b * rows * cols + i * cols + j] = x + (i == j ? (r.nextBoolean() ? 6 : -6) : 0);
        }
      }
    }
    return v;
  }

  /**
   * svd, svdvals and qr (reduced, complete, r) of matrices large enough for a backend's own solver
   * (K = 97): tall, wide and a transposed view, with U S Vh = A, Q R = A, R upper triangular and
   * orthonormal vectors.
   */
  @TestFactory
  default Stream<DynamicTest> svdAndQrOfLargerMatrices() {
    List<DynamicTest> tests = new ArrayList<>();
    for (DType t : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
      for (int[] s : new int[][] {{130, 97}, {97, 130}, {100, 100}}) {
        int rows = s[0];
        int cols = s[1];
        for (boolean transposed : new boolean[] {false, true}) {
          String label = t + " " + rows + "x" + cols + (transposed ? " (a transposed view)" : "");
          tests.add(
              dynamicTest(
                  "linalg svd and qr " + label,
                  () -> {
                    double[] v = values(new SplittableRandom(rows + 3L * cols), t, 1, rows, cols);
                    NdArray a =
                        transposed
                            ? make(t.toString(), v, new long[] {cols, rows}).T()
                            : make(t.toString(), v, new long[] {rows, cols});
                    double[] host = a.toDoubleArray();
                    int m = (int) a.shape().dims()[0];
                    int n = (int) a.shape().dims()[1];
                    LinalgProperties.svd(label, a, host, 1, m, n, eps(t));
                    LinalgProperties.qr(label, a, host, 1, m, n, eps(t));
                    try (Linalg.QrResult full = Linalg.qr(a);
                        Linalg.QrResult onlyR = Linalg.qr(a, "r")) {
                      assertArrayEquals(
                          full.r().toDoubleArray(),
                          onlyR.r().toDoubleArray(),
                          label + ": mode 'r' is the reduced R");
                    }
                  }));
        }
      }
    }
    return tests.stream();
  }

  @TestFactory
  default Stream<DynamicTest> factorizationsKeepTheirDefiningProperties() {
    List<DynamicTest> tests = new ArrayList<>();
    for (DType t : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
      for (Layout layout : Layout.values()) {
        for (int[] s :
            new int[][] {{1, 1, 1}, {2, 3, 3}, {3, 4, 4}, {1, 6, 6}, {2, 5, 3}, {2, 3, 5}}) {
          int count = s[0];
          int rows = s[1];
          int cols = s[2];
          String label = t + " " + layout + " " + count + "x" + rows + "x" + cols;
          long seed = 31L * rows + 7L * cols + count + layout.ordinal() * 101L;
          tests.add(
              dynamicTest(
                  "linalg properties " + label,
                  () -> {
                    double[] v = values(new SplittableRandom(seed), t, count, rows, cols);
                    NdArray a = laidOut(t, v, count, rows, cols, layout);
                    double[] host = a.toDoubleArray();
                    LinalgProperties.svd(label, a, host, count, rows, cols, eps(t));
                    LinalgProperties.qr(label, a, host, count, rows, cols, eps(t));
                    LinalgProperties.pinv(label, a, host, count, rows, cols, eps(t));
                    if (rows == cols) {
                      LinalgProperties.square(label, a, host, count, rows, eps(t));
                    }
                    assertArrayEquals(v, a.toDoubleArray(), label + ": the operand changed");
                  }));
        }
      }
    }
    return tests.stream();
  }

  @TestFactory
  default Stream<DynamicTest> singularAndIndefiniteMatricesRaiseLinAlgError() {
    return Stream.of(DType.FLOAT64, DType.FLOAT32, DType.INT32)
        .map(
            t ->
                dynamicTest(
                    "LinAlgError " + t,
                    () -> {
                      NdArray s = make(t.toString(), new double[] {1, 2, 2, 4}, new long[] {2, 2});
                      assertEquals(
                          "Singular matrix",
                          assertThrows(LinAlgError.class, () -> Linalg.inv(s)).getMessage());
                      NdArray b = make(t.toString(), new double[] {1, 1}, new long[] {2});
                      assertThrows(LinAlgError.class, () -> Linalg.solve(s, b));
                      assertEquals(0.0, Linalg.det(s).doubleValue());
                      assertEquals(1L, Linalg.matrixRank(s).longValue());
                      assertEquals(
                          "Matrix is not positive definite",
                          assertThrows(LinAlgError.class, () -> Linalg.cholesky(s)).getMessage());
                      NdArray e = make(t.toString(), new double[0], new long[] {2, 0, 0});
                      assertArrayEquals(new double[] {1, 1}, Linalg.det(e).toDoubleArray());
                      assertArrayEquals(new long[] {2, 0, 0}, Linalg.inv(e).shape().dims());
                    }));
  }
}
