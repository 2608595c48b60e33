package io.ndj;

import io.ndj.spi.IndexConverter;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Reads a mix of Java values as index items ({@link Index#items(Object...)}). */
final class IndexItems {
  private IndexItems() {}

  /** The converters on the class path, loaded once, on the first foreign item. */
  private static final class Converters {
    static final List<IndexConverter> ALL =
        ServiceLoader.load(IndexConverter.class, IndexItems.class.getClassLoader()).stream()
            .map(ServiceLoader.Provider::get)
            .toList();
  }

  static Index[] of(Object... index) {
    List<Index> items = new ArrayList<>();
    for (Object o : index) {
      switch (o) {
        case Integer i -> items.add(Index.at(i));
        case Long l -> items.add(Index.at(l));
        case Short v -> items.add(Index.at(v));
        case Byte v -> items.add(Index.at(v));
        case String text -> items.addAll(List.of(Index.parse(text)));
        case Index i -> items.add(i);
        case NdArray a -> items.add(Index.of(a));
        case long[] ls -> {
          for (long l : ls) {
            items.add(Index.at(l));
          }
        }
        case int[] is -> {
          for (int l : is) {
            items.add(Index.at(l));
          }
        }
        case null -> throw new IllegalArgumentException("an index item may not be null");
        default -> items.addAll(List.of(foreign(o)));
      }
    }
    return items.toArray(Index[]::new);
  }

  private static Index[] foreign(Object o) {
    for (IndexConverter c : Converters.ALL) {
      Index[] converted = c.convert(o);
      if (converted != null) {
        return converted;
      }
    }
    throw new IllegalArgumentException(
        "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer"
            + " or boolean arrays are valid indices; got a "
            + o.getClass().getSimpleName());
  }
}
