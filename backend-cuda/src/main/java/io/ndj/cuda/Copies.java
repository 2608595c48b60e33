package io.ndj.cuda;

import io.ndj.DType;
import io.ndj.cuda.driver.Driver;
import io.ndj.spi.Strided;
import io.ndj.spi.View;

/**
 * Copies and casts: fill, arange, strided copies between any dtypes, typed fast paths (copies.cuh).
 */
final class Copies extends Launch {
  Copies(Launch launch) {
    super(launch);
  }

  void fill(View out, Number value) {
    long n = out.size();
    launch(
        "k_fill",
        n,
        Geom.of(out.shape(), new long[][] {out.strides()}, new long[] {out.offset()}),
        ptr(out),
        Codes.of(out.dtype()),
        value.doubleValue(),
        value.longValue(),
        n);
  }

  void arange(View out, Number start, Number step) {
    long n = out.shape()[0];
    launch(
        "k_arange",
        n,
        ptr(out),
        Codes.of(out.dtype()),
        n,
        out.offset(),
        out.strides()[0],
        start.doubleValue(),
        step.doubleValue(),
        start.longValue(),
        step.longValue());
  }

  void copy(View out, View in) {
    long n = out.size();
    if (fastCopy(out, in, n)) {
      return;
    }
    launch(
        "k_copy",
        n,
        Geom.of(
            out.shape(),
            new long[][] {out.strides(), in.strides()},
            new long[] {out.offset(), in.offset()}),
        ptr(out),
        Codes.of(out.dtype()),
        ptr(in),
        Codes.of(in.dtype()),
        n);
  }

  /**
   * Typed copies without per-element offsets: same-dtype runs that coalesce to one axis (slices
   * such as {@code x[::3]}) or to rows of contiguous elements (row slices of a matrix), same-dtype
   * 2-d transposes into a row-major result (tiled through shared memory), and contiguous
   * float32/float64 casts. Returns false for anything else.
   */
  private boolean fastCopy(View out, View in, long n) {
    Strided.Layout l = Strided.coalesce(out.shape(), out.strides(), in.strides());
    int size = in.dtype().itemsize();
    if (out.dtype() == in.dtype()) {
      if (l.ndim() == 1) {
        launch("k_copy1d_" + size, n, at(out), at(in), n, l.strides()[0][0], l.strides()[1][0]);
        return true;
      }
      if (l.ndim() == 2
          && l.strides()[0][0] == l.shape()[1]
          && l.strides()[0][1] == 1
          && l.strides()[1][1] == 1) {
        // rows of contiguous elements (x[::3] of a matrix): one grid row per output row
        long rows = l.shape()[0];
        long cols = l.shape()[1];
        long ld = l.strides()[1][0];
        // 16-byte units when every row's bytes and start allow it (pool blocks start 512-byte
        // aligned)
        int unit =
            (cols * size) % 16 == 0
                    && (ld * size) % 16 == 0
                    && (out.offset() * size) % 16 == 0
                    && (in.offset() * size) % 16 == 0
                ? 16
                : size;
        long c = cols * size / unit;
        driver.makeCurrent();
        driver.launch2d(
            fn("k_copyrows_" + unit),
            (int) Math.min((c + THREADS - 1) / THREADS, 65535),
            (int) Math.min(rows, 65535),
            THREADS,
            Driver.args(at(out), at(in), rows, c, ld * size / unit));
        return true;
      }
      if (l.ndim() == 2
          && l.strides()[0][0] == l.shape()[1]
          && l.strides()[0][1] == 1
          && l.strides()[1][0] == 1
          && l.strides()[1][1] >= l.shape()[0]) {
        transpose("k_transpose_" + size, out, in, l.shape()[0], l.shape()[1], l.strides()[1][1]);
        return true;
      }
      return false;
    }
    boolean floats =
        (in.dtype() == DType.FLOAT32 && out.dtype() == DType.FLOAT64)
            || (in.dtype() == DType.FLOAT64 && out.dtype() == DType.FLOAT32);
    if (floats && l.ndim() == 1 && l.strides()[0][0] == 1 && l.strides()[1][0] == 1) {
      launch(
          in.dtype() == DType.FLOAT32 ? "k_cast_f32_f64" : "k_cast_f64_f32", n, at(out), at(in), n);
      return true;
    }
    return false;
  }

  /**
   * numpy.triu of a column-major matrix into a row-major one in one pass (k_transpose_upper):
   * {@code out} (rows x cols, C-contiguous, float32 or float64) gets {@code in}'s element (r, c)
   * where c >= r and zero below the diagonal; {@code in} the same shape and dtype with strides {1,
   * ld} (geqrf's factors, R in their upper triangle). The tiles wholly below the diagonal are not
   * read.
   */
  void upperTransposed(View out, View in) {
    transpose(
        "k_transpose_upper_" + out.dtype().itemsize(),
        out,
        in,
        out.shape()[0],
        out.shape()[1],
        in.strides()[1]);
  }

  /**
   * Launches one of copies.cuh's tiled transposes (transpose2d): out (rows x cols, row-major) from
   * in's element (r, c) at {@code r + c * ld}, a block per 32 x 32 tile (at most 65,535, looping).
   */
  private void transpose(String kernel, View out, View in, long rows, long cols, long ld) {
    long tiles = ((rows + 31) / 32) * ((cols + 31) / 32);
    driver.makeCurrent();
    driver.launch(
        fn(kernel),
        (int) Math.min(tiles, 65535),
        THREADS,
        Driver.args(at(out), at(in), rows, cols, ld));
  }

  /**
   * FFTs of lines of two complex64 points (k_fft_pairs_c64), out and in C-contiguous and 16-byte
   * aligned, each result times {@code scale} (rounded to float) unless it is 1.
   */
  void fftPairs(View out, View in, double scale) {
    long lines = in.size() / 2;
    launch(
        "k_fft_pairs_c64",
        lines,
        at(out),
        at(in),
        lines,
        (double) (float) scale,
        scale == 1 ? 0 : 1);
  }
}
