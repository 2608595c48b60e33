package io.ndj.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ndj.Nd;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The kernel without Jupyter: cells evaluated in process, their values and output checked. */
class NdjKernelTest {
  private static NdjKernel kernel;

  @BeforeAll
  static void start() {
    kernel = NdjKernel.create(new JupyterIO(StandardCharsets.UTF_8));
  }

  @AfterAll
  static void stop() {
    kernel.onShutdown(false);
  }

  /** What a cell prints to System.out while it runs. */
  private static String printed(Runnable cell) {
    PrintStream old = System.out;
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    System.setOut(new PrintStream(b, true, StandardCharsets.UTF_8));
    try {
      cell.run();
    } finally {
      System.setOut(old);
    }
    return b.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aCellEndingInAnArrayShowsNumpysTextAndAnHtmlTable() {
    DisplayData d = kernel.eval("var x = arange(6).reshape(2, 3).astype(FLOAT32);\nx");
    assertEquals(
        "[[0. 1. 2.]\n [3. 4. 5.]]",
        d.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN));
    String html =
        (String) d.getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_HTML);
    assertTrue(html.startsWith("<table class=\"ndj-array\" title=\"float32 (2, 3)\">"), html);
    assertEquals(6, html.split("<td").length - 1);
    assertEquals(
        "[ 3. 12.]",
        kernel
            .eval("x.sum(1)")
            .getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN));
    assertNull(kernel.eval("var y = x.sum();"), "a declaration shows nothing");
    assertEquals(
        "15.0",
        kernel
            .eval("y.doubleValue()")
            .getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN));
  }

  @Test
  void largeArraysAreTruncatedAsNumpyTruncatesThem() {
    List<List<String>> rows = ArrayHtml.rows(Nd.arange(100 * 100).reshape(100, 100).toString());
    assertEquals(7, rows.size(), "3 rows, the elided ones, 3 rows");
    assertEquals(List.of("..."), rows.get(3));
    assertEquals(List.of("0", "1", "2", "...", "97", "98", "99"), rows.get(0));
    assertEquals(List.of("9900", "9901", "9902", "...", "9997", "9998", "9999"), rows.get(6));
    // a row NumPy wraps past 75 characters stays one table row
    List<List<String>> wide = ArrayHtml.rows(Nd.arange(60.0, 100.0, 1.0).reshape(2, 20).toString());
    assertEquals(2, wide.size());
    assertEquals(20, wide.get(1).size());
    assertEquals("99.", wide.get(1).get(19));
  }

  @Test
  void errorsReadAsJavasAndTheKernelGoesOn() {
    NdjKernel.CellFailure c =
        assertThrows(NdjKernel.CellFailure.class, () -> kernel.eval("int z = undefinedThing;"));
    List<String> lines = kernel.formatError(c);
    assertTrue(String.join("\n", lines).contains("cannot find symbol"), lines.toString());
    NdjKernel.CellFailure e =
        assertThrows(NdjKernel.CellFailure.class, () -> kernel.eval("arange(6).reshape(4, 2)"));
    assertTrue(
        kernel
            .formatError(e)
            .get(0)
            .contains(
                "java.lang.IllegalArgumentException: cannot reshape array of size 6 into shape (4,2)"),
        kernel.formatError(e).toString());
    assertEquals(
        "2",
        kernel
            .eval("1 + 1")
            .getData(org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN));
  }

  @Test
  void timeMagicsAndShellLines() {
    String out = printed(() -> kernel.eval("%%time\nvar t = arange(1000).sum();"));
    assertTrue(
        out.matches(
            "(?s)CPU times: total: [0-9.]+ (s|ms|µs|ns)\nWall time: [0-9.]+ (s|ms|µs|ns)\n"),
        out);
    String[] value = new String[1];
    String line =
        printed(
            () ->
                value[0] =
                    (String)
                        kernel
                            .eval("%time t.longValue()")
                            .getData(
                                org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN));
    assertTrue(line.contains("Wall time: "), line);
    assertEquals("499500", value[0]);
    assertEquals("hello ndj\n", printed(() -> kernel.eval("!echo hello ndj")));
  }

  @Test
  void timesFormatAsIpythonFormatsThem() {
    // IPython's _format_time for the same spans
    assertEquals("2.38 ms", NdjKernel.formatTime(0.00238));
    assertEquals("500 ms", NdjKernel.formatTime(0.5));
    assertEquals("2 s", NdjKernel.formatTime(2.0));
    assertEquals("15 µs", NdjKernel.formatTime(1.5e-5));
    assertEquals("1min 15s", NdjKernel.formatTime(75.3));
    assertEquals("1h 2min 5s", NdjKernel.formatTime(3725.0));
    assertEquals("1e+03 µs", NdjKernel.formatTime(0.0009996));
    assertEquals("0.1 ns", NdjKernel.formatTime(1e-10));
    assertEquals("0 ns", NdjKernel.formatTime(0));
  }
}
