package io.ndj;

import io.ndj.spi.BinaryOp;
import io.ndj.spi.Program;
import io.ndj.spi.ReduceOp;
import io.ndj.spi.UnaryOp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A symbolic array inside a function given to {@link Nd#fuse}: it has a dtype and a shape but no
 * values, and its methods, named as {@link NdArray}'s, record operations instead of running them.
 * Each method applies NumPy's rules as the NdArray method does (type promotion with Java numbers as
 * weak scalars, broadcasting, the loop dtype of float-only functions) and throws NumPy's errors at
 * trace time.
 */
public final class Traced {
  /** The program being recorded, shared by every Traced of one trace. */
  static final class Trace {
    final List<Program.Step> steps = new ArrayList<>();
    final int inputs;

    Trace(int inputs) {
      this.inputs = inputs;
    }

    Traced add(Program.Step step) {
      steps.add(step);
      return new Traced(this, steps.size() - 1, step.dtype(), step.shape());
    }
  }

  private final Trace trace;
  private final int step;
  private final DType dtype;
  private final long[] shape;

  private Traced(Trace trace, int step, DType dtype, long[] shape) {
    this.trace = trace;
    this.step = step;
    this.dtype = dtype;
    this.shape = shape;
  }

  static Traced input(Trace trace, int index, DType dtype, long[] shape) {
    return trace.add(new Program.Input(index, dtype, shape));
  }

  int step() {
    return step;
  }

  /**
   * The dtype this value will have.
   *
   * @return its dtype
   */
  public DType dtype() {
    return dtype;
  }

  /**
   * The shape this value will have.
   *
   * @return its shape
   */
  public Shape shape() {
    return Shape.wrap(shape.clone());
  }

  /**
   * The number of dimensions.
   *
   * @return its number of axes
   */
  public int ndim() {
    return shape.length;
  }

  @Override
  public String toString() {
    return "Traced(" + dtype + ", " + shape() + ")";
  }

  // ---- building blocks ----

  private Traced as(DType t) {
    return t == dtype ? this : trace.add(new Program.Cast(step, t, shape));
  }

  private Traced same(Traced other) {
    if (other.trace != trace) {
      throw new IllegalArgumentException("a Traced value of another fused function was used here");
    }
    return other;
  }

  private Traced binary(BinaryOp op, Traced other) {
    same(other);
    DType t = Ufunc.binaryLoop(op, dtype, other.dtype);
    long[] s = Broadcast.shapes(shape, other.shape);
    Traced a = as(t);
    Traced b = other.as(t);
    return trace.add(new Program.Binary(op, a.step, b.step, op.isComparison() ? DType.BOOL : t, s));
  }

  private Traced binary(BinaryOp op, Number scalar, boolean scalarFirst) {
    Boolean constant = Ufunc.outOfRangeComparison(op, dtype, scalar, scalarFirst);
    if (constant != null) {
      // the one answer as a comparison in range: x <= max is always true, x > max never
      return binary(
          constant ? BinaryOp.LESS_EQUAL : BinaryOp.GREATER, Scalars.greatest(dtype), false);
    }
    DType t = Ufunc.scalarLoop(op, dtype, scalar, scalarFirst);
    Traced a = as(t);
    return trace.add(
        new Program.BinaryScalar(
            op,
            a.step,
            Scalars.toLoop(scalar, t),
            scalarFirst,
            op.isComparison() ? DType.BOOL : t,
            shape));
  }

  private Traced unary(UnaryOp op) {
    if (op == UnaryOp.INVERT && dtype.isBool()) {
      op = UnaryOp.LOGICAL_NOT;
    }
    DType t = Ufunc.unaryLoop(op, dtype);
    Traced a = as(t);
    return trace.add(new Program.Unary(op, a.step, op.isPredicate() ? DType.BOOL : t, shape));
  }

  // ---- two operands, as NdArray's ----

  /**
   * {@return NumPy's {@code np.add(x, other)}}, as {@code NdArray.add}.
   *
   * @param other the second operand, broadcast with this one
   */
  public Traced add(Traced other) {
    return binary(BinaryOp.ADD, other);
  }

