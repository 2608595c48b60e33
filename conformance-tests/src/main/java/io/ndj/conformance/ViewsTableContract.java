package io.ndj.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ndj.DType;
import io.ndj.Index;
import io.ndj.NdArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Views and basic indexing: shapes, byte strides, flags and printed values as NumPy 2.4 reports
 * them.
 */
public interface ViewsTableContract extends KitSupport {
  @ParameterizedTest(name = "x[{0}]")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          1:, ::-2, None, ...|(1, 2, 1, 4)|96,-64,0,8|false|[[[[20 21 22 23]]\\n\\n  [[12 13 14 15]]]]
          ..., 1|(2, 3)|96,32|false|[[ 1  5  9]\\n [13 17 21]]
          0|(3, 4)|32,8|true|[[ 0  1  2  3]\\n [ 4  5  6  7]\\n [ 8  9 10 11]]
          -1, 1:3|(2, 4)|32,8|true|[[16 17 18 19]\\n [20 21 22 23]]
          :, None, :, -1|(2, 1, 3)|96,0,32|false|[[[ 3  7 11]]\\n\\n [[15 19 23]]]
          ::2, ::-1, 1::2|(1, 3, 2)|192,-32,16|false|[[[ 9 11]\\n  [ 5  7]\\n  [ 1  3]]]
          1, 2, 3|()||true|23
          None|(1, 2, 3, 4)|0,96,32,8|true|[[[[ 0  1  2  3]\\n   [ 4  5  6  7]\\n   [ 8  9 10 11]]\\n\\n  [[12 13 14 15]\\n   [16 17 18 19]\\n   [20 21 22 23]]]]
          """)
  default void basicIndexingIsAViewLikeNumpy(
      String index, String shape, String strides, boolean cContiguous, String printed) {
    NdArray x = arange(24).reshape(2, 3, 4);
    NdArray v = x.get(index);
    assertEquals(shape, v.shape().toString());
    assertArrayEquals(parse(strides), v.strides());
    assertEquals(cContiguous, v.flags().cContiguous());
    assertFalse(v.flags().ownData());
    assertEquals(printed.replace("\\n", "\n"), v.toString());
  }

  private static long[] parse(String s) {
    if (s == null || s.isEmpty()) {
      return new long[0];
    }
    String[] p = s.split(",");
    long[] r = new long[p.length];
    for (int i = 0; i < p.length; i++) {
      r[i] = Long.parseLong(p[i]);
    }
    return r;
  }

  @Test
  default void typedIndexEqualsStringIndex() {
    NdArray x = arange(24).reshape(2, 3, 4);
    NdArray a =
        x.get(
            Index.slice(1L, null, null),
            Index.slice(null, null, -2L),
            Index.NEWAXIS,
            Index.ELLIPSIS);
    NdArray b = x.get("1:, ::-2, None, ...");
    assertEquals(b.toString(), a.toString());
    assertEquals(b.shape(), a.shape());
  }

  @Test
  default void writesThroughAViewAreSeenByTheBase() {
    NdArray x = arange(24).reshape(2, 3, 4);
    NdArray v = x.get("1, ::2, 1:3");
    v.set("...", -1);
    assertEquals(
        "[[[ 0  1  2  3]\n  [ 4  5  6  7]\n  [ 8  9 10 11]]\n\n [[12 -1 -1 15]\n  [16 17 18 19]\n  [20 -1 -1 23]]]",
        x.toString());
  }

  @Test
  default void setBroadcastsAndCasts() {
    NdArray x = arange(24).reshape(2, 3, 4);
    NdArray y = zeros(DType.INT32, 2, 3);
    y.set(":, 1:", array(new double[] {1.9, -2.7}));
    assertEquals("[[ 0  1 -2]\n [ 0  1 -2]]", y.toString());
    y.set("0", 7);
    assertEquals("[[ 7  7  7]\n [ 0  1 -2]]", y.toString());
  }

  @Test
  default void overlappingSelfAssignmentCopiesFirst() {
    NdArray x = arange(24).reshape(2, 3, 4);
    NdArray a = arange(6);
    a.set("1:", a.get(":-1"));
    assertEquals("[0 0 1 2 3 4]", a.toString());
  }

  @Test
  default void transposeAndFriends() {
    NdArray x = arange(24).reshape(2, 3, 4);
    NdArray y = arange(12.0, 0.0, -1.0).reshape(3, 4);
    NdArray t = y.T();
    assertArrayEquals(new long[] {8, 32}, t.strides());
    assertTrue(t.flags().fContiguous());
    assertEquals("(3, 4, 2)", x.moveaxis(0, -1).shape().toString());
    assertEquals("(4, 3, 2)", x.swapaxes(0, 2).shape().toString());
    assertEquals("(2, 3, 4, 1)", x.expandDims(-1).shape().toString());
    assertEquals("(3,)", ones(1, 3, 1).squeeze().shape().toString());
    assertEquals("(4, 2, 3)", x.transpose(2, 0, 1).shape().toString());
    assertEquals(x.toString(), x.T().T().toString());
  }

  @Test
  default void broadcastToIsReadOnlyWithZeroStrides() {
    NdArray x = arange(24).reshape(2, 3, 4);
    NdArray b = arange(12.0, 0.0, -1.0).reshape(3, 4).get("0").broadcastTo(2, 3, 4);
    assertArrayEquals(new long[] {0, 0, 8}, b.strides());
    assertFalse(b.flags().writeable());
    assertEquals(
        "[[12. 11. 10.  9.]\n [12. 11. 10.  9.]\n [12. 11. 10.  9.]]", b.get("1").toString());
  }

  @Test
  default void reshapeIsAViewWhenStridesAllowAndACopyOtherwise() {
    NdArray x = arange(24).reshape(2, 3, 4);
    NdArray t = x.get("0").T(); // (4, 3), strides (8, 32)
    NdArray copy = t.reshape(3, 4);
    NdArray view = t.reshape(2, 2, 3);
    x.set("0, 0, 0", 100);
    assertEquals(0, copy.get(0, 0).longValue());
    assertEquals(100, view.get(0, 0, 0).longValue());
    assertEquals("(4, 3)", t.reshape(4, -1).shape().toString());
    assertEquals("[[0 4 8]\n [1 5 9]]", arange(12).reshape(3, 4).T().get(":2").toString());
  }

  @Test
  default void ravelOfContiguousIsAViewFlattenIsACopy() {
    NdArray x = arange(24).reshape(2, 3, 4);
    NdArray r = x.ravel();
    NdArray f = x.flatten();
    x.set("0, 0, 1", 42);
    assertEquals(42, r.get(1).longValue());
    assertEquals(1, f.get(1).longValue());
    assertTrue(f.flags().ownData() || f.flags().cContiguous());
  }
}
