package io.ndj.spi;

/**
 * The 128-bit state arithmetic of NumPy's PCG64 ({@code io.ndj.random.Pcg64}), for the host and for
 * a backend that draws the stream in parallel ({@link Kernels#pcg64}): one step {@code s = s * MULT
 * + inc (mod 2^128)}, a jump of any number of steps in O(log n) ({@code pcg_advance_lcg_128}), and
 * the XSL-RR output. A state is two longs, high word first.
 */
public final class Pcg128 {
  /** PCG64's multiplier, its high 64 bits. */
  public static final long MULT_HI = 2549297995355413924L;

  /** PCG64's multiplier, its low 64 bits. */
  public static final long MULT_LO = 4865540595714422341L;

  private Pcg128() {}

  /**
   * Moves {@code state} on by {@code delta} steps (unsigned), in place.
   *
   * @param state {hi, lo}
   * @param incHi the increment's high word
   * @param incLo the increment's low word (odd)
   * @param delta the steps, as an unsigned 64-bit count
   */
  public static void advance(long[] state, long incHi, long incLo, long delta) {
    long accMultHi = 0;
    long accMultLo = 1;
    long accPlusHi = 0;
    long accPlusLo = 0;
    long curMultHi = MULT_HI;
    long curMultLo = MULT_LO;
    long curPlusHi = incHi;
    long curPlusLo = incLo;
    while (delta != 0) {
      if ((delta & 1) != 0) {
        long hi = mulHi(accMultHi, accMultLo, curMultHi, curMultLo);
        accMultLo *= curMultLo;
        accMultHi = hi;
        long pHi = mulHi(accPlusHi, accPlusLo, curMultHi, curMultLo);
        long pLo = accPlusLo * curMultLo;
        accPlusLo = pLo + curPlusLo;
        accPlusHi = pHi + curPlusHi + (Long.compareUnsigned(accPlusLo, pLo) < 0 ? 1 : 0);
      }
      // curPlus = (curMult + 1) * curPlus; curMult = curMult^2
      long m1Lo = curMultLo + 1;
      long m1Hi = curMultHi + (m1Lo == 0 ? 1 : 0);
      long plusHi = mulHi(m1Hi, m1Lo, curPlusHi, curPlusLo);
      curPlusLo *= m1Lo;
      curPlusHi = plusHi;
      long sqHi = mulHi(curMultHi, curMultLo, curMultHi, curMultLo);
      curMultLo *= curMultLo;
      curMultHi = sqHi;
      delta >>>= 1;
    }
    long hi = mulHi(accMultHi, accMultLo, state[0], state[1]);
    long lo = accMultLo * state[1];
    state[1] = lo + accPlusLo;
    state[0] = hi + accPlusHi + (Long.compareUnsigned(state[1], lo) < 0 ? 1 : 0);
  }

  /**
   * The high 64 bits of the 128-bit product {@code (aHi:aLo * bHi:bLo) mod 2^128}; the low ones are
   * {@code aLo * bLo}.
   *
   * @param aHi a's high word
   * @param aLo a's low word
   * @param bHi b's high word
   * @param bLo b's low word
   * @return the product's high word
   */
  public static long mulHi(long aHi, long aLo, long bHi, long bLo) {
    return Math.unsignedMultiplyHigh(aLo, bLo) + aLo * bHi + aHi * bLo;
  }

  /**
   * XSL-RR: the 64-bit output of a state.
   *
   * @param hi the state's high word
   * @param lo the state's low word
   * @return the draw
   */
  public static long output(long hi, long lo) {
    return Long.rotateRight(hi ^ lo, (int) (hi >>> 58));
  }
}
