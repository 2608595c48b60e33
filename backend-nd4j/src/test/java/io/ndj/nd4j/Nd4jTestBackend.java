package io.ndj.nd4j;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ndj.Backend;
import io.ndj.Nd;
import io.ndj.spi.Availability;

/**
 * The nd4j backend for a test class, or the class skipped with ND4J's reason where its native
 * library won't load.
 */
final class Nd4jTestBackend {
  private Nd4jTestBackend() {}

  static Backend get() {
    Availability a = new Nd4jProvider().availability();
    assumeTrue(a.available(), "nd4j backend unavailable: " + a.reason());
    return Nd.backend("nd4j");
  }
}
