package io.ndj.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The host pool: reuse by size and kind, and a full pool dropping its longest-cached buffers for new ones. */
class HostPoolTest {
  private static final long MB = 1 << 20;

  @Test
  void aFullPoolKeepsTheNewestSizes() {
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
    assertNotSame(a.array(), pool.take(4 * MB, CpuBuffer.Kind.DOUBLES).array(), "evicted, so made anew");
    assertEquals(0, pool.cached());
  }

  @Test
  void aBufferLargerThanThePoolLeavesItAlone() {
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
}
