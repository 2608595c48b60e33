// Part of ndj.cu (included there, in this order); see ndj.cu for the conventions.
// Sorting: 64-bit order keys, stable merge sort per line, LSD radix sort of one long line, searchsorted.

// ---- sorting: 64-bit order keys, stable merge sort per line ----
__device__ __forceinline__ u64 orderKey(const void* p, int t, i64 i) {
  if (isF(t)) {
    double d = ldD(p, t, i);
    if (d != d) return 0xFFFFFFFFFFFFFFFFULL;     // NaN last
    if (d == 0) d = 0.0;                            // -0.0 sorts with 0.0
    u64 b = (u64)__double_as_longlong(d);
    return (b >> 63) ? ~b : (b | 0x8000000000000000ULL);
  }
  return (u64)ldL(p, t, i) ^ 0x8000000000000000ULL;
}

// lines: st[1] = in strides over the non-sorted axes; writes keys and indices contiguously per line
extern "C" __global__ void k_sort_keys(Geom lines, const void* in, int t, i64 len, i64 si, u64* keys, i64* idx, i64 total) {
  GRID_LOOP(e, total) {
    i64 q = e / len, j = e % len;
    i64 o[2];
    offsets(lines, q, 2, o);
    keys[e] = orderKey(in, t, o[1] + j * si);
    idx[e] = j;
  }
}

// merges runs of width w into runs of 2w, per line, stable, in parallel within each pair of runs: each thread finds where its tile of the output starts with
// a binary search along the merge path, then merges `tile` elements (A before B on ties: stable)
extern "C" __global__ void k_merge_path(const u64* k, const i64* x, u64* k2, i64* x2, i64 len, i64 w, i64 nLines,
                                        i64 tile) {
  i64 pairs = (len + 2 * w - 1) / (2 * w);
  i64 tiles = (2 * w + tile - 1) / tile;
  GRID_LOOP(e, nLines * pairs * tiles) {
    i64 t = e % tiles;
    i64 pr = (e / tiles) % pairs;
    i64 q = e / (tiles * pairs);
    i64 base = q * len;
    i64 lo = pr * 2 * w, mid = lo + w < len ? lo + w : len, hi = lo + 2 * w < len ? lo + 2 * w : len;
    i64 lenA = mid - lo, lenB = hi - mid;
    i64 d0 = t * tile;
    if (d0 >= lenA + lenB) continue;
    i64 d1 = d0 + tile < lenA + lenB ? d0 + tile : lenA + lenB;
    const u64* A = k + base + lo;
    const u64* B = k + base + mid;
    i64 l = d0 - lenB > 0 ? d0 - lenB : 0, h = d0 < lenA ? d0 : lenA;
    while (l < h) {
      i64 m = (l + h) >> 1;
      if (A[m] <= B[d0 - m - 1]) l = m + 1; else h = m;
    }
    i64 i = l, j = d0 - l;
    for (i64 d = d0; d < d1; d++) {
      bool takeA = j >= lenB || (i < lenA && A[i] <= B[j]);
      i64 src = takeA ? lo + i : mid + j;
      k2[base + lo + d] = k[base + src];
      x2[base + lo + d] = x[base + src];
      if (takeA) i++; else j++;
    }
  }
}

// ---- LSD radix sort of one long line, 8-bit digits: one histogram kernel for every digit, a plan, then one
// kernel per digit (onesweep: each tile ranks its keys in shared memory, finds where its digits go by a decoupled
// look-back over the tiles before it, and writes each digit's keys as one run). Keys are the dtype's width; the
// first pass encodes straight from the input and the last one decodes (or writes positions) straight into out. ----

