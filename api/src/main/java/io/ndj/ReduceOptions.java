package io.ndj;

import java.util.Arrays;

/**
 * A reduction's keyword arguments, named as in NumPy: {@code x.std(axis=1, ddof=1, keepdims=True)}
 * is {@code x.std(axis(1).ddof(1).keepdims())} with {@code import static io.ndj.Nd.*}, and {@code
 * np.sum(x, dtype=np.float64, keepdims=True)} is {@code x.sum(keepdims().dtype(FLOAT64))}. Start
 * from {@link Nd#axis(int...)}, {@link Nd#keepdims()}, {@link Nd#ddof(int)} or {@link
 * Nd#dtype(DType)}; each method returns a new value (this one is immutable). Unset options take
 * NumPy's defaults: every axis, no kept dims, ddof 0, the reduction's own dtype.
 *
 * <p>A reduction refuses an option NumPy's function does not take, in NumPy's words: {@code
 * x.sum(ddof(1))} throws "sum() got an unexpected keyword argument 'ddof'".
 */
public final class ReduceOptions {
  static final ReduceOptions DEFAULTS = new ReduceOptions(null, false, null, null);

  private final int[] axes;
  private final boolean keepdims;
  private final Integer ddof;
  private final DType dtype;

  private ReduceOptions(int[] axes, boolean keepdims, Integer ddof, DType dtype) {
    this.axes = axes;
    this.keepdims = keepdims;
    this.ddof = ddof;
    this.dtype = dtype;
  }

  /**
   * Reduces over {@code axes} (negative ones count from the end); none at all is NumPy's {@code
   * axis=()}, which reduces nothing.
   *
   * @param axes the axes
   * @return new options
   */
  public ReduceOptions axis(int... axes) {
    return new ReduceOptions(axes.clone(), keepdims, ddof, dtype);
  }

  /**
   * Keeps each reduced axis as length 1, NumPy's {@code keepdims=True}.
   *
   * @return new options
   */
  public ReduceOptions keepdims() {
    return keepdims(true);
  }

  /**
   * NumPy's {@code keepdims=}.
   *
   * @param keep whether reduced axes stay as length 1
   * @return new options
   */
  public ReduceOptions keepdims(boolean keep) {
    return new ReduceOptions(axes, keep, ddof, dtype);
  }

  /**
   * Delta degrees of freedom of var and std: the divisor is {@code n - ddof}.
   *
   * @param ddof the delta
   * @return new options
   */
  public ReduceOptions ddof(int ddof) {
    return new ReduceOptions(axes, keepdims, ddof, dtype);
  }

  /**
   * The dtype to accumulate in and return, NumPy's {@code dtype=}.
   *
   * @param dtype the dtype
   * @return new options
   */
  public ReduceOptions dtype(DType dtype) {
    return new ReduceOptions(axes, keepdims, ddof, java.util.Objects.requireNonNull(dtype));
  }

  /** The axes, or null for every axis. */
  int[] axes() {
    return axes;
  }

  boolean isKeepdims() {
    return keepdims;
  }

  int ddofOrZero() {
    return ddof == null ? 0 : ddof;
  }

  /** The dtype asked for, or null. */
  DType dtypeOrNull() {
    return dtype;
  }

  /**
   * Refuses the options {@code function} does not take ({@code allowsDdof}, {@code allowsDtype}),
   * as Python refuses a keyword argument.
   *
   * @throws IllegalArgumentException "sum() got an unexpected keyword argument 'ddof'"
   */
  ReduceOptions check(String function, boolean allowsDdof, boolean allowsDtype) {
    if (ddof != null && !allowsDdof) {
      throw unexpected(function, "ddof");
    }
    if (dtype != null && !allowsDtype) {
      throw unexpected(function, "dtype");
    }
    return this;
  }

  /**
   * Refuses {@code dtype=} where NumPy takes it but ndj does not compute in it yet (the nan
   * functions).
   *
   * @throws IllegalArgumentException "nansum(dtype=...) is not supported: cast first,
   *     nansum(x.astype(dtype))"
   */
  ReduceOptions noDtype(String function) {
    if (dtype != null) {
      throw new IllegalArgumentException(
          function + "(dtype=...) is not supported: cast first, " + function + "(x.astype(dtype))");
    }
    return this;
  }

  /** The one axis of an arg-reduction, or null for the flattened array. */
  Integer singleAxis(String function) {
    check(function, false, false);
    if (axes == null) {
      return null;
    }
    if (axes.length != 1) {
      throw new IllegalArgumentException("'tuple' object cannot be interpreted as an integer");
    }
    return axes[0];
  }

  private static IllegalArgumentException unexpected(String function, String keyword) {
    return new IllegalArgumentException(
        function + "() got an unexpected keyword argument '" + keyword + "'");
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("(");
    s.append("axis=").append(axes == null ? "None" : Arrays.toString(axes));
    s.append(", keepdims=").append(keepdims ? "True" : "False");
    if (ddof != null) {
      s.append(", ddof=").append(ddof);
    }
    if (dtype != null) {
      s.append(", dtype=").append(dtype);
    }
    return s.append(')').toString();
  }
}
