package io.ndj.cpu.reduce;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ndj.Backend;
import io.ndj.DType;
import io.ndj.Nd;
import io.ndj.NdArray;
import io.ndj.Scope;
import io.ndj.spi.Float16;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The cpu backend's float sums give NumPy's digits, bit for bit: {@code numpy-sums.tsv} (made by
 * {@code numpy_sums.py} beside it) holds NumPy 2.4's sums of float16/32/64 arrays in C order,
 * transposed, strided and reversed, over every axis, one axis or two; the arrays come from a
 * generator repeated here exactly.
 */
class NumpySumsTest {
  private static final long M64 = -1L;

  /** The script's generator: LCG mantissas that fit the dtype, times powers of two. */
  /** numpy_cast_sums.py's int64 values: the generator's raw states, shifted into +-2^61. */
  static long[] ints(int n, long seed) {
    long[] out = new long[n];
    long x = seed;
    for (int i = 0; i < n; i++) {
      x = x * 6364136223846793005L + 1442695040888963407L;
      out[i] = (x >>> 2) - (1L << 61);
    }
    return out;
  }

  static double[] values(DType t, int n, long seed) {
    int mant = t == DType.FLOAT16 ? 11 : t == DType.FLOAT32 ? 24 : 53;
    int spread = t == DType.FLOAT16 ? 4 : t == DType.FLOAT32 ? 10 : 30;
    double[] out = new double[n];
    long x = seed;
    for (int i = 0; i < n; i++) {
      x = x * 6364136223846793005L + 1442695040888963407L;
      long m = ((x >>> 11) & ((1L << mant) - 1)) - (1L << (mant - 1));
      long e = Long.remainderUnsigned(x >>> 3, 2L * spread + 1) - spread;
      out[i] = m * Math.pow(2.0, e);
    }
    return out;
  }

  private static double expected(DType t, String hex) {
    long bits = Long.parseUnsignedLong(hex, 16);
    return switch (t) {
      case FLOAT16 -> Float16.toDouble((short) bits);
      case FLOAT32 -> Float.intBitsToFloat((int) bits);
      default -> Double.longBitsToDouble(bits);
    };
  }

  /** A shape written as lengths joined by commas (empty: 0-d). */
  private static long[] shape(String s) {
    return s.isEmpty()
        ? new long[0]
        : Arrays.stream(s.split(",")).mapToLong(Long::parseLong).toArray();
  }

  /** Axes written as "all" (null) or joined by commas. */
  private static int[] axes(String s) {
    return s.equals("all")
        ? null
        : Arrays.stream(s.split(",")).mapToInt(Integer::parseInt).toArray();
  }

  /** Asserts got holds NumPy's values, given as hex bits in dtype t joined by commas. */
  private static void sameBits(DType t, String hexes, double[] got, String where) {
    String[] want = hexes.split(",");
    assertEquals(want.length, got.length, where + ": count");
    for (int i = 0; i < want.length; i++) {
      double e = expected(t, want[i]);
      assertEquals(
          Double.doubleToLongBits(e),
          Double.doubleToLongBits(got[i]),
          where + ": element " + i + " is " + got[i] + ", NumPy's " + e);
    }
  }

