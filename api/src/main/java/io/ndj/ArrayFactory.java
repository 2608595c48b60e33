package io.ndj;

/**
 * Array creation, NumPy's functions of the same names. {@link Backend} implements it (arrays are
 * made there) and {@link Nd} offers the same as static methods on the default backend. Shapes are
 * given last, as dimensions: {@code zeros(DType.FLOAT32, 2, 3)}. New arrays are C-contiguous and
 * owned by the caller (close them, or use {@link Nd#scope()}).
 */
public interface ArrayFactory {
  /**
   * Where the arrays are made.
   *
   * @return the backend
   */
  Backend backend();

  /**
   * Uninitialised float64 array (contents unspecified).
   *
   * @param shape the dimensions of the result
   * @return a new float64 array
   */
  default NdArray empty(long... shape) {
    return empty(DType.FLOAT64, shape);
  }

  /**
   * Uninitialised array of {@code dtype} (contents unspecified), as NumPy's {@code empty(shape,
   * dtype)}.
   *
   * @param dtype the element type of the result
   * @param shape the dimensions of the result
   * @return a new array
   */
  default NdArray empty(DType dtype, long... shape) {
    return NdArray.allocate(backend(), dtype, Shape.of(shape).raw().clone());
  }

  /**
   * A float64 array of zeros, as NumPy's {@code zeros(shape)}.
   *
   * @param shape the dimensions of the result
   * @return a new array
   */
  default NdArray zeros(long... shape) {
    return full(0.0, DType.FLOAT64, shape);
  }

  /**
   * An array of zeros of {@code dtype}, as NumPy's {@code zeros(shape, dtype)}.
   *
   * @param dtype the element type of the result
   * @param shape the dimensions of the result
   * @return a new array
   */
  default NdArray zeros(DType dtype, long... shape) {
    return full(0L, dtype, shape);
  }

  /**
   * A float64 array of ones, as NumPy's {@code ones(shape)}.
   *
   * @param shape the dimensions of the result
   * @return a new array
   */
  default NdArray ones(long... shape) {
    return full(1.0, DType.FLOAT64, shape);
  }

  /**
   * An array of ones of {@code dtype}, as NumPy's {@code ones(shape, dtype)}.
   *
   * @param dtype the element type of the result
   * @param shape the dimensions of the result
   * @return a new array
   */
  default NdArray ones(DType dtype, long... shape) {
    return full(1L, dtype, shape);
  }

  /**
   * Filled with {@code value}; dtype int64 for an integral value, float64 for a floating one.
   *
   * @param value the fill value
   * @param shape the dimensions of the result
   * @return a new array
   */
  default NdArray full(Number value, long... shape) {
    DType t =
        value instanceof Complex
            ? DType.COMPLEX128
            : Scalars.isIntegral(value) ? DType.INT64 : DType.FLOAT64;
    return full(value, t, shape);
  }

  /**
   * Filled with {@code value} cast to {@code dtype}.
   *
   * @param value the fill value
   * @param dtype the element type of the result
   * @param shape the dimensions of the result
   * @return a new array
   * @throws IllegalArgumentException if an integral value does not fit an integer dtype
   */
  default NdArray full(Number value, DType dtype, long... shape) {
    Number v = Scalars.forStore(value, dtype);
    return NdArray.compute(
        backend(), dtype, Shape.of(shape).raw().clone(), a -> new Kernel(backend()).fill(a, v));
  }

  /**
   * A complex128 array of {@code interleaved.length / 2} elements: {@code interleaved[2k]} is
   * element k's real part, {@code interleaved[2k+1]} its imaginary part (the layout of NumPy's
   * complex128 memory). The data is copied.
   *
   * @param interleaved the (real, imaginary) pairs of the elements in C order
   * @return a new complex128 array
   * @param shape the result's shape, or none for 1-d
   * @throws IllegalArgumentException for an odd length or a shape of another size
   */
  default NdArray complexArray(double[] interleaved, long... shape) {
    return complexFromHost(
        DType.COMPLEX128,
        interleaved.length,
        java.lang.foreign.MemorySegment.ofArray(interleaved),
        shape);
  }

