package io.ndj.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import io.ndj.DType;
import io.ndj.Nd;
import io.ndj.NdArray;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reductions (axis None/int/tuple, negative axes, keepdims, ddof; 0-d and size-0 inputs) against NumPy 2's
 * answers from {@code numpy-reductions.tsv} ({@code tools/numpy_reductions.py}). One deviation is accepted: NumPy
 * sums uint8 into uint64, which ndj does not have; ndj uses int64.
 */
class NumpyReductionsTest {
  record Case(String label, String op, String dtype, double[] values, long[] shape, int[] axes, boolean keepdims,
      int ddof, String outDtype, String shapeOrMessage, double[] expected, double tol) {
    @Override
    public String toString() {
      return label;
    }
  }

  static Stream<Case> cases() throws IOException {
    List<Case> out = new ArrayList<>();
    try (var in = NumpyReductionsTest.class.getResourceAsStream("/numpy-reductions.tsv");
        var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        String[] f = line.split("\t", -1);
        int[] axes = f[5].equals("none") ? null : Arrays.stream(f[5].split(",")).mapToInt(Integer::parseInt).toArray();
        out.add(new Case(f[0], f[1], f[2], NumpyCasesTest.doubles(f[3]), NumpyCasesTest.longs(f[4]), axes,
            Boolean.parseBoolean(f[6].toLowerCase()), Integer.parseInt(f[7]), f[8], f[9],
            f[8].equals("ERR") ? null : NumpyCasesTest.doubles(f[10]), Double.parseDouble(f[11])));
      }
    }
    return out.stream();
  }

  static NdArray apply(Case c) {
    try (NdArray x = NumpyCasesTest.make(c.dtype, c.values, c.shape)) {
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

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesNumpy(Case c) {
    if (c.outDtype.equals("ERR")) {
      RuntimeException e = assertThrows(RuntimeException.class, () -> apply(c).close(), c.label);
      assertEquals(c.shapeOrMessage, e.getMessage(), c.label);
      return;
    }
    try (NdArray r = apply(c)) {
      String want = c.outDtype.equals("uint64") ? "int64" : c.outDtype;
      assertEquals(want, r.dtype().toString(), c.label + ": dtype");
      assertArrayEquals(NumpyCasesTest.longs(c.shapeOrMessage), r.shape().dims(), c.label + ": shape");
      double[] got = r.toDoubleArray();
      for (int i = 0; i < got.length; i++) {
        double e = c.expected[i];
        double g = got[i];
        boolean ok = Double.isNaN(e) ? Double.isNaN(g) : e == g || Math.abs(e - g) <= c.tol * Math.max(1, Math.abs(e));
        if (!ok) {
          fail(c.label + ": element " + i + " expected " + e + " but was " + g + "; got " + Arrays.toString(got));
        }
      }
    }
  }

  /** float32 sums over outer axes add row by row in float32, as NumPy 2.4 does: it prints [0. 0. 5.] here. */
  @Test
  void float32OuterAxisSumsRoundLikeNumpy() {
    NdArray a = Nd.backend("cpu").array(new float[] {1e8f, 1e8f, 3, 1, 1, 1, -1e8f, -1e8f, 1}, 3, 3);
    assertEquals("[0. 0. 5.]", a.sum(0).toString());
    assertEquals("[1. 1. 5.]", a.astype(DType.FLOAT64).sum(0).toString());
    // np.arange(24, dtype=np.float32).reshape(2, 3, 4) * np.float32(1e7) + 1, summed over axes (0, 1)
    NdArray b = Nd.backend("cpu").arange(24).astype(DType.FLOAT32).reshape(2, 3, 4).multiply(1e7f).add(1f);
    assertEquals("[6.0e+08 6.6e+08 7.2e+08 7.8e+08]", b.sum(new int[] {0, 1}).toString());
  }
}
