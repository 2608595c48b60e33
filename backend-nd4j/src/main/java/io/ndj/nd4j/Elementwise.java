package io.ndj.nd4j;

import static io.ndj.nd4j.Nd4jOps.apply;
import static io.ndj.nd4j.Nd4jOps.cast;
import static io.ndj.nd4j.Nd4jOps.constant;
import static io.ndj.nd4j.Nd4jOps.op;
import static io.ndj.nd4j.Nd4jOps.temp;

import io.ndj.DType;
import io.ndj.spi.BinaryOp;
import io.ndj.spi.ElementMath;
import io.ndj.spi.UnaryOp;
import io.ndj.spi.View;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.bool.IsFinite;
import org.nd4j.linalg.api.ops.impl.transforms.bool.IsInf;
import org.nd4j.linalg.api.ops.impl.transforms.bool.IsNaN;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.FModOp;
import org.nd4j.linalg.api.ops.impl.transforms.same.Abs;
import org.nd4j.linalg.api.ops.impl.transforms.same.Ceil;
import org.nd4j.linalg.api.ops.impl.transforms.same.Floor;
import org.nd4j.linalg.api.ops.impl.transforms.same.Negative;
import org.nd4j.linalg.api.ops.impl.transforms.same.Sign;
import org.nd4j.linalg.api.ops.impl.transforms.same.Square;
import org.nd4j.linalg.api.ops.impl.transforms.strict.ACos;
import org.nd4j.linalg.api.ops.impl.transforms.strict.ASin;
import org.nd4j.linalg.api.ops.impl.transforms.strict.ATan;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Cos;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Cosh;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Rint;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sin;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sinh;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tan;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Elementwise functions as ND4J ops, with NumPy's semantics restored where ND4J's differ: integer
 * division and remainder (by zero gives 0, floor rounding, no trap on MIN / -1), NaN in
 * maximum/minimum, shifts past the width.
 */
final class Elementwise {
  private Elementwise() {}

