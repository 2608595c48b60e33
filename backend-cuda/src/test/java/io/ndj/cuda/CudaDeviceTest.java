package io.ndj.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ndj.Backend;
import io.ndj.DType;
import io.ndj.Nd;
import io.ndj.NdArray;
import io.ndj.spi.Availability;
import io.ndj.spi.MemoryInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The device itself: the seed on the GPU, the pool's bookkeeping, out-of-memory recovery. Skipped
 * without one.
 */
class CudaDeviceTest {
  static {
    // these tests check the generated kernels: a fused call waits for its compile
    if (System.getProperty("ndj.fusion.compile") == null) {
      System.setProperty("ndj.fusion.compile", "wait");
    }
  }

  @BeforeEach
  void available() {
    Availability a = new CudaProvider().availability();
    assumeTrue(a.available(), "cuda backend unavailable: " + a.reason());
  }

  @Test
  void theSeedRunsOnTheGpu() {
    Backend gpu = Nd.backend("cuda");
    try (NdArray a = gpu.arange(6);
        NdArray x = a.reshape(2, 3).astype(DType.FLOAT32);
        NdArray s = x.sum(1)) {
      assertEquals("[[0. 1. 2.]\n [3. 4. 5.]]", x.toString());
      assertEquals("[ 3. 12.]", s.toString());
      assertTrue(gpu.memoryInfo().used() > 0);
    }
  }

