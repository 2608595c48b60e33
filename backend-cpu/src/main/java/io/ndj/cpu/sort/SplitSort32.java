package io.ndj.cpu.sort;

import static io.ndj.cpu.memory.Layouts.JAVA_INT;
import static io.ndj.cpu.sort.Radix.BITS;
import static io.ndj.cpu.sort.Radix.BUCKETS;
import static io.ndj.cpu.sort.SplitSort.COUNTS;
import static io.ndj.cpu.sort.SplitSort.INSERTION;
import static io.ndj.cpu.sort.SplitSort.LSD_BITS;
import static io.ndj.cpu.sort.SplitSort.LSD_MAX;
import static io.ndj.cpu.sort.SplitSort.MSD_PARALLEL;
import static io.ndj.cpu.sort.SplitSort.SMALL;
import static io.ndj.cpu.sort.SplitSort.bounds;
import static io.ndj.cpu.sort.SplitSort.groups;
import static io.ndj.cpu.sort.SplitSort.prefix;

import io.ndj.cpu.Loop;
import io.ndj.cpu.Workers;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

// Twin of SplitSort, kept: int keys in int[] halve the memory traffic of long keys, and Java has no
// generics over primitive arrays.
/**
 * {@link SplitSort} for lines of 32-bit elements (float32, int32), on int keys: half the memory
 * traffic of long ones.
 */
public final class SplitSort32 {
  private SplitSort32() {}

  /** {@link SplitSort}'s key for float32 and int32 bits. */
  private static int key(int b, boolean isFloat) {
    if (!isFloat) {
      return b ^ Integer.MIN_VALUE;
    }
    // without branches, so that C2 vectorises the loops over keys: negatives flip every bit, the
    // rest their sign,
    // NaN becomes -1 (float32 1e6: 0.35 -> 0.13 ms per core's half, read by a bulk copy first)
    return (b ^ ((b >> 31) | Integer.MIN_VALUE)) | ((0x7F800000 - (b & 0x7FFFFFFF)) >> 31);
  }

  /** {@link SplitSort}'s bits for 32-bit keys. */
  private static int bits(int k, boolean isFloat) {
    if (!isFloat) {
      return k ^ Integer.MIN_VALUE;
    }
    int plus1 = k + 1;
    int notNaN = (plus1 | -plus1) >> 31; // 0 for the NaN key -1, else -1
    return ((k ^ (~(k >> 31) | Integer.MIN_VALUE)) & notNaN) | (0x7FC00000 & ~notNaN);
  }

  /** Writes the elements of keys {@code k[lo, hi)} (turning them back in place) to {@code out}. */
  private static void store(
      int[] k, int lo, int hi, MemorySegment out, long pos, long stride, boolean isFloat) {
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
   * Reads elements {@code pos + j*stride}, j in [0, end - lo), of {@code in} into {@code k[lo,
   * end)}: a bulk copy when they are contiguous (an element loop over a heap segment took 0.7 ns an
   * element, ten times the copy).
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

  /**
   * LSD passes over {@code x[lo, hi)} on its bits [low, bits): digits of at most {@link #LSD_BITS}
   * bits.
   */
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
   * Insertion sort of {@code x[lo, hi)} (unsigned) that gives up after {@code budget} moves,
   * leaving a permutation of the range: false then.
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
   * {@link SplitSort#sort(MemorySegment, long, long, MemorySegment, long, long, int, boolean,
   * long[], long[])} for float32 and int32.
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
      int[] keys,
      int[] k2) {
    int parts = n >= MSD_PARALLEL && Loop.CORES > 1 ? Loop.CORES : 1;
    int first = key(in.getAtIndex(JAVA_INT, inPos), isFloat);
    int[] diffs = new int[parts];
    Workers.run(
        parts,
        t -> {
          int diff = 0;
          int lo = (int) ((long) n * t / parts);
          int end = (int) ((long) n * (t + 1) / parts);
          load(in, inPos + lo * inStride, inStride, keys, lo, end);
          for (int i = lo; i < end; i++) {
            int k = key(keys[i], isFloat);
            keys[i] = k;
            diff |= k ^ first;
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
    Workers.run(
        parts,
        t -> {
          int[] c = start[t];
          for (int i = (int) ((long) n * t / parts), end = (int) ((long) n * (t + 1) / parts);
              i < end;
              i++) {
            c[(keys[i] >>> sh) & (BUCKETS - 1)]++;
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
            int k = keys[i];
            k2[c[(k >>> sh) & (BUCKETS - 1)]++] = k;
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

  /** SplitSort's range sort for 32-bit keys. */
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
    int w =
        Math.min(
            Math.min(BITS, bits),
            Math.max(
                1,
                Integer.numberOfLeadingZeros(2 * LSD_MAX) - Integer.numberOfLeadingZeros(len) + 1));
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
}
