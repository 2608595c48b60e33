// ndj's CUDA kernels. Every kernel takes runtime dtype codes (see DTypes.java) and op codes (the SPI enums'
// constants, mapped in Codes.java), uses 64-bit indices and grid-stride loops, and reads strided N-d views
// through a Geom passed by value. Floats compute in double and round once to the result dtype; integers
// compute in 64 bits and wrap to their width, as the SPI specifies.
#include <cuda_fp16.h>
#include <stdint.h>

#define MAXD 12
typedef long long i64;
typedef unsigned long long u64;

struct Geom {
  int nd;
  int pad;
  i64 shape[MAXD];
  i64 st[4][MAXD];
  i64 off[4];
};

enum { T_BOOL = 0, T_I8 = 1, T_I16 = 2, T_I32 = 3, T_I64 = 4, T_U8 = 5, T_F16 = 6, T_F32 = 7, T_F64 = 8 };

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

// ---- op codes: BinaryOp / UnaryOp order as mapped by Codes.java ----
enum { B_ADD, B_SUB, B_MUL, B_DIV, B_FLOORDIV, B_MOD, B_POW, B_ATAN2, B_HYPOT, B_MAX, B_MIN, B_FMAX, B_FMIN,
       B_AND, B_OR, B_XOR, B_LSHIFT, B_RSHIFT, B_EQ, B_NE, B_LT, B_LE, B_GT, B_GE };
enum { U_NEG, U_ABS, U_SIGN, U_SQRT, U_SQUARE, U_EXP, U_EXP2, U_LOG, U_LOG2, U_LOG10, U_LOG1P, U_EXPM1, U_SIN,
       U_COS, U_TAN, U_ASIN, U_ACOS, U_ATAN, U_SINH, U_COSH, U_TANH, U_FLOOR, U_CEIL, U_RINT, U_TRUNC, U_INVERT,
       U_LNOT, U_ISNAN, U_ISINF, U_ISFINITE };

__device__ double binD(int op, double a, double b) {
  switch (op) {
    case B_ADD: return a + b;
    case B_SUB: return a - b;
    case B_MUL: return a * b;
    case B_DIV: return a / b;
    case B_FLOORDIV: {
      if (b == 0) return a / b;
      double m = fmod(a, b);
      double q = (a - m) / b;
      if (m != 0 && ((b < 0) != (m < 0))) q -= 1.0;
      if (q != 0) { double f = floor(q); if (q - f > 0.5) f += 1.0; return f; }
      return copysign(0.0, a / b);
    }
    case B_MOD: {
      if (b == 0) return fmod(a, b);
      double m = fmod(a, b);
      if (m != 0) { if ((b < 0) != (m < 0)) m += b; } else m = copysign(0.0, b);
      return m;
    }
    case B_POW: return pow(a, b);
    case B_ATAN2: return atan2(a, b);
    case B_HYPOT: return hypot(a, b);
    case B_MAX: return (a > b || a != a) ? a : b;
    case B_MIN: return (a < b || a != a) ? a : b;
    case B_FMAX: return (a > b || b != b) ? a : b;
    case B_FMIN: return (a < b || b != b) ? a : b;
    case B_EQ: return a == b;
    case B_NE: return a != b;
    case B_LT: return a < b;
    case B_LE: return a <= b;
    case B_GT: return a > b;
    case B_GE: return a >= b;
  }
  return 0;
}

