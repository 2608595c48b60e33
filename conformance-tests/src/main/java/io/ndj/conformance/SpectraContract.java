package io.ndj.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.ndj.DType;
import io.ndj.NdArray;
import io.ndj.linalg.Linalg;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Symmetric eigenproblems whose spectra break careless solvers, at orders past a backend's
 * small-matrix path (divide and conquer's leaves, a blocked reduction's panels): repeated and
 * clustered eigenvalues (deflation), rank one, all ones, zero, the identity, graded over fifteen
 * decades, Wilkinson's tridiagonal matrix, and the same spectra scaled near the ends of the dtype's
 * range, and random symmetric matrices there. The matrices are built in plain Java as H diag(λ) H
 * for a product H of random Householder reflections, so their eigenvalues are known: eigh's must be
 * ascending and within 50·n·eps·‖A‖ of them, its vectors orthonormal to 50·n·eps with {@code A V =
 * V diag(w)} to 50·n·eps·‖A‖, and eigvalsh must give eigh's values.
 */
public interface SpectraContract extends KitSupport {

  /** The spectra by name, each an n x n symmetric matrix with its eigenvalues where known. */
  record Case(String name, double[] a, double[] values) {}

  @TestFactory
  default Stream<DynamicTest> eighOfHardSpectra() {
    return hardSpectra("eigh", new String[] {"square"}, (c, n, t, cut) -> checkEigh(c, n, t));
  }

  /** A check of one case, order n, dtype t, cut to "square", "tall" or "wide". */
  interface CaseCheck {
    void check(Case c, int n, DType t, String cut);
  }

  /** One test per dtype, order (40 and 200), case and cut. */
  private Stream<DynamicTest> hardSpectra(String what, String[] cuts, CaseCheck check) {
    List<DynamicTest> tests = new ArrayList<>();
    for (DType t : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
      for (int n : new int[] {40, 200}) {
        for (Case c : cases(n, t, new SplittableRandom(seed() + n))) {
          for (String cut : cuts) {
            String label = what + " of " + c.name() + " " + t + " n=" + n;
            tests.add(
                dynamicTest(
                    cuts.length > 1 ? label + " " + cut : label, () -> check.check(c, n, t, cut)));
          }
        }
      }
    }
    return tests.stream();
  }

  /**
   * The same matrices' singular value decompositions, square (singular values |λ|, known) and cut
   * to tall and wide halves (full and reduced): U diag(s) Vh = A to 50·n·eps·‖A‖, U and V
   * orthonormal to 50·n·eps, s descending and equal to svdvals.
   */
  @TestFactory
  default Stream<DynamicTest> svdOfHardSpectra() {
    return hardSpectra("svd", new String[] {"square", "tall", "wide"}, this::checkSvd);
  }

  /**
   * The same matrices' QR factorizations (square, tall, wide; reduced and complete): Q R = A to
   * 50·n·eps·‖A‖, Q orthonormal to 50·n·eps, R upper triangular.
   */
  @TestFactory
  default Stream<DynamicTest> qrOfHardSpectra() {
    return hardSpectra("qr", new String[] {"square", "tall", "wide"}, this::checkQr);
  }

