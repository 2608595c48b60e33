package io.ndj.cuda;

import io.ndj.DType;
import io.ndj.cuda.driver.DevicePtr;
import io.ndj.cuda.driver.Driver;
import io.ndj.spi.ReduceOp;
import io.ndj.spi.ScanOp;
import io.ndj.spi.Strided;
import io.ndj.spi.View;
import java.util.Arrays;

/**
 * Reductions (sum, prod, min, max, arg*, any, all over any axes) and scans (reduce.cuh,
 * reduce_fast.cuh).
 */
final class Reductions extends Launch {
  /**
   * Per-row counts of finished chunks for the one-launch row folds (k_rows_*): zero between
   * launches, as each row's last block resets its count. Rows folded in chunks number fewer than
   * maxBlocks.
   */
  private static final int ROWS_DONE = 1 << 16;

  private final DevicePtr rowsDone;

  Reductions(Launch launch) {
    super(launch);
    rowsDone = driver.alloc(4L * ROWS_DONE);
    driver.zero(rowsDone, 4L * ROWS_DONE);
  }

  void reduce(ReduceOp op, View out, View in, int[] axes) {
    if (fastReduce(op, out, in, axes)) {
      return;
    }
    Strided.Split split = Strided.split(out, in, axes);
    long[] keptShape = split.keptShape();
    long[] keptOut = split.keptOut();
    long[] keptIn = split.keptIn();
    long[] redShape = split.axesShape();
    long[] redIn = split.axesIn();
    long nOut = out.size();
    long nRed = Arrays.stream(redShape).reduce(1, (x, y) -> x * y);
    byte[] kept =
        Geom.of(keptShape, new long[][] {keptOut, keptIn}, new long[] {out.offset(), in.offset()});
    Strided.Layout rl = Strided.coalesce(redShape, redIn);
    byte[] reduced =
        Geom.raw(rl.shape(), new long[][] {new long[rl.ndim()], rl.strides()[0]}, new long[2]);
    driver.makeCurrent();
    long chunks =
        nOut >= maxBlocks
            ? 1
            : Math.min(Math.max(1, nRed / 65536), Math.max(1, 4L * maxBlocks / nOut));
    if (chunks == 1) {
      int blocks = (int) Math.max(1, Math.min(nOut, 65535));
      driver.launch(
          fn("k_reduce"),
          blocks,
          THREADS,
          Driver.args(
              kept,
              reduced,
              Codes.of(op),
              ptr(out),
              Codes.of(out.dtype()),
              ptr(in),
              Codes.of(in.dtype()),
              nOut,
              nRed));
      return;
    }
    // few outputs over long ranges: partial folds on many blocks, then an in-order merge per output
    CudaBuffer partials = pool.allocate(nOut * chunks * 24);
    try {
      int blocks = (int) Math.min(nOut * chunks, 65535);
      driver.launch(
          fn("k_reduce_partial"),
          blocks,
          THREADS,
          Driver.args(
              kept,
              reduced,
              Codes.of(op),
              partials.ptr(),
              ptr(in),
              Codes.of(in.dtype()),
              nOut,
              nRed,
              chunks));
      launch(
          "k_reduce_final",
          nOut,
          kept,
          Codes.of(op),
          ptr(out),
          Codes.of(out.dtype()),
          partials.ptr(),
          Codes.of(in.dtype()),
          nOut,
          chunks);
    } finally {
      pool.release(partials);
    }
  }

  /**
   * SUM, MIN and MAX of a contiguous float32/float64 array over its last axes (rows of a row-major
   * matrix) or its first axes (columns), with typed kernels: no per-element offsets or dtype
   * switches, warp-shuffle folds, and partial results folded in order when there are too few
   * outputs to fill the card. Returns false for anything else.
   */
  private boolean fastReduce(ReduceOp op, View out, View in, int[] axes) {
    return fastReduce(op, out, in, axes, null);
  }

  /**
   * The sum over axes of {@code (x - mean)²} (each difference and square rounded in x's dtype, the
   * sum in double), without the squares' array, by the typed kernels of {@link #fastReduce}; false
   * where they do not apply (then io.ndj squares into a temporary). mean has out's shape.
   */
  boolean squaredDeviations(View out, View x, View mean, int[] axes) {
    return mean.dtype() == x.dtype()
        && mean.isContiguous()
        && java.util.Arrays.equals(mean.shape(), out.shape())
        && fastReduce(ReduceOp.SUM, out, x, axes, mean);
  }

