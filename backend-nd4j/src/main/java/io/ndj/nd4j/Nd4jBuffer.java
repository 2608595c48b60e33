package io.ndj.nd4j;

import io.ndj.DType;
import io.ndj.spi.Buffer;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Native memory that ndj arrays and ND4J arrays share. Either taken from the bridge's {@link NativePool} (given back
 * when ndj and every exported ND4J view have let go) or borrowed from an ND4J array (kept alive through {@code owner}, never freed
 * here).
 */
final class Nd4jBuffer implements Buffer {
  private final Pointer memory;
  private final long bytes;
  private final Object owner;
  private final NativePool pool;
  /** One hold for ndj, one per ND4J array handed out by {@link Nd4jInterop#toINDArray}. */
  private final AtomicInteger holds = new AtomicInteger(1);
  /** One ND4J DataBuffer per dtype over the same memory, made on first use. */
  private final DataBuffer[] typed = new DataBuffer[DType.values().length];

  private Nd4jBuffer(Pointer memory, long bytes, Object owner, NativePool pool) {
    this.memory = memory;
    this.bytes = bytes;
    this.owner = owner;
    this.pool = pool;
  }

  static Nd4jBuffer allocate(long bytes, NativePool pool) {
    return new Nd4jBuffer(pool.take(bytes), bytes, null, pool);
  }

  /** Memory of an ND4J buffer, kept alive by holding it. */
  static Nd4jBuffer borrow(DataBuffer data) {
    return new Nd4jBuffer(data.addressPointer(), data.length() * data.getElementSize(), data, null);
  }

  @Override
  public long byteSize() {
    return bytes;
  }

  long address() {
    return memory.address();
  }

  /** The memory as an ND4J buffer of {@code dtype}, shared by every op that uses this buffer. */
  synchronized DataBuffer data(DType dtype) {
    DataBuffer d = typed[dtype.ordinal()];
    if (d == null) {
      d = fresh(dtype);
      typed[dtype.ordinal()] = d;
    }
    return d;
  }

  /** A new ND4J buffer of {@code dtype} over this memory, for arrays handed to users. */
  DataBuffer fresh(DType dtype) {
    long n = bytes / dtype.itemsize();
    Pointer p = new Pointer(memory);
    p.capacity(n);
    p.limit(n);
    return Nd4j.createBuffer(p, n, Types.of(dtype));
  }

  void hold() {
    holds.incrementAndGet();
  }

  /** Lets go of one hold; the last one frees malloc'ed memory. */
  void release() {
    if (holds.decrementAndGet() == 0 && owner == null) {
      pool.give(memory, bytes);
    }
  }
}
