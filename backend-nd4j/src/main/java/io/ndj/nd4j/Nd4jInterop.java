package io.ndj.nd4j;

import io.ndj.Backend;
import io.ndj.DType;
import io.ndj.NdArray;
import io.ndj.spi.View;
import java.lang.ref.Cleaner;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Moves arrays between ndj and ND4J without copying: both sides then see the same memory, and a
 * write through either is seen by the other. Memory stays alive while either side holds it.
 */
public final class Nd4jInterop {
  private static final Cleaner CLEANER = Cleaner.create();

  private Nd4jInterop() {}

  /**
   * An ndj array on the nd4j backend viewing {@code array}'s memory (shape, strides and offset as
   * ND4J has them).
   *
   * @throws IllegalArgumentException for ND4J data types ndj lacks (uint16/32/64, bfloat16, utf8)
   *     and for ND4J arrays without a buffer of their own (empty or compressed)
   */
  public static NdArray wrap(INDArray array) {
    return wrap(array, io.ndj.Nd.backend("nd4j"));
  }

  /** As {@link #wrap(INDArray)}, onto a given nd4j backend. */
  public static NdArray wrap(INDArray array, Backend backend) {
    requireNd4j(backend);
    DType dtype = Types.of(array.dataType());
    if (array.isEmpty() || array.data() == null) {
      throw new IllegalArgumentException(
          "ND4J array of shape "
              + java.util.Arrays.toString(array.shape())
              + " has no data buffer to share");
    }
    // a view's offset counts from the start of the buffer it was cut from
    DataBuffer data = array.data();
    while (data.originalDataBuffer() != null && data.originalDataBuffer() != data) {
      data = data.originalDataBuffer();
    }
    return backend.adopt(
        Nd4jBuffer.borrow(data), dtype, array.shape(), array.stride(), array.offset());
  }

  /**
   * An ND4J array viewing {@code array}'s memory. Negative strides (reversed views) cannot be
   * expressed in ND4J: such arrays are refused.
   *
   * @throws IllegalArgumentException if {@code array} is not on the nd4j backend or has a negative
   *     stride
   */
  public static INDArray toINDArray(NdArray array) {
    requireNd4j(array.backend());
    View v = array.kernelView();
    if (!Nd4jOps.addressable(v)) {
      throw new IllegalArgumentException(
          "ND4J cannot view an array with negative strides "
              + java.util.Arrays.toString(v.strides())
              + "; copy it first");
    }
    Nd4jBuffer b = (Nd4jBuffer) v.buffer();
    DataBuffer data = b.fresh(v.dtype());
    b.hold();
    CLEANER.register(data, b::release);
    return Nd4j.create(
        data, v.shape().clone(), v.strides().clone(), v.offset(), 'c', Types.of(v.dtype()));
  }

  private static void requireNd4j(Backend backend) {
    if (!backend.name().equals("nd4j")) {
      throw new IllegalArgumentException(
          "Nd4jInterop needs the nd4j backend, not " + backend.name());
    }
  }
}
