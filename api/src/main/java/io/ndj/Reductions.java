package io.ndj;

import io.ndj.spi.ReduceOp;
import java.util.Arrays;

/** Reductions: output shapes and dtypes, keepdims, and the composite ones (mean, var, std). */
final class Reductions {
  private Reductions() {}

  static NdArray reduce(ReduceOp op, NdArray a, int[] axes, boolean keepdims, DType dtype) {
    a.ensureOpen();
    int[] ax = Axes.normalize(scalarAxes(a, axes), a.ndim());
    if (a.dtype.isComplex() || (dtype != null && dtype.isComplex())) {
      if (ax.length == 0) {
        return a.astype(dtype != null ? dtype : a.dtype);
      }
      return ComplexMath.reduce(op, a, ax, keepdims, dtype);
    }
    DType in = a.dtype;
    DType out =
        switch (op) {
          case SUM, PROD -> dtype != null ? dtype : in.accumulator();
          case ANY, ALL -> DType.BOOL;
          case ARGMIN, ARGMAX -> DType.INT64;
          default -> in;
        };
    if ((op == ReduceOp.MIN || op == ReduceOp.MAX) && reducesEmpty(a, ax)) {
      throw new IllegalArgumentException(
          "zero-size array to reduction operation "
              + (op == ReduceOp.MIN ? "minimum" : "maximum")
              + " which has no identity");
    }
    // kernels take (in, in) or (integer/bool, int64): anything else is cast to the output dtype
    // first
    DType loopIn =
        switch (op) {
          case SUM, PROD -> out == DType.INT64 && !in.isFloat() ? in : out;
          default -> in;
        };
    long[] kept = a.shape.clone();
    for (int x : ax) {
      kept[x] = 1;
    }
    if (ax.length == 0) {
      return a.astype(out);
    }
    boolean cast = op == ReduceOp.SUM && !in.isComplex() && out.isFloat() && out != in;
    int[] perm = cast && !a.isCContiguous() ? memoryOrder(a) : null;
    if (perm != null && inOrder(a, perm)) {
      // an array whose memory is C-ordered under another order of its axes (a transpose):
      // NumPy's buffers run along its memory, as they do on the view in that order
      return inMemoryOrder(a, perm, ax, keepdims, (p, pax) -> reduce(op, p, pax, true, dtype));
    }
    long line = cast ? trailingLine(a.shape, ax) : -1;
    if (line > BUFFER && a.isCContiguous()) {
      long[] target = kept;
      if (!keepdims) {
        target = java.util.Arrays.copyOf(a.shape, a.ndim() - ax.length); // the leading, kept axes
      }
      try (NdArray r = bufferedSum(a, line, out)) {
        return r.reshape(target);
      }
    }
    NdArray src = loopIn == in ? a : a.astype(loopIn);
    NdArray r;
    try {
      r =
          NdArray.compute(
              a.backend(), out, kept, o -> new Kernel(a.backend()).reduce(op, o, src, ax));
    } finally {
      if (src != a) {
        src.close();
      }
    }
    if (keepdims) {
      return r;
    }
    try (r) {
      return Views.squeeze(r, ax);
    }
  }

  /** The elements NumPy's iterator casts at a time (its buffer). */
  private static final long BUFFER = 8192;

  /** The product of the reduced axes' lengths where they are the trailing axes, else -1. */
  private static long trailingLine(long[] shape, int[] ax) {
    long line = 1;
    for (int i = 0; i < ax.length; i++) {
      if (ax[i] != shape.length - ax.length + i) {
        return -1;
      }
      line *= shape[ax[i]];
    }
    return line;
  }

  /**
   * The sums over its trailing axes (lines of {@code line} elements), in the float dtype {@code
   * out}, of the C-contiguous array a of another real dtype (a narrower float, or integers: the
   * mean of int64 sums them in float64) as NumPy adds them: its iterator casts 8192 elements of a
   * line at a time into a buffer, and the reduction adds each buffer's pairwise sum to the line's
   * result in turn, from 0 (casting the whole line first and summing it pairwise differs in the
   * last place in about 3% of float32 sums into float64, and in most int64 means). A (lines, 1)
   * result.
   */
  private static NdArray bufferedSum(NdArray a, long line, DType out) {
    try (Scope scope = new Scope()) {
      long lines = a.size() / line;
      NdArray rows = a.reshape(lines, line);
      long full = line / BUFFER;
      NdArray parts =
          rows.get(Index.all(), Index.slice(0, full * BUFFER))
              .astype(out)
              .reshape(lines, full, BUFFER)
              .sum(new int[] {2}, false, out);
      // in order, as the reduction adds them: the last of the running sums
      NdArray total = parts.cumsum(1).get(Index.all(), Index.slice(full - 1, full));
      if (line > full * BUFFER) {
        total =
            total.add(
                rows.get(Index.all(), Index.slice(full * BUFFER, line))
                    .astype(out)
                    .sum(new int[] {1}, true, out));
      }
      // from 0, as NumPy's reduction starts: -0.0 + 0.0 is 0.0
      return scope.keep(total.add(0.0).astype(out));
    }
  }

