package io.ndj.nd4j;

import static org.bytedeco.openblas.global.openblas.LAPACKE_dgeqrf;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dgesdd;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dgesv;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dgetrf;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dorgqr;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dpotrf;
import static org.bytedeco.openblas.global.openblas.LAPACKE_dsyevd;
import static org.bytedeco.openblas.global.openblas.LAPACKE_set_nancheck;
import static org.bytedeco.openblas.global.openblas.LAPACKE_sgeqrf;
import static org.bytedeco.openblas.global.openblas.LAPACKE_sgesdd;
import static org.bytedeco.openblas.global.openblas.LAPACKE_sgesv;
import static org.bytedeco.openblas.global.openblas.LAPACKE_sorgqr;
import static org.bytedeco.openblas.global.openblas.LAPACKE_spotrf;
import static org.bytedeco.openblas.global.openblas.LAPACKE_ssyevd;
import static org.bytedeco.openblas.global.openblas.LAPACK_ROW_MAJOR;

import io.ndj.DType;
import io.ndj.spi.Buffer;
import io.ndj.spi.Kernels;
import io.ndj.spi.View;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.blas.Blas;
import org.nd4j.linalg.factory.Nd4j;

/**
 * numpy.linalg's factorizations on the LAPACK that ND4J ships (OpenBLAS's LAPACKE, which ND4J's own
 * {@code Lapack} calls through JavaCPP), each matrix of a stack by the routine NumPy calls: gesv
 * for solve, potrf, getrf for slogdet, syevd for eigh, geqrf and orgqr for qr, gesdd for svd; in
 * float32 where the result is float32 (s-routines), else float64, row-major on a copy of the stack
 * made by the backend's own copy kernel (any input dtype and layout). ND4J's {@code Lapack} itself
 * is not used: it lacks gesv, syevd and gesdd, warns instead of reporting a singular matrix, and
 * its svd computes full matrices only. A stack with a NaN in a matrix goes back to io.ndj's host
 * path (-1, nothing written), whose answers are NumPy's (this OpenBLAS stops potrf at a NaN pivot
 * and gesdd refuses NaN, where NumPy's LAPACK propagates NaN or raises "SVD did not converge"), as
 * do matrices whose element count exceeds LAPACK's 32-bit indices, and empty ones. LAPACKE's own
 * NaN check is off, so that a NaN on a right-hand side gives NaN solutions, as in NumPy.
 */
final class Lapack4j {
  static {
    LAPACKE_set_nancheck(0);
  }

  private final Kernels k;

  Lapack4j(Kernels k) {
    this.k = k;
  }

  /** See {@link Kernels#solve}. */
  long solve(View out, View a, View b) {
    int n = order(a);
    long kk = out.shape()[out.ndim() - 1];
    if (n <= 0 || kk <= 0 || (long) n * kk > Integer.MAX_VALUE) {
      return -1;
    }
    boolean f = out.dtype() == DType.FLOAT32;
    try (Copy m = new Copy(a, out.dtype());
        IntPointer piv = new IntPointer(n)) {
      if (m.hasNaN()) {
        return -1;
      }
      k.copy(out, b);
      return each(
          m.count,
          q -> {
            Pointer at = m.matrix(q);
            Pointer x = pointer(out, q * n * kk);
            int info =
                f
                    ? LAPACKE_sgesv(
                        LAPACK_ROW_MAJOR,
                        n,
                        (int) kk,
                        (FloatPointer) at,
                        n,
                        piv,
                        (FloatPointer) x,
                        (int) kk)
                    : LAPACKE_dgesv(
                        LAPACK_ROW_MAJOR,
                        n,
                        (int) kk,
                        (DoublePointer) at,
                        n,
                        piv,
                        (DoublePointer) x,
                        (int) kk);
            return check(info, "gesv");
          });
    }
  }

  /** See {@link Kernels#cholesky}: the lower factor, zeros above the diagonal. */
  long cholesky(View out, View a) {
    int n = order(a);
    DType t = out.dtype();
    boolean f = t == DType.FLOAT32;
    return n <= 0
        ? -1
        : inPlace(
            a,
            t,
            out,
            (m, q) -> {
              Pointer at = m.matrix(q);
              int info =
                  f
                      ? LAPACKE_spotrf(LAPACK_ROW_MAJOR, (byte) 'L', n, (FloatPointer) at, n)
                      : LAPACKE_dpotrf(LAPACK_ROW_MAJOR, (byte) 'L', n, (DoublePointer) at, n);
              if (!check(info, "potrf")) {
                return false;
              }
              MemorySegment mq = m.segment(q);
              long size = t.itemsize();
              for (int i = 0; i < n - 1; i++) { // potrf leaves the upper triangle as it was
                mq.asSlice(((long) i * n + i + 1) * size, (n - 1 - i) * size).fill((byte) 0);
              }
              return true;
            });
  }

