package io.ndj.cuda;

import io.ndj.DType;
import io.ndj.cuda.driver.Driver;
import io.ndj.spi.BinaryOp;
import io.ndj.spi.Buffer;
import io.ndj.spi.Kernels;
import io.ndj.spi.MemoryInfo;
import io.ndj.spi.Program;
import io.ndj.spi.ReduceOp;
import io.ndj.spi.ScanOp;
import io.ndj.spi.Strided;
import io.ndj.spi.UnaryOp;
import io.ndj.spi.View;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;

/**
 * The SPI on one CUDA device: kernels from ndj.cu launched asynchronously on one stream; only reads
 * to the host wait. Safe from many threads: each entry point makes the context current on its
 * thread, launches are ordered by the stream, and host transfers share a ring of pinned staging
 * slots ({@link Staging}).
 */
final class CudaKernels implements Kernels {
  private static final int THREADS = 256;

  private final Driver driver;
  private final MemoryPool pool;
  private final Map<String, CUfunction> functions = new ConcurrentHashMap<>();
  private final Staging staging;
  private final FusionCompiler fusion;
  private final String device;
  private final int maxBlocks;

  CudaKernels() {
    driver = new Driver();
    driver.loadModule(fatbin());
    pool = new MemoryPool(driver);
    staging = new Staging(driver);
    fusion = new FusionCompiler(driver, driver.computeCapability());
    device =
        driver.deviceName()
            + " (sm_"
            + driver.computeCapability().replace(".", "")
            + ", "
            + driver.multiprocessors()
            + " SMs)";
    maxBlocks = driver.multiprocessors() * 32;
    // the device's memory, less a tenth for the driver, libraries and other contexts
    memoryLimit = driver.memInfo()[1] / 10 * 9;
    rowsDone = driver.alloc(4L * ROWS_DONE);
    driver.zero(rowsDone, 4L * ROWS_DONE);
  }

  /**
   * Per-row counts of finished chunks for the one-launch row folds (k_rows_*): zero between
   * launches, as each row's last block resets its count. Rows folded in chunks number fewer than
   * maxBlocks.
   */
  private static final int ROWS_DONE = 1 << 16;

  private final CUdeviceptr rowsDone;

  /**
   * Live bytes past which ndj collects dropped arrays before allocating ({@link #memoryLimit()}).
   */
  private final long memoryLimit;

