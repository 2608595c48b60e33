package io.ndj;

import io.ndj.spi.UnaryOp;
import java.util.Objects;

/**
 * A one-operand ufunc, NumPy's {@code np.sqrt}, {@code np.isnan}, ...: {@code
 * UnaryUfunc.SQRT.apply(x)} is {@code np.sqrt(x)} and {@code UnaryUfunc.SQRT.apply(x, out)} is
 * {@code np.sqrt(x, out=out)}. Results take NumPy's dtypes: the float functions give integers'
 * smallest float (float16 for int8, float64 for int64), the predicates (isnan, isinf, isfinite,
 * signbit, logical_not) bool, the rest the operand's dtype. The same functions are methods of
 * {@link NdArray} ({@code x.sqrt()}); this class adds {@code out=} and lookup by NumPy's name.
 */
public final class UnaryUfunc {
  /** NumPy's {@code np.negative}. */
  public static final UnaryUfunc NEGATIVE = new UnaryUfunc(UnaryOp.NEGATIVE);

  /** NumPy's {@code np.absolute}. */
  public static final UnaryUfunc ABSOLUTE = new UnaryUfunc(UnaryOp.ABS);

  /** NumPy's {@code np.sign}. */
  public static final UnaryUfunc SIGN = new UnaryUfunc(UnaryOp.SIGN);

  /** NumPy's {@code np.sqrt}. */
  public static final UnaryUfunc SQRT = new UnaryUfunc(UnaryOp.SQRT);

  /** NumPy's {@code np.square}. */
  public static final UnaryUfunc SQUARE = new UnaryUfunc(UnaryOp.SQUARE);

  /** NumPy's {@code np.exp}. */
  public static final UnaryUfunc EXP = new UnaryUfunc(UnaryOp.EXP);

  /** NumPy's {@code np.exp2}. */
  public static final UnaryUfunc EXP2 = new UnaryUfunc(UnaryOp.EXP2);

  /** NumPy's {@code np.log}. */
  public static final UnaryUfunc LOG = new UnaryUfunc(UnaryOp.LOG);

  /** NumPy's {@code np.log2}. */
  public static final UnaryUfunc LOG2 = new UnaryUfunc(UnaryOp.LOG2);

  /** NumPy's {@code np.log10}. */
  public static final UnaryUfunc LOG10 = new UnaryUfunc(UnaryOp.LOG10);

  /** NumPy's {@code np.log1p}. */
  public static final UnaryUfunc LOG1P = new UnaryUfunc(UnaryOp.LOG1P);

  /** NumPy's {@code np.expm1}. */
  public static final UnaryUfunc EXPM1 = new UnaryUfunc(UnaryOp.EXPM1);

  /** NumPy's {@code np.sin}. */
  public static final UnaryUfunc SIN = new UnaryUfunc(UnaryOp.SIN);

  /** NumPy's {@code np.cos}. */
  public static final UnaryUfunc COS = new UnaryUfunc(UnaryOp.COS);

  /** NumPy's {@code np.tan}. */
  public static final UnaryUfunc TAN = new UnaryUfunc(UnaryOp.TAN);

  /** NumPy's {@code np.arcsin}. */
  public static final UnaryUfunc ARCSIN = new UnaryUfunc(UnaryOp.ARCSIN);

  /** NumPy's {@code np.arccos}. */
  public static final UnaryUfunc ARCCOS = new UnaryUfunc(UnaryOp.ARCCOS);

  /** NumPy's {@code np.arctan}. */
  public static final UnaryUfunc ARCTAN = new UnaryUfunc(UnaryOp.ARCTAN);

  /** NumPy's {@code np.sinh}. */
  public static final UnaryUfunc SINH = new UnaryUfunc(UnaryOp.SINH);

  /** NumPy's {@code np.cosh}. */
  public static final UnaryUfunc COSH = new UnaryUfunc(UnaryOp.COSH);

  /** NumPy's {@code np.tanh}. */
  public static final UnaryUfunc TANH = new UnaryUfunc(UnaryOp.TANH);

  /** NumPy's {@code np.floor}. */
  public static final UnaryUfunc FLOOR = new UnaryUfunc(UnaryOp.FLOOR);

  /** NumPy's {@code np.ceil}. */
  public static final UnaryUfunc CEIL = new UnaryUfunc(UnaryOp.CEIL);

  /** NumPy's {@code np.rint}. */
  public static final UnaryUfunc RINT = new UnaryUfunc(UnaryOp.RINT);

  /** NumPy's {@code np.trunc}. */
  public static final UnaryUfunc TRUNC = new UnaryUfunc(UnaryOp.TRUNC);

