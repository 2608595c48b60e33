package io.ndj;

import java.util.Arrays;
import java.util.List;

/**
 * NumPy's array-building and index routines composed of ndj ops, step for step as NumPy writes them
 * so that dtypes, shapes, digits and messages match: geomspace, meshgrid, indices, diagflat, kron,
 * broadcast_arrays, take_along_axis, put_along_axis, unravel_index, ravel_multi_index, select,
 * extract, delete, trim_zeros, ediff1d and histogram.
 */
final class ArrayRoutines {
  private ArrayRoutines() {}

  /**
   * NumPy's {@code geomspace}: {@code logspace} of the logs of |start| and |stop| with their sign,
   * its endpoints set to start and stop exactly.
   */
  static NdArray geomspace(Backend b, double start, double stop, long num, boolean endpoint) {
    if (start == 0 || stop == 0) {
      throw new IllegalArgumentException("Geometric sequence cannot include zero");
    }
    double sign = Math.signum(start);
    try (Scope scope = new Scope()) {
      NdArray r =
          b.logspace(Math.log10(start / sign), Math.log10(stop / sign), num, endpoint, 10.0);
      if (num > 0) {
        r.set("0", start / sign);
        if (num > 1 && endpoint) {
          r.set("-1", stop / sign);
        }
      }
      return scope.keep(r.multiply(sign));
    }
  }

  /**
   * NumPy's {@code meshgrid}: coordinate arrays of every input's values along its own axis ('xy':
   * the first two axes swapped, NumPy's default; 'ij': matrix order), broadcast to full copies, or
   * left as broadcastable views when {@code sparse}.
   */
  static NdArray[] meshgrid(String indexing, boolean sparse, NdArray... xs) {
    if (!indexing.equals("xy") && !indexing.equals("ij")) {
      throw new IllegalArgumentException("Valid values for `indexing` are 'xy' and 'ij'.");
    }
    int n = xs.length;
    NdArray[] out = new NdArray[n];
    try (Scope scope = new Scope()) {
      long[] full = new long[n];
      for (int i = 0; i < n; i++) {
        full[i] = xs[i].size();
      }
      if (indexing.equals("xy") && n > 1) {
        long t = full[0];
        full[0] = full[1];
        full[1] = t;
      }
      for (int i = 0; i < n; i++) {
        long[] s = new long[n];
        Arrays.fill(s, 1);
        int at = indexing.equals("xy") && n > 1 && i < 2 ? 1 - i : i;
        s[at] = xs[i].size();
        NdArray g = xs[i].reshape(s);
        out[i] = scope.keep(sparse ? g.copy() : g.broadcastTo(full).copy());
      }
    }
    return out;
  }

  /** NumPy's {@code indices}: an int64 array of shape (n, *dims), the grid of each axis. */
  static NdArray indices(Backend b, long... dims) {
    int n = dims.length;
    try (Scope scope = new Scope()) {
      NdArray[] grids = new NdArray[n];
      for (int i = 0; i < n; i++) {
        long[] s = new long[n];
        Arrays.fill(s, 1);
        s[i] = dims[i];
        grids[i] = b.arange(dims[i]).reshape(s).broadcastTo(dims);
      }
      return scope.keep(n == 0 ? b.zeros(DType.INT64, 0) : Joins.stack(grids, 0));
    }
  }

  /** NumPy's {@code diagflat}: {@code diag} of the flattened input. */
  static NdArray diagflat(NdArray v, long k) {
    try (NdArray flat = v.ravel()) {
      return MathRoutines.diag(flat, k);
    }
  }

  /**
   * NumPy's {@code kron}: both operands padded to one rank, every element of a times the whole of
   * b, blocks laid out in a's order.
   */
  static NdArray kron(NdArray a, NdArray b) {
    int nd = Math.max(a.ndim(), b.ndim());
    long[] as = pad(a.shape, nd);
    long[] bs = pad(b.shape, nd);
    long[] ai = new long[2 * nd];
    long[] bi = new long[2 * nd];
    long[] result = new long[nd];
    for (int d = 0; d < nd; d++) {
      ai[2 * d] = as[d];
      ai[2 * d + 1] = 1;
      bi[2 * d] = 1;
      bi[2 * d + 1] = bs[d];
      result[d] = as[d] * bs[d];
    }
    try (NdArray x = a.reshape(ai);
        NdArray y = b.reshape(bi);
        NdArray p = x.multiply(y)) {
      return p.reshape(result);
    }
  }

  private static long[] pad(long[] shape, int nd) {
    long[] r = new long[nd];
    Arrays.fill(r, 1);
    System.arraycopy(shape, 0, r, nd - shape.length, shape.length);
    return r;
  }