  private void checkQr(Case c, int n, DType t, String cut) {
    double eps = t == DType.FLOAT32 ? 0x1p-23 : 0x1p-52;
    String label = c.name() + " " + t + " n=" + n + " " + cut;
    try (NdArray whole = array(c.a()).reshape(n, n).astype(t);
        NdArray a = whole.get(cutOf(cut, n)).copy()) {
      int m = (int) a.shape().dims()[0];
      int cols = (int) a.shape().dims()[1];
      double[] host = a.toDoubleArray();
      double tol = 50 * n * eps * frobenius(host);
      for (String mode : new String[] {"reduced", "complete"}) {
        try (Linalg.QrResult r = Linalg.qr(a, mode)) {
          double[] q = r.q().toDoubleArray();
          double[] rr = r.r().toDoubleArray();
          int qc = (int) r.q().shape().dims()[1];
          double rec = 0;
          for (int i = 0; i < m; i++) {
            for (int j = 0; j < cols; j++) {
              double x = 0;
              for (int p = 0; p < qc; p++) {
                x += q[i * qc + p] * rr[p * cols + j];
              }
              rec = Math.max(rec, Math.abs(x - host[i * cols + j]));
            }
          }
          for (int i = 0; i < qc; i++) {
            for (int j = 0; j < Math.min(i, cols); j++) {
              assertTrue(rr[i * cols + j] == 0, label + " " + mode + ": R below the diagonal");
            }
          }
          assertTrue(rec <= tol, label + " " + mode + ": |Q R - A| = " + rec);
          assertTrue(
              orthonormalColumns(q, m, qc) <= 50 * n * eps, label + " " + mode + ": Q^T Q - I");
        }
      }
    }
  }

  /**
   * The index of a cut of an n x n matrix: all of it, its left half (tall), its top half (wide).
   */
  private static String cutOf(String cut, int n) {
    return cut.equals("tall") ? ":, 0:" + n / 2 : cut.equals("wide") ? "0:" + n / 2 : ":";
  }

  /** The Frobenius norm (at least the 2-norm), its squares scaled against underflow. */
  private static double frobenius(double[] host) {
    double big = 0;
    for (double x : host) {
      big = Math.max(big, Math.abs(x));
    }
    double squares = 0;
    for (double x : host) {
      squares += big == 0 ? 0 : (x / big) * (x / big);
    }
    return big * Math.sqrt(squares);
  }

  /** max |Qᵀ Q - I| for the rows x cols Q (C order). */
  private static double orthonormalColumns(double[] q, int rows, int cols) {
    double worst = 0;
    for (int i = 0; i < cols; i++) {
      for (int j = 0; j < cols; j++) {
        double x = 0;
        for (int p = 0; p < rows; p++) {
          x += q[p * cols + i] * q[p * cols + j];
        }
        worst = Math.max(worst, Math.abs(x - (i == j ? 1 : 0)));
      }
    }
    return worst;
  }

  private void checkSvd(Case c, int n, DType t, String cut) {
    double eps = t == DType.FLOAT32 ? 0x1p-23 : 0x1p-52;
    String label = c.name() + " " + t + " n=" + n + " " + cut;
    try (NdArray whole = array(c.a()).reshape(n, n).astype(t);
        NdArray a = whole.get(cutOf(cut, n)).copy();
        NdArray only = Linalg.svdvals(a)) {
      int m = (int) a.shape().dims()[0];
      int cols = (int) a.shape().dims()[1];
      int k = Math.min(m, cols);
      double[] host = a.toDoubleArray();
      double tol = 50 * n * eps * frobenius(host);
      double[] values = only.toDoubleArray();
      if (c.values() != null && cut.equals("square")) {
        double[] want = new double[n];
        for (int i = 0; i < n; i++) {
          want[i] = -Math.abs(c.values()[i]);
        }
        Arrays.sort(want);
        for (int i = 0; i < n; i++) {
          double w = -want[i];
          double got = values[i];
          assertTrue(
              Math.abs(got - w) <= tol,
              () -> label + ": singular value " + got + ", expected " + w + " within " + tol);
        }
      }
      for (boolean full : new boolean[] {false, true}) {
        try (Linalg.SvdResult r = Linalg.svd(a, full)) {
          double[] u = r.u().toDoubleArray();
          double[] s = r.s().toDoubleArray();
          double[] vh = r.vh().toDoubleArray();
          int uc = full ? m : k;
          int vr = full ? cols : k;
          for (int i = 0; i < k; i++) {
            assertTrue(i == 0 || s[i] <= s[i - 1], label + ": descending at " + i);
            assertTrue(s[i] >= 0, label + ": non-negative");
            assertTrue(
                Math.abs(s[i] - values[i]) <= tol,
                label + ": svdvals " + values[i] + ", svd " + s[i] + " at " + i);
          }
          double rec = 0;
          for (int i = 0; i < m; i++) {
            for (int j = 0; j < cols; j++) {
              double x = 0;
              for (int q = 0; q < k; q++) {
                x += u[i * uc + q] * s[q] * vh[q * cols + j];
              }
              rec = Math.max(rec, Math.abs(x - host[i * cols + j]));
            }
          }
          assertTrue(rec <= tol, label + " full=" + full + ": |U S Vh - A| = " + rec);
          double ou = orthonormalColumns(u, m, uc);
          double ov = 0;
          for (int i = 0; i < vr; i++) {
            for (int j = 0; j < vr; j++) {
              double x = 0;
              for (int q = 0; q < cols; q++) {
                x += vh[i * cols + q] * vh[j * cols + q];
              }
              ov = Math.max(ov, Math.abs(x - (i == j ? 1 : 0)));
            }
          }
          assertTrue(ou <= 50 * n * eps, label + " full=" + full + ": |U^T U - I| = " + ou);
          assertTrue(ov <= 50 * n * eps, label + " full=" + full + ": |V V^T - I| = " + ov);
        }
      }
    }
  }

