package io.ndj.cpu.elementwise;

import io.ndj.DType;
import io.ndj.spi.BinaryOp;
import io.ndj.spi.ElementMath;
import io.ndj.spi.UnaryOp;

/**
 * The elementwise functions on scratch runs, one tight loop per (op, domain) so the JIT can
 * vectorise them. NumPy's semantics are documented on {@link BinaryOp} and {@link UnaryOp}.
 */
public final class Arith {
  private Arith() {}

  /**
   * {@code o = a op b} of float operands held as doubles; {@code t}, the loop dtype, matters for
   * nextafter only (every other op is computed in double and rounded once when stored).
   */
  public static void binaryD(BinaryOp op, DType t, double[] a, double[] b, double[] o, int n) {
    switch (op) {
      case COPYSIGN -> {
        for (int i = 0; i < n; i++) {
          o[i] = Math.copySign(a[i], b[i]);
        }
      }
      case NEXTAFTER -> {
        for (int i = 0; i < n; i++) {
          o[i] = ElementMath.nextAfter(a[i], b[i], t);
        }
      }
      case FMOD -> {
        for (int i = 0; i < n; i++) {
          o[i] = a[i] % b[i]; // Java's % is C's fmod
        }
      }
      case LDEXP -> {
        for (int i = 0; i < n; i++) {
          o[i] = ElementMath.ldexp(a[i], b[i]);
        }
      }
      case ADD -> {
        for (int i = 0; i < n; i++) {
          o[i] = a[i] + b[i];
        }
      }
      case SUBTRACT -> {
        for (int i = 0; i < n; i++) {
          o[i] = a[i] - b[i];
        }
      }
      case MULTIPLY -> {
        for (int i = 0; i < n; i++) {
          o[i] = a[i] * b[i];
        }
      }
      case DIVIDE -> {
        for (int i = 0; i < n; i++) {
          o[i] = a[i] / b[i];
        }
      }
      case FLOOR_DIVIDE -> {
        for (int i = 0; i < n; i++) {
          o[i] = floorDivide(a[i], b[i]);
        }
      }
      case MOD -> {
        for (int i = 0; i < n; i++) {
          o[i] = mod(a[i], b[i]);
        }
      }
      case POWER -> {
        for (int i = 0; i < n; i++) {
          o[i] = pow(a[i], b[i]);
        }
      }
      case ARCTAN2 -> {
        for (int i = 0; i < n; i++) {
          o[i] = Math.atan2(a[i], b[i]);
        }
      }
      case HYPOT -> {
        for (int i = 0; i < n; i++) {
          o[i] = Math.hypot(a[i], b[i]);
        }
      }
      case MAXIMUM -> {
        for (int i = 0; i < n; i++) {
          o[i] = a[i] > b[i] || a[i] != a[i] ? a[i] : b[i];
        }
      }
      case MINIMUM -> {
        for (int i = 0; i < n; i++) {
          o[i] = a[i] < b[i] || a[i] != a[i] ? a[i] : b[i];
        }
      }
      case FMAX -> {
        for (int i = 0; i < n; i++) {
          o[i] = a[i] > b[i] || b[i] != b[i] ? a[i] : b[i];
        }
      }
      case FMIN -> {
        for (int i = 0; i < n; i++) {
          o[i] = a[i] < b[i] || b[i] != b[i] ? a[i] : b[i];
        }
      }
      default -> throw new IllegalArgumentException(op.numpyName() + " has no float loop");
    }
  }

  /**
   * NumPy's {@code npy_floor_divide} for floats (via divmod, so that {@code a == b*q + r} holds
   * closely).
   */
  static double floorDivide(double a, double b) {
    if (b == 0) {
      return a / b;
    }
    double mod = a % b;
    double div = (a - mod) / b;
    if (mod != 0 && (b < 0) != (mod < 0)) {
      div -= 1.0;
    }
    if (div != 0) {
      double fl = Math.floor(div);
      if (div - fl > 0.5) {
        fl += 1.0;
      }
      return fl;
    }
    return Math.copySign(0.0, a / b);
  }

  /** NumPy's float remainder: the sign of the divisor. */
  static double mod(double a, double b) {
    if (b == 0) {
      return a % b;
    }
    double m = a % b;
    if (m != 0) {
      if ((b < 0) != (m < 0)) {
        m += b;
      }
    } else {
      m = Math.copySign(0.0, b);
    }
    return m;
  }

