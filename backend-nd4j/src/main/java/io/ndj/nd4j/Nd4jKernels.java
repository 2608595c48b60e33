package io.ndj.nd4j;

import static io.ndj.nd4j.Nd4jOps.apply;
import static io.ndj.nd4j.Nd4jOps.cast;
import static io.ndj.nd4j.Nd4jOps.constant;
import static io.ndj.nd4j.Nd4jOps.in;
import static io.ndj.nd4j.Nd4jOps.into;
import static io.ndj.nd4j.Nd4jOps.op;
import static io.ndj.nd4j.Nd4jOps.temp;

import io.ndj.DType;
import io.ndj.spi.BinaryOp;
import io.ndj.spi.Buffer;
import io.ndj.spi.Kernels;
import io.ndj.spi.MemoryInfo;
import io.ndj.spi.ReduceOp;
import io.ndj.spi.ScanOp;
import io.ndj.spi.UnaryOp;
import io.ndj.spi.View;
import java.lang.foreign.MemorySegment;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The SPI on ND4J's native CPU engine. Every kernel is ND4J ops on ND4J arrays that view ndj's
 * memory (shape, strides, offset); NumPy's semantics are restored around ND4J with more ND4J ops
 * ({@link Elementwise}, {@link Sorts}, {@link Reductions4j}), never with Java loops over elements.
 */
final class Nd4jKernels implements Kernels {
  private static final long CHUNK = 1L << 30;

  private final NativePool pool = new NativePool();
  private final Lapack4j lapack = new Lapack4j(this);
  private final String device;

  Nd4jKernels() {
    Nd4j.getBackend(); // loads the native library; throws with ND4J's reason when it cannot
    device =
        "CPU ("
            + Runtime.getRuntime().availableProcessors()
            + " cores) through ND4J "
            + Nd4jProvider.VERSION
            + " native";
  }

  @Override
  public String name() {
    return "nd4j";
  }

  @Override
  public String device() {
    return device;
  }

  @Override
  public Buffer allocate(long bytes) {
    return Nd4jBuffer.allocate(bytes, pool);
  }

  @Override
  public void free(Buffer buffer) {
    ((Nd4jBuffer) buffer).release();
  }

  @Override
  public void write(Buffer dst, long dstOffset, MemorySegment src) {
    Nd4jBuffer b = (Nd4jBuffer) dst;
    for (long at = 0; at < src.byteSize(); at += CHUNK) {
      long n = Math.min(CHUNK, src.byteSize() - at);
      MemorySegment.copy(src, at, bytes(b, dstOffset + at, n), 0, n);
    }
  }

  @Override
  public void read(Buffer src, long srcOffset, MemorySegment dst) {
    Nd4jBuffer b = (Nd4jBuffer) src;
    for (long at = 0; at < dst.byteSize(); at += CHUNK) {
      long n = Math.min(CHUNK, dst.byteSize() - at);
      MemorySegment.copy(bytes(b, srcOffset + at, n), 0, dst, at, n);
    }
  }

  /**
   * {@code n <= 1 GiB} bytes of native memory at {@code offset}, as a segment (through a direct
   * ByteBuffer).
   */
  private static MemorySegment bytes(Nd4jBuffer b, long offset, long n) {
    Pointer p =
        new Pointer() {
          {
            address = b.address() + offset;
            limit = n;
            capacity = n;
          }
        };
    return MemorySegment.ofBuffer(p.asByteBuffer());
  }

  @Override
  public void fill(View out, Number value) {
    try (Nd4jOps.Temps temps = Nd4jOps.temps(pool)) {
      into(out, o -> Nd4jOps.assign(o, constant(out.dtype(), value, out.shape())));
    }
  }

  @Override
  public void arange(View out, Number start, Number step) {
    try (Nd4jOps.Temps temps = Nd4jOps.temps(pool)) {
      long n = out.shape()[0];
      INDArray idx = Sorts.positions(n);
      into(
          out,
          o -> {
            if (out.dtype().isFloat()) {
              INDArray d = cast(idx, DType.FLOAT64);
              INDArray v =
                  apply(
                      "multiply",
                      DType.FLOAT64,
                      d.shape(),
                      d,
                      constant(DType.FLOAT64, step.doubleValue(), d.shape()));
              Nd4jOps.assign(
                  o,
                  apply(
                      "add",
                      DType.FLOAT64,
                      d.shape(),
                      v,
                      constant(DType.FLOAT64, start.doubleValue(), d.shape())));
            } else {
              INDArray v =
                  apply(
                      "multiply",
                      DType.INT64,
                      idx.shape(),
                      idx,
                      constant(DType.INT64, step.longValue(), idx.shape()));
              Nd4jOps.assign(
                  o,
                  apply(
                      "add",
                      DType.INT64,
                      idx.shape(),
                      v,
                      constant(DType.INT64, start.longValue(), idx.shape())));
            }
          });
    }
  }

