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
}
