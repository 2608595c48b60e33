package io.ndj;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * {@link NdOutOfMemoryException}'s sizes read as NumPy's {@code _ArrayMemoryError._size_to_string}
 * prints them.
 */
class OutOfMemoryTextTest {
  /** {@code n: _ArrayMemoryError._size_to_string(n)}, printed by NumPy 2.4. */
  private static final String[] NUMPY = {
    "0: 0 bytes",
    "1: 1 bytes",
    "1023: 1023 bytes",
    "1024: 1.00 KiB",
    "1500: 1.46 KiB",
    "8000000000: 7.45 GiB",
    "8000000000000: 7.28 TiB",
    "1048575: 1.00 MiB",
    "1047552: 1023. KiB",
    "1022976: 999. KiB",
    "1024000: 1000. KiB",
    "123456789: 118. MiB",
    "9223372036854775807: 8.00 EiB",
    "10240: 10.0 KiB",
    "102400: 100. KiB",
  };

  @Test
  void sizesAsNumpyPrintsThem() {
    for (String row : NUMPY) {
      String[] f = row.split(": ");
      assertEquals(f[1], NdOutOfMemoryException.sizeString(Long.parseLong(f[0])), "size " + f[0]);
    }
  }
}
