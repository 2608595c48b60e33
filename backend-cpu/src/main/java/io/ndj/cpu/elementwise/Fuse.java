package io.ndj.cpu.elementwise;

import io.ndj.cpu.Loop;
import io.ndj.cpu.Workers;
import io.ndj.spi.Buffer;
import io.ndj.spi.Kernels;
import io.ndj.spi.Program;
import io.ndj.spi.Strided;
import io.ndj.spi.View;
import java.util.List;

/**
 * Fused elementwise programs on the cpu: the output is cut into blocks of about {@link #BLOCK}
 * elements, and every step of the program runs over one block (through this backend's own kernels,
 * so each result is bit for bit the unfused one) before the next block starts. Intermediates live
 * in block-sized scratch buffers that stay in the core's cache instead of whole arrays in memory;
 * blocks are spread over the cores.
 */
public final class Fuse {
  /** Elements per block: a few scratch blocks of float64 fit a 256 KiB L2 cache. */
  public static final long BLOCK = 16384;

  private Fuse() {}

  /**
   * Elementwise programs of at least two operations (one is a plain kernel call already), and
   * programs of row reductions ({@link #rowsFit}).
   */
  public static boolean runs(Program p) {
    return p.isElementwise() ? p.steps().size() - p.inputs() >= 2 : rowsFit(p);
  }

  public static void run(Kernels k, Program p, View out, View[] inputs) {
    if (!p.isElementwise()) {
      Rows.run(k, p, out, inputs);
      return;
    }
    long[] s = out.shape();
    long n = out.size();
    if (n == 0) {
      return;
    }
    int nd = s.length;
    // the inputs the program reads, seen as the result's shape (an unused one need not fit it)
    View[] full = new View[inputs.length];
    for (Program.Step st : p.steps()) {
      if (st instanceof Program.Input x) {
        full[x.index()] = broadcast(inputs[x.index()], s);
      }
    }
    if (Chunks.fits(p, out, full)) {
      Chunks.run(p, out, full);
      return;
    }
    if (nd == 0) {
      runBlock(k, p, out, full, new View[p.steps().size()], scratch(k, p, 1));
      return;
    }
    blocks(
        k,
        s,
        nd - 1,
        BLOCK,
        elems -> scratch(k, p, elems),
        (ax, o, c0, c1, scratch) -> {
          View[] in = new View[full.length];
          for (int i = 0; i < full.length; i++) {
            in[i] = full[i] == null ? null : slice(full[i], ax, o, c0, c1);
          }
          runBlock(k, p, slice(out, ax, o, c0, c1), in, new View[p.steps().size()], scratch);
        });
  }

  /** One block's work: elements c0 to c1 along {@code axis} at outer multi-index {@code o}. */
  interface Block {
    void run(int axis, long o, long c0, long c1, Buffer[] scratch);
  }

  /**
   * Cuts shape s (at least one axis) into blocks of about {@code size} elements along the first
   * axis, at most {@code maxAxis}, whose trailing axes hold at most that many (those stay whole),
   * and runs them on all cores, each worker with its own scratch buffers ({@code scratch} of the
   * block's element count, freed at the end).
   */
  static void blocks(
      Kernels k,
      long[] s,
      int maxAxis,
      long size,
      java.util.function.LongFunction<Buffer[]> scratch,
      Block body) {
    long n = 1;
    for (long d : s) {
      n *= d;
    }
    int axis = 0;
    long inner = n / s[0];
    while (axis < maxAxis && inner > size) {
      axis++;
      inner /= s[axis];
    }
    long chunk = Math.max(1, size / Math.max(1, inner));
    long perOuter = (s[axis] + chunk - 1) / chunk;
    long outer = 1;
    for (int i = 0; i < axis; i++) {
      outer *= s[i];
    }
    long blocks = outer * perOuter;
    final int ax = axis;
    final long blockElems = chunk * inner;
    int parts = (int) Math.max(1, Math.min(Loop.CORES, blocks / 4));
    Workers.run(
        parts,
        part -> {
          Buffer[] buffers = scratch.apply(blockElems);
          try {
            for (long b = blocks * part / parts; b < blocks * (part + 1) / parts; b++) {
              long o = b / perOuter;
              long c0 = (b % perOuter) * chunk;
              body.run(ax, o, c0, Math.min(s[ax], c0 + chunk), buffers);
            }
          } finally {
            // steps share buffers: each is freed once
            java.util.Set<Buffer> distinct =
                java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            for (Buffer buf : buffers) {
              if (buf != null && distinct.add(buf)) {
                k.free(buf);
              }
            }
          }
        });
  }

  /** One scratch buffer per intermediate step (none for inputs and the result). */
  private static Buffer[] scratch(Kernels k, Program p, long elems) {
    return shared(k, p, i -> elems);
  }

