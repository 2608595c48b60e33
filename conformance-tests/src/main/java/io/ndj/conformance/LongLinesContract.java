package io.ndj.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ndj.DType;
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
            DType.INT32)
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
                                : narrow(t, h);
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
      default -> h % 4_000_000_001L - 2_000_000_000L;
    };
  }

  /** The kit's seeded hash of position {@code i}: 31 well-mixed bits. */
  private long hash(long i) {
    return (i * 0x9E3779B97F4A7C15L + seed()) >>> 33;
  }

  /**
   * Whole sums of 3,000,001 narrow integers (where backends widen in chunks), against Java's long
   * sum.
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
                      for (int i = 0; i < n; i++) {
                        v[i] = narrow(t, hash(i));
                        want += v[i];
                      }
                      try (Scope scope = Nd.scope()) {
                        NdArray x = backend().array(v, n).astype(t);
                        assertEquals(want, x.sum().longValue(), "sum of " + n + " " + t);
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
   * An array of 2^31 + 7 zeros with every third element {@code five}, every seventh {@code minus}
   * (the least value) and the last {@code last} (the greatest), sorted: the boundaries of each run
   * and the sum, against what each element was set to.
   */
  private void sortsPastTwoToThe31(
      DType t, double five, double minus, double last, double bytesPerElement) {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        heavy(), "heavy checks are off (ndj.conformance.heavy=false)");
    long n = (1L << 31) + 7;
    long room = backend().memoryInfo().deviceFree();
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
