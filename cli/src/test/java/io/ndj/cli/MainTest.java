package io.ndj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MainTest {
  private static String run(java.util.function.ToIntFunction<PrintStream> cmd) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(b, true, StandardCharsets.UTF_8)) {
      assertEquals(0, cmd.applyAsInt(out));
    }
    return b.toString(StandardCharsets.UTF_8);
  }

  @Test
  void demoPrintsTheSeedExactly() {
    String out = run(Main::demo);
    assertTrue(out.startsWith("X :  [[0. 1. 2.]\n [3. 4. 5.]]\nX sum :  [ 3. 12.]\n"), out);
    assertTrue(out.contains("backend: " + io.ndj.Nd.backend().name()), out);
  }

  @Test
  void infoListsTheCpuBackend() {
    String out = run(Main::info);
    assertTrue(out.contains("cpu    priority 100  available"), out);
    assertTrue(out.contains("default backend: " + io.ndj.Nd.backend().name()), out);
  }
}
