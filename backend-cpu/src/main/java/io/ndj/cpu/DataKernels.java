package io.ndj.cpu;

import static io.ndj.cpu.memory.Layouts.JAVA_INT;
import static io.ndj.cpu.memory.Layouts.JAVA_LONG;
import static io.ndj.cpu.memory.Layouts.JAVA_SHORT;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import io.ndj.DType;
import io.ndj.cpu.memory.Access;
import io.ndj.cpu.memory.CpuBuffer;
import io.ndj.cpu.memory.Layouts;
import io.ndj.cpu.memory.Scratch;
import io.ndj.cpu.sort.CountingSort;
import io.ndj.cpu.sort.LongLineSort;
import io.ndj.cpu.sort.Radix;
import io.ndj.cpu.sort.Select;
import io.ndj.cpu.sort.SplitSort;
import io.ndj.cpu.sort.SplitSort32;
import io.ndj.spi.Float16;
import io.ndj.spi.Pcg128;
import io.ndj.spi.ScanOp;
import io.ndj.spi.View;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.function.LongToDoubleFunction;
import java.util.function.LongUnaryOperator;

/** Gather/scatter, nonzero, scans, sorting, searchsorted and random bits. */
public final class DataKernels {
  private DataKernels() {}

  public static MemorySegment seg(View v) {
    return ((CpuBuffer) v.buffer()).segment();
  }

  /** The row views of a {@code (n, rest...)} view: shape rest, strides rest. */
  private static long[] rest(long[] a) {
    return Arrays.copyOfRange(a, 1, a.length);
  }

  static void gather(CpuKernels k, View out, View in, View indices) {
    if (gatherTyped(out, in, indices)) {
      return;
    }
    LongUnaryOperator idx = indexReader(indices);
    int nb = indices.ndim();
    long[] restShape = rest(in.shape());
    long[] inRest = rest(in.strides());
    long[] outRest = Arrays.copyOfRange(out.strides(), nb, out.ndim());
    long[] outLead = Arrays.copyOfRange(out.strides(), 0, nb);
    long[] bShape = indices.shape();
    if (restShape.length == 0) {
      // rows are single elements: copy them directly
      MemorySegment so = seg(out);
      MemorySegment si = seg(in);
      int size = in.dtype().itemsize();
      if (nb == 1) {
        gatherElements(
            so,
            out.offset(),
            out.strides()[0],
            si,
            in.offset(),
            in.strides()[0],
            idx,
            indices.size(),
            size);
        return;
      }
      forEachPosition(
          bShape,
          outLead,
          out.offset(),
          (p, outOff) ->
              Access.copyRaw(
                  so,
                  outOff,
                  1,
                  si,
                  in.offset() + idx.applyAsLong(p) * in.strides()[0],
                  1,
                  1,
                  size));
      return;
    }
    forEachPosition(
        bShape,
        outLead,
        out.offset(),
        (p, outOff) -> {
          View src =
              new View(
                  in.buffer(),
                  in.dtype(),
                  restShape,
                  inRest,
                  in.offset() + idx.applyAsLong(p) * in.strides()[0]);
          View dst = new View(out.buffer(), out.dtype(), restShape, outRest, outOff);
          k.copy(dst, src);
        });
  }

