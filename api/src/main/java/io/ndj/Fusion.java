package io.ndj;

import io.ndj.spi.Kernels;
import io.ndj.spi.Program;
import io.ndj.spi.View;
import java.lang.ref.Reference;

/** Runs a traced {@link Program}: fused where the backend can, else step by step. */
final class Fusion {
  private Fusion() {}

  static NdArray run(Program p, NdArray[] inputs) {
    Backend backend = inputs[0].backend();
    Kernels k = backend.kernels();
    Program.Step result = p.result();
    if (result instanceof Program.Input in) {
      return inputs[in.index()].copy();
    }
    if (k.runsFused(p)) {
      NdArray out = NdArray.allocate(backend, result.dtype(), result.shape());
      try {
        View[] views = new View[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
          views[i] = inputs[i].spi();
        }
        k.fused(p, out.spi(), views);
        Reference.reachabilityFence(inputs);
      } catch (RuntimeException e) {
        out.close();
        throw e;
      }
      return out;
    }
    return stepByStep(p, inputs);
  }

  /**
   * The program's steps one at a time through the backend's kernels: what the same NdArray calls
   * compute. Intermediates are closed as soon as no later step reads them.
   */
  static NdArray stepByStep(Program p, NdArray[] inputs) {
    int n = p.steps().size();
    int[] lastUse = new int[n];
    for (int i = 0; i < n; i++) {
      for (int arg : Program.operands(p.steps().get(i))) {
        lastUse[arg] = i;
      }
    }
    NdArray[] v = new NdArray[n];
    Backend backend = inputs[0].backend();
    try {
      for (int i = 0; i < n; i++) {
        v[i] = step(backend, p.steps().get(i), v, inputs);
        for (int arg : Program.operands(p.steps().get(i))) {
          if (lastUse[arg] == i && !(p.steps().get(arg) instanceof Program.Input)) {
            v[arg].close();
            v[arg] = null;
          }
        }
      }
      NdArray r = v[n - 1];
      v[n - 1] = null;
      return r;
    } finally {
      for (int i = 0; i < n; i++) {
        if (v[i] != null && !(p.steps().get(i) instanceof Program.Input)) {
          v[i].close();
        }
      }
    }
  }

  private static NdArray step(Backend be, Program.Step s, NdArray[] v, NdArray[] inputs) {
    Kernel k = new Kernel(be);
    return switch (s) {
      case Program.Input in -> inputs[in.index()];
      case Program.Unary u ->
          NdArray.compute(be, u.dtype(), u.shape(), o -> k.unary(u.op(), o, v[u.arg()]));
      case Program.Binary b ->
          NdArray.compute(be, b.dtype(), b.shape(), o -> k.binary(b.op(), o, v[b.a()], v[b.b()]));
      case Program.BinaryScalar b ->
          NdArray.compute(
              be,
              b.dtype(),
              b.shape(),
              o -> k.binaryScalar(b.op(), o, v[b.a()], b.scalar(), b.scalarFirst()));
      case Program.Cast c -> v[c.arg()].astype(c.dtype());
      case Program.Where w ->
          NdArray.compute(
              be, w.dtype(), w.shape(), o -> k.where(o, v[w.cond()], v[w.a()], v[w.b()]));
      case Program.Reduce r ->
          Reductions.reduce(r.op(), v[r.arg()], r.axes(), r.keepdims(), r.dtype());
    };
  }
}
