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

// ---- determinants from LU factors (numpy.linalg.slogdet of matrices cuSOLVER factored) ----
// One thread: the diagonal of one n x n LU factorization (getrf's; row- or column-major alike) and its 1-based pivots
// give sign = +-1 (0 where a pivot is exactly zero, as LAPACK's singular) and logabsdet = sum log|u_kk| in double
// (-inf where singular), in io.ndj's host order.
template <typename T>
__device__ void slogdet_lu(const T* lu, const int* ipiv, int n, double* sign, double* logabsdet) {
  if (blockIdx.x != 0 || threadIdx.x != 0) return;
  double s = 1, acc = 0;
  for (int k = 0; k < n; k++) {
    double u = (double)lu[(i64)k * n + k];
    if (u == 0) {
      s = 0;
      break;
    }
    if ((ipiv[k] != k + 1) != (u < 0)) s = -s;  // a row swap and a negative pivot each flip it
    acc += log(fabs(u));
  }
  *sign = s;
  *logabsdet = s == 0 ? -INFINITY : acc;
}

extern "C" __global__ void k_slogdet_lu_f64(const double* lu, const int* ipiv, int n, double* sign, double* logabsdet) {
  slogdet_lu<double>(lu, ipiv, n, sign, logabsdet);
}

extern "C" __global__ void k_slogdet_lu_f32(const float* lu, const int* ipiv, int n, double* sign, double* logabsdet) {
  slogdet_lu<float>(lu, ipiv, n, sign, logabsdet);
}
