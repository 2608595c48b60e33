// Part of ndj.cu (included there, in this order); see ndj.cu for the conventions.
// Typed SUM/MIN/MAX over contiguous float32/float64 rows or columns.

// ---- fast float reductions over contiguous float32/float64: SUM (in double), MIN, MAX (NaN wins) ----
__device__ __forceinline__ double fastInit(int op) {
  return op == R_SUM ? 0.0 : op == R_MIN ? __longlong_as_double(0x7ff0000000000000LL)
                                         : -__longlong_as_double(0x7ff0000000000000LL);
}

__device__ __forceinline__ double fastFold(int op, double a, double v) {
  if (op == R_SUM) return a + v;
  if (a != a) return a;
  if (v != v) return v;
  return op == R_MIN ? fmin(a, v) : fmax(a, v);
}

// block-wide fold of one double per thread; the result is valid in thread 0
__device__ __forceinline__ double blockFold(int op, double v) {
  __shared__ double warps[32];
  for (int o = 16; o > 0; o >>= 1) v = fastFold(op, v, __shfl_down_sync(0xffffffffu, v, o));
  int lane = threadIdx.x & 31, w = threadIdx.x >> 5;
  if (lane == 0) warps[w] = v;
  __syncthreads();
  if (w == 0) {
    v = lane < (blockDim.x >> 5) ? warps[lane] : fastInit(op);
    for (int o = 16; o > 0; o >>= 1) v = fastFold(op, v, __shfl_down_sync(0xffffffffu, v, o));
  }
  __syncthreads();
  return v;
}

// the value an element adds: itself, or with SQ its squared deviation from m, (x - m)^2 with the difference and
// the square rounded in T, as NumPy's var squares the deviations in the input's dtype before it sums them
template <bool SQ, typename T>
__device__ __forceinline__ double lift(T x, T m) {
  if constexpr (SQ) {
    T d = x - m;
    return (double)(d * d);
  } else {
    return (double)x;
  }
}

// four consecutive elements as one load where the pointer allows (16-byte float4 / double2 pairs)
template <bool SQ = false>
__device__ __forceinline__ double fold4(int op, double a, const float* p, i64 q, float m = 0) {
  float4 v = reinterpret_cast<const float4*>(p)[q];
  a = fastFold(op, fastFold(op, a, lift<SQ>(v.x, m)), lift<SQ>(v.y, m));
  return fastFold(op, fastFold(op, a, lift<SQ>(v.z, m)), lift<SQ>(v.w, m));
}

template <bool SQ = false>
__device__ __forceinline__ double fold4(int op, double a, const double* p, i64 q, double m = 0) {
  double2 v = reinterpret_cast<const double2*>(p)[2 * q];
  double2 w = reinterpret_cast<const double2*>(p)[2 * q + 1];
  a = fastFold(op, fastFold(op, a, lift<SQ>(v.x, m)), lift<SQ>(v.y, m));
  return fastFold(op, fastFold(op, a, lift<SQ>(w.x, m)), lift<SQ>(w.y, m));
}

