package io.ndj.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ndj.Backend;
import io.ndj.DType;
import io.ndj.Nd;
import io.ndj.NdArray;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Lines long enough for the radix sorts, against a plain stable comparison sort here: ties (50
 * levels), negative values, and for floats NaN (last, in input order) and -0.0 (equal to 0.0, so
 * argsort keeps their input order).
 */
@ExtendWith(ScopePerTest.class)
class RadixSortTest {
  @ParameterizedTest
  @EnumSource(
      value = DType.class,
      names = {"FLOAT64", "FLOAT32", "FLOAT16", "INT64", "INT32", "INT16", "INT8", "UINT8", "BOOL"})
  void longLinesSortLikeAStableComparisonSort(DType t) {
    Backend cpu = Nd.backend("cpu");
    int rows = 3;
    int n = 5003;
    NdArray x = cpu.random(11).integers(-25, 25, rows, n).astype(t);
    if (t.isFloat()) {
      x = x.divide(4).astype(t);
      x.set(":, ::97", Double.NaN);
      x.set(":, 5::89", -0.0);
      x.set(":, 7::89", 0.0);
    }
    if (t == DType.INT64) {
      x = x.multiply(1L << 40); // keys beyond 32 bits
    }
    double[] v = x.toDoubleArray();
    long[] gotIdx = x.argsort(1).toLongArray();
    double[] gotSorted = x.sort(1).toDoubleArray();
    long[] gotCols =
        x.transpose()
            .copy()
            .argsort(0)
            .transpose()
            .copy()
            .toLongArray(); // the same lines as columns
    double[] sortedCols = x.transpose().copy().sort(0).transpose().copy().toDoubleArray();
    assertArrayEquals(gotSorted, sortedCols, t + " sort along columns (strided lines)");
    for (int r = 0; r < rows; r++) {
      int base = r * n;
      List<Integer> idx = new ArrayList<>();
      for (int j = 0; j < n; j++) {
        idx.add(j);
      }
      idx.sort((a, b) -> io.ndj.conformance.Oracle.sortOrder(v[base + a], v[base + b]));
      long[] want = idx.stream().mapToLong(Integer::longValue).toArray();
      assertArrayEquals(
          want, java.util.Arrays.copyOfRange(gotIdx, base, base + n), t + " argsort row " + r);
      assertArrayEquals(
          want, java.util.Arrays.copyOfRange(gotCols, base, base + n), t + " argsort(axis=0)");
      int negativeZerosIn = 0;
      int negativeZerosOut = 0;
      for (int j = 0; j < n; j++) {
        double w = v[base + (int) want[j]];
        double g = gotSorted[base + j];
        assertTrue(
            io.ndj.conformance.Oracle.sortOrder(w, g) == 0,
            t + " sort row " + r + " element " + j + ": " + g + " instead of " + w);
        negativeZerosIn += Double.doubleToRawLongBits(v[base + j]) == Long.MIN_VALUE ? 1 : 0;
        negativeZerosOut += Double.doubleToRawLongBits(g) == Long.MIN_VALUE ? 1 : 0;
      }
      assertTrue(
          negativeZerosIn == negativeZerosOut,
          t + " sort keeps every -0.0 (a permutation of the values)");
    }
  }

  /** Lines long enough for the passes split over the cores (each core's slice keeps its order). */
  @ParameterizedTest
  @EnumSource(
      value = DType.class,
      names = {"FLOAT32", "FLOAT64", "INT32", "INT64"})
  void veryLongLinesSortStablyAcrossCores(DType t) {
    // argsorts split from 2^18 keys, sorts from 2^16
    int n = 300_007;
    NdArray x = Nd.backend("cpu").random(12).integers(-1000, 1000, n).astype(t);
    double[] v = x.toDoubleArray();
    List<Integer> idx = new ArrayList<>();
    for (int j = 0; j < n; j++) {
      idx.add(j);
    }
    idx.sort((a, b) -> Double.compare(v[a], v[b]));
    long[] want = idx.stream().mapToLong(Integer::longValue).toArray();
    assertArrayEquals(want, x.argsort().toLongArray(), t + " argsort");
    double[] sorted = x.sort().toDoubleArray();
    for (int j = 0; j < n; j++) {
      assertTrue(sorted[j] == v[(int) want[j]], t + " sort element " + j);
    }
  }

