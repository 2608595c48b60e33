package io.ndj.spi;

/**
 * uint64 values held in a {@code long}'s bits: the conversions and the order that differ from
 * int64's. Addition, subtraction, multiplication and the bitwise ops are the same bits for both.
 */
public final class UInt64 {
  private static final double TWO_63 = 0x1p63;

  private UInt64() {}

  /**
   * The uint64 value of {@code bits}, correctly rounded to a double.
   *
   * @param bits the value's bits
   * @return the nearest double
   */
  public static double toDouble(long bits) {
    if (bits >= 0) {
      return bits;
    }
    // halve keeping the lost bit sticky, so the one rounding is the right one
    return (double) ((bits >>> 1) | (bits & 1)) * 2.0;
  }

  /**
   * The uint64 value of {@code bits}, correctly rounded to a float (once: not through a double).
   *
   * @param bits the value's bits
   * @return the nearest float
   */
  public static float toFloat(long bits) {
    if (bits >= 0) {
      return bits;
    }
    return (float) ((bits >>> 1) | (bits & 1)) * 2.0f;
  }

  /**
   * A double cast to uint64 as NumPy casts it on x86-64: truncation toward zero inside [0, 2^64); a
   * negative value wraps as its int64 cast does (-1.0 is 2^64 - 1); NaN, infinities and values past
   * either end are unspecified in NumPy and give its x86 answers (2^63, 0).
   *
   * @param d the value
   * @return the bits of the uint64 result
   */
  public static long fromDouble(double d) {
    return d >= TWO_63 ? x86(d - TWO_63) ^ Long.MIN_VALUE : x86(d);
  }

  /** cvttsd2si: truncation, with 2^63's bits for anything out of range (NaN too). */
  private static long x86(double d) {
    return d >= -TWO_63 && d < TWO_63 ? (long) d : Long.MIN_VALUE;
  }

  /**
   * Integer division rounded toward minus infinity, which for unsigned values is plain division; by
   * zero gives 0, as NumPy's integer loops do.
   *
   * @param a the dividend's bits
   * @param b the divisor's bits
   * @return the quotient's bits
   */
  public static long floorDivide(long a, long b) {
    return b == 0 ? 0 : Long.divideUnsigned(a, b);
  }

  /**
   * The remainder of {@link #floorDivide}; by zero gives 0.
   *
   * @param a the dividend's bits
   * @param b the divisor's bits
   * @return the remainder's bits
   */
  public static long mod(long a, long b) {
    return b == 0 ? 0 : Long.remainderUnsigned(a, b);
  }

  /**
   * The uint64 value of {@code bits} as the number it is.
   *
   * @param bits the value's bits
   * @return the value, in [0, 2^64)
   */
  public static java.math.BigInteger toBigInteger(long bits) {
    java.math.BigInteger v = java.math.BigInteger.valueOf(bits);
    return bits < 0 ? v.add(java.math.BigInteger.ONE.shiftLeft(64)) : v;
  }
}
