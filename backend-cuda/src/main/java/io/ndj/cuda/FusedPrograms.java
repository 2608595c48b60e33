package io.ndj.cuda;

import io.ndj.cuda.driver.Driver;
import io.ndj.cuda.driver.Function;
import io.ndj.spi.Program;
import io.ndj.spi.View;

/**
 * Fused programs: one kernel per program, generated (FusionCodegen, FusionRows) and compiled by
 * NVRTC once.
 */
final class FusedPrograms extends Launch {
  private final FusionCompiler fusion;

  FusedPrograms(Launch launch) {
    super(launch);
    fusion = new FusionCompiler(driver, driver.computeCapability());
  }

  boolean runsFused(Program program) {
    return fusedKernel(program).isPresent();
  }

  /**
   * The generated kernel for {@code program}: elementwise (FusionCodegen) or with reductions along
   * rows (FusionRows); empty where neither fits or NVRTC cannot compile it.
   */
  private java.util.Optional<Function> fusedKernel(Program program) {
    // api's Fused hands the same Program object to every call of a traced function and shape: find
    // its kernel by identity, without generating and hashing its CUDA source again (twice a call)
    java.util.Optional<Function> known = byProgram.get(program);
    if (known != null) {
      return known;
    }
    String[] source = source(program);
    java.util.Optional<Function> f =
        source == null ? java.util.Optional.empty() : fusion.kernel(source[0], source[1]);
    if (f.isEmpty() && source != null && fusion.compiling(source[0])) {
      return f; // this call runs op by op; a later one asks again
    }
    synchronized (byProgram) {
      if (byProgram.size() >= 256) {
        byProgram.clear();
      }
      byProgram.put(program, f);
    }
    return f;
  }

  /** Kernels by Program object (identity), a bounded cache in front of the compiler's. */
  private final java.util.Map<Program, java.util.Optional<Function>> byProgram =
      java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

  /** The program's generated CUDA source and kernel name; null where no generator fits it. */
  private static String[] source(Program program) {
    if (FusionCodegen.fits(program)) {
      return new String[] {FusionCodegen.source(program), FusionCodegen.KERNEL};
    }
    if (FusionRows.fits(program)) {
      return new String[] {FusionRows.source(program), FusionRows.KERNEL};
    }
    return null;
  }

  /** One launch of the program's generated kernel, compiled by NVRTC once. */
  void fused(Program program, View out, View[] inputs) {
    if (out.size() == 0) {
      return;
    }
    Function f =
        fusedKernel(program)
            .orElseThrow(() -> new IllegalStateException("no fused kernel: " + fusion.status()));
    Object[] args = new Object[program.inputs() + 4];
    boolean rows = !FusionCodegen.fits(program);
    long[] s = rows ? FusionRows.rowShape(program) : null;
    args[0] = rows ? FusionRows.geom(program, out, inputs) : FusionCodegen.geom(out, inputs);
    args[1] = ptr(out);
    for (int q = 0; q < inputs.length; q++) {
      args[2 + q] = ptr(inputs[q]);
    }
    driver.makeCurrent();
    if (rows) {
      long len = s[s.length - 1];
      long count = 1;
      for (int d = 0; d < s.length - 1; d++) {
        count *= s[d];
      }
      args[2 + inputs.length] = count;
      args[3 + inputs.length] = len;
      int blocks = (int) Math.max(1, Math.min(maxBlocks, count));
      driver.launch(f, blocks, FusionRows.threads(program), Driver.args(args));
    } else {
      long n = out.size();
      args[2 + inputs.length] = n;
      Object[] a = java.util.Arrays.copyOf(args, 3 + inputs.length);
      int blocks = (int) Math.max(1, Math.min(maxBlocks, (n + THREADS - 1) / THREADS));
      driver.launch(f, blocks, THREADS, Driver.args(a));
    }
  }

  /** Where fused programs compile (NVRTC's library and version), or why they run op by op. */
  String fusionStatus() {
    return fusion.status();
  }

  /** Loads NVRTC now (as a first fused call would) and says where fused programs compile. */
  String fusion() {
    fusion.ready();
    return "elementwise and row-reduction programs as one generated kernel each: "
        + fusion.status();
  }

  FusionCompiler fusionCompiler() {
    return fusion;
  }
}
