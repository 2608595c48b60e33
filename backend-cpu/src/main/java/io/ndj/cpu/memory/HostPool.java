package io.ndj.cpu.memory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reuses heap buffers. Large ones (1 MiB and up, in size classes of eighths of a power of two, up
 * to a quarter of the heap): a fresh 40 MB array costs more to zero and page in than most kernels
 * take to run, and results written into memory that is already touched run at memory speed. Small
 * ones (a few per exact size, 64 MiB in all): a tiny op's cost was mostly making a new array and
 * its segment. Buffers come back as they were left, not zeroed.
 */
public final class HostPool {
  private static final long MIN_WORDS = (1 << 20) / 8;
  private static final int SMALL_PER_SIZE = 16;

  /**
   * Buffers of more words than this are native memory: past one long[] (16 GiB), or a test's lower
   * bound.
   */
  static final long OFF_HEAP_WORDS =
      Math.min(
          Integer.MAX_VALUE - 8,
          Math.max(1, Long.getLong("ndj.cpu.offHeapFrom", Long.MAX_VALUE) / 8));

  private final long limit;
  private final long smallLimit;
  private static final int RECENT = 64;
  private final Map<Long, ConcurrentLinkedDeque<CpuBuffer>> free = new ConcurrentHashMap<>();
  private final Map<Long, Stack> small = new ConcurrentHashMap<>();
  private final Stack[] recent = new Stack[RECENT];
  private final AtomicLong cached = new AtomicLong();
  private final AtomicLong cachedSmall = new AtomicLong();

  /**
   * The cached large buffers, longest cached first: a full pool drops these to keep the newest
   * sizes.
   */
  private final ConcurrentLinkedDeque<CpuBuffer> largeOrder = new ConcurrentLinkedDeque<>();

  public HostPool() {
    this(Runtime.getRuntime().maxMemory() / 4);
  }

  /** A pool holding at most {@code limit} bytes of large buffers. */
  public HostPool(long limit) {
    this.limit = limit;
    this.smallLimit = Math.min(64L << 20, limit / 4);
  }

  /** Words for {@code bytes}, rounded up to the size class when large. */
  static long words(long bytes) {
    long w = (bytes + 7) / 8;
    if (w < MIN_WORDS) {
      return w;
    }
    long step = Long.highestOneBit(w) / 8;
    return (w + step - 1) / step * step;
  }

  /**
   * A buffer of {@code bytes} (its words rounded by {@link #words}) held as {@code kind}, reused
   * when one of that size and kind is free.
   */
  public CpuBuffer take(long bytes, CpuBuffer.Kind kind) {
    long words = words(bytes);
    CpuBuffer b;
    if (words < MIN_WORDS) {
      b = stack(key(words, kind)).pop();
      if (b != null) {
        cachedSmall.addAndGet(-words * 8);
      }
    } else {
      ConcurrentLinkedDeque<CpuBuffer> q = free.get(key(words, kind));
      b = q == null ? null : q.poll();
      if (b != null) {
        cached.addAndGet(-words * 8);
        largeOrder.removeFirstOccurrence(b);
      }
    }
    if (b != null) {
      return b.byteSize() == bytes ? b : new CpuBuffer(b.segment(), b.array(), bytes);
    }
    if ((kind == CpuBuffer.Kind.FLOATS || kind == CpuBuffer.Kind.INTS)
        && words > Integer.MAX_VALUE / 2 - 8) {
      kind = CpuBuffer.Kind.LONGS; // beyond one float[] or int[]: a long[] holds twice as much
    }
    if (words > OFF_HEAP_WORDS) {
      return CpuBuffer.offHeap(bytes);
    }
    try {
      return CpuBuffer.of(kind, (int) words, bytes);
    } catch (OutOfMemoryError e) {
      if (words < MIN_WORDS) {
        throw e;
      }
      // the heap cannot place it (after the collector's own last try): a large array goes to
      // native memory, as one past 16 GiB does, where a 2 GiB array beside two others on a 6 GiB
      // heap would fail
      return CpuBuffer.offHeap(bytes);
    }
  }

  /** Drops every cached buffer, for the garbage collector to take. */
  public void clear() {
    for (CpuBuffer b; (b = largeOrder.pollFirst()) != null; ) {
      ConcurrentLinkedDeque<CpuBuffer> q = free.get(key(b.words(), b.kind()));
      if (q != null && q.removeFirstOccurrence(b)) {
        cached.addAndGet(-b.words() * 8);
      }
    }
    for (Stack st : small.values()) {
      for (CpuBuffer b; (b = st.pop()) != null; ) {
        cachedSmall.addAndGet(-b.words() * 8);
      }
    }
  }

  private static long key(long words, CpuBuffer.Kind kind) {
    return words * 4 + kind.ordinal();
  }

  public void give(CpuBuffer b) {
    if (b.isOffHeap()) {
      b.freeOffHeap();
      return;
    }
    long words = b.words();
    long bytes = words * 8;
    if (words < MIN_WORDS) {
      if (cachedSmall.get() + bytes <= smallLimit && stack(key(words, b.kind())).push(b)) {
        cachedSmall.addAndGet(bytes);
      }
      return;
    }
    if (bytes > limit) {
      return;
    }
    // a full pool drops its longest-cached buffers (sizes of earlier work) for this one: else the
    // heap grows for
    // every new size, into memory never touched, whose first touch is slow (a 1e7 mask select took
    // 220 ms after
    // the rest of the bench, 28 ms alone)
    while (cached.get() + bytes > limit) {
      CpuBuffer old = largeOrder.pollFirst();
      if (old == null) {
        return;
      }
      ConcurrentLinkedDeque<CpuBuffer> oq = free.get(key(old.words(), old.kind()));
      if (oq != null && oq.removeFirstOccurrence(old)) {
        cached.addAndGet(-old.words() * 8);
      }
    }
    free.computeIfAbsent(key(words, b.kind()), k -> new ConcurrentLinkedDeque<>()).push(b);
    cached.addAndGet(bytes);
    largeOrder.addLast(b);
  }

  /**
   * The free small buffers of one size and kind: a bounded stack, so that a tiny op's take and give
   * allocate nothing (a deque's node and a boxed map key were a sixth of a 1000-element add's
   * garbage, whose first touch of new heap pages costs more than the add here).
   */
  private static final class Stack {
    final long key;
    private final CpuBuffer[] items = new CpuBuffer[SMALL_PER_SIZE];
    private int size;

    Stack(long key) {
      this.key = key;
    }

    synchronized CpuBuffer pop() {
      if (size == 0) {
        return null;
      }
      CpuBuffer b = items[--size];
      items[size] = null;
      return b;
    }

    synchronized boolean push(CpuBuffer b) {
      if (size == items.length) {
        return false;
      }
      items[size++] = b;
      return true;
    }
  }

  /**
   * The stack for a key: from a small table of recently used ones, else the map (which boxes the
   * key).
   */
  private Stack stack(long key) {
    int slot = (int) (key ^ key >>> 9) & (RECENT - 1);
    Stack s = recent[slot];
    if (s == null || s.key != key) {
      s = small.computeIfAbsent(key, Stack::new);
      recent[slot] = s; // a racing write leaves one or the other: both are the map's stacks
    }
    return s;
  }

  public long cached() {
    return cached.get() + cachedSmall.get();
  }
}
