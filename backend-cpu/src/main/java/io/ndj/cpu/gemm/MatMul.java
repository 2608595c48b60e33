package io.ndj.cpu.gemm;

import io.ndj.DType;
import io.ndj.cpu.Lines;
import io.ndj.cpu.Loop;
import io.ndj.cpu.memory.Access;
import io.ndj.cpu.memory.CpuBuffer;
import io.ndj.spi.View;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Batched matrix product. Floats: each matrix packed to double and multiplied by the cache-blocked
 * {@link Gemm}; integers (and matrices too large for one Java array): a contiguous row-major
 * scratch and i-k-j loops.
 */
public final class MatMul {
  private MatMul() {}

  /**
   * The packed operands and product of the blocked paths, kept per thread: a 1024x1024 product made
   * 12 MB of fresh arrays per call, and G1 paused for the humongous allocations every few products.
   */
  private static final class Packs {
    final Lines.Slot<float[]> fa = new Lines.Slot<>(float[]::new, x -> x.length);
    final Lines.Slot<float[]> fb = new Lines.Slot<>(float[]::new, x -> x.length);
    final Lines.Slot<float[]> fc = new Lines.Slot<>(float[]::new, x -> x.length);
    final Lines.Slot<double[]> da = new Lines.Slot<>(double[]::new, x -> x.length);
    final Lines.Slot<double[]> db = new Lines.Slot<>(double[]::new, x -> x.length);
    final Lines.Slot<double[]> dc = new Lines.Slot<>(double[]::new, x -> x.length);
  }

  private static final ThreadLocal<Packs> PACKS = ThreadLocal.withInitial(Packs::new);