  /** NumPy's {@code broadcast_arrays}: read-only views of each input at the common shape. */
  static NdArray[] broadcastArrays(NdArray... xs) {
    long[] shape = new long[0];
    for (int j = 0; j < xs.length; j++) {
      try {
        shape = Broadcast.shapes(shape, xs[j].shape);
      } catch (IllegalArgumentException e) {
        for (int i = 0; i < j; i++) {
          try {
            Broadcast.shapes(xs[i].shape, xs[j].shape);
          } catch (IllegalArgumentException pair) {
            throw new IllegalArgumentException(
                "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is"
                    + " between arg "
                    + i
                    + " with shape "
                    + Shape.format(xs[i].shape, ", ")
                    + " and arg "
                    + j
                    + " with shape "
                    + Shape.format(xs[j].shape, ", ")
                    + ".");
          }
        }
        throw e;
      }
    }
    NdArray[] out = new NdArray[xs.length];
    for (int i = 0; i < xs.length; i++) {
      out[i] = xs[i].broadcastTo(shape);
    }
    return out;
  }

  /**
   * The advanced index NumPy's {@code take_along_axis} builds: {@code indices} on {@code axis}, an
   * arange of each other axis shaped to broadcast with it.
   */
  private static Index[] alongAxis(NdArray arr, NdArray indices, int axis, Scope scope) {
    if (indices.dtype.isFloat() || indices.dtype.isBool()) {
      throw new IllegalArgumentException("`indices` must be an integer array");
    }
    if (indices.ndim() != arr.ndim()) {
      throw new IllegalArgumentException(
          "`indices` and `arr` must have the same number of dimensions");
    }
    int nd = arr.ndim();
    int ax = Axes.normalize(axis, nd);
    Index[] ix = new Index[nd];
    for (int d = 0; d < nd; d++) {
      if (d == ax) {
        ix[d] = Index.of(indices);
      } else {
        long[] s = new long[nd];
        Arrays.fill(s, 1);
        s[d] = arr.shape[d];
        ix[d] = Index.of(scope.keep(arr.backend().arange(arr.shape[d]).reshape(s)));
      }
    }
    return ix;
  }

  /** NumPy's {@code take_along_axis}; {@code axis} null takes from the flattened array. */
  static NdArray takeAlongAxis(NdArray arr, NdArray indices, Integer axis) {
    try (Scope scope = new Scope()) {
      if (axis == null) {
        if (indices.ndim() != 1) {
          throw new IllegalArgumentException(
              "when axis=None, `indices` must have a single dimension.");
        }
        return scope.keep(takeAlongAxis(arr.ravel(), indices, 0));
      }
      return scope.keep(Indexing.get(arr, alongAxis(arr, indices, axis, scope)));
    }
  }

  /**
   * NumPy's {@code put_along_axis}: writes {@code values} (broadcast) where take_along_axis reads.
   */
  static void putAlongAxis(NdArray arr, NdArray indices, NdArray values, Integer axis) {
    try (Scope scope = new Scope()) {
      if (axis == null) {
        if (indices.ndim() != 1) {
          throw new IllegalArgumentException(
              "when axis=None, `indices` must have a single dimension.");
        }
        if (!arr.isCContiguous()) {
          throw new IllegalArgumentException(
              "put_along_axis with axis=None needs a contiguous array");
        }
        NdArray flat = arr.ravel();
        Advanced.set(flat, alongAxis(flat, indices, 0, scope), values);
        return;
      }
      Advanced.set(arr, alongAxis(arr, indices, axis, scope), values);
    }
  }

  /**
   * NumPy's {@code unravel_index} in C order: the coordinates (int64 arrays shaped like {@code
   * indices}) of flat positions in an array of {@code shape}.
   */
  static NdArray[] unravelIndex(NdArray indices, long... shape) {
    if (indices.dtype.isFloat() || indices.dtype.isBool()) {
      throw new IllegalArgumentException("only int indices permitted");
    }
    long size = Shape.size(shape);
    try (Scope scope = new Scope()) {
      NdArray idx = indices.astype(DType.INT64);
      if (idx.size() > 0) {
        long lo = idx.min().longValue();
        long hi = idx.max().longValue();
        if (lo < 0 || hi >= size) {
          throw new IllegalArgumentException(
              "index " + (lo < 0 ? lo : hi) + " is out of bounds for array with size " + size);
        }
      }
      NdArray[] out = new NdArray[shape.length];
      long stride = 1;
      for (int d = shape.length - 1; d >= 0; d--) {
        out[d] = scope.keep(idx.floorDivide(stride).mod(shape[d]));
        stride *= shape[d];
      }
      return out;
    }
  }

  /** NumPy's {@code ravel_multi_index} in C order, mode 'raise': flat positions of coordinates. */
  static NdArray ravelMultiIndex(NdArray[] multiIndex, long... dims) {
    if (multiIndex.length != dims.length) {
      throw new IllegalArgumentException(
          "parameter multi_index must be a sequence of length " + dims.length);
    }
    try (Scope scope = new Scope()) {
      NdArray[] c = broadcastArrays(multiIndex);
      NdArray r = null;
      long stride = 1;
      for (int d = dims.length - 1; d >= 0; d--) {
        NdArray x = c[d].astype(DType.INT64);
        if (x.size() > 0 && (x.min().longValue() < 0 || x.max().longValue() >= dims[d])) {
          throw new IllegalArgumentException("invalid entry in coordinates array");
        }
        NdArray term = x.multiply(stride);
        r = r == null ? term : r.add(term);
        stride *= dims[d];
      }
      return scope.keep(r);
    }
  }

