package io.ndj.spi;

import io.ndj.DType;
import java.lang.foreign.MemorySegment;

/**
 * What a backend implements: allocation, host transfers and a small set of kernels over {@link
 * View}s.
 *
 * <p>{@code io.ndj} does everything else once for every backend: shape checks, broadcasting (a
 * broadcast axis reaches a kernel as stride 0), type promotion (inputs reach a kernel already in
 * the loop dtype), views, index parsing, error messages. Kernels may therefore assume valid input.
 * Every method may be called from several threads at once on different outputs. A kernel's output
 * view never overlaps its inputs unless they are the same view element for element.
 *
 * <p>{@link #supports(Op, DType)} declares the (op, dtype) pairs the backend runs; {@code io.ndj}
 * turns a missing pair into an {@link UnsupportedOperationException} before calling the kernel.
 */
public interface Kernels extends AutoCloseable {
  /**
   * The provider's name.
   *
   * @return the provider's name
   */
  String name();

  /**
   * What the backend computes on, for people: "CPU (2 cores, Java 25)", "NVIDIA H100 80GB HBM3
   * (sm_90)".
   *
   * @return a description of the device
   */
  String device();

  /**
   * Whether this backend runs {@code op} with loop dtype {@code dtype}: by default every pair NumPy
   * has a loop for ({@link #numpyLoop}); a backend that lacks some overrides this and says so.
   *
   * @param op the operation
   * @param dtype the loop dtype
   * @return whether this backend runs the pair
   */
  default boolean supports(Op op, DType dtype) {
    return numpyLoop(op, dtype);
  }

  /**
   * The (op, loop dtype) pairs NumPy has loops for, which a backend running everything returns from
   * {@link #supports}: bitwise ops and invert on bool and integers only; divide and the float-only
   * functions on floats only (io.ndj casts integer inputs to a float type first); gcd and lcm on
   * integers but bool; fmod on every dtype but bool; random bits as int64.
   *
   * @param op the operation
   * @param dtype the loop dtype
   * @return whether NumPy has a loop for the pair
   */
  static boolean numpyLoop(Op op, DType dtype) {
    return switch (op) {
      case BinaryOp b when b.isBitwise() -> !dtype.isFloat();
      case UnaryOp u when u == UnaryOp.INVERT -> !dtype.isFloat();
      case BinaryOp b when b == BinaryOp.DIVIDE || b.isFloatOnly() -> dtype.isFloat();
      case BinaryOp b when b.isIntegerOnly() -> dtype.isInteger() && !dtype.isBool();
      case BinaryOp b when b == BinaryOp.FMOD -> !dtype.isBool();
      case UnaryOp u when u.isFloatOnly() -> dtype.isFloat();
      case DataOp d when d == DataOp.RANDOM -> dtype == DType.INT64;
      default -> true;
    };
  }

  /**
   * Whether this backend's sorts, selections, searches and min/max/argmin/argmax reductions order
   * uint64 values (a long's bits) as unsigned. Where not, {@code io.ndj} runs them on the bits with
   * the sign bit flipped, as int64 (an extra pass each way), and flips the values back. Elementwise
   * uint64 ops (comparisons, maximum, floor_divide, remainder, right_shift, ...) are the backend's
   * own either way.
   *
   * @return whether uint64 ordering ops run natively
   */
  default boolean ordersUnsigned64() {
    return false;
  }

  /**
   * Allocates {@code bytes} bytes, contents unspecified.
   *
   * @param bytes the size in bytes, at least 0
   * @return the new buffer
   */
  Buffer allocate(long bytes);

  /**
   * Allocates {@code bytes} bytes for an array of {@code dtype}, contents unspecified. The dtype is
   * a hint a backend may lay its memory out for (the cpu backend backs float arrays by float[] and
   * double[], which its loops read directly); the buffer must still serve any dtype's views. By
   * default {@link #allocate(long)}.
   *
   * @param bytes the size in bytes, at least 0
   * @param dtype the element type the buffer is for
   * @return the new buffer
   */
  default Buffer allocate(long bytes, DType dtype) {
    return allocate(bytes);
  }

  /**
   * A buffer over host memory the caller owns, without a copy ({@code Nd.wrap}, {@code
   * Nd.frombuffer}), or {@code null} (the default) when this backend's kernels cannot address host
   * memory. The segment may be read-only, of any alignment, heap or native, and is reachable from
   * every thread; it may be closed while arrays still use it, and every access after that must fail
   * as the segment's own accesses fail (an {@link IllegalStateException}), never crash. {@link
   * #free(Buffer)} of such a buffer must neither free nor reuse its memory.
   *
   * @param memory the host memory to view
   * @return a buffer over the memory, or {@code null}
   */
  default Buffer wrap(MemorySegment memory) {
    return null;
  }

