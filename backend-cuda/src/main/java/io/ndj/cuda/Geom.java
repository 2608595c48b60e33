package io.ndj.cuda;

import io.ndj.spi.Strided;
import io.ndj.spi.View;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The {@code struct Geom} of common.cuh, packed for a kernel parameter: a shape (at most {@link
 * #MAXD} axes after coalescing), up to four operands' element strides, and their element offsets.
 */
final class Geom {
  static final int MAXD = 12;
  private static final int BYTES = 8 + 8 * MAXD + 4 * 8 * MAXD + 4 * 8;

  private Geom() {}

  /** Coalesced geometry of same-shaped operands. */
  static byte[] of(long[] shape, long[][] strides, long[] offsets) {
    Strided.Layout l = Strided.coalesce(shape, strides);
    return raw(l.shape(), l.strides(), offsets);
  }

  /** Geometry without coalescing (for kernels that need the real multi-index). */
  static byte[] raw(long[] shape, long[][] strides, long[] offsets) {
    if (shape.length > MAXD) {
      throw new UnsupportedOperationException(
          "cuda backend: views with more than " + MAXD + " non-mergeable axes are not supported");
    }
    ByteBuffer b = ByteBuffer.allocate(BYTES).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(shape.length).putInt(0);
    for (int i = 0; i < MAXD; i++) {
      b.putLong(i < shape.length ? shape[i] : 1);
    }
    for (int q = 0; q < 4; q++) {
      for (int i = 0; i < MAXD; i++) {
        b.putLong(q < strides.length && i < shape.length ? strides[q][i] : 0);
      }
    }
    for (int q = 0; q < 4; q++) {
      b.putLong(q < offsets.length ? offsets[q] : 0);
    }
    return b.array();
  }

  /** The lines of two views along {@code axis}: geometry over the other axes (out, in). */
  static byte[] lines(View out, View in, int axis) {
    Strided.Split split = Strided.split(out, in, axis);
    return Geom.of(
        split.keptShape(),
        new long[][] {split.keptOut(), split.keptIn()},
        new long[] {out.offset(), in.offset()});
  }
}
