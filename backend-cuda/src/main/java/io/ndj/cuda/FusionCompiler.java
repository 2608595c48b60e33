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
  private final Map<String, java.util.concurrent.CompletableFuture<Image>> pending =
      new ConcurrentHashMap<>();
  private volatile Nvrtc nvrtc;
  private volatile String status = "not loaded yet (loaded by the first fused call)";
  private volatile boolean loaded;

  /** The headers generated kernels include ({@link #HEADERS}: name, text), read by load(). */
  private volatile String[][] headers;

  /** The headers the generated kernels include, which the jar carries beside the fatbin. */
  static final String[] HEADERS = {"ops.cuh"};

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
    if (!waits()) {
      // NVRTC's libraries take tens of ms to open: open them now, off the caller's thread, so that
      // a first fused call does not wait for them
      COMPILER.execute(this::load);
    }
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
   * Kernel {@code name} of {@code source}: from memory, from the disk cache, or compiled. Empty
   * where it cannot be compiled, and, in the background mode ({@link #waits()} false), while the
   * compiler's thread looks for it on disk or compiles it ({@link #compiling} says which): the
   * caller runs that call op by op.
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
      if (f != null) {
        return f;
      }
      java.util.concurrent.CompletableFuture<Image> job = pending.get(source);
      if (job == null && !waits()) {
        pending.put(
            source,
            java.util.concurrent.CompletableFuture.supplyAsync(
                () -> image(source, false), COMPILER));
        return Optional.empty();
      }
      if (job != null && !job.isDone() && !waits()) {
        return Optional.empty();
      }
      pending.remove(source);
      Image image = job == null ? image(source, false) : job.join();
      f = load(image, name);
      if (f.isEmpty() && image.fromDisk()) {
        f = load(image(source, true), name); // a cubin this driver refuses: compile it again
      }
      if (kernels.size() >= LIMIT) {
        kernels.clear();
      }
      kernels.put(source, f);
      return f;
    }
  }

  /** A cubin (null where the program did not compile) and whether it came from the disk cache. */
  private record Image(byte[] cubin, boolean fromDisk) {}

  /**
   * The cubin for {@code source}: the disk cache's (unless {@code compile}), else NVRTC's, then
   * kept on disk. Host work only, no CUDA context: runs on the caller's thread or the compiler's.
   */
  private Image image(String source, boolean compile) {
    java.nio.file.Path file = disk == null ? null : disk.resolve(key(source) + ".cubin");
    if (!compile && file != null && java.nio.file.Files.isRegularFile(file)) {
      try {
        return new Image(java.nio.file.Files.readAllBytes(file), true);
      } catch (IOException e) {
        // unreadable: compile it again and replace it
      }
    }
    return new Image(cubin(source, file), false);
  }

  /** Loads a cubin: empty where there is none or the driver refuses it. */
  private Optional<Function> load(Image image, String name) {
    if (image.cubin() == null) {
      return Optional.empty();
    }
    try {
      Function f = driver.loadFunction(image.cubin(), name);
      if (image.fromDisk()) {
        fromDisk.incrementAndGet();
      }
      return Optional.of(f);
    } catch (CudaException e) {
      if (!image.fromDisk()) {
        status = nvrtc.describe() + "; a compiled program did not load and ran op by op: " + e;
      }
      return Optional.empty();
    }
  }

  /** Whether NVRTC is compiling {@code source} in the background now. */
  boolean compiling(String source) {
    return pending.containsKey(source);
  }

  /**
   * Whether a fused call whose kernel is not compiled yet waits for NVRTC ({@code
   * -Dndj.fusion.compile=wait}; the conformance kit's fusion contracts ask for it, so that they
   * test the generated kernels) or, by default ("background"), runs op by op while NVRTC compiles
   * on a thread of its own, the calls after it fused: a first call costs its trace and the op-by-op
   * run, not the compile (docs/backends.md).
   */
  static boolean waits() {
    return "wait".equals(System.getProperty("ndj.fusion.compile"));
  }

  /** One thread, a daemon, compiles in the background: programs in the order they were met. */
  private static final java.util.concurrent.ExecutorService COMPILER =
      java.util.concurrent.Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "ndj-nvrtc");
            t.setDaemon(true);
            return t;
          });

  /**
   * NVRTC's cubin for {@code source}, kept in {@code file} (null: no disk cache); null where it
   * does not compile, {@link #status} then saying why. Runs on the caller's thread or on {@link
   * #COMPILER}'s: host work only, no CUDA context.
   */
  private byte[] cubin(String source, java.nio.file.Path file) {
    try {
      long t0 = System.nanoTime();
      byte[] cubin = nvrtc(source);
      lastCompileMillis = (System.nanoTime() - t0) / 1_000_000;
      compiled.incrementAndGet();
      if (file != null) {
        store(file, cubin);
      }
      return cubin;
    } catch (RuntimeException e) {
      status = nvrtc.describe() + "; the last program that did not compile ran op by op: " + e;
      return null;
    }
  }

  /**
   * NVRTC with {@code -minimal} (no texture, surface or runtime-API declarations to parse: a
   * shorter front end) while this NVRTC compiles with it; without it from the first program that
   * does not compile with it but does without (an NVRTC older than 12.4 refuses the option).
   */
  private byte[] nvrtc(String source) {
    String a = "--gpu-architecture=" + arch;
    if (minimal) {
      try {
        return nvrtc.compile(source, "ndj_fused.cu", headers, a, "--fmad=false", "-minimal");
      } catch (CudaException e) {
        byte[] cubin = nvrtc.compile(source, "ndj_fused.cu", headers, a, "--fmad=false");
        minimal = false;
        return cubin;
      }
    }
    return nvrtc.compile(source, "ndj_fused.cu", headers, a, "--fmad=false");
  }

  private volatile boolean minimal = true;

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

  /**
   * The cache key: the source, the headers it includes (a jar whose ops.cuh changed finds none of
   * an older one's kernels), the architecture, NVRTC's version and the driver's.
   */
  private String key(String source) {
    try {
      java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-256");
      for (String[] h : headers) {
        d.update((h[0] + "\n" + h[1] + "\n").getBytes(StandardCharsets.UTF_8));
      }
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
    String[][] read = new String[HEADERS.length][];
    for (int i = 0; i < HEADERS.length; i++) {
      String name = HEADERS[i];
      try (InputStream in = FusionCompiler.class.getResourceAsStream("/io/ndj/cuda/" + name)) {
        if (in == null) {
          status = "this jar has no " + name + ": fused programs run op by op";
          return false;
        }
        read[i] = new String[] {name, new String(in.readAllBytes(), StandardCharsets.UTF_8)};
      } catch (IOException e) {
        status = "cannot read " + name + " (" + e.getMessage() + "): fused programs run op by op";
        return false;
      }
    }
    headers = read;
    List<String> whyNot = new ArrayList<>();
    nvrtc = Nvrtc.load(whyNot);
    status =
        nvrtc != null
            ? nvrtc.describe() + ", kernels for " + arch
            : "no NVRTC (" + String.join("; ", whyNot) + "): fused programs run op by op";
    return nvrtc != null;
  }
}
