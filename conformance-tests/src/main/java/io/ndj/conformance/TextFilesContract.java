package io.ndj.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.ndj.DType;
import io.ndj.Nd;
import io.ndj.NdArray;
import io.ndj.TextOptions;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * NumPy's {@code savetxt} and {@code loadtxt} against NumPy 2's own output and results ({@code
 * numpy/numpy-text.tsv}, {@code numpy/numpy_text.py} beside it): Python's %-formats (d x o e f g s
 * r with flags, width and precision, rounded from the exact binary value), per-column and whole-row
 * formats, delimiter, newline, header, footer and comments; reading with dtype, comments,
 * delimiter, skiprows, usecols, ndmin and max_rows; each error in NumPy's words, with the file left
 * as it was.
 */
public interface TextFilesContract extends KitSupport {
  @TestFactory
  default Stream<DynamicTest> savetxtAndLoadtxtMatchNumpy() {
    return KitData.table("numpy/numpy-text.tsv").stream()
        .map(f -> dynamicTest("numpy " + f[0], () -> textRow(f)));
  }

  private void textRow(String[] f) {
    if (f[1].equals("save")) {
      String[] p = f[2].split("\\|", -1);
      NdArray x = make(p[0], NumpyCasesContract.doubles(p[1]), NumpyCasesContract.longs(p[2]));
      TextOptions o =
          (f[3].equals("list") ? TextOptions.fmt(f[4].split("¦", -1)) : TextOptions.fmt(f[4]))
              .withDelimiter(unescape(f[5]))
              .newline(unescape(f[6]))
              .header(unescape(f[7]))
              .footer(unescape(f[8]))
              .comments(unescape(f[9]));
      StringWriter out = new StringWriter();
      if (f[10].equals("ERR")) {
        Check.raisesNumpysMessage(f[0], f[11], () -> Nd.savetxt(out, x, o));
        assertEquals("", out.toString(), f[0] + ": nothing written on error");
        return;
      }
      Nd.savetxt(out, x, o);
      assertEquals(unescape(f[10]), out.toString(), f[0]);
      return;
    }
    TextOptions o =
        TextOptions.dtype(DType.of(f[3]))
            .comments(f[4].equals("None") ? null : unescape(f[4]))
            .withDelimiter(f[5].equals("None") ? null : unescape(f[5]))
            .skiprows(Integer.parseInt(f[6]))
            .ndmin(Integer.parseInt(f[8]));
    if (!f[7].isEmpty()) {
      o =
          f[7].endsWith(",")
              ? o.usecols(
                  java.util.Arrays.stream(f[7].split(",")).mapToInt(Integer::parseInt).toArray())
              : o.usecol(Integer.parseInt(f[7]));
    }
    if (!f[9].isEmpty()) {
      o = o.maxRows(Long.parseLong(f[9]));
    }
    TextOptions options = o;
    String text = unescape(f[2]);
    if (f[10].equals("ERR")) {
      Check.raisesNumpysMessage(
          f[0], f[11], () -> backend().loadtxt(new StringReader(text), options));
      return;
    }
    NdArray r = backend().loadtxt(new StringReader(text), options);
    assertEquals(f[10], r.dtype().toString(), f[0] + ": dtype");
    assertArrayEquals(NumpyCasesContract.longs(f[11]), r.shape().dims(), f[0] + ": shape");
    String want = f.length > 12 ? f[12] : "";
    if (r.dtype().isFloat()) {
      Check.sameValues(f[0], NumpyCasesContract.doubles(want), r.toDoubleArray(), 0);
    } else {
      long[] w =
          want.isEmpty()
              ? new long[0]
              : java.util.Arrays.stream(want.split(",")).mapToLong(Long::parseLong).toArray();
      assertArrayEquals(w, r.toLongArray(), f[0]);
    }
  }

  /** The table's escapes: \\ \n \t \r. */
  private static String unescape(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        b.append(
            switch (n) {
              case 'n' -> '\n';
              case 't' -> '\t';
              case 'r' -> '\r';
              default -> n;
            });
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * A file round trip: what savetxt writes, loadtxt reads back equal; a failed savetxt leaves the
   * file as it was.
   */
  @Test
  default void fileRoundTripAndFailedSaveLeavesTheFile() throws Exception {
    Path dir = Files.createTempDirectory("ndj-text");
    Path file = dir.resolve("x.txt");
    try {
      NdArray x = arange(12).reshape(3, 4).astype(DType.FLOAT64).divide(7.0);
      Nd.savetxt(file, x);
      NdArray back = backend().loadtxt(file, TextOptions.defaults());
      Check.sameValues("loadtxt(savetxt(x))", x.toDoubleArray(), back.toDoubleArray(), 0);
      String before = Files.readString(file);
      NdArray nan = array(new double[] {Double.NaN});
      Check.raisesNumpysMessage(
          "savetxt(nan, fmt='%d')",
          "cannot convert float NaN to integer",
          () -> Nd.savetxt(file, nan, TextOptions.fmt("%d")));
      assertEquals(before, Files.readString(file), "a failed savetxt left the file unchanged");
      Check.raisesNumpysMessage(
          "loadtxt(skiprows=...) in savetxt",
          "savetxt() got an unexpected keyword argument 'skiprows'",
          () -> Nd.savetxt(file, x, TextOptions.defaults().skiprows(1)));
      try (var files = Files.list(dir)) {
        assertEquals(1, files.count(), "no temporary file left behind");
      }
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    }
  }
}
