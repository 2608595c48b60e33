package io.ndj.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ndj.DType;
import io.ndj.Fused;
import io.ndj.Nd;
import io.ndj.NdArray;
import io.ndj.Traced;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;

/**
 * {@link Nd#fuse}: a fused function gives what the same operations on {@link NdArray} give (a fused
 * sum within a last bit of the unfused one, as it may add in another order), for random expression
 * trees (unary and binary ufuncs, weak scalars, casts, where, and a reduction at the root) over one
 * to three inputs of random dtypes, broadcastable shapes and layouts; the same error where the
 * operations fail; one trace per input signature.
 */
public interface FusionContract extends KitSupport {
  /** An expression over inputs, evaluated both ways. */
  sealed interface Expr {}

  record In(int index) implements Expr {}

  record Un(String op, Expr a) implements Expr {}

  record Bin(String op, Expr a, Expr b) implements Expr {}

  record Sc(String op, Expr a, Number scalar) implements Expr {}

  record Cast(DType to, Expr a) implements Expr {}

  record Where(Expr cond, Expr a, Expr b) implements Expr {}

  record Red(String op, int[] axes, boolean keepdims, Expr a) implements Expr {}

  /** A tree and its inputs. */
  record Tree(Expr expr, Case[] inputs) {
    @Override
    public String toString() {
      StringBuilder b = new StringBuilder(show(expr));
      for (int i = 0; i < inputs.length; i++) {
        b.append("\n  x").append(i).append(" = ").append(inputs[i]);
      }
      return b.toString();
    }
  }

  String[] UNARY = {"negative", "abs", "sqrt", "square", "exp", "sin", "tanh", "floor", "isnan"};
  String[] BINARY = {"add", "subtract", "multiply", "divide", "maximum", "minimum", "lt", "eq"};
  String[] SCALAR = {"add", "multiply", "subtract", "divide", "maximum", "rsubtract"};
  DType[] CASTS = {DType.FLOAT32, DType.FLOAT64, DType.INT32, DType.INT16, DType.BOOL};

  private static Expr expr(RandomnessSource r, int inputs, int depth) {
    long kind = depth == 0 ? 0 : Gens.pick(r, 0, 9);
    if (kind <= 1) {
      return new In((int) Gens.pick(r, 0, inputs - 1));
    }
    Expr a = expr(r, inputs, depth - 1);
    return switch ((int) kind) {
      case 2, 3 -> new Un(UNARY[(int) Gens.pick(r, 0, UNARY.length - 1)], a);
      case 4, 5 ->
          new Bin(BINARY[(int) Gens.pick(r, 0, BINARY.length - 1)], a, expr(r, inputs, depth - 1));
      case 6, 7 -> {
        Number s =
            Gens.pick(r, 0, 1) == 0
                ? (Number) Gens.pick(r, -3, 3)
                : (Number) (Gens.pick(r, -40, 40) / 8.0);
        yield new Sc(SCALAR[(int) Gens.pick(r, 0, SCALAR.length - 1)], a, s);
      }
      case 8 -> new Cast(CASTS[(int) Gens.pick(r, 0, CASTS.length - 1)], a);
      default -> new Where(a, expr(r, inputs, depth - 1), expr(r, inputs, depth - 1));
    };
  }

  private static Gen<Tree> trees() {
    return Gens.gen(
        r -> {
          int n = (int) Gens.pick(r, 1, 3);
          long[] out = Gens.shape(r, 4, 48);
          Case[] in = new Case[n];
          DType[] all = DType.realValues();
          for (int i = 0; i < n; i++) {
            DType t = all[(int) Gens.pick(r, 0, all.length - 1)];
            in[i] =
                Gens.fill(r, t, i == 0 ? out : Gens.sub(r, out), Gens.layout(r), Gens.Range.SMALL);
          }
          Expr e = expr(r, n, (int) Gens.pick(r, 1, 4));
          if (Gens.pick(r, 0, 2) == 0) {
            String op = new String[] {"sum", "max", "mean"}[(int) Gens.pick(r, 0, 2)];
            int[] axes = out.length == 0 || Gens.pick(r, 0, 1) == 0 ? null : new int[] {-1};
            e = new Red(op, axes, Gens.pick(r, 0, 1) == 0, e);
          }
          return new Tree(e, in);
        });
  }

