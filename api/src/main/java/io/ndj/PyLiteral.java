package io.ndj;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Python's {@code ast.literal_eval} for the text of a {@code .npy} header, as NumPy reads it:
 * strings (quotes, triple quotes, prefixes, escapes, implicit concatenation), bytes, integers (any
 * base, underscores, signs), floats, complex, True/False/None, tuples, lists, dicts (the last of
 * duplicate keys wins), sets, comments and newlines inside brackets. Anything else is a {@link
 * Failure}, whose message says where and what.
 *
 * <p>Values: {@code String}, {@link Bytes}, {@code BigInteger}, {@code Double}, {@link Complex},
 * {@code Boolean}, {@link #NONE}, {@link Tuple}, {@code ArrayList} (list), {@code LinkedHashMap}
 * (dict), {@code LinkedHashSet}.
 */
final class PyLiteral {
  /** Python's None. */
  static final Object NONE =
      new Object() {
        @Override
        public String toString() {
          return "None";
        }
      };

  record Tuple(List<Object> items) {}

  record Bytes(byte[] value) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Bytes b && Arrays.equals(value, b.value);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(value);
    }
  }

  record Complex(double re, double im) {}

  /**
   * The text is not a Python literal (Python's SyntaxError, or literal_eval's "malformed node").
   */
  static final class Failure extends Exception {
    Failure(String message) {
      super(message, null, false, false);
    }
  }

  private final String src;
  private final boolean dropLongSuffix;
  private int pos;
  private int depth;

  private PyLiteral(String src, boolean dropLongSuffix) {
    this.src = src;
    this.dropLongSuffix = dropLongSuffix;
  }

  /**
   * Evaluates {@code text} as {@code ast.literal_eval(text.lstrip(" \t"))} does. With {@code
   * dropLongSuffix} an {@code L} right after a number is skipped and a last line of blanks is no
   * error, as after NumPy's {@code _filter_header}, which rewrites a Python 2 header from its
   * tokens.
   */
  static Object eval(String text, boolean dropLongSuffix) throws Failure {
    if (text.indexOf('\0') >= 0) {
      throw new Failure("source code string cannot contain null bytes");
    }
    String s = text.replace("\r\n", "\n").replace('\r', '\n');
    int i = 0;
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
    PyLiteral p = new PyLiteral(s.substring(i), dropLongSuffix);
    p.skipLeadingLines();
    Object v = p.expressionList();
    p.expectEnd();
    return v;
  }

  // ---- layout: blank lines, comments, indentation at the top level ----

  private void skipLeadingLines() throws Failure {
    while (true) {
      int lineStart = pos;
      int indent = 0;
      while (pos < src.length() && " \t\f".indexOf(src.charAt(pos)) >= 0) {
        indent += src.charAt(pos) == '\f' ? -indent : 1;
        pos++;
      }
      if (pos < src.length() && src.charAt(pos) == '#') {
        while (pos < src.length() && src.charAt(pos) != '\n') {
          pos++;
        }
      }
      if (pos < src.length() && src.charAt(pos) == '\n') {
        pos++;
        continue;
      }
      if (pos < src.length() && indent > 0 && lineStart > 0) {
        throw new Failure("unexpected indent");
      }
      return;
    }
  }

  private void expectEnd() throws Failure {
    skipSpace();
    if (pos == src.length()) {
      return;
    }
    if (src.charAt(pos) != '\n') {
      throw new Failure("invalid syntax at column " + (pos + 1) + " (" + near() + ")");
    }
    // after the expression's line: blank and comment lines only; a last, unterminated line of
    // blanks is an indent
    String[] lines = src.substring(pos + 1).split("\n", -1);
    for (int k = 0; k < lines.length; k++) {
      String t = lines[k].replaceAll("^[ \t\f]*", "");
      if (!t.isEmpty() && !t.startsWith("#")) {
        throw new Failure("invalid syntax after the literal (" + t.strip() + ")");
      }
      boolean last = k == lines.length - 1;
      // NumPy's retry (_filter_header) rewrites the text from its tokens, which drops such a line
      if (last
          && !dropLongSuffix
          && t.isEmpty()
          && lines[k].replaceAll("^.*\f", "").matches(".*[ \t].*")) {
        throw new Failure("unexpected indent");
      }
    }
  }

  /** Skips spaces, comments, and (inside brackets) newlines and line continuations. */
  private void skipSpace() throws Failure {
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\f') {
        pos++;
      } else if (c == '\\' && pos + 1 < src.length() && src.charAt(pos + 1) == '\n') {
        pos += 2;
        if (pos == src.length()) {
          throw new Failure("unexpected EOF while parsing");
        }
      } else if (c == '#') {
        while (pos < src.length() && src.charAt(pos) != '\n') {
          pos++;
        }
      } else if (c == '\n' && depth > 0) {
        pos++;
      } else {
        return;
      }
    }
  }

  private String near() {
    return src.substring(pos, Math.min(src.length(), pos + 12)).replace("\n", "\\n");
  }

  private boolean at(char c) throws Failure {
    skipSpace();
    return pos < src.length() && src.charAt(pos) == c;
  }

  private void expect(char c) throws Failure {
    if (!at(c)) {
      throw new Failure(
          pos >= src.length()
              ? "unexpected EOF while parsing (expected '" + c + "')"
              : "invalid syntax at column " + (pos + 1) + ": expected '" + c + "' at " + near());
    }
    pos++;
  }

  // ---- grammar ----

  /** A bare comma list at the top level is a tuple, as in Python. */
  private Object expressionList() throws Failure {
    Object first = value();
    if (!at(',')) {
      return first;
    }
    List<Object> items = new ArrayList<>(List.of(first));
    while (at(',')) {
      pos++;
      if (!startsValue()) {
        break;
      }
      items.add(value());
    }
    return new Tuple(items);
  }

  private boolean startsValue() throws Failure {
    skipSpace();
    if (pos >= src.length()) {
      return false;
    }
    char c = src.charAt(pos);
    return c == '('
        || c == '['
        || c == '{'
        || c == '\''
        || c == '"'
        || c == '+'
        || c == '-'
        || c == '.'
        || Character.isLetterOrDigit(c)
        || c == '_';
  }

  private Object value() throws Failure {
    return binaryComplex(signed());
  }

  /** A primary, or a sign before a number (literal_eval takes no other unary operator). */
  private Object signed() throws Failure {
    skipSpace();
    if (pos < src.length() && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
      char c = src.charAt(pos);
      pos++;
      Object operand = primary();
      if (!(operand instanceof BigInteger
          || operand instanceof Double
          || operand instanceof Complex)) {
        throw new Failure("malformed node or string: a sign before " + repr(operand));
      }
      return c == '+' ? operand : negate(operand);
    }
    return primary();
  }

  private Object primary() throws Failure {
    skipSpace();
    if (pos >= src.length()) {
      throw new Failure("unexpected EOF while parsing");
    }
    char c = src.charAt(pos);
    if (c == '(') {
      return parenthesized();
    }
    if (c == '[') {
      open();
      List<Object> list = new ArrayList<>(items(']'));
      depth--;
      return list;
    }
    if (c == '{') {
      return braces();
    }
    if (Character.isDigit(c)
        || (c == '.' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1)))) {
      return number();
    }
    if (Character.isLetter(c) || c == '_' || c == '\'' || c == '"') {
      return nameOrString();
    }
    throw new Failure("invalid syntax at column " + (pos + 1) + " (" + near() + ")");
  }

  /**
   * literal_eval's one binary form: a real number plus or minus an imaginary one ({@code 1+2j}).
   */
  private Object binaryComplex(Object left) throws Failure {
    skipSpace();
    if (pos < src.length() && (src.charAt(pos) == '+' || src.charAt(pos) == '-') && isReal(left)) {
      char op = src.charAt(pos);
      pos++;
      Object right = primary();
      if (right instanceof Complex z && z.re() == 0) {
        return new Complex(toDouble(left), op == '+' ? z.im() : -z.im());
      }
      throw new Failure("malformed node or string: " + repr(left) + " " + op + " " + repr(right));
    }
    return left;
  }

  private static boolean isReal(Object o) {
    return o instanceof BigInteger || o instanceof Double;
  }

  private static double toDouble(Object o) {
    return o instanceof BigInteger b ? b.doubleValue() : (Double) o;
  }

  private static Object negate(Object o) {
    if (o instanceof BigInteger b) {
      return b.negate();
    }
    if (o instanceof Double d) {
      return -d;
    }
    Complex z = (Complex) o;
    return new Complex(-z.re(), -z.im());
  }

  /** Steps into a bracket (newlines inside it are blanks). */
  private void open() {
    pos++;
    depth++;
  }

  /** Steps out of the bracket when {@code close} is next; whether it was. */
  private boolean closes(char close) throws Failure {
    if (!at(close)) {
      return false;
    }
    pos++;
    depth--;
    return true;
  }

  private Object parenthesized() throws Failure {
    open();
    if (closes(')')) {
      return new Tuple(List.of());
    }
    Object first = value();
    if (closes(')')) {
      return first;
    }
    expect(',');
    List<Object> rest = new ArrayList<>(List.of(first));
    rest.addAll(items(')'));
    depth--;
    return new Tuple(rest);
  }

  /** Comma-separated values up to {@code close} (consumed), a trailing comma allowed. */
  private List<Object> items(char close) throws Failure {
    List<Object> out = new ArrayList<>();
    while (!at(close)) {
      out.add(value());
      if (!at(close)) {
        expect(',');
      }
    }
    pos++;
    return out;
  }

  private Object braces() throws Failure {
    open();
    if (closes('}')) {
      return new LinkedHashMap<>();
    }
    Object first = value();
    if (at(':')) {
      Map<Object, Object> dict = new LinkedHashMap<>();
      pos++;
      dict.put(hashable(first), value());
      while (!at('}')) {
        expect(',');
        if (at('}')) {
          break;
        }
        Object k = value();
        expect(':');
        // the last of duplicate keys wins, in the first one's place, as in Python
        dict.put(hashable(k), value());
      }
      pos++;
      depth--;
      return dict;
    }
    Set<Object> set = new LinkedHashSet<>();
    set.add(hashable(first));
    if (!at('}')) {
      expect(',');
      for (Object o : items('}')) {
        set.add(hashable(o));
      }
    } else {
      pos++;
    }
    depth--;
    return set;
  }

  private static Object hashable(Object o) throws Failure {
    if (o instanceof List<?> || o instanceof Map<?, ?> || o instanceof Set<?>) {
      throw new Failure("unhashable type: " + repr(o));
    }
    return o;
  }

  private Object nameOrString() throws Failure {
    int start = pos;
    while (pos < src.length()
        && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
      pos++;
    }
    String name = src.substring(start, pos);
    if (pos < src.length()
        && (src.charAt(pos) == '\'' || src.charAt(pos) == '"')
        && name.toLowerCase(java.util.Locale.ROOT).matches("|r|u|b|br|rb|f|fr|rf")) {
      pos = start;
      return strings();
    }
    switch (name) {
      case "True":
        return Boolean.TRUE;
      case "False":
        return Boolean.FALSE;
      case "None":
        return NONE;
      case "set":
        if (at('(')) {
          int save = pos;
          open();
          if (closes(')')) {
            return new LinkedHashSet<>();
          }
          pos = save;
          depth--;
        }
        throw new Failure("malformed node or string: set(...)");
      default:
        throw new Failure("malformed node or string: the name '" + name + "'");
    }
  }

  /** One or more adjacent string literals, concatenated; str and bytes may not mix. */
  private Object strings() throws Failure {
    StringBuilder text = new StringBuilder();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Boolean isBytes = null;
    boolean formatted = false;
    while (true) {
      skipSpace();
      int start = pos;
      while (pos < src.length() && Character.isLetter(src.charAt(pos))) {
        pos++;
      }
      String prefix = src.substring(start, pos).toLowerCase(java.util.Locale.ROOT);
      if (pos >= src.length()
          || (src.charAt(pos) != '\'' && src.charAt(pos) != '"')
          || !prefix.matches("|r|u|b|br|rb|f|fr|rf")) {
        pos = start;
        break;
      }
      boolean b = prefix.contains("b");
      if (isBytes != null && isBytes != b) {
        throw new Failure("cannot mix bytes and nonbytes literals");
      }
      isBytes = b;
      formatted |= prefix.contains("f");
      String body = stringBody();
      if (b) {
        for (int k = 0; k < body.length(); k++) {
          if (body.charAt(k) > 127) {
            throw new Failure("bytes can only contain ASCII literal characters");
          }
        }
        byte[] raw =
            prefix.contains("r")
                ? latin1(body)
                : unescape(body, true).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        bytes.writeBytes(raw);
      } else {
        text.append(prefix.contains("r") ? body : unescape(body, false));
      }
    }
    if (formatted) {
      throw new Failure("malformed node or string: an f-string");
    }
    return isBytes ? new Bytes(bytes.toByteArray()) : text.toString();
  }

  private static byte[] latin1(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  /** The raw text between the quotes (consumed); a single-quoted string may not span lines. */
  private String stringBody() throws Failure {
    char q = src.charAt(pos);
    boolean triple = src.startsWith("" + q + q + q, pos);
    pos += triple ? 3 : 1;
    int start = pos;
    while (true) {
      if (pos >= src.length()) {
        throw new Failure("unterminated " + (triple ? "triple-quoted " : "") + "string literal");
      }
      char c = src.charAt(pos);
      if (c == '\\') {
        pos += 2;
        continue;
      }
      if (c == '\n' && !triple) {
        throw new Failure("unterminated string literal");
      }
      if (c == q && (!triple || src.startsWith("" + q + q + q, pos))) {
        String body = src.substring(start, pos);
        pos += triple ? 3 : 1;
        return body;
      }
      pos++;
    }
  }

  private static String unescape(String s, boolean bytes) throws Failure {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 >= s.length()) {
        out.append(c);
        continue;
      }
      char e = s.charAt(++i);
      switch (e) {
        case '\n' -> {}
        case '\\', '\'', '"' -> out.append(e);
        case 'a' -> out.append('\u0007');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'v' -> out.append('\u000b');
        case 'x' -> {
          out.appendCodePoint(hex(s, i + 1, 2));
          i += 2;
        }
        case 'u', 'U' -> {
          if (bytes) {
            out.append('\\').append(e);
          } else {
            int n = e == 'u' ? 4 : 8;
            int cp = hex(s, i + 1, n);
            if (cp > 0x10FFFF) {
              throw new Failure("(unicode error) illegal Unicode character");
            }
            out.appendCodePoint(cp);
            i += n;
          }
        }
        case 'N' -> {
          if (bytes) {
            out.append("\\N");
          } else {
            throw new Failure(
                "(unicode error) \\N{...} escapes are not supported in a .npy header");
          }
        }
        default -> {
          if (e >= '0' && e <= '7') {
            int v = 0;
            int k = i;
            while (k < s.length() && k < i + 3 && s.charAt(k) >= '0' && s.charAt(k) <= '7') {
              v = v * 8 + (s.charAt(k) - '0');
              k++;
            }
            if (bytes) {
              v &= 0xFF;
            }
            out.appendCodePoint(v);
            i = k - 1;
          } else {
            out.append('\\').append(e);
          }
        }
      }
    }
    return out.toString();
  }

  private static int hex(String s, int from, int n) throws Failure {
    if (from + n > s.length()) {
      throw new Failure("(unicode error) truncated \\x, \\u or \\U escape");
    }
    try {
      return Integer.parseUnsignedInt(s.substring(from, from + n), 16);
    } catch (NumberFormatException e) {
      throw new Failure("(unicode error) truncated \\x, \\u or \\U escape");
    }
  }

  /**
   * Python's number token: ints in four bases, floats, imaginaries; underscores only between
   * digits.
   */
  private Object number() throws Failure {
    int start = pos;
    Object v;
    String rest = src.substring(pos);
    java.util.regex.Matcher m;
    if ((m = BASED.matcher(rest)).lookingAt()) {
      String digits = m.group(2).replace("_", "");
      int radix =
          switch (Character.toLowerCase(m.group(1).charAt(0))) {
            case 'x' -> 16;
            case 'o' -> 8;
            default -> 2;
          };
      try {
        v = new BigInteger(digits, radix);
      } catch (NumberFormatException e) {
        throw new Failure("invalid digit in " + m.group());
      }
      pos += m.end();
    } else if ((m = FLOAT.matcher(rest)).lookingAt()) {
      pos += m.end();
      v = imaginaryOr(Double.parseDouble(m.group().replace("_", "")));
    } else if ((m = DECIMAL.matcher(rest)).lookingAt()) {
      String t = m.group().replace("_", "");
      pos += m.end();
      if (pos < src.length() && (src.charAt(pos) == 'j' || src.charAt(pos) == 'J')) {
        v = imaginaryOr(Double.parseDouble(t));
      } else {
        if (t.length() > 1 && t.charAt(0) == '0' && !t.matches("0+")) {
          throw new Failure(
              "leading zeros in decimal integer literals are not permitted (" + t + ")");
        }
        v = new BigInteger(t);
      }
    } else {
      throw new Failure("invalid decimal literal at column " + (start + 1));
    }
    if (pos < src.length()
        && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
      boolean lone =
          pos + 1 >= src.length()
              || !(Character.isLetterOrDigit(src.charAt(pos + 1)) || src.charAt(pos + 1) == '_');
      if (dropLongSuffix && src.charAt(pos) == 'L' && lone) {
        pos++;
      } else {
        throw new Failure(
            "invalid decimal literal ("
                + src.substring(start, Math.min(src.length(), pos + 1))
                + ")");
      }
    }
    return v;
  }

  /** The number just read, or the imaginary number when a {@code j} follows it. */
  private Object imaginaryOr(double value) {
    if (pos < src.length() && (src.charAt(pos) == 'j' || src.charAt(pos) == 'J')) {
      pos++;
      return new Complex(0, value);
    }
    return value;
  }

  private static final java.util.regex.Pattern BASED =
      java.util.regex.Pattern.compile("0([xXoObB])((?:_?[0-9a-fA-F])+)");
  private static final java.util.regex.Pattern DECIMAL =
      java.util.regex.Pattern.compile("[0-9](?:_?[0-9])*");
  private static final String DIGITS = "[0-9](?:_?[0-9])*";
  private static final java.util.regex.Pattern FLOAT =
      java.util.regex.Pattern.compile(
          "(?:"
              + DIGITS
              + "\\.(?:"
              + DIGITS
              + ")?|\\."
              + DIGITS
              + ")(?:[eE][+-]?"
              + DIGITS
              + ")?|"
              + DIGITS
              + "[eE][+-]?"
              + DIGITS);

  /** Python's repr of a value, for messages. */
  static String repr(Object o) {
    if (o instanceof String s) {
      return "'" + s.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
    }
    if (o instanceof Boolean b) {
      return b ? "True" : "False";
    }
    if (o instanceof Tuple t) {
      StringBuilder sb = new StringBuilder("(");
      for (int i = 0; i < t.items().size(); i++) {
        sb.append(i > 0 ? ", " : "").append(repr(t.items().get(i)));
      }
      return sb.append(t.items().size() == 1 ? ",)" : ")").toString();
    }
    if (o instanceof List<?> l) {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < l.size(); i++) {
        sb.append(i > 0 ? ", " : "").append(repr(l.get(i)));
      }
      return sb.append("]").toString();
    }
    if (o instanceof Bytes b) {
      return "b'" + new String(b.value(), java.nio.charset.StandardCharsets.ISO_8859_1) + "'";
    }
    if (o instanceof Complex z) {
      return "(" + z.re() + "+" + z.im() + "j)";
    }
    return String.valueOf(o);
  }
}
