package io.ndj.cuda;

import io.ndj.DType;
import io.ndj.spi.Program;
import io.ndj.spi.ReduceOp;
import io.ndj.spi.Strided;
import io.ndj.spi.View;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * CUDA C for a fused program with reductions along the last axis (softmax, layernorm, a row norm):
 * one kernel, {@code ndj_rows}, with a block per row. For each reduction in turn the block's
 * threads compute its operand for the row's elements (the elementwise steps before it, recomputed
 * from the inputs), fold them (floats in double, integers in 64 bits, as the reduce kernels do; NaN
 * wins in max/min) and combine the partial folds in shared memory; the steps that are constant
 * along the row are computed once per row; a last pass computes and stores the result. Reductions
 * in another order than the unfused kernels' may round a sum's last bit apart; everything else is
 * bit for bit.
 *
 * <p>A program fits when every reduction reduces the last axis of a value of the row shape S (the
 * program's element shape), every other step has shape S or is constant along rows (shape S with
 * the last axis 1, or fewer axes for values only rows use), and no step is float16.
 */
final class FusionRows {
  static final String KERNEL = "ndj_rows";
  static final int THREADS = 256;

  private FusionRows() {}

  /** S: the shape every reduction's operand has, or null when the program is not of this kind. */
  static long[] rowShape(Program p) {
    long[] s = null;
    for (Program.Step st : p.steps()) {
      if (st instanceof Program.Reduce r) {
        long[] a = p.steps().get(r.arg()).shape();
        if (s == null) {
          s = a;
        } else if (!Arrays.equals(s, a)) {
          return null;
        }
        boolean last = r.axes().length == 1 && r.axes()[0] == a.length - 1;
        if (!last
            || a.length == 0
            || !(r.op() == ReduceOp.SUM
                || r.op() == ReduceOp.PROD
                || r.op() == ReduceOp.MAX
                || r.op() == ReduceOp.MIN)) {
          return null;
        }
      }
    }
    return s;
  }

  static boolean fits(Program p) {
    long[] s = rowShape(p);
    if (s == null || s.length - 1 > Geom.MAXD) {
      return false;
    }
    List<Program.Step> steps = p.steps();
    boolean[] row = rowLevel(p, s);
    long[] kept = s.clone();
    kept[s.length - 1] = 1;
    for (int i = 0; i < steps.size(); i++) {
      Program.Step st = steps.get(i);
      if (FusionCodegen.unfused(st)) {
        return false;
      }
      if (st instanceof Program.Input) {
        continue;
      }
      if (!row[i] && !Arrays.equals(st.shape(), s)) {
        return false;
      }
      if (!row[i]) {
        // a row value read by an element step must be broadcast along the row, not across it
        for (int a : Program.operands(st)) {
          if (row[a]
              && !(steps.get(a) instanceof Program.Input)
              && !Arrays.equals(steps.get(a).shape(), kept)
              && steps.get(a).shape().length != 0) {
            return false;
          }
        }
      }
    }
    Program.Step res = p.result();
    long[] dropped = Arrays.copyOf(s, s.length - 1);
    return row[steps.size() - 1]
        ? Arrays.equals(res.shape(), kept) || Arrays.equals(res.shape(), dropped)
        : Arrays.equals(res.shape(), s);
  }

  /**
   * Which steps are constant along a row (inputs without the last axis, reductions, and from them).
   */
  private static boolean[] rowLevel(Program p, long[] s) {
    List<Program.Step> steps = p.steps();
    boolean[] row = new boolean[steps.size()];
    for (int i = 0; i < steps.size(); i++) {
      Program.Step st = steps.get(i);
      row[i] =
          switch (st) {
            case Program.Input in ->
                in.shape().length == 0
                    || in.shape()[in.shape().length - 1] == 1 && s[s.length - 1] != 1;
            case Program.Reduce r -> true;
            default -> Arrays.stream(Program.operands(st)).allMatch(a -> row[a]);
          };
    }
    return row;
  }

  /** The element steps {@code target} needs (itself included), in program order. */
  private static boolean[] needs(Program p, boolean[] row, int target) {
    List<Program.Step> steps = p.steps();
    boolean[] need = new boolean[steps.size()];
    need[target] = true;
    for (int i = target; i >= 0; i--) {
      if (need[i] && !row[i]) {
        for (int a : Program.operands(steps.get(i))) {
          need[a] = true;
        }
      }
    }
    return need;
  }

