package io.ndj.cpu.reduce;

import io.ndj.DType;
import io.ndj.cpu.Loop;
import io.ndj.cpu.Workers;
import io.ndj.cpu.memory.Access;
import io.ndj.cpu.memory.CpuBuffer;
import io.ndj.cpu.memory.Scratch;
import io.ndj.spi.Float16;
import io.ndj.spi.ReduceOp;
import io.ndj.spi.Strided;
import io.ndj.spi.View;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.concurrent.ConcurrentSkipListMap;

// Its float32 and float64 loops are twins on purpose: each runs over its buffer's own float[] or
// double[], which C2 vectorises only as loops over one primitive array type.
/**
 * Reductions: the input is seen as (kept axes) x (reduced axes); each output element folds one
 * block of the reduced axes. Many outputs run in parallel; one large block is split across cores
 * and the partial results combined in order (so argmin/argmax keep the first index).
 */
public final class Reducer {
  private Reducer() {}

  /** A fold over a block; {@code pos} counts elements within the block in C order. */
  private static final class Acc {
    final ReduceOp op;
    final boolean f;

    /**
     * How products round at each step: {@link #EXACT} (float64, integers), {@link #FLOAT} (float32:
     * NumPy's reduce loop multiplies in a float accumulator, so a product that overflows float32 on
     * the way is inf, as NumPy's), {@link #HALF_LINES} (float16 whose innermost axis is reduced: in
     * float along each line, stored as half at its end) or {@link #HALF} (float16 whose innermost
     * axis is kept: NumPy multiplies rows into the output elementwise, in half).
     */
    final int rounding;

    double d;
    double comp;
    long l;
    long arg = -1;
    boolean any;

    /**
     * One-element buffers for {@link #store}: an Acc folds many outputs in turn without allocating.
     */
    private final double[] oneD = new double[1];

    private final long[] oneL = new long[1];

    static final int EXACT = 0;
    static final int FLOAT = 1;
    static final int HALF = 2;
    static final int HALF_LINES = 3;

    Acc(ReduceOp op, boolean f, int rounding) {
      this.op = op;
      this.f = f;
      this.rounding = rounding;
      reset();
    }

    /** Back to the fold's identity, for the next output. */
    void reset() {
      d = 0;
      comp = 0;
      l = 0;
      arg = -1;
      any = false;
      switch (op) {
        case PROD -> {
          d = 1;
          l = 1;
        }
        case MIN -> {
          d = Double.POSITIVE_INFINITY;
          l = Long.MAX_VALUE;
        }
        case MAX -> {
          d = Double.NEGATIVE_INFINITY;
          l = Long.MIN_VALUE;
        }
        case ALL -> any = true;
        default -> {}
      }
    }

    /**
     * Adds the run {@code [lo, lo + n)} of a float[] or double[] as {@link #foldD} adds it after
     * loading, or of an int[] or long[] as {@link #foldL} does.
     */
    void sum(Object array, int lo, int n) {
      switch (array) {
        case float[] x -> add(pairwise(x, lo, n));
        case double[] x -> add(pairwise(x, lo, n));
        case int[] x -> {
          long s = 0;
          for (int i = lo; i < lo + n; i++) {
            s += x[i];
          }
          l += s;
        }
        default -> {
          long[] x = (long[]) array;
          l += VectorSums.AVAILABLE ? VectorSums.sum(x, lo, n) : halves(x, lo, n);
        }
      }
    }

    /**
     * The wrapping sum of a long[] run as the sums of its low halves (unsigned) and high halves
     * (signed), put together at the end: the same value, but C2 vectorises this loop, while it
     * judged the plain {@code s += x[i]} not worth it and left it scalar (int64 sum of 1e6 in L3:
     * 150 -> 48 us on one core). No overflow: a run is shorter than 2^31, so the low sum stays
     * below 2^63.
     */
    private static long halves(long[] x, int lo, int n) {
      long low = 0;
      long high = 0;
      for (int i = lo; i < lo + n; i++) {
        long v = x[i];
        low += v & 0xffffffffL;
        high += v >> 32;
      }
      return low + (high << 32);
    }

