package io.ndj.conformance;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.ndj.DType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code .npy} and {@code .npz} files as NumPy reads them: about 1,700 mutated files (header
 * literals in every spelling NumPy accepts or refuses, duplicate keys, versions, header lengths,
 * truncations, flipped bytes, damaged zip members, CRCs and sizes, members of one name), each held
 * to the verdict NumPy's {@code np.load} gave, which {@code npy/make_cases.py} checked in beside
 * the data. A file NumPy loads gives the same dtype, shape and bytes, or, for a dtype ndj lacks, a
 * refusal that names it; a file NumPy refuses is refused with an {@link IllegalArgumentException}
 * in NumPy's words that names the file; either way nothing is left allocated.
 */
public interface NpyFilesContract extends KitSupport {
  @TestFactory
  default Stream<DynamicTest> npyFilesAsNumPyReadsThem() {
    return NpyCase.all().stream()
        .map(c -> dynamicTest("npy-files[" + c.id() + "]", () -> NpyJudge.check(backend(), c)));
  }

  /** One line of {@code npy/npy-cases.tsv}. */
  record NpyCase(String kind, String id, byte[] bytes, String verdict) {
    static List<NpyCase> all() {
      List<NpyCase> out = new ArrayList<>();
      var in = NpyFilesContract.class.getResourceAsStream("npy/npy-cases.tsv");
      if (in == null) {
        throw new IllegalStateException("the kit's npy/npy-cases.tsv is missing from its jar");
      }
      try (BufferedReader r =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          if (line.startsWith("#") || line.isBlank()) {
            continue;
          }
          out.add(parse(line));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out;
    }

    /** A line: kind, id, the file in base64, NumPy's verdict, tab-separated. */
    static NpyCase parse(String line) {
      String[] f = line.split("\t", 4);
      return new NpyCase(f[0], f[1], Base64.getDecoder().decode(f[2]), f[3]);
    }

    /** key, descr, shape, hex bytes of each array NumPy loaded. */
    List<String[]> arrays() {
      List<String[]> out = new ArrayList<>();
      for (String part : verdict.substring(3).split(";")) {
        // key=descr|shape|hex, where the descr may itself begin with '|'
        int eq = part.indexOf('=');
        int hex = part.lastIndexOf('|');
        int shape = part.lastIndexOf('|', hex - 1);
        out.add(
            new String[] {
              part.substring(0, eq),
              part.substring(eq + 1, shape),
              part.substring(shape + 1, hex),
              part.substring(hex + 1)
            });
      }
      return out;
    }

    static DType ndjDtype(String descr) {
      return switch (descr.length() == 3 || descr.length() == 4 ? descr.substring(1) : "") {
        case "b1" -> DType.BOOL;
        case "i1" -> DType.INT8;
        case "u1" -> DType.UINT8;
        case "u2" -> DType.UINT16;
        case "u4" -> DType.UINT32;
        case "u8" -> DType.UINT64;
        case "i2" -> DType.INT16;
        case "i4" -> DType.INT32;
        case "i8" -> DType.INT64;
        case "f2" -> DType.FLOAT16;
        case "f4" -> DType.FLOAT32;
        case "f8" -> DType.FLOAT64;
        case "c8" -> DType.COMPLEX64;
        case "c16" -> DType.COMPLEX128;
        default -> null;
      };
    }

    /**
     * What ndj's message must say, in NumPy's words, for NumPy's error; empty where any refusal
     * will do.
     */
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
        {
          "Failed to read all data",
          "Failed to read all data|negative dimensions|array is too big|Maximum allowed|unsupported dtype"
        },
        {"Cannot parse header", "Cannot parse header"},
        {"malformed node", "Cannot parse header"},
        {"TokenError", "Cannot parse header"},
        {"UnicodeDecodeError", "Cannot parse header"},
        // NumPy's dtype parser also raises SyntaxError, for descrs in its comma-string syntax
        // ('01', ',x')
        {
          "SyntaxError",
          "Cannot parse header|descr is not a valid dtype descriptor|unsupported dtype"
        },
        {"null bytes", "Cannot parse header"},
        {
          "Maximum allowed dimension exceeded",
          "Maximum allowed dimension exceeded|array is too big|unsupported dtype"
        },
        {
          "cannot reshape",
          "negative dimensions|array is too big|Failed to read all data|unsupported dtype"
        },
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
