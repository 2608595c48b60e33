package io.ndj.cpu.sort;

import static io.ndj.cpu.memory.Layouts.JAVA_LONG;
import static io.ndj.cpu.sort.Radix.BITS;
import static io.ndj.cpu.sort.Radix.BUCKETS;

import io.ndj.cpu.Loop;
import io.ndj.cpu.Workers;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Sorts of one line of 64-bit elements (float64, int64) by their bits: a split by the highest
 * differing digit in one pass over memory, then each bucket sorted in cache (LSD passes, insertion,
 * comparisons for the smallest) and written out as it is done. The parts 32-bit elements share with
 * {@link SplitSort32} are here too.
 */
public final class SplitSort {
  private SplitSort() {}

  /** Ranges of at most this many keys are sorted by insertion. */
  static final int INSERTION = 32;

  /**
   * Ranges of at most this many keys are sorted by comparisons (when their keys share the sign
   * bit).
   */
  static final int SMALL = 200;

  /**
   * Ranges of at most this many keys take LSD passes: they and their scratch stay in the core's L2.
   * An LSD pass over one here cost 1.4 ns a key; splitting it further and sorting the small buckets
   * by comparisons cost more.
   */
  static final int LSD_MAX = 1 << 14;

  /** LSD digits have at most this many bits. */
  static final int LSD_BITS = 11;

  /** From this many keys the first pass is split over the cores and the buckets are shared out. */
  static final int MSD_PARALLEL = 1 << 16;

  /** The buckets are shared out in this many runs. */
  static final int GROUPS = 64;

  /** Per-thread digit counts, one row per level of the split and per LSD digit. */
  static final ThreadLocal<int[][]> COUNTS =
      ThreadLocal.withInitial(() -> new int[16][BUCKETS + 1]);

  /**
   * The unsigned-order key of float64 bits (NaN last, all NaN alike, -0.0 just below 0.0) or of
   * int64 bits.
   */
  private static long key(long b, boolean isFloat) {
    if (!isFloat) {
      return b ^ Long.MIN_VALUE;
    }
    // without branches, so that C2 vectorises the loops over keys: negatives flip every bit, the
    // rest their sign,
    // NaN becomes -1
    return (b ^ ((b >> 63) | Long.MIN_VALUE))
        | ((0x7FF0000000000000L - (b & Long.MAX_VALUE)) >> 63);
  }

  /**
   * The bits of a key made by {@link #key(long, boolean)}; NaN comes back as float64's canonical
   * NaN.
   */
  private static long bits(long k, boolean isFloat) {
    if (!isFloat) {
      return k ^ Long.MIN_VALUE;
    }
    long plus1 = k + 1;
    long notNaN = (plus1 | -plus1) >> 63; // 0 for the NaN key -1, else -1
    return ((k ^ (~(k >> 63) | Long.MIN_VALUE)) & notNaN) | (0x7FF8000000000000L & ~notNaN);
  }

  /**
   * Sorts n float64 or int64 elements of {@code in} (at {@code inPos + j*inStride}, in elements)
   * into {@code out} (likewise), in NumPy's order, with {@code keys} and {@code k2} as scratch of
   * at least n. The elements become unsigned-order keys as they are read, and only the bits in
   * which the keys differ are sorted on: the highest 11 of them split the keys into buckets in one
   * pass over memory (split over the cores), then each bucket is sorted on its own in cache (the
   * buckets are shared out over the cores) and written out as it is done. A 1e7-key float64 sort
   * made six LSD passes over 80 MB before, each reading the keys twice and writing them once: 123
   * -> 52-56 ms.
   */
  public static void sort(
      MemorySegment in,
      long inPos,
      long inStride,
      MemorySegment out,
      long outPos,
      long outStride,
      int n,
      boolean isFloat,
      long[] keys,
      long[] k2) {
    int parts = n >= MSD_PARALLEL && Loop.CORES > 1 ? Loop.CORES : 1;
    long first = key(in.getAtIndex(JAVA_LONG, inPos), isFloat);
    long[] diffs = new long[parts];
    Workers.run(
        parts,
        t -> {
          long diff = 0;
          int lo = (int) ((long) n * t / parts);
          int end = (int) ((long) n * (t + 1) / parts);
          load(in, inPos + lo * inStride, inStride, keys, lo, end);
          for (int i = lo; i < end; i++) {
            long k = key(keys[i], isFloat);
            keys[i] = k;
            diff |= k ^ first;
          }
          diffs[t] = diff;
        });
    long diff = 0;
    for (long d : diffs) {
      diff |= d;
    }
    int top = 64 - Long.numberOfLeadingZeros(diff);
    if (parts == 1) {
      range(keys, k2, 0, n, top, 0);
      store(keys, 0, n, out, outPos, outStride, isFloat);
      return;
    }
    int sh = Math.max(0, top - BITS);
    int[][] start = new int[parts][BUCKETS];
    Workers.run(
        parts,
        t -> {
          int[] c = start[t];
          for (int i = (int) ((long) n * t / parts), end = (int) ((long) n * (t + 1) / parts);
              i < end;
              i++) {
            c[(int) (keys[i] >>> sh) & (BUCKETS - 1)]++;
          }
        });
    int[] bound = bounds(start, n);
    Workers.run(
        parts,
        t -> {
          int[] c = start[t];
          for (int i = (int) ((long) n * t / parts), end = (int) ((long) n * (t + 1) / parts);
              i < end;
              i++) {
            long k = keys[i];
            k2[c[(int) (k >>> sh) & (BUCKETS - 1)]++] = k;
          }
        });
    int[] group = groups(bound, n);
    Workers.run(
        group.length - 1,
        g -> {
          for (int b = group[g]; b < group[g + 1]; b++) {
            range(k2, keys, bound[b], bound[b + 1], sh, 0);
            store(k2, bound[b], bound[b + 1], out, outPos, outStride, isFloat);
          }
        });
  }

