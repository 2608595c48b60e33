package io.ndj.spi;

/**
 * The implicit QL method for symmetric tridiagonal matrices (EISPACK's tql2), with the plane
 * rotations of each sweep handed to the caller, who turns its eigenvector matrix with them as it
 * lays it out (io.ndj's host eigh one row pair at a time, a backend's on all its cores).
 */
public final class Tridiagonal {
  private Tridiagonal() {}

  private static final double EPS = 0x1p-52;

  /**
   * Scales the first {@code count} values of {@code a} by a power of two (exactly) when their
   * largest magnitude lies outside [2^-500, 2^500], so that an eigen-solver's squares and sums
   * neither underflow nor overflow (LAPACK's dsyev scales likewise): the eigenvalues of the scaled
   * matrix times {@code 2^-shift} are the original's.
   *
   * @param a the matrix's values, scaled in place
   * @param count how many
   * @return the shift: the power of two the values were multiplied by (0 where they were not)
   */
  public static int scaleToRange(double[] a, int count) {
    double max = 0;
    for (int i = 0; i < count; i++) {
      max = Math.max(max, Math.abs(a[i]));
    }
    if (!(max > 0) || (max >= 0x1p-500 && max <= 0x1p500) || max == Double.POSITIVE_INFINITY) {
      return 0;
    }
    int shift = -Math.getExponent(max);
    for (int i = 0; i < count; i++) {
      a[i] = Math.scalb(a[i], shift);
    }
    return shift;
  }

  /** Receives one QL sweep's plane rotations. */
  public interface Rotations {
    /**
     * Rotation i, for i from {@code m - 1} down to {@code l}, turns the pair (x_i, x_{i+1}) of each
     * eigenvector row or column into (c_i x_i - s_i x_{i+1}, s_i x_i + c_i x_{i+1}).
     *
     * @param l the first rotation's index
     * @param m one past the last rotation's index
     * @param c the cosines, at [l, m)
     * @param s the sines, at [l, m)
     */
    void turn(int l, int m, double[] c, double[] s);
  }

  /**
   * The eigenvalues of the symmetric tridiagonal matrix (diagonal {@code d}, off-diagonal {@code
   * e[k]} between rows k and k+1, {@code e[n-1]} 0) into {@code d} (unsorted), by implicit QL steps
   * with Wilkinson's shift; {@code e} is destroyed.
   *
   * @param d the diagonal; the eigenvalues on return
   * @param e the off-diagonal
   * @param n the order
   * @param rotations where not null, given each sweep's plane rotations
   * @return false where a value did not converge in 60 sweeps (NaN among the input)
   */
  public static boolean ql(double[] d, double[] e, int n, Rotations rotations) {
    for (int i = 0; i < n; i++) {
      // NaN or inf: LAPACK's sweeps run out on them ("did not converge"); the tests below would
      // compare against a NaN bound and let the values through as converged
      if (!Double.isFinite(d[i]) || !Double.isFinite(e[i])) {
        return false;
      }
    }
    double[] rc = new double[n];
    double[] rs = new double[n];
    double f = 0;
    double tst1 = 0;
    for (int l = 0; l < n; l++) {
      tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
      int m = l;
      while (m < n && Math.abs(e[m]) > EPS * tst1) {
        m++;
      }
      if (m == n) {
        m = n - 1; // e[n-1] is 0; only NaN gets here
      }
      if (m > l) {
        int iterations = 0;
        do {
          if (++iterations > 60 || !Double.isFinite(e[l])) {
            return false;
          }
          double g = d[l];
          double p = (d[l + 1] - g) / (2 * e[l]);
          double r = Math.hypot(p, 1);
          if (p < 0) {
            r = -r;
          }
          d[l] = e[l] / (p + r);
          d[l + 1] = e[l] * (p + r);
          double dl1 = d[l + 1];
          double h = g - d[l];
          for (int i = l + 2; i < n; i++) {
            d[i] -= h;
          }
          f += h;
          p = d[m];
          double c = 1;
          double c2 = c;
          double c3 = c;
          double el1 = e[l + 1];
          double s = 0;
          double s2 = 0;
          for (int i = m - 1; i >= l; i--) {
            c3 = c2;
            c2 = c;
            s2 = s;
            g = c * e[i];
            h = c * p;
            r = Math.hypot(p, e[i]);
            e[i + 1] = s * r;
            s = e[i] / r;
            c = p / r;
            p = c * d[i] - s * g;
            d[i + 1] = h + s * (c * g + s * d[i]);
            rc[i] = c;
            rs[i] = s;
          }
          if (rotations != null) {
            rotations.turn(l, m, rc, rs);
          }
          p = -s * s2 * c3 * el1 * e[l] / dl1;
          e[l] = s * p;
          d[l] = c * p;
        } while (Math.abs(e[l]) > EPS * tst1);
      }
      d[l] += f;
      e[l] = 0;
    }
    return true;
  }

  /**
   * The eigenvalues ascending into {@code w} and, where {@code v} is not null, the eigenvectors as
   * v's columns (n x n, C order), from QL's unsorted values {@code d} and the transposed
   * eigenvector matrix {@code qt} (its rows).
   *
   * @param d the eigenvalues as {@link #ql} left them
   * @param qt the eigenvectors as rows, n x n in C order; read only where v is not null
   * @param n the order
   * @param w the sorted eigenvalues
   * @param v the eigenvectors as columns, or null
   */
  public static void ascending(double[] d, double[] qt, int n, double[] w, double[] v) {
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (x, y) -> Double.compare(d[x], d[y]));
    for (int j = 0; j < n; j++) {
      w[j] = d[order[j]];
      if (v != null) {
        int row = order[j] * n;
        for (int r = 0; r < n; r++) {
          v[r * n + j] = qt[row + r];
        }
      }
    }
  }
}
