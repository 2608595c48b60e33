package io.ndj.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ndj.DType;
import io.ndj.Nd;
import io.ndj.spi.BackendProvider;
import io.ndj.spi.UnaryOp;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Discovery through ServiceLoader and the default backend. */
class BackendsTest {
  @Test
  void cpuIsFoundAndIsTheDefaultHere() {
    List<BackendProvider> providers = Nd.providers();
    assertTrue(
        providers.stream().anyMatch(p -> p.name().equals("cpu") && p instanceof CpuProvider));
    assertTrue(
        providers.stream()
            .filter(p -> p.name().equals("cpu"))
            .findFirst()
            .orElseThrow()
            .availability()
            .available());
    assertSame(Nd.backend("cpu"), Nd.backend("cpu"));
    if (System.getProperty("ndj.backend") == null
        && System.getenv("NDJ_BACKEND") == null
        && providers.size() == 1) {
      assertEquals("cpu", Nd.backend().name());
    }
  }

  /** "name:device" names one device of a backend; the host's memory is one device. */
  @Test
  void aDeviceIsNamedAfterTheBackend() {
    assertSame(Nd.backend("cpu"), Nd.backend("cpu:0"));
    assertEquals("cpu", Nd.backend("cpu:0").name());
    assertEquals(
        "backend cpu has one device; there is no device 1",
        assertThrows(UnsupportedOperationException.class, () -> Nd.backend("cpu:1")).getMessage());
    assertEquals(
        "a backend's device is a number from 0, as in 'cuda:1'; got 'cpu:first'",
        assertThrows(IllegalArgumentException.class, () -> Nd.backend("cpu:first")).getMessage());
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> Nd.backend("gpu:1"))
            .getMessage()
            .startsWith("no backend named 'gpu'; found: "));
  }

  @Test
  void capabilitiesAreDeclared() {
    assertTrue(Nd.backend("cpu").supports(UnaryOp.SIN, DType.FLOAT32));
    assertTrue(!Nd.backend("cpu").supports(UnaryOp.SIN, DType.INT32));
  }
}
