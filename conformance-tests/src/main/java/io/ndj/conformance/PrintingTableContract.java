package io.ndj.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.ndj.DType;
import io.ndj.NdArray;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code toString()} against NumPy 2.4's {@code str(x)} for the same array; each expected string
 * was printed by NumPy and is written here literally.
 */
public interface PrintingTableContract extends KitSupport {
  /** One case, named by its Java expression: {@code make}'s array prints as {@code numpy}. */
  private static DynamicTest example(String numpy, String java, Supplier<NdArray> make) {
    return dynamicTest(
        java,
        () -> {
          try (NdArray x = make.get()) {
            assertEquals(numpy, x.toString(), java);
          }
        });
  }

  /**
   * 1,500 random float16/32/64 arrays of every magnitude, 0-d to 2-d, printed by NumPy ({@code
   * numpy/numpy-print-fuzz.tsv}, {@code numpy/numpy_print_fuzz.py} beside it).
   */
  @TestFactory
  default Stream<DynamicTest> randomFloatArraysPrintAsNumpy() {
    return KitData.table("numpy/numpy-print-fuzz.tsv").stream()
        .map(
            f ->
                dynamicTest(
                    f[0] + "(" + f[2] + ") " + f[1],
                    () -> {
                      NdArray x =
                          make(
                              f[0],
                              NumpyCasesContract.doubles(f[1]),
                              NumpyCasesContract.longs(f[2]));
                      assertEquals(f[3].replace("\\n", "\n"), x.toString(), f[1]);
                    }));
  }

