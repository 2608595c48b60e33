package io.ndj.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ndj.DType;
import io.ndj.NdArray;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code toString()} equals NumPy 2's {@code print()} (expected strings printed by NumPy, written
 * literally).
 */
public interface PrintingContract extends KitSupport {
  @TestFactory
  default Stream<DynamicTest> printing() {
    return Stream.of(
        check(
            "print",
            DType.FLOAT32,
            () -> {
              try (NdArray a = backend().arange(6);
                  NdArray x = a.reshape(2, 3).astype(DType.FLOAT32);
                  NdArray s = x.sum(1)) {
                assertEquals("[[0. 1. 2.]\n [3. 4. 5.]]", x.toString());
                assertEquals("[ 3. 12.]", s.toString());
              }
            }),
        check(
            "print",
            DType.FLOAT64,
            () -> {
              try (NdArray x = backend().array(new double[] {1e-5, -2.5e-7, 3.0});
                  NdArray y = backend().linspace(0, 1, 30);
                  NdArray z = backend().arange(0.0, 2000.0, 1.0)) {
                assertEquals("[ 1.0e-05 -2.5e-07  3.0e+00]", x.toString());
                assertEquals(
                    "[0.         0.03448276 0.06896552 0.10344828 0.13793103 0.17241379\n"
                        + " 0.20689655 0.24137931 0.27586207 0.31034483 0.34482759 0.37931034\n"
                        + " 0.4137931  0.44827586 0.48275862 0.51724138 0.55172414 0.5862069\n"
                        + " 0.62068966 0.65517241 0.68965517 0.72413793 0.75862069 0.79310345\n"
                        + " 0.82758621 0.86206897 0.89655172 0.93103448 0.96551724 1.        ]",
                    y.toString());
                assertEquals(
                    "[0.000e+00 1.000e+00 2.000e+00 ... 1.997e+03 1.998e+03 1.999e+03]",
                    z.toString());
              }
            }),
        check(
            "print",
            DType.INT8,
            () -> {
              try (NdArray x = backend().array(new byte[] {-128, 5, 127});
                  NdArray b = x.gt(0L)) {
                assertEquals("[-128    5  127]", x.toString());
                assertEquals("[False  True  True]", b.toString());
              }
            }));
  }
}
