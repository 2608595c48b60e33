package io.ndj;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A {@code .npy} header read as NumPy's {@code numpy/lib/format.py} reads it: the magic string and
 * version ({@code (1,0)}, {@code (2,0)} or {@code (3,0)}), the header length, then the header as a
 * Python literal ({@link PyLiteral}) that must be a dict of exactly {@code descr}, {@code
 * fortran_order} and {@code shape}, each validated in NumPy's order and words. A descr NumPy
 * understands but ndj has no dtype for (uint16, complex, strings, structured, object) is refused by
 * name, never mapped to another dtype.
 */
record NpyHeader(
    DType dtype,
    boolean bigEndian,
    boolean fortran,
    long[] shape,
    boolean boolDims,
    long dataOffset) {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

  /** np.load's default max_header_size: longer headers "may not be safe to load securely". */
  static final int MAX_HEADER_SIZE = 10_000;

  private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");

  /** Reads the header from {@code in}, which is left at the first data byte. */
  static NpyHeader read(InputStream raw, String name) throws IOException {
    DataInputStream in = new DataInputStream(raw);
    byte[] magic = readBytes(in, 8, "magic string", name);
    for (int i = 0; i < MAGIC.length; i++) {
      if (magic[i] != MAGIC[i]) {
        throw new IllegalArgumentException(
            name + ": not a .npy file: the magic string is not correct");
      }
    }
    int major = magic[6] & 0xFF;
    int minor = magic[7] & 0xFF;
    if (minor != 0 || major < 1 || major > 3) {
      throw new IllegalArgumentException(
          name
              + ": we only support format version (1,0), (2,0), and (3,0), not ("
              + major
              + ", "
              + minor
              + ")");
    }
    int lenBytes = major == 1 ? 2 : 4;
    ByteBuffer len =
        ByteBuffer.wrap(readBytes(in, lenBytes, "array header length", name))
            .order(java.nio.ByteOrder.LITTLE_ENDIAN);
    long hlen =
        major == 1 ? Short.toUnsignedInt(len.getShort()) : Integer.toUnsignedLong(len.getInt());
    // a header of more than MAX_HEADER_SIZE characters is refused anyway: read no more than a UTF-8
    // one could be
    if (hlen > 4L * MAX_HEADER_SIZE) {
      throw tooLong(name, hlen);
    }
    byte[] h = readBytes(in, (int) hlen, "array header", name);
    String text;
    try {
      text =
          (major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1)
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(h))
              .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(name + ": Cannot parse header: it is not valid UTF-8");
    }
    if (text.length() > MAX_HEADER_SIZE) {
      throw tooLong(name, text.length());
    }
    Object dict = literal(text, major, name);
    return validate(dict, name, 6 + 2 + lenBytes + hlen);
  }

  private static IllegalArgumentException tooLong(String name, long length) {
    return new IllegalArgumentException(
        name
            + ": Header info length ("
            + length
            + ") is large and may not be safe"
            + " to load securely (NumPy's limit is "
            + MAX_HEADER_SIZE
            + ")");
  }

  private static byte[] readBytes(DataInputStream in, int n, String what, String name)
      throws IOException {
    byte[] b = new byte[n];
    int got = in.readNBytes(b, 0, n);
    if (got != n) {
      throw new IllegalArgumentException(
          name
              + ": EOF: reading "
              + what
              + ", expected "
              + n
              + " bytes got "
              + got
              + " (the file is truncated)");
    }
    return b;
  }

  /**
   * The header's Python literal; format versions 1 and 2 may hold Python 2 longs ({@code 3L}), as
   * NumPy allows.
   */
  private static Object literal(String text, int major, String name) {
    try {
      return PyLiteral.eval(text, false);
    } catch (PyLiteral.Failure strict) {
      if (major <= 2) {
        try {
          return PyLiteral.eval(text, true);
        } catch (PyLiteral.Failure ignoredSameCause) {
          // the strict parse's reason is the one to report
        }
      }
      throw new IllegalArgumentException(
          name
              + ": Cannot parse header: "
              + strict.getMessage()
              + " in "
              + PyLiteral.repr(text.strip()));
    }
  }

  private static NpyHeader validate(Object parsed, String name, long dataOffset) {
    if (!(parsed instanceof Map<?, ?> d)) {
      throw new IllegalArgumentException(
          name + ": Header is not a dictionary: " + PyLiteral.repr(parsed));
    }
    if (!d.keySet().equals(KEYS)) {
      Set<String> keys = new TreeSet<>();
      d.keySet().forEach(k -> keys.add(PyLiteral.repr(k)));
      throw new IllegalArgumentException(
          name
              + ": Header does not contain the correct keys: "
              + keys
              + " (expected 'descr', 'fortran_order' and 'shape')");
    }
    long[] shape = shape(d.get("shape"), name);
    if (!(d.get("fortran_order") instanceof Boolean fortran)) {
      throw new IllegalArgumentException(
          name + ": fortran_order is not a valid bool: " + PyLiteral.repr(d.get("fortran_order")));
    }
    Object descr = d.get("descr");
    Descr dt = descr(descr, name);
    // what NumPy finds wrong with a shape only when it makes the array, after the descr (a bool as
    // a dimension
    // only once it has read the data: Npy.read checks that)
    boolean boolDims = false;
    for (Object x : ((PyLiteral.Tuple) d.get("shape")).items()) {
      if (x instanceof Boolean) {
        boolDims = true;
      } else if (((BigInteger) x).bitLength() > 63) {
        throw new IllegalArgumentException(
            name + ": Maximum allowed dimension exceeded: shape " + PyLiteral.repr(d.get("shape")));
      }
    }
    if (dt.repeat() > 1 && java.util.Arrays.stream(shape).noneMatch(x -> x == 0)) {
      // NumPy itself reads such a file's elements as subarrays and then fails to count them (unless
      // there are none)
      throw new IllegalArgumentException(
          name
              + ": unsupported dtype: the subarray descr "
              + PyLiteral.repr(descr)
              + " ("
              + dt.repeat()
              + " elements each) cannot be loaded by ndj");
    }
    return new NpyHeader(
        dt.ndj(), dt.order() == '>' && dt.size() > 1, fortran, shape, boolDims, dataOffset);
  }

  /**
   * A tuple of ints (Python's bools are ints); one beyond a long reads as Long.MAX_VALUE or
   * MIN_VALUE.
   */
  private static long[] shape(Object s, String name) {
    if (!(s instanceof PyLiteral.Tuple t)
        || !t.items().stream().allMatch(x -> x instanceof BigInteger || x instanceof Boolean)) {
      throw new IllegalArgumentException(name + ": shape is not valid: " + PyLiteral.repr(s));
    }
    List<Object> items = t.items();
    long[] shape = new long[items.size()];
    for (int i = 0; i < shape.length; i++) {
      Object x = items.get(i);
      BigInteger v =
          x instanceof Boolean b ? (b ? BigInteger.ONE : BigInteger.ZERO) : (BigInteger) x;
      // checked after the descr, as NumPy does: a negative or huge dimension fails when the array
      // is made
      shape[i] =
          v.bitLength() > 63 ? (v.signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE) : v.longValue();
    }
    return shape;
  }

  /**
   * A header's descr, checked: one whose {@link Descr#ndj()} is an ndj dtype (its byte order and
   * any subarray length with it).
   *
   * @throws IllegalArgumentException in NumPy's words when NumPy refuses it, or naming the dtype
   *     ndj lacks
   */
  static Descr descr(Object descr, String name) {
    if (descr instanceof PyLiteral.Tuple t
        && t.items().size() == 2
        && t.items().get(1) instanceof PyLiteral.Tuple s
        && s.items().isEmpty()) {
      return descr(t.items().get(0), name); // (base, ()) is the base dtype itself
    }
    if (descr instanceof List<?> || descr instanceof PyLiteral.Tuple) {
      throw new IllegalArgumentException(
          name
              + ": descr is not a valid dtype descriptor for ndj: structured and"
              + " subarray dtypes ("
              + PyLiteral.repr(descr)
              + ") cannot be loaded (unsupported dtype)");
    }
    if (!(descr instanceof String s)) {
      throw new IllegalArgumentException(
          name + ": descr is not a valid dtype descriptor: " + PyLiteral.repr(descr));
    }
    Descr d = Descr.parse(s);
    if (d == null) {
      throw new IllegalArgumentException(
          name + ": descr is not a valid dtype descriptor: " + PyLiteral.repr(s));
    }
    if (d.kind == 'T') {
      // NumPy reads these as repeat counts and field lists; ndj neither checks that syntax nor
      // loads its dtypes
      throw new IllegalArgumentException(
          name
              + ": descr is not a valid dtype descriptor for ndj: "
              + PyLiteral.repr(s)
              + " is in NumPy's comma-string syntax, which is a subarray or structured dtype when"
              + " valid at all (unsupported dtype)");
    }
    if (d.kind == 'O') {
      throw new IllegalArgumentException(
          name
              + ": object arrays (descr "
              + PyLiteral.repr(s)
              + ") cannot be loaded: they hold pickled Python objects");
    }
    if (d.ndj() == null) {
      throw new IllegalArgumentException(
          name
              + ": unsupported dtype "
              + d.numpyName()
              + " (descr "
              + PyLiteral.repr(s)
              + "): ndj has no such dtype");
    }
    return d;
  }

  /**
   * A dtype string as NumPy's {@code _convert_from_str} reads it: a name, or [byte order] type char
   * [size].
   */
  record Descr(char order, char kind, int size, long repeat) {
    Descr(char order, char kind, int size) {
      this(order, kind, size, 1);
    }

    private static final java.util.regex.Pattern REPEATED =
        java.util.regex.Pattern.compile(
            "([<>|=]?)([0-9]+)([<>|=]?)([A-Za-z0-9.?]*(?:\\[[a-zA-Z0-9,.]+\\])?)");

    private static final Map<String, String> NAMES =
        Map.ofEntries(
            Map.entry("bool", "?"),
            Map.entry("bool_", "?"),
            Map.entry("int8", "b"),
            Map.entry("byte", "b"),
            Map.entry("uint8", "B"),
            Map.entry("ubyte", "B"),
            Map.entry("int16", "h"),
            Map.entry("short", "h"),
            Map.entry("uint16", "H"),
            Map.entry("ushort", "H"),
            Map.entry("int32", "i"),
            Map.entry("intc", "i"),
            Map.entry("uint32", "I"),
            Map.entry("uintc", "I"),
            Map.entry("int64", "q"),
            Map.entry("int", "q"),
            Map.entry("int_", "q"),
            Map.entry("intp", "q"),
            Map.entry("long", "q"),
            Map.entry("longlong", "q"),
            Map.entry("uint64", "Q"),
            Map.entry("uint", "Q"),
            Map.entry("uintp", "Q"),
            Map.entry("ulong", "Q"),
            Map.entry("ulonglong", "Q"),
            Map.entry("float16", "e"),
            Map.entry("half", "e"),
            Map.entry("float32", "f"),
            Map.entry("single", "f"),
            Map.entry("float64", "d"),
            Map.entry("double", "d"),
            Map.entry("float", "d"),
            Map.entry("float128", "g"),
            Map.entry("longdouble", "g"),
            Map.entry("complex64", "F"),
            Map.entry("csingle", "F"),
            Map.entry("complex128", "D"),
            Map.entry("complex", "D"),
            Map.entry("cdouble", "D"),
            Map.entry("complex256", "G"),
            Map.entry("clongdouble", "G"),
            Map.entry("object", "O"),
            Map.entry("object_", "O"),
            Map.entry("str", "U"),
            Map.entry("str_", "U"),
            Map.entry("unicode", "U"),
            Map.entry("bytes", "S"),
            Map.entry("bytes_", "S"),
            Map.entry("a", "S"),
            Map.entry("void", "V"),
            Map.entry("datetime64", "M"),
            Map.entry("timedelta64", "m"));

    /** One-character codes: kind and item size (0 for flexible types). */
    private static final String CHARS =
        "??1 bi1 Bu1 hi2 Hu2 ii4 Iu4 li8 Lu8 qi8 Qu8 pi8 Pu8 ni8 Nu8 ef2 ff4 df8"
            + " gf16 Fc8 Dc16 Gc32 OO8 SS0 UU0 VV0 aS0 cS1 MM8 mm8";

    /** NumPy's type numbers as one-character descrs ("\u0005" is int32): kind and item size. */
    private static final String[] TYPE_NUMBERS =
        ("?1 i1 u1 i2 u2 i4 u4 i8 u8 i8 u8 f4 f8 f16 c8 c16 c32 O8 S0 U0 V0" + " M8 m8 f2")
            .split(" ");

    static Descr parse(String s) {
      String name = NAMES.get(s);
      if (name != null) {
        return parse(name);
      }
      char order = '=';
      String rest = s;
      if (!s.isEmpty() && "<>|=".indexOf(s.charAt(0)) >= 0) {
        order = s.charAt(0);
        rest = s.substring(1);
      }
      if (rest.length() == 1 && rest.charAt(0) < TYPE_NUMBERS.length) {
        String c = TYPE_NUMBERS[rest.charAt(0)];
        return new Descr(order, c.charAt(0), Integer.parseInt(c.substring(1)));
      }
      java.util.regex.Matcher m = REPEATED.matcher(s);
      if (m.matches()
          && !(m.group(2).length() > 1 && m.group(2).startsWith("0"))
          && (m.group(1).isEmpty() || m.group(3).isEmpty())
          && m.group(2).length() < 10) {
        // NumPy's "N<type>": a subarray of N elements of the type (N = 1: the type itself)
        Descr base = parse(m.group(1) + m.group(3) + m.group(4));
        long n = Long.parseLong(m.group(2));
        if (base != null && base.kind != 'T' && base.repeat == 1 && n >= 1) {
          return new Descr(base.order, base.kind, base.size, n);
        }
      }
      if (!rest.isEmpty() && (Character.isDigit(rest.charAt(0)) || rest.indexOf(',') >= 0)) {
        return new Descr(
            order, 'T', 0); // the rest of NumPy's comma-string syntax: structured dtypes
      }
      if (rest.length() == 1) {
        for (String c : CHARS.split(" ")) {
          if (c.charAt(0) == rest.charAt(0)) {
            return new Descr(order, c.charAt(1), Integer.parseInt(c.substring(2)));
          }
        }
        return null;
      }
      if (rest.length() < 2) {
        return null;
      }
      char kind = rest.charAt(0);
      String digits = rest.substring(1);
      if ((kind == 'M' || kind == 'm')
          && digits.matches("8(\\[[0-9]*(Y|M|W|D|h|m|s|ms|us|\u03bcs|ns|ps|fs|as|generic)\\])?")) {
        return new Descr(order, kind, 8);
      }
      // NumPy reads the size with strtol: blanks and a plus sign may lead
      if (!digits.matches("[ \t\n\u000b\f\r]*\\+?[0-9]{1,9}")) {
        return null;
      }
      int size = Integer.parseInt(digits.strip().replace("+", ""));
      boolean ok =
          switch (kind) {
            case 'b' -> size == 1;
            case 'i', 'u' -> size == 1 || size == 2 || size == 4 || size == 8;
            case 'f' -> size == 2 || size == 4 || size == 8 || size == 16;
            case 'c' -> size == 8 || size == 16 || size == 32;
            case 'O' -> size == 8;
            case 'S', 'U', 'V', 'a' -> true;
            default -> false;
          };
      return ok ? new Descr(order, kind == 'b' ? '?' : kind == 'a' ? 'S' : kind, size) : null;
    }

    DType ndj() {
      return switch (kind) {
        case '?' -> DType.BOOL;
        case 'i' ->
            switch (size) {
              case 1 -> DType.INT8;
              case 2 -> DType.INT16;
              case 4 -> DType.INT32;
              default -> DType.INT64;
            };
        case 'u' ->
            switch (size) {
              case 1 -> DType.UINT8;
              case 2 -> DType.UINT16;
              case 4 -> DType.UINT32;
              default -> DType.UINT64;
            };
        case 'f' ->
            switch (size) {
              case 2 -> DType.FLOAT16;
              case 4 -> DType.FLOAT32;
              case 8 -> DType.FLOAT64;
              default -> null;
            };
        case 'c' ->
            switch (size) {
              case 8 -> DType.COMPLEX64;
              case 16 -> DType.COMPLEX128;
              default -> null;
            };
        default -> null;
      };
    }

    String numpyName() {
      return switch (kind) {
        case 'i' -> "int" + 8 * size;
        case 'u' -> "uint" + 8 * size;
        case 'f' -> "float" + 8 * size;
        case 'c' -> "complex" + 8 * size;
        case 'S' -> "bytes (S" + size + ")";
        case 'U' -> "str (U" + size + ")";
        case 'V' -> "void (V" + size + ")";
        case 'M' -> "datetime64";
        case 'm' -> "timedelta64";
        default -> String.valueOf(kind);
      };
    }
  }
}