    /**
     * Folds the float or double run {@code [lo, lo + n)} into a max or min as {@link #foldD} does,
     * in order (a NaN wins; of equal values the first stays). float32 runs go through vector lanes
     * first, each lane folding its elements in order and the lanes folded in order after: the same
     * value wherever it is not a zero (+0 and -0 are equal but differ) or a NaN (whose payload
     * depends on which came last), and there the run is folded again in order.
     */
    void extreme(Object array, int lo, int n) {
      boolean max = op == ReduceOp.MAX;
      if (VectorSums.AVAILABLE && array instanceof float[] x) {
        double r = VectorSums.extreme(x, lo, n, max);
        if (r == r && r != 0) {
          if (max ? r > d : r < d) {
            d = r;
          }
          return;
        }
      }
      if (array instanceof float[] x) {
        for (int i = lo; i < lo + n; i++) {
          extreme(max, x[i]);
        }
      } else {
        double[] x = (double[]) array;
        for (int i = lo; i < lo + n; i++) {
          extreme(max, x[i]);
        }
      }
    }

    /** One element of a max (min where !max) in order: a NaN wins, of equal values the first. */
    private void extreme(boolean max, double v) {
      if (max ? v > d || v != v : v < d || v != v) {
        d = v;
      }
    }

    private void add(double s) {
      double t = d + s;
      comp += Math.abs(d) >= Math.abs(s) ? (d - t) + s : (s - t) + d;
      d = t;
    }

    void foldD(double[] x, int n, long pos) {
      switch (op) {
        case SUM -> add(pairwise(x, 0, n));
        case PROD -> {
          if (rounding == FLOAT || rounding == HALF_LINES) {
            for (int i = 0; i < n; i++) {
              d = (float) (d * x[i]);
            }
          } else if (rounding == HALF) {
            for (int i = 0; i < n; i++) {
              d = Float16.toDouble(Float16.fromDouble((float) (d * x[i])));
            }
          } else {
            for (int i = 0; i < n; i++) {
              d *= x[i];
            }
          }
        }
        case MIN -> {
          for (int i = 0; i < n; i++) {
            double v = x[i];
            if (v < d || v != v) {
              d = v;
            }
          }
        }
        case MAX -> {
          for (int i = 0; i < n; i++) {
            double v = x[i];
            if (v > d || v != v) {
              d = v;
            }
          }
        }
        case ARGMIN, ARGMAX -> {
          boolean max = op == ReduceOp.ARGMAX;
          for (int i = 0; i < n; i++) {
            if (arg >= 0 && d != d) {
              return;
            }
            double v = x[i];
            if (arg < 0 || v != v || (max ? v > d : v < d)) {
              d = v;
              arg = pos + i;
            }
          }
        }
        case ANY -> {
          for (int i = 0; i < n && !any; i++) {
            any = x[i] != 0;
          }
        }
        case ALL -> {
          for (int i = 0; i < n && any; i++) {
            any = x[i] != 0;
          }
        }
      }
    }

    void foldL(long[] x, int n, long pos) {
      switch (op) {
        case SUM -> {
          for (int i = 0; i < n; i++) {
            l += x[i];
          }
        }
        case PROD -> {
          for (int i = 0; i < n; i++) {
            l *= x[i];
          }
        }
        case MIN -> {
          for (int i = 0; i < n; i++) {
            l = Math.min(l, x[i]);
          }
        }
        case MAX -> {
          for (int i = 0; i < n; i++) {
            l = Math.max(l, x[i]);
          }
        }
        case ARGMIN, ARGMAX -> {
          boolean max = op == ReduceOp.ARGMAX;
          for (int i = 0; i < n; i++) {
            long v = x[i];
            if (arg < 0 || (max ? v > l : v < l)) {
              l = v;
              arg = pos + i;
            }
          }
        }
        case ANY -> {
          for (int i = 0; i < n && !any; i++) {
            any = x[i] != 0;
          }
        }
        case ALL -> {
          for (int i = 0; i < n && any; i++) {
            any = x[i] != 0;
          }
        }
      }
    }

