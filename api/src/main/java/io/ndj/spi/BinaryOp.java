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
  /** The kernel behind NumPy's {@code add}. */
  ADD("add"),
  /** The kernel behind NumPy's {@code subtract}. */
  SUBTRACT("subtract"),
  /** The kernel behind NumPy's {@code multiply}. */
  MULTIPLY("multiply"),
  /** The kernel behind NumPy's {@code divide}. */
  DIVIDE("divide"),
  /** The kernel behind NumPy's {@code floor_divide}. */
  FLOOR_DIVIDE("floor_divide"),
  /** The kernel behind NumPy's {@code remainder}. */
  MOD("remainder"),
  /** The kernel behind NumPy's {@code power}. */
  POWER("power"),
  /** The kernel behind NumPy's {@code arctan2}. */
  ARCTAN2("arctan2"),
  /** The kernel behind NumPy's {@code hypot}. */
  HYPOT("hypot"),
  /** The kernel behind NumPy's {@code maximum}. */
  MAXIMUM("maximum"),
  /** The kernel behind NumPy's {@code minimum}. */
  MINIMUM("minimum"),
  /** The kernel behind NumPy's {@code fmax}. */
  FMAX("fmax"),
  /** The kernel behind NumPy's {@code fmin}. */
  FMIN("fmin"),
  /** The kernel behind NumPy's {@code bitwise_and}. */
  BITWISE_AND("bitwise_and"),
  /** The kernel behind NumPy's {@code bitwise_or}. */
  BITWISE_OR("bitwise_or"),
  /** The kernel behind NumPy's {@code bitwise_xor}. */
  BITWISE_XOR("bitwise_xor"),
  /** The kernel behind NumPy's {@code left_shift}. */
  LEFT_SHIFT("left_shift"),
  /** The kernel behind NumPy's {@code right_shift}. */
  RIGHT_SHIFT("right_shift"),
  /** The kernel behind NumPy's {@code equal}. */
  EQUAL("equal"),
  /** The kernel behind NumPy's {@code not_equal}. */
  NOT_EQUAL("not_equal"),
  /** The kernel behind NumPy's {@code less}. */
  LESS("less"),
  /** The kernel behind NumPy's {@code less_equal}. */
  LESS_EQUAL("less_equal"),
  /** The kernel behind NumPy's {@code greater}. */
  GREATER("greater"),
  /** The kernel behind NumPy's {@code greater_equal}. */
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

  /**
   * Whether the result is bool: the six comparisons.
   *
   * @return true for equal, not_equal, less, less_equal, greater and greater_equal
   */
  public boolean isComparison() {
    return switch (this) {
      case EQUAL, NOT_EQUAL, LESS, LESS_EQUAL, GREATER, GREATER_EQUAL -> true;
      default -> false;
    };
  }

  /**
   * Whether NumPy has loops for this op on float dtypes only: io.ndj runs integer operands in the
   * smallest float dtype that holds each (as {@code arctan2(int8, uint8)} is float16).
   *
   * @return true for the float-only ops
   */
  public boolean isFloatOnly() {
    return switch (this) {
      case ARCTAN2, HYPOT, COPYSIGN, NEXTAFTER, LDEXP -> true;
      default -> false;
    };
  }

  /**
   * Whether NumPy has loops for this op on integer dtypes only (not bool).
   *
   * @return true for the integer-only ops
   */
  public boolean isIntegerOnly() {
    return this == GCD || this == LCM;
  }

  /**
   * Whether this is bitwise and, or or xor (which also run on bool, as logical ops).
   *
   * @return true for bitwise_and, bitwise_or and bitwise_xor
   */
  public boolean isBitwise() {
    return switch (this) {
      case BITWISE_AND, BITWISE_OR, BITWISE_XOR, LEFT_SHIFT, RIGHT_SHIFT -> true;
      default -> false;
    };
  }
}
