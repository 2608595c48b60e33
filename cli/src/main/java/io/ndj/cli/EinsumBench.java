package io.ndj.cli;

import io.ndj.Backend;
import io.ndj.DType;
import io.ndj.Nd;
import io.ndj.NdArray;
import io.ndj.Scope;
import java.io.PrintStream;

/**
 * Times #24's einsum rows beside the products they name: {@code einsum('ij,jk->ik')} against {@code
 * matmul} of the same n x n float32 matrices (n = 4096 on a GPU, 1024 on the host), and {@code
 * einsum('bij,bjk->bik')} against the batched {@code matmul} (64 x 512² on a GPU, 16 x 256² on the
 * host). One line per row, the median of the repetitions in ms; {@code bench/einsum_compare.py}
 * runs NumPy or CuPy on the same rows beside it and prints each einsum over its matmul.
 *
 * <pre>{@code java io.ndj.cli.EinsumBench BACKEND [REPS]}</pre>
 */
public final class EinsumBench {
  private EinsumBench() {}

  public static void main(String[] args) {
    Backend b = Nd.backend(args.length > 0 ? args[0] : Nd.backend().name());
    int reps = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    run(b, reps, System.out);
  }

  static void run(Backend b, int reps, PrintStream out) {
    boolean gpu = !b.name().equals("cpu") && !b.name().equals("nd4j");
    int n = gpu ? 4096 : 1024;
    int batch = gpu ? 64 : 16;
    int m = gpu ? 512 : 256;
    try (Scope scope = Nd.scope()) {
      NdArray a = b.random(1).random(n, n).astype(DType.FLOAT32);
      NdArray x = b.random(2).random(batch, m, m).astype(DType.FLOAT32);
      String square = n + "x" + n;
      String stack = batch + "x" + m + "x" + m;
      // the same products first, so that neither side of a pair pays for the other's compilation
      for (int i = 0; i < 5; i++) {
        try (Scope s = Nd.scope()) {
          Nd.einsum("ij,jk->ik", a, a);
          Nd.einsum("bij,bjk->bik", x, x);
        }
      }
      FftBench.time(out, b, reps, "matmul", "float32", square, () -> Nd.matmul(a, a));
      FftBench.time(
          out, b, reps, "einsum_ij", "float32", square, () -> Nd.einsum("ij,jk->ik", a, a));
      FftBench.time(out, b, reps, "matmul_b", "float32", stack, () -> Nd.matmul(x, x));
      FftBench.time(
          out, b, reps, "einsum_bij", "float32", stack, () -> Nd.einsum("bij,bjk->bik", x, x));
      // #29's batched row: many small products (1024 x 64²), float32 and float64
      for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
        NdArray s = b.random(3).random(1024, 64, 64).astype(t);
        FftBench.time(
            out,
            b,
            reps,
            "matmul_s" + t.itemsize() * 8,
            t.toString(),
            "1024x64x64",
            () -> s.matmul(s));
      }
    }
  }
}
