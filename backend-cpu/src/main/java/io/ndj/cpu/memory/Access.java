package io.ndj.cpu.memory;

import static io.ndj.cpu.memory.Layouts.JAVA_DOUBLE;
import static io.ndj.cpu.memory.Layouts.JAVA_FLOAT;
import static io.ndj.cpu.memory.Layouts.JAVA_INT;
import static io.ndj.cpu.memory.Layouts.JAVA_LONG;
import static io.ndj.cpu.memory.Layouts.JAVA_SHORT;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import io.ndj.DType;
import io.ndj.cpu.Loop;
import io.ndj.spi.Float16;
import io.ndj.spi.UInt64;
import java.lang.foreign.MemorySegment;

/**
 * Moves runs of elements between a buffer and scratch arrays in one of two compute domains: double
 * (every float dtype; exact for float16/32/64 values) and long (bool, integers; uint8/16/32 as
 * their non-negative values, uint64 as its bits: a run loaded as longs and stored to a float dtype
 * would read those bits as signed, so casts from uint64 to floats go through {@link #loadD}).
 * Stores convert to the target dtype: floats round to nearest even, integers wrap to their width,
 * anything to bool is {@code != 0}.
 */
public final class Access {
  private Access() {}

  private static final ThreadLocal<float[]> FLOATS =
      ThreadLocal.withInitial(() -> new float[Loop.CHUNK]);
  private static final ThreadLocal<int[]> INTS = ThreadLocal.withInitial(() -> new int[Loop.CHUNK]);

  /** A per-thread float run of at least {@code n} elements. */
  private static float[] floats(int n) {
    float[] f = FLOATS.get();
    if (f.length < n) {
      f = new float[n];
      FLOATS.set(f);
    }
    return f;
  }

  /** A per-thread int run of at least {@code n} elements. */
  private static int[] ints(int n) {
    int[] f = INTS.get();
    if (f.length < n) {
      f = new int[n];
      INTS.set(f);
    }
    return f;
  }

  /** The raw bit patterns of a run of 32-bit elements (float32, int32). */
  static void loadBits(MemorySegment s, long pos, long stride, int n, int[] dst) {
    if (stride == 1) {
      MemorySegment.copy(s, JAVA_INT, pos * 4, dst, 0, n);
    } else {
      for (int i = 0; i < n; i++) {
        dst[i] = s.getAtIndex(JAVA_INT, pos + i * stride);
      }
    }
  }

  /** The raw bit patterns of a run of 64-bit elements (float64, int64). */
  static void loadBits(MemorySegment s, long pos, long stride, int n, long[] dst) {
    if (stride == 1) {
      MemorySegment.copy(s, JAVA_LONG, pos * 8, dst, 0, n);
    } else {
      for (int i = 0; i < n; i++) {
        dst[i] = s.getAtIndex(JAVA_LONG, pos + i * stride);
      }
    }
  }

  static void storeBits(MemorySegment s, long pos, long stride, int n, int[] src) {
    if (stride == 1) {
      MemorySegment.copy(src, 0, s, JAVA_INT, pos * 4, n);
    } else {
      for (int i = 0; i < n; i++) {
        s.setAtIndex(JAVA_INT, pos + i * stride, src[i]);
      }
    }
  }

  static void storeBits(MemorySegment s, long pos, long stride, int n, long[] src) {
    if (stride == 1) {
      MemorySegment.copy(src, 0, s, JAVA_LONG, pos * 8, n);
    } else {
      for (int i = 0; i < n; i++) {
        s.setAtIndex(JAVA_LONG, pos + i * stride, src[i]);
      }
    }
  }

