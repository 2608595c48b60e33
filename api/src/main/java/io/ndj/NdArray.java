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

  public Shape shape() {
    return Shape.wrap(shape.clone());
  }

  public int ndim() {
    return shape.length;
  }

  public long size() {
    return Shape.size(shape);
  }

  public DType dtype() {
    return dtype;
  }

  public int itemsize() {
    return dtype.itemsize();
  }

  public long nbytes() {
    return size() * dtype.itemsize();
  }

  /** Strides in bytes, as NumPy reports them. */
  public long[] strides() {
    long[] b = new long[strides.length];
    for (int i = 0; i < b.length; i++) {
      b[i] = strides[i] * dtype.itemsize();
    }
    return b;
  }

  public Backend backend() {
    return storage.backend;
  }

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
   * @throws IllegalArgumentException "cannot reshape array of size 6 into shape (4,2)"
   */
  public NdArray reshape(long... newShape) {
    return Views.reshape(this, newShape);
  }

  /** A 1-d view when possible, else a copy (NumPy's {@code ravel}). */
  public NdArray ravel() {
    return reshape(-1);
  }

  /** A 1-d copy, always. */
  public NdArray flatten() {
    try (NdArray c = copy()) {
      return c.reshape(-1);
    }
  }

  /** Permutes the axes; no argument reverses them. A view. */
  public NdArray transpose(int... axes) {
    return Views.transpose(this, axes);
  }

  /** The transposed view ({@code x.T}). */
  public NdArray T() {
    return transpose();
  }

  public NdArray swapaxes(int axis1, int axis2) {
    return Views.swapaxes(this, axis1, axis2);
  }

  public NdArray moveaxis(int source, int destination) {
    return Views.moveaxis(this, source, destination);
  }

  /**
   * Inserts a length-1 axis at {@code axis} (may be negative, counted in the result's dims). A
   * view.
   */
  public NdArray expandDims(int axis) {
    return Views.expandDims(this, axis);
  }

  /** Removes the given length-1 axes, or all of them when none are given. A view. */
  public NdArray squeeze(int... axes) {
    return Views.squeeze(this, axes);
  }

  /** A read-only view broadcast to {@code newShape}. */
  public NdArray broadcastTo(long... newShape) {
    return Views.broadcastTo(this, newShape);
  }

  // ---- indexing ----

  /**
   * Basic indexing with NumPy's syntax: ints, slices {@code start:stop:step}, {@code None} (new
   * axis) and {@code ...}, separated by commas: {@code x.get("1:, ::-2, None, ...")}. The result is
   * a view (0-d for a full integer index).
   *
   * @throws IndexOutOfBoundsException "index 2 is out of bounds for axis 0 with size 2"
   * @throws IllegalArgumentException for a malformed index
   */
  public NdArray get(String index) {
    return Indexing.get(this, Index.parse(index));
  }

  /**
   * Basic indexing with typed items: {@code x.get(Index.at(1), Index.slice(null, null, -2),
   * Index.NEWAXIS)}.
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
   * @throws IllegalArgumentException if value cannot broadcast to the selection, or this array is
   *     read-only
   */
  public NdArray set(String index, NdArray value) {
    return Indexing.set(this, Index.parse(index), value);
  }

  /**
   * Assigns a scalar to the selected elements. An integer out of range of an integer dtype is an
   * error.
   */
  public NdArray set(String index, Number value) {
    return Indexing.set(this, Index.parse(index), value);
  }

  public NdArray set(Index[] index, NdArray value) {
    return Indexing.set(this, index, value);
  }

  public NdArray set(Index[] index, Number value) {
    return Indexing.set(this, index, value);
  }

  /**
   * {@code x[i, j, ...] = value} with the items {@link #get(Object...)} takes. Modifies this array.
   */
  public NdArray set(Object[] index, NdArray value) {
    return Indexing.set(this, Index.items(index), value);
  }

  /** {@code x[i, j, ...] = value} with a scalar and the items {@link #get(Object...)} takes. */
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
   * @throws IllegalArgumentException in NumPy's words ("To change to a dtype of a different size,
   *     the last axis must be contiguous"), or when a stride or offset in bytes is not a multiple
   *     of the new itemsize (ndj keeps them in elements; NumPy allows it)
   */
  public NdArray view(DType dtype) {
    return Wrapping.view(this, dtype);
  }

  /**
   * A new array of {@code type} with this array's values (NumPy's {@code astype}, always a copy).
   */
  public NdArray astype(DType type) {
    return compute(backend(), type, shape.clone(), out -> kernel().copy(out, this));
  }

  /** A C-contiguous copy. */
  public NdArray copy() {
    return astype(dtype);
  }

  /** A copy on {@code target} (this array if already there, as a new reference: close both). */
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

  public double[] toDoubleArray() {
    return Transfer.toDoubleArray(this);
  }

  public float[] toFloatArray() {
    return Transfer.toFloatArray(this);
  }

  public long[] toLongArray() {
    return Transfer.toLongArray(this);
  }

  public int[] toIntArray() {
    return Transfer.toIntArray(this);
  }

  public short[] toShortArray() {
    return Transfer.toShortArray(this);
  }

  /** Values as bytes (int8 or uint8 arrays keep their bits; others are cast to int8). */
  public byte[] toByteArray() {
    return Transfer.toByteArray(this);
  }

  public boolean[] toBooleanArray() {
    return Transfer.toBooleanArray(this);
  }

  /**
   * The single element of a size-1 array as a Java object: Boolean for bool, Long for integers,
   * Double for floats.
   *
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
    return dtype.isFloat() ? (Object) toDoubleArray()[0] : (Object) toLongArray()[0];
  }

  /**
   * The single element as a {@link Complex} (a real element with imaginary part 0).
   *
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
   */
  public NdArray real() {
    ensureOpen();
    return dtype.isComplex() ? ComplexMath.re(this) : view(shape, strides, offset, true);
  }

  /**
   * NumPy's {@code x.imag}: for a complex array a view of its imaginary parts (writes reach this
   * array); for a real array a read-only array of zeros of its dtype, as NumPy gives.
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

  /** NumPy's {@code conj(x)}: the complex conjugate (a copy of a real array). */
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

  /** NumPy's {@code angle(x)}: the argument in radians, arctan2(imag, real), as a float array. */
  public NdArray angle() {
    ensureOpen();
    try (NdArray re = real();
        NdArray im = imag()) {
      return im.arctan2(re);
    }
  }

  /** The single element as a double. */
  public double doubleValue() {
    return ((Number) (dtype.isBool() ? ((Boolean) item() ? 1L : 0L) : item())).doubleValue();
  }

  /** The single element as a long (floats truncate toward zero). */
  public long longValue() {
    Object v = item();
    if (v instanceof Boolean b) {
      return b ? 1 : 0;
    }
    return ((Number) v).longValue();
  }

  /** The single element's truth value (non-zero). */
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

  /** The printed values, then shape, dtype and backend. */
  public String describe() {
    return toString() + "\nshape=" + shape() + " dtype=" + dtype + " backend=" + backend().name();
  }

  // ---- elementwise, two operands ----

  public NdArray add(NdArray other) {
    return Ufunc.binary(BinaryOp.ADD, this, other);
  }

  public NdArray add(Number other) {
    return Ufunc.binary(BinaryOp.ADD, this, other, false);
  }

  public NdArray subtract(NdArray other) {
    return Ufunc.binary(BinaryOp.SUBTRACT, this, other);
  }

  public NdArray subtract(Number other) {
    return Ufunc.binary(BinaryOp.SUBTRACT, this, other, false);
  }

  public NdArray multiply(NdArray other) {
    return Ufunc.binary(BinaryOp.MULTIPLY, this, other);
  }

  public NdArray multiply(Number other) {
    return Ufunc.binary(BinaryOp.MULTIPLY, this, other, false);
  }

  /** Short for {@link #multiply(NdArray)}. */
  public NdArray mul(NdArray other) {
    return multiply(other);
  }

  /** Short for {@link #multiply(Number)}. */
  public NdArray mul(Number other) {
    return multiply(other);
  }

  /** True division: integers give float64. */
  public NdArray divide(NdArray other) {
    return Ufunc.binary(BinaryOp.DIVIDE, this, other);
  }

  public NdArray divide(Number other) {
    return Ufunc.binary(BinaryOp.DIVIDE, this, other, false);
  }

  public NdArray floorDivide(NdArray other) {
    return Ufunc.binary(BinaryOp.FLOOR_DIVIDE, this, other);
  }

  public NdArray floorDivide(Number other) {
    return Ufunc.binary(BinaryOp.FLOOR_DIVIDE, this, other, false);
  }

  /** Remainder with the sign of the divisor (Python's {@code %}). */
  public NdArray mod(NdArray other) {
    return Ufunc.binary(BinaryOp.MOD, this, other);
  }

  public NdArray mod(Number other) {
    return Ufunc.binary(BinaryOp.MOD, this, other, false);
  }

  /**
   * {@code x ** other}, NumPy's {@code np.power}, broadcast.
   *
   * @throws IllegalArgumentException "Integers to negative integer powers are not allowed."
   */
  public NdArray power(NdArray other) {
    return Ufunc.binary(BinaryOp.POWER, this, other);
  }

  public NdArray power(Number other) {
    return Ufunc.binary(BinaryOp.POWER, this, other, false);
  }

  public NdArray arctan2(NdArray other) {
    return Ufunc.binary(BinaryOp.ARCTAN2, this, other);
  }

  public NdArray hypot(NdArray other) {
    return Ufunc.binary(BinaryOp.HYPOT, this, other);
  }

  /** Elementwise maximum; NaN propagates. */
  public NdArray maximum(NdArray other) {
    return Ufunc.binary(BinaryOp.MAXIMUM, this, other);
  }

  public NdArray maximum(Number other) {
    return Ufunc.binary(BinaryOp.MAXIMUM, this, other, false);
  }

  /** Elementwise minimum; NaN propagates. */
  public NdArray minimum(NdArray other) {
    return Ufunc.binary(BinaryOp.MINIMUM, this, other);
  }

  public NdArray minimum(Number other) {
    return Ufunc.binary(BinaryOp.MINIMUM, this, other, false);
  }

  /** Elementwise maximum ignoring NaN. */
  public NdArray fmax(NdArray other) {
    return Ufunc.binary(BinaryOp.FMAX, this, other);
  }

  /** Elementwise minimum ignoring NaN. */
  public NdArray fmin(NdArray other) {
    return Ufunc.binary(BinaryOp.FMIN, this, other);
  }

  /** {@code minimum(maximum(x, min), max)}, as NumPy's clip. */
  public NdArray clip(Number min, Number max) {
    // NumPy 2 takes a Python int beyond an integer dtype where it changes nothing: a lower bound
    // below the dtype's least value, an upper bound above its greatest (others raise as before)
    Number lo = min;
    Number hi = max;
    if (dtype.isInteger()) {
      if (isInt(lo) && lo.longValue() < dtype.minValue()) {
        lo = dtype.minValue();
      }
      if (isInt(hi) && hi.longValue() > dtype.maxValue()) {
        hi = dtype.maxValue();
      }
    }
    try (NdArray low = maximum(lo)) {
      return low.minimum(hi);
    }
  }

  private static boolean isInt(Number n) {
    return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte;
  }

  public NdArray clip(NdArray min, NdArray max) {
    try (NdArray lo = maximum(min)) {
      return lo.minimum(max);
    }
  }

  public NdArray eq(NdArray other) {
    return Ufunc.binary(BinaryOp.EQUAL, this, other);
  }

  public NdArray eq(Number other) {
    return Ufunc.binary(BinaryOp.EQUAL, this, other, false);
  }

  public NdArray ne(NdArray other) {
    return Ufunc.binary(BinaryOp.NOT_EQUAL, this, other);
  }

  public NdArray ne(Number other) {
    return Ufunc.binary(BinaryOp.NOT_EQUAL, this, other, false);
  }

  public NdArray lt(NdArray other) {
    return Ufunc.binary(BinaryOp.LESS, this, other);
  }

  public NdArray lt(Number other) {
    return Ufunc.binary(BinaryOp.LESS, this, other, false);
  }

  public NdArray le(NdArray other) {
    return Ufunc.binary(BinaryOp.LESS_EQUAL, this, other);
  }

  public NdArray le(Number other) {
    return Ufunc.binary(BinaryOp.LESS_EQUAL, this, other, false);
  }

  public NdArray gt(NdArray other) {
    return Ufunc.binary(BinaryOp.GREATER, this, other);
  }

  public NdArray gt(Number other) {
    return Ufunc.binary(BinaryOp.GREATER, this, other, false);
  }

  public NdArray ge(NdArray other) {
    return Ufunc.binary(BinaryOp.GREATER_EQUAL, this, other);
  }

  public NdArray ge(Number other) {
    return Ufunc.binary(BinaryOp.GREATER_EQUAL, this, other, false);
  }

  public NdArray logicalAnd(NdArray other) {
    return Ufunc.logical(BinaryOp.BITWISE_AND, this, other);
  }

  public NdArray logicalOr(NdArray other) {
    return Ufunc.logical(BinaryOp.BITWISE_OR, this, other);
  }

  public NdArray logicalXor(NdArray other) {
    return Ufunc.logical(BinaryOp.BITWISE_XOR, this, other);
  }

  public NdArray bitwiseAnd(NdArray other) {
    return Ufunc.binary(BinaryOp.BITWISE_AND, this, other);
  }

  public NdArray bitwiseAnd(Number other) {
    return Ufunc.binary(BinaryOp.BITWISE_AND, this, other, false);
  }

  public NdArray bitwiseOr(NdArray other) {
    return Ufunc.binary(BinaryOp.BITWISE_OR, this, other);
  }

  public NdArray bitwiseOr(Number other) {
    return Ufunc.binary(BinaryOp.BITWISE_OR, this, other, false);
  }

  public NdArray bitwiseXor(NdArray other) {
    return Ufunc.binary(BinaryOp.BITWISE_XOR, this, other);
  }

  public NdArray bitwiseXor(Number other) {
    return Ufunc.binary(BinaryOp.BITWISE_XOR, this, other, false);
  }

  public NdArray leftShift(NdArray other) {
    return Ufunc.binary(BinaryOp.LEFT_SHIFT, this, other);
  }

  public NdArray leftShift(Number other) {
    return Ufunc.binary(BinaryOp.LEFT_SHIFT, this, other, false);
  }

  public NdArray rightShift(NdArray other) {
    return Ufunc.binary(BinaryOp.RIGHT_SHIFT, this, other);
  }

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
   * @throws IllegalArgumentException "Cannot cast ufunc 'add' output from dtype(...) to dtype(...)
   *     with casting rule 'same_kind'", "non-broadcastable output operand with shape ... doesn't
   *     match the broadcast shape ...", "output array is read-only"
   */
  public NdArray iadd(NdArray other) {
    return Ufunc.binary(BinaryOp.ADD, this, other, this);
  }

  /** {@code x += scalar}; the Java number is a weak scalar, as in {@link #iadd(NdArray)}. */
  public NdArray iadd(Number other) {
    return Ufunc.binary(BinaryOp.ADD, this, other, false, this);
  }

  /**
   * {@code x -= other}, NumPy's {@code np.subtract(x, other, out=x)}: modifies this array and
   * returns it.
   *
   * @throws IllegalArgumentException "Cannot cast ufunc 'subtract' output from dtype(...) to
   *     dtype(...) with casting rule 'same_kind'", "non-broadcastable output operand with shape ...
   *     doesn't match the broadcast shape ...", "output array is read-only"
   */
  public NdArray isub(NdArray other) {
    return Ufunc.binary(BinaryOp.SUBTRACT, this, other, this);
  }

  /** {@code x -= scalar}; the Java number is a weak scalar, as in {@link #isub(NdArray)}. */
  public NdArray isub(Number other) {
    return Ufunc.binary(BinaryOp.SUBTRACT, this, other, false, this);
  }

  /**
   * {@code x *= other}, NumPy's {@code np.multiply(x, other, out=x)}: modifies this array and
   * returns it.
   *
   * @throws IllegalArgumentException "Cannot cast ufunc 'multiply' output from dtype(...) to
   *     dtype(...) with casting rule 'same_kind'", "non-broadcastable output operand with shape ...
   *     doesn't match the broadcast shape ...", "output array is read-only"
   */
  public NdArray imul(NdArray other) {
    return Ufunc.binary(BinaryOp.MULTIPLY, this, other, this);
  }

  /** {@code x *= scalar}; the Java number is a weak scalar, as in {@link #imul(NdArray)}. */
  public NdArray imul(Number other) {
    return Ufunc.binary(BinaryOp.MULTIPLY, this, other, false, this);
  }

  /**
   * {@code x /= other}, NumPy's {@code np.divide(x, other, out=x)}: modifies this array and returns
   * it.
   *
   * @throws IllegalArgumentException "Cannot cast ufunc 'divide' output from dtype(...) to
   *     dtype(...) with casting rule 'same_kind'", "non-broadcastable output operand with shape ...
   *     doesn't match the broadcast shape ...", "output array is read-only"
   */
  public NdArray itruediv(NdArray other) {
    return Ufunc.binary(BinaryOp.DIVIDE, this, other, this);
  }

  /** {@code x /= scalar}; the Java number is a weak scalar, as in {@link #itruediv(NdArray)}. */
  public NdArray itruediv(Number other) {
    return Ufunc.binary(BinaryOp.DIVIDE, this, other, false, this);
  }

  /**
   * {@code x //= other}, NumPy's {@code np.floor_divide(x, other, out=x)}: modifies this array and
   * returns it.
   *
   * @throws IllegalArgumentException "Cannot cast ufunc 'floor_divide' output from dtype(...) to
   *     dtype(...) with casting rule 'same_kind'", "non-broadcastable output operand with shape ...
   *     doesn't match the broadcast shape ...", "output array is read-only"
   */
  public NdArray ifloordiv(NdArray other) {
    return Ufunc.binary(BinaryOp.FLOOR_DIVIDE, this, other, this);
  }

  /** {@code x //= scalar}; the Java number is a weak scalar, as in {@link #ifloordiv(NdArray)}. */
  public NdArray ifloordiv(Number other) {
    return Ufunc.binary(BinaryOp.FLOOR_DIVIDE, this, other, false, this);
  }

  /**
   * {@code x %= other}, NumPy's {@code np.remainder(x, other, out=x)}: modifies this array and
   * returns it.
   *
   * @throws IllegalArgumentException "Cannot cast ufunc 'remainder' output from dtype(...) to
   *     dtype(...) with casting rule 'same_kind'", "non-broadcastable output operand with shape ...
   *     doesn't match the broadcast shape ...", "output array is read-only"
   */
  public NdArray imod(NdArray other) {
    return Ufunc.binary(BinaryOp.MOD, this, other, this);
  }

  /** {@code x %= scalar}; the Java number is a weak scalar, as in {@link #imod(NdArray)}. */
  public NdArray imod(Number other) {
    return Ufunc.binary(BinaryOp.MOD, this, other, false, this);
  }

  /**
   * {@code x **= other}, NumPy's {@code np.power(x, other, out=x)}: modifies this array and returns
   * it.
   *
   * @throws IllegalArgumentException "Cannot cast ufunc 'power' output from dtype(...) to
   *     dtype(...) with casting rule 'same_kind'", "non-broadcastable output operand with shape ...
   *     doesn't match the broadcast shape ...", "output array is read-only"
   */
  public NdArray ipow(NdArray other) {
    return Ufunc.binary(BinaryOp.POWER, this, other, this);
  }

  /** {@code x **= scalar}; the Java number is a weak scalar, as in {@link #ipow(NdArray)}. */
  public NdArray ipow(Number other) {
    return Ufunc.binary(BinaryOp.POWER, this, other, false, this);
  }

  /**
   * {@code x &= other}, NumPy's {@code np.bitwise_and(x, other, out=x)}: modifies this array and
   * returns it.
   *
   * @throws IllegalArgumentException "Cannot cast ufunc 'bitwise_and' output from dtype(...) to
   *     dtype(...) with casting rule 'same_kind'", "non-broadcastable output operand with shape ...
   *     doesn't match the broadcast shape ...", "output array is read-only"
   */
  public NdArray iand(NdArray other) {
    return Ufunc.binary(BinaryOp.BITWISE_AND, this, other, this);
  }

  /** {@code x &= scalar}; the Java number is a weak scalar, as in {@link #iand(NdArray)}. */
  public NdArray iand(Number other) {
    return Ufunc.binary(BinaryOp.BITWISE_AND, this, other, false, this);
  }

  /**
   * {@code x |= other}, NumPy's {@code np.bitwise_or(x, other, out=x)}: modifies this array and
   * returns it.
   *
   * @throws IllegalArgumentException "Cannot cast ufunc 'bitwise_or' output from dtype(...) to
   *     dtype(...) with casting rule 'same_kind'", "non-broadcastable output operand with shape ...
   *     doesn't match the broadcast shape ...", "output array is read-only"
   */
  public NdArray ior(NdArray other) {
    return Ufunc.binary(BinaryOp.BITWISE_OR, this, other, this);
  }

  /** {@code x |= scalar}; the Java number is a weak scalar, as in {@link #ior(NdArray)}. */
  public NdArray ior(Number other) {
    return Ufunc.binary(BinaryOp.BITWISE_OR, this, other, false, this);
  }

  /**
   * {@code x ^= other}, NumPy's {@code np.bitwise_xor(x, other, out=x)}: modifies this array and
   * returns it.
   *
   * @throws IllegalArgumentException "Cannot cast ufunc 'bitwise_xor' output from dtype(...) to
   *     dtype(...) with casting rule 'same_kind'", "non-broadcastable output operand with shape ...
   *     doesn't match the broadcast shape ...", "output array is read-only"
   */
  public NdArray ixor(NdArray other) {
    return Ufunc.binary(BinaryOp.BITWISE_XOR, this, other, this);
  }

  /** {@code x ^= scalar}; the Java number is a weak scalar, as in {@link #ixor(NdArray)}. */
  public NdArray ixor(Number other) {
    return Ufunc.binary(BinaryOp.BITWISE_XOR, this, other, false, this);
  }

  /**
   * {@code x <<= other}, NumPy's {@code np.left_shift(x, other, out=x)}: modifies this array and
   * returns it.
   *
   * @throws IllegalArgumentException "Cannot cast ufunc 'left_shift' output from dtype(...) to
   *     dtype(...) with casting rule 'same_kind'", "non-broadcastable output operand with shape ...
   *     doesn't match the broadcast shape ...", "output array is read-only"
   */
  public NdArray ilshift(NdArray other) {
    return Ufunc.binary(BinaryOp.LEFT_SHIFT, this, other, this);
  }

  /** {@code x <<= scalar}; the Java number is a weak scalar, as in {@link #ilshift(NdArray)}. */
  public NdArray ilshift(Number other) {
    return Ufunc.binary(BinaryOp.LEFT_SHIFT, this, other, false, this);
  }

  /**
   * {@code x >>= other}, NumPy's {@code np.right_shift(x, other, out=x)}: modifies this array and
   * returns it.
   *
   * @throws IllegalArgumentException "Cannot cast ufunc 'right_shift' output from dtype(...) to
   *     dtype(...) with casting rule 'same_kind'", "non-broadcastable output operand with shape ...
   *     doesn't match the broadcast shape ...", "output array is read-only"
   */
  public NdArray irshift(NdArray other) {
    return Ufunc.binary(BinaryOp.RIGHT_SHIFT, this, other, this);
  }

  /** {@code x >>= scalar}; the Java number is a weak scalar, as in {@link #irshift(NdArray)}. */
  public NdArray irshift(Number other) {
    return Ufunc.binary(BinaryOp.RIGHT_SHIFT, this, other, false, this);
  }

  // ---- elementwise, one operand ----

  public NdArray negative() {
    return Ufunc.unary(UnaryOp.NEGATIVE, this);
  }

  public NdArray abs() {
    return Ufunc.unary(UnaryOp.ABS, this);
  }

  public NdArray sign() {
    return Ufunc.unary(UnaryOp.SIGN, this);
  }

  public NdArray sqrt() {
    return Ufunc.unary(UnaryOp.SQRT, this);
  }

  public NdArray square() {
    return Ufunc.unary(UnaryOp.SQUARE, this);
  }

  public NdArray exp() {
    return Ufunc.unary(UnaryOp.EXP, this);
  }

  public NdArray exp2() {
    return Ufunc.unary(UnaryOp.EXP2, this);
  }

  public NdArray log() {
    return Ufunc.unary(UnaryOp.LOG, this);
  }

  public NdArray log2() {
    return Ufunc.unary(UnaryOp.LOG2, this);
  }

  public NdArray log10() {
    return Ufunc.unary(UnaryOp.LOG10, this);
  }

  public NdArray log1p() {
    return Ufunc.unary(UnaryOp.LOG1P, this);
  }

  public NdArray expm1() {
    return Ufunc.unary(UnaryOp.EXPM1, this);
  }

  public NdArray sin() {
    return Ufunc.unary(UnaryOp.SIN, this);
  }

  public NdArray cos() {
    return Ufunc.unary(UnaryOp.COS, this);
  }

  public NdArray tan() {
    return Ufunc.unary(UnaryOp.TAN, this);
  }

  public NdArray arcsin() {
    return Ufunc.unary(UnaryOp.ARCSIN, this);
  }

  public NdArray arccos() {
    return Ufunc.unary(UnaryOp.ARCCOS, this);
  }

  public NdArray arctan() {
    return Ufunc.unary(UnaryOp.ARCTAN, this);
  }

  public NdArray sinh() {
    return Ufunc.unary(UnaryOp.SINH, this);
  }

  public NdArray cosh() {
    return Ufunc.unary(UnaryOp.COSH, this);
  }

  public NdArray tanh() {
    return Ufunc.unary(UnaryOp.TANH, this);
  }

  public NdArray floor() {
    return Ufunc.unary(UnaryOp.FLOOR, this);
  }

  public NdArray ceil() {
    return Ufunc.unary(UnaryOp.CEIL, this);
  }

  /** Round half to even. */
  /** Rounded half to even at {@code decimals} (NumPy's {@code x.round(decimals)}). */
  public NdArray round(int decimals) {
    return MathRoutines.around(this, decimals);
  }

  public NdArray rint() {
    return Ufunc.unary(UnaryOp.RINT, this);
  }

  public NdArray trunc() {
    return Ufunc.unary(UnaryOp.TRUNC, this);
  }

  /**
   * NumPy's {@code cbrt}: the real cube root, in a float dtype (integers as arctan2 takes them).
   */
  public NdArray cbrt() {
    return Ufunc.unary(UnaryOp.CBRT, this);
  }

  /** NumPy's {@code signbit}: true where the sign bit is set (-0.0, negative NaN included). */
  public NdArray signbit() {
    return Ufunc.unary(UnaryOp.SIGNBIT, this);
  }

  /**
   * NumPy's {@code copysign}: this array's magnitudes with the signs of {@code other}, in a float
   * dtype.
   */
  public NdArray copysign(NdArray other) {
    return Ufunc.binary(BinaryOp.COPYSIGN, this, other);
  }

  /** {@link #copysign(NdArray)} with a Python-style number. */
  public NdArray copysign(Number other) {
    return Ufunc.binary(BinaryOp.COPYSIGN, this, other, false);
  }

  /** NumPy's {@code nextafter}: the next float of this array's dtype toward {@code other}. */
  public NdArray nextafter(NdArray other) {
    return Ufunc.binary(BinaryOp.NEXTAFTER, this, other);
  }

  /** {@link #nextafter(NdArray)} with a Python-style number. */
  public NdArray nextafter(Number other) {
    return Ufunc.binary(BinaryOp.NEXTAFTER, this, other, false);
  }

  /**
   * NumPy's {@code fmod}: C's remainder, with the sign of this array (unlike {@link #mod}, which
   * takes the divisor's); integers give 0 where the divisor is 0.
   */
  public NdArray fmod(NdArray other) {
    return Ufunc.binary(BinaryOp.FMOD, this, other);
  }

  /** {@link #fmod(NdArray)} with a Python-style number. */
  public NdArray fmod(Number other) {
    return Ufunc.binary(BinaryOp.FMOD, this, other, false);
  }

  /**
   * NumPy's {@code gcd}: greatest common divisor of the absolute values, integers only.
   *
   * @throws IllegalArgumentException for bool or float operands, in NumPy's words
   */
  public NdArray gcd(NdArray other) {
    return Ufunc.binary(BinaryOp.GCD, this, other);
  }

  /** {@link #gcd(NdArray)} with a Python-style integer. */
  public NdArray gcd(Number other) {
    return Ufunc.binary(BinaryOp.GCD, this, other, false);
  }

  /**
   * NumPy's {@code lcm}: least common multiple of the absolute values, integers only (wraps as
   * NumPy's does).
   *
   * @throws IllegalArgumentException for bool or float operands, in NumPy's words
   */
  public NdArray lcm(NdArray other) {
    return Ufunc.binary(BinaryOp.LCM, this, other);
  }

  /** {@link #lcm(NdArray)} with a Python-style integer. */
  public NdArray lcm(Number other) {
    return Ufunc.binary(BinaryOp.LCM, this, other, false);
  }

  /**
   * NumPy's {@code ldexp}: {@code this * 2**exponents} in this array's float dtype (integers as
   * arctan2 takes them).
   *
   * @throws IllegalArgumentException when the exponents are not integers, in NumPy's words
   */
  public NdArray ldexp(NdArray exponents) {
    return Ufunc.binary(BinaryOp.LDEXP, this, exponents);
  }

  /** {@link #ldexp(NdArray)} with one integer exponent. */
  public NdArray ldexp(Number exponent) {
    return Ufunc.binary(BinaryOp.LDEXP, this, exponent, false);
  }

  public NdArray isnan() {
    return Ufunc.unary(UnaryOp.ISNAN, this);
  }

  public NdArray isinf() {
    return Ufunc.unary(UnaryOp.ISINF, this);
  }

  public NdArray isfinite() {
    return Ufunc.unary(UnaryOp.ISFINITE, this);
  }

  public NdArray logicalNot() {
    return Ufunc.unary(UnaryOp.LOGICAL_NOT, this);
  }

  /** Bitwise NOT of integers; logical NOT of bools ({@code ~x}). */
  public NdArray invert() {
    return Ufunc.unary(UnaryOp.INVERT, this);
  }

  // ---- reductions (results are arrays; 0-d when every axis is reduced) ----

  /** Sum of all elements (integers and bools accumulate in int64). */
  public NdArray sum() {
    return Reductions.reduce(ReduceOp.SUM, this, null, false, null);
  }

  /** Sum over {@code axes} (negative axes count from the end). */
  public NdArray sum(int... axes) {
    return Reductions.reduce(ReduceOp.SUM, this, axes, false, null);
  }

  /**
   * Sum over {@code axes} ({@code null}: all), keeping reduced axes as length 1 when {@code
   * keepdims}.
   */
  public NdArray sum(int[] axes, boolean keepdims) {
    return Reductions.reduce(ReduceOp.SUM, this, axes, keepdims, null);
  }

  /** Sum accumulated and returned in {@code dtype}. */
  public NdArray sum(int[] axes, boolean keepdims, DType dtype) {
    return Reductions.reduce(ReduceOp.SUM, this, axes, keepdims, dtype);
  }

  public NdArray prod() {
    return Reductions.reduce(ReduceOp.PROD, this, null, false, null);
  }

  public NdArray prod(int... axes) {
    return Reductions.reduce(ReduceOp.PROD, this, axes, false, null);
  }

  public NdArray prod(int[] axes, boolean keepdims) {
    return Reductions.reduce(ReduceOp.PROD, this, axes, keepdims, null);
  }

  public NdArray prod(int[] axes, boolean keepdims, DType dtype) {
    return Reductions.reduce(ReduceOp.PROD, this, axes, keepdims, dtype);
  }

  /**
   * The smallest element (NaN if any is NaN), a 0-d array of this dtype: NumPy's {@code x.min()}.
   *
   * @throws IllegalArgumentException "zero-size array to reduction operation minimum which has no
   *     identity"
   */
  public NdArray min() {
    return Reductions.reduce(ReduceOp.MIN, this, null, false, null);
  }

  public NdArray min(int... axes) {
    return Reductions.reduce(ReduceOp.MIN, this, axes, false, null);
  }

  public NdArray min(int[] axes, boolean keepdims) {
    return Reductions.reduce(ReduceOp.MIN, this, axes, keepdims, null);
  }

  public NdArray max() {
    return Reductions.reduce(ReduceOp.MAX, this, null, false, null);
  }

  public NdArray max(int... axes) {
    return Reductions.reduce(ReduceOp.MAX, this, axes, false, null);
  }

  public NdArray max(int[] axes, boolean keepdims) {
    return Reductions.reduce(ReduceOp.MAX, this, axes, keepdims, null);
  }

  public NdArray any() {
    return Reductions.reduce(ReduceOp.ANY, this, null, false, null);
  }

  public NdArray any(int... axes) {
    return Reductions.reduce(ReduceOp.ANY, this, axes, false, null);
  }

  public NdArray any(int[] axes, boolean keepdims) {
    return Reductions.reduce(ReduceOp.ANY, this, axes, keepdims, null);
  }

  public NdArray all() {
    return Reductions.reduce(ReduceOp.ALL, this, null, false, null);
  }

  public NdArray all(int... axes) {
    return Reductions.reduce(ReduceOp.ALL, this, axes, false, null);
  }

  public NdArray all(int[] axes, boolean keepdims) {
    return Reductions.reduce(ReduceOp.ALL, this, axes, keepdims, null);
  }

  /**
   * Index of the first maximum of the flattened array (the first NaN if any), as a 0-d int64 array.
   */
  public NdArray argmax() {
    return Reductions.arg(ReduceOp.ARGMAX, this, null, false);
  }

  public NdArray argmax(int axis) {
    return Reductions.arg(ReduceOp.ARGMAX, this, axis, false);
  }

  public NdArray argmax(int axis, boolean keepdims) {
    return Reductions.arg(ReduceOp.ARGMAX, this, axis, keepdims);
  }

  public NdArray argmin() {
    return Reductions.arg(ReduceOp.ARGMIN, this, null, false);
  }

  public NdArray argmin(int axis) {
    return Reductions.arg(ReduceOp.ARGMIN, this, axis, false);
  }

  public NdArray argmin(int axis, boolean keepdims) {
    return Reductions.arg(ReduceOp.ARGMIN, this, axis, keepdims);
  }

  /** Mean; integers give float64, floats keep their dtype. */
  public NdArray mean() {
    return Reductions.mean(this, null, false, null);
  }

  public NdArray mean(int... axes) {
    return Reductions.mean(this, axes, false, null);
  }

  public NdArray mean(int[] axes, boolean keepdims) {
    return Reductions.mean(this, axes, keepdims, null);
  }

  public NdArray mean(int[] axes, boolean keepdims, DType dtype) {
    return Reductions.mean(this, axes, keepdims, dtype);
  }

  /** Variance, {@code sum(|x - mean|^2) / (n - ddof)}. */
  public NdArray var() {
    return Reductions.var(this, null, 0, false, false);
  }

  public NdArray var(int... axes) {
    return Reductions.var(this, axes, 0, false, false);
  }

  public NdArray var(int[] axes, int ddof, boolean keepdims) {
    return Reductions.var(this, axes, ddof, keepdims, false);
  }

  /** Standard deviation, the square root of {@link #var(int[], int, boolean)}. */
  public NdArray std() {
    return Reductions.var(this, null, 0, false, true);
  }

  public NdArray std(int... axes) {
    return Reductions.var(this, axes, 0, false, true);
  }

  public NdArray std(int[] axes, int ddof, boolean keepdims) {
    return Reductions.var(this, axes, ddof, keepdims, true);
  }

  // ---- reductions with NumPy's keyword arguments (see ReduceOptions) ----

  /** {@code x.sum(axis=..., keepdims=..., dtype=...)}: {@code x.sum(axis(1).keepdims())}. */
  public NdArray sum(ReduceOptions o) {
    o.check("sum", false, true);
    return sum(o.axes(), o.isKeepdims(), o.dtypeOrNull());
  }

  /** {@code x.prod(axis=..., keepdims=..., dtype=...)}. */
  public NdArray prod(ReduceOptions o) {
    o.check("prod", false, true);
    return prod(o.axes(), o.isKeepdims(), o.dtypeOrNull());
  }

  /** {@code x.min(axis=..., keepdims=...)}. */
  public NdArray min(ReduceOptions o) {
    o.check("min", false, false);
    return min(o.axes(), o.isKeepdims());
  }

  /** {@code x.max(axis=..., keepdims=...)}. */
  public NdArray max(ReduceOptions o) {
    o.check("max", false, false);
    return max(o.axes(), o.isKeepdims());
  }

  /** {@code x.any(axis=..., keepdims=...)}. */
  public NdArray any(ReduceOptions o) {
    o.check("any", false, false);
    return any(o.axes(), o.isKeepdims());
  }

  /** {@code x.all(axis=..., keepdims=...)}. */
  public NdArray all(ReduceOptions o) {
    o.check("all", false, false);
    return all(o.axes(), o.isKeepdims());
  }

  /**
   * {@code x.argmax(axis=..., keepdims=...)}.
   *
   * @throws IllegalArgumentException "'tuple' object cannot be interpreted as an integer" for other
   *     than one axis
   */
  public NdArray argmax(ReduceOptions o) {
    return Reductions.arg(ReduceOp.ARGMAX, this, o.singleAxis("argmax"), o.isKeepdims());
  }

  /** {@code x.argmin(axis=..., keepdims=...)}, as {@link #argmax(ReduceOptions)}. */
  public NdArray argmin(ReduceOptions o) {
    return Reductions.arg(ReduceOp.ARGMIN, this, o.singleAxis("argmin"), o.isKeepdims());
  }

  /** {@code x.mean(axis=..., keepdims=..., dtype=...)}. */
  public NdArray mean(ReduceOptions o) {
    o.check("mean", false, true);
    return mean(o.axes(), o.isKeepdims(), o.dtypeOrNull());
  }

  /**
   * {@code x.var(axis=..., ddof=..., keepdims=..., dtype=...)}: {@code x.var(axis(0).ddof(1))}. A
   * float dtype computes in that dtype.
   *
   * @throws IllegalArgumentException for an integer or bool dtype, which ndj does not compute
   *     variances in
   */
  public NdArray var(ReduceOptions o) {
    return Reductions.var(this, o, false);
  }

  /** {@code x.std(axis=..., ddof=..., keepdims=..., dtype=...)}, as {@link #var(ReduceOptions)}. */
  public NdArray std(ReduceOptions o) {
    return Reductions.var(this, o, true);
  }

  // ---- advanced indexing and selection ----

  /** Advanced indexing with one integer or boolean array ({@code x[idx]}); a new array. */
  public NdArray get(NdArray index) {
    return Indexing.get(this, new Index[] {Index.of(index)});
  }

  /** {@code x[idx] = value} with an integer or boolean index array. Modifies this array. */
  public NdArray set(NdArray index, NdArray value) {
    return Indexing.set(this, new Index[] {Index.of(index)}, value);
  }

  /** {@code x[idx] = value} with an integer or boolean index array. Modifies this array. */
  public NdArray set(NdArray index, Number value) {
    return Indexing.set(this, new Index[] {Index.of(index)}, value);
  }

  /**
   * Elements at {@code indices} along {@code axis} (NumPy's {@code take}); the result has shape
   * {@code shape[:axis] + indices.shape + shape[axis+1:]}.
   *
   * @throws IndexOutOfBoundsException "index 5 is out of bounds for axis 0 with size 3"
   */
  public NdArray take(NdArray indices, int axis) {
    int ax = Axes.normalize(axis, ndim());
    Index[] ix = new Index[ax + 1];
    java.util.Arrays.fill(ix, Index.all());
    ix[ax] = Index.of(indices);
    return Indexing.get(this, ix);
  }

  /** {@code take} from the flattened array. */
  public NdArray take(NdArray indices) {
    try (NdArray flat = ravel()) {
      return flat.take(indices, 0);
    }
  }

  /**
   * Writes {@code values} (repeated if shorter) at the flat positions {@code indices}. Modifies
   * this array, which must be C-contiguous.
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

  /** For each axis, the int64 indices of the non-zero elements. */
  public NdArray[] nonzero() {
    return Selection.nonzero(this);
  }

  /** The indices of the non-zero elements as an int64 array of shape (count, ndim). */
  public NdArray argwhere() {
    return Selection.argwhere(this);
  }

  /** The slices along {@code axis} where the 1-d {@code condition} is true. */
  public NdArray compress(NdArray condition, int axis) {
    try (NdArray c = condition.astype(DType.BOOL)) {
      NdArray[] nz = c.nonzero();
      try (NdArray idx = nz[0]) {
        return take(idx, axis);
      }
    }
  }

  // ---- scans, sorting, linear algebra, rearranging ----

  /** Cumulative sum of the flattened array (integers accumulate in int64). */
  public NdArray cumsum() {
    return Sorting.scan(io.ndj.spi.ScanOp.CUMSUM, this, null);
  }

  public NdArray cumsum(int axis) {
    return Sorting.scan(io.ndj.spi.ScanOp.CUMSUM, this, axis);
  }

  public NdArray cumprod() {
    return Sorting.scan(io.ndj.spi.ScanOp.CUMPROD, this, null);
  }

  public NdArray cumprod(int axis) {
    return Sorting.scan(io.ndj.spi.ScanOp.CUMPROD, this, axis);
  }

  /** A sorted copy along the last axis; NaN sorts last. */
  public NdArray sort() {
    return Sorting.sort(this, -1);
  }

  public NdArray sort(int axis) {
    return Sorting.sort(this, axis);
  }

  /** Stable argsort along the last axis (int64); NaN sorts last. */
  public NdArray argsort() {
    return Sorting.argsort(this, -1);
  }

  public NdArray argsort(int axis) {
    return Sorting.argsort(this, axis);
  }

  /** Insertion points of {@code values} into this sorted 1-d array (the leftmost). */
  public NdArray searchsorted(NdArray values) {
    return Sorting.searchsorted(this, values, false);
  }

  /** Insertion points; {@code right} gives the rightmost. */
  public NdArray searchsorted(NdArray values, boolean right) {
    return Sorting.searchsorted(this, values, right);
  }

  /** The sorted distinct values of the flattened array. */
  public NdArray unique() {
    return Sorting.uniqueValues(this);
  }

  /**
   * Values, first indices, inverse and counts, as NumPy's {@code unique} with every {@code
   * return_*} set.
   */
  public Unique uniqueAll() {
    return Sorting.unique(this);
  }

  /**
   * Matrix product with NumPy's rules (1-d operands promoted then squeezed; batch axes broadcast).
   */
  public NdArray matmul(NdArray other) {
    return LinAlg.matmul(this, other);
  }

  /** NumPy's {@code dot}. */
  public NdArray dot(NdArray other) {
    return LinAlg.dot(this, other);
  }

  /** The main diagonal as a read-only view. */
  public NdArray diagonal() {
    return LinAlg.diagonal(this, 0, 0, 1);
  }

  public NdArray diagonal(long offset, int axis1, int axis2) {
    return LinAlg.diagonal(this, offset, axis1, axis2);
  }

  public NdArray trace() {
    return LinAlg.trace(this, 0);
  }

  public NdArray trace(long offset) {
    return LinAlg.trace(this, offset);
  }

  /** Reverses the order along the given axes (all when none); a view. */
  public NdArray flip(int... axes) {
    return Joins.flip(this, axes);
  }

  /** Rolls the flattened array by {@code shift}. */
  public NdArray roll(long shift) {
    return Joins.roll(this, shift, null);
  }

  public NdArray roll(long shift, int axis) {
    return Joins.roll(this, shift, axis);
  }

  /** Repeats each element of the flattened array. */
  public NdArray repeat(long repeats) {
    return Joins.repeat(this, repeats, null);
  }

  public NdArray repeat(long repeats, int axis) {
    return Joins.repeat(this, repeats, axis);
  }

  /** Repeats the whole array {@code reps} times along each axis (NumPy's {@code tile}). */
  public NdArray tile(long... reps) {
    return Joins.tile(this, reps);
  }

  /** Writes {@code value} into every element. Modifies this array. */
  public NdArray fill(Number value) {
    return set("...", value);
  }
}
