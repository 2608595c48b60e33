package io.ndj.cli;

import io.ndj.Backend;
import io.ndj.DType;
import io.ndj.Fused;
import io.ndj.Nd;
import io.ndj.NdArray;
import io.ndj.Scope;
import io.ndj.Traced;
import io.ndj.conformance.Progress;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code ./ndj bench}: the rows of shared/bench/cupy_anchor.py (and the CPU issue's extra rows) on
 * every chosen backend; medians of repeated runs after a warm-up, each run ending with {@link
 * Backend#synchronize()}; a table with GB/s or TFLOP/s, optionally NumPy's time for the same row in
 * the same run ({@code --numpy}) and the ratio, a CSV and a bar chart.
 *
 * <pre>
 * ./ndj bench [--backend NAME ...] [--sizes 1e6,1e7] [--reps N] [--numpy] [--csv FILE] [--chart FILE.png]
 *                  [--rows sum,x+y,...]
 * ./ndj bench --sweep std,sum [--backend NAME ...] [--numpy] [--cupy] [--chart FILE.png]</pre>
 *
 * <p>{@code --sweep ROWS} times elementwise, reduction or fused rows at every size from 1e3 up a
 * decade at a time while memory allows ({@link Sweep}): a table per row, the cpu/GPU crossover and
 * a log-log chart.
 *
 * <p>{@code ./ndj bench --nd4j-overhead [--sizes ...]} times the nd4j bridge against ND4J's own API
 * instead.
 */
final class Bench {
  record Row(
      String name,
      String dtype,
      String shape,
      String backend,
      double ms,
      double bytes,
      double flops) {
    String rate() {
      if (flops > 0) {
        return String.format("%8.2f TFLOP/s", flops / (ms * 1e-3) / 1e12);
      }
      return bytes > 0 ? String.format("%8.1f GB/s", bytes / (ms * 1e-3) / 1e9) : "";
    }
  }

  private final List<String> backends = new ArrayList<>();
  private long[] sizes;
  private int reps = 11;
  private boolean numpy;
  private Path csv;
  private Path chart;
  private List<String> only;
  private boolean nd4jOverhead;
  private boolean sweep;

  /** Bytes each row needed beyond its inputs and result (-1 where the backend does not count). */
  private final Map<Row, Long> extra = new java.util.IdentityHashMap<>();

  /** What the row being timed needed, for the row added next. */
  private long pendingExtra = -1;

  private boolean cupy;

  static int run(String[] args, PrintStream out) {
    Bench b = new Bench();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--backend" -> b.backends.add(args[++i]);
        case "--sizes" ->
            b.sizes =
                Arrays.stream(args[++i].split(","))
                    .mapToLong(s -> (long) Double.parseDouble(s))
                    .toArray();
        case "--reps" -> b.reps = Integer.parseInt(args[++i]);
        case "--numpy" -> b.numpy = true;
        case "--cupy" -> b.cupy = true;
        case "--csv" -> b.csv = Path.of(args[++i]);
        case "--chart" -> b.chart = Path.of(args[++i]);
        case "--rows" -> b.only = List.of(args[++i].split(","));
        case "--nd4j-overhead" -> b.nd4jOverhead = true;
        case "--sweep" -> {
          b.sweep = true;
          b.only = List.of(args[++i].split(","));
        }
        default -> {
          System.err.println("bench: unknown option " + args[i]);
          return 2;
        }
      }
    }
    if (b.nd4jOverhead) {
      return nd4jOverhead(
          b.sizes != null ? b.sizes : new long[] {1_000_000, 10_000_000},
          Math.max(b.reps, 15),
          out);
    }
    if (b.backends.isEmpty()) {
      Nd.providers().stream()
          .filter(p -> p.availability().available())
          .forEach(p -> b.backends.add(p.name()));
    }
    try {
      return b.execute(out);
    } catch (IOException | InterruptedException e) {
      System.err.println("bench: " + e.getMessage());
      return 1;
    }
  }

  private boolean wanted(String row) {
    return only == null || only.contains(row);
  }

  /**
   * The nd4j bridge against ND4J's own API: {@code io.ndj.nd4j.Nd4jOverhead}, found at run time
   * (cli depends on no backend at compile time).
   */
  private static int nd4jOverhead(long[] sizes, int reps, PrintStream out) {
    try {
      Class<?> c = Class.forName("io.ndj.nd4j.Nd4jOverhead");
      return (int)
          c.getMethod("run", long[].class, int.class, PrintStream.class)
              .invoke(null, sizes, reps, out);
    } catch (ClassNotFoundException e) {
      out.println("bench --nd4j-overhead needs backend-nd4j on the class path");
      return 2;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "cannot run io.ndj.nd4j.Nd4jOverhead", e.getCause() != null ? e.getCause() : e);
    }
  }

  private int execute(PrintStream out) throws IOException, InterruptedException {
    // each row added takes the extra bytes its timing measured
    List<Row> rows =
        new ArrayList<>() {
          @Override
          public boolean add(Row r) {
            extra.put(r, pendingExtra);
            pendingExtra = -1;
            return super.add(r);
          }
        };
    long steps = 0;
    for (String name : backends) {
      steps += plan(name).length;
    }
    Progress bar = new Progress("bench", steps, System.err, Progress.onTerminal());
    for (String name : backends) {
      Backend be = Nd.backend(name);
      out.println("# backend " + be.name() + " [" + be.device() + "]");
      for (Step step : plan(name)) {
        step.run(this, be, rows, out);
        bar.step(be.name() + " " + step);
      }
    }
    bar.finish();
    Map<String, Double> np = numpy ? peerTimes(rows, "numpy") : Map.of();
    if (sweep) {
      Map<String, Map<String, Double>> peers = new LinkedHashMap<>();
      peers.put("numpy", np);
      if (cupy) {
        peers.put("cupy", peerTimes(rows, "cupy"));
      }
      List<Sweep.Curve> curves = Sweep.curves(rows, peers);
      Sweep.print(curves, out);
      if (chart != null) {
        Sweep.chart(chart, curves);
      }
    } else {
      print(rows, np, out);
      if (chart != null) {
        Chart.write(chart, rows, np);
      }
    }
    if (csv != null) {
      writeCsv(rows, np);
    }
    return 0;
  }

  /** One timed family of rows on one backend: what the progress line counts. */
  private interface Action {
    void run(Bench b, Backend be, List<Row> rows, PrintStream out);
  }

  private record Step(String name, Action action) {
    void run(Bench b, Backend be, List<Row> rows, PrintStream out) {
      action.run(b, be, rows, out);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** The rows of one backend, in order, as steps. */
  private Step[] plan(String name) {
    boolean gpu = !name.equals("cpu") && !name.equals("nd4j");
    if (sweep) {
      return sweepPlan(name);
    }
    long[] sz =
        sizes != null
            ? sizes
            : gpu ? new long[] {1_000_000, 100_000_000} : new long[] {1_000_000, 10_000_000};
    List<Step> steps = new ArrayList<>();
    for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      for (long n : sz) {
        steps.add(
            new Step(
                "elementwise " + t + " " + n,
                (b, be, rows, out) -> b.elementwise(be, t, n, rows, out)));
      }
      if (FUSED_ROWS.stream().anyMatch(this::wanted)) {
        for (long n : sz) {
          steps.add(
              new Step("fused " + t + " " + n, (b, be, rows, out) -> b.fused(be, t, n, rows, out)));
        }
      }
      if (wanted("matmul")) {
        steps.add(new Step("matmul warm-up " + t, (b, be, rows, out) -> warmMatmul(be, t)));
        for (long n : gpu ? new long[] {1024, 4096, 8192} : new long[] {256, 1024, 2048}) {
          steps.add(
              new Step(
                  "matmul " + t + " " + n, (b, be, rows, out) -> b.matmul(be, t, n, rows, out)));
        }
      }
      for (long n : gpu ? new long[] {10_000_000} : new long[] {1_000_000, 10_000_000}) {
        steps.add(
            new Step("sort " + t + " " + n, (b, be, rows, out) -> b.sorting(be, t, n, rows, out)));
      }
      if (wanted("histogram")) {
        for (long n : gpu ? new long[] {100_000_000} : new long[] {10_000_000}) {
          steps.add(
              new Step(
                  "histogram " + t + " " + n,
                  (b, be, rows, out) -> b.histogram(be, t, n, rows, out)));
        }
      }
      if (wanted("tiny add")) {
        steps.add(new Step("tiny add " + t, (b, be, rows, out) -> b.tiny(be, t, rows, out)));
      }
    }
    if (!gpu) {
      steps.add(new Step("integers", (b, be, rows, out) -> b.integers(be, rows, out)));
    }
    return steps.toArray(Step[]::new);
  }

  /**
   * A sweep's steps: the elementwise (and fused) rows of every size from 1e3 up a decade at a time
   * while the backend reports room for it ({@link Sweep#bytesFor}).
   */
  private Step[] sweepPlan(String name) {
    io.ndj.spi.MemoryInfo m = Nd.backend(name).memoryInfo();
    long room = m.deviceTotal() > 0 ? m.deviceTotal() : Runtime.getRuntime().maxMemory();
    boolean fusedRows = FUSED_ROWS.stream().anyMatch(this::wanted);
    List<Step> steps = new ArrayList<>();
    for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      for (long n : sizes != null ? sizes : Sweep.SIZES) {
        if (Sweep.bytesFor(n) > room) {
          continue;
        }
        steps.add(
            fusedRows
                ? new Step(
                    "fused " + t + " " + n, (b, be, rows, out) -> b.fused(be, t, n, rows, out))
                : new Step(
                    "elementwise " + t + " " + n,
                    (b, be, rows, out) -> b.elementwise(be, t, n, rows, out)));
      }
    }
    return steps.toArray(Step[]::new);
  }

  /**
   * Mid-size products for 1.5 s first: the cpu backend's vector micro-kernel is slow until C2 (not
   * C1) has compiled it, which a small product alone takes long to trigger.
   */
  private static void warmMatmul(Backend be, DType t) {
    try (NdArray w = be.random(5).random(512, 512).astype(t)) {
      long t0 = System.nanoTime();
      while (System.nanoTime() - t0 < 1_500_000_000L) {
        try (NdArray r = w.matmul(w)) {
          be.synchronize();
        }
      }
    }
  }

  private static final List<String> FUSED_ROWS =
      List.of(
          "chain19",
          "chain19 fused",
          "softmax",
          "softmax fused",
          "layernorm",
          "layernorm fused",
          "a*x+b*y",
          "a*x+b*y fused",
          "first call fused",
          "first call fused wait");

  /**
   * chain19 (19 elementwise operations, four of them transcendental; numpy_bench.py has the same
   * chain), softmax and layernorm over the last axis, and a*x+b*y: op by op and fused ({@link
   * Nd#fuse}), each beside NumPy's op by op.
   */
  private void fused(Backend be, DType t, long n, List<Row> rows, PrintStream out) {
    long side = Math.round(Math.sqrt(n));
    long count = side * side;
    int isz = t.itemsize();
    String sh = shape(side, side);
    int r = n >= 50_000_000 ? Math.max(3, reps / 2) : reps;
    int[] last = {-1};
    Fused chain = Nd.fuse(Bench::chain19);
    Fused softmax =
        Nd.fuse(
            x -> {
              Traced e = x.subtract(x.max(last, true)).exp();
              return e.divide(e.sum(last, true));
            });
    Fused layernorm =
        Nd.fuse(
            x -> {
              Traced d = x.subtract(x.mean(last, true));
              return d.divide(d.square().mean(last, true).add(1e-5).sqrt());
            });
    Fused axpby = Nd.fuse((x, y) -> x.multiply(2.5).add(y.multiply(-0.5)));
    try (Scope scope = Nd.scope()) {
      NdArray x = be.random(1).random(side, side).astype(t);
      NdArray y = be.random(2).random(side, side).astype(t);
      be.synchronize();
      Map<String, Supplier<NdArray>> ops = new LinkedHashMap<>();
      ops.put("chain19", () -> chain19(x));
      ops.put("chain19 fused", () -> chain.apply(x));
      ops.put(
          "softmax",
          () -> {
            try (Scope s = Nd.scope()) {
              NdArray e = x.subtract(x.max(last, true)).exp();
              return s.keep(e.divide(e.sum(last, true)));
            }
          });
      ops.put("softmax fused", () -> softmax.apply(x));
      ops.put(
          "layernorm",
          () -> {
            try (Scope s = Nd.scope()) {
              NdArray d = x.subtract(x.mean(last, true));
              return s.keep(d.divide(d.square().mean(last, true).add(1e-5).sqrt()));
            }
          });
      ops.put("layernorm fused", () -> layernorm.apply(x));
      ops.put(
          "a*x+b*y",
          () -> {
            try (Scope s = Nd.scope()) {
              return s.keep(x.multiply(2.5).add(y.multiply(-0.5)));
            }
          });
      ops.put("a*x+b*y fused", () -> axpby.apply(x, y));
      for (String mode : new String[] {"background", "wait"}) {
        String row = mode.equals("wait") ? "first call fused wait" : "first call fused";
        if (wanted(row)) {
          double ms = withCompileMode(mode, () -> firstCall(be, x));
          add(rows, out, new Row(row, t.toString(), sh, be.name(), ms, 2.0 * count * isz, 0));
        }
      }
      for (var e : ops.entrySet()) {
        if (wanted(e.getKey())) {
          // the timed rows run compiled kernels (a warm-up run would wait for them anyway)
          double ms = withCompileMode("wait", () -> time(be, r, e.getValue()));
          double bytes = (e.getKey().startsWith("a*x") ? 3.0 : 2.0) * count * isz;
          add(rows, out, new Row(e.getKey(), t.toString(), sh, be.name(), ms, bytes, 0));
        }
      }
    }
  }

  /**
   * The first call of a softmax program this process (and the disk cache) never met, its scale a
   * constant of its own: trace, kernel lookup, and the run (op by op while NVRTC compiles in the
   * "background" mode; after NVRTC's compile in the "wait" mode), in ms of the wall clock.
   */
  private static double firstCall(Backend be, NdArray x) {
    double scale = 1 + (System.nanoTime() % 1_000_000_007L) / 1e12;
    int[] last = {-1};
    long t0 = System.nanoTime();
    Fused f =
        Nd.fuse(
            a -> {
              Traced e = a.subtract(a.max(last, true)).multiply(scale).exp();
              return e.divide(e.sum(last, true));
            });
    try (NdArray r = f.apply(x)) {
      be.synchronize();
    }
    return (System.nanoTime() - t0) / 1e6;
  }

  /** {@code run} with {@code ndj.fusion.compile} set to {@code mode}, then as it was. */
  private static double withCompileMode(String mode, java.util.function.DoubleSupplier run) {
    String old = System.getProperty("ndj.fusion.compile");
    System.setProperty("ndj.fusion.compile", mode);
    try {
      return run.getAsDouble();
    } finally {
      if (old == null) {
        System.clearProperty("ndj.fusion.compile");
      } else {
        System.setProperty("ndj.fusion.compile", old);
      }
    }
  }

  /** 19 elementwise operations, four transcendental, as numpy_bench.py's chain19. */
  private static NdArray chain19(NdArray x) {
    try (Scope s = Nd.scope()) {
      NdArray h = x.multiply(1.5).add(0.25).sin().square().add(x.multiply(0.5).cos().square());
      NdArray j = h.subtract(1.0).abs();
      NdArray m = x.square().negative().exp().multiply(0.75);
      return s.keep(j.add(m).tanh().multiply(2.0).add(x).maximum(0.0));
    }
  }

  /** {@link #chain19(NdArray)}, traced. */
  private static Traced chain19(Traced x) {
    Traced h = x.multiply(1.5).add(0.25).sin().square().add(x.multiply(0.5).cos().square());
    Traced j = h.subtract(1.0).abs();
    Traced m = x.square().negative().exp().multiply(0.75);
    return j.add(m).tanh().multiply(2.0).add(x).maximum(0.0);
  }

  private static String shape(long... s) {
    return String.join("x", Arrays.stream(s).mapToObj(Long::toString).toList());
  }

  /**
   * Median time of {@code op} in ms: warm-up runs until the JIT has compiled the row's code (at
   * least 3 runs and 1 s, and until a run is no longer much faster than the one before; at most 5
   * s), then reps runs, each synchronised and closed, timed by the device's clock where the backend
   * has one (CUDA events around the run, as CuPy's anchor times its rows), else by the wall clock
   * and then as many more as fill 0.2 s (up to 5000). (0.5 s of warm-up left the first row, float32
   * sin through the Vector API, at twice its compiled time.)
   */
  private double time(Backend be, int reps, Supplier<NdArray> op) {
    return time(be, reps, op, 1_000_000_000L, false);
  }

  /**
   * The most bytes one run of op held in the backend's buffers beyond what was live before it and
   * its result (0 at least), or -1 where the backend does not count ({@link
   * io.ndj.spi.Kernels#peakBytes}).
   */
  private static long extraBytes(Backend be, Supplier<NdArray> op) {
    be.synchronize();
    long before = be.memoryInfo().used();
    if (be.kernels().peakBytes() < 0) {
      return -1;
    }
    try (NdArray r = op.get()) {
      be.synchronize();
      long peak = be.kernels().peakBytes();
      return Math.max(0, peak - before - (r == null ? 0 : r.nbytes()));
    }
  }

  /** The median of {@code reps} runs after at least {@code minWarm} ns of warm-up runs. */
  private double time(Backend be, int reps, Supplier<NdArray> op, long minWarm, boolean wallClock) {
    long warmStart = System.nanoTime();
    long previous = Long.MAX_VALUE;
    // no cap on the count: a row of 20 us stopped after 1000 runs (20 ms) while C2 was still
    // compiling its code on
    // the other core, and measured 2-4x slow in full runs
    for (int w = 0; ; w++) {
      long t0 = System.nanoTime();
      try (NdArray r = op.get()) {
        be.synchronize();
      }
      long t = System.nanoTime() - t0;
      long spent = System.nanoTime() - warmStart;
      // stop once warm: 3 runs and minWarm, and the last run no longer much faster than the one
      // before (the JIT
      // may still be compiling a large kernel on a busy machine); give up after 5 s
      if ((w >= 2 && spent > minWarm && t > 0.8 * previous) || spent > 5_000_000_000L) {
        break;
      }
      previous = t;
    }
    pendingExtra = extraBytes(be, op);
    double[] ms = new double[reps];
    int n = 0;
    NdArray[] result = new NdArray[1];
    long measureStart = System.nanoTime();
    while (true) {
      long t0 = System.nanoTime();
      // the device's clock where it has one (CUDA events, as CuPy's anchor times), else the wall
      // clock
      double device = wallClock ? Double.NaN : be.deviceMillis(() -> result[0] = op.get());
      if (wallClock) {
        result[0] = op.get();
        be.synchronize();
      }
      if (result[0] != null) {
        result[0].close();
      }
      if (n == ms.length) {
        ms = Arrays.copyOf(ms, 2 * n);
      }
      ms[n++] = Double.isNaN(device) ? (System.nanoTime() - t0) / 1e6 : device;
      // a row without a device clock runs for MEASURE_NS at least (NumPy's side does the same), so
      // that a pause of
      // a few ms on a shared machine moves the median of hundreds of runs, not of 11
      boolean more =
          !wallClock && Double.isNaN(device) && System.nanoTime() - measureStart < MEASURE_NS;
      if (n >= reps && (!more || n >= MAX_RUNS)) {
        break;
      }
    }
    Arrays.sort(ms, 0, n);
    return ms[n / 2];
  }

  private static final long MEASURE_NS = 200_000_000L;
  private static final int MAX_RUNS = 5000;

  /**
   * Host to device, device to host and the tiny ops' per-op cost: timed on the wall clock on every
   * backend.
   */
  private double wallTime(Backend be, int reps, Supplier<NdArray> op) {
    return time(be, reps, op, 1_000_000_000L, true);
  }

  private void add(List<Row> rows, PrintStream out, Row r) {
    rows.add(r);
    out.printf(
        "%-14s %-8s %-12s %-5s %12.4f ms %s%n",
        r.name, r.dtype, r.shape, r.backend, r.ms, r.rate());
  }

  private void elementwise(Backend be, DType t, long n, List<Row> rows, PrintStream out) {
    long side = Math.round(Math.sqrt(n));
    long count = side * side;
    int isz = t.itemsize();
    String sh = shape(side, side);
    DType other = t == DType.FLOAT32 ? DType.FLOAT64 : DType.FLOAT32;
    int r = n >= 50_000_000 ? Math.max(3, reps / 2) : reps;
    try (Scope scope = Nd.scope()) {
      NdArray x = be.random(1).random(side, side).astype(t);
      NdArray y = be.random(2).random(side, side).astype(t);
      be.synchronize();
      Map<String, Object[]> ops = new LinkedHashMap<>();
      ops.put(
          "sin2+cos2",
          new Object[] {
            (Supplier<NdArray>)
                () -> {
                  try (NdArray s = x.sin();
                      NdArray c = x.cos();
                      NdArray s2 = s.square();
                      NdArray c2 = c.square()) {
                    return s2.add(c2);
                  }
                },
            2.0 * count * isz
          });
      ops.put("x*5", new Object[] {(Supplier<NdArray>) () -> x.mul(5), 2.0 * count * isz});
      ops.put("x+y", new Object[] {(Supplier<NdArray>) () -> x.add(y), 3.0 * count * isz});
      ops.put("sum", new Object[] {(Supplier<NdArray>) x::sum, 1.0 * count * isz});
      ops.put("sum(axis=0)", new Object[] {(Supplier<NdArray>) () -> x.sum(0), 1.0 * count * isz});
      ops.put("sum(axis=1)", new Object[] {(Supplier<NdArray>) () -> x.sum(1), 1.0 * count * isz});
      ops.put("std", new Object[] {(Supplier<NdArray>) x::std, 1.0 * count * isz});
      ops.put("std(axis=0)", new Object[] {(Supplier<NdArray>) () -> x.std(0), 1.0 * count * isz});
      ops.put("std(axis=1)", new Object[] {(Supplier<NdArray>) () -> x.std(1), 1.0 * count * isz});
      ops.put(
          "x[::3] copy",
          new Object[] {
            (Supplier<NdArray>)
                () -> {
                  try (NdArray v = x.get("::3")) {
                    return v.copy();
                  }
                },
            2.0 * (count / 3) * isz
          });
      ops.put(
          "x.T copy",
          new Object[] {
            (Supplier<NdArray>)
                () -> {
                  try (NdArray v = x.T()) {
                    return v.copy();
                  }
                },
            2.0 * count * isz
          });
      ops.put(
          "astype",
          new Object[] {
            (Supplier<NdArray>) () -> x.astype(other), 1.0 * count * (isz + other.itemsize())
          });
      for (var e : ops.entrySet()) {
        if (wanted(e.getKey())) {
          @SuppressWarnings("unchecked")
          Supplier<NdArray> op = (Supplier<NdArray>) e.getValue()[0];
          double ms = time(be, r, op);
          add(
              rows,
              out,
              new Row(e.getKey(), t.toString(), sh, be.name(), ms, (double) e.getValue()[1], 0));
        }
      }
      if (wanted("H2D") || wanted("D2H")) {
        transfers(be, t, x, side, rows, out);
      }
    }
  }

  private void transfers(
      Backend be, DType t, NdArray x, long side, List<Row> rows, PrintStream out) {
    long count = side * side;
    if (count > 200_000_000) {
      return;
    }
    String sh = shape(side, side);
    Object host = t == DType.FLOAT32 ? x.toFloatArray() : x.toDoubleArray();
    double bytes = (double) count * t.itemsize();
    if (wanted("H2D")) {
      double ms = wallTime(be, 3, () -> be.array(host, null));
      add(rows, out, new Row("H2D", t.toString(), sh, be.name(), ms, bytes, 0));
    }
    if (wanted("D2H")) {
      double[] ms = new double[3];
      for (int i = 0; i < 3; i++) {
        long t0 = System.nanoTime();
        Object a = t == DType.FLOAT32 ? x.toFloatArray() : x.toDoubleArray();
        ms[i] = (System.nanoTime() - t0) / 1e6 + (a == null ? 1 : 0);
      }
      Arrays.sort(ms);
      add(rows, out, new Row("D2H", t.toString(), sh, be.name(), ms[1], bytes, 0));
      // into memory the caller keeps (CuPy's get(out=...)): no Java array to allocate and zero each
      // time
      java.lang.foreign.MemorySegment into =
          t == DType.FLOAT32
              ? java.lang.foreign.MemorySegment.ofArray(new float[(int) count])
              : java.lang.foreign.MemorySegment.ofArray(new double[(int) count]);
      add(
          rows,
          out,
          new Row(
              "D2H into",
              t.toString(),
              sh,
              be.name(),
              wallTime(
                  be,
                  3,
                  () -> {
                    x.copyTo(into);
                    return null;
                  }),
              bytes,
              0));
    }
  }

  private void matmul(Backend be, DType t, long n, List<Row> rows, PrintStream out) {
    try (NdArray a = be.random(3).random(n, n).astype(t)) {
      // the products' kernels reach C2 only after some 30 small products (two busy cores leave the
      // compiler
      // little time), so small sizes warm up for 2 s and take the median of more runs
      double ms =
          time(
              be,
              n >= 4096 ? 2 : n >= 2048 ? 3 : 7,
              () -> a.matmul(a),
              n >= 2048 ? 500_000_000L : 2_000_000_000L,
              false);
      add(
          rows,
          out,
          new Row("matmul", t.toString(), shape(n, n), be.name(), ms, 0, 2.0 * n * n * n));
    }
  }

  /** np.histogram(x, 10, (0, 1)) of n uniform values: its counts. */
  private void histogram(Backend be, DType t, long n, List<Row> rows, PrintStream out) {
    if (!wanted("histogram")) {
      return;
    }
    try (NdArray a = be.random(5).random(n).astype(t)) {
      double ms =
          time(be, reps, () -> io.ndj.Nd.histogram(a, 10, new double[] {0, 1}, null, false)[0]);
      add(
          rows,
          out,
          new Row(
              "histogram", t.toString(), shape(n), be.name(), ms, (double) n * t.itemsize(), 0));
    }
  }

  private void sorting(Backend be, DType t, long n, List<Row> rows, PrintStream out) {
    if (!wanted("sort") && !wanted("argsort")) {
      return; // the probe below sorts twice: nothing to do for other rows
    }
    try (NdArray a = be.random(4).random(n).astype(t)) {
      // the median of as many runs as NumPy's side takes where a run is short, of 3 where it is
      // long (a CPU sort of
      // 1e7, 40 ms and more); a run's length from the second run (the first compiles and loads); a
      // GPU's 0.35 ms
      // sort of 1e7 took the median of 3 until 2026-11-26 and read 0.91x CuPy in one full run,
      // 1.02-1.05x in others
      long run = 0;
      for (int i = 0; i < 2; i++) {
        long t0 = System.nanoTime();
        try (NdArray s = a.sort()) {
          be.synchronize();
        }
        run = System.nanoTime() - t0;
      }
      int r = n <= 1_000_000 || run < 5_000_000L ? reps : 3;
      if (wanted("sort")) {
        add(
            rows,
            out,
            new Row(
                "sort",
                t.toString(),
                shape(n),
                be.name(),
                time(be, r, a::sort),
                2.0 * n * t.itemsize(),
                0));
      }
      if (wanted("argsort")) {
        add(
            rows,
            out,
            new Row("argsort", t.toString(), shape(n), be.name(), time(be, r, a::argsort), 0, 0));
      }
    }
  }

  private void tiny(Backend be, DType t, List<Row> rows, PrintStream out) {
    try (NdArray a = be.ones(t, 1000);
        NdArray b = be.ones(t, 1000)) {
      for (int i = 0; i < 20_000; i++) {
        a.add(b).close(); // let the JIT compile the per-op path first
      }
      double total =
          wallTime(
              be,
              5,
              () -> {
                for (int i = 0; i < 999; i++) {
                  a.add(b).close();
                }
                return a.add(b);
              });
      add(rows, out, new Row("tiny add", t.toString(), shape(1000), be.name(), total / 1000, 0, 0));
    }
  }

  private void integers(Backend be, List<Row> rows, PrintStream out) {
    for (long n : sizes != null ? sizes : new long[] {1_000_000, 10_000_000}) {
      long side = Math.round(Math.sqrt(n));
      for (DType t : new DType[] {DType.INT32, DType.INT64}) {
        try (Scope scope = Nd.scope()) {
          NdArray x = be.random(5).random(side, side).multiply(1000.0).astype(t);
          NdArray y = be.random(6).random(side, side).multiply(1000.0).astype(t);
          if (wanted(t + " add")) {
            add(
                rows,
                out,
                new Row(
                    t + " add",
                    t.toString(),
                    shape(side, side),
                    be.name(),
                    time(be, reps, () -> x.add(y)),
                    3.0 * side * side * t.itemsize(),
                    0));
          }
          if (wanted(t + " sum")) {
            add(
                rows,
                out,
                new Row(
                    t + " sum",
                    t.toString(),
                    shape(side, side),
                    be.name(),
                    time(be, reps, x::sum),
                    1.0 * side * side * t.itemsize(),
                    0));
          }
        }
      }
      try (Scope scope = Nd.scope()) {
        NdArray x = be.random(7).random(side, side);
        if (wanted("mask select")) {
          add(
              rows,
              out,
              new Row(
                  "mask select",
                  "float64",
                  shape(side, side),
                  be.name(),
                  time(
                      be,
                      reps,
                      () -> {
                        try (NdArray m = x.gt(0.5)) {
                          return x.get(m);
                        }
                      }),
                  0,
                  0));
        }
      }
    }
  }

  /** NumPy's (or CuPy's) times for the same rows, in one python3 process. */
  private Map<String, Double> peerTimes(List<Row> rows, String peer)
      throws IOException, InterruptedException {
    Path spec = Files.createTempFile("ndj-bench", ".tsv");
    Path script = Files.createTempFile("ndj-bench", ".py");
    StringBuilder b = new StringBuilder();
    List<String> keys = new ArrayList<>();
    for (Row r : rows) {
      String k = r.name + "\t" + r.dtype + "\t" + r.shape;
      if (!keys.contains(k) && !r.name.startsWith("H2D") && !r.name.startsWith("D2H")) {
        keys.add(k);
        b.append(k).append('\n');
      }
    }
    Files.writeString(spec, b.toString());
    try (var in = Bench.class.getResourceAsStream("numpy_bench.py")) {
      Files.write(script, in.readAllBytes());
    }
    ProcessBuilder pb =
        new ProcessBuilder(
                "python3", script.toString(), spec.toString(), Integer.toString(reps), peer)
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    // set on some machines for old OpenBLAS builds; they slow NumPy's matmul 1.3-1.7x
    pb.environment().remove("OPENBLAS_CORETYPE");
    pb.environment().remove("OPENBLAS_L2_SIZE");
    Process p = pb.start();
    String outText = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(3600, TimeUnit.SECONDS);
    Map<String, Double> m = new HashMap<>();
    for (String line : outText.split("\n")) {
      String[] f = line.split("\t");
      if (f.length == 4) {
        m.put(f[0] + "\t" + f[1] + "\t" + f[2], Double.parseDouble(f[3]));
      }
    }
    return m;
  }

  private void print(List<Row> rows, Map<String, Double> np, PrintStream out) {
    out.println();
    out.printf(
        "%-14s %-8s %-12s %-6s %12s %16s %10s%s%n",
        "row",
        "dtype",
        "shape",
        "backend",
        "ndj ms",
        "rate",
        "extra",
        np.isEmpty() ? "" : "     numpy ms   numpy/ndj");
    for (Row r : rows) {
      Double n = np.get(r.name + "\t" + r.dtype + "\t" + r.shape);
      out.printf(
          "%-14s %-8s %-12s %-6s %12.4f %16s %10s%s%n",
          r.name,
          r.dtype,
          r.shape,
          r.backend,
          r.ms,
          r.rate(),
          bytes(extra.getOrDefault(r, -1L)),
          n == null ? "" : String.format("  %11.4f  %9.2fx", n, n / r.ms));
    }
  }

  /** A byte count for the table ("-" where unknown). */
  static String bytes(long b) {
    if (b < 0) {
      return "-";
    }
    if (b < 1000) {
      return b + " B";
    }
    String[] units = {"KB", "MB", "GB", "TB"};
    double v = b;
    int u = -1;
    while (v >= 1000 && u < units.length - 1) {
      v /= 1000;
      u++;
    }
    return String.format("%.1f %s", v, units[u]);
  }

  private void writeCsv(List<Row> rows, Map<String, Double> np) throws IOException {
    StringBuilder b =
        new StringBuilder("row,dtype,shape,backend,ms,rate,extra_bytes,numpy_ms,ratio\n");
    for (Row r : rows) {
      Double n = np.get(r.name + "\t" + r.dtype + "\t" + r.shape);
      b.append(
              String.join(
                  ",",
                  r.name,
                  r.dtype,
                  r.shape,
                  r.backend,
                  String.format("%.4f", r.ms),
                  r.rate().strip(),
                  Long.toString(extra.getOrDefault(r, -1L)),
                  n == null ? "" : String.format("%.4f", n),
                  n == null ? "" : String.format("%.3f", n / r.ms)))
          .append('\n');
    }
    Files.writeString(csv, b.toString());
  }
}
