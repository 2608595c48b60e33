package io.ndj.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.ndj.BinaryUfunc;
import io.ndj.Complex;
import io.ndj.DType;
import io.ndj.Nd;
import io.ndj.NdArray;
import io.ndj.UnaryUfunc;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * complex64 and complex128 on the backend under test against NumPy 2's answers in {@code
 * numpy/numpy-complex.tsv} ({@code numpy/numpy_complex.py} beside it): every binary ufunc against
 * complex, float, integer and bool operands (NumPy 2's promotion, Python complex scalars weak), the
 * unary functions, reductions, printing (arrays and scalars, NaN and infinities), casts and data
 * movement; and the laws that need no table: real/imag are writable views, Smith's division undoes
 * multiplication, conj is an involution, .npy round trips bit for bit.
 */
public interface ComplexContract extends KitSupport {

  /** An operand 'dtype|values|shape', complex values as re,im pairs. */
  private NdArray complexOperand(String field) {
    String[] p = field.split("\\|", -1);
    DType t = DType.of(p[0]);
    double[] v = p[1].isEmpty() ? new double[0] : NumpyCasesContract.doubles(p[1]);
    long[] shape = p[2].isEmpty() ? new long[0] : NumpyCasesContract.longs(p[2]);
    if (t.isComplex()) {
      try (NdArray c = complexArray(v);
          NdArray s = c.reshape(shape)) {
        return s.astype(t);
      }
    }
    return make(p[0], v, shape);
  }

  private static int[] axes(Map<String, String> p) {
    String a = p.get("axis");
    return a == null || a.equals("none") ? null : KitData.axes(a);
  }

  private static NdArray apply(String op, NdArray[] a, Map<String, String> p) {
    int[] ax = axes(p);
    return switch (op) {
      case "str" -> throw new AssertionError("str is compared as text");
      case "add.scalar", "subtract.scalar", "multiply.scalar", "divide.scalar" -> {
        double re = Double.parseDouble(p.get("re"));
        double im = Double.parseDouble(p.get("im"));
        Number s = Boolean.parseBoolean(p.get("complex").toLowerCase()) ? Complex.of(re, im) : re;
        yield BinaryUfunc.of(op.substring(0, op.indexOf('.'))).apply(a[0], s);
      }
      case "conjugate" -> a[0].conj();
      case "angle" -> a[0].angle();
      case "real" -> a[0].real();
      case "imag" -> a[0].imag();
      case "sum" -> ax == null ? a[0].sum() : a[0].sum(ax, false);
      case "prod" -> ax == null ? a[0].prod() : a[0].prod(ax, false);
      case "mean" -> ax == null ? a[0].mean() : a[0].mean(ax, false);
      case "var" -> ax == null ? a[0].var() : a[0].var(ax);
      case "std" -> ax == null ? a[0].std() : a[0].std(ax);
      case "any" -> ax == null ? a[0].any() : a[0].any(ax, false);
      case "all" -> ax == null ? a[0].all() : a[0].all(ax, false);
      case "astype" -> a[0].astype(DType.of(p.get("dtype")));
      case "concatenate" -> Nd.concatenate(a[0], a[1]);
      case "take" -> a[0].take(a[0].backend().array(new long[] {2, 0, 2}), 1);
      case "where" -> {
        try (NdArray re = a[0].real();
            NdArray c = re.gt(0.0);
            NdArray row = a[1].get("0")) {
          yield Nd.where(c, a[0], row);
        }
      }
      case "transpose" -> a[0].T().copy();
      case "flip" -> a[0].flip(1);
      case "slice" -> a[0].get("::2, 1::2");
      case "reshape" -> a[0].T().reshape(6, 2);
      case "cumsum" -> a[0].cumsum(1);
      case "cumprod" -> ax == null ? a[0].cumprod() : a[0].cumprod(ax[0]);
      case "sort" -> a[0].sort(ax[0]);
      case "argsort" -> a[0].argsort(ax[0]);
      case "max" -> a[0].max(ax, false);
      case "argmax" -> ax == null ? a[0].argmax() : a[0].argmax(ax[0]);
      case "argmin" -> ax == null ? a[0].argmin() : a[0].argmin(ax[0]);
      case "min" -> a[0].min(ax, false);
      case "matmul" -> Nd.matmul(a[0], a[1]);
      case "dot" -> Nd.dot(a[0], a[1]);
      case "vdot" -> Nd.vdot(a[0], a[1]);
      case "inner" -> Nd.inner(a[0], a[1]);
      case "outer" -> Nd.outer(a[0], a[1]);
      default -> {
        if (a.length == 2) {
          yield BinaryUfunc.of(op).apply(a[0], a[1]);
        }
        yield UnaryUfunc.of(op).apply(a[0]);
      }
    };
  }

  /** Functions computed by npymath/glibc in NumPy: ndj's compositions agree within rounding. */
  private static boolean transcendental(String op) {
    return switch (op) {
      case "sqrt",
          "exp",
          "exp2",
          "expm1",
          "log",
          "log2",
          "log10",
          "log1p",
          "sin",
          "cos",
          "tan",
          "sinh",
          "cosh",
          "tanh",
          "power",
          "angle",
          "absolute",
          "sign",
          "var",
          "std",
          "mean",
          "divide",
          "divide.scalar",
          "prod",
          // NumPy's SIMD loops (FMA) and pairwise sums round otherwise
          "multiply",
          "multiply.scalar",
          "square",
          "sum",
          "cumsum",
          "cumprod",
          "arcsin",
          "arccos",
          "arctan",
          "arcsinh",
          "arccosh",
          "arctanh",
          "matmul",
          "dot",
          "vdot",
          "inner",
          "outer" ->
          true;
      default -> false;
    };
  }

  @TestFactory
  default Stream<DynamicTest> complexMatchesNumpy() {
    return KitData.table("numpy/numpy-complex.tsv").stream()
        .map(
            f ->
                dynamicTest(
                    "numpy complex " + f[0],
                    () -> {
                      NdArray[] a =
                          f[2].isEmpty()
                              ? new NdArray[0]
                              : Arrays.stream(f[2].split(" ; "))
                                  .map(this::complexOperand)
                                  .toArray(NdArray[]::new);
                      String[] before =
                          Arrays.stream(a).map(String::valueOf).toArray(String[]::new);
                      Map<String, String> p = f[3].equals("-") ? Map.of() : KitData.params(f[3]);
                      if (f[4].equals("ERR")) {
                        Check.raisesNumpysMessage(f[0], f[5], () -> apply(f[1], a, p));
                      } else if (f[4].equals("str")) {
                        assertEquals(f[5].replace("\\n", "\n"), a[0].toString(), f[0]);
                      } else {
                        NdArray r = apply(f[1], a, p);
                        assertEquals(f[4], r.dtype().toString(), f[0] + ": dtype");
                        assertArrayEquals(
                            f[5].isEmpty() ? new long[0] : NumpyCasesContract.longs(f[5]),
                            r.shape().dims(),
                            f[0] + ": shape");
                        double[] want =
                            f.length > 6 && !f[6].isEmpty()
                                ? NumpyCasesContract.doubles(f[6])
                                : new double[0];
                        close(f[0], want, r, transcendental(f[1]));
                      }
                      for (int i = 0; i < a.length; i++) {
                        assertEquals(
                            before[i], a[i].toString(), f[0] + ": operand " + i + " changed");
                      }
                    }));
  }

  /**
   * Equal values: exactly (the same bits up to the sign of zero) for arithmetic NumPy rounds as ndj
   * does, within 1e-13 (complex128) or 3e-6 (complex64) of each part's magnitude for the functions
   * npymath computes by other formulas; NaN exactly where NumPy has NaN, infinities exactly.
   */
  private static void close(String label, double[] want, NdArray r, boolean loose) {
    double[] got = r.dtype().isBool() ? bools(r) : r.toDoubleArray();
    assertEquals(want.length, got.length, label + ": number of values");
    boolean single = r.dtype().componentType() == DType.FLOAT32;
    double rtol = loose ? (single ? 3e-6 : 1e-13) : 0;
    boolean complex = r.dtype().isComplex();
    for (int i = 0; i < want.length; i++) {
      double w = want[i];
      double g = got[i];
      if (Double.isNaN(w)) {
        assertTrue(Double.isNaN(g), label + ": value " + i + " is " + g + ", NumPy's nan");
        continue;
      }
      if (Double.isInfinite(w) || !loose) {
        assertEquals(w, g, label + ": value " + i);
        continue;
      }
      // the magnitude of the element (both parts) sets the scale
      int e = complex ? i - i % 2 : i;
      double mag =
          complex && e + 1 < want.length ? Math.hypot(want[e], want[e + 1]) : Math.abs(want[e]);
      double tol = rtol * Math.max(mag, Double.MIN_NORMAL) + (single ? 1e-37 : 1e-300);
      assertTrue(
          Math.abs(g - w) <= tol,
          label + ": value " + i + " is " + g + ", NumPy's " + w + " (tol " + tol + ")");
    }
  }

  private static double[] bools(NdArray r) {
    boolean[] b = r.toBooleanArray();
    double[] d = new double[b.length];
    for (int i = 0; i < b.length; i++) {
      d[i] = b[i] ? 1 : 0;
    }
    return d;
  }

  // ---- laws ----

  @Test
  default void realAndImagAreWritableViewsAndConjIsAnInvolution() {
    NdArray z = complexArray(new double[] {1, 2, 3, -4, -5, 6}, 3);
    NdArray re = z.real();
    NdArray im = z.imag();
    re.set("1", 30.0);
    im.set(":", im.mul(10.0));
    assertEquals("[ 1.+20.j 30.-40.j -5.+60.j]", z.toString());
    assertEquals(z.toString(), z.conj().conj().toString());
    assertEquals("[ 1.-20.j 30.+40.j -5.-60.j]", Nd.conj(z).toString());
    // a real array's imag is read-only zeros; its real is itself
    NdArray x = array(new double[] {1, 2});
    assertEquals("[0. 0.]", x.imag().toString());
    assertTrue(!x.imag().flags().writeable());
    // views of views: a strided complex slice's parts
    NdArray s = z.get("::2");
    s.imag().set(":", 0.5);
    assertEquals("[ 1. +0.5j 30.-40.j  -5. +0.5j]", z.toString());
    assertEquals(
        DType.COMPLEX128, Nd.complex(array(new double[] {1}), array(new double[] {2})).dtype());
    assertEquals(
        DType.COMPLEX64,
        Nd.complex(array(new double[] {1}).astype(DType.FLOAT32), zeros(DType.FLOAT32, 1)).dtype());
  }

  @Test
  default void divisionUndoesMultiplication() {
    Random rnd = new Random(seed());
    for (int round = 0; round < 20; round++) {
      double[] a = new double[16];
      double[] b = new double[16];
      for (int i = 0; i < 16; i++) {
        a[i] = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(7) - 3);
        b[i] = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(7) - 3);
      }
      NdArray x = complexArray(a);
      NdArray y = complexArray(b);
      double[] back = x.mul(y).divide(y).toDoubleArray();
      for (int i = 0; i < 16; i += 2) {
        double mag = Math.hypot(a[i], a[i + 1]);
        assertEquals(a[i], back[i], 1e-14 * mag * 4, "re " + i);
        assertEquals(a[i + 1], back[i + 1], 1e-14 * mag * 4, "im " + i);
      }
      // |xy| = |x||y|
      double[] m = x.mul(y).abs().toDoubleArray();
      double[] mx = x.abs().toDoubleArray();
      double[] my = y.abs().toDoubleArray();
      for (int i = 0; i < m.length; i++) {
        assertEquals(mx[i] * my[i], m[i], 1e-14 * m[i] * 4);
      }
    }
  }

  @Test
  default void npyRoundTripsAndScalars(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    NdArray z =
        complexArray(new double[] {1, -0.0, Double.NaN, Double.POSITIVE_INFINITY, 5e-324, 1e308});
    for (DType t : new DType[] {DType.COMPLEX128, DType.COMPLEX64}) {
      java.nio.file.Path p = dir.resolve("z_" + t + ".npy");
      NdArray c = z.astype(t);
      Nd.save(p, c);
      NdArray back = Nd.load(backend(), p);
      assertEquals(t, back.dtype());
      byte[] x = new byte[(int) c.nbytes()];
      byte[] y = new byte[(int) back.nbytes()];
      c.copyTo(java.lang.foreign.MemorySegment.ofArray(x));
      back.copyTo(java.lang.foreign.MemorySegment.ofArray(y));
      assertArrayEquals(x, y, "bits of " + t);
    }
    assertEquals(Complex.of(1, -0.0), z.get("0").complexValue());
    assertEquals("(1-0j)", z.get("0").toString());
    assertEquals("(1.5-2j)", Complex.of(1.5, -2).toString());
    assertEquals(DType.COMPLEX128, full(Complex.I, 2).dtype());
    assertEquals("[0.+1.j 0.+1.j]", full(Complex.I, 2).toString());
  }
}
