package io.ndj.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ndj.DType;
import io.ndj.Nd;
import io.ndj.NdArray;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Properties of the array routines on every dtype and layout (transposed, strided, reversed and
 * offset views, 0-d, empty), against plain Java: take_along_axis with argsort's indices is the
 * sort; put_along_axis then take_along_axis gives the values back; kron's blocks are products
 * element by element; unravel_index then ravel_multi_index is the identity; a histogram counts
 * every finite value once, each in the bin whose edges hold it; meshgrid's arrays repeat their
 * input along the other axes.
 */
public interface ArrayRoutinesContract extends KitSupport {
  /**
   * {@code einsum} with NumPy's {@code ...}: batch axes right-aligned and broadcast, implicit
   * outputs, and NumPy's errors, against NumPy 2 ({@code numpy/numpy-einsum-ellipsis.tsv}, {@code
   * numpy/numpy_einsum_ellipsis.py}).
   */
  /**
   * einsum's result is always its own memory, as NumPy's is for these subscripts: writing into it
   * leaves the operands unchanged, whether the subscripts copy, permute, take a diagonal or
   * contract (whose product's own output comes back without a copy).
   */
  @org.junit.jupiter.api.Test
  default void einsumResultsAreTheirOwnMemory() {
    for (DType t : new DType[] {DType.FLOAT64, DType.FLOAT32, DType.INT64}) {
      NdArray a = arange(9).reshape(3, 3).astype(t);
      NdArray b = arange(9).reshape(3, 3).astype(t);
      double[] before = a.astype(DType.FLOAT64).toDoubleArray();
      for (String[] sub :
          new String[][] {{"ij->ij"}, {"ij->ji"}, {"ii->i"}, {"ij,jk->ik", ""}, {"ij,jk", ""}}) {
        NdArray r = sub.length == 1 ? Nd.einsum(sub[0], a) : Nd.einsum(sub[0], a, b);
        r.fill(-7);
        Check.sameValues(
            t + " einsum " + sub[0] + " left its operand",
            before,
            a.astype(DType.FLOAT64).toDoubleArray(),
            0);
        Check.sameValues(
            t + " einsum " + sub[0] + " left its second operand",
            before,
            b.astype(DType.FLOAT64).toDoubleArray(),
            0);
      }
    }
  }

