#include "pcg64.cuh"
#include "strictmath.cuh"

// ---- Philox4x32-10 (see io.ndj.spi.Philox) ----
// the block for counter ctr: its first 64 bits returned, its last 64 in *rest
__device__ __forceinline__ u64 philoxBlock(u64 key, u64 ctr, u64* rest) {
  unsigned k0 = (unsigned)key, k1 = (unsigned)(key >> 32);
  unsigned c0 = (unsigned)ctr, c1 = (unsigned)(ctr >> 32), c2 = 0, c3 = 0;
  for (int r = 0; r < 10; r++) {
    unsigned hi0 = __umulhi(0xD2511F53u, c0), lo0 = 0xD2511F53u * c0;
    unsigned hi1 = __umulhi(0xCD9E8D57u, c2), lo1 = 0xCD9E8D57u * c2;
    unsigned n0 = hi1 ^ c1 ^ k0, n2 = hi0 ^ c3 ^ k1;
    c0 = n0; c1 = lo1; c2 = n2; c3 = lo0;
    k0 += 0x9E3779B9u; k1 += 0xBB67AE85u;
  }
  if (rest) *rest = ((u64)c2 << 32) | c3;
  return ((u64)c0 << 32) | c1;
}

extern "C" __global__ void k_philox(i64* out, i64 n, u64 key, u64 counter, i64 off, i64 stride) {
  GRID_LOOP(i, n) out[off + i * stride] = (i64)philoxBlock(key, counter + (u64)i, 0);
}

// ---- standard normal values, to the bit as io.ndj.spi.Gaussian defines them: every operation is an _rn
// intrinsic, which the compiler never fuses into a multiply-add (a plain a * b + c it may) ----
#define GM(a, b) __dmul_rn(a, b)
#define GA(a, b) __dadd_rn(a, b)
#define GS(a, b) __dsub_rn(a, b)

// fdlibm's e_log.c for a positive normal double
__device__ __forceinline__ double gaussLog(double x) {
  i64 bits = __double_as_longlong(x);
  int hx = (int)(bits >> 32);
  int k = (hx >> 20) - 1023;
  hx &= 0x000fffff;
  int i = (hx + 0x95f64) & 0x100000;
  double m = __longlong_as_double((i64)(((u64)(unsigned)(hx | (i ^ 0x3ff00000)) << 32) | ((u64)bits & 0xFFFFFFFFULL)));
  k += i >> 20;
  double f = GS(m, 1.0);
  double s = __ddiv_rn(f, GA(2.0, f));
  double dk = (double)k;
  double z = GM(s, s);
  int ii = hx - 0x6147a;
  double w = GM(z, z);
  int j = 0x6b851 - hx;
  double t1 = GM(w, GA(3.999999999940941908e-01, GM(w, GA(2.222219843214978396e-01, GM(w, 1.531383769920937332e-01)))));
  double t2 = GM(z, GA(6.666666666666735130e-01,
                       GM(w, GA(2.857142874366239149e-01, GM(w, GA(1.818357216161805012e-01, GM(w, 1.479819860511658591e-01)))))));
  double rr = GA(t2, t1);
  const double ln2hi = 6.93147180369123816490e-01, ln2lo = 1.90821492927058770002e-10;
  if ((ii | j) > 0) {
    double hfsq = GM(GM(0.5, f), f);
    return GS(GM(dk, ln2hi), GS(GS(hfsq, GA(GM(s, GA(hfsq, rr)), GM(dk, ln2lo))), f));
  }
  return GS(GM(dk, ln2hi), GS(GS(GM(s, GS(f, rr)), GM(dk, ln2lo)), f));
}

// FreeBSD's __kernel_sin(x, 0, 0) and __kernel_cos(x, 0); z = x * x
__device__ __forceinline__ double gaussSin(double x, double z) {
  double w = GM(z, z);
  double r = GA(GA(8.33333333332248946124e-03, GM(z, GA(-1.98412698298579493134e-04, GM(z, 2.75573137070700676789e-06)))),
                GM(GM(z, w), GA(-2.50507602534068634195e-08, GM(z, 1.58969099521155010221e-10))));
  double v = GM(z, x);
  return GA(x, GM(v, GA(-1.66666666666666324348e-01, GM(z, r))));
}

