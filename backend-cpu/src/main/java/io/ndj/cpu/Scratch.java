package io.ndj.cpu;

/**
 * Per-thread scratch runs for the kernels' bodies, allocated once per thread: an op on a small array then allocates
 * nothing but its result. A body takes them when it is created on its task's thread and never hands them on.
 */
final class Scratch {
  private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);

  final double[] d0 = new double[Loop.CHUNK];
  final double[] d1 = new double[Loop.CHUNK];
  final double[] d2 = new double[Loop.CHUNK];
  final long[] l0 = new long[Loop.CHUNK];
  final long[] l1 = new long[Loop.CHUNK];
  final long[] l2 = new long[Loop.CHUNK];

  static Scratch get() {
    return LOCAL.get();
  }
}
