package io.ndj;

/**
 * NumPy's {@code unique(x, return_index=True, return_inverse=True, return_counts=True)}: the sorted
 * distinct values of the flattened array (NaNs collapsed into one), the index of each value's first
 * occurrence, for each input element the index of its value in {@code values} (in the input's
 * shape), and how often each value occurs. The caller owns (closes) the four arrays.
 *
 * @param values the sorted distinct values
 * @param indices the index of each value's first occurrence in the flattened input (int64)
 * @param inverse the index in {@code values} of each input element, in the input's shape (int64)
 * @param counts how often each value occurs (int64)
 */
public record Unique(NdArray values, NdArray indices, NdArray inverse, NdArray counts)
    implements AutoCloseable {
  @Override
  public void close() {
    values.close();
    indices.close();
    inverse.close();
    counts.close();
  }
}
