package io.ndj;

import io.ndj.spi.BinaryOp;
import io.ndj.spi.ReduceOp;
import io.ndj.spi.ScanOp;
import java.util.ArrayList;
import java.util.List;

/**
 * A binary ufunc and NumPy's methods on it: {@code BinaryUfunc.ADD.reduce(x, 0)} is {@code
 * np.add.reduce(x, 0)}, {@code BinaryUfunc.MAXIMUM.accumulate(x, 0)} is {@code
 * np.maximum.accumulate(x, 0)}, {@code BinaryUfunc.MULTIPLY.outer(a, b)} is {@code
 * np.multiply.outer(a, b)}, and {@code reduceat} likewise. Results take NumPy's dtypes (add and
 * multiply of bools and integers in int64, the rest in the ufunc's loop dtype) and NumPy's errors
 * (no identity for an empty reduction, at most one axis for an operation that is not reorderable,
 * no loop for a comparison over integers).
 *
 * <p>Everything runs on the operands' backend: add, multiply, maximum and minimum on its reduction
 * and scan kernels; exact associative operations (fmax, fmin, the bitwise ones, gcd) in log2(n)
 * passes of the ufunc over halves; the others (subtract, divide, hypot, power, ...) one step per
 * element along the axis, in NumPy's order, so their rounding is NumPy's.
 */
public final class BinaryUfunc {
  /** NumPy's {@code np.add} ufunc. */
  public static final BinaryUfunc ADD = new BinaryUfunc(BinaryOp.ADD);

  /** NumPy's {@code np.subtract} ufunc. */
  public static final BinaryUfunc SUBTRACT = new BinaryUfunc(BinaryOp.SUBTRACT);

  /** NumPy's {@code np.multiply} ufunc. */
  public static final BinaryUfunc MULTIPLY = new BinaryUfunc(BinaryOp.MULTIPLY);

  /** NumPy's {@code np.divide} ufunc. */
  public static final BinaryUfunc DIVIDE = new BinaryUfunc(BinaryOp.DIVIDE);

  /** NumPy's {@code np.floor_divide} ufunc. */
  public static final BinaryUfunc FLOOR_DIVIDE = new BinaryUfunc(BinaryOp.FLOOR_DIVIDE);

  /** NumPy's {@code np.remainder} ufunc. */
  public static final BinaryUfunc REMAINDER = new BinaryUfunc(BinaryOp.MOD);

  /** NumPy's {@code np.power} ufunc. */
  public static final BinaryUfunc POWER = new BinaryUfunc(BinaryOp.POWER);

  /** NumPy's {@code np.arctan2} ufunc. */
  public static final BinaryUfunc ARCTAN2 = new BinaryUfunc(BinaryOp.ARCTAN2);

  /** NumPy's {@code np.hypot} ufunc. */
  public static final BinaryUfunc HYPOT = new BinaryUfunc(BinaryOp.HYPOT);

  /** NumPy's {@code np.maximum} ufunc. */
  public static final BinaryUfunc MAXIMUM = new BinaryUfunc(BinaryOp.MAXIMUM);

  /** NumPy's {@code np.minimum} ufunc. */
  public static final BinaryUfunc MINIMUM = new BinaryUfunc(BinaryOp.MINIMUM);

  /** NumPy's {@code np.fmax} ufunc. */
  public static final BinaryUfunc FMAX = new BinaryUfunc(BinaryOp.FMAX);

  /** NumPy's {@code np.fmin} ufunc. */
  public static final BinaryUfunc FMIN = new BinaryUfunc(BinaryOp.FMIN);

  /** NumPy's {@code np.bitwise_and} ufunc. */
  public static final BinaryUfunc BITWISE_AND = new BinaryUfunc(BinaryOp.BITWISE_AND);

  /** NumPy's {@code np.bitwise_or} ufunc. */
  public static final BinaryUfunc BITWISE_OR = new BinaryUfunc(BinaryOp.BITWISE_OR);

  /** NumPy's {@code np.bitwise_xor} ufunc. */
  public static final BinaryUfunc BITWISE_XOR = new BinaryUfunc(BinaryOp.BITWISE_XOR);

  /** NumPy's {@code np.left_shift} ufunc. */
  public static final BinaryUfunc LEFT_SHIFT = new BinaryUfunc(BinaryOp.LEFT_SHIFT);

  /** NumPy's {@code np.right_shift} ufunc. */
  public static final BinaryUfunc RIGHT_SHIFT = new BinaryUfunc(BinaryOp.RIGHT_SHIFT);

