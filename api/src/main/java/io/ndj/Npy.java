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
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * NumPy's {@code .npy} and {@code .npz} formats (format versions 1.0, 2.0 and 3.0; C and Fortran
 * order; either byte order on read). Data streams between the file and the array in chunks, never
 * as a second full copy.
 */
final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final int CHUNK = 8 << 20;

  private Npy() {}

  static String descr(DType t) {
    return switch (t) {
      case BOOL -> "|b1";
      case INT8 -> "|i1";
      case UINT8 -> "|u1";
      case UINT16 -> "<u2";
      case UINT32 -> "<u4";
      case UINT64 -> "<u8";
      case INT16 -> "<i2";
      case INT32 -> "<i4";
      case INT64 -> "<i8";
      case FLOAT16 -> "<f2";
      case FLOAT32 -> "<f4";
      case FLOAT64 -> "<f8";
      case COMPLEX64 -> "<c8";
      case COMPLEX128 -> "<c16";
    };
  }

  /**
   * Whether the data is written in Fortran order, as NumPy decides ({@code isfortran}: F-contiguous
   * and not C-contiguous), so that a transposed array is written as np.save writes it, without a
   * copy.
   */
  private static boolean fortran(NdArray a) {
    Flags f = a.flags();
    return f.fContiguous() && !f.cContiguous();
  }

  /**
   * The header bytes NumPy writes: magic, version, length, dict padded with spaces to a multiple of
   * 64.
   */
  static byte[] header(NdArray a) {
    String dict =
        "{'descr': '"
            + descr(a.dtype)
            + "', 'fortran_order': "
            + (fortran(a) ? "True" : "False")
            + ", 'shape': "
            + Shape.format(a.shape, ", ")
            + ", }";
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
    forEachChunk(
        a, (seg, n) -> out.write(seg.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE), 0, (int) n));
  }

  private interface ChunkSink {
    void accept(MemorySegment bytes, long n) throws IOException;
  }

  /**
   * The array's bytes in the order its header says (C, or Fortran: see {@link #fortran}), a chunk
   * at a time.
   */
  private static void forEachChunk(NdArray a, ChunkSink sink) throws IOException {
    a.ensureOpen();
    long n = a.size();
    if (n == 0) {
      return;
    }
    int item = a.itemsize();
    long per = Math.max(1, CHUNK / item);
    try (NdArray transposed = fortran(a) ? a.T() : null; // C-contiguous when a is Fortran-ordered
        NdArray flat = (transposed != null ? transposed : a).reshape(-1)) {
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

  /**
   * Reads one array. {@code available} is the number of bytes {@code raw} holds (or -1 when
   * unknown): a header whose shape needs more is refused before anything is allocated.
   */
  static NdArray read(Backend b, InputStream raw, long available, String name) throws IOException {
    DataInputStream in = new DataInputStream(raw);
    NpyHeader h = NpyHeader.read(in, name);
    long n;
    try {
      n = Shape.checkedSize(h.shape(), h.dtype());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
    }
    long bytes = n * h.dtype().itemsize();
    if (available >= 0 && bytes > available - h.dataOffset()) {
      throw new IllegalArgumentException(
          name
              + ": Failed to read all data for array: shape "
              + Shape.format(h.shape(), ", ")
              + " of "
              + h.dtype()
              + " needs "
              + bytes
              + " bytes but the file has "
              + Math.max(0, available - h.dataOffset())
              + " after the header");
    }
    if (h.boolDims()) {
      throw new IllegalArgumentException(
          name
              + ": shape is not valid: "
              + Shape.format(h.shape(), ", ")
              + " was written with a bool as a dimension (an integer is required)");
    }
    long[] stored = h.fortran() ? reversed(h.shape()) : h.shape();
    NdArray a = NdArray.allocate(b, h.dtype(), stored);
    try {
      byte[] buf = new byte[(int) Math.min(CHUNK, Math.max(bytes, 1))];
      int item = h.dtype().itemsize();
      for (long at = 0; at < bytes; ) {
        int len = (int) Math.min(buf.length, bytes - at);
        try {
          in.readFully(buf, 0, len);
        } catch (EOFException e) {
          throw new IllegalArgumentException(
              name
                  + ": Failed to read all data for array: expected "
                  + bytes
                  + " bytes after the header (the file is truncated)");
        }
        if (h.bigEndian()) {
          swap(buf, len, h.dtype().componentType().itemsize());
        }
        b.kernels().write(a.storage.buffer, at, MemorySegment.ofArray(buf).asSlice(0, len));
        at += len;
      }
    } catch (RuntimeException | IOException e) {
      a.close();
      throw e;
    }
    if (!h.fortran()) {
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
    try (ZipOutputStream zip =
        new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(path), 1 << 16))) {
      for (var e : arrays.entrySet()) {
        NdArray a = e.getValue();
        ZipEntry z = new ZipEntry(e.getKey() + ".npy");
        if (compressed) {
          z.setMethod(ZipEntry.DEFLATED);
        } else {
          // STORED entries need size and CRC first: one pass to checksum, one to write, no copy
          // kept
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

  /**
   * Every member of a {@code .npz}, named without {@code .npy}; of two members of one name the last
   * wins, as in NumPy. Each member's CRC-32 is checked and its sizes are held to the archive's
   * length before anything is allocated; on any failure every array already read is closed.
   */
  static Map<String, NdArray> loadz(Backend b, Path path) {
    Map<String, NdArray> out = new LinkedHashMap<>();
    ZipFile opened;
    try {
      opened = new ZipFile(path.toFile());
    } catch (java.nio.file.NoSuchFileException | java.io.FileNotFoundException e) {
      throw new UncheckedIOException("cannot read " + path + ": " + e, e);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          path + ": File is not a zip file, or a damaged one: " + e, e);
    }
    try (ZipFile zip = opened) {
      long archive = Files.size(path);
      for (var it = zip.entries(); it.hasMoreElements(); ) {
        ZipEntry z = it.nextElement();
        String key =
            z.getName().endsWith(".npy")
                ? z.getName().substring(0, z.getName().length() - 4)
                : z.getName();
        String name = path + "[" + z.getName() + "]";
        CRC32 crc = new CRC32();
        NdArray a;
        try (InputStream in =
            new java.util.zip.CheckedInputStream(
                new BufferedInputStream(zip.getInputStream(z), 1 << 16), crc)) {
          try {
            a = read(b, in, memberBound(z, archive), name);
          } catch (IllegalArgumentException | IOException e) {
            // a damaged member is reported as such, as Python's zipfile does, whatever its bytes
            // then said
            var damaged = badCrc(in, crc, z, path);
            if (damaged.isPresent()) {
              throw damaged.get();
            }
            throw e;
          }
          var damaged = badCrc(in, crc, z, path);
          if (damaged.isPresent()) {
            a.close();
            throw damaged.get();
          }
        }
        NdArray replaced = out.put(key, a);
        if (replaced != null) {
          replaced.close();
        }
      }
    } catch (java.util.zip.ZipException e) {
      out.values().forEach(NdArray::close);
      throw new IllegalArgumentException(
          path + ": File is not a zip file, or a damaged one: " + e.getMessage(), e);
    } catch (IOException e) {
      out.values().forEach(NdArray::close);
      throw new UncheckedIOException("cannot read " + path + ": " + e, e);
    } catch (RuntimeException e) {
      out.values().forEach(NdArray::close);
      throw e;
    }
    return out;
  }

  /**
   * The CRC-32 error of a member whose bytes (read to the end here) do not match its recorded CRC.
   */
  private static java.util.Optional<IllegalArgumentException> badCrc(
      InputStream in, CRC32 crc, ZipEntry z, Path path) {
    try {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      return java.util.Optional.of(
          new IllegalArgumentException(
              path
                  + ": Bad CRC-32 for file '"
                  + z.getName()
                  + "' (its data cannot be read: "
                  + e
                  + ")",
              e));
    }
    return crc.getValue() == z.getCrc()
        ? java.util.Optional.empty()
        : java.util.Optional.of(
            new IllegalArgumentException(path + ": Bad CRC-32 for file '" + z.getName() + "'"));
  }

  /**
   * The most bytes a member can hold, whatever its recorded sizes claim: no more than the archive
   * for a stored member, no more than deflate's best ratio (1032:1) allows for a deflated one. A
   * header asking for more is refused before anything is allocated.
   */
  private static long memberBound(ZipEntry z, long archive) {
    long packed = z.getCompressedSize() >= 0 ? Math.min(z.getCompressedSize(), archive) : archive;
    long bound =
        z.getMethod() == ZipEntry.STORED
            ? archive
            : Math.multiplyHigh(packed, 1032) != 0 ? Long.MAX_VALUE : packed * 1032 + 1024;
    return z.getSize() >= 0 ? Math.min(z.getSize(), bound) : bound;
  }
}
