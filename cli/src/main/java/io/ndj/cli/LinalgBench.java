package io.ndj.cli;

import io.ndj.Backend;
import io.ndj.Nd;
import io.ndj.NdArray;
import io.ndj.Scope;
import io.ndj.linalg.Linalg;
import java.io.PrintStream;

/**
 * Times #25's rows the backend's own solver runs: solve of an n x n float64 system with one
 * right-hand side, cholesky of an n x n SPD matrix, inv, det, eigh of an n/2 x n/2 one and svd of
 * an n/4 (GPU) or n/8 x n/8 one (n = 8192 on a GPU, 2048 on the host). One line per row, the median
 * of the repetitions in ms; {@code bench/linalg_compare.py} runs CuPy or NumPy on the same rows
 * beside it.
 *
 * <pre>{@code java io.ndj.cli.LinalgBench BACKEND [REPS]}</pre>
 */
public final class LinalgBench {
  /** The calls the batched row's median takes (bench/linalg_compare.py times CuPy's as many). */
  static final int SMALL_REPS = 101;

  private LinalgBench() {}

  public static void main(String[] args) {
    Backend b = Nd.backend(args.length > 0 ? args[0] : Nd.backend().name());
    int reps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    if (args.length > 2 && args[2].equals("qr-parts")) {
      qrParts(b, reps, System.out);
    } else {
      run(b, reps, System.out);
    }
  }

  /**
   * Where qr of an n x n float64 matrix spends its time (n = 8192 on a GPU): the whole call, mode
   * "r", a transposed copy and triu, each on its own (bench/cusolver_probe.py qr times CuPy's and
   * cuSOLVER's parts beside it).
   */
  static void qrParts(Backend b, int reps, PrintStream out) {
    boolean gpu = !b.name().equals("cpu") && !b.name().equals("nd4j");
    int n = gpu ? 8192 : 1024;
    String shape = n + "x" + n;
    try (NdArray a = b.random(1).normal(0, 1, (long) n * n).reshape(n, n)) {
      FftBench.time(out, b, reps, "qr", "float64", shape, () -> reducedR(a));
      FftBench.time(out, b, reps, "qr-r", "float64", shape, () -> Linalg.qr(a, "r").r());
      FftBench.time(out, b, reps, "transpose", "float64", shape, () -> a.T().copy());
      FftBench.time(out, b, reps, "triu", "float64", shape, () -> Nd.triu(a));
      FftBench.time(out, b, reps, "copy", "float64", shape, a::copy);
    }
  }

  static void run(Backend b, int reps, PrintStream out) {
    boolean gpu = !b.name().equals("cpu") && !b.name().equals("nd4j");
    int n = gpu ? 8192 : 2048;
    try (Scope scope = Nd.scope()) {
      NdArray a = b.random(1).normal(0, 1, (long) n * n).reshape(n, n);
      NdArray rhs = b.random(2).normal(0, 1, n);
      NdArray spd = Nd.matmul(a.T(), a).add(b.eye(n).mul((double) n));
      for (int i = 0; i < 3; i++) {
        try (Scope s = Nd.scope()) {
          Linalg.solve(a.get("0:128, 0:128"), rhs.get("0:128"));
          Linalg.cholesky(spd.get("0:128, 0:128"));
        }
      }
      String shape = n + "x" + n;
      FftBench.time(out, b, reps, "solve", "float64", shape, () -> Linalg.solve(a, rhs));
      FftBench.time(out, b, reps, "cholesky", "float64", shape, () -> Linalg.cholesky(spd));
      FftBench.time(out, b, reps, "inv", "float64", shape, () -> Linalg.inv(a));
      FftBench.time(out, b, reps, "det", "float64", shape, () -> Linalg.det(a));
      try (NdArray many = b.random(3).normal(0, 1, 10_000L * 8 * 8).reshape(10_000, 8, 8);
          NdArray rhs8 = b.random(4).normal(0, 1, 10_000L * 8).reshape(10_000, 8, 1)) {
        // the small-system path's Java runs compiled after a few thousand calls (as FftBench's)
        try (NdArray few = many.get("0:4");
            NdArray fewB = rhs8.get("0:4")) {
          for (int i = 0; i < 3000; i++) {
            Linalg.solve(few, fewB).close();
          }
        }
        // a tenth of a millisecond a call: the median of many more calls than the large rows take
        FftBench.time(
            out,
            b,
            Math.max(reps, SMALL_REPS),
            "batched",
            "float64",
            "10000x8x8",
            () -> Linalg.solve(many, rhs8));
      }
      int m = n / 2;
      try (NdArray small = spd.get("0:" + m + ", 0:" + m).copy()) {
        FftBench.time(
            out,
            b,
            reps,
            "eigh",
            "float64",
            m + "x" + m,
            () -> {
              Linalg.EighResult e = Linalg.eigh(small);
              e.eigenvalues().close();
              return e.eigenvectors();
            });
      }
      // qr (reduced, NumPy's default) of the n x n matrix on a GPU, 256 x 256 here (a copy, which
      // the scope closes)
      NdArray forQr = gpu ? a : a.get("0:" + n / 8 + ", 0:" + n / 8).copy();
      long side = forQr.shape().dims()[0];
      FftBench.time(out, b, reps, "qr", "float64", side + "x" + side, () -> reducedR(forQr));
      // svd (full matrices, as NumPy's default) of a 2048 x 2048 on a GPU, 1024 x 1024 on cpu
      // (divide and conquer, as LAPACK's), 256 x 256 on nd4j (io.ndj's Jacobi rotations)
      int q = gpu ? n / 4 : b.name().equals("cpu") ? n / 2 : n / 8;
      try (NdArray square = a.get("0:" + q + ", 0:" + q).copy()) {
        FftBench.time(
            out,
            b,
            reps,
            "svd",
            "float64",
            q + "x" + q,
            () -> {
              Linalg.SvdResult r = Linalg.svd(square);
              r.u().close();
              r.vh().close();
              return r.s();
            });
      }
    }
  }

  /** qr (reduced) of a, Q closed: the R the timed rows return. */
  private static NdArray reducedR(NdArray a) {
    Linalg.QrResult r = Linalg.qr(a);
    r.q().close();
    return r.r();
  }
}
