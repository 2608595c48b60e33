package io.ndj.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ndj.spi.Gaussian;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The vector lanes give {@link Gaussian#pair}'s bits for every block, float64 and float32: random
 * blocks and the edges of both uniforms (u1 = 0 and its largest value, both branches of log's
 * reduction, u2 on whole and half quarter turns and next to 1), odd counts.
 */
class GaussianRunsTest {
  private static long[][] blocks(int n) {
    SplittableRandom r = new SplittableRandom(2026);
    long[] first = new long[n];
    long[] last = new long[n];
    long[] edges = {
      0,
      1L << 11,
      -1L,
      -1L << 11,
      0x8000000000000000L,
      0x7FFFFFFFFFFFFFFFL,
      0x4000000000000000L,
      0xC000000000000000L,
      0x2000000000000000L,
      0x6000000000000000L,
      0xA000000000000000L,
      0xE000000000000000L,
      0xFFFFFF0000000000L,
      0xFFFFFE0000000000L
    };
    for (int i = 0; i < n; i++) {
      first[i] = i < edges.length ? edges[i] : r.nextLong();
      last[i] = i < edges.length ? edges[edges.length - 1 - i] : r.nextLong();
      if (i % 7 == 3) { // a small u1 mantissa range: log's other branch
        first[i] = r.nextLong(0, 1L << 40) << 11;
      }
    }
    return new long[][] {first, last};
  }

  @Test
  void doublePairsAreGaussiansToTheBit() {
    int n = 1003;
    long[][] b = blocks(n);
    for (int m : new int[] {2 * n, 2 * n - 1, 17}) {
      int pairs = (m + 1) / 2;
      double[] got = new double[2 * n];
      double[] want = new double[2 * n];
      GaussianRuns.pairs(b[0], b[1], got, pairs, m);
      for (int j = 0; j < pairs; j++) {
        Gaussian.pair(b[0][j], b[1][j], want, 2 * j, 2 * j + 1 < m);
      }
      for (int i = 0; i < m; i++) {
        assertEquals(
            Double.doubleToRawLongBits(want[i]), Double.doubleToRawLongBits(got[i]), "value " + i);
      }
    }
  }

  @Test
  void floatPairsAreGaussiansToTheBit() {
    int n = 1003;
    long[][] b = blocks(n);
    for (int m : new int[] {2 * n, 2 * n - 1, 17}) {
      int pairs = (m + 1) / 2;
      float[] got = new float[2 * n];
      float[] want = new float[2 * n];
      GaussianRuns.pairs(b[0], b[1], got, pairs, m);
      for (int j = 0; j < pairs; j++) {
        Gaussian.pair(b[0][j], b[1][j], want, 2 * j, 2 * j + 1 < m);
      }
      for (int i = 0; i < m; i++) {
        assertEquals(
            Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(got[i]), "value " + i);
      }
    }
  }
}
