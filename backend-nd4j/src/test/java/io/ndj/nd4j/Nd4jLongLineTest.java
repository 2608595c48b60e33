package io.ndj.nd4j;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ndj.DType;
import io.ndj.spi.View;
import org.junit.jupiter.api.Test;

/**
 * ND4J's sorts index a line with a C int: a line of 2^31 elements or more crashed the JVM inside
 * libnd4jcpu ({@code SpecialMethods::quickSort_parallel_internal}). The kernels refuse it before
 * any native call (so no buffer is needed to show it).
 */
class Nd4jLongLineTest {
  @Test
  void sortsOfLinesPastAnIntAreRefusedBeforeNd4jIsCalled() {
    Nd4jTestBackend.get(); // ND4J loaded, as the kernels expect
    Nd4jKernels k = new Nd4jKernels();
    long n = (1L << 31) + 7;
    View line = new View(null, DType.INT8, new long[] {n}, new long[] {1}, 0);
    View lines = new View(null, DType.INT8, new long[] {3, n}, new long[] {n, 1}, 0);
    for (View v : new View[] {line, lines}) {
      int axis = v.ndim() - 1;
      UnsupportedOperationException e =
          assertThrows(UnsupportedOperationException.class, () -> k.sort(v, v, axis));
      assertTrue(e.getMessage().contains("2147483655 elements"), e.getMessage());
      assertThrows(UnsupportedOperationException.class, () -> k.argsort(v, v, axis));
    }
  }
}
