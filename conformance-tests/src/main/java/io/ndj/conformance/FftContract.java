package io.ndj.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.ndj.DType;
import io.ndj.Nd;
import io.ndj.NdArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code Nd.fft} (NumPy's numpy.fft) on the backend under test: every function, n / s, axis / axes
 * and norm against NumPy 2's answers in {@code numpy/numpy-fft.tsv} ({@code numpy/numpy_fft.py}
 * beside it), and the transform's own laws against oracles written apart: a direct O(n²) DFT,
 * inverse(forward(x)) = x (1e-5·log2 n relative for complex64, 1e-13 for complex128), Parseval,
 * linearity, the shift theorem, real transforms equal to the complex one's half, non-contiguous
 * views equal to their copies.
 */
public interface FftContract extends KitSupport {

  /** Values of a table field: re,im pairs for complex data. */
  private NdArray operand(String dtype, String shape, String values) {
    long[] sh = shape.isEmpty() ? new long[0] : NumpyCasesContract.longs(shape);
    double[] v = values.isEmpty() ? new double[0] : NumpyCasesContract.doubles(values);
    DType t = DType.of(dtype);
    if (t.isComplex()) {
      try (NdArray c = complexArray(v);
          NdArray s = c.reshape(sh)) {
        return s.astype(t);
      }
    }
    return make(dtype, v, sh);
  }

  private static Integer intOrNull(Map<String, String> p, String key) {
    String v = p.get(key);
    return v == null || v.equals("none") ? null : Integer.valueOf(v);
  }

  private static long[] longsOrNull(Map<String, String> p, String key) {
    String v = p.get(key);
    return v == null || v.equals("none") ? null : NumpyCasesContract.longs(v);
  }

  private static int[] intsOrNull(Map<String, String> p, String key) {
    long[] l = longsOrNull(p, key);
    return l == null ? null : java.util.Arrays.stream(l).mapToInt(x -> (int) x).toArray();
  }

  private static NdArray apply(String fn, NdArray x, Map<String, String> p) {
    Integer n = intOrNull(p, "n");
    Integer axisOrNull = intOrNull(p, "axis");
    int axis = axisOrNull == null ? -1 : axisOrNull;
    String norm = p.get("norm");
    long[] s = longsOrNull(p, "s");
    int[] axes = intsOrNull(p, "axes");
    return switch (fn) {
      case "fft" -> Nd.fft.fft(x, n, axis, norm);
      case "ifft" -> Nd.fft.ifft(x, n, axis, norm);
      case "rfft" -> Nd.fft.rfft(x, n, axis, norm);
      case "irfft" -> Nd.fft.irfft(x, n, axis, norm);
      case "hfft" -> Nd.fft.hfft(x, n, axis, norm);
      case "ihfft" -> Nd.fft.ihfft(x, n, axis, norm);
      case "fft2" -> Nd.fft.fft2(x, s, axes, norm);
      case "ifft2" -> Nd.fft.ifft2(x, s, axes, norm);
      case "rfft2" -> Nd.fft.rfft2(x, s, axes, norm);
      case "irfft2" -> Nd.fft.irfft2(x, s, axes, norm);
      case "fftn" -> Nd.fft.fftn(x, s, axes, norm);
      case "ifftn" -> Nd.fft.ifftn(x, s, axes, norm);
      case "rfftn" -> Nd.fft.rfftn(x, s, axes, norm);
      case "irfftn" -> Nd.fft.irfftn(x, s, axes, norm);
      default -> throw new AssertionError("no function " + fn);
    };
  }

  @TestFactory
  default Stream<DynamicTest> fftMatchesNumpy() {
    return KitData.table("numpy/numpy-fft.tsv").stream()
        .map(
            f ->
                dynamicTest(
                    "numpy fft " + f[0],
                    () -> {
                      NdArray x = operand(f[2], f[3], f[4]);
                      String before = x.toString();
                      Map<String, String> p = f[5].equals("-") ? Map.of() : KitData.params(f[5]);
                      if (f[6].equals("ERR")) {
                        Check.raisesNumpysMessage(f[0], f[7], () -> apply(f[1], x, p));
                      } else {
                        NdArray r = apply(f[1], x, p);
                        assertEquals(f[6], r.dtype().toString(), f[0] + ": dtype");
                        assertArrayEquals(
                            f[7].isEmpty() ? new long[0] : NumpyCasesContract.longs(f[7]),
                            r.shape().dims(),
                            f[0] + ": shape");
                        double[] want =
                            f.length > 8 && !f[8].isEmpty()
                                ? NumpyCasesContract.doubles(f[8])
                                : new double[0];
                        close(f[0], want, r, r.dtype());
                      }
                      assertEquals(before, x.toString(), f[0] + ": the input changed");
                    }));
  }

