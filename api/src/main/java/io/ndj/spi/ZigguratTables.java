package io.ndj.spi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * NumPy's ziggurat tables (numpy/random/src/distributions/ziggurat_constants.h) as exact bits, read
 * once from {@code io/ndj/random/ziggurat.txt} (written by ziggurat_tables.py beside it): {@code
 * ki_double}, {@code wi_double}, {@code fi_double} (the normal's 256 layers), {@code ke_double},
 * {@code we_double}, {@code fe_double} (the exponential's), {@code ziggurat_nor_r}, {@code
 * ziggurat_nor_inv_r} and {@code ziggurat_exp_r}. NumPy's own stream ({@code defaultRng}) and ndj's
 * Philox normals ({@link Gaussian}) both draw through them.
 */
public final class ZigguratTables {
  private static final Map<String, long[]> TABLES = read();

  private ZigguratTables() {}

  /**
   * A table's 64-bit words (the integers of the k tables, the IEEE bits of the others).
   *
   * @param name the table's name in NumPy's header
   * @return a new copy of its words
   */
  public static long[] words(String name) {
    long[] t = TABLES.get(name);
    if (t == null) {
      throw new IllegalArgumentException("no ziggurat table named " + name);
    }
    return t.clone();
  }

  /**
   * A table of doubles.
   *
   * @param name the table's name in NumPy's header
   * @return a new array of its values
   */
  public static double[] doubles(String name) {
    long[] bits = words(name);
    double[] d = new double[bits.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = Double.longBitsToDouble(bits[i]);
    }
    return d;
  }

  private static Map<String, long[]> read() {
    Map<String, long[]> t = new HashMap<>();
    try (InputStream in = ZigguratTables.class.getResourceAsStream("/io/ndj/random/ziggurat.txt")) {
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
    return t;
  }
}
