package io.ndj;

import java.util.List;
import java.util.Objects;

/**
 * The keyword arguments of NumPy's {@code savetxt} and {@code loadtxt}, named as NumPy names them
 * and defaulting as NumPy does: {@code Nd.savetxt(file, x, TextOptions.fmt("%.3f").delimiter(","))}
 * is {@code np.savetxt(file, x, fmt='%.3f', delimiter=',')}, and {@code Nd.loadtxt(file,
 * TextOptions.dtype(DType.INT64).usecols(0, 2).skiprows(1))} is {@code np.loadtxt(file,
 * dtype=np.int64, usecols=(0, 2), skiprows=1)}. Immutable: each method returns a new set. An option
 * the function does not take is NumPy's {@code TypeError} ("savetxt() got an unexpected keyword
 * argument 'skiprows'").
 */
public final class TextOptions {
  static final TextOptions DEFAULTS = new TextOptions();

  // savetxt
  String fmt = "%.18e";
  List<String> fmts;
  String newline = "\n";
  String header = "";
  String footer = "";
  String commentsOut = "# ";

  // loadtxt
  DType dtype = DType.FLOAT64;
  String commentsIn = "#";
  boolean commentsSet;
  int skiprows;
  int[] usecols;
  boolean usecolsScalar;
  int ndmin;
  long maxRows = -1;

  // both
  String delimiter;

  /** Which options were given, for the unexpected-keyword check. */
  private final java.util.Set<String> given = new java.util.LinkedHashSet<>();

  private TextOptions() {}

  private TextOptions with(String name, java.util.function.Consumer<TextOptions> set) {
    TextOptions t = new TextOptions();
    t.fmt = fmt;
    t.fmts = fmts;
    t.newline = newline;
    t.header = header;
    t.footer = footer;
    t.commentsOut = commentsOut;
    t.dtype = dtype;
    t.commentsIn = commentsIn;
    t.commentsSet = commentsSet;
    t.skiprows = skiprows;
    t.usecols = usecols;
    t.usecolsScalar = usecolsScalar;
    t.ndmin = ndmin;
    t.maxRows = maxRows;
    t.delimiter = delimiter;
    t.given.addAll(given);
    t.given.add(name);
    set.accept(t);
    return t;
  }

  /**
   * The defaults: {@code np.savetxt(f, x)}, {@code np.loadtxt(f)}.
   *
   * @return the default options
   */
  public static TextOptions defaults() {
    return DEFAULTS;
  }

  /**
   * savetxt's {@code fmt}: one Python %-format for every column ({@code "%.18e"}, the default), or
   * one with a format for each column ({@code "%d,%.2f"}, used as the whole row).
   *
   * @param fmt a Python %-format, or one per column separated by the delimiter
   * @return options with that format
   */
  public static TextOptions fmt(String fmt) {
    return DEFAULTS.withFmt(fmt);
  }

  /**
   * savetxt's {@code fmt} as a sequence: one Python %-format per column, joined by delimiter.
   *
   * @param perColumn one Python %-format per column
   * @return options with those formats
   */
  public static TextOptions fmt(String... perColumn) {
    return DEFAULTS.withFmt(perColumn);
  }

  /**
   * loadtxt's {@code dtype} (float64 by default).
   *
   * @param dtype the dtype of the array loadtxt returns
   * @return options with that dtype
   */
  public static TextOptions dtype(DType dtype) {
    return DEFAULTS.withDtype(dtype);
  }

  /**
   * Both functions' {@code delimiter}: savetxt's defaults to " ", loadtxt's to any whitespace.
   *
   * @param delimiter the text between columns
   * @return options with that delimiter
   */
  public static TextOptions delimiter(String delimiter) {
    return DEFAULTS.withDelimiter(delimiter);
  }

  /**
   * {@code fmt=}.
   *
   * @param fmt a Python %-format, or one per column separated by the delimiter
   * @return a copy of these options with that format
   */
  public TextOptions withFmt(String fmt) {
    Objects.requireNonNull(fmt, "fmt");
    return with(
        "fmt",
        t -> {
          t.fmt = fmt;
          t.fmts = null;
        });
  }

