package io.ndj.conformance;

import static io.ndj.Nd.axis;
import static io.ndj.Nd.ddof;
import static io.ndj.Nd.dtype;
import static io.ndj.Nd.keepdims;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ndj.DType;
import io.ndj.Nd;
import io.ndj.NdArray;
import io.ndj.ReduceOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Reductions with NumPy's keyword arguments ({@link ReduceOptions}: {@code x.std(axis(1).ddof(1)
 * .keepdims())}) give what NumPy gives for the same call: the same values, dtype and shape as the
 * positional forms the other contracts check against NumPy, on every dtype and layout with random
 * axes, keepdims and ddof; and Python's errors for a keyword NumPy's function does not take.
 */
public interface KeywordArgumentsContract extends KitSupport {
  @TestFactory
  default Stream<DynamicTest> keywordArgumentsMeanWhatNumpysDo() {
    List<DynamicTest> tests = new ArrayList<>();
    for (DType t : DType.realValues()) {
      tests.add(
          check(
              "reductions with keyword arguments",
              t,
              () ->
                  forAll(
                      Gens.array(t, Gens.Range.SMALL),
                      c -> {
                        NdArray x = make(c);
                        int nd = c.shape().length;
                        long seed = java.util.Arrays.hashCode(c.shape()) + c.size();
                        int[] axes = nd == 0 ? new int[0] : new int[] {(int) (seed % nd) - nd};
                        boolean keep = (seed & 1) == 0;
                        int dd = (int) Math.floorMod(seed, 2);
                        ReduceOptions o = axis(axes).keepdims(keep);
                        same(c + " sum" + o, () -> x.sum(axes, keep), () -> x.sum(o));
                        same(c + " mean" + o, () -> x.mean(axes, keep), () -> x.mean(o));
                        same(c + " max" + o, () -> x.max(axes, keep), () -> x.max(o));
                        same(c + " any" + o, () -> x.any(axes, keep), () -> x.any(o));
                        same(
                            c + " std" + o.ddof(dd),
                            () -> x.std(axes, dd, keep),
                            () -> x.std(o.ddof(dd)));
                        same(
                            c + " var, every axis, ddof=" + dd,
                            () -> x.var(null, dd, false),
                            () -> x.var(ddof(dd)));
                        same(
                            c + " sum, keepdims, dtype=float64",
                            () -> x.sum(null, true, DType.FLOAT64),
                            () -> x.sum(keepdims().dtype(DType.FLOAT64)));
                        if (axes.length == 1 && c.size() > 0) {
                          same(
                              c + " argmax" + o,
                              () -> x.argmax(axes[0], keep),
                              () -> x.argmax(axis(axes[0]).keepdims(keep)));
                        }
                        if (t.isFloat()) {
                          same(
                              c + " nanmean" + o,
                              () -> Nd.nanmean(x, axes, keep),
                              () -> Nd.nanmean(x, o));
                          same(
                              c + " nanstd" + o.ddof(dd),
                              () -> Nd.nanstd(x, axes, dd, keep),
                              () -> Nd.nanstd(x, o.ddof(dd)));
                          same(
                              c + " median" + o,
                              () -> Nd.median(x, axes, keep),
                              () -> Nd.median(x, o));
                        }
                      })));
    }
    return tests.stream();
  }

  /**
   * {@code viaOptions} gives {@code want}'s dtype, shape and values (NaN where it has NaN), or the
   * error {@code want} gave.
   */
  private static void same(
      String label,
      java.util.function.Supplier<NdArray> positional,
      java.util.function.Supplier<NdArray> got) {
    NdArray want;
    try {
      want = positional.get();
    } catch (RuntimeException e) {
      Check.raisesNumpysMessage(label, e.getMessage(), got::get);
      return;
    }
    NdArray g = got.get();
    assertEquals(want.dtype(), g.dtype(), label + ": dtype");
    assertArrayEquals(want.shape().dims(), g.shape().dims(), label + ": shape");
    Check.sameValues(label, want.toDoubleArray(), g.toDoubleArray(), 0);
  }

  /** A keyword NumPy's function does not take is Python's TypeError, in its words. */
  @Test
  default void aKeywordNumpyDoesNotTakeIsRefusedInPythonsWords() {
    NdArray x = arange(12).reshape(3, 4);
    String[][] cases = {
      {"sum() got an unexpected keyword argument 'ddof'", "sum ddof"},
      {"max() got an unexpected keyword argument 'dtype'", "max dtype"},
      {"mean() got an unexpected keyword argument 'ddof'", "mean ddof"},
      {"'tuple' object cannot be interpreted as an integer", "argmax axes"},
      {"nanmean(dtype=...) is not supported: cast first, nanmean(x.astype(dtype))", "nanmean"},
    };
    List<Function<NdArray, NdArray>> calls =
        List.of(
            a -> a.sum(ddof(1)),
            a -> a.max(dtype(DType.INT8)),
            a -> a.mean(axis(0).ddof(1)),
            a -> a.argmax(axis(0, 1)),
            a -> Nd.nanmean(a.astype(DType.FLOAT64), dtype(DType.FLOAT32)));
    for (int i = 0; i < cases.length; i++) {
      Function<NdArray, NdArray> call = calls.get(i);
      Check.raisesNumpysMessage(cases[i][1], cases[i][0], () -> call.apply(x));
    }
    BiFunction<Integer, Integer, String> shape =
        (a, b) -> x.std(axis(a, b).keepdims()).shape().toString();
    assertEquals("(1, 1)", shape.apply(0, 1), "x.std(axis=(0, 1), keepdims=True).shape");
    assertEquals(
        "float32",
        x.var(dtype(DType.FLOAT32)).dtype().toString(),
        "np.var(x, dtype=np.float32).dtype");
  }
}