  /**
   * NumPy's {@code select}: from the first true condition's choice, else {@code fallback}, a weak
   * Python number as in NumPy (an int8 choice with the default 0 stays int8).
   */
  static NdArray select(List<NdArray> conditions, List<NdArray> choices, Number fallback) {
    if (conditions.size() != choices.size()) {
      throw new IllegalArgumentException("list of cases must be same length as list of conditions");
    }
    if (conditions.isEmpty()) {
      throw new IllegalArgumentException("select with an empty condition list is not possible");
    }
    for (int i = 0; i < conditions.size(); i++) {
      if (!conditions.get(i).dtype.isBool()) {
        throw new IllegalArgumentException(
            "invalid entry " + i + " in condlist: should be boolean ndarray");
      }
    }
    DType t = choices.get(0).dtype;
    long[] shape = new long[0];
    for (NdArray c : choices) {
      t = DType.promote(t, c.dtype);
      shape = Broadcast.shapes(shape, c.shape);
    }
    t = Scalars.weakPromote(t, fallback); // a Python number, weak
    for (NdArray c : conditions) {
      shape = Broadcast.shapes(shape, c.shape);
    }
    try (Scope scope = new Scope()) {
      NdArray r = choices.get(0).backend().full(fallback, t).broadcastTo(shape);
      for (int i = conditions.size() - 1; i >= 0; i--) {
        r = Selection.where(conditions.get(i), choices.get(i).astype(t), r);
      }
      return scope.keep(r.broadcastTo(shape).copy());
    }
  }

  /** NumPy's {@code extract}: the elements of the flattened array where the condition is true. */
  static NdArray extract(NdArray condition, NdArray arr) {
    try (Scope scope = new Scope()) {
      NdArray where = condition.ravel().astype(DType.BOOL).nonzero()[0];
      return scope.keep(arr.ravel().take(where, 0));
    }
  }

  /**
   * NumPy's {@code delete}: the array without the positions {@code obj} along {@code axis} (null:
   * of the flattened array); negative positions count from the end, repeats are one.
   */
  static NdArray delete(NdArray arr, NdArray obj, Integer axis) {
    try (Scope scope = new Scope()) {
      NdArray a = axis == null ? arr.ravel() : arr;
      int ax = axis == null ? 0 : Axes.normalize(axis, a.ndim());
      long n = a.shape[ax];
      if (obj.dtype.isFloat()) {
        throw new IndexOutOfBoundsException("arrays used as indices must be of integer type");
      }
      NdArray keep;
      if (obj.dtype.isBool()) {
        if (obj.ndim() != 1 || obj.size() != n) {
          throw new IllegalArgumentException(
              "boolean array argument obj to delete must be one dimensional and match the axis length"
                  + " of "
                  + n);
        }
        keep = obj.logicalNot();
      } else {
        NdArray o = obj.astype(DType.INT64).ravel();
        if (o.size() > 0) {
          long lo = o.min().longValue();
          long hi = o.max().longValue();
          if (lo < -n || hi >= n) {
            throw new IndexOutOfBoundsException(
                "index "
                    + (hi >= n ? hi : lo)
                    + " is out of bounds for axis "
                    + ax
                    + " with size "
                    + n);
          }
        }
        keep = a.backend().ones(DType.BOOL, n);
        if (o.size() > 0) {
          keep.set(o, 0L);
        }
      }
      return scope.keep(a.compress(keep, ax));
    }
  }

  /**
   * NumPy's {@code trim_zeros} of a 1-d array: the view without its leading ('f'), trailing ('b')
   * or both ('fb') zeros.
   */
  static NdArray trimZeros(NdArray filt, String trim) {
    String t = trim.toLowerCase(java.util.Locale.ROOT);
    if (!t.matches("f|b|fb|bf")) {
      throw new IllegalArgumentException("unexpected character(s) in `trim`: '" + trim + "'");
    }
    if (filt.ndim() != 1) {
      throw new IllegalArgumentException("trimZeros takes a 1-d array");
    }
    long first = 0;
    long last = 0;
    try (Scope scope = new Scope()) {
      NdArray nz = filt.nonzero()[0];
      if (nz.size() > 0) {
        first = t.contains("f") ? nz.get(new long[] {0}).longValue() : 0;
        last = t.contains("b") ? nz.get(new long[] {nz.size() - 1}).longValue() + 1 : filt.shape[0];
      }
    }
    return filt.get(Index.slice(first, last, null)); // a view, outside the scope
  }

