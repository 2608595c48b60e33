/** ndj on NVIDIA GPUs. */
module io.ndj.cuda {
  requires io.ndj;
  requires jcuda;

  provides io.ndj.spi.BackendProvider with
      io.ndj.cuda.CudaProvider;
}