// unsigned order keys: NaN last (all NaN one key, coming back as the canonical NaN), -0.0 just below 0.0 or, with
// zeroAlike (argsort: equal values keep their order), one key with 0.0
template <typename K> __device__ __forceinline__ K encodeKey(const void* p, int t, i64 i, bool zeroAlike);
template <>
__device__ __forceinline__ unsigned encodeKey<unsigned>(const void* p, int t, i64 i, bool zeroAlike) {
  switch (t) {
    case T_FLOAT32: {
      unsigned b = ((const unsigned*)p)[i];
      if ((b & 0x7FFFFFFFu) > 0x7F800000u) return 0xFFFFFFFFu;
      if (zeroAlike && b == 0x80000000u) b = 0;
      return (b >> 31) ? ~b : b | 0x80000000u;
    }
    case T_FLOAT16: {
      unsigned b = ((const unsigned short*)p)[i];
      if ((b & 0x7FFFu) > 0x7C00u) return 0xFFFFu;
      if (zeroAlike && b == 0x8000u) b = 0;
      return (b >> 15) ? ~b & 0xFFFFu : b | 0x8000u;
    }
    case T_INT32: return (unsigned)((const int*)p)[i] ^ 0x80000000u;
    case T_INT16: return (unsigned)(((const short*)p)[i] + 32768);
    case T_INT8: return (unsigned)(((const signed char*)p)[i] + 128);
    case T_UINT8: return ((const unsigned char*)p)[i];
    case T_UINT16: return ((const unsigned short*)p)[i];
    case T_UINT32: return ((const unsigned*)p)[i];
    default: return ((const unsigned char*)p)[i] != 0;
  }
}
template <> __device__ __forceinline__ u64 encodeKey<u64>(const void* p, int t, i64 i, bool zeroAlike) {
  u64 b = ((const u64*)p)[i];
  if (t == T_INT64) return b ^ 0x8000000000000000ULL;
  if ((b & 0x7FFFFFFFFFFFFFFFULL) > 0x7FF0000000000000ULL) return ~0ULL;
  if (zeroAlike && b == 0x8000000000000000ULL) b = 0;
  return (b >> 63) ? ~b : b | 0x8000000000000000ULL;
}

__device__ __forceinline__ void decodeKey(void* p, int t, i64 i, unsigned k) {
  switch (t) {
    case T_FLOAT32: ((unsigned*)p)[i] = k == 0xFFFFFFFFu ? 0x7FC00000u : (k >> 31) ? k & 0x7FFFFFFFu : ~k; return;
    case T_FLOAT16: ((unsigned short*)p)[i] = k == 0xFFFFu ? 0x7E00u : (k >> 15) ? k & 0x7FFFu : ~k & 0xFFFFu; return;
    case T_INT32: ((unsigned*)p)[i] = k ^ 0x80000000u; return;
    case T_UINT32: ((unsigned*)p)[i] = k; return;
    case T_UINT16: ((unsigned short*)p)[i] = (unsigned short)k; return;
    case T_INT16: ((short*)p)[i] = (short)((int)k - 32768); return;
    case T_INT8: ((signed char*)p)[i] = (signed char)((int)k - 128); return;
    default: ((unsigned char*)p)[i] = (unsigned char)k; return;
  }
}
__device__ __forceinline__ void decodeKey(void* p, int t, i64 i, u64 k) {
  if (t == T_INT64) ((u64*)p)[i] = k ^ 0x8000000000000000ULL;
  else ((u64*)p)[i] = k == ~0ULL ? 0x7FF8000000000000ULL : (k >> 63) ? k & 0x7FFFFFFFFFFFFFFFULL : ~k;
}

// calls f(DT<t>()) with the dtype code as a compile-time constant, so that loops over keys hold no switch
template <int T> struct DT { static constexpr int code = T; };
template <typename K, typename F> __device__ __forceinline__ void withDtype(int t, F f) {
  if constexpr (sizeof(K) == 8) {
    if (t == T_INT64) f(DT<T_INT64>()); else f(DT<T_FLOAT64>());
  } else {
    switch (t) {
      case T_FLOAT32: f(DT<T_FLOAT32>()); break;
      case T_FLOAT16: f(DT<T_FLOAT16>()); break;
      case T_INT32: f(DT<T_INT32>()); break;
      case T_INT16: f(DT<T_INT16>()); break;
      case T_INT8: f(DT<T_INT8>()); break;
      case T_UINT8: f(DT<T_UINT8>()); break;
      case T_UINT16: f(DT<T_UINT16>()); break;
      case T_UINT32: f(DT<T_UINT32>()); break;
      default: f(DT<T_BOOL>()); break;
    }
  }
}

