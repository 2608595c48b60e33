package io.ndj.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.ndj.DType;
import io.ndj.NdArray;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Elementwise functions, promotion and weak scalars against NumPy 2's answers, read from {@code
 * numpy/numpy-cases.tsv} (written by {@code numpy/numpy_cases.py} beside it, with NumPy as the
 * oracle): result dtype, shape, and values (exact, or within the listed ULPs for transcendental
 * functions), or NumPy's error message.
 */
public interface NumpyCasesContract extends KitSupport {
  /** One row of the table. */
  record NumpyCase(
      String label,
      String op,
      String da,
      double[] va,
      long[] sa,
      String db,
      double[] vb,
      long[] sb,
      String dtype,
      String shapeOrMessage,
      double[] expected,
      int ulps) {
    @Override
    public String toString() {
      return label;
    }
  }

  private static Stream<NumpyCase> cases() {
    return KitData.table("numpy/numpy-cases.tsv").stream()
        .map(
            f ->
                new NumpyCase(
                    f[0],
                    f[1],
                    f[2],
                    doubles(f[3]),
                    longs(f[4]),
                    f[5],
                    doubles(f[6]),
                    longs(f[7]),
                    f[8],
                    f[9],
                    f[8].equals("ERR") ? null : doubles(f[10]),
                    Integer.parseInt(f[11])));
  }

  static double[] doubles(String s) {
    if (s.isEmpty()) {
      return new double[0];
    }
    return Arrays.stream(s.split(",")).mapToDouble(NumpyCasesContract::parse).toArray();
  }

  static double parse(String v) {
    return switch (v) {
      case "nan" -> Double.NaN;
      case "inf" -> Double.POSITIVE_INFINITY;
      case "-inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(v);
    };
  }

  static long[] longs(String s) {
    return s.isEmpty()
        ? new long[0]
        : Arrays.stream(s.split(",")).mapToLong(Long::parseLong).toArray();
  }

  private NdArray apply(NumpyCase c) {
    try (NdArray a = make(c.da, c.va, c.sa)) {
      if (c.op.equals("astype")) {
        return a.astype(DType.of(c.db));
      }
      if (c.db.equals("-")) {
        return unary(c.op, a);
      }
      if (c.db.startsWith("scalar")) {
        Number s = c.db.equals("scalar-int") ? integer(c.vb[0]) : (Number) c.vb[0];
        return scalar(c.op, a, s);
      }
      try (NdArray b = make(c.db, c.vb, c.sb)) {
        return binary(c.op, a, b);
      }
    }
  }

  /** A Python int the table holds as a double: a Long, or a BigInteger past int64. */
  private static Number integer(double v) {
    return Math.abs(v) < 0x1p63 ? (Number) (long) v : new java.math.BigDecimal(v).toBigInteger();
  }

  static NdArray unary(String op, NdArray a) {
    return switch (op) {
      case "negative" -> a.negative();
      case "absolute" -> a.abs();
      case "sign" -> a.sign();
      case "sqrt" -> a.sqrt();
      case "square" -> a.square();
      case "exp" -> a.exp();
      case "exp2" -> a.exp2();
      case "log" -> a.log();
      case "log2" -> a.log2();
      case "log10" -> a.log10();
      case "log1p" -> a.log1p();
      case "expm1" -> a.expm1();
      case "sin" -> a.sin();
      case "cos" -> a.cos();
      case "tan" -> a.tan();
      case "arcsin" -> a.arcsin();
      case "arccos" -> a.arccos();
      case "arctan" -> a.arctan();
      case "sinh" -> a.sinh();
      case "cosh" -> a.cosh();
      case "tanh" -> a.tanh();
      case "arcsinh" -> a.arcsinh();
      case "arccosh" -> a.arccosh();
      case "arctanh" -> a.arctanh();
      case "floor" -> a.floor();
      case "ceil" -> a.ceil();
      case "rint" -> a.rint();
      case "trunc" -> a.trunc();
      case "invert" -> a.invert();
      case "logical_not" -> a.logicalNot();
      case "isnan" -> a.isnan();
      case "isinf" -> a.isinf();
      case "isfinite" -> a.isfinite();
      case "cbrt" -> a.cbrt();
      case "signbit" -> a.signbit();
      default -> throw new AssertionError("no unary op " + op);
    };
  }

