package io.ndj.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ndj.spi.Binomial;
import io.ndj.spi.Gaussian;
import io.ndj.spi.Philox;
import io.ndj.spi.Poisson;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * strictmath.cuh, the device's StrictMath, gives the JVM's bits: built for the host with a C++
 * compiler (each SM_ operation one rounded IEEE operation, as its _rn intrinsic on the device), its
 * log against {@link StrictMath#log} and k_poisson's element loop against {@link Poisson#draw}.
 * Needs g++ on the PATH, not a GPU.
 */
class StrictMathHostTest {
  private static Path program;

  @BeforeAll
  static void build() throws Exception {
    Path out = Files.createTempDirectory("ndj-strictmath");
    program = out.resolve("strictmath_host");
    Process p;
    try {
      p =
          new ProcessBuilder(
                  "g++",
                  "-std=c++17",
                  "-O2",
                  "-ffp-contract=off",
                  "-o",
                  program.toString(),
                  "src/test/native/strictmath_host.cpp")
              .redirectErrorStream(true)
              .start();
    } catch (IOException noCompiler) {
      assumeTrue(false, "no g++ on the PATH");
      return;
    }
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), log);
  }

  private static List<String> run(String input, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(program.toString()));
    command.addAll(List.of(args));
    Path in = Files.createTempFile(program.getParent(), "in", ".txt");
    Files.writeString(in, input, StandardCharsets.US_ASCII); // a file: no pipe to fill both ways
    Process p = new ProcessBuilder(command).redirectInput(in.toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    p.waitFor(60, TimeUnit.SECONDS);
    assertEquals(0, p.exitValue(), String.join(" ", command));
    return out.lines().toList();
  }

  private static String hex(double x) {
    return Long.toHexString(Double.doubleToRawLongBits(x));
  }

  /**
   * strictmath.cuh's ziggurat (k_normal's and k_normal_f32's fast test and further draws, each
   * element taken through them as the kernels' queue does) against {@link Gaussian#normal} and
   * {@link Gaussian#normal32}: 400,000 values of each width, about 6,000 past the fast test and 100
   * in the tail.
   */
  @Test
  void normalsAreGaussiansToTheBit() throws Exception {
    StringBuilder table = new StringBuilder();
    for (long w : Gaussian.table()) {
      table.append(Long.toHexString(w)).append('\n');
    }
    long key = 0x9E3779B97F4A7C15L;
    long counter = 12345;
    int n = 400_000;
    for (int per : new int[] {2, 4}) {
      List<String> got =
          run(
              table.toString(),
              "normal",
              Long.toHexString(key),
              Long.toHexString(counter),
              "" + n,
              "" + per);
      assertEquals(n, got.size());
      long[] rest = new long[1];
      for (int e = 0; e < n; e++) {
        long ctr = counter + e / per;
        int lane = e % per;
        long first = Philox.block(key, ctr, rest);
        double want;
        if (per == 2) {
          want = Gaussian.normal(lane == 0 ? first : rest[0], key, ctr, lane);
        } else {
          long half = lane < 2 ? first : rest[0];
          want = Gaussian.normal32((int) ((lane & 1) == 0 ? half >>> 32 : half), key, ctr, lane);
        }
        assertEquals(
            hex(want), got.get(e), "element " + e + " of " + (per == 2 ? "float64" : "float32"));
      }
    }
  }

  @Test
  void logIsStrictMathsToTheBit() throws Exception {
    List<Double> xs = new ArrayList<>();
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 100_000; i++) {
      xs.add(Double.longBitsToDouble(r.nextLong() >>> 1)); // every positive double, NaN and inf
    }
    for (int e = -1074; e <= 1023; e += 7) { // powers of two and their neighbours: |f| < 2^-20
      double p = Math.scalb(1.0, e);
      xs.addAll(List.of(p, Math.nextUp(p), Math.nextDown(p), p * (1 + 0x1p-21), p * (1 - 0x1p-22)));
    }
    for (int i = 0; i < 20_000; i++) {
      xs.add(r.nextDouble()); // the laws' range
      xs.add(1 + r.nextDouble() * 1e6);
    }
    xs.addAll(List.of(0.0, -0.0, -1.0, Double.MIN_VALUE, Double.MAX_VALUE, 1.0));
    StringBuilder in = new StringBuilder();
    for (double x : xs) {
      in.append(hex(x)).append('\n');
    }
    List<String> got = run(in.toString(), "log");
    for (int i = 0; i < xs.size(); i++) {
      double want = StrictMath.log(xs.get(i));
      if (Double.isNaN(want)) {
        double g = Double.longBitsToDouble(Long.parseUnsignedLong(got.get(i), 16));
        assertEquals(Double.NaN, g, "log(" + xs.get(i) + ")"); // any NaN
      } else {
        assertEquals(hex(want), got.get(i), "log(" + xs.get(i) + ")");
      }
    }
  }

  @Test
  void expIsStrictMathsToTheBit() throws Exception {
    List<Double> xs = new ArrayList<>();
    SplittableRandom r = new SplittableRandom(8);
    for (int i = 0; i < 100_000; i++) {
      xs.add(r.nextDouble(-750, 750));
      xs.add(r.nextDouble(-1, 1));
      xs.add(-r.nextDouble(0, 1e12)); // poisson's exp(-lam)
    }
    for (double x :
        new double[] {
          0,
          -0.0,
          1e-300,
          -1e-9,
          0x1p-28,
          0.34657359,
          1.03972077,
          709.78,
          709.79,
          -745.13,
          -745.14,
          -708.5,
          Double.NaN,
          Double.POSITIVE_INFINITY,
          Double.NEGATIVE_INFINITY
        }) {
      xs.add(x);
    }
    StringBuilder in = new StringBuilder();
    for (double x : xs) {
      in.append(hex(x)).append('\n');
    }
    List<String> got = run(in.toString(), "exp");
    for (int i = 0; i < xs.size(); i++) {
      double want = StrictMath.exp(xs.get(i));
      double g = Double.longBitsToDouble(Long.parseUnsignedLong(got.get(i), 16));
      if (Double.isNaN(want)) {
        assertEquals(Double.NaN, g, "exp(" + xs.get(i) + ")");
      } else {
        assertEquals(hex(want), got.get(i), "exp(" + xs.get(i) + ")");
      }
    }
  }

  /**
   * smBinomial, element i drawing at counter + i, against {@link Binomial.Law#draw} on the same
   * Philox stream: the law's constants and inversion table from the host, as k_binomial gets them;
   * n from 0 to 10^12, p over (0, 1) and its ends: inversion (n p &lt;= 30), BTPE's triangle,
   * parallelogram and tails, its step 5.2 (|y - m| &gt; 20: n of 10^6 and more), and the complement
   * for p above 1/2.
   */
  @Test
  void binomialDrawsAsTheHostsLaw() throws Exception {
    long key = 0x5eed_1234_abcdL;
    long counter = 7;
    SplittableRandom r = new SplittableRandom(11);
    int count = 6000;
    Binomial.Law[] laws = new Binomial.Law[count];
    StringBuilder in = new StringBuilder();
    for (int i = 0; i < count; i++) {
      long n =
          switch (i % 5) {
            case 0 -> r.nextLong(0, 65);
            case 1 -> r.nextLong(65, 100_000);
            case 2 -> (long) Math.exp(r.nextDouble(0, 27.6)); // up to 1e12
            case 3 -> i % 10 == 3 ? 1_000_000 : 1000;
            default -> 20;
          };
      double p = i % 50 == 0 ? (i % 100 == 0 ? 0.0 : 1.0) : i % 7 == 0 ? 0.5 : r.nextDouble();
      Binomial.Law b = laws[i] = new Binomial.Law(n, p, i % 2 == 0);
      double[] table = new Binomial.Law(n, p, true).table();
      in.append(b.n).append(' ').append(b.bound).append(' ').append(b.m);
      in.append(b.complement ? " 1" : " 0").append(b.inversion ? " 1" : " 0");
      for (double v :
          new double[] {
            b.p, b.pp, b.q, b.qn, b.r, b.fm, b.p1, b.xm, b.xl, b.xr, b.c, b.laml, b.lamr, b.p2,
            b.p3, b.p4, b.nrq
          }) {
        in.append(' ').append(hex(v));
      }
      for (double v : table) {
        in.append(' ').append(hex(v));
      }
      in.append('\n');
    }
    List<String> got =
        run(in.toString(), "binomial", Long.toHexString(key), Long.toHexString(counter));
    int inverted = 0;
    for (int i = 0; i < count; i++) {
      long c = counter + i;
      long[] j = {0};
      long want = laws[i].draw(() -> Philox.bits(key + (j[0]++) * 0x9E3779B97F4A7C15L, c));
      assertEquals(
          String.valueOf(want), got.get(i), "binomial(" + laws[i].n + ", " + laws[i].p + ")");
      inverted += laws[i].inversion ? 1 : 0;
    }
    assertTrue(inverted > count / 5 && inverted < count * 4 / 5, inverted + " inverted");
  }

  @Test
  void poissonRatesDrawAsTheHostsLawOfEachRate() throws Exception {
    long key = 0x1234_5678_9abcL;
    long counter = 99;
    SplittableRandom r = new SplittableRandom(9);
    double[] lams = new double[6000];
    for (int i = 0; i < lams.length; i++) {
      lams[i] =
          switch (i % 4) {
            case 0 -> r.nextDouble(0, 10);
            case 1 -> r.nextDouble(10, 200);
            case 2 -> Math.exp(r.nextDouble(0, 30)); // up to 1e13
            default -> i % 8 == 3 ? 0 : 10;
          };
    }
    StringBuilder in = new StringBuilder();
    for (double l : lams) {
      in.append(hex(l)).append('\n');
    }
    List<String> got =
        run(in.toString(), "rates", Long.toHexString(key), Long.toHexString(counter));
    for (int i = 0; i < lams.length; i++) {
      long c = counter + i;
      long[] j = {0};
      long want =
          new Poisson(lams[i]).draw(() -> Philox.bits(key + (j[0]++) * 0x9E3779B97F4A7C15L, c));
      assertEquals(Long.toString(want), got.get(i), "poisson(" + lams[i] + ") element " + i);
    }
  }

  @Test
  void poissonDrawsAreTheHostsToTheBit() throws Exception {
    long key = 0x5DEECE66DL;
    long counter = 1L << 40;
    int n = 4000;
    for (double lam : new double[] {0, 1e-9, 0.5, 3.5, 9.999, 10, 12.3, 100, 1e4, 1e6, 1e12}) {
      Poisson law = new Poisson(lam);
      List<String> got =
          run(
              "",
              "poisson",
              Long.toHexString(key),
              Long.toHexString(counter),
              Integer.toString(n),
              hex(law.lam),
              hex(law.limit),
              hex(law.logLam),
              hex(law.b),
              hex(law.a),
              hex(law.invAlpha),
              hex(law.vr),
              hex(law.logInvAlpha));
      for (int i = 0; i < n; i++) {
        long c = counter + i;
        long[] j = {0};
        long want = law.draw(() -> Philox.bits(key + (j[0]++) * 0x9E3779B97F4A7C15L, c));
        assertEquals(Long.toString(want), got.get(i), "poisson(" + lam + ") element " + i);
      }
    }
  }

  @Test
  void pcg64ThreadsDrawTheSequentialStream() throws Exception {
    BigInteger mod = BigInteger.ONE.shiftLeft(128);
    BigInteger mult = new BigInteger("2360ed051fc65da44385df649fccf645", 16);
    SplittableRandom r = new SplittableRandom(26);
    for (int draws : new int[] {1, 2, 7, 1000, 4099}) {
      for (int threads : new int[] {1, 3, 256, 5000}) {
        long[] w = {r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong() | 1};
        List<String> got =
            run(
                "",
                "pcg64",
                Long.toHexString(w[0]),
                Long.toHexString(w[1]),
                Long.toHexString(w[2]),
                Long.toHexString(w[3]),
                Integer.toString(draws),
                Integer.toString(threads));
        BigInteger state = words(w[0], w[1]);
        BigInteger inc = words(w[2], w[3]);
        for (int i = 0; i < draws; i++) {
          state = state.multiply(mult).add(inc).mod(mod);
          long hi = state.shiftRight(64).longValue();
          long lo = state.longValue();
          long want = Long.rotateRight(hi ^ lo, (int) (hi >>> 58));
          assertEquals(
              Long.toHexString(want), got.get(i), draws + " draws on " + threads + ": " + i);
        }
      }
    }
  }

  private static BigInteger words(long hi, long lo) {
    return new BigInteger(Long.toUnsignedString(hi))
        .shiftLeft(64)
        .or(new BigInteger(Long.toUnsignedString(lo)));
  }
}