// rows x len, row-major: block b folds chunk (b % chunks) of row (b / chunks) (chunks split the row's groups of
// four, the last chunk also takes the row's tail); with one chunk it stores the row's result, else a partial, and
// the row's last block to finish (counted in done[row], which it resets to 0) folds the partials in index order,
// as a separate merge kernel would: one launch instead of two
// With SQ each element adds its squared deviation from its row's mean[r] (var's sum without the squares' array).
template <typename T, bool SQ = false>
__device__ void rowsFold(const T* in, T* out, double* partial, unsigned* done, i64 rows, i64 len, i64 chunks,
                         int op, const T* mean = nullptr) {
  __shared__ bool last;
  for (i64 b = blockIdx.x; b < rows * chunks; b += gridDim.x) {
    i64 r = b / chunks, c = b % chunks;
    const T* p = in + r * len;
    T m = 0;
    if constexpr (SQ) m = mean[r];
    i64 step = blockDim.x;
    double a0 = fastInit(op), a1 = a0;
    if (((uintptr_t)p & 15) == 0) {
      i64 n4 = len / 4;
      i64 lo = n4 * c / chunks, hi = n4 * (c + 1) / chunks;
      i64 q = lo + threadIdx.x;
      for (; q + step < hi; q += 2 * step) {
        a0 = fold4<SQ>(op, a0, p, q, m);
        a1 = fold4<SQ>(op, a1, p, q + step, m);
      }
      if (q < hi) a0 = fold4<SQ>(op, a0, p, q, m);
      if (c == chunks - 1) {
        for (i64 j = n4 * 4 + threadIdx.x; j < len; j += step) a1 = fastFold(op, a1, lift<SQ>(p[j], m));
      }
    } else {
      i64 lo = len * c / chunks, hi = len * (c + 1) / chunks;
      i64 j = lo + threadIdx.x;
      for (; j + step < hi; j += 2 * step) {
        a0 = fastFold(op, a0, lift<SQ>(p[j], m));
        a1 = fastFold(op, a1, lift<SQ>(p[j + step], m));
      }
      if (j < hi) a0 = fastFold(op, a0, lift<SQ>(p[j], m));
    }
    double v = blockFold(op, fastFold(op, a0, a1));
    if (chunks == 1) {
      if (threadIdx.x == 0) out[r] = (T)v;
      continue;
    }
    if (threadIdx.x == 0) {
      partial[b] = v;
      __threadfence();
      last = atomicAdd(&done[r], 1u) == chunks - 1;
    }
    __syncthreads();
    if (last) {
      __threadfence();
      double a = fastInit(op);
      for (i64 j = threadIdx.x; j < chunks; j += blockDim.x) a = fastFold(op, a, __ldcg(&partial[r * chunks + j]));
      a = blockFold(op, a);
      if (threadIdx.x == 0) {
        out[r] = (T)a;
        done[r] = 0;
      }
    }
    __syncthreads();
  }
}

extern "C" __global__ void k_rows_f32(const float* in, float* out, double* partial, unsigned* done, i64 rows,
                                      i64 len, i64 chunks, int op) {
  rowsFold<float>(in, out, partial, done, rows, len, chunks, op);
}

extern "C" __global__ void k_rows_f64(const double* in, double* out, double* partial, unsigned* done, i64 rows,
                                      i64 len, i64 chunks, int op) {
  rowsFold<double>(in, out, partial, done, rows, len, chunks, op);
}

extern "C" __global__ void k_sqdev_rows_f32(const float* in, float* out, double* partial, unsigned* done, i64 rows,
                                            i64 len, i64 chunks, int op, const float* mean) {
  rowsFold<float, true>(in, out, partial, done, rows, len, chunks, op, mean);
}

extern "C" __global__ void k_sqdev_rows_f64(const double* in, double* out, double* partial, unsigned* done,
                                            i64 rows, i64 len, i64 chunks, int op, const double* mean) {
  rowsFold<double, true>(in, out, partial, done, rows, len, chunks, op, mean);
}