    /** Folds in a partial result of the block's next range. */
    void combine(Acc o) {
      switch (op) {
        case SUM -> {
          if (f) {
            double t = d + o.d;
            comp += (Math.abs(d) >= Math.abs(o.d) ? (d - t) + o.d : (o.d - t) + d) + o.comp;
            d = t;
          } else {
            l += o.l;
          }
        }
        case PROD -> {
          d *= o.d;
          l *= o.l;
        }
        case MIN, MAX -> {
          if (f) {
            foldD(new double[] {o.d}, 1, 0);
          } else {
            foldL(new long[] {o.l}, 1, 0);
          }
        }
        case ARGMIN, ARGMAX -> {
          if (o.arg < 0) {
            return;
          }
          boolean max = op == ReduceOp.ARGMAX;
          if (f) {
            boolean take = arg < 0 || (d == d && (o.d != o.d || (max ? o.d > d : o.d < d)));
            if (take) {
              d = o.d;
              arg = o.arg;
            }
          } else if (arg < 0 || (max ? o.l > l : o.l < l)) {
            l = o.l;
            arg = o.arg;
          }
        }
        case ANY -> any |= o.any;
        case ALL -> any &= o.any;
      }
    }

    private void storeL(MemorySegment s, DType t, long pos, long v) {
      oneL[0] = v;
      Access.storeL(s, t, pos, 1, 1, oneL);
    }

    void store(MemorySegment s, DType t, long pos) {
      switch (op) {
        case ARGMIN, ARGMAX -> storeL(s, t, pos, arg);
        case ANY, ALL -> storeL(s, t, pos, any ? 1 : 0);
        default -> {
          if (f) {
            // the compensation is meaningless once the sum is infinite or NaN
            oneD[0] = op == ReduceOp.SUM && Double.isFinite(d) ? d + comp : d;
            Access.storeD(s, t, pos, 1, 1, oneD);
          } else {
            storeL(s, t, pos, ordered(op, t) ? l ^ Long.MIN_VALUE : l);
          }
        }
      }
    }
  }

  /** Columns of the scalar float32 leaf: the widening adds of one row of them vectorise. */
  public static final int SUM_COLUMNS = 128;

  /**
   * NumPy-style pairwise summation of a run of floats, each widened to double: error grows with log
   * n, not n. Leaves of up to 32 rows of {@link #SUM_COLUMNS} are added row by row into a row of
   * double accumulators (C2 vectorises that loop: the accumulators are not float[], so cannot
   * overlap the input).
   */
  static double pairwise(float[] x, int lo, int n) {
    return n < 2 * SUM_COLUMNS
        ? eight(x, lo, n)
        : columnsPairwise(x, lo, n, Scratch.get().sumColumns);
  }

  private static double columnsPairwise(float[] x, int lo, int n, double[] t) {
    if (n > 32 * SUM_COLUMNS) {
      int half = (n / 2) & -SUM_COLUMNS;
      return columnsPairwise(x, lo, half, t) + columnsPairwise(x, lo + half, n - half, t);
    }
    Arrays.fill(t, 0);
    int i = 0;
    for (; i + SUM_COLUMNS <= n; i += SUM_COLUMNS) {
      int at = lo + i;
      for (int k = 0; k < SUM_COLUMNS; k++) {
        t[k] += x[at + k];
      }
    }
    for (int h = SUM_COLUMNS / 2; h > 0; h /= 2) {
      for (int k = 0; k < h; k++) {
        t[k] += t[k + h];
      }
    }
    return t[0] + eight(x, lo + i, n - i);
  }

