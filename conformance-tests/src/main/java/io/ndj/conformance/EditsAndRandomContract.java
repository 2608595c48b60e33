package io.ndj.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ndj.Backend;
import io.ndj.DType;
import io.ndj.Generator;
import io.ndj.Index;
import io.ndj.Nd;
import io.ndj.NdArray;
import io.ndj.spi.Philox;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Advanced assignment, put, their errors (NumPy 2.4's outputs written literally), and the random
 * generator.
 */
public interface EditsAndRandomContract extends KitSupport {

  @Test
  default void advancedAssignment() {
    NdArray x = arange(12).reshape(3, 4);
    x.set(
        new Index[] {Index.of(array(new long[] {0, 2})), Index.slice(1, 3)},
        array(new long[][] {{-1, -2}, {-3, -4}}));
    assertEquals("[[ 0 -1 -2  3]\n [ 4  5  6  7]\n [ 8 -3 -4 11]]", x.toString());
    NdArray y = arange(6.0, 12.0, 1.0).subtract(6);
    y.set(y.gt(2.0), 0.5);
    assertEquals("[0.  1.  2.  0.5 0.5 0.5]", y.toString());
    NdArray z = zeros(DType.INT32, 5);
    z.set(array(new long[] {1, 1, 3}), array(new long[] {7, 8, 9}));
    assertEquals("[0 8 0 9 0]", z.toString());
    NdArray w = arange(10);
    w.put(array(new long[] {0, 9, 4}), array(new long[] {-5, -6}));
    assertEquals("[-5  1  2  3 -5  5  6  7  8 -6]", w.toString());
  }

  @Test
  default void errorsLeaveArraysUnchanged() {
    NdArray x = arange(12).reshape(3, 4);
    String before = x.toString();
    IndexOutOfBoundsException e1 =
        assertThrows(
            IndexOutOfBoundsException.class, () -> arange(3).get(array(new long[] {0, 5})));
    assertEquals("index 5 is out of bounds for axis 0 with size 3", e1.getMessage());
    IllegalArgumentException e2 =
        assertThrows(
            IllegalArgumentException.class,
            () -> Nd.concatenate(List.of(ones(2, 3), ones(2, 4)), 0));
    assertEquals(
        "all the input array dimensions except for the concatenation axis must match exactly, but along"
            + " dimension 1, the array at index 0 has size 3 and the array at index 1 has size 4",
        e2.getMessage());
    IllegalArgumentException e3 =
        assertThrows(IllegalArgumentException.class, () -> ones(2, 3).matmul(ones(4, 2)));
    assertEquals(
        "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature"
            + " (n?,k),(k,m?)->(n?,m?) (size 4 is different from 3)",
        e3.getMessage());
    IndexOutOfBoundsException e4 =
        assertThrows(
            IndexOutOfBoundsException.class,
            () -> x.get(Index.of(array(new long[] {0, 1})), Index.of(array(new long[] {0, 1, 2}))));
    assertEquals(
        "shape mismatch: indexing arrays could not be broadcast together with shapes (2,) (3,) ",
        e4.getMessage());
    IllegalArgumentException e5 =
        assertThrows(
            IllegalArgumentException.class, () -> x.set(array(new long[] {0, 1}), ones(3)));
    assertEquals(
        "shape mismatch: value array of shape (3,) could not be broadcast to indexing result of shape"
            + " (2,4)",
        e5.getMessage());
    IndexOutOfBoundsException e6 =
        assertThrows(IndexOutOfBoundsException.class, () -> x.set(array(new long[] {0, 7}), 1));
    assertEquals("index 7 is out of bounds for axis 0 with size 3", e6.getMessage());
    assertEquals(before, x.toString());
  }

  @Test
  default void sumsWithInfinitiesFollowIeee() {
    // numpy: np.sum([1, inf, 2]) == inf; np.sum([inf, -inf]) is nan; np.sum([[inf, 1], [2, 3]], 0)
    // == [inf, 4]
    assertEquals(
        Double.POSITIVE_INFINITY,
        array(new double[] {1, Double.POSITIVE_INFINITY, 2}).sum().doubleValue());
    assertTrue(
        Double.isNaN(
            array(new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
                .sum()
                .doubleValue()));
    assertEquals(
        "[inf  4.]",
        array(new double[][] {{Double.POSITIVE_INFINITY, 1}, {2, 3}}).sum(0).toString());
  }

  @Test
  default void philoxMatchesTheReferenceAnswers() {
    // Random123's known-answer test for philox4x32_10 with key 0 and counter 0: 6627e8d5 e169c58d
    // ...
    assertEquals(0x6627e8d5e169c58dL, Philox.bits(0, 0));
    // computed with an independent Python implementation of the same rounds
    assertEquals(0xe69c9c31b5a3d762L, Philox.bits(0x299f31d0a4093822L, 0x85a308d3243f6a88L));
    assertEquals(0x5099d8094b20b5d2L, Philox.bits(42, 5));
  }

  @Test
  default void theSameSeedGivesTheSameBitsOnEveryBackendInstance() {
    try (Backend other = secondBackend()) {
      Generator g1 = random(42);
      Generator g2 = other.random(42);
      try (NdArray a = g1.bits(1000);
          NdArray b = g2.bits(1000);
          NdArray c = g1.random(3, 4);
          NdArray d = g2.random(3, 4)) {
        assertArrayEquals(a.toLongArray(), b.toLongArray());
        assertArrayEquals(c.toDoubleArray(), d.toDoubleArray());
        long[] bits = a.toLongArray();
        for (int i = 0; i < bits.length; i++) {
          assertEquals(Philox.bits(42, i), bits[i]);
        }
      }
    }
  }

  @Test
  default void distributionsHaveTheirRangesAndMoments() {
    Generator g = random(7);
    NdArray u = g.random(200_000);
    assertTrue(u.min().doubleValue() >= 0 && u.max().doubleValue() < 1);
    assertEquals(0.5, u.mean().doubleValue(), 0.005);
    NdArray n = g.normal(2.0, 3.0, 200_000);
    assertEquals(2.0, n.mean().doubleValue(), 0.03);
    assertEquals(3.0, n.std().doubleValue(), 0.03);
    NdArray i = g.integers(-3, 4, 10_000);
    assertEquals(-3, i.min().longValue());
    assertEquals(3, i.max().longValue());
    assertEquals(DType.INT64, i.dtype());
    long[] p = g.permutation(1000).toLongArray();
    long[] sorted = p.clone();
    Arrays.sort(sorted);
    for (int k = 0; k < sorted.length; k++) {
      assertEquals(k, sorted[k]);
    }
    NdArray c = g.choice(arange(10), 10, false);
    assertEquals("[0 1 2 3 4 5 6 7 8 9]", c.sort().toString());
    NdArray s = arange(20).reshape(10, 2);
    g.shuffle(s);
    assertEquals("[ 0  2  4  6  8 10 12 14 16 18]", s.get(":, 0").sort().toString());
    assertEquals(
        "[ 1  1  1  1  1  1  1  1  1  1]".replace("  ", " ").replace("[ ", "["),
        s.get(":, 1").subtract(s.get(":, 0")).toString());
  }
}
