package io.ndj.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.ndj.DType;
import io.ndj.Nd;
import io.ndj.NdArray;
import io.ndj.Scope;
import io.ndj.Shape;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The differential suite: 400 seeded random cases (elementwise with arrays and scalars, reductions,
 * scans, sorts, matmul, casts, indexing, where; NaN, infinities and -0.0 among the inputs; 0-d and
 * size-0 shapes) that NumPy 2 evaluated, compared on result dtype, shape, values and {@code
 * print()} text; and .npy/.npz interop both ways, byte for byte. The data is {@code differential/}
 * beside {@code make_differential.py}, which wrote it; no Python runs.
 */
public interface DifferentialContract extends KitSupport {
  /**
   * The cases: id, op, inputs, key=value;..., then NumPy's dtype, shape and text, or ERR and its
   * message.
   */
  private static List<String[]> cases() {
    return KitData.table("differential/differential.tsv");
  }

  @TestFactory
  default Stream<DynamicTest> ndjAgreesWithNumpy() {
    Map<String, NdArray> data = Nd.loadz(backend(), KitData.file("differential/differential.npz"));
    return cases().stream()
        .map(
            c ->
                dynamicTest(
                    "differential " + c[0] + " " + c[1] + " " + c[3],
                    () -> {
                      try (Scope scope = Nd.scope()) {
                        String problem = compare(data, c);
                        if (problem != null) {
                          fail(
                              "case "
                                  + String.join(" ", Arrays.copyOf(c, 4))
                                  + "\n  "
                                  + problem
                                  + "\n  inputs: "
                                  + c[2]
                                  + " (members in_<name> of differential/differential.npz)");
                        }
                      }
                    }));
  }

  private static NdArray apply(Map<String, NdArray> data, String[] c) {
    String[] args = c[2].split(",");
    NdArray[] in = Arrays.stream(args).map(a -> data.get("in_" + a)).toArray(NdArray[]::new);
    Map<String, String> k = KitData.params(c[3]);
    NdArray x = in[0];
    return switch (c[1]) {
      case "binary" -> NumpyCasesContract.binary(k.get("fn"), x, in[1]);
      case "scalar" -> {
        String s = k.get("s");
        Number n = s.contains(".") ? (Number) Double.parseDouble(s) : (Number) Long.parseLong(s);
        boolean first = Boolean.parseBoolean(k.get("first").toLowerCase());
        yield first
            ? switch (k.get("fn")) {
              case "subtract" -> Nd.subtract(n, x);
              case "divide" -> Nd.divide(n, x);
              case "power" -> Nd.power(n, x);
              case "less" -> x.gt(n); // s < x
              default ->
                  NumpyCasesContract.scalar(k.get("fn"), x, n); // symmetric: add, multiply, maximum
            }
            : NumpyCasesContract.scalar(k.get("fn"), x, n);
      }
      case "unary" -> NumpyCasesContract.unary(k.get("fn"), x);
      case "reduce" -> {
        String axis = k.get("axis");
        int[] ax = axis.equals("None") ? null : new int[] {Integer.parseInt(axis)};
        boolean keep = Boolean.parseBoolean(k.getOrDefault("keepdims", "False").toLowerCase());
        int ddof = Integer.parseInt(k.getOrDefault("ddof", "0"));
        yield switch (k.get("fn")) {
          case "sum" -> x.sum(ax, keep);
          case "prod" -> x.prod(ax, keep);
          case "mean" -> x.mean(ax, keep);
          case "std" -> x.std(ax, ddof, keep);
          case "var" -> x.var(ax, ddof, keep);
          case "min" -> x.min(ax, keep);
          case "max" -> x.max(ax, keep);
          case "any" -> x.any(ax, keep);
          case "all" -> x.all(ax, keep);
          case "argmin" -> ax == null ? x.argmin() : x.argmin(ax[0], keep);
          default -> ax == null ? x.argmax() : x.argmax(ax[0], keep);
        };
      }
      case "cumsum", "cumprod" -> {
        String axis = k.get("axis");
        boolean sum = c[1].equals("cumsum");
        yield axis.equals("None")
            ? (sum ? x.cumsum() : x.cumprod())
            : (sum ? x.cumsum(Integer.parseInt(axis)) : x.cumprod(Integer.parseInt(axis)));
      }
      case "sort" -> x.sort(Integer.parseInt(k.get("axis")));
      case "argsort" -> x.argsort(Integer.parseInt(k.get("axis")));
      case "matmul" -> x.matmul(in[1]);
      case "astype" -> x.astype(DType.of(k.get("dtype")));
      case "getitem" -> x.get(k.get("index"));
      case "transpose" -> x.T();
      case "where" -> Nd.where(x, in[1], in[2]);
      default -> throw new AssertionError(c[1]);
    };
  }

