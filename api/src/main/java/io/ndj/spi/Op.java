package io.ndj.spi;

/**
 * Any operation a backend may or may not support for a dtype; see {@link Kernels#supports(Op,
 * io.ndj.DType)}.
 */
public sealed interface Op permits UnaryOp, BinaryOp, ReduceOp, ScanOp, DataOp {
  /**
   * The NumPy function name, used in messages ("sort is not supported for float16 on backend
   * nd4j").
   *
   * @return NumPy's name of the function
   */
  String numpyName();
}
