package io.ndj.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ndj.Backend;
import io.ndj.DType;
import io.ndj.Nd;
import io.ndj.NdArray;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sums large enough to be split across cores (row bands, column tiles, many short rows, one long
 * run) against sums written out here element by element; and the worker pool that runs them.
 */
@ExtendWith(ScopePerTest.class)
class LargeReductionsTest {
  /**
   * (rows, columns): bands of whole rows, tiles of 16384 columns and a ragged last tile, one row,
   * short rows.
   */
  private static final int[][] SHAPES = {
    {1000, 1000}, {300, 997}, {7, 40000}, {1, 200000}, {20000, 13}, {9, 16384}
  };

  @Test
  void float64SumsOverEachAxisMatchSumsInOrder() {
    Backend cpu = Nd.backend("cpu");
    for (int[] s : SHAPES) {
      NdArray a = cpu.random(s[0] + s[1]).normal(0, 10, s[0], s[1]);
      double[] x = a.toDoubleArray();
      double[] cols = new double[s[1]];
      double[] rows = new double[s[0]];
      double[] rowAbs = new double[s[0]];
      double total = 0;
      double abs = 0;
      for (int r = 0; r < s[0]; r++) {
        for (int c = 0; c < s[1]; c++) {
          double v = x[r * s[1] + c];
          cols[c] += v;
          rows[r] += v;
          rowAbs[r] += Math.abs(v);
          total += v;
          abs += Math.abs(v);
        }
      }
      // summation order differs (pairwise, bands): within n * eps of the sum of magnitudes
      String at = s[0] + "x" + s[1];
      assertClose(cols, a.sum(0).toDoubleArray(), s[0] * 1e-16 * abs / s[1] * 10, at + " axis 0");
      assertClose(rows, a.sum(1).toDoubleArray(), s[1] * 1e-16 * abs / s[0] * 10, at + " axis 1");
      assertClose(new double[] {total}, a.sum().toDoubleArray(), x.length * 1e-16 * abs, at);
    }
  }

  /**
   * float32 sums over axis 0 add rows in float32 one after another, and lines are pairwise sums in
   * float32 (NumPy's rounding, bit for bit in NumpySumsTest).
   */
  @Test
  void float32SumsRoundAsNumPyDoes() {
    Backend cpu = Nd.backend("cpu");
    for (int[] s : SHAPES) {
      NdArray a = cpu.random(s[0] * 7 + s[1]).normal(0, 10, s[0], s[1]).astype(DType.FLOAT32);
      float[] x = a.toFloatArray();
      float[] cols = new float[s[1]];
      double[] rows = new double[s[0]];
      double[] rowAbs = new double[s[0]];
      double total = 0;
      double abs = 0;
      for (int r = 0; r < s[0]; r++) {
        for (int c = 0; c < s[1]; c++) {
          float v = x[r * s[1] + c];
          cols[c] += v;
          rows[r] += v;
          rowAbs[r] += Math.abs(v);
          total += v;
          abs += Math.abs(v);
        }
      }
      String at = s[0] + "x" + s[1];
      assertArrayEquals(cols, a.sum(0).toFloatArray(), at + " axis 0");
      float[] gotRows = a.sum(1).toFloatArray();
      for (int r = 0; r < s[0]; r++) {
        // NumPy's pairwise sum in float32 (NumpySumsTest checks its bits): within a few float32
        // roundings of the row's magnitudes of the exact sum
        assertEquals(rows[r], gotRows[r], 1e-6 * rowAbs[r], at + " row " + r);
      }
      assertEquals(total, a.sum().toFloatArray()[0], 1e-6 * abs, at);
    }
  }

