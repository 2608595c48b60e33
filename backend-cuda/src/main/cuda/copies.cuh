// ---- copies and casts: fill, arange, strided copies (any dtype pair), typed fast paths ----
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
    // uint64 to a float rounds once, from the unsigned value (float32 straight, not through a double)
    else if (tin == T_UINT64 && tout == T_FLOAT32) ((float*)out)[o[0]] = (float)((const u64*)in)[o[1]];
    else if (tin == T_UINT64 && isF(tout)) stD(out, tout, o[0], ldD(in, tin, o[1]));
    else stL(out, tout, o[0], ldL(in, tin, o[1]));
  }
}

// Part of ndj.cu (included there, in this order); see ndj.cu for the conventions.
// Typed copies without per-element offsets: strided 1-d runs, row slices, tiled 2-d transposes, contiguous float
// casts.

// ---- typed copies: strided 1-d runs, tiled 2-d transposes, contiguous float casts ----
template <typename T>
__device__ void copy1d(T* o, const T* a, i64 n, i64 os, i64 is) {
  GRID_LOOP(i, n) o[i * os] = a[i * is];
}

extern "C" __global__ void k_copy1d_1(unsigned char* o, const unsigned char* a, i64 n, i64 os, i64 is) { copy1d(o, a, n, os, is); }
extern "C" __global__ void k_copy1d_2(unsigned short* o, const unsigned short* a, i64 n, i64 os, i64 is) { copy1d(o, a, n, os, is); }
extern "C" __global__ void k_copy1d_4(unsigned int* o, const unsigned int* a, i64 n, i64 os, i64 is) { copy1d(o, a, n, os, is); }
extern "C" __global__ void k_copy1d_8(u64* o, const u64* a, i64 n, i64 os, i64 is) { copy1d(o, a, n, os, is); }

// out (rows x cols, row-major) = rows of cols contiguous elements, row r at a + r * ld (slices such as x[::3] of a
// matrix): blocks in y walk the rows, threads in x the columns, so no thread divides to find its element
template <typename T>
__device__ void copyRows(T* o, const T* a, i64 rows, i64 cols, i64 ld) {
  for (i64 r = blockIdx.y; r < rows; r += gridDim.y) {
    for (i64 c = blockIdx.x * (i64)blockDim.x + threadIdx.x; c < cols; c += (i64)blockDim.x * gridDim.x) {
      o[r * cols + c] = a[r * ld + c];
    }
  }
}

extern "C" __global__ void k_copyrows_1(unsigned char* o, const unsigned char* a, i64 r, i64 c, i64 ld) {
  copyRows(o, a, r, c, ld);
}
extern "C" __global__ void k_copyrows_2(unsigned short* o, const unsigned short* a, i64 r, i64 c, i64 ld) {
  copyRows(o, a, r, c, ld);
}
extern "C" __global__ void k_copyrows_4(unsigned int* o, const unsigned int* a, i64 r, i64 c, i64 ld) {
  copyRows(o, a, r, c, ld);
}
extern "C" __global__ void k_copyrows_8(u64* o, const u64* a, i64 r, i64 c, i64 ld) {
  copyRows(o, a, r, c, ld);
}
// rows whose bytes and starts are multiples of 16: 16-byte loads and stores
extern "C" __global__ void k_copyrows_16(uint4* o, const uint4* a, i64 r, i64 c, i64 ld) { copyRows(o, a, r, c, ld); }

// out (rows x cols, row-major) = in with element (r, c) at a[c * ld + r]: 32 x 32 tiles through shared memory,
// so both the reads and the writes are coalesced; 256 threads as 8 rows of 32
// UPPER: the elements below the diagonal (c < r) written as zeros, the rest as the transpose (numpy.triu of it:
// R from geqrf's column-major factors), and the tiles wholly below the diagonal never read
template <typename T, bool UPPER = false>
__device__ void transpose2d(T* o, const T* a, i64 rows, i64 cols, i64 ld) {
  __shared__ T tile[32][33];
  i64 tilesR = (rows + 31) / 32, tilesC = (cols + 31) / 32;
  int tx = threadIdx.x & 31, ty = threadIdx.x >> 5;
  for (i64 b = blockIdx.x; b < tilesR * tilesC; b += gridDim.x) {
    i64 r0 = (b / tilesC) * 32, c0 = (b % tilesC) * 32;
    const bool below = UPPER && c0 + 31 < r0;
    // read: consecutive threads take consecutive r (contiguous in a)
    if (!below) {
      for (int k = ty; k < 32; k += 8) {
        i64 c = c0 + k, r = r0 + tx;
        if (c < cols && r < rows) tile[k][tx] = a[c * ld + r];
      }
    }
    __syncthreads();
    // write: consecutive threads take consecutive c (contiguous in o)
    for (int k = ty; k < 32; k += 8) {
      i64 r = r0 + k, c = c0 + tx;
      if (r < rows && c < cols) o[r * cols + c] = UPPER && c < r ? (T)0 : tile[tx][k];
    }
    __syncthreads();
  }
}

extern "C" __global__ void k_transpose_1(unsigned char* o, const unsigned char* a, i64 r, i64 c, i64 ld) { transpose2d(o, a, r, c, ld); }
extern "C" __global__ void k_transpose_2(unsigned short* o, const unsigned short* a, i64 r, i64 c, i64 ld) { transpose2d(o, a, r, c, ld); }
extern "C" __global__ void k_transpose_4(unsigned int* o, const unsigned int* a, i64 r, i64 c, i64 ld) { transpose2d(o, a, r, c, ld); }
extern "C" __global__ void k_transpose_8(u64* o, const u64* a, i64 r, i64 c, i64 ld) { transpose2d(o, a, r, c, ld); }
extern "C" __global__ void k_transpose_upper_4(unsigned int* o, const unsigned int* a, i64 r, i64 c, i64 ld) {
  transpose2d<unsigned int, true>(o, a, r, c, ld);
}
extern "C" __global__ void k_transpose_upper_8(u64* o, const u64* a, i64 r, i64 c, i64 ld) { transpose2d<u64, true>(o, a, r, c, ld); }

extern "C" __global__ void k_cast_f32_f64(double* o, const float* a, i64 n) { GRID_LOOP(i, n) o[i] = (double)a[i]; }
extern "C" __global__ void k_cast_f64_f32(float* o, const double* a, i64 n) { GRID_LOOP(i, n) o[i] = (float)a[i]; }

// FFT lines of two complex64 points, C-contiguous (a line one float4): (a, b) -> ((a + b) s, (a - b) s), either
// direction (the one twiddle at n = 2 is -1); s the call's scale where scaled, applied after the sum as the separate
// scaling pass would. cuFFT runs these at about half the copy bandwidth (bench/fft_small.py); this at the copy's
extern "C" __global__ void k_fft_pairs_c64(float4* out, const float4* in, i64 lines, double scale, int scaled) {
  const float s = (float)scale;  // the scale rounded to float (passed as a double: kernel arguments are 4 or 8 bytes)
  GRID_LOOP(i, lines) {
    const float4 v = in[i];
    float4 r = make_float4(__fadd_rn(v.x, v.z), __fadd_rn(v.y, v.w), __fsub_rn(v.x, v.z), __fsub_rn(v.y, v.w));
    if (scaled) r = make_float4(__fmul_rn(r.x, s), __fmul_rn(r.y, s), __fmul_rn(r.z, s), __fmul_rn(r.w, s));
    out[i] = r;
  }
}
