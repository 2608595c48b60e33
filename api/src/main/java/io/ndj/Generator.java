package io.ndj;

import io.ndj.spi.Gaussian;
import io.ndj.spi.Philox;
import io.ndj.spi.Poisson;

/**
 * Seeded random numbers that are the same on every backend: every draw is built from Philox4x32-10
 * blocks (see {@link Philox}) keyed by the seed, one block per element, with a counter that
 * advances by the number of blocks each call uses. Made by {@link Nd#random(long)}; not thread-safe
 * (one generator per thread).
 *
 * <p>The transformations, exactly (all arithmetic in float64):
 *
 * <ul>
 *   <li>{@code random}: {@code u = (bits >>> 11) * 2^-53}, in [0, 1); bit-identical on every
 *       backend.
 *   <li>{@code uniform(low, high)}: {@code low + (high - low) * u}.
 *   <li>{@code normal(loc, scale)} for n values: {@code loc + scale * z}, z the ziggurat's value of
 *       each 64-bit word (two a block) over NumPy's 256 layers, the 1.5% of words that miss its
 *       fast test drawing further from blocks of their own, defined to the bit by {@link
 *       io.ndj.spi.Gaussian} (IEEE arithmetic and fdlibm's log and exp): bit-identical on every
 *       backend. float32 values ({@code standardNormal(FLOAT32, ...)}) take a 32-bit word each,
 *       four a block.
 *   <li>{@code integers(low, high)}: {@code low + floor(u * (high - low))} as int64 (exact for
 *       ranges below 2^53).
 *   <li>{@code permutation(n)}: the stable argsort of n values of {@code random}.
 * </ul>
 *
 * <p>NumPy's other distributions (standard_exponential, gamma, beta, chisquare, f, standard_t,
 * gumbel, laplace, logistic, lognormal, rayleigh, standard_cauchy, pareto, weibull, power,
 * triangular, wald, vonmises, geometric, poisson, binomial, negative_binomial, hypergeometric,
 * zipf, dirichlet, multinomial, multivariate_hypergeometric, multivariate_normal, bytes, permuted,
 * choice with p) are drawn on the host, element i from its own Philox stream ({@code Draws}:
 * counter {@code base + i}, one key per draw), in StrictMath's arithmetic: the same bits on every
 * backend, machine and thread count. Rejection samplers (gamma, poisson, zipf, vonmises) take as
 * many draws as they need; each call advances the counter by its element count. The algorithms are
 * NumPy's where that is simple (Marsaglia-Tsang gamma, Johnk beta, PTRS poisson from rate 10,
 * NumPy's binomial (inversion, and BTPE from n p = 30), zipf and von Mises), and exact alternatives
 * otherwise (poisson below rate 10 by inversion of one uniform); the values are not NumPy's ({@link
 * io.ndj.random.NumpyGenerator} is NumPy's own stream).
 */
public final class Generator {
  private final Backend backend;
  private final long key;
  private long counter;

  /** How many children {@link #spawn} has given (NumPy's n_children_spawned). */
  private long spawned;

  Generator(Backend backend, long seed) {
    this.backend = backend;
    this.key = seed;
  }