  /**
   * {@return NumPy's {@code np.add(x, other)} with a weak scalar}, as {@code NdArray.add}.
   *
   * @param other a Java number, weak as a Python scalar
   */
  public Traced add(Number other) {
    return binary(BinaryOp.ADD, other, false);
  }

  /**
   * {@return NumPy's {@code np.subtract(x, other)}}, as {@code NdArray.subtract}.
   *
   * @param other the second operand, broadcast with this one
   */
  public Traced subtract(Traced other) {
    return binary(BinaryOp.SUBTRACT, other);
  }

  /**
   * {@return NumPy's {@code np.subtract(x, other)} with a weak scalar}, as {@code
   * NdArray.subtract}.
   *
   * @param other a Java number, weak as a Python scalar
   */
  public Traced subtract(Number other) {
    return binary(BinaryOp.SUBTRACT, other, false);
  }

  /**
   * {@return {@code scalar - this}}, as {@code Nd.subtract(Number, NdArray)}.
   *
   * @param scalar a Java number on the left, weak as a Python scalar
   */
  public Traced rsubtract(Number scalar) {
    return binary(BinaryOp.SUBTRACT, scalar, true);
  }

  /**
   * {@return NumPy's {@code np.multiply(x, other)}}, as {@code NdArray.multiply}.
   *
   * @param other the second operand, broadcast with this one
   */
  public Traced multiply(Traced other) {
    return binary(BinaryOp.MULTIPLY, other);
  }

  /**
   * {@return NumPy's {@code np.multiply(x, other)} with a weak scalar}, as {@code
   * NdArray.multiply}.
   *
   * @param other a Java number, weak as a Python scalar
   */
  public Traced multiply(Number other) {
    return binary(BinaryOp.MULTIPLY, other, false);
  }

  /**
   * {@return NumPy's {@code np.divide(x, other)}}, as {@code NdArray.divide}.
   *
   * @param other the second operand, broadcast with this one
   */
  public Traced divide(Traced other) {
    return binary(BinaryOp.DIVIDE, other);
  }

  /**
   * {@return NumPy's {@code np.divide(x, other)} with a weak scalar}, as {@code NdArray.divide}.
   *
   * @param other a Java number, weak as a Python scalar
   */
  public Traced divide(Number other) {
    return binary(BinaryOp.DIVIDE, other, false);
  }

  /**
   * {@return {@code scalar / this}}, as {@code Nd.divide(Number, NdArray)}.
   *
   * @param scalar a Java number on the left, weak as a Python scalar
   */
  public Traced rdivide(Number scalar) {
    return binary(BinaryOp.DIVIDE, scalar, true);
  }

  /**
   * {@return NumPy's {@code np.floor_divide(x, other)}}, as {@code NdArray.floorDivide}.
   *
   * @param other the second operand, broadcast with this one
   */
  public Traced floorDivide(Traced other) {
    return binary(BinaryOp.FLOOR_DIVIDE, other);
  }

  /**
   * {@return NumPy's {@code np.floor_divide(x, other)} with a weak scalar}, as {@code
   * NdArray.floorDivide}.
   *
   * @param other a Java number, weak as a Python scalar
   */
  public Traced floorDivide(Number other) {
    return binary(BinaryOp.FLOOR_DIVIDE, other, false);
  }

  /**
   * {@return NumPy's {@code np.remainder(x, other)}}, as {@code NdArray.mod}.
   *
   * @param other the second operand, broadcast with this one
   */
  public Traced mod(Traced other) {
    return binary(BinaryOp.MOD, other);
  }

  /**
   * {@return NumPy's {@code np.remainder(x, other)} with a weak scalar}, as {@code NdArray.mod}.
   *
   * @param other a Java number, weak as a Python scalar
   */
  public Traced mod(Number other) {
    return binary(BinaryOp.MOD, other, false);
  }

