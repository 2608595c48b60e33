package io.ndj.cuda;

import io.ndj.spi.Availability;
import io.ndj.spi.BackendProvider;
import io.ndj.spi.Kernels;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * NVIDIA GPUs through our own kernels. Checking availability loads nothing native: it looks for the
 * kernels in the jar, the driver library and a device node.
 */
public final class CudaProvider implements BackendProvider {
  @Override
  public String name() {
    return "cuda";
  }

  @Override
  public int priority() {
    return 300;
  }

  @Override
  public Availability availability() {
    if (CudaProvider.class.getResource("/io/ndj/cuda/ndj.fatbin") == null) {
      return Availability.no("this jar was built without nvcc: it has no CUDA kernels");
    }
    if (!driverPresent()) {
      return Availability.no("no CUDA driver (libcuda.so.1 not found)");
    }
    if (!Files.exists(Path.of("/dev/nvidia0")) && !Files.exists(Path.of("/dev/dxg"))) {
      return Availability.no("no CUDA device (/dev/nvidia0 absent)");
    }
    return Availability.yes("CUDA driver and device found");
  }

  private static boolean driverPresent() {
    String ld = System.getenv("LD_LIBRARY_PATH");
    String dirs =
        (ld == null ? "" : ld + ":")
            + "/usr/lib/x86_64-linux-gnu:/usr/lib64:/usr/lib:/usr/local/nvidia/lib64:/usr/lib/wsl/lib:/usr/local/cuda/lib64"
            + ":/usr/local/cuda/compat";
    for (String d : dirs.split(":")) {
      if (!d.isEmpty()
          && (Files.exists(Path.of(d, "libcuda.so.1")) || Files.exists(Path.of(d, "libcuda.so")))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Kernels create() {
    return create(0);
  }

  /**
   * One GPU of several: {@code Nd.backend("cuda:1")}, each with its own context, stream and pool.
   */
  @Override
  public Kernels create(int device) {
    Availability a = availability();
    if (!a.available()) {
      throw new IllegalStateException("backend cuda is not available: " + a.reason());
    }
    return new CudaKernels(device);
  }
}
