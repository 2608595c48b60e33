package io.ndj.nd4j;

import io.ndj.DType;
import io.ndj.spi.Buffer;
import java.util.concurrent.atomic.AtomicInteger;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Native memory that ndj arrays and ND4J arrays share. Either taken from the bridge's {@link
 * NativePool} (given back when ndj and every exported ND4J view have let go) or borrowed from an
 * ND4J array (kept alive through {@code owner}, never freed here).
 */
final class Nd4jBuffer implements Buffer {
  private final Block block;
  private final long bytes;
  private final Object owner;
  private final NativePool pool;

  /** One hold for ndj, one per ND4J array handed out by {@link Nd4jInterop#toINDArray}. */
  private final AtomicInteger holds = new AtomicInteger(1);

  private Nd4jBuffer(Block block, long bytes, Object owner, NativePool pool) {
    this.block = block;
    this.bytes = bytes;
    this.owner = owner;
    this.pool = pool;
  }

  static Nd4jBuffer allocate(long bytes, NativePool pool) {
    return new Nd4jBuffer(pool.take(bytes), bytes, null, pool);
  }

  /** Memory of an ND4J buffer, kept alive by holding it. */
  static Nd4jBuffer borrow(DataBuffer data) {
    long bytes = data.length() * data.getElementSize();
    return new Nd4jBuffer(new Block(data.addressPointer(), bytes), bytes, data, null);
  }

  @Override
  public long byteSize() {
    return bytes;
  }

  long address() {
    return block.memory.address();
  }

  /** The memory as an ND4J buffer of {@code dtype}, shared by every op that uses this buffer. */
  DataBuffer data(DType dtype) {
    return block.data(dtype);
  }

  /** An ND4J array on this memory (cached per layout). */
  INDArray view(DType dtype, long[] shape, long[] strides, long offset) {
    return block.view(dtype, shape, strides, offset);
  }

  /** A new ND4J buffer of {@code dtype} over this memory, for arrays handed to users. */
  DataBuffer fresh(DType dtype) {
    return block.fresh(dtype);
  }

  void hold() {
    holds.incrementAndGet();
  }

  /** Lets go of one hold; the last one gives pooled memory back. */
  void release() {
    if (holds.decrementAndGet() == 0 && owner == null) {
      pool.give(block);
    }
  }
}
