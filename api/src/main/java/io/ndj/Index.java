package io.ndj;

import java.util.ArrayList;
import java.util.List;

/**
 * One item of a basic index: an integer, a slice, {@link #NEWAXIS} or {@link #ELLIPSIS}. {@link
 * #parse(String)} reads NumPy's syntax ({@code "1:, ::-2, None, ..."}).
 */
public sealed interface Index {
  /** {@code None} / {@code np.newaxis}: inserts a length-1 axis. */
  Index NEWAXIS = new NewAxis();

  /** {@code ...}: as many full slices as needed. */
  Index ELLIPSIS = new Ellipsis();

  /**
   * An integer index; negative counts from the end.
   *
   * @param i the index
   * @return the index item
   */
  static Index at(long i) {
    return new At(i);
  }

  /**
   * An integer or boolean index array (NumPy's advanced indexing): integer arrays select elements
   * along an axis (broadcast together with the other index arrays); a boolean array selects where
   * it is true along as many axes as it has.
   *
   * @param indices the integer or boolean array of indices
   * @return the index item
   */
  static Index of(NdArray indices) {
    return new Array(indices);
  }

  /**
   * A slice; {@code null} parts take Python's defaults.
   *
   * @param start the first index, or {@code null}
   * @param stop the index before which the slice ends, or {@code null}
   * @param step the step, not 0, or {@code null} for 1
   * @return the slice
   */
  static Index slice(Long start, Long stop, Long step) {
    if (step != null && step == 0) {
      throw new IllegalArgumentException("slice step cannot be zero");
    }
    return new Slice(start, stop, step);
  }

  /**
   * {@code start:stop}.
   *
   * @param start the first index
   * @param stop the index before which the slice ends
   * @return the slice
   */
  static Index slice(long start, long stop) {
    return new Slice(start, stop, null);
  }

  /**
   * {@code :}.
   *
   * @return the full slice
   */
  static Index all() {
    return new Slice(null, null, null);
  }

  /**
   * The items that a mix of Java values stands for, as {@link NdArray#get(Object...)} reads them:
   * integers, strings in NumPy's syntax, {@link Index} items, index arrays, {@code long[]} and
   * {@code int[]}, and objects that an {@link io.ndj.spi.IndexConverter} knows.
   *
   * @param index the Java values
   * @return the index items
   * @throws IllegalArgumentException for an item of another type
   */
  static Index[] items(Object... index) {
    return IndexItems.of(index);
  }

  /**
   * An integer index (see {@link #at}).
   *
   * @param index the index; negative counts from the end
   */
  record At(long index) implements Index {
    @Override
    public String toString() {
      return Long.toString(index);
    }
  }

  /**
   * An index array (see {@link #of}).
   *
   * @param indices the integer or boolean array
   */
  record Array(NdArray indices) implements Index {
    @Override
    public String toString() {
      return "array" + indices.shape();
    }
  }

  /**
   * A slice (see {@link #slice(Long, Long, Long)}).
   *
   * @param start the first index, or {@code null}
   * @param stop the index before which the slice ends, or {@code null}
   * @param step the step, or {@code null} for 1
   */
  record Slice(Long start, Long stop, Long step) implements Index {
    @Override
    public String toString() {
      return (start == null ? "" : start)
          + ":"
          + (stop == null ? "" : stop)
          + (step == null ? "" : ":" + step);
    }
  }

  /** NumPy's {@code None} ({@code np.newaxis}): a new axis of length 1 at its place. */
  final class NewAxis implements Index {
    private NewAxis() {}

    @Override
    public String toString() {
      return "None";
    }
  }

  /** NumPy's {@code ...}: as many full slices as the other items leave. */
  final class Ellipsis implements Index {
    private Ellipsis() {}

    @Override
    public String toString() {
      return "...";
    }
  }

  /**
   * Parses NumPy's basic index syntax.
   *
   * @param text the index, as between NumPy's brackets ({@code "1:, ::2, ..., None"})
   * @return the index items
   * @throws IllegalArgumentException naming the part that is not an int, a slice, None or ...
   */
  static Index[] parse(String text) {
    List<Index> items = new ArrayList<>();
    String t = text.strip();
    if (t.isEmpty() || t.equals("()")) {
      return new Index[0];
    }
    for (String raw : t.split(",", -1)) {
      String p = raw.strip();
      if (p.isEmpty()) {
        throw new IllegalArgumentException("invalid index '" + text + "': empty item");
      }
      if (p.equals("None") || p.equals("np.newaxis") || p.equals("newaxis")) {
        items.add(NEWAXIS);
      } else if (p.equals("...") || p.equals("Ellipsis")) {
        items.add(ELLIPSIS);
      } else if (p.contains(":")) {
        String[] parts = p.split(":", -1);
        if (parts.length > 3) {
          throw new IllegalArgumentException("invalid slice '" + p + "' in index '" + text + "'");
        }
        Long start = num(parts[0], text);
        Long stop = num(parts[1], text);
        Long step = parts.length == 3 ? num(parts[2], text) : null;
        items.add(slice(start, stop, step));
      } else {
        Long v = num(p, text);
        items.add(at(v));
      }
    }
    return items.toArray(new Index[0]);
  }

  private static Long num(String s, String text) {
    String p = s.strip();
    if (p.isEmpty()) {
      return null;
    }
    try {
      return Long.parseLong(p);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "invalid index '"
              + text
              + "': only integers, slices (`:`), ellipsis (`...`) and None are valid"
              + " indices, got '"
              + p
              + "'");
    }
  }
}
