package io.ndj.spi;

/**
 * The standard normal values of ndj's Philox generator ({@code Generator.normal}), defined to the
 * bit so that every backend gives the same numbers: Marsaglia and Tsang's ziggurat over NumPy's 256
 * layers ({@link ZigguratTables}), one 64-bit word a float64 value and one 32-bit word a float32
 * value, so that nearly every value costs a table look-up, a compare and a multiply.
 *
 * <p><b>Words.</b> Block j ({@link Philox} counter {@code counter + j}) gives float64 values 2j
 * (its first 64 bits) and 2j + 1 (its last 64): lanes 0 and 1; and float32 values 4j .. 4j + 3, its
 * words {@code c0, c1, c2, c3} in that order: lanes 0 .. 3.
 *
 * <p><b>float64</b> from a word w: {@code idx = w & 0xff}, the sign bit {@code (w >>> 8) & 1},
 * {@code rabs = (w >>> 9) & (2^52 - 1)}, {@code x = rabs * wi[idx]} (negated for the sign); x when
 * {@code rabs < ki[idx]} (NumPy's {@code random_standard_normal} on that word). <b>float32</b> from
 * a 32-bit word: the same with {@code rabs = w >>> 9} (23 bits), {@code ki[idx] >>> 29} and {@code
 * wi[idx] * 2^29} (exact), x computed in double and rounded once to float.
 *
 * <p><b>Otherwise</b> (about 0.7% of values) the value's own draws follow: attempt a = 1, 2, ...
 * takes the block at counter {@code (lo64 = counter + j, hi64 = (lane << 32) | a)} (the main blocks
 * have hi64 = 0, so these are never drawn twice), its first 64 bits b1 and last 64 b2. In the base
 * layer ({@code idx == 0}) the tail: {@code xx = -(1 / r) log(v1)}, {@code yy = -log(v2)} with
 * {@code v = ((b >>> 11) + 1) 2^-53} in (0, 1] and log StrictMath's (fdlibm's); the value {@code r
 * + xx} with the sign when {@code yy + yy > xx * xx}, else the next attempt. Other layers: the
 * candidate x is the value when {@code (fi[idx - 1] - fi[idx]) * u + fi[idx] < exp(-0.5 * x * x)}
 * ({@code u = (b1 >>> 11) 2^-53}, StrictMath's exp, the products and sums in that order); else b2
 * (its last 32 bits for float32) is the next candidate word, accepted as above or on to the next
 * attempt. All of it IEEE double {@code + - *} (never fused) and fdlibm, so the bits are the same
 * on every backend; a float32 value is the double one rounded to float.
 *
 * <p>A backend kernel that computes this (cuda's {@code k_normal}, random.cuh) gives these bits.
 */
public final class Gaussian {
  private static final long[] KI = ZigguratTables.words("ki_double");
  private static final double[] WI = ZigguratTables.doubles("wi_double");
  private static final double[] FI = ZigguratTables.doubles("fi_double");
  private static final int[] KI23 = new int[256];
  private static final double[] WI23 = new double[256];
  private static final double NOR_R = ZigguratTables.doubles("ziggurat_nor_r")[0];
  private static final double NOR_INV_R = ZigguratTables.doubles("ziggurat_nor_inv_r")[0];

  static {
    for (int i = 0; i < 256; i++) {
      KI23[i] = (int) (KI[i] >>> 29);
      WI23[i] = WI[i] * 0x1p29;
    }
  }

  private Gaussian() {}

  /**
   * The tables a kernel needs, as 64-bit words: ki (256), the bits of wi (256) and of fi (256),
   * then the bits of r and of 1 / r.
   *
   * @return a new array of 770 words
   */
  public static long[] table() {
    long[] t = new long[770];
    for (int i = 0; i < 256; i++) {
      t[i] = KI[i];
      t[256 + i] = Double.doubleToRawLongBits(WI[i]);
      t[512 + i] = Double.doubleToRawLongBits(FI[i]);
    }
    t[768] = Double.doubleToRawLongBits(NOR_R);
    t[769] = Double.doubleToRawLongBits(NOR_INV_R);
    return t;
  }

  /**
   * The float64 value of a word.
   *
   * @param word the lane's 64 bits
   * @param key the Philox key
   * @param counter the counter of the word's block
   * @param lane the word's lane in its block (0 or 1)
   * @return the value
   */
  public static double normal(long word, long key, long counter, int lane) {
    return value(word, key, counter, lane);
  }

  /**
   * The float32 value of a 32-bit word.
   *
   * @param word the lane's 32 bits
   * @param key the Philox key
   * @param counter the counter of the word's block
   * @param lane the word's lane in its block (0 .. 3)
   * @return the value
   */
  public static float normal32(int word, long key, long counter, int lane) {
    return value32(word, key, counter, lane);
  }

