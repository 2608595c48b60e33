package io.ndj.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ndj.DType;
import io.ndj.Index;
import io.ndj.Nd;
import io.ndj.NdArray;
import io.ndj.Scope;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Sorts of long lines, where backends switch algorithms (counting sorts for narrow dtypes, scratch
 * past 2^31 elements): 300,000 values of each narrow dtype, float16 with NaN, both zeros and
 * infinities, against Java's own sort of the same values; and, where the backend has the memory, an
 * int8 array of 2^31 + 7 elements.
 */
public interface LongLinesContract extends KitSupport {
  @TestFactory
  default Stream<DynamicTest> longLinesSortAsJavaSortsTheirValues() {
    return Stream.of(
            DType.BOOL,
            DType.INT8,
            DType.UINT8,
            DType.INT16,
            DType.FLOAT16,
            DType.FLOAT32,
            DType.INT32,
            DType.UINT16,
            DType.UINT32,
            DType.FLOAT64,
            DType.INT64,
            DType.UINT64)
        .map(
            t ->
                check(
                    "sort of 300000",
                    t,
                    () -> {
                      int n = 300_000;
                      double[] v = new double[n];
                      double[] specials = {
                        Double.NaN,
                        -0.0,
                        0.0,
                        Double.POSITIVE_INFINITY,
                        Double.NEGATIVE_INFINITY,
                        -65504
                      };
                      for (int i = 0; i < n; i++) {
                        long h = hash(i);
                        v[i] =
                            t.isFloat()
                                ? h % 50 == 0
                                    ? specials[(int) (h / 50 % specials.length)]
                                    : (h % 20001 - 10000) / 16.0
                                : integer(t, h);
                      }
                      try (Scope scope = Nd.scope()) {
                        NdArray x = backend().array(v, n).astype(t);
                        double[] want = x.astype(DType.FLOAT64).toDoubleArray();
                        Arrays.sort(want); // -0.0 before 0.0, NaN last: NumPy's order
                        double[] got = x.sort().astype(DType.FLOAT64).toDoubleArray();
                        int negativeZeros = 0;
                        for (int i = 0; i < n; i++) {
                          // -0.0 and 0.0 are equal keys, in either order (NumPy's sort is not
                          // stable), but both are kept
                          if (!(want[i] == got[i]
                              || (Double.isNaN(want[i]) && Double.isNaN(got[i])))) {
                            throw new AssertionError(
                                "sort of "
                                    + n
                                    + " "
                                    + t
                                    + ": element "
                                    + i
                                    + " is "
                                    + got[i]
                                    + ", Java's sort gives "
                                    + want[i]);
                          }
                          negativeZeros +=
                              (Double.doubleToRawLongBits(want[i]) == Long.MIN_VALUE ? 1 : 0)
                                  - (Double.doubleToRawLongBits(got[i]) == Long.MIN_VALUE ? 1 : 0);
                        }
                        assertEquals(
                            0, negativeZeros, "sort of " + n + " " + t + " keeps every -0.0");
                      }
                    }));
  }

  /** A value spread over the whole range of an integer dtype (int32: +-2e9), from a hash. */
  private static long narrow(DType t, long h) {
    return switch (t) {
      case BOOL -> h % 2;
      case INT8 -> h % 256 - 128;
      case UINT8 -> h % 256;
      case INT16 -> h % 65536 - 32768;
      case UINT16 -> h % 65536;
      case UINT32 -> h * 2 + (h & 1); // up to 2^32 - 1: past int32's top bit
      default -> h % 4_000_000_001L - 2_000_000_000L;
    };
  }

  /**
   * {@link #narrow}, and for 64-bit integers a value exact in a double that sets the high bits:
   * int64 +-h 2^31 (up to 2^62, either sign), uint64 h 2^33 (half of them past 2^63, where a signed
   * order would put them first).
   */
  private static double integer(DType t, long h) {
    return switch (t) {
      case INT64 -> (h & 1) == 0 ? -(double) (h << 31) : (double) (h << 31);
      case UINT64 -> Math.scalb((double) h, 33);
      default -> narrow(t, h);
    };
  }

