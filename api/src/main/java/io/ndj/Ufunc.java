package io.ndj;

import io.ndj.spi.BinaryOp;
import io.ndj.spi.UnaryOp;

/**
 * Type resolution and dispatch of elementwise functions: NumPy's ufunc rules, once for every
 * backend.
 */
final class Ufunc {
  private Ufunc() {}

  static IllegalArgumentException mixed(NdArray a, NdArray b) {
    return new IllegalArgumentException(
        "arrays live on different backends: "
            + a.backend().name()
            + " and "
            + b.backend().name()
            + "; move one with x.to(backend)");
  }

  /** The loop dtype for {@code op} given the promoted operand dtype. */
  static DType loop(BinaryOp op, DType t) {
    return switch (op) {
      case DIVIDE -> t.isFloat() ? t : DType.FLOAT64;
      case ARCTAN2, HYPOT, COPYSIGN, NEXTAFTER, LDEXP -> t.floatLoop();
      case FLOOR_DIVIDE, MOD, FMOD, POWER, LEFT_SHIFT, RIGHT_SHIFT -> t.isBool() ? DType.INT8 : t;
      case SUBTRACT -> {
        if (t.isBool()) {
          throw new IllegalArgumentException(
              "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^`"
                  + " operator, or the logical_xor function instead.");
        }
        yield t;
      }
      default -> t;
    };
  }

  static void checkLoop(BinaryOp op, DType t) {
    if ((op.isBitwise()) && t.isFloat()) {
      throw new IllegalArgumentException(
          "ufunc '"
              + op.numpyName()
              + "' not supported for the input types, and the inputs could not be safely coerced to any"
              + " supported types according to the casting rule ''safe''");
    }
  }

  /** NumPy's name of a dtype's class in its messages: {@code <class 'numpy.dtypes.UInt8DType'>}. */
  static String dtypeClass(DType t) {
    String n = t.toString();
    String camel =
        n.startsWith("uint")
            ? "UInt" + n.substring(4)
            : Character.toUpperCase(n.charAt(0)) + n.substring(1);
    return "<class 'numpy.dtypes." + camel + "DType'>";
  }

  /** The class NumPy names for an operand: an array's dtype, or a Python number's. */
  private static String operandClass(Object operand) {
    if (operand instanceof DType t) {
      return dtypeClass(t);
    }
    return Scalars.isIntegral((Number) operand)
        ? "<class 'numpy.dtypes._PyLongDType'>"
        : "<class 'numpy.dtypes._PyFloatDType'>";
  }

  /**
   * gcd and lcm on a non-integer loop, and ldexp with a non-integer exponent, in NumPy's words
   * ({@code first} and {@code second}: each operand's dtype, or the Python number; named only when
   * the message is made, not on every call).
   */
  private static void checkOperands(
      BinaryOp op, DType t, boolean exponentIsInteger, Object first, Object second) {
    if (op.isIntegerOnly() && !t.isInteger()) {
      throw new IllegalArgumentException(
          "ufunc '"
              + op.numpyName()
              + "' did not contain a loop with signature matching types ("
              + operandClass(first)
              + ", "
              + operandClass(second)
              + ") -> None");
    }
    if (op == BinaryOp.LDEXP && !exponentIsInteger) {
      throw new IllegalArgumentException(
          "ufunc 'ldexp' not supported for the input types, and the inputs could not be safely"
              + " coerced to any supported types according to the casting rule ''safe''");
    }
  }

  static NdArray binary(BinaryOp op, NdArray a, NdArray b) {
    a.ensureOpen();
    b.ensureOpen();
    if (a.backend() != b.backend()) {
      throw mixed(a, b);
    }
    DType t =
        op.isFloatOnly() && op != BinaryOp.LDEXP
            // each operand's smallest float, then promoted: arctan2(int8, uint8) is float16
            ? DType.promote(a.dtype.floatLoop(), b.dtype.floatLoop())
            : op == BinaryOp.LDEXP
                ? a.dtype.floatLoop()
                : loop(op, DType.promote(a.dtype, b.dtype));
    checkOperands(op, t, !b.dtype.isFloat(), a.dtype, b.dtype);
    checkLoop(op, t);
    long[] shape = Broadcast.shapes(a.shape, b.shape);
    a.backend().require(op, t);
    if (op == BinaryOp.POWER && t.kind() == DType.Kind.SIGNED) {
      requireNonNegativeExponents(b);
    }
    NdArray ca = a.dtype == t ? a : a.astype(t);
    NdArray cb = b.dtype == t ? b : b.astype(t);
    try {
      // not through NdArray.compute: its lambda was 40 bytes of a tiny op's garbage
      NdArray out = NdArray.allocate(a.backend(), op.isComparison() ? DType.BOOL : t, shape);
      try {
        new Kernel(a.backend()).binary(op, out, ca, cb);
      } catch (RuntimeException e) {
        out.close();
        throw e;
      }
      return out;
    } finally {
      if (ca != a) {
        ca.close();
      }
      if (cb != b) {
        cb.close();
      }
    }
  }

