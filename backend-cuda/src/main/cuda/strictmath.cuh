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

// fdlibm's __kernel_sin and __kernel_cos (FdLibm.Sin, FdLibm.Cos): x + y in [-pi/4, pi/4], y the tail
SM_FN double smKernelSin(double x, double y, int iy) {
  int ix = (int)(SM_BITS(x) >> 32) & 0x7fffffff;
  if (ix < 0x3e400000 && (int)x == 0) return x;  // |x| < 2^-27
  double z = SM_MUL(x, x), v = SM_MUL(z, x);
  // r = S2 + z (S3 + z (S4 + z (S5 + z S6))), innermost first
  double r = SM_ADD(-0x1.ae5e68a2b9cebp-26, SM_MUL(z, 0x1.5d93a5acfd57cp-33));
  r = SM_ADD(0x1.71de357b1fe7dp-19, SM_MUL(z, r));
  r = SM_ADD(-0x1.a01a019c161d5p-13, SM_MUL(z, r));
  r = SM_ADD(0x1.111111110f8a6p-7, SM_MUL(z, r));
  const double S1 = -0x1.5555555555549p-3;
  if (iy == 0) return SM_ADD(x, SM_MUL(v, SM_ADD(S1, SM_MUL(z, r))));
  return SM_SUB(x, SM_SUB(SM_SUB(SM_MUL(z, SM_SUB(SM_MUL(0.5, y), SM_MUL(v, r))), y), SM_MUL(v, S1)));
}

SM_FN double smKernelCos(double x, double y) {
  int ix = (int)(SM_BITS(x) >> 32) & 0x7fffffff;
  if (ix < 0x3e400000 && (int)x == 0) return 1.0;
  double z = SM_MUL(x, x);
  // r = z (C1 + z (C2 + z (C3 + z (C4 + z (C5 + z C6))))), innermost first
  double r = SM_ADD(0x1.1ee9ebdb4b1c4p-29, SM_MUL(z, -0x1.8fae9be8838d4p-37));
  r = SM_ADD(-0x1.27e4f809c52adp-22, SM_MUL(z, r));
  r = SM_ADD(0x1.a01a019cb159p-16, SM_MUL(z, r));
  r = SM_ADD(-0x1.6c16c16c15177p-10, SM_MUL(z, r));
  r = SM_MUL(z, SM_ADD(0x1.555555555554cp-5, SM_MUL(z, r)));
  double zr = SM_SUB(SM_MUL(z, r), SM_MUL(x, y));
  if (ix < 0x3FD33333) return SM_SUB(1.0, SM_SUB(SM_MUL(0.5, z), zr));
  double qx = ix > 0x3fe90000 ? 0.28125 : SM_DOUBLE((unsigned long long)(unsigned)(ix - 0x00200000) << 32);
  double hz = SM_SUB(SM_MUL(0.5, z), qx), a = SM_SUB(1.0, qx);
  return SM_SUB(a, SM_SUB(hz, zr));
}