  /**
   * Eight independent sums (NumPy's block of 128 and eight accumulators): the adds overlap in the
   * pipeline.
   */
  private static double eight(float[] x, int lo, int n) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    double s4 = 0;
    double s5 = 0;
    double s6 = 0;
    double s7 = 0;
    int i = 0;
    for (; i + 7 < n; i += 8) {
      s0 += x[lo + i];
      s1 += x[lo + i + 1];
      s2 += x[lo + i + 2];
      s3 += x[lo + i + 3];
      s4 += x[lo + i + 4];
      s5 += x[lo + i + 5];
      s6 += x[lo + i + 6];
      s7 += x[lo + i + 7];
    }
    for (; i < n; i++) {
      s0 += x[lo + i];
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }

  /** NumPy-style pairwise summation of a run: error grows with log n, not n. */
  static double pairwise(double[] x, int lo, int n) {
    if (VectorSums.AVAILABLE) {
      return VectorSums.sum(x, lo, n);
    }
    if (n <= 128) {
      // eight independent sums (NumPy's block of 128 and eight accumulators): the adds overlap in
      // the pipeline
      double s0 = 0;
      double s1 = 0;
      double s2 = 0;
      double s3 = 0;
      double s4 = 0;
      double s5 = 0;
      double s6 = 0;
      double s7 = 0;
      int i = 0;
      for (; i + 7 < n; i += 8) {
        s0 += x[lo + i];
        s1 += x[lo + i + 1];
        s2 += x[lo + i + 2];
        s3 += x[lo + i + 3];
        s4 += x[lo + i + 4];
        s5 += x[lo + i + 5];
        s6 += x[lo + i + 6];
        s7 += x[lo + i + 7];
      }
      for (; i < n; i++) {
        s0 += x[lo + i];
      }
      return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }
    int half = (n / 2) & ~7;
    return pairwise(x, lo, half) + pairwise(x, lo + half, n - half);
  }

  /**
   * The sum over axes of {@code (x - mean)²} without the squares' temporary, where {@link
   * NumpySums} can add them in NumPy's order; false (nothing written) elsewhere.
   */
  public static boolean squaredDeviations(View out, View x, View mean, int[] axes) {
    return NumpySums.squaredDeviations(out, x, mean, axes);
  }

