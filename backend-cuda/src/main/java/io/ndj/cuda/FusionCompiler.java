package io.ndj.cuda;

import io.ndj.cuda.driver.CudaException;
import io.ndj.cuda.driver.Driver;
import io.ndj.cuda.driver.Function;
import io.ndj.cuda.driver.Nvrtc;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiles fused programs with NVRTC, once per generated source (an in-memory cache of at most
 * {@link #LIMIT} kernels), for this device's architecture, and keeps each cubin on disk keyed by
 * the source, the architecture, NVRTC's version and the driver's ({@code ndj.cuda.kernelCache}, by
 * default {@code $XDG_CACHE_HOME/ndj/cuda-kernels} or {@code ~/.cache/ndj/cuda-kernels}; "none"
 * turns it off), so a later process loads instead of compiling. Without NVRTC, or where a program
 * does not compile, fusion on cuda runs op by op and {@link #status()} says why.
 */
final class FusionCompiler {
  private static final int LIMIT = 256;

  private final Driver driver;
  private final String arch;
  private final Map<String, Optional<Function>> kernels = new ConcurrentHashMap<>();
  private volatile Nvrtc nvrtc;
  private volatile String status = "not loaded yet (loaded by the first fused call)";
  private volatile boolean loaded;
  private String ops;
  private final java.nio.file.Path disk;
  private final java.util.concurrent.atomic.AtomicInteger compiled =
      new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.concurrent.atomic.AtomicInteger fromDisk =
      new java.util.concurrent.atomic.AtomicInteger();
  private volatile long lastCompileMillis = -1;

  FusionCompiler(Driver driver, String computeCapability) {
    this.driver = driver;
    this.arch = "sm_" + computeCapability.replace(".", "");
    this.disk = cacheDir();
  }

  private static java.nio.file.Path cacheDir() {
    String p = System.getProperty("ndj.cuda.kernelCache");
    if ("none".equals(p)) {
      return null;
    }
    if (p != null && !p.isBlank()) {
      return java.nio.file.Path.of(p);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    java.nio.file.Path base =
        xdg != null && !xdg.isBlank()
            ? java.nio.file.Path.of(xdg)
            : java.nio.file.Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("ndj").resolve("cuda-kernels");
  }

  /** Kernels compiled by this process. */
  int compiled() {
    return compiled.get();
  }

  /** Kernels this process loaded from the disk cache instead of compiling. */
  int loadedFromDisk() {
    return fromDisk.get();
  }

  /**
   * NVRTC's library and version, kernels compiled and loaded from disk, the last compile's time; or
   * why fused programs run op by op.
   */
  String status() {
    return status
        + (loaded && nvrtc != null
            ? "; "
                + compiled.get()
                + " compiled"
                + (compiled.get() > 0 ? " (the last in " + lastCompileMillis + " ms)" : "")
                + ", "
                + fromDisk.get()
                + " loaded from "
                + (disk == null ? "no disk cache" : disk.toString())
            : "");
  }

  /** Loads NVRTC if it was not yet: whether fused programs can compile here. */
  boolean ready() {
    return load();
  }

  /**
   * Kernel {@code name} of {@code source}, compiled now if it was not yet; empty where it cannot
   * be.
   */
  Optional<Function> kernel(String source, String name) {
    if (!load()) {
      return Optional.empty();
    }
    Optional<Function> f = kernels.get(source);
    if (f != null) {
      return f;
    }
    synchronized (this) {
      f = kernels.get(source);
      if (f == null) {
        f = compile(source, name);
        if (kernels.size() >= LIMIT) {
          kernels.clear();
        }
        kernels.put(source, f);
      }
    }
    return f;
  }

  private Optional<Function> compile(String source, String name) {
    java.nio.file.Path file = disk == null ? null : disk.resolve(key(source) + ".cubin");
    if (file != null && java.nio.file.Files.isRegularFile(file)) {
      try {
        Function f = driver.loadFunction(java.nio.file.Files.readAllBytes(file), name);
        fromDisk.incrementAndGet();
        return Optional.of(f);
      } catch (IOException | CudaException e) {
        // unreadable or from another driver: compile it again, below, and replace it
      }
    }
    try {
      long t0 = System.nanoTime();
      byte[] cubin =
          nvrtc.compile(
              source,
              "ndj_fused.cu",
              new String[][] {{"ops.cuh", ops}},
              "--gpu-architecture=" + arch,
              "--fmad=false");
      lastCompileMillis = (System.nanoTime() - t0) / 1_000_000;
      compiled.incrementAndGet();
      Function f = driver.loadFunction(cubin, name);
      if (file != null) {
        store(file, cubin);
      }
      return Optional.of(f);
    } catch (CudaException e) {
      status = nvrtc.describe() + "; the last program that did not compile ran op by op: " + e;
      return Optional.empty();
    }
  }

  /** Writes a cubin whole or not at all (another process may read the folder meanwhile). */
  private static void store(java.nio.file.Path file, byte[] cubin) {
    try {
      java.nio.file.Files.createDirectories(file.getParent());
      java.nio.file.Path tmp = java.nio.file.Files.createTempFile(file.getParent(), "ndj", ".tmp");
      java.nio.file.Files.write(tmp, cubin);
      java.nio.file.Files.move(
          tmp,
          file,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      // a cache that cannot be written only costs the next process a compile
    }
  }

  /** The cache key: the source, the architecture, NVRTC's version and the driver's. */
  private String key(String source) {
    try {
      java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-256");
      d.update(
          (source + "\n" + arch + "\n" + nvrtc.describe() + "\n" + driver.driverVersion())
              .getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(d.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
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
