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

  /** The dtype this value will have. */
  public DType dtype() {
    return dtype;
  }

  /** The shape this value will have. */
  public Shape shape() {
    return Shape.wrap(shape.clone());
  }

  /** The number of dimensions. */
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

  public Traced add(Traced other) {
    return binary(BinaryOp.ADD, other);
  }

  public Traced add(Number other) {
    return binary(BinaryOp.ADD, other, false);
  }

  public Traced subtract(Traced other) {
    return binary(BinaryOp.SUBTRACT, other);
  }

  public Traced subtract(Number other) {
    return binary(BinaryOp.SUBTRACT, other, false);
  }

  /** {@code scalar - this}, as {@code Nd.subtract(Number, NdArray)}. */
  public Traced rsubtract(Number scalar) {
    return binary(BinaryOp.SUBTRACT, scalar, true);
  }

  public Traced multiply(Traced other) {
    return binary(BinaryOp.MULTIPLY, other);
  }

  public Traced multiply(Number other) {
    return binary(BinaryOp.MULTIPLY, other, false);
  }

  public Traced divide(Traced other) {
    return binary(BinaryOp.DIVIDE, other);
  }

  public Traced divide(Number other) {
    return binary(BinaryOp.DIVIDE, other, false);
  }

  /** {@code scalar / this}, as {@code Nd.divide(Number, NdArray)}. */
  public Traced rdivide(Number scalar) {
    return binary(BinaryOp.DIVIDE, scalar, true);
  }

  public Traced floorDivide(Traced other) {
    return binary(BinaryOp.FLOOR_DIVIDE, other);
  }

  public Traced floorDivide(Number other) {
    return binary(BinaryOp.FLOOR_DIVIDE, other, false);
  }

  public Traced mod(Traced other) {
    return binary(BinaryOp.MOD, other);
  }

  public Traced mod(Number other) {
    return binary(BinaryOp.MOD, other, false);
  }

  /**
   * {@code this ** other} on floats. Integer powers with an array exponent are refused here: their
   * check for negative exponents needs the values (run them unfused).
   */
  public Traced power(Traced other) {
    if (Ufunc.binaryLoop(BinaryOp.POWER, dtype, other.dtype).kind() == DType.Kind.SIGNED) {
      throw new IllegalArgumentException(
          "power of signed integers by an integer array cannot be fused: NumPy's check for negative"
              + " exponents needs the values; call x.power(y) outside the fused function");
    }
    return binary(BinaryOp.POWER, other);
  }

  public Traced power(Number other) {
    return binary(BinaryOp.POWER, other, false);
  }

  public Traced maximum(Traced other) {
    return binary(BinaryOp.MAXIMUM, other);
  }

  public Traced maximum(Number other) {
    return binary(BinaryOp.MAXIMUM, other, false);
  }

  public Traced minimum(Traced other) {
    return binary(BinaryOp.MINIMUM, other);
  }

  public Traced minimum(Number other) {
    return binary(BinaryOp.MINIMUM, other, false);
  }

  public Traced fmax(Traced other) {
    return binary(BinaryOp.FMAX, other);
  }

  public Traced fmin(Traced other) {
    return binary(BinaryOp.FMIN, other);
  }

  /** {@code minimum(maximum(x, min), max)}, as NumPy's clip. */
  public Traced clip(Number min, Number max) {
    return maximum(min).minimum(max);
  }

  public Traced arctan2(Traced other) {
    return binary(BinaryOp.ARCTAN2, other);
  }

  public Traced hypot(Traced other) {
    return binary(BinaryOp.HYPOT, other);
  }

  public Traced copysign(Traced other) {
    return binary(BinaryOp.COPYSIGN, other);
  }

  public Traced eq(Traced other) {
    return binary(BinaryOp.EQUAL, other);
  }

  public Traced eq(Number other) {
    return binary(BinaryOp.EQUAL, other, false);
  }

  public Traced ne(Traced other) {
    return binary(BinaryOp.NOT_EQUAL, other);
  }

  public Traced ne(Number other) {
    return binary(BinaryOp.NOT_EQUAL, other, false);
  }

  public Traced lt(Traced other) {
    return binary(BinaryOp.LESS, other);
  }

  public Traced lt(Number other) {
    return binary(BinaryOp.LESS, other, false);
  }

  public Traced le(Traced other) {
    return binary(BinaryOp.LESS_EQUAL, other);
  }

  public Traced le(Number other) {
    return binary(BinaryOp.LESS_EQUAL, other, false);
  }

  public Traced gt(Traced other) {
    return binary(BinaryOp.GREATER, other);
  }

  public Traced gt(Number other) {
    return binary(BinaryOp.GREATER, other, false);
  }

  public Traced ge(Traced other) {
    return binary(BinaryOp.GREATER_EQUAL, other);
  }

  public Traced ge(Number other) {
    return binary(BinaryOp.GREATER_EQUAL, other, false);
  }

  public Traced bitwiseAnd(Traced other) {
    return binary(BinaryOp.BITWISE_AND, other);
  }

  public Traced bitwiseOr(Traced other) {
    return binary(BinaryOp.BITWISE_OR, other);
  }

  public Traced bitwiseXor(Traced other) {
    return binary(BinaryOp.BITWISE_XOR, other);
  }

  // ---- one operand ----

  public Traced negative() {
    return unary(UnaryOp.NEGATIVE);
  }

  public Traced abs() {
    return unary(UnaryOp.ABS);
  }

  public Traced sign() {
    return unary(UnaryOp.SIGN);
  }

  public Traced sqrt() {
    return unary(UnaryOp.SQRT);
  }

  public Traced square() {
    return unary(UnaryOp.SQUARE);
  }

  public Traced exp() {
    return unary(UnaryOp.EXP);
  }

  public Traced exp2() {
    return unary(UnaryOp.EXP2);
  }

  public Traced log() {
    return unary(UnaryOp.LOG);
  }

  public Traced log2() {
    return unary(UnaryOp.LOG2);
  }

  public Traced log10() {
    return unary(UnaryOp.LOG10);
  }

  public Traced log1p() {
    return unary(UnaryOp.LOG1P);
  }

  public Traced expm1() {
    return unary(UnaryOp.EXPM1);
  }

  public Traced sin() {
    return unary(UnaryOp.SIN);
  }

  public Traced cos() {
    return unary(UnaryOp.COS);
  }

  public Traced tan() {
    return unary(UnaryOp.TAN);
  }

  public Traced arcsin() {
    return unary(UnaryOp.ARCSIN);
  }

  public Traced arccos() {
    return unary(UnaryOp.ARCCOS);
  }

  public Traced arctan() {
    return unary(UnaryOp.ARCTAN);
  }

  public Traced sinh() {
    return unary(UnaryOp.SINH);
  }

  public Traced cosh() {
    return unary(UnaryOp.COSH);
  }

  public Traced tanh() {
    return unary(UnaryOp.TANH);
  }

  public Traced floor() {
    return unary(UnaryOp.FLOOR);
  }

  public Traced ceil() {
    return unary(UnaryOp.CEIL);
  }

  public Traced rint() {
    return unary(UnaryOp.RINT);
  }

  public Traced trunc() {
    return unary(UnaryOp.TRUNC);
  }

  public Traced cbrt() {
    return unary(UnaryOp.CBRT);
  }

  public Traced invert() {
    return unary(UnaryOp.INVERT);
  }

  public Traced logicalNot() {
    return unary(UnaryOp.LOGICAL_NOT);
  }

  public Traced isnan() {
    return unary(UnaryOp.ISNAN);
  }

  public Traced isinf() {
    return unary(UnaryOp.ISINF);
  }

  public Traced isfinite() {
    return unary(UnaryOp.ISFINITE);
  }

  public Traced signbit() {
    return unary(UnaryOp.SIGNBIT);
  }

  /** This value cast to {@code type}, NumPy's {@code astype}. */
  public Traced astype(DType type) {
    return as(type);
  }

  /** {@code cond ? a : b}, NumPy's {@code where(cond, a, b)}: a and b promoted, all broadcast. */
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
            ? explicit != null
                ? explicit
                : dtype.isBool() || dtype.isInteger() ? DType.INT64 : dtype
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

  /** Sum over {@code axes} (all if none given); integers and bools in int64, as NdArray's. */
  public Traced sum(int... axes) {
    return reduce(ReduceOp.SUM, axes.length == 0 ? null : axes, false, null);
  }

  /** Sum over {@code axes} (null: all), keeping them as length 1 when {@code keepdims}. */
  public Traced sum(int[] axes, boolean keepdims) {
    return reduce(ReduceOp.SUM, axes, keepdims, null);
  }

  public Traced prod(int[] axes, boolean keepdims) {
    return reduce(ReduceOp.PROD, axes, keepdims, null);
  }

  public Traced max(int... axes) {
    return reduce(ReduceOp.MAX, axes.length == 0 ? null : axes, false, null);
  }

  public Traced max(int[] axes, boolean keepdims) {
    return reduce(ReduceOp.MAX, axes, keepdims, null);
  }

  public Traced min(int... axes) {
    return reduce(ReduceOp.MIN, axes.length == 0 ? null : axes, false, null);
  }

  public Traced min(int[] axes, boolean keepdims) {
    return reduce(ReduceOp.MIN, axes, keepdims, null);
  }

  /**
   * Mean over {@code axes} (null: all), as {@link NdArray#mean(int[], boolean)}: the sum in the
   * float dtype (float64 for integers; exactly in int64 for bools and 8/16-bit integers), divided
   * by the count.
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
    } else {
      s = reduce(ReduceOp.SUM, ax, keepdims, dtype.isFloat() ? dtype : DType.FLOAT64);
    }
    return s.divide((double) count);
  }
}
