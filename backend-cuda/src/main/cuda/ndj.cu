// ndj's CUDA kernels. Every kernel takes runtime dtype codes (see DTypes.java) and op codes (the SPI enums'
// constants, mapped in Codes.java), uses 64-bit indices and grid-stride loops, and reads strided N-d views
// through a Geom passed by value. Floats compute in double and round once to the result dtype; integers
// compute in 64 bits and wrap to their width, as the SPI specifies.
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


__device__ __forceinline__ bool isF(int t) { return t >= T_F16; }

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
    case T_F64: return ((const double*)p)[i];
    case T_F32: return ((const float*)p)[i];
    case T_F16: return __half2float(((const __half*)p)[i]);
    case T_I64: return (double)((const i64*)p)[i];
    case T_I32: return ((const int*)p)[i];
    case T_I16: return ((const short*)p)[i];
    case T_I8: return ((const signed char*)p)[i];
    case T_U8: return ((const unsigned char*)p)[i];
    default: return ((const unsigned char*)p)[i] != 0 ? 1.0 : 0.0;
  }
}

__device__ __forceinline__ i64 ldL(const void* p, int t, i64 i) {
  switch (t) {
    case T_I64: return ((const i64*)p)[i];
    case T_I32: return ((const int*)p)[i];
    case T_I16: return ((const short*)p)[i];
    case T_I8: return ((const signed char*)p)[i];
    case T_U8: return ((const unsigned char*)p)[i];
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
    case T_F64: ((double*)p)[i] = v; return;
    case T_F32: ((float*)p)[i] = (float)v; return;
    case T_F16: ((__half*)p)[i] = toHalf(v); return;
    case T_BOOL: ((unsigned char*)p)[i] = v != 0; return;
    default: stL(p, t, i, (i64)v);
  }
}

