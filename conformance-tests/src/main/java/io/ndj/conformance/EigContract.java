package io.ndj.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.ndj.DType;
import io.ndj.Nd;
import io.ndj.NdArray;
import io.ndj.linalg.Linalg;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code Linalg.eig} and {@code eigvals} of general real matrices on the backend under test: the
 * eigenvalues against NumPy 2's (as multisets: the order is LAPACK's, not the contract's) in {@code
 * numpy/numpy-eig.tsv} ({@code numpy/numpy_eig.py} beside it), NumPy's dtype rule (complex where
 * any eigenvalue of the stack is) and messages; and the definition itself on random stacks: A v = w
 * v within 50·n·eps·‖A‖, unit vectors, conjugate pairs.
 */
public interface EigContract extends KitSupport {

  @TestFactory
  default Stream<DynamicTest> eigvalsMatchNumpy() {
    return KitData.table("numpy/numpy-eig.tsv").stream()
        .map(
            f ->
                dynamicTest(
                    "numpy " + f[0],
                    () -> {
                      NdArray x =
                          make(
                              f[1],
                              f[3].isEmpty() ? new double[0] : NumpyCasesContract.doubles(f[3]),
                              NumpyCasesContract.longs(f[2]));
                      String before = x.toString();
                      if (f[4].equals("ERR")) {
                        Check.raisesNumpysMessage(f[0], f[5], () -> Linalg.eigvals(x));
                      } else {
                        NdArray w = Linalg.eigvals(x);
                        assertEquals(f[4], w.dtype().toString(), f[0] + ": dtype");
                        double[] want =
                            f.length > 5 && !f[5].isEmpty()
                                ? NumpyCasesContract.doubles(f[5])
                                : new double[0];
                        double[] got = sorted(w);
                        assertEquals(want.length, got.length, f[0] + ": count");
                        double scale = 1;
                        for (double v : want) {
                          scale = Math.max(scale, Math.abs(v));
                        }
                        // a repeated eigenvalue is known to sqrt(eps) only, in NumPy (LAPACK) and
                        // here alike
                        double tol = (w.dtype().componentType() == DType.FLOAT32 ? 1e-3 : 1e-7);
                        for (int i = 0; i < want.length; i++) {
                          assertEquals(want[i], got[i], tol * scale, f[0] + ": value " + i);
                        }
                      }
                      assertEquals(before, x.toString(), f[0] + ": the input changed");
                    }));
  }

  /** Each matrix's eigenvalues sorted by (real, imaginary) part, as the table has them. */
  private static double[] sorted(NdArray w) {
    boolean complex = w.dtype().isComplex();
    double[] d = w.toDoubleArray();
    int step = complex ? 2 : 1;
    int n = w.ndim() == 0 ? 1 : (int) w.shape().dims()[w.ndim() - 1];
    int rows = n == 0 ? 0 : d.length / step / n;
    double[] out = new double[d.length];
    for (int r = 0; r < rows; r++) {
      double[][] items = new double[n][];
      for (int j = 0; j < n; j++) {
        int at = (r * n + j) * step;
        items[j] = new double[] {d[at], complex ? d[at + 1] : 0};
      }
      Arrays.sort(
          items,
          Comparator.<double[]>comparingDouble(z -> Math.round(z[0] * 1e6) / 1e6)
              .thenComparingDouble(z -> Math.round(z[1] * 1e6) / 1e6));
      for (int j = 0; j < n; j++) {
        int at = (r * n + j) * step;
        out[at] = items[j][0];
        if (complex) {
          out[at + 1] = items[j][1];
        }
      }
    }
    return out;
  }

