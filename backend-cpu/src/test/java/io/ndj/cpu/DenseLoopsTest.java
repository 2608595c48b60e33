package io.ndj.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.ndj.Backend;
import io.ndj.DType;
import io.ndj.Nd;
import io.ndj.NdArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The typed loops for contiguous float arrays (over one run long) against plain Java arithmetic per element. */
@ExtendWith(ScopePerTest.class)
class DenseLoopsTest {
  private static final int N = 5000;

  @Test
  void float32ArithmeticMatchesJavaFloats() {
    Backend cpu = Nd.backend("cpu");
    NdArray xa = cpu.random(3).normal(0, 10, N).astype(DType.FLOAT32);
    NdArray ya = cpu.random(4).normal(0, 10, N).astype(DType.FLOAT32);
    float[] x = xa.toFloatArray();
    float[] y = ya.toFloatArray();
    float[] add = new float[N];
    float[] rsub = new float[N];
    float[] rdiv = new float[N];
    float[] mulS = new float[N];
    float[] sq = new float[N];
    float[] neg = new float[N];
    for (int i = 0; i < N; i++) {
      add[i] = x[i] + y[i];
      rsub[i] = 2.5f - x[i];
      rdiv[i] = 2.5f / x[i];
      mulS[i] = x[i] * 2.5f;
      sq[i] = x[i] * x[i];
      neg[i] = -x[i];
    }
    assertArrayEquals(add, xa.add(ya).toFloatArray());
    assertArrayEquals(rsub, Nd.subtract(2.5f, xa).toFloatArray());
    assertArrayEquals(rdiv, Nd.divide(2.5f, xa).toFloatArray());
    assertArrayEquals(mulS, xa.multiply(2.5f).toFloatArray());
    assertArrayEquals(sq, xa.square().toFloatArray());
    assertArrayEquals(neg, xa.negative().toFloatArray());
    // one value broadcast against the array, on either side (x - x.mean(keepdims=True))
    NdArray one = cpu.full(2.5, DType.FLOAT32).reshape(1);
    assertArrayEquals(rsub, one.subtract(xa).toFloatArray());
    assertArrayEquals(mulS, xa.multiply(one).toFloatArray());
  }

  @Test
  void float64ArithmeticMatchesJavaDoubles() {
    Backend cpu = Nd.backend("cpu");
    NdArray xa = cpu.random(5).normal(0, 10, N);
    double[] x = xa.toDoubleArray();
    double[] rsub = new double[N];
    double[] div = new double[N];
    double[] abs = new double[N];
    for (int i = 0; i < N; i++) {
      rsub[i] = 3.0 - x[i];
      div[i] = x[i] / 3.0;
      abs[i] = Math.abs(x[i]);
    }
    assertArrayEquals(rsub, Nd.subtract(3.0, xa).toDoubleArray());
    assertArrayEquals(div, xa.divide(3.0).toDoubleArray());
    assertArrayEquals(abs, xa.abs().toDoubleArray());
  }
}
