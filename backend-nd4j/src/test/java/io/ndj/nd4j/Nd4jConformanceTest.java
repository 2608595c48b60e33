package io.ndj.nd4j;

import io.ndj.Backend;
import io.ndj.Nd;
import io.ndj.conformance.ConformanceKit;
import org.junit.jupiter.api.BeforeAll;

/** The whole conformance kit on ND4J's native CPU engine. */
public class Nd4jConformanceTest implements ConformanceKit {
  @BeforeAll
  static void available() {
    Nd4jTestBackend.get();
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
