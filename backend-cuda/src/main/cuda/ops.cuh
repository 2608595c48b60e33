// The semantics of every elementwise op, shared by ndj.cu's kernels and the kernels that fusion generates
// at run time (NVRTC compiles this file in front of them, with NDJ_NO_HALF defined): floats compute in
// double, integers in 64 bits, as the SPI specifies.
#ifndef NDJ_OPS_CUH
#define NDJ_OPS_CUH

typedef long long i64;
typedef unsigned long long u64;

enum { T_BOOL = 0, T_I8 = 1, T_I16 = 2, T_I32 = 3, T_I64 = 4, T_U8 = 5, T_F16 = 6, T_F32 = 7, T_F64 = 8 };

// ---- op codes: BinaryOp / UnaryOp order as mapped by Codes.java ----
enum { B_ADD, B_SUB, B_MUL, B_DIV, B_FLOORDIV, B_MOD, B_POW, B_ATAN2, B_HYPOT, B_MAX, B_MIN, B_FMAX, B_FMIN,
       B_AND, B_OR, B_XOR, B_LSHIFT, B_RSHIFT, B_EQ, B_NE, B_LT, B_LE, B_GT, B_GE, B_COPYSIGN, B_NEXTAFTER,
       B_FMOD, B_GCD, B_LCM, B_LDEXP };
enum { U_NEG, U_ABS, U_SIGN, U_SQRT, U_SQUARE, U_EXP, U_EXP2, U_LOG, U_LOG2, U_LOG10, U_LOG1P, U_EXPM1, U_SIN,
       U_COS, U_TAN, U_ASIN, U_ACOS, U_ATAN, U_SINH, U_COSH, U_TANH, U_FLOOR, U_CEIL, U_RINT, U_TRUNC, U_INVERT,
       U_LNOT, U_ISNAN, U_ISINF, U_ISFINITE, U_CBRT, U_SIGNBIT };

// ldexp's exponent, held in the float loop dtype, clamped past any float's range (NaN as 0)
__device__ __forceinline__ int ldexpExponent(double e) {
  return e != e ? 0 : (int)fmax(-100000.0, fmin(100000.0, e));
}

// C's nextafter in float dtype t (NumPy's half loop keeps x when x == y)
__device__ double nextT(double x, double y, int t) {
  if (t == T_F64) return nextafter(x, y);
  if (t == T_F32) return (double)nextafterf((float)x, (float)y);
  if (x != x || y != y) return x + y;  // NaN
  if (x == y) return x;
#ifdef NDJ_NO_HALF
  return x;  // generated kernels never run float16 (fusion leaves float16 programs unfused)
#else
  unsigned short b = __half_as_ushort(__double2half(x));
  if (x == 0) b = y > 0 ? 1 : 0x8001;
  else b += ((x < y) == (x > 0)) ? 1 : -1;  // the bits grow away from zero
  return (double)__half2float(__ushort_as_half(b));
#endif
}

// max/min (NaN wins in maximum/minimum, loses in fmax/fmin) and comparisons (0 or 1): exact in any float type
template <typename T>
__device__ __forceinline__ T pickOrCompare(int op, T a, T b) {
  switch (op) {
    case B_MAX: return (a > b || a != a) ? a : b;
    case B_MIN: return (a < b || a != a) ? a : b;
    case B_FMAX: return (a > b || b != b) ? a : b;
    case B_FMIN: return (a < b || b != b) ? a : b;
    case B_EQ: return a == b;
    case B_NE: return a != b;
    case B_LT: return a < b;
    case B_LE: return a <= b;
    case B_GT: return a > b;
  }
  return a >= b;  // B_GE
}

__device__ double binD(int op, double a, double b);

// binD where the loop dtype matters (nextafter)
__device__ __forceinline__ double binDT(int op, int t, double a, double b) {
  return op == B_NEXTAFTER ? nextT(a, b, t) : binD(op, a, b);
}

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
    case B_MAX: case B_MIN: case B_FMAX: case B_FMIN:
    case B_EQ: case B_NE: case B_LT: case B_LE: case B_GT: case B_GE: return pickOrCompare(op, a, b);
    case B_COPYSIGN: return copysign(a, b);
    case B_NEXTAFTER: return nextafter(a, b);
    case B_FMOD: return fmod(a, b);
    case B_LDEXP: return ldexp(a, ldexpExponent(b));
  }
  return 0;
}

// Euclid on |a|, |b| as unsigned (|int64 min| is 2^63, as NumPy's)
__device__ __forceinline__ u64 gcdU(i64 a, i64 b) {
  u64 x = a < 0 ? 0 - (u64)a : (u64)a;
  u64 y = b < 0 ? 0 - (u64)b : (u64)b;
  while (y != 0) { u64 r = x % y; x = y; y = r; }
  return x;
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
    case B_FMOD: return (b == 0 || b == -1) ? 0 : a % b;
    case B_GCD: return (i64)gcdU(a, b);
    case B_LCM: {
      i64 g = (i64)gcdU(a, b);
      if (g == 0) return 0;
      i64 x = a < 0 ? (i64)(0 - (u64)a) : a;
      i64 y = b < 0 ? (i64)(0 - (u64)b) : b;
      return (i64)((u64)(x / g) * (u64)y);
    }
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
    case U_CBRT: return cbrt(x);
    case U_SIGNBIT: return signbit(x) != 0;
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

// ---- float32 loops ----
// Ops whose float32 result is exactly the double result rounded (IEEE + - * / and sqrt round correctly in
// either precision, 53 >= 2 * 24 + 2 bits; comparisons, max/min, abs, negation, copysign, floor/ceil/rint/trunc
// are exact) compute in float: the same numbers without converting to double and back. The transcendental
// functions take CUDA's float functions (within 2-3 ulps of the true value; tan and cbrt, whose float versions
// are looser, stay in double).
__device__ float binF(int op, float a, float b) {
  switch (op) {
    case B_ADD: return a + b;
    case B_SUB: return a - b;
    case B_MUL: return a * b;
    case B_DIV: return a / b;
    case B_MAX: case B_MIN: case B_FMAX: case B_FMIN:
    case B_EQ: case B_NE: case B_LT: case B_LE: case B_GT: case B_GE: return pickOrCompare(op, a, b);
    case B_COPYSIGN: return copysignf(a, b);
  }
  return (float)binD(op, (double)a, (double)b);
}

__device__ float unF(int op, float x) {
  switch (op) {
    case U_NEG: return -x;
    case U_ABS: return fabsf(x);
    case U_SQRT: return sqrtf(x);
    case U_SQUARE: return x * x;
    case U_FLOOR: return floorf(x);
    case U_CEIL: return ceilf(x);
    case U_RINT: return rintf(x);
    case U_TRUNC: return truncf(x);
    case U_EXP: return expf(x);
    case U_EXP2: return exp2f(x);
    case U_LOG: return logf(x);
    case U_LOG2: return log2f(x);
    case U_LOG10: return log10f(x);
    case U_LOG1P: return log1pf(x);
    case U_EXPM1: return expm1f(x);
    case U_SIN: return sinf(x);
    case U_COS: return cosf(x);
    case U_ASIN: return asinf(x);
    case U_ACOS: return acosf(x);
    case U_ATAN: return atanf(x);
    case U_SINH: return sinhf(x);
    case U_COSH: return coshf(x);
    case U_TANH: return tanhf(x);
  }
  return (float)unD(op, (double)x);
}

#endif
