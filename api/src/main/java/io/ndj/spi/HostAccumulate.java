package io.ndj.spi;

import io.ndj.DType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * {@link Kernels#accumulateAt} on the host: the operands read, accumulated in order, the target
 * written back. Also what {@code io.ndj} runs when NumPy's loop dtype differs from the target's
 * ({@code np.add.at} on float32 with a float64 value computes each step in float64 and rounds it
 * into the array before the next): every step converts the element to the loop dtype, applies the
 * op there, rounds to the loop dtype and casts back (integers wrap, floats truncate toward zero
 * into integers, non-zero is true), as NumPy's unbuffered loop does.
 */
public final class HostAccumulate {
  private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;

  private HostAccumulate() {}

  /**
   * {@code target[indices[i]] = cast(op(loop(target[indices[i]]), values[i]))} for each i in order:
   * target C-contiguous, indices contiguous 1-d int64 flat positions in range, values contiguous
   * 1-d of dtype {@code loop}.
   *
   * @param k the backend whose {@code copy} reads and writes the views' buffers
   * @param op the accumulating ufunc
   * @param target the array updated in place
   * @param indices the flat positions into target
   * @param values the values to accumulate, one per index
   * @param loop the dtype the op runs in
   */
  public static void run(
      Kernels k, BinaryOp op, View target, View indices, View values, DType loop) {
    DType t = target.dtype();
    int item = t.itemsize();
    int vItem = loop.itemsize();
    long n = indices.size();
    boolean one = values.strides()[0] == 0; // a broadcast value
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment tgt = arena.allocate(target.size() * item, 8);
      MemorySegment idx = arena.allocate(n * 8, 8);
      MemorySegment val = arena.allocate((one ? 1 : n) * vItem, 8);
      k.read(target.buffer(), target.offset() * item, tgt);
      k.read(indices.buffer(), indices.offset() * 8, idx);
      k.read(values.buffer(), values.offset() * vItem, val);
      for (long i = 0; i < n; i++) {
        long at = idx.getAtIndex(LONG, i);
        long vi = one ? 0 : i;
        if (loop.isFloat()) {
          long bits = t.isFloat() ? 0 : getLong(tgt, t, at);
          double current =
              t.isFloat() ? get(tgt, t, at) : t.isUnsigned64() ? UInt64.toDouble(bits) : bits;
          double r = round(loop, apply(op, round(loop, current), get(val, loop, vi)));
          if (t.isFloat()) {
            put(tgt, t, at, r);
          } else {
            putLong(
                tgt,
                t,
                at,
                t.isBool() ? (r != 0 ? 1 : 0) : t.isUnsigned64() ? UInt64.fromDouble(r) : (long) r);
          }
        } else {
          long r = apply(op, loop, getLong(tgt, t, at), getLong(val, loop, vi));
          putLong(tgt, t, at, t.isBool() ? (r != 0 ? 1 : 0) : r);
        }
      }
      k.write(target.buffer(), target.offset() * item, tgt);
    }
  }

  /**
   * {@code v} rounded to float dtype {@code t}: float32 once; float16 as NumPy computes it, in
   * float32 first.
   */
  private static double round(DType t, double v) {
    return switch (t) {
      case FLOAT32 -> (float) v;
      case FLOAT16 -> Float16.toDouble(Float16.fromDouble((float) v));
      default -> v;
    };
  }

  private static double apply(BinaryOp op, double a, double b) {
    return switch (op) {
      case ADD -> a + b;
      case SUBTRACT -> a - b;
      case MULTIPLY -> a * b;
      case MINIMUM -> Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.min(a, b);
      case MAXIMUM -> Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.max(a, b);
      case FMIN -> Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.min(a, b);
      case FMAX -> Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
      default -> throw new UnsupportedOperationException(op.numpyName() + ".at is not supported");
    };
  }

  private static long apply(BinaryOp op, DType t, long a, long b) {
    if (t == DType.BOOL) {
      return switch (op) {
        case ADD, MAXIMUM, FMAX -> a | b;
        case MULTIPLY, MINIMUM, FMIN -> a & b;
        default ->
            throw new UnsupportedOperationException(
                op.numpyName() + ".at is not supported for bool");
      };
    }
    if (t.isUnsigned64() && ElementMath.differsUnsigned(op)) {
      return ElementMath.unsigned(op, a, b);
    }
    return switch (op) {
      case ADD -> a + b;
      case SUBTRACT -> a - b;
      case MULTIPLY -> a * b;
      case MINIMUM, FMIN -> Math.min(a, b);
      case MAXIMUM, FMAX -> Math.max(a, b);
      default -> throw new UnsupportedOperationException(op.numpyName() + ".at is not supported");
    };
  }

  private static double get(MemorySegment s, DType t, long i) {
    return switch (t) {
      case FLOAT64 -> s.getAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, i);
      case FLOAT32 -> s.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, i);
      default -> Float16.toDouble(s.getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, i));
    };
  }

  private static void put(MemorySegment s, DType t, long i, double v) {
    switch (t) {
      case FLOAT64 -> s.setAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, i, v);
      case FLOAT32 -> s.setAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, i, (float) v);
      default -> s.setAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, i, Float16.fromDouble(v));
    }
  }

  private static long getLong(MemorySegment s, DType t, long i) {
    return switch (t) {
      case INT64, UINT64 -> s.getAtIndex(LONG, i);
      case INT32 -> s.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i);
      case UINT32 -> s.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i) & 0xFFFF_FFFFL;
      case INT16 -> s.getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, i);
      case UINT16 -> s.getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, i) & 0xFFFF;
      case UINT8 -> s.get(ValueLayout.JAVA_BYTE, i) & 0xFF;
      default -> s.get(ValueLayout.JAVA_BYTE, i); // int8, bool
    };
  }

  private static void putLong(MemorySegment s, DType t, long i, long v) {
    switch (t) {
      case INT64, UINT64 -> s.setAtIndex(LONG, i, v);
      case INT32, UINT32 -> s.setAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i, (int) v);
      case INT16, UINT16 -> s.setAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, i, (short) v);
      default -> s.set(ValueLayout.JAVA_BYTE, i, (byte) v);
    }
  }
}
