package io.ndj.cuda;

import io.ndj.cuda.driver.Driver;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;
import jcuda.driver.CUdeviceptr;

/**
 * A caching device allocator in size classes (multiples of 512 bytes up to 1 MiB, of 2 MiB above): freed blocks go
 * to a free list of their class and are reused without a driver call. Freeing makes no CUDA call, so a {@link
 * java.lang.ref.Cleaner} may free from any thread; every later use of a reused block is ordered after earlier work
 * by the backend's single stream. On out of memory the cache is released and the allocation retried once.
 */
final class MemoryPool {
  private final Driver driver;
  private final Map<Long, ConcurrentLinkedDeque<CUdeviceptr>> free = new ConcurrentHashMap<>();
  private final AtomicLong used = new AtomicLong();
  private final AtomicLong cached = new AtomicLong();

  MemoryPool(Driver driver) {
    this.driver = driver;
  }

  static long sizeClass(long bytes) {
    long b = Math.max(bytes, 1);
    if (b <= (1 << 20)) {
      return (b + 511) & ~511L;
    }
    long big = 2L << 20;
    return (b + big - 1) / big * big;
  }

  CudaBuffer allocate(long bytes) {
    long cls = sizeClass(bytes);
    ConcurrentLinkedDeque<CUdeviceptr> list = free.get(cls);
    CUdeviceptr p = list == null ? null : list.poll();
    if (p != null) {
      cached.addAndGet(-cls);
    } else {
      p = driver.alloc(cls);
      if (p == null) {
        freeAllBlocks();
        p = driver.alloc(cls);
      }
      if (p == null) {
        long[] mem = driver.memInfo();
        throw new DeviceOutOfMemoryException(bytes, used.get(), cached.get(), mem[0], mem[1]);
      }
    }
    used.addAndGet(cls);
    return new CudaBuffer(p, bytes, cls);
  }

  void release(CudaBuffer b) {
    used.addAndGet(-b.capacity());
    cached.addAndGet(b.capacity());
    free.computeIfAbsent(b.capacity(), k -> new ConcurrentLinkedDeque<>()).push(b.ptr());
  }

  /** Gives every cached block back to the driver (waits for pending work first). */
  synchronized void freeAllBlocks() {
    driver.makeCurrent();
    driver.synchronize();
    for (var e : free.entrySet()) {
      CUdeviceptr p;
      while ((p = e.getValue().poll()) != null) {
        driver.free(p);
        cached.addAndGet(-e.getKey());
      }
    }
  }

  long used() {
    return used.get();
  }

  long cached() {
    return cached.get();
  }
}
