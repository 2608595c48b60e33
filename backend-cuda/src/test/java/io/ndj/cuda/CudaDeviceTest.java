package io.ndj.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ndj.Backend;
import io.ndj.DType;
import io.ndj.Nd;
import io.ndj.NdArray;
import io.ndj.spi.Availability;
import io.ndj.spi.MemoryInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The device itself: the seed on the GPU, the pool's bookkeeping, out-of-memory recovery. Skipped without one. */
class CudaDeviceTest {
  @BeforeEach
  void available() {
    Availability a = new CudaProvider().availability();
    assumeTrue(a.available(), "cuda backend unavailable: " + a.reason());
  }

  @Test
  void theSeedRunsOnTheGpu() {
    Backend gpu = Nd.backend("cuda");
    try (NdArray a = gpu.arange(6);
        NdArray x = a.reshape(2, 3).astype(DType.FLOAT32);
        NdArray s = x.sum(1)) {
      assertEquals("[[0. 1. 2.]\n [3. 4. 5.]]", x.toString());
      assertEquals("[ 3. 12.]", s.toString());
      assertTrue(gpu.memoryInfo().used() > 0);
    }
  }

  @Test
  void poolUsageReturnsToZeroAfterManyCycles() {
    try (Backend gpu = Backend.create(new CudaProvider())) {
      long[] sizes = {1, 100, 4096, 1 << 20, 3 << 20, 17};
      for (int i = 0; i < 200_000; i++) {
        try (NdArray a = gpu.empty(DType.UINT8, sizes[i % sizes.length])) {
          assertEquals(DType.UINT8, a.dtype());
        }
      }
      MemoryInfo m = gpu.memoryInfo();
      assertEquals(0, m.used());
      assertTrue(m.cached() > 0);
    }
  }

  @Test
  void allocationLargerThanTheCardFailsCleanlyAndTheNextOpWorks() {
    Backend gpu = Nd.backend("cuda");
    long total = gpu.memoryInfo().deviceTotal();
    DeviceOutOfMemoryException e = assertThrows(DeviceOutOfMemoryException.class,
        () -> gpu.empty(DType.FLOAT64, total / 8 + (1L << 28)));
    assertTrue(e.getMessage().contains("bytes"), e.getMessage());
    try (NdArray a = gpu.arange(10);
        NdArray s = a.sum()) {
      assertEquals(45, s.longValue());
    }
  }
}