  /** The lines of a table beside this class (past its header line where it has one). */
  private static java.util.List<String> lines(String name, boolean header) throws IOException {
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                NumpySumsTest.class.getResourceAsStream(name), StandardCharsets.UTF_8))) {
      java.util.List<String> all = r.lines().toList();
      return header ? all.subList(1, all.size()) : all;
    }
  }

  /**
   * Sums into a wider float dtype (and float16 means, which sum in float32; int64 sums into float64
   * and int64 means) as NumPy's buffered casting adds them: {@code numpy-cast-sums.tsv}, made by
   * {@code numpy_cast_sums.py}.
   */
  @Test
  void castSumsMatchNumpyBitForBit() throws IOException {
    Backend cpu = Nd.backend("cpu");
    java.util.List<String> table = lines("numpy-cast-sums.tsv", true);
    for (String line : table) {
      String[] f = line.split("\t", -1);
      DType t = DType.of(f[0]);
      boolean mean = f[1].equals("mean");
      DType to = mean ? (t.isFloat() ? t : DType.FLOAT64) : DType.of(f[1]);
      long[] shape = shape(f[2]);
      int n = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
      try (Scope s = Nd.scope()) {
        long seed = Long.parseLong(f[3]);
        NdArray x =
            (t == DType.INT64 ? cpu.array(ints(n, seed)) : cpu.array(values(t, n, seed)).astype(t))
                .reshape(shape);
        boolean transposed = f[5].startsWith("T");
        int[] axes = axes(transposed ? f[5].substring(1) : f[5]);
        NdArray v = transposed ? x.transpose() : x;
        NdArray r = mean ? v.mean(axes, false) : v.sum(axes, false, to);
        assertEquals(to, r.dtype(), line);
        sameBits(to, f[4], r.toDoubleArray(), String.join(" ", f[0], f[1], f[2], f[5]));
      }
    }
    int rows = table.size();
    assertEquals(78, rows);
  }

  @Test
  void floatSumsMatchNumpyBitForBit() throws IOException {
    Backend cpu = Nd.backend("cpu");
    java.util.List<String> table = lines("numpy-sums.tsv", true);
    for (String line : table) {
      String[] f = line.split("\t", -1);
      DType t = DType.of(f[0]);
      long[] shape = shape(f[1]);
      int n = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
      try (Scope s = Nd.scope()) {
        NdArray base = cpu.array(values(t, n, Long.parseLong(f[2]))).astype(t).reshape(shape);
        NdArray x =
            switch (f[3]) {
              case "c" -> base;
              case "T" -> base.T();
              case "step" -> base.get("..., ::2");
              case "rev" -> base.get("::-1");
              default -> base.get("..., ::-1");
            };
        NdArray sum = f[4].equals("all") ? x.sum() : x.sum(axes(f[4]));
        String where = f[0] + " " + f[1] + " " + f[3] + " axes " + f[4];
        assertArrayEquals(shape(f[5]), sum.shape().dims(), where);
        assertEquals(t, sum.dtype(), where);
        sameBits(t, f[6], sum.toDoubleArray(), where);
      }
    }
    int rows = table.size();
    assertTrue(rows > 300, "read " + rows + " rows");
  }

  /** float16 means as NumPy's: summed and divided in float32, rounded to float16 once. */
  @Test
  void float16MeansMatchNumpyBitForBit() throws IOException {
    Backend cpu = Nd.backend("cpu");
    java.util.List<String> table = lines("numpy-f16-means.tsv", false);
    for (String line : table) {
      String[] f = line.split("\t");
      int n = Integer.parseInt(f[0]);
      try (Scope s = Nd.scope()) {
        NdArray a = cpu.array(values(DType.FLOAT16, n, Long.parseLong(f[1]))).astype(DType.FLOAT16);
        NdArray m = a.mean();
        assertEquals(DType.FLOAT16, m.dtype());
        double want = expected(DType.FLOAT16, f[2]);
        assertEquals(want, m.doubleValue(), 0.0, "mean of " + n + " float16 (seed " + f[1] + ")");
      }
    }
    int rows = table.size();
    assertEquals(60, rows);
  }

  /**
   * var and std as NumPy's: its mean, deviations, squares and their sum, in the dtype itself, of C
   * ordered arrays and of their transposes (whose deviations NumPy lays out as the input).
   */
  @Test
  void varianceAndStdMatchNumpyBitForBit() throws IOException {
    Backend cpu = Nd.backend("cpu");
    java.util.List<String> table = lines("numpy-var.tsv", false);
    for (String line : table) {
      String[] f = line.split("\t", -1);
      DType t = DType.of(f[0]);
      long[] shape = shape(f[1]);
      int n = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
      try (Scope s = Nd.scope()) {
        NdArray x = cpu.array(values(t, n, Long.parseLong(f[2]))).astype(t).reshape(shape);
        int[] axes = axes(f[4]);
        int ddof = Integer.parseInt(f[5]);
        NdArray y = f[3].endsWith("T") ? x.transpose() : x;
        NdArray v = f[3].startsWith("var") ? y.var(axes, ddof, false) : y.std(axes, ddof, false);
        sameBits(t, f[7], v.toDoubleArray(), line.substring(0, line.lastIndexOf('\t')));
      }
    }
    int rows = table.size();
    assertTrue(rows > 500, "read " + rows + " rows");
  }

  /**
   * Float products as NumPy's: one element after another, float32 rounded at each step, a float16
   * line in float and its rows multiplied elementwise in half ({@code numpy-prods.tsv}, made by
   * {@code numpy_prods.py}).
   */
  @Test
  void productsMatchNumpyBitForBit() throws IOException {
    Backend cpu = Nd.backend("cpu");
    java.util.List<String> table = lines("numpy-prods.tsv", false);
    for (String line : table) {
      String[] f = line.split("\t", -1);
      DType t = DType.of(f[0]);
      long[] shape = shape(f[1]);
      int n = (int) Arrays.stream(shape).reduce(1, (a, b) -> a * b);
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = 1 + ((i * 7919L) % 2001 - 1000) * 1e-4;
      }
      try (Scope s = Nd.scope()) {
        double[] got =
            cpu.array(v).astype(t).reshape(shape).prod(axes(f[2]), false).toDoubleArray();
        sameBits(t, f[3], got, f[0] + " " + f[1] + " " + f[2]);
      }
    }
    int rows = table.size();
    assertEquals(45, rows);
  }
}
