package io.ndj.cuda;

import io.ndj.DType;
import io.ndj.cuda.driver.Driver;
import io.ndj.cuda.driver.Function;
import io.ndj.spi.View;
import java.util.Arrays;

/**
 * Matrix products: typed tiled and tensor-core kernels for float32/float64, a strided kernel for
 * the rest (matmul.cuh).
 */
final class MatMul extends Launch {
  MatMul(Launch launch) {
    super(launch);
  }

  void matmul(View out, View a, View b) {
    if (tiledMatmul(out, a, b)) {
      return;
    }
    int nd = out.ndim();
    long n = out.shape()[nd - 2];
    long m = out.shape()[nd - 1];
    long k = a.shape()[nd - 1];
    long[] batch = Arrays.copyOf(out.shape(), nd - 2);
    byte[] g =
        Geom.of(
            batch,
            new long[][] {
              Arrays.copyOf(out.strides(), nd - 2),
              Arrays.copyOf(a.strides(), nd - 2),
              Arrays.copyOf(b.strides(), nd - 2)
            },
            new long[] {out.offset(), a.offset(), b.offset()});
    long total = out.size();
    launch(
        "k_matmul",
        total,
        g,
        ptr(out),
        ptr(a),
        ptr(b),
        Codes.of(a.dtype()),
        n,
        m,
        k,
        a.strides()[nd - 2],
        a.strides()[nd - 1],
        b.strides()[nd - 2],
        b.strides()[nd - 1],
        out.strides()[nd - 2],
        out.strides()[nd - 1],
        total);
  }

  /**
   * 2-d float products of row-major operands (unit inner stride) go to the shared-memory tiled
   * kernel.
   */
  private boolean tiledMatmul(View out, View a, View b) {
    DType t = a.dtype();
    if (out.ndim() != 2
        || (t != DType.FLOAT32 && t != DType.FLOAT64)
        || a.strides()[1] != 1
        || b.strides()[1] != 1
        || out.strides()[1] != 1
        || a.shape()[1] < 16) {
      return false;
    }
    long n = out.shape()[0];
    long m = out.shape()[1];
    long k = a.shape()[1];
    driver.makeCurrent();
    String s = t == DType.FLOAT32 ? "f32" : "f64";
    if (n >= 512 && m >= 512) {
      // large: 128x128 tiles on the tensor cores (float64: DMMA; float32: 3xTF32, near float32's
      // accuracy), or
      // 64x128 tiles at two blocks per SM where 128x128 ones would not fill the SMs twice over
      // (H100, float64 1024:
      // 0.099 -> 0.068 ms; no faster from 4096)
      int gx = (int) ((m + 127) / 128);
      int gy = (int) ((n + 127) / 128);
      // int offsets when every element of both operands (and the padding rows and columns of edge
      // tiles) is
      // addressable with them
      long reach =
          Math.max((n + 128) * Math.abs(a.strides()[0]), (k + 32) * Math.abs(b.strides()[0]))
              + m
              + k
              + 256;
      boolean small = reach < Integer.MAX_VALUE;
      boolean halfTiles = small && (long) gx * gy < maxBlocks / 16; // twice the SMs
      String name =
          halfTiles
              ? "k_matmul_tc64_" + s
              : small
                  ? (t == DType.FLOAT64 ? "k_matmul_tc48_f64" : "k_matmul_tc32_f32")
                  : "k_matmul_tc_" + s;
      int rows = halfTiles ? (int) ((n + 63) / 64) : gy;
      int threads = halfTiles ? 128 : 256;
      Function kernel = tensorKernel(name);
      if (t == DType.FLOAT64) {
        driver.launch2d(
            kernel,
            gx,
            rows,
            threads,
            tensorShared(name),
            Driver.args(
                at(a), at(b), at(out), n, m, k, a.strides()[0], b.strides()[0], out.strides()[0]));
        return true;
      }
      // 3xTF32 cannot keep inf (inf * 0 cross terms): a device-side check picks the FMA kernel for
      // such operands,
      // without waiting for the answer on the host (each kernel returns at once unless the flag
      // selects it)
      CudaBuffer special = pool.allocate(4);
      try {
        driver.zero(special.ptr(), 4);
        launch("k_nonfinite_f32", n * k, at(a), n, k, a.strides()[0], special.ptr());
        launch("k_nonfinite_f32", k * m, at(b), k, m, b.strides()[0], special.ptr());
        Driver.Args args =
            Driver.args(
                at(a),
                at(b),
                at(out),
                n,
                m,
                k,
                a.strides()[0],
                b.strides()[0],
                out.strides()[0],
                special.ptr());
        driver.launch2d(kernel, gx, rows, threads, tensorShared(name), args);
        driver.launch2d(fn("k_matmul_big_f32"), gx, gy, 256, args);
      } finally {
        pool.release(special);
      }
      return true;
    }
    int gx = (int) ((m + 63) / 64);
    int gy = (int) ((n + 63) / 64);
    driver.launch2d(
        fn("k_matmul_" + s),
        gx,
        gy,
        256,
        Driver.args(
            at(a), at(b), at(out), n, m, k, a.strides()[0], b.strides()[0], out.strides()[0]));
    return true;
  }

  /**
   * Dynamic shared memory of a tensor-core kernel: its stages of A's 128 (or 64) x (KS + 4) and B's
   * KS x 132 (136) slices.
   */
  private static int tensorShared(String kernel) {
    return switch (kernel) {
      case "k_matmul_tc48_f64" -> 2 * (128 * 52 + 48 * 132) * 8;
      case "k_matmul_tc64_f64" -> 4 * (64 * 20 + 16 * 132) * 8;
      case "k_matmul_tc64_f32" -> 4 * (64 * 20 + 16 * 136) * 4;
      case "k_matmul_tc_f64" -> 4 * (128 * 20 + 16 * 132) * 8;
      default -> 4 * (128 * 20 + 16 * 136) * 4;
    };
  }

  private Function tensorKernel(String name) {
    return sharedKernel(name, tensorShared(name));
  }
}
