// What every family's kernels share: the strided geometry (Geom), loads and stores by dtype code, the
// grid-stride loop. Floats compute in double and round once to the result dtype; integers in 64 bits.
#ifndef NDJ_COMMON_CUH
#define NDJ_COMMON_CUH
#include <cuda_fp16.h>
#include <stdint.h>

#define MAXD 12
#include "ops.cuh"

struct Geom {
  int nd;
  int pad;
  i64 shape[MAXD];
  i64 st[4][MAXD];
  i64 off[4];
};


__device__ __forceinline__ bool isF(int t) { return t >= T_FLOAT16; }

// element offsets of linear index i (C order over g.shape) for operands 0..k-1
__device__ __forceinline__ void offsets(const Geom& g, i64 i, int k, i64* o) {
  for (int q = 0; q < k; q++) o[q] = g.off[q];
  for (int d = g.nd - 1; d >= 0; d--) {
    i64 s = g.shape[d];
    i64 c = i % s;
    i /= s;
    for (int q = 0; q < k; q++) o[q] += c * g.st[q][d];
  }
}

__device__ __forceinline__ double ldD(const void* p, int t, i64 i) {
  switch (t) {
    case T_FLOAT64: return ((const double*)p)[i];
    case T_FLOAT32: return ((const float*)p)[i];
    case T_FLOAT16: return __half2float(((const __half*)p)[i]);
    case T_INT64: return (double)((const i64*)p)[i];
    case T_INT32: return ((const int*)p)[i];
    case T_INT16: return ((const short*)p)[i];
    case T_INT8: return ((const signed char*)p)[i];
    case T_UINT8: return ((const unsigned char*)p)[i];
    case T_UINT16: return ((const unsigned short*)p)[i];
    case T_UINT32: return ((const unsigned*)p)[i];
    case T_UINT64: return (double)((const u64*)p)[i];
    default: return ((const unsigned char*)p)[i] != 0 ? 1.0 : 0.0;
  }
}

__device__ __forceinline__ i64 ldL(const void* p, int t, i64 i) {
  switch (t) {
    case T_INT64: return ((const i64*)p)[i];
    case T_INT32: return ((const int*)p)[i];
    case T_INT16: return ((const short*)p)[i];
    case T_INT8: return ((const signed char*)p)[i];
    case T_UINT8: return ((const unsigned char*)p)[i];
    case T_UINT16: return ((const unsigned short*)p)[i];
    case T_UINT32: return ((const unsigned*)p)[i];
    case T_UINT64: return ((const i64*)p)[i];
    case T_BOOL: return ((const unsigned char*)p)[i] != 0;
    default: return (i64)ldD(p, t, i);
  }
}

// correctly rounded double -> binary16 (no double rounding through float)
__device__ __forceinline__ __half toHalf(double d) {
  if (isnan(d) || isinf(d)) return __float2half_rn((float)d);
  int e = (d == 0) ? -100 : ilogb(d);
  double q = e < -14 ? 5.9604644775390625e-08 : ldexp(1.0, e - 10);
  double r = rint(d / q) * q;
  return __float2half_rn((float)r);
}

__device__ __forceinline__ void stL(void* p, int t, i64 i, i64 v);

__device__ __forceinline__ void stD(void* p, int t, i64 i, double v) {
  switch (t) {
    case T_FLOAT64: ((double*)p)[i] = v; return;
    case T_FLOAT32: ((float*)p)[i] = (float)v; return;
    case T_FLOAT16: ((__half*)p)[i] = toHalf(v); return;
    case T_BOOL: ((unsigned char*)p)[i] = v != 0; return;
    // [2^63, 2^64) converts as unsigned; below it as int64 (so -1.0 wraps to 2^64 - 1, as NumPy's on x86)
    case T_UINT64: ((u64*)p)[i] = v >= 9223372036854775808.0 ? (u64)v : (u64)(i64)v; return;
    default: stL(p, t, i, (i64)v);
  }
}

__device__ __forceinline__ void stL(void* p, int t, i64 i, i64 v) {
  switch (t) {
    case T_INT64: case T_UINT64: ((i64*)p)[i] = v; return;
    case T_INT32: case T_UINT32: ((int*)p)[i] = (int)v; return;
    case T_INT16: case T_UINT16: ((short*)p)[i] = (short)v; return;
    case T_INT8: case T_UINT8: ((unsigned char*)p)[i] = (unsigned char)v; return;
    case T_BOOL: ((unsigned char*)p)[i] = v != 0; return;
    case T_FLOAT64: ((double*)p)[i] = (double)v; return;
    case T_FLOAT32: ((float*)p)[i] = (float)v; return;
    default: ((__half*)p)[i] = toHalf((double)v); return;
  }
}

__device__ __forceinline__ void cpyRaw(void* o, i64 oi, const void* in, i64 ii, int size) {
  switch (size) {
    case 8: ((i64*)o)[oi] = ((const i64*)in)[ii]; return;
    case 4: ((int*)o)[oi] = ((const int*)in)[ii]; return;
    case 2: ((short*)o)[oi] = ((const short*)in)[ii]; return;
    default: ((char*)o)[oi] = ((const char*)in)[ii];
  }
}

__device__ __forceinline__ int isize(int t) {
  switch (t) {
    case T_FLOAT64: case T_INT64: case T_UINT64: return 8;
    case T_FLOAT32: case T_INT32: case T_UINT32: return 4;
    case T_FLOAT16: case T_INT16: case T_UINT16: return 2;
    default: return 1;
  }
}

#define GRID_LOOP(i, n) for (i64 i = blockIdx.x * (i64)blockDim.x + threadIdx.x; i < (n); i += (i64)blockDim.x * gridDim.x)


#endif
