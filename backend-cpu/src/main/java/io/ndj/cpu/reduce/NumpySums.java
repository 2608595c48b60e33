package io.ndj.cpu.reduce;

import static io.ndj.cpu.memory.Layouts.JAVA_DOUBLE;
import static io.ndj.cpu.memory.Layouts.JAVA_FLOAT;
import static io.ndj.cpu.memory.Layouts.JAVA_SHORT;

import io.ndj.DType;
import io.ndj.cpu.Loop;
import io.ndj.cpu.Workers;
import io.ndj.cpu.memory.CpuBuffer;
import io.ndj.cpu.memory.Scratch;
import io.ndj.spi.Float16;
import io.ndj.spi.ReduceOp;
import io.ndj.spi.View;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Float sums (float16, float32, float64 into their own dtype) in NumPy's order, so that they give
 * NumPy's digits, not merely digits as close: NumPy sums a line with its pairwise algorithm (below
 * 8 elements one by one; up to 128 in eight interleaved accumulators; longer lines halved at a
 * multiple of 8), in the dtype itself (float16 in float32, rounded once per line), and its iterator
 * decides which lines: the axes ordered by the input's strides, largest outside, adjacent axes
 * merged where input and output step through them as one. When the innermost of those is reduced,
 * each output adds the pairwise sums of its lines in iteration order; when it is kept, outputs add
 * input rows one after the other. Measured against NumPy 2.4 for C-ordered, transposed and strided
 * views and partial reductions; a full reduction of a view no axis order makes one line (a reversed
 * matrix, say) goes through NumPy's buffer there, whose chunks this does not copy, and may differ
 * in the last place.
 */
final class NumpySums {
  private NumpySums() {}

  /** Lines at least this long are summed on several cores, split along the pairwise tree. */
  private static final long PARALLEL_LINE = 1 << 17;

  static boolean applies(ReduceOp op, View out, View in) {
    DType t = in.dtype();
    return op == ReduceOp.SUM && t.isFloat() && out.dtype() == t;
  }

  /** One merged axis of the iteration: its length and the input's and output's steps. */
  private record Dim(long n, long in, long out) {}

  /**
   * NumPy's iteration of a reduction of {@code in} over {@code axes} into {@code out}: the merged
   * dims outside the innermost one, and that one.
   */
  private record Plan(List<Dim> outer, Dim inner) {}

  private static Plan plan(View out, View in, int[] axes) {
    int nd = in.ndim();
    boolean[] reduced = new boolean[nd];
    for (int a : axes) {
      reduced[a] = true;
    }
    long[] os = new long[nd];
    for (int d = 0; d < nd; d++) {
      os[d] = reduced[d] ? 0 : out.strides()[d];
    }
    long[] is = in.strides();
    long[] shape = in.shape();
    // NumPy's iterator order: the axes sorted by the input's strides, smallest inside (an
    // insertion sort from the innermost, as nditer's; a zero stride decides nothing), size-1 axes
    // gone. NumPy allocates the output in that order, so the output's strides do not take part.
    int[] perm = new int[nd];
    for (int i = 0; i < nd; i++) {
      perm[i] = nd - 1 - i; // innermost first
    }
    for (int i0 = 1; i0 < nd; i0++) {
      int j0 = perm[i0];
      int at = i0;
      for (int i1 = i0 - 1; i1 >= 0; i1--) {
        long s0 = is[j0];
        long s1 = is[perm[i1]];
        if (s0 == 0 || s1 == 0) {
          continue; // ambiguous: look further out
        }
        if (Math.abs(s1) > Math.abs(s0)) {
          at = i1;
        } else {
          break;
        }
      }
      System.arraycopy(perm, at, perm, at + 1, i0 - at);
      perm[at] = j0;
    }
    List<Dim> dims = new ArrayList<>();
    for (int i = nd - 1; i >= 0; i--) {
      int d = perm[i];
      if (shape[d] != 1) {
        dims.add(new Dim(shape[d], is[d], os[d]));
      }
    }
    dims = merge(dims);
    if (dims.isEmpty()) {
      dims.add(new Dim(1, 0, 0));
    }
    return new Plan(dims.subList(0, dims.size() - 1), dims.get(dims.size() - 1));
  }

