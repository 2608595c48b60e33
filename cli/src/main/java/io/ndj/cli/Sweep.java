package io.ndj.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code ./ndj bench --sweep ROWS}: each row's time against its size, from 1e3 elements up a decade
 * at a time while the backend has room for it (to 1e9), on every chosen backend and NumPy: a table
 * per row and dtype, the crossover below which the cpu beats a GPU backend, and a log-log line
 * chart ({@code --chart F.png}, or {@code .svg}).
 */
final class Sweep {
  /** The decades swept, as far as memory allows. */
  static final long[] SIZES = {
    1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L
  };

  /**
   * Bytes a size of the elementwise rows needs at most on a backend: its two float64 inputs and a
   * few results and temporaries of that size.
   */
  static long bytesFor(long n) {
    return n * 8 * 6;
  }

  private Sweep() {}

  /** One curve: a row in a dtype on a backend (or NumPy), ms by element count. */
  record Curve(String row, String dtype, String series, TreeMap<Long, Double> ms) {}

  /**
   * The bench's rows and their peers' times (NumPy, CuPy: series name to times by row, dtype and
   * shape) as curves, in order of first appearance.
   */
  static List<Curve> curves(List<Bench.Row> rows, Map<String, Map<String, Double>> peers) {
    Map<String, Curve> c = new LinkedHashMap<>();
    for (Bench.Row r : rows) {
      long n = elements(r.shape());
      c.computeIfAbsent(
              r.name() + "\t" + r.dtype() + "\t" + r.backend(),
              k -> new Curve(r.name(), r.dtype(), r.backend(), new TreeMap<>()))
          .ms()
          .put(n, r.ms());
      for (var peer : peers.entrySet()) {
        Double ms = peer.getValue().get(r.name() + "\t" + r.dtype() + "\t" + r.shape());
        if (ms != null) {
          c.computeIfAbsent(
                  r.name() + "\t" + r.dtype() + "\t" + peer.getKey(),
                  k -> new Curve(r.name(), r.dtype(), peer.getKey(), new TreeMap<>()))
              .ms()
              .put(n, ms);
        }
      }
    }
    return new ArrayList<>(c.values());
  }

  private static long elements(String shape) {
    long n = 1;
    for (String d : shape.split("x")) {
      n *= Long.parseLong(d);
    }
    return n;
  }

  /** A table per row and dtype (ms by size, a column per series) and the crossovers. */
  static void print(List<Curve> curves, PrintStream out) {
    Map<String, List<Curve>> groups = new LinkedHashMap<>();
    for (Curve c : curves) {
      groups.computeIfAbsent(c.row() + " " + c.dtype(), k -> new ArrayList<>()).add(c);
    }
    for (var g : groups.entrySet()) {
      out.println();
      StringBuilder head = new StringBuilder(String.format("%-28s %12s", g.getKey(), "elements"));
      TreeMap<Long, Boolean> sizes = new TreeMap<>();
      for (Curve c : g.getValue()) {
        head.append(String.format(" %12s", c.series() + " ms"));
        c.ms().keySet().forEach(n -> sizes.put(n, true));
      }
      out.println(head);
      for (long n : sizes.keySet()) {
        StringBuilder line = new StringBuilder(String.format("%-28s %12d", "", n));
        for (Curve c : g.getValue()) {
          Double ms = c.ms().get(n);
          line.append(ms == null ? String.format(" %12s", "-") : String.format(" %12.4f", ms));
        }
        out.println(line);
      }
      Curve cpu = find(g.getValue(), "cpu");
      for (Curve c : g.getValue()) {
        if (cpu != null
            && !c.series().equals("cpu")
            && !c.series().equals("numpy")
            && !c.series().equals("nd4j")) {
          out.println(String.format("%-28s %s", "", crossover(cpu, c)));
        }
      }
    }
  }

  /** The series that run on the host: no crossover against the cpu. */
  private static final java.util.Set<String> HOST = java.util.Set.of("cpu", "nd4j", "numpy");

  private static Curve find(List<Curve> curves, String series) {
    return curves.stream().filter(c -> c.series().equals(series)).findFirst().orElse(null);
  }

  /**
   * Where the cpu stops beating the other backend: the smallest size from which the other is faster
   * at every size measured on both.
   */
  static String crossover(Curve cpu, Curve other) {
    Long from = null;
    for (var e : other.ms().descendingMap().entrySet()) {
      Double c = cpu.ms().get(e.getKey());
      if (c == null) {
        continue;
      }
      if (e.getValue() < c) {
        from = e.getKey();
      } else {
        break;
      }
    }
    if (from == null) {
      return "crossover: cpu is faster than " + other.series() + " at every size measured";
    }
    if (from.equals(other.ms().firstKey())) {
      return "crossover: " + other.series() + " is faster than cpu at every size measured";
    }
    return "crossover: cpu beats " + other.series() + " below " + from + " elements";
  }

