package io.ndj.conformance;

import io.ndj.DType;
import io.ndj.spi.BinaryOp;
import io.ndj.spi.UnaryOp;

/**
 * NumPy's elementwise semantics, one element at a time, in plain Java written for the kit (never
 * another backend): floats computed in double with {@link StrictMath} and rounded once to the
 * result dtype; integers in 64 bits and wrapped to the result's width.
 */
public final class Oracle {
  private Oracle() {}

  /**
   * NumPy's sort order of two values held as doubles: NaN after everything (all NaN alike), -0.0
   * equal to 0.0.
   */
  public static int sortOrder(double a, double b) {
    boolean na = Double.isNaN(a);
    boolean nb = Double.isNaN(b);
    if (na || nb) {
      return na == nb ? 0 : na ? 1 : -1;
    }
    return Double.compare(a == 0 ? 0.0 : a, b == 0 ? 0.0 : b);
  }

  /** NumPy's result dtype of {@code op} for two inputs of dtype t, or null where NumPy refuses. */
  public static DType binaryType(BinaryOp op, DType t) {
    if (op.isComparison()) {
      return DType.BOOL;
    }
    return switch (op) {
      case DIVIDE -> t.isFloat() ? t : DType.FLOAT64;
      case ARCTAN2, HYPOT, COPYSIGN, NEXTAFTER -> floatOf(t);
      case LDEXP -> t.isFloat() || t == DType.UINT64 ? null : floatOf(t); // an int32/int64 exponent
      case GCD, LCM -> t.isInteger() ? t : null;
      case FLOOR_DIVIDE, MOD, FMOD, POWER, LEFT_SHIFT, RIGHT_SHIFT -> {
        if (t.isFloat() && (op == BinaryOp.LEFT_SHIFT || op == BinaryOp.RIGHT_SHIFT)) {
          yield null;
        }
        yield t == DType.BOOL ? DType.INT8 : t;
      }
      case SUBTRACT -> t == DType.BOOL ? null : t;
      case BITWISE_AND, BITWISE_OR, BITWISE_XOR -> t.isFloat() ? null : t;
      default -> t;
    };
  }

  /** NumPy's result dtype of {@code op} on dtype t, or null where NumPy refuses. */
  public static DType unaryType(UnaryOp op, DType t) {
    return switch (op) {
      case ISNAN, ISINF, ISFINITE, LOGICAL_NOT, SIGNBIT -> DType.BOOL;
      case NEGATIVE, SIGN -> t == DType.BOOL ? null : t;
      case SQUARE -> t == DType.BOOL ? DType.INT8 : t;
      case INVERT -> t.isFloat() ? null : t;
      case ABS, FLOOR, CEIL, TRUNC -> t;
      default -> floatOf(t);
    };
  }

  /** The float type NumPy's float-only functions use for t. */
  public static DType floatOf(DType t) {
    if (t.isFloat()) {
      return t;
    }
    return switch (t) {
      case BOOL, INT8, UINT8 -> DType.FLOAT16;
      case INT16, UINT16 -> DType.FLOAT32;
      default -> DType.FLOAT64;
    };
  }

  /** Wraps a 64-bit integer result to dtype t (bool: non-zero). */
  public static long wrap(long v, DType t) {
    return switch (t) {
      case BOOL -> v != 0 ? 1 : 0;
      case INT8 -> (byte) v;
      case UINT8 -> v & 0xFF;
      case INT16 -> (short) v;
      case UINT16 -> v & 0xFFFF;
      case INT32 -> (int) v;
      case UINT32 -> v & 0xFFFF_FFFFL;
      default -> v;
    };
  }

