package io.ndj;

import io.ndj.spi.BinaryOp;
import io.ndj.spi.DataOp;
import io.ndj.spi.Kernels;
import io.ndj.spi.ReduceOp;
import io.ndj.spi.ScanOp;
import io.ndj.spi.UnaryOp;
import io.ndj.spi.View;
import java.lang.ref.Reference;

/**
 * The one place {@code io.ndj} calls a backend's kernels: checks the declared capability, then
 * builds the views (inputs broadcast to the output's shape).
 */
final class Kernel {
  private final Backend backend;
  private final Kernels k;

  Kernel(Backend backend) {
    this.backend = backend;
    this.k = backend.kernels();
  }

  void copy(NdArray out, NdArray in) {
    if (out.dtype.isComplex() || in.dtype.isComplex()) {
      copyComplex(out, in);
      return;
    }
    backend.require(DataOp.COPY, in.dtype);
    if (out.size() == 0) {
      return;
    }
    k.copy(out.spi(), in.spi(out.shape));
    Reference.reachabilityFence(out);
    Reference.reachabilityFence(in);
  }

  /**
   * A copy where either side is complex, on the component floats: complex to complex as (re, im)
   * pairs, real to complex with a zero imaginary part, complex to real dropping the imaginary part
   * (NumPy's ComplexWarning, logged).
   */
  private void copyComplex(NdArray out, NdArray in) {
    backend.require(DataOp.COPY, in.dtype.componentType());
    if (out.size() == 0) {
      return;
    }
    View o = out.spi();
    View i = in.spi(out.shape);
    if (out.dtype.isComplex() && in.dtype.isComplex()) {
      k.copy(o.pairs(), i.pairs());
    } else if (out.dtype.isComplex()) {
      k.copy(part(o, 0), i);
      k.fill(part(o, 1), Scalars.toLoop(0L, out.dtype.componentType()));
    } else {
      ComplexMath.warnDiscard();
      k.copy(o, part(i, 0));
    }
    Reference.reachabilityFence(out);
    Reference.reachabilityFence(in);
  }

  /** The real ({@code which} 0) or imaginary (1) parts of a complex view. */
  static View part(View v, int which) {
    long[] strides = new long[v.shape().length];
    for (int i = 0; i < strides.length; i++) {
      strides[i] = v.strides()[i] * 2;
    }
    return new View(
        v.buffer(), v.dtype().componentType(), v.shape(), strides, v.offset() * 2 + which);
  }

  /** A view with a trailing axis of 2 reading each element twice (a bool mask for pairs). */
  private static View twice(View v) {
    int nd = v.shape().length;
    long[] shape = java.util.Arrays.copyOf(v.shape(), nd + 1);
    shape[nd] = 2;
    long[] strides = java.util.Arrays.copyOf(v.strides(), nd + 1);
    return new View(v.buffer(), v.dtype(), shape, strides, v.offset());
  }

  void fill(NdArray out, Number value) {
    if (out.dtype.isComplex()) {
      DType part = out.dtype.componentType();
      backend.require(DataOp.FILL, part);
      if (out.size() == 0) {
        return;
      }
      double im = value instanceof Complex c ? c.im() : 0;
      k.fill(part(out.spi(), 0), Scalars.toLoop(value.doubleValue(), part));
      k.fill(part(out.spi(), 1), Scalars.toLoop(im, part));
      Reference.reachabilityFence(out);
      return;
    }
    if (value instanceof Complex) {
      ComplexMath.warnDiscard();
      value = value.doubleValue();
    }
    backend.require(DataOp.FILL, out.dtype);
    if (out.size() == 0) {
      return;
    }
    k.fill(out.spi(), value);
    Reference.reachabilityFence(out);
  }

  void arange(NdArray out, Number start, Number step) {
    backend.require(DataOp.ARANGE, out.dtype);
    if (out.size() == 0) {
      return;
    }
    k.arange(out.spi(), start, step);
    Reference.reachabilityFence(out);
  }

  void unary(UnaryOp op, NdArray out, NdArray in) {
    backend.require(op, in.dtype);
    if (out.size() == 0) {
      return;
    }
    k.unary(op, out.spi(), in.spi(out.shape));
    Reference.reachabilityFence(out);
    Reference.reachabilityFence(in);
  }

  void binary(BinaryOp op, NdArray out, NdArray a, NdArray b) {
    backend.require(op, a.dtype);
    if (out.size() == 0) {
      return;
    }
    k.binary(op, out.spi(), a.spi(out.shape), b.spi(out.shape));
    Reference.reachabilityFence(out);
    Reference.reachabilityFence(a);
    Reference.reachabilityFence(b);
  }

