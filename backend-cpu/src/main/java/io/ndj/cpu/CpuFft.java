package io.ndj.cpu;

import static io.ndj.cpu.memory.Layouts.JAVA_DOUBLE;
import static io.ndj.cpu.memory.Layouts.JAVA_FLOAT;

import io.ndj.DType;
import io.ndj.cpu.memory.CpuBuffer;
import io.ndj.cpu.memory.Scratch;
import io.ndj.spi.HostFft;
import io.ndj.spi.View;
import java.lang.foreign.MemorySegment;

/**
 * The cpu backend's FFTs, on its own memory: lines gathered into per-thread work arrays in blocks
 * (16 neighbouring lines at once where a line's elements lie far apart, so that each cache line
 * read serves every line of the block), transformed by {@link HostFft}'s plans, scattered back;
 * blocks spread over the cores. A long lone line (2^14 points and more) runs as Bailey's four-step
 * transform instead: n = n1·n2 as an n1 x n2 matrix, column transforms, twiddles, row transforms
 * and a transpose, each step in blocks over the cores and inside the caches.
 */
public final class CpuFft {
  private CpuFft() {}

  private static final int BLOCK = 16;

  /** Elements of one complex view: re/im of element (line, k) through its segment. */
  private record Lines(
      MemorySegment seg, boolean single, long[] shape, long[] strides, long offset) {
    static Lines of(View v) {
      return new Lines(
          ((CpuBuffer) v.buffer()).segment(),
          v.dtype() == DType.COMPLEX64,
          v.shape(),
          v.strides(),
          v.offset());
    }

    int n() {
      return (int) shape[shape.length - 1];
    }

    long stride() {
      return strides[strides.length - 1];
    }

    /** The element offset of line j's first value (leading indices from j, C order). */
    long start(long j) {
      long off = offset;
      for (int i = shape.length - 2; i >= 0; i--) {
        long d = shape[i];
        off += (j % d) * strides[i];
        j /= d;
      }
      return off;
    }

    double re(long element) {
      return single
          ? seg.getAtIndex(JAVA_FLOAT, 2 * element)
          : seg.getAtIndex(JAVA_DOUBLE, 2 * element);
    }

    double im(long element) {
      return single
          ? seg.getAtIndex(JAVA_FLOAT, 2 * element + 1)
          : seg.getAtIndex(JAVA_DOUBLE, 2 * element + 1);
    }

    void set(long element, double re, double im) {
      if (single) {
        seg.setAtIndex(JAVA_FLOAT, 2 * element, (float) re);
        seg.setAtIndex(JAVA_FLOAT, 2 * element + 1, (float) im);
      } else {
        seg.setAtIndex(JAVA_DOUBLE, 2 * element, re);
        seg.setAtIndex(JAVA_DOUBLE, 2 * element + 1, im);
      }
    }
  }

  /** Per-thread block arrays: BLOCK lines of re and im. */
  private static final class Block {
    double[][] re = new double[0][0];
    double[][] im = new double[0][0];

    void ensure(int n) {
      ensure(BLOCK, n);
    }

    void ensure(int lines, int n) {
      if (re.length < lines || re[0].length < n) {
        int l = Math.max(lines, re.length);
        int m = Math.max(n, re.length == 0 ? 0 : re[0].length);
        re = new double[l][m];
        im = new double[l][m];
      }
    }
  }

  /** The four-step transform's column blocks: 64 columns, a KiB of each row read at once. */
  private static final int COLUMNS = 64;

  private static final ThreadLocal<Block> BLOCKS = ThreadLocal.withInitial(Block::new);

  /** See {@link io.ndj.spi.Kernels#fft}. */
  static boolean fft(View out, View in, boolean inverse, double scale) {
    Lines src = Lines.of(in);
    Lines dst = Lines.of(out);
    int n = src.n();
    long lines = in.size() / n;
    HostFft.Plan plan = HostFft.plan(n);
    if (lines < Loop.CORES && n >= 1 << 14) {
      int n1 = split(n);
      if (n1 > 0) {
        for (long j = 0; j < lines; j++) {
          fourStep(src, src.start(j), dst, dst.start(j), n, n1, inverse, scale);
        }
        return true;
      }
    }
    lines(src, dst, lines, plan, inverse, scale);
    return true;
  }

