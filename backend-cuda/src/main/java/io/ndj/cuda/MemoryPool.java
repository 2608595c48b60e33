package io.ndj.cuda;

import io.ndj.cuda.driver.DevicePtr;
import io.ndj.cuda.driver.Driver;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A caching device allocator, like CuPy's pool. Small requests (up to 1 MiB) use size classes in
 * 512-byte steps, cached per class. Large requests are carved from device segments: a free block at
 * least as large is taken (best fit) and split, the rest staying free; a freed block merges with
 * free neighbours of its segment. Freeing makes no CUDA call, so a {@link java.lang.ref.Cleaner}
 * may free from any thread; every later use of a reused block is ordered after earlier work by the
 * backend's single stream. On out of memory the cache (free segments and small blocks) is released
 * and the allocation retried once.
 */
final class MemoryPool {
  static final long SMALL = 1 << 20;
  static final long SEGMENT = 2L << 20;

  /** A piece of a segment; neighbours link the pieces of one segment in address order. */
  static final class Block {
    final DevicePtr base;
    long offset;
    long size;
    Block prev;
    Block next;
    boolean free;

    Block(DevicePtr base, long offset, long size) {
      this.base = base;
      this.offset = offset;
      this.size = size;
    }

    DevicePtr ptr() {
      return offset == 0 ? base : base.withByteOffset(offset);
    }
  }

  private final Driver driver;
  private final Map<Long, ArrayDeque<DevicePtr>> small = new HashMap<>();
  private final TreeMap<Long, ArrayDeque<Block>> large = new TreeMap<>();
  private long used;
  private long peak;
  private long cached;

  MemoryPool(Driver driver) {
    this.driver = driver;
  }

  static long sizeClass(long bytes) {
    return (Math.max(bytes, 1) + 511) & ~511L;
  }

  synchronized CudaBuffer allocate(long bytes) {
    long cls = sizeClass(bytes);
    CudaBuffer b = cls <= SMALL ? allocateSmall(bytes, cls) : allocateLarge(bytes, cls);
    if (b == null) {
      freeAllBlocks();
      b = cls <= SMALL ? allocateSmall(bytes, cls) : allocateLarge(bytes, cls);
    }
    if (b == null) {
      long[] mem = driver.memInfo();
      throw new DeviceOutOfMemoryException(bytes, used, cached, mem[0], mem[1]);
    }
    used += b.capacity();
    peak = Math.max(peak, used);
    return b;
  }

  private CudaBuffer allocateSmall(long bytes, long cls) {
    ArrayDeque<DevicePtr> list = small.get(cls);
    DevicePtr p = list == null ? null : list.poll();
    if (p != null) {
      cached -= cls;
    } else {
      p = driver.alloc(cls);
      if (p == null) {
        return null;
      }
    }
    return new CudaBuffer(p, bytes, cls, null);
  }

  private CudaBuffer allocateLarge(long bytes, long cls) {
    var e = large.ceilingEntry(cls);
    Block b;
    if (e != null) {
      b = e.getValue().poll();
      if (e.getValue().isEmpty()) {
        large.remove(e.getKey());
      }
      cached -= b.size;
    } else {
      long seg = (cls + SEGMENT - 1) / SEGMENT * SEGMENT;
      DevicePtr p = driver.alloc(seg);
      if (p == null) {
        return null;
      }
      b = new Block(p, 0, seg);
    }
    if (b.size - cls >= SMALL) {
      Block rest = new Block(b.base, b.offset + cls, b.size - cls);
      rest.prev = b;
      rest.next = b.next;
      if (b.next != null) {
        b.next.prev = rest;
      }
      b.next = rest;
      b.size = cls;
      addFree(rest);
    }
    b.free = false;
    return new CudaBuffer(b.ptr(), bytes, b.size, b);
  }

  private void addFree(Block b) {
    b.free = true;
    large.computeIfAbsent(b.size, k -> new ArrayDeque<>()).push(b);
    cached += b.size;
  }

  private void removeFree(Block b) {
    ArrayDeque<Block> q = large.get(b.size);
    q.remove(b);
    if (q.isEmpty()) {
      large.remove(b.size);
    }
    cached -= b.size;
  }

  synchronized void release(CudaBuffer buf) {
    used -= buf.capacity();
    Block b = buf.block();
    if (b == null) {
      small.computeIfAbsent(buf.capacity(), k -> new ArrayDeque<>()).push(buf.ptr());
      cached += buf.capacity();
      return;
    }
    if (b.next != null && b.next.free) {
      Block n = b.next;
      removeFree(n);
      b.size += n.size;
      b.next = n.next;
      if (n.next != null) {
        n.next.prev = b;
      }
    }
    if (b.prev != null && b.prev.free) {
      Block p = b.prev;
      removeFree(p);
      p.size += b.size;
      p.next = b.next;
      if (b.next != null) {
        b.next.prev = p;
      }
      b = p;
    }
    addFree(b);
  }

  /**
   * Gives every cached small block and every wholly free segment back to the driver (after pending
   * work).
   */
  synchronized void freeAllBlocks() {
    driver.makeCurrent();
    driver.synchronize();
    for (var e : small.entrySet()) {
      DevicePtr p;
      while ((p = e.getValue().poll()) != null) {
        driver.free(p);
        cached -= e.getKey();
      }
    }
    List<Block> whole = new ArrayList<>();
    for (ArrayDeque<Block> q : large.values()) {
      for (Block b : q) {
        if (b.prev == null && b.next == null) {
          whole.add(b);
        }
      }
    }
    for (Block b : whole) {
      removeFree(b);
      driver.free(b.base);
    }
  }

  /** The most bytes live buffers held at once since the last call; counting restarts from now. */
  synchronized long peak() {
    long p = peak;
    peak = used;
    return p;
  }

  synchronized long used() {
    return used;
  }

  synchronized long cached() {
    return cached;
  }

  /** Number of free large blocks (for tests of splitting and merging). */
  synchronized int freeLargeBlocks() {
    return large.values().stream().mapToInt(ArrayDeque::size).sum();
  }
}
