package io.ndj;

import java.util.Arrays;

/** NumPy's broadcasting rules, once for every operation. */
final class Broadcast {
  private Broadcast() {}

  /**
   * The shape two or more shapes broadcast to.
   *
   * @throws IllegalArgumentException "operands could not be broadcast together with shapes (2,3)
   *     (4,) "
   */
  static long[] shapes(long[]... shapes) {
    if (shapes.length == 2 && Arrays.equals(shapes[0], shapes[1])) {
      return shapes[
          0]; // shape arrays are never written once made, so the result may share an operand's
    }
    int nd = 0;
    for (long[] s : shapes) {
      nd = Math.max(nd, s.length);
    }
    long[] out = new long[nd];
    java.util.Arrays.fill(out, 1);
    for (long[] s : shapes) {
      for (int i = 0; i < s.length; i++) {
        int o = nd - s.length + i;
        long d = s[i];
        if (d == out[o] || d == 1) {
          continue;
        }
        if (out[o] == 1) {
          out[o] = d;
        } else {
          StringBuilder m =
              new StringBuilder("operands could not be broadcast together with shapes ");
          for (long[] t : shapes) {
            m.append(Shape.format(t, ",")).append(' ');
          }
          throw new IllegalArgumentException(m.toString());
        }
      }
    }
    return out;
  }

  /**
   * Element strides of {@code a} seen as shape {@code out} (0 on broadcast axes); out must be
   * reachable.
   */
  static long[] strides(NdArray a, long[] out) {
    if (Arrays.equals(a.shape, out)) {
      return a.strides;
    }
    long[] st = new long[out.length];
    int lead = out.length - a.shape.length;
    for (int i = 0; i < a.shape.length; i++) {
      st[lead + i] = a.shape[i] == 1 && out[lead + i] != 1 ? 0 : a.strides[i];
    }
    return st;
  }

  /** Whether {@code from} broadcasts to exactly {@code to}. */
  static boolean fits(long[] from, long[] to) {
    if (from.length > to.length) {
      return false;
    }
    for (int i = 0; i < from.length; i++) {
      long f = from[i];
      if (f != 1 && f != to[to.length - from.length + i]) {
        return false;
      }
    }
    return true;
  }

  static void check(long[] from, long[] to, String message) {
    if (!fits(from, to)) {
      throw new IllegalArgumentException(
          message
              .replace("{from}", Shape.format(from, ","))
              .replace("{to}", Shape.format(to, ",")));
    }
  }
}
