package io.ndj.spi;

/** IEEE binary16 conversions shared by backends. */
public final class Float16 {
  private Float16() {}

  /**
   * {@code d} correctly rounded (ties to even) to binary16 bits. Going through {@code (float) d}
   * first would round twice and can be off by one unit in the last place.
   *
   * @param d the value to round
   * @return the binary16 bits
   */
  public static short fromDouble(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return Float.floatToFloat16((float) d);
    }
    int e = Math.getExponent(d);
    double quantum = e < -14 ? 0x1p-24 : Math.scalb(1.0, e - 10);
    double r = Math.rint(d / quantum) * quantum;
    return Float.floatToFloat16((float) r);
  }

  /**
   * The value of binary16 {@code bits}, exactly (every binary16 value is a double).
   *
   * @param bits the binary16 bits
   * @return the value
   */
  public static double toDouble(short bits) {
    return Float.float16ToFloat(bits);
  }
}
