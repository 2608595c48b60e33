package io.ndj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Joining, splitting and rearranging: new arrays built with the copy kernel, or views where NumPy
 * gives views.
 */
final class Joins {
  private Joins() {}

  static NdArray concatenate(NdArray[] arrays, int axis) {
    if (arrays.length == 0) {
      throw new IllegalArgumentException("need at least one array to concatenate");
    }
    NdArray first = arrays[0];
    for (NdArray x : arrays) {
      x.ensureOpen();
      if (x.backend() != first.backend()) {
        throw Ufunc.mixed(first, x);
      }
    }
    int nd = first.ndim();
    if (nd == 0) {
      throw new IllegalArgumentException("zero-dimensional arrays cannot be concatenated");
    }
    int ax = Axes.normalize(axis, nd);
    DType t = first.dtype;
    long total = 0;
    for (int i = 0; i < arrays.length; i++) {
      NdArray x = arrays[i];
      if (x.ndim() != nd) {
        throw new IllegalArgumentException(
            "all the input arrays must have same number of dimensions, but the array at index 0 has "
                + nd
                + " dimension(s) and the array at index "
                + i
                + " has "
                + x.ndim()
                + " dimension(s)");
      }
      for (int d = 0; d < nd; d++) {
        if (d != ax && x.shape[d] != first.shape[d]) {
          throw new IllegalArgumentException(
              "all the input array dimensions except for the concatenation axis must match exactly, but along"
                  + " dimension "
                  + d
                  + ", the array at index 0 has size "
                  + first.shape[d]
                  + " and the array at index "
                  + i
                  + " has size "
                  + x.shape[d]);
        }
      }
      t = DType.promote(t, x.dtype);
      total += x.shape[ax];
      if (total
          < 0) { // a sum past a long is a size NumPy refuses as too big, never a negative dimension
        long[] past = first.shape.clone();
        past[ax] = Long.MAX_VALUE;
        throw Shape.tooBig(past, t);
      }
    }
    long[] shape = first.shape.clone();
    shape[ax] = total;
    NdArray out = NdArray.allocate(first.backend(), t, shape);
    Kernel k = new Kernel(first.backend());
    long at = 0;
    for (NdArray x : arrays) {
      try (NdArray dst = slice(out, ax, at, at + x.shape[ax])) {
        k.copy(dst, x);
      }
      at += x.shape[ax];
    }
    return out;
  }

  /** {@code x[..., lo:hi, ...]} along {@code axis}, as a view. */
  static NdArray slice(NdArray x, int axis, long lo, long hi) {
    Index[] ix = new Index[x.ndim()];
    Arrays.fill(ix, Index.all());
    ix[axis] = Index.slice(lo, hi);
    return Indexing.get(x, ix);
  }

  static NdArray stack(NdArray[] arrays, int axis) {
    if (arrays.length == 0) {
      throw new IllegalArgumentException("need at least one array to stack");
    }
    for (NdArray x : arrays) {
      if (!Arrays.equals(x.shape, arrays[0].shape)) {
        throw new IllegalArgumentException("all input arrays must have the same shape");
      }
    }
    int ax = Axes.normalize(axis, arrays[0].ndim() + 1);
    try (Scope scope = new Scope()) {
      NdArray[] ex = new NdArray[arrays.length];
      for (int i = 0; i < ex.length; i++) {
        ex[i] = arrays[i].expandDims(ax);
      }
      return scope.keep(concatenate(ex, ax));
    }
  }

  static NdArray hstack(NdArray[] arrays) {
    boolean oneD = arrays.length > 0 && arrays[0].ndim() <= 1;
    try (Scope scope = new Scope()) {
      NdArray[] a = atLeast(arrays, 1);
      return scope.keep(concatenate(a, oneD ? 0 : 1));
    }
  }

  static NdArray vstack(NdArray[] arrays) {
    try (Scope scope = new Scope()) {
      return scope.keep(concatenate(atLeast(arrays, 2), 0));
    }
  }

  private static NdArray[] atLeast(NdArray[] arrays, int nd) {
    NdArray[] r = new NdArray[arrays.length];
    for (int i = 0; i < r.length; i++) {
      NdArray x = arrays[i];
      if (x.ndim() >= nd) {
        r[i] = x;
      } else if (x.ndim() == 0) {
        r[i] = nd == 1 ? x.reshape(1) : x.reshape(1, 1);
      } else {
        r[i] = x.reshape(1, x.shape[0]);
      }
    }
    return r;
  }

  /** NumPy's array_split: sections of sizes n/k rounded, the first n%k one larger. */
  static List<NdArray> split(NdArray x, int sections, int axis, boolean equal) {
    int ax = Axes.normalize(axis, x.ndim());
    long n = x.shape[ax];
    if (sections <= 0) {
      throw new IllegalArgumentException("number sections must be larger than 0.");
    }
    if (equal && n % sections != 0) {
      throw new IllegalArgumentException("array split does not result in an equal division");
    }
    long each = n / sections;
    long extra = n % sections;
    long[] bounds = new long[sections - 1];
    long at = 0;
    for (int i = 0; i < sections - 1; i++) {
      at += each + (i < extra ? 1 : 0);
      bounds[i] = at;
    }
    return split(x, bounds, ax);
  }

