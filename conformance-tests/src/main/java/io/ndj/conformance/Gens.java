package io.ndj.conformance;

import io.ndj.DType;
import io.ndj.spi.Float16;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * Input generators: shapes from 0-d to 6-d with size-0 and size-1 axes, every layout, values with
 * the special cases of each dtype (NaN, +-0, +-inf, subnormals, extremes, uint8 wrap), and mutually
 * broadcastable pairs.
 */
public final class Gens {
  private Gens() {}

  /** The kit's value ranges. */
  public enum Range {
    /** Anything the dtype holds, specials included. */
    ANY,
    /**
     * Small magnitudes ({@code |x| <= 8}) without NaN/inf: for transcendental, power and product
     * checks.
     */
    SMALL,
    /** Non-negative small values: exponents, shift counts. */
    NON_NEGATIVE
  }

  static long pick(RandomnessSource r, long lo, long hi) {
    return r.next(Constraint.between(lo, hi));
  }

  static long[] shape(RandomnessSource r, int maxDims, long maxSize) {
    while (true) {
      int nd = (int) pick(r, 0, maxDims);
      long[] s = new long[nd];
      long size = 1;
      for (int i = 0; i < nd; i++) {
        long kind = pick(r, 0, 9);
        s[i] = kind == 0 ? 0 : kind == 1 ? 1 : pick(r, 1, 5);
        size *= s[i];
      }
      if (size <= maxSize) {
        return s;
      }
    }
  }

  static double value(RandomnessSource r, DType t, Range range) {
    long kind = pick(r, 0, 9);
    double v;
    if (range == Range.ANY && kind == 0) {
      double[] specials = {
        Double.NaN,
        0.0,
        -0.0,
        Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY,
        Double.MIN_VALUE,
        1e-310,
        -Double.MAX_VALUE,
        1e30,
        65504,
        0.5,
        -1
      };
      v = specials[(int) pick(r, 0, specials.length - 1)];
    } else if (range == Range.ANY && kind == 1) {
      v = (pick(r, -1_000_000, 1_000_000)) * Math.pow(10, pick(r, -12, 12));
    } else {
      double scale = range == Range.SMALL || range == Range.NON_NEGATIVE ? 8 : 100;
      v = pick(r, -1_000_000, 1_000_000) / 1_000_000.0 * scale;
      if (kind == 2) {
        v = Math.rint(v);
      }
      if (range == Range.NON_NEGATIVE) {
        v = Math.abs(v);
      }
    }
    return roundTo(v, t);
  }

  static double roundTo(double v, DType t) {
    return switch (t) {
      case FLOAT32 -> (float) v;
      case FLOAT16 -> Float16.toDouble(Float16.fromDouble(v));
      default -> v;
    };
  }

  static long intValue(RandomnessSource r, DType t, Range range) {
    long lo = t.minValue();
    // uint64's greatest value is -1L in a long: picks draw from its lower half, and its top values
    // come from the specials and from raw 64-bit draws
    long hi = t == DType.UINT64 ? Long.MAX_VALUE : t.maxValue();
    if (range == Range.NON_NEGATIVE) {
      return pick(r, 0, Math.min(hi, t == DType.BOOL ? 1 : 9));
    }
    if (range == Range.SMALL) {
      return pick(r, Math.max(lo, -5), Math.min(hi, 5));
    }
    long kind = pick(r, 0, 9);
    if (kind == 0) {
      long[] specials =
          t == DType.UINT64
              ? new long[] {0, 1, -1L, -2L, Long.MIN_VALUE, Long.MAX_VALUE}
              : new long[] {lo, hi, 0, 1, lo + 1, hi - 1};
      return specials[(int) pick(r, 0, specials.length - 1)];
    }
    if (kind < 4) {
      return t == DType.UINT64 && kind == 3
          ? pick(r, Long.MIN_VALUE, Long.MAX_VALUE)
          : pick(r, lo, hi);
    }
    return pick(r, Math.max(lo, -100), Math.min(hi, 100));
  }

  static Case fill(RandomnessSource r, DType t, long[] shape, Case.Layout layout, Range range) {
    int n = 1;
    for (long s : shape) {
      n *= (int) s;
    }
    if (t.isFloat()) {
      double[] d = new double[n];
      for (int i = 0; i < n; i++) {
        d[i] = value(r, t, range);
      }
      return new Case(t, shape, d, null, layout);
    }
    long[] l = new long[n];
    for (int i = 0; i < n; i++) {
      l[i] = intValue(r, t, range);
    }
    return new Case(t, shape, null, l, layout);
  }

  static Case.Layout layout(RandomnessSource r) {
    Case.Layout[] all = {
      Case.Layout.CONTIGUOUS,
      Case.Layout.TRANSPOSED,
      Case.Layout.STRIDED,
      Case.Layout.REVERSED,
      Case.Layout.OFFSET
    };
    return all[(int) pick(r, 0, all.length - 1)];
  }

  /** One array of dtype {@code t}. */
  public static Gen<Case> array(DType t, Range range) {
    return gen(r -> fill(r, t, shape(r, 6, 64), layout(r), range));
  }

  /** One array with at least one dimension. */
  public static Gen<Case> arrayNd(DType t, Range range) {
    return gen(
        r -> {
          long[] s = shape(r, 4, 48);
          if (s.length == 0) {
            s = new long[] {pick(r, 1, 5)};
          }
          return fill(r, t, s, layout(r), range);
        });
  }

  /** Two arrays whose shapes broadcast together (each may drop leading axes or have 1s). */
  public static Gen<Case[]> broadcastPair(DType t, Range ra, Range rb) {
    return broadcastPair(t, t, ra, rb);
  }

  /** Two arrays of dtypes ta and tb whose shapes broadcast together. */
  public static Gen<Case[]> broadcastPair(DType ta, DType tb, Range ra, Range rb) {
    Gen<Case[]> g =
        gen(
            r -> {
              long[] out = shape(r, 4, 48);
              return new Case[] {
                fill(r, ta, sub(r, out), layout(r), ra), fill(r, tb, sub(r, out), layout(r), rb)
              };
            });
    return g.describedAs(p -> "a = " + p[0] + "\n  b = " + p[1]);
  }

  static long[] sub(RandomnessSource r, long[] out) {
    int drop = (int) pick(r, 0, out.length);
    long[] s = new long[out.length - drop];
    for (int i = 0; i < s.length; i++) {
      long d = out[drop + i];
      s[i] = pick(r, 0, 3) == 0 ? 1 : d;
    }
    return s;
  }

  public static <T> Gen<T> gen(java.util.function.Function<RandomnessSource, T> f) {
    return f::apply;
  }
}