  /**
   * See {@link io.ndj.spi.Kernels#squaredDeviationSumOnePass}: contiguous float32 or float64 over
   * trailing axes (a whole array in k_moments_sum's tiles, rows in k_moments_rows) or leading ones
   * (columns in 16-byte units, k_moments_colsv), in one read: float64 moments per group of four,
   * merged in a fixed order (the same input gives the same bits every time). False for other
   * layouts, which take the two passes.
   */
  boolean squaredDeviationsOnePass(View out, View x, int[] axes) {
    Split split = Split.of(out, x, axes);
    if (split == null) {
      return false;
    }
    boolean suffix = split.suffix();
    boolean prefix = split.prefix();
    long reduced = split.reduced();
    long kept = split.kept();
    DType t = x.dtype();
    String s = t == DType.FLOAT32 ? "f32" : "f64";
    long lanes = 16 / t.itemsize();
    driver.makeCurrent();
    if (suffix && kept == 1) {
      long chunks = wholeChunks(reduced);
      CudaBuffer partial = pool.allocate(chunks * 24);
      try {
        driver.launch(
            fn("k_moments_sum_" + s),
            (int) chunks,
            2 * THREADS,
            Driver.args(at(x), at(out), partial.ptr(), rowsDone, reduced, chunks));
      } finally {
        pool.release(partial);
      }
      return true;
    }
    if (suffix) {
      long chunks = rowChunks(reduced, kept);
      CudaBuffer partial = chunks > 1 ? pool.allocate(kept * chunks * 24) : null;
      try {
        driver.launch(
            fn("k_moments_rows_" + s),
            (int) Math.min(kept * chunks, 65535),
            THREADS,
            Driver.args(
                at(x),
                at(out),
                partial == null ? at(x) : partial.ptr(),
                rowsDone,
                kept,
                reduced,
                chunks));
      } finally {
        if (partial != null) {
          pool.release(partial);
        }
      }
      return true;
    }
    if (!prefix || kept % lanes != 0 || x.offset() % lanes != 0) {
      return false;
    }
    long columns = kept / lanes;
    long colBlocks = (columns + THREADS - 1) / THREADS;
    long chunks = unitColumnChunks(reduced, columns);
    CudaBuffer partial = chunks > 1 ? pool.allocate(kept * chunks * 24) : null;
    try {
      driver.launch(
          fn("k_moments_colsv_" + s),
          (int) Math.min(colBlocks * chunks, 65535),
          THREADS,
          Driver.args(
              at(x), at(out), partial == null ? at(x) : partial.ptr(), reduced, kept, chunks));
      if (partial != null) {
        launch("k_moments_partials_" + s, kept, partial.ptr(), at(out), kept, chunks);
      }
    } finally {
      if (partial != null) {
        pool.release(partial);
      }
    }
    return true;
  }

  /**
   * A contiguous float32 or float64 reduction's layout: whether the axes are the trailing ones
   * (rows, or the whole array) or the leading ones (columns), the elements each output folds, the
   * outputs. Null where the typed kernels do not apply (another dtype, a strided or empty view).
   */
  private record Split(boolean suffix, boolean prefix, long reduced, long kept) {
    static Split of(View out, View in, int[] axes) {
      DType t = in.dtype();
      if ((t != DType.FLOAT32 && t != DType.FLOAT64)
          || out.dtype() != t
          || !in.isContiguous()
          || !out.isContiguous()
          || in.size() == 0
          || out.size() == 0) {
        return null;
      }
      int nd = in.ndim();
      int k = axes.length;
      boolean suffix = true;
      boolean prefix = true;
      for (int i = 0; i < k; i++) {
        suffix &= axes[i] == nd - k + i;
        prefix &= axes[i] == i;
      }
      long reduced = 1;
      for (int a : axes) {
        reduced *= in.shape()[a];
      }
      return new Split(suffix, prefix, reduced, in.size() / reduced);
    }
  }