  /** {@code o = op(x)}; {@code x} has the loop dtype {@code t}. */
  static void unary(UnaryOp op, DType t, INDArray o, INDArray x) {
    if (op == UnaryOp.CBRT || op == UnaryOp.SIGNBIT) {
      onHost(op, t, o, x);
      return;
    }
    // float16 runs in float32 and rounds once, as NumPy does (ND4J's half-precision functions lose
    // digits);
    // float32 log1p/expm1/tanh run in float64, where their rebuilt versions are far inside
    // float32's ulp
    boolean rebuilt = op == UnaryOp.LOG1P || op == UnaryOp.EXPM1 || op == UnaryOp.TANH;
    DType wider =
        t == DType.FLOAT16 ? DType.FLOAT32 : t == DType.FLOAT32 && rebuilt ? DType.FLOAT64 : null;
    if (wider != null && op != UnaryOp.NEGATIVE && op != UnaryOp.ABS) {
      INDArray r = temp(op.isPredicate() ? DType.BOOL : wider, x.shape());
      unary(op, wider, r, cast(x, wider));
      Nd4jOps.assign(o, r);
      return;
    }
    switch (op) {
      case NEGATIVE -> {
        if (t.isFloat()) {
          // x * -1 keeps the sign of zero (ND4J's half negation does not)
          op("multiply", o, x, constant(t, -1.0, x.shape()));
        } else {
          Nd4j.exec(new Negative(x, o));
        }
      }
      case ABS -> Nd4j.exec(new Abs(x, o));
      case SIGN -> {
        if (t.isFloat()) {
          // ND4J's sign(NaN) is 0; NumPy's is NaN
          INDArray s = temp(t, x.shape());
          Nd4j.exec(new Sign(x, s));
          op("select", o, isnan(t, x), x, s);
        } else {
          Nd4j.exec(new Sign(x, o));
        }
      }
      case SQUARE -> Nd4j.exec(new Square(x, o));
      case SQRT -> Nd4j.exec(new Sqrt(x, o));
      case EXP -> Nd4j.exec(new Exp(x, o));
      case LOG -> Nd4j.exec(new Log(x, o));
      case LOG1P -> log1p(t, o, x);
      case EXPM1 -> expm1(t, o, x);
      case SIN -> Nd4j.exec(new Sin(x, o));
      case COS -> Nd4j.exec(new Cos(x, o));
      case TAN -> Nd4j.exec(new Tan(x, o));
      case ARCSIN -> Nd4j.exec(new ASin(x, o));
      case ARCCOS -> Nd4j.exec(new ACos(x, o));
      case ARCTAN -> Nd4j.exec(new ATan(x, o));
      case SINH -> Nd4j.exec(new Sinh(x, o));
      case COSH -> Nd4j.exec(new Cosh(x, o));
      case TANH -> tanh(t, o, x);
      // ND4J's ASinh/ACosh/ATanh are the textbook logarithms (asinh(-inf) is NaN, several ulps
      // off elsewhere): composed here from log1p and log as fdlibm does
      case ARCSINH -> asinh(t, o, x);
      case ARCCOSH -> acosh(t, o, x);
      case ARCTANH -> atanh(t, o, x);
      case RINT -> Nd4j.exec(new Rint(x, o));
      case FLOOR -> floatOrCopy(t, o, x, () -> Nd4j.exec(new Floor(x, o)));
      case CEIL -> floatOrCopy(t, o, x, () -> Nd4j.exec(new Ceil(x, o)));
      case TRUNC ->
          floatOrCopy(
              t,
              o,
              x,
              () -> {
                // toward zero: ceil below zero, floor otherwise (keeps -0.0, NaN and infinities)
                INDArray f = temp(t, x.shape());
                INDArray c = temp(t, x.shape());
                Nd4j.exec(new Floor(x, f));
                Nd4j.exec(new Ceil(x, c));
                op(
                    "select",
                    o,
                    apply("less", DType.BOOL, x.shape(), x, constant(t, 0.0, x.shape())),
                    c,
                    f);
              });
      case EXP2 -> op("Pow", o, constant(t, 2.0, x.shape()), x);
      case LOG2 -> scaledLog(t, o, x, Math.log(2));
      case LOG10 -> scaledLog(t, o, x, Math.log(10));
      case INVERT -> {
        if (t == DType.BOOL) {
          op("boolean_not", o, x);
        } else {
          op("toggle_bits", o, x);
        }
      }
      case LOGICAL_NOT -> op("equals", o, x, constant(t, 0L, x.shape()));
      case ISNAN -> predicate(t, o, x, false, () -> Nd4j.exec(new IsNaN(x, o)));
      case ISINF -> predicate(t, o, x, false, () -> Nd4j.exec(new IsInf(x, o)));
      case ISFINITE -> predicate(t, o, x, true, () -> Nd4j.exec(new IsFinite(x, o)));
    }
  }

  /**
   * log1p from log, to within an ulp or two (Goldberg): {@code log(u) * x / (u - 1)} with u = 1 +
   * x.
   */
  private static void log1p(DType t, INDArray o, INDArray x) {
    long[] shape = x.shape();
    INDArray u = apply("add", t, shape, x, constant(t, 1.0, shape));
    INDArray l = temp(t, shape);
    Nd4j.exec(new Log(u, l));
    INDArray r =
        apply(
            "multiply",
            t,
            shape,
            l,
            apply("divide", t, shape, x, apply("subtract", t, shape, u, constant(t, 1.0, shape))));
    INDArray exact =
        apply(
            "boolean_or",
            DType.BOOL,
            shape,
            apply("equals", DType.BOOL, shape, u, constant(t, 1.0, shape)),
            infinite(u));
    // u == 1: x itself; u infinite: log(u); u == 0: -inf (log(0))
    INDArray special = apply("select", t, shape, infinite(u), l, x);
    r = apply("select", t, shape, exact, special, r);
    op("select", o, apply("equals", DType.BOOL, shape, u, constant(t, 0.0, shape)), l, r);
  }

