package io.ndj.nd4j;

import static io.ndj.nd4j.Nd4jOps.apply;
import static io.ndj.nd4j.Nd4jOps.cast;
import static io.ndj.nd4j.Nd4jOps.constant;
import static io.ndj.nd4j.Nd4jOps.op;
import static io.ndj.nd4j.Nd4jOps.temp;

import io.ndj.DType;
import io.ndj.spi.ReduceOp;
import io.ndj.spi.View;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.bool.All;
import org.nd4j.linalg.api.ops.impl.reduce.bool.Any;
import org.nd4j.linalg.api.ops.impl.reduce.floating.Mean;
import org.nd4j.linalg.api.ops.impl.reduce.same.Prod;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Reductions as ND4J's reduce ops, with NumPy's dtypes and NaN rules: sums and products of integers
 * in int64 and of floats in float64 (rounded once; whole large float32 arrays by float32 rows
 * first, within NumPy's own float32 error), NaN wins min/max, the first NaN wins argmin/argmax,
 * ties give the first index.
 */
final class Reductions4j {
  /** Elements widened at a time by the chunked integer sum (8 MiB of int64). */
  private static final long WIDE_CHUNK = 1 << 20;

  private Reductions4j() {}

  static void reduce(ReduceOp op, View out, View in, int[] axes) {
    // ND4J writes reductions without the reduced axes: view out the same way
    int keep = in.ndim() - axes.length;
    long[] shape = new long[keep];
    long[] strides = new long[keep];
    for (int i = 0, j = 0; i < in.ndim(); i++) {
      if (Arrays.binarySearch(axes, i) < 0) {
        shape[j] = out.shape()[i];
        strides[j++] = out.strides()[i];
      }
    }
    View o = new View(out.buffer(), out.dtype(), shape, strides, out.offset());
    if (in.size() == 0) {
      Number identity =
          switch (op) {
            case SUM -> 0L;
            case PROD -> 1L;
            case ANY -> 0L;
            case ALL -> 1L;
            default -> throw new IllegalArgumentException(op.numpyName() + " of an empty array");
          };
      Nd4jOps.into(o, r -> Nd4jOps.assign(r, constant(out.dtype(), identity, shape)));
      return;
    }
    // size-1 axes need no reducing, and ND4J reduces some layouts with them wrongly: leave them out
    int kept = 0;
    for (long d : in.shape()) {
      kept += d == 1 ? 0 : 1;
    }
    long[] inShape = new long[kept];
    long[] inStrides = new long[kept];
    int[] reduced = new int[kept];
    int nr = 0;
    for (int i = 0, j = 0; i < in.ndim(); i++) {
      if (in.shape()[i] != 1) {
        if (Arrays.binarySearch(axes, i) >= 0) {
          reduced[nr++] = j;
        }
        inShape[j] = in.shape()[i];
        inStrides[j++] = in.strides()[i];
      }
    }
    int[] dims = Arrays.copyOf(reduced, nr);
    View squeezed = new View(in.buffer(), in.dtype(), inShape, inStrides, in.offset());
    INDArray x = Nd4jOps.in(squeezed).reshape('c', squeezed.shape());
    DType t = in.dtype();
    if (dims.length == 0) {
      // nothing left to reduce: each output is its one input (an index of 0 for argmin/argmax)
      INDArray same = op == ReduceOp.ANY || op == ReduceOp.ALL ? cast(x, DType.BOOL) : x;
      Nd4jOps.into(
          o,
          r ->
              Nd4jOps.assign(
                  r,
                  op == ReduceOp.ARGMIN || op == ReduceOp.ARGMAX
                      ? constant(DType.INT64, 0L, shape)
                      : same.reshape('c', shape)));
      return;
    }
    long[] rshape = new long[inShape.length - dims.length];
    for (int i = 0, j = 0; i < inShape.length; i++) {
      if (Arrays.binarySearch(dims, i) < 0) {
        rshape[j++] = inShape[i];
      }
    }
    Nd4jOps.into(
        o,
        r -> {
          if (op == ReduceOp.SUM
              && (t == DType.FLOAT64 || t == DType.INT64)
              && Arrays.equals(shape, rshape)) {
            // already the accumulating dtype and the output's shape: reduce straight into the
            // output
            Nd4jOps.op("reduce_sum", new INDArray[] {x}, new INDArray[] {r}, dims);
            return;
          }
          boolean narrowInts =
              !t.isFloat()
                  && shape.length == 0
                  && squeezed.isContiguous()
                  && x.length() > WIDE_CHUNK;
          if (narrowInts && op == ReduceOp.SUM && t != DType.INT64) {
            // one value of a large narrow-integer array: widened a chunk at a time into one int64
            // block, so the temporaries stay 8 MiB instead of 8 bytes per element (int64 sums wrap
            // as NumPy's do); (INDArray.putScalar(long, long) would go through a float)
            long total = byWideChunks(x, DType.INT64, "reduce_sum", 0L, Long::sum);
            Nd4jOps.assign(r, Nd4jOps.scalar(DType.INT64, total));
            return;
          }
          if (narrowInts && (op == ReduceOp.MIN || op == ReduceOp.MAX) && narrow(t) != t) {
            // of a large narrow-integer (or bool) array: widened to int32 a chunk at a time, so
            // the temporaries stay 4 MiB instead of 4 bytes per element (#34: 2^31 int8 values)
            long best =
                op == ReduceOp.MIN
                    ? byWideChunks(x, DType.INT32, "reduce_min", Long.MAX_VALUE, Math::min)
                    : byWideChunks(x, DType.INT32, "reduce_max", Long.MIN_VALUE, Math::max);
            Nd4jOps.assign(r, Nd4jOps.scalar(DType.INT64, best));
            return;
          }
          if (narrowInts && (op == ReduceOp.ARGMIN || op == ReduceOp.ARGMAX) && narrow(t) != t) {
            Nd4jOps.assign(
                r, Nd4jOps.scalar(DType.INT64, argByWideChunks(x, op == ReduceOp.ARGMAX)));
            return;
          }
          if (op == ReduceOp.SUM
              && (t == DType.FLOAT32 || t == DType.FLOAT16)
              && shape.length == 0) {
            // one value: ND4J's legacy mean of a whole array accumulates in its output's dtype, so
            // a float64 mean of the
            // narrow floats as they are, times the count, is their float64 sum without a widened
            // copy (ND4J's own
            // float32 sum drifts: 8e-6 at 1e6, 3e-5 at 1e7); the product is taken as the mean is
            // read and stored
            // rounded (two more ND4J ops on one value cost 40 us, a tenth of the sum at 1e6). A
            // large contiguous
            // float32 array is first summed in float32 rows of 64-256 (ND4J's fast float sum, each
            // row off by a few
            // ulp of its own magnitudes, as NumPy's pairwise float32 sum is), and the row sums then
            // as above: the
            // float64 mean alone ran 12-19% slower than ND4J's float32 sum, this as fast (faster at
            // 1e7)
            long n = x.length();
            int row =
                t == DType.FLOAT32 && squeezed.isContiguous() && n >= ROWS_FROM
                    ? rowLength(n, 256, 64)
                    : 0;
            INDArray parts = row > 0 ? byRows("reduce_sum", x, DType.FLOAT32, row) : x;
            INDArray mean = temp(DType.FLOAT64, shape);
            Nd4j.exec(new Mean(parts, mean));
            double sum = mean.getDouble(0L) * parts.length();
            // ND4J's putScalar rounds a tie to half away from even (3001 to 3002, NumPy's 3000):
            // rounded here as NumPy's float accumulator is stored, to float, then to half
            r.putScalar(
                0L,
                t == DType.FLOAT16
                    ? io.ndj.spi.Float16.toDouble(io.ndj.spi.Float16.fromDouble((float) sum))
                    : sum);
            return;
          }
          if ((op == ReduceOp.MIN || op == ReduceOp.MAX) && t.isFloat() && shape.length == 0) {
            // one value: reduced straight into the output, then NaN put there if the probe found
            // one. A large contiguous
            // array goes by short rows first: ND4J reduces them 30-50% faster than a whole array,
            // which pays for part of
            // the probe
            String name = op == ReduceOp.MIN ? "reduce_min" : "reduce_max";
            int row = shortRows(squeezed, x.length());
            if (row > 0) {
              Nd4jOps.op(name, new INDArray[] {byRows(name, x, t, row)}, new INDArray[] {r}, 0);
            } else {
              Nd4jOps.op(name, new INDArray[] {x}, new INDArray[] {r}, dims);
            }
            if (anyNaN(t, squeezed, x, shape, dims) != null) {
              r.putScalar(0L, Double.NaN);
            }
            return;
          }
          INDArray result = reduceSqueezed(op, squeezed, x, t, rshape, dims);
          Nd4jOps.assign(r, result.reshape('c', shape));
        });
  }

  /**
   * The reduction of {@code x} (on {@code v}, no size-1 axes) over {@code axes}, of shape {@code
   * shape}.
   */
  private static INDArray reduceSqueezed(
      ReduceOp op, View v, INDArray x, DType t, long[] shape, int[] axes) {
    switch (op) {
      case SUM, PROD -> {
        DType wide = t.isFloat() ? DType.FLOAT64 : DType.INT64;
        INDArray acc;
        if (op == ReduceOp.SUM && !t.isFloat() && t != DType.INT64 && x.length() > WIDE_CHUNK) {
          acc = narrowSumBySlabs(x, shape, axes);
        } else if (op == ReduceOp.SUM) {
          // in the wide dtype (float32 and float16 along axes too: ND4J's float64 means of them
          // along axes are off
          // by several ulp, of float16 by 6%)
          acc = reduceInto("reduce_sum", cast(x, wide), wide, shape, axes);
        } else {
          // ND4J's reduce_prod refuses int64; the legacy product takes every type. float16 and
          // float32 products in float32, as NumPy's float accumulator rounds each step (so a
          // product that overflows on the way is inf)
          DType work = t == DType.FLOAT32 || t == DType.FLOAT16 ? DType.FLOAT32 : wide;
          acc = temp(work, shape);
          Nd4j.exec(new Prod(cast(x, work), acc, axes));
        }
        return acc;
      }
      case MIN, MAX -> {
        DType work = narrow(t);
        INDArray m;
        if (op == ReduceOp.MAX && (work == DType.INT32 || work == DType.INT64)) {
          // ND4J's integer max starts from -MAX_VALUE, so a slice holding only MIN_VALUE comes back
          // one above it: the max is ~min(~x) (~ reverses the signed order; min starts at
          // MAX_VALUE)
          INDArray inverted = apply("toggle_bits", work, x.shape(), cast(x, work));
          m =
              apply(
                  "toggle_bits",
                  work,
                  shape,
                  reduceInto("reduce_min", inverted, work, shape, axes));
        } else {
          m =
              reduceInto(
                  op == ReduceOp.MIN ? "reduce_min" : "reduce_max",
                  cast(x, work),
                  work,
                  shape,
                  axes);
        }
        INDArray nan = t.isFloat() ? anyNaN(t, v, x, shape, axes) : null;
        if (nan != null) {
          m = apply("select", t, shape, nan, constant(t, Double.NaN, shape), m);
        }
        return m;
      }
      case ARGMIN, ARGMAX -> {
        DType work = narrow(t);
        INDArray idx = temp(DType.INT64, shape);
        Nd4jOps.op(
            op == ReduceOp.ARGMIN ? "argmin" : "argmax",
            new INDArray[] {cast(x, work)},
            new INDArray[] {idx},
            axes);
        INDArray nan = t.isFloat() ? anyNaN(t, v, x, shape, axes) : null;
        if (nan != null) {
          INDArray isnan = cast(Elementwise.isnan(t, x), DType.INT32);
          INDArray first = temp(DType.INT64, shape);
          Nd4jOps.op("argmax", new INDArray[] {isnan}, new INDArray[] {first}, axes);
          idx = apply("select", DType.INT64, shape, nan, first, idx);
        }
        return idx;
      }
      case ANY, ALL -> {
        INDArray r = temp(DType.BOOL, shape);
        INDArray b = cast(x, DType.BOOL);
        Nd4j.exec(op == ReduceOp.ANY ? new Any(b, r, false, axes) : new All(b, r, false, axes));
        return r;
      }
    }
    throw new AssertionError(op);
  }

  /** One chunk of a widened line: its first element's index and the chunk in the wide dtype. */
  private interface WideChunk {
    void accept(long lo, INDArray chunk);
  }

  /**
   * Hands each chunk of {@link #WIDE_CHUNK} elements of contiguous integer {@code x}, widened to
   * {@code wide} in one reused block, to {@code each} in order.
   */
  private static void forWideChunks(INDArray x, DType wide, WideChunk each) {
    long n = x.length();
    INDArray flat = x.reshape('c', new long[] {n});
    INDArray block = temp(wide, new long[] {WIDE_CHUNK});
    for (long lo = 0; lo < n; lo += WIDE_CHUNK) {
      long len = Math.min(WIDE_CHUNK, n - lo);
      INDArray w = len == WIDE_CHUNK ? block : block.get(NDArrayIndex.interval(0, len));
      Nd4jOps.assign(w, flat.get(NDArrayIndex.interval(lo, lo + len)));
      each.accept(lo, w);
    }
  }

  /**
   * ND4J's reduction {@code name} of contiguous integer {@code x}, widened to {@code wide} a chunk
   * at a time, the chunks' values folded here from {@code init}.
   */
  private static long byWideChunks(
      INDArray x, DType wide, String name, long init, java.util.function.LongBinaryOperator fold) {
    INDArray part = temp(wide, new long[0]);
    long[] acc = {init};
    forWideChunks(
        x,
        wide,
        (lo, w) -> {
          Nd4jOps.op(name, new INDArray[] {w}, new INDArray[] {part}, 0);
          acc[0] = fold.applyAsLong(acc[0], part.getLong(0L));
        });
    return acc[0];
  }

  /**
   * The first index of the greatest (or least) of contiguous narrow-integer {@code x}, widened to
   * int32 a chunk at a time: each chunk's first extreme by ND4J's argmax/argmin, a later chunk
   * taking over only where strictly beyond (NumPy's first occurrence).
   */
  private static long argByWideChunks(INDArray x, boolean max) {
    INDArray at = temp(DType.INT64, new long[0]);
    long[] best = {0, -1}; // the value, its index
    forWideChunks(
        x,
        DType.INT32,
        (lo, w) -> {
          Nd4jOps.op(max ? "argmax" : "argmin", new INDArray[] {w}, new INDArray[] {at}, 0);
          long i = at.getLong(0L);
          long v = w.getLong(i);
          if (best[1] < 0 || (max ? v > best[0] : v < best[0])) {
            best[0] = v;
            best[1] = lo + i;
          }
        });
    return best[1];
  }

  /** Elements from which a whole float32 sum and a whole float min/max go by rows. */
  private static final long ROWS_FROM = 1 << 16;

  /**
   * The longest row of {@code shortest} to {@code longest} elements that divides n evenly; 0 where
   * none does.
   */
  private static int rowLength(long n, int longest, int shortest) {
    for (int b = longest; b >= shortest; b--) {
      if (n % b == 0) {
        return b;
      }
    }
    return 0;
  }

  /**
   * Rows of 50-128 elements for a large contiguous {@code v} of {@code n} elements; 0 where it goes
   * whole.
   */
  private static int shortRows(View v, long n) {
    return v.isContiguous() && n >= ROWS_FROM ? rowLength(n, 128, 50) : 0;
  }

  /**
   * ND4J's reduction {@code name} of contiguous {@code x}'s rows of {@code row} elements, as one
   * value of t each.
   */
  private static INDArray byRows(String name, INDArray x, DType t, int row) {
    long n = x.length();
    INDArray parts = temp(t, new long[] {n / row});
    Nd4jOps.op(name, new INDArray[] {x.reshape('c', n / row, row)}, new INDArray[] {parts}, 1);
    return parts;
  }

  /**
   * ND4J's min/max/argmin/argmax go wrong on 8- and 16-bit integers and bools: those reduce as
   * int32.
   */
  private static DType narrow(DType t) {
    return !t.isFloat() && t.itemsize() < 4 ? DType.INT32 : t;
  }

  private static int[] allAxes(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    return a;
  }

  /**
   * The int64 sum over axes of a large array of narrow integers, widened a slab of its first axis
   * at a time into one reused int64 block of about {@link #WIDE_CHUNK} elements (a row at least),
   * so that the temporaries stay that size instead of 8 bytes per element: each slab's sums fill
   * their rows of the result, or are added into it where the first axis is reduced.
   */
  private static INDArray narrowSumBySlabs(INDArray x, long[] shape, int[] axes) {
    long rows = x.size(0);
    long per = x.length() / rows;
    long slab = Math.max(1, WIDE_CHUNK / per);
    boolean first = axes[0] == 0;
    long[] slabShape = x.shape().clone();
    slabShape[0] = Math.min(slab, rows);
    long[] partShape = shape.clone();
    if (!first) {
      partShape[0] = slabShape[0];
    }
    INDArray wide = temp(DType.INT64, slabShape);
    INDArray part = temp(DType.INT64, partShape);
    INDArray acc = temp(DType.INT64, shape);
    if (first) {
      Nd4jOps.assign(acc, Nd4jOps.scalar(DType.INT64, 0L));
    }
    for (long lo = 0; lo < rows; lo += slab) {
      long len = Math.min(slab, rows - lo);
      INDArray w = len == slabShape[0] ? wide : wide.get(NDArrayIndex.interval(0, len));
      Nd4jOps.assign(w, x.get(NDArrayIndex.interval(lo, lo + len)));
      if (first) {
        Nd4jOps.op("reduce_sum", new INDArray[] {w}, new INDArray[] {part}, axes);
        acc.addi(part);
      } else {
        INDArray p = len == slabShape[0] ? part : part.get(NDArrayIndex.interval(0, len));
        Nd4jOps.op("reduce_sum", new INDArray[] {w}, new INDArray[] {p}, axes);
        Nd4jOps.assign(acc.get(NDArrayIndex.interval(lo, lo + len)), p);
      }
    }
    return acc;
  }

  private static INDArray reduceInto(
      String name, INDArray x, DType dtype, long[] shape, int[] axes) {
    INDArray r = temp(dtype, shape);
    Nd4jOps.op(name, new INDArray[] {x}, new INDArray[] {r}, axes);
    return r;
  }

  /**
   * Per lane, whether it holds a NaN; null when none does. A lane's sum is NaN whenever the lane
   * holds one, so one summing pass clears the common case (a large contiguous whole array summed by
   * rows, as ND4J sums short rows faster); only when some sum is NaN (a NaN, or inf and -inf) are
   * the NaNs looked for. OpenBLAS's dot of the array with itself reads 3-7x faster than ND4J's sum,
   * but run between ND4J's ops it stalled for milliseconds (ND4J's idle workers keep spinning on
   * this 2-core machine), so the probe stays in ND4J's own ops.
   */
  private static INDArray anyNaN(DType t, View v, INDArray x, long[] shape, int[] axes) {
    if (shape.length == 0) {
      // one lane: its sum is read as it is (an isnan op and an any op on one value cost more than
      // the sum)
      int row = shortRows(v, x.length());
      INDArray parts = row > 0 ? byRows("reduce_sum", x, t, row) : x;
      INDArray sum = reduceInto("reduce_sum", parts, t, shape, allAxes(parts.rank()));
      if (!Double.isNaN(sum.getDouble(0L))) {
        return null;
      }
    } else {
      INDArray sums = reduceInto("reduce_sum", x, t, shape, axes);
      INDArray flag = temp(DType.BOOL, new long[0]);
      Nd4j.exec(new Any(Elementwise.isnan(t, sums), flag, false, allAxes(shape.length)));
      if (flag.getDouble(0L) == 0) {
        return null;
      }
    }
    INDArray r = temp(DType.BOOL, shape);
    Nd4j.exec(new Any(Elementwise.isnan(t, x), r, false, axes));
    // one lane whose sum was NaN through inf and -inf alone holds no NaN
    return shape.length == 0 && r.getDouble(0L) == 0 ? null : r;
  }
}
