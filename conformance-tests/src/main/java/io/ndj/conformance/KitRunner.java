package io.ndj.conformance;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.ndj.Backend;
import io.ndj.DType;
import io.ndj.Nd;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the kit against any backend on the class path and prints a report: op x dtype with pass /
 * FAIL / unsupported, counts, then every failure with its message (shrunk inputs, a Java
 * reproducer, the seed).
 *
 * <pre>{@code java io.ndj.conformance.KitRunner --backend NAME [--examples N] [--seed S] [--light]}
 * </pre>
 *
 * {@code --light} reports the heavy checks (arrays past 2^31 elements, a child JVM under memory
 * pressure) unsupported instead of running them.
 *
 * <p>Exit code 1 on any failure, 2 on bad arguments.
 */
public final class KitRunner {
  private static volatile Backend current;

  private KitRunner() {}

  /** The backend {@link LaunchedKit} checks. */
  static Backend current() {
    Backend b = current;
    if (b == null) {
      throw new IllegalStateException("KitRunner.run sets the backend under test");
    }
    return b;
  }

  /** One check's outcome. */
  public enum Status {
    PASS,
    FAIL,
    UNSUPPORTED
  }

  /** What a run found: status per "op[dtype]" and the failure messages. */
  public record Report(Map<String, Status> results, List<String> failures) {
    public boolean passed() {
      return failures.isEmpty();
    }

    public long count(Status s) {
      return results.values().stream().filter(s::equals).count();
    }
  }