// hist[p * 256 + d] += how many keys have digit d in byte p (hist zeroed before)
template <typename K>
__device__ void radixHist(const void* in, int t, i64 si, i64 n, bool zeroAlike, unsigned* hist) {
  constexpr int P = sizeof(K);
  __shared__ unsigned h[P * 256];
  for (int q = threadIdx.x; q < P * 256; q += blockDim.x) h[q] = 0;
  __syncthreads();
  // 8 loads in flight per thread: one at a time leaves the loop waiting on memory
  withDtype<K>(t, [&](auto dt) {
    for (i64 c = blockIdx.x * (i64)2048; c < n; c += gridDim.x * (i64)2048) {
      K k[8];
#pragma unroll
      for (int j = 0; j < 8; j++) {
        i64 i = c + j * 256 + threadIdx.x;
        if (i < n) k[j] = encodeKey<K>(in, decltype(dt)::code, i * si, zeroAlike);
      }
#pragma unroll
      for (int j = 0; j < 8; j++) {
        if (c + j * 256 + threadIdx.x < n) {
#pragma unroll
          for (int p = 0; p < P; p++) atomicAdd(&h[p * 256 + (unsigned)((k[j] >> (8 * p)) & 255)], 1u);
        }
      }
    }
  });
  __syncthreads();
  for (int q = threadIdx.x; q < P * 256; q += blockDim.x)
    if (h[q]) atomicAdd(hist + q, h[q]);
}
extern "C" __global__ void k_radix_hist32(const void* in, int t, i64 si, i64 n, int zeroAlike, unsigned* hist) {
  radixHist<unsigned>(in, t, si, n, zeroAlike, hist);
}
extern "C" __global__ void k_radix_hist64(const void* in, int t, i64 si, i64 n, int zeroAlike, unsigned* hist) {
  radixHist<u64>(in, t, si, n, zeroAlike, hist);
}

// block-wide inclusive scan of one value per thread (256 threads)
__device__ __forceinline__ unsigned blockScan(unsigned v, unsigned* s) {
  s[threadIdx.x] = v;
  __syncthreads();
  for (int o = 1; o < 256; o <<= 1) {
    unsigned t = threadIdx.x >= o ? s[threadIdx.x - o] : 0;
    __syncthreads();
    s[threadIdx.x] += t;
    __syncthreads();
  }
  unsigned r = s[threadIdx.x];
  __syncthreads();
  return r;
}

// One block of 256: bases[p * 256 + d] = how many keys have a smaller digit in byte p; plan[3p..3p+2] = pass p
// runs?, its source (0 the input, 1 buffer A, 2 buffer B) and destination (1 A, 2 B, 3 out). A pass is skipped
// when every key has the same digit there; at least two passes run, so the input is read only before out is
// written (a pass over a constant digit keeps the order: it is stable).
extern "C" __global__ void k_radix_plan(const unsigned* hist, int P, i64 n, unsigned* bases, int* plan) {
  __shared__ unsigned s[256];
  __shared__ int runs[8];
  for (int p = 0; p < P; p++) {
    unsigned v = hist[p * 256 + threadIdx.x];
    bases[p * 256 + threadIdx.x] = blockScan(v, s) - v;
    if (threadIdx.x == 0) runs[p] = 1;
    __syncthreads();
    if ((i64)v == n) runs[p] = 0;
    __syncthreads();
  }
  if (threadIdx.x == 0) {
    int count = 0;
    for (int p = 0; p < P; p++) count += runs[p];
    for (int p = 0; p < P && count < 2; p++)
      if (!runs[p]) { runs[p] = 1; count++; }
    int last = 0;
    for (int p = 0; p < P; p++) if (runs[p]) last = p;
    int src = 0;
    for (int p = 0; p < P; p++) {
      int dst = p == last ? 3 : src == 1 ? 2 : 1;
      plan[3 * p] = runs[p];
      plan[3 * p + 1] = src;
      plan[3 * p + 2] = dst;
      if (runs[p]) src = dst;
    }
  }
}

#define LOOK_AGGREGATE 0x40000000u
#define LOOK_PREFIX 0x80000000u
#define LOOK_VALUE 0x3FFFFFFFu

// status words are read and written at GPU scope (not the system scope of volatile accesses)
__device__ __forceinline__ unsigned loadStatus(const unsigned* p) {
  unsigned v;
  asm volatile("ld.relaxed.gpu.global.u32 %0, [%1];" : "=r"(v) : "l"(p) : "memory");
  return v;
}
__device__ __forceinline__ void storeStatus(unsigned* p, unsigned v) {
  asm volatile("st.relaxed.gpu.global.u32 [%0], %1;" ::"l"(p), "r"(v) : "memory");
}

