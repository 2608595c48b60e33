package io.ndj.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.ndj.NdArray;
import io.ndj.random.NumpyGenerator;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code backend.defaultRng(seed)} gives NumPy's {@code default_rng(seed)} numbers bit for bit:
 * programs of calls (random, uniform, standard_normal, normal, standard_exponential, exponential,
 * integers over 32- and 64-bit ranges, permutation, shuffle, choice with and without replacement,
 * binomial, poisson, standard_gamma and gamma from shape 1) on seeds across the 32- and 64-bit
 * boundaries, replayed in order against {@code numpy/numpy-stream.tsv} ({@code
 * numpy/numpy_stream.py} beside it): dtype, shape and every bit, long runs through SHA-256 digests;
 * NumPy's messages for bad parameters, which draw nothing.
 */
public interface NumpyStreamContract extends KitSupport {

  private static long[] shape(String field) {
    return field == null || field.isEmpty()
        ? new long[0]
        : java.util.Arrays.stream(field.split(",")).mapToLong(Long::parseLong).toArray();
  }

  private NdArray call(NumpyGenerator g, String method, Map<String, String> p) {
    long[] s = shape(p.get("shape"));
    return switch (method) {
      case "random" -> g.random(s);
      case "standard_normal" -> g.standardNormal(s);
      case "standard_exponential" -> g.standardExponential(s);
      case "uniform" ->
          g.uniform(Double.parseDouble(p.get("low")), Double.parseDouble(p.get("high")), s);
      case "normal" ->
          g.normal(Double.parseDouble(p.get("loc")), Double.parseDouble(p.get("scale")), s);
      case "exponential" -> g.exponential(Double.parseDouble(p.get("scale")), s);
      case "integers" ->
          g.integers(
              Long.parseLong(p.get("low")),
              Long.parseLong(p.get("high")),
              p.get("endpoint").equals("true"),
              s);
      case "permutation" -> g.permutation(Long.parseLong(p.get("n")));
      case "spawn_random" -> {
        NumpyGenerator c =
            g.spawn(Integer.parseInt(p.get("n"))).get(Integer.parseInt(p.get("child")));
        if (p.containsKey("m")) {
          c = c.spawn(Integer.parseInt(p.get("m"))).get(Integer.parseInt(p.get("grandchild")));
        }
        yield c.random(s);
      }
      case "permutation_array" -> {
        long rows = Long.parseLong(p.get("rows"));
        yield g.permutation(backend().arange(rows * 3).reshape(rows, 3));
      }
      case "shuffle" -> {
        long rows = Long.parseLong(p.get("rows"));
        NdArray x = backend().arange(rows * 2).reshape(rows, 2);
        g.shuffle(x);
        yield x;
      }
      case "random32" -> g.random(io.ndj.DType.FLOAT32, s);
      case "poisson" -> g.poisson(Double.parseDouble(p.get("lam")), s);
      case "standard_gamma" -> g.standardGamma(Double.parseDouble(p.get("k")), s);
      case "gamma" ->
          g.gamma(Double.parseDouble(p.get("k")), Double.parseDouble(p.get("scale")), s);
      case "binomial" -> g.binomial(Long.parseLong(p.get("n")), Double.parseDouble(p.get("p")), s);
      case "choice" ->
          g.choice(
              Long.parseLong(p.get("a")),
              p.get("replace").equals("true"),
              p.containsKey("p") ? NumpyCasesContract.doubles(p.get("p")) : null,
              s);
      default -> throw new IllegalArgumentException("no method " + method);
    };
  }

  /** SHA-256 of the values as little-endian float64 or int64, as the script digests them. */
  private static String digest(NdArray r) {
    ByteBuffer b = ByteBuffer.allocate((int) r.size() * 8).order(ByteOrder.LITTLE_ENDIAN);
    if (r.dtype().isFloat()) {
      for (double v : r.toDoubleArray()) {
        b.putDouble(v);
      }
    } else {
      for (long v : r.toLongArray()) {
        b.putLong(v);
      }
    }
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.array()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @TestFactory
  default Stream<DynamicTest> defaultRngGivesNumpysStreamBitForBit() {
    Map<String, List<String[]>> programs = new LinkedHashMap<>();
    for (String[] f : KitData.table("numpy/numpy-stream.tsv")) {
      programs.computeIfAbsent(f[0], k -> new ArrayList<>()).add(f);
    }
    return programs.entrySet().stream()
        .map(
            e ->
                dynamicTest(
                    "numpy default_rng " + e.getKey(),
                    () -> {
                      NumpyGenerator g =
                          backend().defaultRng(Long.parseLong(e.getValue().get(0)[1]));
                      int step = 0;
                      for (String[] f : e.getValue()) {
                        String label = e.getKey() + ", call " + step++ + ": " + f[2] + " " + f[3];
                        Map<String, String> p = KitData.params(f[3]);
                        if (f[4].equals("ERR")) {
                          Check.raisesNumpysMessage(label, f[5], () -> call(g, f[2], p));
                          continue;
                        }
                        NdArray r = call(g, f[2], p);
                        assertEquals(f[4], r.dtype().toString(), label + ": dtype");
                        assertArrayEquals(shape(f[5]), r.shape().dims(), label + ": shape");
                        if (f[6].startsWith("sha256:")) {
                          assertEquals(f[6], digest(r), label + ": the bits");
                        } else if (r.dtype().isFloat()) {
                          double[] want = NumpyCasesContract.doubles(f[6]);
                          double[] got = r.toDoubleArray();
                          assertEquals(want.length, got.length, label + ": size");
                          for (int i = 0; i < want.length; i++) {
                            assertEquals(
                                Double.doubleToRawLongBits(want[i]),
                                Double.doubleToRawLongBits(got[i]),
                                label + ": element " + i + " " + got[i] + ", NumPy " + want[i]);
                          }
                        } else {
                          assertArrayEquals(
                              NumpyCasesContract.longs(f[6]), r.toLongArray(), label + ": values");
                        }
                      }
                    }));
  }

  /**
   * Gamma shapes strictly between 0 and 1 are refused, with the reason and the shape, before
   * anything is drawn: NumPy's values there come from the C library's pow, whose last bit Java
   * cannot give.
   */
  @Test
  default void defaultRngRefusesGammaShapesItCannotMatch() {
    NumpyGenerator g = backend().defaultRng(3);
    for (double k : new double[] {0.5, Double.MIN_VALUE, Math.nextDown(1.0)}) {
      UnsupportedOperationException e =
          assertThrows(UnsupportedOperationException.class, () -> g.standardGamma(k, 2));
      assertTrue(e.getMessage().contains("shape was " + k), e.getMessage());
      assertThrows(UnsupportedOperationException.class, () -> g.gamma(k, 2.0, 2));
    }
    double[] want = new NumpyGenerator(backend(), 3).random(2).toDoubleArray();
    assertArrayEquals(want, g.random(2).toDoubleArray(), "the refusals drew nothing");
  }
}
