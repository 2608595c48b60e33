// ---- elementwise ufuncs: strided kernels for any dtype (op code and dtype codes at run time), then the
// contiguous float32/float64 fast paths ----
extern "C" __global__ void k_unary(Geom g, int op, void* out, int tout, const void* in, int tin, i64 n) {
  GRID_LOOP(i, n) {
    i64 o[2];
    offsets(g, i, 2, o);
    if (tin == T_FLOAT32) {
      // float32's own functions, as k_unary_f32 and fused kernels compute them
      stD(out, tout, o[0], (double)unF(op, ((const float*)in)[o[1]]));
    } else if (isF(tin)) {
      double r = unD(op, ldD(in, tin, o[1]));
      if (isF(tout)) stD(out, tout, o[0], r); else stL(out, tout, o[0], (i64)r);
    } else {
      stL(out, tout, o[0], unLT(op, tin, ldL(in, tin, o[1])));
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
      stL(out, tout, o[0], binLT(op, t, x, y));
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
    case B_ADD: case B_SUBTRACT: case B_MULTIPLY: {
      GRID_LOOP(i, n) {
        float x = mode == 2 ? s : a[i];
        float y = mode == 0 ? b[i] : mode == 1 ? s : a[i];
        o[i] = op == B_ADD ? x + y : op == B_SUBTRACT ? x - y : x * y;
      }
      return;
    }
    default: {
      GRID_LOOP(i, n) {
        double x = mode == 2 ? sd : (double)a[i];
        double y = mode == 0 ? (double)b[i] : mode == 1 ? sd : (double)a[i];
        o[i] = (float)binDT(op, T_FLOAT32, x, y);
      }
    }
  }
}

// float64 + - *: two elements per 16-byte load and store where every pointer allows it
__device__ __forceinline__ double arith3(int op, double x, double y) {
  return op == B_ADD ? x + y : op == B_SUBTRACT ? x - y : x * y;
}

template <>
__device__ __forceinline__ void binFast<double>(int op, double* o, const double* a, const double* b, int mode,
                                                double sd, i64 n) {
  if (op != B_ADD && op != B_SUBTRACT && op != B_MULTIPLY) {
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
    z[l] = op == B_ADD ? p + w : op == B_SUBTRACT ? p - w : p * w;
  }
  return r;
}

template <typename T, typename V, int U>
__device__ __forceinline__ void binWide(int op, T* o, const T* a, const T* b, int mode, double sd, i64 n) {
  constexpr int L = sizeof(V) / sizeof(T);
  uintptr_t bits = (uintptr_t)o | (uintptr_t)a | (mode == 0 ? (uintptr_t)b : 0);
  T s = (T)sd;
  if ((bits & 15) == 0 && (op == B_ADD || op == B_SUBTRACT || op == B_MULTIPLY)) {
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
      o[i] = op == B_ADD ? p + w : op == B_SUBTRACT ? p - w : p * w;
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
    return OP == B_ADD ? p + w : OP == B_SUBTRACT ? p - w : p * w;
  });
}

template <typename T, typename V>
__device__ __forceinline__ void flatDispatch(int op, T* o, const T* a, const T* b, int mode, double sd, i64 n) {
  T s = (T)sd;
  switch (op * 3 + mode) {
    case B_ADD * 3 + 0: flatArith<T, V, B_ADD, 0>(o, a, b, s, n); break;
    case B_ADD * 3 + 1: flatArith<T, V, B_ADD, 1>(o, a, b, s, n); break;
    case B_ADD * 3 + 2: flatArith<T, V, B_ADD, 2>(o, a, b, s, n); break;
    case B_SUBTRACT * 3 + 0: flatArith<T, V, B_SUBTRACT, 0>(o, a, b, s, n); break;
    case B_SUBTRACT * 3 + 1: flatArith<T, V, B_SUBTRACT, 1>(o, a, b, s, n); break;
    case B_SUBTRACT * 3 + 2: flatArith<T, V, B_SUBTRACT, 2>(o, a, b, s, n); break;
    case B_MULTIPLY * 3 + 0: flatArith<T, V, B_MULTIPLY, 0>(o, a, b, s, n); break;
    case B_MULTIPLY * 3 + 1: flatArith<T, V, B_MULTIPLY, 1>(o, a, b, s, n); break;
    default: flatArith<T, V, B_MULTIPLY, 2>(o, a, b, s, n); break;
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

