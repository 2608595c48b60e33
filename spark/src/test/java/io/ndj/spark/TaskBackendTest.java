package io.ndj.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ndj.Backend;
import io.ndj.Nd;
import io.ndj.NdArray;
import java.util.Map;
import org.apache.spark.resource.ResourceInformation;
import org.junit.jupiter.api.Test;

/**
 * One GPU a task: the device Spark's resource scheduling gave a task (its first "gpu" address)
 * picks the executor backend's device; a backend of one device and a task without GPUs keep the
 * default. Spark schedules no GPUs in local mode, so the resources are given here as a task would
 * see them, on a test backend of two devices (TwinDevices).
 */
class TaskBackendTest {
  private static Map<String, ResourceInformation> gpus(String... addresses) {
    return Map.of("gpu", new ResourceInformation("gpu", addresses));
  }

  @Test
  void aTaskComputesOnTheGpuSparkGaveIt() {
    Backend twin = Nd.backend("twin");
    Backend second = TaskBackend.forResources(twin, gpus("1"));
    assertEquals("twin:1", second.name());
    assertSame(Nd.backend("twin:1"), second);
    assertSame(twin, TaskBackend.forResources(twin, gpus("0")));
    assertSame(twin, TaskBackend.forResources(second, gpus("0")), "from another device too");
    // the task's arrays live on that device and compute there
    try (NdArray x = second.arange(10);
        NdArray s = x.sum()) {
      assertEquals(second, x.backend());
      assertEquals(45, s.longValue());
    }
  }

  @Test
  void withoutAGpuOrWithOneDeviceTheDefaultStays() {
    Backend twin = Nd.backend("twin");
    assertSame(twin, TaskBackend.forResources(twin, Map.of()));
    assertSame(twin, TaskBackend.forResources(twin, gpus()));
    Backend cpu = Nd.backend("cpu");
    assertSame(cpu, TaskBackend.forResources(cpu, gpus("3")), "cpu has one device");
    assertSame(cpu, TaskBackend.current(), "outside a task: the default backend");
  }

  @Test
  void anAddressThatIsNoDeviceIsAnError() {
    Backend twin = Nd.backend("twin");
    assertEquals(
        "backend twin has 2 devices here; there is no device 2",
        assertThrows(
                IllegalArgumentException.class, () -> TaskBackend.forResources(twin, gpus("2")))
            .getMessage());
    assertEquals(
        "Spark gave this task GPU address 'GPU-5f1c'; ndj places a task by a device ordinal"
            + " (0, 1, ...): list ordinals in the executor's GPU discovery script",
        assertThrows(
                IllegalArgumentException.class,
                () -> TaskBackend.forResources(twin, gpus("GPU-5f1c")))
            .getMessage());
  }
}
