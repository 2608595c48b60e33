package io.ndj.cpu.linalg;

import io.ndj.cpu.gemm.VectorGemm;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The reductions' row kernels, each a dot product fused with an update of the same row (one read of
 * the row for both), in the Vector API's lanes where the module is present and in plain loops
 * otherwise. The lanes sum in another order than the loop: rounding, not results, differs.
 */
final class Lanes {
  private Lanes() {}

  private static final boolean VECTOR = VectorGemm.available();

  /**
   * {@code y[yo + j] += a[ao + j] * s} for j in [0, len), and returns {@code Σ a[ao + j] x[xo +
   * j]}: one row of a symmetric product read from one triangle.
   */
  static double dotAxpy(
      double[] a, int ao, double[] x, int xo, double[] y, int yo, double s, int len) {
    if (VECTOR) {
      return Impl.dotAxpy(a, ao, x, xo, y, yo, s, len);
    }
    double t0 = 0;
    double t1 = 0;
    int j = 0;
    for (; j + 1 < len; j += 2) {
      double b0 = a[ao + j];
      double b1 = a[ao + j + 1];
      t0 += b0 * x[xo + j];
      t1 += b1 * x[xo + j + 1];
      y[yo + j] += b0 * s;
      y[yo + j + 1] += b1 * s;
    }
    for (; j < len; j++) {
      t0 += a[ao + j] * x[xo + j];
      y[yo + j] += a[ao + j] * s;
    }
    return t0 + t1;
  }

  /**
   * {@code a[ao + j] -= f * p[po + j]} for j in [0, len), and returns {@code Σ a[ao + j] w[wo + j]}
   * of the updated row.
   */
  static double updateDot(
      double[] a, int ao, double f, double[] p, int po, double[] w, int wo, int len) {
    if (VECTOR) {
      return Impl.updateDot(a, ao, f, p, po, w, wo, len);
    }
    double dot = 0;
    for (int j = 0; j < len; j++) {
      double x = a[ao + j] - f * p[po + j];
      a[ao + j] = x;
      dot += x * w[wo + j];
    }
    return dot;
  }

  /**
   * {@code a[ao + j] -= g * w[wo + j]} and then {@code acc[co + j] += v * a[ao + j]} for j in [0,
   * len).
   */
  static void updateAxpy(
      double[] a, int ao, double g, double[] w, int wo, double[] acc, int co, double v, int len) {
    if (VECTOR) {
      Impl.updateAxpy(a, ao, g, w, wo, acc, co, v, len);
      return;
    }
    for (int j = 0; j < len; j++) {
      double x = a[ao + j] - g * w[wo + j];
      a[ao + j] = x;
      acc[co + j] += v * x;
    }
  }

  /** Holds the vector code, so that the class loads without the module. */
  private static final class Impl {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    static double dotAxpy(
        double[] a, int ao, double[] x, int xo, double[] y, int yo, double s, int len) {
      DoubleVector acc = DoubleVector.zero(S);
      DoubleVector sv = DoubleVector.broadcast(S, s);
      int j = 0;
      for (int end = S.loopBound(len); j < end; j += L) {
        DoubleVector b = DoubleVector.fromArray(S, a, ao + j);
        acc = b.fma(DoubleVector.fromArray(S, x, xo + j), acc);
        b.fma(sv, DoubleVector.fromArray(S, y, yo + j)).intoArray(y, yo + j);
      }
      double t = VectorGemm.sumInLaneOrder(acc);
      for (; j < len; j++) {
        t += a[ao + j] * x[xo + j];
        y[yo + j] += a[ao + j] * s;
      }
      return t;
    }

    static double updateDot(
        double[] a, int ao, double f, double[] p, int po, double[] w, int wo, int len) {
      DoubleVector acc = DoubleVector.zero(S);
      DoubleVector fv = DoubleVector.broadcast(S, -f);
      int j = 0;
      for (int end = S.loopBound(len); j < end; j += L) {
        DoubleVector x =
            DoubleVector.fromArray(S, p, po + j).fma(fv, DoubleVector.fromArray(S, a, ao + j));
        x.intoArray(a, ao + j);
        acc = x.fma(DoubleVector.fromArray(S, w, wo + j), acc);
      }
      double dot = VectorGemm.sumInLaneOrder(acc);
      for (; j < len; j++) {
        double x = a[ao + j] - f * p[po + j];
        a[ao + j] = x;
        dot += x * w[wo + j];
      }
      return dot;
    }

    static void updateAxpy(
        double[] a, int ao, double g, double[] w, int wo, double[] acc, int co, double v, int len) {
      DoubleVector gv = DoubleVector.broadcast(S, -g);
      DoubleVector vv = DoubleVector.broadcast(S, v);
      int j = 0;
      for (int end = S.loopBound(len); j < end; j += L) {
        DoubleVector x =
            DoubleVector.fromArray(S, w, wo + j).fma(gv, DoubleVector.fromArray(S, a, ao + j));
        x.intoArray(a, ao + j);
        x.fma(vv, DoubleVector.fromArray(S, acc, co + j)).intoArray(acc, co + j);
      }
      for (; j < len; j++) {
        double x = a[ao + j] - g * w[wo + j];
        a[ao + j] = x;
        acc[co + j] += v * x;
      }
    }
  }
}
