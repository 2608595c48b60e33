package io.ndj;

import java.util.Arrays;

/** matmul with NumPy's 1-d promotion and batch broadcasting; the other products reduce to it. */
final class LinAlg {
  private LinAlg() {}

  private static final String SIG = "(n?,k),(k,m?)->(n?,m?)";

  static NdArray matmul(NdArray a, NdArray b) {
    a.ensureOpen();
    b.ensureOpen();
    if (a.backend() != b.backend()) {
      throw Ufunc.mixed(a, b);
    }
    for (int i = 0; i < 2; i++) {
      NdArray x = i == 0 ? a : b;
      if (x.ndim() == 0) {
        throw new IllegalArgumentException(
            "matmul: Input operand "
                + i
                + " does not have enough dimensions (has 0, gufunc core with signature "
                + SIG
                + " requires 1)");
      }
    }
    try (Scope scope = new Scope()) {
      NdArray a2 = a.ndim() == 1 ? a.reshape(1, a.shape[0]) : a;
      NdArray b2 = b.ndim() == 1 ? b.reshape(b.shape[0], 1) : b;
      long k = a2.shape[a2.ndim() - 1];
      long kb = b2.shape[b2.ndim() - 2];
      if (k != kb) {
        throw new IllegalArgumentException(
            "matmul: Input operand 1 has a mismatch in its core dimension 0, with"
                + " gufunc signature "
                + SIG
                + " (size "
                + kb
                + " is different from "
                + k
                + ")");
      }
      long[] batch =
          Broadcast.shapes(
              Arrays.copyOf(a2.shape, a2.ndim() - 2), Arrays.copyOf(b2.shape, b2.ndim() - 2));
      DType t = DType.promote(a.dtype, b.dtype);
      NdArray ca = a2.dtype == t ? a2 : a2.astype(t);
      NdArray cb = b2.dtype == t ? b2 : b2.astype(t);
      long n = a2.shape[a2.ndim() - 2];
      long m = b2.shape[b2.ndim() - 1];
      long[] outShape = Arrays.copyOf(batch, batch.length + 2);
      outShape[batch.length] = n;
      outShape[batch.length + 1] = m;
      if (t.isComplex()) {
        // (A + iB)(C + iD) = (AC - BD) + i(AD + BC), four real products on the parts' views
        NdArray ar = ca.real();
        NdArray ai = ca.imag();
        NdArray br = cb.real();
        NdArray bi = cb.imag();
        NdArray re = matmul(ar, br).subtract(matmul(ai, bi));
        NdArray im = matmul(ar, bi).add(matmul(ai, br));
        NdArray r = ComplexMath.assemble(re, im, t);
        if (a.ndim() == 1) {
          r = Views.squeeze(r, new int[] {r.ndim() - 2});
        }
        if (b.ndim() == 1) {
          r = Views.squeeze(r, new int[] {r.ndim() - 1});
        }
        return scope.keep(r);
      }
      NdArray out = NdArray.allocate(a.backend(), t, outShape);
      if (k == 0) {
        new Kernel(a.backend()).fill(out, 0L);
      } else {
        new Kernel(a.backend()).matmul(out, ca, cb, batch);
      }
      NdArray r = out;
      if (a.ndim() == 1) {
        r = Views.squeeze(r, new int[] {r.ndim() - 2});
      }
      if (b.ndim() == 1) {
        r = Views.squeeze(r, new int[] {r.ndim() - 1});
      }
      return scope.keep(r);
    }
  }