  /** NumPy's {@code np.equal} ufunc. */
  public static final BinaryUfunc EQUAL = new BinaryUfunc(BinaryOp.EQUAL);

  /** NumPy's {@code np.not_equal} ufunc. */
  public static final BinaryUfunc NOT_EQUAL = new BinaryUfunc(BinaryOp.NOT_EQUAL);

  /** NumPy's {@code np.less} ufunc. */
  public static final BinaryUfunc LESS = new BinaryUfunc(BinaryOp.LESS);

  /** NumPy's {@code np.less_equal} ufunc. */
  public static final BinaryUfunc LESS_EQUAL = new BinaryUfunc(BinaryOp.LESS_EQUAL);

  /** NumPy's {@code np.greater} ufunc. */
  public static final BinaryUfunc GREATER = new BinaryUfunc(BinaryOp.GREATER);

  /** NumPy's {@code np.greater_equal} ufunc. */
  public static final BinaryUfunc GREATER_EQUAL = new BinaryUfunc(BinaryOp.GREATER_EQUAL);

  /** NumPy's {@code np.copysign} ufunc. */
  public static final BinaryUfunc COPYSIGN = new BinaryUfunc(BinaryOp.COPYSIGN);

  /** NumPy's {@code np.nextafter} ufunc. */
  public static final BinaryUfunc NEXTAFTER = new BinaryUfunc(BinaryOp.NEXTAFTER);

  /** NumPy's {@code np.fmod} ufunc. */
  public static final BinaryUfunc FMOD = new BinaryUfunc(BinaryOp.FMOD);

  /** NumPy's {@code np.gcd} ufunc. */
  public static final BinaryUfunc GCD = new BinaryUfunc(BinaryOp.GCD);

  /** NumPy's {@code np.lcm} ufunc. */
  public static final BinaryUfunc LCM = new BinaryUfunc(BinaryOp.LCM);

  private static final BinaryUfunc[] ALL = {
    ADD,
    SUBTRACT,
    MULTIPLY,
    DIVIDE,
    FLOOR_DIVIDE,
    REMAINDER,
    POWER,
    ARCTAN2,
    HYPOT,
    MAXIMUM,
    MINIMUM,
    FMAX,
    FMIN,
    BITWISE_AND,
    BITWISE_OR,
    BITWISE_XOR,
    LEFT_SHIFT,
    RIGHT_SHIFT,
    EQUAL,
    NOT_EQUAL,
    LESS,
    LESS_EQUAL,
    GREATER,
    GREATER_EQUAL,
    COPYSIGN,
    NEXTAFTER,
    FMOD,
    GCD,
    LCM
  };

  private final BinaryOp op;

  private BinaryUfunc(BinaryOp op) {
    this.op = op;
  }

  /**
   * The ufunc of NumPy's name ("add", "maximum", "bitwise_xor", ...).
   *
   * @param numpyName NumPy's name of the ufunc
   * @return the ufunc
   * @throws IllegalArgumentException for a name that is not one
   */
  public static BinaryUfunc of(String numpyName) {
    for (BinaryUfunc u : ALL) {
      if (u.name().equals(numpyName)) {
        return u;
      }
    }
    throw new IllegalArgumentException("no binary ufunc named '" + numpyName + "'");
  }

  /**
   * NumPy's name.
   *
   * @return NumPy's name of the ufunc
   */
  public String name() {
    return op.numpyName();
  }

  @Override
  public String toString() {
    return "<ufunc '" + name() + "'>";
  }

  /**
   * The ufunc itself on a and b, broadcast: {@code np.add(a, b)}.
   *
   * @param a the first operand
   * @param b the second operand, broadcast against the first
   * @return a new array of the broadcast shape and the promoted dtype
   */
  public NdArray apply(NdArray a, NdArray b) {
    return Ufunc.binary(op, a, b);
  }

  /**
   * The ufunc on an array and a Java number (a weak scalar): {@code np.add(a, 2)}.
   *
   * @param a the first operand
   * @param b the second operand, broadcast against the first
   * @return a new array of a's shape
   */
  public NdArray apply(NdArray a, Number b) {
    return Ufunc.binary(op, a, b, false);
  }

