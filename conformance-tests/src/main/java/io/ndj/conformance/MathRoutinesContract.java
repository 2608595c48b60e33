package io.ndj.conformance;

import io.ndj.DType;
import io.ndj.Nd;
import io.ndj.NdArray;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;

/**
 * Properties of the math routines io.ndj composes from ufuncs (modf, logaddexp, logaddexp2,
 * deg2rad, rad2deg, sinc, divmod), on every dtype, special values, 0-d, empty and non-contiguous
 * operands, against plain-Java definitions: modf's parts are trunc(x) and x - trunc(x) with x's
 * sign (±0 and ±inf included); logaddexp is symmetric, equals log(e^a + e^b) computed in double
 * where that does not overflow, and a + ln 2 at a == b; deg2rad is x * pi/180 within an ulp; sinc
 * is 1 at 0 and even; divmod's parts are floor_divide and remainder.
 */
public interface MathRoutinesContract extends KitSupport {
  /**
   * {@code frexp} against NumPy 2 ({@code numpy/numpy-frexp.tsv}, {@code numpy/numpy_frexp.py}):
   * mantissa dtype, mantissas and exponents exactly, for every input dtype (subnormals, signed
   * zeros, inf and NaN among them), and {@code ldexp(m, e) == x} back.
   */
  @TestFactory
  default Stream<DynamicTest> frexpMatchesNumpy() {
    return KitData.table("numpy/numpy-frexp.tsv").stream()
        .map(
            f ->
                org.junit.jupiter.api.DynamicTest.dynamicTest(
                    "frexp " + f[0] + " " + f[1],
                    () -> {
                      double[] v = NumpyCasesContract.doubles(f[1]);
                      NdArray x = make(f[0], v, new long[] {v.length});
                      NdArray[] me = Nd.frexp(x);
                      org.junit.jupiter.api.Assertions.assertEquals(
                          f[2], me[0].dtype().toString(), "mantissa dtype");
                      org.junit.jupiter.api.Assertions.assertEquals(
                          DType.INT32, me[1].dtype(), "exponent dtype");
                      Check.sameBits(
                          "frexp mantissas",
                          NumpyCasesContract.doubles(f[3]),
                          me[0].toDoubleArray());
                      org.junit.jupiter.api.Assertions.assertArrayEquals(
                          NumpyCasesContract.longs(f[4]), me[1].toLongArray(), "exponents");
                      if (x.dtype().isFloat()) {
                        Check.sameValues(
                            "ldexp(frexp(x)) == x",
                            v,
                            me[0].ldexp(me[1]).astype(x.dtype()).toDoubleArray(),
                            0);
                      }
                    }));
  }

  @TestFactory
  default Stream<DynamicTest> composedMathRoutinesKeepTheirDefinitions() {
    List<DynamicTest> tests = new ArrayList<>();
    for (DType t : DType.realValues()) {
      tests.add(check("modf", t, () -> forAll(Gens.array(t, Gens.Range.ANY), c -> modf(t, c))));
      tests.add(
          check(
              "logaddexp",
              t,
              () ->
                  forAll(
                      Gens.broadcastPair(t, Gens.Range.ANY, Gens.Range.ANY), p -> logaddexp(p))));
      tests.add(check("deg2rad", t, () -> forAll(Gens.array(t, Gens.Range.ANY), c -> angles(c))));
      tests.add(check("sinc", t, () -> forAll(Gens.array(t, Gens.Range.ANY), c -> sinc(c))));
      if (t != DType.BOOL) {
        tests.add(
            check(
                "divmod",
                t,
                () ->
                    forAll(Gens.broadcastPair(t, Gens.Range.ANY, Gens.Range.ANY), p -> divmod(p))));
      }
    }
    return tests.stream();
  }

  private void modf(DType t, Case c) {
    NdArray x = make(c);
    NdArray[] parts = Nd.modf(x);
    DType f = Oracle.floatOf(t);
    Check.dtypeAndShape(parts[0], f, c.shape(), "modf fractional of " + c);
    Check.dtypeAndShape(parts[1], f, c.shape(), "modf integral of " + c);
    double[] frac = parts[0].toDoubleArray();
    double[] whole = parts[1].toDoubleArray();
    for (int i = 0; i < frac.length; i++) {
      double v = Gens.roundTo(c.get(i), f);
      double w = Double.isInfinite(v) ? v : v < 0 ? Math.ceil(v) : Math.floor(v);
      double r = Double.isInfinite(v) ? Math.copySign(0.0, v) : Math.copySign(v - w, v);
      if (!same(w, whole[i]) || !same(r, frac[i])) {
        throw new AssertionFailedError(
            "modf of "
                + v
                + " ("
                + c
                + ", element "
                + i
                + "): ("
                + frac[i]
                + ", "
                + whole[i]
                + "), expected ("
                + r
                + ", "
                + w
                + ")");
      }
    }
  }

