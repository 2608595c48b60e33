package io.ndj.spi;

import io.ndj.DType;

/**
 * A strided window on a buffer, as a kernel sees it: element {@code (i0, i1, ...)} lives at element
 * index {@code offset + i0*strides[0] + i1*strides[1] + ...} of {@code buffer} (all in elements of
 * {@code dtype}, not bytes). A broadcast axis has stride 0. {@code io.ndj} has validated every view
 * before a kernel sees it: shapes match what the kernel's contract says, and every addressed
 * element lies inside the buffer.
 *
 * <p>Arrays are shared, not copied: kernels must not modify {@code shape} or {@code strides}.
 *
 * @param buffer the memory the view reads
 * @param dtype the element type
 * @param shape the length of each axis
 * @param strides the step of each axis, in elements (0 for a broadcast axis; negative for a
 *     reversed one)
 * @param offset the element index of element (0, ..., 0)
 */
public record View(Buffer buffer, DType dtype, long[] shape, long[] strides, long offset) {
  /**
   * The number of axes.
   *
   * @return the rank
   */
  public int ndim() {
    return shape.length;
  }

  /**
   * The number of elements.
   *
   * @return the product of the shape (1 for a 0-d view)
   */
  public long size() {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }

  /**
   * A complex view (complex64 or complex128) as its component floats with a trailing axis of 2:
   * element (..., 0) its real part, (..., 1) its imaginary part, in the same memory.
   *
   * @return the view of the component floats
   */
  public View pairs() {
    int nd = shape.length;
    long[] s = java.util.Arrays.copyOf(shape, nd + 1);
    s[nd] = 2;
    long[] st = new long[nd + 1];
    for (int i = 0; i < nd; i++) {
      st[i] = strides[i] * 2;
    }
    st[nd] = 1;
    return new View(buffer, dtype.componentType(), s, st, offset * 2);
  }

  /**
   * The strides, in elements, of a C-contiguous array of {@code shape}.
   *
   * @param shape the array's shape
   * @return the C-order strides in elements
   */
  public static long[] cStrides(long[] shape) {
    long[] st = new long[shape.length];
    long acc = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      st[i] = acc;
      acc *= Math.max(shape[i], 1);
    }
    return st;
  }

  /**
   * True when the elements are laid out in C order with no gaps starting at {@code offset}.
   *
   * @return true for a C-contiguous view
   */
  public boolean isContiguous() {
    long expected = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      if (shape[i] != 1 && strides[i] != expected) {
        return shape[i] == 0 || size() == 0;
      }
      expected *= shape[i];
    }
    return true;
  }
}
