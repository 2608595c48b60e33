package io.ndj.spi;

import java.util.function.LongSupplier;

/**
 * ndj's Poisson law to the bit, so that a backend kernel ({@code Kernels.poisson}) and the host
 * give the same values: one element draws 64-bit values one after another from its own stream and
 * takes
 *
 * <ul>
 *   <li>for lam below 10, the count of {@code open()} uniforms multiplied until the product falls
 *       to {@code exp(-lam)} or below ({@code open = ((bits >>> 11) + 0.5) * 2^-53});
 *   <li>from 10 on, Hörmann's PTRS (1993) as NumPy runs it, on {@code uniform = (bits >>> 11) *
 *       2^-53}: {@code u = uniform - 0.5}, {@code v = uniform}, {@code us = 0.5 - |u|}, {@code k =
 *       (long) floor((2 a / us + b) u + lam + 0.43)}; accepted at once when {@code us >= 0.07} and
 *       {@code v <= vr}, rejected when {@code k < 0} or {@code us < 0.013} and {@code v > us}, else
 *       accepted when {@code log(v) + log(invalpha) - log(a / us^2 + b) <= -lam + k log(lam) -
 *       lgamma(k + 1)}.
 * </ul>
 *
 * Every operation is IEEE 754 double, correctly rounded, never fused, evaluated left to right as
 * written; log is fdlibm's ({@link StrictMath#log}), lgamma {@link #lgamma}'s Lanczos sum. The
 * constants of one lam are computed once here, on the host ({@link StrictMath}), and handed to a
 * kernel as they are.
 */
public final class Poisson {
  private static final double[] LANCZOS = {
    0.99999999999980993,
    676.5203681218851,
    -1259.1392167224028,
    771.32342877765313,
    -176.61502916214059,
    12.507343278686905,
    -0.13857109526572012,
    9.9843695780195716e-6,
    1.5056327351493116e-7
  };

  /** 0.5 log(2 pi), lgamma's first term. */
  public static final double HALF_LOG_TWO_PI = 0.5 * StrictMath.log(2 * Math.PI);

  /** The rate. */
  public final double lam;

  /** exp(-lam): where the product of uniforms stops (lam below 10). */
  public final double limit;

  /** PTRS's constants (lam of 10 or more; 0 below). */
  public final double logLam;

  public final double b;
  public final double a;
  public final double invAlpha;
  public final double vr;
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
      double p = 1;
      long k = -1;
      do {
        k++;
        p *= ((bits.getAsLong() >>> 11) + 0.5) * 0x1p-53;
      } while (p > limit);
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
          <= -lam + k * logLam - lgamma(k + 1.0)) {
        return k;
      }
    }
  }

  /**
   * log|Γ(x)| for x > 0 (Lanczos, g = 7; relative error near 1e-15): for x of 0.5 or more {@code
   * HALF_LOG_TWO_PI + (z + 0.5) log(t) - t + log(a)}, {@code z = x - 1}, {@code t = z + 7.5},
   * {@code a} the Lanczos sum taken in order; by reflection below.
   *
   * @param x the argument, positive
   * @return log|Γ(x)|
   */
  public static double lgamma(double x) {
    if (x < 0.5) {
      return StrictMath.log(Math.PI / Math.abs(StrictMath.sin(Math.PI * x))) - lgamma(1 - x);
    }
    double z = x - 1;
    double a = LANCZOS[0];
    double t = z + 7.5;
    for (int i = 1; i < 9; i++) {
      a += LANCZOS[i] / (z + i);
    }
    return HALF_LOG_TWO_PI + (z + 0.5) * StrictMath.log(t) - t + StrictMath.log(a);
  }
}
