package io.ndj.nd4j;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ndj.Backend;
import io.ndj.Nd;
import io.ndj.conformance.ConformanceKit;
import io.ndj.spi.Availability;
import org.junit.jupiter.api.BeforeAll;

/** The whole conformance kit on ND4J's native CPU engine. */
public class Nd4jConformanceTest implements ConformanceKit {
  @BeforeAll
  static void available() {
    Availability a = new Nd4jProvider().availability();
    assumeTrue(a.available(), "nd4j backend unavailable: " + a.reason());
  }

  @Override
  public Backend backend() {
    return Nd.backend("nd4j");
  }

  @Override
  public String backendName() {
    return "nd4j";
  }
}
