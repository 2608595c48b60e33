package io.ndj.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.ndj.Backend;
import io.ndj.DType;
import io.ndj.Nd;
import io.ndj.NdArray;
import io.ndj.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ND4J's declarable ops run in per-thread op contexts that are reused: threads computing at once
 * must each get their own answers, ops with integer arguments (reductions along an axis)
 * interleaved with ops without them.
 */
class Nd4jThreadsTest {
  private static Backend nd4j;

  @BeforeAll
  static void available() {
    nd4j = Nd4jTestBackend.get();
  }

  /**
   * x + x, x summed along axis 1, the whole sum and the max, for x = arange(seed, seed + 600) as 20
   * x 30.
   */
  private static double[][] compute(int seed) {
    try (Scope scope = Nd.scope()) {
      NdArray x = nd4j.arange(seed, seed + 600).astype(DType.FLOAT64).reshape(20, 30);
      return new double[][] {
        x.add(x).toDoubleArray(),
        x.sum(1).toDoubleArray(),
        x.sum().toDoubleArray(),
        x.max().toDoubleArray()
      };
    }
  }

  /** The same values in plain Java loops. */
  private static double[][] expected(int seed) {
    double[] twice = new double[600];
    double[] rows = new double[20];
    double all = 0;
    for (int i = 0; i < 600; i++) {
      double v = seed + i;
      twice[i] = 2 * v;
      rows[i / 30] += v;
      all += v;
    }
    return new double[][] {twice, rows, {all}, {seed + 599}};
  }

  @Test
  void threadsAtOnceGetTheirOwnAnswers() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 200; i++) {
                    int seed = 1000 * thread + i;
                    double[][] want = expected(seed);
                    double[][] got = compute(seed);
                    for (int k = 0; k < want.length; k++) {
                      assertArrayEquals(
                          want[k], got[k], "thread " + thread + " round " + i + " result " + k);
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
