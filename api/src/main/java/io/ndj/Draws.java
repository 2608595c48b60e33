package io.ndj;

import io.ndj.spi.Binomial;
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
    return Binomial.uniform(this::next);
  }

  /** Uniform in (0, 1): never 0 or 1, so that logs and ratios stay finite. */
  double open() {
    return Binomial.open(this::next);
  }

  /** Standard normal by Box-Muller (two draws). */
  double normal() {
    return Binomial.normal(this::next);
  }

  double exponential() {
    return Binomial.exponential(this::next);
  }

  /** Standard gamma ({@link Binomial#gamma}). */
  double gamma(double shape) {
    return Binomial.gamma(shape, this::next);
  }

  /** Beta ({@link Binomial#beta}). */
  double beta(double a, double b) {
    return Binomial.beta(a, b, this::next);
  }

  /** Poisson: inversion for lam below 10, Hörmann's PTRS (1993) above ({@link Poisson}). */
  long poisson(double lam) {
    return poisson(new Poisson(lam));
  }

  /** Poisson of constants computed once. */
  long poisson(Poisson law) {
    return law.draw(this::next);
  }

  /** Binomial ({@link Binomial#draw}). */
  long binomial(long n, double p) {
    return Binomial.draw(n, p, this::next);
  }

  /** Binomial of constants computed once. */
  long binomial(Binomial.Law law) {
    return law.draw(this::next);
  }
}
