// Part of ndj.cu (included there, in this order); see ndj.cu for the conventions.
// Reductions over strided views of any dtype: one block per output, or partial folds merged in order.

// ---- reductions: one block per output element (grid-stride over outputs) ----

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

// the fold's domain of an input dtype: 0 integers and bools, 1 float64, 2 float32 and float16, whose products
// round to float at every step as NumPy's float accumulator does (so a product overflowing on the way is inf)
__device__ __forceinline__ int foldDomain(int tin) {
  return !isF(tin) ? 0 : (tin == T_FLOAT32 || tin == T_FLOAT16) ? 2 : 1;
}

// folds element (value, position) into a; f: the domain (foldDomain)
__device__ __forceinline__ void accFold(int op, int f, Acc& a, double dv, i64 lv, i64 pos) {
  switch (op) {
    case R_SUM: a.d += dv; a.l += lv; break;
    case R_PROD:
      a.d *= dv;
      if (f == 2) a.d = (float)a.d;
      a.l = (i64)((u64)a.l * (u64)lv);
      break;
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

__device__ __forceinline__ void accMerge(int op, int f, Acc& a, const Acc& b) {
  switch (op) {
    case R_SUM: a.d += b.d; a.l += b.l; break;
    case R_PROD: accFold(op, f, a, b.d, b.l, 0); break;
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
  int f = foldDomain(tin);
  // a float product of up to SEQUENTIAL_PROD elements by one thread, one element after another as NumPy multiplies
  // them (a tree's order rounds otherwise, and overflows or underflows elsewhere: 1e30 * 1e30 * 1e-30 is inf)
  const i64 SEQUENTIAL_PROD = 65536;
  bool sequential = op == R_PROD && f && nRed <= SEQUENTIAL_PROD;
  for (i64 q = blockIdx.x; q < nOut; q += gridDim.x) {
    i64 ko[2];
    offsets(kept, q, 2, ko);
    Acc a = accInit(op);
    if (sequential) {
      if (threadIdx.x == 0) {
        for (i64 j = 0; j < nRed; j++) {
          i64 ro[2];
          offsets(red, j, 2, ro);
          accFold(op, f, a, ldD(in, tin, ko[1] + ro[1]), 0, j);
        }
        stD(out, tout, ko[0], a.d);
      }
      continue;
    }
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

// sum, min and max of a contiguous run of int32/int64 p[lo, hi): the 16-byte aligned middle in vectors, several in
// flight per thread (the per-element dtype and op switches held int64 min of 1e8 to a third of the copy bandwidth)
template <int OP>
__device__ __forceinline__ void foldInt(Acc& a, i64 v) {
  if (OP == R_SUM) a.l += v;
  else if (OP == R_MIN) a.l = v < a.l ? v : a.l;
  else a.l = v > a.l ? v : a.l;
}

template <typename T, typename V, int OP>
__device__ __forceinline__ void foldInts(Acc& a, const T* p, i64 lo, i64 hi) {
  constexpr int W = sizeof(V) / sizeof(T);
  i64 first = min(hi, (lo + W - 1) / W * W), last = max(first, hi / W * W);
  for (i64 j = lo + threadIdx.x; j < first; j += blockDim.x) foldInt<OP>(a, p[j]);
  for (i64 j = last + threadIdx.x; j < hi; j += blockDim.x) foldInt<OP>(a, p[j]);
  const V* v = reinterpret_cast<const V*>(p);
#pragma unroll 4
  for (i64 u = first / W + threadIdx.x; u < last / W; u += blockDim.x) {
    V x = v[u];
    const T* e = reinterpret_cast<const T*>(&x);
#pragma unroll
    for (int i = 0; i < W; i++) foldInt<OP>(a, e[i]);
  }
}

// whether foldInts takes a reduction of in (int32/int64, sum/min/max, one contiguous reduced axis)
__device__ __forceinline__ bool foldsInts(const Geom& red, int op, int tin) {
  return red.nd == 1 && red.st[1][0] == 1 && (tin == T_INT64 || tin == T_INT32) &&
         (op == R_SUM || op == R_MIN || op == R_MAX);
}

__device__ __forceinline__ void foldIntRange(int op, int tin, Acc& a, const void* in, i64 lo, i64 hi) {
  if (tin == T_INT64) {
    const i64* p = (const i64*)in;
    if (op == R_SUM) foldInts<i64, longlong2, R_SUM>(a, p, lo, hi);
    else if (op == R_MIN) foldInts<i64, longlong2, R_MIN>(a, p, lo, hi);
    else foldInts<i64, longlong2, R_MAX>(a, p, lo, hi);
  } else {
    const int* p = (const int*)in;
    if (op == R_SUM) foldInts<int, int4, R_SUM>(a, p, lo, hi);
    else if (op == R_MIN) foldInts<int, int4, R_MIN>(a, p, lo, hi);
    else foldInts<int, int4, R_MAX>(a, p, lo, hi);
  }
}

// few outputs, long reductions: each block folds one chunk of one output's range into partials[q * chunks + c]
extern "C" __global__ void k_reduce_partial(Geom kept, Geom red, int op, Acc* partials, const void* in, int tin,
                                             i64 nOut, i64 nRed, i64 chunks) {
  __shared__ Acc sh[256];
  int f = foldDomain(tin);
  for (i64 b = blockIdx.x; b < nOut * chunks; b += gridDim.x) {
    i64 q = b / chunks, c = b % chunks;
    i64 lo = nRed * c / chunks, hi = nRed * (c + 1) / chunks;
    i64 ko[2];
    offsets(kept, q, 2, ko);
    Acc a = accInit(op);
    if (foldsInts(red, op, tin)) {
      foldIntRange(op, tin, a, in, ko[1] + lo, ko[1] + hi);
    } else if (red.nd == 1) {
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
  int f = foldDomain(tin);
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
        if (tout == T_FLOAT32) acc = (float)acc;
        if (tout == T_FLOAT16) acc = __half2float(toHalf(acc));
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
