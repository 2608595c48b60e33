package io.ndj.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ndj.NdArray;
import io.ndj.linalg.Linalg;
import java.util.Arrays;

/**
 * The defining properties of linalg's results, checked with products in plain Java: every matrix of
 * a stack, residuals within 50 n eps of the operand's scale.
 */
final class LinalgProperties {
  private LinalgProperties() {}

  /** Matrix {@code b} of a stack {@code (count, r, c)} in C order, as its own array. */
  private static double[] at(double[] stack, int b, int r, int c) {
    return Arrays.copyOfRange(stack, b * r * c, (b + 1) * r * c);
  }

  /** x ({@code n x k}) times y ({@code k x m}). */
  static double[] times(double[] x, double[] y, int n, int k, int m) {
    double[] z = new double[n * m];
    for (int i = 0; i < n; i++) {
      for (int l = 0; l < k; l++) {
        double f = x[i * k + l];
        for (int j = 0; j < m; j++) {
          z[i * m + j] += f * y[l * m + j];
        }
      }
    }
    return z;
  }

  static double[] transpose(double[] x, int r, int c) {
    double[] t = new double[x.length];
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < c; j++) {
        t[j * r + i] = x[i * c + j];
      }
    }
    return t;
  }

  private static double maxAbs(double[] x) {
    double m = 0;
    for (double v : x) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  /** |want - got| everywhere within {@code tol}. */
  private static void close(String what, double[] want, double[] got, double tol) {
    assertTrue(want.length == got.length, what + ": sizes " + want.length + " and " + got.length);
    for (int i = 0; i < want.length; i++) {
      double d = Math.abs(want[i] - got[i]);
      if (!(d <= tol)) {
        throw new AssertionError(
            what
                + ": element "
                + i
                + " is "
                + got[i]
                + ", expected "
                + want[i]
                + " within "
                + tol
                + "\n got  "
                + Arrays.toString(got)
                + "\n want "
                + Arrays.toString(want));
      }
    }
  }

  private static double[] identity(int n) {
    double[] e = new double[n * n];
    for (int i = 0; i < n; i++) {
      e[i * n + i] = 1;
    }
    return e;
  }

  /** Q^T Q = I for Q {@code r x c}. */
  private static void orthonormalColumns(String what, double[] q, int r, int c, double tol) {
    close(
        what + " has orthonormal columns", identity(c), times(transpose(q, r, c), q, c, r, c), tol);
  }

  static void svd(String label, NdArray a, double[] host, int count, int m, int n, double eps) {
    int k = Math.min(m, n);
    double tol = 50 * Math.max(m, n) * eps;
    try (Linalg.SvdResult r = Linalg.svd(a, false);
        Linalg.SvdResult full = Linalg.svd(a, true);
        NdArray vals = Linalg.svdvals(a)) {
      double[] u = r.u().toDoubleArray();
      double[] s = r.s().toDoubleArray();
      double[] vh = r.vh().toDoubleArray();
      assertArrayEquals(s, vals.toDoubleArray(), label + ": svdvals are svd's S");
      for (int b = 0; b < count; b++) {
        double[] x = at(host, b, m, n);
        double[] sb = at(s, b, 1, k);
        double scale = Math.max(1, maxAbs(x));
        for (int j = 0; j < k; j++) {
          assertTrue(sb[j] >= 0 && (j == 0 || sb[j] <= sb[j - 1]), label + ": S " + sb[j]);
        }
        double[] us = at(u, b, m, k);
        for (int i = 0; i < m; i++) {
          for (int j = 0; j < k; j++) {
            us[i * k + j] *= sb[j];
          }
        }
        close(label + ": U S Vh = A", x, times(us, at(vh, b, k, n), m, k, n), tol * scale);
        orthonormalColumns(label + ": U", at(u, b, m, k), m, k, tol);
        orthonormalColumns(label + ": Vh^T", transpose(at(vh, b, k, n), k, n), n, k, tol);
        orthonormalColumns(label + ": full U", at(full.u().toDoubleArray(), b, m, m), m, m, tol);
        double[] fvh = at(full.vh().toDoubleArray(), b, n, n);
        orthonormalColumns(label + ": full Vh^T", transpose(fvh, n, n), n, n, tol);
      }
    }
  }

  static void qr(String label, NdArray a, double[] host, int count, int m, int n, double eps) {
    int k = Math.min(m, n);
    double tol = 50 * Math.max(m, n) * eps;
    try (Linalg.QrResult r = Linalg.qr(a);
        Linalg.QrResult c = Linalg.qr(a, "complete")) {
      double[] q = r.q().toDoubleArray();
      double[] rr = r.r().toDoubleArray();
      double[] cr = c.r().toDoubleArray();
      for (int b = 0; b < count; b++) {
        double[] x = at(host, b, m, n);
        double[] rb = at(rr, b, k, n);
        double[] crb = at(cr, b, m, n);
        for (int i = 0; i < m; i++) {
          for (int j = 0; j < Math.min(i, n); j++) {
            assertTrue(i >= k || rb[i * n + j] == 0, label + ": R is upper triangular");
            assertTrue(crb[i * n + j] == 0, label + ": complete R is upper triangular");
          }
        }
        double scale = Math.max(1, maxAbs(x));
        close(label + ": Q R = A", x, times(at(q, b, m, k), rb, m, k, n), tol * scale);
        orthonormalColumns(label + ": Q", at(q, b, m, k), m, k, tol);
        orthonormalColumns(label + ": complete Q", at(c.q().toDoubleArray(), b, m, m), m, m, tol);
      }
    }
  }

  static void pinv(String label, NdArray a, double[] host, int count, int m, int n, double eps) {
    double tol = 50 * Math.max(m, n) * eps;
    try (NdArray p = Linalg.pinv(a)) {
      double[] ps = p.toDoubleArray();
      for (int b = 0; b < count; b++) {
        double[] x = at(host, b, m, n);
        double[] axa = times(times(x, at(ps, b, n, m), m, n, m), x, m, m, n);
        close(label + ": A pinv(A) A = A", x, axa, tol * Math.max(1, maxAbs(x)) * 10);
      }
    }
  }

  /** det against Leibniz's formula; solve, inv, eigh and cholesky by their residuals. */
  static void square(String label, NdArray a, double[] host, int count, int n, double eps) {
    double tol = 50 * n * eps;
    try (NdArray det = Linalg.det(a);
        NdArray inv = Linalg.inv(a);
        Linalg.EighResult eh = Linalg.eigh(a);
        NdArray cube = Linalg.matrixPower(a, 3)) {
      double[] dets = det.toDoubleArray();
      double[] invs = inv.toDoubleArray();
      double[] w = eh.eigenvalues().toDoubleArray();
      double[] v = eh.eigenvectors().toDoubleArray();
      double[] cubes = cube.toDoubleArray();
      for (int b = 0; b < count; b++) {
        double[] x = at(host, b, n, n);
        double scale = Math.max(1, maxAbs(x));
        double leibniz = leibniz(x, n);
        assertTrue(
            Math.abs(dets[b] - leibniz) <= tol * Math.pow(scale, n) * 100,
            label + ": det " + dets[b] + ", Leibniz " + leibniz);
        close(
            label + ": A inv(A) = I", identity(n), times(x, at(invs, b, n, n), n, n, n), tol * 10);
        double[] x3 = times(times(x, x, n, n, n), x, n, n, n);
        close(label + ": matrix_power 3", x3, at(cubes, b, n, n), tol * Math.pow(scale, 3));
        double[] sym = x.clone(); // eigh reads the lower triangle
        for (int i = 0; i < n; i++) {
          for (int j = i + 1; j < n; j++) {
            sym[i * n + j] = sym[j * n + i];
          }
        }
        double[] vb = at(v, b, n, n);
        double[] wb = at(w, b, 1, n);
        double[] vw = vb.clone();
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < n; j++) {
            vw[i * n + j] *= wb[j];
          }
          assertTrue(i == 0 || wb[i] >= wb[i - 1], label + ": eigenvalues ascending");
        }
        close(label + ": A V = V diag(w)", vw, times(sym, vb, n, n, n), tol * scale);
        orthonormalColumns(label + ": eigenvectors", vb, n, n, tol);
      }
    }
    // a positive-definite stack built from the operand's values: A A^T + n I
    double[] pd = new double[count * n * n];
    for (int b = 0; b < count; b++) {
      double[] x = at(host, b, n, n);
      double[] g = times(x, transpose(x, n, n), n, n, n);
      for (int i = 0; i < n; i++) {
        g[i * n + i] += n;
      }
      System.arraycopy(g, 0, pd, b * n * n, n * n);
    }
    try (NdArray p = a.backend().array(pd, a.dtype(), count, n, n);
        NdArray l = Linalg.cholesky(p);
        NdArray u = Linalg.cholesky(p, true);
        NdArray rhs = a.backend().array(Arrays.copyOf(pd, count * n), a.dtype(), count, n, 1);
        NdArray sol = Linalg.solve(a, rhs)) {
      double[] ls = l.toDoubleArray();
      double[] us = u.toDoubleArray();
      double[] pds = p.toDoubleArray(); // as the dtype holds it
      double[] xs = sol.toDoubleArray();
      double[] bs = rhs.toDoubleArray();
      for (int b = 0; b < count; b++) {
        double[] g = at(pds, b, n, n);
        double[] lb = at(ls, b, n, n);
        double scale = Math.max(1, maxAbs(g));
        close(label + ": L L^T", g, times(lb, transpose(lb, n, n), n, n, n), tol * scale);
        close(label + ": upper is L^T", transpose(lb, n, n), at(us, b, n, n), tol * scale);
        double[] x = at(host, b, n, n);
        double[] xb = at(xs, b, n, 1);
        double[] bb = at(bs, b, n, 1);
        double[] res = times(x, xb, n, n, 1);
        for (int i = 0; i < n; i++) {
          res[i] -= bb[i];
        }
        double norm = maxAbs(x) * n * maxAbs(xb) + maxAbs(bb);
        assertTrue(
            maxAbs(res) <= tol * Math.max(norm, 1e-300),
            label + ": solve's residual " + maxAbs(res) + " against " + norm);
      }
    }
  }

  /** The determinant as the signed sum over permutations (n <= 7). */
  static double leibniz(double[] x, int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    double sum = 0;
    int[] c = new int[n];
    int sign = 1;
    sum += product(x, p, n);
    int i = 0;
    while (i < n) { // Heap's algorithm: each step one swap, so the sign flips
      if (c[i] < i) {
        int j = i % 2 == 0 ? 0 : c[i];
        int t = p[j];
        p[j] = p[i];
        p[i] = t;
        sign = -sign;
        sum += sign * product(x, p, n);
        c[i]++;
        i = 0;
      } else {
        c[i] = 0;
        i++;
      }
    }
    return sum;
  }

  private static double product(double[] x, int[] p, int n) {
    double r = 1;
    for (int i = 0; i < n; i++) {
      r *= x[i * n + p[i]];
    }
    return r;
  }
}
