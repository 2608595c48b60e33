package io.ndj.spi;

/**
 * Elementwise functions of one operand, for {@link Kernels#unary}. The input's dtype is the loop
 * dtype; the output has the same dtype, except the predicates ({@link #isPredicate()}) whose output
 * is bool.
 */
public enum UnaryOp implements Op {
  NEGATIVE("negative"),
  ABS("absolute"),
  SIGN("sign"),
  SQRT("sqrt"),
  SQUARE("square"),
  EXP("exp"),
  EXP2("exp2"),
  LOG("log"),
  LOG2("log2"),
  LOG10("log10"),
  LOG1P("log1p"),
  EXPM1("expm1"),
  SIN("sin"),
  COS("cos"),
  TAN("tan"),
  ARCSIN("arcsin"),
  ARCCOS("arccos"),
  ARCTAN("arctan"),
  SINH("sinh"),
  COSH("cosh"),
  TANH("tanh"),
  FLOOR("floor"),
  CEIL("ceil"),
  RINT("rint"),
  TRUNC("trunc"),
  /** Bitwise NOT on integers, logical NOT on bool. */
  INVERT("invert"),
  LOGICAL_NOT("logical_not"),
  ISNAN("isnan"),
  ISINF("isinf"),
  ISFINITE("isfinite"),
  /** The real cube root (negative for negative x). */
  CBRT("cbrt"),
  /** Whether the sign bit is set: true for -0.0 and for NaN with the sign bit. */
  SIGNBIT("signbit");

  private final String numpyName;

  UnaryOp(String numpyName) {
    this.numpyName = numpyName;
  }

  @Override
  public String numpyName() {
    return numpyName;
  }

  /** True when the output dtype is bool whatever the input. */
  public boolean isPredicate() {
    return this == ISNAN
        || this == ISINF
        || this == ISFINITE
        || this == LOGICAL_NOT
        || this == SIGNBIT;
  }

  /** True for functions defined on floats only: integer inputs are cast to a float type first. */
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
          RINT,
          CBRT,
          SIGNBIT ->
          true;
      default -> false;
    };
  }
}
