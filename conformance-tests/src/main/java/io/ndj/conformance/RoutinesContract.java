package io.ndj.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.ndj.DType;
import io.ndj.Nd;
import io.ndj.NdArray;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Math, logic and matrix-building routines (round, diff, ptp, countNonzero, isclose, allclose,
 * arrayEqual, arrayEquiv, average, tril, triu, diag, tri) against NumPy 2's answers in {@code
 * numpy/numpy-routines.tsv} ({@code numpy/numpy_routines.py} beside it): every dtype, 0-d and empty
 * shapes, NaN, infinities, -0.0 and halves; result dtype, shape and values, or NumPy's error
 * message, with every operand unchanged.
 */
public interface RoutinesContract extends KitSupport {
  private Object apply(String fn, NdArray[] a, Map<String, String> p) {
    return switch (fn) {
      case "round" -> Nd.round(a[0], Integer.parseInt(p.get("decimals")));
      case "diff" ->
          Nd.diff(a[0], Integer.parseInt(p.get("n")), Integer.parseInt(p.get("axis")), a[1], a[2]);
      case "ptp" ->
          Nd.ptp(a[0], KitData.axes(p.get("axis")), Boolean.parseBoolean(p.get("keepdims")));
      case "count_nonzero" ->
          Nd.countNonzero(
              a[0], KitData.axes(p.get("axis")), Boolean.parseBoolean(p.get("keepdims")));
      case "isclose" ->
          Nd.isclose(
              a[0],
              a[1],
              Double.parseDouble(p.get("rtol")),
              Double.parseDouble(p.get("atol")),
              Boolean.parseBoolean(p.get("equal_nan")));
      case "allclose" ->
          Nd.allclose(
              a[0],
              a[1],
              Double.parseDouble(p.get("rtol")),
              Double.parseDouble(p.get("atol")),
              Boolean.parseBoolean(p.get("equal_nan")));
      case "array_equal" -> Nd.arrayEqual(a[0], a[1], Boolean.parseBoolean(p.get("equal_nan")));
      case "array_equiv" -> Nd.arrayEquiv(a[0], a[1]);
      case "average" -> Nd.average(a[0], KitData.axes(p.get("axis")), a[1]);
      case "tril" -> Nd.tril(a[0], Long.parseLong(p.get("k")));
      case "triu" -> Nd.triu(a[0], Long.parseLong(p.get("k")));
      case "diag" -> Nd.diag(a[0], Long.parseLong(p.get("k")));
      case "tri" ->
          tri(
              Long.parseLong(p.get("n")),
              Long.parseLong(p.get("m")),
              Long.parseLong(p.get("k")),
              DType.of(p.get("dtype")));
      case "ufunc.reduce" ->
          io.ndj.BinaryUfunc.of(p.get("ufunc"))
              .reduce(a[0], KitData.axes(p.get("axis")), Boolean.parseBoolean(p.get("keepdims")));
      case "ufunc.accumulate" ->
          io.ndj.BinaryUfunc.of(p.get("ufunc")).accumulate(a[0], Integer.parseInt(p.get("axis")));
      case "ufunc.outer" -> io.ndj.BinaryUfunc.of(p.get("ufunc")).outer(a[0], a[1]);
      case "ufunc.reduceat" ->
          io.ndj.BinaryUfunc.of(p.get("ufunc"))
              .reduceat(
                  a[0],
                  NumpyCasesContract.longs(p.get("indices")),
                  Integer.parseInt(p.get("axis")));
      case "isin" -> Nd.isin(a[0], a[1], Boolean.parseBoolean(p.get("invert")));
      case "intersect1d" -> Nd.intersect1d(a[0], a[1]);
      case "union1d" -> Nd.union1d(a[0], a[1]);
      case "setdiff1d" -> Nd.setdiff1d(a[0], a[1]);
      case "setxor1d" -> Nd.setxor1d(a[0], a[1]);
      case "digitize" -> Nd.digitize(a[0], a[1], Boolean.parseBoolean(p.get("right")));
      case "atleast_1d" -> Nd.atleast1d(a[0]);
      case "atleast_2d" -> Nd.atleast2d(a[0]);
      case "atleast_3d" -> Nd.atleast3d(a[0]);
      case "column_stack" -> Nd.columnStack(a[0], a[1]);
      case "dstack" -> Nd.dstack(a[0], a[1]);
      case "append" ->
          p.get("axis").equals("none")
              ? Nd.append(a[0], a[1])
              : Nd.append(a[0], a[1], Integer.parseInt(p.get("axis")));
      case "logspace" ->
          logspace(
              Double.parseDouble(p.get("start")),
              Double.parseDouble(p.get("stop")),
              Long.parseLong(p.get("num")),
              Boolean.parseBoolean(p.get("endpoint")),
              Double.parseDouble(p.get("base")));
      case "nan_to_num" -> Nd.nanToNum(a[0]);
      case "heaviside" -> Nd.heaviside(a[0], a[1]);
      case "reciprocal" -> Nd.reciprocal(a[0]);
      case "deg2rad" -> Nd.deg2rad(a[0]);
      case "rad2deg" -> Nd.rad2deg(a[0]);
      case "radians" -> Nd.radians(a[0]);
      case "degrees" -> Nd.degrees(a[0]);
      case "sinc" -> Nd.sinc(a[0]);
      case "modf.0" -> Nd.modf(a[0])[0];
      case "modf.1" -> Nd.modf(a[0])[1];
      case "logaddexp" -> Nd.logaddexp(a[0], a[1]);
      case "logaddexp2" -> Nd.logaddexp2(a[0], a[1]);
      case "divmod.0" -> Nd.divmod(a[0], a[1])[0];
      case "divmod.1" -> Nd.divmod(a[0], a[1])[1];
      case "geomspace" ->
          backend()
              .geomspace(
                  Double.parseDouble(p.get("start")),
                  Double.parseDouble(p.get("stop")),
                  Long.parseLong(p.get("num")),
                  Boolean.parseBoolean(p.get("endpoint")));
      case "indices" -> backend().indices(NumpyCasesContract.longs(p.get("dims")));
      case "diagflat" -> Nd.diagflat(a[0], Long.parseLong(p.get("k")));
      case "kron" -> Nd.kron(a[0], a[1]);
      case "take_along_axis" -> Nd.takeAlongAxis(a[0], a[1], axis(p));
      case "put_along_axis" -> {
        NdArray c = a[0].copy();
        Nd.putAlongAxis(c, a[1], a[2], axis(p));
        yield c;
      }
      case "ravel_multi_index" -> Nd.ravelMultiIndex(a, NumpyCasesContract.longs(p.get("dims")));
      case "select" ->
          Nd.select(List.of(a[0], a[1]), List.of(a[2], a[3]), number(p.get("default")));
      case "extract" -> Nd.extract(a[0], a[1]);
      case "delete" -> Nd.delete(a[0], a[1], axis(p));
      case "trim_zeros" -> Nd.trimZeros(a[0], p.get("trim"));
      case "ediff1d" -> Nd.ediff1d(a[0], a[1], a[2]);
      case "lexsort" -> Nd.lexsort(List.of(a));
      case "einsum" -> Nd.einsum(p.get("subscripts"), a);
      case "partition" -> Nd.partition(a[0], Long.parseLong(p.get("kth")), -1);
      case "choose" -> Nd.choose(a[0], List.of(a).subList(1, a.length));
      case "place" -> {
        NdArray c = a[0].copy();
        Nd.place(c, a[1], a[2]);
        yield c;
      }
      case "insert" -> Nd.insert(a[0], Long.parseLong(p.get("index")), a[1], axis(p));
      case "insert_many" ->
          Nd.insert(a[0], NumpyCasesContract.longs(p.get("indices")), a[1], axis(p));
      case "fromfunction" ->
          backend()
              .fromFunction(
                  x ->
                      switch (p.get("f")) {
                        case "i*10+j" -> x[0].multiply(10).add(x[1]);
                        case "i==j" -> x[0].eq(x[1]);
                        case "sum3" -> x[0].add(x[1].multiply(2)).subtract(x[2]);
                        default -> x[0].multiply(x[0]).subtract(3);
                      },
                  DType.of(p.get("dtype")),
                  NumpyCasesContract.longs(p.get("shape")));
      case "resize" -> Nd.resize(a[0], NumpyCasesContract.longs(p.get("shape")));
      case "gradient" ->
          Nd.gradient(
              a[0],
              Double.parseDouble(p.get("dx")),
              Integer.parseInt(p.get("axis")),
              Integer.parseInt(p.get("edge_order")));
      default -> applyIndexed(fn, a, p);
    };
  }