  static void sum(View out, MemorySegment so, View in, MemorySegment si, int[] axes) {
    DType t = in.dtype();
    if (in.size() == 0) {
      zero(so, t, out);
      return;
    }
    Plan p = plan(out, in, axes);
    Dim inner = p.inner();
    long base = in.offset();
    long obase = out.offset();
    // the buffers' own float[] or double[], read and written in place where the dtype is theirs
    Object ia = typed(t, in);
    Object oa = typed(t, out);
    if (inner.out() == 0) {
      lines(t, so, obase, base, p.outer(), inner, (at, n, k) -> line(t, si, ia, at, n, inner.in()));
    } else {
      rows(t, so, si, ia, oa, out, obase, base, p.outer(), inner);
    }
  }

  /**
   * The sum over {@code axes} of {@code (x - mean)²}, as {@link #sum} adds the C-contiguous array
   * of those squares that NumPy's {@code _var} makes, without making it: each pairwise leaf (at
   * most 128 elements) or run of a row is squared into a small buffer first, so the values and the
   * order of their additions, hence the digits, are the same. x, mean (x's shape with the axes 1)
   * and out (mean's shape) are C-contiguous float32 or float64 arrays of one dtype, on the heap;
   * returns false, having written nothing, for anything else.
   */
  static boolean squaredDeviations(View out, View x, View mean, int[] axes) {
    DType t = x.dtype();
    if ((t != DType.FLOAT32 && t != DType.FLOAT64)
        || out.dtype() != t
        || mean.dtype() != t
        || x.size() == 0
        || !x.isContiguous()
        || !out.isContiguous()
        || !mean.isContiguous()
        || !java.util.Arrays.equals(out.shape(), mean.shape())) {
      return false;
    }
    Object xa = typed(t, x);
    Object oa = typed(t, out);
    Object ma = typed(t, mean);
    if (xa == null || oa == null || ma == null) {
      return false;
    }
    Plan p = plan(out, x, axes);
    Dim inner = p.inner();
    long obase = out.offset();
    // out and mean are C-contiguous of one shape: an output's offset from out's start is its mean's
    long mbase = mean.offset() - obase;
    if (inner.out() == 0) {
      MemorySegment so =
          oa instanceof float[] f ? MemorySegment.ofArray(f) : MemorySegment.ofArray((double[]) oa);
      lines(
          t,
          so,
          obase,
          x.offset(),
          p.outer(),
          inner,
          // each leaf squared into this thread's scratch (slot 2: nothing else here holds it)
          (at, n, op) ->
              xa instanceof float[] f
                  ? squares(
                      f,
                      (int) at,
                      (int) n,
                      ((float[]) ma)[(int) (mbase + op)],
                      Scratch.get().floats(2, 128))
                  : squares(
                      (double[]) xa,
                      (int) at,
                      (int) n,
                      ((double[]) ma)[(int) (mbase + op)],
                      Scratch.get().doubles(2, 128)));
      return true;
    }
    if (inner.in() != 1 || inner.out() != 1) {
      return false;
    }
    unitRows(xa, oa, obase, x.offset(), p.outer(), inner.n(), ma, mbase);
    return true;
  }

  /**
   * Merges adjacent dims (outer first) where the input steps through them as one and both are
   * reduced (a longer pairwise line, as NumPy's) or both kept with the output stepping through them
   * as one too (fewer, longer runs; the sums are the same).
   */
  private static List<Dim> merge(List<Dim> dims) {
    List<Dim> m = new ArrayList<>();
    for (Dim d : dims) {
      if (!m.isEmpty()) {
        Dim last = m.get(m.size() - 1);
        // last is outer, d inner: one axis when last's steps are d's times d's length
        if (last.in() == d.in() * d.n()
            && last.out() == d.out() * d.n()
            && (last.out() == 0) == (d.out() == 0)) {
          m.set(m.size() - 1, new Dim(last.n() * d.n(), d.in(), d.out()));
          continue;
        }
      }
      m.add(d);
    }
    return m;
  }

