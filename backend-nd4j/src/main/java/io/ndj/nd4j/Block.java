package io.ndj.nd4j;

import io.ndj.DType;
import java.util.Arrays;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A block of native memory with the ND4J objects that describe it, made once and kept while the
 * block is reused: one DataBuffer per dtype and the last few array views (an ND4J array costs about
 * 9 µs to make, more than a small op takes to run).
 */
final class Block {
  private static final int VIEWS = 8;

  final Pointer memory;
  final long size;
  private final DataBuffer[] typed = new DataBuffer[DType.values().length];
  private final Object[][] keys = new Object[VIEWS][];
  private final INDArray[] views = new INDArray[VIEWS];
  private int next;

  Block(Pointer memory, long size) {
    this.memory = memory;
    this.size = size;
  }

  /** The memory as an ND4J buffer of {@code dtype}. */
  synchronized DataBuffer data(DType dtype) {
    DataBuffer d = typed[dtype.ordinal()];
    if (d == null) {
      d = fresh(dtype);
      typed[dtype.ordinal()] = d;
    }
    return d;
  }

  /** A new ND4J buffer of {@code dtype} over this memory. */
  DataBuffer fresh(DType dtype) {
    long n = size / dtype.itemsize();
    Pointer p = new Pointer(memory);
    p.capacity(n);
    p.limit(n);
    return Nd4j.createBuffer(p, n, Types.of(dtype));
  }

  /**
   * An ND4J array on this memory: the cached one for the same dtype, shape, strides and offset,
   * else a new one.
   */
  synchronized INDArray view(DType dtype, long[] shape, long[] strides, long offset) {
    for (int i = 0; i < VIEWS; i++) {
      Object[] k = keys[i];
      if (k != null
          && k[0] == dtype
          && (long) k[3] == offset
          && Arrays.equals((long[]) k[1], shape)
          && Arrays.equals((long[]) k[2], strides)) {
        return views[i];
      }
    }
    INDArray a =
        Nd4j.create(data(dtype), shape.clone(), strides.clone(), offset, 'c', Types.of(dtype));
    keys[next] = new Object[] {dtype, shape.clone(), strides.clone(), offset};
    views[next] = a;
    next = (next + 1) % VIEWS;
    return a;
  }
}
