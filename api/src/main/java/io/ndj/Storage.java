package io.ndj;

import io.ndj.spi.Buffer;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Cleaner;

/**
 * A backend buffer shared by an array and its views. Each holder retains it once and releases it
 * once; the last release gives the buffer back to the backend. A {@link Cleaner} watches the
 * storage itself (one per buffer, not one per view): when every array holding it has become
 * unreachable without being closed, it gives the buffer back.
 */
final class Storage {
  /** Set {@code -Dndj.debugAllocations=true} to record where each live buffer was allocated. */
  static final boolean DEBUG = Boolean.getBoolean("ndj.debugAllocations");

  private static final Cleaner CLEANER = Cleaner.create();
  private static final VarHandle REFS = NdArray.intField(MethodHandles.lookup(), "refs");

  final Backend backend;

  /**
   * The buffer; null once the last holder has released it, so that a closed array that is still
   * reachable (an open scope lists it) does not keep the memory from the garbage collector.
   */
  Buffer buffer;

  /**
   * Holders; a plain field updated through {@link #REFS} (an AtomicInteger was one more object per
   * buffer).
   */
  private volatile int refs = 1;

  private final Cleaner.Cleanable cleanable;

  /** The Cleaner's action: holds the buffer, never the storage. Runs once. */
  static final class Release implements Runnable {
    final Backend backend;

    /** Null once given back: the storage's Cleanable keeps this action reachable. */
    Buffer buffer;

    final Throwable allocatedAt;

    /** Neighbours in the backend's list of live buffers (guarded by the backend's lock). */
    Release prev;

    Release next;

    /** What the wrapped memory's owner gave ndj to close once no array uses it, or null. */
    final AutoCloseable owner;

    Release(Backend backend, Buffer buffer, AutoCloseable owner) {
      this.backend = backend;
      this.buffer = buffer;
      this.owner = owner;
      this.allocatedAt = DEBUG ? new Throwable("allocated here") : null;
    }

    @Override
    public void run() {
      backend.untrack(this);
      backend.kernels().free(buffer);
      buffer = null;
      if (owner != null) {
        try {
          owner.close();
        } catch (Exception e) {
          throw new IllegalStateException("closing the owner of wrapped memory failed", e);
        }
      }
    }
  }

  /**
   * The caller's memory that the buffer wraps ({@code Nd.wrap}), checked before each use; null for
   * the backend's own memory.
   */
  final java.lang.foreign.MemorySegment borrowed;

  Storage(Backend backend, Buffer buffer) {
    this(backend, buffer, null, null);
  }

  Storage(
      Backend backend,
      Buffer buffer,
      java.lang.foreign.MemorySegment borrowed,
      AutoCloseable owner) {
    this.backend = backend;
    this.borrowed = borrowed;
    this.buffer = buffer;
    Release r = new Release(backend, buffer, owner);
    backend.track(r);
    this.cleanable = CLEANER.register(this, r);
  }

  void retain() {
    int r;
    do {
      r = refs;
      if (r <= 0) {
        throw new IllegalStateException("array is closed");
      }
    } while (!REFS.compareAndSet(this, r, r + 1));
  }

  void release() {
    if ((int) REFS.getAndAdd(this, -1) == 1) {
      cleanable.clean();
      buffer = null;
    }
  }
}