  /**
   * The host memory {@code buffer} is, for a backend whose kernels address host memory (the cpu
   * backend's heap arrays and native memory), or {@code null} (the default) for memory elsewhere (a
   * GPU's). Read through {@code NdArray.hostMemory()}.
   *
   * @param buffer the buffer
   * @return the memory, or {@code null}
   */
  default MemorySegment hostMemory(Buffer buffer) {
    return null;
  }

  /**
   * Gives a buffer back. May be called from any thread, including a {@link
   * java.lang.ref.Cleaner}'s.
   *
   * @param buffer the buffer
   */
  void free(Buffer buffer);

  /**
   * The bytes of live buffers past which ndj collects arrays dropped without {@code close()} before
   * it allocates more: a device's memory, or a budget for native memory that the Java heap does not
   * see (whose garbage collector would otherwise never run for it). Unbounded by default (heap
   * memory is the collector's own).
   *
   * @return the limit in bytes, or {@link Long#MAX_VALUE} for none
   */
  default long memoryLimit() {
    return Long.MAX_VALUE;
  }

  /**
   * Gives memory cached for reuse (pools of freed buffers) back to the system or device. ndj calls
   * it before it retries an allocation that failed; a backend without caches does nothing.
   */
  default void releaseCached() {}

  /**
   * Complex-to-complex FFTs of every line of {@code in} along its last axis into {@code out}:
   * {@code out[..., k] = scale * sum_j in[..., j] exp(∓2πi jk/n)} (minus forward, plus when {@code
   * inverse}). Both views are complex64 or complex128 (the one dtype; the only complex views a
   * kernel is shown), of one shape with at least one element, each in any layout (out's elements
   * distinct: a fresh array, perhaps seen with its axes moved). Returns false, having written
   * nothing, where the backend has no FFT of its own or not for this case: io.ndj then runs {@link
   * HostFft} on the host.
   *
   * @param out the view the kernel writes
   * @param in the view the kernel reads
   * @param inverse true for the inverse transform (a plus sign in the exponent), false for the
   *     forward one
   * @param scale the factor every result is multiplied by
   * @return true when the backend ran the transforms, false (having written nothing) to leave them
   *     to io.ndj's host path
   */
  default boolean fft(View out, View in, boolean inverse, double scale) {
    return false;
  }

  /**
   * One {@code rank}-dimensional complex FFT (rank 2 or 3) over the trailing axes of {@code in},
   * batched over the leading ones, into {@code out} (same shape and complex dtype), times scale:
   * what {@link #fft} gives axis by axis, in one pass. Both operands are C-contiguous. Returns
   * false, having written nothing, where the backend has none (io.ndj then goes axis by axis).
   *
   * @param out the view the kernel writes
   * @param in the view the kernel reads
   * @param rank the number of trailing axes transformed, 2 or 3
   * @param inverse true for the inverse transform (a plus sign in the exponent), false for the
   *     forward one
   * @param scale the factor every result is multiplied by
   * @return true when the backend ran the transform, false (having written nothing) to leave it to
   *     io.ndj
   */
  default boolean fftn(View out, View in, int rank, boolean inverse, double scale) {
    return false;
  }

  /**
   * Real-to-complex FFTs of every line of {@code in} (float32 or float64, any layout) along its
   * last axis, of n points, into {@code out} (complex64 or complex128 to match, C-contiguous, last
   * axis n/2 + 1): the non-negative frequencies of the forward transform, times scale. Returns
   * false, having written nothing, where the backend has none of its own.
   *
   * @param out the view the kernel writes
   * @param in the view the kernel reads
   * @param scale the factor every result is multiplied by
   * @return true when the backend ran the transforms, false (having written nothing) to leave them
   *     to io.ndj
   */
  default boolean rfft(View out, View in, double scale) {
    return false;
  }