  public static void loadD(MemorySegment s, DType t, long pos, long stride, int n, double[] dst) {
    switch (t) {
      case FLOAT64 -> {
        if (stride == 1) {
          MemorySegment.copy(s, JAVA_DOUBLE, pos * 8, dst, 0, n);
        } else {
          for (int i = 0; i < n; i++) {
            dst[i] = s.getAtIndex(JAVA_DOUBLE, pos + i * stride);
          }
        }
      }
      case FLOAT32 -> {
        if (stride == 1) {
          // a bulk copy then a widening loop: both vectorise, unlike a strided element loop
          float[] f = floats(n);
          MemorySegment.copy(s, JAVA_FLOAT, pos * 4, f, 0, n);
          for (int i = 0; i < n; i++) {
            dst[i] = f[i];
          }
        } else {
          for (int i = 0; i < n; i++) {
            dst[i] = s.getAtIndex(JAVA_FLOAT, pos + i * stride);
          }
        }
      }
      case FLOAT16 -> {
        for (int i = 0; i < n; i++) {
          dst[i] = Float.float16ToFloat(s.getAtIndex(JAVA_SHORT, pos + i * stride));
        }
      }
      case INT64 -> {
        for (int i = 0; i < n; i++) {
          dst[i] = s.getAtIndex(JAVA_LONG, pos + i * stride);
        }
      }
      case INT32 -> {
        if (stride == 1) {
          // a bulk copy then a widening loop, as for float32
          int[] w = ints(n);
          MemorySegment.copy(s, JAVA_INT, pos * 4, w, 0, n);
          for (int i = 0; i < n; i++) {
            dst[i] = w[i];
          }
        } else {
          for (int i = 0; i < n; i++) {
            dst[i] = s.getAtIndex(JAVA_INT, pos + i * stride);
          }
        }
      }
      case INT16 -> {
        for (int i = 0; i < n; i++) {
          dst[i] = s.getAtIndex(JAVA_SHORT, pos + i * stride);
        }
      }
      case INT8 -> {
        for (int i = 0; i < n; i++) {
          dst[i] = s.get(JAVA_BYTE, pos + i * stride);
        }
      }
      case UINT8 -> {
        for (int i = 0; i < n; i++) {
          dst[i] = s.get(JAVA_BYTE, pos + i * stride) & 0xFF;
        }
      }
      case UINT16 -> {
        for (int i = 0; i < n; i++) {
          dst[i] = s.getAtIndex(JAVA_SHORT, pos + i * stride) & 0xFFFF;
        }
      }
      case UINT32 -> {
        for (int i = 0; i < n; i++) {
          dst[i] = s.getAtIndex(JAVA_INT, pos + i * stride) & 0xFFFF_FFFFL;
        }
      }
      case UINT64 -> {
        for (int i = 0; i < n; i++) {
          dst[i] = UInt64.toDouble(s.getAtIndex(JAVA_LONG, pos + i * stride));
        }
      }
      case BOOL -> {
        for (int i = 0; i < n; i++) {
          dst[i] = s.get(JAVA_BYTE, pos + i * stride) != 0 ? 1 : 0;
        }
      }
    }
  }

  public static void loadL(MemorySegment s, DType t, long pos, long stride, int n, long[] dst) {
    switch (t) {
      case INT64, UINT64 -> {
        if (stride == 1) {
          MemorySegment.copy(s, JAVA_LONG, pos * 8, dst, 0, n);
        } else {
          for (int i = 0; i < n; i++) {
            dst[i] = s.getAtIndex(JAVA_LONG, pos + i * stride);
          }
        }
      }
      case INT32 -> {
        if (stride == 1) {
          // a bulk copy then a widening loop, as for float32
          int[] w = ints(n);
          MemorySegment.copy(s, JAVA_INT, pos * 4, w, 0, n);
          for (int i = 0; i < n; i++) {
            dst[i] = w[i];
          }
        } else {
          for (int i = 0; i < n; i++) {
            dst[i] = s.getAtIndex(JAVA_INT, pos + i * stride);
          }
        }
      }
      case INT16 -> {
        for (int i = 0; i < n; i++) {
          dst[i] = s.getAtIndex(JAVA_SHORT, pos + i * stride);
        }
      }
      case INT8 -> {
        for (int i = 0; i < n; i++) {
          dst[i] = s.get(JAVA_BYTE, pos + i * stride);
        }
      }
      case UINT8 -> {
        for (int i = 0; i < n; i++) {
          dst[i] = s.get(JAVA_BYTE, pos + i * stride) & 0xFF;
        }
      }
      case UINT16 -> {
        for (int i = 0; i < n; i++) {
          dst[i] = s.getAtIndex(JAVA_SHORT, pos + i * stride) & 0xFFFF;
        }
      }
      case UINT32 -> {
        for (int i = 0; i < n; i++) {
          dst[i] = s.getAtIndex(JAVA_INT, pos + i * stride) & 0xFFFF_FFFFL;
        }
      }
      case BOOL -> {
        for (int i = 0; i < n; i++) {
          dst[i] = s.get(JAVA_BYTE, pos + i * stride) != 0 ? 1 : 0;
        }
      }
      default -> {
        double[] tmp = new double[n];
        loadD(s, t, pos, stride, n, tmp);
        for (int i = 0; i < n; i++) {
          dst[i] = (long) tmp[i];
        }
      }
    }
  }

