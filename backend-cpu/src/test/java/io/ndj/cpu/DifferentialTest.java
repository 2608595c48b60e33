package io.ndj.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ndj.Backend;
import io.ndj.DType;
import io.ndj.Nd;
import io.ndj.NdArray;
import io.ndj.Scope;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/**
 * The differential suite: seeded random cases run through ndj (on every available backend) and through real
 * NumPy 2 (the {@code python3} on PATH, one process for all cases), compared on result dtype, shape, values and
 * {@code print()} text. Also checks .npy/.npz interop both ways, bit for bit. Without NumPy 2 the suite is skipped
 * locally and fails under CI ({@code CI=true}), so it can never silently stop running.
 */
class DifferentialTest {
  static final int CASES = 400;
  static final long SEED = Long.getLong("ndj.differential.seed", 20261125L);
  static final DType[] DTYPES = DType.values();

  @TempDir static Path dir;
  static Map<String, String[]> numpy = new HashMap<>();
  static List<String[]> cases = new ArrayList<>();
  static String version;

  static String python() {
    try {
      Process p = new ProcessBuilder("python3", "-c", "import numpy; print(numpy.__version__)")
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0 && Integer.parseInt(out.split("\\.")[0]) >= 2) {
        return out;
      }
      return null;
    } catch (IOException | InterruptedException | RuntimeException e) {
      return null;
    }
  }

  @BeforeAll
  static void runNumpy() throws Exception {
    version = python();
    if (version == null) {
      String why = "no python3 with NumPy >= 2 on PATH: the differential suite cannot run";
      if ("true".equals(System.getenv("CI"))) {
        fail(why);
      }
      throw new TestAbortedException(why);
    }
    try (Scope scope = Nd.scope()) {
      Backend cpu = Nd.backend("cpu");
      Random r = new Random(SEED);
      StringBuilder tsv = new StringBuilder();
      for (int i = 0; i < CASES; i++) {
        String[] c = makeCase(cpu, r, "c" + i);
        cases.add(c);
        tsv.append(String.join("\t", c)).append('\n');
      }
      Files.writeString(dir.resolve("cases.tsv"), tsv.toString());
      writeJavaFiles(cpu);
    }
    Path script = dir.resolve("numpy_side.py");
    try (var in = DifferentialTest.class.getResourceAsStream("/differential/numpy_side.py")) {
      Files.write(script, in.readAllBytes());
    }
    Process p = new ProcessBuilder("python3", script.toString(), dir.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS) && p.exitValue() == 0, "numpy side failed:\n" + out);
    for (String line : Files.readAllLines(dir.resolve("out.tsv"))) {
      if (!line.isEmpty()) {
        String[] f = line.split("\t", -1);
        numpy.put(f[0], f);
      }
    }
  }

  // ---- case generation: id, op, args, key=value;... (inputs saved as in_<name>.npy) ----

  static long[] shape(Random r) {
    int nd = r.nextInt(4);
    long[] s = new long[nd];
    for (int i = 0; i < nd; i++) {
      s[i] = r.nextInt(10) == 0 ? 0 : 1 + r.nextInt(4);
    }
    return s;
  }

  static String input(Backend b, Random r, String name, DType t, long[] shape) throws IOException {
    return input(b, r, name, t, shape, true);
  }

  /** Saves a random input; {@code specials} adds NaN, infinities and -0.0 to float inputs. */
  static String input(Backend b, Random r, String name, DType t, long[] shape, boolean specials) throws IOException {
    long n = 1;
    for (long s : shape) {
      n *= s;
    }
    double[] v = new double[(int) n];
    for (int i = 0; i < n; i++) {
      v[i] = t.isFloat() ? Math.round(r.nextGaussian() * 400) / 100.0 : t.isBool() ? r.nextInt(2)
          : t == DType.UINT8 ? r.nextInt(20) : r.nextInt(21) - 10;
      if (!specials) {
        v[i] = Math.abs(v[i]);
      } else if (t.isFloat() && r.nextInt(25) == 0) {
        v[i] = new double[] {Double.NaN, Double.POSITIVE_INFINITY, -0.0}[r.nextInt(3)];
      }
    }
    try (NdArray flat = b.array(v); NdArray shaped = flat.reshape(shape); NdArray x = shaped.astype(t)) {
      Nd.save(dir.resolve("in_" + name + ".npy"), x);
    }
    return name;
  }

  static long[] sub(Random r, long[] s) {
    int drop = s.length == 0 ? 0 : r.nextInt(s.length + 1);
    long[] o = new long[s.length - drop];
    for (int i = 0; i < o.length; i++) {
      o[i] = r.nextInt(4) == 0 ? 1 : s[drop + i];
    }
    return o;
  }

  static final String[] BINARY = {"add", "subtract", "multiply", "divide", "floor_divide", "remainder", "power",
      "maximum", "minimum", "fmax", "fmin", "arctan2", "hypot", "equal", "not_equal", "less", "greater_equal",
      "bitwise_and", "bitwise_or", "left_shift", "logical_and", "logical_xor"};
  static final String[] UNARY = {"sqrt", "exp", "log", "sin", "cos", "tanh", "arctan", "absolute", "negative",
      "floor", "ceil", "rint", "trunc", "square", "sign", "isnan", "isfinite", "logical_not", "invert", "log1p"};
  static final String[] REDUCE = {"sum", "prod", "mean", "std", "var", "min", "max", "argmin", "argmax", "any",
      "all"};

  static String[] makeCase(Backend b, Random r, String id) throws IOException {
    DType t = DTYPES[r.nextInt(DTYPES.length)];
    long[] s = shape(r);
    int kind = r.nextInt(13);
    // float to integer casts of NaN, infinities and negatives into uint8 are unspecified: no specials there
    String a = input(b, r, id + "a", t, s, kind != 10 && kind != 8);
    switch (kind) {
      case 0, 1 -> {
        DType t2 = r.nextBoolean() ? t : DTYPES[r.nextInt(DTYPES.length)];
        String bb = input(b, r, id + "b", t2, sub(r, s));
        return new String[] {id, "binary", a + "," + bb, "fn=" + BINARY[r.nextInt(BINARY.length)]};
      }
      case 2 -> {
        String fn = new String[] {"add", "multiply", "subtract", "divide", "less", "maximum", "power"}[r.nextInt(7)];
        String sc = r.nextBoolean() ? Integer.toString(r.nextInt(7) - (fn.equals("power") ? 0 : 3))
            : Double.toString(r.nextInt(50) / 10.0);
        return new String[] {id, "scalar", a, "fn=" + fn + ";s=" + sc + ";first=" + (r.nextInt(4) == 0 ? "True" : "False")};
      }
      case 3, 4 -> {
        return new String[] {id, "unary", a, "fn=" + UNARY[r.nextInt(UNARY.length)]};
      }
      case 5, 6 -> {
        String fn = REDUCE[r.nextInt(REDUCE.length)];
        String axis = s.length == 0 || r.nextInt(3) == 0 ? "None" : Integer.toString(r.nextInt(s.length) - (r.nextBoolean() ? s.length : 0));
        String kw = "fn=" + fn + ";axis=" + axis;
        if (!fn.startsWith("arg") || !axis.equals("None")) {
          kw += ";keepdims=" + (r.nextBoolean() ? "True" : "False");
        }
        if (fn.equals("std") || fn.equals("var")) {
          kw += ";ddof=" + r.nextInt(2);
        }
        return new String[] {id, "reduce", a, kw};
      }
      case 7 -> {
        String axis = s.length == 0 ? "None" : Integer.toString(r.nextInt(s.length));
        return new String[] {id, r.nextBoolean() ? "cumsum" : "cumprod", a, "axis=" + axis};
      }
      case 8 -> {
        if (s.length == 0) {
          return new String[] {id, "astype", a, "dtype=" + DTYPES[r.nextInt(DTYPES.length)]};
        }
        return new String[] {id, r.nextBoolean() ? "sort" : "argsort", a, "axis=" + (r.nextInt(s.length) - 1)};
      }
      case 9 -> {
        long k = 1 + r.nextInt(3);
        String x = input(b, r, id + "m", t, new long[] {1 + r.nextInt(3), k});
        String y = input(b, r, id + "n", DTYPES[r.nextInt(DTYPES.length)], new long[] {k, 1 + r.nextInt(3)});
        return new String[] {id, "matmul", x + "," + y, ""};
      }
      case 10 -> {
        DType to = DTYPES[r.nextInt(DTYPES.length)];
        return new String[] {id, "astype", a, "dtype=" + to};
      }
      case 11 -> {
        String[] idx = {"...", "::-1", "1:", "None, ...", "..., ::2", "-1", "0, ..."};
        String ix = s.length == 0 ? "..." : idx[r.nextInt(idx.length)];
        if ((ix.equals("-1") || ix.startsWith("0,")) && s[0] == 0) {
          ix = "...";
        }
        return new String[] {id, r.nextBoolean() ? "getitem" : "transpose", a, "index=" + ix};
      }
      default -> {
        String c = input(b, r, id + "c", DType.BOOL, sub(r, s));
        String y = input(b, r, id + "y", DTYPES[r.nextInt(DTYPES.length)], sub(r, s));
        return new String[] {id, "where", c + "," + a + "," + y, ""};
      }
    }
  }

  // ---- the same cases through ndj ----

  static Map<String, String> kw(String s) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String item : s.split(";")) {
      if (!item.isEmpty()) {
        int e = item.indexOf('=');
        m.put(item.substring(0, e), item.substring(e + 1));
      }
    }
    return m;
  }

  static NdArray in(Backend b, String name) {
    return Nd.load(b, dir.resolve("in_" + name + ".npy"));
  }

  static NdArray apply(Backend b, String[] c) {
    String[] args = c[2].split(",");
    Map<String, String> k = kw(c[3]);
    NdArray x = in(b, args[0]);
    return switch (c[1]) {
      case "binary" -> NumpyCasesTest.binary(k.get("fn").equals("remainder") ? "remainder" : k.get("fn"), x,
          in(b, args[1]));
      case "scalar" -> {
        String s = k.get("s");
        Number n = s.contains(".") ? (Number) Double.parseDouble(s) : (Number) Long.parseLong(s);
        boolean first = Boolean.parseBoolean(k.get("first").toLowerCase());
        yield first ? switch (k.get("fn")) {
          case "subtract" -> Nd.subtract(n, x);
          case "divide" -> Nd.divide(n, x);
          case "power" -> Nd.power(n, x);
          case "less" -> x.gt(n); // s < x
          default -> NumpyCasesTest.scalar(k.get("fn"), x, n); // symmetric: add, multiply, maximum
        } : NumpyCasesTest.scalar(k.get("fn"), x, n);
      }
      case "unary" -> NumpyCasesTest.unary(k.get("fn"), x);
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
        yield axis.equals("None") ? (sum ? x.cumsum() : x.cumprod())
            : (sum ? x.cumsum(Integer.parseInt(axis)) : x.cumprod(Integer.parseInt(axis)));
      }
      case "sort" -> x.sort(Integer.parseInt(k.get("axis")));
      case "argsort" -> x.argsort(Integer.parseInt(k.get("axis")));
      case "matmul" -> x.matmul(in(b, args[1]));
      case "astype" -> x.astype(DType.of(k.get("dtype")));
      case "getitem" -> x.get(k.get("index"));
      case "transpose" -> x.T();
      case "where" -> Nd.where(x, in(b, args[1]), in(b, args[2]));
      default -> throw new AssertionError(c[1]);
    };
  }

  /** Float results must match to these units of the result dtype; 0 means exactly (and print() must match). */
  static double tolerance(String[] c) {
    Map<String, String> k = kw(c[3]);
    return switch (c[1]) {
      case "unary" -> List.of("exp", "log", "sin", "cos", "tanh", "arctan", "log1p").contains(k.get("fn")) ? 4 : 0;
      case "binary", "scalar" -> List.of("power", "arctan2", "hypot").contains(k.get("fn")) ? 4 : 0;
      case "reduce", "cumsum", "cumprod", "matmul" -> -1;
      default -> 0;
    };
  }

  static String python(String[] c) {
    return "x = np.load('in_" + c[2].split(",")[0] + ".npy')  # " + c[1] + " " + c[2] + " " + c[3];
  }

  @Test
  void ndjAgreesWithNumpyOnEveryAvailableBackend() {
    List<String> failures = new ArrayList<>();
    int compared = 0;
    for (var p : Nd.providers()) {
      if (!p.availability().available()) {
        continue;
      }
      Backend b = Nd.backend(p.name());
      for (String[] c : cases) {
        String[] np = numpy.get(c[0]);
        try (Scope scope = Nd.scope()) {
          String problem = compare(b, c, np);
          compared++;
          if (problem != null) {
            failures.add("[" + b.name() + "] case " + String.join(" ", c) + "\n  " + problem
                + "\n  Java:   Nd.load(Path.of(\"in_" + c[2].split(",")[0] + ".npy\")) then " + c[1] + " " + c[3]
                + "\n  Python: " + python(c));
          }
        }
      }
    }
    assertTrue(compared >= 300, "only " + compared + " cases compared");
    if (!failures.isEmpty()) {
      fail(failures.size() + " of " + compared + " cases differ from NumPy " + version + ":\n"
          + String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
    }
  }

  static String compare(Backend b, String[] c, String[] np) {
    NdArray r;
    try {
      r = apply(b, c);
    } catch (RuntimeException e) {
      return np[1].equals("ERR") ? null : "ndj threw " + e + " but NumPy gave " + np[1] + " " + np[3];
    }
    if (np[1].equals("ERR")) {
      return "NumPy raised " + np[2] + " but ndj gave " + r.dtype() + " " + r;
    }
    String want = np[1].equals("uint64") ? "int64" : np[1];
    if (!want.equals(r.dtype().toString())) {
      return "dtype: NumPy " + np[1] + ", ndj " + r.dtype();
    }
    long[] npShape = NumpyCasesTest.longs(np[2]);
    if (!java.util.Arrays.equals(npShape, r.shape().dims())) {
      return "shape: NumPy " + io.ndj.Shape.of(npShape) + ", ndj " + r.shape();
    }
    NdArray expected = Nd.load(b, dir.resolve("out_" + c[0] + ".npy"));
    double tol = tolerance(c);
    String text = np[3].replace("\\n", "\n").replace("\\\\", "\\");
    if (tol == 0 && !np[1].equals("uint64") && !text.equals(r.toString())) {
      return "print: NumPy\n" + text + "\n  ndj\n" + r;
    }
    double[] e = expected.toDoubleArray();
    double[] g = r.toDoubleArray();
    double scale = 0;
    for (double v : e) {
      if (Double.isFinite(v)) {
        scale = Math.max(scale, Math.abs(v));
      }
    }
    for (int i = 0; i < e.length; i++) {
      if (Double.compare(e[i], g[i]) == 0 || e[i] == g[i] || (Double.isNaN(e[i]) && Double.isNaN(g[i]))) {
        continue;
      }
      double ulp = io.ndj.conformance.Check.ulp(r.dtype(), e[i]);
      double allowed = tol > 0 ? tol * ulp
          : tol < 0 ? relative(r.dtype()) * Math.max(1, Math.max(Math.abs(e[i]), scale)) : 0;
      if (!(Math.abs(e[i] - g[i]) <= allowed)) {
        return "element " + i + ": NumPy " + e[i] + ", ndj " + g[i] + " (allowed " + allowed + ")";
      }
    }
    return null;
  }

  static double relative(DType t) {
    return switch (t) {
      case FLOAT16 -> 1e-2;
      case FLOAT32 -> 1e-5;
      default -> 1e-12;
    };
  }

  // ---- .npy / .npz interop both ways ----

  static final Map<String, byte[]> JAVA_BYTES = new LinkedHashMap<>();

  static void writeJavaFiles(Backend b) {
    Random r = new Random(7);
    for (DType t : DTYPES) {
      double[] v = new double[12];
      for (int i = 0; i < v.length; i++) {
        v[i] = t.isFloat() ? r.nextGaussian() * 1e3 : t.isBool() ? r.nextInt(2) : r.nextInt(200) - 100;
      }
      try (NdArray flat = b.array(v); NdArray x = flat.reshape(3, 4).astype(t); NdArray f = x.T()) {
        Nd.save(dir.resolve("java_" + t + ".npy"), x);
        Nd.save(dir.resolve("java_" + t + "_t.npy"), f);
        JAVA_BYTES.put("java_" + t + ".npy", bytes(x));
        JAVA_BYTES.put("java_" + t + "_t.npy", bytes(f));
      }
    }
    try (NdArray z = b.scalar(2.5); NdArray e = b.zeros(DType.INT16, 0, 2); NdArray a = b.arange(6)) {
      Nd.save(dir.resolve("java_0d.npy"), z);
      Nd.save(dir.resolve("java_empty.npy"), e);
      JAVA_BYTES.put("java_0d.npy", bytes(z));
      JAVA_BYTES.put("java_empty.npy", bytes(e));
      Nd.savez(dir.resolve("java_z.npz"), Map.of("a", a));
      Nd.savezCompressed(dir.resolve("java_zc.npz"), Map.of("a", a));
      JAVA_BYTES.put("java_z.npz:a", bytes(a));
      JAVA_BYTES.put("java_zc.npz:a", bytes(a));
    }
  }

  /** C-order little-endian bytes of x, computed here from its values. */
  static byte[] bytes(NdArray x) {
    int n = (int) x.size();
    ByteBuffer bb = ByteBuffer.allocate(n * x.itemsize()).order(ByteOrder.LITTLE_ENDIAN);
    double[] d = x.toDoubleArray();
    long[] l = x.toLongArray();
    for (int i = 0; i < n; i++) {
      switch (x.dtype()) {
        case FLOAT64 -> bb.putDouble(d[i]);
        case FLOAT32 -> bb.putFloat((float) d[i]);
        case FLOAT16 -> bb.putShort(Float.floatToFloat16((float) d[i]));
        case INT64 -> bb.putLong(l[i]);
        case INT32 -> bb.putInt((int) l[i]);
        case INT16 -> bb.putShort((short) l[i]);
        default -> bb.put((byte) l[i]);
      }
    }
    return bb.array();
  }

  @Test
  void numpyReadsWhatNdjWritesBitForBit() throws IOException {
    Map<String, String[]> seen = new HashMap<>();
    for (String line : Files.readAllLines(dir.resolve("java_files.tsv"))) {
      if (!line.isEmpty()) {
        String[] f = line.split("\t", -1);
        seen.put(f[0], f);
      }
    }
    for (var e : JAVA_BYTES.entrySet()) {
      String[] f = seen.get(e.getKey());
      assertTrue(f != null, "NumPy did not read " + e.getKey());
      assertEquals(HexFormat.of().formatHex(e.getValue()), f[3], e.getKey());
    }
  }

  @Test
  void ndjReadsWhatNumpyWritesBitForBit() throws IOException {
    try (Scope scope = Nd.scope()) {
      for (DType t : DTYPES) {
        List<Double> want = Files.readAllLines(dir.resolve("np_" + t + ".txt")).stream().map(Double::parseDouble)
            .toList();
        for (String v : new String[] {"", "_f", "_be"}) {
          NdArray x = Nd.load(dir.resolve("np_" + t + v + ".npy"));
          assertEquals(t, x.dtype(), v);
          assertEquals("(3, 4)", x.shape().toString());
          double[] got = x.toDoubleArray();
          for (int i = 0; i < got.length; i++) {
            assertEquals(want.get(i), got[i], "np_" + t + v + " element " + i);
          }
        }
      }
      assertEquals("[0. 1. 2. 3. 4.]", Nd.load(dir.resolve("np_v2.npy")).toString());
      assertEquals("[0. 1. 2. 3. 4.]", Nd.load(dir.resolve("np_v3.npy")).toString());
      assertEquals("3.5", Nd.load(dir.resolve("np_0d.npy")).toString());
      assertEquals("(0, 3)", Nd.load(dir.resolve("np_empty.npy")).shape().toString());
      for (String z : new String[] {"np.npz", "np_c.npz"}) {
        Map<String, NdArray> m = Nd.loadz(dir.resolve(z));
        assertEquals("[[0 1 2]\n [3 4 5]]", m.get("a").toString());
        assertEquals("[1. 1.]", m.get("b").toString());
      }
      assertTrue(assertThrows(IllegalArgumentException.class, () -> Nd.load(dir.resolve("np_obj.npy")))
          .getMessage().contains("object arrays"));
      assertTrue(assertThrows(IllegalArgumentException.class, () -> Nd.load(dir.resolve("np_c16.npy")))
          .getMessage().contains("unsupported dtype complex128 (descr '<c16')"));
    }
  }
}
