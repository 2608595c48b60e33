package io.ndj.arrow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ndj.DType;
import io.ndj.Nd;
import io.ndj.NdArray;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ndj to Arrow and back, with Arrow's own getters and setters as the oracle. */
class NdArrowTest {
  private BufferAllocator allocator;

  @BeforeEach
  void open() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void close() {
    allocator.close(); // fails on memory still held: every test closes what it made
  }

  @Test
  void everyDtypeToAPrimitiveVectorAndBack() {
    for (DType t : DType.realValues()) {
      try (NdArray x = Nd.array(new double[] {0, 1, -2, 3.5, 100}).astype(t);
          FieldVector v = NdArrow.toVector(x, "x", allocator)) {
        assertEquals(5, v.getValueCount(), t.toString());
        assertEquals(0, v.getNullCount(), t.toString());
        for (int i = 0; i < 5; i++) {
          Object got = v.getObject(i);
          double want = x.get(i).doubleValue();
          double seen =
              switch (got) {
                case Boolean b -> b ? 1 : 0;
                case Character c -> c; // UInt2Vector's values
                case Number n when t == DType.UINT8 -> n.byteValue() & 0xff;
                case Number n when t == DType.UINT32 -> n.intValue() & 0xFFFF_FFFFL;
                case Number n when t == DType.UINT64 ->
                    new java.math.BigInteger(Long.toUnsignedString(n.longValue())).doubleValue();
                case Number n -> n.doubleValue();
                default -> throw new AssertionError(got.getClass());
              };
          if (v instanceof Float2Vector f2) {
            seen = Float.float16ToFloat(f2.get(i));
          }
          assertEquals(want, seen, t + " [" + i + "]");
        }
        try (NdArray back = NdArrow.fromVector(v)) {
          assertEquals(t, back.dtype());
          assertEquals(x.toString(), back.toString(), t.toString());
        }
      }
    }
  }

  @Test
  void fromAVectorWithoutNullsSharesArrowsMemory() {
    Float8Vector v = new Float8Vector("v", allocator);
    v.allocateNew(4);
    for (int i = 0; i < 4; i++) {
      v.set(i, i * 1.5);
    }
    v.setValueCount(4);
    assertNull(NdArrow.copyReason(v));
    var scope = Nd.scope(); // closes the views made below with the array
    NdArray x = NdArrow.fromVector(v);
    assertEquals("[0.  1.5 3.  4.5]", x.toString());
    x.set(":2", -1.0);
    assertEquals(-1.0, v.get(1), "a write through ndj is seen by Arrow");
    v.set(3, 7.0);
    assertEquals(7.0, x.get(3).doubleValue(), "a write through Arrow is seen by ndj");
    v.close(); // the array still holds the buffer
    assertEquals(8.0, x.sum().doubleValue()); // -1 -1 3 7
    scope.close(); // now the buffer goes back: the allocator closes without a leak in close()
  }

  @Test
  void anAllocatorClosedUnderAnOpenArrayReportsTheLeak() {
    BufferAllocator child = new RootAllocator(); // its own: a leak stays in it
    IntVector v = new IntVector("v", child);
    v.allocateNew(3);
    for (int i = 0; i < 3; i++) {
      v.set(i, i);
    }
    v.setValueCount(3);
    NdArray x = NdArrow.fromVector(v);
    v.close();
    IllegalStateException e = assertThrows(IllegalStateException.class, child::close);
    assertTrue(e.getMessage().contains("Memory was leaked"), e.getMessage());
    x.close(); // gives the reference back to the closed allocator without a second error
  }

