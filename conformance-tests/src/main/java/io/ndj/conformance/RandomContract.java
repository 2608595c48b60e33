package io.ndj.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ndj.DType;
import io.ndj.Generator;
import io.ndj.NdArray;
import io.ndj.spi.Gaussian;
import io.ndj.spi.Philox;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The same seed gives the same bits on every backend: Philox4x32-10 as {@link Philox} specifies it.
 */
public interface RandomContract extends KitSupport {
  @TestFactory
  default Stream<DynamicTest> random() {
    return Stream.of(
        check(
            "philox",
            DType.INT64,
            () ->
                forAll(
                    Gens.gen(
                        r ->
                            new long[] {
                              Gens.pick(r, Long.MIN_VALUE, Long.MAX_VALUE), Gens.pick(r, 0, 5000)
                            }),
                    kn -> {
                      Generator g = backend().random(kn[0]);
                      try (NdArray skip = g.bits(kn[1]);
                          NdArray b = g.bits(257)) {
                        long[] got = b.toLongArray();
                        for (int i = 0; i < got.length; i++) {
                          assertEquals(
                              Philox.bits(kn[0], kn[1] + i),
                              got[i],
                              "bits of seed " + kn[0] + " at " + (kn[1] + i));
                        }
                        assertEquals(kn[1], skip.size());
                      }
                    })),
        check(
            "random",
            DType.FLOAT64,
            () ->
                forAll(
                    Gens.gen(r -> Gens.pick(r, -1000, 1000)),
                    seed -> {
                      Generator g = backend().random(seed);
                      try (NdArray u = g.random(2, 50);
                          NdArray w = g.uniform(-2.5, 5, 7)) {
                        Check.dtypeAndShape(u, DType.FLOAT64, new long[] {2, 50}, "random(2, 50)");
                        double[] got = u.toDoubleArray();
                        for (int i = 0; i < got.length; i++) {
                          double e = (Philox.bits(seed, i) >>> 11) * 0x1p-53;
                          assertEquals(e, got[i], "uniform of seed " + seed + " at " + i);
                        }
                        // low + (high - low) * u: one product and one sum, each rounded
                        double[] gotW = w.toDoubleArray();
                        for (int i = 0; i < gotW.length; i++) {
                          double e = -2.5 + 7.5 * ((Philox.bits(seed, 100 + i) >>> 11) * 0x1p-53);
                          assertEquals(e, gotW[i], "uniform(-2.5, 5) of seed " + seed + " at " + i);
                        }
                      }
                    })),
        check(
            "normal",
            DType.FLOAT64,
            () ->
                forAll(
                    Gens.gen(
                        r ->
                            new long[] {
                              Gens.pick(r, Long.MIN_VALUE, Long.MAX_VALUE), Gens.pick(r, 0, 3000)
                            }),
                    kn -> normals(kn[0], kn[1]))));
  }

  /**
   * normal and standard_normal (float64 and float32, odd and even counts) give {@link Gaussian}'s
   * values to the bit after {@code skip} blocks, and those values lie within a few ulps of
   * Box-Muller in StrictMath.
   */
  private void normals(long seed, long skip) {
    int n = 1001; // odd: the last pair's second value is left out
    Generator g = backend().random(seed);
    try (NdArray s = g.bits(skip);
        NdArray z = g.standardNormal(n);
        NdArray z32 = g.standardNormal(DType.FLOAT32, n - 1);
        NdArray x = g.normal(2.0, 3.0, n)) {
      double[] want = pairs(seed, skip, n);
      float[] want32 = floatPairs(seed, skip + (n + 1) / 2, n - 1);
      double[] wantX = pairs(seed, skip + (n + 1) / 2 + (n - 1) / 2, n);
      double[] got = z.toDoubleArray();
      float[] got32 = z32.toFloatArray();
      double[] gotX = x.toDoubleArray();
      for (int i = 0; i < n; i++) {
        assertEquals(
            Double.doubleToRawLongBits(want[i]), Double.doubleToRawLongBits(got[i]), "z " + i);
        assertEquals(2.0 + 3.0 * wantX[i], gotX[i], "normal(2, 3) " + i);
        if (i < n - 1) {
          assertEquals(
              Float.floatToRawIntBits(want32[i]),
              Float.floatToRawIntBits(got32[i]),
              "float32 z " + i);
          floatWithinBoxMuller(seed, skip + (n + 1) / 2 + i / 2, i % 2 == 1, want32[i]);
        }
        // the definition is Box-Muller: within a few ulps of it in StrictMath
        long[] last = new long[1];
        long first = Philox.block(seed, skip + i / 2, last);
        double u1 = (first >>> 11) * 0x1p-53;
        double u2 = (last[0] >>> 11) * 0x1p-53;
        double strict = boxMuller(1 - u1, u2, i % 2 == 1);
        assertTrue(
            Math.abs(strict - want[i]) <= 8 * Math.ulp(Math.max(1.0, Math.abs(strict))),
            "Box-Muller of " + u1 + ", " + u2 + ": " + want[i] + " vs " + strict);
      }
    }
  }