  /** C99 {@code pow}: 1 for a base of 1 or (+-1, +-inf), where Java's gives NaN. */
  static double pow(double x, double y) {
    if (x == 1.0 || (Math.abs(x) == 1.0 && Double.isInfinite(y))) {
      return 1.0;
    }
    return Math.pow(x, y);
  }

  /**
   * {@code o = a op b} on integer runs of dtype {@code t}: uint64 runs (bits) take the unsigned
   * loop where its results differ.
   */
  public static void binaryL(BinaryOp op, DType t, long[] a, long[] b, long[] o, int n) {
    if (t.isUnsigned64() && ElementMath.differsUnsigned(op)) {
      for (int i = 0; i < n; i++) {
        o[i] = ElementMath.unsigned(op, a[i], b[i]);
      }
      return;
    }
    switch (op) {
      case ADD -> {
        for (int i = 0; i < n; i++) {
          o[i] = a[i] + b[i];
        }
      }
      case SUBTRACT -> {
        for (int i = 0; i < n; i++) {
          o[i] = a[i] - b[i];
        }
      }
      case MULTIPLY -> {
        for (int i = 0; i < n; i++) {
          o[i] = a[i] * b[i];
        }
      }
      case FLOOR_DIVIDE -> {
        for (int i = 0; i < n; i++) {
          o[i] = b[i] == 0 ? 0 : Math.floorDiv(a[i], b[i]);
        }
      }
      case MOD -> {
        for (int i = 0; i < n; i++) {
          o[i] = b[i] == 0 ? 0 : Math.floorMod(a[i], b[i]);
        }
      }
      case FMOD -> {
        for (int i = 0; i < n; i++) {
          o[i] = ElementMath.fmod(a[i], b[i]);
        }
      }
      case GCD -> {
        for (int i = 0; i < n; i++) {
          o[i] = ElementMath.gcd(a[i], b[i]);
        }
      }
      case LCM -> {
        for (int i = 0; i < n; i++) {
          o[i] = ElementMath.lcm(a[i], b[i]);
        }
      }
      case POWER -> {
        for (int i = 0; i < n; i++) {
          o[i] = ipow(a[i], b[i]);
        }
      }
      case MAXIMUM, FMAX -> {
        for (int i = 0; i < n; i++) {
          o[i] = Math.max(a[i], b[i]);
        }
      }
      case MINIMUM, FMIN -> {
        for (int i = 0; i < n; i++) {
          o[i] = Math.min(a[i], b[i]);
        }
      }
      case BITWISE_AND -> {
        for (int i = 0; i < n; i++) {
          o[i] = a[i] & b[i];
        }
      }
      case BITWISE_OR -> {
        for (int i = 0; i < n; i++) {
          o[i] = a[i] | b[i];
        }
      }
      case BITWISE_XOR -> {
        for (int i = 0; i < n; i++) {
          o[i] = a[i] ^ b[i];
        }
      }
      case LEFT_SHIFT -> {
        for (int i = 0; i < n; i++) {
          o[i] = b[i] < 0 || b[i] >= 64 ? 0 : a[i] << b[i];
        }
      }
      case RIGHT_SHIFT -> {
        for (int i = 0; i < n; i++) {
          o[i] = b[i] < 0 || b[i] >= 64 ? (a[i] < 0 ? -1 : 0) : a[i] >> b[i];
        }
      }
      default -> throw new IllegalArgumentException(op.numpyName() + " has no integer loop");
    }
  }

  /** Integer power by squaring, wrapping in 64 bits (the store wraps to the dtype). */
  static long ipow(long base, long exp) {
    long r = 1;
    long b = base;
    long e = exp;
    while (e != 0) { // a uint64 exponent past 2^63 is negative here: the bits still count
      if ((e & 1) != 0) {
        r *= b;
      }
      b *= b;
      e >>>= 1;
    }
    return r;
  }

