package io.ndj.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.ndj.DType;
import io.ndj.Nd;
import io.ndj.NdArray;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code .npy} and {@code .npz} files as NumPy reads them: about 1,700 mutated files (header literals in every
 * spelling NumPy accepts or refuses, duplicate keys, versions, header lengths, truncations, flipped bytes, damaged
 * zip members, CRCs and sizes, members of one name), each held to the verdict NumPy's {@code np.load} gave, which
 * {@code npy/make_cases.py} checked in beside the data. A file NumPy loads gives the same dtype, shape and bytes,
 * or, for a dtype ndj lacks, a refusal that names it; a file NumPy refuses is refused with an
 * {@link IllegalArgumentException} in NumPy's words that names the file; either way nothing is left allocated.
 */
public interface NpyFilesContract extends KitSupport {
  @TestFactory
  default Stream<DynamicTest> npyFilesAsNumPyReadsThem() {
    return NpyCase.all().stream().map(c -> dynamicTest("npy-files[" + c.id() + "]", () -> checkNpyCase(c)));
  }

  private void checkNpyCase(NpyCase c) throws IOException {
    Path dir = Files.createTempDirectory("ndj-npy");
    Path file = dir.resolve(c.id() + "." + c.kind());
    Files.write(file, c.bytes());
    int before = backend().liveBuffers();
    try {
      Map<String, NdArray> got = new LinkedHashMap<>();
      RuntimeException refused = null;
      try {
        if (c.kind().equals("npz")) {
          got.putAll(Nd.loadz(backend(), file));
        } else {
          got.put("-", Nd.load(backend(), file));
        }
      } catch (IllegalArgumentException | UncheckedIOException e) {
        refused = e;
      }
      try {
        judge(c, file, got, refused);
      } finally {
        got.values().forEach(NdArray::close);
      }
      assertTrue(backend().liveBuffers() <= before, c.id() + ": a load left " + (backend().liveBuffers() - before)
          + " buffers allocated");
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    }
  }

  private static void judge(NpyCase c, Path file, Map<String, NdArray> got, RuntimeException refused) {
    String where = c.id() + " (NumPy: " + c.verdict() + ")";
    if (c.verdict().startsWith("error ")) {
      if (refused == null) {
        fail(where + ": ndj loaded what NumPy refuses: " + got);
      }
      String msg = String.valueOf(refused.getMessage());
      assertTrue(msg.contains(file.getFileName().toString()), where + ": the message does not name the file: " + msg);
      List<String> phrases = NpyCase.phrasesFor(c.verdict());
      assertTrue(phrases.isEmpty() || phrases.stream().anyMatch(msg::contains),
          where + ": ndj's message says none of " + phrases + ": " + msg);
      return;
    }
    List<String[]> expected = c.arrays();
    boolean unsupported = expected.stream().anyMatch(a -> NpyCase.ndjDtype(a[1]) == null);
    if (unsupported) {
      if (refused == null) {
        fail(where + ": ndj loaded a dtype it does not have as " + got);
      }
      String msg = String.valueOf(refused.getMessage());
      assertTrue(msg.contains("unsupported dtype") || msg.contains("object arrays"),
          where + ": the refusal does not name the unsupported dtype: " + msg);
      return;
    }
    if (refused != null && c.kind().equals("npz") && String.valueOf(refused.getMessage()).contains("Bad CRC-32")) {
      // NumPy checks a member's CRC only when it reads the member to its end, which it does not for a member whose
      // header asks for fewer bytes than the member holds; ndj always checks, as the zip format means it to
      return;
    }
    if (refused != null && c.id().endsWith("-eocd")
        && String.valueOf(refused.getMessage()).contains("File is not a zip file, or a damaged one")) {
      // the one place ndj is stricter than NumPy: Java's zip reader refuses a damaged end-of-archive record
      // that Python's tolerates; refusing loses no data and returns nothing wrong
      return;
    }
    if (refused != null) {
      throw new AssertionError(where + ": ndj refused what NumPy loads: " + refused.getMessage(), refused);
    }
    assertEquals(expected.stream().map(a -> a[0]).toList(), List.copyOf(got.keySet()), where + ": the names");
    for (String[] a : expected) {
      NdArray x = got.get(a[0]);
      assertEquals(NpyCase.ndjDtype(a[1]), x.dtype(), where + ": dtype of " + a[0]);
      long[] shape = a[2].isEmpty() ? new long[0]
          : Stream.of(a[2].split(",")).mapToLong(Long::parseLong).toArray();
      assertArrayEquals(shape, x.shape().dims(), where + ": shape of " + a[0]);
      byte[] bytes = new byte[(int) x.nbytes()];
      x.copyTo(MemorySegment.ofArray(bytes));
      assertEquals(a[3], HexFormat.of().formatHex(bytes), where + ": the bytes of " + a[0]);
    }
  }