  /**
   * As {@link #complexArray(double[], long...)}, complex64 from float pairs.
   *
   * @param interleaved the (real, imaginary) pairs of the elements in C order
   * @param shape the result's shape, or none for 1-d
   * @return a new complex64 array
   */
  default NdArray complexArray(float[] interleaved, long... shape) {
    return complexFromHost(
        DType.COMPLEX64,
        interleaved.length,
        java.lang.foreign.MemorySegment.ofArray(interleaved),
        shape);
  }

  /**
   * A complex array of {@code re + 1j*im} (broadcast), complex128 or complex64 by their dtype.
   *
   * @param re the real parts
   * @param im the imaginary parts, broadcast against the real ones
   * @return a new complex array
   */
  default NdArray complex(NdArray re, NdArray im) {
    DType t = DType.promote(re.dtype(), im.dtype()).complexType();
    if (re.dtype().isComplex() || im.dtype().isComplex()) {
      throw new IllegalArgumentException(
          "complex() takes real parts, not " + re.dtype() + " and " + im.dtype());
    }
    return ComplexMath.assemble(re, im, t);
  }

  private NdArray complexFromHost(
      DType t, int length, java.lang.foreign.MemorySegment data, long... shape) {
    if (length % 2 != 0) {
      throw new IllegalArgumentException(
          "interleaved complex data needs an even length (re, im pairs), got " + length);
    }
    long[] sh = shape.length == 0 ? new long[] {length / 2} : Shape.of(shape).raw().clone();
    if (Shape.size(sh) != length / 2) {
      throw new IllegalArgumentException(
          "cannot reshape array of size " + length / 2 + " into shape " + Shape.format(sh, ","));
    }
    return Transfer.fromHost(backend(), t, sh, data);
  }

  /**
   * A 0-d array holding {@code value} (int64 for integral values, float64 otherwise).
   *
   * @param value the fill value
   * @return a new 0-d array
   */
  default NdArray scalar(Number value) {
    return full(value);
  }

  /**
   * A 0-d bool array.
   *
   * @param value the fill value
   * @return a new 0-d array
   */
  default NdArray scalar(boolean value) {
    return full(value ? 1L : 0L, DType.BOOL);
  }

  /**
   * {@code [0, stop)} as int64.
   *
   * @param stop the end, excluded
   * @return a new int64 array
   */
  default NdArray arange(long stop) {
    return arange(0, stop, 1);
  }

  /**
   * Integers {@code start, start+1, ...} below {@code stop}, as int64 ({@code np.arange(start,
   * stop)}).
   *
   * @param start the first value
   * @param stop the end, excluded
   * @return a new int64 array
   */
  default NdArray arange(long start, long stop) {
    return arange(start, stop, 1);
  }

  /**
   * Integers {@code start, start+step, ...} below {@code stop} (above, for a negative step), as
   * int64.
   *
   * @param start the first value
   * @param stop the end, excluded
   * @param step the step, not 0
   * @return a new int64 array
   */
  default NdArray arange(long start, long stop, long step) {
    if (step == 0) {
      throw new IllegalArgumentException("Maximum allowed size exceeded");
    }
    long span = stop - start;
    if (((stop ^ start) & (stop ^ span)) < 0) { // stop - start overflows a long
      throw new IllegalArgumentException("Maximum allowed size exceeded");
    }
    long n = Math.max(0, Math.ceilDiv(span, step));
    NdArray a = empty(DType.INT64, n);
    new Kernel(backend()).arange(a, start, step);
    return a;
  }

  /**
   * NumPy's float arange: length {@code ceil((stop - start) / step)}, as float64.
   *
   * @param start the first value
   * @param stop the end, excluded
   * @param step the step, not 0
   * @return a new float64 array
   */
  default NdArray arange(double start, double stop, double step) {
    return arange(start, stop, step, DType.FLOAT64);
  }