  /**
   * Complex-to-real FFTs (the inverse of {@link #rfft}): every line of {@code in} (complex64 or
   * complex128, any layout, its last axis the n/2 + 1 non-negative frequencies of a Hermitian
   * spectrum; the imaginary parts of the first and, for even n, the last are ignored) into the real
   * lines of n points of {@code out} (float32 or float64 to match, C-contiguous), times scale; n is
   * out's last dimension. {@code in} is left as it was. Returns false, having written nothing,
   * where the backend has none of its own (io.ndj then runs a complex transform of the whole
   * spectrum).
   *
   * @param out the view the kernel writes
   * @param in the view the kernel reads
   * @param scale the factor every result is multiplied by
   * @return true when the backend ran the transforms, false (having written nothing) to leave them
   *     to io.ndj
   */
  default boolean irfft(View out, View in, double scale) {
    return false;
  }

  /**
   * Whether this backend has factorizations of its own ({@link #solve}, {@link #cholesky}, {@link
   * #eigh}, {@link #slogdet} may return something other than -1): io.ndj asks before it allocates
   * their outputs. By default false.
   *
   * @return whether {@code solve}, {@code cholesky}, {@code eigh} and {@code slogdet} may run on
   *     this backend
   */
  default boolean factorizes() {
    return false;
  }

  /**
   * Solves {@code a·x = b} for each matrix of a stack with the backend's own solver (LU with
   * partial pivoting): a {@code (..., n, n)} and b {@code (..., n, k)} of any real dtype and layout
   * (broadcast axes too), out {@code (..., n, k)} C-contiguous, float32 or float64, the dtype to
   * solve in; the batch shapes equal. Returns -1, having written nothing, where the backend has no
   * solver of its own for this case (io.ndj then solves on the host); 0 when every system was
   * solved; 1 + the index of the first singular matrix otherwise (out is then unspecified).
   *
   * @param out the solutions' view
   * @param a the matrices' view
   * @param b the right-hand sides' view
   * @return -1 when the backend leaves this call to io.ndj (having written nothing), else the index
   *     of the first singular matrix of the stack, or the stack's size when none is
   */
  default long solve(View out, View a, View b) {
    return -1;
  }

  /**
   * The inverse of each matrix of a stack {@code a (..., n, n)} (any real dtype and layout) into
   * {@code out} (same shape, C-contiguous, float32 or float64: the dtype to factor in), where the
   * backend inverts otherwise than it solves {@code a x = I} ({@link #solve} with the identity is
   * io.ndj's way otherwise). Returns -1, having written nothing, where the backend leaves it to
   * {@link #solve}; 0 when done; 1 + the index of the first singular matrix otherwise.
   *
   * @param out the inverses' view
   * @param a the matrices' view
   * @return -1 when the backend leaves this call to solve (having written nothing), else the index
   *     of the first singular matrix of the stack, or the stack's size when none is
   */
  default long inv(View out, View a) {
    return -1;
  }

  /**
   * The lower Cholesky factor of each matrix of a stack {@code a (..., n, n)} (any real dtype and
   * layout; read from its lower triangle) into {@code out} (same shape, C-contiguous, float32 or
   * float64: the dtype to factor in; its strictly upper triangle zero). Returns -1, having written
   * nothing, where the backend has none of its own; 0 when done; 1 + the index of the first matrix
   * that is not positive definite otherwise.
   *
   * @param out the factors' view
   * @param a the matrices' view
   * @return -1 when the backend leaves this call to io.ndj (having written nothing), else the index
   *     of the first matrix that is not positive definite, or the stack's size when all are
   */
  default long cholesky(View out, View a) {
    return -1;
  }

  /**
   * The sign (1, -1, or 0 where a pivot is exactly zero) and the natural log of the absolute
   * determinant (-inf for a singular matrix) of each matrix of a stack {@code a (..., n, n)} (any
   * real dtype and layout, n &gt; 0) into {@code sign} and {@code logabsdet} ({@code (...)},
   * C-contiguous float64), from the backend's own LU with partial pivoting. Returns -1, having
   * written nothing, where the backend has none of its own; 0 when done.
   *
   * @param sign the signs' view
   * @param logabsdet the logs' view
   * @param a the matrices' view
   * @return -1 when the backend leaves this call to io.ndj (having written nothing), else 0
   */
  default long slogdet(View sign, View logabsdet, View a) {
    return -1;
  }