  /** Sum over {@code axesA} of a and {@code axesB} of b (pairwise). */
  static NdArray tensordot(NdArray a, NdArray b, int[] axesA, int[] axesB) {
    if (axesA.length != axesB.length) {
      throw new IllegalArgumentException("shape-mismatch for sum");
    }
    int[] xa = new int[axesA.length];
    int[] xb = new int[axesB.length];
    long k = 1;
    for (int i = 0; i < xa.length; i++) {
      xa[i] = Axes.normalize(axesA[i], a.ndim());
      xb[i] = Axes.normalize(axesB[i], b.ndim());
      if (a.shape[xa[i]] != b.shape[xb[i]]) {
        throw new IllegalArgumentException("shape-mismatch for sum");
      }
      k *= a.shape[xa[i]];
    }
    int[] freeA = free(a.ndim(), xa);
    int[] freeB = free(b.ndim(), xb);
    long ma = 1;
    long nb = 1;
    long[] outShape = new long[freeA.length + freeB.length];
    for (int i = 0; i < freeA.length; i++) {
      outShape[i] = a.shape[freeA[i]];
      ma *= outShape[i];
    }
    for (int i = 0; i < freeB.length; i++) {
      outShape[freeA.length + i] = b.shape[freeB[i]];
      nb *= outShape[freeA.length + i];
    }
    try (Scope scope = new Scope()) {
      NdArray at = Views.permute(a, cat(freeA, xa)).reshape(ma, k);
      NdArray bt = Views.permute(b, cat(xb, freeB)).reshape(k, nb);
      return scope.keep(matmul(at, bt).reshape(outShape));
    }
  }

  private static int[] free(int nd, int[] used) {
    return java.util.stream.IntStream.range(0, nd)
        .filter(i -> Arrays.stream(used).noneMatch(u -> u == i))
        .toArray();
  }

  private static int[] cat(int[] x, int[] y) {
    int[] r = Arrays.copyOf(x, x.length + y.length);
    System.arraycopy(y, 0, r, x.length, y.length);
    return r;
  }

  static NdArray dot(NdArray a, NdArray b) {
    if (a.ndim() == 0 || b.ndim() == 0) {
      return a.multiply(b);
    }
    if (a.ndim() <= 2 && b.ndim() <= 2) {
      return matmul(a, b);
    }
    return tensordot(a, b, new int[] {-1}, new int[] {b.ndim() == 1 ? 0 : -2});
  }

  static NdArray inner(NdArray a, NdArray b) {
    if (a.ndim() == 0 || b.ndim() == 0) {
      return a.multiply(b);
    }
    return tensordot(a, b, new int[] {-1}, new int[] {-1});
  }

  /** NumPy's vdot: both flattened, the first conjugated. */
  static NdArray vdot(NdArray a, NdArray b) {
    try (NdArray fa = a.ravel();
        NdArray ca = fa.conj();
        NdArray fb = b.ravel()) {
      return matmul(a.dtype.isComplex() ? ca : fa, fb);
    }
  }

  static NdArray outer(NdArray a, NdArray b) {
    try (NdArray fa = a.reshape(-1, 1);
        NdArray fb = b.reshape(1, -1)) {
      return fa.multiply(fb);
    }
  }

  /**
   * A read-only view of the diagonal {@code offset} of the axes a1, a2, appended as the last axis.
   */
  static NdArray diagonal(NdArray x, long offset, int axis1, int axis2) {
    int nd = x.ndim();
    if (nd < 2) {
      throw new IllegalArgumentException("diag requires an array of at least two dimensions");
    }
    int a1 = Axes.normalize(axis1, nd);
    int a2 = Axes.normalize(axis2, nd);
    if (a1 == a2) {
      throw new IllegalArgumentException("axis1 and axis2 cannot be the same");
    }
    long d1 = x.shape[a1];
    long d2 = x.shape[a2];
    long len = Math.max(0, Math.min(d1 - Math.max(0, -offset), d2 - Math.max(0, offset)));
    long start = x.offset;
    if (len > 0) {
      start += offset >= 0 ? offset * x.strides[a2] : -offset * x.strides[a1];
    }
    long[] shape = new long[nd - 1];
    long[] strides = new long[nd - 1];
    for (int i = 0, k = 0; i < nd; i++) {
      if (i != a1 && i != a2) {
        shape[k] = x.shape[i];
        strides[k++] = x.strides[i];
      }
    }
    shape[nd - 2] = len;
    strides[nd - 2] = x.strides[a1] + x.strides[a2];
    return x.view(shape, strides, start, false);
  }

  static NdArray trace(NdArray x, long offset) {
    try (NdArray d = diagonal(x, offset, 0, 1)) {
      return d.sum(-1);
    }
  }
}
