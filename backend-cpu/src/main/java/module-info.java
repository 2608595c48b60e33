/** ndj's pure-Java reference backend. */
module io.ndj.cpu {
  requires io.ndj;
  requires jdk.management; // the machine's memory, for the native arrays' budget
  // optional: the matmul micro-kernel uses it when the JVM runs with --add-modules
  // jdk.incubator.vector
  requires static jdk.incubator.vector;

  provides io.ndj.spi.BackendProvider with
      io.ndj.cpu.CpuProvider;
}
