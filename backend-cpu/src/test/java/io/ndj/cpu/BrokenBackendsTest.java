package io.ndj.cpu;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ndj.Backend;
import io.ndj.DType;
import io.ndj.conformance.KitRunner;
import io.ndj.spi.Availability;
import io.ndj.spi.BackendProvider;
import io.ndj.spi.BinaryOp;
import io.ndj.spi.Buffer;
import io.ndj.spi.Kernels;
import io.ndj.spi.MemoryInfo;
import io.ndj.spi.Op;
import io.ndj.spi.ReduceOp;
import io.ndj.spi.ScanOp;
import io.ndj.spi.UnaryOp;
import io.ndj.spi.View;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The kit must be able to fail: deliberately broken backends are each caught with a clear message.
 */
class BrokenBackendsTest {
  /** The cpu kernels with one behaviour changed. */
  static class Broken implements Kernels {
    final Kernels k = new CpuKernels();

    @Override
    public String name() {
      return "broken";
    }

    @Override
    public String device() {
      return "a deliberately broken cpu";
    }

    @Override
    public boolean supports(Op op, DType dtype) {
      return k.supports(op, dtype);
    }

    @Override
    public Buffer allocate(long bytes) {
      return k.allocate(bytes);
    }

    @Override
    public void free(Buffer buffer) {
      k.free(buffer);
    }

    @Override
    public void write(Buffer dst, long dstOffset, MemorySegment src) {
      k.write(dst, dstOffset, src);
    }

    @Override
    public void read(Buffer src, long srcOffset, MemorySegment dst) {
      k.read(src, srcOffset, dst);
    }

    @Override
    public void fill(View out, Number value) {
      k.fill(out, value);
    }

    @Override
    public void arange(View out, Number start, Number step) {
      k.arange(out, start, step);
    }

    @Override
    public void copy(View out, View in) {
      k.copy(out, in);
    }

    @Override
    public void unary(UnaryOp op, View out, View in) {
      k.unary(op, out, in);
    }

    @Override
    public void binary(BinaryOp op, View out, View a, View b) {
      k.binary(op, out, a, b);
    }

    @Override
    public void binaryScalar(BinaryOp op, View out, View a, Number scalar, boolean scalarFirst) {
      k.binaryScalar(op, out, a, scalar, scalarFirst);
    }

    @Override
    public void where(View out, View cond, View a, View b) {
      k.where(out, cond, a, b);
    }

    @Override
    public void reduce(ReduceOp op, View out, View in, int[] axes) {
      k.reduce(op, out, in, axes);
    }

    @Override
    public void gather(View out, View in, View indices) {
      k.gather(out, in, indices);
    }

    @Override
    public void scatter(View target, View indices, View values) {
      k.scatter(target, indices, values);
    }

    @Override
    public void nonzero(View out, View in) {
      k.nonzero(out, in);
    }

    @Override
    public void scan(ScanOp op, View out, View in, int axis) {
      k.scan(op, out, in, axis);
    }

    @Override
    public void matmul(View out, View a, View b) {
      k.matmul(out, a, b);
    }

    @Override
    public void sort(View out, View in, int axis) {
      k.sort(out, in, axis);
    }

    @Override
    public void argsort(View out, View in, int axis) {
      k.argsort(out, in, axis);
    }

    @Override
    public void searchsorted(View out, View sorted, View values, boolean right) {
      k.searchsorted(out, sorted, values, right);
    }

    @Override
    public void philox(View out, long key, long counter) {
      k.philox(out, key, counter);
    }

    @Override
    public MemoryInfo memoryInfo() {
      return k.memoryInfo();
    }

    @Override
    public void close() {
      k.close();
    }
  }

  /** float32 add one unit in the last place off. */
  static class OffByOneUlpAdd extends Broken {
    @Override
    public void binary(BinaryOp op, View out, View a, View b) {
      super.binary(op, out, a, b);
      if (op == BinaryOp.ADD && out.dtype() == DType.FLOAT32) {
        k.binaryScalar(BinaryOp.MULTIPLY, out, out, (double) (1 + 0x1p-23f), false);
      }
    }
  }

