package io.ndj.cpu.elementwise;

import io.ndj.DType;
import io.ndj.cpu.Loop;
import io.ndj.cpu.memory.CpuBuffer;
import io.ndj.cpu.memory.Layouts;
import io.ndj.spi.BinaryOp;
import io.ndj.spi.Program;
import io.ndj.spi.UnaryOp;
import io.ndj.spi.View;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Fused float32 and float64 programs of the ops that have typed loops ({@link Dense}'s arithmetic,
 * {@link VectorMath}'s transcendentals) run chunk by chunk in float[] registers: {@link #CHUNK}
 * elements of every input are copied in, every step runs over them through the same loops the
 * unfused kernels run (so each value is bit for bit the unfused one), and the result is copied out.
 * A chunk's registers fit the core's L1 cache, where {@link Fuse}'s blocks through the kernels stay
 * in L2 and pay a kernel call per step and block; steps share registers where their values do not
 * live at once.
 */
final class Chunks {
  /** Elements per chunk: the live registers of a long chain fit a 32 KiB L1 cache. */
  static final int CHUNK = 1024;

  /** The unary ops of Dense's typed loops; sin, cos, exp and tanh come from VectorMath. */
  private static final Set<UnaryOp> DENSE_UNARY =
      EnumSet.of(UnaryOp.SQUARE, UnaryOp.NEGATIVE, UnaryOp.ABS);

  private static final Set<BinaryOp> BINARY =
      EnumSet.of(
          BinaryOp.ADD,
          BinaryOp.SUBTRACT,
          BinaryOp.MULTIPLY,
          BinaryOp.DIVIDE,
          BinaryOp.MAXIMUM,
          BinaryOp.MINIMUM);

  private Chunks() {}

  /**
   * Whether the program runs here: every step float32 (or every step float64) and of out's shape
   * (an input may be a single value broadcast), each op one with a typed loop, the result and every
   * array input C-contiguous, and {@link VectorMath} able to run the transcendentals (float32
   * only).
   */
  static boolean fits(Program p, View out, View[] full) {
    DType t = out.dtype();
    if (t != DType.FLOAT32 && t != DType.FLOAT64
        || !out.isContiguous()
        || out.size() > Integer.MAX_VALUE) {
      return false;
    }
    boolean single = t == DType.FLOAT32;
    long[] s = out.shape();
    for (Program.Step st : p.steps()) {
      if (st.dtype() != t) {
        return false;
      }
      boolean ok =
          switch (st) {
            case Program.Input x -> full[x.index()].isContiguous() || isScalar(full[x.index()]);
            case Program.Unary u ->
                DENSE_UNARY.contains(u.op()) || single && VectorMath.runs(u.op());
            case Program.Binary b -> BINARY.contains(b.op());
            case Program.BinaryScalar b -> BINARY.contains(b.op());
            default -> false;
          };
      if (!ok || !(st instanceof Program.Input) && !Arrays.equals(st.shape(), s)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isScalar(View v) {
    for (long st : v.strides()) {
      if (st != 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Runs the program ({@link #fits}) into out; {@code full} are the inputs seen as out's shape. The
   * registers are float[] or double[] (out's dtype); each step's loop is one over that array type.
   */
  static void run(Program p, View out, View[] full) {
    boolean single = out.dtype() == DType.FLOAT32;
    List<Program.Step> steps = p.steps();
    int n = steps.size();
    int[] reg = registers(steps);
    int regs = Arrays.stream(reg).max().orElse(0) + 1;
    long size = out.size();
    long chunks = (size + CHUNK - 1) / CHUNK;
    Loop.split(
        chunks,
        Math.max(1, Loop.PARALLEL_MIN / CHUNK),
        (lo, hi) -> {
          Object[] r = single ? new float[regs][CHUNK] : new double[regs][CHUNK];
          for (long c = lo; c < hi; c++) {
            long at = c * CHUNK;
            int m = (int) Math.min(CHUNK, size - at);
            for (int i = 0; i < n; i++) {
              Program.Step st = steps.get(i);
              if (st instanceof Program.Input x) {
                load(full[x.index()], at, r[reg[i]], m);
              } else if (single) {
                step(st, (float[][]) r, reg, i, m);
              } else {
                step(st, (double[][]) r, reg, i, m);
              }
            }
            store(r[reg[n - 1]], out, at, m);
          }
        });
  }

  /** Step i over a chunk's m float32 values. */
  private static void step(Program.Step st, float[][] r, int[] reg, int i, int m) {
    float[] dst = r[reg[i]];
    switch (st) {
      case Program.Unary u when VectorMath.runs(u.op()) ->
          VectorMath.apply(u.op(), dst, r[reg[u.arg()]], m);
      case Program.Unary u -> Dense.apply(u.op(), dst, r[reg[u.arg()]], 0, m);
      case Program.Binary b -> Dense.apply(b.op(), dst, r[reg[b.a()]], r[reg[b.b()]], 0, m);
      case Program.BinaryScalar b ->
          Dense.apply(b.op(), dst, r[reg[b.a()]], b.scalar().floatValue(), b.scalarFirst(), 0, m);
      default -> throw new IllegalStateException("not a chunk step: " + st);
    }
  }

  /** Step i over a chunk's m float64 values (no transcendentals: {@link #fits}). */
  private static void step(Program.Step st, double[][] r, int[] reg, int i, int m) {
    double[] dst = r[reg[i]];
    switch (st) {
      case Program.Unary u -> Dense.apply(u.op(), dst, r[reg[u.arg()]], 0, m);
      case Program.Binary b -> Dense.apply(b.op(), dst, r[reg[b.a()]], r[reg[b.b()]], 0, m);
      case Program.BinaryScalar b ->
          Dense.apply(b.op(), dst, r[reg[b.a()]], b.scalar().doubleValue(), b.scalarFirst(), 0, m);
      default -> throw new IllegalStateException("not a chunk step: " + st);
    }
  }

  /**
   * A register per step: a step takes one that every earlier holder is done with (its last reader
   * came before this step, or is this step: the typed loops read an element before they write it),
   * so a chain's registers are the few values alive together.
   */
  private static int[] registers(List<Program.Step> steps) {
    int n = steps.size();
    int[] lastUse = new int[n];
    for (int i = 0; i < n; i++) {
      lastUse[i] = i;
      for (int a : Program.operands(steps.get(i))) {
        lastUse[a] = i;
      }
    }
    int[] reg = new int[n];
    java.util.ArrayDeque<Integer> free = new java.util.ArrayDeque<>();
    int next = 0;
    for (int i = 0; i < n; i++) {
      for (int a : Program.operands(steps.get(i))) {
        if (lastUse[a] == i && !free.contains(reg[a])) {
          free.push(reg[a]);
        }
      }
      reg[i] = free.isEmpty() ? next++ : free.pop();
      if (lastUse[i] == i && i < n - 1) {
        free.push(reg[i]); // never read: free again at once
      }
    }
    return reg;
  }

  /**
   * Elements [at, at + m) of a contiguous or single-value input into dst (a float[] or double[] of
   * the input's dtype): from the buffer's own array where it has one.
   */
  private static void load(View v, long at, Object dst, int m) {
    MemorySegment seg = ((CpuBuffer) v.buffer()).segment();
    if (isScalar(v)) {
      if (dst instanceof float[] f) {
        Arrays.fill(f, 0, m, seg.getAtIndex(Layouts.JAVA_FLOAT, v.offset()));
      } else {
        Arrays.fill((double[]) dst, 0, m, seg.getAtIndex(Layouts.JAVA_DOUBLE, v.offset()));
      }
      return;
    }
    Object own = ownArray(v);
    if (own != null) {
      System.arraycopy(own, (int) (v.offset() + at), dst, 0, m);
    } else {
      MemorySegment.copy(seg, layout(v), (v.offset() + at) * v.dtype().itemsize(), dst, 0, m);
    }
  }

  /** A chunk's m results from src (float[] or double[]) into out at element at. */
  private static void store(Object src, View out, long at, int m) {
    Object own = ownArray(out);
    if (own != null) {
      System.arraycopy(src, 0, own, (int) (out.offset() + at), m);
    } else {
      MemorySegment.copy(
          src,
          0,
          ((CpuBuffer) out.buffer()).segment(),
          layout(out),
          (out.offset() + at) * out.dtype().itemsize(),
          m);
    }
  }

  /** The float[] or double[] holding v's buffer, or null where it is held otherwise. */
  private static Object ownArray(View v) {
    return v.dtype() == DType.FLOAT32
        ? CpuBuffer.floats(v.buffer())
        : CpuBuffer.doubles(v.buffer());
  }

  private static java.lang.foreign.ValueLayout layout(View v) {
    return v.dtype() == DType.FLOAT32 ? Layouts.JAVA_FLOAT : Layouts.JAVA_DOUBLE;
  }
}
