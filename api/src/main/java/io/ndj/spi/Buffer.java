package io.ndj.spi;

/**
 * A block of memory owned by a backend. {@code io.ndj} reference-counts buffers and gives each back
 * exactly once through {@link Kernels#free(Buffer)}.
 */
public interface Buffer {
  /**
   * Capacity in bytes.
   *
   * @return the capacity in bytes
   */
  long byteSize();
}
