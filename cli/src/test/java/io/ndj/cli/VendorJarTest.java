package io.ndj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a vendor does: a backend jar built outside this repository (here, compiled into a temp
 * folder against ndj-api only) is checked by the kit's runner put on the class path beside it, as
 * {@code ./ndj conformance --backend NAME --jar their.jar} does. Its float64 add is one ULP off;
 * the report must name that check and pass the ones the bug cannot reach.
 */
class VendorJarTest {
  /**
   * The vendor's provider: the cpu backend's kernels (found through the SPI) with float64 add one
   * ULP high.
   */
  private static final String SOURCE =
      """
      package com.example.vendor;

      import io.ndj.DType;
      import io.ndj.spi.*;
      import java.lang.reflect.InvocationTargetException;
      import java.lang.reflect.Proxy;
      import java.util.ServiceLoader;

      public final class OffByOneProvider implements BackendProvider {
        public String name() { return "offbyone"; }
        public int priority() { return 0; }
        public Availability availability() { return Availability.yes("a vendor's test backend"); }

        public Kernels create() {
          Kernels cpu = ServiceLoader.load(BackendProvider.class).stream().map(ServiceLoader.Provider::get)
              .filter(p -> p.name().equals("cpu")).findFirst().orElseThrow().create();
          return (Kernels) Proxy.newProxyInstance(Kernels.class.getClassLoader(), new Class<?>[] {Kernels.class},
              (proxy, m, args) -> {
                if (m.getName().equals("name")) {
                  return "offbyone";
                }
                Object r;
                try {
                  r = m.invoke(cpu, args);
                } catch (InvocationTargetException e) {
                  throw e.getCause();
                }
                if (m.getName().equals("binary") && args[0] == BinaryOp.ADD
                    && ((View) args[1]).dtype() == DType.FLOAT64) {
                  View out = (View) args[1];
                  cpu.binaryScalar(BinaryOp.MULTIPLY, out, out, 1 + 0x1p-52, false); // one ULP up
                }
                return r;
              });
        }
      }
      """;

  @Test
  void aJarBuiltElsewhereIsCheckedAndItsWrongOpNamed(@TempDir Path dir) throws Exception {
    Path jar = buildVendorJar(dir);
    String classPath = testClassPath() + File.pathSeparator + jar;
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                classPath,
                "io.ndj.conformance.KitRunner",
                "--backend",
                "offbyone",
                "--examples",
                "3",
                "--light")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(10, TimeUnit.MINUTES), "the kit did not finish");
    assertEquals(1, p.exitValue(), out);
    assertTrue(out.contains("ndj conformance kit: backend offbyone"), out);
    assertTrue(out.contains("FAILED add[float64]"), "the wrong add is not named:\n" + out);
    assertTrue(out.lines().anyMatch(l -> l.startsWith("subtract ") && l.contains("pass")), out);
    assertTrue(out.lines().noneMatch(l -> l.startsWith("FAILED subtract[")), out);
  }

  /**
   * This module's test class path (surefire's own, as java.class.path may be a manifest-only jar).
   */
  private static String testClassPath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }

  /** Compiles {@link #SOURCE} against ndj-api's classes and jars it with its service file. */
  private static Path buildVendorJar(Path dir) throws IOException {
    Path src = dir.resolve("src/com/example/vendor/OffByOneProvider.java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, SOURCE);
    Path classes = Files.createDirectories(dir.resolve("classes"));
    String api =
        Stream.of(testClassPath().split(File.pathSeparator))
            .filter(e -> e.contains("api"))
            .reduce((a, b) -> a + File.pathSeparator + b)
            .orElseThrow();
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int rc = javac.run(null, null, null, "-d", classes.toString(), "-cp", api, src.toString());
    assertEquals(0, rc, "the vendor source did not compile against " + api);
    Path jar = dir.resolve("offbyone.jar");
    try (OutputStream f = Files.newOutputStream(jar);
        JarOutputStream j = new JarOutputStream(f)) {
      for (Path c : List.of(classes.resolve("com/example/vendor/OffByOneProvider.class"))) {
        j.putNextEntry(new JarEntry(classes.relativize(c).toString()));
        j.write(Files.readAllBytes(c));
      }
      try (Stream<Path> inner = Files.list(classes.resolve("com/example/vendor"))) {
        for (Path c : inner.filter(c -> c.getFileName().toString().contains("$")).toList()) {
          j.putNextEntry(new JarEntry(classes.relativize(c).toString()));
          j.write(Files.readAllBytes(c));
        }
      }
      j.putNextEntry(new JarEntry("META-INF/services/io.ndj.spi.BackendProvider"));
      j.write("com.example.vendor.OffByOneProvider\n".getBytes(StandardCharsets.UTF_8));
    }
    return jar;
  }
}
