package io.ndj.cuda;

import io.ndj.DType;
import io.ndj.spi.BinaryOp;
import io.ndj.spi.Program;
import io.ndj.spi.Strided;
import io.ndj.spi.UnaryOp;
import io.ndj.spi.View;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * CUDA C for a fused elementwise {@link Program}: one kernel, {@code ndj_fused}, whose thread per
 * element loads the inputs, computes every step into a register and stores the result once. Each
 * step calls the op functions of ops.cuh that the op's own kernel calls (floats in double, integers
 * in 64 bits, float32 in float where that is the same number, float32 functions through CUDA's
 * float ones) and rounds through its dtype as storing would, so the fused result is the unfused one
 * bit for bit. NVRTC compiles it with {@code --fmad=false}: a multiply and an add of two steps are
 * two roundings, as unfused.
 */
final class FusionCodegen {
  static final String KERNEL = "ndj_fused";

  private FusionCodegen() {}

  /**
   * Whether the generated kernel runs {@code p}: elementwise, no float16 step (its rounding lives
   * in cuda_fp16.h, which NVRTC may not have) and no uint64 step (its order and division are not
   * int64's: those programs run op by op), at most {@link Geom#MAXD} axes, and more than one
   * operation (one is its own kernel's fast path).
   */
  static boolean fits(Program p) {
    long ops = p.steps().stream().filter(s -> !(s instanceof Program.Input)).count();
    return p.isElementwise()
        && ops >= 2
        && p.result().shape().length <= Geom.MAXD
        && p.steps().stream().noneMatch(FusionCodegen::unfused);
  }

  /** A step whose dtype no generated kernel holds: float16 and uint64 (see {@link #fits}). */
  static boolean unfused(Program.Step s) {
    return s.dtype() == DType.FLOAT16 || s.dtype() == DType.UINT64;
  }

  /** The C type a step's value is held in. */
  static String ctype(DType t) {
    return switch (t) {
      case FLOAT64 -> "double";
      case FLOAT32 -> "float";
      case INT64 -> "long long";
      case INT32 -> "int";
      case INT16 -> "short";
      case INT8 -> "signed char";
      case UINT8 -> "unsigned char";
      case UINT16 -> "unsigned short";
      case UINT32 -> "unsigned int";
      case BOOL -> "bool";
      default -> throw new IllegalArgumentException("no fused kernel for " + t);
    };
  }

  /** The C type of an element in memory (bools are bytes). */
  static String storage(DType t) {
    return t == DType.BOOL ? "unsigned char" : ctype(t);
  }

  /** {@code expr} (a double for a float loop, a 64-bit integer else) rounded into dtype r. */
  private static String into(DType r, String expr) {
    return r == DType.BOOL
        ? "((" + expr + ") != 0)"
        : r.isFloat()
            ? "(" + ctype(r) + ")(" + expr + ")"
            : "(" + ctype(r) + ")(i64)(" + expr + ")";
  }

