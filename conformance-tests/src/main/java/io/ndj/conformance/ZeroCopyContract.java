package io.ndj.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.ndj.DType;
import io.ndj.Index;
import io.ndj.NdArray;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Memory shared without a copy: {@code x.view(dtype)} and {@code frombuffer} against NumPy 2, bit
 * for bit ({@code numpy/numpy-views.tsv}, {@code numpy/numpy_views.py} beside it); {@code wrap} of
 * heap arrays, ByteBuffers and memory segments, with writes seen from both sides, read-only memory
 * read-only, and a closed Arena an error on every later use. A backend whose kernels cannot address
 * host memory must refuse {@code wrap} and {@code frombuffer} with an {@link
 * UnsupportedOperationException} that names it.
 */
public interface ZeroCopyContract extends KitSupport {
  /**
   * ndj keeps strides and offsets in elements, so a view whose byte offset or stride is not a
   * multiple of the new itemsize (which NumPy makes) is refused with this message.
   */
  String ELEMENT_STRIDES = "ndj keeps strides and offsets in elements";

  private boolean wraps() {
    try (NdArray probe = backend().wrap(new double[1])) {
      return true;
    } catch (UnsupportedOperationException e) {
      assertTrue(
          e.getMessage().startsWith("backend " + backend().name() + " cannot address host memory"),
          e.getMessage());
      return false;
    }
  }

  @TestFactory
  default Stream<DynamicTest> viewAndFrombufferMatchNumpyBitForBit() {
    boolean wraps = wraps();
    return KitData.table("numpy/numpy-views.tsv").stream()
        .map(f -> dynamicTest("numpy " + f[0], () -> viewRow(f, wraps)));
  }

  private void viewRow(String[] f, boolean wraps) {
    HexFormat hex = HexFormat.of();
    boolean view = f[1].equals("view");
    int at = view ? 7 : 6;
    java.util.function.Supplier<NdArray> call;
    if (view) {
      DType from = DType.of(f[2]);
      NdArray base = array(hex.parseHex(f[3])).view(from).reshape(NumpyCasesContract.longs(f[4]));
      NdArray x = f[5].equals("T") ? base.T() : base.get(Index.parse(f[5]));
      call = () -> x.view(DType.of(f[6]));
    } else {
      ByteBuffer bytes = ByteBuffer.wrap(hex.parseHex(f[2]));
      call =
          () ->
              backend()
                  .frombuffer(bytes, DType.of(f[3]), Long.parseLong(f[4]), Long.parseLong(f[5]));
      if (!wraps && !f[at].equals("ERR")) { // NumPy's errors come first on every backend
        assertThrows(UnsupportedOperationException.class, call::get, f[0]);
        return;
      }
    }
    if (f[at].equals("ERR")) {
      Check.raisesNumpysMessage(f[0], f[at + 1], call::get);
      return;
    }
    NdArray r;
    try {
      r = call.get();
    } catch (IllegalArgumentException e) {
      assertTrue(e.getMessage().startsWith(ELEMENT_STRIDES), f[0] + ": " + e.getMessage());
      return;
    }
    assertEquals(f[at], r.dtype().toString(), f[0] + ": dtype");
    assertArrayEquals(NumpyCasesContract.longs(f[at + 1]), r.shape().dims(), f[0] + ": shape");
    assertEquals(f[at + 2], hex.formatHex(bytes(r)), f[0] + ": bytes");
  }

  /** The C-ordered bytes of {@code r}, read as integers of its size so that no NaN is touched. */
  private static byte[] bytes(NdArray r) {
    DType bits =
        switch (r.itemsize()) {
          case 1 -> DType.INT8;
          case 2 -> DType.INT16;
          case 4 -> DType.INT32;
          default -> DType.INT64;
        };
    try (NdArray asBits = r.view(bits);
        NdArray c = asBits.copy()) {
      byte[] out = new byte[(int) c.nbytes()];
      c.copyTo(MemorySegment.ofArray(out));
      return out;
    }
  }

  /** A view of another dtype shares memory: a write through either is seen by the other. */
  @Test
  default void viewSharesMemory() {
    NdArray f = arange(6).astype(DType.FLOAT32).reshape(2, 3);
    NdArray bits = f.view(DType.INT32);
    bits.set("1, 2", (long) Float.floatToRawIntBits(-2.5f));
    assertEquals(-2.5, f.get(1, 2).doubleValue(), "f.view(int32)[1, 2] = bits of -2.5");
    f.set("0, 0", 1.0);
    assertEquals(Float.floatToRawIntBits(1f), bits.get(0, 0).longValue());
    assertFalse(f.get(":, :").view(DType.INT8).flags().ownData());
  }

  @Test
  default void wrapSharesHeapArraysBothWays() {
    if (!wraps()) {
      return;
    }
    double[] d = {1, 2, 3, 4, 5, 6};
    NdArray x = backend().wrap(d, 2, 3);
    assertEquals("(2, 3)", x.shape().toString());
    x.iadd(1.0);
    assertArrayEquals(new double[] {2, 3, 4, 5, 6, 7}, d, "x += 1 writes into the double[]");
    d[5] = -1;
    assertEquals(10.0, x.get(1).sum().doubleValue(), "a write into the double[] is seen by x");
    float[] fl = {1.5f, -2f};
    backend().wrap(fl).imul(2.0);
    assertArrayEquals(new float[] {3f, -4f}, fl);
    long[] l = {1, 2, 3};
    int[] i = {4, 5};
    short[] s = {7, 8};
    byte[] b = {-1, 9};
    assertEquals(DType.INT64, backend().wrap(l).dtype());
    assertEquals(9L, backend().wrap(i).sum().longValue());
    assertEquals(DType.INT16, backend().wrap(s).dtype());
    assertEquals("[255   9]", backend().wrap(b).view(DType.UINT8).toString());
    Check.raisesNumpysMessage(
        "wrap(6 doubles, 4, 2)",
        "cannot reshape array of size 6 into shape (4,2)",
        () -> backend().wrap(d, 4, 2));
  }

