package io.ndj;

/**
 * NumPy's {@code ndarray.flags}: memory layout and ownership of an array. Prints like NumPy.
 *
 * @param cContiguous elements in C order without gaps
 * @param fContiguous elements in Fortran order without gaps
 * @param ownData the array allocated its buffer (it is not a view)
 * @param writeable the array may be assigned to ({@code broadcastTo} views are not)
 */
public record Flags(boolean cContiguous, boolean fContiguous, boolean ownData, boolean writeable) {
  @Override
  public String toString() {
    return "  C_CONTIGUOUS : "
        + py(cContiguous)
        + "\n  F_CONTIGUOUS : "
        + py(fContiguous)
        + "\n  OWNDATA : "
        + py(ownData)
        + "\n  WRITEABLE : "
        + py(writeable);
  }

  private static String py(boolean b) {
    return b ? "True" : "False";
  }
}
