package io.ndj.linalg;

/**
 * Eigenvalues and eigenvectors of a general real matrix on the host in float64: reduction to upper
 * Hessenberg form by Householder similarities, then Francis's double-shift QR iteration to the real
 * Schur form, and back substitution for the vectors (EISPACK's orthes and hqr2, as JAMA has them).
 * A complex pair's vectors come as one complex vector and its conjugate.
 */
final class General {
  private General() {}

  private static final double EPS = Math.ulp(1.0);

  /**
   * The eigenvalues (wr + i wi) of the n x n matrix a (row-major, overwritten), and where {@code v}
   * is not null its eigenvectors as columns: for a real eigenvalue j column j of v; for a pair j,
   * j+1 (wi[j] > 0) columns j and j+1 hold the real and imaginary parts of eigenvalue j's vector.
   *
   * @return false when the iteration did not converge
   */
  static boolean eig(double[] a, int n, double[] wr, double[] wi, double[] v) {
    double[][] h = new double[n][n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(a, i * n, h[i], 0, n);
    }
    double[][] vv = new double[n][n];
    orthes(h, vv, n);
    if (!hqr2(h, vv, n, wr, wi)) {
      return false;
    }
    if (v != null) {
      for (int i = 0; i < n; i++) {
        System.arraycopy(vv[i], 0, v, i * n, n);
      }
    }
    return true;
  }

  /** Householder reduction to Hessenberg form; V accumulates the transformations. */
  private static void orthes(double[][] h, double[][] v, int n) {
    int low = 0;
    int high = n - 1;
    double[] ort = new double[n];
    for (int m = low + 1; m <= high - 1; m++) {
      double scale = 0;
      for (int i = m; i <= high; i++) {
        scale += Math.abs(h[i][m - 1]);
      }
      if (scale != 0) {
        double hh = 0;
        for (int i = high; i >= m; i--) {
          ort[i] = h[i][m - 1] / scale;
          hh += ort[i] * ort[i];
        }
        double g = Math.sqrt(hh);
        if (ort[m] > 0) {
          g = -g;
        }
        hh -= ort[m] * g;
        ort[m] -= g;
        for (int j = m; j < n; j++) {
          double f = 0;
          for (int i = high; i >= m; i--) {
            f += ort[i] * h[i][j];
          }
          f /= hh;
          for (int i = m; i <= high; i++) {
            h[i][j] -= f * ort[i];
          }
        }
        for (int i = 0; i <= high; i++) {
          double f = 0;
          for (int j = high; j >= m; j--) {
            f += ort[j] * h[i][j];
          }
          f /= hh;
          for (int j = m; j <= high; j++) {
            h[i][j] -= f * ort[j];
          }
        }
        ort[m] = scale * ort[m];
        h[m][m - 1] = scale * g;
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        v[i][j] = i == j ? 1 : 0;
      }
    }
    for (int m = high - 1; m >= low + 1; m--) {
      if (h[m][m - 1] != 0) {
        for (int i = m + 1; i <= high; i++) {
          ort[i] = h[i][m - 1];
        }
        for (int j = m; j <= high; j++) {
          double g = 0;
          for (int i = m; i <= high; i++) {
            g += ort[i] * v[i][j];
          }
          g = (g / ort[m]) / h[m][m - 1]; // two divisions: no underflow
          for (int i = m; i <= high; i++) {
            v[i][j] += g * ort[i];
          }
        }
      }
    }
  }

  /** The quotient (xr + i xi) / (yr + i yi), Smith's way. */
  private static double[] cdiv(double xr, double xi, double yr, double yi) {
    double r;
    double d;
    if (Math.abs(yr) > Math.abs(yi)) {
      r = yi / yr;
      d = yr + r * yi;
      return new double[] {(xr + r * xi) / d, (xi - r * xr) / d};
    }
    r = yr / yi;
    d = yi + r * yr;
    return new double[] {(r * xr + xi) / d, (r * xi - xr) / d};
  }