  /**
   * The eigenvalues (ascending) and, where {@code v} is not null, unit eigenvectors (v's columns)
   * of each symmetric matrix of a stack {@code a (..., n, n)} (any real dtype and layout; read from
   * its lower triangle where {@code lower}, else the upper) into {@code w (..., n)} and {@code v
   * (..., n, n)} (C-contiguous, float32 or float64: the dtype to compute in). Returns -1, having
   * written nothing, where the backend has none of its own; 0 when done; 1 + the index of the first
   * matrix whose iteration did not converge otherwise.
   *
   * @param w the eigenvalues' view
   * @param v the eigenvectors' view, or {@code null} for eigenvalues only
   * @param a the matrices' view
   * @param lower true to read each matrix's lower triangle, false for its upper
   * @return -1 when the backend leaves this call to io.ndj (having written nothing), else the index
   *     of the first matrix whose iteration did not converge, or the stack's size when all did
   */
  default long eigh(View w, View v, View a, boolean lower) {
    return -1;
  }

  /**
   * The QR factorization a = q · r of each matrix of a stack {@code a (..., M, N)} (any real dtype
   * and layout) with the backend's own solver, by Householder reflections with LAPACK's signs (as
   * NumPy's): {@code r (..., K, N)} or, where {@code complete}, {@code (..., M, N)}, zeros below
   * its diagonal (numpy.triu's); {@code q (..., M, K)} or {@code (..., M, M)}, or null where only r
   * is wanted (all C-contiguous, float32 or float64: the dtype to compute in; K = min(M, N)).
   * Returns -1, having written nothing, where the backend has none of its own; 0 when done.
   *
   * @param q Q's view, or {@code null} for r alone
   * @param r R's view
   * @param a the matrices' view
   * @param complete whether Q is square (and R has M rows)
   * @return -1 when the backend leaves this call to io.ndj (having written nothing), else 0
   */
  default long qr(View q, View r, View a, boolean complete) {
    return -1;
  }

  /**
   * The singular value decomposition a = u · diag(s) · vh of each matrix of a stack {@code a (...,
   * M, N)} (any real dtype and layout) with the backend's own solver: {@code s (..., K)}
   * descending, K = min(M, N), {@code u (..., M, M)} and {@code vh (..., N, N)} where {@code full},
   * else {@code (..., M, K)} and {@code (..., K, N)} (all C-contiguous, float32 or float64: the
   * dtype to compute in). Where {@code u} and {@code vh} are null only s is wanted, and must equal
   * the s of a call with vectors. Returns -1, having written nothing, where the backend has none of
   * its own; 0 when done; 1 + the index of the first matrix whose iteration did not converge
   * otherwise.
   *
   * @param s the singular values' view
   * @param u the left singular vectors' view, or {@code null} for values only
   * @param vh the right singular vectors' view (as rows), or {@code null} for values only
   * @param a the matrices' view
   * @param full whether u and vh are square
   * @return -1 when the backend leaves this call to io.ndj (having written nothing), else the index
   *     of the first matrix whose iteration did not converge, or the stack's size when all did
   */
  default long svd(View s, View u, View vh, View a, boolean full) {
    return -1;
  }

  /**
   * The most bytes the backend's live buffers held at once since the last call (or since it
   * started), and counting starts again from what they hold now: what {@code ./ndj bench} reports a
   * row needed beyond its inputs and result. By default -1: not counted.
   *
   * @return the peak of live buffer bytes since the last call, or -1 where not counted
   */
  default long peakBytes() {
    return -1;
  }

  /** Drops the FFT plans the backend caches ({@code Nd.fft.clearPlans()}); by default none. */
  default void clearFftPlans() {}

  /**
   * How many FFT plans the backend caches now; by default none.
   *
   * @return the number of cached plans
   */
  default int fftPlans() {
    return 0;
  }

  /**
   * Copies {@code src.byteSize()} bytes from the host into {@code dst} at byte {@code dstOffset}.
   *
   * @param dst the buffer written
   * @param dstOffset the byte offset in {@code dst} of the first byte written
   * @param src the host bytes to copy
   */
  void write(Buffer dst, long dstOffset, MemorySegment src);

  /**
   * Copies {@code dst.byteSize()} bytes from {@code src} at byte {@code srcOffset} to the host;
   * waits for them.
   *
   * @param src the buffer read
   * @param srcOffset the byte offset in {@code src} of the first byte read
   * @param dst the host memory that receives the bytes
   */
  void read(Buffer src, long srcOffset, MemorySegment dst);

  /**
   * Sets every element of {@code out} to {@code value} (a Long, Double or Boolean), converted to
   * out's dtype.
   *
   * @param out the view the kernel writes
   * @param value the value
   */
  void fill(View out, Number value);

  /**
   * Writes {@code start + i*step} into element {@code i} of the 1-d {@code out}: computed in double
   * for float dtypes, in long for integer dtypes.
   *
   * @param out the view the kernel writes
   * @param start the first value
   * @param step the difference between consecutive values
   */
  void arange(View out, Number start, Number step);

