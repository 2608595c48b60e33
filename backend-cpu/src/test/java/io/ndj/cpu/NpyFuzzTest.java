package io.ndj.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ndj.Nd;
import io.ndj.conformance.NpyFuzz;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * {@code ./ndj fuzz-npy} for a few seconds, from seeds past the kit's checked-in files: every mutated file is read
 * by ndj as NumPy reads it. Needs NumPy 2 as the differential suite does (skipped without it, failing when CI=true).
 */
class NpyFuzzTest {
  @Test
  void freshMutationsAgreeWithNumpy() throws Exception {
    if (DifferentialTest.python() == null) {
      String why = "no python3 with NumPy >= 2 on PATH: fuzz-npy cannot run";
      if ("true".equals(System.getenv("CI"))) {
        fail(why);
      }
      throw new TestAbortedException(why);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    NpyFuzz.Result r = NpyFuzz.run(Nd.backend("cpu"), 5, 31_337, "python3",
        new PrintStream(out, true, StandardCharsets.UTF_8));
    assertEquals(0, r.pythonStatus(), "the generator failed");
    assertTrue(r.files() > 1000, "only " + r.files() + " files in 5 s");
    assertEquals(0, r.disagreements(), out.toString(StandardCharsets.UTF_8));
  }
}