  /** Every line through the block loop, blocks over the cores. */
  private static void lines(
      Lines src, Lines dst, long lines, HostFft.Plan plan, boolean inverse, double scale) {
    int n = plan.length();
    long blocks = (lines + BLOCK - 1) / BLOCK;
    int parts = (int) Math.min(Loop.CORES, blocks);
    if ((long) n * lines < 1 << 14) {
      parts = 1;
    }
    int p = parts;
    Workers.run(
        parts,
        part -> {
          long lo = blocks * part / p;
          long hi = blocks * (part + 1) / p;
          for (long blk = lo; blk < hi; blk++) {
            long first = blk * BLOCK;
            int count = (int) Math.min(BLOCK, lines - first);
            block(src, dst, first, count, plan, inverse, scale);
          }
        });
  }

  /** Lines first .. first+count-1: gathered, transformed, scaled and scattered. */
  private static void block(
      Lines src,
      Lines dst,
      long first,
      int count,
      HostFft.Plan plan,
      boolean inverse,
      double scale) {
    int n = plan.length();
    Block w = BLOCKS.get();
    w.ensure(n);
    long[] in = new long[count];
    long[] out = new long[count];
    for (int b = 0; b < count; b++) {
      in[b] = src.start(first + b);
      out[b] = dst.start(first + b);
    }
    gather(src, in, src.stride(), n, count, w.re, w.im);
    for (int b = 0; b < count; b++) {
      plan.transform(w.re[b], w.im[b], inverse);
    }
    scatter(dst, out, dst.stride(), n, count, w.re, w.im, scale);
  }

  /** Reads count lines of n values (line b from element start[b], step stride) into re/im. */
  private static void gather(
      Lines src, long[] start, long stride, int n, int count, double[][] re, double[][] im) {
    if (stride == 1 || count == 1) {
      for (int b = 0; b < count; b++) {
        double[] r = re[b];
        double[] i = im[b];
        long at = start[b];
        for (int k = 0; k < n; k++, at += stride) {
          r[k] = src.re(at);
          i[k] = src.im(at);
        }
      }
      return;
    }
    for (int k = 0; k < n; k++) {
      long step = k * stride;
      for (int b = 0; b < count; b++) {
        long at = start[b] + step;
        re[b][k] = src.re(at);
        im[b][k] = src.im(at);
      }
    }
  }

  private static void scatter(
      Lines dst,
      long[] start,
      long stride,
      int n,
      int count,
      double[][] re,
      double[][] im,
      double scale) {
    if (stride == 1 || count == 1) {
      for (int b = 0; b < count; b++) {
        double[] r = re[b];
        double[] i = im[b];
        long at = start[b];
        for (int k = 0; k < n; k++, at += stride) {
          dst.set(at, r[k] * scale, i[k] * scale);
        }
      }
      return;
    }
    for (int k = 0; k < n; k++) {
      long step = k * stride;
      for (int b = 0; b < count; b++) {
        dst.set(start[b] + step, re[b][k] * scale, im[b][k] * scale);
      }
    }
  }

  /** n1 for the four-step split: the divisor of n nearest below sqrt(n), at least 32; else 0. */
  static int split(int n) {
    for (int n1 = (int) Math.sqrt(n); n1 >= 32; n1--) {
      if (n % n1 == 0) {
        return n / n1 >= 32 ? n1 : 0;
      }
    }
    return 0;
  }

