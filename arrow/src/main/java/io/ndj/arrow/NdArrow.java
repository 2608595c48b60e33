package io.ndj.arrow;

import io.ndj.ArrayFactory;
import io.ndj.DType;
import io.ndj.Nd;
import io.ndj.NdArray;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.ExtensionTypeVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float2Vector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.UInt1Vector;
import org.apache.arrow.vector.UInt2Vector;
import org.apache.arrow.vector.UInt4Vector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * ndj arrays to and from Apache Arrow.
 *
 * <p>{@link #toVector} makes a new Arrow vector of an array: a primitive vector for a 1-d array, a
 * {@code arrow.fixed_shape_tensor} column ({@link FixedShapeTensorType}) for an n-d one, one tensor
 * per index of the first axis, over the array's own memory where {@link #toVectorCopyReason}
 * returns null and a copy otherwise; {@link #toFixedSizeList} gives nested FixedSizeLists (a copy)
 * instead. {@link #fromVector} reads any of those back; on a backend that addresses host memory
 * (cpu) it makes no copy when the vector has no nulls and its values are ndj's layout (every type
 * but BitVector, whose bools are bits): the array holds a reference to the Arrow buffer, so it
 * stays valid after the vector is closed, and the buffer goes back to its allocator when the array
 * and its views are closed (an allocator closed before that reports the leak). {@link #copyReason}
 * says in advance whether and why a vector will be copied. {@link #write} and {@link #read} are
 * Arrow IPC files ({@code .arrow}, Feather v2).
 *
 * <p>Arrow's memory module needs {@code --add-opens=java.base/java.nio=ALL-UNNAMED} on Java 17+,
 * and the zero-copy path {@code --enable-native-access=ALL-UNNAMED} (it reads Arrow's off-heap
 * address).
 */
public final class NdArrow {
  private NdArrow() {}

  static {
    FixedShapeTensorType.register();
  }

  // ---- ndj -> Arrow ----

  /**
   * A new vector named {@code name} holding a copy of {@code x}: primitive for 1-d, a fixed-shape
   * tensor column for n-d (the first axis is the rows). The caller closes the vector.
   *
   * @throws IllegalArgumentException for a 0-d array (an Arrow column needs rows)
   */
  public static FieldVector toVector(NdArray x, String name, BufferAllocator allocator) {
    if (x.ndim() == 0) {
      throw new IllegalArgumentException("an Arrow column needs at least one axis; x is 0-d");
    }
    if (toVectorCopyReason(x) == null) {
      return shared(x, name, allocator);
    }
    if (x.ndim() == 1) {
      return primitive(x, name, allocator);
    }
    long[] dims = x.shape().dims();
    long[] row = java.util.Arrays.copyOfRange(dims, 1, dims.length);
    FixedShapeTensorType type = new FixedShapeTensorType(row);
    FixedShapeTensorType.Vector v =
        (FixedShapeTensorType.Vector) type.getNewVector(name, FieldType.nullable(type), allocator);
    try {
      fillList(v.getUnderlyingVector(), x.reshape(dims[0], type.listSize()), allocator);
      v.setValueCount(Math.toIntExact(dims[0]));
      return v;
    } catch (RuntimeException e) {
      v.close();
      throw e;
    }
  }

  /**
   * A new vector of nested FixedSizeLists holding a copy of {@code x} (shape (2, 3, 4): 2 lists of
   * 3 lists of 4 values); a primitive vector for 1-d.
   */
  public static FieldVector toFixedSizeList(NdArray x, String name, BufferAllocator allocator) {
    if (x.ndim() <= 1) {
      return toVector(x, name, allocator);
    }
    long[] dims = x.shape().dims();
    FixedSizeListVector v = FixedSizeListVector.empty(name, Math.toIntExact(dims[1]), allocator);
    try {
      fillNested(v, x, allocator);
      return v;
    } catch (RuntimeException e) {
      v.close();
      throw e;
    }
  }

  private static void fillNested(FixedSizeListVector v, NdArray x, BufferAllocator allocator) {
    long[] dims = x.shape().dims();
    int rows = Math.toIntExact(dims[0]);
    if (x.ndim() == 2) {
      fillList(v, x, allocator);
    } else {
      long[] inner = java.util.Arrays.copyOfRange(dims, 1, dims.length);
      inner[0] = dims[0] * dims[1];
      FixedSizeListVector child =
          (FixedSizeListVector)
              v.addOrGetVector(
                      FieldType.nullable(new ArrowType.FixedSizeList(Math.toIntExact(dims[2]))))
                  .getVector();
      fillNested(child, x.reshape(inner), allocator);
      markValid(v, rows);
    }
    v.setValueCount(rows);
  }

  /** Fills a FixedSizeList of primitives from a 2-d array (rows, list size). */
  private static void fillList(FixedSizeListVector v, NdArray x2, BufferAllocator allocator) {
    int rows = Math.toIntExact(x2.shape().dims()[0]);
    FieldVector values =
        (FieldVector) v.addOrGetVector(FieldType.nullable(arrowType(x2.dtype()))).getVector();
    try (NdArray flat = x2.flatten()) {
      copyInto(flat, values);
    }
    markValid(v, rows);
    v.setValueCount(rows);
  }

  private static void markValid(FixedSizeListVector v, int rows) {
    for (int i = 0; i < rows; i++) {
      v.setNotNull(i);
    }
  }

  private static FieldVector primitive(NdArray x, String name, BufferAllocator allocator) {
    FieldVector v =
        new Field(name, FieldType.nullable(arrowType(x.dtype())), null).createVector(allocator);
    try {
      copyInto(x, v);
      return v;
    } catch (RuntimeException e) {
      v.close();
      throw e;
    }
  }

  /**
   * Why {@link #toVector} will copy {@code x} ("ndj's heap memory cannot become an Arrow buffer",
   * "bool values are bytes in ndj, bits in Arrow", ...), or null when the vector will share x's
   * memory: native memory of a C-contiguous array on a backend that addresses host memory (cpu
   * arrays past {@code -Dndj.cpu.offHeapFrom}, arrays from {@code Nd.wrap} of native memory or from
   * {@link #fromVector}).
   */
  public static String toVectorCopyReason(NdArray x) {
    if (x.dtype() == DType.BOOL) {
      return "bool values are bytes in ndj, bits in Arrow";
    }
    if (x.size() == 0) {
      return "it is empty";
    }
    if (!x.flags().cContiguous()) {
      return "it is not C-contiguous";
    }
    java.util.Optional<MemorySegment> m = x.hostMemory();
    if (m.isEmpty()) {
      return "backend " + x.backend().name() + " does not keep arrays in host memory";
    }
    if (!m.get().isNative()) {
      return "ndj's heap memory cannot become an Arrow buffer (the garbage collector moves it)";
    }
    return null;
  }

  /**
   * A vector over x's own memory: an Arrow buffer of a foreign allocation that holds a view of x,
   * closed when Arrow releases the buffer.
   */
  private static FieldVector shared(NdArray x, String name, BufferAllocator allocator) {
    MemorySegment m = x.hostMemory().orElseThrow();
    NdArray keep = x.view(x.dtype()); // keeps the memory while Arrow uses it
    ArrowBuf data;
    try {
      data =
          allocator.wrapForeignAllocation(
              new org.apache.arrow.memory.ForeignAllocation(m.byteSize(), m.address()) {
                @Override
                protected void release0() {
                  keep.close();
                }
              });
    } catch (RuntimeException e) {
      keep.close();
      throw e;
    }
    long[] dims = x.shape().dims();
    int n = Math.toIntExact(x.size());
    FieldVector v;
    FieldVector values;
    if (x.ndim() == 1) {
      v = new Field(name, FieldType.nullable(arrowType(x.dtype())), null).createVector(allocator);
      values = v;
    } else {
      FixedShapeTensorType type =
          new FixedShapeTensorType(java.util.Arrays.copyOfRange(dims, 1, dims.length));
      FixedShapeTensorType.Vector t =
          (FixedShapeTensorType.Vector)
              type.getNewVector(name, FieldType.nullable(type), allocator);
      FixedSizeListVector storage = t.getUnderlyingVector();
      values =
          (FieldVector)
              storage.addOrGetVector(FieldType.nullable(arrowType(x.dtype()))).getVector();
      storage.loadFieldBuffers(
          new org.apache.arrow.vector.ipc.message.ArrowFieldNode(dims[0], 0),
          List.of(allocator.getEmpty()));
      v = t;
    }
    try {
      values.loadFieldBuffers(
          new org.apache.arrow.vector.ipc.message.ArrowFieldNode(n, 0),
          List.of(allocator.getEmpty(), data));
      if (v != values) {
        v.setValueCount(Math.toIntExact(dims[0]));
      }
      return v;
    } catch (RuntimeException e) {
      v.close();
      throw e;
    } finally {
      data.getReferenceManager().release(); // the vector holds its own reference
    }
  }

  /** Copies a 1-d array into an empty primitive vector, every value valid. */
  private static void copyInto(NdArray x, FieldVector v) {
    int n = Math.toIntExact(x.size());
    v.setInitialCapacity(n);
    v.allocateNew();
    if (v instanceof BitVector bits) {
      boolean[] b = x.toBooleanArray();
      for (int i = 0; i < n; i++) {
        bits.set(i, b[i] ? 1 : 0);
      }
    } else {
      ArrowBuf data = v.getDataBuffer();
      x.copyTo(MemorySegment.ofAddress(data.memoryAddress()).reinterpret((long) n * x.itemsize()));
      v.getValidityBuffer().setOne(0, (n + 7) / 8);
    }
    v.setValueCount(n);
  }

  /** The Arrow type of an ndj dtype. */
  public static ArrowType arrowType(DType t) {
    return switch (t) {
      case BOOL -> ArrowType.Bool.INSTANCE;
      case INT8 -> new ArrowType.Int(8, true);
      case INT16 -> new ArrowType.Int(16, true);
      case INT32 -> new ArrowType.Int(32, true);
      case INT64 -> new ArrowType.Int(64, true);
      case UINT8 -> new ArrowType.Int(8, false);
      case UINT16 -> new ArrowType.Int(16, false);
      case UINT32 -> new ArrowType.Int(32, false);
      case UINT64 -> new ArrowType.Int(64, false);
      case FLOAT16 -> new ArrowType.FloatingPoint(FloatingPointPrecision.HALF);
      case FLOAT32 -> new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
      case FLOAT64 -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
      case COMPLEX64, COMPLEX128 ->
          throw new IllegalArgumentException(
              "Arrow has no complex type: convert x.real() and x.imag() apart (" + t + ")");
    };
  }

  // ---- Arrow -> ndj ----

  /** {@link #fromVector(FieldVector, ArrayFactory)} on the default backend. */
  public static NdArray fromVector(FieldVector v) {
    return fromVector(v, Nd.backend());
  }

  /**
   * An ndj array with the vector's values: 1-d for a primitive vector, (rows, *shape) for a
   * fixed-shape tensor column, (rows, n1, n2, ...) for nested FixedSizeLists. No copy where {@link
   * #copyReason} returns null and the backend addresses host memory; floats with nulls read as NaN.
   *
   * @throws IllegalArgumentException for an Arrow type ndj has no dtype for, or nulls in an integer
   *     or bool vector (NumPy arrays have no missing integers)
   */
  public static NdArray fromVector(FieldVector v, ArrayFactory backend) {
    List<Long> shape = new ArrayList<>();
    FieldVector leaf = leaf(v, shape);
    DType t = dtype(leaf);
    int nulls = nulls(v);
    long[] sh = shape.stream().mapToLong(Long::longValue).toArray();
    if (nulls > 0 && !t.isFloat()) {
      throw new IllegalArgumentException(
          "vector '"
              + v.getName()
              + "' has "
              + nulls
              + " nulls; an ndj "
              + t
              + " array has no missing values: fill them, or read a float vector (nulls read as NaN)");
    }
    long n = leaf.getValueCount();
    if (copyReason(v) == null) {
      ArrowBuf data = leaf.getDataBuffer();
      MemorySegment memory =
          MemorySegment.ofAddress(data.memoryAddress()).reinterpret(n * t.itemsize());
      data.getReferenceManager().retain();
      try {
        return backend.wrap(memory, t, () -> release(data), sh);
      } catch (UnsupportedOperationException e) {
        data.getReferenceManager().release(); // this backend cannot address host memory: copy
      }
    }
    return copy(leaf, v, t, sh, backend);
  }

  /**
   * Gives back the array's reference to an Arrow buffer; an allocator already closed has reported
   * the leak, and the memory is gone with it.
   */
  private static void release(ArrowBuf data) {
    try {
      data.getReferenceManager().release();
    } catch (IllegalStateException closedAllocator) {
      // reported by the allocator's close()
    }
  }

  /**
   * Why {@link #fromVector} will copy this vector ("it has 3 nulls", "bool values are bits in
   * Arrow, bytes in ndj", "it is empty"), or null when it will not (on a backend that addresses
   * host memory).
   */
  public static String copyReason(FieldVector v) {
    FieldVector leaf = leaf(v, new ArrayList<>());
    dtype(leaf);
    int nulls = nulls(v);
    if (nulls > 0) {
      return "it has " + nulls + " nulls";
    }
    if (leaf instanceof BitVector) {
      return "bool values are bits in Arrow, bytes in ndj";
    }
    if (leaf.getValueCount() == 0) {
      return "it is empty";
    }
    return null;
  }

  /** The primitive vector at the bottom of v's lists; {@code shape} gets the dimensions. */
  private static FieldVector leaf(FieldVector v, List<Long> shape) {
    if (v instanceof ExtensionTypeVector<?> e
        && e.getField().getType() instanceof FixedShapeTensorType tensor) {
      shape.add((long) v.getValueCount());
      for (long d : tensor.shape()) {
        shape.add(d);
      }
      FixedSizeListVector storage = (FixedSizeListVector) e.getUnderlyingVector();
      return storage.getDataVector();
    }
    shape.add((long) v.getValueCount());
    FieldVector at = v;
    while (at instanceof FixedSizeListVector list) {
      shape.add((long) list.getListSize());
      at = list.getDataVector();
    }
    return at;
  }

  private static int nulls(FieldVector v) {
    int nulls = v.getNullCount();
    FieldVector at = v;
    if (at instanceof ExtensionTypeVector<?> e) {
      at = (FieldVector) e.getUnderlyingVector();
      nulls += at.getNullCount();
    }
    while (at instanceof FixedSizeListVector list) {
      at = list.getDataVector();
      nulls += at.getNullCount();
    }
    return nulls;
  }

  private static DType dtype(FieldVector leaf) {
    return switch (leaf) {
      case Float8Vector f -> DType.FLOAT64;
      case Float4Vector f -> DType.FLOAT32;
      case Float2Vector f -> DType.FLOAT16;
      case BigIntVector i -> DType.INT64;
      case IntVector i -> DType.INT32;
      case SmallIntVector i -> DType.INT16;
      case TinyIntVector i -> DType.INT8;
      case UInt1Vector i -> DType.UINT8;
      case UInt2Vector i -> DType.UINT16;
      case UInt4Vector i -> DType.UINT32;
      case UInt8Vector i -> DType.UINT64;
      case BitVector b -> DType.BOOL;
      default ->
          throw new IllegalArgumentException(
              "ndj has no dtype for Arrow type "
                  + leaf.getField().getType()
                  + " (vector '"
                  + leaf.getName()
                  + "'); it reads bool, int8/16/32/64, uint8/16/32/64 and float16/32/64, alone or in"
                  + " FixedSizeLists and fixed-shape tensors");
    };
  }

  private static NdArray copy(
      FieldVector leaf, FieldVector top, DType t, long[] shape, ArrayFactory backend) {
    int n = leaf.getValueCount();
    if (leaf instanceof BitVector bits) {
      boolean[] b = new boolean[n];
      for (int i = 0; i < n; i++) {
        b[i] = bits.get(i) != 0;
      }
      return backend.array(b, shape);
    }
    byte[] bytes = new byte[n * t.itemsize()];
    if (n > 0) {
      MemorySegment.copy(
          MemorySegment.ofAddress(leaf.getDataBuffer().memoryAddress()).reinterpret(bytes.length),
          0,
          MemorySegment.ofArray(bytes),
          0,
          bytes.length);
    }
    NdArray a;
    try (NdArray raw = backend.array(bytes)) {
      a = raw.view(t).reshape(shape).copy();
    }
    if (nulls(top) > 0) { // floats: a null reads as NaN
      boolean[] missing = missing(top, n);
      NdArray flat = a.reshape(n);
      for (int i = 0; i < n; i++) {
        if (missing[i]) {
          flat.set(new Object[] {i}, Double.NaN);
        }
      }
    }
    return a;
  }

  /** Which leaf values are null, at any level of the lists. */
  private static boolean[] missing(FieldVector top, int n) {
    boolean[] m = new boolean[n];
    FieldVector at = top;
    if (at instanceof ExtensionTypeVector<?> e) {
      markNulls(at, m, n);
      at = (FieldVector) e.getUnderlyingVector();
    }
    while (true) {
      markNulls(at, m, n);
      if (!(at instanceof FixedSizeListVector list)) {
        return m;
      }
      at = list.getDataVector();
    }
  }

  private static void markNulls(FieldVector v, boolean[] m, int n) {
    int rows = v.getValueCount();
    if (rows == 0 || v.getNullCount() == 0) {
      return;
    }
    int per = n / rows;
    for (int r = 0; r < rows; r++) {
      if (v.isNull(r)) {
        java.util.Arrays.fill(m, r * per, (r + 1) * per, true);
      }
    }
  }

  // ---- IPC files ----

  /**
   * Writes {@code columns} (name to array) as one record batch of an Arrow IPC file ({@code
   * .arrow}): 1-d arrays as primitive columns, n-d as fixed-shape tensor columns; every array's
   * first axis is the row count. The file is replaced whole, or left as it was on an error.
   *
   * @throws IllegalArgumentException when the arrays' first axes differ, or one is 0-d
   */
  public static void write(Path file, Map<String, NdArray> columns) {
    long rows = -1;
    for (Map.Entry<String, NdArray> c : columns.entrySet()) {
      NdArray x = c.getValue();
      if (x.ndim() == 0) {
        throw new IllegalArgumentException(
            "column '" + c.getKey() + "' is 0-d; a column needs rows");
      }
      long r = x.shape().dims()[0];
      if (rows >= 0 && r != rows) {
        throw new IllegalArgumentException(
            "every column needs the same number of rows: '"
                + c.getKey()
                + "' has "
                + r
                + ", the first "
                + rows);
      }
      rows = r;
    }
    Path dir = file.toAbsolutePath().getParent();
    try (BufferAllocator allocator = new RootAllocator()) {
      List<FieldVector> vectors = new ArrayList<>();
      try {
        for (Map.Entry<String, NdArray> c : columns.entrySet()) {
          vectors.add(toVector(c.getValue(), c.getKey(), allocator));
        }
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
          try (VectorSchemaRoot root = new VectorSchemaRoot(vectors);
              FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
              ArrowFileWriter w = new ArrowFileWriter(root, null, ch)) {
            vectors.clear(); // the root closes them
            root.setRowCount(Math.toIntExact(Math.max(rows, 0)));
            w.start();
            w.writeBatch();
            w.end();
          }
          Files.move(
              tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
          Files.deleteIfExists(tmp);
        }
      } finally {
        vectors.forEach(FieldVector::close);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@link #read(Path, ArrayFactory)} on the default backend. */
  public static Map<String, NdArray> read(Path file) {
    return read(file, Nd.backend());
  }

  /**
   * The columns of an Arrow IPC file, in order, each as one ndj array (record batches joined along
   * the first axis). The values are copied out of Arrow's memory, which is freed before this
   * returns; read with Arrow's {@code ArrowFileReader} and {@link #fromVector} to share it instead.
   */
  public static Map<String, NdArray> read(Path file, ArrayFactory backend) {
    Map<String, List<NdArray>> parts = new LinkedHashMap<>();
    try (BufferAllocator allocator = new RootAllocator();
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        ArrowFileReader reader = new ArrowFileReader(ch, allocator)) {
      VectorSchemaRoot root = reader.getVectorSchemaRoot();
      for (Field f : root.getSchema().getFields()) {
        parts.put(f.getName(), new ArrayList<>());
      }
      while (reader.loadNextBatch()) {
        for (FieldVector v : root.getFieldVectors()) {
          List<Long> shape = new ArrayList<>();
          FieldVector leaf = leaf(v, shape);
          DType t = dtype(leaf);
          if (nulls(v) > 0 && !t.isFloat()) {
            fromVector(v, backend); // raises the error
          }
          parts
              .get(v.getName())
              .add(copy(leaf, v, t, shape.stream().mapToLong(Long::longValue).toArray(), backend));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, NdArray> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<NdArray>> p : parts.entrySet()) {
      List<NdArray> l = p.getValue();
      out.put(p.getKey(), l.size() == 1 ? l.get(0) : Nd.concatenate(l, 0));
    }
    return out;
  }
}
