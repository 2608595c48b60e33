package io.ndj.cuda.driver;

import jcuda.driver.CUevent;

/** A stream event, as the rest of the backend holds one: JCuda's type stays inside this package. */
public final class Event {
  final CUevent raw;

  Event(CUevent raw) {
    this.raw = raw;
  }
}
