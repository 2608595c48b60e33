package io.ndj.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ndj.DType;
import io.ndj.spi.BinaryOp;
import io.ndj.spi.ReduceOp;
import io.ndj.spi.UnaryOp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Java and CUDA agree on what they share, without a GPU: the op and dtype codes (read from ops.cuh,
 * the one table) and the kernel names Java launches (each defined in the .cu sources, and each
 * kernel defined there launched by some Java class).
 */
class CodeTableTest {
  /** The module's folder: the working directory under Maven, the repository root elsewhere. */
  private static final Path MODULE =
      Files.isDirectory(Path.of("src/main/cuda")) ? Path.of("") : Path.of("backend-cuda");

  private static final Path CUDA = MODULE.resolve("src/main/cuda");
  private static final Path JAVA = MODULE.resolve("src/main/java/io/ndj/cuda");

  @Test
  void everyConstantHasOneDistinctDenseCode() {
    Codes.load();
    dense(DType.realValues(), Codes::of);
    dense(BinaryOp.values(), Codes::of);
    dense(UnaryOp.values(), Codes::of);
    dense(ReduceOp.values(), Codes::of);
    assertEquals(
        10, Codes.of(DType.FLOAT32)); // after bool, four signed and four unsigned integers, float16
    assertEquals(0, Codes.of(BinaryOp.ADD));
  }

  private static <T> void dense(T[] values, ToIntFunction<T> code) {
    Set<Integer> seen = new HashSet<>();
    for (T v : values) {
      int c = code.applyAsInt(v);
      assertTrue(c >= 0 && c < values.length, v + " has code " + c);
      assertTrue(seen.add(c), "two constants share code " + c + " (" + v + ")");
    }
  }

  @Test
  void aTableMissingAConstantIsRefused() {
    String table = Codes.table().replace("B_LCM = 28,", "");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Codes.read(table));
    assertTrue(e.getMessage().contains("B_LCM"), e.getMessage());
  }

  @Test
  void kernelNamesAgreeBetweenJavaAndCuda() throws IOException {
    Set<String> defined = new TreeSet<>();
    // a definition, with or without launch bounds, or a macro's instantiation (RADIX_PASS(k_name,
    // ...))
    Pattern def =
        Pattern.compile(
            "extern \"C\" __global__ void (?:__launch_bounds__\\([^)]*\\) )?(k_\\w+)\\s*\\("
                + "|(?m)^[A-Z_]+\\((k_\\w+),");
    for (Path f : files(CUDA, ".cu", ".cuh")) {
      Matcher m = def.matcher(Files.readString(f));
      while (m.find()) {
        String name = m.group(1) != null ? m.group(1) : m.group(2);
        assertTrue(defined.add(name), "kernel " + name + " defined twice");
      }
    }
    assertTrue(defined.size() > 50, "found only " + defined);
    // a literal is a whole name ("k_where") or, followed by + or ending in _, a prefix Java
    // completes
    Set<String> names = new TreeSet<>();
    Set<String> prefixes = new TreeSet<>();
    Pattern lit = Pattern.compile("\"(k_\\w*)\"(\\s*\\)?\\s*\\+)?");
    for (Path f : files(JAVA, ".java")) {
      Matcher m = lit.matcher(Files.readString(f));
      while (m.find()) {
        boolean prefix = m.group(2) != null || m.group(1).endsWith("_");
        (prefix ? prefixes : names).add(m.group(1));
      }
    }
    for (String n : names) {
      assertTrue(defined.contains(n), "Java launches " + n + ", which no .cu file defines");
    }
    for (String p : prefixes) {
      assertTrue(
          defined.stream().anyMatch(d -> d.startsWith(p)),
          "Java launches " + p + "..., which no .cu file defines");
    }
    for (String d : defined) {
      assertTrue(
          names.contains(d) || prefixes.stream().anyMatch(d::startsWith),
          "kernel " + d + " is defined but no Java class launches it");
    }
  }

  private static java.util.List<Path> files(Path dir, String... ends) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> Stream.of(ends).anyMatch(e -> p.toString().endsWith(e))).toList();
    }
  }
}