  /**
   * Sets every output to 0, NumPy's identity for add (+0.0, so a sum of -0.0 is 0.0), where outputs
   * are added into rather than written once.
   */
  private static void zero(MemorySegment so, DType t, View out) {
    Loop.split(out.size(), 1 << 16, (lo, hi) -> zero(so, t, out, lo, hi));
  }

  private static void zero(MemorySegment so, DType t, View out, long lo, long hi) {
    long[] shape = out.shape();
    long[] st = out.strides();
    long[] idx = new long[shape.length];
    for (long i = lo; i < hi; i++) {
      long r = i;
      long pos = out.offset();
      for (int d = shape.length - 1; d >= 0; d--) {
        idx[d] = r % shape[d];
        r /= shape[d];
        pos += idx[d] * st[d];
      }
      store(so, t, pos, 0.0);
    }
  }

  /** The pairwise sum of one line: n elements from {@code at}, for the output at {@code op}. */
  @FunctionalInterface
  private interface LineSum {
    double sum(long at, long n, long op);
  }

  /**
   * The innermost axis reduced: each output adds, in iteration order, the pairwise sums of its
   * lines. Outputs run in parallel; a single line long enough splits along the pairwise tree.
   */
  private static void lines(
      DType t, MemorySegment so, long obase, long base, List<Dim> outer, Dim inner, LineSum line) {
    List<Dim> kept = new ArrayList<>();
    List<Dim> red = new ArrayList<>();
    for (Dim d : outer) {
      (d.out() == 0 ? red : kept).add(d);
    }
    long outputs = product(kept);
    long perOutput = product(red);
    if (outputs == 1 && perOutput == 1 && inner.n() >= PARALLEL_LINE && Loop.CORES > 1) {
      double s =
          parallelLine(t, inner.n(), (from, n) -> line.sum(base + from * inner.in(), n, obase));
      store(so, t, obase, addLine(t, 0.0, s));
      return;
    }
    Loop.split(
        outputs,
        Math.max(1, (1 << 15) / Math.max(1, perOutput * inner.n())),
        (lo, hi) -> {
          for (long k = lo; k < hi; k++) {
            long ip = base + offset(kept, k, true);
            long op = obase + offset(kept, k, false);
            double acc = 0.0; // NumPy's identity for add: a sum of -0.0 is 0.0
            for (long r = 0; r < perOutput; r++) {
              long at = ip + offset(red, r, true);
              acc = addLine(t, acc, line.sum(at, inner.n(), op));
            }
            store(so, t, op, acc);
          }
        });
  }

  /**
   * The innermost axis kept: outputs add the input's rows one after the other, each element in the
   * dtype (NumPy's elementwise add loop). Elements of the row run in parallel.
   */
  private static void rows(
      DType t,
      MemorySegment so,
      MemorySegment si,
      Object ia,
      Object oa,
      View out,
      long obase,
      long base,
      List<Dim> outer,
      Dim inner) {
    long steps = product(outer);
    if (ia != null && oa != null && inner.in() == 1 && inner.out() == 1) {
      unitRows(ia, oa, obase, base, outer, inner.n(), null, 0);
      return;
    }
    zero(so, t, out);
    Loop.split(
        inner.n(),
        Math.max(1, (1 << 15) / Math.max(1, steps)),
        (lo, hi) -> {
          for (long s = 0; s < steps; s++) {
            long ip = base + offset(outer, s, true);
            long op = obase + offset(outer, s, false);
            for (long j = lo; j < hi; j++) {
              long o = op + j * inner.out();
              store(so, t, o, round(t, load(so, t, o) + load(si, t, ip + j * inner.in())));
            }
          }
        });
  }

  /** Outputs added into at a time by the unit-stride row loop (32 KiB of float32). */
  private static final int ROW_RUN = 8192;

