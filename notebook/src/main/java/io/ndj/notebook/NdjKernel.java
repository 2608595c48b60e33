package io.ndj.notebook;

import io.ndj.NdArray;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;
import jdk.jshell.execution.LocalExecutionControlProvider;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.HelpLink;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.magic.MagicParser;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;

/**
 * A Jupyter kernel for ndj: Java through JShell, run in this JVM with ndj and its backends on the
 * class path and {@code io.ndj.*}, {@code io.ndj.Nd.*} and {@code io.ndj.DType.*} imported. A cell
 * that ends in an expression shows its value: an array as NumPy prints it, a 2-d array also as an
 * HTML table. {@code %%time} on a cell's first line times the cell, {@code %time} a line, as
 * IPython's magics do; a line starting with {@code !} runs in the shell ({@code !nvidia-smi}).
 * Built on JJava's Jupyter protocol library; {@code ./ndj notebook} installs it.
 */
public final class NdjKernel extends BaseKernel {
  private static final String IMPORTS =
      "import io.ndj.*; import static io.ndj.Nd.*; import static io.ndj.DType.*;";
  private static final Pattern TIME_LINE = Pattern.compile("^\\s*%time\\s+(.*)$");

  private final JShell shell;

  private NdjKernel(JupyterIO io) {
    super(
        "ndj",
        version(),
        new LanguageInfo(
            "java",
            Runtime.version().toString(),
            "text/x-java-source",
            ".jshell",
            "java",
            "java",
            null),
        List.of(new HelpLink("ndj: NumPy to ndj", "https://github.com/ndj-project/ndj")),
        null,
        io,
        new CommManager(),
        new Renderer(),
        new MagicParser("(?<=(?:^|=))\\s*%", "%%", null),
        new MagicsRegistry(),
        false,
        new StringStyler("\u001b[31m", "\u001b[0m", "\u001b[1m", i -> ""));
    this.shell =
        JShell.builder().executionEngine(new LocalExecutionControlProvider(), Map.of()).build();
    shell.addToClasspath(System.getProperty("java.class.path"));
    try {
      evalJava(IMPORTS);
    } catch (Exception e) {
      throw new IllegalStateException("the kernel's imports failed", e);
    }
  }

  /** A kernel whose output goes to {@code io} (for tests: no Jupyter connection). */
  static NdjKernel create(JupyterIO io) {
    return new NdjKernel(io);
  }

