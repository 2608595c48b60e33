package io.ndj.cpu.memory;

import java.lang.foreign.ValueLayout;

/**
 * The element layouts every cpu kernel reads and writes memory with: Java's, without an alignment
 * requirement. A buffer serves views of any dtype ({@code x.view(float64)} of a float32 array,
 * whose float[] guarantees only 4-byte alignment) and {@code Nd.wrap} takes memory at any address;
 * x86-64 and AArch64 load unaligned elements at the same speed.
 */
public final class Layouts {
  private Layouts() {}

  public static final ValueLayout.OfShort JAVA_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;
  public static final ValueLayout.OfInt JAVA_INT = ValueLayout.JAVA_INT_UNALIGNED;
  public static final ValueLayout.OfLong JAVA_LONG = ValueLayout.JAVA_LONG_UNALIGNED;
  public static final ValueLayout.OfFloat JAVA_FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;
  public static final ValueLayout.OfDouble JAVA_DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED;
}
