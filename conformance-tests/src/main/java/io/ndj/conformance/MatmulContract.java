package io.ndj.conformance;

import io.ndj.DType;
import io.ndj.NdArray;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.quicktheories.core.Gen;

/**
 * Batched matmul with broadcast batch axes and 1-d operands: integers exact (wrapping), floats
 * within {@code (k + 2) * eps * sum(|a||b|)} per element.
 */
public interface MatmulContract extends KitSupport {
  private static Gen<Case[]> operands(DType t) {
    return Gens.gen(
        r -> {
          long n = Gens.pick(r, 1, 5);
          // k up to 40 reaches the tiled kernels backends use for longer products
          long k = Gens.pick(r, 0, 3) == 0 ? Gens.pick(r, 16, 40) : Gens.pick(r, 0, 5);
          long m = Gens.pick(r, 1, 5);
          long batch = Gens.pick(r, 0, 2);
          boolean vecA = Gens.pick(r, 0, 4) == 0;
          boolean vecB = Gens.pick(r, 0, 4) == 0;
          long[] sa =
              vecA ? new long[] {k} : batch == 0 ? new long[] {n, k} : new long[] {batch, n, k};
          long[] sb = vecB ? new long[] {k} : batch == 2 ? new long[] {1, k, m} : new long[] {k, m};
          return new Case[] {
            Gens.fill(r, t, sa, Gens.layout(r), Gens.Range.SMALL),
            Gens.fill(r, t, sb, Gens.layout(r), Gens.Range.SMALL)
          };
        });
  }

