package io.ndj;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * Arrays over memory the caller owns ({@code Nd.wrap}, {@code Nd.frombuffer}) and dtype views
 * ({@code x.view(dtype)}): no copy, on backends whose kernels address host memory.
 */
final class Wrapping {
  private Wrapping() {}

  /** A thread that owns nothing: memory it may access is memory every thread may access. */
  private static final Thread ANY = new Thread(() -> {});

  static NdArray wrap(Backend backend, MemorySegment memory, DType dtype, long[] shape) {
    return wrap(backend, memory, dtype, shape, null);
  }

  /**
   * As {@link #wrap(Backend, MemorySegment, DType, long[])}; {@code owner} is closed once no array
   * uses the memory.
   */
  static NdArray wrap(
      Backend backend, MemorySegment memory, DType dtype, long[] shape, AutoCloseable owner) {
    long n = Shape.checkedSize(shape, dtype);
    if (n * dtype.itemsize() > memory.byteSize()) {
      throw new IllegalArgumentException(
          "cannot wrap "
              + memory.byteSize()
              + " bytes as an array of shape "
              + Shape.format(shape, ",")
              + " and dtype "
              + dtype
              + " ("
              + n * dtype.itemsize()
              + " bytes)");
    }
    if (!memory.scope().isAlive()) {
      throw new IllegalStateException("cannot wrap memory that was freed (its Arena is closed)");
    }
    if (!memory.isAccessibleBy(ANY)) {
      throw new IllegalArgumentException(
          "cannot wrap memory confined to one thread (Arena.ofConfined()): ndj's kernels run on"
              + " several threads; allocate it with Arena.ofShared(), Arena.ofAuto() or"
              + " Arena.global()");
    }
    io.ndj.spi.Buffer buffer = backend.kernels().wrap(memory);
    if (buffer == null) {
      throw new UnsupportedOperationException(
          "backend "
              + backend.name()
              + " cannot address host memory, so it cannot wrap it without a copy: wrap on the"
              + " cpu backend (Nd.backend(\"cpu\").wrap(...)) and move the array with"
              + " .to(backend), or copy it with Nd.array");
    }
    Storage s = new Storage(backend, buffer, memory, owner);
    return new NdArray(
        s, dtype, shape.clone(), NdArray.contiguousStrides(shape), 0, !memory.isReadOnly(), true);
  }

  static NdArray wrap(Backend backend, ByteBuffer buffer, DType dtype, long[] shape) {
    return wrap(backend, MemorySegment.ofBuffer(buffer), dtype, shape, null);
  }

  /** NumPy's {@code frombuffer(buffer, dtype, count, offset)}: a 1-d view of the bytes. */
  static NdArray frombuffer(
      Backend backend, MemorySegment memory, DType dtype, long count, long offset) {
    long length = memory.byteSize();
    if (offset < 0 || offset > length) {
      throw new IllegalArgumentException(
          "offset must be non-negative and no greater than buffer length (" + length + ")");
    }
    long available = length - offset;
    long n;
    if (count < 0) {
      if (available % dtype.itemsize() != 0) {
        throw new IllegalArgumentException("buffer size must be a multiple of element size");
      }
      n = available / dtype.itemsize();
    } else {
      if (count > available / dtype.itemsize()) {
        throw new IllegalArgumentException("buffer is smaller than requested size");
      }
      n = count;
    }
    return wrap(backend, memory.asSlice(offset, n * dtype.itemsize()), dtype, new long[] {n});
  }

  /**
   * NumPy's {@code x.view(dtype)}: the same memory read as another dtype. A dtype of another size
   * rescales the last axis, which must be contiguous.
   */
  static NdArray view(NdArray x, DType dtype) {
    x.ensureOpen();
    int from = x.dtype().itemsize();
    int to = dtype.itemsize();
    long[] shape = x.shape().dims();
    long[] strides = x.strides; // in elements
    if (from == to) {
      return x.view(dtype, shape, strides, x.offset);
    }
    int nd = shape.length;
    if (nd == 0) {
      throw new IllegalArgumentException(
          "Changing the dtype of a 0d array is only supported if the itemsize is unchanged");
    }
    if (shape[nd - 1] != 1 && strides[nd - 1] != 1) {
      throw new IllegalArgumentException(
          "To change to a dtype of a different size, the last axis must be contiguous");
    }
    long lastBytes = shape[nd - 1] * from;
    if (to > from && lastBytes % to != 0) {
      throw new IllegalArgumentException(
          "When changing to a larger dtype, its size must be a divisor of the total size in bytes"
              + " of the last axis of the array.");
    }
    long[] newShape = shape.clone();
    long[] newStrides = new long[nd];
    newShape[nd - 1] = lastBytes / to;
    newStrides[nd - 1] = 1;
    for (int i = 0; i < nd - 1; i++) {
      newStrides[i] = elements(strides[i] * from, to, "a stride", i);
    }
    long offset = elements(x.offset * from, to, "the offset", -1);
    return x.view(dtype, newShape, newStrides, offset);
  }

  private static long elements(long bytes, int itemsize, String what, int axis) {
    if (bytes % itemsize != 0) {
      throw new IllegalArgumentException(
          "ndj keeps strides and offsets in elements: "
              + what
              + (axis >= 0 ? " along axis " + axis : "")
              + " of "
              + bytes
              + " bytes is not a multiple of the new itemsize "
              + itemsize
              + "; view a copy (x.copy().view(dtype))");
    }
    return bytes / itemsize;
  }
}
