package io.ndj.spi;

/** Cumulative operations for {@link Kernels#scan}. */
public enum ScanOp implements Op {
  /** The kernel behind NumPy's {@code cumsum}. */
  CUMSUM("cumsum"),
  /** The kernel behind NumPy's {@code cumprod}. */
  CUMPROD("cumprod");

  private final String numpyName;

  ScanOp(String numpyName) {
    this.numpyName = numpyName;
  }

  @Override
  public String numpyName() {
    return numpyName;
  }
}
