package io.ndj.cpu;

import io.ndj.spi.Strided;
import io.ndj.spi.View;

/** Visits the 1-d lines of two same-shaped views along one axis (for scans, sorts), in parallel when many. */
final class Lines {
  private Lines() {}

  interface Task {
    /** One line: element j of out is at {@code outBase + j*outStride}, of in at {@code inBase + j*inStride}. */
    void line(long outBase, long inBase, Scratch s);
  }

  /** Per-task scratch arrays sized to one line, each made on first use (a sort of floats never needs the longs). */
  static final class Scratch {
    private final int n;
    private double[] d;
    private long[] l;
    private long[] idx;

    Scratch(int n) {
      this.n = n;
    }

    double[] d() {
      if (d == null) {
        d = new double[n];
      }
      return d;
    }

    long[] l() {
      if (l == null) {
        l = new long[n];
      }
      return l;
    }

    long[] idx() {
      if (idx == null) {
        idx = new long[n];
      }
      return idx;
    }
  }

  static void forEach(View out, View in, int axis, Task task) {
    Strided.Split split = Strided.split(out, in, axis);
    Strided.Layout lay = Strided.coalesce(split.keptShape(), split.keptOut(), split.keptIn());
    long lines = lay.size();
    int len = (int) in.shape()[axis];
    long[][] offs = Reducer.enumerate(lay, out.offset(), in.offset());
    Loop.split(lines, Math.max(1, Loop.PARALLEL_MIN / Math.max(1, len)), (lo, hi) -> {
      Scratch s = new Scratch(len);
      for (long i = lo; i < hi; i++) {
        task.line(offs[0][(int) i], offs[1][(int) i], s);
      }
    });
  }
}
