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
 * one kernel, {@code ndj_rows}, with a block per row, about eight of the row's elements a thread.
 * Rows up to 32 elements a thread are read once: each thread keeps its elements of every input in
 * registers (four neighbours a vector load where the rows are aligned), and every pass works from
 * there; longer rows read the inputs again in each pass. For each reduction in turn the threads
 * compute its operand for their elements (the elementwise steps before it, recomputed), fold them
 * (floats in double, integers in 64 bits, as the reduce kernels do; NaN wins in max/min), then the
 * warps fold by shuffles and the warps' results are folded in order; the steps that are constant
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

  private FusionRows() {}

  /** S: the shape every reduction's operand has, or null when the program is not of this kind. */
  static long[] rowShape(Program p) {
    return p.rowShape();
  }

  /** {@link Program#reducesRows()}, with at most {@link Geom#MAXD} row axes and no float16. */
  static boolean fits(Program p) {
    return p.reducesRows()
        && p.rowShape().length - 1 <= Geom.MAXD
        && p.steps().stream().noneMatch(FusionCodegen::unfused);
  }

  private static boolean[] rowLevel(Program p, long[] s) {
    return p.rowLevel(s);
  }

  /**
   * The element steps {@code target} needs (itself included), in program order; a step kept in
   * registers ({@code kept[i]} not null) needs nothing more.
   */
  private static boolean[] needs(Program p, boolean[] row, String[] kept, int target) {
    List<Program.Step> steps = p.steps();
    boolean[] need = new boolean[steps.size()];
    need[target] = true;
    for (int i = target; i >= 0; i--) {
      if (need[i] && !row[i] && kept[i] == null) {
        for (int a : Program.operands(steps.get(i))) {
          need[a] = true;
        }
      }
    }
    return need;
  }

  /** The row's length L. */
  private static long length(Program p) {
    long[] s = rowShape(p);
    return s[s.length - 1];
  }

  /**
   * The block's threads for program p: about eight of a row's elements each, a power of two from 32
   * to {@link #MAX_THREADS}.
   */
  static int threads(Program p) {
    long per = PER_THREAD > 0 ? PER_THREAD : ROW_BYTES / widest(p);
    long want = Math.max(1, (length(p) + per - 1) / per);
    int t = 32;
    while (t < MAX_THREADS && t < want) {
      t <<= 1;
    }
    return t;
  }

  static final int MAX_THREADS = 1024;

  /**
   * A thread's share of a row in bytes of the widest dtype: 32 float32 or 16 float64 elements. On
   * an H100 at 8192 x 8192 (2026-12-07), against 8 elements a thread (1024 threads a row): float32
   * softmax 0.425 -> 0.265 ms (16: 0.356), layernorm 0.314 -> 0.309 (16: 0.272); float64 softmax
   * 0.638 -> 0.568 (32: 0.681), layernorm 0.480 -> 0.460. Fewer, fuller threads: more rows in
   * flight per SM and fewer block-wide folds per element.
   */
  private static final int ROW_BYTES = 128;

  /**
   * Whether float32 max and min fold in float (a probe's knob: -Dndj.cuda.rowNarrowExtrema=false
   * folds them in double, as sums).
   */
  private static final boolean NARROW_EXTREMA =
      !"false".equals(System.getProperty("ndj.cuda.rowNarrowExtrema"));

  /** Overrides the elements a thread takes (a probe's knob: -Dndj.cuda.rowElements=N). */
  private static final int PER_THREAD = Integer.getInteger("ndj.cuda.rowElements", 0);

  /** The widest itemsize among the program's steps. */
  private static int widest(Program p) {
    int w = 1;
    for (Program.Step st : p.steps()) {
      w = Math.max(w, st.dtype().itemsize());
    }
    return w;
  }

  /** Elements a thread keeps in registers (a multiple of 4), or 0 where rows are too long. */
  static int slots(Program p) {
    long c = (length(p) + threads(p) - 1) / threads(p);
    c = (c + 3) / 4 * 4;
    return c <= MAX_SLOTS ? (int) c : 0;
  }

  private static final int MAX_SLOTS = 32;

  static String source(Program p) {
    List<Program.Step> steps = p.steps();
    long[] s = rowShape(p);
    boolean[] row = rowLevel(p, s);
    int k = 1 + p.inputs();
    int slots = slots(p);
    StringBuilder b = new StringBuilder();
    b.append("#define NDJ_NO_HALF\n#include \"ops.cuh\"\n#define MAXD ")
        .append(Geom.MAXD)
        .append('\n');
    b.append(FusionCodegen.VECTOR);
    b.append("struct RGeo { int nd; int vec; i64 shape[MAXD]; i64 st[")
        .append(k)
        .append("][MAXD]; i64 off[")
        .append(k)
        .append("]; i64 last[")
        .append(k)
        .append("]; };\n");
    // at most 128 registers a thread (blocks enough for 512 threads an SM): ptxas otherwise gave
    // softmax at 32 slots 128 with a spill, or up to 166 when the code around moved
    b.append("extern \"C\" __global__ void __launch_bounds__(")
        .append(threads(p))
        .append(", ")
        .append(Math.max(1, 512 / threads(p)))
        .append(") ")
        .append(KERNEL)
        .append("(RGeo g, void* out");
    for (int q = 0; q < p.inputs(); q++) {
      b.append(", const void* in").append(q);
    }
    b.append(", i64 rows, i64 L) {\n");
    b.append("  __shared__ double sd[32];\n  __shared__ i64 sl[32];\n");
    b.append("  const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;\n");
    b.append("  const int warps = blockDim.x >> 5;\n");
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
    if (slots > 0) {
      cache(b, p, row, slots);
      // which slots hold a column of the row, as one mask: the folds test a bit instead of keeping
      // a 64-bit column index per slot live across the passes (layernorm at 32 slots took 160
      // registers, one block of 256 threads per SM)
      b.append("    unsigned live = 0;\n#pragma unroll\n    for (int u = 0; u < ")
          .append(slots)
          .append("; u++) {\n");
      b.append("      i64 j = g.vec ? 4 * (threadIdx.x + (i64)(u >> 2) * blockDim.x) + (u & 3)")
          .append(" : threadIdx.x + (i64)u * blockDim.x;\n");
      b.append("      if (j < L) live |= 1u << u;\n    }\n");
    }
    rowSteps(b, p, row, done);
    int res = steps.size() - 1;
    // kept[i]: the register slot array holding element step i (an input's, or a step computed in a
    // fold and kept for the steps after it); holder[q]: the step register array c<q> holds now
    String[] kept = new String[steps.size()];
    int[] holder = new int[p.inputs()];
    Arrays.fill(holder, -1);
    for (int i = 0; i < steps.size(); i++) {
      if (slots > 0 && !row[i] && steps.get(i) instanceof Program.Input in) {
        kept[i] = "c" + in.index() + "[u]";
        holder[in.index()] = i;
      }
    }
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i) instanceof Program.Reduce red) {
        int[] keep = slots > 0 ? keepAfter(p, row, kept, holder, i, res) : null;
        fold(b, p, row, kept, i, red, slots, keep);
        if (keep != null) {
          kept[keep[0]] = "c" + keep[1] + "[u]";
          holder[keep[1]] = keep[0];
        }
        done[i] = true;
        rowSteps(b, p, row, done);
      }
    }
    DType rt = steps.get(res).dtype();
    String rs = FusionCodegen.storage(rt);
    String st = "((" + rs + "*)out)";
    if (row[res]) {
      b.append("    if (threadIdx.x == 0) ")
          .append(st)
          .append("[r] = (")
          .append(rs)
          .append(")v")
          .append(res)
          .append(";\n");
    } else if (slots > 0) {
      // the vector layout stores four neighbours at once; the other a column a slot
      b.append("    if (g.vec) {\n#pragma unroll\n      for (int w = 0; w < ")
          .append(slots / 4)
          .append("; w++) {\n");
      b.append("        i64 j4 = threadIdx.x + (i64)w * blockDim.x;\n");
      b.append("        if (4 * j4 < L) {\n          V4<").append(rs).append("> res;\n");
      b.append("#pragma unroll\n          for (int c = 0; c < 4; c++) {\n");
      b.append("            int u = 4 * w + c;\n");
      elementSteps(b, p, row, kept, res, "            ", true);
      b.append("            res.v[c] = (").append(rs).append(")e").append(res).append(";\n");
      b.append("          }\n          ((V4<")
          .append(rs)
          .append(">*)(")
          .append(st)
          .append(" + r * L))[j4] = res;\n        }\n      }\n    } else {\n");
      b.append("#pragma unroll\n      for (int u = 0; u < ").append(slots).append("; u++) {\n");
      b.append("        i64 j = threadIdx.x + (i64)u * blockDim.x;\n");
      b.append("        if (j < L) {\n");
      elementSteps(b, p, row, kept, res, "          ", true);
      store(b, "          ", st, rs, res);
      b.append("        }\n      }\n    }\n");
    } else {
      b.append("    for (i64 j = threadIdx.x; j < L; j += blockDim.x) {\n");
      elementSteps(b, p, row, kept, res, "      ", false);
      store(b, "      ", st, rs, res);
      b.append("    }\n");
    }
    b.append("  }\n}\n");
    return b.toString();
  }

  /** The result's element j of row r from e<res>, in its storage type rs. */
  private static void store(StringBuilder b, String indent, String st, String rs, int res) {
    b.append(indent).append(st).append("[r * L + j] = (").append(rs).append(")e").append(res);
    b.append(";\n");
  }

  /**
   * Loads the row's elements of every element-level input into registers c<q>[slots] once: slot u
   * holds column {@code 4 (threadIdx.x + (u / 4) blockDim.x) + u % 4} where the rows are laid out
   * for 4-element vector loads (g.vec), else column {@code threadIdx.x + u blockDim.x}.
   */
  private static void cache(StringBuilder b, Program p, boolean[] row, int slots) {
    List<Program.Step> steps = p.steps();
    for (int i = 0; i < steps.size(); i++) {
      if (!(steps.get(i) instanceof Program.Input in) || row[i]) {
        continue;
      }
      int q = in.index();
      String t = FusionCodegen.storage(in.dtype());
      String c = "c" + q;
      String bool = in.dtype() == DType.BOOL ? " != 0" : "";
      b.append("    ").append(FusionCodegen.ctype(in.dtype())).append(' ').append(c);
      b.append('[').append(slots).append("];\n");
      b.append("    if (g.vec) {\n#pragma unroll\n      for (int w = 0; w < ")
          .append(slots / 4)
          .append("; w++) {\n");
      b.append("        i64 j4 = threadIdx.x + (i64)w * blockDim.x;\n");
      b.append("        if (4 * j4 < L) {\n");
      b.append("          V4<")
          .append(t)
          .append("> x = ((const V4<")
          .append(t)
          .append(">*)((const ")
          .append(t)
          .append("*)in")
          .append(q)
          .append(" + o[")
          .append(1 + q)
          .append("]))[j4];\n");
      b.append("#pragma unroll\n          for (int e = 0; e < 4; e++) ")
          .append(c)
          .append("[4 * w + e] = x.v[e]")
          .append(bool)
          .append(";\n        }\n      }\n    } else {\n");
      b.append("#pragma unroll\n      for (int u = 0; u < ").append(slots).append("; u++) {\n");
      b.append("        i64 j = threadIdx.x + (i64)u * blockDim.x;\n");
      b.append("        if (j < L) ").append(c).append("[u] = ").append(load(in, "j"));
      b.append(";\n      }\n    }\n");
    }
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

  /**
   * The element steps {@code target} needs at column j (or slot u of the registers, where {@code
   * cached}), named e<i> (row values are v<i>).
   */
  private static void elementSteps(
      StringBuilder b,
      Program p,
      boolean[] row,
      String[] kept,
      int target,
      String in,
      boolean cached) {
    List<Program.Step> steps = p.steps();
    boolean[] need = needs(p, row, cached ? kept : new String[steps.size()], target);
    for (int i = 0; i <= target; i++) {
      if (need[i] && !row[i]) {
        Program.Step st = steps.get(i);
        String rhs =
            cached && kept[i] != null
                ? kept[i]
                : st instanceof Program.Input x
                    ? load(x, "j")
                    : FusionCodegen.expr(steps, i, a -> (row[a] ? "v" : "e") + a);
        line(b, in, st, "e" + i, rhs);
      }
    }
  }

  /**
   * The element step that fold {@code i} computes and a later fold or the result needs again, and
   * the register array c<q> to keep it in: the latest such step, in an array of its type whose
   * value nothing after the fold needs (softmax keeps exp(x - max) from its sum for the division,
   * instead of a second exp). Null where there is none.
   */
  private static int[] keepAfter(
      Program p, boolean[] row, String[] kept, int[] holder, int i, int res) {
    List<Program.Step> steps = p.steps();
    int arg = ((Program.Reduce) steps.get(i)).arg();
    if (row[arg]) {
      return null;
    }
    boolean[] now = needs(p, row, kept, arg);
    boolean[] again = later(p, row, kept, i, res);
    int x = -1;
    for (int c = 0; c < steps.size(); c++) {
      if (now[c] && !row[c] && kept[c] == null && again[c]) {
        x = c;
      }
    }
    if (x < 0) {
      return null;
    }
    String[] with = kept.clone();
    with[x] = "";
    boolean[] after = later(p, row, with, i, res);
    for (int q = 0; q < holder.length; q++) {
      int h = holder[q];
      if (h >= 0
          && !after[h]
          && FusionCodegen.ctype(steps.get(h).dtype())
              .equals(FusionCodegen.ctype(steps.get(x).dtype()))) {
        return new int[] {x, q};
      }
    }
    return null;
  }

  /** The element steps the folds after fold {@code i} and the result need. */
  private static boolean[] later(Program p, boolean[] row, String[] kept, int i, int res) {
    List<Program.Step> steps = p.steps();
    boolean[] all = new boolean[steps.size()];
    for (int t = i + 1; t < steps.size(); t++) {
      int target =
          steps.get(t) instanceof Program.Reduce r ? r.arg() : t == res && !row[res] ? res : -1;
      if (target >= 0) {
        boolean[] n = needs(p, row, kept, target);
        for (int c = 0; c < n.length; c++) {
          all[c] |= n[c] && !row[c];
        }
      }
    }
    return all;
  }

  /**
   * Folds reduction {@code i} over the row into v<i>, every thread ending with the same value: each
   * thread over its columns (its registers' slots in order where {@code slots} &gt; 0), then the
   * warp by shuffles, then the warps' results in order from shared memory; where {@code keep} is
   * given, it keeps element step keep[0] in register array c<keep[1]> for the steps after it
   * ({@link #keepAfter}).
   */
  private static void fold(
      StringBuilder b,
      Program p,
      boolean[] row,
      String[] kept,
      int i,
      Program.Reduce red,
      int slots,
      int[] keep) {
    List<Program.Step> steps = p.steps();
    Program.Step arg = steps.get(red.arg());
    boolean f = arg.dtype().isFloat();
    // max and min are exact in the operand's own type: a float32 one needs no conversion a value
    // (sums and products accumulate in double)
    boolean narrow =
        NARROW_EXTREMA
            && f
            && (red.op() == ReduceOp.MAX || red.op() == ReduceOp.MIN)
            && FusionCodegen.ctype(arg.dtype()).equals("float");
    String acc = narrow ? "float" : f ? "double" : "i64";
    String inf =
        narrow ? "__int_as_float(0x7f800000)" : "__longlong_as_double(0x7ff0000000000000LL)";
    String init =
        switch (red.op()) {
          case SUM -> "0";
          case PROD -> "1";
          case MAX -> f ? "-" + inf : "(i64)0x8000000000000000ULL";
          default -> f ? inf : "0x7fffffffffffffffLL";
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
    if (slots > 0) {
      b.append("#pragma unroll\n      for (int u = 0; u < ").append(slots).append("; u++) {\n");
      b.append("        if (!((live >> u) & 1u)) continue;\n");
    } else {
      b.append("      for (i64 j = threadIdx.x; j < L; j += blockDim.x) {\n");
    }
    String in = "        ";
    if (!row[red.arg()]) {
      elementSteps(b, p, row, kept, red.arg(), in, slots > 0);
    } // else a value constant along the row, folded once per element as the unfused kernel would
    if (keep != null) {
      b.append(in).append("c").append(keep[1]).append("[u] = e").append(keep[0]).append(";\n");
    }
    b.append(in).append(acc).append(" x = (").append(acc).append(")").append(value).append(";\n");
    b.append(in).append("a = ").append(combine).append(";\n      }\n");
    String sh = f ? "sd" : "sl";
    // a sum, a product, a max and a min give the same value whichever operand comes first, so
    // every lane of a warp ends with the same value
    b.append("      for (int m = 16; m > 0; m >>= 1) { ")
        .append(acc)
        .append(" x = __shfl_xor_sync(0xffffffffu, a, m); a = ")
        .append(combine)
        .append("; }\n");
    b.append("      if (lane == 0) ").append(sh).append("[warp] = a;\n      __syncthreads();\n");
    b.append("      a = ").append(sh).append("[0];\n");
    b.append("      for (int w = 1; w < warps; w++) { ")
        .append(acc)
        .append(" x = ")
        .append(sh)
        .append("[w]; a = ")
        .append(combine)
        .append("; }\n      __syncthreads();\n");
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
   * Whether every row of every element-level input (and of the C-ordered result) starts at a
   * multiple of 4 elements and runs with step 1, L a multiple of 4: the kernel's 4-element vector
   * loads and stores (the pool's blocks start 512-byte aligned).
   */
  private static boolean vectors(Program p, long[] s, long[][] st, View[] inputs) {
    int last = s.length - 1;
    if (slots(p) == 0 || s[last] % 4 != 0) {
      return false;
    }
    boolean[] row = rowLevel(p, s);
    for (int i = 0; i < p.steps().size(); i++) {
      if (p.steps().get(i) instanceof Program.Input in && !row[i]) {
        long[] t = st[1 + in.index()];
        if (t[last] != 1 || inputs[in.index()].offset() % 4 != 0) {
          return false;
        }
        for (int d = 0; d < last; d++) {
          if (t[d] % 4 != 0) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /**
   * {@code struct RGeo}: the rows' shape (S without its last axis), each operand's row strides,
   * offsets and step along the row.
   */
  static byte[] geom(Program p, View out, View[] inputs) {
    long[] s = rowShape(p);
    int k = 1 + inputs.length;
    int nd = s.length - 1;
    long[][] st = new long[k][];
    st[0] = new long[s.length];
    for (int q = 0; q < inputs.length; q++) {
      st[1 + q] = Strided.broadcast(inputs[q], s);
    }
    ByteBuffer b =
        ByteBuffer.allocate(8 + 8 * Geom.MAXD * (1 + k) + 16 * k).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(nd).putInt(vectors(p, s, st, inputs) ? 1 : 0);
    for (int i = 0; i < Geom.MAXD; i++) {
      b.putLong(i < nd ? s[i] : 1);
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
