package io.ndj;

import io.ndj.spi.Float16;
import io.ndj.spi.UInt64;
import java.math.BigInteger;

/** Java numbers as NumPy 2 treats Python scalars: weakly typed (NEP 50). */
final class Scalars {
  private Scalars() {}

  static boolean isIntegral(Number n) {
    return n instanceof Long
        || n instanceof Integer
        || n instanceof Short
        || n instanceof Byte
        || n instanceof BigInteger;
  }

  /** A Boolean operand arrives as a Number through {@link #of(boolean)}. */
  static final class Bool extends Number {
    final boolean value;

    Bool(boolean value) {
      this.value = value;
    }

    @Override
    public int intValue() {
      return value ? 1 : 0;
    }

    @Override
    public long longValue() {
      return intValue();
    }

    @Override
    public float floatValue() {
      return intValue();
    }

    @Override
    public double doubleValue() {
      return intValue();
    }
  }

  static Number of(boolean b) {
    return new Bool(b);
  }

  /** The loop dtype for {@code array op scalar} before op-specific rules (NEP 50's weak scalar). */
  static DType weakPromote(DType array, Number scalar) {
    if (scalar instanceof Bool) {
      return array;
    }
    if (scalar instanceof Complex) {
      return array.isInexact() ? array.complexType() : DType.COMPLEX128;
    }
    if (isIntegral(scalar)) {
      return array.isBool() ? DType.INT64 : array;
    }
    return array.isInexact() ? array : DType.FLOAT64;
  }

  /** True when the integral scalar fits the integer dtype. */
  static boolean fits(Number scalar, DType t) {
    if (!isIntegral(scalar) || !t.isInteger()) {
      return true;
    }
    return scalar instanceof BigInteger b ? t.holds(b) : t.holds(scalar.longValue());
  }

  /** An integer dtype's greatest value as a Java number (a BigInteger for uint64). */
  static Number greatest(DType t) {
    return t.isUnsigned64() ? UInt64.toBigInteger(t.maxValue()) : (Number) t.maxValue();
  }

  /**
   * @throws IllegalArgumentException "Python integer 300 out of bounds for uint8", or for an int
   *     past int64 "Python int too large to convert to C long" (NumPy converts those through a C
   *     long, except for uint32 and uint64, which take any value below 2^64 first)
   */
  static void requireFits(Number scalar, DType t) {
    if (t.isInteger()
        && !fits(scalar, DType.INT64)
        && !(fits(scalar, DType.UINT64) && (t == DType.UINT32 || t == DType.UINT64))) {
      throw new IllegalArgumentException("Python int too large to convert to C long");
    }
    if (!fits(scalar, t)) {
      throw new IllegalArgumentException("Python integer " + scalar + " out of bounds for " + t);
    }
  }

  /**
   * The scalar as a value of dtype {@code t}, for kernels: Long for bool/integers, Double (already
   * rounded to float32/float16 precision) for floats.
   */
  static Number toLoop(Number scalar, DType t) {
    if (t.isComplex()) {
      DType part = t.componentType();
      double im = scalar instanceof Complex c ? c.im() : 0;
      return Complex.of(roundTo(scalar.doubleValue(), part), roundTo(im, part));
    }
    if (scalar instanceof Complex) {
      ComplexMath.warnDiscard();
    }
    if (t.isFloat()) {
      return roundTo(scalar.doubleValue(), t);
    }
    if (t.isBool()) {
      return scalar.doubleValue() != 0 || Double.isNaN(scalar.doubleValue()) ? 1L : 0L;
    }
    if (isIntegral(scalar) || scalar instanceof Bool) {
      return scalar.longValue();
    }
    return (long) scalar.doubleValue();
  }

  /**
   * For assignment: integers must fit an integer dtype; floats are cast (truncated) as NumPy casts.
   */
  static Number forStore(Number value, DType t) {
    requireFits(value, t);
    return toLoop(value, t);
  }

  static double roundTo(double d, DType t) {
    return switch (t) {
      case FLOAT32 -> (double) (float) d;
      case FLOAT16 -> Float.float16ToFloat(toHalf(d));
      default -> d;
    };
  }

  static short toHalf(double d) {
    return Float16.fromDouble(d);
  }
}
