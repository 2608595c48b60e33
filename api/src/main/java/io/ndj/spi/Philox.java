package io.ndj.spi;

/**
 * Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC 2011), the one
 * generator of ndj: every backend produces the same bits for the same key and counter, so {@code
 * Nd.random(seed)} gives the same numbers on CPU and GPU.
 *
 * <p>Key: the 64-bit seed split into words {@code k0 = low 32 bits, k1 = high 32 bits}. Counter:
 * 128 bits as words {@code c0 (lowest) .. c3}. Ten rounds; each round computes {@code hi0:lo0 =
 * 0xD2511F53 * c0} and {@code hi1:lo1 = 0xCD9E8D57 * c2} (32x32 to 64-bit products) and sets {@code
 * c = (hi1 ^ c1 ^ k0, lo1, hi0 ^ c3 ^ k1, lo0)}, then bumps the key by {@code (0x9E3779B9,
 * 0xBB67AE85)} (not after the last round). The output block is the four words {@code c0..c3}; ndj
 * uses {@code (c0 << 32) | c1} as the element's 64 bits.
 */
public final class Philox {
  private static final int M0 = 0xD2511F53;
  private static final int M1 = 0xCD9E8D57;
  private static final int W0 = 0x9E3779B9;
  private static final int W1 = 0xBB67AE85;

  private Philox() {}

  /**
   * The 64 bits for counter {@code (lo64 = counter, hi64 = 0)} under {@code key}.
   *
   * @param key the 64-bit key
   * @param counter the low 64 bits of the 128-bit counter
   * @return the first 64 bits of the block
   */
  public static long bits(long key, long counter) {
    return block(key, counter, null);
  }

  /**
   * The key of child {@code index} that {@code Generator.spawn} gives a generator of {@code key}:
   * SplitMix64's finalizer of (the finalized key) xor ((index + 1) times the golden ratio's 64-bit
   * constant), so that children of different parents and of different indices draw from unrelated
   * keys; a child's own children hash its key again.
   *
   * @param key the parent's key
   * @param index the child's index among all the parent has spawned
   * @return the child's key
   */
  public static long childKey(long key, long index) {
    return mix64(mix64(key) ^ ((index + 1) * 0x9E3779B97F4A7C15L));
  }

  /** SplitMix64's finalizer (Stafford's Mix13), a bijection of 64-bit words. */
  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * The whole 128-bit block for counter {@code (lo64 = counter, hi64 = 0)} under {@code key}: its
   * first 64 bits returned, its last 64 ({@code (c2 << 32) | c3}) in {@code rest[0]} when rest is
   * not null.
   *
   * @param key the 64-bit key
   * @param counter the low 64 bits of the 128-bit counter
   * @param rest where the last 64 bits go, or null
   * @return the first 64 bits of the block
   */
  public static long block(long key, long counter, long[] rest) {
    return block(key, counter, 0, rest);
  }

  /**
   * The whole 128-bit block for counter {@code (lo64 = counter, hi64 = high)} under {@code key}, as
   * {@link #block(long, long, long[])} (which is this with {@code high = 0}): {@code c2} the low 32
   * bits of high, {@code c3} its high 32.
   *
   * @param key the 64-bit key
   * @param counter the low 64 bits of the 128-bit counter
   * @param high the high 64 bits of the counter
   * @param rest where the last 64 bits go, or null
   * @return the first 64 bits of the block
   */
  public static long block(long key, long counter, long high, long[] rest) {
    int k0 = (int) key;
    int k1 = (int) (key >>> 32);
    int c0 = (int) counter;
    int c1 = (int) (counter >>> 32);
    int c2 = (int) high;
    int c3 = (int) (high >>> 32);
    for (int r = 0; r < 10; r++) {
      long p0 = (M0 & 0xFFFFFFFFL) * (c0 & 0xFFFFFFFFL);
      long p1 = (M1 & 0xFFFFFFFFL) * (c2 & 0xFFFFFFFFL);
      int hi0 = (int) (p0 >>> 32);
      int lo0 = (int) p0;
      int hi1 = (int) (p1 >>> 32);
      int lo1 = (int) p1;
      c0 = hi1 ^ c1 ^ k0;
      c1 = lo1;
      c2 = hi0 ^ c3 ^ k1;
      c3 = lo0;
      k0 += W0;
      k1 += W1;
    }
    if (rest != null) {
      rest[0] = ((long) c2 << 32) | (c3 & 0xFFFFFFFFL);
    }
    return ((long) c0 << 32) | (c1 & 0xFFFFFFFFL);
  }
}
