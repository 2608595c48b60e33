package io.ndj;

import io.ndj.spi.Buffer;
import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A backend buffer shared by an array and its views. Each holder retains it once and releases it once; the last
 * release gives the buffer back to the backend. A {@link Cleaner} watches the storage itself (one per buffer, not
 * one per view): when every array holding it has become unreachable without being closed, it gives the buffer back.
 */
final class Storage {
  /** Set {@code -Dndj.debugAllocations=true} to record where each live buffer was allocated. */
  static final boolean DEBUG = Boolean.getBoolean("ndj.debugAllocations");

  private static final Cleaner CLEANER = Cleaner.create();

  final Backend backend;
  final Buffer buffer;
  private final AtomicInteger refs = new AtomicInteger(1);
  private final Cleaner.Cleanable cleanable;

  /** The Cleaner's action: holds the buffer, never the storage. Runs once. */
  static final class Release implements Runnable {
    final Backend backend;
    final Buffer buffer;
    final Throwable allocatedAt;

    Release(Backend backend, Buffer buffer) {
      this.backend = backend;
      this.buffer = buffer;
      this.allocatedAt = DEBUG ? new Throwable("allocated here") : null;
    }

    @Override
    public void run() {
      backend.untrack(this);
      backend.kernels().free(buffer);
    }
  }

  Storage(Backend backend, Buffer buffer) {
    this.backend = backend;
    this.buffer = buffer;
    Release r = new Release(backend, buffer);
    backend.track(r);
    this.cleanable = CLEANER.register(this, r);
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
      cleanable.clean();
    }
  }
}
