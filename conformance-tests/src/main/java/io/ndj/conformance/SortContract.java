package io.ndj.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ndj.DType;
import io.ndj.NdArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * sort (ordered, a permutation, NaN last), argsort (stable), unique (sorted distinct values, NaNs
 * as one), searchsorted (against a linear scan).
 */
public interface SortContract extends KitSupport {
  /**
   * -0.0 and 0.0 are equal keys and keep their input order, as in NumPy's stable sort, along any
   * axis, beside NaN and other values ({@code numpy/numpy-sort-zeros.tsv}, from {@code
   * numpy_sort_zeros.py}): the signs of the sorted zeros are compared bit for bit.
   */
  @org.junit.jupiter.api.TestFactory
  default java.util.stream.Stream<org.junit.jupiter.api.DynamicTest> signedZerosKeepTheirOrder() {
    return KitData.table("numpy/numpy-sort-zeros.tsv").stream()
        .map(
            f ->
                org.junit.jupiter.api.DynamicTest.dynamicTest(
                    "sort " + f[0] + "(" + f[2] + ") axis " + f[3] + " " + f[1],
                    () -> {
                      NdArray x =
                          make(
                              f[0],
                              NumpyCasesContract.doubles(f[1]),
                              NumpyCasesContract.longs(f[2]));
                      Check.sameBits(
                          "sort",
                          NumpyCasesContract.doubles(f[4]),
                          x.sort(Integer.parseInt(f[3])).toDoubleArray());
                    }));
  }

  @TestFactory
  default Stream<DynamicTest> sorting() {
    List<DynamicTest> tests = new ArrayList<>();
    for (DType t : DType.realValues()) {
      tests.add(
          check(
              "sort",
              t,
              () ->
                  forAll(
                      Gens.arrayNd(t, Gens.Range.ANY),
                      c -> {
                        NdArray r = make(c).sort();
                        Check.dtypeAndShape(r, t, c.shape(), "sort of " + c);
                        double[] got = r.toDoubleArray();
                        long len = c.shape()[c.ndim() - 1];
                        for (int row = 0; row < c.size() / Math.max(1, len); row++) {
                          double[] e = new double[(int) len];
                          for (int j = 0; j < len; j++) {
                            e[j] = c.get((int) (row * len + j));
                          }
                          Double[] boxed = Arrays.stream(e).boxed().toArray(Double[]::new);
                          Arrays.sort(boxed, Oracle::sortOrder);
                          for (int j = 0; j < len; j++) {
                            double g = got[(int) (row * len + j)];
                            assertEquals(
                                0,
                                Oracle.sortOrder(boxed[j], g),
                                "sort of " + c + ": row " + row + " position " + j);
                          }
                        }
                      })));
      tests.add(
          check(
              "argsort",
              t,
              () ->
                  forAll(
                      Gens.arrayNd(t, Gens.Range.SMALL),
                      c -> {
                        Case rounded = c.dtype().isFloat() ? c : c;
                        NdArray r = make(rounded).argsort();
                        Check.dtypeAndShape(r, DType.INT64, c.shape(), "argsort of " + c);
                        long[] got = r.toLongArray();
                        long len = c.shape()[c.ndim() - 1];
                        for (int row = 0; row < c.size() / Math.max(1, len); row++) {
                          boolean[] seen = new boolean[(int) len];
                          for (int j = 0; j < len; j++) {
                            long ix = got[(int) (row * len + j)];
                            assertEquals(
                                true,
                                ix >= 0 && ix < len && !seen[(int) ix],
                                "argsort is a permutation: " + c);
                            seen[(int) ix] = true;
                            if (j > 0) {
                              long prev = got[(int) (row * len + j - 1)];
                              double a = c.get((int) (row * len + prev));
                              double b = c.get((int) (row * len + ix));
                              int cmp =
                                  t.isFloat()
                                      ? Oracle.sortOrder(a, b)
                                      : Long.compare(
                                          c.getLong((int) (row * len + prev)),
                                          c.getLong((int) (row * len + ix)));
                              assertEquals(
                                  true,
                                  cmp < 0 || (cmp == 0 && prev < ix),
                                  "argsort ordered and stable at row "
                                      + row
                                      + " position "
                                      + j
                                      + " of "
                                      + c);
                            }
                          }
                        }
                      })));
      tests.add(
          check(
              "unique",
              t,
              () ->
                  forAll(
                      Gens.array(t, Gens.Range.SMALL),
                      c -> {
                        NdArray u = make(c).unique();
                        TreeSet<Double> e = new TreeSet<>(Oracle::sortOrder);
                        for (int k = 0; k < c.size(); k++) {
                          e.add(c.get(k));
                        }
                        double[] got = u.toDoubleArray();
                        assertEquals(e.size(), got.length, "unique count of " + c);
                        int k = 0;
                        for (double v : e) {
                          assertEquals(0, Oracle.sortOrder(v, got[k++]), "unique of " + c);
                        }
                      })));
      tests.add(
          check(
              "searchsorted",
              t,
              () ->
                  forAll(
                      Gens.broadcastPair(t, Gens.Range.SMALL, Gens.Range.SMALL),
                      p -> {
                        NdArray sorted = make(p[0]).reshape(-1).sort();
                        double[] s = sorted.toDoubleArray();
                        NdArray v = make(p[1]);
                        for (boolean right : new boolean[] {false, true}) {
                          long[] got = sorted.searchsorted(v, right).toLongArray();
                          for (int q = 0; q < p[1].size(); q++) {
                            double x = p[1].get(q);
                            long e = 0;
                            while (e < s.length
                                && (right
                                    ? Oracle.sortOrder(s[(int) e], x) <= 0
                                    : Oracle.sortOrder(s[(int) e], x) < 0)) {
                              e++;
                            }
                            assertEquals(
                                e,
                                got[q],
                                "searchsorted(right="
                                    + right
                                    + ") of "
                                    + x
                                    + " in "
                                    + Arrays.toString(s));
                          }
                        }
                      })));
    }
    return tests.stream();
  }
}