  /**
   * Unit-stride rows of float[] or double[]: for each output row (the kept outer dims) and each run
   * of it, the input's rows (the reduced outer dims, in order) are added into a zeroed run element
   * by element ({@link VectorSums#addRows}), which is then stored. With a mean {@code ma} (an
   * output's mean at its offset plus {@code mbase}), each element added is {@code (x - mean)²}.
   */
  private static void unitRows(
      Object ia,
      Object oa,
      long obase,
      long base,
      List<Dim> outer,
      long width,
      Object ma,
      long mbase) {
    List<Dim> kept = new ArrayList<>();
    List<Dim> red = new ArrayList<>();
    for (Dim d : outer) {
      (d.out() == 0 ? red : kept).add(d);
    }
    long nk = product(kept);
    int nr = (int) product(red);
    long[] bases = new long[nr];
    for (int r = 0; r < nr; r++) {
      bases[r] = offset(red, r, true);
    }
    // runs short enough that every core has two at least
    long run = Math.min(ROW_RUN, Math.max(256, (width / (2L * Loop.CORES) + 63) & -64));
    long runs = (width + run - 1) / run;
    Loop.split(
        nk * runs,
        Math.max(1, (1 << 16) / Math.max(1, (long) nr * run)),
        (lo, hi) -> {
          for (long q = lo; q < hi; q++) {
            long k = q / runs;
            long c = (q % runs) * run;
            int m = (int) Math.min(run, width - c);
            long ip = base + offset(kept, k, true) + c;
            int op = (int) (obase + offset(kept, k, false) + c);
            if (ia instanceof float[] x) {
              float[] acc = new float[m];
              if (ma == null) {
                VectorSums.addRows(acc, x, bases, ip, 0, nr, m);
              } else {
                addSquares(acc, x, bases, ip, nr, m, (float[]) ma, (int) (mbase + op));
              }
              System.arraycopy(acc, 0, (float[]) oa, op, m);
            } else {
              double[] acc = new double[m];
              if (ma == null) {
                VectorSums.addRows(acc, (double[]) ia, bases, ip, 0, nr, m);
              } else {
                addSquares(acc, (double[]) ia, bases, ip, nr, m, (double[]) ma, (int) (mbase + op));
              }
              System.arraycopy(acc, 0, (double[]) oa, op, m);
            }
          }
        });
  }

  /** A view's float[] (float32) or double[] (float64) when its buffer is one, else null. */
  private static Object typed(DType t, View v) {
    return switch (t) {
      case FLOAT32 -> CpuBuffer.floats(v.buffer());
      case FLOAT64 -> CpuBuffer.doubles(v.buffer());
      default -> null;
    };
  }

  /** One line's pairwise sum, from the Java array where the line has unit stride in one. */
  private static double line(DType t, MemorySegment s, Object a, long at, long n, long step) {
    if (a != null && step == 1) {
      return a instanceof float[] f
          ? pairwise(f, (int) at, (int) n)
          : pairwise((double[]) a, (int) at, (int) n);
    }
    return pairwise(t, s, at, n, step);
  }

  // The float and double versions below are twins on purpose: NumPy's float32 sums accumulate in
  // float, its float64 sums in double, and Java has no generics over the two.

  /** NumPy's pairwise sum of a unit-stride float32 run, in float. */
  static float pairwise(float[] a, int at, int n) {
    if (n >= 8 && n <= 128 && VectorSums.AVAILABLE) {
      return VectorSums.leaf(a, at, n);
    }
    if (n < 8) {
      float res = 0.0f;
      for (int i = 0; i < n; i++) {
        res += a[at + i];
      }
      return res;
    }
    if (n <= 128) {
      float r0 = a[at];
      float r1 = a[at + 1];
      float r2 = a[at + 2];
      float r3 = a[at + 3];
      float r4 = a[at + 4];
      float r5 = a[at + 5];
      float r6 = a[at + 6];
      float r7 = a[at + 7];
      int i = 8;
      for (; i < n - (n % 8); i += 8) {
        int p = at + i;
        r0 += a[p];
        r1 += a[p + 1];
        r2 += a[p + 2];
        r3 += a[p + 3];
        r4 += a[p + 4];
        r5 += a[p + 5];
        r6 += a[p + 6];
        r7 += a[p + 7];
      }
      float res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
      for (; i < n; i++) {
        res += a[at + i];
      }
      return res;
    }
    int n2 = (int) half(n);
    return pairwise(a, at, n2) + pairwise(a, at + n2, n - n2);
  }

