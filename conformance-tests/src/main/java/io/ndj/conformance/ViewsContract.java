package io.ndj.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ndj.DType;
import io.ndj.Index;
import io.ndj.NdArray;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Views and indexing: copies of non-contiguous views, reshape round trip, transpose involution,
 * broadcasting equals explicit tiling, basic slicing against a host model, advanced indexing (take,
 * boolean masks, assignment).
 */
public interface ViewsContract extends KitSupport {
  /**
   * {@code get} with Java integers, NumPy slice strings and Index items mixed selects what the same
   * index in NumPy's syntax selects, as a view.
   */
  @org.junit.jupiter.api.Test
  default void mixedIndexItemsSelectAsNumpysSyntax() {
    NdArray u = arange(24).reshape(2, 3, 4);
    int n = 5;
    String[][] pairs = {{"1, :", "2"}, {":, 1", ""}, {"..., 3", ""}, {"1, ::-1, None", ""}};
    Object[][] items = {
      {n / 5, ":"}, {":", 1}, {"...", 3L}, {1, Index.slice(null, null, -1L), "None"}
    };
    for (int i = 0; i < items.length; i++) {
      NdArray want = u.get(pairs[i][0]);
      NdArray got = u.get(items[i]);
      assertEquals(want.toString(), got.toString(), "u.get" + java.util.Arrays.toString(items[i]));
      assertArrayEquals(want.shape().dims(), got.shape().dims(), "shape of " + pairs[i][0]);
    }
    NdArray rows = array(new long[] {1, 0});
    assertEquals(
        u.get(rows).get(":", 2).toString(),
        u.get(rows, 2).toString(),
        "u[[1, 0], 2]: an index array among the items");
    NdArray w = u.copy();
    w.set(new Object[] {1, "1:", rows}, 100L);
    assertEquals(
        u.sum().longValue()
            + 4 * 100
            - (u.get("1, 1:, 1").sum().longValue() + u.get("1, 1:, 0").sum().longValue()),
        w.sum().longValue(),
        "w[1, 1:, [1, 0]] = 100 writes the four elements it selects");
    u.get(":", 2).fill(-1); // a view: writes reach u
    assertEquals(-4, u.get("0, 2").sum().longValue(), "u[:, 2] = -1 through the view");
    Check.raisesNumpysMessage(
        "u[1.5]",
        "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or"
            + " boolean arrays are valid indices; got a Double",
        () -> u.get(1.5, ":"));
  }