// the sum of a whole array in blocked tiles: a tile is blockDim x U units of four elements, each thread's U units
// consecutive (CUB's arrangement); block c of `chunks` sums tiles [c*T/chunks, (c+1)*T/chunks) (a start off 16
// bytes: elements [c*len/chunks, (c+1)*len/chunks) one by one) and the last block to finish folds the partials in
// order. On an H100 at 1e8, 512 threads and two chunks per SM: float32 (two units a thread) 0.151 -> 0.139-0.146
// ms in the bench (CuPy's 0.144); float64 (one unit: two measured 9% slower) 0.277 -> 0.266 alone (CUB's 0.265)
template <typename T, int U, bool SQ = false>
__device__ __forceinline__ void sumTiles(const T* p, T* out, double* partial, unsigned* done, i64 len, i64 chunks,
                                         const T* mean = nullptr) {
  __shared__ bool last;
  T m = 0;
  if constexpr (SQ) m = mean[0];
  constexpr int L = 4; // fold4 reads four elements: one float4 or two double2
  i64 nv = len / L;
  i64 tileV = (i64)blockDim.x * U;
  bool aligned = ((uintptr_t)p & 15) == 0;
  i64 tiles = aligned ? nv / tileV : 0;
  for (i64 c = blockIdx.x; c < chunks; c += gridDim.x) {
    double acc[U];
#pragma unroll
    for (int u = 0; u < U; u++) acc[u] = 0;
    i64 lo = tiles * c / chunks, hi = tiles * (c + 1) / chunks;
    for (i64 t = lo; t < hi; t++) {
      i64 q = t * tileV + threadIdx.x * U;
#pragma unroll
      for (int u = 0; u < U; u++) acc[u] = fold4<SQ>(R_SUM, acc[u], p, q + u, m);
    }
    double a = 0;
#pragma unroll
    for (int u = 0; u < U; u++) a += acc[u];
    if (!aligned) {
      for (i64 j = len * c / chunks + threadIdx.x; j < len * (c + 1) / chunks; j += blockDim.x) {
        a += lift<SQ>(p[j], m);
      }
    } else if (c == chunks - 1) {
      for (i64 j = tiles * tileV * L + threadIdx.x; j < len; j += blockDim.x) a += lift<SQ>(p[j], m);
    }
    double v = blockFold(R_SUM, a);
    if (threadIdx.x == 0) {
      partial[c] = v;
      __threadfence();
      last = atomicAdd(done, 1u) == chunks - 1;
    }
    __syncthreads();
    if (last) {
      __threadfence();
      double s = 0;
      for (i64 j = threadIdx.x; j < chunks; j += blockDim.x) s += __ldcg(&partial[j]);
      s = blockFold(R_SUM, s);
      if (threadIdx.x == 0) {
        out[0] = (T)s;
        *done = 0;
      }
    }
    __syncthreads();
  }
}

extern "C" __global__ void k_sum_f32(const float* in, float* out, double* partial, unsigned* done, i64 len,
                                     i64 chunks) {
  sumTiles<float, 2>(in, out, partial, done, len, chunks);
}

extern "C" __global__ void k_sum_f64(const double* in, double* out, double* partial, unsigned* done, i64 len,
                                     i64 chunks) {
  sumTiles<double, 1>(in, out, partial, done, len, chunks);
}

extern "C" __global__ void k_sqdev_sum_f32(const float* in, float* out, double* partial, unsigned* done, i64 len,
                                           i64 chunks, const float* mean) {
  sumTiles<float, 2, true>(in, out, partial, done, len, chunks, mean);
}

extern "C" __global__ void k_sqdev_sum_f64(const double* in, double* out, double* partial, unsigned* done, i64 len,
                                           i64 chunks, const double* mean) {
  sumTiles<double, 1, true>(in, out, partial, done, len, chunks, mean);
}

// rows x cols, row-major, folded over the rows: thread j of column block (b % colBlocks) folds column j over row
// chunk (b / colBlocks); coalesced across a warp
template <typename T, bool SQ = false>
__device__ void colsFold(const T* in, T* out, double* partial, i64 rows, i64 cols, i64 chunks, int op,
                         const T* mean = nullptr) {
  i64 colBlocks = (cols + blockDim.x - 1) / blockDim.x;
  for (i64 b = blockIdx.x; b < colBlocks * chunks; b += gridDim.x) {
    i64 j = (b % colBlocks) * blockDim.x + threadIdx.x;
    i64 c = b / colBlocks;
    if (j >= cols) continue;
    T m = 0;
    if constexpr (SQ) m = mean[j];
    i64 lo = rows * c / chunks, hi = rows * (c + 1) / chunks;
    double a0 = fastInit(op), a1 = a0;
    i64 i = lo;
    for (; i + 1 < hi; i += 2) {
      a0 = fastFold(op, a0, lift<SQ>(in[i * cols + j], m));
      a1 = fastFold(op, a1, lift<SQ>(in[(i + 1) * cols + j], m));
    }
    if (i < hi) a0 = fastFold(op, a0, lift<SQ>(in[i * cols + j], m));
    double v = op == R_SUM ? a0 + a1 : fastFold(op, a0, a1);
    if (chunks == 1) out[j] = (T)v;
    else partial[c * cols + j] = v;
  }
}

