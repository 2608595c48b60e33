package io.ndj.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ndj.DType;
import io.ndj.Nd;
import io.ndj.NdArray;
import io.ndj.Scope;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** .npy/.npz round trips, the header NumPy writes, and malformed files (NumPy interop: DifferentialTest). */
@ExtendWith(ScopePerTest.class)
class NpyTest {
  @TempDir Path dir;



  @Test
  void everyDtypeAndShapeRoundTrips() {
    for (DType t : DType.values()) {
      for (long[] shape : new long[][] {{}, {0}, {2, 0, 3}, {5}, {2, 3, 4}}) {
        NdArray x = Nd.arange(-3.0, -3.0 + Math.max(1, java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b)),
            1.0).get("::1").astype(t);
        x = x.size() == java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b) ? x.reshape(shape) : x.get(":0")
            .reshape(shape);
        NdArray source = shape.length == 3 ? x.transpose(2, 0, 1).copy().transpose(1, 2, 0) : x;
        Path p = dir.resolve("x_" + t + "_" + shape.length + ".npy");
        Nd.save(p, source);
        NdArray y = Nd.load(p);
        assertEquals(t, y.dtype());
        assertEquals(x.shape(), y.shape());
        assertEquals(x.toString(), y.toString());
      }
    }
  }

  @Test
  void fileIsByteForByteWhatNumpyWrites() throws IOException {
    Path p = dir.resolve("h.npy");
    Nd.save(p, Nd.arange(6).reshape(2, 3).astype(DType.FLOAT32));
    // np.save(f, np.arange(6, dtype='<f4').reshape(2, 3)), as hex, printed by NumPy 2.4
    String numpy = "934e554d5059010076007b276465736372273a20273c6634272c2027666f727472616e5f6f72646572273a2046616c73652c20277368617065273a2028322c2033292c207d202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020200a000000000000803f0000004000004040000080400000a040";
    assertEquals(numpy, java.util.HexFormat.of().formatHex(Files.readAllBytes(p)));
  }

  @Test
  void npzRoundTrips() {
    Map<String, NdArray> m = new LinkedHashMap<>();
    m.put("a", Nd.arange(6).reshape(2, 3));
    m.put("b", Nd.ones(DType.FLOAT16, 3));
    for (boolean compressed : new boolean[] {false, true}) {
      Path p = dir.resolve("z" + compressed + ".npz");
      if (compressed) {
        Nd.savezCompressed(p, m);
      } else {
        Nd.savez(p, m);
      }
      Map<String, NdArray> r = Nd.loadz(p);
      assertEquals(m.keySet(), r.keySet());
      assertEquals("[[0 1 2]\n [3 4 5]]", r.get("a").toString());
      assertEquals(DType.FLOAT16, r.get("b").dtype());
    }
  }

  private Path file(String name, byte[] bytes) throws IOException {
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
  void malformedFilesFailClearlyWithoutAllocating() throws IOException {
    Path bad = file("bad.npy", "PK\3\4 not numpy".getBytes(StandardCharsets.US_ASCII));
    assertEquals(bad + ": not a .npy file: the magic string is not correct",
        assertThrows(IllegalArgumentException.class, () -> Nd.load(bad)).getMessage());
    byte[] whole = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (4,), }", 16);
    Path truncated = file("trunc.npy", whole);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Nd.load(truncated)).getMessage()
        .contains("Failed to read all data for array: shape (4,) of float64 needs 32 bytes but the file has 16"));
    Path huge = file("huge.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000000,), }", 8));
    String msg = assertThrows(IllegalArgumentException.class, () -> Nd.load(huge)).getMessage();
    assertTrue(msg.startsWith(huge + ": Failed to read all data for array: shape (1000000000000,)"), msg);
    Path complex = file("c.npy", npy("{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }", 16));
    assertEquals(complex + ": unsupported dtype complex128 (descr '<c16'): ndj has no such dtype",
        assertThrows(IllegalArgumentException.class, () -> Nd.load(complex)).getMessage());
    Path object = file("o.npy", npy("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", 8));
    assertEquals(object + ": object arrays (descr '|O') cannot be loaded: they hold pickled Python objects",
        assertThrows(IllegalArgumentException.class, () -> Nd.load(object)).getMessage());
    Path mangled = file("m.npy", npy("{'descr': '<f8', 'shape': (1,), }", 8));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Nd.load(mangled)).getMessage()
        .startsWith(mangled + ": Header does not contain the correct keys: ['descr', 'shape']"));
  }
}