  static NdArray binary(String op, NdArray a, NdArray b) {
    return switch (op) {
      case "add" -> a.add(b);
      case "subtract" -> a.subtract(b);
      case "multiply" -> a.multiply(b);
      case "divide" -> a.divide(b);
      case "floor_divide" -> a.floorDivide(b);
      case "remainder" -> a.mod(b);
      case "power" -> a.power(b);
      case "arctan2" -> a.arctan2(b);
      case "hypot" -> a.hypot(b);
      case "maximum" -> a.maximum(b);
      case "minimum" -> a.minimum(b);
      case "fmax" -> a.fmax(b);
      case "fmin" -> a.fmin(b);
      case "bitwise_and" -> a.bitwiseAnd(b);
      case "bitwise_or" -> a.bitwiseOr(b);
      case "bitwise_xor" -> a.bitwiseXor(b);
      case "left_shift" -> a.leftShift(b);
      case "right_shift" -> a.rightShift(b);
      case "equal" -> a.eq(b);
      case "not_equal" -> a.ne(b);
      case "less" -> a.lt(b);
      case "less_equal" -> a.le(b);
      case "greater" -> a.gt(b);
      case "greater_equal" -> a.ge(b);
      case "logical_and" -> a.logicalAnd(b);
      case "logical_or" -> a.logicalOr(b);
      case "logical_xor" -> a.logicalXor(b);
      case "copysign" -> a.copysign(b);
      case "nextafter" -> a.nextafter(b);
      case "fmod" -> a.fmod(b);
      case "gcd" -> a.gcd(b);
      case "lcm" -> a.lcm(b);
      case "ldexp" -> a.ldexp(b);
      default -> throw new AssertionError("no binary op " + op);
    };
  }

  static NdArray scalar(String op, NdArray a, Number s) {
    return switch (op) {
      case "add" -> a.add(s);
      case "subtract" -> a.subtract(s);
      case "multiply" -> a.multiply(s);
      case "divide" -> a.divide(s);
      case "less" -> a.lt(s);
      case "greater" -> a.gt(s);
      case "equal" -> a.eq(s);
      case "floor_divide" -> a.floorDivide(s);
      case "power" -> a.power(s);
      case "maximum" -> a.maximum(s);
      case "copysign" -> a.copysign(s);
      case "fmod" -> a.fmod(s);
      case "gcd" -> a.gcd(s);
      case "ldexp" -> a.ldexp(s);
      default -> throw new AssertionError("no scalar op " + op);
    };
  }

  @TestFactory
  default Stream<DynamicTest> elementwiseTableMatchesNumpy() {
    return cases().map(c -> dynamicTest(c.label, () -> matches(c)));
  }

  private void matches(NumpyCase c) {
    if (c.dtype.equals("ERR")) {
      Check.raisesNumpysMessage(c.label, c.shapeOrMessage, () -> apply(c).close());
      return;
    }
    try (NdArray r = apply(c)) {
      assertEquals(c.dtype, r.dtype().toString(), c.label + ": dtype");
      assertArrayEquals(longs(c.shapeOrMessage), r.shape().dims(), c.label + ": shape");
      double[] got = r.toDoubleArray();
      for (int i = 0; i < got.length; i++) {
        double e = c.expected[i];
        double g = got[i];
        if (c.ulps == 0 || Double.isNaN(e) || Double.isInfinite(e)) {
          // the sign of a zero from max/min of +0 and -0 is unspecified (NumPy's differs by dtype)
          boolean zeros = c.op.matches("maximum|minimum|fmax|fmin") && e == 0 && g == 0;
          if (Double.compare(e, g) != 0 && !zeros) {
            fail(
                c.label
                    + ": element "
                    + i
                    + " expected "
                    + e
                    + " but was "
                    + g
                    + "; got "
                    + Arrays.toString(got));
          }
        } else {
          double ulp = Check.ulp(r.dtype(), e);
          assertTrue(
              Math.abs(e - g) <= c.ulps * ulp,
              c.label
                  + ": element "
                  + i
                  + " expected "
                  + e
                  + " +- "
                  + c.ulps
                  + " ulp but was "
                  + g);
        }
      }
    }
  }
}