  /**
   * got equals want element by element within the transform's rounding: (2e-6 for 32-bit results,
   * 1e-13 for 64-bit) x log2(size + 2) x the largest magnitude; NaN where NumPy has NaN (in either
   * part of a complex value), infinities exactly.
   */
  private static void close(String label, double[] want, NdArray r, DType t) {
    double[] got = r.toDoubleArray();
    assertEquals(want.length, got.length, label + ": number of values");
    boolean complex = t.isComplex();
    boolean single = t.componentType() == DType.FLOAT32;
    double scale = 0;
    for (double w : want) {
      if (Double.isFinite(w)) {
        scale = Math.max(scale, Math.abs(w));
      }
    }
    double tol =
        (single ? 2e-6 : 1e-13)
            * (Math.log(got.length + 2) / Math.log(2))
            * Math.max(scale, Double.MIN_NORMAL);
    int step = complex ? 2 : 1;
    boolean infinite = false;
    for (double w : want) {
      infinite |= Double.isInfinite(w);
    }
    for (int i = 0; i < want.length; i += step) {
      boolean wantNan = Double.isNaN(want[i]) || (complex && Double.isNaN(want[i + 1]));
      boolean gotNan = Double.isNaN(got[i]) || (complex && Double.isNaN(got[i + 1]));
      if (infinite && label.startsWith("special")) {
        // inf times a twiddle's zero part is NaN in one FFT's order and not in another's (cuFFT,
        // pocketfft): only which values stay finite is the transform's
        boolean wantFinite = !wantNan && Double.isFinite(want[i]) && Double.isFinite(want[i + 1]);
        boolean gotFinite = !gotNan && Double.isFinite(got[i]) && Double.isFinite(got[i + 1]);
        assertEquals(wantFinite, gotFinite, label + ": finite at element " + i / step);
        continue;
      }
      assertEquals(wantNan, gotNan, label + ": NaN at element " + i / step);
      if (wantNan) {
        continue;
      }
      for (int j = i; j < i + step; j++) {
        if (Double.isInfinite(want[j])) {
          assertEquals(want[j], got[j], label + ": value " + j);
        } else {
          assertTrue(
              Math.abs(got[j] - want[j]) <= tol,
              label
                  + ": value "
                  + j
                  + " is "
                  + got[j]
                  + ", NumPy's "
                  + want[j]
                  + " (tol "
                  + tol
                  + ")");
        }
      }
    }
  }

  // ---- laws, against oracles of their own ----

  /** A random complex array of n values (complex128), deterministic per seed. */
  private NdArray randomComplex(Random rnd, long... shape) {
    int n = 1;
    for (long d : shape) {
      n *= (int) d;
    }
    double[] v = new double[2 * n];
    for (int i = 0; i < v.length; i++) {
      v[i] = rnd.nextGaussian();
    }
    return complexArray(v, shape);
  }

  /** The direct DFT of interleaved values, angles reduced exactly as (j k mod n) / n. */
  private static double[] dft(double[] x, boolean inverse) {
    int n = x.length / 2;
    double[] y = new double[2 * n];
    double sign = inverse ? 1 : -1;
    for (int k = 0; k < n; k++) {
      double sr = 0;
      double si = 0;
      for (int j = 0; j < n; j++) {
        double a = sign * 2 * Math.PI * ((long) j * k % n) / n;
        double c = Math.cos(a);
        double s = Math.sin(a);
        sr += x[2 * j] * c - x[2 * j + 1] * s;
        si += x[2 * j] * s + x[2 * j + 1] * c;
      }
      y[2 * k] = sr;
      y[2 * k + 1] = si;
    }
    return y;
  }

  private static double maxAbs(double[] v) {
    double m = 0;
    for (double x : v) {
      m = Math.max(m, Math.abs(x));
    }
    return m;
  }

  private static double maxDiff(double[] a, double[] b) {
    assertEquals(a.length, b.length);
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }

  /** Lengths with every kind of factor: 2s, 3, 5, 7, other primes, large primes (Bluestein). */
  private static List<Integer> lengths() {
    List<Integer> l = new ArrayList<>();
    for (int n = 1; n <= 40; n++) {
      l.add(n);
    }
    l.addAll(List.of(64, 81, 96, 125, 127, 128, 210, 243, 256, 343, 509, 1009, 1024, 2 * 1031));
    return l;
  }

