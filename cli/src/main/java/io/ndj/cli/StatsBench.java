package io.ndj.cli;

import io.ndj.Backend;
import io.ndj.DType;
import io.ndj.Nd;
import io.ndj.NdArray;
import io.ndj.Scope;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Times the order statistics and counting routines (#24's speed rows): median, percentile and
 * nanmedian of 1e7 float64, bincount of 1e8 int64 in [0, 1000), and add.at of 1e7 updates into 1000
 * bins. Prints one line per row with the median of the repetitions in ms, for side-by-side runs
 * with NumPy and CuPy ({@code bench/stats_compare.py}).
 *
 * <pre>{@code java io.ndj.cli.StatsBench BACKEND [REPS [parts]]}</pre>
 *
 * <p>{@code parts} adds rows for what median and bincount stand on (sort, partition, min and max).
 */
public final class StatsBench {
  private StatsBench() {}

  public static void main(String[] args) {
    Backend b = Nd.backend(args.length > 0 ? args[0] : Nd.backend().name());
    int reps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    run(b, reps, args.length > 2 && args[2].equals("parts"), System.out);
  }

  static void run(Backend b, int reps, boolean parts, PrintStream out) {
    try (Scope scope = Nd.scope()) {
      NdArray x = b.random(1).normal(0, 1, 10_000_000);
      NdArray withNaN = x.copy();
      withNaN.put(b.arange(0, 10_000_000, 97), b.full(Double.NaN, DType.FLOAT64, 1));
      NdArray counts = b.random(2).integers(0, 1000, 100_000_000);
      NdArray idx = b.random(3).integers(0, 1000, 10_000_000);
      NdArray ones = b.ones(DType.FLOAT64, 10_000_000);
      time(out, b, reps, "median", "float64", "10000000", v -> Nd.median(x));
      time(out, b, reps, "percentile30", "float64", "10000000", v -> Nd.percentile(x, 30));
      time(out, b, reps, "nanmedian", "float64", "10000000", v -> Nd.nanmedian(withNaN));
      time(out, b, reps, "bincount", "int64", "100000000", v -> Nd.bincount(counts));
      time(out, b, reps, "add.at", "float64", "10000000", v -> Nd.addAt(b.zeros(1000), idx, ones));
      if (parts) {
        // where median's time goes: the sort or partition it stands on, read as one value
        long n = x.size();
        time(out, b, reps, "sort", "float64", "10000000", v -> x.sort(0).get(n / 2));
        time(
            out,
            b,
            reps,
            "partition",
            "float64",
            "10000000",
            v -> Nd.partition(x, new long[] {n / 2 - 1, n / 2, n - 1}, 0).get(n / 2));
        time(out, b, reps, "min+max", "int64", "100000000", v -> counts.min().add(counts.max()));
      }
    }
  }

  private static void time(
      PrintStream out,
      Backend b,
      int reps,
      String row,
      String dtype,
      String shape,
      Function<Void, NdArray> f) {
    // the result on the host, as NumPy's would be
    double ms = medianMs(b, reps, () -> f.apply(null).toDoubleArray());
    out.printf("%-14s %-8s %-10s %s %10.3f ms%n", row, dtype, shape, b.name(), ms);
  }

  /**
   * The median time of {@code reps} runs of {@code run} (each in a scope that closes what it made,
   * the backend synchronized before and after), after three warm-ups: after one, add.at's loops
   * were still interpreted or in C1 (91 ms for 20).
   */
  static double medianMs(Backend b, int reps, Runnable run) {
    double[] ms = new double[reps];
    for (int i = -3; i < reps; i++) {
      try (Scope s = Nd.scope()) {
        b.synchronize();
        long t0 = System.nanoTime();
        run.run();
        b.synchronize();
        double t = (System.nanoTime() - t0) / 1e6;
        if (i >= 0) {
          ms[i] = t;
        }
      }
    }
    Arrays.sort(ms);
    return ms[reps / 2];
  }
}