  /**
   * Stacks of products large enough for a backend's fast per-matrix kernels (256 x 256 x 256 and
   * more), float32 and float64: plain, with a broadcast batch axis, and with the stack read through
   * a reversed batch axis; 200 elements of each result against sums in plain Java, within the
   * dtype's rounding of the dot product (n eps of the sum of |a_ik b_kj|).
   */
  @org.junit.jupiter.api.Test
  default void largeStacksOfProducts() {
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed() + 5);
    for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      stackOfProducts(r, t, 3, 256, 288, 264);
    }
  }

  /**
   * Stacks of small float products (every side at most 64, k from 16: the size where a backend's
   * one-block-a-matrix kernels take them), plain, broadcast and reversed batch, against sums in
   * plain Java.
   */
  @org.junit.jupiter.api.Test
  default void stacksOfSmallProducts() {
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed() + 6);
    for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      stackOfProducts(r, t, 70, 64, 64, 64);
      stackOfProducts(r, t, 5, 17, 33, 50);
      stackOfProducts(r, t, 4, 64, 16, 1);
      stackOfProducts(r, t, 3, 1, 40, 64);
    }
  }

  private void stackOfProducts(
      java.util.SplittableRandom r, DType t, int count, int n, int k, int m) {
    double eps = t == DType.FLOAT32 ? 1.2e-7 : 2.2e-16;
    double[] av = new double[count * n * k];
    double[] bv = new double[count * k * m];
    for (int i = 0; i < av.length; i++) {
      av[i] = r.nextDouble(-1, 1);
    }
    for (int i = 0; i < bv.length; i++) {
      bv[i] = r.nextDouble(-1, 1);
    }
    NdArray a = array(av).reshape(count, n, k).astype(t);
    NdArray b = array(bv).reshape(count, k, m).astype(t);
    double[] ha = a.toDoubleArray();
    double[] hb = b.toDoubleArray();
    NdArray[] results = {
      io.ndj.Nd.matmul(a, b), // a @ b
      io.ndj.Nd.matmul(a, b.get("1")), // a @ b[1] (broadcast over the batch)
      io.ndj.Nd.matmul(a.get("::-1"), b) // a[::-1] @ b
    };
    String size = count + " x " + n + " x " + k + " x " + m;
    for (int c = 0; c < results.length; c++) {
      org.junit.jupiter.api.Assertions.assertArrayEquals(
          new long[] {count, n, m}, results[c].shape().dims(), size);
      double[] got = results[c].toDoubleArray();
      for (int probe = 0; probe < 200; probe++) {
        int q = r.nextInt(count);
        int i = r.nextInt(n);
        int j = r.nextInt(m);
        // a's and b's matrix for result q
        int am = c == 2 ? count - 1 - q : q;
        int bm = c == 1 ? 1 : q;
        double want = 0;
        double abs = 0;
        for (int p = 0; p < k; p++) {
          double x = ha[(am * n + i) * k + p] * hb[(bm * k + p) * m + j];
          want += x;
          abs += Math.abs(x);
        }
        double v = got[(q * n + i) * m + j];
        if (!(Math.abs(v - want) <= 2 * k * eps * abs)) {
          throw new org.opentest4j.AssertionFailedError(
              t + " " + size + " case " + c + " [" + q + ", " + i + ", " + j + "]: " + v + " vs "
                  + want);
        }
      }
    }
  }

  @TestFactory
  default Stream<DynamicTest> matmul() {
    List<DynamicTest> tests = new ArrayList<>();
    for (DType t : DType.realValues()) {
      tests.add(check("matmul", t, () -> forAll(operands(t), p -> product(p[0], p[1]))));
    }
    return tests.stream();
  }

  private void product(Case a, Case b) {
    NdArray r = make(a).matmul(make(b));
    String what = "matmul(a, b) with\n  a = " + a + "\n  b = " + b;
    // promote 1-d operands, compute batch by batch
    long[] sa = a.ndim() == 1 ? new long[] {1, a.shape()[0]} : a.shape();
    long[] sb = b.ndim() == 1 ? new long[] {b.shape()[0], 1} : b.shape();
    long n = sa[sa.length - 2];
    long k = sa[sa.length - 1];
    long m = sb[sb.length - 1];
    long ba = sa.length == 3 ? sa[0] : 1;
    long bb = sb.length == 3 ? sb[0] : 1;
    long batch = Math.max(ba, bb);
    List<Long> shape = new ArrayList<>();
    if (sa.length == 3 || sb.length == 3) {
      shape.add(batch);
    }
    if (a.ndim() != 1) {
      shape.add(n);
    }
    if (b.ndim() != 1) {
      shape.add(m);
    }
    DType t = a.dtype();
    Check.dtypeAndShape(r, t, shape.stream().mapToLong(Long::longValue).toArray(), what);
    int total = (int) (batch * n * m);
    double[] ed = new double[total];
    long[] el = new long[total];
    double[] bound = new double[total];
    for (long q = 0; q < batch; q++) {
      long qa = ba == 1 ? 0 : q;
      long qb = bb == 1 ? 0 : q;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
          int o = (int) ((q * n + i) * m + j);
          for (int p = 0; p < k; p++) {
            int ia = (int) ((qa * n + i) * k + p);
            int ib = (int) ((qb * k + p) * m + j);
            ed[o] += a.get(ia) * b.get(ib);
            el[o] += a.getLong(ia) * b.getLong(ib);
            bound[o] += Math.abs(a.get(ia) * b.get(ib));
          }
        }
      }
    }
    if (t.isFloat()) {
      double[] got = r.toDoubleArray();
      double eps = Check.ulp(t, 1.0);
      for (int o = 0; o < total; o++) {
        double tol = (k + 2) * eps * (bound[o] + Math.abs(ed[o]));
        if (!(Math.abs(got[o] - ed[o]) <= tol)) {
          throw new AssertionError(
              what + ": element " + o + " expected " + ed[o] + " +- " + tol + " but was " + got[o]);
        }
      }
    } else {
      for (int o = 0; o < total; o++) {
        el[o] = Oracle.wrap(el[o], t);
      }
      Check.longs(el, r.toLongArray(), what);
    }
  }
}
