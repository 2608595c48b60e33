package io.ndj;

/**
 * A complex number: Python's {@code complex}, as a Java scalar. Like a Python complex it is a weak
 * scalar (NEP 50): {@code float32Array.add(Complex.of(1, 2))} is complex64, {@code
 * int32Array.mul(Complex.I)} is complex128. It is a {@link Number} so that it goes wherever ndj
 * takes a number ({@code add}, {@code full}, {@code set}); its {@code doubleValue()} is the real
 * part, as NumPy's cast of a complex to float (which drops the imaginary part).
 *
 * <p>{@link #toString()} prints as Python's {@code str(complex)}: {@code (1+2j)}, {@code 1j},
 * {@code (nan+nanj)}.
 */
public final class Complex extends Number {
  /** The imaginary unit, Python's {@code 1j}. */
  public static final Complex I = new Complex(0, 1);

  /** The real part. */
  private final double re;

  /** The imaginary part. */
  private final double im;

  private Complex(double re, double im) {
    this.re = re;
    this.im = im;
  }

  /**
   * {@code re + im*1j}.
   *
   * @param re the real part
   * @param im the imaginary part
   * @return the complex number
   */
  public static Complex of(double re, double im) {
    return new Complex(re, im);
  }

  /**
   * The real part.
   *
   * @return the real part
   */
  public double re() {
    return re;
  }

  /**
   * The imaginary part.
   *
   * @return the imaginary part
   */
  public double im() {
    return im;
  }

  /** The real part (a complex cast to float drops the imaginary part, as in NumPy). */
  @Override
  public double doubleValue() {
    return re;
  }

  /** The real part, rounded to float. */
  @Override
  public float floatValue() {
    return (float) re;
  }

  /** The real part, truncated. */
  @Override
  public long longValue() {
    return (long) re;
  }

  /** The real part, truncated. */
  @Override
  public int intValue() {
    return (int) re;
  }

  /**
   * Equal parts, compared as {@link Double#equals} compares them (NaN equals NaN, -0.0 not 0.0).
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof Complex c
        && Double.doubleToLongBits(re) == Double.doubleToLongBits(c.re)
        && Double.doubleToLongBits(im) == Double.doubleToLongBits(c.im);
  }

  @Override
  public int hashCode() {
    return Double.hashCode(re) * 31 + Double.hashCode(im);
  }

  /** Python's {@code str(complex(re, im))}. */
  @Override
  public String toString() {
    return ComplexFormat.scalar(re, im, DType.COMPLEX128);
  }
}
