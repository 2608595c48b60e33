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

// ---- batched linear systems of up to 32 unknowns and 8 right-hand sides: G lanes of a warp a system ----
// Lane r of a group of G (a power of two >= n) keeps row r of the matrix and of the right-hand sides in registers
// for the whole solve; rows never move between lanes: each lane knows the place (pos) its row has after the
// swaps so far, as getrf's row interchanges would leave it. For each column c the pivot is LAPACK's idamax over the
// places c..n-1 (the first largest |a[.][c]|; a NaN at place c keeps it, a NaN below never wins), found by a
// butterfly over the group on a total order (place c's NaN ranks as +inf, a NaN below as -0.5, lanes outside as
// -1, rows already pivots as -2, ties to the lower place); the pivot row and the row at place c trade places, the
// pivot row (the part right of c) and its right-hand sides are broadcast, and each row at a later place
// eliminates with it, right-hand sides included (forward substitution done on the way). Back substitution then
// settles an unknown a step, from the lane at that place. Every lane of a warp runs every step (inactive lanes on
// zeros) so that the shuffles see whole warps. info[i] = 1 where system i has an exactly zero pivot (LAPACK's
// singular; its x is not written).
template <typename T, int G>
__device__ void group_solve(const T* a, const T* b, T* x, int* info, i64 count, int n, int k) {
  const unsigned all = 0xffffffffu;
  const unsigned group = G == 32 ? all : ((1u << G) - 1) << ((threadIdx.x & 31) & ~(G - 1));
  const int r = threadIdx.x & (G - 1);
  const int base = (threadIdx.x & 31) & ~(G - 1);
  const i64 total = count * G;
  for (i64 start = (i64)blockIdx.x * blockDim.x; start < total; start += (i64)gridDim.x * blockDim.x) {
    const i64 g = (start + threadIdx.x) / G;
    const bool live = g < count && r < n;
    T row[G];
    T rhs[8];
#pragma unroll
    for (int c = 0; c < G; c++) row[c] = (live && c < n) ? a[g * n * n + (i64)r * n + c] : (T)0;
#pragma unroll
    for (int j = 0; j < 8; j++) rhs[j] = (live && j < k) ? b[g * n * k + (i64)r * k + j] : (T)0;
    int singular = 0;
    int pos = r;
#pragma unroll
    for (int c = 0; c < G; c++) {
      if (c >= n) break;  // n is the same in every lane: whole warps leave together
      T v = row[c];
      T key = pos < c ? (T)-2 : !live ? (T)-1 : isnan(v) ? (pos == c ? (T)INFINITY : (T)-0.5) : fabs(v);
      int who = pos * 32 + r;  // the place first (ties to the lower), then the lane
#pragma unroll
      for (int m = G / 2; m > 0; m >>= 1) {
        T ok = __shfl_xor_sync(all, key, m);
        int ow = __shfl_xor_sync(all, who, m);
        if (ok > key || (ok == key && ow < who)) {
          key = ok;
          who = ow;
        }
      }
      if (key == (T)0) singular = 1;  // the whole group agrees: every |a[.][c]| at places >= c is zero
      const int lane = base + (who & 31);
      if (!singular) {
        if (pos == c) pos = who >> 5;
        if (r == (who & 31)) pos = c;
      }
      const T d = __shfl_sync(all, row[c], lane);
      T piv[G];
#pragma unroll
      for (int q = c + 1; q < G; q++) piv[q] = __shfl_sync(all, row[q], lane);
      T pr[8];
#pragma unroll
      for (int j = 0; j < 8; j++) pr[j] = j < k ? __shfl_sync(all, rhs[j], lane) : (T)0;
      if (!singular && live && pos > c) {
        T f = row[c] / d;
#pragma unroll
        for (int q = c + 1; q < G; q++) row[q] -= f * piv[q];
#pragma unroll
        for (int j = 0; j < 8; j++)
          if (j < k) rhs[j] -= f * pr[j];
      }
    }
    // back substitution with U: the unknown at place c from the lane there
#pragma unroll
    for (int c = G - 1; c >= 0; c--) {
      if (c >= n) continue;
      const int lane = __ffs(__ballot_sync(all, pos == c) & group) - 1;
#pragma unroll
      for (int j = 0; j < 8; j++) {
        if (j >= k) break;
        if (pos == c) rhs[j] /= row[c];
        T vc = __shfl_sync(all, rhs[j], lane & 31);
        if (pos < c) rhs[j] -= row[c] * vc;
      }
    }
    if (live) {
      if (r == 0) info[g] = singular;
      if (!singular)
#pragma unroll
        for (int j = 0; j < 8; j++)
          if (j < k) x[g * n * k + (i64)pos * k + j] = rhs[j];
    }
  }
}

