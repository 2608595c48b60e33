package io.ndj.cpu.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

// Twin of VectorGemm, kept: the Vector API compiles to SIMD only where C2 sees a constant species,
// which a kernel shared by both types would not give it.
/** {@link Gemm32}'s micro-kernel: {@link VectorGemm}'s for float32, a 6 x 32 tile of C. */
public final class VectorGemm32 {
  private VectorGemm32() {}

  static void tile(int kc, float[] a, int ao, float[] b, int bo, float[] c, int co, int ldc) {
    Impl.tile(kc, a, ao, b, bo, c, co, ldc);
  }

  /** Holds the vector code, loaded on first use. */
  private static final class Impl {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    static void tile(int kc, float[] a, int ao, float[] b, int bo, float[] c, int co, int ldc) {
      if (S.length() == 16) {
        tile512(kc, a, ao, b, bo, c, co, ldc);
      } else {
        generic(kc, a, ao, b, bo, c, co, ldc);
      }
    }

    /**
     * 512-bit vectors: two per row of 32 columns, twelve accumulators. No vector leaves this method
     * (passed to a helper, C2 may box them).
     */
    private static void tile512(
        int kc, float[] a, int ao, float[] b, int bo, float[] c, int co, int ldc) {
      FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
      FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
      FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
      FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
      FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
      FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
      for (int p = 0; p < kc; p++) {
        int bb = bo + p * 32;
        FloatVector b0 = FloatVector.fromArray(S, b, bb);
        FloatVector b1 = FloatVector.fromArray(S, b, bb + 16);
        int aa = ao + p * 6;
        FloatVector x = FloatVector.broadcast(S, a[aa]);
        c00 = x.fma(b0, c00);
        c01 = x.fma(b1, c01);
        x = FloatVector.broadcast(S, a[aa + 1]);
        c10 = x.fma(b0, c10);
        c11 = x.fma(b1, c11);
        x = FloatVector.broadcast(S, a[aa + 2]);
        c20 = x.fma(b0, c20);
        c21 = x.fma(b1, c21);
        x = FloatVector.broadcast(S, a[aa + 3]);
        c30 = x.fma(b0, c30);
        c31 = x.fma(b1, c31);
        x = FloatVector.broadcast(S, a[aa + 4]);
        c40 = x.fma(b0, c40);
        c41 = x.fma(b1, c41);
        x = FloatVector.broadcast(S, a[aa + 5]);
        c50 = x.fma(b0, c50);
        c51 = x.fma(b1, c51);
      }
      FloatVector.fromArray(S, c, co).add(c00).intoArray(c, co);
      FloatVector.fromArray(S, c, co + 16).add(c01).intoArray(c, co + 16);
      FloatVector.fromArray(S, c, co + ldc).add(c10).intoArray(c, co + ldc);
      FloatVector.fromArray(S, c, co + ldc + 16).add(c11).intoArray(c, co + ldc + 16);
      FloatVector.fromArray(S, c, co + 2 * ldc).add(c20).intoArray(c, co + 2 * ldc);
      FloatVector.fromArray(S, c, co + 2 * ldc + 16).add(c21).intoArray(c, co + 2 * ldc + 16);
      FloatVector.fromArray(S, c, co + 3 * ldc).add(c30).intoArray(c, co + 3 * ldc);
      FloatVector.fromArray(S, c, co + 3 * ldc + 16).add(c31).intoArray(c, co + 3 * ldc + 16);
      FloatVector.fromArray(S, c, co + 4 * ldc).add(c40).intoArray(c, co + 4 * ldc);
      FloatVector.fromArray(S, c, co + 4 * ldc + 16).add(c41).intoArray(c, co + 4 * ldc + 16);
      FloatVector.fromArray(S, c, co + 5 * ldc).add(c50).intoArray(c, co + 5 * ldc);
      FloatVector.fromArray(S, c, co + 5 * ldc + 16).add(c51).intoArray(c, co + 5 * ldc + 16);
    }

    /** Any other vector width: one row of the tile at a time. */
    private static void generic(
        int kc, float[] a, int ao, float[] b, int bo, float[] c, int co, int ldc) {
      int l = S.length();
      for (int r = 0; r < 6; r++) {
        for (int j = 0; j < 32; j += l) {
          FloatVector acc = FloatVector.zero(S);
          for (int p = 0; p < kc; p++) {
            acc =
                FloatVector.broadcast(S, a[ao + p * 6 + r])
                    .fma(FloatVector.fromArray(S, b, bo + p * 32 + j), acc);
          }
          int at = co + r * ldc + j;
          FloatVector.fromArray(S, c, at).add(acc).intoArray(c, at);
        }
      }
    }
  }
}