  /**
   * expm1 from exp, to within an ulp or two (Kahan): {@code (u - 1) * x / log(u)} with u = exp(x).
   */
  private static void expm1(DType t, INDArray o, INDArray x) {
    long[] shape = x.shape();
    INDArray u = temp(t, shape);
    Nd4j.exec(new Exp(x, u));
    INDArray um1 = apply("subtract", t, shape, u, constant(t, 1.0, shape));
    INDArray l = temp(t, shape);
    Nd4j.exec(new Log(u, l));
    INDArray r = apply("multiply", t, shape, um1, apply("divide", t, shape, x, l));
    // u == 1: x; u - 1 == -1 (x very negative): -1; u infinite: inf; NaN stays NaN through x
    r =
        apply(
            "select",
            t,
            shape,
            apply("equals", DType.BOOL, shape, um1, constant(t, -1.0, shape)),
            um1,
            r);
    r = apply("select", t, shape, infinite(u), u, r);
    op("select", o, apply("equals", DType.BOOL, shape, u, constant(t, 1.0, shape)), x, r);
  }

  /**
   * tanh(|x|) = e / (e + 2) with e = expm1(2|x|), the sign put back; zeros and NaN pass through.
   */
  private static void tanh(DType t, INDArray o, INDArray x) {
    long[] shape = x.shape();
    INDArray ax = temp(t, shape);
    Nd4j.exec(new Abs(x, ax));
    INDArray e = temp(t, shape);
    expm1(t, e, apply("add", t, shape, ax, ax));
    INDArray r = apply("divide", t, shape, e, apply("add", t, shape, e, constant(t, 2.0, shape)));
    // beyond 22, tanh rounds to 1 in float64 (and e / (e + 2) would be inf / inf)
    r =
        apply(
            "select",
            t,
            shape,
            apply("greater", DType.BOOL, shape, ax, constant(t, 22.0, shape)),
            constant(t, 1.0, shape),
            r);
    signed(t, o, x, r);
  }

  /** 2^28: past it the hyperbolic inverses are log(2|x|) to double precision. */
  private static final double HUGE = 0x1p28;

  /**
   * An odd function's value from its value {@code r} at |x|: x's sign restored, and x itself where
   * x is zero (keeping -0.0).
   */
  private static void signed(DType t, INDArray o, INDArray x, INDArray r) {
    long[] shape = x.shape();
    INDArray neg = apply("multiply", t, shape, r, constant(t, -1.0, shape));
    r =
        apply(
            "select",
            t,
            shape,
            apply("less", DType.BOOL, shape, x, constant(t, 0.0, shape)),
            neg,
            r);
    op("select", o, apply("equals", DType.BOOL, shape, x, constant(t, 0.0, shape)), x, r);
  }

  /** log(a) + ln 2, for |x| past {@link #HUGE}. */
  private static INDArray logTwice(DType t, INDArray a) {
    long[] shape = a.shape();
    INDArray l = temp(t, shape);
    Nd4j.exec(new Log(a, l));
    return apply("add", t, shape, l, constant(t, Math.log(2), shape));
  }

  /** fdlibm's asinh: log1p(a + a^2 / (1 + sqrt(1 + a^2))), or log(2a) past 2^28; odd. */
  private static void asinh(DType t, INDArray o, INDArray x) {
    long[] shape = x.shape();
    INDArray a = temp(t, shape);
    Nd4j.exec(new Abs(x, a));
    INDArray a2 = apply("multiply", t, shape, a, a);
    INDArray s = temp(t, shape);
    Nd4j.exec(new Sqrt(apply("add", t, shape, a2, constant(t, 1.0, shape)), s));
    INDArray q = apply("divide", t, shape, a2, apply("add", t, shape, s, constant(t, 1.0, shape)));
    INDArray small = temp(t, shape);
    log1p(t, small, apply("add", t, shape, a, q));
    INDArray big = apply("greater", DType.BOOL, shape, a, constant(t, HUGE, shape));
    signed(t, o, x, apply("select", t, shape, big, logTwice(t, a), small));
  }

