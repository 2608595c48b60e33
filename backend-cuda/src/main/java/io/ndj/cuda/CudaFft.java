package io.ndj.cuda;

import io.ndj.DType;
import io.ndj.cuda.driver.Cufft;
import io.ndj.cuda.driver.DevicePtr;
import io.ndj.cuda.driver.Driver;
import io.ndj.spi.BinaryOp;
import io.ndj.spi.View;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cuda backend's FFTs: cuFFT (bound with FFM) on the backend's stream, with a plan cache as
 * CuPy keeps one (keyed by length, layout, type and batch; at most {@link #MAX_PLANS}, least
 * recently used out), each plan holding a work area from the backend's memory pool, as CuPy's plans
 * hold theirs. A batch whose lines lie at one stride apart is transformed in place of its layout
 * (cuFFT's advanced layout); any other is copied to a contiguous block first.
 */
final class CudaFft {
  static final int MAX_PLANS = 16;

  private final CudaKernels kernels;
  private final Driver driver;
  private final MemoryPool pool;
  private Cufft lib;
  private String missing;
  private final Map<Key, Held> plans = new LinkedHashMap<>(16, 0.75f, true);

  /** A cached plan and the work area it holds (from the pool; null when it needs none). */
  private record Held(Cufft.Plan plan, CudaBuffer work) {}

  private void drop(Held h) {
    lib.destroy(h.plan.handle());
    if (h.work != null) {
      pool.release(h.work);
    }
  }

  /** dims outermost first; strides and distances in elements; embeds implied (see plan). */
  private record Key(
      List<Long> dims, long istride, long idist, long ostride, long odist, int type, long batch) {
    long[] dimsArray() {
      return dims.stream().mapToLong(Long::longValue).toArray();
    }
  }

  // a plan's inembed/onembed: ignored by cuFFT for one dimension, but non-null asks for the
  // advanced layout (istride, idist)

  CudaFft(CudaKernels kernels, Driver driver, MemoryPool pool) {
    this.kernels = kernels;
    this.driver = driver;
    this.pool = pool;
  }

  private synchronized Cufft lib() {
    if (lib == null && missing == null) {
      List<String> whyNot = new ArrayList<>();
      lib = Cufft.load(whyNot);
      if (lib == null) {
        missing = String.join("; ", whyNot);
      }
    }
    if (lib == null) {
      throw new UnsupportedOperationException(
          "fft is not supported on backend cuda: libcufft could not be loaded (" + missing + ")");
    }
    return lib;
  }

  /** Where cuFFT was found, or why not. */
  synchronized String describe() {
    try {
      return lib().describe();
    } catch (UnsupportedOperationException e) {
      return e.getMessage();
    }
  }

  synchronized int size() {
    return plans.size();
  }

  synchronized void clear() {
    if (!plans.isEmpty()) {
      driver.synchronize(); // no run may still use a plan that goes
    }
    for (Held h : plans.values()) {
      drop(h);
    }
    plans.clear();
  }

  private synchronized Cufft.Plan plan(Cufft f, Key k) {
    Held held = plans.get(k);
    if (held == null) {
      long[] dims = k.dimsArray();
      long n = dims[0];
      long inLine = k.type == Cufft.C2R || k.type == Cufft.Z2D ? n / 2 + 1 : n;
      long outLine = k.type == Cufft.R2C || k.type == Cufft.D2Z ? n / 2 + 1 : n;
      // the basic layout where lines are packed (cuFFT's choice of kernels is widest there)
      boolean basic =
          dims.length > 1
              || (k.istride == 1 && k.idist == inLine && k.ostride == 1 && k.odist == outLine);
      Cufft.Plan p =
          basic
              ? f.plan(driver, dims, null, 1, 0, null, 1, 0, k.type, k.batch)
              : f.plan(
                  driver,
                  dims,
                  new long[] {inLine},
                  k.istride,
                  k.idist,
                  new long[] {outLine},
                  k.ostride,
                  k.odist,
                  k.type,
                  k.batch);
      CudaBuffer work = null;
      try {
        if (p.workBytes() > 0) {
          work = pool.allocate(p.workBytes());
          f.setWorkArea(p, work.ptr());
        }
      } catch (RuntimeException e) {
        f.destroy(p.handle());
        if (work != null) {
          pool.release(work);
        }
        throw e;
      }
      held = new Held(p, work);
      plans.put(k, held);
      if (plans.size() > MAX_PLANS) {
        driver.synchronize(); // no run may still use the plan that goes
        var eldest = plans.entrySet().iterator();
        Held old = eldest.next().getValue();
        eldest.remove();
        drop(old);
      }
    }
    return held.plan;
  }

  /**
   * See {@link io.ndj.spi.Kernels#fftn}: one rank-d plan over the trailing axes of C-contiguous
   * operands, batched over the leading ones.
   */
  boolean nd(View out, View in, int rank, boolean inverse, double scale) {
    if (!in.isContiguous() || !out.isContiguous() || rank < 1 || rank > 3) {
      return false;
    }
    Cufft f = lib();
    int nd = in.ndim();
    List<Long> dims = new ArrayList<>();
    long per = 1;
    for (int i = nd - rank; i < nd; i++) {
      dims.add(in.shape()[i]);
      per *= in.shape()[i];
    }
    int type = in.dtype() == DType.COMPLEX64 ? Cufft.C2C : Cufft.Z2Z;
    exec(f, new Key(dims, 1, per, 1, per, type, in.size() / per), in, out, type, inverse);
    scale(out, scale);
    return true;
  }

  private void exec(Cufft f, Key key, View src, View dst, int type, boolean inverse) {
    Cufft.Plan p = plan(f, key);
    driver.makeCurrent();
    f.exec(p, type, at(src), at(dst), inverse);
  }

  private void scale(View out, double scale) {
    if (scale != 1) {
      View flat = flat(out);
      double s = flat.dtype() == DType.FLOAT32 ? (double) (float) scale : scale;
      kernels.binaryScalar(BinaryOp.MULTIPLY, flat, flat, s, false);
    }
  }

  /** See {@link io.ndj.spi.Kernels#fft}. */
  boolean c2c(View out, View in, boolean inverse, double scale) {
    if (kernels.fftPairs(out, in, scale)) {
      return true;
    }
    int type = in.dtype() == DType.COMPLEX64 ? Cufft.C2C : Cufft.Z2Z;
    return run(out, in, type, inverse, scale);
  }

  /** See {@link io.ndj.spi.Kernels#rfft}. */
  boolean r2c(View out, View in, double scale) {
    int type = in.dtype() == DType.FLOAT32 ? Cufft.R2C : Cufft.D2Z;
    return run(out, in, type, false, scale);
  }

  /**
   * See {@link io.ndj.spi.Kernels#irfft}: cuFFT's C2R writes over its input, so the spectrum is
   * always copied into scratch first (packed lines), then one plan transforms every line into out.
   */
  boolean c2r(View out, View in, double scale) {
    if (!out.isContiguous()) {
      return false;
    }
    Cufft f = lib();
    int type = in.dtype() == DType.COMPLEX64 ? Cufft.C2R : Cufft.Z2D;
    int nd = in.ndim();
    long n = out.shape()[nd - 1];
    long half = in.shape()[nd - 1];
    try (Working held = new Working(pool)) {
      View src = packed(held, in);
      exec(f, new Key(List.of(n), 1, half, 1, n, type, out.size() / n), src, out, type, false);
    }
    scale(out, scale);
    return true;
  }

  /**
   * Transforms every line of in (its last axis, n points) into out's lines (C-contiguous), then
   * scales out.
   */
  private boolean run(View out, View in, int type, boolean inverse, double scale) {
    Cufft f = lib();
    int nd = in.ndim();
    long n = in.shape()[nd - 1];
    long outLine = out.shape()[nd - 1];
    long batch = in.size() / n;
    long istride = in.strides()[nd - 1];
    long idist = lineDistance(in, n, istride);
    try (Working held = new Working(pool)) {
      View src = in;
      if (istride <= 0 || idist <= 0) {
        // lines at no one stride apart (or reversed, broadcast): one contiguous copy first
        src = packed(held, in);
        istride = 1;
        idist = n;
      }
      long ostride = out.strides()[nd - 1];
      long odist = lineDistance(out, outLine, ostride);
      View dst = out;
      boolean staged = ostride <= 0 || odist <= 0;
      if (staged) {
        dst = scratch(held, out);
        ostride = 1;
        odist = outLine;
      }
      exec(
          f,
          new Key(List.of(n), istride, idist, ostride, odist, type, batch),
          src,
          dst,
          type,
          inverse);
      if (staged) {
        kernels.copy(out.pairs(), dst.pairs());
      }
    }
    scale(out, scale);
    return true;
  }

  /** A C-order scratch array (held until the call ends) of v's dtype and shape. */
  private static View scratch(Working held, View v) {
    DType t = v.dtype();
    return new View(held.take(v.size() * t.itemsize()), t, v.shape(), View.cStrides(v.shape()), 0);
  }

  /** A C-order copy of v in scratch (held until the call ends). */
  private View packed(Working held, View v) {
    View c = scratch(held, v);
    if (v.dtype().isComplex()) {
      kernels.copy(c.pairs(), v.pairs());
    } else {
      kernels.copy(c, v);
    }
    return c;
  }

  /**
   * The distance in elements between consecutive lines when every leading axis steps by one stride
   * pattern (the batch is one arithmetic progression), else -1.
   */
  static long lineDistance(View v, long n, long istride) {
    long[] shape = v.shape();
    long[] strides = v.strides();
    long dist = -1;
    long expected = -1;
    for (int i = shape.length - 2; i >= 0; i--) {
      if (shape[i] == 1) {
        continue;
      }
      if (dist < 0) {
        dist = strides[i];
        expected = dist * shape[i];
        if (dist <= 0) {
          return -1;
        }
        continue;
      }
      if (strides[i] != expected) {
        return -1;
      }
      expected *= shape[i];
    }
    return dist < 0 ? n * Math.max(istride, 1) : dist;
  }

  /**
   * A complex view as its component floats: one run where it is C-contiguous, else (re, im) pairs
   * in its own layout.
   */
  private static View flat(View v) {
    if (!v.dtype().isComplex()) {
      return new View(v.buffer(), v.dtype(), new long[] {v.size()}, new long[] {1}, v.offset());
    }
    if (!v.isContiguous()) {
      return v.pairs();
    }
    return new View(
        v.buffer(),
        v.dtype().componentType(),
        new long[] {v.size() * 2},
        new long[] {1},
        v.offset() * 2);
  }

  private static DevicePtr at(View v) {
    return ((CudaBuffer) v.buffer()).ptr().withByteOffset(v.offset() * v.dtype().itemsize());
  }
}
