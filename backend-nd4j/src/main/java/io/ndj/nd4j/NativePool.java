package io.ndj.nd4j;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.javacpp.Pointer;

/**
 * Reuses large native blocks: a fresh 40 MB block costs more to page in than most ND4J ops take to
 * run (malloc maps such blocks anew each time), ND4J's own allocations also zero them, and the ND4J
 * objects describing a block cost more than a small op ({@link Block}). Blocks are kept in size
 * classes (powers of two below 1 MiB, eighths of a power of two above) up to a quarter of the
 * machine's memory.
 */
final class NativePool {
  private static final long MIN = 1 << 20;
  private final long limit;
  private final Map<Long, ConcurrentLinkedDeque<Block>> free = new ConcurrentHashMap<>();
  private final AtomicLong cached = new AtomicLong();
  private final AtomicLong used = new AtomicLong();
  private final AtomicLong peak = new AtomicLong();

  NativePool() {
    long total =
        ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os
            ? os.getTotalMemorySize()
            : 4L << 30;
    limit = total / 4;
  }

  /** The bytes actually reserved for a request of {@code bytes}: its size class when large. */
  static long size(long bytes) {
    long b = Math.max(bytes, 64);
    if (b < MIN) {
      return Long.highestOneBit(b - 1) << 1;
    }
    long step = Long.highestOneBit(b) / 8;
    return (b + step - 1) / step * step;
  }

  /** A block of {@link #size}{@code (bytes)} bytes, contents unspecified. */
  Block take(long bytes) {
    long n = size(bytes);
    peak.accumulateAndGet(used.addAndGet(n), Math::max);
    ConcurrentLinkedDeque<Block> q = free.get(n);
    Block b = q == null ? null : q.poll();
    if (b != null) {
      cached.addAndGet(-n);
      return b;
    }
    Pointer p = Pointer.malloc(n);
    if (p == null || p.isNull()) {
      used.addAndGet(-n);
      throw new OutOfMemoryError(
          "cannot allocate " + n + " bytes of native memory for backend nd4j");
    }
    if (n >= HUGE) {
      hugePages(p.address(), n);
    }
    return new Block(p, n);
  }

  private static final long HUGE = 4L << 20;
  private static final MethodHandle MADVISE = madvise();

  private static MethodHandle madvise() {
    try {
      Linker linker = Linker.nativeLinker();
      return linker
          .defaultLookup()
          .find("madvise")
          .map(
              f ->
                  linker.downcallHandle(
                      f,
                      FunctionDescriptor.of(
                          ValueLayout.JAVA_INT,
                          ValueLayout.ADDRESS,
                          ValueLayout.JAVA_LONG,
                          ValueLayout.JAVA_INT)))
          .orElse(null);
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
  }

  /**
   * Asks Linux for 2 MiB pages on a new block's whole pages, before anything touches them (as NumPy
   * does for its large arrays): one fault per 2 MiB instead of 512, and fewer TLB misses on every
   * pass. Best effort: where madvise is missing or refuses, the block keeps 4 KiB pages.
   */
  private static void hugePages(long address, long bytes) {
    if (MADVISE == null) {
      return;
    }
    long start = (address + 4095) & ~4095L;
    long end = (address + bytes) & ~4095L;
    try {
      int ignored =
          (int)
              MADVISE.invokeExact(
                  MemorySegment.ofAddress(start), end - start, 14 /* MADV_HUGEPAGE */);
    } catch (Throwable e) {
      // keep 4 KiB pages
    }
  }

  /** Gives back a block {@link #take} returned. */
  void give(Block b) {
    used.addAndGet(-b.size);
    if (cached.get() + b.size <= limit) {
      cached.addAndGet(b.size);
      free.computeIfAbsent(b.size, k -> new ConcurrentLinkedDeque<>()).push(b);
    } else {
      Pointer.free(b.memory);
    }
  }

  long used() {
    return used.get();
  }

  /** The most bytes live blocks held at once since the last call; counting restarts from now. */
  long peak() {
    return peak.getAndSet(used.get());
  }

  long cached() {
    return cached.get();
  }

  /** Frees every cached block. */
  void trim() {
    for (ConcurrentLinkedDeque<Block> q : free.values()) {
      for (Block b = q.poll(); b != null; b = q.poll()) {
        cached.addAndGet(-b.size);
        Pointer.free(b.memory);
      }
    }
    cached.set(0);
  }
}
