package io.ndj.linalg;

import io.ndj.DType;
import io.ndj.Nd;
import io.ndj.NdArray;
import io.ndj.Scope;

/**
 * matrix_power, multi_dot, vecdot, cross, tensorsolve, tensorinv and matrix_transpose: the
 * operands' own backend ops (matmuls, products and sums, views), as NumPy composes them.
 */
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

  /** The gufunc's words for an operand's axis: normalized against that operand's dimensions. */
  private static int coreAxis(NdArray x, int operand, int axis) {
    int nd = x.ndim();
    if (nd == 0) {
      throw new IllegalArgumentException(
          "vecdot: Input operand "
              + operand
              + " does not have enough dimensions (has 0, gufunc core with signature (n),(n)->()"
              + " requires 1)");
    }
    return Norms.normalize(axis, nd);
  }

  static NdArray vecdot(NdArray x1, NdArray x2, int axis) {
    int a1 = coreAxis(x1, 0, axis);
    int a2 = coreAxis(x2, 1, axis);
    long n1 = x1.shape().dims()[a1];
    long n2 = x2.shape().dims()[a2];
    if (n1 != n2) {
      throw new IllegalArgumentException(
          "vecdot: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature"
              + " (n),(n)->() (size "
              + n2
              + " is different from "
              + n1
              + ")");
    }
    try (Scope scope = Nd.scope()) {
      NdArray a = x1.moveaxis(a1, -1);
      NdArray b = x2.moveaxis(a2, -1);
      if (a.dtype() == DType.BOOL && b.dtype() == DType.BOOL) {
        return scope.keep(a.logicalAnd(b).any(-1));
      }
      NdArray products = (a.dtype().isComplex() ? a.conj() : a).mul(b);
      // the gufunc adds in the operands' dtype (int8 stays int8), where sum widens small ints
      return scope.keep(products.sum(new int[] {-1}, false, products.dtype()));
    }
  }

  static NdArray cross(NdArray x1, NdArray x2, int axis) {
    long n1 = x1.shape().dims()[Norms.normalize(axis, x1.ndim())];
    long n2 = x2.shape().dims()[Norms.normalize(axis, x2.ndim())];
    if (n1 != 3 || n2 != 3) {
      throw new IllegalArgumentException(
          "Both input arrays must be (arrays of) 3-dimensional vectors, but they are "
              + n1
              + " and "
              + n2
              + " dimensional instead.");
    }
    try (Scope scope = Nd.scope()) {
      NdArray a = x1.moveaxis(axis, -1);
      NdArray b = x2.moveaxis(axis, -1);
      NdArray[] u = {a.get("..., 0"), a.get("..., 1"), a.get("..., 2")};
      NdArray[] v = {b.get("..., 0"), b.get("..., 1"), b.get("..., 2")};
      // NumPy's order: each product rounded, then the difference (a1 b2 - a2 b1, ...)
      java.util.List<NdArray> c =
          java.util.List.of(
              u[1].mul(v[2]).subtract(u[2].mul(v[1])),
              u[2].mul(v[0]).subtract(u[0].mul(v[2])),
              u[0].mul(v[1]).subtract(u[1].mul(v[0])));
      NdArray out = Nd.stack(c, -1);
      int nd = out.ndim();
      return scope.keep(out.moveaxis(-1, Norms.normalize(axis, nd)).copy());
    }
  }

  static NdArray tensorsolve(NdArray a, NdArray b, int[] axes) {
    try (Scope scope = Nd.scope()) {
      NdArray m = a;
      int an = a.ndim();
      if (axes != null) {
        java.util.List<Integer> all = new java.util.ArrayList<>();
        for (int i = 0; i < an; i++) {
          all.add(i);
        }
        for (int k : axes) {
          Integer ax = Norms.normalize(k, an);
          all.remove(ax);
          all.add(ax);
        }
        m = a.transpose(all.stream().mapToInt(Integer::intValue).toArray());
      }
      long[] shape = m.shape().dims();
      int bn = b.ndim();
      // NumPy's a.shape[-(an - bn):], Python's slice: the whole shape where an == bn
      int d = an - bn;
      long[] old =
          java.util.Arrays.copyOfRange(shape, d > 0 ? bn : d == 0 ? 0 : Math.min(-d, an), an);
      long prod = 1;
      for (long k : old) {
        prod *= k;
      }
      if (m.size() != prod * prod) {
        throw new LinAlgError(
            "Input arrays must satisfy the requirement            "
                + " prod(a.shape[b.ndim:]) == prod(a.shape[:b.ndim])");
      }
      NdArray x = Linalg.solve(m.reshape(prod, prod), b.ravel());
      return scope.keep(x.reshape(old));
    }
  }

  static NdArray tensorinv(NdArray a, int ind) {
    if (ind <= 0) {
      throw new IllegalArgumentException("Invalid ind argument.");
    }
    long[] shape = a.shape().dims();
    int k = Math.min(ind, shape.length);
    long[] inverse = new long[shape.length];
    System.arraycopy(shape, k, inverse, 0, shape.length - k);
    System.arraycopy(shape, 0, inverse, shape.length - k, k);
    long prod = 1;
    for (int i = k; i < shape.length; i++) {
      prod *= shape[i];
    }
    try (Scope scope = Nd.scope()) {
      long rows = prod;
      long cols = prod == 0 ? 0 : a.size() / prod;
      NdArray inv = Linalg.inv(a.reshape(rows, cols));
      return scope.keep(inv.reshape(inverse));
    }
  }

  static NdArray matrixTranspose(NdArray x) {
    if (x.ndim() < 2) {
      throw new IllegalArgumentException(
          "Input array must be at least 2-dimensional, but it is " + x.ndim());
    }
    return x.swapaxes(-1, -2);
  }
}
