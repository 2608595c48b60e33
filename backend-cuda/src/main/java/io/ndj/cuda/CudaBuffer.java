package io.ndj.cuda;

import io.ndj.cuda.driver.DevicePtr;
import io.ndj.spi.Buffer;

/**
 * A device block from the pool: {@code byteSize} asked for, {@code capacity} what it occupies;
 * {@code block} is the pool's bookkeeping for split blocks (null for small size-class blocks).
 */
record CudaBuffer(DevicePtr ptr, long byteSize, long capacity, MemoryPool.Block block)
    implements Buffer {}