  /** fdlibm's acosh: log1p(d + sqrt(d (x + 1))) with d = x - 1, log(2x) past 2^28; NaN below 1. */
  private static void acosh(DType t, INDArray o, INDArray x) {
    long[] shape = x.shape();
    INDArray d = apply("subtract", t, shape, x, constant(t, 1.0, shape));
    INDArray s = temp(t, shape);
    Nd4j.exec(
        new Sqrt(
            apply("multiply", t, shape, d, apply("add", t, shape, x, constant(t, 1.0, shape))), s));
    INDArray r = temp(t, shape);
    log1p(t, r, apply("add", t, shape, d, s));
    INDArray big = apply("greater", DType.BOOL, shape, x, constant(t, HUGE, shape));
    r = apply("select", t, shape, big, logTwice(t, x), r);
    // below 1 (and NaN): NaN, whatever the formula gave for x < -1
    INDArray inDomain = apply("greater_equal", DType.BOOL, shape, x, constant(t, 1.0, shape));
    op("select", o, inDomain, r, constant(t, Double.NaN, shape));
  }

  /** fdlibm's atanh: log1p(2a / (1 - a)) / 2, odd; infinite at 1, NaN past it. */
  private static void atanh(DType t, INDArray o, INDArray x) {
    long[] shape = x.shape();
    INDArray a = temp(t, shape);
    Nd4j.exec(new Abs(x, a));
    INDArray q =
        apply(
            "divide",
            t,
            shape,
            apply("add", t, shape, a, a),
            apply("subtract", t, shape, constant(t, 1.0, shape), a));
    INDArray l = temp(t, shape);
    log1p(t, l, q);
    INDArray r = apply("multiply", t, shape, l, constant(t, 0.5, shape));
    INDArray inDomain = apply("less_equal", DType.BOOL, shape, a, constant(t, 1.0, shape));
    signed(t, o, x, apply("select", t, shape, inDomain, r, constant(t, Double.NaN, shape)));
  }

  private static void floatOrCopy(DType t, INDArray o, INDArray x, Runnable floats) {
    if (t.isFloat()) {
      floats.run();
    } else {
      Nd4jOps.assign(o, x);
    }
  }

  private static void predicate(
      DType t, INDArray o, INDArray x, boolean forIntegers, Runnable floats) {
    if (t.isFloat()) {
      floats.run();
    } else {
      Nd4jOps.assign(o, constant(DType.BOOL, forIntegers ? 1L : 0L, x.shape()));
    }
  }

  /** log(x) / log(base) computed in float64, then rounded once to t. */
  private static void scaledLog(DType t, INDArray o, INDArray x, double logBase) {
    INDArray d = cast(x, DType.FLOAT64);
    INDArray l = temp(DType.FLOAT64, x.shape());
    Nd4j.exec(new Log(d, l));
    INDArray q =
        apply("divide", DType.FLOAT64, x.shape(), l, constant(DType.FLOAT64, logBase, x.shape()));
    Nd4jOps.assign(o, q);
  }

