package io.ndj.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ndj.DType;
import io.ndj.NdArray;
import org.opentest4j.AssertionFailedError;

/**
 * The four checks of every function (runs, dtype, shape, values) and value comparisons with their
 * bounds.
 */
public final class Check {
  private Check() {}

  public static void dtypeAndShape(NdArray r, DType dtype, long[] shape, String what) {
    assertEquals(dtype, r.dtype(), what + ": result dtype");
    assertArrayEquals(shape, r.shape().dims(), what + ": result shape " + r.shape());
  }

  /** One unit in the last place of {@code v} in dtype t. */
  public static double ulp(DType t, double v) {
    return switch (t) {
      case FLOAT16 -> Math.max(0x1p-24, Math.scalb(1.0, Math.getExponent(v) - 10));
      case FLOAT32 -> Math.ulp((float) v);
      default -> Math.ulp(v);
    };
  }

  /**
   * Compares float results: NaN with NaN, infinities and zeros exactly (sign of zero too, unless
   * {@code anyZeroSign}), everything else within {@code ulps} units of the dtype.
   */
  public static void floats(
      double[] expected, double[] got, DType t, int ulps, boolean anyZeroSign, String what) {
    assertEquals(expected.length, got.length, what + ": size");
    for (int i = 0; i < got.length; i++) {
      double e = Gens.roundTo(expected[i], t);
      double g = got[i];
      boolean ok;
      if (Double.isNaN(e) || Double.isNaN(g)) {
        ok = Double.isNaN(e) && Double.isNaN(g);
      } else if (Double.isInfinite(e) || ulps == 0) {
        ok = e == g && (anyZeroSign || e != 0 || Double.compare(e, g) == 0);
        if (!ok && ulps > 0) {
          ok = Math.abs(e - g) <= ulps * ulp(t, e);
        }
      } else {
        ok =
            Math.abs(e - g) <= ulps * ulp(t, e)
                || (Double.isInfinite(g) && Math.abs(e) >= maxFinite(t) * 0.999);
      }
      if (!ok) {
        throw new AssertionFailedError(
            what
                + ": element "
                + i
                + " expected "
                + e
                + (ulps > 0 ? " +- " + ulps + " ulp" : "")
                + " but was "
                + g);
      }
    }
  }

  static double maxFinite(DType t) {
    return switch (t) {
      case FLOAT16 -> 65504;
      case FLOAT32 -> Float.MAX_VALUE;
      default -> Double.MAX_VALUE;
    };
  }

  public static void longs(long[] expected, long[] got, String what) {
    assertEquals(expected.length, got.length, what + ": size");
    for (int i = 0; i < got.length; i++) {
      if (expected[i] != got[i]) {
        throw new AssertionFailedError(
            what + ": element " + i + " expected " + expected[i] + " but was " + got[i]);
      }
    }
  }

  /**
   * NumPy's values against ndj's, element by element: NaN matches NaN; zeros of either sign match
   * (where NumPy's partition or loop order may give the other one); within {@code tol} relative to
   * {@code max(1, |want|)} when {@code tol > 0} (sums a backend may order otherwise), else exactly.
   */
  /** Where NumPy's value is a zero, ndj's is the zero of the same sign. */
  static void sameZeroSigns(String label, double[] want, double[] got) {
    for (int i = 0; i < want.length; i++) {
      if (want[i] == 0 && got[i] == 0 && Double.compare(want[i], got[i]) != 0) {
        throw new AssertionError(
            label + ": element " + i + " expected " + want[i] + " but was " + got[i]);
      }
    }
  }

  /** Equal bit for bit (so -0.0 is not 0.0), any NaN matching any NaN. */
  static void sameBits(String label, double[] want, double[] got) {
    assertEquals(want.length, got.length, label + ": size");
    for (int i = 0; i < want.length; i++) {
      boolean same =
          Double.isNaN(want[i])
              ? Double.isNaN(got[i])
              : Double.doubleToRawLongBits(want[i]) == Double.doubleToRawLongBits(got[i]);
      if (!same) {
        throw new AssertionError(
            label + ": element " + i + " expected " + want[i] + " but was " + got[i]);
      }
    }
  }

  static void sameValues(String label, double[] want, double[] got, double tol) {
    assertEquals(want.length, got.length, label + ": size");
    for (int i = 0; i < want.length; i++) {
      boolean ok =
          Double.isNaN(want[i])
              ? Double.isNaN(got[i])
              : want[i] == got[i]
                  || (tol > 0
                      && Math.abs(want[i] - got[i]) <= tol * Math.max(1, Math.abs(want[i])));
      if (!ok) {
        throw new AssertionError(
            label
                + ": element "
                + i
                + " expected "
                + want[i]
                + " but was "
                + got[i]
                + "; got "
                + java.util.Arrays.toString(got));
      }
    }
  }

  /**
   * {@code call} throws, with NumPy's {@code message} word for word (the kit's tables record
   * NumPy's errors so).
   */
  static void raisesNumpysMessage(
      String label, String message, org.junit.jupiter.api.function.Executable call) {
    RuntimeException e =
        org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, call, label);
    assertEquals(message, e.getMessage(), label);
  }
}
