// ---- indexing: gather and scatter of rows, ufunc.at, nonzero, histogram ----
// ---- gather / scatter of rows. b: index positions (st[0] = out/values lead, st[1] = indices);
//      r: row elements (st[0] = out/values rest, st[1] = in/target rest) ----
extern "C" __global__ void k_gather(Geom b, Geom r, void* out, const void* in, int t, const i64* idx, i64 rowStride,
                                     i64 nRest, i64 total) {
  GRID_LOOP(e, total) {
    i64 p = e / nRest, q = e % nRest;
    i64 bo[2], ro[2];
    offsets(b, p, 2, bo);
    offsets(r, q, 2, ro);
    cpyRaw(out, bo[0] + ro[0], in, idx[bo[1]] * rowStride + ro[1], isize(t));
  }
}

// first pass: the last position (C order) writing each target row wins
extern "C" __global__ void k_scatter_claim(Geom b, const i64* idx, i64* winner, i64 nB) {
  GRID_LOOP(p, nB) {
    i64 bo[2];
    offsets(b, p, 2, bo);
    atomicMax((long long*)&winner[idx[bo[1]]], p);
  }
}

extern "C" __global__ void k_scatter(Geom b, Geom r, void* target, const void* values, int t, const i64* idx,
                                      const i64* winner, i64 rowStride, i64 nRest, i64 total) {
  GRID_LOOP(e, total) {
    i64 p = e / nRest, q = e % nRest;
    i64 bo[2], ro[2];
    offsets(b, p, 2, bo);
    i64 row = idx[bo[1]];
    if (winner[row] != p) continue;
    offsets(r, q, 2, ro);
    cpyRaw(target, row * rowStride + ro[1], values, bo[0] + ro[0], isize(t));
  }
}

// ---- accumulateAt (NumPy's ufunc.at): target[idx[i]] = op(target[idx[i]], values[i]) for every i, atomically so
//      that repeated indices keep every update: native atomics for + and - of f32/f64/i32/i64, else a
//      compare-and-swap loop on the aligned word that holds the element (1- and 2-byte dtypes share a 32-bit word) ----
__device__ __forceinline__ void applyAt(char* lane, int t, int op, const void* values, i64 i) {
  if (isF(t)) {
    stD(lane, t, 0, binD(op, ldD(lane, t, 0), ldD(values, t, i)));
  } else if (t == T_BOOL) {
    i64 a = ldL(lane, t, 0), b = ldL(values, t, i);
    stL(lane, t, 0, (op == B_MULTIPLY || op == B_MINIMUM || op == B_FMIN) ? (a & b) : (a | b));
  } else {
    stL(lane, t, 0, binLT(op, t, ldL(lane, t, 0), ldL(values, t, i)));
  }
}

extern "C" __global__ void k_accumulate_at(void* target, int t, const i64* idx, const void* values, i64 vstride,
                                          int op, i64 n) {
  GRID_LOOP(e, n) {
    i64 pos = idx[e];
    i64 i = e * vstride; // 0 for one broadcast value
    if (op == B_ADD || op == B_SUBTRACT) {
      bool add = op == B_ADD;
      if (t == T_FLOAT64) { double v = ((const double*)values)[i]; atomicAdd((double*)target + pos, add ? v : -v); continue; }
      if (t == T_FLOAT32) { float v = ((const float*)values)[i]; atomicAdd((float*)target + pos, add ? v : -v); continue; }
      if (t == T_INT64) {
        u64 v = ((const u64*)values)[i];
        atomicAdd((u64*)target + pos, add ? v : 0 - v);
        continue;
      }
      if (t == T_INT32) {
        unsigned v = ((const unsigned*)values)[i];
        atomicAdd((unsigned*)target + pos, add ? v : 0u - v);
        continue;
      }
    }
    int size = isize(t);
    char* p = (char*)target + pos * size;
    if (size == 8) {
      u64* w = (u64*)p;
      u64 old = *w, assumed;
      do {
        assumed = old;
        u64 nv = assumed;
        applyAt((char*)&nv, t, op, values, i);
        old = atomicCAS(w, assumed, nv);
      } while (assumed != old);
    } else {
      unsigned* w = (unsigned*)((uintptr_t)p & ~(uintptr_t)3);
      int shift = (int)((uintptr_t)p & 3);
      unsigned old = *w, assumed;
      do {
        assumed = old;
        unsigned nv = assumed;
        applyAt((char*)&nv + shift, t, op, values, i);
        old = atomicCAS(w, assumed, nv);
      } while (assumed != old);
    }
  }
}

// ufunc.at's add and subtract into a small target (bincount's counts, add.at into a few bins): each block adds into
// its own copy of the target in shared memory (dynamic, size * isize bytes), then adds its slots to the target, so
// the atomics of many threads meet in shared memory rather than on a few global addresses (1e8 into 1000 bins:
// global atomics were 0.34x CuPy). Float slots start at -0.0, the sum that leaves every x (+0.0 and -0.0 too) as it
// is, and only slots no longer -0.0 go to the target: an element no update reached keeps its sign of zero.
// t: INT32, INT64, FLOAT32 or FLOAT64.
__device__ __forceinline__ bool isNegZero(double v) { return __double_as_longlong(v) == (long long)0x8000000000000000ULL; }
__device__ __forceinline__ bool isNegZero(float v) { return __float_as_uint(v) == 0x80000000u; }
__device__ __forceinline__ bool isNegZero(u64 v) { return v == 0; }
__device__ __forceinline__ bool isNegZero(unsigned v) { return v == 0; }
__device__ __forceinline__ double negate(double v) { return -v; }
__device__ __forceinline__ float negate(float v) { return -v; }
__device__ __forceinline__ u64 negate(u64 v) { return 0 - v; }
__device__ __forceinline__ unsigned negate(unsigned v) { return 0u - v; }

