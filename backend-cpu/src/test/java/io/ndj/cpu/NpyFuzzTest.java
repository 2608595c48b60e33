package io.ndj.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ndj.Nd;
import io.ndj.conformance.NpyFuzz;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * {@code ./ndj fuzz-npy} for a few seconds, from seeds past the kit's checked-in files: every
 * mutated file is read by ndj as NumPy reads it. Needs NumPy 2 (skipped without it, failing when
 * CI=true).
 */
class NpyFuzzTest {
  /** Whether {@code python3} on PATH has NumPy 2 or later. */
  private static boolean numpy2() {
    try {
      Process p =
          new ProcessBuilder(
                  "python3",
                  "-c",
                  "import numpy, sys; sys.exit(int(numpy.__version__.split('.')[0]) < 2)")
              .redirectErrorStream(true)
              .start();
      p.getInputStream().readAllBytes();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  @Test
  void freshMutationsAgreeWithNumpy() throws Exception {
    if (!numpy2()) {
      String why = "no python3 with NumPy >= 2 on PATH: fuzz-npy cannot run";
      if ("true".equals(System.getenv("CI"))) {
        fail(why);
      }
      throw new TestAbortedException(why);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    NpyFuzz.Result r =
        NpyFuzz.run(
            Nd.backend("cpu"),
            5,
            31_337,
            "python3",
            new PrintStream(out, true, StandardCharsets.UTF_8));
    assertEquals(0, r.pythonStatus(), "the generator failed");
    assertTrue(r.files() > 1000, "only " + r.files() + " files in 5 s");
    assertEquals(0, r.disagreements(), out.toString(StandardCharsets.UTF_8));
  }
}
