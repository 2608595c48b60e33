package io.ndj.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ndj.DType;
import io.ndj.Generator;
import io.ndj.NdArray;
import io.ndj.spi.Philox;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The same seed gives the same bits on every backend: Philox4x32-10 as {@link Philox} specifies it.
 */
public interface RandomContract extends KitSupport {
  @TestFactory
  default Stream<DynamicTest> random() {
    return Stream.of(
        check(
            "philox",
            DType.INT64,
            () ->
                forAll(
                    Gens.gen(
                        r ->
                            new long[] {
                              Gens.pick(r, Long.MIN_VALUE, Long.MAX_VALUE), Gens.pick(r, 0, 5000)
                            }),
                    kn -> {
                      Generator g = backend().random(kn[0]);
                      try (NdArray skip = g.bits(kn[1]);
                          NdArray b = g.bits(257)) {
                        long[] got = b.toLongArray();
                        for (int i = 0; i < got.length; i++) {
                          assertEquals(
                              Philox.bits(kn[0], kn[1] + i),
                              got[i],
                              "bits of seed " + kn[0] + " at " + (kn[1] + i));
                        }
                        assertEquals(kn[1], skip.size());
                      }
                    })),
        check(
            "random",
            DType.FLOAT64,
            () ->
                forAll(
                    Gens.gen(r -> Gens.pick(r, -1000, 1000)),
                    seed -> {
                      try (NdArray u = backend().random(seed).random(2, 50)) {
                        Check.dtypeAndShape(u, DType.FLOAT64, new long[] {2, 50}, "random(2, 50)");
                        double[] got = u.toDoubleArray();
                        for (int i = 0; i < got.length; i++) {
                          double e = (Philox.bits(seed, i) >>> 11) * 0x1p-53;
                          assertEquals(e, got[i], "uniform of seed " + seed + " at " + i);
                        }
                      }
                    })));
  }
}