  static List<NdArray> split(NdArray x, long[] indices, int axis) {
    int ax = Axes.normalize(axis, x.ndim());
    long n = x.shape[ax];
    List<NdArray> out = new ArrayList<>();
    long prev = 0;
    for (int i = 0; i <= indices.length; i++) {
      long end = i < indices.length ? Math.min(Math.max(indices[i], 0), n) : n;
      long start = Math.min(prev, n);
      out.add(slice(x, ax, start, Math.max(start, end)));
      prev = Math.max(prev, end);
    }
    return out;
  }

  static NdArray tile(NdArray x, long[] reps) {
    int nd = Math.max(x.ndim(), reps.length);
    long[] shape = new long[nd];
    long[] r = new long[nd];
    Arrays.fill(shape, 1);
    Arrays.fill(r, 1);
    System.arraycopy(x.shape, 0, shape, nd - x.ndim(), x.ndim());
    System.arraycopy(reps, 0, r, nd - reps.length, reps.length);
    long[] inter = new long[2 * nd];
    long[] bcast = new long[2 * nd];
    long[] result = new long[nd];
    for (int i = 0; i < nd; i++) {
      inter[2 * i] = 1;
      inter[2 * i + 1] = shape[i];
      bcast[2 * i] = r[i];
      bcast[2 * i + 1] = shape[i];
      result[i] = r[i] * shape[i];
    }
    try (NdArray a = x.reshape(inter);
        NdArray b = a.broadcastTo(bcast);
        NdArray c = b.copy()) {
      return c.reshape(result);
    }
  }

  static NdArray repeat(NdArray x, long repeats, Integer axis) {
    if (repeats < 0) {
      throw new IllegalArgumentException("negative dimensions are not allowed");
    }
    try (Scope scope = new Scope()) {
      NdArray src = axis == null ? x.ravel() : x;
      int ax = axis == null ? 0 : Axes.normalize(axis, x.ndim());
      long[] bshape = Arrays.copyOf(src.shape, src.ndim() + 1);
      System.arraycopy(src.shape, ax + 1, bshape, ax + 2, src.ndim() - ax - 1);
      bshape[ax] = src.shape[ax];
      bshape[ax + 1] = repeats;
      long[] result = src.shape.clone();
      result[ax] *= repeats;
      NdArray e = src.expandDims(ax + 1).broadcastTo(bshape).copy();
      return scope.keep(e.reshape(result));
    }
  }

  static NdArray flip(NdArray x, int[] axes) {
    int[] ax = Axes.normalize(axes.length == 0 ? null : axes, x.ndim());
    Index[] ix = new Index[x.ndim()];
    Arrays.fill(ix, Index.all());
    for (int a : ax) {
      ix[a] = Index.slice(null, null, -1L);
    }
    return Indexing.get(x, ix);
  }

  static NdArray roll(NdArray x, long shift, Integer axis) {
    if (axis == null) {
      try (NdArray flat = x.ravel();
          NdArray r = roll(flat, shift, 0)) {
        return r.reshape(x.shape);
      }
    }
    int ax = Axes.normalize(axis, x.ndim());
    long n = x.shape[ax];
    if (n == 0) {
      return x.copy();
    }
    long s = Math.floorMod(shift, n);
    try (NdArray tail = slice(x, ax, n - s, n);
        NdArray head = slice(x, ax, 0, n - s)) {
      return concatenate(new NdArray[] {tail, head}, ax);
    }
  }

  /** Constant padding: {@code widths[i] = {before, after}} for every axis. */
  static NdArray pad(NdArray x, long[][] widths, Number value) {
    if (widths.length != x.ndim()) {
      throw new IllegalArgumentException(
          "operands could not be broadcast together with remapped shapes [original->remapped]: ("
              + widths.length
              + ",2)  and requested shape ("
              + x.ndim()
              + ",2)");
    }
    long[] shape = x.shape.clone();
    Index[] ix = new Index[x.ndim()];
    for (int i = 0; i < shape.length; i++) {
      if (widths[i][0] < 0 || widths[i][1] < 0) {
        throw new IllegalArgumentException("index can't contain negative values");
      }
      shape[i] += widths[i][0] + widths[i][1];
      ix[i] = Index.slice(widths[i][0], widths[i][0] + x.shape[i]);
    }
    NdArray out = x.backend().full(value, x.dtype, shape);
    try (NdArray center = Indexing.get(out, ix)) {
      new Kernel(x.backend()).copy(center, x);
    }
    return out;
  }
}