  /**
   * NumPy's arange in {@code dtype}: length {@code ceil((stop - start) / step)}, element i is
   * {@code start + i*delta} with {@code delta = (start + step) - start}, computed in dtype.
   *
   * @param start the first value
   * @param stop the end, excluded
   * @param step the step, not 0
   * @param dtype the element type of the result
   * @return a new array
   */
  default NdArray arange(double start, double stop, double step, DType dtype) {
    if (step == 0) {
      throw new IllegalArgumentException("Maximum allowed size exceeded");
    }
    double len = Math.ceil((stop - start) / step);
    if (Double.isNaN(len)) {
      throw new IllegalArgumentException("arange: cannot compute length");
    }
    if (len >= 0x1p63) {
      throw new IllegalArgumentException("Maximum allowed size exceeded");
    }
    long n = (long) Math.max(0, len);
    NdArray a = empty(dtype, n);
    Number s = dtype.isFloat() ? (Number) start : (Number) (long) start;
    Number d = dtype.isFloat() ? (Number) ((start + step) - start) : (Number) (long) step;
    new Kernel(backend()).arange(a, s, d);
    return a;
  }

  /**
   * {@code num} evenly spaced float64 values from start to stop inclusive.
   *
   * @param start the first value
   * @param stop the end of the interval
   * @param num the number of values
   * @return a new float64 array
   */
  default NdArray linspace(double start, double stop, long num) {
    return linspace(start, stop, num, true, DType.FLOAT64);
  }

  /**
   * NumPy's linspace: {@code i*step + start}, with the last element exactly {@code stop} when
   * endpoint.
   *
   * @param start the first value
   * @param stop the end of the interval
   * @param num the number of values
   * @param endpoint whether {@code stop} is the last value (otherwise the interval excludes it)
   * @param dtype the element type of the result
   * @return a new array
   */
  default NdArray linspace(double start, double stop, long num, boolean endpoint, DType dtype) {
    if (num < 0) {
      throw new IllegalArgumentException("Number of samples, " + num + ", must be non-negative.");
    }
    long div = endpoint ? num - 1 : num;
    double step = div > 0 ? (stop - start) / div : Double.NaN;
    NdArray y = empty(DType.FLOAT64, num);
    new Kernel(backend()).arange(y, start, div > 0 ? step : 0.0);
    if (endpoint && num > 1) {
      y.set(Index.parse("-1"), stop);
    }
    if (dtype == DType.FLOAT64) {
      return y;
    }
    try (y) {
      if (dtype.isInteger()) {
        try (NdArray f = y.floor()) {
          return f.astype(dtype);
        }
      }
      return y.astype(dtype);
    }
  }

  /**
   * Ones at and below the {@code k}-th diagonal of an n x m array of {@code dtype}, zeros above
   * (NumPy's {@code tri}).
   *
   * @param n the number of rows
   * @param m the number of columns
   * @param k the diagonal: 0 the main one, positive above it, negative below
   * @param dtype the element type of the result
   * @return a new array
   */
  default NdArray tri(long n, long m, long k, DType dtype) {
    return MathRoutines.tri(backend(), n, m, k, dtype);
  }

  /**
   * Numbers spaced evenly on a log scale from start to stop, both included when {@code endpoint}
   * (NumPy's {@code geomspace}), float64; negative start and stop give negative values.
   *
   * @param start the first value
   * @param stop the end of the interval
   * @param num the number of values
   * @param endpoint whether {@code stop} is the last value (otherwise the interval excludes it)
   * @return a new float64 array
   * @throws IllegalArgumentException if start or stop is 0 ("Geometric sequence cannot include
   *     zero")
   */
  default NdArray geomspace(double start, double stop, long num, boolean endpoint) {
    return ArrayRoutines.geomspace(backend(), start, stop, num, endpoint);
  }

  /**
   * The int64 grid of each axis, shape {@code (dims.length, dims...)} (NumPy's {@code indices}).
   *
   * @param dims the grid's shape
   * @return a new int64 array
   */
  default NdArray indices(long... dims) {
    return ArrayRoutines.indices(backend(), dims);
  }

