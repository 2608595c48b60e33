package io.ndj;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** NumPy's {@code savetxt} and {@code loadtxt}. */
final class TextFiles {
  private TextFiles() {}

  private static final List<String> SAVE_OPTIONS =
      List.of("fmt", "delimiter", "newline", "header", "footer", "comments");
  private static final List<String> LOAD_OPTIONS =
      List.of("dtype", "comments", "delimiter", "skiprows", "usecols", "ndmin", "max_rows");

  /** The whole text savetxt writes; nothing is written when formatting fails. */
  static String format(NdArray x, TextOptions o) {
    o.check("savetxt", SAVE_OPTIONS);
    x.ensureOpen();
    if (x.ndim() == 0 || x.ndim() > 2) {
      throw new IllegalArgumentException(
          "Expected 1D or 2D array, got " + x.ndim() + "D array instead");
    }
    long rows = x.shape().dims()[0];
    long cols = x.ndim() == 1 ? 1 : x.shape().dims()[1];
    String delimiter = o.delimiter == null ? " " : o.delimiter;
    DType t = x.dtype();
    boolean complex = t.isComplex();
    String format;
    if (o.fmts != null) {
      if (o.fmts.size() != cols) {
        throw new IllegalArgumentException("fmt has wrong shape.  " + pyList(o.fmts));
      }
      format = String.join(delimiter, o.fmts);
    } else {
      long percents = o.fmt.chars().filter(c -> c == '%').count();
      if (percents == 1) {
        // a complex number as NumPy writes it: " (re+imj)", each part in the one format
        String one = complex ? " (" + o.fmt + "+" + o.fmt + "j)" : o.fmt;
        format = String.join(delimiter, java.util.Collections.nCopies((int) cols, one));
      } else if (percents != (complex ? 2 * cols : cols)) {
        throw new IllegalArgumentException("fmt has wrong number of % formats:  " + o.fmt);
      } else {
        format = o.fmt;
      }
    }
    StringBuilder out = new StringBuilder();
    String comments = o.commentsOut;
    if (!o.header.isEmpty()) {
      out.append(comments).append(o.header.replace("\n", "\n" + comments)).append(o.newline);
    }
    long n = x.size();
    // a complex number is two values of its component dtype, real then imaginary
    DType vt = complex ? t.componentType() : t;
    int per = complex ? 2 : 1;
    long[] longs = t.isFloat() || complex ? null : x.toLongArray();
    double[] doubles = null;
    if (complex) {
      try (NdArray re = x.real();
          NdArray im = x.imag()) {
        double[] r = re.toDoubleArray();
        double[] i = im.toDoubleArray();
        doubles = new double[2 * r.length];
        for (int k = 0; k < r.length; k++) {
          doubles[2 * k] = r[k];
          doubles[2 * k + 1] = i[k];
        }
      }
    } else if (t.isFloat()) {
      doubles = x.toDoubleArray();
    }
    PyFormat.Value[] row = new PyFormat.Value[(int) cols * per];
    for (long r = 0; r < rows; r++) {
      for (int c = 0; c < cols * per; c++) {
        int at = (int) (r * cols * per + c);
        row[c] =
            longs != null
                ? new PyFormat.Value(vt, longs[at], 0)
                : new PyFormat.Value(vt, 0, doubles[at]);
      }
      try {
        String line = PyFormat.apply(format, row) + o.newline;
        out.append(complex ? line.replace("+-", "-") : line);
      } catch (PyFormat.Mismatch e) {
        throw new IllegalArgumentException(
            "Mismatch between array dtype ('" + t + "') and format specifier ('" + format + "')");
      }
    }
    if (n >= 0 && !o.footer.isEmpty()) {
      out.append(comments).append(o.footer.replace("\n", "\n" + comments)).append(o.newline);
    }
    return out.toString();
  }

