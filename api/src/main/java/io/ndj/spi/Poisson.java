package io.ndj.spi;

import java.util.function.LongSupplier;

/**
 * ndj's Poisson law to the bit, so that a backend kernel ({@code Kernels.poisson}) and the host
 * give the same values: one element draws 64-bit values one after another from its own stream and
 * takes
 *
 * <ul>
 *   <li>for lam below 10, inversion of one uniform {@code u = (bits >>> 11) * 2^-53}: the least k
 *       with {@code u <= F(k)}, {@code F} summed from {@code p(0) = exp(-lam)} by {@code p(k) = p(k
 *       - 1) * lam / k}, stopping where p underflows to 0 (one draw a value, where multiplying
 *       uniforms takes lam + 1);
 *   <li>from 10 on, Hörmann's PTRS (1993) as NumPy runs it, on {@code uniform = (bits >>> 11) *
 *       2^-53}: {@code u = uniform - 0.5}, {@code v = uniform}, {@code us = 0.5 - |u|}, {@code k =
 *       (long) floor((2 a / us + b) u + lam + 0.43)}; accepted at once when {@code us >= 0.07} and
 *       {@code v <= vr}, rejected when {@code k < 0} or {@code us < 0.013} and {@code v > us}, else
 *       accepted when {@code log(v) + log(invalpha) - log(a / us^2 + b) <= -lam + k log(lam) -
 *       loggam(k + 1)}, loggam being NumPy's {@code random_loggam} ({@link #loggam}).
 * </ul>
 *
 * Every operation is IEEE 754 double, correctly rounded, never fused, evaluated left to right as
 * written; log is fdlibm's ({@link StrictMath#log}). The constants of one lam are computed once
 * here, on the host ({@link StrictMath}), and handed to a kernel as they are.
 */
public final class Poisson {
  /** NumPy's random_loggam's series, a[0] to a[9]. */
  private static final double[] LOGGAM = {
    8.333333333333333e-02,
    -2.777777777777778e-03,
    7.936507936507937e-04,
    -5.952380952380952e-04,
    8.417508417508418e-04,
    -1.917526917526918e-03,
    6.410256410256410e-03,
    -2.955065359477124e-02,
    1.796443723688307e-01,
    -1.39243221690590e+00
  };

  /** log(2 pi), as NumPy's random_loggam writes it. */
  private static final double LOG_TWO_PI = 1.8378770664093453e+00;

  /** The rate. */
  public final double lam;

  /** exp(-lam): the inversion's p(0) (lam below 10). */
  public final double limit;

  /** log(lam), PTRS's (lam of 10 or more; this and the constants below are 0 for smaller rates). */
  public final double logLam;

  /** PTRS's b: 0.931 + 2.53 sqrt(lam). */
  public final double b;

  /** PTRS's a: -0.059 + 0.02483 b. */
  public final double a;

  /** PTRS's 1 / alpha: 1.1239 + 1.1328 / (b - 3.4). */
  public final double invAlpha;

  /** PTRS's v_r: 0.9277 - 3.6224 / (b - 2). */
  public final double vr;

  /** log(1 / alpha). */
  public final double logInvAlpha;

  /**
   * The constants of rate lam.
   *
   * @param lam the rate, non-negative and finite
   */
  public Poisson(double lam) {
    this.lam = lam;
    this.limit = StrictMath.exp(-lam);
    if (lam < 10) {
      logLam = b = a = invAlpha = vr = logInvAlpha = 0;
      return;
    }
    double slam = StrictMath.sqrt(lam);
    logLam = StrictMath.log(lam);
    b = 0.931 + 2.53 * slam;
    a = -0.059 + 0.02483 * b;
    invAlpha = 1.1239 + 1.1328 / (b - 3.4);
    vr = 0.9277 - 3.6224 / (b - 2);
    logInvAlpha = StrictMath.log(invAlpha);
  }

  /**
   * One element's value.
   *
   * @param bits the element's stream of 64-bit draws
   * @return the count
   */
  public long draw(LongSupplier bits) {
    if (lam == 0) {
      return 0;
    }
    if (lam < 10) {
      double u = (bits.getAsLong() >>> 11) * 0x1p-53;
      double p = limit;
      double f = p;
      long k = 0;
      while (u > f && p > 0) {
        k++;
        p = p * lam / k;
        f += p;
      }
      return k;
    }
    while (true) {
      double u = (bits.getAsLong() >>> 11) * 0x1p-53 - 0.5;
      double v = (bits.getAsLong() >>> 11) * 0x1p-53;
      double us = 0.5 - Math.abs(u);
      long k = (long) Math.floor((2 * a / us + b) * u + lam + 0.43);
      if (us >= 0.07 && v <= vr) {
        return k;
      }
      if (k < 0 || (us < 0.013 && v > us)) {
        continue;
      }
      if (StrictMath.log(v) + logInvAlpha - StrictMath.log(a / (us * us) + b)
          <= -lam + k * logLam - loggam(k + 1.0)) {
        return k;
      }
    }
  }

  /**
   * NumPy's {@code random_loggam}: log Γ(x) for x > 0 by Stirling's series from x + n (n = 7 - x
   * for x below 7, the logs of the n steps taken off after), in StrictMath's log; 0 at 1 and 2.
   *
   * @param x the argument, positive
   * @return log Γ(x)
   */
  public static double loggam(double x) {
    if (x == 1.0 || x == 2.0) {
      return 0.0;
    }
    long n = x < 7.0 ? (long) (7 - x) : 0;
    double x0 = x + n;
    double r = 1.0 / x0;
    double x2 = r * r;
    double gl0 = LOGGAM[9];
    for (int k = 8; k >= 0; k--) {
      gl0 *= x2;
      gl0 += LOGGAM[k];
    }
    double gl = gl0 / x0 + 0.5 * LOG_TWO_PI + (x0 - 0.5) * StrictMath.log(x0) - x0;
    if (x < 7.0) {
      for (long k = 1; k <= n; k++) {
        gl -= StrictMath.log(x0 - 1.0);
        x0 -= 1.0;
      }
    }
    return gl;
  }
}