  /**
   * Copies {@code in} to {@code out} (same shape), casting when the dtypes differ: NumPy's {@code
   * astype} rules (float to int truncates toward zero; NaN, inf and out-of-range values give
   * unspecified results; anything to bool is {@code != 0}).
   *
   * @param out the view the kernel writes
   * @param in the view the kernel reads
   */
  void copy(View out, View in);

  /**
   * {@code out = op(in)}; same shapes.
   *
   * @param op the operation
   * @param out the view the kernel writes
   * @param in the view the kernel reads
   */
  void unary(UnaryOp op, View out, View in);

  /**
   * {@code out = op(a, b)}; same shapes (broadcast axes have stride 0), a and b of one dtype.
   *
   * @param op the operation
   * @param out the view the kernel writes
   * @param a the first operand's view
   * @param b the second operand's view
   */
  void binary(BinaryOp op, View out, View a, View b);

  /**
   * {@code out = op(a, scalar)}, or {@code op(scalar, a)} when {@code scalarFirst}; the scalar
   * (Long or Double) is already representable in a's dtype.
   *
   * @param op the operation
   * @param out the view the kernel writes
   * @param a the first operand's view
   * @param scalar the scalar operand
   * @param scalarFirst true when the scalar is the left operand
   */
  void binaryScalar(BinaryOp op, View out, View a, Number scalar, boolean scalarFirst);

  /**
   * {@code out = cond ? a : b}; cond is bool; a, b and out have one dtype; same shapes.
   *
   * @param out the view the kernel writes
   * @param cond the bool condition's view
   * @param a the first operand's view
   * @param b the second operand's view
   */
  void where(View out, View cond, View a, View b);

  /**
   * Reduces {@code in} over {@code axes} (sorted, distinct, non-empty) into {@code out}, whose
   * shape is in's with those axes set to 1. SUM/PROD/MIN/MAX: out's dtype is in's, or int64 when
   * summing integers or bools.
   *
   * @param op the operation
   * @param out the view the kernel writes
   * @param in the view the kernel reads
   * @param axes the axes to reduce (sorted, distinct, non-negative)
   */
  void reduce(ReduceOp op, View out, View in, int[] axes);

  /**
   * Gathers rows: {@code out[i..., j...] = in[indices[i...], j...]}. {@code in} has shape {@code
   * (n, rest...)}, {@code indices} is int64 of shape {@code B}, every value in {@code [0, n)}; out
   * has shape {@code B + rest} and in's dtype.
   *
   * @param out the view the kernel writes
   * @param in the view the kernel reads
   * @param indices the int64 row indices' view
   */
  void gather(View out, View in, View indices);

  /**
   * Scatters rows: {@code target[indices[i...], j...] = values[i..., j...]}, in C order of {@code
   * indices} (a repeated index keeps the last value). Shapes as in {@link #gather}, with {@code
   * values} in place of out.
   *
   * @param target the view written in place
   * @param indices the int64 row indices' view
   * @param values the values' view
   */
  void scatter(View target, View indices, View values);

  /**
   * Unbuffered in-place accumulation, NumPy's {@code ufunc.at}: for each {@code i} in order, {@code
   * target[indices[i]] = op(target[indices[i]], values[i])}, so a repeated index accumulates every
   * value. {@code target} is C-contiguous (indexed flat), {@code indices} a contiguous 1-d int64 of
   * flat positions, each in range, and {@code values} a 1-d of the same length and target's dtype,
   * contiguous or one value broadcast (stride 0: bincount's ones, a scalar); {@code op} is one of
   * ADD, SUBTRACT, MULTIPLY, MINIMUM, MAXIMUM, FMIN, FMAX. The default runs on the host (reads all
   * three, writes target back); a backend overrides it to stay on its device.
   *
   * @param op the operation
   * @param target the view written in place
   * @param indices the int64 flat positions' view
   * @param values the values' view
   */
  default void accumulateAt(BinaryOp op, View target, View indices, View values) {
    HostAccumulate.run(this, op, target, indices, values, target.dtype());
  }

  /**
   * Writes the C-order multi-indices of the non-zero elements of {@code in} into the int64 {@code
   * out} of shape {@code (count, in.ndim)}, where count is the number of non-zero elements (the
   * caller counted them).
   *
   * @param out the view the kernel writes
   * @param in the view the kernel reads
   */
  void nonzero(View out, View in);

