package io.ndj.cuda.driver;

/** A CUDA driver call failed; the message names the call and the driver's error. */
public class CudaException extends RuntimeException {
  private final int result;

  public CudaException(String message) {
    this(message, -1);
  }

  public CudaException(String message, int result) {
    super(message);
    this.result = result;
  }

  /** The driver's {@code CUresult}, or -1. */
  public int result() {
    return result;
  }
}
