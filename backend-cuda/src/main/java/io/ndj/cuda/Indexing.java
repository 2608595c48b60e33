package io.ndj.cuda;

import io.ndj.DType;
import io.ndj.cuda.driver.Driver;
import io.ndj.spi.BinaryOp;
import io.ndj.spi.View;
import java.util.Arrays;

/** Indexing: gather and scatter of rows, ufunc.at, nonzero, histogram (indexing.cuh). */
final class Indexing extends Launch {
  Indexing(Launch launch) {
    super(launch);
  }

  void gather(View out, View in, View indices) {
    int nb = indices.ndim();
    long[] rest = Arrays.copyOfRange(in.shape(), 1, in.ndim());
    long nRest = Arrays.stream(rest).reduce(1, (x, y) -> x * y);
    byte[] b =
        Geom.of(
            indices.shape(),
            new long[][] {Arrays.copyOf(out.strides(), nb), indices.strides()},
            new long[] {out.offset(), indices.offset()});
    byte[] r =
        Geom.of(
            rest,
            new long[][] {
              Arrays.copyOfRange(out.strides(), nb, out.ndim()),
              Arrays.copyOfRange(in.strides(), 1, in.ndim())
            },
            new long[] {0, in.offset()});
    long total = indices.size() * nRest;
    launch(
        "k_gather",
        total,
        b,
        r,
        ptr(out),
        ptr(in),
        Codes.of(in.dtype()),
        ptr(indices),
        in.strides()[0],
        nRest,
        total);
  }

  void scatter(View target, View indices, View values) {
    int nb = indices.ndim();
    long rows = target.shape()[0];
    long[] rest = Arrays.copyOfRange(target.shape(), 1, target.ndim());
    long nRest = Arrays.stream(rest).reduce(1, (x, y) -> x * y);
    byte[] b =
        Geom.raw(
            indices.shape(),
            new long[][] {Arrays.copyOf(values.strides(), nb), indices.strides()},
            new long[] {values.offset(), indices.offset()});
    byte[] r =
        Geom.of(
            rest,
            new long[][] {
              Arrays.copyOfRange(values.strides(), nb, values.ndim()),
              Arrays.copyOfRange(target.strides(), 1, target.ndim())
            },
            new long[] {0, target.offset()});
    CudaBuffer winner = pool.allocate(Math.max(1, rows) * 8);
    try {
      launch("k_fill_i64", rows, winner.ptr(), -1L, rows);
      long nB = indices.size();
      launch("k_scatter_claim", nB, b, ptr(indices), winner.ptr(), nB);
      long total = nB * nRest;
      launch(
          "k_scatter",
          total,
          b,
          r,
          ptr(target),
          ptr(values),
          Codes.of(target.dtype()),
          ptr(indices),
          winner.ptr(),
          target.strides()[0],
          nRest,
          total);
    } finally {
      pool.release(winner);
    }
  }

  /**
   * NumPy's ufunc.at on the device: one thread per update, atomics so that repeated indices lose
   * nothing. The order of float updates to one element is the scheduler's, so a sum there may round
   * differently from NumPy's loop.
   */
  void accumulateAt(BinaryOp op, View target, View indices, View values) {
    if (privateAdd(op, target, indices, values)) {
      return;
    }
    launch(
        "k_accumulate_at",
        indices.size(),
        at(target),
        Codes.of(target.dtype()),
        at(indices),
        at(values),
        values.strides()[0],
        Codes.of(op),
        indices.size());
  }

  /** Shared memory of one block's private copy of a small target: below 48 KB, no opt-in needed. */
  private static final int PRIVATE_BYTES = 32 * 1024;

  /**
   * Adds (subtracts) into a target of at most {@link #PRIVATE_BYTES} through a private copy per
   * block in shared memory, when there are many more updates than slots: false where that does not
   * apply.
   */
  private boolean privateAdd(BinaryOp op, View target, View indices, View values) {
    DType t = target.dtype();
    long size = target.size();
    long n = indices.size();
    if ((op != BinaryOp.ADD && op != BinaryOp.SUBTRACT)
        || (t != DType.INT64 && t != DType.INT32 && t != DType.FLOAT64 && t != DType.FLOAT32)
        || size * t.itemsize() > PRIVATE_BYTES
        || n < 64 * size) {
      return false;
    }
    // a block per 8 K updates, at most 8 per SM (256 threads each)
    int blocks = (int) Math.max(1, Math.min(maxBlocks / 4, (n + 8191) / 8192));
    driver.makeCurrent();
    driver.launch2d(
        fn("k_accumulate_at_shared"),
        blocks,
        1,
        THREADS,
        (int) (size * t.itemsize()),
        Driver.args(
            at(target),
            Codes.of(t),
            at(indices),
            at(values),
            values.strides()[0],
            Codes.of(op),
            n,
            size));
    return true;
  }

  void nonzero(View out, View in) {
    byte[] g =
        Geom.raw(
            in.shape(),
            new long[][] {new long[in.ndim()], in.strides()},
            new long[] {0, in.offset()});
    driver.makeCurrent();
    driver.launch(
        fn("k_nonzero"),
        1,
        1024,
        Driver.args(
            g,
            ptr(in),
            Codes.of(in.dtype()),
            ptr(out),
            out.offset(),
            out.strides()[0],
            out.strides()[1],
            in.size()));
  }

  /** One pass with per-block counts in shared memory, for up to 1024 bins of contiguous values. */
  boolean histogram(View counts, View x, View edges) {
    int nb = (int) counts.shape()[0];
    if (nb > 1024 || !x.isContiguous() || x.dtype() == DType.BOOL) {
      return false;
    }
    long n = x.size();
    if (n > 0) {
      launch(
          "k_histogram",
          n,
          ptr(x),
          Codes.of(x.dtype()),
          x.offset(),
          n,
          ptr(edges),
          Codes.of(edges.dtype()),
          edges.offset(),
          edges.strides()[0],
          nb,
          ptr(counts),
          counts.offset());
    }
    return true;
  }
}