// One pass over byte p. Tile b (taken in launch order from *counter, so the tiles it waits on are running) holds
// 32 * WARPS * ITEMS keys, warp w the run w * 32 * ITEMS.. of them. Arranged as CUB's onesweep ranks: each warp first
// counts its digits in its own row of counts, whose column sums (the tile's count of each digit) are published in
// status[b * 256 + d] (zeroed before) at once, then as the count over tiles 0..b after the look-back, so a tile waits
// only on those before it, and mostly not at all. One scan turns the rows into where each warp's run of a digit
// starts in the tile; lanes with equal digits find each other through one bit mask per digit in shared memory, and
// the highest of them bumps its warp's start, so a key's rank needs no second look-up. The first 256 threads own one
// digit each. Measured on an H100, 1e7 uniform keys, whole sorts: float32 0.382 ms with 8 warps that ranked first and
// added the warps' starts after -> 0.345 with this at 12 warps x 16 keys, 3 blocks per SM (CUB 0.296); float64 0.900
// -> 0.788 at 16 warps x 16, 2 per SM (CUB 0.776); argsorts 0.545 -> 0.494 and 1.276 -> 1.103 at 16 warps.
template <typename K, int ITEMS, int WARPS, bool ARG>
__device__ __forceinline__ void radixPass(const void* in, int t, i64 si, void* out, i64 so, K* ka, K* kb,
                                          unsigned* xa, unsigned* xb, i64 n, int p, const int* plan,
                                          const unsigned* bases, unsigned* status, unsigned* counter) {
  static_assert(WARPS >= 8, "the first 256 threads own one digit each");
  constexpr int THREADS = 32 * WARPS;
  constexpr int TILE = THREADS * ITEMS;
  // dynamic shared memory (the host's RadixShape.sharedBytes): the warps' counts, later the tile's keys in order;
  // then the positions
  constexpr int KEYS_BYTES = TILE * (int)sizeof(K) > WARPS * 1024 ? TILE * (int)sizeof(K) : WARPS * 1024;
  extern __shared__ __align__(16) unsigned char dyn[];
  unsigned(*hist)[256] = reinterpret_cast<unsigned(*)[256]>(dyn);
  K* keysS = reinterpret_cast<K*>(dyn);
  unsigned* sidx = reinterpret_cast<unsigned*>(dyn + KEYS_BYTES);
  __shared__ unsigned matchMask[WARPS][256];
  __shared__ unsigned warpSums[8];
  __shared__ int offs[256];
  __shared__ unsigned tileNo;
  if (!plan[3 * p]) return;
  const int src = plan[3 * p + 1], dst = plan[3 * p + 2];
  const int tid = threadIdx.x, lane = tid & 31, w = tid >> 5, shift = 8 * p;
  if (tid == 0) tileNo = atomicAdd(counter, 1u);
  for (int q = lane; q < 256; q += 32) {
    hist[w][q] = 0;
    matchMask[w][q] = 0;
  }
  __syncthreads();
  const i64 b = tileNo;
  const i64 tileStart = b * TILE;
  const int count = (int)(n - tileStart < TILE ? n - tileStart : TILE);
  const int mine = w * 32 * ITEMS + lane;
  const int limit = count - mine;  // item j is a key when j * 32 < limit
  K key[ITEMS];
  unsigned idx[ITEMS], rank[ITEMS];
  if (src == 0) {
    withDtype<K>(t, [&](auto dt) {
#pragma unroll
      for (int j = 0; j < ITEMS; j++) {
        key[j] = j * 32 < limit ? encodeKey<K>(in, decltype(dt)::code, (tileStart + mine + j * 32) * si, ARG) : 0;
        idx[j] = (unsigned)(tileStart + mine + j * 32);
      }
    });
  } else {
    const K* kp = (src == 1 ? ka : kb) + tileStart + mine;
    const unsigned* xp = (src == 1 ? xa : xb) + tileStart + mine;
#pragma unroll
    for (int j = 0; j < ITEMS; j++) {
      key[j] = j * 32 < limit ? kp[j * 32] : 0;
      if (ARG) idx[j] = j * 32 < limit ? xp[j * 32] : 0;
    }
  }
#pragma unroll
  for (int j = 0; j < ITEMS; j++)
    if (j * 32 < limit) atomicAdd(&hist[w][(unsigned)(key[j] >> shift) & 255], 1u);
  __syncthreads();
  // digit threads: the tile's count (published at once), then each warp's start within the digit's run
  unsigned total = 0;
  if (tid < 256) {
#pragma unroll
    for (int q = 0; q < WARPS; q++) {
      unsigned c = hist[q][tid];
      hist[q][tid] = total;
      total += c;
    }
    storeStatus(status + b * 256 + tid, (b == 0 ? LOOK_PREFIX : LOOK_AGGREGATE) | total);
  }
  unsigned incl = total;
#pragma unroll
  for (int o = 1; o < 32; o <<= 1) {
    unsigned v = __shfl_up_sync(0xFFFFFFFFu, incl, o);
    if (lane >= o) incl += v;
  }
  if (tid < 256 && lane == 31) warpSums[w] = incl;
  __syncthreads();
  unsigned localStart = incl - total;
  if (tid < 256) {
    for (int q = 0; q < w; q++) localStart += warpSums[q];
#pragma unroll
    for (int q = 0; q < WARPS; q++) hist[q][tid] += localStart;
  }
  __syncthreads();
  // each lane sets its bit in its digit's mask; the highest lane of a digit bumps the warp's start and clears it
  const unsigned upTo = (2u << lane) - 1u;
#pragma unroll
  for (int j = 0; j < ITEMS; j++) {
    bool valid = j * 32 < limit;
    unsigned d = (unsigned)(key[j] >> shift) & 255;
    unsigned* m = &matchMask[w][d];
    if (valid) atomicOr(m, 1u << lane);
    __syncwarp();
    unsigned peers = valid ? *m : 0;
    int leader = 31 - __clz(peers);
    unsigned at = 0;
    if (valid && lane == leader) {
      at = hist[w][d];
      hist[w][d] = at + __popc(peers);
    }
    at = __shfl_sync(0xFFFFFFFFu, at, leader & 31);
    if (valid && lane == leader) *m = 0;
    __syncwarp();
    rank[j] = at + __popc(peers & upTo) - 1;
  }
  if (tid < 256) {
    unsigned before = 0;
    for (i64 q = b - 1; q >= 0;) {
      unsigned v = loadStatus(status + q * 256 + tid);
      if (!(v & (LOOK_AGGREGATE | LOOK_PREFIX))) continue;
      before += v & LOOK_VALUE;
      if (v & LOOK_PREFIX) break;
      q--;
    }
    if (b > 0) storeStatus(status + b * 256 + tid, LOOK_PREFIX | (before + total));
    offs[tid] = (int)(bases[p * 256 + tid] + before - localStart);
  }
  __syncthreads();
#pragma unroll
  for (int j = 0; j < ITEMS; j++) {
    if (j * 32 < limit) {
      keysS[rank[j]] = key[j];
      if (ARG) sidx[rank[j]] = idx[j];
    }
  }
  __syncthreads();
  if (dst != 3) {
    K* kd = dst == 1 ? ka : kb;
    unsigned* xd = dst == 1 ? xa : xb;
    for (int i = tid; i < count; i += THREADS) {
      K k = keysS[i];
      int g = offs[(unsigned)(k >> shift) & 255] + i;
      kd[g] = k;
      if (ARG) xd[g] = sidx[i];
    }
  } else if (ARG) {
    for (int i = tid; i < count; i += THREADS)
      ((i64*)out)[(offs[(unsigned)(keysS[i] >> shift) & 255] + i) * so] = sidx[i];
  } else {
    withDtype<K>(t, [&](auto dt) {
      for (int i = tid; i < count; i += THREADS) {
        K k = keysS[i];
        decodeKey(out, decltype(dt)::code, (offs[(unsigned)(k >> shift) & 255] + i) * so, k);
      }
    });
  }
}

