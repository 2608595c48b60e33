package io.ndj;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * NumPy's {@code .npy} and {@code .npz} formats (format versions 1.0, 2.0 and 3.0; C and Fortran order; either
 * byte order on read). Data streams between the file and the array in chunks, never as a second full copy.
 */
final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final int CHUNK = 8 << 20;
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  private Npy() {}

  record Header(DType dtype, boolean bigEndian, boolean fortran, long[] shape, long dataOffset) {}

  static String descr(DType t) {
    return switch (t) {
      case BOOL -> "|b1";
      case INT8 -> "|i1";
      case UINT8 -> "|u1";
      case INT16 -> "<i2";
      case INT32 -> "<i4";
      case INT64 -> "<i8";
      case FLOAT16 -> "<f2";
      case FLOAT32 -> "<f4";
      case FLOAT64 -> "<f8";
    };
  }

  /** The header bytes NumPy writes: magic, version, length, dict padded with spaces to a multiple of 64. */
  static byte[] header(NdArray a) {
    String dict = "{'descr': '" + descr(a.dtype) + "', 'fortran_order': False, 'shape': "
        + Shape.format(a.shape, ", ") + ", }";
    int pre1 = 10;
    int total = pad(pre1 + dict.length() + 1);
    boolean v2 = total - pre1 > 0xFFFF;
    int pre = v2 ? 12 : 10;
    total = pad(pre + dict.length() + 1);
    ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
    b.put(MAGIC).put((byte) (v2 ? 2 : 1)).put((byte) 0);
    int hlen = total - pre;
    if (v2) {
      b.putInt(hlen);
    } else {
      b.putShort((short) hlen);
    }
    b.put(dict.getBytes(StandardCharsets.US_ASCII));
    while (b.position() < total - 1) {
      b.put((byte) ' ');
    }
    b.put((byte) '\n');
    return b.array();
  }

  private static int pad(int n) {
    return (n + 63) / 64 * 64;
  }

  static void save(Path path, NdArray a) {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16)) {
      write(out, a);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
    }
  }

  static void write(OutputStream out, NdArray a) throws IOException {
    out.write(header(a));
    forEachChunk(a, (seg, n) -> out.write(seg.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE), 0, (int) n));
  }

  private interface ChunkSink {
    void accept(MemorySegment bytes, long n) throws IOException;
  }

  /** The array's bytes in C order, little endian, a chunk at a time. */
  private static void forEachChunk(NdArray a, ChunkSink sink) throws IOException {
    a.ensureOpen();
    long n = a.size();
    if (n == 0) {
      return;
    }
    int item = a.itemsize();
    long per = Math.max(1, CHUNK / item);
    try (NdArray flat = a.reshape(-1)) {
      for (long lo = 0; lo < n; lo += per) {
        long hi = Math.min(n, lo + per);
        try (NdArray part = flat.get(Index.slice(lo, hi))) {
          byte[] bytes = new byte[(int) ((hi - lo) * item)];
          Transfer.readBytes(part, MemorySegment.ofArray(bytes));
          sink.accept(MemorySegment.ofArray(bytes), bytes.length);
        }
      }
    }
  }

  static NdArray load(Backend b, Path path) {
    try {
      long size = Files.size(path);
      try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
        return read(b, in, size, path.toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  static Header parseHeader(DataInputStream in, String name) throws IOException {
    byte[] magic = new byte[6];
    try {
      in.readFully(magic);
    } catch (EOFException e) {
      throw new IllegalArgumentException(name + ": not a .npy file (too short for the magic string)");
    }
    if (!java.util.Arrays.equals(magic, MAGIC)) {
      throw new IllegalArgumentException(name + ": not a .npy file (bad magic string)");
    }
    int major = in.readUnsignedByte();
    in.readUnsignedByte();
    long hlen;
    if (major == 1) {
      hlen = Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
    } else if (major == 2 || major == 3) {
      hlen = Integer.toUnsignedLong(Integer.reverseBytes(in.readInt()));
    } else {
      throw new IllegalArgumentException(name + ": unsupported .npy format version " + major);
    }
    if (hlen > (1 << 24)) {
      throw new IllegalArgumentException(name + ": header length " + hlen + " is implausible");
    }
    byte[] h = new byte[(int) hlen];
    try {
      in.readFully(h);
    } catch (EOFException e) {
      throw new IllegalArgumentException(name + ": truncated header");
    }
    String dict = new String(h, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    Matcher d = DESCR.matcher(dict);
    Matcher f = FORTRAN.matcher(dict);
    Matcher s = SHAPE.matcher(dict);
    if (!d.find() || !f.find() || !s.find()) {
      throw new IllegalArgumentException(name + ": malformed header " + dict.strip());
    }
    String descr = d.group(1);
    DType t = dtypeOf(descr, name);
    boolean big = descr.charAt(0) == '>' && t.itemsize() > 1;
    String[] parts = s.group(1).split(",");
    long[] shape = java.util.Arrays.stream(parts).map(String::strip).filter(p -> !p.isEmpty())
        .mapToLong(p -> {
          try {
            long v = Long.parseLong(p.replace("L", ""));
            if (v < 0) {
              throw new NumberFormatException();
            }
            return v;
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": bad shape (" + s.group(1) + ") in header");
          }
        })
        .toArray();
    return new Header(t, big, f.group(1).equals("True"), shape, 6 + 2 + (major == 1 ? 2 : 4) + hlen);
  }

  static DType dtypeOf(String descr, String name) {
    if (descr.contains("O")) {
      throw new IllegalArgumentException(name + ": object arrays ('" + descr + "') cannot be loaded");
    }
    if (descr.length() < 3 || "<>|=".indexOf(descr.charAt(0)) < 0) {
      throw new IllegalArgumentException(name + ": unknown dtype descr '" + descr + "'");
    }
    String code = descr.substring(1).toLowerCase(Locale.ROOT);
    return switch (code) {
      case "b1" -> DType.BOOL;
      case "i1" -> DType.INT8;
      case "u1" -> DType.UINT8;
      case "i2" -> DType.INT16;
      case "i4" -> DType.INT32;
      case "i8" -> DType.INT64;
      case "f2" -> DType.FLOAT16;
      case "f4" -> DType.FLOAT32;
      case "f8" -> DType.FLOAT64;
      default -> throw new IllegalArgumentException(name + ": unsupported dtype descr '" + descr + "'");
    };
  }

  static NdArray read(Backend b, InputStream raw, long available, String name) throws IOException {
    DataInputStream in = new DataInputStream(raw);
    Header h = parseHeader(in, name);
    long n;
    try {
      n = Shape.size(h.shape);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(name + ": shape " + Shape.format(h.shape, ",") + " overflows");
    }
    long bytes = n * h.dtype.itemsize();
    if (n > Long.MAX_VALUE / 8 || (available >= 0 && bytes > available - h.dataOffset)) {
      throw new IllegalArgumentException(name + ": header claims " + n + " elements (" + bytes
          + " bytes) but the file has " + Math.max(0, available - h.dataOffset) + " data bytes");
    }
    long[] stored = h.fortran ? reversed(h.shape) : h.shape;
    NdArray a = NdArray.allocate(b, h.dtype, stored);
    try {
      byte[] buf = new byte[(int) Math.min(CHUNK, Math.max(bytes, 1))];
      int item = h.dtype.itemsize();
      for (long at = 0; at < bytes; ) {
        int len = (int) Math.min(buf.length, bytes - at);
        try {
          in.readFully(buf, 0, len);
        } catch (EOFException e) {
          throw new IllegalArgumentException(name + ": truncated data (expected " + bytes + " bytes)");
        }
        if (h.bigEndian) {
          swap(buf, len, item);
        }
        b.kernels().write(a.storage.buffer, at, MemorySegment.ofArray(buf).asSlice(0, len));
        at += len;
      }
    } catch (RuntimeException | IOException e) {
      a.close();
      throw e;
    }
    if (!h.fortran) {
      return a;
    }
    try (a) {
      return a.T();
    }
  }

  private static long[] reversed(long[] s) {
    long[] r = new long[s.length];
    for (int i = 0; i < s.length; i++) {
      r[i] = s[s.length - 1 - i];
    }
    return r;
  }

  private static void swap(byte[] b, int len, int item) {
    for (int i = 0; i + item <= len; i += item) {
      for (int j = 0; j < item / 2; j++) {
        byte t = b[i + j];
        b[i + j] = b[i + item - 1 - j];
        b[i + item - 1 - j] = t;
      }
    }
  }

  static void savez(Path path, Map<String, NdArray> arrays, boolean compressed) {
    try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(path), 1 << 16))) {
      for (var e : arrays.entrySet()) {
        NdArray a = e.getValue();
        ZipEntry z = new ZipEntry(e.getKey() + ".npy");
        if (compressed) {
          z.setMethod(ZipEntry.DEFLATED);
        } else {
          // STORED entries need size and CRC first: one pass to checksum, one to write, no copy kept
          byte[] head = header(a);
          CRC32 crc = new CRC32();
          crc.update(head);
          forEachChunk(a, (seg, n) -> crc.update(seg.asByteBuffer()));
          long size = head.length + a.nbytes();
          z.setMethod(ZipEntry.STORED);
          z.setSize(size);
          z.setCompressedSize(size);
          z.setCrc(crc.getValue());
        }
        zip.putNextEntry(z);
        write(zip, a);
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
    }
  }

  static Map<String, NdArray> loadz(Backend b, Path path) {
    Map<String, NdArray> out = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(path.toFile())) {
      for (var it = zip.entries(); it.hasMoreElements(); ) {
        ZipEntry z = it.nextElement();
        String key = z.getName().endsWith(".npy") ? z.getName().substring(0, z.getName().length() - 4) : z.getName();
        try (InputStream in = new BufferedInputStream(zip.getInputStream(z), 1 << 16)) {
          out.put(key, read(b, in, z.getSize(), path + "[" + z.getName() + "]"));
        }
      }
    } catch (IOException e) {
      out.values().forEach(NdArray::close);
      throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      out.values().forEach(NdArray::close);
      throw e;
    }
    return out;
  }
}