  /** Hessenberg to real Schur form by double-shift QR, then the eigenvectors. */
  private static boolean hqr2(double[][] h, double[][] v, int nn, double[] d, double[] e) {
    int n = nn - 1;
    int low = 0;
    int high = nn - 1;
    double exshift = 0;
    double p = 0;
    double q = 0;
    double r = 0;
    double s = 0;
    double z = 0;
    double t;
    double w;
    double x;
    double y;
    double norm = 0;
    for (int i = 0; i < nn; i++) {
      for (int j = Math.max(i - 1, 0); j < nn; j++) {
        norm += Math.abs(h[i][j]);
      }
    }
    int iter = 0;
    int total = 0;
    while (n >= low) {
      int l = n;
      while (l > low) {
        s = Math.abs(h[l - 1][l - 1]) + Math.abs(h[l][l]);
        if (s == 0) {
          s = norm;
        }
        if (Math.abs(h[l][l - 1]) <= EPS * s) { // <=: a zero matrix (norm 0) deflates too
          break;
        }
        l--;
      }
      if (l == n) {
        h[n][n] = h[n][n] + exshift;
        d[n] = h[n][n];
        e[n] = 0;
        n--;
        iter = 0;
      } else if (l == n - 1) {
        w = h[n][n - 1] * h[n - 1][n];
        p = (h[n - 1][n - 1] - h[n][n]) / 2.0;
        q = p * p + w;
        z = Math.sqrt(Math.abs(q));
        h[n][n] = h[n][n] + exshift;
        h[n - 1][n - 1] = h[n - 1][n - 1] + exshift;
        x = h[n][n];
        if (q >= 0) {
          z = p >= 0 ? p + z : p - z;
          d[n - 1] = x + z;
          d[n] = d[n - 1];
          if (z != 0) {
            d[n] = x - w / z;
          }
          e[n - 1] = 0;
          e[n] = 0;
          x = h[n][n - 1];
          s = Math.abs(x) + Math.abs(z);
          p = x / s;
          q = z / s;
          r = Math.sqrt(p * p + q * q);
          p = p / r;
          q = q / r;
          for (int j = n - 1; j < nn; j++) {
            z = h[n - 1][j];
            h[n - 1][j] = q * z + p * h[n][j];
            h[n][j] = q * h[n][j] - p * z;
          }
          for (int i = 0; i <= n; i++) {
            z = h[i][n - 1];
            h[i][n - 1] = q * z + p * h[i][n];
            h[i][n] = q * h[i][n] - p * z;
          }
          for (int i = low; i <= high; i++) {
            z = v[i][n - 1];
            v[i][n - 1] = q * z + p * v[i][n];
            v[i][n] = q * v[i][n] - p * z;
          }
        } else {
          d[n - 1] = x + p;
          d[n] = x + p;
          e[n - 1] = z;
          e[n] = -z;
        }
        n = n - 2;
        iter = 0;
      } else {
        if (++total > 100 * nn) {
          return false;
        }
        x = h[n][n];
        y = 0;
        w = 0;
        if (l < n) {
          y = h[n - 1][n - 1];
          w = h[n][n - 1] * h[n - 1][n];
        }
        if (iter == 10) {
          // Wilkinson's original ad hoc shift
          exshift += x;
          for (int i = low; i <= n; i++) {
            h[i][i] -= x;
          }
          s = Math.abs(h[n][n - 1]) + Math.abs(h[n - 1][n - 2]);
          x = y = 0.75 * s;
          w = -0.4375 * s * s;
        }
        if (iter == 30) {
          // MATLAB's ad hoc shift
          s = (y - x) / 2.0;
          s = s * s + w;
          if (s > 0) {
            s = Math.sqrt(s);
            if (y < x) {
              s = -s;
            }
            s = x - w / ((y - x) / 2.0 + s);
            for (int i = low; i <= n; i++) {
              h[i][i] -= s;
            }
            exshift += s;
            x = y = w = 0.964;
          }
        }
        iter++;
        int m = n - 2;
        while (m >= l) {
          z = h[m][m];
          r = x - z;
          s = y - z;
          p = (r * s - w) / h[m + 1][m] + h[m][m + 1];
          q = h[m + 1][m + 1] - z - r - s;
          r = h[m + 2][m + 1];
          s = Math.abs(p) + Math.abs(q) + Math.abs(r);
          p = p / s;
          q = q / s;
          r = r / s;
          if (m == l) {
            break;
          }
          if (Math.abs(h[m][m - 1]) * (Math.abs(q) + Math.abs(r))
              < EPS
                  * (Math.abs(p)
                      * (Math.abs(h[m - 1][m - 1]) + Math.abs(z) + Math.abs(h[m + 1][m + 1])))) {
            break;
          }
          m--;
        }
        for (int i = m + 2; i <= n; i++) {
          h[i][i - 2] = 0;
          if (i > m + 2) {
            h[i][i - 3] = 0;
          }
        }
        for (int k = m; k <= n - 1; k++) {
          boolean notlast = k != n - 1;
          if (k != m) {
            p = h[k][k - 1];
            q = h[k + 1][k - 1];
            r = notlast ? h[k + 2][k - 1] : 0;
            x = Math.abs(p) + Math.abs(q) + Math.abs(r);
            if (x == 0) {
              continue;
            }
            p = p / x;
            q = q / x;
            r = r / x;
          }
          s = Math.sqrt(p * p + q * q + r * r);
          if (p < 0) {
            s = -s;
          }
          if (s != 0) {
            if (k != m) {
              h[k][k - 1] = -s * x;
            } else if (l != m) {
              h[k][k - 1] = -h[k][k - 1];
            }
            p = p + s;
            x = p / s;
            y = q / s;
            z = r / s;
            q = q / p;
            r = r / p;
            for (int j = k; j < nn; j++) {
              p = h[k][j] + q * h[k + 1][j];
              if (notlast) {
                p = p + r * h[k + 2][j];
                h[k + 2][j] = h[k + 2][j] - p * z;
              }
              h[k][j] = h[k][j] - p * x;
              h[k + 1][j] = h[k + 1][j] - p * y;
            }
            for (int i = 0; i <= Math.min(n, k + 3); i++) {
              p = x * h[i][k] + y * h[i][k + 1];
              if (notlast) {
                p = p + z * h[i][k + 2];
                h[i][k + 2] = h[i][k + 2] - p * r;
              }
              h[i][k] = h[i][k] - p;
              h[i][k + 1] = h[i][k + 1] - p * q;
            }
            for (int i = low; i <= high; i++) {
              p = x * v[i][k] + y * v[i][k + 1];
              if (notlast) {
                p = p + z * v[i][k + 2];
                v[i][k + 2] = v[i][k + 2] - p * r;
              }
              v[i][k] = v[i][k] - p;
              v[i][k + 1] = v[i][k + 1] - p * q;
            }
          }
        }
      }
    }
    if (norm == 0) {
      return true;
    }
    // back substitution: the vectors of the upper triangular (quasi-triangular) form
    for (n = nn - 1; n >= 0; n--) {
      p = d[n];
      q = e[n];
      if (q == 0) {
        int l = n;
        h[n][n] = 1;
        for (int i = n - 1; i >= 0; i--) {
          w = h[i][i] - p;
          r = 0;
          for (int j = l; j <= n; j++) {
            r = r + h[i][j] * h[j][n];
          }
          if (e[i] < 0) {
            z = w;
            s = r;
          } else {
            l = i;
            if (e[i] == 0) {
              h[i][n] = w != 0 ? -r / w : -r / (EPS * norm);
            } else {
              x = h[i][i + 1];
              y = h[i + 1][i];
              q = (d[i] - p) * (d[i] - p) + e[i] * e[i];
              t = (x * s - z * r) / q;
              h[i][n] = t;
              h[i + 1][n] = Math.abs(x) > Math.abs(z) ? (-r - w * t) / x : (-s - y * t) / z;
            }
            t = Math.abs(h[i][n]);
            if ((EPS * t) * t > 1) {
              for (int j = i; j <= n; j++) {
                h[j][n] = h[j][n] / t;
              }
            }
          }
        }
      } else if (q < 0) {
        int l = n - 1;
        if (Math.abs(h[n][n - 1]) > Math.abs(h[n - 1][n])) {
          h[n - 1][n - 1] = q / h[n][n - 1];
          h[n - 1][n] = -(h[n][n] - p) / h[n][n - 1];
        } else {
          double[] c = cdiv(0, -h[n - 1][n], h[n - 1][n - 1] - p, q);
          h[n - 1][n - 1] = c[0];
          h[n - 1][n] = c[1];
        }
        h[n][n - 1] = 0;
        h[n][n] = 1;
        for (int i = n - 2; i >= 0; i--) {
          double ra = 0;
          double sa = 0;
          for (int j = l; j <= n; j++) {
            ra = ra + h[i][j] * h[j][n - 1];
            sa = sa + h[i][j] * h[j][n];
          }
          w = h[i][i] - p;
          if (e[i] < 0) {
            z = w;
            r = ra;
            s = sa;
          } else {
            l = i;
            if (e[i] == 0) {
              double[] c = cdiv(-ra, -sa, w, q);
              h[i][n - 1] = c[0];
              h[i][n] = c[1];
            } else {
              x = h[i][i + 1];
              y = h[i + 1][i];
              double vr = (d[i] - p) * (d[i] - p) + e[i] * e[i] - q * q;
              double vi = (d[i] - p) * 2.0 * q;
              if (vr == 0 && vi == 0) {
                vr =
                    EPS
                        * norm
                        * (Math.abs(w) + Math.abs(q) + Math.abs(x) + Math.abs(y) + Math.abs(z));
              }
              double[] c = cdiv(x * r - z * ra + q * sa, x * s - z * sa - q * ra, vr, vi);
              h[i][n - 1] = c[0];
              h[i][n] = c[1];
              if (Math.abs(x) > (Math.abs(z) + Math.abs(q))) {
                h[i + 1][n - 1] = (-ra - w * h[i][n - 1] + q * h[i][n]) / x;
                h[i + 1][n] = (-sa - w * h[i][n] - q * h[i][n - 1]) / x;
              } else {
                double[] c2 = cdiv(-r - y * h[i][n - 1], -s - y * h[i][n], z, q);
                h[i + 1][n - 1] = c2[0];
                h[i + 1][n] = c2[1];
              }
            }
            t = Math.max(Math.abs(h[i][n - 1]), Math.abs(h[i][n]));
            if ((EPS * t) * t > 1) {
              for (int j = i; j <= n; j++) {
                h[j][n - 1] = h[j][n - 1] / t;
                h[j][n] = h[j][n] / t;
              }
            }
          }
        }
      }
    }
    // back to the original matrix's vectors
    for (int j = nn - 1; j >= low; j--) {
      for (int i = low; i <= high; i++) {
        z = 0;
        for (int k = low; k <= Math.min(j, high); k++) {
          z = z + v[i][k] * h[k][j];
        }
        v[i][j] = z;
      }
    }
    return true;
  }
}
