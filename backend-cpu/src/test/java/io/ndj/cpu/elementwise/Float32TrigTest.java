package io.ndj.cpu.elementwise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ndj.Backend;
import io.ndj.Nd;
import io.ndj.NdArray;
import io.ndj.cpu.ScopePerTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * float32 sin and cos over long contiguous arrays (the Vector API's functions when the module is
 * enabled, {@link Trig32}'s polynomials when not: Surefire runs these tests both ways) against the
 * double-precision functions rounded to float32: within 2 ulp everywhere, exact for the special
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
      x[i] =
          switch (i % 4) {
            case 0 -> (float) (r.nextDouble() * 8 - 4);
            case 1 -> (float) (r.nextGaussian() * 1e4);
            case 2 -> (float) (r.nextGaussian() * 1e30);
            default -> Float.MIN_VALUE * r.nextInt(1000) * (r.nextBoolean() ? 1 : -1);
          };
    }
    float[] special = {
      -0.0f, 0.0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, Float.MAX_VALUE
    };
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
      assertTrue(
          Math.abs(s[i] - ws) <= 2 * Math.ulp(ws), "sin(" + x[i] + ") = " + s[i] + ", not " + ws);
      assertTrue(
          Math.abs(c[i] - wc) <= 2 * Math.ulp(wc), "cos(" + x[i] + ") = " + c[i] + ", not " + wc);
    }
    assertEquals(Float.floatToIntBits(-0.0f), Float.floatToIntBits(s[1000]), "sin(-0.0)");
    assertEquals(1.0f, c[1000]);
  }

  @Test
  void moderateArgumentsStayWithinTwoUlp() {
    // no huge argument anywhere, so that every run takes the polynomials when the module is off
    float[] x = moderate(new java.util.Random(6), 50_000);
    NdArray a = Nd.backend("cpu").array(x);
    float[] s = a.sin().toFloatArray();
    float[] c = a.cos().toFloatArray();
    for (int i = 0; i < x.length; i++) {
      float ws = (float) Math.sin(x[i]);
      float wc = (float) Math.cos(x[i]);
      assertTrue(
          Math.abs(s[i] - ws) <= 2 * Math.ulp(ws), "sin(" + x[i] + ") = " + s[i] + ", not " + ws);
      assertTrue(
          Math.abs(c[i] - wc) <= 2 * Math.ulp(wc), "cos(" + x[i] + ") = " + c[i] + ", not " + wc);
    }
  }

  @Test
  void polynomialsStayWithinTwoUlpAndKeepTheSpecialValues() {
    java.util.Random r = new java.util.Random(7);
    Trig32 trig = new Trig32(Trig32.RUN);
    float[] special = {
      -0.0f,
      0.0f,
      Float.NaN,
      -Float.MIN_VALUE,
      1e-40f,
      0x1p-32f,
      (float) (Math.PI / 2),
      (float) -Math.PI,
      411_000f,
      -411_000f,
      1e30f,
      Float.NEGATIVE_INFINITY,
      Float.POSITIVE_INFINITY
    };
    for (int run = 0; run < 200; run++) {
      float[] x = moderate(r, Trig32.RUN);
      if (run == 0) {
        System.arraycopy(special, 0, x, 0, special.length);
      }
      if (run == 1) {
        x[9] = -0.0f; // the only special value in its run
      }
      int m = x.length - run % 3;
      for (boolean sin : new boolean[] {true, false}) {
        float[] y = new float[x.length];
        float[] in = x.clone();
        trig.apply(sin, in, y, m);
        assertTrue(java.util.Arrays.equals(x, in), "the input stays as it was");
        for (int i = 0; i < x.length; i++) {
          double exact = sin ? Math.sin(x[i]) : Math.cos(x[i]);
          float want = i >= m ? 0f : (float) exact;
          String what =
              (sin ? "sin(" : "cos(") + x[i] + ") = " + y[i] + " at " + i + " of run " + run;
          if (i >= m || Float.isNaN(want) || want == 0 || Math.abs(x[i]) > 4e5f) {
            assertEquals(Float.floatToIntBits(want), Float.floatToIntBits(y[i]), what);
          } else {
            assertTrue(Math.abs(y[i] - exact) <= 2 * Math.ulp(want), what + ", not " + want);
          }
        }
      }
    }
  }

  /** Arguments of magnitudes 2^-30 to 2^18, either sign. */
  private static float[] moderate(java.util.Random r, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) ((r.nextDouble() * 2 - 1) * Math.scalb(1.0, r.nextInt(49) - 30));
    }
    return x;
  }
}
