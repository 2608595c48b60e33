package io.ndj;

import io.ndj.spi.ScanOp;

/** sort, argsort, unique, searchsorted, and the scans. */
final class Sorting {
  private Sorting() {}

  static NdArray sort(NdArray x, Integer axis) {
    x.ensureOpen();
    if (axis == null) {
      try (NdArray flat = x.ravel()) {
        return sort(flat, 0);
      }
    }
    if (x.ndim() == 0) {
      throw new IllegalArgumentException("Cannot sort a 0-d array");
    }
    int ax = Axes.normalize(axis, x.ndim());
    if (x.dtype.isComplex()) {
      try (NdArray order = argsort(x, ax)) {
        return Nd.takeAlongAxis(x, order, ax);
      }
    }
    if (x.dtype.isFloat() && bothZeros(x)) {
      // NumPy compares -0.0 and 0.0 equal and its sorts keep equal values in order; the kernels
      // order by bits (-0.0 first): gather by the stable argsort, which compares them as NumPy does
      try (NdArray order = argsort(x, ax)) {
        return Nd.takeAlongAxis(x, order, ax);
      }
    }
    // compute closes the output when the kernel fails (its working memory ran out)
    return NdArray.compute(
        x.backend(), x.dtype, x.shape.clone(), o -> new Kernel(x.backend()).sort(o, x, ax));
  }

  /**
   * NumPy's {@code partition} of x along {@code ax} (normalized) at {@code kth} (checked: in range,
   * negative from the end): the backend's own selection where it has one, else a sort (a sort is a
   * partition). Complex and bool input sort. Where -0.0 and 0.0 both occur, their order is the
   * selection's, as in NumPy.
   */
  static NdArray partition(NdArray x, long[] kth, int ax) {
    long n = x.shape[ax];
    long[] ks =
        java.util.Arrays.stream(kth).map(k -> k < 0 ? k + n : k).sorted().distinct().toArray();
    if (x.dtype.isComplex() || x.dtype.isBool()) {
      return sort(x, ax);
    }
    boolean[] done = new boolean[1];
    NdArray out =
        NdArray.compute(
            x.backend(),
            x.dtype,
            x.shape.clone(),
            o -> done[0] = new Kernel(x.backend()).partition(o, x, ax, ks));
    if (done[0]) {
      return out;
    }
    out.close();
    return sort(x, ax);
  }

  /**
   * The sorted places of each row of a 2-d array that a statistic reads (median, the quantiles):
   * {@code values} holds them as columns in the order of {@code places}, or, where {@code places}
   * is null, is the rows sorted or partitioned whole.
   */
  record Ordered(NdArray values, long[] places) {
    /** Sorted place {@code k} of every row: a view of one column. */
    NdArray at(long k) {
      long column = places == null ? k : java.util.Arrays.binarySearch(places, k);
      return values.get(Index.all(), Index.at(column));
    }
  }

  /**
   * The sorted places {@code kth} (in range, not negative) of each row of the 2-d {@code rows}: the
   * values the backend selects there where it can ({@link Kernel#select}: no partitioned copy of
   * the data), else a partition of the rows.
   */
  static Ordered ordered(NdArray rows, long[] kth) {
    long[] ks = java.util.Arrays.stream(kth).sorted().distinct().toArray();
    if (!rows.dtype.isComplex() && !rows.dtype.isBool()) {
      boolean[] done = new boolean[1];
      NdArray picked =
          NdArray.compute(
              rows.backend(),
              rows.dtype,
              new long[] {rows.shape[0], ks.length},
              o -> done[0] = new Kernel(rows.backend()).select(o, rows, ks));
      if (done[0]) {
        return new Ordered(picked, ks);
      }
      picked.close();
    }
    return new Ordered(partition(rows, ks, 1), null);
  }

  /**
   * Whether x holds both -0.0 and 0.0: one compare and reduction where x has no zeros (most data),
   * against a sort's n log n.
   */
  private static boolean bothZeros(NdArray x) {
    try (Scope scope = new Scope()) {
      NdArray zero = x.eq(0.0);
      if (!zero.any().booleanValue()) {
        return false;
      }
      NdArray neg = zero.logicalAnd(x.signbit());
      if (!neg.any().booleanValue()) {
        return false;
      }
      return zero.logicalAnd(neg.logicalNot()).any().booleanValue();
    }
  }

  static NdArray argsort(NdArray x, Integer axis) {
    x.ensureOpen();
    if (axis == null) {
      try (NdArray flat = x.ravel()) {
        return argsort(flat, 0);
      }
    }
    if (x.ndim() == 0) {
      return x.backend().zeros(DType.INT64);
    }
    int ax = Axes.normalize(axis, x.ndim());
    if (x.dtype.isComplex()) {
      // NumPy's complex order: by real part, then imaginary part, NaN parts last (lexsort's
      // last key is the primary one; its sorts are stable and put NaN last)
      try (NdArray re = x.real();
          NdArray im = x.imag()) {
        return ArrayRoutines.lexsort(java.util.List.of(im, re), ax);
      }
    }
    return NdArray.compute(
        x.backend(), DType.INT64, x.shape.clone(), o -> new Kernel(x.backend()).argsort(o, x, ax));
  }