extern "C" __global__ void k_cols_f32(const float* in, float* out, double* partial, i64 rows, i64 cols, i64 chunks,
                                      int op) {
  colsFold<float>(in, out, partial, rows, cols, chunks, op);
}

extern "C" __global__ void k_cols_f64(const double* in, double* out, double* partial, i64 rows, i64 cols, i64 chunks,
                                      int op) {
  colsFold<double>(in, out, partial, rows, cols, chunks, op);
}

extern "C" __global__ void k_sqdev_cols_f32(const float* in, float* out, double* partial, i64 rows, i64 cols,
                                            i64 chunks, int op, const float* mean) {
  colsFold<float, true>(in, out, partial, rows, cols, chunks, op, mean);
}

extern "C" __global__ void k_sqdev_cols_f64(const double* in, double* out, double* partial, i64 rows, i64 cols,
                                            i64 chunks, int op, const double* mean) {
  colsFold<double, true>(in, out, partial, rows, cols, chunks, op, mean);
}

// colsFold with one 16-byte unit of columns per thread (cols a multiple of the unit, in on 16 bytes: the host
// checks): a warp loads 512 bytes of a row at once instead of 128/256. Chunk c takes rows c, c + chunks, ..., so the
// chunks running at once read one band of neighbouring rows, as a streaming copy does. H100, 10000x10000 over axis 0:
// float32 0.257 -> 0.209 ms in units -> 0.157 interleaved in 55 chunks (was 312 of contiguous rows); float64 0.350 ->
// 0.337 -> 0.282
template <typename T, typename V, bool SQ = false>
__device__ __forceinline__ void colsFoldV(const T* in, T* out, double* partial, i64 rows, i64 cols, i64 chunks,
                                          int op, const T* mean = nullptr) {
  constexpr int L = sizeof(V) / sizeof(T);
  i64 units = cols / L;
  i64 unitBlocks = (units + blockDim.x - 1) / blockDim.x;
  const V* P = reinterpret_cast<const V*>(in);
  for (i64 b = blockIdx.x; b < unitBlocks * chunks; b += gridDim.x) {
    i64 u = (b % unitBlocks) * blockDim.x + threadIdx.x;
    i64 c = b / unitBlocks;
    if (u >= units) continue;
    double a0[L], a1[L];
    T m[L];
#pragma unroll
    for (int l = 0; l < L; l++) {
      a0[l] = a1[l] = fastInit(op);
      m[l] = 0;
      if constexpr (SQ) m[l] = mean[u * L + l];
    }
    i64 i = c;
    for (; i + chunks < rows; i += 2 * chunks) {
      V v = P[i * units + u];
      V w = P[(i + chunks) * units + u];
      const T* x = reinterpret_cast<const T*>(&v);
      const T* y = reinterpret_cast<const T*>(&w);
#pragma unroll
      for (int l = 0; l < L; l++) {
        a0[l] = fastFold(op, a0[l], lift<SQ>(x[l], m[l]));
        a1[l] = fastFold(op, a1[l], lift<SQ>(y[l], m[l]));
      }
    }
    if (i < rows) {
      V v = P[i * units + u];
      const T* x = reinterpret_cast<const T*>(&v);
#pragma unroll
      for (int l = 0; l < L; l++) a0[l] = fastFold(op, a0[l], lift<SQ>(x[l], m[l]));
    }
#pragma unroll
    for (int l = 0; l < L; l++) {
      double r = op == R_SUM ? a0[l] + a1[l] : fastFold(op, a0[l], a1[l]);
      i64 j = u * L + l;
      if (chunks == 1) out[j] = (T)r;
      else partial[c * cols + j] = r;
    }
  }
}

