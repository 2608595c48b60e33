package io.ndj;

import io.ndj.spi.ReduceOp;
import java.util.List;

/**
 * NumPy's NaN-aware reductions and order statistics, composed of SPI ops so that every backend runs
 * them on its own device (nothing goes through the host): NaN is replaced by the operation's
 * identity, counts come from {@code isnan}, and quantiles put the places they read in sorted order
 * (a partition where every slice has n values, a sort where NaN are ignored; NaN last) and gather
 * the neighbours of NumPy's virtual index with per-row flat indices. Each function follows NumPy
 * 2's implementation step by step ({@code _nanfunctions_impl}, {@code _quantile}, {@code _lerp},
 * {@code _median}), so results match its digits and its dtypes.
 */
final class Statistics {
  private Statistics() {}

  /** The quantile methods NumPy 2 accepts, in its order (its error message lists them so). */
  static final List<String> METHODS =
      List.of(
          "inverted_cdf",
          "averaged_inverted_cdf",
          "closest_observation",
          "interpolated_inverted_cdf",
          "hazen",
          "weibull",
          "linear",
          "median_unbiased",
          "normal_unbiased",
          "lower",
          "higher",
          "midpoint",
          "nearest");

  // ---- NaN-aware reductions: NaN replaced by the identity; integers and bools have no NaN ----

  /**
   * {@code x} with NaN replaced by {@code value} (a new array), or {@code x} itself for non-float
   * dtypes.
   */
  private static NdArray replaceNaN(NdArray x, double value) {
    if (!x.dtype.isFloat()) {
      return x;
    }
    try (NdArray nan = x.isnan();
        NdArray v = x.backend().full(value, x.dtype)) {
      return Selection.where(nan, v, x);
    }
  }

  static NdArray nansum(NdArray x, int[] axes, boolean keepdims) {
    try (Scope scope = new Scope()) {
      return scope.keep(Reductions.reduce(ReduceOp.SUM, replaceNaN(x, 0), axes, keepdims, null));
    }
  }

  static NdArray nanprod(NdArray x, int[] axes, boolean keepdims) {
    try (Scope scope = new Scope()) {
      return scope.keep(Reductions.reduce(ReduceOp.PROD, replaceNaN(x, 1), axes, keepdims, null));
    }
  }

  /** Non-NaN count over {@code axes}, int64. */
  private static NdArray count(NdArray x, int[] axes, boolean keepdims) {
    try (NdArray nan = x.isnan();
        NdArray valid = nan.logicalNot()) {
      return Reductions.reduce(ReduceOp.SUM, valid, axes, keepdims, DType.INT64);
    }
  }

  /** NumPy's {@code _divide_by_count}: the float64 quotient stored back in the dividend's dtype. */
  private static NdArray divideByCount(NdArray total, NdArray count) {
    try (NdArray q = total.divide(count)) {
      return q.astype(total.dtype);
    }
  }

  static NdArray nanmean(NdArray x, int[] axes, boolean keepdims) {
    if (!x.dtype.isFloat()) {
      return Reductions.mean(x, axes, keepdims, null);
    }
    try (Scope scope = new Scope()) {
      NdArray total = nansum(x, axes, keepdims);
      return scope.keep(divideByCount(total, count(x, axes, keepdims)));
    }
  }

  /**
   * NumPy's {@code _nanvar}: the mean of the non-NaN values (kept dims), deviations with NaN
   * zeroed, squared and summed in the input's dtype, divided by {@code count - ddof}; NaN where
   * that is not positive.
   */
  static NdArray nanvar(NdArray x, int[] axes, int ddof, boolean keepdims, boolean sqrt) {
    if (!x.dtype.isFloat()) {
      return Reductions.var(x, axes, ddof, keepdims, sqrt);
    }
    try (Scope scope = new Scope()) {
      int[] ax = Axes.normalize(axes, x.ndim());
      NdArray arr = replaceNaN(x, 0);
      NdArray cntKept = count(x, ax, true);
      NdArray avg = divideByCount(Reductions.reduce(ReduceOp.SUM, arr, ax, true, null), cntKept);
      NdArray dev = Selection.where(x.isnan(), x.backend().zeros(x.dtype), arr.subtract(avg));
      NdArray var = Reductions.reduce(ReduceOp.SUM, dev.multiply(dev), ax, keepdims, null);
      NdArray dof = count(x, ax, keepdims).subtract(ddof);
      NdArray v =
          Selection.where(
              dof.le(0), x.backend().full(Double.NaN, x.dtype), divideByCount(var, dof));
      return scope.keep(sqrt ? v.sqrt() : v);
    }
  }

