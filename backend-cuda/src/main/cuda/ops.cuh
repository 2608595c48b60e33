// The semantics of every elementwise op, shared by ndj.cu's kernels and the kernels that fusion generates
// at run time (NVRTC compiles this file in front of them, with NDJ_NO_HALF defined): floats compute in
// double, integers in 64 bits, as the SPI specifies.
#ifndef NDJ_OPS_CUH
#define NDJ_OPS_CUH

typedef long long i64;
typedef unsigned long long u64;


// ---- THE code table: dtype and op codes as kernels take them. io.ndj.cuda.Codes reads this file (the jar
// carries it) and maps each name to the Java constant of the same name (T_FLOAT32 is DType.FLOAT32,
// B_ADD is BinaryOp.ADD, U_SIN is UnaryOp.SIN, R_SUM is ReduceOp.SUM): one table, no second copy. ----
// io.ndj.DType
enum DTypeCode {
  T_BOOL = 0,
  T_INT8 = 1,
  T_INT16 = 2,
  T_INT32 = 3,
  T_INT64 = 4,
  T_UINT8 = 5,
  T_UINT16 = 6,
  T_UINT32 = 7,
  T_UINT64 = 8,
  T_FLOAT16 = 9,
  T_FLOAT32 = 10,
  T_FLOAT64 = 11,
};
// io.ndj.spi.BinaryOp
enum BinaryCode {
  B_ADD = 0,
  B_SUBTRACT = 1,
  B_MULTIPLY = 2,
  B_DIVIDE = 3,
  B_FLOOR_DIVIDE = 4,
  B_MOD = 5,
  B_POWER = 6,
  B_ARCTAN2 = 7,
  B_HYPOT = 8,
  B_MAXIMUM = 9,
  B_MINIMUM = 10,
  B_FMAX = 11,
  B_FMIN = 12,
  B_BITWISE_AND = 13,
  B_BITWISE_OR = 14,
  B_BITWISE_XOR = 15,
  B_LEFT_SHIFT = 16,
  B_RIGHT_SHIFT = 17,
  B_EQUAL = 18,
  B_NOT_EQUAL = 19,
  B_LESS = 20,
  B_LESS_EQUAL = 21,
  B_GREATER = 22,
  B_GREATER_EQUAL = 23,
  B_COPYSIGN = 24,
  B_NEXTAFTER = 25,
  B_FMOD = 26,
  B_GCD = 27,
  B_LCM = 28,
  B_LDEXP = 29,
};
// io.ndj.spi.UnaryOp
enum UnaryCode {
  U_NEGATIVE = 0,
  U_ABS = 1,
  U_SIGN = 2,
  U_SQRT = 3,
  U_SQUARE = 4,
  U_EXP = 5,
  U_EXP2 = 6,
  U_LOG = 7,
  U_LOG2 = 8,
  U_LOG10 = 9,
  U_LOG1P = 10,
  U_EXPM1 = 11,
  U_SIN = 12,
  U_COS = 13,
  U_TAN = 14,
  U_ARCSIN = 15,
  U_ARCCOS = 16,
  U_ARCTAN = 17,
  U_SINH = 18,
  U_COSH = 19,
  U_TANH = 20,
  U_FLOOR = 21,
  U_CEIL = 22,
  U_RINT = 23,
  U_TRUNC = 24,
  U_INVERT = 25,
  U_LOGICAL_NOT = 26,
  U_ISNAN = 27,
  U_ISINF = 28,
  U_ISFINITE = 29,
  U_CBRT = 30,
  U_SIGNBIT = 31,
  U_ARCSINH = 32,
  U_ARCCOSH = 33,
  U_ARCTANH = 34,
};
// io.ndj.spi.ReduceOp
enum ReduceCode {
  R_SUM = 0,
  R_PROD = 1,
  R_MIN = 2,
  R_MAX = 3,
  R_ARGMIN = 4,
  R_ARGMAX = 5,
  R_ANY = 6,
  R_ALL = 7,
};