  /** The kit's seeded hash of position {@code i}: 31 well-mixed bits. */
  private long hash(long i) {
    return (i * 0x9E3779B97F4A7C15L + seed()) >>> 33;
  }

  /**
   * Whole sums, mins, maxes, argmins and argmaxes of 3,000,001 narrow integers (where backends
   * widen in chunks), and sums along each axis of 3,000,000 of them, against Java's.
   */
  @TestFactory
  default Stream<DynamicTest> largeNarrowIntegerSumsAreExact() {
    return Stream.of(DType.BOOL, DType.INT8, DType.UINT8, DType.INT16, DType.INT32)
        .map(
            t ->
                check(
                    "sum of 3000001",
                    t,
                    () -> {
                      int n = 3_000_001;
                      long[] v = new long[n];
                      long want = 0;
                      long min = Long.MAX_VALUE;
                      long max = Long.MIN_VALUE;
                      int argmin = 0;
                      int argmax = 0;
                      for (int i = 0; i < n; i++) {
                        v[i] = narrow(t, hash(i));
                        want += v[i];
                        argmin = v[i] < min ? i : argmin; // the first occurrence, as NumPy's
                        argmax = v[i] > max ? i : argmax;
                        min = Math.min(min, v[i]);
                        max = Math.max(max, v[i]);
                      }
                      try (Scope scope = Nd.scope()) {
                        NdArray x = backend().array(v, n).astype(t);
                        assertEquals(want, x.sum().longValue(), "sum of " + n + " " + t);
                        assertEquals(min, x.min().astype(DType.INT64).longValue(), "min of " + t);
                        assertEquals(max, x.max().astype(DType.INT64).longValue(), "max of " + t);
                        assertEquals(argmin, x.argmin().longValue(), "argmin of " + t);
                        assertEquals(argmax, x.argmax().longValue(), "argmax of " + t);
                        // along each axis of a 3000 x 1000 view (widened in slabs)
                        NdArray m = x.get(Index.slice(0, 3_000_000)).reshape(3000, 1000);
                        long[] rows = new long[3000];
                        long[] cols = new long[1000];
                        for (int i = 0; i < 3_000_000; i++) {
                          rows[i / 1000] += v[i];
                          cols[i % 1000] += v[i];
                        }
                        assertArrayEquals(cols, m.sum(0).toLongArray(), "sum(axis=0) of " + t);
                        assertArrayEquals(rows, m.sum(1).toLongArray(), "sum(axis=1) of " + t);
                      }
                    }));
  }

  /**
   * Cumulative sums of long lines (where backends work in chunks), against Java's running sum in
   * the same order.
   */
  @TestFactory
  default Stream<DynamicTest> cumsumOfLongLinesIsTheRunningSum() {
    return Stream.of(DType.INT32, DType.FLOAT64)
        .map(
            t ->
                check(
                    "cumsum of 200001",
                    t,
                    () -> {
                      int n = 200_001;
                      double[] v = new double[n];
                      for (int i = 0; i < n; i++) {
                        long h = hash(i);
                        v[i] =
                            t == DType.INT32
                                ? h % 2_000_001 - 1_000_000
                                : (h % 2_000_001 - 1_000_000) / 1024.0;
                      }
                      try (Scope scope = Nd.scope()) {
                        double[] got =
                            backend()
                                .array(v, n)
                                .astype(t)
                                .cumsum()
                                .astype(DType.FLOAT64)
                                .toDoubleArray();
                        double acc = 0;
                        for (int i = 0; i < n; i++) {
                          acc += v[i]; // int32 partial sums stay below 2^53 here, so the double sum
                          // is exact
                          if (got[i] != acc) {
                            throw new AssertionError(
                                "cumsum of "
                                    + n
                                    + " "
                                    + t
                                    + ": element "
                                    + i
                                    + " is "
                                    + got[i]
                                    + ", not "
                                    + acc);
                          }
                        }
                      }
                    }));
  }