  @Override
  public void copy(View out, View in) {
    try (Nd4jOps.Temps temps = Nd4jOps.temps(pool)) {
      INDArray x = in(in);
      into(out, o -> Nd4jOps.assign(o, x));
    }
  }

  @Override
  public void unary(UnaryOp op, View out, View in) {
    try (Nd4jOps.Temps temps = Nd4jOps.temps(pool)) {
      INDArray x = in(in);
      into(out, o -> Elementwise.unary(op, in.dtype(), o, x));
    }
  }

  @Override
  public void binary(BinaryOp op, View out, View a, View b) {
    try (Nd4jOps.Temps temps = Nd4jOps.temps(pool)) {
      INDArray x = in(a);
      INDArray y = in(b);
      into(out, o -> Elementwise.binary(op, a.dtype(), o, x, y));
    }
  }

  @Override
  public void binaryScalar(BinaryOp op, View out, View a, Number scalar, boolean scalarFirst) {
    try (Nd4jOps.Temps temps = Nd4jOps.temps(pool)) {
      INDArray x = in(a);
      if (Elementwise.scalarOp(op, a.dtype(), scalar, scalarFirst, x, out)) {
        return;
      }
      INDArray s = constant(a.dtype(), scalar, a.shape());
      into(
          out, o -> Elementwise.binary(op, a.dtype(), o, scalarFirst ? s : x, scalarFirst ? x : s));
    }
  }

  @Override
  public void where(View out, View cond, View a, View b) {
    try (Nd4jOps.Temps temps = Nd4jOps.temps(pool)) {
      INDArray c = in(cond);
      INDArray x = in(a);
      INDArray y = in(b);
      into(out, o -> op("select", o, c, x, y));
    }
  }

  @Override
  public void reduce(ReduceOp op, View out, View in, int[] axes) {
    try (Nd4jOps.Temps temps = Nd4jOps.temps(pool)) {
      Reductions4j.reduce(op, out, in, axes);
    }
  }

  @Override
  public void scan(ScanOp op, View out, View in, int axis) {
    try (Nd4jOps.Temps temps = Nd4jOps.temps(pool)) {
      INDArray x = in(in);
      if (!out.dtype().isFloat()) {
        into(out, o -> Sorts.integerScan(op == ScanOp.CUMSUM, o, x, axis));
        return;
      }
      into(
          out,
          o ->
              Nd4jOps.op(
                  op == ScanOp.CUMSUM ? "cumsum" : "cumprod",
                  new INDArray[] {x},
                  new INDArray[] {o},
                  0,
                  0,
                  axis));
    }
  }

  @Override
  public void matmul(View out, View a, View b) {
    try (Nd4jOps.Temps temps = Nd4jOps.temps(pool)) {
      // ND4J multiplies no bools: as int64 counts, then != 0
      DType t = a.dtype() == DType.BOOL ? DType.INT64 : a.dtype();
      INDArray x = cast(in(a), t);
      INDArray y = cast(in(b), t);
      into(out, o -> Nd4jOps.assign(o, apply("matmul", t, out.shape(), x, y)));
    }
  }

  @Override
  public boolean factorizes() {
    return true;
  }

  @Override
  public long solve(View out, View a, View b) {
    return real(out) ? lapack.solve(out, a, b) : -1;
  }

  @Override
  public long cholesky(View out, View a) {
    return real(out) ? lapack.cholesky(out, a) : -1;
  }

  @Override
  public long slogdet(View sign, View logabsdet, View a) {
    return real(logabsdet) && a.dtype() != DType.COMPLEX64 && a.dtype() != DType.COMPLEX128
        ? lapack.slogdet(sign, logabsdet, a)
        : -1;
  }

  @Override
  public long eigh(View w, View v, View a, boolean lower) {
    return real(w) ? lapack.eigh(w, v, a, lower) : -1;
  }

  @Override
  public long qr(View q, View r, View a, boolean complete) {
    return real(r) ? lapack.qr(q, r, a, complete) : -1;
  }

  @Override
  public long svd(View s, View u, View vh, View a, boolean full) {
    return real(s) ? lapack.svd(s, u, vh, a, full) : -1;
  }

  /** float32 or float64: the dtypes LAPACK computes in. */
  private static boolean real(View v) {
    return v.dtype() == DType.FLOAT32 || v.dtype() == DType.FLOAT64;
  }

  @Override
  public void sort(View out, View in, int axis) {
    requireIntLine("sort", in, axis);
    try (Nd4jOps.Temps temps = Nd4jOps.temps(pool)) {
      INDArray x = in(in);
      into(out, o -> Sorts.sort(in.dtype(), o, x, axis));
    }
  }

