package io.ndj.cpu.elementwise;

import io.ndj.DType;
import io.ndj.spi.Buffer;
import io.ndj.spi.Kernels;
import io.ndj.spi.Program;
import io.ndj.spi.ReduceOp;
import io.ndj.spi.View;
import java.util.List;

/**
 * Programs of row reductions on the cpu (softmax, layernorm, row norms: {@link Fuse#rowsFit}):
 * blocks of whole rows, every step over a block through this backend's own kernels, so each row
 * gets what the unfused steps give it bit for bit, while a block's intermediates stay in the core's
 * cache. Values constant along a row are held one per row (S's shape with the last axis 1) and read
 * along the row with a step of 0; reductions run as {@code io.ndj}'s do (the operand cast to the
 * loop dtype first where it differs).
 */
final class Rows {
  /**
   * Elements per block: several rows a block, so that each kernel call has work enough to hide its
   * set-up (softmax over 3162 x 3162 float32: 12.3 ms with a row a block, 10.0 with five).
   */
  static final long BLOCK = 16384;

  private Rows() {}

  static void run(Kernels k, Program p, View out, View[] inputs) {
    long[] s = p.rowShape();
    int nd = s.length;
    long[] kept = s.clone();
    kept[nd - 1] = 1;
    boolean[] row = p.rowLevel(s);
    List<Program.Step> steps = p.steps();
    int res = steps.size() - 1;
    View[] full = new View[inputs.length];
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i) instanceof Program.Input x) {
        full[x.index()] = Fuse.broadcast(inputs[x.index()], row[i] ? kept : s);
      }
    }
    View whole =
        row[res] && out.shape().length < nd
            ? new View(
                out.buffer(),
                out.dtype(),
                kept,
                java.util.Arrays.copyOf(out.strides(), nd), // the dropped axis read with step 0
                out.offset())
            : out;
    long length = s[nd - 1];
    Fuse.blocks(
        k,
        s,
        nd - 2,
        BLOCK,
        elems -> scratch(k, p, row, elems, length),
        (ax, o, c0, c1, scratch) -> {
          View[] in = new View[full.length];
          for (int i = 0; i < full.length; i++) {
            in[i] = full[i] == null ? null : Fuse.slice(full[i], ax, o, c0, c1);
          }
          runBlock(k, p, row, Fuse.slice(whole, ax, o, c0, c1), in, scratch);
        });
  }

  /**
   * Scratch per intermediate step (a block's elements, or one per row for a row value; shared as
   * {@link Fuse#shared} shares them) and, after them, per reduction whose operand must be cast
   * first (a block's elements of the loop dtype).
   */
  private static Buffer[] scratch(Kernels k, Program p, boolean[] row, long elems, long length) {
    List<Program.Step> steps = p.steps();
    int n = steps.size();
    Buffer[] shared = Fuse.shared(k, p, i -> row[i] ? elems / length : elems);
    Buffer[] b = java.util.Arrays.copyOf(shared, 2 * n);
    for (int i = 0; i < n; i++) {
      if (steps.get(i) instanceof Program.Reduce r) {
        DType loop = loopDtype(r, steps.get(r.arg()).dtype());
        if (loop != steps.get(r.arg()).dtype()) {
          b[n + i] = k.allocate(elems * loop.itemsize(), loop);
        }
      }
    }
    return b;
  }

  /** The dtype io.ndj's reductions hand the kernel: the operand's, or the result's for a cast. */
  private static DType loopDtype(Program.Reduce r, DType in) {
    boolean sum = r.op() == ReduceOp.SUM || r.op() == ReduceOp.PROD;
    return sum && !(r.dtype() == DType.INT64 && !in.isFloat()) ? r.dtype() : in;
  }

  private static void runBlock(
      Kernels k, Program p, boolean[] row, View out, View[] in, Buffer[] scratch) {
    List<Program.Step> steps = p.steps();
    int n = steps.size();
    // the block's shape: out's (S's or, for a row value, S's with the last axis 1) with whole rows
    long[] s = p.rowShape();
    long[] element = out.shape().clone();
    element[element.length - 1] = s[s.length - 1];
    long[] perRow = element.clone();
    perRow[perRow.length - 1] = 1;
    View[] v = new View[n];
    for (int i = 0; i < n; i++) {
      Program.Step st = steps.get(i);
      if (st instanceof Program.Input x) {
        v[i] = in[x.index()];
        continue;
      }
      boolean rowStep = row[i];
      long[] shape = rowStep ? perRow : element;
      View dst =
          i == n - 1 ? out : new View(scratch[i], st.dtype(), shape, Fuse.contiguous(shape), 0);
      java.util.function.IntFunction<View> arg = a -> rowStep ? v[a] : along(v[a], row[a], element);
      switch (st) {
        case Program.Unary u -> k.unary(u.op(), dst, arg.apply(u.arg()));
        case Program.Binary b -> k.binary(b.op(), dst, arg.apply(b.a()), arg.apply(b.b()));
        case Program.BinaryScalar b ->
            k.binaryScalar(b.op(), dst, arg.apply(b.a()), b.scalar(), b.scalarFirst());
        case Program.Cast c -> k.copy(dst, arg.apply(c.arg()));
        case Program.Where w ->
            k.where(dst, arg.apply(w.cond()), arg.apply(w.a()), arg.apply(w.b()));
        case Program.Reduce r -> {
          View src = along(v[r.arg()], row[r.arg()], element);
          DType loop = loopDtype(r, src.dtype());
          if (loop != src.dtype()) {
            View cast = new View(scratch[n + i], loop, element, Fuse.contiguous(element), 0);
            k.copy(cast, src);
            src = cast;
          }
          k.reduce(r.op(), dst, src, new int[] {element.length - 1});
        }
        case Program.Input x -> throw new IllegalStateException("inputs are read, not run");
      }
      v[i] = dst;
    }
  }

  /** A value as the block's element shape: a row value read along its row with a step of 0. */
  private static View along(View v, boolean perRow, long[] element) {
    if (!perRow) {
      return v;
    }
    long[] strides = v.strides().clone();
    strides[strides.length - 1] = 0;
    return new View(v.buffer(), v.dtype(), element, strides, v.offset());
  }
}
