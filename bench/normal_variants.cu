// Variants of the Philox normals' kernels (random.cuh's k_normal / k_normal_f32, io.ndj.spi.Gaussian's ziggurat),
// timed on the device beside a float4 fill (the write bandwidth), each checked bit for bit against the shipped
// kernel on the same 1e8 values. Written after the ziggurat's first GPU run (H100: float32 0.535 ms for 1e8, slower
// than Box-Muller's 0.414, with 80 registers and a call for the queued slow elements), not yet run:
//   nvcc -O3 -std=c++17 -arch=sm_90 -I backend-cuda/src/main/cuda -o .gpu/nv bench/normal_variants.cu
//   (the tables: Gaussian.table() as hex words, a line each, in .gpu/table.txt; jshell --class-path
//   api/target/classes writes them)  then on the GPU machine: ./.gpu/nv
// f32_q: the shipped structure (a warp's queue, the slow path a call); _nt: the float32 tables (ki >> 29, wi 2^29)
// precomputed in shared memory; _inl: the slow path in place, no queue; _lbN: __launch_bounds__(256, N); _probe:
// _nt with conflict-free look-ups (wrong values: what bank conflicts cost). A guess to test first: the random 8-byte
// look-ups conflict about 4-way, 2e8 of them for 1e8 values of either width, ~0.25 ms on an H100.
#include "common.cuh"
#include "random.cuh"
#include <cstdio>
#include <vector>
#include <algorithm>

