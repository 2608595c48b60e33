package io.ndj.random;

import io.ndj.spi.ZigguratTables;

/**
 * NumPy's ziggurat samplers of the standard normal and exponential distributions
 * (numpy/random/src/distributions/distributions.c), step for step, over NumPy's own tables ({@link
 * ZigguratTables}), so that the same PCG64 draws give the same doubles.
 */
final class Ziggurat {
  private Ziggurat() {}

  private static final long[] KI = ZigguratTables.words("ki_double");
  private static final double[] WI = ZigguratTables.doubles("wi_double");
  private static final double[] FI = ZigguratTables.doubles("fi_double");
  private static final long[] KE = ZigguratTables.words("ke_double");
  private static final double[] WE = ZigguratTables.doubles("we_double");
  private static final double[] FE = ZigguratTables.doubles("fe_double");
  private static final double NOR_R = ZigguratTables.doubles("ziggurat_nor_r")[0];
  private static final double NOR_INV_R = ZigguratTables.doubles("ziggurat_nor_inv_r")[0];
  private static final double EXP_R = ZigguratTables.doubles("ziggurat_exp_r")[0];

  /** {@code random_standard_normal}. */
  static double normal(Pcg64 g) {
    for (; ; ) {
      long r = g.next64();
      int idx = (int) (r & 0xff);
      r >>>= 8;
      boolean negative = (r & 1) != 0;
      long rabs = (r >>> 1) & 0x000fffffffffffffL;
      double x = rabs * WI[idx];
      if (negative) {
        x = -x;
      }
      if (rabs < KI[idx]) { // both below 2^52: a signed compare is the unsigned one
        return x;
      }
      if (idx == 0) {
        for (; ; ) {
          double xx = -NOR_INV_R * Math.log1p(-g.nextDouble());
          double yy = -Math.log1p(-g.nextDouble());
          if (yy + yy > xx * xx) {
            return ((rabs >>> 8) & 1) != 0 ? -(NOR_R + xx) : NOR_R + xx;
          }
        }
      }
      if ((FI[idx - 1] - FI[idx]) * g.nextDouble() + FI[idx] < Math.exp(-0.5 * x * x)) {
        return x;
      }
    }
  }

  /** {@code random_standard_exponential}. */
  static double exponential(Pcg64 g) {
    for (; ; ) {
      long ri = g.next64() >>> 3;
      int idx = (int) (ri & 0xff);
      ri >>>= 8;
      double x = ri * WE[idx];
      if (ri < KE[idx]) {
        return x;
      }
      if (idx == 0) {
        return EXP_R - Math.log1p(-g.nextDouble());
      }
      if ((FE[idx - 1] - FE[idx]) * g.nextDouble() + FE[idx] < Math.exp(-x)) {
        return x;
      }
    }
  }
}