  void binaryScalar(BinaryOp op, NdArray out, NdArray a, Number s, boolean scalarFirst) {
    backend.require(op, a.dtype);
    if (out.size() == 0) {
      return;
    }
    k.binaryScalar(op, out.spi(), a.spi(out.shape), s, scalarFirst);
    Reference.reachabilityFence(out);
    Reference.reachabilityFence(a);
  }

  void where(NdArray out, NdArray cond, NdArray a, NdArray b) {
    backend.require(DataOp.WHERE, a.dtype.componentType());
    if (out.size() == 0) {
      return;
    }
    if (a.dtype.isComplex()) {
      k.where(
          out.spi().pairs(),
          twice(cond.spi(out.shape)),
          a.spi(out.shape).pairs(),
          b.spi(out.shape).pairs());
    } else {
      k.where(out.spi(), cond.spi(out.shape), a.spi(out.shape), b.spi(out.shape));
    }
    Reference.reachabilityFence(out);
    Reference.reachabilityFence(cond);
    Reference.reachabilityFence(a);
    Reference.reachabilityFence(b);
  }

  void gather(NdArray out, NdArray in, NdArray indices) {
    backend.require(DataOp.GATHER, in.dtype.componentType());
    if (out.size() == 0) {
      return;
    }
    if (in.dtype.isComplex()) {
      k.gather(out.spi().pairs(), in.spi().pairs(), indices.spi());
    } else {
      k.gather(out.spi(), in.spi(), indices.spi());
    }
    Reference.reachabilityFence(out);
    Reference.reachabilityFence(in);
    Reference.reachabilityFence(indices);
  }

  void scatter(NdArray target, NdArray indices, NdArray values) {
    backend.require(DataOp.SCATTER, target.dtype.componentType());
    if (values.size() == 0) {
      return;
    }
    if (target.dtype.isComplex()) {
      k.scatter(target.spi().pairs(), indices.spi(), values.spi().pairs());
    } else {
      k.scatter(target.spi(), indices.spi(), values.spi());
    }
    Reference.reachabilityFence(target);
    Reference.reachabilityFence(indices);
    Reference.reachabilityFence(values);
  }

  /** See {@link Kernels#accumulateAt}: target C-contiguous, positions and values contiguous 1-d. */
  void accumulateAt(BinaryOp op, NdArray target, NdArray positions, NdArray values) {
    backend.require(DataOp.ACCUMULATE_AT, target.dtype);
    if (values.size() == 0) {
      return;
    }
    backend.withWorkingMemory(
        op.numpyName() + ".at",
        target,
        false,
        () -> k.accumulateAt(op, target.spi(), positions.spi(), values.spi()));
    Reference.reachabilityFence(target);
    Reference.reachabilityFence(positions);
    Reference.reachabilityFence(values);
  }

  /**
   * {@link io.ndj.spi.HostAccumulate}: values in the loop dtype, each step cast back into target's.
   */
  void accumulateAtOnHost(BinaryOp op, NdArray target, NdArray positions, NdArray values) {
    if (values.size() == 0) {
      return;
    }
    io.ndj.spi.HostAccumulate.run(k, op, target.spi(), positions.spi(), values.spi(), values.dtype);
    Reference.reachabilityFence(target);
    Reference.reachabilityFence(positions);
    Reference.reachabilityFence(values);
  }

  void nonzero(NdArray out, NdArray in) {
    backend.require(DataOp.NONZERO, in.dtype);
    if (out.size() == 0) {
      return;
    }
    backend.withWorkingMemory("nonzero", in, apart(out, in), () -> k.nonzero(out.spi(), in.spi()));
    Reference.reachabilityFence(out);
    Reference.reachabilityFence(in);
  }

  void scan(ScanOp op, NdArray out, NdArray in, int axis) {
    backend.require(op, in.dtype);
    if (out.size() == 0) {
      return;
    }
    backend.withWorkingMemory(
        op.numpyName(), in, apart(out, in), () -> k.scan(op, out.spi(), in.spi(), axis));
    Reference.reachabilityFence(out);
    Reference.reachabilityFence(in);
  }

  void matmul(NdArray out, NdArray a, NdArray b, long[] batch) {
    backend.require(DataOp.MATMUL, a.dtype);
    if (out.size() == 0) {
      return;
    }
    backend.withWorkingMemory(
        "matmul",
        a,
        apart(out, a) && apart(out, b),
        () -> k.matmul(out.spi(), a.spi(join(batch, a.shape)), b.spi(join(batch, b.shape))));
    Reference.reachabilityFence(out);
    Reference.reachabilityFence(a);
    Reference.reachabilityFence(b);
  }

