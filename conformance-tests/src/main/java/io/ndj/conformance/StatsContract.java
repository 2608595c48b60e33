package io.ndj.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ndj.DType;
import io.ndj.Nd;
import io.ndj.NdArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.quicktheories.core.Gen;

/**
 * NaN-aware reductions and order statistics along the last axis against a scalar oracle per row:
 * the non-NaN values sorted in Java, NumPy's virtual index and interpolation evaluated in the
 * dtype's own arithmetic (float32 in Java floats, float16 rounded after every operation), on every
 * layout, with NaN, infinities and empty rows.
 */
public interface StatsContract extends KitSupport {
  /**
   * Arrays of {@code t} with about a fifth NaN (for floats), any layout, at least one dimension.
   */
  private static Gen<Case> withNaN(DType t, Gens.Range range) {
    return Gens.gen(
        r -> {
          long[] s = Gens.shape(r, 3, 40);
          if (s.length == 0) {
            s = new long[] {Gens.pick(r, 1, 6)};
          }
          Case c = Gens.fill(r, t, s, Gens.layout(r), range);
          if (t.isFloat()) {
            for (int i = 0; i < c.d().length; i++) {
              if (Gens.pick(r, 0, 4) == 0) {
                c.d()[i] = Double.NaN;
              }
            }
          }
          return c;
        });
  }

  /**
   * The values of each last-axis row of {@code c}, NaN dropped when {@code dropNaN}, sorted (NaN
   * last).
   */
  private static List<double[]> rows(Case c, boolean dropNaN) {
    long len = c.shape()[c.ndim() - 1];
    long count = 1;
    for (int i = 0; i < c.ndim() - 1; i++) {
      count *= c.shape()[i];
    }
    List<double[]> out = new ArrayList<>();
    for (long row = 0; row < count; row++) {
      double[] v = new double[(int) len];
      for (int j = 0; j < len; j++) {
        v[j] = c.get((int) (row * len + j));
      }
      if (dropNaN) {
        v = Arrays.stream(v).filter(x -> !Double.isNaN(x)).toArray();
      }
      Arrays.sort(
          v); // NaN last; -0.0 before 0.0, which NumPy may order either way: zeros compare equal
      // below
      out.add(v);
    }
    return out;
  }

  /** {@code x} rounded to {@code t} (float16 and float32; other dtypes unchanged). */
  private static double round(DType t, double x) {
    return switch (t) {
      case FLOAT32 -> (float) x;
      case FLOAT16 -> Float.float16ToFloat(Float.floatToFloat16((float) x));
      default -> x;
    };
  }

  /** NumPy's {@code _lerp} in dtype {@code t}'s arithmetic (float64 for integers). */
  private static double lerp(DType t, double a, double b, double g) {
    DType f = t.isFloat() ? t : DType.FLOAT64;
    double gt = round(f, g);
    double one = round(f, 1 - g);
    double diff = round(f, b - a);
    return g >= 0.5 ? round(f, b - round(f, diff * one)) : round(f, a + round(f, diff * gt));
  }

  /**
   * NumPy's linear quantile of sorted {@code v}: virtual index {@code (n-1) q}, its neighbours and
   * lerp.
   */
  private static double linear(DType t, double[] v, double q) {
    int n = v.length;
    if (n == 0) {
      return Double.NaN;
    }
    if (Double.isNaN(v[n - 1])) {
      return Double.NaN;
    }
    double vi = (n - 1) * q;
    if (vi >= n - 1) {
      return lerp(
          t, v[n - 1], v[n - 1], vi + 1); // NumPy gathers index -1 and measures gamma from it
    }
    int lo = (int) Math.floor(vi);
    return lerp(t, v[lo], v[lo + 1], vi - lo);
  }

  /**
   * NumPy's median: the middle value, or the two middle ones summed in the float dtype (float32 for
   * float16) and halved.
   */
  private static double median(DType t, double[] v) {
    int n = v.length;
    if (n == 0 || Double.isNaN(v[n - 1])) {
      return Double.NaN;
    }
    if (n % 2 == 1) {
      return v[n / 2];
    }
    DType s = t == DType.FLOAT16 ? DType.FLOAT32 : t.isFloat() ? t : DType.FLOAT64;
    return round(t.isFloat() ? t : DType.FLOAT64, round(s, round(s, v[n / 2 - 1] + v[n / 2]) / 2));
  }

  /** Zeros of either sign are equal; NaN equals NaN. */
  private static boolean same(double e, double g) {
    return Double.isNaN(e) ? Double.isNaN(g) : e == g;
  }

