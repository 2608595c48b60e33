package io.ndj.random;

/**
 * NumPy's {@code numpy.random.SeedSequence} for an integer seed (numpy/random/bit_generator.pyx):
 * the seed as 32-bit words, lowest first, hashed into a pool of four words, from which any number
 * of state words are drawn.
 */
final class SeedSequence {
  private static final int INIT_A = 0x43b0d7e5;
  private static final int MULT_A = 0x931e8875;
  private static final int INIT_B = 0x8b51f9dd;
  private static final int MULT_B = 0x58f38ded;
  private static final int MIX_MULT_L = 0xca01f9dd;
  private static final int MIX_MULT_R = 0x4973f715;
  private static final int POOL_SIZE = 4;

  private final int[] pool = new int[POOL_SIZE];

  /** The run entropy's words and the spawn key (NumPy's entropy and spawn_key), for spawning. */
  private final int[] run;

  private final int[] spawnKey;

  /** NumPy's n_children_spawned. */
  private int children;

  private SeedSequence(int[] run, int[] spawnKey) {
    this(assemble(run, spawnKey), run, spawnKey);
  }

  /**
   * NumPy's get_assembled_entropy: the run entropy, padded with zeros to the pool's size where a
   * spawn key follows (so no key collides with a longer seed), then the key.
   */
  private static int[] assemble(int[] run, int[] spawnKey) {
    if (spawnKey.length == 0) {
      return run;
    }
    int[] all = new int[Math.max(run.length, POOL_SIZE) + spawnKey.length];
    System.arraycopy(run, 0, all, 0, run.length);
    System.arraycopy(spawnKey, 0, all, all.length - spawnKey.length, spawnKey.length);
    return all;
  }

  private SeedSequence(int[] entropy, int[] run, int[] spawnKey) {
    this.run = run;
    this.spawnKey = spawnKey;
    int[] hash = {INIT_A};
    for (int i = 0; i < POOL_SIZE; i++) {
      pool[i] = hashmix(i < entropy.length ? entropy[i] : 0, hash);
    }
    for (int src = 0; src < POOL_SIZE; src++) {
      for (int dst = 0; dst < POOL_SIZE; dst++) {
        if (src != dst) {
          pool[dst] = mix(pool[dst], hashmix(pool[src], hash));
        }
      }
    }
    for (int src = POOL_SIZE; src < entropy.length; src++) {
      for (int dst = 0; dst < POOL_SIZE; dst++) {
        pool[dst] = mix(pool[dst], hashmix(entropy[src], hash));
      }
    }
  }

  /**
   * The sequence of a non-negative integer seed.
   *
   * @throws IllegalArgumentException "expected non-negative integer"
   */
  static SeedSequence of(long seed) {
    if (seed < 0) {
      throw new IllegalArgumentException("expected non-negative integer");
    }
    int[] words =
        (seed >>> 32) == 0 ? new int[] {(int) seed} : new int[] {(int) seed, (int) (seed >>> 32)};
    return new SeedSequence(words, new int[0]);
  }

  /**
   * NumPy's {@code spawn(n)}: n children whose spawn keys extend this one's with the next n child
   * indices (NumPy's n_children_spawned counts on, so later spawns give new children).
   *
   * @param n how many
   * @return the children
   */
  SeedSequence[] spawn(int n) {
    SeedSequence[] out = new SeedSequence[Math.max(0, n)];
    for (int i = 0; i < out.length; i++) {
      int[] key = java.util.Arrays.copyOf(spawnKey, spawnKey.length + 1);
      key[spawnKey.length] = children + i;
      out[i] = new SeedSequence(run, key);
    }
    children += n;
    return out;
  }

  private static int hashmix(int value, int[] hash) {
    value ^= hash[0];
    hash[0] *= MULT_A;
    value *= hash[0];
    return value ^ (value >>> 16);
  }

  private static int mix(int x, int y) {
    int r = MIX_MULT_L * x - MIX_MULT_R * y;
    return r ^ (r >>> 16);
  }

  /** {@code generate_state(n, np.uint64)}: 2n 32-bit words, paired little-endian. */
  long[] generateState64(int n) {
    int hash = INIT_B;
    long[] out = new long[n];
    for (int i = 0; i < 2 * n; i++) {
      int v = pool[i % POOL_SIZE];
      v ^= hash;
      hash *= MULT_B;
      v *= hash;
      v ^= v >>> 16;
      out[i / 2] |= (v & 0xffffffffL) << (32 * (i % 2));
    }
    return out;
  }
}
