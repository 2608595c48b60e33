package io.ndj.cpu.linalg;

import io.ndj.cpu.gemm.Update;
import io.ndj.cpu.gemm.Update.Operand;
import io.ndj.cpu.gemm.Update.Part;

/**
 * Householder reflectors: made from a vector (dlarfg) and applied to a matrix in blocks (dlarfb).
 */
final class Householder {
  private Householder() {}

  /** Reflectors applied together, as one block I - V T Vᵀ (LAPACK's larft/larfb). */
  private static final int NB = 32;

  /**
   * The Householder reflector of the m values at a[x]: they become its vector v (v[0] = 1), the new
   * value at their head goes to e[k], and the scale tau is returned (0 where they are zero
   * already).
   */
  static double reflector(double[] a, int x, int m, double[] e, int k) {
    double alpha = a[x];
    double xnorm = norm(a, x + 1, m - 1);
    if (xnorm == 0) {
      e[k] = alpha;
      a[x] = 1;
      return 0;
    }
    double beta = -Math.copySign(Math.hypot(alpha, xnorm), alpha);
    int scaled = 0;
    // beta past the normal range: x scaled up until it is not (dlarfg), lest 1 / (alpha - beta)
    // overflow
    while (Math.abs(beta) < SAFE_MIN && scaled < 20) {
      scaled++;
      for (int i = 1; i < m; i++) {
        a[x + i] *= 1 / SAFE_MIN;
      }
      beta /= SAFE_MIN;
      alpha /= SAFE_MIN;
    }
    if (scaled > 0) {
      beta = -Math.copySign(Math.hypot(alpha, norm(a, x + 1, m - 1)), alpha);
    }
    double tau = (beta - alpha) / beta;
    double f = 1 / (alpha - beta);
    for (int i = 1; i < m; i++) {
      a[x + i] *= f;
    }
    for (int j = 0; j < scaled; j++) {
      beta *= SAFE_MIN;
    }
    a[x] = 1;
    e[k] = beta;
    return tau;
  }

  /** The smallest value whose reciprocal is finite, with a margin for rounding (dlamch's S / E). */
  private static final double SAFE_MIN = 0x1p-969;

  /** The 2-norm of a[from, from + count), scaled against overflow and underflow. */
  private static double norm(double[] a, int from, int count) {
    double scale = 0;
    for (int i = 0; i < count; i++) {
      scale = Math.max(scale, Math.abs(a[from + i]));
    }
    if (!(scale > 0)) {
      return scale; // 0, or NaN
    }
    double sum = 0;
    for (int i = 0; i < count; i++) {
      double t = a[from + i] / scale;
      sum += t * t;
    }
    return scale * Math.sqrt(sum);
  }

  /** Where the reflectors' vectors are kept: component r of reflector c. */
  interface Component {
    double at(int c, int r);
  }

  /**
   * {@code z = H(0) H(1) ... H(count-1) z} for the reflectors H(c) = I - tau[c] v vᵀ whose vectors
   * start at row {@code c + shift} (with 1 there) and have {@code v.at(c, r)} at the rows r below,
   * applied backwards a block of {@link #NB} at a time: z[r0.., :] -= V T (Vᵀ z[r0.., :]), both
   * products in {@link Update#subtract}.
   *
   * @param z the matrix, rows x cols in C order
   * @param rows z's rows
   * @param cols z's columns
   * @param count how many reflectors
   * @param shift the row of reflector 0's leading 1
   * @param tau the reflectors' scales
   * @param v their vectors
   */
  static void applyBackward(
      double[] z, int rows, int cols, int count, int shift, double[] tau, Component v) {
    int n = cols;
    for (int k1 = count; k1 > 0; k1 -= NB) {
      int k0 = Math.max(0, k1 - NB);
      int nb = k1 - k0;
      int r0 = k0 + shift;
      int m = rows - r0;
      // V, m x nb: column c is reflector k0 + c (zero above its row c, 1 there)
      double[] vb = new double[m * nb];
      for (int c = 0; c < nb; c++) {
        vb[c * nb + c] = 1;
        for (int i = c + 1; i < m; i++) {
          vb[i * nb + c] = v.at(k0 + c, r0 + i);
        }
      }
      // T, nb x nb upper triangular, so that H(k0) ... H(k1-1) = I - V T V^T
      double[] t = new double[nb * nb];
      double[] s = new double[nb];
      for (int c = 0; c < nb; c++) {
        double tc = tau[k0 + c];
        t[c * nb + c] = tc;
        if (tc == 0) {
          continue;
        }
        java.util.Arrays.fill(s, 0, c, 0);
        for (int i = c; i < m; i++) {
          double vic = vb[i * nb + c];
          for (int p = 0; p < c; p++) {
            s[p] += vb[i * nb + p] * vic;
          }
        }
        for (int p = 0; p < c; p++) {
          double acc = 0;
          for (int r = p; r < c; r++) {
            acc += t[p * nb + r] * s[r];
          }
          t[p * nb + c] = -tc * acc;
        }
      }
      // W = -(V^T Z'), then Z' -= V (-(T W)) = Z' - V T V^T Z'
      double[] w = new double[nb * n];
      int zo = r0 * n;
      Update.subtract(
          nb, n, m, new Operand(vb, 0, 1, nb), new Operand(z, zo, n, 1), w, 0, n, Part.ALL);
      double[] tw = new double[nb * n];
      for (int i = 0; i < nb; i++) {
        for (int p = i; p < nb; p++) {
          double f = -t[i * nb + p];
          if (f != 0) {
            for (int j = 0; j < n; j++) {
              tw[i * n + j] += f * w[p * n + j];
            }
          }
        }
      }
      Update.subtract(
          m, n, nb, new Operand(vb, 0, nb, 1), new Operand(tw, 0, n, 1), z, zo, n, Part.ALL);
    }
  }
}
