package io.ndj.cuda;

import io.ndj.DType;
import io.ndj.cuda.driver.DevicePtr;
import io.ndj.cuda.driver.Driver;
import io.ndj.cuda.driver.Function;
import io.ndj.spi.View;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Sorts and argsorts along an axis (merge path per line, onesweep radix for one long line) and
 * searchsorted (sort.cuh).
 */
final class Sorting extends Launch {
  Sorting(Launch launch) {
    super(launch);
  }

  void sort(View out, View in, int axis) {
    sortLines(out, in, axis, false);
  }

  void argsort(View out, View in, int axis) {
    sortLines(out, in, axis, true);
  }

  private void sortLines(View out, View in, int axis, boolean argsort) {
    long len = in.shape()[axis];
    long total = in.size();
    long lines = total / Math.max(1, len);
    if (lines == 1 && len >= RADIX_MIN && len <= RADIX_MAX) {
      radixSort(at(in), in.dtype(), in.strides()[axis], at(out), out.strides()[axis], len, argsort);
      return;
    }
    if (lines == 1 && len > RADIX_MAX) {
      runsSort(out, in, axis, argsort);
      return;
    }
    byte[] g = Geom.lines(out, in, axis);
    try (Working work = new Working(pool)) {
      CudaBuffer k1 = work.take(total * 8);
      CudaBuffer x1 = work.take(total * 8);
      CudaBuffer k2 = work.take(total * 8);
      CudaBuffer x2 = work.take(total * 8);
      launch(
          "k_sort_keys",
          total,
          g,
          ptr(in),
          Codes.of(in.dtype()),
          len,
          in.strides()[axis],
          k1.ptr(),
          x1.ptr(),
          total);
      CudaBuffer ka = k1;
      CudaBuffer xa = x1;
      CudaBuffer kb = k2;
      CudaBuffer xb = x2;
      for (long w = 1; w < len; w *= 2) {
        long pairs = (len + 2 * w - 1) / (2 * w);
        long tile = 32;
        long tiles = (2 * w + tile - 1) / tile;
        launch(
            "k_merge_path",
            lines * pairs * tiles,
            ka.ptr(),
            xa.ptr(),
            kb.ptr(),
            xb.ptr(),
            len,
            w,
            lines,
            tile);
        CudaBuffer t = ka;
        ka = kb;
        kb = t;
        t = xa;
        xa = xb;
        xb = t;
      }
      launch(
          "k_sort_write",
          total,
          g,
          ptr(out),
          ptr(in),
          Codes.of(in.dtype()),
          len,
          out.strides()[axis],
          in.strides()[axis],
          xa.ptr(),
          argsort ? 1 : 0,
          total);
    }
  }

  private static final long RADIX_MIN = 1 << 15;

  /**
   * Look-back counts keep 30 bits; a longer line is sorted in runs of at most this many. A probe
   * may lower it ({@code -Dndj.cuda.radixMax=N}) to run the long-line path on short lines.
   */
  private static final long RADIX_MAX =
      Math.clamp(Long.getLong("ndj.cuda.radixMax", (1 << 30) - 1), 1, (1 << 30) - 1);

  /**
   * A radix pass kernel's block: warps, keys a thread (as instantiated in sort.cuh), and the
   * dynamic shared memory it takes: the larger of the warps' digit counts and the tile's keys, then
   * the tile's positions for argsorts.
   */
  private record RadixShape(String kernel, int warps, int items, int keyBytes, boolean argsort) {
    static RadixShape of(boolean wide, boolean argsort) {
      String name = "k_radix_pass" + (wide ? "64" : "32") + (argsort ? "_arg" : "");
      int warps = wide || argsort ? 16 : 12;
      int items = wide && argsort ? 12 : 16;
      return new RadixShape(name, warps, items, wide ? 8 : 4, argsort);
    }

    int threads() {
      return 32 * warps;
    }