__device__ i64 binL(int op, i64 a, i64 b) {
  switch (op) {
    case B_ADD: return (i64)((u64)a + (u64)b);
    case B_SUB: return (i64)((u64)a - (u64)b);
    case B_MUL: return (i64)((u64)a * (u64)b);
    case B_FLOORDIV: {
      if (b == 0) return 0;
      if (b == -1) return (i64)(0 - (u64)a);
      i64 q = a / b;
      if ((a % b != 0) && ((a < 0) != (b < 0))) q -= 1;
      return q;
    }
    case B_MOD: {
      if (b == 0 || b == -1) return 0;
      i64 m = a % b;
      if (m != 0 && ((m < 0) != (b < 0))) m += b;
      return m;
    }
    case B_POW: { u64 r = 1, x = (u64)a; i64 e = b; while (e > 0) { if (e & 1) r *= x; x *= x; e >>= 1; } return (i64)r; }
    case B_MAX: case B_FMAX: return a > b ? a : b;
    case B_MIN: case B_FMIN: return a < b ? a : b;
    case B_AND: return a & b;
    case B_OR: return a | b;
    case B_XOR: return a ^ b;
    case B_LSHIFT: return (b < 0 || b >= 64) ? 0 : (i64)((u64)a << b);
    case B_RSHIFT: return (b < 0 || b >= 64) ? (a < 0 ? -1 : 0) : a >> b;
    case B_EQ: return a == b;
    case B_NE: return a != b;
    case B_LT: return a < b;
    case B_LE: return a <= b;
    case B_GT: return a > b;
    case B_GE: return a >= b;
  }
  return 0;
}

__device__ double unD(int op, double x) {
  switch (op) {
    case U_NEG: return -x;
    case U_ABS: return fabs(x);
    case U_SIGN: return x > 0 ? 1.0 : x < 0 ? -1.0 : (x == 0 ? 0.0 : x);
    case U_SQRT: return sqrt(x);
    case U_SQUARE: return x * x;
    case U_EXP: return exp(x);
    case U_EXP2: return exp2(x);
    case U_LOG: return log(x);
    case U_LOG2: return log2(x);
    case U_LOG10: return log10(x);
    case U_LOG1P: return log1p(x);
    case U_EXPM1: return expm1(x);
    case U_SIN: return sin(x);
    case U_COS: return cos(x);
    case U_TAN: return tan(x);
    case U_ASIN: return asin(x);
    case U_ACOS: return acos(x);
    case U_ATAN: return atan(x);
    case U_SINH: return sinh(x);
    case U_COSH: return cosh(x);
    case U_TANH: return tanh(x);
    case U_FLOOR: return floor(x);
    case U_CEIL: return ceil(x);
    case U_RINT: return rint(x);
    case U_TRUNC: return trunc(x);
    case U_LNOT: return x == 0;
    case U_ISNAN: return isnan(x);
    case U_ISINF: return isinf(x);
    case U_ISFINITE: return isfinite(x);
  }
  return 0;
}

__device__ i64 unL(int op, i64 x) {
  switch (op) {
    case U_NEG: return (i64)(0 - (u64)x);
    case U_ABS: return x < 0 ? (i64)(0 - (u64)x) : x;
    case U_SIGN: return (x > 0) - (x < 0);
    case U_SQUARE: return (i64)((u64)x * (u64)x);
    case U_FLOOR: case U_CEIL: case U_TRUNC: return x;
    case U_INVERT: return ~x;
    case U_LNOT: return x == 0;
    case U_ISNAN: case U_ISINF: return 0;
    case U_ISFINITE: return 1;
  }
  return 0;
}

extern "C" __global__ void k_fill(Geom g, void* out, int t, double dv, i64 lv, i64 n) {
  GRID_LOOP(i, n) {
    i64 o[1];
    offsets(g, i, 1, o);
    if (isF(t)) stD(out, t, o[0], dv); else stL(out, t, o[0], lv);
  }
}

