package io.ndj.cpu;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.ndj.DType;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Radix sorts of one line, on keys whose unsigned order is NumPy's order. A comparison sort of indices reads its
 * keys in random order (a 1e7 float argsort took 3.6 s in a merge sort); these passes read and write sequentially.
 * Argsorts (and float16 sorts) take stable LSD passes of 11-bit digits, one counting pass for every digit, digits
 * that all keys share skipped. Sorts of 32- and 64-bit elements split the line by its highest differing digit first
 * and sort each bucket in cache ({@link #sort(MemorySegment, long, long, MemorySegment, long, long, int, boolean,
 * long[], long[])}).
 */
final class Radix {
  /** Lines shorter than this keep the comparison sorts. */
  static final int MIN = 2048;

  private static final int BITS = 11;
  private static final int BUCKETS = 1 << BITS;
  /** Lines from this long split each pass over the cores. */
  private static final int PARALLEL = 1 << 18;

  private Radix() {}

  /** Key bits for a dtype: 64 for int64 and float64, 32 for the rest. */
  static int keyBits(DType t) {
    return t == DType.INT64 || t == DType.FLOAT64 ? 64 : 32;
  }

  /**
   * Unsigned-order keys of float values (stored as doubles): NaN last, all NaN alike; {@code zeroAlike} makes -0.0
   * and 0.0 one key (equal for argsort's stability, as NumPy compares them).
   */
  static void floatKeys(double[] v, int n, DType t, boolean zeroAlike, long[] keys) {
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
  static double floatValue(long key, DType t) {
    if (keyBits(t) == 64) {
      return Double.longBitsToDouble(key < 0 ? key ^ Long.MIN_VALUE : ~key);
    }
    int k = (int) key;
    return Float.intBitsToFloat(k < 0 ? k ^ Integer.MIN_VALUE : ~k);
  }

  /** Unsigned-order keys of integer values. */
  static void intKeys(long[] v, int n, DType t, long[] keys) {
    boolean wide = keyBits(t) == 64;
    for (int i = 0; i < n; i++) {
      keys[i] = wide ? v[i] ^ Long.MIN_VALUE : (v[i] - Integer.MIN_VALUE) & 0xFFFFFFFFL;
    }
  }

  /**
   * Sorts {@code keys[0, n)} (unsigned) in place; {@code perm}, when not null, is permuted along. {@code k2} and
   * {@code p2} (when {@code perm} is given) are scratch of at least n. From {@link #PARALLEL} keys each pass is split
   * over the cores: each counts the digits of its slice of the current order, the slices' buckets are laid out in
   * slice order (so equal digits keep their order: stable), and each scatters its slice.
   */
  static void sort(long[] keys, int[] perm, int n, int bits, long[] k2, int[] p2) {
    int parts = n >= PARALLEL && Loop.CORES > 1 ? Loop.CORES : 1;
    long[] k1 = keys;
    int[] p1 = perm;
    for (int shift = 0; shift < bits; shift += BITS) {
      int sh = shift;
      int[][] start = new int[parts][BUCKETS];
      long[] from = k1;
      eachPart(parts, t -> {
        int[] c = start[t];
        for (int i = (int) ((long) n * t / parts), end = (int) ((long) n * (t + 1) / parts); i < end; i++) {
          c[(int) (from[i] >>> sh) & (BUCKETS - 1)]++;
        }
      });
      if (!layOut(start, (int) (from[0] >>> sh) & (BUCKETS - 1), n)) {
        continue; // every key has this digit
      }
      long[] to = from == keys ? k2 : keys;
      int[] pFrom = p1;
      int[] pTo = p1 == null ? null : p1 == perm ? p2 : perm;
      eachPart(parts, t -> {
        int[] c = start[t];
        for (int i = (int) ((long) n * t / parts), end = (int) ((long) n * (t + 1) / parts); i < end; i++) {
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
   * Turns the parts' digit counts into their buckets' starts, laid out digit by digit and within a digit part by
   * part; false (and nothing laid out) when every key has {@code digit}, so the pass can be skipped.
   */
  private static boolean layOut(int[][] start, int digit, int n) {
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

  /** Ranges of at most this many keys are sorted by insertion. */
  private static final int INSERTION = 32;
  /** Ranges of at most this many keys are sorted by comparisons (when their keys share the sign bit). */
  private static final int SMALL = 200;
  /**
   * Ranges of at most this many keys take LSD passes: they and their scratch stay in the core's L2. An LSD pass over
   * one here cost 1.4 ns a key; splitting it further and sorting the small buckets by comparisons cost more.
   */
  private static final int LSD_MAX = 1 << 14;
  /** LSD digits have at most this many bits. */
  private static final int LSD_BITS = 11;
  /** From this many keys the first pass is split over the cores and the buckets are shared out. */
  private static final int MSD_PARALLEL = 1 << 16;
  /** The buckets are shared out in this many runs. */
  private static final int GROUPS = 64;

  /** Per-thread digit counts, one row per level of the split and per LSD digit. */
  private static final ThreadLocal<int[][]> COUNTS = ThreadLocal.withInitial(() -> new int[16][BUCKETS + 1]);

  /** The unsigned-order key of float64 bits (NaN last, all NaN alike, -0.0 just below 0.0) or of int64 bits. */
  private static long key(long b, boolean isFloat) {
    if (!isFloat) {
      return b ^ Long.MIN_VALUE;
    }
    return (b & Long.MAX_VALUE) > 0x7FF0000000000000L ? -1L : b < 0 ? ~b : b ^ Long.MIN_VALUE;
  }

  /** The bits of a key made by {@link #key(long, boolean)}; NaN comes back as float64's canonical NaN. */
  private static long bits(long k, boolean isFloat) {
    if (!isFloat) {
      return k ^ Long.MIN_VALUE;
    }
    return k == -1L ? 0x7FF8000000000000L : k < 0 ? k ^ Long.MIN_VALUE : ~k;
  }

  /** {@link #key(long, boolean)} for float32 and int32 bits. */
  private static int key(int b, boolean isFloat) {
    if (!isFloat) {
      return b ^ Integer.MIN_VALUE;
    }
    return (b & 0x7FFFFFFF) > 0x7F800000 ? -1 : b < 0 ? ~b : b ^ Integer.MIN_VALUE;
  }

  /** {@link #bits(long, boolean)} for 32-bit keys. */
  private static int bits(int k, boolean isFloat) {
    if (!isFloat) {
      return k ^ Integer.MIN_VALUE;
    }
    return k == -1 ? 0x7FC00000 : k < 0 ? k ^ Integer.MIN_VALUE : ~k;
  }

  /**
   * Sorts n float64 or int64 elements of {@code in} (at {@code inPos + j*inStride}, in elements) into {@code out}
   * (likewise), in NumPy's order, with {@code keys} and {@code k2} as scratch of at least n. The elements become
   * unsigned-order keys as they are read, and only the bits in which the keys differ are sorted on: the highest 11
   * of them split the keys into buckets in one pass over memory (split over the cores), then each bucket is sorted
   * on its own in cache (the buckets are shared out over the cores) and written out as it is done. A 1e7-key float64
   * sort made six LSD passes over 80 MB before, each reading the keys twice and writing them once: 123 -> 76 ms.
   */
  static void sort(MemorySegment in, long inPos, long inStride, MemorySegment out, long outPos, long outStride,
                   int n, boolean isFloat, long[] keys, long[] k2) {
    int parts = n >= MSD_PARALLEL && Loop.CORES > 1 ? Loop.CORES : 1;
    long first = key(in.getAtIndex(JAVA_LONG, inPos), isFloat);
    long[] diffs = new long[parts];
    eachPart(parts, t -> {
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
    eachPart(parts, t -> {
      int[] c = start[t];
      for (int i = (int) ((long) n * t / parts), end = (int) ((long) n * (t + 1) / parts); i < end; i++) {
        c[(int) (keys[i] >>> sh) & (BUCKETS - 1)]++;
      }
    });
    int[] bound = bounds(start, n);
    eachPart(parts, t -> {
      int[] c = start[t];
      for (int i = (int) ((long) n * t / parts), end = (int) ((long) n * (t + 1) / parts); i < end; i++) {
        long k = keys[i];
        k2[c[(int) (k >>> sh) & (BUCKETS - 1)]++] = k;
      }
    });
    int[] group = groups(bound, n);
    eachPart(group.length - 1, g -> {
      for (int b = group[g]; b < group[g + 1]; b++) {
        range(k2, keys, bound[b], bound[b + 1], sh, 0);
        store(k2, bound[b], bound[b + 1], out, outPos, outStride, isFloat);
      }
    });
  }

  /**
   * Lays the parts' digit counts out as their buckets' starts (digit by digit, within a digit part by part: stable)
   * and returns the buckets' bounds: bucket b is [bound[b], bound[b + 1]).
   */
  private static int[] bounds(int[][] start, int n) {
    layOut(start, -1, n);
    int[] bound = new int[BUCKETS + 1];
    System.arraycopy(start[0], 0, bound, 0, BUCKETS);
    bound[BUCKETS] = n;
    return bound;
  }

  /**
   * Runs of consecutive buckets holding about {@link #GROUPS}th of the keys each (group g is buckets [group[g],
   * group[g + 1])), for the cores to take one at a time: taking the 2048 buckets one by one cost two contended atomic
   * updates each.
   */
  private static int[] groups(int[] bound, int n) {
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
  private static void store(long[] k, int lo, int hi, MemorySegment out, long pos, long stride, boolean isFloat) {
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
   * Reads elements {@code pos + j*stride}, j in [0, end - lo), of {@code in} into {@code k[lo, end)}: a bulk copy when
   * they are contiguous (an element loop over a heap segment took 0.7 ns an element, ten times the copy).
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

  /** Writes the elements of keys {@code k[lo, hi)} (turning them back in place) to {@code out}. */
  private static void store(int[] k, int lo, int hi, MemorySegment out, long pos, long stride, boolean isFloat) {
    for (int i = lo; i < hi; i++) {
      k[i] = bits(k[i], isFloat);
    }
    if (stride == 1) {
      MemorySegment.copy(k, lo, out, JAVA_INT, (pos + lo) * 4, hi - lo);
    } else {
      for (int i = lo; i < hi; i++) {
        out.setAtIndex(JAVA_INT, pos + i * stride, k[i]);
      }
    }
  }

  /**
   * Reads elements {@code pos + j*stride}, j in [0, end - lo), of {@code in} into {@code k[lo, end)}: a bulk copy when
   * they are contiguous (an element loop over a heap segment took 0.7 ns an element, ten times the copy).
   */
  private static void load(MemorySegment in, long pos, long stride, int[] k, int lo, int end) {
    if (stride == 1) {
      MemorySegment.copy(in, JAVA_INT, pos * 4, k, lo, end - lo);
    } else {
      for (int i = lo; i < end; i++) {
        k[i] = in.getAtIndex(JAVA_INT, pos + (i - lo) * stride);
      }
    }
  }

  /** Sorts {@code x[lo, hi)}, whose keys agree above their low {@code bits}, with {@code y} as scratch. */
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
      // the high bits first (enough for few keys to tie on them), then insertion finishes the low bits; when that
      // takes many moves (ties in the high bits), LSD passes over all bits. 1e6 float64s: 3 passes, not 5.
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
    // larger than the cache: split by the highest digit into y (a digit wide enough for buckets of about half
    // LSD_MAX), sort each bucket there, and copy it back
    int w = Math.min(Math.min(BITS, bits), Math.max(1, Integer.numberOfLeadingZeros(LSD_MAX) - Integer.numberOfLeadingZeros(len) + 1));
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

  /** LSD passes over {@code x[lo, hi)} on its bits [low, bits): digits of at most {@link #LSD_BITS} bits. */
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
   * Insertion sort of {@code x[lo, hi)} (unsigned) that gives up after {@code budget} moves, leaving a permutation
   * of the range: false then.
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

  /** LSD passes over {@code x[lo, hi)} on its bits [low, bits): digits of at most {@link #LSD_BITS} bits. */
  private static void lsd(int[] x, int[] y, int lo, int hi, int bits, int low, int level) {
    int len = hi - lo;
    int digits = (bits - low + LSD_BITS - 1) / LSD_BITS;
    int w = (bits - low + digits - 1) / digits;
    int mask = (1 << w) - 1;
    int[][] counts = COUNTS.get();
    int[] from = x;
    int[] to = y;
    for (int d = 0; d < digits; d++) {
      int[] c = counts[level + d];
      int sh = low + d * w;
      Arrays.fill(c, 0, mask + 1, 0);
      for (int i = lo; i < hi; i++) {
        c[(from[i] >>> sh) & mask]++;
      }
      if (prefix(c, mask, lo, (from[lo] >>> sh) & mask, len)) {
        for (int i = lo; i < hi; i++) {
          int k = from[i];
          to[c[(k >>> sh) & mask]++] = k;
        }
        int[] swap = from;
        from = to;
        to = swap;
      }
    }
    if (from != x) {
      System.arraycopy(from, lo, x, lo, len);
    }
  }

  /**
   * Insertion sort of {@code x[lo, hi)} (unsigned) that gives up after {@code budget} moves, leaving a permutation
   * of the range: false then.
   */
  private static boolean finish(int[] x, int lo, int hi, int budget) {
    for (int i = lo + 1; i < hi; i++) {
      int k = x[i];
      int key = k ^ Integer.MIN_VALUE;
      int j = i - 1;
      if ((x[j] ^ Integer.MIN_VALUE) <= key) {
        continue;
      }
      do {
        x[j + 1] = x[j];
        j--;
        if (--budget < 0) {
          x[j + 1] = k;
          return false;
        }
      } while (j >= lo && (x[j] ^ Integer.MIN_VALUE) > key);
      x[j + 1] = k;
    }
    return true;
  }

  /**
   * Turns the counts {@code c[0, mask]} of a range starting at {@code lo} into its buckets' starts; false (and c
   * left as it is) when every key of the range has {@code digit}.
   */
  private static boolean prefix(int[] c, int mask, int lo, int digit, int len) {
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

  /** {@link #sort(MemorySegment, long, long, MemorySegment, long, long, int, boolean, long[], long[])} for float32 and int32. */
  static void sort(MemorySegment in, long inPos, long inStride, MemorySegment out, long outPos, long outStride,
                   int n, boolean isFloat, int[] keys, int[] k2) {
    int parts = n >= MSD_PARALLEL && Loop.CORES > 1 ? Loop.CORES : 1;
    int first = key(in.getAtIndex(JAVA_INT, inPos), isFloat);
    int[] diffs = new int[parts];
    eachPart(parts, t -> {
      int diff = 0;
      int lo = (int) ((long) n * t / parts);
      int end = (int) ((long) n * (t + 1) / parts);
      if (inStride == 1 && in.heapBase().orElse(null) instanceof float[] f) {
        // straight from the float[] (one pass, not a copy and then one over the copy: float32 1e6 5-15% faster)
        int at = (int) (in.address() / 4 + inPos);
        for (int i = lo; i < end; i++) {
          int k = key(Float.floatToRawIntBits(f[at + i]), isFloat);
          keys[i] = k;
          diff |= k ^ first;
        }
      } else {
        load(in, inPos + lo * inStride, inStride, keys, lo, end);
        for (int i = lo; i < end; i++) {
          int k = key(keys[i], isFloat);
          keys[i] = k;
          diff |= k ^ first;
        }
      }
      diffs[t] = diff;
    });
    int diff = 0;
    for (int d : diffs) {
      diff |= d;
    }
    int top = 32 - Integer.numberOfLeadingZeros(diff);
    if (parts == 1) {
      range(keys, k2, 0, n, top, 0);
      store(keys, 0, n, out, outPos, outStride, isFloat);
      return;
    }
    int sh = Math.max(0, top - BITS);
    int[][] start = new int[parts][BUCKETS];
    eachPart(parts, t -> {
      int[] c = start[t];
      for (int i = (int) ((long) n * t / parts), end = (int) ((long) n * (t + 1) / parts); i < end; i++) {
        c[(keys[i] >>> sh) & (BUCKETS - 1)]++;
      }
    });
    int[] bound = bounds(start, n);
    eachPart(parts, t -> {
      int[] c = start[t];
      for (int i = (int) ((long) n * t / parts), end = (int) ((long) n * (t + 1) / parts); i < end; i++) {
        int k = keys[i];
        k2[c[(k >>> sh) & (BUCKETS - 1)]++] = k;
      }
    });
    int[] group = groups(bound, n);
    eachPart(group.length - 1, g -> {
      for (int b = group[g]; b < group[g + 1]; b++) {
        range(k2, keys, bound[b], bound[b + 1], sh, 0);
        store(k2, bound[b], bound[b + 1], out, outPos, outStride, isFloat);
      }
    });
  }

  /** {@link #range(long[], long[], int, int, int, int)} for 32-bit keys. */
  private static void range(int[] x, int[] y, int lo, int hi, int bits, int level) {
    int len = hi - lo;
    if (bits <= 0 || len < 2) {
      return;
    }
    if (len <= INSERTION) {
      for (int i = lo + 1; i < hi; i++) {
        int k = x[i];
        int key = k ^ Integer.MIN_VALUE;
        int j = i - 1;
        while (j >= lo && (x[j] ^ Integer.MIN_VALUE) > key) {
          x[j + 1] = x[j];
          j--;
        }
        x[j + 1] = k;
      }
      return;
    }
    if (len <= SMALL && bits < 32) {
      Arrays.sort(x, lo, hi);
      return;
    }
    int[][] counts = COUNTS.get();
    if (len <= 2 * LSD_MAX) {
      // the high bits first (enough for few keys to tie on them), then insertion finishes the low bits; when that
      // takes many moves (ties in the high bits), LSD passes over all bits. 1e6 float64s: 3 passes, not 5.
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
    int w = Math.min(Math.min(BITS, bits), Math.max(1, Integer.numberOfLeadingZeros(2 * LSD_MAX) - Integer.numberOfLeadingZeros(len) + 1));
    int sh = bits - w;
    int mask = (1 << w) - 1;
    int[] c = counts[level];
    Arrays.fill(c, 0, mask + 1, 0);
    for (int i = lo; i < hi; i++) {
      c[(x[i] >>> sh) & mask]++;
    }
    if (!prefix(c, mask, lo, (x[lo] >>> sh) & mask, len)) {
      range(x, y, lo, hi, sh, level);
      return;
    }
    for (int i = lo; i < hi; i++) {
      int k = x[i];
      y[c[(k >>> sh) & mask]++] = k;
    }
    for (int b = 0, start = lo; b <= mask; b++) {
      int end = c[b];
      range(y, x, start, end, sh, level + 1);
      System.arraycopy(y, start, x, start, end - start);
      start = end;
    }
  }
  private static void eachPart(int parts, java.util.function.IntConsumer part) {
    Workers.run(parts, part);
  }
}
