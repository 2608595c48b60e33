package io.ndj.cuda;

import io.ndj.DType;
import io.ndj.cuda.driver.DevicePtr;
import io.ndj.cuda.driver.Driver;
import io.ndj.cuda.driver.Function;
import io.ndj.spi.Buffer;
import io.ndj.spi.View;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The launch helper every family's class extends: one device's driver, memory pool and cache of
 * kernel functions (shared by all the families of a backend), and the grid shapes they launch with.
 */
class Launch {
  static final int THREADS = 256;

  final Driver driver;
  final MemoryPool pool;
  final int maxBlocks;
  private final Map<String, Function> functions;

  Launch(Driver driver, MemoryPool pool) {
    this.driver = driver;
    this.pool = pool;
    this.maxBlocks = driver.multiprocessors() * 32;
    this.functions = new ConcurrentHashMap<>();
  }

  /** A family over the same device, pool and kernel cache as {@code shared}. */
  Launch(Launch shared) {
    this.driver = shared.driver;
    this.pool = shared.pool;
    this.maxBlocks = shared.maxBlocks;
    this.functions = shared.functions;
  }

  /** One cached {@code Function} per kernel name. */
  Function fn(String name) {
    return functions.computeIfAbsent(name, driver::function);
  }

  /** Launches {@code kernel} over {@code work} items: a grid-stride loop on at most maxBlocks. */
  void launch(String kernel, long work, Object... args) {
    driver.makeCurrent();
    int blocks = (int) Math.max(1, Math.min(maxBlocks, (work + THREADS - 1) / THREADS));
    driver.launch(fn(kernel), blocks, THREADS, Driver.args(args));
  }

  /**
   * Launches a kernel built on perUnit over {@code n} elements of {@code t}: a thread per 16-byte
   * unit and a few for the tail. Returns false, launching nothing, when that grid would be too
   * large.
   */
  boolean launchPerUnit(String kernel, DType t, long n, Object... args) {
    long lanes = 16 / t.itemsize();
    long blocks = (n / lanes + lanes + THREADS - 1) / THREADS;
    if (blocks > Integer.MAX_VALUE) {
      return false;
    }
    driver.makeCurrent();
    driver.launch(fn(kernel), (int) blocks, THREADS, Driver.args(args));
    return true;
  }

  /** A kernel allowed {@code bytes} of dynamic shared memory. */
  Function sharedKernel(String name, int bytes) {
    return functions.computeIfAbsent(
        name,
        n -> {
          Function f = driver.function(n);
          driver.allowShared(f, bytes);
          return f;
        });
  }

  static DevicePtr ptr(View v) {
    return ((CudaBuffer) v.buffer()).ptr();
  }

  static DevicePtr ptr(Buffer b) {
    return ((CudaBuffer) b).ptr();
  }

  /** The address of a view's first element. */
  static DevicePtr at(View v) {
    return ptr(v).withByteOffset(v.offset() * v.dtype().itemsize());
  }
}
