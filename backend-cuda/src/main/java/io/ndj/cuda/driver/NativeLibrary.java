package io.ndj.cuda.driver;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds one of NVIDIA's libraries (libnvrtc, libcufft) for FFM binding, whichever CUDA version the
 * machine has: the file an environment variable names, then the toolkits under {@code CUDA_HOME},
 * {@code CUDA_PATH} and {@code /usr/local/cuda*}, then the dynamic linker's own search, then
 * NVIDIA's Python wheels under {@code /usr/local/lib} and {@code /opt}.
 */
record NativeLibrary(Path path, SymbolLookup lookup) {

  /** A binding made from a found library; it may still fail (a missing symbol). */
  interface Binder<T> {
    T bind(Path path, SymbolLookup lookup) throws Throwable;
  }

  /**
   * The first candidate that loads and binds, or null with the reasons in {@code whyNot}.
   *
   * @param env the environment variable naming the file ({@code NDJ_NVRTC})
   * @param names file names, newest first ({@code libnvrtc.so.13}, ..., {@code libnvrtc.so})
   * @param pattern the file names to look for in the Python wheels
   */
  static <T> T load(
      String env, String[] names, String pattern, List<String> whyNot, Binder<T> binder) {
    List<Path> tried = new ArrayList<>(candidates(env, names));
    for (Path p : tried) {
      T t = bind(p, SymbolLookup::libraryLookup, p, whyNot, binder);
      if (t != null) {
        return t;
      }
    }
    for (String name : names) {
      T t = bind(Path.of(name), SymbolLookup::libraryLookup, name, whyNot, binder);
      if (t != null) {
        return t;
      }
    }
    for (String root : new String[] {"/usr/local/lib", "/opt"}) {
      Optional<Path> found = search(Path.of(root), pattern);
      if (found.isPresent()) {
        T t = bind(found.get(), SymbolLookup::libraryLookup, found.get(), whyNot, binder);
        if (t != null) {
          return t;
        }
      }
    }
    whyNot.add(
        "no "
            + names[names.length - 1]
            + " in the CUDA toolkits, the linker's path, /usr/local/lib or /opt");
    return null;
  }

  /** A downcall to {@code name}, a function returning int (a status code), in {@code lib}. */
  static java.lang.invoke.MethodHandle intFunction(
      SymbolLookup lib, String libName, String name, java.lang.foreign.ValueLayout... args) {
    return java.lang.foreign.Linker.nativeLinker()
        .downcallHandle(
            lib.find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("no " + name + " in " + libName)),
            java.lang.foreign.FunctionDescriptor.of(java.lang.foreign.ValueLayout.JAVA_INT, args));
  }

  private interface Opener<K> {
    SymbolLookup open(K key, Arena arena);
  }

  private static <K, T> T bind(
      Path path, Opener<K> opener, K key, List<String> whyNot, Binder<T> binder) {
    try {
      return binder.bind(path, opener.open(key, Arena.global()));
    } catch (Throwable t) {
      whyNot.add(key + ": " + t.getMessage());
      return null;
    }
  }

  private static List<Path> candidates(String env, String[] names) {
    List<Path> dirs = new ArrayList<>();
    List<Path> out = new ArrayList<>();
    String file = System.getenv(env);
    if (file != null && !file.isBlank()) {
      out.add(Path.of(file));
    }
    for (String var : new String[] {"CUDA_HOME", "CUDA_PATH"}) {
      String v = System.getenv(var);
      if (v != null && !v.isBlank()) {
        dirs.add(Path.of(v));
      }
    }
    try (Stream<Path> s = Files.list(Path.of("/usr/local"))) {
      s.filter(p -> p.getFileName().toString().startsWith("cuda")).sorted().forEach(dirs::add);
    } catch (IOException | RuntimeException e) {
      // no /usr/local: nothing to add
    }
    for (Path d : dirs) {
      for (String sub : new String[] {"targets/x86_64-linux/lib", "lib64", "lib"}) {
        for (String name : names) {
          Path p = d.resolve(sub).resolve(name);
          if (Files.isRegularFile(p)) {
            out.add(p);
          }
        }
      }
    }
    return out;
  }

  private static Optional<Path> search(Path root, String pattern) {
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> s = Files.walk(root, 9)) {
      return s.filter(p -> p.getFileName().toString().matches(pattern))
          .filter(Files::isRegularFile)
          .findFirst();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
