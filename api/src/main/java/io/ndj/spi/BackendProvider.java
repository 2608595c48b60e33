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
}
