package io.ndj.cpu.linalg;

import io.ndj.cpu.gemm.Update;
import io.ndj.cpu.gemm.Update.Operand;
import io.ndj.cpu.gemm.Update.Part;

/**
 * LU with partial pivoting, the triangular solves after it, and Cholesky, on one n x n float64
 * matrix in C order, recursive (Toledo's LU; Gustavson's Cholesky): each splits its columns in two,
 * factors the left half, updates the right half with a triangular solve and a {@link
 * Update#subtract} on the cores, and factors the right half. Nearly all the flops run in the packed
 * micro-kernel at cache-sized shapes; columns narrower than {@link #BASE} are factored directly.
 * The results are LAPACK's (getrf, getrs, potrf) up to rounding: the same pivots where the
 * candidates differ by more than rounding.
 */
final class Blocked {
  private Blocked() {}

  /** Panels at most this wide are factored, and triangles this small solved, directly. */
  static final int BASE = 16;

  // ------------------------------------------------------------------------------------------ LU

  /**
   * An LU factorization in place, as getrf: {@code a} becomes L (unit diagonal, below) and U (on
   * and above), {@code pivots[k]} the row swapped with row k. A zero pivot is left in U and the
   * elimination goes on.
   *
   * @return whether no pivot is exactly zero
   */
  static boolean lu(double[] a, int n, int[] pivots) {
    return lu(a, n, 0, n, pivots);
  }

  /**
   * Factors columns c0..c0+w of rows c0..n (the left columns' updates applied), swapping whole
   * rows.
   */
  private static boolean lu(double[] a, int n, int c0, int w, int[] pivots) {
    if (w <= BASE) {
      return panel(a, n, c0, w, pivots);
    }
    int w1 = w / 2;
    int c1 = c0 + w1;
    int w2 = w - w1;
    boolean ok = lu(a, n, c0, w1, pivots);
    // A12 := L11^-1 A12, then A22 -= A21 A12 over every row below
    lowerUnitSolve(a, n, c0, w1, a, c0 * n + c1, n, w2);
    Update.subtract(
        n - c1,
        w2,
        w1,
        new Operand(a, c1 * n + c0, n, 1),
        new Operand(a, c0 * n + c1, n, 1),
        a,
        c1 * n + c1,
        n,
        Part.ALL);
    return lu(a, n, c1, w2, pivots) && ok;
  }

  /** Unblocked LU of the narrow panel c0..c0+w over rows c0..n. */
  private static boolean panel(double[] a, int n, int c0, int w, int[] pivots) {
    boolean ok = true;
    int end = c0 + w;
    for (int j = c0; j < end; j++) {
      int p = j;
      double best = Math.abs(a[j * n + j]);
      for (int i = j + 1; i < n; i++) {
        double v = Math.abs(a[i * n + j]);
        if (v > best) { // LAPACK's idamax: a NaN below never wins; one on the diagonal stays
          best = v;
          p = i;
        }
      }
      pivots[j] = p;
      if (p != j) {
        swapRows(a, n, j, p, 0, n);
      }
      double pivot = a[j * n + j];
      if (pivot == 0) {
        ok = false;
        continue;
      }
      int rj = j * n;
      for (int i = j + 1; i < n; i++) {
        int ri = i * n;
        double f = a[ri + j] / pivot;
        a[ri + j] = f;
        for (int c = j + 1; c < end; c++) {
          a[ri + c] -= f * a[rj + c];
        }
      }
    }
    return ok;
  }

  private static void swapRows(double[] x, int ld, int r1, int r2, int from, int to) {
    int o1 = r1 * ld;
    int o2 = r2 * ld;
    for (int j = from; j < to; j++) {
      double t = x[o1 + j];
      x[o1 + j] = x[o2 + j];
      x[o2 + j] = t;
    }
  }

  /**
   * Solves A X = B given A's LU factors: {@code b} (n x k, C order) becomes X. Rows swapped as the
   * pivots say, then the unit lower and the upper triangular solves.
   */
  static void luSolve(double[] lu, int n, int[] pivots, double[] b, int k) {
    for (int i = 0; i < n; i++) {
      if (pivots[i] != i) {
        swapRows(b, k, i, pivots[i], 0, k);
      }
    }
    lowerUnitSolve(lu, n, 0, n, b, 0, k, k);
    upperSolve(lu, n, 0, n, b, 0, k, k);
  }

