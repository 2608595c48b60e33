package io.ndj.cpu.elementwise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ndj.Backend;
import io.ndj.DType;
import io.ndj.Fused;
import io.ndj.Nd;
import io.ndj.NdArray;
import io.ndj.cpu.ScopePerTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * float32 exp and tanh over contiguous arrays ({@link VectorMath}'s float32 lanes when the module
 * is enabled, the double-precision functions rounded when not: Surefire runs these tests both ways)
 * against the double-precision functions rounded to float32: within 1.5 ulp everywhere (the kit
 * allows 4), the special values exact; and a fused chain of them ({@link Chunks}) bit for bit the
 * unfused one, whatever the length of the array's tail.
 */
@ExtendWith(ScopePerTest.class)
class Float32ExpTanhTest {
  @Test
  void expAndTanhStayWithinAnUlpAndAHalf() {
    Backend cpu = Nd.backend("cpu");
    int n = 400_003;
    float[] x = new float[n];
    java.util.Random r = new java.util.Random(11);
    for (int i = 0; i < n; i++) {
      // every float's bits, the range exp is finite and nonzero on, the polynomial's edge, tiny
      x[i] =
          switch (i % 5) {
            case 0 -> Float.intBitsToFloat(r.nextInt());
            case 1 -> (float) (r.nextDouble() * 200 - 105);
            case 2 -> (float) (r.nextDouble() * 2.5 - 1.25);
            case 3 -> (float) (r.nextGaussian() * 10);
            default -> (float) (r.nextGaussian() * 1e-6);
          };
    }
    float[] special = {
      -0.0f,
      0.0f,
      Float.POSITIVE_INFINITY,
      Float.NEGATIVE_INFINITY,
      Float.NaN,
      Float.MAX_VALUE,
      -Float.MAX_VALUE,
      Float.MIN_VALUE,
      88.72283f,
      88.72284f,
      -103.97208f,
      -87.33655f,
      0.625f,
      -0.625f
    };
    System.arraycopy(special, 0, x, 1000, special.length);
    NdArray a = cpu.array(x);
    float[] e = a.exp().toFloatArray();
    float[] t = a.tanh().toFloatArray();
    for (int i = 0; i < n; i++) {
      within(x[i], e[i], Math.exp(x[i]), "exp");
      within(x[i], t[i], Math.tanh(x[i]), "tanh");
    }
    assertEquals(Float.floatToIntBits(-0.0f), Float.floatToIntBits(t[1000]), "tanh(-0.0)");
    assertEquals(1.0f, e[1000]);
    assertEquals(Float.POSITIVE_INFINITY, e[1002]);
    assertEquals(0.0f, e[1003]);
    assertEquals(1.0f, t[1002]);
    assertEquals(-1.0f, t[1003]);
    assertTrue(Float.isNaN(e[1004]) && Float.isNaN(t[1004]));
  }

  private static void within(float x, float got, double exact, String f) {
    float want = (float) exact;
    if (Float.isNaN(want)) {
      assertTrue(Float.isNaN(got), f + "(" + x + ") = " + got + ", not NaN");
      return;
    }
    assertTrue(
        got == want || Math.abs(got - exact) <= 1.5 * Math.ulp(want),
        f + "(" + x + ") = " + got + ", not " + want);
  }

  @Test
  void fusedChunksEqualTheUnfusedStepsBitForBit() {
    Backend cpu = Nd.backend("cpu");
    Fused chain =
        Nd.fuse(
            v ->
                v.multiply(1.5)
                    .add(0.25)
                    .sin()
                    .square()
                    .add(v.multiply(0.5).cos().square())
                    .subtract(v.square().negative().exp().multiply(0.75))
                    .abs()
                    .tanh()
                    .maximum(0.1)
                    .divide(v.add(3.0)));
    for (int n : new int[] {1, 15, 17, 1023, 1025, 70_001}) {
      NdArray x = cpu.random(n).normal(0, 3, n).astype(DType.FLOAT32);
      NdArray want =
          x.multiply(1.5)
              .add(0.25)
              .sin()
              .square()
              .add(x.multiply(0.5).cos().square())
              .subtract(x.square().negative().exp().multiply(0.75))
              .abs()
              .tanh()
              .maximum(0.1)
              .divide(x.add(3.0));
      assertArrayEquals(want.toFloatArray(), chain.apply(x).toFloatArray(), "n = " + n);
    }
  }
}