  /**
   * NumPy's {@code ediff1d}: differences of the flattened array in its dtype, with {@code
   * toBegin}/{@code toEnd} (null: none) flattened before and after.
   */
  static NdArray ediff1d(NdArray ary, NdArray toBegin, NdArray toEnd) {
    try (Scope scope = new Scope()) {
      NdArray flat = ary.ravel();
      long n = Math.max(flat.size() - 1, 0);
      NdArray d =
          flat.get(Index.slice(1L, null, null))
              .subtract(flat.get(Index.slice(0L, n, null)))
              .astype(ary.dtype);
      java.util.List<NdArray> parts = new java.util.ArrayList<>();
      if (toBegin != null) {
        parts.add(extra(toBegin, ary.dtype, "to_begin"));
      }
      parts.add(d);
      if (toEnd != null) {
        parts.add(extra(toEnd, ary.dtype, "to_end"));
      }
      return scope.keep(
          parts.size() == 1 ? d.copy() : Joins.concatenate(parts.toArray(NdArray[]::new), 0));
    }
  }

  /** ediff1d's to_begin/to_end, flattened in ary's dtype if NumPy's 'same_kind' rule allows. */
  private static NdArray extra(NdArray x, DType t, String name) {
    if (!DType.canCastSameKind(x.dtype, t)) {
      throw new IllegalArgumentException(
          "dtype of `"
              + name
              + "` must be compatible with input `ary` under the `same_kind` rule.");
    }
    return x.ravel().astype(t);
  }

  /**
   * NumPy's {@code histogram} with {@code bins} equal bins over {@code range} (null: the data's min
   * and max, widened by 0.5 each way when equal): {@code [counts, edges]}. Edges are NumPy's
   * linspace in NumPy's bin dtype (the data's float dtype, float64 for integers; a float32 or
   * float16 range found from the data is spaced in that dtype, as NumPy's linspace of two float32
   * scalars is).
   */
  static NdArray[] histogram(
      NdArray a, long bins, double[] range, NdArray weights, boolean density) {
    if (bins < 1) {
      throw new IllegalArgumentException("`bins` must be positive, when an integer");
    }
    try (Scope scope = new Scope()) {
      NdArray x = a.ravel();
      DType t = a.dtype.isFloat() ? a.dtype : DType.FLOAT64;
      NdArray edges;
      if (range != null) {
        checkRange(range);
        double first = range[0] == range[1] ? range[0] - 0.5 : range[0];
        double last = range[0] == range[1] ? range[1] + 0.5 : range[1];
        edges = a.backend().linspace(first, last, bins + 1, true, t);
      } else if (x.size() == 0) {
        edges = a.backend().linspace(0, 1, bins + 1, true, t);
      } else {
        NdArray lo = x.min();
        NdArray hi = x.max();
        double first = lo.doubleValue();
        double last = hi.doubleValue();
        if (!Double.isFinite(first) || !Double.isFinite(last)) {
          throw new IllegalArgumentException(
              "autodetected range of [" + lo + ", " + hi + "] is not finite");
        }
        if (first == last) {
          first -= 0.5;
          last += 0.5;
        }
        edges =
            a.dtype.isFloat() && a.dtype != DType.FLOAT64
                ? linspaceIn(a.backend(), t, first, last, bins + 1)
                : a.backend().linspace(first, last, bins + 1, true, t);
      }
      return count(x, edges, weights, density, scope);
    }
  }

  /**
   * NumPy's {@code histogram2d(x, y, bins=[bx, by], range, weights, density)} through its {@code
   * histogramdd}: equal bins over each coordinate's range (float64 edges for a given range or
   * integers, the sample's float type for an autodetected float range), each point's bin found by
   * searchsorted (the last edge in the last bin), counted by bincount over the bins and the
   * outliers on each side, which are then cut off. {@code {H (float64, bx x by), xedges, yedges}}.
   */
  static NdArray[] histogram2d(
      NdArray x, NdArray y, long[] bins, double[][] range, NdArray weights, boolean density) {
    x.ensureOpen();
    y.ensureOpen();
    if (x.size() != y.size()) {
      throw new IllegalArgumentException("x and y must have the same length.");
    }
    try (Scope scope = new Scope()) {
      DType st = DType.promote(x.dtype, y.dtype);
      NdArray[] sample = {x.ravel().astype(st), y.ravel().astype(st)};
      NdArray[] edges = new NdArray[2];
      long[] nbin = new long[2];
      NdArray flat = null;
      for (int i = 0; i < 2; i++) {
        if (bins[i] < 1) {
          throw new IllegalArgumentException("`bins[" + i + "]` must be positive, when an integer");
        }
        edges[i] = outerEdges(sample[i], bins[i], range == null ? null : range[i]);
        nbin[i] = bins[i] + 2; // an outlier bin on each side
        DType common = DType.promote(st, edges[i].dtype);
        NdArray e = edges[i].astype(common);
        NdArray v = sample[i].astype(common);
        NdArray at = e.searchsorted(v, true);
        // values on the last edge count in the last bin, not as outliers
        NdArray onEdge = v.eq(e.get(Index.slice(bins[i], bins[i] + 1, null))).astype(DType.INT64);
        at = at.subtract(onEdge);
        flat = flat == null ? at : flat.multiply(nbin[i]).add(at);
      }
      NdArray w = null;
      if (weights != null) {
        if (weights.size() != x.size()) {
          throw new IllegalArgumentException("weights should have the same shape as a.");
        }
        w = weights.ravel();
      }
      NdArray hist =
          (x.size() == 0
                  ? x.backend().zeros(DType.FLOAT64, nbin[0] * nbin[1])
                  : Accumulate.bincount(flat, w, nbin[0] * nbin[1]))
              .astype(DType.FLOAT64)
              .reshape(nbin[0], nbin[1])
              .get(Index.slice(1L, -1L, null), Index.slice(1L, -1L, null));
      if (density) {
        NdArray total = hist.sum();
        for (int i = 0; i < 2; i++) {
          NdArray d =
              edges[i]
                  .get(Index.slice(1L, null, null))
                  .subtract(edges[i].get(Index.slice(0L, bins[i], null)));
          hist = hist.divide(i == 0 ? d.reshape(bins[0], 1) : d.reshape(1, bins[1]));
        }
        hist = hist.divide(total);
      }
      return new NdArray[] {
        scope.keep(hist.copy()), scope.keep(edges[0].copy()), scope.keep(edges[1].copy())
      };
    }
  }

