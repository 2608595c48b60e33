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
 * <p><b>Otherwise</b> (about 1.5% of words) the value's own draws follow: attempt a = 1, 2, ...
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
    double x = candidate(word, false);
    return stands(word, false) ? x : slow(x, word, key, counter, lane, false);
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
    long w = word & 0xFFFFFFFFL;
    double x = candidate(w, true);
    return (float) (stands(w, true) ? x : slow(x, w, key, counter, lane, true));
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
      out[2 * j] = normal(first[j], key, counter + j, 0);
      out[2 * j + 1] = normal(last[j], key, counter + j, 1);
    }
    if ((m & 1) != 0) {
      out[m - 1] = normal(first[whole], key, counter + whole, 0);
    }
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
      out[4 * j] = normal32((int) (f >>> 32), key, counter + j, 0);
      out[4 * j + 1] = normal32((int) f, key, counter + j, 1);
      out[4 * j + 2] = normal32((int) (l >>> 32), key, counter + j, 2);
      out[4 * j + 3] = normal32((int) l, key, counter + j, 3);
    }
    for (int i = 4 * whole; i < m; i++) {
      long half = (i & 3) < 2 ? first[whole] : last[whole];
      out[i] = normal32((int) ((i & 1) == 0 ? half >>> 32 : half), key, counter + whole, i & 3);
    }
  }

  /**
   * A word's candidate x: its magnitude (the low 32 bits' top 23 where narrow) times its layer's
   * width, negated where bit 8 is set (by the sign bit, without a branch: a random sign mispredicts
   * half the time).
   */
  private static double candidate(long w, boolean narrow) {
    int idx = (int) w & 0xff;
    double x = narrow ? (w >>> 9) * WI23[idx] : ((w >>> 9) & 0x000fffffffffffffL) * WI[idx];
    return Double.longBitsToDouble(Double.doubleToRawLongBits(x) ^ ((w >>> 8) << 63));
  }

  /** Whether a word's candidate is the value at once: its magnitude below its layer's k. */
  private static boolean stands(long w, boolean narrow) {
    int idx = (int) w & 0xff;
    return narrow ? (w >>> 9) < KI23[idx] : ((w >>> 9) & 0x000fffffffffffffL) < KI[idx];
  }

  /**
   * The value's own draws once its word's fast test failed: the class comment's steps (a narrow
   * word in the low 32 bits of {@code word}).
   */
  private static double slow(
      double x, long word, long key, long counter, int lane, boolean narrow) {
    long[] rest = new long[1];
    for (long a = 1; ; a++) {
      long b1 = Philox.block(key, counter, ((long) lane << 32) | (a & 0xFFFFFFFFL), rest);
      long b2 = rest[0];
      int idx = (int) (word & 0xff);
      if (idx == 0) {
        double xx = -NOR_INV_R * StrictMath.log(((b1 >>> 11) + 1) * 0x1p-53);
        double yy = -StrictMath.log(((b2 >>> 11) + 1) * 0x1p-53);
        if (yy + yy > xx * xx) {
          return ((word >>> 8) & 1) != 0 ? -(NOR_R + xx) : NOR_R + xx;
        }
        continue;
      }
      if ((FI[idx - 1] - FI[idx]) * ((b1 >>> 11) * 0x1p-53) + FI[idx]
          < StrictMath.exp(-0.5 * x * x)) {
        return x;
      }
      word = narrow ? b2 & 0xFFFFFFFFL : b2;
      x = candidate(word, narrow);
      if (stands(word, narrow)) {
        return x;
      }
    }
  }
}
