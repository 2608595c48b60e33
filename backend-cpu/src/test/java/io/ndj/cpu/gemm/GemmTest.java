package io.ndj.cpu.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The blocked product, through RowGemm and (when enabled) the vector micro-kernel, against a plain
 * triple loop.
 */
class GemmTest {
  @ParameterizedTest
  @CsvSource({
    "1,1,1",
    "6,16,16",
    "7,300,19",
    "100,513,33",
    "97,257,150",
    "13,1,5",
    "4,6,260",
    "600,521,430",
    "200,1500,1500" // 3 row blocks of all of B at once: their columns in parts (Gemm.whole)
  })
  void blockedProductMatchesTheTripleLoop(int n, int k, int m) {
    SplittableRandom r = new SplittableRandom(n * 31L + k * 7L + m);
    double[] a = new double[n * k];
    double[] b = new double[k * m];
    for (int i = 0; i < a.length; i++) {
      a[i] = r.nextDouble(-1, 1);
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = r.nextDouble(-1, 1);
    }
    double[] expected = new double[n * m];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < m; j++) {
        double s = 0;
        for (int p = 0; p < k; p++) {
          s += a[i * k + p] * b[p * m + j];
        }
        expected[i * m + j] = s;
      }
    }
    int np = (n + Gemm.MR - 1) / Gemm.MR * Gemm.MR;
    int mp = (m + Gemm.NR - 1) / Gemm.NR * Gemm.NR;
    for (boolean vector : new boolean[] {false, Gemm.vector()}) {
      double[] c = new double[np * mp];
      Gemm.multiply(a, b, c, n, k, m, np, mp, vector);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
          assertEquals(
              expected[i * m + j], c[i * mp + j], 1e-12 * k, "element (" + i + ", " + j + ")");
        }
      }
    }
  }

  @ParameterizedTest
  @CsvSource({
    "1,1,1",
    "6,32,32",
    "7,300,41",
    "100,513,33",
    "13,1,5",
    "5,9,530",
    "600,521,430",
    "200,1500,1501"
  })
  void blockedFloatProductMatchesTheTripleLoop(int n, int k, int m) {
    SplittableRandom r = new SplittableRandom(n * 31L + k * 7L + m);
    float[] a = new float[n * k];
    float[] b = new float[k * m];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) r.nextDouble(-1, 1);
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = (float) r.nextDouble(-1, 1);
    }
    int np = (n + Gemm32.MR - 1) / Gemm32.MR * Gemm32.MR;
    int mp = (m + Gemm32.NR - 1) / Gemm32.NR * Gemm32.NR;
    for (boolean vector : new boolean[] {false, Gemm32.vector()}) {
      float[] c = new float[np * mp];
      Gemm32.multiply(a, b, c, n, k, m, np, mp, vector);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
          double s = 0;
          double abs = 0;
          for (int p = 0; p < k; p++) {
            s += (double) a[i * k + p] * b[p * m + j];
            abs += Math.abs((double) a[i * k + p] * b[p * m + j]);
          }
          // float32 accumulation: within k rounding errors of the sum of magnitudes
          assertEquals(
              s, c[i * mp + j], k * 0x1p-24 * abs + 1e-30, "element (" + i + ", " + j + ")");
        }
      }
    }
  }

  @org.junit.jupiter.api.Test
  void theVectorKernelIsUsedExactlyWhenTheModuleIsEnabled() {
    // this module's surefire run enables jdk.incubator.vector; backend-nd4j reruns these tests
    // without it
    boolean enabled = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    assertEquals(enabled, VectorGemm.available());
    assertEquals(enabled, Gemm.vector());
    assertEquals(enabled, Gemm32.vector());
  }
}
