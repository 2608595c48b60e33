package io.ndj.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ndj.Backend;
import io.ndj.DType;
import io.ndj.Nd;
import io.ndj.NdArray;
import io.ndj.Scope;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Whole large float arrays go by rows for min/max and look for NaN by summing rows: NaN must win
 * max/min and the first NaN argmax/argmin whether it sits inside the view or just outside it
 * (before the offset, between strided elements), and inf with -inf (a NaN sum) must not pass for
 * NaN. Checked against plain loops over the same values.
 */
class Nd4jNaNReductionTest {
  private static final int N = 300_000;
  private static final double NEG_NAN = Double.longBitsToDouble(0xfff8000000000000L);
  private static Backend nd4j;

  @BeforeAll
  static void available() {
    nd4j = Nd4jTestBackend.get();
  }

  /**
   * The views: [:] (by rows of 125), [5:] (offset; 299995 has no divisor from 50 to 128, so it goes
   * whole), [::3] (stride), [::-1] (reversed), rows [2:] of a 2-D array (offset, contiguous, by
   * rows of 100).
   */
  private static final String[] VIEWS = {":", "5:", "::3", "::-1", "2d"};

  @Test
  void nanWinsWhereTheViewHoldsOneAndOnlyThere() {
    // positions in the base: before the offset, between strided elements, inside every view, at the
    // very end
    int[] nanAt = {-1, 3, 4, 7, 6, N - 1};
    for (DType t : new DType[] {DType.FLOAT16, DType.FLOAT32, DType.FLOAT64}) {
      for (String view : VIEWS) {
        for (int at : nanAt) {
          for (double nan : new double[] {Double.NaN, NEG_NAN}) {
            check(t, view, at, nan, false);
          }
        }
        check(t, view, -1, 0, true);
      }
    }
  }

  /**
   * Base values in [-1, 1), a NaN at {@code at} (none when -1), or inf and -inf inside every view
   * when asked.
   */
  private static void check(DType t, String view, int at, double nan, boolean infs) {
    double[] base = new double[N];
    java.util.Random r = new java.util.Random(at + 17L * view.length());
    for (int i = 0; i < N; i++) {
      base[i] = 2 * r.nextDouble() - 1;
    }
    if (at >= 0) {
      base[at] = nan;
    }
    if (infs) {
      base[9] = Double.POSITIVE_INFINITY;
      base[12] = Double.NEGATIVE_INFINITY;
    }
    try (Scope scope = Nd.scope()) {
      NdArray x = nd4j.array(base, N).astype(t);
      NdArray v =
          switch (view) {
            case "2d" -> x.reshape(N / 100, 100).get("2:");
            default -> x.get(view);
          };
      double[] seen = v.toDoubleArray();
      String where = t + " " + view + " NaN at " + at + (infs ? " with infs" : "");
      assertEquals(oracle(seen, true, false), v.max().doubleValue(), where + ": max");
      assertEquals(oracle(seen, false, false), v.min().doubleValue(), where + ": min");
      assertEquals((long) oracle(seen, true, true), v.argmax().longValue(), where + ": argmax");
      assertEquals((long) oracle(seen, false, true), v.argmin().longValue(), where + ": argmin");
    }
  }

  /**
   * NumPy's max/min (NaN wins) or argmax/argmin (the first NaN wins, ties give the first index).
   */
  private static double oracle(double[] v, boolean max, boolean arg) {
    int best = 0;
    for (int i = 0; i < v.length; i++) {
      if (Double.isNaN(v[i])) {
        return arg ? i : Double.NaN;
      }
      if (max ? v[i] > v[best] : v[i] < v[best]) {
        best = i;
      }
    }
    return arg ? best : v[best];
  }
}