  /**
   * Float results must match to these units of the result dtype; 0 means exactly (and print() must
   * match).
   */
  private static double tolerance(String[] c) {
    Map<String, String> k = KitData.params(c[3]);
    return switch (c[1]) {
      case "unary" ->
          List.of("exp", "log", "sin", "cos", "tanh", "arctan", "log1p").contains(k.get("fn"))
              ? 4
              : 0;
      case "binary", "scalar" -> List.of("power", "arctan2", "hypot").contains(k.get("fn")) ? 4 : 0;
      case "reduce", "cumsum", "cumprod", "matmul" -> -1;
      default -> 0;
    };
  }

  /** What differs from NumPy's answer, or null. */
  private static String compare(Map<String, NdArray> data, String[] c) {
    String npDtype = c[4];
    NdArray r;
    try {
      r = apply(data, c);
    } catch (RuntimeException e) {
      if (!npDtype.equals("ERR")) {
        return "ndj threw " + e + " but NumPy gave " + npDtype + " " + c[6];
      }
      // NumPy's message, without its Python exception class ("ValueError: ")
      String numpys = c[5].substring(c[5].indexOf(": ") + 2);
      return numpys.equals(e.getMessage())
          ? null
          : "ndj threw \"" + e.getMessage() + "\" where NumPy says \"" + numpys + "\"";
    }
    if (npDtype.equals("ERR")) {
      return "NumPy raised " + c[5] + " but ndj gave " + r.dtype() + " " + r;
    }
    if (!npDtype.equals(r.dtype().toString())) {
      return "dtype: NumPy " + npDtype + ", ndj " + r.dtype();
    }
    long[] npShape = NumpyCasesContract.longs(c[5]);
    if (!Arrays.equals(npShape, r.shape().dims())) {
      return "shape: NumPy " + Shape.of(npShape) + ", ndj " + r.shape();
    }
    double tol = tolerance(c);
    String text = c[6].replace("\\n", "\n").replace("\\\\", "\\");
    if (tol == 0 && !text.equals(r.toString())) {
      return "print: NumPy\n" + text + "\n  ndj\n" + r;
    }
    double[] e = data.get("out_" + c[0]).toDoubleArray();
    double[] g = r.toDoubleArray();
    double scale = 0;
    for (double v : e) {
      if (Double.isFinite(v)) {
        scale = Math.max(scale, Math.abs(v));
      }
    }
    for (int i = 0; i < e.length; i++) {
      if (Double.compare(e[i], g[i]) == 0
          || e[i] == g[i]
          || (Double.isNaN(e[i]) && Double.isNaN(g[i]))) {
        continue;
      }
      double ulp = Check.ulp(r.dtype(), e[i]);
      double allowed =
          tol > 0
              ? tol * ulp
              : tol < 0 ? relative(r.dtype()) * Math.max(1, Math.max(Math.abs(e[i]), scale)) : 0;
      if (!(Math.abs(e[i] - g[i]) <= allowed)) {
        return "element " + i + ": NumPy " + e[i] + ", ndj " + g[i] + " (allowed " + allowed + ")";
      }
    }
    return null;
  }

