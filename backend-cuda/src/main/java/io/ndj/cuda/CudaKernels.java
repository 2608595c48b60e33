package io.ndj.cuda;

import io.ndj.DType;
import io.ndj.cuda.driver.DevicePtr;
import io.ndj.cuda.driver.Driver;
import io.ndj.spi.BinaryOp;
import io.ndj.spi.Buffer;
import io.ndj.spi.Kernels;
import io.ndj.spi.MemoryInfo;
import io.ndj.spi.Program;
import io.ndj.spi.ReduceOp;
import io.ndj.spi.ScanOp;
import io.ndj.spi.UnaryOp;
import io.ndj.spi.View;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;

/**
 * The SPI on one CUDA device: memory, transfers and the libraries (cuFFT, cuSOLVER) here; the
 * kernels by op family, each a class over the shared {@link Launch} helper and a .cuh of its own
 * (elementwise, copies, reductions and scans, matmul, sorting, indexing, random, fused programs).
 * Kernels launch asynchronously on one stream; only reads to the host wait. Safe from many threads:
 * each entry point makes the context current on its thread, launches are ordered by the stream, and
 * host transfers share a ring of pinned staging slots ({@link Staging}).
 */
final class CudaKernels implements Kernels {
  final Driver driver;
  private final MemoryPool pool;
  private final Staging staging;
  private final String device;
  private final Launch launch;
  private final Elementwise elementwise;
  private final Copies copies;
  private final Reductions reductions;
  private final MatMul matmul;
  private final Sorting sorting;
  private final Indexing indexing;
  private final RandomBits random;
  private final FusedPrograms fused;

  /**
   * Live bytes past which ndj collects dropped arrays before allocating ({@link #memoryLimit()}).
   */
  private final long memoryLimit;

  /** The device's ordinal: 0 is "cuda", the others "cuda:N". */
  private final int ordinal;

  CudaKernels(int ordinal) {
    Codes.load();
    this.ordinal = ordinal;
    driver = new Driver(ordinal);
    driver.loadModule(fatbin());
    pool = new MemoryPool(driver);
    driver.onLaunchOutOfMemory(pool::freeAllBlocks);
    staging = new Staging(driver);
    device =
        driver.deviceName()
            + " (sm_"
            + driver.computeCapability().replace(".", "")
            + ", "
            + driver.multiprocessors()
            + " SMs; launches "
            + Driver.launchPath()
            + ")";
    // the device's memory, less a tenth for the driver, libraries and other contexts
    memoryLimit = driver.memInfo()[1] / 10 * 9;
    launch = new Launch(driver, pool);
    elementwise = new Elementwise(launch);
    copies = new Copies(launch);
    reductions = new Reductions(launch);
    matmul = new MatMul(launch);
    sorting = new Sorting(launch);
    indexing = new Indexing(launch);
    random = new RandomBits(launch);
    fused = new FusedPrograms(launch);
  }

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

