package io.ndj.spi;

import java.util.function.LongSupplier;

/**
 * ndj's binomial law and the laws under it (Box-Muller normals, Marsaglia and Tsang's gamma, beta
 * as a ratio of gammas), to the bit, so that a backend kernel and the host give the same values:
 * one element takes 64-bit values one after another from its own stream ({@code Generator}'s
 * elements draw Philox blocks, as for {@link Poisson}), and
 *
 * <ul>
 *   <li>{@link #uniform} is {@code (bits >>> 11) * 2^-53}, {@link #open} {@code ((bits >>> 11) +
 *       0.5) * 2^-53} (never 0 or 1);
 *   <li>{@link #normal} is {@code sqrt(-2 log(open)) * cos(2 pi uniform)}, in that order;
 *   <li>{@link #gamma} of shape k is Marsaglia and Tsang's (2000) for k above 1 ({@code d = k -
 *       1/3}, {@code c = 1 / sqrt(9 d)}), exponential for k = 1, {@code gamma(k + 1) * open^(1/k)}
 *       below;
 *   <li>{@link #beta} is Johnk's method where both shapes are at most 1 (as NumPy), else {@code x /
 *       (x + y)} of two gammas;
 *   <li>{@link #draw} is Devroye's recursion on the order statistics of uniforms: while n exceeds
 *       64 (and 0 &lt; p &lt; 1), {@code i = (n + 1) / 2} and {@code y = beta(i, n + 1 - i)} (the
 *       i-th of n uniforms) halve n; then a Bernoulli count, {@code uniform < p}. Exact for every
 *       n.
 * </ul>
 *
 * Every operation is IEEE 754 double, correctly rounded, never fused, evaluated left to right as
 * written; log, exp, pow and cos are fdlibm's ({@link StrictMath}), sqrt correctly rounded. A
 * binomial draw with n &gt; 64 needs gammas of shape 32 and more only (no pow): what a kernel
 * needs.
 */
public final class Binomial {
  private Binomial() {}

  /**
   * Uniform in [0, 1), 53 bits.
   *
   * @param bits the element's stream of 64-bit draws
   * @return the value
   */
  public static double uniform(LongSupplier bits) {
    return (bits.getAsLong() >>> 11) * 0x1p-53;
  }

  /**
   * Uniform in (0, 1): never 0 or 1, so that logs and ratios stay finite.
   *
   * @param bits the element's stream of 64-bit draws
   * @return the value
   */
  public static double open(LongSupplier bits) {
    return ((bits.getAsLong() >>> 11) + 0.5) * 0x1p-53;
  }

  /**
   * Standard normal by Box-Muller (two draws).
   *
   * @param bits the element's stream of 64-bit draws
   * @return the value
   */
  public static double normal(LongSupplier bits) {
    double r = StrictMath.sqrt(-2 * StrictMath.log(open(bits)));
    return r * StrictMath.cos(2 * Math.PI * uniform(bits));
  }

  /**
   * Standard exponential: {@code -log(open)}.
   *
   * @param bits the element's stream of 64-bit draws
   * @return the value
   */
  public static double exponential(LongSupplier bits) {
    return -StrictMath.log(open(bits));
  }

  /**
   * Standard gamma by Marsaglia and Tsang (2000); shape below 1 boosted by U^(1/shape).
   *
   * @param shape the shape, non-negative
   * @param bits the element's stream of 64-bit draws
   * @return the value
   */
  public static double gamma(double shape, LongSupplier bits) {
    if (shape == 0) {
      return 0;
    }
    if (shape < 1) {
      double g = gamma(shape + 1, bits);
      return g * StrictMath.pow(open(bits), 1 / shape);
    }
    if (shape == 1) {
      return exponential(bits);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / StrictMath.sqrt(9 * d);
    while (true) {
      double x;
      double v;
      do {
        x = normal(bits);
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      double u = open(bits);
      if (u < 1 - 0.0331 * (x * x) * (x * x)) {
        return d * v;
      }
      if (StrictMath.log(u) < 0.5 * x * x + d * (1 - v + StrictMath.log(v))) {
        return d * v;
      }
    }
  }

  /**
   * Beta: Johnk's method for a, b &lt;= 1 (as NumPy), else a ratio of gammas.
   *
   * @param a the first shape, positive
   * @param b the second shape, positive
   * @param bits the element's stream of 64-bit draws
   * @return the value
   */
  public static double beta(double a, double b, LongSupplier bits) {
    if (a <= 1 && b <= 1) {
      while (true) {
        double u = open(bits);
        double v = open(bits);
        double x = StrictMath.pow(u, 1 / a);
        double y = StrictMath.pow(v, 1 / b);
        double s = x + y;
        if (s <= 1) {
          if (s > 0) {
            return x / s;
          }
          double lx = StrictMath.log(u) / a;
          double ly = StrictMath.log(v) / b;
          double m = Math.max(lx, ly);
          lx -= m;
          ly -= m;
          return StrictMath.exp(lx - StrictMath.log(StrictMath.exp(lx) + StrictMath.exp(ly)));
        }
      }
    }
    double x = gamma(a, bits);
    double y = gamma(b, bits);
    return x / (x + y);
  }

  /**
   * Binomial of n trials of probability p: Devroye's recursion on the order statistic of uniforms
   * (a beta draw halves n) down to 64 trials, then a Bernoulli count.
   *
   * @param n the number of trials, non-negative
   * @param p the probability of success of each trial, in [0, 1]
   * @param bits the element's stream of 64-bit draws
   * @return the number of successes
   */
  public static long draw(long n, double p, LongSupplier bits) {
    long x = 0;
    while (n > 64 && p > 0 && p < 1) {
      long i = (n + 1) / 2;
      double y = beta(i, n + 1 - i, bits);
      if (y <= p) {
        x += i;
        n -= i;
        p = (p - y) / (1 - y);
      } else {
        n = i - 1;
        p = p / y;
      }
    }
    if (p >= 1) {
      return x + n;
    }
    if (p <= 0) {
      return x;
    }
    for (long t = 0; t < n; t++) {
      if (uniform(bits) < p) {
        x++;
      }
    }
    return x;
  }
}
