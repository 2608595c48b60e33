package io.ndj.cuda;

import io.ndj.DType;
import io.ndj.spi.BinaryOp;
import io.ndj.spi.ReduceOp;
import io.ndj.spi.UnaryOp;

/**
 * The integer codes ndj.cu's kernels use for dtypes and ops (explicit, never {@code ordinal()}).
 */
final class Codes {
  private Codes() {}

  static int of(DType t) {
    return switch (t) {
      case BOOL -> 0;
      case INT8 -> 1;
      case INT16 -> 2;
      case INT32 -> 3;
      case INT64 -> 4;
      case UINT8 -> 5;
      case FLOAT16 -> 6;
      case FLOAT32 -> 7;
      case FLOAT64 -> 8;
      // kernels see complex arrays only as their float parts (and cuFFT's own types)
      case COMPLEX64, COMPLEX128 ->
          throw new IllegalArgumentException("no CUDA kernel code for " + t);
    };
  }

  static int of(BinaryOp op) {
    return switch (op) {
      case ADD -> 0;
      case SUBTRACT -> 1;
      case MULTIPLY -> 2;
      case DIVIDE -> 3;
      case FLOOR_DIVIDE -> 4;
      case MOD -> 5;
      case POWER -> 6;
      case ARCTAN2 -> 7;
      case HYPOT -> 8;
      case MAXIMUM -> 9;
      case MINIMUM -> 10;
      case FMAX -> 11;
      case FMIN -> 12;
      case BITWISE_AND -> 13;
      case BITWISE_OR -> 14;
      case BITWISE_XOR -> 15;
      case LEFT_SHIFT -> 16;
      case RIGHT_SHIFT -> 17;
      case EQUAL -> 18;
      case NOT_EQUAL -> 19;
      case LESS -> 20;
      case LESS_EQUAL -> 21;
      case GREATER -> 22;
      case GREATER_EQUAL -> 23;
      case COPYSIGN -> 24;
      case NEXTAFTER -> 25;
      case FMOD -> 26;
      case GCD -> 27;
      case LCM -> 28;
      case LDEXP -> 29;
    };
  }

  static int of(UnaryOp op) {
    return switch (op) {
      case NEGATIVE -> 0;
      case ABS -> 1;
      case SIGN -> 2;
      case SQRT -> 3;
      case SQUARE -> 4;
      case EXP -> 5;
      case EXP2 -> 6;
      case LOG -> 7;
      case LOG2 -> 8;
      case LOG10 -> 9;
      case LOG1P -> 10;
      case EXPM1 -> 11;
      case SIN -> 12;
      case COS -> 13;
      case TAN -> 14;
      case ARCSIN -> 15;
      case ARCCOS -> 16;
      case ARCTAN -> 17;
      case SINH -> 18;
      case COSH -> 19;
      case TANH -> 20;
      case FLOOR -> 21;
      case CEIL -> 22;
      case RINT -> 23;
      case TRUNC -> 24;
      case INVERT -> 25;
      case LOGICAL_NOT -> 26;
      case ISNAN -> 27;
      case ISINF -> 28;
      case ISFINITE -> 29;
      case CBRT -> 30;
      case SIGNBIT -> 31;
    };
  }

  static int of(ReduceOp op) {
    return switch (op) {
      case SUM -> 0;
      case PROD -> 1;
      case MIN -> 2;
      case MAX -> 3;
      case ARGMIN -> 4;
      case ARGMAX -> 5;
      case ANY -> 6;
      case ALL -> 7;
    };
  }
}
