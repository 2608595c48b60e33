package io.ndj.cuda.driver;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * NVIDIA's run-time compiler, libnvrtc, bound with FFM ({@code java.lang.foreign}) to whichever
 * version the machine has (JCuda 12.6's own binding wants CUDA 12's file names). Compiles CUDA C to
 * a cubin for one architecture.
 */
public final class Nvrtc {
  private static final Linker LINKER = Linker.nativeLinker();
  private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
  private static final java.lang.foreign.AddressLayout ADDRESS = ValueLayout.ADDRESS;

  private final Path library;
  private final MethodHandle create;
  private final MethodHandle compile;
  private final MethodHandle logSize;
  private final MethodHandle log;
  private final MethodHandle cubinSize;
  private final MethodHandle cubin;
  private final MethodHandle destroy;
  private final MethodHandle errorString;
  private final String version;

  private Nvrtc(Path library, SymbolLookup lib) throws Throwable {
    this.library = library;
    create = handle(lib, "nvrtcCreateProgram", ADDRESS, ADDRESS, ADDRESS, INT, ADDRESS, ADDRESS);
    compile = handle(lib, "nvrtcCompileProgram", ADDRESS, INT, ADDRESS);
    logSize = handle(lib, "nvrtcGetProgramLogSize", ADDRESS, ADDRESS);
    log = handle(lib, "nvrtcGetProgramLog", ADDRESS, ADDRESS);
    cubinSize = handle(lib, "nvrtcGetCUBINSize", ADDRESS, ADDRESS);
    cubin = handle(lib, "nvrtcGetCUBIN", ADDRESS, ADDRESS);
    destroy = handle(lib, "nvrtcDestroyProgram", ADDRESS);
    errorString =
        LINKER.downcallHandle(
            lib.find("nvrtcGetErrorString").orElseThrow(),
            FunctionDescriptor.of(ADDRESS.withTargetLayout(ValueLayout.JAVA_BYTE), INT));
    MethodHandle v = handle(lib, "nvrtcVersion", ADDRESS, ADDRESS);
    try (Arena a = Arena.ofConfined()) {
      MemorySegment major = a.allocate(INT);
      MemorySegment minor = a.allocate(INT);
      int r = (int) v.invokeExact(major, minor);
      version = r == 0 ? major.get(INT, 0) + "." + minor.get(INT, 0) : "?";
    }
  }

  private static MethodHandle handle(SymbolLookup lib, String name, ValueLayout... args) {
    return NativeLibrary.intFunction(lib, "libnvrtc", name, args);
  }

  /**
   * The machine's libnvrtc, or the reason there is none: {@code NDJ_NVRTC} (a file), then the
   * toolkits under {@code CUDA_HOME}, {@code CUDA_PATH} and {@code /usr/local/cuda*}, then the
   * dynamic linker's own search, then NVIDIA's Python wheels under {@code /usr/local/lib} and
   * {@code /opt}.
   */
  public static Nvrtc load(List<String> whyNot) {
    return NativeLibrary.load(
        "NDJ_NVRTC",
        new String[] {"libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so"},
        "libnvrtc\\.so(\\.1[2-9])?",
        whyNot,
        Nvrtc::new);
  }

  /** Where the library was found, and its version: "/usr/local/cuda/... (NVRTC 13.0)". */
  public String describe() {
    return library + " (NVRTC " + version + ")";
  }

  /**
   * Compiles {@code source} (with {@code headers}: include name to text) to a cubin.
   *
   * @throws CudaException with NVRTC's log when it does not compile
   */
  public byte[] compile(String source, String name, String[][] headers, String... options) {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment prog = a.allocate(ADDRESS);
      MemorySegment texts = a.allocate(ADDRESS, Math.max(1, headers.length));
      MemorySegment names = a.allocate(ADDRESS, Math.max(1, headers.length));
      for (int i = 0; i < headers.length; i++) {
        texts.setAtIndex(ADDRESS, i, a.allocateFrom(headers[i][1]));
        names.setAtIndex(ADDRESS, i, a.allocateFrom(headers[i][0]));
      }
      check(
          (int)
              create.invokeExact(
                  prog, a.allocateFrom(source), a.allocateFrom(name), headers.length, texts, names),
          "nvrtcCreateProgram");
      MemorySegment p = prog.get(ADDRESS, 0);
      try {
        MemorySegment opts = a.allocate(ADDRESS, Math.max(1, options.length));
        for (int i = 0; i < options.length; i++) {
          opts.setAtIndex(ADDRESS, i, a.allocateFrom(options[i]));
        }
        int r = (int) compile.invokeExact(p, options.length, opts);
        if (r != 0) {
          throw new CudaException(
              "nvrtcCompileProgram: " + error(r) + "\n" + log(a, p) + "\n" + source, r);
        }
        MemorySegment size = a.allocate(ValueLayout.JAVA_LONG);
        check((int) cubinSize.invokeExact(p, size), "nvrtcGetCUBINSize");
        MemorySegment bin = a.allocate(size.get(ValueLayout.JAVA_LONG, 0));
        check((int) cubin.invokeExact(p, bin), "nvrtcGetCUBIN");
        return bin.toArray(ValueLayout.JAVA_BYTE);
      } finally {
        int ignored = (int) destroy.invokeExact(prog);
      }
    } catch (CudaException e) {
      throw e;
    } catch (Throwable t) {
      throw new CudaException("NVRTC failed: " + t);
    }
  }

  private String log(Arena a, MemorySegment p) throws Throwable {
    MemorySegment size = a.allocate(ValueLayout.JAVA_LONG);
    if ((int) logSize.invokeExact(p, size) != 0) {
      return "";
    }
    MemorySegment text = a.allocate(Math.max(1, size.get(ValueLayout.JAVA_LONG, 0)));
    if ((int) log.invokeExact(p, text) != 0) {
      return "";
    }
    return new String(text.toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8).trim();
  }

  private String error(int r) {
    try {
      MemorySegment s = (MemorySegment) errorString.invokeExact(r);
      return s.reinterpret(256).getString(0);
    } catch (Throwable t) {
      return "NVRTC error " + r;
    }
  }

  private void check(int r, String call) {
    if (r != 0) {
      throw new CudaException(call + ": " + error(r), r);
    }
  }
}
