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

// Its float32 and float64 halves are twins on purpose, as Dense's loops are (C2 vectorises a loop
// over one primitive array type only).
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

  private static final Set<UnaryOp> UNARY =
      EnumSet.of(
          UnaryOp.SQUARE,
          UnaryOp.NEGATIVE,
          UnaryOp.ABS,
          UnaryOp.SIN,
          UnaryOp.COS,
          UnaryOp.EXP,
          UnaryOp.TANH);

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
                UNARY.contains(u.op())
                    && (!isTranscendental(u.op()) || single && VectorMath.runs(u.op()));
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

  private static boolean isTranscendental(UnaryOp op) {
    return op == UnaryOp.SIN || op == UnaryOp.COS || op == UnaryOp.EXP || op == UnaryOp.TANH;
  }

  private static boolean isScalar(View v) {
    for (long st : v.strides()) {
      if (st != 0) {
        return false;
      }
    }
    return true;
  }

  /** Runs the program ({@link #fits}) into out; {@code full} are the inputs seen as out's shape. */
  static void run(Program p, View out, View[] full) {
    if (out.dtype() == DType.FLOAT64) {
      runDoubles(p, out, full);
      return;
    }
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
          float[][] r = new float[regs][CHUNK];
          for (long c = lo; c < hi; c++) {
            long at = c * CHUNK;
            int m = (int) Math.min(CHUNK, size - at);
            for (int i = 0; i < n; i++) {
              float[] dst = r[reg[i]];
              switch (steps.get(i)) {
                case Program.Input x -> load(full[x.index()], at, dst, m);
                case Program.Unary u -> unary(u.op(), dst, r[reg[u.arg()]], m);
                case Program.Binary b ->
                    Dense.apply(b.op(), dst, r[reg[b.a()]], r[reg[b.b()]], 0, m);
                case Program.BinaryScalar b ->
                    Dense.apply(
                        b.op(), dst, r[reg[b.a()]], b.scalar().floatValue(), b.scalarFirst(), 0, m);
                default -> throw new IllegalStateException("not a chunk step: " + steps.get(i));
              }
            }
            store(r[reg[n - 1]], out, at, m);
          }
        });
  }

  /** {@link #run} for float64 (no transcendentals). */
  private static void runDoubles(Program p, View out, View[] full) {
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
          double[][] r = new double[regs][CHUNK];
          for (long c = lo; c < hi; c++) {
            long at = c * CHUNK;
            int m = (int) Math.min(CHUNK, size - at);
            for (int i = 0; i < n; i++) {
              double[] dst = r[reg[i]];
              switch (steps.get(i)) {
                case Program.Input x -> load(full[x.index()], at, dst, m);
                case Program.Unary u -> Dense.apply(u.op(), dst, r[reg[u.arg()]], 0, m);
                case Program.Binary b ->
                    Dense.apply(b.op(), dst, r[reg[b.a()]], r[reg[b.b()]], 0, m);
                case Program.BinaryScalar b ->
                    Dense.apply(
                        b.op(),
                        dst,
                        r[reg[b.a()]],
                        b.scalar().doubleValue(),
                        b.scalarFirst(),
                        0,
                        m);
                default -> throw new IllegalStateException("not a chunk step: " + steps.get(i));
              }
            }
            store(r[reg[n - 1]], out, at, m);
          }
        });
  }

  private static void unary(UnaryOp op, float[] o, float[] x, int m) {
    if (isTranscendental(op)) {
      VectorMath.apply(op, o, x, m);
    } else {
      Dense.apply(op, o, x, 0, m);
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

  /** Elements [at, at + m) of a contiguous or single-value input into dst. */
  private static void load(View v, long at, float[] dst, int m) {
    MemorySegment seg = ((CpuBuffer) v.buffer()).segment();
    if (isScalar(v)) {
      Arrays.fill(dst, 0, m, seg.getAtIndex(Layouts.JAVA_FLOAT, v.offset()));
      return;
    }
    float[] own = CpuBuffer.floats(v.buffer());
    if (own != null) {
      System.arraycopy(own, (int) (v.offset() + at), dst, 0, m);
    } else {
      MemorySegment.copy(seg, Layouts.JAVA_FLOAT, (v.offset() + at) * 4, dst, 0, m);
    }
  }

  /** Elements [at, at + m) of a contiguous or single-value float64 input into dst. */
  private static void load(View v, long at, double[] dst, int m) {
    MemorySegment seg = ((CpuBuffer) v.buffer()).segment();
    if (isScalar(v)) {
      Arrays.fill(dst, 0, m, seg.getAtIndex(Layouts.JAVA_DOUBLE, v.offset()));
      return;
    }
    double[] own = CpuBuffer.doubles(v.buffer());
    if (own != null) {
      System.arraycopy(own, (int) (v.offset() + at), dst, 0, m);
    } else {
      MemorySegment.copy(seg, Layouts.JAVA_DOUBLE, (v.offset() + at) * 8, dst, 0, m);
    }
  }

  private static void store(double[] src, View out, long at, int m) {
    double[] own = CpuBuffer.doubles(out.buffer());
    if (own != null) {
      System.arraycopy(src, 0, own, (int) (out.offset() + at), m);
    } else {
      MemorySegment.copy(
          src,
          0,
          ((CpuBuffer) out.buffer()).segment(),
          Layouts.JAVA_DOUBLE,
          (out.offset() + at) * 8,
          m);
    }
  }

  private static void store(float[] src, View out, long at, int m) {
    float[] own = CpuBuffer.floats(out.buffer());
    if (own != null) {
      System.arraycopy(src, 0, own, (int) (out.offset() + at), m);
    } else {
      MemorySegment.copy(
          src,
          0,
          ((CpuBuffer) out.buffer()).segment(),
          Layouts.JAVA_FLOAT,
          (out.offset() + at) * 4,
          m);
    }
  }
}
