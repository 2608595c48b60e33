package io.ndj.nd4j;

import static io.ndj.nd4j.Nd4jOps.apply;
import static io.ndj.nd4j.Nd4jOps.cast;
import static io.ndj.nd4j.Nd4jOps.constant;
import static io.ndj.nd4j.Nd4jOps.op;
import static io.ndj.nd4j.Nd4jOps.temp;

import io.ndj.DType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Sorting with ND4J's native sort only. NaN goes last (sorted as +inf, then the tail of each lane
 * set to NaN); argsort is made stable by sorting int64 keys {@code (value << 32) + position}, with
 * values mapped to order-keeping integers; 64-bit values take two such passes (low word, then high
 * word: a least-significant-digit radix sort). searchsorted is a binary search run on all values at
 * once.
 */
final class Sorts {
  private static final long LOW = 0xFFFFFFFFL;

  private Sorts() {}

  /** 0, 1, ..., n-1 as int64. */
  static INDArray positions(long n) {
    INDArray p = temp(DType.INT64, new long[] {n});
    if (n > 0) {
      Nd4jOps.op("range", new INDArray[0], new INDArray[] {p}, 0, Math.toIntExact(n), 1);
    }
    return p;
  }

  /** The permutation that moves {@code axis} last, keeping the other axes in order. */
  private static int[] axisLast(int nd, int axis) {
    int[] perm = new int[nd];
    for (int i = 0, j = 0; i < nd; i++) {
      if (i != axis) {
        perm[j++] = i;
      }
    }
    perm[nd - 1] = axis;
    return perm;
  }

  /**
   * {@code x} with {@code axis} moved last, as a new C-ordered (rows, n) array of dtype {@code t}.
   */
  static INDArray lanes(INDArray x, int axis, DType t) {
    int[] perm = axisLast(x.rank(), axis);
    INDArray moved = x.permute(perm);
    long n = x.size(axis);
    long rows = n == 0 ? 0 : x.length() / n;
    INDArray out = temp(t, moved.shape());
    Nd4jOps.assign(out, moved);
    return out.reshape('c', new long[] {rows, n});
  }

  /** Writes the (rows, n) lanes back into {@code o} along {@code axis}. */
  static void unlanes(INDArray o, INDArray lanes, int axis) {
    INDArray moved = o.permute(axisLast(o.rank(), axis));
    Nd4jOps.assign(moved, lanes.reshape('c', moved.shape()));
  }

  /**
   * Inclusive scan of integers along {@code axis} in int64 (ND4J's cumsum/cumprod refuse int64):
   * log2(n) rounds of {@code y[:, k:] op= y[:, :n-k]} (Hillis and Steele).
   */
  static void integerScan(boolean sum, INDArray o, INDArray x, int axis) {
    if (x.rank() == 0) {
      Nd4jOps.assign(o, x);
      return;
    }
    INDArray y = lanes(x, axis, DType.INT64);
    long n = y.size(1);
    for (long k = 1; k < n; k <<= 1) {
      INDArray next = Nd4jOps.copyOf(DType.INT64, y.shape(), y);
      INDArray dst = next.get(NDArrayIndex.all(), NDArrayIndex.interval(k, n));
      INDArray src = y.get(NDArrayIndex.all(), NDArrayIndex.interval(0, n - k));
      op(sum ? "add" : "multiply", dst, dst, src);
      y = next;
    }
    unlanes(o, y, axis);
  }

  static void sort(DType t, INDArray o, INDArray x, int axis) {
    if (x.rank() == 0) {
      Nd4jOps.assign(o, x);
      return;
    }
    // ND4J sorts uint16 and uint32 as signed: in the signed type twice as wide
    DType work =
        switch (t) {
          case BOOL -> DType.UINT8;
          case FLOAT16 -> DType.FLOAT32;
          case UINT16 -> DType.INT32;
          case UINT32 -> DType.INT64;
          default -> t;
        };
    INDArray y = lanes(x, axis, work);
    long[] shape = y.shape();
    if (t.isFloat()) {
      INDArray nan = Elementwise.isnan(work, y);
      INDArray count = temp(DType.INT64, new long[] {shape[0], 1});
      Nd4jOps.op(
          "reduce_sum",
          new INDArray[] {cast(nan, DType.INT64)},
          new INDArray[] {count.reshape(shape[0])},
          1);
      y = apply("select", work, shape, nan, constant(work, Double.POSITIVE_INFINITY, shape), y);
      y = Nd4j.sort(y, 1, true);
      INDArray start =
          apply(
              "subtract",
              DType.INT64,
              new long[] {shape[0], 1},
              constant(DType.INT64, shape[1], new long[] {shape[0], 1}),
              count);
      INDArray tail = apply("greater_equal", DType.BOOL, shape, rowPositions(shape), start);
      y = apply("select", work, shape, tail, constant(work, Double.NaN, shape), y);
    } else {
      y = Nd4j.sort(y, 1, true);
    }
    unlanes(o, y, axis);
  }

  static void argsort(DType t, INDArray o, INDArray x, int axis) {
    if (x.rank() == 0) {
      Nd4jOps.assign(o, constant(DType.INT64, 0L, new long[0]));
      return;
    }
    INDArray key = orderedKey(t, lanes(x, axis, t));
    long[] shape = key.shape();
    INDArray order;
    if (t.itemsize() < 8 && t != DType.UINT32) { // uint32 keys reach 2^32: the two-pass path
      order = stableArgsort(key);
    } else {
      INDArray low =
          apply(
              "subtract",
              DType.INT64,
              shape,
              and(key, LOW),
              constant(DType.INT64, 1L << 31, shape));
      INDArray high =
          apply("rshift_bits", DType.INT64, shape, key, constant(DType.INT64, 32L, shape));
      INDArray first = stableArgsort(low);
      INDArray second = stableArgsort(gatherRows(high, first));
      order = gatherRows(first, second);
    }
    unlanes(o, order, axis);
  }

