package io.ndj.cpu;

import io.ndj.spi.Buffer;
import java.lang.foreign.MemorySegment;

/** Heap memory: a long[] (8-byte aligned for every element type) seen as a segment. */
record CpuBuffer(MemorySegment segment, long byteSize) implements Buffer {
  static CpuBuffer allocate(long bytes) {
    long words = (bytes + 7) / 8;
    if (words > Integer.MAX_VALUE - 8) {
      throw new OutOfMemoryError("cpu backend: " + bytes + " bytes exceed one Java array (16 GiB)");
    }
    return new CpuBuffer(MemorySegment.ofArray(new long[(int) words]), bytes);
  }
}
