package io.ndj.spi;

import io.ndj.DType;

/**
 * NumPy's scalar definitions of the elementwise functions whose result depends on more than one
 * IEEE operation, for backends that compute them on the host (the cpu loops, ND4J's missing
 * functions). Floats arrive as doubles holding values of the loop dtype; the result is rounded once
 * to that dtype when stored. Integers arrive as longs of the loop dtype; the result wraps to it
 * when stored.
 */
public final class ElementMath {
  private ElementMath() {}

  /**
   * The exponent of {@code ldexp} held in a float loop dtype, as an int clamped to +-100000 (past
   * any float's range, so the result is the same; NaN, which an integer exponent cannot be, as 0).
   *
   * @param e the exponent as the loop dtype holds it
   * @return the exponent as an int
   */
  public static int ldexpExponent(double e) {
    return e != e ? 0 : (int) Math.max(-100000, Math.min(100000, e));
  }

  /**
   * NumPy's {@code ldexp}: {@code x * 2**e}, exact before the one rounding to the loop dtype.
   *
   * @param x the mantissa
   * @param e the exponent
   * @return x times 2 to the power e
   */
  public static double ldexp(double x, double e) {
    return Math.scalb(x, ldexpExponent(e));
  }

  /**
   * C's {@code nextafter} in float dtype {@code t}: NaN if either is, y if they are equal (x for
   * float16, as NumPy's own half loop).
   *
   * @param x the value to step from
   * @param y the direction to step toward
   * @param t the float dtype whose neighbours are counted (float16, float32 or float64)
   * @return the neighbour of x toward y in dtype t, as a double
   */
  public static double nextAfter(double x, double y, DType t) {
    return switch (t) {
      case FLOAT32 -> Math.nextAfter((float) x, y);
      case FLOAT16 -> {
        if (x != x || y != y) {
          yield Double.NaN;
        }
        if (x == y) {
          yield x; // NumPy's half loop keeps x (-0.0 toward 0.0 stays -0.0)
        }
        short b = Float16.fromDouble(x);
        if (x == 0) {
          b = (short) (y > 0 ? 1 : 0x8001); // the smallest subnormal toward y
        } else {
          b += (short) ((x < y) == (x > 0) ? 1 : -1); // the bits grow away from zero
        }
        yield Float16.toDouble(b);
      }
      default -> Math.nextAfter(x, y);
    };
  }

  /**
   * NumPy's integer {@code fmod}: C's truncated remainder, 0 for a zero divisor.
   *
   * @param a the dividend
   * @param b the divisor
   * @return the remainder with the dividend's sign, or 0 when b is 0
   */
  public static long fmod(long a, long b) {
    return b == 0 ? 0 : a % b;
  }

  /**
   * NumPy's {@code gcd}: Euclid's algorithm on the absolute values as unsigned 64-bit numbers
   * (|int64 min| is 2^63, so gcd(int64 min, 6) is 2 and gcd(int64 min, 0) is int64 min, as
   * NumPy's).
   *
   * @param a the first value
   * @param b the second value
   * @return the greatest common divisor, non-negative except for the one wrapping case above
   */
  public static long gcd(long a, long b) {
    a = Math.abs(a);
    b = Math.abs(b);
    while (b != 0) {
      long r = Long.remainderUnsigned(a, b);
      a = b;
      b = r;
    }
    return a;
  }

  /**
   * NumPy's {@code lcm}: {@code |a| / gcd * |b|}, 0 when either is 0, wrapping as NumPy's does.
   *
   * @param a the first value
   * @param b the second value
   * @return the least common multiple
   */
  public static long lcm(long a, long b) {
    long g = gcd(a, b);
    return g == 0 ? 0 : Math.abs(a) / g * Math.abs(b);
  }

  /**
   * {@code op} on two uint64 values held as bits, for the integer ops whose results differ from
   * int64's on the same bits (floor_divide, remainder, fmod, gcd, lcm, maximum, minimum,
   * right_shift); by zero gives 0, as NumPy's integer loops.
   *
   * @param op the operation
   * @param a the first value's bits
   * @param b the second value's bits
   * @return the result's bits
   * @throws IllegalArgumentException for an op uint64 shares with int64
   */
  public static long unsigned(BinaryOp op, long a, long b) {
    return switch (op) {
      case FLOOR_DIVIDE -> UInt64.floorDivide(a, b);
      case MOD, FMOD -> UInt64.mod(a, b);
      case GCD -> gcdUnsigned(a, b);
      case LCM -> {
        long g = gcdUnsigned(a, b);
        yield g == 0 ? 0 : Long.divideUnsigned(a, g) * b;
      }
      case MAXIMUM, FMAX -> Long.compareUnsigned(a, b) >= 0 ? a : b;
      case MINIMUM, FMIN -> Long.compareUnsigned(a, b) <= 0 ? a : b;
      case RIGHT_SHIFT -> b < 0 || b >= 64 ? 0 : a >>> b;
      default -> throw new IllegalArgumentException(op.numpyName() + " is int64's loop on uint64");
    };
  }

  /**
   * Whether {@link #unsigned} computes {@code op} (its uint64 result differs from int64's).
   *
   * @param op the operation
   * @return whether uint64 needs its own loop for op
   */
  public static boolean differsUnsigned(BinaryOp op) {
    return switch (op) {
      case FLOOR_DIVIDE, MOD, FMOD, GCD, LCM, MAXIMUM, FMAX, MINIMUM, FMIN, RIGHT_SHIFT -> true;
      default -> false;
    };
  }

  private static long gcdUnsigned(long a, long b) {
    while (b != 0) {
      long r = Long.remainderUnsigned(a, b);
      a = b;
      b = r;
    }
    return a;
  }
}
