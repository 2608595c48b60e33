package io.ndj.cpu.sort;

import io.ndj.DType;
import io.ndj.cpu.Loop;
import io.ndj.cpu.Workers;

/**
 * Radix sorts of one line, on keys whose unsigned order is NumPy's order. A comparison sort of
 * indices reads its keys in random order (a 1e7 float argsort took 3.6 s in a merge sort); these
 * passes read and write sequentially. Argsorts (and float16 sorts) take stable LSD passes of 11-bit
 * digits, one counting pass for every digit, digits that all keys share skipped. Sorts of 32- and
 * 64-bit elements split the line by its highest differing digit first and sort each bucket in cache
 * ({@link SplitSort}, {@link SplitSort32}).
 */
public final class Radix {
  /** Lines shorter than this keep the comparison sorts. */
  public static final int MIN = 2048;

  static final int BITS = 11;
  static final int BUCKETS = 1 << BITS;

  /** Lines from this long split each pass over the cores. */
  private static final int PARALLEL = 1 << 18;

  private Radix() {}

  /** Key bits for a dtype: 64 for int64 and float64, 32 for the rest. */
  public static int keyBits(DType t) {
    return t.itemsize() == 8 ? 64 : 32;
  }

  /**
   * Unsigned-order keys of float values (stored as doubles): NaN last, all NaN alike; {@code
   * zeroAlike} makes -0.0 and 0.0 one key (equal for argsort's stability, as NumPy compares them).
   */
  public static void floatKeys(double[] v, int n, DType t, boolean zeroAlike, long[] keys) {
    if (keyBits(t) == 64) {
      for (int i = 0; i < n; i++) {
        double x = v[i];
        long b = Double.doubleToRawLongBits(zeroAlike && x == 0 ? 0.0 : x);
        keys[i] = x != x ? -1L : b < 0 ? ~b : b ^ Long.MIN_VALUE;
      }
    } else {
      for (int i = 0; i < n; i++) {
        float x = (float) v[i];
        int b = Float.floatToRawIntBits(zeroAlike && x == 0 ? 0.0f : x);
        keys[i] = x != x ? 0xFFFFFFFFL : (b < 0 ? ~b : b ^ Integer.MIN_VALUE) & 0xFFFFFFFFL;
      }
    }
  }

  /** The float value of a key made with {@code zeroAlike} false (NaN comes back as one NaN). */
  public static double floatValue(long key, DType t) {
    if (keyBits(t) == 64) {
      return Double.longBitsToDouble(key < 0 ? key ^ Long.MIN_VALUE : ~key);
    }
    int k = (int) key;
    return Float.intBitsToFloat(k < 0 ? k ^ Integer.MIN_VALUE : ~k);
  }

  /**
   * Unsigned-order keys of integer values as {@code Access.loadL} holds them (a uint64 run with its
   * sign bits flipped by {@code Access.orderUnsigned}).
   */
  public static void intKeys(long[] v, int n, DType t, long[] keys) {
    boolean wide = keyBits(t) == 64;
    long bias = t == DType.UINT32 ? 0 : Integer.MIN_VALUE; // uint32 values are their own keys
    for (int i = 0; i < n; i++) {
      keys[i] = wide ? v[i] ^ Long.MIN_VALUE : (v[i] - bias) & 0xFFFFFFFFL;
    }
  }

  /**
   * Sorts {@code keys[0, n)} (unsigned) in place; {@code perm}, when not null, is permuted along.
   * {@code k2} and {@code p2} (when {@code perm} is given) are scratch of at least n. From {@link
   * #PARALLEL} keys each pass is split over the cores: each counts the digits of its slice of the
   * current order, the slices' buckets are laid out in slice order (so equal digits keep their
   * order: stable), and each scatters its slice.
   */
  public static void sort(long[] keys, int[] perm, int n, int bits, long[] k2, int[] p2) {
    int parts = n >= PARALLEL && Loop.CORES > 1 ? Loop.CORES : 1;
    long[] k1 = keys;
    int[] p1 = perm;
    for (int shift = 0; shift < bits; shift += BITS) {
      int sh = shift;
      int[][] start = new int[parts][BUCKETS];
      long[] from = k1;
      eachPart(
          parts,
          t -> {
            int[] c = start[t];
            for (int i = (int) ((long) n * t / parts), end = (int) ((long) n * (t + 1) / parts);
                i < end;
                i++) {
              c[(int) (from[i] >>> sh) & (BUCKETS - 1)]++;
            }
          });
      if (!layOut(start, (int) (from[0] >>> sh) & (BUCKETS - 1), n)) {
        continue; // every key has this digit
      }
      long[] to = from == keys ? k2 : keys;
      int[] pFrom = p1;
      int[] pTo = p1 == null ? null : p1 == perm ? p2 : perm;
      eachPart(
          parts,
          t -> {
            int[] c = start[t];
            for (int i = (int) ((long) n * t / parts), end = (int) ((long) n * (t + 1) / parts);
                i < end;
                i++) {
              long k = from[i];
              int dst = c[(int) (k >>> sh) & (BUCKETS - 1)]++;
              to[dst] = k;
              if (pTo != null) {
                pTo[dst] = pFrom[i];
              }
            }
          });
      k1 = to;
      p1 = pTo;
    }
    if (k1 != keys) {
      System.arraycopy(k1, 0, keys, 0, n);
      if (p1 != null) {
        System.arraycopy(p1, 0, perm, 0, n);
      }
    }
  }

  /**
   * Turns the parts' digit counts into their buckets' starts, laid out digit by digit and within a
   * digit part by part; false (and nothing laid out) when every key has {@code digit}, so the pass
   * can be skipped.
   */
  static boolean layOut(int[][] start, int digit, int n) {
    int same = 0;
    for (int[] c : start) {
      same += digit < 0 ? 0 : c[digit];
    }
    if (same == n) {
      return false;
    }
    int at = 0;
    for (int b = 0; b < BUCKETS; b++) {
      for (int[] c : start) {
        int m = c[b];
        c[b] = at;
        at += m;
      }
    }
    return true;
  }

  private static void eachPart(int parts, java.util.function.IntConsumer part) {
    Workers.run(parts, part);
  }
}