  /**
   * spawn: child i draws Philox blocks under {@link Philox#childKey}(key, i) from counter 0, on
   * every backend; children differ from their parent and from each other; a later spawn gives the
   * next indices (spawn(2) then spawn(1) is spawn(3)'s third); a child's own children differ again;
   * spawning draws nothing from the parent.
   */
  @org.junit.jupiter.api.Test
  default void spawnedGeneratorsDrawFromTheirOwnKeys() {
    long seed = 20261207L;
    Generator parent = backend().random(seed);
    java.util.List<Generator> kids = parent.spawn(2);
    Generator third = parent.spawn(1).get(0);
    long[] mine = parent.bits(4).toLongArray();
    java.util.Set<Long> firsts = new java.util.HashSet<>();
    firsts.add(mine[0]);
    for (int i = 0; i < 3; i++) {
      Generator g = i < 2 ? kids.get(i) : third;
      long[] got = g.bits(4).toLongArray();
      for (int c = 0; c < 4; c++) {
        assertEquals(
            Philox.bits(Philox.childKey(seed, i), c), got[c], "child " + i + " block " + c);
      }
      assertTrue(firsts.add(got[0]), "child " + i + " draws apart from the others");
    }
    for (int c = 0; c < 4; c++) {
      assertEquals(Philox.bits(seed, c), mine[c], "the parent draws on as if it had not spawned");
    }
    long[] grand = kids.get(0).spawn(1).get(0).bits(2).toLongArray();
    assertEquals(Philox.bits(Philox.childKey(Philox.childKey(seed, 0), 0), 0), grand[0]);
    assertTrue(firsts.add(grand[0]), "a grandchild draws apart from its parent's family");
    assertEquals(0, parent.spawn(0).size());
  }