  static String source(Program p) {
    List<Program.Step> steps = p.steps();
    long[] s = rowShape(p);
    boolean[] row = rowLevel(p, s);
    int k = 1 + p.inputs();
    StringBuilder b = new StringBuilder();
    b.append("#define NDJ_NO_HALF\n#include \"ops.cuh\"\n#define MAXD ")
        .append(Geom.MAXD)
        .append('\n');
    b.append("struct RGeo { int nd; int pad; i64 shape[MAXD]; i64 st[")
        .append(k)
        .append("][MAXD]; i64 off[")
        .append(k)
        .append("]; i64 last[")
        .append(k)
        .append("]; };\n");
    b.append("extern \"C\" __global__ void ").append(KERNEL).append("(RGeo g, void* out");
    for (int q = 0; q < p.inputs(); q++) {
      b.append(", const void* in").append(q);
    }
    b.append(", i64 rows, i64 L) {\n");
    b.append("  __shared__ double sd[").append(THREADS).append("];\n");
    b.append("  __shared__ i64 sl[").append(THREADS).append("];\n");
    b.append("  for (i64 r = blockIdx.x; r < rows; r += gridDim.x) {\n");
    b.append("    i64 o[").append(k).append("];\n");
    b.append("    for (int q = 0; q < ").append(k).append("; q++) o[q] = g.off[q];\n");
    b.append("    i64 rest = r;\n");
    b.append("    for (int d = g.nd - 1; d >= 0; d--) {\n");
    b.append("      i64 s = g.shape[d]; i64 c = rest % s; rest /= s;\n");
    b.append("      for (int q = 0; q < ").append(k).append("; q++) o[q] += c * g.st[q][d];\n");
    b.append("    }\n");
    // row-level inputs, then row steps as soon as what they read is known
    boolean[] done = new boolean[steps.size()];
    for (int i = 0; i < steps.size(); i++) {
      if (row[i] && steps.get(i) instanceof Program.Input in) {
        line(b, "    ", steps.get(i), "v" + i, load(in, "0"));
        done[i] = true;
      }
    }
    rowSteps(b, p, row, done);
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i) instanceof Program.Reduce red) {
        fold(b, p, row, i, red);
        done[i] = true;
        rowSteps(b, p, row, done);
      }
    }
    int res = steps.size() - 1;
    DType rt = steps.get(res).dtype();
    String st = "((" + FusionCodegen.storage(rt) + "*)out)";
    if (row[res]) {
      b.append("    if (threadIdx.x == 0) ")
          .append(st)
          .append("[r] = (")
          .append(FusionCodegen.storage(rt))
          .append(")v")
          .append(res)
          .append(";\n");
    } else {
      b.append("    for (i64 j = threadIdx.x; j < L; j += blockDim.x) {\n");
      elementSteps(b, p, row, res, "      ");
      b.append("      ")
          .append(st)
          .append("[r * L + j] = (")
          .append(FusionCodegen.storage(rt))
          .append(")e")
          .append(res)
          .append(";\n    }\n");
    }
    b.append("    __syncthreads();\n  }\n}\n");
    return b.toString();
  }

  /** An input's element at column {@code j} of the current row. */
  private static String load(Program.Input in, String j) {
    int q = 1 + in.index();
    return FusionCodegen.load(
        in.dtype(), "in" + in.index(), "o[" + q + "] + " + j + " * g.last[" + q + "]");
  }

  private static void line(
      StringBuilder b, String indent, Program.Step s, String name, String rhs) {
    b.append(indent)
        .append(FusionCodegen.ctype(s.dtype()))
        .append(' ')
        .append(name)
        .append(" = ")
        .append(rhs)
        .append(";\n");
  }

  /** Emits every row step not yet emitted whose operands are all known. */
  private static void rowSteps(StringBuilder b, Program p, boolean[] row, boolean[] done) {
    List<Program.Step> steps = p.steps();
    for (int i = 0; i < steps.size(); i++) {
      Program.Step st = steps.get(i);
      if (row[i] && !done[i] && !(st instanceof Program.Reduce)) {
        boolean ready = Arrays.stream(Program.operands(st)).allMatch(a -> done[a]);
        if (ready) {
          line(b, "    ", st, "v" + i, FusionCodegen.expr(steps, i, a -> "v" + a));
          done[i] = true;
        }
      }
    }
  }

  /** The element steps that {@code target} needs at column j, named e<i> (row values are v<i>). */
  private static void elementSteps(
      StringBuilder b, Program p, boolean[] row, int target, String in) {
    List<Program.Step> steps = p.steps();
    boolean[] need = needs(p, row, target);
    for (int i = 0; i <= target; i++) {
      if (need[i] && !row[i]) {
        Program.Step st = steps.get(i);
        String rhs =
            st instanceof Program.Input x
                ? load(x, "j")
                : FusionCodegen.expr(steps, i, a -> (row[a] ? "v" : "e") + a);
        line(b, in, st, "e" + i, rhs);
      }
    }
  }

  /** Folds reduction {@code i} over the row into v<i>, every thread ending with the same value. */
  private static void fold(StringBuilder b, Program p, boolean[] row, int i, Program.Reduce red) {
    List<Program.Step> steps = p.steps();
    Program.Step arg = steps.get(red.arg());
    boolean f = arg.dtype().isFloat();
    String acc = f ? "double" : "i64";
    String init =
        switch (red.op()) {
          case SUM -> "0";
          case PROD -> "1";
          case MAX ->
              f ? "-__longlong_as_double(0x7ff0000000000000LL)" : "(i64)0x8000000000000000ULL";
          default -> f ? "__longlong_as_double(0x7ff0000000000000LL)" : "0x7fffffffffffffffLL";
        };
    String combine =
        switch (red.op()) {
          case SUM -> f ? "a + x" : "(i64)((u64)a + (u64)x)";
          case PROD -> f ? "a * x" : "(i64)((u64)a * (u64)x)";
          case MAX -> f ? "pickOrCompare(B_MAXIMUM, a, x)" : "(a > x ? a : x)";
          default -> f ? "pickOrCompare(B_MINIMUM, a, x)" : "(a < x ? a : x)";
        };
    String value = (row[red.arg()] ? "v" : "e") + red.arg();
    b.append("    ").append(FusionCodegen.ctype(red.dtype())).append(" v").append(i).append(";\n");
    b.append("    {  // ").append(red.op()).append(" of step ").append(red.arg()).append('\n');
    b.append("      ").append(acc).append(" a = ").append(init).append(";\n");
    b.append("      for (i64 j = threadIdx.x; j < L; j += blockDim.x) {\n");
    if (!row[red.arg()]) {
      elementSteps(b, p, row, red.arg(), "        ");
    } // else a value constant along the row, folded once per element as the unfused kernel would
    b.append("        ").append(acc).append(" x = (").append(acc).append(")").append(value);
    b.append(";\n");
    b.append("        a = ").append(combine).append(";\n      }\n");
    String sh = f ? "sd" : "sl";
    b.append("      ").append(sh).append("[threadIdx.x] = a;\n      __syncthreads();\n");
    b.append("      for (int w = blockDim.x / 2; w > 0; w >>= 1) {\n");
    b.append("        if (threadIdx.x < w) { ")
        .append(acc)
        .append(" x = ")
        .append(sh)
        .append("[threadIdx.x + w]; a = ")
        .append(sh)
        .append("[threadIdx.x]; ")
        .append(sh)
        .append("[threadIdx.x] = ")
        .append(combine)
        .append("; }\n        __syncthreads();\n      }\n");
    b.append("      a = ").append(sh).append("[0];\n      __syncthreads();\n");
    b.append("      v").append(i).append(" = ");
    DType rt = red.dtype();
    b.append(
            rt == DType.BOOL
                ? "a != 0"
                : rt.isFloat()
                    ? "(" + FusionCodegen.ctype(rt) + ")a"
                    : "(" + FusionCodegen.ctype(rt) + ")(i64)a")
        .append(";\n    }\n");
  }

  /**
   * {@code struct RGeo}: the rows' shape (S without its last axis), each operand's row strides,
   * offsets and step along the row.
   */
  static byte[] geom(long[] s, View out, View[] inputs) {
    int k = 1 + inputs.length;
    int nd = s.length - 1;
    ByteBuffer b =
        ByteBuffer.allocate(8 + 8 * Geom.MAXD * (1 + k) + 16 * k).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(nd).putInt(0);
    for (int i = 0; i < Geom.MAXD; i++) {
      b.putLong(i < nd ? s[i] : 1);
    }
    long[][] st = new long[k][];
    st[0] = new long[s.length];
    for (int q = 0; q < inputs.length; q++) {
      st[1 + q] = Strided.broadcast(inputs[q], s);
    }
    for (int q = 0; q < k; q++) {
      for (int i = 0; i < Geom.MAXD; i++) {
        b.putLong(i < nd ? st[q][i] : 0);
      }
    }
    b.putLong(0);
    for (View in : inputs) {
      b.putLong(in.offset());
    }
    for (int q = 0; q < k; q++) {
      b.putLong(st[q][s.length - 1]);
    }
    return b.array();
  }
}