  /**
   * {@code fmt=[...]}.
   *
   * @param perColumn one Python %-format per column
   * @return a copy of these options with those formats
   */
  public TextOptions withFmt(String... perColumn) {
    List<String> f = List.of(perColumn);
    return with("fmt", t -> t.fmts = f);
  }

  /**
   * {@code delimiter=}; {@code null} is loadtxt's default, any whitespace.
   *
   * @param delimiter the text between columns, or {@code null} for any whitespace
   * @return a copy of these options with that delimiter
   */
  public TextOptions withDelimiter(String delimiter) {
    return with("delimiter", t -> t.delimiter = delimiter);
  }

  /**
   * savetxt's {@code newline} ("\n").
   *
   * @param newline the text after each row
   * @return a copy of these options with that newline
   */
  public TextOptions newline(String newline) {
    return with("newline", t -> t.newline = Objects.requireNonNull(newline));
  }

  /**
   * savetxt's {@code header}: written first, each of its lines after {@code comments}.
   *
   * @param header the header text, or "" for none
   * @return a copy of these options with that header
   */
  public TextOptions header(String header) {
    return with("header", t -> t.header = Objects.requireNonNull(header));
  }

  /**
   * savetxt's {@code footer}: written last, each of its lines after {@code comments}.
   *
   * @param footer the footer text, or "" for none
   * @return a copy of these options with that footer
   */
  public TextOptions footer(String footer) {
    return with("footer", t -> t.footer = Objects.requireNonNull(footer));
  }

  /**
   * {@code comments=}: for savetxt the text before each header and footer line ("# "); for loadtxt
   * what starts a comment ("#"), {@code null} for none.
   *
   * @param comments the comment prefix, or {@code null} for none (loadtxt)
   * @return a copy of these options with that prefix
   */
  public TextOptions comments(String comments) {
    return with(
        "comments",
        t -> {
          t.commentsOut = comments == null ? "" : comments;
          t.commentsIn = comments;
          t.commentsSet = true;
        });
  }

  /**
   * loadtxt's {@code dtype=}.
   *
   * @param dtype the dtype of the array loadtxt returns
   * @return a copy of these options with that dtype
   */
  public TextOptions withDtype(DType dtype) {
    return with("dtype", t -> t.dtype = Objects.requireNonNull(dtype));
  }

  /**
   * loadtxt's {@code skiprows}: lines skipped first, comment lines included.
   *
   * @param skiprows the number of lines to skip, at least 0
   * @return a copy of these options with that count
   */
  public TextOptions skiprows(int skiprows) {
    return with("skiprows", t -> t.skiprows = skiprows);
  }

  /**
   * loadtxt's {@code usecols=(a, b, ...)}: the columns read, negative counting from the end.
   *
   * @param columns the column indices to read
   * @return a copy of these options with those columns
   */
  public TextOptions usecols(int... columns) {
    int[] c = columns.clone();
    return with(
        "usecols",
        t -> {
          t.usecols = c;
          t.usecolsScalar = false;
        });
  }

  /**
   * loadtxt's {@code usecols=n} (an int, not a sequence).
   *
   * @param column the one column to read
   * @return a copy of these options with that column
   */
  public TextOptions usecol(int column) {
    return with(
        "usecols",
        t -> {
          t.usecols = new int[] {column};
          t.usecolsScalar = true;
        });
  }

  /**
   * loadtxt's {@code ndmin}: 0, 1 or 2; fewer dimensions are squeezed away.
   *
   * @param ndmin the least number of dimensions of the result
   * @return a copy of these options with that rank
   */
  public TextOptions ndmin(int ndmin) {
    return with("ndmin", t -> t.ndmin = ndmin);
  }

  /**
   * loadtxt's {@code max_rows}: rows of data read at most (comment and blank lines not counted).
   *
   * @param maxRows the largest number of data rows to read
   * @return a copy of these options with that limit
   */
  public TextOptions maxRows(long maxRows) {
    return with("max_rows", t -> t.maxRows = maxRows);
  }

  TextOptions check(String function, List<String> allowed) {
    for (String g : given) {
      if (!allowed.contains(g)) {
        throw new IllegalArgumentException(
            function + "() got an unexpected keyword argument '" + g + "'");
      }
    }
    return this;
  }

  @Override
  public String toString() {
    return "TextOptions" + given;
  }
}