  public static void reduce(
      ReduceOp op, View out, MemorySegment so, View in, MemorySegment si, int[] axes) {
    if (NumpySums.applies(op, out, in)) {
      NumpySums.sum(out, so, in, si, axes);
      return;
    }
    Strided.Split split = Strided.split(out, in, axes);
    long[] keptShape = split.keptShape();
    long[] keptIn = split.keptIn();
    long[] keptOut = split.keptOut();
    long[] redShape = split.axesShape();
    long[] redIn = split.axesIn();
    Strided.Layout block = Strided.coalesce(redShape, redIn);
    long blockSize = block.size();
    long outputs = out.size();
    DType ti = in.dtype();
    DType to = out.dtype();
    boolean f = ti.isFloat();
    int rounding =
        op != ReduceOp.PROD || (ti != DType.FLOAT32 && ti != DType.FLOAT16)
            ? Acc.EXACT
            : ti == DType.FLOAT32 ? Acc.FLOAT : innermostKept(in, axes) ? Acc.HALF : Acc.HALF_LINES;
    Strided.Layout kept = Strided.coalesce(keptShape, keptIn, keptOut);
    // the input's float[] or double[], when it has one: sums read it in place (the same order and
    // result as
    // through a run), column folds copy rows out of it without a segment's checks per row; int32
    // and int64 sums
    // read int[] and long[] in place too (integer sums are exact, in any order)
    Object typed =
        ti == DType.FLOAT32
            ? CpuBuffer.floats(in.buffer())
            : ti == DType.FLOAT64 ? CpuBuffer.doubles(in.buffer()) : null;
    Object direct =
        op == ReduceOp.MAX || op == ReduceOp.MIN
            ? typed // read in place too: no widened copy of each run
            : op != ReduceOp.SUM
                ? null
                : typed != null
                    ? typed
                    : ti == DType.INT32
                        ? CpuBuffer.ints(in.buffer())
                        : ti == DType.INT64 ? CpuBuffer.longs(in.buffer()) : null;
    boolean rowsOfColumns = kept.ndim() == 1 && kept.strides()[0][0] == 1 && blockSize > 1;
    if (outputs == 1 || outputs < Loop.CORES) {
      // few outputs: split each block across cores
      forEachIndex(
          kept,
          in.offset(),
          out.offset(),
          (bi, bo) -> {
            Acc total = new Acc(op, f, rounding);
            // partial results keyed by their start, combined in order
            ConcurrentSkipListMap<Long, Acc> parts = new ConcurrentSkipListMap<>();
            // a float product in one piece: NumPy multiplies one element after another, and
            // partial products multiplied together round otherwise
            Loop.split(
                blockSize,
                op == ReduceOp.PROD && f ? Long.MAX_VALUE : Loop.PARALLEL_MIN,
                (lo, hi) -> {
                  Acc acc = new Acc(op, f, rounding);
                  fold(
                      acc,
                      si,
                      direct,
                      ti,
                      bi,
                      block,
                      lo,
                      hi,
                      f ? Scratch.get().d0 : null,
                      f ? null : Scratch.get().l0);
                  parts.put(lo, acc);
                });
            for (Acc p : parts.values()) {
              total.combine(p);
            }
            total.store(so, to, bo);
          });
      return;
    }
    if (rowsOfColumns && columnwise(op)) {
      // the kept elements are contiguous and the reduced axes outside them (sum over axis 0): fold
      // whole rows
      // into a row of accumulators, so every load is a contiguous run
      columns(
          op,
          so,
          to,
          out.offset(),
          kept.strides()[1][0],
          si,
          typed,
          ti,
          in.offset(),
          kept.shape()[0],
          block);
      return;
    }
    // many outputs: one task folds whole blocks
    // (no per-output garbage: fresh young-generation pages cost a page fault each, more than a
    // short row's sum)
    boolean inPlace =
        direct != null && block.ndim() > 0 && block.strides()[0][block.ndim() - 1] == 1;
    Loop.split(
        outputs,
        Math.max(1, Loop.PARALLEL_MIN / Math.max(1, blockSize)),
        (lo, hi) -> {
          double[] d = f && !inPlace ? Scratch.get().d0 : null;
          long[] l = f ? null : Scratch.get().l0;
          Acc acc = new Acc(op, f, rounding);
          for (long o = lo; o < hi; o++) {
            acc.reset();
            fold(acc, si, direct, ti, offsetOf(kept, 0, in.offset(), o), block, 0, blockSize, d, l);
            acc.store(so, to, offsetOf(kept, 1, out.offset(), o));
          }
        });
  }

  /**
   * The offset of every element of a one-operand layout, in C order (in this thread's scratch: its
   * first size).
   */
  private static long[] offsets(Strided.Layout block, long base) {
    int n = (int) block.size();
    long[] r = Scratch.get().longs(2, n);
    int nd = block.ndim();
    long[] idx = new long[nd];
    long at = base;
    for (int k = 0; k < n; k++) {
      r[k] = at;
      for (int d = nd - 1; d >= 0; d--) {
        idx[d]++;
        at += block.strides()[0][d];
        if (idx[d] < block.shape()[d]) {
          break;
        }
        at -= block.strides()[0][d] * block.shape()[d];
        idx[d] = 0;
      }
    }
    return r;
  }

  /**
   * Whether the input's innermost axis (the smallest non-zero stride among axes longer than 1, as
   * NumPy's iterator orders them) is kept: NumPy's inner loop then runs along the output, as an
   * elementwise loop.
   */
  private static boolean innermostKept(View in, int[] axes) {
    int inner = -1;
    for (int d = 0; d < in.ndim(); d++) {
      long st = Math.abs(in.strides()[d]);
      if (in.shape()[d] > 1 && st != 0 && (inner < 0 || st <= Math.abs(in.strides()[inner]))) {
        inner = d;
      }
    }
    for (int a : axes) {
      if (a == inner) {
        return false;
      }
    }
    return inner >= 0;
  }

