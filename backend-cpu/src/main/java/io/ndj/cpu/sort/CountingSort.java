package io.ndj.cpu.sort;

import io.ndj.DType;
import io.ndj.cpu.Lines;
import io.ndj.cpu.memory.Access;
import io.ndj.spi.View;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Sorts lines of one- and two-byte dtypes (bool, int8, uint8, int16, float16) by counting their
 * values: linear time, no scratch as long as the line, and lines of any length (past 2^31 elements,
 * where the radix sort's Java-array scratch cannot go). Float16 orders as NumPy does: -inf ...
 * -0.0, +0.0 ... inf, then NaN.
 */
public final class CountingSort {
  private static final int CHUNK = 1 << 14;
  private static final int NAN = 1 << 16;

  private CountingSort() {}

  /** Whether a line of {@code len} elements of {@code t} is sorted here. */
  public static boolean applies(DType t, long len) {
    return switch (t) {
      case BOOL, INT8, UINT8 -> len >= 1 << 12;
      case INT16, FLOAT16 -> len >= 1 << 18;
      default -> false;
    };
  }

  public static void sort(MemorySegment so, MemorySegment si, View out, View in, int axis) {
    long len = in.shape()[axis];
    long sIn = in.strides()[axis];
    long sOut = out.strides()[axis];
    DType t = in.dtype();
    // float16 is read and written as its raw bits
    DType raw = t == DType.FLOAT16 ? DType.INT16 : t;
    Lines.forEachLine(
        out,
        in,
        axis,
        () -> {
          long[] counts = new long[NAN + 1];
          long[] buf = new long[CHUNK];
          return (ob, ib) -> {
            Arrays.fill(counts, 0);
            for (long j = 0; j < len; j += CHUNK) {
              int c = (int) Math.min(CHUNK, len - j);
              Access.loadL(si, raw, ib + j * sIn, sIn, c, buf);
              for (int k = 0; k < c; k++) {
                counts[key(t, buf[k])]++;
              }
            }
            long at = 0;
            int used = 0;
            for (int key = 0; key <= NAN; key++) {
              long value = value(t, key);
              for (long left = counts[key]; left > 0; left--) {
                buf[used++] = value;
                if (used == CHUNK) {
                  Access.storeL(so, raw, ob + at * sOut, sOut, used, buf);
                  at += used;
                  used = 0;
                }
              }
            }
            Access.storeL(so, raw, ob + at * sOut, sOut, used, buf);
          };
        });
  }

  /** The bucket of a value, in sort order. */
  private static int key(DType t, long v) {
    return switch (t) {
      case INT8 -> (int) v + 128;
      case INT16 -> (int) v + 32768;
      case FLOAT16 -> {
        int b = (int) v & 0xFFFF;
        if ((b & 0x7C00) == 0x7C00 && (b & 0x3FF) != 0) {
          yield NAN;
        }
        yield (b & 0x8000) != 0 ? 0x7FFF - (b & 0x7FFF) : 0x8000 + b;
      }
      default -> (int) v; // bool, uint8
    };
  }

  /** The value of a bucket, as loadL/storeL hold it. */
  private static long value(DType t, int key) {
    return switch (t) {
      case INT8 -> key - 128;
      case INT16 -> key - 32768;
      case FLOAT16 ->
          key == NAN ? 0x7E00 : (short) (key < 0x8000 ? 0x8000 | (0x7FFF - key) : key - 0x8000);
      default -> key;
    };
  }
}