  /**
   * The functions ND4J lacks (cbrt, signbit, copysign, nextafter, fmod, gcd, lcm, ldexp), computed
   * on the host from the operands broadcast to o's shape ({@link ElementMath}'s definitions, in
   * double or long), then assigned into o (rounded once, or wrapped, to its dtype).
   */
  private static void onHost(io.ndj.spi.Op op, DType t, INDArray o, INDArray... in) {
    long[] shape = o.shape();
    long size = o.length();
    if (size == 0) {
      return;
    }
    int n = Math.toIntExact(size);
    boolean floats = t.isFloat();
    double[][] d = new double[in.length][];
    long[][] l = new long[in.length][];
    for (int k = 0; k < in.length; k++) {
      INDArray full = temp(t, shape);
      Nd4jOps.assign(full, in[k]);
      INDArray flat = full.reshape(n);
      if (floats) {
        d[k] = flat.toDoubleVector();
      } else {
        l[k] = flat.toLongVector();
      }
    }
    INDArray r;
    if (floats) {
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        double x = d[0][i];
        v[i] =
            switch (op) {
              case UnaryOp u when u == UnaryOp.CBRT -> Math.cbrt(x);
              case UnaryOp u -> Double.doubleToRawLongBits(x) < 0 ? 1 : 0; // signbit
              case BinaryOp b when b == BinaryOp.COPYSIGN -> Math.copySign(x, d[1][i]);
              case BinaryOp b when b == BinaryOp.NEXTAFTER -> ElementMath.nextAfter(x, d[1][i], t);
              case BinaryOp b when b == BinaryOp.FMOD -> x % d[1][i];
              case BinaryOp b when b == BinaryOp.LDEXP -> ElementMath.ldexp(x, d[1][i]);
              default -> throw new IllegalArgumentException(op.numpyName() + " on " + t);
            };
      }
      r = Nd4j.createFromArray(v);
    } else {
      long[] v = new long[n];
      for (int i = 0; i < n; i++) {
        long x = l[0][i];
        long y = l[1][i];
        v[i] =
            switch ((BinaryOp) op) {
              case BinaryOp u when t.isUnsigned64() -> ElementMath.unsigned(u, x, y);
              case FMOD -> ElementMath.fmod(x, y);
              case GCD -> ElementMath.gcd(x, y);
              case LCM -> ElementMath.lcm(x, y);
              default -> throw new IllegalArgumentException(op.numpyName() + " on " + t);
            };
      }
      r = Nd4j.createFromArray(v);
    }
    Nd4jOps.assign(o, r.reshape(shape));
  }

  /** {@code o = op(a, b)}; a and b have the loop dtype {@code t}. */
  static void binary(BinaryOp op, DType t, INDArray o, INDArray a, INDArray b) {
    long[] shape = o.shape();
    switch (op) {
      case COPYSIGN, NEXTAFTER, FMOD, GCD, LCM, LDEXP -> {
        onHost(op, t, o, a, b);
        return;
      }
      default -> {}
    }
    if (t == DType.UINT64 && ElementMath.differsUnsigned(op) && !op.isComparison()) {
      // ND4J divides and shifts uint64 as int64
      onHost(op, t, o, a, b);
      return;
    }
    if (t == DType.FLOAT16) {
      // as NumPy does: in float32, rounded once (ND4J's half comparisons get -0.0 == 0.0 wrong)
      INDArray r = temp(op.isComparison() ? DType.BOOL : DType.FLOAT32, shape);
      binary(op, DType.FLOAT32, r, cast(a, DType.FLOAT32), cast(b, DType.FLOAT32));
      Nd4jOps.assign(o, r);
      return;
    }
    switch (op) {
      case ADD -> op(t == DType.BOOL ? "boolean_or" : "add", o, a, b);
      case SUBTRACT -> op("subtract", o, a, b);
      case MULTIPLY -> op(t == DType.BOOL ? "boolean_and" : "multiply", o, a, b);
      case DIVIDE -> op("divide", o, a, b);
      case FLOOR_DIVIDE -> {
        if (t.isFloat()) {
          floatDivmod(t, o, null, a, b);
        } else {
          intDivmod(t, o, null, a, b);
        }
      }
      case MOD -> {
        if (t.isFloat()) {
          floatDivmod(t, null, o, a, b);
        } else {
          intDivmod(t, null, o, a, b);
        }
      }
      case POWER -> {
        if (t.isFloat()) {
          op("Pow", o, a, b);
        } else {
          intPower(t, o, a, b);
        }
      }
      case ARCTAN2 -> op("tf_atan2", o, a, b);
      case HYPOT -> hypot(t, o, a, b);
      case MAXIMUM, MINIMUM -> {
        String name = op == BinaryOp.MAXIMUM ? "maximum" : "minimum";
        if (!t.isFloat()) {
          op(name, o, a, b);
          return;
        }
        INDArray m = apply(name, t, shape, a, b);
        // NaN propagates: a + b is NaN exactly when either is
        INDArray nan = apply("boolean_or", DType.BOOL, shape, isnan(t, a), isnan(t, b));
        op("select", o, nan, apply("add", t, shape, a, b), m);
      }
      case FMAX, FMIN -> {
        String name = op == BinaryOp.FMAX ? "maximum" : "minimum";
        if (!t.isFloat()) {
          op(name, o, a, b);
          return;
        }
        INDArray m = apply(name, t, shape, a, b);
        INDArray pickB = apply("select", t, shape, isnan(t, a), b, m);
        op("select", o, isnan(t, b), a, pickB);
      }
      case BITWISE_AND -> op(t == DType.BOOL ? "boolean_and" : "bitwise_and", o, a, b);
      case BITWISE_OR -> op(t == DType.BOOL ? "boolean_or" : "bitwise_or", o, a, b);
      case BITWISE_XOR -> op(t == DType.BOOL ? "boolean_xor" : "bitwise_xor", o, a, b);
      case LEFT_SHIFT, RIGHT_SHIFT -> shift(op == BinaryOp.LEFT_SHIFT, t, o, a, b);
      case EQUAL -> op("equals", o, a, b);
      case NOT_EQUAL -> op("not_equals", o, a, b);
      case LESS -> op("less", o, a, b);
      case LESS_EQUAL -> op("less_equal", o, a, b);
      case GREATER -> op("greater", o, a, b);
      case GREATER_EQUAL -> op("greater_equal", o, a, b);
    }
  }

  /**
   * {@code out = x op scalar} (or {@code scalar op x}) with the scalar as a rank-0 operand, which
   * ND4J's add, subtract, multiply and divide run as its scalar kernels (several times faster than
   * a full-shape stride-0 operand, and without the scalar array and randomly named op that ND4J's
   * own scalar-op objects make on every call: 12 us of a float32 multiply by 5 at 1e6): + - * on
   * every dtype but bool and float16, / on floats. Returns false when it did nothing.
   */
  static boolean scalarOp(
      BinaryOp op, DType t, Number scalar, boolean scalarFirst, INDArray x, View out) {
    boolean arithmetic =
        op == BinaryOp.ADD
            || op == BinaryOp.SUBTRACT
            || op == BinaryOp.MULTIPLY
            || op == BinaryOp.DIVIDE && t.isFloat();
    if (!arithmetic || t == DType.BOOL || t == DType.FLOAT16) {
      return false;
    }
    INDArray s = Nd4jOps.scalar(t, scalar);
    String name =
        switch (op) {
          case ADD -> "add";
          case SUBTRACT -> scalarFirst ? "reversesubtract" : "subtract";
          case MULTIPLY -> "multiply";
          default -> scalarFirst ? "reversedivide" : "divide";
        };
    Nd4jOps.into(out, o -> op(name, o, x, s));
    return true;
  }

  static INDArray isnan(DType t, INDArray x) {
    INDArray m = temp(DType.BOOL, x.shape());
    Nd4j.exec(new IsNaN(x, m));
    return m;
  }

  /**
   * NumPy's integer floor division and remainder, in int64: divisors 0 and -1 never reach ND4J's
   * division (0 gives 0, -1 gives the wrapped negation and remainder 0), the rest uses ND4J's
   * floormod and an exact division.
   */
  private static void intDivmod(
      DType t, INDArray quotient, INDArray remainder, INDArray a, INDArray b) {
    long[] shape = a.shape();
    INDArray a64 = cast(a, DType.INT64);
    INDArray b64 = cast(b, DType.INT64);
    INDArray zero = constant(DType.INT64, 0L, shape);
    INDArray minusOne = constant(DType.INT64, -1L, shape);
    INDArray isZero = apply("equals", DType.BOOL, shape, b64, zero);
    INDArray isMinusOne = apply("equals", DType.BOOL, shape, b64, minusOne);
    INDArray special = apply("boolean_or", DType.BOOL, shape, isZero, isMinusOne);
    INDArray safe =
        apply("select", DType.INT64, shape, special, constant(DType.INT64, 1L, shape), b64);
    // C's truncating remainder, moved to the divisor's sign (ND4J's floormod is wrong for large
    // divisors)
    INDArray trunc = apply("mod", DType.INT64, shape, a64, safe);
    INDArray fix =
        apply(
            "boolean_and",
            DType.BOOL,
            shape,
            apply("not_equals", DType.BOOL, shape, trunc, zero),
            apply(
                "not_equals",
                DType.BOOL,
                shape,
                apply("less", DType.BOOL, shape, trunc, zero),
                apply("less", DType.BOOL, shape, safe, zero)));
    INDArray mod =
        apply(
            "select",
            DType.INT64,
            shape,
            fix,
            apply("add", DType.INT64, shape, trunc, safe),
            trunc);
    // -1 and 0 divide nothing: remainder 0 for both
    INDArray r = apply("select", DType.INT64, shape, special, zero, mod);
    if (remainder != null) {
      Nd4jOps.assign(remainder, r);
    }
    if (quotient != null) {
      // C's truncating quotient, one less where the remainder moved (a - mod could overflow)
      INDArray q = apply("divide", DType.INT64, shape, a64, safe);
      q = apply("subtract", DType.INT64, shape, q, cast(fix, DType.INT64));
      INDArray neg = temp(DType.INT64, shape);
      Nd4j.exec(new Negative(a64, neg));
      q = apply("select", DType.INT64, shape, isMinusOne, neg, q);
      q = apply("select", DType.INT64, shape, isZero, zero, q);
      Nd4jOps.assign(quotient, q);
    }
  }

  /**
   * NumPy's float divmod (npy_divmod): {@code mod = fmod(a, b)} made to take b's sign, {@code div =
   * (a - mod) / b} rounded to the nearest integer; b == 0 gives a / b and NaN.
   */
  private static void floatDivmod(
      DType t, INDArray quotient, INDArray remainder, INDArray a, INDArray b) {
    long[] shape = a.shape();
    DType w = DType.FLOAT64;
    INDArray a64 = cast(a, w);
    INDArray b64 = cast(b, w);
    INDArray zero = constant(w, 0.0, shape);
    // C's fmod, exact (ND4J's "mod" computes a - trunc(a / b) * b, which is not)
    INDArray fm = temp(w, shape);
    Nd4j.exec(new FModOp(a64, b64, fm));
    INDArray fmNeg = apply("less", DType.BOOL, shape, fm, zero);
    INDArray bNeg = apply("less", DType.BOOL, shape, b64, zero);
    INDArray fix =
        apply(
            "boolean_and",
            DType.BOOL,
            shape,
            apply("not_equals", DType.BOOL, shape, fm, zero),
            apply("not_equals", DType.BOOL, shape, fmNeg, bNeg));
    INDArray mod = apply("select", w, shape, fix, apply("add", w, shape, fm, b64), fm);
    if (remainder != null) {
      // a zero remainder takes b's sign
      INDArray signedZero = apply("select", w, shape, bNeg, constant(w, -0.0, shape), zero);
      INDArray r =
          apply("select", w, shape, apply("equals", DType.BOOL, shape, mod, zero), signedZero, mod);
      INDArray bZero = apply("equals", DType.BOOL, shape, b64, zero);
      r = apply("select", w, shape, bZero, constant(w, Double.NaN, shape), r);
      Nd4jOps.assign(remainder, cast(r, t));
    }
    if (quotient != null) {
      INDArray div = apply("divide", w, shape, apply("subtract", w, shape, a64, fm), b64);
      div =
          apply(
              "select",
              w,
              shape,
              fix,
              apply("subtract", w, shape, div, constant(w, 1.0, shape)),
              div);
      INDArray fl = temp(w, shape);
      Nd4j.exec(new Floor(div, fl));
      INDArray up =
          apply(
              "greater",
              DType.BOOL,
              shape,
              apply("subtract", w, shape, div, fl),
              constant(w, 0.5, shape));
      fl = apply("select", w, shape, up, apply("add", w, shape, fl, constant(w, 1.0, shape)), fl);
      INDArray plain = apply("divide", w, shape, a64, b64);
      // div == 0: a zero with the sign of a / b
      INDArray zeroSign = apply("multiply", w, shape, plain, zero);
      INDArray q =
          apply("select", w, shape, apply("equals", DType.BOOL, shape, div, zero), zeroSign, fl);
      INDArray bZero = apply("equals", DType.BOOL, shape, b64, zero);
      q = apply("select", w, shape, bZero, plain, q);
      Nd4jOps.assign(quotient, cast(q, t));
    }
  }

  /** Integer power by squaring over the exponent's 64 bits, wrapping like NumPy. */
  private static void intPower(DType t, INDArray o, INDArray a, INDArray b) {
    long[] shape = a.shape();
    DType w = DType.INT64;
    INDArray base = Nd4jOps.copyOf(w, shape, a);
    INDArray zero = constant(w, 0L, shape);
    // a negative exponent gives 1, as x ** 0 (NumPy refuses it before any kernel runs)
    INDArray e = apply("maximum", w, shape, cast(b, w), zero);
    INDArray result = Nd4jOps.copyOf(w, shape, constant(w, 1L, shape));
    INDArray one = constant(w, 1L, shape);
    for (int bit = 0; bit < 63; bit++) {
      INDArray set =
          apply("not_equals", DType.BOOL, shape, apply("bitwise_and", w, shape, e, one), zero);
      result = apply("select", w, shape, set, apply("multiply", w, shape, result, base), result);
      base = apply("multiply", w, shape, base, base);
      e = apply("rshift_bits", w, shape, e, one);
      if (e.maxNumber().longValue() == 0) {
        break;
      }
    }
    Nd4jOps.assign(o, result);
  }

  /**
   * hypot without overflow: {@code m * sqrt(1 + (n/m)^2)} with m = max(|a|,|b|); infinities win
   * over NaN.
   */
  private static void hypot(DType t, INDArray o, INDArray a, INDArray b) {
    long[] shape = a.shape();
    DType w = DType.FLOAT64;
    INDArray x = temp(w, shape);
    INDArray y = temp(w, shape);
    Nd4j.exec(new Abs(cast(a, w), x));
    Nd4j.exec(new Abs(cast(b, w), y));
    INDArray m = apply("maximum", w, shape, x, y);
    INDArray n = apply("minimum", w, shape, x, y);
    INDArray zero = constant(w, 0.0, shape);
    INDArray safeM =
        apply(
            "select",
            w,
            shape,
            apply("equals", DType.BOOL, shape, m, zero),
            constant(w, 1.0, shape),
            m);
    INDArray r = apply("divide", w, shape, n, safeM);
    INDArray s = apply("add", w, shape, constant(w, 1.0, shape), apply("multiply", w, shape, r, r));
    Nd4j.exec(new Sqrt(s, s));
    INDArray h = apply("multiply", w, shape, m, s);
    INDArray inf = apply("boolean_or", DType.BOOL, shape, infinite(x), infinite(y));
    INDArray nan = apply("boolean_or", DType.BOOL, shape, isnan(w, x), isnan(w, y));
    h = apply("select", w, shape, nan, constant(w, Double.NaN, shape), h);
    h = apply("select", w, shape, inf, constant(w, Double.POSITIVE_INFINITY, shape), h);
    Nd4jOps.assign(o, cast(h, t));
  }

  private static INDArray infinite(INDArray x) {
    INDArray m = temp(DType.BOOL, x.shape());
    Nd4j.exec(new IsInf(x, m));
    return m;
  }

  /**
   * Shifts in int64 as NumPy does (then wrapped to the dtype): by a negative count or 64 or more,
   * left gives 0 and right gives 0 or -1.
   */
  private static void shift(boolean left, DType t, INDArray o, INDArray a, INDArray b) {
    long[] shape = a.shape();
    DType w = DType.INT64;
    INDArray a64 = cast(a, w);
    INDArray b64 = cast(b, w);
    INDArray zero = constant(w, 0L, shape);
    INDArray out =
        apply(
            "boolean_or",
            DType.BOOL,
            shape,
            apply("less", DType.BOOL, shape, b64, zero),
            apply("greater_equal", DType.BOOL, shape, b64, constant(w, 64L, shape)));
    INDArray safe = apply("select", w, shape, out, zero, b64);
    INDArray shifted = apply(left ? "shift_bits" : "rshift_bits", w, shape, a64, safe);
    INDArray beyond =
        left
            ? zero
            : apply(
                "select",
                w,
                shape,
                apply("less", DType.BOOL, shape, a64, zero),
                constant(w, -1L, shape),
                zero);
    Nd4jOps.assign(o, apply("select", w, shape, out, beyond, shifted));
  }
}
