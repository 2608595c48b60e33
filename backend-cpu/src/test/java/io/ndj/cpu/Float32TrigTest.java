package io.ndj.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ndj.Backend;
import io.ndj.Nd;
import io.ndj.NdArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * float32 sin and cos over long contiguous arrays (the vectorised path when the Vector API is enabled, as in this
 * build) against the double-precision functions rounded to float32: within 2 ulp everywhere, exact for the special
 * values NumPy pins (sin(-0.0) = -0.0, sin(+-inf) = NaN, NaN stays NaN).
 */
@ExtendWith(ScopePerTest.class)
class Float32TrigTest {
  @Test
  void sinAndCosStayWithinTwoUlp() {
    Backend cpu = Nd.backend("cpu");
    int n = 20_000;
    float[] x = new float[n];
    java.util.Random r = new java.util.Random(5);
    for (int i = 0; i < n; i++) {
      // small, moderate and huge arguments, and subnormals
      x[i] = switch (i % 4) {
        case 0 -> (float) (r.nextDouble() * 8 - 4);
        case 1 -> (float) (r.nextGaussian() * 1e4);
        case 2 -> (float) (r.nextGaussian() * 1e30);
        default -> Float.MIN_VALUE * r.nextInt(1000) * (r.nextBoolean() ? 1 : -1);
      };
    }
    float[] special = {-0.0f, 0.0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, Float.MAX_VALUE};
    System.arraycopy(special, 0, x, 1000, special.length);
    NdArray a = cpu.array(x);
    float[] s = a.sin().toFloatArray();
    float[] c = a.cos().toFloatArray();
    for (int i = 0; i < n; i++) {
      float ws = (float) Math.sin(x[i]);
      float wc = (float) Math.cos(x[i]);
      if (Float.isNaN(ws)) {
        assertTrue(Float.isNaN(s[i]) && Float.isNaN(c[i]), "sin/cos of " + x[i]);
        continue;
      }
      assertTrue(Math.abs(s[i] - ws) <= 2 * Math.ulp(ws), "sin(" + x[i] + ") = " + s[i] + ", not " + ws);
      assertTrue(Math.abs(c[i] - wc) <= 2 * Math.ulp(wc), "cos(" + x[i] + ") = " + c[i] + ", not " + wc);
    }
    assertEquals(Float.floatToIntBits(-0.0f), Float.floatToIntBits(s[1000]), "sin(-0.0)");
    assertEquals(1.0f, c[1000]);
  }
}
