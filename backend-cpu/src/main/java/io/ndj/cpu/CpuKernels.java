package io.ndj.cpu;

import io.ndj.DType;
import io.ndj.cpu.elementwise.Arith;
import io.ndj.cpu.elementwise.Dense;
import io.ndj.cpu.elementwise.Fuse;
import io.ndj.cpu.elementwise.VectorMath;
import io.ndj.cpu.gemm.MatMul;
import io.ndj.cpu.linalg.CpuSolver;
import io.ndj.cpu.memory.Access;
import io.ndj.cpu.memory.CpuBuffer;
import io.ndj.cpu.memory.HostPool;
import io.ndj.cpu.memory.Scratch;
import io.ndj.cpu.reduce.Reducer;
import io.ndj.spi.BinaryOp;
import io.ndj.spi.Buffer;
import io.ndj.spi.Kernels;
import io.ndj.spi.MemoryInfo;
import io.ndj.spi.Program;
import io.ndj.spi.ReduceOp;
import io.ndj.spi.ScanOp;
import io.ndj.spi.UInt64;
import io.ndj.spi.UnaryOp;
import io.ndj.spi.View;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/** The SPI in plain Java over heap segments; every kernel runs on all cores for large arrays. */
public final class CpuKernels implements Kernels {
  private final AtomicLong used = new AtomicLong();
  private final AtomicLong peak = new AtomicLong();
  private final HostPool pool = new HostPool();

  static String describe() {
    return "CPU (" + Loop.CORES + " cores, Java " + Runtime.version().feature() + ")";
  }

  @Override
  public String name() {
    return "cpu";
  }

  @Override
  public String device() {
    return describe();
  }

  @Override
  public Buffer allocate(long bytes) {
    return allocate(bytes, DType.INT64);
  }

  @Override
  public Buffer allocate(long bytes, DType dtype) {
    CpuBuffer b = pool.take(bytes, CpuBuffer.Kind.of(dtype));
    peak.accumulateAndGet(used.addAndGet(bytes), Math::max);
    return b;
  }

  @Override
  public void free(Buffer buffer) {
    if (((CpuBuffer) buffer).borrowed()) {
      return; // the caller's memory (Nd.wrap)
    }
    used.addAndGet(-buffer.byteSize());
    pool.give((CpuBuffer) buffer);
  }

  @Override
  public long peakBytes() {
    return peak.getAndSet(used.get());
  }

  @Override
  public MemorySegment hostMemory(Buffer buffer) {
    return ((CpuBuffer) buffer).segment();
  }

  @Override
  public Buffer wrap(MemorySegment memory) {
    return CpuBuffer.borrowed(memory);
  }

  private static MemorySegment seg(View v) {
    return ((CpuBuffer) v.buffer()).segment();
  }

  @Override
  public void write(Buffer dst, long dstOffset, MemorySegment src) {
    MemorySegment.copy(src, 0, ((CpuBuffer) dst).segment(), dstOffset, src.byteSize());
  }

  @Override
  public void read(Buffer src, long srcOffset, MemorySegment dst) {
    MemorySegment.copy(((CpuBuffer) src).segment(), srcOffset, dst, 0, dst.byteSize());
  }

  @Override
  public void fill(View out, Number value) {
    MemorySegment s = seg(out);
    DType t = out.dtype();
    boolean f = t.isFloat();
    Loop.run(
        out.shape(),
        new long[][] {out.strides()},
        new long[] {out.offset()},
        st -> {
          Scratch sc = Scratch.get();
          double[] d = sc.d0;
          long[] l = sc.l0;
          Arrays.fill(d, value.doubleValue());
          Arrays.fill(l, value.longValue());
          return (p, n) -> {
            if (f) {
              Access.storeD(s, t, p[0], st[0], n, d);
            } else {
              Access.storeL(s, t, p[0], st[0], n, l);
            }
          };
        });
  }

  @Override
  public void arange(View out, Number start, Number step) {
    MemorySegment s = seg(out);
    DType t = out.dtype();
    long stride = out.strides()[0];
    long n = out.shape()[0];
    Loop.split(
        n,
        Loop.PARALLEL_MIN,
        (lo, hi) -> {
          Scratch sc = Scratch.get();
          double[] d = sc.d0;
          long[] l = sc.l0;
          for (long i = lo; i < hi; i += Loop.CHUNK) {
            int m = (int) Math.min(Loop.CHUNK, hi - i);
            if (t.isFloat()) {
              for (int j = 0; j < m; j++) {
                d[j] = start.doubleValue() + (i + j) * step.doubleValue();
              }
              Access.storeD(s, t, out.offset() + i * stride, stride, m, d);
            } else {
              for (int j = 0; j < m; j++) {
                l[j] = start.longValue() + (i + j) * step.longValue();
              }
              Access.storeL(s, t, out.offset() + i * stride, stride, m, l);
            }
          }
        });
  }

