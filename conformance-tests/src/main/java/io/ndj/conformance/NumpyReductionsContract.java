package io.ndj.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.ndj.DType;
import io.ndj.Nd;
import io.ndj.NdArray;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Reductions (axis None/int/tuple, negative axes, keepdims, ddof; 0-d and size-0 inputs) against
 * NumPy 2's answers from {@code numpy/numpy-reductions.tsv} ({@code numpy/numpy_reductions.py}
 * beside it).
 */
public interface NumpyReductionsContract extends KitSupport {
  /** One row of the table. */
  record ReductionCase(
      String label,
      String op,
      String dtype,
      double[] values,
      long[] shape,
      int[] axes,
      boolean keepdims,
      int ddof,
      String outDtype,
      String shapeOrMessage,
      double[] expected,
      double tol) {
    @Override
    public String toString() {
      return label;
    }
  }

  private static Stream<ReductionCase> cases() {
    return KitData.table("numpy/numpy-reductions.tsv").stream()
        .map(
            f -> {
              int[] axes = KitData.axes(f[5]);
              return new ReductionCase(
                  f[0],
                  f[1],
                  f[2],
                  NumpyCasesContract.doubles(f[3]),
                  NumpyCasesContract.longs(f[4]),
                  axes,
                  Boolean.parseBoolean(f[6].toLowerCase()),
                  Integer.parseInt(f[7]),
                  f[8],
                  f[9],
                  f[8].equals("ERR") ? null : NumpyCasesContract.doubles(f[10]),
                  Double.parseDouble(f[11]));
            });
  }

  private NdArray apply(ReductionCase c) {
    try (NdArray x = make(c.dtype, c.values, c.shape)) {
      int[] a = c.axes;
      boolean k = c.keepdims;
      return switch (c.op) {
        case "sum" -> x.sum(a, k);
        case "prod" -> x.prod(a, k);
        case "min" -> x.min(a, k);
        case "max" -> x.max(a, k);
        case "mean" -> x.mean(a, k);
        case "var" -> x.var(a, c.ddof, k);
        case "std" -> x.std(a, c.ddof, k);
        case "any" -> x.any(a, k);
        case "all" -> x.all(a, k);
        case "argmin" -> a == null ? (k ? argKeep(x, false) : x.argmin()) : x.argmin(a[0], k);
        case "argmax" -> a == null ? (k ? argKeep(x, true) : x.argmax()) : x.argmax(a[0], k);
        default -> throw new AssertionError(c.op);
      };
    }
  }

  private static long[] ones(int n) {
    long[] o = new long[n];
    Arrays.fill(o, 1);
    return o;
  }

  private static NdArray argKeep(NdArray x, boolean max) {
    try (NdArray flat = x.ravel();
        NdArray r = max ? flat.argmax() : flat.argmin()) {
      return r.reshape(ones(x.ndim()));
    }
  }

  @TestFactory
  default Stream<DynamicTest> reductionsMatchNumpy() {
    return cases().map(c -> dynamicTest(c.label, () -> matches(c)));
  }

  /**
   * mean, nanmean, var and std where the count of elements is no value of the dtype (float32 past
   * 2^24 elements, float16 past 2048 and 65504): NumPy divides by its intp count in float64, so a
   * division in the dtype itself gives other digits, or NaN where NumPy has inf. From {@code
   * numpy/numpy-count-means.tsv} ({@code numpy_count_means.py}); each sum there is exact in any
   * order, so means are compared bit for bit, var and std (whose squares round) within a few ulps.
   * The fused mean divides as NdArray's.
   */
  @TestFactory
  default Stream<DynamicTest> meansDivideByCountsTheDtypeCannotHold() {
    return rows(
        "numpy/numpy-count-means.tsv",
        f -> {
          DType t = DType.of(f[0]);
          int ddof = Integer.parseInt(f[5]);
          double want = NumpyCasesContract.parse(f[6]);
          try (NdArray x = backend().full(Double.parseDouble(f[3]), t, Long.parseLong(f[1]))) {
            x.set(new Object[] {0}, Double.parseDouble(f[2]));
            try (NdArray r =
                switch (f[4]) {
                  case "mean" -> x.mean();
                  case "nanmean" -> Nd.nanmean(x);
                  case "var" -> x.var(null, ddof, false);
                  default -> x.std(null, ddof, false);
                }) {
              assertEquals(t, r.dtype(), String.join(" ", f) + ": dtype");
              double got = r.toDoubleArray()[0];
              if (f[4].endsWith("mean") || Double.isInfinite(want)) {
                assertEquals(want, got, 0.0, String.join(" ", f));
              } else {
                // NumPy's var or std within a few ulps, or one at least as close to the exact value
                // (a backend may sum the deviations about the mean in float64 in one pass; NumPy's
                // float32 mean of 2^24 + 1 ones is off, and its var of them 3.6e-15 where 0 is
                // exact)
                double tol = t == DType.FLOAT32 ? 1e-5 : 4e-3;
                double exact = exactVar(f, ddof);
                exact = f[4].equals("std") ? Math.sqrt(exact) : exact;
                boolean closer = Math.abs(got - exact) <= Math.abs(want - exact) * (1 + tol);
                assertTrue(
                    closer || Math.abs(got - want) <= tol * Math.abs(want),
                    String.join(" ", f) + ": " + got + ", NumPy " + want + ", exact " + exact);
              }
            }
            if (f[4].equals("mean")) {
              try (NdArray r = Nd.fuse(v -> v.mean(null, false)).apply(x)) {
                assertEquals(want, r.toDoubleArray()[0], 0.0, "fused " + String.join(" ", f));
              }
            }
          }
        });
  }

