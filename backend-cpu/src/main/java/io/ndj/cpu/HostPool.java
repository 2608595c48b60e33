package io.ndj.cpu;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reuses large heap buffers: a fresh 40 MB array costs more to zero and page in than most kernels take to run,
 * and results written into memory that is already touched run at memory speed. Buffers of at least 1 MiB are kept
 * in size classes (eighths of a power of two) up to a quarter of the heap; smaller ones are left to the GC.
 */
final class HostPool {
  private static final long MIN_WORDS = (1 << 20) / 8;
  private final long limit = Runtime.getRuntime().maxMemory() / 4;
  private final Map<Long, ConcurrentLinkedDeque<long[]>> free = new ConcurrentHashMap<>();
  private final AtomicLong cached = new AtomicLong();

  /** Words for {@code bytes}, rounded up to the size class when large. */
  static long words(long bytes) {
    long w = (bytes + 7) / 8;
    if (w < MIN_WORDS) {
      return w;
    }
    long step = Long.highestOneBit(w) / 8;
    return (w + step - 1) / step * step;
  }

  long[] take(long words) {
    if (words >= MIN_WORDS) {
      ConcurrentLinkedDeque<long[]> q = free.get(words);
      long[] a = q == null ? null : q.poll();
      if (a != null) {
        cached.addAndGet(-words * 8);
        return a;
      }
    }
    if (words > Integer.MAX_VALUE - 8) {
      throw new OutOfMemoryError("cpu backend: " + words * 8 + " bytes exceed one Java array (16 GiB)");
    }
    return new long[(int) words];
  }

  void give(long[] a) {
    long bytes = (long) a.length * 8;
    if (a.length >= MIN_WORDS && cached.get() + bytes <= limit) {
      cached.addAndGet(bytes);
      free.computeIfAbsent((long) a.length, k -> new ConcurrentLinkedDeque<>()).push(a);
    }
  }

  long cached() {
    return cached.get();
  }
}