  /**
   * Cumulative sum or product along {@code axis}; out has in's shape, and in's dtype or int64 for
   * integers.
   *
   * @param op cumulative sum or product
   * @param out the view the kernel writes
   * @param in the view the kernel reads
   * @param axis the axis of the views to work along (non-negative)
   */
  void scan(ScanOp op, View out, View in, int axis);

  /**
   * Batched matrix product: a {@code (..., n, k)}, b {@code (..., k, m)}, out {@code (..., n, m)};
   * the batch axes of all three have one shape (broadcast axes have stride 0); one dtype; products
   * summed in the dtype's compute domain (integers wrap, floats at least in their own precision).
   *
   * @param out the view the kernel writes
   * @param a the first operand's view
   * @param b the second operand's view
   */
  void matmul(View out, View a, View b);

  /**
   * Sorts along {@code axis} into out (same shape and dtype); NaN sorts last.
   *
   * @param out the view the kernel writes
   * @param in the view the kernel reads
   * @param axis the axis of the views to work along (non-negative)
   */
  void sort(View out, View in, int axis);

  /**
   * Partitions along {@code axis} into out (same shape and dtype, no operand a complex or bool
   * dtype): each of the {@code kth} positions (ascending, distinct, in range) gets the value a sort
   * puts there, the values before it are no greater and those after no smaller, NaN last (as in
   * {@link #sort}). Returns false, having written nothing, where the backend leaves it to io.ndj,
   * which sorts instead (a sort is a partition); by default false.
   *
   * @param out the view the kernel writes
   * @param in the view the kernel reads
   * @param axis the axis of the views to work along (non-negative)
   * @param kth the positions fixed, ascending and distinct
   * @return true when the backend partitioned, false to leave it to io.ndj
   */
  default boolean partition(View out, View in, int axis, long[] kth) {
    return false;
  }

  /**
   * The values a sort along axis 1 of the 2-d {@code in} would put at each of the {@code kth}
   * places (ascending, distinct, in range; NaN last), written to the 2-d {@code out} of shape
   * {@code (in.shape[0], kth.length)} and in's dtype: what median and the quantiles read, without
   * writing a partitioned copy of the data. Returns false, having written nothing, where the
   * backend leaves it to io.ndj, which partitions instead; by default false.
   *
   * @param out the view the kernel writes
   * @param in the 2-d view whose rows are selected from
   * @param kth the places, ascending and distinct
   * @return true when the backend selected, false to leave it to io.ndj
   */
  default boolean select(View out, View in, long[] kth) {
    return false;
  }

  /**
   * Stable argsort along {@code axis}: out is int64 indices into that axis; NaN sorts last.
   *
   * @param out the int64 indices' view
   * @param in the view the kernel reads
   * @param axis the axis of the views to work along (non-negative)
   */
  void argsort(View out, View in, int axis);

  /**
   * For each element of {@code values}, the insertion point into the sorted 1-d {@code sorted}
   * (same dtype): the first index whose element is {@code >= value} ({@code > value} when {@code
   * right}); int64 out.
   *
   * @param out the int64 insertion points' view
   * @param sorted the sorted 1-d view
   * @param values the values' view
   * @param right false for the left insertion point, true for the right one
   */
  void searchsorted(View out, View sorted, View values, boolean right);

  /**
   * Fills the contiguous 1-d int64 {@code out} with Philox4x32-10 bits: element {@code i} is the
   * first 64 bits (words 0 and 1, word 0 high) of the block for counter {@code counter + i} (as a
   * 128-bit counter with high half 0) under the 64-bit {@code key}. {@link Philox} is the
   * reference.
   *
   * @param out the int64 view filled
   * @param key the 64-bit Philox key
   * @param counter the counter of element 0
   */
  void philox(View out, long key, long counter);

  /**
   * Fills the contiguous 1-d float64 or float32 {@code out} of n elements with standard normal
   * values, {@link Gaussian}'s to the bit: float64 elements {@code 2j} and {@code 2j + 1} from the
   * first and last 64 bits of the {@link Philox} block {@code counter + j} under {@code key},
   * float32 elements {@code 4j .. 4j + 3} from its four 32-bit words (each value's rare further
   * draws from the blocks Gaussian names). Returns false (the default) where the backend has no
   * such kernel: {@code io.ndj} then computes the values on the host and copies them in.
   *
   * @param out the float view filled
   * @param key the 64-bit Philox key
   * @param counter the counter of element 0's first block
   * @return whether the backend filled out
   */
  default boolean normal(View out, long key, long counter) {
    return false;
  }

