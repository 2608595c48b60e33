package io.ndj;

import io.ndj.spi.ReduceOp;

/**
 * NumPy's math, logic and matrix-building routines that compose existing ops ({@code around},
 * {@code diff}, {@code ptp}, {@code count_nonzero}, {@code isclose} and friends, {@code average},
 * {@code tri}/{@code tril}/{@code triu}, {@code diag}), each following NumPy 2's implementation so
 * that dtypes and digits match.
 */
final class MathRoutines {
  private MathRoutines() {}

  /**
   * NumPy's {@code around}: floats scaled by {@code 10^decimals}, rounded half to even, scaled
   * back, in their own dtype; integers unchanged for {@code decimals >= 0}, else rounded to a
   * multiple of {@code 10^-decimals} (half to even) in their dtype; bools are refused below zero
   * decimals as NumPy's integer loop refuses them.
   */
  static NdArray around(NdArray x, int decimals) {
    x.ensureOpen();
    if (x.dtype.isBool() && decimals == 0) {
      return x.rint(); // NumPy's rint of bool: float16
    }
    if (x.dtype.isBool()) {
      throw new IllegalArgumentException(
          "Cannot cast ufunc '"
              + (decimals >= 0 ? "multiply" : "divide")
              + "' output from dtype('float64') to dtype('bool') with casting rule 'same_kind'");
    }
    if (!x.dtype.isFloat()) {
      if (decimals >= 0) {
        return x.copy();
      }
      try (Scope scope = new Scope()) {
        double f = Math.pow(10, -decimals);
        NdArray r = x.astype(DType.FLOAT64).divide(f).rint().multiply(f);
        return scope.keep(r.astype(x.dtype));
      }
    }
    try (Scope scope = new Scope()) {
      if (decimals >= 0) {
        double f = Math.pow(10, decimals);
        return scope.keep(x.multiply(f).rint().divide(f));
      }
      double f = Math.pow(10, -decimals);
      return scope.keep(x.divide(f).rint().multiply(f));
    }
  }

  /**
   * NumPy's {@code diff}: the {@code n}-th difference along {@code axis}, after joining {@code
   * prepend} and {@code append} (either may be null; a 0-d one is broadcast to one slice); bools
   * compare with not_equal.
   */
  static NdArray diff(NdArray x, int n, int axis, NdArray prepend, NdArray append) {
    x.ensureOpen();
    if (n < 0) {
      throw new IllegalArgumentException("order must be non-negative but got " + n);
    }
    if (n == 0) {
      return x.copy();
    }
    if (x.ndim() == 0) {
      throw new IllegalArgumentException("diff requires input that is at least one dimensional");
    }
    int ax = Axes.normalize(axis, x.ndim());
    try (Scope scope = new Scope()) {
      NdArray a = x;
      if (prepend != null || append != null) {
        java.util.List<NdArray> parts = new java.util.ArrayList<>();
        if (prepend != null) {
          parts.add(slice(prepend, x, ax));
        }
        parts.add(x);
        if (append != null) {
          parts.add(slice(append, x, ax));
        }
        a = Nd.concatenate(parts, ax);
      }
      for (int i = 0; i < n; i++) {
        long len = a.shape[ax];
        NdArray hi = a.get(axisSlice(a.ndim(), ax, 1, Math.max(len, 1)));
        NdArray lo = a.get(axisSlice(a.ndim(), ax, 0, Math.max(len - 1, 0)));
        a = a.dtype.isBool() ? hi.ne(lo) : hi.subtract(lo);
      }
      return scope.keep(a);
    }
  }

  /** A 0-d prepend/append broadcast to x's shape with one slice along the axis. */
  private static NdArray slice(NdArray v, NdArray x, int ax) {
    if (v.ndim() != 0) {
      return v;
    }
    long[] shape = x.shape.clone();
    shape[ax] = 1;
    return v.broadcastTo(shape);
  }

  private static Index[] axisSlice(int ndim, int ax, long start, long stop) {
    Index[] ix = new Index[ndim];
    for (int i = 0; i < ndim; i++) {
      ix[i] = i == ax ? Index.slice(start, stop) : Index.all();
    }
    return ix;
  }

  /** NumPy's {@code ptp}: max minus min over {@code axes}, in the input's dtype (integers wrap). */
  static NdArray ptp(NdArray x, int[] axes, boolean keepdims) {
    try (NdArray hi = Reductions.reduce(ReduceOp.MAX, x, axes, keepdims, null);
        NdArray lo = Reductions.reduce(ReduceOp.MIN, x, axes, keepdims, null)) {
      return hi.subtract(lo);
    }
  }

