package io.ndj;

/** Python's and NumPy's {@code str()} of one complex scalar. */
final class ComplexFormat {
  private ComplexFormat() {}

  /**
   * {@code str(numpy.complex128(re + im*1j))} (or complex64's): {@code (1+2j)}, {@code 1j} when the
   * real part is +0, {@code (nan+nanj)}; each part printed as the float scalar of the component
   * type, without a trailing {@code .0}.
   */
  static String scalar(double re, double im, DType t) {
    DType part = t.componentType();
    if (re == 0 && !FloatFormat.negative(re)) {
      return part(im, part) + "j";
    }
    String i = part(im, part);
    return "(" + part(re, part) + (i.startsWith("-") ? "" : "+") + i + "j)";
  }

  private static String part(double x, DType t) {
    String s = FloatFormat.scalar(x, t);
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }
}