  static String source(Program p) {
    List<Program.Step> steps = p.steps();
    int k = 1 + p.inputs();
    StringBuilder b = new StringBuilder();
    b.append("#define NDJ_NO_HALF\n#include \"ops.cuh\"\n#define MAXD ")
        .append(Geom.MAXD)
        .append('\n');
    b.append(VECTOR);
    b.append("struct Geo { int nd; int flat; i64 shape[MAXD]; i64 st[")
        .append(k)
        .append("][MAXD]; i64 off[")
        .append(k)
        .append("]; };\n");
    b.append("extern \"C\" __global__ void ").append(KERNEL).append("(Geo g, void* out");
    for (int q = 0; q < p.inputs(); q++) {
      b.append(", const void* in").append(q);
    }
    b.append(", i64 n) {\n");
    b.append("  const i64 step = (i64)blockDim.x * gridDim.x;\n");
    b.append("  i64 first = blockIdx.x * (i64)blockDim.x + threadIdx.x;\n");
    DType rt = p.result().dtype();
    String rs = storage(rt);
    String last = "v" + (steps.size() - 1);
    // every operand C-contiguous from an offset that is a multiple of 4 (pool blocks are 512-byte
    // aligned): four elements a thread through 4-element vector loads and one vector store
    b.append("  if (g.flat) {\n");
    b.append("    for (i64 i = first; i < (n >> 2); i += step) {\n");
    for (Program.Step s : steps) {
      if (s instanceof Program.Input in) {
        String t = storage(in.dtype());
        b.append("      V4<")
            .append(t)
            .append("> l")
            .append(in.index())
            .append(" = ((const V4<")
            .append(t)
            .append(">*)((const ")
            .append(t)
            .append("*)in")
            .append(in.index())
            .append(" + g.off[")
            .append(1 + in.index())
            .append("]))[i];\n");
      }
    }
    b.append("      V4<").append(rs).append("> r;\n");
    b.append("#pragma unroll\n      for (int u = 0; u < 4; u++) {\n");
    body(
        b,
        steps,
        in -> "l" + in.index() + ".v[u]" + (in.dtype() == DType.BOOL ? " != 0" : ""),
        "        ");
    b.append("        r.v[u] = (").append(rs).append(")").append(last).append(";\n      }\n");
    b.append("      ((V4<")
        .append(rs)
        .append(">*)((")
        .append(rs)
        .append("*)out + g.off[0]))[i] = r;\n    }\n");
    b.append("    for (i64 i = ((n >> 2) << 2) + first; i < n; i += step) {\n");
    body(
        b,
        steps,
        in -> load(in.dtype(), "in" + in.index(), "g.off[" + (1 + in.index()) + "] + i"),
        "      ");
    b.append("      ((").append(rs).append("*)out)[g.off[0] + i] = (").append(rs).append(")");
    b.append(last).append(";\n    }\n    return;\n  }\n");
    b.append("  for (i64 i = first; i < n; i += step) {\n");
    b.append("    i64 o[").append(k).append("];\n");
    b.append("    if (g.nd == 1) {\n");
    b.append("#pragma unroll\n    for (int q = 0; q < ")
        .append(k)
        .append("; q++) o[q] = g.off[q] + i * g.st[q][0];\n");
    b.append("    } else {\n");
    b.append("#pragma unroll\n    for (int q = 0; q < ")
        .append(k)
        .append("; q++) o[q] = g.off[q];\n");
    b.append("      i64 rest = i;\n");
    b.append("      for (int d = g.nd - 1; d >= 0; d--) {\n");
    b.append("        i64 s = g.shape[d]; i64 c = rest % s; rest /= s;\n");
    b.append("#pragma unroll\n        for (int q = 0; q < ")
        .append(k)
        .append("; q++) o[q] += c * g.st[q][d];\n");
    b.append("      }\n    }\n");
    body(
        b, steps, in -> load(in.dtype(), "in" + in.index(), "o[" + (1 + in.index()) + "]"), "    ");
    b.append("    ((").append(rs).append("*)out)[o[0]] = (").append(rs).append(")").append(last);
    b.append(";\n  }\n}\n");
    return b.toString();
  }

  /** Four elements of one type in one aligned load or store (two 16-byte ones for 8-byte types). */
  static final String VECTOR =
      "template <typename T> struct alignas(4 * sizeof(T)) V4 { T v[4]; };\n";

  /** Every step into a register v<i>, the inputs read by {@code input}. */
  private static void body(
      StringBuilder b,
      List<Program.Step> steps,
      java.util.function.Function<Program.Input, String> input,
      String indent) {
    for (int i = 0; i < steps.size(); i++) {
      Program.Step s = steps.get(i);
      String rhs = s instanceof Program.Input in ? input.apply(in) : expr(steps, i, a -> "v" + a);
      b.append(indent).append(ctype(s.dtype())).append(" v").append(i).append(" = ").append(rhs);
      b.append(";  // ").append(describe(s)).append('\n');
    }
  }

  /**
   * An element of dtype t at element offset {@code at} of input pointer {@code ptr}, as a value.
   */
  static String load(DType t, String ptr, String at) {
    return t == DType.BOOL
        ? "((const unsigned char*)" + ptr + ")[" + at + "] != 0"
        : "((const " + storage(t) + "*)" + ptr + ")[" + at + "]";
  }

  /**
   * The value of elementwise step {@code i} (not an input or a reduction) from its operands'
   * values, named by {@code name}.
   */
  static String expr(List<Program.Step> steps, int i, java.util.function.IntFunction<String> name) {
    Program.Step s = steps.get(i);
    DType r = s.dtype();
    return switch (s) {
      case Program.Unary u -> unary(u.op(), steps.get(u.arg()).dtype(), r, name.apply(u.arg()));
      case Program.Binary bi ->
          binary(bi.op(), steps.get(bi.a()).dtype(), r, name.apply(bi.a()), name.apply(bi.b()));
      case Program.BinaryScalar bs -> {
        DType t = steps.get(bs.a()).dtype();
        String sc = scalar(t, bs.scalar());
        String a = name.apply(bs.a());
        yield bs.scalarFirst() ? binary(bs.op(), t, r, sc, a) : binary(bs.op(), t, r, a, sc);
      }
      case Program.Cast c -> cast(steps.get(c.arg()).dtype(), r, name.apply(c.arg()));
      case Program.Where w ->
          name.apply(w.cond()) + " ? " + name.apply(w.a()) + " : " + name.apply(w.b());
      case Program.Input in ->
          throw new IllegalArgumentException("an input is loaded, not computed");
      case Program.Reduce red -> throw new IllegalArgumentException("a reduction is folded");
    };
  }