  /**
   * A histogram's {@code range}, as NumPy checks it.
   *
   * @throws IllegalArgumentException "max must be larger than min in range parameter.", "supplied
   *     range of [0.0, inf] is not finite"
   */
  private static void checkRange(double[] range) {
    if (range[0] > range[1]) {
      throw new IllegalArgumentException("max must be larger than min in range parameter.");
    }
    if (!Double.isFinite(range[0]) || !Double.isFinite(range[1])) {
      throw new IllegalArgumentException(
          "supplied range of ["
              + FloatFormat.scalar(range[0], DType.FLOAT64)
              + ", "
              + FloatFormat.scalar(range[1], DType.FLOAT64)
              + "] is not finite");
    }
  }

  /** histogramdd's {@code _get_outer_edges} and {@code linspace(first, last, n + 1)}. */
  private static NdArray outerEdges(NdArray v, long bins, double[] range) {
    double first;
    double last;
    DType t = DType.FLOAT64; // Python floats, or the min and max of an integer sample
    if (range != null) {
      checkRange(range);
      first = range[0];
      last = range[1];
    } else if (v.size() == 0) {
      first = 0;
      last = 1;
    } else {
      NdArray lo = v.min();
      NdArray hi = v.max();
      first = lo.doubleValue();
      last = hi.doubleValue();
      if (!Double.isFinite(first) || !Double.isFinite(last)) {
        throw new IllegalArgumentException(
            "autodetected range of [" + lo + ", " + hi + "] is not finite");
      }
      if (v.dtype.isFloat()) {
        t = v.dtype; // the sample's own scalars
      }
    }
    if (first == last) {
      first -= 0.5;
      last += 0.5;
    }
    return t != DType.FLOAT64
        ? linspaceIn(v.backend(), t, first, last, bins + 1)
        : v.backend().linspace(first, last, bins + 1, true, DType.FLOAT64);
  }

  /**
   * NumPy's {@code linspace(start, stop, num)} computed in float dtype {@code t} step by step, as
   * NumPy does when start and stop are scalars of t: {@code arange(num) * step + start} with step
   * {@code (stop - start) / (num - 1)} rounded to t, the last element stop.
   */
  private static NdArray linspaceIn(Backend b, DType t, double start, double stop, long num) {
    try (Scope scope = new Scope()) {
      NdArray s0 = b.full(start, t);
      NdArray delta = b.full(stop, t).subtract(s0);
      NdArray step = delta.divide(num - 1);
      NdArray y = b.arange(num).astype(t).multiply(step).add(s0);
      y.set("-1", stop);
      return scope.keep(y);
    }
  }

  /**
   * NumPy's {@code histogram} with explicit, increasing bin edges: {@code [counts, edges]}; every
   * bin is half-open but the last, which holds its right edge.
   */
  static NdArray[] histogram(NdArray a, NdArray edges, NdArray weights, boolean density) {
    if (edges.ndim() != 1) {
      throw new IllegalArgumentException("`bins` must be 1d, when an array");
    }
    try (Scope scope = new Scope()) {
      if (edges.size() > 1) {
        NdArray rising =
            edges
                .get(Index.slice(0L, edges.size() - 1, null))
                .gt(edges.get(Index.slice(1L, null, null)));
        if (rising.any().booleanValue()) {
          throw new IllegalArgumentException("`bins` must increase monotonically, when an array");
        }
      }
      return count(a.ravel(), edges, weights, density, scope);
    }
  }

