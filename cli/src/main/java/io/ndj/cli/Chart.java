package io.ndj.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bar chart of the bench as SVG (text, so it needs no desktop module): one group per row, one bar
 * per backend (and NumPy), length in log10 of the time.
 */
final class Chart {
  private Chart() {}

  static void write(Path file, List<Bench.Row> rows, Map<String, Double> numpy) throws IOException {
    Map<String, Map<String, Double>> groups = new LinkedHashMap<>();
    List<String> series = new ArrayList<>();
    for (Bench.Row r : rows) {
      String g = r.name() + " " + r.dtype() + " " + r.shape();
      groups.computeIfAbsent(g, k -> new LinkedHashMap<>()).put(r.backend(), r.ms());
      if (!series.contains(r.backend())) {
        series.add(r.backend());
      }
      Double n = numpy.get(r.name() + "\t" + r.dtype() + "\t" + r.shape());
      if (n != null) {
        groups.get(g).put("numpy", n);
        if (!series.contains("numpy")) {
          series.add("numpy");
        }
      }
    }
    String[] colours = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"};
    int bar = 10;
    int rowH = bar * series.size() + 8;
    int width = 900;
    int left = 260;
    int height = 40 + rowH * groups.size() + 40;
    double min = 1e-4;
    double max = 1e5;
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' font-family='sans-serif'"
                + " font-size='11'>%n<rect width='100%%' height='100%%' fill='white'/>%n",
            width, height));
    s.append(
        "<text x='10' y='20' font-size='14'>ndj bench: milliseconds (log scale, shorter is faster)</text>\n");
    int y = 40;
    for (var g : groups.entrySet()) {
      s.append(String.format("<text x='5' y='%d'>%s</text>%n", y + rowH / 2, g.getKey()));
      for (int i = 0; i < series.size(); i++) {
        Double ms = g.getValue().get(series.get(i));
        if (ms == null) {
          continue;
        }
        double frac =
            (Math.log10(Math.max(ms, min)) - Math.log10(min)) / (Math.log10(max) - Math.log10(min));
        int w = (int) Math.max(1, frac * (width - left - 80));
        s.append(
            String.format(
                "<rect x='%d' y='%d' width='%d' height='%d' fill='%s'/>%n",
                left, y + i * bar, w, bar - 1, colours[i % colours.length]));
        s.append(
            String.format(
                "<text x='%d' y='%d' font-size='9'>%.3g</text>%n",
                left + w + 3, y + i * bar + 8, ms));
      }
      y += rowH;
    }
    for (int i = 0; i < series.size(); i++) {
      s.append(
          String.format(
              "<rect x='%d' y='%d' width='10' height='10' fill='%s'/><text x='%d' y='%d'>%s</text>%n",
              left + i * 120,
              y + 10,
              colours[i % colours.length],
              left + i * 120 + 14,
              y + 19,
              series.get(i)));
    }
    s.append("</svg>\n");
    java.nio.file.Files.writeString(file, s.toString());
  }
}