    long tile() {
      return (long) threads() * items;
    }

    int sharedBytes() {
      int keys = (int) Math.max(tile() * keyBytes, warps * 1024L);
      return keys + (argsort ? (int) tile() * 4 : 0);
    }
  }

  /**
   * One long line, sorted by a stable LSD radix sort of keys as wide as the dtype, 8 bits a pass,
   * with no host round trip: one kernel counts every digit, a one-block kernel plans the passes
   * (skipping digits that every key shares), then one onesweep kernel per digit. Positions
   * (argsort) travel as 32-bit values beside the keys.
   */
  private void radixSort(
      DevicePtr inAt, DType dtype, long si, DevicePtr outAt, long so, long n, boolean argsort) {
    boolean wide = dtype.itemsize() == 8;
    int passes = wide ? 8 : 4;
    RadixShape shape = RadixShape.of(wide, argsort);
    long tiles = (n + shape.tile() - 1) / shape.tile();
    long counters = passes * 1024L;
    long status = counters + 1024;
    try (Working work = new Working(pool)) {
      CudaBuffer meta = work.take(status + passes * tiles * 1024);
      CudaBuffer plan = work.take(passes * 1024L + passes * 12L);
      CudaBuffer ka = work.take(n * (wide ? 8 : 4));
      CudaBuffer kb = work.take(n * (wide ? 8 : 4));
      CudaBuffer xa = argsort ? work.take(n * 4) : ka;
      CudaBuffer xb = argsort ? work.take(n * 4) : kb;
      driver.makeCurrent();
      driver.zero(meta.ptr(), status + passes * tiles * 1024);
      int t = Codes.of(dtype);
      // a few blocks per SM: each adds its counts to the global ones once
      driver.launch(
          fn(wide ? "k_radix_hist64" : "k_radix_hist32"),
          (int) Math.min(maxBlocks / 8, (n + 2047) / 2048),
          THREADS,
          Driver.args(inAt, t, si, n, argsort ? 1 : 0, meta.ptr()));
      DevicePtr steps = plan.ptr().withByteOffset(passes * 1024L);
      driver.launch(
          fn("k_radix_plan"), 1, THREADS, Driver.args(meta.ptr(), passes, n, plan.ptr(), steps));
      Function pass = sharedKernel(shape.kernel(), shape.sharedBytes());
      for (int p = 0; p < passes; p++) {
        driver.launch2d(
            pass,
            (int) tiles,
            1,
            shape.threads(),
            shape.sharedBytes(),
            Driver.args(
                inAt,
                t,
                si,
                outAt,
                so,
                ka.ptr(),
                kb.ptr(),
                xa.ptr(),
                xb.ptr(),
                n,
                p,
                steps,
                plan.ptr(),
                meta.ptr().withByteOffset(status + p * tiles * 1024),
                meta.ptr().withByteOffset(counters + p * 4L)));
      }
    }
  }

