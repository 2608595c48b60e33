package io.ndj.cpu.reduce;

import io.ndj.cpu.gemm.VectorGemm;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Sums with the Vector API, when {@code jdk.incubator.vector} is enabled: float64 runs summed
 * pairwise (as NumPy does) over leaves of {@link #LEAF} elements that four vector accumulators
 * fold, int64 runs in four vectors of lanes, and float32 or float64 rows added into a row of
 * accumulators lane by lane. C2 cannot vectorise these loops itself: the accumulators and the input
 * are arrays of one type at different offsets, which might overlap as far as it can tell. (float32
 * run sums need no module: {@link Reducer#pairwise(float[], int, int)} widens into double
 * accumulators, which C2 vectorises.) The row adds also run without the module, in scalar code.
 */
public final class VectorSums {
  static final boolean AVAILABLE = VectorGemm.available();
  private static final int LEAF = 2048;

  private VectorSums() {}

  static double sum(double[] x, int lo, int n) {
    return Impl.sum(x, lo, n);
  }

  /**
   * The max (min where !max) of {@code x[lo, lo + n)} folded lane by lane: each lane keeps its
   * first largest element (or a NaN, its last), then the lanes and the tail are folded in order
   * with the same rule (v &gt; m or v is NaN). Equal to the in-order fold except between +0 and -0
   * and between NaNs: the caller folds those in order.
   */
  static double extreme(float[] x, int lo, int n, boolean max) {
    return Impl.extreme(x, lo, n, max);
  }

  /**
   * The wrapping int64 sum of {@code x[lo, lo + n)} (exact in any order: four vectors of lanes).
   */
  static long sum(long[] x, int lo, int n) {
    return Impl.sum(x, lo, n);
  }

  /**
   * Adds the rows of x at {@code bases[r0..r1) + shift} into acc, element by element in row order
   * (the rounding of one row at a time), four rows per pass over acc.
   */
  static void addRows(double[] acc, double[] x, long[] bases, long shift, int r0, int r1, int n) {
    if (AVAILABLE) {
      Impl.addRows(acc, x, bases, shift, r0, r1, n);
      return;
    }
    // without the module: the same sums in scalar code, four rows per pass and no copy of a row
    // (column sums of
    // 1e7 without the module, against copying each row out before its add: float64 0.66x ->
    // 1.10-1.67x NumPy,
    // float32 0.81x -> 0.88-1.13x; float32 1e6 0.78x -> 0.69-0.76x)
    int r = r0;
    for (; r + 3 < r1; r += 4) {
      int b0 = (int) (bases[r] + shift);
      int b1 = (int) (bases[r + 1] + shift);
      int b2 = (int) (bases[r + 2] + shift);
      int b3 = (int) (bases[r + 3] + shift);
      for (int i = 0; i < n; i++) {
        acc[i] = (((acc[i] + x[b0 + i]) + x[b1 + i]) + x[b2 + i]) + x[b3 + i];
      }
    }
    for (; r < r1; r++) {
      int b = (int) (bases[r] + shift);
      for (int i = 0; i < n; i++) {
        acc[i] += x[b + i];
      }
    }
  }

  /** {@link #addRows(double[], double[], long[], long, int, int, int)} in float32. */
  static void addRows(float[] acc, float[] x, long[] bases, long shift, int r0, int r1, int n) {
    if (AVAILABLE) {
      Impl.addRows(acc, x, bases, shift, r0, r1, n);
      return;
    }
    int r = r0;
    for (; r + 3 < r1; r += 4) {
      int b0 = (int) (bases[r] + shift);
      int b1 = (int) (bases[r + 1] + shift);
      int b2 = (int) (bases[r + 2] + shift);
      int b3 = (int) (bases[r + 3] + shift);
      for (int i = 0; i < n; i++) {
        acc[i] = (((acc[i] + x[b0 + i]) + x[b1 + i]) + x[b2 + i]) + x[b3 + i];
      }
    }
    for (; r < r1; r++) {
      int b = (int) (bases[r] + shift);
      for (int i = 0; i < n; i++) {
        acc[i] += x[b + i];
      }
    }
  }

  /**
   * The leaf of NumPy's pairwise sum (8 to 128 elements): eight accumulators, one per lane of a
   * 256-bit float vector, combined as NumPy combines them, then the tail one by one.
   */
  static float leaf(float[] a, int at, int n) {
    return Impl.leaf(a, at, n);
  }

  /** {@link #leaf(float[], int, int)} for float64: the eight accumulators in two vectors. */
  static double leaf(double[] a, int at, int n) {
    return Impl.leaf(a, at, n);
  }

  /** Holds the vector code, so that {@link #AVAILABLE} is read without the module. */
  private static final class Impl {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Long> LS = LongVector.SPECIES_PREFERRED;
    private static final int L = D.length();
    private static final int STEP = 4 * L;

    static double extreme(float[] x, int lo, int n, boolean max) {
      FloatVector m =
          FloatVector.broadcast(F, max ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY);
      int i = 0;
      int end = F.loopBound(n);
      // one loop per comparison: a lane-wise operation is vector code only with a constant operator
      if (max) {
        for (; i < end; i += F.length()) {
          FloatVector v = FloatVector.fromArray(F, x, lo + i);
          m = m.blend(v, v.compare(VectorOperators.GT, m).or(v.test(VectorOperators.IS_NAN)));
        }
      } else {
        for (; i < end; i += F.length()) {
          FloatVector v = FloatVector.fromArray(F, x, lo + i);
          m = m.blend(v, v.compare(VectorOperators.LT, m).or(v.test(VectorOperators.IS_NAN)));
        }
      }
      double r = max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      float[] lanes = new float[F.length()];
      m.intoArray(lanes, 0);
      for (int j = 0; j < lanes.length; j++) {
        double v = lanes[j];
        if (max ? v > r || v != v : v < r || v != v) {
          r = v;
        }
      }
      for (; i < n; i++) {
        double v = x[lo + i];
        if (max ? v > r || v != v : v < r || v != v) {
          r = v;
        }
      }
      return r;
    }

    static double sum(double[] x, int lo, int n) {
      if (n > LEAF) {
        int half = (n / 2) & -STEP;
        return sum(x, lo, half) + sum(x, lo + half, n - half);
      }
      DoubleVector a0 = DoubleVector.zero(D);
      DoubleVector a1 = a0;
      DoubleVector a2 = a0;
      DoubleVector a3 = a0;
      int i = 0;
      for (; i + STEP <= n; i += STEP) {
        a0 = a0.add(DoubleVector.fromArray(D, x, lo + i));
        a1 = a1.add(DoubleVector.fromArray(D, x, lo + i + L));
        a2 = a2.add(DoubleVector.fromArray(D, x, lo + i + 2 * L));
        a3 = a3.add(DoubleVector.fromArray(D, x, lo + i + 3 * L));
      }
      for (; i + L <= n; i += L) {
        a0 = a0.add(DoubleVector.fromArray(D, x, lo + i));
      }
      double s = VectorGemm.sumInLaneOrder(a0.add(a1).add(a2.add(a3)));
      for (; i < n; i++) {
        s += x[lo + i];
      }
      return s;
    }

    static long sum(long[] x, int lo, int n) {
      LongVector a0 = LongVector.zero(LS);
      LongVector a1 = a0;
      LongVector a2 = a0;
      LongVector a3 = a0;
      int w = LS.length();
      int i = 0;
      for (; i + 4 * w <= n; i += 4 * w) {
        a0 = a0.add(LongVector.fromArray(LS, x, lo + i));
        a1 = a1.add(LongVector.fromArray(LS, x, lo + i + w));
        a2 = a2.add(LongVector.fromArray(LS, x, lo + i + 2 * w));
        a3 = a3.add(LongVector.fromArray(LS, x, lo + i + 3 * w));
      }
      long s = a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
      for (; i < n; i++) {
        s += x[lo + i];
      }
      return s;
    }

    static void addRows(double[] acc, double[] x, long[] bases, long shift, int r0, int r1, int n) {
      int r = r0;
      for (; r + 3 < r1; r += 4) {
        int b0 = (int) (bases[r] + shift);
        int b1 = (int) (bases[r + 1] + shift);
        int b2 = (int) (bases[r + 2] + shift);
        int b3 = (int) (bases[r + 3] + shift);
        int i = 0;
        for (int end = D.loopBound(n); i < end; i += L) {
          DoubleVector.fromArray(D, acc, i)
              .add(DoubleVector.fromArray(D, x, b0 + i))
              .add(DoubleVector.fromArray(D, x, b1 + i))
              .add(DoubleVector.fromArray(D, x, b2 + i))
              .add(DoubleVector.fromArray(D, x, b3 + i))
              .intoArray(acc, i);
        }
        for (; i < n; i++) {
          acc[i] = (((acc[i] + x[b0 + i]) + x[b1 + i]) + x[b2 + i]) + x[b3 + i];
        }
      }
      for (; r < r1; r++) {
        addRow(acc, x, (int) (bases[r] + shift), n);
      }
    }

    static void addRows(float[] acc, float[] x, long[] bases, long shift, int r0, int r1, int n) {
      int r = r0;
      for (; r + 3 < r1; r += 4) {
        int b0 = (int) (bases[r] + shift);
        int b1 = (int) (bases[r + 1] + shift);
        int b2 = (int) (bases[r + 2] + shift);
        int b3 = (int) (bases[r + 3] + shift);
        int i = 0;
        for (int end = F.loopBound(n); i < end; i += F.length()) {
          FloatVector.fromArray(F, acc, i)
              .add(FloatVector.fromArray(F, x, b0 + i))
              .add(FloatVector.fromArray(F, x, b1 + i))
              .add(FloatVector.fromArray(F, x, b2 + i))
              .add(FloatVector.fromArray(F, x, b3 + i))
              .intoArray(acc, i);
        }
        for (; i < n; i++) {
          acc[i] = (((acc[i] + x[b0 + i]) + x[b1 + i]) + x[b2 + i]) + x[b3 + i];
        }
      }
      for (; r < r1; r++) {
        addRow(acc, x, (int) (bases[r] + shift), n);
      }
    }

    private static final VectorSpecies<Float> F8 = FloatVector.SPECIES_256;
    private static final VectorSpecies<Double> D4 = DoubleVector.SPECIES_256;

    static float leaf(float[] a, int at, int n) {
      FloatVector r = FloatVector.fromArray(F8, a, at);
      int i = 8;
      for (int end = n - (n % 8); i < end; i += 8) {
        r = r.add(FloatVector.fromArray(F8, a, at + i));
      }
      float res =
          ((r.lane(0) + r.lane(1)) + (r.lane(2) + r.lane(3)))
              + ((r.lane(4) + r.lane(5)) + (r.lane(6) + r.lane(7)));
      for (; i < n; i++) {
        res += a[at + i];
      }
      return res;
    }

    static double leaf(double[] a, int at, int n) {
      DoubleVector lo = DoubleVector.fromArray(D4, a, at);
      DoubleVector hi = DoubleVector.fromArray(D4, a, at + 4);
      int i = 8;
      for (int end = n - (n % 8); i < end; i += 8) {
        lo = lo.add(DoubleVector.fromArray(D4, a, at + i));
        hi = hi.add(DoubleVector.fromArray(D4, a, at + i + 4));
      }
      double res =
          ((lo.lane(0) + lo.lane(1)) + (lo.lane(2) + lo.lane(3)))
              + ((hi.lane(0) + hi.lane(1)) + (hi.lane(2) + hi.lane(3)));
      for (; i < n; i++) {
        res += a[at + i];
      }
      return res;
    }

    static void addRow(double[] acc, double[] x, int at, int n) {
      int i = 0;
      for (int end = D.loopBound(n); i < end; i += L) {
        DoubleVector.fromArray(D, acc, i)
            .add(DoubleVector.fromArray(D, x, at + i))
            .intoArray(acc, i);
      }
      for (; i < n; i++) {
        acc[i] += x[at + i];
      }
    }

    static void addRow(float[] acc, float[] x, int at, int n) {
      int i = 0;
      for (int end = F.loopBound(n); i < end; i += F.length()) {
        FloatVector.fromArray(F, acc, i).add(FloatVector.fromArray(F, x, at + i)).intoArray(acc, i);
      }
      for (; i < n; i++) {
        acc[i] += x[at + i];
      }
    }
  }
}