#define RADIX_PASS(name, K, ITEMS, WARPS, ARG, MIN_BLOCKS)                                                        \
  extern "C" __global__ void __launch_bounds__(32 * WARPS, MIN_BLOCKS) name(const void* in, int t, i64 si, void* out, \
      i64 so, K* ka, K* kb, unsigned* xa, unsigned* xb, i64 n, int p, const int* plan, const unsigned* bases,         \
      unsigned* status, unsigned* counter) {                                                                          \
    radixPass<K, ITEMS, WARPS, ARG>(in, t, si, out, so, ka, kb, xa, xb, n, p, plan, bases, status, counter);         \
  }
// keys a thread and warps a block (the host's RadixShape mirrors them)
RADIX_PASS(k_radix_pass32, unsigned, 16, 12, false, 3)
RADIX_PASS(k_radix_pass32_arg, unsigned, 16, 16, true, 2)
RADIX_PASS(k_radix_pass64, u64, 16, 16, false, 2)
RADIX_PASS(k_radix_pass64_arg, u64, 12, 16, true, 2)

// One line longer than a radix sort's 30-bit counts, after each run of w values was radix-sorted on its own: merges
// runs of w into runs of 2w, stable (A before B on ties), `tile` outputs a thread after a binary search along the
// merge path. Sorts merge the values themselves (contiguous in a; compared by their order keys, copied as they
// are); argsorts merge positions (contiguous in a, their keys read from the input at in + pos * si; with
// firstPass, each run's positions are still run-local and gain the run's start). The merged run goes to b with
// stride so: scratch, or the out array on the last pass.
template <typename K, bool ARG>
__device__ __forceinline__ void mergeRuns(const void* in, int t, i64 si, const void* a, void* b, i64 so, i64 len,
                                          i64 w, i64 tile, bool firstPass) {
  withDtype<K>(t, [&](auto dt) {
    constexpr int T = decltype(dt)::code;
    const i64* pa = (const i64*)a;
    // the position (argsort) of element i of a
    auto pos = [&](i64 i) { return pa[i] + (firstPass ? i / w * w : 0); };
    auto key = [&](i64 i) { return ARG ? encodeKey<K>(in, T, pos(i) * si, true) : encodeKey<K>(a, T, i, false); };
    i64 pairs = (len + 2 * w - 1) / (2 * w);
    i64 tiles = (2 * w + tile - 1) / tile;
    GRID_LOOP(e, pairs * tiles) {
      i64 tl = e % tiles;
      i64 lo = e / tiles * 2 * w, mid = lo + w < len ? lo + w : len, hi = lo + 2 * w < len ? lo + 2 * w : len;
      i64 lenA = mid - lo, lenB = hi - mid;
      i64 d0 = tl * tile;
      if (d0 >= lenA + lenB) continue;
      i64 d1 = d0 + tile < lenA + lenB ? d0 + tile : lenA + lenB;
      i64 l = d0 - lenB > 0 ? d0 - lenB : 0, h = d0 < lenA ? d0 : lenA;
      while (l < h) {
        i64 m = (l + h) >> 1;
        if (key(lo + m) <= key(mid + d0 - m - 1)) l = m + 1; else h = m;
      }
      i64 i = l, j = d0 - l;
      K ka = i < lenA ? key(lo + i) : 0, kb = j < lenB ? key(mid + j) : 0;
      for (i64 d = d0; d < d1; d++) {
        bool takeA = j >= lenB || (i < lenA && ka <= kb);
        i64 src = takeA ? lo + i : mid + j;
        if (ARG) ((i64*)b)[(lo + d) * so] = pos(src);
        else cpyRaw(b, (lo + d) * so, a, src, isize(T));
        if (takeA) { if (++i < lenA) ka = key(lo + i); }
        else if (++j < lenB) kb = key(mid + j);
      }
    }
  });
}
#define MERGE_RUNS(name, K, ARG)                                                                                   \
  extern "C" __global__ void name(const void* in, int t, i64 si, const void* a, void* b, i64 so, i64 len, i64 w,  \
                                  i64 tile, int firstPass) {                                                      \
    mergeRuns<K, ARG>(in, t, si, a, b, so, len, w, tile, firstPass);                                              \
  }