  /** NumPy's {@code count_nonzero}: int64 counts of the non-zero elements over {@code axes}. */
  static NdArray countNonzero(NdArray x, int[] axes, boolean keepdims) {
    try (NdArray nz = x.astype(DType.BOOL)) {
      return Reductions.reduce(ReduceOp.SUM, nz, axes, keepdims, DType.INT64);
    }
  }

  /**
   * NumPy's {@code isclose}: {@code |a - b| <= atol + rtol * |b|} where b is finite, or {@code a ==
   * b}, or both NaN when {@code equalNan}; b is taken as a float (float64 for integers), and the
   * tolerances are weak scalars.
   */
  static NdArray isclose(NdArray a, NdArray b, double rtol, double atol, boolean equalNan) {
    a.ensureOpen();
    b.ensureOpen();
    try (Scope scope = new Scope()) {
      NdArray y = b.dtype.isFloat() ? b : b.astype(DType.FLOAT64);
      NdArray close =
          a.subtract(y).abs().le(y.abs().multiply(rtol).add(atol)).logicalAnd(y.isfinite());
      NdArray r = close.logicalOr(a.eq(y));
      if (equalNan) {
        r = r.logicalOr(a.isnan().logicalAnd(y.isnan()));
      }
      return scope.keep(r);
    }
  }

  static boolean allclose(NdArray a, NdArray b, double rtol, double atol, boolean equalNan) {
    try (NdArray c = isclose(a, b, rtol, atol, equalNan);
        NdArray all = c.all()) {
      return all.booleanValue();
    }
  }

  /**
   * NumPy's {@code array_equal}: same shape and equal elements (NaN equal to NaN when {@code
   * equalNan}).
   */
  static boolean arrayEqual(NdArray a, NdArray b, boolean equalNan) {
    a.ensureOpen();
    b.ensureOpen();
    if (!java.util.Arrays.equals(a.shape, b.shape)) {
      return false;
    }
    try (Scope scope = new Scope()) {
      NdArray eq = a.eq(b);
      if (equalNan && (a.dtype.isFloat() || b.dtype.isFloat())) {
        eq = eq.logicalOr(a.isnan().logicalAnd(b.isnan()));
      }
      return eq.all().booleanValue();
    }
  }

  /**
   * NumPy's {@code array_equiv}: equal after broadcasting the shapes together; false where they do
   * not broadcast.
   */
  static boolean arrayEquiv(NdArray a, NdArray b) {
    try {
      Broadcast.shapes(a.shape, b.shape);
    } catch (IllegalArgumentException e) {
      return false;
    }
    try (NdArray eq = a.eq(b);
        NdArray all = eq.all()) {
      return all.booleanValue();
    }
  }

  /**
   * NumPy's {@code average}: the mean, or with {@code weights} (x's shape, or 1-d along a single
   * axis) {@code sum(x * w) / sum(w)} in the promoted dtype (at least float64 for integer x).
   */
  static NdArray average(NdArray x, int[] axes, NdArray weights, boolean keepdims) {
    x.ensureOpen();
    if (weights == null) {
      return Reductions.mean(x, axes, keepdims, null);
    }
    weights.ensureOpen();
    int[] ax = axes == null ? null : Axes.normalize(axes, x.ndim());
    try (Scope scope = new Scope()) {
      NdArray w = weights;
      if (!java.util.Arrays.equals(x.shape, weights.shape)) {
        if (ax == null) {
          throw new IllegalArgumentException(
              "Axis must be specified when shapes of a and weights differ.");
        }
        if (weights.ndim() != ax.length) {
          throw new IllegalArgumentException(
              "Shape of weights must be consistent with shape of a along specified axis.");
        }
        long[] shape = new long[x.ndim()];
        java.util.Arrays.fill(shape, 1);
        for (int i = 0; i < ax.length; i++) {
          if (weights.shape[i] != x.shape[ax[i]]) {
            throw new IllegalArgumentException(
                "Shape of weights must be consistent with shape of a along specified axis.");
          }
          shape[ax[i]] = weights.shape[i];
        }
        w = weights.reshape(shape);
      }
      DType t = DType.promote(x.dtype, weights.dtype);
      if (!x.dtype.isFloat()) {
        t = DType.promote(t, DType.FLOAT64);
      }
      NdArray wt = w.astype(t);
      NdArray scl = Reductions.reduce(ReduceOp.SUM, wt.broadcastTo(x.shape), ax, keepdims, t);
      if (scl.eq(0.0).any().booleanValue()) {
        throw new ArithmeticException("Weights sum to zero, can't be normalized");
      }
      NdArray num = Reductions.reduce(ReduceOp.SUM, x.astype(t).multiply(wt), ax, keepdims, t);
      return scope.keep(num.divide(scl));
    }
  }