  private static void requireNonNegativeExponents(NdArray b) {
    try (NdArray neg = b.lt(0L);
        NdArray any = neg.any()) {
      if (any.booleanValue()) {
        throw new IllegalArgumentException("Integers to negative integer powers are not allowed.");
      }
    }
  }

  /** {@code a op scalar}, or {@code scalar op a} when {@code scalarFirst}. */
  static NdArray binary(BinaryOp op, NdArray a, Number scalar, boolean scalarFirst) {
    a.ensureOpen();
    DType t = Scalars.weakPromote(a.dtype, scalar);
    if (op.isComparison() && t.isInteger() && !Scalars.fits(scalar, t)) {
      t = DType.INT64; // NumPy 2 compares out-of-range Python ints exactly
    }
    t = loop(op, t);
    if (op == BinaryOp.LDEXP) {
      // x's own float loop; a Python number as x runs in float64
      t = scalarFirst ? DType.FLOAT64 : a.dtype.floatLoop();
    }
    checkOperands(
        op,
        t,
        scalarFirst
            ? !a.dtype.isFloat()
            : Scalars.isIntegral(scalar) || scalar instanceof Scalars.Bool,
        scalarFirst ? scalar : a.dtype,
        scalarFirst ? a.dtype : scalar);
    checkLoop(op, t);
    if (t.isInteger() && Scalars.isIntegral(scalar)) {
      Scalars.requireFits(scalar, t);
    }
    if (op == BinaryOp.POWER && t.isInteger() && !scalarFirst && scalar.doubleValue() < 0) {
      throw new IllegalArgumentException("Integers to negative integer powers are not allowed.");
    }
    if (op == BinaryOp.POWER && t.kind() == DType.Kind.SIGNED && scalarFirst) {
      requireNonNegativeExponents(a);
    }
    a.backend().require(op, t);
    Number s = Scalars.toLoop(scalar, t);
    NdArray ca = a.dtype == t ? a : a.astype(t);
    try {
      return NdArray.compute(
          a.backend(),
          op.isComparison() ? DType.BOOL : t,
          a.shape,
          out -> new Kernel(a.backend()).binaryScalar(op, out, ca, s, scalarFirst));
    } finally {
      if (ca != a) {
        ca.close();
      }
    }
  }

  /** logical_and/or/xor: both operands as bool, then the bitwise op on bools. */
  static NdArray logical(BinaryOp op, NdArray a, NdArray b) {
    try (NdArray ba = a.astype(DType.BOOL);
        NdArray bb = b.astype(DType.BOOL)) {
      return binary(op, ba, bb);
    }
  }

  static NdArray unary(UnaryOp op, NdArray a) {
    a.ensureOpen();
    DType t = a.dtype;
    switch (op) {
      case NEGATIVE -> {
        if (t.isBool()) {
          throw new IllegalArgumentException(
              "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the"
                  + " logical_not function instead.");
        }
      }
      case SIGN -> {
        if (t.isBool()) {
          throw new IllegalArgumentException(
              "ufunc 'sign' did not contain a loop with signature matching types <class"
                  + " 'numpy.dtypes.BoolDType'> -> None");
        }
      }
      case SQUARE -> t = t.isBool() ? DType.INT8 : t;
      case INVERT -> {
        if (t.isFloat()) {
          throw new IllegalArgumentException(
              "ufunc 'invert' not supported for the input types, and the inputs could not be safely coerced"
                  + " to any supported types according to the casting rule ''safe''");
        }
        if (t.isBool()) {
          return unary(UnaryOp.LOGICAL_NOT, a);
        }
      }
      default -> {
        if (op.isFloatOnly()) {
          t = t.floatLoop();
        }
      }
    }
    a.backend().require(op, t);
    NdArray ca = a.dtype == t ? a : a.astype(t);
    try {
      return NdArray.compute(
          a.backend(),
          op.isPredicate() ? DType.BOOL : t,
          a.shape,
          out -> new Kernel(a.backend()).unary(op, out, ca));
    } finally {
      if (ca != a) {
        ca.close();
      }
    }
  }
}