#define GROUP_SOLVE(name, T, G)                                                                                   \
  extern "C" __global__ void name(const T* a, const T* b, T* x, int* info, i64 count, int n, int k) {             \
    group_solve<T, G>(a, b, x, info, count, n, k);                                                                \
  }
GROUP_SOLVE(k_group_solve4_f64, double, 4)
GROUP_SOLVE(k_group_solve4_f32, float, 4)
GROUP_SOLVE(k_group_solve8_f64, double, 8)
GROUP_SOLVE(k_group_solve8_f32, float, 8)
GROUP_SOLVE(k_group_solve16_f64, double, 16)
GROUP_SOLVE(k_group_solve16_f32, float, 16)
GROUP_SOLVE(k_group_solve32_f64, double, 32)
GROUP_SOLVE(k_group_solve32_f32, float, 32)

// ---- batched linear systems and determinants of up to 64 unknowns: a block a matrix ----
// The matrix in shared memory, a thread a row: for each column the pivot is the largest |a[r][c]| of rows c..n-1
// (the first of equals, as LAPACK's idamax; a column of NaNs keeps row c), its row swapped up, and every row below
// eliminates with it (multipliers stored in place: the L and U of getrf). Solves then take the right-hand sides
// BLOCK_K columns at a time in shared memory: the row swaps in order, forward substitution with L, back
// substitution with U. a: count x n x n, b and x: count x n x k, C order; info[i] = 1 where matrix i has an
// exactly zero pivot (LAPACK's singular), else 0. Needs blockDim.x >= max(n, BLOCK_K), a multiple of 32.
#define BLOCK_N 64
#define BLOCK_K 16
template <typename T>
struct BlockLu {
  T a[BLOCK_N][BLOCK_N + 1];
  int perm[BLOCK_N];
  T best[BLOCK_N / 32];
  int row[BLOCK_N / 32];
};

// Factors the n x n matrix at as into L.a; returns 1 (in every thread) where a pivot is exactly zero, having stopped
// there (L.a then holds the columns factored so far).
template <typename T>
__device__ int block_lu(BlockLu<T>& L, const T* as, int n) {
  const int t = threadIdx.x;
  const int warps = blockDim.x >> 5;
  for (int e = t; e < n * n; e += blockDim.x) L.a[e / n][e % n] = as[e];
  __syncthreads();
  for (int c = 0; c < n; c++) {
    // LAPACK's idamax on a total order (as k_group_solve): a NaN on the diagonal ranks +inf (it stays), a NaN
    // below -0.5 (it never wins), rows outside -1; ties to the lower row
    T a = (t >= c && t < n) ? L.a[t][c] : (T)0;
    T v = !(t >= c && t < n) ? (T)-1 : isnan(a) ? (t == c ? (T)INFINITY : (T)-0.5) : fabs(a);
    int r = t;
    for (int m = 16; m > 0; m >>= 1) {
      T ov = __shfl_xor_sync(0xffffffffu, v, m);
      int orow = __shfl_xor_sync(0xffffffffu, r, m);
      if (ov > v || (ov == v && orow < r)) {
        v = ov;
        r = orow;
      }
    }
    if ((t & 31) == 0) {
      L.best[t >> 5] = v;
      L.row[t >> 5] = r;
    }
    __syncthreads();
    T best = L.best[0];
    int p = L.row[0];
    for (int w = 1; w < warps; w++)
      if (L.best[w] > best || (L.best[w] == best && L.row[w] < p)) {
        best = L.best[w];
        p = L.row[w];
      }
    if (p < c || p >= n) p = c;  // no row of the matrix (cannot happen for n >= 1): keep row c
    if (best == (T)0) {
      __syncthreads();
      return 1;
    }
    if (t == 0) L.perm[c] = p;
    if (p != c)
      for (int j = t; j < n; j += blockDim.x) {
        T tmp = L.a[c][j];
        L.a[c][j] = L.a[p][j];
        L.a[p][j] = tmp;
      }
    __syncthreads();
    if (t > c && t < n) {
      T l = L.a[t][c] / L.a[c][c];
      L.a[t][c] = l;
      for (int j = c + 1; j < n; j++) L.a[t][j] -= l * L.a[c][j];
    }
    __syncthreads();
  }
  return 0;
}

