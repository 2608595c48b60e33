package io.ndj.cpu.memory;

import io.ndj.cpu.Loop;
import io.ndj.cpu.reduce.Reducer;

/**
 * Per-thread scratch runs for the kernels' bodies, allocated once per thread: an op on a small
 * array then allocates nothing but its result. A body takes them when it is created on its task's
 * thread and never hands them on.
 */
public final class Scratch {
  private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);

  public final double[] d0 = new double[Loop.CHUNK];
  public final double[] d1 = new double[Loop.CHUNK];
  public final double[] d2 = new double[Loop.CHUNK];
  public final long[] l0 = new long[Loop.CHUNK];
  public final long[] l1 = new long[Loop.CHUNK];
  public final long[] l2 = new long[Loop.CHUNK];

  /** The float32 sum's row of accumulators. */
  public final double[] sumColumns = new double[Reducer.SUM_COLUMNS];

  /** Longer runs, grown on demand: [slot] for as many runs as one body holds at once. */
  private final double[][] doubles = new double[3][];

  private final float[][] floats = new float[3][];
  private final long[][] longs = new long[3][];

  public static Scratch get() {
    return LOCAL.get();
  }

  /** This thread's double run {@code slot} (0-2) of at least n elements, as last left. */
  public double[] doubles(int slot, int n) {
    double[] a = doubles[slot];
    return a != null && a.length >= n ? a : (doubles[slot] = new double[n]);
  }

  /** This thread's float run {@code slot} (0-2) of at least n elements, as last left. */
  public float[] floats(int slot, int n) {
    float[] a = floats[slot];
    return a != null && a.length >= n ? a : (floats[slot] = new float[n]);
  }

  /** This thread's long run {@code slot} (0-2) of at least n elements, as last left. */
  public long[] longs(int slot, int n) {
    long[] a = longs[slot];
    return a != null && a.length >= n ? a : (longs[slot] = new long[n]);
  }
}