  /**
   * Lays the parts' digit counts out as their buckets' starts (digit by digit, within a digit part
   * by part: stable) and returns the buckets' bounds: bucket b is [bound[b], bound[b + 1]).
   */
  static int[] bounds(int[][] start, int n) {
    Radix.layOut(start, -1, n);
    int[] bound = new int[BUCKETS + 1];
    System.arraycopy(start[0], 0, bound, 0, BUCKETS);
    bound[BUCKETS] = n;
    return bound;
  }

  /**
   * Runs of consecutive buckets holding about {@link #GROUPS}th of the keys each (group g is
   * buckets [group[g], group[g + 1])), for the cores to take one at a time: taking the 2048 buckets
   * one by one cost two contended atomic updates each.
   */
  static int[] groups(int[] bound, int n) {
    int[] group = new int[GROUPS + 2];
    int g = 0;
    for (int b = 0; b < BUCKETS; b++) {
      if (bound[b] >= (long) n * g / GROUPS && g <= GROUPS) {
        group[g++] = b;
      }
    }
    group[g] = BUCKETS;
    return Arrays.copyOf(group, g + 1);
  }

  /** Writes the elements of keys {@code k[lo, hi)} (turning them back in place) to {@code out}. */
  private static void store(
      long[] k, int lo, int hi, MemorySegment out, long pos, long stride, boolean isFloat) {
    for (int i = lo; i < hi; i++) {
      k[i] = bits(k[i], isFloat);
    }
    if (stride == 1) {
      MemorySegment.copy(k, lo, out, JAVA_LONG, (pos + lo) * 8, hi - lo);
    } else {
      for (int i = lo; i < hi; i++) {
        out.setAtIndex(JAVA_LONG, pos + i * stride, k[i]);
      }
    }
  }

  /**
   * Reads elements {@code pos + j*stride}, j in [0, end - lo), of {@code in} into {@code k[lo,
   * end)}: a bulk copy when they are contiguous (an element loop over a heap segment took 0.7 ns an
   * element, ten times the copy).
   */
  private static void load(MemorySegment in, long pos, long stride, long[] k, int lo, int end) {
    if (stride == 1) {
      MemorySegment.copy(in, JAVA_LONG, pos * 8, k, lo, end - lo);
    } else {
      for (int i = lo; i < end; i++) {
        k[i] = in.getAtIndex(JAVA_LONG, pos + (i - lo) * stride);
      }
    }
  }

