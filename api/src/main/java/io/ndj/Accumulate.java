package io.ndj;

import io.ndj.spi.BinaryOp;

/**
 * Unbuffered in-place accumulation (NumPy's {@code ufunc.at}: {@code np.add.at(a, indices,
 * values)}) and {@code bincount}, on the SPI's {@code accumulateAt}: the flat positions that {@code
 * a[indices]} selects (found by indexing an arange of positions, so every index NumPy allows
 * works), the values broadcast to that selection, and each pair applied in order, so repeated
 * indices accumulate.
 */
final class Accumulate {
  private Accumulate() {}

  /** {@code op.at(a, indices, values)}: modifies {@code a}; returns it. */
  static NdArray at(BinaryOp op, NdArray a, Index[] indices, NdArray values) {
    a.ensureOpen();
    values.ensureOpen();
    if (values.backend() != a.backend()) {
      throw Ufunc.mixed(a, values);
    }
    DType loop = DType.promote(a.dtype, values.dtype);
    return apply(op, a, indices, values, loop);
  }

  /**
   * {@code op.at(a, indices, value)} with a Java number. NumPy's {@code at} takes a Python number
   * as int64 or float64 (not as a weak scalar): the loop is their promotion with a's dtype, so a
   * float32 array accumulates each step in float64 and rounds it back.
   */
  static NdArray at(BinaryOp op, NdArray a, Index[] indices, Number value) {
    a.ensureOpen();
    boolean floating = value instanceof Double || value instanceof Float;
    try (NdArray v = a.backend().full(value, floating ? DType.FLOAT64 : DType.INT64)) {
      return apply(op, a, indices, v, DType.promote(a.dtype, v.dtype));
    }
  }

  private static NdArray apply(
      BinaryOp op, NdArray a, Index[] indices, NdArray values, DType loop) {
    if (op == BinaryOp.SUBTRACT) {
      Ufunc.loop(op, loop); // NumPy's error for bool
    }
    if (!a.isWriteable()) {
      throw new IllegalArgumentException("assignment destination is read-only");
    }
    try (Scope scope = new Scope()) {
      NdArray positions = positions(a, indices);
      long[] selection = positions.shape;
      long[] joint;
      try {
        joint = Broadcast.shapes(values.shape, selection);
      } catch (IllegalArgumentException e) {
        joint = null;
      }
      if (joint == null || !java.util.Arrays.equals(joint, selection)) {
        throw new IllegalArgumentException("array is not broadcastable to correct shape");
      }
      NdArray flat = contiguous(positions.ravel());
      boolean onDevice = loop == a.dtype || exactInTarget(op, a.dtype, loop, values);
      DType valueType = onDevice ? a.dtype : loop;
      NdArray vals;
      if (values.size() == 1) {
        // one value for every update: passed once, broadcast (stride 0), never materialized
        NdArray one = values.reshape(1);
        vals = (one.dtype == valueType ? one : one.astype(valueType)).broadcastTo(flat.size());
      } else {
        NdArray v = values.broadcastTo(selection);
        vals = contiguous((v.dtype == valueType ? v : v.astype(valueType)).ravel());
      }
      boolean contiguous = a.flags().cContiguous();
      NdArray target = contiguous ? a : a.copy();
      Kernel k = new Kernel(a.backend());
      if (onDevice) {
        k.accumulateAt(op, target, flat, vals);
      } else {
        k.accumulateAtOnHost(op, target, flat, vals);
      }
      if (!contiguous) {
        Indexing.set(a, new Index[] {Index.ELLIPSIS}, target);
      }
    }
    return a;
  }

  /**
   * The flat positions {@code a[indices]} selects: for one integer index array into a 1-d array,
   * the indices themselves (negative ones wrapped, range checked); else an arange of positions
   * indexed like a, which serves every index NumPy allows.
   */
  private static NdArray positions(NdArray a, Index[] indices) {
    if (a.ndim() == 1
        && indices.length == 1
        && indices[0] instanceof Index.Array arr
        && arr.indices().dtype.isInteger()) {
      NdArray idx = arr.indices();
      idx.ensureOpen();
      return Advanced.normalize(
          idx.dtype == DType.INT64 ? idx : idx.astype(DType.INT64), a.shape[0], 0);
    }
    return a.backend().arange(a.size()).reshape(a.shape.clone()).get(indices);
  }

  /** {@code x} if its elements are contiguous, else a contiguous copy. */
  private static NdArray contiguous(NdArray x) {
    return x.flags().cContiguous() ? x : x.copy();
  }

  /**
   * Whether accumulating in a's own integer dtype gives what NumPy's wider integer loop gives:
   * always for add, subtract and multiply (arithmetic modulo 2^bits commutes with the wrap back),
   * and for minimum and maximum when every value fits a's dtype.
   */
  private static boolean exactInTarget(BinaryOp op, DType target, DType loop, NdArray values) {
    if (!target.isInteger() || !loop.isInteger() || values.size() == 0 || loop == target) {
      return target.isInteger() && loop.isInteger();
    }
    return switch (op) {
      case ADD, SUBTRACT, MULTIPLY -> true;
      default -> {
        long lo = values.min().longValue();
        long hi = values.max().longValue();
        yield !loop.isUnsigned64() && target.holds(lo) && target.holds(hi);
      }
    };
  }

  /**
   * NumPy's {@code bincount}: how often each value {@code 0..max} occurs in the 1-d non-negative
   * integer {@code x} (int64), or the sum of the {@code weights} at each (float64); at least {@code
   * minlength} bins.
   */
  static NdArray bincount(NdArray x, NdArray weights, long minlength) {
    x.ensureOpen();
    if (x.dtype.isFloat()) {
      throw new IllegalArgumentException(
          "Cannot cast array data from dtype('"
              + x.dtype
              + "') to dtype('int64') according to the rule 'safe'");
    }
    if (x.ndim() > 1) {
      throw new IllegalArgumentException("object too deep for desired array");
    }
    if (x.ndim() == 0) {
      throw new IllegalArgumentException("object of too small depth for desired array");
    }
    if (minlength < 0) {
      throw new IllegalArgumentException("'minlength' must not be negative");
    }
    if (x.size() == 0) {
      return x.backend().zeros(DType.INT64, minlength); // as NumPy: before looking at the weights
    }
    if (weights != null) {
      weights.ensureOpen();
      if (weights.ndim() > 1) {
        throw new IllegalArgumentException("object too deep for desired array");
      }
      if (weights.backend() != x.backend()) {
        throw Ufunc.mixed(x, weights);
      }
      if (weights.ndim() != 1 || weights.shape[0] != x.shape[0]) {
        throw new IllegalArgumentException("The weights and list don't have the same length.");
      }
    }
    Backend b = x.backend();
    DType out = weights == null ? DType.INT64 : DType.FLOAT64;
    try (Scope scope = new Scope()) {
      NdArray idx = contiguous(x.dtype == DType.INT64 ? x : x.astype(DType.INT64));
      long bins = minlength;
      if (x.size() > 0) {
        if (idx.min().longValue() < 0) {
          throw new IllegalArgumentException("'list' argument must have no negative elements");
        }
        bins = Math.max(bins, idx.max().longValue() + 1);
      }
      NdArray counts = b.zeros(out, bins);
      if (x.size() > 0) {
        NdArray vals =
            weights == null
                ? b.ones(DType.INT64, 1).broadcastTo(x.size())
                : contiguous(weights.astype(DType.FLOAT64));
        new Kernel(b).accumulateAt(BinaryOp.ADD, counts, idx, vals);
      }
      return scope.keep(counts);
    }
  }
}
