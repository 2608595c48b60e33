#include "pcg64.cuh"
#include "strictmath.cuh"

// ---- Philox4x32-10 (see io.ndj.spi.Philox) ----
// the block for counter (lo64 = ctr, hi64 = hi): its first 64 bits returned, its last 64 in *rest
__device__ __forceinline__ u64 philoxBlockAt(u64 key, u64 ctr, u64 hi, u64* rest) {
  unsigned k0 = (unsigned)key, k1 = (unsigned)(key >> 32);
  unsigned c0 = (unsigned)ctr, c1 = (unsigned)(ctr >> 32), c2 = (unsigned)hi, c3 = (unsigned)(hi >> 32);
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

// the block for counter ctr (hi64 = 0)
__device__ __forceinline__ u64 philoxBlock(u64 key, u64 ctr, u64* rest) { return philoxBlockAt(key, ctr, 0, rest); }

extern "C" __global__ void k_philox(i64* out, i64 n, u64 key, u64 counter, i64 off, i64 stride) {
  GRID_LOOP(i, n) out[off + i * stride] = (i64)philoxBlock(key, counter + (u64)i, 0);
}

// ---- standard normal values, to the bit as io.ndj.spi.Gaussian defines them (strictmath.cuh's ziggurat) ----
// Element e of a float64 (PER = 2) or float32 (PER = 4) out is word e % PER of block counter + e / PER. About 1.5%
// of words fail the ziggurat's fast test; a lane that met one would hold its warp for a Philox block and an exp, so
// a warp queues those elements (in shared memory) and runs them 32 at a time, every lane busy, and the last few at
// the end; the slow path runs between stretches of the fast path, outside its loop (H100, 1e8 values: float32
// 0.296 ms, float64 0.508; with the call inside the loop 0.306 and 0.574). Blocks of 256 threads
// (Launch.THREADS); table: Gaussian.table()'s 770 words.
#define ZIG_WARPS 8
#define ZIG_QUEUE 352

// word k of block b: the lanes' order c0, c1, c2, c3 (float32), or the first and last 64 bits (float64)
template <int PER>
__device__ __forceinline__ u64 zigWord(u64 first, u64 last, int k) {
  if (PER == 2) return k == 0 ? first : last;
  u64 half = k < 2 ? first : last;
  return (k & 1) == 0 ? half >> 32 : half & 0xFFFFFFFFULL;
}

// element e's value through its further draws (its word recomputed: a block more, for 1.5% of elements)
template <typename T, int PER>
__device__ __noinline__ void zigSlowAt(T* out, i64 e, u64 key, u64 counter, const Ziggurat& z) {
  const u64 ctr = counter + (u64)(e / PER);
  const int lane = (int)(e % PER);
  u64 last;
  u64 first = philoxBlock(key, ctr, &last);
  u64 word = zigWord<PER>(first, last, lane);
  bool ok;
  double x = smZigguratCandidate(z, word, PER == 4, &ok);
  x = smZigguratSlow(z, x, word, PER == 4, [&](unsigned a, u64* b1, u64* b2) {
    *b1 = philoxBlockAt(key, ctr, ((u64)lane << 32) | a, b2);
  });
  out[e] = (T)x;
}

// Gaussian.table()'s 770 words into a block's shared tables, and the Ziggurat over them (r and 1/r: words 768, 769)
__device__ __forceinline__ Ziggurat zigTables(const u64* table, u64* ki, double* wi, double* fi) {
  for (int t = threadIdx.x; t < 256; t += blockDim.x) {
    ki[t] = table[t];
    wi[t] = __longlong_as_double((long long)table[256 + t]);
    fi[t] = __longlong_as_double((long long)table[512 + t]);
  }
  __syncthreads();
  return {ki, wi, fi, __longlong_as_double((long long)table[768]), __longlong_as_double((long long)table[769])};
}

// block j's values by the fast test (those that fail it written too, and overwritten later), one 16-byte store for a
// whole block; pending[k]: word k failed the test (and is within n)
template <typename T, int PER>
__device__ __forceinline__ void zigFastBlock(T* out, i64 n, i64 j, i64 blocks, u64 key, u64 counter, const Ziggurat& z,
                                             bool* pending) {
  u64 first = 0, last = 0;
  if (j < blocks) first = philoxBlock(key, counter + (u64)j, &last);
  T v[PER];
#pragma unroll
  for (int k = 0; k < PER; k++) {
    bool ok;
    v[k] = (T)smZigguratCandidate(z, zigWord<PER>(first, last, k), PER == 4, &ok);
    pending[k] = !ok && j * PER + k < n;
  }
  if (j < blocks) {
    if ((j + 1) * PER <= n) {
      if (PER == 2) ((double2*)out)[j] = make_double2(v[0], v[1]);
      else ((float4*)out)[j] = make_float4(v[0], v[1 % PER], v[2 % PER], v[3 % PER]);
    } else {
#pragma unroll
      for (int k = 0; k < PER; k++)
        if (j * PER + k < n) out[j * PER + k] = v[k];
    }
  }
}

template <typename T, int PER>
__device__ __forceinline__ void zigguratNormals(T* out, i64 n, u64 key, u64 counter, const u64* table) {
  __shared__ u64 ki[256];
  __shared__ double wi[256], fi[256];
  __shared__ i64 queue[ZIG_WARPS][ZIG_QUEUE];
  const Ziggurat z = zigTables(table, ki, wi, fi);
  const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
  i64* q = queue[warp];
  int count = 0;  // the warp's queued elements (warp-uniform, as base is)
  const i64 blocks = (n + PER - 1) / PER, warps = (i64)gridDim.x * (blockDim.x >> 5);
  i64 base = ((i64)blockIdx.x * (blockDim.x >> 5) + warp) * 32;
  for (;;) {
    // the fast path, until the queue might not hold one more round's failures: the slow path's call stays out of
    // this loop
    for (; base < blocks && count <= ZIG_QUEUE - 32 * PER; base += warps * 32) {
      const i64 j = base + lane;
      bool pending[PER];
      zigFastBlock<T, PER>(out, n, j, blocks, key, counter, z, pending);
#pragma unroll
      for (int k = 0; k < PER; k++) {
        const unsigned m = __ballot_sync(0xffffffffu, pending[k]);
        if (pending[k]) q[count + __popc(m & ((1u << lane) - 1))] = j * PER + k;
        count += __popc(m);
      }
    }
    __syncwarp();
    const bool done = base >= blocks;
    // the queue's elements 32 at a time (all of them at the end)
    while (count >= 32 || (done && count > 0)) {
      const int take = count < 32 ? count : 32;
      if (lane < take) zigSlowAt<T, PER>(out, q[count - take + lane], key, counter, z);
      count -= take;
      __syncwarp();
    }
    if (done) return;
  }
}

extern "C" __global__ void __launch_bounds__(256) k_normal(double* out, i64 n, u64 key, u64 counter,
                                                           const u64* table) {
  zigguratNormals<double, 2>(out, n, key, counter, table);
}

extern "C" __global__ void __launch_bounds__(256) k_normal_f32(float* out, i64 n, u64 key, u64 counter,
                                                               const u64* table) {
  zigguratNormals<float, 4>(out, n, key, counter, table);
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