  /**
   * {@link #binaryF(BinaryOp, double, double)} where the result dtype {@code t} matters: nextafter
   * steps to the neighbour in t.
   */
  public static double binaryF(BinaryOp op, DType t, double a, double b) {
    if (op != BinaryOp.NEXTAFTER || t == DType.FLOAT64) {
      return binaryF(op, a, b);
    }
    if (Double.isNaN(a) || Double.isNaN(b)) {
      return Double.NaN;
    }
    if (a == b) {
      return t == DType.FLOAT16 ? a : b; // NumPy's half loop keeps a; C's nextafterf gives b
    }
    // t's neighbours of a: a plus or minus the spacing of t's values where a lies, half of it when
    // a is a power of two stepping toward zero
    int mantissa = t == DType.FLOAT32 ? 23 : 10;
    int minExp = t == DType.FLOAT32 ? -126 : -14;
    double max = t == DType.FLOAT32 ? Float.MAX_VALUE : 65504;
    boolean up = b > a;
    if (Double.isInfinite(a)) {
      return Math.copySign(max, a);
    }
    double tiny = Math.scalb(1.0, minExp - mantissa);
    if (a == 0) {
      return up ? tiny : -tiny;
    }
    double m = Math.abs(a);
    int e = Math.max(minExp, Math.getExponent(m));
    double spacing = Math.scalb(1.0, e - mantissa);
    boolean outward = up == (a > 0);
    if (!outward && m == Math.scalb(1.0, e) && e > minExp) {
      spacing /= 2;
    }
    double r = a + (up ? spacing : -spacing);
    return Math.abs(r) > max ? Math.copySign(Double.POSITIVE_INFINITY, r) : r;
  }

  public static double binaryF(BinaryOp op, double a, double b) {
    return switch (op) {
      case COPYSIGN -> Math.copySign(a, b);
      case NEXTAFTER -> Math.nextAfter(a, b);
      case FMOD -> {
        if (Double.isInfinite(a) || b == 0 || Double.isNaN(a) || Double.isNaN(b)) {
          yield Double.NaN;
        }
        // the exact truncated remainder (BigDecimal), with the dividend's sign (also for zero)
        yield Double.isInfinite(b)
            ? a
            : Math.copySign(
                new java.math.BigDecimal(a).remainder(new java.math.BigDecimal(b)).doubleValue(),
                a);
      }
      case LDEXP -> StrictMath.scalb(a, (int) Math.max(-5000, Math.min(5000, b)));
      case ADD -> a + b;
      case SUBTRACT -> a - b;
      case MULTIPLY -> a * b;
      case DIVIDE -> a / b;
      case FLOOR_DIVIDE -> {
        if (b == 0) {
          yield a / b;
        }
        double m = a % b;
        double q = (a - m) / b;
        if (m != 0 && (b < 0) != (m < 0)) {
          q -= 1;
        }
        if (q == 0) {
          yield Math.copySign(0.0, a / b);
        }
        double fq = StrictMath.floor(q);
        yield q - fq > 0.5 ? fq + 1 : fq;
      }
      case MOD -> {
        if (b == 0) {
          yield Double.NaN;
        }
        double m = a % b;
        yield m != 0 ? ((b < 0) != (m < 0) ? m + b : m) : Math.copySign(0.0, b);
      }
      case POWER ->
          (a == 1 || (Math.abs(a) == 1 && Double.isInfinite(b))) ? 1 : StrictMath.pow(a, b);
      case ARCTAN2 -> StrictMath.atan2(a, b);
      case HYPOT -> StrictMath.hypot(a, b);
      case MAXIMUM -> Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.max(a, b);
      case MINIMUM -> Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.min(a, b);
      case FMAX -> Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
      case FMIN -> Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.min(a, b);
      case EQUAL -> a == b ? 1 : 0;
      case NOT_EQUAL -> a != b ? 1 : 0;
      case LESS -> a < b ? 1 : 0;
      case LESS_EQUAL -> a <= b ? 1 : 0;
      case GREATER -> a > b ? 1 : 0;
      case GREATER_EQUAL -> a >= b ? 1 : 0;
      default -> throw new IllegalArgumentException(op + " on floats");
    };
  }

  /** A uint64 value held in a long's bits, as the number it is. */
  public static java.math.BigInteger unsigned(long bits) {
    java.math.BigInteger v = java.math.BigInteger.valueOf(bits);
    return bits < 0 ? v.add(java.math.BigInteger.ONE.shiftLeft(64)) : v;
  }

