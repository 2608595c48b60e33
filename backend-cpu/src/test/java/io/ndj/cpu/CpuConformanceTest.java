package io.ndj.cpu;

import io.ndj.Backend;
import io.ndj.Nd;
import io.ndj.conformance.ConformanceKit;

/** The whole conformance kit on the cpu backend. */
public class CpuConformanceTest implements ConformanceKit {
  @Override
  public Backend backend() {
    return Nd.backend("cpu");
  }
}