  /**
   * One backend a GPU: "cuda:0" is "cuda"; past the last device the error counts them; where the
   * host has two, "cuda:1" computes on the second (its own pool: memory taken there is not taken on
   * the first), and arrays move between the two and to the host.
   */
  @Test
  void eachGpuOfTheHostIsABackendOfItsOwn() {
    Backend first = Nd.backend("cuda");
    assertTrue(first == Nd.backend("cuda:0"), "cuda:0 is cuda");
    int count = io.ndj.cuda.driver.Driver.deviceCount();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Nd.backend("cuda:" + count));
    assertTrue(
        e.getMessage().startsWith("backend cuda has " + count + " device")
            && e.getMessage().endsWith("there is no device " + count),
        e.getMessage());
    assumeTrue(count >= 2, "one GPU here");
    Backend second = Nd.backend("cuda:1");
    Backend cpu = Nd.backend("cpu");
    assertEquals("cuda:1", second.name());
    long usedFirst = first.memoryInfo().used();
    try (NdArray x = second.arange(1_000_000).astype(DType.FLOAT32);
        NdArray s = x.multiply(2).sum();
        NdArray moved = x.to(first);
        NdArray back = moved.add(1).to(second);
        NdArray d = back.subtract(x)) {
      assertEquals(second, x.backend());
      assertEquals(first, moved.backend());
      assertEquals(
          cpu.arange(1_000_000).astype(DType.FLOAT32).multiply(2).sum().toString(), s.toString());
      assertEquals(1e6, d.sum().doubleValue());
      assertTrue(second.memoryInfo().used() >= 4e6, "the second device holds x");
      IllegalArgumentException mixed =
          assertThrows(IllegalArgumentException.class, () -> x.add(moved));
      assertTrue(
          mixed.getMessage().contains("cuda:1") && mixed.getMessage().contains("cuda"),
          mixed.getMessage());
    }
    assertTrue(first.memoryInfo().used() - usedFirst < 4e6, "x was never on the first device");
  }

  /**
   * Kernels launch straight into libcuda (no JCuda marshalling), so every device test here runs
   * that path: each kind of parameter (a device pointer at an offset, int, long, double, a geometry
   * struct) reaches its kernel.
   */
  @Test
  void launchesGoStraightToTheDriverWithEveryKindOfParameter() {
    assertTrue(io.ndj.cuda.driver.Driver.directLaunch(), "FFM launch unavailable on this device");
    Backend gpu = Nd.backend("cuda");
    Backend cpu = Nd.backend("cpu");
    try (NdArray x = gpu.arange(2.5, 40.0, 1.5); // double parameters
        NdArray v = x.get("3:"); // a device pointer at an offset
        NdArray w = x.reshape(5, 5).T().multiply(2); // a strided view's geometry struct
        NdArray s = x.astype(DType.INT64).reshape(5, 5).sum(1)) { // long row lengths
      assertEquals(cpu.arange(2.5, 40.0, 1.5).get("3:").toString(), v.copy().to(cpu).toString());
      assertEquals(
          cpu.arange(2.5, 40.0, 1.5).reshape(5, 5).T().multiply(2).toString(),
          w.to(cpu).toString());
      assertEquals(
          cpu.arange(2.5, 40.0, 1.5).astype(DType.INT64).reshape(5, 5).sum(1).toString(),
          s.to(cpu).toString());
    }
  }

  @Test
  void transfersLongerThanTheStagingRingArriveWhole() {
    Backend gpu = Nd.backend("cuda");
    // every lane's two slots, two more chunks and a partial one: slots are reused, lanes get
    // unequal shares
    int n = (int) (Staging.SLOT / 8 * (2 * Staging.LANES + 2) + Staging.SLOT / 16 + 3);
    double[] host = new double[n];
    for (int i = 0; i < n; i++) {
      host[i] = i * 0.5 - 7;
    }
    try (NdArray a = gpu.array(host);
        NdArray tail = a.get("5:");
        NdArray s = a.sum()) {
      // the device's own sum sees every chunk: sum(i/2 - 7) = n(n-1)/4 - 7n, exact in float64 at
      // this size
      assertEquals((double) n * (n - 1) / 4 - 7.0 * n, s.doubleValue());
      assertArrayEquals(host, a.toDoubleArray());
      assertArrayEquals(
          java.util.Arrays.copyOfRange(host, 5, n), tail.toDoubleArray()); // from an offset
      double[] into = new double[n];
      a.copyTo(java.lang.foreign.MemorySegment.ofArray(into));
      assertArrayEquals(host, into);
    }
  }

  @Test
  void poolUsageReturnsToZeroAfterManyCycles() {
    try (Backend gpu = Backend.create(new CudaProvider())) {
      long[] sizes = {1, 100, 4096, 1 << 20, 3 << 20, 17};
      for (int i = 0; i < 1_000_000; i++) {
        try (NdArray a = gpu.empty(DType.UINT8, sizes[i % sizes.length])) {
          assertEquals(DType.UINT8, a.dtype());
        }
      }
      MemoryInfo m = gpu.memoryInfo();
      assertEquals(0, m.used());
      assertTrue(m.cached() > 0);
    }
  }

  /**
   * The tiled kernels (64x64; from 512 rows and columns the tensor cores, in 64x128 tiles while
   * 128x128 ones would not fill the SMs twice, as at 2200x2100) agree with a product computed here
   * in double, with ragged edges, k not a multiple of the slice depth, and a row stride.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
    "130, 200, 130",
    "601, 77, 533",
    "1030, 300, 515",
    "2200, 40, 2100"
  })
  void tiledMatmulAgreesWithAHostProduct(int n, int k, int m) {
    Backend gpu = Nd.backend("cuda");
    for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      try (var scope = Nd.scope()) {
        NdArray a = gpu.random(1).normal(0, 1, n, k).astype(t);
        NdArray b =
            gpu.random(2)
                .normal(0, 1, k, m + 20)
                .astype(t)
                .get(":, 5:" + (m + 5)); // row stride m + 20
        NdArray g = a.matmul(b);
        double[] ha = a.toDoubleArray();
        double[] hb = b.toDoubleArray();
        double[] y = new double[n * m];
        for (int i = 0; i < n; i++) {
          for (int p = 0; p < k; p++) {
            for (int j = 0; j < m; j++) {
              y[i * m + j] += ha[i * k + p] * hb[p * m + j];
            }
          }
        }
        double[] x = g.toDoubleArray();
        double tol = t == DType.FLOAT32 ? 2e-4 : 1e-11;
        for (int i = 0; i < x.length; i++) {
          assertTrue(
              Math.abs(x[i] - y[i]) <= tol * k, t + " element " + i + ": " + x[i] + " vs " + y[i]);
        }
        assertEquals("(" + n + ", " + m + ")", g.shape().toString());
      }
    }
  }

  /**
   * The tensor-core kernels keep IEEE specials: inf and NaN rows, and float32's largest values
   * without overflow.
   */
  @Test
  void tensorCoreMatmulKeepsInfinityNanAndLargeValues() {
    Backend gpu = Nd.backend("cuda");
    for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      try (var scope = Nd.scope()) {
        NdArray a = gpu.ones(t, 520, 600);
        a.set("3, 7", Double.POSITIVE_INFINITY);
        a.set("5, 9", Double.NaN);
        a.set("8, 1", -3.0e38);
        double[] c = a.matmul(gpu.ones(t, 600, 530)).toDoubleArray();
        for (int j = 0; j < 530; j++) {
          assertEquals(600.0, c[j], t + " row 0");
          assertEquals(Double.POSITIVE_INFINITY, c[3 * 530 + j], t + " row 3");
          assertTrue(Double.isNaN(c[5 * 530 + j]), t + " row 5");
          assertEquals(-3.0e38, c[8 * 530 + j], 3.0e38 * 1e-6, t + " row 8");
        }
      }
    }
  }

  /**
   * Row slices of a matrix (every third row, reversed rows, a block) copy row by row; checked
   * element by element.
   */
  @Test
  void rowSlicesCopyElementByElement() {
    Backend gpu = Nd.backend("cuda");
    int rows = 70;
    for (int cols : new int[] {33, 64}) { // 64 columns: rows of whole 16-byte units
      rowSlices(gpu, rows, cols);
    }
  }

  private static void rowSlices(Backend gpu, int rows, int cols) {
    for (DType t : new DType[] {DType.UINT8, DType.INT16, DType.FLOAT32, DType.FLOAT64}) {
      try (var scope = Nd.scope()) {
        NdArray x = gpu.arange(rows * cols).reshape(rows, cols).astype(t);
        long[] v = x.toLongArray();
        // {row start, row step, row count, column start, column count}
        long[][] cases = {
          {0, 3, 24, 0, cols},
          {69, -2, 35, 0, cols},
          {5, 4, 14, 1, 29},
          {2, 5, 14, 16, Math.min(48, cols) - 16}
        };
        String[] index = {"::3", "::-2", "5:60:4, 1:30", "2::5, 16:48"};
        for (int k = 0; k < cases.length; k++) {
          long[] c = cases[k];
          long[] got = x.get(index[k]).copy().toLongArray();
          assertEquals(c[2] * c[4], got.length, t + " " + index[k]);
          for (int i = 0; i < c[2]; i++) {
            for (int j = 0; j < c[4]; j++) {
              long want = v[(int) ((c[0] + i * c[1]) * cols + c[3] + j)];
              assertEquals(
                  want, got[(int) (i * c[4] + j)], t + " " + index[k] + " at " + i + ", " + j);
            }
          }
        }
      }
    }
  }

  /**
   * Long single lines take the radix sort: same order as the cpu backend's stable sort, NaN last,
   * ties kept, for every dtype width, partial last tiles, many tiles (look-back chains), strided
   * input, all-equal keys.
   */
  @Test
  void radixSortAgreesWithTheCpuBackend() {
    Backend gpu = Nd.backend("cuda");
    Backend cpu = Nd.backend("cpu");
    DType[] types = {
      DType.FLOAT32,
      DType.FLOAT64,
      DType.INT64,
      DType.INT32,
      DType.INT16,
      DType.INT8,
      DType.UINT8,
      DType.FLOAT16,
      DType.BOOL
    };
    for (DType t : types) {
      for (int n : new int[] {1 << 15, 100_003, 3_000_017}) {
        try (var scope = Nd.scope()) {
          // many ties (values from 50 levels), negative values, and NaN and -0.0 for floats
          NdArray h = cpu.random(7).integers(-25, 25, n).astype(t);
          if (t.isFloat()) {
            h = h.divide(4);
            h.set("::997", Double.NaN);
            h.set("5::1001", -0.0);
          }
          sortsAlike(h, h.to(gpu), t + " n=" + n);
        }
      }
    }
    try (var scope = Nd.scope()) {
      NdArray wide = cpu.random(3).normal(0, 1e6, 2_000_000);
      sortsAlike(wide, wide.to(gpu), "float64 normal");
      sortsAlike(wide.astype(DType.FLOAT32), wide.astype(DType.FLOAT32).to(gpu), "float32 normal");
      sortsAlike(wide.astype(DType.INT64), wide.astype(DType.INT64).to(gpu), "int64 normal");
      NdArray h = cpu.random(5).integers(-1000, 1000, 400_000).astype(DType.INT32);
      sortsAlike(h.get("::3"), h.to(gpu).get("::3"), "strided int32");
      sortsAlike(h.reshape(1, -1), h.to(gpu).reshape(1, -1), "one row of a matrix");
      NdArray same = cpu.full(7.5, DType.FLOAT32, 50_000);
      sortsAlike(same, same.to(gpu), "all equal");
    }
  }

  private static void sortsAlike(NdArray h, NdArray g, String what) {
    Backend cpu = Nd.backend("cpu");
    assertArrayEquals(h.argsort(-1).toLongArray(), g.argsort(-1).toLongArray(), what + " argsort");
    NdArray sorted = g.sort(-1);
    assertEquals(h.dtype(), sorted.dtype(), what);
    double[] want = h.sort(-1).toDoubleArray();
    double[] got = sorted.toDoubleArray();
    for (int i = 0; i < want.length; i++) {
      // -0.0 and 0.0 are equal keys: their order in a sort is unspecified, as in NumPy
      boolean same = want[i] == got[i] || (Double.isNaN(want[i]) && Double.isNaN(got[i]));
      assertTrue(same, what + " sort element " + i + ": " + got[i] + " instead of " + want[i]);
    }
    assertEquals(h.toString(), g.to(cpu).toString(), what + ": the input is unchanged");
  }

  /**
   * Rows long enough to fold in chunks, whose last block merges the partials: sums, min and max
   * (NaN wins) equal the cpu backend's, and again on a second run (the per-row counts must have
   * returned to zero).
   */
  @Test
  void rowFoldsInChunksMergeInOneLaunch() {
    Backend gpu = Nd.backend("cuda");
    Backend cpu = Nd.backend("cpu");
    for (long[] shape : new long[][] {{1_000_003}, {3, 300_001}, {100, 20_000}}) {
      for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
        try (var scope = Nd.scope()) {
          NdArray h = cpu.random(9).normal(1, 3, shape).astype(t);
          h.set("..., 77", Double.NaN);
          NdArray hn = cpu.random(10).normal(1, 3, shape).astype(t);
          NdArray g = hn.to(gpu);
          for (int run = 0; run < 2; run++) {
            double[] want = hn.sum(-1).toDoubleArray();
            double[] got = g.sum(-1).toDoubleArray();
            for (int i = 0; i < want.length; i++) {
              assertEquals(
                  want[i],
                  got[i],
                  Math.abs(want[i]) * (t == DType.FLOAT32 ? 1e-6 : 1e-12) + 1e-9,
                  t + " sum of " + java.util.Arrays.toString(shape) + " row " + i);
            }
            assertEquals(hn.max(-1).toString(), g.max(-1).to(cpu).toString(), t + " max");
            assertEquals(
                h.min(-1).toString(), h.to(gpu).min(-1).to(cpu).toString(), t + " min with NaN");
          }
        }
      }
    }
  }

  /**
   * Column folds (axis 0) in 16-byte units of columns where the width divides evenly (2000, 8), one
   * column a thread where it does not (7, 1001), and on views starting off 16 bytes: sums, max, and
   * min with NaN, as on cpu.
   */
  @Test
  void columnFoldsAgreeWithTheCpuBackend() {
    Backend gpu = Nd.backend("cuda");
    Backend cpu = Nd.backend("cpu");
    for (long[] shape : new long[][] {{3000, 2000}, {100_000, 8}, {5000, 7}, {300, 1001}}) {
      for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
        try (var scope = Nd.scope()) {
          NdArray h = cpu.random(11).normal(1, 3, shape).astype(t);
          h.set("77, ::3", Double.NaN);
          NdArray hn = cpu.random(12).normal(1, 3, shape).astype(t);
          NdArray g = hn.to(gpu);
          NdArray wide = hn.astype(DType.FLOAT64);
          for (String rows : new String[] {":", "1:"}) {
            // against float64 sums on cpu (float32's own sums there add row by row in float32, as
            // NumPy's do)
            double[] want = wide.get(rows).sum(0).toDoubleArray();
            double[] got = g.get(rows).sum(0).toDoubleArray();
            for (int i = 0; i < want.length; i++) {
              double tol =
                  t == DType.FLOAT32
                      ? Math.ulp((float) want[i])
                      : Math.abs(want[i]) * 1e-12 + 1e-12;
              assertEquals(
                  want[i],
                  got[i],
                  tol,
                  t
                      + " sum(axis=0) of "
                      + java.util.Arrays.toString(shape)
                      + "["
                      + rows
                      + "] column "
                      + i);
            }
            assertEquals(
                hn.get(rows).max(0).toString(), g.get(rows).max(0).to(cpu).toString(), t + " max");
            assertEquals(
                h.get(rows).min(0).toString(),
                h.to(gpu).get(rows).min(0).to(cpu).toString(),
                t + " min with NaN");
          }
        }
      }
    }
  }

  /**
   * + - * on short arrays (tails shorter than one 16-byte unit) and long ones, whole and in slices
   * off 16 bytes (the flat kernels' element-by-element branch): the same bits as the cpu backend
   * (one rounding in the dtype either way).
   */
  @Test
  void wideElementwiseLoopsAgreeWithTheCpuBackend() {
    Backend gpu = Nd.backend("cuda");
    Backend cpu = Nd.backend("cpu");
    for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      for (long n : new long[] {2, 3, 6, 1001, t == DType.FLOAT32 ? 20_000_003 : 10_000_001}) {
        try (var scope = Nd.scope()) {
          NdArray x = cpu.random(21).normal(0, 100, n).astype(t);
          NdArray y = cpu.random(22).normal(0, 100, n).astype(t);
          NdArray gx = x.to(gpu);
          NdArray gy = y.to(gpu);
          assertArrayEquals(x.add(y).toDoubleArray(), gx.add(gy).toDoubleArray(), t + " x+y");
          assertArrayEquals(
              x.subtract(y).toDoubleArray(), gx.subtract(gy).toDoubleArray(), t + " x-y");
          assertArrayEquals(
              x.multiply(2.5).toDoubleArray(), gx.multiply(2.5).toDoubleArray(), t + " x*2.5");
          assertArrayEquals(
              Nd.subtract(2.5, x).toDoubleArray(),
              Nd.subtract(2.5, gx).toDoubleArray(),
              t + " 2.5-x");
          assertArrayEquals(
              x.get("1:").multiply(y.get(":-1")).toDoubleArray(),
              gx.get("1:").multiply(gy.get(":-1")).toDoubleArray(),
              t + " misaligned x[1:]*y[:-1]");
          assertArrayEquals(
              Nd.subtract(2.5, x.get("1:")).toDoubleArray(),
              Nd.subtract(2.5, gx.get("1:")).toDoubleArray(),
              t + " misaligned 2.5-x[1:]");
          assertArrayEquals(
              x.get("1:").square().toDoubleArray(),
              gx.get("1:").square().toDoubleArray(),
              t + " misaligned x[1:]**2");
          assertArrayEquals(x.square().toDoubleArray(), gx.square().toDoubleArray(), t + " x**2");
          for (String v : new String[] {":", "1:"}) {
            // cpu sums float32 in NumPy's order, in float32; cuda in double: both within
            // rounding of the sum in double, cuda within its last bit
            double want = x.get(v).sum().toDoubleArray()[0];
            if (t == DType.FLOAT32) {
              double exact = 0;
              for (double e : x.get(v).toDoubleArray()) {
                exact += e;
              }
              want = (float) exact;
            }
            double got = gx.get(v).sum().toDoubleArray()[0];
            double tol =
                t == DType.FLOAT32 ? Math.ulp((float) want) : 1e-12 * Math.abs(want) + 1e-300;
            assertEquals(want, got, tol, t + " sum x[" + v + "]");
            assertUlps(
                x.get(v).sin().toDoubleArray(),
                gx.get(v).sin().toDoubleArray(),
                t,
                "sin x[" + v + "]");
            assertUlps(
                x.get(v).cos().toDoubleArray(),
                gx.get(v).cos().toDoubleArray(),
                t,
                "cos x[" + v + "]");
          }
        }
      }
    }
  }

  /**
   * CUDA's sin and cos against Java's: within 2 ulp of the dtype (both are faithfully rounded or
   * better).
   */
  private static void assertUlps(double[] want, double[] got, DType t, String what) {
    assertEquals(want.length, got.length, what);
    for (int i = 0; i < want.length; i++) {
      double ulp = t == DType.FLOAT32 ? Math.ulp((float) want[i]) : Math.ulp(want[i]);
      assertTrue(
          Math.abs(want[i] - got[i]) <= 2 * ulp,
          what + " at " + i + ": " + got[i] + " != " + want[i]);
    }
  }

  /**
   * The machine's NVRTC compiles fused programs: the program of a fused chain runs as one generated
   * kernel (not op by op), and a float16 program is left to the kernels one by one.
   */
  @Test
  void fusedProgramsCompileWithNvrtc() {
    Backend gpu = Nd.backend("cuda");
    io.ndj.Fused f = Nd.fuse(x -> x.multiply(2.0).add(1.0).sin().maximum(0.0));
    NdArray x32 = gpu.random(3).random(1000).astype(DType.FLOAT32);
    NdArray x16 = x32.astype(DType.FLOAT16);
    CudaKernels k = (CudaKernels) new CudaProvider().create();
    try {
      assertTrue(k.runsFused(f.program(x32)), "not fused: " + k.fusionStatus());
      assertTrue(k.fusionStatus().contains("NVRTC"), k.fusionStatus());
      assertTrue(!k.runsFused(f.program(x16)), "float16 programs run op by op");
      int[] last = {-1};
      io.ndj.Fused softmax =
          Nd.fuse(
              x -> {
                io.ndj.Traced e = x.subtract(x.max(last, true)).exp();
                return e.divide(e.sum(last, true));
              });
      assertTrue(
          k.runsFused(softmax.program(x32.reshape(20, 50))),
          "softmax along rows is one kernel: " + k.fusionStatus());
    } finally {
      k.close();
    }
  }

  /**
   * A compiled fused kernel is kept on disk: a second backend instance (a later process) loads it
   * instead of compiling. Reports the compile time and the cache's use.
   */
  @Test
  void compiledKernelsAreKeptOnDisk(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir,
      org.junit.jupiter.api.TestReporter report)
      throws Exception {
    Backend gpu = Nd.backend("cuda");
    io.ndj.spi.Program p =
        Nd.fuse(x -> x.multiply(3.0).add(0.5).tanh().subtract(x))
            .program(gpu.random(4).random(100).astype(DType.FLOAT32));
    String old = System.getProperty("ndj.cuda.kernelCache");
    System.setProperty("ndj.cuda.kernelCache", dir.toString());
    try {
      CudaKernels first = (CudaKernels) new CudaProvider().create();
      long t0 = System.nanoTime();
      try {
        assertTrue(first.runsFused(p), first.fusionStatus());
        assertEquals(1, first.fusionCompiler().compiled(), first.fusionStatus());
      } finally {
        first.close();
      }
      long firstMillis = (System.nanoTime() - t0) / 1_000_000;
      try (var files = java.nio.file.Files.list(dir)) {
        assertEquals(1, files.filter(f -> f.toString().endsWith(".cubin")).count(), "one cubin");
      }
      CudaKernels second = (CudaKernels) new CudaProvider().create();
      try {
        long t1 = System.nanoTime();
        assertTrue(second.runsFused(p), second.fusionStatus());
        long secondMillis = (System.nanoTime() - t1) / 1_000_000;
        assertEquals(0, second.fusionCompiler().compiled(), second.fusionStatus());
        assertEquals(1, second.fusionCompiler().loadedFromDisk(), second.fusionStatus());
        report.publishEntry(
            "fusion",
            "first call (NVRTC loaded, compiled) "
                + firstMillis
                + " ms, from the disk cache "
                + secondMillis
                + " ms; "
                + second.fusionStatus());
      } finally {
        second.close();
      }
    } finally {
      restore("ndj.cuda.kernelCache", old);
    }
  }

  /**
   * In the background mode a fused call whose kernel is not compiled runs op by op while NVRTC
   * compiles on its own thread; a later call runs the kernel. Both give what op by op gives.
   */
  @Test
  void aFirstCallRunsOpByOpWhileItsKernelCompiles(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir,
      org.junit.jupiter.api.TestReporter report)
      throws Exception {
    String oldMode = System.getProperty("ndj.fusion.compile");
    String oldCache = System.getProperty("ndj.cuda.kernelCache");
    System.setProperty("ndj.fusion.compile", "background");
    System.setProperty("ndj.cuda.kernelCache", dir.toString());
    CudaKernels k = (CudaKernels) new CudaProvider().create();
    try (io.ndj.Scope s = Nd.scope()) {
      Backend gpu = Nd.backend("cuda");
      NdArray x = gpu.random(9).random(64, 300).astype(DType.FLOAT32);
      io.ndj.Fused f =
          Nd.fuse(v -> v.subtract(v.max(new int[] {-1}, true)).exp().multiply(1.25).cos());
      io.ndj.spi.Program p = f.program(x);
      long t0 = System.nanoTime();
      assertTrue(!k.runsFused(p), "the first call does not wait: " + k.fusionStatus());
      long firstMicros = (System.nanoTime() - t0) / 1000;
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (!k.runsFused(p)) {
        assertTrue(System.nanoTime() < deadline, "never compiled: " + k.fusionStatus());
        Thread.sleep(5);
      }
      assertEquals(1, k.fusionCompiler().compiled(), k.fusionStatus());
      NdArray want = x.subtract(x.max(new int[] {-1}, true)).exp().multiply(1.25).cos();
      double[] w = want.toDoubleArray();
      double[] got = f.apply(x).toDoubleArray();
      for (int i = 0; i < w.length; i++) {
        assertEquals(w[i], got[i], 1e-6, "element " + i);
      }
      report.publishEntry(
          "fusion",
          "background mode: the first call's kernel lookup took "
              + firstMicros
              + " us; "
              + k.fusionStatus());
    } finally {
      k.close();
      restore("ndj.fusion.compile", oldMode);
      restore("ndj.cuda.kernelCache", oldCache);
    }
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }

  /**
   * A kernel whose stack outgrows the local memory the driver reserved launches even where the
   * backend's pool caches every byte of the device: the launch the driver refuses for want of
   * memory frees the cache and goes again (k_small_solve keeps a 16 x 16 matrix a thread in local
   * memory; the stack limit is set low first, so that its launch must grow the reservation).
   */
  @Test
  void aKernelsStackFindsRoomWhereThePoolCachesTheDevice() {
    Backend gpu = Nd.backend("cuda");
    CudaKernels k = (CudaKernels) gpu.kernels();
    k.releaseCached();
    k.driver.stackLimit(256);
    java.util.List<NdArray> held = new java.util.ArrayList<>();
    try {
      while (true) {
        held.add(gpu.zeros(DType.FLOAT64, 1L << 26));
      }
    } catch (io.ndj.NdOutOfMemoryException full) {
      // every byte the pool could take is held
    } finally {
      held.forEach(NdArray::close); // ... and now cached
    }
    assertTrue(
        k.pool().cached() >= (long) held.size() << 29, "the pool caches what the arrays held");
    try (io.ndj.Scope s = Nd.scope()) {
      NdArray a = gpu.random(5).normal(0, 1, 1000, 16, 16);
      NdArray b = gpu.random(6).normal(0, 1, 1000, 16, 9);
      NdArray x = io.ndj.linalg.Linalg.solve(a, b);
      double res = Nd.matmul(a, x).subtract(b).abs().max().doubleValue();
      assertTrue(res <= 1e-9 * x.abs().max().doubleValue() * 16, "residual " + res);
    } finally {
      k.releaseCached();
    }
  }

  /** Large blocks are split to serve smaller requests and merge back when freed. */
  @Test
  void largeBlocksSplitAndMerge() {
    CudaKernels k = (CudaKernels) new CudaProvider().create();
    try {
      MemoryPool pool = k.pool();
      CudaBuffer big = pool.allocate(64L << 20);
      pool.release(big);
      assertEquals(1, pool.freeLargeBlocks());
      CudaBuffer a = pool.allocate(10L << 20);
      CudaBuffer b = pool.allocate(20L << 20);
      assertEquals(1, pool.freeLargeBlocks(), "the rest of the segment stays one free block");
      assertEquals(30L << 20, pool.used());
      pool.release(a);
      pool.release(b);
      assertEquals(1, pool.freeLargeBlocks(), "freed neighbours merge into one block");
      assertEquals(0, pool.used());
      assertEquals(64L << 20, pool.cached());
      pool.freeAllBlocks();
      assertEquals(0, pool.cached());
    } finally {
      k.close();
    }
  }

  /**
   * Mixed ops from 8 threads for {@code ndj.stress.seconds} (default 30) equal the single-thread
   * results.
   */
  @Test
  void eightThreadsAgreeWithOne() throws Exception {
    Backend gpu = Nd.backend("cuda");
    long seconds = Long.getLong("ndj.stress.seconds", 30);
    int threads = 8;
    String[] expected = new String[threads];
    for (int t = 0; t < threads; t++) {
      expected[t] = work(gpu, t);
    }
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    java.util.concurrent.atomic.AtomicLong rounds = new java.util.concurrent.atomic.AtomicLong();
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(threads)) {
      java.util.List<java.util.concurrent.Future<?>> fs = new java.util.ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        fs.add(
            pool.submit(
                () -> {
                  while (System.nanoTime() < end) {
                    assertEquals(expected[id], work(gpu, id));
                    rounds.incrementAndGet();
                  }
                  return null;
                }));
      }
      for (var f : fs) {
        f.get();
      }
    }
    assertTrue(rounds.get() >= threads, "rounds: " + rounds.get());
  }

  private static String work(Backend gpu, int seed) {
    try (var scope = Nd.scope()) {
      NdArray x = gpu.random(seed).normal(0, 1, 300, 500).astype(DType.FLOAT32);
      NdArray y =
          x.sin().multiply(x.T().matmul(x).get(":300, :1")).add(x.argsort(1).astype(DType.FLOAT32));
      return y.sum(0).get(":4")
          + " "
          + y.max(1).get("-3:")
          + " "
          + x.get(x.gt(2.5f)).size()
          + " "
          + x.cumsum(1).get(":2, -1")
          + " "
          + y.std();
    }
  }

  /** More than 2^31 elements: fill, strided views, casts and reductions index in 64 bits. */
  @Test
  void arraysBeyondTwoToThe31ElementsWork() {
    Backend gpu = Nd.backend("cuda");
    long n = (1L << 31) + 1000;
    try (NdArray a = gpu.ones(DType.UINT8, n);
        NdArray tail = a.get("-10:");
        NdArray s = a.sum();
        NdArray every = a.get("::1000");
        NdArray c = every.astype(DType.INT32).sum()) {
      tail.set("...", 3);
      assertEquals(n, s.longValue());
      assertEquals((n + 999) / 1000, c.longValue());
      try (NdArray s2 = a.sum()) {
        assertEquals(n + 20, s2.longValue());
      }
    }
  }

  @Test
  void allocationLargerThanTheCardFailsCleanlyAndTheNextOpWorks() {
    Backend gpu = Nd.backend("cuda");
    long total = gpu.memoryInfo().deviceTotal();
    io.ndj.NdOutOfMemoryException e =
        assertThrows(
            io.ndj.NdOutOfMemoryException.class,
            () -> gpu.empty(DType.FLOAT64, total / 8 + (1L << 28)));
    // the pool's own account of the device comes with it
    assertTrue(
        e.getCause() instanceof DeviceOutOfMemoryException d
            && d.getMessage().contains("bytes free"),
        String.valueOf(e.getCause()));
    try (NdArray a = gpu.arange(10);
        NdArray s = a.sum()) {
      assertEquals(45, s.longValue());
    }
  }

  /**
   * A sort whose working memory (keys and positions, 32 bytes an element past one radix line) the
   * card cannot hold: ndj's typed exception, every buffer it got given back, the input unchanged,
   * and the next op works.
   */
  @Test
  void aSortWhoseWorkingMemoryTheCardCannotHoldFailsCleanly() {
    Backend gpu = Nd.backend("cuda");
    long free = gpu.memoryInfo().deviceFree();
    long n = free / 16 / 2 * 2;
    try (NdArray x = gpu.ones(DType.FLOAT32, 2, n / 2)) {
      x.set("1, -1", -5);
      long inUse = gpu.memoryInfo().used();
      io.ndj.NdOutOfMemoryException e =
          assertThrows(io.ndj.NdOutOfMemoryException.class, () -> x.sort(1));
      // the buffers it did get are given back (and the output it was to fill)
      assertEquals(inUse, gpu.memoryInfo().used(), "pool bytes in use after the failed sort");
      assertTrue(e.getMessage().contains("working memory of sort"), e.getMessage());
      assertTrue(e.getCause() instanceof DeviceOutOfMemoryException, String.valueOf(e.getCause()));
      try (NdArray low = x.lt(0);
          NdArray count = low.sum()) {
        assertEquals(1, count.longValue(), "the input is unchanged");
        assertEquals(-5, x.get(new long[] {1, n / 2 - 1}).doubleValue());
      }
    }
    try (NdArray a = gpu.arange(10);
        NdArray s = a.sum()) {
      assertEquals(45, s.longValue());
    }
  }
}