  /**
   * A scratch buffer per intermediate step (none for inputs and the result) of {@code elems(i)}
   * elements, steps sharing buffers where their values do not live at once: a step takes a buffer
   * of its dtype and size that every earlier holder is done with (their last reader came before
   * it), so a block's working set is the few values alive together, not every step's.
   */
  static Buffer[] shared(Kernels k, Program p, java.util.function.IntToLongFunction elems) {
    List<Program.Step> steps = p.steps();
    int n = steps.size();
    int[] lastUse = new int[n];
    for (int i = 0; i < n; i++) {
      for (int a : Program.operands(steps.get(i))) {
        lastUse[a] = i;
      }
    }
    Buffer[] b = new Buffer[n];
    java.util.Map<String, java.util.ArrayDeque<Buffer>> free = new java.util.HashMap<>();
    String[] key = new String[n];
    for (int i = 0; i < n - 1; i++) {
      Program.Step st = steps.get(i);
      if (!(st instanceof Program.Input)) {
        key[i] = st.dtype() + "/" + elems.applyAsLong(i);
        Buffer reused = free.getOrDefault(key[i], new java.util.ArrayDeque<>()).poll();
        b[i] =
            reused != null
                ? reused
                : k.allocate(elems.applyAsLong(i) * st.dtype().itemsize(), st.dtype());
      }
      for (int a : Program.operands(st)) {
        if (lastUse[a] == i && b[a] != null) {
          free.computeIfAbsent(key[a], x -> new java.util.ArrayDeque<>()).push(b[a]);
        }
      }
    }
    return b;
  }

  /** Every step over one block: {@code out} is the result's block, {@code in} the inputs'. */
  private static void runBlock(
      Kernels k, Program p, View out, View[] in, View[] v, Buffer[] scratch) {
    List<Program.Step> steps = p.steps();
    long[] shape = out.shape();
    long[] strides = contiguous(shape);
    for (int i = 0; i < steps.size(); i++) {
      Program.Step st = steps.get(i);
      View dst = i == steps.size() - 1 ? out : new View(scratch[i], st.dtype(), shape, strides, 0);
      switch (st) {
        case Program.Input x -> {
          v[i] = in[x.index()];
          continue;
        }
        case Program.Unary u -> k.unary(u.op(), dst, v[u.arg()]);
        case Program.Binary b -> k.binary(b.op(), dst, v[b.a()], v[b.b()]);
        case Program.BinaryScalar b ->
            k.binaryScalar(b.op(), dst, v[b.a()], b.scalar(), b.scalarFirst());
        case Program.Cast c -> k.copy(dst, v[c.arg()]);
        case Program.Where w -> k.where(dst, v[w.cond()], v[w.a()], v[w.b()]);
        case Program.Reduce r -> throw new IllegalStateException("not elementwise: " + p);
      }
      v[i] = dst;
    }
  }

  /**
   * Row reductions ({@link Program#reducesRows()}) over at least two axes, none of length 0, whose
   * row-level steps hold one value a row: shaped S with the last axis 1 (or 0-d), or S without its
   * last axis where every operand is so shaped too (a row norm's tail).
   */
  static boolean rowsFit(Program p) {
    if (!p.reducesRows()) {
      return false;
    }
    long[] s = p.rowShape();
    if (s.length < 2 || java.util.Arrays.stream(s).anyMatch(d -> d == 0)) {
      return false;
    }
    long[] kept = s.clone();
    kept[s.length - 1] = 1;
    long[] dropped = java.util.Arrays.copyOf(s, s.length - 1);
    boolean[] row = p.rowLevel(s);
    List<Program.Step> steps = p.steps();
    for (int i = 0; i < steps.size(); i++) {
      Program.Step st = steps.get(i);
      if (!row[i] || st instanceof Program.Input || st instanceof Program.Reduce) {
        continue;
      }
      long[] sh = st.shape();
      for (int a : Program.operands(st)) {
        long[] as = steps.get(a).shape();
        boolean ok =
            as.length == 0
                || java.util.Arrays.equals(as, sh)
                || (java.util.Arrays.equals(sh, kept) && steps.get(a) instanceof Program.Input);
        if (!ok) {
          return false;
        }
      }
      if (!(sh.length == 0
          || java.util.Arrays.equals(sh, kept)
          || java.util.Arrays.equals(sh, dropped))) {
        return false;
      }
    }
    return true;
  }

  static long[] contiguous(long[] shape) {
    long[] st = new long[shape.length];
    long acc = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      st[i] = acc;
      acc *= shape[i];
    }
    return st;
  }

  /** {@code v} seen as {@code shape} (NumPy's broadcasting). */
  static View broadcast(View v, long[] shape) {
    return new View(v.buffer(), v.dtype(), shape, Strided.broadcast(v, shape), v.offset());
  }

  /**
   * Block {@code (o, [c0, c1))} of a full-shape view: outer multi-index {@code o} over the axes
   * before {@code axis}, elements c0 to c1 along it, every trailing axis whole.
   */
  static View slice(View v, int axis, long o, long c0, long c1) {
    long[] s = v.shape();
    long[] st = v.strides();
    long off = v.offset() + c0 * st[axis];
    for (int i = axis - 1; i >= 0; i--) {
      off += (o % s[i]) * st[i];
      o /= s[i];
    }
    long[] shape = new long[s.length - axis];
    long[] strides = new long[s.length - axis];
    shape[0] = c1 - c0;
    strides[0] = st[axis];
    System.arraycopy(s, axis + 1, shape, 1, s.length - axis - 1);
    System.arraycopy(st, axis + 1, strides, 1, s.length - axis - 1);
    return new View(v.buffer(), v.dtype(), shape, strides, off);
  }
}
