package io.ndj;

import io.ndj.spi.BackendProvider;
import io.ndj.spi.BinaryOp;
import java.util.List;

/**
 * Entry point: the default backend, backends by name, scopes, and NumPy's creation functions on the
 * default backend ({@code Nd.arange(6).reshape(2, 3)}).
 *
 * <p>The default backend is the system property {@code ndj.backend}, else the environment variable
 * {@code NDJ_BACKEND}, else the available provider with the highest priority (cuda, then nd4j, then
 * cpu). It is chosen once, on first use.
 */
public final class Nd {
  private Nd() {}

  /**
   * The default backend.
   *
   * @return the default backend
   * @throws IllegalStateException if the named backend is unavailable (with why), or none is
   *     available
   */
  public static Backend backend() {
    return Backends.defaultBackend();
  }

  /**
   * The backend named {@code name}, created on first use and shared afterwards.
   *
   * @param name the backend's name ({@code "cpu"}, {@code "cuda"}, {@code "nd4j"}), or {@code
   *     name:device} for one device of several ({@code "cuda:1"}, the second GPU; {@code "cuda:0"}
   *     is {@code "cuda"})
   * @return the backend
   * @throws IllegalArgumentException if no provider has that name, or it has no such device
   * @throws UnsupportedOperationException for a device past 0 of a backend of one device (cpu)
   * @throws IllegalStateException if it is unavailable here, with the reason
   */
  public static Backend backend(String name) {
    return Backends.get(name);
  }

  /**
   * Every backend provider found, highest priority first, available or not.
   *
   * @return the providers
   */
  public static List<BackendProvider> providers() {
    return Backends.providers();
  }

  /**
   * Opens a scope that closes, on close, the arrays this thread creates meanwhile.
   *
   * @return the scope; close it (try-with-resources) to close the arrays
   */
  public static Scope scope() {
    return new Scope();
  }

  /**
   * An uninitialised float64 array on the default backend, NumPy's {@code np.empty(shape)}.
   *
   * @param shape the dimensions of the result
   * @return a new array
   */
  public static NdArray empty(long... shape) {
    return backend().empty(shape);
  }

  /**
   * An uninitialised array of {@code dtype} on the default backend, NumPy's {@code np.empty(shape,
   * dtype)}.
   *
   * @param dtype the element type of the result
   * @param shape the dimensions of the result
   * @return a new array
   */
  public static NdArray empty(DType dtype, long... shape) {
    return backend().empty(dtype, shape);
  }

  /**
   * A float64 array of zeros on the default backend, NumPy's {@code np.zeros(shape)}.
   *
   * @param shape the dimensions of the result
   * @return a new array
   */
  public static NdArray zeros(long... shape) {
    return backend().zeros(shape);
  }

  /**
   * An array of zeros of {@code dtype} on the default backend, NumPy's {@code np.zeros(shape,
   * dtype)}.
   *
   * @param dtype the element type of the result
   * @param shape the dimensions of the result
   * @return a new array
   */
  public static NdArray zeros(DType dtype, long... shape) {
    return backend().zeros(dtype, shape);
  }

  /**
   * A float64 array of ones on the default backend, NumPy's {@code np.ones(shape)}.
   *
   * @param shape the dimensions of the result
   * @return a new array
   */
  public static NdArray ones(long... shape) {
    return backend().ones(shape);
  }

  /**
   * An array of ones of {@code dtype} on the default backend, NumPy's {@code np.ones(shape,
   * dtype)}.
   *
   * @param dtype the element type of the result
   * @param shape the dimensions of the result
   * @return a new array
   */
  public static NdArray ones(DType dtype, long... shape) {
    return backend().ones(dtype, shape);
  }

  /**
   * An array filled with {@code value} on the default backend, NumPy's {@code np.full(shape,
   * value)}: int64 for an integral value, float64 for a floating one.
   *
   * @param value the fill value
   * @param shape the dimensions of the result
   * @return a new array
   */
  public static NdArray full(Number value, long... shape) {
    return backend().full(value, shape);
  }

  /**
   * An array of {@code dtype} filled with {@code value} on the default backend, NumPy's {@code
   * np.full(shape, value, dtype)}.
   *
   * @param value the fill value
   * @param dtype the element type of the result
   * @param shape the dimensions of the result
   * @return a new array
   */
  public static NdArray full(Number value, DType dtype, long... shape) {
    return backend().full(value, dtype, shape);
  }

  /**
   * A 0-d array holding {@code value} on the default backend (int64 for an integral value, float64
   * otherwise).
   *
   * @param value the value
   * @return a new 0-d array
   */
  public static NdArray scalar(Number value) {
    return backend().scalar(value);
  }

  /**
   * A 0-d bool array on the default backend.
   *
   * @param value the value
   * @return a new 0-d array
   */
  public static NdArray scalar(boolean value) {
    return backend().scalar(value);
  }

  /**
   * Same shape and dtype as {@code x}, on x's backend, contents unspecified.
   *
   * @param x the input array; not modified
   * @return a new array
   */
  public static NdArray emptyLike(NdArray x) {
    return x.backend().empty(x.dtype(), x.shape().dims());
  }

  /**
   * Zeros of x's shape and dtype, on x's backend (NumPy's {@code zeros_like}).
   *
   * @param x the array whose shape and dtype are taken
   * @return a new array
   */
  public static NdArray zerosLike(NdArray x) {
    return x.backend().zeros(x.dtype(), x.shape().dims());
  }

  /**
   * Ones of x's shape and dtype, on x's backend (NumPy's {@code ones_like}).
   *
   * @param x the array whose shape and dtype are taken
   * @return a new array
   */
  public static NdArray onesLike(NdArray x) {
    return x.backend().ones(x.dtype(), x.shape().dims());
  }

  /**
   * {@code value} in x's shape and dtype, on x's backend (NumPy's {@code full_like}).
   *
   * @param x the array whose shape and dtype are taken
   * @param value the fill value
   * @return a new array
   */
  public static NdArray fullLike(NdArray x, Number value) {
    return x.backend().full(value, x.dtype(), x.shape().dims());
  }

  /**
   * {@code [0, stop)} as int64 on the default backend (NumPy's {@code arange(stop)}).
   *
   * @param stop the end, excluded
   * @return a new 1-d array
   */
  public static NdArray arange(long stop) {
    return backend().arange(stop);
  }

  /**
   * {@code [start, stop)} as int64 on the default backend (NumPy's {@code arange(start, stop)}).
   *
   * @param start the first value
   * @param stop the end, excluded
   * @return a new 1-d array
   */
  public static NdArray arange(long start, long stop) {
    return backend().arange(start, stop);
  }

  /**
   * {@code start, start + step, ...} before {@code stop}, as int64 on the default backend (NumPy's
   * {@code arange(start, stop, step)}).
   *
   * @param start the first value
   * @param stop the end, excluded
   * @param step the step, not 0
   * @return a new 1-d array
   */
  public static NdArray arange(long start, long stop, long step) {
    return backend().arange(start, stop, step);
  }

  /**
   * NumPy's float {@code arange(start, stop, step)} on the default backend: {@code ceil((stop -
   * start) / step)} float64 values.
   *
   * @param start the first value
   * @param stop the end, excluded
   * @param step the step, not 0
   * @return a new 1-d array
   */
  public static NdArray arange(double start, double stop, double step) {
    return backend().arange(start, stop, step);
  }

  /**
   * NumPy's {@code arange(start, stop, step, dtype)} on the default backend.
   *
   * @param start the first value
   * @param stop the end, excluded
   * @param step the step, not 0
   * @param dtype the element type of the result
   * @return a new 1-d array
   */
  public static NdArray arange(double start, double stop, double step, DType dtype) {
    return backend().arange(start, stop, step, dtype);
  }

  /**
   * {@code num} evenly spaced float64 values from start to stop, both included (NumPy's {@code
   * linspace}), on the default backend.
   *
   * @param start the first value
   * @param stop the end of the interval
   * @param num the number of values
   * @return a new 1-d array
   */
  public static NdArray linspace(double start, double stop, long num) {
    return backend().linspace(start, stop, num);
  }

  /**
   * NumPy's {@code linspace(start, stop, num, endpoint, dtype)} on the default backend.
   *
   * @param start the first value
   * @param stop the end of the interval
   * @param num the number of values
   * @param endpoint whether {@code stop} is the last value (otherwise the interval excludes it)
   * @param dtype the element type of the result
   * @return a new 1-d array
   */
  public static NdArray linspace(
      double start, double stop, long num, boolean endpoint, DType dtype) {
    return backend().linspace(start, stop, num, endpoint, dtype);
  }

  /**
   * The n x n float64 identity matrix on the default backend (NumPy's {@code eye(n)}).
   *
   * @param n the number of rows and columns
   * @return a new array
   */
  public static NdArray eye(long n) {
    return backend().eye(n);
  }

  /**
   * An n x m array with ones on diagonal {@code k} on the default backend (NumPy's {@code eye(n, m,
   * k, dtype)}).
   *
   * @param n the number of rows
   * @param m the number of columns
   * @param k the diagonal: 0 the main one, positive above it, negative below
   * @param dtype the element type of the result
   * @return a new array
   */
  public static NdArray eye(long n, long m, long k, DType dtype) {
    return backend().eye(n, m, k, dtype);
  }

  /**
   * The n x n float64 identity matrix on the default backend (NumPy's {@code identity(n)}).
   *
   * @param n the number of rows and columns
   * @return a new array
   */
  public static NdArray identity(long n) {
    return backend().identity(n);
  }

  /**
   * An array of a copy of Java data on the default backend (NumPy's {@code array(data,
   * dtype).reshape(shape)}); see {@link ArrayFactory#array(Object, DType, long...)}.
   *
   * @param data a 1-d primitive array or a rectangular 2-d one
   * @param dtype the result's dtype, or {@code null} for the data's own
   * @param shape the result's shape, or none for the data's own
   * @return a new array
   */
  public static NdArray array(Object data, DType dtype, long... shape) {
    return backend().array(data, dtype, shape);
  }

  /**
   * An array over {@code memory} on the default backend, without a copy ({@link
   * ArrayFactory#wrap(java.lang.foreign.MemorySegment, DType, long...)}).
   *
   * @param memory the memory to view; it must outlive the array
   * @param dtype the element type of the result
   * @param shape the dimensions of the result
   * @return an array over the memory
   */
  public static NdArray wrap(java.lang.foreign.MemorySegment memory, DType dtype, long... shape) {
    return backend().wrap(memory, dtype, shape);
  }

  /**
   * An array over a ByteBuffer's remaining bytes, without a copy.
   *
   * @param buffer the buffer whose bytes the array views
   * @param dtype the element type of the result
   * @param shape the dimensions of the result
   * @return an array over the buffer
   */
  public static NdArray wrap(java.nio.ByteBuffer buffer, DType dtype, long... shape) {
    return backend().wrap(buffer, dtype, shape);
  }

  /**
   * A float64 array over {@code data}, without a copy.
   *
   * @param data the elements in C (row-major) order
   * @param shape the dimensions of the result
   * @return an array over the Java array
   */
  public static NdArray wrap(double[] data, long... shape) {
    return backend().wrap(data, shape);
  }

  /**
   * A float32 array over {@code data}, without a copy.
   *
   * @param data the elements in C (row-major) order
   * @param shape the dimensions of the result
   * @return an array over the Java array
   */
  public static NdArray wrap(float[] data, long... shape) {
    return backend().wrap(data, shape);
  }

  /**
   * An int64 array over {@code data}, without a copy.
   *
   * @param data the elements in C (row-major) order
   * @param shape the dimensions of the result
   * @return an array over the Java array
   */
  public static NdArray wrap(long[] data, long... shape) {
    return backend().wrap(data, shape);
  }

  /**
   * An int32 array over {@code data}, without a copy.
   *
   * @param data the elements in C (row-major) order
   * @param shape the dimensions of the result
   * @return an array over the Java array
   */
  public static NdArray wrap(int[] data, long... shape) {
    return backend().wrap(data, shape);
  }

  /**
   * An int16 array over {@code data}, without a copy.
   *
   * @param data the elements in C (row-major) order
   * @param shape the dimensions of the result
   * @return an array over the Java array
   */
  public static NdArray wrap(short[] data, long... shape) {
    return backend().wrap(data, shape);
  }

  /**
   * An int8 array over {@code data}, without a copy.
   *
   * @param data the elements in C (row-major) order
   * @param shape the dimensions of the result
   * @return an array over the Java array
   */
  public static NdArray wrap(byte[] data, long... shape) {
    return backend().wrap(data, shape);
  }

  /**
   * NumPy's {@code frombuffer(buffer, dtype)}, without a copy.
   *
   * @param buffer the buffer whose bytes the array views
   * @param dtype the element type of the result
   * @return a 1-d array over the buffer
   */
  public static NdArray frombuffer(java.nio.ByteBuffer buffer, DType dtype) {
    return backend().frombuffer(buffer, dtype);
  }

  /**
   * NumPy's {@code frombuffer(buffer, dtype, count, offset)}, without a copy.
   *
   * @param buffer the buffer whose bytes the array views
   * @param dtype the element type of the result
   * @param count the number of elements to read, or -1 for all that remain
   * @param offset the byte offset of the first element
   * @return a 1-d array over the buffer
   */
  public static NdArray frombuffer(
      java.nio.ByteBuffer buffer, DType dtype, long count, long offset) {
    return backend().frombuffer(buffer, dtype, count, offset);
  }

  /**
   * NumPy's {@code savetxt(file, x)}: a 1-d or 2-d array as text, each element as {@code %.18e}.
   * The file is replaced whole, or left as it was when the array cannot be formatted.
   *
   * @param file the file
   * @param x the 1-d or 2-d array written; not modified
   */
  public static void savetxt(java.nio.file.Path file, NdArray x) {
    savetxt(file, x, TextOptions.defaults());
  }

  /**
   * NumPy's {@code savetxt} with its keyword arguments ({@link TextOptions}: fmt as Python's
   * %-formats, delimiter, newline, header, footer, comments).
   *
   * @param file the file
   * @param x the 1-d or 2-d array written; not modified
   * @param options NumPy's keyword arguments of this function
   * @throws IllegalArgumentException in NumPy's words ("Expected 1D or 2D array, got 3D array
   *     instead", "fmt has wrong number of % formats: %d,%d", "Mismatch between array dtype
   *     ('float64') and format specifier ('%x')")
   */
  public static void savetxt(java.nio.file.Path file, NdArray x, TextOptions options) {
    TextFiles.write(file, TextFiles.format(x, options));
  }