  private static NdArray eval(Expr e, NdArray[] x) {
    return switch (e) {
      case In in -> x[in.index()];
      case Un u -> {
        NdArray a = eval(u.a(), x);
        yield switch (u.op()) {
          case "negative" -> a.negative();
          case "abs" -> a.abs();
          case "sqrt" -> a.sqrt();
          case "square" -> a.square();
          case "exp" -> a.exp();
          case "sin" -> a.sin();
          case "tanh" -> a.tanh();
          case "floor" -> a.floor();
          default -> a.isnan();
        };
      }
      case Bin b -> {
        NdArray a = eval(b.a(), x);
        NdArray c = eval(b.b(), x);
        yield switch (b.op()) {
          case "add" -> a.add(c);
          case "subtract" -> a.subtract(c);
          case "multiply" -> a.multiply(c);
          case "divide" -> a.divide(c);
          case "maximum" -> a.maximum(c);
          case "minimum" -> a.minimum(c);
          case "lt" -> a.lt(c);
          default -> a.eq(c);
        };
      }
      case Sc s -> {
        NdArray a = eval(s.a(), x);
        yield switch (s.op()) {
          case "add" -> a.add(s.scalar());
          case "multiply" -> a.multiply(s.scalar());
          case "subtract" -> a.subtract(s.scalar());
          case "divide" -> a.divide(s.scalar());
          case "maximum" -> a.maximum(s.scalar());
          default -> Nd.subtract(s.scalar(), a);
        };
      }
      case Cast c -> eval(c.a(), x).astype(c.to());
      case Where w -> Nd.where(eval(w.cond(), x), eval(w.a(), x), eval(w.b(), x));
      case Red r -> {
        NdArray a = eval(r.a(), x);
        yield switch (r.op()) {
          case "sum" -> a.sum(r.axes(), r.keepdims());
          case "max" -> a.max(r.axes(), r.keepdims());
          default -> a.mean(r.axes(), r.keepdims());
        };
      }
    };
  }

  private static Traced trace(Expr e, Traced[] x) {
    return switch (e) {
      case In in -> x[in.index()];
      case Un u -> {
        Traced a = trace(u.a(), x);
        yield switch (u.op()) {
          case "negative" -> a.negative();
          case "abs" -> a.abs();
          case "sqrt" -> a.sqrt();
          case "square" -> a.square();
          case "exp" -> a.exp();
          case "sin" -> a.sin();
          case "tanh" -> a.tanh();
          case "floor" -> a.floor();
          default -> a.isnan();
        };
      }
      case Bin b -> {
        Traced a = trace(b.a(), x);
        Traced c = trace(b.b(), x);
        yield switch (b.op()) {
          case "add" -> a.add(c);
          case "subtract" -> a.subtract(c);
          case "multiply" -> a.multiply(c);
          case "divide" -> a.divide(c);
          case "maximum" -> a.maximum(c);
          case "minimum" -> a.minimum(c);
          case "lt" -> a.lt(c);
          default -> a.eq(c);
        };
      }
      case Sc s -> {
        Traced a = trace(s.a(), x);
        yield switch (s.op()) {
          case "add" -> a.add(s.scalar());
          case "multiply" -> a.multiply(s.scalar());
          case "subtract" -> a.subtract(s.scalar());
          case "divide" -> a.divide(s.scalar());
          case "maximum" -> a.maximum(s.scalar());
          default -> a.rsubtract(s.scalar());
        };
      }
      case Cast c -> trace(c.a(), x).astype(c.to());
      case Where w -> Traced.where(trace(w.cond(), x), trace(w.a(), x), trace(w.b(), x));
      case Red r -> {
        Traced a = trace(r.a(), x);
        yield switch (r.op()) {
          case "sum" -> a.sum(r.axes(), r.keepdims());
          case "max" -> a.max(r.axes(), r.keepdims());
          default -> a.mean(r.axes(), r.keepdims());
        };
      }
    };
  }