  /**
   * The values of {@code blocks} blocks from their words ({@code first[j]}, {@code last[j]} of
   * block {@code counter + j}): out[2j] and out[2j + 1], the first m of them.
   *
   * @param key the Philox key
   * @param counter the counter of block 0
   * @param first each block's first 64 bits
   * @param last each block's last 64 bits
   * @param out where the values go, from 0
   * @param m how many values (at most twice the blocks)
   */
  public static void run(long key, long counter, long[] first, long[] last, double[] out, int m) {
    int whole = m >>> 1;
    for (int j = 0; j < whole; j++) {
      out[2 * j] = value(first[j], key, counter + j, 0);
      out[2 * j + 1] = value(last[j], key, counter + j, 1);
    }
    if ((m & 1) != 0) {
      out[m - 1] = value(first[whole], key, counter + whole, 0);
    }
  }

  /** {@link #normal}'s fast test inline, the rest out of line. */
  private static double value(long w, long key, long counter, int lane) {
    int idx = (int) w & 0xff;
    long rabs = (w >>> 9) & 0x000fffffffffffffL;
    double x = negate(rabs * WI[idx], w);
    return rabs < KI[idx] ? x : slow(x, w, key, counter, lane, false);
  }

  /** {@link #normal32}'s fast test inline, the rest out of line. */
  private static float value32(int w, long key, long counter, int lane) {
    int idx = w & 0xff;
    int rabs = w >>> 9;
    double x = negate(rabs * WI23[idx], w);
    return (float) (rabs < KI23[idx] ? x : slow(x, w, key, counter, lane, true));
  }

  /**
   * The float32 values of blocks from their words: out[4j + l] from word l of block {@code counter
   * + j}, the first m of them.
   *
   * @param key the Philox key
   * @param counter the counter of block 0
   * @param first each block's first 64 bits (words 0 and 1)
   * @param last each block's last 64 bits (words 2 and 3)
   * @param out where the values go, from 0
   * @param m how many values (at most four times the blocks)
   */
  public static void run(long key, long counter, long[] first, long[] last, float[] out, int m) {
    int whole = m >>> 2;
    for (int j = 0; j < whole; j++) {
      long f = first[j];
      long l = last[j];
      out[4 * j] = value32((int) (f >>> 32), key, counter + j, 0);
      out[4 * j + 1] = value32((int) f, key, counter + j, 1);
      out[4 * j + 2] = value32((int) (l >>> 32), key, counter + j, 2);
      out[4 * j + 3] = value32((int) l, key, counter + j, 3);
    }
    for (int i = 4 * whole; i < m; i++) {
      long half = (i & 3) < 2 ? first[whole] : last[whole];
      out[i] = value32((int) ((i & 1) == 0 ? half >>> 32 : half), key, counter + whole, i & 3);
    }
  }

  /**
   * x negated where bit 8 of w is set, without a branch (a random sign mispredicts half the time).
   */
  private static double negate(double x, long w) {
    return Double.longBitsToDouble(Double.doubleToRawLongBits(x) ^ ((w >>> 8) << 63));
  }

  /** The value's own draws once its word's fast test failed: the class comment's steps. */
  private static double slow(
      double x, long word, long key, long counter, int lane, boolean narrow) {
    long[] rest = new long[1];
    for (long a = 1; ; a++) {
      long b1 = Philox.block(key, counter, ((long) lane << 32) | (a & 0xFFFFFFFFL), rest);
      long b2 = rest[0];
      boolean negative = ((word >>> 8) & 1) != 0;
      int idx = (int) (word & 0xff);
      if (idx == 0) {
        double xx = -NOR_INV_R * StrictMath.log(((b1 >>> 11) + 1) * 0x1p-53);
        double yy = -StrictMath.log(((b2 >>> 11) + 1) * 0x1p-53);
        if (yy + yy > xx * xx) {
          return negative ? -(NOR_R + xx) : NOR_R + xx;
        }
        continue;
      }
      if ((FI[idx - 1] - FI[idx]) * ((b1 >>> 11) * 0x1p-53) + FI[idx]
          < StrictMath.exp(-0.5 * x * x)) {
        return x;
      }
      word = narrow ? b2 & 0xFFFFFFFFL : b2;
      idx = (int) (word & 0xff);
      boolean accepted;
      if (narrow) {
        long rabs = word >>> 9;
        x = rabs * WI23[idx];
        accepted = rabs < KI23[idx];
      } else {
        long rabs = (word >>> 9) & 0x000fffffffffffffL;
        x = rabs * WI[idx];
        accepted = rabs < KI[idx];
      }
      if (((word >>> 8) & 1) != 0) {
        x = -x;
      }
      if (accepted) {
        return x;
      }
    }
  }
}
