package io.ndj.cuda;

import io.ndj.DType;
import io.ndj.spi.BinaryOp;
import io.ndj.spi.UnaryOp;
import io.ndj.spi.View;

/** The elementwise family: ufuncs of one and two operands and where (elementwise.cuh). */
final class Elementwise extends Launch {
  Elementwise(Launch launch) {
    super(launch);
  }

  void unary(UnaryOp op, View out, View in) {
    long n = out.size();
    if (!op.isPredicate() && fast(in.dtype(), out, in)) {
      // square as x*x and sin/cos by the flat kernels, a 16-byte unit per thread (H100 1e8 in the
      // bench: sin²+cos²
      // float32 1.90 -> 1.46 ms, float64 3.14 -> 2.93; the grid-stride loop trailed CuPy's
      // one-element kernels)
      if (op == UnaryOp.SQUARE && flat(BinaryOp.MULTIPLY, out, in, in, 0, 0.0)) {
        return;
      }
      if ((op == UnaryOp.SIN || op == UnaryOp.COS)
          && launchPerUnit(
              in.dtype() == DType.FLOAT32 ? "k_trig_f32" : "k_trig_f64",
              in.dtype(),
              n,
              Codes.of(op),
              at(out),
              at(in),
              n)) {
        return;
      }
      launch(
          in.dtype() == DType.FLOAT32 ? "k_unary_f32" : "k_unary_f64",
          n,
          Codes.of(op),
          at(out),
          at(in),
          n);
      return;
    }
    launch(
        "k_unary",
        n,
        Geom.of(
            out.shape(),
            new long[][] {out.strides(), in.strides()},
            new long[] {out.offset(), in.offset()}),
        Codes.of(op),
        ptr(out),
        Codes.of(out.dtype()),
        ptr(in),
        Codes.of(in.dtype()),
        n);
  }

  void binary(BinaryOp op, View out, View a, View b) {
    long n = out.size();
    if (!op.isComparison() && fast(a.dtype(), out, a, b)) {
      if (flat(op, out, a, b, 0, 0.0)) {
        return;
      }
      launch(
          a.dtype() == DType.FLOAT32 ? "k_binary_f32" : "k_binary_f64",
          n,
          Codes.of(op),
          at(out),
          at(a),
          at(b),
          0,
          0.0,
          n);
      return;
    }
    launch(
        "k_binary",
        n,
        Geom.of(
            out.shape(),
            new long[][] {out.strides(), a.strides(), b.strides()},
            new long[] {out.offset(), a.offset(), b.offset()}),
        Codes.of(op),
        ptr(out),
        Codes.of(out.dtype()),
        ptr(a),
        ptr(b),
        Codes.of(a.dtype()),
        0,
        0.0,
        0L,
        n);
  }

  void binaryScalar(BinaryOp op, View out, View a, Number scalar, boolean scalarFirst) {
    long n = out.size();
    if (!op.isComparison() && fast(a.dtype(), out, a)) {
      if (flat(op, out, a, a, scalarFirst ? 2 : 1, scalar.doubleValue())) {
        return;
      }
      launch(
          a.dtype() == DType.FLOAT32 ? "k_binary_f32" : "k_binary_f64",
          n,
          Codes.of(op),
          at(out),
          at(a),
          at(a),
          scalarFirst ? 2 : 1,
          scalar.doubleValue(),
          n);
      return;
    }
    launch(
        "k_binary",
        n,
        Geom.of(
            out.shape(),
            new long[][] {out.strides(), a.strides(), new long[a.ndim()]},
            new long[] {out.offset(), a.offset(), 0}),
        Codes.of(op),
        ptr(out),
        Codes.of(out.dtype()),
        ptr(a),
        ptr(a),
        Codes.of(a.dtype()),
        scalarFirst ? 2 : 1,
        scalar.doubleValue(),
        scalar.longValue(),
        n);
  }

  void where(View out, View cond, View a, View b) {
    long n = out.size();
    launch(
        "k_where",
        n,
        Geom.of(
            out.shape(),
            new long[][] {out.strides(), cond.strides(), a.strides(), b.strides()},
            new long[] {out.offset(), cond.offset(), a.offset(), b.offset()}),
        ptr(out),
        ptr(cond),
        ptr(a),
        ptr(b),
        Codes.of(a.dtype()),
        n);
  }

  /**
   * + - * of contiguous float32/float64 operands: k_flat_* runs one thread per 16-byte unit, no
   * loop, op and mode compiled in (CuPy's shape of kernel, which the looping k_binary_* trailed by
   * 2-5% at the copy bandwidth). Returns false for other ops, and for arrays too large for one
   * grid.
   */
  private boolean flat(BinaryOp op, View out, View a, View b, int mode, double scalar) {
    return (op == BinaryOp.ADD || op == BinaryOp.SUBTRACT || op == BinaryOp.MULTIPLY)
        && launchPerUnit(
            a.dtype() == DType.FLOAT32 ? "k_flat_f32" : "k_flat_f64",
            a.dtype(),
            out.size(),
            Codes.of(op),
            at(out),
            at(a),
            at(b),
            mode,
            scalar,
            out.size());
  }

  /**
   * True when every view is C-contiguous and of one float dtype: the kernels then index directly.
   */
  private static boolean fast(DType t, View... views) {
    if (t != DType.FLOAT32 && t != DType.FLOAT64) {
      return false;
    }
    for (View v : views) {
      if (v.dtype() != t || !v.isContiguous() || hasZeroStride(v)) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasZeroStride(View v) {
    for (int i = 0; i < v.ndim(); i++) {
      if (v.strides()[i] == 0 && v.shape()[i] > 1) {
        return true;
      }
    }
    return false;
  }
}
