package io.ndj;

import io.ndj.spi.Buffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A backend buffer shared by an array and its views. Each holder retains it once and releases it once; the last
 * release gives the buffer back to the backend.
 */
final class Storage {
  /** Set {@code -Dndj.debugAllocations=true} to record where each live buffer was allocated. */
  static final boolean DEBUG = Boolean.getBoolean("ndj.debugAllocations");

  final Backend backend;
  final Buffer buffer;
  private final AtomicInteger refs = new AtomicInteger(1);
  final Throwable allocatedAt;

  Storage(Backend backend, Buffer buffer) {
    this.backend = backend;
    this.buffer = buffer;
    this.allocatedAt = DEBUG ? new Throwable("allocated here") : null;
    backend.track(this);
  }

  void retain() {
    int r;
    do {
      r = refs.get();
      if (r <= 0) {
        throw new IllegalStateException("array is closed");
      }
    } while (!refs.compareAndSet(r, r + 1));
  }

  void release() {
    if (refs.decrementAndGet() == 0) {
      backend.untrack(this);
      backend.kernels().free(buffer);
    }
  }

  long byteSize() {
    return buffer.byteSize();
  }
}
