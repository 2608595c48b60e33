package io.ndj.cpu;

import io.ndj.spi.Availability;
import io.ndj.spi.BackendProvider;
import io.ndj.spi.Kernels;

/** The pure-Java backend: always available. */
public final class CpuProvider implements BackendProvider {
  @Override
  public String name() {
    return "cpu";
  }

  @Override
  public int priority() {
    return 100;
  }

  @Override
  public Availability availability() {
    return Availability.yes(CpuKernels.describe());
  }

  @Override
  public Kernels create() {
    return new CpuKernels();
  }
}