// ldexp's exponent, held in the float loop dtype, clamped past any float's range (NaN as 0)
__device__ __forceinline__ int ldexpExponent(double e) {
  return e != e ? 0 : (int)fmax(-100000.0, fmin(100000.0, e));
}

// C's nextafter in float dtype t (NumPy's half loop keeps x when x == y)
__device__ double nextT(double x, double y, int t) {
  if (t == T_FLOAT64) return nextafter(x, y);
  if (t == T_FLOAT32) return (double)nextafterf((float)x, (float)y);
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
    case B_MAXIMUM: return (a > b || a != a) ? a : b;
    case B_MINIMUM: return (a < b || a != a) ? a : b;
    case B_FMAX: return (a > b || b != b) ? a : b;
    case B_FMIN: return (a < b || b != b) ? a : b;
    case B_EQUAL: return a == b;
    case B_NOT_EQUAL: return a != b;
    case B_LESS: return a < b;
    case B_LESS_EQUAL: return a <= b;
    case B_GREATER: return a > b;
  }
  return a >= b;  // B_GREATER_EQUAL
}

__device__ double binD(int op, double a, double b);

// binD where the loop dtype matters (nextafter)
__device__ __forceinline__ double binDT(int op, int t, double a, double b) {
  return op == B_NEXTAFTER ? nextT(a, b, t) : binD(op, a, b);
}