__device__ __forceinline__ double gaussCos(double x, double z) {
  double w = GM(z, z);
  double r = GA(GM(z, GA(4.16666666666666019037e-02, GM(z, GA(-1.38888888888741095749e-03, GM(z, 2.48015872894767294178e-05))))),
                GM(GM(w, w), GA(-2.75573143513906633035e-07, GM(z, GA(2.08757232129817482790e-09, GM(z, -1.13596475577881948265e-11))))));
  double hz = GM(0.5, z);
  double c = GS(1.0, hz);
  return GA(c, GA(GS(GS(1.0, c), hz), GM(z, r)));
}

// cos and sin of a quarter turn q plus t, from c = cos t and s = sin t (exact: only signs and places change)
template <typename T>
__device__ __forceinline__ void byQuadrant(int quadrant, T c, T s, T* cs, T* sn) {
  *cs = quadrant == 0 ? c : quadrant == 1 ? -s : quadrant == 2 ? -c : s;
  *sn = quadrant == 0 ? s : quadrant == 1 ? c : quadrant == 2 ? -s : -c;
}

// Gaussian.pair: (r cos 2 pi u2, r sin 2 pi u2) of one block
__device__ __forceinline__ void gaussianPair(u64 b1, u64 b2, double* c0, double* c1) {
  double u1 = GM((double)(b1 >> 11), 0x1p-53);
  double u2 = GM((double)(b2 >> 11), 0x1p-53);
  double r = __dsqrt_rn(GM(-2.0, gaussLog(GS(1.0, u1))));
  double q = rint(GM(4.0, u2));
  double t = GM(GS(u2, GM(0.25, q)), 6.283185307179586);
  double z = GM(t, t);
  double c = gaussCos(t, z), s = gaussSin(t, z);
  double cs, sn;
  byQuadrant((int)q & 3, c, s, &cs, &sn);
  *c0 = GM(r, cs);
  *c1 = GM(r, sn);
}
#undef GM
#undef GA
#undef GS

// ---- the float pair, as io.ndj.spi.Gaussian.pair(long, long, float[], ...) defines it: float _rn intrinsics ----
#define FM(a, b) __fmul_rn(a, b)
#define FA(a, b) __fadd_rn(a, b)
#define FS(a, b) __fsub_rn(a, b)

// fdlibm's e_logf.c (its general branch) for a positive normal float
__device__ __forceinline__ float gaussLogf(float x) {
  int ix = __float_as_int(x);
  int k = (ix >> 23) - 127;
  ix &= 0x007fffff;
  int i = (ix + (0x95f64 << 3)) & 0x800000;
  float m = __int_as_float(ix | (i ^ 0x3f800000));
  k += i >> 23;
  float f = FS(m, 1.0f);
  float s = __fdiv_rn(f, FA(2.0f, f));
  float dk = (float)k;
  float z = FM(s, s);
  int ii = ix - (0x6147a << 3);
  float w = FM(z, z);
  int j = (0x6b851 << 3) - ix;
  float t1 = FM(w, FA(0xccce13.0p-25f, FM(w, 0xf89e26.0p-26f)));
  float t2 = FM(z, FA(0xaaaaaa.0p-24f, FM(w, 0x91e9ee.0p-25f)));
  float rr = FA(t2, t1);
  const float ln2hi = 6.9313812256e-01f, ln2lo = 9.0580006145e-06f;
  if ((ii | j) > 0) {
    float hfsq = FM(FM(0.5f, f), f);
    return FS(FM(dk, ln2hi), FS(FS(hfsq, FA(FM(s, FA(hfsq, rr)), FM(dk, ln2lo))), f));
  }
  return FS(FM(dk, ln2hi), FS(FS(FM(s, FS(f, rr)), FM(dk, ln2lo)), f));
}