  /**
   * B := L^-1 B for the unit lower triangle of {@code l} (leading dimension ld) at rows and columns
   * t0..t0+s, B the s x k block of {@code b} at {@code bo} with leading dimension ldb.
   */
  private static void lowerUnitSolve(
      double[] l, int ld, int t0, int s, double[] b, int bo, int ldb, int k) {
    if (s <= BASE || k < BASE) {
      for (int i = 1; i < s; i++) {
        int li = (t0 + i) * ld + t0;
        int bi = bo + i * ldb;
        for (int r = 0; r < i; r++) {
          double f = l[li + r];
          int br = bo + r * ldb;
          for (int j = 0; j < k; j++) {
            b[bi + j] -= f * b[br + j];
          }
        }
      }
      return;
    }
    int s1 = s / 2;
    lowerUnitSolve(l, ld, t0, s1, b, bo, ldb, k);
    Update.subtract(
        s - s1,
        k,
        s1,
        new Operand(l, (t0 + s1) * ld + t0, ld, 1),
        new Operand(b, bo, ldb, 1),
        b,
        bo + s1 * ldb,
        ldb,
        Part.ALL);
    lowerUnitSolve(l, ld, t0 + s1, s - s1, b, bo + s1 * ldb, ldb, k);
  }

  /** B := U^-1 B for the upper triangle (diagonal included) of {@code u}: as lowerUnitSolve. */
  private static void upperSolve(
      double[] u, int ld, int t0, int s, double[] b, int bo, int ldb, int k) {
    if (s <= BASE || k < BASE) {
      for (int i = s - 1; i >= 0; i--) {
        int ui = (t0 + i) * ld + t0;
        int bi = bo + i * ldb;
        for (int r = i + 1; r < s; r++) {
          double f = u[ui + r];
          int br = bo + r * ldb;
          for (int j = 0; j < k; j++) {
            b[bi + j] -= f * b[br + j];
          }
        }
        double d = u[ui + i];
        for (int j = 0; j < k; j++) {
          b[bi + j] /= d;
        }
      }
      return;
    }
    int s1 = s / 2;
    upperSolve(u, ld, t0 + s1, s - s1, b, bo + s1 * ldb, ldb, k);
    Update.subtract(
        s1,
        k,
        s - s1,
        new Operand(u, t0 * ld + t0 + s1, ld, 1),
        new Operand(b, bo + s1 * ldb, ldb, 1),
        b,
        bo,
        ldb,
        Part.ALL);
    upperSolve(u, ld, t0, s1, b, bo, ldb, k);
  }

  // ------------------------------------------------------------------------------------ Cholesky

  /**
   * The lower Cholesky factor of the symmetric matrix whose lower triangle {@code a} holds, in
   * place, as potrf; the strictly upper triangle is left unspecified.
   *
   * @return false where a leading minor is not positive: not positive definite (a NaN goes on into
   *     the factor, as LAPACK lets it)
   */
  static boolean cholesky(double[] a, int n) {
    return cholesky(a, n, 0, n);
  }

  /**
   * Factors columns c0..c0+w over rows c0..n (the left columns' updates applied): the left half,
   * then the right half less the left half's product with itself (its lower part), then the right
   * half.
   */
  private static boolean cholesky(double[] a, int n, int c0, int w) {
    if (w <= BASE) {
      return choleskyPanel(a, n, c0, w);
    }
    int w1 = w / 2;
    int c1 = c0 + w1;
    if (!cholesky(a, n, c0, w1)) {
      return false;
    }
    Update.subtract(
        n - c1,
        w - w1,
        w1,
        new Operand(a, c1 * n + c0, n, 1),
        new Operand(a, c1 * n + c0, 1, n),
        a,
        c1 * n + c1,
        n,
        Part.LOWER);
    return cholesky(a, n, c1, w - w1);
  }

  /** Cholesky of the narrow panel c0..c0+w over rows c0..n, a column at a time. */
  private static boolean choleskyPanel(double[] a, int n, int c0, int w) {
    for (int j = c0; j < c0 + w; j++) {
      int rj = j * n;
      double d = a[rj + j];
      for (int k = c0; k < j; k++) {
        d -= a[rj + k] * a[rj + k];
      }
      if (d <= 0) { // NaN goes on, as LAPACK lets it
        return false;
      }
      d = Math.sqrt(d);
      a[rj + j] = d;
      for (int i = j + 1; i < n; i++) {
        int ri = i * n;
        double s = a[ri + j];
        for (int k = c0; k < j; k++) {
          s -= a[ri + k] * a[rj + k];
        }
        a[ri + j] = s / d;
      }
    }
    return true;
  }
}