extern "C" __global__ void k_colsv_f32(const float* in, float* out, double* partial, i64 rows, i64 cols, i64 chunks,
                                       int op) {
  colsFoldV<float, float4>(in, out, partial, rows, cols, chunks, op);
}

extern "C" __global__ void k_colsv_f64(const double* in, double* out, double* partial, i64 rows, i64 cols,
                                       i64 chunks, int op) {
  colsFoldV<double, double2>(in, out, partial, rows, cols, chunks, op);
}

extern "C" __global__ void k_sqdev_colsv_f32(const float* in, float* out, double* partial, i64 rows, i64 cols,
                                             i64 chunks, int op, const float* mean) {
  colsFoldV<float, float4, true>(in, out, partial, rows, cols, chunks, op, mean);
}

extern "C" __global__ void k_sqdev_colsv_f64(const double* in, double* out, double* partial, i64 rows, i64 cols,
                                             i64 chunks, int op, const double* mean) {
  colsFoldV<double, double2, true>(in, out, partial, rows, cols, chunks, op, mean);
}

// out[q] = fold of partial[q * qStride + c * cStride] over c, in order
template <typename T>
__device__ void partialsFold(const double* partial, T* out, i64 n, i64 chunks, i64 qStride, i64 cStride, int op) {
  GRID_LOOP(q, n) {
    double a = fastInit(op);
    for (i64 c = 0; c < chunks; c++) a = fastFold(op, a, partial[q * qStride + c * cStride]);
    out[q] = (T)a;
  }
}

extern "C" __global__ void k_partials_f32(const double* partial, float* out, i64 n, i64 chunks, i64 qs, i64 cs,
                                          int op) {
  partialsFold<float>(partial, out, n, chunks, qs, cs, op);
}

extern "C" __global__ void k_partials_f64(const double* partial, double* out, i64 n, i64 chunks, i64 qs, i64 cs,
                                          int op) {
  partialsFold<double>(partial, out, n, chunks, qs, cs, op);
}

// ---- var's sum of squared deviations in one read (Chan, Golub and LeVeque's pairwise update) ----
// A running (count, mean, M2) in double: four elements at a time as a group of their own (its mean and M2 from
// the four values in registers), merged into the running one with a single division; blocks and threads merge
// the same way, in a fixed order. M2 is x's sum of (x - mean)^2 about its own mean, in float64, not NumPy's
// two-pass float32 bits (within a few float64 ulps of the exact value).
struct Moments {
  double n, mean, m2;
};

__device__ __forceinline__ Moments momentsMerge(Moments a, Moments b) {
  if (b.n == 0) return a;
  if (a.n == 0) return b;
  double n = a.n + b.n;
  double d = b.mean - a.mean;
  double f = b.n / n;
  Moments r;
  r.n = n;
  r.mean = a.mean + d * f;
  r.m2 = a.m2 + b.m2 + d * d * a.n * f;
  return r;
}

__device__ __forceinline__ Moments moments4(double x0, double x1, double x2, double x3) {
  Moments g;
  g.n = 4;
  g.mean = ((x0 + x1) + (x2 + x3)) * 0.25;
  double d0 = x0 - g.mean, d1 = x1 - g.mean, d2 = x2 - g.mean, d3 = x3 - g.mean;
  g.m2 = (d0 * d0 + d1 * d1) + (d2 * d2 + d3 * d3);
  return g;
}

// two groups of four as one group of eight (its mean and M2 from the eight values): half the merges' divisions
__device__ __forceinline__ Moments moments8(const double* x) {
  Moments g;
  g.n = 8;
  g.mean = (((x[0] + x[1]) + (x[2] + x[3])) + ((x[4] + x[5]) + (x[6] + x[7]))) * 0.125;
  double m2 = 0;
#pragma unroll
  for (int i = 0; i < 8; i++) m2 += (x[i] - g.mean) * (x[i] - g.mean);
  g.m2 = m2;
  return g;
}

