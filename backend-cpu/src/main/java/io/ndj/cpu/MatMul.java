package io.ndj.cpu;

import io.ndj.DType;
import io.ndj.spi.View;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Batched matrix product. Floats: each matrix packed to double and multiplied by the cache-blocked {@link Gemm};
 * integers (and matrices too large for one Java array): a contiguous row-major scratch and i-k-j loops.
 */
final class MatMul {
  private MatMul() {}

  static void matmul(View out, View a, View b) {
    int nd = out.ndim();
    long n = out.shape()[nd - 2];
    long m = out.shape()[nd - 1];
    long k = a.shape()[nd - 1];
    long[] batch = Arrays.copyOf(out.shape(), nd - 2);
    long[][] offs = batchOffsets(batch, out, a, b);
    DType t = a.dtype();
    MemorySegment so = ((CpuBuffer) out.buffer()).segment();
    MemorySegment sa = ((CpuBuffer) a.buffer()).segment();
    MemorySegment sb = ((CpuBuffer) b.buffer()).segment();
    long work = n * m * Math.max(k, 1);
    for (int q = 0; q < offs[0].length; q++) {
      long oo = offs[0][q];
      long ao = offs[1][q];
      long bo = offs[2][q];
      if (t.isFloat() && blockedFits(n, k, m)) {
        blocked(so, out, sa, a, sb, b, oo, ao, bo, n, k, m);
      } else if (t.isFloat()) {
        double[] bm = packD(sb, t, bo, b.strides()[nd - 2], b.strides()[nd - 1], k, m);
        Loop.split(n, Math.max(1, (1 << 20) / Math.max(1, m * Math.max(k, 1))), (lo, hi) -> {
          double[] row = new double[(int) k];
          double[] acc = new double[(int) m];
          for (long i = lo; i < hi; i++) {
            Access.loadD(sa, t, ao + i * a.strides()[nd - 2], a.strides()[nd - 1], (int) k, row);
            Arrays.fill(acc, 0);
            for (int p = 0; p < k; p++) {
              double x = row[p];
              int base = (int) (p * m);
              for (int j = 0; j < m; j++) {
                acc[j] += x * bm[base + j];
              }
            }
            Access.storeD(so, out.dtype(), oo + i * out.strides()[nd - 2], out.strides()[nd - 1], (int) m, acc);
          }
        });
      } else {
        long[] bm = packL(sb, t, bo, b.strides()[nd - 2], b.strides()[nd - 1], k, m);
        Loop.split(n, Math.max(1, (1 << 20) / Math.max(1, work / Math.max(1, n))), (lo, hi) -> {
          long[] row = new long[(int) k];
          long[] acc = new long[(int) m];
          for (long i = lo; i < hi; i++) {
            Access.loadL(sa, t, ao + i * a.strides()[nd - 2], a.strides()[nd - 1], (int) k, row);
            Arrays.fill(acc, 0);
            for (int p = 0; p < k; p++) {
              long x = row[p];
              int base = (int) (p * m);
              for (int j = 0; j < m; j++) {
                acc[j] += x * bm[base + j];
              }
            }
            Access.storeL(so, out.dtype(), oo + i * out.strides()[nd - 2], out.strides()[nd - 1], (int) m, acc);
          }
        });
      }
    }
  }

  private static boolean blockedFits(long n, long k, long m) {
    long limit = Integer.MAX_VALUE - 64;
    long np = (n + Gemm.MR - 1) / Gemm.MR * Gemm.MR;
    long mp = (m + Gemm.NR - 1) / Gemm.NR * Gemm.NR;
    return n * k < limit && k * m < limit && np * mp < limit && k > 0;
  }

  /** Float matrices through {@link Gemm}: packed to double, multiplied block by block, stored in out's dtype. */
  private static void blocked(MemorySegment so, View out, MemorySegment sa, View a, MemorySegment sb, View b,
      long oo, long ao, long bo, long n, long k, long m) {
    int nd = out.ndim();
    DType t = a.dtype();
    double[] am = packD(sa, t, ao, a.strides()[nd - 2], a.strides()[nd - 1], n, k);
    double[] bm = packD(sb, t, bo, b.strides()[nd - 2], b.strides()[nd - 1], k, m);
    int np = (int) ((n + Gemm.MR - 1) / Gemm.MR * Gemm.MR);
    int mp = (int) ((m + Gemm.NR - 1) / Gemm.NR * Gemm.NR);
    double[] cm = new double[np * mp];
    Gemm.multiply(am, bm, cm, (int) n, (int) k, (int) m, np, mp, Gemm.best());
    double[] row = new double[(int) m];
    for (long i = 0; i < n; i++) {
      System.arraycopy(cm, (int) (i * mp), row, 0, (int) m);
      Access.storeD(so, out.dtype(), oo + i * out.strides()[nd - 2], out.strides()[nd - 1], (int) m, row);
    }
  }

  private static double[] packD(MemorySegment s, DType t, long off, long rs, long cs, long rows, long cols) {
    double[] r = new double[(int) (rows * cols)];
    double[] line = new double[(int) cols];
    for (long i = 0; i < rows; i++) {
      Access.loadD(s, t, off + i * rs, cs, (int) cols, line);
      System.arraycopy(line, 0, r, (int) (i * cols), (int) cols);
    }
    return r;
  }

  private static long[] packL(MemorySegment s, DType t, long off, long rs, long cs, long rows, long cols) {
    long[] r = new long[(int) (rows * cols)];
    long[] line = new long[(int) cols];
    for (long i = 0; i < rows; i++) {
      Access.loadL(s, t, off + i * rs, cs, (int) cols, line);
      System.arraycopy(line, 0, r, (int) (i * cols), (int) cols);
    }
    return r;
  }

  private static long[][] batchOffsets(long[] batch, View out, View a, View b) {
    int nb = batch.length;
    long count = 1;
    for (long d : batch) {
      count *= d;
    }
    long[][] r = new long[3][(int) count];
    long[] i = new long[nb];
    long oo = out.offset();
    long ao = a.offset();
    long bo = b.offset();
    for (int q = 0; q < count; q++) {
      r[0][q] = oo;
      r[1][q] = ao;
      r[2][q] = bo;
      for (int d = nb - 1; d >= 0; d--) {
        i[d]++;
        oo += out.strides()[d];
        ao += a.strides()[d];
        bo += b.strides()[d];
        if (i[d] < batch[d]) {
          break;
        }
        oo -= out.strides()[d] * batch[d];
        ao -= a.strides()[d] * batch[d];
        bo -= b.strides()[d] * batch[d];
        i[d] = 0;
      }
    }
    return r;
  }
}