  /**
   * int32 sums widen to int64 and int64 sums wrap around, as NumPy's do; read in place from int[]
   * and long[].
   */
  @Test
  void integerSumsAreExactAndWrap() {
    Backend cpu = Nd.backend("cpu");
    for (int[] s : SHAPES) {
      int n = s[0] * s[1];
      long[] big = new long[n];
      int[] small = new int[n];
      long[] cols = new long[s[1]];
      long total = 0;
      long totalSmall = 0;
      for (int i = 0; i < n; i++) {
        big[i] = Long.MAX_VALUE / 7 * ((i % 13) - 5) + i; // the running sum wraps
        small[i] = Integer.MAX_VALUE - i;
        cols[i % s[1]] += big[i];
        total += big[i];
        totalSmall += small[i];
      }
      String at = s[0] + "x" + s[1];
      NdArray a = cpu.array(big).reshape(s[0], s[1]);
      NdArray b = cpu.array(small).reshape(s[0], s[1]);
      assertEquals(total, a.sum().toLongArray()[0], at);
      assertArrayEquals(cols, a.sum(0).toLongArray(), at + " axis 0");
      assertEquals(DType.INT64, b.sum().dtype(), at);
      assertEquals(totalSmall, b.sum().toLongArray()[0], at + " int32");
      assertEquals(totalSmall, b.sum(1).sum().toLongArray()[0], at + " int32 rows");
    }
  }

  /**
   * The same sum gives the same bits every time: cold (interpreted) and compiled code fold in one
   * order.
   */
  @Test
  void repeatedSumsAreIdentical() {
    Backend cpu = Nd.backend("cpu");
    NdArray a = cpu.random(11).normal(0, 1, 600, 700);
    NdArray b = a.astype(DType.FLOAT32);
    String first = a.sum().toString() + a.sum(0).sum() + a.sum(1).sum() + b.sum() + b.sum(1).sum();
    for (int i = 0; i < 300; i++) {
      String again =
          a.sum().toString() + a.sum(0).sum() + a.sum(1).sum() + b.sum() + b.sum(1).sum();
      assertEquals(first, again, "run " + i);
    }
  }

  @Test
  void workersRunEveryPartOnceAndPassFailuresOn() {
    AtomicInteger[] seen = new AtomicInteger[64];
    for (int i = 0; i < seen.length; i++) {
      seen[i] = new AtomicInteger();
    }
    Workers.run(seen.length, p -> seen[p].incrementAndGet());
    for (AtomicInteger s : seen) {
      assertEquals(1, s.get());
    }
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Workers.run(
                    8,
                    p -> {
                      if (p == 5) {
                        throw new IllegalArgumentException("part 5");
                      }
                    }));
    assertEquals("part 5", e.getMessage());
    // still usable, also from inside a part (nested calls run on the common pool)
    AtomicInteger nested = new AtomicInteger();
    Workers.run(4, p -> Workers.run(4, q -> nested.incrementAndGet()));
    assertEquals(16, nested.get());
    assertTrue(Loop.CORES >= 1);
  }

  /**
   * float32 sums over outer axes add row by row in float32, as NumPy 2.4 does: it prints [0. 0. 5.]
   * here. The kit allows any order within float32's error bound; the cpu backend keeps NumPy's
   * order.
   */
  @Test
  void float32OuterAxisSumsRoundLikeNumpy() {
    NdArray a =
        Nd.backend("cpu").array(new float[] {1e8f, 1e8f, 3, 1, 1, 1, -1e8f, -1e8f, 1}, 3, 3);
    assertEquals("[0. 0. 5.]", a.sum(0).toString());
    assertEquals("[1. 1. 5.]", a.astype(DType.FLOAT64).sum(0).toString());
    // np.arange(24, dtype=np.float32).reshape(2, 3, 4) * np.float32(1e7) + 1, summed over axes (0,
    // 1)
    NdArray b =
        Nd.backend("cpu").arange(24).astype(DType.FLOAT32).reshape(2, 3, 4).multiply(1e7f).add(1f);
    assertEquals("[6.0e+08 6.6e+08 7.2e+08 7.8e+08]", b.sum(new int[] {0, 1}).toString());
  }

  private static void assertClose(double[] expected, double[] actual, double tol, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], tol, what + " [" + i + "]");
    }
  }
}