  /**
   * {@return {@code this ** other}}. Signed integer powers with an array exponent are refused here:
   * NumPy's check for negative exponents needs the values (run them unfused).
   *
   * @param other the exponent, broadcast with this value
   * @throws IllegalArgumentException for a signed integer loop
   */
  public Traced power(Traced other) {
    if (Ufunc.binaryLoop(BinaryOp.POWER, dtype, other.dtype).kind() == DType.Kind.SIGNED) {
      throw new IllegalArgumentException(
          "power of signed integers by an integer array cannot be fused: NumPy's check for negative"
              + " exponents needs the values; call x.power(y) outside the fused function");
    }
    return binary(BinaryOp.POWER, other);
  }

  /**
   * {@return NumPy's {@code np.power(x, other)} with a weak scalar}, as {@code NdArray.power}.
   *
   * @param other a Java number, weak as a Python scalar
   */
  public Traced power(Number other) {
    return binary(BinaryOp.POWER, other, false);
  }

  /**
   * {@return NumPy's {@code np.maximum(x, other)}}, as {@code NdArray.maximum}.
   *
   * @param other the second operand, broadcast with this one
   */
  public Traced maximum(Traced other) {
    return binary(BinaryOp.MAXIMUM, other);
  }

  /**
   * {@return NumPy's {@code np.maximum(x, other)} with a weak scalar}, as {@code NdArray.maximum}.
   *
   * @param other a Java number, weak as a Python scalar
   */
  public Traced maximum(Number other) {
    return binary(BinaryOp.MAXIMUM, other, false);
  }

  /**
   * {@return NumPy's {@code np.minimum(x, other)}}, as {@code NdArray.minimum}.
   *
   * @param other the second operand, broadcast with this one
   */
  public Traced minimum(Traced other) {
    return binary(BinaryOp.MINIMUM, other);
  }

  /**
   * {@return NumPy's {@code np.minimum(x, other)} with a weak scalar}, as {@code NdArray.minimum}.
   *
   * @param other a Java number, weak as a Python scalar
   */
  public Traced minimum(Number other) {
    return binary(BinaryOp.MINIMUM, other, false);
  }

  /**
   * {@return NumPy's {@code np.fmax(x, other)}}, as {@code NdArray.fmax}.
   *
   * @param other the second operand, broadcast with this one
   */
  public Traced fmax(Traced other) {
    return binary(BinaryOp.FMAX, other);
  }

  /**
   * {@return NumPy's {@code np.fmin(x, other)}}, as {@code NdArray.fmin}.
   *
   * @param other the second operand, broadcast with this one
   */
  public Traced fmin(Traced other) {
    return binary(BinaryOp.FMIN, other);
  }

  /**
   * {@return {@code minimum(maximum(x, min), max)}}, as NumPy's clip.
   *
   * @param min the lower bound, a weak scalar
   * @param max the upper bound, a weak scalar
   */
  public Traced clip(Number min, Number max) {
    return maximum(min).minimum(max);
  }

  /**
   * {@return NumPy's {@code np.arctan2(x, other)}}, as {@code NdArray.arctan2}.
   *
   * @param other the second operand, broadcast with this one
   */
  public Traced arctan2(Traced other) {
    return binary(BinaryOp.ARCTAN2, other);
  }

  /**
   * {@return NumPy's {@code np.hypot(x, other)}}, as {@code NdArray.hypot}.
   *
   * @param other the second operand, broadcast with this one
   */
  public Traced hypot(Traced other) {
    return binary(BinaryOp.HYPOT, other);
  }

  /**
   * {@return NumPy's {@code np.copysign(x, other)}}, as {@code NdArray.copysign}.
   *
   * @param other the second operand, broadcast with this one
   */
  public Traced copysign(Traced other) {
    return binary(BinaryOp.COPYSIGN, other);
  }

  /**
   * {@return NumPy's {@code np.equal(x, other)}}, as {@code NdArray.eq}.
   *
   * @param other the second operand, broadcast with this one
   */
  public Traced eq(Traced other) {
    return binary(BinaryOp.EQUAL, other);
  }

  /**
   * {@return NumPy's {@code np.equal(x, other)} with a weak scalar}, as {@code NdArray.eq}.
   *
   * @param other a Java number, weak as a Python scalar
   */
  public Traced eq(Number other) {
    return binary(BinaryOp.EQUAL, other, false);
  }

