package io.ndj.cuda;

import io.ndj.cuda.driver.DevicePtr;
import io.ndj.cuda.driver.Driver;
import io.ndj.cuda.driver.Event;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Host transfers through pinned staging slots. The DMA engine only reads and writes pinned memory
 * at full speed, so every transfer is a host copy into (or out of) a slot plus an asynchronous copy
 * on the stream. A large transfer is dealt out in chunks of {@link #SLOT} to {@link #LANES} lanes
 * (the calling thread and helper threads), each with two slots of its own: a lane fills one slot
 * while the DMA engine drains its other, and queues its own copies, so no chunk waits on another
 * thread (one core's memcpy runs at a fifth of the PCIe link, and handing each chunk's parts
 * between threads cost more than the chunk's DMA: 12-15 GB/s with 8 MB chunks that way). An event
 * per slot tells when its last DMA is done. One transfer at a time (the methods are synchronized);
 * the stream orders them against kernels.
 */
final class Staging {
  static final long SLOT = 4L << 20;
  static final int LANES = Math.max(1, Math.min(16, Runtime.getRuntime().availableProcessors()));

  private final Driver driver;
  private final MemorySegment[] slots = new MemorySegment[2 * LANES];
  private final Event[] drained = new Event[2 * LANES];
  private final ExecutorService helpers;

  Staging(Driver driver) {
    this.driver = driver;
    for (int s = 0; s < drained.length; s++) {
      drained[s] = driver.event();
    }
    helpers =
        LANES == 1
            ? null
            : Executors.newFixedThreadPool(
                LANES - 1,
                r -> {
                  Thread t = new Thread(r, "ndj-cuda-staging");
                  t.setDaemon(true);
                  return t;
                });
  }

  /**
   * Copies {@code src} to device memory at {@code dst + dstOffset}; {@code src} may change once
   * this returns.
   */
  synchronized void write(DevicePtr dst, long dstOffset, MemorySegment src) {
    long size = src.byteSize();
    inLanes(
        size,
        (lane, chunks) -> {
          int k = 0;
          for (long c = lane; c < chunks; c += LANES, k++) {
            int s = 2 * lane + (k & 1);
            long at = c * SLOT;
            long n = Math.min(SLOT, size - at);
            driver.await(drained[s]); // the slot's previous DMA has read it
            MemorySegment.copy(src, at, slot(s), 0, n);
            driver.copyToDevice(dst, dstOffset + at, slot(s), n);
            driver.record(drained[s]);
          }
        });
  }

  /**
   * Copies device memory at {@code src + srcOffset} into {@code dst}, after all work queued before.
   */
  synchronized void read(DevicePtr src, long srcOffset, MemorySegment dst) {
    long size = dst.byteSize();
    inLanes(
        size,
        (lane, chunks) -> {
          // the lane's next chunk is on its way into the other slot while this one is copied out
          if (lane < chunks) {
            fetch(src, srcOffset, size, lane, 2 * lane);
          }
          int k = 0;
          for (long c = lane; c < chunks; c += LANES, k++) {
            int s = 2 * lane + (k & 1);
            if (c + LANES < chunks) {
              fetch(src, srcOffset, size, c + LANES, 2 * lane + ((k + 1) & 1));
            }
            driver.await(drained[s]);
            MemorySegment.copy(slots[s], 0, dst, c * SLOT, Math.min(SLOT, size - c * SLOT));
          }
        });
  }

  private interface Lane {
    void run(int lane, long chunks);
  }

  /**
   * Runs the lanes that have chunks: lane 0 on this thread, the others on the helpers; rethrows the
   * first failure.
   */
  private void inLanes(long size, Lane lane) {
    long chunks = (size + SLOT - 1) / SLOT;
    int used = (int) Math.min(LANES, chunks);
    List<Future<?>> pending = new ArrayList<>(Math.max(0, used - 1));
    for (int l = 1; l < used; l++) {
      int id = l;
      pending.add(
          helpers.submit(
              () -> {
                driver.makeCurrent();
                lane.run(id, chunks);
              }));
    }
    RuntimeException failure = null;
    try {
      driver.makeCurrent();
      lane.run(0, chunks);
    } catch (RuntimeException e) {
      failure = e;
    }
    for (Future<?> f : pending) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure =
            failure != null
                ? failure
                : new IllegalStateException("interrupted during a host transfer", e);
      } catch (ExecutionException e) {
        failure =
            failure != null
                ? failure
                : e.getCause() instanceof RuntimeException r
                    ? r
                    : new IllegalStateException(e.getCause());
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** Slots are pinned on first use: small transfers never pin more than one. */
  private MemorySegment slot(int s) {
    synchronized (slots) {
      if (slots[s] == null) {
        slots[s] = driver.allocPinned(SLOT);
      }
      return slots[s];
    }
  }

  private void fetch(DevicePtr src, long srcOffset, long size, long chunk, int s) {
    long at = chunk * SLOT;
    driver.await(drained[s]);
    driver.copyToHost(slot(s), src, srcOffset + at, Math.min(SLOT, size - at));
    driver.record(drained[s]);
  }

  synchronized void close() {
    if (helpers != null) {
      helpers.shutdown();
    }
    driver.synchronize();
    for (MemorySegment s : slots) {
      if (s != null) {
        driver.freePinned(s);
      }
    }
  }
}