  /**
   * Counts (or sums weights) per bin: the positions found in the edges by searchsorted (right),
   * values outside [first, last] left out, the last edge counted in the last bin.
   */
  private static NdArray[] count(
      NdArray x, NdArray edges, NdArray weights, boolean density, Scope scope) {
    NdArray w = null;
    if (weights != null) {
      if (weights.size() != x.size()) {
        throw new IllegalArgumentException("weights should have the same shape as a.");
      }
      w = weights.ravel();
    }
    long nb = Math.max(edges.size() - 1, 0);
    DType common = DType.promote(x.dtype, edges.dtype);
    if (w == null && nb > 0 && !x.dtype.isBool()) {
      NdArray counts = scope.keep(x.backend().zeros(DType.INT64, nb));
      NdArray e = edges.astype(common.isFloat() ? common : DType.FLOAT64);
      // the kernels read any real dtype as float64 exactly: no copy of x into the common dtype
      if (new Kernel(x.backend()).histogram(counts, x, e)) {
        return finish(counts, edges, nb, density, scope);
      }
    }
    NdArray v = x.astype(common);
    NdArray e = edges.astype(common);
    NdArray first = e.get(Index.slice(0L, 1L, null));
    NdArray last = e.get(Index.slice(edges.size() - 1, edges.size(), null));
    NdArray keep = v.ge(first).logicalAnd(v.le(last));
    NdArray kept = v.compress(keep, 0);
    NdArray idx = e.searchsorted(kept, true).subtract(1L);
    idx = Selection.where(idx.ge(nb), scope.keep(x.backend().full(nb - 1, DType.INT64)), idx);
    NdArray n =
        w == null
            ? Accumulate.bincount(idx, null, nb)
            : Accumulate.bincount(idx, w.compress(keep, 0), nb).astype(weights.dtype);
    return finish(n, edges, nb, density, scope);
  }

  /** {counts, or the density over the bins' widths; edges}, kept out of the scope. */
  private static NdArray[] finish(
      NdArray counts, NdArray edges, long nb, boolean density, Scope scope) {
    NdArray result = counts;
    if (density) {
      NdArray db =
          edges
              .get(Index.slice(1L, null, null))
              .astype(DType.FLOAT64)
              .subtract(edges.get(Index.slice(0L, nb, null)).astype(DType.FLOAT64));
      result = counts.divide(db).divide(counts.sum());
    }
    return new NdArray[] {scope.keep(result.copy()), scope.keep(edges.copy())};
  }