  public static void compareD(BinaryOp op, double[] a, double[] b, long[] o, int n) {
    switch (op) {
      case EQUAL -> {
        for (int i = 0; i < n; i++) {
          o[i] = a[i] == b[i] ? 1 : 0;
        }
      }
      case NOT_EQUAL -> {
        for (int i = 0; i < n; i++) {
          o[i] = a[i] != b[i] ? 1 : 0;
        }
      }
      case LESS -> {
        for (int i = 0; i < n; i++) {
          o[i] = a[i] < b[i] ? 1 : 0;
        }
      }
      case LESS_EQUAL -> {
        for (int i = 0; i < n; i++) {
          o[i] = a[i] <= b[i] ? 1 : 0;
        }
      }
      case GREATER -> {
        for (int i = 0; i < n; i++) {
          o[i] = a[i] > b[i] ? 1 : 0;
        }
      }
      case GREATER_EQUAL -> {
        for (int i = 0; i < n; i++) {
          o[i] = a[i] >= b[i] ? 1 : 0;
        }
      }
      default -> throw new IllegalArgumentException(op.numpyName() + " is not a comparison");
    }
  }

  /** Comparisons of integer runs of dtype {@code t}; uint64 runs (bits) compare unsigned. */
  public static void compareL(BinaryOp op, DType t, long[] a, long[] b, long[] o, int n) {
    if (t.isUnsigned64() && op != BinaryOp.EQUAL && op != BinaryOp.NOT_EQUAL) {
      for (int i = 0; i < n; i++) {
        int c = Long.compareUnsigned(a[i], b[i]);
        boolean r =
            switch (op) {
              case LESS -> c < 0;
              case LESS_EQUAL -> c <= 0;
              case GREATER -> c > 0;
              default -> c >= 0;
            };
        o[i] = r ? 1 : 0;
      }
      return;
    }
    switch (op) {
      case EQUAL -> {
        for (int i = 0; i < n; i++) {
          o[i] = a[i] == b[i] ? 1 : 0;
        }
      }
      case NOT_EQUAL -> {
        for (int i = 0; i < n; i++) {
          o[i] = a[i] != b[i] ? 1 : 0;
        }
      }
      case LESS -> {
        for (int i = 0; i < n; i++) {
          o[i] = a[i] < b[i] ? 1 : 0;
        }
      }
      case LESS_EQUAL -> {
        for (int i = 0; i < n; i++) {
          o[i] = a[i] <= b[i] ? 1 : 0;
        }
      }
      case GREATER -> {
        for (int i = 0; i < n; i++) {
          o[i] = a[i] > b[i] ? 1 : 0;
        }
      }
      case GREATER_EQUAL -> {
        for (int i = 0; i < n; i++) {
          o[i] = a[i] >= b[i] ? 1 : 0;
        }
      }
      default -> throw new IllegalArgumentException(op.numpyName() + " is not a comparison");
    }
  }

  public static void unaryD(UnaryOp op, double[] a, double[] o, int n) {
    for (int i = 0; i < n; i++) {
      double x = a[i];
      o[i] =
          switch (op) {
            case NEGATIVE -> -x;
            case ABS -> Math.abs(x);
            case SIGN -> x > 0 ? 1.0 : x < 0 ? -1.0 : x == 0 ? 0.0 : x;
            case SQRT -> Math.sqrt(x);
            case SQUARE -> x * x;
            case EXP -> Math.exp(x);
            case EXP2 -> Math.pow(2.0, x);
            case LOG -> Math.log(x);
            case LOG2 -> log2(x);
            case LOG10 -> Math.log10(x);
            case LOG1P -> Math.log1p(x);
            case EXPM1 -> Math.expm1(x);
            case SIN -> Math.sin(x);
            case COS -> Math.cos(x);
            case TAN -> Math.tan(x);
            case ARCSIN -> Math.asin(x);
            case ARCCOS -> Math.acos(x);
            case ARCTAN -> Math.atan(x);
            case SINH -> Math.sinh(x);
            case COSH -> Math.cosh(x);
            case TANH -> Math.tanh(x);
            case ARCSINH -> asinh(x);
            case ARCCOSH -> acosh(x);
            case ARCTANH -> atanh(x);
            case FLOOR -> Math.floor(x);
            case CEIL -> Math.ceil(x);
            case RINT -> Math.rint(x);
            case TRUNC -> x < 0 ? Math.ceil(x) : Math.floor(x);
            case CBRT -> Math.cbrt(x);
            default -> throw new IllegalArgumentException(op.numpyName() + " has no float loop");
          };
    }
  }

  private static final double TWO_28 = 0x1p28;
  private static final double TWO_M28 = 0x1p-28;

