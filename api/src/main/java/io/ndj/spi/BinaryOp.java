package io.ndj.spi;

/**
 * Elementwise functions of two operands, for {@link Kernels#binary} and {@link
 * Kernels#binaryScalar}. Both inputs have the loop dtype; the output has it too, except comparisons
 * ({@link #isComparison()}) whose output is bool.
 *
 * <p>Integer semantics are NumPy's: results wrap to the dtype's width, {@code x // 0 == 0}, {@code
 * x % 0 == 0}, floor division and remainder round toward negative infinity (Python's sign rules),
 * shifts by the width or more give 0 (or -1 for a negative value shifted right). Floats follow IEEE
 * 754; maximum/minimum propagate NaN, fmax/fmin ignore it; which zero max/min return for a +0/-0
 * pair is unspecified (NumPy differs by dtype).
 */
public enum BinaryOp implements Op {
  ADD("add"),
  SUBTRACT("subtract"),
  MULTIPLY("multiply"),
  DIVIDE("divide"),
  FLOOR_DIVIDE("floor_divide"),
  MOD("remainder"),
  POWER("power"),
  ARCTAN2("arctan2"),
  HYPOT("hypot"),
  MAXIMUM("maximum"),
  MINIMUM("minimum"),
  FMAX("fmax"),
  FMIN("fmin"),
  BITWISE_AND("bitwise_and"),
  BITWISE_OR("bitwise_or"),
  BITWISE_XOR("bitwise_xor"),
  LEFT_SHIFT("left_shift"),
  RIGHT_SHIFT("right_shift"),
  EQUAL("equal"),
  NOT_EQUAL("not_equal"),
  LESS("less"),
  LESS_EQUAL("less_equal"),
  GREATER("greater"),
  GREATER_EQUAL("greater_equal");

  private final String numpyName;

  BinaryOp(String numpyName) {
    this.numpyName = numpyName;
  }

  @Override
  public String numpyName() {
    return numpyName;
  }

  public boolean isComparison() {
    return switch (this) {
      case EQUAL, NOT_EQUAL, LESS, LESS_EQUAL, GREATER, GREATER_EQUAL -> true;
      default -> false;
    };
  }

  public boolean isBitwise() {
    return switch (this) {
      case BITWISE_AND, BITWISE_OR, BITWISE_XOR, LEFT_SHIFT, RIGHT_SHIFT -> true;
      default -> false;
    };
  }
}