  /**
   * NumPy's {@code fromfunction(f, shape, dtype=dtype)} on this backend: calls {@code f} once with
   * one array per axis holding that axis's coordinate at every position (in {@code dtype}, as
   * {@link #indices}) and returns what it returns.
   *
   * @param f the function of the coordinate arrays
   * @param dtype the dtype of the coordinate arrays
   * @param shape the grid's shape
   * @return what {@code f} returns
   */
  default NdArray fromFunction(
      java.util.function.Function<NdArray[], NdArray> f, DType dtype, long... shape) {
    try (Scope scope = new Scope()) {
      NdArray grid = indices(shape);
      NdArray[] coords = new NdArray[shape.length];
      for (int k = 0; k < shape.length; k++) {
        coords[k] = grid.get(k).astype(dtype);
      }
      return scope.keep(f.apply(coords));
    }
  }

  /**
   * {@code base ** linspace(start, stop, num, endpoint)}, float64 (NumPy's {@code logspace}).
   *
   * @param start the first value
   * @param stop the end of the interval
   * @param num the number of values
   * @param endpoint whether {@code stop} is the last value (otherwise the interval excludes it)
   * @param base the base of the powers
   * @return a new float64 array
   */
  default NdArray logspace(double start, double stop, long num, boolean endpoint, double base) {
    return MathRoutines.logspace(backend(), start, stop, num, endpoint, base);
  }

  /**
   * The n x n float64 identity matrix (NumPy's {@code identity(n)}).
   *
   * @param n the number of rows and columns
   * @return a new array
   */
  default NdArray identity(long n) {
    return eye(n, n, 0, DType.FLOAT64);
  }

  /**
   * The n x n float64 identity matrix (NumPy's {@code eye(n)}).
   *
   * @param n the number of rows and columns
   * @return a new array
   */
  default NdArray eye(long n) {
    return eye(n, n, 0, DType.FLOAT64);
  }

  /**
   * n x m with ones on diagonal {@code k} (positive: above the main diagonal).
   *
   * @param n the number of rows
   * @param m the number of columns
   * @param k the diagonal: 0 the main one, positive above it, negative below
   * @param dtype the element type of the result
   * @return a new array
   */
  default NdArray eye(long n, long m, long k, DType dtype) {
    NdArray a = zeros(dtype, n, m);
    long rows = Math.min(n - Math.max(0, -k), m - Math.max(0, k));
    if (rows > 0) {
      long start = k >= 0 ? k : -k * m;
      try (NdArray diag = a.view(new long[] {rows}, new long[] {m + 1}, start, true)) {
        new Kernel(backend()).fill(diag, Scalars.toLoop(1L, dtype));
      }
    }
    return a;
  }

  /**
   * An array from Java data: a 1-d primitive array ({@code double[]} float64, {@code float[]}
   * float32, {@code long[]} int64, {@code int[]} int32, {@code short[]} int16, {@code byte[]} int8,
   * {@code boolean[]} bool) or a rectangular 2-d one. The data is copied.
   *
   * @param data the Java array
   * @return a new array
   * @param dtype the result's dtype, or null for the data's own
   * @param shape the result's shape, or none for the data's own
   * @throws IllegalArgumentException for ragged data or a shape of another size
   */
  default NdArray array(Object data, DType dtype, long... shape) {
    HostData h = HostData.of(data);
    long[] sh = shape.length == 0 ? h.shape() : Shape.of(shape).raw().clone();
    if (Shape.size(sh) != Shape.size(h.shape())) {
      throw new IllegalArgumentException(
          "cannot reshape array of size "
              + Shape.size(h.shape())
              + " into shape "
              + Shape.format(sh, ","));
    }
    NdArray a = Transfer.fromHost(backend(), h.dtype(), sh, h.segment());
    if (dtype == null || dtype == h.dtype()) {
      return a;
    }
    try (a) {
      return a.astype(dtype);
    }
  }