  /**
   * {@code out[j] = in[idx[j]]} straight between the buffers' own arrays (double[], float[], int[]
   * or long[] of one kind, the indices' long[]) when the index list is 1-d and contiguous, in a 1-d
   * view and out contiguous: no copy of the indices (40 MB for x[x > 0.5] of 1e7 elements, a fresh
   * array each time) and no segment access per element. Says whether it applied.
   */
  private static boolean gatherTyped(View out, View in, View indices) {
    long[] idx = CpuBuffer.longs(indices.buffer());
    if (idx == null
        || indices.dtype() != DType.INT64
        || indices.ndim() != 1
        || in.ndim() != 1
        || !indices.isContiguous()
        || !out.isContiguous()
        || out.ndim() != 1
        || indices.offset() + indices.size() > Integer.MAX_VALUE
        || out.offset() + out.size() > Integer.MAX_VALUE
        || in.dtype() != out.dtype()) {
      return false;
    }
    Object src = ((CpuBuffer) in.buffer()).array();
    Object dst = ((CpuBuffer) out.buffer()).array();
    // the arrays' elements must be the dtype's size (views index them in its units)
    int size =
        src instanceof double[] || src instanceof long[]
            ? 8
            : src instanceof float[] || src instanceof int[] ? 4 : 0;
    if (dst == null || src.getClass() != dst.getClass() || size != in.dtype().itemsize()) {
      return false;
    }
    int ib = (int) indices.offset();
    int ob = (int) out.offset();
    long io = in.offset();
    long is = in.strides()[0];
    Loop.split(
        indices.size(),
        Loop.PARALLEL_MIN,
        (lo, hi) -> {
          switch (src) {
            case double[] x -> {
              double[] o = (double[]) dst;
              for (int j = (int) lo; j < hi; j++) {
                o[ob + j] = x[(int) (io + idx[ib + j] * is)];
              }
            }
            case float[] x -> {
              float[] o = (float[]) dst;
              for (int j = (int) lo; j < hi; j++) {
                o[ob + j] = x[(int) (io + idx[ib + j] * is)];
              }
            }
            case int[] x -> {
              int[] o = (int[]) dst;
              for (int j = (int) lo; j < hi; j++) {
                o[ob + j] = x[(int) (io + idx[ib + j] * is)];
              }
            }
            default -> {
              long[] x = (long[]) src;
              long[] o = (long[]) dst;
              for (int j = (int) lo; j < hi; j++) {
                o[ob + j] = x[(int) (io + idx[ib + j] * is)];
              }
            }
          }
        });
    return true;
  }

  /** {@code out[j] = in[idx[j]]} for 1-d index lists, one typed load and store per element. */
  private static void gatherElements(
      MemorySegment so,
      long oo,
      long os,
      MemorySegment si,
      long io,
      long is,
      LongUnaryOperator idx,
      long n,
      int size) {
    Loop.split(
        n,
        Loop.PARALLEL_MIN,
        (lo, hi) -> {
          for (long j = lo; j < hi; j++) {
            long src = io + idx.applyAsLong(j) * is;
            long dst = oo + j * os;
            switch (size) {
              case 8 -> so.setAtIndex(JAVA_LONG, dst, si.getAtIndex(JAVA_LONG, src));
              case 4 -> so.setAtIndex(JAVA_INT, dst, si.getAtIndex(JAVA_INT, src));
              case 2 -> so.setAtIndex(JAVA_SHORT, dst, si.getAtIndex(JAVA_SHORT, src));
              default -> so.set(JAVA_BYTE, dst, si.get(JAVA_BYTE, src));
            }
          }
        });
  }

  static void scatter(CpuKernels k, View target, View indices, View values) {
    LongUnaryOperator idx = indexReader(indices);
    int nb = indices.ndim();
    long[] restShape = rest(target.shape());
    long[] tRest = rest(target.strides());
    long[] vRest = Arrays.copyOfRange(values.strides(), nb, values.ndim());
    long[] vLead = Arrays.copyOfRange(values.strides(), 0, nb);
    if (restShape.length == 0) {
      MemorySegment st = seg(target);
      MemorySegment sv = seg(values);
      int size = target.dtype().itemsize();
      forEachPosition(
          indices.shape(),
          vLead,
          values.offset(),
          (p, vOff) ->
              Access.copyRaw(
                  st,
                  target.offset() + idx.applyAsLong(p) * target.strides()[0],
                  1,
                  sv,
                  vOff,
                  1,
                  1,
                  size));
      return;
    }
    forEachPosition(
        indices.shape(),
        vLead,
        values.offset(),
        (p, vOff) -> {
          View dst =
              new View(
                  target.buffer(),
                  target.dtype(),
                  restShape,
                  tRest,
                  target.offset() + idx.applyAsLong(p) * target.strides()[0]);
          View src = new View(values.buffer(), values.dtype(), restShape, vRest, vOff);
          k.copy(dst, src);
        });
  }

  private interface PositionVisitor {
    void visit(long linear, long offset);
  }

