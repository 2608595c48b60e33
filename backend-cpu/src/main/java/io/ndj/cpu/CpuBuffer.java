package io.ndj.cpu;

import io.ndj.spi.Buffer;
import java.lang.foreign.MemorySegment;

/** Heap memory: a long[] (8-byte aligned for every element type) seen as a segment. */
record CpuBuffer(MemorySegment segment, long[] words, long byteSize) implements Buffer {
  static CpuBuffer of(long[] words, long bytes) {
    return new CpuBuffer(MemorySegment.ofArray(words), words, bytes);
  }
}
