package io.ndj.cuda;

/**
 * One call's working memory from the backend's pool: every buffer taken is given back on close,
 * after the launches (later work on the stream runs after them), and also when a later one could
 * not be had (a sort that got three of its four buffers kept 51 GiB of an H100 in use for good).
 */
final class Working implements AutoCloseable {
  private final MemoryPool pool;
  private final java.util.ArrayList<CudaBuffer> held = new java.util.ArrayList<>();

  Working(MemoryPool pool) {
    this.pool = pool;
  }

  CudaBuffer take(long bytes) {
    CudaBuffer b = pool.allocate(bytes);
    held.add(b);
    return b;
  }

  @Override
  public void close() {
    for (CudaBuffer b : held) {
      pool.release(b);
    }
  }
}