template <typename T>
__device__ void block_solve(const T* a, const T* b, T* x, int* info, i64 count, int n, int k) {
  __shared__ BlockLu<T> L;
  __shared__ T sX[BLOCK_N][BLOCK_K + 1];
  const int t = threadIdx.x;
  for (i64 s = blockIdx.x; s < count; s += gridDim.x) {
    int singular = block_lu<T>(L, a + s * n * n, n);
    if (t == 0) info[s] = singular;
    if (singular) continue;
    const T* bs = b + s * n * k;
    T* xs = x + s * n * k;
    for (int j0 = 0; j0 < k; j0 += BLOCK_K) {
      int kc = min(BLOCK_K, k - j0);
      for (int e = t; e < n * kc; e += blockDim.x) sX[e / kc][e % kc] = bs[(i64)(e / kc) * k + j0 + e % kc];
      __syncthreads();
      if (t < kc)
        for (int c = 0; c < n; c++) {
          int p = L.perm[c];
          if (p != c) {
            T tmp = sX[c][t];
            sX[c][t] = sX[p][t];
            sX[p][t] = tmp;
          }
        }
      __syncthreads();
      for (int c = 0; c < n - 1; c++) {
        if (t > c && t < n)
          for (int j = 0; j < kc; j++) sX[t][j] -= L.a[t][c] * sX[c][j];
        __syncthreads();
      }
      for (int c = n - 1; c >= 0; c--) {
        if (t < kc) sX[c][t] /= L.a[c][c];
        __syncthreads();
        if (t < c)
          for (int j = 0; j < kc; j++) sX[t][j] -= L.a[t][c] * sX[c][j];
        __syncthreads();
      }
      for (int e = t; e < n * kc; e += blockDim.x) xs[(i64)(e / kc) * k + j0 + e % kc] = sX[e / kc][e % kc];
      __syncthreads();
    }
  }
}

// sign and log|det| of each matrix (float64 results, count of each, C order), as k_slogdet_lu reads getrf's factors
template <typename T>
__device__ void block_slogdet(const T* a, double* sign, double* logabsdet, i64 count, int n) {
  __shared__ BlockLu<T> L;
  for (i64 s = blockIdx.x; s < count; s += gridDim.x) {
    int singular = block_lu<T>(L, a + s * n * n, n);
    if (threadIdx.x == 0) {
      double sg = 1, acc = 0;
      for (int c = 0; c < n && !singular; c++) {
        double u = (double)L.a[c][c];
        if ((L.perm[c] != c) != (u < 0)) sg = -sg;  // a row swap and a negative pivot each flip it
        acc += log(fabs(u));
      }
      sign[s] = singular ? 0 : sg;
      logabsdet[s] = singular ? -INFINITY : acc;
    }
    __syncthreads();
  }
}

extern "C" __global__ void k_block_solve_f64(const double* a, const double* b, double* x, int* info, i64 count, int n,
                                             int k) {
  block_solve<double>(a, b, x, info, count, n, k);
}

