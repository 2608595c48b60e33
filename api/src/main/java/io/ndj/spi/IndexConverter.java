package io.ndj.spi;

import io.ndj.Index;

/**
 * Turns an index item of another JVM language into ndj's {@link Index} items, so that {@code
 * x.get(item)} and {@code x[item]} in that language index as its users expect (Kotlin's {@code
 * 1..3} and {@code 0 until n step 2} as slices, in the {@code ndj-kotlin} module). Found by {@link
 * java.util.ServiceLoader} on the class path or module path; consulted only for objects that ndj's
 * own item types (integers, strings, {@link Index}, {@code long[]}, {@code int[]}, arrays) do not
 * cover.
 */
public interface IndexConverter {
  /**
   * The items {@code item} stands for, or {@code null} when this converter does not know its type.
   *
   * @param item the object given as an index item
   * @return the index items it means, or {@code null}
   */
  Index[] convert(Object item);
}
