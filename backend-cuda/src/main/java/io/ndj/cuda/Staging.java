package io.ndj.cuda;

import io.ndj.cuda.driver.Driver;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUevent;

/**
 * Host transfers through a ring of pinned staging slots. The DMA engine only reads and writes pinned memory at full
 * speed, so every transfer is a host copy into (or out of) a slot plus an asynchronous copy on the stream. With one
 * slot those two steps alternate (8 GB/s on an H100 host); with a ring they overlap: while the DMA engine moves
 * chunk i, the host fills (or empties) the slot of chunk i + 1, and the host copies of large chunks are split over
 * a few threads, since one core's memcpy is slower than the PCIe link. An event per slot tells when its last DMA
 * is done. One transfer at a time (the methods are synchronized); the stream orders them against kernels.
 */
final class Staging {
  static final long SLOT = 32L << 20;
  static final int SLOTS = 4;
  /** Host copies below this stay on the calling thread. */
  private static final long PART = 2L << 20;

  private final Driver driver;
  private final MemorySegment[] slots = new MemorySegment[SLOTS];
  private final CUevent[] drained = new CUevent[SLOTS];
  private final ExecutorService helpers;
  private final int parts;

  Staging(Driver driver) {
    this.driver = driver;
    for (int s = 0; s < SLOTS; s++) {
      drained[s] = driver.event();
    }
    parts = Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));
    helpers = parts == 1 ? null : Executors.newFixedThreadPool(parts - 1, r -> {
      Thread t = new Thread(r, "ndj-cuda-staging");
      t.setDaemon(true);
      return t;
    });
  }

  /** Copies {@code src} to device memory at {@code dst + dstOffset}; {@code src} may change once this returns. */
  synchronized void write(CUdeviceptr dst, long dstOffset, MemorySegment src) {
    driver.makeCurrent();
    long size = src.byteSize();
    for (long at = 0, chunk = 0; at < size; at += SLOT, chunk++) {
      int s = (int) (chunk % SLOTS);
      long n = Math.min(SLOT, size - at);
      driver.await(drained[s]); // the slot's previous DMA has read it
      copy(src, at, slot(s), 0, n);
      driver.copyToDevice(dst, dstOffset + at, slot(s), n);
      driver.record(drained[s]);
    }
  }

  /** Copies device memory at {@code src + srcOffset} into {@code dst}, after all work queued before. */
  synchronized void read(CUdeviceptr src, long srcOffset, MemorySegment dst) {
    driver.makeCurrent();
    long size = dst.byteSize();
    long chunks = (size + SLOT - 1) / SLOT;
    for (long c = 0; c < Math.min(SLOTS, chunks); c++) {
      fetch(src, srcOffset, size, c);
    }
    for (long c = 0; c < chunks; c++) {
      int s = (int) (c % SLOTS);
      driver.await(drained[s]);
      copy(slots[s], 0, dst, c * SLOT, Math.min(SLOT, size - c * SLOT));
      if (c + SLOTS < chunks) {
        fetch(src, srcOffset, size, c + SLOTS); // into the slot just emptied
      }
    }
  }

  /** Slots are pinned on first use: small transfers never pin more than one. */
  private MemorySegment slot(int s) {
    if (slots[s] == null) {
      slots[s] = driver.allocPinned(SLOT);
    }
    return slots[s];
  }

  private void fetch(CUdeviceptr src, long srcOffset, long size, long chunk) {
    int s = (int) (chunk % SLOTS);
    long at = chunk * SLOT;
    driver.copyToHost(slot(s), src, srcOffset + at, Math.min(SLOT, size - at));
    driver.record(drained[s]);
  }

  /** A host copy, split into page-aligned parts over the helper threads when it is large. */
  private void copy(MemorySegment src, long srcOffset, MemorySegment dst, long dstOffset, long n) {
    int k = (int) Math.min(parts, n / PART);
    if (k <= 1) {
      MemorySegment.copy(src, srcOffset, dst, dstOffset, n);
      return;
    }
    long piece = ((n + k - 1) / k + 4095) & ~4095L;
    List<Future<?>> pending = new ArrayList<>(k - 1);
    for (long at = piece; at < n; at += piece) {
      long from = at;
      long len = Math.min(piece, n - at);
      pending.add(helpers.submit(() -> MemorySegment.copy(src, srcOffset + from, dst, dstOffset + from, len)));
    }
    MemorySegment.copy(src, srcOffset, dst, dstOffset, Math.min(piece, n));
    for (Future<?> f : pending) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted during a host transfer", e);
      } catch (ExecutionException e) {
        throw new IllegalStateException("host copy failed: " + e.getCause(), e.getCause());
      }
    }
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
