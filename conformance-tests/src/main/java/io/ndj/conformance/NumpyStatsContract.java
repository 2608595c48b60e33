package io.ndj.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.ndj.Nd;
import io.ndj.NdArray;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * NaN-aware reductions (nansum ... nancumprod) and order statistics (median, quantile and
 * percentile with every method, their nan forms) against NumPy 2's answers in {@code
 * numpy/numpy-stats.tsv} ({@code numpy/numpy_stats.py} beside it): random inputs with NaN (slices
 * of only NaN included), infinities and -0.0, 0-d and empty shapes, axis tuples, keepdims, q as a
 * scalar or an array; result dtype, shape and values, or NumPy's error message.
 */
public interface NumpyStatsContract extends KitSupport {
  /** One row of the table. */
  record StatsCase(
      String label,
      String fn,
      String dtype,
      double[] values,
      long[] shape,
      int[] axes,
      boolean keepdims,
      Map<String, String> params,
      String outDtype,
      String shapeOrMessage,
      double[] expected,
      double tol) {}

  private static Stream<StatsCase> statsCases() {
    return KitData.table("numpy/numpy-stats.tsv").stream()
        .map(
            f -> {
              int[] axes = KitData.axes(f[5]);
              Map<String, String> params = KitData.params(f[7]);
              return new StatsCase(
                  f[0],
                  f[1],
                  f[2],
                  NumpyCasesContract.doubles(f[3]),
                  NumpyCasesContract.longs(f[4]),
                  axes,
                  Boolean.parseBoolean(f[6].toLowerCase()),
                  params,
                  f[8],
                  f[9],
                  f[8].equals("ERR") ? null : NumpyCasesContract.doubles(f[10]),
                  Double.parseDouble(f[11]));
            });
  }

  private static NdArray applyStats(StatsCase c, NdArray x) {
    int[] a = c.axes();
    boolean k = c.keepdims();
    Integer one = a == null ? null : a[0];
    String method = c.params().getOrDefault("method", "linear");
    int ddof = Integer.parseInt(c.params().getOrDefault("ddof", "0"));
    String q = c.params().get("q");
    double[] qs =
        c.params().containsKey("qs") ? NumpyCasesContract.doubles(c.params().get("qs")) : null;
    return switch (c.fn()) {
      case "nansum" -> Nd.nansum(x, a, k);
      case "nanprod" -> Nd.nanprod(x, a, k);
      case "nanmean" -> Nd.nanmean(x, a, k);
      case "nanvar" -> Nd.nanvar(x, a, ddof, k);
      case "nanstd" -> Nd.nanstd(x, a, ddof, k);
      case "nanmin" -> Nd.nanmin(x, a, k);
      case "nanmax" -> Nd.nanmax(x, a, k);
      case "nanargmin" -> one == null ? Nd.nanargmin(x) : Nd.nanargmin(x, one, k);
      case "nanargmax" -> one == null ? Nd.nanargmax(x) : Nd.nanargmax(x, one, k);
      case "nancumsum" -> one == null ? Nd.nancumsum(x) : Nd.nancumsum(x, one);
      case "nancumprod" -> one == null ? Nd.nancumprod(x) : Nd.nancumprod(x, one);
      case "median" -> Nd.median(x, a, k);
      case "nanmedian" -> Nd.nanmedian(x, a, k);
      case "quantile" ->
          qs != null
              ? Nd.quantile(x, qs, a, k, method)
              : Nd.quantile(x, Double.parseDouble(q), a, k, method);
      case "nanquantile" ->
          qs != null
              ? Nd.nanquantile(x, qs, a, k, method)
              : Nd.nanquantile(x, Double.parseDouble(q), a, k, method);
      case "percentile" ->
          qs != null
              ? Nd.percentile(x, qs, a, k, method)
              : Nd.percentile(x, Double.parseDouble(q), a, k, method);
      case "nanpercentile" ->
          qs != null
              ? Nd.nanpercentile(x, qs, a, k, method)
              : Nd.nanpercentile(x, Double.parseDouble(q), a, k, method);
      default -> throw new AssertionError(c.fn());
    };
  }

  @TestFactory
  default Stream<DynamicTest> statisticsMatchNumpy() {
    return statsCases()
        .map(
            c ->
                dynamicTest(
                    "numpy " + c.label(),
                    () -> {
                      NdArray x = make(c.dtype(), c.values(), c.shape());
                      String before = x.toString();
                      if (c.outDtype().equals("ERR")) {
                        Check.raisesNumpysMessage(
                            c.label(), c.shapeOrMessage(), () -> applyStats(c, x));
                        assertEquals(before, x.toString(), c.label() + ": the operand changed");
                        return;
                      }
                      NdArray r = applyStats(c, x);
                      assertEquals(before, x.toString(), c.label() + ": the operand changed");
                      assertEquals(c.outDtype(), r.dtype().toString(), c.label() + ": dtype");
                      assertArrayEquals(
                          NumpyCasesContract.longs(c.shapeOrMessage()),
                          r.shape().dims(),
                          c.label() + ": shape");
                      double[] got = r.toDoubleArray();
                      Check.sameValues(c.label(), c.expected(), got, c.tol());
                    }));
  }
}