MERGE_RUNS(k_merge_runs32, unsigned, false)
MERGE_RUNS(k_merge_runs32_arg, unsigned, true)
MERGE_RUNS(k_merge_runs64, u64, false)
MERGE_RUNS(k_merge_runs64_arg, u64, true)

// writes sorted values (argsort == 0) or indices; lines: st[0] = out, st[1] = in
extern "C" __global__ void k_sort_write(Geom lines, void* out, const void* in, int t, i64 len, i64 so, i64 si,
                                        const i64* idx, int argsort, i64 total) {
  GRID_LOOP(e, total) {
    i64 q = e / len, j = e % len;
    i64 o[2];
    offsets(lines, q, 2, o);
    i64 src = idx[e];
    if (argsort) ((i64*)out)[o[0] + j * so] = src;
    else cpyRaw(out, o[0] + j * so, in, o[1] + src * si, isize(t));
  }
}

extern "C" __global__ void k_searchsorted(Geom g, i64* out, const void* sorted, i64 sn, i64 soff, i64 sst,
                                           const void* v, int t, int right, i64 n) {
  GRID_LOOP(e, n) {
    i64 o[2];
    offsets(g, e, 2, o);
    u64 key = orderKey(v, t, o[1]);
    i64 lo = 0, hi = sn;
    while (lo < hi) {
      i64 mid = (lo + hi) >> 1;
      u64 km = orderKey(sorted, t, soff + mid * sst);
      if (right ? km <= key : km < key) lo = mid + 1; else hi = mid;
    }
    out[o[0]] = lo;
  }
}

