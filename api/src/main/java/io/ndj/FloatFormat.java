package io.ndj;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * NumPy's float printing (its Dragon4 "unique" mode): the shortest digits that round-trip in the
 * value's own dtype, cut at a precision by rounding the exact binary value half to even, then
 * trimmed and padded.
 */
final class FloatFormat {
  private FloatFormat() {}

  /**
   * Trim modes of NumPy's {@code format_float_*}: 'k' keep, '.' drop zeros keep point, '0' keep one
   * zero.
   */
  enum Trim {
    KEEP,
    DOT,
    ZERO
  }

  /** The shortest decimal that reads back as {@code x} in {@code t} (x non-negative and finite). */
  static BigDecimal shortest(double x, DType t) {
    if (x == 0) {
      return BigDecimal.ZERO;
    }
    BigDecimal r =
        switch (t) {
          case FLOAT32 -> new BigDecimal(Float.toString((float) x));
          case FLOAT16 -> shortestHalf(x);
          default -> new BigDecimal(Double.toString(x));
        };
    r = r.stripTrailingZeros();
    if (r.precision() == 2) {
      // Java prints at least two digits and picks the closer two (4.9E-324); Python's repr takes
      // one digit where one reads back (5e-324)
      BigDecimal one = r.round(new MathContext(1, RoundingMode.HALF_EVEN));
      boolean same =
          t == DType.FLOAT32
              ? Float.parseFloat(one.toString()) == (float) x
              : t != DType.FLOAT16 && Double.parseDouble(one.toString()) == x;
      if (same) {
        return one.stripTrailingZeros();
      }
    }
    return r;
  }

  private static BigDecimal shortestHalf(double x) {
    BigDecimal exact = new BigDecimal(x);
    short bits = Scalars.toHalf(x);
    for (int p = 1; p < 6; p++) {
      BigDecimal c = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
      if (Scalars.toHalf(c.doubleValue()) == bits) {
        return c;
      }
    }
    return exact.round(new MathContext(5, RoundingMode.HALF_EVEN));
  }

  static boolean negative(double x) {
    return x < 0 || (x == 0 && 1 / x < 0);
  }

  /** Digits of |x| with at most {@code precision} fractional digits (positional, unique mode). */
  static BigDecimal positionalDigits(double x, DType t, int precision) {
    double a = Math.abs(x);
    BigDecimal s = shortest(a, t);
    if (s.scale() > precision) {
      s = new BigDecimal(a).setScale(precision, RoundingMode.HALF_EVEN).stripTrailingZeros();
    }
    return s;
  }

  /** NumPy's {@code dragon4_positional} in unique mode. */
  static String positional(
      double x, DType t, int precision, int minDigits, Trim trim, int padLeft, int padRight) {
    BigDecimal d = positionalDigits(x, t, precision);
    String plain = d.scale() <= 0 ? d.setScale(0).toPlainString() : d.toPlainString();
    int dot = plain.indexOf('.');
    String ip = dot < 0 ? plain : plain.substring(0, dot);
    StringBuilder frac = new StringBuilder(dot < 0 ? "" : plain.substring(dot + 1));
    while (frac.length() < minDigits) {
      frac.append('0');
    }
    if (trim == Trim.ZERO && frac.isEmpty()) {
      frac.append('0');
    }
    String sign = negative(x) ? "-" : "";
    String left = sign + ip;
    StringBuilder b = new StringBuilder();
    b.append(" ".repeat(Math.max(0, padLeft - left.length())))
        .append(left)
        .append('.')
        .append(frac);
    b.append(" ".repeat(Math.max(0, padRight - frac.length())));
    return b.toString();
  }

  /** NumPy's {@code dragon4_scientific} in unique mode. */
  static String scientific(
      double x, DType t, int precision, int minDigits, int padLeft, int expDigits) {
    double a = Math.abs(x);
    BigDecimal s = shortest(a, t);
    int exp;
    String digits;
    if (s.signum() == 0) {
      exp = 0;
      digits = "0";
    } else {
      if (s.precision() - 1 > precision) {
        s =
            new BigDecimal(a)
                .round(new MathContext(precision + 1, RoundingMode.HALF_EVEN))
                .stripTrailingZeros();
      } else if (s.precision() - 1 < minDigits) {
        // dragon4's min_digits: the digits past the unique ones are the value's own, the last
        // rounded (NumPy prints float32 84.07461 as 8.4074608e+01 beside an 8-digit neighbour)
        s =
            new BigDecimal(a)
                .round(new MathContext(minDigits + 1, RoundingMode.HALF_EVEN))
                .stripTrailingZeros();
      }
      exp = s.precision() - s.scale() - 1;
      digits = s.unscaledValue().toString();
    }
    StringBuilder frac = new StringBuilder(digits.substring(1));
    while (frac.length() < minDigits) {
      frac.append('0');
    }
    String left = (negative(x) ? "-" : "") + digits.charAt(0);
    String e = Integer.toString(Math.abs(exp));
    if (e.length() < expDigits) {
      e = "0".repeat(expDigits - e.length()) + e;
    }
    return " ".repeat(Math.max(0, padLeft - left.length()))
        + left
        + "."
        + frac
        + "e"
        + (exp < 0 ? "-" : "+")
        + e;
  }

  /**
   * {@code str()} of a NumPy float scalar (what a 0-d array prints): positional from 1e-4 up to a
   * bound that grows with the type's precision (1e3 for float16, 1e6 for float32, 1e16 for
   * float64), scientific outside it.
   */
  static String scalar(double x, DType t) {
    if (Double.isNaN(x)) {
      return "nan";
    }
    if (Double.isInfinite(x)) {
      return x > 0 ? "inf" : "-inf";
    }
    double a = Math.abs(x);
    double upper =
        switch (t) {
          case FLOAT16 -> 1e3;
          case FLOAT32 -> 1e6;
          default -> 1e16;
        };
    if (a == 0 || (a >= 1e-4 && a < upper)) {
      return positional(x, t, Integer.MAX_VALUE / 2, 0, Trim.ZERO, 0, 0);
    }
    String s = scientific(x, t, Integer.MAX_VALUE / 2, 0, 0, 2);
    // trim '.': drop trailing zeros and the point before the exponent, as Python's repr does
    int e = s.indexOf('e');
    String mant = s.substring(0, e);
    if (mant.endsWith(".")) {
      mant = mant.substring(0, mant.length() - 1);
    }
    return mant + s.substring(e);
  }
}