  /** Checks {@code fn} along the last axis row by row against {@code oracle}, exactly. */
  private void rowsExactly(
      Case c, NdArray r, boolean dropNaN, BiFunction<DType, double[], Double> oracle, String what) {
    double[] got = r.toDoubleArray();
    List<double[]> rows = rows(c, dropNaN);
    assertEquals(rows.size(), got.length, what + " of " + c + ": result size");
    for (int i = 0; i < got.length; i++) {
      double e = oracle.apply(c.dtype(), rows.get(i));
      assertTrue(
          same(e, got[i]),
          what + " of " + c + ": row " + i + " expected " + e + " but was " + got[i]);
    }
  }

  @TestFactory
  default Stream<DynamicTest> orderStatistics() {
    List<DynamicTest> tests = new ArrayList<>();
    for (DType t :
        new DType[] {DType.FLOAT64, DType.FLOAT32, DType.FLOAT16, DType.INT32, DType.INT8}) {
      Gens.Range range = t.isFloat() ? Gens.Range.ANY : Gens.Range.SMALL;
      tests.add(
          check(
              "median",
              t,
              () ->
                  forAll(
                      withNaN(t, range),
                      c ->
                          rowsExactly(
                              c, Nd.median(make(c), -1), false, StatsContract::median, "median"))));
      tests.add(
          check(
              "nanmedian",
              t,
              () ->
                  forAll(
                      withNaN(t, range),
                      c ->
                          rowsExactly(
                              c,
                              Nd.nanmedian(make(c), -1),
                              true,
                              StatsContract::median,
                              "nanmedian"))));
      for (double q : new double[] {0, 0.3, 0.5, 0.77, 1}) {
        tests.add(
            check(
                "quantile q=" + q,
                t,
                () ->
                    forAll(
                        withNaN(t, range),
                        c -> {
                          if (c.shape()[c.ndim() - 1] > 0) {
                            rowsExactly(
                                c,
                                Nd.quantile(make(c), q, new int[] {-1}, false, "linear"),
                                false,
                                (d, v) -> linear(d, v, q),
                                "quantile(" + q + ")");
                          }
                        })));
        tests.add(
            check(
                "nanquantile q=" + q,
                t,
                () ->
                    forAll(
                        withNaN(t, range),
                        c -> {
                          if (c.size() > 0) {
                            rowsExactly(
                                c,
                                Nd.nanquantile(make(c), q, new int[] {-1}, false, "linear"),
                                true,
                                (d, v) -> linear(d, v, q),
                                "nanquantile(" + q + ")");
                          }
                        })));
      }
      tests.add(
          check(
              "nanmin",
              t,
              () ->
                  forAll(
                      withNaN(t, range),
                      c -> {
                        if (c.shape()[c.ndim() - 1] > 0) {
                          rowsExactly(
                              c,
                              Nd.nanmin(make(c), -1),
                              true,
                              (d, v) -> v.length == 0 ? Double.NaN : v[0],
                              "nanmin");
                        }
                      })));
      tests.add(
          check(
              "nanmax",
              t,
              () ->
                  forAll(
                      withNaN(t, range),
                      c -> {
                        if (c.shape()[c.ndim() - 1] > 0) {
                          rowsExactly(
                              c,
                              Nd.nanmax(make(c), -1),
                              true,
                              (d, v) -> v.length == 0 ? Double.NaN : v[v.length - 1],
                              "nanmax");
                        }
                      })));
      tests.add(
          check(
              "nanmean",
              t,
              () ->
                  forAll(
                      withNaN(t, Gens.Range.SMALL),
                      c -> {
                        double[] got = Nd.nanmean(make(c), -1).toDoubleArray();
                        List<double[]> rows = rows(c, true);
                        for (int i = 0; i < got.length; i++) {
                          double[] v = rows.get(i);
                          double e = v.length == 0 ? Double.NaN : Arrays.stream(v).sum() / v.length;
                          double eps =
                              t == DType.FLOAT16 ? 1e-2 : t == DType.FLOAT32 ? 1e-5 : 1e-12;
                          assertTrue(
                              Double.isNaN(e)
                                  ? Double.isNaN(got[i])
                                  : Math.abs(e - got[i]) <= eps * 8 * (1 + v.length),
                              "nanmean of "
                                  + c
                                  + ": row "
                                  + i
                                  + " expected "
                                  + e
                                  + " but was "
                                  + got[i]);
                        }
                      })));
    }
    return tests.stream();
  }
}