  static NdArray searchsorted(NdArray sorted, NdArray values, boolean right) {
    sorted.ensureOpen();
    values.ensureOpen();
    if (sorted.ndim() != 1) {
      throw new IllegalArgumentException("object too deep for desired array");
    }
    if (sorted.backend() != values.backend()) {
      throw Ufunc.mixed(sorted, values);
    }
    DType t = DType.promote(sorted.dtype, values.dtype);
    try (Scope scope = new Scope()) {
      NdArray s = sorted.dtype == t ? sorted : sorted.astype(t);
      NdArray v = values.dtype == t ? values : values.astype(t);
      NdArray out = NdArray.allocate(sorted.backend(), DType.INT64, values.shape.clone());
      new Kernel(sorted.backend()).searchsorted(out, s, v, right);
      return scope.keep(out);
    }
  }

  /**
   * The sorted distinct values alone: a sort and one mask of the sorted copy, no argsort and none
   * of the int64 arrays {@link #unique} builds for indices and counts (17 GiB more for 2^31 int8s).
   */
  static NdArray uniqueValues(NdArray x) {
    x.ensureOpen();
    if (x.dtype.isFloat()) {
      // equal floats may differ (-0.0 and 0.0): the first in a stable order is NumPy's, which a
      // backend's sort need not keep; the argsort is stable
      try (Unique u = unique(x)) {
        return u.values().view(u.values().shape, u.values().strides, u.values().offset, true);
      }
    }
    try (Scope scope = new Scope()) {
      NdArray sorted = sort(x, null);
      long n = sorted.size();
      if (n == 0) {
        return scope.keep(sorted);
      }
      return scope.keep(sorted.get(Index.of(firstOfRuns(sorted))));
    }
  }

  /**
   * Where each run of equal values of the sorted 1-d array starts (NaNs, which NumPy 2 collapses
   * into one, count as equal).
   */
  private static NdArray firstOfRuns(NdArray sorted) {
    long n = sorted.size();
    NdArray first = NdArray.allocate(sorted.backend(), DType.BOOL, new long[] {n});
    if (n > 0) {
      first.set("0", 1);
      NdArray next = sorted.get("1:");
      NdArray prev = sorted.get(":-1");
      NdArray differ = next.ne(prev);
      if (sorted.dtype.isFloat()) {
        NdArray bothNan = next.isnan().logicalAnd(prev.isnan());
        differ = differ.logicalAnd(bothNan.logicalNot());
      }
      first.set("1:", differ);
      differ.close();
    }
    return first;
  }

  static Unique unique(NdArray x) {
    x.ensureOpen();
    try (Scope scope = new Scope()) {
      NdArray flat = x.ravel();
      long n = flat.size();
      NdArray perm = argsort(flat, 0);
      NdArray sorted = flat.get(Index.of(perm));
      NdArray first = firstOfRuns(sorted);
      NdArray values = sorted.get(Index.of(first));
      NdArray index = perm.get(Index.of(first));
      NdArray ids = first.cumsum(0).subtract(1L);
      NdArray inverse = NdArray.allocate(x.backend(), DType.INT64, new long[] {n});
      if (n > 0) {
        inverse.set(new Index[] {Index.of(perm)}, ids);
      }
      NdArray starts = Selection.argwhere(first).reshape(-1);
      NdArray ends =
          Joins.concatenate(
              new NdArray[] {starts.get("1:"), x.backend().full(n, DType.INT64, 1)}, 0);
      NdArray counts = ends.subtract(starts);
      return new Unique(
          scope.keep(values),
          scope.keep(index),
          scope.keep(inverse.reshape(x.shape)),
          scope.keep(counts));
    }
  }

  static NdArray scan(ScanOp op, NdArray x, Integer axis) {
    x.ensureOpen();
    if (axis == null) {
      try (NdArray flat = x.ravel()) {
        return scan(op, flat, 0);
      }
    }
    int ax = Axes.normalize(axis, Math.max(x.ndim(), 1));
    if (x.dtype.isComplex() && op == ScanOp.CUMSUM && x.ndim() > 0) {
      // a running sum runs on each part alone
      try (NdArray re = x.real();
          NdArray im = x.imag();
          NdArray sr = scan(op, re, ax);
          NdArray si = scan(op, im, ax)) {
        return ComplexMath.assemble(sr, si, x.dtype);
      }
    }
    if (x.dtype.isComplex() && op == ScanOp.CUMPROD && x.ndim() > 0) {
      return ComplexMath.cumprod(x, ax);
    }
    DType out = x.dtype.isComplex() ? x.dtype : x.dtype.accumulator();
    NdArray r = NdArray.allocate(x.backend(), out, x.shape.clone());
    if (x.ndim() == 0) {
      new Kernel(x.backend()).copy(r, x);
      return r;
    }
    new Kernel(x.backend()).scan(op, r, x, ax);
    return r;
  }
}
