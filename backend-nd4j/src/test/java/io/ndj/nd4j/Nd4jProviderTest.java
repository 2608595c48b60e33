package io.ndj.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ndj.spi.BackendProvider;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bridge is used only when asked for by name: never the default where the cpu backend is on the
 * path.
 */
class Nd4jProviderTest {
  @Test
  void nd4jComesOnlyWhenNamedAndAfterCpu() {
    assertTrue(new Nd4jProvider().priority() <= 0, "a priority above 0 would make nd4j a default");
    List<String> order = io.ndj.Nd.providers().stream().map(BackendProvider::name).toList();
    assertTrue(order.indexOf("cpu") < order.indexOf("nd4j"), "cpu before nd4j: " + order);
    assertEquals("nd4j", io.ndj.Nd.backend("nd4j").name(), "by name it is there");
  }
}