  /** The batch shape followed by x's two core dimensions. */
  private static long[] join(long[] batch, long[] shape) {
    long[] r = java.util.Arrays.copyOf(batch, batch.length + 2);
    r[batch.length] = shape[shape.length - 2];
    r[batch.length + 1] = shape[shape.length - 1];
    return r;
  }

  // ---- uint64 on backends that order only signed longs: the bits with the sign bit flipped are
  // int64 values in the same order; the op runs on them and its values are flipped back ----

  /** Whether an ordering op on {@code in} runs on flipped bits here. */
  private boolean flips(NdArray in) {
    return in.dtype == DType.UINT64 && !k.ordersUnsigned64();
  }

  /** {@code x}'s bits with the sign bit flipped, as a new int64 array. */
  private static NdArray flipped(NdArray x) {
    try (NdArray bits = x.view(DType.INT64)) {
      return bits.bitwiseXor(Long.MIN_VALUE);
    }
  }

  /** Runs {@code op} from flipped {@code in} into an int64 twin of out, then flips it into out. */
  private void viaFlipped(
      NdArray out, NdArray in, java.util.function.BiConsumer<NdArray, NdArray> op) {
    try (NdArray f = flipped(in);
        NdArray r = NdArray.allocate(backend, DType.INT64, out.shape.clone())) {
      op.accept(r, f);
      try (NdArray back = flipped(r);
          NdArray bits = out.view(DType.INT64)) {
        copy(bits, back);
      }
    }
  }

  void sort(NdArray out, NdArray in, int axis) {
    backend.require(DataOp.SORT, in.dtype);
    if (out.size() == 0) {
      return;
    }
    if (flips(in)) {
      viaFlipped(out, in, (o, i) -> sort(o, i, axis));
      return;
    }
    backend.withWorkingMemory("sort", in, apart(out, in), () -> k.sort(out.spi(), in.spi(), axis));
    Reference.reachabilityFence(out);
    Reference.reachabilityFence(in);
  }

  /** See {@link io.ndj.spi.Kernels#partition}: false where the backend leaves it to a sort. */
  boolean partition(NdArray out, NdArray in, int axis, long[] kth) {
    backend.require(DataOp.SORT, in.dtype);
    if (out.size() == 0) {
      return true;
    }
    if (flips(in)) {
      boolean[] done = new boolean[1];
      viaFlipped(out, in, (o, i) -> done[0] = partition(o, i, axis, kth));
      return done[0];
    }
    boolean[] done = new boolean[1];
    backend.withWorkingMemory(
        "partition",
        in,
        apart(out, in),
        () -> done[0] = k.partition(out.spi(), in.spi(), axis, kth));
    Reference.reachabilityFence(out);
    Reference.reachabilityFence(in);
    return done[0];
  }

  /** See {@link io.ndj.spi.Kernels#select}: false where the backend leaves it to a partition. */
  boolean select(NdArray out, NdArray in, long[] kth) {
    backend.require(DataOp.SORT, in.dtype);
    if (out.size() == 0) {
      return true;
    }
    if (flips(in)) {
      boolean[] done = new boolean[1];
      viaFlipped(out, in, (o, i) -> done[0] = select(o, i, kth));
      return done[0];
    }
    boolean[] done = new boolean[1];
    backend.withWorkingMemory(
        "select", in, apart(out, in), () -> done[0] = k.select(out.spi(), in.spi(), kth));
    Reference.reachabilityFence(out);
    Reference.reachabilityFence(in);
    return done[0];
  }

  void argsort(NdArray out, NdArray in, int axis) {
    backend.require(DataOp.ARGSORT, in.dtype);
    if (out.size() == 0) {
      return;
    }
    if (flips(in)) {
      try (NdArray f = flipped(in)) {
        argsort(out, f, axis);
      }
      return;
    }
    backend.withWorkingMemory(
        "argsort", in, apart(out, in), () -> k.argsort(out.spi(), in.spi(), axis));
    Reference.reachabilityFence(out);
    Reference.reachabilityFence(in);
  }

  /**
   * One-pass histogram counts where the backend has the kernel ({@link
   * io.ndj.spi.Kernels#histogram}).
   */
  boolean histogram(NdArray counts, NdArray x, NdArray edges) {
    boolean done = k.histogram(counts.spi(), x.spi(), edges.spi());
    Reference.reachabilityFence(counts);
    Reference.reachabilityFence(x);
    Reference.reachabilityFence(edges);
    return done;
  }

