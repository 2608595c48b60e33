package io.ndj.random;

import io.ndj.Backend;
import io.ndj.DType;
import io.ndj.NdArray;

/**
 * NumPy's {@code numpy.random.default_rng(seed)}: the same PCG64 stream, seeded through NumPy's
 * SeedSequence, and NumPy's algorithms on it, so every method gives bit for bit the numbers NumPy
 * gives for the same seed and the same calls in the same order; a ported program can be checked
 * against the original line by line. Made by {@code Nd.defaultRng(seed)} or {@code
 * backend.defaultRng(seed)}.
 *
 * <p>The stream is sequential, so values are drawn on the host and copied to the backend; {@link
 * io.ndj.Generator} (Philox, counter-based) is the fast choice that runs on the device. Not
 * thread-safe: one generator per thread, as NumPy's.
 */
public final class NumpyGenerator {
  private final Backend backend;
  private final Pcg64 bits;

  /**
   * A generator on {@code backend} seeded as {@code default_rng(seed)}.
   *
   * @param backend the backend that holds the generated arrays
   * @param seed the seed, non-negative
   * @throws IllegalArgumentException "expected non-negative integer" for a negative seed
   */
  public NumpyGenerator(Backend backend, long seed) {
    this(backend, new Pcg64(seed));
  }

  private NumpyGenerator(Backend backend, Pcg64 bits) {
    this.backend = backend;
    this.bits = bits;
  }

  /**
   * NumPy's {@code spawn(n)}: n new generators on this backend whose streams are independent of
   * this one's and of each other, seeded from child SeedSequences (spawn keys extending this
   * generator's): bit for bit {@code default_rng(seed).spawn(n)}'s, and a later call gives the next
   * children, as NumPy's does. Spawning draws nothing from this generator.
   *
   * @param n how many children (none for n &lt;= 0)
   * @return the children
   */
  public java.util.List<NumpyGenerator> spawn(int n) {
    java.util.List<NumpyGenerator> out = new java.util.ArrayList<>();
    for (SeedSequence child : bits.seq.spawn(n)) {
      out.add(new NumpyGenerator(backend, new Pcg64(child)));
    }
    return out;
  }

