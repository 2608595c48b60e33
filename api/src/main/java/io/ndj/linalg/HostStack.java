package io.ndj.linalg;

import io.ndj.DType;
import io.ndj.NdArray;
import java.util.Arrays;

/**
 * A stack of matrices (an array of shape {@code (..., rows, cols)}) copied to the host as float64
 * values in C order, one matrix after another; and the way back onto the operand's backend.
 */
record HostStack(long[] batch, int rows, int cols, double[] data) {
  static HostStack of(NdArray a) {
    long[] shape = a.shape().dims();
    int nd = shape.length;
    if (a.size() > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "linalg copies its operands to the host: an array of "
              + a.size()
              + " elements is past one Java array");
    }
    return new HostStack(
        Arrays.copyOf(shape, nd - 2), (int) shape[nd - 2], (int) shape[nd - 1], a.toDoubleArray());
  }

  /** How many matrices. */
  int count() {
    long c = 1;
    for (long d : batch) {
      c *= d;
    }
    return (int) c;
  }

  /** A copy of matrix {@code i}. */
  double[] matrix(int i) {
    int size = rows * cols;
    return Arrays.copyOfRange(data, i * size, (i + 1) * size);
  }

  /** The batch shape followed by {@code core}. */
  long[] shape(long... core) {
    return join(batch, core);
  }

  /** {@code batch} followed by {@code core}. */
  static long[] join(long[] batch, long... core) {
    long[] s = Arrays.copyOf(batch, batch.length + core.length);
    System.arraycopy(core, 0, s, batch.length, core.length);
    return s;
  }

  /** Values computed on the host, as an array of {@code dtype} on {@code like}'s backend. */
  static NdArray back(NdArray like, DType dtype, double[] values, long[] shape) {
    return shape.length > 0
        ? like.backend().array(values, dtype, shape)
        : like.backend().full(values[0], dtype); // array() reads an empty shape as the data's own
  }
}