  /**
   * {@link #binaryI(BinaryOp, long, long)} in loop dtype t: uint64 operands are numbers below 2^64,
   * computed exactly and wrapped to their low 64 bits.
   */
  public static long binaryI(BinaryOp op, DType t, long a, long b) {
    if (t != DType.UINT64) {
      return binaryI(op, a, b);
    }
    java.math.BigInteger x = unsigned(a);
    java.math.BigInteger y = unsigned(b);
    int c = x.compareTo(y);
    boolean zero = y.signum() == 0;
    return switch (op) {
      case FLOOR_DIVIDE -> zero ? 0 : x.divide(y).longValue();
      case MOD, FMOD -> zero ? 0 : x.mod(y).longValue();
      case GCD -> x.gcd(y).longValue();
      case LCM -> x.signum() == 0 || zero ? 0 : x.divide(x.gcd(y)).multiply(y).longValue();
      case POWER -> x.modPow(y, java.math.BigInteger.ONE.shiftLeft(64)).longValue();
      case MAXIMUM, FMAX -> c >= 0 ? a : b;
      case MINIMUM, FMIN -> c <= 0 ? a : b;
      case LEFT_SHIFT -> y.compareTo(java.math.BigInteger.valueOf(64)) >= 0 ? 0 : a << b;
      case RIGHT_SHIFT ->
          y.compareTo(java.math.BigInteger.valueOf(64)) >= 0
              ? 0
              : x.shiftRight((int) b).longValue();
      case LESS -> c < 0 ? 1 : 0;
      case LESS_EQUAL -> c <= 0 ? 1 : 0;
      case GREATER -> c > 0 ? 1 : 0;
      case GREATER_EQUAL -> c >= 0 ? 1 : 0;
      default -> binaryI(op, a, b); // the same bits as int64's: + - *, bitwise, ==, !=
    };
  }

  public static long binaryI(BinaryOp op, long a, long b) {
    return switch (op) {
      case FMOD -> b == 0 ? 0 : a - b * (a / b); // C's truncated division
      case GCD ->
          java.math.BigInteger.valueOf(a)
              .abs()
              .gcd(java.math.BigInteger.valueOf(b).abs())
              .longValue();
      case LCM -> {
        java.math.BigInteger x = java.math.BigInteger.valueOf(a).abs();
        java.math.BigInteger y = java.math.BigInteger.valueOf(b).abs();
        java.math.BigInteger g = x.gcd(y);
        yield g.signum() == 0 ? 0 : x.divide(g).multiply(y).longValue(); // wraps as NumPy's
      }
      case ADD -> a + b;
      case SUBTRACT -> a - b;
      case MULTIPLY -> a * b;
      case FLOOR_DIVIDE -> b == 0 ? 0 : Math.floorDiv(a, b);
      case MOD -> b == 0 ? 0 : Math.floorMod(a, b);
      case POWER -> {
        long r = 1;
        for (long i = 0; i < b; i++) {
          r *= a;
        }
        yield r;
      }
      case MAXIMUM, FMAX -> Math.max(a, b);
      case MINIMUM, FMIN -> Math.min(a, b);
      case BITWISE_AND -> a & b;
      case BITWISE_OR -> a | b;
      case BITWISE_XOR -> a ^ b;
      case LEFT_SHIFT -> b >= 64 ? 0 : a << b;
      case RIGHT_SHIFT -> b >= 64 ? (a < 0 ? -1 : 0) : a >> b;
      case EQUAL -> a == b ? 1 : 0;
      case NOT_EQUAL -> a != b ? 1 : 0;
      case LESS -> a < b ? 1 : 0;
      case LESS_EQUAL -> a <= b ? 1 : 0;
      case GREATER -> a > b ? 1 : 0;
      case GREATER_EQUAL -> a >= b ? 1 : 0;
      default -> throw new IllegalArgumentException(op + " on integers");
    };
  }

  public static double unaryF(UnaryOp op, double x) {
    return switch (op) {
      case NEGATIVE -> -x;
      case ABS -> Math.abs(x);
      case SIGN -> Double.isNaN(x) ? x : x > 0 ? 1 : x < 0 ? -1 : 0.0;
      case SQRT -> StrictMath.sqrt(x);
      case SQUARE -> x * x;
      case EXP -> StrictMath.exp(x);
      case EXP2 -> StrictMath.pow(2, x);
      case LOG -> StrictMath.log(x);
      case LOG2 -> StrictMath.log(x) / StrictMath.log(2);
      case LOG10 -> StrictMath.log10(x);
      case LOG1P -> StrictMath.log1p(x);
      case EXPM1 -> StrictMath.expm1(x);
      case SIN -> StrictMath.sin(x);
      case COS -> StrictMath.cos(x);
      case TAN -> StrictMath.tan(x);
      case ARCSIN -> StrictMath.asin(x);
      case ARCCOS -> StrictMath.acos(x);
      case ARCTAN -> StrictMath.atan(x);
      case SINH -> StrictMath.sinh(x);
      case COSH -> StrictMath.cosh(x);
      case TANH -> StrictMath.tanh(x);
      case ARCSINH -> asinh(x);
      case ARCCOSH -> acosh(x);
      case ARCTANH -> atanh(x);
      case FLOOR -> StrictMath.floor(x);
      case CEIL -> StrictMath.ceil(x);
      case RINT -> StrictMath.rint(x);
      case TRUNC -> x < 0 ? StrictMath.ceil(x) : StrictMath.floor(x);
      case ISNAN -> Double.isNaN(x) ? 1 : 0;
      case ISINF -> Double.isInfinite(x) ? 1 : 0;
      case ISFINITE -> Double.isFinite(x) ? 1 : 0;
      case LOGICAL_NOT -> x == 0 ? 1 : 0;
      case CBRT -> StrictMath.cbrt(x);
      case SIGNBIT -> Double.doubleToRawLongBits(x) < 0 ? 1 : 0;
      default -> throw new IllegalArgumentException(op + " on floats");
    };
  }

