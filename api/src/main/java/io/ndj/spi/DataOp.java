package io.ndj.spi;

/** The kernels that are not elementwise functions or reductions, for capability checks. */
public enum DataOp implements Op {
  FILL("full"),
  ARANGE("arange"),
  /** Strided copy, and cast when dtypes differ ({@code astype}). */
  COPY("copy"),
  WHERE("where"),
  GATHER("take"),
  SCATTER("put"),
  /**
   * Unbuffered in-place accumulation ({@code np.add.at} and the other binary ufuncs' {@code at}).
   */
  ACCUMULATE_AT("at"),
  NONZERO("nonzero"),
  MATMUL("matmul"),
  SORT("sort"),
  ARGSORT("argsort"),
  SEARCHSORTED("searchsorted"),
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