  /**
   * Bailey's four-step transform of one line: x[j1 n2 + j2] as an n1 x n2 matrix; n2 columns of n1
   * points, times w^(j2 k1), into T[k1][j2]; n1 rows of n2 points; X[k1 + n1 k2] = row k1's k2.
   */
  private static void fourStep(
      Lines src,
      long inStart,
      Lines dst,
      long outStart,
      int n,
      int n1,
      boolean inverse,
      double scale) {
    int n2 = n / n1;
    HostFft.Plan p1 = HostFft.plan(n1);
    HostFft.Plan p2 = HostFft.plan(n2);
    // T[k1][j2], this thread's scratch (kept for the next call of the size)
    Scratch scratch = Scratch.get();
    double[] tr = scratch.doubles(0, n);
    double[] ti = scratch.doubles(1, n);
    Twiddles tw = Twiddles.of(n, n2);
    double sign = inverse ? 1 : -1;
    long sStride = src.stride();
    // columns j2 (COLUMNS at a time): elements j1 * n2 + j2
    int colBlocks = (n2 + COLUMNS - 1) / COLUMNS;
    int parts = Math.min(Loop.CORES, colBlocks);
    Workers.run(
        parts,
        part -> {
          Block w = BLOCKS.get();
          w.ensure(COLUMNS, Math.max(n1, n2));
          long[] start = new long[COLUMNS];
          double[] curR = new double[COLUMNS];
          double[] curI = new double[COLUMNS];
          double[] stepR = new double[COLUMNS];
          double[] stepI = new double[COLUMNS];
          for (int cb = colBlocks * part / parts; cb < colBlocks * (part + 1) / parts; cb++) {
            int j2 = cb * COLUMNS;
            int count = Math.min(COLUMNS, n2 - j2);
            for (int b = 0; b < count; b++) {
              start[b] = inStart + (j2 + b) * sStride;
            }
            gather(src, start, n2 * sStride, n1, count, w.re, w.im);
            for (int b = 0; b < count; b++) {
              p1.transform(w.re[b], w.im[b], inverse);
              stepR[b] = tw.cos(j2 + b);
              stepI[b] = sign * tw.sin(j2 + b);
            }
            // times w^(c k1), row by row: exact every 32 rows, stepped by w^c between
            for (int k1 = 0; k1 < n1; k1++) {
              if ((k1 & 31) == 0) {
                for (int b = 0; b < count; b++) {
                  long m = (long) (j2 + b) * k1 % n;
                  curR[b] = tw.cos(m);
                  curI[b] = sign * tw.sin(m);
                }
              }
              int row = k1 * n2 + j2;
              for (int b = 0; b < count; b++) {
                double xr = w.re[b][k1];
                double xi = w.im[b][k1];
                double cr = curR[b];
                double ci = curI[b];
                tr[row + b] = xr * cr - xi * ci;
                ti[row + b] = xr * ci + xi * cr;
                curR[b] = cr * stepR[b] - ci * stepI[b];
                curI[b] = cr * stepI[b] + ci * stepR[b];
              }
            }
          }
        });
    // rows k1 (BLOCK at a time), written to X[k1 + n1 k2]
    int rowBlocks = (n1 + BLOCK - 1) / BLOCK;
    int rparts = Math.min(Loop.CORES, rowBlocks);
    long dStride = dst.stride();
    Workers.run(
        rparts,
        part -> {
          Block w = BLOCKS.get();
          w.ensure(Math.max(n1, n2));
          long[] start = new long[BLOCK];
          for (int rb = rowBlocks * part / rparts; rb < rowBlocks * (part + 1) / rparts; rb++) {
            int k1 = rb * BLOCK;
            int count = Math.min(BLOCK, n1 - k1);
            for (int b = 0; b < count; b++) {
              System.arraycopy(tr, (k1 + b) * n2, w.re[b], 0, n2);
              System.arraycopy(ti, (k1 + b) * n2, w.im[b], 0, n2);
              p2.transform(w.re[b], w.im[b], inverse);
              start[b] = outStart + (k1 + b) * dStride;
            }
            scatter(dst, start, n1 * dStride, n2, count, w.re, w.im, scale);
          }
        });
  }

  /**
   * exp(2πi m/n) for any m in [0, n) from two tables of about sqrt(n) values each: w^m = w^(q s)
   * w^r with m = q s + r; one rounding more than a full table, at a small fraction of its size.
   */
  private record Twiddles(int n, int s, double[] loC, double[] loS, double[] hiC, double[] hiS) {
    static Twiddles of(int n, int s) {
      int hi = (n + s - 1) / s;
      double[] loC = new double[s];
      double[] loS = new double[s];
      for (int r = 0; r < s; r++) {
        loC[r] = HostFft.cos2pi(r, n);
        loS[r] = HostFft.sin2pi(r, n);
      }
      double[] hiC = new double[hi];
      double[] hiS = new double[hi];
      for (int q = 0; q < hi; q++) {
        hiC[q] = HostFft.cos2pi((long) q * s, n);
        hiS[q] = HostFft.sin2pi((long) q * s, n);
      }
      return new Twiddles(n, s, loC, loS, hiC, hiS);
    }

    double cos(long m) {
      int q = (int) (m / s);
      int r = (int) (m % s);
      return hiC[q] * loC[r] - hiS[q] * loS[r];
    }

    double sin(long m) {
      int q = (int) (m / s);
      int r = (int) (m % s);
      return hiS[q] * loC[r] + hiC[q] * loS[r];
    }
  }
}