  public static long unaryI(UnaryOp op, long x, DType t) {
    if (t == DType.UINT64) {
      switch (op) {
        case ABS -> {
          return x;
        }
        case SIGN -> {
          return x != 0 ? 1 : 0;
        }
        case SIGNBIT -> {
          return 0;
        }
        default -> {}
      }
    }
    return switch (op) {
      case NEGATIVE -> -x;
      case ABS -> Math.abs(x);
      case SIGN -> Long.signum(x);
      case SQUARE -> x * x;
      case FLOOR, CEIL, TRUNC -> x;
      case INVERT -> t == DType.BOOL ? (x == 0 ? 1 : 0) : ~x;
      case ISNAN, ISINF -> 0;
      case ISFINITE -> 1;
      case LOGICAL_NOT -> x == 0 ? 1 : 0;
      case SIGNBIT -> x < 0 ? 1 : 0;
      default -> throw new IllegalArgumentException(op + " on integers");
    };
  }

  /**
   * asinh from its definition, log(|x| + sqrt(x^2 + 1)), written apart from any backend's: through
   * atanh(x / sqrt(1 + x^2)) near 0 (where the sum is 1 + a little) and as log(2|x|) where x^2
   * overflows.
   */
  static double asinh(double x) {
    double a = Math.abs(x);
    if (Double.isNaN(x) || Double.isInfinite(x) || a == 0) {
      return x;
    }
    double r =
        a > 1e150
            ? StrictMath.log(a) + StrictMath.log(2)
            : a < 0.5
                ? atanh(a / StrictMath.sqrt(1 + a * a))
                : StrictMath.log(a + StrictMath.sqrt(a * a + 1));
    return Math.copySign(r, x);
  }

  /** acosh from log(x + sqrt(x^2 - 1)): NaN below 1; log1p of (x - 1) + ... close to 1. */
  static double acosh(double x) {
    if (!(x >= 1)) {
      return Double.NaN;
    }
    if (x > 1e150) {
      return StrictMath.log(x) + StrictMath.log(2);
    }
    double d = x - 1;
    return x < 2
        ? StrictMath.log1p(d + StrictMath.sqrt(d * (x + 1)))
        : StrictMath.log(x + StrictMath.sqrt(x * x - 1));
  }

  /** atanh from its definition, log((1 + x) / (1 - x)) / 2, through log1p. */
  static double atanh(double x) {
    double a = Math.abs(x);
    if (!(a <= 1)) {
      return Double.NaN;
    }
    if (a == 1) {
      return Math.copySign(Double.POSITIVE_INFINITY, x);
    }
    return Math.copySign(0.5 * StrictMath.log1p(2 * a / (1 - a)), x);
  }

  /**
   * Allowed error in units in the last place of the result dtype: 0 where IEEE 754 fixes the
   * result.
   */
  public static int ulps(Enum<?> op) {
    return switch (op.name()) {
      case "POWER",
          "ARCTAN2",
          "HYPOT",
          "EXP",
          "EXP2",
          "LOG",
          "LOG2",
          "LOG10",
          "LOG1P",
          "EXPM1",
          "SIN",
          "COS",
          "TAN",
          "ARCSIN",
          "ARCCOS",
          "ARCTAN",
          "SINH",
          "COSH",
          "TANH",
          "ARCSINH",
          "ARCCOSH",
          "ARCTANH" ->
          4;
      case "CBRT" -> 1;
      default -> 0;
    };
  }
}
