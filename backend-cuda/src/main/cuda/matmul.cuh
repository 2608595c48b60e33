// Part of ndj.cu (included there, in this order); see ndj.cu for the conventions.
// Matrix products: generic per-element, 64x64 shared-memory tiles, 128x128 double-buffered tiles.

// ---- matmul: one thread per output element; batch: st[0] out, st[1] a, st[2] b ----
extern "C" __global__ void k_matmul(Geom batch, void* out, const void* a, const void* b, int t, i64 n, i64 m,
                                     i64 k, i64 ar, i64 ac, i64 br, i64 bc, i64 orr, i64 oc, i64 total) {
  GRID_LOOP(e, total) {
    i64 j = e % m;
    i64 i = (e / m) % n;
    i64 q = e / (m * n);
    i64 o[3];
    offsets(batch, q, 3, o);
    if (isF(t)) {
      double s = 0;
      for (i64 p = 0; p < k; p++) s += ldD(a, t, o[1] + i * ar + p * ac) * ldD(b, t, o[2] + p * br + j * bc);
      stD(out, t, o[0] + i * orr + j * oc, s);
    } else {
      u64 s = 0;
      for (i64 p = 0; p < k; p++) s += (u64)ldL(a, t, o[1] + i * ar + p * ac) * (u64)ldL(b, t, o[2] + p * br + j * bc);
      stL(out, t, o[0] + i * orr + j * oc, (i64)s);
    }
  }
}

// tiled matmul for row-major matrices with unit inner stride: 64x64 output tiles, 16-deep k slices in shared
// memory, 4x4 outputs per thread; accumulates in the dtype like a BLAS gemm
template <typename T>
__device__ __forceinline__ void mmTiled(const T* A, const T* B, T* C, i64 n, i64 m, i64 k, i64 lda, i64 ldb,
                                         i64 ldc) {
  __shared__ T As[16][64];
  __shared__ T Bs[16][64];
  int tx = threadIdx.x % 16, ty = threadIdx.x / 16;
  i64 row0 = (i64)blockIdx.y * 64, col0 = (i64)blockIdx.x * 64;
  T acc[4][4];
  for (int i = 0; i < 4; i++)
    for (int j = 0; j < 4; j++) acc[i][j] = 0;
  for (i64 kk = 0; kk < k; kk += 16) {
    for (int l = 0; l < 4; l++) {
      int idx = threadIdx.x + l * 256;
      int r = idx / 16, c = idx % 16;
      i64 gr = row0 + r, gc = kk + c;
      As[c][r] = (gr < n && gc < k) ? A[gr * lda + gc] : (T)0;
      int rb = idx / 64, cb = idx % 64;
      i64 br = kk + rb, bc = col0 + cb;
      Bs[rb][cb] = (br < k && bc < m) ? B[br * ldb + bc] : (T)0;
    }
    __syncthreads();
#pragma unroll
    for (int p = 0; p < 16; p++) {
      T a[4], b[4];
      for (int i = 0; i < 4; i++) a[i] = As[p][ty * 4 + i];
      for (int j = 0; j < 4; j++) b[j] = Bs[p][tx * 4 + j];
      for (int i = 0; i < 4; i++)
        for (int j = 0; j < 4; j++) acc[i][j] += a[i] * b[j];
    }
    __syncthreads();
  }
  for (int i = 0; i < 4; i++)
    for (int j = 0; j < 4; j++) {
      i64 r = row0 + ty * 4 + i, c = col0 + tx * 4 + j;
      if (r < n && c < m) C[r * ldc + c] = acc[i][j];
    }
}

