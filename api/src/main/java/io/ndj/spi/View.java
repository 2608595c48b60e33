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
 */
public record View(Buffer buffer, DType dtype, long[] shape, long[] strides, long offset) {
  public int ndim() {
    return shape.length;
  }

  public long size() {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }

  /** True when the elements are laid out in C order with no gaps starting at {@code offset}. */
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