  @Override
  public boolean ordersUnsigned64() {
    return true;
  }

  @Override
  public void copy(View out, View in) {
    if (Dense.cast(out, in)) {
      return;
    }
    MemorySegment so = seg(out);
    MemorySegment si = seg(in);
    DType to = out.dtype();
    DType ti = in.dtype();
    Loop.run(
        out.shape(),
        new long[][] {out.strides(), in.strides()},
        new long[] {out.offset(), in.offset()},
        st -> {
          Scratch sc = Scratch.get();
          double[] d = sc.d0;
          long[] l = sc.l0;
          return (p, n) -> {
            if (to == ti) {
              Access.copyRaw(so, p[0], st[0], si, p[1], st[1], n, to.itemsize());
            } else if (ti.isFloat()) {
              Access.loadD(si, ti, p[1], st[1], n, d);
              Access.storeD(so, to, p[0], st[0], n, d);
            } else if (ti.isUnsigned64() && to.isFloat()) {
              // each value rounds once to the target (float32 straight from the integer)
              Access.loadL(si, ti, p[1], st[1], n, l);
              for (int i = 0; i < n; i++) {
                d[i] = to == DType.FLOAT32 ? UInt64.toFloat(l[i]) : UInt64.toDouble(l[i]);
              }
              Access.storeD(so, to, p[0], st[0], n, d);
            } else {
              Access.loadL(si, ti, p[1], st[1], n, l);
              Access.storeL(so, to, p[0], st[0], n, l);
            }
          };
        });
  }

  @Override
  public void unary(UnaryOp op, View out, View in) {
    MemorySegment so = seg(out);
    MemorySegment si = seg(in);
    if (VectorMath.unary(op, out, in) || Dense.unary(op, out, in)) {
      return;
    }
    DType t = in.dtype();
    DType to = out.dtype();
    boolean f = t.isFloat();
    Loop.run(
        out.shape(),
        new long[][] {out.strides(), in.strides()},
        new long[] {out.offset(), in.offset()},
        st -> {
          Scratch sc = Scratch.get();
          double[] da = sc.d0;
          double[] dO = sc.d1;
          long[] la = sc.l0;
          long[] lo = sc.l1;
          return (p, n) -> {
            if (f) {
              Access.loadD(si, t, p[1], st[1], n, da);
              if (op.isPredicate()) {
                Arith.predicateD(op, da, lo, n);
                Access.storeL(so, to, p[0], st[0], n, lo);
              } else {
                Arith.unaryD(op, da, dO, n);
                Access.storeD(so, to, p[0], st[0], n, dO);
              }
            } else {
              Access.loadL(si, t, p[1], st[1], n, la);
              if (op.isPredicate()) {
                Arith.predicateL(op, la, lo, n);
              } else {
                Arith.unaryL(op, t, la, lo, n);
              }
              Access.storeL(so, to, p[0], st[0], n, lo);
            }
          };
        });
  }

  @Override
  public void binary(BinaryOp op, View out, View a, View b) {
    binary(op, out, a, b, null, false);
  }

  @Override
  public void binaryScalar(BinaryOp op, View out, View a, Number scalar, boolean scalarFirst) {
    binary(op, out, a, null, scalar, scalarFirst);
  }

