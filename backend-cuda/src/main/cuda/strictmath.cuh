// Java's StrictMath (fdlibm) on the device, to the bit, for the laws that io.ndj.spi defines in StrictMath's
// arithmetic (io.ndj.spi.Poisson): every + - * / is an _rn intrinsic, which the compiler never fuses into a
// multiply-add. Plain C++ apart from those, so that a host compiler can build it for a test against the JVM
// (src/test/native: the SM_ macros become plain operations there, under -ffp-contract=off).
#ifndef NDJ_STRICTMATH_CUH
#define NDJ_STRICTMATH_CUH

#ifdef __CUDACC__
#define SM_FN __device__ __forceinline__
#define SM_MUL(a, b) __dmul_rn(a, b)
#define SM_ADD(a, b) __dadd_rn(a, b)
#define SM_SUB(a, b) __dsub_rn(a, b)
#define SM_DIV(a, b) __ddiv_rn(a, b)
#define SM_BITS(x) ((long long)__double_as_longlong(x))
#define SM_DOUBLE(b) __longlong_as_double((long long)(b))
#define SM_I2D(k) __ll2double_rn(k)
#define SM_U2D(k) __ull2double_rn(k)
#define SM_SQRT(x) __dsqrt_rn(x)
#else
#include <cstring>
static inline long long smBits(double x) { long long b; std::memcpy(&b, &x, 8); return b; }
static inline double smDouble(long long b) { double x; std::memcpy(&x, &b, 8); return x; }
#define SM_FN static inline
#define SM_MUL(a, b) ((a) * (b))
#define SM_ADD(a, b) ((a) + (b))
#define SM_SUB(a, b) ((a) - (b))
#define SM_DIV(a, b) ((a) / (b))
#define SM_BITS(x) smBits(x)
#define SM_DOUBLE(b) smDouble((long long)(b))
#define SM_I2D(k) ((double)(k))
#define SM_U2D(k) ((double)(k))
#define SM_SQRT(x) sqrt(x)
#endif

// StrictMath.log: fdlibm's e_log.c, every branch (as java.lang.FdLibm.Log)
SM_FN double smLog(double x) {
  const double ln2hi = 6.93147180369123816490e-01, ln2lo = 1.90821492927058770002e-10;
  long long bits = SM_BITS(x);
  int hx = (int)(bits >> 32);
  unsigned lx = (unsigned)bits;
  int k = 0;
  if (hx < 0x00100000) {
    if (((hx & 0x7fffffff) | lx) == 0) return SM_DOUBLE(0xfff0000000000000ULL);  // -inf
    if (hx < 0) return SM_DOUBLE(0x7ff8000000000000ULL);                         // NaN
    k -= 54;
    x = SM_MUL(x, 18014398509481984.0);  // 2^54
    bits = SM_BITS(x);
    hx = (int)(bits >> 32);
  }
  if (hx >= 0x7ff00000) return SM_ADD(x, x);
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  int i = (hx + 0x95f64) & 0x100000;
  x = SM_DOUBLE(((unsigned long long)(unsigned)(hx | (i ^ 0x3ff00000)) << 32) | ((unsigned long long)bits & 0xFFFFFFFFULL));
  k += i >> 20;
  double f = SM_SUB(x, 1.0);
  double dk;
  if ((0x000fffff & (2 + hx)) < 3) {  // |f| < 2^-20
    if (f == 0.0) {
      if (k == 0) return 0.0;
      dk = (double)k;
      return SM_ADD(SM_MUL(dk, ln2hi), SM_MUL(dk, ln2lo));
    }
    double r = SM_MUL(SM_MUL(f, f), SM_SUB(0.5, SM_MUL(0.33333333333333333, f)));
    if (k == 0) return SM_SUB(f, r);
    dk = (double)k;
    return SM_SUB(SM_MUL(dk, ln2hi), SM_SUB(SM_SUB(r, SM_MUL(dk, ln2lo)), f));
  }
  double s = SM_DIV(f, SM_ADD(2.0, f));
  dk = (double)k;
  double z = SM_MUL(s, s);
  i = hx - 0x6147a;
  double w = SM_MUL(z, z);
  int j = 0x6b851 - hx;
  double t1 = SM_MUL(w, SM_ADD(3.999999999940941908e-01, SM_MUL(w, SM_ADD(2.222219843214978396e-01, SM_MUL(w, 1.531383769920937332e-01)))));
  double t2 = SM_MUL(z, SM_ADD(6.666666666666735130e-01,
                               SM_MUL(w, SM_ADD(2.857142874366239149e-01,
                                                SM_MUL(w, SM_ADD(1.818357216161805012e-01, SM_MUL(w, 1.479819860511658591e-01)))))));
  i |= j;
  double r = SM_ADD(t2, t1);
  if (i > 0) {
    double hfsq = SM_MUL(SM_MUL(0.5, f), f);
    if (k == 0) return SM_SUB(f, SM_SUB(hfsq, SM_MUL(s, SM_ADD(hfsq, r))));
    return SM_SUB(SM_MUL(dk, ln2hi), SM_SUB(SM_SUB(hfsq, SM_ADD(SM_MUL(s, SM_ADD(hfsq, r)), SM_MUL(dk, ln2lo))), f));
  }
  if (k == 0) return SM_SUB(f, SM_MUL(s, SM_SUB(f, r)));
  return SM_SUB(SM_MUL(dk, ln2hi), SM_SUB(SM_SUB(SM_MUL(s, SM_SUB(f, r)), SM_MUL(dk, ln2lo)), f));
}

