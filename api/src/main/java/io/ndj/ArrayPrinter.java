package io.ndj;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * {@code print(x)} as NumPy 2 does it with default options: linewidth 75, precision 8, threshold
 * 1000, edgeitems 3, floatmode 'maxprec', no suppression. Follows numpy/_core/arrayprint.py: the
 * element format is chosen from the (summarised) data, then {@code _formatArray} lays the elements
 * out and wraps lines.
 */
final class ArrayPrinter {
  private static final int LINE_WIDTH = 75;
  private static final int THRESHOLD = 1000;
  private static final int EDGE = 3;
  private static final int PRECISION = 8;

  private ArrayPrinter() {}

  static String print(NdArray a) {
    a.ensureOpen();
    if (a.ndim() == 0) {
      return scalar(a);
    }
    if (a.size() == 0) {
      return "[]";
    }
    boolean summarize = a.size() > THRESHOLD;
    if (a.dtype.isComplex()) {
      try (NdArray re = a.real();
          NdArray im = a.imag()) {
        Host hr = Host.read(re, summarize);
        Host hi = Host.read(im, summarize);
        return new Layout(hr, complexFormatter(a.dtype.componentType(), hr, hi))
            .recurse(0, 0, " ", LINE_WIDTH);
      }
    }
    Host h = Host.read(a, summarize);
    LongFunction<String> fmt = formatter(a.dtype, h);
    return new Layout(h, fmt).recurse(0, 0, " ", LINE_WIDTH);
  }

  private static String scalar(NdArray a) {
    if (a.dtype.isComplex()) {
      Complex z = a.complexValue();
      return ComplexFormat.scalar(z.re(), z.im(), a.dtype);
    }
    if (a.dtype.isBool()) {
      return a.booleanValue() ? "True" : "False";
    }
    if (a.dtype.isFloat()) {
      return FloatFormat.scalar(a.doubleValue(), a.dtype);
    }
    return String.valueOf(a.item()); // uint64 past int64 is a BigInteger there
  }

  /**
   * The printed elements: the whole array, or only its leading and trailing {@code EDGE} items per
   * long axis. Floats are held as doubles (exact for every float dtype), everything else as longs.
   */
  record Host(long[] shape, boolean[] cut, double[] d, long[] l) {
    static Host read(NdArray a, boolean summarize) {
      int nd = a.ndim();
      long[] shape = new long[nd];
      boolean[] cut = new boolean[nd];
      for (int i = 0; i < nd; i++) {
        cut[i] = summarize && a.shape[i] > 2 * EDGE;
        shape[i] = cut[i] ? 2 * EDGE : a.shape[i];
      }
      int n = (int) Shape.size(shape);
      boolean f = a.dtype.isFloat();
      double[] d = f ? new double[n] : null;
      long[] l = f ? null : new long[n];
      // one block per combination of leading/trailing halves of the cut axes
      int blocks = 1 << nd;
      for (int mask = 0; mask < blocks; mask++) {
        boolean skip = false;
        Index[] idx = new Index[nd];
        for (int i = 0; i < nd; i++) {
          boolean trailing = (mask >> i & 1) == 1;
          if (!cut[i]) {
            skip |= trailing;
            idx[i] = Index.all();
          } else {
            idx[i] = trailing ? Index.slice(a.shape[i] - EDGE, a.shape[i]) : Index.slice(0, EDGE);
          }
        }
        if (skip) {
          continue;
        }
        try (NdArray block = Indexing.get(a, idx)) {
          double[] bd = f ? block.toDoubleArray() : null;
          long[] bl = f ? null : block.toLongArray();
          scatter(block.shape, mask, cut, shape, bd, bl, d, l);
        }
      }
      return new Host(shape, cut, d, l);
    }

    private static void scatter(
        long[] bshape,
        int mask,
        boolean[] cut,
        long[] shape,
        double[] bd,
        long[] bl,
        double[] d,
        long[] l) {
      int nd = shape.length;
      long[] idx = new long[nd];
      long n = Shape.size(bshape);
      for (long k = 0; k < n; k++) {
        long dst = 0;
        for (int i = 0; i < nd; i++) {
          long pos = idx[i] + (cut[i] && (mask >> i & 1) == 1 ? EDGE : 0);
          dst = dst * shape[i] + pos;
        }
        if (d != null) {
          d[(int) dst] = bd[(int) k];
        } else {
          l[(int) dst] = bl[(int) k];
        }
        for (int i = nd - 1; i >= 0; i--) {
          if (++idx[i] < bshape[i]) {
            break;
          }
          idx[i] = 0;
        }
      }
    }