  /** A log-log line chart: PNG through the desktop module where the JDK has it, else SVG. */
  static void chart(Path file, List<Curve> curves) throws IOException {
    Map<String, List<Curve>> groups = new LinkedHashMap<>();
    for (Curve c : curves) {
      groups.computeIfAbsent(c.row() + " " + c.dtype(), k -> new ArrayList<>()).add(c);
    }
    boolean png = file.toString().endsWith(".png");
    Path svg = png ? Path.of(file.toString().replaceAll("\\.png$", ".svg")) : file;
    if (png) {
      String why;
      if (ModuleLayer.boot().findModule("java.desktop").isEmpty()) {
        why = "no java.desktop module here";
      } else {
        try {
          PngChart.write(file, groups);
          return;
        } catch (RuntimeException | LinkageError e) { // a headless JDK without fonts, say
          why = "cannot draw PNG (" + e + ")";
        }
      }
      System.err.println("bench: " + why + ": wrote " + svg + " instead");
    }
    Files.writeString(svg, svg(groups));
  }

  static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"};
  static final int PANEL_W = 420;
  static final int PANEL_H = 300;
  static final int COLS = 2;

  /** The panels' common frame: log10 of elements (x) and of ms (y) over every curve. */
  record Frame(double x0, double x1, double y0, double y1) {
    static Frame of(List<Curve> curves) {
      double x0 = Double.MAX_VALUE;
      double x1 = -Double.MAX_VALUE;
      double y0 = Double.MAX_VALUE;
      double y1 = -Double.MAX_VALUE;
      for (Curve c : curves) {
        for (var e : c.ms().entrySet()) {
          x0 = Math.min(x0, Math.floor(Math.log10(e.getKey())));
          x1 = Math.max(x1, Math.ceil(Math.log10(e.getKey())));
          y0 = Math.min(y0, Math.floor(Math.log10(Math.max(e.getValue(), 1e-6))));
          y1 = Math.max(y1, Math.ceil(Math.log10(Math.max(e.getValue(), 1e-6))));
        }
      }
      return new Frame(x0, Math.max(x1, x0 + 1), y0, Math.max(y1, y0 + 1));
    }

    /** Pixel x in a panel of width w (margins 50 left, 20 right). */
    double px(long n, int w) {
      return 50 + (Math.log10(n) - x0) / (x1 - x0) * (w - 70);
    }

    /** Pixel y in a panel of height h (margins 30 top, 30 bottom). */
    double py(double ms, int h) {
      return h - 30 - (Math.log10(Math.max(ms, 1e-6)) - y0) / (y1 - y0) * (h - 60);
    }
  }

  private static String svg(Map<String, List<Curve>> groups) {
    int rows = (groups.size() + COLS - 1) / COLS;
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' font-family='sans-serif'"
                + " font-size='11'>%n<rect width='100%%' height='100%%' fill='white'/>%n",
            PANEL_W * COLS, PANEL_H * rows));
    int k = 0;
    for (var g : groups.entrySet()) {
      int ox = (k % COLS) * PANEL_W;
      int oy = (k / COLS) * PANEL_H;
      Frame f = Frame.of(g.getValue());
      s.append(String.format("<g transform='translate(%d,%d)'>%n", ox, oy));
      s.append(
          String.format(
              "<text x='50' y='18' font-size='13'>%s: ms against elements (log-log)</text>%n",
              g.getKey()));
      s.append(
          String.format(
              "<rect x='50' y='30' width='%d' height='%d' fill='none' stroke='#999'/>%n",
              PANEL_W - 70, PANEL_H - 60));
      for (int d = (int) f.x0(); d <= f.x1(); d++) {
        double x = f.px((long) Math.pow(10, d), PANEL_W);
        s.append(String.format("<text x='%.1f' y='%d'>1e%d</text>%n", x - 8, PANEL_H - 14, d));
      }
      for (int d = (int) f.y0(); d <= f.y1(); d++) {
        double y = f.py(Math.pow(10, d), PANEL_H);
        s.append(String.format("<text x='4' y='%.1f'>1e%d ms</text>%n", y + 4, d));
      }
      int i = 0;
      for (Curve c : g.getValue()) {
        String colour = COLOURS[i % COLOURS.length];
        StringBuilder pts = new StringBuilder();
        for (var e : c.ms().entrySet()) {
          pts.append(
              String.format("%.1f,%.1f ", f.px(e.getKey(), PANEL_W), f.py(e.getValue(), PANEL_H)));
        }
        s.append(
            String.format(
                "<polyline points='%s' fill='none' stroke='%s' stroke-width='2'/>%n",
                pts.toString().strip(), colour));
        s.append(
            String.format(
                "<text x='%d' y='%d' fill='%s'>%s</text>%n",
                60 + i * 80, PANEL_H - 38, colour, c.series()));
        i++;
      }
      s.append("</g>\n");
      k++;
    }
    s.append("</svg>\n");
    return s.toString();
  }
}