  /** See {@link Kernels#slogdet}: getrf in float64, the sign from the pivots and the diagonal. */
  long slogdet(View sign, View logabsdet, View a) {
    int n = order(a);
    long count = sign.size(); // one result a matrix, held in Java arrays below
    if (n <= 0 || count > Integer.MAX_VALUE - 8) {
      return -1;
    }
    try (Copy m = new Copy(a, DType.FLOAT64);
        IntPointer piv = new IntPointer(n)) {
      if (m.hasNaN()) {
        return -1;
      }
      int[] p = new int[n];
      double[] s = new double[(int) count];
      double[] log = new double[(int) count];
      each(
          m.count,
          q -> {
            DoublePointer at = (DoublePointer) m.matrix(q);
            int info = LAPACKE_dgetrf(LAPACK_ROW_MAJOR, n, n, at, n, piv);
            check(Math.min(info, 0), "getrf"); // info > 0: an exact zero pivot, sign 0
            piv.get(p);
            int sg = 1;
            double acc = 0;
            for (int i = 0; i < n; i++) {
              double u = at.get((long) i * n + i);
              if (u == 0) {
                sg = 0;
                break;
              }
              if ((p[i] != i + 1) != (u < 0)) { // a row swap and a negative pivot each flip it
                sg = -sg;
              }
              acc += Math.log(Math.abs(u));
            }
            s[(int) q] = sg;
            log[(int) q] = sg == 0 ? Double.NEGATIVE_INFINITY : acc;
            return true;
          });
      store(sign, s);
      store(logabsdet, log);
      return 0;
    }
  }

  /** See {@link Kernels#eigh}: syevd, reading the triangle asked for. */
  long eigh(View w, View v, View a, boolean lower) {
    int n = order(a);
    DType t = w.dtype();
    boolean f = t == DType.FLOAT32;
    byte job = (byte) (v == null ? 'N' : 'V');
    byte uplo = (byte) (lower ? 'L' : 'U');
    return n <= 0
        ? -1
        : inPlace(
            a,
            t,
            v,
            (m, q) -> {
              Pointer at = m.matrix(q);
              Pointer values = pointer(w, q * n);
              int info =
                  f
                      ? LAPACKE_ssyevd(
                          LAPACK_ROW_MAJOR,
                          job,
                          uplo,
                          n,
                          (FloatPointer) at,
                          n,
                          (FloatPointer) values)
                      : LAPACKE_dsyevd(
                          LAPACK_ROW_MAJOR,
                          job,
                          uplo,
                          n,
                          (DoublePointer) at,
                          n,
                          (DoublePointer) values);
              return check(info, "syevd");
            });
  }

  interface Factor {
    boolean run(Copy m, long q);
  }

  /**
   * Factors a copy of a's stack in dtype t in place, a matrix at a time, and copies it into {@code
   * result} (where not null) when every matrix succeeded: -1, nothing written, where the stack
   * holds a NaN; else as {@link #each}.
   */
  private long inPlace(View a, DType t, View result, Factor factor) {
    try (Copy m = new Copy(a, t)) {
      if (m.hasNaN()) {
        return -1;
      }
      long failed = each(m.count, q -> factor.run(m, q));
      if (failed == 0 && result != null) {
        m.into(result);
      }
      return failed;
    }
  }