  private static boolean columnwise(ReduceOp op) {
    return op == ReduceOp.SUM || op == ReduceOp.PROD || op == ReduceOp.MIN || op == ReduceOp.MAX;
  }

  /**
   * {@code out[j] = op over r of in[base_r + j]} for j in [0, width): cores take column tiles of
   * {@link Loop#CHUNK}; each tile folds the same columns of every reduced position in C order (sums
   * in double, or in long for integers, as NumPy adds rows one after another).
   */
  private static void columns(
      ReduceOp op,
      MemorySegment so,
      DType to,
      long outBase,
      long outStride,
      MemorySegment si,
      Object typed,
      DType ti,
      long inBase,
      long width,
      Strided.Layout block) {
    long[] bases = offsets(block, inBase);
    int rows = (int) block.size();
    double[] doubles = typed instanceof double[] d ? d : null;
    if (op == ReduceOp.SUM
        && doubles != null
        && width <= MAX_TILE
        && rows >= 4 * Loop.CORES
        && (long) rows * width >= Loop.PARALLEL_MIN) {
      rowBands(so, to, outBase, outStride, doubles, (int) width, bases, rows);
      return;
    }
    boolean f = ti.isFloat();
    int tw = tileWidth(width);
    long tiles = (width + tw - 1) / tw;
    Loop.split(
        tiles,
        Math.max(1, Loop.PARALLEL_MIN / Math.max(1, (long) rows * tw)),
        (lo, hi) -> {
          Scratch sc = Scratch.get();
          double[] accD = f ? sc.doubles(0, tw) : null;
          double[] rowD = f ? sc.doubles(1, tw) : null;
          long[] accL = f ? null : sc.longs(0, tw);
          long[] rowL = f ? null : sc.longs(1, tw);
          for (long tile = lo; tile < hi; tile++) {
            long c0 = tile * tw;
            int n = (int) Math.min(tw, width - c0);
            for (int r = 0; r < rows; r++) {
              if (doubles != null && r > 0 && op == ReduceOp.SUM) {
                // row 0 seeded the accumulators; the rest are added in place, four rows per pass
                VectorSums.addRows(accD, doubles, bases, c0, r, rows, n);
                break;
              } else if (doubles != null) {
                System.arraycopy(doubles, (int) (bases[r] + c0), r == 0 ? accD : rowD, 0, n);
                if (r > 0) {
                  foldColumns(op, accD, rowD, n, ti);
                }
              } else if (f) {
                Access.loadD(si, ti, bases[r] + c0, 1, n, r == 0 ? accD : rowD);
                if (r > 0) {
                  foldColumns(op, accD, rowD, n, ti);
                }
              } else {
                Access.loadL(si, ti, bases[r] + c0, 1, n, r == 0 ? accL : rowL);
                if (ordered(op, ti)) {
                  Access.orderUnsigned(ti, r == 0 ? accL : rowL, n);
                }
                if (r > 0) {
                  foldColumns(op, accL, rowL, n);
                }
              }
            }
            if (f) {
              Access.storeD(so, to, outBase + c0 * outStride, outStride, n, accD);
            } else {
              if (ordered(op, ti)) {
                Access.orderUnsigned(ti, accL, n);
              }
              Access.storeL(so, to, outBase + c0 * outStride, outStride, n, accL);
            }
          }
        });
  }

