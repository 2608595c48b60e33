package io.ndj.cli;

import io.ndj.Backend;
import io.ndj.DType;
import io.ndj.Generator;
import io.ndj.Nd;
import io.ndj.NdArray;
import java.io.PrintStream;
import java.util.function.Function;

/**
 * Times the Philox generator's standard_normal (float32 and float64) and uniform (float64) of n
 * values, NumPy's own stream's random (defaultRng, float64), and poisson of n / 10 (rates 5 and
 * 100: the product of uniforms and PTRS; and a rate per value, uniform in [0, 100)) and binomial of
 * n / 10 ((20, 0.3): NumPy's inversion; (1000, 0.4): its BTPE) (#26's speed rows): the arrays are
 * made on the backend and left there (synchronized, not copied out), as the peers' are in {@code
 * bench/random_compare.py}. Prints one line per row with the median of the repetitions in ms.
 *
 * <pre>{@code java io.ndj.cli.RandomBench BACKEND [REPS [N]]}</pre>
 */
public final class RandomBench {
  private RandomBench() {}

  public static void main(String[] args) {
    Backend b = Nd.backend(args.length > 0 ? args[0] : Nd.backend().name());
    int reps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    long n = args.length > 2 ? Long.parseLong(args[2]) : 10_000_000;
    run(b, reps, n, System.out);
  }

  static void run(Backend b, int reps, long n, PrintStream out) {
    Generator g = b.random(1);
    time(out, b, reps, n, "standard_normal", "float32", v -> g.standardNormal(DType.FLOAT32, n));
    time(out, b, reps, n, "standard_normal", "float64", v -> g.standardNormal(n));
    time(out, b, reps, n, "uniform", "float64", v -> g.uniform(0, 1, n));
    io.ndj.random.NumpyGenerator numpy = b.defaultRng(1);
    time(out, b, reps, n, "numpy_random", "float64", v -> numpy.random(n));
    long m = Math.max(1, n / 10); // #26's poisson rows: 1e7 beside 1e8 normals
    time(out, b, reps, m, "poisson(5)", "int64", v -> g.poisson(5, m));
    time(out, b, reps, m, "poisson(100)", "int64", v -> g.poisson(100, m));
    time(out, b, reps, m, "binomial(20,.3)", "int64", v -> g.binomial(20, 0.3, m));
    time(out, b, reps, m, "binomial(1000,.4)", "int64", v -> g.binomial(1000, 0.4, m));
    try (NdArray rates = b.random(2).uniform(0, 100, m)) { // a rate per value, drawn once
      time(out, b, reps, m, "poisson(rates)", "int64", v -> g.poisson(rates));
    }
  }

  private static void time(
      PrintStream out,
      Backend b,
      int reps,
      long n,
      String row,
      String dtype,
      Function<Void, NdArray> f) {
    double ms = StatsBench.medianMs(b, reps, () -> f.apply(null));
    out.printf("%-16s %-8s %-10d %s %10.3f ms%n", row, dtype, n, b.name(), ms);
  }
}