  /**
   * The ufunc on a Java number (a weak scalar) and an array: {@code np.subtract(2, b)}.
   *
   * @param a the first operand
   * @param b the second operand, broadcast against the first
   * @return a new array of b's shape
   */
  public NdArray apply(Number a, NdArray b) {
    return Ufunc.binary(op, b, a, true);
  }

  /**
   * NumPy's {@code np.add(a, b, out=out)}: the result, computed in the dtype {@link #apply(NdArray,
   * NdArray)} gives, is cast into {@code out} under NumPy's 'same_kind' rule; a and b broadcast to
   * out's shape (out is never broadcast). An operand that shares memory with out is read before out
   * is written. Modifies {@code out} only, and returns it.
   *
   * @param a the first operand
   * @param b the second operand, broadcast against the first
   * @param out the array that receives the result
   * @return {@code out}
   * @throws IllegalArgumentException "output array is read-only", "Cannot cast ufunc 'add' output
   *     from dtype('float64') to dtype('int64') with casting rule 'same_kind'", "non-broadcastable
   *     output operand with shape (3,1) doesn't match the broadcast shape (3,4)", and the errors of
   *     {@link #apply(NdArray, NdArray)}; out is unchanged when one is thrown
   */
  public NdArray apply(NdArray a, NdArray b, NdArray out) {
    return Ufunc.binary(op, a, b, java.util.Objects.requireNonNull(out, "out"));
  }

  /**
   * {@link #apply(NdArray, NdArray, NdArray)} with a Java number as b.
   *
   * @param a the first operand
   * @param b the second operand, broadcast against the first
   * @param out the array that receives the result
   * @return {@code out}
   */
  public NdArray apply(NdArray a, Number b, NdArray out) {
    return Ufunc.binary(op, a, b, false, java.util.Objects.requireNonNull(out, "out"));
  }

  /**
   * {@link #apply(NdArray, NdArray, NdArray)} with a Java number as a.
   *
   * @param a the first operand
   * @param b the second operand, broadcast against the first
   * @param out the array that receives the result
   * @return {@code out}
   */
  public NdArray apply(Number a, NdArray b, NdArray out) {
    return Ufunc.binary(op, b, a, true, java.util.Objects.requireNonNull(out, "out"));
  }

  /**
   * The ufunc on every pair of elements: result shape a.shape + b.shape ({@code np.add.outer}).
   *
   * @param a the first operand
   * @param b the second operand, broadcast against the first
   * @return a new array of shape a.shape + b.shape
   */
  public NdArray outer(NdArray a, NdArray b) {
    long[] shape = java.util.Arrays.copyOf(a.shape, a.ndim() + b.ndim());
    java.util.Arrays.fill(shape, a.ndim(), shape.length, 1);
    try (NdArray column = a.reshape(shape)) {
      return apply(column, b);
    }
  }

  /**
   * The operations whose order of application does not change the result (NumPy lets them fold over
   * several axes).
   */
  private boolean reorderable() {
    return switch (op) {
      case ADD,
          MULTIPLY,
          HYPOT,
          MAXIMUM,
          MINIMUM,
          FMAX,
          FMIN,
          BITWISE_AND,
          BITWISE_OR,
          BITWISE_XOR,
          GCD ->
          true;
      default -> false;
    };
  }

  /** Exact and associative on every dtype it takes: folded over halves, in log2(n) passes. */
  private boolean exact() {
    return switch (op) {
      case MAXIMUM, MINIMUM, FMAX, FMIN, BITWISE_AND, BITWISE_OR, BITWISE_XOR, GCD -> true;
      default -> false;
    };
  }

  /** NumPy's identity of the ufunc, or null. */
  private Number identity() {
    return switch (op) {
      case ADD, HYPOT, BITWISE_OR, BITWISE_XOR, GCD -> 0L;
      case MULTIPLY -> 1L;
      case BITWISE_AND -> -1L;
      default -> null;
    };
  }

  /**
   * The dtype a reduction runs and returns in: the loop dtype of (t, t), which must also be what
   * the loop returns.
   */
  private DType reductionType(DType t) {
    if (op == BinaryOp.ADD || op == BinaryOp.MULTIPLY) {
      return t.accumulator();
    }
    if (op == BinaryOp.GCD || op == BinaryOp.LCM) {
      if (!t.isInteger()) {
        throw new IllegalArgumentException(
            "ufunc '"
                + name()
                + "' did not contain a loop with signature matching types (None, "
                + Ufunc.dtypeClass(t)
                + ") -> None");
      }
      return t;
    }
    DType loop = op.isFloatOnly() ? t.floatLoop() : Ufunc.loop(op, t);
    Ufunc.checkLoop(op, loop);
    if (op.isComparison() && loop != DType.BOOL) {
      throw new IllegalArgumentException(
          "No loop matching the specified signature and casting was found for ufunc " + name());
    }
    return loop;
  }