  /** NumPy's pairwise sum of a unit-stride float64 run. */
  static double pairwise(double[] a, int at, int n) {
    if (n >= 8 && n <= 128 && VectorSums.AVAILABLE) {
      return VectorSums.leaf(a, at, n);
    }
    if (n < 8) {
      double res = 0.0;
      for (int i = 0; i < n; i++) {
        res += a[at + i];
      }
      return res;
    }
    if (n <= 128) {
      double r0 = a[at];
      double r1 = a[at + 1];
      double r2 = a[at + 2];
      double r3 = a[at + 3];
      double r4 = a[at + 4];
      double r5 = a[at + 5];
      double r6 = a[at + 6];
      double r7 = a[at + 7];
      int i = 8;
      for (; i < n - (n % 8); i += 8) {
        int p = at + i;
        r0 += a[p];
        r1 += a[p + 1];
        r2 += a[p + 2];
        r3 += a[p + 3];
        r4 += a[p + 4];
        r5 += a[p + 5];
        r6 += a[p + 6];
        r7 += a[p + 7];
      }
      double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
      for (; i < n; i++) {
        res += a[at + i];
      }
      return res;
    }
    int n2 = (int) half(n);
    return pairwise(a, at, n2) + pairwise(a, at + n2, n - n2);
  }

  // The float and double versions below are twins as the pairwise sums are: (x - mean) and its
  // square are rounded in the dtype, as NumPy's subtract and multiply loops round them.

  /**
   * NumPy's pairwise sum of {@code (a[i] - m)²} over a unit-stride float32 run: the tree of {@link
   * #pairwise(float[], int, int)}, each leaf squared into {@code leaf} (128 elements) first.
   */
  private static float squares(float[] a, int at, int n, float m, float[] leaf) {
    if (n <= 128) {
      for (int i = 0; i < n; i++) {
        float d = a[at + i] - m;
        leaf[i] = d * d;
      }
      return pairwise(leaf, 0, n);
    }
    int n2 = (int) half(n);
    return squares(a, at, n2, m, leaf) + squares(a, at + n2, n - n2, m, leaf);
  }

  /** {@link #squares(float[], int, int, float, float[])} in float64. */
  private static double squares(double[] a, int at, int n, double m, double[] leaf) {
    if (n <= 128) {
      for (int i = 0; i < n; i++) {
        double d = a[at + i] - m;
        leaf[i] = d * d;
      }
      return pairwise(leaf, 0, n);
    }
    int n2 = (int) half(n);
    return squares(a, at, n2, m, leaf) + squares(a, at + n2, n - n2, m, leaf);
  }

  /**
   * Adds {@code (x - mean)²} of the rows at {@code bases[r] + shift} (r below nr) into acc, row
   * after row, each element's mean at {@code mean[mo + i]}.
   */
  private static void addSquares(
      float[] acc, float[] x, long[] bases, long shift, int nr, int n, float[] mean, int mo) {
    for (int r = 0; r < nr; r++) {
      int b = (int) (bases[r] + shift);
      for (int i = 0; i < n; i++) {
        float d = x[b + i] - mean[mo + i];
        acc[i] += d * d;
      }
    }
  }

  /** {@link #addSquares(float[], float[], long[], long, int, int, float[], int)} in float64. */
  private static void addSquares(
      double[] acc, double[] x, long[] bases, long shift, int nr, int n, double[] mean, int mo) {
    for (int r = 0; r < nr; r++) {
      int b = (int) (bases[r] + shift);
      for (int i = 0; i < n; i++) {
        double d = x[b + i] - mean[mo + i];
        acc[i] += d * d;
      }
    }
  }