  /** The functions that return several arrays, named {@code fn.i} for the i-th. */
  private Object applyIndexed(String fn, NdArray[] a, Map<String, String> p) {
    int dot = fn.lastIndexOf('.');
    int i = Integer.parseInt(fn.substring(dot + 1));
    NdArray[] r =
        switch (fn.substring(0, dot)) {
          case "meshgrid" ->
              Nd.meshgrid(p.get("indexing"), Boolean.parseBoolean(p.get("sparse")), a);
          case "broadcast_arrays" -> Nd.broadcastArrays(a);
          case "unravel_index" -> Nd.unravelIndex(a[0], NumpyCasesContract.longs(p.get("shape")));
          case "histogram" -> histogram(a, p);
          case "histogram2d" -> {
            double[][] range = null;
            if (!p.get("range").equals("none")) {
              double[] b = NumpyCasesContract.doubles(p.get("range"));
              range = new double[][] {{b[0], b[1]}, {b[2], b[3]}};
            }
            yield Nd.histogram2d(
                a[0],
                a[1],
                Long.parseLong(p.get("bx")),
                Long.parseLong(p.get("by")),
                range,
                a[2],
                Boolean.parseBoolean(p.get("density")));
          }
          default -> throw new AssertionError("no function " + fn);
        };
    return r[i];
  }