  @TestFactory
  default Stream<DynamicTest> fftEqualsTheDirectDft() {
    return lengths().stream()
        .filter(n -> n <= 1100)
        .map(
            n ->
                dynamicTest(
                    "fft = direct DFT, n=" + n,
                    () -> {
                      Random rnd = new Random(seed() + n);
                      NdArray x = randomComplex(rnd, n);
                      double[] xs = x.toDoubleArray();
                      for (boolean inverse : new boolean[] {false, true}) {
                        double[] want = dft(xs, inverse);
                        if (inverse) {
                          for (int i = 0; i < want.length; i++) {
                            want[i] /= n;
                          }
                        }
                        double[] got = (inverse ? Nd.fft.ifft(x) : Nd.fft.fft(x)).toDoubleArray();
                        double err = maxDiff(got, want) / Math.max(maxAbs(want), 1e-300);
                        assertTrue(err < 1e-12, "n=" + n + " inverse=" + inverse + ": " + err);
                      }
                      // complex64: the same within float32's rounding
                      try (NdArray x32 = x.astype(DType.COMPLEX64)) {
                        NdArray f = Nd.fft.fft(x32);
                        assertEquals(DType.COMPLEX64, f.dtype());
                        double[] want = dft(x32.toDoubleArray(), false);
                        double err = maxDiff(f.toDoubleArray(), want) / maxAbs(want);
                        assertTrue(
                            err < 2e-6 * Math.max(1, log2(n)), "complex64 n=" + n + ": " + err);
                      }
                    }));
  }

  private static double log2(int n) {
    return Math.log(n) / Math.log(2);
  }

  @TestFactory
  default Stream<DynamicTest> inverseUndoesForwardAndParsevalHolds() {
    List<Integer> ns = new ArrayList<>(lengths());
    ns.addAll(List.of(4096, 1 << 14, 3 * 5 * 7 * 11 * 13, 2 * 3 * 5 * 7 * 11 * 13, 3 << 14, 65537));
    return ns.stream()
        .map(
            n ->
                dynamicTest(
                    "ifft(fft(x)) = x, Parseval, n=" + n,
                    () -> {
                      Random rnd = new Random(seed() * 31 + n);
                      NdArray x = randomComplex(rnd, n);
                      double[] xs = x.toDoubleArray();
                      NdArray f = Nd.fft.fft(x);
                      double[] back = Nd.fft.ifft(f).toDoubleArray();
                      assertTrue(maxDiff(back, xs) <= 1e-13 * maxAbs(xs) * Math.max(1, log2(n)));
                      double ex = 0;
                      for (double v : xs) {
                        ex += v * v;
                      }
                      double ef = 0;
                      for (double v : f.toDoubleArray()) {
                        ef += v * v;
                      }
                      assertEquals(ex, ef / n, 1e-12 * ex, "Parseval, n=" + n);
                      // ortho is unitary
                      double eo = 0;
                      for (double v : Nd.fft.fft(x, null, -1, "ortho").toDoubleArray()) {
                        eo += v * v;
                      }
                      assertEquals(ex, eo, 1e-12 * ex, "ortho, n=" + n);
                      try (NdArray x32 = x.astype(DType.COMPLEX64)) {
                        double[] b32 = Nd.fft.ifft(Nd.fft.fft(x32)).toDoubleArray();
                        double[] x32s = x32.toDoubleArray();
                        assertTrue(
                            maxDiff(b32, x32s) <= 1e-5 * Math.max(1, log2(n)) * maxAbs(x32s),
                            "complex64 round trip, n=" + n);
                      }
                    }));
  }

  @Test
  default void linearityAndTheShiftTheorem() {
    Random rnd = new Random(seed());
    for (int n : List.of(1, 2, 7, 16, 30, 97, 256)) {
      NdArray x = randomComplex(rnd, n);
      NdArray y = randomComplex(rnd, n);
      io.ndj.Complex a = io.ndj.Complex.of(0.5, -2);
      NdArray lhs = Nd.fft.fft(x.mul(a).add(y.mul(3.0)));
      NdArray rhs = Nd.fft.fft(x).mul(a).add(Nd.fft.fft(y).mul(3.0));
      double[] l = lhs.toDoubleArray();
      assertTrue(maxDiff(l, rhs.toDoubleArray()) <= 1e-12 * maxAbs(l), "linearity n=" + n);
      long m = 3 % n;
      NdArray shifted = Nd.fft.fft(x.roll(m));
      // X_k e^{-2πi k m / n}, the phase from an exact angle
      double[] xs = Nd.fft.fft(x).toDoubleArray();
      double[] want = new double[2 * n];
      for (int k = 0; k < n; k++) {
        double ang = -2 * Math.PI * ((long) k * m % n) / n;
        want[2 * k] = xs[2 * k] * Math.cos(ang) - xs[2 * k + 1] * Math.sin(ang);
        want[2 * k + 1] = xs[2 * k] * Math.sin(ang) + xs[2 * k + 1] * Math.cos(ang);
      }
      assertTrue(
          maxDiff(shifted.toDoubleArray(), want) <= 1e-12 * maxAbs(want) * Math.max(1, n),
          "shift theorem n=" + n);
    }
  }

