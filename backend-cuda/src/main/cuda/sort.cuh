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

// merges runs of width w into runs of 2w, per line, stable
extern "C" __global__ void k_merge(const u64* k, const i64* x, u64* k2, i64* x2, i64 len, i64 w, i64 nLines) {
  i64 pairs = (len + 2 * w - 1) / (2 * w);
  GRID_LOOP(e, nLines * pairs) {
    i64 q = e / pairs, pr = e % pairs;
    i64 base = q * len;
    i64 lo = pr * 2 * w, mid = lo + w < len ? lo + w : len, hi = lo + 2 * w < len ? lo + 2 * w : len;
    i64 i = lo, j = mid, o = lo;
    while (i < mid && j < hi) {
      if (k[base + j] < k[base + i]) { k2[base + o] = k[base + j]; x2[base + o++] = x[base + j++]; }
      else { k2[base + o] = k[base + i]; x2[base + o++] = x[base + i++]; }
    }
    while (i < mid) { k2[base + o] = k[base + i]; x2[base + o++] = x[base + i++]; }
    while (j < hi) { k2[base + o] = k[base + j]; x2[base + o++] = x[base + j++]; }
  }
}

// the same merge, parallel within each pair of runs: each thread finds where its tile of the output starts with
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

// writes sorted values (argsort == 0) or indices; lines: st[0] = out, st[1] = in
// ---- LSD radix sort of one line of (u64 key, i64 index) pairs, 8 bits per pass, stable ----
#define RADIX_TILE 2048

// hist[d * nb + b] = how many keys of tile b have digit d
extern "C" __global__ void k_radix_hist(const u64* keys, i64 n, int shift, unsigned* hist, i64 nb) {
  __shared__ unsigned cnt[256];
  for (i64 b = blockIdx.x; b < nb; b += gridDim.x) {
    cnt[threadIdx.x] = 0;
    __syncthreads();
    i64 lo = b * RADIX_TILE, hi = lo + RADIX_TILE < n ? lo + RADIX_TILE : n;
    for (i64 i = lo + threadIdx.x; i < hi; i += blockDim.x) atomicAdd(&cnt[(keys[i] >> shift) & 255], 1u);
    __syncthreads();
    hist[(i64)threadIdx.x * nb + b] = cnt[threadIdx.x];
    __syncthreads();
  }
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

// each digit's row of hist becomes its exclusive prefix over tiles; totals[d] = the digit's count
extern "C" __global__ void k_radix_rows(unsigned* hist, i64 nb, unsigned* totals) {
  __shared__ unsigned s[256];
  for (int d = blockIdx.x; d < 256; d += gridDim.x) {
    unsigned* row = hist + (i64)d * nb;
    unsigned carry = 0;
    for (i64 base = 0; base < nb; base += 256) {
      i64 i = base + threadIdx.x;
      unsigned v = i < nb ? row[i] : 0;
      unsigned incl = blockScan(v, s);
      if (i < nb) row[i] = carry + incl - v;
      // the chunk's total is the last thread's inclusive sum, shared through s
      if (threadIdx.x == 255) s[0] = incl;
      __syncthreads();
      carry += s[0];
      __syncthreads();
    }
    if (threadIdx.x == 0) totals[d] = carry;
    __syncthreads();
  }
}

// bases[d] = how many keys have a smaller digit (one block)
extern "C" __global__ void k_radix_bases(const unsigned* totals, unsigned* bases) {
  __shared__ unsigned s[256];
  unsigned v = totals[threadIdx.x];
  bases[threadIdx.x] = blockScan(v, s) - v;
}

// tile b's keys go to bases[d] + hist[d][b] + (their rank among the tile's keys of digit d, in order)
extern "C" __global__ void k_radix_scatter(const u64* k, const i64* x, u64* k2, i64* x2, i64 n, int shift,
                                           const unsigned* hist, i64 nb, const unsigned* bases) {
  __shared__ unsigned warpCnt[8][256];
  __shared__ unsigned running[256];
  int tid = threadIdx.x, lane = tid & 31, w = tid >> 5;
  for (i64 b = blockIdx.x; b < nb; b += gridDim.x) {
    running[tid] = bases[tid] + hist[(i64)tid * nb + b];
    for (int r = 0; r < RADIX_TILE / 256; r++) {
      for (int q = tid; q < 8 * 256; q += 256) (&warpCnt[0][0])[q] = 0;
      __syncthreads();
      i64 i = b * RADIX_TILE + r * 256 + tid;
      bool valid = i < n;
      u64 key = valid ? k[i] : 0;
      unsigned d = valid ? (unsigned)((key >> shift) & 255) : 0xffffffffu;
      unsigned peers = __match_any_sync(0xffffffffu, d);
      unsigned rank = __popc(peers & ((1u << lane) - 1u));
      if (valid && lane == __ffs(peers) - 1) warpCnt[w][d] = __popc(peers);
      __syncthreads();
      unsigned acc = 0;
      for (int q = 0; q < 8; q++) {
        unsigned c = warpCnt[q][tid];
        warpCnt[q][tid] = acc;
        acc += c;
      }
      __syncthreads();
      if (valid) {
        unsigned pos = running[d] + warpCnt[w][d] + rank;
        k2[pos] = key;
        x2[pos] = x[i];
      }
      __syncthreads();
      running[tid] += acc;
    }
    __syncthreads();
  }
}

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