  private static NdArray[] histogram(NdArray[] a, Map<String, String> p) {
    boolean density = Boolean.parseBoolean(p.get("density"));
    if (p.get("bins").equals("edges")) {
      return Nd.histogram(a[0], a[2], a[1], density);
    }
    double[] range =
        p.get("range").equals("none") ? null : NumpyCasesContract.doubles(p.get("range"));
    return Nd.histogram(a[0], Long.parseLong(p.get("bins")), range, a[1], density);
  }

  private static Integer axis(Map<String, String> p) {
    return p.get("axis").equals("none") ? null : Integer.valueOf(p.get("axis"));
  }

  /** A Python number from the table: an int as a Long, else a Double. */
  private static Number number(String v) {
    return v.matches("-?\\d+") ? (Number) Long.valueOf(v) : (Number) Double.valueOf(v);
  }

  @TestFactory
  default Stream<DynamicTest> routinesMatchNumpy() {
    return KitData.table("numpy/numpy-routines.tsv").stream()
        .map(
            f ->
                dynamicTest(
                    "numpy " + f[0],
                    () -> {
                      NdArray[] a = tableOperands(f[2]);
                      String[] before =
                          Arrays.stream(a).map(String::valueOf).toArray(String[]::new);
                      Map<String, String> p = KitData.params(f[3]);
                      if (f[4].equals("ERR")) {
                        Check.raisesNumpysMessage(f[0], f[5], () -> apply(f[1], a, p));
                      } else if (f[4].equals("pybool")) {
                        assertEquals(
                            Boolean.parseBoolean(f[5].toLowerCase()), apply(f[1], a, p), f[0]);
                      } else {
                        NdArray r = (NdArray) apply(f[1], a, p);
                        assertEquals(f[4], r.dtype().toString(), f[0] + ": dtype");
                        assertArrayEquals(
                            NumpyCasesContract.longs(f[5]), r.shape().dims(), f[0] + ": shape");
                        double[] want = NumpyCasesContract.doubles(f[6]);
                        double[] got = r.toDoubleArray();
                        // averages sum in an order of the backend's choosing: within float
                        // rounding; the rest exactly
                        // averages and einsum sum in an order of the backend's choosing, and sinc,
                        // logaddexp, logspace, geomspace and the ufunc methods of arctan2, hypot
                        // and
                        // power go through libm functions (a GPU's pow
                        // is an ulp off glibc's): within float rounding; the rest exactly, with the
                        // sign of every zero
                        double tol =
                            f[1].matches("average|sinc|logaddexp2?|geomspace|logspace|einsum")
                                    || (f[1].startsWith("ufunc.")
                                        && p.get("ufunc").matches("arctan2|hypot|power"))
                                ? (r.dtype() == DType.FLOAT16
                                    ? 2e-3
                                    : r.dtype() == DType.FLOAT32 ? 1e-6 : 1e-12)
                                : 0;
                        Check.sameValues(f[0], want, got, tol);
                        if (tol == 0) {
                          Check.sameZeroSigns(f[0], want, got);
                        }
                      }
                      assertArrayEquals(
                          before,
                          Arrays.stream(a).map(String::valueOf).toArray(String[]::new),
                          f[0] + ": an operand changed");
                    }));
  }
}