  /**
   * NumPy's {@code tri}: ones at and below the {@code k}-th diagonal of an n x m array of {@code
   * dtype}.
   */
  static NdArray tri(Backend b, long n, long m, long k, DType dtype) {
    try (Scope scope = new Scope()) {
      NdArray rows = b.arange(n).reshape(n, 1);
      NdArray cols = b.arange(m).reshape(1, m);
      return scope.keep(cols.le(rows.add(k)).astype(dtype));
    }
  }

  /**
   * NumPy's {@code tril} ({@code lower}) and {@code triu}: x with the elements above (below) the
   * {@code k}-th diagonal of its last two axes zeroed; a 1-d x of length n is a row broadcast to n
   * x n, as in NumPy.
   */
  static NdArray triangle(NdArray x, long k, boolean lower) {
    x.ensureOpen();
    if (x.ndim() == 0) {
      throw new IllegalArgumentException("tri() missing 1 required positional argument: 'N'");
    }
    long m = x.shape[x.ndim() - 1];
    long n = x.ndim() == 1 ? m : x.shape[x.ndim() - 2];
    try (Scope scope = new Scope()) {
      // the kept elements' mask at once (column j of row i: j <= i + k for tril, j >= i + k for
      // triu), without tri's cast and a negation: two passes over the mask fewer
      NdArray rows = x.backend().arange(n).reshape(n, 1).add(k);
      NdArray cols = x.backend().arange(m).reshape(1, m);
      NdArray keep = lower ? cols.le(rows) : cols.ge(rows);
      return scope.keep(Selection.where(keep, x, x.backend().zeros(x.dtype)));
    }
  }

  /**
   * NumPy's {@code diag}: the {@code k}-th diagonal of a 2-d array (a copy), or a square 2-d array
   * with a 1-d {@code v} on its {@code k}-th diagonal.
   */
  static NdArray diag(NdArray v, long k) {
    v.ensureOpen();
    if (v.ndim() == 2) {
      try (NdArray d = v.diagonal(k, 0, 1)) {
        return d.copy();
      }
    }
    if (v.ndim() != 1) {
      throw new IllegalArgumentException("Input must be 1- or 2-d.");
    }
    long n = v.shape[0] + Math.abs(k);
    NdArray out = v.backend().zeros(v.dtype, n, n);
    if (v.shape[0] > 0) {
      try (Scope scope = new Scope()) {
        NdArray i = v.backend().arange(v.shape[0]);
        NdArray flat = i.add(Math.max(-k, 0)).multiply(n).add(i.add(Math.max(k, 0)));
        out.put(flat, v);
      }
    }
    return out;
  }

  /**
   * NumPy's {@code atleast_1d/2d/3d}: x viewed with at least {@code n} dimensions, as NumPy pads
   * the shape.
   */
  static NdArray atleast(NdArray x, int n) {
    x.ensureOpen();
    long[] s = x.shape;
    long[] shape =
        switch (n) {
          case 1 -> s.length == 0 ? new long[] {1} : s.clone();
          case 2 ->
              s.length == 0 ? new long[] {1, 1} : s.length == 1 ? new long[] {1, s[0]} : s.clone();
          default ->
              s.length == 0
                  ? new long[] {1, 1, 1}
                  : s.length == 1
                      ? new long[] {1, s[0], 1}
                      : s.length == 2 ? new long[] {s[0], s[1], 1} : s.clone();
        };
    return x.reshape(shape);
  }

  /**
   * NumPy's {@code column_stack}: 1-d arrays as columns, 2-d ones as they are, joined along axis 1.
   */
  static NdArray columnStack(java.util.List<NdArray> arrays) {
    try (Scope scope = new Scope()) {
      java.util.List<NdArray> cols = new java.util.ArrayList<>();
      for (NdArray a : arrays) {
        a.ensureOpen();
        cols.add(a.ndim() < 2 ? atleast(a, 1).reshape(-1, 1) : a);
      }
      return scope.keep(Nd.concatenate(cols, 1));
    }
  }

  /** NumPy's {@code dstack}: each array at least 3-d, joined along axis 2. */
  static NdArray dstack(java.util.List<NdArray> arrays) {
    try (Scope scope = new Scope()) {
      return scope.keep(Nd.concatenate(arrays.stream().map(a -> atleast(a, 3)).toList(), 2));
    }
  }

