package io.ndj.cpu.sort;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ndj.Backend;
import io.ndj.DType;
import io.ndj.Nd;
import io.ndj.NdArray;
import io.ndj.cpu.ScopePerTest;
import java.util.Arrays;
import java.util.Comparator;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The sort for lines past Java arrays, called directly on lines of every dtype (so it runs here at
 * sizes this machine holds): 8-bit digits on short lines, 16-bit digits from 2^20 elements, lines
 * along a strided axis and into a strided output, against a stable comparison sort of the same
 * values (NaN last in input order, -0.0 equal to 0.0). Argsort must be exactly the stable order;
 * sort must hold the same values and keep every -0.0.
 */
@ExtendWith(ScopePerTest.class)
class LongLineSortTest {
  @ParameterizedTest
  @EnumSource(
      value = DType.class,
      names = {"FLOAT64", "FLOAT32", "FLOAT16", "INT64", "INT32", "INT16", "INT8", "UINT8", "BOOL"})
  void linesSortAsAStableComparisonSort(DType t) {
    check(t, 2, 3001);
    if (t.itemsize() > 1) {
      check(t, 1, (1 << 20) + 5); // 16-bit digits, the line split over the cores
    }
  }

  private static void check(DType t, int rows, int n) {
    Backend cpu = Nd.backend("cpu");
    NdArray x = cpu.random(5).integers(-1000, 1000, n, rows).astype(DType.FLOAT64);
    if (t.isFloat()) {
      x = x.divide(8);
      x.set("::97", Double.NaN);
      x.set("5::89", -0.0);
      x.set("7::89", 0.0);
      x.set("11::101", Double.NEGATIVE_INFINITY);
      x.set("13::101", Double.POSITIVE_INFINITY);
    }
    if (t == DType.INT64) {
      x = x.multiply(1L << 40).add(x.multiply(977)); // keys on every digit
    }
    if (t == DType.INT32) {
      x = x.multiply(1 << 21).add(x); // keys on both 16-bit digits, both signs
    }
    // lines along axis 0 of an (n, rows) array: strided in, and a strided (transposed) output
    NdArray in = x.astype(t);
    double[] v = in.transpose().copy().astype(DType.FLOAT64).toDoubleArray();
    NdArray sorted = cpu.zeros(t, rows, n).transpose();
    NdArray positions = cpu.zeros(DType.INT64, rows, n).transpose();
    LongLineSort.sort(sorted.kernelView(), in.kernelView(), 0);
    LongLineSort.argsort(positions.kernelView(), in.kernelView(), 0);
    double[] gotSorted = sorted.transpose().copy().astype(DType.FLOAT64).toDoubleArray();
    long[] gotIdx = positions.transpose().copy().toLongArray();
    for (int r = 0; r < rows; r++) {
      int base = r * n;
      Integer[] idx = new Integer[n];
      Arrays.setAll(idx, j -> j);
      Arrays.sort(
          idx, Comparator.comparing(j -> v[base + j], io.ndj.conformance.Oracle::sortOrder));
      long[] want = Arrays.stream(idx).mapToLong(Integer::longValue).toArray();
      assertArrayEquals(
          want, Arrays.copyOfRange(gotIdx, base, base + n), t + " argsort of line " + r);
      int zerosIn = 0;
      int zerosOut = 0;
      for (int j = 0; j < n; j++) {
        double w = v[base + (int) want[j]];
        double g = gotSorted[base + j];
        if (io.ndj.conformance.Oracle.sortOrder(w, g) != 0) {
          throw new AssertionError(
              t + " sort of line " + r + " at " + j + ": " + g + ", want " + w);
        }
        zerosIn += Double.doubleToRawLongBits(w) == Long.MIN_VALUE ? 1 : 0;
        zerosOut += Double.doubleToRawLongBits(g) == Long.MIN_VALUE ? 1 : 0;
      }
      assertEquals(zerosIn, zerosOut, t + " sort keeps every -0.0");
    }
  }
}