  private void checkEigh(Case c, int n, DType t) {
    double eps = t == DType.FLOAT32 ? 0x1p-23 : 0x1p-52;
    String label = c.name() + " " + t + " n=" + n;
    try (NdArray a = array(c.a()).reshape(n, n).astype(t);
        Linalg.EighResult eh = Linalg.eigh(a);
        NdArray only = Linalg.eigvalsh(a)) {
      double[] host = a.toDoubleArray(); // as rounded to the dtype
      double[] w = eh.eigenvalues().toDoubleArray();
      double[] v = eh.eigenvectors().toDoubleArray();
      double norm = 0; // the infinity norm, at least the 2-norm
      for (int i = 0; i < n; i++) {
        double row = 0;
        for (int j = 0; j < n; j++) {
          row += Math.abs(host[i * n + j]);
        }
        norm = Math.max(norm, row);
      }
      double tol = 50 * n * eps * norm;
      for (int i = 1; i < n; i++) {
        assertTrue(w[i] >= w[i - 1], label + ": ascending at " + i);
      }
      if (c.values() != null) {
        double[] want = c.values().clone();
        Arrays.sort(want);
        for (int i = 0; i < n; i++) {
          double want0 = want[i];
          double got = w[i];
          assertTrue(
              Math.abs(got - want0) <= tol,
              () -> label + ": eigenvalue " + got + ", expected " + want0 + " within " + tol);
        }
      }
      double res = 0;
      double orth = 0;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          double av = 0;
          double vv = 0;
          for (int k = 0; k < n; k++) {
            av += host[i * n + k] * v[k * n + j];
            vv += v[k * n + i] * v[k * n + j];
          }
          res = Math.max(res, Math.abs(av - v[i * n + j] * w[j]));
          orth = Math.max(orth, Math.abs(vv - (i == j ? 1 : 0)));
        }
      }
      assertTrue(res <= tol, label + ": |A V - V diag(w)| = " + res + " > " + tol);
      assertTrue(orth <= 50 * n * eps, label + ": |V^T V - I| = " + orth);
      double[] values = only.toDoubleArray();
      for (int i = 0; i < n; i++) {
        assertTrue(
            Math.abs(values[i] - w[i]) <= tol,
            label + ": eigvalsh " + values[i] + ", eigh " + w[i] + " at " + i);
      }
    }
  }

  /**
   * complex64 and complex128 factorizations by their defining properties, against products in plain
   * Java: Q R = A with Q unitary and R upper triangular with a real diagonal; U diag(s) Vh = A with
   * U and V unitary, s descending; A V = V diag(w) for Hermitian A (either triangle read); L Lᴴ =
   * A; A inv(A) = I; A x = b.
   */
  @TestFactory
  default Stream<DynamicTest> complexFactorizationsKeepTheirProperties() {
    List<DynamicTest> tests = new ArrayList<>();
    for (DType t : new DType[] {DType.COMPLEX128, DType.COMPLEX64}) {
      for (int[] s : new int[][] {{5, 5}, {40, 40}, {60, 30}, {30, 60}, {1, 4}}) {
        tests.add(
            dynamicTest(
                "complex factorizations " + t + " " + s[0] + "x" + s[1],
                () -> checkComplex(t, s[0], s[1])));
      }
    }
    return tests.stream();
  }

  private void checkComplex(DType t, int m, int n) {
    double eps = t == DType.COMPLEX64 ? 0x1p-23 : 0x1p-52;
    SplittableRandom r = new SplittableRandom(seed() + 31L * m + n);
    double[] z = new double[2 * m * n];
    for (int i = 0; i < z.length; i++) {
      z[i] = r.nextDouble(-1, 1);
    }
    int big = Math.max(m, n);
    double tol = 50 * big * eps * big;
    String label = t + " " + m + "x" + n;
    try (NdArray flat = complexArray(z);
        NdArray shaped = flat.reshape(m, n);
        NdArray a = shaped.astype(t)) {
      double[] ha = a.toDoubleArray();
      for (String mode : new String[] {"reduced", "complete"}) {
        try (Linalg.QrResult qr = Linalg.qr(a, mode)) {
          int qc = (int) qr.q().shape().dims()[1];
          double[] q = qr.q().toDoubleArray();
          double[] rr = qr.r().toDoubleArray();
          for (int i = 0; i < qc; i++) {
            for (int j = 0; j < Math.min(i, n); j++) {
              assertTrue(rr[2 * (i * n + j)] == 0 && rr[2 * (i * n + j) + 1] == 0, label + " R");
            }
            if (i < Math.min(m, n)) {
              assertTrue(rr[2 * (i * n + i) + 1] == 0, label + ": R's diagonal is real");
            }
          }
          assertTrue(maxDiff(times(q, rr, m, qc, n), ha) <= tol, label + " " + mode + ": Q R");
          assertTrue(unitaryColumns(q, m, qc) <= tol, label + " " + mode + ": Q^H Q");
        }
        boolean full = mode.equals("complete");
        try (Linalg.SvdResult d = Linalg.svd(a, full)) {
          int k = Math.min(m, n);
          int uc = full ? m : k;
          int vr = full ? n : k;
          double[] u = d.u().toDoubleArray();
          double[] s = d.s().toDoubleArray();
          double[] vh = d.vh().toDoubleArray();
          assertTrue(d.s().dtype() == t.componentType(), label + ": s is real");
          double[] us = new double[2 * m * k];
          for (int i = 0; i < m; i++) {
            for (int j = 0; j < k; j++) {
              assertTrue(j == 0 || s[j] <= s[j - 1], label + ": descending");
              us[2 * (i * k + j)] = u[2 * (i * uc + j)] * s[j];
              us[2 * (i * k + j) + 1] = u[2 * (i * uc + j) + 1] * s[j];
            }
          }
          double[] vk = Arrays.copyOf(vh, 2 * k * n);
          assertTrue(maxDiff(times(us, vk, m, k, n), ha) <= tol, label + ": U S Vh");
          assertTrue(unitaryColumns(u, m, uc) <= tol, label + ": U^H U");
          assertTrue(unitaryColumns(adjoint(vh, vr, n), n, vr) <= tol, label + ": V^H V");
        }
      }
      if (m != n) {
        return;
      }
      for (String uplo : new String[] {"L", "U"}) {
        double[] h = ha.clone(); // the Hermitian matrix of the triangle read
        for (int i = 0; i < n; i++) {
          h[2 * (i * n + i) + 1] = 0;
          for (int j = 0; j < n; j++) {
            boolean read = uplo.equals("L") ? j <= i : j >= i;
            if (!read) {
              h[2 * (i * n + j)] = ha[2 * (j * n + i)];
              h[2 * (i * n + j) + 1] = -ha[2 * (j * n + i) + 1];
            }
          }
        }
        try (Linalg.EighResult e = Linalg.eigh(a, uplo)) {
          double[] w = e.eigenvalues().toDoubleArray();
          double[] v = e.eigenvectors().toDoubleArray();
          double[] vw = v.clone();
          for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
              vw[2 * (i * n + j)] *= w[j];
              vw[2 * (i * n + j) + 1] *= w[j];
            }
          }
          assertTrue(maxDiff(times(h, v, n, n, n), vw) <= tol, label + " " + uplo + ": A V");
          assertTrue(unitaryColumns(v, n, n) <= tol, label + " " + uplo + ": V^H V");
        }
      }
      double[] hpd = times(ha, adjoint(ha, n, n), n, n, n); // A Aᴴ + n I
      for (int i = 0; i < n; i++) {
        hpd[2 * (i * n + i)] += n;
      }
      try (NdArray pf = complexArray(hpd);
          NdArray ps = pf.reshape(n, n);
          NdArray p = ps.astype(t);
          NdArray l = Linalg.cholesky(p);
          NdArray inv = Linalg.inv(a)) {
        double[] hl = l.toDoubleArray();
        double[] hp = p.toDoubleArray();
        assertTrue(
            maxDiff(times(hl, adjoint(hl, n, n), n, n, n), hp) <= tol * n, label + ": L L^H");
        double[] id = times(ha, inv.toDoubleArray(), n, n, n);
        for (int i = 0; i < n; i++) {
          id[2 * (i * n + i)] -= 1;
        }
        assertTrue(maxDiff(id, new double[id.length]) <= tol * n, label + ": A inv(A) - I");
      }
    }
  }

  /** The complex product (interleaved) of x (r x k) and y (k x c). */
  private static double[] times(double[] x, double[] y, int r, int k, int c) {
    double[] out = new double[2 * r * c];
    for (int i = 0; i < r; i++) {
      for (int p = 0; p < k; p++) {
        double ar = x[2 * (i * k + p)];
        double ai = x[2 * (i * k + p) + 1];
        for (int j = 0; j < c; j++) {
          double br = y[2 * (p * c + j)];
          double bi = y[2 * (p * c + j) + 1];
          out[2 * (i * c + j)] += ar * br - ai * bi;
          out[2 * (i * c + j) + 1] += ar * bi + ai * br;
        }
      }
    }
    return out;
  }

  /** The conjugate transpose (interleaved) of x, rows x cols. */
  private static double[] adjoint(double[] x, int rows, int cols) {
    double[] out = new double[x.length];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        out[2 * (j * rows + i)] = x[2 * (i * cols + j)];
        out[2 * (j * rows + i) + 1] = -x[2 * (i * cols + j) + 1];
      }
    }
    return out;
  }

  /** max |Qᴴ Q - I| of the complex rows x cols Q (interleaved). */
  private static double unitaryColumns(double[] q, int rows, int cols) {
    double[] g = times(adjoint(q, rows, cols), q, cols, rows, cols);
    for (int i = 0; i < cols; i++) {
      g[2 * (i * cols + i)] -= 1;
    }
    return maxDiff(g, new double[g.length]);
  }

  private static double maxDiff(double[] a, double[] b) {
    double worst = 0;
    for (int i = 0; i < a.length; i++) {
      worst = Math.max(worst, Math.abs(a[i] - b[i]));
    }
    return worst;
  }

  /** The spectra of order n for dtype t (its range decides the scaled cases). */
  static List<Case> cases(int n, DType t, SplittableRandom r) {
    List<Case> out = new ArrayList<>();
    double[] repeated = new double[n];
    double[] cluster = new double[n];
    double[] graded = new double[n];
    double[] ramp = new double[n];
    for (int i = 0; i < n; i++) {
      repeated[i] = i % 3;
      cluster[i] = 1 + (r.nextDouble() - 0.5) * 1e-12;
      graded[i] = Math.pow(10, -15 + 15.0 * i / (n - 1)) * (i % 2 == 0 ? 1 : -1);
      ramp[i] = i - n / 2.0;
    }
    double[] zeros = new double[n];
    double[] ones = new double[n];
    Arrays.fill(ones, 1);
    out.add(new Case("repeated 0, 1, 2", similar(repeated, n, r), repeated));
    out.add(new Case("a cluster within 1e-12", similar(cluster, n, r), cluster));
    out.add(new Case("graded over 15 decades", similar(graded, n, r), graded));
    out.add(new Case("the identity", similar(ones, n, r), ones));
    out.add(new Case("zero", new double[n * n], zeros));
    double[] u = new double[n];
    double uu = 0;
    for (int i = 0; i < n; i++) {
      u[i] = r.nextDouble(-1, 1);
      uu += u[i] * u[i];
    }
    double[] rank1 = new double[n * n];
    double[] all = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        rank1[i * n + j] = u[i] * u[j];
        all[i * n + j] = 1;
      }
    }
    double[] rank1Values = new double[n];
    rank1Values[n - 1] = uu;
    out.add(new Case("rank one", rank1, rank1Values));
    double[] allValues = new double[n];
    allValues[n - 1] = n;
    out.add(new Case("all ones", all, allValues));
    double[] wilkinson = new double[n * n]; // |i - n/2| on the diagonal, ones beside it
    for (int i = 0; i < n; i++) {
      wilkinson[i * n + i] = Math.abs(i - n / 2);
      if (i + 1 < n) {
        wilkinson[i * n + i + 1] = 1;
        wilkinson[(i + 1) * n + i] = 1;
      }
    }
    out.add(new Case("Wilkinson's tridiagonal", wilkinson, null));
    int far = t == DType.FLOAT32 ? 100 : 1000;
    for (int s : new int[] {-far, far}) {
      double[] scaled = new double[n];
      for (int i = 0; i < n; i++) {
        scaled[i] = Math.scalb(ramp[i], s);
      }
      out.add(new Case("a ramp times 2^" + s, similar(scaled, n, r), scaled));
      double[] noise = new double[n * n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j <= i; j++) {
          noise[i * n + j] = Math.scalb(r.nextDouble(-1, 1), s);
          noise[j * n + i] = noise[i * n + j];
        }
      }
      out.add(new Case("random values times 2^" + s, noise, null));
    }
    return out;
  }

  /** H diag(values) H for H a product of three random Householder reflections (exact symmetry). */
  private static double[] similar(double[] values, int n, SplittableRandom r) {
    double[] a = new double[n * n];
    for (int i = 0; i < n; i++) {
      a[i * n + i] = values[i];
    }
    double[] v = new double[n];
    double[] av = new double[n];
    for (int h = 0; h < 3; h++) {
      double vv = 0;
      for (int i = 0; i < n; i++) {
        v[i] = r.nextDouble(-1, 1);
        vv += v[i] * v[i];
      }
      double f = 2 / vv;
      // (I - f v v^T) A (I - f v v^T) = A - f (v p^T + p v^T) + f^2 (v^T A v) v v^T, p = A v
      double vav = 0;
      for (int i = 0; i < n; i++) {
        double s = 0;
        for (int j = 0; j < n; j++) {
          s += a[i * n + j] * v[j];
        }
        av[i] = s;
        vav += v[i] * s;
      }
      for (int i = 0; i < n; i++) {
        for (int j = 0; j <= i; j++) {
          double x = a[i * n + j] - f * (v[i] * av[j] + av[i] * v[j]) + f * f * vav * v[i] * v[j];
          a[i * n + j] = x;
          a[j * n + i] = x;
        }
      }
    }
    return a;
  }
}
