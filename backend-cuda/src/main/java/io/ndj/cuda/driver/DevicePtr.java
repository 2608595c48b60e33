package io.ndj.cuda.driver;

import jcuda.driver.CUdeviceptr;

/**
 * A device address, as the rest of the backend holds one: JCuda's type stays inside this package.
 */
public final class DevicePtr {
  final CUdeviceptr raw;

  DevicePtr(CUdeviceptr raw) {
    this.raw = raw;
  }

  /**
   * The address {@code bytes} further on.
   *
   * @param bytes the distance in bytes
   * @return the new address
   */
  public DevicePtr withByteOffset(long bytes) {
    return bytes == 0 ? this : new DevicePtr(raw.withByteOffset(bytes));
  }
}
