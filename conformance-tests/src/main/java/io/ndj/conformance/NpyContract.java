package io.ndj.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ndj.DType;
import io.ndj.Nd;
import io.ndj.NdArray;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * .npy/.npz round trips, the header NumPy writes, and malformed files (NumPy interop:
 * DifferentialTest).
 */
public interface NpyContract extends KitSupport {
  @Test
  default void everyDtypeAndShapeRoundTrips(@TempDir Path dir) {
    for (DType t : DType.values()) {
      for (long[] shape : new long[][] {{}, {0}, {2, 0, 3}, {5}, {2, 3, 4}}) {
        NdArray x =
            arange(
                    -3.0,
                    -3.0 + Math.max(1, java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b)),
                    1.0)
                .get("::1")
                .astype(t);
        x =
            x.size() == java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b)
                ? x.reshape(shape)
                : x.get(":0").reshape(shape);
        NdArray source = shape.length == 3 ? x.transpose(2, 0, 1).copy().transpose(1, 2, 0) : x;
        Path p = dir.resolve("x_" + t + "_" + shape.length + ".npy");
        Nd.save(p, source);
        NdArray y = Nd.load(backend(), p);
        assertEquals(t, y.dtype());
        assertEquals(x.shape(), y.shape());
        assertEquals(x.toString(), y.toString());
      }
    }
  }

  @Test
  default void fileIsByteForByteWhatNumpyWrites(@TempDir Path dir) throws IOException {
    Path p = dir.resolve("h.npy");
    Nd.save(p, arange(6).reshape(2, 3).astype(DType.FLOAT32));
    // np.save(f, np.arange(6, dtype='<f4').reshape(2, 3)), as hex, printed by NumPy 2.4
    String numpy =
        "934e554d5059010076007b276465736372273a20273c6634272c2027666f727472616e5f6f72646572273a2046616c73652c20277368617065273a2028322c2033292c207d202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020200a000000000000803f0000004000004040000080400000a040";
    assertEquals(numpy, java.util.HexFormat.of().formatHex(Files.readAllBytes(p)));
  }

  @Test
  default void npzRoundTrips(@TempDir Path dir) {
    Map<String, NdArray> m = new LinkedHashMap<>();
    m.put("a", arange(6).reshape(2, 3));
    m.put("b", ones(DType.FLOAT16, 3));
    for (boolean compressed : new boolean[] {false, true}) {
      Path p = dir.resolve("z" + compressed + ".npz");
      if (compressed) {
        Nd.savezCompressed(p, m);
      } else {
        Nd.savez(p, m);
      }
      Map<String, NdArray> r = Nd.loadz(backend(), p);
      assertEquals(m.keySet(), r.keySet());
      assertEquals("[[0 1 2]\n [3 4 5]]", r.get("a").toString());
      assertEquals(DType.FLOAT16, r.get("b").dtype());
    }
  }

  private static Path file(Path dir, String name, byte[] bytes) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, bytes);
    return p;
  }

  private static byte[] npy(String dict, int dataBytes) {
    String h = dict;
    int total = (10 + h.length() + 1 + 63) / 64 * 64;
    ByteBuffer b = ByteBuffer.allocate(total + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    b.putShort((short) (total - 10));
    b.put(h.getBytes(StandardCharsets.US_ASCII));
    while (b.position() < total - 1) {
      b.put((byte) ' ');
    }
    b.put((byte) '\n');
    return b.array();
  }

  @Test
  default void malformedFilesFailClearlyWithoutAllocating(@TempDir Path dir) throws IOException {
    Path bad = file(dir, "bad.npy", "PK\3\4 not numpy".getBytes(StandardCharsets.US_ASCII));
    assertEquals(
        bad + ": not a .npy file: the magic string is not correct",
        assertThrows(IllegalArgumentException.class, () -> Nd.load(backend(), bad)).getMessage());
    byte[] whole = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }", 16);
    Path truncated = file(dir, "trunc.npy", whole);
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> Nd.load(backend(), truncated))
            .getMessage()
            .contains(
                "Failed to read all data for array: shape (4,) of float64 needs 32 bytes but the file has 16"));
    Path huge =
        file(
            dir,
            "huge.npy",
            npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000000,), }", 8));
    String msg =
        assertThrows(IllegalArgumentException.class, () -> Nd.load(backend(), huge)).getMessage();
    assertTrue(
        msg.startsWith(huge + ": Failed to read all data for array: shape (1000000000000,)"), msg);
    Path complex =
        file(dir, "c.npy", npy("{'descr': '<c32', 'fortran_order': False, 'shape': (1,), }", 32));
    assertEquals(
        complex + ": unsupported dtype complex256 (descr '<c32'): ndj has no such dtype",
        assertThrows(IllegalArgumentException.class, () -> Nd.load(backend(), complex))
            .getMessage());
    Path object =
        file(dir, "o.npy", npy("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", 8));
    assertEquals(
        object + ": object arrays (descr '|O') cannot be loaded: they hold pickled Python objects",
        assertThrows(IllegalArgumentException.class, () -> Nd.load(backend(), object))
            .getMessage());
    Path mangled = file(dir, "m.npy", npy("{'descr': '<f8', 'shape': (1,), }", 8));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> Nd.load(backend(), mangled))
            .getMessage()
            .startsWith(
                mangled + ": Header does not contain the correct keys: ['descr', 'shape']"));
  }
}
