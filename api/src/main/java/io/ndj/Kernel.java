package io.ndj;

import io.ndj.spi.BinaryOp;
import io.ndj.spi.DataOp;
import io.ndj.spi.Kernels;
import io.ndj.spi.ReduceOp;
import io.ndj.spi.UnaryOp;

/**
 * The one place {@code io.ndj} calls a backend's kernels: checks the declared capability, then builds the views
 * (inputs broadcast to the output's shape).
 */
final class Kernel {
  private final Backend backend;
  private final Kernels k;

  Kernel(Backend backend) {
    this.backend = backend;
    this.k = backend.kernels();
  }

  void copy(NdArray out, NdArray in) {
    backend.require(DataOp.COPY, in.dtype);
    if (out.size() == 0) {
      return;
    }
    k.copy(out.spi(), in.spi(out.shape));
  }

  void fill(NdArray out, Number value) {
    backend.require(DataOp.FILL, out.dtype);
    if (out.size() == 0) {
      return;
    }
    k.fill(out.spi(), value);
  }

  void arange(NdArray out, Number start, Number step) {
    backend.require(DataOp.ARANGE, out.dtype);
    if (out.size() == 0) {
      return;
    }
    k.arange(out.spi(), start, step);
  }

  void unary(UnaryOp op, NdArray out, NdArray in) {
    backend.require(op, in.dtype);
    if (out.size() == 0) {
      return;
    }
    k.unary(op, out.spi(), in.spi(out.shape));
  }

  void binary(BinaryOp op, NdArray out, NdArray a, NdArray b) {
    backend.require(op, a.dtype);
    if (out.size() == 0) {
      return;
    }
    k.binary(op, out.spi(), a.spi(out.shape), b.spi(out.shape));
  }

  void binaryScalar(BinaryOp op, NdArray out, NdArray a, Number s, boolean scalarFirst) {
    backend.require(op, a.dtype);
    if (out.size() == 0) {
      return;
    }
    k.binaryScalar(op, out.spi(), a.spi(out.shape), s, scalarFirst);
  }

  void where(NdArray out, NdArray cond, NdArray a, NdArray b) {
    backend.require(DataOp.WHERE, a.dtype);
    if (out.size() == 0) {
      return;
    }
    k.where(out.spi(), cond.spi(out.shape), a.spi(out.shape), b.spi(out.shape));
  }

  void reduce(ReduceOp op, NdArray out, NdArray in, int[] axes) {
    backend.require(op, in.dtype);
    if (out.size() == 0) {
      return;
    }
    k.reduce(op, out.spi(), in.spi(), axes);
  }
}