  /** The element offset of the k-th (C order) index over dims, in the input or the output. */
  private static long offset(List<Dim> dims, long k, boolean input) {
    long pos = 0;
    for (int d = dims.size() - 1; d >= 0; d--) {
      Dim dim = dims.get(d);
      long i = k % dim.n();
      k /= dim.n();
      pos += i * (input ? dim.in() : dim.out());
    }
    return pos;
  }

  private static long product(List<Dim> dims) {
    long p = 1;
    for (Dim d : dims) {
      p *= d.n();
    }
    return p;
  }

  /**
   * NumPy's pairwise sum of n elements from {@code at} by {@code step}, in the dtype's accumulator
   * (float for float16 and float32, double for float64), returned as a double.
   */
  static double pairwise(DType t, MemorySegment s, long at, long n, long step) {
    return t == DType.FLOAT64
        ? pairwise64(s, at, n, step)
        : pairwiseF(t == DType.FLOAT16, s, at, n, step);
  }

  private static double pairwise64(MemorySegment s, long at, long n, long step) {
    if (n < 8) {
      double res = 0.0;
      for (long i = 0; i < n; i++) {
        res += s.getAtIndex(JAVA_DOUBLE, at + i * step);
      }
      return res;
    }
    if (n <= 128) {
      double r0 = s.getAtIndex(JAVA_DOUBLE, at);
      double r1 = s.getAtIndex(JAVA_DOUBLE, at + step);
      double r2 = s.getAtIndex(JAVA_DOUBLE, at + 2 * step);
      double r3 = s.getAtIndex(JAVA_DOUBLE, at + 3 * step);
      double r4 = s.getAtIndex(JAVA_DOUBLE, at + 4 * step);
      double r5 = s.getAtIndex(JAVA_DOUBLE, at + 5 * step);
      double r6 = s.getAtIndex(JAVA_DOUBLE, at + 6 * step);
      double r7 = s.getAtIndex(JAVA_DOUBLE, at + 7 * step);
      long i = 8;
      for (; i < n - (n % 8); i += 8) {
        long p = at + i * step;
        r0 += s.getAtIndex(JAVA_DOUBLE, p);
        r1 += s.getAtIndex(JAVA_DOUBLE, p + step);
        r2 += s.getAtIndex(JAVA_DOUBLE, p + 2 * step);
        r3 += s.getAtIndex(JAVA_DOUBLE, p + 3 * step);
        r4 += s.getAtIndex(JAVA_DOUBLE, p + 4 * step);
        r5 += s.getAtIndex(JAVA_DOUBLE, p + 5 * step);
        r6 += s.getAtIndex(JAVA_DOUBLE, p + 6 * step);
        r7 += s.getAtIndex(JAVA_DOUBLE, p + 7 * step);
      }
      double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
      for (; i < n; i++) {
        res += s.getAtIndex(JAVA_DOUBLE, at + i * step);
      }
      return res;
    }
    long n2 = half(n);
    return pairwise64(s, at, n2, step) + pairwise64(s, at + n2 * step, n - n2, step);
  }

  private static float pairwiseF(boolean half, MemorySegment s, long at, long n, long step) {
    if (n < 8) {
      float res = 0.0f;
      for (long i = 0; i < n; i++) {
        res += f(half, s, at + i * step);
      }
      return res;
    }
    if (n <= 128) {
      float r0 = f(half, s, at);
      float r1 = f(half, s, at + step);
      float r2 = f(half, s, at + 2 * step);
      float r3 = f(half, s, at + 3 * step);
      float r4 = f(half, s, at + 4 * step);
      float r5 = f(half, s, at + 5 * step);
      float r6 = f(half, s, at + 6 * step);
      float r7 = f(half, s, at + 7 * step);
      long i = 8;
      for (; i < n - (n % 8); i += 8) {
        long p = at + i * step;
        r0 += f(half, s, p);
        r1 += f(half, s, p + step);
        r2 += f(half, s, p + 2 * step);
        r3 += f(half, s, p + 3 * step);
        r4 += f(half, s, p + 4 * step);
        r5 += f(half, s, p + 5 * step);
        r6 += f(half, s, p + 6 * step);
        r7 += f(half, s, p + 7 * step);
      }
      float res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
      for (; i < n; i++) {
        res += f(half, s, at + i * step);
      }
      return res;
    }
    long n2 = half(n);
    return pairwiseF(half, s, at, n2, step) + pairwiseF(half, s, at + n2 * step, n - n2, step);
  }

