package io.ndj.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ndj.Backend;
import io.ndj.DType;
import io.ndj.Nd;
import io.ndj.NdArray;
import io.ndj.Scope;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sums of float32 and float16 accumulate in float64 as NumPy's pairwise sums keep them close
 * (ND4J's own float32 sum of millions of values drifts by 1e-5 and more), large whole float32
 * arrays by float32 rows first: checked against sums in a plain float64 loop.
 */
class Nd4jSumTest {
  private static Backend nd4j;

  @BeforeAll
  static void available() {
    nd4j = Nd4jTestBackend.get();
  }

  @Test
  void float32SumsOfMillionsStayWithinRounding() {
    int rows = 1500;
    int cols = 2000;
    try (Scope scope = Nd.scope()) {
      NdArray x = nd4j.random(11).random(rows, cols).add(0.25).astype(DType.FLOAT32);
      float[] v = x.toFloatArray();
      double all = 0;
      double[] colSums = new double[cols];
      double[] rowSums = new double[rows];
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < cols; j++) {
          all += v[i * cols + j];
          colSums[j] += v[i * cols + j];
          rowSums[i] += v[i * cols + j];
        }
      }
      NdArray total = x.sum();
      assertEquals(DType.FLOAT32, total.dtype());
      assertEquals((float) all, total.toFloatArray()[0], Math.ulp((float) all));
      assertEquals(
          total.toFloatArray()[0],
          x.T().sum().toFloatArray()[0],
          Math.ulp((float) all),
          "transposed");
      double third = 0;
      for (int i = 0; i < rows; i += 3) {
        for (int j = 0; j < cols; j++) {
          third += v[i * cols + j];
        }
      }
      assertEquals(
          (float) third,
          x.get("::3").sum().toFloatArray()[0],
          Math.ulp((float) third),
          "every third row");
      float[] s0 = x.sum(0).toFloatArray();
      float[] s1 = x.sum(1).toFloatArray();
      for (int j = 0; j < cols; j++) {
        assertEquals((float) colSums[j], s0[j], Math.ulp((float) colSums[j]), "column " + j);
      }
      for (int i = 0; i < rows; i++) {
        assertEquals((float) rowSums[i], s1[i], Math.ulp((float) rowSums[i]), "row " + i);
      }
      // a transposed view sums the same lanes
      float[] t1 = x.T().sum(1).toFloatArray();
      for (int j = 0; j < cols; j++) {
        assertEquals(s0[j], t1[j], Math.ulp(s0[j]), "transposed row " + j);
      }
    }
  }

  @Test
  void largeFloat32SumsByRowsStayWithinNumPysError() {
    // 2^20 values go by float32 rows of 256, 1000003 (a prime) straight to the float64 mean; mixed
    // signs, so that
    // the sum is small against the magnitudes
    for (int n : new int[] {1 << 20, 1_000_003}) {
      try (Scope scope = Nd.scope()) {
        NdArray x = nd4j.random(n).normal(0, 100, n).astype(DType.FLOAT32);
        float[] v = x.toFloatArray();
        double exact = 0;
        double magnitudes = 0;
        for (float f : v) {
          exact += f;
          magnitudes += Math.abs(f);
        }
        float got = x.sum().toFloatArray()[0];
        // float32 rows of 256: each off by at most 256 roundings of its magnitudes, then the result
        // rounded
        double bound = Math.ulp((float) exact) / 2 + 256 * 0x1p-24 * magnitudes;
        assertTrue(
            Math.abs(got - exact) <= bound, n + ": " + got + " against " + exact + " +- " + bound);
        if (n % 2 == 1) {
          assertEquals((float) exact, got, Math.ulp((float) exact), n + ": rounded once");
        }
      }
    }
  }

  @Test
  void float16SumsAccumulateWide() {
    try (Scope scope = Nd.scope()) {
      // 4096 halves of 0.1 (0.0999755859375): float16 running sums would stall at 256
      NdArray x = nd4j.full(0.1, DType.FLOAT16, 4, 1024);
      double h = x.toDoubleArray()[0];
      assertEquals(DType.FLOAT16, x.sum().dtype());
      assertEquals(4096 * h, x.sum().toDoubleArray()[0], 0.25);
      double[] rows = x.sum(1).toDoubleArray();
      for (double r : rows) {
        assertEquals(1024 * h, r, 0.125);
      }
    }
  }
}
