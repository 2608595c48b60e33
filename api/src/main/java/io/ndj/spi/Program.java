package io.ndj.spi;

import io.ndj.DType;
import java.util.Arrays;
import java.util.List;

/**
 * A traced chain of array operations (a fused program): {@code io.ndj}'s {@code Nd.fuse} records
 * one per (input shapes, input dtypes, backend) and hands it to {@link Kernels#fused} where the
 * backend runs fused programs, or runs it op by op itself.
 *
 * <p>Steps are in dataflow order; each names its operands by their step index (always smaller than
 * its own) and carries its result's dtype and shape, already resolved as NumPy resolves them: a
 * binary step's operands have the loop dtype (a {@link Cast} step precedes any that needed one),
 * broadcasting is NumPy's, and a scalar operand is already in the loop dtype, as in {@link
 * Kernels#binaryScalar}. The last step is the result. A fused run must give what running the steps
 * one at a time through the same kernels gives: exactly for arithmetic, casts, comparisons and
 * where; within the backend's own ulp bounds for transcendental functions.
 *
 * @param steps the steps in dataflow order, the result last
 * @param inputs how many arrays the call takes
 */
public record Program(List<Step> steps, int inputs) {
  /** Keeps an unmodifiable copy of the steps. */
  public Program {
    steps = List.copyOf(steps);
  }

  /** One operation of a program. */
  public sealed interface Step permits Input, Unary, Binary, BinaryScalar, Cast, Where, Reduce {
    /**
     * The dtype of this step's result.
     *
     * @return the dtype
     */
    DType dtype();

    /**
     * The shape of this step's result (shared; never modified).
     *
     * @return the shape
     */
    long[] shape();
  }

  /**
   * Input array {@code index} of the call, as given (it broadcasts where it is used).
   *
   * @param index the position of the array among the call's inputs
   * @param dtype the result's dtype
   * @param shape the result's shape (shared; never modified)
   */
  public record Input(int index, DType dtype, long[] shape) implements Step {}

  /**
   * {@code op(arg)}; arg has the loop dtype; the result is dtype (bool for predicates).
   *
   * @param op the operation
   * @param arg the operand's step
   * @param dtype the result's dtype
   * @param shape the result's shape (shared; never modified)
   */
  public record Unary(UnaryOp op, int arg, DType dtype, long[] shape) implements Step {}

  /**
   * {@code op(a, b)}, both in one loop dtype and broadcast to shape; bool for comparisons.
   *
   * @param op the operation
   * @param a the first operand's step
   * @param b the second operand's step
   * @param dtype the result's dtype
   * @param shape the result's shape (shared; never modified)
   */
  public record Binary(BinaryOp op, int a, int b, DType dtype, long[] shape) implements Step {}

  /**
   * {@code op(a, scalar)}, or {@code op(scalar, a)} when {@code scalarFirst}.
   *
   * @param op the operation
   * @param a the first operand's step
   * @param scalar the scalar, already in the loop dtype
   * @param scalarFirst whether the scalar is the first operand
   * @param dtype the result's dtype
   * @param shape the result's shape (shared; never modified)
   */
  public record BinaryScalar(
      BinaryOp op, int a, Number scalar, boolean scalarFirst, DType dtype, long[] shape)
      implements Step {}

  /**
   * {@code arg} cast to dtype, NumPy's {@code astype} rules (as {@link Kernels#copy}).
   *
   * @param arg the operand's step
   * @param dtype the result's dtype
   * @param shape the result's shape (shared; never modified)
   */
  public record Cast(int arg, DType dtype, long[] shape) implements Step {}

  /**
   * {@code cond ? a : b}; cond bool, a and b in dtype, broadcast to shape.
   *
   * @param cond the condition's step (bool)
   * @param a the first operand's step
   * @param b the second operand's step
   * @param dtype the result's dtype
   * @param shape the result's shape (shared; never modified)
   */
  public record Where(int cond, int a, int b, DType dtype, long[] shape) implements Step {}

  /**
   * {@code op} (SUM, PROD, MIN or MAX) of arg over {@code axes} (sorted, distinct), accumulated and
   * returned in dtype; shape keeps the reduced axes as 1 when {@code keepdims}, else drops them.
   *
   * @param op the operation
   * @param arg the operand's step
   * @param axes the reduced axes (sorted, distinct)
   * @param keepdims whether reduced axes stay as length 1
   * @param dtype the result's dtype
   * @param shape the result's shape (shared; never modified)
   */
  public record Reduce(
      ReduceOp op, int arg, int[] axes, boolean keepdims, DType dtype, long[] shape)
      implements Step {}

  /**
   * The distinct steps {@code s} reads, in the order it names them.
   *
   * @param s a step
   * @return their indices (none for an input)
   */
  public static int[] operands(Step s) {
    int[] all =
        switch (s) {
          case Input in -> new int[0];
          case Unary u -> new int[] {u.arg()};
          case Binary b -> new int[] {b.a(), b.b()};
          case BinaryScalar b -> new int[] {b.a()};
          case Cast c -> new int[] {c.arg()};
          case Where w -> new int[] {w.cond(), w.a(), w.b()};
          case Reduce r -> new int[] {r.arg()};
        };
    return java.util.Arrays.stream(all).distinct().toArray();
  }