  static String show(Expr e) {
    return switch (e) {
      case In in -> "x" + in.index();
      case Un u -> show(u.a()) + "." + u.op() + "()";
      case Bin b -> show(b.a()) + "." + b.op() + "(" + show(b.b()) + ")";
      case Sc s ->
          s.op().equals("rsubtract")
              ? "Nd.subtract(" + s.scalar() + ", " + show(s.a()) + ")"
              : show(s.a()) + "." + s.op() + "(" + s.scalar() + ")";
      case Cast c -> show(c.a()) + ".astype(" + c.to() + ")";
      case Where w -> "Nd.where(" + show(w.cond()) + ", " + show(w.a()) + ", " + show(w.b()) + ")";
      case Red r ->
          show(r.a())
              + "."
              + r.op()
              + "("
              + (r.axes() == null ? "null" : "new int[] {" + r.axes()[0] + "}")
              + ", "
              + r.keepdims()
              + ")";
    };
  }

  /** Whether the expression calls a transcendental function, whose fused code may round apart. */
  private static boolean transcendental(Expr e) {
    return switch (e) {
      case In in -> false;
      case Un u -> u.op().matches("exp|sin|tanh") || transcendental(u.a());
      case Bin b -> transcendental(b.a()) || transcendental(b.b());
      case Sc s -> transcendental(s.a());
      case Cast c -> transcendental(c.a());
      case Where w -> transcendental(w.cond()) || transcendental(w.a()) || transcendental(w.b());
      case Red r -> transcendental(r.a());
    };
  }

  @TestFactory
  default Stream<DynamicTest> fusedEqualsOpByOp() {
    List<DynamicTest> tests = new ArrayList<>();
    tests.add(
        check(
            "fuse",
            DType.FLOAT64,
            () ->
                forAll(
                    trees(),
                    t -> {
                      NdArray[] x = new NdArray[t.inputs().length];
                      for (int i = 0; i < x.length; i++) {
                        x[i] = make(t.inputs()[i]);
                      }
                      Fused f = fused(t.expr(), x.length);
                      NdArray want;
                      try {
                        want = eval(t.expr(), x);
                      } catch (RuntimeException e) {
                        Check.raisesNumpysMessage(
                            "fused " + t + " fails as op by op", e.getMessage(), () -> f.apply(x));
                        return;
                      }
                      NdArray got = f.apply(x);
                      assertEquals(want.dtype(), got.dtype(), "dtype of fused " + t);
                      assertArrayEquals(
                          want.shape().dims(), got.shape().dims(), "shape of fused " + t);
                      // a fused sum may add in another order (a last bit apart); fused
                      // transcendental functions may round apart within their ulp bounds
                      double tol =
                          !transcendental(t.expr())
                                  && !(t.expr() instanceof Red r && !r.op().equals("max"))
                              ? 0
                              : want.dtype() == DType.FLOAT16
                                  ? 4e-3
                                  : want.dtype() == DType.FLOAT32 ? 1e-5 : 1e-12;
                      Check.sameValues(
                          "fused " + t, want.toDoubleArray(), got.toDoubleArray(), tol);
                      f.apply(x); // the same signature again: no new trace
                      assertEquals(1, f.traces(), "traces of " + t);
                    })));
    return tests.stream();
  }

  private static Fused fused(Expr e, int n) {
    return switch (n) {
      case 1 -> Nd.fuse(a -> trace(e, new Traced[] {a}));
      case 2 -> Nd.fuse((a, b) -> trace(e, new Traced[] {a, b}));
      default -> Nd.fuse((a, b, c) -> trace(e, new Traced[] {a, b, c}));
    };
  }

  /**
   * Arrays large enough that a backend cuts them into blocks (and spreads blocks over cores):
   * broadcast, transposed and reversed inputs, every block edge, against the same NdArray calls.
   */
  @Test
  default void largeFusedArraysMatchOpByOp() {
    long[][][] shapes = {
      {{100_003}, {100_003}},
      {{3, 5000}, {5000}},
      {{70, 3, 301}, {3, 1}},
      {{2, 2, 9000}, {2, 1, 9000}},
      {{5, 1}, {1, 7001}},
    };
    Fused f =
        Nd.fuse(
            (a, b) ->
                Traced.where(
                    a.gt(b),
                    a.sin().multiply(2.0).add(b),
                    b.astype(DType.FLOAT32).subtract(a.square())));
    for (long[][] s : shapes) {
      NdArray a = backend().random(11).normal(0, 2, s[0]);
      NdArray b = backend().random(12).normal(0, 2, s[1]).astype(DType.FLOAT32);
      for (NdArray x : new NdArray[] {a, a.get("::-1"), a.T().copy().T()}) {
        NdArray want =
            Nd.where(
                x.gt(b),
                x.sin().multiply(2.0).add(b),
                b.astype(DType.FLOAT32).subtract(x.square()));
        NdArray got = f.apply(x, b);
        assertArrayEquals(want.shape().dims(), got.shape().dims(), "shape");
        Check.sameValues(
            "fused over " + x.shape() + " and " + b.shape(),
            want.toDoubleArray(),
            got.toDoubleArray(),
            0);
      }
    }
  }