  /** One line of {@code npy/npy-cases.tsv}. */
  record NpyCase(String kind, String id, byte[] bytes, String verdict) {
    static List<NpyCase> all() {
      List<NpyCase> out = new ArrayList<>();
      var in = NpyFilesContract.class.getResourceAsStream("npy/npy-cases.tsv");
      if (in == null) {
        throw new IllegalStateException("the kit's npy/npy-cases.tsv is missing from its jar");
      }
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          if (line.startsWith("#") || line.isBlank()) {
            continue;
          }
          String[] f = line.split("\t", 4);
          out.add(new NpyCase(f[0], f[1], Base64.getDecoder().decode(f[2]), f[3]));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out;
    }

    /** key, descr, shape, hex bytes of each array NumPy loaded. */
    List<String[]> arrays() {
      List<String[]> out = new ArrayList<>();
      for (String part : verdict.substring(3).split(";")) {
        // key=descr|shape|hex, where the descr may itself begin with '|'
        int eq = part.indexOf('=');
        int hex = part.lastIndexOf('|');
        int shape = part.lastIndexOf('|', hex - 1);
        out.add(new String[] {
          part.substring(0, eq), part.substring(eq + 1, shape), part.substring(shape + 1, hex), part.substring(hex + 1)
        });
      }
      return out;
    }

    static DType ndjDtype(String descr) {
      return switch (descr.length() == 3 ? descr.substring(1) : "") {
        case "b1" -> DType.BOOL;
        case "i1" -> DType.INT8;
        case "u1" -> DType.UINT8;
        case "i2" -> DType.INT16;
        case "i4" -> DType.INT32;
        case "i8" -> DType.INT64;
        case "f2" -> DType.FLOAT16;
        case "f4" -> DType.FLOAT32;
        case "f8" -> DType.FLOAT64;
        default -> null;
      };
    }

    /** What ndj's message must say, in NumPy's words, for NumPy's error; empty where any refusal will do. */
    static List<String> phrasesFor(String verdict) {
      String[][] table = {
        {"we only support format version", "we only support format version"},
        {"Header does not contain the correct keys", "Header does not contain the correct keys"},
        {"Header is not a dictionary", "Header is not a dictionary"},
        {"shape is not valid", "shape is not valid"},
        {"fortran_order is not a valid bool", "fortran_order is not a valid bool"},
        {"descr is not a valid dtype descriptor", "descr is not a valid dtype descriptor"},
        // past the descr, ndj refuses a dtype it lacks before it reads the data NumPy found wanting
        {"reading array data", "Failed to read all data|unsupported dtype"},
        {"EOF: reading", "EOF: reading|is large and may not be safe"},
        {"Failed to read all data",
            "Failed to read all data|negative dimensions|array is too big|Maximum allowed|unsupported dtype"},
        {"Cannot parse header", "Cannot parse header"},
        {"malformed node", "Cannot parse header"},
        {"TokenError", "Cannot parse header"},
        {"UnicodeDecodeError", "Cannot parse header"},
        {"SyntaxError", "Cannot parse header"},
        {"null bytes", "Cannot parse header"},
        {"Maximum allowed dimension exceeded", "Maximum allowed dimension exceeded|array is too big|unsupported dtype"},
        {"cannot reshape", "negative dimensions|array is too big|Failed to read all data|unsupported dtype"},
        {"is large and may not be safe", "is large and may not be safe"},
        {"Bad CRC-32", "Bad CRC-32"},
        {"pickled", "object arrays|not a .npy file|EOF: reading magic string"},
      };
      for (String[] row : table) {
        if (verdict.contains(row[0])) {
          return List.of(row[1].split("\\|"));
        }
      }
      return List.of();
    }
  }
}