  /** NumPy's {@code np.invert}. */
  public static final UnaryUfunc INVERT = new UnaryUfunc(UnaryOp.INVERT);

  /** NumPy's {@code np.logical_not}. */
  public static final UnaryUfunc LOGICAL_NOT = new UnaryUfunc(UnaryOp.LOGICAL_NOT);

  /** NumPy's {@code np.isnan}. */
  public static final UnaryUfunc ISNAN = new UnaryUfunc(UnaryOp.ISNAN);

  /** NumPy's {@code np.isinf}. */
  public static final UnaryUfunc ISINF = new UnaryUfunc(UnaryOp.ISINF);

  /** NumPy's {@code np.isfinite}. */
  public static final UnaryUfunc ISFINITE = new UnaryUfunc(UnaryOp.ISFINITE);

  /** NumPy's {@code np.cbrt}. */
  public static final UnaryUfunc CBRT = new UnaryUfunc(UnaryOp.CBRT);

  /** NumPy's {@code np.signbit}. */
  public static final UnaryUfunc SIGNBIT = new UnaryUfunc(UnaryOp.SIGNBIT);

  /** NumPy's {@code np.arcsinh}. */
  public static final UnaryUfunc ARCSINH = new UnaryUfunc(UnaryOp.ARCSINH);

  /** NumPy's {@code np.arccosh}. */
  public static final UnaryUfunc ARCCOSH = new UnaryUfunc(UnaryOp.ARCCOSH);

  /** NumPy's {@code np.arctanh}. */
  public static final UnaryUfunc ARCTANH = new UnaryUfunc(UnaryOp.ARCTANH);

  private static final UnaryUfunc[] ALL = {
    NEGATIVE,
    ABSOLUTE,
    SIGN,
    SQRT,
    SQUARE,
    EXP,
    EXP2,
    LOG,
    LOG2,
    LOG10,
    LOG1P,
    EXPM1,
    SIN,
    COS,
    TAN,
    ARCSIN,
    ARCCOS,
    ARCTAN,
    SINH,
    COSH,
    TANH,
    FLOOR,
    CEIL,
    RINT,
    TRUNC,
    INVERT,
    LOGICAL_NOT,
    ISNAN,
    ISINF,
    ISFINITE,
    CBRT,
    SIGNBIT,
    ARCSINH,
    ARCCOSH,
    ARCTANH
  };

  private final UnaryOp op;

  private UnaryUfunc(UnaryOp op) {
    this.op = op;
  }

  /**
   * The ufunc of NumPy's name ("sqrt", "absolute", "logical_not", ...).
   *
   * @param numpyName the ufunc's name in NumPy
   * @return the ufunc
   * @throws IllegalArgumentException for a name that is not one
   */
  public static UnaryUfunc of(String numpyName) {
    for (UnaryUfunc u : ALL) {
      if (u.name().equals(numpyName)) {
        return u;
      }
    }
    throw new IllegalArgumentException("no unary ufunc named '" + numpyName + "'");
  }

  /**
   * NumPy's name.
   *
   * @return "sqrt", "absolute", ...
   */
  public String name() {
    return op.numpyName();
  }

  @Override
  public String toString() {
    return "<ufunc '" + name() + "'>";
  }

  /**
   * The ufunc on every element: {@code np.sqrt(x)}, a new array.
   *
   * @param x the operand
   * @return a new array
   * @throws IllegalArgumentException for a dtype NumPy has no loop for (invert of floats, sign of
   *     bools, negative of bools), in NumPy's words
   */
  public NdArray apply(NdArray x) {
    return Ufunc.unary(op, x);
  }

  /**
   * NumPy's {@code np.sqrt(x, out=out)}: the result, computed in the dtype {@link #apply(NdArray)}
   * gives, is cast into {@code out} under NumPy's 'same_kind' rule; x broadcasts to out's shape.
   * {@code apply(x, x)} works in place. Modifies {@code out} only, and returns it.
   *
   * @throws IllegalArgumentException "output array is read-only", "Cannot cast ufunc 'sqrt' output
   *     from dtype('float64') to dtype('int64') with casting rule 'same_kind'", "non-broadcastable
   *     output operand with shape (3,1) doesn't match the broadcast shape (3,4)"; out is unchanged
   *     when one is thrown
   * @param x the operand
   * @param out the array written
   * @return {@code out}
   */
  public NdArray apply(NdArray x, NdArray out) {
    return Ufunc.unary(op, x, Objects.requireNonNull(out, "out"));
  }
}
