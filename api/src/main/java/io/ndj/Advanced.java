package io.ndj;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * NumPy's advanced indexing with integer and boolean arrays, mixed with basic items. The plan:
 * apply the basic items as a view (advanced axes kept whole), move the advanced axes first and
 * flatten them into one, turn the broadcast index arrays into flat row numbers, and gather or
 * scatter rows. Where NumPy places the broadcast index dimensions (in place when the advanced axes
 * are adjacent, else first) is applied at the end.
 */
final class Advanced {
  private Advanced() {}

  static boolean isAdvanced(Index[] index) {
    for (Index i : index) {
      if (i instanceof Index.Array) {
        return true;
      }
    }
    return false;
  }

  /**
   * The basic view, the view axes the index arrays select, the row numbers into them, and the
   * result layout.
   */
  private record Plan(NdArray view, int[] adv, NdArray rows, long[] bshape, boolean adjacent) {
    int[] permutation() {
      int nd = view.ndim();
      int[] perm = new int[nd];
      int k = 0;
      for (int a : adv) {
        perm[k++] = a;
      }
      for (int i = 0; i < nd; i++) {
        final int ax = i;
        if (Arrays.stream(adv).noneMatch(x -> x == ax)) {
          perm[k++] = i;
        }
      }
      return perm;
    }

    long[] rest() {
      long[] r = new long[view.ndim() - adv.length];
      int k = 0;
      for (int i = 0; i < view.ndim(); i++) {
        final int ax = i;
        if (Arrays.stream(adv).noneMatch(x -> x == ax)) {
          r[k++] = view.shape[i];
        }
      }
      return r;
    }

    /** The result's shape in NumPy's order. */
    long[] resultShape() {
      long[] rest = rest();
      long[] r = new long[bshape.length + rest.length];
      int lead = adjacent ? adv[0] : 0;
      System.arraycopy(rest, 0, r, 0, lead);
      System.arraycopy(bshape, 0, r, lead, bshape.length);
      System.arraycopy(rest, lead, r, lead + bshape.length, rest.length - lead);
      return r;
    }

    /** From (B..., rest...) to NumPy's order. */
    int[] toResultOrder() {
      int nb = bshape.length;
      int nr = view.ndim() - adv.length;
      int lead = adjacent ? adv[0] : 0;
      int[] perm = new int[nb + nr];
      int k = 0;
      for (int i = 0; i < lead; i++) {
        perm[k++] = nb + i;
      }
      for (int i = 0; i < nb; i++) {
        perm[k++] = i;
      }
      for (int i = lead; i < nr; i++) {
        perm[k++] = nb + i;
      }
      return perm;
    }
  }

