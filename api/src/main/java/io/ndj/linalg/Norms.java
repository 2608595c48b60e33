package io.ndj.linalg;

import io.ndj.DType;
import io.ndj.Nd;
import io.ndj.NdArray;
import io.ndj.Scope;
import java.util.Arrays;

/** norm and cond, as NumPy composes them from ufuncs and reductions. */
final class Norms {
  private Norms() {}

  static NdArray norm(NdArray x, Object ord, int[] axis, boolean keepdims) {
    if (ord != null && !(ord instanceof Number) && !(ord instanceof String)) {
      throw new IllegalArgumentException("ord must be null, a number, 'fro' or 'nuc': " + ord);
    }
    if (x.dtype().isComplex()) {
      boolean matrix = axis != null ? axis.length == 2 : ord != null && x.ndim() == 2;
      boolean singular =
          "nuc".equals(ord) || ord instanceof Number p && Math.abs(p.doubleValue()) == 2;
      if (matrix && singular) { // the complex SVD's values
        int nd = x.ndim();
        int row = normalize(axis != null ? axis[0] : nd - 2, nd);
        int col = normalize(axis != null ? axis[1] : nd - 1, nd);
        if (row == col) {
          throw new IllegalArgumentException("Duplicate axes given.");
        }
        NdArray r = svdNorm(x, row, col, "nuc".equals(ord) ? 0 : ((Number) ord).doubleValue());
        if (keepdims) {
          long[] shape = x.shape().dims().clone();
          shape[row] = 1;
          shape[col] = 1;
          try (r) {
            return r.reshape(shape);
          }
        }
        return r;
      }
      // every other norm is the same norm of the magnitudes
      try (NdArray m = x.abs()) {
        return norm(m, ord, axis, keepdims);
      }
    }
    try (Scope scope = Nd.scope()) {
      NdArray f = x.dtype().isFloat() ? x : x.astype(DType.FLOAT64);
      int nd = f.ndim();
      if (axis == null) {
        boolean fro = ("fro".equals(ord) || "f".equals(ord)) && nd == 2;
        if (ord == null || fro || (isNumber(ord, 2) && nd == 1)) {
          NdArray r = f.mul(f).sum().sqrt();
          if (keepdims) {
            long[] ones = new long[nd];
            Arrays.fill(ones, 1);
            r = r.reshape(ones);
          }
          return scope.keep(r);
        }
        axis = new int[nd];
        for (int i = 0; i < nd; i++) {
          axis[i] = i;
        }
      }
      NdArray r;
      if (axis.length == 1) {
        r = vector(f, ord, normalize(axis[0], nd), keepdims);
      } else if (axis.length == 2) {
        r = matrix(f, ord, normalize(axis[0], nd), normalize(axis[1], nd), keepdims);
      } else {
        throw new IllegalArgumentException("Improper number of dimensions to norm.");
      }
      return scope.keep(r);
    }
  }

  private static boolean isNumber(Object ord, double v) {
    return ord instanceof Number n && n.doubleValue() == v;
  }

  static int normalize(int axis, int nd) {
    if (axis < -nd || axis >= nd) {
      throw new IllegalArgumentException(
          "axis " + axis + " is out of bounds for array of dimension " + nd);
    }
    return axis < 0 ? axis + nd : axis;
  }

  private static NdArray vector(NdArray x, Object ord, int axis, boolean keepdims) {
    int[] ax = {axis};
    if (ord instanceof String s) {
      throw new IllegalArgumentException("Invalid norm order '" + s + "' for vectors");
    }
    if (ord == null || isNumber(ord, 2)) {
      return x.mul(x).sum(ax, keepdims).sqrt();
    }
    double p = ((Number) ord).doubleValue();
    if (p == Double.POSITIVE_INFINITY) {
      return maxFromZero(x.abs(), ax, keepdims);
    }
    if (p == Double.NEGATIVE_INFINITY) {
      return x.abs().min(ax, keepdims);
    }
    if (p == 0) {
      return x.ne(0).astype(x.dtype()).sum(ax, keepdims);
    }
    if (p == 1) {
      return x.abs().sum(ax, keepdims);
    }
    NdArray sum = x.abs().power(p).sum(ax, keepdims);
    return sum.power(roundTo(sum.dtype(), 1 / p));
  }