  boolean squaredDeviationSum(NdArray out, NdArray x, NdArray mean, int[] axes) {
    boolean done = k.squaredDeviationSum(out.spi(), x.spi(), mean.spi(), axes);
    Reference.reachabilityFence(out);
    Reference.reachabilityFence(x);
    Reference.reachabilityFence(mean);
    return done;
  }

  boolean squaredDeviationSumOnePass(NdArray out, NdArray x, int[] axes) {
    boolean done = k.squaredDeviationSumOnePass(out.spi(), x.spi(), axes);
    Reference.reachabilityFence(out);
    Reference.reachabilityFence(x);
    return done;
  }

  void searchsorted(NdArray out, NdArray sorted, NdArray values, boolean right) {
    backend.require(DataOp.SEARCHSORTED, sorted.dtype);
    if (out.size() == 0) {
      return;
    }
    if (flips(sorted)) {
      try (NdArray s = flipped(sorted);
          NdArray v = flipped(values)) {
        searchsorted(out, s, v, right);
      }
      return;
    }
    k.searchsorted(out.spi(), sorted.spi(), values.spi(), right);
    Reference.reachabilityFence(out);
    Reference.reachabilityFence(sorted);
    Reference.reachabilityFence(values);
  }

  /** See {@link io.ndj.spi.Kernels#normal}: false where the backend leaves it to the host. */
  boolean normal(NdArray out, long key, long counter) {
    return draws(out, v -> k.normal(v, key, counter));
  }

  /** See {@link io.ndj.spi.Kernels#uniform}: false where the backend leaves it to ops. */
  boolean uniform(NdArray out, long key, long counter, double low, double high) {
    return draws(out, v -> k.uniform(v, key, counter, low, high));
  }

  /** See {@link io.ndj.spi.Kernels#poisson}: false where the backend leaves it to the host. */
  boolean poisson(NdArray out, long key, long counter, io.ndj.spi.Poisson law) {
    return draws(out, v -> k.poisson(v, key, counter, law));
  }

  /** See {@link io.ndj.spi.Kernels#binomial}: false where the backend leaves it to the host. */
  boolean binomial(NdArray out, long key, long counter, long n, double p) {
    return draws(out, v -> k.binomial(v, key, counter, n, p));
  }

  /**
   * A drawing kernel into {@code out}, done at once where out is empty: false where the backend
   * leaves the draws to the host.
   */
  private static boolean draws(NdArray out, java.util.function.Predicate<View> kernel) {
    if (out.size() == 0) {
      return true;
    }
    boolean done = kernel.test(out.spi());
    Reference.reachabilityFence(out);
    return done;
  }

  /** See {@link io.ndj.spi.Kernels#poissonRates}: false where the backend leaves it to the host. */
  boolean poissonRates(NdArray out, NdArray lam, long key, long counter) {
    if (out.size() == 0) {
      return true;
    }
    boolean done = k.poissonRates(out.spi(), lam.spi(), key, counter);
    Reference.reachabilityFence(out);
    Reference.reachabilityFence(lam);
    return done;
  }

  void philox(NdArray out, long key, long counter) {
    backend.require(DataOp.RANDOM, DType.INT64);
    if (out.size() == 0) {
      return;
    }
    k.philox(out.spi(), key, counter);
    Reference.reachabilityFence(out);
  }

  void reduce(ReduceOp op, NdArray out, NdArray in, int[] axes) {
    backend.require(op, in.dtype);
    if (out.size() == 0) {
      return;
    }
    if (flips(in) && (op == ReduceOp.MIN || op == ReduceOp.MAX)) {
      viaFlipped(out, in, (o, i) -> reduce(op, o, i, axes));
      return;
    }
    if (flips(in) && (op == ReduceOp.ARGMIN || op == ReduceOp.ARGMAX)) {
      try (NdArray f = flipped(in)) {
        reduce(op, out, f, axes);
      }
      return;
    }
    backend.withWorkingMemory(
        op.numpyName(), in, apart(out, in), () -> k.reduce(op, out.spi(), in.spi(), axes));
    Reference.reachabilityFence(out);
    Reference.reachabilityFence(in);
  }

  /** Whether {@code out} is written apart from what {@code in} reads (so a call may be rerun). */
  private static boolean apart(NdArray out, NdArray in) {
    return out.storage != in.storage;
  }
}
