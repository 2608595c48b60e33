/**
 * ndj: NumPy's array model for Java. {@code io.ndj} is the user API; {@code io.ndj.spi} what
 * backends implement.
 */
module io.ndj {
  exports io.ndj;
  exports io.ndj.linalg;
  exports io.ndj.random;
  exports io.ndj.spi;

  uses io.ndj.spi.BackendProvider;
  uses io.ndj.spi.IndexConverter;
}
