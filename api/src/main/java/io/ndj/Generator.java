package io.ndj;

import io.ndj.spi.Philox;

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
 *   <li>{@code normal(loc, scale)} for n values: Box-Muller with {@code u1} from the first n blocks
 *       and {@code u2} from the next n: {@code loc + scale * sqrt(-2 log(1 - u1)) * cos(2 pi u2)}
 *       (equal on every backend up to the ULPs of log, sqrt and cos).
 *   <li>{@code integers(low, high)}: {@code low + floor(u * (high - low))} as int64 (exact for
 *       ranges below 2^53).
 *   <li>{@code permutation(n)}: the stable argsort of n values of {@code random}.
 * </ul>
 */
public final class Generator {
  private final Backend backend;
  private final long key;
  private long counter;

  Generator(Backend backend, long seed) {
    this.backend = backend;
    this.key = seed;
  }

  /** The next {@code n} raw 64-bit values (int64), consuming n blocks. */
  public NdArray bits(long n) {
    NdArray out = NdArray.allocate(backend, DType.INT64, new long[] {n});
    new Kernel(backend).philox(out, key, counter);
    counter += n;
    return out;
  }

  /** Uniform float64 in [0, 1). */
  public NdArray random(long... shape) {
    long n = Shape.of(shape).size();
    try (NdArray b = bits(n);
        NdArray s = b.rightShift(11L);
        NdArray m = s.bitwiseAnd((1L << 53) - 1);
        NdArray f = m.astype(DType.FLOAT64);
        NdArray u = f.multiply(0x1p-53)) {
      return u.reshape(shape);
    }
  }

  public NdArray uniform(double low, double high, long... shape) {
    try (NdArray u = random(shape);
        NdArray s = u.multiply(high - low)) {
      return s.add(low);
    }
  }

  public NdArray normal(double loc, double scale, long... shape) {
    long n = Shape.of(shape).size();
    try (Scope scope = Nd.scope()) {
      NdArray u1 = random(n);
      NdArray u2 = random(n);
      NdArray r = Nd.subtract(1.0, u1).log().multiply(-2.0).sqrt();
      NdArray c = u2.multiply(2 * Math.PI).cos();
      NdArray z = r.multiply(c).multiply(scale).add(loc);
      return scope.keep(z.reshape(shape));
    }
  }

  /** Integers in [low, high) as int64. */
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

  /** A random ordering of {@code 0..n-1} (int64). */
  public NdArray permutation(long n) {
    try (NdArray u = random(n)) {
      return u.argsort(0);
    }
  }

  /** A copy of {@code x} with its first axis permuted. */
  public NdArray permutation(NdArray x) {
    try (NdArray p = permutation(x.shape().dim(0))) {
      return x.take(p, 0);
    }
  }

  /** Permutes {@code x} along its first axis, in place. Modifies x. */
  public void shuffle(NdArray x) {
    try (NdArray p = permutation(x)) {
      x.set("...", p);
    }
  }

  /** {@code size} elements of the 1-d {@code a}, with or without replacement. */
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
}