    int size() {
      return d != null ? d.length : l.length;
    }
  }

  private static LongFunction<String> formatter(DType t, Host h) {
    if (t.isBool()) {
      return k -> h.l[(int) k] != 0 ? " True" : "False";
    }
    if (t.isUnsigned64()) {
      long max = 0;
      for (long v : h.l) {
        max = Long.compareUnsigned(v, max) > 0 ? v : max;
      }
      int width = Long.toUnsignedString(max).length();
      return k -> pad(Long.toUnsignedString(h.l[(int) k]), width);
    }
    if (!t.isFloat()) {
      long max = Long.MIN_VALUE;
      long min = Long.MAX_VALUE;
      for (long v : h.l) {
        max = Math.max(max, v);
        min = Math.min(min, v);
      }
      int width = Math.max(Long.toString(max).length(), Long.toString(min).length());
      return k -> pad(Long.toString(h.l[(int) k]), width);
    }
    return new Floating(t, h.d, false)::format;
  }

  /**
   * NumPy's {@code ComplexFloatingFormat}: the real parts formatted together, the imaginary parts
   * together with a sign always, 'j' before the imaginary part's trailing padding.
   */
  private static LongFunction<String> complexFormatter(DType part, Host re, Host im) {
    Floating r = new Floating(part, re.d, false);
    Floating i = new Floating(part, im.d, true);
    return k -> {
      String is = i.format(k);
      int sp = is.stripTrailing().length();
      return r.format(k) + is.substring(0, sp) + "j" + is.substring(sp);
    };
  }

  static String pad(String s, int width) {
    return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
  }

  /** NumPy's {@code FloatingFormat} in 'maxprec' mode, sign '-' or (for imaginary parts) '+'. */
  private static final class Floating {
    private final DType t;
    private final double[] data;
    private final boolean plus;
    private boolean exp;
    private int precision = PRECISION;
    private int minDigits;
    private int padLeft;
    private int padRight;
    private int expSize = -1;

    Floating(DType t, double[] data, boolean plus) {
      this.t = t;
      this.data = data;
      this.plus = plus;
      fill();
    }

    private void fill() {
      List<Double> finite = new ArrayList<>();
      for (double v : data) {
        if (Double.isFinite(v)) {
          finite.add(v);
        }
      }
      double max = 0;
      double min = Double.POSITIVE_INFINITY;
      boolean anyNonZero = false;
      for (double v : finite) {
        if (v != 0) {
          anyNonZero = true;
          max = Math.max(max, Math.abs(v));
          min = Math.min(min, Math.abs(v));
        }
      }
      if (anyNonZero) {
        double ratio = Scalars.roundTo(max / min, t);
        // NumPy 2's cutoffs, compared in the array's dtype (NEP 50: the Python floats are weak):
        // 10**min(8, finfo.precision) above (1e3 for float16, 1e6 for float32), 0.0001 below
        double cutoff =
            switch (t) {
              case FLOAT16 -> 1e3;
              case FLOAT32 -> 1e6;
              default -> 1e8;
            };
        exp = max >= cutoff || min < Scalars.roundTo(0.0001, t) || ratio > 1000.;
      }
      if (finite.isEmpty()) {
        padLeft = 0;
        padRight = 0;
        minDigits = 0;
      } else if (exp) {
        int fracMax = 0;
        int intMax = 0;
        int expMax = 0;
        for (double v : finite) {
          String s = FloatFormat.scientific(v, t, PRECISION, 0, 0, 2);
          int e = s.indexOf('e');
          int dot = s.indexOf('.');
          intMax = Math.max(intMax, dot + signed(v));
          fracMax = Math.max(fracMax, e - dot - 1);
          expMax = Math.max(expMax, s.length() - e - 2);
        }
        expSize = expMax;
        precision = fracMax;
        minDigits = fracMax;
        padLeft = intMax;
        padRight = expSize + 2 + precision;
      } else {
        int fracMax = 0;
        int intMax = 0;
        for (double v : finite) {
          String s = FloatFormat.positional(v, t, PRECISION, 0, FloatFormat.Trim.DOT, 0, 0);
          int dot = s.indexOf('.');
          intMax = Math.max(intMax, dot + signed(v));
          fracMax = Math.max(fracMax, s.length() - dot - 1);
        }
        padLeft = intMax;
        padRight = fracMax;
        minDigits = 0;
      }
      if (finite.size() != data.length) {
        boolean negInf = plus;
        for (double v : data) {
          negInf |= v == Double.NEGATIVE_INFINITY;
        }
        int offset = padRight + 1;
        padLeft = Math.max(padLeft, Math.max(3 - offset, 3 + (negInf ? 1 : 0) - offset));
      }
    }