  /** {@link #fastReduce(ReduceOp, View, View, int[])}; with a mean, the squared deviations' sum. */
  private boolean fastReduce(ReduceOp op, View out, View in, int[] axes, View mean) {
    Split split = Split.of(out, in, axes);
    if (split == null
        || (op != ReduceOp.SUM && op != ReduceOp.MIN && op != ReduceOp.MAX)
        || (!split.suffix() && !split.prefix())) {
      return false;
    }
    boolean suffix = split.suffix();
    long reduced = split.reduced();
    long kept = split.kept();
    DType t = in.dtype();
    String s = t == DType.FLOAT32 ? "f32" : "f64";
    String k0 = mean == null ? "k_" : "k_sqdev_";
    Object[] m = mean == null ? new Object[0] : new Object[] {at(mean)};
    int code = Codes.of(op);
    driver.makeCurrent();
    if (suffix && kept == 1 && op == ReduceOp.SUM) {
      // a whole array: blocked tiles (CUB's arrangement), 512 threads, two chunks per SM
      long chunks = wholeChunks(reduced);
      CudaBuffer partial = pool.allocate(chunks * 8);
      try {
        driver.launch(
            fn(k0 + "sum_" + s),
            (int) chunks,
            2 * THREADS,
            Driver.args(with(m, at(in), at(out), partial.ptr(), rowsDone, reduced, chunks)));
      } finally {
        pool.release(partial);
      }
      return true;
    }
    if (suffix) {
      long chunks = rowChunks(reduced, kept);
      // kept rows, each folding `reduced` contiguous elements; a row's last chunk to finish merges
      // its partials
      CudaBuffer partial = chunks > 1 ? pool.allocate(kept * chunks * 8) : null;
      try {
        driver.launch(
            fn(k0 + "rows_" + s),
            (int) Math.min(kept * chunks, 65535),
            THREADS,
            Driver.args(
                with(
                    m,
                    at(in),
                    at(out),
                    partial == null ? at(in) : partial.ptr(),
                    rowsDone,
                    kept,
                    reduced,
                    chunks,
                    code)));
      } finally {
        if (partial != null) {
          pool.release(partial);
        }
      }
    } else {
      // kept columns, each folding `reduced` rows; partials merged by one thread per column.
      // Columns in 16-byte
      // units where they divide evenly and start on 16 bytes (the pool's blocks start on 512), in
      // as many chunks of
      // rows as give 1024 threads per SM (measured best against 512-8192: fewer partials, one wave
      // of blocks)
      long lanes = 16 / t.itemsize();
      boolean units = kept % lanes == 0 && in.offset() % lanes == 0;
      long columns = units ? kept / lanes : kept;
      long colBlocks = (columns + THREADS - 1) / THREADS;
      long chunks =
          units
              ? unitColumnChunks(reduced, columns)
              : Math.max(1, Math.min(reduced / 32, (4L * maxBlocks + colBlocks - 1) / colBlocks));
      foldInChunks(
          k0 + (units ? "colsv_" : "cols_") + s,
          (int) Math.min(colBlocks * chunks, 65535),
          in,
          out,
          reduced,
          kept,
          kept,
          chunks,
          code,
          m,
          partial ->
              launch("k_partials_" + s, kept, partial, at(out), kept, chunks, 1L, kept, code));
    }
    return true;
  }

  /**
   * Runs a typed fold kernel {@code (in, out, partial, rows, cols, chunks, op)}: with one chunk it
   * stores results itself; with more it writes {@code kept * chunks} double partials that {@code
   * merge} folds into out.
   */
  private void foldInChunks(
      String kernel,
      int blocks,
      View in,
      View out,
      long rows,
      long cols,
      long kept,
      long chunks,
      int code,
      Object[] extra,
      java.util.function.Consumer<DevicePtr> merge) {
    CudaBuffer partial = chunks > 1 ? pool.allocate(kept * chunks * 8) : null;
    try {
      driver.launch(
          fn(kernel),
          blocks,
          THREADS,
          Driver.args(
              with(
                  extra,
                  at(in),
                  at(out),
                  partial == null ? at(in) : partial.ptr(),
                  rows,
                  cols,
                  chunks,
                  code)));
      if (partial != null) {
        merge.accept(partial.ptr());
      }
    } finally {
      // released after the launches: later work on the stream runs after them
      if (partial != null) {
        pool.release(partial);
      }
    }
  }

  /** args followed by the extra ones (a kernel's trailing parameters). */
  private static Object[] with(Object[] extra, Object... args) {
    Object[] all = java.util.Arrays.copyOf(args, args.length + extra.length);
    System.arraycopy(extra, 0, all, args.length, extra.length);
    return all;
  }

  void scan(ScanOp op, View out, View in, int axis) {
    long len = in.shape()[axis];
    long lines = in.size() / Math.max(1, len);
    launch(
        "k_scan",
        lines,
        Geom.lines(out, in, axis),
        op == ScanOp.CUMPROD ? 1 : 0,
        ptr(out),
        Codes.of(out.dtype()),
        ptr(in),
        Codes.of(in.dtype()),
        len,
        out.strides()[axis],
        in.strides()[axis],
        lines);
  }

  // Launch geometry shared by the sums and the one-read moments (var/std), so both follow one
  // tuning.

  /**
   * Blocks for a whole-array fold of {@code reduced} elements: 8192 a block, a sixteenth of the
   * grid.
   */
  private long wholeChunks(long reduced) {
    return Math.max(1, Math.min(reduced / 8192, maxBlocks / 16));
  }

  /** Chunks a row of {@code reduced} contiguous elements splits into, over {@code kept} rows. */
  private long rowChunks(long reduced, long kept) {
    return Math.max(1, Math.min(reduced / 8192, (maxBlocks + kept - 1) / kept));
  }

  /** Chunks of rows for column folds of 16-byte units, {@code columns} units wide. */
  private long unitColumnChunks(long reduced, long columns) {
    return Math.max(1, Math.min(reduced / 32, (32L * maxBlocks + columns - 1) / columns));
  }
}