__device__ __forceinline__ void stL(void* p, int t, i64 i, i64 v) {
  switch (t) {
    case T_I64: ((i64*)p)[i] = v; return;
    case T_I32: ((int*)p)[i] = (int)v; return;
    case T_I16: ((short*)p)[i] = (short)v; return;
    case T_I8: case T_U8: ((unsigned char*)p)[i] = (unsigned char)v; return;
    case T_BOOL: ((unsigned char*)p)[i] = v != 0; return;
    case T_F64: ((double*)p)[i] = (double)v; return;
    case T_F32: ((float*)p)[i] = (float)v; return;
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
  switch (t) { case T_F64: case T_I64: return 8; case T_F32: case T_I32: return 4; case T_F16: case T_I16: return 2; default: return 1; }
}

#define GRID_LOOP(i, n) for (i64 i = blockIdx.x * (i64)blockDim.x + threadIdx.x; i < (n); i += (i64)blockDim.x * gridDim.x)

extern "C" __global__ void k_fill(Geom g, void* out, int t, double dv, i64 lv, i64 n) {
  GRID_LOOP(i, n) {
    i64 o[1];
    offsets(g, i, 1, o);
    if (isF(t)) stD(out, t, o[0], dv); else stL(out, t, o[0], lv);
  }
}

extern "C" __global__ void k_arange(void* out, int t, i64 n, i64 off, i64 stride, double ds, double dstep, i64 ls, i64 lstep) {
  GRID_LOOP(i, n) {
    // i * step, rounded, then + start, rounded, as NumPy's linspace/arange compute it (no fused
    // multiply-add: it rounded once and moved linspace's values by an ulp)
    if (isF(t)) stD(out, t, off + i * stride, __dadd_rn(ds, __dmul_rn((double)i, dstep)));
    else stL(out, t, off + i * stride, ls + i * lstep);
  }
}

extern "C" __global__ void k_copy(Geom g, void* out, int tout, const void* in, int tin, i64 n) {
  // contiguous same-dtype fast path: plain 64-bit-indexed copy
  GRID_LOOP(i, n) {
    i64 o[2];
    offsets(g, i, 2, o);
    if (tin == tout) cpyRaw(out, o[0], in, o[1], isize(tin));
    else if (isF(tin)) stD(out, tout, o[0], ldD(in, tin, o[1]));
    else stL(out, tout, o[0], ldL(in, tin, o[1]));
  }
}

extern "C" __global__ void k_unary(Geom g, int op, void* out, int tout, const void* in, int tin, i64 n) {
  GRID_LOOP(i, n) {
    i64 o[2];
    offsets(g, i, 2, o);
    if (tin == T_F32) {
      // float32's own functions, as k_unary_f32 and fused kernels compute them
      stD(out, tout, o[0], (double)unF(op, ((const float*)in)[o[1]]));
    } else if (isF(tin)) {
      double r = unD(op, ldD(in, tin, o[1]));
      if (isF(tout)) stD(out, tout, o[0], r); else stL(out, tout, o[0], (i64)r);
    } else {
      stL(out, tout, o[0], unL(op, ldL(in, tin, o[1])));
    }
  }
}

// mode 0: a op b; 1: a op scalar; 2: scalar op a
extern "C" __global__ void k_binary(Geom g, int op, void* out, int tout, const void* a, const void* b, int t,
                                     int mode, double sd, i64 sl, i64 n) {
  GRID_LOOP(i, n) {
    i64 o[3];
    offsets(g, i, 3, o);
    if (isF(t)) {
      double x = mode == 2 ? sd : ldD(a, t, o[1]);
      double y = mode == 0 ? ldD(b, t, o[2]) : mode == 1 ? sd : ldD(a, t, o[1]);
      double r = binDT(op, t, x, y);
      if (isF(tout)) stD(out, tout, o[0], r); else stL(out, tout, o[0], (i64)r);
    } else {
      i64 x = mode == 2 ? sl : ldL(a, t, o[1]);
      i64 y = mode == 0 ? ldL(b, t, o[2]) : mode == 1 ? sl : ldL(a, t, o[1]);
      stL(out, tout, o[0], binL(op, x, y));
    }
  }
}

extern "C" __global__ void k_where(Geom g, void* out, const void* c, const void* a, const void* b, int t, i64 n) {
  GRID_LOOP(i, n) {
    i64 o[4];
    offsets(g, i, 4, o);
    if (((const unsigned char*)c)[o[1]]) cpyRaw(out, o[0], a, o[2], isize(t));
    else cpyRaw(out, o[0], b, o[3], isize(t));
  }
}

#include "reduce.cuh"

#include "copies.cuh"


#include "reduce_fast.cuh"

// contiguous same-dtype elementwise fast paths: no offsets, no dtype switch per element
template <typename T>
__device__ __forceinline__ void binFast(int op, T* o, const T* a, const T* b, int mode, double sd, i64 n) {
  GRID_LOOP(i, n) {
    double x = mode == 2 ? sd : (double)a[i];
    double y = mode == 0 ? (double)b[i] : mode == 1 ? sd : (double)a[i];
    o[i] = (T)binD(op, x, y);
  }
}

template <>
__device__ __forceinline__ void binFast<float>(int op, float* o, const float* a, const float* b, int mode, double sd,
                                               i64 n) {
  float s = (float)sd;
  switch (op) {
    case B_ADD: case B_SUB: case B_MUL: {
      GRID_LOOP(i, n) {
        float x = mode == 2 ? s : a[i];
        float y = mode == 0 ? b[i] : mode == 1 ? s : a[i];
        o[i] = op == B_ADD ? x + y : op == B_SUB ? x - y : x * y;
      }
      return;
    }
    default: {
      GRID_LOOP(i, n) {
        double x = mode == 2 ? sd : (double)a[i];
        double y = mode == 0 ? (double)b[i] : mode == 1 ? sd : (double)a[i];
        o[i] = (float)binDT(op, T_F32, x, y);
      }
    }
  }
}

// float64 + - *: two elements per 16-byte load and store where every pointer allows it
__device__ __forceinline__ double arith3(int op, double x, double y) {
  return op == B_ADD ? x + y : op == B_SUB ? x - y : x * y;
}

template <>
__device__ __forceinline__ void binFast<double>(int op, double* o, const double* a, const double* b, int mode,
                                                double sd, i64 n) {
  if (op != B_ADD && op != B_SUB && op != B_MUL) {
    GRID_LOOP(i, n) {
      double x = mode == 2 ? sd : a[i];
      double y = mode == 0 ? b[i] : mode == 1 ? sd : a[i];
      o[i] = binD(op, x, y);
    }
    return;
  }
  uintptr_t bits = (uintptr_t)o | (uintptr_t)a | (mode == 0 ? (uintptr_t)b : 0);
  i64 done = 0;
  if ((bits & 15) == 0) {
    i64 n2 = n / 2;
    GRID_LOOP(q, n2) {
      double2 av = reinterpret_cast<const double2*>(a)[q];
      double2 bv = mode == 0 ? reinterpret_cast<const double2*>(b)[q] : make_double2(sd, sd);
      double2 r;
      if (mode == 2) {
        r.x = arith3(op, bv.x, av.x);
        r.y = arith3(op, bv.y, av.y);
      } else {
        r.x = arith3(op, av.x, bv.x);
        r.y = arith3(op, av.y, bv.y);
      }
      reinterpret_cast<double2*>(o)[q] = r;
    }
    done = n2 * 2;
  }
  for (i64 i = done + blockIdx.x * (i64)blockDim.x + threadIdx.x; i < n; i += (i64)blockDim.x * gridDim.x) {
    double x = mode == 2 ? sd : a[i];
    double y = mode == 0 ? b[i] : mode == 1 ? sd : a[i];
    o[i] = arith3(op, x, y);
  }
}

// + - * on 16-byte aligned operands: U 16-byte loads of each operand in flight per thread before the stores (f32
// x*5 at 1e8: 0.39 -> 0.31 ms, x+y 0.51 -> 0.44 on an H100; float64, already at the copy bandwidth, ~1%); other ops
// and other alignments go to binFast
// one vector of + - * (mode 0: a op b, 1: a op s, 2: s op a), lane by lane
template <typename T, typename V>
__device__ __forceinline__ V arithV(int op, int mode, T s, V av, V bv) {
  constexpr int L = sizeof(V) / sizeof(T);
  const T* x = reinterpret_cast<const T*>(&av);
  const T* y = reinterpret_cast<const T*>(&bv);
  V r;
  T* z = reinterpret_cast<T*>(&r);
#pragma unroll
  for (int l = 0; l < L; l++) {
    T p = mode == 2 ? s : x[l];
    T w = mode == 0 ? y[l] : mode == 1 ? s : x[l];
    z[l] = op == B_ADD ? p + w : op == B_SUB ? p - w : p * w;
  }
  return r;
}

template <typename T, typename V, int U>
__device__ __forceinline__ void binWide(int op, T* o, const T* a, const T* b, int mode, double sd, i64 n) {
  constexpr int L = sizeof(V) / sizeof(T);
  uintptr_t bits = (uintptr_t)o | (uintptr_t)a | (mode == 0 ? (uintptr_t)b : 0);
  T s = (T)sd;
  if ((bits & 15) == 0 && (op == B_ADD || op == B_SUB || op == B_MUL)) {
    i64 nv = n / L;
    const V* A = reinterpret_cast<const V*>(a);
    const V* B = reinterpret_cast<const V*>(b);
    V* O = reinterpret_cast<V*>(o);
    i64 stride = (i64)blockDim.x * gridDim.x;
    i64 q = blockIdx.x * (i64)blockDim.x + threadIdx.x;
    for (; q + (U - 1) * stride < nv; q += U * stride) {
      V av[U], bv[U];
#pragma unroll
      for (int u = 0; u < U; u++) {
        av[u] = A[q + u * stride];
        bv[u] = mode == 0 ? B[q + u * stride] : av[u];
      }
#pragma unroll
      for (int u = 0; u < U; u++) O[q + u * stride] = arithV<T, V>(op, mode, s, av[u], bv[u]);
    }
    for (; q < nv; q += stride) O[q] = arithV<T, V>(op, mode, s, A[q], mode == 0 ? B[q] : A[q]);
    for (i64 i = nv * L + blockIdx.x * (i64)blockDim.x + threadIdx.x; i < n; i += stride) {
      T p = mode == 2 ? s : a[i];
      T w = mode == 0 ? b[i] : mode == 1 ? s : a[i];
      o[i] = op == B_ADD ? p + w : op == B_SUB ? p - w : p * w;
    }
    return;
  }
  binFast<T>(op, o, a, b, mode, sd, n);
}

extern "C" __global__ void k_binary_f32(int op, float* o, const float* a, const float* b, int mode, double sd, i64 n) {
  binWide<float, float4, 4>(op, o, a, b, mode, sd, n);
}

extern "C" __global__ void k_binary_f64(int op, double* o, const double* a, const double* b, int mode, double sd,
                                        i64 n) {
  binWide<double, double2, 4>(op, o, a, b, mode, sd, n);
}

// o = f(a, b) over contiguous operands, one 16-byte unit per thread and no loop (the host launches a thread per unit
// and a few for the tail, which go one element each; when a pointer is off 16 bytes, never from the pool whose
// blocks start on 512, each thread takes its unit's elements one by one). TWO: b is read (else f gets a twice).
template <typename T, typename V, bool TWO, typename F>
__device__ __forceinline__ void perUnit(T* o, const T* a, const T* b, i64 n, F f) {
  constexpr int L = sizeof(V) / sizeof(T);
  i64 q = blockIdx.x * (i64)blockDim.x + threadIdx.x;
  i64 nv = n / L;
  bool aligned = (((uintptr_t)o | (uintptr_t)a | (TWO ? (uintptr_t)b : 0)) & 15) == 0;
  if (aligned && q < nv) {
    V av = reinterpret_cast<const V*>(a)[q];
    V bv = TWO ? reinterpret_cast<const V*>(b)[q] : av;
    T* x = reinterpret_cast<T*>(&av);
    const T* y = reinterpret_cast<const T*>(&bv);
#pragma unroll
    for (int l = 0; l < L; l++) x[l] = f(x[l], y[l]);
    reinterpret_cast<V*>(o)[q] = av;
    return;
  }
  i64 from = aligned ? nv * L + (q - nv) : q * L;
  i64 to = aligned ? from + 1 : from + L;
  for (i64 i = from; i < to && i < n; i++) o[i] = f(a[i], TWO ? b[i] : a[i]);
}

// + - * of contiguous operands on perUnit, op and mode (0: a op b, 1: a op s, 2: s op a) as constants; on an H100
// at 1e8, same call: float64 x+y 0.827 -> 0.794 ms, x*5 0.567 -> 0.539, float32 x+y 0.421 -> 0.403, x*5 0.288 ->
// 0.276 (k_binary_*'s loops trailed CuPy's one-element kernels at the copy bandwidth)
template <typename T, typename V, int OP, int MODE>
__device__ __forceinline__ void flatArith(T* o, const T* a, const T* b, T s, i64 n) {
  perUnit<T, V, MODE == 0>(o, a, b, n, [s](T x, T y) {
    T p = MODE == 2 ? s : x;
    T w = MODE == 0 ? y : MODE == 1 ? s : x;
    return OP == B_ADD ? p + w : OP == B_SUB ? p - w : p * w;
  });
}

template <typename T, typename V>
__device__ __forceinline__ void flatDispatch(int op, T* o, const T* a, const T* b, int mode, double sd, i64 n) {
  T s = (T)sd;
  switch (op * 3 + mode) {
    case B_ADD * 3 + 0: flatArith<T, V, B_ADD, 0>(o, a, b, s, n); break;
    case B_ADD * 3 + 1: flatArith<T, V, B_ADD, 1>(o, a, b, s, n); break;
    case B_ADD * 3 + 2: flatArith<T, V, B_ADD, 2>(o, a, b, s, n); break;
    case B_SUB * 3 + 0: flatArith<T, V, B_SUB, 0>(o, a, b, s, n); break;
    case B_SUB * 3 + 1: flatArith<T, V, B_SUB, 1>(o, a, b, s, n); break;
    case B_SUB * 3 + 2: flatArith<T, V, B_SUB, 2>(o, a, b, s, n); break;
    case B_MUL * 3 + 0: flatArith<T, V, B_MUL, 0>(o, a, b, s, n); break;
    case B_MUL * 3 + 1: flatArith<T, V, B_MUL, 1>(o, a, b, s, n); break;
    default: flatArith<T, V, B_MUL, 2>(o, a, b, s, n); break;
  }
}

extern "C" __global__ void k_flat_f32(int op, float* o, const float* a, const float* b, int mode, double sd, i64 n) {
  flatDispatch<float, float4>(op, o, a, b, mode, sd, n);
}

extern "C" __global__ void k_flat_f64(int op, double* o, const double* a, const double* b, int mode, double sd,
                                      i64 n) {
  flatDispatch<double, double2>(op, o, a, b, mode, sd, n);
}

// sin and cos of contiguous float32/float64 on perUnit
template <typename T, typename V, int OP>
__device__ __forceinline__ void flatTrig(T* o, const T* a, i64 n) {
  perUnit<T, V, false>(o, a, a, n, [](T x, T) { return OP == U_SIN ? (T)sin(x) : (T)cos(x); });
}

extern "C" __global__ void k_trig_f32(int op, float* o, const float* a, i64 n) {
  if (op == U_SIN) flatTrig<float, float4, U_SIN>(o, a, n);
  else flatTrig<float, float4, U_COS>(o, a, n);
}

extern "C" __global__ void k_trig_f64(int op, double* o, const double* a, i64 n) {
  if (op == U_SIN) flatTrig<double, double2, U_SIN>(o, a, n);
  else flatTrig<double, double2, U_COS>(o, a, n);
}

extern "C" __global__ void k_unary_f32(int op, float* o, const float* a, i64 n) {
  switch (op) {
    case U_SIN: { GRID_LOOP(i, n) o[i] = sinf(a[i]); return; }
    case U_COS: { GRID_LOOP(i, n) o[i] = cosf(a[i]); return; }
    case U_SQUARE: { GRID_LOOP(i, n) o[i] = a[i] * a[i]; return; }
    case U_SQRT: { GRID_LOOP(i, n) o[i] = sqrtf(a[i]); return; }
    default: { GRID_LOOP(i, n) o[i] = unF(op, a[i]); }
  }
}

extern "C" __global__ void k_unary_f64(int op, double* o, const double* a, i64 n) {
  GRID_LOOP(i, n) o[i] = unD(op, a[i]);
}

// ---- scans: one thread per line, partials rounded to the output dtype like NumPy's loops ----
extern "C" __global__ void k_scan(Geom lines, int prod, void* out, int tout, const void* in, int tin, i64 len,
                                   i64 so, i64 si, i64 nLines) {
  GRID_LOOP(q, nLines) {
    i64 o[2];
    offsets(lines, q, 2, o);
    if (isF(tout)) {
      double acc = prod ? 1 : 0;
      for (i64 j = 0; j < len; j++) {
        double v = ldD(in, tin, o[1] + j * si);
        acc = prod ? acc * v : acc + v;
        if (tout == T_F32) acc = (float)acc;
        if (tout == T_F16) acc = __half2float(toHalf(acc));
        stD(out, tout, o[0] + j * so, acc);
      }
    } else {
      i64 acc = prod ? 1 : 0;
      for (i64 j = 0; j < len; j++) {
        i64 v = ldL(in, tin, o[1] + j * si);
        acc = prod ? (i64)((u64)acc * (u64)v) : (i64)((u64)acc + (u64)v);
        stL(out, tout, o[0] + j * so, acc);
      }
    }
  }
}

#include "matmul.cuh"

// ---- Philox4x32-10 (see io.ndj.spi.Philox) ----
extern "C" __global__ void k_philox(i64* out, i64 n, u64 key, u64 counter, i64 off, i64 stride) {
  GRID_LOOP(i, n) {
    u64 ctr = counter + (u64)i;
    unsigned k0 = (unsigned)key, k1 = (unsigned)(key >> 32);
    unsigned c0 = (unsigned)ctr, c1 = (unsigned)(ctr >> 32), c2 = 0, c3 = 0;
    for (int r = 0; r < 10; r++) {
      unsigned hi0 = __umulhi(0xD2511F53u, c0), lo0 = 0xD2511F53u * c0;
      unsigned hi1 = __umulhi(0xCD9E8D57u, c2), lo1 = 0xCD9E8D57u * c2;
      unsigned n0 = hi1 ^ c1 ^ k0, n2 = hi0 ^ c3 ^ k1;
      c0 = n0; c1 = lo1; c2 = n2; c3 = lo0;
      k0 += 0x9E3779B9u; k1 += 0xBB67AE85u;
    }
    out[off + i * stride] = (i64)(((u64)c0 << 32) | c1);
  }
}

#include "sort.cuh"

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
    stL(lane, t, 0, (op == B_MUL || op == B_MIN || op == B_FMIN) ? (a & b) : (a | b));
  } else {
    stL(lane, t, 0, binL(op, ldL(lane, t, 0), ldL(values, t, i)));
  }
}