  @Test
  void nullsReadAsNanInFloatsAndRefuseInIntegers() {
    try (Float4Vector f = new Float4Vector("f", allocator);
        BigIntVector i = new BigIntVector("i", allocator);
        BitVector b = new BitVector("b", allocator)) {
      f.allocateNew(3);
      f.set(0, 1.5f);
      f.setNull(1);
      f.set(2, -2f);
      f.setValueCount(3);
      assertEquals("it has 1 nulls", NdArrow.copyReason(f));
      assertEquals("[ 1.5  nan -2. ]", NdArrow.fromVector(f).toString());
      i.allocateNew(2);
      i.set(0, 5);
      i.setNull(1);
      i.setValueCount(2);
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> NdArrow.fromVector(i));
      assertTrue(e.getMessage().startsWith("vector 'i' has 1 nulls; an ndj int64 array"));
      b.allocateNew(3);
      b.set(0, 1);
      b.set(1, 0);
      b.set(2, 1);
      b.setValueCount(3);
      assertEquals("bool values are bits in Arrow, bytes in ndj", NdArrow.copyReason(b));
      assertEquals("[ True False  True]", NdArrow.fromVector(b).toString());
    }
  }

  @Test
  void nDimensionalArraysAsFixedShapeTensorsAndNestedLists() {
    try (NdArray x = Nd.arange(24).reshape(2, 3, 4).astype(DType.FLOAT32);
        FieldVector tensor = NdArrow.toVector(x, "t", allocator);
        FieldVector nested = NdArrow.toFixedSizeList(x, "n", allocator)) {
      FixedShapeTensorType type =
          assertInstanceOf(FixedShapeTensorType.class, tensor.getField().getType());
      assertEquals("{\"shape\":[3,4]}", type.serialize());
      assertEquals(2, tensor.getValueCount());
      assertEquals(
          List.of(12f, 13f, 14f, 15f, 16f, 17f, 18f, 19f, 20f, 21f, 22f, 23f), tensor.getObject(1));
      FixedSizeListVector n = assertInstanceOf(FixedSizeListVector.class, nested);
      assertEquals(3, n.getListSize());
      assertEquals(List.of(List.of(8f, 9f, 10f, 11f)), List.of(((List<?>) n.getObject(0)).get(2)));
      for (FieldVector v : new FieldVector[] {tensor, nested}) {
        try (NdArray back = NdArrow.fromVector(v)) {
          assertArrayEquals(new long[] {2, 3, 4}, back.shape().dims());
          assertEquals(x.toString(), back.toString());
          assertNull(NdArrow.copyReason(v));
        }
      }
    }
  }

  @Test
  void ipcFilesRoundTripAndAFailedWriteLeavesTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("t.arrow");
    Map<String, NdArray> cols = new LinkedHashMap<>();
    cols.put("id", Nd.arange(4));
    cols.put("x", Nd.linspace(0, 1, 4).astype(DType.FLOAT32));
    cols.put("img", Nd.arange(4 * 6).reshape(4, 2, 3).astype(DType.UINT8));
    cols.put("ok", Nd.arange(4).gt(1L));
    NdArrow.write(file, cols);
    Map<String, NdArray> back = NdArrow.read(file);
    assertEquals(List.copyOf(cols.keySet()), List.copyOf(back.keySet()));
    for (String k : cols.keySet()) {
      assertEquals(cols.get(k).dtype(), back.get(k).dtype(), k);
      assertEquals(cols.get(k).toString(), back.get(k).toString(), k);
    }
    byte[] before = Files.readAllBytes(file);
    Map<String, NdArray> bad = new LinkedHashMap<>(cols);
    bad.put("short", Nd.arange(3));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> NdArrow.write(file, bad));
    assertEquals(
        "every column needs the same number of rows: 'short' has 3, the first 4", e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(file), "the file is unchanged");
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary file left behind");
    }
  }

  @Test
  void unsupportedArrowTypesAreNamed() {
    try (org.apache.arrow.vector.VarCharVector s =
        new org.apache.arrow.vector.VarCharVector("s", allocator)) {
      s.allocateNew();
      s.setValueCount(0);
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> NdArrow.fromVector(s));
      assertTrue(e.getMessage().startsWith("ndj has no dtype for Arrow type Utf8"), e.getMessage());
    }
    try (var scope = Nd.scope();
        UInt1Vector u = new UInt1Vector("u", allocator)) {
      u.allocateNew(2);
      u.set(0, 255);
      u.set(1, 3);
      u.setValueCount(2);
      assertEquals("[255   3]", NdArrow.fromVector(u).toString());
    }
  }

  @Test
  void nativeMemoryGoesToArrowWithoutACopyAndHeapMemoryIsCopied() throws Exception {
    java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofShared();
    java.util.concurrent.atomic.AtomicInteger closed =
        new java.util.concurrent.atomic.AtomicInteger();
    NdArray x =
        Nd.backend("cpu")
            .wrap(
                arena.allocate(6 * 8),
                DType.FLOAT64,
                () -> {
                  closed.incrementAndGet();
                  arena.close();
                },
                2,
                3);
    x.set(":", 1.5);
    assertNull(NdArrow.toVectorCopyReason(x));
    FieldVector v = NdArrow.toVector(x, "x", allocator);
    assertInstanceOf(FixedShapeTensorType.class, v.getField().getType());
    assertEquals(List.of(1.5, 1.5, 1.5), v.getObject(1));
    x.set("1, 2", -4.0);
    assertEquals(List.of(1.5, 1.5, -4.0), v.getObject(1), "Arrow sees ndj's write");
    x.close();
    assertEquals(0, closed.get(), "the Arrow vector still holds the memory");
    assertEquals(List.of(1.5, 1.5, -4.0), v.getObject(1));
    v.close();
    assertEquals(1, closed.get(), "closing the vector gave the memory back");

    try (var scope = Nd.scope()) {
      NdArray heap = Nd.backend("cpu").arange(0.0, 4.0, 1.0);
      assertEquals(
          "ndj's heap memory cannot become an Arrow buffer (the garbage collector moves it)",
          NdArrow.toVectorCopyReason(heap));
      assertEquals("it is not C-contiguous", NdArrow.toVectorCopyReason(heap.get("::2")));
      try (FieldVector c = NdArrow.toVector(heap, "h", allocator)) {
        heap.set("0", 9.0);
        assertEquals(0.0, ((Float8Vector) c).get(0), "a copy");
      }
    }
  }
}
