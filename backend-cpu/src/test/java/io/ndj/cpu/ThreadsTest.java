package io.ndj.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ndj.DType;
import io.ndj.Nd;
import io.ndj.NdArray;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Operations on different arrays from many threads give the same results as on one thread. */
class ThreadsTest {
  private static String work(int seed) {
    try (var scope = Nd.scope()) {
      NdArray x = Nd.arange(seed, seed + 300_000L).astype(DType.FLOAT64).reshape(300, 1000);
      NdArray y = x.sin().multiply(x.cos()).add(x.T().sum(1).get("None, :300").T());
      return y.sum(0).get(":5").toString()
          + y.std().toString()
          + x.astype(DType.INT32).max(1).get("-3:");
    }
  }

  @Test
  void manyThreadsAgreeWithOne() throws Exception {
    int n = 8;
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      expected.add(work(i));
    }
    try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
      for (int round = 0; round < 3; round++) {
        List<Future<String>> got = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          int s = i;
          got.add(pool.submit(() -> work(s)));
        }
        for (int i = 0; i < n; i++) {
          assertEquals(expected.get(i), got.get(i).get());
        }
      }
    }
  }
}