  /**
   * Fills the contiguous 1-d float64 {@code out} with {@code low + (high - low) * u}, u = {@code
   * (bits(counter + i) >>> 11) * 2^-53} of {@link Philox} blocks under {@code key}: one product and
   * one sum, each rounded (never fused). Returns false (the default) where the backend has no such
   * kernel: {@code io.ndj} then composes it from {@link #philox} and elementwise ops.
   *
   * @param out the float64 view filled
   * @param key the 64-bit Philox key
   * @param counter the counter of element 0
   * @param low the lower bound
   * @param high the upper bound
   * @return whether the backend filled out
   */
  default boolean uniform(View out, long key, long counter, double low, double high) {
    return false;
  }

  /**
   * Fills the contiguous 1-d int64 {@code out} with {@link Poisson}'s values of one rate: element i
   * draws the {@link Philox} blocks' first 64 bits at counter {@code counter + i} under the keys
   * {@code key + j * 0x9E3779B97F4A7C15}, j = 0, 1, 2, ... (one per draw), as {@link Poisson#draw}
   * takes them, to the bit. Returns false (the default) where the backend has no such kernel:
   * {@code io.ndj} then draws on the host.
   *
   * @param out the int64 view filled
   * @param key the 64-bit Philox key of draw 0
   * @param counter the counter of element 0
   * @param law the rate's constants, as computed on the host
   * @return whether the backend filled out
   */
  default boolean poisson(View out, long key, long counter, Poisson law) {
    return false;
  }

  /**
   * Fills the contiguous 1-d int64 {@code out} with {@link Binomial#draw}'s values of n trials of
   * probability p (checked by the caller: n non-negative, p in [0, 1]): element i draws the {@link
   * Philox} blocks' first 64 bits at counter {@code counter + i} under the keys {@code key + j *
   * 0x9E3779B97F4A7C15}, j = 0, 1, 2, ..., as {@link #poisson} does, to the bit. Returns false (the
   * default) where the backend has no such kernel: the host draws.
   *
   * @param out the int64 view filled
   * @param key the 64-bit Philox key of draw 0
   * @param counter the counter of element 0
   * @param n the number of trials
   * @param p the probability of success of each trial
   * @return whether the backend filled out
   */
  default boolean binomial(View out, long key, long counter, long n, double p) {
    return false;
  }

  /**
   * {@link #poisson} with a rate per element: element i of the contiguous 1-d int64 {@code out}
   * draws from the law of {@code lam[i]} (the contiguous 1-d float64 {@code lam} of the same
   * length, every rate non-negative and within NumPy's limit, checked by the caller), its constants
   * computed as {@link Poisson}'s constructor computes them (StrictMath's exp, log and sqrt), to
   * the bit. Returns false (the default) where the backend has no such kernel: the host draws.
   *
   * @param out the int64 view filled
   * @param lam the rates' view
   * @param key the 64-bit Philox key of draw 0
   * @param counter the counter of element 0
   * @return whether the backend filled out
   */
  default boolean poissonRates(View out, View lam, long key, long counter) {
    return false;
  }

  /**
   * Fills the contiguous 1-d float64 or float32 {@code out} from NumPy's PCG64 stream at state
   * {@code (stateHi, stateLo)} with increment {@code (incHi, incLo)} ({@code
   * io.ndj.random.NumpyGenerator}), to the bit: draw i is the XSL-RR output of the state after i +
   * 1 steps; float64 {@code out[i] = low + range * ((draw i >>> 11) * 2^-53)} (one rounded product
   * and sum each; low 0 and range 1 leave the value as it is); float32 (an even n) {@code out[2j]}
   * and {@code out[2j + 1]} from the low and high 32 bits x of draw j, {@code (x >>> 8) * 2^-24}.
   * The caller moves its state on by the draws. Returns false (the default) where the backend has
   * no such kernel: the host draws.
   *
   * @param out the float view filled
   * @param stateHi the state's high 64 bits
   * @param stateLo the state's low 64 bits
   * @param incHi the increment's high 64 bits
   * @param incLo the increment's low 64 bits
   * @param low added (float64)
   * @param range the factor (float64)
   * @return whether the backend filled out
   */
  default boolean pcg64(
      View out, long stateHi, long stateLo, long incHi, long incLo, double low, double range) {
    return false;
  }