  /**
   * Reduction kernels (map, combine, post-map, as CuPy's ReductionKernel) against the same NdArray
   * calls: a row L2 norm, a dot product of two arrays per column, a max of absolute values over
   * everything; the combine's errors.
   */
  @Test
  default void reductionKernelsEqualTheirOperations() {
    NdArray x = backend().random(21).normal(0, 1, 17, 300);
    NdArray y = backend().random(22).normal(0, 1, 17, 300).astype(DType.FLOAT32);
    io.ndj.ReductionKernel norm =
        Nd.reductionKernel(a -> a.square(), io.ndj.BinaryUfunc.ADD, r -> r.sqrt());
    Check.sameValues(
        "row L2 norm",
        x.square().sum(new int[] {-1}, false).sqrt().toDoubleArray(),
        norm.apply(Nd.axis(-1), x).toDoubleArray(),
        1e-12);
    io.ndj.ReductionKernel dot =
        Nd.reductionKernel((a, b) -> a.multiply(b), io.ndj.BinaryUfunc.ADD, r -> r);
    NdArray want = x.multiply(y).sum(new int[] {0}, true);
    NdArray got = dot.apply(Nd.axis(0).keepdims(), x, y);
    assertArrayEquals(want.shape().dims(), got.shape().dims(), "keepdims shape");
    Check.sameValues("column dot", want.toDoubleArray(), got.toDoubleArray(), 1e-12);
    io.ndj.ReductionKernel maxAbs =
        Nd.reductionKernel(a -> a.abs(), io.ndj.BinaryUfunc.MAXIMUM, r -> r);
    Check.sameValues("max |x|", x.abs().max().toDoubleArray(), maxAbs.apply(x).toDoubleArray(), 0);
    Check.raisesNumpysMessage(
        "subtract combine",
        "a reduction kernel combines with add, multiply, maximum or minimum, not <ufunc"
            + " 'subtract'>",
        () -> Nd.reductionKernel(a -> a, io.ndj.BinaryUfunc.SUBTRACT, r -> r));
    Check.raisesNumpysMessage(
        "ddof",
        "add.reduce() got an unexpected keyword argument 'ddof'",
        () -> norm.apply(Nd.ddof(1), x));
  }

  /** softmax over the last axis, fused. */
  private static Fused softmaxOverRows() {
    int[] last = {-1};
    return Nd.fuse(
        a -> {
          Traced e = a.subtract(a.max(last, true)).exp();
          return e.divide(e.sum(last, true));
        });
  }

  /**
   * With {@code ndj.fusion.compile=background} (the default outside the kit) a backend may run a
   * program's first calls op by op while it compiles: every call, the first included, gives what
   * the same NdArray calls give (a fused sum within a last bit).
   */
  @Test
  default void callsWhileAProgramCompilesGiveTheSameValues() throws InterruptedException {
    String mode = System.getProperty("ndj.fusion.compile");
    System.setProperty("ndj.fusion.compile", "background");
    try {
      NdArray x = backend().random(17).normal(0, 1, 48, 129).astype(DType.FLOAT32);
      int[] last = {-1};
      // a program of its own (0.375, 1.75): no earlier test compiled it
      Fused f = Nd.fuse(a -> a.subtract(a.mean(last, true)).multiply(0.375).tanh().add(1.75));
      double[] want =
          x.subtract(x.mean(last, true)).multiply(0.375).tanh().add(1.75).toDoubleArray();
      for (int call = 0; call < 20; call++) {
        Check.sameValues("call " + call, want, f.apply(x).toDoubleArray(), 1e-6);
        Thread.sleep(call < 10 ? 1 : 50);
      }
      assertEquals(1, f.traces(), "one trace");
    } finally {
      if (mode == null) {
        System.clearProperty("ndj.fusion.compile");
      } else {
        System.setProperty("ndj.fusion.compile", mode);
      }
    }
  }

