package io.ndj.cpu;

import io.ndj.spi.Strided;

/**
 * Visits views of one shape together, in C order, as runs of up to {@link #CHUNK} elements along
 * the innermost (coalesced) axis. Large iterations are split across cores by element ranges.
 */
public final class Loop {
  public static final int CHUNK = 1024;
  public static final long PARALLEL_MIN = 1 << 16;
  public static final int CORES = Runtime.getRuntime().availableProcessors();

  private Loop() {}

  /**
   * One task's work on runs: {@code pos[k]} is operand k's element offset of the run's first
   * element.
   */
  interface Body {
    void run(long[] pos, int n);
  }

  /** Makes a task's body (with its own scratch buffers), given each operand's innermost stride. */
  interface BodyFactory {
    Body create(long[] innerStrides);
  }

  static void run(long[] shape, long[][] strides, long[] offsets, BodyFactory factory) {
    Strided.Layout lay = Strided.coalesce(shape, strides);
    long total = lay.size();
    if (total == 0) {
      return;
    }
    int k = offsets.length;
    int nd = lay.ndim();
    if (nd == 0) {
      factory.create(new long[k]).run(offsets.clone(), 1);
      return;
    }
    long[] inner = new long[k];
    for (int o = 0; o < k; o++) {
      inner[o] = lay.strides()[o][nd - 1];
    }
    int parts = (int) Math.min(CORES, total / (PARALLEL_MIN / 2));
    if (parts <= 1) {
      range(lay, offsets, 0, total, inner, factory.create(inner));
      return;
    }
    Workers.run(
        parts,
        p ->
            range(
                lay,
                offsets,
                total * p / parts,
                total * (p + 1) / parts,
                inner,
                factory.create(inner)));
  }

  /**
   * Splits {@code [0, n)} into per-core ranges and runs {@code task(lo, hi)} on each, in parallel
   * when large.
   */
  public static void split(long n, long minPerTask, RangeTask task) {
    int parts = (int) Math.max(1, Math.min(CORES, n / Math.max(1, minPerTask)));
    if (parts == 1) {
      task.run(0, n);
      return;
    }
    Workers.run(parts, p -> task.run(n * p / parts, n * (p + 1) / parts));
  }

  public interface RangeTask {
    void run(long lo, long hi);
  }

  private static void range(
      Strided.Layout lay, long[] offsets, long lo, long hi, long[] inner, Body body) {
    int k = offsets.length;
    int nd = lay.ndim();
    long[] shape = lay.shape();
    long[][] st = lay.strides();
    long len = shape[nd - 1];
    long row = lo / len;
    long col = lo % len;
    long[] idx = new long[nd];
    long[] base = offsets.clone();
    for (int d = nd - 2; d >= 0; d--) {
      idx[d] = row % shape[d];
      row /= shape[d];
      for (int o = 0; o < k; o++) {
        base[o] += idx[d] * st[o][d];
      }
    }
    long[] p = new long[k];
    long pos = lo;
    while (pos < hi) {
      long n = Math.min(len - col, hi - pos);
      for (long c = 0; c < n; c += CHUNK) {
        int m = (int) Math.min(CHUNK, n - c);
        for (int o = 0; o < k; o++) {
          p[o] = base[o] + (col + c) * inner[o];
        }
        body.run(p, m);
      }
      pos += n;
      col = 0;
      for (int d = nd - 2; d >= 0; d--) {
        idx[d]++;
        for (int o = 0; o < k; o++) {
          base[o] += st[o][d];
        }
        if (idx[d] < shape[d]) {
          break;
        }
        for (int o = 0; o < k; o++) {
          base[o] -= st[o][d] * shape[d];
        }
        idx[d] = 0;
      }
    }
  }
}
