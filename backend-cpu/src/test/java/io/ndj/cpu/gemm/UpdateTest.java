package io.ndj.cpu.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ndj.cpu.gemm.Update.Operand;
import io.ndj.cpu.gemm.Update.Part;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The factorizations' trailing update, C -= A·B on sub-matrices: edge tiles, more than one KC slice
 * and MC block, A and B read transposed, the lower-triangle form, through the vector micro-kernel
 * and the scalar one, against a plain triple loop. Elements the update does not own (outside C's
 * block, or above the diagonal in the lower form) are left as they were.
 */
class UpdateTest {
  @ParameterizedTest
  @CsvSource({
    "1,1,1,false,false",
    "6,16,16,false,false",
    "7,19,300,true,false",
    "200,33,513,false,true",
    "97,150,257,true,true",
    "13,5,1,false,false",
    "130,130,40,false,false"
  })
  void updateMatchesTheTripleLoop(int m, int n, int k, boolean transposeA, boolean transposeB) {
    for (boolean scalar : new boolean[] {false, true}) {
      for (Part owed : Part.values()) {
        if (owed != Part.ALL && m != n) {
          continue;
        }
        System.setProperty("ndj.cpu.scalarMatmul", String.valueOf(scalar));
        try {
          check(m, n, k, transposeA, transposeB, owed);
        } finally {
          System.clearProperty("ndj.cpu.scalarMatmul");
        }
      }
    }
  }

  private static void check(int m, int n, int k, boolean ta, boolean tb, Part owed) {
    SplittableRandom r = new SplittableRandom(m * 31L + n * 7L + k);
    // each operand sits at an offset inside a larger array, with a leading dimension past its width
    int lda = (ta ? m : k) + 3;
    int ldb = (tb ? k : n) + 5;
    int ldc = n + 2;
    double[] a = random(r, 4 + lda * (ta ? k : m));
    double[] b = random(r, 2 + ldb * (tb ? n : k));
    double[] c = random(r, 7 + ldc * m);
    double[] want = c.clone();
    Operand oa = ta ? new Operand(a, 4, 1, lda) : new Operand(a, 4, lda, 1);
    Operand ob = tb ? new Operand(b, 2, 1, ldb) : new Operand(b, 2, ldb, 1);
    for (int i = 0; i < m; i++) {
      for (int j = owed == Part.UPPER ? i : 0; j < (owed == Part.LOWER ? i + 1 : n); j++) {
        double s = 0;
        for (int p = 0; p < k; p++) {
          s += oa.at(i, p) * ob.at(p, j);
        }
        want[7 + i * ldc + j] -= s;
      }
    }
    Update.subtract(m, n, k, oa, ob, c, 7, ldc, owed);
    for (int i = 0; i < c.length; i++) {
      int row = (i - 7) / ldc;
      int col = (i - 7) % ldc;
      boolean inside = i >= 7 && row < m && col < n;
      boolean free = inside && (owed == Part.LOWER && col > row || owed == Part.UPPER && col < row);
      if (!free) {
        assertEquals(want[i], c[i], 1e-12 * k, "element " + i + " " + owed);
      }
    }
  }

  private static double[] random(SplittableRandom r, int size) {
    double[] x = new double[size];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextDouble(-1, 1);
    }
    return x;
  }
}
