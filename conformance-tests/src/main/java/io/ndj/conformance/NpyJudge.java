package io.ndj.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ndj.Backend;
import io.ndj.Nd;
import io.ndj.NdArray;
import io.ndj.conformance.NpyFilesContract.NpyCase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One {@code .npy}/{@code .npz} file judged against NumPy's verdict: for the kit and for {@code
 * ./ndj fuzz-npy}.
 */
final class NpyJudge {
  private NpyJudge() {}

  /**
   * Loads {@code c}'s file with ndj on {@code backend} and holds the outcome to NumPy's verdict.
   *
   * @throws AssertionError saying how ndj and NumPy disagree
   */
  static void check(Backend backend, NpyCase c) throws IOException {
    Path dir = Files.createTempDirectory("ndj-npy");
    Path file = dir.resolve(c.id() + "." + c.kind());
    Files.write(file, c.bytes());
    int before = backend.liveBuffers();
    try {
      Map<String, NdArray> got = new LinkedHashMap<>();
      RuntimeException refused = null;
      try {
        if (c.kind().equals("npz")) {
          got.putAll(Nd.loadz(backend, file));
        } else {
          got.put("-", Nd.load(backend, file));
        }
      } catch (IllegalArgumentException | UncheckedIOException e) {
        refused = e;
      }
      try {
        judge(c, file, got, refused);
      } finally {
        got.values().forEach(NdArray::close);
      }
      assertTrue(
          backend.liveBuffers() <= before,
          c.id() + ": a load left " + (backend.liveBuffers() - before) + " buffers allocated");
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    }
  }

  private static void judge(
      NpyCase c, Path file, Map<String, NdArray> got, RuntimeException refused) {
    String where = c.id() + " (NumPy: " + c.verdict() + ")";
    if (c.verdict().startsWith("error ")) {
      if (refused == null) {
        fail(where + ": ndj loaded what NumPy refuses: " + got);
      }
      String msg = String.valueOf(refused.getMessage());
      assertTrue(
          msg.contains(file.getFileName().toString()),
          where + ": the message does not name the file: " + msg);
      List<String> phrases = NpyCase.phrasesFor(c.verdict());
      assertTrue(
          phrases.isEmpty() || phrases.stream().anyMatch(msg::contains),
          where + ": ndj's message says none of " + phrases + ": " + msg);
      return;
    }
    List<String[]> expected = c.arrays();
    boolean unsupported = expected.stream().anyMatch(a -> NpyCase.ndjDtype(a[1]) == null);
    if (unsupported) {
      if (refused == null) {
        fail(where + ": ndj loaded a dtype it does not have as " + got);
      }
      String msg = String.valueOf(refused.getMessage());
      assertTrue(
          msg.contains("unsupported dtype") || msg.contains("object arrays"),
          where + ": the refusal does not name the unsupported dtype: " + msg);
      return;
    }
    if (refused != null
        && c.kind().equals("npz")
        && String.valueOf(refused.getMessage()).contains("Bad CRC-32")) {
      // NumPy checks a member's CRC only when it reads the member to its end, which it does not for
      // a member whose
      // header asks for fewer bytes than the member holds; ndj always checks, as the zip format
      // means it to
      return;
    }
    if (refused != null
        && c.id().endsWith("-eocd")
        && String.valueOf(refused.getMessage())
            .contains("File is not a zip file, or a damaged one")) {
      // the one place ndj is stricter than NumPy: Java's zip reader refuses a damaged
      // end-of-archive record
      // that Python's tolerates; refusing loses no data and returns nothing wrong
      return;
    }
    if (refused != null) {
      throw new AssertionError(
          where + ": ndj refused what NumPy loads: " + refused.getMessage(), refused);
    }
    assertEquals(
        expected.stream().map(a -> a[0]).toList(),
        List.copyOf(got.keySet()),
        where + ": the names");
    for (String[] a : expected) {
      NdArray x = got.get(a[0]);
      assertEquals(NpyCase.ndjDtype(a[1]), x.dtype(), where + ": dtype of " + a[0]);
      long[] shape =
          a[2].isEmpty()
              ? new long[0]
              : Stream.of(a[2].split(",")).mapToLong(Long::parseLong).toArray();
      assertArrayEquals(shape, x.shape().dims(), where + ": shape of " + a[0]);
      byte[] bytes = new byte[(int) x.nbytes()];
      x.copyTo(MemorySegment.ofArray(bytes));
      assertEquals(a[3], HexFormat.of().formatHex(bytes), where + ": the bytes of " + a[0]);
    }
  }
}
