package io.ndj.conformance;

import io.ndj.DType;
import io.ndj.NdArray;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code astype} for every pair of dtypes, exact: floats round to nearest even, integers wrap,
 * anything to bool is {@code != 0}, floats to integers truncate toward zero. Float values outside
 * the target integer range (and NaN, infinities) are unspecified and not generated for those pairs.
 */
public interface CastContract extends KitSupport {
  @TestFactory
  default Stream<DynamicTest> casts() {
    List<DynamicTest> tests = new ArrayList<>();
    for (DType from : DType.realValues()) {
      for (DType to : DType.realValues()) {
        Gens.Range range =
            from.isFloat() && !to.isFloat() && to != DType.BOOL ? Gens.Range.SMALL : Gens.Range.ANY;
        tests.add(
            check(
                "astype(" + to + ")",
                from,
                () ->
                    forAll(
                        Gens.array(from, range),
                        c -> {
                          Case src = c;
                          if (to == DType.UINT8 && from.isFloat()) {
                            src = Ops.cast(Ops.cast(c, DType.INT64), from); // truncate first...
                            src =
                                abs(src); // ...and stay non-negative: negative floats to uint8 are
                            // unspecified
                          }
                          NdArray r = make(src).astype(to);
                          Case e = Ops.cast(src, to);
                          Check.dtypeAndShape(r, to, src.shape(), "astype " + to + " of " + src);
                          if (to.isFloat()) {
                            Check.floats(
                                e.d(),
                                r.toDoubleArray(),
                                to,
                                0,
                                false,
                                "astype " + to + " of " + src);
                          } else {
                            Check.longs(e.l(), r.toLongArray(), "astype " + to + " of " + src);
                          }
                        })));
      }
    }
    return tests.stream();
  }

  private static Case abs(Case c) {
    double[] d = c.d().clone();
    for (int i = 0; i < d.length; i++) {
      d[i] = Math.abs(d[i]);
    }
    return new Case(c.dtype(), c.shape(), d, null, c.layout());
  }
}