  public static void matmul(View out, View a, View b) {
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
      if (t == DType.FLOAT32 && blockedFits(n, k, m, Gemm32.MR, Gemm32.NR)) {
        blocked32(so, out, sa, a, sb, b, oo, ao, bo, n, k, m);
      } else if (t.isFloat() && blockedFits(n, k, m, Gemm.MR, Gemm.NR)) {
        blocked(so, out, sa, a, sb, b, oo, ao, bo, n, k, m);
      } else if (t.isFloat()) {
        double[] bm =
            packD(
                sb,
                t,
                bo,
                b.strides()[nd - 2],
                b.strides()[nd - 1],
                k,
                m,
                new double[(int) (k * m)]);
        Loop.split(
            n,
            Math.max(1, (1 << 20) / Math.max(1, m * Math.max(k, 1))),
            (lo, hi) -> {
              double[] row = new double[(int) k];
              double[] acc = new double[(int) m];
              for (long i = lo; i < hi; i++) {
                Access.loadD(
                    sa, t, ao + i * a.strides()[nd - 2], a.strides()[nd - 1], (int) k, row);
                Arrays.fill(acc, 0);
                for (int p = 0; p < k; p++) {
                  double x = row[p];
                  int base = (int) (p * m);
                  for (int j = 0; j < m; j++) {
                    acc[j] += x * bm[base + j];
                  }
                }
                Access.storeD(
                    so,
                    out.dtype(),
                    oo + i * out.strides()[nd - 2],
                    out.strides()[nd - 1],
                    (int) m,
                    acc);
              }
            });
      } else {
        long[] bm = packL(sb, t, bo, b.strides()[nd - 2], b.strides()[nd - 1], k, m);
        Loop.split(
            n,
            Math.max(1, (1 << 20) / Math.max(1, work / Math.max(1, n))),
            (lo, hi) -> {
              long[] row = new long[(int) k];
              long[] acc = new long[(int) m];
              for (long i = lo; i < hi; i++) {
                Access.loadL(
                    sa, t, ao + i * a.strides()[nd - 2], a.strides()[nd - 1], (int) k, row);
                Arrays.fill(acc, 0);
                for (int p = 0; p < k; p++) {
                  long x = row[p];
                  int base = (int) (p * m);
                  for (int j = 0; j < m; j++) {
                    acc[j] += x * bm[base + j];
                  }
                }
                Access.storeL(
                    so,
                    out.dtype(),
                    oo + i * out.strides()[nd - 2],
                    out.strides()[nd - 1],
                    (int) m,
                    acc);
              }
            });
      }
    }
  }

  private static boolean blockedFits(long n, long k, long m, int mr, int nr) {
    long limit = Integer.MAX_VALUE - 64;
    long np = (n + mr - 1) / mr * mr;
    long mp = (m + nr - 1) / nr * nr;
    return n * k < limit && k * m < limit && np * mp < limit && k > 0;
  }

  /**
   * Float matrices through {@link Gemm}: packed to double, multiplied block by block, stored in
   * out's dtype.
   */
  private static void blocked(
      MemorySegment so,
      View out,
      MemorySegment sa,
      View a,
      MemorySegment sb,
      View b,
      long oo,
      long ao,
      long bo,
      long n,
      long k,
      long m) {
    int nd = out.ndim();
    DType t = a.dtype();
    Packs packs = PACKS.get();
    double[] am =
        sa.heapBase().orElse(null) instanceof double[] d && whole(sa, a, ao, k)
            ? d
            : packD(
                sa,
                t,
                ao,
                a.strides()[nd - 2],
                a.strides()[nd - 1],
                n,
                k,
                packs.da.get((int) (n * k)));
    double[] bm =
        sb.heapBase().orElse(null) instanceof double[] d && whole(sb, b, bo, m)
            ? d
            : packD(
                sb,
                t,
                bo,
                b.strides()[nd - 2],
                b.strides()[nd - 1],
                k,
                m,
                packs.db.get((int) (k * m)));
    int np = (int) ((n + Gemm.MR - 1) / Gemm.MR * Gemm.MR);
    int mp = (int) ((m + Gemm.NR - 1) / Gemm.NR * Gemm.NR);
    if (so.heapBase().orElse(null) instanceof double[] fo
        && fo != am
        && fo != bm
        && mp == m
        && whole(so, out, oo, m)) {
      // the product straight into the output's own array (its width a whole number of panels)
      Arrays.fill(fo, 0, (int) (n * m), 0);
      Gemm.multiply(am, bm, fo, (int) n, (int) k, (int) m, np, mp, Gemm.vector());
      return;
    }
    double[] cm = packs.dc.get(np * mp);
    Arrays.fill(cm, 0, np * mp, 0);
    Gemm.multiply(am, bm, cm, (int) n, (int) k, (int) m, np, mp, Gemm.vector());
    double[] row = new double[(int) m];
    boolean direct = out.dtype() == DType.FLOAT64 && out.strides()[nd - 1] == 1;
    for (long i = 0; i < n; i++) {
      long at = oo + i * out.strides()[nd - 2];
      if (direct) {
        MemorySegment.copy(cm, (int) (i * mp), so, F64, at * 8, (int) m);
      } else {
        System.arraycopy(cm, (int) (i * mp), row, 0, (int) m);
        Access.storeD(so, out.dtype(), at, out.strides()[nd - 1], (int) m, row);
      }
    }
  }

  /** float32 through {@link Gemm32}, in float32 throughout. */
  private static void blocked32(
      MemorySegment so,
      View out,
      MemorySegment sa,
      View a,
      MemorySegment sb,
      View b,
      long oo,
      long ao,
      long bo,
      long n,
      long k,
      long m) {
    int nd = out.ndim();
    Packs packs = PACKS.get();
    float[] am =
        sa.heapBase().orElse(null) instanceof float[] f && whole(sa, a, ao, k)
            ? f
            : packF(
                sa,
                ao,
                a.strides()[nd - 2],
                a.strides()[nd - 1],
                n,
                k,
                packs.fa.get((int) (n * k)));
    float[] bm =
        sb.heapBase().orElse(null) instanceof float[] f && whole(sb, b, bo, m)
            ? f
            : packF(
                sb,
                bo,
                b.strides()[nd - 2],
                b.strides()[nd - 1],
                k,
                m,
                packs.fb.get((int) (k * m)));
    int np = (int) ((n + Gemm32.MR - 1) / Gemm32.MR * Gemm32.MR);
    int mp = (int) ((m + Gemm32.NR - 1) / Gemm32.NR * Gemm32.NR);
    long rs = out.strides()[nd - 2];
    long cs = out.strides()[nd - 1];
    if (so.heapBase().orElse(null) instanceof float[] fo
        && fo != am
        && fo != bm
        && mp == m
        && whole(so, out, oo, m)) {
      // the product straight into the output's own array (its width a whole number of panels)
      Arrays.fill(fo, 0, (int) (n * m), 0f);
      Gemm32.multiply(am, bm, fo, (int) n, (int) k, (int) m, np, mp, Gemm32.vector());
      return;
    }
    float[] cm = packs.fc.get(np * mp);
    Arrays.fill(cm, 0, np * mp, 0f);
    Gemm32.multiply(am, bm, cm, (int) n, (int) k, (int) m, np, mp, Gemm32.vector());
    for (long i = 0; i < n; i++) {
      long at = oo + i * rs;
      if (cs == 1) {
        MemorySegment.copy(cm, (int) (i * mp), so, F32, at * 4, (int) m);
      } else {
        for (int j = 0; j < m; j++) {
          so.set(F32, (at + j * cs) * 4, cm[(int) (i * mp) + j]);
        }
      }
    }
  }

  private static final java.lang.foreign.ValueLayout.OfFloat F32 =
      java.lang.foreign.ValueLayout.JAVA_FLOAT_UNALIGNED;
  private static final java.lang.foreign.ValueLayout.OfDouble F64 =
      java.lang.foreign.ValueLayout.JAVA_DOUBLE_UNALIGNED;

  /**
   * Whether the matrix of v at element {@code off} is its heap array's own C-ordered start, rows of
   * {@code cols} elements: the packing then reads that array in place instead of a copy.
   */
  private static boolean whole(MemorySegment s, View v, long off, long cols) {
    int nd = v.ndim();
    return off == 0
        && s.address() == 0
        && v.strides()[nd - 1] == 1
        && (v.strides()[nd - 2] == cols || v.shape()[nd - 2] == 1);
  }

  private static float[] packF(
      MemorySegment s, long off, long rs, long cs, long rows, long cols, float[] r) {
    for (long i = 0; i < rows; i++) {
      long at = off + i * rs;
      int dst = (int) (i * cols);
      if (cs == 1) {
        MemorySegment.copy(s, F32, at * 4, r, dst, (int) cols);
      } else {
        for (int j = 0; j < cols; j++) {
          r[dst + j] = s.get(F32, (at + j * cs) * 4);
        }
      }
    }
    return r;
  }

  private static double[] packD(
      MemorySegment s, DType t, long off, long rs, long cs, long rows, long cols, double[] r) {
    if (t == DType.FLOAT64 && cs == 1) {
      // one bulk copy per row, straight into place
      for (long i = 0; i < rows; i++) {
        MemorySegment.copy(s, F64, (off + i * rs) * 8, r, (int) (i * cols), (int) cols);
      }
      return r;
    }
    double[] line = new double[(int) cols];
    for (long i = 0; i < rows; i++) {
      Access.loadD(s, t, off + i * rs, cs, (int) cols, line);
      System.arraycopy(line, 0, r, (int) (i * cols), (int) cols);
    }
    return r;
  }

  private static long[] packL(
      MemorySegment s, DType t, long off, long rs, long cs, long rows, long cols) {
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
