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

  /** Grid z's limit: larger stacks loop over their matrices in the kernels. */
  private static final int MAX_GRID_Z = 65535;

  /**
   * Float products whose matrices are row-major (unit inner stride), one matrix or a stack with any
   * batch strides (broadcast and reversed too), go to the tiled kernels, one launch for the whole
   * stack (grid z over its matrices): on an H100 the strided kernel took 25.6 ms for 64 x 512²
   * float32, CuPy 0.4.
   */
  private boolean tiledMatmul(View out, View a, View b) {
    DType t = a.dtype();
    int nd = out.ndim();
    if ((t != DType.FLOAT32 && t != DType.FLOAT64)
        || a.strides()[nd - 1] != 1
        || b.strides()[nd - 1] != 1
        || out.strides()[nd - 1] != 1
        || a.shape()[nd - 1] < 16) {
      return false;
    }
    long n = out.shape()[nd - 2];
    long m = out.shape()[nd - 1];
    long k = a.shape()[nd - 1];
    long lda = a.strides()[nd - 2];
    long ldb = b.strides()[nd - 2];
    long ldc = out.strides()[nd - 2];
    if (out.size() == 0) {
      return true;
    }
    long count = out.size() / (n * m);
    byte[] batch =
        Geom.of(
            Arrays.copyOf(out.shape(), nd - 2),
            new long[][] {
              Arrays.copyOf(out.strides(), nd - 2),
              Arrays.copyOf(a.strides(), nd - 2),
              Arrays.copyOf(b.strides(), nd - 2)
            },
            new long[3]);
    int gz = (int) Math.min(count, MAX_GRID_Z);
    driver.makeCurrent();
    String s = t == DType.FLOAT32 ? "f32" : "f64";
    if (n <= 64 && m <= 64 && k <= 64) {
      // small: a block per matrix, both operands whole in shared memory
      String small = "k_matmul_small_" + s;
      int bytes = 64 * (68 + 64) * t.itemsize();
      driver.launch3d(
          sharedKernel(small, bytes),
          1,
          1,
          gz,
          256,
          bytes,
          Driver.args(batch, count, at(a), at(b), at(out), n, m, k, lda, ldb, ldc));
      return true;
    }
    if (n < 512 || m < 512) {
      driver.launch3d(
          fn("k_matmul_" + s),
          (int) ((m + 63) / 64),
          (int) ((n + 63) / 64),
          gz,
          256,
          0,
          Driver.args(batch, count, at(a), at(b), at(out), n, m, k, lda, ldb, ldc));
      return true;
    }
    // large: 128x128 tiles on the tensor cores (float64: DMMA; float32: 3xTF32, near float32's
    // accuracy), or 64x128 tiles at two blocks per SM where 128x128 ones would not fill the SMs
    // twice over (H100, float64 1024: 0.099 -> 0.068 ms; no faster from 4096)
    int gx = (int) ((m + 127) / 128);
    int gy = (int) ((n + 127) / 128);
    // int offsets within a matrix when every element of both operands (and the padding rows and
    // columns of edge tiles) is addressable with them (the batch offsets move the pointers)
    long reach = Math.max((n + 128) * Math.abs(lda), (k + 32) * Math.abs(ldb)) + m + k + 256;
    boolean small = reach < Integer.MAX_VALUE;
    boolean halfTiles = small && (long) gx * gy * count < maxBlocks / 16; // twice the SMs
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
      driver.launch3d(
          kernel,
          gx,
          rows,
          gz,
          threads,
          tensorShared(name),
          Driver.args(batch, count, at(a), at(b), at(out), n, m, k, lda, ldb, ldc));
      return true;
    }
    // 3xTF32 cannot keep inf (inf * 0 cross terms): a device-side check picks the FMA kernel for
    // such operands, without waiting for the answer on the host (each kernel returns at once unless
    // the flag selects it)
    CudaBuffer special = pool.allocate(4);
    try {
      driver.zero(special.ptr(), 4);
      nonfinite(batch, count, 1, a, n, k, special);
      nonfinite(batch, count, 2, b, k, m, special);
      Driver.Args args =
          Driver.args(batch, count, at(a), at(b), at(out), n, m, k, lda, ldb, ldc, special.ptr());
      driver.launch3d(kernel, gx, rows, gz, threads, tensorShared(name), args);
      driver.launch3d(fn("k_matmul_big_f32"), gx, gy, gz, 256, 0, args);
    } finally {
      pool.release(special);
    }
    return true;
  }

  /** Flags inf or NaN in operand {@code which} (1 A, 2 B) of every matrix of a float32 stack. */
  private void nonfinite(
      byte[] batch, long count, int which, View x, long rows, long cols, CudaBuffer flag) {
    int gz = (int) Math.min(count, MAX_GRID_Z);
    long perMatrix = Math.max(1, maxBlocks / gz);
    int blocks = (int) Math.max(1, Math.min(perMatrix, (rows * cols + THREADS - 1) / THREADS));
    int nd = x.ndim();
    driver.launch3d(
        fn("k_nonfinite_f32"),
        blocks,
        1,
        gz,
        THREADS,
        0,
        Driver.args(batch, count, which, at(x), rows, cols, x.strides()[nd - 2], flag.ptr()));
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