  /**
   * argwhere of large masks (where backends work in blocks), 1-d and 2-d, against the positions
   * Java finds.
   */
  @TestFactory
  default Stream<DynamicTest> argwhereOfLargeMasks() {
    return Stream.of(
        check(
            "argwhere of 4000033",
            DType.BOOL,
            () -> {
              int n = 4_000_033; // 37 x 108109
              long[] v = new long[n];
              int hits = 0;
              for (int i = 0; i < n; i++) {
                v[i] = hash(i) % 5 == 0 ? 1 : 0;
                hits += (int) v[i];
              }
              try (Scope scope = Nd.scope()) {
                NdArray mask = backend().array(v, n).astype(DType.BOOL);
                long[] flat = mask.argwhere().toLongArray();
                long[] rc = mask.reshape(37, n / 37).argwhere().toLongArray();
                assertEquals(hits, flat.length, "argwhere count");
                assertEquals(2L * hits, rc.length, "argwhere count, 2-d");
                for (int i = 0, k = 0; i < n; i++) {
                  if (v[i] != 0) {
                    assertEquals(i, flat[k], "hit " + k);
                    assertEquals(i / (n / 37), rc[2 * k], "row of hit " + k);
                    assertEquals(i % (n / 37), rc[2 * k + 1], "column of hit " + k);
                    k++;
                  }
                }
              }
            }));
  }

  /**
   * What the backend reports free, after a collection where it looks short: arrays that earlier
   * tests closed are garbage on a heap backend until the collector runs.
   */
  private long freeAfterCollection() {
    io.ndj.spi.MemoryInfo m = backend().memoryInfo();
    if (m.deviceFree() < (8L << 30)) {
      System.gc();
      m = backend().memoryInfo();
    }
    // the backend gives its cache back before it gives up; -1 is "not known"
    return m.deviceFree() < 0 ? m.deviceFree() : m.deviceFree() + m.cached();
  }

  /**
   * Past one Java array's reach: runs where the backend reports room for this array and its sorted
   * copy.
   */
  @Test
  default void anInt8ArrayPastTwoToThe31SortsAndSums() {
    sortsPastTwoToThe31(DType.INT8, 5, -3, 9, 2.2);
  }

  /**
   * A float32 line past one Java array (sorted by radix passes through scratch as long as the
   * line), with -inf first and NaN last; where the backend reports room for three copies.
   */
  @Test
  default void aFloat32ArrayPastTwoToThe31Sorts() {
    sortsPastTwoToThe31(
        DType.FLOAT32, 5.5, Double.NEGATIVE_INFINITY, Double.NaN, 3.3 * DType.FLOAT32.itemsize());
  }