  /** The fused forms of three everyday kernels, against the same NdArray calls. */
  @Test
  default void softmaxLayernormAndAxpbyFuse() {
    NdArray x = backend().random(7).normal(0, 1, 33, 65).astype(DType.FLOAT32);
    NdArray y = backend().random(8).normal(0, 1, 33, 65).astype(DType.FLOAT32);
    int[] last = {-1};
    Fused softmax = softmaxOverRows();
    NdArray e = x.subtract(x.max(last, true)).exp();
    Check.sameValues(
        "softmax",
        e.divide(e.sum(last, true)).toDoubleArray(),
        softmax.apply(x).toDoubleArray(),
        1e-6);
    Fused layernorm =
        Nd.fuse(
            a -> {
              Traced d = a.subtract(a.mean(last, true));
              return d.divide(d.square().mean(last, true).add(1e-5).sqrt());
            });
    NdArray d = x.subtract(x.mean(last, true));
    Check.sameValues(
        "layernorm",
        d.divide(d.square().mean(last, true).add(1e-5).sqrt()).toDoubleArray(),
        layernorm.apply(x).toDoubleArray(),
        1e-6);
    Fused axpby = Nd.fuse((a, b) -> a.multiply(2.5).add(b.multiply(-0.5)));
    Check.sameValues(
        "a*x + b*y",
        x.multiply(2.5).add(y.multiply(-0.5)).toDoubleArray(),
        axpby.apply(x, y).toDoubleArray(),
        0);
    axpby.apply(y, x);
    assertEquals(1, axpby.traces(), "one trace for one signature");
    axpby.apply(x.astype(DType.FLOAT64), y);
    assertEquals(2, axpby.traces(), "a new dtype is a new trace");
    Check.raisesNumpysMessage(
        "wrong arity", "this fused function takes 2 arrays, not 1", () -> axpby.apply(x));
    Check.raisesNumpysMessage(
        "bool negative",
        "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the"
            + " logical_not function instead.",
        () -> Nd.fuse(Traced::negative).apply(x.gt(0L)));
  }

  /**
   * Row reductions over rows of every length a backend may treat apart (a warp, rows kept in
   * registers, with and without 4-element vectors, rows too long to keep) and elementwise chains
   * over views that start off a 4-element boundary or step apart, against the same NdArray calls.
   */
  @Test
  default void rowsAndChainsOfEveryLengthAndLayoutFuse() {
    int[] last = {-1};
    Fused softmax = softmaxOverRows();
    Fused counts = Nd.fuse(a -> a.gt(0L).astype(DType.INT32).sum(last, false).multiply(3L));
    Fused chain = Nd.fuse((a, b) -> a.multiply(1.5).add(b).tanh().maximum(0.0));
    for (long n : new long[] {1, 3, 4, 7, 64, 1000, 8190, 8192, 40_000}) {
      NdArray base = backend().random(31).normal(0, 3, 3, n + 4).astype(DType.FLOAT32);
      NdArray[] layouts = {
        base.get(":", "0:" + n),
        base.get(":", "1:" + (n + 1)),
        base.get(":", "4:" + (n + 4)),
        base.get("::-1", "0:" + n),
        base.get(":", "0:" + n).T().copy().T(),
      };
      for (NdArray x : layouts) {
        String where = "rows of " + n + " (strides " + java.util.Arrays.toString(x.strides()) + ")";
        NdArray e = x.subtract(x.max(last, true)).exp();
        Check.sameValues(
            "softmax over " + where,
            e.divide(e.sum(last, true)).toDoubleArray(),
            softmax.apply(x).toDoubleArray(),
            1e-6);
        Check.sameValues(
            "positive counts over " + where,
            x.gt(0L).astype(DType.INT32).sum(last, false).multiply(3L).toDoubleArray(),
            counts.apply(x).toDoubleArray(),
            0);
        NdArray flat = x.ravel();
        NdArray y = flat.get("::-1").copy();
        for (NdArray z : new NdArray[] {flat, flat.get("1:"), flat.get("4:")}) {
          NdArray w = y.get("0:" + z.size());
          Check.sameValues(
              "chain over " + z.size() + " elements from " + where,
              z.multiply(1.5).add(w).tanh().maximum(0.0).toDoubleArray(),
              chain.apply(z, w).toDoubleArray(),
              1e-6);
        }
      }
    }
  }
}
