package io.ndj;

import java.util.ArrayList;
import java.util.List;

/** Basic indexing: every result is a view. */
final class Indexing {
  private Indexing() {}

  static NdArray get(NdArray a, Index[] index) {
    a.ensureOpen();
    if (Advanced.isAdvanced(index)) {
      return Advanced.get(a, index);
    }
    int real = 0;
    int ellipses = 0;
    for (Index ix : index) {
      if (ix instanceof Index.At || ix instanceof Index.Slice) {
        real++;
      } else if (ix == Index.ELLIPSIS) {
        ellipses++;
      }
    }
    if (ellipses > 1) {
      throw new IllegalArgumentException("an index can only have a single ellipsis ('...')");
    }
    int nd = a.ndim();
    if (real > nd) {
      throw new IndexOutOfBoundsException(
          "too many indices for array: array is "
              + nd
              + "-dimensional, but "
              + real
              + " were indexed");
    }
    List<Long> shape = new ArrayList<>();
    List<Long> strides = new ArrayList<>();
    long offset = a.offset;
    int axis = 0;
    for (Index ix : index) {
      if (ix == Index.ELLIPSIS) {
        for (int k = 0; k < nd - real; k++, axis++) {
          shape.add(a.shape[axis]);
          strides.add(a.strides[axis]);
        }
      } else if (ix == Index.NEWAXIS) {
        shape.add(1L);
        strides.add(0L);
      } else if (ix instanceof Index.At at) {
        long n = a.shape[axis];
        long i = at.index();
        if (i < -n || i >= n) {
          throw new IndexOutOfBoundsException(
              "index " + i + " is out of bounds for axis " + axis + " with size " + n);
        }
        offset += (i < 0 ? i + n : i) * a.strides[axis];
        axis++;
      } else if (ix instanceof Index.Slice s) {
        long n = a.shape[axis];
        long[] r = indices(s, n);
        shape.add(r[3]);
        strides.add(a.strides[axis] * r[2]);
        if (r[3] > 0) {
          offset += r[0] * a.strides[axis];
        }
        axis++;
      }
    }
    for (; axis < nd; axis++) {
      shape.add(a.shape[axis]);
      strides.add(a.strides[axis]);
    }
    return a.view(toArray(shape), toArray(strides), offset, true);
  }

  /** Python's {@code slice.indices(n)} plus the length: {start, stop, step, length}. */
  static long[] indices(Index.Slice s, long n) {
    long step = s.step() == null ? 1 : s.step();
    long start;
    long stop;
    if (step > 0) {
      start = s.start() == null ? 0 : clamp(s.start(), n, 0, n);
      stop = s.stop() == null ? n : clamp(s.stop(), n, 0, n);
    } else {
      start = s.start() == null ? n - 1 : clamp(s.start(), n, -1, n - 1);
      stop = s.stop() == null ? -1 : clamp(s.stop(), n, -1, n - 1);
    }
    long len;
    if (step > 0) {
      len = stop > start ? (stop - start + step - 1) / step : 0;
    } else {
      len = start > stop ? (start - stop - step - 1) / (-step) : 0;
    }
    return new long[] {start, stop, step, len};
  }

  private static long clamp(long v, long n, long lo, long hi) {
    long x = v < 0 ? v + n : v;
    return Math.max(lo, Math.min(hi, x));
  }

  private static long[] toArray(List<Long> l) {
    long[] r = new long[l.size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = l.get(i);
    }
    return r;
  }

  static NdArray set(NdArray a, Index[] index, NdArray value) {
    if (Advanced.isAdvanced(index)) {
      Advanced.set(a, index, value);
      return a;
    }
    try (NdArray dst = get(a, index)) {
      requireWriteable(dst);
      if (value.backend() != a.backend()) {
        throw Ufunc.mixed(a, value);
      }
      Broadcast.check(
          value.shape,
          dst.shape,
          "could not broadcast input array from shape {from} into shape {to}");
      if (value.storage == a.storage) {
        // the source may overlap the destination: copy it first, as NumPy does
        try (NdArray tmp = value.copy()) {
          new Kernel(a.backend()).copy(dst, tmp);
        }
      } else {
        new Kernel(a.backend()).copy(dst, value);
      }
    }
    return a;
  }

  static NdArray set(NdArray a, Index[] index, Number value) {
    if (Advanced.isAdvanced(index)) {
      try (NdArray v = a.backend().full(value, a.dtype)) {
        Advanced.set(a, index, v);
      }
      return a;
    }
    try (NdArray dst = get(a, index)) {
      requireWriteable(dst);
      new Kernel(a.backend()).fill(dst, Scalars.forStore(value, a.dtype));
    }
    return a;
  }

  private static void requireWriteable(NdArray dst) {
    if (!dst.isWriteable()) {
      throw new IllegalArgumentException("assignment destination is read-only");
    }
  }
}
