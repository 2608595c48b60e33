package io.ndj.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ndj.DType;
import io.ndj.NdArray;
import io.ndj.spi.BinaryOp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.quicktheories.core.Gen;

/**
 * Reductions over random axes (negative ones too) with and without keepdims, and the scans.
 * Integers exact; float sums and products within the bound {@code n * eps * sum(|x|)} of the result
 * dtype; min/max/arg* exact.
 */
public interface ReductionContract extends KitSupport {
  /** An array and a set of axes to reduce (null: all). */
  record Reduction(Case x, int[] axes, boolean keepdims) {
    @Override
    public String toString() {
      return x + " axes=" + Arrays.toString(axes) + " keepdims=" + keepdims;
    }
  }

  private static Gen<Reduction> reductions(DType t, boolean nonEmpty) {
    Gen<Case> cases = Gens.array(t, Gens.Range.SMALL);
    return Gens.gen(
        r -> {
          Case c = cases.generate(r);
          while (nonEmpty && c.size() == 0) {
            c = cases.generate(r);
          }
          int nd = c.ndim();
          int[] axes = null;
          if (nd > 0 && Gens.pick(r, 0, 3) > 0) {
            List<Integer> pool = new ArrayList<>();
            for (int i = 0; i < nd; i++) {
              if (Gens.pick(r, 0, 1) == 1) {
                pool.add(Gens.pick(r, 0, 1) == 1 ? i - nd : i);
              }
            }
            axes = pool.stream().mapToInt(Integer::intValue).toArray();
          }
          return new Reduction(c, axes, Gens.pick(r, 0, 1) == 1);
        });
  }