  @TestFactory
  default Stream<DynamicTest> views() {
    List<DynamicTest> tests = new ArrayList<>();
    for (DType t : DType.realValues()) {
      tests.add(
          check(
              "copy",
              t,
              () ->
                  forAll(
                      Gens.array(t, Gens.Range.ANY),
                      c -> {
                        NdArray x = make(c);
                        NdArray y = x.copy();
                        Check.dtypeAndShape(y, t, c.shape(), "copy of " + c);
                        assertTrue(y.flags().cContiguous(), "copy is C-contiguous");
                        same(c, y, "copy of " + c);
                      })));
      tests.add(
          check(
              "reshape",
              t,
              () ->
                  forAll(
                      Gens.array(t, Gens.Range.ANY),
                      c -> {
                        NdArray x = make(c);
                        NdArray back = x.reshape(-1).reshape(c.shape());
                        same(c, back, "reshape(-1).reshape(shape) of " + c);
                      })));
      tests.add(
          check(
              "transpose",
              t,
              () ->
                  forAll(
                      Gens.array(t, Gens.Range.ANY),
                      c -> {
                        NdArray x = make(c);
                        same(c, x.T().T(), "x.T.T of " + c);
                        same(c, x.T().copy().T(), "x.T.copy().T of " + c);
                      })));
      tests.add(
          check(
              "broadcast",
              t,
              () ->
                  forAll(
                      Gens.broadcastPair(t, Gens.Range.ANY, Gens.Range.ANY),
                      p -> {
                        NdArray a = make(p[0]);
                        NdArray b = make(p[1]);
                        long[] shape = Ops.broadcast(p[0].shape(), p[1].shape());
                        NdArray tiled = a.broadcastTo(shape).copy();
                        long[] idx = new long[shape.length];
                        long n = 1;
                        for (long s : shape) {
                          n *= s;
                        }
                        double[] got = tiled.toDoubleArray();
                        for (int k = 0; k < n; k++) {
                          double e = p[0].get(Ops.source(idx, p[0].shape()));
                          assertTrue(
                              Double.compare(e, got[k]) == 0
                                  || (Double.isNaN(e) && Double.isNaN(got[k])),
                              "broadcastTo "
                                  + java.util.Arrays.toString(shape)
                                  + " of "
                                  + p[0]
                                  + ": element "
                                  + k);
                          Ops.next(idx, shape);
                        }
                        Check.dtypeAndShape(b.broadcastTo(shape), t, shape, "broadcastTo");
                      })));
      tests.add(
          check(
              "slice",
              t,
              () ->
                  forAll(
                      Gens.arrayNd(t, Gens.Range.ANY),
                      c -> {
                        NdArray x = make(c);
                        long n = c.shape()[0];
                        NdArray s = x.get("::-2").get(Index.slice(0L, null, null));
                        List<Integer> rows = new ArrayList<>();
                        for (long i = n - 1; i >= 0; i -= 2) {
                          rows.add((int) i);
                        }
                        long rowSize = c.size() / Math.max(1, n);
                        double[] got = s.toDoubleArray();
                        assertEquals(rows.size() * rowSize, got.length, "x[::-2] size");
                        for (int r = 0; r < rows.size(); r++) {
                          for (int j = 0; j < rowSize; j++) {
                            double e = c.get((int) (rows.get(r) * rowSize + j));
                            double g = got[(int) (r * rowSize + j)];
                            assertTrue(
                                Double.compare(e, g) == 0 || (Double.isNaN(e) && Double.isNaN(g)),
                                "x[::-2] of " + c);
                          }
                        }
                      })));
      tests.add(
          check(
              "take",
              t,
              () ->
                  forAll(
                      Gens.arrayNd(t, Gens.Range.ANY),
                      c -> {
                        NdArray x = make(c);
                        long n = c.shape()[0];
                        if (n == 0) {
                          return;
                        }
                        long[] pick = {n - 1, 0, -1, n / 2};
                        NdArray r = x.take(x.backend().array(pick), 0);
                        long rowSize = c.size() / n;
                        double[] got = r.toDoubleArray();
                        for (int q = 0; q < pick.length; q++) {
                          long row = pick[q] < 0 ? pick[q] + n : pick[q];
                          for (int j = 0; j < rowSize; j++) {
                            double e = c.get((int) (row * rowSize + j));
                            double g = got[(int) (q * rowSize + j)];
                            assertTrue(
                                Double.compare(e, g) == 0 || (Double.isNaN(e) && Double.isNaN(g)),
                                "take of " + c);
                          }
                        }
                      })));
      tests.add(
          check(
              "concatenate/split",
              t,
              () ->
                  forAll(
                      Gens.arrayNd(t, Gens.Range.ANY),
                      c -> {
                        NdArray x = make(c);
                        int axis = c.ndim() - 1;
                        NdArray joined = io.ndj.Nd.concatenate(List.of(x, x.copy(), x), axis);
                        List<NdArray> parts = io.ndj.Nd.split(joined, 3, axis);
                        for (NdArray part : parts) {
                          same(c, part, "split(concatenate([x, x, x]), 3) of " + c);
                        }
                        NdArray stacked = io.ndj.Nd.stack(List.of(x, x), 0);
                        same(c, stacked.get("1"), "stack([x, x])[1] of " + c);
                      })));
      tests.add(
          check(
              "mask",
              t,
              () ->
                  forAll(
                      Gens.arrayNd(t, Gens.Range.SMALL),
                      c -> {
                        NdArray x = make(c);
                        NdArray mask = x.gt(0L);
                        NdArray sel = x.get(mask);
                        List<Double> e = new ArrayList<>();
                        for (int k = 0; k < c.size(); k++) {
                          if (c.get(k) > 0) {
                            e.add(c.get(k));
                          }
                        }
                        assertArrayEquals(
                            e.stream().mapToDouble(Double::doubleValue).toArray(),
                            sel.toDoubleArray(),
                            "x[x > 0] of " + c);
                        NdArray y = x.copy();
                        y.set(mask, 0L);
                        double[] got = y.toDoubleArray();
                        for (int k = 0; k < c.size(); k++) {
                          assertEquals(
                              c.get(k) > 0 ? 0.0 : c.get(k), got[k], "x[x > 0] = 0 of " + c);
                        }
                      })));
    }
    return tests.stream();
  }

  private static void assertTrue(boolean b, String what) {
    assertEquals(true, b, what);
  }

  /** r holds c's logical values exactly (NaN payloads aside). */
  private static void same(Case c, NdArray r, String what) {
    assertArrayEquals(c.shape(), r.shape().dims(), what + ": shape");
    if (c.dtype().isFloat()) {
      Check.floats(c.d(), r.toDoubleArray(), c.dtype(), 0, false, what);
    } else {
      Check.longs(c.l(), r.toLongArray(), what);
    }
  }
}
