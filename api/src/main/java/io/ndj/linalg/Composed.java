package io.ndj.linalg;

import io.ndj.Nd;
import io.ndj.NdArray;
import io.ndj.Scope;

/** matrix_power and multi_dot: matmuls on the operands' backend, as NumPy composes them. */
final class Composed {
  private Composed() {}

  static NdArray matrixPower(NdArray a, long n) {
    Linalg.stackedSquare(a);
    long[] shape = a.shape().dims();
    long m = shape[shape.length - 1];
    try (Scope scope = Nd.scope()) {
      if (n == 0) {
        NdArray eye = a.backend().eye(m, m, 0, a.dtype());
        return scope.keep(eye.broadcastTo(shape).copy());
      }
      NdArray base = n < 0 ? Linalg.inv(a) : a;
      long left = n < 0 ? -n : n; // read unsigned: -Long.MIN_VALUE is 2^63
      NdArray result = null;
      NdArray z = null;
      while (left != 0) {
        z = z == null ? base : Nd.matmul(z, z);
        if ((left & 1) == 1) {
          result = result == null ? z : Nd.matmul(result, z);
        }
        left >>>= 1;
      }
      return scope.keep(result == a ? a.copy() : result);
    }
  }

  static NdArray multiDot(NdArray[] arrays) {
    int n = arrays.length;
    if (n < 2) {
      throw new IllegalArgumentException("Expecting at least two arrays.");
    }
    if (n == 2) {
      return Nd.dot(arrays[0], arrays[1]);
    }
    try (Scope scope = Nd.scope()) {
      NdArray[] m = arrays.clone();
      boolean firstVector = m[0].ndim() == 1;
      boolean lastVector = m[n - 1].ndim() == 1;
      if (firstVector) {
        m[0] = m[0].reshape(1, m[0].size());
      }
      if (lastVector) {
        m[n - 1] = m[n - 1].reshape(m[n - 1].size(), 1);
      }
      for (NdArray x : m) {
        Linalg.exactly2d(x);
      }
      long[] p = new long[n + 1];
      for (int i = 0; i < n; i++) {
        p[i] = m[i].shape().dims()[0];
      }
      p[n] = m[n - 1].shape().dims()[1];
      NdArray r = chain(m, order(p), 0, n - 1);
      if (firstVector && lastVector) {
        r = r.reshape();
      } else if (firstVector || lastVector) {
        r = r.ravel();
      }
      return scope.keep(r);
    }
  }

  /** The least-cost split of each run of the chain, by dynamic programming over dimensions p. */
  private static int[][] order(long[] p) {
    int n = p.length - 1;
    double[][] cost = new double[n][n];
    int[][] split = new int[n][n];
    for (int len = 1; len < n; len++) {
      for (int i = 0; i + len < n; i++) {
        int j = i + len;
        cost[i][j] = Double.POSITIVE_INFINITY;
        for (int k = i; k < j; k++) {
          double q = cost[i][k] + cost[k + 1][j] + (double) p[i] * p[k + 1] * p[j + 1];
          if (q < cost[i][j]) {
            cost[i][j] = q;
            split[i][j] = k;
          }
        }
      }
    }
    return split;
  }

  private static NdArray chain(NdArray[] m, int[][] split, int i, int j) {
    if (i == j) {
      return m[i];
    }
    return Nd.dot(chain(m, split, i, split[i][j]), chain(m, split, split[i][j] + 1, j));
  }
}
