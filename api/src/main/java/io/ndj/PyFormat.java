package io.ndj;

import io.ndj.spi.UInt64;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's {@code format % values} for the NumPy scalars of one array row, as {@code np.savetxt}
 * applies it: conversions d i u x X o e E f F g G s r a c with flags {@code #0- +}, width and
 * precision; errors in Python's words. Floats are formatted from their exact binary value, rounded
 * half to even, as CPython does.
 */
final class PyFormat {
  private PyFormat() {}

  /** Python raised a TypeError: savetxt reports it as a mismatch of dtype and format. */
  static final class Mismatch extends RuntimeException {
    Mismatch() {
      super(null, null, false, false);
    }
  }

  /** One element: its dtype and value (a long for integers and bool, else a double). */
  record Value(DType dtype, long bits, double value) {
    /** The integer value: a uint64's bits read unsigned. */
    BigInteger integer() {
      return dtype.isUnsigned64() ? UInt64.toBigInteger(bits) : BigInteger.valueOf(bits);
    }
  }

  /** {@code format % row}. */
  static String apply(String format, Value[] row) {
    StringBuilder out = new StringBuilder();
    int arg = 0;
    int i = 0;
    int n = format.length();
    while (i < n) {
      char c = format.charAt(i);
      if (c != '%') {
        out.append(c);
        i++;
        continue;
      }
      i++;
      if (i >= n) {
        throw new IllegalArgumentException("incomplete format");
      }
      boolean left = false;
      boolean plus = false;
      boolean space = false;
      boolean zero = false;
      boolean alt = false;
      for (; i < n; i++) {
        char f = format.charAt(i);
        if (f == '-') {
          left = true;
        } else if (f == '+') {
          plus = true;
        } else if (f == ' ') {
          space = true;
        } else if (f == '0') {
          zero = true;
        } else if (f == '#') {
          alt = true;
        } else {
          break;
        }
      }
      int width = 0;
      while (i < n && Character.isDigit(format.charAt(i))) {
        width = width * 10 + (format.charAt(i++) - '0');
      }
      int precision = -1;
      if (i < n && format.charAt(i) == '.') {
        i++;
        precision = 0;
        while (i < n && Character.isDigit(format.charAt(i))) {
          precision = precision * 10 + (format.charAt(i++) - '0');
        }
      }
      while (i < n && "hlL".indexOf(format.charAt(i)) >= 0) {
        i++;
      }
      if (i >= n) {
        throw new IllegalArgumentException("incomplete format");
      }
      char conv = format.charAt(i++);
      if (conv == '%') {
        out.append('%');
        continue;
      }
      if ("diuxXoeEfFgGsrac".indexOf(conv) < 0) {
        throw new IllegalArgumentException(
            String.format(
                "unsupported format character '%c' (0x%x) at index %d", conv, (int) conv, i - 1));
      }
      if (arg >= row.length) {
        throw new Mismatch(); // not enough arguments for format string
      }
      Value v = row[arg++];
      String body;
      String sign = "";
      boolean numeric = true;
      switch (conv) {
        case 'd', 'i', 'u' -> {
          BigInteger x = integer(v, true);
          sign = x.signum() < 0 ? "-" : plus ? "+" : space ? " " : "";
          body = minDigits(x.abs().toString(), precision);
        }
        case 'x', 'X', 'o' -> {
          BigInteger x = integer(v, false);
          sign = x.signum() < 0 ? "-" : plus ? "+" : space ? " " : "";
          String digits = x.abs().toString(conv == 'o' ? 8 : 16);
          digits = minDigits(conv == 'X' ? digits.toUpperCase() : digits, precision);
          body = (alt ? (conv == 'o' ? "0o" : conv == 'x' ? "0x" : "0X") : "") + digits;
          if (zero && !left && alt) { // Python pads after the prefix
            int pad = width - sign.length() - body.length();
            if (pad > 0) {
              body = body.substring(0, 2) + "0".repeat(pad) + body.substring(2);
            }
            zero = false;
          }
        }
        case 'e', 'E', 'f', 'F', 'g', 'G' -> {
          double x = v.dtype().isFloat() ? v.value() : v.integer().doubleValue();
          sign =
              (Double.doubleToRawLongBits(x) < 0 && !Double.isNaN(x))
                  ? "-"
                  : plus ? "+" : space ? " " : "";
          body = floating(Math.abs(x), Character.toLowerCase(conv), precision, alt);
          if (Character.isUpperCase(conv)) {
            body = body.toUpperCase();
          }
        }
        case 'c' -> {
          if (v.dtype().isFloat() || v.dtype().isBool()) {
            throw new Mismatch();
          }
          if (v.bits() < 0 || v.bits() > 0x10FFFF) {
            throw new IllegalArgumentException("%c arg not in range(0x110000)");
          }
          body = new String(Character.toChars((int) v.bits()));
          numeric = false;
        }
        default -> { // s, r, a
          body = conv == 's' ? str(v) : repr(v);
          if (precision >= 0 && body.length() > precision) {
            body = body.substring(0, precision);
          }
          numeric = false;
        }
      }
      String text = sign + body;
      if (text.length() < width) {
        int pad = width - text.length();
        if (left) {
          text = text + " ".repeat(pad);
        } else if (zero && numeric) {
          text = sign + "0".repeat(pad) + body;
        } else {
          text = " ".repeat(pad) + text;
        }
      }
      out.append(text);
    }
    if (arg < row.length) {
      throw new Mismatch(); // not all arguments converted during string formatting
    }
    return out.toString();
  }

  /** Python's int(x) for %d (floats truncate) or operator.index(x) for %x and %o. */
  private static BigInteger integer(Value v, boolean truncateFloats) {
    if (v.dtype().isFloat()) {
      if (!truncateFloats) {
        throw new Mismatch();
      }
      double x = v.value();
      if (Double.isNaN(x)) {
        throw new IllegalArgumentException("cannot convert float NaN to integer");
      }
      if (Double.isInfinite(x)) {
        throw new IllegalArgumentException("cannot convert float infinity to integer");
      }
      return new BigDecimal(x).toBigInteger();
    }
    if (v.dtype().isBool() && !truncateFloats) {
      throw new Mismatch(); // numpy.bool has no __index__
    }
    return v.integer();
  }

  private static String minDigits(String digits, int precision) {
    return digits.length() < precision ? "0".repeat(precision - digits.length()) + digits : digits;
  }

  /** %e, %f or %g of a non-negative value (or NaN), without its sign. */
  static String floating(double x, char conv, int precision, boolean alt) {
    if (Double.isNaN(x)) {
      return "nan";
    }
    if (Double.isInfinite(x)) {
      return "inf";
    }
    int p = precision < 0 ? 6 : precision;
    return switch (conv) {
      case 'f' -> fixed(x, p, alt);
      case 'e' -> exponent(x, p, alt);
      default -> general(x, precision < 0 ? 6 : Math.max(precision, 1), alt);
    };
  }

  private static String fixed(double x, int p, boolean alt) {
    String s = new BigDecimal(x).setScale(p, RoundingMode.HALF_EVEN).toPlainString();
    return p == 0 && alt ? s + "." : s;
  }

  /** The digits (p + 1 of them) and decimal exponent of x rounded to p + 1 significant digits. */
  private static Object[] digits(double x, int p) {
    if (x == 0) {
      return new Object[] {"0".repeat(p + 1), 0};
    }
    BigDecimal r = new BigDecimal(x).round(new MathContext(p + 1, RoundingMode.HALF_EVEN));
    String d = r.unscaledValue().toString();
    int exp = d.length() - 1 - r.scale();
    if (d.length() < p + 1) {
      d = d + "0".repeat(p + 1 - d.length());
    } else if (d.length() > p + 1) {
      d = d.substring(0, p + 1); // trailing zeros of an exact value
    }
    return new Object[] {d, exp};
  }

  private static String exponent(double x, int p, boolean alt) {
    Object[] de = digits(x, p);
    String d = (String) de[0];
    int exp = (Integer) de[1];
    String mant = d.charAt(0) + (p > 0 || alt ? "." : "") + d.substring(1);
    return mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
  }

  private static String general(double x, int p, boolean alt) {
    int exp = (Integer) digits(x, p - 1)[1];
    String s = exp >= -4 && exp < p ? fixed(x, p - 1 - exp, alt) : exponent(x, p - 1, alt);
    if (alt) {
      return s;
    }
    int e = s.indexOf('e');
    String mant = e < 0 ? s : s.substring(0, e);
    String tail = e < 0 ? "" : s.substring(e);
    if (mant.indexOf('.') >= 0) {
      mant = mant.replaceAll("0+$", "");
      if (mant.endsWith(".")) {
        mant = mant.substring(0, mant.length() - 1);
      }
    }
    return mant + tail;
  }

  /** str() of a NumPy scalar. */
  static String str(Value v) {
    DType t = v.dtype();
    if (t.isBool()) {
      return v.bits() != 0 ? "True" : "False";
    }
    if (t.isFloat()) {
      return FloatFormat.scalar(v.value(), t);
    }
    return v.integer().toString();
  }

  /** repr() of a NumPy 2 scalar: {@code np.float64(1.5)}, {@code np.True_}. */
  static String repr(Value v) {
    if (v.dtype().isBool()) {
      return v.bits() != 0 ? "np.True_" : "np.False_";
    }
    return "np." + v.dtype() + "(" + str(v) + ")";
  }
}