  /**
   * The exact var of a count-means row: n - 1 values c and one a ({@code (a - c)² (n - 1) / n / (n
   * - ddof)}), in float64, far closer than a float32 or float16 result can be.
   */
  private static double exactVar(String[] f, int ddof) {
    long n = Long.parseLong(f[1]);
    double a = Double.parseDouble(f[2]);
    double c = Double.parseDouble(f[3]);
    double d = a - c;
    return d * d * ((double) (n - 1) / n) / Math.max(n - ddof, 0);
  }

  /** One dynamic test per row of a table beside the kit, named by its fields. */
  private static Stream<DynamicTest> rows(
      String table, java.util.function.Consumer<String[]> body) {
    return KitData.table(table).stream()
        .map(f -> dynamicTest(String.join(" ", f), () -> body.accept(f)));
  }

  /**
   * prod and cumprod where the dtype's rounding decides the answer, from {@code
   * numpy/numpy-products.tsv} ({@code numpy_products.py}): NumPy multiplies one element after
   * another in a float accumulator, so a float32 product that overflows or underflows on the way is
   * inf or 0 (not the double product's finite value), while a float16 line's product stays in float
   * until it is stored. Compared bit for bit.
   */
  @TestFactory
  default Stream<DynamicTest> productsRoundInTheirDtype() {
    return rows(
        "numpy/numpy-products.tsv",
        f -> {
          DType t = DType.of(f[0]);
          long[] shape = NumpyCasesContract.longs(f[2]);
          try (NdArray x = make(f[0], NumpyCasesContract.doubles(f[1]), shape);
              NdArray r =
                  f[4].equals("prod")
                      ? (f[3].equals("all")
                          ? x.prod()
                          : x.prod(new int[] {Integer.parseInt(f[3])}, false))
                      : x.cumprod(Integer.parseInt(f[3]))) {
            assertEquals(t, r.dtype(), String.join(" ", f) + ": dtype");
            assertArrayEquals(
                NumpyCasesContract.doubles(f[5]), r.toDoubleArray(), String.join(" ", f));
          }
        });
  }

  private void matches(ReductionCase c) {
    if (c.outDtype.equals("ERR")) {
      Check.raisesNumpysMessage(c.label, c.shapeOrMessage, () -> apply(c).close());
      return;
    }
    try (NdArray r = apply(c)) {
      assertEquals(c.outDtype, r.dtype().toString(), c.label + ": dtype");
      assertArrayEquals(
          NumpyCasesContract.longs(c.shapeOrMessage), r.shape().dims(), c.label + ": shape");
      double[] got = r.toDoubleArray();
      for (int i = 0; i < got.length; i++) {
        double e = c.expected[i];
        double g = got[i];
        boolean ok =
            Double.isNaN(e)
                ? Double.isNaN(g)
                : e == g || Math.abs(e - g) <= c.tol * Math.max(1, Math.abs(e));
        if (!ok) {
          fail(
              c.label
                  + ": element "
                  + i
                  + " expected "
                  + e
                  + " but was "
                  + g
                  + "; got "
                  + Arrays.toString(got));
        }
      }
    }
  }
}
