package io.ndj.cli;

import io.ndj.Backend;
import io.ndj.DType;
import io.ndj.Nd;
import io.ndj.NdArray;
import io.ndj.Scope;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Times #27's FFT rows: on a GPU c2c complex64 of 2^24 points, 65,536 lines of 1024, fft2 of 8192²,
 * rfft of 1e8 float32 and irfft of its spectrum, a first call (plans cleared before each); on the
 * host c2c complex128 of 2^20 and fft2 of 4096². One line per row, the median of the repetitions in
 * ms, the result left on the device; {@code bench/fft_compare.py} runs NumPy and CuPy on the same
 * rows beside it.
 *
 * <pre>{@code java io.ndj.cli.FftBench BACKEND [REPS]}</pre>
 */
public final class FftBench {
  private FftBench() {}

  public static void main(String[] args) {
    Backend b = Nd.backend(args.length > 0 ? args[0] : Nd.backend().name());
    int reps = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    run(b, reps, System.out);
  }

  static void run(Backend b, int reps, PrintStream out) {
    boolean gpu = !b.name().equals("cpu") && !b.name().equals("nd4j");
    warmCallPath(b);
    if (gpu) {
      try (Scope scope = Nd.scope()) {
        NdArray x = complex(b, DType.COMPLEX64, 1 << 24);
        time(out, b, reps, "c2c", "complex64", "16777216", () -> Nd.fft.fft(x));
      }
      try (Scope scope = Nd.scope()) {
        NdArray x = complex(b, DType.COMPLEX64, 65536 * 1024L).reshape(65536, 1024);
        time(out, b, reps, "batched", "complex64", "65536x1024", () -> Nd.fft.fft(x));
      }
      try (Scope scope = Nd.scope()) {
        NdArray x = complex(b, DType.COMPLEX64, 1L << 26).reshape(1 << 25, 2);
        time(out, b, reps, "pairs", "complex64", "33554432x2", () -> Nd.fft.fft(x));
      }
      try (Scope scope = Nd.scope()) {
        NdArray x = complex(b, DType.COMPLEX64, 8192 * 8192L).reshape(8192, 8192);
        time(out, b, reps, "fft2", "complex64", "8192x8192", () -> Nd.fft.fft2(x));
      }
      try (Scope scope = Nd.scope()) {
        NdArray x = b.random(3).random(100_000_000).astype(DType.FLOAT32);
        time(out, b, reps, "rfft", "float32", "100000000", () -> Nd.fft.rfft(x));
        NdArray spectrum = Nd.fft.rfft(x);
        time(out, b, reps, "irfft", "complex64", "50000001", () -> Nd.fft.irfft(spectrum));
      }
      try (Scope scope = Nd.scope()) {
        NdArray x = complex(b, DType.COMPLEX64, 1 << 22);
        time(
            out,
            b,
            reps,
            "first call",
            "complex64",
            "4194304",
            () -> {
              Nd.fft.clearPlans();
              return Nd.fft.fft(x);
            });
      }
    } else {
      try (Scope scope = Nd.scope()) {
        NdArray x = complex(b, DType.COMPLEX128, 1 << 20);
        time(out, b, reps, "c2c", "complex128", "1048576", () -> Nd.fft.fft(x));
      }
      try (Scope scope = Nd.scope()) {
        NdArray x = complex(b, DType.COMPLEX128, 4096 * 4096L).reshape(4096, 4096);
        time(out, b, reps, "fft2", "complex128", "4096x4096", () -> Nd.fft.fft2(x));
      }
    }
  }

  /**
   * Runs each timed function's Java path a few thousand times on tiny arrays first, so that the JIT
   * has compiled it (interpreted, ndj's path costs about 80 us a call; compiled, about 2): a
   * program that transforms often runs compiled code, and CuPy's path is compiled C.
   */
  private static void warmCallPath(Backend b) {
    try (Scope scope = Nd.scope()) {
      NdArray c = complex(b, DType.COMPLEX64, 64).reshape(8, 8);
      NdArray c128 = c.astype(DType.COMPLEX128);
      NdArray r = b.random(4).random(64).astype(DType.FLOAT32);
      for (int i = 0; i < 3000; i++) {
        try (Scope s = Nd.scope()) {
          Nd.fft.fft(c);
          Nd.fft.fft(c128);
          Nd.fft.fft2(c);
          Nd.fft.fft2(c128);
          Nd.fft.rfft(r);
        }
      }
      b.synchronize();
    }
  }

  /** n complex values with normal real and imaginary parts. */
  private static NdArray complex(Backend b, DType t, long n) {
    try (NdArray re = b.random(1).normal(0, 1, n);
        NdArray im = b.random(2).normal(0, 1, n);
        NdArray z = b.complex(re, im)) {
      return z.astype(t);
    }
  }

  static void time(
      PrintStream out,
      Backend b,
      int reps,
      String row,
      String dtype,
      String shape,
      Supplier<NdArray> f) {
    double[] ms = new double[reps];
    for (int i = -2; i < reps; i++) {
      b.synchronize();
      long t0 = System.nanoTime();
      try (NdArray r = f.get()) {
        b.synchronize();
      }
      double t = (System.nanoTime() - t0) / 1e6;
      if (i >= 0) {
        ms[i] = t;
      }
    }
    Arrays.sort(ms);
    out.printf("%-12s %-10s %-12s %s %10.3f ms%n", row, dtype, shape, b.name(), ms[reps / 2]);
  }
}
