package io.ndj;

import java.util.Arrays;

/**
 * The metadata-only operations: they compute a new shape, strides and offset over the same buffer.
 */
final class Views {
  private Views() {}

  static NdArray reshape(NdArray a, long[] requested) {
    a.ensureOpen();
    long size = a.size();
    long[] shape = resolveShape(requested, size);
    long[] st =
        size == 0 ? NdArray.contiguousStrides(shape) : noCopyStrides(a.shape, a.strides, shape);
    if (st != null) {
      return a.view(shape, st, a.offset, true);
    }
    try (NdArray c = a.copy()) {
      return c.view(shape, NdArray.contiguousStrides(shape), 0, true);
    }
  }

  private static long[] resolveShape(long[] req, long size) {
    long[] shape = req.clone();
    int unknown = -1;
    long known = 1;
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] < 0) { // NumPy takes any negative length as the unknown one
        if (unknown >= 0) {
          throw new IllegalArgumentException("can only specify one unknown dimension");
        }
        unknown = i;
      } else if (Math.multiplyHigh(known, shape[i]) != 0 || known * shape[i] < 0) {
        // a product past a long is no size an array has
        throw new IllegalArgumentException(
            "cannot reshape array of size " + size + " into shape " + formatRequested(req));
      } else {
        known *= shape[i];
      }
    }
    if (unknown >= 0) {
      if (known == 0 || size % known != 0) {
        throw new IllegalArgumentException(
            "cannot reshape array of size " + size + " into shape " + formatRequested(req));
      }
      shape[unknown] = size / known;
    }
    if (Shape.size(shape) != size) {
      throw new IllegalArgumentException(
          "cannot reshape array of size " + size + " into shape " + formatRequested(req));
    }
    return shape;
  }

  /**
   * The requested shape as NumPy's message prints it: an unknown dimension reads "newaxis", and a
   * leading one is left out ("cannot reshape array of size 7 into shape (2)" for {@code (-1, 2)}).
   */
  private static String formatRequested(long[] req) {
    int from = req.length > 1 && req[0] < 0 ? 1 : 0;
    StringBuilder b = new StringBuilder("(");
    for (int i = from; i < req.length; i++) {
      b.append(i > from ? "," : "").append(req[i] < 0 ? "newaxis" : String.valueOf(req[i]));
    }
    return b.append(req.length == 1 ? ",)" : ")").toString();
  }

  /**
   * NumPy's {@code _attempt_nocopy_reshape}: strides for the new shape without copying, or null.
   */
  static long[] noCopyStrides(long[] oldShape, long[] oldStrides, long[] newShape) {
    int on = 0;
    long[] od = new long[oldShape.length];
    long[] os = new long[oldShape.length];
    for (int i = 0; i < oldShape.length; i++) {
      if (oldShape[i] != 1) {
        od[on] = oldShape[i];
        os[on++] = oldStrides[i];
      }
    }
    int nn = newShape.length;
    long[] ns = new long[nn];
    int oi = 0;
    int oj = 1;
    int ni = 0;
    int nj = 1;
    while (ni < nn && oi < on) {
      long np = newShape[ni];
      long op = od[oi];
      while (np != op) {
        if (np < op) {
          np *= newShape[nj++];
        } else {
          op *= od[oj++];
        }
      }
      for (int ok = oi; ok < oj - 1; ok++) {
        if (os[ok] != od[ok + 1] * os[ok + 1]) {
          return null;
        }
      }
      ns[nj - 1] = os[oj - 1];
      for (int nk = nj - 1; nk > ni; nk--) {
        ns[nk - 1] = ns[nk] * newShape[nk];
      }
      ni = nj++;
      oi = oj++;
    }
    long last = ni >= 1 ? ns[ni - 1] : 1;
    for (int nk = ni; nk < nn; nk++) {
      ns[nk] = last;
    }
    return ns;
  }

  static NdArray transpose(NdArray a, int[] axes) {
    int nd = a.ndim();
    int[] perm = new int[nd];
    if (axes.length == 0) {
      for (int i = 0; i < nd; i++) {
        perm[i] = nd - 1 - i;
      }
    } else {
      if (axes.length != nd) {
        throw new IllegalArgumentException("axes don't match array");
      }
      boolean[] seen = new boolean[nd];
      for (int i = 0; i < nd; i++) {
        perm[i] = Axes.normalize(axes[i], nd);
        if (seen[perm[i]]) {
          throw new IllegalArgumentException("repeated axis in transpose");
        }
        seen[perm[i]] = true;
      }
    }
    return permute(a, perm);
  }

  static NdArray permute(NdArray a, int[] perm) {
    long[] sh = new long[perm.length];
    long[] st = new long[perm.length];
    for (int i = 0; i < perm.length; i++) {
      sh[i] = a.shape[perm[i]];
      st[i] = a.strides[perm[i]];
    }
    return a.view(sh, st, a.offset, true);
  }

  static NdArray swapaxes(NdArray a, int a1, int a2) {
    int nd = a.ndim();
    int x = Axes.normalize(a1, nd);
    int y = Axes.normalize(a2, nd);
    int[] perm = identity(nd);
    perm[x] = y;
    perm[y] = x;
    return permute(a, perm);
  }

  static NdArray moveaxis(NdArray a, int source, int destination) {
    int nd = a.ndim();
    int s = Axes.normalize(source, nd);
    int d = Axes.normalize(destination, nd);
    int[] rest = new int[nd - 1];
    int k = 0;
    for (int i = 0; i < nd; i++) {
      if (i != s) {
        rest[k++] = i;
      }
    }
    int[] perm = new int[nd];
    k = 0;
    for (int i = 0; i < nd; i++) {
      perm[i] = i == d ? s : rest[k++];
    }
    return permute(a, perm);
  }

  private static int[] identity(int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    return p;
  }

  static NdArray expandDims(NdArray a, int axis) {
    int nd = a.ndim() + 1;
    int ax = Axes.normalize(axis, nd);
    long[] sh = new long[nd];
    long[] st = new long[nd];
    for (int i = 0, j = 0; i < nd; i++) {
      if (i == ax) {
        sh[i] = 1;
        st[i] = 0;
      } else {
        sh[i] = a.shape[j];
        st[i] = a.strides[j++];
      }
    }
    return a.view(sh, st, a.offset, true);
  }

  static NdArray squeeze(NdArray a, int[] axes) {
    int nd = a.ndim();
    boolean[] drop = new boolean[nd];
    if (axes.length == 0) {
      for (int i = 0; i < nd; i++) {
        drop[i] = a.shape[i] == 1;
      }
    } else {
      for (int ax : Axes.normalize(axes, nd)) {
        if (a.shape[ax] != 1) {
          throw new IllegalArgumentException(
              "cannot select an axis to squeeze out which has size not equal to one");
        }
        drop[ax] = true;
      }
    }
    int k = 0;
    for (boolean b : drop) {
      k += b ? 0 : 1;
    }
    long[] sh = new long[k];
    long[] st = new long[k];
    for (int i = 0, j = 0; i < nd; i++) {
      if (!drop[i]) {
        sh[j] = a.shape[i];
        st[j++] = a.strides[i];
      }
    }
    return a.view(sh, st, a.offset, true);
  }

  static NdArray broadcastTo(NdArray a, long[] shape) {
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("all elements of broadcast shape must be non-negative");
      }
    }
    if (shape.length < a.ndim()) {
      throw new IllegalArgumentException(
          "input operand has more dimensions than allowed by the axis remapping");
    }
    Broadcast.check(
        a.shape,
        shape,
        "operands could not be broadcast together with remapped shapes [original->remapped]: {from}  and"
            + " requested shape {to}");
    long[] sh = Arrays.copyOf(shape, shape.length);
    Shape.checkedSize(sh, a.dtype); // a view too must have a byte size that fits, as in NumPy
    return a.view(sh, Broadcast.strides(a, sh), a.offset, false);
  }
}