  /** fdlibm's asinh (s_asinh.c): Java has none; within an ulp. */
  static double asinh(double x) {
    double a = Math.abs(x);
    if (!(a < Double.POSITIVE_INFINITY) || a < TWO_M28) {
      return x; // NaN, infinities, and tiny x where asinh(x) rounds to x
    }
    double w;
    if (a > TWO_28) {
      w = Math.log(a) + LN2;
    } else if (a > 2.0) {
      w = Math.log(2.0 * a + 1.0 / (Math.sqrt(x * x + 1.0) + a));
    } else {
      double t = x * x;
      w = Math.log1p(a + t / (1.0 + Math.sqrt(1.0 + t)));
    }
    return x > 0 ? w : -w;
  }

  /** fdlibm's acosh (e_acosh.c): NaN below 1. */
  static double acosh(double x) {
    if (!(x >= 1.0)) {
      return Double.NaN;
    }
    if (x > TWO_28) {
      return x == Double.POSITIVE_INFINITY ? x : Math.log(x) + LN2;
    }
    if (x == 1.0) {
      return 0.0;
    }
    if (x > 2.0) {
      return Math.log(2.0 * x - 1.0 / (x + Math.sqrt(x * x - 1.0)));
    }
    double t = x - 1.0;
    return Math.log1p(t + Math.sqrt(2.0 * t + t * t));
  }

  /** fdlibm's atanh (e_atanh.c): NaN outside [-1, 1], infinite at its ends. */
  static double atanh(double x) {
    double a = Math.abs(x);
    if (!(a <= 1.0)) {
      return Double.NaN;
    }
    if (a == 1.0) {
      return x / 0.0;
    }
    if (a < TWO_M28) {
      return x;
    }
    double t =
        a < 0.5
            ? 0.5 * Math.log1p(a + a + (a + a) * a / (1.0 - a))
            : 0.5 * Math.log1p((a + a) / (1.0 - a));
    return x >= 0 ? t : -t;
  }

  /**
   * log2: exact for powers of two, else log(x)/ln 2 (no cancellation near 1, unlike exponent +
   * log(mantissa)).
   */
  static double log2(double x) {
    if (x > 0
        && x < Double.POSITIVE_INFINITY
        && (Double.doubleToRawLongBits(x) & 0x000FFFFFFFFFFFFFL) == 0
        && Math.getExponent(x) >= Double.MIN_EXPONENT) {
      return Math.getExponent(x);
    }
    return Math.log(x) / LN2;
  }

  private static final double LN2 = Math.log(2.0);

  /** Integer unary ops on runs of dtype {@code t}; uint64 runs are their own abs and sign. */
  public static void unaryL(UnaryOp op, DType t, long[] a, long[] o, int n) {
    boolean u = t.isUnsigned64();
    for (int i = 0; i < n; i++) {
      long x = a[i];
      o[i] =
          switch (op) {
            case NEGATIVE -> -x;
            case ABS -> u ? x : Math.abs(x);
            case SIGN -> u ? (x != 0 ? 1 : 0) : Long.signum(x);
            case SQUARE -> x * x;
            case FLOOR, CEIL, TRUNC -> x;
            case INVERT -> ~x;
            default -> throw new IllegalArgumentException(op.numpyName() + " has no integer loop");
          };
    }
  }

  public static void predicateD(UnaryOp op, double[] a, long[] o, int n) {
    for (int i = 0; i < n; i++) {
      double x = a[i];
      boolean r =
          switch (op) {
            case ISNAN -> Double.isNaN(x);
            case ISINF -> Double.isInfinite(x);
            case ISFINITE -> Double.isFinite(x);
            case LOGICAL_NOT -> x == 0;
            case SIGNBIT -> Double.doubleToRawLongBits(x) < 0;
            default -> throw new IllegalArgumentException(op.numpyName() + " is not a predicate");
          };
      o[i] = r ? 1 : 0;
    }
  }

  public static void predicateL(UnaryOp op, long[] a, long[] o, int n) {
    for (int i = 0; i < n; i++) {
      boolean r =
          switch (op) {
            case ISNAN, ISINF -> false;
            case ISFINITE -> true;
            case LOGICAL_NOT -> a[i] == 0;
            default -> throw new IllegalArgumentException(op.numpyName() + " is not a predicate");
          };
      o[i] = r ? 1 : 0;
    }
  }
}
