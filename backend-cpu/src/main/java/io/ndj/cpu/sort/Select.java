package io.ndj.cpu.sort;

import java.util.Arrays;

/**
 * Introselect on longs or doubles: the values at the given positions placed where a sort puts them,
 * smaller ones before, larger after, in expected linear time. Quickselect with a median-of-three
 * pivot and a Lomuto partition that does not branch on the data (a branch on random keys is
 * mispredicted half the time: Hoare's scans took 168 ms to place the three positions of a median of
 * 1e7 doubles, this 35); keys equal to the pivot are gathered after each round, so runs of
 * duplicates end the search. A position within {@link #SCAN} of either end of its range is found by
 * scans for the minimum or maximum (a median's second middle value, a percentile's last); a range
 * that has not shrunk after {@code 2 log2 n} rounds is sorted instead, and ranges of at most {@link
 * #SMALL} keys are sorted by insertion, so a line that short comes out sorted (as NumPy's partition
 * leaves it).
 */
public final class Select {
  private Select() {}

  static final int SMALL = 16;
  static final int SCAN = 3;

  /**
   * Partitions {@code a[0, n)} at each of {@code kth} (ascending, distinct, in [0, n)).
   *
   * @param a the keys
   * @param n how many
   * @param kth the positions fixed
   */
  public static void select(long[] a, int n, long[] kth) {
    int lo = 0;
    for (long k : kth) {
      if (k >= lo && k < n) {
        select(a, lo, n, (int) k);
      }
      lo = (int) k + 1; // what follows a fixed position is no smaller than it
    }
  }

  /** Places the k-th smallest of a[lo, hi) at k, smaller ones before it, larger after. */
  private static void select(long[] a, int lo, int hi, int k) {
    int rounds = 2 * (32 - Integer.numberOfLeadingZeros(hi - lo));
    while (hi - lo > SMALL) {
      if (k - lo < SCAN) {
        for (int at = lo; at <= k; at++) {
          int best = at;
          for (int i = at + 1; i < hi; i++) {
            best = a[i] < a[best] ? i : best;
          }
          swap(a, at, best);
        }
        return;
      }
      if (hi - 1 - k < SCAN) {
        for (int at = hi - 1; at >= k; at--) {
          int best = at;
          for (int i = at - 1; i >= lo; i--) {
            best = a[i] > a[best] ? i : best;
          }
          swap(a, at, best);
        }
        return;
      }
      if (rounds-- == 0) {
        Arrays.sort(a, lo, hi);
        return;
      }
      long p = median(a[lo], a[(lo + hi) >>> 1], a[hi - 1]);
      // Lomuto without a branch on the data: a[lo, j) < p <= a[j, hi)
      int j = lo;
      for (int i = lo; i < hi; i++) {
        long t = a[i];
        a[i] = a[j];
        a[j] = t;
        j += t < p ? 1 : 0;
      }
      if (k < j) {
        hi = j;
        continue;
      }
      // the keys equal to p (at least p itself) to the front of the upper part
      int e = j;
      for (int i = j; i < hi; i++) {
        long t = a[i];
        a[i] = a[e];
        a[e] = t;
        e += t == p ? 1 : 0;
      }
      if (k < e) {
        return;
      }
      lo = e;
    }
    for (int i = lo + 1; i < hi; i++) {
      long v = a[i];
      int j = i - 1;
      while (j >= lo && a[j] > v) {
        a[j + 1] = a[j];
        j--;
      }
      a[j + 1] = v;
    }
  }

  private static void swap(long[] a, int i, int j) {
    long t = a[i];
    a[i] = a[j];
    a[j] = t;
  }

  private static long median(long x, long y, long z) {
    return Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
  }

  // the same on doubles: a twin, as the primitive comparisons and swaps cannot be shared

  /**
   * Partitions {@code a[0, n)} at each of {@code kth} (ascending, distinct, in [0, n)), NaN last
   * and -0.0 equal to 0.0 (as NumPy compares them: a short line keeps their order).
   *
   * @param a the keys
   * @param n how many
   * @param kth the positions fixed
   */
  public static void select(double[] a, int n, long[] kth) {
    int m = 0; // NaN to the end, the others in their order
    for (int i = 0; i < n; i++) {
      if (a[i] == a[i]) {
        a[m++] = a[i];
      }
    }
    Arrays.fill(a, m, n, Double.NaN);
    n = m;
    int lo = 0;
    for (long k : kth) {
      if (k >= lo && k < n) {
        select(a, lo, n, (int) k);
      }
      lo = (int) k + 1; // what follows a fixed position is no smaller than it
    }
  }

  /** Places the k-th smallest of a[lo, hi) at k, smaller ones before it, larger after. */
  private static void select(double[] a, int lo, int hi, int k) {
    int rounds = 2 * (32 - Integer.numberOfLeadingZeros(hi - lo));
    while (hi - lo > SMALL) {
      if (k - lo < SCAN) {
        for (int at = lo; at <= k; at++) {
          int best = at;
          for (int i = at + 1; i < hi; i++) {
            best = a[i] < a[best] ? i : best;
          }
          swap(a, at, best);
        }
        return;
      }
      if (hi - 1 - k < SCAN) {
        for (int at = hi - 1; at >= k; at--) {
          int best = at;
          for (int i = at - 1; i >= lo; i--) {
            best = a[i] > a[best] ? i : best;
          }
          swap(a, at, best);
        }
        return;
      }
      if (rounds-- == 0) {
        Arrays.sort(a, lo, hi);
        return;
      }
      double p = median(a[lo], a[(lo + hi) >>> 1], a[hi - 1]);
      // Lomuto without a branch on the data: a[lo, j) < p <= a[j, hi)
      int j = lo;
      for (int i = lo; i < hi; i++) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
        j += t < p ? 1 : 0;
      }
      if (k < j) {
        hi = j;
        continue;
      }
      // the keys equal to p (at least p itself) to the front of the upper part
      int e = j;
      for (int i = j; i < hi; i++) {
        double t = a[i];
        a[i] = a[e];
        a[e] = t;
        e += t == p ? 1 : 0;
      }
      if (k < e) {
        return;
      }
      lo = e;
    }
    for (int i = lo + 1; i < hi; i++) {
      double v = a[i];
      int j = i - 1;
      while (j >= lo && a[j] > v) {
        a[j + 1] = a[j];
        j--;
      }
      a[j + 1] = v;
    }
  }

  private static void swap(double[] a, int i, int j) {
    double t = a[i];
    a[i] = a[j];
    a[j] = t;
  }

  private static double median(double x, double y, double z) {
    return Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
  }
}
