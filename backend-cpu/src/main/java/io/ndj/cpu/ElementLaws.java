package io.ndj.cpu;

import io.ndj.DType;
import io.ndj.cpu.memory.Access;
import io.ndj.spi.Philox;
import io.ndj.spi.View;
import java.lang.foreign.MemorySegment;
import java.util.function.LongSupplier;

/**
 * Laws drawn per element on their own Philox streams ({@code Kernels.poisson}, {@code
 * Kernels.binomial}, {@code Kernels.poissonRates}): element i takes the first 64 bits of the blocks
 * at counter {@code counter + i} under the keys {@code key + j * 0x9E3779B97F4A7C15}, j = 0, 1, 2,
 * ..., as io.ndj's host draws take them, to the bit. A run of elements has its first {@link #AHEAD}
 * draws made at once, a vector lane a block ({@link PhiloxRuns}): one block alone is a chain of ten
 * dependent rounds (17 ns on this 2-core VM), which the laws' one to four draws a value spent most
 * of their time in; later draws (rejections) one block at a time. On every core.
 */
final class ElementLaws {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  /** The most draws made ahead a value: inversion takes one, PTRS and BTPE two an attempt. */
  static final int AHEAD = 4;

  private static final int RUN = 1024;

  private ElementLaws() {}

  /** Element i's value from its stream. */
  interface Law {
    long draw(long i, LongSupplier bits);
  }

  /**
   * Fills the contiguous 1-d int64 {@code out}: element i is {@code law}'s value of i on element
   * i's stream, whose first {@code ahead} draws (at most 4: what the law takes at the least, or its
   * first two attempts) are made for a run of elements at once.
   */
  static void fill(View out, long key, long counter, int ahead, Law law) {
    MemorySegment so = DataKernels.seg(out);
    long n = out.shape()[0];
    long base = out.offset();
    Loop.split(
        n,
        Loop.PARALLEL_MIN / 64,
        (lo, hi) -> {
          Stream s = new Stream(key);
          long[] values = new long[RUN];
          for (long p = lo; p < hi; p += RUN) {
            int m = (int) Math.min(RUN, hi - p);
            for (int j = 0; j < ahead; j++) {
              PhiloxRuns.blocks(key + j * GOLDEN, counter + p, s.ahead[j], null, m);
            }
            for (int i = 0; i < m; i++) {
              values[i] = law.draw(p + i, s.at(i, counter + p + i, ahead));
            }
            Access.storeL(so, DType.INT64, base + p, 1, m, values);
          }
        });
  }

  /** One element's stream: its draws made ahead, then one block at a time. */
  private static final class Stream implements LongSupplier {
    final long[][] ahead = new long[AHEAD][RUN];
    private final long key;
    private int index;
    private long counter;
    private int j;
    private int made;

    Stream(long key) {
      this.key = key;
    }

    Stream at(int index, long counter, int made) {
      this.index = index;
      this.counter = counter;
      this.made = made;
      this.j = 0;
      return this;
    }

    @Override
    public long getAsLong() {
      int k = j++;
      return k < made ? ahead[k][index] : Philox.bits(key + k * GOLDEN, counter);
    }
  }
}