  /** One loop for both forms: a scalar operand is a run filled once with its value. */
  private void binary(BinaryOp op, View out, View a, View b, Number scalar, boolean scalarFirst) {
    MemorySegment so = seg(out);
    MemorySegment sa = seg(a);
    MemorySegment sb = b == null ? null : seg(b);
    DType t = a.dtype();
    if (Dense.binary(op, out, a, b, scalar, scalarFirst)) {
      return;
    }
    DType to = out.dtype();
    boolean f = t.isFloat();
    long[][] strides =
        b == null
            ? new long[][] {out.strides(), a.strides()}
            : new long[][] {out.strides(), a.strides(), b.strides()};
    long[] offsets =
        b == null
            ? new long[] {out.offset(), a.offset()}
            : new long[] {out.offset(), a.offset(), b.offset()};
    Loop.run(
        out.shape(),
        strides,
        offsets,
        st -> {
          Scratch sc = Scratch.get();
          double[] dx = sc.d0;
          double[] dy = sc.d1;
          double[] dO = sc.d2;
          long[] lx = sc.l0;
          long[] ly = sc.l1;
          long[] lo = sc.l2;
          // x and y are the left and right operands; the scalar's run is filled once
          double[] dScalar = scalarFirst ? dx : dy;
          double[] dArray = scalarFirst ? dy : dx;
          long[] lScalar = scalarFirst ? lx : ly;
          long[] lArray = scalarFirst ? ly : lx;
          if (scalar != null) {
            Arrays.fill(dScalar, scalar.doubleValue());
            Arrays.fill(lScalar, scalar.longValue());
          }
          return (p, n) -> {
            if (f) {
              Access.loadD(sa, t, p[1], st[1], n, scalar != null ? dArray : dx);
              if (scalar == null) {
                Access.loadD(sb, t, p[2], st[2], n, dy);
              }
              if (op.isComparison()) {
                Arith.compareD(op, dx, dy, lo, n);
                Access.storeL(so, to, p[0], st[0], n, lo);
              } else {
                Arith.binaryD(op, t, dx, dy, dO, n);
                Access.storeD(so, to, p[0], st[0], n, dO);
              }
            } else {
              Access.loadL(sa, t, p[1], st[1], n, scalar != null ? lArray : lx);
              if (scalar == null) {
                Access.loadL(sb, t, p[2], st[2], n, ly);
              }
              if (op.isComparison()) {
                Arith.compareL(op, t, lx, ly, lo, n);
              } else {
                Arith.binaryL(op, t, lx, ly, lo, n);
              }
              Access.storeL(so, to, p[0], st[0], n, lo);
            }
          };
        });
  }

  @Override
  public void where(View out, View cond, View a, View b) {
    MemorySegment so = seg(out);
    MemorySegment sc = seg(cond);
    MemorySegment sa = seg(a);
    MemorySegment sb = seg(b);
    DType t = a.dtype();
    long[][] strides = {out.strides(), cond.strides(), a.strides(), b.strides()};
    long[] offsets = {out.offset(), cond.offset(), a.offset(), b.offset()};
    Loop.run(
        out.shape(),
        strides,
        offsets,
        st -> {
          long[] c = Scratch.get().l0;
          return (p, n) -> {
            Access.loadL(sc, DType.BOOL, p[1], st[1], n, c);
            for (int i = 0; i < n; i++) {
              // raw bits of the chosen operand: no rounding, NaN payloads kept
              if (c[i] != 0) {
                Access.copyRaw(so, p[0] + i * st[0], 1, sa, p[2] + i * st[2], 1, 1, t.itemsize());
              } else {
                Access.copyRaw(so, p[0] + i * st[0], 1, sb, p[3] + i * st[3], 1, 1, t.itemsize());
              }
            }
          };
        });
  }

  @Override
  public void reduce(ReduceOp op, View out, View in, int[] axes) {
    Reducer.reduce(op, out, seg(out), in, seg(in), axes);
  }

  @Override
  public void gather(View out, View in, View indices) {
    DataKernels.gather(this, out, in, indices);
  }

  /**
   * ufunc.at in place, in order (as NumPy's loop, so float sums round alike): a direct loop for add
   * of the four common dtypes, the SPI's host loop (which copies) for the rest.
   */
  @Override
  public void accumulateAt(BinaryOp op, View target, View indices, View values) {
    if (op == BinaryOp.ADD && Accumulate.add(target, indices, values)) {
      return;
    }
    Kernels.super.accumulateAt(op, target, indices, values);
  }

  @Override
  public void scatter(View target, View indices, View values) {
    DataKernels.scatter(this, target, indices, values);
  }

  @Override
  public void nonzero(View out, View in) {
    DataKernels.nonzero(out, in);
  }

  @Override
  public void scan(ScanOp op, View out, View in, int axis) {
    DataKernels.scan(op, out, in, axis);
  }

  @Override
  public void matmul(View out, View a, View b) {
    MatMul.matmul(out, a, b);
  }

  @Override
  public boolean factorizes() {
    return true;
  }

  @Override
  public long solve(View out, View a, View b) {
    return CpuSolver.solve(out, a, b);
  }

  @Override
  public long cholesky(View out, View a) {
    return CpuSolver.cholesky(out, a);
  }

  @Override
  public long eigh(View w, View v, View a, boolean lower) {
    return CpuSolver.eigh(w, v, a, lower);
  }

  @Override
  public long slogdet(View sign, View logabsdet, View a) {
    return CpuSolver.slogdet(sign, logabsdet, a);
  }