// ---- selection (Kernels.select): the values a sort of each line would put at a few places, by radix select: 8-bit
// digits from the top of keys as wide as the dtype, every place of every line in one pass over the data per digit
// (a histogram of the digit among the keys that share the place's prefix so far, then a step that picks the digit
// holding the place's rank), no host round trip. state: per (line, place) its prefix and the rank left in it. ----

// order keys in the top bits of a u64, as wide as the dtype: NaN last (one key), -0.0 just below 0.0, as sorts order
__device__ __forceinline__ u64 selectKey(const void* p, int t, i64 i) {
  switch (t) {
    case T_FLOAT64: {
      u64 b = ((const u64*)p)[i];
      if ((b & 0x7FFFFFFFFFFFFFFFULL) > 0x7FF0000000000000ULL) return ~0ULL;
      return (b >> 63) ? ~b : b | 0x8000000000000000ULL;
    }
    case T_FLOAT32: {
      unsigned b = ((const unsigned*)p)[i];
      if ((b & 0x7FFFFFFFu) > 0x7F800000u) return ~0ULL;
      return (u64)((b >> 31) ? ~b : b | 0x80000000u) << 32;
    }
    case T_FLOAT16: {
      unsigned b = ((const unsigned short*)p)[i];
      if ((b & 0x7FFFu) > 0x7C00u) return ~0ULL;
      return (u64)(((b >> 15) ? ~b : b | 0x8000u) & 0xFFFFu) << 48;
    }
    case T_UINT8: return (u64)((const unsigned char*)p)[i] << 56;
    case T_UINT16: return (u64)((const unsigned short*)p)[i] << 48;
    case T_UINT32: return (u64)((const unsigned*)p)[i] << 32;
    case T_UINT64: return ((const u64*)p)[i];
    default: {
      int bits = 8 * isize(t);
      return ((u64)ldL(p, t, i) ^ (1ULL << (bits - 1))) << (64 - bits);
    }
  }
}

// the value of a selectKey (NaN comes back as the canonical NaN)
__device__ __forceinline__ void storeSelected(void* out, int t, i64 i, u64 key) {
  switch (t) {
    case T_FLOAT64:
      ((u64*)out)[i] = key == ~0ULL ? 0x7FF8000000000000ULL : (key >> 63) ? key & 0x7FFFFFFFFFFFFFFFULL : ~key;
      return;
    case T_FLOAT32: {
      unsigned k = (unsigned)(key >> 32);
      ((unsigned*)out)[i] = k == 0xFFFFFFFFu ? 0x7FC00000u : (k >> 31) ? k & 0x7FFFFFFFu : ~k;
      return;
    }
    case T_FLOAT16: {
      unsigned k = (unsigned)(key >> 48);
      ((unsigned short*)out)[i] = (unsigned short)(k == 0xFFFFu ? 0x7E00u : (k >> 15) ? k & 0x7FFFu : ~k & 0xFFFFu);
      return;
    }
    case T_UINT8: ((unsigned char*)out)[i] = (unsigned char)(key >> 56); return;
    case T_UINT16: ((unsigned short*)out)[i] = (unsigned short)(key >> 48); return;
    case T_UINT32: ((unsigned*)out)[i] = (unsigned)(key >> 32); return;
    case T_UINT64: ((u64*)out)[i] = key; return;
    default: {
      int bits = 8 * isize(t);
      u64 v = (key >> (64 - bits)) ^ (1ULL << (bits - 1));
      stL(out, t, i, (i64)(v << (64 - bits)) >> (64 - bits));
    }
  }
}

