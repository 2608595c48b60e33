package io.ndj.cpu.gemm;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Gemm}'s micro-kernel on the incubating Vector API: a 6 x 16 tile of C in twelve (AVX-512)
 * or twenty-four (AVX2) vector accumulators. Used only when the JVM runs with {@code --add-modules
 * jdk.incubator.vector}; this class is not loaded otherwise.
 */
public final class VectorGemm {
  private VectorGemm() {}

  /** Whether the module is enabled; checked without touching this class's vector types. */
  public static boolean available() {
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
        && !Boolean.getBoolean("ndj.cpu.noVector");
  }

  static void tile(int kc, double[] a, int ao, double[] b, int bo, double[] c, int co, int ldc) {
    Impl.tile(kc, a, ao, b, bo, c, co, ldc);
  }

  /**
   * The sum of v's lanes in lane order, for vector code (call only where {@link #available()}). Not
   * reduceLanes(ADD): its order is unspecified and differs between the interpreter and compiled
   * code, so a sum's last bits would change once the JIT had compiled it (linalg's svd S and
   * svdvals of one 130 x 97 matrix differed by an ulp when the one ran cold and the other warm).
   */
  public static double sumInLaneOrder(DoubleVector v) {
    double s = 0;
    for (int k = 0; k < v.length(); k++) {
      s += v.lane(k);
    }
    return s;
  }

  /** Holds the vector code, so that {@link #available()} runs without the module. */
  private static final class Impl {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    static void tile(int kc, double[] a, int ao, double[] b, int bo, double[] c, int co, int ldc) {
      if (S.length() == 8) {
        tile512(kc, a, ao, b, bo, c, co, ldc);
      } else {
        generic(kc, a, ao, b, bo, c, co, ldc);
      }
    }

    /**
     * 512-bit vectors: two per row of 16 columns, twelve accumulators. No vector leaves this method
     * (passed to a helper, C2 may box them).
     */
    private static void tile512(
        int kc, double[] a, int ao, double[] b, int bo, double[] c, int co, int ldc) {
      DoubleVector c00 = DoubleVector.zero(S), c01 = DoubleVector.zero(S);
      DoubleVector c10 = DoubleVector.zero(S), c11 = DoubleVector.zero(S);
      DoubleVector c20 = DoubleVector.zero(S), c21 = DoubleVector.zero(S);
      DoubleVector c30 = DoubleVector.zero(S), c31 = DoubleVector.zero(S);
      DoubleVector c40 = DoubleVector.zero(S), c41 = DoubleVector.zero(S);
      DoubleVector c50 = DoubleVector.zero(S), c51 = DoubleVector.zero(S);
      for (int p = 0; p < kc; p++) {
        int bb = bo + p * 16;
        DoubleVector b0 = DoubleVector.fromArray(S, b, bb);
        DoubleVector b1 = DoubleVector.fromArray(S, b, bb + 8);
        int aa = ao + p * 6;
        DoubleVector x = DoubleVector.broadcast(S, a[aa]);
        c00 = x.fma(b0, c00);
        c01 = x.fma(b1, c01);
        x = DoubleVector.broadcast(S, a[aa + 1]);
        c10 = x.fma(b0, c10);
        c11 = x.fma(b1, c11);
        x = DoubleVector.broadcast(S, a[aa + 2]);
        c20 = x.fma(b0, c20);
        c21 = x.fma(b1, c21);
        x = DoubleVector.broadcast(S, a[aa + 3]);
        c30 = x.fma(b0, c30);
        c31 = x.fma(b1, c31);
        x = DoubleVector.broadcast(S, a[aa + 4]);
        c40 = x.fma(b0, c40);
        c41 = x.fma(b1, c41);
        x = DoubleVector.broadcast(S, a[aa + 5]);
        c50 = x.fma(b0, c50);
        c51 = x.fma(b1, c51);
      }
      DoubleVector.fromArray(S, c, co).add(c00).intoArray(c, co);
      DoubleVector.fromArray(S, c, co + 8).add(c01).intoArray(c, co + 8);
      DoubleVector.fromArray(S, c, co + ldc).add(c10).intoArray(c, co + ldc);
      DoubleVector.fromArray(S, c, co + ldc + 8).add(c11).intoArray(c, co + ldc + 8);
      DoubleVector.fromArray(S, c, co + 2 * ldc).add(c20).intoArray(c, co + 2 * ldc);
      DoubleVector.fromArray(S, c, co + 2 * ldc + 8).add(c21).intoArray(c, co + 2 * ldc + 8);
      DoubleVector.fromArray(S, c, co + 3 * ldc).add(c30).intoArray(c, co + 3 * ldc);
      DoubleVector.fromArray(S, c, co + 3 * ldc + 8).add(c31).intoArray(c, co + 3 * ldc + 8);
      DoubleVector.fromArray(S, c, co + 4 * ldc).add(c40).intoArray(c, co + 4 * ldc);
      DoubleVector.fromArray(S, c, co + 4 * ldc + 8).add(c41).intoArray(c, co + 4 * ldc + 8);
      DoubleVector.fromArray(S, c, co + 5 * ldc).add(c50).intoArray(c, co + 5 * ldc);
      DoubleVector.fromArray(S, c, co + 5 * ldc + 8).add(c51).intoArray(c, co + 5 * ldc + 8);
    }

    /** Any other vector width: one row of the tile at a time. */
    private static void generic(
        int kc, double[] a, int ao, double[] b, int bo, double[] c, int co, int ldc) {
      int l = S.length();
      for (int r = 0; r < 6; r++) {
        for (int j = 0; j < 16; j += l) {
          DoubleVector acc = DoubleVector.zero(S);
          for (int p = 0; p < kc; p++) {
            acc =
                DoubleVector.broadcast(S, a[ao + p * 6 + r])
                    .fma(DoubleVector.fromArray(S, b, bo + p * 16 + j), acc);
          }
          int at = co + r * ldc + j;
          DoubleVector.fromArray(S, c, at).add(acc).intoArray(c, at);
        }
      }
    }
  }
}
