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
    for (int k1 = count; k1 > 0; k1 -= NB) {
      int k0 = Math.max(0, k1 - NB);
      Block b = block(rows, k0, k1 - k0, shift, tau, v);
      b.apply(z, b.r0() * cols, cols, cols, false);
    }
  }

  /**
   * Reflectors k0 .. k0 + nb - 1 as one block: H(k0) ... H(k0+nb-1) = I - V T Vᵀ on rows r0.. of a
   * matrix of {@code rows} rows (LAPACK's larft).
   */
  static Block block(int rows, int k0, int nb, int shift, double[] tau, Component v) {
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
    // T, nb x nb upper triangular
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
    return new Block(vb, t, m, nb, r0);
  }

  /**
   * A block of reflectors: V (m x nb, C order), T (nb x nb upper triangular), acting on rows r0 ..
   * r0 + m - 1.
   */
  record Block(double[] v, double[] t, int m, int nb, int r0) {
    /**
     * {@code Z = (I - V T Vᵀ) Z}, or with Tᵀ where {@code transposed} (the block's transpose,
     * Hᵀ(k0+nb-1) ... Hᵀ(k0)), for the m x cols block Z at z[zo] with row stride ld.
     */
    void apply(double[] z, int zo, int ld, int cols, boolean transposed) {
      if (cols <= 0 || m <= 0) {
        return;
      }
      // W = -(V^T Z), then Z -= V (-(T W)) = Z - V T V^T Z
      double[] w = new double[nb * cols];
      Update.subtract(
          nb, cols, m, new Operand(v, 0, 1, nb), new Operand(z, zo, ld, 1), w, 0, cols, Part.ALL);
      double[] tw = new double[nb * cols];
      for (int i = 0; i < nb; i++) {
        for (int p = transposed ? 0 : i; p < (transposed ? i + 1 : nb); p++) {
          double f = transposed ? -t[p * nb + i] : -t[i * nb + p];
          if (f != 0) {
            for (int j = 0; j < cols; j++) {
              tw[i * cols + j] += f * w[p * cols + j];
            }
          }
        }
      }
      Update.subtract(
          m, cols, nb, new Operand(v, 0, nb, 1), new Operand(tw, 0, cols, 1), z, zo, ld, Part.ALL);
    }
  }
}
