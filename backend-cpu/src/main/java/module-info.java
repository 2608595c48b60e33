/** ndj's pure-Java reference backend. */
module io.ndj.cpu {
  requires io.ndj;

  provides io.ndj.spi.BackendProvider with
      io.ndj.cpu.CpuProvider;
}
