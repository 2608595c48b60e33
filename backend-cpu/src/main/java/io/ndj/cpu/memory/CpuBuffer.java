package io.ndj.cpu.memory;

import io.ndj.DType;
import io.ndj.spi.Buffer;
import java.lang.foreign.MemorySegment;

/**
 * Heap memory seen as a segment: a float[] for float32 arrays, a double[] for float64 and an int[]
 * for int32 ones (so that the typed loops index the arrays themselves: a loop through a segment
 * runs at less than half their speed), a long[] (8-byte aligned for every element type) for the
 * rest. Any buffer serves any dtype's views through its segment, within the alignment of its array.
 * Arrays past one Java array's reach, and those past {@code -Dndj.cpu.offHeapFrom=BYTES}, are
 * native memory ({@link #offHeap}).
 */
public record CpuBuffer(MemorySegment segment, Object array, long byteSize, boolean borrowed)
    implements Buffer {
  CpuBuffer(MemorySegment segment, Object array, long byteSize) {
    this(segment, array, byteSize, false);
  }

  /**
   * Memory the caller owns ({@code Nd.wrap}), never pooled, freed or counted as ndj's: a float[],
   * double[], int[] or long[] wrapped whole keeps its typed loops; other memory is reached through
   * its segment.
   */
  public static CpuBuffer borrowed(MemorySegment memory) {
    Object whole =
        memory.heapBase().orElse(null) instanceof Object base
                && (base instanceof float[]
                    || base instanceof double[]
                    || base instanceof int[]
                    || base instanceof long[])
                && memory.equals(segmentOf(base))
            ? base
            : memory;
    return new CpuBuffer(memory, whole, memory.byteSize(), true);
  }

  private static MemorySegment segmentOf(Object array) {
    return switch (array) {
      case float[] f -> MemorySegment.ofArray(f);
      case double[] d -> MemorySegment.ofArray(d);
      case int[] i -> MemorySegment.ofArray(i);
      default -> MemorySegment.ofArray((long[]) array);
    };
  }

  /** How a buffer's memory is held. */
  public enum Kind {
    LONGS,
    DOUBLES,
    FLOATS,
    INTS;

    public static Kind of(DType t) {
      return switch (t) {
        case FLOAT32, COMPLEX64 -> FLOATS;
        case FLOAT64, COMPLEX128 -> DOUBLES;
        case INT32 -> INTS;
        default -> LONGS;
      };
    }

    /** A zeroed array of {@code words} 8-byte words. */
    Object array(int words) {
      return switch (this) {
        case LONGS -> new long[words];
        case DOUBLES -> new double[words];
        case FLOATS -> new float[words * 2];
        case INTS -> new int[words * 2];
      };
    }

    MemorySegment segment(Object array) {
      return switch (this) {
        case LONGS -> MemorySegment.ofArray((long[]) array);
        case DOUBLES -> MemorySegment.ofArray((double[]) array);
        case FLOATS -> MemorySegment.ofArray((float[]) array);
        case INTS -> MemorySegment.ofArray((int[]) array);
      };
    }
  }

  /**
   * Native memory, zeroed, for arrays past one Java array (16 GiB) or past {@code
   * ndj.cpu.offHeapFrom} bytes; the kernels reach it through its segment as they reach any buffer
   * whose array is not of its dtype. Freed at once when given back (never pooled).
   */
  static CpuBuffer offHeap(long bytes) {
    java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofShared();
    try {
      return new CpuBuffer(arena.allocate((Math.max(bytes, 1) + 7) / 8 * 8, 8), arena, bytes);
    } catch (RuntimeException | OutOfMemoryError e) {
      arena.close();
      throw e;
    }
  }

  /** Whether this is {@link #offHeap} memory. */
  boolean isOffHeap() {
    return array instanceof java.lang.foreign.Arena;
  }

  /** Frees off-heap memory; heap buffers are left to the garbage collector. */
  void freeOffHeap() {
    if (array instanceof java.lang.foreign.Arena a) {
      a.close();
    }
  }

  public static CpuBuffer of(Kind kind, int words, long bytes) {
    Object a = kind.array(words);
    return new CpuBuffer(kind.segment(a), a, bytes);
  }

  Kind kind() {
    return switch (array) {
      case float[] f -> Kind.FLOATS;
      case double[] d -> Kind.DOUBLES;
      case int[] i -> Kind.INTS;
      default -> Kind.LONGS;
    };
  }

  /** The buffer's 8-byte words. */
  long words() {
    return segment.byteSize() / 8;
  }

  /** The float[] behind a buffer, or null when it is held otherwise. */
  public static float[] floats(Buffer b) {
    return ((CpuBuffer) b).array instanceof float[] f ? f : null;
  }

  /** The double[] behind a buffer, or null when it is held otherwise. */
  public static double[] doubles(Buffer b) {
    return ((CpuBuffer) b).array instanceof double[] d ? d : null;
  }

  /** The int[] behind a buffer, or null when it is held otherwise. */
  public static int[] ints(Buffer b) {
    return ((CpuBuffer) b).array instanceof int[] i ? i : null;
  }

  /** The long[] behind a buffer, or null when it is held otherwise. */
  public static long[] longs(Buffer b) {
    return ((CpuBuffer) b).array instanceof long[] l ? l : null;
  }
}