  @Test
  default void realTransformsAreTheComplexOnesHalf() {
    Random rnd = new Random(seed() + 7);
    for (int n : List.of(1, 2, 3, 8, 9, 31, 64, 100)) {
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        v[i] = rnd.nextGaussian();
      }
      NdArray x = array(v);
      NdArray full = Nd.fft.fft(x);
      NdArray half = Nd.fft.rfft(x);
      assertArrayEquals(new long[] {n / 2 + 1}, half.shape().dims());
      double[] f = full.toDoubleArray();
      double[] h = half.toDoubleArray();
      assertTrue(
          maxDiff(java.util.Arrays.copyOf(f, h.length), h) <= 1e-13 * maxAbs(f), "rfft n=" + n);
      double[] back = Nd.fft.irfft(half, n, -1, null).toDoubleArray();
      assertTrue(maxDiff(back, v) <= 1e-13 * Math.max(1, maxAbs(v)) * n, "irfft n=" + n);
    }
  }

  @Test
  default void viewsTransformAsTheirCopies() {
    Random rnd = new Random(seed() + 11);
    NdArray x = randomComplex(rnd, 6, 10);
    NdArray[] views = {x.T(), x.get("::2, 1::3"), x.get(":, ::-1"), x.get("1").broadcastTo(4, 10)};
    for (NdArray v : views) {
      for (int axis : new int[] {0, -1}) {
        try (NdArray c = v.copy()) {
          assertEquals(
              Nd.fft.fft(c, null, axis, null).toString(),
              Nd.fft.fft(v, null, axis, null).toString(),
              "fft of a view, axis " + axis);
        }
      }
    }
    NdArray r = array(new double[] {1, 2, 3, 4, 5, 6, 7, 8}).reshape(2, 4);
    assertEquals(
        Nd.fft.rfft(r.T().copy(), null, 0, null).toString(),
        Nd.fft.rfft(r.T(), null, 0, null).toString());
  }

  @Test
  default void shapesEdgesAndErrors() {
    // empty batches transform; an empty axis is NumPy's error; a 0-d array has no axis
    NdArray e = zeros(DType.COMPLEX128, 0, 4);
    assertArrayEquals(new long[] {0, 4}, Nd.fft.fft(e).shape().dims());
    Check.raisesNumpysMessage(
        "fft of length 0",
        "Invalid number of FFT data points (0) specified.",
        () -> Nd.fft.fft(zeros(DType.COMPLEX128, 4, 0)));
    Check.raisesNumpysMessage(
        "fft of 0-d",
        "axis -1 is out of bounds for array of dimension 0",
        () -> Nd.fft.fft(scalar(1.0)));
    // a NaN spoils its own line only
    NdArray x = zeros(DType.FLOAT64, 2, 4);
    x.set("0, 1", Double.NaN);
    NdArray f = Nd.fft.fft(x);
    assertEquals("[ True  True  True  True]", f.get("0").isnan().toString());
    assertEquals("[False False False False]", f.get("1").isnan().toString());
    // the frequencies as NumPy computes them, and the shifts undo each other
    assertEquals(
        "[ 0.    1.25  2.5   3.75 -5.   -3.75 -2.5  -1.25]",
        Nd.fft.fftfreq(8, 0.1, backend()).toString());
    assertEquals(
        "[0.         0.22222222 0.44444444 0.66666667 0.88888889]",
        Nd.fft.rfftfreq(9, 0.5, backend()).toString());
    NdArray g = arange(15).reshape(3, 5);
    assertEquals(g.toString(), Nd.fft.ifftshift(Nd.fft.fftshift(g)).toString());
    assertEquals(g.roll(1, 0).roll(2, 1).toString(), Nd.fft.fftshift(g).toString());
    assertEquals(g.roll(2, 1).toString(), Nd.fft.fftshift(g, 1).toString());
    // plans are cached per length and can be dropped
    Nd.fft.fft(arange(12).astype(DType.FLOAT64));
    assertTrue(Nd.fft.cachedPlans() >= 1, "a plan for length 12 is cached");
    Nd.fft.clearPlans();
    assertEquals(0, Nd.fft.cachedPlans());
  }
}
