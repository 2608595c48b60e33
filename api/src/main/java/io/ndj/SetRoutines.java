package io.ndj;

import java.util.List;

/**
 * NumPy's set routines and {@code digitize}, composed of sort, unique and searchsorted on the
 * arrays' backend: every result is sorted and flat (1-d), as NumPy's are; NaN follows {@code ==}
 * (never in a set, never equal) except that {@code unique} keeps one NaN, as NumPy's does.
 */
final class SetRoutines {
  private SetRoutines() {}

  /**
   * NumPy's {@code isin}: for each element of {@code element}, whether it equals some element of
   * {@code test} (after promotion to a common dtype); {@code invert} negates. The result has
   * element's shape.
   */
  static NdArray isin(NdArray element, NdArray test, boolean invert) {
    element.ensureOpen();
    test.ensureOpen();
    DType t = DType.promote(element.dtype, test.dtype);
    try (Scope scope = new Scope()) {
      NdArray e = element.dtype == t ? element : element.astype(t);
      NdArray values = (test.dtype == t ? test : test.astype(t)).unique();
      NdArray found;
      if (values.size() == 0) {
        found = element.backend().zeros(DType.BOOL, element.shape.clone());
      } else {
        NdArray at = values.searchsorted(e.ravel()).minimum(values.size() - 1);
        found = values.take(at).eq(e.ravel()).reshape(element.shape.clone());
      }
      return scope.keep(invert ? found.logicalNot() : found);
    }
  }

  /** NumPy's {@code intersect1d}: the sorted distinct values in both (NaN never). */
  static NdArray intersect1d(NdArray a, NdArray b) {
    try (Scope scope = new Scope()) {
      NdArray aux = Nd.concatenate(List.of(a.unique(), b.unique()), 0).sort();
      long n = aux.size();
      if (n < 2) {
        return scope.keep(aux.get(Index.slice(0, 0)).copy());
      }
      NdArray hi = aux.get(Index.slice(1, n));
      NdArray lo = aux.get(Index.slice(0, n - 1));
      return scope.keep(hi.get(hi.eq(lo)));
    }
  }

  /** NumPy's {@code union1d}: the sorted distinct values in either. */
  static NdArray union1d(NdArray a, NdArray b) {
    try (NdArray ra = a.ravel();
        NdArray rb = b.ravel();
        NdArray both = Nd.concatenate(List.of(ra, rb), 0)) {
      return both.unique();
    }
  }

  /** NumPy's {@code setdiff1d}: the sorted distinct values of a that are not in b. */
  static NdArray setdiff1d(NdArray a, NdArray b) {
    try (Scope scope = new Scope()) {
      NdArray ua = a.unique();
      return scope.keep(ua.get(isin(ua, b, true)));
    }
  }

  /** NumPy's {@code setxor1d}: the sorted distinct values in exactly one of a and b. */
  static NdArray setxor1d(NdArray a, NdArray b) {
    try (Scope scope = new Scope()) {
      NdArray aux = Nd.concatenate(List.of(a.unique(), b.unique()), 0).sort();
      long n = aux.size();
      if (n == 0) {
        return scope.keep(aux.copy());
      }
      Backend be = aux.backend();
      NdArray edge = be.ones(DType.BOOL, 1);
      NdArray differs =
          n > 1
              ? aux.get(Index.slice(1, n)).ne(aux.get(Index.slice(0, n - 1)))
              : be.zeros(DType.BOOL, 0);
      NdArray flag = Nd.concatenate(List.of(edge, differs, edge), 0);
      NdArray keep = flag.get(Index.slice(1, n + 1)).logicalAnd(flag.get(Index.slice(0, n)));
      return scope.keep(aux.get(keep));
    }
  }

  /**
   * NumPy's {@code digitize}: the index of the bin each x falls in, for monotonically increasing or
   * decreasing 1-d {@code bins} (int64); {@code right} closes bins on the right.
   *
   * @throws IllegalArgumentException "bins must be monotonically increasing or decreasing"
   */
  static NdArray digitize(NdArray x, NdArray bins, boolean right) {
    x.ensureOpen();
    bins.ensureOpen();
    if (bins.ndim() != 1) {
      throw new IllegalArgumentException("object too deep for desired array");
    }
    long n = bins.size();
    try (Scope scope = new Scope()) {
      boolean increasing = true;
      boolean decreasing = false;
      if (n > 1) {
        NdArray hi = bins.get(Index.slice(1, n));
        NdArray lo = bins.get(Index.slice(0, n - 1));
        increasing = hi.ge(lo).all().booleanValue();
        decreasing = !increasing && hi.le(lo).all().booleanValue();
        if (!increasing && !decreasing) {
          throw new IllegalArgumentException("bins must be monotonically increasing or decreasing");
        }
      }
      // NumPy swaps the side: right=False searches the right side
      if (increasing) {
        return scope.keep(bins.searchsorted(x, !right));
      }
      NdArray reversed = bins.get(Index.slice(null, null, -1L));
      return scope.keep(Nd.subtract(n, reversed.searchsorted(x, !right)));
    }
  }
}
