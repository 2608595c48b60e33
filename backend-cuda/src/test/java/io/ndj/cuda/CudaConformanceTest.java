package io.ndj.cuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ndj.Backend;
import io.ndj.Nd;
import io.ndj.conformance.ConformanceKit;
import io.ndj.spi.Availability;
import org.junit.jupiter.api.BeforeAll;

/** The whole conformance kit on the GPU; skipped with the reason where there is none. */
public class CudaConformanceTest implements ConformanceKit {
  @BeforeAll
  static void available() {
    Availability a = new CudaProvider().availability();
    assumeTrue(a.available(), "cuda backend unavailable: " + a.reason());
  }

  /** The kit runs on device 0 unless {@code -Dndj.kit.cuda=cuda:N} names another. */
  @Override
  public Backend backend() {
    return Nd.backend(System.getProperty("ndj.kit.cuda", "cuda"));
  }

  @Override
  public String backendName() {
    return "cuda";
  }
}
