package io.ndj.cuda;

/**
 * The device could not provide a buffer even after the pool gave its cached blocks back. The
 * backend keeps working; close arrays (or call {@code freeAllBlocks()}) and retry.
 */
public final class DeviceOutOfMemoryException extends OutOfMemoryError {
  public DeviceOutOfMemoryException(
      long requested, long used, long cached, long deviceFree, long deviceTotal) {
    super(
        String.format(
            "out of memory on the CUDA device allocating %,d bytes: the pool holds %,d bytes in use and %,d cached;"
                + " the device has %,d of %,d bytes free",
            requested, used, cached, deviceFree, deviceTotal));
  }
}
