package io.ndj.cuda;

import io.ndj.spi.Buffer;
import jcuda.driver.CUdeviceptr;

/** A device block from the pool: {@code byteSize} asked for, {@code capacity} its size class. */
record CudaBuffer(CUdeviceptr ptr, long byteSize, long capacity) implements Buffer {}
