package io.ndj.spi;

/** IEEE binary16 conversions shared by backends. */
public final class Float16 {
  private Float16() {}

  /**
   * {@code d} correctly rounded (ties to even) to binary16 bits. Going through {@code (float) d}
   * first would round twice and can be off by one unit in the last place.
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

  public static double toDouble(short bits) {
    return Float.float16ToFloat(bits);
  }
}