  /**
   * {@code np.add.reduce(x)}: over axis 0.
   *
   * @param x the input array
   * @return the reduction, with x's shape less its first axis
   */
  public NdArray reduce(NdArray x) {
    return reduce(x, new int[] {0}, false);
  }

  /**
   * {@code np.add.reduce(x, axis)}.
   *
   * @param x the input array
   * @param axis the axis to reduce; negative counts from the end
   * @return the reduction, with x's shape less that axis
   */
  public NdArray reduce(NdArray x, int axis) {
    return reduce(x, new int[] {axis}, false);
  }

  /**
   * {@code np.add.reduce(x, axis, keepdims=keepdims)}: {@code axes} null for every axis.
   *
   * @param x the input array
   * @param axes the axes to reduce, or {@code null} for all of them
   * @param keepdims keep each reduced axis in the result as a dimension of length 1
   * @return the reduction
   * @throws IllegalArgumentException "zero-size array to reduction operation subtract which has no
   *     identity", "reduction operation 'subtract' is not reorderable, so at most one axis may be
   *     specified", and the ufunc's own dtype errors
   */
  public NdArray reduce(NdArray x, int[] axes, boolean keepdims) {
    x.ensureOpen();
    if (op == BinaryOp.LDEXP) {
      throw new UnsupportedOperationException("ldexp.reduce is not supported");
    }
    DType t = reductionType(x.dtype);
    if (x.ndim() == 0) {
      return x.astype(t);
    }
    int[] ax = Axes.normalize(axes, x.ndim());
    if (ax.length > 1 && !reorderable()) {
      throw new IllegalArgumentException(
          "reduction operation '"
              + name()
              + "' is not reorderable, so at most one axis may be specified");
    }
    switch (op) {
      case ADD, MULTIPLY, MAXIMUM, MINIMUM -> {
        ReduceOp r =
            switch (op) {
              case ADD -> ReduceOp.SUM;
              case MULTIPLY -> ReduceOp.PROD;
              case MAXIMUM -> ReduceOp.MAX;
              default -> ReduceOp.MIN;
            };
        // an empty maximum or minimum raises NumPy's "no identity" there
        return Reductions.reduce(r, x, ax, keepdims, null);
      }
      default -> {}
    }
    try (Scope scope = new Scope()) {
      NdArray r = x.astype(t);
      for (int i = ax.length - 1; i >= 0; i--) {
        r = fold(r, ax[i], t);
      }
      if (!keepdims) {
        r = Views.squeeze(r, ax);
      }
      return scope.keep(r);
    }
  }

  private IllegalArgumentException noIdentity() {
    return new IllegalArgumentException(
        "zero-size array to reduction operation " + name() + " which has no identity");
  }

  /** x (already of dtype t) reduced over {@code axis}, kept as a length-1 axis. */
  private NdArray fold(NdArray x, int axis, DType t) {
    long n = x.shape[axis];
    long[] kept = x.shape.clone();
    kept[axis] = 1;
    if (n == 0) {
      Number id = identity();
      if (id == null) {
        throw noIdentity();
      }
      return x.backend().full(t.isBool() ? (Number) (id.longValue() != 0 ? 1L : 0L) : id, t, kept);
    }
    NdArray y = x.moveaxis(axis, 0);
    NdArray r;
    if (exact()) {
      r = y;
      while (r.shape[0] > 1) {
        long half = r.shape[0] / 2;
        NdArray paired = apply(r.get(Index.slice(0, half)), r.get(Index.slice(half, 2 * half)));
        r =
            r.shape[0] % 2 == 0
                ? paired
                : Joins.concatenate(
                    new NdArray[] {paired, r.get(Index.slice(2 * half, r.shape[0]))}, 0);
      }
      r = r.get(Index.at(0));
    } else {
      r = y.get(Index.at(0));
      for (long i = 1; i < n; i++) {
        r = apply(r, y.get(Index.at(i))); // NumPy's order, so its rounding
      }
      if (r.dtype != t) {
        r = r.astype(t);
      }
    }
    return r.reshape(kept);
  }