  /** NumPy's ufunc reductions accept axis 0 or -1 on a 0-d array and reduce nothing. */
  static int[] scalarAxes(NdArray a, int[] axes) {
    return scalarAxes(a.ndim(), axes);
  }

  /** {@link #scalarAxes(NdArray, int[])} by the number of dimensions. */
  static int[] scalarAxes(int ndim, int[] axes) {
    if (ndim != 0 || axes == null) {
      return axes;
    }
    for (int x : axes) {
      if (x != 0 && x != -1) {
        Axes.normalize(x, 0);
      }
    }
    return new int[0];
  }

  static boolean reducesEmpty(NdArray a, int[] ax) {
    return reducesEmpty(a.shape, ax);
  }

  /** Whether reducing a shape over ax meets an empty axis (no identity for min/max). */
  static boolean reducesEmpty(long[] shape, int[] ax) {
    long size = 1;
    for (long d : shape) {
      size *= d;
    }
    for (int x : ax) {
      if (shape[x] == 0) {
        return true;
      }
    }
    return size == 0 && ax.length == shape.length;
  }

  static NdArray arg(ReduceOp op, NdArray a, Integer axis, boolean keepdims) {
    a.ensureOpen();
    if (a.ndim() == 0) {
      scalarAxes(a, axis == null ? null : new int[] {axis});
      return a.backend().zeros(DType.INT64);
    }
    if (a.size() == 0 && (axis == null || a.shape[Axes.normalize(axis, a.ndim())] == 0)) {
      throw new IllegalArgumentException(
          "attempt to get " + op.numpyName() + " of an empty sequence");
    }
    if (axis == null) {
      try (NdArray flat = a.ravel()) {
        if (!keepdims) {
          return reduce(op, flat, new int[] {0}, false, null);
        }
      }
      try (NdArray flat = a.ravel();
          NdArray r = reduce(op, flat, new int[] {0}, false, null)) {
        long[] ones = new long[a.ndim()];
        java.util.Arrays.fill(ones, 1);
        return r.reshape(ones);
      }
    }
    return reduce(op, a, new int[] {axis}, keepdims, null);
  }

  static long count(NdArray a, int[] ax) {
    long n = 1;
    for (int x : ax) {
      n *= a.shape[x];
    }
    return n;
  }

  /** Sum divided by the count; integers are summed in float64, floats in their own dtype. */
  static NdArray mean(NdArray a, int[] axes, boolean keepdims, DType dtype) {
    a.ensureOpen();
    int[] ax = Axes.normalize(axes, a.ndim());
    DType t = dtype != null ? dtype : (a.dtype.isInexact() ? a.dtype : DType.FLOAT64);
    if (dtype == null && !a.dtype.isFloat() && a.dtype.itemsize() <= 2) {
      // bools and 8/16-bit integers: NumPy's float64 partial sums of them are whole numbers below
      // 2^53, so the exact int64 sum is the same number, without a float64 copy of the input (16
      // GiB for 2^31 int8s)
      try (NdArray whole = reduce(ReduceOp.SUM, a, ax, keepdims, null);
          NdArray s = whole.astype(DType.FLOAT64)) {
        return divideByCount(s, count(a, ax));
      }
    }
    if (dtype == null && a.dtype == DType.FLOAT16) {
      // NumPy's _mean: float16 is summed and divided in float32, then rounded to float16 once
      try (NdArray s = reduce(ReduceOp.SUM, a, ax, keepdims, DType.FLOAT32);
          NdArray m = divideByCount(s, count(a, ax))) {
        return m.astype(DType.FLOAT16);
      }
    }
    try (NdArray s = reduce(ReduceOp.SUM, a, ax, keepdims, t)) {
      return divideByCount(s, count(a, ax));
    }
  }

