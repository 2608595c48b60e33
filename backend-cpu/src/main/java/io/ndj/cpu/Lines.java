package io.ndj.cpu;

import io.ndj.cpu.memory.Scratch;
import io.ndj.cpu.reduce.Reducer;
import io.ndj.spi.Strided;
import io.ndj.spi.View;

/**
 * Visits the 1-d lines of two same-shaped views along one axis (for scans, sorts), in parallel when
 * many.
 */
public final class Lines {
  private Lines() {}

  interface Task {
    /**
     * One line: element j of out is at {@code outBase + j*outStride}, of in at {@code inBase +
     * j*inStride}.
     */
    void line(long outBase, long inBase, Scratch s);
  }

  /**
   * Per-task scratch arrays of at least one line's length, each taken on first use (a sort of
   * floats never needs the longs). They come from a per-thread cache of softly held arrays: a sort
   * of 1e7 values in a fresh JVM spent most of its time faulting in new heap pages for arrays it
   * had just dropped, so long lines reuse them.
   */
  static final class Scratch {
    private static final ThreadLocal<Cache> CACHE = ThreadLocal.withInitial(Cache::new);

    private final int n;
    private final Cache cache = CACHE.get();
    private double[] d;
    private long[] l;
    private long[] l2;
    private long[] idx;
    private int[] i1;
    private int[] i2;

    Scratch(int n) {
      this.n = n;
    }

    double[] d() {
      if (d == null) {
        d = cache.d.get(n);
      }
      return d;
    }

    long[] l() {
      if (l == null) {
        l = cache.l.get(n);
      }
      return l;
    }

    long[] l2() {
      if (l2 == null) {
        l2 = cache.l2.get(n);
      }
      return l2;
    }

    long[] idx() {
      if (idx == null) {
        idx = cache.idx.get(n);
      }
      return idx;
    }

    int[] i1() {
      if (i1 == null) {
        i1 = cache.i1.get(n);
      }
      return i1;
    }

    int[] i2() {
      if (i2 == null) {
        i2 = cache.i2.get(n);
      }
      return i2;
    }
  }

  /**
   * One thread's arrays, by role; short lines get fresh arrays (cheap), long ones the cached array
   * if it fits.
   */
  private static final class Cache {
    final Slot<double[]> d = new Slot<>(double[]::new, a -> a.length);
    final Slot<long[]> l = new Slot<>(long[]::new, a -> a.length);
    final Slot<long[]> l2 = new Slot<>(long[]::new, a -> a.length);
    final Slot<long[]> idx = new Slot<>(long[]::new, a -> a.length);
    final Slot<int[]> i1 = new Slot<>(int[]::new, a -> a.length);
    final Slot<int[]> i2 = new Slot<>(int[]::new, a -> a.length);
  }

  /**
   * One softly held array, reused by its thread for requests that fit (shorter ones, below 64Ki
   * elements, get fresh arrays: cheap). Contents are left as the last user left them.
   */
  public static final class Slot<A> {
    private static final int CACHED = 1 << 16;
    private final java.util.function.IntFunction<A> make;
    private final java.util.function.ToIntFunction<A> length;
    private java.lang.ref.SoftReference<A> held;

    public Slot(
        java.util.function.IntFunction<A> make, java.util.function.ToIntFunction<A> length) {
      this.make = make;
      this.length = length;
    }

    public A get(int n) {
      if (n < CACHED) {
        return make.apply(n);
      }
      A a = held == null ? null : held.get();
      if (a == null || length.applyAsInt(a) < n) {
        a = make.apply(n);
        held = new java.lang.ref.SoftReference<>(a);
      }
      return a;
    }
  }

  /** One line of any length, by its first elements' offsets in out and in. */
  public interface LineTask {
    void line(long outOffset, long inOffset);
  }

  /**
   * Runs a task from {@code tasks} on every line along {@code axis}, lines split among the cores;
   * each share of the lines gets a task of its own (for its scratch). Lines may be longer than a
   * Java array: the task walks them.
   */
  public static void forEachLine(
      View out, View in, int axis, java.util.function.Supplier<LineTask> tasks) {
    Strided.Split split = Strided.split(out, in, axis);
    Strided.Layout lay = Strided.coalesce(split.keptShape(), split.keptOut(), split.keptIn());
    long len = in.shape()[axis];
    long[][] offs = Reducer.enumerate(lay, out.offset(), in.offset());
    Loop.split(
        lay.size(),
        Math.max(1, Loop.PARALLEL_MIN / Math.max(1, len)),
        (lo, hi) -> {
          LineTask task = tasks.get();
          for (long i = lo; i < hi; i++) {
            task.line(offs[0][(int) i], offs[1][(int) i]);
          }
        });
  }

  static void forEach(View out, View in, int axis, Task task) {
    Strided.Split split = Strided.split(out, in, axis);
    Strided.Layout lay = Strided.coalesce(split.keptShape(), split.keptOut(), split.keptIn());
    long lines = lay.size();
    int len = (int) in.shape()[axis];
    long[][] offs = Reducer.enumerate(lay, out.offset(), in.offset());
    Loop.split(
        lines,
        Math.max(1, Loop.PARALLEL_MIN / Math.max(1, len)),
        (lo, hi) -> {
          Scratch s = new Scratch(len);
          for (long i = lo; i < hi; i++) {
            task.line(offs[0][(int) i], offs[1][(int) i], s);
          }
        });
  }
}
