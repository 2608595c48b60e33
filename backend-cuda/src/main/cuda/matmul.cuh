// Part of ndj.cu (included there, in this order); see ndj.cu for the conventions.
// Matrix products: generic per-element, 64x64 shared-memory tiles, and 128x128 tiles on the tensor cores (DMMA for
// float64, 3xTF32 for float32; float32 operands holding inf or NaN take 128x128 tiles on the FMA units).

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


// The matrices of a stack (any batch strides, broadcast and reversed too): grid z runs over them, looping past
// 65535; batch offsets o[0] of C, o[1] of A, o[2] of B (a single matrix: nd 0, count 1). The barrier after each
// keeps a block's next matrix from overwriting shared memory a slow warp still reads.
template <typename T, typename F>
__device__ __forceinline__ void eachMatrix(const Geom& batch, i64 count, const T* A, const T* B, T* C, F f) {
  for (i64 q = blockIdx.z; q < count; q += gridDim.z) {
    i64 o[3];
    offsets(batch, q, 3, o);
    f(A + o[1], B + o[2], C + o[0]);
    __syncthreads();
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

extern "C" __global__ void k_matmul_f32(Geom batch, i64 count, const float* A, const float* B, float* C, i64 n,
                                        i64 m, i64 k, i64 lda, i64 ldb, i64 ldc) {
  eachMatrix(batch, count, A, B, C, [&](const float* a, const float* b, float* c) {
    mmTiled<float>(a, b, c, n, m, k, lda, ldb, ldc);
  });
}

extern "C" __global__ void k_matmul_f64(Geom batch, i64 count, const double* A, const double* B, double* C, i64 n,
                                        i64 m, i64 k, i64 lda, i64 ldb, i64 ldc) {
  eachMatrix(batch, count, A, B, C, [&](const double* a, const double* b, double* c) {
    mmTiled<double>(a, b, c, n, m, k, lda, ldb, ldc);
  });
}

// large float32 products on the FMA units, for operands holding inf or NaN (3xTF32 would turn inf * 1 into NaN
// through its inf * 0 cross terms): 128x128 output tiles, 8-deep k slices, 8x8 outputs per thread (64 multiply-adds
// per 16 shared-memory reads), k slices double-buffered in shared memory so the next slice loads while this one is
// used
__device__ __forceinline__ void mmBig(const float* A, const float* B, float* C, i64 n, i64 m, i64 k, i64 lda, i64 ldb,
                                       i64 ldc) {
  __shared__ float As[2][8][128 + 4];
  __shared__ float Bs[2][8][128];
  int tid = threadIdx.x;
  int tr = tid / 16, tc = tid % 16;
  i64 row0 = (i64)blockIdx.y * 128, col0 = (i64)blockIdx.x * 128;
  float acc[8][8];
#pragma unroll
  for (int i = 0; i < 8; i++)
#pragma unroll
    for (int j = 0; j < 8; j++) acc[i][j] = 0;
  float la[4], lb[4];
  // this thread's share of a slice: A elements (r = idx / 8, c = idx % 8), B elements (r = idx / 128, c = idx % 128)
  auto fetch = [&](i64 kk) {
#pragma unroll
    for (int e = 0; e < 4; e++) {
      int idx = tid + e * 256;
      int ar = idx / 8, ac = idx % 8;
      i64 gr = row0 + ar, gc = kk + ac;
      la[e] = (gr < n && gc < k) ? A[gr * lda + gc] : 0.0f;
      int br = idx / 128, bc = idx % 128;
      i64 gbr = kk + br, gbc = col0 + bc;
      lb[e] = (gbr < k && gbc < m) ? B[gbr * ldb + gbc] : 0.0f;
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
      float ra[8], rb[8];
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

// sets *flag when a rows x cols row-major matrix (row pitch ld) of a stack (operand `which` of the batch: 1 A, 2 B;
// grid z over the matrices) holds inf or NaN
extern "C" __global__ void k_nonfinite_f32(Geom batch, i64 count, int which, const float* x, i64 rows, i64 cols,
                                           i64 ld, int* flag) {
  for (i64 q = blockIdx.z; q < count; q += gridDim.z) {
    i64 o[3];
    offsets(batch, q, 3, o);
    const float* m = x + o[which];
    GRID_LOOP(e, rows * cols) {
      if (!isfinite(m[(e / cols) * ld + e % cols])) *flag = 1;
    }
  }
}

// float32 products: the tensor-core kernel runs unless an operand holds inf or NaN, this one only then
extern "C" __global__ void __launch_bounds__(256) k_matmul_big_f32(Geom batch, i64 count, const float* A,
                                                                   const float* B, float* C, i64 n, i64 m, i64 k,
                                                                   i64 lda, i64 ldb, i64 ldc, const int* special) {
  if (*special)
    eachMatrix(batch, count, A, B, C,
               [&](const float* a, const float* b, float* c) { mmBig(a, b, c, n, m, k, lda, ldb, ldc); });
}

// ---- tensor-core products: 128x128 output tiles, k slices 16 to 48 deep in two to four cp.async stages of shared
// memory (mmTensor below); 8 warps, each a 64x32 block of 16x8 tiles. Fragment layouts of mma.m16n8k8 (PTX ISA; the
// same for float64 and tf32), lane = 4g + q: A (16x8) a0 = A[g][q], a1 = A[g+8][q], a2 = A[g][q+4], a3 = A[g+8][q+4]; B
// (8x8) b0 = B[q][g], b1 = B[q+4][g]; C (16x8) c0,c1 = C[g][2q..2q+1], c2,c3 = C[g+8][2q..2q+1].

// float64: DMMA, each product an IEEE fused multiply-add, so float64 keeps its accuracy. Hopper has the 16x8x8
// shape; sm_80 does the same sums as four 8x8x4 steps.
__device__ __forceinline__ void mma16x8x8(double (&c)[4], const double (&a)[4], const double (&b)[2]) {
#if __CUDA_ARCH__ >= 900
  asm volatile("mma.sync.aligned.m16n8k8.row.col.f64.f64.f64.f64 {%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, "
               "{%0,%1,%2,%3};\n"
               : "+d"(c[0]), "+d"(c[1]), "+d"(c[2]), "+d"(c[3])
               : "d"(a[0]), "d"(a[1]), "d"(a[2]), "d"(a[3]), "d"(b[0]), "d"(b[1]));
#else
  // m8n8k4: lane holds A[g][q], B[q][g], C[g][2q..2q+1]
  asm volatile("mma.sync.aligned.m8n8k4.row.col.f64.f64.f64.f64 {%0,%1}, {%2}, {%3}, {%0,%1};\n"
               : "+d"(c[0]), "+d"(c[1]) : "d"(a[0]), "d"(b[0]));
  asm volatile("mma.sync.aligned.m8n8k4.row.col.f64.f64.f64.f64 {%0,%1}, {%2}, {%3}, {%0,%1};\n"
               : "+d"(c[0]), "+d"(c[1]) : "d"(a[2]), "d"(b[1]));
  asm volatile("mma.sync.aligned.m8n8k4.row.col.f64.f64.f64.f64 {%0,%1}, {%2}, {%3}, {%0,%1};\n"
               : "+d"(c[2]), "+d"(c[3]) : "d"(a[1]), "d"(b[0]));
  asm volatile("mma.sync.aligned.m8n8k4.row.col.f64.f64.f64.f64 {%0,%1}, {%2}, {%3}, {%0,%1};\n"
               : "+d"(c[2]), "+d"(c[3]) : "d"(a[3]), "d"(b[1]));
#endif
}

__device__ __forceinline__ void mmaTf32(float (&c)[4], const unsigned (&a)[4], const unsigned (&b)[2]) {
  asm volatile("mma.sync.aligned.m16n8k8.row.col.f32.tf32.tf32.f32 {%0,%1,%2,%3}, {%4,%5,%6,%7}, {%8,%9}, "
               "{%0,%1,%2,%3};\n"
               : "+f"(c[0]), "+f"(c[1]), "+f"(c[2]), "+f"(c[3])
               : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b[0]), "r"(b[1]));
}

// float32 as two tf32 parts (3xTF32): x = big + small, big = x truncated to tf32's 10 fraction bits (never rounds
// up to inf), small = the rest rounded to tf32; a*b ~ big*big + big*small + small*big, error ~2^-21 |a b|, near
// float32's own rounding. Infinities keep small = 0 (inf - inf would make NaN); NaN stays NaN through small.
__device__ __forceinline__ void splitTf32(float x, unsigned& big, unsigned& small) {
  big = __float_as_uint(x) & 0xffffe000u;
  float rest = isinf(x) ? 0.0f : x - __uint_as_float(big);
  asm("cvt.rna.tf32.f32 %0, %1;" : "=r"(small) : "f"(rest));
}

// one 8-deep slice of a warp's (16 MI) x (8 NJ) block: MI x NJ tiles of 16x8
template <int MI, int NJ, int AP, int BP>
__device__ __forceinline__ void mmaSlice(const double (*As)[AP], const double (*Bs)[BP], int wm, int wn, int g, int q,
                                         double (&acc)[MI][NJ][4]) {
  double a[MI][4], b[NJ][2];
#pragma unroll
  for (int i = 0; i < MI; i++) {
    const double* r0 = As[wm + i * 16 + g];
    const double* r8 = As[wm + i * 16 + g + 8];
    a[i][0] = r0[q], a[i][1] = r8[q], a[i][2] = r0[q + 4], a[i][3] = r8[q + 4];
  }
#pragma unroll
  for (int j = 0; j < NJ; j++) b[j][0] = Bs[q][wn + j * 8 + g], b[j][1] = Bs[q + 4][wn + j * 8 + g];
#pragma unroll
  for (int i = 0; i < MI; i++)
#pragma unroll
    for (int j = 0; j < NJ; j++) mma16x8x8(acc[i][j], a[i], b[j]);
}

template <int MI, int NJ, int AP, int BP>
__device__ __forceinline__ void mmaSlice(const float (*As)[AP], const float (*Bs)[BP], int wm, int wn, int g, int q,
                                         float (&acc)[MI][NJ][4]) {
  unsigned ab[MI][4], as[MI][4], bb[NJ][2], bs[NJ][2];
#pragma unroll
  for (int i = 0; i < MI; i++) {
    const float* r0 = As[wm + i * 16 + g];
    const float* r8 = As[wm + i * 16 + g + 8];
    splitTf32(r0[q], ab[i][0], as[i][0]);
    splitTf32(r8[q], ab[i][1], as[i][1]);
    splitTf32(r0[q + 4], ab[i][2], as[i][2]);
    splitTf32(r8[q + 4], ab[i][3], as[i][3]);
  }
#pragma unroll
  for (int j = 0; j < NJ; j++) {
    splitTf32(Bs[q][wn + j * 8 + g], bb[j][0], bs[j][0]);
    splitTf32(Bs[q + 4][wn + j * 8 + g], bb[j][1], bs[j][1]);
  }
  // the small cross terms first, then the large one, each pass over all tiles (independent accumulators)
#pragma unroll
  for (int i = 0; i < MI; i++)
#pragma unroll
    for (int j = 0; j < NJ; j++) mmaTf32(acc[i][j], as[i], bb[j]);
#pragma unroll
  for (int i = 0; i < MI; i++)
#pragma unroll
    for (int j = 0; j < NJ; j++) mmaTf32(acc[i][j], ab[i], bs[j]);
#pragma unroll
  for (int i = 0; i < MI; i++)
#pragma unroll
    for (int j = 0; j < NJ; j++) mmaTf32(acc[i][j], ab[i], bb[j]);
}

// The output tile of this block: blocks go down groups of 8 tile rows before moving right, so the blocks resident at
// once share A's rows and B's columns in L2 instead of each wave streaming all of B from memory.
template <int BM>
__device__ __forceinline__ void tileOf(i64& row0, i64& col0) {
  int gx = gridDim.x, gy = gridDim.y;
  int id = blockIdx.y * gx + blockIdx.x;
  int first = id / (8 * gx) * 8;
  int rows = min(gy - first, 8);
  int in = id % (8 * gx);
  row0 = (i64)(first + in % rows) * BM;
  col0 = (i64)(in / rows) * 128;
}

// 16 bytes (two doubles or four floats) per copy, both addresses 16-byte aligned
__device__ __forceinline__ void cpAsync16(void* smem, const void* gmem) {
  unsigned dst = (unsigned)__cvta_generic_to_shared(smem);
  asm volatile("cp.async.cg.shared.global [%0], [%1], 16;\n" ::"r"(dst), "l"(gmem));
}

template <typename T>
__device__ __forceinline__ void cpAsync(T* smem, const T* gmem, bool valid) {
  unsigned dst = (unsigned)__cvta_generic_to_shared(smem);
  if constexpr (sizeof(T) == 8) {
    asm volatile("cp.async.ca.shared.global [%0], [%1], 8, %2;\n" ::"r"(dst), "l"(gmem), "r"(valid ? 8 : 0));
  } else {
    asm volatile("cp.async.ca.shared.global [%0], [%1], 4, %2;\n" ::"r"(dst), "l"(gmem), "r"(valid ? 4 : 0));
  }
}

// A BM x 128 output tile per block of WM x WN warps (128 x 128: 2 x 4 warps of 64 x 32; 64 x 128: 2 x 2 of 32 x 64),
// fed by cp.async: STAGES stages of KS-deep k slices in dynamic shared memory, so loads run STAGES - 1 slices ahead
// with one barrier per slice. Row pitches (A: KS + 4; B: 132 doubles or 136 floats) put each fragment read's lanes on
// distinct banks.
// I: the type of operand offsets (int when every offset fits, which saves most of the address arithmetic)
template <typename T, int BP, typename I, int KS = 16, int STAGES = 4, int BM = 128, int WM = 2, int WN = 4>
__device__ __forceinline__ void mmTensor(const T* A, const T* B, T* C, i64 n, i64 m, i64 k, i64 lda, i64 ldb,
                                         i64 ldc) {
  constexpr int AP = KS + 4, THREADS = 32 * WM * WN, MI = BM / WM / 16, NJ = 128 / WN / 8;
  constexpr int PER_A = BM * KS / THREADS, PER_B = 128 * KS / THREADS;
  extern __shared__ __align__(16) unsigned char smem[];
  T (*As)[BM][AP] = reinterpret_cast<T (*)[BM][AP]>(smem);
  T (*Bs)[KS][BP] = reinterpret_cast<T (*)[KS][BP]>(smem + STAGES * BM * AP * sizeof(T));
  int tid = threadIdx.x, lane = tid & 31, warp = tid >> 5;
  int g = lane >> 2, q = lane & 3;
  static_assert(WN == 2 || WN == 4, "2 or 4 warps across");
  int wm = (warp >> (WN == 4 ? 2 : 1)) * (BM / WM), wn = (warp & (WN - 1)) * (128 / WN);
  i64 row0, col0;
  tileOf<BM>(row0, col0);
  T acc[MI][NJ][4];
#pragma unroll
  for (int i = 0; i < MI; i++)
#pragma unroll
    for (int j = 0; j < NJ; j++)
#pragma unroll
      for (int e = 0; e < 4; e++) acc[i][j][e] = 0;
  i64 slices = (k + KS - 1) / KS;
  // this thread's share of a slice: A (r = idx / 16, c = idx % 16), B (r = idx / 128, c = idx % 128); in edge tiles
  // and the last slice, elements out of range are zero-filled (source size 0), elsewhere nothing is checked
  bool interior = row0 + BM <= n && col0 + 128 <= m;
  // 16-byte copies when every row of both operands starts 16-byte aligned: a quarter (floats) or half (doubles) of
  // the copy instructions, which share the issue slots with the products (4096: f64 3.29 -> 3.09 ms, f32 3.10 ->
  // 2.82); the pitches keep the destinations 16-byte aligned
  constexpr int V = 16 / sizeof(T);
  bool wide = ((uintptr_t)A % 16 == 0) && ((uintptr_t)B % 16 == 0) && lda % V == 0 && ldb % V == 0;
  auto load = [&](i64 slice) {
    if (slice < slices) {
      int st = (int)(slice % STAGES);
      i64 kk = slice * KS;
      // the e-th copy of this thread, of A's part of the slice and of B's (the v-th group of V elements: A KS / V
      // groups per row, B 128 / V); one loop where the parts are as large
      if (interior && kk + KS <= k && wide) {
#pragma unroll
        for (int e = 0; e < (PER_A > PER_B ? PER_A : PER_B) / V; e++) {
          int v = tid + e * THREADS;
          if (e < PER_A / V) {
            int ar = (unsigned)v / (KS / V), ac = (unsigned)v % (KS / V) * V;
            cpAsync16(&As[st][ar][ac], A + ((I)row0 + ar) * (I)lda + ((I)kk + ac));
          }
          if (e < PER_B / V) {
            int br = v / (128 / V), bc = v % (128 / V) * V;
            cpAsync16(&Bs[st][br][bc], B + ((I)kk + br) * (I)ldb + ((I)col0 + bc));
          }
        }
      } else if (interior && kk + KS <= k) {
#pragma unroll
        for (int e = 0; e < (PER_A > PER_B ? PER_A : PER_B); e++) {
          int idx = tid + e * THREADS;
          if (e < PER_A) {
            I gr = (I)row0 + (unsigned)idx / KS, gc = (I)kk + (unsigned)idx % KS;
            cpAsync(&As[st][(unsigned)idx / KS][(unsigned)idx % KS], A + (gr * (I)lda + gc), true);
          }
          if (e < PER_B) {
            I gbr = (I)kk + (idx >> 7), gbc = (I)col0 + (idx & 127);
            cpAsync(&Bs[st][idx >> 7][idx & 127], B + (gbr * (I)ldb + gbc), true);
          }
        }
      } else {
#pragma unroll
        for (int e = 0; e < (PER_A > PER_B ? PER_A : PER_B); e++) {
          int idx = tid + e * THREADS;
          if (e < PER_A) {
            I gr = (I)row0 + (unsigned)idx / KS, gc = (I)kk + (unsigned)idx % KS;
            bool va = gr < n && gc < k;
            cpAsync(&As[st][(unsigned)idx / KS][(unsigned)idx % KS], va ? A + (gr * (I)lda + gc) : A, va);
          }
          if (e < PER_B) {
            I gbr = (I)kk + (idx >> 7), gbc = (I)col0 + (idx & 127);
            bool vb = gbr < k && gbc < m;
            cpAsync(&Bs[st][idx >> 7][idx & 127], vb ? B + (gbr * (I)ldb + gbc) : B, vb);
          }
        }
      }
    }
    asm volatile("cp.async.commit_group;\n" ::);
  };
  for (int s = 0; s < STAGES - 1; s++) load(s);
  for (i64 slice = 0; slice < slices; slice++) {
    asm volatile("cp.async.wait_group %0;\n" ::"n"(STAGES - 2));
    __syncthreads();  // this slice is in, and every warp is done with the stage the next load overwrites
    load(slice + STAGES - 1);
    int st = (int)(slice % STAGES);
    if constexpr (KS == 16) {
      mmaSlice<MI, NJ, AP, BP>(As[st], Bs[st], wm, wn, g, q, acc);
      mmaSlice<MI, NJ, AP, BP>(reinterpret_cast<const T (*)[AP]>(&As[st][0][8]), Bs[st] + 8, wm, wn, g, q, acc);
    } else {
#pragma unroll
      for (int h = 0; h < KS; h += 8)
        mmaSlice<MI, NJ, AP, BP>(reinterpret_cast<const T (*)[AP]>(&As[st][0][h]), Bs[st] + h, wm, wn, g, q, acc);
    }
  }
  // float64 pairs of columns as one 16-byte store where C's rows are 16-byte aligned (c is even): 2.83-2.88 ->
  // 2.80-2.82 ms at 4096 (the i64 form stores one by one: the pairs spilled registers there)
  const bool pairs = ((uintptr_t)C % 16 == 0) && ldc % 2 == 0;
#pragma unroll
  for (int i = 0; i < MI; i++)
#pragma unroll
    for (int h = 0; h < 2; h++) {
      i64 r = row0 + wm + i * 16 + g + h * 8;
      if (r >= n) continue;
#pragma unroll
      for (int j = 0; j < NJ; j++) {
        i64 c = col0 + wn + j * 8 + 2 * q;
        if constexpr (sizeof(T) == 8 && sizeof(I) == 4) {
          if (pairs && c + 1 < m) {
            reinterpret_cast<double2*>(C + r * ldc + c)[0] = make_double2(acc[i][j][2 * h], acc[i][j][2 * h + 1]);
            continue;
          }
        }
        if (c < m) C[r * ldc + c] = acc[i][j][2 * h];
        if (c + 1 < m) C[r * ldc + c + 1] = acc[i][j][2 * h + 1];
      }
    }
}

extern "C" __global__ void __launch_bounds__(256, 1) k_matmul_tc_f64(Geom batch, i64 count, const double* A,
                                                                     const double* B, double* C, i64 n, i64 m, i64 k,
                                                                     i64 lda, i64 ldb, i64 ldc) {
  eachMatrix(batch, count, A, B, C,
             [&](const double* a, const double* b, double* c) {
               mmTensor<double, 132, i64>(a, b, c, n, m, k, lda, ldb, ldc);
             });
}

// 48-deep slices in two stages (203 KB): a third of the barriers of 16-deep ones. H100: 32-deep slices in three
// stages took 4096 3.14 -> 2.85 ms and 8192 25.6 -> 23.5-24.2 against 16-deep ones; 48-deep in two, 2.78 -> 2.76
// and 21.94 -> 21.63 against those (40-deep 2.78 / 21.80, 32-deep in two stages 2.80 / 22.07). Five or six 16-deep
// stages were no faster, and Hopper's 16x8x16 DMMA shape no faster than two 16x8x8 steps; the i64 form keeps
// 16-deep slices, as its addressing needs the registers
extern "C" __global__ void __launch_bounds__(256, 1) k_matmul_tc48_f64(Geom batch, i64 count, const double* A,
                                                                       const double* B, double* C, i64 n, i64 m, i64 k,
                                                                       i64 lda, i64 ldb, i64 ldc) {
  eachMatrix(batch, count, A, B, C,
             [&](const double* a, const double* b, double* c) {
               mmTensor<double, 132, int, 48, 2>(a, b, c, n, m, k, lda, ldb, ldc);
             });
}

// 64 x 128 tiles of 4 warps (32 x 64 each), two blocks per SM, so one block's barrier waits are the other's turn
extern "C" __global__ void __launch_bounds__(128, 2) k_matmul_tc64_f64(Geom batch, i64 count, const double* A,
                                                                       const double* B, double* C, i64 n, i64 m, i64 k,
                                                                       i64 lda, i64 ldb, i64 ldc) {
  eachMatrix(batch, count, A, B, C,
             [&](const double* a, const double* b, double* c) {
               mmTensor<double, 132, int, 16, 4, 64, 2, 2>(a, b, c, n, m, k, lda, ldb, ldc);
             });
}

extern "C" __global__ void __launch_bounds__(256, 1) k_matmul_tc_f32(Geom batch, i64 count, const float* A,
                                                                     const float* B, float* C, i64 n, i64 m, i64 k,
                                                                     i64 lda, i64 ldb, i64 ldc, const int* special) {
  if (*special) return;
  eachMatrix(batch, count, A, B, C,
             [&](const float* a, const float* b, float* c) {
               mmTensor<float, 136, i64>(a, b, c, n, m, k, lda, ldb, ldc);
             });
}

extern "C" __global__ void __launch_bounds__(128, 2) k_matmul_tc64_f32(Geom batch, i64 count, const float* A,
                                                                       const float* B, float* C, i64 n, i64 m, i64 k,
                                                                       i64 lda, i64 ldb, i64 ldc, const int* special) {
  if (*special) return;
  eachMatrix(batch, count, A, B, C,
             [&](const float* a, const float* b, float* c) {
               mmTensor<float, 136, int, 16, 4, 64, 2, 2>(a, b, c, n, m, k, lda, ldb, ldc);
             });
}

extern "C" __global__ void __launch_bounds__(256, 1) k_matmul_tc32_f32(Geom batch, i64 count, const float* A,
                                                                       const float* B, float* C, i64 n, i64 m, i64 k,
                                                                       i64 lda, i64 ldb, i64 ldc, const int* special) {
  if (*special) return;
  eachMatrix(batch, count, A, B, C,
             [&](const float* a, const float* b, float* c) {
               mmTensor<float, 136, int>(a, b, c, n, m, k, lda, ldb, ldc);
             });
}

// small products (n, m, k <= 64), stacks of them above all (1024 x 64²: the 64x64 tiles above took 0.096 ms float32,
// 0.159 float64 on an H100, CuPy 0.045 / 0.055): a block per matrix holds both operands whole in shared memory
// (A transposed, rows padded to 68 so that its stores spread over the banks), one barrier, then each of 256 threads
// computes a 4x4 patch from vector reads of shared memory. Dynamic shared memory: 64 * (68 + 64) elements.
template <typename T>
__device__ __forceinline__ void load4(T (&v)[4], const T* p) {
  if constexpr (sizeof(T) == 4) {
    float4 f = *reinterpret_cast<const float4*>(p);
    v[0] = f.x, v[1] = f.y, v[2] = f.z, v[3] = f.w;
  } else {
    double2 f = reinterpret_cast<const double2*>(p)[0], g = reinterpret_cast<const double2*>(p)[1];
    v[0] = f.x, v[1] = f.y, v[2] = g.x, v[3] = g.y;
  }
}

template <typename T>
__device__ __forceinline__ void mmSmall(const T* A, const T* B, T* C, i64 n, i64 m, i64 k, i64 lda, i64 ldb,
                                        i64 ldc) {
  extern __shared__ __align__(16) unsigned char smem[];
  T (*At)[68] = reinterpret_cast<T (*)[68]>(smem);
  T (*Bs)[64] = reinterpret_cast<T (*)[64]>(smem + 64 * 68 * sizeof(T));
  int tid = threadIdx.x;
  // straight from memory into shared memory (cp.async, zeros outside the matrices), every copy issued before the
  // block waits (a copy does not stall its thread), so that it waits for memory once rather than 16 times (a load and a store a step: 0.079 ms for
  // 1024 x 64² float32; all loads into registers first took 179 registers a thread for float64)
#pragma unroll 2
  for (int l = 0; l < 16; l++) {
    int e = tid + l * 256, r = e >> 6, c = e & 63;
    bool va = r < n && c < k, vb = r < k && c < m;
    cpAsync(&At[c][r], va ? A + (r * lda + c) : A, va);
    cpAsync(&Bs[r][c], vb ? B + (r * ldb + c) : B, vb);
  }
  asm volatile("cp.async.commit_group;\n" ::);
  asm volatile("cp.async.wait_group 0;\n" ::);
  __syncthreads();
  int ty = tid >> 4, tx = tid & 15;
  T acc[4][4];
#pragma unroll
  for (int i = 0; i < 4; i++)
#pragma unroll
    for (int j = 0; j < 4; j++) acc[i][j] = 0;
#pragma unroll 8
  for (int p = 0; p < k; p++) {
    T a[4], b[4];
    load4(a, &At[p][ty * 4]);
    load4(b, &Bs[p][tx * 4]);
#pragma unroll
    for (int i = 0; i < 4; i++)
#pragma unroll
      for (int j = 0; j < 4; j++) acc[i][j] += a[i] * b[j];
  }
#pragma unroll
  for (int i = 0; i < 4; i++) {
    int r = ty * 4 + i;
    if (r >= n) continue;
#pragma unroll
    for (int j = 0; j < 4; j++) {
      int c = tx * 4 + j;
      if (c < m) C[r * ldc + c] = acc[i][j];
    }
  }
}

extern "C" __global__ void __launch_bounds__(256) k_matmul_small_f32(Geom batch, i64 count, const float* A,
                                                                     const float* B, float* C, i64 n, i64 m, i64 k,
                                                                     i64 lda, i64 ldb, i64 ldc) {
  eachMatrix(batch, count, A, B, C,
             [&](const float* a, const float* b, float* c) { mmSmall(a, b, c, n, m, k, lda, ldb, ldc); });
}

extern "C" __global__ void __launch_bounds__(256) k_matmul_small_f64(Geom batch, i64 count, const double* A,
                                                                     const double* B, double* C, i64 n, i64 m, i64 k,
                                                                     i64 lda, i64 ldb, i64 ldc) {
  eachMatrix(batch, count, A, B, C,
             [&](const double* a, const double* b, double* c) { mmSmall(a, b, c, n, m, k, lda, ldb, ldc); });
}