  /**
   * {@code s} reading step {@code index.applyAsInt(i)} wherever it read step i.
   *
   * @param s a step
   * @param index the new index of each old one
   * @return the renumbered step
   */
  public static Step renumbered(Step s, java.util.function.IntUnaryOperator index) {
    return switch (s) {
      case Input in -> in;
      case Unary u -> new Unary(u.op(), index.applyAsInt(u.arg()), u.dtype(), u.shape());
      case Binary b ->
          new Binary(
              b.op(), index.applyAsInt(b.a()), index.applyAsInt(b.b()), b.dtype(), b.shape());
      case BinaryScalar b ->
          new BinaryScalar(
              b.op(), index.applyAsInt(b.a()), b.scalar(), b.scalarFirst(), b.dtype(), b.shape());
      case Cast c -> new Cast(index.applyAsInt(c.arg()), c.dtype(), c.shape());
      case Where w ->
          new Where(
              index.applyAsInt(w.cond()),
              index.applyAsInt(w.a()),
              index.applyAsInt(w.b()),
              w.dtype(),
              w.shape());
      case Reduce r ->
          new Reduce(
              r.op(), index.applyAsInt(r.arg()), r.axes(), r.keepdims(), r.dtype(), r.shape());
    };
  }

  /**
   * The result's step.
   *
   * @return the last step
   */
  public Step result() {
    return steps.get(steps.size() - 1);
  }

  /**
   * Whether every step is elementwise (no {@link Reduce}).
   *
   * @return true without reductions
   */
  public boolean isElementwise() {
    return steps.stream().noneMatch(s -> s instanceof Reduce);
  }

  /**
   * The shape S every reduction reads where every reduction is a sum, product, max or min over the
   * last axis of values of one shape with at least one axis (softmax, layernorm, row norms), else
   * null.
   *
   * @return S, or null
   */
  public long[] rowShape() {
    long[] s = null;
    for (Step st : steps) {
      if (st instanceof Reduce r) {
        long[] a = steps.get(r.arg()).shape();
        if (s == null) {
          s = a;
        } else if (!Arrays.equals(s, a)) {
          return null;
        }
        boolean last = r.axes().length == 1 && r.axes()[0] == a.length - 1;
        if (!last
            || a.length == 0
            || !(r.op() == ReduceOp.SUM
                || r.op() == ReduceOp.PROD
                || r.op() == ReduceOp.MAX
                || r.op() == ReduceOp.MIN)) {
          return null;
        }
      }
    }
    return s;
  }

  /**
   * Which steps are constant along a row of S = {@link #rowShape()}: inputs without the last axis
   * (0-d, or a last axis of 1 where S's is longer), reductions, and steps of those alone.
   *
   * @param s the row shape
   * @return a flag per step
   */
  public boolean[] rowLevel(long[] s) {
    boolean[] row = new boolean[steps.size()];
    for (int i = 0; i < steps.size(); i++) {
      Step st = steps.get(i);
      row[i] =
          switch (st) {
            case Input in ->
                in.shape().length == 0
                    || in.shape()[in.shape().length - 1] == 1 && s[s.length - 1] != 1;
            case Reduce r -> true;
            default -> Arrays.stream(operands(st)).allMatch(a -> row[a]);
          };
    }
    return row;
  }

  /**
   * Whether this is a program of row reductions a backend may run a row at a time: {@link
   * #rowShape()} exists, every step that varies along a row has shape S, an element step reads row
   * values only of S's shape with the last axis 1 (or 0-d), and the result has shape S, or S with
   * its last axis 1 or dropped.
   *
   * @return true for such programs
   */
  public boolean reducesRows() {
    long[] s = rowShape();
    if (s == null) {
      return false;
    }
    boolean[] row = rowLevel(s);
    long[] kept = s.clone();
    kept[s.length - 1] = 1;
    for (int i = 0; i < steps.size(); i++) {
      Step st = steps.get(i);
      if (st instanceof Input) {
        continue;
      }
      if (!row[i] && !Arrays.equals(st.shape(), s)) {
        return false;
      }
      if (!row[i]) {
        // a row value read by an element step must be broadcast along the row, not across it
        for (int a : operands(st)) {
          if (row[a]
              && !(steps.get(a) instanceof Input)
              && !Arrays.equals(steps.get(a).shape(), kept)
              && steps.get(a).shape().length != 0) {
            return false;
          }
        }
      }
    }
    Step res = result();
    long[] dropped = Arrays.copyOf(s, s.length - 1);
    return row[steps.size() - 1]
        ? Arrays.equals(res.shape(), kept) || Arrays.equals(res.shape(), dropped)
        : Arrays.equals(res.shape(), s);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("Program(" + inputs + " inputs)");
    for (int i = 0; i < steps.size(); i++) {
      Step s = steps.get(i);
      b.append("\n  %").append(i).append(" = ").append(describe(s));
      b.append(" : ").append(s.dtype()).append(Arrays.toString(s.shape()));
    }
    return b.toString();
  }

  private static String describe(Step s) {
    return switch (s) {
      case Input in -> "input " + in.index();
      case Unary u -> u.op().numpyName() + "(%" + u.arg() + ")";
      case Binary bi -> bi.op().numpyName() + "(%" + bi.a() + ", %" + bi.b() + ")";
      case BinaryScalar bs ->
          bs.op().numpyName()
              + (bs.scalarFirst()
                  ? "(" + bs.scalar() + ", %" + bs.a() + ")"
                  : "(%" + bs.a() + ", " + bs.scalar() + ")");
      case Cast c -> "astype(%" + c.arg() + ")";
      case Where w -> "where(%" + w.cond() + ", %" + w.a() + ", %" + w.b() + ")";
      case Reduce r ->
          r.op()
              + "(%"
              + r.arg()
              + ", axes="
              + Arrays.toString(r.axes())
              + ", keepdims="
              + r.keepdims()
              + ")";
    };
  }
}
