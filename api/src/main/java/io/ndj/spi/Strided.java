package io.ndj.spi;

/**
 * Helpers for iterating views of one shape together: dimension coalescing, shared by backends so
 * that each does not rederive it.
 */
public final class Strided {
  private Strided() {}

  /**
   * A shape and per-operand strides with size-1 axes dropped and adjacent axes merged wherever
   * every operand steps through them as one ({@code stride[i] == shape[i+1] * stride[i+1]}).
   * Iterating the result in C order visits the same elements in the same order as the input.
   *
   * @param shape the coalesced shape
   * @param strides for each operand, its strides over the coalesced shape
   */
  public record Layout(long[] shape, long[][] strides) {
    /**
     * The number of axes after coalescing.
     *
     * @return the rank
     */
    public int ndim() {
      return shape.length;
    }

    /**
     * The number of elements.
     *
     * @return the product of the shape
     */
    public long size() {
      long n = 1;
      for (long d : shape) {
        n *= d;
      }
      return n;
    }
  }

  /**
   * The strides of {@code v} read as {@code shape} under NumPy's broadcasting (0 on the axes added
   * in front and on length-1 axes that shape stretches). A view that does not broadcast to shape
   * (an input a fused program never reads, say) gets all-zero strides: it is read nowhere.
   *
   * @param v the view
   * @param shape the shape to read it as
   * @return v's strides as {@code shape}
   */
  public static long[] broadcast(View v, long[] shape) {
    long[] st = new long[shape.length];
    int lead = shape.length - v.ndim();
    if (lead < 0) {
      return st;
    }
    for (int i = 0; i < v.ndim(); i++) {
      long d = v.shape()[i];
      if (d != shape[lead + i] && d != 1) {
        return new long[shape.length];
      }
      st[lead + i] = d == 1 && shape[lead + i] != 1 ? 0 : v.strides()[i];
    }
    return st;
  }

  /**
   * Coalesces {@code shape} with the strides of each operand (all of that shape).
   *
   * @param shape the shared shape
   * @param strides each operand's strides
   * @return the coalesced layout
   */
  public static Layout coalesce(long[] shape, long[]... strides) {
    int k = strides.length;
    long[] sh = new long[shape.length];
    long[][] st = new long[k][shape.length];
    int n = 0;
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] == 1) {
        continue;
      }
      if (n > 0) {
        boolean merge = true;
        for (int o = 0; o < k && merge; o++) {
          merge = st[o][n - 1] == shape[i] * strides[o][i];
        }
        if (merge) {
          sh[n - 1] *= shape[i];
          for (int o = 0; o < k; o++) {
            st[o][n - 1] = strides[o][i];
          }
          continue;
        }
      }
      sh[n] = shape[i];
      for (int o = 0; o < k; o++) {
        st[o][n] = strides[o][i];
      }
      n++;
    }
    long[] rs = java.util.Arrays.copyOf(sh, n);
    long[][] rt = new long[k][];
    for (int o = 0; o < k; o++) {
      rt[o] = java.util.Arrays.copyOf(st[o], n);
    }
    return new Layout(rs, rt);
  }

  /**
   * The axes of {@code in} (and of {@code out}, of the same rank) split into those not in {@code
   * axes} ("kept", with both views' strides) and those in {@code axes} (with in's strides), for
   * reductions, scans and sorts.
   *
   * @param keptShape the shape of the axes not reduced
   * @param keptOut out's strides over those axes
   * @param keptIn in's strides over those axes
   * @param axesShape the shape of the reduced axes
   * @param axesIn in's strides over the reduced axes
   */
  public record Split(
      long[] keptShape, long[] keptOut, long[] keptIn, long[] axesShape, long[] axesIn) {}

  /**
   * Splits the axes of {@code in} and {@code out} by {@code axes} (see {@link Split}).
   *
   * @param out the output view
   * @param in the input view, of out's rank
   * @param axes the axes that are reduced, scanned or sorted
   * @return the split
   */
  public static Split split(View out, View in, int... axes) {
    int nd = in.ndim();
    boolean[] chosen = new boolean[nd];
    for (int a : axes) {
      chosen[a] = true;
    }
    int nc = axes.length;
    Split s =
        new Split(
            new long[nd - nc], new long[nd - nc], new long[nd - nc], new long[nc], new long[nc]);
    for (int i = 0, k = 0, r = 0; i < nd; i++) {
      if (chosen[i]) {
        s.axesShape[r] = in.shape()[i];
        s.axesIn[r++] = in.strides()[i];
      } else {
        s.keptShape[k] = in.shape()[i];
        s.keptOut[k] = out.strides()[i];
        s.keptIn[k++] = in.strides()[i];
      }
    }
    return s;
  }
}