  /**
   * An array over {@code memory} without a copy: writes through the array reach the memory and the
   * other way round (on backends whose kernels address host memory: cpu; others raise {@link
   * UnsupportedOperationException}). The array lives only as long as the memory: once its Arena is
   * closed, any use of the array raises {@link IllegalStateException}, never a crash. Elements are
   * C-ordered from the segment's start in the machine's byte order (little-endian); a read-only
   * segment gives a read-only array. The memory must be reachable from every thread ({@code
   * Arena.ofShared()}, {@code ofAuto()}, {@code global()} or a heap array).
   *
   * @param memory the memory to view; it must outlive the array
   * @param dtype the element type of the result
   * @param shape the dimensions of the result
   * @return an array over the memory
   * @throws IllegalArgumentException when the memory is smaller than the shape needs, or confined
   *     to one thread
   */
  default NdArray wrap(java.lang.foreign.MemorySegment memory, DType dtype, long... shape) {
    return Wrapping.wrap(backend(), memory, dtype, shape);
  }

  /**
   * As {@link #wrap(java.lang.foreign.MemorySegment, DType, long...)}, and ndj closes {@code owner}
   * once no array uses the memory any more (the array and every view of it closed, or collected):
   * hand ndj the Arena, or a reference count of a library that lent the memory (the {@code
   * ndj-arrow} module passes an Arrow buffer's). Not closed when wrapping fails.
   *
   * @param memory the memory to view; it must outlive the array
   * @param dtype the element type of the result
   * @param owner what ndj closes when the last array over the memory is gone
   * @param shape the dimensions of the result
   * @return an array over the memory
   */
  default NdArray wrap(
      java.lang.foreign.MemorySegment memory, DType dtype, AutoCloseable owner, long... shape) {
    return Wrapping.wrap(backend(), memory, dtype, shape, java.util.Objects.requireNonNull(owner));
  }

  /**
   * An array over a direct or heap {@link java.nio.ByteBuffer}'s bytes from its position to its
   * limit, without a copy, as {@link #wrap(java.lang.foreign.MemorySegment, DType, long...)} (the
   * buffer's byte order setting plays no part: elements are little-endian).
   *
   * @param buffer the buffer whose bytes the array views
   * @param dtype the element type of the result
   * @param shape the dimensions of the result
   * @return an array over the buffer
   */
  default NdArray wrap(java.nio.ByteBuffer buffer, DType dtype, long... shape) {
    return Wrapping.wrap(backend(), buffer, dtype, shape);
  }

  /**
   * A float64 array over {@code data} without a copy (writes reach {@code data}).
   *
   * @param data the elements in C (row-major) order
   * @param shape the dimensions of the result
   * @return an array over the Java array
   */
  default NdArray wrap(double[] data, long... shape) {
    return wrapHeap(
        java.lang.foreign.MemorySegment.ofArray(data), DType.FLOAT64, data.length, shape);
  }

  /**
   * A float32 array over {@code data} without a copy.
   *
   * @param data the elements in C (row-major) order
   * @param shape the dimensions of the result
   * @return an array over the Java array
   */
  default NdArray wrap(float[] data, long... shape) {
    return wrapHeap(
        java.lang.foreign.MemorySegment.ofArray(data), DType.FLOAT32, data.length, shape);
  }

  /**
   * An int64 array over {@code data} without a copy.
   *
   * @param data the elements in C (row-major) order
   * @param shape the dimensions of the result
   * @return an array over the Java array
   */
  default NdArray wrap(long[] data, long... shape) {
    return wrapHeap(java.lang.foreign.MemorySegment.ofArray(data), DType.INT64, data.length, shape);
  }

  /**
   * An int32 array over {@code data} without a copy.
   *
   * @param data the elements in C (row-major) order
   * @param shape the dimensions of the result
   * @return an array over the Java array
   */
  default NdArray wrap(int[] data, long... shape) {
    return wrapHeap(java.lang.foreign.MemorySegment.ofArray(data), DType.INT32, data.length, shape);
  }

  /**
   * An int16 array over {@code data} without a copy.
   *
   * @param data the elements in C (row-major) order
   * @param shape the dimensions of the result
   * @return an array over the Java array
   */
  default NdArray wrap(short[] data, long... shape) {
    return wrapHeap(java.lang.foreign.MemorySegment.ofArray(data), DType.INT16, data.length, shape);
  }

  /**
   * An int8 array over {@code data} without a copy ({@code .view(DType.UINT8)} reads bytes).
   *
   * @param data the elements in C (row-major) order
   * @param shape the dimensions of the result
   * @return an array over the Java array
   */
  default NdArray wrap(byte[] data, long... shape) {
    return wrapHeap(java.lang.foreign.MemorySegment.ofArray(data), DType.INT8, data.length, shape);
  }