// StrictMath.cos (fdlibm's s_cos.c with __ieee754_rem_pio2) for |x| <= 2^20 pi/2 (fdlibm's medium range), where
// the laws' angles (2 pi u, u in [0, 1)) lie; NaN past it (the large-argument reduction, __kernel_rem_pio2, is not
// here)
SM_FN double smCos(double x) {
  long long bits = SM_BITS(x);
  int hx = (int)(bits >> 32), ix = hx & 0x7fffffff;
  if (ix <= 0x3fe921fb) return smKernelCos(x, 0.0);
  if (ix > 0x413921fb) return SM_DOUBLE(0x7ff8000000000000ULL);  // inf, NaN, and past the medium range
  double y0, y1;
  int n;
  if (ix < 0x4002d97c) {  // |x| < 3pi/4: n = +-1
    const double pio2_1 = 0x1.921fb544p0, pio2_1t = 0x1.0b4611a626331p-34;
    const double pio2_2 = 0x1.0b4611a6p-34, pio2_2t = 0x1.3198a2e037073p-69;
    // fdlibm's two mirrored branches as one: subtracting -c is adding c, exactly
    n = hx > 0 ? 1 : -1;
    const double c1 = n * pio2_1, c1t = n * pio2_1t, c2 = n * pio2_2, c2t = n * pio2_2t;
    double z = SM_SUB(x, c1);
    if (ix != 0x3ff921fb) {
      y0 = SM_SUB(z, c1t);
      y1 = SM_SUB(SM_SUB(z, y0), c1t);
    } else {
      z = SM_SUB(z, c2);
      y0 = SM_SUB(z, c2t);
      y1 = SM_SUB(SM_SUB(z, y0), c2t);
    }
  } else {  // medium: |x| <= 2^20 pi/2
    const double invpio2 = 0x1.45f306dc9c883p-1, pio2_1 = 0x1.921fb544p0, pio2_1t = 0x1.0b4611a626331p-34;
    const double pio2_2 = 0x1.0b4611a6p-34, pio2_2t = 0x1.3198a2e037073p-69;
    const double pio2_3 = 0x1.3198a2ep-69, pio2_3t = 0x1.b839a252049c1p-104;
    const int npio2_hw[32] = {0x3FF921FB, 0x400921FB, 0x4012D97C, 0x401921FB, 0x401F6A7A, 0x4022D97C, 0x4025FDBB,
                              0x402921FB, 0x402C463A, 0x402F6A7A, 0x4031475C, 0x4032D97C, 0x40346B9C, 0x4035FDBB,
                              0x40378FDB, 0x403921FB, 0x403AB41B, 0x403C463A, 0x403DD85A, 0x403F6A7A, 0x40407E4C,
                              0x4041475C, 0x4042106C, 0x4042D97C, 0x4043A28C, 0x40446B9C, 0x404534AC, 0x4045FDBB,
                              0x4046C6CB, 0x40478FDB, 0x404858EB, 0x404921FB};
    double t = fabs(x);
    n = (int)SM_ADD(SM_MUL(t, invpio2), 0.5);
    double fn = SM_I2D(n);
    double r = SM_SUB(t, SM_MUL(fn, pio2_1));
    double w = SM_MUL(fn, pio2_1t);
    y0 = SM_SUB(r, w);
    if (!(n < 32 && ix != npio2_hw[n - 1])) {
      int j = ix >> 20;
      int i = j - ((int)(SM_BITS(y0) >> 52) & 0x7ff);
      if (i > 16) {
        t = r;
        w = SM_MUL(fn, pio2_2);
        r = SM_SUB(t, w);
        w = SM_SUB(SM_MUL(fn, pio2_2t), SM_SUB(SM_SUB(t, r), w));
        y0 = SM_SUB(r, w);
        i = j - ((int)(SM_BITS(y0) >> 52) & 0x7ff);
        if (i > 49) {
          t = r;
          w = SM_MUL(fn, pio2_3);
          r = SM_SUB(t, w);
          w = SM_SUB(SM_MUL(fn, pio2_3t), SM_SUB(SM_SUB(t, r), w));
          y0 = SM_SUB(r, w);
        }
      }
    }
    y1 = SM_SUB(SM_SUB(r, y0), w);
    if (hx < 0) {
      y0 = -y0;
      y1 = -y1;
      n = -n;
    }
  }
  switch (n & 3) {
    case 0: return smKernelCos(y0, y1);
    case 1: return -smKernelSin(y0, y1, 1);
    case 2: return -smKernelCos(y0, y1);
    default: return smKernelSin(y0, y1, 1);
  }
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

// io.ndj.spi.Binomial's laws on an element's stream (next() its next 64-bit draw): uniform, open, Box-Muller normal,
// Marsaglia and Tsang's gamma for shapes of at least 1, beta as a ratio of such gammas, and the binomial, whose
// recursion asks gammas of shape 32 and more only. Shapes below 1 (pow, and Johnk's beta) give NaN here.
template <typename Next> SM_FN double smUniform(Next& next) {
  return SM_MUL(SM_I2D((long long)(next() >> 11)), 0x1p-53);
}
template <typename Next> SM_FN double smOpen(Next& next) {
  return SM_MUL(SM_ADD(SM_I2D((long long)(next() >> 11)), 0.5), 0x1p-53);
}
template <typename Next> SM_FN double smNormal(Next& next) {
  double r = SM_SQRT(SM_MUL(-2.0, smLog(smOpen(next))));
  return SM_MUL(r, smCos(SM_MUL(0x1.921fb54442d18p+2, smUniform(next))));  // 2 pi, exactly Java's 2 * Math.PI
}
template <typename Next> SM_FN double smGamma(double shape, Next& next) {
  if (shape == 0) return 0;
  if (shape < 1) return SM_DOUBLE(0x7ff8000000000000ULL);
  if (shape == 1) return -smLog(smOpen(next));
  double d = SM_SUB(shape, 1.0 / 3);
  double c = SM_DIV(1.0, SM_SQRT(SM_MUL(9.0, d)));
  while (true) {
    double x, v;
    do {
      x = smNormal(next);
      v = SM_ADD(1.0, SM_MUL(c, x));
    } while (v <= 0);
    v = SM_MUL(SM_MUL(v, v), v);
    double u = smOpen(next);
    double xx = SM_MUL(x, x);
    if (u < SM_SUB(1.0, SM_MUL(SM_MUL(0.0331, xx), xx))) return SM_MUL(d, v);
    double rhs = SM_ADD(SM_MUL(SM_MUL(0.5, x), x), SM_MUL(d, SM_ADD(SM_SUB(1.0, v), smLog(v))));
    if (smLog(u) < rhs) return SM_MUL(d, v);
  }
}
template <typename Next> SM_FN long long smBinomial(long long n, double p, Next& next) {
  long long x = 0;
  while (n > 64 && p > 0 && p < 1) {
    long long i = (n + 1) / 2;
    double a = smGamma(SM_I2D(i), next);
    double b = smGamma(SM_I2D(n + 1 - i), next);
    double y = SM_DIV(a, SM_ADD(a, b));
    if (y <= p) {
      x += i;
      n -= i;
      p = SM_DIV(SM_SUB(p, y), SM_SUB(1.0, y));
    } else {
      n = i - 1;
      p = SM_DIV(p, y);
    }
  }
  if (p >= 1) return x + n;
  if (p <= 0) return x;
  for (long long t = 0; t < n; t++)
    if (smUniform(next) < p) x++;
  return x;
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
