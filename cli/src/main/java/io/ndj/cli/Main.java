package io.ndj.cli;

import io.ndj.Backend;
import io.ndj.DType;
import io.ndj.Nd;
import io.ndj.NdArray;
import io.ndj.spi.Availability;
import io.ndj.spi.BackendProvider;
import io.ndj.spi.MemoryInfo;
import java.io.PrintStream;
import java.util.Arrays;

/** The {@code ./ndj} launcher's Java side: {@code demo}, {@code info}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    String cmd = args.length == 0 ? "help" : args[0];
    String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
    int rc =
        switch (cmd) {
          case "demo" -> demo(System.out);
          case "info" -> info(System.out);
          case "example" -> example(System.out);
          case "bench" -> Bench.run(rest, System.out);
          case "fft-bench" -> {
            FftBench.main(rest);
            yield 0;
          }
          case "linalg-bench" -> {
            LinalgBench.main(rest);
            yield 0;
          }
          case "stats-bench" -> {
            StatsBench.main(rest);
            yield 0;
          }
          case "einsum-bench" -> {
            EinsumBench.main(rest);
            yield 0;
          }
          case "random-bench" -> {
            RandomBench.main(rest);
            yield 0;
          }
          case "help", "-h", "--help" -> help(System.out);
          default -> {
            System.err.println("ndj: unknown command '" + cmd + "'" + (rest.length > 0 ? "" : ""));
            help(System.err);
            yield 2;
          }
        };
    System.exit(rc);
  }

  static int example(PrintStream out) {
    try {
      Example.run(out);
      return 0;
    } catch (Exception e) {
      throw new IllegalStateException("the example failed", e);
    }
  }

  static int help(PrintStream out) {
    out.println(
        """
        usage: ./ndj COMMAND
          demo         the seed example on the default backend
          info         every backend found, available or not and why, its device and memory
          example      the README's example on the default backend
          shell        JShell with ndj on the class path and its static imports
          conformance  run the conformance kit: --backend NAME [--jar J ...] [--examples N] [--seed S] [--light]
          bench        time the benchmark rows: [--backend NAME ...] [--sizes 1e6,1e7] [--numpy] [--csv F]
                       [--chart F.svg] [--rows a,b] [--reps N]; --nd4j-overhead: the nd4j bridge against
                       ND4J's own API
          test         build and run every module's tests (mvn verify; fails on unformatted code)
          fmt          format the Java sources (google-java-format through Spotless)
        Choose a backend with -Dndj.backend=NAME (JAVA_OPTS) or NDJ_BACKEND=NAME.""");
    return 0;
  }

  /** The seed: prints X and X.sum(1) as NumPy does, then where they ran. */
  static int demo(PrintStream out) {
    Backend b = Nd.backend();
    try (var scope = Nd.scope()) {
      NdArray x = Nd.arange(6).reshape(2, 3).astype(DType.FLOAT32);
      NdArray s = x.sum(1);
      out.println("X :  " + x);
      out.println("X sum :  " + s);
      out.println();
      out.println("backend: " + b.name());
      out.println("device:  " + b.device());
      out.println("memory held by arrays: " + b.memoryInfo().used() + " bytes");
    }
    return 0;
  }

  static int info(PrintStream out) {
    for (BackendProvider p : Nd.providers()) {
      Availability a = p.availability();
      out.printf(
          "%-6s priority %-4d %s: %s%n",
          p.name(), p.priority(), a.available() ? "available" : "unavailable", a.reason());
      if (a.available()) {
        try {
          Backend b = Nd.backend(p.name());
          MemoryInfo m = b.memoryInfo();
          out.printf(
              "       device: %s%n       memory: used %d B, cached %d B, device free %s, total %s%n",
              b.device(), m.used(), m.cached(), bytes(m.deviceFree()), bytes(m.deviceTotal()));
          out.printf("       fusion: %s%n", b.fusion());
        } catch (RuntimeException e) {
          out.println("       failed to start: " + e.getMessage());
        }
      }
    }
    try {
      out.println("default backend: " + Nd.backend().name());
    } catch (RuntimeException e) {
      out.println("default backend: none (" + e.getMessage() + ")");
      return 1;
    }
    return 0;
  }

  private static String bytes(long b) {
    if (b < 0) {
      return "unknown";
    }
    return String.format("%.1f GiB", b / (1024.0 * 1024 * 1024));
  }
}