__device__ __forceinline__ void gaussianPairF(u64 b1, u64 b2, float* c0, float* c1) {
  float v = FM(__ll2float_rn((i64)((1ULL << 53) - (b1 >> 11))), 0x1p-53f);
  float r = __fsqrt_rn(FM(-2.0f, gaussLogf(v)));
  float u2 = FM((float)(unsigned)(b2 >> 40), 0x1p-24f);
  float q = rintf(FM(4.0f, u2));
  float t = FM(FS(u2, FM(0.25f, q)), 6.2831855f);
  float z = FM(t, t);
  // Cephes' cosf and sinf on |t| <= pi/4
  float c = FA(FS(FM(FM(FA(FM(FA(FM(2.443315711809948e-5f, z), -1.388731625493765e-3f), z), 4.166664568298827e-2f), z), z),
                  FM(0.5f, z)),
               1.0f);
  float s = FA(FM(FM(FA(FM(FA(FM(-1.9515295891e-4f, z), 8.3321608736e-3f), z), -1.6666654611e-1f), z), t), t);
  float cs, sn;
  byQuadrant((int)q & 3, c, s, &cs, &sn);
  *c0 = FM(r, cs);
  *c1 = FM(r, sn);
}
#undef FM
#undef FA
#undef FS

__device__ __forceinline__ void normalPair(u64 first, u64 last, double* a, double* b) { gaussianPair(first, last, a, b); }
__device__ __forceinline__ void normalPair(u64 first, u64 last, float* a, float* b) { gaussianPairF(first, last, a, b); }

// values 2j and 2j + 1 from block counter + j (an odd n leaves the last pair's second out): the float64 pair, or
// for float32 the float pair, each in a kernel of its own (31 and 36 registers; one kernel for both took 38)
template <typename T, typename T2>
__device__ __forceinline__ void normals(T* out, i64 n, u64 key, u64 counter) {
  i64 pairs = (n + 1) / 2;
  GRID_LOOP(j, pairs) {
    u64 last;
    u64 first = philoxBlock(key, counter + (u64)j, &last);
    T2 v;
    normalPair(first, last, &v.x, &v.y);
    if (2 * j + 1 < n) ((T2*)out)[j] = v;
    else out[2 * j] = v.x;
  }
}

extern "C" __global__ void k_normal(double* out, i64 n, u64 key, u64 counter) {
  normals<double, double2>(out, n, key, counter);
}

extern "C" __global__ void k_normal_f32(float* out, i64 n, u64 key, u64 counter) {
  normals<float, float2>(out, n, key, counter);
}

// out[i] = low + scale * u, u = (bits(counter + i) >> 11) * 2^-53: one rounded product, one rounded sum (never fused)
extern "C" __global__ void k_uniform(double* out, i64 n, u64 key, u64 counter, double low, double scale) {
  GRID_LOOP(i, n) {
    double u = __dmul_rn((double)(philoxBlock(key, counter + (u64)i, 0) >> 11), 0x1p-53);
    out[i] = __dadd_rn(low, __dmul_rn(scale, u));
  }
}

// an element's stream of io.ndj.Generator's laws: Philox block c under key, key + golden, key + 2 golden...
struct ElementDraws {
  u64 k;
  const u64 c;
  __device__ __forceinline__ u64 operator()() {
    u64 bits = philoxBlock(k, c, 0);
    k += 0x9E3779B97F4A7C15ULL;
    return bits;
  }
};

// one value of io.ndj.spi.Poisson's law on element c's stream
__device__ __forceinline__ i64 poissonAt(const PoissonLaw& law, u64 key, u64 c) {
  return smPoisson(law, ElementDraws{key, c});
}