  static String describe(Program.Step s) {
    return switch (s) {
      case Program.Input in -> "input " + in.index();
      case Program.Unary u -> u.op().numpyName();
      case Program.Binary bi -> bi.op().numpyName();
      case Program.BinaryScalar bs -> bs.op().numpyName() + " with " + bs.scalar();
      case Program.Cast c -> "astype";
      case Program.Where w -> "where";
      case Program.Reduce r -> "reduce";
    };
  }

  private static String unary(UnaryOp op, DType t, DType r, String x) {
    if (t == DType.FLOAT32) {
      // float32's own functions (ops.cuh's unF), as the float32 kernels compute them
      return into(r, "unF(" + Codes.of(op) + ", " + x + ")");
    }
    if (t.isFloat()) {
      return into(r, "unD(" + Codes.of(op) + ", (double)" + x + ")");
    }
    return into(r, "unL(" + Codes.of(op) + ", (i64)" + x + ")");
  }

  /** The float32 ops whose float result is the double one rounded (ops.cuh's binF). */
  private static boolean exactInFloat(BinaryOp op) {
    return switch (op) {
      case ADD,
          SUBTRACT,
          MULTIPLY,
          DIVIDE,
          MAXIMUM,
          MINIMUM,
          FMAX,
          FMIN,
          EQUAL,
          NOT_EQUAL,
          LESS,
          LESS_EQUAL,
          GREATER,
          GREATER_EQUAL,
          COPYSIGN ->
          true;
      default -> false;
    };
  }

  private static String binary(BinaryOp op, DType t, DType r, String x, String y) {
    if (t == DType.FLOAT32 && exactInFloat(op)) {
      return into(r, "binF(" + Codes.of(op) + ", " + x + ", " + y + ")");
    }
    if (t.isFloat()) {
      return into(
          r,
          "binDT(" + Codes.of(op) + ", " + Codes.of(t) + ", (double)" + x + ", (double)" + y + ")");
    }
    return into(r, "binL(" + Codes.of(op) + ", (i64)" + x + ", (i64)" + y + ")");
  }

  /** A scalar in the loop dtype, written exactly (a double by its bits). */
  private static String scalar(DType t, Number s) {
    if (t == DType.FLOAT32) {
      // already a float32 value (Scalars.toLoop rounded it)
      return "__int_as_float(0x"
          + Integer.toHexString(Float.floatToRawIntBits(s.floatValue()))
          + ")";
    }
    if (t.isFloat()) {
      return "__longlong_as_double(0x"
          + Long.toHexString(Double.doubleToRawLongBits(s.doubleValue()))
          + "ULL)";
    }
    return "(i64)0x" + Long.toHexString(s.longValue()) + "ULL";
  }

  /** k_copy's conversion from dtype t to r. */
  private static String cast(DType t, DType r, String x) {
    if (r == DType.BOOL) {
      return t.isFloat() ? "(" + x + " != 0)" : "((i64)" + x + " != 0)";
    }
    if (t.isFloat() && r.isFloat()) {
      return "(" + ctype(r) + ")" + x;
    }
    return "(" + ctype(r) + ")(i64)" + x;
  }

  /**
   * Whether every operand runs through the elements in order from an offset that is a multiple of 4
   * elements: the kernel's vector path (the pool's blocks start 512-byte aligned).
   */
  private static boolean flat(Strided.Layout l, long[] offsets) {
    if (l.shape().length > 1) {
      return false;
    }
    for (int q = 0; q < offsets.length; q++) {
      boolean unit = l.shape().length == 0 || l.strides()[q][0] == 1;
      if (!unit || offsets[q] % 4 != 0) {
        return false;
      }
    }
    return true;
  }

  /** {@code struct Geo}: the result's shape, and out's and each input's strides and offsets. */
  static byte[] geom(View out, View[] inputs) {
    long[] shape = out.shape();
    int k = 1 + inputs.length;
    long[][] strides = new long[k][];
    long[] offsets = new long[k];
    strides[0] = out.strides();
    offsets[0] = out.offset();
    for (int q = 0; q < inputs.length; q++) {
      strides[1 + q] = Strided.broadcast(inputs[q], shape);
      offsets[1 + q] = inputs[q].offset();
    }
    Strided.Layout l = Strided.coalesce(shape, strides);
    ByteBuffer b =
        ByteBuffer.allocate(8 + 8 * Geom.MAXD * (1 + k) + 8 * k).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(l.shape().length).putInt(flat(l, offsets) ? 1 : 0);
    for (int i = 0; i < Geom.MAXD; i++) {
      b.putLong(i < l.shape().length ? l.shape()[i] : 1);
    }
    for (int q = 0; q < k; q++) {
      for (int i = 0; i < Geom.MAXD; i++) {
        b.putLong(i < l.shape().length ? l.strides()[q][i] : 0);
      }
    }
    for (long o : offsets) {
      b.putLong(o);
    }
    return b.array();
  }
}