__device__ __forceinline__ Moments moments8(const float* p, i64 q, i64 r) {
  float4 v = reinterpret_cast<const float4*>(p)[q];
  float4 w = reinterpret_cast<const float4*>(p)[r];
  double x[8] = {v.x, v.y, v.z, v.w, w.x, w.y, w.z, w.w};
  return moments8(x);
}

__device__ __forceinline__ Moments moments8(const double* p, i64 q, i64 r) {
  double2 a = reinterpret_cast<const double2*>(p)[2 * q], b = reinterpret_cast<const double2*>(p)[2 * q + 1];
  double2 c = reinterpret_cast<const double2*>(p)[2 * r], d = reinterpret_cast<const double2*>(p)[2 * r + 1];
  double x[8] = {a.x, a.y, b.x, b.y, c.x, c.y, d.x, d.y};
  return moments8(x);
}

__device__ __forceinline__ Moments moments4(const float* p, i64 q) {
  float4 v = reinterpret_cast<const float4*>(p)[q];
  return moments4(v.x, v.y, v.z, v.w);
}

__device__ __forceinline__ Moments moments4(const double* p, i64 q) {
  double2 v = reinterpret_cast<const double2*>(p)[2 * q];
  double2 w = reinterpret_cast<const double2*>(p)[2 * q + 1];
  return moments4(v.x, v.y, w.x, w.y);
}

__device__ __forceinline__ Moments momentsShfl(Moments m, int o) {
  Moments r;
  r.n = __shfl_down_sync(0xffffffffu, m.n, o);
  r.mean = __shfl_down_sync(0xffffffffu, m.mean, o);
  r.m2 = __shfl_down_sync(0xffffffffu, m.m2, o);
  return r;
}

// block-wide merge; valid in thread 0 (lanes merge with higher lanes, warps in order: a fixed tree)
__device__ __forceinline__ Moments blockMoments(Moments v) {
  __shared__ Moments warps[32];
  for (int o = 16; o > 0; o >>= 1) v = momentsMerge(v, momentsShfl(v, o));
  int lane = threadIdx.x & 31, w = threadIdx.x >> 5;
  if (lane == 0) warps[w] = v;
  __syncthreads();
  if (w == 0) {
    v = lane < (blockDim.x >> 5) ? warps[lane] : Moments{0, 0, 0};
    for (int o = 16; o > 0; o >>= 1) v = momentsMerge(v, momentsShfl(v, o));
  }
  __syncthreads();
  return v;
}

// the whole array in sumTiles' blocked tiles; partial holds 3 doubles a chunk; the last block to finish merges them
template <typename T, int U>
__device__ __forceinline__ void momentTiles(const T* p, T* out, double* partial, unsigned* done, i64 len,
                                            i64 chunks) {
  __shared__ bool last;
  constexpr int L = 4;
  i64 nv = len / L;
  i64 tileV = (i64)blockDim.x * U;
  bool aligned = ((uintptr_t)p & 15) == 0;
  i64 tiles = aligned ? nv / tileV : 0;
  for (i64 c = blockIdx.x; c < chunks; c += gridDim.x) {
    Moments a = {0, 0, 0};
    i64 lo = tiles * c / chunks, hi = tiles * (c + 1) / chunks;
    for (i64 t = lo; t < hi; t++) {
      i64 q = t * tileV + threadIdx.x * U;
      if constexpr (U == 2) a = momentsMerge(a, moments8(p, q, q + 1));
      else a = momentsMerge(a, moments4(p, q));
    }
    i64 from = aligned ? (c == chunks - 1 ? tiles * tileV * L : len) : len * c / chunks;
    i64 to = aligned ? len : len * (c + 1) / chunks;
    for (i64 j = from + threadIdx.x; j < to; j += blockDim.x) a = momentsMerge(a, Moments{1, (double)p[j], 0});
    Moments v = blockMoments(a);
    if (threadIdx.x == 0) {
      partial[3 * c] = v.n;
      partial[3 * c + 1] = v.mean;
      partial[3 * c + 2] = v.m2;
      __threadfence();
      last = atomicAdd(done, 1u) == chunks - 1;
    }
    __syncthreads();
    if (last) {
      __threadfence();
      Moments s = {0, 0, 0};
      for (i64 j = threadIdx.x; j < chunks; j += blockDim.x) {
        s = momentsMerge(s, Moments{__ldcg(&partial[3 * j]), __ldcg(&partial[3 * j + 1]), __ldcg(&partial[3 * j + 2])});
      }
      s = blockMoments(s);
      if (threadIdx.x == 0) {
        out[0] = (T)s.m2;
        *done = 0;
      }
    }
    __syncthreads();
  }
}

