package io.ndj;

import io.ndj.spi.Philox;
import io.ndj.spi.Poisson;

/**
 * One element's stream of random numbers for {@link Generator}'s distributions: element {@code i}
 * of a call draws the Philox blocks at counter {@code base + i} under the keys {@code seed + j *
 * 0x9E3779B97F4A7C15} for {@code j = 0, 1, 2, ...}, so elements are independent, a rejection loop
 * takes as many draws as it needs, and the values do not depend on the backend or the number of
 * threads. All arithmetic is {@link StrictMath}'s (fdlibm), the same on every machine.
 */
final class Draws {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private final long key;
  private long counter;
  private long j;

  Draws(long key) {
    this.key = key;
  }

  /** Starts element {@code counter}'s stream. */
  Draws at(long counter) {
    this.counter = counter;
    this.j = 0;
    return this;
  }

  long next() {
    return Philox.bits(key + (j++) * GOLDEN, counter);
  }

  /** Uniform in [0, 1), 53 bits. */
  double uniform() {
    return (next() >>> 11) * 0x1p-53;
  }

  /** Uniform in (0, 1): never 0 or 1, so that logs and ratios stay finite. */
  double open() {
    return ((next() >>> 11) + 0.5) * 0x1p-53;
  }

  /** Standard normal by Box-Muller (two draws). */
  double normal() {
    double r = StrictMath.sqrt(-2 * StrictMath.log(open()));
    return r * StrictMath.cos(2 * Math.PI * uniform());
  }

  double exponential() {
    return -StrictMath.log(open());
  }

  /** Standard gamma by Marsaglia and Tsang (2000); shape below 1 boosted by U^(1/shape). */
  double gamma(double shape) {
    if (shape == 0) {
      return 0;
    }
    if (shape < 1) {
      double g = gamma(shape + 1);
      return g * StrictMath.pow(open(), 1 / shape);
    }
    if (shape == 1) {
      return exponential();
    }
    double d = shape - 1.0 / 3;
    double c = 1 / StrictMath.sqrt(9 * d);
    while (true) {
      double x;
      double v;
      do {
        x = normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      double u = open();
      if (u < 1 - 0.0331 * (x * x) * (x * x)) {
        return d * v;
      }
      if (StrictMath.log(u) < 0.5 * x * x + d * (1 - v + StrictMath.log(v))) {
        return d * v;
      }
    }
  }

  /** Beta: Johnk's method for a, b <= 1 (as NumPy), else a ratio of gammas. */
  double beta(double a, double b) {
    if (a <= 1 && b <= 1) {
      while (true) {
        double u = open();
        double v = open();
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
    double x = gamma(a);
    double y = gamma(b);
    return x / (x + y);
  }

  /** Poisson: inversion for lam below 10, Hörmann's PTRS (1993) above ({@link Poisson}). */
  long poisson(double lam) {
    return poisson(new Poisson(lam));
  }

  /** Poisson of constants computed once. */
  long poisson(Poisson law) {
    return law.draw(this::next);
  }

  /**
   * Binomial: Devroye's recursion on the order statistic of uniforms (a beta draw halves n) down to
   * 64 trials, then a Bernoulli count. Exact for every n.
   */
  long binomial(long n, double p) {
    long x = 0;
    while (n > 64 && p > 0 && p < 1) {
      long i = (n + 1) / 2;
      double y = beta(i, n + 1 - i);
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
      if (uniform() < p) {
        x++;
      }
    }
    return x;
  }
}