  /**
   * {@code s / n} as NumPy's {@code _mean} and {@code _var} divide a sum by its count: the count is
   * an intp, which makes the quotient float64 (complex128), cast back to s's dtype. Where n is
   * exact in s's dtype, s's own division gives those digits (a quotient rounded to float64 first,
   * then to a narrower float, is rounded as once) without a float64 temporary; where it is not (a
   * float32 sum of more than 2^24 elements, a float16 one of more than 2048), the float64 path.
   */
  static NdArray divideByCount(NdArray s, long n) {
    if (exactIn(s.dtype.isComplex() ? s.dtype.componentType() : s.dtype, n)) {
      return s.divide((double) n);
    }
    try (NdArray wide = s.astype(s.dtype.isComplex() ? DType.COMPLEX128 : DType.FLOAT64);
        NdArray q = wide.divide((double) n)) {
      return q.astype(s.dtype);
    }
  }

  /** Whether the count n is a value of the float dtype t (float64 for anything else). */
  static boolean exactIn(DType t, long n) {
    return switch (t) {
      case FLOAT16 -> io.ndj.spi.Float16.toDouble(io.ndj.spi.Float16.fromDouble(n)) == n;
      case FLOAT32 -> (long) (float) n == n;
      default -> (long) (double) n == n;
    };
  }

  /** var or std with NumPy's keyword arguments; a float dtype= computes in that dtype. */
  static NdArray var(NdArray a, ReduceOptions o, boolean sqrt) {
    o.check(sqrt ? "std" : "var", true, true);
    DType t = o.dtypeOrNull();
    if (t == null || t == a.dtype) {
      return var(a, o.axes(), o.ddofOrZero(), o.isKeepdims(), sqrt);
    }
    if (!t.isInexact()) {
      throw new IllegalArgumentException(
          (sqrt ? "std" : "var")
              + " in an integer or bool dtype is not supported: ndj computes it in a float dtype"
              + " (got dtype="
              + t
              + ")");
    }
    try (NdArray cast = a.astype(t)) {
      return var(cast, o.axes(), o.ddofOrZero(), o.isKeepdims(), sqrt);
    }
  }

  /**
   * (x - mean)² for a float32 or float64 x and its mean (keepdims), as NumPy's {@code _var}
   * computes it (x - mean rounded, then squared), fused: exactly the op-by-op values.
   */
  private static final Fused SQUARED_DEVIATION =
      Nd.fuse(
          (x, mean) -> {
            Traced d = x.subtract(mean);
            return d.multiply(d);
          });

  /** Whether a's axes in the order perm are C-contiguous. */
  private static boolean inOrder(NdArray a, int[] perm) {
    try (NdArray p = a.transpose(perm)) {
      return p.isCContiguous();
    }
  }

  /**
   * f of a's axes put in the order perm (f's axes mapped there, its result keeping them as length
   * 1), with the result's axes put back in a's order.
   */
  private static NdArray inMemoryOrder(
      NdArray a,
      int[] perm,
      int[] ax,
      boolean keepdims,
      java.util.function.BiFunction<NdArray, int[], NdArray> f) {
    int[] inverse = new int[perm.length];
    for (int i = 0; i < perm.length; i++) {
      inverse[perm[i]] = i;
    }
    int[] pax = new int[ax.length];
    for (int i = 0; i < ax.length; i++) {
      pax[i] = inverse[ax[i]];
    }
    Arrays.sort(pax);
    try (NdArray p = a.transpose(perm);
        NdArray r = f.apply(p, pax);
        NdArray back = r.transpose(inverse)) {
      return keepdims ? back.copy() : Views.squeeze(back, ax).copy();
    }
  }

  /**
   * The axes of a ordered as its memory is (largest stride outside; axes of length 1 or stride 0
   * stay beside the axis after them), where that is not their own order; null where it is.
   */
  static int[] memoryOrder(NdArray a) {
    int nd = a.ndim();
    long[] key = new long[nd];
    long next = 0;
    for (int d = nd - 1; d >= 0; d--) {
      // a broadcast axis (stride 0) decides nothing, as in NumPy's iterator
      key[d] = a.shape[d] == 1 || a.strides[d] == 0 ? next : Math.abs(a.strides[d]);
      next = key[d];
    }
    Integer[] order = new Integer[nd];
    for (int d = 0; d < nd; d++) {
      order[d] = d;
    }
    Arrays.sort(order, (x, y) -> Long.compare(key[y], key[x])); // stable: ties keep their order
    int[] perm = new int[nd];
    boolean moved = false;
    for (int d = 0; d < nd; d++) {
      perm[d] = order[d];
      moved |= perm[d] != d;
    }
    return moved ? perm : null;
  }