  private static double relative(DType t) {
    return switch (t) {
      case FLOAT16 -> 1e-2;
      case FLOAT32 -> 1e-5;
      default -> 1e-12;
    };
  }

  /**
   * ndj writes every dtype, C and F order, 0-d and empty arrays, and .npz members, as np.save does,
   * byte for byte.
   */
  @Test
  default void ndjWritesWhatNumpyWritesByteForByte(@TempDir Path dir) throws IOException {
    for (String[] f : KitData.table("differential/interop/java-arrays.tsv")) {
      String name = f[0];
      DType t = DType.of(f[1]);
      long[] shape = NumpyCasesContract.longs(f[3]);
      double[] values = NumpyCasesContract.doubles(f[4]);
      NdArray x;
      if (f[2].equals("t")) {
        long[] reversed = {shape[1], shape[0]};
        x = make(f[1], values, reversed).T();
      } else {
        x = make(f[1], values, shape);
      }
      assertEquals(t, x.dtype());
      Path mine = dir.resolve(name + ".npy");
      Nd.save(mine, x);
      byte[] numpys = Files.readAllBytes(KitData.file("differential/interop/" + name + ".npy"));
      assertArrayEquals(
          numpys, Files.readAllBytes(mine), name + ".npy as ndj writes it differs from np.save's");
      if (name.equals("java_arange")) {
        Nd.savez(dir.resolve("z.npz"), Map.of("a", x));
        Nd.savezCompressed(dir.resolve("zc.npz"), Map.of("a", x));
        for (String z : new String[] {"z.npz", "zc.npz"}) {
          try (ZipFile zip = new ZipFile(dir.resolve(z).toFile());
              InputStream in = zip.getInputStream(zip.getEntry("a.npy"))) {
            assertArrayEquals(numpys, in.readAllBytes(), "member a.npy of " + z);
          }
        }
      }
    }
  }

  /**
   * ndj reads what NumPy wrote: every dtype in C order, F order and big-endian, format versions 2
   * and 3, .npz.
   */
  @Test
  default void ndjReadsWhatNumpyWrites() throws IOException {
    for (DType t : DType.realValues()) {
      List<Double> want =
          Files.readAllLines(KitData.file("differential/interop/np_" + t + ".txt")).stream()
              .map(Double::parseDouble)
              .toList();
      for (String v : new String[] {"", "_f", "_be"}) {
        NdArray x = Nd.load(backend(), KitData.file("differential/interop/np_" + t + v + ".npy"));
        assertEquals(t, x.dtype(), v);
        assertEquals("(3, 4)", x.shape().toString());
        double[] got = x.toDoubleArray();
        for (int i = 0; i < got.length; i++) {
          assertEquals(want.get(i), got[i], "np_" + t + v + " element " + i);
        }
      }
    }
    assertEquals("[0. 1. 2. 3. 4.]", Nd.load(backend(), interop("np_v2.npy")).toString());
    assertEquals("[0. 1. 2. 3. 4.]", Nd.load(backend(), interop("np_v3.npy")).toString());
    assertEquals("3.5", Nd.load(backend(), interop("np_0d.npy")).toString());
    assertEquals("(0, 3)", Nd.load(backend(), interop("np_empty.npy")).shape().toString());
    for (String z : new String[] {"np.npz", "np_c.npz"}) {
      Map<String, NdArray> m = Nd.loadz(backend(), interop(z));
      assertEquals("[[0 1 2]\n [3 4 5]]", m.get("a").toString());
      assertEquals("[1. 1.]", m.get("b").toString());
    }
    assertTrue(
        assertThrows(
                IllegalArgumentException.class, () -> Nd.load(backend(), interop("np_obj.npy")))
            .getMessage()
            .contains("object arrays"));
    NdArray c16 = Nd.load(backend(), interop("np_c16.npy"));
    assertEquals(DType.COMPLEX128, c16.dtype());
    assertEquals("[1.+0.j 1.+0.j]", c16.toString());
  }

  private static Path interop(String name) {
    return KitData.file("differential/interop/" + name);
  }
}
