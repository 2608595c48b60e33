package io.ndj.spi;

/** The kernels that are not elementwise functions or reductions, for capability checks. */
public enum DataOp implements Op {
  /** The kernel behind NumPy's {@code full}. */
  FILL("full"),
  /** The kernel behind NumPy's {@code arange}. */
  ARANGE("arange"),
  /** Strided copy, and cast when dtypes differ ({@code astype}). */
  COPY("copy"),
  /** The kernel behind NumPy's {@code where}. */
  WHERE("where"),
  /** The kernel behind NumPy's {@code take}. */
  GATHER("take"),
  /** The kernel behind NumPy's {@code put}. */
  SCATTER("put"),
  /**
   * Unbuffered in-place accumulation ({@code np.add.at} and the other binary ufuncs' {@code at}).
   */
  ACCUMULATE_AT("at"),
  /** The kernel behind NumPy's {@code nonzero}. */
  NONZERO("nonzero"),
  /** The kernel behind NumPy's {@code matmul}. */
  MATMUL("matmul"),
  /** The kernel behind NumPy's {@code sort}. */
  SORT("sort"),
  /** The kernel behind NumPy's {@code argsort}. */
  ARGSORT("argsort"),
  /** The kernel behind NumPy's {@code searchsorted}. */
  SEARCHSORTED("searchsorted"),
  /** The kernel behind NumPy's {@code random}. */
  RANDOM("random");

  private final String numpyName;

  DataOp(String numpyName) {
    this.numpyName = numpyName;
  }

  @Override
  public String numpyName() {
    return numpyName;
  }
}