  /**
   * Counts the values of {@code x} (any shape, a real dtype) into the bins of the sorted float
   * {@code edges} in one pass, as NumPy's {@code histogram} counts them: bin i holds {@code
   * edges[i] <= v < edges[i + 1]}, the last bin also its right edge, values outside and NaN left
   * out; {@code counts} is int64, one per bin, zeroed by the caller. Returns false (the default)
   * where the backend has no such kernel: the caller then counts through searchsorted and bincount.
   *
   * @param counts the int64 counts' view, one per bin
   * @param x the values' view
   * @param edges the bin edges' view
   * @return true when the backend counted them, false (having written nothing) to leave them to
   *     io.ndj
   */
  default boolean histogram(View counts, View x, View edges) {
    return false;
  }

  /**
   * Writes into {@code out} the sum over {@code axes} of {@code (x - mean)²}, to the bit as {@link
   * #reduce} sums the C-contiguous array of those squares (each difference and square rounded in
   * the dtype) that NumPy's {@code var} makes, without making it. x is a non-empty float32 or
   * float64 array; mean and out have its dtype and its shape with the axes set to 1. Returns false
   * (the default) where the backend has no such kernel, having written nothing: io.ndj then squares
   * the deviations into a temporary and sums that.
   *
   * @param out the sums' view
   * @param x the values' view
   * @param mean the means' view (x's mean over axes, keepdims)
   * @param axes the axes summed (sorted, distinct, non-negative, non-empty)
   * @return whether the backend wrote out
   */
  default boolean squaredDeviationSum(View out, View x, View mean, int[] axes) {
    return false;
  }

  /**
   * Writes into {@code out} the sum over {@code axes} of {@code (x - mean)²}, mean being x's own
   * mean over those axes, in one read of x (var and std without the mean's pass): per-group counts,
   * means and sums of squared deviations in float64, merged as Chan, Golub and LeVeque's pairwise
   * update, rounded once to out's dtype. Within a few float64 ulps of the exact value, so at least
   * as accurate as NumPy's two passes but not its bits (the cpu backend, NumPy's bits, leaves this
   * to {@link #squaredDeviationSum}). x is a non-empty float32 or float64 array; out has its dtype
   * and its shape with the axes set to 1. Returns false (the default) where the backend has no such
   * kernel for these views, having written nothing: io.ndj then takes the mean and calls {@link
   * #squaredDeviationSum}.
   *
   * @param out the sums' view
   * @param x the values' view
   * @param axes the axes summed (sorted, distinct, non-negative, non-empty)
   * @return whether the backend wrote out
   */
  default boolean squaredDeviationSumOnePass(View out, View x, int[] axes) {
    return false;
  }

  /**
   * Whether this backend runs {@code program} as one fused kernel (or a few), by {@link #fused};
   * false (the default) makes io.ndj run the program op by op through the other kernels.
   *
   * @param program the fused program
   * @return true when {@link #fused} runs the program here
   */
  default boolean runsFused(Program program) {
    return false;
  }

  /**
   * Runs {@code program} fused: {@code inputs[i]} is the program's input i as given (its own shape;
   * it broadcasts as the steps say), {@code out} the result (C-contiguous, of the result step's
   * dtype and shape). Called only where {@link #runsFused} said yes.
   *
   * @param program the fused program
   * @param out the result's view
   * @param inputs the program's inputs' views, in its input order
   */
  default void fused(Program program, View out, View[] inputs) {
    throw new UnsupportedOperationException("backend " + name() + " does not run fused programs");
  }

  /**
   * How this backend runs fused programs, for people ({@code ./ndj info}): "op by op" by default; a
   * backend that fuses says how, or why it cannot here (a missing compiler, say).
   *
   * @return the description
   */
  default String fusion() {
    return "op by op (the steps of a fused program run one kernel call each)";
  }

  /** Waits until every kernel launched so far has finished (a no-op for synchronous backends). */
  default void synchronize() {}

  /**
   * Runs {@code work}, which queues this backend's kernels, waits for them, and returns the
   * milliseconds they took by the device's own clock (CUDA events recorded before and after, as
   * CuPy's benchmarks time); NaN where the backend has no device clock, whose callers time the
   * host's wall clock instead.
   *
   * @param work the kernels to time
   * @return the device milliseconds, or NaN
   */
  default double deviceMillis(Runnable work) {
    work.run();
    synchronize();
    return Double.NaN;
  }

  /**
   * Bytes in use and cached, and what the device reports.
   *
   * @return the memory figures
   */
  MemoryInfo memoryInfo();

  /** Releases the backend's resources; buffers still alive are reported as leaked. */
  @Override
  void close();
}