  /**
   * NumPy's {@code append}: both flattened and joined ({@code axis} null), or joined along {@code
   * axis}.
   */
  static NdArray append(NdArray arr, NdArray values, Integer axis) {
    try (Scope scope = new Scope()) {
      if (axis == null) {
        return scope.keep(Nd.concatenate(java.util.List.of(arr.ravel(), values.ravel()), 0));
      }
      return scope.keep(Nd.concatenate(java.util.List.of(arr, values), axis));
    }
  }

  /** NumPy's {@code logspace}: {@code base ** linspace(start, stop, num, endpoint)}, float64. */
  static NdArray logspace(
      Backend b, double start, double stop, long num, boolean endpoint, double base) {
    try (NdArray y = b.linspace(start, stop, num, endpoint, DType.FLOAT64)) {
      return Nd.power(base, y);
    }
  }

  /**
   * NumPy's {@code nan_to_num}: NaN, +inf and -inf replaced (by default with 0 and the dtype's
   * largest and smallest finite values); integers and bools copied.
   */
  static NdArray nanToNum(NdArray x, double nan, Double posinf, Double neginf) {
    x.ensureOpen();
    if (!x.dtype.isFloat()) {
      return x.copy();
    }
    double max =
        switch (x.dtype) {
          case FLOAT16 -> 65504.0;
          case FLOAT32 -> Float.MAX_VALUE;
          default -> Double.MAX_VALUE;
        };
    Backend b = x.backend();
    try (Scope scope = new Scope()) {
      NdArray r = Selection.where(x.isnan(), b.full(nan, x.dtype), x);
      NdArray inf = x.isinf();
      r =
          Selection.where(
              inf.logicalAnd(x.gt(0.0)), b.full(posinf != null ? posinf : max, x.dtype), r);
      r =
          Selection.where(
              inf.logicalAnd(x.lt(0.0)), b.full(neginf != null ? neginf : -max, x.dtype), r);
      return scope.keep(r);
    }
  }

  /**
   * NumPy's {@code heaviside}: 0 where x1 < 0, x2 where x1 == 0, 1 where x1 > 0, NaN where x1 is
   * NaN; in the smallest float dtype holding both (NumPy's loops are float-only).
   */
  static NdArray heaviside(NdArray x1, NdArray x2) {
    x1.ensureOpen();
    x2.ensureOpen();
    DType t = DType.promote(x1.dtype.floatLoop(), x2.dtype.floatLoop()); // each input fits its loop
    Backend b = x1.backend();
    try (Scope scope = new Scope()) {
      NdArray a = x1.astype(t);
      NdArray c = x2.astype(t);
      NdArray r = Selection.where(a.gt(0.0), b.ones(t), c);
      r = Selection.where(a.lt(0.0), b.zeros(t), r);
      return scope.keep(Selection.where(a.isnan(), b.full(Double.NaN, t), r));
    }
  }

  /**
   * NumPy's {@code reciprocal}: {@code 1/x} in a float dtype; for integers {@code 1.0/x} truncated
   * toward zero into x's dtype, as NumPy's integer loop computes it (the reciprocal of 0 is
   * unspecified there).
   */
  static NdArray reciprocal(NdArray x) {
    x.ensureOpen();
    if (x.dtype.isFloat()) {
      return Nd.divide(1, x);
    }
    try (NdArray r = Nd.divide(1.0, x)) {
      return r.astype(x.dtype);
    }
  }

  /**
   * NumPy's {@code deg2rad} ({@code radians}) and {@code rad2deg} ({@code degrees}): a product with
   * NumPy's constant for the dtype (float64: pi/180 or 180/pi; float32 and float16, which NumPy
   * computes in float32: the float32 quotient of 180 and pi), rounded once.
   */
  static NdArray angle(NdArray x, boolean toRadians) {
    x.ensureOpen();
    DType t = x.dtype.floatLoop();
    if (t == DType.FLOAT64) {
      return x.multiply(toRadians ? Math.PI / 180 : 180 / Math.PI);
    }
    float c = toRadians ? (float) Math.PI / 180f : 180f / (float) Math.PI;
    try (NdArray f = x.astype(DType.FLOAT32);
        NdArray r = f.multiply((double) c)) {
      return r.astype(t);
    }
  }

