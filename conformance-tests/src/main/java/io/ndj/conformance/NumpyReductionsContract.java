package io.ndj.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

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