  /**
   * One line past a radix sort's 30-bit counts (2^30 values): radix-sorts runs of equal length (at
   * most {@link #RADIX_MAX}) into scratch, then merges pairs of runs (sort.cuh's k_merge_runs), the
   * last merge writing out. Sorts merge the values themselves; argsorts merge positions, each
   * comparison reading its key from the input. Scratch: two copies of the line (a value or a
   * position each) and one run's radix buffers, where a merge sort of keys and positions took 32
   * bytes a value.
   */
  private void runsSort(View out, View in, int axis, boolean argsort) {
    long n = in.shape()[axis];
    DType t = in.dtype();
    long runs = (n + RADIX_MAX - 1) / RADIX_MAX;
    long w = (n + runs - 1) / runs;
    int item = argsort ? 8 : t.itemsize();
    long si = in.strides()[axis];
    long stepIn = si * t.itemsize();
    try (Working work = new Working(pool)) {
      CudaBuffer a = work.take(n * item);
      for (long r = 0; r < runs; r++) {
        long r0 = r * w;
        radixSort(
            at(in).withByteOffset(r0 * stepIn),
            t,
            si,
            a.ptr().withByteOffset(r0 * item),
            1,
            Math.min(w, n - r0),
            argsort);
      }
      CudaBuffer b = runs > 2 ? work.take(n * item) : null;
      String kernel = "k_merge_runs" + (t.itemsize() == 8 ? "64" : "32") + (argsort ? "_arg" : "");
      long tile = 64;
      boolean first = true;
      for (; w < n; w *= 2) {
        boolean last = 2 * w >= n;
        DevicePtr to = last ? at(out) : b.ptr();
        long pairs = (n + 2 * w - 1) / (2 * w);
        launch(
            kernel,
            pairs * ((2 * w + tile - 1) / tile),
            at(in),
            Codes.of(t),
            si,
            a.ptr(),
            to,
            last ? out.strides()[axis] : 1,
            n,
            w,
            tile,
            first ? 1 : 0);
        first = false;
        CudaBuffer s = a;
        a = b;
        b = s;
      }
    }
  }

  /** Places one selection takes at most (SELECT_PLACES in sort.cuh). */
  private static final int SELECT_PLACES = 16;

  /**
   * Kernels.select by radix select (sort.cuh): one pass over the lines per 8-bit digit of keys as
   * wide as the dtype, for every place of every line at once, with no host round trip. Lines of at
   * least 2048 values (shorter ones sort quickly), at most 16 places, and few enough lines.
   */
  boolean select(View out, View in, long[] kth) {
    DType t = in.dtype();
    long lines = in.shape()[0];
    long n = in.shape()[1];
    int count = kth.length;
    if (t == DType.BOOL
        || t.isComplex()
        || count > SELECT_PLACES
        || n < 2048
        || n > Integer.MAX_VALUE
        || lines > 65535
        || lines * count > 4096) {
      return false;
    }
    long pairs = lines * count;
    ByteBuffer places = ByteBuffer.allocate(8 * SELECT_PLACES).order(ByteOrder.LITTLE_ENDIAN);
    for (long k : kth) {
      places.putLong(k);
    }
    int code = Codes.of(t);
    try (Working work = new Working(pool)) {
      CudaBuffer state = work.take(pairs * 16);
      CudaBuffer hist = work.take(pairs * 256 * 4);
      driver.makeCurrent();
      driver.zero(hist.ptr(), pairs * 256 * 4);
      launch("k_select_init", pairs, places.array(), state.ptr(), count, pairs);
      // a block per 16 K values of a line, about 8 blocks per SM in all
      int blocks = (int) Math.max(1, Math.min((n + 16383) / 16384, maxBlocks / 4 / lines));
      for (int pass = 0; pass < t.itemsize(); pass++) {
        driver.launch2d(
            fn("k_select_hist"),
            blocks,
            (int) lines,
            THREADS,
            Driver.args(
                at(in),
                code,
                n,
                in.strides()[0],
                in.strides()[1],
                count,
                pass,
                state.ptr(),
                hist.ptr()));
        launch("k_select_step", pairs, state.ptr(), hist.ptr(), pairs, pass);
      }
      launch(
          "k_select_write",
          pairs,
          state.ptr(),
          at(out),
          code,
          count,
          out.strides()[0],
          out.strides()[1],
          pairs);
    }
    return true;
  }

  void searchsorted(View out, View sorted, View values, boolean right) {
    long n = values.size();
    launch(
        "k_searchsorted",
        n,
        Geom.of(
            values.shape(),
            new long[][] {out.strides(), values.strides()},
            new long[] {out.offset(), values.offset()}),
        ptr(out),
        ptr(sorted),
        sorted.shape()[0],
        sorted.offset(),
        sorted.strides()[0],
        ptr(values),
        Codes.of(values.dtype()),
        right ? 1 : 0,
        n);
  }
}