extern "C" __global__ void k_moments_sum_f32(const float* in, float* out, double* partial, unsigned* done, i64 len,
                                             i64 chunks) {
  momentTiles<float, 2>(in, out, partial, done, len, chunks);
}

extern "C" __global__ void k_moments_sum_f64(const double* in, double* out, double* partial, unsigned* done,
                                             i64 len, i64 chunks) {
  momentTiles<double, 1>(in, out, partial, done, len, chunks);
}

// rowsFold in moments: block b takes chunk (b % chunks) of row (b / chunks), groups of four where the row starts
// on 16 bytes; partial holds 3 doubles per (row, chunk); a row's last block to finish merges them in order
template <typename T>
__device__ void momentRows(const T* in, T* out, double* partial, unsigned* done, i64 rows, i64 len, i64 chunks) {
  __shared__ bool last;
  for (i64 b = blockIdx.x; b < rows * chunks; b += gridDim.x) {
    i64 r = b / chunks, c = b % chunks;
    const T* p = in + r * len;
    i64 step = blockDim.x;
    Moments a = {0, 0, 0};
    if (((uintptr_t)p & 15) == 0) {
      i64 n4 = len / 4;
      i64 lo = n4 * c / chunks, hi = n4 * (c + 1) / chunks;
      i64 q = lo + threadIdx.x;
      for (; q + step < hi; q += 2 * step) a = momentsMerge(a, moments8(p, q, q + step));
      if (q < hi) a = momentsMerge(a, moments4(p, q));
      if (c == chunks - 1) {
        for (i64 j = n4 * 4 + threadIdx.x; j < len; j += step) a = momentsMerge(a, Moments{1, (double)p[j], 0});
      }
    } else {
      i64 lo = len * c / chunks, hi = len * (c + 1) / chunks;
      for (i64 j = lo + threadIdx.x; j < hi; j += step) a = momentsMerge(a, Moments{1, (double)p[j], 0});
    }
    Moments v = blockMoments(a);
    if (chunks == 1) {
      if (threadIdx.x == 0) out[r] = (T)v.m2;
      continue;
    }
    if (threadIdx.x == 0) {
      partial[3 * b] = v.n;
      partial[3 * b + 1] = v.mean;
      partial[3 * b + 2] = v.m2;
      __threadfence();
      last = atomicAdd(&done[r], 1u) == chunks - 1;
    }
    __syncthreads();
    if (last) {
      __threadfence();
      Moments s = {0, 0, 0};
      for (i64 j = threadIdx.x; j < chunks; j += blockDim.x) {
        i64 k = 3 * (r * chunks + j);
        s = momentsMerge(s, Moments{__ldcg(&partial[k]), __ldcg(&partial[k + 1]), __ldcg(&partial[k + 2])});
      }
      s = blockMoments(s);
      if (threadIdx.x == 0) {
        out[r] = (T)s.m2;
        done[r] = 0;
      }
    }
    __syncthreads();
  }
}