  /**
   * Whole sums of large C-contiguous arrays into a wider float dtype (float32 into float64, float16
   * into float32, and float16 means): integers, so every order of adding is exact and the sum can
   * be held to Java's; lengths across NumPy's 8192-element casting buffers, keepdims too.
   */
  @org.junit.jupiter.api.Test
  default void sumsIntoAWiderDtypeOfLargeArrays() {
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed() + 17);
    for (long[] shape : new long[][] {{20_000}, {8192}, {8193}, {3, 7000}, {2, 8192}}) {
      int n = (int) Arrays.stream(shape).reduce(1, (x, y) -> x * y);
      double[] wide = new double[n];
      double[] narrow = new double[n];
      double wideSum = 0;
      double narrowSum = 0;
      for (int i = 0; i < n; i++) {
        wide[i] = r.nextInt(-1000, 1001);
        narrow[i] = r.nextInt(-8, 9);
        wideSum += wide[i];
        narrowSum += narrow[i];
      }
      String label = Arrays.toString(shape);
      NdArray x32 = array(wide).astype(DType.FLOAT32).reshape(shape);
      NdArray x16 = array(narrow).astype(DType.FLOAT16).reshape(shape);
      NdArray s64 = x32.sum(null, false, DType.FLOAT64);
      assertEquals(DType.FLOAT64, s64.dtype(), label);
      assertEquals(wideSum, s64.doubleValue(), label + ": float32 into float64");
      NdArray kept = x32.sum(null, true, DType.FLOAT64);
      assertEquals(shape.length, kept.ndim(), label + ": keepdims");
      assertEquals(wideSum, kept.reshape(-1).get(0).doubleValue(), label + ": keepdims");
      assertEquals(
          narrowSum, x16.sum(null, false, DType.FLOAT32).doubleValue(), label + ": float16 in 32");
      // the mean within one float16 step of the exact one (its sum is exact; the rounding of the
      // division is each backend's)
      double exact = narrowSum / n;
      double step = Math.max(0x1p-24, Math.abs(exact) * 0x1p-10);
      assertTrue(
          Math.abs(x16.mean().doubleValue() - exact) <= step, label + ": float16 mean " + exact);
    }
  }

  @TestFactory
  default Stream<DynamicTest> reductions() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String op : List.of("sum", "prod", "min", "max", "any", "all", "mean")) {
      for (DType t : DType.realValues()) {
        boolean needsElements = op.equals("min") || op.equals("max");
        tests.add(check(op, t, () -> forAll(reductions(t, needsElements), red -> reduce(op, red))));
      }
    }
    return tests.stream();
  }

  /**
   * sum(2a + b) equals 2 sum(a) + sum(b): exactly for integers, within the float bound for floats.
   */
  @TestFactory
  default Stream<DynamicTest> sumLinearity() {
    List<DynamicTest> tests = new ArrayList<>();
    for (DType t : new DType[] {DType.INT32, DType.INT64, DType.FLOAT32, DType.FLOAT64}) {
      tests.add(
          check(
              "sum linearity",
              t,
              () ->
                  forAll(
                      Gens.gen(
                          r -> {
                            long[] s = Gens.shape(r, 4, 48);
                            return new Case[] {
                              Gens.fill(r, t, s, Gens.layout(r), Gens.Range.SMALL),
                              Gens.fill(r, t, s, Gens.layout(r), Gens.Range.SMALL)
                            };
                          }),
                      p -> {
                        NdArray a = make(p[0]);
                        NdArray b = make(p[1]);
                        double lhs = a.multiply(2L).add(b).sum().doubleValue();
                        double rhs = 2 * a.sum().doubleValue() + b.sum().doubleValue();
                        double mag = 0;
                        for (int k = 0; k < p[0].size(); k++) {
                          mag += 2 * Math.abs(p[0].get(k)) + Math.abs(p[1].get(k));
                        }
                        double tol =
                            t.isFloat() ? 3 * (p[0].size() + 2) * Check.ulp(t, 1.0) * mag : 0;
                        assertTrue(
                            Math.abs(lhs - rhs) <= tol,
                            "sum(2a + b) = "
                                + lhs
                                + " but 2 sum(a) + sum(b) = "
                                + rhs
                                + " (bound "
                                + tol
                                + ") with\n  a = "
                                + p[0]
                                + "\n  b = "
                                + p[1]);
                      })));
    }
    return tests.stream();
  }

  @TestFactory
  default Stream<DynamicTest> argReductionsAndScans() {
    List<DynamicTest> tests = new ArrayList<>();
    for (String op : List.of("argmin", "argmax", "cumsum", "cumprod")) {
      for (DType t : DType.realValues()) {
        tests.add(check(op, t, () -> forAll(Gens.arrayNd(t, Gens.Range.SMALL), c -> along(op, c))));
      }
    }
    return tests.stream();
  }

  private void reduce(String op, Reduction red) {
    Case c = red.x;
    NdArray x = make(c);
    int nd = c.ndim();
    boolean[] reduced = new boolean[nd];
    if (red.axes == null) {
      Arrays.fill(reduced, true);
    } else {
      for (int a : red.axes) {
        reduced[a < 0 ? a + nd : a] = true;
      }
    }
    if (red.axes != null && hasDuplicates(red.axes, nd)) {
      return; // the error is ErrorContract's
    }
    NdArray r =
        switch (op) {
          case "sum" -> x.sum(red.axes, red.keepdims);
          case "prod" -> x.prod(red.axes, red.keepdims);
          case "min" -> x.min(red.axes, red.keepdims);
          case "max" -> x.max(red.axes, red.keepdims);
          case "any" -> x.any(red.axes, red.keepdims);
          case "all" -> x.all(red.axes, red.keepdims);
          default -> x.mean(red.axes, red.keepdims);
        };
    DType t = c.dtype();
    DType out =
        switch (op) {
          case "sum", "prod" -> integersIn(t);
          case "any", "all" -> DType.BOOL;
          case "mean" -> t.isFloat() ? t : DType.FLOAT64;
          default -> t;
        };
    List<Long> outShape = new ArrayList<>();
    for (int i = 0; i < nd; i++) {
      if (!reduced[i]) {
        outShape.add(c.shape()[i]);
      } else if (red.keepdims) {
        outShape.add(1L);
      }
    }
    long[] os = outShape.stream().mapToLong(Long::longValue).toArray();
    String what = op + " of " + red;
    Check.dtypeAndShape(r, out, os, what);
    // fold each output element's block on the host
    long[] kept = new long[nd];
    for (int i = 0; i < nd; i++) {
      kept[i] = reduced[i] ? 1 : c.shape()[i];
    }
    int n = (int) Arrays.stream(kept).reduce(1, (a, b) -> a * b);
    double[] ed = new double[n];
    long[] el = new long[n];
    double[] bound = new double[n];
    long[] count = new long[n];
    boolean[] first = new boolean[n];
    Arrays.fill(first, true);
    long[] idx = new long[nd];
    for (int k = 0; k < c.size(); k++) {
      int o = 0;
      for (int i = 0; i < nd; i++) {
        o = (int) (o * kept[i] + (reduced[i] ? 0 : idx[i]));
      }
      double v = c.get(k);
      long lv = c.getLong(k);
      count[o]++;
      switch (op) {
        case "sum", "mean" -> {
          ed[o] += v;
          el[o] += lv;
          bound[o] += Math.abs(v);
        }
        case "prod" -> {
          ed[o] = first[o] ? v : ed[o] * v;
          el[o] = first[o] ? lv : el[o] * lv;
          bound[o] = first[o] ? Math.abs(v) : bound[o] * Math.abs(v);
        }
        case "min" -> {
          ed[o] = first[o] ? v : Math.min(ed[o], v);
          el[o] = first[o] || Oracle.binaryI(BinaryOp.LESS, t, lv, el[o]) == 1 ? lv : el[o];
        }
        case "max" -> {
          ed[o] = first[o] ? v : Math.max(ed[o], v);
          el[o] = first[o] || Oracle.binaryI(BinaryOp.GREATER, t, lv, el[o]) == 1 ? lv : el[o];
        }
        case "any" -> el[o] |= v != 0 ? 1 : 0;
        default -> el[o] = (first[o] ? 1 : el[o]) & (v != 0 ? 1 : 0);
      }
      first[o] = false;
      Ops.next(idx, c.shape());
    }
    for (int o = 0; o < n; o++) {
      if (first[o]) {
        ed[o] = op.equals("prod") ? 1 : op.equals("mean") ? Double.NaN : 0;
        el[o] = op.equals("prod") || op.equals("all") ? 1 : 0;
      }
      if (op.equals("mean")) {
        ed[o] = count[o] == 0 ? Double.NaN : ed[o] / count[o];
        bound[o] = bound[o] / Math.max(1, count[o]);
      }
    }
    if (out.isFloat()) {
      double[] got = r.toDoubleArray();
      double eps = Check.ulp(out, 1.0);
      for (int o = 0; o < n; o++) {
        double e = ed[o];
        double tol = (count[o] + 2) * eps * (bound[o] + Math.abs(e));
        boolean overflow =
            Double.isInfinite(Gens.roundTo(e, out)) && got[o] == Gens.roundTo(e, out);
        boolean ok =
            Double.isNaN(e) ? Double.isNaN(got[o]) : overflow || Math.abs(got[o] - e) <= tol;
        if (!ok) {
          throw new AssertionError(
              what + ": element " + o + " expected " + e + " +- " + tol + " but was " + got[o]);
        }
      }
    } else {
      long[] e = new long[n];
      for (int o = 0; o < n; o++) {
        e[o] = Oracle.wrap(el[o], out);
      }
      Check.longs(e, r.toLongArray(), what);
    }
  }

  private static boolean hasDuplicates(int[] axes, int nd) {
    boolean[] seen = new boolean[nd];
    for (int a : axes) {
      int x = a < 0 ? a + nd : a;
      if (seen[x]) {
        return true;
      }
      seen[x] = true;
    }
    return false;
  }

  /** argmin/argmax/cumsum/cumprod along the last axis. */
  private void along(String op, Case c) {
    NdArray x = make(c);
    int nd = c.ndim();
    long len = c.shape()[nd - 1];
    if (len == 0 && op.startsWith("arg")) {
      return;
    }
    NdArray r =
        switch (op) {
          case "argmin" -> x.argmin(-1);
          case "argmax" -> x.argmax(-1);
          case "cumsum" -> x.cumsum(-1);
          default -> x.cumprod(-1);
        };
    DType t = c.dtype();
    String what = op + "(axis=-1) of " + c;
    long rows = c.size() / Math.max(1, len);
    if (op.startsWith("arg")) {
      Check.dtypeAndShape(r, DType.INT64, Arrays.copyOf(c.shape(), nd - 1), what);
      long[] e = new long[(int) rows];
      for (int row = 0; row < rows; row++) {
        int best = 0;
        for (int j = 1; j < len; j++) {
          double v = c.get((int) (row * len + j));
          double b = c.get((int) (row * len + best));
          boolean better = op.equals("argmax") ? v > b : v < b;
          if (Double.isNaN(b)) {
            break;
          }
          if (better || Double.isNaN(v)) {
            best = j;
          }
        }
        e[row] = best;
      }
      if (!t.isFloat() && t.itemsize() < 8) {
        Check.longs(e, r.toLongArray(), what);
      } else {
        long[] got = r.toLongArray();
        for (int row = 0; row < rows; row++) {
          // equal values may sit at several indices only when the int64 values were rounded here;
          // compare values
          assertEquals(
              c.get((int) (row * len + e[row])),
              c.get((int) (row * len + got[row])),
              what + ": row " + row);
          assertEquals(
              true,
              got[row] <= e[row]
                  || c.get((int) (row * len + got[row])) != c.get((int) (row * len + e[row])),
              what + ": not the first index");
        }
      }
      return;
    }
    DType out = integersIn(t);
    Check.dtypeAndShape(r, out, c.shape(), what);
    boolean prod = op.equals("cumprod");
    if (out.isFloat()) {
      double[] got = r.toDoubleArray();
      double eps = Check.ulp(out, 1.0);
      for (int row = 0; row < rows; row++) {
        double acc = prod ? 1 : 0;
        double bound = prod ? 1 : 0;
        for (int j = 0; j < len; j++) {
          int k = (int) (row * len + j);
          acc = prod ? acc * c.get(k) : acc + c.get(k);
          bound = prod ? bound * Math.abs(c.get(k)) : bound + Math.abs(c.get(k));
          double tol = (j + 2) * eps * (bound + Math.abs(acc));
          boolean overflow = Double.isInfinite(Gens.roundTo(acc, out)) && Double.isInfinite(got[k]);
          if (!(overflow || Math.abs(got[k] - acc) <= tol)) {
            throw new AssertionError(
                what + ": element " + k + " expected " + acc + " +- " + tol + " but was " + got[k]);
          }
        }
      }
    } else {
      long[] e = new long[(int) c.size()];
      for (int row = 0; row < rows; row++) {
        long acc = prod ? 1 : 0;
        for (int j = 0; j < len; j++) {
          int k = (int) (row * len + j);
          acc = prod ? acc * c.getLong(k) : acc + c.getLong(k);
          e[k] = acc;
        }
      }
      Check.longs(e, r.toLongArray(), what);
    }
  }

  /** The dtype NumPy sums and multiplies t in: uint64 for unsigned integers, int64 for the rest. */
  private static DType integersIn(DType t) {
    return t.isFloat() ? t : t.kind() == DType.Kind.UNSIGNED ? DType.UINT64 : DType.INT64;
  }
}