  /**
   * NumPy's {@code spawn(n)}: n new generators on this backend, each drawing from its own Philox
   * key ({@link io.ndj.spi.Philox#childKey} of this key and the child's index), so their streams
   * are unrelated to this one's and to each other's, and the same on every backend; a later call
   * gives the next children (indices go on), and spawning draws nothing from this generator.
   *
   * @param n how many children (none for n &lt;= 0)
   * @return the children, counters at 0
   */
  public java.util.List<Generator> spawn(int n) {
    java.util.List<Generator> out = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new Generator(backend, io.ndj.spi.Philox.childKey(key, spawned + i)));
    }
    spawned += Math.max(0, n);
    return out;
  }

  /**
   * Skips {@code delta} Philox blocks, as if that many values of {@code random} had been drawn
   * (NumPy's {@code bit_generator.advance}): a generator advanced by {@code k} draws the values
   * that follow the first k, so that block {@code b} of a distributed array can draw its own part
   * of one stream. {@code random}, {@code integers}, {@code bits} and the distributions drawn on
   * the host take one block per value; {@code normal} takes one per pair of values (float32: one
   * per four).
   *
   * @param delta the number of blocks to skip, non-negative
   * @return this generator
   */
  public Generator advance(long delta) {
    if (delta < 0) {
      throw new IllegalArgumentException("advance needs a non-negative delta, got " + delta);
    }
    counter += delta;
    return this;
  }

  /**
   * The next {@code n} raw 64-bit values (int64), consuming n blocks.
   *
   * @param n the number of values
   * @return a new int64 array of length n
   */
  public NdArray bits(long n) {
    NdArray out = NdArray.allocate(backend, DType.INT64, new long[] {n});
    new Kernel(backend).philox(out, key, counter);
    counter += n;
    return out;
  }

  /**
   * Uniform float64 in [0, 1).
   *
   * @param shape the output shape
   * @return a new float64 array of {@code shape}
   */
  public NdArray random(long... shape) {
    return uniform(0, 1, shape);
  }

  /** The values {@link #random} defines, composed from Philox bits and elementwise ops. */
  private NdArray composedRandom(long... shape) {
    long n = Shape.of(shape).size();
    try (NdArray b = bits(n);
        NdArray s = b.rightShift(11L);
        NdArray m = s.bitwiseAnd((1L << 53) - 1);
        NdArray f = m.astype(DType.FLOAT64);
        NdArray u = f.multiply(0x1p-53)) {
      return u.reshape(shape);
    }
  }

  /**
   * Uniform float64 in [low, high): NumPy's {@code uniform(low, high, size)}, {@code low + (high -
   * low) * random}.
   *
   * @param low the lower bound (included)
   * @param high the upper bound (excluded)
   * @param shape the output shape
   * @return a new float64 array of {@code shape}
   */
  public NdArray uniform(double low, double high, long... shape) {
    NdArray drawn =
        kernelDraws(DType.FLOAT64, shape, (k, out) -> k.uniform(out, key, counter, low, high));
    if (drawn != null) {
      return drawn;
    }
    try (NdArray u = composedRandom(shape);
        NdArray s = u.multiply(high - low)) {
      return s.add(low);
    }
  }

  /**
   * Normal float64 of mean {@code loc} and standard deviation {@code scale}: NumPy's {@code
   * normal(loc, scale, size)}.
   *
   * @param loc the mean
   * @param scale the standard deviation, non-negative
   * @param shape the output shape
   * @return a new float64 array of {@code shape}
   */
  public NdArray normal(double loc, double scale, long... shape) {
    require(!(scale < 0), "scale < 0");
    try (NdArray z = gaussian(DType.FLOAT64, shape);
        NdArray s = z.multiply(scale)) {
      return s.add(loc);
    }
  }

  /**
   * n standard normal values of {@code dtype} (float64, or float32 from 32-bit words), {@link
   * Gaussian}'s from the next ceil(n / 2) blocks (float64) or ceil(n / 4) (float32): the backend's
   * kernel where it has one, else computed on the host.
   */
  private NdArray gaussian(DType dtype, long[] shape) {
    long n = Shape.of(shape).size();
    long at = counter;
    counter += dtype == DType.FLOAT32 ? (n + 3) / 4 : (n + 1) / 2;
    try (NdArray z = values(dtype, n, at)) {
      return z.reshape(shape);
    }
  }

  /** The backend's kernel fills a new array, or the values are computed here and copied in. */
  private NdArray values(DType dtype, long n, long at) {
    NdArray z = NdArray.allocate(backend, dtype, new long[] {n});
    if (new Kernel(backend).normal(z, key, at)) {
      return z;
    }
    z.close();
    int m = start(new long[] {n}); // a host array: within Java's array size
    int per = dtype == DType.FLOAT32 ? 4 : 2;
    int blocks = (m + per - 1) / per;
    long[] first = new long[blocks];
    long[] last = new long[blocks];
    long[] rest = new long[1];
    for (int j = 0; j < blocks; j++) {
      first[j] = Philox.block(key, at + j, rest);
      last[j] = rest[0];
    }
    if (dtype == DType.FLOAT32) {
      float[] v = new float[m];
      Gaussian.run(key, at, first, last, v, m);
      return backend.array(v);
    }
    double[] v = new double[m];
    Gaussian.run(key, at, first, last, v, m);
    try (NdArray host = backend.array(v)) {
      return host.astype(dtype);
    }
  }

  /**
   * Integers in [low, high) as int64.
   *
   * @param low the lower bound (included)
   * @param high the upper bound (excluded)
   * @param shape the output shape
   * @return a new int64 array of {@code shape}
   */
  public NdArray integers(long low, long high, long... shape) {
    if (high <= low) {
      throw new IllegalArgumentException("low >= high");
    }
    try (NdArray u = random(shape);
        NdArray s = u.multiply((double) (high - low));
        NdArray f = s.floor();
        NdArray i = f.astype(DType.INT64)) {
      return i.add(low);
    }
  }

  /**
   * A random ordering of {@code 0..n-1} (int64).
   *
   * @param n the number of values
   * @return a new int64 array of length n
   */
  public NdArray permutation(long n) {
    try (NdArray u = random(n)) {
      return u.argsort(0);
    }
  }

  /**
   * A copy of {@code x} with its first axis permuted.
   *
   * @param x the input array; it is not modified
   * @return the permuted copy
   */
  public NdArray permutation(NdArray x) {
    try (NdArray p = permutation(x.shape().dim(0))) {
      return x.take(p, 0);
    }
  }

  /**
   * Permutes {@code x} along its first axis, in place. Modifies x.
   *
   * @param x the array shuffled in place
   */
  public void shuffle(NdArray x) {
    try (NdArray p = permutation(x)) {
      x.set("...", p);
    }
  }

  /**
   * {@code size} elements of the 1-d {@code a}, with or without replacement.
   *
   * @param a the 1-d population
   * @param size the number of elements drawn
   * @param replace whether an element may be drawn more than once
   * @return a new 1-d array of a's dtype
   */
  public NdArray choice(NdArray a, long size, boolean replace) {
    long n = a.shape().dim(0);
    if (!replace && size > n) {
      throw new IllegalArgumentException(
          "Cannot take a larger sample than population when replace is False");
    }
    try (NdArray idx = replace ? integers(0, n, size) : permutation(n);
        NdArray pick = idx.get(Index.slice(0, size))) {
      return a.take(pick, 0);
    }
  }

  // ---- NumPy's distributions, drawn on the host from per-element Philox streams ({@link Draws}):
  // the same bits on every backend and any number of threads

  @FunctionalInterface
  private interface DoubleDraw {
    double draw(Draws d);
  }

  @FunctionalInterface
  private interface LongDraw {
    long draw(Draws d);
  }

  private static final int CHUNK = 1 << 14;

  @FunctionalInterface
  private interface Element {
    void draw(Draws d, int i);
  }

  /**
   * Runs {@code f} for elements 0..n-1, element i on its own stream (counter {@code base + i}), in
   * parallel chunks (the values do not depend on the split); advances the counter by n.
   */
  private void eachElement(int n, Element f) {
    long base = counter;
    counter += n;
    java.util.stream.IntStream.range(0, (n + CHUNK - 1) / CHUNK)
        .parallel()
        .forEach(
            c -> {
              Draws d = new Draws(key);
              for (int i = c * CHUNK, e = Math.min(n, i + CHUNK); i < e; i++) {
                f.draw(d.at(base + i), i);
              }
            });
  }

  /** Draws n values into a host array, element i from its own stream; advances the counter by n. */
  private int start(long[] shape) {
    long n = Shape.of(shape).size();
    if (n > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "this distribution is drawn on the host, at most 2147483639 values per call; asked for "
              + n);
    }
    return (int) n;
  }

  private NdArray doubles(long[] shape, DType dtype, DoubleDraw f) {
    int n = start(shape);
    double[] v = new double[n];
    eachElement(n, (d, i) -> v[i] = f.draw(d));
    try (NdArray flat = backend.array(v)) {
      if (dtype == DType.FLOAT64) {
        return flat.reshape(shape);
      }
      try (NdArray cast = flat.astype(dtype)) {
        return cast.reshape(shape);
      }
    }
  }

  private NdArray longs(long[] shape, LongDraw f) {
    int n = start(shape);
    long[] v = new long[n];
    eachElement(n, (d, i) -> v[i] = f.draw(d));
    try (NdArray flat = backend.array(v)) {
      return flat.reshape(shape);
    }
  }

  /** NumPy's ValueError, in its words, when {@code ok} is false. */
  private static void require(boolean ok, String numpyMessage) {
    if (!ok) {
      throw new IllegalArgumentException(numpyMessage);
    }
  }

  private static DType floatType(DType dtype) {
    if (dtype != DType.FLOAT64 && dtype != DType.FLOAT32) {
      throw new IllegalArgumentException(
          "Unsupported dtype dtype('" + dtype + "') for this distribution: float32 or float64");
    }
    return dtype;
  }

  /**
   * NumPy's {@code standard_normal(size)}: the values {@code normal(0, 1)} shifts and scales.
   *
   * @param shape the output shape
   * @return a new float64 array of {@code shape}
   */
  public NdArray standardNormal(long... shape) {
    return gaussian(DType.FLOAT64, shape);
  }

  /**
   * {@code standard_normal(size, dtype)}: float64, or float32 (a value from each 32-bit word, four
   * a Philox block: {@link io.ndj.spi.Gaussian#normal32}).
   *
   * @param dtype float64 or float32
   * @param shape the output shape
   * @return an array of {@code dtype} and {@code shape}
   */
  public NdArray standardNormal(DType dtype, long... shape) {
    return gaussian(floatType(dtype), shape);
  }

  /**
   * NumPy's {@code standard_exponential(size)}: {@code -log(U)}.
   *
   * @param shape the output shape
   * @return a new float64 array of {@code shape}
   */
  public NdArray standardExponential(long... shape) {
    return standardExponential(DType.FLOAT64, shape);
  }

  /**
   * {@code standard_exponential(size, dtype)}.
   *
   * @param dtype float64 or float32
   * @param shape the output shape
   * @return an array of {@code dtype} and {@code shape}
   */
  public NdArray standardExponential(DType dtype, long... shape) {
    return doubles(shape, floatType(dtype), Draws::exponential);
  }

  /**
   * NumPy's {@code exponential(scale, size)}.
   *
   * @param scale the scale, non-negative
   * @param shape the output shape
   * @return a float64 array of {@code shape}
   */
  public NdArray exponential(double scale, long... shape) {
    require(!(scale < 0), "scale < 0");
    return doubles(shape, DType.FLOAT64, d -> scale * d.exponential());
  }

  /**
   * NumPy's {@code standard_gamma(shape, size)} (Marsaglia and Tsang).
   *
   * @param k the shape of the gamma distribution, non-negative
   * @param shape the output shape
   * @return a float64 array of {@code shape}
   */
  public NdArray standardGamma(double k, long... shape) {
    return standardGamma(k, DType.FLOAT64, shape);
  }

  /**
   * {@code standard_gamma(shape, size, dtype)}.
   *
   * @param k the shape of the gamma distribution, non-negative
   * @param dtype float64 or float32
   * @param shape the output shape
   * @return an array of {@code dtype} and {@code shape}
   */
  public NdArray standardGamma(double k, DType dtype, long... shape) {
    require(!(k < 0), "shape < 0");
    return doubles(shape, floatType(dtype), d -> d.gamma(k));
  }

  /**
   * NumPy's {@code gamma(shape, scale, size)}.
   *
   * @param k the shape of the gamma distribution, non-negative
   * @param scale the scale, non-negative
   * @param shape the output shape
   * @return a float64 array of {@code shape}
   */
  public NdArray gamma(double k, double scale, long... shape) {
    require(!(k < 0), "shape < 0");
    require(!(scale < 0), "scale < 0");
    return doubles(shape, DType.FLOAT64, d -> scale * d.gamma(k));
  }

  /**
   * NumPy's {@code beta(a, b, size)}.
   *
   * @param a the first shape parameter, positive
   * @param b the second shape parameter, positive
   * @param shape the output shape
   * @return a float64 array of {@code shape}
   */
  public NdArray beta(double a, double b, long... shape) {
    require(!(a <= 0), "a <= 0");
    require(!(b <= 0), "b <= 0");
    return doubles(shape, DType.FLOAT64, d -> d.beta(a, b));
  }

  /**
   * NumPy's {@code chisquare(df, size)}: {@code 2 * standard_gamma(df / 2)}.
   *
   * @param df the degrees of freedom, positive
   * @param shape the output shape
   * @return a float64 array of {@code shape}
   */
  public NdArray chisquare(double df, long... shape) {
    require(!(df <= 0), "df <= 0");
    return doubles(shape, DType.FLOAT64, d -> 2 * d.gamma(df / 2));
  }

  /**
   * NumPy's {@code f(dfnum, dfden, size)}: a ratio of scaled chi-squares.
   *
   * @param dfnum the numerator's degrees of freedom, positive
   * @param dfden the denominator's degrees of freedom, positive
   * @param shape the output shape
   * @return a float64 array of {@code shape}
   */
  public NdArray f(double dfnum, double dfden, long... shape) {
    require(!(dfnum <= 0), "dfnum <= 0");
    require(!(dfden <= 0), "dfden <= 0");
    return doubles(shape, DType.FLOAT64, d -> f(d, dfnum, dfden));
  }

  /**
   * NumPy's {@code standard_t(df, size)}: {@code N / sqrt(chisquare(df) / df)}.
   *
   * @param df the degrees of freedom, positive
   * @param shape the output shape
   * @return a float64 array of {@code shape}
   */
  public NdArray standardT(double df, long... shape) {
    require(!(df <= 0), "df <= 0");
    return doubles(shape, DType.FLOAT64, d -> standardT(d, df));
  }

  /**
   * NumPy's {@code gumbel(loc, scale, size)}.
   *
   * @param loc the location (the mode)
   * @param scale the scale, non-negative
   * @param shape the output shape
   * @return a float64 array of {@code shape}
   */
  public NdArray gumbel(double loc, double scale, long... shape) {
    require(!(scale < 0), "scale < 0");
    return doubles(shape, DType.FLOAT64, d -> gumbel(d, loc, scale));
  }

  /**
   * NumPy's {@code laplace(loc, scale, size)}.
   *
   * @param loc the location (the mode)
   * @param scale the scale, non-negative
   * @param shape the output shape
   * @return a float64 array of {@code shape}
   */
  public NdArray laplace(double loc, double scale, long... shape) {
    require(!(scale < 0), "scale < 0");
    return doubles(shape, DType.FLOAT64, d -> laplace(d, loc, scale));
  }

  /**
   * NumPy's {@code logistic(loc, scale, size)}.
   *
   * @param loc the location (the mode)
   * @param scale the scale, non-negative
   * @param shape the output shape
   * @return a float64 array of {@code shape}
   */
  public NdArray logistic(double loc, double scale, long... shape) {
    require(!(scale < 0), "scale < 0");
    return doubles(shape, DType.FLOAT64, d -> logistic(d, loc, scale));
  }

  /**
   * NumPy's {@code lognormal(mean, sigma, size)}.
   *
   * @param mean the mean of the underlying normal distribution
   * @param sigma the standard deviation of the underlying normal distribution, non-negative
   * @param shape the output shape
   * @return a float64 array of {@code shape}
   */
  public NdArray lognormal(double mean, double sigma, long... shape) {
    require(!(sigma < 0), "sigma < 0");
    return doubles(shape, DType.FLOAT64, d -> StrictMath.exp(mean + sigma * d.normal()));
  }

  /**
   * NumPy's {@code rayleigh(scale, size)}.
   *
   * @param scale the scale, non-negative
   * @param shape the output shape
   * @return a float64 array of {@code shape}
   */
  public NdArray rayleigh(double scale, long... shape) {
    require(!(scale < 0), "scale < 0");
    return doubles(shape, DType.FLOAT64, d -> rayleigh(d, scale));
  }

  /**
   * NumPy's {@code standard_cauchy(size)}: a ratio of normals.
   *
   * @param shape the output shape
   * @return a float64 array of {@code shape}
   */
  public NdArray standardCauchy(long... shape) {
    return doubles(shape, DType.FLOAT64, d -> d.normal() / d.normal());
  }

  /**
   * NumPy's {@code pareto(a, size)}: the Pareto II (Lomax) form, {@code expm1(E / a)}.
   *
   * @param a the shape, positive
   * @param shape the output shape
   * @return a float64 array of {@code shape}
   */
  public NdArray pareto(double a, long... shape) {
    require(!(a <= 0), "a <= 0");
    return doubles(shape, DType.FLOAT64, d -> pareto(d, a));
  }

  /**
   * NumPy's {@code weibull(a, size)}: {@code E^(1/a)}.
   *
   * @param a the shape, positive
   * @param shape the output shape
   * @return a float64 array of {@code shape}
   */
  public NdArray weibull(double a, long... shape) {
    require(!(a < 0), "a < 0");
    return doubles(shape, DType.FLOAT64, d -> weibull(d, a));
  }

  /**
   * NumPy's {@code power(a, size)}: {@code U^(1/a)} on [0, 1].
   *
   * @param a the shape, positive
   * @param shape the output shape
   * @return a float64 array of {@code shape}
   */
  public NdArray power(double a, long... shape) {
    require(!(a <= 0), "a <= 0");
    return doubles(shape, DType.FLOAT64, d -> power(d, a));
  }

  /**
   * NumPy's {@code triangular(left, mode, right, size)}.
   *
   * @param left the lower limit
   * @param mode the peak, between the limits
   * @param right the upper limit, above the lower one
   * @param shape the output shape
   * @return a float64 array of {@code shape}
   */
  public NdArray triangular(double left, double mode, double right, long... shape) {
    require(!(left > mode), "left > mode");
    require(!(mode > right), "mode > right");
    require(!(left == right), "left == right");
    return doubles(shape, DType.FLOAT64, d -> triangular(d, left, mode, right));
  }

  /**
   * NumPy's {@code wald(mean, scale, size)}: the inverse Gaussian (Michael, Schucany, Haas).
   *
   * @param mean the mean, positive
   * @param scale the scale, positive
   * @param shape the output shape
   * @return a float64 array of {@code shape}
   */
  public NdArray wald(double mean, double scale, long... shape) {
    require(!(mean <= 0), "mean <= 0");
    require(!(scale <= 0), "scale <= 0");
    return doubles(shape, DType.FLOAT64, d -> wald(d, mean, scale));
  }

  /**
   * NumPy's {@code vonmises(mu, kappa, size)} (Best and Fisher), in [-pi, pi].
   *
   * @param mu the mode, the centre of the distribution
   * @param kappa the concentration, non-negative
   * @param shape the output shape
   * @return a float64 array of {@code shape}
   */
  public NdArray vonmises(double mu, double kappa, long... shape) {
    require(!(kappa < 0), "kappa < 0");
    return doubles(shape, DType.FLOAT64, d -> vonmises(d, mu, kappa));
  }

  private static double vonmises(Draws d, double mu, double kappa) {
    if (kappa < 1e-8) {
      return Math.PI * (2 * d.uniform() - 1);
    }
    double s;
    if (kappa < 1e-5) {
      s = 1 / kappa + kappa;
    } else if (kappa <= 1e6) {
      double r = 1 + StrictMath.sqrt(1 + 4 * kappa * kappa);
      double rho = (r - StrictMath.sqrt(2 * r)) / (2 * kappa);
      s = (1 + rho * rho) / (2 * rho);
    } else {
      return wrap(mu + StrictMath.sqrt(1 / kappa) * d.normal());
    }
    double w;
    while (true) {
      double z = StrictMath.cos(Math.PI * d.uniform());
      w = (1 + s * z) / (s + z);
      double y = kappa * (s - w);
      double v = d.open();
      if (y * (2 - y) - v >= 0 || StrictMath.log(y / v) + 1 - y >= 0) {
        break;
      }
    }
    double result = StrictMath.acos(w);
    if (d.uniform() < 0.5) {
      result = -result;
    }
    return wrap(result + mu);
  }

  /** An angle into [-pi, pi], as NumPy folds vonmises' result. */
  private static double wrap(double x) {
    double mod = (Math.abs(x) + Math.PI) % (2 * Math.PI) - Math.PI;
    return x < 0 ? -mod : mod;
  }

  /**
   * NumPy's {@code geometric(p, size)}: trials to the first success, from 1.
   *
   * @param p the probability of success of each trial, in (0, 1]
   * @param shape the output shape
   * @return an int64 array of {@code shape}
   */
  public NdArray geometric(double p, long... shape) {
    require(p > 0 && p <= 1, "p <= 0, p > 1 or p contains NaNs");
    return longs(shape, d -> geometric(d, p));
  }

  /** NumPy's limit on poisson's lam: int64's largest less ten of its square roots. */
  private static final double POISSON_LAM_MAX = Long.MAX_VALUE - Math.sqrt(Long.MAX_VALUE) * 10;

  /**
   * NumPy's {@code poisson(lam, size)} (PTRS for lam of 10 or more).
   *
   * @param lam the expected number of events, non-negative
   * @param shape the output shape
   * @return an int64 array of {@code shape}
   */
  public NdArray poisson(double lam, long... shape) {
    require(lam >= 0, "lam < 0 or lam is NaN");
    require(!(lam > POISSON_LAM_MAX), "lam value too large");
    Poisson law = new Poisson(lam);
    NdArray drawn = kernelDraws(DType.INT64, shape, (k, out) -> k.poisson(out, key, counter, law));
    return drawn != null ? drawn : longs(shape, d -> d.poisson(law));
  }

  /**
   * NumPy's {@code binomial(n, p, size)}.
   *
   * @param n the number of trials, non-negative
   * @param p the probability of success of each trial, in (0, 1]
   * @param shape the output shape
   * @return an int64 array of {@code shape}
   */
  public NdArray binomial(long n, double p, long... shape) {
    require(n >= 0, "n < 0");
    require(p >= 0 && p <= 1, "p < 0, p > 1 or p is NaN");
    NdArray drawn =
        kernelDraws(DType.INT64, shape, (k, out) -> k.binomial(out, key, counter, n, p));
    if (drawn != null) {
      return drawn;
    }
    io.ndj.spi.Binomial.Law law = new io.ndj.spi.Binomial.Law(n, p, true);
    return longs(shape, d -> d.binomial(law));
  }

  /**
   * A backend kernel's draws (one Philox counter a value, as the host's draws advance it) into a
   * new array of dtype t and {@code shape}, the counter moved past them; null, nothing kept and the
   * counter where it was, where the backend leaves the draws to the host.
   */
  private NdArray kernelDraws(
      DType t, long[] shape, java.util.function.BiPredicate<Kernel, NdArray> kernel) {
    long n = Shape.of(shape).size();
    NdArray out = NdArray.allocate(backend, t, new long[] {n});
    if (!kernel.test(new Kernel(backend), out)) {
      out.close();
      return null;
    }
    counter += n;
    try (out) {
      return out.reshape(shape);
    }
  }

  /**
   * NumPy's {@code negative_binomial(n, p, size)}: a Poisson of a gamma.
   *
   * @param n the number of successes, positive
   * @param p the probability of success of each trial, in (0, 1]
   * @param shape the output shape
   * @return an int64 array of {@code shape}
   */
  public NdArray negativeBinomial(double n, double p, long... shape) {
    require(n > 0, "n <= 0");
    require(p > 0 && p <= 1, "p <= 0, p > 1 or p contains NaNs");
    return longs(shape, d -> negativeBinomial(d, n, p));
  }

  /**
   * NumPy's {@code hypergeometric(ngood, nbad, nsample, size)}: draws from an urn.
   *
   * @param ngood the number of good items in the urn
   * @param nbad the number of bad items in the urn
   * @param nsample the number of items drawn, at most ngood + nbad
   * @param shape the output shape
   * @return an int64 array of {@code shape}
   */
  public NdArray hypergeometric(long ngood, long nbad, long nsample, long... shape) {
    require(nsample >= 0, "nsample < 0");
    require(ngood >= 0, "ngood < 0");
    require(nbad >= 0, "nbad < 0");
    require(ngood + nbad >= nsample, "ngood + nbad < nsample");
    return longs(shape, d -> hypergeometric(d, ngood, nbad, nsample));
  }

  /**
   * NumPy's {@code zipf(a, size)} (rejection, as NumPy's).
   *
   * @param a the distribution parameter, above 1
   * @param shape the output shape
   * @return an int64 array of {@code shape}
   */
  public NdArray zipf(double a, long... shape) {
    require(a > 1, "a <= 1 or a is NaN");
    return longs(shape, d -> zipf(d, a));
  }

  /**
   * NumPy's {@code dirichlet(alpha, size)}: shape + (len(alpha),), normalised gammas.
   *
   * @param alpha the concentration parameters, each positive
   * @param shape the output shape
   * @return a new float64 array of shape + (len(alpha),)
   */
  public NdArray dirichlet(double[] alpha, long... shape) {
    for (double a : alpha) {
      require(!(a < 0), "alpha < 0");
    }
    int k = alpha.length;
    try (NdArray each =
        doublesRows(
            shape.clone(),
            k,
            (d, out) -> {
              double sum = 0;
              for (int j = 0; j < k; j++) {
                out[j] = d.gamma(alpha[j]);
                sum += out[j];
              }
              for (int j = 0; j < k; j++) {
                out[j] /= sum;
              }
            })) {
      return each.reshape(rowsShape(shape, k));
    }
  }

  @FunctionalInterface
  private interface RowDraw {
    void draw(Draws d, double[] out);
  }

  /** Rows of k values, one stream per row. */
  private NdArray doublesRows(long[] shape, int k, RowDraw f) {
    int n = start(shape);
    if ((long) n * k > Integer.MAX_VALUE - 8) {
      start(new long[] {(long) n * k});
    }
    double[] v = new double[n * k];
    eachElement(
        n,
        (d, i) -> {
          double[] out = new double[k];
          f.draw(d, out);
          System.arraycopy(out, 0, v, i * k, k);
        });
    return backend.array(v);
  }

  /**
   * NumPy's {@code multinomial(n, pvals, size)}: shape + (len(pvals),) int64 counts.
   *
   * @param n the number of trials
   * @param pvals the probability of each outcome, summing to at most 1 (the last takes what is
   *     left)
   * @param shape the output shape
   * @return a new int64 array of shape + (len(pvals),)
   */
  public NdArray multinomial(long n, double[] pvals, long... shape) {
    double head = 0;
    for (int j = 0; j < pvals.length; j++) {
      require(pvals[j] >= 0 && pvals[j] <= 1, "pvals < 0, pvals > 1 or pvals contains NaNs");
      if (j < pvals.length - 1) {
        head += pvals[j];
      }
    }
    require(!(head > 1.0 + 1e-12), "sum(pvals[:-1]) > 1.0");
    int k = pvals.length;
    try (NdArray counts =
            doublesRows(
                shape.clone(),
                k,
                (d, out) -> {
                  long left = n;
                  double rest = 1;
                  for (int j = 0; j < k - 1; j++) {
                    long x =
                        left > 0 && rest > 0 ? d.binomial(left, Math.min(1, pvals[j] / rest)) : 0;
                    out[j] = x;
                    left -= x;
                    rest -= pvals[j];
                  }
                  out[k - 1] = left;
                });
        NdArray asLong = counts.astype(DType.INT64)) {
      return asLong.reshape(rowsShape(shape, k));
    }
  }

  /**
   * NumPy's {@code multivariate_hypergeometric(colors, nsample, size)} by its default method
   * ("marginals"): shape + (len(colors),) int64 counts of each color among nsample items drawn
   * without replacement from an urn of colors[j] items of color j; each color's count is a
   * hypergeometric draw among the colors not yet counted, and where nsample is more than half the
   * urn the complement is drawn instead (as NumPy). Counts are exact up to 2^53.
   *
   * @param colors how many items of each color, non-negative
   * @param nsample how many items are drawn, 0 to sum(colors)
   * @param shape the output shape
   * @return a new int64 array of shape + (len(colors),)
   * @throws IllegalArgumentException NumPy's messages: "colors must be a one-dimensional sequence
   *     of nonnegative integers not exceeding 9223372036854775807.", "nsample must be
   *     nonnegative.", "nsample > sum(colors)", "sum(colors) must not exceed the maximum value of a
   *     64 bit signed integer (9223372036854775807)"
   */
  public NdArray multivariateHypergeometric(long[] colors, long nsample, long... shape) {
    long total = 0;
    for (long c : colors) {
      require(
          c >= 0,
          "colors must be a one-dimensional sequence of nonnegative integers not exceeding"
              + " 9223372036854775807.");
      require(
          total + c >= total,
          "sum(colors) must not exceed the maximum value of a 64 bit signed integer"
              + " (9223372036854775807)");
      total += c;
    }
    require(nsample >= 0, "nsample must be nonnegative.");
    require(nsample <= total, "nsample > sum(colors)");
    int k = colors.length;
    long all = total;
    boolean complement = nsample > all / 2; // NumPy's more_than_half
    long draw = complement ? all - nsample : nsample;
    try (NdArray counts =
            doublesRows(
                shape.clone(),
                k,
                (d, out) -> {
                  long left = draw;
                  long rest = all;
                  for (int j = 0; j + 1 < k && left > 0; j++) {
                    rest -= colors[j];
                    long x = hypergeometric(d, colors[j], rest, left);
                    out[j] = x;
                    left -= x;
                  }
                  if (left > 0) {
                    out[k - 1] = left;
                  }
                  if (complement) {
                    for (int j = 0; j < k; j++) {
                      out[j] = colors[j] - out[j];
                    }
                  }
                });
        NdArray asLong = counts.astype(DType.INT64)) {
      return asLong.reshape(rowsShape(shape, k));
    }
  }

  /**
   * NumPy's {@code multivariate_normal(mean, cov, size)}: shape + (len(mean),), {@code mean + z
   * A^T} with {@code A A^T = cov} from cov's eigendecomposition (NumPy uses its SVD; the law is the
   * same for a symmetric positive semi-definite cov).
   *
   * @param mean the mean vector
   * @param cov the covariance matrix, symmetric positive semi-definite, of len(mean) rows and
   *     columns
   * @param shape the output shape
   * @return a new float64 array of shape + (len(mean),)
   */
  public NdArray multivariateNormal(double[] mean, double[][] cov, long... shape) {
    int k = mean.length;
    require(
        cov.length > 0 && java.util.Arrays.stream(cov).allMatch(r -> r.length == cov.length),
        "cov must be 2 dimensional and square");
    require(cov.length == k, "mean and cov must have same length");
    double[][] a = factor(cov);
    try (NdArray rows =
        doublesRows(
            shape.clone(),
            k,
            (d, out) -> {
              double[] z = new double[k];
              for (int j = 0; j < k; j++) {
                z[j] = d.normal();
              }
              for (int i = 0; i < k; i++) {
                double s = mean[i];
                for (int j = 0; j < k; j++) {
                  s += a[i][j] * z[j];
                }
                out[i] = s;
              }
            })) {
      return rows.reshape(rowsShape(shape, k));
    }
  }

  private static long[] rowsShape(long[] shape, int k) {
    long[] full = java.util.Arrays.copyOf(shape, shape.length + 1);
    full[shape.length] = k;
    return full;
  }

  /** A with A A^T = cov: V sqrt(max(w, 0)) from cov's eigendecomposition, on the cpu. */
  private static double[][] factor(double[][] cov) {
    int k = cov.length;
    Backend cpu = Nd.backend("cpu");
    try (Scope scope = Nd.scope();
        NdArray c = cpu.array(cov)) {
      io.ndj.linalg.Linalg.EighResult e = io.ndj.linalg.Linalg.eigh(c);
      double[] w = e.eigenvalues().toDoubleArray();
      double[] v = e.eigenvectors().toDoubleArray();
      double[][] a = new double[k][k];
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          a[i][j] = v[i * k + j] * Math.sqrt(Math.max(w[j], 0));
        }
      }
      return a;
    }
  }

  /**
   * NumPy's {@code bytes(length)}: random bytes, eight from each 64-bit draw, little-endian.
   *
   * @param length the number of bytes
   * @return the bytes
   */
  public byte[] bytes(int length) {
    require(length >= 0, "negative dimensions are not allowed");
    byte[] out = new byte[length];
    long base = counter;
    long words = (length + 7L) / 8;
    counter += words;
    for (long w = 0; w < words; w++) {
      long bits = Philox.bits(key, base + w);
      for (int b = 0; b < 8 && w * 8 + b < length; b++) {
        out[(int) (w * 8 + b)] = (byte) (bits >>> (8 * b));
      }
    }
    return out;
  }

  /**
   * NumPy's {@code permuted(x, axis)}: a copy of x whose every 1-d slice along {@code axis} is
   * shuffled independently (x itself unchanged).
   *
   * @param x the input array; it is not modified
   * @param axis the axis whose slices are shuffled, a negative axis counting from the last
   * @return the permuted copy
   */
  public NdArray permuted(NdArray x, int axis) {
    int ax = Axes.normalize(axis, x.ndim());
    try (Scope scope = Nd.scope()) {
      NdArray moved = x.moveaxis(ax, x.ndim() - 1);
      NdArray keys = random(moved.shape().dims());
      NdArray order = keys.argsort(-1);
      NdArray out = Nd.takeAlongAxis(moved, order).moveaxis(x.ndim() - 1, ax).copy();
      return scope.keep(out);
    }
  }

  /**
   * NumPy's {@code choice(a, size, replace, p)}: {@code size} elements of the 1-d {@code a},
   * element i with probability {@code p[i]}; without replacement, each next pick among those left
   * in proportion to p (successive sampling, by the Gumbel-top-k rule).
   *
   * @param a the 1-d population
   * @param size the number of elements drawn
   * @param replace whether an element may be drawn more than once
   * @param p the probability of each element, summing to 1
   * @return a new 1-d array of a's dtype
   */
  public NdArray choice(NdArray a, long size, boolean replace, double[] p) {
    long n = a.shape().dim(0);
    require(n > 0 || size == 0, "a cannot be empty unless no samples are taken");
    require(p.length == n, "a and p must have same size");
    double sum = 0;
    for (double q : p) {
      require(q >= 0, "Probabilities are not non-negative");
      sum += q;
    }
    require(
        Math.abs(sum - 1) <= Math.sqrt(Math.ulp(1.0)),
        "Probabilities do not sum to 1. See Notes section of docstring for more information.");
    long nonzero = java.util.Arrays.stream(p).filter(q -> q > 0).count();
    require(
        replace || size <= n, "Cannot take a larger sample than population when replace is False");
    require(replace || size <= nonzero, "Fewer non-zero entries in p than size");
    double[] cdf = new double[p.length];
    double acc = 0;
    for (int i = 0; i < p.length; i++) {
      acc += p[i];
      cdf[i] = acc / sum;
    }
    NdArray idx;
    if (replace) {
      idx =
          longs(
              new long[] {size},
              d -> {
                double u = d.uniform();
                int lo = java.util.Arrays.binarySearch(cdf, u);
                int at = lo >= 0 ? lo + 1 : -lo - 1;
                while (at < p.length - 1 && p[at] == 0) {
                  at++;
                }
                return Math.min(at, p.length - 1);
              });
    } else {
      int m = (int) n;
      long base = counter;
      counter += m;
      Draws d = new Draws(key);
      Integer[] order = new Integer[m];
      double[] keys = new double[m];
      for (int i = 0; i < m; i++) {
        order[i] = i;
        // Gumbel-top-k: log p_i plus a Gumbel draw; the largest size keys are the sample
        keys[i] = StrictMath.log(p[i]) - StrictMath.log(d.at(base + i).exponential());
      }
      java.util.Arrays.sort(order, (x, y) -> Double.compare(keys[y], keys[x]));
      long[] pick = new long[(int) size];
      for (int i = 0; i < size; i++) {
        pick[i] = order[i];
      }
      idx = backend.array(pick);
    }
    try (idx) {
      return a.take(idx, 0);
    }
  }

  // ---- array parameters, broadcast as NumPy broadcasts them

  @FunctionalInterface
  private interface ParamDraw {
    double draw(Draws d, double[] p);
  }

  /**
   * The output shape for parameters of these shapes: their broadcast shape when {@code size} is
   * empty (NumPy's size=None), else size, which they must broadcast to.
   */
  private static long[] outShape(long[] size, NdArray... params) {
    java.util.List<long[]> shapes = new java.util.ArrayList<>();
    if (size.length > 0) {
      shapes.add(size);
    }
    for (NdArray p : params) {
      shapes.add(p.shape().dims());
    }
    int nd = 0;
    for (long[] sh : shapes) {
      nd = Math.max(nd, sh.length);
    }
    long[] out = new long[nd];
    int[] from = new int[nd];
    java.util.Arrays.fill(out, 1);
    java.util.Arrays.fill(from, -1);
    for (int a = 0; a < shapes.size(); a++) {
      long[] sh = shapes.get(a);
      for (int i = 0; i < sh.length; i++) {
        int o = nd - sh.length + i;
        if (sh[i] == 1 || sh[i] == out[o]) {
          continue;
        }
        if (out[o] != 1) {
          throw new IllegalArgumentException(
              "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between"
                  + " arg "
                  + from[o]
                  + " with shape "
                  + Shape.format(shapes.get(from[o]), ", ")
                  + " and arg "
                  + a
                  + " with shape "
                  + Shape.format(sh, ", ")
                  + ".");
        }
        out[o] = sh[i];
        from[o] = a;
      }
    }
    if (size.length > 0 && !java.util.Arrays.equals(out, size)) {
      throw new IllegalArgumentException(
          "size "
              + Shape.format(size, ", ")
              + " is not a shape the parameters broadcast to (they make "
              + Shape.format(out, ", ")
              + ")");
    }
    return out;
  }

  /**
   * The parameters' values broadcast to {@code shape}, read to the host, one row per parameter (a
   * single value where the parameter has one).
   */
  private static double[][] values(long[] shape, NdArray... params) {
    double[][] v = new double[params.length][];
    for (int i = 0; i < params.length; i++) {
      requireReal(params[i]);
      if (params[i].size() == 1) {
        v[i] = params[i].toDoubleArray(); // one value for every element
        continue;
      }
      try (NdArray b = params[i].broadcastTo(shape)) {
        v[i] = b.toDoubleArray();
      }
    }
    return v;
  }

  /**
   * Whether NumPy checks these parameters as arrays (one of at least one dimension) rather than as
   * scalars (0-d arrays too): its messages then say "contains NaNs", and poisson checks its limit
   * first.
   */
  private static boolean arrayForm(NdArray... params) {
    for (NdArray x : params) {
      if (x.ndim() > 0) {
        return true;
      }
    }
    return false;
  }

  /** How NumPy's message names a NaN among these parameters. */
  private static String nan(NdArray... params) {
    return arrayForm(params) ? "contains NaNs" : "is NaN";
  }

  /** NumPy's message for a complex distribution parameter. */
  private static void requireReal(NdArray param) {
    if (param.dtype().isComplex()) {
      throw new IllegalArgumentException(
          "Cannot cast array data from dtype('"
              + param.dtype()
              + "') to dtype('float64')"
              + " according to the rule 'safe'");
    }
  }

  private static double at(double[] v, int i) {
    return v.length == 1 ? v[0] : v[i];
  }

  /** NumPy's check of an array parameter: the message if any element fails (NaN passes). */
  private static void requireAll(
      double[] v, java.util.function.DoublePredicate ok, String message) {
    for (double x : v) {
      if (!ok.test(x)) {
        throw new IllegalArgumentException(message);
      }
    }
  }

  @FunctionalInterface
  private interface IndexedDraw {
    double draw(Draws d, int i);
  }

  /** As {@link #doubles}, the draw told its element's flat index. */
  private NdArray indexed(long[] shape, IndexedDraw f) {
    int n = start(shape);
    double[] v = new double[n];
    eachElement(n, (d, i) -> v[i] = f.draw(d, i));
    try (NdArray flat = backend.array(v)) {
      return flat.reshape(shape);
    }
  }

  /** Draws with per-element parameters: element i gets {@code p[k][i]} for each parameter k. */
  private NdArray withParams(long[] shape, double[][] p, ParamDraw f) {
    return indexed(
        shape,
        (d, i) -> {
          double[] row = new double[p.length];
          for (int k = 0; k < p.length; k++) {
            row[k] = p[k].length == 1 ? p[k][0] : p[k][i];
          }
          return f.draw(d, row);
        });
  }

  /**
   * NumPy's {@code exponential(scale, size)} with an array of scales, broadcast with size as NumPy
   * does (an empty size is NumPy's None: the scales' shape).
   *
   * @param scale the scale, non-negative
   * @param size the output shape, or none for the parameters' broadcast shape (NumPy's None)
   * @return a float64 array of {@code size}, or of the parameters' broadcast shape
   */
  public NdArray exponential(NdArray scale, long... size) {
    long[] shape = outShape(size, scale);
    double[][] p = values(shape, scale);
    requireAll(p[0], x -> !(x < 0), "scale < 0");
    return withParams(shape, p, (d, q) -> q[0] * d.exponential());
  }

  /**
   * NumPy's {@code gamma(shape, scale, size)} with array parameters, broadcast.
   *
   * @param k the shape of the gamma distribution, non-negative
   * @param scale the scale, non-negative
   * @param size the output shape, or none for the parameters' broadcast shape (NumPy's None)
   * @return a float64 array of {@code size}, or of the parameters' broadcast shape
   */
  public NdArray gamma(NdArray k, NdArray scale, long... size) {
    long[] shape = outShape(size, k, scale);
    double[][] p = values(shape, k, scale);
    requireAll(p[0], x -> !(x < 0), "shape < 0");
    requireAll(p[1], x -> !(x < 0), "scale < 0");
    return withParams(shape, p, (d, q) -> q[1] * d.gamma(q[0]));
  }

  /**
   * NumPy's {@code beta(a, b, size)} with array parameters, broadcast.
   *
   * @param a the first shape parameter, positive
   * @param b the second shape parameter, positive
   * @param size the output shape, or none for the parameters' broadcast shape (NumPy's None)
   * @return a float64 array of {@code size}, or of the parameters' broadcast shape
   */
  public NdArray beta(NdArray a, NdArray b, long... size) {
    long[] shape = outShape(size, a, b);
    double[][] p = values(shape, a, b);
    requireAll(p[0], x -> !(x <= 0), "a <= 0");
    requireAll(p[1], x -> !(x <= 0), "b <= 0");
    return withParams(shape, p, (d, q) -> d.beta(q[0], q[1]));
  }

  /**
   * NumPy's {@code chisquare(df, size)} with an array of degrees of freedom, broadcast.
   *
   * @param df the degrees of freedom, positive
   * @param size the output shape, or none for the parameters' broadcast shape (NumPy's None)
   * @return a float64 array of {@code size}, or of the parameters' broadcast shape
   */
  public NdArray chisquare(NdArray df, long... size) {
    long[] shape = outShape(size, df);
    double[][] p = values(shape, df);
    requireAll(p[0], x -> !(x <= 0), "df <= 0");
    return withParams(shape, p, (d, q) -> 2 * d.gamma(q[0] / 2));
  }

  /**
   * NumPy's {@code lognormal(mean, sigma, size)} with array parameters, broadcast.
   *
   * @param mean the mean of the underlying normal distribution
   * @param sigma the standard deviation of the underlying normal distribution, non-negative
   * @param size the output shape, or none for the parameters' broadcast shape (NumPy's None)
   * @return a float64 array of {@code size}, or of the parameters' broadcast shape
   */
  public NdArray lognormal(NdArray mean, NdArray sigma, long... size) {
    long[] shape = outShape(size, mean, sigma);
    double[][] p = values(shape, mean, sigma);
    requireAll(p[1], x -> !(x < 0), "sigma < 0");
    return withParams(shape, p, (d, q) -> StrictMath.exp(q[0] + q[1] * d.normal()));
  }

  /**
   * NumPy's {@code normal(loc, scale, size)} with array parameters, broadcast: {@code loc + scale *
   * z} with z from {@link #normal(double, double, long...)}'s stream, on the backend.
   *
   * @param loc the location (the mode of the distribution)
   * @param scale the scale, non-negative
   * @param size the output shape, or none for the parameters' broadcast shape (NumPy's None)
   * @return a float64 array of {@code size}, or of the parameters' broadcast shape
   */
  public NdArray normal(NdArray loc, NdArray scale, long... size) {
    long[] shape = outShape(size, loc, scale);
    try (NdArray neg = scale.lt(0.0);
        NdArray any = neg.any()) {
      require(!any.booleanValue(), "scale < 0");
    }
    try (Scope scope = Nd.scope()) {
      NdArray z = normal(0, 1, shape);
      return scope.keep(z.multiply(scale).add(loc).reshape(shape));
    }
  }

  /**
   * NumPy's {@code uniform(low, high, size)} with array bounds, broadcast: {@code low + (high -
   * low) * u}.
   *
   * @param low the lower bound (included)
   * @param high the upper bound (excluded)
   * @param size the output shape, or none for the parameters' broadcast shape (NumPy's None)
   * @return a float64 array of {@code size}, or of the parameters' broadcast shape
   */
  public NdArray uniform(NdArray low, NdArray high, long... size) {
    long[] shape = outShape(size, low, high);
    try (Scope scope = Nd.scope()) {
      NdArray u = random(shape);
      return scope.keep(u.multiply(high.subtract(low)).add(low).reshape(shape));
    }
  }

  /**
   * NumPy's {@code poisson(lam, size)} with an array of rates, broadcast; int64.
   *
   * @param lam the expected number of events, non-negative
   * @param size the output shape, or none for the parameters' broadcast shape (NumPy's None)
   * @return an int64 array of {@code size}, or of the parameters' broadcast shape
   */
  public NdArray poisson(NdArray lam, long... size) {
    long[] shape = outShape(size, lam);
    long n = Shape.of(shape).size();
    if (lam.size() > 1 && n > 1) {
      // a rate per element, checked where the rates live (no copy to the host and back), drawn by
      // the backend's kernel where it has one, element i as the host draws it
      requireReal(lam);
      try (Scope scope = Nd.scope()) {
        NdArray rates = lam.astype(DType.FLOAT64).broadcastTo(shape).ravel();
        // NumPy's array checks, in its order: NaN is "too large"
        if (!rates.le(POISSON_LAM_MAX).all().booleanValue()) {
          throw new IllegalArgumentException("lam value too large");
        }
        if (rates.lt(0).any().booleanValue()) {
          throw new IllegalArgumentException("lam < 0 or lam contains NaNs");
        }
        NdArray out = NdArray.allocate(backend, DType.INT64, new long[] {n});
        if (new Kernel(backend).poissonRates(out, rates, key, counter)) {
          counter += n; // as the host's draws advance it
          return scope.keep(out.reshape(shape));
        }
        double[][] p = {rates.toDoubleArray()};
        try (NdArray f = withParams(shape, p, (d, q) -> d.poisson(q[0]))) {
          return scope.keep(f.astype(DType.INT64));
        }
      }
    }
    double[][] p = values(shape, lam);
    if (arrayForm(lam)) {
      requireAll(p[0], x -> x <= POISSON_LAM_MAX, "lam value too large");
      requireAll(p[0], x -> x >= 0, "lam < 0 or lam contains NaNs");
    } else {
      requireAll(p[0], x -> x >= 0, "lam < 0 or lam is NaN");
      requireAll(p[0], x -> x <= POISSON_LAM_MAX, "lam value too large");
    }
    try (NdArray f = withParams(shape, p, (d, q) -> d.poisson(q[0]))) {
      return f.astype(DType.INT64);
    }
  }

  /**
   * NumPy's {@code binomial(n, p, size)} with array parameters, broadcast; int64.
   *
   * @param n the number of trials, non-negative
   * @param prob the probability of success of each trial
   * @param size the output shape, or none for the parameters' broadcast shape (NumPy's None)
   * @return an int64 array of {@code size}, or of the parameters' broadcast shape
   */
  public NdArray binomial(NdArray n, NdArray prob, long... size) {
    long[] shape = outShape(size, n, prob);
    double[][] p = values(shape, n, prob);
    requireAll(p[0], x -> x >= 0, "n < 0");
    requireAll(p[1], x -> x >= 0 && x <= 1, "p < 0, p > 1 or p " + nan(n, prob));
    try (NdArray f = withParams(shape, p, (d, q) -> d.binomial((long) q[0], q[1]))) {
      return f.astype(DType.INT64);
    }
  }

  // ---- one element of each law, shared by the scalar and array forms

  private static double gumbel(Draws d, double loc, double scale) {
    return loc - scale * StrictMath.log(d.exponential());
  }

  private static double laplace(Draws d, double loc, double scale) {
    double u = d.open();
    return u >= 0.5 ? loc - scale * StrictMath.log(2 - u - u) : loc + scale * StrictMath.log(u + u);
  }

  private static double logistic(Draws d, double loc, double scale) {
    double u = d.open();
    return loc + scale * StrictMath.log(u / (1 - u));
  }

  private static double rayleigh(Draws d, double scale) {
    return scale * StrictMath.sqrt(2 * d.exponential());
  }

  private static double pareto(Draws d, double a) {
    return StrictMath.expm1(d.exponential() / a);
  }

  private static double weibull(Draws d, double a) {
    return a == 0 ? 0 : StrictMath.pow(d.exponential(), 1 / a);
  }

  private static double power(Draws d, double a) {
    return StrictMath.pow(d.open(), 1 / a);
  }

  private static double f(Draws d, double dfnum, double dfden) {
    return (2 * d.gamma(dfnum / 2) / dfnum) / (2 * d.gamma(dfden / 2) / dfden);
  }

  private static double standardT(Draws d, double df) {
    return d.normal() / StrictMath.sqrt(2 * d.gamma(df / 2) / df);
  }

  private static double triangular(Draws d, double left, double mode, double right) {
    double base = right - left;
    double u = d.uniform();
    return u <= (mode - left) / base
        ? left + StrictMath.sqrt(u * ((mode - left) * base))
        : right - StrictMath.sqrt((1 - u) * ((right - mode) * base));
  }

  private static double wald(Draws d, double mean, double scale) {
    double y = d.normal();
    y = mean * y * y;
    double x = mean + mean / (2 * scale) * (y - StrictMath.sqrt(4 * scale * y + y * y));
    return d.uniform() <= mean / (mean + x) ? x : mean * mean / x;
  }

  private static long geometric(Draws d, double p) {
    return p == 1
        ? 1
        : (long) Math.max(1, Math.ceil(StrictMath.log(d.open()) / StrictMath.log1p(-p)));
  }

  private static long negativeBinomial(Draws d, double n, double p) {
    return p == 1 ? 0 : d.poisson(d.gamma(n) * (1 - p) / p);
  }

  /** Draws from an urn; the complement (total - nsample) where that is fewer draws. */
  private static long hypergeometric(Draws d, long ngood, long nbad, long nsample) {
    long good = ngood;
    long total = ngood + nbad;
    long taken = Math.min(nsample, total - nsample);
    long hits = 0;
    for (long t = 0; t < taken; t++) {
      if (d.uniform() * total < good) {
        good--;
        hits++;
      }
      total--;
    }
    return taken == nsample ? hits : ngood - hits;
  }

  /** NumPy's rejection algorithm. */
  private static long zipf(Draws d, double a) {
    double am1 = a - 1;
    double b = StrictMath.pow(2, am1);
    while (true) {
      double u = 1 - d.uniform();
      double v = d.uniform();
      double x = Math.floor(StrictMath.pow(u, -1 / am1));
      if (x > Long.MAX_VALUE || x < 1) {
        continue;
      }
      double t = StrictMath.pow(1 + 1 / x, am1);
      if (v * x * (t - 1) / (b - 1) <= t / b) {
        return (long) x;
      }
    }
  }

  // ---- the other laws' array forms (parameters broadcast as NumPy's)

  private NdArray longsWithParams(long[] shape, double[][] p, ParamDraw f) {
    try (NdArray v = withParams(shape, p, f)) {
      return v.astype(DType.INT64);
    }
  }

  /**
   * {@code standard_gamma(shape, size)} with an array of shapes.
   *
   * @param k the shape of the gamma distribution, non-negative
   * @param size the output shape, or none for the parameters' broadcast shape (NumPy's None)
   * @return a float64 array of {@code size}, or of the parameters' broadcast shape
   */
  public NdArray standardGamma(NdArray k, long... size) {
    long[] shape = outShape(size, k);
    double[][] p = values(shape, k);
    requireAll(p[0], x -> !(x < 0), "shape < 0");
    return withParams(shape, p, (d, q) -> d.gamma(q[0]));
  }

  /**
   * {@code gumbel(loc, scale, size)} with array parameters.
   *
   * @param loc the location (the mode)
   * @param scale the scale, non-negative
   * @param size the output shape, or none for the parameters' broadcast shape (NumPy's None)
   * @return a float64 array of {@code size}, or of the parameters' broadcast shape
   */
  public NdArray gumbel(NdArray loc, NdArray scale, long... size) {
    long[] shape = outShape(size, loc, scale);
    double[][] p = values(shape, loc, scale);
    requireAll(p[1], x -> !(x < 0), "scale < 0");
    return withParams(shape, p, (d, q) -> gumbel(d, q[0], q[1]));
  }

  /**
   * {@code laplace(loc, scale, size)} with array parameters.
   *
   * @param loc the location (the mode)
   * @param scale the scale, non-negative
   * @param size the output shape, or none for the parameters' broadcast shape (NumPy's None)
   * @return a float64 array of {@code size}, or of the parameters' broadcast shape
   */
  public NdArray laplace(NdArray loc, NdArray scale, long... size) {
    long[] shape = outShape(size, loc, scale);
    double[][] p = values(shape, loc, scale);
    requireAll(p[1], x -> !(x < 0), "scale < 0");
    return withParams(shape, p, (d, q) -> laplace(d, q[0], q[1]));
  }

  /**
   * {@code logistic(loc, scale, size)} with array parameters.
   *
   * @param loc the location (the mode)
   * @param scale the scale, non-negative
   * @param size the output shape, or none for the parameters' broadcast shape (NumPy's None)
   * @return a float64 array of {@code size}, or of the parameters' broadcast shape
   */
  public NdArray logistic(NdArray loc, NdArray scale, long... size) {
    long[] shape = outShape(size, loc, scale);
    double[][] p = values(shape, loc, scale);
    requireAll(p[1], x -> !(x < 0), "scale < 0");
    return withParams(shape, p, (d, q) -> logistic(d, q[0], q[1]));
  }

  /**
   * {@code rayleigh(scale, size)} with an array of scales.
   *
   * @param scale the scale, non-negative
   * @param size the output shape, or none for the parameters' broadcast shape (NumPy's None)
   * @return a float64 array of {@code size}, or of the parameters' broadcast shape
   */
  public NdArray rayleigh(NdArray scale, long... size) {
    long[] shape = outShape(size, scale);
    double[][] p = values(shape, scale);
    requireAll(p[0], x -> !(x < 0), "scale < 0");
    return withParams(shape, p, (d, q) -> rayleigh(d, q[0]));
  }

  /**
   * {@code pareto(a, size)} with an array of shapes.
   *
   * @param a the shape, positive
   * @param size the output shape, or none for the parameters' broadcast shape (NumPy's None)
   * @return a float64 array of {@code size}, or of the parameters' broadcast shape
   */
  public NdArray pareto(NdArray a, long... size) {
    long[] shape = outShape(size, a);
    double[][] p = values(shape, a);
    requireAll(p[0], x -> !(x <= 0), "a <= 0");
    return withParams(shape, p, (d, q) -> pareto(d, q[0]));
  }

  /**
   * {@code weibull(a, size)} with an array of shapes.
   *
   * @param a the shape, positive
   * @param size the output shape, or none for the parameters' broadcast shape (NumPy's None)
   * @return a float64 array of {@code size}, or of the parameters' broadcast shape
   */
  public NdArray weibull(NdArray a, long... size) {
    long[] shape = outShape(size, a);
    double[][] p = values(shape, a);
    requireAll(p[0], x -> !(x < 0), "a < 0");
    return withParams(shape, p, (d, q) -> weibull(d, q[0]));
  }

  /**
   * {@code power(a, size)} with an array of shapes.
   *
   * @param a the shape, positive
   * @param size the output shape, or none for the parameters' broadcast shape (NumPy's None)
   * @return a float64 array of {@code size}, or of the parameters' broadcast shape
   */
  public NdArray power(NdArray a, long... size) {
    long[] shape = outShape(size, a);
    double[][] p = values(shape, a);
    requireAll(p[0], x -> !(x <= 0), "a <= 0");
    return withParams(shape, p, (d, q) -> power(d, q[0]));
  }

  /**
   * {@code f(dfnum, dfden, size)} with array parameters.
   *
   * @param dfnum the numerator's degrees of freedom, positive
   * @param dfden the denominator's degrees of freedom, positive
   * @param size the output shape, or none for the parameters' broadcast shape (NumPy's None)
   * @return a float64 array of {@code size}, or of the parameters' broadcast shape
   */
  public NdArray f(NdArray dfnum, NdArray dfden, long... size) {
    long[] shape = outShape(size, dfnum, dfden);
    double[][] p = values(shape, dfnum, dfden);
    requireAll(p[0], x -> !(x <= 0), "dfnum <= 0");
    requireAll(p[1], x -> !(x <= 0), "dfden <= 0");
    return withParams(shape, p, (d, q) -> f(d, q[0], q[1]));
  }

  /**
   * {@code standard_t(df, size)} with an array of degrees of freedom.
   *
   * @param df the degrees of freedom, positive
   * @param size the output shape, or none for the parameters' broadcast shape (NumPy's None)
   * @return a float64 array of {@code size}, or of the parameters' broadcast shape
   */
  public NdArray standardT(NdArray df, long... size) {
    long[] shape = outShape(size, df);
    double[][] p = values(shape, df);
    requireAll(p[0], x -> !(x <= 0), "df <= 0");
    return withParams(shape, p, (d, q) -> standardT(d, q[0]));
  }

  /**
   * {@code triangular(left, mode, right, size)} with array parameters.
   *
   * @param left the lower limit
   * @param mode the peak, between the limits
   * @param right the upper limit, above the lower one
   * @param size the output shape, or none for the parameters' broadcast shape (NumPy's None)
   * @return a float64 array of {@code size}, or of the parameters' broadcast shape
   */
  public NdArray triangular(NdArray left, NdArray mode, NdArray right, long... size) {
    long[] shape = outShape(size, left, mode, right);
    double[][] p = values(shape, left, mode, right);
    for (int i = 0; i < Shape.size(shape); i++) {
      double l = at(p[0], i);
      double m = at(p[1], i);
      double r = at(p[2], i);
      require(!(l > m), "left > mode");
      require(!(m > r), "mode > right");
      require(!(l == r), "left == right");
    }
    return withParams(shape, p, (d, q) -> triangular(d, q[0], q[1], q[2]));
  }

  /**
   * {@code wald(mean, scale, size)} with array parameters.
   *
   * @param mean the mean, positive
   * @param scale the scale, positive
   * @param size the output shape, or none for the parameters' broadcast shape (NumPy's None)
   * @return a float64 array of {@code size}, or of the parameters' broadcast shape
   */
  public NdArray wald(NdArray mean, NdArray scale, long... size) {
    long[] shape = outShape(size, mean, scale);
    double[][] p = values(shape, mean, scale);
    requireAll(p[0], x -> !(x <= 0), "mean <= 0");
    requireAll(p[1], x -> !(x <= 0), "scale <= 0");
    return withParams(shape, p, (d, q) -> wald(d, q[0], q[1]));
  }

  /**
   * {@code vonmises(mu, kappa, size)} with array parameters.
   *
   * @param mu the mode, the centre of the distribution
   * @param kappa the concentration, non-negative
   * @param size the output shape, or none for the parameters' broadcast shape (NumPy's None)
   * @return a float64 array of {@code size}, or of the parameters' broadcast shape
   */
  public NdArray vonmises(NdArray mu, NdArray kappa, long... size) {
    long[] shape = outShape(size, mu, kappa);
    double[][] p = values(shape, mu, kappa);
    requireAll(p[1], x -> !(x < 0), "kappa < 0");
    return withParams(shape, p, (d, q) -> vonmises(d, q[0], q[1]));
  }

  /**
   * {@code geometric(p, size)} with an array of probabilities; int64.
   *
   * @param prob the probability of success of each trial
   * @param size the output shape, or none for the parameters' broadcast shape (NumPy's None)
   * @return an int64 array of {@code size}, or of the parameters' broadcast shape
   */
  public NdArray geometric(NdArray prob, long... size) {
    long[] shape = outShape(size, prob);
    double[][] p = values(shape, prob);
    requireAll(p[0], x -> x > 0 && x <= 1, "p <= 0, p > 1 or p contains NaNs");
    return longsWithParams(shape, p, (d, q) -> geometric(d, q[0]));
  }

  /**
   * {@code negative_binomial(n, p, size)} with array parameters; int64.
   *
   * @param n the number of successes, positive
   * @param prob the probability of success of each trial
   * @param size the output shape, or none for the parameters' broadcast shape (NumPy's None)
   * @return an int64 array of {@code size}, or of the parameters' broadcast shape
   */
  public NdArray negativeBinomial(NdArray n, NdArray prob, long... size) {
    long[] shape = outShape(size, n, prob);
    double[][] p = values(shape, n, prob);
    requireAll(p[0], x -> x > 0, "n <= 0");
    requireAll(p[1], x -> x > 0 && x <= 1, "p <= 0, p > 1 or p contains NaNs");
    return longsWithParams(shape, p, (d, q) -> negativeBinomial(d, q[0], q[1]));
  }

  /**
   * {@code hypergeometric(ngood, nbad, nsample, size)} with array parameters; int64.
   *
   * @param ngood the number of good items in the urn
   * @param nbad the number of bad items in the urn
   * @param nsample the number of items drawn, at most ngood + nbad
   * @param size the output shape, or none for the parameters' broadcast shape (NumPy's None)
   * @return an int64 array of {@code size}, or of the parameters' broadcast shape
   */
  public NdArray hypergeometric(NdArray ngood, NdArray nbad, NdArray nsample, long... size) {
    long[] shape = outShape(size, ngood, nbad, nsample);
    double[][] p = values(shape, ngood, nbad, nsample);
    for (int i = 0; i < Shape.size(shape); i++) {
      require(at(p[2], i) >= 0, "nsample < 0");
      require(at(p[0], i) >= 0, "ngood < 0");
      require(at(p[1], i) >= 0, "nbad < 0");
      require(at(p[0], i) + at(p[1], i) >= at(p[2], i), "ngood + nbad < nsample");
    }
    return longsWithParams(
        shape, p, (d, q) -> hypergeometric(d, (long) q[0], (long) q[1], (long) q[2]));
  }

  /**
   * {@code zipf(a, size)} with an array of exponents; int64.
   *
   * @param a the distribution parameter, above 1
   * @param size the output shape, or none for the parameters' broadcast shape (NumPy's None)
   * @return an int64 array of {@code size}, or of the parameters' broadcast shape
   */
  public NdArray zipf(NdArray a, long... size) {
    long[] shape = outShape(size, a);
    double[][] p = values(shape, a);
    requireAll(p[0], x -> x > 1, "a <= 1 or a " + nan(a));
    return longsWithParams(shape, p, (d, q) -> zipf(d, q[0]));
  }

  // ---- noncentral laws and the logarithmic series (NumPy's algorithms)

  private static double noncentralChisquare(Draws d, double df, double nonc) {
    if (Double.isNaN(nonc)) {
      return Double.NaN;
    }
    if (nonc == 0) {
      return 2 * d.gamma(df / 2);
    }
    if (df > 1) {
      double chi2 = 2 * d.gamma((df - 1) / 2);
      double n = d.normal() + StrictMath.sqrt(nonc);
      return chi2 + n * n;
    }
    long i = d.poisson(nonc / 2);
    return 2 * d.gamma((df + 2 * i) / 2);
  }

  private static long logseries(Draws d, double p) {
    double r = StrictMath.log1p(-p);
    while (true) {
      double v = d.uniform();
      if (v >= p) {
        return 1;
      }
      double u = d.uniform();
      double q = -StrictMath.expm1(r * u);
      if (v <= q * q) {
        long result = (long) Math.floor(1 + StrictMath.log(v) / StrictMath.log(q));
        if (result < 1 || v == 0) {
          continue;
        }
        return result;
      }
      return v >= q ? 1 : 2;
    }
  }

  /**
   * NumPy's {@code noncentral_chisquare(df, nonc, size)}.
   *
   * @param df the degrees of freedom, positive
   * @param nonc the non-centrality, non-negative
   * @param shape the output shape
   * @return a float64 array of {@code shape}
   */
  public NdArray noncentralChisquare(double df, double nonc, long... shape) {
    require(!(df <= 0), "df <= 0");
    require(!(nonc < 0), "nonc < 0");
    return doubles(shape, DType.FLOAT64, d -> noncentralChisquare(d, df, nonc));
  }

  /**
   * NumPy's {@code noncentral_f(dfnum, dfden, nonc, size)}.
   *
   * @param dfnum the numerator's degrees of freedom, positive
   * @param dfden the denominator's degrees of freedom, positive
   * @param nonc the non-centrality, non-negative
   * @param shape the output shape
   * @return a float64 array of {@code shape}
   */
  public NdArray noncentralF(double dfnum, double dfden, double nonc, long... shape) {
    require(!(dfnum <= 0), "dfnum <= 0");
    require(!(dfden <= 0), "dfden <= 0");
    require(!(nonc < 0), "nonc < 0");
    return doubles(
        shape,
        DType.FLOAT64,
        d -> noncentralChisquare(d, dfnum, nonc) * dfden / (2 * d.gamma(dfden / 2) * dfnum));
  }

  /**
   * NumPy's {@code logseries(p, size)}: int64, from 1.
   *
   * @param p the shape parameter, in [0, 1)
   * @param shape the output shape
   * @return an int64 array of {@code shape}
   */
  public NdArray logseries(double p, long... shape) {
    require(p >= 0 && p < 1, "p < 0, p >= 1 or p is NaN");
    return longs(shape, d -> logseries(d, p));
  }
}