// StrictMath.exp: fdlibm's e_exp.c (as java.lang.FdLibm.Exp)
SM_FN double smExp(double x) {
  const double ln2hi[2] = {6.93147180369123816490e-01, -6.93147180369123816490e-01};
  const double ln2lo[2] = {1.90821492927058770002e-10, -1.90821492927058770002e-10};
  const double half[2] = {0.5, -0.5};
  const double twom1000 = 9.33263618503218878990e-302;  // 2^-1000
  long long bits = SM_BITS(x);
  int hx = (int)(bits >> 32);
  int xsb = (hx >> 31) & 1;
  hx &= 0x7fffffff;
  double hi = 0, lo = 0;
  int k = 0;
  if (hx >= 0x40862E42) {  // |x| >= 709.78...
    if (hx >= 0x7ff00000) {
      if (((hx & 0xfffff) | (unsigned)bits) != 0) return SM_ADD(x, x);  // NaN
      return xsb == 0 ? x : 0.0;                                        // exp(+-inf) = {inf, 0}
    }
    if (x > 7.09782712893383973096e+02) return SM_DOUBLE(0x7ff0000000000000ULL);  // overflow
    if (x < -7.45133219101941108420e+02) return 0.0;                               // underflow
  }
  if (hx > 0x3fd62e42) {  // |x| > 0.5 ln2
    if (hx < 0x3FF0A2B2) {  // and |x| < 1.5 ln2
      hi = SM_SUB(x, ln2hi[xsb]);
      lo = ln2lo[xsb];
      k = 1 - xsb - xsb;
    } else {
      k = (int)SM_ADD(SM_MUL(1.44269504088896338700e+00, x), half[xsb]);
      double t = (double)k;
      hi = SM_SUB(x, SM_MUL(t, ln2hi[0]));
      lo = SM_MUL(t, ln2lo[0]);
    }
    x = SM_SUB(hi, lo);
  } else if (hx < 0x3e300000) {  // |x| < 2^-28
    return SM_ADD(1.0, x);
  }
  double t = SM_MUL(x, x);
  double c = SM_SUB(x, SM_MUL(t, SM_ADD(1.66666666666666019037e-01,
                                        SM_MUL(t, SM_ADD(-2.77777777770155933842e-03,
                                                         SM_MUL(t, SM_ADD(6.61375632143793436117e-05,
                                                                          SM_MUL(t, SM_ADD(-1.65339022054652515390e-06,
                                                                                           SM_MUL(t, 4.13813679705723846039e-08))))))))));
  if (k == 0) return SM_SUB(1.0, SM_SUB(SM_DIV(SM_MUL(x, c), SM_SUB(c, 2.0)), x));
  double y = SM_SUB(1.0, SM_SUB(SM_SUB(lo, SM_DIV(SM_MUL(x, c), SM_SUB(2.0, c))), hi));
  long long yb = SM_BITS(y);
  if (k >= -1021) return SM_DOUBLE(yb + ((long long)k << 52));
  return SM_MUL(SM_DOUBLE(yb + ((long long)(k + 1000) << 52)), twom1000);
}

