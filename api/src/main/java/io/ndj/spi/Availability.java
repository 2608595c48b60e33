package io.ndj.spi;

/**
 * Whether a backend can be created here, and if not, why ("no CUDA driver", "no device").
 *
 * @param available true when {@link BackendProvider#create()} is expected to succeed
 * @param reason why not, or a short description of what was found when available
 */
public record Availability(boolean available, String reason) {
  /**
   * An available backend.
   *
   * @param detail what it will run on, for people
   * @return an availability that says yes
   */
  public static Availability yes(String detail) {
    return new Availability(true, detail);
  }

  /**
   * An unavailable backend.
   *
   * @param reason why it cannot run here, for people
   * @return an availability that says no, with the reason
   */
  public static Availability no(String reason) {
    return new Availability(false, reason);
  }
}
