package io.ndj.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.ndj.DType;
import io.ndj.Nd;
import io.ndj.NdArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.quicktheories.core.Gen;

/**
 * Unbuffered in-place accumulation ({@code Nd.addAt} ... {@code Nd.maximumAt}, NumPy's {@code
 * ufunc.at}) and {@code bincount}: against NumPy 2's answers in {@code numpy/numpy-at.tsv} ({@code
 * numpy/numpy_at.py} beside it), and against a Java loop over random indices with many repeats, on
 * large inputs too (where a backend's parallel accumulation must lose no update).
 */
public interface AccumulateContract extends KitSupport {
  private static NdArray at(String fn, NdArray a, NdArray idx, Object value) {
    return switch (fn) {
      case "add.at" ->
          value instanceof NdArray v ? Nd.addAt(a, idx, v) : Nd.addAt(a, idx, (Number) value);
      case "subtract.at" ->
          value instanceof NdArray v
              ? Nd.subtractAt(a, idx, v)
              : Nd.subtractAt(a, idx, (Number) value);
      case "multiply.at" ->
          value instanceof NdArray v
              ? Nd.multiplyAt(a, idx, v)
              : Nd.multiplyAt(a, idx, (Number) value);
      case "minimum.at" ->
          value instanceof NdArray v
              ? Nd.minimumAt(a, idx, v)
              : Nd.minimumAt(a, idx, (Number) value);
      case "maximum.at" ->
          value instanceof NdArray v
              ? Nd.maximumAt(a, idx, v)
              : Nd.maximumAt(a, idx, (Number) value);
      default -> throw new AssertionError(fn);
    };
  }

  @TestFactory
  default Stream<DynamicTest> accumulationMatchesNumpy() {
    return KitData.table("numpy/numpy-at.tsv").stream()
        .map(
            f ->
                dynamicTest(
                    "numpy " + f[0],
                    () -> {
                      NdArray a =
                          make(
                              f[2],
                              NumpyCasesContract.doubles(f[3]),
                              NumpyCasesContract.longs(f[4]));
                      String before = a.toString();
                      Object value;
                      if (f[7].equals("-")) {
                        value = null;
                      } else if (f[7].startsWith("scalar")) {
                        double v = NumpyCasesContract.doubles(f[8])[0];
                        value = f[7].equals("scalar-int") ? (Number) (long) v : (Number) v;
                      } else {
                        value =
                            make(
                                f[7],
                                NumpyCasesContract.doubles(f[8]),
                                NumpyCasesContract.longs(f[9]));
                      }
                      long minlength = Long.parseLong(f[10]);
                      java.util.function.Supplier<NdArray> call =
                          f[1].equals("bincount")
                              ? () ->
                                  value == null
                                      ? Nd.bincount(a, minlength)
                                      : Nd.bincount(a, (NdArray) value, minlength)
                              : () ->
                                  at(
                                      f[1],
                                      a,
                                      make(
                                          "int64",
                                          NumpyCasesContract.doubles(f[5]),
                                          NumpyCasesContract.longs(f[6])),
                                      value);
                      if (f[11].equals("ERR")) {
                        Check.raisesNumpysMessage(f[0], f[12], call::get);
                        assertEquals(
                            before,
                            a.toString(),
                            f[0] + ": the array changed although the call failed");
                        return;
                      }
                      NdArray r = call.get();
                      assertEquals(f[11], r.dtype().toString(), f[0] + ": dtype");
                      assertArrayEquals(
                          NumpyCasesContract.longs(f[12]), r.shape().dims(), f[0] + ": shape");
                      double[] want = NumpyCasesContract.doubles(f[13]);
                      double[] got = r.toDoubleArray();
                      // float updates of one element (and bincount's weights) may be applied in
                      // another order than NumPy's loop (a GPU's atomics): sums
                      // and products then round within a few units of the dtype
                      boolean reordered =
                          r.dtype().isFloat()
                              && f[1].matches("add\\.at|subtract\\.at|multiply\\.at|bincount");
                      double tol =
                          !reordered
                              ? 0
                              : r.dtype() == DType.FLOAT16
                                  ? 2e-3
                                  : r.dtype() == DType.FLOAT32 ? 1e-6 : 1e-12;
                      Check.sameValues(f[0], want, got, tol);
                    }));
  }

  /** A target length, indices into it (negative ones too, many repeats) and one value per index. */
  record Scatter(int length, long[] indices, double[] values) {
    @Override
    public String toString() {
      return "length "
          + length
          + ", indices "
          + Arrays.toString(indices)
          + ", values "
          + Arrays.toString(values);
    }
  }

