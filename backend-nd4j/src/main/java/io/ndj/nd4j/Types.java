package io.ndj.nd4j;

import io.ndj.DType;
import org.nd4j.linalg.api.buffer.DataType;

/** ndj dtypes and ND4J's. */
final class Types {
  private Types() {}

  static DataType of(DType t) {
    return switch (t) {
      case BOOL -> DataType.BOOL;
      case INT8 -> DataType.BYTE;
      case INT16 -> DataType.SHORT;
      case INT32 -> DataType.INT;
      case INT64 -> DataType.LONG;
      case UINT8 -> DataType.UBYTE;
      case UINT16 -> DataType.UINT16;
      case UINT32 -> DataType.UINT32;
      case UINT64 -> DataType.UINT64;
      case FLOAT16 -> DataType.HALF;
      case FLOAT32 -> DataType.FLOAT;
      case FLOAT64 -> DataType.DOUBLE;
      // ND4J has no complex type: ndj runs complex arrays on their float parts, never as ND4J's
      case COMPLEX64, COMPLEX128 ->
          throw new IllegalArgumentException("ND4J has no data type for " + t);
    };
  }

  /**
   * @throws IllegalArgumentException for ND4J types ndj has no dtype for
   */
  static DType of(DataType t) {
    return switch (t) {
      case BOOL -> DType.BOOL;
      case BYTE -> DType.INT8;
      case SHORT -> DType.INT16;
      case INT -> DType.INT32;
      case LONG -> DType.INT64;
      case UBYTE -> DType.UINT8;
      case UINT16 -> DType.UINT16;
      case UINT32 -> DType.UINT32;
      case UINT64 -> DType.UINT64;
      case HALF -> DType.FLOAT16;
      case FLOAT -> DType.FLOAT32;
      case DOUBLE -> DType.FLOAT64;
      default -> throw new IllegalArgumentException("ND4J data type " + t + " has no ndj dtype");
    };
  }
}
