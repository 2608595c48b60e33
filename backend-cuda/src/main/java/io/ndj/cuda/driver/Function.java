package io.ndj.cuda.driver;

import jcuda.driver.CUfunction;

/**
 * A loaded kernel, as the rest of the backend holds one: JCuda's type stays inside this package.
 */
public final class Function {
  final CUfunction raw;

  Function(CUfunction raw) {
    this.raw = raw;
  }
}
