package io.ndj.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** PCG64's jump ahead lands where that many steps do (the state a GPU kernel's draws leave). */
class Pcg64Test {
  @Test
  void advanceEqualsSteppingOneAtATime() {
    for (long seed : new long[] {0, 1, 12345, Long.MAX_VALUE}) {
      for (long delta : new long[] {0, 1, 2, 3, 63, 64, 1000, 4097}) {
        Pcg64 stepped = new Pcg64(seed);
        Pcg64 jumped = new Pcg64(seed);
        for (long i = 0; i < delta; i++) {
          stepped.next64();
        }
        jumped.advance(delta);
        assertArrayEquals(stepped.words(), jumped.words(), "seed " + seed + " delta " + delta);
        assertEquals(stepped.next64(), jumped.next64());
      }
    }
  }

  @Test
  void advanceComposes() {
    Pcg64 once = new Pcg64(7);
    Pcg64 twice = new Pcg64(7);
    once.advance(0x1234_5678_9abcL + 0x0fed_cba9L);
    twice.advance(0x1234_5678_9abcL);
    twice.advance(0x0fed_cba9L);
    assertArrayEquals(once.words(), twice.words());
    Pcg64 all = new Pcg64(7);
    all.advance(-1L); // 2^64 - 1 steps (unsigned), then one more
    all.advance(1);
    Pcg64 half = new Pcg64(7);
    half.advance(Long.MIN_VALUE); // 2^63, twice
    half.advance(Long.MIN_VALUE);
    assertArrayEquals(all.words(), half.words());
  }
}
