package io.ndj;

import java.util.Locale;

/**
 * An array could not be allocated: the heap, native memory or the device cannot hold it, even after
 * ndj collected the arrays that were dropped without {@code close()} and the backend gave back the
 * memory it caches. One type for every backend; the message is NumPy's ("Unable to allocate 7.45
 * GiB for an array with shape (1000, 1000, 1000) and data type float64") with the backend named.
 * Nothing was allocated and no array changed; the program may free memory and go on.
 */
public final class NdOutOfMemoryException extends RuntimeException {
  /** The shape of the array asked for. */
  private final Shape shape;

  /** Its dtype. */
  private final DType dtype;

  /** The bytes asked for. */
  private final long bytes;

  /** The backend's name. */
  private final String backend;

  NdOutOfMemoryException(long[] shape, DType dtype, long bytes, String backend, Throwable cause) {
    this("Unable to allocate " + sizeString(bytes) + " for", shape, dtype, bytes, backend, cause);
  }

  /**
   * A kernel's working memory (a sort's keys, a reduction's partials) could not be had for {@code
   * op} on an array of {@code shape} and {@code dtype}; {@link #bytes()} is 0 and the cause says
   * how much the backend asked for.
   */
  NdOutOfMemoryException(String op, long[] shape, DType dtype, String backend, Throwable cause) {
    this("Unable to allocate the working memory of " + op + " on", shape, dtype, 0, backend, cause);
  }

  private NdOutOfMemoryException(
      String what, long[] shape, DType dtype, long bytes, String backend, Throwable cause) {
    super(
        what
            + " an array with shape "
            + Shape.format(shape, ", ")
            + " and data type "
            + dtype
            + " on backend "
            + backend
            + " ("
            + cause.getMessage()
            + ")",
        cause);
    this.shape = Shape.of(shape);
    this.dtype = dtype;
    this.bytes = bytes;
    this.backend = backend;
  }

  /**
   * The shape of the array asked for.
   *
   * @return the shape
   */
  public Shape shape() {
    return shape;
  }

  /**
   * Its dtype.
   *
   * @return the dtype
   */
  public DType dtype() {
    return dtype;
  }

  /**
   * The bytes asked for; 0 where a kernel's working memory ran out (the cause has its size).
   *
   * @return the bytes
   */
  public long bytes() {
    return bytes;
  }

  /**
   * The name of the backend that could not hold it.
   *
   * @return the backend's name
   */
  public String backend() {
    return backend;
  }

  /** NumPy's {@code _size_to_string}: binary units, three significant digits. */
  static String sizeString(long n) {
    String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    int unit = Math.max(63 - Long.numberOfLeadingZeros(n), 1) / 10;
    double v = n / Math.pow(1024, unit);
    if (Math.round(v) == 1024 && unit + 1 < units.length) {
      unit++;
      v /= 1024;
    }
    if (unit == 0) {
      return String.format(Locale.ROOT, "%.0f %s", v, units[0]);
    }
    if (Math.round(v) < 1000) {
      // Python's '{:#.3g}': three significant digits, the point kept ("118." for 117.7)
      java.math.BigDecimal d = new java.math.BigDecimal(v).round(new java.math.MathContext(3));
      int decimals = Math.max(0, 3 - (d.precision() - d.scale()));
      String t = d.setScale(decimals, java.math.RoundingMode.HALF_EVEN).toPlainString();
      return (decimals == 0 ? t + "." : t) + " " + units[unit];
    }
    return String.format(Locale.ROOT, "%.0f. %s", v, units[unit]);
  }
}
