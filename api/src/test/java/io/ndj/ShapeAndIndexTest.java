package io.ndj;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ShapeAndIndexTest {
  @Test
  void shapesPrintLikeNumpyTuples() {
    assertEquals("(2, 3)", Shape.of(2, 3).toString());
    assertEquals("(4,)", Shape.of(4).toString());
    assertEquals("()", Shape.scalar().toString());
    assertEquals("(2,3)", Shape.of(2, 3).compact());
    assertEquals(0, Shape.of(2, 0, 3).size());
    assertEquals(1, Shape.scalar().size());
    assertThrows(IllegalArgumentException.class, () -> Shape.of(-1));
  }

  @Test
  void indexParsesNumpySyntax() {
    Index[] ix = Index.parse("1:, ::-2, None, ..., -3, 2:7:3");
    assertEquals(6, ix.length);
    assertEquals(new Index.Slice(1L, null, null), ix[0]);
    assertEquals(new Index.Slice(null, null, -2L), ix[1]);
    assertEquals(Index.NEWAXIS, ix[2]);
    assertEquals(Index.ELLIPSIS, ix[3]);
    assertEquals(Index.at(-3), ix[4]);
    assertEquals("2:7:3", ix[5].toString());
    assertEquals(0, Index.parse("()").length);
  }

  @Test
  void sliceIndicesFollowPython() {
    // Python: slice(None, None, -2).indices(5) == (4, -1, -2), len 3; slice(-10, 10).indices(4) ==
    // (0, 4, 1)
    assertArrayEquals(
        new long[] {4, -1, -2, 3}, Indexing.indices(new Index.Slice(null, null, -2L), 5));
    assertArrayEquals(
        new long[] {0, 4, 1, 4}, Indexing.indices(new Index.Slice(-10L, 10L, null), 4));
    assertArrayEquals(new long[] {3, 1, 1, 0}, Indexing.indices(new Index.Slice(3L, 1L, null), 5));
  }

  @Test
  void floatFormattingRoundsTheExactValueHalfToEven() {
    // numpy: np.format_float_positional(0.125, precision=2) == '0.12', (0.375, 2) == '0.38'
    assertEquals(
        "0.12", FloatFormat.positional(0.125, DType.FLOAT64, 2, 0, FloatFormat.Trim.DOT, 0, 0));
    assertEquals(
        "0.38", FloatFormat.positional(0.375, DType.FLOAT64, 2, 0, FloatFormat.Trim.DOT, 0, 0));
    // str(np.float32(0.1)) == '0.1' although the double value is 0.10000000149011612
    assertEquals("0.1", FloatFormat.scalar((double) 0.1f, DType.FLOAT32));
    assertEquals("1e+16", FloatFormat.scalar(1e16, DType.FLOAT64));
    assertEquals("1.5e-05", FloatFormat.scalar(1.5e-5, DType.FLOAT64));
  }
}