__device__ double binD(int op, double a, double b) {
  switch (op) {
    case B_ADD: return a + b;
    case B_SUBTRACT: return a - b;
    case B_MULTIPLY: return a * b;
    case B_DIVIDE: return a / b;
    case B_FLOOR_DIVIDE: {
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
    case B_POWER: return pow(a, b);
    case B_ARCTAN2: return atan2(a, b);
    case B_HYPOT: return hypot(a, b);
    case B_MAXIMUM: case B_MINIMUM: case B_FMAX: case B_FMIN:
    case B_EQUAL: case B_NOT_EQUAL: case B_LESS: case B_LESS_EQUAL: case B_GREATER: case B_GREATER_EQUAL: return pickOrCompare(op, a, b);
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
    case B_SUBTRACT: return (i64)((u64)a - (u64)b);
    case B_MULTIPLY: return (i64)((u64)a * (u64)b);
    case B_FLOOR_DIVIDE: {
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
    case B_POWER: { u64 r = 1, x = (u64)a; i64 e = b; while (e > 0) { if (e & 1) r *= x; x *= x; e >>= 1; } return (i64)r; }
    case B_MAXIMUM: case B_FMAX: return a > b ? a : b;
    case B_MINIMUM: case B_FMIN: return a < b ? a : b;
    case B_BITWISE_AND: return a & b;
    case B_BITWISE_OR: return a | b;
    case B_BITWISE_XOR: return a ^ b;
    case B_LEFT_SHIFT: return (b < 0 || b >= 64) ? 0 : (i64)((u64)a << b);
    case B_RIGHT_SHIFT: return (b < 0 || b >= 64) ? (a < 0 ? -1 : 0) : a >> b;
    case B_EQUAL: return a == b;
    case B_NOT_EQUAL: return a != b;
    case B_LESS: return a < b;
    case B_LESS_EQUAL: return a <= b;
    case B_GREATER: return a > b;
    case B_GREATER_EQUAL: return a >= b;
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

// uint64 (held in an i64's bits): the ops whose results differ from int64's; the rest are binL's
__device__ i64 binU(int op, i64 sa, i64 sb) {
  u64 a = (u64)sa, b = (u64)sb;
  switch (op) {
    case B_FLOOR_DIVIDE: return b == 0 ? 0 : (i64)(a / b);
    case B_MOD: case B_FMOD: return b == 0 ? 0 : (i64)(a % b);
    case B_MAXIMUM: case B_FMAX: return (i64)(a > b ? a : b);
    case B_MINIMUM: case B_FMIN: return (i64)(a < b ? a : b);
    case B_RIGHT_SHIFT: return b >= 64 ? 0 : (i64)(a >> b);
    case B_LESS: return a < b;
    case B_LESS_EQUAL: return a <= b;
    case B_GREATER: return a > b;
    case B_GREATER_EQUAL: return a >= b;
    case B_POWER: { u64 r = 1, x = a, e = b; while (e != 0) { if (e & 1) r *= x; x *= x; e >>= 1; } return (i64)r; }
    case B_GCD: case B_LCM: {
      u64 x = a, y = b;
      while (y != 0) { u64 r = x % y; x = y; y = r; }
      if (op == B_GCD) return (i64)x;
      return x == 0 ? 0 : (i64)((a / x) * b);
    }
  }
  return binL(op, sa, sb);
}

// integer ops in loop dtype t
__device__ __forceinline__ i64 binLT(int op, int t, i64 a, i64 b) {
  return t == T_UINT64 ? binU(op, a, b) : binL(op, a, b);
}

__device__ double unD(int op, double x) {
  switch (op) {
    case U_NEGATIVE: return -x;
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
    case U_ARCSIN: return asin(x);
    case U_ARCCOS: return acos(x);
    case U_ARCTAN: return atan(x);
    case U_SINH: return sinh(x);
    case U_COSH: return cosh(x);
    case U_TANH: return tanh(x);
    case U_ARCSINH: return asinh(x);
    case U_ARCCOSH: return acosh(x);
    case U_ARCTANH: return atanh(x);
    case U_FLOOR: return floor(x);
    case U_CEIL: return ceil(x);
    case U_RINT: return rint(x);
    case U_TRUNC: return trunc(x);
    case U_LOGICAL_NOT: return x == 0;
    case U_ISNAN: return isnan(x);
    case U_ISINF: return isinf(x);
    case U_ISFINITE: return isfinite(x);
    case U_CBRT: return cbrt(x);
    case U_SIGNBIT: return signbit(x) != 0;
  }
  return 0;
}

__device__ i64 unL(int op, i64 x);

// integer unary ops in dtype t: uint64 is its own absolute value and has no negative sign
__device__ __forceinline__ i64 unLT(int op, int t, i64 x) {
  if (t == T_UINT64 && op == U_ABS) return x;
  if (t == T_UINT64 && op == U_SIGN) return x != 0;
  return unL(op, x);
}

__device__ i64 unL(int op, i64 x) {
  switch (op) {
    case U_NEGATIVE: return (i64)(0 - (u64)x);
    case U_ABS: return x < 0 ? (i64)(0 - (u64)x) : x;
    case U_SIGN: return (x > 0) - (x < 0);
    case U_SQUARE: return (i64)((u64)x * (u64)x);
    case U_FLOOR: case U_CEIL: case U_TRUNC: return x;
    case U_INVERT: return ~x;
    case U_LOGICAL_NOT: return x == 0;
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
    case B_SUBTRACT: return a - b;
    case B_MULTIPLY: return a * b;
    case B_DIVIDE: return a / b;
    case B_MAXIMUM: case B_MINIMUM: case B_FMAX: case B_FMIN:
    case B_EQUAL: case B_NOT_EQUAL: case B_LESS: case B_LESS_EQUAL: case B_GREATER: case B_GREATER_EQUAL: return pickOrCompare(op, a, b);
    case B_COPYSIGN: return copysignf(a, b);
  }
  return (float)binD(op, (double)a, (double)b);
}

__device__ float unF(int op, float x) {
  switch (op) {
    case U_NEGATIVE: return -x;
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
    case U_ARCSIN: return asinf(x);
    case U_ARCCOS: return acosf(x);
    case U_ARCTAN: return atanf(x);
    case U_SINH: return sinhf(x);
    case U_COSH: return coshf(x);
    case U_TANH: return tanhf(x);
    case U_ARCSINH: return asinhf(x);
    case U_ARCCOSH: return acoshf(x);
    case U_ARCTANH: return atanhf(x);
  }
  return (float)unD(op, (double)x);
}

#endif
