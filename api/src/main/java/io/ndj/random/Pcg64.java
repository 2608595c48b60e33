package io.ndj.random;

import io.ndj.spi.Pcg128;

/**
 * NumPy's default bit generator, PCG64 (numpy/random/src/pcg64): a 128-bit linear congruential
 * state with the XSL-RR output, seeded from a {@link SeedSequence} as NumPy seeds it, and NumPy's
 * buffer of the upper half of a 64-bit draw for the next 32-bit one.
 */
final class Pcg64 {
  private static final long MULT_HI = Pcg128.MULT_HI;
  private static final long MULT_LO = Pcg128.MULT_LO;

  private long stateHi;
  private long stateLo;
  private final long incHi;
  private final long incLo;
  private boolean hasUint32;

  /** The SeedSequence it was seeded from (NumPy's seed_seq), which spawns children. */
  final SeedSequence seq;

  private int uinteger;

  /** Seeded as {@code numpy.random.PCG64(seed)}: four uint64 words of the seed's SeedSequence. */
  Pcg64(long seed) {
    this(SeedSequence.of(seed));
  }

  /** Seeded as {@code numpy.random.PCG64(seq)}: four uint64 words of the SeedSequence. */
  Pcg64(SeedSequence seq) {
    this.seq = seq;
    long[] w = seq.generateState64(4);
    // pcg64_set_seed: state = w0:w1, sequence = w2:w3 (high word first); pcg64_srandom_r
    incHi = (w[2] << 1) | (w[3] >>> 63);
    incLo = (w[3] << 1) | 1;
    stateHi = 0;
    stateLo = 0;
    step();
    long lo = stateLo + w[1];
    stateHi += w[0] + (Long.compareUnsigned(lo, stateLo) < 0 ? 1 : 0);
    stateLo = lo;
    step();
  }

  /** state = state * MULT + inc, modulo 2^128. */
  private void step() {
    long lo = stateLo * MULT_LO;
    long hi = Pcg128.mulHi(stateHi, stateLo, MULT_HI, MULT_LO);
    long sum = lo + incLo;
    stateHi = hi + incHi + (Long.compareUnsigned(sum, lo) < 0 ? 1 : 0);
    stateLo = sum;
  }

  /**
   * Moves the state on by {@code delta} steps (unsigned) in O(log delta): the state a backend's
   * kernel left after drawing that many values.
   */
  void advance(long delta) {
    long[] state = {stateHi, stateLo};
    Pcg128.advance(state, incHi, incLo, delta);
    stateHi = state[0];
    stateLo = state[1];
  }

  /** The 128-bit state and increment, high word first: {stateHi, stateLo, incHi, incLo}. */
  long[] words() {
    return new long[] {stateHi, stateLo, incHi, incLo};
  }

  /** Whether the upper half of a 64-bit draw waits for the next 32-bit one. */
  boolean hasBufferedUint32() {
    return hasUint32;
  }

  /** The next 64 bits (as an unsigned value). */
  long next64() {
    step();
    return Pcg128.output(stateHi, stateLo);
  }

  /** The next 32 bits: the low half of a fresh 64-bit draw, then its high half. */
  int next32() {
    if (hasUint32) {
      hasUint32 = false;
      return uinteger;
    }
    long next = next64();
    hasUint32 = true;
    uinteger = (int) (next >>> 32);
    return (int) next;
  }

  /** A double in [0, 1): the top 53 bits of a 64-bit draw. */
  double nextDouble() {
    return (next64() >>> 11) * 0x1p-53;
  }
}