  /**
   * partition of long lines (past any small-line sort) at one and several kth, negative ones too,
   * in float and integer dtypes with runs of duplicates, NaN and -0.0, along a strided axis: each
   * row keeps its values, each kth holds the sorted kth, nothing before it is larger, nothing after
   * it smaller (NaN last); and median, nanmedian and the selecting percentiles (lower, higher,
   * nearest) of the same rows against the sorted rows in plain Java.
   */
  @org.junit.jupiter.api.Test
  default void partitionAndOrderStatisticsOfLongLines() {
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed() + 11);
    for (DType t :
        new DType[] {DType.FLOAT64, DType.FLOAT32, DType.FLOAT16, DType.INT64, DType.INT8}) {
      for (int n : new int[] {17, 1000, 30_001}) {
        double[] v = new double[3 * n];
        for (int i = 0; i < v.length; i++) {
          int kind = r.nextInt(20);
          v[i] =
              kind == 0 && t.isFloat()
                  ? Double.NaN
                  : kind == 1 && t.isFloat()
                      ? -0.0
                      : kind < 8 ? r.nextInt(5) - 2 : Math.round(r.nextDouble(-100, 100));
        }
        if (t.isFloat()) {
          // row 0 (every third value) holds no NaN, row 1 at least one
          for (int j = 0; j < n; j++) {
            v[3 * j] = Double.isNaN(v[3 * j]) ? 7 : v[3 * j];
          }
          v[3 * (n / 2) + 1] = Double.NaN;
        }
        // (n, 3) transposed: rows of n values along a strided axis
        NdArray x = array(v).reshape(n, 3).astype(t).T();
        double[][] rows = new double[3][];
        for (int i = 0; i < 3; i++) {
          rows[i] = x.get(String.valueOf(i)).astype(DType.FLOAT64).toDoubleArray();
        }
        for (long[] kth :
            new long[][] {{0}, {n - 1}, {n / 3, n / 2, n - 1}, {-1, 5}, {n / 2, n / 2 + 1}}) {
          double[] part = Nd.partition(x, kth, 1).astype(DType.FLOAT64).toDoubleArray();
          for (int i = 0; i < 3; i++) {
            double[] got = java.util.Arrays.copyOfRange(part, i * n, (i + 1) * n);
            double[] want = rows[i].clone();
            java.util.Arrays.sort(want);
            double[] same = got.clone();
            java.util.Arrays.sort(same);
            Check.sameValues(t + " partition keeps row " + i, want, same, 0);
            for (long k0 : kth) {
              int k = (int) (k0 < 0 ? k0 + n : k0);
              Check.sameValues(
                  t + " n=" + n + " kth " + k, new double[] {want[k]}, new double[] {got[k]}, 0);
              for (int j = 0; j < n; j++) {
                int cmp = Oracle.sortOrder(got[j], want[k]);
                if (j < k ? cmp > 0 : j > k && cmp < 0) {
                  throw new org.opentest4j.AssertionFailedError(
                      t + " n=" + n + " kth " + k + ": element " + j + " is " + got[j]);
                }
              }
            }
          }
        }
        double[] med = Nd.median(x, 1).astype(DType.FLOAT64).toDoubleArray();
        for (String method : new String[] {"lower", "higher", "nearest"}) {
          double[] pc =
              Nd.percentile(x, 37.5, new int[] {1}, false, method)
                  .astype(DType.FLOAT64)
                  .toDoubleArray();
          for (int i = 0; i < 3; i++) {
            double[] s = rows[i].clone();
            java.util.Arrays.sort(s);
            double idx = 0.375 * (n - 1);
            int at =
                switch (method) {
                  case "lower" -> (int) Math.floor(idx);
                  case "higher" -> (int) Math.ceil(idx);
                  default -> (int) Math.rint(idx);
                };
            double want = Double.isNaN(s[n - 1]) ? Double.NaN : s[at];
            Check.sameValues(
                t + " percentile " + method + " row " + i,
                new double[] {want},
                new double[] {pc[i]},
                0);
          }
        }
        for (int i = 0; i < 3; i++) {
          double[] s = rows[i].clone();
          java.util.Arrays.sort(s);
          double lo = s[(n - 1) / 2];
          double hi = s[n / 2];
          double want = Double.isNaN(s[n - 1]) ? Double.NaN : lo + (hi - lo) / 2;
          Check.sameValues(
              t + " median row " + i, new double[] {want}, new double[] {med[i]}, 1e-12);
          // nanmedian of the row alone: the middle of its c values that are not NaN
          int c = 0;
          while (c < n && !Double.isNaN(s[c])) {
            c++;
          }
          double nanWant = c == 0 ? Double.NaN : s[(c - 1) / 2] + (s[c / 2] - s[(c - 1) / 2]) / 2;
          double nanGot = Nd.nanmedian(x.get(String.valueOf(i))).doubleValue();
          Check.sameValues(
              t + " nanmedian row " + i, new double[] {nanWant}, new double[] {nanGot}, 1e-12);
          // nanpercentile 37.5, 'higher', of the row alone: from its c values that are not NaN
          double hiWant = c == 0 ? Double.NaN : s[(int) Math.ceil(0.375 * (c - 1))];
          double hiGot =
              Nd.nanpercentile(x.get(String.valueOf(i)), 37.5, null, false, "higher").doubleValue();
          Check.sameValues(
              t + " nanpercentile row " + i, new double[] {hiWant}, new double[] {hiGot}, 0);
        }
        // along the first axis: the rows as columns of a C-contiguous copy
        double[] cols =
            Nd.partition(x.T().copy(), new long[] {n / 2}, 0)
                .get(String.valueOf(n / 2))
                .astype(DType.FLOAT64)
                .toDoubleArray();
        for (int i = 0; i < 3; i++) {
          double[] s = rows[i].clone();
          java.util.Arrays.sort(s);
          Check.sameValues(
              t + " partition along axis 0, column " + i,
              new double[] {s[n / 2]},
              new double[] {cols[i]},
              0);
        }
      }
    }
  }

  /**
   * histogram counts against a host model that scans the edges, for values on the edges, between
   * them, outside, NaN and infinite, in every float dtype and int64, with a range whose bins are
   * not exact in binary (0.1 steps).
   */
  @org.junit.jupiter.api.Test
  default void histogramCountsEveryValueInTheRightBin() {
    java.util.Random r = new java.util.Random(7);
    for (DType t : new DType[] {DType.FLOAT64, DType.FLOAT32, DType.FLOAT16, DType.INT64}) {
      double[] v = new double[5000];
      for (int i = 0; i < v.length; i++) {
        int kind = r.nextInt(10);
        v[i] =
            kind == 0
                ? Math.round(r.nextDouble() * 10) / 10.0 // on an edge (as near as the dtype holds)
                : kind == 1
                    ? new double[] {Double.NaN, Double.POSITIVE_INFINITY, -1, 2}[r.nextInt(4)]
                    : r.nextDouble() * 1.2 - 0.1;
      }
      if (t == DType.INT64) {
        for (int i = 0; i < v.length; i++) {
          v[i] = Double.isFinite(v[i]) ? Math.round(v[i] * 10) : 3;
        }
      }
      NdArray x = array(v).astype(t);
      double[] range = t == DType.INT64 ? new double[] {0, 10} : new double[] {0, 1};
      NdArray[] h = io.ndj.Nd.histogram(x, 10, range, null, false);
      double[] e = h[1].toDoubleArray();
      double[] xs = x.toDoubleArray();
      long[] want = new long[10];
      for (double val : xs) {
        if (!(val >= e[0] && val <= e[10])) {
          continue;
        }
        int b = 0;
        while (b < 9 && val >= e[b + 1]) {
          b++;
        }
        want[b]++;
      }
      org.junit.jupiter.api.Assertions.assertArrayEquals(want, h[0].toLongArray(), t + " counts");
    }
  }

  /**
   * einsum of 3 and 4 operands (contracted in NumPy's greedy order) equals the chain of matmuls,
   * whichever pair is thin, within rounding.
   */
  @org.junit.jupiter.api.Test
  default void einsumOfManyOperandsEqualsTheMatmulChain() {
    long[][] shapes = {{40, 3}, {3, 40}, {40, 3}, {3, 5}};
    for (int thin = 0; thin < 2; thin++) {
      NdArray a = backend().random(1 + thin).normal(0, 1, shapes[0][0], shapes[0][1]);
      NdArray b = backend().random(2 + thin).normal(0, 1, shapes[1][0], shapes[1][1]);
      NdArray c = backend().random(3 + thin).normal(0, 1, shapes[2][0], shapes[2][1]);
      NdArray d = backend().random(4 + thin).normal(0, 1, shapes[3][0], shapes[3][1]);
      NdArray three = io.ndj.Nd.einsum("ij,jk,kl->il", a, b, c);
      Check.sameValues(
          "ij,jk,kl->il", a.matmul(b).matmul(c).toDoubleArray(), three.toDoubleArray(), 1e-12);
      NdArray four = io.ndj.Nd.einsum("ij,jk,kl,lm->im", a, b, c, d);
      Check.sameValues(
          "ij,jk,kl,lm->im",
          a.matmul(b.matmul(c.matmul(d))).toDoubleArray(),
          four.toDoubleArray(),
          1e-12);
      NdArray q = backend().random(9).normal(0, 1, a.shape().dims()[1], a.shape().dims()[1]);
      NdArray trace = io.ndj.Nd.einsum("ij,jk,ki->", a, q, a.T());
      Check.sameValues(
          "ij,jk,ki-> (a trace)",
          new double[] {a.matmul(q).matmul(a.T()).trace().doubleValue()},
          trace.toDoubleArray(),
          1e-12);
      shapes = new long[][] {{3, 40}, {40, 3}, {3, 40}, {40, 5}};
    }
  }

  @org.junit.jupiter.api.TestFactory
  default java.util.stream.Stream<org.junit.jupiter.api.DynamicTest> einsumEllipsisMatchesNumpy() {
    return KitData.table("numpy/numpy-einsum-ellipsis.tsv").stream()
        .map(
            f ->
                org.junit.jupiter.api.DynamicTest.dynamicTest(
                    "einsum('" + f[0] + "') " + f[1],
                    () -> {
                      String[] specs = f[1].split(" ; ");
                      NdArray[] ops = new NdArray[specs.length];
                      for (int k = 0; k < specs.length; k++) {
                        String[] p = specs[k].split("\\|", -1);
                        ops[k] =
                            make(
                                p[0],
                                NumpyCasesContract.doubles(p[1]),
                                NumpyCasesContract.longs(p[2]));
                      }
                      if (f[2].equals("ERR")) {
                        Check.raisesNumpysMessage(f[0], f[3], () -> io.ndj.Nd.einsum(f[0], ops));
                        return;
                      }
                      NdArray r = io.ndj.Nd.einsum(f[0], ops);
                      org.junit.jupiter.api.Assertions.assertEquals(
                          f[2], r.dtype().toString(), f[0]);
                      org.junit.jupiter.api.Assertions.assertArrayEquals(
                          NumpyCasesContract.longs(f[3]), r.shape().dims(), f[0] + ": shape");
                      Check.sameValues(
                          f[0],
                          NumpyCasesContract.doubles(f.length > 4 ? f[4] : ""),
                          r.toDoubleArray(),
                          1e-12);
                    }));
  }

  @TestFactory
  default Stream<DynamicTest> arrayRoutinesKeepTheirDefinitions() {
    List<DynamicTest> tests = new ArrayList<>();
    for (DType t : DType.realValues()) {
      tests.add(
          check(
              "take_along_axis",
              t,
              () -> forAll(Gens.arrayNd(t, Gens.Range.ANY), c -> alongAxis(c))));
      tests.add(
          check(
              "kron",
              t,
              () -> forAll(Gens.broadcastPair(t, Gens.Range.ANY, Gens.Range.ANY), p -> kron(p))));
      tests.add(
          check(
              "unravel_index", t, () -> forAll(Gens.arrayNd(t, Gens.Range.ANY), c -> unravel(c))));
      tests.add(
          check("einsum", t, () -> forAll(Gens.arrayNd(t, Gens.Range.SMALL), c -> einsum(c))));
      tests.add(
          check(
              "partition",
              t,
              () ->
                  forAll(
                      Gens.broadcastPair(t, Gens.Range.ANY, Gens.Range.ANY), p -> partition(p))));
      if (t != DType.BOOL) {
        tests.add(
            check("histogram", t, () -> forAll(Gens.array(t, Gens.Range.ANY), c -> histogram(c))));
      }
    }
    return tests.stream();
  }

  private void alongAxis(Case c) {
    NdArray x = make(c);
    if (x.ndim() == 0) {
      return;
    }
    int axis = x.ndim() - 1;
    NdArray order = x.argsort(axis);
    Check.sameValues(
        "take_along_axis(x, argsort(x)) is sort(x) for " + c,
        x.sort(axis).astype(DType.FLOAT64).toDoubleArray(),
        Nd.takeAlongAxis(x, order, axis).astype(DType.FLOAT64).toDoubleArray(),
        0);
    NdArray target = backend().zeros(c.dtype(), x.shape().dims());
    Nd.putAlongAxis(target, order, x.sort(axis), axis);
    Check.sameValues(
        "put_along_axis(zeros, argsort(x), sort(x)) is x for " + c,
        x.astype(DType.FLOAT64).toDoubleArray(),
        target.astype(DType.FLOAT64).toDoubleArray(),
        0);
  }

  /**
   * partition and argpartition: the kth element is the sorted kth, nothing after it is smaller and
   * nothing before it larger (NaN last), on the first case; lexsort by (second, first) flattened
   * against Java's stable sort of the index pairs.
   */
  private void partition(Case[] p) {
    NdArray flat = make(p[0]).ravel();
    if (flat.size() > 0) {
      partitioned(p[0], flat);
    }
    lexsorted(p);
  }

  private void partitioned(Case c, NdArray flat) {
    int n = (int) flat.size();
    long kth = n / 2;
    double[] sorted = flat.astype(DType.FLOAT64).toDoubleArray();
    java.util.Arrays.sort(sorted);
    double[] part = Nd.partition(flat, kth, -1).astype(DType.FLOAT64).toDoubleArray();
    double[] byIndex =
        flat.take(Nd.argpartition(flat, kth, -1)).astype(DType.FLOAT64).toDoubleArray();
    for (double[] r : new double[][] {part, byIndex}) {
      Check.sameValues(
          "partition's kth element of " + c,
          new double[] {sorted[(int) kth]},
          new double[] {r[(int) kth]},
          0);
      for (int i = 0; i < n; i++) {
        int cmp = Oracle.sortOrder(r[i], sorted[(int) kth]);
        if (i < kth ? cmp > 0 : cmp < 0) {
          throw new org.opentest4j.AssertionFailedError(
              "partition of " + c + " at kth " + kth + ": element " + i + " is " + r[i]);
        }
      }
    }
  }

  private void lexsorted(Case[] p) {
    NdArray a = make(p[0]).broadcastTo(Ops.broadcast(p[0].shape(), p[1].shape())).ravel();
    NdArray b = make(p[1]).broadcastTo(Ops.broadcast(p[0].shape(), p[1].shape())).ravel();
    double[] av = a.astype(DType.FLOAT64).toDoubleArray();
    double[] bv = b.astype(DType.FLOAT64).toDoubleArray();
    Integer[] order = new Integer[av.length];
    java.util.Arrays.setAll(order, i -> i);
    // integers compare as longs (int64 values past 2^53 differ where their doubles do not)
    boolean ints = !a.dtype().isFloat();
    long[] al = ints ? a.toLongArray() : null;
    long[] bl = ints ? b.toLongArray() : null;
    // (uint64 values, held as bits, compare unsigned)
    boolean u = a.dtype() == DType.UINT64;
    java.util.Comparator<Integer> byB =
        (i, j) ->
            !ints
                ? Oracle.sortOrder(bv[i], bv[j])
                : u ? Long.compareUnsigned(bl[i], bl[j]) : Long.compare(bl[i], bl[j]);
    java.util.Comparator<Integer> byA =
        (i, j) ->
            !ints
                ? Oracle.sortOrder(av[i], av[j])
                : u ? Long.compareUnsigned(al[i], al[j]) : Long.compare(al[i], al[j]);
    java.util.Arrays.sort(order, byB.thenComparing(byA));
    assertArrayEquals(
        java.util.Arrays.stream(order).mapToLong(Integer::longValue).toArray(),
        Nd.lexsort(List.of(a, b)).toLongArray(),
        "lexsort of " + p[0] + ", " + p[1]);
  }

  /**
   * einsum on any layout: 'ij->ji' is the transpose and 'ii->i' the diagonal, exactly; 'ij,kj->ik'
   * is x @ x.T (exact for integers, within float rounding) in x's dtype.
   */
  private void einsum(Case c) {
    NdArray x = make(c);
    if (x.ndim() != 2) {
      return;
    }
    Check.sameValues(
        "einsum('ij->ji') of " + c,
        x.transpose().astype(DType.FLOAT64).toDoubleArray(),
        Nd.einsum("ij->ji", x).astype(DType.FLOAT64).toDoubleArray(),
        0);
    long[] s = x.shape().dims();
    if (s[0] == s[1]) {
      Check.sameValues(
          "einsum('ii->i') of " + c,
          x.diagonal().astype(DType.FLOAT64).toDoubleArray(),
          Nd.einsum("ii->i", x).astype(DType.FLOAT64).toDoubleArray(),
          0);
    }
    DType w = c.dtype().isFloat() ? DType.FLOAT64 : DType.INT64;
    NdArray xw = x.astype(w);
    NdArray want = xw.matmul(xw.transpose()).astype(c.dtype());
    NdArray got = Nd.einsum("ij,kj->ik", x, x);
    Check.dtypeAndShape(got, c.dtype(), new long[] {s[0], s[0]}, "einsum('ij,kj->ik') of " + c);
    Check.sameValues(
        "einsum('ij,kj->ik') of " + c,
        want.astype(DType.FLOAT64).toDoubleArray(),
        got.astype(DType.FLOAT64).toDoubleArray(),
        c.dtype() == DType.FLOAT16 ? 2e-3 : c.dtype() == DType.FLOAT32 ? 1e-5 : 1e-12);
  }

  private void kron(Case[] p) {
    NdArray a = make(p[0]).ravel();
    NdArray b = make(p[1]).ravel();
    NdArray k = Nd.kron(a, b);
    NdArray outer = a.reshape(a.size(), 1).multiply(b.reshape(1, b.size()));
    Check.dtypeAndShape(k, outer.dtype(), new long[] {a.size() * b.size()}, "kron of " + p[0]);
    Check.sameValues(
        "kron(a, b) is the flattened outer product for " + p[0] + ", " + p[1],
        outer.astype(DType.FLOAT64).toDoubleArray(),
        k.astype(DType.FLOAT64).toDoubleArray(),
        0);
  }

  private void unravel(Case c) {
    long[] shape = c.shape();
    long size = c.size();
    if (shape.length == 0 || size == 0) {
      return;
    }
    NdArray flat = backend().arange(size);
    NdArray[] coords = Nd.unravelIndex(flat, shape);
    long[] strides = new long[shape.length];
    long s = 1;
    for (int d = shape.length - 1; d >= 0; d--) {
      strides[d] = s;
      s *= shape[d];
    }
    for (int d = 0; d < shape.length; d++) {
      long[] got = coords[d].toLongArray();
      for (int i = 0; i < size; i++) {
        assertEquals(i / strides[d] % shape[d], got[i], "unravel_index of " + i + " in " + c);
      }
    }
    assertArrayEquals(
        flat.toLongArray(),
        Nd.ravelMultiIndex(coords, shape).toLongArray(),
        "ravel_multi_index(unravel_index(i)) is i for " + c);
  }

  private void histogram(Case c) {
    NdArray x = make(c);
    double[] v = x.astype(DType.FLOAT64).toDoubleArray();
    double[] range = {-50, 50};
    NdArray[] h = Nd.histogram(x, 7, range, null, false);
    double[] edges = h[1].astype(DType.FLOAT64).toDoubleArray();
    long[] counts = h[0].toLongArray();
    long[] want = new long[7];
    for (double d : v) {
      if (!(d >= edges[0] && d <= edges[7])) {
        continue; // NaN and values outside the range are not counted
      }
      int bin = 6;
      for (int i = 0; i < 7; i++) {
        if (d < edges[i + 1]) {
          bin = i;
          break;
        }
      }
      want[bin]++;
    }
    assertArrayEquals(
        want, counts, "histogram of " + c + " with edges " + java.util.Arrays.toString(edges));
  }
}
