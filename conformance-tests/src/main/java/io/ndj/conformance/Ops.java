package io.ndj.conformance;

import io.ndj.DType;
import io.ndj.NdArray;
import io.ndj.spi.BinaryOp;
import io.ndj.spi.UnaryOp;
import java.util.Arrays;

/** Calls the user API for an op constant, and builds the expected result from the oracle. */
public final class Ops {
  private Ops() {}

  public static NdArray binary(BinaryOp op, NdArray a, NdArray b) {
    return switch (op) {
      case ADD -> a.add(b);
      case SUBTRACT -> a.subtract(b);
      case MULTIPLY -> a.multiply(b);
      case DIVIDE -> a.divide(b);
      case FLOOR_DIVIDE -> a.floorDivide(b);
      case MOD -> a.mod(b);
      case POWER -> a.power(b);
      case ARCTAN2 -> a.arctan2(b);
      case HYPOT -> a.hypot(b);
      case MAXIMUM -> a.maximum(b);
      case MINIMUM -> a.minimum(b);
      case FMAX -> a.fmax(b);
      case FMIN -> a.fmin(b);
      case BITWISE_AND -> a.bitwiseAnd(b);
      case BITWISE_OR -> a.bitwiseOr(b);
      case BITWISE_XOR -> a.bitwiseXor(b);
      case LEFT_SHIFT -> a.leftShift(b);
      case RIGHT_SHIFT -> a.rightShift(b);
      case EQUAL -> a.eq(b);
      case NOT_EQUAL -> a.ne(b);
      case LESS -> a.lt(b);
      case LESS_EQUAL -> a.le(b);
      case GREATER -> a.gt(b);
      case GREATER_EQUAL -> a.ge(b);
      case COPYSIGN -> a.copysign(b);
      case NEXTAFTER -> a.nextafter(b);
      case FMOD -> a.fmod(b);
      case GCD -> a.gcd(b);
      case LCM -> a.lcm(b);
      case LDEXP -> a.ldexp(b);
    };
  }

  public static NdArray binary(BinaryOp op, NdArray a, Number s) {
    return switch (op) {
      case ADD -> a.add(s);
      case SUBTRACT -> a.subtract(s);
      case MULTIPLY -> a.multiply(s);
      case MAXIMUM -> a.maximum(s);
      default -> throw new IllegalArgumentException(op.toString());
    };
  }

  public static NdArray unary(UnaryOp op, NdArray a) {
    return switch (op) {
      case NEGATIVE -> a.negative();
      case ABS -> a.abs();
      case SIGN -> a.sign();
      case SQRT -> a.sqrt();
      case SQUARE -> a.square();
      case EXP -> a.exp();
      case EXP2 -> a.exp2();
      case LOG -> a.log();
      case LOG2 -> a.log2();
      case LOG10 -> a.log10();
      case LOG1P -> a.log1p();
      case EXPM1 -> a.expm1();
      case SIN -> a.sin();
      case COS -> a.cos();
      case TAN -> a.tan();
      case ARCSIN -> a.arcsin();
      case ARCCOS -> a.arccos();
      case ARCTAN -> a.arctan();
      case SINH -> a.sinh();
      case COSH -> a.cosh();
      case TANH -> a.tanh();
      case ARCSINH -> a.arcsinh();
      case ARCCOSH -> a.arccosh();
      case ARCTANH -> a.arctanh();
      case FLOOR -> a.floor();
      case CEIL -> a.ceil();
      case RINT -> a.rint();
      case TRUNC -> a.trunc();
      case INVERT -> a.invert();
      case LOGICAL_NOT -> a.logicalNot();
      case ISNAN -> a.isnan();
      case ISINF -> a.isinf();
      case ISFINITE -> a.isfinite();
      case CBRT -> a.cbrt();
      case SIGNBIT -> a.signbit();
    };
  }

  /**
   * The case's values cast to {@code t} as NumPy's astype would (exact for the values the kit
   * generates).
   */
  public static Case cast(Case c, DType t) {
    if (c.dtype() == t) {
      return c;
    }
    int n = (int) c.size();
    if (t.isFloat()) {
      double[] d = new double[n];
      for (int i = 0; i < n; i++) {
        // a uint64 value rounds once, straight to float32 (never through a double first)
        d[i] =
            c.dtype() == DType.UINT64 && t == DType.FLOAT32
                ? Oracle.unsigned(c.l()[i]).floatValue()
                : Gens.roundTo(c.get(i), t);
      }
      return new Case(t, c.shape(), d, null, c.layout());
    }
    long[] l = new long[n];
    for (int i = 0; i < n; i++) {
      l[i] =
          c.d() != null
              ? (t == DType.BOOL
                  ? (c.d()[i] != 0 || Double.isNaN(c.d()[i]) ? 1 : 0)
                  : Oracle.wrap((long) c.d()[i], t))
              : Oracle.wrap(c.l()[i], t);
    }
    return new Case(t, c.shape(), null, l, c.layout());
  }

