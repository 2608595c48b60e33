package io.ndj.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ndj.DType;
import io.ndj.Generator;
import io.ndj.NdArray;
import io.ndj.spi.Gaussian;
import io.ndj.spi.Philox;
import io.ndj.spi.ZigguratTables;
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
   * normal and standard_normal (float64 and float32, counts that leave a block part-used) give
   * {@link Gaussian}'s values to the bit after {@code skip} blocks: the kit's own reading of its
   * definition ({@link #ziggurat}), its rare further draws included; float32 at 20,000 values
   * passes a Kolmogorov-Smirnov test against the normal CDF.
   */
  private void normals(long seed, long skip) {
    int n = 1001; // odd: the last block's second word is left out
    int n32 = 20_003; // the last block's fourth word left out
    Generator g = backend().random(seed);
    try (NdArray s = g.bits(skip);
        NdArray z = g.standardNormal(n);
        NdArray z32 = g.standardNormal(DType.FLOAT32, n32);
        NdArray x = g.normal(2.0, 3.0, n)) {
      double[] got = z.toDoubleArray();
      float[] got32 = z32.toFloatArray();
      double[] gotX = x.toDoubleArray();
      long at32 = skip + (n + 1) / 2;
      long atX = at32 + (n32 + 3) / 4;
      long[] last = new long[1];
      for (int i = 0; i < n; i++) {
        long first = Philox.block(seed, skip + i / 2, last);
        double want = ziggurat((i & 1) == 0 ? first : last[0], false, seed, skip + i / 2, i & 1);
        assertEquals(
            Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(got[i]), "z " + i);
        first = Philox.block(seed, atX + i / 2, last);
        double wantX = ziggurat((i & 1) == 0 ? first : last[0], false, seed, atX + i / 2, i & 1);
        assertEquals(2.0 + 3.0 * wantX, gotX[i], "normal(2, 3) " + i);
      }
      double[] widened = new double[n32];
      for (int i = 0; i < n32; i++) {
        long first = Philox.block(seed, at32 + i / 4, last);
        long half = (i & 3) < 2 ? first : last[0];
        long word = (i & 1) == 0 ? half >>> 32 : half & 0xFFFFFFFFL;
        float want = (float) ziggurat(word, true, seed, at32 + i / 4, i & 3);
        assertEquals(
            Float.floatToRawIntBits(want), Float.floatToRawIntBits(got32[i]), "float32 z " + i);
        widened[i] = got32[i];
      }
      double d = Cdf.ks(widened, Cdf::phi);
      assertTrue(d < Cdf.ksBound(n32), "float32 normals: KS statistic " + d);
    }
  }

  /**
   * Gaussian's value of a word as its comment defines it, written here apart from it: the layer,
   * sign and magnitude of the word (a 32-bit one scaled by 2^29); the value when the magnitude is
   * below the layer's k; else attempt after attempt on the block (counter, (lane << 32) | a): the
   * tail's pair of logs in the base layer, the wedge's exp elsewhere, a new word from the last 64
   * bits after a wedge's miss.
   */
  private static double ziggurat(long word, boolean narrow, long key, long counter, int lane) {
    long[] ki = ZigguratTables.words("ki_double");
    double[] wi = ZigguratTables.doubles("wi_double");
    double[] fi = ZigguratTables.doubles("fi_double");
    double r = ZigguratTables.doubles("ziggurat_nor_r")[0];
    double invR = ZigguratTables.doubles("ziggurat_nor_inv_r")[0];
    long attempt = 0;
    while (true) {
      int idx = (int) (word & 0xff);
      boolean negative = ((word >>> 8) & 1) != 0;
      long rabs = narrow ? (word & 0xFFFFFFFFL) >>> 9 : (word >>> 9) & ((1L << 52) - 1);
      long k = narrow ? ki[idx] >>> 29 : ki[idx];
      double x = rabs * (narrow ? wi[idx] * 0x1p29 : wi[idx]);
      x = negative ? -x : x;
      if (rabs < k) {
        return x;
      }
      while (true) {
        long[] rest = new long[1];
        long b1 = Philox.block(key, counter, ((long) lane << 32) | ++attempt, rest);
        if (idx == 0) {
          double xx = -invR * StrictMath.log(((b1 >>> 11) + 1) * 0x1p-53);
          double yy = -StrictMath.log(((rest[0] >>> 11) + 1) * 0x1p-53);
          if (yy + yy > xx * xx) {
            return negative ? -(r + xx) : r + xx;
          }
          continue;
        }
        double y = (fi[idx - 1] - fi[idx]) * ((b1 >>> 11) * 0x1p-53) + fi[idx];
        if (y < StrictMath.exp(-0.5 * x * x)) {
          return x;
        }
        word = narrow ? rest[0] & 0xFFFFFFFFL : rest[0];
        break;
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
}