  @Test
  default void wrapOfNativeMemoryFailsCleanlyOnceItsArenaIsClosed() {
    if (!wraps()) {
      return;
    }
    NdArray y;
    NdArray row;
    try (Arena arena = Arena.ofShared()) {
      MemorySegment m = arena.allocate(6 * 8);
      y = backend().wrap(m, DType.INT64, 2, 3);
      y.set(":", 7L);
      assertEquals(7L, m.getAtIndex(ValueLayout.JAVA_LONG, 5));
      m.setAtIndex(ValueLayout.JAVA_LONG, 0, -3L);
      assertEquals(32L, y.sum().longValue());
      row = y.get(1); // a view made while the memory lives
      Check.raisesNumpysMessage(
          "wrap(48 bytes, int64, 4, 2)",
          "cannot wrap 48 bytes as an array of shape (4,2,2) and dtype int64 (128 bytes)",
          () -> backend().wrap(m, DType.INT64, 4, 2, 2));
      NdArray readOnly = backend().wrap(m.asReadOnly(), DType.INT64, 6);
      assertFalse(readOnly.flags().writeable());
      assertThrows(RuntimeException.class, () -> readOnly.set(":", 1L));
      assertEquals(7L, m.getAtIndex(ValueLayout.JAVA_LONG, 1), "a read-only wrap wrote nothing");
    }
    for (Runnable use :
        new Runnable[] {() -> y.sum(), () -> row.toString(), () -> y.add(1L), () -> y.copy()}) {
      IllegalStateException e = assertThrows(IllegalStateException.class, use::run);
      assertTrue(
          e.getMessage().startsWith("the memory this array wraps was freed"), e.getMessage());
    }
    try (Arena confined = Arena.ofConfined()) {
      MemorySegment c = confined.allocate(8);
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> backend().wrap(c, DType.FLOAT64, 1));
      assertTrue(e.getMessage().startsWith("cannot wrap memory confined to one thread"));
    }
  }

  /**
   * hostMemory is the array's own bytes where the backend keeps arrays in host memory (a write
   * through it is seen by the array), and empty for a strided view or memory elsewhere.
   */
  @Test
  default void hostMemoryIsTheArraysOwnBytes() {
    NdArray x = arange(12).reshape(3, 4).astype(DType.INT32).get("1:");
    java.util.Optional<MemorySegment> m = x.hostMemory();
    assertFalse(x.get(":, ::2").hostMemory().isPresent(), "a strided view has no one segment");
    if (m.isEmpty()) {
      assertFalse(wraps(), backend().name() + " wraps host memory but shows none");
      return;
    }
    assertEquals(32, m.get().byteSize());
    assertEquals(4, m.get().getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, 0), "x[0, 0] is 4");
    m.get().setAtIndex(ValueLayout.JAVA_INT_UNALIGNED, 7, -1);
    assertEquals(-1L, x.get(1, 3).longValue(), "a write through the segment is seen by x");
  }

  /** An owner handed to wrap is closed once, when the last array over the memory is closed. */
  @Test
  default void wrapClosesItsOwnerWhenTheLastArrayIsClosed() {
    if (!wraps()) {
      return;
    }
    Arena arena = Arena.ofShared();
    java.util.concurrent.atomic.AtomicInteger closes =
        new java.util.concurrent.atomic.AtomicInteger();
    AutoCloseable owner =
        () -> {
          closes.incrementAndGet();
          arena.close();
        };
    NdArray x = backend().wrap(arena.allocate(32), DType.FLOAT32, owner, 2, 4);
    NdArray v = x.get(":, 1");
    x.close();
    assertEquals(0, closes.get(), "a view still uses the memory");
    v.set(":", 1.0);
    assertEquals(2.0, v.sum().doubleValue());
    v.close();
    assertEquals(1, closes.get(), "closed once the last array is closed");
    assertFalse(arena.scope().isAlive());
  }

  @Test
  default void frombufferOfAReadOnlyBufferIsReadOnly() {
    if (!wraps()) {
      return;
    }
    ByteBuffer direct = ByteBuffer.allocateDirect(16);
    direct.putLong(0, Double.doubleToRawLongBits(0)); // zeroed anyway; NumPy reads '<f8'
    NdArray w = backend().frombuffer(direct, DType.FLOAT64);
    w.set("1", 2.5);
    assertEquals(2.5, MemorySegment.ofBuffer(direct).get(ValueLayout.JAVA_DOUBLE_UNALIGNED, 8));
    NdArray r = backend().frombuffer(direct.asReadOnlyBuffer(), DType.FLOAT64);
    assertFalse(r.flags().writeable());
    assertEquals(2.5, r.sum().doubleValue());
  }
}