  private static Plan plan(NdArray a, Index[] index) {
    int nd = a.ndim();
    int consumed = 0;
    int ellipses = 0;
    for (Index ix : index) {
      if (ix instanceof Index.Array arr) {
        consumed += arr.indices().dtype.isBool() ? Math.max(arr.indices().ndim(), 1) : 1;
      } else if (ix instanceof Index.At || ix instanceof Index.Slice) {
        consumed++;
      } else if (ix == Index.ELLIPSIS) {
        ellipses++;
      }
    }
    if (ellipses > 1) {
      throw new IllegalArgumentException("an index can only have a single ellipsis ('...')");
    }
    if (consumed > nd) {
      throw new IndexOutOfBoundsException(
          "too many indices for array: array is "
              + nd
              + "-dimensional, but "
              + consumed
              + " were indexed");
    }
    List<Index> basic = new ArrayList<>();
    List<Integer> adv = new ArrayList<>();
    List<NdArray> idx = new ArrayList<>();
    List<Integer> orig = new ArrayList<>();
    int out = 0;
    int in = 0;
    for (Index ix : index) {
      if (ix == Index.ELLIPSIS) {
        for (int k = 0; k < nd - consumed; k++, out++, in++) {
          basic.add(Index.all());
        }
      } else if (ix == Index.NEWAXIS) {
        basic.add(Index.NEWAXIS);
        out++;
      } else if (ix instanceof Index.Slice) {
        basic.add(ix);
        out++;
        in++;
      } else if (ix instanceof Index.At at) {
        basic.add(Index.all());
        adv.add(out++);
        idx.add(a.backend().full(at.index(), DType.INT64));
        orig.add(in++);
      } else if (ix instanceof Index.Array arr) {
        NdArray x = arr.indices();
        x.ensureOpen();
        if (x.dtype.isBool()) {
          NdArray[] cols = maskColumns(a, x, in);
          for (NdArray c : cols) {
            basic.add(Index.all());
            adv.add(out++);
            idx.add(c);
            orig.add(in++);
          }
        } else if (x.dtype.isInteger()) {
          basic.add(Index.all());
          adv.add(out++);
          idx.add(x.dtype == DType.INT64 ? x : x.astype(DType.INT64));
          orig.add(in++);
        } else {
          throw new IndexOutOfBoundsException(
              "arrays used as indices must be of integer (or boolean) type");
        }
      }
    }
    NdArray view = Indexing.get(a, basic.toArray(new Index[0]));
    int[] axes = adv.stream().mapToInt(Integer::intValue).toArray();
    long[][] shapes = idx.stream().map(x -> x.shape).toArray(long[][]::new);
    long[] bshape;
    try {
      bshape = Broadcast.shapes(shapes);
    } catch (IllegalArgumentException e) {
      StringBuilder m =
          new StringBuilder(
              "shape mismatch: indexing arrays could not be broadcast together with shapes ");
      for (long[] s : shapes) {
        m.append(Shape.format(s, ",")).append(' ');
      }
      throw new IndexOutOfBoundsException(m.toString());
    }
    NdArray rows = a.backend().zeros(DType.INT64);
    for (int j = 0; j < axes.length; j++) {
      long n = view.shape[axes[j]];
      NdArray norm = normalize(idx.get(j), n, orig.get(j));
      NdArray scaled = rows.multiply(n);
      rows = scaled.add(norm);
    }
    boolean adjacent = true;
    for (int j = 1; j < axes.length; j++) {
      adjacent &= axes[j] == axes[j - 1] + 1;
    }
    NdArray bRows = rows.shape.length == bshape.length ? rows : rows.broadcastTo(bshape).copy();
    return new Plan(view, axes, bRows, bshape, adjacent);
  }

  /**
   * Negative indices wrapped; out of range is NumPy's IndexError naming the value, axis and size.
   */
  static NdArray normalize(NdArray idx, long n, int axis) {
    if (idx.size() > 0) {
      long min = idx.min().longValue();
      long max = idx.max().longValue();
      long bad = max >= n ? max : min < -n ? min : 0;
      if (max >= n || min < -n) {
        throw new IndexOutOfBoundsException(
            "index " + bad + " is out of bounds for axis " + axis + " with size " + n);
      }
      if (min >= 0) {
        return idx;
      }
    }
    NdArray neg = idx.lt(0L);
    NdArray shift = neg.astype(DType.INT64).multiply(n);
    return idx.add(shift);
  }

  private static NdArray[] maskColumns(NdArray a, NdArray mask, int firstAxis) {
    if (mask.ndim() == 0) {
      throw new UnsupportedOperationException("0-d boolean indices are not supported");
    }
    for (int d = 0; d < mask.ndim(); d++) {
      long want = a.shape[firstAxis + d];
      if (mask.shape[d] != want) {
        throw new IndexOutOfBoundsException(
            "boolean index did not match indexed array along axis "
                + (firstAxis + d)
                + "; size of axis is "
                + want
                + " but size of corresponding boolean axis is "
                + mask.shape[d]);
      }
    }
    NdArray nz = Selection.argwhere(mask);
    NdArray[] cols = new NdArray[mask.ndim()];
    for (int d = 0; d < cols.length; d++) {
      cols[d] = nz.get(Index.all(), Index.at(d));
    }
    return cols;
  }