  /**
   * Every kind of op on an int8 array of 2^31 + 7 elements (zeros, every third 5, every seventh -3,
   * the last 9), where the backend has memory for about three such arrays (skipped, with the
   * backend's words, where an allocation fails even so): elementwise arithmetic, comparisons, where
   * and casts (over every other element), reductions and arg-reductions, reversed and strided views
   * and their copies, take, concatenate, reshape with an axis reduction and unique, each against
   * what each element was set to.
   */
  @Test
  default void anInt8ArrayPastTwoToThe31RunsEveryKindOfOp() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        heavy(), "heavy checks are off (ndj.conformance.heavy=false)");
    long n = (1L << 31) + 7;
    long room = freeAfterCollection();
    // each temporary is closed before the next: room for two such arrays, of the backend's memory
    // (a heap backend's soft caches of earlier tests' scratch read as used until it needs them)
    long total = backend().memoryInfo().deviceTotal();
    assumeTrue(
        Math.max(room, total) >= n * 2.8,
        "backend " + backend().name() + " reports " + room + " of " + total + " bytes free");
    try {
      everyKindOfOpPastTwoToThe31(n);
    } catch (io.ndj.NdOutOfMemoryException e) {
      assumeTrue(false, "backend " + backend().name() + ": " + e.getMessage());
    }
  }

  /**
   * What the every-op test sets element i (below the last) to: -3 every seventh, else 5 every
   * third.
   */
  private static long valueAt(long i) {
    return i % 7 == 2 ? -3 : i % 3 == 1 ? 5 : 0;
  }

  private void everyKindOfOpPastTwoToThe31(long n) {
    long threes = 0; // elements set to -3
    long fives = 0;
    long[] rowSums = new long[5]; // of the (5, n / 5) reshape
    for (long i = 0; i < n - 1; i++) {
      long v = valueAt(i);
      threes += v == -3 ? 1 : 0;
      fives += v == 5 ? 1 : 0;
      rowSums[(int) (i / (n / 5))] += v;
    }
    rowSums[4] += 9;
    long zeros = n - 1 - threes - fives;
    long sum = 5 * fives - 3 * threes + 9;
    try (Scope scope = Nd.scope()) {
      NdArray x = backend().zeros(DType.INT8, n);
      x.set("1::3", 5);
      x.set("2::7", -3);
      x.set(String.valueOf(n - 1), 9);
      assertEquals(sum, x.sum().longValue(), "sum");
      try (NdArray y = x.add(1)) {
        assertEquals(sum + n, y.sum().longValue(), "sum of x + 1");
      }
      try (NdArray eq = x.eq(5)) {
        assertEquals(fives, eq.sum().longValue(), "count of x == 5");
      }
      long evenFives = 0; // every other element, for the ops that hold two more arrays at once
      long evenSum = 0;
      for (long i = 0; i < n - 1; i += 2) {
        long v = valueAt(i);
        evenFives += v == 5 ? 1 : 0;
        evenSum += v;
      }
      evenSum += 9; // x[n - 1]: n - 1 is even
      try (NdArray even = x.get("::2");
          NdArray positive = even.gt(0);
          NdArray zero = backend().zeros(DType.INT8);
          NdArray w = Nd.where(positive, even, zero)) {
        assertEquals(
            5 * evenFives + 9, w.sum().longValue(), "sum of where(x > 0, x, 0), even places");
      }
      try (NdArray even = x.get("::2");
          NdArray wide = even.astype(DType.INT16)) {
        assertEquals(evenSum, wide.sum().longValue(), "sum of x as int16, even places");
      }
      assertEquals(9, x.max().longValue(), "max");
      assertEquals(-3, x.min().longValue(), "min");
      assertEquals(n - 1, x.argmax().longValue(), "argmax");
      assertEquals(2, x.argmin().longValue(), "argmin");
      assertEquals((double) sum / n, x.mean().doubleValue(), 1e-12, "mean");
      assertEquals(true, x.any().booleanValue(), "any");
      assertEquals(false, x.all().booleanValue(), "all");
      try (NdArray reversed = x.get("::-1");
          NdArray copy = reversed.copy()) {
        assertEquals(9, copy.get(new long[] {0}).longValue(), "reversed copy, first");
        assertEquals(-3, copy.get(new long[] {n - 3}).longValue(), "reversed copy, x[2]");
      }
      try (NdArray every2 = x.get("1::2");
          NdArray copy = every2.copy()) {
        assertEquals((n - 1) / 2, copy.size(), "strided copy size");
        long i = n - 2; // the last odd place
        long v = valueAt(i);
        assertEquals(v, copy.get(new long[] {copy.size() - 1}).longValue(), "strided copy, last");
      }
      try (NdArray idx = backend().array(new long[] {n - 1, 2, 1, n - 2}, 4);
          NdArray picked = x.take(idx)) {
        long before = (n - 2) % 7 == 2 ? -3 : (n - 2) % 3 == 1 ? 5 : 0;
        assertEquals(
            Arrays.toString(new long[] {9, -3, 5, before}),
            Arrays.toString(picked.toLongArray()),
            "take near both ends");
      }
      try (NdArray rows = x.reshape(5, n / 5);
          NdArray s = rows.sum(1)) {
        assertEquals(Arrays.toString(rowSums), Arrays.toString(s.toLongArray()), "row sums");
      }
      try (NdArray head = x.get(":4");
          NdArray tail = x.get("-2:");
          NdArray both = Nd.concatenate(head, tail)) {
        long i = n - 2;
        long v = valueAt(i);
        assertEquals(
            "[0, 5, -3, 0, " + v + ", 9]", Arrays.toString(both.toLongArray()), "concatenate");
      }
      // last: a backend may declare a sort of such a line unsupported, in its words (nd4j: ND4J
      // indexes a line with a 32-bit int); every op above has been checked by then
      NdArray u;
      try {
        u = x.unique();
      } catch (UnsupportedOperationException e) {
        assumeTrue(false, "backend " + backend().name() + " declares: " + e.getMessage());
        return;
      }
      assertEquals("[-3, 0, 5, 9]", Arrays.toString(u.toLongArray()), "unique");
    }
  }

  /**
   * An array of 2^31 + 7 zeros with every third element {@code five}, every seventh {@code minus}
   * (the least value) and the last {@code last} (the greatest), sorted: the boundaries of each run
   * and the sum, against what each element was set to.
   */
  private void sortsPastTwoToThe31(
      DType t, double five, double minus, double last, double bytesPerElement) {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        heavy(), "heavy checks are off (ndj.conformance.heavy=false)");
    long n = (1L << 31) + 7;
    long room = freeAfterCollection();
    assumeTrue(
        room >= n * bytesPerElement,
        "backend " + backend().name() + " reports " + room + " bytes free");
    try (Scope scope = Nd.scope()) {
      NdArray x = backend().zeros(t, n);
      x.set("1::3", five);
      x.set("2::7", minus);
      x.set(String.valueOf(n - 1), last);
      long minus3 = 0;
      long zeros = 0;
      long fives = 0;
      for (long i = 0; i < n - 1; i++) { // the oracle: what each element was set to
        if (i % 7 == 2) {
          minus3++;
        } else if (i % 3 == 1) {
          fives++;
        } else {
          zeros++;
        }
      }
      NdArray s;
      try {
        s = x.sort();
      } catch (io.ndj.NdOutOfMemoryException e) {
        // the backend could not hold the sort's working memory: ndj's typed exception, and the
        // backend goes on working
        assertEquals(6.0, backend().array(new double[] {1, 2, 3}, 3).sum().doubleValue());
        assumeTrue(false, "backend " + backend().name() + ": " + e.getMessage());
        return;
      } catch (UnsupportedOperationException e) {
        // a backend that declares such a line unsupported, in its words (nd4j: a 32-bit index)
        assumeTrue(false, "backend " + backend().name() + " declares: " + e.getMessage());
        return;
      }
      double[][] expect = {
        {0, minus},
        {minus3 - 1, minus},
        {minus3, 0},
        {minus3 + zeros - 1, 0},
        {minus3 + zeros, five},
        {n - 2, five},
        {n - 1, last}
      };
      for (double[] e : expect) {
        assertEquals(
            e[1],
            s.get(new long[] {(long) e[0]}).doubleValue(),
            t + " sorted element " + (long) e[0]);
      }
      if (t.isInteger()) {
        long sum = (long) (five * fives + minus * minus3 + last);
        assertEquals(sum, x.sum().longValue(), "the sum of the values set");
        assertEquals(sum, s.sum().longValue(), "the sort is a permutation: its sum");
      } else {
        assertEquals(fives, s.eq(five).sum().longValue(), "the sort keeps every " + five);
      }
    }
  }
}
