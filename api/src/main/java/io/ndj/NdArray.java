package io.ndj;

import io.ndj.spi.BinaryOp;
import io.ndj.spi.ReduceOp;
import io.ndj.spi.UnaryOp;
import io.ndj.spi.View;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * An n-dimensional array with NumPy's semantics, living on one {@link Backend}.
 *
 * <p><b>Views.</b> {@code reshape} (when the layout allows), {@code transpose}, {@code T}, {@code
 * swapaxes}, {@code moveaxis}, {@code expandDims}, {@code squeeze}, {@code broadcastTo}, {@code
 * ravel} (when contiguous) and basic indexing ({@link #get(String)}) return views that share this
 * array's memory: writes through one are seen by the other, exactly where NumPy shares memory.
 * Everything else returns a new array.
 *
 * <p><b>Operations</b> broadcast their operands (NumPy's rules) and promote dtypes as NumPy 2 does
 * (NEP 50); a Java number operand is a "weak" scalar: {@code float32Array.mul(5)} stays float32,
 * {@code int32Array.add(2.5)} is float64, {@code uint8Array.add(300)} is an error. No operation
 * modifies its operands except {@code set}.
 *
 * <p><b>Memory.</b> An array holds a reference to a buffer that its views share. {@link #close()}
 * drops this array's reference (idempotent); the buffer goes back when its last holder closes.
 * Using a closed array throws {@link IllegalStateException}. Buffers whose arrays are never closed
 * are released by a {@link java.lang.ref.Cleaner} after every array holding them has become
 * unreachable; {@link Nd#scope()} closes temporaries in bulk.
 *
 * <p><b>Threads.</b> Operations on different arrays may run on many threads at once. Reads of one
 * array from several threads are safe; writes to one array ({@code set}) from several threads are
 * not synchronised, as in NumPy.
 */
public final class NdArray implements AutoCloseable {
  final Storage storage;
  final DType dtype;
  final long[] shape;
  final long[] strides;
  final long offset;
  private final boolean writeable;
  private final boolean ownsData;

  /**
   * 1 once closed; a plain field set by {@link #CLOSED} (an AtomicBoolean was one more object per
   * array).
   */
  private volatile int closed;

  /** Takes over one reference to {@code storage}, already retained by the caller. */
  NdArray(
      Storage storage,
      DType dtype,
      long[] shape,
      long[] strides,
      long offset,
      boolean writeable,
      boolean owns) {
    this.storage = storage;
    this.dtype = dtype;
    this.shape = shape;
    this.strides = strides;
    this.offset = offset;
    this.writeable = writeable;
    this.ownsData = owns;
    Scope.register(this);
  }

  /**
   * A new C-contiguous array, contents unspecified.
   *
   * @throws IllegalArgumentException in NumPy's words for a negative dimension or a byte size
   *     beyond a long
   */
  static NdArray allocate(Backend backend, DType dtype, long[] shape) {
    long n = Shape.checkedSize(shape, dtype);
    long bytes = Math.max(n, 1) * dtype.itemsize();
    Storage s = new Storage(backend, backend.allocate(bytes, dtype, shape));
    return new NdArray(s, dtype, shape, contiguousStrides(shape), 0, true, true);
  }

  /**
   * A new array filled by {@code kernel}; closed again if the kernel throws, so nothing leaks on
   * error.
   */
  static NdArray compute(
      Backend backend, DType dtype, long[] shape, java.util.function.Consumer<NdArray> kernel) {
    NdArray out = allocate(backend, dtype, shape);
    try {
      kernel.accept(out);
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
    return out;
  }

  private static final VarHandle CLOSED = intField(MethodHandles.lookup(), "closed");

  /**
   * A handle on an int field of the class that {@code lookup} was made in (for atomic updates of
   * plain fields).
   */
  static VarHandle intField(MethodHandles.Lookup lookup, String name) {
    try {
      return lookup.findVarHandle(lookup.lookupClass(), name, int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * The strides of every contiguous 1-d array (shared: shape and stride arrays are never written
   * once made).
   */
  private static final long[] UNIT = {1};

  static long[] contiguousStrides(long[] shape) {
    if (shape.length == 1) {
      return UNIT;
    }
    long[] st = new long[shape.length];
    long acc = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      st[i] = acc;
      acc *= Math.max(shape[i], 1);
    }
    return st;
  }

  /** A view of the same buffer. */
  NdArray view(long[] newShape, long[] newStrides, long newOffset, boolean canWrite) {
    ensureOpen();
    storage.retain();
    return new NdArray(
        storage, dtype, newShape, newStrides, newOffset, canWrite && writeable, false);
  }

  /** A view of the same memory as another dtype ({@link Wrapping#view}). */
  NdArray view(DType newType, long[] newShape, long[] newStrides, long newOffset) {
    ensureOpen();
    storage.retain();
    return new NdArray(storage, newType, newShape, newStrides, newOffset, writeable, false);
  }

  View spi() {
    ensureOpen();
    return new View(storage.buffer, dtype, shape, strides, offset);
  }

  /** The kernel view of this array broadcast to {@code outShape} (stride 0 on broadcast axes). */
  View spi(long[] outShape) {
    ensureOpen();
    return new View(storage.buffer, dtype, outShape, Broadcast.strides(this, outShape), offset);
  }

  /**
   * This array's memory as a backend's kernels see it, for a backend's interop classes (such as
   * {@code Nd4jInterop.toINDArray}): buffer, dtype, shape, strides and offset in elements. The view
   * is valid while this array is open; keep the array reachable for as long as the view is used.
   *
   * @return the kernel view
   * @throws IllegalStateException if the array is closed
   */
  public View kernelView() {
    return spi();
  }

  void ensureOpen() {
    if (closed != 0) {
      throw new IllegalStateException("array is closed");
    }
    if (storage.borrowed != null && !storage.borrowed.scope().isAlive()) {
      throw new IllegalStateException(
          "the memory this array wraps was freed (its Arena is closed): an array made by"
              + " Nd.wrap or Nd.frombuffer lives only as long as that memory");
    }
  }

  Kernel kernel() {
    return new Kernel(storage.backend);
  }

  // ---- attributes ----

  /**
   * The length of each axis, NumPy's {@code x.shape}.
   *
   * @return the shape
   */
  public Shape shape() {
    return Shape.wrap(shape.clone());
  }

  /**
   * The number of axes, NumPy's {@code x.ndim}.
   *
   * @return the rank (0 for a scalar array)
   */
  public int ndim() {
    return shape.length;
  }

  /**
   * The number of elements, NumPy's {@code x.size}.
   *
   * @return the product of the shape (1 for a 0-d array)
   */
  public long size() {
    return Shape.size(shape);
  }

  /**
   * The element type, NumPy's {@code x.dtype}.
   *
   * @return the dtype
   */
  public DType dtype() {
    return dtype;
  }

  /**
   * Bytes per element, NumPy's {@code x.itemsize}.
   *
   * @return the size of one element in bytes
   */
  public int itemsize() {
    return dtype.itemsize();
  }

  /**
   * Bytes the elements take, NumPy's {@code x.nbytes} (size times itemsize; a view counts its own
   * elements).
   *
   * @return the byte count
   */
  public long nbytes() {
    return size() * dtype.itemsize();
  }

  /**
   * Strides in bytes, as NumPy reports them.
   *
   * @return the stride of each axis in bytes (0 for a broadcast axis, negative for a reversed one)
   */
  public long[] strides() {
    long[] b = new long[strides.length];
    for (int i = 0; i < b.length; i++) {
      b[i] = strides[i] * dtype.itemsize();
    }
    return b;
  }

  /**
   * The backend that holds this array's memory and runs its operations.
   *
   * @return the backend
   */
  public Backend backend() {
    return storage.backend;
  }

  /**
   * NumPy's {@code x.flags}: C- and F-contiguity, whether the array owns its memory, whether it is
   * writeable.
   *
   * @return the flags
   */
  public Flags flags() {
    return new Flags(isCContiguous(), isFContiguous(), ownsData, writeable);
  }

  boolean isCContiguous() {
    return new View(null, dtype, shape, strides, offset).isContiguous();
  }

  private boolean isFContiguous() {
    long[] rs = new long[shape.length];
    long[] rt = new long[shape.length];
    for (int i = 0; i < shape.length; i++) {
      rs[i] = shape[shape.length - 1 - i];
      rt[i] = strides[shape.length - 1 - i];
    }
    return new View(null, dtype, rs, rt, offset).isContiguous();
  }

  boolean isWriteable() {
    return writeable;
  }

  /**
   * Whether {@link #close()} was called on this array (a view's own state; its buffer may live on).
   *
   * @return true once closed
   */
  public boolean isClosed() {
    return closed != 0;
  }

  /** Drops this array's reference to its buffer. Idempotent; views keep the buffer alive. */
  @Override
  public void close() {
    if (CLOSED.compareAndSet(this, 0, 1)) {
      storage.release();
    }
  }

  // ---- views ----

  /**
   * Gives a new shape to the same elements in C order; one dimension may be -1. A view when the
   * strides allow it (as NumPy), else a copy.
   *
   * @param newShape the new dimensions; one may be -1 (inferred)
   * @return a view or a copy of the new shape
   * @throws IllegalArgumentException "cannot reshape array of size 6 into shape (4,2)"
   */
  public NdArray reshape(long... newShape) {
    return Views.reshape(this, newShape);
  }

  /**
   * A 1-d view when possible, else a copy (NumPy's {@code ravel}).
   *
   * @return a 1-d array of the elements in C order
   */
  public NdArray ravel() {
    return reshape(-1);
  }

  /**
   * A 1-d copy, always.
   *
   * @return a new 1-d array
   */
  public NdArray flatten() {
    try (NdArray c = copy()) {
      return c.reshape(-1);
    }
  }

  /**
   * Permutes the axes; no argument reverses them. A view.
   *
   * @param axes a permutation of the axes, or none to reverse them
   * @return a view with the axes permuted
   */
  public NdArray transpose(int... axes) {
    return Views.transpose(this, axes);
  }

  /**
   * The transposed view ({@code x.T}).
   *
   * @return the transposed view
   */
  public NdArray T() {
    return transpose();
  }

  /**
   * Swaps two axes (NumPy's {@code swapaxes}); a view.
   *
   * @param axis1 the first axis; negative counts from the end
   * @param axis2 the second axis; negative counts from the end
   * @return a view with the two axes swapped
   */
  public NdArray swapaxes(int axis1, int axis2) {
    return Views.swapaxes(this, axis1, axis2);
  }

  /**
   * Moves an axis to a new position, the others keeping their order (NumPy's {@code moveaxis}); a
   * view.
   *
   * @param source the axis to move; negative counts from the end
   * @param destination its position in the result; negative counts from the end
   * @return a view with the axis moved
   */
  public NdArray moveaxis(int source, int destination) {
    return Views.moveaxis(this, source, destination);
  }

  /**
   * Inserts a length-1 axis at {@code axis} (may be negative, counted in the result's dims). A
   * view.
   *
   * @param axis the position of the new axis in the result
   * @return a view with one more axis
   */
  public NdArray expandDims(int axis) {
    return Views.expandDims(this, axis);
  }

  /**
   * Removes the given length-1 axes, or all of them when none are given. A view.
   *
   * @param axes the length-1 axes to remove, or none for all of them
   * @return a view without those axes
   */
  public NdArray squeeze(int... axes) {
    return Views.squeeze(this, axes);
  }

  /**
   * A read-only view broadcast to {@code newShape}.
   *
   * @param newShape the shape to broadcast to
   * @return a read-only view of that shape
   */
  public NdArray broadcastTo(long... newShape) {
    return Views.broadcastTo(this, newShape);
  }

  // ---- indexing ----

  /**
   * Basic indexing with NumPy's syntax: ints, slices {@code start:stop:step}, {@code None} (new
   * axis) and {@code ...}, separated by commas: {@code x.get("1:, ::-2, None, ...")}. The result is
   * a view (0-d for a full integer index).
   *
   * @param index the index in NumPy's syntax
   * @return a view of the selected elements
   * @throws IndexOutOfBoundsException "index 2 is out of bounds for axis 0 with size 2"
   * @throws IllegalArgumentException for a malformed index
   */
  public NdArray get(String index) {
    return Indexing.get(this, Index.parse(index));
  }

  /**
   * Basic indexing with typed items: {@code x.get(Index.at(1), Index.slice(null, null, -2),
   * Index.NEWAXIS)}.
   *
   * @param index the index items
   * @return a view of the selected elements
   */
  public NdArray get(Index... index) {
    return Indexing.get(this, index);
  }

  /**
   * Basic indexing with Java values mixed freely, as short as NumPy's {@code u[n // 2, :]} and
   * {@code u[:, j]}: {@code u.get(n / 2, ":")}, {@code u.get(":", j)}. Each item is an integer (an
   * index along the next axis), a String in NumPy's syntax ({@code ":"}, {@code "1::2"}, {@code
   * "..."}, {@code "None"}, or several of them separated by commas), an {@link Index}, an integer
   * or boolean {@link NdArray} (advanced indexing, a copy), a {@code long[]} or {@code int[]} of
   * integers (one per axis), or an object an {@link io.ndj.spi.IndexConverter} on the class path
   * knows (Kotlin's ranges with {@code ndj-kotlin}). Integers alone, one per axis, select an
   * element as a 0-d view ({@code x.get(1, 2)} is NumPy's {@code x[1, 2]}); fewer select a
   * sub-array. A view unless an array is among the items.
   *
   * @param index the index items
   * @return a view of the selected elements (a new array where an item is an index array)
   * @throws IndexOutOfBoundsException "index 5 is out of bounds for axis 0 with size 4"
   * @throws IllegalArgumentException for an item of another type or a malformed string
   */
  public NdArray get(Object... index) {
    return Indexing.get(this, Index.items(index));
  }

  /**
   * Assigns {@code value} (broadcast, cast to this dtype) to the elements {@code index} selects.
   * Modifies this array (and the views sharing its memory); {@code value} is not modified.
   *
   * @param index the index in NumPy's syntax
   * @param value the values to assign
   * @return this array
   * @throws IllegalArgumentException if value cannot broadcast to the selection, or this array is
   *     read-only
   */
  public NdArray set(String index, NdArray value) {
    return Indexing.set(this, Index.parse(index), value);
  }

  /**
   * Assigns a scalar to the selected elements. An integer out of range of an integer dtype is an
   * error.
   *
   * @param index the index in NumPy's syntax
   * @param value the value to assign
   * @return this array
   */
  public NdArray set(String index, Number value) {
    return Indexing.set(this, Index.parse(index), value);
  }

  /**
   * Assigns {@code value} (broadcast, cast to this dtype) to the elements the typed {@code index}
   * items select. Modifies this array.
   *
   * @param index the index items
   * @param value the values to assign
   * @return this array
   */
  public NdArray set(Index[] index, NdArray value) {
    return Indexing.set(this, index, value);
  }

  /**
   * Assigns a scalar to the elements the typed {@code index} items select. Modifies this array.
   *
   * @param index the index items
   * @param value the value to assign
   * @return this array
   */
  public NdArray set(Index[] index, Number value) {
    return Indexing.set(this, index, value);
  }

  /**
   * {@code x[i, j, ...] = value} with the items {@link #get(Object...)} takes. Modifies this array.
   *
   * @param index the index items
   * @param value the values to assign
   * @return this array
   */
  public NdArray set(Object[] index, NdArray value) {
    return Indexing.set(this, Index.items(index), value);
  }

  /**
   * {@code x[i, j, ...] = value} with a scalar and the items {@link #get(Object...)} takes.
   *
   * @param index the index items
   * @param value the value to assign
   * @return this array
   */
  public NdArray set(Object[] index, Number value) {
    return Indexing.set(this, Index.items(index), value);
  }

  // ---- conversion ----

  /**
   * The same memory read as {@code dtype} (NumPy's {@code x.view(dtype)}), no copy: writes through
   * either reach the other. A dtype of another itemsize rescales the last axis ({@code (2, 3)}
   * float32 viewed as int8 is {@code (2, 12)}), which must then be contiguous; elements are read in
   * the machine's byte order (little-endian, as NumPy's {@code '<'} types).
   *
   * @param dtype the dtype to read the memory as
   * @return a view of the same memory
   * @throws IllegalArgumentException in NumPy's words ("To change to a dtype of a different size,
   *     the last axis must be contiguous"), or when a stride or offset in bytes is not a multiple
   *     of the new itemsize (ndj keeps them in elements; NumPy allows it)
   */
  public NdArray view(DType dtype) {
    return Wrapping.view(this, dtype);
  }

  /**
   * A new array of {@code type} with this array's values (NumPy's {@code astype}, always a copy).
   *
   * @param type the dtype of the copy
   * @return a new array
   */
  public NdArray astype(DType type) {
    return compute(backend(), type, shape.clone(), out -> kernel().copy(out, this));
  }

  /**
   * A C-contiguous copy.
   *
   * @return a new array
   */
  public NdArray copy() {
    return astype(dtype);
  }

  /**
   * A copy on {@code target} (this array if already there, as a new reference: close both).
   *
   * @param target the backend of the copy
   * @return an array on {@code target}
   */
  public NdArray to(Backend target) {
    ensureOpen();
    if (target == backend()) {
      return view(shape, strides, offset, true);
    }
    return Transfer.to(this, target);
  }

  /**
   * This array's elements as host memory, without a copy, for native code and other libraries
   * ({@code ndj-arrow} hands it to Arrow): the segment from the first element to the last, when the
   * array is C-contiguous and its backend addresses host memory (cpu); empty otherwise (a GPU's
   * memory, a strided view). A heap segment for ndj's heap arrays ({@code isNative()} false), a
   * native one for off-heap and wrapped memory. Valid while the array or a view of it is open: keep
   * one open (a native segment of freed memory fails on access, as any closed segment does).
   *
   * @return the segment, or empty when the array's memory is not host memory or not contiguous
   */
  public java.util.Optional<java.lang.foreign.MemorySegment> hostMemory() {
    ensureOpen();
    java.lang.foreign.MemorySegment all = storage.backend.kernels().hostMemory(storage.buffer);
    if (all == null || !flags().cContiguous()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(all.asSlice(offset * itemsize(), nbytes()));
  }

  /**
   * Copies the values, in C order and this array's own dtype, into host memory the caller owns,
   * such as {@code MemorySegment.ofArray(float[])} or a segment from an {@link
   * java.lang.foreign.Arena} (CuPy's {@code get(out=...)}): a repeated device-to-host read then
   * allocates and zeroes nothing. Any layout is read; {@code dst} is modified, this array is not.
   *
   * @param dst the host memory written, exactly {@code nbytes()} long
   * @throws IllegalArgumentException if {@code dst} is read-only or its size is not {@link
   *     #nbytes()}
   */
  public void copyTo(java.lang.foreign.MemorySegment dst) {
    ensureOpen();
    if (dst.isReadOnly() || dst.byteSize() != nbytes()) {
      throw new IllegalArgumentException(
          "cannot copy an array of shape "
              + Shape.format(shape, ",")
              + " and dtype "
              + dtype
              + " ("
              + nbytes()
              + " bytes) into a "
              + (dst.isReadOnly() ? "read-only " : "")
              + "segment of "
              + dst.byteSize()
              + " bytes");
    }
    Transfer.readBytes(this, dst);
  }

  /**
   * The elements in C order as a new {@code double[]}, cast from this dtype as {@code
   * astype(float64)} casts.
   *
   * @return the values
   */
  public double[] toDoubleArray() {
    return Transfer.toDoubleArray(this);
  }

  /**
   * The elements in C order as a new {@code float[]}, cast as {@code astype(float32)} casts.
   *
   * @return the values
   */
  public float[] toFloatArray() {
    return Transfer.toFloatArray(this);
  }

  /**
   * The elements in C order as a new {@code long[]}, cast as {@code astype(int64)} casts.
   *
   * @return the values
   */
  public long[] toLongArray() {
    return Transfer.toLongArray(this);
  }

  /**
   * The elements in C order as a new {@code int[]}, cast as {@code astype(int32)} casts.
   *
   * @return the values
   */
  public int[] toIntArray() {
    return Transfer.toIntArray(this);
  }

  /**
   * The elements in C order as a new {@code short[]}, cast as {@code astype(int16)} casts.
   *
   * @return the values
   */
  public short[] toShortArray() {
    return Transfer.toShortArray(this);
  }

  /**
   * Values as bytes (int8 or uint8 arrays keep their bits; others are cast to int8).
   *
   * @return the values in C order
   */
  public byte[] toByteArray() {
    return Transfer.toByteArray(this);
  }

  /**
   * The elements in C order as a new {@code boolean[]} (true where non-zero).
   *
   * @return the values
   */
  public boolean[] toBooleanArray() {
    return Transfer.toBooleanArray(this);
  }

  /**
   * The single element of a size-1 array as a Java object: Boolean for bool, Long for integers (a
   * uint64 value past {@link Long#MAX_VALUE} as a {@link java.math.BigInteger}, as Python holds it
   * in an int), Double for floats.
   *
   * @return the element
   * @throws IllegalArgumentException "can only convert an array of size 1 to a Java scalar"
   */
  public Object item() {
    if (size() != 1) {
      throw new IllegalArgumentException("can only convert an array of size 1 to a Java scalar");
    }
    if (dtype.isComplex()) {
      return complexValue();
    }
    if (dtype.isBool()) {
      return toBooleanArray()[0];
    }
    if (dtype.isFloat()) {
      return toDoubleArray()[0];
    }
    long v = toLongArray()[0];
    return dtype.isUnsigned64() && v < 0 ? io.ndj.spi.UInt64.toBigInteger(v) : v;
  }

  /**
   * The single element as a {@link Complex} (a real element with imaginary part 0).
   *
   * @return the element
   * @throws IllegalArgumentException "can only convert an array of size 1 to a Java scalar"
   */
  public Complex complexValue() {
    if (size() != 1) {
      throw new IllegalArgumentException("can only convert an array of size 1 to a Java scalar");
    }
    if (!dtype.isComplex()) {
      return Complex.of(doubleValue(), 0);
    }
    double[] d = toDoubleArray();
    return Complex.of(d[0], d[1]);
  }

  /**
   * NumPy's {@code x.real}: for a complex array a view of its real parts (writes reach this array),
   * in float32 for complex64 and float64 for complex128; for a real array a view of itself.
   *
   * @return the real parts, or this array's values
   */
  public NdArray real() {
    ensureOpen();
    return dtype.isComplex() ? ComplexMath.re(this) : view(shape, strides, offset, true);
  }

  /**
   * NumPy's {@code x.imag}: for a complex array a view of its imaginary parts (writes reach this
   * array); for a real array a read-only array of zeros of its dtype, as NumPy gives.
   *
   * @return the imaginary parts, or zeros
   */
  public NdArray imag() {
    ensureOpen();
    if (dtype.isComplex()) {
      return ComplexMath.im(this);
    }
    try (NdArray zero = backend().zeros(dtype)) {
      return zero.broadcastTo(shape);
    }
  }

  /**
   * NumPy's {@code conj(x)}: the complex conjugate (a copy of a real array).
   *
   * @return a new array
   */
  public NdArray conj() {
    ensureOpen();
    if (!dtype.isComplex()) {
      return copy();
    }
    try (NdArray re = real();
        NdArray im = imag();
        NdArray neg = im.negative()) {
      return ComplexMath.assemble(re, neg, dtype);
    }
  }

  /**
   * NumPy's {@code angle(x)}: the argument in radians, arctan2(imag, real), as a float array.
   *
   * @return a new float array of the same shape
   */
  public NdArray angle() {
    ensureOpen();
    try (NdArray re = real();
        NdArray im = imag()) {
      return im.arctan2(re);
    }
  }

  /**
   * The single element as a double.
   *
   * @return the element
   */
  public double doubleValue() {
    return ((Number) (dtype.isBool() ? ((Boolean) item() ? 1L : 0L) : item())).doubleValue();
  }

  /**
   * The single element as a long (floats truncate toward zero).
   *
   * @return the element
   */
  public long longValue() {
    Object v = item();
    if (v instanceof Boolean b) {
      return b ? 1 : 0;
    }
    return ((Number) v).longValue();
  }

  /**
   * The single element's truth value (non-zero).
   *
   * @return the element's truth
   */
  public boolean booleanValue() {
    if (dtype.isComplex()) {
      Complex z = complexValue();
      return z.re() != 0 || z.im() != 0 || Double.isNaN(z.re()) || Double.isNaN(z.im());
    }
    return doubleValue() != 0 || (dtype.isFloat() && Double.isNaN(doubleValue()));
  }

  /** Exactly what NumPy's {@code print(x)} shows. */
  @Override
  public String toString() {
    return ArrayPrinter.print(this);
  }

  /**
   * The printed values, then shape, dtype and backend.
   *
   * @return the description
   */
  public String describe() {
    return toString() + "\nshape=" + shape() + " dtype=" + dtype + " backend=" + backend().name();
  }

  // ---- elementwise, two operands ----

  /**
   * The sum x + other, elementwise and broadcast, for x this array: NumPy's {@code np.add(x,
   * other)}.
   *
   * @param other the second operand, broadcast against this array
   * @return a new array of the broadcast shape
   */
  public NdArray add(NdArray other) {
    return Ufunc.binary(BinaryOp.ADD, this, other);
  }

  /**
   * The sum x + other, elementwise and broadcast, for x this array: NumPy's {@code np.add(x,
   * other)}; the Java number is a weak scalar (it does not widen the result's dtype).
   *
   * @param other the second operand, broadcast against this array
   * @return a new array of the broadcast shape
   */
  public NdArray add(Number other) {
    return Ufunc.binary(BinaryOp.ADD, this, other, false);
  }

  /**
   * The difference x - other, elementwise and broadcast, for x this array: NumPy's {@code
   * np.subtract(x, other)}.
   *
   * @param other the second operand, broadcast against this array
   * @return a new array of the broadcast shape
   */
  public NdArray subtract(NdArray other) {
    return Ufunc.binary(BinaryOp.SUBTRACT, this, other);
  }

  /**
   * The difference x - other, elementwise and broadcast, for x this array: NumPy's {@code
   * np.subtract(x, other)}; the Java number is a weak scalar (it does not widen the result's
   * dtype).
   *
   * @param other the second operand, broadcast against this array
   * @return a new array of the broadcast shape
   */
  public NdArray subtract(Number other) {
    return Ufunc.binary(BinaryOp.SUBTRACT, this, other, false);
  }

  /**
   * The product x * other, elementwise and broadcast, for x this array: NumPy's {@code
   * np.multiply(x, other)}.
   *
   * @param other the second operand, broadcast against this array
   * @return a new array of the broadcast shape
   */
  public NdArray multiply(NdArray other) {
    return Ufunc.binary(BinaryOp.MULTIPLY, this, other);
  }

  /**
   * The product x * other, elementwise and broadcast, for x this array: NumPy's {@code
   * np.multiply(x, other)}; the Java number is a weak scalar (it does not widen the result's
   * dtype).
   *
   * @param other the second operand, broadcast against this array
   * @return a new array of the broadcast shape
   */
  public NdArray multiply(Number other) {
    return Ufunc.binary(BinaryOp.MULTIPLY, this, other, false);
  }

  /**
   * Short for {@link #multiply(NdArray)}.
   *
   * @param other the second operand, broadcast against this array
   * @return a new array of the broadcast shape
   */
  public NdArray mul(NdArray other) {
    return multiply(other);
  }

  /**
   * Short for {@link #multiply(Number)}.
   *
   * @param other the second operand, broadcast against this array
   * @return a new array of the broadcast shape
   */
  public NdArray mul(Number other) {
    return multiply(other);
  }

  /**
   * True division: integers give float64.
   *
   * @param other the second operand, broadcast against this array
   * @return a new array of the broadcast shape
   */
  public NdArray divide(NdArray other) {
    return Ufunc.binary(BinaryOp.DIVIDE, this, other);
  }

  /**
   * The true quotient x / other (integers give float64), elementwise and broadcast, for x this
   * array: NumPy's {@code np.divide(x, other)}; the Java number is a weak scalar (it does not widen
   * the result's dtype).
   *
   * @param other the second operand, broadcast against this array
   * @return a new array of the broadcast shape
   */
  public NdArray divide(Number other) {
    return Ufunc.binary(BinaryOp.DIVIDE, this, other, false);
  }

  /**
   * The floor of x / other (Python's {@code //}), elementwise and broadcast, for x this array:
   * NumPy's {@code np.floor_divide(x, other)}.
   *
   * @param other the second operand, broadcast against this array
   * @return a new array of the broadcast shape
   */
  public NdArray floorDivide(NdArray other) {
    return Ufunc.binary(BinaryOp.FLOOR_DIVIDE, this, other);
  }

  /**
   * The floor of x / other (Python's {@code //}), elementwise and broadcast, for x this array:
   * NumPy's {@code np.floor_divide(x, other)}; the Java number is a weak scalar (it does not widen
   * the result's dtype).
   *
   * @param other the second operand, broadcast against this array
   * @return a new array of the broadcast shape
   */
  public NdArray floorDivide(Number other) {
    return Ufunc.binary(BinaryOp.FLOOR_DIVIDE, this, other, false);
  }

  /**
   * Remainder with the sign of the divisor (Python's {@code %}).
   *
   * @param other the second operand, broadcast against this array
   * @return a new array of the broadcast shape
   */
  public NdArray mod(NdArray other) {
    return Ufunc.binary(BinaryOp.MOD, this, other);
  }

  /**
   * The remainder of x / other with the sign of the divisor (Python's {@code %}), elementwise and
   * broadcast, for x this array: NumPy's {@code np.remainder(x, other)}; the Java number is a weak
   * scalar (it does not widen the result's dtype).
   *
   * @param other the second operand, broadcast against this array
   * @return a new array of the broadcast shape
   */
  public NdArray mod(Number other) {
    return Ufunc.binary(BinaryOp.MOD, this, other, false);
  }

  /**
   * {@code x ** other}, NumPy's {@code np.power}, broadcast.
   *
   * @param other the second operand, broadcast against this array
   * @return a new array of the broadcast shape
   * @throws IllegalArgumentException "Integers to negative integer powers are not allowed."
   */
  public NdArray power(NdArray other) {
    return Ufunc.binary(BinaryOp.POWER, this, other);
  }

  /**
   * x to the power other, elementwise and broadcast, for x this array: NumPy's {@code np.power(x,
   * other)}; the Java number is a weak scalar (it does not widen the result's dtype).
   *
   * @param other the second operand, broadcast against this array
   * @return a new array of the broadcast shape
   */
  public NdArray power(Number other) {
    return Ufunc.binary(BinaryOp.POWER, this, other, false);
  }

  /**
   * The angle in radians, in [-pi, pi], of the point (other, x), elementwise and broadcast, for x
   * this array: NumPy's {@code np.arctan2(x, other)}.
   *
   * @param other the second operand, broadcast against this array
   * @return a new array of the broadcast shape
   */
  public NdArray arctan2(NdArray other) {
    return Ufunc.binary(BinaryOp.ARCTAN2, this, other);
  }

  /**
   * sqrt(x**2 + other**2), without overflow, elementwise and broadcast, for x this array: NumPy's
   * {@code np.hypot(x, other)}.
   *
   * @param other the second operand, broadcast against this array
   * @return a new array of the broadcast shape
   */
  public NdArray hypot(NdArray other) {
    return Ufunc.binary(BinaryOp.HYPOT, this, other);
  }

  /**
   * Elementwise maximum; NaN propagates.
   *
   * @param other the second operand, broadcast against this array
   * @return a new array of the broadcast shape
   */
  public NdArray maximum(NdArray other) {
    return Ufunc.binary(BinaryOp.MAXIMUM, this, other);
  }

  /**
   * The larger of x and other (NaN propagates), elementwise and broadcast, for x this array:
   * NumPy's {@code np.maximum(x, other)}; the Java number is a weak scalar (it does not widen the
   * result's dtype).
   *
   * @param other the second operand, broadcast against this array
   * @return a new array of the broadcast shape
   */
  public NdArray maximum(Number other) {
    return Ufunc.binary(BinaryOp.MAXIMUM, this, other, false);
  }

  /**
   * Elementwise minimum; NaN propagates.
   *
   * @param other the second operand, broadcast against this array
   * @return a new array of the broadcast shape
   */
  public NdArray minimum(NdArray other) {
    return Ufunc.binary(BinaryOp.MINIMUM, this, other);
  }

  /**
   * The smaller of x and other (NaN propagates), elementwise and broadcast, for x this array:
   * NumPy's {@code np.minimum(x, other)}; the Java number is a weak scalar (it does not widen the
   * result's dtype).
   *
   * @param other the second operand, broadcast against this array
   * @return a new array of the broadcast shape
   */
  public NdArray minimum(Number other) {
    return Ufunc.binary(BinaryOp.MINIMUM, this, other, false);
  }

  /**
   * Elementwise maximum ignoring NaN.
   *
   * @param other the second operand, broadcast against this array
   * @return a new array of the broadcast shape
   */
  public NdArray fmax(NdArray other) {
    return Ufunc.binary(BinaryOp.FMAX, this, other);
  }

  /**
   * Elementwise minimum ignoring NaN.
   *
   * @param other the second operand, broadcast against this array
   * @return a new array of the broadcast shape
   */
  public NdArray fmin(NdArray other) {
    return Ufunc.binary(BinaryOp.FMIN, this, other);
  }

  /**
   * {@code minimum(maximum(x, min), max)}, as NumPy's clip.
   *
   * @param min the lower bound (a Python int beyond an integer dtype's range is allowed, as NumPy
   *     2)
   * @param max the upper bound
   * @return a new array of the same shape
   */
  public NdArray clip(Number min, Number max) {
    // NumPy 2 takes a Python int beyond an integer dtype where it changes nothing: a lower bound
    // below the dtype's least value, an upper bound above its greatest (others raise as before)
    Number lo = min;
    Number hi = max;
    if (dtype.isInteger()) {
      if (isInt(lo) && !Scalars.fits(lo, dtype) && lo.doubleValue() < 0) {
        lo = dtype.minValue();
      }
      if (isInt(hi) && !Scalars.fits(hi, dtype) && hi.doubleValue() > 0) {
        hi = Scalars.greatest(dtype);
      }
    }
    try (NdArray low = maximum(lo)) {
      return low.minimum(hi);
    }
  }

  private static boolean isInt(Number n) {
    return Scalars.isIntegral(n);
  }

  /**
   * Each element limited to [min, max], the bounds broadcast: NumPy's {@code np.clip(x, min, max)}.
   *
   * @param min the lower bounds
   * @param max the upper bounds
   * @return a new array of the broadcast shape
   */
  public NdArray clip(NdArray min, NdArray max) {
    try (NdArray lo = maximum(min)) {
      return lo.minimum(max);
    }
  }

  /**
   * Whether {@code x == other}, elementwise and broadcast, for x this array: NumPy's {@code
   * np.equal(x, other)}.
   *
   * @param other the second operand, broadcast against this array
   * @return a new bool array of the broadcast shape
   */
  public NdArray eq(NdArray other) {
    return Ufunc.binary(BinaryOp.EQUAL, this, other);
  }

  /**
   * Whether {@code x == other}, elementwise and broadcast, for x this array: NumPy's {@code
   * np.equal(x, other)}; the Java number is a weak scalar (it does not widen the result's dtype).
   *
   * @param other the second operand, broadcast against this array
   * @return a new bool array of the broadcast shape
   */
  public NdArray eq(Number other) {
    return Ufunc.binary(BinaryOp.EQUAL, this, other, false);
  }

  /**
   * Whether {@code x != other}, elementwise and broadcast, for x this array: NumPy's {@code
   * np.not_equal(x, other)}.
   *
   * @param other the second operand, broadcast against this array
   * @return a new bool array of the broadcast shape
   */
  public NdArray ne(NdArray other) {
    return Ufunc.binary(BinaryOp.NOT_EQUAL, this, other);
  }

  /**
   * Whether {@code x != other}, elementwise and broadcast, for x this array: NumPy's {@code
   * np.not_equal(x, other)}; the Java number is a weak scalar (it does not widen the result's
   * dtype).
   *
   * @param other the second operand, broadcast against this array
   * @return a new bool array of the broadcast shape
   */
  public NdArray ne(Number other) {
    return Ufunc.binary(BinaryOp.NOT_EQUAL, this, other, false);
  }

  /**
   * Whether {@code x < other}, elementwise and broadcast, for x this array: NumPy's {@code
   * np.less(x, other)}.
   *
   * @param other the second operand, broadcast against this array
   * @return a new bool array of the broadcast shape
   */
  public NdArray lt(NdArray other) {
    return Ufunc.binary(BinaryOp.LESS, this, other);
  }

  /**
   * Whether {@code x < other}, elementwise and broadcast, for x this array: NumPy's {@code
   * np.less(x, other)}; the Java number is a weak scalar (it does not widen the result's dtype).
   *
   * @param other the second operand, broadcast against this array
   * @return a new bool array of the broadcast shape
   */
  public NdArray lt(Number other) {
    return Ufunc.binary(BinaryOp.LESS, this, other, false);
  }

  /**
   * Whether {@code x <= other}, elementwise and broadcast, for x this array: NumPy's {@code
   * np.less_equal(x, other)}.
   *
   * @param other the second operand, broadcast against this array
   * @return a new bool array of the broadcast shape
   */
  public NdArray le(NdArray other) {
    return Ufunc.binary(BinaryOp.LESS_EQUAL, this, other);
  }

  /**
   * Whether {@code x <= other}, elementwise and broadcast, for x this array: NumPy's {@code
   * np.less_equal(x, other)}; the Java number is a weak scalar (it does not widen the result's
   * dtype).
   *
   * @param other the second operand, broadcast against this array
   * @return a new bool array of the broadcast shape
   */
  public NdArray le(Number other) {
    return Ufunc.binary(BinaryOp.LESS_EQUAL, this, other, false);
  }

  /**
   * Whether {@code x > other}, elementwise and broadcast, for x this array: NumPy's {@code
   * np.greater(x, other)}.
   *
   * @param other the second operand, broadcast against this array
   * @return a new bool array of the broadcast shape
   */
  public NdArray gt(NdArray other) {
    return Ufunc.binary(BinaryOp.GREATER, this, other);
  }

  /**
   * Whether {@code x > other}, elementwise and broadcast, for x this array: NumPy's {@code
   * np.greater(x, other)}; the Java number is a weak scalar (it does not widen the result's dtype).
   *
   * @param other the second operand, broadcast against this array
   * @return a new bool array of the broadcast shape
   */
  public NdArray gt(Number other) {
    return Ufunc.binary(BinaryOp.GREATER, this, other, false);
  }

  /**
   * Whether {@code x >= other}, elementwise and broadcast, for x this array: NumPy's {@code
   * np.greater_equal(x, other)}.
   *
   * @param other the second operand, broadcast against this array
   * @return a new bool array of the broadcast shape
   */
  public NdArray ge(NdArray other) {
    return Ufunc.binary(BinaryOp.GREATER_EQUAL, this, other);
  }

  /**
   * Whether {@code x >= other}, elementwise and broadcast, for x this array: NumPy's {@code
   * np.greater_equal(x, other)}; the Java number is a weak scalar (it does not widen the result's
   * dtype).
   *
   * @param other the second operand, broadcast against this array
   * @return a new bool array of the broadcast shape
   */
  public NdArray ge(Number other) {
    return Ufunc.binary(BinaryOp.GREATER_EQUAL, this, other, false);
  }

  /**
   * Whether x and other are both true (non-zero), elementwise and broadcast, for x this array:
   * NumPy's {@code np.logical_and(x, other)}.
   *
   * @param other the second operand, broadcast against this array
   * @return a new bool array of the broadcast shape
   */
  public NdArray logicalAnd(NdArray other) {
    return Ufunc.logical(BinaryOp.BITWISE_AND, this, other);
  }

  /**
   * Whether x or other is true (non-zero), elementwise and broadcast, for x this array: NumPy's
   * {@code np.logical_or(x, other)}.
   *
   * @param other the second operand, broadcast against this array
   * @return a new bool array of the broadcast shape
   */
  public NdArray logicalOr(NdArray other) {
    return Ufunc.logical(BinaryOp.BITWISE_OR, this, other);
  }

  /**
   * Whether exactly one of x and other is true (non-zero), elementwise and broadcast, for x this
   * array: NumPy's {@code np.logical_xor(x, other)}.
   *
   * @param other the second operand, broadcast against this array
   * @return a new bool array of the broadcast shape
   */
  public NdArray logicalXor(NdArray other) {
    return Ufunc.logical(BinaryOp.BITWISE_XOR, this, other);
  }

  /**
   * The bitwise AND of integers, logical AND of bools, {@code x & other}, elementwise and
   * broadcast, for x this array: NumPy's {@code np.bitwise_and(x, other)}.
   *
   * @param other the second operand, broadcast against this array
   * @return a new array of the broadcast shape
   */
  public NdArray bitwiseAnd(NdArray other) {
    return Ufunc.binary(BinaryOp.BITWISE_AND, this, other);
  }

  /**
   * The bitwise AND of integers, logical AND of bools, {@code x & other}, elementwise and
   * broadcast, for x this array: NumPy's {@code np.bitwise_and(x, other)}; the Java number is a
   * weak scalar (it does not widen the result's dtype).
   *
   * @param other the second operand, broadcast against this array
   * @return a new array of the broadcast shape
   */
  public NdArray bitwiseAnd(Number other) {
    return Ufunc.binary(BinaryOp.BITWISE_AND, this, other, false);
  }

  /**
   * The bitwise OR of integers, logical OR of bools, {@code x | other}, elementwise and broadcast,
   * for x this array: NumPy's {@code np.bitwise_or(x, other)}.
   *
   * @param other the second operand, broadcast against this array
   * @return a new array of the broadcast shape
   */
  public NdArray bitwiseOr(NdArray other) {
    return Ufunc.binary(BinaryOp.BITWISE_OR, this, other);
  }

  /**
   * The bitwise OR of integers, logical OR of bools, {@code x | other}, elementwise and broadcast,
   * for x this array: NumPy's {@code np.bitwise_or(x, other)}; the Java number is a weak scalar (it
   * does not widen the result's dtype).
   *
   * @param other the second operand, broadcast against this array
   * @return a new array of the broadcast shape
   */
  public NdArray bitwiseOr(Number other) {
    return Ufunc.binary(BinaryOp.BITWISE_OR, this, other, false);
  }

  /**
   * The bitwise XOR of integers, logical XOR of bools, {@code x ^ other}, elementwise and
   * broadcast, for x this array: NumPy's {@code np.bitwise_xor(x, other)}.
   *
   * @param other the second operand, broadcast against this array
   * @return a new array of the broadcast shape
   */
  public NdArray bitwiseXor(NdArray other) {
    return Ufunc.binary(BinaryOp.BITWISE_XOR, this, other);
  }

  /**
   * The bitwise XOR of integers, logical XOR of bools, {@code x ^ other}, elementwise and
   * broadcast, for x this array: NumPy's {@code np.bitwise_xor(x, other)}; the Java number is a
   * weak scalar (it does not widen the result's dtype).
   *
   * @param other the second operand, broadcast against this array
   * @return a new array of the broadcast shape
   */
  public NdArray bitwiseXor(Number other) {
    return Ufunc.binary(BinaryOp.BITWISE_XOR, this, other, false);
  }

  /**
   * The bits of x shifted left by other, elementwise and broadcast, for x this array: NumPy's
   * {@code np.left_shift(x, other)}.
   *
   * @param other the second operand, broadcast against this array
   * @return a new array of the broadcast shape
   */
  public NdArray leftShift(NdArray other) {
    return Ufunc.binary(BinaryOp.LEFT_SHIFT, this, other);
  }

  /**
   * The bits of x shifted left by other, elementwise and broadcast, for x this array: NumPy's
   * {@code np.left_shift(x, other)}; the Java number is a weak scalar (it does not widen the
   * result's dtype).
   *
   * @param other the second operand, broadcast against this array
   * @return a new array of the broadcast shape
   */
  public NdArray leftShift(Number other) {
    return Ufunc.binary(BinaryOp.LEFT_SHIFT, this, other, false);
  }

  /**
   * The bits of x shifted right by other, arithmetically for signed integers, elementwise and
   * broadcast, for x this array: NumPy's {@code np.right_shift(x, other)}.
   *
   * @param other the second operand, broadcast against this array
   * @return a new array of the broadcast shape
   */
  public NdArray rightShift(NdArray other) {
    return Ufunc.binary(BinaryOp.RIGHT_SHIFT, this, other);
  }

  /**
   * The bits of x shifted right by other, arithmetically for signed integers, elementwise and
   * broadcast, for x this array: NumPy's {@code np.right_shift(x, other)}; the Java number is a
   * weak scalar (it does not widen the result's dtype).
   *
   * @param other the second operand, broadcast against this array
   * @return a new array of the broadcast shape
   */
  public NdArray rightShift(Number other) {
    return Ufunc.binary(BinaryOp.RIGHT_SHIFT, this, other, false);
  }

  // ---- in place: Python's augmented assignments (operator.iadd, ...) ----
  //
  // Each computes in the dtype NumPy's ufunc would (this array's and the operand's, promoted; a
  // Java number is a weak scalar), then writes into this array under NumPy's 'same_kind' casting
  // rule: x += 1.5 on an int64 array is an error, x += y on a float32 array with a float64
  // operand rounds to float32. The operand broadcasts to this array's shape, never the other way.
  // An operand that overlaps this array (a view of it) is read before anything is written, as in
  // NumPy: a[1:] += a[:-1] adds the old values.

  /**
   * {@code x += other}, NumPy's {@code np.add(x, other, out=x)}: modifies this array and returns
   * it.
   *
   * @param other the right operand, broadcast to this array's shape
   * @return this array
   * @throws IllegalArgumentException "Cannot cast ufunc 'add' output from dtype(...) to dtype(...)
   *     with casting rule 'same_kind'", "non-broadcastable output operand with shape ... doesn't
   *     match the broadcast shape ...", "output array is read-only"
   */
  public NdArray iadd(NdArray other) {
    return Ufunc.binary(BinaryOp.ADD, this, other, this);
  }

  /**
   * {@code x += scalar}; the Java number is a weak scalar, as in {@link #iadd(NdArray)}.
   *
   * @param other the right operand, broadcast to this array's shape
   * @return this array
   */
  public NdArray iadd(Number other) {
    return Ufunc.binary(BinaryOp.ADD, this, other, false, this);
  }

  /**
   * {@code x -= other}, NumPy's {@code np.subtract(x, other, out=x)}: modifies this array and
   * returns it.
   *
   * @param other the right operand, broadcast to this array's shape
   * @return this array
   * @throws IllegalArgumentException "Cannot cast ufunc 'subtract' output from dtype(...) to
   *     dtype(...) with casting rule 'same_kind'", "non-broadcastable output operand with shape ...
   *     doesn't match the broadcast shape ...", "output array is read-only"
   */
  public NdArray isub(NdArray other) {
    return Ufunc.binary(BinaryOp.SUBTRACT, this, other, this);
  }

  /**
   * {@code x -= scalar}; the Java number is a weak scalar, as in {@link #isub(NdArray)}.
   *
   * @param other the right operand, broadcast to this array's shape
   * @return this array
   */
  public NdArray isub(Number other) {
    return Ufunc.binary(BinaryOp.SUBTRACT, this, other, false, this);
  }

  /**
   * {@code x *= other}, NumPy's {@code np.multiply(x, other, out=x)}: modifies this array and
   * returns it.
   *
   * @param other the right operand, broadcast to this array's shape
   * @return this array
   * @throws IllegalArgumentException "Cannot cast ufunc 'multiply' output from dtype(...) to
   *     dtype(...) with casting rule 'same_kind'", "non-broadcastable output operand with shape ...
   *     doesn't match the broadcast shape ...", "output array is read-only"
   */
  public NdArray imul(NdArray other) {
    return Ufunc.binary(BinaryOp.MULTIPLY, this, other, this);
  }

  /**
   * {@code x *= scalar}; the Java number is a weak scalar, as in {@link #imul(NdArray)}.
   *
   * @param other the right operand, broadcast to this array's shape
   * @return this array
   */
  public NdArray imul(Number other) {
    return Ufunc.binary(BinaryOp.MULTIPLY, this, other, false, this);
  }

  /**
   * {@code x /= other}, NumPy's {@code np.divide(x, other, out=x)}: modifies this array and returns
   * it.
   *
   * @param other the right operand, broadcast to this array's shape
   * @return this array
   * @throws IllegalArgumentException "Cannot cast ufunc 'divide' output from dtype(...) to
   *     dtype(...) with casting rule 'same_kind'", "non-broadcastable output operand with shape ...
   *     doesn't match the broadcast shape ...", "output array is read-only"
   */
  public NdArray itruediv(NdArray other) {
    return Ufunc.binary(BinaryOp.DIVIDE, this, other, this);
  }

  /**
   * {@code x /= scalar}; the Java number is a weak scalar, as in {@link #itruediv(NdArray)}.
   *
   * @param other the right operand, broadcast to this array's shape
   * @return this array
   */
  public NdArray itruediv(Number other) {
    return Ufunc.binary(BinaryOp.DIVIDE, this, other, false, this);
  }

  /**
   * {@code x //= other}, NumPy's {@code np.floor_divide(x, other, out=x)}: modifies this array and
   * returns it.
   *
   * @param other the right operand, broadcast to this array's shape
   * @return this array
   * @throws IllegalArgumentException "Cannot cast ufunc 'floor_divide' output from dtype(...) to
   *     dtype(...) with casting rule 'same_kind'", "non-broadcastable output operand with shape ...
   *     doesn't match the broadcast shape ...", "output array is read-only"
   */
  public NdArray ifloordiv(NdArray other) {
    return Ufunc.binary(BinaryOp.FLOOR_DIVIDE, this, other, this);
  }

  /**
   * {@code x //= scalar}; the Java number is a weak scalar, as in {@link #ifloordiv(NdArray)}.
   *
   * @param other the right operand, broadcast to this array's shape
   * @return this array
   */
  public NdArray ifloordiv(Number other) {
    return Ufunc.binary(BinaryOp.FLOOR_DIVIDE, this, other, false, this);
  }

  /**
   * {@code x %= other}, NumPy's {@code np.remainder(x, other, out=x)}: modifies this array and
   * returns it.
   *
   * @param other the right operand, broadcast to this array's shape
   * @return this array
   * @throws IllegalArgumentException "Cannot cast ufunc 'remainder' output from dtype(...) to
   *     dtype(...) with casting rule 'same_kind'", "non-broadcastable output operand with shape ...
   *     doesn't match the broadcast shape ...", "output array is read-only"
   */
  public NdArray imod(NdArray other) {
    return Ufunc.binary(BinaryOp.MOD, this, other, this);
  }

  /**
   * {@code x %= scalar}; the Java number is a weak scalar, as in {@link #imod(NdArray)}.
   *
   * @param other the right operand, broadcast to this array's shape
   * @return this array
   */
  public NdArray imod(Number other) {
    return Ufunc.binary(BinaryOp.MOD, this, other, false, this);
  }

  /**
   * {@code x **= other}, NumPy's {@code np.power(x, other, out=x)}: modifies this array and returns
   * it.
   *
   * @param other the right operand, broadcast to this array's shape
   * @return this array
   * @throws IllegalArgumentException "Cannot cast ufunc 'power' output from dtype(...) to
   *     dtype(...) with casting rule 'same_kind'", "non-broadcastable output operand with shape ...
   *     doesn't match the broadcast shape ...", "output array is read-only"
   */
  public NdArray ipow(NdArray other) {
    return Ufunc.binary(BinaryOp.POWER, this, other, this);
  }

  /**
   * {@code x **= scalar}; the Java number is a weak scalar, as in {@link #ipow(NdArray)}.
   *
   * @param other the right operand, broadcast to this array's shape
   * @return this array
   */
  public NdArray ipow(Number other) {
    return Ufunc.binary(BinaryOp.POWER, this, other, false, this);
  }

  /**
   * {@code x &= other}, NumPy's {@code np.bitwise_and(x, other, out=x)}: modifies this array and
   * returns it.
   *
   * @param other the right operand, broadcast to this array's shape
   * @return this array
   * @throws IllegalArgumentException "Cannot cast ufunc 'bitwise_and' output from dtype(...) to
   *     dtype(...) with casting rule 'same_kind'", "non-broadcastable output operand with shape ...
   *     doesn't match the broadcast shape ...", "output array is read-only"
   */
  public NdArray iand(NdArray other) {
    return Ufunc.binary(BinaryOp.BITWISE_AND, this, other, this);
  }

  /**
   * {@code x &= scalar}; the Java number is a weak scalar, as in {@link #iand(NdArray)}.
   *
   * @param other the right operand, broadcast to this array's shape
   * @return this array
   */
  public NdArray iand(Number other) {
    return Ufunc.binary(BinaryOp.BITWISE_AND, this, other, false, this);
  }

  /**
   * {@code x |= other}, NumPy's {@code np.bitwise_or(x, other, out=x)}: modifies this array and
   * returns it.
   *
   * @param other the right operand, broadcast to this array's shape
   * @return this array
   * @throws IllegalArgumentException "Cannot cast ufunc 'bitwise_or' output from dtype(...) to
   *     dtype(...) with casting rule 'same_kind'", "non-broadcastable output operand with shape ...
   *     doesn't match the broadcast shape ...", "output array is read-only"
   */
  public NdArray ior(NdArray other) {
    return Ufunc.binary(BinaryOp.BITWISE_OR, this, other, this);
  }

  /**
   * {@code x |= scalar}; the Java number is a weak scalar, as in {@link #ior(NdArray)}.
   *
   * @param other the right operand, broadcast to this array's shape
   * @return this array
   */
  public NdArray ior(Number other) {
    return Ufunc.binary(BinaryOp.BITWISE_OR, this, other, false, this);
  }

  /**
   * {@code x ^= other}, NumPy's {@code np.bitwise_xor(x, other, out=x)}: modifies this array and
   * returns it.
   *
   * @param other the right operand, broadcast to this array's shape
   * @return this array
   * @throws IllegalArgumentException "Cannot cast ufunc 'bitwise_xor' output from dtype(...) to
   *     dtype(...) with casting rule 'same_kind'", "non-broadcastable output operand with shape ...
   *     doesn't match the broadcast shape ...", "output array is read-only"
   */
  public NdArray ixor(NdArray other) {
    return Ufunc.binary(BinaryOp.BITWISE_XOR, this, other, this);
  }

  /**
   * {@code x ^= scalar}; the Java number is a weak scalar, as in {@link #ixor(NdArray)}.
   *
   * @param other the right operand, broadcast to this array's shape
   * @return this array
   */
  public NdArray ixor(Number other) {
    return Ufunc.binary(BinaryOp.BITWISE_XOR, this, other, false, this);
  }

  /**
   * {@code x <<= other}, NumPy's {@code np.left_shift(x, other, out=x)}: modifies this array and
   * returns it.
   *
   * @param other the right operand, broadcast to this array's shape
   * @return this array
   * @throws IllegalArgumentException "Cannot cast ufunc 'left_shift' output from dtype(...) to
   *     dtype(...) with casting rule 'same_kind'", "non-broadcastable output operand with shape ...
   *     doesn't match the broadcast shape ...", "output array is read-only"
   */
  public NdArray ilshift(NdArray other) {
    return Ufunc.binary(BinaryOp.LEFT_SHIFT, this, other, this);
  }

  /**
   * {@code x <<= scalar}; the Java number is a weak scalar, as in {@link #ilshift(NdArray)}.
   *
   * @param other the right operand, broadcast to this array's shape
   * @return this array
   */
  public NdArray ilshift(Number other) {
    return Ufunc.binary(BinaryOp.LEFT_SHIFT, this, other, false, this);
  }

  /**
   * {@code x >>= other}, NumPy's {@code np.right_shift(x, other, out=x)}: modifies this array and
   * returns it.
   *
   * @param other the right operand, broadcast to this array's shape
   * @return this array
   * @throws IllegalArgumentException "Cannot cast ufunc 'right_shift' output from dtype(...) to
   *     dtype(...) with casting rule 'same_kind'", "non-broadcastable output operand with shape ...
   *     doesn't match the broadcast shape ...", "output array is read-only"
   */
  public NdArray irshift(NdArray other) {
    return Ufunc.binary(BinaryOp.RIGHT_SHIFT, this, other, this);
  }

  /**
   * {@code x >>= scalar}; the Java number is a weak scalar, as in {@link #irshift(NdArray)}.
   *
   * @param other the right operand, broadcast to this array's shape
   * @return this array
   */
  public NdArray irshift(Number other) {
    return Ufunc.binary(BinaryOp.RIGHT_SHIFT, this, other, false, this);
  }

  // ---- elementwise, one operand ----

  /**
   * The negation ({@code -x}), elementwise: NumPy's {@code np.negative(x)}.
   *
   * @return a new array of the same shape
   */
  public NdArray negative() {
    return Ufunc.unary(UnaryOp.NEGATIVE, this);
  }

  /**
   * The absolute value (the magnitude, as a float, for complex), elementwise: NumPy's {@code
   * np.absolute(x)}.
   *
   * @return a new array of the same shape
   */
  public NdArray abs() {
    return Ufunc.unary(UnaryOp.ABS, this);
  }

  /**
   * The sign: -1, 0 or 1 (NaN for NaN), elementwise: NumPy's {@code np.sign(x)}.
   *
   * @return a new array of the same shape
   */
  public NdArray sign() {
    return Ufunc.unary(UnaryOp.SIGN, this);
  }

  /**
   * The square root (NaN for negative floats), elementwise: NumPy's {@code np.sqrt(x)}.
   *
   * @return a new array of the same shape
   */
  public NdArray sqrt() {
    return Ufunc.unary(UnaryOp.SQRT, this);
  }

  /**
   * The square, elementwise: NumPy's {@code np.square(x)}.
   *
   * @return a new array of the same shape
   */
  public NdArray square() {
    return Ufunc.unary(UnaryOp.SQUARE, this);
  }

  /**
   * e to the power of each element, elementwise: NumPy's {@code np.exp(x)}.
   *
   * @return a new array of the same shape
   */
  public NdArray exp() {
    return Ufunc.unary(UnaryOp.EXP, this);
  }

  /**
   * 2 to the power of each element, elementwise: NumPy's {@code np.exp2(x)}.
   *
   * @return a new array of the same shape
   */
  public NdArray exp2() {
    return Ufunc.unary(UnaryOp.EXP2, this);
  }

  /**
   * The natural logarithm, elementwise: NumPy's {@code np.log(x)}.
   *
   * @return a new array of the same shape
   */
  public NdArray log() {
    return Ufunc.unary(UnaryOp.LOG, this);
  }

  /**
   * The base-2 logarithm, elementwise: NumPy's {@code np.log2(x)}.
   *
   * @return a new array of the same shape
   */
  public NdArray log2() {
    return Ufunc.unary(UnaryOp.LOG2, this);
  }

  /**
   * The base-10 logarithm, elementwise: NumPy's {@code np.log10(x)}.
   *
   * @return a new array of the same shape
   */
  public NdArray log10() {
    return Ufunc.unary(UnaryOp.LOG10, this);
  }

  /**
   * log(1 + x), accurate for small x, elementwise: NumPy's {@code np.log1p(x)}.
   *
   * @return a new array of the same shape
   */
  public NdArray log1p() {
    return Ufunc.unary(UnaryOp.LOG1P, this);
  }

  /**
   * exp(x) - 1, accurate for small x, elementwise: NumPy's {@code np.expm1(x)}.
   *
   * @return a new array of the same shape
   */
  public NdArray expm1() {
    return Ufunc.unary(UnaryOp.EXPM1, this);
  }

  /**
   * The sine (radians), elementwise: NumPy's {@code np.sin(x)}.
   *
   * @return a new array of the same shape
   */
  public NdArray sin() {
    return Ufunc.unary(UnaryOp.SIN, this);
  }

  /**
   * The cosine (radians), elementwise: NumPy's {@code np.cos(x)}.
   *
   * @return a new array of the same shape
   */
  public NdArray cos() {
    return Ufunc.unary(UnaryOp.COS, this);
  }

  /**
   * The tangent (radians), elementwise: NumPy's {@code np.tan(x)}.
   *
   * @return a new array of the same shape
   */
  public NdArray tan() {
    return Ufunc.unary(UnaryOp.TAN, this);
  }

  /**
   * The inverse sine, in [-pi/2, pi/2], elementwise: NumPy's {@code np.arcsin(x)}.
   *
   * @return a new array of the same shape
   */
  public NdArray arcsin() {
    return Ufunc.unary(UnaryOp.ARCSIN, this);
  }

  /**
   * The inverse cosine, in [0, pi], elementwise: NumPy's {@code np.arccos(x)}.
   *
   * @return a new array of the same shape
   */
  public NdArray arccos() {
    return Ufunc.unary(UnaryOp.ARCCOS, this);
  }

  /**
   * The inverse tangent, in [-pi/2, pi/2], elementwise: NumPy's {@code np.arctan(x)}.
   *
   * @return a new array of the same shape
   */
  public NdArray arctan() {
    return Ufunc.unary(UnaryOp.ARCTAN, this);
  }

  /**
   * The hyperbolic sine, elementwise: NumPy's {@code np.sinh(x)}.
   *
   * @return a new array of the same shape
   */
  public NdArray sinh() {
    return Ufunc.unary(UnaryOp.SINH, this);
  }

  /**
   * The hyperbolic cosine, elementwise: NumPy's {@code np.cosh(x)}.
   *
   * @return a new array of the same shape
   */
  public NdArray cosh() {
    return Ufunc.unary(UnaryOp.COSH, this);
  }

  /**
   * The hyperbolic tangent, elementwise: NumPy's {@code np.tanh(x)}.
   *
   * @return a new array of the same shape
   */
  public NdArray tanh() {
    return Ufunc.unary(UnaryOp.TANH, this);
  }

  /**
   * The inverse hyperbolic sine, elementwise: NumPy's {@code np.arcsinh(x)}.
   *
   * @return a new array of the same shape
   */
  public NdArray arcsinh() {
    return Ufunc.unary(UnaryOp.ARCSINH, this);
  }

  /**
   * The inverse hyperbolic cosine (NaN below 1 for real input), elementwise: NumPy's {@code
   * np.arccosh(x)}.
   *
   * @return a new array of the same shape
   */
  public NdArray arccosh() {
    return Ufunc.unary(UnaryOp.ARCCOSH, this);
  }

  /**
   * The inverse hyperbolic tangent (NaN outside [-1, 1] and infinite at its ends, for real input),
   * elementwise: NumPy's {@code np.arctanh(x)}.
   *
   * @return a new array of the same shape
   */
  public NdArray arctanh() {
    return Ufunc.unary(UnaryOp.ARCTANH, this);
  }

  /**
   * The largest integer at or below each element, elementwise: NumPy's {@code np.floor(x)}.
   *
   * @return a new array of the same shape
   */
  public NdArray floor() {
    return Ufunc.unary(UnaryOp.FLOOR, this);
  }

  /**
   * The smallest integer at or above each element, elementwise: NumPy's {@code np.ceil(x)}.
   *
   * @return a new array of the same shape
   */
  public NdArray ceil() {
    return Ufunc.unary(UnaryOp.CEIL, this);
  }

  /**
   * Rounded half to even at {@code decimals} (NumPy's {@code x.round(decimals)}).
   *
   * @param decimals the number of decimal places to round to; negative rounds to the left of the
   *     point
   * @return a new array of the same shape
   */
  public NdArray round(int decimals) {
    return MathRoutines.around(this, decimals);
  }

  /**
   * Each element rounded to the nearest integer, ties to even, elementwise: NumPy's {@code
   * np.rint(x)}.
   *
   * @return a new array of the same shape
   */
  public NdArray rint() {
    return Ufunc.unary(UnaryOp.RINT, this);
  }

  /**
   * Each element rounded toward zero, elementwise: NumPy's {@code np.trunc(x)}.
   *
   * @return a new array of the same shape
   */
  public NdArray trunc() {
    return Ufunc.unary(UnaryOp.TRUNC, this);
  }

  /**
   * NumPy's {@code cbrt}: the real cube root, in a float dtype (integers as arctan2 takes them).
   *
   * @return a new array of the same shape
   */
  public NdArray cbrt() {
    return Ufunc.unary(UnaryOp.CBRT, this);
  }

  /**
   * NumPy's {@code signbit}: true where the sign bit is set (-0.0, negative NaN included).
   *
   * @return a new bool array of the same shape
   */
  public NdArray signbit() {
    return Ufunc.unary(UnaryOp.SIGNBIT, this);
  }

  /**
   * NumPy's {@code copysign}: this array's magnitudes with the signs of {@code other}, in a float
   * dtype.
   *
   * @param other the second operand, broadcast against this array
   * @return a new array of the broadcast shape
   */
  public NdArray copysign(NdArray other) {
    return Ufunc.binary(BinaryOp.COPYSIGN, this, other);
  }

  /**
   * {@link #copysign(NdArray)} with a Python-style number.
   *
   * @param other the second operand, broadcast against this array
   * @return a new array of the broadcast shape
   */
  public NdArray copysign(Number other) {
    return Ufunc.binary(BinaryOp.COPYSIGN, this, other, false);
  }

  /**
   * NumPy's {@code nextafter}: the next float of this array's dtype toward {@code other}.
   *
   * @param other the second operand, broadcast against this array
   * @return a new array of the broadcast shape
   */
  public NdArray nextafter(NdArray other) {
    return Ufunc.binary(BinaryOp.NEXTAFTER, this, other);
  }

  /**
   * {@link #nextafter(NdArray)} with a Python-style number.
   *
   * @param other the second operand, broadcast against this array
   * @return a new array of the broadcast shape
   */
  public NdArray nextafter(Number other) {
    return Ufunc.binary(BinaryOp.NEXTAFTER, this, other, false);
  }

  /**
   * NumPy's {@code fmod}: C's remainder, with the sign of this array (unlike {@link #mod}, which
   * takes the divisor's); integers give 0 where the divisor is 0.
   *
   * @param other the second operand, broadcast against this array
   * @return a new array of the broadcast shape
   */
  public NdArray fmod(NdArray other) {
    return Ufunc.binary(BinaryOp.FMOD, this, other);
  }

  /**
   * {@link #fmod(NdArray)} with a Python-style number.
   *
   * @param other the second operand, broadcast against this array
   * @return a new array of the broadcast shape
   */
  public NdArray fmod(Number other) {
    return Ufunc.binary(BinaryOp.FMOD, this, other, false);
  }

  /**
   * NumPy's {@code gcd}: greatest common divisor of the absolute values, integers only.
   *
   * @param other the second operand, broadcast against this array
   * @return a new array of the broadcast shape
   * @throws IllegalArgumentException for bool or float operands, in NumPy's words
   */
  public NdArray gcd(NdArray other) {
    return Ufunc.binary(BinaryOp.GCD, this, other);
  }

  /**
   * {@link #gcd(NdArray)} with a Python-style integer.
   *
   * @param other the second operand, broadcast against this array
   * @return a new array of the broadcast shape
   */
  public NdArray gcd(Number other) {
    return Ufunc.binary(BinaryOp.GCD, this, other, false);
  }

  /**
   * NumPy's {@code lcm}: least common multiple of the absolute values, integers only (wraps as
   * NumPy's does).
   *
   * @param other the second operand, broadcast against this array
   * @return a new array of the broadcast shape
   * @throws IllegalArgumentException for bool or float operands, in NumPy's words
   */
  public NdArray lcm(NdArray other) {
    return Ufunc.binary(BinaryOp.LCM, this, other);
  }

  /**
   * {@link #lcm(NdArray)} with a Python-style integer.
   *
   * @param other the second operand, broadcast against this array
   * @return a new array of the broadcast shape
   */
  public NdArray lcm(Number other) {
    return Ufunc.binary(BinaryOp.LCM, this, other, false);
  }

  /**
   * NumPy's {@code ldexp}: {@code this * 2**exponents} in this array's float dtype (integers as
   * arctan2 takes them).
   *
   * @param exponents the integer exponents, broadcast against this array
   * @return a new float array of the broadcast shape
   * @throws IllegalArgumentException when the exponents are not integers, in NumPy's words
   */
  public NdArray ldexp(NdArray exponents) {
    return Ufunc.binary(BinaryOp.LDEXP, this, exponents);
  }

  /**
   * {@link #ldexp(NdArray)} with one integer exponent.
   *
   * @param exponent the integer exponent
   * @return a new float array of the same shape
   */
  public NdArray ldexp(Number exponent) {
    return Ufunc.binary(BinaryOp.LDEXP, this, exponent, false);
  }

  /**
   * Whether each element is NaN, elementwise: NumPy's {@code np.isnan(x)}.
   *
   * @return a new bool array of the same shape
   */
  public NdArray isnan() {
    return Ufunc.unary(UnaryOp.ISNAN, this);
  }

  /**
   * Whether each element is infinite, elementwise: NumPy's {@code np.isinf(x)}.
   *
   * @return a new bool array of the same shape
   */
  public NdArray isinf() {
    return Ufunc.unary(UnaryOp.ISINF, this);
  }

  /**
   * Whether each element is finite (not NaN or infinite), elementwise: NumPy's {@code
   * np.isfinite(x)}.
   *
   * @return a new bool array of the same shape
   */
  public NdArray isfinite() {
    return Ufunc.unary(UnaryOp.ISFINITE, this);
  }

  /**
   * The truth of each element negated, elementwise: NumPy's {@code np.logical_not(x)}.
   *
   * @return a new bool array of the same shape
   */
  public NdArray logicalNot() {
    return Ufunc.unary(UnaryOp.LOGICAL_NOT, this);
  }

  /**
   * Bitwise NOT of integers; logical NOT of bools ({@code ~x}).
   *
   * @return a new array of the same shape
   */
  public NdArray invert() {
    return Ufunc.unary(UnaryOp.INVERT, this);
  }

  // ---- reductions (results are arrays; 0-d when every axis is reduced) ----

  /**
   * Sum of all elements (integers and bools accumulate in int64).
   *
   * @return a new 0-d array
   */
  public NdArray sum() {
    return Reductions.reduce(ReduceOp.SUM, this, null, false, null);
  }

  /**
   * Sum over {@code axes} (negative axes count from the end).
   *
   * @param axes the axes to work along; negative axes count from the last
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public NdArray sum(int... axes) {
    return Reductions.reduce(ReduceOp.SUM, this, axes, false, null);
  }

  /**
   * Sum over {@code axes} ({@code null}: all), keeping reduced axes as length 1 when {@code
   * keepdims}.
   *
   * @param axes the axes to work along; negative axes count from the last
   * @param keepdims keep each reduced axis in the result as a dimension of length 1
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public NdArray sum(int[] axes, boolean keepdims) {
    return Reductions.reduce(ReduceOp.SUM, this, axes, keepdims, null);
  }

  /**
   * Sum accumulated and returned in {@code dtype}.
   *
   * @param axes the axes to work along; negative axes count from the last
   * @param keepdims keep each reduced axis in the result as a dimension of length 1
   * @param dtype the element type of the result
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public NdArray sum(int[] axes, boolean keepdims, DType dtype) {
    return Reductions.reduce(ReduceOp.SUM, this, axes, keepdims, dtype);
  }

  /**
   * The product over every axis: NumPy's {@code x.prod()}.
   *
   * @return a new 0-d array
   */
  public NdArray prod() {
    return Reductions.reduce(ReduceOp.PROD, this, null, false, null);
  }

  /**
   * The product over {@code axes}: NumPy's {@code x.prod(axis=axes)}.
   *
   * @param axes the axes to work along; negative axes count from the last
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public NdArray prod(int... axes) {
    return Reductions.reduce(ReduceOp.PROD, this, axes, false, null);
  }

  /**
   * The product over {@code axes}: NumPy's {@code x.prod(axis=axes, keepdims=keepdims)}.
   *
   * @param axes the axes to work along; negative axes count from the last
   * @param keepdims keep each reduced axis in the result as a dimension of length 1
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public NdArray prod(int[] axes, boolean keepdims) {
    return Reductions.reduce(ReduceOp.PROD, this, axes, keepdims, null);
  }

  /**
   * The product over {@code axes}: NumPy's {@code x.prod(axis=axes, keepdims=keepdims,
   * dtype=dtype)}.
   *
   * @param axes the axes to work along; negative axes count from the last
   * @param keepdims keep each reduced axis in the result as a dimension of length 1
   * @param dtype the element type of the result
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public NdArray prod(int[] axes, boolean keepdims, DType dtype) {
    return Reductions.reduce(ReduceOp.PROD, this, axes, keepdims, dtype);
  }

  /**
   * The smallest element (NaN if any is NaN), a 0-d array of this dtype: NumPy's {@code x.min()}.
   *
   * @return a new 0-d array
   * @throws IllegalArgumentException "zero-size array to reduction operation minimum which has no
   *     identity"
   */
  public NdArray min() {
    return Reductions.reduce(ReduceOp.MIN, this, null, false, null);
  }

  /**
   * The smallest element (NaN if any is) over {@code axes}: NumPy's {@code x.min(axis=axes)}.
   *
   * @param axes the axes to work along; negative axes count from the last
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public NdArray min(int... axes) {
    return Reductions.reduce(ReduceOp.MIN, this, axes, false, null);
  }

  /**
   * The smallest element (NaN if any is) over {@code axes}: NumPy's {@code x.min(axis=axes,
   * keepdims=keepdims)}.
   *
   * @param axes the axes to work along; negative axes count from the last
   * @param keepdims keep each reduced axis in the result as a dimension of length 1
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public NdArray min(int[] axes, boolean keepdims) {
    return Reductions.reduce(ReduceOp.MIN, this, axes, keepdims, null);
  }

  /**
   * The largest element (NaN if any is) over every axis: NumPy's {@code x.max()}.
   *
   * @return a new 0-d array
   */
  public NdArray max() {
    return Reductions.reduce(ReduceOp.MAX, this, null, false, null);
  }

  /**
   * The largest element (NaN if any is) over {@code axes}: NumPy's {@code x.max(axis=axes)}.
   *
   * @param axes the axes to work along; negative axes count from the last
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public NdArray max(int... axes) {
    return Reductions.reduce(ReduceOp.MAX, this, axes, false, null);
  }

  /**
   * The largest element (NaN if any is) over {@code axes}: NumPy's {@code x.max(axis=axes,
   * keepdims=keepdims)}.
   *
   * @param axes the axes to work along; negative axes count from the last
   * @param keepdims keep each reduced axis in the result as a dimension of length 1
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public NdArray max(int[] axes, boolean keepdims) {
    return Reductions.reduce(ReduceOp.MAX, this, axes, keepdims, null);
  }

  /**
   * Whether any element is true (non-zero) over every axis: NumPy's {@code x.any()}.
   *
   * @return a new 0-d array
   */
  public NdArray any() {
    return Reductions.reduce(ReduceOp.ANY, this, null, false, null);
  }

  /**
   * Whether any element is true (non-zero) over {@code axes}: NumPy's {@code x.any(axis=axes)}.
   *
   * @param axes the axes to work along; negative axes count from the last
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public NdArray any(int... axes) {
    return Reductions.reduce(ReduceOp.ANY, this, axes, false, null);
  }

  /**
   * Whether any element is true (non-zero) over {@code axes}: NumPy's {@code x.any(axis=axes,
   * keepdims=keepdims)}.
   *
   * @param axes the axes to work along; negative axes count from the last
   * @param keepdims keep each reduced axis in the result as a dimension of length 1
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public NdArray any(int[] axes, boolean keepdims) {
    return Reductions.reduce(ReduceOp.ANY, this, axes, keepdims, null);
  }

  /**
   * Whether every element is true (non-zero) over every axis: NumPy's {@code x.all()}.
   *
   * @return a new 0-d array
   */
  public NdArray all() {
    return Reductions.reduce(ReduceOp.ALL, this, null, false, null);
  }

  /**
   * Whether every element is true (non-zero) over {@code axes}: NumPy's {@code x.all(axis=axes)}.
   *
   * @param axes the axes to work along; negative axes count from the last
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public NdArray all(int... axes) {
    return Reductions.reduce(ReduceOp.ALL, this, axes, false, null);
  }

  /**
   * Whether every element is true (non-zero) over {@code axes}: NumPy's {@code x.all(axis=axes,
   * keepdims=keepdims)}.
   *
   * @param axes the axes to work along; negative axes count from the last
   * @param keepdims keep each reduced axis in the result as a dimension of length 1
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public NdArray all(int[] axes, boolean keepdims) {
    return Reductions.reduce(ReduceOp.ALL, this, axes, keepdims, null);
  }

  /**
   * Index of the first maximum of the flattened array (the first NaN if any), as a 0-d int64 array.
   *
   * @return a new int64 array (0-d without an axis)
   */
  public NdArray argmax() {
    return Reductions.arg(ReduceOp.ARGMAX, this, null, false);
  }

  /**
   * The index of the first maximum (the first NaN if any) along {@code axis}: NumPy's {@code
   * x.argmax(axis=axis)}.
   *
   * @param axis the axis to work along; a negative axis counts from the last
   * @return a new int64 array (0-d without an axis)
   */
  public NdArray argmax(int axis) {
    return Reductions.arg(ReduceOp.ARGMAX, this, axis, false);
  }

  /**
   * The index of the first maximum (the first NaN if any) along {@code axis}: NumPy's {@code
   * x.argmax(axis=axis, keepdims=keepdims)}.
   *
   * @param axis the axis to work along; a negative axis counts from the last
   * @param keepdims keep each reduced axis in the result as a dimension of length 1
   * @return a new int64 array (0-d without an axis)
   */
  public NdArray argmax(int axis, boolean keepdims) {
    return Reductions.arg(ReduceOp.ARGMAX, this, axis, keepdims);
  }

  /**
   * The index of the first minimum (the first NaN if any) over every axis: NumPy's {@code
   * x.argmin()}.
   *
   * @return a new int64 array (0-d without an axis)
   */
  public NdArray argmin() {
    return Reductions.arg(ReduceOp.ARGMIN, this, null, false);
  }

  /**
   * The index of the first minimum (the first NaN if any) along {@code axis}: NumPy's {@code
   * x.argmin(axis=axis)}.
   *
   * @param axis the axis to work along; a negative axis counts from the last
   * @return a new int64 array (0-d without an axis)
   */
  public NdArray argmin(int axis) {
    return Reductions.arg(ReduceOp.ARGMIN, this, axis, false);
  }

  /**
   * The index of the first minimum (the first NaN if any) along {@code axis}: NumPy's {@code
   * x.argmin(axis=axis, keepdims=keepdims)}.
   *
   * @param axis the axis to work along; a negative axis counts from the last
   * @param keepdims keep each reduced axis in the result as a dimension of length 1
   * @return a new int64 array (0-d without an axis)
   */
  public NdArray argmin(int axis, boolean keepdims) {
    return Reductions.arg(ReduceOp.ARGMIN, this, axis, keepdims);
  }

  /**
   * Mean; integers give float64, floats keep their dtype.
   *
   * @return a new 0-d array
   */
  public NdArray mean() {
    return Reductions.mean(this, null, false, null);
  }

  /**
   * The mean (integers give float64) over {@code axes}: NumPy's {@code x.mean(axis=axes)}.
   *
   * @param axes the axes to work along; negative axes count from the last
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public NdArray mean(int... axes) {
    return Reductions.mean(this, axes, false, null);
  }

  /**
   * The mean (integers give float64) over {@code axes}: NumPy's {@code x.mean(axis=axes,
   * keepdims=keepdims)}.
   *
   * @param axes the axes to work along; negative axes count from the last
   * @param keepdims keep each reduced axis in the result as a dimension of length 1
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public NdArray mean(int[] axes, boolean keepdims) {
    return Reductions.mean(this, axes, keepdims, null);
  }

  /**
   * The mean (integers give float64) over {@code axes}: NumPy's {@code x.mean(axis=axes,
   * keepdims=keepdims, dtype=dtype)}.
   *
   * @param axes the axes to work along; negative axes count from the last
   * @param keepdims keep each reduced axis in the result as a dimension of length 1
   * @param dtype the element type of the result
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public NdArray mean(int[] axes, boolean keepdims, DType dtype) {
    return Reductions.mean(this, axes, keepdims, dtype);
  }

  /**
   * Variance, {@code sum(|x - mean|^2) / (n - ddof)}.
   *
   * @return a new 0-d array
   */
  public NdArray var() {
    return Reductions.var(this, null, 0, false, false);
  }

  /**
   * The variance over {@code axes}: NumPy's {@code x.var(axis=axes)}.
   *
   * @param axes the axes to work along; negative axes count from the last
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public NdArray var(int... axes) {
    return Reductions.var(this, axes, 0, false, false);
  }

  /**
   * The variance over {@code axes}: NumPy's {@code x.var(axis=axes, ddof=ddof, keepdims=keepdims)}.
   *
   * @param axes the axes to work along; negative axes count from the last
   * @param ddof delta degrees of freedom: the divisor is the count of elements minus {@code ddof}
   * @param keepdims keep each reduced axis in the result as a dimension of length 1
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public NdArray var(int[] axes, int ddof, boolean keepdims) {
    return Reductions.var(this, axes, ddof, keepdims, false);
  }

  /**
   * Standard deviation, the square root of {@link #var(int[], int, boolean)}.
   *
   * @return a new 0-d array
   */
  public NdArray std() {
    return Reductions.var(this, null, 0, false, true);
  }

  /**
   * The standard deviation over {@code axes}: NumPy's {@code x.std(axis=axes)}.
   *
   * @param axes the axes to work along; negative axes count from the last
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public NdArray std(int... axes) {
    return Reductions.var(this, axes, 0, false, true);
  }

  /**
   * The standard deviation over {@code axes}: NumPy's {@code x.std(axis=axes, ddof=ddof,
   * keepdims=keepdims)}.
   *
   * @param axes the axes to work along; negative axes count from the last
   * @param ddof delta degrees of freedom: the divisor is the count of elements minus {@code ddof}
   * @param keepdims keep each reduced axis in the result as a dimension of length 1
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public NdArray std(int[] axes, int ddof, boolean keepdims) {
    return Reductions.var(this, axes, ddof, keepdims, true);
  }

  // ---- reductions with NumPy's keyword arguments (see ReduceOptions) ----

  /**
   * {@code x.sum(axis=..., keepdims=..., dtype=...)}: {@code x.sum(axis(1).keepdims())}.
   *
   * @param o the options NumPy takes as keyword arguments (axis, keepdims, ddof, dtype): {@code
   *     Nd.axis(1).keepdims()}
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public NdArray sum(ReduceOptions o) {
    o.check("sum", false, true);
    return sum(o.axes(), o.isKeepdims(), o.dtypeOrNull());
  }

  /**
   * {@code x.prod(axis=..., keepdims=..., dtype=...)}.
   *
   * @param o the options NumPy takes as keyword arguments (axis, keepdims, ddof, dtype): {@code
   *     Nd.axis(1).keepdims()}
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public NdArray prod(ReduceOptions o) {
    o.check("prod", false, true);
    return prod(o.axes(), o.isKeepdims(), o.dtypeOrNull());
  }

  /**
   * {@code x.min(axis=..., keepdims=...)}.
   *
   * @param o the options NumPy takes as keyword arguments (axis, keepdims, ddof, dtype): {@code
   *     Nd.axis(1).keepdims()}
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public NdArray min(ReduceOptions o) {
    o.check("min", false, false);
    return min(o.axes(), o.isKeepdims());
  }

  /**
   * {@code x.max(axis=..., keepdims=...)}.
   *
   * @param o the options NumPy takes as keyword arguments (axis, keepdims, ddof, dtype): {@code
   *     Nd.axis(1).keepdims()}
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public NdArray max(ReduceOptions o) {
    o.check("max", false, false);
    return max(o.axes(), o.isKeepdims());
  }

  /**
   * {@code x.any(axis=..., keepdims=...)}.
   *
   * @param o the options NumPy takes as keyword arguments (axis, keepdims, ddof, dtype): {@code
   *     Nd.axis(1).keepdims()}
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public NdArray any(ReduceOptions o) {
    o.check("any", false, false);
    return any(o.axes(), o.isKeepdims());
  }

  /**
   * {@code x.all(axis=..., keepdims=...)}.
   *
   * @param o the options NumPy takes as keyword arguments (axis, keepdims, ddof, dtype): {@code
   *     Nd.axis(1).keepdims()}
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public NdArray all(ReduceOptions o) {
    o.check("all", false, false);
    return all(o.axes(), o.isKeepdims());
  }

  /**
   * {@code x.argmax(axis=..., keepdims=...)}.
   *
   * @param o the options NumPy takes as keyword arguments (axis, keepdims, ddof, dtype): {@code
   *     Nd.axis(1).keepdims()}
   * @return a new int64 array (0-d without an axis)
   * @throws IllegalArgumentException "'tuple' object cannot be interpreted as an integer" for other
   *     than one axis
   */
  public NdArray argmax(ReduceOptions o) {
    return Reductions.arg(ReduceOp.ARGMAX, this, o.singleAxis("argmax"), o.isKeepdims());
  }

  /**
   * {@code x.argmin(axis=..., keepdims=...)}, as {@link #argmax(ReduceOptions)}.
   *
   * @param o the options NumPy takes as keyword arguments (axis, keepdims, ddof, dtype): {@code
   *     Nd.axis(1).keepdims()}
   * @return a new int64 array (0-d without an axis)
   */
  public NdArray argmin(ReduceOptions o) {
    return Reductions.arg(ReduceOp.ARGMIN, this, o.singleAxis("argmin"), o.isKeepdims());
  }

  /**
   * {@code x.mean(axis=..., keepdims=..., dtype=...)}.
   *
   * @param o the options NumPy takes as keyword arguments (axis, keepdims, ddof, dtype): {@code
   *     Nd.axis(1).keepdims()}
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public NdArray mean(ReduceOptions o) {
    o.check("mean", false, true);
    return mean(o.axes(), o.isKeepdims(), o.dtypeOrNull());
  }

  /**
   * {@code x.var(axis=..., ddof=..., keepdims=..., dtype=...)}: {@code x.var(axis(0).ddof(1))}. A
   * float dtype computes in that dtype.
   *
   * @param o the options NumPy takes as keyword arguments (axis, keepdims, ddof, dtype): {@code
   *     Nd.axis(1).keepdims()}
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   * @throws IllegalArgumentException for an integer or bool dtype, which ndj does not compute
   *     variances in
   */
  public NdArray var(ReduceOptions o) {
    return Reductions.var(this, o, false);
  }

  /**
   * {@code x.std(axis=..., ddof=..., keepdims=..., dtype=...)}, as {@link #var(ReduceOptions)}.
   *
   * @param o the options NumPy takes as keyword arguments (axis, keepdims, ddof, dtype): {@code
   *     Nd.axis(1).keepdims()}
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public NdArray std(ReduceOptions o) {
    return Reductions.var(this, o, true);
  }

  // ---- advanced indexing and selection ----

  /**
   * Advanced indexing with one integer or boolean array ({@code x[idx]}); a new array.
   *
   * @param index the integer or boolean index array
   * @return a new array
   */
  public NdArray get(NdArray index) {
    return Indexing.get(this, new Index[] {Index.of(index)});
  }

  /**
   * {@code x[idx] = value} with an integer or boolean index array. Modifies this array.
   *
   * @param index the integer or boolean index array
   * @param value the values to assign
   * @return this array
   */
  public NdArray set(NdArray index, NdArray value) {
    return Indexing.set(this, new Index[] {Index.of(index)}, value);
  }

  /**
   * {@code x[idx] = value} with an integer or boolean index array. Modifies this array.
   *
   * @param index the integer or boolean index array
   * @param value the value to assign
   * @return this array
   */
  public NdArray set(NdArray index, Number value) {
    return Indexing.set(this, new Index[] {Index.of(index)}, value);
  }

  /**
   * Elements at {@code indices} along {@code axis} (NumPy's {@code take}); the result has shape
   * {@code shape[:axis] + indices.shape + shape[axis+1:]}.
   *
   * @param indices the indices along the axis; negative counts from the end
   * @param axis the axis to work along; a negative axis counts from the last
   * @return a new array
   * @throws IndexOutOfBoundsException "index 5 is out of bounds for axis 0 with size 3"
   */
  public NdArray take(NdArray indices, int axis) {
    int ax = Axes.normalize(axis, ndim());
    Index[] ix = new Index[ax + 1];
    java.util.Arrays.fill(ix, Index.all());
    ix[ax] = Index.of(indices);
    return Indexing.get(this, ix);
  }

  /**
   * {@code take} from the flattened array.
   *
   * @param indices the flat indices; negative counts from the end
   * @return a new array of the indices' shape
   */
  public NdArray take(NdArray indices) {
    try (NdArray flat = ravel()) {
      return flat.take(indices, 0);
    }
  }

  /**
   * Writes {@code values} (repeated if shorter) at the flat positions {@code indices}. Modifies
   * this array, which must be C-contiguous.
   *
   * @param indices the flat positions; negative counts from the end
   * @param values the values to write
   * @return this array
   */
  public NdArray put(NdArray indices, NdArray values) {
    if (!isCContiguous()) {
      throw new IllegalArgumentException("put needs a contiguous array");
    }
    try (Scope scope = new Scope()) {
      NdArray flat = ravel();
      long n = indices.size();
      NdArray v = values.ravel();
      if (v.size() != n && v.size() > 0) {
        v = Joins.tile(v, new long[] {(n + v.size() - 1) / v.size()}).get(Index.slice(0, n));
      }
      flat.set(indices.ravel(), v);
    }
    return this;
  }

  /**
   * For each axis, the int64 indices of the non-zero elements.
   *
   * @return one int64 array per axis
   */
  public NdArray[] nonzero() {
    return Selection.nonzero(this);
  }

  /**
   * The indices of the non-zero elements as an int64 array of shape (count, ndim).
   *
   * @return a new int64 array
   */
  public NdArray argwhere() {
    return Selection.argwhere(this);
  }

  /**
   * The slices along {@code axis} where the 1-d {@code condition} is true.
   *
   * @param condition the 1-d bool selection
   * @param axis the axis to work along; a negative axis counts from the last
   * @return a new array
   */
  public NdArray compress(NdArray condition, int axis) {
    try (NdArray c = condition.astype(DType.BOOL)) {
      NdArray[] nz = c.nonzero();
      try (NdArray idx = nz[0]) {
        return take(idx, axis);
      }
    }
  }

  // ---- scans, sorting, linear algebra, rearranging ----

  /**
   * Cumulative sum of the flattened array (integers accumulate in int64).
   *
   * @return a new 1-d array
   */
  public NdArray cumsum() {
    return Sorting.scan(io.ndj.spi.ScanOp.CUMSUM, this, null);
  }

  /**
   * Cumulative sum along {@code axis} (integers accumulate in int64): NumPy's {@code np.cumsum(x,
   * axis)}.
   *
   * @param axis the axis to work along; a negative axis counts from the last
   * @return a new array of the same shape
   */
  public NdArray cumsum(int axis) {
    return Sorting.scan(io.ndj.spi.ScanOp.CUMSUM, this, axis);
  }

  /**
   * Cumulative product of the flattened array (integers accumulate in int64): NumPy's {@code
   * np.cumprod(x)}.
   *
   * @return a new 1-d array
   */
  public NdArray cumprod() {
    return Sorting.scan(io.ndj.spi.ScanOp.CUMPROD, this, null);
  }

  /**
   * Cumulative product along {@code axis} (integers accumulate in int64): NumPy's {@code
   * np.cumprod(x, axis)}.
   *
   * @param axis the axis to work along; a negative axis counts from the last
   * @return a new array of the same shape
   */
  public NdArray cumprod(int axis) {
    return Sorting.scan(io.ndj.spi.ScanOp.CUMPROD, this, axis);
  }

  /**
   * A sorted copy along the last axis; NaN sorts last.
   *
   * @return a new array of the same shape
   */
  public NdArray sort() {
    return Sorting.sort(this, -1);
  }

  /**
   * A sorted copy along {@code axis}; NaN sorts last (NumPy's {@code np.sort(x, axis)}).
   *
   * @param axis the axis to work along; a negative axis counts from the last
   * @return a new array of the same shape
   */
  public NdArray sort(int axis) {
    return Sorting.sort(this, axis);
  }

  /**
   * Stable argsort along the last axis (int64); NaN sorts last.
   *
   * @return a new int64 array of the same shape
   */
  public NdArray argsort() {
    return Sorting.argsort(this, -1);
  }

  /**
   * Stable argsort along {@code axis} (int64); NaN sorts last (NumPy's {@code np.argsort(x, axis,
   * kind='stable')}).
   *
   * @param axis the axis to work along; a negative axis counts from the last
   * @return a new int64 array of the same shape
   */
  public NdArray argsort(int axis) {
    return Sorting.argsort(this, axis);
  }

  /**
   * Insertion points of {@code values} into this sorted 1-d array (the leftmost).
   *
   * @param values the values to place
   * @return a new int64 array of the values' shape
   */
  public NdArray searchsorted(NdArray values) {
    return Sorting.searchsorted(this, values, false);
  }

  /**
   * Insertion points; {@code right} gives the rightmost.
   *
   * @param values the values to place
   * @param right false for the leftmost insertion points, true for the rightmost
   * @return a new int64 array of the values' shape
   */
  public NdArray searchsorted(NdArray values, boolean right) {
    return Sorting.searchsorted(this, values, right);
  }

  /**
   * The sorted distinct values of the flattened array.
   *
   * @return a new 1-d array
   */
  public NdArray unique() {
    return Sorting.uniqueValues(this);
  }

  /**
   * Values, first indices, inverse and counts, as NumPy's {@code unique} with every {@code
   * return_*} set.
   *
   * @return the four arrays
   */
  public Unique uniqueAll() {
    return Sorting.unique(this);
  }

  /**
   * Matrix product with NumPy's rules (1-d operands promoted then squeezed; batch axes broadcast).
   *
   * @param other the right operand
   * @return a new array
   */
  public NdArray matmul(NdArray other) {
    return LinAlg.matmul(this, other);
  }

  /**
   * NumPy's {@code dot}.
   *
   * @param other the right operand
   * @return a new array
   */
  public NdArray dot(NdArray other) {
    return LinAlg.dot(this, other);
  }

  /**
   * The main diagonal as a read-only view.
   *
   * @return the diagonal view
   */
  public NdArray diagonal() {
    return LinAlg.diagonal(this, 0, 0, 1);
  }

  /**
   * The diagonal {@code offset} of the 2-d planes spanned by {@code axis1} and {@code axis2}, as a
   * read-only view (NumPy's {@code x.diagonal(offset, axis1, axis2)}).
   *
   * @param offset the diagonal: 0 the main one, positive above it, negative below
   * @param axis1 the axis of the rows
   * @param axis2 the axis of the columns
   * @return the diagonal view, its last axis the diagonal
   */
  public NdArray diagonal(long offset, int axis1, int axis2) {
    return LinAlg.diagonal(this, offset, axis1, axis2);
  }

  /**
   * The sum of the main diagonal (NumPy's {@code x.trace()}).
   *
   * @return a new array (0-d for a matrix)
   */
  public NdArray trace() {
    return LinAlg.trace(this, 0);
  }

  /**
   * The sum of diagonal {@code offset} (NumPy's {@code x.trace(offset)}).
   *
   * @param offset the diagonal: 0 the main one, positive above it, negative below
   * @return a new array (0-d for a matrix)
   */
  public NdArray trace(long offset) {
    return LinAlg.trace(this, offset);
  }

  /**
   * Reverses the order along the given axes (all when none); a view.
   *
   * @param axes the axes to reverse, or none for all of them
   * @return a view
   */
  public NdArray flip(int... axes) {
    return Joins.flip(this, axes);
  }

  /**
   * Rolls the flattened array by {@code shift}.
   *
   * @param shift the number of places to roll by; negative rolls the other way
   * @return a new array of the same shape
   */
  public NdArray roll(long shift) {
    return Joins.roll(this, shift, null);
  }

  /**
   * Rolls the elements along {@code axis} by {@code shift}, those past the end coming in at the
   * start (NumPy's {@code np.roll(x, shift, axis)}).
   *
   * @param shift the number of places to roll by; negative rolls the other way
   * @param axis the axis to work along; a negative axis counts from the last
   * @return a new array of the same shape
   */
  public NdArray roll(long shift, int axis) {
    return Joins.roll(this, shift, axis);
  }

  /**
   * Repeats each element of the flattened array.
   *
   * @param repeats how many times each element appears
   * @return a new 1-d array
   */
  public NdArray repeat(long repeats) {
    return Joins.repeat(this, repeats, null);
  }

  /**
   * Repeats each element along {@code axis} (NumPy's {@code np.repeat(x, repeats, axis)}).
   *
   * @param repeats how many times each element appears
   * @param axis the axis to work along; a negative axis counts from the last
   * @return a new array
   */
  public NdArray repeat(long repeats, int axis) {
    return Joins.repeat(this, repeats, axis);
  }

  /**
   * Repeats the whole array {@code reps} times along each axis (NumPy's {@code tile}).
   *
   * @param reps the repetitions along each axis
   * @return a new array
   */
  public NdArray tile(long... reps) {
    return Joins.tile(this, reps);
  }

  /**
   * Writes {@code value} into every element. Modifies this array.
   *
   * @param value the value, cast to this dtype
   * @return this array
   */
  public NdArray fill(Number value) {
    return set("...", value);
  }
}