  public static void storeD(MemorySegment s, DType t, long pos, long stride, int n, double[] src) {
    switch (t) {
      case FLOAT64 -> {
        if (stride == 1) {
          MemorySegment.copy(src, 0, s, JAVA_DOUBLE, pos * 8, n);
        } else {
          for (int i = 0; i < n; i++) {
            s.setAtIndex(JAVA_DOUBLE, pos + i * stride, src[i]);
          }
        }
      }
      case FLOAT32 -> {
        if (stride == 1) {
          float[] f = floats(n);
          for (int i = 0; i < n; i++) {
            f[i] = (float) src[i];
          }
          MemorySegment.copy(f, 0, s, JAVA_FLOAT, pos * 4, n);
        } else {
          for (int i = 0; i < n; i++) {
            s.setAtIndex(JAVA_FLOAT, pos + i * stride, (float) src[i]);
          }
        }
      }
      case FLOAT16 -> {
        for (int i = 0; i < n; i++) {
          s.setAtIndex(JAVA_SHORT, pos + i * stride, Float16.fromDouble(src[i]));
        }
      }
      case BOOL -> {
        for (int i = 0; i < n; i++) {
          s.set(JAVA_BYTE, pos + i * stride, (byte) (src[i] != 0 ? 1 : 0));
        }
      }
      case UINT64 -> {
        for (int i = 0; i < n; i++) {
          s.setAtIndex(JAVA_LONG, pos + i * stride, UInt64.fromDouble(src[i]));
        }
      }
      default -> {
        long[] tmp = new long[n];
        for (int i = 0; i < n; i++) {
          tmp[i] = (long) src[i];
        }
        storeL(s, t, pos, stride, n, tmp);
      }
    }
  }

  public static void storeL(MemorySegment s, DType t, long pos, long stride, int n, long[] src) {
    switch (t) {
      case INT64, UINT64 -> {
        if (stride == 1) {
          MemorySegment.copy(src, 0, s, JAVA_LONG, pos * 8, n);
        } else {
          for (int i = 0; i < n; i++) {
            s.setAtIndex(JAVA_LONG, pos + i * stride, src[i]);
          }
        }
      }
      case INT32, UINT32 -> {
        if (stride == 1) {
          int[] w = ints(n);
          for (int i = 0; i < n; i++) {
            w[i] = (int) src[i];
          }
          MemorySegment.copy(w, 0, s, JAVA_INT, pos * 4, n);
        } else {
          for (int i = 0; i < n; i++) {
            s.setAtIndex(JAVA_INT, pos + i * stride, (int) src[i]);
          }
        }
      }
      case INT16, UINT16 -> {
        for (int i = 0; i < n; i++) {
          s.setAtIndex(JAVA_SHORT, pos + i * stride, (short) src[i]);
        }
      }
      case INT8, UINT8 -> {
        for (int i = 0; i < n; i++) {
          s.set(JAVA_BYTE, pos + i * stride, (byte) src[i]);
        }
      }
      case BOOL -> {
        for (int i = 0; i < n; i++) {
          s.set(JAVA_BYTE, pos + i * stride, (byte) (src[i] != 0 ? 1 : 0));
        }
      }
      case FLOAT64 -> {
        for (int i = 0; i < n; i++) {
          s.setAtIndex(JAVA_DOUBLE, pos + i * stride, (double) src[i]);
        }
      }
      case FLOAT32 -> {
        for (int i = 0; i < n; i++) {
          s.setAtIndex(JAVA_FLOAT, pos + i * stride, (float) src[i]);
        }
      }
      case FLOAT16 -> {
        for (int i = 0; i < n; i++) {
          s.setAtIndex(JAVA_SHORT, pos + i * stride, Float16.fromDouble((double) src[i]));
        }
      }
    }
  }

  /** Raw element bits, for copies without a cast (keeps NaN payloads and -0.0). */
  public static void copyRaw(
      MemorySegment d,
      long dpos,
      long dstride,
      MemorySegment s,
      long spos,
      long sstride,
      int n,
      int itemsize) {
    if (dstride == 1 && sstride == 1) {
      MemorySegment.copy(s, spos * itemsize, d, dpos * itemsize, (long) n * itemsize);
      return;
    }
    switch (itemsize) {
      case 8 -> {
        for (int i = 0; i < n; i++) {
          d.setAtIndex(JAVA_LONG, dpos + i * dstride, s.getAtIndex(JAVA_LONG, spos + i * sstride));
        }
      }
      case 4 -> {
        for (int i = 0; i < n; i++) {
          d.setAtIndex(JAVA_INT, dpos + i * dstride, s.getAtIndex(JAVA_INT, spos + i * sstride));
        }
      }
      case 2 -> {
        for (int i = 0; i < n; i++) {
          d.setAtIndex(
              JAVA_SHORT, dpos + i * dstride, s.getAtIndex(JAVA_SHORT, spos + i * sstride));
        }
      }
      default -> {
        for (int i = 0; i < n; i++) {
          d.set(JAVA_BYTE, dpos + i * dstride, s.get(JAVA_BYTE, spos + i * sstride));
        }
      }
    }
  }

  /**
   * For uint64 runs (bits), flips each value's sign bit, after which signed order is unsigned order
   * (and flipping again restores the bits); other dtypes are left as they are. Sorts, selections
   * and searches over longs flip a uint64 run after loading it and before storing it.
   *
   * @param t the run's dtype
   * @param l the run
   * @param n its length
   */
  public static void orderUnsigned(DType t, long[] l, int n) {
    if (t.isUnsigned64()) {
      for (int i = 0; i < n; i++) {
        l[i] ^= Long.MIN_VALUE;
      }
    }
  }
}
