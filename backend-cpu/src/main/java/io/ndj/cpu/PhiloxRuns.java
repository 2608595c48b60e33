package io.ndj.cpu;

/**
 * Runs of {@link io.ndj.spi.Philox} blocks, four at a time: one block's ten rounds are a chain of
 * dependent multiplies (about 20 ns), so four independent chains interleaved in one loop keep the
 * multiplier busy (the same bits as {@code Philox.block}, about three times the rate).
 */
final class PhiloxRuns {
  private static final long M0 = 0xD2511F53L;
  private static final long M1 = 0xCD9E8D57L;
  private static final int W0 = 0x9E3779B9;
  private static final int W1 = 0xBB67AE85;

  private PhiloxRuns() {}

  /**
   * The blocks for counters {@code counter .. counter + n - 1}: each block's first 64 bits in
   * {@code first}, its last 64 in {@code last} (when last is not null).
   */
  static void blocks(long key, long counter, long[] first, long[] last, int n) {
    int i = 0;
    for (; i + 4 <= n; i += 4) {
      four(key, counter + i, first, last, i);
    }
    for (; i < n; i++) {
      long[] rest = last == null ? null : new long[1];
      first[i] = io.ndj.spi.Philox.block(key, counter + i, rest);
      if (last != null) {
        last[i] = rest[0];
      }
    }
  }

  private static void four(long key, long c, long[] first, long[] last, int at) {
    int k0 = (int) key;
    int k1 = (int) (key >>> 32);
    long ca = c;
    long cb = c + 1;
    long cc = c + 2;
    long cd = c + 3;
    int a0 = (int) ca, a1 = (int) (ca >>> 32), a2 = 0, a3 = 0;
    int b0 = (int) cb, b1 = (int) (cb >>> 32), b2 = 0, b3 = 0;
    int d0 = (int) cc, d1 = (int) (cc >>> 32), d2 = 0, d3 = 0;
    int e0 = (int) cd, e1 = (int) (cd >>> 32), e2 = 0, e3 = 0;
    for (int r = 0; r < 10; r++) {
      long pa0 = M0 * (a0 & 0xFFFFFFFFL);
      long pa1 = M1 * (a2 & 0xFFFFFFFFL);
      long pb0 = M0 * (b0 & 0xFFFFFFFFL);
      long pb1 = M1 * (b2 & 0xFFFFFFFFL);
      long pd0 = M0 * (d0 & 0xFFFFFFFFL);
      long pd1 = M1 * (d2 & 0xFFFFFFFFL);
      long pe0 = M0 * (e0 & 0xFFFFFFFFL);
      long pe1 = M1 * (e2 & 0xFFFFFFFFL);
      int na0 = (int) (pa1 >>> 32) ^ a1 ^ k0;
      int na2 = (int) (pa0 >>> 32) ^ a3 ^ k1;
      a1 = (int) pa1;
      a3 = (int) pa0;
      a0 = na0;
      a2 = na2;
      int nb0 = (int) (pb1 >>> 32) ^ b1 ^ k0;
      int nb2 = (int) (pb0 >>> 32) ^ b3 ^ k1;
      b1 = (int) pb1;
      b3 = (int) pb0;
      b0 = nb0;
      b2 = nb2;
      int nd0 = (int) (pd1 >>> 32) ^ d1 ^ k0;
      int nd2 = (int) (pd0 >>> 32) ^ d3 ^ k1;
      d1 = (int) pd1;
      d3 = (int) pd0;
      d0 = nd0;
      d2 = nd2;
      int ne0 = (int) (pe1 >>> 32) ^ e1 ^ k0;
      int ne2 = (int) (pe0 >>> 32) ^ e3 ^ k1;
      e1 = (int) pe1;
      e3 = (int) pe0;
      e0 = ne0;
      e2 = ne2;
      k0 += W0;
      k1 += W1;
    }
    first[at] = ((long) a0 << 32) | (a1 & 0xFFFFFFFFL);
    first[at + 1] = ((long) b0 << 32) | (b1 & 0xFFFFFFFFL);
    first[at + 2] = ((long) d0 << 32) | (d1 & 0xFFFFFFFFL);
    first[at + 3] = ((long) e0 << 32) | (e1 & 0xFFFFFFFFL);
    if (last != null) {
      last[at] = ((long) a2 << 32) | (a3 & 0xFFFFFFFFL);
      last[at + 1] = ((long) b2 << 32) | (b3 & 0xFFFFFFFFL);
      last[at + 2] = ((long) d2 << 32) | (d3 & 0xFFFFFFFFL);
      last[at + 3] = ((long) e2 << 32) | (e3 & 0xFFFFFFFFL);
    }
  }
}