extern "C" __global__ void k_moments_rows_f32(const float* in, float* out, double* partial, unsigned* done, i64 rows,
                                              i64 len, i64 chunks) {
  momentRows<float>(in, out, partial, done, rows, len, chunks);
}

extern "C" __global__ void k_moments_rows_f64(const double* in, double* out, double* partial, unsigned* done,
                                              i64 rows, i64 len, i64 chunks) {
  momentRows<double>(in, out, partial, done, rows, len, chunks);
}

// colsFoldV in moments: one 16-byte unit of columns per thread, chunk c takes rows c, c + chunks, ...; eight rows
// at a time make a group (one division a group); partial holds 3 doubles per (chunk, column), merged by
// k_moments_partials
template <typename T, typename V>
__device__ __forceinline__ void momentColsV(const T* in, T* out, double* partial, i64 rows, i64 cols, i64 chunks) {
  constexpr int L = sizeof(V) / sizeof(T);
  i64 units = cols / L;
  i64 unitBlocks = (units + blockDim.x - 1) / blockDim.x;
  const V* P = reinterpret_cast<const V*>(in);
  for (i64 b = blockIdx.x; b < unitBlocks * chunks; b += gridDim.x) {
    i64 u = (b % unitBlocks) * blockDim.x + threadIdx.x;
    i64 c = b / unitBlocks;
    if (u >= units) continue;
    Moments a[L];
#pragma unroll
    for (int l = 0; l < L; l++) a[l] = Moments{0, 0, 0};
    i64 i = c;
    for (; i + 7 * chunks < rows; i += 8 * chunks) {
      V v[8];
#pragma unroll
      for (int g = 0; g < 8; g++) v[g] = P[(i + g * chunks) * units + u];
#pragma unroll
      for (int l = 0; l < L; l++) {
        double x[8];
#pragma unroll
        for (int g = 0; g < 8; g++) x[g] = reinterpret_cast<const T*>(&v[g])[l];
        a[l] = momentsMerge(a[l], moments8(x));
      }
    }
    for (; i < rows; i += chunks) {
      V v = P[i * units + u];
      const T* x = reinterpret_cast<const T*>(&v);
#pragma unroll
      for (int l = 0; l < L; l++) a[l] = momentsMerge(a[l], Moments{1, (double)x[l], 0});
    }
#pragma unroll
    for (int l = 0; l < L; l++) {
      i64 j = u * L + l;
      if (chunks == 1) {
        out[j] = (T)a[l].m2;
      } else {
        i64 k = 3 * (c * cols + j);
        partial[k] = a[l].n;
        partial[k + 1] = a[l].mean;
        partial[k + 2] = a[l].m2;
      }
    }
  }
}

extern "C" __global__ void k_moments_colsv_f32(const float* in, float* out, double* partial, i64 rows, i64 cols,
                                               i64 chunks) {
  momentColsV<float, float4>(in, out, partial, rows, cols, chunks);
}

extern "C" __global__ void k_moments_colsv_f64(const double* in, double* out, double* partial, i64 rows, i64 cols,
                                               i64 chunks) {
  momentColsV<double, double2>(in, out, partial, rows, cols, chunks);
}

// out[j] = the merge of the chunks' moments of column j, in chunk order
template <typename T>
__device__ void momentPartials(const double* partial, T* out, i64 cols, i64 chunks) {
  GRID_LOOP(j, cols) {
    Moments s = {0, 0, 0};
    for (i64 c = 0; c < chunks; c++) {
      i64 k = 3 * (c * cols + j);
      s = momentsMerge(s, Moments{partial[k], partial[k + 1], partial[k + 2]});
    }
    out[j] = (T)s.m2;
  }
}

extern "C" __global__ void k_moments_partials_f32(const double* partial, float* out, i64 cols, i64 chunks) {
  momentPartials<float>(partial, out, cols, chunks);
}

extern "C" __global__ void k_moments_partials_f64(const double* partial, double* out, i64 cols, i64 chunks) {
  momentPartials<double>(partial, out, cols, chunks);
}