  /**
   * C-order positions of {@code shape}, with the matching offset under {@code strides}; sequential.
   */
  private static void forEachPosition(long[] shape, long[] strides, long base, PositionVisitor v) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    long[] i = new long[shape.length];
    long off = base;
    for (long p = 0; p < n; p++) {
      v.visit(p, off);
      for (int d = shape.length - 1; d >= 0; d--) {
        i[d]++;
        off += strides[d];
        if (i[d] < shape[d]) {
          break;
        }
        off -= strides[d] * shape[d];
        i[d] = 0;
      }
    }
  }

  /**
   * The elements of an int64 index view by C-order position: from a Java array when they fit in one
   * (as long as {@link LongLineSort#FROM}), else read from the segment.
   */
  private static LongUnaryOperator indexReader(View v) {
    if (v.size() <= LongLineSort.FROM) {
      long[] r = readIndices(v);
      return p -> r[(int) p];
    }
    MemorySegment s = seg(v);
    long[] shape = v.shape();
    long[] strides = v.strides();
    long base = v.offset();
    return p -> {
      long o = base;
      long q = p;
      for (int d = shape.length - 1; d >= 0; d--) {
        o += q % shape[d] * strides[d];
        q /= shape[d];
      }
      return s.getAtIndex(JAVA_LONG, o);
    };
  }

  /** An int64 index view read into a Java array, in C order. */
  private static long[] readIndices(View v) {
    long n = v.size();
    long[] r = new long[(int) n];
    MemorySegment s = seg(v);
    if (v.isContiguous()) {
      MemorySegment.copy(s, JAVA_LONG, v.offset() * 8, r, 0, (int) n);
      return r;
    }
    forEachPosition(
        v.shape(),
        v.strides(),
        v.offset(),
        (p, off) -> r[(int) p] = s.getAtIndex(Layouts.JAVA_LONG, off));
    return r;
  }

  static void nonzero(View out, View in) {
    MemorySegment si = seg(in);
    MemorySegment so = seg(out);
    int nd = in.ndim();
    long[] shape = in.shape();
    if (in.dtype() == DType.BOOL && in.isContiguous() && out.isContiguous()) {
      // in blocks on all cores: each block's true count first, then each block writes from its
      // place
      long n = in.size();
      int blocks = (int) Math.max(1, Math.min(256, n / (1 << 20)));
      long per = (n + blocks - 1) / blocks;
      long[] starts = new long[blocks + 1];
      Loop.split(
          blocks,
          1,
          (lo, hi) -> {
            byte[] bytes = new byte[Loop.CHUNK];
            for (long b = lo; b < hi; b++) {
              long count = 0;
              for (long c = b * per; c < Math.min(n, (b + 1) * per); c += Loop.CHUNK) {
                int m = (int) Math.min(Loop.CHUNK, Math.min(n, (b + 1) * per) - c);
                MemorySegment.copy(si, JAVA_BYTE, in.offset() + c, bytes, 0, m);
                for (int j = 0; j < m; j++) {
                  count += bytes[j] != 0 ? 1 : 0;
                }
              }
              starts[(int) b + 1] = count;
            }
          });
      for (int b = 0; b < blocks; b++) {
        starts[b + 1] += starts[b];
      }
      Loop.split(
          blocks,
          1,
          (lo, hi) -> {
            for (long b = lo; b < hi; b++) {
              long end = Math.min(n, (b + 1) * per);
              nonzeroRun(
                  si, in.offset(), b * per, end, so, out.offset() + starts[(int) b] * nd, shape);
            }
          });
      return;
    }
    long[] row = new long[1];
    long[] one = new long[1];
    double[] oneD = new double[1];
    long[] idx = new long[nd];
    forEachPosition(
        shape,
        in.strides(),
        in.offset(),
        (p, off) -> {
          boolean nz;
          if (in.dtype().isFloat()) {
            Access.loadD(si, in.dtype(), off, 1, 1, oneD);
            nz = oneD[0] != 0 || oneD[0] != oneD[0];
          } else {
            Access.loadL(si, in.dtype(), off, 1, 1, one);
            nz = one[0] != 0;
          }
          if (nz) {
            long q = p;
            for (int d = nd - 1; d >= 0; d--) {
              idx[d] = q % shape[d];
              q /= shape[d];
            }
            for (int d = 0; d < nd; d++) {
              long o = out.offset() + row[0] * out.strides()[0] + d * out.strides()[1];
              so.setAtIndex(Layouts.JAVA_LONG, o, idx[d]);
            }
            row[0]++;
          }
        });
  }

  /**
   * The coordinates of the true bytes of a contiguous bool array among flat positions [from, to),
   * written in C order from {@code o} (in elements of out). Every position is written and the
   * cursor moves only past true ones (no branch to mispredict on random masks); then the flat
   * positions become coordinates.
   */
  private static void nonzeroRun(
      MemorySegment si, long inOffset, long from, long to, MemorySegment so, long o, long[] shape) {
    int nd = shape.length;
    byte[] bytes = new byte[Loop.CHUNK];
    long[] flat = new long[Loop.CHUNK];
    for (long c = from; c < to; c += Loop.CHUNK) {
      int m = (int) Math.min(Loop.CHUNK, to - c);
      MemorySegment.copy(si, JAVA_BYTE, inOffset + c, bytes, 0, m);
      int k = 0;
      for (int j = 0; j < m; j++) {
        flat[k] = c + j;
        k += bytes[j] != 0 ? 1 : 0;
      }
      if (nd == 1) {
        MemorySegment.copy(flat, 0, so, JAVA_LONG, o * 8, k);
        o += k;
        continue;
      }
      for (int j = 0; j < k; j++) {
        long q = flat[j];
        for (int d = nd - 1; d >= 0; d--) {
          so.setAtIndex(JAVA_LONG, o + j * nd + d, q % shape[d]);
          q /= shape[d];
        }
      }
      o += (long) k * nd;
    }
  }

  /**
   * What a kernel over the lines along one axis needs: both segments and dtypes, the length, both
   * strides.
   */
  private record Axis(
      MemorySegment so, MemorySegment si, DType to, DType ti, int n, long sOut, long sIn) {
    static Axis of(View out, View in, int axis) {
      return new Axis(
          seg(out),
          seg(in),
          out.dtype(),
          in.dtype(),
          Math.toIntExact(in.shape()[axis]), // longer lines go to LongLineSort
          out.strides()[axis],
          in.strides()[axis]);
    }
  }

  /**
   * Cumulative sums and products along lines of any length, a chunk at a time with the running
   * value carried.
   */
  static void scan(ScanOp op, View out, View in, int axis) {
    MemorySegment so = seg(out);
    MemorySegment si = seg(in);
    DType ti = in.dtype();
    DType to = out.dtype();
    long n = in.shape()[axis];
    long sIn = in.strides()[axis];
    long sOut = out.strides()[axis];
    boolean prod = op == ScanOp.CUMPROD;
    int chunk = (int) Math.min(n, 1 << 16);
    Lines.forEachLine(
        out,
        in,
        axis,
        () -> {
          double[] d = to.isFloat() ? new double[chunk] : null;
          long[] l = to.isFloat() ? null : new long[chunk];
          return (ob, ib) -> {
            double accD = prod ? 1 : 0;
            long accL = prod ? 1 : 0;
            for (long j0 = 0; j0 < n; j0 += chunk) {
              int c = (int) Math.min(chunk, n - j0);
              if (to.isFloat()) {
                Access.loadD(si, ti, ib + j0 * sIn, sIn, c, d);
                for (int j = 0; j < c; j++) {
                  // round every partial to the output's precision, as NumPy's float32/float16 loops
                  // do
                  accD = round(prod ? accD * d[j] : accD + d[j], to);
                  d[j] = accD;
                }
                Access.storeD(so, to, ob + j0 * sOut, sOut, c, d);
              } else {
                Access.loadL(si, ti, ib + j0 * sIn, sIn, c, l);
                for (int j = 0; j < c; j++) {
                  accL = prod ? accL * l[j] : accL + l[j];
                  l[j] = accL;
                }
                Access.storeL(so, to, ob + j0 * sOut, sOut, c, l);
              }
            }
          };
        });
  }

  private static double round(double v, DType t) {
    return switch (t) {
      case FLOAT32 -> (float) v;
      case FLOAT16 -> Float16.toDouble(Float16.fromDouble(v));
      default -> v;
    };
  }

  /** Total order with NaN last (NumPy's sort order). */
  static int compare(double a, double b) {
    if (a < b) {
      return -1;
    }
    if (a > b) {
      return 1;
    }
    boolean na = a != a;
    boolean nb = b != b;
    return na == nb ? 0 : na ? 1 : -1;
  }

  static void sort(View out, View in, int axis) {
    if (CountingSort.applies(in.dtype(), in.shape()[axis])) {
      CountingSort.sort(seg(out), seg(in), out, in, axis);
      return;
    }
    if (LongLineSort.applies(in.shape()[axis])) {
      LongLineSort.sort(out, in, axis);
      return;
    }
    Axis x = Axis.of(out, in, axis);
    DType t = x.ti();
    int n = x.n();
    boolean bits32 = t == DType.FLOAT32 || t == DType.INT32;
    boolean bits64 = t == DType.FLOAT64 || t == DType.INT64;
    Lines.forEach(
        out,
        in,
        axis,
        (ob, ib, s) -> {
          if (n >= Radix.MIN && bits32) {
            // the raw bits radix-sorted as keys of their own width, no conversion to double or long
            SplitSort32.sort(
                x.si(), ib, x.sIn(), x.so(), ob, x.sOut(), n, t.isFloat(), s.i1(), s.i2());
          } else if (n >= Radix.MIN && bits64) {
            SplitSort.sort(
                x.si(), ib, x.sIn(), x.so(), ob, x.sOut(), n, t.isFloat(), s.l(), s.l2());
          } else if (t.isFloat()) {
            double[] d = s.d();
            Access.loadD(x.si(), t, ib, x.sIn(), n, d);
            if (n >= Radix.MIN) {
              long[] keys = s.l();
              Radix.floatKeys(d, n, t, false, keys);
              Radix.sort(keys, null, n, Radix.keyBits(t), s.l2(), null);
              for (int j = 0; j < n; j++) {
                d[j] = Radix.floatValue(keys[j], t);
              }
            } else {
              Arrays.sort(d, 0, n); // NaN last; -0.0 before 0.0
            }
            Access.storeD(x.so(), t, ob, x.sOut(), n, d);
          } else {
            long[] l = s.l();
            Access.loadL(x.si(), t, ib, x.sIn(), n, l);
            Access.orderUnsigned(t, l, n);
            Arrays.sort(l, 0, n);
            Access.orderUnsigned(t, l, n);
            Access.storeL(x.so(), t, ob, x.sOut(), n, l);
          }
        });
  }

  /**
   * See {@link io.ndj.spi.Kernels#partition}: each line as doubles (floats: NaN last, -0.0 equal to
   * 0.0, as NumPy compares) or longs, selected by {@link Select}, written back. Lines past one Java
   * array are left to the sort.
   */
  static boolean partition(View out, View in, int axis, long[] kth) {
    if (in.shape()[axis] > Integer.MAX_VALUE - 8) {
      return false;
    }
    Axis x = Axis.of(out, in, axis);
    DType t = x.ti();
    int n = x.n();
    Lines.forEach(
        out,
        in,
        axis,
        (ob, ib, s) -> {
          if (t.isFloat()) {
            double[] d = s.d();
            Access.loadD(x.si(), t, ib, x.sIn(), n, d);
            Select.select(d, n, kth);
            Access.storeD(x.so(), t, ob, x.sOut(), n, d);
          } else {
            long[] l = s.l();
            Access.loadL(x.si(), t, ib, x.sIn(), n, l);
            Access.orderUnsigned(t, l, n);
            Select.select(l, n, kth);
            Access.orderUnsigned(t, l, n);
            Access.storeL(x.so(), t, ob, x.sOut(), n, l);
          }
        });
    return true;
  }

  static void argsort(View out, View in, int axis) {
    if (LongLineSort.applies(in.shape()[axis])) {
      LongLineSort.argsort(out, in, axis);
      return;
    }
    Axis x = Axis.of(out, in, axis);
    DType t = x.ti();
    int n = x.n();
    Lines.forEach(
        out,
        in,
        axis,
        (ob, ib, s) -> {
          if (t.isFloat()) {
            Access.loadD(x.si(), t, ib, x.sIn(), n, s.d());
          } else {
            Access.loadL(x.si(), t, ib, x.sIn(), n, s.l());
            Access.orderUnsigned(t, s.l(), n);
          }
          long[] idx = s.idx();
          if (n >= Radix.MIN) {
            long[] keys = s.l();
            if (t.isFloat()) {
              Radix.floatKeys(s.d(), n, t, true, keys);
            } else {
              Radix.intKeys(keys, n, t, keys);
            }
            int[] perm = s.i1();
            for (int j = 0; j < n; j++) {
              perm[j] = j;
            }
            Radix.sort(keys, perm, n, Radix.keyBits(t), s.l2(), s.i2());
            for (int j = 0; j < n; j++) {
              idx[j] = perm[j];
            }
          } else {
            for (int j = 0; j < n; j++) {
              idx[j] = j;
            }
            mergeSort(idx, new long[n], 0, n, t.isFloat() ? s.d() : null, s.l());
          }
          Access.storeL(x.so(), DType.INT64, ob, x.sOut(), n, idx);
        });
  }

  /** Stable merge sort of indices by their keys (double keys with NaN last, or long keys). */
  private static void mergeSort(long[] idx, long[] tmp, int lo, int hi, double[] d, long[] l) {
    if (hi - lo < 2) {
      return;
    }
    if (hi - lo <= 16) {
      for (int i = lo + 1; i < hi; i++) {
        long x = idx[i];
        int j = i - 1;
        while (j >= lo && cmp(idx[j], x, d, l) > 0) {
          idx[j + 1] = idx[j];
          j--;
        }
        idx[j + 1] = x;
      }
      return;
    }
    int mid = (lo + hi) >>> 1;
    mergeSort(idx, tmp, lo, mid, d, l);
    mergeSort(idx, tmp, mid, hi, d, l);
    if (cmp(idx[mid - 1], idx[mid], d, l) <= 0) {
      return;
    }
    System.arraycopy(idx, lo, tmp, lo, hi - lo);
    int i = lo;
    int j = mid;
    for (int k = lo; k < hi; k++) {
      if (j >= hi || (i < mid && cmp(tmp[i], tmp[j], d, l) <= 0)) {
        idx[k] = tmp[i++];
      } else {
        idx[k] = tmp[j++];
      }
    }
  }

  private static int cmp(long i, long j, double[] d, long[] l) {
    return d != null ? compare(d[(int) i], d[(int) j]) : Long.compare(l[(int) i], l[(int) j]);
  }

  /** Integer order of dtype t: unsigned for uint64's bits. */
  private static int compare(DType t, long a, long b) {
    return t.isUnsigned64() ? Long.compareUnsigned(a, b) : Long.compare(a, b);
  }

  static void searchsorted(View out, View sorted, View values, boolean right) {
    MemorySegment ss = seg(sorted);
    MemorySegment sv = seg(values);
    MemorySegment so = seg(out);
    DType t = sorted.dtype();
    long n = sorted.shape()[0];
    long base = sorted.offset();
    long stride = sorted.strides()[0];
    if (n <= LongLineSort.FROM && values.isContiguous() && out.isContiguous()) {
      searchContiguous(out, sorted, values, right, ss, t, base, stride, (int) n);
      return;
    }
    // the sorted keys in a Java array when they fit (as long as LongLineSort.FROM), else read where
    // they are
    LongToDoubleFunction keyD = null;
    LongUnaryOperator keyL = null;
    if (n <= LongLineSort.FROM) {
      if (t.isFloat()) {
        double[] keys = new double[(int) n];
        Access.loadD(ss, t, base, stride, (int) n, keys);
        keyD = i -> keys[(int) i];
      } else {
        long[] keys = new long[(int) n];
        Access.loadL(ss, t, base, stride, (int) n, keys);
        keyL = i -> keys[(int) i];
      }
    } else {
      double[] oneD = new double[1];
      long[] oneL = new long[1];
      keyD =
          i -> {
            Access.loadD(ss, t, base + i * stride, 1, 1, oneD);
            return oneD[0];
          };
      keyL =
          i -> {
            Access.loadL(ss, t, base + i * stride, 1, 1, oneL);
            return oneL[0];
          };
    }
    LongToDoubleFunction kd = keyD;
    LongUnaryOperator kl = keyL;
    double[] vd = new double[1];
    long[] vl = new long[1];
    long[] res = new long[1];
    long[] outStrides = out.strides();
    forEachPosition(
        values.shape(),
        values.strides(),
        values.offset(),
        (p, off) -> {
          long lo = 0;
          long hi = n;
          if (t.isFloat()) {
            Access.loadD(sv, t, off, 1, 1, vd);
          } else {
            Access.loadL(sv, t, off, 1, 1, vl);
          }
          while (lo < hi) {
            long mid = (lo + hi) >>> 1;
            int c =
                t.isFloat()
                    ? compare(kd.applyAsDouble(mid), vd[0])
                    : compare(t, kl.applyAsLong(mid), vl[0]);
            if (right ? c <= 0 : c < 0) {
              lo = mid + 1;
            } else {
              hi = mid;
            }
          }
          res[0] = lo;
          long o = out.offset();
          long q = p;
          for (int d = outStrides.length - 1; d >= 0; d--) {
            o += (q % values.shape()[d]) * outStrides[d];
            q /= values.shape()[d];
          }
          Access.storeL(so, DType.INT64, o, 1, 1, res);
        });
  }

  /**
   * searchsorted of contiguous values into contiguous output, the keys in a Java array: values read
   * and positions written a chunk at a time, chunks in parallel (1e7 float64 into 11 edges: 540 ms
   * element by element, tens of ms this way).
   */
  private static void searchContiguous(
      View out,
      View sorted,
      View values,
      boolean right,
      MemorySegment ss,
      DType t,
      long base,
      long stride,
      int n) {
    MemorySegment sv = seg(values);
    MemorySegment so = seg(out);
    long total = 1;
    for (long d : values.shape()) {
      total *= d;
    }
    double[] keysD = t.isFloat() ? new double[n] : null;
    long[] keysL = t.isFloat() ? null : new long[n];
    if (t.isFloat()) {
      Access.loadD(ss, t, base, stride, n, keysD);
    } else {
      Access.loadL(ss, t, base, stride, n, keysL);
    }
    long vo = values.offset();
    long oo = out.offset();
    Loop.split(
        total,
        Loop.PARALLEL_MIN / 4,
        (lo, hi) -> {
          int chunk = 4096;
          double[] vd = t.isFloat() ? new double[chunk] : null;
          long[] vl = t.isFloat() ? null : new long[chunk];
          long[] res = new long[chunk];
          for (long at = lo; at < hi; at += chunk) {
            int m = (int) Math.min(chunk, hi - at);
            if (t.isFloat()) {
              Access.loadD(sv, t, vo + at, 1, m, vd);
              for (int j = 0; j < m; j++) {
                double v = vd[j];
                int a = 0;
                int b = n;
                while (a < b) {
                  int mid = (a + b) >>> 1;
                  int c = compare(keysD[mid], v);
                  if (right ? c <= 0 : c < 0) {
                    a = mid + 1;
                  } else {
                    b = mid;
                  }
                }
                res[j] = a;
              }
            } else {
              Access.loadL(sv, t, vo + at, 1, m, vl);
              for (int j = 0; j < m; j++) {
                long v = vl[j];
                int a = 0;
                int b = n;
                while (a < b) {
                  int mid = (a + b) >>> 1;
                  int c = compare(t, keysL[mid], v);
                  if (right ? c <= 0 : c < 0) {
                    a = mid + 1;
                  } else {
                    b = mid;
                  }
                }
                res[j] = a;
              }
            }
            Access.storeL(so, DType.INT64, oo + at, 1, m, res);
          }
        });
  }

  /**
   * NumPy's histogram counts of contiguous x in one pass: each value's bin from its place between
   * the first and last edge, moved by a step where it falls the other side of an edge (as NumPy's
   * own uniform-bins path corrects it), counts per thread, added at the end.
   */
  static void histogram(View counts, View x, View edges) {
    int nb = (int) counts.shape()[0];
    double[] e = new double[nb + 1];
    Access.loadD(seg(edges), edges.dtype(), edges.offset(), edges.strides()[0], nb + 1, e);
    double first = e[0];
    double last = e[nb];
    double scale = nb / (last - first);
    long total = 1;
    for (long d : x.shape()) {
      total *= d;
    }
    MemorySegment sx = seg(x);
    DType t = x.dtype();
    long xo = x.offset();
    long[] sum = new long[nb];
    Loop.split(
        total,
        Loop.PARALLEL_MIN,
        (lo, hi) -> {
          long[] mine = new long[nb];
          double[] buf = new double[4096];
          for (long at = lo; at < hi; at += buf.length) {
            int m = (int) Math.min(buf.length, hi - at);
            Access.loadD(sx, t, xo + at, 1, m, buf);
            for (int j = 0; j < m; j++) {
              double v = buf[j];
              if (!(v >= first && v <= last)) {
                continue; // outside, or NaN
              }
              int i = (int) Math.min(nb - 1, Math.max(0, (long) ((v - first) * scale)));
              while (i > 0 && v < e[i]) {
                i--;
              }
              while (i < nb - 1 && v >= e[i + 1]) {
                i++;
              }
              mine[i]++;
            }
          }
          synchronized (sum) {
            for (int i = 0; i < nb; i++) {
              sum[i] += mine[i];
            }
          }
        });
    Access.storeL(seg(counts), DType.INT64, counts.offset(), counts.strides()[0], nb, sum);
  }

  /**
   * See {@link io.ndj.spi.Kernels#normal}: runs of blocks on every core, their words through {@link
   * io.ndj.spi.Gaussian#run}.
   */
  static void normal(View out, long key, long counter) {
    MemorySegment so = seg(out);
    DType t = out.dtype();
    int per = t == DType.FLOAT32 ? 4 : 2;
    long n = out.shape()[0];
    long base = out.offset();
    Loop.split(
        (n + per - 1) / per,
        Loop.PARALLEL_MIN / 128,
        (lo, hi) -> {
          Scratch sc = Scratch.get();
          double[] run = sc.d0;
          float[] runF = t == DType.FLOAT32 ? sc.floats(0, run.length) : null;
          long[] first = sc.l0;
          long[] last = sc.l1;
          int most = run.length / per;
          for (long p = lo; p < hi; p += most) {
            int blocks = (int) Math.min(most, hi - p);
            int m = (int) Math.min((long) per * blocks, n - per * p);
            PhiloxRuns.blocks(key, counter + p, first, last, blocks);
            if (runF != null) {
              io.ndj.spi.Gaussian.run(key, counter + p, first, last, runF, m);
              MemorySegment.copy(runF, 0, so, Layouts.JAVA_FLOAT, (base + per * p) * 4, m);
            } else {
              io.ndj.spi.Gaussian.run(key, counter + p, first, last, run, m);
              Access.storeD(so, t, base + per * p, 1, m, run);
            }
          }
        });
  }

  /**
   * See {@link io.ndj.spi.Kernels#pcg64}: NumPy's stream on every core, each run of draws from the
   * state it jumps to ({@link Pcg128#advance}), then one step a draw.
   */
  static void pcg64(
      View out, long stateHi, long stateLo, long incHi, long incLo, double low, double range) {
    MemorySegment so = seg(out);
    boolean f32 = out.dtype() == DType.FLOAT32;
    long n = out.shape()[0];
    long base = out.offset();
    Loop.split(
        f32 ? n / 2 : n,
        Loop.PARALLEL_MIN / 8,
        (lo, hi) -> {
          long[] state = {stateHi, stateLo};
          Pcg128.advance(state, incHi, incLo, lo);
          long h = state[0];
          long l = state[1];
          Scratch sc = Scratch.get();
          double[] run = sc.d0;
          float[] runF = f32 ? sc.floats(0, 2 * run.length) : null;
          for (long i = lo; i < hi; i += run.length) {
            int m = (int) Math.min(run.length, hi - i);
            for (int j = 0; j < m; j++) {
              long pl = l * Pcg128.MULT_LO;
              long ph = Pcg128.mulHi(h, l, Pcg128.MULT_HI, Pcg128.MULT_LO);
              l = pl + incLo;
              h = ph + incHi + (Long.compareUnsigned(l, pl) < 0 ? 1 : 0);
              long b = Pcg128.output(h, l);
              if (f32) {
                runF[2 * j] = ((int) b >>> 8) * 0x1p-24f;
                runF[2 * j + 1] = ((int) (b >>> 32) >>> 8) * 0x1p-24f;
              } else {
                run[j] = low + range * ((b >>> 11) * 0x1p-53);
              }
            }
            if (f32) {
              MemorySegment.copy(runF, 0, so, Layouts.JAVA_FLOAT, (base + 2 * i) * 4, 2 * m);
            } else {
              MemorySegment.copy(run, 0, so, Layouts.JAVA_DOUBLE, (base + i) * 8, m);
            }
          }
        });
  }

  /** See {@link io.ndj.spi.Kernels#uniform}: runs of blocks on every core. */
  static void uniform(View out, long key, long counter, double low, double high) {
    MemorySegment so = seg(out);
    long n = out.shape()[0];
    long base = out.offset();
    double scale = high - low;
    Loop.split(
        n,
        Loop.PARALLEL_MIN / 8,
        (lo, hi) -> {
          Scratch sc = Scratch.get();
          long[] bits = sc.l0;
          double[] run = sc.d0;
          for (long i = lo; i < hi; i += run.length) {
            int m = (int) Math.min(run.length, hi - i);
            PhiloxRuns.blocks(key, counter + i, bits, null, m);
            for (int j = 0; j < m; j++) {
              run[j] = low + scale * ((bits[j] >>> 11) * 0x1p-53);
            }
            Access.storeD(so, DType.FLOAT64, base + i, 1, m, run);
          }
        });
  }

  static void philox(View out, long key, long counter) {
    MemorySegment so = seg(out);
    long n = out.shape()[0];
    long base = out.offset();
    long stride = out.strides()[0];
    Loop.split(
        n,
        Loop.PARALLEL_MIN / 8,
        (lo, hi) -> {
          long[] run = Scratch.get().l0;
          for (long i = lo; i < hi; i += run.length) {
            int m = (int) Math.min(run.length, hi - i);
            PhiloxRuns.blocks(key, counter + i, run, null, m);
            Access.storeL(so, DType.INT64, base + i * stride, stride, m, run);
          }
        });
  }
}