  @Override
  public void argsort(View out, View in, int axis) {
    requireIntLine("argsort", in, axis);
    try (Nd4jOps.Temps temps = Nd4jOps.temps(pool)) {
      INDArray x = in(in);
      into(out, o -> Sorts.argsort(in.dtype(), o, x, axis));
    }
  }

  /**
   * ND4J's sorts index a line with a C int: a longer one crashed the JVM in {@code
   * SpecialMethods::quickSort_parallel_internal}, so it is refused before the call.
   */
  private static void requireIntLine(String op, View in, int axis) {
    long[] shape = in.shape();
    if (shape.length > 0 && shape[axis] > Integer.MAX_VALUE) {
      throw new UnsupportedOperationException(
          op
              + " of a line of "
              + shape[axis]
              + " elements is not supported on backend nd4j (ND4J's sort indexes a line with a"
              + " 32-bit int); sort it on the cpu backend");
    }
  }

  @Override
  public void searchsorted(View out, View sorted, View values, boolean right) {
    try (Nd4jOps.Temps temps = Nd4jOps.temps(pool)) {
      INDArray s = in(sorted);
      INDArray v = in(values);
      into(out, o -> Sorts.searchsorted(sorted.dtype(), o, s, v, right));
    }
  }

  @Override
  public void gather(View out, View in, View indices) {
    try (Nd4jOps.Temps temps = Nd4jOps.temps(pool)) {
      // ND4J gathers no bools: as uint8
      DType t = in.dtype() == DType.BOOL ? DType.UINT8 : in.dtype();
      INDArray x = cast(in(in), t);
      long n = indices.size();
      INDArray i = flat(in(indices), n);
      long[] rows = in.shape().clone();
      rows[0] = n;
      into(
          out,
          o -> {
            INDArray g = temp(t, rows);
            Nd4jOps.op("gather", new INDArray[] {x, i}, new INDArray[] {g}, 0);
            Nd4jOps.assign(o, g.reshape('c', out.shape()));
          });
    }
  }

  @Override
  public void scatter(View target, View indices, View values) {
    try (Nd4jOps.Temps temps = Nd4jOps.temps(pool)) {
      long n = indices.size();
      INDArray i = flat(in(indices), n);
      long[] rows = target.shape().clone();
      rows[0] = n;
      INDArray v = in(values).reshape('c', rows);
      INDArray t = Nd4jOps.addressable(target) ? Nd4jOps.on(target) : in(target);
      if (target.dtype() == DType.BOOL) {
        // ND4J scatters no bools: as uint8
        INDArray t8 = cast(t, DType.UINT8);
        Nd4jOps.op(
            "scatter_upd", new INDArray[] {t8, i, cast(v, DType.UINT8)}, new INDArray[] {t8});
        Nd4jOps.assign(t, t8);
      } else {
        Nd4jOps.op("scatter_upd", new INDArray[] {t, i, v}, new INDArray[] {t});
      }
      Nd4jOps.finish(target, t);
    }
  }

  /**
   * Indices as the 1-d array ND4J's gather and scatter take: given an index array of two or more
   * dimensions, ND4J read past its memory and crashed the JVM.
   */
  private static INDArray flat(INDArray indices, long n) {
    return indices.rank() == 1 ? indices : indices.reshape('c', new long[] {n});
  }

  @Override
  public void nonzero(View out, View in) {
    try (Nd4jOps.Temps temps = Nd4jOps.temps(pool)) {
      if (in.ndim() == 0 || out.size() == 0) {
        return;
      }
      INDArray x = in(in);
      into(out, o -> op("Where", o, x));
    }
  }

  @Override
  public void philox(View out, long key, long counter) {
    try (Nd4jOps.Temps temps = Nd4jOps.temps(pool)) {
      into(out, o -> Random4j.philox(o, key, counter));
    }
  }

  /**
   * Native memory the Java heap does not see: past this many live bytes (property {@code
   * ndj.nd4j.memoryLimit}, by default half the machine's memory) ndj collects the arrays dropped
   * without close() before allocating.
   */
  @Override
  public long memoryLimit() {
    return LIMIT;
  }

  private static final long LIMIT =
      Long.getLong(
          "ndj.nd4j.memoryLimit",
          ((com.sun.management.OperatingSystemMXBean)
                      java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                  .getTotalMemorySize()
              / 2);

  @Override
  public void releaseCached() {
    pool.trim();
  }

  @Override
  public long peakBytes() {
    return pool.peak();
  }

  /**
   * ND4J's arrays live in the machine's memory outside the heap: free and total are what Linux
   * reports available ({@code MemAvailable}), -1 where it cannot be read.
   */
  @Override
  public MemoryInfo memoryInfo() {
    long avail = -1;
    try {
      for (String l : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/meminfo"))) {
        if (l.startsWith("MemAvailable:")) {
          avail = Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      avail = -1;
    }
    return new MemoryInfo(pool.used(), pool.cached(), avail, avail);
  }

  @Override
  public void close() {
    pool.trim();
  }
}
