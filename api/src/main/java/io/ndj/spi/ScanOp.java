package io.ndj.spi;

/** Cumulative operations for {@link Kernels#scan}. */
public enum ScanOp implements Op {
  CUMSUM("cumsum"),
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