// Poisson's values of one rate: element i draws at counter + i
extern "C" __global__ void k_poisson(i64* out, i64 n, u64 key, u64 counter, double lam, double limit, double logLam,
                                     double b, double a, double invAlpha, double vr, double logInvAlpha) {
  const PoissonLaw law = {lam, limit, logLam, b, a, invAlpha, vr, logInvAlpha};
  GRID_LOOP(i, n) out[i] = poissonAt(law, key, counter + (u64)i);
}

// io.ndj.spi.Binomial.Law's values: element i draws at counter + i, as poisson's; table holds inversion's
// probabilities (law.bound + 1 of them; unread by BTPE)
extern "C" __global__ void k_binomial(i64* out, i64 count, u64 key, u64 counter, BinomialLaw law,
                                      const double* __restrict__ table) {
  GRID_LOOP(i, count) {
    ElementDraws next{key, counter + (u64)i};
    out[i] = smBinomial(law, table, next);
  }
}

// poisson with a rate per element: element i's law from lam[i] (io.ndj.spi.Poisson's constructor, on the device),
// its draws as k_poisson's. A warp takes a tile of 32 x 8 elements and draws its rates below 10 (inversion) together,
// then the others (PTRS): its lanes run one method at a time instead of nearly every warp running both. Blocks of
// 256 threads (Launch.THREADS); the launch counts a thread per 8 elements.
#define RATES_PER_LANE 8
extern "C" __global__ void k_poisson_rates(i64* out, const double* lam, i64 n, u64 key, u64 counter) {
  __shared__ int picked[8][32 * RATES_PER_LANE];
  const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
  const i64 tile = 32 * RATES_PER_LANE, warps = (i64)gridDim.x * (blockDim.x >> 5);
  for (i64 t0 = ((i64)blockIdx.x * (blockDim.x >> 5) + warp) * tile; t0 < n; t0 += warps * tile) {
    for (int inversion = 1; inversion >= 0; inversion--) {
      int count = 0;
      for (int j = 0; j < RATES_PER_LANE; j++) {
        const i64 i = t0 + j * 32 + lane;
        const bool mine = i < n && (lam[i] < 10) == (inversion == 1);
        const unsigned b = __ballot_sync(0xffffffffu, mine);
        if (mine) picked[warp][count + __popc(b & ((1u << lane) - 1))] = (int)(i - t0);
        count += __popc(b);
      }
      __syncwarp();
      for (int q = lane; q < count; q += 32) {
        const i64 i = t0 + picked[warp][q];
        out[i] = poissonAt(smPoissonLaw(lam[i]), key, counter + (u64)i);
      }
      __syncwarp();
    }
  }
}

// NumPy's PCG64 stream from state (sHi, sLo) and increment (iHi, iLo), as io.ndj.random.NumpyGenerator draws it:
// float64 out[i] = low + range * ((draw i >> 11) * 2^-53) (random: low 0, range 1, which leaves u as it is);
// float32 (n even) out[2j], out[2j + 1] = the low and high 32 bits of draw j, each (x >> 8) * 2^-24
extern "C" __global__ void k_pcg64(void* out, int t, i64 n, u64 sHi, u64 sLo, u64 iHi, u64 iLo, double low,
                                   double range) {
  const U128 state = {sHi, sLo}, inc = {iHi, iLo};
  const u64 g = blockIdx.x * (u64)blockDim.x + threadIdx.x, T = (u64)gridDim.x * blockDim.x;
  if (t == T_FLOAT32) {
    float* o = (float*)out;  // two floats apart: the run may start at an odd element (after a buffered half)
    pcgDraws(g, T, (u64)n / 2, state, inc, [&](u64 i, u64 b) {
      o[2 * i] = __fmul_rn((float)((unsigned)b >> 8), 0x1p-24f);
      o[2 * i + 1] = __fmul_rn((float)((unsigned)(b >> 32) >> 8), 0x1p-24f);
    });
  } else {
    double* o = (double*)out;
    pcgDraws(g, T, (u64)n, state, inc, [&](u64 i, u64 b) {
      o[i] = __dadd_rn(low, __dmul_rn(range, __dmul_rn((double)(b >> 11), 0x1p-53)));
    });
  }
}