template <typename T>
__device__ __forceinline__ void privateAdd(T* target, const i64* idx, const T* values, i64 vstride, bool add, i64 n,
                                           i64 size) {
  extern __shared__ __align__(8) unsigned char slots[];
  T* local = reinterpret_cast<T*>(slots);
  for (i64 i = threadIdx.x; i < size; i += blockDim.x) local[i] = (T)-0.0;
  __syncthreads();
  GRID_LOOP(e, n) {
    T v = values[e * vstride];
    atomicAdd(&local[idx[e]], add ? v : negate(v));
  }
  __syncthreads();
  for (i64 i = threadIdx.x; i < size; i += blockDim.x)
    if (!isNegZero(local[i])) atomicAdd(&target[i], local[i]);
}

extern "C" __global__ void k_accumulate_at_shared(void* target, int t, const i64* idx, const void* values,
                                                 i64 vstride, int op, i64 n, i64 size) {
  bool add = op == B_ADD;
  switch (t) {
    case T_INT64:
      privateAdd((u64*)target, idx, (const u64*)values, vstride, add, n, size);
      break;
    case T_INT32:
      privateAdd((unsigned*)target, idx, (const unsigned*)values, vstride, add, n, size);
      break;
    case T_FLOAT64:
      privateAdd((double*)target, idx, (const double*)values, vstride, add, n, size);
      break;
    default:
      privateAdd((float*)target, idx, (const float*)values, vstride, add, n, size);
  }
}

extern "C" __global__ void k_fill_i64(i64* p, i64 v, i64 n) {
  GRID_LOOP(i, n) p[i] = v;
}

// ---- nonzero: one block walks the array in chunks with a block-wide scan, so output stays in C order ----
extern "C" __global__ void k_nonzero(Geom g, const void* in, int t, i64* out, i64 ooff, i64 s0, i64 s1, i64 n) {
  __shared__ i64 scan[1024];
  __shared__ i64 base;
  if (threadIdx.x == 0) base = 0;
  __syncthreads();
  for (i64 start = 0; start < n; start += blockDim.x) {
    i64 i = start + threadIdx.x;
    int flag = 0;
    if (i < n) {
      i64 o[2];
      offsets(g, i, 2, o);
      flag = isF(t) ? (ldD(in, t, o[1]) != 0) : (ldL(in, t, o[1]) != 0);
    }
    scan[threadIdx.x] = flag;
    __syncthreads();
    for (int s = 1; s < blockDim.x; s <<= 1) {
      i64 v = threadIdx.x >= s ? scan[threadIdx.x - s] : 0;
      __syncthreads();
      scan[threadIdx.x] += v;
      __syncthreads();
    }
    if (flag) {
      i64 row = base + scan[threadIdx.x] - 1;
      i64 rem = i;
      for (int d = g.nd - 1; d >= 0; d--) {
        out[ooff + row * s0 + d * s1] = rem % g.shape[d];
        rem /= g.shape[d];
      }
    }
    __syncthreads();
    if (threadIdx.x == blockDim.x - 1) base += scan[threadIdx.x];
    __syncthreads();
  }
}

// NumPy's histogram counts of contiguous x in one pass (Kernels.histogram): each value's bin from its place between
// the first and last edge, moved by a step where it falls the other side of an edge; counts per block in shared
// memory, added to the global int64 counts (zeroed by the caller) at the end. nb <= 1024.
extern "C" __global__ void k_histogram(const void* x, int t, i64 xoff, i64 n, const void* edges, int te, i64 eoff,
                                       i64 est, int nb, unsigned long long* counts, i64 coff) {
  __shared__ unsigned long long local[1024];
  for (int i = threadIdx.x; i < nb; i += blockDim.x) local[i] = 0;
  __syncthreads();
  const double first = ldD(edges, te, eoff);
  const double last = ldD(edges, te, eoff + (i64)nb * est);
  const double scale = nb / (last - first);
  GRID_LOOP(e, n) {
    double v = ldD(x, t, xoff + e);
    if (!(v >= first && v <= last)) continue;  // outside, or NaN
    i64 i = (i64)((v - first) * scale);
    if (i < 0) i = 0;
    if (i > nb - 1) i = nb - 1;
    while (i > 0 && v < ldD(edges, te, eoff + i * est)) i--;
    while (i < nb - 1 && v >= ldD(edges, te, eoff + (i + 1) * est)) i++;
    atomicAdd(&local[i], 1ULL);
  }
  __syncthreads();
  for (int i = threadIdx.x; i < nb; i += blockDim.x)
    if (local[i]) atomicAdd(&counts[coff + i], local[i]);
}

