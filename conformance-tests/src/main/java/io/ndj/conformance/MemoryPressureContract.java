package io.ndj.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ndj.DType;
import io.ndj.NdArray;
import io.ndj.NdOutOfMemoryException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Arrays dropped without {@code close()} are reclaimed under pressure, as NumPy users expect: a
 * child JVM with a 64 MiB heap (and, for native memory the heap does not see, a 256 MiB budget:
 * {@code ndj.nd4j.memoryLimit}) makes a hundred times its heap in arrays on the backend under test,
 * and on a GPU half again the device's memory, never closing one ({@link DroppedArrays}). It must
 * finish, and the backend must never have held more than 70% of what was made.
 */
public interface MemoryPressureContract extends KitSupport {
  @Test
  default void arraysDroppedWithoutCloseAreReclaimedUnderPressure()
      throws IOException, InterruptedException {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        heavy(), "heavy checks are off (ndj.conformance.heavy=false)");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      // the parent's flags (native access, ND4J's cache folder), but not its heap size or debugger
      if (!a.startsWith("-Xmx")
          && !a.startsWith("-Xms")
          && !a.startsWith("-XX:MaxRAM")
          && !a.startsWith("-agentlib")
          && !a.startsWith("-XX:MaxHeapSize")) {
        cmd.add(a);
      }
    }
    // JavaCPP (under ND4J) would cap the process at 4 x the heap, which the JVM and ND4J's
    // libraries fill alone
    cmd.addAll(
        List.of(
            "-Xmx64m",
            "-Dndj.nd4j.memoryLimit=268435456",
            "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0",
            "-Dorg.bytedeco.javacpp.maxBytes=0",
            "-cp",
            System.getProperty("java.class.path"),
            DroppedArrays.class.getName(),
            backend().name()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      fail("backend " + backend().name() + ": dropping arrays did not finish in 5 minutes");
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(
        0, p.exitValue(), "backend " + backend().name() + ": the child JVM failed:\n" + out);
    String last = out.strip().lines().reduce((a, b) -> b).orElse("");
    String[] f = last.split(" ");
    assertTrue(f.length == 4 && f[0].equals("ok"), "backend " + backend().name() + ": " + out);
    long made = Long.parseLong(f[2]);
    long peak = Long.parseLong(f[3]);
    assertTrue(
        peak <= made / 10 * 7,
        "backend "
            + backend().name()
            + " held up to "
            + peak
            + " bytes of the "
            + made
            + " made in "
            + f[1]
            + " arrays: dropped arrays were not reclaimed");
  }

  /**
   * An array no backend can hold (a pebibyte) fails with {@link NdOutOfMemoryException} in NumPy's
   * words, naming shape, dtype, bytes and backend, not with an Error; nothing is left allocated and
   * the backend works on.
   */
  @Test
  default void anAllocationTooLargeToHoldIsAnNdOutOfMemoryException() {
    int before = backend().liveBuffers();
    NdOutOfMemoryException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            NdOutOfMemoryException.class, () -> backend().zeros(DType.FLOAT64, 1L << 47));
    assertTrue(
        e.getMessage()
            .startsWith(
                "Unable to allocate 1.00 PiB for an array with shape (140737488355328,)"
                    + " and data type float64 on backend "
                    + backend().name()),
        e.getMessage());
    assertEquals(1L << 50, e.bytes());
    assertEquals(DType.FLOAT64, e.dtype());
    assertEquals("(140737488355328,)", e.shape().toString());
    assertEquals(backend().name(), e.backend());
    assertTrue(backend().liveBuffers() <= before, "the failed allocation left a buffer");
    try (NdArray ok = backend().ones(DType.FLOAT64, 3);
        NdArray sum = ok.sum()) {
      assertEquals(3.0, sum.doubleValue(), "the backend works after the failure");
    }
  }
}
