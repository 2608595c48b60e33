package io.ndj.spark;

import io.ndj.Nd;
import io.ndj.NdArray;
import io.ndj.Scope;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code ./ndj spark-demo [--master local[*]] [--n 100000000] [--rows 10000000] [--blocks 16]}: a
 * DistArray of n uniform float64 values in 16 blocks, its sum, mean, std and histogram, and the
 * Gram matrix XᵀX of a rows × 16 matrix, each beside the single-machine ndj result and both times
 * (sum, mean and std: the best of three runs of each).
 */
public final class SparkDemo {
  private SparkDemo() {}

  /** Runs the demo; see the class comment for the options. */
  public static void main(String[] args) {
    String master = "local[*]";
    long n = 100_000_000L;
    long rows = 10_000_000L;
    int blocks = 16;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--master" -> master = args[i + 1];
        case "--n" -> n = Long.parseLong(args[i + 1]);
        case "--rows" -> rows = Long.parseLong(args[i + 1]);
        case "--blocks" -> blocks = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    SparkConf conf =
        new SparkConf()
            .setMaster(master)
            .setAppName("ndj spark-demo")
            .set("spark.ui.enabled", "false")
            .set("spark.driver.host", "127.0.0.1")
            .set("spark.driver.bindAddress", "127.0.0.1");
    try (JavaSparkContext sc = new JavaSparkContext(conf)) {
      sc.setLogLevel("ERROR");
      System.out.printf(
          Locale.ROOT,
          "Spark %s on %s (%d cores here); ndj backend %s%n%n",
          sc.version(),
          master,
          Runtime.getRuntime().availableProcessors(),
          Nd.backend().name());
      DistArray x = DistArray.random(sc, 7, new long[] {n}, blocks).cache();
      long t0 = System.nanoTime();
      x.blocks().count(); // made and cached: the runs below time the ops, not the generation
      double make = ms(t0);
      try (Scope scope = Nd.scope()) {
        t0 = System.nanoTime();
        NdArray local = Nd.random(7).random(n);
        double makeLocal = ms(t0);
        System.out.printf(
            Locale.ROOT,
            "x: %,d uniform float64 in %d blocks; made in %.0f ms (one machine: %.0f ms)%n",
            n,
            blocks,
            make,
            makeLocal);
        row("sum", () -> x.sum().doubleValue(), () -> local.sum().doubleValue());
        row("mean", x::mean, () -> local.mean().doubleValue());
        row("std", () -> x.std(0), () -> local.std().doubleValue());
        t0 = System.nanoTime();
        NdArray h = x.histogram(10, 0, 1)[0];
        double hd = ms(t0);
        t0 = System.nanoTime();
        NdArray hl = Nd.histogram(local, 10, new double[] {0, 1}, null, false)[0];
        double hs = ms(t0);
        System.out.printf(
            Locale.ROOT,
            "%-10s spark %9.1f ms   one machine %9.1f ms   ratio %5.2fx   equal: %s%n  %s%n",
            "histogram",
            hd,
            hs,
            hd / hs,
            h.toString().equals(hl.toString()),
            h);
      }
      x.blocks().unpersist();
      DistArray m = DistArray.random(sc, 11, new long[] {rows, 16}, blocks).cache();
      m.blocks().count();
      try (Scope scope = Nd.scope()) {
        NdArray local = Nd.random(11).random(rows, 16);
        t0 = System.nanoTime();
        NdArray g = m.gram();
        double gd = ms(t0);
        t0 = System.nanoTime();
        NdArray gl = local.T().matmul(local);
        double gs = ms(t0);
        double diff = g.subtract(gl).abs().max().doubleValue() / gl.abs().max().doubleValue();
        System.out.printf(
            Locale.ROOT,
            "%nXᵀX of a %,d × 16 matrix: spark %.1f ms, one machine %.1f ms (ratio %.2fx);"
                + " largest relative difference %.1e (sums in another order)%n",
            rows,
            gd,
            gs,
            gd / gs,
            diff);
      }
    }
  }

  private interface Value {
    double get();
  }

  /**
   * Best of three runs of each, so that one slow run (a collection, a first call) does not count.
   */
  private static void row(String name, Value spark, Value local) {
    double a = 0;
    double b = 0;
    double ta = Double.MAX_VALUE;
    double tb = Double.MAX_VALUE;
    for (int r = 0; r < 3; r++) {
      long t0 = System.nanoTime();
      a = spark.get();
      ta = Math.min(ta, ms(t0));
      t0 = System.nanoTime();
      b = local.get();
      tb = Math.min(tb, ms(t0));
    }
    System.out.printf(
        Locale.ROOT,
        "%-10s spark %9.1f ms   one machine %9.1f ms   ratio %5.2fx   %.12g vs %.12g%n",
        name,
        ta,
        tb,
        ta / tb,
        a,
        b);
  }

  private static double ms(long t0) {
    return (System.nanoTime() - t0) / 1e6;
  }
}