  /**
   * The sum of {@code (a - m)²} over ax (keepdims) by the backend's own kernel, without the
   * squares' temporary; null where the backend has none for these arrays.
   */
  private static NdArray squaredDeviationSum(NdArray a, NdArray m, int[] ax) {
    if ((a.dtype != DType.FLOAT32 && a.dtype != DType.FLOAT64) || ax.length == 0 || a.size() == 0) {
      return null;
    }
    NdArray out = NdArray.allocate(a.backend(), a.dtype, m.shape.clone());
    if (new Kernel(a.backend()).squaredDeviationSum(out, a, m, ax)) {
      return out;
    }
    out.close();
    return null;
  }

  /**
   * The sum of {@code (a - mean(a))²} over ax (keepdims) in one read of a by the backend's own
   * kernel (float64 moments, not NumPy's two-pass bits); null where the backend has none.
   */
  private static NdArray squaredDeviationSumOnePass(NdArray a, int[] ax) {
    if ((a.dtype != DType.FLOAT32 && a.dtype != DType.FLOAT64) || ax.length == 0 || a.size() == 0) {
      return null;
    }
    long[] kept = a.shape.clone();
    for (int d : ax) {
      kept[d] = 1;
    }
    NdArray out = NdArray.allocate(a.backend(), a.dtype, kept);
    if (new Kernel(a.backend()).squaredDeviationSumOnePass(out, a, ax)) {
      return out;
    }
    out.close();
    return null;
  }

  /**
   * The sum over ax of {@code (a - mean(a))²}: in one read by the backend's kernel where it has
   * one, else NumPy's steps (its mean in a's own float dtype, then the squared deviations summed,
   * by the backend's kernel without the squares' array where it has one).
   */
  private static NdArray squaredDeviations(NdArray a, int[] ax, boolean keepdims) {
    NdArray onePass = squaredDeviationSumOnePass(a, ax);
    if (onePass != null) {
      return keepdims ? onePass : Views.squeeze(onePass, ax);
    }
    // NumPy's _var takes the mean in the input's own float dtype (float16 too, unlike _mean)
    NdArray m = mean(a, ax, true, a.dtype == DType.FLOAT16 ? DType.FLOAT16 : null);
    NdArray direct = squaredDeviationSum(a, m, ax);
    if (direct != null) {
      return keepdims ? direct : Views.squeeze(direct, ax);
    }
    NdArray sq;
    if (a.dtype == DType.FLOAT32 || a.dtype == DType.FLOAT64) {
      // (x - mean)² in one fused pass: one temporary the size of x instead of two
      sq = SQUARED_DEVIATION.apply(a, m);
    } else {
      NdArray dev = a.subtract(m);
      // NumPy's |x - mean|², real for complex x
      sq = a.dtype.isComplex() ? dev.real().square().add(dev.imag().square()) : dev.multiply(dev);
    }
    DType t = a.dtype.isInexact() ? a.dtype.componentType() : DType.FLOAT64;
    return reduce(ReduceOp.SUM, sq, ax, keepdims, t);
  }

  /**
   * NumPy's {@code _var}: mean with keepdims, deviations squared, summed, divided by {@code n -
   * ddof}.
   */
  static NdArray var(NdArray a, int[] axes, int ddof, boolean keepdims, boolean sqrt) {
    a.ensureOpen();
    int[] ax = Axes.normalize(axes, a.ndim());
    int[] perm = memoryOrder(a);
    if (perm != null) {
      // NumPy's deviations follow the input's memory order (its ufuncs allocate in order 'K'), and
      // their sums run along that layout: the same steps on the view in memory order
      return inMemoryOrder(a, perm, ax, keepdims, (p, pax) -> var(p, pax, ddof, true, sqrt));
    }
    try (Scope scope = new Scope()) {
      NdArray s = squaredDeviations(a, ax, keepdims);
      NdArray v = divideByCount(s, Math.max(count(a, ax) - ddof, 0));
      return scope.keep(sqrt ? v.sqrt() : v);
    }
  }
}