  static NdArray get(NdArray a, Index[] index) {
    if (index.length == 1
        && index[0] instanceof Index.Array arr
        && arr.indices().dtype.isBool()
        && arr.indices().ndim() > 0
        && Arrays.equals(arr.indices().shape, a.shape)) {
      return maskSelect(a, arr.indices());
    }
    try (Scope scope = new Scope()) {
      Plan p = plan(a, index);
      NdArray vt = Views.permute(p.view, p.permutation());
      long[] rest = p.rest();
      long rowsTotal = 1;
      for (int ax : p.adv) {
        rowsTotal *= p.view.shape[ax];
      }
      NdArray r = vt.reshape(prepend(rowsTotal, rest));
      long[] outShape = concat(p.bshape, rest);
      NdArray out = NdArray.allocate(a.backend(), a.dtype, outShape);
      new Kernel(a.backend()).gather(out, r, p.rows);
      return scope.keep(Views.permute(out, p.toResultOrder()));
    }
  }

  /**
   * {@code a[mask]} with a mask of a's shape (the common {@code x[x > 0]}): the flat positions of
   * the true elements gather from a's flat C-order values; no per-axis index arithmetic or bounds
   * checks, which cannot fail here.
   */
  private static NdArray maskSelect(NdArray a, NdArray mask) {
    mask.ensureOpen();
    try (Scope scope = new Scope()) {
      NdArray flat = Selection.argwhere(mask.ravel()).reshape(-1);
      NdArray out = NdArray.allocate(a.backend(), a.dtype, flat.shape.clone());
      new Kernel(a.backend()).gather(out, a.ravel(), flat);
      return scope.keep(out);
    }
  }

  static void set(NdArray a, Index[] index, NdArray value) {
    value.ensureOpen();
    if (value.backend() != a.backend()) {
      throw Ufunc.mixed(a, value);
    }
    try (Scope scope = new Scope()) {
      Plan p = plan(a, index);
      if (!p.view.isWriteable()) {
        throw new IllegalArgumentException("assignment destination is read-only");
      }
      long[] resultShape = p.resultShape();
      if (index.length == 1
          && index[0] instanceof Index.Array(NdArray mask)
          && mask.dtype == DType.BOOL
          && mask.ndim() == a.ndim()) {
        // NumPy's own path for x[mask] = v with a mask of x's shape, and its words
        if (value.ndim() > 1) {
          throw new IllegalArgumentException(
              "NumPy boolean array indexing assignment requires a 0 or 1-dimensional input, input"
                  + " has "
                  + value.ndim()
                  + " dimensions");
        }
        long count = Shape.size(resultShape);
        if (value.size() != 1 && value.size() != count) {
          throw new IllegalArgumentException(
              "NumPy boolean array indexing assignment cannot assign "
                  + value.size()
                  + " input values to the "
                  + count
                  + " output values where the mask is true");
        }
      }
      Broadcast.check(
          value.shape,
          resultShape,
          "shape mismatch: value array of shape {from} could not be broadcast to indexing result of shape {to}");
      NdArray v =
          value.dtype == a.dtype && value.storage != a.storage ? value : value.astype(a.dtype);
      NdArray vb = v.broadcastTo(resultShape);
      NdArray vOrdered = Views.permute(vb, inverse(p.toResultOrder()));
      NdArray vt = Views.permute(p.view, p.permutation());
      long rowsTotal = 1;
      for (int ax : p.adv) {
        rowsTotal *= p.view.shape[ax];
      }
      long[] rowsShape = prepend(rowsTotal, p.rest());
      if (Shape.size(rowsShape) == 0 || vOrdered.size() == 0) {
        return; // nothing selected
      }
      long[] st = Views.noCopyStrides(vt.shape, vt.strides, rowsShape);
      Kernel k = new Kernel(a.backend());
      if (st != null) {
        k.scatter(vt.view(rowsShape, st, vt.offset, true), p.rows, vOrdered);
      } else {
        NdArray tmp = vt.reshape(rowsShape);
        k.scatter(tmp, p.rows, vOrdered);
        k.copy(vt, tmp.reshape(vt.shape));
      }
    }
  }

  private static int[] inverse(int[] perm) {
    int[] inv = new int[perm.length];
    for (int i = 0; i < perm.length; i++) {
      inv[perm[i]] = i;
    }
    return inv;
  }

  private static long[] prepend(long first, long[] rest) {
    long[] r = new long[rest.length + 1];
    r[0] = first;
    System.arraycopy(rest, 0, r, 1, rest.length);
    return r;
  }

  static long[] concat(long[] a, long[] b) {
    long[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}