  /**
   * The normal values match {@code random/philox-normals.tsv} (float64) and {@code
   * random/philox-normals-float32.tsv}, which {@code random/philox_normals.py} computes from the
   * definition apart from ndj's code (first values and a SHA-256 of all, little-endian).
   */
  @org.junit.jupiter.api.Test
  default void normalsMatchTheirDefinitionComputedApart() throws Exception {
    for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
      String file = dtype == DType.FLOAT64 ? "philox-normals.tsv" : "philox-normals-float32.tsv";
      for (String[] f : KitData.table("random/" + file)) {
        long seed = Long.parseLong(f[0]);
        int n = Integer.parseInt(f[2]);
        Generator g = backend().random(seed).advance(Long.parseLong(f[1]));
        try (NdArray z = g.standardNormal(dtype, n)) {
          double[] got = z.toDoubleArray(); // float32 values are exact as doubles
          String[] first = f[3].split(",");
          for (int i = 0; i < first.length; i++) {
            assertEquals(Double.parseDouble(first[i]), got[i], file + " seed " + seed + " " + i);
          }
          int size = dtype == DType.FLOAT64 ? 8 : 4;
          java.nio.ByteBuffer bytes =
              java.nio.ByteBuffer.allocate(size * n).order(java.nio.ByteOrder.LITTLE_ENDIAN);
          for (double v : got) {
            if (size == 8) {
              bytes.putDouble(v);
            } else {
              bytes.putFloat((float) v);
            }
          }
          byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(bytes.array());
          assertEquals(
              f[4],
              java.util.HexFormat.of().formatHex(digest),
              file + " seed " + seed + " SHA-256");
        }
      }
    }
  }

  /**
   * Gaussian's float pair is within a few float ulps of Box-Muller in StrictMath on its own inputs:
   * {@code 1 - u1} rounded to float and the angle's top 24 bits.
   */
  private static void floatWithinBoxMuller(long seed, long block, boolean second, float got) {
    long[] last = new long[1];
    long first = Philox.block(seed, block, last);
    double v = (float) (1 - (first >>> 11) * 0x1p-53);
    double u2 = (last[0] >>> 40) * 0x1p-24;
    double strict = boxMuller(v, u2, second);
    assertTrue(
        Math.abs(strict - got) <= 8 * Math.ulp((float) Math.max(1.0, Math.abs(strict))),
        "float Box-Muller of " + v + ", " + u2 + ": " + got + " vs " + strict);
  }

  /**
   * Box-Muller in StrictMath: {@code sqrt(-2 log v) cos(2 pi u2)} ({@code sin} for a pair's
   * second), the angle reduced by whole quarter turns first, exactly (2 pi u2 rounded would be off
   * by an ulp of 2 pi), and sin x taken as cos(x - pi/2).
   */
  private static double boxMuller(double v, double u2, boolean second) {
    double q = Math.rint(4 * u2);
    double a = 2 * StrictMath.PI * (u2 - q / 4) + (second ? -StrictMath.PI / 2 : 0);
    double cos =
        switch ((int) q & 3) {
          case 0 -> StrictMath.cos(a);
          case 1 -> -StrictMath.sin(a);
          case 2 -> -StrictMath.cos(a);
          default -> StrictMath.sin(a);
        };
    return StrictMath.sqrt(-2 * StrictMath.log(v)) * cos;
  }

  /**
   * poisson and binomial give element i of a call at counter c the value of io.ndj.spi's law on its
   * own stream (the first 64 bits of the blocks at c + i under the keys seed + j 0x9E37...15, j =
   * 0, 1, ...), to the bit, whether the backend's kernel or the host draws: poisson by inversion
   * and PTRS, a rate per element; binomial by inversion, BTPE, the complement of p above 1/2, and p
   * = 1.
   */
  @Test
  default void perElementLawsAreTheSpisToTheBit() {
    long seed = 20261207;
    Generator g = backend().random(seed);
    int n = 3000;
    double[] rates = new double[n];
    for (int i = 0; i < n; i++) {
      rates[i] = i % 3 == 0 ? 0.25 * (i % 40) : 10 + (i % 500) * 1.5;
    }
    long at = 0;
    for (String law :
        new String[] {"p4.5", "p250", "b20,0.3", "b1000,0.4", "b500,0.93", "b7,1", "r"}) {
      NdArray x;
      java.util.function.LongFunction<
              java.util.function.ToLongFunction<java.util.function.LongSupplier>>
          want;
      if (law.equals("r")) {
        x = g.poisson(backend().array(rates));
        want = i -> bits -> new io.ndj.spi.Poisson(rates[(int) i]).draw(bits);
      } else if (law.startsWith("p")) {
        double lam = Double.parseDouble(law.substring(1));
        x = g.poisson(lam, n);
        io.ndj.spi.Poisson p = new io.ndj.spi.Poisson(lam);
        want = i -> p::draw;
      } else {
        String[] f = law.substring(1).split(",");
        io.ndj.spi.Binomial.Law b =
            new io.ndj.spi.Binomial.Law(Long.parseLong(f[0]), Double.parseDouble(f[1]));
        x = g.binomial(b.n, b.p, n);
        want = i -> b::draw;
      }
      long[] got = x.toLongArray();
      for (int i = 0; i < n; i++) {
        long c = at + i;
        long[] j = {0};
        long e =
            want.apply(i).applyAsLong(() -> Philox.bits(seed + (j[0]++) * 0x9E3779B97F4A7C15L, c));
        assertEquals(e, got[i], law + ": element " + i);
      }
      at += n;
    }
  }

  /** Gaussian's n float values from the blocks from {@code at} on. */
  private static float[] floatPairs(long seed, long at, int n) {
    float[] v = new float[n + 1];
    long[] last = new long[1];
    for (int i = 0; i < n; i += 2) {
      long first = Philox.block(seed, at + i / 2, last);
      Gaussian.pair(first, last[0], v, i, true);
    }
    return v;
  }

  /** Gaussian's n values from the blocks from {@code at} on. */
  private static double[] pairs(long seed, long at, int n) {
    double[] v = new double[n + 1];
    long[] last = new long[1];
    for (int i = 0; i < n; i += 2) {
      long first = Philox.block(seed, at + i / 2, last);
      Gaussian.pair(first, last[0], v, i, true);
    }
    return v;
  }
}