  @Test
  default void eigenvectorsSatisfyTheDefinition() {
    Random rnd = new Random(seed());
    for (DType t : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
      double eps = t == DType.FLOAT32 ? 1.2e-7 : 2.2e-16;
      for (int n : new int[] {1, 2, 3, 4, 7, 16, 40}) {
        double[] d = new double[2 * 3 * n * n];
        for (int i = 0; i < d.length; i++) {
          d[i] = rnd.nextGaussian();
        }
        NdArray a = array(d).reshape(2, 3, n, n).astype(t);
        Linalg.EigResult e = Linalg.eig(a);
        NdArray w = e.eigenvalues();
        NdArray v = e.eigenvectors();
        assertEquals(Linalg.eigvals(a).toString(), w.toString(), "eigvals = eig's values, n=" + n);
        // A v = w v, column by column
        NdArray av = Nd.matmul(a, v);
        NdArray vw = v.mul(w.expandDims(-2));
        double res = av.subtract(vw).abs().max().doubleValue();
        double norm = a.abs().max().doubleValue() * n;
        assertTrue(res <= 50 * n * eps * norm, t + " n=" + n + ": residual " + res);
        // unit columns
        double dev = v.abs().square().sum(-2).subtract(1.0).abs().max().doubleValue();
        assertTrue(dev <= 50 * n * eps, t + " n=" + n + ": |v| - 1 = " + dev);
        // complex eigenvalues of a real matrix come in conjugate pairs: the sum of each stack's
        // imaginary parts is zero
        if (w.dtype().isComplex()) {
          double imSum = w.imag().sum(-1).abs().max().doubleValue();
          assertTrue(imSum <= 50 * n * eps * norm, "conjugate pairs, n=" + n + ": " + imSum);
        }
      }
    }
    // a rotation has i and -i, with NumPy's vectors
    Linalg.EigResult r = Linalg.eig(array(new double[] {0, -1, 1, 0}).reshape(2, 2));
    assertEquals("[0.+1.j 0.-1.j]", r.eigenvalues().toString());
    assertEquals(
        "[[0.70710678+0.j         0.70710678-0.j        ]\n"
            + " [0.        -0.70710678j 0.        +0.70710678j]]",
        r.eigenvectors().toString());
  }

  /**
   * eig of complex stacks: A v = w v within 50·n·eps·‖A‖, unit columns whose largest component is
   * real (zgeev's normalization), eigvals equal to eig's values.
   */
  @Test
  default void complexEigenvectorsSatisfyTheDefinition() {
    Random rnd = new Random(seed() + 7);
    for (DType t : new DType[] {DType.COMPLEX128, DType.COMPLEX64}) {
      double eps = t == DType.COMPLEX64 ? 1.2e-7 : 2.2e-16;
      for (int n : new int[] {1, 2, 3, 7, 16, 40}) {
        double[] d = new double[2 * 2 * n * n];
        for (int i = 0; i < d.length; i++) {
          d[i] = rnd.nextGaussian();
        }
        try (NdArray flat = complexArray(d);
            NdArray shaped = flat.reshape(2, n, n);
            NdArray a = shaped.astype(t);
            Linalg.EigResult e = Linalg.eig(a)) {
          NdArray w = e.eigenvalues();
          NdArray v = e.eigenvectors();
          assertEquals(t, w.dtype(), "complex eigenvalues, n=" + n);
          assertEquals(Linalg.eigvals(a).toString(), w.toString(), "eigvals = eig's values");
          double res = Nd.matmul(a, v).subtract(v.mul(w.expandDims(-2))).abs().max().doubleValue();
          double norm = a.abs().max().doubleValue() * n;
          assertTrue(res <= 50 * n * eps * norm, t + " n=" + n + ": residual " + res);
          double dev = v.abs().square().sum(-2).subtract(1.0).abs().max().doubleValue();
          assertTrue(dev <= 50 * n * eps, t + " n=" + n + ": |v| - 1 = " + dev);
          double[] z = v.toDoubleArray();
          for (int b = 0; b < 2; b++) {
            for (int c = 0; c < n; c++) {
              int big = 0;
              double mag = -1;
              for (int r = 0; r < n; r++) {
                int at = 2 * ((b * n + r) * n + c);
                double m = Math.hypot(z[at], z[at + 1]);
                if (m > mag * (1 + 1e-6)) {
                  mag = m;
                  big = at;
                }
              }
              assertTrue(
                  z[big + 1] == 0 && z[big] > 0 || mag < 1e-3,
                  t + " n=" + n + ": the largest component is real and positive");
            }
          }
        }
      }
    }
  }
}
