package io.ndj.spi;

/**
 * The {@link java.util.ServiceLoader} type a backend jar registers (in {@code module-info} and in
 * {@code META-INF/services/io.ndj.spi.BackendProvider}).
 *
 * <p>Providers are cheap: constructing one and calling {@link #name()}, {@link #priority()} or
 * {@link #availability()} loads nothing native and never throws for "no GPU".
 */
public interface BackendProvider {
  /**
   * Unique backend name, lower case ({@code "cpu"}, {@code "cuda"}).
   *
   * @return the name
   */
  String name();

  /**
   * Higher wins when no backend is named: cuda 300, cpu 100. Zero or below: used only when asked
   * for by name ({@code -Dndj.backend}, {@code NDJ_BACKEND}, {@code Nd.backend(name)}), never
   * picked as the default (nd4j 0: slower than cpu here and hundreds of megabytes).
   *
   * @return the priority
   */
  int priority();

  /**
   * Whether {@link #create()} can succeed here, and if not, why. Must not throw.
   *
   * @return yes, or no with the reason
   */
  Availability availability();

  /**
   * Creates the backend: loads native code, opens devices.
   *
   * @return the backend's kernels
   * @throws IllegalStateException if the backend is unavailable, with the reason
   */
  Kernels create();

  /**
   * Creates the backend on one device of several on this host (a GPU's ordinal as its driver counts
   * them, after {@code CUDA_VISIBLE_DEVICES}); {@code Nd.backend("cuda:1")} asks for one. Device 0
   * is {@link #create()}; a backend of one device (host memory) refuses any other.
   *
   * @param device the device's ordinal, from 0
   * @return the backend's kernels on that device; their {@link Kernels#name()} is this provider's
   *     name for device 0 and {@code name:device} for the others
   * @throws IllegalArgumentException if there is no such device, naming how many there are
   * @throws UnsupportedOperationException for any device but 0 of a backend of one device
   * @throws IllegalStateException if the backend is unavailable, with the reason
   */
  default Kernels create(int device) {
    if (device == 0) {
      return create();
    }
    throw new UnsupportedOperationException(
        "backend " + name() + " has one device; there is no device " + device);
  }
}
