package io.ndj.nd4j;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.javacpp.Pointer;

/**
 * Reuses large native blocks: a fresh 40 MB block costs more to page in than most ND4J ops take to run (malloc
 * maps such blocks anew each time), and ND4J's own allocations also zero them. Blocks of at least 1 MiB are kept
 * in size classes (eighths of a power of two) up to a quarter of the machine's memory; smaller ones go back to
 * malloc.
 */
final class NativePool {
  private static final long MIN = 1 << 20;
  private final long limit;
  private final Map<Long, ConcurrentLinkedDeque<Pointer>> free = new ConcurrentHashMap<>();
  private final AtomicLong cached = new AtomicLong();
  private final AtomicLong used = new AtomicLong();

  NativePool() {
    long total = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getTotalMemorySize()
        : 4L << 30;
    limit = total / 4;
  }

  /** The bytes actually reserved for a request of {@code bytes}: its size class when large. */
  static long size(long bytes) {
    long b = Math.max(bytes, 1);
    if (b < MIN) {
      return b;
    }
    long step = Long.highestOneBit(b) / 8;
    return (b + step - 1) / step * step;
  }

  /** A block of {@link #size}{@code (bytes)} bytes, contents unspecified. */
  Pointer take(long bytes) {
    long n = size(bytes);
    used.addAndGet(n);
    if (n >= MIN) {
      ConcurrentLinkedDeque<Pointer> q = free.get(n);
      Pointer p = q == null ? null : q.poll();
      if (p != null) {
        cached.addAndGet(-n);
        return p;
      }
    }
    Pointer p = Pointer.malloc(n);
    if (p == null || p.isNull()) {
      used.addAndGet(-n);
      throw new OutOfMemoryError("cannot allocate " + n + " bytes of native memory for backend nd4j");
    }
    return p;
  }

  /** Gives back a block {@link #take} returned for {@code bytes}. */
  void give(Pointer p, long bytes) {
    long n = size(bytes);
    used.addAndGet(-n);
    if (n >= MIN && cached.get() + n <= limit) {
      cached.addAndGet(n);
      free.computeIfAbsent(n, k -> new ConcurrentLinkedDeque<>()).push(p);
    } else {
      Pointer.free(p);
    }
  }

  long used() {
    return used.get();
  }

  long cached() {
    return cached.get();
  }

  /** Frees every cached block. */
  void trim() {
    for (ConcurrentLinkedDeque<Pointer> q : free.values()) {
      for (Pointer p = q.poll(); p != null; p = q.poll()) {
        cached.addAndGet(-p.capacity());
        Pointer.free(p);
      }
    }
    cached.set(0);
  }
}