  /** Copies of transposed 2-d views read the memory as if it were in C order. */
  static class WrongTransposeStride extends Broken {
    @Override
    public void copy(View out, View in) {
      long[] s = in.strides();
      if (in.ndim() == 2 && s[0] != 0 && s[1] != 0 && Math.abs(s[0]) < Math.abs(s[1])) {
        in =
            new View(
                in.buffer(),
                in.dtype(),
                in.shape(),
                new long[] {in.shape()[1] * s[0], s[0]},
                in.offset());
      }
      super.copy(out, in);
    }
  }

  /** sum ignores the last element of the reduced axis. */
  static class SumDropsLast extends Broken {
    @Override
    public void reduce(ReduceOp op, View out, View in, int[] axes) {
      if (op == ReduceOp.SUM) {
        int last = axes[axes.length - 1];
        long[] shape = in.shape().clone();
        if (shape[last] > 1) {
          shape[last]--;
          in = new View(in.buffer(), in.dtype(), shape, in.strides(), in.offset());
        }
      }
      super.reduce(op, out, in, axes);
    }
  }

  /** argsort that reverses the order of equal keys. */
  static class UnstableArgsort extends Broken {
    @Override
    public void argsort(View out, View in, int axis) {
      long n = in.shape()[axis];
      long[] strides = in.strides().clone();
      long offset = in.offset() + (n - 1) * strides[axis];
      strides[axis] = -strides[axis];
      super.argsort(out, new View(in.buffer(), in.dtype(), in.shape(), strides, offset), axis);
      k.binaryScalar(BinaryOp.SUBTRACT, out, out, n - 1, true);
    }
  }

  private static KitRunner.Report runKit(Function<Void, Kernels> make, StringBuilder report) {
    BackendProvider p =
        new BackendProvider() {
          @Override
          public String name() {
            return "broken";
          }

          @Override
          public int priority() {
            return 0;
          }

          @Override
          public Availability availability() {
            return Availability.yes("test only");
          }

          @Override
          public Kernels create() {
            return make.apply(null);
          }
        };
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Backend b = Backend.create(p);
    // the heavy checks (2^31 elements, memory pressure) look for no fault planted here
    KitRunner.Report r =
        KitRunner.run(
            b,
            15,
            20261125L,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            false);
    report.append(out.toString(StandardCharsets.UTF_8));
    return r;
  }

  /** The kit fails the backend, at one of {@code checks} at least, and says {@code message}. */
  private static void caught(Function<Void, Kernels> make, String checks, String message) {
    StringBuilder report = new StringBuilder();
    KitRunner.Report r = runKit(make, report);
    assertFalse(r.passed(), "the kit passed a broken backend:\n" + report);
    boolean hit = false;
    for (String check : checks.split(",")) {
      hit |= r.results().get(check.strip()) == KitRunner.Status.FAIL;
    }
    assertTrue(hit, checks + " should fail:\n" + report);
    assertTrue(
        report.toString().contains(message), "report should say '" + message + "':\n" + report);
    assertTrue(
        report.toString().contains("Seed was") || report.toString().contains("seed"),
        report.toString());
  }

  @Test
  void offByOneUlpAddIsCaught() {
    caught(v -> new OffByOneUlpAdd(), "add[float32]", "add(a, b) with");
  }

  @Test
  void wrongTransposeStrideIsCaught() {
    caught(
        v -> new WrongTransposeStride(),
        "transpose[float64], copy[float64], astype(int32)[float64]",
        "expected");
  }

  @Test
  void sumDroppingTheLastElementIsCaught() {
    caught(v -> new SumDropsLast(), "sum[int32]", "sum of");
  }

  @Test
  void unstableArgsortIsCaught() {
    caught(v -> new UnstableArgsort(), "argsort[int16]", "argsort ordered and stable");
  }

  @Test
  void theRealCpuBackendPassesTheRunnerToo() {
    StringBuilder report = new StringBuilder();
    KitRunner.Report r = runKit(v -> new CpuKernels(), report);
    assertTrue(r.passed(), report.toString());
    assertTrue(
        report.toString().contains("add[") || report.toString().contains("add "),
        report.toString());
  }
}
