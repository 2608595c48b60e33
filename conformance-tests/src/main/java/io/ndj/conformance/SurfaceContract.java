package io.ndj.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.ndj.DType;
import io.ndj.Index;
import io.ndj.Nd;
import io.ndj.NdArray;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Advanced indexing, joins, scans, linear algebra, sorting and unique against NumPy 2.4: each
 * expected string and dtype was printed by NumPy for the same expression ({@code x =
 * np.arange(24).reshape(2, 3, 4)}, {@code f = np.array([3.5, -1.0, nan, 2.0, -1.0, 0.5])}).
 */
public interface SurfaceContract extends KitSupport {
  /**
   * One case, named by its Java expression: {@code make}'s array prints as {@code numpy}, of {@code
   * dtype}.
   */
  private static DynamicTest example(
      String numpy, String dtype, String java, Supplier<NdArray> make) {
    return dynamicTest(
        java,
        () -> {
          try (NdArray r = make.get()) {
            assertEquals(numpy, r.toString(), java);
            assertEquals(dtype, r.dtype().toString(), java);
          }
        });
  }

  @TestFactory
  default Stream<DynamicTest> indexingJoinsAndSortsMatchNumpy() {
    NdArray x = arange(24).reshape(2, 3, 4);
    NdArray f = array(new double[] {3.5, -1.0, Double.NaN, 2.0, -1.0, 0.5});
    return Stream.of(
        example(
            "[[[12 13 14 15]\n  [16 17 18 19]\n  [20 21 22 23]]\n\n [[ 0  1  2  3]\n  [ 4  5  6  7]\n  [ 8  9 10 11]]\n\n [[12 13 14 15]\n  [16 17 18 19]\n  [20 21 22 23]]]",
            "int64",
            "x.get(array(new long[] {1, 0, 1}))",
            () -> x.get(array(new long[] {1, 0, 1}))),
        example(
            "[[[ 9 10]\n  [ 1  2]]\n\n [[21 22]\n  [13 14]]]",
            "int64",
            "x.get(Index.all(), Index.of(array(new long[] {2, 0})), Index.slice(1, 3))",
            () -> x.get(Index.all(), Index.of(array(new long[] {2, 0})), Index.slice(1, 3))),
        example(
            "[[15 19 23]\n [ 3  7 11]]",
            "int64",
            "x.get(Index.of(array(new long[] {1, 0})), Index.all(), Index.of(array(new long[] {3, -1})))",
            () ->
                x.get(
                    Index.of(array(new long[] {1, 0})),
                    Index.all(),
                    Index.of(array(new long[] {3, -1})))),
        example(
            "[[[12 16 20]\n  [13 17 21]]\n\n [[14 18 22]\n  [15 19 23]]]",
            "int64",
            "x.get(Index.at(1), Index.all(), Index.of(array(new long[][] {{0, 1}, {2, 3}})))",
            () -> x.get(Index.at(1), Index.all(), Index.of(array(new long[][] {{0, 1}, {2, 3}})))),
        example(
            "[[ 1 11]\n [13 23]]",
            "int64",
            "x.get(Index.all(), Index.of(array(new long[] {0, 2})), Index.of(array(new long[] {1, 3})))",
            () ->
                x.get(
                    Index.all(),
                    Index.of(array(new long[] {0, 2})),
                    Index.of(array(new long[] {1, 3})))),
        example("[16 17 18 19 20 21 22 23]", "int64", "x.get(x.gt(15L))", () -> x.get(x.gt(15L))),
        example(
            "[[ 0  1  2  3]\n [ 8  9 10 11]]",
            "int64",
            "x.get(Index.at(0), Index.of(array(new boolean[] {true, false, true})))",
            () -> x.get(Index.at(0), Index.of(array(new boolean[] {true, false, true})))),
        example(
            "[[[[12]\n   [13]\n   [14]\n   [15]]\n\n  [[16]\n   [17]\n   [18]\n   [19]]\n\n  [[20]\n   [21]\n   [22]\n   [23]]]]",
            "int64",
            "x.get(Index.of(array(new long[] {1})), Index.ELLIPSIS, Index.NEWAXIS)",
            () -> x.get(Index.of(array(new long[] {1})), Index.ELLIPSIS, Index.NEWAXIS)),
        example(
            "[[[ 3  0]\n  [ 7  4]\n  [11  8]]\n\n [[15 12]\n  [19 16]\n  [23 20]]]",
            "int64",
            "x.take(array(new long[] {3, 0}), 2)",
            () -> x.take(array(new long[] {3, 0}), 2)),
        example(
            "[23  5]",
            "int64",
            "x.take(array(new long[] {23, 5}))",
            () -> x.take(array(new long[] {23, 5}))),
        example("[[0]\n [1]\n [2]\n [3]\n [4]\n [5]]", "int64", "f.argwhere()", () -> f.argwhere()),
        example(
            "[3.5 2.  0.5]", "float64", "f.compress(f.gt(0.0), 0)", () -> f.compress(f.gt(0.0), 0)),
        example(
            "[[[-1.5 -1.5 -1.5 -1.5]\n  [-1.5 -1.5 -1.5 -1.5]\n  [-1.5 -1.5 -1.5 -1.5]]\n\n [[-1.5 -1.5 -1.5 -1.5]\n  [-1.5 -1.5 -1.5 -1.5]\n  [-1.5 21.  22.  23. ]]]",
            "float64",
            "Nd.where(x.gt(20L), x, scalar(-1.5))",
            () -> Nd.where(x.gt(20L), x, scalar(-1.5))),
        example(
            "[[[ 0  1  2  3]\n  [ 4  5  6  7]\n  [ 8  9 10 11]\n  [ 0  1  2  3]\n  [ 4  5  6  7]\n  [ 8  9 10 11]]\n\n [[12 13 14 15]\n  [16 17 18 19]\n  [20 21 22 23]\n  [12 13 14 15]\n  [16 17 18 19]\n  [20 21 22 23]]]",
            "int64",
            "Nd.concatenate(List.of(x, x), 1)",
            () -> Nd.concatenate(List.of(x, x), 1)),
        example(
            "[[ 3.5  3.5]\n [-1.  -1. ]\n [ nan  nan]\n [ 2.   2. ]\n [-1.  -1. ]\n [ 0.5  0.5]]",
            "float64",
            "Nd.stack(List.of(f, f), 1)",
            () -> Nd.stack(List.of(f, f), 1)),
        example(
            "[0 1 2 0 1]",
            "int64",
            "Nd.hstack(arange(3), arange(2))",
            () -> Nd.hstack(arange(3), arange(2))),
        example(
            "[[0 1 2]\n [0 1 2]]",
            "int64",
            "Nd.vstack(arange(3), arange(3))",
            () -> Nd.vstack(arange(3), arange(3))),
        example(
            "[0 1 2]",
            "int64",
            "Nd.arraySplit(arange(7), 3, 0).get(0)",
            () -> Nd.arraySplit(arange(7), 3, 0).get(0)),
        example(
            "[5 6]",
            "int64",
            "Nd.arraySplit(arange(7), 3, 0).get(2)",
            () -> Nd.arraySplit(arange(7), 3, 0).get(2)),
        example(
            "[[[ 1  2]\n  [ 5  6]\n  [ 9 10]]\n\n [[13 14]\n  [17 18]\n  [21 22]]]",
            "int64",
            "Nd.split(x, new long[] {1, 3}, 2).get(1)",
            () -> Nd.split(x, new long[] {1, 3}, 2).get(1)),
        example(
            "[[0 1 2 0 1 2]\n [0 1 2 0 1 2]]",
            "int64",
            "arange(3).tile(2, 2)",
            () -> arange(3).tile(2, 2)),
        example(
            "[[ 0  1  2  3]\n [ 0  1  2  3]\n [ 4  5  6  7]\n [ 4  5  6  7]\n [ 8  9 10 11]\n [ 8  9 10 11]]",
            "int64",
            "x.get(\"0\").repeat(2, 0)",
            () -> x.get("0").repeat(2, 0)),
        example(
            "[ 0  0  1  1  2  2  3  3  4  4  5  5  6  6  7  7  8  8  9  9 10 10 11 11]",
            "int64",
            "x.get(\"0\").repeat(2)",
            () -> x.get("0").repeat(2)),
        example(
            "[[15 14 13 12]\n [19 18 17 16]\n [23 22 21 20]]",
            "int64",
            "x.flip(0, 2).get(\"0\")",
            () -> x.flip(0, 2).get("0")),
        example(
            "[[14 15 12 13]\n [18 19 16 17]\n [22 23 20 21]]",
            "int64",
            "x.roll(2, 2).get(\"1\")",
            () -> x.roll(2, 2).get("1")),
        example(
            "[[[ 5  6  7  8]\n  [ 9 10 11 12]\n  [13 14 15 16]]\n\n [[17 18 19 20]\n  [21 22 23  0]\n  [ 1  2  3  4]]]",
            "int64",
            "x.roll(-5)",
            () -> x.roll(-5)),
        example(
            "[[9 9 9 9 9 9]\n [9 9 0 1 2 9]\n [9 9 3 4 5 9]]",
            "int64",
            "Nd.pad(arange(6).reshape(2, 3), new long[][] {{1, 0}, {2, 1}}, 9)",
            () -> Nd.pad(arange(6).reshape(2, 3), new long[][] {{1, 0}, {2, 1}}, 9)),
        example(
            "[[[ 0  1  2  3]\n  [ 4  6  8 10]\n  [12 15 18 21]]\n\n [[12 13 14 15]\n  [28 30 32 34]\n  [48 51 54 57]]]",
            "int64",
            "x.cumsum(1)",
            () -> x.cumsum(1)),
        example(
            "[  0   1   3   6  10  15  21  28  36  45  55  66  78  91 105 120 136 153\n 171 190 210 231 253 276]",
            "int64",
            "x.astype(DType.INT8).cumsum()",
            () -> x.astype(DType.INT8).cumsum()),
        example("[ 3.5 -3.5  nan  nan  nan  nan]", "float64", "f.cumprod()", () -> f.cumprod()),
        example(
            "[0.33333334 1.         2.         3.3333335  5.        ]",
            "float32",
            "arange(1.0, 6.0, 1.0).astype(DType.FLOAT32).divide(3).cumsum()",
            () -> arange(1.0, 6.0, 1.0).astype(DType.FLOAT32).divide(3).cumsum()),
        example(
            "[[[ 14  38  62]\n  [ 38 126 214]\n  [ 62 214 366]]\n\n [[ 86 302 518]\n  [110 390 670]\n  [134 478 822]]]",
            "int64",
            "x.matmul(x.get(\"0\").T())",
            () -> x.matmul(x.get("0").T())),
        example(
            "[20 23 26 29]",
            "int64",
            "arange(3).matmul(arange(12).reshape(3, 4))",
            () -> arange(3).matmul(arange(12).reshape(3, 4))),
        example(
            "[13.  4.]",
            "float64",
            "arange(6.0, 0.0, -1.0).reshape(2, 3).matmul(arange(3))",
            () -> arange(6.0, 0.0, -1.0).reshape(2, 3).matmul(arange(3))),
        example(
            "[[[[ 2.  3.]]\n\n  [[ 6.  7.]]\n\n  [[10. 11.]]]\n\n\n [[[ 6. 11.]]\n\n  [[26. 31.]]\n\n  [[46. 51.]]]]",
            "float32",
            "arange(4).astype(DType.FLOAT32).reshape(2, 1, 1, 2).matmul(arange(12).astype(DType.FLOAT32).reshape(3, 2, 2))",
            () ->
                arange(4)
                    .astype(DType.FLOAT32)
                    .reshape(2, 1, 1, 2)
                    .matmul(arange(12).astype(DType.FLOAT32).reshape(3, 2, 2))),
        example(
            "[[ 14  38  62]\n [ 86 110 134]]",
            "int64",
            "Nd.dot(x, arange(4))",
            () -> Nd.dot(x, arange(4))),
        example(
            "[[[ 28  34]\n  [ 76  98]\n  [124 162]]\n\n [[172 226]\n  [220 290]\n  [268 354]]]",
            "int64",
            "Nd.dot(x, arange(8).reshape(4, 2))",
            () -> Nd.dot(x, arange(8).reshape(4, 2))),
        example(
            "1298",
            "int64",
            "Nd.vdot(x.get(\"0\"), x.get(\"1\"))",
            () -> Nd.vdot(x.get("0"), x.get("1"))),
        example(
            "[[ 86 110 134]\n [302 390 478]\n [518 670 822]]",
            "int64",
            "Nd.inner(x.get(\"0\"), x.get(\"1\"))",
            () -> Nd.inner(x.get("0"), x.get("1"))),
        example(
            "[[ 0.  -0.   nan  0.  -0.   0. ]\n [ 3.5 -1.   nan  2.  -1.   0.5]\n [ 7.  -2.   nan  4.  -2.   1. ]]",
            "float64",
            "Nd.outer(arange(3), f)",
            () -> Nd.outer(arange(3), f)),
        example(
            "[ 440 1232]",
            "int64",
            "Nd.tensordot(x, arange(12).reshape(4, 3), new int[] {1, 2}, new int[] {1, 0})",
            () -> Nd.tensordot(x, arange(12).reshape(4, 3), new int[] {1, 2}, new int[] {1, 0})),
        example(
            "[ 506 1298]",
            "int64",
            "Nd.tensordot(x, arange(12).reshape(3, 4), 2)",
            () -> Nd.tensordot(x, arange(12).reshape(3, 4), 2)),
        example("15", "int64", "x.get(\"0\").trace()", () -> x.get("0").trace()),
        example("18", "int64", "x.get(\"0\").trace(1)", () -> x.get("0").trace(1)),
        example("[[ 4  9]\n [16 21]]", "int64", "x.diagonal(-1, 1, 2)", () -> x.diagonal(-1, 1, 2)),
        example("[-1.  -1.   0.5  2.   3.5  nan]", "float64", "f.sort()", () -> f.sort()),
        example(
            "[[[ 3  2  1  0]\n  [ 7  6  5  4]\n  [11 10  9  8]]\n\n [[15 14 13 12]\n  [19 18 17 16]\n  [23 22 21 20]]]",
            "int64",
            "x.flip(2).sort(1)",
            () -> x.flip(2).sort(1)),
        example("[1 4 5 3 0 2]", "int64", "f.argsort()", () -> f.argsort()),
        example(
            "[1 3 5 2 0 4]",
            "int64",
            "array(new long[] {3, 1, 2, 1, 3, 1}).argsort()",
            () -> array(new long[] {3, 1, 2, 1, 3, 1}).argsort()),
        example(
            "[[0 0 0]\n [1 1 1]\n [2 2 2]\n [3 3 3]]",
            "int64",
            "x.get(\"0\").T().argsort(0)",
            () -> x.get("0").T().argsort(0)),
        example("[-1.   0.5  2.   3.5  nan]", "float64", "f.unique()", () -> f.unique()),
        example(
            "[3 1 2]",
            "int64",
            "array(new long[] {3, 1, 2, 1, 3, 1}).uniqueAll().counts()",
            () -> array(new long[] {3, 1, 2, 1, 3, 1}).uniqueAll().counts()),
        example(
            "[1 2 0]",
            "int64",
            "array(new long[] {3, 1, 2, 1, 3, 1}).uniqueAll().indices()",
            () -> array(new long[] {3, 1, 2, 1, 3, 1}).uniqueAll().indices()),
        example(
            "[[2 0 1]\n [0 2 0]]",
            "int64",
            "array(new long[] {3, 1, 2, 1, 3, 1}).reshape(2, 3).uniqueAll().inverse()",
            () -> array(new long[] {3, 1, 2, 1, 3, 1}).reshape(2, 3).uniqueAll().inverse()),
        example(
            "[1 0 4 4]",
            "int64",
            "array(new double[] {1, 2, 2, 3}).searchsorted(array(new double[] {2, 0.5, 9, Double.NaN}))",
            () ->
                array(new double[] {1, 2, 2, 3})
                    .searchsorted(array(new double[] {2, 0.5, 9, Double.NaN}))),
        example(
            "[3 4]",
            "int64",
            "array(new double[] {1, 2, 2, 3}).searchsorted(array(new long[] {2, 3}), true)",
            () -> array(new double[] {1, 2, 2, 3}).searchsorted(array(new long[] {2, 3}), true)));
  }
}
