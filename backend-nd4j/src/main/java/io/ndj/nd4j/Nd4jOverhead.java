package io.ndj.nd4j;

import io.ndj.Backend;
import io.ndj.DType;
import io.ndj.Nd;
import io.ndj.NdArray;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code ./ndj bench --nd4j-overhead}: the same operations through ndj's nd4j backend and straight
 * through ND4J's own API, on the same inputs (shared memory via {@link Nd4jInterop}), medians of
 * repeated runs; the overhead is the median over rounds of {@code ndj / ND4J - 1}, each round
 * against the faster of ND4J's allocating call and its call into a result made beforehand in that
 * round.
 */
public final class Nd4jOverhead {
  private Nd4jOverhead() {}

  /**
   * One row: through ndj, through ND4J's API (which allocates its result), and through ND4J into a
   * result allocated beforehand (its kernel alone; null where ND4J's API has no such form).
   */
  private record Op(
      String name,
      Function<NdArray[], NdArray> ndj,
      Function<INDArray[], INDArray> nd4j,
      BiConsumer<INDArray[], INDArray> into) {}

  private static final Op[] OPS = {
    new Op("x+y", a -> a[0].add(a[1]), a -> a[0].add(a[1]), (a, z) -> a[0].add(a[1], z)),
    new Op("x*5", a -> a[0].mul(5), a -> a[0].mul(5), (a, z) -> a[0].mul(5, z)),
    new Op(
        "sin",
        a -> a[0].sin(),
        a -> Transforms.sin(a[0], true),
        (a, z) -> Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.strict.Sin(a[0], z))),
    new Op("sum", a -> a[0].sum(), a -> a[0].sum(), null),
    new Op("max", a -> a[0].max(), a -> a[0].max(), null),
    // NumPy's max, NaN winning, the cheapest way ND4J's API gives it: its max (which skips NaN) and
    // its sum as the
    // NaN check
    new Op(
        "max+NaN",
        a -> a[0].max(),
        a -> {
          INDArray m = a[0].max();
          return Double.isNaN(a[0].sumNumber().doubleValue())
              ? Nd4j.scalar(m.dataType(), Double.NaN)
              : m;
        },
        null),
    new Op("x.T copy", a -> a[2].transpose().copy(), a -> a[3].transpose().dup('c'), null),
  };

  /** Runs the comparison at each size, {@code reps} times per side; returns the exit code. */
  public static int run(long[] sizes, int reps, PrintStream out) {
    Backend be = Nd.backend("nd4j");
    out.println(
        "# ndj on nd4j ["
            + be.device()
            + "] against ND4J's own API, same inputs, sides in turn, medians of "
            + reps
            + " rounds or more (0.5 s); overhead: the median of each round's ndj / faster ND4J");
    out.printf(
        "%-10s %-8s %10s %10s %10s %12s %9s%n",
        "row", "dtype", "n", "ndj ms", "ND4J ms", "ND4J into ms", "overhead");
    for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      for (long n : sizes) {
        long side = (long) Math.sqrt((double) n);
        try (NdArray x = be.arange(n).astype(t).mul(1e-6);
            NdArray y = be.arange(n).astype(t).mul(2e-6);
            NdArray m = be.arange(side * side).astype(t).reshape(side, side)) {
          NdArray[] ndjIn = {x, y, m};
          INDArray[] nd4jIn = {
            Nd4jInterop.toINDArray(x), Nd4jInterop.toINDArray(y), null, Nd4jInterop.toINDArray(m)
          };
          for (Op op : OPS) {
            INDArray z = op.into == null ? null : nd4jIn[0].ulike();
            List<Supplier<Object>> sides = new ArrayList<>();
            sides.add(() -> op.ndj.apply(ndjIn));
            sides.add(() -> op.nd4j.apply(nd4jIn));
            if (z != null) {
              sides.add(
                  () -> {
                    op.into.accept(nd4jIn, z);
                    return null;
                  });
            }
            double[] ms = medians(reps, sides);
            if (z != null) {
              z.close();
            }
            double a = ms[0];
            double b = ms[1];
            double c = z == null ? Double.NaN : ms[2];
            out.printf(
                "%-10s %-8s %10d %10.3f %10.3f %12s %8.1f%%%n",
                op.name,
                t,
                op.name.contains("T") ? side * side : n,
                a,
                b,
                Double.isNaN(c) ? "-" : String.format("%.3f", c),
                100 * (ms[ms.length - 1] - 1));
          }
        }
      }
    }
    tiny(be, reps, out);
    return 0;
  }

  /** Per-op cost on 1000 elements, where bookkeeping dominates. */
  private static void tiny(Backend be, int reps, PrintStream out) {
    try (NdArray x = be.arange(1000).astype(DType.FLOAT64);
        NdArray y = be.arange(1000).astype(DType.FLOAT64)) {
      INDArray a = Nd4jInterop.toINDArray(x);
      INDArray b = Nd4jInterop.toINDArray(y);
      INDArray z = a.ulike();
      // 1000 ops per timed run, so that the clock's resolution and the loop's own cost do not count
      double[] ms =
          medians(
              reps,
              List.of(
                  () -> {
                    for (int i = 0; i < 1000; i++) {
                      x.add(y).close();
                    }
                    return null;
                  },
                  () -> {
                    for (int i = 0; i < 1000; i++) {
                      a.add(b).close();
                    }
                    return null;
                  },
                  () -> {
                    for (int i = 0; i < 1000; i++) {
                      a.add(b, z);
                    }
                    return null;
                  }));
      double ndj = ms[0];
      double api = ms[1];
      double into = ms[2];
      out.printf(
          "tiny add (1000 float64, µs per op): ndj %.1f, ND4J %.1f, ND4J into %.1f: overhead %.1f%%%n",
          ndj, api, into, 100 * (ms[3] - 1));
    }
  }

  /**
   * Medians in ms of each side's runs, the sides taken in turn (one run each per round), so that a
   * machine slowing down or speeding up moves every side alike: on this shared 2-core VM, 15 runs
   * of one side and then 15 of the other moved an overhead by tens of percent from run to run.
   * Warm-up: 1 s of rounds at least (and 10), so that the JIT has compiled ndj's side; then at
   * least {@code reps} rounds and as many more as fill 0.5 s (at most 5000). A side's result, when
   * not null, is closed after its run. The last element is the median over rounds of side 0's time
   * over the fastest other side's time in the same round.
   */
  private static double[] medians(int reps, List<Supplier<Object>> sides) {
    int k = sides.size();
    long warm = System.nanoTime() + 1_000_000_000L;
    for (int i = 0; i < 10 || System.nanoTime() < warm; i++) {
      for (Supplier<Object> side : sides) {
        close(side.get());
      }
    }
    double[][] ms = new double[k][reps];
    int n = 0;
    long end = System.nanoTime() + 500_000_000L;
    while (n < reps || (System.nanoTime() < end && n < 5000)) {
      if (n == ms[0].length) {
        for (int s = 0; s < k; s++) {
          ms[s] = Arrays.copyOf(ms[s], 2 * n);
        }
      }
      for (int j = 0; j < k; j++) {
        // the order turns each round, so that each side follows each other side alike (ND4J's
        // allocating call
        // leaves fresh, cold memory behind for whichever side runs next)
        int s = (j + n) % k;
        long t0 = System.nanoTime();
        Object r = sides.get(s).get();
        ms[s][n] = (System.nanoTime() - t0) / 1e6;
        close(r);
      }
      n++;
    }
    // the overhead of each round on its own (ndj against the faster ND4J side of the same round),
    // so that the machine
    // drifting between rounds moves both sides of a ratio alike; then the median of those
    double[] ratio = new double[n];
    for (int r = 0; r < n; r++) {
      double best = Double.POSITIVE_INFINITY;
      for (int s = 1; s < k; s++) {
        best = Math.min(best, ms[s][r]);
      }
      ratio[r] = ms[0][r] / best;
    }
    Arrays.sort(ratio);
    double[] median = new double[k + 1];
    for (int s = 0; s < k; s++) {
      Arrays.sort(ms[s], 0, n);
      median[s] = ms[s][n / 2];
    }
    median[k] = ratio[n / 2];
    return median;
  }

  private static void close(Object r) {
    if (r instanceof NdArray a) {
      a.close();
    } else if (r instanceof INDArray a) {
      a.close();
    }
  }
}