// VARIANT: QUEUE (warp queue) or inline; NARROWTAB: ki>>29 / wi*2^29 precomputed in shared
// PROBE (a diagnostic, not the values): every lane looks up entry lane of the tables instead of its word's layer,
// so no two lanes of a warp meet in a shared-memory bank: its time against the same variant's says what the random
// 8-byte look-ups' bank conflicts cost
template <typename T, int PER, bool QUEUE, bool NARROWTAB, bool PROBE = false>
__device__ __forceinline__ void zigV(T* out, i64 n, u64 key, u64 counter, const u64* table) {
  __shared__ u64 ki[256];
  __shared__ double wi[256], fi[256];
  __shared__ unsigned k32[256];
  __shared__ double w29[256];
  __shared__ i64 queue[ZIG_WARPS][32 + 32 * PER];
  for (int t = threadIdx.x; t < 256; t += blockDim.x) {
    ki[t] = table[t];
    wi[t] = __longlong_as_double((long long)table[256 + t]);
    fi[t] = __longlong_as_double((long long)table[512 + t]);
    if (NARROWTAB) { k32[t] = (unsigned)(table[t] >> 29); w29[t] = __dmul_rn(wi[t], 0x1p29); }
  }
  __syncthreads();
  const Ziggurat z = {ki, wi, fi, __longlong_as_double((long long)table[768]), __longlong_as_double((long long)table[769])};
  const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
  i64* q = queue[warp];
  int count = 0;
  const i64 blocks = (n + PER - 1) / PER, warps = (i64)gridDim.x * (blockDim.x >> 5);
  for (i64 base = ((i64)blockIdx.x * (blockDim.x >> 5) + warp) * 32; base < blocks; base += warps * 32) {
    const i64 j = base + lane;
    u64 first = 0, last = 0;
    if (j < blocks) first = philoxBlock(key, counter + (u64)j, &last);
    T v[PER];
    bool pending[PER];
#pragma unroll
    for (int k = 0; k < PER; k++) {
      bool ok;
      u64 w = zigWord<PER>(first, last, k);
      double x;
      if (NARROWTAB && PER == 4) {
        unsigned ww = (unsigned)w;
        int idx = PROBE ? (threadIdx.x & 31) * 8 + k : ww & 0xff;
        unsigned rabs = ww >> 9;
        x = __dmul_rn(__uint2double_rn(rabs), w29[idx]);
        x = __longlong_as_double(__double_as_longlong(x) ^ ((long long)((ww >> 8) & 1) << 63));
        ok = rabs < k32[idx];
      } else {
        x = smZigguratCandidate(z, w, PER == 4, &ok);
      }
      if (!QUEUE && !ok && j * PER + k < n) {
        const u64 ctr = counter + (u64)j;
        x = smZigguratSlow(z, x, w, PER == 4, [&](unsigned a, u64* b1, u64* b2) {
          *b1 = philoxBlockAt(key, ctr, ((u64)k << 32) | a, b2);
        });
        ok = true;
      }
      v[k] = (T)x;
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
    if (QUEUE) {
#pragma unroll
      for (int k = 0; k < PER; k++) {
        const unsigned m = __ballot_sync(0xffffffffu, pending[k]);
        if (pending[k]) q[count + __popc(m & ((1u << lane) - 1))] = j * PER + k;
        count += __popc(m);
      }
      __syncwarp();
      while (count >= 32) {
        zigSlowAt<T, PER>(out, q[count - 32 + lane], key, counter, z);
        count -= 32;
        __syncwarp();
      }
    }
  }
  if (QUEUE && lane < count) zigSlowAt<T, PER>(out, q[lane], key, counter, z);
}

#define KV(name, T, PER, Q, NT, LB) \
  extern "C" __global__ void __launch_bounds__(256, LB) name(T* out, i64 n, u64 key, u64 counter, const u64* table) { \
    zigV<T, PER, Q, NT>(out, n, key, counter, table); }
extern "C" __global__ void f32_q_nt_probe(float* out, i64 n, u64 key, u64 counter, const u64* table) {
  zigV<float, 4, true, true, true>(out, n, key, counter, table);
}
KV(f32_q, float, 4, true, false, 1)
KV(f32_q_nt, float, 4, true, true, 1)
KV(f32_q_nt_lb6, float, 4, true, true, 6)
KV(f32_q_nt_lb8, float, 4, true, true, 8)
KV(f32_inl, float, 4, false, false, 1)
KV(f32_inl_nt, float, 4, false, true, 1)
KV(f32_inl_nt_lb8, float, 4, false, true, 8)
KV(f64_q, double, 2, true, false, 1)
KV(f64_q_lb6, double, 2, true, false, 6)
KV(f64_inl, double, 2, false, false, 1)
KV(f64_inl_lb8, double, 2, false, false, 8)

__global__ void fill4(float4* o, i64 m) { GRID_LOOP(i, m) o[i] = make_float4(1, 2, 3, 4); }

typedef void (*Kf)(void*, i64, u64, u64, const u64*);
int main() {
  const i64 n = 100000000;
  std::vector<u64> t(770);
  FILE* f = fopen(".gpu/table.txt", "r");
  for (auto& w : t) if (fscanf(f, "%llx", &w) != 1) return 3;
  u64* dt; cudaMalloc(&dt, 770 * 8); cudaMemcpy(dt, t.data(), 770 * 8, cudaMemcpyHostToDevice);
  void *ref, *o; cudaMalloc(&ref, n * 8); cudaMalloc(&o, n * 8);
  int sms; cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, 0);
  cudaEvent_t a, b; cudaEventCreate(&a); cudaEventCreate(&b);
  auto timeK = [&](auto launch) {
    std::vector<float> ms;
    for (int r = 0; r < 12; r++) { cudaEventRecord(a); launch(); cudaEventRecord(b); cudaEventSynchronize(b); float x; cudaEventElapsedTime(&x, a, b); if (r >= 2) ms.push_back(x); }
    std::sort(ms.begin(), ms.end()); return ms[ms.size() / 2];
  };
  auto grid = [&](i64 work) { return (int)std::min<i64>(sms * 32, (work + 255) / 256); };
  printf("fill float4 1e8 float32: %.3f ms\n", timeK([&] { fill4<<<sms * 32, 256>>>((float4*)o, n / 4); }));
  printf("fill float4 1e8 float64: %.3f ms\n", timeK([&] { fill4<<<sms * 32, 256>>>((float4*)o, n / 2); }));
  struct V { const char* name; Kf k; int per; };
  V vs[] = {{"k_normal_f32", (Kf)k_normal_f32, 4}, {"f32_q", (Kf)f32_q, 4}, {"f32_q_nt", (Kf)f32_q_nt, 4},
            {"f32_q_nt_lb6", (Kf)f32_q_nt_lb6, 4}, {"f32_q_nt_probe", (Kf)f32_q_nt_probe, 4}, {"f32_q_nt_lb8", (Kf)f32_q_nt_lb8, 4}, {"f32_inl", (Kf)f32_inl, 4},
            {"f32_inl_nt", (Kf)f32_inl_nt, 4}, {"f32_inl_nt_lb8", (Kf)f32_inl_nt_lb8, 4},
            {"k_normal", (Kf)k_normal, 2}, {"f64_q", (Kf)f64_q, 2}, {"f64_q_lb6", (Kf)f64_q_lb6, 2},
            {"f64_inl", (Kf)f64_inl, 2}, {"f64_inl_lb8", (Kf)f64_inl_lb8, 2}};
  for (auto& v : vs) {
    i64 work = (n + v.per - 1) / v.per;
    void* dst = (v.k == (Kf)k_normal_f32 || v.k == (Kf)k_normal) ? ref : o;
    float ms = timeK([&] { v.k<<<grid(work), 256>>>(dst, n, 0x1234567ULL, 99, dt); });
    int same = -1;
    if (dst == o) { // against the reference of the same width
      size_t bytes = n * (v.per == 4 ? 4 : 8);
      std::vector<char> h1(bytes), h2(bytes);
      Kf r = v.per == 4 ? (Kf)k_normal_f32 : (Kf)k_normal;
      r<<<grid(work), 256>>>(ref, n, 0x1234567ULL, 99, dt);
      cudaMemcpy(h1.data(), ref, bytes, cudaMemcpyDeviceToHost); cudaMemcpy(h2.data(), o, bytes, cudaMemcpyDeviceToHost);
      same = h1 == h2;
    }
    cudaFuncAttributes at; cudaFuncGetAttributes(&at, v.k);
    printf("%-16s %.3f ms  regs %d local %zu  same-bits %d  %s\n", v.name, ms, at.numRegs, at.localSizeBytes, same, cudaGetErrorString(cudaGetLastError()));
  }
}