  /**
   * {@return NumPy's {@code np.not_equal(x, other)}}, as {@code NdArray.ne}.
   *
   * @param other the second operand, broadcast with this one
   */
  public Traced ne(Traced other) {
    return binary(BinaryOp.NOT_EQUAL, other);
  }

  /**
   * {@return NumPy's {@code np.not_equal(x, other)} with a weak scalar}, as {@code NdArray.ne}.
   *
   * @param other a Java number, weak as a Python scalar
   */
  public Traced ne(Number other) {
    return binary(BinaryOp.NOT_EQUAL, other, false);
  }

  /**
   * {@return NumPy's {@code np.less(x, other)}}, as {@code NdArray.lt}.
   *
   * @param other the second operand, broadcast with this one
   */
  public Traced lt(Traced other) {
    return binary(BinaryOp.LESS, other);
  }

  /**
   * {@return NumPy's {@code np.less(x, other)} with a weak scalar}, as {@code NdArray.lt}.
   *
   * @param other a Java number, weak as a Python scalar
   */
  public Traced lt(Number other) {
    return binary(BinaryOp.LESS, other, false);
  }

  /**
   * {@return NumPy's {@code np.less_equal(x, other)}}, as {@code NdArray.le}.
   *
   * @param other the second operand, broadcast with this one
   */
  public Traced le(Traced other) {
    return binary(BinaryOp.LESS_EQUAL, other);
  }

  /**
   * {@return NumPy's {@code np.less_equal(x, other)} with a weak scalar}, as {@code NdArray.le}.
   *
   * @param other a Java number, weak as a Python scalar
   */
  public Traced le(Number other) {
    return binary(BinaryOp.LESS_EQUAL, other, false);
  }

  /**
   * {@return NumPy's {@code np.greater(x, other)}}, as {@code NdArray.gt}.
   *
   * @param other the second operand, broadcast with this one
   */
  public Traced gt(Traced other) {
    return binary(BinaryOp.GREATER, other);
  }

  /**
   * {@return NumPy's {@code np.greater(x, other)} with a weak scalar}, as {@code NdArray.gt}.
   *
   * @param other a Java number, weak as a Python scalar
   */
  public Traced gt(Number other) {
    return binary(BinaryOp.GREATER, other, false);
  }

  /**
   * {@return NumPy's {@code np.greater_equal(x, other)}}, as {@code NdArray.ge}.
   *
   * @param other the second operand, broadcast with this one
   */
  public Traced ge(Traced other) {
    return binary(BinaryOp.GREATER_EQUAL, other);
  }

  /**
   * {@return NumPy's {@code np.greater_equal(x, other)} with a weak scalar}, as {@code NdArray.ge}.
   *
   * @param other a Java number, weak as a Python scalar
   */
  public Traced ge(Number other) {
    return binary(BinaryOp.GREATER_EQUAL, other, false);
  }

  /**
   * {@return NumPy's {@code np.bitwise_and(x, other)}}, as {@code NdArray.bitwiseAnd}.
   *
   * @param other the second operand, broadcast with this one
   */
  public Traced bitwiseAnd(Traced other) {
    return binary(BinaryOp.BITWISE_AND, other);
  }

  /**
   * {@return NumPy's {@code np.bitwise_or(x, other)}}, as {@code NdArray.bitwiseOr}.
   *
   * @param other the second operand, broadcast with this one
   */
  public Traced bitwiseOr(Traced other) {
    return binary(BinaryOp.BITWISE_OR, other);
  }

  /**
   * {@return NumPy's {@code np.bitwise_xor(x, other)}}, as {@code NdArray.bitwiseXor}.
   *
   * @param other the second operand, broadcast with this one
   */
  public Traced bitwiseXor(Traced other) {
    return binary(BinaryOp.BITWISE_XOR, other);
  }

  // ---- one operand ----

  /** {@return NumPy's {@code np.negative(x)} of this value}, as {@code NdArray.negative()}. */
  public Traced negative() {
    return unary(UnaryOp.NEGATIVE);
  }

  /** {@return NumPy's {@code np.absolute(x)} of this value}, as {@code NdArray.abs()}. */
  public Traced abs() {
    return unary(UnaryOp.ABS);
  }