// large products: 128x128 output tiles, 8-deep k slices, 8x8 outputs per thread (64 multiply-adds per 16
// shared-memory reads), k slices double-buffered in shared memory so the next slice loads while this one is used
template <typename T>
__device__ __forceinline__ void mmBig(const T* A, const T* B, T* C, i64 n, i64 m, i64 k, i64 lda, i64 ldb,
                                       i64 ldc) {
  __shared__ T As[2][8][128 + 4];
  __shared__ T Bs[2][8][128];
  int tid = threadIdx.x;
  int tr = tid / 16, tc = tid % 16;
  i64 row0 = (i64)blockIdx.y * 128, col0 = (i64)blockIdx.x * 128;
  T acc[8][8];
#pragma unroll
  for (int i = 0; i < 8; i++)
#pragma unroll
    for (int j = 0; j < 8; j++) acc[i][j] = 0;
  T la[4], lb[4];
  // this thread's share of a slice: A elements (r = idx / 8, c = idx % 8), B elements (r = idx / 128, c = idx % 128)
  auto fetch = [&](i64 kk) {
#pragma unroll
    for (int e = 0; e < 4; e++) {
      int idx = tid + e * 256;
      int ar = idx / 8, ac = idx % 8;
      i64 gr = row0 + ar, gc = kk + ac;
      la[e] = (gr < n && gc < k) ? A[gr * lda + gc] : (T)0;
      int br = idx / 128, bc = idx % 128;
      i64 gbr = kk + br, gbc = col0 + bc;
      lb[e] = (gbr < k && gbc < m) ? B[gbr * ldb + gbc] : (T)0;
    }
  };
  auto store = [&](int buf) {
#pragma unroll
    for (int e = 0; e < 4; e++) {
      int idx = tid + e * 256;
      As[buf][idx % 8][idx / 8] = la[e];
      Bs[buf][idx / 128][idx % 128] = lb[e];
    }
  };
  fetch(0);
  store(0);
  __syncthreads();
  int buf = 0;
  for (i64 kk = 0; kk < k; kk += 8) {
    bool more = kk + 8 < k;
    if (more) fetch(kk + 8);
#pragma unroll
    for (int p = 0; p < 8; p++) {
      T ra[8], rb[8];
#pragma unroll
      for (int i = 0; i < 8; i++) ra[i] = As[buf][p][tr * 8 + i];
#pragma unroll
      for (int j = 0; j < 4; j++) {
        rb[j] = Bs[buf][p][tc * 4 + j];
        rb[j + 4] = Bs[buf][p][64 + tc * 4 + j];
      }
#pragma unroll
      for (int i = 0; i < 8; i++)
#pragma unroll
        for (int j = 0; j < 8; j++) acc[i][j] += ra[i] * rb[j];
    }
    if (more) {
      store(buf ^ 1);
      __syncthreads();
      buf ^= 1;
    }
  }
  // columns tc*4 .. +3 and 64 + tc*4 .. +3: a warp writes two runs of 64 consecutive elements per row
#pragma unroll
  for (int i = 0; i < 8; i++) {
    i64 r = row0 + tr * 8 + i;
    if (r >= n) continue;
#pragma unroll
    for (int j = 0; j < 8; j++) {
      i64 c = col0 + (j < 4 ? tc * 4 + j : 64 + tc * 4 + j - 4);
      if (c < m) C[r * ldc + c] = acc[i][j];
    }
  }
}

extern "C" __global__ void __launch_bounds__(256) k_matmul_big_f32(const float* A, const float* B, float* C, i64 n,
                                                                   i64 m, i64 k, i64 lda, i64 ldb, i64 ldc) {
  mmBig<float>(A, B, C, n, m, k, lda, ldb, ldc);
}

extern "C" __global__ void __launch_bounds__(256) k_matmul_big_f64(const double* A, const double* B, double* C,
                                                                   i64 n, i64 m, i64 k, i64 lda, i64 ldb, i64 ldc) {
  mmBig<double>(A, B, C, n, m, k, lda, ldb, ldc);
}

extern "C" __global__ void k_matmul_f32(const float* A, const float* B, float* C, i64 n, i64 m, i64 k, i64 lda,
                                        i64 ldb, i64 ldc) {
  mmTiled<float>(A, B, C, n, m, k, lda, ldb, ldc);
}

extern "C" __global__ void k_matmul_f64(const double* A, const double* B, double* C, i64 n, i64 m, i64 k, i64 lda,
                                        i64 ldb, i64 ldc) {
  mmTiled<double>(A, B, C, n, m, k, lda, ldb, ldc);
}
