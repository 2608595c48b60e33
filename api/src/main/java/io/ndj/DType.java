package io.ndj;

import java.util.Locale;

/**
 * An array element type, named as NumPy names it. {@code toString()} prints the NumPy name ({@code
 * float32}).
 *
 * <p>Type promotion follows NumPy 2 (NEP 50): {@link #promote(DType, DType)} equals {@code
 * numpy.result_type} for every pair of array dtypes.
 */
public enum DType {
  /** The kernel behind NumPy's {@code bool}. */
  BOOL("bool", 1, Kind.BOOL),
  /** The kernel behind NumPy's {@code int8}. */
  INT8("int8", 1, Kind.SIGNED),
  /** The kernel behind NumPy's {@code int16}. */
  INT16("int16", 2, Kind.SIGNED),
  /** The kernel behind NumPy's {@code int32}. */
  INT32("int32", 4, Kind.SIGNED),
  /** The kernel behind NumPy's {@code int64}. */
  INT64("int64", 8, Kind.SIGNED),
  /** The kernel behind NumPy's {@code uint8}. */
  UINT8("uint8", 1, Kind.UNSIGNED),
  /** The kernel behind NumPy's {@code uint16}. */
  UINT16("uint16", 2, Kind.UNSIGNED),
  /** The kernel behind NumPy's {@code uint32}. */
  UINT32("uint32", 4, Kind.UNSIGNED),
  /**
   * The kernel behind NumPy's {@code uint64}. Java has no unsigned long: a {@code long} holding a
   * uint64 value holds its bits ({@link Long#toUnsignedString(long)} reads them).
   */
  UINT64("uint64", 8, Kind.UNSIGNED),
  /** The kernel behind NumPy's {@code float16}. */
  FLOAT16("float16", 2, Kind.FLOAT),
  /** The kernel behind NumPy's {@code float32}. */
  FLOAT32("float32", 4, Kind.FLOAT),
  /** The kernel behind NumPy's {@code float64}. */
  FLOAT64("float64", 8, Kind.FLOAT),
  /** Two float32 values, real then imaginary (NumPy's {@code complex64}, {@code '<c8'}). */
  COMPLEX64("complex64", 8, Kind.COMPLEX),
  /** Two float64 values, real then imaginary (NumPy's {@code complex128}, {@code '<c16'}). */
  COMPLEX128("complex128", 16, Kind.COMPLEX);

  private static final DType[] REAL = {
    BOOL, INT8, INT16, INT32, INT64, UINT8, UINT16, UINT32, UINT64, FLOAT16, FLOAT32, FLOAT64
  };

  /** The family a dtype belongs to, as NumPy's {@code dtype.kind} ('b', 'i', 'u', 'f', 'c'). */
  public enum Kind {
    /** The bool type. */
    BOOL,
    /** The signed integers. */
    SIGNED,
    /** The unsigned integers. */
    UNSIGNED,
    /** The floats. */
    FLOAT,
    /** The complex types. */
    COMPLEX
  }

  private final String numpyName;
  private final int itemsize;
  private final Kind kind;

  DType(String numpyName, int itemsize, Kind kind) {
    this.numpyName = numpyName;
    this.itemsize = itemsize;
    this.kind = kind;
  }

  /**
   * Bytes per element.
   *
   * @return the size of one element in bytes
   */
  public int itemsize() {
    return itemsize;
  }

  /**
   * The dtype's kind, which NumPy's promotion and casting rules order.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * True for float16, float32 and float64.
   *
   * @return whether this is a float type
   */
  public boolean isFloat() {
    return kind == Kind.FLOAT;
  }

  /**
   * True for the signed and unsigned integer types (not bool).
   *
   * @return whether this is an integer type
   */
  public boolean isInteger() {
    return kind == Kind.SIGNED || kind == Kind.UNSIGNED;
  }

  /**
   * True for bool.
   *
   * @return whether this is bool
   */
  public boolean isBool() {
    return kind == Kind.BOOL;
  }

  /**
   * True for complex64 and complex128.
   *
   * @return whether this is a complex type
   */
  public boolean isComplex() {
    return kind == Kind.COMPLEX;
  }

  /**
   * True for the float and complex types (NumPy's inexact types).
   *
   * @return whether this is inexact
   */
  public boolean isInexact() {
    return kind == Kind.FLOAT || kind == Kind.COMPLEX;
  }

  /**
   * The dtypes that are not complex, in declaration order: the ones every real-valued op takes.
   *
   * @return the real dtypes
   */
  public static DType[] realValues() {
    return REAL.clone();
  }

  /**
   * The real type of each half of a complex type (float32 for complex64, float64 for complex128); a
   * real type is its own.
   *
   * @return the component type
   */
  public DType componentType() {
    return switch (this) {
      case COMPLEX64 -> FLOAT32;
      case COMPLEX128 -> FLOAT64;
      default -> this;
    };
  }

  /**
   * The complex type NumPy gives this type's values: complex64 for bool, int8/16, uint8/16, float16
   * and float32; complex128 for the wider ones; a complex type is its own.
   *
   * @return the complex type
   */
  public DType complexType() {
    if (isComplex()) {
      return this;
    }
    return floatLoop().itemsize <= 4 ? COMPLEX64 : COMPLEX128;
  }

  /**
   * True for uint64, the one type whose values a {@code long} holds as unsigned bits.
   *
   * @return whether this is uint64
   */
  public boolean isUnsigned64() {
    return this == UINT64;
  }