  /** {@return NumPy's {@code np.sign(x)} of this value}, as {@code NdArray.sign()}. */
  public Traced sign() {
    return unary(UnaryOp.SIGN);
  }

  /** {@return NumPy's {@code np.sqrt(x)} of this value}, as {@code NdArray.sqrt()}. */
  public Traced sqrt() {
    return unary(UnaryOp.SQRT);
  }

  /** {@return NumPy's {@code np.square(x)} of this value}, as {@code NdArray.square()}. */
  public Traced square() {
    return unary(UnaryOp.SQUARE);
  }

  /** {@return NumPy's {@code np.exp(x)} of this value}, as {@code NdArray.exp()}. */
  public Traced exp() {
    return unary(UnaryOp.EXP);
  }

  /** {@return NumPy's {@code np.exp2(x)} of this value}, as {@code NdArray.exp2()}. */
  public Traced exp2() {
    return unary(UnaryOp.EXP2);
  }

  /** {@return NumPy's {@code np.log(x)} of this value}, as {@code NdArray.log()}. */
  public Traced log() {
    return unary(UnaryOp.LOG);
  }

  /** {@return NumPy's {@code np.log2(x)} of this value}, as {@code NdArray.log2()}. */
  public Traced log2() {
    return unary(UnaryOp.LOG2);
  }

  /** {@return NumPy's {@code np.log10(x)} of this value}, as {@code NdArray.log10()}. */
  public Traced log10() {
    return unary(UnaryOp.LOG10);
  }

  /** {@return NumPy's {@code np.log1p(x)} of this value}, as {@code NdArray.log1p()}. */
  public Traced log1p() {
    return unary(UnaryOp.LOG1P);
  }

  /** {@return NumPy's {@code np.expm1(x)} of this value}, as {@code NdArray.expm1()}. */
  public Traced expm1() {
    return unary(UnaryOp.EXPM1);
  }

  /** {@return NumPy's {@code np.sin(x)} of this value}, as {@code NdArray.sin()}. */
  public Traced sin() {
    return unary(UnaryOp.SIN);
  }

  /** {@return NumPy's {@code np.cos(x)} of this value}, as {@code NdArray.cos()}. */
  public Traced cos() {
    return unary(UnaryOp.COS);
  }

  /** {@return NumPy's {@code np.tan(x)} of this value}, as {@code NdArray.tan()}. */
  public Traced tan() {
    return unary(UnaryOp.TAN);
  }

  /** {@return NumPy's {@code np.arcsin(x)} of this value}, as {@code NdArray.arcsin()}. */
  public Traced arcsin() {
    return unary(UnaryOp.ARCSIN);
  }

  /** {@return NumPy's {@code np.arccos(x)} of this value}, as {@code NdArray.arccos()}. */
  public Traced arccos() {
    return unary(UnaryOp.ARCCOS);
  }

  /** {@return NumPy's {@code np.arctan(x)} of this value}, as {@code NdArray.arctan()}. */
  public Traced arctan() {
    return unary(UnaryOp.ARCTAN);
  }

  /** {@return NumPy's {@code np.sinh(x)} of this value}, as {@code NdArray.sinh()}. */
  public Traced sinh() {
    return unary(UnaryOp.SINH);
  }

  /** {@return NumPy's {@code np.cosh(x)} of this value}, as {@code NdArray.cosh()}. */
  public Traced cosh() {
    return unary(UnaryOp.COSH);
  }

  /** {@return NumPy's {@code np.tanh(x)} of this value}, as {@code NdArray.tanh()}. */
  public Traced tanh() {
    return unary(UnaryOp.TANH);
  }

  /** {@return NumPy's {@code np.arcsinh(x)} of this value}, as {@code NdArray.arcsinh()}. */
  public Traced arcsinh() {
    return unary(UnaryOp.ARCSINH);
  }

  /** {@return NumPy's {@code np.arccosh(x)} of this value}, as {@code NdArray.arccosh()}. */
  public Traced arccosh() {
    return unary(UnaryOp.ARCCOSH);
  }

  /** {@return NumPy's {@code np.arctanh(x)} of this value}, as {@code NdArray.arctanh()}. */
  public Traced arctanh() {
    return unary(UnaryOp.ARCTANH);
  }

