package io.ndj.cpu;

import io.ndj.cpu.memory.CpuBuffer;
import io.ndj.spi.View;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** {@code np.add.at} on the buffers themselves: one pass in index order, nothing copied. */
public final class Accumulate {
  private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
  private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
  private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED;
  private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;

  private Accumulate() {}

  /**
   * Adds {@code values[i]} at {@code target[indices[i]]} for float64/float32/int64/int32; false for
   * others.
   */
  static boolean add(View target, View indices, View values) {
    MemorySegment t = ((CpuBuffer) target.buffer()).segment();
    MemorySegment ix = ((CpuBuffer) indices.buffer()).segment();
    MemorySegment v = ((CpuBuffer) values.buffer()).segment();
    long n = indices.size();
    long to = target.offset();
    long io = indices.offset();
    long vo = values.offset();
    long vs = values.strides()[0]; // 0 for one broadcast value
    switch (target.dtype()) {
      case FLOAT64 -> {
        for (long i = 0; i < n; i++) {
          long at = to + ix.getAtIndex(LONG, io + i);
          t.setAtIndex(DOUBLE, at, t.getAtIndex(DOUBLE, at) + v.getAtIndex(DOUBLE, vo + i * vs));
        }
      }
      case FLOAT32 -> {
        for (long i = 0; i < n; i++) {
          long at = to + ix.getAtIndex(LONG, io + i);
          t.setAtIndex(FLOAT, at, t.getAtIndex(FLOAT, at) + v.getAtIndex(FLOAT, vo + i * vs));
        }
      }
      case INT64 -> {
        for (long i = 0; i < n; i++) {
          long at = to + ix.getAtIndex(LONG, io + i);
          t.setAtIndex(LONG, at, t.getAtIndex(LONG, at) + v.getAtIndex(LONG, vo + i * vs));
        }
      }
      case INT32 -> {
        for (long i = 0; i < n; i++) {
          long at = to + ix.getAtIndex(LONG, io + i);
          t.setAtIndex(INT, at, t.getAtIndex(INT, at) + v.getAtIndex(INT, vo + i * vs));
        }
      }
      default -> {
        return false;
      }
    }
    return true;
  }
}
