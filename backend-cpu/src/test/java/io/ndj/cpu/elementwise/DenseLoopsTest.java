package io.ndj.cpu.elementwise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ndj.Backend;
import io.ndj.DType;
import io.ndj.Nd;
import io.ndj.NdArray;
import io.ndj.cpu.ScopePerTest;
import io.ndj.cpu.memory.CpuBuffer;
import io.ndj.cpu.reduce.Reducer;
import io.ndj.spi.BinaryOp;
import io.ndj.spi.ReduceOp;
import io.ndj.spi.UnaryOp;
import io.ndj.spi.View;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The typed loops for contiguous float arrays (over one run long) against plain Java arithmetic per
 * element.
 */
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

  /**
   * int32 and int64 + - * on the typed loops wrap as Java's (and NumPy's) fixed-width arithmetic
   * does.
   */
  @Test
  void integerArithmeticWrapsLikeJava() {
    Backend cpu = Nd.backend("cpu");
    NdArray la = cpu.random(8).integers(-(1L << 62), 1L << 62, N);
    NdArray lb = cpu.random(9).integers(-(1L << 62), 1L << 62, N);
    NdArray ia = la.astype(DType.INT32);
    NdArray ib = lb.astype(DType.INT32);
    long[] x = la.toLongArray();
    long[] y = lb.toLongArray();
    int[] xi = ia.toIntArray();
    int[] yi = ib.toIntArray();
    long[] add = new long[N];
    long[] mul = new long[N];
    long[] rsub = new long[N];
    int[] addI = new int[N];
    int[] mulI = new int[N];
    int[] subS = new int[N];
    int[] rsubI = new int[N];
    for (int i = 0; i < N; i++) {
      add[i] = x[i] + y[i];
      mul[i] = x[i] * y[i];
      rsub[i] = 7 - x[i];
      addI[i] = xi[i] + yi[i];
      mulI[i] = xi[i] * yi[i];
      subS[i] = xi[i] - 2_000_000_000;
      rsubI[i] = 7 - xi[i];
    }
    assertArrayEquals(add, la.add(lb).toLongArray());
    assertArrayEquals(mul, la.multiply(lb).toLongArray());
    assertArrayEquals(rsub, Nd.subtract(7, la).toLongArray());
    assertArrayEquals(addI, ia.add(ib).toIntArray());
    assertArrayEquals(mulI, ia.multiply(ib).toIntArray());
    assertArrayEquals(subS, ia.subtract(2_000_000_000).toIntArray());
    assertArrayEquals(rsubI, Nd.subtract(7, ia).toIntArray());
  }

  /**
   * float32 <-> float64 casts on the typed arrays: Java's casts (round to nearest even), NaN, inf,
   * -0.0 kept.
   */
  @Test
  void floatCastsMatchJavaCasts() {
    Backend cpu = Nd.backend("cpu");
    NdArray d = cpu.random(11).normal(0, 1e30, N);
    d.set("::97", Double.NaN);
    d.set("1::89", Double.NEGATIVE_INFINITY);
    d.set("2::83", -0.0);
    d.set("3::79", 1e-320);
    d.set("4::73", 3.5e38); // beyond float32: infinity
    double[] x = d.toDoubleArray();
    float[] narrow = new float[N];
    double[] back = new double[N];
    for (int i = 0; i < N; i++) {
      narrow[i] = (float) x[i];
      back[i] = narrow[i];
    }
    NdArray f = d.astype(DType.FLOAT32);
    assertArrayEquals(narrow, f.toFloatArray());
    assertArrayEquals(back, f.astype(DType.FLOAT64).toDoubleArray());
  }

  /** Slices with offsets on each operand index their arrays at the right places. */
  @Test
  void offsetsOfContiguousSlicesAreHonoured() {
    Backend cpu = Nd.backend("cpu");
    NdArray xa = cpu.random(6).normal(0, 10, N + 7).astype(DType.FLOAT32);
    NdArray ya = cpu.random(7).normal(0, 10, N + 7).astype(DType.FLOAT32);
    float[] x = xa.toFloatArray();
    float[] y = ya.toFloatArray();
    float[] want = new float[N];
    for (int i = 0; i < N; i++) {
      want[i] = x[i + 7] * y[i + 2];
    }
    assertArrayEquals(want, xa.get("7:").multiply(ya.get("2:" + (N + 2))).toFloatArray());
  }

  /**
   * Buffers held as long[] (which a float array gets only past one float[]'s size, or from a caller
   * of the dtype-less allocate) take the copying loops: the same results for every op and scalar
   * side, on both kinds.
   */
  @Test
  void buffersHeldAsLongsGiveTheSameResultsAsTypedOnes() {
    float[] x = new float[N];
    float[] y = new float[N];
    for (int i = 0; i < N; i++) {
      x[i] = (i % 97) * 0.37f - 11f;
      y[i] = (i % 89) * 0.53f + 0.25f;
    }
    for (CpuBuffer.Kind kind : new CpuBuffer.Kind[] {CpuBuffer.Kind.LONGS, CpuBuffer.Kind.FLOATS}) {
      View a = floats(kind, x);
      View b = floats(kind, y);
      for (BinaryOp op :
          new BinaryOp[] {BinaryOp.ADD, BinaryOp.SUBTRACT, BinaryOp.MULTIPLY, BinaryOp.DIVIDE}) {
        float[] arrays = new float[N];
        float[] right = new float[N];
        float[] left = new float[N];
        for (int i = 0; i < N; i++) {
          arrays[i] = java(op, x[i], y[i]);
          right[i] = java(op, x[i], 2.5f);
          left[i] = java(op, 2.5f, x[i]);
        }
        View out = floats(kind, new float[N]);
        Dense.binary(op, out, a, b, null, false);
        assertArrayEquals(arrays, read(out), kind + " " + op);
        Dense.binary(op, out, a, null, 2.5f, false);
        assertArrayEquals(right, read(out), kind + " " + op + " scalar");
        Dense.binary(op, out, a, null, 2.5f, true);
        assertArrayEquals(left, read(out), kind + " scalar " + op);
      }
      float[] sq = new float[N];
      for (int i = 0; i < N; i++) {
        sq[i] = x[i] * x[i];
      }
      View out = floats(kind, new float[N]);
      Dense.unary(UnaryOp.SQUARE, out, a);
      assertArrayEquals(sq, read(out), kind + " square");
    }
  }

  private static float java(BinaryOp op, float p, float q) {
    return switch (op) {
      case ADD -> p + q;
      case SUBTRACT -> p - q;
      case MULTIPLY -> p * q;
      default -> p / q;
    };
  }

  private static View floats(CpuBuffer.Kind kind, float[] v) {
    CpuBuffer buf = CpuBuffer.of(kind, (v.length + 1) / 2, 4L * v.length);
    for (int i = 0; i < v.length; i++) {
      buf.segment().setAtIndex(ValueLayout.JAVA_FLOAT, i, v[i]);
    }
    return new View(buf, DType.FLOAT32, new long[] {v.length}, new long[] {1}, 0);
  }

  private static float[] read(View v) {
    float[] r = new float[(int) v.shape()[0]];
    for (int i = 0; i < r.length; i++) {
      r[i] = ((CpuBuffer) v.buffer()).segment().getAtIndex(ValueLayout.JAVA_FLOAT, i);
    }
    return r;
  }

  /**
   * Sums read float[] buffers in place: bit for bit what the copying path gives, whole, per row,
   * per column.
   */
  @Test
  void sumsOfTypedBuffersEqualTheCopyingPath() {
    float[] x = new float[N];
    for (int i = 0; i < N; i++) {
      x[i] = (float) Math.scalb((i % 13) - 6.5, (i % 41) - 20);
    }
    float[][] results = new float[2][];
    CpuBuffer.Kind[] kinds = {CpuBuffer.Kind.LONGS, CpuBuffer.Kind.FLOATS};
    for (int k = 0; k < 2; k++) {
      View in = floats(kinds[k], x);
      View whole = floats(kinds[k], new float[1]);
      View scalar = new View(whole.buffer(), DType.FLOAT32, new long[0], new long[0], 0);
      Reducer.reduce(ReduceOp.SUM, scalar, seg(scalar), in, seg(in), new int[] {0});
      View rows =
          new View(in.buffer(), DType.FLOAT32, new long[] {5, N / 5}, new long[] {N / 5, 1}, 0);
      // outputs keep the reduced axis (length 1), as the api passes them
      View perRow = floats(kinds[k], new float[5]);
      View rowsOut =
          new View(perRow.buffer(), DType.FLOAT32, new long[] {5, 1}, new long[] {1, 0}, 0);
      Reducer.reduce(ReduceOp.SUM, rowsOut, seg(perRow), rows, seg(rows), new int[] {1});
      View perColumn = floats(kinds[k], new float[N / 5]);
      View columnsOut =
          new View(perColumn.buffer(), DType.FLOAT32, new long[] {1, N / 5}, new long[] {0, 1}, 0);
      Reducer.reduce(ReduceOp.SUM, columnsOut, seg(perColumn), rows, seg(rows), new int[] {0});
      float[] r = new float[6 + N / 5];
      r[0] = read(whole)[0];
      System.arraycopy(read(perRow), 0, r, 1, 5);
      System.arraycopy(read(perColumn), 0, r, 6, N / 5);
      results[k] = r;
    }
    assertArrayEquals(results[0], results[1]);
    // float32 sums are NumPy's pairwise sums in float32 (NumpySumsTest checks their bits against
    // NumPy's): within a few float32 roundings of the sum's magnitudes of the exact sum
    double exact = 0;
    double magnitude = 0;
    for (float v : x) {
      exact += v;
      magnitude += Math.abs(v);
    }
    assertEquals(exact, results[1][0], 1e-6 * magnitude);
  }

  private static java.lang.foreign.MemorySegment seg(View v) {
    return ((CpuBuffer) v.buffer()).segment();
  }
}
