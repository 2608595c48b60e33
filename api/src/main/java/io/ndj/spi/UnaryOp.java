package io.ndj.spi;

/**
 * Elementwise functions of one operand, for {@link Kernels#unary}. The input's dtype is the loop
 * dtype; the output has the same dtype, except the predicates ({@link #isPredicate()}) whose output
 * is bool.
 */
public enum UnaryOp implements Op {
  /** The kernel behind NumPy's {@code negative}. */
  NEGATIVE("negative"),
  /** The kernel behind NumPy's {@code absolute}. */
  ABS("absolute"),
  /** The kernel behind NumPy's {@code sign}. */
  SIGN("sign"),
  /** The kernel behind NumPy's {@code sqrt}. */
  SQRT("sqrt"),
  /** The kernel behind NumPy's {@code square}. */
  SQUARE("square"),
  /** The kernel behind NumPy's {@code exp}. */
  EXP("exp"),
  /** The kernel behind NumPy's {@code exp2}. */
  EXP2("exp2"),
  /** The kernel behind NumPy's {@code log}. */
  LOG("log"),
  /** The kernel behind NumPy's {@code log2}. */
  LOG2("log2"),
  /** The kernel behind NumPy's {@code log10}. */
  LOG10("log10"),
  /** The kernel behind NumPy's {@code log1p}. */
  LOG1P("log1p"),
  /** The kernel behind NumPy's {@code expm1}. */
  EXPM1("expm1"),
  /** The kernel behind NumPy's {@code sin}. */
  SIN("sin"),
  /** The kernel behind NumPy's {@code cos}. */
  COS("cos"),
  /** The kernel behind NumPy's {@code tan}. */
  TAN("tan"),
  /** The kernel behind NumPy's {@code arcsin}. */
  ARCSIN("arcsin"),
  /** The kernel behind NumPy's {@code arccos}. */
  ARCCOS("arccos"),
  /** The kernel behind NumPy's {@code arctan}. */
  ARCTAN("arctan"),
  /** The kernel behind NumPy's {@code sinh}. */
  SINH("sinh"),
  /** The kernel behind NumPy's {@code cosh}. */
  COSH("cosh"),
  /** The kernel behind NumPy's {@code tanh}. */
  TANH("tanh"),
  /** The kernel behind NumPy's {@code floor}. */
  FLOOR("floor"),
  /** The kernel behind NumPy's {@code ceil}. */
  CEIL("ceil"),
  /** The kernel behind NumPy's {@code rint}. */
  RINT("rint"),
  /** The kernel behind NumPy's {@code trunc}. */
  TRUNC("trunc"),
  /** Bitwise NOT on integers, logical NOT on bool. */
  INVERT("invert"),
  /** The kernel behind NumPy's {@code logical_not}. */
  LOGICAL_NOT("logical_not"),
  /** The kernel behind NumPy's {@code isnan}. */
  ISNAN("isnan"),
  /** The kernel behind NumPy's {@code isinf}. */
  ISINF("isinf"),
  /** The kernel behind NumPy's {@code isfinite}. */
  ISFINITE("isfinite"),
  /** The real cube root (negative for negative x). */
  CBRT("cbrt"),
  /** Whether the sign bit is set: true for -0.0 and for NaN with the sign bit. */
  SIGNBIT("signbit"),
  /** The inverse hyperbolic sine. */
  ARCSINH("arcsinh"),
  /** The inverse hyperbolic cosine (NaN below 1). */
  ARCCOSH("arccosh"),
  /** The inverse hyperbolic tangent (NaN outside [-1, 1], infinite at the ends). */
  ARCTANH("arctanh");

  private final String numpyName;

  UnaryOp(String numpyName) {
    this.numpyName = numpyName;
  }

  @Override
  public String numpyName() {
    return numpyName;
  }

  /**
   * True when the output dtype is bool whatever the input.
   *
   * @return true for isnan, isinf, isfinite, logical_not and signbit
   */
  public boolean isPredicate() {
    return this == ISNAN
        || this == ISINF
        || this == ISFINITE
        || this == LOGICAL_NOT
        || this == SIGNBIT;
  }

  /**
   * True for functions defined on floats only: integer inputs are cast to a float type first.
   *
   * @return true for the float-only functions
   */
  public boolean isFloatOnly() {
    return switch (this) {
      case SQRT,
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
          ARCSINH,
          ARCCOSH,
          ARCTANH,
          RINT,
          CBRT,
          SIGNBIT ->
          true;
      default -> false;
    };
  }
}
