package io.ndj.conformance;

import java.io.PrintStream;

/**
 * How far a long run has come: on a terminal one line rewritten in place with the step count, the
 * share done and an estimate of the time left; elsewhere (CI logs, pipes) a plain line per step.
 * Used by {@code ./ndj conformance} and {@code ./ndj bench}.
 */
public final class Progress {
  private final String what;
  private final long total;
  private final PrintStream out;
  private final boolean terminal;
  private final long start = System.nanoTime();
  private long done;
  private int width;

  /**
   * Progress of {@code total} steps of {@code what}, written to {@code out}; rewritten in place
   * when {@code terminal}.
   */
  public Progress(String what, long total, PrintStream out, boolean terminal) {
    this.what = what;
    this.total = Math.max(total, 1);
    this.out = out;
    this.terminal = terminal;
  }

  /** Whether this JVM's standard streams are a terminal (no redirection). */
  public static boolean onTerminal() {
    java.io.Console c = System.console();
    return c != null && c.isTerminal();
  }

  /**
   * One more step done; {@code detail} says which (a contract, a benchmark row) and how it went.
   */
  public synchronized void step(String detail) {
    done = Math.min(done + 1, total);
    double elapsed = (System.nanoTime() - start) / 1e9;
    String line =
        what
            + ": "
            + done
            + "/"
            + total
            + " ("
            + (100 * done / total)
            + "%), "
            + detail
            + (done < total ? ", about " + seconds(elapsed * (total - done) / done) + " left" : "");
    if (terminal) {
      out.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
      width = line.length();
      out.flush();
    } else {
      out.println(line);
    }
  }

  /** Ends the line rewritten in place (a terminal's); nothing otherwise. */
  public synchronized void finish() {
    if (terminal && width > 0) {
      out.println();
      width = 0;
    }
  }

  /** "42 s", "3 min 5 s". */
  static String seconds(double s) {
    long r = Math.round(s);
    return r < 60 ? r + " s" : r / 60 + " min " + r % 60 + " s";
  }
}