  /**
   * float64 sums over outer axes of rows narrow enough for one tile: each core adds a band of whole
   * rows into its own row of accumulators (every load is then one long run), and the bands' sums
   * are added in order.
   */
  private static void rowBands(
      MemorySegment so,
      DType to,
      long outBase,
      long outStride,
      double[] x,
      int width,
      long[] bases,
      int rows) {
    int parts = Loop.CORES;
    double[] bands = Scratch.get().doubles(2, parts * width);
    Workers.run(
        parts,
        p -> {
          double[] acc = Scratch.get().doubles(0, width);
          int r0 = (int) ((long) rows * p / parts);
          int r1 = (int) ((long) rows * (p + 1) / parts);
          System.arraycopy(x, (int) bases[r0], acc, 0, width);
          VectorSums.addRows(acc, x, bases, 0, r0 + 1, r1, width);
          System.arraycopy(acc, 0, bands, p * width, width);
        });
    // once per call: too rare for C2, and the Vector API outside C2 boxes every vector
    for (int p = 1; p < parts; p++) {
      int at = p * width;
      for (int i = 0; i < width; i++) {
        bands[i] += bands[at + i];
      }
    }
    Access.storeD(so, to, outBase, outStride, width, bands);
  }

  /**
   * Columns per tile: one tile per core when rows are short (each row's part is then read as one
   * run, which the hardware prefetches), at most 16384 so a tile's accumulators stay in cache.
   */
  private static final int MAX_TILE = 16384;

  private static int tileWidth(long width) {
    return (int) Math.max(256, Math.min(MAX_TILE, (width + Loop.CORES - 1) / Loop.CORES));
  }

  /**
   * Folds a row into the accumulators. Products round in the input's dtype t at each step, as
   * NumPy's elementwise multiply loop does when it multiplies rows into the output (float16 to half
   * here, unlike a line's product, which NumPy keeps in float).
   */
  private static void foldColumns(ReduceOp op, double[] acc, double[] x, int n, DType t) {
    switch (op) {
      case SUM -> {
        for (int i = 0; i < n; i++) {
          acc[i] += x[i];
        }
      }
      case PROD -> {
        if (t == DType.FLOAT32) {
          for (int i = 0; i < n; i++) {
            acc[i] = (float) (acc[i] * x[i]);
          }
        } else if (t == DType.FLOAT16) {
          for (int i = 0; i < n; i++) {
            acc[i] = Float16.toDouble(Float16.fromDouble((float) (acc[i] * x[i])));
          }
        } else {
          for (int i = 0; i < n; i++) {
            acc[i] *= x[i];
          }
        }
      }
      case MIN -> {
        for (int i = 0; i < n; i++) {
          double v = x[i];
          acc[i] = v < acc[i] || v != v ? v : acc[i];
        }
      }
      default -> {
        for (int i = 0; i < n; i++) {
          double v = x[i];
          acc[i] = v > acc[i] || v != v ? v : acc[i];
        }
      }
    }
  }

  private static void foldColumns(ReduceOp op, long[] acc, long[] x, int n) {
    switch (op) {
      case SUM -> {
        for (int i = 0; i < n; i++) {
          acc[i] += x[i];
        }
      }
      case PROD -> {
        for (int i = 0; i < n; i++) {
          acc[i] *= x[i];
        }
      }
      case MIN -> {
        for (int i = 0; i < n; i++) {
          acc[i] = Math.min(acc[i], x[i]);
        }
      }
      default -> {
        for (int i = 0; i < n; i++) {
          acc[i] = Math.max(acc[i], x[i]);
        }
      }
    }
  }

  private interface PairVisitor {
    void visit(long inOffset, long outOffset);
  }

  private static void forEachIndex(Strided.Layout kept, long inBase, long outBase, PairVisitor v) {
    long[][] idx = enumerate(kept, inBase, outBase);
    for (int i = 0; i < idx[0].length; i++) {
      v.visit(idx[0][i], idx[1][i]);
    }
  }

  /** Input and output element offsets of every output element, in C order. */
  /** Operand k's offset of the o-th position (C order) of a layout. */
  private static long offsetOf(Strided.Layout kept, int k, long base, long o) {
    long at = base;
    for (int d = kept.ndim() - 1; d >= 0; d--) {
      long n = kept.shape()[d];
      at += (o % n) * kept.strides()[k][d];
      o /= n;
    }
    return at;
  }