// ---- io.ndj.spi.Gaussian: the Philox normals' ziggurat over NumPy's 256 layers ----
// Gaussian.table()'s words: ki, the bits of wi and of fi (256 each), then the bits of r and 1 / r
struct Ziggurat {
  const unsigned long long* ki;
  const double* wi;
  const double* fi;
  double r, invR;
};

// a word's candidate x (negated by bit 8, without a branch) and whether it stands at once: 64-bit words, or
// where narrow 32-bit ones (23 magnitude bits against ki >> 29, times wi 2^29: exact)
SM_FN double smZigguratCandidate(const Ziggurat& z, unsigned long long w, bool narrow, bool* ok) {
  int idx = (int)(w & 0xff);
  unsigned long long rabs = narrow ? (w & 0xFFFFFFFFULL) >> 9 : (w >> 9) & 0xFFFFFFFFFFFFFULL;
  double x = narrow ? SM_MUL(SM_U2D(rabs), SM_MUL(z.wi[idx], 0x1p29)) : SM_MUL(SM_U2D(rabs), z.wi[idx]);
  *ok = rabs < (narrow ? z.ki[idx] >> 29 : z.ki[idx]);
  return SM_DOUBLE(SM_BITS(x) ^ (long long)((w >> 8) << 63));
}

// the value's own draws once its word's fast test failed (Gaussian.slow): block(a, &b1, &b2) gives the Philox
// block at hi64 = (lane << 32) | a
template <typename Block>
SM_FN double smZigguratSlow(const Ziggurat& z, double x, unsigned long long word, bool narrow, Block block) {
  for (unsigned a = 1; ; a++) {
    unsigned long long b1, b2;
    block(a, &b1, &b2);
    bool negative = ((word >> 8) & 1) != 0;
    int idx = (int)(word & 0xff);
    if (idx == 0) {
      double xx = SM_MUL(-z.invR, smLog(SM_MUL(SM_U2D((b1 >> 11) + 1), 0x1p-53)));
      double yy = -smLog(SM_MUL(SM_U2D((b2 >> 11) + 1), 0x1p-53));
      if (SM_ADD(yy, yy) > SM_MUL(xx, xx)) return negative ? -SM_ADD(z.r, xx) : SM_ADD(z.r, xx);
      continue;
    }
    double y = SM_ADD(SM_MUL(SM_SUB(z.fi[idx - 1], z.fi[idx]), SM_MUL(SM_U2D(b1 >> 11), 0x1p-53)), z.fi[idx]);
    if (y < smExp(SM_MUL(SM_MUL(-0.5, x), x))) return x;
    word = narrow ? b2 & 0xFFFFFFFFULL : b2;
    bool ok;
    x = smZigguratCandidate(z, word, narrow, &ok);
    if (ok) return x;
  }
}

// io.ndj.spi.Poisson.loggam: NumPy's random_loggam (Stirling's series from x + n, n = 7 - x below 7)
SM_FN double smLoggam(double x) {
  const double a[10] = {8.333333333333333e-02,  -2.777777777777778e-03, 7.936507936507937e-04,
                        -5.952380952380952e-04, 8.417508417508418e-04,  -1.917526917526918e-03,
                        6.410256410256410e-03,  -2.955065359477124e-02, 1.796443723688307e-01,
                        -1.39243221690590e+00};
  if (x == 1.0 || x == 2.0) return 0.0;
  long long n = x < 7.0 ? (long long)(7 - x) : 0;
  double x0 = SM_ADD(x, SM_I2D(n));
  double r = SM_DIV(1.0, x0);
  double x2 = SM_MUL(r, r);
  double gl0 = a[9];
  for (int k = 8; k >= 0; k--) gl0 = SM_ADD(SM_MUL(gl0, x2), a[k]);
  double gl = SM_SUB(SM_ADD(SM_ADD(SM_DIV(gl0, x0), SM_MUL(0.5, 1.8378770664093453e+00)), SM_MUL(SM_SUB(x0, 0.5), smLog(x0))), x0);
  if (x < 7.0) {
    for (long long k = 1; k <= n; k++) {
      gl = SM_SUB(gl, smLog(SM_SUB(x0, 1.0)));
      x0 = SM_SUB(x0, 1.0);
    }
  }
  return gl;
}

// Java's (long) of a double: NaN to 0, beyond the range to its ends
SM_FN long long smToLong(double d) {
  if (d != d) return 0;
  if (d >= 9.2233720368547758e18) return 0x7fffffffffffffffLL;
  if (d <= -9.2233720368547758e18) return (long long)0x8000000000000000ULL;
  return (long long)d;
}

