package io.ndj;

/** Axis normalisation with NumPy's messages. */
final class Axes {
  private Axes() {}

  /**
   * @throws IllegalArgumentException "axis 2 is out of bounds for array of dimension 2"
   */
  static int normalize(int axis, int ndim) {
    if (axis < -ndim || axis >= ndim) {
      throw new IllegalArgumentException(
          "axis " + axis + " is out of bounds for array of dimension " + ndim);
    }
    return axis < 0 ? axis + ndim : axis;
  }

  /** Normalised, checked for duplicates; {@code null} means every axis. Result sorted ascending. */
  static int[] normalize(int[] axes, int ndim) {
    if (axes == null) {
      int[] all = new int[ndim];
      for (int i = 0; i < ndim; i++) {
        all[i] = i;
      }
      return all;
    }
    boolean[] seen = new boolean[ndim];
    for (int a : axes) {
      int n = normalize(a, ndim);
      if (seen[n]) {
        throw new IllegalArgumentException("duplicate value in 'axis'");
      }
      seen[n] = true;
    }
    int[] out = new int[axes.length];
    int k = 0;
    for (int i = 0; i < ndim; i++) {
      if (seen[i]) {
        out[k++] = i;
      }
    }
    return out;
  }
}