  static byte[] fatbin() {
    try (InputStream in = CudaKernels.class.getResourceAsStream("/io/ndj/cuda/ndj.fatbin")) {
      if (in == null) {
        throw new IllegalStateException("this jar was built without nvcc: it has no CUDA kernels");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the CUDA kernels: " + e.getMessage(), e);
    }
  }

  /** One cached {@code CUfunction} per kernel name. */
  private CUfunction fn(String name) {
    return functions.computeIfAbsent(name, driver::function);
  }

  private void launch(String kernel, long work, Object... args) {
    driver.makeCurrent();
    int blocks = (int) Math.max(1, Math.min(maxBlocks, (work + THREADS - 1) / THREADS));
    driver.launch(fn(kernel), blocks, THREADS, Driver.args(args));
  }

  /**
   * + - * of contiguous float32/float64 operands: k_flat_* runs one thread per 16-byte unit, no
   * loop, op and mode compiled in (CuPy's shape of kernel, which the looping k_binary_* trailed by
   * 2-5% at the copy bandwidth). Returns false for other ops, and for arrays too large for one
   * grid.
   */
  private boolean flat(BinaryOp op, View out, View a, View b, int mode, double scalar) {
    return (op == BinaryOp.ADD || op == BinaryOp.SUBTRACT || op == BinaryOp.MULTIPLY)
        && launchPerUnit(
            a.dtype() == DType.FLOAT32 ? "k_flat_f32" : "k_flat_f64",
            a.dtype(),
            out.size(),
            Codes.of(op),
            at(out),
            at(a),
            at(b),
            mode,
            scalar,
            out.size());
  }

  /**
   * Launches a kernel built on perUnit over {@code n} elements of {@code t}: a thread per 16-byte
   * unit and a few for the tail. Returns false, launching nothing, when that grid would be too
   * large.
   */
  private boolean launchPerUnit(String kernel, DType t, long n, Object... args) {
    long lanes = 16 / t.itemsize();
    long blocks = (n / lanes + lanes + THREADS - 1) / THREADS;
    if (blocks > Integer.MAX_VALUE) {
      return false;
    }
    driver.makeCurrent();
    driver.launch(fn(kernel), (int) blocks, THREADS, Driver.args(args));
    return true;
  }

  private static CUdeviceptr ptr(View v) {
    return ((CudaBuffer) v.buffer()).ptr();
  }

  private static CUdeviceptr ptr(Buffer b) {
    return ((CudaBuffer) b).ptr();
  }

  @Override
  public String name() {
    return "cuda";
  }

  @Override
  public String device() {
    return device;
  }

  @Override
  public Buffer allocate(long bytes) {
    driver.makeCurrent();
    return pool.allocate(bytes);
  }

  @Override
  public void free(Buffer buffer) {
    pool.release((CudaBuffer) buffer);
  }

  MemoryPool pool() {
    return pool;
  }

  private volatile CudaFft fft;

  private CudaFft fftEngine() {
    CudaFft f = fft;
    if (f == null) {
      synchronized (this) {
        if (fft == null) {
          fft = new CudaFft(this, driver, pool);
        }
        f = fft;
      }
    }
    return f;
  }

  @Override
  public boolean fft(View out, View in, boolean inverse, double scale) {
    driver.makeCurrent();
    return fftEngine().c2c(out, in, inverse, scale);
  }

  /**
   * Solves {@code count} small systems (n at most 16) one thread each: a {@code count x n x n}, b
   * and x {@code count x n x k}, C order, of dtype t; info[i] = 1 where matrix i is singular.
   */
  void smallSolve(
      DType t,
      CUdeviceptr a,
      CUdeviceptr b,
      CUdeviceptr x,
      CUdeviceptr info,
      long count,
      int n,
      int k) {
    launch(
        t == DType.FLOAT64 ? "k_small_solve_f64" : "k_small_solve_f32",
        count,
        a,
        b,
        x,
        info,
        count,
        n,
        k);
  }

  private volatile CudaSolver solver;

  private CudaSolver solver() {
    CudaSolver s = solver;
    if (s == null) {
      synchronized (this) {
        if (solver == null) {
          solver = new CudaSolver(this, driver, pool);
        }
        s = solver;
      }
    }
    return s;
  }

  @Override
  public boolean factorizes() {
    return true;
  }

  @Override
  public long solve(View out, View a, View b) {
    driver.makeCurrent();
    return solver().solve(out, a, b);
  }

  @Override
  public long eigh(View w, View v, View a, boolean lower) {
    driver.makeCurrent();
    return solver().eigh(w, v, a, lower);
  }

  @Override
  public long cholesky(View out, View a) {
    driver.makeCurrent();
    return solver().cholesky(out, a);
  }

  @Override
  public boolean fftn(View out, View in, int rank, boolean inverse, double scale) {
    driver.makeCurrent();
    return fftEngine().nd(out, in, rank, inverse, scale);
  }

  @Override
  public boolean rfft(View out, View in, double scale) {
    driver.makeCurrent();
    return fftEngine().r2c(out, in, scale);
  }

  @Override
  public void clearFftPlans() {
    if (fft != null) {
      fft.clear();
    }
  }

  @Override
  public int fftPlans() {
    return fft == null ? 0 : fft.size();
  }

  @Override
  public void write(Buffer dst, long dstOffset, MemorySegment src) {
    staging.write(ptr(dst), dstOffset, src);
  }

  @Override
  public void read(Buffer src, long srcOffset, MemorySegment dst) {
    staging.read(ptr(src), srcOffset, dst);
  }

  @Override
  public void fill(View out, Number value) {
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

  @Override
  public void arange(View out, Number start, Number step) {
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

  @Override
  public void copy(View out, View in) {
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
        long rows = l.shape()[0];
        long cols = l.shape()[1];
        long tiles = ((rows + 31) / 32) * ((cols + 31) / 32);
        driver.makeCurrent();
        driver.launch(
            fn("k_transpose_" + size),
            (int) Math.min(tiles, 65535),
            THREADS,
            Driver.args(at(out), at(in), rows, cols, l.strides()[1][1]));
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

  @Override
  public void unary(UnaryOp op, View out, View in) {
    long n = out.size();
    if (!op.isPredicate() && fast(in.dtype(), out, in)) {
      // square as x*x and sin/cos by the flat kernels, a 16-byte unit per thread (H100 1e8 in the
      // bench: sin²+cos²
      // float32 1.90 -> 1.46 ms, float64 3.14 -> 2.93; the grid-stride loop trailed CuPy's
      // one-element kernels)
      if (op == UnaryOp.SQUARE && flat(BinaryOp.MULTIPLY, out, in, in, 0, 0.0)) {
        return;
      }
      if ((op == UnaryOp.SIN || op == UnaryOp.COS)
          && launchPerUnit(
              in.dtype() == DType.FLOAT32 ? "k_trig_f32" : "k_trig_f64",
              in.dtype(),
              n,
              Codes.of(op),
              at(out),
              at(in),
              n)) {
        return;
      }
      launch(
          in.dtype() == DType.FLOAT32 ? "k_unary_f32" : "k_unary_f64",
          n,
          Codes.of(op),
          at(out),
          at(in),
          n);
      return;
    }
    launch(
        "k_unary",
        n,
        Geom.of(
            out.shape(),
            new long[][] {out.strides(), in.strides()},
            new long[] {out.offset(), in.offset()}),
        Codes.of(op),
        ptr(out),
        Codes.of(out.dtype()),
        ptr(in),
        Codes.of(in.dtype()),
        n);
  }

  /**
   * True when every view is C-contiguous and of one float dtype: the kernels then index directly.
   */
  private static boolean fast(DType t, View... views) {
    if (t != DType.FLOAT32 && t != DType.FLOAT64) {
      return false;
    }
    for (View v : views) {
      if (v.dtype() != t || !v.isContiguous() || hasZeroStride(v)) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasZeroStride(View v) {
    for (int i = 0; i < v.ndim(); i++) {
      if (v.strides()[i] == 0 && v.shape()[i] > 1) {
        return true;
      }
    }
    return false;
  }

  private static CUdeviceptr at(View v) {
    return ptr(v).withByteOffset(v.offset() * v.dtype().itemsize());
  }

  @Override
  public void binary(BinaryOp op, View out, View a, View b) {
    long n = out.size();
    if (!op.isComparison() && fast(a.dtype(), out, a, b)) {
      if (flat(op, out, a, b, 0, 0.0)) {
        return;
      }
      launch(
          a.dtype() == DType.FLOAT32 ? "k_binary_f32" : "k_binary_f64",
          n,
          Codes.of(op),
          at(out),
          at(a),
          at(b),
          0,
          0.0,
          n);
      return;
    }
    launch(
        "k_binary",
        n,
        Geom.of(
            out.shape(),
            new long[][] {out.strides(), a.strides(), b.strides()},
            new long[] {out.offset(), a.offset(), b.offset()}),
        Codes.of(op),
        ptr(out),
        Codes.of(out.dtype()),
        ptr(a),
        ptr(b),
        Codes.of(a.dtype()),
        0,
        0.0,
        0L,
        n);
  }

  @Override
  public void binaryScalar(BinaryOp op, View out, View a, Number scalar, boolean scalarFirst) {
    long n = out.size();
    if (!op.isComparison() && fast(a.dtype(), out, a)) {
      if (flat(op, out, a, a, scalarFirst ? 2 : 1, scalar.doubleValue())) {
        return;
      }
      launch(
          a.dtype() == DType.FLOAT32 ? "k_binary_f32" : "k_binary_f64",
          n,
          Codes.of(op),
          at(out),
          at(a),
          at(a),
          scalarFirst ? 2 : 1,
          scalar.doubleValue(),
          n);
      return;
    }
    launch(
        "k_binary",
        n,
        Geom.of(
            out.shape(),
            new long[][] {out.strides(), a.strides(), new long[a.ndim()]},
            new long[] {out.offset(), a.offset(), 0}),
        Codes.of(op),
        ptr(out),
        Codes.of(out.dtype()),
        ptr(a),
        ptr(a),
        Codes.of(a.dtype()),
        scalarFirst ? 2 : 1,
        scalar.doubleValue(),
        scalar.longValue(),
        n);
  }

  @Override
  public void where(View out, View cond, View a, View b) {
    long n = out.size();
    launch(
        "k_where",
        n,
        Geom.of(
            out.shape(),
            new long[][] {out.strides(), cond.strides(), a.strides(), b.strides()},
            new long[] {out.offset(), cond.offset(), a.offset(), b.offset()}),
        ptr(out),
        ptr(cond),
        ptr(a),
        ptr(b),
        Codes.of(a.dtype()),
        n);
  }

  @Override
  public void reduce(ReduceOp op, View out, View in, int[] axes) {
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
    DType t = in.dtype();
    if ((t != DType.FLOAT32 && t != DType.FLOAT64)
        || out.dtype() != t
        || (op != ReduceOp.SUM && op != ReduceOp.MIN && op != ReduceOp.MAX)
        || !in.isContiguous()
        || !out.isContiguous()
        || in.size() == 0
        || out.size() == 0) {
      return false;
    }
    int nd = in.ndim();
    int k = axes.length;
    boolean suffix = true;
    boolean prefix = true;
    for (int i = 0; i < k; i++) {
      suffix &= axes[i] == nd - k + i;
      prefix &= axes[i] == i;
    }
    if (!suffix && !prefix) {
      return false;
    }
    long reduced = 1;
    for (int a : axes) {
      reduced *= in.shape()[a];
    }
    long kept = in.size() / reduced;
    String s = t == DType.FLOAT32 ? "f32" : "f64";
    int code = Codes.of(op);
    driver.makeCurrent();
    if (suffix && kept == 1 && op == ReduceOp.SUM) {
      // a whole array: blocked tiles (CUB's arrangement), 512 threads, two chunks per SM
      long chunks = Math.max(1, Math.min(reduced / 8192, maxBlocks / 16));
      CudaBuffer partial = pool.allocate(chunks * 8);
      try {
        driver.launch(
            fn("k_sum_" + s),
            (int) chunks,
            2 * THREADS,
            Driver.args(at(in), at(out), partial.ptr(), rowsDone, reduced, chunks));
      } finally {
        pool.release(partial);
      }
      return true;
    }
    if (suffix) {
      long chunks = Math.max(1, Math.min(reduced / 8192, (maxBlocks + kept - 1) / kept));
      // kept rows, each folding `reduced` contiguous elements; a row's last chunk to finish merges
      // its partials
      CudaBuffer partial = chunks > 1 ? pool.allocate(kept * chunks * 8) : null;
      try {
        driver.launch(
            fn("k_rows_" + s),
            (int) Math.min(kept * chunks, 65535),
            THREADS,
            Driver.args(
                at(in),
                at(out),
                partial == null ? at(in) : partial.ptr(),
                rowsDone,
                kept,
                reduced,
                chunks,
                code));
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
              ? Math.max(1, Math.min(reduced / 32, (32L * maxBlocks + columns - 1) / columns))
              : Math.max(1, Math.min(reduced / 32, (4L * maxBlocks + colBlocks - 1) / colBlocks));
      foldInChunks(
          (units ? "k_colsv_" : "k_cols_") + s,
          (int) Math.min(colBlocks * chunks, 65535),
          in,
          out,
          reduced,
          kept,
          kept,
          chunks,
          code,
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
      java.util.function.Consumer<CUdeviceptr> merge) {
    CudaBuffer partial = chunks > 1 ? pool.allocate(kept * chunks * 8) : null;
    try {
      driver.launch(
          fn(kernel),
          blocks,
          THREADS,
          Driver.args(
              at(in), at(out), partial == null ? at(in) : partial.ptr(), rows, cols, chunks, code));
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

  /** The lines of two views along {@code axis}: geometry over the other axes (out, in). */
  private static byte[] lines(View out, View in, int axis) {
    Strided.Split split = Strided.split(out, in, axis);
    return Geom.of(
        split.keptShape(),
        new long[][] {split.keptOut(), split.keptIn()},
        new long[] {out.offset(), in.offset()});
  }

  @Override
  public void scan(ScanOp op, View out, View in, int axis) {
    long len = in.shape()[axis];
    long lines = in.size() / Math.max(1, len);
    launch(
        "k_scan",
        lines,
        lines(out, in, axis),
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

  @Override
  public void matmul(View out, View a, View b) {
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
      CUfunction kernel = tensorKernel(name);
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

  private CUfunction tensorKernel(String name) {
    return sharedKernel(name, tensorShared(name));
  }

  /** A kernel allowed {@code bytes} of dynamic shared memory. */
  private CUfunction sharedKernel(String name, int bytes) {
    return functions.computeIfAbsent(
        name,
        n -> {
          CUfunction f = driver.function(n);
          driver.allowShared(f, bytes);
          return f;
        });
  }

  private void sortLines(View out, View in, int axis, boolean argsort) {
    long len = in.shape()[axis];
    long total = in.size();
    long lines = total / Math.max(1, len);
    if (lines == 1 && len >= RADIX_MIN && len <= RADIX_MAX) {
      radixSort(out, in, axis, argsort);
      return;
    }
    byte[] g = lines(out, in, axis);
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

  /** Look-back counts keep 30 bits. */
  private static final long RADIX_MAX = (1 << 30) - 1;

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
  private void radixSort(View out, View in, int axis, boolean argsort) {
    long n = in.shape()[axis];
    boolean wide = in.dtype().itemsize() == 8;
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
      int t = Codes.of(in.dtype());
      long si = in.strides()[axis];
      // a few blocks per SM: each adds its counts to the global ones once
      driver.launch(
          fn(wide ? "k_radix_hist64" : "k_radix_hist32"),
          (int) Math.min(maxBlocks / 8, (n + 2047) / 2048),
          THREADS,
          Driver.args(at(in), t, si, n, argsort ? 1 : 0, meta.ptr()));
      CUdeviceptr steps = plan.ptr().withByteOffset(passes * 1024L);
      driver.launch(
          fn("k_radix_plan"), 1, THREADS, Driver.args(meta.ptr(), passes, n, plan.ptr(), steps));
      CUfunction pass = sharedKernel(shape.kernel(), shape.sharedBytes());
      for (int p = 0; p < passes; p++) {
        driver.launch2d(
            pass,
            (int) tiles,
            1,
            shape.threads(),
            shape.sharedBytes(),
            Driver.args(
                at(in),
                t,
                si,
                at(out),
                out.strides()[axis],
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

  @Override
  public void sort(View out, View in, int axis) {
    sortLines(out, in, axis, false);
  }

  @Override
  public void argsort(View out, View in, int axis) {
    sortLines(out, in, axis, true);
  }

  /** One pass with per-block counts in shared memory, for up to 1024 bins of contiguous values. */
  @Override
  public boolean histogram(View counts, View x, View edges) {
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

  @Override
  public void searchsorted(View out, View sorted, View values, boolean right) {
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

  @Override
  public void gather(View out, View in, View indices) {
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

  @Override
  public void scatter(View target, View indices, View values) {
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
  @Override
  public void accumulateAt(BinaryOp op, View target, View indices, View values) {
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

  @Override
  public void nonzero(View out, View in) {
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

  @Override
  public void philox(View out, long key, long counter) {
    long n = out.shape()[0];
    launch("k_philox", n, ptr(out), n, key, counter, out.offset(), out.strides()[0]);
  }

  @Override
  public void synchronize() {
    driver.makeCurrent();
    driver.synchronize();
  }

  @Override
  public double deviceMillis(Runnable work) {
    driver.makeCurrent();
    return driver.elapsedMillis(work);
  }

  @Override
  public long memoryLimit() {
    return memoryLimit;
  }

  @Override
  public void releaseCached() {
    driver.makeCurrent();
    clearFftPlans(); // their work areas go back to the pool first
    pool.freeAllBlocks();
  }

  @Override
  public boolean runsFused(Program program) {
    return fusedKernel(program).isPresent();
  }

  /**
   * The generated kernel for {@code program}: elementwise (FusionCodegen) or with reductions along
   * rows (FusionRows); empty where neither fits or NVRTC cannot compile it.
   */
  private java.util.Optional<CUfunction> fusedKernel(Program program) {
    // api's Fused hands the same Program object to every call of a traced function and shape: find
    // its kernel by identity, without generating and hashing its CUDA source again (twice a call)
    java.util.Optional<CUfunction> known = byProgram.get(program);
    if (known != null) {
      return known;
    }
    java.util.Optional<CUfunction> f = compileFused(program);
    synchronized (byProgram) {
      if (byProgram.size() >= 256) {
        byProgram.clear();
      }
      byProgram.put(program, f);
    }
    return f;
  }

  /** Kernels by Program object (identity), a bounded cache in front of the compiler's. */
  private final java.util.Map<Program, java.util.Optional<CUfunction>> byProgram =
      java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

  private java.util.Optional<CUfunction> compileFused(Program program) {
    if (FusionCodegen.fits(program)) {
      return fusion.kernel(FusionCodegen.source(program), FusionCodegen.KERNEL);
    }
    if (FusionRows.fits(program)) {
      return fusion.kernel(FusionRows.source(program), FusionRows.KERNEL);
    }
    return java.util.Optional.empty();
  }

  /** One launch of the program's generated kernel, compiled by NVRTC once. */
  @Override
  public void fused(Program program, View out, View[] inputs) {
    if (out.size() == 0) {
      return;
    }
    CUfunction f =
        fusedKernel(program)
            .orElseThrow(() -> new IllegalStateException("no fused kernel: " + fusion.status()));
    Object[] args = new Object[program.inputs() + 4];
    boolean rows = !FusionCodegen.fits(program);
    long[] s = rows ? FusionRows.rowShape(program) : null;
    args[0] = rows ? FusionRows.geom(s, out, inputs) : FusionCodegen.geom(out, inputs);
    args[1] = ptr(out);
    for (int q = 0; q < inputs.length; q++) {
      args[2 + q] = ptr(inputs[q]);
    }
    driver.makeCurrent();
    if (rows) {
      long len = s[s.length - 1];
      long count = 1;
      for (int d = 0; d < s.length - 1; d++) {
        count *= s[d];
      }
      args[2 + inputs.length] = count;
      args[3 + inputs.length] = len;
      int blocks = (int) Math.max(1, Math.min(maxBlocks, count));
      driver.launch(f, blocks, FusionRows.THREADS, Driver.args(args));
    } else {
      long n = out.size();
      args[2 + inputs.length] = n;
      Object[] a = java.util.Arrays.copyOf(args, 3 + inputs.length);
      int blocks = (int) Math.max(1, Math.min(maxBlocks, (n + THREADS - 1) / THREADS));
      driver.launch(f, blocks, THREADS, Driver.args(a));
    }
  }

  /** Where fused programs compile (NVRTC's library and version), or why they run op by op. */
  String fusionStatus() {
    return fusion.status();
  }

  /** Loads NVRTC now (as a first fused call would) and says where fused programs compile. */
  @Override
  public String fusion() {
    fusion.ready();
    return "elementwise and row-reduction programs as one generated kernel each: "
        + fusion.status();
  }

  FusionCompiler fusionCompiler() {
    return fusion;
  }

  @Override
  public MemoryInfo memoryInfo() {
    driver.makeCurrent();
    long[] m = driver.memInfo();
    return new MemoryInfo(pool.used(), pool.cached(), m[0], m[1]);
  }

  @Override
  public void close() {
    staging.close();
    pool.freeAllBlocks();
    driver.close();
  }
}
