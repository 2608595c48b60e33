// NumPy's PCG64 stream (io.ndj.random.Pcg64) drawn in parallel: the 128-bit LCG state jumps ahead in O(log n)
// (Brown's "Random number generation with arbitrary strides", as pcg_advance_lcg_128), so thread g of T takes
// draws g, g + T, g + 2T, ... and the values are the sequential stream's, to the bit. Plain C++ apart from the
// 64-bit high multiply, so that a host compiler can build it for a test against the JVM (src/test/native).
#ifndef NDJ_PCG64_CUH
#define NDJ_PCG64_CUH

#ifdef __CUDACC__
#define PCG_FN __device__ __forceinline__
#define PCG_MULHI(a, b) __umul64hi(a, b)
#else
#define PCG_FN static inline
#define PCG_MULHI(a, b) ((unsigned long long)(((unsigned __int128)(a) * (b)) >> 64))
#endif

struct U128 {
  unsigned long long hi, lo;
};

PCG_FN U128 u128Mul(U128 a, U128 b) {
  U128 r;
  r.lo = a.lo * b.lo;
  r.hi = PCG_MULHI(a.lo, b.lo) + a.lo * b.hi + a.hi * b.lo;
  return r;
}

PCG_FN U128 u128Add(U128 a, U128 b) {
  U128 r;
  r.lo = a.lo + b.lo;
  r.hi = a.hi + b.hi + (r.lo < a.lo ? 1 : 0);
  return r;
}

// the map s -> mult * s + plus, applied delta times, as one map (mult, plus)
PCG_FN void pcgJump(U128 inc, unsigned long long delta, U128* mult, U128* plus) {
  U128 curMult = {2549297995355413924ULL, 4865540595714422341ULL};
  U128 curPlus = inc;
  U128 accMult = {0, 1}, accPlus = {0, 0};
  const U128 one = {0, 1};
  while (delta > 0) {
    if (delta & 1) {
      accMult = u128Mul(accMult, curMult);
      accPlus = u128Add(u128Mul(accPlus, curMult), curPlus);
    }
    curPlus = u128Mul(u128Add(curMult, one), curPlus);
    curMult = u128Mul(curMult, curMult);
    delta >>= 1;
  }
  *mult = accMult;
  *plus = accPlus;
}

// XSL-RR: the 64-bit output of a state
PCG_FN unsigned long long pcgOutput(U128 s) {
  unsigned long long x = s.hi ^ s.lo;
  unsigned r = (unsigned)(s.hi >> 58);
  return (x >> r) | (x << ((64 - r) & 63));
}

// thread g of T: emit(i, bits of draw i) for draws i = g, g + T, ... below draws, the stream starting at state
template <typename Emit>
PCG_FN void pcgDraws(unsigned long long g, unsigned long long T, unsigned long long draws, U128 state, U128 inc,
                     Emit emit) {
  if (g >= draws) return;
  U128 m, p, mT, pT;
  pcgJump(inc, g + 1, &m, &p);  // draw i comes from the state after i + 1 steps
  U128 s = u128Add(u128Mul(m, state), p);
  pcgJump(inc, T, &mT, &pT);
  for (unsigned long long i = g;;) {
    emit(i, pcgOutput(s));
    if (draws - i <= T) break;
    i += T;
    s = u128Add(u128Mul(mT, s), pT);
  }
}

#endif