  /**
   * NumPy's {@code lexsort}: the stable order that sorts by the last key, ties by the one before,
   * and so on, along {@code axis}.
   */
  static NdArray lexsort(List<NdArray> keys, int axis) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("need sequence of keys with len > 0 in lexsort");
    }
    for (NdArray k : keys) {
      if (!Arrays.equals(k.shape, keys.get(0).shape)) {
        throw new IllegalArgumentException("all keys need to be the same shape");
      }
    }
    try (Scope scope = new Scope()) {
      NdArray first = keys.get(0);
      if (first.ndim() == 0) {
        throw new IllegalArgumentException("Cannot apply lexsort to a 0-d array");
      }
      NdArray order = first.argsort(axis);
      for (int j = 1; j < keys.size(); j++) {
        NdArray permuted = takeAlongAxis(keys.get(j), order, axis);
        order = takeAlongAxis(order, permuted.argsort(axis), axis);
      }
      return scope.keep(order);
    }
  }

  /**
   * The kth positions NumPy's {@code partition} fixes, checked and wrapped: "kth(=5) out of bounds
   * (5)" past the axis.
   */
  private static void checkKth(NdArray a, long[] kth, int axis) {
    if (a.ndim() == 0) {
      throw new IllegalArgumentException("Cannot partition a 0-d array");
    }
    long n = a.shape[Axes.normalize(axis, a.ndim())];
    for (long k : kth) {
      if (k >= n || k < -n) {
        throw new IllegalArgumentException("kth(=" + k + ") out of bounds (" + n + ")");
      }
    }
  }

  /**
   * NumPy's {@code partition}: every kth element where a sort puts it, smaller ones before, larger
   * after. The order inside the parts is unspecified, in NumPy as here (the backend's selection, or
   * a sort).
   */
  static NdArray partition(NdArray a, long[] kth, int axis) {
    checkKth(a, kth, axis);
    return Sorting.partition(a, kth, Axes.normalize(axis, a.ndim()));
  }

  /**
   * NumPy's {@code argpartition}: indices that put each kth in place (a stable argsort's, here).
   */
  static NdArray argpartition(NdArray a, long[] kth, int axis) {
    checkKth(a, kth, axis);
    return a.argsort(axis);
  }

  /**
   * NumPy's {@code choose} (mode 'raise'): element i from {@code choices[a[i]]}, a and every choice
   * broadcast together; the dtype the choices promote to.
   */
  static NdArray choose(NdArray a, List<NdArray> choices) {
    if (a.dtype.isFloat()) {
      throw new IllegalArgumentException(
          "Cannot cast array data from dtype('"
              + a.dtype
              + "') to dtype('int64') according to the rule 'safe'");
    }
    if (choices.isEmpty()) {
      throw new IllegalArgumentException("0-length sequence.");
    }
    try (Scope scope = new Scope()) {
      NdArray[] all = new NdArray[choices.size() + 1];
      all[0] = a;
      DType t = choices.get(0).dtype;
      for (int i = 0; i < choices.size(); i++) {
        all[i + 1] = choices.get(i);
        t = DType.promote(t, choices.get(i).dtype);
      }
      NdArray[] b = broadcastArrays(all);
      NdArray idx = b[0].astype(DType.INT64);
      if (idx.size() > 0
          && (idx.min().longValue() < 0 || idx.max().longValue() >= choices.size())) {
        throw new IllegalArgumentException("invalid entry in choice array");
      }
      NdArray[] cs = new NdArray[choices.size()];
      for (int i = 0; i < cs.length; i++) {
        cs[i] = b[i + 1].astype(t);
      }
      NdArray stacked = Joins.stack(cs, 0);
      NdArray picked = takeAlongAxis(stacked, idx.expandDims(0), 0);
      return scope.keep(picked.reshape(idx.shape));
    }
  }

  /**
   * NumPy's {@code place}: writes {@code vals}, repeated as needed, into the positions of {@code
   * arr} where {@code mask} is true, in C order.
   */
  static void place(NdArray arr, NdArray mask, NdArray vals) {
    if (mask.size() != arr.size()) {
      throw new IllegalArgumentException("place: mask and data must be the same size");
    }
    if (DType.promote(vals.dtype, arr.dtype) != arr.dtype) {
      throw new IllegalArgumentException(
          "Cannot cast array data from dtype('"
              + vals.dtype
              + "') to dtype('"
              + arr.dtype
              + "') according to the rule 'safe'");
    }
    try (Scope scope = new Scope()) {
      NdArray m = mask.astype(DType.BOOL).reshape(arr.shape);
      long n = m.sum().longValue();
      if (n == 0) {
        return;
      }
      NdArray v = vals.ravel();
      if (v.size() == 0) {
        throw new IllegalArgumentException("Cannot insert from an empty array!");
      }
      NdArray filled = Joins.tile(v, new long[] {(n + v.size() - 1) / v.size()});
      arr.set(m, filled.get(Index.slice(0L, n, null)));
    }
  }

  /**
   * NumPy's {@code insert} of {@code values} before position {@code index} along {@code axis}
   * (null: of the flattened array): the values cast to arr's dtype and broadcast to the inserted
   * block (one slice, or as many as values has along axis).
   */
  static NdArray insert(NdArray arr, long index, NdArray values, Integer axis) {
    return insertOne(arr, index, values, axis, true, Long.toString(index));
  }

  /**
   * NumPy's single-index path: values cast, given arr's number of axes (leading 1s), their first
   * axis moved to {@code axis} when {@code moveaxis} (a scalar index; not for a one-element index
   * array), broadcast to the inserted block and joined in. {@code shown} is the index as NumPy's
   * message prints it.
   */
  private static NdArray insertOne(
      NdArray arr, long index, NdArray values, Integer axis, boolean moveaxis, String shown) {
    try (Scope scope = new Scope()) {
      NdArray a = axis == null ? arr.ravel() : arr;
      int ax = axis == null ? 0 : Axes.normalize(axis, a.ndim());
      long n = a.shape[ax];
      if (index < -n || index > n) {
        throw new IndexOutOfBoundsException(
            "index " + shown + " is out of bounds for axis " + ax + " with size " + n);
      }
      long at = index < 0 ? index + n : index;
      NdArray v = values.astype(a.dtype);
      while (v.ndim() < a.ndim()) {
        v = v.expandDims(0);
      }
      if (moveaxis) {
        v = v.moveaxis(0, ax);
      }
      long[] block = a.shape.clone();
      block[ax] = v.shape[ax];
      Broadcast.check(
          v.shape, block, "could not broadcast input array from shape {from} into shape {to}");
      NdArray vb = v.broadcastTo(block);
      return scope.keep(
          Joins.concatenate(
              new NdArray[] {sliceAxis(a, ax, 0, at), vb, sliceAxis(a, ax, at, n)}, ax));
    }
  }

  /**
   * NumPy's {@code insert} with an index array: one index takes the single-index path (without its
   * moveaxis, so values' own axis supplies the count); several take NumPy's sequence path (indices
   * made non-negative once, then each moved past the ones sorted before it; values broadcast to the
   * selection as an assignment would; positions that collide are NumPy's shape mismatch).
   */
  static NdArray insert(NdArray arr, long[] indices, NdArray values, Integer axis) {
    try (Scope scope = new Scope()) {
      NdArray a = axis == null ? arr.ravel() : arr;
      int ax = axis == null ? 0 : Axes.normalize(axis, a.ndim());
      long n = a.shape[ax];
      if (indices.length == 1) {
        return scope.keep(insertOne(arr, indices[0], values, axis, false, "[" + indices[0] + "]"));
      }
      int m = indices.length;
      long total = n + m;
      long[] idx = indices.clone();
      for (int i = 0; i < m; i++) {
        if (idx[i] < 0) {
          idx[i] += n;
        }
      }
      Integer[] order = new Integer[m];
      for (int i = 0; i < m; i++) {
        order[i] = i;
      }
      final long[] key = idx.clone();
      Arrays.sort(order, (x, y) -> Long.compare(key[x], key[y])); // stable, as NumPy's mergesort
      for (int k = 0; k < m; k++) {
        idx[order[k]] += k;
      }
      long[] pos = new long[m];
      for (int i = 0; i < m; i++) {
        if (idx[i] < -total || idx[i] >= total) {
          throw new IndexOutOfBoundsException(
              "index " + idx[i] + " is out of bounds for axis 0 with size " + total);
        }
        pos[i] = idx[i] < 0 ? idx[i] + total : idx[i];
      }
      long[] block = a.shape.clone();
      block[ax] = m;
      NdArray v = values.astype(a.dtype);
      if (!Broadcast.fits(v.shape, block)) {
        throw new IllegalArgumentException(
            "shape mismatch: value array of shape "
                + Shape.format(v.shape, ",")
                + " could not be broadcast to indexing result of shape "
                + Shape.format(block, ","));
      }
      long distinct = Arrays.stream(pos).distinct().count();
      if (distinct < m) {
        long[] kept = a.shape.clone();
        kept[ax] = total - distinct;
        throw new IllegalArgumentException(
            "shape mismatch: value array of shape "
                + Shape.format(a.shape, ",")
                + " could not be broadcast to indexing result of shape "
                + Shape.format(kept, ","));
      }
      // gather from [a, values] along the axis: inserted slots read values, the rest a in order
      long[] from = new long[(int) total];
      Arrays.fill(from, -1);
      for (int i = 0; i < m; i++) {
        from[(int) pos[i]] = n + i;
      }
      long next = 0;
      for (int j = 0; j < total; j++) {
        if (from[j] < 0) {
          from[j] = next++;
        }
      }
      NdArray both = Joins.concatenate(new NdArray[] {a, v.broadcastTo(block)}, ax);
      return scope.keep(both.take(a.backend().array(from), ax));
    }
  }

  /** {@code a[..., from:to, ...]} on {@code axis}. */
  private static NdArray sliceAxis(NdArray a, int axis, long from, long to) {
    Index[] ix = new Index[axis + 1];
    Arrays.fill(ix, Index.all());
    ix[axis] = Index.slice(from, to, null);
    return Indexing.get(a, ix);
  }

  /**
   * NumPy's {@code resize}: the flattened array repeated to fill {@code shape} (zeros when it is
   * empty).
   */
  static NdArray resize(NdArray a, long... shape) {
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("all elements of `new_shape` must be non-negative");
      }
    }
    long n = Shape.size(shape);
    if (a.size() == 0 || n == 0) {
      return a.backend().zeros(a.dtype, shape);
    }
    try (Scope scope = new Scope()) {
      NdArray flat = a.ravel();
      NdArray rep = Joins.tile(flat, new long[] {(n + a.size() - 1) / a.size()});
      return scope.keep(rep.get(Index.slice(0L, n, null)).reshape(shape));
    }
  }

  /**
   * NumPy's {@code gradient} along one axis with uniform spacing {@code dx}: central differences
   * inside, one-sided at the ends (first or second order); integers are computed in float64.
   */
  static NdArray gradient(NdArray f, int axis, double dx, int edgeOrder) {
    if (edgeOrder != 1 && edgeOrder != 2) {
      throw new IllegalArgumentException("'edge_order' greater than 2 not supported");
    }
    if (f.dtype.isBool()) {
      throw new IllegalArgumentException(
          "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^`"
              + " operator, or the logical_xor function instead.");
    }
    int ax = Axes.normalize(axis, f.ndim());
    long n = f.shape[ax];
    if (n < edgeOrder + 1) {
      throw new IllegalArgumentException(
          "Shape of array too small to calculate a numerical gradient, at least (edge_order + 1)"
              + " elements are required.");
    }
    try (Scope scope = new Scope()) {
      NdArray g = f.dtype.isFloat() ? f : f.astype(DType.FLOAT64);
      NdArray out = g.backend().empty(g.dtype, g.shape);
      sliceAxis(out, ax, 1, n - 1)
          .set("...", sliceAxis(g, ax, 2, n).subtract(sliceAxis(g, ax, 0, n - 2)).divide(2.0 * dx));
      if (edgeOrder == 1) {
        sliceAxis(out, ax, 0, 1)
            .set("...", sliceAxis(g, ax, 1, 2).subtract(sliceAxis(g, ax, 0, 1)).divide(dx));
        sliceAxis(out, ax, n - 1, n)
            .set(
                "...",
                sliceAxis(g, ax, n - 1, n).subtract(sliceAxis(g, ax, n - 2, n - 1)).divide(dx));
      } else {
        sliceAxis(out, ax, 0, 1)
            .set(
                "...",
                sliceAxis(g, ax, 0, 1)
                    .multiply(-1.5 / dx)
                    .add(sliceAxis(g, ax, 1, 2).multiply(2. / dx))
                    .add(sliceAxis(g, ax, 2, 3).multiply(-0.5 / dx)));
        sliceAxis(out, ax, n - 1, n)
            .set(
                "...",
                sliceAxis(g, ax, n - 3, n - 2)
                    .multiply(0.5 / dx)
                    .add(sliceAxis(g, ax, n - 2, n - 1).multiply(-2. / dx))
                    .add(sliceAxis(g, ax, n - 1, n).multiply(1.5 / dx)));
      }
      return scope.keep(out);
    }
  }
}