  private static int size(long[] shape) {
    long n = 1;
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimensions are not allowed");
      }
      n *= d;
    }
    if (n > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "default_rng draws on the host: " + n + " values are past one Java array");
    }
    return (int) n;
  }

  private NdArray doubles(double[] v, long[] shape) {
    return onBackend(v, DType.FLOAT64, shape);
  }

  /** Host values as an array of {@code shape}; an empty shape is 0-d, as NumPy's size=(). */
  private NdArray onBackend(Object values, DType dtype, long[] shape) {
    return shape.length > 0
        ? backend.array(values, dtype, shape)
        : backend.full((Number) java.lang.reflect.Array.get(values, 0), dtype);
  }

  /**
   * Floats in [0, 1): {@code rng.random(shape)}.
   *
   * @param shape the output shape
   * @return a float64 array of {@code shape}
   */
  public NdArray random(long... shape) {
    NdArray device = onDevice(DType.FLOAT64, 0, 1, shape);
    if (device != null) {
      return device;
    }
    double[] v = new double[size(shape)];
    for (int i = 0; i < v.length; i++) {
      v[i] = bits.nextDouble();
    }
    return doubles(v, shape);
  }

  /**
   * Floats in [0, 1) of {@code dtype}: {@code rng.random(shape, dtype)}; float32 takes the top 24
   * bits of a 32-bit draw, as NumPy's next_float.
   *
   * @param dtype float32 or float64
   * @param shape the output shape
   * @return an array of {@code dtype} and {@code shape}
   * @throws IllegalArgumentException "Unsupported dtype dtype('float16') for random"
   */
  public NdArray random(DType dtype, long... shape) {
    if (dtype == DType.FLOAT64) {
      return random(shape);
    }
    if (dtype != DType.FLOAT32) {
      throw new IllegalArgumentException("Unsupported dtype dtype('" + dtype + "') for random");
    }
    NdArray device = onDevice(DType.FLOAT32, 0, 1, shape);
    if (device != null) {
      return device;
    }
    float[] v = new float[size(shape)];
    for (int i = 0; i < v.length; i++) {
      v[i] = nextFloat();
    }
    return onBackend(v, DType.FLOAT32, shape);
  }

  /** NumPy's next_float: the top 24 bits of a 32-bit draw. */
  private float nextFloat() {
    return (bits.next32() >>> 8) * (1.0f / 16777216.0f);
  }

  /**
   * {@code low + range * u} drawn by the backend's PCG64 kernel where it has one (the stream is a
   * 128-bit LCG: the kernel jumps ahead, each thread to its own draws), the host's state then moved
   * on past them; null where the backend has none, leaving the host to draw. A float32 value
   * waiting in the 32-bit buffer comes first, and an odd last one is drawn here (it leaves the
   * other half buffered, as NumPy).
   */
  private NdArray onDevice(DType dtype, double low, double range, long[] shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    if (n <= 0 || shape.length == 0) {
      return null; // empty, 0-d (a single value) or a negative dimension: the host's way
    }
    long head = dtype == DType.FLOAT32 && bits.hasBufferedUint32() ? 1 : 0;
    long middle = dtype == DType.FLOAT32 ? (n - head) & ~1L : n; // float32: two a draw
    if (middle == 0) {
      return null;
    }
    NdArray out = backend.empty(dtype, n);
    long[] w = bits.words();
    boolean done;
    try (NdArray part = out.get(head + ":" + (head + middle))) {
      done = backend.kernels().pcg64(part.kernelView(), w[0], w[1], w[2], w[3], low, range);
      java.lang.ref.Reference.reachabilityFence(part);
    }
    if (!done) {
      out.close();
      return null;
    }
    if (head == 1) {
      out.set("0", nextFloat()); // the buffered half, before the kernel's draws
    }
    bits.advance(dtype == DType.FLOAT32 ? middle / 2 : middle);
    if (head + middle < n) {
      out.set(Long.toString(n - 1), nextFloat());
    }
    try (out) {
      return out.reshape(shape);
    }
  }

  /**
   * Floats in [low, high): {@code rng.uniform(low, high, shape)}, low + (high - low) * random.
   *
   * @param low the lower bound (included)
   * @param high the upper bound (excluded)
   * @param shape the output shape
   * @return a float64 array of {@code shape}
   * @throws ArithmeticException "Range exceeds valid bounds" where high - low is not finite
   */
  public NdArray uniform(double low, double high, long... shape) {
    double range = high - low;
    if (!Double.isFinite(range)) {
      throw new ArithmeticException("Range exceeds valid bounds");
    }
    NdArray device = onDevice(DType.FLOAT64, low, range, shape);
    if (device != null) {
      return device;
    }
    double[] v = new double[size(shape)];
    for (int i = 0; i < v.length; i++) {
      v[i] = low + range * bits.nextDouble();
    }
    return doubles(v, shape);
  }

  /**
   * Standard normal floats by NumPy's ziggurat: {@code rng.standard_normal(shape)}.
   *
   * @param shape the output shape
   * @return a float64 array of {@code shape}
   */
  public NdArray standardNormal(long... shape) {
    return normal(0, 1, shape);
  }

  /**
   * Normal floats: {@code rng.normal(loc, scale, shape)}, loc + scale * standard_normal.
   *
   * @param loc the mean
   * @param scale the standard deviation, non-negative
   * @param shape the output shape
   * @return a float64 array of {@code shape}
   * @throws IllegalArgumentException {@code "scale < 0"}
   */
  public NdArray normal(double loc, double scale, long... shape) {
    nonNegative(scale, "scale");
    double[] v = new double[size(shape)];
    for (int i = 0; i < v.length; i++) {
      v[i] = loc + scale * Ziggurat.normal(bits);
    }
    return doubles(v, shape);
  }

  /**
   * Standard exponential floats by NumPy's ziggurat: {@code rng.standard_exponential(shape)}.
   *
   * @param shape the output shape
   * @return a float64 array of {@code shape}
   */
  public NdArray standardExponential(long... shape) {
    return exponential(1, shape);
  }

  /**
   * Exponential floats: {@code rng.exponential(scale, shape)}, scale * standard_exponential.
   *
   * @param scale the mean (the inverse of the rate), non-negative
   * @param shape the output shape
   * @return a float64 array of {@code shape}
   * @throws IllegalArgumentException {@code "scale < 0"}
   */
  public NdArray exponential(double scale, long... shape) {
    nonNegative(scale, "scale");
    double[] v = new double[size(shape)];
    for (int i = 0; i < v.length; i++) {
      v[i] = scale * Ziggurat.exponential(bits);
    }
    return doubles(v, shape);
  }

  private static void nonNegative(double x, String name) {
    if (!(x >= 0)) { // NaN too, as NumPy's CONS_NON_NEGATIVE check
      throw new IllegalArgumentException(name + " < 0");
    }
  }

  /**
   * int64 in [low, high): {@code rng.integers(low, high, shape)}.
   *
   * @param low the lower bound (included)
   * @param high the upper bound (excluded)
   * @param shape the output shape
   * @return an int64 array of {@code shape}
   */
  public NdArray integers(long low, long high, long... shape) {
    return integers(low, high, false, shape);
  }

  /**
   * int64 in [low, high), or [low, high] where {@code endpoint}: {@code rng.integers(low, high,
   * shape, endpoint=endpoint)}, by Lemire's method on 32-bit draws where the range fits 32 bits.
   *
   * @param low the lower bound (included)
   * @param high the upper bound (excluded, or included where {@code endpoint})
   * @param endpoint whether {@code high} may be drawn
   * @param shape the output shape
   * @return an int64 array of {@code shape}
   * @throws IllegalArgumentException "low >= high" (or "low > high" with the endpoint)
   */
  public NdArray integers(long low, long high, boolean endpoint, long... shape) {
    if (!endpoint) {
      if (low >= high) {
        throw new IllegalArgumentException("low >= high");
      }
      high--;
    } else if (low > high) {
      throw new IllegalArgumentException("low > high");
    }
    long[] v = new long[size(shape)];
    for (int i = 0; i < v.length; i++) {
      v[i] = low + bounded(high - low);
    }
    return onBackend(v, DType.INT64, shape);
  }

  /**
   * Binomial counts: {@code rng.binomial(n, p, shape)}, NumPy's {@code random_binomial} (inversion
   * where {@code n min(p, 1 - p) <= 30}, else BTPE; {@link io.ndj.spi.Binomial.Law}) on this
   * stream's doubles.
   *
   * @param n the number of trials, non-negative
   * @param p the probability of success of each trial, in [0, 1]
   * @param shape the output shape
   * @return an int64 array of {@code shape}
   * @throws IllegalArgumentException {@code "n < 0"}, or {@code "p < 0, p > 1 or p is NaN"}
   */
  public NdArray binomial(long n, double p, long... shape) {
    if (n < 0) {
      throw new IllegalArgumentException("n < 0");
    }
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("p < 0, p > 1 or p is NaN");
    }
    io.ndj.spi.Binomial.Law law = new io.ndj.spi.Binomial.Law(n, p, true);
    long[] v = new long[size(shape)];
    for (int i = 0; i < v.length; i++) {
      v[i] = law.draw(bits::next64);
    }
    return onBackend(v, DType.INT64, shape);
  }

  /** NumPy's POISSON_LAM_MAX: int64's largest less ten of its square roots. */
  private static final double POISSON_LAM_MAX =
      9.223372036854776e18 - Math.sqrt(9.223372036854776e18) * 10;

  /**
   * Poisson counts: {@code rng.poisson(lam, shape)}, NumPy's {@code random_poisson}: a product of
   * uniforms below rate 10, its PTRS from 10 on ({@link io.ndj.spi.Poisson}'s, on this stream).
   *
   * @param lam the rate, non-negative
   * @param shape the output shape
   * @return an int64 array of {@code shape}
   * @throws IllegalArgumentException {@code "lam < 0 or lam is NaN"}, or {@code "lam value too
   *     large"}
   */
  public NdArray poisson(double lam, long... shape) {
    if (!(lam >= 0)) {
      throw new IllegalArgumentException("lam < 0 or lam is NaN");
    }
    if (lam > POISSON_LAM_MAX) {
      throw new IllegalArgumentException("lam value too large");
    }
    io.ndj.spi.Poisson law = new io.ndj.spi.Poisson(lam);
    long[] v = new long[size(shape)];
    for (int i = 0; i < v.length; i++) {
      v[i] = lam >= 10 ? law.draw(bits::next64) : lam == 0 ? 0 : poissonMult(law.limit);
    }
    return onBackend(v, DType.INT64, shape);
  }

  /**
   * NumPy's {@code random_poisson_mult}: uniforms multiplied until the product reaches exp(-lam).
   */
  private long poissonMult(double enlam) {
    long x = 0;
    double prod = 1.0;
    while (true) {
      prod *= bits.nextDouble();
      if (prod > enlam) {
        x += 1;
      } else {
        return x;
      }
    }
  }

  /**
   * Standard gamma floats: {@code rng.standard_gamma(shape, size)}, NumPy's {@code
   * random_standard_gamma}: Marsaglia and Tsang on NumPy's ziggurat normals above shape 1, the
   * ziggurat's exponential at 1, 0 at 0. Shapes strictly between 0 and 1 are refused: NumPy takes
   * them through the C library's pow, whose last bit Java cannot reproduce (a correctly rounded pow
   * missed 0.1% of NumPy's values, Java's StrictMath.pow 11%).
   *
   * @param k the shape, non-negative (NaN gives NaN, as NumPy)
   * @param shape the output shape
   * @return a float64 array of {@code shape}
   * @throws IllegalArgumentException {@code "shape < 0"}
   * @throws UnsupportedOperationException for a shape strictly between 0 and 1
   */
  public NdArray standardGamma(double k, long... shape) {
    return gamma(k, 1.0, shape);
  }

  /**
   * Gamma floats: {@code rng.gamma(shape, scale, size)}, scale times {@link #standardGamma}'s.
   *
   * @param k the shape, non-negative
   * @param scale the scale, non-negative
   * @param shape the output shape
   * @return a float64 array of {@code shape}
   * @throws IllegalArgumentException {@code "shape < 0"} or {@code "scale < 0"}
   * @throws UnsupportedOperationException for a shape strictly between 0 and 1
   */
  public NdArray gamma(double k, double scale, long... shape) {
    if (k < 0) {
      throw new IllegalArgumentException("shape < 0");
    }
    if (scale < 0) {
      throw new IllegalArgumentException("scale < 0");
    }
    if (k > 0 && k < 1) {
      throw new UnsupportedOperationException(
          "defaultRng's gamma below shape 1 is not NumPy's to the bit: NumPy's values are the C"
              + " library's pow (within 0.52 ulp, not correctly rounded), which Java has not; the"
              + " shape was "
              + k
              + " (Nd.random(seed).gamma draws every shape)");
    }
    double[] v = new double[size(shape)];
    for (int i = 0; i < v.length; i++) {
      v[i] = scale * standardGamma(k);
    }
    return doubles(v, shape);
  }

  /**
   * NumPy's {@code random_standard_gamma} from shape 1 (its log only decides acceptance;
   * StrictMath's gave NumPy's bits for 200,000 draws).
   */
  private double standardGamma(double k) {
    if (k == 1.0) {
      return Ziggurat.exponential(bits);
    }
    if (k == 0.0) {
      return 0.0;
    }
    return io.ndj.spi.Binomial.marsagliaTsang(k, () -> Ziggurat.normal(bits), bits::nextDouble);
  }

  /** {@code random_bounded_uint64}: a value in [0, rng], rng read as unsigned. */
  private long bounded(long rng) {
    if (rng == 0) {
      return 0;
    }
    if (Long.compareUnsigned(rng, 0xffffffffL) < 0) {
      long excl = rng + 1; // below 2^32
      long m = (bits.next32() & 0xffffffffL) * excl;
      long leftover = m & 0xffffffffL;
      if (leftover < excl) {
        long threshold = (0xffffffffL - rng) % excl;
        while (leftover < threshold) {
          m = (bits.next32() & 0xffffffffL) * excl;
          leftover = m & 0xffffffffL;
        }
      }
      return m >>> 32;
    }
    if (rng == 0xffffffffL) {
      return bits.next32() & 0xffffffffL;
    }
    if (rng == -1L) {
      return bits.next64();
    }
    long excl = rng + 1;
    long x = bits.next64();
    long leftover = x * excl;
    if (Long.compareUnsigned(leftover, excl) < 0) {
      long threshold = Long.remainderUnsigned(-1L - rng, excl);
      while (Long.compareUnsigned(leftover, threshold) < 0) {
        x = bits.next64();
        leftover = x * excl;
      }
    }
    return Math.unsignedMultiplyHigh(x, excl);
  }

  /** {@code random_interval}: a value in [0, max] by masking and rejection. */
  private long interval(long max) {
    if (max == 0) {
      return 0;
    }
    long mask = -1L >>> Long.numberOfLeadingZeros(max);
    long value;
    if (max <= 0xffffffffL) {
      do {
        value = bits.next32() & 0xffffffffL & mask;
      } while (value > max);
    } else {
      do {
        value = bits.next64() & mask;
      } while (Long.compareUnsigned(value, max) > 0);
    }
    return value;
  }

  /** The order NumPy's shuffle of n items leaves: position i holds item order[i]. */
  private long[] shuffled(int n) {
    long[] order = new long[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i >= 1; i--) {
      int j = (int) interval(i);
      long t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  /**
   * {@code rng.permutation(n)}: 0 .. n-1 shuffled, int64.
   *
   * @param n the number of values
   * @return an int64 array of length n
   */
  public NdArray permutation(long n) {
    return backend.array(shuffled(size(new long[] {n})), DType.INT64, n);
  }

  /**
   * {@code rng.permutation(x)}: a copy of x with its first axis shuffled.
   *
   * @param x the array whose first axis is shuffled; it is not modified
   * @return the shuffled copy
   */
  public NdArray permutation(NdArray x) {
    if (x.ndim() == 0) {
      throw new IllegalArgumentException("axis 0 is out of bounds for array of dimension 0");
    }
    try (NdArray order = permutation(x.shape().dim(0))) {
      return x.take(order, 0);
    }
  }

  /**
   * {@code rng.shuffle(x)}: x's first axis shuffled in place. Modifies x.
   *
   * @param x the array shuffled in place along its first axis
   * @throws IllegalArgumentException "array is read-only"
   */
  public void shuffle(NdArray x) {
    if (!x.flags().writeable()) {
      throw new IllegalArgumentException("array is read-only");
    }
    if (x.ndim() == 0) {
      throw new IllegalArgumentException("axis 0 is out of bounds for array of dimension 0");
    }
    if (x.size() == 0) {
      return;
    }
    try (NdArray p = permutation(x)) {
      x.set("...", p);
    }
  }

  /**
   * {@code rng.choice(n, shape, replace)}: int64 draws from 0 .. n-1, with replacement (uniform
   * integers) or without (NumPy's Floyd sampling, or a tail shuffle for large populations, then
   * shuffled).
   *
   * @param n the population size: the values 0 .. n-1
   * @param replace whether a value may be drawn more than once
   * @param shape the output shape
   * @return an int64 array of {@code shape}
   * @throws IllegalArgumentException "Cannot take a larger sample than population when replace is
   *     False", "a must be a positive integer unless no samples are taken"
   */
  public NdArray choice(long n, boolean replace, long... shape) {
    int size = size(shape);
    if (n <= 0 && size != 0) {
      throw new IllegalArgumentException(
          "a must be a positive integer unless no samples are taken");
    }
    if (replace) {
      return integers(0, n, shape);
    }
    if (size > n) {
      throw new IllegalArgumentException(
          "Cannot take a larger sample than population when replace is False");
    }
    long[] idx;
    if (n > 10000 && size > n / 50) {
      if (n > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("a population of " + n + " is past one Java array");
      }
      long[] all = new long[(int) n];
      for (int i = 0; i < all.length; i++) {
        all[i] = i;
      }
      for (long i = n - 1; i >= Math.max(n - size, 1); i--) { // _shuffle_int's tail
        int j = (int) bounded(i);
        long t = all[(int) i];
        all[(int) i] = all[j];
        all[j] = t;
      }
      idx = java.util.Arrays.copyOfRange(all, (int) (n - size), (int) n);
    } else {
      idx = floyd(n, size);
    }
    return onBackend(idx, DType.INT64, shape);
  }

  /**
   * {@code rng.choice(n, shape, replace, p)}: int64 draws from 0 .. n-1 with probabilities {@code
   * p}, as NumPy draws them: uniforms searched in the normalized cumulative sum (without
   * replacement, rounds that zero the probabilities already drawn).
   *
   * @param n the population size: the values 0 .. n-1
   * @param replace whether a value may be drawn more than once
   * @param p the probability of each value, n of them, summing to 1
   * @param shape the output shape
   * @return an int64 array of {@code shape}
   * @throws IllegalArgumentException NumPy's messages: "a and p must have same size",
   *     "Probabilities contain NaN", "Probabilities are not non-negative", "Probabilities do not
   *     sum to 1. See Notes section of docstring for more information.", "Fewer non-zero entries in
   *     p than size"
   */
  public NdArray choice(long n, boolean replace, double[] p, long... shape) {
    if (p == null) {
      return choice(n, replace, shape);
    }
    int size = size(shape);
    if (n <= 0 && size != 0) {
      throw new IllegalArgumentException(
          "a must be a positive integer unless no samples are taken");
    }
    if (p.length != n) {
      throw new IllegalArgumentException("a and p must have same size");
    }
    double sum = 0; // Kahan's, as NumPy's check
    double c = 0;
    boolean negative = false;
    for (double x : p) {
      double y = x - c;
      double t = sum + y;
      c = (t - sum) - y;
      sum = t;
      negative |= x < 0;
    }
    if (Double.isNaN(sum)) {
      throw new IllegalArgumentException("Probabilities contain NaN");
    }
    if (negative) {
      throw new IllegalArgumentException("Probabilities are not non-negative");
    }
    if (Math.abs(sum - 1) > Math.sqrt(0x1p-52)) {
      throw new IllegalArgumentException(
          "Probabilities do not sum to 1. See Notes section of docstring for more information.");
    }
    long[] idx = new long[size];
    if (replace) {
      double[] cdf = cdf(p);
      for (int i = 0; i < size; i++) {
        idx[i] = searchRight(cdf, bits.nextDouble());
      }
      return onBackend(idx, DType.INT64, shape);
    }
    if (size > n) {
      throw new IllegalArgumentException(
          "Cannot take a larger sample than population when replace is False");
    }
    long nonzero = java.util.Arrays.stream(p).filter(x -> x > 0).count();
    if (nonzero < size) {
      throw new IllegalArgumentException("Fewer non-zero entries in p than size");
    }
    double[] q = p.clone();
    int found = 0;
    while (found < size) {
      double[] x = new double[size - found];
      for (int i = 0; i < x.length; i++) {
        x[i] = bits.nextDouble();
      }
      for (int i = 0; i < found; i++) {
        q[(int) idx[i]] = 0;
      }
      double[] cdf = cdf(q);
      // the new draws, each value once, in the order of its first draw (np.unique's first
      // indices, sorted)
      java.util.LinkedHashSet<Long> fresh = new java.util.LinkedHashSet<>();
      for (double u : x) {
        fresh.add(searchRight(cdf, u));
      }
      for (long v : fresh) {
        idx[found++] = v;
      }
    }
    return onBackend(idx, DType.INT64, shape);
  }

  /** np.cumsum(p) / its last element, in NumPy's order. */
  private static double[] cdf(double[] p) {
    double[] cdf = new double[p.length];
    double acc = 0;
    for (int i = 0; i < p.length; i++) {
      acc += p[i];
      cdf[i] = acc;
    }
    double last = cdf[cdf.length - 1];
    for (int i = 0; i < cdf.length; i++) {
      cdf[i] /= last;
    }
    return cdf;
  }

  /** searchsorted(side='right'): the first index whose value exceeds u. */
  private static long searchRight(double[] cdf, double u) {
    int lo = 0;
    int hi = cdf.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cdf[mid] <= u) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Floyd's sampling of {@code size} of n with NumPy's open-addressing set, then shuffled. */
  private long[] floyd(long n, int size) {
    long[] idx = new long[size];
    long setSize = (long) (1.2 * size);
    long mask = setSize == 0 ? 0 : -1L >>> Long.numberOfLeadingZeros(setSize);
    long[] set = new long[(int) (mask + 1)];
    java.util.Arrays.fill(set, -1L);
    for (long j = n - size; j < n; j++) {
      long val = bounded(j);
      int loc = (int) (val & mask);
      while (set[loc] != -1L && set[loc] != val) {
        loc = (int) ((loc + 1) & mask);
      }
      if (set[loc] == -1L) {
        set[loc] = val;
        idx[(int) (j - n + size)] = val;
      } else {
        loc = (int) (j & mask);
        while (set[loc] != -1L) {
          loc = (int) ((loc + 1) & mask);
        }
        set[loc] = j;
        idx[(int) (j - n + size)] = j;
      }
    }
    for (int i = size - 1; i >= 1; i--) { // _shuffle_int(size, 1)
      int j = (int) bounded(i);
      long t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
    }
    return idx;
  }

  /**
   * {@code rng.choice(a, shape, replace)}: elements of the 1-d or n-d a along its first axis.
   *
   * @param a the population: its first axis's entries are drawn
   * @param replace whether an entry may be drawn more than once
   * @param shape the output shape
   * @return an array of {@code shape} followed by a's shape past its first axis, of a's dtype
   */
  public NdArray choice(NdArray a, boolean replace, long... shape) {
    if (a.ndim() == 0) {
      throw new IllegalArgumentException("a must be a sequence or an integer");
    }
    long n = a.shape().dim(0);
    if (n == 0 && size(shape) != 0) {
      throw new IllegalArgumentException("a cannot be empty unless no samples are taken");
    }
    try (NdArray idx = choice(Math.max(n, 1), replace, shape)) {
      return a.take(idx, 0);
    }
  }
}
