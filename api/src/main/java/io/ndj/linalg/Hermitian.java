package io.ndj.linalg;

import io.ndj.Nd;
import io.ndj.NdArray;
import io.ndj.Scope;

/**
 * NumPy's {@code hermitian=True} paths of svd, pinv and matrix_rank: the singular values of a
 * Hermitian (real symmetric) matrix are its eigenvalues' magnitudes, so they come from eigh, as
 * NumPy composes them (only the lower triangle is read).
 */
final class Hermitian {
  private Hermitian() {}

  /**
   * NumPy's {@code svd(a, hermitian=True)}: eigh's values by magnitude, descending; U its vectors
   * in that order, Vh = (U times each value's sign) transposed and conjugated.
   */
  static Linalg.SvdResult svd(NdArray a) {
    try (Scope scope = Nd.scope()) {
      Linalg.EighResult e = Linalg.eigh(a);
      NdArray w = e.eigenvalues();
      NdArray magnitudes = w.abs();
      NdArray order = magnitudes.argsort(-1).flip(-1);
      NdArray s = Nd.takeAlongAxis(magnitudes, order, -1);
      NdArray sign = Nd.takeAlongAxis(w.sign(), order, -1);
      NdArray v = e.eigenvectors();
      NdArray columns = order.expandDims(-2).broadcastTo(v.shape().dims());
      NdArray u = Nd.takeAlongAxis(v, columns, -1);
      NdArray vh = u.mul(sign.expandDims(-2).astype(u.dtype())).swapaxes(-1, -2);
      if (vh.dtype().isComplex()) {
        vh = vh.conj();
      }
      return new Linalg.SvdResult(scope.keep(u), scope.keep(s), scope.keep(vh.copy()));
    }
  }

  /** NumPy's {@code svd(a, compute_uv=False, hermitian=True)}: |eigvalsh(a)|, descending. */
  static NdArray values(NdArray a) {
    try (Scope scope = Nd.scope()) {
      NdArray s = Linalg.eigvalsh(a).abs();
      return scope.keep(s.sort(-1).flip(-1).copy());
    }
  }

  /**
   * NumPy's {@code pinv(a, rcond, hermitian=True)}: from the Hermitian SVD of conj(a), values at
   * most rcond times the largest dropped, V diag(1/s) U^T.
   */
  static NdArray pinv(NdArray a, double rcond) {
    try (Scope scope = Nd.scope()) {
      NdArray c = a.dtype().isComplex() ? a.conj() : a;
      Linalg.SvdResult d = svd(c);
      NdArray s = d.s();
      NdArray cutoff = s.max(new int[] {-1}, true).mul(rcond);
      NdArray large = s.gt(cutoff);
      // 1 / s where large, else 0 (NumPy's divide(where=large) then s[~large] = 0); the 1 added
      // where small keeps the division away from zeros, and the product by large is exact
      NdArray inverse = Nd.divide(1.0, s.add(large.logicalNot())).mul(large);
      // u's dtype throughout, so the product is already the result's
      return scope.keep(
          Nd.matmul(
              d.vh().swapaxes(-1, -2),
              inverse.expandDims(-1).astype(d.u().dtype()).mul(d.u().swapaxes(-1, -2))));
    }
  }
}
