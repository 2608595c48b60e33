// nvcc -O3 -arch=sm_90 -o normal_probe normal_probe.cu, on the GPU machine: times variants of the float32 normal kernel on 1e8 values (a probe, not part of the build).
#include <cstdio>
#include <cuda_runtime.h>
#include "../../backend-cuda/src/main/cuda/common.cuh"
#include "../../backend-cuda/src/main/cuda/random.cuh"

extern "C" __global__ void k_philox_only(float* out, i64 n, u64 key, u64 counter) {
  i64 pairs = n / 2;
  GRID_LOOP(j, pairs) {
    u64 last; u64 first = philoxBlock(key, counter + (u64)j, &last);
    ((float2*)out)[j] = make_float2((float)(unsigned)first, (float)(unsigned)last);
  }
}
extern "C" __global__ void k_math_only(float* out, i64 n, u64 key, u64 counter) {
  i64 pairs = n / 2;
  GRID_LOOP(j, pairs) {
    u64 first = (u64)j * 0x9E3779B97F4A7C15ULL + key, last = first * 0xD2511F53ULL;
    float a, b; gaussianPairF(first, last, &a, &b);
    ((float2*)out)[j] = make_float2(a, b);
  }
}
extern "C" __global__ void k_write_only(float* out, i64 n, u64 key, u64 counter) {
  i64 pairs = n / 2;
  GRID_LOOP(j, pairs) ((float2*)out)[j] = make_float2((float)j, 1.0f);
}

template <typename K> float timeIt(K k, float* d, i64 n, int blocks, int threads) {
  cudaEvent_t a, b; cudaEventCreate(&a); cudaEventCreate(&b);
  k<<<blocks, threads>>>(d, n, 1, 0);
  cudaDeviceSynchronize();
  float best = 1e9;
  for (int r = 0; r < 7; r++) {
    cudaEventRecord(a); k<<<blocks, threads>>>(d, n, 1, 0); cudaEventRecord(b); cudaEventSynchronize(b);
    float ms; cudaEventElapsedTime(&ms, a, b); if (ms < best) best = ms;
  }
  return best;
}
int main() {
  i64 n = 100000000; float* d; cudaMalloc(&d, n * 4);
  int sms; cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, 0);
  int cfg[][2] = {{sms * 32, 256}, {sms * 8, 256}, {sms * 4, 512}, {(int)((n / 2 + 255) / 256), 256}};
  for (auto& c : cfg) {
    printf("grid %d x %d: normal_f32 %.3f  philox_only %.3f  math_only %.3f  write_only %.3f ms\n", c[0], c[1],
           timeIt(k_normal_f32, d, n, c[0], c[1]), timeIt(k_philox_only, d, n, c[0], c[1]),
           timeIt(k_math_only, d, n, c[0], c[1]), timeIt(k_write_only, d, n, c[0], c[1]));
  }
  cudaFuncAttributes fa; cudaFuncGetAttributes(&fa, k_normal_f32); printf("k_normal_f32 regs %d\n", fa.numRegs);
  cudaFuncGetAttributes(&fa, k_normal); printf("k_normal regs %d\n", fa.numRegs);
  return 0;
}
