package io.ndj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep's curves, crossovers and charts from known rows. */
class SweepTest {
  private static Bench.Row row(String backend, String shape, double ms) {
    return new Bench.Row("std", "float32", shape, backend, ms, 0, 0);
  }

  private static Sweep.Curve curve(String series, double... ms) {
    TreeMap<Long, Double> m = new TreeMap<>();
    long n = 1000;
    for (double v : ms) {
      m.put(n, v);
      n *= 10;
    }
    return new Sweep.Curve("std", "float32", series, m);
  }

  @Test
  void crossoverIsWhereTheGpuStaysFaster() {
    Sweep.Curve cpu = curve("cpu", 0.001, 0.01, 0.1, 1, 10);
    assertEquals(
        "crossover: cpu beats cuda below 100000 elements",
        Sweep.crossover(cpu, curve("cuda", 0.01, 0.02, 0.05, 0.1, 0.5)));
    // faster at a small size by chance, slower after: the crossover is past the last win of the cpu
    assertEquals(
        "crossover: cpu beats cuda below 1000000 elements",
        Sweep.crossover(cpu, curve("cuda", 0.0005, 0.02, 0.2, 0.5, 0.9)));
    assertEquals(
        "crossover: cuda is faster than cpu at every size measured",
        Sweep.crossover(cpu, curve("cuda", 0.0001, 0.001, 0.01, 0.1, 1)));
    assertEquals(
        "crossover: cpu is faster than cuda at every size measured",
        Sweep.crossover(cpu, curve("cuda", 1, 1, 1, 2, 20)));
  }

  @Test
  void curvesTablesAndChartsComeFromTheRowsAndPeers(@TempDir Path dir) throws Exception {
    List<Bench.Row> rows =
        List.of(
            row("cpu", "32x32", 0.002),
            row("cuda", "32x32", 0.01),
            row("cpu", "1000x1000", 0.3),
            row("cuda", "1000x1000", 0.02));
    Map<String, Map<String, Double>> peers = new LinkedHashMap<>();
    peers.put("numpy", Map.of("std\tfloat32\t32x32", 0.007, "std\tfloat32\t1000x1000", 0.39));
    List<Sweep.Curve> curves = Sweep.curves(rows, peers);
    assertEquals(
        List.of("cpu", "numpy", "cuda"), curves.stream().map(Sweep.Curve::series).toList());
    assertEquals(Map.of(1024L, 0.002, 1_000_000L, 0.3), curves.get(0).ms());
    assertEquals(Map.of(1024L, 0.007, 1_000_000L, 0.39), curves.get(1).ms());
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    Sweep.print(curves, new PrintStream(text, true, StandardCharsets.UTF_8));
    String printed = text.toString(StandardCharsets.UTF_8);
    assertTrue(printed.contains("crossover: cpu beats cuda below 1000000 elements"), printed);
    assertTrue(printed.contains("0.3900"), printed);
    Path svg = dir.resolve("sweep.svg");
    Sweep.chart(svg, curves);
    String s = Files.readString(svg);
    assertEquals(3, s.split("<polyline").length - 1, "a line per series");
    Path png = dir.resolve("sweep.png");
    Files.delete(svg);
    Sweep.chart(png, curves);
    if (Files.exists(png)) {
      byte[] head = Files.readAllBytes(png);
      assertEquals((byte) 0x89, head[0]);
      assertEquals("PNG", new String(head, 1, 3, StandardCharsets.US_ASCII));
    } else { // a JDK that cannot draw: the SVG beside it, said on stderr
      assertTrue(Files.exists(svg), "neither " + png + " nor " + svg);
    }
  }
}