  private NdArray wrapHeap(
      java.lang.foreign.MemorySegment memory, DType dtype, long length, long[] shape) {
    long[] sh = shape.length == 0 ? new long[] {length} : shape;
    if (Shape.checkedSize(sh, dtype) != length) {
      throw new IllegalArgumentException(
          "cannot reshape array of size " + length + " into shape " + Shape.format(sh, ","));
    }
    return Wrapping.wrap(backend(), memory, dtype, sh);
  }

  /**
   * NumPy's {@code frombuffer(buffer, dtype)}: a 1-d array over all of the buffer's remaining
   * bytes, without a copy (read-only when the buffer is).
   *
   * @param buffer the buffer whose bytes the array views
   * @param dtype the element type of the result
   * @return a 1-d array over the buffer
   * @throws IllegalArgumentException "buffer size must be a multiple of element size"
   */
  default NdArray frombuffer(java.nio.ByteBuffer buffer, DType dtype) {
    return frombuffer(buffer, dtype, -1, 0);
  }

  /**
   * NumPy's {@code frombuffer(buffer, dtype, count, offset)}: {@code count} elements ({@code -1}:
   * as many as fit) from byte {@code offset} of the buffer's remaining bytes, without a copy.
   *
   * @param buffer the buffer whose bytes the array views
   * @param dtype the element type of the result
   * @param count the number of elements to read, or -1 for all that remain
   * @param offset the byte offset of the first element
   * @return a 1-d array over the buffer
   * @throws IllegalArgumentException in NumPy's words ("buffer is smaller than requested size",
   *     "offset must be non-negative and no greater than buffer length (10)")
   */
  default NdArray frombuffer(java.nio.ByteBuffer buffer, DType dtype, long count, long offset) {
    return Wrapping.frombuffer(
        backend(), java.lang.foreign.MemorySegment.ofBuffer(buffer), dtype, count, offset);
  }

  /**
   * {@code frombuffer} over a memory segment, as {@link #frombuffer(java.nio.ByteBuffer, DType,
   * long, long)}.
   *
   * @param memory the memory to view; it must outlive the array
   * @param dtype the element type of the result
   * @param count the number of elements to read, or -1 for all that remain
   * @param offset the byte offset of the first element
   * @return a 1-d array over the memory
   */
  default NdArray frombuffer(
      java.lang.foreign.MemorySegment memory, DType dtype, long count, long offset) {
    return Wrapping.frombuffer(backend(), memory, dtype, count, offset);
  }