#define SELECT_PLACES 16

struct Places {
  i64 k[SELECT_PLACES];
};

extern "C" __global__ void k_select_init(Places places, u64* state, int count, i64 pairs) {
  GRID_LOOP(p, pairs) {
    state[2 * p] = 0;
    state[2 * p + 1] = (u64)places.k[p % count];
  }
}

// one digit's counts: grid (blocks per line, lines); the line's places that share a prefix count once (in the first
// of them) and lanes of a warp adding the same digit add once (the first digits of most data are a few values)
extern "C" __global__ void k_select_hist(const void* in, int t, i64 n, i64 rs, i64 ls, int count, int pass,
                                         const u64* state, unsigned* hist) {
  __shared__ unsigned local[SELECT_PLACES][256];
  __shared__ u64 prefix[SELECT_PLACES];
  __shared__ int first[SELECT_PLACES];
  i64 line = blockIdx.y;
  u64 high = pass == 0 ? 0 : ~0ULL << (64 - 8 * pass);
  int shift = 56 - 8 * pass;
  for (int i = threadIdx.x; i < count * 256; i += blockDim.x) local[i / 256][i % 256] = 0;
  if (threadIdx.x < count) prefix[threadIdx.x] = state[2 * (line * count + threadIdx.x)] & high;
  __syncthreads();
  if (threadIdx.x < count) {
    int c = threadIdx.x;
    while (c > 0 && prefix[c - 1] == prefix[threadIdx.x]) c--;
    first[threadIdx.x] = c;
  }
  __syncthreads();
  int lane = threadIdx.x & 31;
  const i64 stride = (i64)blockDim.x * gridDim.x;
  // every lane of a warp runs the same trips, so the warp-wide votes below see all of it
  for (i64 base = blockIdx.x * (i64)blockDim.x; base < n; base += stride) {
    i64 e = base + threadIdx.x;
    bool in_range = e < n;
    u64 key = in_range ? selectKey(in, t, line * rs + e * ls) : 0;
    unsigned d = (unsigned)(key >> shift) & 255;
    for (int c = 0; c < count; c++) {
      if (first[c] != c) continue;
      bool hit = in_range && ((key & high) == prefix[c]);
      unsigned voters = __ballot_sync(0xFFFFFFFFu, hit);
      if (hit) {
        unsigned peers = __match_any_sync(voters, d);
        if (lane == __ffs(peers) - 1) atomicAdd(&local[c][d], (unsigned)__popc(peers));
      }
    }
  }
  __syncthreads();
  for (int i = threadIdx.x; i < count * 256; i += blockDim.x) {
    unsigned v = local[first[i / 256]][i % 256];
    if (v) atomicAdd(&hist[line * count * 256 + i], v);
  }
}

// the digit of each (line, place) that holds its rank: the prefix grows by it, the rank drops by the counts below;
// the counts are zeroed for the next digit
extern "C" __global__ void k_select_step(u64* state, unsigned* hist, i64 pairs, int pass) {
  GRID_LOOP(p, pairs) {
    unsigned* h = hist + p * 256;
    u64 rank = state[2 * p + 1], below = 0;
    int digit = -1;
    for (int d = 0; d < 256; d++) {
      unsigned c = h[d];
      h[d] = 0;
      if (digit < 0) {
        if (below + c > rank) digit = d;
        else below += c;
      }
    }
    state[2 * p] |= (u64)(digit < 0 ? 255 : digit) << (56 - 8 * pass);
    state[2 * p + 1] = rank - below;
  }
}

extern "C" __global__ void k_select_write(const u64* state, void* out, int t, int count, i64 os0, i64 os1,
                                          i64 pairs) {
  GRID_LOOP(p, pairs) storeSelected(out, t, (p / count) * os0 + (p % count) * os1, state[2 * p]);
}