  /** nanmin/nanmax: NumPy's fmin/fmax reductions, NaN only where a whole slice is NaN. */
  static NdArray nanMinMax(NdArray x, int[] axes, boolean keepdims, boolean max) {
    int[] ax = Axes.normalize(axes, x.ndim());
    if (anyEmpty(x, ax)) {
      throw new IllegalArgumentException(
          "zero-size array to reduction operation "
              + (max ? "fmax" : "fmin")
              + " which has no identity");
    }
    if (!x.dtype.isFloat()) {
      return Reductions.reduce(max ? ReduceOp.MAX : ReduceOp.MIN, x, ax, keepdims, null);
    }
    try (Scope scope = new Scope()) {
      NdArray r =
          Reductions.reduce(
              max ? ReduceOp.MAX : ReduceOp.MIN,
              replaceNaN(x, max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY),
              ax,
              keepdims,
              null);
      NdArray allNaN = Reductions.reduce(ReduceOp.ALL, x.isnan(), ax, keepdims, null);
      return scope.keep(Selection.where(allNaN, x.backend().full(Double.NaN, x.dtype), r));
    }
  }

  private static boolean anyEmpty(NdArray x, int[] ax) {
    for (int a : ax) {
      if (x.shape[a] == 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * nanargmin/nanargmax: NaN counts as +inf (-inf for max); a slice of only NaN is an error, as in
   * NumPy.
   */
  static NdArray nanArg(NdArray x, Integer axis, boolean keepdims, boolean max) {
    if (!x.dtype.isFloat()) {
      return Reductions.arg(max ? ReduceOp.ARGMAX : ReduceOp.ARGMIN, x, axis, keepdims);
    }
    try (Scope scope = new Scope()) {
      if (x.size() > 0) {
        NdArray allNaN = axis == null ? x.isnan().all() : x.isnan().all(axis);
        if (allNaN.any().booleanValue()) {
          throw new IllegalArgumentException("All-NaN slice encountered");
        }
      }
      NdArray filled = replaceNaN(x, max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
      return scope.keep(
          Reductions.arg(max ? ReduceOp.ARGMAX : ReduceOp.ARGMIN, filled, axis, keepdims));
    }
  }

  static NdArray nanScan(NdArray x, Integer axis, boolean product) {
    try (Scope scope = new Scope()) {
      NdArray filled = replaceNaN(x, product ? 1 : 0);
      return scope.keep(
          Sorting.scan(
              product ? io.ndj.spi.ScanOp.CUMPROD : io.ndj.spi.ScanOp.CUMSUM, filled, axis));
    }
  }

  // ---- order statistics ----

  /**
   * {@code x} as C-contiguous rows: the kept axes (in order) times the reduced ones, so each row is
   * one slice; and the shape of a per-row result, with length-1 axes in place of the reduced ones
   * when {@code keepdims}.
   */
  private record Rows(NdArray rows, long m, long n, long[] resultShape) {}

  private static Rows rows(NdArray x, int[] axes, boolean keepdims) {
    int nd = x.ndim();
    int[] ax = Axes.normalize(axes, nd);
    boolean[] reduced = new boolean[nd];
    for (int a : ax) {
      reduced[a] = true;
    }
    int[] perm = new int[nd];
    int k = 0;
    long m = 1;
    long n = 1;
    long[] kept = new long[nd - ax.length];
    for (int i = 0; i < nd; i++) {
      if (!reduced[i]) {
        kept[k] = x.shape[i];
        perm[k++] = i;
        m *= x.shape[i];
      }
    }
    for (int a : ax) {
      perm[k++] = a;
      n *= x.shape[a];
    }
    long[] shape = kept;
    if (keepdims) {
      shape = x.shape.clone();
      for (int a : ax) {
        shape[a] = 1;
      }
    }
    try (NdArray t = x.transpose(perm)) {
      return new Rows(t.reshape(m, n), m, n, shape);
    }
  }

  /**
   * The method's virtual index for {@code cnt} values per row (float64, NaN-free counts), as NumPy
   * computes it.
   */
  private static NdArray virtualIndex(String method, NdArray cnt, double q) {
    return switch (method) {
      case "linear" -> cnt.subtract(1).multiply(q);
      case "lower" -> cnt.subtract(1).multiply(q).floor();
      case "higher" -> cnt.subtract(1).multiply(q).ceil();
      case "nearest" -> cnt.subtract(1).multiply(q).rint();
      case "midpoint" -> {
        NdArray v = cnt.subtract(1).multiply(q);
        yield v.floor().add(v.ceil()).multiply(0.5);
      }
      case "interpolated_inverted_cdf" -> continuous(cnt, q, 0, 1);
      case "hazen" -> continuous(cnt, q, 0.5, 0.5);
      case "weibull" -> continuous(cnt, q, 0, 0);
      case "median_unbiased" -> continuous(cnt, q, 1 / 3.0, 1 / 3.0);
      case "normal_unbiased" -> continuous(cnt, q, 3 / 8.0, 3 / 8.0);
      case "averaged_inverted_cdf" -> cnt.multiply(q).subtract(1);
      case "inverted_cdf" -> discrete(cnt.multiply(q).subtract(1), false);
      case "closest_observation" -> discrete(cnt.multiply(q).subtract(1).subtract(0.5), true);
      default -> throw new IllegalArgumentException(badMethod(method));
    };
  }

  static String badMethod(String method) {
    return "'"
        + method
        + "' is not a valid method. Use one of: dict_keys(['"
        + String.join("', '", METHODS)
        + "'])";
  }

  /** NumPy's {@code _compute_virtual_index}: {@code n*q + (alpha + q*(1 - alpha - beta)) - 1}. */
  private static NdArray continuous(NdArray cnt, double q, double alpha, double beta) {
    return cnt.multiply(q).add(alpha + q * (1 - alpha - beta)).subtract(1);
  }

  /**
   * NumPy's {@code _discrete_interpolation_to_boundaries}: the index below where the fractional
   * part is 0 (and, for closest_observation, the index below is odd: the nearest even order
   * statistic, counted from 1), else the one above; never below 0.
   */
  private static NdArray discrete(NdArray index, boolean oddBelow) {
    NdArray previous = index.floor();
    NdArray gamma = index.subtract(previous);
    NdArray below = gamma.eq(0);
    if (oddBelow) {
      below = below.logicalAnd(previous.mod(2).eq(1));
    }
    NdArray r = Selection.where(below, previous, previous.add(1));
    return r.maximum(0);
  }

  private static boolean integerIndex(String method) {
    return switch (method) {
      case "lower", "higher", "nearest", "inverted_cdf", "closest_observation" -> true;
      default -> false;
    };
  }

  /**
   * The quantiles of each row of {@code s} (sorted, NaN last, {@code cnt} valid values per row) at
   * {@code q}: a (m,) array. {@code weak} says q was a Python float (the interpolation then runs in
   * the input's float dtype).
   */
  private static NdArray rowQuantile(
      Rows r, NdArray sorted, NdArray cnt, double q, String method, boolean weak) {
    Backend b = sorted.backend();
    // a slice of only NaN (count 0) is answered NaN by the caller; counted as 1 here, so every
    // index stays in range
    NdArray cntF = cnt.maximum(1).astype(DType.FLOAT64);
    NdArray vi = virtualIndex(method, cntF, q);
    NdArray base = b.arange(r.m()).multiply(r.n());
    NdArray flat = sorted.reshape(-1);
    if (integerIndex(method)) {
      return gather(flat, base.add(vi.astype(DType.INT64)));
    }
    NdArray last = cntF.subtract(1);
    NdArray above = vi.ge(last);
    NdArray below = vi.lt(0);
    NdArray floor = vi.floor();
    NdArray prev =
        Selection.where(above, last, Selection.where(below, b.zeros(DType.FLOAT64), floor));
    // NumPy's gamma uses the index it gathers with: -1 (the last) above the range, 0 below it
    NdArray prevForGamma = Selection.where(above, b.full(-1.0), prev);
    NdArray next = Selection.where(above.logicalOr(below), prev, prev.add(1));
    NdArray gamma = vi.subtract(prevForGamma);
    if (method.equals("midpoint")) {
      gamma = Selection.where(vi.mod(1).eq(0), b.zeros(DType.FLOAT64), b.full(0.5));
    } else if (method.equals("averaged_inverted_cdf")) {
      gamma = Selection.where(gamma.eq(0), b.full(0.5), b.full(1.0));
    }
    NdArray lo = gather(flat, base.add(prev.astype(DType.INT64)));
    NdArray hi = gather(flat, base.add(next.astype(DType.INT64)));
    DType t = sorted.dtype.isFloat() ? sorted.dtype : DType.FLOAT64;
    NdArray g = weak ? gamma.astype(t) : gamma;
    NdArray oneMinus = weak ? Nd.subtract(1, gamma).astype(t) : Nd.subtract(1, gamma);
    return lerp(lo, hi, g, oneMinus, gamma.ge(0.5));
  }

  /**
   * NumPy's {@code _lerp}: {@code a + (b-a)*t}, or {@code b - (b-a)*(1-t)} where {@code t >= 0.5}.
   */
  private static NdArray lerp(NdArray a, NdArray b, NdArray t, NdArray oneMinusT, NdArray upper) {
    NdArray diff = b.subtract(a);
    NdArray low = a.add(diff.multiply(t));
    NdArray high = b.subtract(diff.multiply(oneMinusT));
    return Selection.where(upper, high, low);
  }

  /**
   * quantile/nanquantile of {@code x} at each of {@code qs} over {@code axes}; {@code weak} for a
   * single Java double (NumPy's Python float), which returns one array of the input's float dtype
   * instead of a stack.
   */
  static NdArray quantile(
      NdArray x,
      double[] qs,
      boolean weak,
      int[] axes,
      boolean keepdims,
      String method,
      boolean ignoreNaN,
      String what) {
    x.ensureOpen();
    for (double q : qs) {
      if (!(q >= 0 && q <= 1)) {
        throw new IllegalArgumentException(
            what.equals("percentile")
                ? "Percentiles must be in the range [0, 100]"
                : "Quantiles must be in the range [0, 1]");
      }
    }
    if (!METHODS.contains(method)) {
      throw new IllegalArgumentException(badMethod(method));
    }
    if (ignoreNaN && x.size() == 0) {
      return nanmean(x, axes, keepdims); // NumPy deals with empty arrays so, before any q
    }
    try (Scope scope = new Scope()) {
      Rows r = rows(x, axes, keepdims);
      boolean floats = x.dtype.isFloat();
      if (r.n() == 0 && !(ignoreNaN && floats)) {
        throw emptySlice(x.backend(), floats, method, qs[0]);
      }
      NdArray cnt = ignoreNaN && floats ? count(r.rows(), new int[] {1}, false) : null;
      // the count of values every slice holds (n; where NaN are ignored, the c that are not NaN
      // when all slices hold the same c), or -1: then only the neighbours of each q's index (and
      // the last, for NaN) need their sorted places, as NaN sorts last
      long uniform = cnt == null ? r.n() : -1;
      if (cnt != null && r.n() > 0 && r.m() > 0) {
        long c = cnt.max().longValue();
        uniform = c > 0 && c == cnt.min().longValue() ? c : -1;
      }
      Sorting.Ordered sorted;
      double[] vis = new double[qs.length]; // each q's virtual index, read once
      if (uniform <= 0) {
        sorted = new Sorting.Ordered(r.rows().sort(1), null);
      } else {
        long[] kth = new long[2 * qs.length + 1];
        for (int i = 0; i < qs.length; i++) {
          vis[i] = uniformIndex(x.backend(), uniform, qs[i], method);
          long[] at = neighbours(vis[i], uniform, method);
          kth[2 * i] = at[0];
          kth[2 * i + 1] = at[1];
        }
        kth[2 * qs.length] = uniform - 1;
        sorted = Sorting.ordered(r.rows(), kth);
      }
      // NumPy: a slice holding NaN gives NaN (its last sorted value); nanquantile: a slice of only
      // NaN
      NdArray bad =
          !floats || r.n() == 0 ? null : ignoreNaN ? cnt.eq(0) : sorted.at(r.n() - 1).isnan();
      NdArray[] results = new NdArray[qs.length];
      for (int i = 0; i < qs.length; i++) {
        NdArray v =
            r.n() == 0
                ? x.backend().full(Double.NaN, floats ? x.dtype : DType.FLOAT64, r.m())
                : uniform > 0
                    ? uniformQuantile(uniform, sorted, vis[i], method, weak)
                    : rowQuantile(r, sorted.values(), cnt, qs[i], method, weak);
        if (bad != null) {
          v = Selection.where(bad, x.backend().full(Double.NaN, v.dtype), v);
        }
        if (!weak && floats && !integerIndex(method)) {
          v =
              v.astype(
                  ignoreNaN && firstSliceAllNaN(cnt)
                      ? x.dtype
                      : DType.promote(x.dtype, DType.FLOAT64));
        }
        results[i] = v.reshape(r.resultShape());
      }
      return scope.keep(weak ? results[0] : Joins.stack(results, 0));
    }
  }

  /**
   * NumPy's error for the quantile of an empty slice, which comes from the first index its steps
   * read: the last element (floats, checked for NaN), the take of an integer index, or the lower
   * neighbour of the virtual index.
   */
  private static IndexOutOfBoundsException emptySlice(
      Backend b, boolean floats, String method, double q) {
    if (!floats && integerIndex(method)) {
      return new IndexOutOfBoundsException("cannot do a non-empty take from an empty axes.");
    }
    int index = -1;
    if (!floats) {
      try (Scope scope = new Scope()) {
        index = virtualIndex(method, b.zeros(DType.FLOAT64), q).doubleValue() < 0 ? 0 : -1;
      }
    }
    return new IndexOutOfBoundsException(
        "index " + index + " is out of bounds for axis 0 with size 0");
  }

  /**
   * nanquantile with an array of q builds its result with apply_along_axis, whose dtype is the
   * first slice's: the input's float dtype when that slice is only NaN, float64 otherwise. NumPy's
   * quirk, kept.
   */
  private static boolean firstSliceAllNaN(NdArray cnt) {
    try (NdArray first = cnt.get(0)) {
      return first.longValue() == 0;
    }
  }

  /** The middle value of slices of n sorted values, or the mean of the two, summed in sumType. */
  private static NdArray middle(Sorting.Ordered o, long n, DType sumType) {
    NdArray lo = o.at((n - 1) / 2).astype(sumType);
    return n % 2 == 1 ? lo : lo.add(o.at(n / 2).astype(sumType)).divide(2);
  }

  /**
   * {@code flat[idx]} for indices known to be in range (no bounds check, which would read to the
   * host).
   */
  private static NdArray gather(NdArray flat, NdArray idx) {
    return NdArray.compute(
        flat.backend(),
        flat.dtype,
        idx.shape.clone(),
        o -> new Kernel(flat.backend()).gather(o, flat, idx));
  }

  /** q's virtual index in slices of n values: the same arithmetic as the per-row path's. */
  private static double uniformIndex(Backend b, long n, double q, String method) {
    try (NdArray cnt = b.full(n, DType.FLOAT64);
        NdArray v = virtualIndex(method, cnt, q)) {
      return v.doubleValue();
    }
  }

  /**
   * The two sorted places {@link #uniformQuantile} reads at virtual index vi: the integer index
   * twice for the discrete methods, else vi's neighbours, clamped to the slice.
   */
  private static long[] neighbours(double vi, long n, String method) {
    if (integerIndex(method)) {
      long k = Math.max(0, Math.min(n - 1, (long) vi));
      return new long[] {k, k};
    }
    double last = n - 1;
    boolean above = vi >= last;
    boolean below = vi < 0;
    double prev = above ? last : below ? 0 : Math.floor(vi);
    double next = above || below ? prev : prev + 1;
    return new long[] {(long) prev, (long) next};
  }

  /**
   * NumPy's quantile at virtual index vi ({@link #uniformIndex}) when every slice has the same n
   * values (nanquantile too where the counts agree): gamma is a scalar, the neighbours are two
   * columns of the sorted rows, and the interpolation runs with gamma as a weak scalar (a Python
   * float) or, for an array of q, a float64 0-d array, as in NumPy.
   */
  private static NdArray uniformQuantile(
      long n, Sorting.Ordered sorted, double vi, String method, boolean weak) {
    Backend b = sorted.values().backend();
    if (integerIndex(method)) {
      return sorted.at((long) vi);
    }
    long[] at = neighbours(vi, n, method);
    double prev = at[0];
    double next = at[1];
    boolean above = vi >= n - 1;
    double gamma = vi - (above ? -1 : prev);
    if (method.equals("midpoint")) {
      gamma = vi % 1 == 0 ? 0 : 0.5;
    } else if (method.equals("averaged_inverted_cdf")) {
      gamma = gamma == 0 ? 0.5 : 1.0;
    }
    NdArray lo = sorted.at((long) prev);
    NdArray hi = sorted.at((long) next);
    NdArray diff = hi.subtract(lo);
    if (weak) {
      return gamma >= 0.5 ? hi.subtract(diff.multiply(1 - gamma)) : lo.add(diff.multiply(gamma));
    }
    return gamma >= 0.5
        ? hi.subtract(diff.multiply(b.full(1 - gamma, DType.FLOAT64)))
        : lo.add(diff.multiply(b.full(gamma, DType.FLOAT64)));
  }

  /**
   * median/nanmedian: the mean of the middle one or two values of each sorted slice, as NumPy's
   * {@code _median} takes it (summed in the input's float dtype, float64 for integers, then
   * halved); NaN where a slice holds NaN (median) or only NaN (nanmedian) or nothing.
   */
  static NdArray median(NdArray x, int[] axes, boolean keepdims, boolean ignoreNaN) {
    x.ensureOpen();
    try (Scope scope = new Scope()) {
      Rows r = rows(x, axes, keepdims);
      Backend b = x.backend();
      boolean floats = x.dtype.isFloat();
      DType t = floats ? x.dtype : DType.FLOAT64;
      if (r.n() == 0) {
        return scope.keep(b.full(Double.NaN, t, r.resultShape()));
      }
      long n0 = r.n();
      NdArray cnt = ignoreNaN && floats ? count(r.rows(), new int[] {1}, false) : null;
      // NumPy's mean sums float16 in float32, integers and bools in float64
      DType sumType = t == DType.FLOAT16 ? DType.FLOAT32 : t;
      if (cnt == null) {
        // every slice has n values: the middle ones, and the last (NaN sorts last)
        Sorting.Ordered o = Sorting.ordered(r.rows(), new long[] {(n0 - 1) / 2, n0 / 2, n0 - 1});
        NdArray v = middle(o, n0, sumType).astype(t);
        if (floats) {
          v = Selection.where(o.at(n0 - 1).isnan(), b.full(Double.NaN, t), v);
        }
        return scope.keep(v.reshape(r.resultShape()));
      }
      NdArray sorted;
      if (r.m() == 0) {
        sorted = r.rows();
      } else {
        // NaN sorts last: where every slice holds c values, the middle ones of c are selection's
        long c = cnt.max().longValue();
        if (c > 0 && c == cnt.min().longValue()) {
          Sorting.Ordered o = Sorting.ordered(r.rows(), new long[] {(c - 1) / 2, c / 2});
          return scope.keep(middle(o, c, sumType).astype(t).reshape(r.resultShape()));
        }
        sorted = r.rows().sort(1);
      }
      NdArray base = b.arange(r.m()).multiply(r.n());
      NdArray safe = cnt.maximum(1);
      NdArray loIdx = safe.subtract(1).floorDivide(2);
      NdArray hiIdx = safe.floorDivide(2);
      NdArray flat = sorted.reshape(-1);
      NdArray lo = gather(flat, base.add(loIdx)).astype(sumType);
      NdArray hi = gather(flat, base.add(hiIdx)).astype(sumType);
      NdArray v = Selection.where(loIdx.eq(hiIdx), lo, lo.add(hi).divide(2)).astype(t);
      v = Selection.where(cnt.eq(0), b.full(Double.NaN, t), v);
      return scope.keep(v.reshape(r.resultShape()));
    }
  }
}