  /**
   * NumPy's {@code loadtxt}: a table of numbers in text, one row per line ({@link TextOptions}
   * carries dtype, comments, delimiter, skiprows, usecols, ndmin and max_rows). Numbers are read as
   * NumPy reads them ({@code nan}, {@code inf}, {@code 1e3}, {@code .5}; no hex, no underscores);
   * integers out of the dtype's range are errors.
   *
   * @param text the text to read
   * @param options NumPy's keyword arguments of this function
   * @return a new array
   * @throws IllegalArgumentException in NumPy's words: "could not convert string 'a' to float64 at
   *     row 0, column 2.", "the number of columns changed from 3 to 2 at row 2; use `usecols` to
   *     select a subset and avoid this error"
   */
  default NdArray loadtxt(java.io.Reader text, TextOptions options) {
    try {
      StringBuilder b = new StringBuilder();
      text.transferTo(
          new java.io.Writer() {
            @Override
            public void write(char[] c, int off, int len) {
              b.append(c, off, len);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
          });
      return TextFiles.load(this, b.toString(), options);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * {@code loadtxt} of a UTF-8 text file.
   *
   * @param file the file
   * @param options NumPy's keyword arguments of this function
   * @return a new array
   */
  default NdArray loadtxt(java.nio.file.Path file, TextOptions options) {
    try {
      return TextFiles.load(this, java.nio.file.Files.readString(file), options);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * A float64 array of a copy of {@code data}, 1-d or of {@code shape} ({@code
   * np.array(data).reshape(shape)}).
   *
   * @param data the elements in C (row-major) order
   * @param shape the result's shape, or none for 1-d
   * @return a new array
   */
  default NdArray array(double[] data, long... shape) {
    return array(data, null, shape);
  }

  /**
   * A float32 array of a copy of {@code data}, 1-d or of {@code shape} ({@code
   * np.array(data).reshape(shape)}).
   *
   * @param data the elements in C (row-major) order
   * @param shape the result's shape, or none for 1-d
   * @return a new array
   */
  default NdArray array(float[] data, long... shape) {
    return array(data, null, shape);
  }

  /**
   * A int64 array of a copy of {@code data}, 1-d or of {@code shape} ({@code
   * np.array(data).reshape(shape)}).
   *
   * @param data the elements in C (row-major) order
   * @param shape the result's shape, or none for 1-d
   * @return a new array
   */
  default NdArray array(long[] data, long... shape) {
    return array(data, null, shape);
  }

  /**
   * A int32 array of a copy of {@code data}, 1-d or of {@code shape} ({@code
   * np.array(data).reshape(shape)}).
   *
   * @param data the elements in C (row-major) order
   * @param shape the result's shape, or none for 1-d
   * @return a new array
   */
  default NdArray array(int[] data, long... shape) {
    return array(data, null, shape);
  }

  /**
   * A int16 array of a copy of {@code data}, 1-d or of {@code shape} ({@code
   * np.array(data).reshape(shape)}).
   *
   * @param data the elements in C (row-major) order
   * @param shape the result's shape, or none for 1-d
   * @return a new array
   */
  default NdArray array(short[] data, long... shape) {
    return array(data, null, shape);
  }

  /**
   * A int8 array of a copy of {@code data}, 1-d or of {@code shape} ({@code
   * np.array(data).reshape(shape)}).
   *
   * @param data the elements in C (row-major) order
   * @param shape the result's shape, or none for 1-d
   * @return a new array
   */
  default NdArray array(byte[] data, long... shape) {
    return array(data, null, shape);
  }

  /**
   * A bool array of a copy of {@code data}, 1-d or of {@code shape} ({@code
   * np.array(data).reshape(shape)}).
   *
   * @param data the elements in C (row-major) order
   * @param shape the result's shape, or none for 1-d
   * @return a new array
   */
  default NdArray array(boolean[] data, long... shape) {
    return array(data, null, shape);
  }

  /**
   * A 2-d float64 array of a copy of the rectangular {@code data} ({@code np.array(data)}).
   *
   * @param data the rows, all of one length
   * @return a new array
   */
  default NdArray array(double[][] data) {
    return array(data, null);
  }

  /**
   * A 2-d float32 array of a copy of the rectangular {@code data} ({@code np.array(data)}).
   *
   * @param data the rows, all of one length
   * @return a new array
   */
  default NdArray array(float[][] data) {
    return array(data, null);
  }

  /**
   * A 2-d int64 array of a copy of the rectangular {@code data} ({@code np.array(data)}).
   *
   * @param data the rows, all of one length
   * @return a new array
   */
  default NdArray array(long[][] data) {
    return array(data, null);
  }

  /**
   * A 2-d int32 array of a copy of the rectangular {@code data} ({@code np.array(data)}).
   *
   * @param data the rows, all of one length
   * @return a new array
   */
  default NdArray array(int[][] data) {
    return array(data, null);
  }

  /**
   * A random generator on this backend; the same seed gives the same bits on every backend.
   *
   * @param seed the seed
   * @return the generator
   */
  default Generator random(long seed) {
    return new Generator(backend(), seed);
  }

  /**
   * NumPy's {@code default_rng(seed)} on this backend: PCG64 through NumPy's SeedSequence, giving
   * bit for bit NumPy's numbers for the same seed and calls (drawn on the host).
   *
   * @param seed the seed
   * @return the generator
   */
  default io.ndj.random.NumpyGenerator defaultRng(long seed) {
    return new io.ndj.random.NumpyGenerator(backend(), seed);
  }
}