  /**
   * NumPy's {@code logaddexp} ({@code log(exp(x1) + exp(x2))}) and {@code logaddexp2} (base 2),
   * without overflow: the larger operand plus {@code log1p(exp(-|x1 - x2|))}, {@code x1 + log(2)}
   * where they are equal (infinities of one sign), NaN where either is. Computed in float64 and
   * rounded once to the dtype (each operand's smallest float, promoted).
   */
  static NdArray logaddexp(NdArray x1, NdArray x2, boolean base2) {
    x1.ensureOpen();
    x2.ensureOpen();
    DType t = DType.promote(x1.dtype.floatLoop(), x2.dtype.floatLoop());
    try (Scope scope = new Scope()) {
      NdArray a = x1.astype(DType.FLOAT64);
      NdArray b = x2.astype(DType.FLOAT64);
      NdArray d = a.subtract(b);
      NdArray larger = Selection.where(d.gt(0.0), a, b);
      NdArray e = base2 ? d.abs().negative().exp2() : d.abs().negative().exp();
      NdArray tail = base2 ? e.log1p().multiply(1 / Math.log(2)) : e.log1p();
      NdArray r = larger.add(tail);
      NdArray same = a.add(base2 ? 1.0 : Math.log(2));
      return scope.keep(Selection.where(a.eq(b), same, r).astype(t));
    }
  }

  /**
   * NumPy's {@code sinc}: {@code sin(pi x) / (pi x)}, as NumPy writes it: {@code y = pi * x}, the
   * dtype's machine epsilon where y is 0 (so 1 at 0), then {@code sin(y) / y}; integers give
   * float64.
   */
  static NdArray sinc(NdArray x) {
    x.ensureOpen();
    try (Scope scope = new Scope()) {
      NdArray px = x.multiply(Math.PI);
      double eps =
          switch (px.dtype) {
            case FLOAT16 -> 0x1p-10;
            case FLOAT32 -> 0x1p-23;
            default -> 0x1p-52;
          };
      NdArray y = Selection.where(px.ne(0L), px, x.backend().full(eps, px.dtype));
      return scope.keep(y.sin().divide(y));
    }
  }

  /**
   * NumPy's {@code modf}: the fractional and integral parts, both with x's sign ({@code modf(-0.5)}
   * is (-0.5, -0.0), {@code modf(-inf)} is (-0.0, -inf)), in x's float dtype.
   */
  static NdArray[] modf(NdArray x) {
    x.ensureOpen();
    try (Scope scope = new Scope()) {
      NdArray f = x.astype(x.dtype.floatLoop());
      NdArray whole = f.trunc();
      NdArray zero = x.backend().zeros(f.dtype);
      NdArray frac = Selection.where(f.isinf(), zero, f.subtract(whole)).copysign(f);
      return new NdArray[] {scope.keep(frac), scope.keep(whole)};
    }
  }

  /**
   * NumPy's {@code frexp}: mantissas in [0.5, 1) with x's sign (x's float type) and int32
   * exponents, {@code x == m * 2**e}; 0, inf and NaN give themselves and 0. On the backend's own
   * kernels: the exponent from log2, then made exact by one step either way and ldexp (which scales
   * subnormals without overflow).
   */
  static NdArray[] frexp(NdArray x) {
    x.ensureOpen();
    try (Scope scope = new Scope()) {
      DType ft = x.dtype.floatLoop();
      NdArray d = x.astype(DType.FLOAT64);
      NdArray a = d.abs();
      NdArray ok = a.gt(0.0).logicalAnd(d.isfinite());
      NdArray one = x.backend().ones(DType.FLOAT64);
      NdArray e = Selection.where(ok, a, one).log2().floor().add(1.0).astype(DType.INT32);
      NdArray m = d.ldexp(e.negative());
      NdArray big = m.abs().ge(1.0);
      e = Selection.where(big, e.add(1L), e);
      m = Selection.where(big, m.multiply(0.5), m);
      NdArray small = m.abs().lt(0.5).logicalAnd(ok);
      e = Selection.where(small, e.subtract(1L), e);
      m = Selection.where(small, m.multiply(2.0), m);
      NdArray mant = Selection.where(ok, m, d).astype(ft);
      NdArray exp = Selection.where(ok, e, x.backend().zeros(DType.INT32));
      return new NdArray[] {scope.keep(mant), scope.keep(exp)};
    }
  }

  /** NumPy's {@code divmod}: {@code floor_divide} and {@code remainder} of the same operands. */
  static NdArray[] divmod(NdArray x1, NdArray x2) {
    NdArray q = x1.floorDivide(x2);
    try {
      return new NdArray[] {q, x1.mod(x2)};
    } catch (RuntimeException e) {
      q.close();
      throw e;
    }
  }
}
