package io.ndj.cpu;

import io.ndj.cpu.gemm.VectorGemm;
import io.ndj.spi.Philox;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Runs of {@link Philox} blocks: with {@code jdk.incubator.vector}, a block per lane (eight at once
 * with AVX-512), whose 32x32-bit products are the low halves of 64-bit lanes; else one block at a
 * time. The same bits as {@code Philox.block} either way.
 */
final class PhiloxRuns {
  private static final boolean VECTOR = VectorGemm.available();

  private PhiloxRuns() {}

  /**
   * The blocks for counters {@code counter .. counter + n - 1}: each block's first 64 bits in
   * {@code first}, its last 64 in {@code last} (when last is not null).
   */
  static void blocks(long key, long counter, long[] first, long[] last, int n) {
    int done = VECTOR ? Lanes.blocks(key, counter, first, last, n) : 0;
    long[] rest = last == null ? null : new long[1];
    for (int i = done; i < n; i++) {
      first[i] = Philox.block(key, counter + i, rest);
      if (last != null) {
        last[i] = rest[0];
      }
    }
  }

  /** Holds the vector code, so that the scalar path runs without the module. */
  private static final class Lanes {
    private static final VectorSpecies<Long> S = LongVector.SPECIES_PREFERRED;
    private static final long MASK = 0xFFFFFFFFL;
    private static final long M0 = 0xD2511F53L;
    private static final long M1 = 0xCD9E8D57L;

    /** Whole vectors of blocks from the start; returns how many were made. */
    static int blocks(long key, long counter, long[] first, long[] last, int n) {
      int lanes = S.length();
      LongVector iota = LongVector.zero(S).addIndex(1);
      int i = 0;
      for (; i + lanes <= n; i += lanes) {
        LongVector ctr = iota.add(counter + i);
        LongVector c0 = ctr.and(MASK);
        LongVector c1 = ctr.lanewise(VectorOperators.LSHR, 32);
        LongVector c2 = LongVector.zero(S);
        LongVector c3 = LongVector.zero(S);
        long k0 = key & MASK;
        long k1 = key >>> 32;
        for (int r = 0; r < 10; r++) {
          LongVector p0 = c0.mul(M0);
          LongVector p1 = c2.mul(M1);
          LongVector n0 = p1.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, c1);
          LongVector n2 = p0.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, c3);
          c0 = n0.lanewise(VectorOperators.XOR, k0);
          c2 = n2.lanewise(VectorOperators.XOR, k1);
          c1 = p1.and(MASK);
          c3 = p0.and(MASK);
          k0 = (k0 + 0x9E3779B9L) & MASK;
          k1 = (k1 + 0xBB67AE85L) & MASK;
        }
        c0.lanewise(VectorOperators.LSHL, 32).or(c1).intoArray(first, i);
        if (last != null) {
          c2.lanewise(VectorOperators.LSHL, 32).or(c3).intoArray(last, i);
        }
      }
      return i;
    }
  }
}
