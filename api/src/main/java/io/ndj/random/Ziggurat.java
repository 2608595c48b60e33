package io.ndj.random;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * NumPy's ziggurat samplers of the standard normal and exponential distributions
 * (numpy/random/src/distributions/distributions.c), step for step, over NumPy's own tables
 * (ziggurat.txt, written from NumPy's header by ziggurat_tables.py beside it), so that the same
 * PCG64 draws give the same doubles.
 */
final class Ziggurat {
  private Ziggurat() {}

  private static final long[] KI;
  private static final double[] WI;
  private static final double[] FI;
  private static final long[] KE;
  private static final double[] WE;
  private static final double[] FE;
  private static final double NOR_R;
  private static final double NOR_INV_R;
  private static final double EXP_R;

  static {
    Map<String, long[]> t = new HashMap<>();
    try (InputStream in = Ziggurat.class.getResourceAsStream("ziggurat.txt")) {
      if (in == null) {
        throw new IllegalStateException("io/ndj/random/ziggurat.txt is missing from the jar");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] f = line.trim().split(" ");
        long[] v = new long[f.length - 1];
        for (int i = 1; i < f.length; i++) {
          v[i - 1] = Long.parseUnsignedLong(f[i], 16);
        }
        t.put(f[0], v);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    KI = t.get("ki_double");
    WI = doubles(t.get("wi_double"));
    FI = doubles(t.get("fi_double"));
    KE = t.get("ke_double");
    WE = doubles(t.get("we_double"));
    FE = doubles(t.get("fe_double"));
    NOR_R = Double.longBitsToDouble(t.get("ziggurat_nor_r")[0]);
    NOR_INV_R = Double.longBitsToDouble(t.get("ziggurat_nor_inv_r")[0]);
    EXP_R = Double.longBitsToDouble(t.get("ziggurat_exp_r")[0]);
  }

  private static double[] doubles(long[] bits) {
    double[] d = new double[bits.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = Double.longBitsToDouble(bits[i]);
    }
    return d;
  }

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