  /**
   * {@code np.add.accumulate(x)}: over axis 0.
   *
   * @param x the input array
   * @return an array of x's shape
   */
  public NdArray accumulate(NdArray x) {
    return accumulate(x, 0);
  }

  /**
   * {@code np.add.accumulate(x, axis)}: element i along the axis is the ufunc folded over elements
   * 0..i.
   *
   * @param x the input array
   * @param axis the axis to accumulate along; negative counts from the end
   * @return an array of x's shape (and the ufunc's result dtype)
   * @throws IllegalArgumentException "cannot accumulate on a scalar"
   */
  public NdArray accumulate(NdArray x, int axis) {
    x.ensureOpen();
    if (op == BinaryOp.LDEXP) {
      throw new UnsupportedOperationException("ldexp.accumulate is not supported");
    }
    if (x.ndim() == 0) {
      throw new IllegalArgumentException("cannot accumulate on a scalar");
    }
    DType t = reductionType(x.dtype);
    int a = Axes.normalize(axis, x.ndim());
    if (op == BinaryOp.ADD || op == BinaryOp.MULTIPLY) {
      return Sorting.scan(op == BinaryOp.ADD ? ScanOp.CUMSUM : ScanOp.CUMPROD, x, a);
    }
    try (Scope scope = new Scope()) {
      NdArray y = x.astype(t).moveaxis(a, 0);
      long n = y.shape[0];
      NdArray r;
      if (n <= 1) {
        r = y.copy();
      } else if (exact() || op == BinaryOp.MAXIMUM || op == BinaryOp.MINIMUM) {
        // Hillis-Steele: after the pass with stride s, element i folds i-2s+1 .. i
        r = y;
        for (long s = 1; s < n; s *= 2) {
          // op(earlier, later), as NumPy's op(acc, x[i]): the first of equal values wins
          NdArray shifted = apply(r.get(Index.slice(0, n - s)), r.get(Index.slice(s, n)));
          r = Joins.concatenate(new NdArray[] {r.get(Index.slice(0, s)), shifted}, 0);
        }
      } else {
        List<NdArray> steps = new ArrayList<>();
        NdArray acc = y.get(Index.at(0));
        steps.add(acc);
        for (long i = 1; i < n; i++) {
          acc = apply(acc, y.get(Index.at(i)));
          steps.add(acc.dtype == t ? acc : acc.astype(t));
        }
        r = Joins.stack(steps.toArray(new NdArray[0]), 0);
      }
      return scope.keep(r.moveaxis(0, a).copy());
    }
  }

  /**
   * {@code np.add.reduceat(x, indices, axis)}: for each i the reduction over x[indices[i] :
   * indices[i + 1]] along the axis, or x[indices[i]] where the next index is not greater; the last
   * runs to the end.
   *
   * @param x the input array
   * @param indices the start of each segment along the axis, each in [0, length of the axis)
   * @param axis the axis to reduce along; negative counts from the end
   * @return an array of x's shape with the axis of length {@code indices.length}
   * @throws IndexOutOfBoundsException "index 9 out-of-bounds in add.reduceat [0, 8)"
   */
  public NdArray reduceat(NdArray x, long[] indices, int axis) {
    x.ensureOpen();
    if (x.ndim() == 0) {
      throw new IllegalArgumentException("cannot reduceat on a scalar");
    }
    int a = Axes.normalize(axis, x.ndim());
    long n = x.shape[a];
    for (long i : indices) {
      if (i < 0 || i >= n) {
        throw new IndexOutOfBoundsException(
            "index " + i + " out-of-bounds in " + name() + ".reduceat [0, " + n + ")");
      }
    }
    DType t = reductionType(x.dtype);
    try (Scope scope = new Scope()) {
      NdArray y = x.moveaxis(a, 0);
      NdArray[] parts = new NdArray[indices.length];
      for (int i = 0; i < indices.length; i++) {
        long start = indices[i];
        long end = i + 1 < indices.length ? indices[i + 1] : n;
        parts[i] =
            start < end
                ? reduce(y.get(Index.slice(start, end)), 0)
                : y.get(Index.at(start)).astype(t);
      }
      NdArray r =
          indices.length == 0
              ? NdArray.allocate(x.backend(), t, withFirst(y.shape, 0))
              : Joins.stack(parts, 0);
      return scope.keep(r.moveaxis(0, a).copy());
    }
  }

  private static long[] withFirst(long[] shape, long first) {
    long[] s = shape.clone();
    s[0] = first;
    return s;
  }
}