  @Override
  public long qr(View q, View r, View a, boolean complete) {
    return CpuSolver.qr(q, r, a, complete);
  }

  @Override
  public long svd(View s, View u, View vh, View a, boolean full) {
    return CpuSolver.svd(s, u, vh, a, full);
  }

  @Override
  public void sort(View out, View in, int axis) {
    DataKernels.sort(out, in, axis);
  }

  @Override
  public boolean partition(View out, View in, int axis, long[] kth) {
    return DataKernels.partition(out, in, axis, kth);
  }

  @Override
  public void argsort(View out, View in, int axis) {
    DataKernels.argsort(out, in, axis);
  }

  @Override
  public boolean histogram(View counts, View x, View edges) {
    if (!x.isContiguous() || x.dtype().isBool()) {
      return false;
    }
    DataKernels.histogram(counts, x, edges);
    return true;
  }

  @Override
  public boolean squaredDeviationSum(View out, View x, View mean, int[] axes) {
    return Reducer.squaredDeviations(out, x, mean, axes);
  }

  @Override
  public void searchsorted(View out, View sorted, View values, boolean right) {
    DataKernels.searchsorted(out, sorted, values, right);
  }

  @Override
  public void philox(View out, long key, long counter) {
    DataKernels.philox(out, key, counter);
  }

  @Override
  public boolean normal(View out, long key, long counter) {
    DataKernels.normal(out, key, counter);
    return true;
  }

  @Override
  public boolean pcg64(
      View out, long stateHi, long stateLo, long incHi, long incLo, double low, double range) {
    DataKernels.pcg64(out, stateHi, stateLo, incHi, incLo, low, range);
    return true;
  }

  @Override
  public boolean uniform(View out, long key, long counter, double low, double high) {
    DataKernels.uniform(out, key, counter, low, high);
    return true;
  }

  @Override
  public boolean poisson(View out, long key, long counter, io.ndj.spi.Poisson law) {
    int ahead = law.lam < 10 ? 1 : ElementLaws.AHEAD;
    ElementLaws.fill(out, key, counter, ahead, (i, bits) -> law.draw(bits));
    return true;
  }

  @Override
  public boolean binomial(View out, long key, long counter, long n, double p) {
    io.ndj.spi.Binomial.Law law = new io.ndj.spi.Binomial.Law(n, p, true);
    int ahead = law.inversion ? 1 : ElementLaws.AHEAD;
    ElementLaws.fill(out, key, counter, ahead, (i, bits) -> law.draw(bits));
    return true;
  }

  @Override
  public boolean poissonRates(View out, View lam, long key, long counter) {
    if (lam.dtype() != DType.FLOAT64 || !lam.isContiguous() || !out.isContiguous()) {
      return false;
    }
    MemorySegment rates = DataKernels.seg(lam);
    long at = lam.offset();
    ElementLaws.fill(
        out,
        key,
        counter,
        ElementLaws.AHEAD,
        (i, bits) -> {
          double r = rates.getAtIndex(java.lang.foreign.ValueLayout.JAVA_DOUBLE_UNALIGNED, at + i);
          return new io.ndj.spi.Poisson(r).draw(bits);
        });
    return true;
  }

  /**
   * The heap (whose collector runs on its own) plus half the machine's memory for native arrays
   * (past 16 GiB), which the heap does not see.
   */
  @Override
  public long memoryLimit() {
    return MEMORY_LIMIT;
  }

  private static final long MEMORY_LIMIT =
      Runtime.getRuntime().maxMemory()
          + ((com.sun.management.OperatingSystemMXBean)
                      java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                  .getTotalMemorySize()
              / 2;

  @Override
  public boolean fft(View out, View in, boolean inverse, double scale) {
    return CpuFft.fft(out, in, inverse, scale);
  }

  @Override
  public void releaseCached() {
    pool.clear();
  }

  @Override
  public String fusion() {
    return "elementwise programs block by block in cache ("
        + Fuse.BLOCK
        + " elements), on all cores; reductions along the last axis in blocks of whole rows;"
        + " other reductions op by op";
  }

  @Override
  public boolean runsFused(Program program) {
    return Fuse.runs(program);
  }

  @Override
  public void fused(Program program, View out, View[] inputs) {
    Fuse.run(this, program, out, inputs);
  }

  @Override
  public MemoryInfo memoryInfo() {
    Runtime rt = Runtime.getRuntime();
    return new MemoryInfo(
        used.get(),
        pool.cached(),
        rt.maxMemory() - (rt.totalMemory() - rt.freeMemory()),
        rt.maxMemory());
  }

  @Override
  public void close() {}
}