    /** 1 where a '+' goes before x's digits. */
    private int signed(double x) {
      return plus && !FloatFormat.negative(x) ? 1 : 0;
    }

    String format(long k) {
      double x = data[(int) k];
      if (!Double.isFinite(x)) {
        String r = Double.isNaN(x) ? "nan" : x < 0 ? "-inf" : "inf";
        return pad(plus && x >= 0 || Double.isNaN(x) && plus ? "+" + r : r, padLeft + padRight + 1);
      }
      int left = padLeft - signed(x);
      String s =
          exp
              ? FloatFormat.scientific(x, t, precision, minDigits, left, expSize)
              : FloatFormat.positional(
                  x, t, precision, minDigits, FloatFormat.Trim.DOT, left, padRight);
      if (signed(x) == 0) {
        return s;
      }
      int lead = s.length() - s.stripLeading().length();
      return s.substring(0, lead) + "+" + s.substring(lead);
    }
  }

  /** NumPy's {@code _formatArray}: brackets, separators, summary markers and line wrapping. */
  private record Layout(Host h, LongFunction<String> fmt) {
    /**
     * Formats the sub-array at {@code axis} whose first element is flat index {@code base} of h.
     */
    String recurse(int axis, long base, String hanging, int width) {
      int nd = h.shape.length;
      if (axis == nd) {
        return fmt.apply(base);
      }
      String nextHanging = hanging + " ";
      int nextWidth = width - 1;
      long len = h.shape[axis];
      long stride = 1;
      for (int i = axis + 1; i < nd; i++) {
        stride *= h.shape[i];
      }
      boolean summary = h.cut[axis];
      long leading = summary ? EDGE : 0;
      long trailing = summary ? EDGE : len;
      StringBuilder s = new StringBuilder();
      if (nd - axis == 1) {
        int elemWidth = width - 1;
        StringBuilder line = new StringBuilder(hanging);
        for (long i = 0; i < leading; i++) {
          extend(
              s,
              line,
              recurse(axis + 1, base + i * stride, nextHanging, nextWidth),
              elemWidth,
              hanging);
          line.append(' ');
        }
        if (summary) {
          extend(s, line, "...", elemWidth, hanging);
          line.append(' ');
        }
        for (long i = trailing; i > 1; i--) {
          extend(
              s,
              line,
              recurse(axis + 1, base + (len - i) * stride, nextHanging, nextWidth),
              elemWidth,
              hanging);
          line.append(' ');
        }
        extend(
            s,
            line,
            recurse(axis + 1, base + (len - 1) * stride, nextHanging, nextWidth),
            elemWidth,
            hanging);
        s.append(line);
      } else {
        String sep = "\n".repeat(nd - axis - 1);
        for (long i = 0; i < leading; i++) {
          s.append(hanging)
              .append(recurse(axis + 1, base + i * stride, nextHanging, nextWidth))
              .append(sep);
        }
        if (summary) {
          s.append(hanging).append("...").append(sep);
        }
        for (long i = trailing; i > 1; i--) {
          s.append(hanging)
              .append(recurse(axis + 1, base + (len - i) * stride, nextHanging, nextWidth))
              .append(sep);
        }
        s.append(hanging)
            .append(recurse(axis + 1, base + (len - 1) * stride, nextHanging, nextWidth));
      }
      return "[" + s.substring(hanging.length()) + "]";
    }

    /**
     * NumPy's {@code _extendLine}: wrap before a word that would pass the width, unless the line is
     * empty.
     */
    private static void extend(
        StringBuilder s, StringBuilder line, String word, int width, String hanging) {
      boolean wrap = line.length() + word.length() > width && line.length() > hanging.length();
      if (wrap) {
        s.append(line.toString().stripTrailing()).append('\n');
        line.setLength(0);
        line.append(hanging);
      }
      line.append(word);
    }
  }
}
