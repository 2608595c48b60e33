package io.ndj.cpu.sort;

import io.ndj.DType;
import io.ndj.cpu.DataKernels;
import io.ndj.cpu.Lines;
import io.ndj.cpu.Loop;
import io.ndj.cpu.Workers;
import io.ndj.cpu.memory.Access;
import io.ndj.cpu.memory.Layouts;
import io.ndj.spi.View;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Sorts and argsorts of lines too long for the Java-array scratch of the other sorts (past 2^31 - 8
 * elements; a test lowers the bound with {@code ndj.cpu.longLineFrom}). Stable LSD radix passes on
 * the raw bits, kept in native scratch as long as the line: each pass reads its source in chunks,
 * makes the keys (unsigned order = NumPy's order: NaN last), and scatters by one digit; digits that
 * all keys share are skipped (one counting pass finds them all). A pass's line is split over the
 * cores (each part counts its digits, the parts' buckets are laid out in part order, so the pass
 * stays stable). Sorts move the values themselves, with the output line as one of the two buffers;
 * argsorts move values and int64 positions, and the last pass writes positions only.
 */
public final class LongLineSort {
  /** Lines longer than this sort here. */
  public static final long FROM = Long.getLong("ndj.cpu.longLineFrom", Integer.MAX_VALUE - 8L);

  private static final int CHUNK = 1 << 12;

  private LongLineSort() {}

  public static boolean applies(long len) {
    return len > FROM;
  }

  /** One line of elements of one width: element j at {@code base + j * stride} of {@code seg}. */
  private record Line(MemorySegment seg, long base, long stride, DType raw) {
    static Line scratch(Arena arena, long n, DType raw) {
      return new Line(arena.allocate(Math.max(1, n) * raw.itemsize(), 8), 0, 1, raw);
    }

    void load(long from, int c, long[] buf) {
      Access.loadL(seg, raw, base + from * stride, stride, c, buf);
    }

    void put(long j, long v) {
      long at = base + j * stride;
      switch (raw) {
        case INT8 -> seg.set(java.lang.foreign.ValueLayout.JAVA_BYTE, at, (byte) v);
        case INT16 -> seg.setAtIndex(Layouts.JAVA_SHORT, at, (short) v);
        case INT32 -> seg.setAtIndex(Layouts.JAVA_INT, at, (int) v);
        default -> seg.setAtIndex(Layouts.JAVA_LONG, at, v);
      }
    }
  }

  public static void sort(View out, View in, int axis) {
    run(out, in, axis, false);
  }

  public static void argsort(View out, View in, int axis) {
    run(out, in, axis, true);
  }

  private static void run(View out, View in, int axis, boolean positions) {
    MemorySegment so = DataKernels.seg(out);
    MemorySegment si = DataKernels.seg(in);
    long n = in.shape()[axis];
    long sIn = in.strides()[axis];
    long sOut = out.strides()[axis];
    DType t = in.dtype();
    DType raw = rawType(t);
    Lines.forEachLine(
        out,
        in,
        axis,
        () ->
            (ob, ib) -> {
              Line src = new Line(si, ib, sIn, raw);
              Line dst = new Line(so, ob, sOut, positions ? DType.INT64 : raw);
              try (Arena arena = Arena.ofShared()) {
                line(arena, src, dst, n, t, positions);
              }
            });
  }

  /** The integer dtype of the same width, to move raw bits. */
  private static DType rawType(DType t) {
    return switch (t.itemsize()) {
      case 1 -> DType.INT8;
      case 2 -> DType.INT16;
      case 4 -> DType.INT32;
      default -> DType.INT64;
    };
  }

  /** The key of raw bits {@code v} of {@code t}: its unsigned order is NumPy's sort order. */
  static long key(DType t, long v) {
    return switch (t) {
      case BOOL, UINT8 -> v & 0xFF;
      case INT8 -> (v + 0x80) & 0xFF;
      case INT16 -> (v + 0x8000) & 0xFFFF;
      case INT32 -> (v + 0x8000_0000L) & 0xFFFF_FFFFL;
      case INT64 -> v ^ Long.MIN_VALUE;
      case UINT16 -> v & 0xFFFF;
      case UINT32 -> v & 0xFFFF_FFFFL;
      case UINT64 -> v;
      case FLOAT16 -> floatKey(v, 16);
      case FLOAT32 -> floatKey(v, 32);
      default -> floatKey(v, 64);
    };
  }

  /**
   * Floats: negatives reversed below the positives, NaN (any sign, any payload) the largest key;
   * -0.0 and 0.0 one key, as NumPy compares them (a stable pass keeps their order).
   */
  private static long floatKey(long v, int bits) {
    long mask = bits == 64 ? -1L : (1L << bits) - 1;
    long sign = 1L << (bits - 1);
    long b = v & mask;
    long exp = bits == 16 ? 0x7C00L : bits == 32 ? 0x7F80_0000L : 0x7FF0_0000_0000_0000L;
    if ((b & exp) == exp && (b & ~exp & ~sign & mask) != 0) {
      return mask;
    }
    if ((b & ~sign) == 0) {
      return sign; // both zeros
    }
    return ((b & sign) != 0 ? ~b : b ^ sign) & mask;
  }

  private static void line(Arena arena, Line in, Line out, long n, DType t, boolean positions) {
    int bits = 8 * t.itemsize();
    int digit = bits >= 16 && n >= 1 << 20 ? 16 : 8;
    int[] shifts = activeShifts(in, n, t, bits, digit);
    int m = shifts.length;
    if (!positions) {
      // values alternate between the scratch and the output line (never read and write the output
      // in one pass); an odd count ends with a copy
      Line scratch = Line.scratch(arena, n, in.raw());
      Line from = in;
      for (int p = 0; p < m; p++) {
        Line to = p % 2 == 0 ? scratch : out;
        pass(from, null, to, null, n, t, shifts[p], digit);
        from = to;
      }
      if (from != out) {
        copy(from, out, n);
      }
      return;
    }
    // positions alternate so that the last pass writes the output; values need no last copy
    Line v1 = m > 1 ? Line.scratch(arena, n, in.raw()) : null;
    Line v2 = m > 2 ? Line.scratch(arena, n, in.raw()) : null;
    Line pScratch = m > 1 ? Line.scratch(arena, n, DType.INT64) : null;
    Line vFrom = in;
    Line pFrom = null; // positions 0, 1, 2, ... before the first pass
    for (int p = 0; p < m; p++) {
      Line vTo = p == m - 1 ? null : p % 2 == 0 ? v1 : v2;
      Line pTo = (m - 1 - p) % 2 == 0 ? out : pScratch;
      pass(vFrom, pFrom, vTo, pTo, n, t, shifts[p], digit);
      vFrom = vTo;
      pFrom = pTo;
    }
    if (m == 0) {
      long[] buf = new long[CHUNK];
      for (long j0 = 0; j0 < n; j0 += CHUNK) {
        int c = (int) Math.min(CHUNK, n - j0);
        for (int j = 0; j < c; j++) {
          buf[j] = j0 + j;
        }
        Access.storeL(out.seg(), DType.INT64, out.base() + j0 * out.stride(), out.stride(), c, buf);
      }
    }
  }

  /** The shifts of the digits on which keys differ, low first (one reading of the line). */
  private static int[] activeShifts(Line in, long n, DType t, int bits, int digit) {
    int digits = bits / digit;
    int buckets = 1 << digit;
    long[][] counts = new long[digits][buckets];
    long[] buf = new long[CHUNK];
    for (long j0 = 0; j0 < n; j0 += CHUNK) {
      int c = (int) Math.min(CHUNK, n - j0);
      in.load(j0, c, buf);
      for (int j = 0; j < c; j++) {
        long k = key(t, buf[j]);
        for (int d = 0; d < digits; d++) {
          counts[d][(int) (k >>> (d * digit)) & (buckets - 1)]++;
        }
      }
    }
    int[] shifts = new int[digits];
    int m = 0;
    for (int d = 0; d < digits; d++) {
      long most = Arrays.stream(counts[d]).max().orElse(0);
      if (most != n) {
        shifts[m++] = d * digit;
      }
    }
    return Arrays.copyOf(shifts, m);
  }

  /**
   * One stable pass by the digit at {@code shift}: values from {@code vFrom} to {@code vTo} (when
   * not null), positions from {@code pFrom} (null: 0, 1, 2, ...) to {@code pTo} (when not null).
   */
  private static void pass(
      Line vFrom, Line pFrom, Line vTo, Line pTo, long n, DType t, int shift, int digit) {
    int buckets = 1 << digit;
    int parts = n >= 1 << 20 && Loop.CORES > 1 ? Loop.CORES : 1;
    long per = (n + parts - 1) / parts;
    long[][] start = new long[parts][buckets];
    Workers.run(
        parts,
        q -> {
          long[] buf = new long[CHUNK];
          long lo = q * per;
          long hi = Math.min(n, lo + per);
          for (long j0 = lo; j0 < hi; j0 += CHUNK) {
            int c = (int) Math.min(CHUNK, hi - j0);
            vFrom.load(j0, c, buf);
            for (int j = 0; j < c; j++) {
              start[q][(int) (key(t, buf[j]) >>> shift) & (buckets - 1)]++;
            }
          }
        });
    long at = 0;
    for (int b = 0; b < buckets; b++) {
      for (int q = 0; q < parts; q++) {
        long c = start[q][b];
        start[q][b] = at;
        at += c;
      }
    }
    Workers.run(
        parts,
        q -> {
          long[] buf = new long[CHUNK];
          long[] pos = new long[CHUNK];
          long[] next = start[q];
          long lo = q * per;
          long hi = Math.min(n, lo + per);
          for (long j0 = lo; j0 < hi; j0 += CHUNK) {
            int c = (int) Math.min(CHUNK, hi - j0);
            vFrom.load(j0, c, buf);
            if (pFrom != null) {
              pFrom.load(j0, c, pos);
            } else {
              for (int j = 0; j < c; j++) {
                pos[j] = j0 + j;
              }
            }
            for (int j = 0; j < c; j++) {
              long to = next[(int) (key(t, buf[j]) >>> shift) & (buckets - 1)]++;
              if (vTo != null) {
                vTo.put(to, buf[j]);
              }
              if (pTo != null) {
                pTo.put(to, pos[j]);
              }
            }
          }
        });
  }

  private static void copy(Line from, Line to, long n) {
    long[] buf = new long[CHUNK];
    for (long j0 = 0; j0 < n; j0 += CHUNK) {
      int c = (int) Math.min(CHUNK, n - j0);
      from.load(j0, c, buf);
      Access.storeL(to.seg(), to.raw(), to.base() + j0 * to.stride(), to.stride(), c, buf);
    }
  }
}