  /** 1/p as NumPy's reciprocal(ord, dtype=ret.dtype) gives it. */
  private static double roundTo(DType t, double v) {
    return t == DType.FLOAT32
        ? (float) v
        : t == DType.FLOAT16 ? io.ndj.spi.Float16.toDouble(io.ndj.spi.Float16.fromDouble(v)) : v;
  }

  private static NdArray matrix(NdArray x, Object ord, int row, int col, boolean keepdims) {
    if (row == col) {
      throw new IllegalArgumentException("Duplicate axes given.");
    }
    NdArray r;
    if (ord == null || "fro".equals(ord) || "f".equals(ord)) {
      r = x.mul(x).sum(new int[] {row, col}, false).sqrt();
    } else if ("nuc".equals(ord)) {
      r = svdNorm(x, row, col, 0);
    } else if (ord instanceof Number n) {
      double p = n.doubleValue();
      if (p == 2 || p == -2) {
        r = svdNorm(x, row, col, p);
      } else if (p == 1 || p == -1) {
        NdArray s = x.abs().sum(new int[] {row}, false);
        int c = col > row ? col - 1 : col;
        r = p == 1 ? maxFromZero(s, new int[] {c}, false) : s.min(new int[] {c}, false);
      } else if (p == Double.POSITIVE_INFINITY || p == Double.NEGATIVE_INFINITY) {
        NdArray s = x.abs().sum(new int[] {col}, false);
        int rr = row > col ? row - 1 : row;
        r = p > 0 ? maxFromZero(s, new int[] {rr}, false) : s.min(new int[] {rr}, false);
      } else {
        throw new IllegalArgumentException("Invalid norm order for matrices.");
      }
    } else {
      throw new IllegalArgumentException("Invalid norm order for matrices.");
    }
    if (keepdims) {
      long[] shape = x.shape().dims().clone();
      shape[row] = 1;
      shape[col] = 1;
      r = r.reshape(shape);
    }
    return r;
  }

  /** The largest (2), least (-2) or summed (0: "nuc") singular values over axes row, col. */
  private static NdArray svdNorm(NdArray x, int row, int col, double which) {
    int nd = x.ndim();
    int[] perm = new int[nd];
    int k = 0;
    for (int i = 0; i < nd; i++) {
      if (i != row && i != col) {
        perm[k++] = i;
      }
    }
    perm[k++] = row;
    perm[k] = col;
    NdArray s = Linalg.svdvals(x.transpose(perm));
    int[] last = {s.ndim() - 1};
    return which == 2
        ? maxFromZero(s, last, false)
        : which == -2 ? s.min(last, false) : s.sum(last, false);
  }

  /**
   * NumPy's {@code max(axis, initial=0)} of values that are never negative: 0 over an empty axis,
   * where a plain max raises.
   */
  private static NdArray maxFromZero(NdArray x, int[] axes, boolean keepdims) {
    long[] shape = x.shape().dims();
    for (int a : axes) {
      if (shape[normalize(a, shape.length)] == 0) {
        return x.sum(axes, keepdims).mul(0); // the reduced shape, zeros, x's dtype
      }
    }
    return x.max(axes, keepdims);
  }