// Poisson's constants as io.ndj.spi.Poisson computes them on the host
struct PoissonLaw {
  double lam, limit, logLam, b, a, invAlpha, vr, logInvAlpha;
};

// io.ndj.spi.Poisson's constructor: the constants of one rate, as the host computes them
SM_FN PoissonLaw smPoissonLaw(double lam) {
  // exp(-lam) serves inversion only (below 10): PTRS never reads it, so it is not computed there
  PoissonLaw p = {lam, lam < 10 ? smExp(-lam) : 0, 0, 0, 0, 0, 0, 0};
  if (lam < 10) return p;
  double slam = SM_SQRT(lam);
  p.logLam = smLog(lam);
  p.b = SM_ADD(0.931, SM_MUL(2.53, slam));
  p.a = SM_ADD(-0.059, SM_MUL(0.02483, p.b));
  p.invAlpha = SM_ADD(1.1239, SM_DIV(1.1328, SM_SUB(p.b, 3.4)));
  p.vr = SM_SUB(0.9277, SM_DIV(3.6224, SM_SUB(p.b, 2.0)));
  p.logInvAlpha = smLog(p.invAlpha);
  return p;
}

// an element's uniform in [0, 1): (bits >> 11) * 2^-53 of its next 64-bit draw (io.ndj.spi.Binomial.uniform)
template <typename Next> SM_FN double smUniform(Next& next) {
  return SM_MUL(SM_I2D((long long)(next() >> 11)), 0x1p-53);
}

// io.ndj.spi.Binomial.Law's constants, as the host computes them (its table apart: inversion's probabilities
// p(0) .. p(bound), read from device memory)
struct BinomialLaw {
  long long n, bound, m;
  int complement, inversion;
  double p, pp, q, qn, r, fm, p1, xm, xl, xr, c, laml, lamr, p2, p3, p4, nrq;
};

SM_FN double smStirling(double x2) {
  return SM_SUB(13680., SM_DIV(SM_SUB(462., SM_DIV(SM_SUB(132., SM_DIV(SM_SUB(99., SM_DIV(140., x2)), x2)), x2)), x2));
}

// BTPE's step 5.2 (io.ndj.spi.Binomial.Law.accepts)
SM_FN bool smBtpeAccepts(const BinomialLaw& b, long long y, long long k, double v) {
  double kd = SM_I2D(k);
  double rho = SM_MUL(SM_DIV(kd, b.nrq),
                      SM_ADD(SM_DIV(SM_ADD(SM_MUL(kd, SM_ADD(SM_DIV(kd, 3.0), 0.625)), 0.16666666666666666), b.nrq), 0.5));
  double t = SM_DIV(SM_I2D(-k * k), SM_MUL(2.0, b.nrq));
  double a = smLog(v);
  if (a < SM_SUB(t, rho)) return true;
  if (a > SM_ADD(t, rho)) return false;
  double x1 = SM_I2D(y + 1), f1 = SM_I2D(b.m + 1), z = SM_I2D(b.n + 1 - b.m), w = SM_I2D(b.n - y + 1);
  double x2 = SM_MUL(x1, x1), f2 = SM_MUL(f1, f1), z2 = SM_MUL(z, z), w2 = SM_MUL(w, w);
  double e = SM_MUL(b.xm, smLog(SM_DIV(f1, x1)));
  e = SM_ADD(e, SM_MUL(SM_ADD(SM_I2D(b.n - b.m), 0.5), smLog(SM_DIV(z, w))));
  e = SM_ADD(e, SM_MUL(SM_I2D(y - b.m), smLog(SM_DIV(SM_MUL(w, b.r), SM_MUL(x1, b.q)))));
  e = SM_ADD(e, SM_DIV(SM_DIV(smStirling(f2), f1), 166320.));
  e = SM_ADD(e, SM_DIV(SM_DIV(smStirling(z2), z), 166320.));
  e = SM_ADD(e, SM_DIV(SM_DIV(smStirling(x2), x1), 166320.));
  e = SM_ADD(e, SM_DIV(SM_DIV(smStirling(w2), w), 166320.));
  return !(a > e);
}