  /**
   * Sorts {@code x[lo, hi)}, whose keys agree above their low {@code bits}, with {@code y} as
   * scratch.
   */
  private static void range(long[] x, long[] y, int lo, int hi, int bits, int level) {
    int len = hi - lo;
    if (bits <= 0 || len < 2) {
      return;
    }
    if (len <= INSERTION) {
      for (int i = lo + 1; i < hi; i++) {
        long k = x[i];
        long key = k ^ Long.MIN_VALUE;
        int j = i - 1;
        while (j >= lo && (x[j] ^ Long.MIN_VALUE) > key) {
          x[j + 1] = x[j];
          j--;
        }
        x[j + 1] = k;
      }
      return;
    }
    if (len <= SMALL && bits < 64) {
      Arrays.sort(x, lo, hi); // the keys share their sign bit, so signed order is their order
      return;
    }
    int[][] counts = COUNTS.get();
    if (len <= LSD_MAX) {
      // the high bits first (enough for few keys to tie on them), then insertion finishes the low
      // bits; when that
      // takes many moves (ties in the high bits), LSD passes over all bits. 1e6 float64s: 3 passes,
      // not 5.
      int sure = 36 - Integer.numberOfLeadingZeros(len);
      if (bits > sure + LSD_BITS / 2) {
        lsd(x, y, lo, hi, bits, bits - sure, level);
        if (finish(x, lo, hi, len / 8 + 64)) {
          return;
        }
      }
      lsd(x, y, lo, hi, bits, 0, level);
      return;
    }
    // larger than the cache: split by the highest digit into y (a digit wide enough for buckets of
    // about half
    // LSD_MAX), sort each bucket there, and copy it back
    int w =
        Math.min(
            Math.min(BITS, bits),
            Math.max(
                1, Integer.numberOfLeadingZeros(LSD_MAX) - Integer.numberOfLeadingZeros(len) + 1));
    int sh = bits - w;
    int mask = (1 << w) - 1;
    int[] c = counts[level];
    Arrays.fill(c, 0, mask + 1, 0);
    for (int i = lo; i < hi; i++) {
      c[(int) (x[i] >>> sh) & mask]++;
    }
    if (!prefix(c, mask, lo, (int) (x[lo] >>> sh) & mask, len)) {
      range(x, y, lo, hi, sh, level); // every key has this digit
      return;
    }
    for (int i = lo; i < hi; i++) {
      long k = x[i];
      y[c[(int) (k >>> sh) & mask]++] = k;
    }
    // c[b] is now bucket b's end
    for (int b = 0, start = lo; b <= mask; b++) {
      int end = c[b];
      range(y, x, start, end, sh, level + 1);
      System.arraycopy(y, start, x, start, end - start);
      start = end;
    }
  }

  /**
   * LSD passes over {@code x[lo, hi)} on its bits [low, bits): digits of at most {@link #LSD_BITS}
   * bits.
   */
  private static void lsd(long[] x, long[] y, int lo, int hi, int bits, int low, int level) {
    int len = hi - lo;
    int digits = (bits - low + LSD_BITS - 1) / LSD_BITS;
    int w = (bits - low + digits - 1) / digits;
    int mask = (1 << w) - 1;
    int[][] counts = COUNTS.get();
    long[] from = x;
    long[] to = y;
    for (int d = 0; d < digits; d++) {
      int[] c = counts[level + d];
      int sh = low + d * w;
      Arrays.fill(c, 0, mask + 1, 0);
      for (int i = lo; i < hi; i++) {
        c[(int) (from[i] >>> sh) & mask]++;
      }
      if (prefix(c, mask, lo, (int) (from[lo] >>> sh) & mask, len)) {
        for (int i = lo; i < hi; i++) {
          long k = from[i];
          to[c[(int) (k >>> sh) & mask]++] = k;
        }
        long[] swap = from;
        from = to;
        to = swap;
      }
    }
    if (from != x) {
      System.arraycopy(from, lo, x, lo, len);
    }
  }

  /**
   * Insertion sort of {@code x[lo, hi)} (unsigned) that gives up after {@code budget} moves,
   * leaving a permutation of the range: false then.
   */
  private static boolean finish(long[] x, int lo, int hi, int budget) {
    for (int i = lo + 1; i < hi; i++) {
      long k = x[i];
      long key = k ^ Long.MIN_VALUE;
      int j = i - 1;
      if ((x[j] ^ Long.MIN_VALUE) <= key) {
        continue;
      }
      do {
        x[j + 1] = x[j];
        j--;
        if (--budget < 0) {
          x[j + 1] = k;
          return false;
        }
      } while (j >= lo && (x[j] ^ Long.MIN_VALUE) > key);
      x[j + 1] = k;
    }
    return true;
  }

  /**
   * Turns the counts {@code c[0, mask]} of a range starting at {@code lo} into its buckets' starts;
   * false (and c left as it is) when every key of the range has {@code digit}.
   */
  static boolean prefix(int[] c, int mask, int lo, int digit, int len) {
    if (c[digit] == len) {
      return false;
    }
    for (int b = 0, at = lo; b <= mask; b++) {
      int m = c[b];
      c[b] = at;
      at += m;
    }
    return true;
  }
}
