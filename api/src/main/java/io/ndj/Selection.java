package io.ndj;

/** where(cond, a, b). */
final class Selection {
  private Selection() {}

  static NdArray where(NdArray cond, NdArray a, NdArray b) {
    cond.ensureOpen();
    a.ensureOpen();
    b.ensureOpen();
    if (a.backend() != b.backend()) {
      throw Ufunc.mixed(a, b);
    }
    if (cond.backend() != a.backend()) {
      throw Ufunc.mixed(cond, a);
    }
    DType t = DType.promote(a.dtype, b.dtype);
    long[] shape = Broadcast.shapes(cond.shape, a.shape, b.shape);
    try (Scope scope = new Scope()) {
      NdArray c = cond.dtype == DType.BOOL ? cond : cond.astype(DType.BOOL);
      NdArray ca = a.dtype == t ? a : a.astype(t);
      NdArray cb = b.dtype == t ? b : b.astype(t);
      NdArray out = NdArray.allocate(a.backend(), t, shape);
      new Kernel(a.backend()).where(out, c, ca, cb);
      return scope.keep(out);
    }
  }

  /** The multi-indices of the non-zero elements, as an int64 array of shape (count, ndim). */
  static NdArray argwhere(NdArray x) {
    x.ensureOpen();
    long count;
    if (x.dtype == DType.BOOL) {
      try (NdArray c = x.sum()) {
        count = c.longValue();
      }
    } else {
      try (NdArray nz = x.astype(DType.BOOL);
          NdArray c = nz.sum()) {
        count = c.longValue();
      }
    }
    NdArray out = NdArray.allocate(x.backend(), DType.INT64, new long[] {count, x.ndim()});
    new Kernel(x.backend()).nonzero(out, x);
    return out;
  }

  /**
   * One int64 array per axis with the indices of the non-zero elements (NumPy's {@code nonzero}).
   */
  static NdArray[] nonzero(NdArray x) {
    if (x.ndim() == 0) {
      throw new IllegalArgumentException(
          "Calling nonzero on 0d arrays is not allowed. Use np.atleast_1d(scalar).nonzero() instead.");
    }
    try (NdArray all = argwhere(x)) {
      NdArray[] r = new NdArray[x.ndim()];
      for (int d = 0; d < r.length; d++) {
        try (NdArray col = all.get(Index.all(), Index.at(d))) {
          r[d] = col.copy();
        }
      }
      return r;
    }
  }
}