  /**
   * Keys from random bits (every magnitude and sign; for floats also infinities, NaNs of many
   * payloads, subnormals and both zeros), some small, some clustered, a third of them repeated,
   * against Java's own sorts, whose order of float bits is NumPy's (NaN last, -0.0 before 0.0). The
   * lengths reach each path: one split pass then LSD passes in cache (3000), a split of a range
   * larger than the cache (40000), the first pass over the cores with buckets shared out (200003),
   * and lines read and written with strides (the transposed copy).
   */
  @ParameterizedTest
  @EnumSource(
      value = DType.class,
      names = {"FLOAT64", "FLOAT32", "INT64", "INT32"})
  void randomBitsSortLikeJavasSort(DType t) {
    Backend cpu = Nd.backend("cpu");
    java.util.Random r = new java.util.Random(17);
    for (int n : new int[] {3000, 40_000, 200_003}) {
      long[] bits = new long[n];
      for (int j = 0; j < n; j++) {
        // a fifth in four clusters that agree on 30 bits above their low 20 (insertion after the
        // high digits gives
        // up there: LSD over all bits instead)
        bits[j] =
            j % 3 == 2
                ? bits[r.nextInt(j)]
                : j % 7 == 1
                    ? r.nextLong() >> 40
                    : j % 5 == 3 ? (long) r.nextInt(4) << 50 | r.nextInt(1 << 20) : r.nextLong();
      }
      switch (t) {
        case FLOAT64 -> {
          double[] v = new double[n];
          for (int j = 0; j < n; j++) {
            v[j] = Double.longBitsToDouble(bits[j]);
          }
          double[] want = v.clone();
          java.util.Arrays.sort(want);
          assertBitsEqual(want, cpu.array(v).sort().toDoubleArray(), t, n);
          double[] c = java.util.Arrays.copyOf(v, n / 2 * 2);
          // each row a column of the transpose: lines read and written with a stride of 2
          double[] got =
              cpu.array(c, 2, n / 2).transpose().sort(0).transpose().copy().toDoubleArray();
          double[] w0 = java.util.Arrays.copyOfRange(c, 0, n / 2);
          double[] w1 = java.util.Arrays.copyOfRange(c, n / 2, n / 2 * 2);
          java.util.Arrays.sort(w0);
          java.util.Arrays.sort(w1);
          assertBitsEqual(w0, java.util.Arrays.copyOfRange(got, 0, n / 2), t, n);
          assertBitsEqual(w1, java.util.Arrays.copyOfRange(got, n / 2, n / 2 * 2), t, n);
        }
        case FLOAT32 -> {
          float[] v = new float[n];
          for (int j = 0; j < n; j++) {
            v[j] = Float.intBitsToFloat((int) bits[j]);
          }
          float[] want = v.clone();
          java.util.Arrays.sort(want);
          float[] got = cpu.array(v).sort().toFloatArray();
          for (int j = 0; j < n; j++) {
            int w = Float.isNaN(want[j]) ? 0x7FC00000 : Float.floatToRawIntBits(want[j]);
            int g = Float.isNaN(got[j]) ? 0x7FC00000 : Float.floatToRawIntBits(got[j]);
            assertTrue(
                w == g, t + " n=" + n + " element " + j + ": " + got[j] + " instead of " + want[j]);
          }
        }
        case INT64 -> {
          long[] want = bits.clone();
          java.util.Arrays.sort(want);
          assertArrayEquals(want, cpu.array(bits).sort().toLongArray(), t + " n=" + n);
        }
        default -> {
          int[] v = new int[n];
          for (int j = 0; j < n; j++) {
            v[j] = (int) bits[j];
          }
          int[] want = v.clone();
          java.util.Arrays.sort(want);
          assertArrayEquals(want, cpu.array(v).sort().toIntArray(), t + " n=" + n);
        }
      }
    }
  }

  /** Equal bit patterns, except that every NaN counts as one (the sort writes back one NaN). */
  private static void assertBitsEqual(double[] want, double[] got, DType t, int n) {
    for (int j = 0; j < want.length; j++) {
      long w = Double.isNaN(want[j]) ? 0x7FF8000000000000L : Double.doubleToRawLongBits(want[j]);
      long g = Double.isNaN(got[j]) ? 0x7FF8000000000000L : Double.doubleToRawLongBits(got[j]);
      assertTrue(
          w == g, t + " n=" + n + " element " + j + ": " + got[j] + " instead of " + want[j]);
    }
  }
}