  private static Gen<Scatter> scatters(long maxIndices) {
    return Gens.gen(
        r -> {
          int length = (int) Gens.pick(r, 1, 12);
          int n = (int) Gens.pick(r, 0, maxIndices);
          long[] idx = new long[n];
          double[] v = new double[n];
          for (int i = 0; i < n; i++) {
            idx[i] = Gens.pick(r, -length, length - 1);
            v[i] = Gens.pick(r, -32, 32) / 8.0;
          }
          return new Scatter(length, idx, v);
        });
  }

  @TestFactory
  default Stream<DynamicTest> accumulationAgreesWithALoop() {
    List<DynamicTest> tests = new ArrayList<>();
    for (DType t : new DType[] {DType.FLOAT64, DType.FLOAT32, DType.INT64, DType.INT32}) {
      for (long max : new long[] {40, 300_000}) {
        String size = max > 1000 ? " large" : "";
        tests.add(
            check(
                "add.at" + size,
                t,
                () ->
                    forAll(
                        scatters(max),
                        s -> {
                          double[] want = new double[s.length()];
                          for (int i = 0; i < s.indices().length; i++) {
                            int at = (int) Math.floorMod(s.indices()[i], (long) s.length());
                            want[at] += t.isFloat() ? s.values()[i] : Math.floor(s.values()[i]);
                          }
                          NdArray a = zeros(t, s.length());
                          NdArray v = array(s.values()).floor();
                          NdArray values = t.isFloat() ? array(s.values()).astype(t) : v.astype(t);
                          Nd.addAt(a, array(s.indices()), values);
                          double[] got = a.toDoubleArray();
                          for (int i = 0; i < want.length; i++) {
                            // multiples of 1/8 of at most 4 each, at most 300,000 of them: every
                            // partial sum is exact in float32
                            assertEquals(want[i], got[i], "add.at of " + s + ": element " + i);
                          }
                        })));
        tests.add(
            check(
                "maximum.at" + size,
                t,
                () ->
                    forAll(
                        scatters(max),
                        s -> {
                          double[] want = new double[s.length()];
                          Arrays.fill(want, -1e9);
                          for (int i = 0; i < s.indices().length; i++) {
                            int at = (int) Math.floorMod(s.indices()[i], (long) s.length());
                            want[at] = Math.max(want[at], Math.floor(s.values()[i]));
                          }
                          NdArray a = full(-1e9, t, s.length());
                          Nd.maximumAt(a, array(s.indices()), array(s.values()).floor().astype(t));
                          assertArrayEquals(want, a.toDoubleArray(), "maximum.at of " + s);
                        })));
      }
    }
    for (DType t : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
      for (int n : new int[] {12, 3000}) {
        tests.add(
            check(
                "add.at and subtract.at keep signed zeros, " + n + " updates",
                t,
                () -> {
                  // element 0 untouched, 1 gets -0.0s, 2 +0.0s, 3 ones that cancel, 4 -0.0s
                  // subtracted (x - -0.0 = x + 0.0)
                  double[] start = {-0.0, 0.0, -0.0, -0.0, -0.0};
                  long[] idx = new long[n];
                  double[] v = new double[n];
                  for (int i = 0; i < n; i++) {
                    idx[i] = 1 + i % 3;
                    v[i] = idx[i] == 1 ? -0.0 : idx[i] == 2 ? 0.0 : i % 2 == 0 ? 1 : -1;
                  }
                  double[] want = start.clone();
                  for (int i = 0; i < n; i++) {
                    want[(int) idx[i]] += v[i];
                  }
                  want[4] -= -0.0;
                  NdArray a = array(start).astype(t);
                  Nd.addAt(a, array(idx), array(v).astype(t));
                  long[] four = new long[n];
                  Arrays.fill(four, 4);
                  Nd.subtractAt(a, array(four), full(-0.0, t, n));
                  double[] got = a.toDoubleArray();
                  for (int i = 0; i < want.length; i++) {
                    assertEquals(
                        Double.doubleToRawLongBits(want[i]),
                        Double.doubleToRawLongBits(got[i]),
                        "element " + i + ": " + want[i] + " expected, got " + got[i]);
                  }
                }));
      }
    }
    tests.add(
        check(
            "bincount",
            DType.INT32,
            () ->
                forAll(
                    scatters(5000),
                    s -> {
                      long[] x =
                          Arrays.stream(s.indices())
                              .map(i -> Math.floorMod(i, (long) s.length()))
                              .toArray();
                      long[] want =
                          new long
                              [x.length == 0 ? 0 : (int) Arrays.stream(x).max().getAsLong() + 1];
                      for (long i : x) {
                        want[(int) i]++;
                      }
                      assertArrayEquals(
                          want,
                          Nd.bincount(array(x).astype(DType.INT32)).toLongArray(),
                          "bincount of " + s);
                    })));
    return tests.stream();
  }
}
