package io.ndj;

import java.util.Arrays;

/**
 * An immutable array shape. {@code toString()} prints like NumPy's tuple: {@code (2, 3)}, {@code
 * (4,)}, {@code ()}.
 */
public final class Shape {
  private static final Shape SCALAR = new Shape(new long[0]);
  private final long[] dims;

  private Shape(long[] dims) {
    this.dims = dims;
  }

  /**
   * A shape from its dimensions (copied).
   *
   * @param dims the dimensions
   * @return the shape
   * @throws IllegalArgumentException if a dimension is negative
   */
  public static Shape of(long... dims) {
    if (dims.length == 0) {
      return SCALAR;
    }
    for (long d : dims) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimensions are not allowed");
      }
    }
    return new Shape(dims.clone());
  }

  static Shape wrap(long[] dims) {
    return dims.length == 0 ? SCALAR : new Shape(dims);
  }

  /**
   * The 0-d shape {@code ()}.
   *
   * @return the empty shape
   */
  public static Shape scalar() {
    return SCALAR;
  }

  /**
   * The number of dimensions.
   *
   * @return the rank
   */
  public int ndim() {
    return dims.length;
  }

  /**
   * The length of {@code axis}; a negative axis counts from the end.
   *
   * @param axis the axis
   * @return the axis's length
   */
  public long dim(int axis) {
    return dims[axis < 0 ? axis + dims.length : axis];
  }

  /**
   * The dimensions, copied.
   *
   * @return the dimensions
   */
  public long[] dims() {
    return dims.clone();
  }

  long[] raw() {
    return dims;
  }

  /**
   * Product of the dimensions; 1 for {@code ()}.
   *
   * @return the number of elements
   */
  public long size() {
    return size(dims);
  }

  /**
   * The product of {@code dims}.
   *
   * @throws IllegalArgumentException in NumPy's words for a negative dimension or a product beyond
   *     a long
   */
  static long size(long[] dims) {
    return elements(dims, 1, null);
  }

  /**
   * The element count of an array of {@code dtype} and this shape, checked as NumPy checks a new
   * array: no negative dimension, and {@code size * itemsize} (zero-length axes left out) within a
   * long.
   *
   * @throws IllegalArgumentException in NumPy's words when either check fails
   */
  static long checkedSize(long[] dims, DType dtype) {
    return elements(dims, dtype.itemsize(), dtype);
  }

  /** The element count of {@code dims}, checking that count x {@code itemsize} bytes fit a long. */
  private static long elements(long[] dims, int itemsize, DType dtype) {
    long bytes = itemsize;
    boolean empty = false;
    for (long d : dims) {
      if (d < 0) {
        throw new IllegalArgumentException(
            "negative dimensions are not allowed (shape " + format(dims, ", ") + ")");
      }
      if (d == 0) {
        empty = true;
      } else if (Math.multiplyHigh(bytes, d) != 0 || bytes * d < 0) {
        throw tooBig(dims, dtype);
      } else {
        bytes *= d;
      }
    }
    return empty ? 0 : bytes / itemsize;
  }

  static IllegalArgumentException tooBig(long[] dims, DType dtype) {
    return new IllegalArgumentException(
        "array is too big; `arr.size * arr.dtype.itemsize` is larger than the"
            + " maximum possible size (shape "
            + format(dims, ", ")
            + (dtype == null ? "" : ", dtype " + dtype)
            + ")");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Shape s && Arrays.equals(dims, s.dims);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(dims);
  }

  @Override
  public String toString() {
    return format(dims, ", ");
  }

  /** NumPy's compact form used inside error messages: {@code (2,3)}. */
  String compact() {
    return format(dims, ",");
  }

  static String format(long[] dims, String sep) {
    StringBuilder b = new StringBuilder("(");
    for (int i = 0; i < dims.length; i++) {
      if (i > 0) {
        b.append(sep);
      }
      b.append(dims[i]);
    }
    if (dims.length == 1) {
      b.append(',');
    }
    return b.append(')').toString();
  }
}