  private static String pyList(List<String> items) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < items.size(); i++) {
      b.append(i > 0 ? ", " : "").append('\'').append(items.get(i)).append('\'');
    }
    return b.append(']').toString();
  }

  /**
   * Writes {@code text} to {@code file} whole or not at all (a temporary file moved into place).
   */
  static void write(Path file, String text) {
    Path dir = file.toAbsolutePath().getParent();
    try {
      Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
      try {
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- loadtxt ----

  private static final Pattern FLOAT =
      Pattern.compile("[+-]?(?:(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?|(?i:inf|infinity|nan))");
  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");

  static NdArray load(ArrayFactory factory, String text, TextOptions o) {
    o.check("loadtxt", LOAD_OPTIONS);
    if (o.ndmin < 0 || o.ndmin > 2) {
      throw new IllegalArgumentException("Illegal value of ndmin keyword: " + o.ndmin);
    }
    if (o.skiprows < 0) {
      throw new IllegalArgumentException("argument 'skiprows' must be >= 0");
    }
    DType t = o.dtype;
    String[] lines = text.split("\r\n|\n|\r", -1);
    int ncols = -1;
    List<long[]> longRows = new ArrayList<>();
    List<double[]> doubleRows = new ArrayList<>();
    int dataRow = 0;
    for (int li = o.skiprows; li < lines.length; li++) {
      if (o.maxRows >= 0 && dataRow >= o.maxRows) {
        break;
      }
      String line = lines[li];
      if (o.commentsIn != null && !o.commentsIn.isEmpty()) {
        int c = line.indexOf(o.commentsIn);
        if (c >= 0) {
          line = line.substring(0, c);
        }
      }
      if (line.isBlank()) {
        continue;
      }
      String[] fields =
          o.delimiter == null
              ? line.strip().split("\\s+")
              : line.split(Pattern.quote(o.delimiter), -1);
      int[] cols;
      if (o.usecols == null) {
        if (ncols >= 0 && fields.length != ncols) {
          throw new IllegalArgumentException(
              "the number of columns changed from "
                  + ncols
                  + " to "
                  + fields.length
                  + " at row "
                  + (dataRow + 1)
                  + "; use `usecols` to select a subset and avoid this error");
        }
        ncols = fields.length;
        cols = null;
      } else {
        cols = o.usecols;
      }
      int width = cols == null ? fields.length : cols.length;
      double[] dr = t.isFloat() ? new double[width] : null;
      long[] lr = t.isFloat() ? null : new long[width];
      for (int i = 0; i < width; i++) {
        int c = i;
        if (cols != null) { // each column is checked as it is reached, as NumPy does
          c = cols[i] < 0 ? cols[i] + fields.length : cols[i];
          if (c < 0 || c >= fields.length) {
            throw new IllegalArgumentException(
                "invalid column index "
                    + cols[i]
                    + " at row "
                    + (dataRow + 1)
                    + " with "
                    + fields.length
                    + " columns");
          }
        }
        if (dr != null) {
          dr[i] = parseFloat(fields[c], t, dataRow, c);
        } else {
          lr[i] = parseInteger(fields[c], t, dataRow, c);
        }
      }
      if (dr != null) {
        doubleRows.add(dr);
      } else {
        longRows.add(lr);
      }
      dataRow++;
    }
    int width =
        dataRow > 0
            ? (t.isFloat() ? doubleRows.get(0).length : longRows.get(0).length)
            : (o.usecols != null && !o.usecolsScalar ? o.usecols.length : 1);
    long[] shape = {dataRow, width};
    NdArray a;
    if (t.isFloat()) {
      double[] flat = new double[dataRow * width];
      for (int r = 0; r < dataRow; r++) {
        System.arraycopy(doubleRows.get(r), 0, flat, r * width, width);
      }
      a = factory.array(flat, t, shape);
    } else {
      long[] flat = new long[dataRow * width];
      for (int r = 0; r < dataRow; r++) {
        System.arraycopy(longRows.get(r), 0, flat, r * width, width);
      }
      a = factory.array(flat, t, shape);
    }
    return ndmin(a, o.ndmin);
  }

  /** NumPy's {@code _ensure_ndmin_ndarray}: squeeze past ndmin, then at least ndmin dims. */
  private static NdArray ndmin(NdArray a, int ndmin) {
    NdArray r = a;
    if (r.ndim() > ndmin) {
      r = r.squeeze();
    }
    if (r.ndim() < ndmin) {
      r = ndmin == 1 ? r.reshape(r.size()) : r.reshape(1, r.size()).T();
    }
    return r;
  }

  private static IllegalArgumentException cannot(String field, DType t, int row, int col) {
    return new IllegalArgumentException(
        "could not convert string '"
            + field
            + "' to "
            + t
            + " at row "
            + row
            + ", column "
            + (col + 1)
            + ".");
  }

  private static double parseFloat(String raw, DType t, int row, int col) {
    String f = raw.strip();
    if (!FLOAT.matcher(f).matches()) {
      throw cannot(f, t, row, col);
    }
    String low = f.toLowerCase(java.util.Locale.ROOT);
    if (low.endsWith("nan")) {
      return Double.NaN;
    }
    if (low.endsWith("inf") || low.endsWith("infinity")) {
      return low.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    return Double.parseDouble(f);
  }

  private static long parseInteger(String raw, DType t, int row, int col) {
    String f = raw.strip();
    if (!INTEGER.matcher(f).matches()) {
      throw cannot(f, t, row, col);
    }
    long v;
    try {
      v = t.isUnsigned64() && !f.startsWith("-") ? Long.parseUnsignedLong(f) : Long.parseLong(f);
    } catch (NumberFormatException e) {
      throw cannot(f, t, row, col);
    }
    if (t.isBool()) {
      return v != 0 ? 1 : 0;
    }
    if (t.isUnsigned64() ? f.startsWith("-") && v != 0 : !t.holds(v)) {
      throw cannot(f, t, row, col);
    }
    return v;
  }
}
