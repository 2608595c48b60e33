package io.ndj.nd4j;

import io.ndj.spi.Availability;
import io.ndj.spi.BackendProvider;
import io.ndj.spi.Kernels;

/**
 * ND4J's native CPU engine. Availability checks, without loading anything native, that ND4J's
 * classes and its native library for this platform are on the class path; {@link #create()} loads
 * it and reports ND4J's reason when it cannot (later availability checks then say so too).
 */
public final class Nd4jProvider implements BackendProvider {
  static final String VERSION = "1.0.0-M2.1";

  /** ND4J's reason, once a native load failed through this provider. */
  private volatile String loadFailure;

  @Override
  public String name() {
    return "nd4j";
  }

  @Override
  public int priority() {
    return 0; // only when asked for by name: the cpu backend is faster here, and ND4J weighs
    // hundreds of megabytes
  }

  @Override
  public Availability availability() {
    if (loadFailure != null) {
      return Availability.no(loadFailure);
    }
    ClassLoader cl = Nd4jProvider.class.getClassLoader();
    if (cl.getResource("org/nd4j/linalg/factory/Nd4j.class") == null) {
      return Availability.no(
          "ND4J is not on the class path (org.nd4j:nd4j-native:" + VERSION + ")");
    }
    String platform = platform();
    if (cl.getResource("org/nd4j/linalg/cpu/nativecpu/bindings/" + platform + "/libjnind4jcpu.so")
            == null
        && cl.getResource("org/nd4j/nativeblas/" + platform + "/libjnind4jcpu.so") == null) {
      return Availability.no(
          "ND4J's native library for "
              + platform
              + " is not on the class path (add "
              + "org.nd4j:nd4j-native:"
              + VERSION
              + " with classifier "
              + platform
              + ")");
    }
    return Availability.yes("ND4J " + VERSION + " native for " + platform);
  }

  private static String platform() {
    String os = System.getProperty("os.name").toLowerCase();
    String arch = System.getProperty("os.arch");
    String o =
        os.contains("linux")
            ? "linux"
            : os.contains("mac") ? "macosx" : os.contains("win") ? "windows" : os;
    String a =
        arch.equals("amd64") || arch.equals("x86_64")
            ? "x86_64"
            : arch.equals("aarch64") ? "arm64" : arch;
    return o + "-" + a;
  }

  @Override
  public Kernels create() {
    Availability a = availability();
    if (!a.available()) {
      throw new IllegalStateException("backend nd4j is not available: " + a.reason());
    }
    try {
      return new Nd4jKernels();
    } catch (Throwable e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      loadFailure = "ND4J's native backend did not load: " + root;
      throw new IllegalStateException("backend nd4j is not available: " + loadFailure, e);
    }
  }
}