  public static void main(String[] args) {
    String name = null;
    int examples = 20;
    long seed = 20261125L;
    boolean heavy = true;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--backend" -> name = args[++i];
        case "--light" -> heavy = false;
        case "--examples" -> examples = Integer.parseInt(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        default -> {
          System.err.println(
              "usage: conformance --backend NAME [--examples N] [--seed S] [--light] (unknown: "
                  + args[i]
                  + ")");
          System.exit(2);
        }
      }
    }
    Backend b = name == null ? Nd.backend() : Nd.backend(name);
    Report r = run(b, examples, seed, System.out, System.err, heavy);
    System.exit(r.passed() ? 0 : 1);
  }

  /**
   * Runs every contract on {@code backend}; prints the report to {@code out} and progress to {@code
   * progress}.
   */
  public static Report run(
      Backend backend, int examples, long seed, PrintStream out, PrintStream progress) {
    return run(backend, examples, seed, out, progress, true);
  }

  /**
   * {@link #run(Backend, int, long, PrintStream, PrintStream)}, with the heavy checks ({@link
   * KitSupport#heavy}) reported unsupported unless {@code heavy}.
   */
  public static synchronized Report run(
      Backend backend,
      int examples,
      long seed,
      PrintStream out,
      PrintStream progress,
      boolean heavy) {
    current = backend;
    String oldExamples = System.getProperty("ndj.conformance.examples");
    String oldSeed = System.getProperty("ndj.conformance.seed");
    String oldHeavy = System.getProperty("ndj.conformance.heavy");
    System.setProperty("ndj.conformance.examples", Integer.toString(examples));
    System.setProperty("ndj.conformance.seed", Long.toString(seed));
    System.setProperty("ndj.conformance.heavy", Boolean.toString(heavy));
    Map<String, Status> results = new LinkedHashMap<>();
    List<String> failures = new ArrayList<>();
    try {
      LauncherDiscoveryRequest request =
          LauncherDiscoveryRequestBuilder.request()
              .selectors(selectClass(LaunchedKit.class))
              .build();
      boolean terminal = progress == System.err && Progress.onTerminal();
      TestExecutionListener listener =
          new TestExecutionListener() {
            private Progress bar;

            /** One step per contract method (a test or a test factory), known before any runs. */
            @Override
            public void testPlanExecutionStarted(TestPlan plan) {
              long methods = 0;
              for (TestIdentifier root : plan.getRoots()) {
                methods +=
                    plan.getDescendants(root).stream().filter(KitRunner::isContractMethod).count();
              }
              bar = new Progress("conformance on " + backend.name(), methods, progress, terminal);
            }

            @Override
            public void testPlanExecutionFinished(TestPlan plan) {
              bar.finish();
            }

            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
              results.put(id.getDisplayName(), Status.UNSUPPORTED);
              if (isContractMethod(id)) {
                bar.step(id.getDisplayName() + " skipped");
              }
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
              if (isContractMethod(id)) {
                bar.step(
                    id.getDisplayName()
                        + ", "
                        + results.size()
                        + " checks, "
                        + failures.size()
                        + " failed");
              }
              if (!id.isTest()) {
                return;
              }
              Status s =
                  switch (result.getStatus()) {
                    case SUCCESSFUL -> Status.PASS;
                    case ABORTED -> Status.UNSUPPORTED;
                    case FAILED -> Status.FAIL;
                  };
              String key = id.getDisplayName();
              if (s == Status.FAIL) {
                failures.add(
                    key + "\n" + result.getThrowable().map(t -> indent(t.getMessage())).orElse(""));
              }
              results.merge(
                  key, s, (x, y) -> x == Status.FAIL || y == Status.FAIL ? Status.FAIL : y);
            }
          };
      LauncherFactory.create().execute(request, listener);
    } finally {
      restore("ndj.conformance.examples", oldExamples);
      restore("ndj.conformance.seed", oldSeed);
      restore("ndj.conformance.heavy", oldHeavy);
      current = null;
    }
    Report report = new Report(results, failures);
    print(report, backend, examples, seed, out);
    return report;
  }

  /** A test method or a test factory of a contract (not a dynamic test, not a class). */
  private static boolean isContractMethod(TestIdentifier id) {
    // dynamic tests carry their factory's MethodSource too: tell them apart by JUnit's segment type
    String type = id.getUniqueIdObject().getLastSegment().getType();
    return id.getSource().filter(src -> src instanceof MethodSource).isPresent()
        && (type.equals("method") || type.equals("test-factory") || type.equals("test-template"));
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }

  private static String indent(String s) {
    return s == null ? "" : "    " + s.replace("\n", "\n    ");
  }

  private static void print(Report r, Backend b, int examples, long seed, PrintStream out) {
    out.println(
        "ndj conformance kit: backend "
            + b.name()
            + " ["
            + b.device()
            + "], "
            + examples
            + " examples per check, seed "
            + seed);
    TreeSet<String> ops = new TreeSet<>();
    Map<String, Map<String, Status>> table = new LinkedHashMap<>();
    for (var e : r.results.entrySet()) {
      String k = e.getKey();
      int br = k.lastIndexOf('[');
      String op = br > 0 ? k.substring(0, br) : k;
      String dt = br > 0 ? k.substring(br + 1, k.length() - 1) : "-";
      ops.add(op);
      table.computeIfAbsent(op, x -> new LinkedHashMap<>()).put(dt, e.getValue());
    }
    StringBuilder head = new StringBuilder(String.format("%-20s", "op"));
    for (DType t : DType.realValues()) {
      head.append(String.format(" %-8s", t));
    }
    out.println(head);
    for (String op : ops) {
      StringBuilder line = new StringBuilder(String.format("%-20s", op));
      Map<String, Status> row = table.get(op);
      for (DType t : DType.realValues()) {
        Status s = row.get(t.toString());
        line.append(
            String.format(
                " %-8s",
                s == null ? "." : s == Status.PASS ? "pass" : s == Status.FAIL ? "FAIL" : "unsup"));
      }
      if (row.containsKey("-")) {
        line.append(" ").append(row.get("-"));
      }
      out.println(line);
    }
    out.println("('.' = not applicable: NumPy refuses that op for that dtype)");
    out.printf(
        "%d checks: %d passed, %d failed, %d unsupported%n",
        r.results.size(), r.count(Status.PASS), r.count(Status.FAIL), r.count(Status.UNSUPPORTED));
    for (String f : r.failures) {
      out.println("FAILED " + f);
    }
  }
}
