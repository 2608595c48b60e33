package io.ndj.cuda;

import io.ndj.cuda.driver.CudaException;
import io.ndj.cuda.driver.Driver;
import io.ndj.cuda.driver.Nvrtc;
import io.ndj.spi.Program;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import jcuda.driver.CUfunction;

/**
 * Compiles fused programs with NVRTC, once per generated source (an in-memory cache of at most
 * {@link #LIMIT} kernels), for this device's architecture. Without NVRTC, or where a program does
 * not compile, fusion on cuda runs op by op and {@link #status()} says why.
 */
final class FusionCompiler {
  private static final int LIMIT = 256;

  private final Driver driver;
  private final String arch;
  private final Map<String, Optional<CUfunction>> kernels = new ConcurrentHashMap<>();
  private volatile Nvrtc nvrtc;
  private volatile String status = "not loaded yet (loaded by the first fused call)";
  private volatile boolean loaded;
  private String ops;

  FusionCompiler(Driver driver, String computeCapability) {
    this.driver = driver;
    this.arch = "sm_" + computeCapability.replace(".", "");
  }

  /** NVRTC's library and version, or why fused programs run op by op. */
  String status() {
    return status;
  }

  /** The kernel for {@code p}, compiled now if it was not yet; empty where it cannot be. */
  Optional<CUfunction> kernel(Program p) {
    if (!load()) {
      return Optional.empty();
    }
    String source = FusionCodegen.source(p);
    Optional<CUfunction> f = kernels.get(source);
    if (f != null) {
      return f;
    }
    synchronized (this) {
      f = kernels.get(source);
      if (f == null) {
        f = compile(source);
        if (kernels.size() >= LIMIT) {
          kernels.clear();
        }
        kernels.put(source, f);
      }
    }
    return f;
  }

  private Optional<CUfunction> compile(String source) {
    try {
      byte[] cubin =
          nvrtc.compile(
              source,
              "ndj_fused.cu",
              new String[][] {{"ops.cuh", ops}},
              "--gpu-architecture=" + arch,
              "--fmad=false");
      return Optional.of(driver.loadFunction(cubin, FusionCodegen.KERNEL));
    } catch (CudaException e) {
      status = nvrtc.describe() + "; the last program that did not compile ran op by op: " + e;
      return Optional.empty();
    }
  }

  private synchronized boolean load() {
    if (loaded) {
      return nvrtc != null;
    }
    loaded = true;
    try (InputStream in = FusionCompiler.class.getResourceAsStream("/io/ndj/cuda/ops.cuh")) {
      if (in == null) {
        status = "this jar has no ops.cuh: fused programs run op by op";
        return false;
      }
      ops = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      status = "cannot read ops.cuh (" + e.getMessage() + "): fused programs run op by op";
      return false;
    }
    List<String> whyNot = new ArrayList<>();
    nvrtc = Nvrtc.load(whyNot);
    status =
        nvrtc != null
            ? nvrtc.describe() + ", kernels for " + arch
            : "no NVRTC (" + String.join("; ", whyNot) + "): fused programs run op by op";
    return nvrtc != null;
  }
}
