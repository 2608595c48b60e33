package io.ndj.spi;

/**
 * Reductions for {@link Kernels#reduce}. SUM and PROD accumulate in the output's dtype domain
 * (integers in 64 bits, floats at least in double precision, rounded once at the end); MIN and MAX
 * propagate NaN; ARGMIN and ARGMAX give the first index of the extreme (the first NaN if any) as
 * int64; ANY and ALL give bool.
 */
public enum ReduceOp implements Op {
  /** The kernel behind NumPy's {@code sum}. */
  SUM("sum"),
  /** The kernel behind NumPy's {@code prod}. */
  PROD("prod"),
  /** The kernel behind NumPy's {@code min}. */
  MIN("min"),
  /** The kernel behind NumPy's {@code max}. */
  MAX("max"),
  /** The kernel behind NumPy's {@code argmin}. */
  ARGMIN("argmin"),
  /** The kernel behind NumPy's {@code argmax}. */
  ARGMAX("argmax"),
  /** The kernel behind NumPy's {@code any}. */
  ANY("any"),
  /** The kernel behind NumPy's {@code all}. */
  ALL("all");

  private final String numpyName;

  ReduceOp(String numpyName) {
    this.numpyName = numpyName;
  }

  @Override
  public String numpyName() {
    return numpyName;
  }
}