  private static float f(boolean half, MemorySegment s, long i) {
    return half
        ? (float) Float16.toDouble(s.getAtIndex(JAVA_SHORT, i))
        : s.getAtIndex(JAVA_FLOAT, i);
  }

  /** NumPy's split of a long line: half, less its remainder modulo the unroll of 8. */
  private static long half(long n) {
    long n2 = n / 2;
    return n2 - n2 % 8;
  }

  /**
   * One long line on every core: the pairwise tree's nodes a few levels down are summed in
   * parallel, then added back up the tree in its own order, so the result is the serial one.
   */
  private static double parallelLine(DType t, long n, NodeSum node) {
    int depth = 1;
    while ((1 << depth) < 4 * Loop.CORES && (n >> depth) >= 4096) {
      depth++;
    }
    long[] starts = new long[1 << depth];
    long[] lengths = new long[1 << depth];
    split(n, 0, depth, 0, starts, lengths);
    double[] parts = new double[starts.length];
    Workers.run(starts.length, p -> parts[p] = node.sum(starts[p], lengths[p]));
    return combine(t, parts, 0, parts.length);
  }

  /** The pairwise sum of the n elements of a line from its element {@code from}. */
  @FunctionalInterface
  private interface NodeSum {
    double sum(long from, long n);
  }

  /** Fills the nodes at {@code depth} below a node of {@code n} elements from {@code from}. */
  private static int split(long n, long from, int depth, int k, long[] starts, long[] lengths) {
    if (depth == 0) {
      starts[k] = from;
      lengths[k] = n;
      return k + 1;
    }
    // every node here has more than 128 elements (the caller keeps n >> depth >= 4096)
    long n2 = half(n);
    k = split(n2, from, depth - 1, k, starts, lengths);
    return split(n - n2, from + n2, depth - 1, k, starts, lengths);
  }

  /** Adds node sums back up the tree: left half plus right half, in the accumulator's type. */
  private static double combine(DType t, double[] parts, int lo, int hi) {
    if (hi - lo == 1) {
      return parts[lo];
    }
    int mid = (lo + hi) >>> 1;
    double l = combine(t, parts, lo, mid);
    double r = combine(t, parts, mid, hi);
    return t == DType.FLOAT64 ? l + r : (double) ((float) l + (float) r);
  }

  private static double load(MemorySegment s, DType t, long i) {
    return switch (t) {
      case FLOAT64 -> s.getAtIndex(JAVA_DOUBLE, i);
      case FLOAT32 -> s.getAtIndex(JAVA_FLOAT, i);
      default -> Float16.toDouble(s.getAtIndex(JAVA_SHORT, i));
    };
  }

  /**
   * A value rounded as the accumulator of NumPy's add loop holds it: float64 as is, float32 to
   * float, float16 to float (the line's sum is rounded to half when stored).
   */
  private static double round(DType t, double v) {
    return t == DType.FLOAT64 ? v : (double) (float) v;
  }

  /**
   * An output plus one line's pairwise sum, as NumPy's reduce loop adds them: in double for
   * float64, in float for float32, in float and stored as half (so rounded) for float16.
   */
  private static double addLine(DType t, double acc, double line) {
    return switch (t) {
      case FLOAT64 -> acc + line;
      case FLOAT32 -> (float) acc + (float) line;
      default -> Float16.toDouble(Float16.fromDouble((float) acc + (float) line));
    };
  }

  private static void store(MemorySegment s, DType t, long i, double v) {
    switch (t) {
      case FLOAT64 -> s.setAtIndex(JAVA_DOUBLE, i, v);
      case FLOAT32 -> s.setAtIndex(JAVA_FLOAT, i, (float) v);
      default -> s.setAtIndex(JAVA_SHORT, i, Float16.fromDouble(v));
    }
  }
}