  @Override
  public String name() {
    return ordinal == 0 ? "cuda" : "cuda:" + ordinal;
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
      DType t, DevicePtr a, DevicePtr b, DevicePtr x, DevicePtr info, long count, int n, int k) {
    launch.launch(
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

  /** Sets the int at {@code flag} to 1 where n C-order values of dtype t at x hold inf or NaN. */
  void anyNonfinite(DType t, DevicePtr x, long n, DevicePtr flag) {
    launch.launch(
        t == DType.FLOAT64 ? "k_any_nonfinite_f64" : "k_any_nonfinite_f32", n, x, n, flag);
  }

  /**
   * Solves {@code count} systems of n &lt;= 32 unknowns and k &lt;= 8 right-hand sides with a group
   * of G lanes each (k_group_solve: G the power of two from 4 at least n, a lane a row): a {@code
   * count x n x n}, b and x {@code count x n x k}, C order, of dtype t; info[i] = 1 where matrix i
   * is singular.
   */
  void groupSolve(
      DType t, DevicePtr a, DevicePtr b, DevicePtr x, DevicePtr info, long count, int n, int k) {
    int g = Math.max(4, Integer.highestOneBit(Math.max(1, n - 1)) << 1);
    boolean f64 = t == DType.FLOAT64;
    String kernel =
        switch (g) {
          case 4 -> f64 ? "k_group_solve4_f64" : "k_group_solve4_f32";
          case 8 -> f64 ? "k_group_solve8_f64" : "k_group_solve8_f32";
          case 16 -> f64 ? "k_group_solve16_f64" : "k_group_solve16_f32";
          default -> f64 ? "k_group_solve32_f64" : "k_group_solve32_f32";
        };
    launch.launch(kernel, count * g, a, b, x, info, count, n, k);
  }

  /**
   * Solves {@code count} systems of n &lt;= 64 a block each (k_block_solve): a {@code count x n x
   * n}, b and x {@code count x n x k}, C order, of dtype t; info[i] = 1 where matrix i is singular.
   */
  void blockSolve(
      DType t, DevicePtr a, DevicePtr b, DevicePtr x, DevicePtr info, long count, int n, int k) {
    blockLaunch(
        t == DType.FLOAT64 ? "k_block_solve_f64" : "k_block_solve_f32",
        count,
        n,
        a,
        b,
        x,
        info,
        count,
        n,
        k);
  }

  /**
   * sign and log|det| (float64, {@code count} each, C order) of {@code count} n x n matrices of
   * dtype t (n &lt;= 64), a block each (k_block_slogdet).
   */
  void blockSlogdet(DType t, DevicePtr a, DevicePtr sign, DevicePtr logabsdet, long count, int n) {
    blockLaunch(
        t == DType.FLOAT64 ? "k_block_slogdet_f64" : "k_block_slogdet_f32",
        count,
        n,
        a,
        sign,
        logabsdet,
        count,
        n);
  }

  /** A block of 32 or 64 threads (one a row, at least 16) a matrix, for {@code count} matrices. */
  private void blockLaunch(String kernel, long count, int n, Object... args) {
    driver.makeCurrent();
    int blocks = (int) Math.max(1, Math.min(launch.maxBlocks, count));
    driver.launch(launch.fn(kernel), blocks, n <= 32 ? 32 : 64, Driver.args(args));
  }

  /** Zeros above the diagonal of one n x n C-ordered matrix of dtype t (float32 or float64). */
  void zeroAboveDiagonal(DType t, DevicePtr m, long n) {
    launch.launch(t == DType.FLOAT64 ? "k_zero_upper_f64" : "k_zero_upper_f32", n * n, m, n);
  }

  /**
   * sign and log|det| (float64, at {@code sign} and {@code logabsdet}) of one n x n LU
   * factorization of dtype t at {@code lu} with 1-based pivots {@code ipiv}, in one block
   * (k_slogdet_lu).
   */
  void slogdetFromLu(
      DType t, DevicePtr lu, DevicePtr ipiv, int n, DevicePtr sign, DevicePtr logabsdet) {
    launch.launch(
        t == DType.FLOAT64 ? "k_slogdet_lu_f64" : "k_slogdet_lu_f32",
        1,
        lu,
        ipiv,
        n,
        sign,
        logabsdet);
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
  public long qr(View q, View r, View a, boolean complete) {
    driver.makeCurrent();
    return solver().qr(q, r, a, complete);
  }

  @Override
  public long svd(View s, View u, View vh, View a, boolean full) {
    driver.makeCurrent();
    return solver().svd(s, u, vh, a, full);
  }

  @Override
  public long cholesky(View out, View a) {
    driver.makeCurrent();
    return solver().cholesky(out, a);
  }

  @Override
  public long inv(View out, View a) {
    driver.makeCurrent();
    return solver().inv(out, a);
  }

  @Override
  public long slogdet(View sign, View logabsdet, View a) {
    driver.makeCurrent();
    return solver().slogdet(sign, logabsdet, a);
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
  public boolean irfft(View out, View in, double scale) {
    driver.makeCurrent();
    return fftEngine().c2r(out, in, scale);
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
    staging.write(Launch.ptr(dst), dstOffset, src);
  }

  @Override
  public void read(Buffer src, long srcOffset, MemorySegment dst) {
    staging.read(Launch.ptr(src), srcOffset, dst);
  }

  @Override
  public void fill(View out, Number value) {
    copies.fill(out, value);
  }

  @Override
  public void arange(View out, Number start, Number step) {
    copies.arange(out, start, step);
  }

  @Override
  public void copy(View out, View in) {
    copies.copy(out, in);
  }

  @Override
  public void unary(UnaryOp op, View out, View in) {
    elementwise.unary(op, out, in);
  }

  @Override
  public void binary(BinaryOp op, View out, View a, View b) {
    elementwise.binary(op, out, a, b);
  }

  @Override
  public void binaryScalar(BinaryOp op, View out, View a, Number scalar, boolean scalarFirst) {
    elementwise.binaryScalar(op, out, a, scalar, scalarFirst);
  }

  @Override
  public void where(View out, View cond, View a, View b) {
    elementwise.where(out, cond, a, b);
  }

  @Override
  public void reduce(ReduceOp op, View out, View in, int[] axes) {
    reductions.reduce(op, out, in, axes);
  }

  @Override
  public boolean squaredDeviationSum(View out, View x, View mean, int[] axes) {
    return reductions.squaredDeviations(out, x, mean, axes);
  }

  @Override
  public boolean squaredDeviationSumOnePass(View out, View x, int[] axes) {
    return reductions.squaredDeviationsOnePass(out, x, axes);
  }

  @Override
  public void scan(ScanOp op, View out, View in, int axis) {
    reductions.scan(op, out, in, axis);
  }

  @Override
  public void matmul(View out, View a, View b) {
    matmul.matmul(out, a, b);
  }

  @Override
  public void sort(View out, View in, int axis) {
    sorting.sort(out, in, axis);
  }

  @Override
  public boolean select(View out, View in, long[] kth) {
    return sorting.select(out, in, kth);
  }

  @Override
  public void argsort(View out, View in, int axis) {
    sorting.argsort(out, in, axis);
  }

  @Override
  public void searchsorted(View out, View sorted, View values, boolean right) {
    sorting.searchsorted(out, sorted, values, right);
  }

  @Override
  public boolean histogram(View counts, View x, View edges) {
    return indexing.histogram(counts, x, edges);
  }

  @Override
  public void gather(View out, View in, View indices) {
    indexing.gather(out, in, indices);
  }

  @Override
  public void scatter(View target, View indices, View values) {
    indexing.scatter(target, indices, values);
  }

  @Override
  public void accumulateAt(BinaryOp op, View target, View indices, View values) {
    indexing.accumulateAt(op, target, indices, values);
  }

  @Override
  public void nonzero(View out, View in) {
    indexing.nonzero(out, in);
  }

  @Override
  public void philox(View out, long key, long counter) {
    random.philox(out, key, counter);
  }

  @Override
  public boolean normal(View out, long key, long counter) {
    if (out.offset() * out.dtype().itemsize() % 16 != 0) {
      return false; // k_normal stores a block's values 16 bytes at once
    }
    random.normal(out, key, counter, gaussianTable().ptr());
    return true;
  }

  /**
   * Whether lines of two complex64 points run as k_fft_pairs_c64 (cuFFT runs them at about half the
   * copy bandwidth; H100: 2^25 lines 0.447 ms vs CuPy's 1.057): both views C-contiguous and 16-byte
   * aligned, unless -Dndj.cuda.fftPairs=false; then it has run them.
   */
  boolean fftPairs(View out, View in, double scale) {
    if (!FFT_PAIRS
        || in.dtype() != DType.COMPLEX64
        || in.shape()[in.ndim() - 1] != 2
        || !in.isContiguous()
        || !out.isContiguous()
        || in.offset() % 2 != 0
        || out.offset() % 2 != 0) {
      return false;
    }
    copies.fftPairs(out, in, scale);
    return true;
  }

  /** See {@link Copies#upperTransposed}. */
  void upperTransposed(View out, View in) {
    copies.upperTransposed(out, in);
  }

  private static final boolean FFT_PAIRS = !"false".equals(System.getProperty("ndj.cuda.fftPairs"));

  /** io.ndj.spi.Gaussian's tables on the device, written at the first normal call and kept. */
  private synchronized CudaBuffer gaussianTable() {
    if (gaussianTable == null) {
      long[] words = io.ndj.spi.Gaussian.table();
      CudaBuffer t = pool.allocate(8L * words.length);
      write(t, 0, MemorySegment.ofArray(words));
      gaussianTable = t;
    }
    return gaussianTable;
  }

  private CudaBuffer gaussianTable;

  @Override
  public boolean poisson(View out, long key, long counter, io.ndj.spi.Poisson law) {
    random.poisson(out, key, counter, law);
    return true;
  }

  /**
   * k_binomial (NumPy's inversion and BTPE, random.cuh, which StrictMathHostTest checks against the
   * JVM's law built for the host; the kit's bits on an H100) unless -Dndj.cuda.binomialKernel=false
   * leaves binomial to io.ndj's host draws ({@link #binomialKernel}).
   */
  @Override
  public boolean binomial(View out, long key, long counter, long n, double p) {
    return KERNEL_BINOMIAL && binomialKernel(out, key, counter, n, p);
  }

  /** Whether binomial launches k_binomial: yes unless -Dndj.cuda.binomialKernel=false. */
  private static final boolean KERNEL_BINOMIAL =
      !"false".equals(System.getProperty("ndj.cuda.binomialKernel"));

  /** k_binomial: the law by value, inversion's probabilities in a table from the host. */
  private boolean binomialKernel(View out, long key, long counter, long n, double p) {
    io.ndj.spi.Binomial.Law law = new io.ndj.spi.Binomial.Law(n, p, true);
    double[] table = law.table(); // inversion's probabilities, read by every element
    try (Working held = new Working(pool)) {
      CudaBuffer t = held.take(Math.max(8, 8L * table.length));
      if (table.length > 0) {
        write(t, 0, MemorySegment.ofArray(table));
      }
      random.binomial(out, key, counter, law, t.ptr());
    }
    return true;
  }

  @Override
  public boolean poissonRates(View out, View lam, long key, long counter) {
    if (lam.dtype() != DType.FLOAT64 || !lam.isContiguous() || !out.isContiguous()) {
      return false;
    }
    random.poissonRates(out, lam, key, counter);
    return true;
  }

  @Override
  public boolean pcg64(
      View out, long stateHi, long stateLo, long incHi, long incLo, double low, double range) {
    // validated before the launch: the kernel writes 4 or 8 bytes an element through a raw pointer
    if (out.dtype() != DType.FLOAT64 && out.dtype() != DType.FLOAT32) {
      return false;
    }
    random.pcg64(out, stateHi, stateLo, incHi, incLo, low, range);
    return true;
  }

  @Override
  public boolean uniform(View out, long key, long counter, double low, double high) {
    random.uniform(out, key, counter, low, high);
    return true;
  }

  @Override
  public boolean runsFused(Program program) {
    return fused.runsFused(program);
  }

  @Override
  public void fused(Program program, View out, View[] inputs) {
    fused.fused(program, out, inputs);
  }

  /** Where fused programs compile (NVRTC's library and version), or why they run op by op. */
  String fusionStatus() {
    return fused.fusionStatus();
  }

  @Override
  public String fusion() {
    return fused.fusion();
  }

  FusionCompiler fusionCompiler() {
    return fused.fusionCompiler();
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
  public long peakBytes() {
    return pool.peak();
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