  /**
   * {@code savetxt} to a Writer (nothing is written when the array cannot be formatted).
   *
   * @param out the writer
   * @param x the 1-d or 2-d array written; not modified
   * @param options NumPy's keyword arguments of this function
   */
  public static void savetxt(java.io.Writer out, NdArray x, TextOptions options) {
    String text = TextFiles.format(x, options);
    try {
      out.write(text);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * The dtype and shape a {@code .npy} file holds, from its header alone (NumPy's {@code
   * np.lib.format.read_array_header}): for checking shards before reading any of them.
   *
   * @param file the file
   * @return the dtype, shape and order the header gives
   * @throws IllegalArgumentException for a file that is not a readable .npy of an ndj dtype
   */
  public static NpyInfo loadHeader(java.nio.file.Path file) {
    try (java.io.InputStream in =
        new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(file))) {
      NpyHeader h = NpyHeader.read(in, file.toString());
      return new NpyInfo(h.dtype(), h.shape().clone());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * {@link #loadHeader(java.nio.file.Path)} from a stream positioned at a {@code .npy}'s first byte
   * (a file of another file system: Hadoop's, an object store's); reads the header only and does
   * not close the stream.
   *
   * @param in the stream
   * @param name the name messages give for it
   * @return the dtype, shape and order the header gives
   * @throws IllegalArgumentException for bytes that are not a readable .npy of an ndj dtype
   */
  public static NpyInfo loadHeader(java.io.InputStream in, String name) {
    try {
      NpyHeader h = NpyHeader.read(in, name);
      return new NpyInfo(h.dtype(), h.shape().clone());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * NumPy's {@code loadtxt(file)} on the default backend: float64, whitespace-separated.
   *
   * @param file the file
   * @return a new array
   */
  public static NdArray loadtxt(java.nio.file.Path file) {
    return backend().loadtxt(file, TextOptions.defaults());
  }

  /**
   * NumPy's {@code loadtxt} with its keyword arguments, on the default backend.
   *
   * @param file the file
   * @param options NumPy's keyword arguments of this function
   * @return a new array
   */
  public static NdArray loadtxt(java.nio.file.Path file, TextOptions options) {
    return backend().loadtxt(file, options);
  }

  /**
   * {@code loadtxt} from a Reader, on the default backend.
   *
   * @param text the text to read
   * @param options NumPy's keyword arguments of this function
   * @return a new array
   */
  public static NdArray loadtxt(java.io.Reader text, TextOptions options) {
    return backend().loadtxt(text, options);
  }

  /**
   * A float64 array of a copy of {@code data} on the default backend, 1-d or of {@code shape}.
   *
   * @param data the elements in C (row-major) order
   * @param shape the result's shape, or none for 1-d
   * @return a new array
   */
  public static NdArray array(double[] data, long... shape) {
    return backend().array(data, shape);
  }

  /**
   * A float32 array of a copy of {@code data} on the default backend, 1-d or of {@code shape}.
   *
   * @param data the elements in C (row-major) order
   * @param shape the result's shape, or none for 1-d
   * @return a new array
   */
  public static NdArray array(float[] data, long... shape) {
    return backend().array(data, shape);
  }

  /**
   * An int64 array of a copy of {@code data} on the default backend, 1-d or of {@code shape}.
   *
   * @param data the elements in C (row-major) order
   * @param shape the result's shape, or none for 1-d
   * @return a new array
   */
  public static NdArray array(long[] data, long... shape) {
    return backend().array(data, shape);
  }

  /**
   * An int32 array of a copy of {@code data} on the default backend, 1-d or of {@code shape}.
   *
   * @param data the elements in C (row-major) order
   * @param shape the result's shape, or none for 1-d
   * @return a new array
   */
  public static NdArray array(int[] data, long... shape) {
    return backend().array(data, shape);
  }

  /**
   * An int16 array of a copy of {@code data} on the default backend, 1-d or of {@code shape}.
   *
   * @param data the elements in C (row-major) order
   * @param shape the result's shape, or none for 1-d
   * @return a new array
   */
  public static NdArray array(short[] data, long... shape) {
    return backend().array(data, shape);
  }

  /**
   * An int8 array of a copy of {@code data} on the default backend, 1-d or of {@code shape}.
   *
   * @param data the elements in C (row-major) order
   * @param shape the result's shape, or none for 1-d
   * @return a new array
   */
  public static NdArray array(byte[] data, long... shape) {
    return backend().array(data, shape);
  }

  /**
   * A bool array of a copy of {@code data} on the default backend, 1-d or of {@code shape}.
   *
   * @param data the elements in C (row-major) order
   * @param shape the result's shape, or none for 1-d
   * @return a new array
   */
  public static NdArray array(boolean[] data, long... shape) {
    return backend().array(data, shape);
  }

  /**
   * A 2-d float64 array of a copy of the rectangular {@code data} on the default backend.
   *
   * @param data the rows, all of one length
   * @return a new array
   */
  public static NdArray array(double[][] data) {
    return backend().array(data);
  }

  /**
   * A 2-d float32 array of a copy of the rectangular {@code data} on the default backend.
   *
   * @param data the rows, all of one length
   * @return a new array
   */
  public static NdArray array(float[][] data) {
    return backend().array(data);
  }

  /**
   * A 2-d int64 array of a copy of the rectangular {@code data} on the default backend.
   *
   * @param data the rows, all of one length
   * @return a new array
   */
  public static NdArray array(long[][] data) {
    return backend().array(data);
  }

  /**
   * A 2-d int32 array of a copy of the rectangular {@code data} on the default backend.
   *
   * @param data the rows, all of one length
   * @return a new array
   */
  public static NdArray array(int[][] data) {
    return backend().array(data);
  }

  /**
   * NumPy's {@code numpy.fft}: {@code Nd.fft.fft(x)}, {@code Nd.fft.rfft2(x)}, {@code
   * Nd.fft.fftfreq(n, d)}, as {@code np.fft.fft(x)} reads in NumPy.
   */
  public static final Fft fft = Fft.INSTANCE;

  /**
   * See {@link ArrayFactory#complexArray(double[], long...)}: complex128 from (re, im) pairs.
   *
   * @param interleaved the (real, imaginary) pairs of the elements in C order
   * @param shape the result's shape, or none for 1-d
   * @return a new complex128 array
   */
  public static NdArray complexArray(double[] interleaved, long... shape) {
    return backend().complexArray(interleaved, shape);
  }

  /**
   * See {@link ArrayFactory#complexArray(float[], long...)}: complex64 from (re, im) pairs.
   *
   * @param interleaved the (real, imaginary) pairs of the elements in C order
   * @param shape the result's shape, or none for 1-d
   * @return a new complex64 array
   */
  public static NdArray complexArray(float[] interleaved, long... shape) {
    return backend().complexArray(interleaved, shape);
  }

  /**
   * {@code re + 1j*im}, broadcast, on their backend: complex64 where both fit float32 (as NumPy's
   * promotion gives), complex128 otherwise.
   *
   * @param re the real parts
   * @param im the imaginary parts
   * @return a new complex array
   */
  public static NdArray complex(NdArray re, NdArray im) {
    if (re.backend() != im.backend()) {
      throw Ufunc.mixed(re, im);
    }
    return re.backend().complex(re, im);
  }

  /**
   * NumPy's {@code np.real(x)}: see {@link NdArray#real()}.
   *
   * @param x the input array; not modified
   * @return the real parts (a view)
   */
  public static NdArray real(NdArray x) {
    return x.real();
  }

  /**
   * NumPy's {@code np.imag(x)}: see {@link NdArray#imag()}.
   *
   * @param x the input array; not modified
   * @return the imaginary parts
   */
  public static NdArray imag(NdArray x) {
    return x.imag();
  }

  /**
   * NumPy's {@code np.conj(x)}.
   *
   * @param x the input array; not modified
   * @return a new array
   */
  public static NdArray conj(NdArray x) {
    return x.conj();
  }

  /**
   * NumPy's {@code np.angle(x)} in radians.
   *
   * @param x the input array; not modified
   * @return a new float array
   */
  public static NdArray angle(NdArray x) {
    return x.angle();
  }

  /**
   * NumPy's {@code np.angle(x, deg)}: in degrees when {@code deg}.
   *
   * @param x the input array; not modified
   * @param deg whether to return degrees instead of radians
   * @return a new float array
   */
  public static NdArray angle(NdArray x, boolean deg) {
    NdArray a = x.angle();
    if (!deg) {
      return a;
    }
    try (a) {
      return a.mul(180 / Math.PI);
    }
  }

  /**
   * NumPy's {@code np.iscomplexobj(x)}: whether x's dtype is complex.
   *
   * @param x the input array; not modified
   * @return whether the dtype is complex
   */
  public static boolean iscomplexobj(NdArray x) {
    return x.dtype().isComplex();
  }

  /**
   * {@code cond ? a : b} elementwise, broadcast; a and b promoted to one dtype.
   *
   * @param cond where true, take the element of {@code a}, else of {@code b}
   * @param a the values where cond is true
   * @param b the values where cond is false
   * @return a new array of the broadcast shape
   */
  public static NdArray where(NdArray cond, NdArray a, NdArray b) {
    return Selection.where(cond, a, b);
  }

  /**
   * {@code a - b} with a scalar on the left.
   *
   * @param a the first operand
   * @param b the second operand, broadcast against the first
   * @return a new array of the broadcast shape
   */
  public static NdArray subtract(Number a, NdArray b) {
    return Ufunc.binary(io.ndj.spi.BinaryOp.SUBTRACT, b, a, true);
  }

  /**
   * {@code a / b} with a scalar on the left.
   *
   * @param a the first operand
   * @param b the second operand, broadcast against the first
   * @return a new array of the broadcast shape
   */
  public static NdArray divide(Number a, NdArray b) {
    return Ufunc.binary(io.ndj.spi.BinaryOp.DIVIDE, b, a, true);
  }

  /**
   * {@code a // b} with a scalar on the left.
   *
   * @param a the first operand
   * @param b the second operand, broadcast against the first
   * @return a new array of the broadcast shape
   */
  public static NdArray floorDivide(Number a, NdArray b) {
    return Ufunc.binary(io.ndj.spi.BinaryOp.FLOOR_DIVIDE, b, a, true);
  }

  /**
   * {@code a % b} with a scalar on the left.
   *
   * @param a the first operand
   * @param b the second operand, broadcast against the first
   * @return a new array of the broadcast shape
   */
  public static NdArray mod(Number a, NdArray b) {
    return Ufunc.binary(io.ndj.spi.BinaryOp.MOD, b, a, true);
  }

  /**
   * {@code a ** b} with a scalar on the left.
   *
   * @param a the first operand
   * @param b the second operand, broadcast against the first
   * @return a new array of the broadcast shape
   */
  public static NdArray power(Number a, NdArray b) {
    return Ufunc.binary(io.ndj.spi.BinaryOp.POWER, b, a, true);
  }

  /**
   * A seeded generator on the default backend (Philox4x32-10; the same bits on every backend).
   *
   * @param seed the seed
   * @return the generator
   */
  public static Generator random(long seed) {
    return backend().random(seed);
  }

  /**
   * NumPy's {@code np.random.default_rng(seed)} on the default backend: the same numbers NumPy
   * gives for the same seed and calls (PCG64 and NumPy's algorithms, drawn on the host).
   *
   * @param seed the seed
   * @return the generator
   */
  public static io.ndj.random.NumpyGenerator defaultRng(long seed) {
    return backend().defaultRng(seed);
  }

  /**
   * For each axis, the indices where {@code cond} is non-zero (NumPy's one-argument {@code where}).
   *
   * @param cond the condition
   * @return one int64 array per axis
   */
  public static NdArray[] where(NdArray cond) {
    return Selection.nonzero(cond);
  }

  /**
   * Joins arrays along an existing axis; the dtype is their promotion.
   *
   * @param arrays the arrays, of one shape except along the axis
   * @param axis the axis to join along; negative counts from the end
   * @return a new array
   * @throws IllegalArgumentException naming the dimension and sizes that differ
   */
  public static NdArray concatenate(java.util.List<NdArray> arrays, int axis) {
    return Joins.concatenate(arrays.toArray(new NdArray[0]), axis);
  }

  /**
   * Joins arrays along their first axis (NumPy's {@code concatenate(arrays)}); the dtype is their
   * promotion.
   *
   * @param arrays the arrays, of one shape except along the first axis
   * @return a new array
   */
  public static NdArray concatenate(NdArray... arrays) {
    return Joins.concatenate(arrays, 0);
  }

  /**
   * Joins same-shaped arrays along a new axis.
   *
   * @param arrays the arrays, all of one shape
   * @param axis the position of the new axis in the result
   * @return a new array with one more axis
   */
  public static NdArray stack(java.util.List<NdArray> arrays, int axis) {
    return Joins.stack(arrays.toArray(new NdArray[0]), axis);
  }

  /**
   * Joins same-shaped arrays along a new first axis (NumPy's {@code stack(arrays)}).
   *
   * @param arrays the arrays, all of one shape
   * @return a new array with one more axis
   */
  public static NdArray stack(NdArray... arrays) {
    return Joins.stack(arrays, 0);
  }

  /**
   * Joins arrays horizontally: along axis 1, or axis 0 for 1-d arrays (NumPy's {@code hstack}).
   *
   * @param arrays the input arrays
   * @return a new array
   */
  public static NdArray hstack(NdArray... arrays) {
    return Joins.hstack(arrays);
  }

  /**
   * Joins arrays vertically: along axis 0, 1-d arrays as rows (NumPy's {@code vstack}).
   *
   * @param arrays the input arrays
   * @return a new array
   */
  public static NdArray vstack(NdArray... arrays) {
    return Joins.vstack(arrays);
  }

  /**
   * Views of {@code sections} equal parts along {@code axis}; an error if they cannot be equal.
   *
   * @param x the input array; not modified
   * @param sections the number of equal parts
   * @param axis the axis to split; negative counts from the end
   * @return the parts, as views
   */
  public static java.util.List<NdArray> split(NdArray x, int sections, int axis) {
    return Joins.split(x, sections, axis, true);
  }

  /**
   * Views split before each of {@code indices} along {@code axis}.
   *
   * @param x the input array; not modified
   * @param indices the positions to split before, ascending
   * @param axis the axis to split; negative counts from the end
   * @return the parts, as views
   */
  public static java.util.List<NdArray> split(NdArray x, long[] indices, int axis) {
    return Joins.split(x, indices, axis);
  }

  /**
   * Views of {@code sections} nearly equal parts (the first {@code n % sections} one longer).
   *
   * @param x the input array; not modified
   * @param sections the number of parts, at least 1
   * @param axis the axis to split; negative counts from the end
   * @return the parts, as views
   */
  public static java.util.List<NdArray> arraySplit(NdArray x, int sections, int axis) {
    return Joins.split(x, sections, axis, false);
  }

  /**
   * Pads with a constant: {@code widths[i] = {before, after}} for each axis.
   *
   * @param x the input array; not modified
   * @param widths for each axis the count of values added before and after
   * @param value the padding value
   * @return a new array
   */
  public static NdArray pad(NdArray x, long[][] widths, Number value) {
    return Joins.pad(x, widths, value);
  }

  /**
   * The matrix product (NumPy's {@code matmul}, the {@code @} operator): 1-d operands promoted to
   * matrices then squeezed, batch axes broadcast.
   *
   * @param a the left operand
   * @param b the right operand
   * @return a new array
   */
  public static NdArray matmul(NdArray a, NdArray b) {
    return LinAlg.matmul(a, b);
  }

  /**
   * NumPy's {@code dot}: the matrix product for 2-d operands, the inner product for 1-d, a sum over
   * a's last axis and b's second-to-last otherwise.
   *
   * @param a the left operand
   * @param b the right operand
   * @return a new array
   */
  public static NdArray dot(NdArray a, NdArray b) {
    return LinAlg.dot(a, b);
  }

  /**
   * Dot product of the flattened arrays.
   *
   * @param a the first operand (conjugated when complex)
   * @param b the second operand, of a's size
   * @return a new 0-d array
   */
  public static NdArray vdot(NdArray a, NdArray b) {
    return LinAlg.vdot(a, b);
  }

  /**
   * NumPy's {@code inner}: sums of products over the last axes of a and b.
   *
   * @param a the first operand
   * @param b the second operand, of a's last dimension
   * @return a new array of shape a.shape[:-1] + b.shape[:-1]
   */
  public static NdArray inner(NdArray a, NdArray b) {
    return LinAlg.inner(a, b);
  }

  /**
   * NumPy's {@code outer}: {@code a[i] * b[j]} of the flattened arrays.
   *
   * @param a the first operand
   * @param b the second operand
   * @return a new 2-d array
   */
  public static NdArray outer(NdArray a, NdArray b) {
    return LinAlg.outer(a, b);
  }

  /**
   * Sums products over {@code axesA} of a paired with {@code axesB} of b.
   *
   * @param a the first operand
   * @param b the second operand
   * @param axesA the axes of a summed over
   * @param axesB the axes of b summed over, paired with axesA
   * @return a new array of a's other axes followed by b's
   */
  public static NdArray tensordot(NdArray a, NdArray b, int[] axesA, int[] axesB) {
    return LinAlg.tensordot(a, b, axesA, axesB);
  }

  /**
   * Sums over the last {@code n} axes of a and the first n of b.
   *
   * @param a the first operand
   * @param b the second operand
   * @param n the number of axes summed over
   * @return a new array
   */
  public static NdArray tensordot(NdArray a, NdArray b, int n) {
    int[] xa = new int[n];
    int[] xb = new int[n];
    for (int i = 0; i < n; i++) {
      xa[i] = a.ndim() - n + i;
      xb[i] = i;
    }
    return LinAlg.tensordot(a, b, xa, xb);
  }

  /**
   * Reads a {@code .npy} file onto the default backend (format versions 1.0, 2.0 and 3.0, C or
   * Fortran order, either byte order). The header is read as NumPy reads it, a Python literal
   * ({@code "f8"}, {@code '<d'}, double quotes, duplicate keys of which the last wins); what NumPy
   * refuses is refused, in its words.
   *
   * @param path the file
   * @return a new array
   * @throws IllegalArgumentException naming the file and the problem: bad magic or version, a
   *     header NumPy cannot parse or whose keys, shape, fortran_order or descr are not valid, a
   *     dtype ndj does not have (uint16, complex, strings, structured, object: refused by name,
   *     never read as another dtype), a shape whose bytes overflow a long, truncated data or a
   *     header claiming more data than the file holds (checked before allocating)
   * @throws java.io.UncheckedIOException if the file cannot be read
   */
  public static NdArray load(java.nio.file.Path path) {
    return Npy.load(backend(), path);
  }

  /**
   * {@link #load(java.nio.file.Path)} onto {@code backend}.
   *
   * @param backend the backend the array is loaded onto
   * @param path the file
   * @return a new array
   */
  public static NdArray load(Backend backend, java.nio.file.Path path) {
    return Npy.load(backend, path);
  }

  /**
   * {@link #load(Backend, java.nio.file.Path)} from a stream positioned at a {@code .npy}'s first
   * byte (a file of another file system: Hadoop's, an object store's), with the same checks; the
   * stream is read to the array's end and not closed.
   *
   * @param backend the backend the array is loaded onto
   * @param in the stream
   * @param size the bytes the stream holds, or -1 when unknown (a header claiming more data than
   *     the stream holds then fails when the data runs out, rather than before allocating)
   * @param name the name messages give for it
   * @return a new array
   */
  public static NdArray load(Backend backend, java.io.InputStream in, long size, String name) {
    try {
      return Npy.read(backend, in, size, name);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes {@code x} as {@code .npy} bytes to a stream (as {@link #save(java.nio.file.Path,
   * NdArray)} writes a file), which is not closed.
   *
   * @param out the stream
   * @param x the array written; not modified
   */
  public static void save(java.io.OutputStream out, NdArray x) {
    try {
      Npy.write(out, x);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Writes {@code x} as {@code .npy} (format 1.0, or 2.0 for very long headers; C order; little
   * endian).
   *
   * @param path the file, replaced whole
   * @param x the array written; not modified
   */
  public static void save(java.nio.file.Path path, NdArray x) {
    Npy.save(path, x);
  }

  /**
   * Writes several arrays as an uncompressed {@code .npz} (NumPy's {@code savez}).
   *
   * @param path the file, replaced whole
   * @param arrays the arrays by name (each stored as NAME.npy)
   */
  public static void savez(java.nio.file.Path path, java.util.Map<String, NdArray> arrays) {
    Npy.savez(path, arrays, false);
  }

  /**
   * Writes several arrays as a deflated {@code .npz} (NumPy's {@code savez_compressed}).
   *
   * @param path the file, replaced whole
   * @param arrays the arrays by name (each stored as NAME.npy)
   */
  public static void savezCompressed(
      java.nio.file.Path path, java.util.Map<String, NdArray> arrays) {
    Npy.savez(path, arrays, true);
  }

  /**
   * Reads every array of a {@code .npz} onto the default backend, by name without {@code .npy} (the
   * caller closes them); of two members of one name the last wins, as in NumPy.
   *
   * @param path the file
   * @return the arrays by name
   * @throws IllegalArgumentException as {@link #load(java.nio.file.Path)} for a member, and for a
   *     damaged archive: a member whose CRC-32 does not match ({@code Bad CRC-32 for file
   *     'a.npy'}), or whose sizes cannot be true (checked before allocating); nothing read before
   *     the failure is left open
   * @throws java.io.UncheckedIOException if the file cannot be read
   */
  public static java.util.Map<String, NdArray> loadz(java.nio.file.Path path) {
    return Npy.loadz(backend(), path);
  }

  /**
   * {@link #loadz(java.nio.file.Path)} onto {@code backend}.
   *
   * @param backend the backend the arrays are loaded onto
   * @param path the file
   * @return the arrays by name
   */
  public static java.util.Map<String, NdArray> loadz(Backend backend, java.nio.file.Path path) {
    return Npy.loadz(backend, path);
  }

  // ---- NaN-aware reductions: NaN is skipped (integers and bools have none, so these equal the
  // plain ones) ----

  // ---- fusion: a chain of operations traced once and run as one program ----

  /**
   * Fuses a function of one array, as {@code cupy.fuse}: {@code Nd.fuse(x ->
   * x.sin().square().add(x.cos().square()))}. See {@link Fused}.
   *
   * @param f the function, traced once per shapes, dtypes and backend
   * @return the fused function
   */
  public static Fused fuse(Fused.Fn1 f) {
    return new Fused(1, a -> f.apply(a[0]));
  }

  /**
   * Fuses a function of two arrays: {@code Nd.fuse((x, y) -> x.multiply(2.0).add(y))}.
   *
   * @param f the function, traced once per shapes, dtypes and backend
   * @return the fused function
   */
  public static Fused fuse(Fused.Fn2 f) {
    return new Fused(2, a -> f.apply(a[0], a[1]));
  }

  /**
   * Fuses a function of three arrays.
   *
   * @param f the function, traced once per shapes, dtypes and backend
   * @return the fused function
   */
  public static Fused fuse(Fused.Fn3 f) {
    return new Fused(3, a -> f.apply(a[0], a[1], a[2]));
  }

  /**
   * Fuses a function of four arrays.
   *
   * @param f the function, traced once per shapes, dtypes and backend
   * @return the fused function
   */
  public static Fused fuse(Fused.Fn4 f) {
    return new Fused(4, a -> f.apply(a[0], a[1], a[2], a[3]));
  }

  /**
   * A reduction of one array from a map, a combining ufunc (add, multiply, maximum, minimum) and a
   * post-map, as CuPy's {@code ReductionKernel}: {@code Nd.reductionKernel(x -> x.square(),
   * BinaryUfunc.ADD, r -> r.sqrt()).apply(axis(-1), x)} is the L2 norm of each row.
   *
   * @param map the map applied to each element before combining
   * @param combine the combining ufunc
   * @param post the map applied to each reduced value, or {@code null} for none
   * @return the kernel
   */
  public static ReductionKernel reductionKernel(
      Fused.Fn1 map, BinaryUfunc combine, java.util.function.Function<Traced, Traced> post) {
    return new ReductionKernel(1, a -> map.apply(a[0]), combine, post);
  }

  /**
   * {@link #reductionKernel(Fused.Fn1, BinaryUfunc, java.util.function.Function)} of two arrays.
   *
   * @param map the map applied to each pair of elements before combining
   * @param combine the combining ufunc
   * @param post the map applied to each reduced value, or {@code null} for none
   * @return the kernel
   */
  public static ReductionKernel reductionKernel(
      Fused.Fn2 map, BinaryUfunc combine, java.util.function.Function<Traced, Traced> post) {
    return new ReductionKernel(2, a -> map.apply(a[0], a[1]), combine, post);
  }

  // ---- NumPy's keyword arguments of reductions: x.std(axis(1).ddof(1).keepdims()) ----

  /**
   * Options reducing over {@code axes}, NumPy's {@code axis=}: {@code x.sum(axis(0, 1))}; chain
   * {@code .keepdims()}, {@code .ddof(n)}, {@code .dtype(t)} (see {@link ReduceOptions}).
   *
   * @param axes the axes to reduce; negative counts from the end
   * @return the options
   */
  public static ReduceOptions axis(int... axes) {
    return ReduceOptions.DEFAULTS.axis(axes);
  }

  /**
   * Options over every axis keeping them as length 1, NumPy's {@code keepdims=True}.
   *
   * @return the options
   */
  public static ReduceOptions keepdims() {
    return ReduceOptions.DEFAULTS.keepdims();
  }

  /**
   * Options over every axis with {@code ddof}, as NumPy's {@code np.var(x, ddof=1)}.
   *
   * @param ddof delta degrees of freedom: the divisor is the count minus ddof
   * @return the options
   */
  public static ReduceOptions ddof(int ddof) {
    return ReduceOptions.DEFAULTS.ddof(ddof);
  }

  /**
   * Options over every axis accumulating in {@code dtype}, NumPy's {@code dtype=}.
   *
   * @param dtype the dtype to accumulate and return in
   * @return the options
   */
  public static ReduceOptions dtype(DType dtype) {
    return ReduceOptions.DEFAULTS.dtype(dtype);
  }

  /**
   * {@code np.nansum(x, axis=..., keepdims=...)}.
   *
   * @param x the input array; not modified
   * @param o the options NumPy takes as keyword arguments (axis, keepdims, ddof, dtype): {@code
   *     Nd.axis(1).keepdims()}
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public static NdArray nansum(NdArray x, ReduceOptions o) {
    o.check("nansum", false, true).noDtype("nansum");
    return nansum(x, o.axes(), o.isKeepdims());
  }

  /**
   * {@code np.nanprod(x, axis=..., keepdims=...)}.
   *
   * @param x the input array; not modified
   * @param o the options NumPy takes as keyword arguments (axis, keepdims, ddof, dtype): {@code
   *     Nd.axis(1).keepdims()}
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public static NdArray nanprod(NdArray x, ReduceOptions o) {
    o.check("nanprod", false, true).noDtype("nanprod");
    return nanprod(x, o.axes(), o.isKeepdims());
  }

  /**
   * {@code np.nanmean(x, axis=..., keepdims=...)}.
   *
   * @param x the input array; not modified
   * @param o the options NumPy takes as keyword arguments (axis, keepdims, ddof, dtype): {@code
   *     Nd.axis(1).keepdims()}
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public static NdArray nanmean(NdArray x, ReduceOptions o) {
    o.check("nanmean", false, true).noDtype("nanmean");
    return nanmean(x, o.axes(), o.isKeepdims());
  }

  /**
   * {@code np.nanvar(x, axis=..., ddof=..., keepdims=...)}.
   *
   * @param x the input array; not modified
   * @param o the options NumPy takes as keyword arguments (axis, keepdims, ddof, dtype): {@code
   *     Nd.axis(1).keepdims()}
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public static NdArray nanvar(NdArray x, ReduceOptions o) {
    o.check("nanvar", true, true).noDtype("nanvar");
    return nanvar(x, o.axes(), o.ddofOrZero(), o.isKeepdims());
  }

  /**
   * {@code np.nanstd(x, axis=..., ddof=..., keepdims=...)}.
   *
   * @param x the input array; not modified
   * @param o the options NumPy takes as keyword arguments (axis, keepdims, ddof, dtype): {@code
   *     Nd.axis(1).keepdims()}
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public static NdArray nanstd(NdArray x, ReduceOptions o) {
    o.check("nanstd", true, true).noDtype("nanstd");
    return nanstd(x, o.axes(), o.ddofOrZero(), o.isKeepdims());
  }

  /**
   * {@code np.nanmin(x, axis=..., keepdims=...)}.
   *
   * @param x the input array; not modified
   * @param o the options NumPy takes as keyword arguments (axis, keepdims, ddof, dtype): {@code
   *     Nd.axis(1).keepdims()}
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public static NdArray nanmin(NdArray x, ReduceOptions o) {
    o.check("nanmin", false, false);
    return nanmin(x, o.axes(), o.isKeepdims());
  }

  /**
   * {@code np.nanmax(x, axis=..., keepdims=...)}.
   *
   * @param x the input array; not modified
   * @param o the options NumPy takes as keyword arguments (axis, keepdims, ddof, dtype): {@code
   *     Nd.axis(1).keepdims()}
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public static NdArray nanmax(NdArray x, ReduceOptions o) {
    o.check("nanmax", false, false);
    return nanmax(x, o.axes(), o.isKeepdims());
  }

  /**
   * {@code np.median(x, axis=..., keepdims=...)}.
   *
   * @param x the input array; not modified
   * @param o the options NumPy takes as keyword arguments (axis, keepdims, ddof, dtype): {@code
   *     Nd.axis(1).keepdims()}
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public static NdArray median(NdArray x, ReduceOptions o) {
    o.check("median", false, false);
    return median(x, o.axes(), o.isKeepdims());
  }

  /**
   * {@code np.nanmedian(x, axis=..., keepdims=...)}.
   *
   * @param x the input array; not modified
   * @param o the options NumPy takes as keyword arguments (axis, keepdims, ddof, dtype): {@code
   *     Nd.axis(1).keepdims()}
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public static NdArray nanmedian(NdArray x, ReduceOptions o) {
    o.check("nanmedian", false, false);
    return nanmedian(x, o.axes(), o.isKeepdims());
  }

  /**
   * Sum treating NaN as zero (NumPy's {@code nansum}); 0 for a slice of only NaN.
   *
   * @param x the input array; not modified
   * @return a new 0-d array
   */
  public static NdArray nansum(NdArray x) {
    return Statistics.nansum(x, null, false);
  }

  /**
   * The sum of the non-NaN elements over {@code axes}: NumPy's {@code np.nansum(x, axis=axes)}.
   *
   * @param x the input array; not modified
   * @param axes the axes to work along; negative axes count from the last
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public static NdArray nansum(NdArray x, int... axes) {
    return Statistics.nansum(x, axes, false);
  }

  /**
   * The sum of the non-NaN elements over {@code axes}: NumPy's {@code np.nansum(x, axis=axes,
   * keepdims=keepdims)}.
   *
   * @param x the input array; not modified
   * @param axes the axes to work along; negative axes count from the last
   * @param keepdims keep each reduced axis in the result as a dimension of length 1
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public static NdArray nansum(NdArray x, int[] axes, boolean keepdims) {
    return Statistics.nansum(x, axes, keepdims);
  }

  /**
   * Product treating NaN as one (NumPy's {@code nanprod}).
   *
   * @param x the input array; not modified
   * @return a new 0-d array
   */
  public static NdArray nanprod(NdArray x) {
    return Statistics.nanprod(x, null, false);
  }

  /**
   * The product of the non-NaN elements over {@code axes}: NumPy's {@code np.nanprod(x,
   * axis=axes)}.
   *
   * @param x the input array; not modified
   * @param axes the axes to work along; negative axes count from the last
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public static NdArray nanprod(NdArray x, int... axes) {
    return Statistics.nanprod(x, axes, false);
  }

  /**
   * The product of the non-NaN elements over {@code axes}: NumPy's {@code np.nanprod(x, axis=axes,
   * keepdims=keepdims)}.
   *
   * @param x the input array; not modified
   * @param axes the axes to work along; negative axes count from the last
   * @param keepdims keep each reduced axis in the result as a dimension of length 1
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public static NdArray nanprod(NdArray x, int[] axes, boolean keepdims) {
    return Statistics.nanprod(x, axes, keepdims);
  }

  /**
   * Mean of the non-NaN values (NumPy's {@code nanmean}); NaN for a slice of only NaN.
   *
   * @param x the input array; not modified
   * @return a new 0-d array
   */
  public static NdArray nanmean(NdArray x) {
    return Statistics.nanmean(x, null, false);
  }

  /**
   * The mean of the non-NaN elements over {@code axes}: NumPy's {@code np.nanmean(x, axis=axes)}.
   *
   * @param x the input array; not modified
   * @param axes the axes to work along; negative axes count from the last
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public static NdArray nanmean(NdArray x, int... axes) {
    return Statistics.nanmean(x, axes, false);
  }

  /**
   * The mean of the non-NaN elements over {@code axes}: NumPy's {@code np.nanmean(x, axis=axes,
   * keepdims=keepdims)}.
   *
   * @param x the input array; not modified
   * @param axes the axes to work along; negative axes count from the last
   * @param keepdims keep each reduced axis in the result as a dimension of length 1
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public static NdArray nanmean(NdArray x, int[] axes, boolean keepdims) {
    return Statistics.nanmean(x, axes, keepdims);
  }

  /**
   * Variance of the non-NaN values, {@code sum(|x - mean|^2) / (count - ddof)}; NaN where that
   * count is {@code <= ddof}.
   *
   * @param x the input array; not modified
   * @return a new 0-d array
   */
  public static NdArray nanvar(NdArray x) {
    return Statistics.nanvar(x, null, 0, false, false);
  }

  /**
   * The variance of the non-NaN elements over {@code axes}: NumPy's {@code np.nanvar(x, axis=axes,
   * ddof=ddof, keepdims=keepdims)}.
   *
   * @param x the input array; not modified
   * @param axes the axes to work along; negative axes count from the last
   * @param ddof delta degrees of freedom: the divisor is the count of elements minus {@code ddof}
   * @param keepdims keep each reduced axis in the result as a dimension of length 1
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public static NdArray nanvar(NdArray x, int[] axes, int ddof, boolean keepdims) {
    return Statistics.nanvar(x, axes, ddof, keepdims, false);
  }

  /**
   * Standard deviation of the non-NaN values, the square root of {@link #nanvar(NdArray, int[],
   * int, boolean)}.
   *
   * @param x the input array; not modified
   * @return a new 0-d array
   */
  public static NdArray nanstd(NdArray x) {
    return Statistics.nanvar(x, null, 0, false, true);
  }

  /**
   * The standard deviation of the non-NaN elements over {@code axes}: NumPy's {@code np.nanstd(x,
   * axis=axes, ddof=ddof, keepdims=keepdims)}.
   *
   * @param x the input array; not modified
   * @param axes the axes to work along; negative axes count from the last
   * @param ddof delta degrees of freedom: the divisor is the count of elements minus {@code ddof}
   * @param keepdims keep each reduced axis in the result as a dimension of length 1
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public static NdArray nanstd(NdArray x, int[] axes, int ddof, boolean keepdims) {
    return Statistics.nanvar(x, axes, ddof, keepdims, true);
  }

  /**
   * Minimum ignoring NaN (NumPy's {@code nanmin}); NaN for a slice of only NaN.
   *
   * @param x the input array; not modified
   * @return a new 0-d array
   * @throws IllegalArgumentException "zero-size array to reduction operation fmin which has no
   *     identity"
   */
  public static NdArray nanmin(NdArray x) {
    return Statistics.nanMinMax(x, null, false, false);
  }

  /**
   * The smallest non-NaN element over {@code axes}: NumPy's {@code np.nanmin(x, axis=axes)}.
   *
   * @param x the input array; not modified
   * @param axes the axes to work along; negative axes count from the last
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public static NdArray nanmin(NdArray x, int... axes) {
    return Statistics.nanMinMax(x, axes, false, false);
  }

  /**
   * The smallest non-NaN element over {@code axes}: NumPy's {@code np.nanmin(x, axis=axes,
   * keepdims=keepdims)}.
   *
   * @param x the input array; not modified
   * @param axes the axes to work along; negative axes count from the last
   * @param keepdims keep each reduced axis in the result as a dimension of length 1
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public static NdArray nanmin(NdArray x, int[] axes, boolean keepdims) {
    return Statistics.nanMinMax(x, axes, keepdims, false);
  }

  /**
   * Maximum ignoring NaN (NumPy's {@code nanmax}); NaN for a slice of only NaN.
   *
   * @param x the input array; not modified
   * @return a new 0-d array
   */
  public static NdArray nanmax(NdArray x) {
    return Statistics.nanMinMax(x, null, false, true);
  }

  /**
   * The largest non-NaN element over {@code axes}: NumPy's {@code np.nanmax(x, axis=axes)}.
   *
   * @param x the input array; not modified
   * @param axes the axes to work along; negative axes count from the last
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public static NdArray nanmax(NdArray x, int... axes) {
    return Statistics.nanMinMax(x, axes, false, true);
  }

  /**
   * The largest non-NaN element over {@code axes}: NumPy's {@code np.nanmax(x, axis=axes,
   * keepdims=keepdims)}.
   *
   * @param x the input array; not modified
   * @param axes the axes to work along; negative axes count from the last
   * @param keepdims keep each reduced axis in the result as a dimension of length 1
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public static NdArray nanmax(NdArray x, int[] axes, boolean keepdims) {
    return Statistics.nanMinMax(x, axes, keepdims, true);
  }

  /**
   * Index of the first minimum ignoring NaN, of the flattened array (NumPy's {@code nanargmin}).
   *
   * @param x the input array; not modified
   * @return a new int64 array (0-d without an axis)
   * @throws IllegalArgumentException "All-NaN slice encountered"
   */
  public static NdArray nanargmin(NdArray x) {
    return Statistics.nanArg(x, null, false, false);
  }

  /**
   * The index of the first minimum ignoring NaN along {@code axis}: NumPy's {@code np.nanargmin(x,
   * axis=axis)}.
   *
   * @param x the input array; not modified
   * @param axis the axis to work along; a negative axis counts from the last
   * @return a new int64 array (0-d without an axis)
   */
  public static NdArray nanargmin(NdArray x, int axis) {
    return Statistics.nanArg(x, axis, false, false);
  }

  /**
   * The index of the first minimum ignoring NaN along {@code axis}: NumPy's {@code np.nanargmin(x,
   * axis=axis, keepdims=keepdims)}.
   *
   * @param x the input array; not modified
   * @param axis the axis to work along; a negative axis counts from the last
   * @param keepdims keep each reduced axis in the result as a dimension of length 1
   * @return a new int64 array (0-d without an axis)
   */
  public static NdArray nanargmin(NdArray x, int axis, boolean keepdims) {
    return Statistics.nanArg(x, axis, keepdims, false);
  }

  /**
   * Index of the first maximum ignoring NaN (NumPy's {@code nanargmax}).
   *
   * @param x the input array; not modified
   * @return a new int64 array (0-d without an axis)
   */
  public static NdArray nanargmax(NdArray x) {
    return Statistics.nanArg(x, null, false, true);
  }

  /**
   * The index of the first maximum ignoring NaN along {@code axis}: NumPy's {@code np.nanargmax(x,
   * axis=axis)}.
   *
   * @param x the input array; not modified
   * @param axis the axis to work along; a negative axis counts from the last
   * @return a new int64 array (0-d without an axis)
   */
  public static NdArray nanargmax(NdArray x, int axis) {
    return Statistics.nanArg(x, axis, false, true);
  }

  /**
   * The index of the first maximum ignoring NaN along {@code axis}: NumPy's {@code np.nanargmax(x,
   * axis=axis, keepdims=keepdims)}.
   *
   * @param x the input array; not modified
   * @param axis the axis to work along; a negative axis counts from the last
   * @param keepdims keep each reduced axis in the result as a dimension of length 1
   * @return a new int64 array (0-d without an axis)
   */
  public static NdArray nanargmax(NdArray x, int axis, boolean keepdims) {
    return Statistics.nanArg(x, axis, keepdims, true);
  }

  /**
   * Cumulative sum treating NaN as zero, of the flattened array (NumPy's {@code nancumsum}).
   *
   * @param x the input array; not modified
   * @return a new 1-d array
   */
  public static NdArray nancumsum(NdArray x) {
    return Statistics.nanScan(x, null, false);
  }

  /**
   * Cumulative sum along {@code axis} treating NaN as zero (NumPy's {@code nancumsum(x, axis)}).
   *
   * @param x the input array; not modified
   * @param axis the axis to work along; a negative axis counts from the last
   * @return a new array of x's shape
   */
  public static NdArray nancumsum(NdArray x, int axis) {
    return Statistics.nanScan(x, axis, false);
  }

  /**
   * Cumulative product treating NaN as one (NumPy's {@code nancumprod}).
   *
   * @param x the input array; not modified
   * @return a new 1-d array
   */
  public static NdArray nancumprod(NdArray x) {
    return Statistics.nanScan(x, null, true);
  }

  /**
   * Cumulative product along {@code axis} treating NaN as one (NumPy's {@code nancumprod(x,
   * axis)}).
   *
   * @param x the input array; not modified
   * @param axis the axis to work along; a negative axis counts from the last
   * @return a new array of x's shape
   */
  public static NdArray nancumprod(NdArray x, int axis) {
    return Statistics.nanScan(x, axis, true);
  }

  // ---- order statistics (each slice is sorted on the array's backend; NaN sorts last) ----

  /**
   * Median: the middle value, or the mean of the two middle values, of each slice; NaN where a
   * slice holds NaN. Float dtypes keep theirs; integers and bools give float64.
   *
   * @param x the input array; not modified
   * @return a new 0-d array
   */
  public static NdArray median(NdArray x) {
    return Statistics.median(x, null, false, false);
  }

  /**
   * The median over {@code axes}: NumPy's {@code np.median(x, axis=axes)}.
   *
   * @param x the input array; not modified
   * @param axes the axes to work along; negative axes count from the last
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public static NdArray median(NdArray x, int... axes) {
    return Statistics.median(x, axes, false, false);
  }

  /**
   * The median over {@code axes}: NumPy's {@code np.median(x, axis=axes, keepdims=keepdims)}.
   *
   * @param x the input array; not modified
   * @param axes the axes to work along; negative axes count from the last
   * @param keepdims keep each reduced axis in the result as a dimension of length 1
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public static NdArray median(NdArray x, int[] axes, boolean keepdims) {
    return Statistics.median(x, axes, keepdims, false);
  }

  /**
   * Median of the non-NaN values (NumPy's {@code nanmedian}); NaN for a slice of only NaN.
   *
   * @param x the input array; not modified
   * @return a new 0-d array
   */
  public static NdArray nanmedian(NdArray x) {
    return Statistics.median(x, null, false, true);
  }

  /**
   * The median of the non-NaN elements over {@code axes}: NumPy's {@code np.nanmedian(x,
   * axis=axes)}.
   *
   * @param x the input array; not modified
   * @param axes the axes to work along; negative axes count from the last
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public static NdArray nanmedian(NdArray x, int... axes) {
    return Statistics.median(x, axes, false, true);
  }

  /**
   * The median of the non-NaN elements over {@code axes}: NumPy's {@code np.nanmedian(x, axis=axes,
   * keepdims=keepdims)}.
   *
   * @param x the input array; not modified
   * @param axes the axes to work along; negative axes count from the last
   * @param keepdims keep each reduced axis in the result as a dimension of length 1
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public static NdArray nanmedian(NdArray x, int[] axes, boolean keepdims) {
    return Statistics.median(x, axes, keepdims, true);
  }

  /**
   * The {@code q}-th quantile ({@code 0 <= q <= 1}) of all elements, by NumPy's default method
   * {@code linear}. A Java double is weak, like a Python float: a float32 array gives float32.
   *
   * @param x the input array; not modified
   * @param q the quantile, in [0, 1]
   * @return a new 0-d array
   * @throws IllegalArgumentException "Quantiles must be in the range [0, 1]"
   */
  public static NdArray quantile(NdArray x, double q) {
    return Statistics.quantile(x, new double[] {q}, true, null, false, "linear", false, "quantile");
  }

  /**
   * The {@code q}-th quantile over {@code axes} ({@code null}: all) by {@code method}, one of
   * NumPy's: {@code linear} (the default), {@code lower}, {@code higher}, {@code midpoint}, {@code
   * nearest}, {@code inverted_cdf}, {@code averaged_inverted_cdf}, {@code closest_observation},
   * {@code interpolated_inverted_cdf}, {@code hazen}, {@code weibull}, {@code median_unbiased},
   * {@code normal_unbiased}.
   *
   * @param x the input array; not modified
   * @param q the quantile, in [0, 1]
   * @param axes the axes to reduce, or {@code null} for all of them
   * @param keepdims keep each reduced axis in the result as a dimension of length 1
   * @param method NumPy's {@code method=}: linear (also for {@code null}), lower, higher, midpoint,
   *     nearest, or another of NumPy's
   * @return a new array
   */
  public static NdArray quantile(NdArray x, double q, int[] axes, boolean keepdims, String method) {
    return Statistics.quantile(
        x, new double[] {q}, true, axes, keepdims, method, false, "quantile");
  }

  /**
   * Quantiles at each of {@code q}, stacked along a new first axis; like a float64 NumPy array of
   * q, they promote the result to float64 for interpolating methods.
   *
   * @param x the input array; not modified
   * @param q the quantiles, each in [0, 1]
   * @param axes the axes to reduce, or {@code null} for all of them
   * @param keepdims keep each reduced axis in the result as a dimension of length 1
   * @param method NumPy's {@code method=}: linear (also for {@code null}), lower, higher, midpoint,
   *     nearest, or another of NumPy's
   * @return a new array with a first axis of length {@code q.length}
   */
  public static NdArray quantile(
      NdArray x, double[] q, int[] axes, boolean keepdims, String method) {
    return Statistics.quantile(x, q.clone(), false, axes, keepdims, method, false, "quantile");
  }

  /**
   * {@link #quantile(NdArray, double)} ignoring NaN (NumPy's {@code nanquantile}).
   *
   * @param x the input array; not modified
   * @param q the quantile, in [0, 1]
   * @return a new 0-d array
   */
  public static NdArray nanquantile(NdArray x, double q) {
    return Statistics.quantile(x, new double[] {q}, true, null, false, "linear", true, "quantile");
  }

  /**
   * {@link #quantile(NdArray, double, int[], boolean, String)} ignoring NaN (NumPy's {@code
   * nanquantile}).
   *
   * @param x the input array; not modified
   * @param q the quantile, in [0, 1]
   * @param axes the axes to reduce, or {@code null} for all of them
   * @param keepdims keep each reduced axis in the result as a dimension of length 1
   * @param method NumPy's {@code method=}: linear (also for {@code null}), lower, higher, midpoint,
   *     nearest, or another of NumPy's
   * @return a new array
   */
  public static NdArray nanquantile(
      NdArray x, double q, int[] axes, boolean keepdims, String method) {
    return Statistics.quantile(x, new double[] {q}, true, axes, keepdims, method, true, "quantile");
  }

  /**
   * {@link #quantile(NdArray, double[], int[], boolean, String)} ignoring NaN (NumPy's {@code
   * nanquantile}).
   *
   * @param x the input array; not modified
   * @param q the quantiles, each in [0, 1]
   * @param axes the axes to reduce, or {@code null} for all of them
   * @param keepdims keep each reduced axis in the result as a dimension of length 1
   * @param method NumPy's {@code method=}: linear (also for {@code null}), lower, higher, midpoint,
   *     nearest, or another of NumPy's
   * @return a new array with a first axis of length {@code q.length}
   */
  public static NdArray nanquantile(
      NdArray x, double[] q, int[] axes, boolean keepdims, String method) {
    return Statistics.quantile(x, q.clone(), false, axes, keepdims, method, true, "quantile");
  }

  /**
   * The {@code p}-th percentile ({@code 0 <= p <= 100}): {@link #quantile(NdArray, double)} at
   * {@code p / 100}.
   *
   * @param x the input array; not modified
   * @param p the percentile, in [0, 100]
   * @return a new 0-d array
   * @throws IllegalArgumentException "Percentiles must be in the range [0, 100]"
   */
  public static NdArray percentile(NdArray x, double p) {
    return Statistics.quantile(
        x, new double[] {p / 100}, true, null, false, "linear", false, "percentile");
  }

  /**
   * The {@code p}-th percentile over {@code axes}: {@link #quantile(NdArray, double, int[],
   * boolean, String)} at {@code p / 100} (NumPy's {@code percentile}).
   *
   * @param x the input array; not modified
   * @param p the percentile, in [0, 100]
   * @param axes the axes to reduce, or {@code null} for all of them
   * @param keepdims keep each reduced axis in the result as a dimension of length 1
   * @param method NumPy's {@code method=}: linear (also for {@code null}), lower, higher, midpoint,
   *     nearest, or another of NumPy's
   * @return a new array
   */
  public static NdArray percentile(
      NdArray x, double p, int[] axes, boolean keepdims, String method) {
    return Statistics.quantile(
        x, new double[] {p / 100}, true, axes, keepdims, method, false, "percentile");
  }

  /**
   * Percentiles at each of {@code p}, stacked along a new first axis (NumPy's {@code percentile}
   * with a sequence).
   *
   * @param x the input array; not modified
   * @param p the percentiles, each in [0, 100]
   * @param axes the axes to reduce, or {@code null} for all of them
   * @param keepdims keep each reduced axis in the result as a dimension of length 1
   * @param method NumPy's {@code method=}: linear (also for {@code null}), lower, higher, midpoint,
   *     nearest, or another of NumPy's
   * @return a new array with a first axis of length {@code p.length}
   */
  public static NdArray percentile(
      NdArray x, double[] p, int[] axes, boolean keepdims, String method) {
    return Statistics.quantile(
        x, hundredths(p), false, axes, keepdims, method, false, "percentile");
  }

  /**
   * {@link #percentile(NdArray, double)} ignoring NaN (NumPy's {@code nanpercentile}).
   *
   * @param x the input array; not modified
   * @param p the percentile, in [0, 100]
   * @return a new 0-d array
   */
  public static NdArray nanpercentile(NdArray x, double p) {
    return Statistics.quantile(
        x, new double[] {p / 100}, true, null, false, "linear", true, "percentile");
  }

  /**
   * {@link #percentile(NdArray, double, int[], boolean, String)} ignoring NaN (NumPy's {@code
   * nanpercentile}).
   *
   * @param x the input array; not modified
   * @param p the percentile, in [0, 100]
   * @param axes the axes to reduce, or {@code null} for all of them
   * @param keepdims keep each reduced axis in the result as a dimension of length 1
   * @param method NumPy's {@code method=}: linear (also for {@code null}), lower, higher, midpoint,
   *     nearest, or another of NumPy's
   * @return a new array
   */
  public static NdArray nanpercentile(
      NdArray x, double p, int[] axes, boolean keepdims, String method) {
    return Statistics.quantile(
        x, new double[] {p / 100}, true, axes, keepdims, method, true, "percentile");
  }

  /**
   * {@link #percentile(NdArray, double[], int[], boolean, String)} ignoring NaN (NumPy's {@code
   * nanpercentile}).
   *
   * @param x the input array; not modified
   * @param p the percentiles, each in [0, 100]
   * @param axes the axes to reduce, or {@code null} for all of them
   * @param keepdims keep each reduced axis in the result as a dimension of length 1
   * @param method NumPy's {@code method=}: linear (also for {@code null}), lower, higher, midpoint,
   *     nearest, or another of NumPy's
   * @return a new array with a first axis of length {@code p.length}
   */
  public static NdArray nanpercentile(
      NdArray x, double[] p, int[] axes, boolean keepdims, String method) {
    return Statistics.quantile(x, hundredths(p), false, axes, keepdims, method, true, "percentile");
  }

  private static double[] hundredths(double[] p) {
    double[] q = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      q[i] = p[i] / 100;
    }
    return q;
  }

  // ---- unbuffered in-place accumulation (NumPy's ufunc.at) and counting ----

  /**
   * NumPy's {@code np.add.at(a, indices, values)}: adds each value at {@code a[indices]} in order,
   * so a repeated index takes every value (where {@code a[indices] = ...} keeps one). {@code
   * indices} selects along the first axis as {@code a.get(indices)} does; values broadcast to that
   * selection. Modifies and returns {@code a}.
   *
   * @param a the array updated in place
   * @param indices the positions, along a's first axis (or a's multi-index)
   * @param values the values, broadcast to the selection
   * @return {@code a}
   * @throws IndexOutOfBoundsException "index 5 is out of bounds for axis 0 with size 3"
   * @throws IllegalArgumentException "array is not broadcastable to correct shape"
   */
  public static NdArray addAt(NdArray a, NdArray indices, NdArray values) {
    return Accumulate.at(BinaryOp.ADD, a, new Index[] {Index.of(indices)}, values);
  }

  /**
   * {@link #addAt(NdArray, NdArray, NdArray)} with one value for every position ({@code
   * np.add.at(a, indices, value)}).
   *
   * @param a the array updated in place
   * @param indices the positions, along a's first axis
   * @param value the value added at each position
   * @return {@code a}
   */
  public static NdArray addAt(NdArray a, NdArray indices, Number value) {
    return Accumulate.at(BinaryOp.ADD, a, new Index[] {Index.of(indices)}, value);
  }

  /**
   * NumPy's {@code np.subtract.at(a, indices, values)}: subtracts each value at {@code a[indices]}
   * in order, so a repeated index takes every value (where {@code a[indices] = ...} keeps one).
   * {@code indices} selects along the first axis as {@code a.get(indices)} does; values broadcast
   * to that selection. Modifies and returns {@code a}.
   *
   * @param a the array updated in place
   * @param indices the positions, along a's first axis (or a's multi-index)
   * @param values the values, broadcast to the selection
   * @return {@code a}
   * @throws IndexOutOfBoundsException "index 5 is out of bounds for axis 0 with size 3"
   * @throws IllegalArgumentException "array is not broadcastable to correct shape"
   */
  public static NdArray subtractAt(NdArray a, NdArray indices, NdArray values) {
    return Accumulate.at(BinaryOp.SUBTRACT, a, new Index[] {Index.of(indices)}, values);
  }

  /**
   * {@link #subtractAt(NdArray, NdArray, NdArray)} with one value for every position.
   *
   * @param a the array updated in place
   * @param indices the positions, along a's first axis
   * @param value the value subtracted at each position
   * @return {@code a}
   */
  public static NdArray subtractAt(NdArray a, NdArray indices, Number value) {
    return Accumulate.at(BinaryOp.SUBTRACT, a, new Index[] {Index.of(indices)}, value);
  }

  /**
   * NumPy's {@code np.multiply.at(a, indices, values)}: multiplies by each value at {@code
   * a[indices]} in order, so a repeated index takes every value (where {@code a[indices] = ...}
   * keeps one). {@code indices} selects along the first axis as {@code a.get(indices)} does; values
   * broadcast to that selection. Modifies and returns {@code a}.
   *
   * @param a the array updated in place
   * @param indices the positions, along a's first axis (or a's multi-index)
   * @param values the values, broadcast to the selection
   * @return {@code a}
   * @throws IndexOutOfBoundsException "index 5 is out of bounds for axis 0 with size 3"
   * @throws IllegalArgumentException "array is not broadcastable to correct shape"
   */
  public static NdArray multiplyAt(NdArray a, NdArray indices, NdArray values) {
    return Accumulate.at(BinaryOp.MULTIPLY, a, new Index[] {Index.of(indices)}, values);
  }

  /**
   * {@link #multiplyAt(NdArray, NdArray, NdArray)} with one value for every position.
   *
   * @param a the array updated in place
   * @param indices the positions, along a's first axis
   * @param value the factor at each position
   * @return {@code a}
   */
  public static NdArray multiplyAt(NdArray a, NdArray indices, Number value) {
    return Accumulate.at(BinaryOp.MULTIPLY, a, new Index[] {Index.of(indices)}, value);
  }

  /**
   * NumPy's {@code np.minimum.at(a, indices, values)}: takes the minimum with each value at {@code
   * a[indices]} in order, so a repeated index takes every value (where {@code a[indices] = ...}
   * keeps one). {@code indices} selects along the first axis as {@code a.get(indices)} does; values
   * broadcast to that selection. Modifies and returns {@code a}.
   *
   * @param a the array updated in place
   * @param indices the positions, along a's first axis (or a's multi-index)
   * @param values the values, broadcast to the selection
   * @return {@code a}
   * @throws IndexOutOfBoundsException "index 5 is out of bounds for axis 0 with size 3"
   * @throws IllegalArgumentException "array is not broadcastable to correct shape"
   */
  public static NdArray minimumAt(NdArray a, NdArray indices, NdArray values) {
    return Accumulate.at(BinaryOp.MINIMUM, a, new Index[] {Index.of(indices)}, values);
  }

  /**
   * {@link #minimumAt(NdArray, NdArray, NdArray)} with one value for every position.
   *
   * @param a the array updated in place
   * @param indices the positions, along a's first axis
   * @param value the value compared at each position
   * @return {@code a}
   */
  public static NdArray minimumAt(NdArray a, NdArray indices, Number value) {
    return Accumulate.at(BinaryOp.MINIMUM, a, new Index[] {Index.of(indices)}, value);
  }

  /**
   * NumPy's {@code np.maximum.at(a, indices, values)}: takes the maximum with each value at {@code
   * a[indices]} in order, so a repeated index takes every value (where {@code a[indices] = ...}
   * keeps one). {@code indices} selects along the first axis as {@code a.get(indices)} does; values
   * broadcast to that selection. Modifies and returns {@code a}.
   *
   * @param a the array updated in place
   * @param indices the positions, along a's first axis (or a's multi-index)
   * @param values the values, broadcast to the selection
   * @return {@code a}
   * @throws IndexOutOfBoundsException "index 5 is out of bounds for axis 0 with size 3"
   * @throws IllegalArgumentException "array is not broadcastable to correct shape"
   */
  public static NdArray maximumAt(NdArray a, NdArray indices, NdArray values) {
    return Accumulate.at(BinaryOp.MAXIMUM, a, new Index[] {Index.of(indices)}, values);
  }

  /**
   * {@link #maximumAt(NdArray, NdArray, NdArray)} with one value for every position.
   *
   * @param a the array updated in place
   * @param indices the positions, along a's first axis
   * @param value the value compared at each position
   * @return {@code a}
   */
  public static NdArray maximumAt(NdArray a, NdArray indices, Number value) {
    return Accumulate.at(BinaryOp.MAXIMUM, a, new Index[] {Index.of(indices)}, value);
  }

  /**
   * How often each value {@code 0..max} occurs in {@code x}, a 1-d array of non-negative integers
   * (NumPy's {@code bincount}): int64.
   *
   * @param x the 1-d non-negative integers
   * @return a new int64 array of max(x) + 1 counts
   * @throws IllegalArgumentException "'list' argument must have no negative elements", or for a
   *     float or not 1-d {@code x}, in NumPy's words
   */
  public static NdArray bincount(NdArray x) {
    return Accumulate.bincount(x, null, 0);
  }

  /**
   * {@link #bincount(NdArray)} with at least {@code minlength} bins.
   *
   * @param x the 1-d non-negative integers
   * @param minlength the least number of bins
   * @return a new int64 array
   */
  public static NdArray bincount(NdArray x, long minlength) {
    return Accumulate.bincount(x, null, minlength);
  }

  /**
   * The sum of {@code weights} (same length as {@code x}) at each value of {@code x}: float64.
   *
   * @param x the 1-d non-negative integers
   * @param weights the weight of each element of x
   * @param minlength the least number of bins
   * @return a new float64 array
   */
  public static NdArray bincount(NdArray x, NdArray weights, long minlength) {
    return Accumulate.bincount(x, weights, minlength);
  }

  // ---- math, logic and matrix-building routines ----

  /**
   * NumPy's {@code round}/{@code around}: half to even at {@code decimals} (negative: tens,
   * hundreds, ...).
   *
   * @param x the input array; not modified
   * @param decimals the number of decimal places to round to; negative rounds to the left of the
   *     point
   * @return a new array of x's shape and dtype
   */
  public static NdArray round(NdArray x, int decimals) {
    return MathRoutines.around(x, decimals);
  }

  /**
   * NumPy's {@code around}, the same as {@link #round(NdArray, int)}.
   *
   * @param x the input array; not modified
   * @param decimals the number of decimal places to round to; negative rounds to the left of the
   *     point
   * @return a new array of x's shape and dtype
   */
  public static NdArray around(NdArray x, int decimals) {
    return MathRoutines.around(x, decimals);
  }

  /**
   * The first difference along the last axis (NumPy's {@code diff}); bools compare with not_equal.
   *
   * @param x the input array; not modified
   * @return a new array, one shorter along the last axis
   */
  public static NdArray diff(NdArray x) {
    return MathRoutines.diff(x, 1, -1, null, null);
  }

  /**
   * The {@code n}-th difference along {@code axis}.
   *
   * @param x the input array; not modified
   * @param n the number of times to difference, at least 0
   * @param axis the axis; negative counts from the end
   * @return a new array, n shorter along the axis
   */
  public static NdArray diff(NdArray x, int n, int axis) {
    return MathRoutines.diff(x, n, axis, null, null);
  }

  /**
   * The {@code n}-th difference along {@code axis} of {@code prepend}, x and {@code append} joined
   * (either may be null; a 0-d one stands for one slice of that value).
   *
   * @param x the input array; not modified
   * @param n the number of times to difference, at least 0
   * @param axis the axis; negative counts from the end
   * @param prepend values put before x along the axis, or {@code null}
   * @param append values put after x along the axis, or {@code null}
   * @return a new array
   */
  public static NdArray diff(NdArray x, int n, int axis, NdArray prepend, NdArray append) {
    return MathRoutines.diff(x, n, axis, prepend, append);
  }

  /**
   * Peak to peak, {@code max - min} (NumPy's {@code ptp}), in x's dtype.
   *
   * @param x the input array; not modified
   * @return a new 0-d array
   */
  public static NdArray ptp(NdArray x) {
    return MathRoutines.ptp(x, null, false);
  }

  /**
   * The range (maximum minus minimum) over {@code axes}: NumPy's {@code np.ptp(x, axis=axes)}.
   *
   * @param x the input array; not modified
   * @param axes the axes to work along; negative axes count from the last
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public static NdArray ptp(NdArray x, int... axes) {
    return MathRoutines.ptp(x, axes, false);
  }

  /**
   * The range (maximum minus minimum) over {@code axes}: NumPy's {@code np.ptp(x, axis=axes,
   * keepdims=keepdims)}.
   *
   * @param x the input array; not modified
   * @param axes the axes to work along; negative axes count from the last
   * @param keepdims keep each reduced axis in the result as a dimension of length 1
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public static NdArray ptp(NdArray x, int[] axes, boolean keepdims) {
    return MathRoutines.ptp(x, axes, keepdims);
  }

  /**
   * The number of non-zero elements (NumPy's {@code count_nonzero}), int64.
   *
   * @param x the input array; not modified
   * @return a new 0-d array
   */
  public static NdArray countNonzero(NdArray x) {
    return MathRoutines.countNonzero(x, null, false);
  }

  /**
   * The number of non-zero elements over {@code axes}: NumPy's {@code np.count_nonzero(x,
   * axis=axes)}.
   *
   * @param x the input array; not modified
   * @param axes the axes to work along; negative axes count from the last
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public static NdArray countNonzero(NdArray x, int... axes) {
    return MathRoutines.countNonzero(x, axes, false);
  }

  /**
   * The number of non-zero elements over {@code axes}: NumPy's {@code np.count_nonzero(x,
   * axis=axes, keepdims=keepdims)}.
   *
   * @param x the input array; not modified
   * @param axes the axes to work along; negative axes count from the last
   * @param keepdims keep each reduced axis in the result as a dimension of length 1
   * @return a new array with the reduced axes removed (kept as length 1 with keepdims)
   */
  public static NdArray countNonzero(NdArray x, int[] axes, boolean keepdims) {
    return MathRoutines.countNonzero(x, axes, keepdims);
  }

  /**
   * Elementwise {@code |a - b| <= 1e-8 + 1e-5 * |b|} (NumPy's {@code isclose}); infinities equal
   * only themselves.
   *
   * @param a the first operand
   * @param b the second operand, broadcast against the first
   * @return a new bool array of the broadcast shape
   */
  public static NdArray isclose(NdArray a, NdArray b) {
    return MathRoutines.isclose(a, b, 1e-5, 1e-8, false);
  }

  /**
   * Elementwise {@code |a - b| <= atol + rtol * |b|} (NumPy's {@code isclose(a, b, rtol, atol,
   * equal_nan)}); NaNs are close to each other only where {@code equalNan}.
   *
   * @param a the first operand
   * @param b the second operand, broadcast against the first
   * @param rtol the relative tolerance
   * @param atol the absolute tolerance
   * @param equalNan whether two NaNs count as close
   * @return a new bool array of the broadcast shape
   */
  public static NdArray isclose(NdArray a, NdArray b, double rtol, double atol, boolean equalNan) {
    return MathRoutines.isclose(a, b, rtol, atol, equalNan);
  }

  /**
   * Whether every element is close ({@link #isclose(NdArray, NdArray)}); NumPy's {@code allclose}.
   *
   * @param a the first operand
   * @param b the second operand, broadcast against the first
   * @return whether all are close
   */
  public static boolean allclose(NdArray a, NdArray b) {
    return MathRoutines.allclose(a, b, 1e-5, 1e-8, false);
  }

  /**
   * Whether every element is close by {@link #isclose(NdArray, NdArray, double, double, boolean)};
   * NumPy's {@code allclose}.
   *
   * @param a the first operand
   * @param b the second operand, broadcast against the first
   * @param rtol the relative tolerance
   * @param atol the absolute tolerance
   * @param equalNan whether two NaNs count as close
   * @return whether all are close
   */
  public static boolean allclose(NdArray a, NdArray b, double rtol, double atol, boolean equalNan) {
    return MathRoutines.allclose(a, b, rtol, atol, equalNan);
  }

  /**
   * Same shape and equal elements (NumPy's {@code array_equal}; NaN is unequal to itself).
   *
   * @param a the first operand
   * @param b the second operand, broadcast against the first
   * @return whether the arrays are equal
   */
  public static boolean arrayEqual(NdArray a, NdArray b) {
    return MathRoutines.arrayEqual(a, b, false);
  }

  /**
   * Same shape and equal elements (NumPy's {@code array_equal(a, b, equal_nan)}), NaNs equal to
   * each other where {@code equalNan}.
   *
   * @param a the first operand
   * @param b the second operand, broadcast against the first
   * @param equalNan whether two NaNs count as equal
   * @return whether the arrays are equal
   */
  public static boolean arrayEqual(NdArray a, NdArray b, boolean equalNan) {
    return MathRoutines.arrayEqual(a, b, equalNan);
  }

  /**
   * Equal after broadcasting (NumPy's {@code array_equiv}); false where the shapes do not
   * broadcast.
   *
   * @param a the first operand
   * @param b the second operand, broadcast against the first
   * @return whether the arrays are equivalent
   */
  public static boolean arrayEquiv(NdArray a, NdArray b) {
    return MathRoutines.arrayEquiv(a, b);
  }

  /**
   * The mean (NumPy's {@code average} without weights).
   *
   * @param x the input array; not modified
   * @return a new 0-d array
   */
  public static NdArray average(NdArray x) {
    return MathRoutines.average(x, null, null, false);
  }

  /**
   * The weighted average {@code sum(x * w) / sum(w)} over {@code axes} ({@code null}: all); {@code
   * weights} has x's shape, or the shape of the axes it weighs.
   *
   * @param x the input array; not modified
   * @param axes the axes to average over, or {@code null} for all of them
   * @param weights the weights, or {@code null} for equal weights
   * @return a new array
   * @throws ArithmeticException "Weights sum to zero, can't be normalized"
   */
  public static NdArray average(NdArray x, int[] axes, NdArray weights) {
    return MathRoutines.average(x, axes, weights, false);
  }

  /**
   * {@link #average(NdArray, int[], NdArray)} keeping the averaged axes as length 1 when {@code
   * keepdims}.
   *
   * @param x the input array; not modified
   * @param axes the axes to average over, or {@code null} for all of them
   * @param weights the weights, or {@code null} for equal weights
   * @param keepdims keep each reduced axis in the result as a dimension of length 1
   * @return a new array
   */
  public static NdArray average(NdArray x, int[] axes, NdArray weights, boolean keepdims) {
    return MathRoutines.average(x, axes, weights, keepdims);
  }

  /**
   * Ones at and below the diagonal of an n x n float64 array (NumPy's {@code tri}), on the default
   * backend.
   *
   * @param n the number of rows and columns
   * @return a new array
   */
  public static NdArray tri(long n) {
    return backend().tri(n, n, 0, DType.FLOAT64);
  }

  /**
   * Ones at and below diagonal {@code k} of an n x m array of {@code dtype}, zeros above (NumPy's
   * {@code tri(n, m, k, dtype)}), on the default backend.
   *
   * @param n the number of rows
   * @param m the number of columns
   * @param k the diagonal: 0 the main one, positive above it, negative below
   * @param dtype the element type of the result
   * @return a new array
   */
  public static NdArray tri(long n, long m, long k, DType dtype) {
    return backend().tri(n, m, k, dtype);
  }

  /**
   * x with the elements above the main diagonal zeroed (NumPy's {@code tril}).
   *
   * @param x the input array; not modified
   * @return a new array
   */
  public static NdArray tril(NdArray x) {
    return MathRoutines.triangle(x, 0, true);
  }

  /**
   * x with the elements above the {@code k}-th diagonal zeroed.
   *
   * @param x the input array; not modified
   * @param k the diagonal: 0 the main one, positive above it, negative below
   * @return a new array
   */
  public static NdArray tril(NdArray x, long k) {
    return MathRoutines.triangle(x, k, true);
  }

  /**
   * x with the elements below the main diagonal zeroed (NumPy's {@code triu}).
   *
   * @param x the input array; not modified
   * @return a new array
   */
  public static NdArray triu(NdArray x) {
    return MathRoutines.triangle(x, 0, false);
  }

  /**
   * x with the elements below the {@code k}-th diagonal zeroed (NumPy's {@code triu(x, k)}).
   *
   * @param x the input array; not modified
   * @param k the diagonal: 0 the main one, positive above it, negative below
   * @return a new array
   */
  public static NdArray triu(NdArray x, long k) {
    return MathRoutines.triangle(x, k, false);
  }

  /**
   * The diagonal of a 2-d array, or a square array with a 1-d array on its diagonal (NumPy's {@code
   * diag}).
   *
   * @param v a 1-d or 2-d array
   * @return a new array
   */
  public static NdArray diag(NdArray v) {
    return MathRoutines.diag(v, 0);
  }

  /**
   * The {@code k}-th diagonal of a 2-d array, or a square array with a 1-d array on its {@code
   * k}-th diagonal (NumPy's {@code diag(v, k)}).
   *
   * @param v a 1-d or 2-d array
   * @param k the diagonal: 0 the main one, positive above it, negative below
   * @return a new array
   */
  public static NdArray diag(NdArray v, long k) {
    return MathRoutines.diag(v, k);
  }

  // ---- sets and search ----

  /**
   * Whether each element of {@code element} is in {@code test} (NumPy's {@code isin}); element's
   * shape, bool.
   *
   * @param element the values looked up
   * @param test the values looked in
   * @return a new bool array
   */
  public static NdArray isin(NdArray element, NdArray test) {
    return SetRoutines.isin(element, test, false);
  }

  /**
   * Whether each element of {@code element} is in {@code test}, or is not where {@code invert}
   * (NumPy's {@code isin(element, test, invert=invert)}).
   *
   * @param element the values looked up
   * @param test the values looked in
   * @param invert whether to answer "not in"
   * @return a new bool array of element's shape
   */
  public static NdArray isin(NdArray element, NdArray test, boolean invert) {
    return SetRoutines.isin(element, test, invert);
  }

  /**
   * The sorted distinct values in both arrays (NumPy's {@code intersect1d}).
   *
   * @param a the first operand
   * @param b the second operand, broadcast against the first
   * @return a new 1-d array
   */
  public static NdArray intersect1d(NdArray a, NdArray b) {
    return SetRoutines.intersect1d(a, b);
  }

  /**
   * The sorted distinct values in either array (NumPy's {@code union1d}).
   *
   * @param a the first operand
   * @param b the second operand, broadcast against the first
   * @return a new 1-d array
   */
  public static NdArray union1d(NdArray a, NdArray b) {
    return SetRoutines.union1d(a, b);
  }

  /**
   * The sorted distinct values of a not in b (NumPy's {@code setdiff1d}).
   *
   * @param a the first operand
   * @param b the second operand, broadcast against the first
   * @return a new 1-d array
   */
  public static NdArray setdiff1d(NdArray a, NdArray b) {
    return SetRoutines.setdiff1d(a, b);
  }

  /**
   * The sorted distinct values in exactly one of the arrays (NumPy's {@code setxor1d}).
   *
   * @param a the first operand
   * @param b the second operand, broadcast against the first
   * @return a new 1-d array
   */
  public static NdArray setxor1d(NdArray a, NdArray b) {
    return SetRoutines.setxor1d(a, b);
  }

  /**
   * The index of the bin of monotonic 1-d {@code bins} each element of x falls in (NumPy's {@code
   * digitize}), int64.
   *
   * @param x the input array; not modified
   * @param bins the monotonic 1-d bin edges
   * @return a new int64 array of x's shape
   * @throws IllegalArgumentException "bins must be monotonically increasing or decreasing"
   */
  public static NdArray digitize(NdArray x, NdArray bins) {
    return SetRoutines.digitize(x, bins, false);
  }

  /**
   * {@link #digitize(NdArray, NdArray)} with bins closed on the right when {@code right}.
   *
   * @param x the input array; not modified
   * @param bins the monotonic 1-d bin edges
   * @param right whether the bins include their right edge instead of their left
   * @return a new int64 array of x's shape
   */
  public static NdArray digitize(NdArray x, NdArray bins, boolean right) {
    return SetRoutines.digitize(x, bins, right);
  }

  // ---- shapes and joins ----

  /**
   * x with at least one dimension (NumPy's {@code atleast_1d}): a 0-d array becomes shape (1,). A
   * view.
   *
   * @param x the input array; not modified
   * @return x or a view of it
   */
  public static NdArray atleast1d(NdArray x) {
    return MathRoutines.atleast(x, 1);
  }

  /**
   * x with at least two dimensions (NumPy's {@code atleast_2d}): (n,) becomes (1, n). A view.
   *
   * @param x the input array; not modified
   * @return x or a view of it
   */
  public static NdArray atleast2d(NdArray x) {
    return MathRoutines.atleast(x, 2);
  }

  /**
   * x with at least three dimensions (NumPy's {@code atleast_3d}): (n,) is (1, n, 1), (m, n) is (m,
   * n, 1).
   *
   * @param x the input array; not modified
   * @return x or a view of it
   */
  public static NdArray atleast3d(NdArray x) {
    return MathRoutines.atleast(x, 3);
  }

  /**
   * 1-d arrays as columns and 2-d arrays as they are, joined along axis 1 (NumPy's {@code
   * column_stack}).
   *
   * @param arrays the input arrays
   * @return a new 2-d array
   */
  public static NdArray columnStack(NdArray... arrays) {
    return MathRoutines.columnStack(List.of(arrays));
  }

  /**
   * Arrays made at least 3-d and joined along the third axis (NumPy's {@code dstack}).
   *
   * @param arrays the input arrays
   * @return a new array of at least 3 dimensions
   */
  public static NdArray dstack(NdArray... arrays) {
    return MathRoutines.dstack(List.of(arrays));
  }

  /**
   * Both arrays flattened and joined (NumPy's {@code append} without axis).
   *
   * @param arr the input array; not modified
   * @param values the values appended
   * @return a new 1-d array
   */
  public static NdArray append(NdArray arr, NdArray values) {
    return MathRoutines.append(arr, values, null);
  }

  /**
   * Values joined to arr along {@code axis} (NumPy's {@code append(arr, values, axis)}).
   *
   * @param arr the input array; not modified
   * @param values the values appended, of arr's shape but along the axis
   * @param axis the axis to join along; negative counts from the end
   * @return a new array
   */
  public static NdArray append(NdArray arr, NdArray values, int axis) {
    return MathRoutines.append(arr, values, axis);
  }

  /**
   * {@code base ** linspace(start, stop, num)} (NumPy's {@code logspace}, base 10), on the default
   * backend.
   *
   * @param start the first value
   * @param stop the end of the interval
   * @param num the number of values
   * @return a new 1-d float64 array
   */
  public static NdArray logspace(double start, double stop, long num) {
    return backend().logspace(start, stop, num, true, 10.0);
  }

  /**
   * {@code base ** linspace(start, stop, num, endpoint)}, float64 (NumPy's {@code logspace}), on
   * the default backend.
   *
   * @param start the first value
   * @param stop the end of the interval
   * @param num the number of values
   * @param endpoint whether {@code stop} is the last value (otherwise the interval excludes it)
   * @param base the base of the powers
   * @return a new 1-d float64 array
   */
  public static NdArray logspace(
      double start, double stop, long num, boolean endpoint, double base) {
    return backend().logspace(start, stop, num, endpoint, base);
  }

  // ---- more math ----

  /**
   * NaN as 0 and infinities as the dtype's largest finite values (NumPy's {@code nan_to_num}).
   *
   * @param x the input array; not modified
   * @return a new array of x's shape and dtype
   */
  public static NdArray nanToNum(NdArray x) {
    return MathRoutines.nanToNum(x, 0, null, null);
  }

  /**
   * {@link #nanToNum(NdArray)} with the replacements given ({@code null}: the default).
   *
   * @param x the input array; not modified
   * @param nan the value for NaN
   * @param posinf the value for +inf, or {@code null} for the dtype's largest
   * @param neginf the value for -inf, or {@code null} for the dtype's least
   * @return a new array of x's shape and dtype
   */
  public static NdArray nanToNum(NdArray x, double nan, Double posinf, Double neginf) {
    return MathRoutines.nanToNum(x, nan, posinf, neginf);
  }

  /**
   * The Heaviside step: 0 below zero, {@code x2} at zero, 1 above (NumPy's {@code heaviside}).
   *
   * @param x1 the first operand
   * @param x2 the second operand, broadcast against the first
   * @return a new array of the broadcast shape
   */
  public static NdArray heaviside(NdArray x1, NdArray x2) {
    return MathRoutines.heaviside(x1, x2);
  }

  /**
   * {@code 1/x} (NumPy's {@code reciprocal}); integers truncate toward zero.
   *
   * @param x the input array; not modified
   * @return a new array of the same shape
   */
  public static NdArray reciprocal(NdArray x) {
    return MathRoutines.reciprocal(x);
  }

  /**
   * Degrees to radians (NumPy's {@code deg2rad}, also {@code radians}), in a float dtype.
   *
   * @param x the input array; not modified
   * @return a new array of the same shape
   */
  public static NdArray deg2rad(NdArray x) {
    return MathRoutines.angle(x, true);
  }

  /**
   * NumPy's {@code radians}: {@link #deg2rad}.
   *
   * @param x the input array; not modified
   * @return a new float array
   */
  public static NdArray radians(NdArray x) {
    return MathRoutines.angle(x, true);
  }

  /**
   * Radians to degrees (NumPy's {@code rad2deg}, also {@code degrees}), in a float dtype.
   *
   * @param x the input array; not modified
   * @return a new array of the same shape
   */
  public static NdArray rad2deg(NdArray x) {
    return MathRoutines.angle(x, false);
  }

  /**
   * NumPy's {@code degrees}: {@link #rad2deg}.
   *
   * @param x the input array; not modified
   * @return a new float array
   */
  public static NdArray degrees(NdArray x) {
    return MathRoutines.angle(x, false);
  }

  /**
   * {@code log(exp(x1) + exp(x2))} without overflow (NumPy's {@code logaddexp}).
   *
   * @param x1 the first operand
   * @param x2 the second operand, broadcast against the first
   * @return a new array of the broadcast shape
   */
  public static NdArray logaddexp(NdArray x1, NdArray x2) {
    return MathRoutines.logaddexp(x1, x2, false);
  }

  /**
   * {@code log2(2**x1 + 2**x2)} without overflow (NumPy's {@code logaddexp2}).
   *
   * @param x1 the first operand
   * @param x2 the second operand, broadcast against the first
   * @return a new array of the broadcast shape
   */
  public static NdArray logaddexp2(NdArray x1, NdArray x2) {
    return MathRoutines.logaddexp(x1, x2, true);
  }

  /**
   * The normalized sinc, {@code sin(pi x) / (pi x)} and 1 at 0 (NumPy's {@code sinc}).
   *
   * @param x the input array; not modified
   * @return a new array of the same shape
   */
  public static NdArray sinc(NdArray x) {
    return MathRoutines.sinc(x);
  }

  /**
   * The fractional and integral parts of x, each with x's sign (NumPy's {@code modf}): {@code
   * [fractional, integral]}.
   *
   * @param x the input array; not modified
   * @return the fractional and integral parts
   */
  public static NdArray[] modf(NdArray x) {
    return MathRoutines.modf(x);
  }

  /**
   * {@code [x1 // x2, x1 % x2]} with Python's signs (NumPy's {@code divmod}).
   *
   * @param x1 the dividend
   * @param x2 the divisor, broadcast against the dividend
   * @return the quotients and remainders
   * @throws IllegalArgumentException as {@link NdArray#floorDivide(NdArray)} does
   */
  public static NdArray[] divmod(NdArray x1, NdArray x2) {
    return MathRoutines.divmod(x1, x2);
  }

  /**
   * NumPy's {@code cbrt}: {@link NdArray#cbrt()}.
   *
   * @param x the input array; not modified
   * @return a new array of the same shape
   */
  public static NdArray cbrt(NdArray x) {
    return x.cbrt();
  }

  /**
   * NumPy's {@code copysign}: {@link NdArray#copysign(NdArray)}.
   *
   * @param x1 the first operand
   * @param x2 the second operand, broadcast against the first
   * @return a new array of the broadcast shape
   */
  public static NdArray copysign(NdArray x1, NdArray x2) {
    return x1.copysign(x2);
  }

  /**
   * NumPy's {@code fmod}: {@link NdArray#fmod(NdArray)}.
   *
   * @param x1 the first operand
   * @param x2 the second operand, broadcast against the first
   * @return a new array of the broadcast shape
   */
  public static NdArray fmod(NdArray x1, NdArray x2) {
    return x1.fmod(x2);
  }

  /**
   * NumPy's {@code gcd}: {@link NdArray#gcd(NdArray)}.
   *
   * @param x1 the first operand
   * @param x2 the second operand, broadcast against the first
   * @return a new array of the broadcast shape
   */
  public static NdArray gcd(NdArray x1, NdArray x2) {
    return x1.gcd(x2);
  }

  /**
   * NumPy's {@code lcm}: {@link NdArray#lcm(NdArray)}.
   *
   * @param x1 the first operand
   * @param x2 the second operand, broadcast against the first
   * @return a new array of the broadcast shape
   */
  public static NdArray lcm(NdArray x1, NdArray x2) {
    return x1.lcm(x2);
  }

  /**
   * NumPy's {@code frexp}: {@code {mantissa, exponent}} with {@code x == mantissa * 2**exponent},
   * mantissas in [0.5, 1) carrying x's sign in x's float type (float16 for bool and 8-bit integers,
   * as NumPy's loops), exponents int32; 0, inf and NaN give themselves and exponent 0.
   *
   * @param x the input array; not modified
   * @return the mantissas and exponents
   */
  public static NdArray[] frexp(NdArray x) {
    return MathRoutines.frexp(x);
  }

  /**
   * NumPy's {@code ldexp}: {@link NdArray#ldexp(NdArray)}.
   *
   * @param x1 the mantissas
   * @param x2 the integer exponents
   * @return a new float array of the broadcast shape
   */
  public static NdArray ldexp(NdArray x1, NdArray x2) {
    return x1.ldexp(x2);
  }

  /**
   * NumPy's {@code nextafter}: {@link NdArray#nextafter(NdArray)}.
   *
   * @param x1 the first operand
   * @param x2 the second operand, broadcast against the first
   * @return a new array of the broadcast shape
   */
  public static NdArray nextafter(NdArray x1, NdArray x2) {
    return x1.nextafter(x2);
  }

  /**
   * NumPy's {@code signbit}: {@link NdArray#signbit()}.
   *
   * @param x the input array; not modified
   * @return a new bool array of the same shape
   */
  public static NdArray signbit(NdArray x) {
    return x.signbit();
  }

  // ---- array building and index routines ----

  /**
   * NumPy's {@code geomspace(start, stop, num)} on the default backend.
   *
   * @param start the first value
   * @param stop the end of the interval
   * @param num the number of values
   * @return a new 1-d float64 array
   */
  public static NdArray geomspace(double start, double stop, long num) {
    return backend().geomspace(start, stop, num, true);
  }

  /**
   * NumPy's {@code geomspace(start, stop, num, endpoint)} on the default backend.
   *
   * @param start the first value
   * @param stop the end of the interval
   * @param num the number of values
   * @param endpoint whether {@code stop} is the last value (otherwise the interval excludes it)
   * @return a new 1-d float64 array
   */
  public static NdArray geomspace(double start, double stop, long num, boolean endpoint) {
    return backend().geomspace(start, stop, num, endpoint);
  }

  /**
   * NumPy's {@code indices(dims)} on the default backend.
   *
   * @param dims the grid's shape
   * @return a new int64 array
   */
  public static NdArray indices(long... dims) {
    return backend().indices(dims);
  }

  /**
   * Coordinate matrices, NumPy's {@code meshgrid(*xs)} ('xy' indexing, full copies).
   *
   * @param xs the 1-d coordinate vectors
   * @return one array per input
   */
  public static NdArray[] meshgrid(NdArray... xs) {
    return ArrayRoutines.meshgrid("xy", false, xs);
  }

  /**
   * NumPy's {@code meshgrid(*xs, indexing=indexing, sparse=sparse)}; indexing 'xy' or 'ij'.
   *
   * @param indexing "xy" (Cartesian) or "ij" (matrix)
   * @param sparse whether to return broadcastable views instead of full grids
   * @param xs the 1-d coordinate vectors
   * @return one array per input
   */
  public static NdArray[] meshgrid(String indexing, boolean sparse, NdArray... xs) {
    return ArrayRoutines.meshgrid(indexing, sparse, xs);
  }

  /**
   * A 2-d array with the flattened input on its diagonal (NumPy's {@code diagflat}).
   *
   * @param v the values for the diagonal
   * @return a new 2-d array
   */
  public static NdArray diagflat(NdArray v) {
    return ArrayRoutines.diagflat(v, 0);
  }

  /**
   * {@link #diagflat(NdArray)} on diagonal {@code k} (above the main one when positive).
   *
   * @param v the values for the diagonal
   * @param k the diagonal: 0 the main one, positive above it, negative below
   * @return a new 2-d array
   */
  public static NdArray diagflat(NdArray v, long k) {
    return ArrayRoutines.diagflat(v, k);
  }

  /**
   * The Kronecker product (NumPy's {@code kron}).
   *
   * @param a the first operand
   * @param b the second operand, broadcast against the first
   * @return a new array
   */
  public static NdArray kron(NdArray a, NdArray b) {
    return ArrayRoutines.kron(a, b);
  }

  /**
   * The shape the given shapes broadcast to (NumPy's {@code broadcast_shapes}).
   *
   * @param shapes the shapes
   * @return the broadcast shape
   * @throws IllegalArgumentException "operands could not be broadcast together with shapes ..."
   */
  public static long[] broadcastShapes(long[]... shapes) {
    return Broadcast.shapes(shapes).clone();
  }

  /**
   * Read-only views of the inputs broadcast to one shape (NumPy's {@code broadcast_arrays}).
   *
   * @param xs the arrays
   * @return one view per array
   */
  public static NdArray[] broadcastArrays(NdArray... xs) {
    return ArrayRoutines.broadcastArrays(xs);
  }

  /**
   * NumPy's {@code take_along_axis(arr, indices)} along the last axis.
   *
   * @param arr the source array
   * @param indices the integer indices, of arr's rank
   * @return a new array of the indices' shape
   */
  public static NdArray takeAlongAxis(NdArray arr, NdArray indices) {
    return ArrayRoutines.takeAlongAxis(arr, indices, -1);
  }

  /**
   * Values at {@code indices} along {@code axis}, the other axes matched (NumPy's {@code
   * take_along_axis}); {@code axis} null takes from the flattened array.
   *
   * @param arr the source array
   * @param indices the integer indices, of arr's rank
   * @param axis the axis, or {@code null} for the flattened array
   * @return a new array of the indices' shape
   * @throws IllegalArgumentException if indices is not an integer array of arr's rank
   * @throws IndexOutOfBoundsException for an index out of bounds, in NumPy's words
   */
  public static NdArray takeAlongAxis(NdArray arr, NdArray indices, Integer axis) {
    return ArrayRoutines.takeAlongAxis(arr, indices, axis);
  }

  /**
   * Writes values where {@link #takeAlongAxis} reads (NumPy's {@code put_along_axis}).
   *
   * @param arr the array written in place
   * @param indices the integer indices, of arr's rank
   * @param values the values, broadcast to the indices' shape
   * @param axis the axis, or {@code null} for the flattened array
   */
  public static void putAlongAxis(NdArray arr, NdArray indices, NdArray values, Integer axis) {
    ArrayRoutines.putAlongAxis(arr, indices, values, axis);
  }

  /**
   * The coordinates of flat positions in an array of {@code shape}, one int64 array per axis
   * (NumPy's {@code unravel_index}, C order).
   *
   * @param indices the flat positions
   * @param shape the array's shape
   * @return one int64 array of coordinates per axis
   */
  public static NdArray[] unravelIndex(NdArray indices, long... shape) {
    return ArrayRoutines.unravelIndex(indices, shape);
  }

  /**
   * Flat positions of coordinate arrays in an array of {@code dims} (NumPy's {@code
   * ravel_multi_index}).
   *
   * @param multiIndex one int64 array of coordinates per axis
   * @param dims the array's shape
   * @return a new int64 array
   */
  public static NdArray ravelMultiIndex(NdArray[] multiIndex, long... dims) {
    return ArrayRoutines.ravelMultiIndex(multiIndex, dims);
  }

  /**
   * NumPy's {@code select(condlist, choicelist)} with the default 0.
   *
   * @param conditions the bool conditions
   * @param choices the values for each condition
   * @return a new array
   */
  public static NdArray select(
      java.util.List<NdArray> conditions, java.util.List<NdArray> choices) {
    return select(conditions, choices, 0L);
  }

  /**
   * From the first true condition's choice, else {@code fallback} (NumPy's {@code select}); the
   * fallback is a weak scalar, like NumPy's Python number.
   *
   * @param conditions the bool conditions
   * @param choices the values for each condition
   * @param fallback the value where no condition is true
   * @return a new array
   * @throws IllegalArgumentException for lists of different lengths, an empty list, or a condition
   *     that is not bool, in NumPy's words
   */
  public static NdArray select(
      java.util.List<NdArray> conditions, java.util.List<NdArray> choices, Number fallback) {
    return ArrayRoutines.select(conditions, choices, fallback);
  }

  /**
   * The elements of the flattened {@code arr} where the condition is true (NumPy's {@code
   * extract}).
   *
   * @param condition the condition, read flattened
   * @param arr the input array; not modified
   * @return a new 1-d array
   */
  public static NdArray extract(NdArray condition, NdArray arr) {
    return ArrayRoutines.extract(condition, arr);
  }

  /**
   * {@code arr} without position {@code index} along {@code axis} (null: flattened); NumPy's {@code
   * delete}.
   *
   * @param arr the input array; not modified
   * @param index the position to remove; negative counts from the end
   * @param axis the axis, or {@code null} for the flattened array
   * @return a new array
   */
  public static NdArray delete(NdArray arr, long index, Integer axis) {
    try (NdArray i = arr.backend().full(index, DType.INT64)) {
      return ArrayRoutines.delete(arr, i, axis);
    }
  }

  /**
   * {@code arr} without the positions {@code obj} (ints, or a bool mask) along {@code axis}.
   *
   * @param arr the input array; not modified
   * @param obj the positions to remove, or a bool mask
   * @param axis the axis, or {@code null} for the flattened array
   * @return a new array
   */
  public static NdArray delete(NdArray arr, NdArray obj, Integer axis) {
    return ArrayRoutines.delete(arr, obj, axis);
  }

  /**
   * A 1-d array without its leading and trailing zeros (NumPy's {@code trim_zeros}).
   *
   * @param filt the 1-d array
   * @return a view without the zeros
   */
  public static NdArray trimZeros(NdArray filt) {
    return ArrayRoutines.trimZeros(filt, "fb");
  }

  /**
   * {@link #trimZeros(NdArray)} from the front ("f"), back ("b") or both ("fb").
   *
   * @param filt the 1-d array
   * @param trim "f", "b" or "fb"
   * @return a view without the zeros
   */
  public static NdArray trimZeros(NdArray filt, String trim) {
    return ArrayRoutines.trimZeros(filt, trim);
  }

  /**
   * Differences of the flattened array in its dtype (NumPy's {@code ediff1d}).
   *
   * @param ary the input array; not modified
   * @return a new 1-d array
   */
  public static NdArray ediff1d(NdArray ary) {
    return ArrayRoutines.ediff1d(ary, null, null);
  }

  /**
   * NumPy's {@code ediff1d(ary, to_end, to_begin)}; either may be null.
   *
   * @param ary the input array; not modified
   * @param toEnd values appended, or {@code null}
   * @param toBegin values put first, or {@code null}
   * @return a new 1-d array
   */
  public static NdArray ediff1d(NdArray ary, NdArray toEnd, NdArray toBegin) {
    return ArrayRoutines.ediff1d(ary, toBegin, toEnd);
  }

  /**
   * NumPy's {@code histogram(a)}: 10 equal bins over the data's range, {@code [counts, edges]}.
   *
   * @param a the input array
   * @return the counts and the 11 edges
   */
  public static NdArray[] histogram(NdArray a) {
    return ArrayRoutines.histogram(a, 10, null, null, false);
  }

  /**
   * {@code histogram(a, bins)} with {@code bins} equal bins.
   *
   * @param a the input array
   * @param bins the number of equal-width bins
   * @return the counts and the edges
   */
  public static NdArray[] histogram(NdArray a, long bins) {
    return ArrayRoutines.histogram(a, bins, null, null, false);
  }

  /**
   * NumPy's {@code histogram(a, bins, range, weights, density)}: {@code range} {min, max} or null
   * (the data's), {@code weights} or null; counts are int64 (the weights' dtype with weights,
   * float64 with density).
   *
   * @param a the input array
   * @param bins the number of equal-width bins
   * @param range the lower and upper edges of the bins, or {@code null} for the data's minimum and
   *     maximum
   * @param weights a weight per element of the input, or {@code null} for weight 1
   * @param density return a probability density (the integral over the range is 1) instead of
   *     counts
   * @return the counts (or densities) and the edges
   */
  public static NdArray[] histogram(
      NdArray a, long bins, double[] range, NdArray weights, boolean density) {
    return ArrayRoutines.histogram(a, bins, range, weights, density);
  }

  /**
   * NumPy's {@code histogram2d(x, y, bins)}: {@code {H, xedges, yedges}}, H float64.
   *
   * @param x the first coordinates
   * @param y the second coordinates, of x's length
   * @param bins the number of bins along each coordinate
   * @return H and the edges of each coordinate
   */
  public static NdArray[] histogram2d(NdArray x, NdArray y, long bins) {
    return ArrayRoutines.histogram2d(x, y, new long[] {bins, bins}, null, null, false);
  }

  /**
   * NumPy's {@code histogram2d(x, y, bins=[bx, by], range=[[xmin, xmax], [ymin, ymax]], weights,
   * density)}: range, weights null for none.
   *
   * @param x the first coordinates
   * @param y the second coordinates, of x's length
   * @param binsX the number of bins along x
   * @param binsY the number of bins along y
   * @param range the ranges of x and y, or {@code null}
   * @param weights a weight per element of the input, or {@code null} for weight 1
   * @param density return a probability density (the integral over the range is 1) instead of
   *     counts
   * @return H and the edges of each coordinate
   * @throws IllegalArgumentException NumPy's messages ("x and y must have the same length.",
   *     "`bins[0]` must be positive, when an integer", "max must be larger than min in range
   *     parameter.")
   */
  public static NdArray[] histogram2d(
      NdArray x,
      NdArray y,
      long binsX,
      long binsY,
      double[][] range,
      NdArray weights,
      boolean density) {
    return ArrayRoutines.histogram2d(x, y, new long[] {binsX, binsY}, range, weights, density);
  }

  /**
   * {@code histogram(a, bins=edges)}: explicit, increasing bin edges.
   *
   * @param a the input array
   * @param edges the bin edges, increasing
   * @return the counts and the edges
   */
  public static NdArray[] histogram(NdArray a, NdArray edges) {
    return ArrayRoutines.histogram(a, edges, null, false);
  }

  /**
   * {@code histogram(a, bins=edges, weights=weights, density=density)}.
   *
   * @param a the input array
   * @param edges the bin edges, increasing
   * @param weights a weight per element of the input, or {@code null} for weight 1
   * @param density return a probability density (the integral over the range is 1) instead of
   *     counts
   * @return the counts (or densities) and the edges
   */
  public static NdArray[] histogram(NdArray a, NdArray edges, NdArray weights, boolean density) {
    return ArrayRoutines.histogram(a, edges, weights, density);
  }

  /**
   * The stable order sorting by the last key, then the one before, ... along the last axis (NumPy's
   * {@code lexsort}).
   *
   * @param keys the sort keys, the last the primary one
   * @return a new int64 array of indices
   */
  public static NdArray lexsort(java.util.List<NdArray> keys) {
    return ArrayRoutines.lexsort(keys, -1);
  }

  /**
   * NumPy's {@code lexsort(keys, axis)}.
   *
   * @param keys the sort keys, the last the primary one
   * @param axis the axis to sort along; negative counts from the end
   * @return a new int64 array of indices
   */
  public static NdArray lexsort(java.util.List<NdArray> keys, int axis) {
    return ArrayRoutines.lexsort(keys, axis);
  }

  /**
   * NumPy's {@code partition(a, kth, axis)}: each kth element in its sorted place, smaller ones
   * before, larger after; the order inside the parts is unspecified, as in NumPy (a backend without
   * a selection of its own sorts them).
   *
   * @param a the input array; not modified
   * @param kth the position to put in sorted place; negative counts from the end
   * @param axis the axis; negative counts from the end
   * @return a new array
   * @throws IllegalArgumentException for a kth past the axis, in NumPy's words
   */
  public static NdArray partition(NdArray a, long kth, int axis) {
    return ArrayRoutines.partition(a, new long[] {kth}, axis);
  }

  /**
   * {@link #partition(NdArray, long, int)} with several kth positions.
   *
   * @param a the input array; not modified
   * @param kth the positions to put in sorted place
   * @param axis the axis; negative counts from the end
   * @return a new array
   */
  public static NdArray partition(NdArray a, long[] kth, int axis) {
    return ArrayRoutines.partition(a, kth, axis);
  }

  /**
   * The indices {@link #partition(NdArray, long, int)} takes (NumPy's {@code argpartition}).
   *
   * @param a the input array; not modified
   * @param kth the position to put in sorted place; negative counts from the end
   * @param axis the axis; negative counts from the end
   * @return a new int64 array of indices
   */
  public static NdArray argpartition(NdArray a, long kth, int axis) {
    return ArrayRoutines.argpartition(a, new long[] {kth}, axis);
  }

  /**
   * {@link #argpartition(NdArray, long, int)} with several kth positions.
   *
   * @param a the input array; not modified
   * @param kth the positions to put in sorted place
   * @param axis the axis; negative counts from the end
   * @return a new int64 array of indices
   */
  public static NdArray argpartition(NdArray a, long[] kth, int axis) {
    return ArrayRoutines.argpartition(a, kth, axis);
  }

  /**
   * Element i from {@code choices[a[i]]}, all broadcast together (NumPy's {@code choose}, mode
   * 'raise').
   *
   * @param a the integer choice of each element
   * @param choices the arrays chosen from
   * @return a new array
   */
  public static NdArray choose(NdArray a, java.util.List<NdArray> choices) {
    return ArrayRoutines.choose(a, choices);
  }

  /**
   * Writes {@code vals}, repeated, where {@code mask} is true, in place (NumPy's {@code place}).
   *
   * @param arr the array written in place
   * @param mask the bool mask, of arr's size
   * @param vals the values, repeated as needed
   */
  public static void place(NdArray arr, NdArray mask, NdArray vals) {
    ArrayRoutines.place(arr, mask, vals);
  }

  /**
   * {@code arr} with {@code values} inserted before position {@code index} along {@code axis}
   * (null: flattened); NumPy's {@code insert} with one index.
   *
   * @param arr the input array; not modified
   * @param index the position to insert before; negative counts from the end
   * @param values the values inserted
   * @param axis the axis, or {@code null} for the flattened array
   * @return a new array
   */
  public static NdArray insert(NdArray arr, long index, NdArray values, Integer axis) {
    return ArrayRoutines.insert(arr, index, values, axis);
  }

  /**
   * NumPy's {@code insert(arr, indices, values, axis)} with a list of indices: each value slot goes
   * before its index of the original array (NumPy's rule for repeated and unsorted indices); values
   * broadcast to {@code arr}'s shape with {@code indices.length} along axis (null: flattened). A
   * one-element list takes NumPy's single-index path without moving values' first axis, so its own
   * length there counts (as {@code np.insert(a, [1], [7, 8])} inserts two).
   *
   * @param arr the input array; not modified
   * @param indices the positions to insert before
   * @param values the values inserted
   * @param axis the axis, or {@code null} for the flattened array
   * @return a new array
   * @throws IndexOutOfBoundsException "index 9 is out of bounds for axis 0 with size 9"
   * @throws IllegalArgumentException "shape mismatch: value array of shape (2,) could not be
   *     broadcast to indexing result of shape (2,4)"
   */
  public static NdArray insert(NdArray arr, long[] indices, NdArray values, Integer axis) {
    return ArrayRoutines.insert(arr, indices, values, axis);
  }

  /**
   * NumPy's {@code fromfunction(f, shape, dtype=dtype)}: calls {@code f} once with one array per
   * axis holding that axis's coordinate at every position (in {@code dtype}, as {@code
   * indices(shape)}) and returns what it returns.
   *
   * @param f the function of the coordinate arrays
   * @param dtype the dtype of the coordinate arrays
   * @param shape the dimensions of the result
   * @return what {@code f} returns
   */
  public static NdArray fromFunction(
      java.util.function.Function<NdArray[], NdArray> f, DType dtype, long... shape) {
    return backend().fromFunction(f, dtype, shape);
  }

  /**
   * {@link #fromFunction(java.util.function.Function, DType, long...)} in float64, NumPy's default.
   *
   * @param f the function of the coordinate arrays
   * @param shape the dimensions of the result
   * @return what {@code f} returns
   */
  public static NdArray fromFunction(
      java.util.function.Function<NdArray[], NdArray> f, long... shape) {
    return fromFunction(f, DType.FLOAT64, shape);
  }

  /**
   * {@link #insert(NdArray, long, NdArray, Integer)} with a number.
   *
   * @param arr the input array; not modified
   * @param index the position to insert before; negative counts from the end
   * @param value the value inserted
   * @param axis the axis, or {@code null} for the flattened array
   * @return a new array
   */
  public static NdArray insert(NdArray arr, long index, Number value, Integer axis) {
    try (NdArray v = arr.backend().full(value, arr.dtype())) {
      return ArrayRoutines.insert(arr, index, v, axis);
    }
  }

  /**
   * The flattened array repeated to fill {@code shape} (NumPy's {@code resize}).
   *
   * @param a the input array; not modified
   * @param shape the dimensions of the result
   * @return a new array
   */
  public static NdArray resize(NdArray a, long... shape) {
    return ArrayRoutines.resize(a, shape);
  }

  /**
   * The gradient along every axis with unit spacing (NumPy's {@code gradient(f)}): one array per
   * axis.
   *
   * @param f the sampled values; not modified
   * @return one array per axis
   */
  public static NdArray[] gradient(NdArray f) {
    NdArray[] out = new NdArray[f.ndim()];
    for (int d = 0; d < out.length; d++) {
      out[d] = ArrayRoutines.gradient(f, d, 1.0, 1);
    }
    return out;
  }

  /**
   * NumPy's {@code gradient(f, dx, axis=axis, edge_order=edgeOrder)}: central differences inside,
   * one-sided differences of order 1 or 2 at the ends.
   *
   * @param f the sampled values; not modified
   * @param dx the spacing of the samples
   * @param axis the axis; negative counts from the end
   * @param edgeOrder 1 or 2
   * @return a new array of f's shape
   */
  public static NdArray gradient(NdArray f, double dx, int axis, int edgeOrder) {
    return ArrayRoutines.gradient(f, axis, dx, edgeOrder);
  }

  /**
   * Einstein summation (NumPy's {@code einsum}): subscripts of letters, explicit ({@code
   * "ij,jk->ik"}) or implicit ({@code "ij,jk"}: the labels seen once, alphabetical); repeated
   * labels in one operand take its diagonal. No {@code ...} ellipsis.
   *
   * @param subscripts the subscripts
   * @param operands the operands, one per subscript group
   * @return a new array
   * @throws IllegalArgumentException for subscripts that do not fit the operands, in NumPy's words
   */
  public static NdArray einsum(String subscripts, NdArray... operands) {
    return Einsum.einsum(subscripts, operands);
  }
}