extern "C" __global__ void k_arange(void* out, int t, i64 n, i64 off, i64 stride, double ds, double dstep, i64 ls, i64 lstep) {
  GRID_LOOP(i, n) {
    if (isF(t)) stD(out, t, off + i * stride, ds + (double)i * dstep);
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
    if (isF(tin)) {
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
      double r = binD(op, x, y);
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

// ---- reductions: one block per output element (grid-stride over outputs) ----
enum { R_SUM, R_PROD, R_MIN, R_MAX, R_ARGMIN, R_ARGMAX, R_ANY, R_ALL };

struct Acc { double d; i64 l; i64 arg; };

__device__ __forceinline__ Acc accInit(int op) {
  Acc a; a.arg = -1;
  switch (op) {
    case R_PROD: a.d = 1; a.l = 1; break;
    case R_MIN: a.d = __longlong_as_double(0x7ff0000000000000LL); a.l = 0x7fffffffffffffffLL; break;
    case R_MAX: a.d = -__longlong_as_double(0x7ff0000000000000LL); a.l = (i64)0x8000000000000000ULL; break;
    case R_ALL: a.d = 1; a.l = 1; break;
    default: a.d = 0; a.l = 0;
  }
  return a;
}

// folds element (value, position) into a; f: float domain
__device__ __forceinline__ void accFold(int op, bool f, Acc& a, double dv, i64 lv, i64 pos) {
  switch (op) {
    case R_SUM: a.d += dv; a.l += lv; break;
    case R_PROD: a.d *= dv; a.l = (i64)((u64)a.l * (u64)lv); break;
    case R_MIN: if (f) { if (dv < a.d || dv != dv || a.d != a.d) a.d = (a.d != a.d) ? a.d : dv; } else if (lv < a.l) a.l = lv; break;
    case R_MAX: if (f) { if (dv > a.d || dv != dv || a.d != a.d) a.d = (a.d != a.d) ? a.d : dv; } else if (lv > a.l) a.l = lv; break;
    case R_ARGMIN: case R_ARGMAX: {
      bool mx = op == R_ARGMAX;
      if (a.arg < 0) { a.d = dv; a.l = lv; a.arg = pos; break; }
      if (f) {
        bool an = a.d != a.d, vn = dv != dv;
        bool take = an ? (vn && pos < a.arg) : (vn || (mx ? dv > a.d : dv < a.d) || (dv == a.d && pos < a.arg));
        if (take) { a.d = dv; a.arg = pos; }
      } else {
        bool take = (mx ? lv > a.l : lv < a.l) || (lv == a.l && pos < a.arg);
        if (take) { a.l = lv; a.arg = pos; }
      }
      break;
    }
    case R_ANY: a.l = a.l || (f ? dv != 0 : lv != 0); break;
    case R_ALL: a.l = a.l && (f ? dv != 0 : lv != 0); break;
  }
}

__device__ __forceinline__ void accMerge(int op, bool f, Acc& a, const Acc& b) {
  switch (op) {
    case R_SUM: a.d += b.d; a.l += b.l; break;
    case R_PROD: a.d *= b.d; a.l = (i64)((u64)a.l * (u64)b.l); break;
    case R_ARGMIN: case R_ARGMAX: if (b.arg >= 0) accFold(op, f, a, b.d, b.l, b.arg); break;
    case R_ANY: a.l = a.l || b.l; break;
    case R_ALL: a.l = a.l && b.l; break;
    default: accFold(op, f, a, b.d, b.l, 0);
  }
}

// kept: shape of outputs, st[0] = out strides, st[1] = in strides; red: reduced block, st[1] = in strides
extern "C" __global__ void k_reduce(Geom kept, Geom red, int op, void* out, int tout, const void* in, int tin,
                                     i64 nOut, i64 nRed) {
  __shared__ Acc sh[256];
  bool f = isF(tin);
  for (i64 q = blockIdx.x; q < nOut; q += gridDim.x) {
    i64 ko[2];
    offsets(kept, q, 2, ko);
    Acc a = accInit(op);
    for (i64 j = threadIdx.x; j < nRed; j += blockDim.x) {
      i64 ro[2];
      offsets(red, j, 2, ro);
      i64 at = ko[1] + ro[1];
      double dv = f ? ldD(in, tin, at) : 0;
      i64 lv = f ? 0 : ldL(in, tin, at);
      accFold(op, f, a, dv, lv, j);
    }
    sh[threadIdx.x] = a;
    __syncthreads();
    for (int s = blockDim.x / 2; s > 0; s >>= 1) {
      if (threadIdx.x < s) accMerge(op, f, sh[threadIdx.x], sh[threadIdx.x + s]);
      __syncthreads();
    }
    if (threadIdx.x == 0) {
      Acc r = sh[0];
      if (op == R_ARGMIN || op == R_ARGMAX) stL(out, tout, ko[0], r.arg);
      else if (op == R_ANY || op == R_ALL) stL(out, tout, ko[0], r.l);
      else if (f) stD(out, tout, ko[0], r.d);
      else stL(out, tout, ko[0], r.l);
    }
    __syncthreads();
  }
}

// few outputs, long reductions: each block folds one chunk of one output's range into partials[q * chunks + c]
extern "C" __global__ void k_reduce_partial(Geom kept, Geom red, int op, Acc* partials, const void* in, int tin,
                                             i64 nOut, i64 nRed, i64 chunks) {
  __shared__ Acc sh[256];
  bool f = isF(tin);
  for (i64 b = blockIdx.x; b < nOut * chunks; b += gridDim.x) {
    i64 q = b / chunks, c = b % chunks;
    i64 lo = nRed * c / chunks, hi = nRed * (c + 1) / chunks;
    i64 ko[2];
    offsets(kept, q, 2, ko);
    Acc a = accInit(op);
    if (red.nd == 1) {
      i64 st = red.st[1][0];
      for (i64 j = lo + threadIdx.x; j < hi; j += blockDim.x) {
        i64 at = ko[1] + j * st;
        accFold(op, f, a, f ? ldD(in, tin, at) : 0, f ? 0 : ldL(in, tin, at), j);
      }
    } else {
      for (i64 j = lo + threadIdx.x; j < hi; j += blockDim.x) {
        i64 ro[2];
        offsets(red, j, 2, ro);
        i64 at = ko[1] + ro[1];
        accFold(op, f, a, f ? ldD(in, tin, at) : 0, f ? 0 : ldL(in, tin, at), j);
      }
    }
    sh[threadIdx.x] = a;
    __syncthreads();
    for (int s = blockDim.x / 2; s > 0; s >>= 1) {
      if (threadIdx.x < s) accMerge(op, f, sh[threadIdx.x], sh[threadIdx.x + s]);
      __syncthreads();
    }
    if (threadIdx.x == 0) partials[b] = sh[0];
    __syncthreads();
  }
}

// merges each output's partials in order (so argmin/argmax keep the first index) and stores the result
extern "C" __global__ void k_reduce_final(Geom kept, int op, void* out, int tout, const Acc* partials, int tin,
                                           i64 nOut, i64 chunks) {
  bool f = isF(tin);
  GRID_LOOP(q, nOut) {
    i64 ko[2];
    offsets(kept, q, 2, ko);
    Acc a = accInit(op);
    for (i64 c = 0; c < chunks; c++) accMerge(op, f, a, partials[q * chunks + c]);
    if (op == R_ARGMIN || op == R_ARGMAX) stL(out, tout, ko[0], a.arg);
    else if (op == R_ANY || op == R_ALL) stL(out, tout, ko[0], a.l);
    else if (f) stD(out, tout, ko[0], a.d);
    else stL(out, tout, ko[0], a.l);
  }
}

// ---- typed copies: strided 1-d runs, tiled 2-d transposes, contiguous float casts ----
template <typename T>
__device__ void copy1d(T* o, const T* a, i64 n, i64 os, i64 is) {
  GRID_LOOP(i, n) o[i * os] = a[i * is];
}

extern "C" __global__ void k_copy1d_1(unsigned char* o, const unsigned char* a, i64 n, i64 os, i64 is) { copy1d(o, a, n, os, is); }
extern "C" __global__ void k_copy1d_2(unsigned short* o, const unsigned short* a, i64 n, i64 os, i64 is) { copy1d(o, a, n, os, is); }
extern "C" __global__ void k_copy1d_4(unsigned int* o, const unsigned int* a, i64 n, i64 os, i64 is) { copy1d(o, a, n, os, is); }
extern "C" __global__ void k_copy1d_8(u64* o, const u64* a, i64 n, i64 os, i64 is) { copy1d(o, a, n, os, is); }

// out (rows x cols, row-major) = in with element (r, c) at a[c * ld + r]: 32 x 32 tiles through shared memory,
// so both the reads and the writes are coalesced; 256 threads as 8 rows of 32
template <typename T>
__device__ void transpose2d(T* o, const T* a, i64 rows, i64 cols, i64 ld) {
  __shared__ T tile[32][33];
  i64 tilesR = (rows + 31) / 32, tilesC = (cols + 31) / 32;
  int tx = threadIdx.x & 31, ty = threadIdx.x >> 5;
  for (i64 b = blockIdx.x; b < tilesR * tilesC; b += gridDim.x) {
    i64 r0 = (b / tilesC) * 32, c0 = (b % tilesC) * 32;
    // read: consecutive threads take consecutive r (contiguous in a)
    for (int k = ty; k < 32; k += 8) {
      i64 c = c0 + k, r = r0 + tx;
      if (c < cols && r < rows) tile[k][tx] = a[c * ld + r];
    }
    __syncthreads();
    // write: consecutive threads take consecutive c (contiguous in o)
    for (int k = ty; k < 32; k += 8) {
      i64 r = r0 + k, c = c0 + tx;
      if (r < rows && c < cols) o[r * cols + c] = tile[tx][k];
    }
    __syncthreads();
  }
}

extern "C" __global__ void k_transpose_1(unsigned char* o, const unsigned char* a, i64 r, i64 c, i64 ld) { transpose2d(o, a, r, c, ld); }
extern "C" __global__ void k_transpose_2(unsigned short* o, const unsigned short* a, i64 r, i64 c, i64 ld) { transpose2d(o, a, r, c, ld); }
extern "C" __global__ void k_transpose_4(unsigned int* o, const unsigned int* a, i64 r, i64 c, i64 ld) { transpose2d(o, a, r, c, ld); }
extern "C" __global__ void k_transpose_8(u64* o, const u64* a, i64 r, i64 c, i64 ld) { transpose2d(o, a, r, c, ld); }

extern "C" __global__ void k_cast_f32_f64(double* o, const float* a, i64 n) { GRID_LOOP(i, n) o[i] = (double)a[i]; }
extern "C" __global__ void k_cast_f64_f32(float* o, const double* a, i64 n) { GRID_LOOP(i, n) o[i] = (float)a[i]; }

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

// four consecutive elements as one load where the pointer allows (16-byte float4 / double2 pairs)
__device__ __forceinline__ double fold4(int op, double a, const float* p, i64 q) {
  float4 v = reinterpret_cast<const float4*>(p)[q];
  return fastFold(op, fastFold(op, fastFold(op, fastFold(op, a, v.x), v.y), v.z), v.w);
}

__device__ __forceinline__ double fold4(int op, double a, const double* p, i64 q) {
  double2 v = reinterpret_cast<const double2*>(p)[2 * q];
  double2 w = reinterpret_cast<const double2*>(p)[2 * q + 1];
  return fastFold(op, fastFold(op, fastFold(op, fastFold(op, a, v.x), v.y), w.x), w.y);
}

// rows x len, row-major: block b folds chunk (b % chunks) of row (b / chunks) (chunks split the row's groups of
// four, the last chunk also takes the row's tail); with one chunk it stores the row's result, else a partial that
// k_prows folds
template <typename T>
__device__ void rowsFold(const T* in, T* out, double* partial, i64 rows, i64 len, i64 chunks, int op) {
  for (i64 b = blockIdx.x; b < rows * chunks; b += gridDim.x) {
    i64 r = b / chunks, c = b % chunks;
    const T* p = in + r * len;
    i64 step = blockDim.x;
    double a0 = fastInit(op), a1 = a0;
    if (((uintptr_t)p & 15) == 0) {
      i64 n4 = len / 4;
      i64 lo = n4 * c / chunks, hi = n4 * (c + 1) / chunks;
      i64 q = lo + threadIdx.x;
      for (; q + step < hi; q += 2 * step) {
        a0 = fold4(op, a0, p, q);
        a1 = fold4(op, a1, p, q + step);
      }
      if (q < hi) a0 = fold4(op, a0, p, q);
      if (c == chunks - 1) {
        for (i64 j = n4 * 4 + threadIdx.x; j < len; j += step) a1 = fastFold(op, a1, (double)p[j]);
      }
    } else {
      i64 lo = len * c / chunks, hi = len * (c + 1) / chunks;
      i64 j = lo + threadIdx.x;
      for (; j + step < hi; j += 2 * step) {
        a0 = fastFold(op, a0, (double)p[j]);
        a1 = fastFold(op, a1, (double)p[j + step]);
      }
      if (j < hi) a0 = fastFold(op, a0, (double)p[j]);
    }
    double v = blockFold(op, fastFold(op, a0, a1));
    if (threadIdx.x == 0) {
      if (chunks == 1) out[r] = (T)v;
      else partial[b] = v;
    }
  }
}

extern "C" __global__ void k_rows_f32(const float* in, float* out, double* partial, i64 rows, i64 len, i64 chunks,
                                      int op) {
  rowsFold<float>(in, out, partial, rows, len, chunks, op);
}

extern "C" __global__ void k_rows_f64(const double* in, double* out, double* partial, i64 rows, i64 len, i64 chunks,
                                      int op) {
  rowsFold<double>(in, out, partial, rows, len, chunks, op);
}

// out[r] = fold of the partials row r (rows x len doubles), one block per row
template <typename T>
__device__ void partialRows(const double* partial, T* out, i64 rows, i64 len, int op) {
  for (i64 r = blockIdx.x; r < rows; r += gridDim.x) {
    double a = fastInit(op);
    for (i64 j = threadIdx.x; j < len; j += blockDim.x) a = fastFold(op, a, partial[r * len + j]);
    a = blockFold(op, a);
    if (threadIdx.x == 0) out[r] = (T)a;
  }
}

extern "C" __global__ void k_prows_f32(const double* partial, float* out, i64 rows, i64 len, int op) {
  partialRows<float>(partial, out, rows, len, op);
}

extern "C" __global__ void k_prows_f64(const double* partial, double* out, i64 rows, i64 len, int op) {
  partialRows<double>(partial, out, rows, len, op);
}

// rows x cols, row-major, folded over the rows: thread j of column block (b % colBlocks) folds column j over row
// chunk (b / colBlocks); coalesced across a warp
template <typename T>
__device__ void colsFold(const T* in, T* out, double* partial, i64 rows, i64 cols, i64 chunks, int op) {
  i64 colBlocks = (cols + blockDim.x - 1) / blockDim.x;
  for (i64 b = blockIdx.x; b < colBlocks * chunks; b += gridDim.x) {
    i64 j = (b % colBlocks) * blockDim.x + threadIdx.x;
    i64 c = b / colBlocks;
    if (j >= cols) continue;
    i64 lo = rows * c / chunks, hi = rows * (c + 1) / chunks;
    double a0 = fastInit(op), a1 = a0;
    i64 i = lo;
    for (; i + 1 < hi; i += 2) {
      a0 = fastFold(op, a0, (double)in[i * cols + j]);
      a1 = fastFold(op, a1, (double)in[(i + 1) * cols + j]);
    }
    if (i < hi) a0 = fastFold(op, a0, (double)in[i * cols + j]);
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
        o[i] = (float)binD(op, x, y);
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

extern "C" __global__ void k_binary_f32(int op, float* o, const float* a, const float* b, int mode, double sd, i64 n) {
  binFast<float>(op, o, a, b, mode, sd, n);
}

extern "C" __global__ void k_binary_f64(int op, double* o, const double* a, const double* b, int mode, double sd,
                                        i64 n) {
  binFast<double>(op, o, a, b, mode, sd, n);
}

extern "C" __global__ void k_unary_f32(int op, float* o, const float* a, i64 n) {
  switch (op) {
    case U_SIN: { GRID_LOOP(i, n) o[i] = sinf(a[i]); return; }
    case U_COS: { GRID_LOOP(i, n) o[i] = cosf(a[i]); return; }
    case U_SQUARE: { GRID_LOOP(i, n) o[i] = a[i] * a[i]; return; }
    case U_SQRT: { GRID_LOOP(i, n) o[i] = sqrtf(a[i]); return; }
    default: { GRID_LOOP(i, n) o[i] = (float)unD(op, (double)a[i]); }
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
