package io.ndj.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Poisson's pieces against their definitions. */
class PoissonTest {
  /** NumPy's loggam at k + 1 is log(k!) (summed here in order) to about an ulp of its size. */
  @Test
  void loggamIsLogFactorial() {
    double logFactorial = 0;
    for (int k = 0; k <= 5000; k++) {
      if (k > 0) {
        logFactorial += Math.log(k);
      }
      double got = Poisson.loggam(k + 1.0);
      assertEquals(logFactorial, got, 1e-13 * Math.max(1, logFactorial) + 1e-15, "k = " + k);
    }
    assertEquals(Math.log(Math.sqrt(Math.PI)), Poisson.loggam(0.5), 1e-15); // Γ(1/2) = √π
  }

  /** Below rate 10 the draw inverts one uniform: u at each step of the CDF gives that k. */
  @Test
  void smallRatesInvertTheCdf() {
    double lam = 3.5;
    Poisson law = new Poisson(lam);
    double p = Math.exp(-lam);
    double f = p;
    for (int k = 0; k < 20; k++) {
      // the largest 53-bit u at or below F(k) gives k; the next one up gives k + 1
      long at = (long) Math.floor(f * 0x1p53);
      long[] bits = {at << 11};
      assertEquals(k, law.draw(() -> bits[0]), "u = F(" + k + ")");
      if (f < 1 - 0x1p-40) {
        long[] above = {(at + 1) << 11};
        assertEquals(k + 1, law.draw(() -> above[0]), "u just above F(" + k + ")");
      }
      p = p * lam / (k + 1);
      f += p;
    }
  }
}
