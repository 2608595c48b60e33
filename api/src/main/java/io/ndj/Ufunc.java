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
    return binary(op, a, b, null);
  }

  /**
   * The loop dtype of {@code op} on arrays of dtypes a and b (NumPy's type resolution), checked in
   * NumPy's words.
   */
  static DType binaryLoop(BinaryOp op, DType a, DType b) {
    DType t =
        op.isFloatOnly() && op != BinaryOp.LDEXP
            // each operand's smallest float, then promoted: arctan2(int8, uint8) is float16
            ? DType.promote(a.floatLoop(), b.floatLoop())
            : op == BinaryOp.LDEXP ? a.floatLoop() : loop(op, DType.promote(a, b));
    // ldexp's exponent loops are int32 and int64: no uint64 casts to them safely
    checkOperands(op, t, !b.isFloat() && b != DType.UINT64, a, b);
    checkLoop(op, t);
    return t;
  }

  /** {@code op(a, b)}, into {@code out} as NumPy's {@code out=} when out is not null. */
  static NdArray binary(BinaryOp op, NdArray a, NdArray b, NdArray out) {
    a.ensureOpen();
    b.ensureOpen();
    if (a.dtype.isComplex() || b.dtype.isComplex()) {
      return ComplexMath.binary(op, a, b, out);
    }
    if (out != null) {
      checkWriteable(out, a);
    }
    if (a.backend() != b.backend()) {
      throw mixed(a, b);
    }
    DType t = binaryLoop(op, a.dtype, b.dtype);
    DType result = op.isComparison() ? DType.BOOL : t;
    long[] shape =
        out == null
            ? Broadcast.shapes(a.shape, b.shape)
            : checkOut(op.numpyName(), out, result, a, a.shape, b.shape);
    a.backend().require(op, t);
    if (op == BinaryOp.POWER && t.kind() == DType.Kind.SIGNED) {
      requireNonNegativeExponents(b);
    }
    NdArray ca = a.dtype == t ? a : a.astype(t);
    NdArray cb = b.dtype == t ? b : b.astype(t);
    try {
      if (out != null) {
        return writeInto(out, result, o -> new Kernel(a.backend()).binary(op, o, ca, cb), ca, cb);
      }
      // not through NdArray.compute: its lambda was 40 bytes of a tiny op's garbage
      NdArray r = NdArray.allocate(a.backend(), result, shape);
      try {
        new Kernel(a.backend()).binary(op, r, ca, cb);
      } catch (RuntimeException e) {
        r.close();
        throw e;
      }
      return r;
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

  /**
   * The loop dtype of {@code a op scalar} (or {@code scalar op a}) for an array of dtype a and a
   * weak Java scalar, checked in NumPy's words (a scalar out of the loop's range, a negative
   * integer power).
   */
  static DType scalarLoop(BinaryOp op, DType a, Number scalar, boolean scalarFirst) {
    // (a comparison with an int past t's range never gets here: see outOfRangeComparison)
    DType t = loop(op, Scalars.weakPromote(a, scalar));
    if (op == BinaryOp.LDEXP) {
      // x's own float loop; a Python number as x runs in float64
      t = scalarFirst ? DType.FLOAT64 : a.floatLoop();
    }
    checkOperands(
        op,
        t,
        scalarFirst
            ? !a.isFloat() && a != DType.UINT64
            : Scalars.isIntegral(scalar) || scalar instanceof Scalars.Bool,
        scalarFirst ? scalar : a,
        scalarFirst ? a : scalar);
    checkLoop(op, t);
    if (t.isInteger() && Scalars.isIntegral(scalar)) {
      Scalars.requireFits(scalar, t);
    }
    if (op == BinaryOp.POWER && t.isInteger() && !scalarFirst && scalar.doubleValue() < 0) {
      throw new IllegalArgumentException("Integers to negative integer powers are not allowed.");
    }
    return t;
  }

  /**
   * NumPy 2 compares a Python int beyond an integer array's range exactly: every element lies below
   * a positive one and above a negative one, so each comparison has one answer for the whole array.
   * That answer, or null where the scalar is in range (or the comparison is not of this kind).
   */
  static Boolean outOfRangeComparison(BinaryOp op, DType a, Number scalar, boolean scalarFirst) {
    // (a bool array takes a Python int in int64's loop, where NumPy refuses one past int64)
    if (!op.isComparison()
        || !a.isInteger()
        || !Scalars.isIntegral(scalar)
        || Scalars.fits(scalar, a)) {
      return null;
    }
    boolean below = scalar.doubleValue() > 0; // every element is below the scalar
    boolean arrayFirstBelow = scalarFirst != below;
    return switch (op) {
      case EQUAL -> false;
      case NOT_EQUAL -> true;
      case LESS, LESS_EQUAL -> arrayFirstBelow;
      default -> !arrayFirstBelow;
    };
  }

  /** {@code a op scalar}, or {@code scalar op a} when {@code scalarFirst}. */
  static NdArray binary(BinaryOp op, NdArray a, Number scalar, boolean scalarFirst) {
    return binary(op, a, scalar, scalarFirst, null);
  }

  /** {@code a op scalar} or {@code scalar op a}, into {@code out} when out is not null. */
  static NdArray binary(BinaryOp op, NdArray a, Number scalar, boolean scalarFirst, NdArray out) {
    a.ensureOpen();
    if (a.dtype.isComplex() || scalar instanceof Complex) {
      return ComplexMath.binary(op, a, scalar, scalarFirst, out);
    }
    if (out != null) {
      checkWriteable(out, a);
    }
    Boolean constant = outOfRangeComparison(op, a.dtype, scalar, scalarFirst);
    if (constant != null) {
      if (out != null) {
        checkOut(op.numpyName(), out, DType.BOOL, a, a.shape, new long[0]);
        return writeInto(out, DType.BOOL, o -> new Kernel(a.backend()).fill(o, constant ? 1L : 0L));
      }
      return NdArray.compute(
          a.backend(),
          DType.BOOL,
          a.shape,
          o -> new Kernel(a.backend()).fill(o, constant ? 1L : 0L));
    }
    DType t = scalarLoop(op, a.dtype, scalar, scalarFirst);
    if (op == BinaryOp.POWER && t.kind() == DType.Kind.SIGNED && scalarFirst) {
      requireNonNegativeExponents(a);
    }
    DType result = op.isComparison() ? DType.BOOL : t;
    if (out != null) {
      checkOut(op.numpyName(), out, result, a, a.shape, new long[0]);
    }
    a.backend().require(op, t);
    Number s = Scalars.toLoop(scalar, t);
    NdArray ca = a.dtype == t ? a : a.astype(t);
    try {
      if (out != null) {
        return writeInto(
            out, result, o -> new Kernel(a.backend()).binaryScalar(op, o, ca, s, scalarFirst), ca);
      }
      return NdArray.compute(
          a.backend(),
          result,
          a.shape,
          o -> new Kernel(a.backend()).binaryScalar(op, o, ca, s, scalarFirst));
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
    return unary(op, a, null);
  }

  /**
   * The loop dtype of {@code op} on an array of dtype t, checked in NumPy's words (invert of bools
   * is logical_not, which the caller runs instead).
   */
  static DType unaryLoop(UnaryOp op, DType t) {
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
      }
      default -> {
        if (op.isFloatOnly()) {
          t = t.floatLoop();
        }
      }
    }
    return t;
  }

  /** {@code op(a)}, into {@code out} as NumPy's {@code out=} when out is not null. */
  static NdArray unary(UnaryOp op, NdArray a, NdArray out) {
    a.ensureOpen();
    if (a.dtype.isComplex()) {
      return ComplexMath.unary(op, a, out);
    }
    if (out != null) {
      checkWriteable(out, a);
    }
    if (op == UnaryOp.INVERT && a.dtype.isBool()) {
      return unary(UnaryOp.LOGICAL_NOT, a, out);
    }
    DType t = unaryLoop(op, a.dtype);
    DType result = op.isPredicate() ? DType.BOOL : t;
    if (out != null) {
      checkOut(op.numpyName(), out, result, a, a.shape);
    }
    a.backend().require(op, t);
    NdArray ca = a.dtype == t ? a : a.astype(t);
    try {
      if (out != null) {
        return writeInto(out, result, o -> new Kernel(a.backend()).unary(op, o, ca), ca);
      }
      return NdArray.compute(
          a.backend(), result, a.shape, o -> new Kernel(a.backend()).unary(op, o, ca));
    } finally {
      if (ca != a) {
        ca.close();
      }
    }
  }

  /**
   * NumPy's first check of a ufunc's {@code out=}, before the loop is chosen: an open, writeable
   * array on the operand's backend.
   */
  static void checkWriteable(NdArray out, NdArray operand) {
    out.ensureOpen();
    if (out.backend() != operand.backend()) {
      throw mixed(operand, out);
    }
    if (!out.isWriteable()) {
      throw new IllegalArgumentException("output array is read-only");
    }
  }

  /**
   * NumPy's checks of a ufunc's {@code out=} once the loop is chosen, in NumPy's order: the
   * result's dtype casts to it under 'same_kind', and the operands broadcast to exactly its shape
   * (an output is never broadcast).
   *
   * @return the output's shape
   */
  static long[] checkOut(
      String ufunc, NdArray out, DType result, NdArray operand, long[]... operandShapes) {
    if (!DType.canCastSameKind(result, out.dtype)) {
      throw new IllegalArgumentException(
          "Cannot cast ufunc '"
              + ufunc
              + "' output from dtype('"
              + result
              + "') to dtype('"
              + out.dtype
              + "') with casting rule 'same_kind'");
    }
    long[][] all = java.util.Arrays.copyOf(operandShapes, operandShapes.length + 1);
    all[operandShapes.length] = out.shape;
    long[] shape = Broadcast.shapes(all);
    if (!java.util.Arrays.equals(shape, out.shape)) {
      throw new IllegalArgumentException(
          "non-broadcastable output operand with shape "
              + Shape.format(out.shape, ",")
              + " doesn't match the broadcast shape "
              + Shape.format(shape, ","));
    }
    return out.shape;
  }

  /**
   * Runs {@code kernel} straight into {@code out} when out has the result's dtype and shares no
   * memory with an operand other than element for element (x += y); otherwise into a new array of
   * the result's dtype, then cast into out, so that an operand overlapping out is read before it is
   * written, as NumPy does.
   */
  static NdArray writeInto(
      NdArray out, DType result, java.util.function.Consumer<NdArray> kernel, NdArray... operands) {
    boolean direct = out.dtype == result;
    for (NdArray x : operands) {
      direct &= x.storage != out.storage || sameElements(x, out);
    }
    if (direct) {
      kernel.accept(out);
      return out;
    }
    try (NdArray tmp = NdArray.allocate(out.backend(), result, out.shape)) {
      kernel.accept(tmp);
      new Kernel(out.backend()).copy(out, tmp);
    }
    return out;
  }

  /** Whether {@code x}, broadcast to out's shape, reads exactly the elements out writes. */
  private static boolean sameElements(NdArray x, NdArray out) {
    return x.offset == out.offset
        && x.dtype.itemsize() == out.dtype.itemsize()
        && java.util.Arrays.equals(x.shape, out.shape)
        && java.util.Arrays.equals(x.strides, out.strides);
  }
}