  /** A 0-d case holding {@code v}. */
  public static Case constant(DType t, long v) {
    return new Case(
        t,
        new long[0],
        t.isFloat() ? new double[] {v} : null,
        t.isFloat() ? null : new long[] {v},
        Case.Layout.CONTIGUOUS);
  }

  static long[] broadcast(long[] a, long[] b) {
    int nd = Math.max(a.length, b.length);
    long[] r = new long[nd];
    for (int i = 0; i < nd; i++) {
      long x = i - (nd - a.length) >= 0 ? a[i - (nd - a.length)] : 1;
      long y = i - (nd - b.length) >= 0 ? b[i - (nd - b.length)] : 1;
      r[i] = x == 1 ? y : x;
    }
    return r;
  }

  /**
   * Flat index into an operand of shape {@code s} for output multi-index {@code idx} (broadcast).
   */
  static int source(long[] idx, long[] s) {
    int lead = idx.length - s.length;
    long k = 0;
    for (int i = 0; i < s.length; i++) {
      k = k * s[i] + (s[i] == 1 ? 0 : idx[lead + i]);
    }
    return (int) k;
  }

  static boolean next(long[] idx, long[] shape) {
    for (int i = shape.length - 1; i >= 0; i--) {
      if (++idx[i] < shape[i]) {
        return true;
      }
      idx[i] = 0;
    }
    return false;
  }

  /**
   * Checks {@code r = op(a, b)}: dtype {@code out}, broadcast shape, oracle values computed in
   * {@code loop}.
   */
  public static void expectBinary(
      NdArray r, BinaryOp op, DType out, DType loop, Case a, Case b, String what) {
    long[] shape = broadcast(a.shape(), b.shape());
    Check.dtypeAndShape(r, out, shape, what);
    int n = (int) Arrays.stream(shape).reduce(1, (x, y) -> x * y);
    long[] idx = new long[shape.length];
    if (out.isFloat()) {
      double[] e = new double[n];
      for (int k = 0; k < n; k++) {
        e[k] =
            Oracle.binaryF(op, out, a.get(source(idx, a.shape())), b.get(source(idx, b.shape())));
        next(idx, shape);
      }
      boolean zeros =
          op == BinaryOp.MAXIMUM
              || op == BinaryOp.MINIMUM
              || op == BinaryOp.FMAX
              || op == BinaryOp.FMIN;
      Check.floats(e, r.toDoubleArray(), out, Oracle.ulps(op), zeros, what);
    } else {
      long[] e = new long[n];
      for (int k = 0; k < n; k++) {
        int ia = source(idx, a.shape());
        int ib = source(idx, b.shape());
        long v =
            loop.isFloat()
                ? (long) Oracle.binaryF(op, a.get(ia), b.get(ib))
                : Oracle.binaryI(op, loop, a.getLong(ia), b.getLong(ib));
        e[k] = Oracle.wrap(v, out);
        next(idx, shape);
      }
      Check.longs(e, r.toLongArray(), what);
    }
  }

  public static void expectUnary(NdArray r, UnaryOp op, DType out, Case a, String what) {
    Check.dtypeAndShape(r, out, a.shape(), what);
    int n = (int) a.size();
    if (out.isFloat()) {
      double[] e = new double[n];
      for (int k = 0; k < n; k++) {
        e[k] = Oracle.unaryF(op, a.get(k));
      }
      Check.floats(e, r.toDoubleArray(), out, Oracle.ulps(op), false, what);
    } else {
      long[] e = new long[n];
      for (int k = 0; k < n; k++) {
        long v =
            a.dtype().isFloat()
                ? (long) Oracle.unaryF(op, a.get(k))
                : Oracle.unaryI(op, a.getLong(k), a.dtype());
        e[k] = Oracle.wrap(v, out);
      }
      Check.longs(e, r.toLongArray(), what);
    }
  }
}