  /** Equal values with equal zero signs, or both NaN. */
  private static boolean same(double a, double b) {
    return Double.isNaN(a) ? Double.isNaN(b) : a == b && (a != 0 || Double.compare(a, b) == 0);
  }

  private void logaddexp(Case[] p) {
    NdArray a = make(p[0]);
    NdArray b = make(p[1]);
    NdArray r = Nd.logaddexp(a, b);
    Check.sameValues(
        "logaddexp is symmetric: " + p[0] + ", " + p[1],
        r.toDoubleArray(),
        Nd.logaddexp(b, a).toDoubleArray(),
        0);
    DType t = Oracle.floatOf(p[0].dtype());
    long[] shape = Ops.broadcast(p[0].shape(), p[1].shape());
    Check.dtypeAndShape(r, t, shape, "logaddexp of " + p[0] + ", " + p[1]);
    double[] x = a.astype(DType.FLOAT64).broadcastTo(shape).copy().toDoubleArray();
    double[] y = b.astype(DType.FLOAT64).broadcastTo(shape).copy().toDoubleArray();
    double[] got = r.toDoubleArray();
    double[] e = new double[got.length];
    for (int i = 0; i < e.length; i++) {
      double m = Math.max(x[i], y[i]);
      e[i] =
          Double.isNaN(x[i]) || Double.isNaN(y[i])
              ? Double.NaN
              : x[i] == y[i]
                  ? x[i] + Math.log(2)
                  : Double.isInfinite(m)
                      ? m
                      // log(e^x + e^y) = m + log(1 + e^(min - m)), with log1p: 1 + a tiny term
                      // would round away
                      : m + Math.log1p(Math.exp(Math.min(x[i], y[i]) - m));
    }
    Check.floats(e, got, t, 2, false, "logaddexp of " + p[0] + ", " + p[1]);
  }

  private void angles(Case c) {
    NdArray x = make(c);
    DType f = Oracle.floatOf(c.dtype());
    double[] e = new double[(int) c.size()];
    double[] back = new double[e.length];
    for (int i = 0; i < e.length; i++) {
      e[i] = Gens.roundTo(c.get(i), f) * (Math.PI / 180);
      back[i] = Gens.roundTo(c.get(i), f) * (180 / Math.PI);
    }
    NdArray r = Nd.deg2rad(x);
    Check.dtypeAndShape(r, f, c.shape(), "deg2rad of " + c);
    Check.floats(e, r.toDoubleArray(), f, 1, false, "deg2rad of " + c);
    Check.floats(back, Nd.rad2deg(x).toDoubleArray(), f, 1, false, "rad2deg of " + c);
  }

  private void sinc(Case c) {
    NdArray x = make(c);
    double[] got = Nd.sinc(x).toDoubleArray();
    // bool has no negative; unsigned values wrap
    boolean signed = c.dtype().kind() == DType.Kind.SIGNED || c.dtype().isFloat();
    double[] mirrored = signed ? Nd.sinc(x.negative()).toDoubleArray() : got;
    for (int i = 0; i < got.length; i++) {
      double v = c.get(i);
      if (v == 0 && got[i] != 1) {
        throw new AssertionFailedError("sinc(0) is " + got[i] + " (" + c + ", element " + i + ")");
      }
      if (!same(got[i], mirrored[i])) {
        throw new AssertionFailedError(
            "sinc is even: sinc(" + v + ") = " + got[i] + ", sinc(-x) = " + mirrored[i]);
      }
    }
  }

  private void divmod(Case[] p) {
    NdArray a = make(p[0]);
    NdArray b = make(p[1]);
    NdArray[] qr = Nd.divmod(a, b);
    Check.sameValues("divmod quotient", a.floorDivide(b).toDoubleArray(), qr[0].toDoubleArray(), 0);
    Check.sameValues("divmod remainder", a.mod(b).toDoubleArray(), qr[1].toDoubleArray(), 0);
  }
}