  public static long[][] enumerate(Strided.Layout kept, long inBase, long outBase) {
    int n = (int) kept.size();
    long[] ins = new long[n];
    long[] outs = new long[n];
    int nd = kept.ndim();
    long[] idx = new long[nd];
    long bi = inBase;
    long bo = outBase;
    for (int k = 0; k < n; k++) {
      ins[k] = bi;
      outs[k] = bo;
      for (int d = nd - 1; d >= 0; d--) {
        idx[d]++;
        bi += kept.strides()[0][d];
        bo += kept.strides()[1][d];
        if (idx[d] < kept.shape()[d]) {
          break;
        }
        bi -= kept.strides()[0][d] * kept.shape()[d];
        bo -= kept.strides()[1][d] * kept.shape()[d];
        idx[d] = 0;
      }
    }
    return new long[][] {ins, outs};
  }

  /**
   * Folds elements {@code [lo, hi)} (C order within the block) of the block starting at {@code
   * base}, through the caller's scratch run ({@code d} for floats, {@code l} for integers).
   */
  private static void fold(
      Acc acc,
      MemorySegment s,
      Object direct,
      DType t,
      long base,
      Strided.Layout block,
      long lo,
      long hi,
      double[] d,
      long[] l) {
    int nd = block.ndim();
    if (hi <= lo) {
      return;
    }
    boolean flip = ordered(acc.op, t);
    if (nd == 0) {
      load(s, t, base, 0, 1, d, l, flip);
      foldRun(acc, d, l, 1, 0);
      return;
    }
    long len = block.shape()[nd - 1];
    long inner = block.strides()[0][nd - 1];
    long pos = lo;
    while (pos < hi) {
      long row = pos / len;
      long col = pos % len;
      long off = base;
      long r = row;
      for (int dd = nd - 2; dd >= 0; dd--) {
        off += (r % block.shape()[dd]) * block.strides()[0][dd];
        r /= block.shape()[dd];
      }
      long n = Math.min(len - col, hi - pos);
      if (direct != null && inner == 1) {
        // one pairwise sum (or max, min) of the whole run, in place
        if (acc.op == ReduceOp.SUM) {
          acc.sum(direct, (int) (off + col), (int) n);
        } else {
          acc.extreme(direct, (int) (off + col), (int) n);
        }
        pos += n;
        continue;
      }
      for (long c = 0; c < n; c += Loop.CHUNK) {
        int m = (int) Math.min(Loop.CHUNK, n - c);
        load(s, t, off + (col + c) * inner, inner, m, d, l, flip);
        foldRun(acc, d, l, m, pos + c);
      }
      if (acc.rounding == Acc.HALF_LINES && col + n == len) {
        acc.d = Float16.toDouble(Float16.fromDouble(acc.d)); // a line's end: stored as half
      }
      pos += n;
    }
  }

  private static void load(
      MemorySegment s, DType t, long pos, long stride, int n, double[] d, long[] l, boolean flip) {
    if (d != null) {
      Access.loadD(s, t, pos, stride, n, d);
    } else {
      Access.loadL(s, t, pos, stride, n, l);
      if (flip) {
        Access.orderUnsigned(t, l, n);
      }
    }
  }

  /**
   * Whether {@code op} orders values of {@code t} that a long holds unsigned (uint64): its folds
   * then run on the bits with the sign bit flipped, where signed order is unsigned order, and flip
   * it back as they store.
   */
  private static boolean ordered(ReduceOp op, DType t) {
    return t.isUnsigned64()
        && (op == ReduceOp.MIN
            || op == ReduceOp.MAX
            || op == ReduceOp.ARGMIN
            || op == ReduceOp.ARGMAX);
  }

  private static void foldRun(Acc acc, double[] d, long[] l, int n, long pos) {
    if (d != null) {
      acc.foldD(d, n, pos);
    } else {
      acc.foldL(l, n, pos);
    }
  }
}