  /** See {@link Kernels#qr}: geqrf, R from its upper triangle, Q by orgqr from the reflectors. */
  long qr(View q, View r, View a, boolean complete) {
    int rows = (int) Math.min(a.shape()[a.ndim() - 2], Integer.MAX_VALUE);
    int cols = (int) Math.min(a.shape()[a.ndim() - 1], Integer.MAX_VALUE);
    long mm = a.shape()[a.ndim() - 2];
    long nn = a.shape()[a.ndim() - 1];
    int kk = Math.min(rows, cols);
    int qc = complete ? rows : kk; // Q's columns
    int rr = complete ? rows : kk; // R's rows
    if (kk == 0 || mm * nn > Integer.MAX_VALUE || mm * Math.max(qc, cols) > Integer.MAX_VALUE) {
      return -1;
    }
    DType t = r.dtype();
    boolean f = t == DType.FLOAT32;
    int size = t.itemsize();
    try (Copy m = new Copy(a, t);
        Pointer tau = f ? new FloatPointer(kk) : new DoublePointer(kk);
        Scratch qs = q == null ? null : new Scratch(k, (long) rows * qc, t)) {
      if (m.hasNaN()) {
        return -1;
      }
      MemorySegment rm = segment(r);
      return each(
          m.count,
          b -> {
            Pointer at = m.matrix(b);
            int info =
                f
                    ? LAPACKE_sgeqrf(
                        LAPACK_ROW_MAJOR, rows, cols, (FloatPointer) at, cols, (FloatPointer) tau)
                    : LAPACKE_dgeqrf(
                        LAPACK_ROW_MAJOR,
                        rows,
                        cols,
                        (DoublePointer) at,
                        cols,
                        (DoublePointer) tau);
            if (!check(info, "geqrf")) {
              return false;
            }
            MemorySegment am = m.segment(b);
            // R: A's first rr rows, the reflectors below the diagonal zeroed
            long base = (r.offset() + b * rr * cols) * size;
            MemorySegment.copy(am, 0, rm, base, (long) rr * cols * size);
            for (int i = 1; i < rr; i++) {
              rm.asSlice(base + (long) i * cols * size, (long) Math.min(i, cols) * size)
                  .fill((byte) 0);
            }
            if (q == null) {
              return true;
            }
            // Q: the reflectors in A's first min(cols, qc) columns of a rows x qc matrix
            MemorySegment qm = qs.segment();
            int take = Math.min(cols, qc);
            for (int i = 0; i < rows; i++) {
              MemorySegment.copy(
                  am, (long) i * cols * size, qm, (long) i * qc * size, (long) take * size);
            }
            info =
                f
                    ? LAPACKE_sorgqr(
                        LAPACK_ROW_MAJOR,
                        rows,
                        qc,
                        kk,
                        (FloatPointer) qs.pointer(),
                        qc,
                        (FloatPointer) tau)
                    : LAPACKE_dorgqr(
                        LAPACK_ROW_MAJOR,
                        rows,
                        qc,
                        kk,
                        (DoublePointer) qs.pointer(),
                        qc,
                        (DoublePointer) tau);
            if (!check(info, "orgqr")) {
              return false;
            }
            MemorySegment.copy(
                qm, 0, segment(q), (q.offset() + b * rows * qc) * size, (long) rows * qc * size);
            return true;
          });
    }
  }

  /**
   * See {@link Kernels#svd}: gesdd, as NumPy. Values alone are computed with the vectors too (into
   * scratch), so that they equal those of a call with vectors, as the SPI asks.
   */
  long svd(View s, View u, View vh, View a, boolean full) {
    long mm = a.shape()[a.ndim() - 2];
    long nn = a.shape()[a.ndim() - 1];
    long kk = Math.min(mm, nn);
    long uc = full ? mm : kk; // U's columns
    long vr = full ? nn : kk; // VT's rows
    if (kk == 0 || mm * Math.max(nn, uc) > Integer.MAX_VALUE || vr * nn > Integer.MAX_VALUE) {
      return -1;
    }
    int rows = (int) mm;
    int cols = (int) nn;
    DType t = s.dtype();
    boolean f = t == DType.FLOAT32;
    boolean vectors = u != null;
    try (Copy m = new Copy(a, t);
        Scratch us = vectors ? null : new Scratch(k, mm * uc, t);
        Scratch vs = vectors ? null : new Scratch(k, vr * nn, t)) {
      if (m.hasNaN()) {
        return -1;
      }
      byte job = (byte) (full && vectors ? 'A' : 'S');
      return each(
          m.count,
          b -> {
            Pointer at = m.matrix(b);
            Pointer sp = pointer(s, b * kk);
            Pointer up = vectors ? pointer(u, b * mm * uc) : us.pointer();
            Pointer vp = vectors ? pointer(vh, b * vr * nn) : vs.pointer();
            int info =
                f
                    ? LAPACKE_sgesdd(
                        LAPACK_ROW_MAJOR,
                        job,
                        rows,
                        cols,
                        (FloatPointer) at,
                        cols,
                        (FloatPointer) sp,
                        (FloatPointer) up,
                        (int) uc,
                        (FloatPointer) vp,
                        cols)
                    : LAPACKE_dgesdd(
                        LAPACK_ROW_MAJOR,
                        job,
                        rows,
                        cols,
                        (DoublePointer) at,
                        cols,
                        (DoublePointer) sp,
                        (DoublePointer) up,
                        (int) uc,
                        (DoublePointer) vp,
                        cols);
            return check(info, "gesdd");
          });
    }
  }

  /** The order of a's square matrices, or -1 past LAPACK's 32-bit indices. */
  private static int order(View a) {
    long n = a.shape()[a.ndim() - 1];
    return n * n > Integer.MAX_VALUE ? -1 : (int) n;
  }