  static NdArray cond(NdArray x, Object p) {
    Linalg.stacked2d(x);
    long[] shape = x.shape().dims();
    if (shape[shape.length - 1] * shape[shape.length - 2] == 0) {
      throw new LinAlgError("cond is not defined on empty arrays");
    }
    boolean complex = ComplexLinalg.any(x);
    DType t = complex ? ComplexLinalg.part(ComplexLinalg.type(x)) : Linalg.resultType(x);
    HostStack h = HostStack.of(x);
    ComplexLinalg.Stack cs = complex ? ComplexLinalg.Stack.of(x) : null;
    double[] r;
    if (p == null || isNumber(p, 2) || isNumber(p, -2)) {
      int k = Math.min(h.rows(), h.cols());
      double[] s =
          complex
              ? ComplexLinalg.singularValues(cs, "SVD did not converge")
              : Linalg.singularValues(h, "SVD did not converge");
      r = new double[h.count()];
      for (int i = 0; i < r.length; i++) {
        double big = s[i * k];
        double small = s[i * k + k - 1];
        r[i] = isNumber(p, -2) ? small / big : big / small;
      }
    } else {
      Linalg.stackedSquare(x);
      try (Scope scope = Nd.scope()) {
        NdArray inv;
        if (complex) {
          double[][] ci = ComplexLinalg.inverses(cs, false);
          inv = ComplexLinalg.back(x, ComplexLinalg.type(x), ci[0], ci[1], shape);
        } else {
          inv = HostStack.back(x, t, Linalg.inverses(h, false), shape);
        }
        int[] both = {-2, -1};
        r = norm(x, p, both, false).mul(norm(inv, p, both, false)).toDoubleArray();
      }
    }
    // NaN (a singular matrix) reads as inf unless the matrix itself holds a NaN
    int size = h.rows() * h.cols();
    for (int i = 0; i < r.length; i++) {
      if (Double.isNaN(r[i])) {
        boolean nan = false;
        for (int j = i * size; j < (i + 1) * size && !nan; j++) {
          nan =
              cs == null
                  ? Double.isNaN(h.data()[j])
                  : Double.isNaN(cs.re()[j]) || Double.isNaN(cs.im()[j]);
        }
        r[i] = nan ? Double.NaN : Double.POSITIVE_INFINITY;
      }
    }
    return HostStack.back(x, t, r, h.batch());
  }

  /** NumPy 2's vector_norm: over every element (axis null), one axis, or several as one vector. */
  static NdArray vectorNorm(NdArray x, Object ord, int[] axis, boolean keepdims) {
    if (ord instanceof String s) {
      throw new IllegalArgumentException("Invalid norm order '" + s + "' for vectors");
    }
    Object o = ord == null ? (Object) 2L : ord;
    int nd = x.ndim();
    long[] shape = x.shape().dims();
    int[] reduced;
    NdArray r;
    try (Scope scope = Nd.scope()) {
      if (axis == null) {
        reduced = java.util.stream.IntStream.range(0, nd).toArray();
        r = norm(x.ravel(), o, new int[] {0}, false);
      } else {
        reduced = new int[axis.length];
        boolean[] seen = new boolean[nd];
        for (int i = 0; i < axis.length; i++) {
          reduced[i] = normalize(axis[i], nd);
          if (seen[reduced[i]]) {
            throw new IllegalArgumentException("repeated axis");
          }
          seen[reduced[i]] = true;
        }
        if (axis.length == 1) {
          r = norm(x, o, new int[] {reduced[0]}, false);
        } else {
          // the axes first, as one, then the rest in order (NumPy's transpose and reshape)
          int[] order = new int[nd];
          long[] merged = new long[1 + nd - axis.length];
          merged[0] = 1;
          int k = 0;
          for (int a : reduced) {
            order[k++] = a;
            merged[0] *= shape[a];
          }
          int m = 1;
          for (int a = 0; a < nd; a++) {
            if (!seen[a]) {
              order[k++] = a;
              merged[m++] = shape[a];
            }
          }
          r = norm(x.transpose(order).reshape(merged), o, new int[] {0}, false);
        }
      }
      if (keepdims) {
        long[] kept = shape.clone();
        for (int a : reduced) {
          kept[a] = 1;
        }
        r = r.reshape(kept);
      }
      return scope.keep(r);
    }
  }
}