  /** {@return NumPy's {@code np.floor(x)} of this value}, as {@code NdArray.floor()}. */
  public Traced floor() {
    return unary(UnaryOp.FLOOR);
  }

  /** {@return NumPy's {@code np.ceil(x)} of this value}, as {@code NdArray.ceil()}. */
  public Traced ceil() {
    return unary(UnaryOp.CEIL);
  }

  /** {@return NumPy's {@code np.rint(x)} of this value}, as {@code NdArray.rint()}. */
  public Traced rint() {
    return unary(UnaryOp.RINT);
  }

  /** {@return NumPy's {@code np.trunc(x)} of this value}, as {@code NdArray.trunc()}. */
  public Traced trunc() {
    return unary(UnaryOp.TRUNC);
  }

  /** {@return NumPy's {@code np.cbrt(x)} of this value}, as {@code NdArray.cbrt()}. */
  public Traced cbrt() {
    return unary(UnaryOp.CBRT);
  }

  /** {@return NumPy's {@code np.invert(x)} of this value}, as {@code NdArray.invert()}. */
  public Traced invert() {
    return unary(UnaryOp.INVERT);
  }

  /** {@return NumPy's {@code np.logical_not(x)} of this value}, as {@code NdArray.logicalNot()}. */
  public Traced logicalNot() {
    return unary(UnaryOp.LOGICAL_NOT);
  }

  /** {@return NumPy's {@code np.isnan(x)} of this value}, as {@code NdArray.isnan()}. */
  public Traced isnan() {
    return unary(UnaryOp.ISNAN);
  }

  /** {@return NumPy's {@code np.isinf(x)} of this value}, as {@code NdArray.isinf()}. */
  public Traced isinf() {
    return unary(UnaryOp.ISINF);
  }

  /** {@return NumPy's {@code np.isfinite(x)} of this value}, as {@code NdArray.isfinite()}. */
  public Traced isfinite() {
    return unary(UnaryOp.ISFINITE);
  }

  /** {@return NumPy's {@code np.signbit(x)} of this value}, as {@code NdArray.signbit()}. */
  public Traced signbit() {
    return unary(UnaryOp.SIGNBIT);
  }

  /**
   * {@return this value cast to {@code type}}, NumPy's {@code astype}.
   *
   * @param type the dtype to cast to
   */
  public Traced astype(DType type) {
    return as(type);
  }

  /**
   * {@return {@code cond ? a : b}}, NumPy's {@code where(cond, a, b)}: a and b promoted, all
   * broadcast.
   *
   * @param cond the condition (cast to bool)
   * @param a the values where cond holds
   * @param b the values where it does not
   */
  public static Traced where(Traced cond, Traced a, Traced b) {
    a.same(cond);
    a.same(b);
    DType t = DType.promote(a.dtype, b.dtype);
    long[] s = Broadcast.shapes(cond.shape, a.shape, b.shape);
    Traced c = cond.as(DType.BOOL);
    Traced ca = a.as(t);
    Traced cb = b.as(t);
    return a.trace.add(new Program.Where(c.step, ca.step, cb.step, t, s));
  }

  // ---- reductions ----

  private Traced reduce(ReduceOp op, int[] axes, boolean keepdims, DType explicit) {
    int[] ax = Axes.normalize(Reductions.scalarAxes(shape.length, axes), shape.length);
    if ((op == ReduceOp.MIN || op == ReduceOp.MAX) && Reductions.reducesEmpty(shape, ax)) {
      throw new IllegalArgumentException(
          "zero-size array to reduction operation "
              + (op == ReduceOp.MIN ? "minimum" : "maximum")
              + " which has no identity");
    }
    DType out =
        op == ReduceOp.SUM || op == ReduceOp.PROD
            ? explicit != null ? explicit : dtype.accumulator()
            : dtype;
    long[] kept = shape.clone();
    for (int x : ax) {
      kept[x] = 1;
    }
    List<Long> dims = new ArrayList<>();
    for (int i = 0; i < shape.length; i++) {
      final int axis = i;
      if (keepdims || Arrays.stream(ax).noneMatch(x -> x == axis)) {
        dims.add(kept[i]);
      }
    }
    long[] result = dims.stream().mapToLong(Long::longValue).toArray();
    return trace.add(new Program.Reduce(op, step, ax, keepdims, out, result));
  }

