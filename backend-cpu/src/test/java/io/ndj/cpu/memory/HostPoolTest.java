package io.ndj.cpu.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/**
 * The host pool: reuse by size and kind, and a full pool dropping its longest-cached buffers for
 * new ones.
 */
class HostPoolTest {
  private static final long MB = 1 << 20;

  @Test
  void aFullPoolKeepsTheNewestSizes() {
    assumeTrue(
        HostPool.OFF_HEAP_WORDS > 1 << 24,
        "large buffers are native memory in this run (ndj.cpu.offHeapFrom)");
    HostPool pool = new HostPool(10 * MB);
    CpuBuffer a = pool.take(4 * MB, CpuBuffer.Kind.DOUBLES);
    CpuBuffer b = pool.take(5 * MB, CpuBuffer.Kind.DOUBLES);
    CpuBuffer c = pool.take(3 * MB, CpuBuffer.Kind.FLOATS);
    pool.give(a);
    pool.give(b);
    assertEquals(9 * MB, pool.cached());
    pool.give(c); // 12 MB would not fit: the oldest (a) goes
    assertEquals(8 * MB, pool.cached());
    assertSame(b.array(), pool.take(5 * MB, CpuBuffer.Kind.DOUBLES).array());
    assertSame(c.array(), pool.take(3 * MB, CpuBuffer.Kind.FLOATS).array());
    assertNotSame(
        a.array(), pool.take(4 * MB, CpuBuffer.Kind.DOUBLES).array(), "evicted, so made anew");
    assertEquals(0, pool.cached());
  }

  @Test
  void aBufferLargerThanThePoolLeavesItAlone() {
    assumeTrue(
        HostPool.OFF_HEAP_WORDS > 1 << 24,
        "large buffers are native memory in this run (ndj.cpu.offHeapFrom)");
    HostPool pool = new HostPool(10 * MB);
    CpuBuffer a = pool.take(4 * MB, CpuBuffer.Kind.LONGS);
    pool.give(a);
    pool.give(pool.take(12 * MB, CpuBuffer.Kind.LONGS));
    assertEquals(4 * MB, pool.cached());
    assertSame(a.array(), pool.take(4 * MB, CpuBuffer.Kind.LONGS).array());
    // a taken buffer is no longer the oldest: giving two more evicts nothing that is out
    CpuBuffer x = pool.take(6 * MB, CpuBuffer.Kind.LONGS);
    CpuBuffer y = pool.take(6 * MB, CpuBuffer.Kind.LONGS);
    pool.give(x);
    pool.give(y);
    assertTrue(pool.cached() <= 10 * MB);
    assertSame(y.array(), pool.take(6 * MB, CpuBuffer.Kind.LONGS).array());
  }

  @Test
  void smallBuffersComeBackByExactSizeAndKindSixteenAtMost() {
    HostPool pool = new HostPool(10 * MB);
    CpuBuffer[] held = new CpuBuffer[20];
    for (int i = 0; i < held.length; i++) {
      held[i] = pool.take(4000, CpuBuffer.Kind.FLOATS);
    }
    for (CpuBuffer b : held) {
      pool.give(b);
    }
    assertEquals(16 * 4000, pool.cached(), "sixteen of one size are kept");
    assertTrue(
        pool.take(4000, CpuBuffer.Kind.DOUBLES).array() instanceof double[],
        "another kind is made anew");
    assertEquals(16 * 4000, pool.cached(), "and takes none of the floats");
    CpuBuffer again = pool.take(4000, CpuBuffer.Kind.FLOATS);
    assertSame(held[15], again, "the last given comes back first, as it was");
    CpuBuffer shorter = pool.take(3996, CpuBuffer.Kind.FLOATS); // the same 500 words
    assertSame(held[14].array(), shorter.array());
    assertEquals(3996, shorter.byteSize());
    assertEquals(14 * 4000, pool.cached());
    assertNotSame(
        held[0].array(), pool.take(4008, CpuBuffer.Kind.FLOATS).array(), "501 words: made anew");
  }

  /**
   * Past the off-heap bound a buffer is native memory, zeroed, addressable as any other, freed when
   * given back.
   */
  @Test
  void buffersPastTheOffHeapBoundAreNativeAndFreedOnGive() {
    assumeTrue(HostPool.OFF_HEAP_WORDS < 1 << 20, "runs where ndj.cpu.offHeapFrom is set low");
    HostPool pool = new HostPool(1L << 30);
    long bytes = HostPool.OFF_HEAP_WORDS * 8 + 24;
    CpuBuffer b = pool.take(bytes, CpuBuffer.Kind.DOUBLES);
    assertTrue(b.isOffHeap() && b.segment().isNative(), "native memory");
    assertEquals(bytes, b.byteSize());
    assertEquals(0L, b.segment().get(ValueLayout.JAVA_LONG, bytes - 8), "zeroed");
    b.segment().set(ValueLayout.JAVA_LONG, bytes - 8, 42L);
    pool.give(b);
    assertTrue(!b.segment().scope().isAlive(), "freed on give, not pooled");
  }
}