  /**
   * Whether an integer value lies in this integer (or bool) type's range: {@code v} is read as
   * signed, so no uint64 value past {@link Long#MAX_VALUE} can be asked about this way (see {@link
   * #holds(java.math.BigInteger)}).
   *
   * @param v the value
   * @return whether this type holds it
   */
  public boolean holds(long v) {
    return v >= minValue() && (isUnsigned64() || v <= maxValue());
  }

  /**
   * Whether an integer value of any size lies in this integer (or bool) type's range.
   *
   * @param v the value
   * @return whether this type holds it
   */
  public boolean holds(java.math.BigInteger v) {
    if (v.bitLength() < 64) {
      return holds(v.longValue());
    }
    return isUnsigned64() && v.signum() > 0 && v.bitLength() == 64;
  }

  /**
   * Smallest value of an integer type.
   *
   * @return the least value of the type
   */
  public long minValue() {
    return switch (this) {
      case BOOL, UINT8, UINT16, UINT32, UINT64 -> 0;
      case INT8 -> Byte.MIN_VALUE;
      case INT16 -> Short.MIN_VALUE;
      case INT32 -> Integer.MIN_VALUE;
      case INT64 -> Long.MIN_VALUE;
      default -> throw new IllegalArgumentException(numpyName + " is not an integer type");
    };
  }

  /**
   * Largest value of an integer type; for uint64 the bits of 2^64 - 1 ({@code -1L}).
   *
   * @return the greatest value of the type
   */
  public long maxValue() {
    return switch (this) {
      case BOOL -> 1;
      case UINT8 -> 255;
      case UINT16 -> 0xFFFF;
      case UINT32 -> 0xFFFF_FFFFL;
      case UINT64 -> -1L;
      case INT8 -> Byte.MAX_VALUE;
      case INT16 -> Short.MAX_VALUE;
      case INT32 -> Integer.MAX_VALUE;
      case INT64 -> Long.MAX_VALUE;
      default -> throw new IllegalArgumentException(numpyName + " is not an integer type");
    };
  }

  /** The NumPy name, e.g. {@code "float32"}. */
  @Override
  public String toString() {
    return numpyName;
  }

  /**
   * Looks a dtype up by its NumPy name ({@code "float32"}, {@code "int64"}, {@code "bool"}, ...).
   *
   * @param name the NumPy name
   * @return the dtype of that name
   * @throws IllegalArgumentException for a name that is not a supported dtype
   */
  public static DType of(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (DType t : values()) {
      if (t.numpyName.equals(n)) {
        return t;
      }
    }
    throw new IllegalArgumentException("data type '" + name + "' not understood");
  }

  /**
   * NumPy's {@code can_cast(from, to, casting='same_kind')}: a cast that keeps the kind or moves up
   * the order bool, unsigned, signed, float (int64 to int8 may, float64 to int64 may not). The rule
   * for a ufunc's {@code out=} and for in-place operators.
   *
   * @param from the dtype cast from
   * @param to the dtype cast to
   * @return whether the cast is allowed under same_kind
   */
  public static boolean canCastSameKind(DType from, DType to) {
    return from.kindRank() <= to.kindRank();
  }

  /** NumPy's kinds in 'same_kind' order: b < u < i < f. */
  private int kindRank() {
    return switch (kind) {
      case BOOL -> 0;
      case UNSIGNED -> 1;
      case SIGNED -> 2;
      case FLOAT -> 3;
      case COMPLEX -> 4;
    };
  }

  /**
   * NumPy 2's {@code result_type(a, b)} for two array dtypes.
   *
   * @param a the first dtype
   * @param b the second dtype
   * @return the dtype of the result
   */
  public static DType promote(DType a, DType b) {
    if (a == b || b == BOOL) {
      return a;
    }
    if (a == BOOL) {
      return b;
    }
    if (a.isComplex() || b.isComplex()) {
      // the component float of both, complexified: int32 + complex64 is complex128
      return promote(a.componentType(), b.componentType()).complexType();
    }
    if (a.isFloat() || b.isFloat()) {
      DType f = a.isFloat() ? a : b;
      DType o = a.isFloat() ? b : a;
      DType needed = o.isFloat() ? o : smallestFloatHolding(o);
      return f.itemsize >= needed.itemsize ? f : needed;
    }
    if (a.kind == b.kind) {
      return a.itemsize >= b.itemsize ? a : b;
    }
    DType s = a.kind == Kind.SIGNED ? a : b;
    DType u = a.kind == Kind.SIGNED ? b : a;
    if (s.itemsize > u.itemsize) {
      return s;
    }
    // no signed type holds every uint64: NumPy gives float64
    return u == UINT64 ? FLOAT64 : signedOfSize(u.itemsize * 2);
  }

  private static DType smallestFloatHolding(DType integer) {
    return switch (integer.itemsize) {
      case 1 -> FLOAT16;
      case 2 -> FLOAT32;
      default -> FLOAT64;
    };
  }

  /**
   * The integer type NumPy accumulates this type in for sum, prod, cumsum and cumprod: int64 for
   * bool and the signed types, uint64 for the unsigned ones.
   *
   * @return int64 or uint64 for bool and integers; this type otherwise
   */
  public DType accumulator() {
    return kind == Kind.UNSIGNED ? UINT64 : isBool() || kind == Kind.SIGNED ? INT64 : this;
  }

  private static DType signedOfSize(int bytes) {
    return switch (bytes) {
      case 1 -> INT8;
      case 2 -> INT16;
      case 4 -> INT32;
      default -> INT64;
    };
  }

  /**
   * The float type NumPy's float ufuncs (sqrt, sin, true divide of floats) use for this input type.
   */
  DType floatLoop() {
    return isInexact() ? this : smallestFloatHolding(this == BOOL ? INT8 : this);
  }
}