  /**
   * {@return the sum over {@code axes}}; integers and bools in int64, as NdArray's.
   *
   * @param axes the axes to reduce (all if none given; negative count from the end)
   */
  public Traced sum(int... axes) {
    return reduce(ReduceOp.SUM, axes.length == 0 ? null : axes, false, null);
  }

  /**
   * {@return the sum over {@code axes}}, keeping them as length 1 when {@code keepdims}.
   *
   * @param axes the axes to reduce (null: all)
   * @param keepdims whether reduced axes stay as length 1
   */
  public Traced sum(int[] axes, boolean keepdims) {
    return reduce(ReduceOp.SUM, axes, keepdims, null);
  }

  /**
   * {@return the product over {@code axes}}, as {@link #sum(int[], boolean)}.
   *
   * @param axes the axes to reduce (null: all)
   * @param keepdims whether reduced axes stay as length 1
   */
  public Traced prod(int[] axes, boolean keepdims) {
    return reduce(ReduceOp.PROD, axes, keepdims, null);
  }

  /**
   * {@return the largest value over {@code axes}} (NaN if any is NaN).
   *
   * @param axes the axes to reduce (all if none given)
   */
  public Traced max(int... axes) {
    return reduce(ReduceOp.MAX, axes.length == 0 ? null : axes, false, null);
  }

  /**
   * {@return the largest value over {@code axes}} (NaN if any is NaN).
   *
   * @param axes the axes to reduce (null: all)
   * @param keepdims whether reduced axes stay as length 1
   */
  public Traced max(int[] axes, boolean keepdims) {
    return reduce(ReduceOp.MAX, axes, keepdims, null);
  }

  /**
   * {@return the smallest value over {@code axes}} (NaN if any is NaN).
   *
   * @param axes the axes to reduce (all if none given)
   */
  public Traced min(int... axes) {
    return reduce(ReduceOp.MIN, axes.length == 0 ? null : axes, false, null);
  }

  /**
   * {@return the smallest value over {@code axes}} (NaN if any is NaN).
   *
   * @param axes the axes to reduce (null: all)
   * @param keepdims whether reduced axes stay as length 1
   */
  public Traced min(int[] axes, boolean keepdims) {
    return reduce(ReduceOp.MIN, axes, keepdims, null);
  }

  /**
   * Mean over {@code axes} (null: all), as {@link NdArray#mean(int[], boolean)}: the sum in the
   * float dtype (float64 for integers; exactly in int64 for bools and 8/16-bit integers), divided
   * by the count.
   *
   * @param axes the axes to reduce (null: all)
   * @param keepdims whether reduced axes stay as length 1
   * @return the mean
   */
  public Traced mean(int[] axes, boolean keepdims) {
    int[] ax = Axes.normalize(axes, shape.length);
    long count = 1;
    for (int x : ax) {
      count *= shape[x];
    }
    Traced s;
    if (!dtype.isFloat() && dtype.itemsize() <= 2) {
      s = reduce(ReduceOp.SUM, ax, keepdims, null).as(DType.FLOAT64);
    } else if (dtype == DType.FLOAT16) {
      // NumPy's _mean: float16 is summed and divided in float32, then rounded to float16 once
      return divideByCount(reduce(ReduceOp.SUM, ax, keepdims, DType.FLOAT32), count)
          .as(DType.FLOAT16);
    } else {
      s = reduce(ReduceOp.SUM, ax, keepdims, dtype.isFloat() ? dtype : DType.FLOAT64);
    }
    return divideByCount(s, count);
  }

  /** {@code s / count} as NdArray's mean divides: in float64 where s's dtype cannot hold count. */
  private static Traced divideByCount(Traced s, long count) {
    return Reductions.exactIn(s.dtype, count)
        ? s.divide((double) count)
        : s.as(DType.FLOAT64).divide((double) count).as(s.dtype);
  }
}