  @TestFactory
  default Stream<DynamicTest> printsLikeNumpy() {
    return Stream.of(
        example(
            "999.0",
            "array(new double[] {999.0}).astype(DType.FLOAT16).reshape()",
            () -> array(new double[] {999.0}).astype(DType.FLOAT16).reshape()),
        example(
            "1e+03",
            "array(new double[] {1000.0}).astype(DType.FLOAT16).reshape()",
            () -> array(new double[] {1000.0}).astype(DType.FLOAT16).reshape()),
        example(
            "2.047e+03",
            "array(new double[] {2047.0}).astype(DType.FLOAT16).reshape()",
            () -> array(new double[] {2047.0}).astype(DType.FLOAT16).reshape()),
        example(
            "6.55e+04",
            "array(new double[] {65504.0}).astype(DType.FLOAT16).reshape()",
            () -> array(new double[] {65504.0}).astype(DType.FLOAT16).reshape()),
        example(
            "0.0001",
            "array(new double[] {0.0001}).astype(DType.FLOAT16).reshape()",
            () -> array(new double[] {0.0001}).astype(DType.FLOAT16).reshape()),
        example(
            "-1.5e+03",
            "array(new double[] {-1500.0}).astype(DType.FLOAT16).reshape()",
            () -> array(new double[] {-1500.0}).astype(DType.FLOAT16).reshape()),
        example(
            "999999.0",
            "array(new double[] {999999.0}).astype(DType.FLOAT32).reshape()",
            () -> array(new double[] {999999.0}).astype(DType.FLOAT32).reshape()),
        example(
            "1e+06",
            "array(new double[] {1000000.0}).astype(DType.FLOAT32).reshape()",
            () -> array(new double[] {1000000.0}).astype(DType.FLOAT32).reshape()),
        example(
            "1.234567e+06",
            "array(new double[] {1234567.0}).astype(DType.FLOAT32).reshape()",
            () -> array(new double[] {1234567.0}).astype(DType.FLOAT32).reshape()),
        example(
            "1.2345679e+08",
            "array(new double[] {123456789.0}).astype(DType.FLOAT32).reshape()",
            () -> array(new double[] {123456789.0}).astype(DType.FLOAT32).reshape()),
        example(
            "1e-04",
            "array(new double[] {0.0001}).astype(DType.FLOAT32).reshape()",
            () -> array(new double[] {0.0001}).astype(DType.FLOAT32).reshape()),
        example(
            "-3e+07",
            "array(new double[] {-30000000.0}).astype(DType.FLOAT32).reshape()",
            () -> array(new double[] {-30000000.0}).astype(DType.FLOAT32).reshape()),
        example(
            "0.5",
            "array(new double[] {0.5}).astype(DType.FLOAT32).reshape()",
            () -> array(new double[] {0.5}).astype(DType.FLOAT32).reshape()),
        example(
            "9999000000000000.0",
            "array(new double[] {9999000000000000.0}).astype(DType.FLOAT64).reshape()",
            () -> array(new double[] {9999000000000000.0}).astype(DType.FLOAT64).reshape()),
        example(
            "1e+16",
            "array(new double[] {1e+16}).astype(DType.FLOAT64).reshape()",
            () -> array(new double[] {1e+16}).astype(DType.FLOAT64).reshape()),
        example(
            "0.0001",
            "array(new double[] {0.0001}).astype(DType.FLOAT64).reshape()",
            () -> array(new double[] {0.0001}).astype(DType.FLOAT64).reshape()),
        example(
            "9.99e-05",
            "array(new double[] {9.99e-05}).astype(DType.FLOAT64).reshape()",
            () -> array(new double[] {9.99e-05}).astype(DType.FLOAT64).reshape()),
        example(
            "[[0. 1. 2.]\n [3. 4. 5.]]",
            "arange(6).reshape(2, 3).astype(DType.FLOAT32)",
            () -> arange(6).reshape(2, 3).astype(DType.FLOAT32)),
        example(
            "[ 3. 12.]",
            "arange(6).reshape(2, 3).astype(DType.FLOAT32).sum(1)",
            () -> arange(6).reshape(2, 3).astype(DType.FLOAT32).sum(1)),
        example(
            "[0.1   0.25  0.001]",
            "array(new double[] {0.1, 0.25, 1e-3})",
            () -> array(new double[] {0.1, 0.25, 1e-3})),
        example(
            "[1.0e-05 1.5e+10]",
            "array(new double[] {1e-5, 1.5e10})",
            () -> array(new double[] {1e-5, 1.5e10})),
        example(
            "[ nan   1. -inf]",
            "array(new double[] {Double.NaN, 1.0, Double.NEGATIVE_INFINITY})",
            () -> array(new double[] {Double.NaN, 1.0, Double.NEGATIVE_INFINITY})),
        example(
            "[1.e-01 1.e-05    nan]",
            "array(new double[] {0.1, 1e-5, Double.NaN})",
            () -> array(new double[] {0.1, 1e-5, Double.NaN})),
        example("[   0    1    2 ...  998  999 1000]", "arange(1001)", () -> arange(1001)),
        example(
            "[[0.000e+00 1.000e+00 2.000e+00 ... 9.700e+01 9.800e+01 9.900e+01]\n [1.000e+02 1.010e+02 1.020e+02 ... 1.970e+02 1.980e+02 1.990e+02]\n [2.000e+02 2.010e+02 2.020e+02 ... 2.970e+02 2.980e+02 2.990e+02]\n ...\n [1.700e+03 1.701e+03 1.702e+03 ... 1.797e+03 1.798e+03 1.799e+03]\n [1.800e+03 1.801e+03 1.802e+03 ... 1.897e+03 1.898e+03 1.899e+03]\n [1.900e+03 1.901e+03 1.902e+03 ... 1.997e+03 1.998e+03 1.999e+03]]",
            "arange(0.0, 2000.0, 1.0).reshape(20, 100)",
            () -> arange(0.0, 2000.0, 1.0).reshape(20, 100)),
        example(
            "[0.         0.03448276 0.06896552 0.10344828 0.13793103 0.17241379\n 0.20689655 0.24137931 0.27586207 0.31034483 0.34482759 0.37931034\n 0.4137931  0.44827586 0.48275862 0.51724138 0.55172414 0.5862069\n 0.62068966 0.65517241 0.68965517 0.72413793 0.75862069 0.79310345\n 0.82758621 0.86206897 0.89655172 0.93103448 0.96551724 1.        ]",
            "linspace(0, 1, 30)",
            () -> linspace(0, 1, 30)),
        example(
            "[ True False  True]",
            "array(new boolean[] {true, false, true})",
            () -> array(new boolean[] {true, false, true})),
        example(
            "[[[ 0  1  2  3]\n  [ 4  5  6  7]\n  [ 8  9 10 11]]\n\n [[12 13 14 15]\n  [16 17 18 19]\n  [20 21 22 23]]]",
            "arange(24).reshape(2, 3, 4)",
            () -> arange(24).reshape(2, 3, 4)),
        example(
            "[-0.   1.5]",
            "array(new double[] {-0.0, 1.5})",
            () -> array(new double[] {-0.0, 1.5})),
        example("3.5", "scalar(3.5)", () -> scalar(3.5)),
        example("7", "scalar(7)", () -> scalar(7)),
        example("True", "scalar(true)", () -> scalar(true)),
        example("1e+16", "scalar(1e16)", () -> scalar(1e16)),
        example("1.5e-07", "scalar(1.5e-7)", () -> scalar(1.5e-7)),
        example(
            "[1.e+08 1.e+00]",
            "array(new double[] {1e8, 1.0})",
            () -> array(new double[] {1e8, 1.0})),
        example(
            "[0.1 0.2 0.3]",
            "array(new float[] {0.1f, 0.2f, 0.3f})",
            () -> array(new float[] {0.1f, 0.2f, 0.3f})),
        example(
            "0.6",
            "array(new float[] {0.1f, 0.2f, 0.3f}).sum()",
            () -> array(new float[] {0.1f, 0.2f, 0.3f}).sum()),
        example(
            "[0.33333333 0.66666667]",
            "array(new double[] {1.0 / 3, 2.0 / 3})",
            () -> array(new double[] {1.0 / 3, 2.0 / 3})),
        example(
            "[1.23456789e+08 5.00000000e-01]",
            "array(new double[] {123456789.0, 0.5})",
            () -> array(new double[] {123456789.0, 0.5})),
        example("[]", "zeros(2, 0)", () -> zeros(2, 0)),
        example(
            "[1.00e-01 6.55e+04 1.00e-03]",
            "array(new double[] {0.1, 65504, 1e-3}).astype(DType.FLOAT16)",
            () -> array(new double[] {0.1, 65504, 1e-3}).astype(DType.FLOAT16)),
        example(
            "[[  0.    1.1   2.2   3.3   4.4   5.5   6.6   7.7   8.8   9.9]\n [ 11.   12.1  13.2  14.3  15.4  16.5  17.6  18.7  19.8  20.9]\n [ 22.   23.1  24.2  25.3  26.4  27.5  28.6  29.7  30.8  31.9]\n [ 33.   34.1  35.2  36.3  37.4  38.5  39.6  40.7  41.8  42.9]\n [ 44.   45.1  46.2  47.3  48.4  49.5  50.6  51.7  52.8  53.9]\n [ 55.   56.1  57.2  58.3  59.4  60.5  61.6  62.7  63.8  64.9]\n [ 66.   67.1  68.2  69.3  70.4  71.5  72.6  73.7  74.8  75.9]\n [ 77.   78.1  79.2  80.3  81.4  82.5  83.6  84.7  85.8  86.9]\n [ 88.   89.1  90.2  91.3  92.4  93.5  94.6  95.7  96.8  97.9]\n [ 99.  100.1 101.2 102.3 103.4 104.5 105.6 106.7 107.8 108.9]]",
            "arange(100).reshape(10, 10).multiply(1.1)",
            () -> arange(100).reshape(10, 10).multiply(1.1)),
        example(
            "[-128    5  127]",
            "array(new byte[] {-128, 5, 127})",
            () -> array(new byte[] {-128, 5, 127})),
        example(
            "[[[   0    1    2 ...   27   28   29]\n  [  30   31   32 ...   57   58   59]\n  [  60   61   62 ...   87   88   89]\n  ...\n  [ 210  211  212 ...  237  238  239]\n  [ 240  241  242 ...  267  268  269]\n  [ 270  271  272 ...  297  298  299]]\n\n [[ 300  301  302 ...  327  328  329]\n  [ 330  331  332 ...  357  358  359]\n  [ 360  361  362 ...  387  388  389]\n  ...\n  [ 510  511  512 ...  537  538  539]\n  [ 540  541  542 ...  567  568  569]\n  [ 570  571  572 ...  597  598  599]]\n\n [[ 600  601  602 ...  627  628  629]\n  [ 630  631  632 ...  657  658  659]\n  [ 660  661  662 ...  687  688  689]\n  ...\n  [ 810  811  812 ...  837  838  839]\n  [ 840  841  842 ...  867  868  869]\n  [ 870  871  872 ...  897  898  899]]\n\n ...\n\n [[2100 2101 2102 ... 2127 2128 2129]\n  [2130 2131 2132 ... 2157 2158 2159]\n  [2160 2161 2162 ... 2187 2188 2189]\n  ...\n  [2310 2311 2312 ... 2337 2338 2339]\n  [2340 2341 2342 ... 2367 2368 2369]\n  [2370 2371 2372 ... 2397 2398 2399]]\n\n [[2400 2401 2402 ... 2427 2428 2429]\n  [2430 2431 2432 ... 2457 2458 2459]\n  [2460 2461 2462 ... 2487 2488 2489]\n  ...\n  [2610 2611 2612 ... 2637 2638 2639]\n  [2640 2641 2642 ... 2667 2668 2669]\n  [2670 2671 2672 ... 2697 2698 2699]]\n\n [[2700 2701 2702 ... 2727 2728 2729]\n  [2730 2731 2732 ... 2757 2758 2759]\n  [2760 2761 2762 ... 2787 2788 2789]\n  ...\n  [2910 2911 2912 ... 2937 2938 2939]\n  [2940 2941 2942 ... 2967 2968 2969]\n  [2970 2971 2972 ... 2997 2998 2999]]]",
            "arange(3000).reshape(10, 10, 30)",
            () -> arange(3000).reshape(10, 10, 30)),
        example(
            "[4.28571429 4.14285714 4.         3.85714286 3.71428571 3.57142857\n 3.42857143 3.28571429 3.14285714 3.         2.85714286 2.71428571\n 2.57142857 2.42857143 2.28571429 2.14285714 2.         1.85714286\n 1.71428571 1.57142857 1.42857143 1.28571429 1.14285714 1.\n 0.85714286 0.71428571 0.57142857 0.42857143 0.28571429 0.14285714]",
            "arange(30.0, 0.0, -1.0).divide(7)",
            () -> arange(30.0, 0.0, -1.0).divide(7)),
        example(
            "[[ 0  4  8]\n [ 1  5  9]\n [ 2  6 10]\n [ 3  7 11]]",
            "arange(12).reshape(3, 4).T()",
            () -> arange(12).reshape(3, 4).T()),
        example("[9 6 3 0]", "arange(10).get(\"::-3\")", () -> arange(10).get("::-3")),
        example(
            "[[[[20 21 22 23]]\n\n  [[12 13 14 15]]]]",
            "arange(24).reshape(2, 3, 4).get(\"1:, ::-2, None, ...\")",
            () -> arange(24).reshape(2, 3, 4).get("1:, ::-2, None, ...")),
        example(
            "[1.e-300 1.e+300]",
            "array(new double[] {1e-300, 1e300})",
            () -> array(new double[] {1e-300, 1e300})),
        example(
            "[5.0000e-01 1.0000e+02 1.0005e+03]",
            "array(new double[] {0.5, 100.0, 1000.5})",
            () -> array(new double[] {0.5, 100.0, 1000.5})),
        example(
            "[nan inf]",
            "array(new double[] {Double.NaN, Double.POSITIVE_INFINITY})",
            () -> array(new double[] {Double.NaN, Double.POSITIVE_INFINITY})),
        example(
            "[-inf  nan]",
            "array(new double[] {Double.NEGATIVE_INFINITY, Double.NaN})",
            () -> array(new double[] {Double.NEGATIVE_INFINITY, Double.NaN})),
        example(
            "[-1.5  inf]",
            "array(new double[] {-1.5, Double.POSITIVE_INFINITY})",
            () -> array(new double[] {-1.5, Double.POSITIVE_INFINITY})),
        example("[0. 0.]", "array(new double[] {0.0, 0.0})", () -> array(new double[] {0.0, 0.0})),
        example(
            "[ 1.0e-05 -2.5e-07  3.0e+00]",
            "array(new double[] {1e-5, -2.5e-7, 3.0})",
            () -> array(new double[] {1e-5, -2.5e-7, 3.0})),
        example(
            "[3.e-01 1.e+20]",
            "array(new double[] {0.1 + 0.2, 1e20})",
            () -> array(new double[] {0.1 + 0.2, 1e20})),
        example(
            "[False  True  True ...  True  True  True]",
            "arange(2000).astype(DType.BOOL)",
            () -> arange(2000).astype(DType.BOOL)),
        example(
            "[[       0  1000000  2000000  3000000  4000000  5000000  6000000  7000000\n   8000000  9000000 10000000 11000000 12000000 13000000 14000000 15000000\n  16000000 17000000 18000000 19000000]\n [20000000 21000000 22000000 23000000 24000000 25000000 26000000 27000000\n  28000000 29000000 30000000 31000000 32000000 33000000 34000000 35000000\n  36000000 37000000 38000000 39000000]]",
            "arange(40).reshape(2, 20).multiply(1000000L)",
            () -> arange(40).reshape(2, 20).multiply(1000000L)),
        example(
            "0.1", "scalar(0.1).astype(DType.FLOAT32)", () -> scalar(0.1).astype(DType.FLOAT32)),
        example("-0.0", "scalar(-0.0)", () -> scalar(-0.0)),
        example("nan", "scalar(Double.NaN)", () -> scalar(Double.NaN)),
        example("[]", "zeros(0)", () -> zeros(0)),
        example(
            "[[[[1 1]\n   [1 1]]\n\n  [[1 1]\n   [1 1]]]\n\n\n [[[1 1]\n   [1 1]]\n\n  [[1 1]\n   [1 1]]]]",
            "ones(DType.INT32, 2, 2, 2, 2)",
            () -> ones(DType.INT32, 2, 2, 2, 2)),
        example(
            "[ 2.719  4.48   7.39  12.18 ]",
            "arange(1.0, 3.0, 0.5).astype(DType.FLOAT16).exp()",
            () -> arange(1.0, 3.0, 0.5).astype(DType.FLOAT16).exp()));
  }
}
