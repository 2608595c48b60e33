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
  GREATER_EQUAL("greater_equal"),
  /** The magnitude of the first operand with the sign bit of the second (C's copysign). */
  COPYSIGN("copysign"),
  /** The next value of the loop dtype after the first operand toward the second. */
  NEXTAFTER("nextafter"),
  /** C's fmod: the remainder with the sign of the dividend; integers {@code x fmod 0 == 0}. */
  FMOD("fmod"),
  /** Greatest common divisor of the absolute values (integers only; gcd(0, 0) == 0). */
  GCD("gcd"),
  /** Least common multiple of the absolute values (integers only; 0 if either is 0). */
  LCM("lcm"),
  /**
   * {@code x * 2**e}, exactly, then rounded once to the loop dtype. The exponent reaches the kernel
   * in the loop dtype (io.ndj accepts only integer exponents, as NumPy does); exponents past
   * +-100000 act as +-100000.
   */
  LDEXP("ldexp");

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

  /**
   * Whether NumPy has loops for this op on float dtypes only: io.ndj runs integer operands in the
   * smallest float dtype that holds each (as {@code arctan2(int8, uint8)} is float16).
   */
  public boolean isFloatOnly() {
    return switch (this) {
      case ARCTAN2, HYPOT, COPYSIGN, NEXTAFTER, LDEXP -> true;
      default -> false;
    };
  }

  /** Whether NumPy has loops for this op on integer dtypes only (not bool). */
  public boolean isIntegerOnly() {
    return this == GCD || this == LCM;
  }

  public boolean isBitwise() {
    return switch (this) {
      case BITWISE_AND, BITWISE_OR, BITWISE_XOR, LEFT_SHIFT, RIGHT_SHIFT -> true;
      default -> false;
    };
  }
}