  /** Stable argsort of each row of int64 keys in [-2^31, 2^31). */
  private static INDArray stableArgsort(INDArray key) {
    long[] shape = key.shape();
    INDArray shifted =
        apply("shift_bits", DType.INT64, shape, key, constant(DType.INT64, 32L, shape));
    INDArray composite = apply("add", DType.INT64, shape, shifted, rowPositions(shape));
    composite = Nd4j.sort(composite, 1, true);
    return and(composite, LOW);
  }

  /** {@code out[r, j] = a[r, idx[r, j]]} for (rows, n) arrays. */
  private static INDArray gatherRows(INDArray a, INDArray idx) {
    long[] shape = a.shape();
    long rows = shape[0];
    long n = shape[1];
    long[] column = {rows, 1};
    INDArray base =
        apply(
            "multiply",
            DType.INT64,
            column,
            positions(rows).reshape('c', column),
            constant(DType.INT64, n, column));
    INDArray flat = apply("add", DType.INT64, shape, idx, base);
    flat = flat.reshape('c', new long[] {rows * n});
    INDArray out = temp(Types.of(a.dataType()), new long[] {rows * n});
    Nd4jOps.op(
        "gather",
        new INDArray[] {a.reshape('c', new long[] {rows * n}), flat},
        new INDArray[] {out},
        0);
    return out.reshape('c', new long[] {rows, n});
  }

  /** Positions 0..n-1 along the rows of a (rows, n) shape, broadcast. */
  private static INDArray rowPositions(long[] shape) {
    INDArray p = positions(shape[1]);
    return Nd4j.create(p.data(), shape.clone(), new long[] {0, 1}, 0, 'c', p.dataType());
  }

  /**
   * int64 keys whose signed order is NumPy's sort order: integers as they are; floats by their
   * bits, negatives' magnitudes flipped, -0.0 as +0.0 and every NaN as one NaN above +inf.
   */
  static INDArray orderedKey(DType t, INDArray x) {
    long[] shape = x.shape();
    if (!t.isFloat()) {
      return cast(x, DType.INT64).dup();
    }
    DType f = t == DType.FLOAT64 ? DType.FLOAT64 : DType.FLOAT32;
    DType bitsType = t == DType.FLOAT64 ? DType.INT64 : DType.INT32;
    INDArray v = apply("add", f, shape, cast(x, f), constant(f, 0.0, shape));
    v = apply("select", f, shape, Elementwise.isnan(f, v), constant(f, Double.NaN, shape), v);
    INDArray bits = temp(bitsType, shape);
    Nd4jOps.op("bitcast", new INDArray[] {v}, new INDArray[] {bits}, Types.of(bitsType).toInt());
    INDArray b = cast(bits, DType.INT64);
    long flip = t == DType.FLOAT64 ? Long.MAX_VALUE : 0x7FFFFFFFL;
    INDArray flipped =
        apply("bitwise_xor", DType.INT64, shape, b, constant(DType.INT64, flip, shape));
    return apply(
        "select",
        DType.INT64,
        shape,
        apply("less", DType.BOOL, shape, b, constant(DType.INT64, 0L, shape)),
        flipped,
        b);
  }

  /** Binary search of every value at once: about log2(n) rounds of gather, compare and select. */
  static void searchsorted(DType t, INDArray o, INDArray sorted, INDArray values, boolean right) {
    long n = sorted.length();
    long m = values.length();
    long[] shape = {m};
    if (n == 0) {
      Nd4jOps.assign(o, constant(DType.INT64, 0L, o.shape()));
      return;
    }
    INDArray keys = orderedKey(t, sorted).reshape('c', new long[] {n});
    INDArray v = orderedKey(t, values).reshape('c', new long[] {m});
    DType w = DType.INT64;
    INDArray lo = Nd4jOps.copyOf(w, shape, constant(w, 0L, shape));
    INDArray hi = Nd4jOps.copyOf(w, shape, constant(w, n, shape));
    INDArray one = constant(w, 1L, shape);
    for (int round = 0; round <= 64 - Long.numberOfLeadingZeros(n); round++) {
      INDArray mid = apply("rshift_bits", w, shape, apply("add", w, shape, lo, hi), one);
      INDArray at = apply("minimum", w, shape, mid, constant(w, Math.max(n - 1, 0), shape));
      INDArray g = temp(w, shape);
      Nd4jOps.op("gather", new INDArray[] {keys, at}, new INDArray[] {g}, 0);
      INDArray active = apply("less", DType.BOOL, shape, lo, hi);
      INDArray goRight =
          apply(
              "boolean_and",
              DType.BOOL,
              shape,
              active,
              apply(right ? "less_equal" : "less", DType.BOOL, shape, g, v));
      INDArray goLeft =
          apply(
              "boolean_and",
              DType.BOOL,
              shape,
              active,
              apply("boolean_not", DType.BOOL, shape, goRight));
      lo = apply("select", w, shape, goRight, apply("add", w, shape, mid, one), lo);
      hi = apply("select", w, shape, goLeft, mid, hi);
    }
    Nd4jOps.assign(o, lo.reshape('c', o.shape()));
  }

  private static INDArray and(INDArray x, long mask) {
    return apply("bitwise_and", DType.INT64, x.shape(), x, constant(DType.INT64, mask, x.shape()));
  }
}