  /** Whether LAPACK's info says done (0) or a numeric failure (> 0); a bad argument throws. */
  private static boolean check(int info, String routine) {
    if (info < 0) {
      throw new IllegalStateException(routine + ": argument " + -info + " was not valid");
    }
    return info == 0;
  }

  interface Task {
    boolean run(long q);
  }

  /**
   * Runs task on each matrix in turn: 0 when all succeeded, else 1 + the first that failed. LAPACK
   * runs on one OpenBLAS thread meanwhile: its threaded factorizations (getrf above 32 x 32) crash
   * the JVM beside ND4J's OpenMP threads, as ND4J's own {@code Lapack} does (measured with ND4J
   * 1.0.0-M2.1's OpenBLAS 0.3.19); the previous thread count comes back afterwards.
   */
  private static long each(long count, Task task) {
    synchronized (Lapack4j.class) {
      Blas blas = Nd4j.factory().blas();
      int threads = blas.getMaxThreads();
      blas.setMaxThreads(1);
      try {
        for (long q = 0; q < count; q++) {
          if (!task.run(q)) {
            return q + 1;
          }
        }
        return 0;
      } finally {
        blas.setMaxThreads(threads);
      }
    }
  }

  private static MemorySegment segment(View v) {
    Nd4jBuffer b = (Nd4jBuffer) v.buffer();
    return MemorySegment.ofAddress(b.address()).reinterpret(b.byteSize());
  }

  /** v's element {@code offset + at} as a typed pointer (float32 or float64). */
  private static Pointer pointer(View v, long at) {
    return pointer(((Nd4jBuffer) v.buffer()).address(), v.offset() + at, v.dtype());
  }

  private static Pointer pointer(long base, long element, DType t) {
    long at = base + element * t.itemsize(); // not "address": the field would shadow it
    Pointer p =
        new Pointer() {
          {
            address = at;
          }
        };
    return t == DType.FLOAT32 ? new FloatPointer(p) : new DoublePointer(p);
  }

  /** Writes a float64 result per matrix into a C-contiguous float64 view. */
  private static void store(View v, double[] values) {
    MemorySegment.copy(
        values,
        0,
        segment(v),
        ValueLayout.JAVA_DOUBLE_UNALIGNED,
        v.offset() * Double.BYTES,
        values.length);
  }

  /** Native scratch of {@code elements} values of t, freed on close. */
  private static final class Scratch implements AutoCloseable {
    final Kernels k;
    final Buffer buffer;
    final DType t;
    final long elements;

    Scratch(Kernels k, long elements, DType t) {
      this.k = k;
      this.t = t;
      this.elements = elements;
      this.buffer = k.allocate(Math.max(1, elements) * t.itemsize());
    }

    Pointer pointer() {
      return Lapack4j.pointer(((Nd4jBuffer) buffer).address(), 0, t);
    }

    MemorySegment segment() {
      return MemorySegment.ofAddress(((Nd4jBuffer) buffer).address())
          .reinterpret(elements * t.itemsize());
    }

    @Override
    public void close() {
      k.free(buffer);
    }
  }

  /** A C-contiguous copy of a stack of matrices in dtype t (the backend's copy kernel). */
  private final class Copy implements AutoCloseable {
    final long count;
    final long per;
    final DType t;
    final Scratch scratch;

    Copy(View a, DType t) {
      int nd = a.ndim();
      this.t = t;
      this.per = a.shape()[nd - 2] * a.shape()[nd - 1];
      this.count = a.size() / per;
      this.scratch = new Scratch(k, a.size(), t);
      long[] shape = a.shape().clone();
      k.copy(new View(scratch.buffer, t, shape, View.cStrides(shape), 0), a);
    }

    Pointer matrix(long q) {
      return Lapack4j.pointer(((Nd4jBuffer) scratch.buffer).address(), q * per, t);
    }

    MemorySegment segment(long q) {
      return scratch.segment().asSlice(q * per * t.itemsize(), per * t.itemsize());
    }

    /** Whether any value is NaN (LAPACK's answers for those are not NumPy's). */
    boolean hasNaN() {
      MemorySegment all = scratch.segment();
      long n = count * per;
      for (long i = 0; i < n; i++) {
        double x =
            t == DType.FLOAT32
                ? all.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, i)
                : all.getAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, i);
        if (x != x) {
          return true;
        }
      }
      return false;
    }

    /** The stack into a C-contiguous view of its shape and dtype. */
    void into(View out) {
      MemorySegment.copy(
          scratch.segment(),
          0,
          Lapack4j.segment(out),
          out.offset() * t.itemsize(),
          count * per * t.itemsize());
    }

    @Override
    public void close() {
      scratch.close();
    }
  }
}