extern "C" __global__ void k_block_solve_f32(const float* a, const float* b, float* x, int* info, i64 count, int n,
                                             int k) {
  block_solve<float>(a, b, x, info, count, n, k);
}

extern "C" __global__ void k_block_slogdet_f64(const double* a, double* sign, double* logabsdet, i64 count, int n) {
  block_slogdet<double>(a, sign, logabsdet, count, n);
}

extern "C" __global__ void k_block_slogdet_f32(const float* a, double* sign, double* logabsdet, i64 count, int n) {
  block_slogdet<float>(a, sign, logabsdet, count, n);
}

// ---- zeros above the diagonal of one n x n row-major matrix (cholesky's L, factored in place) ----
template <typename T>
__device__ void zero_upper(T* m, i64 n) {
  GRID_LOOP(i, n * n) {
    if (i % n > i / n) m[i] = (T)0;
  }
}

extern "C" __global__ void k_zero_upper_f64(double* m, i64 n) { zero_upper<double>(m, n); }

extern "C" __global__ void k_zero_upper_f32(float* m, i64 n) { zero_upper<float>(m, n); }

// ---- *flag = 1 where n values in a row hold inf or NaN (the solver library's paths leave such stacks to the host) ----
template <typename T>
__device__ void any_nonfinite(const T* x, i64 n, int* flag) {
  int bad = 0;
  GRID_LOOP(i, n) bad |= !isfinite(x[i]);
  if (__syncthreads_or(bad) && threadIdx.x == 0) *flag = 1;
}

extern "C" __global__ void k_any_nonfinite_f64(const double* x, i64 n, int* flag) { any_nonfinite<double>(x, n, flag); }

extern "C" __global__ void k_any_nonfinite_f32(const float* x, i64 n, int* flag) { any_nonfinite<float>(x, n, flag); }

// ---- determinants from LU factors (numpy.linalg.slogdet of matrices cuSOLVER factored) ----
// One block: the diagonal of one n x n LU factorization (getrf's; row- or column-major alike) and its 1-based pivots
// give sign = +-1 (0 where a pivot is exactly zero, as LAPACK's singular) and logabsdet = sum log|u_kk| in double
// (-inf where singular), in io.ndj's host order.
template <typename T>
__device__ void slogdet_lu(const T* lu, const int* ipiv, int n, double* sign, double* logabsdet) {
  // the block's threads take the diagonal in strides (one thread alone waited on n scattered loads)
  __shared__ double logs[256];
  __shared__ int flips[256];
  __shared__ int zeros[256];
  if (blockIdx.x != 0) return;
  int t = threadIdx.x;
  double acc = 0;
  int flip = 0, zero = 0;
  for (int k = t; k < n; k += blockDim.x) {
    double u = (double)lu[(i64)k * n + k];
    if (u == 0) zero = 1;
    if ((ipiv[k] != k + 1) != (u < 0)) flip ^= 1;  // a row swap and a negative pivot each flip it
    acc += log(fabs(u));
  }
  logs[t] = acc;
  flips[t] = flip;
  zeros[t] = zero;
  __syncthreads();
  for (int w = blockDim.x / 2; w > 0; w >>= 1) {
    if (t < w) {
      logs[t] += logs[t + w];
      flips[t] ^= flips[t + w];
      zeros[t] |= zeros[t + w];
    }
    __syncthreads();
  }
  if (t == 0) {
    *sign = zeros[0] ? 0 : (flips[0] ? -1 : 1);
    *logabsdet = zeros[0] ? -INFINITY : logs[0];
  }
}

extern "C" __global__ void k_slogdet_lu_f64(const double* lu, const int* ipiv, int n, double* sign, double* logabsdet) {
  slogdet_lu<double>(lu, ipiv, n, sign, logabsdet);
}

extern "C" __global__ void k_slogdet_lu_f32(const float* lu, const int* ipiv, int n, double* sign, double* logabsdet) {
  slogdet_lu<float>(lu, ipiv, n, sign, logabsdet);
}