extern "C" __global__ void k_accumulate_at(void* target, int t, const i64* idx, const void* values, i64 vstride,
                                          int op, i64 n) {
  GRID_LOOP(e, n) {
    i64 pos = idx[e];
    i64 i = e * vstride; // 0 for one broadcast value
    if (op == B_ADD || op == B_SUB) {
      bool add = op == B_ADD;
      if (t == T_F64) { double v = ((const double*)values)[i]; atomicAdd((double*)target + pos, add ? v : -v); continue; }
      if (t == T_F32) { float v = ((const float*)values)[i]; atomicAdd((float*)target + pos, add ? v : -v); continue; }
      if (t == T_I64) {
        u64 v = ((const u64*)values)[i];
        atomicAdd((u64*)target + pos, add ? v : 0 - v);
        continue;
      }
      if (t == T_I32) {
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

// ---- batched small linear systems (numpy.linalg.solve of stacks of n <= 16) ----
// One thread a system: LU with partial pivoting in the thread's own memory, then a forward and a back substitution
// for each of the k right-hand sides. a: count x n x n, b and x: count x n x k, C order; info[i] = 1 where matrix i
// has an exactly zero pivot (LAPACK's singular), else 0.
#define SMALL_N 16
template <typename T>
__device__ void small_solve(const T* a, const T* b, T* x, int* info, i64 count, int n, int k) {
  GRID_LOOP(i, count) {
    T m[SMALL_N * SMALL_N];
    int perm[SMALL_N];
    const T* ai = a + i * n * n;
    for (int r = 0; r < n; r++)
      for (int c = 0; c < n; c++) m[r * SMALL_N + c] = ai[r * n + c];
    int singular = 0;
    for (int col = 0; col < n; col++) {
      int p = col;
      T best = fabs(m[col * SMALL_N + col]);
      for (int r = col + 1; r < n; r++) {
        T v = fabs(m[r * SMALL_N + col]);
        if (v > best) {
          best = v;
          p = r;
        }
      }
      perm[col] = p;
      if (best == (T)0) {
        singular = 1;
        break;
      }
      if (p != col)
        for (int c = 0; c < n; c++) {
          T t = m[col * SMALL_N + c];
          m[col * SMALL_N + c] = m[p * SMALL_N + c];
          m[p * SMALL_N + c] = t;
        }
      T d = m[col * SMALL_N + col];
      for (int r = col + 1; r < n; r++) {
        T f = m[r * SMALL_N + col] / d;
        m[r * SMALL_N + col] = f;
        for (int c = col + 1; c < n; c++) m[r * SMALL_N + c] -= f * m[col * SMALL_N + c];
      }
    }
    info[i] = singular;
    if (singular) continue;
    const T* bi = b + i * n * k;
    T* xi = x + i * n * k;
    for (int j = 0; j < k; j++) {
      T v[SMALL_N];
      for (int r = 0; r < n; r++) v[r] = bi[r * k + j];
      for (int col = 0; col < n; col++) {
        T t = v[col];
        v[col] = v[perm[col]];
        v[perm[col]] = t;
      }
      for (int r = 1; r < n; r++)
        for (int c = 0; c < r; c++) v[r] -= m[r * SMALL_N + c] * v[c];
      for (int r = n - 1; r >= 0; r--) {
        for (int c = r + 1; c < n; c++) v[r] -= m[r * SMALL_N + c] * v[c];
        v[r] /= m[r * SMALL_N + r];
      }
      for (int r = 0; r < n; r++) xi[r * k + j] = v[r];
    }
  }
}

extern "C" __global__ void k_small_solve_f64(const double* a, const double* b, double* x, int* info, i64 count, int n,
                                             int k) {
  small_solve<double>(a, b, x, info, count, n, k);
}

extern "C" __global__ void k_small_solve_f32(const float* a, const float* b, float* x, int* info, i64 count, int n,
                                             int k) {
  small_solve<float>(a, b, x, info, count, n, k);
}