  private static String version() {
    String v = NdjKernel.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /** {@code java io.ndj.notebook.NdjKernel CONNECTION_FILE}: what Jupyter's kernel spec runs. */
  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: io.ndj.notebook.NdjKernel CONNECTION_FILE (Jupyter passes it)");
      System.exit(2);
    }
    KernelConnectionProperties props =
        KernelConnectionProperties.parse(Files.readString(Path.of(args[0])));
    JupyterConnection connection = new JupyterConnection(props);
    NdjKernel kernel = new NdjKernel(new JupyterIO(StandardCharsets.UTF_8));
    kernel.becomeHandlerForConnection(connection);
    connection.connect();
    connection.waitUntilClose();
  }

  // ---- evaluation ----

  @Override
  public DisplayData eval(String code) {
    Object value = evalRaw(code);
    return value == null ? null : display(value);
  }

  /** What a value shows as: text as NumPy prints it, plus HTML or SVG where it has them. */
  static DisplayData display(Object value) {
    return switch (value) {
      case Cells.Html h -> {
        DisplayData d = new DisplayData("HTML");
        d.putHTML(h.html());
        yield d;
      }
      case Cells.Svg s -> {
        DisplayData d = new DisplayData("SVG image");
        d.putData("image/svg+xml", s.svg());
        yield d;
      }
      case NdArray a when a.ndim() == 2 -> {
        DisplayData d = new DisplayData(a.toString());
        d.putHTML(ArrayHtml.table(a));
        yield d;
      }
      default -> new DisplayData(String.valueOf(value));
    };
  }

  /**
   * Runs a cell: {@code %%time} first times the rest; {@code !} lines go to the shell; the rest is
   * Java. Returns the value of a final expression, or null.
   */
  @Override
  public Object evalRaw(String code) {
    try {
      return evalCell(code);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new CellFailure(e);
    }
  }

  /**
   * A checked failure of a cell (JShell's EvalException, a compile error), carried out of evalRaw.
   */
  static final class CellFailure extends RuntimeException {
    CellFailure(Exception cause) {
      super(cause.getMessage(), cause);
    }
  }

  private Object evalCell(String code) throws Exception {
    String trimmed = code.stripLeading();
    if (trimmed.startsWith("%%time")) {
      int nl = trimmed.indexOf('\n');
      String body = nl < 0 ? "" : trimmed.substring(nl + 1);
      return timed(() -> run(body));
    }
    return run(code);
  }

  private interface Body {
    Object call() throws Exception;
  }

  private Object run(String code) throws Exception {
    Object value = null;
    StringBuilder java = new StringBuilder();
    for (String line : code.split("\n", -1)) {
      Matcher time = TIME_LINE.matcher(line);
      if (line.stripLeading().startsWith("!") || time.matches()) {
        value = flush(java, value);
        if (time.matches()) {
          String stmt = time.group(1);
          value = timed(() -> evalJava(stmt));
        } else {
          shellCommand(line.stripLeading().substring(1));
          value = null;
        }
      } else {
        java.append(line).append('\n');
      }
    }
    return flush(java, value);
  }

  private Object flush(StringBuilder java, Object value) throws Exception {
    if (java.toString().isBlank()) {
      java.setLength(0);
      return value;
    }
    String src = java.toString();
    java.setLength(0);
    return evalJava(src);
  }

  /** Times a body as IPython's %time does: CPU (this process, all threads) and wall time. */
  private static Object timed(Body body) throws Exception {
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    try {
      return body.call();
    } finally {
      long wall = System.nanoTime() - t0;
      long cpu = os.getProcessCpuTime() - cpu0;
      System.out.println("CPU times: total: " + formatTime(cpu / 1e9));
      System.out.println("Wall time: " + formatTime(wall / 1e9));
    }
  }

  /** IPython's {@code _format_time}: three significant digits in s, ms, µs or ns. */
  static String formatTime(double seconds) {
    if (seconds >= 60) {
      String[] suffix = {"d", "h", "min", "s"};
      double[] length = {86400, 3600, 60, 1};
      List<String> parts = new ArrayList<>();
      double left = seconds;
      for (int i = 0; i < 4; i++) {
        long v = (long) (left / length[i]);
        if (v > 0) {
          left = left % length[i];
          parts.add(v + suffix[i]);
        }
        if (left < 1) {
          break;
        }
      }
      return String.join(" ", parts);
    }
    String[] units = {"s", "ms", "µs", "ns"};
    double[] scale = {1, 1e3, 1e6, 1e9};
    int order =
        seconds > 0 ? Math.min(-Math.floorDiv((int) Math.floor(Math.log10(seconds)), 3), 3) : 3;
    java.math.BigDecimal v =
        new java.math.BigDecimal(seconds * scale[order])
            .round(new java.math.MathContext(3, java.math.RoundingMode.HALF_EVEN));
    String text =
        v.compareTo(java.math.BigDecimal.valueOf(1000)) >= 0
            ? "1e+03" // Python's %.3g of 999.6
            : v.signum() == 0 ? "0" : v.stripTrailingZeros().toPlainString();
    return text + " " + units[order];
  }

  private static void shellCommand(String command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
    try (InputStream in = p.getInputStream()) {
      System.out.print(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    int rc = p.waitFor();
    if (rc != 0) {
      System.out.println("(exit status " + rc + ")");
    }
  }

  /** Evaluates Java snippets in order; the value of the last, when it is an expression. */
  Object evalJava(String code) throws Exception {
    SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
    String rest = code;
    Object value = null;
    while (!rest.isBlank()) {
      SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
      if (!info.completeness().isComplete()) {
        throw new CellException("Incomplete input:", List.of(rest.strip()));
      }
      rest = info.remaining();
      value = null;
      for (SnippetEvent e : shell.eval(info.source())) {
        if (e.causeSnippet() != null) {
          continue;
        }
        if (e.status() == Snippet.Status.REJECTED) {
          List<String> lines = new ArrayList<>();
          lines.add(e.snippet().source().strip());
          shell.diagnostics(e.snippet()).map(this::diagnostic).forEach(lines::add);
          throw new CellException("Compilation failed:", lines);
        }
        if (e.exception() != null) {
          throw e.exception();
        }
        value = valueOf(e.snippet());
      }
    }
    return value;
  }

  private String diagnostic(Diag d) {
    return d.getMessage(Locale.ROOT);
  }

  /** The object an expression snippet produced, fetched through {@link Cells#last}. */
  private Object valueOf(Snippet s) throws JShellException {
    String name =
        switch (s) {
          case VarSnippet v when v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND ->
              v.name();
          case ExpressionSnippet x when x.subKind() == Snippet.SubKind.VAR_VALUE_SUBKIND ->
              x.name();
          default -> null;
        };
    if (name == null) {
      return null;
    }
    Cells.last = null;
    List<SnippetEvent> fetch = shell.eval("io.ndj.notebook.Cells.last = " + name + ";");
    for (SnippetEvent e : fetch) {
      shell.drop(e.snippet());
      if (e.exception() != null) {
        throw e.exception();
      }
    }
    Object v = Cells.last;
    Cells.last = null;
    return v;
  }

  /** A cell that did not compile or is incomplete, with JShell's words. */
  static final class CellException extends Exception {
    final List<String> lines;

    CellException(String title, List<String> lines) {
      super(title + "\n" + String.join("\n", lines));
      this.lines = lines;
    }
  }

  @Override
  public List<String> formatError(Throwable e) {
    if (e instanceof CellFailure f) {
      return formatError(f.getCause());
    }
    List<String> out = new ArrayList<>();
    switch (e) {
      case CellException c -> {
        out.add(errorStyler.secondary(c.getMessage().lines().findFirst().orElse("")));
        c.lines.forEach(l -> out.addAll(errorStyler.primaryLines(l)));
      }
      case EvalException x -> {
        out.add(errorStyler.secondary(x.getExceptionClassName() + ": " + x.getMessage()));
        for (StackTraceElement t : x.getStackTrace()) {
          if (t.getClassName().startsWith("REPL.")) {
            break;
          }
          out.add("    at " + t);
        }
      }
      case UnresolvedReferenceException u ->
          out.add(errorStyler.secondary("unresolved reference: " + u.getSnippet().source()));
      default -> out.addAll(super.formatError(e));
    }
    return out;
  }

  // ---- editor support ----

  @Override
  public DisplayData inspect(String code, int at, boolean extraDetail) {
    List<SourceCodeAnalysis.Documentation> docs =
        shell.sourceCodeAnalysis().documentation(code, at, true);
    if (docs == null || docs.isEmpty()) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    for (SourceCodeAnalysis.Documentation d : docs) {
      b.append(d.signature()).append('\n');
      if (d.javadoc() != null) {
        b.append(d.javadoc()).append('\n');
      }
    }
    return new DisplayData(b.toString());
  }

  @Override
  public ReplacementOptions complete(String code, int at) {
    int[] anchor = new int[1];
    List<SourceCodeAnalysis.Suggestion> s =
        shell.sourceCodeAnalysis().completionSuggestions(code, at, anchor);
    if (s == null || s.isEmpty()) {
      return null;
    }
    return new ReplacementOptions(
        s.stream().map(SourceCodeAnalysis.Suggestion::continuation).distinct().toList(),
        anchor[0],
        at);
  }

  @Override
  public String isComplete(String code) {
    if (code.stripLeading().startsWith("%%") || code.stripLeading().startsWith("!")) {
      return IS_COMPLETE_YES;
    }
    return switch (shell.sourceCodeAnalysis().analyzeCompletion(code).completeness()) {
      case COMPLETE, COMPLETE_WITH_SEMI, EMPTY -> IS_COMPLETE_YES;
      case UNKNOWN -> IS_COMPLETE_BAD;
      default -> "    ";
    };
  }

  @Override
  public void interrupt() {
    shell.stop();
  }

  @Override
  public void onShutdown(boolean isRestarting) {
    shell.close();
  }
}