// io.ndj.spi.Binomial.Law.draw: inversion walking the law's table, or BTPE; next() the element's next 64-bit draw
template <typename Next> SM_FN long long smBinomial(const BinomialLaw& b, const double* table, Next& next) {
  if (b.n == 0 || b.p == 0) return 0;
  long long y;
  if (b.inversion) {
    y = 0;
    double u = smUniform(next);
    while (u > table[y]) {
      y++;
      if (y > b.bound) {
        y = 0;
        u = smUniform(next);
      } else {
        u = SM_SUB(u, table[y - 1]);
      }
    }
    return b.complement ? b.n - y : y;
  }
  while (true) {
    double u = SM_MUL(smUniform(next), b.p4);
    double v = smUniform(next);
    if (u <= b.p1) {
      y = smToLong(floor(SM_ADD(SM_SUB(b.xm, SM_MUL(b.p1, v)), u)));
      break;
    }
    if (u <= b.p2) {
      double x = SM_ADD(b.xl, SM_DIV(SM_SUB(u, b.p1), b.c));
      v = SM_SUB(SM_ADD(SM_MUL(v, b.c), 1.0), SM_DIV(fabs(SM_ADD(SM_SUB(SM_I2D(b.m), x), 0.5)), b.p1));
      if (v > 1.0) continue;
      y = smToLong(floor(x));
    } else if (u <= b.p3) {
      y = smToLong(floor(SM_ADD(b.xl, SM_DIV(smLog(v), b.laml))));
      if (y < 0 || v == 0.0) continue;
      v = SM_MUL(SM_MUL(v, SM_SUB(u, b.p2)), b.laml);
    } else {
      y = smToLong(floor(SM_SUB(b.xr, SM_DIV(smLog(v), b.lamr))));
      if (y > b.n || v == 0.0) continue;
      v = SM_MUL(SM_MUL(v, SM_SUB(u, b.p3)), b.lamr);
    }
    long long k = y > b.m ? y - b.m : b.m - y;
    if (k > 20 && SM_I2D(k) < SM_SUB(SM_DIV(b.nrq, 2.0), 1.0)) {
      if (smBtpeAccepts(b, y, k, v)) break;
      continue;
    }
    double s = SM_DIV(b.r, b.q);
    double a = SM_MUL(s, SM_I2D(b.n + 1));
    double f = 1.0;
    if (b.m < y) {
      for (long long i = b.m + 1; i <= y; i++) f = SM_MUL(f, SM_SUB(SM_DIV(a, SM_I2D(i)), s));
    } else if (b.m > y) {
      for (long long i = y + 1; i <= b.m; i++) f = SM_DIV(f, SM_SUB(SM_DIV(a, SM_I2D(i)), s));
    }
    if (v <= f) break;
  }
  return b.complement ? b.n - y : y;
}

// io.ndj.spi.Poisson.draw; next(state) gives the element's next 64-bit draw
template <typename Next>
SM_FN long long smPoisson(const PoissonLaw& p, Next next) {
  if (p.lam == 0) return 0;
  if (p.lam < 10) {  // inversion of one uniform
    double u = SM_MUL(SM_I2D((long long)(next() >> 11)), 0x1p-53);
    double q = p.limit, f = q;
    long long k = 0;
    while (u > f && q > 0) {
      k++;
      q = SM_DIV(SM_MUL(q, p.lam), SM_I2D(k));
      f = SM_ADD(f, q);
    }
    return k;
  }
  while (true) {
    double u = SM_SUB(SM_MUL(SM_I2D((long long)(next() >> 11)), 0x1p-53), 0.5);
    double v = SM_MUL(SM_I2D((long long)(next() >> 11)), 0x1p-53);
    double us = SM_SUB(0.5, fabs(u));
    long long k = smToLong(floor(SM_ADD(SM_ADD(SM_MUL(SM_ADD(SM_DIV(SM_MUL(2.0, p.a), us), p.b), u), p.lam), 0.43)));
    if (us >= 0.07 && v <= p.vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    double lhs = SM_SUB(SM_ADD(smLog(v), p.logInvAlpha), smLog(SM_ADD(SM_DIV(p.a, SM_MUL(us, us)), p.b)));
    double rhs = SM_SUB(SM_ADD(-p.lam, SM_MUL(SM_I2D(k), p.logLam)), smLoggam(SM_ADD(SM_I2D(k), 1.0)));
    if (lhs <= rhs) return k;
  }
}

#endif
