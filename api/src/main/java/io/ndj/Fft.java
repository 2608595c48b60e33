package io.ndj;

import io.ndj.spi.HostFft;
import java.lang.ref.Reference;

/**
 * NumPy's {@code numpy.fft}, reached as {@link Nd#fft}: {@code Nd.fft.rfft(x)} where NumPy has
 * {@code np.fft.rfft(x)}. Every function takes NumPy's {@code n} / {@code s}, {@code axis} / {@code
 * axes} and {@code norm} ("backward", the default: the inverse divides by n; "ortho": both divide
 * by sqrt(n); "forward": the forward divides by n). Any length transforms (mixed radix
 * 2/3/4/5/7..., Bluestein where a large prime factor makes that faster).
 *
 * <p>dtypes as NumPy 2: float32, float16 and complex64 input gives complex64 (irfft of complex64
 * gives float32); everything else complex128 (float64). Results live on the input's backend; a
 * backend with an FFT of its own (cuda: cuFFT) runs it there, the others on the host in float64
 * through {@link HostFft}. Operands are never modified.
 */
public final class Fft {
  static final Fft INSTANCE = new Fft();

  private Fft() {}

  /** The norm modes. */
  private enum Norm {
    BACKWARD,
    ORTHO,
    FORWARD;

    static Norm of(String s) {
      if (s == null) {
        return BACKWARD;
      }
      return switch (s) {
        case "backward" -> BACKWARD;
        case "ortho" -> ORTHO;
        case "forward" -> FORWARD;
        default ->
            throw new IllegalArgumentException(
                "Invalid norm value " + s + "; should be \"backward\",\"ortho\" or \"forward\".");
      };
    }

    /** The factor a transform of n points is multiplied by. */
    double scale(long n, boolean inverse) {
      return switch (this) {
        case BACKWARD -> inverse ? 1.0 / n : 1;
        case ORTHO -> 1 / Math.sqrt(n);
        case FORWARD -> inverse ? 1 : 1.0 / n;
      };
    }

    /** NumPy's {@code _swap_direction} (hfft and ihfft). */
    Norm swap() {
      return switch (this) {
        case BACKWARD -> FORWARD;
        case ORTHO -> ORTHO;
        case FORWARD -> BACKWARD;
      };
    }
  }

  // ---- 1-d ----

  /**
   * {@code np.fft.fft(a)}: along the last axis.
   *
   * @param a the input array; not modified
   * @return a complex array (complex128, or complex64 for float32 and complex64 input)
   */
  public NdArray fft(NdArray a) {
    return fft(a, null, -1, null);
  }

  /**
   * {@code np.fft.fft(a, n, axis, norm)}.
   *
   * @param a the input array; not modified
   * @param axis the axis to transform; a negative axis counts from the last
   * @return a complex array (complex128, or complex64 for float32 and complex64 input)
   * @param n the length to crop or zero-pad to along axis, or null for the axis's own
   * @param norm "backward", "ortho", "forward", or null for "backward"
   */
  public NdArray fft(NdArray a, Integer n, int axis, String norm) {
    return complexTransform(a, n, axis, Norm.of(norm), false);
  }

  /**
   * {@code np.fft.ifft(a)}.
   *
   * @param a the input array; not modified
   * @return a complex array (complex128, or complex64 for float32 and complex64 input)
   */
  public NdArray ifft(NdArray a) {
    return ifft(a, null, -1, null);
  }

  /**
   * {@code np.fft.ifft(a, n, axis, norm)}.
   *
   * @param a the input array; not modified
   * @param n the length to crop or zero-pad the input to along the axis, or {@code null} for its
   *     own length
   * @param axis the axis to transform; a negative axis counts from the last
   * @param norm the normalization: {@code "backward"} (the default, also for {@code null}), {@code
   *     "ortho"} or {@code "forward"}
   * @return a complex array (complex128, or complex64 for float32 and complex64 input)
   */
  public NdArray ifft(NdArray a, Integer n, int axis, String norm) {
    return complexTransform(a, n, axis, Norm.of(norm), true);
  }

  /**
   * {@code np.fft.rfft(a)}: the n/2 + 1 non-negative frequencies of a real signal.
   *
   * @param a the input array; not modified
   * @return a complex array with n/2 + 1 elements along the last axis
   */
  public NdArray rfft(NdArray a) {
    return rfft(a, null, -1, null);
  }

  /**
   * {@code np.fft.rfft(a, n, axis, norm)}.
   *
   * @param a the input array; not modified
   * @param n the length to crop or zero-pad the input to along the axis, or {@code null} for its
   *     own length
   * @param axis the axis to transform; a negative axis counts from the last
   * @param norm the normalization: {@code "backward"} (the default, also for {@code null}), {@code
   *     "ortho"} or {@code "forward"}
   * @return a complex array with n/2 + 1 elements along the axis
   */
  public NdArray rfft(NdArray a, Integer n, int axis, String norm) {
    return realForward(a, n, axis, Norm.of(norm));
  }

  /**
   * {@code np.fft.irfft(a)}: the real signal of n = 2 (m - 1) points from m frequencies.
   *
   * @param a the input array; not modified
   * @return a real array (float64, or float32 for complex64 input)
   */
  public NdArray irfft(NdArray a) {
    return irfft(a, null, -1, null);
  }

  /**
   * {@code np.fft.irfft(a, n, axis, norm)}.
   *
   * @param a the input array; not modified
   * @param n the length of the output along the axis, or {@code null} for 2 (m - 1) where the input
   *     has m
   * @param axis the axis to transform; a negative axis counts from the last
   * @param norm the normalization: {@code "backward"} (the default, also for {@code null}), {@code
   *     "ortho"} or {@code "forward"}
   * @return a real array (float64, or float32 for complex64 input)
   */
  public NdArray irfft(NdArray a, Integer n, int axis, String norm) {
    return realInverse(a, n, axis, Norm.of(norm), false);
  }

  /**
   * {@code np.fft.hfft(a)}: the real spectrum of a Hermitian-symmetric signal.
   *
   * @param a the input array; not modified
   * @return a real array (float64, or float32 for complex64 input)
   */
  public NdArray hfft(NdArray a) {
    return hfft(a, null, -1, null);
  }

  /**
   * {@code np.fft.hfft(a, n, axis, norm)}: {@code irfft(conj(a), n)} with the norm swapped.
   *
   * @param a the input array; not modified
   * @param n the length of the output along the axis, or {@code null} for 2 (m - 1) where the input
   *     has m
   * @param axis the axis to transform; a negative axis counts from the last
   * @param norm the normalization: {@code "backward"} (the default, also for {@code null}), {@code
   *     "ortho"} or {@code "forward"}
   * @return a real array (float64, or float32 for complex64 input)
   */
  public NdArray hfft(NdArray a, Integer n, int axis, String norm) {
    return realInverse(a, n, axis, Norm.of(norm).swap(), true);
  }

  /**
   * {@code np.fft.ihfft(a)}.
   *
   * @param a the input array; not modified
   * @return a complex array with n/2 + 1 elements along the last axis
   */
  public NdArray ihfft(NdArray a) {
    return ihfft(a, null, -1, null);
  }

  /**
   * {@code np.fft.ihfft(a, n, axis, norm)}: {@code conj(rfft(a, n))} with the norm swapped.
   *
   * @param a the input array; not modified
   * @param n the length to crop or zero-pad the input to along the axis, or {@code null} for its
   *     own length
   * @param axis the axis to transform; a negative axis counts from the last
   * @param norm the normalization: {@code "backward"} (the default, also for {@code null}), {@code
   *     "ortho"} or {@code "forward"}
   * @return a complex array with n/2 + 1 elements along the axis
   */
  public NdArray ihfft(NdArray a, Integer n, int axis, String norm) {
    try (NdArray r = realForward(a, n, axis, Norm.of(norm).swap())) {
      return r.conj();
    }
  }

  // ---- n-d ----

  /**
   * {@code np.fft.fft2(a)}: over the last two axes.
   *
   * @param a the input array; not modified
   * @return a complex array
   */
  public NdArray fft2(NdArray a) {
    return fftn(a, null, new int[] {-2, -1}, null);
  }

  /**
   * {@code np.fft.fft2(a, s, axes, norm)}.
   *
   * @param a the input array; not modified
   * @param s the lengths to crop or zero-pad the transformed axes to, or {@code null} for their own
   * @param axes the axes to transform, or {@code null} for the default ones
   * @param norm the normalization: {@code "backward"} (the default, also for {@code null}), {@code
   *     "ortho"} or {@code "forward"}
   * @return a complex array
   */
  public NdArray fft2(NdArray a, long[] s, int[] axes, String norm) {
    return fftn(a, s, axes == null ? new int[] {-2, -1} : axes, norm);
  }

  /**
   * {@code np.fft.ifft2(a)}.
   *
   * @param a the input array; not modified
   * @return a complex array
   */
  public NdArray ifft2(NdArray a) {
    return ifftn(a, null, new int[] {-2, -1}, null);
  }

  /**
   * {@code np.fft.ifft2(a, s, axes, norm)}.
   *
   * @param a the input array; not modified
   * @param s the lengths to crop or zero-pad the transformed axes to, or {@code null} for their own
   * @param axes the axes to transform, or {@code null} for the default ones
   * @param norm the normalization: {@code "backward"} (the default, also for {@code null}), {@code
   *     "ortho"} or {@code "forward"}
   * @return a complex array
   */
  public NdArray ifft2(NdArray a, long[] s, int[] axes, String norm) {
    return ifftn(a, s, axes == null ? new int[] {-2, -1} : axes, norm);
  }

  /**
   * {@code np.fft.rfft2(a)}.
   *
   * @param a the input array; not modified
   * @return a complex array whose last axis has n/2 + 1 elements
   */
  public NdArray rfft2(NdArray a) {
    return rfftn(a, null, new int[] {-2, -1}, null);
  }

  /**
   * {@code np.fft.rfft2(a, s, axes, norm)}.
   *
   * @param a the input array; not modified
   * @param s the lengths to crop or zero-pad the transformed axes to, or {@code null} for their own
   * @param axes the axes to transform, or {@code null} for the default ones
   * @param norm the normalization: {@code "backward"} (the default, also for {@code null}), {@code
   *     "ortho"} or {@code "forward"}
   * @return a complex array whose last transformed axis has n/2 + 1 elements
   */
  public NdArray rfft2(NdArray a, long[] s, int[] axes, String norm) {
    return rfftn(a, s, axes == null ? new int[] {-2, -1} : axes, norm);
  }

  /**
   * {@code np.fft.irfft2(a)}.
   *
   * @param a the input array; not modified
   * @return a real array
   */
  public NdArray irfft2(NdArray a) {
    return irfftn(a, null, new int[] {-2, -1}, null);
  }

  /**
   * {@code np.fft.irfft2(a, s, axes, norm)}.
   *
   * @param a the input array; not modified
   * @param s the lengths to crop or zero-pad the transformed axes to, or {@code null} for their own
   * @param axes the axes to transform, or {@code null} for the default ones
   * @param norm the normalization: {@code "backward"} (the default, also for {@code null}), {@code
   *     "ortho"} or {@code "forward"}
   * @return a real array
   */
  public NdArray irfft2(NdArray a, long[] s, int[] axes, String norm) {
    return irfftn(a, s, axes == null ? new int[] {-2, -1} : axes, norm);
  }

  /**
   * {@code np.fft.fftn(a)}: over every axis.
   *
   * @param a the input array; not modified
   * @return a complex array
   */
  public NdArray fftn(NdArray a) {
    return fftn(a, null, null, null);
  }

  /**
   * {@code np.fft.fftn(a, s, axes, norm)}.
   *
   * @param a the input array; not modified
   * @param norm the normalization: {@code "backward"} (the default, also for {@code null}), {@code
   *     "ortho"} or {@code "forward"}
   * @return a complex array
   * @param s lengths per transformed axis, or null for the axes' own
   * @param axes the axes, or null for the last {@code s.length} (every axis when s is null too)
   */
  public NdArray fftn(NdArray a, long[] s, int[] axes, String norm) {
    return complexN(a, s, axes, norm, false);
  }

  /**
   * {@code np.fft.ifftn(a)}.
   *
   * @param a the input array; not modified
   * @return a complex array
   */
  public NdArray ifftn(NdArray a) {
    return ifftn(a, null, null, null);
  }

  /**
   * {@code np.fft.ifftn(a, s, axes, norm)}.
   *
   * @param a the input array; not modified
   * @param s the lengths to crop or zero-pad the transformed axes to, or {@code null} for their own
   * @param axes the axes to transform, or {@code null} for the default ones
   * @param norm the normalization: {@code "backward"} (the default, also for {@code null}), {@code
   *     "ortho"} or {@code "forward"}
   * @return a complex array
   */
  public NdArray ifftn(NdArray a, long[] s, int[] axes, String norm) {
    return complexN(a, s, axes, norm, true);
  }

  /**
   * {@code np.fft.rfftn(a)}.
   *
   * @param a the input array; not modified
   * @return a complex array whose last axis has n/2 + 1 elements
   */
  public NdArray rfftn(NdArray a) {
    return rfftn(a, null, null, null);
  }

  /**
   * {@code np.fft.rfftn(a, s, axes, norm)}: rfft over the last axis, fft over the others.
   *
   * @param a the input array; not modified
   * @param s the lengths to crop or zero-pad the transformed axes to, or {@code null} for their own
   * @param axes the axes to transform, or {@code null} for the default ones
   * @param norm the normalization: {@code "backward"} (the default, also for {@code null}), {@code
   *     "ortho"} or {@code "forward"}
   * @return a complex array whose last transformed axis has n/2 + 1 elements
   */
  public NdArray rfftn(NdArray a, long[] s, int[] axes, String norm) {
    Cooked c = cook(a, s, axes, false);
    Norm nm = Norm.of(norm);
    int last = c.axes.length - 1;
    NdArray r = realForward(a, (int) c.s[last], c.axes[last], nm);
    for (int i = 0; i < last; i++) {
      try (NdArray prev = r) {
        r = complexTransform(prev, (int) c.s[i], c.axes[i], nm, false);
      }
    }
    return r;
  }

  /**
   * {@code np.fft.irfftn(a)}.
   *
   * @param a the input array; not modified
   * @return a real array
   */
  public NdArray irfftn(NdArray a) {
    return irfftn(a, null, null, null);
  }

  /**
   * {@code np.fft.irfftn(a, s, axes, norm)}: ifft over all axes but the last, irfft over it.
   *
   * @param a the input array; not modified
   * @param s the lengths to crop or zero-pad the transformed axes to, or {@code null} for their own
   * @param axes the axes to transform, or {@code null} for the default ones
   * @param norm the normalization: {@code "backward"} (the default, also for {@code null}), {@code
   *     "ortho"} or {@code "forward"}
   * @return a real array
   */
  public NdArray irfftn(NdArray a, long[] s, int[] axes, String norm) {
    Cooked c = cook(a, s, axes, true);
    Norm nm = Norm.of(norm);
    int last = c.axes.length - 1;
    NdArray r = a;
    for (int i = 0; i < last; i++) {
      NdArray prev = r;
      r = complexTransform(prev, (int) c.s[i], c.axes[i], nm, true);
      if (prev != a) {
        prev.close();
      }
    }
    try {
      return realInverse(r, (int) c.s[last], c.axes[last], nm, false);
    } finally {
      if (r != a) {
        r.close();
      }
    }
  }

  // ---- helpers ----

  /**
   * {@code np.fft.fftfreq(n, d)} on the default backend.
   *
   * @param n the window length
   * @param d the sample spacing (the inverse of the sampling rate)
   * @return a float64 array of n frequencies
   */
  public NdArray fftfreq(long n, double d) {
    return fftfreq(n, d, Nd.backend());
  }

  /**
   * {@code np.fft.fftfreq(n)}: d = 1.
   *
   * @param n the window length
   * @return a float64 array of n frequencies
   */
  public NdArray fftfreq(long n) {
    return fftfreq(n, 1.0);
  }

  /**
   * {@code np.fft.fftfreq(n, d, device=backend)}: the sample frequencies [0, 1, ..., -(n/2), ...,
   * -1] / (d n), as NumPy computes them (integers times 1 / (n d)).
   *
   * @param n the window length
   * @param d the sample spacing (the inverse of the sampling rate)
   * @param backend the backend that holds the result
   * @return a float64 array of n frequencies
   */
  public NdArray fftfreq(long n, double d, Backend backend) {
    requirePoints(n);
    double val = 1.0 / (n * d);
    long positive = (n - 1) / 2 + 1;
    try (NdArray p1 = backend.arange(0, positive);
        NdArray p2 = backend.arange(-(n / 2), 0);
        NdArray k = Joins.concatenate(new NdArray[] {p1, p2}, 0)) {
      return k.mul(val);
    }
  }

  /**
   * {@code np.fft.rfftfreq(n, d)} on the default backend.
   *
   * @param n the window length
   * @param d the sample spacing (the inverse of the sampling rate)
   * @return a float64 array of n/2 + 1 frequencies
   */
  public NdArray rfftfreq(long n, double d) {
    return rfftfreq(n, d, Nd.backend());
  }

  /**
   * {@code np.fft.rfftfreq(n)}: d = 1.
   *
   * @param n the window length
   * @return a float64 array of n/2 + 1 frequencies
   */
  public NdArray rfftfreq(long n) {
    return rfftfreq(n, 1.0);
  }

  /**
   * {@code np.fft.rfftfreq(n, d, device=backend)}: [0, 1, ..., n/2] / (d n).
   *
   * @param n the window length
   * @param d the sample spacing (the inverse of the sampling rate)
   * @param backend the backend that holds the result
   * @return a float64 array of n/2 + 1 frequencies
   */
  public NdArray rfftfreq(long n, double d, Backend backend) {
    requirePoints(n);
    double val = 1.0 / (n * d);
    try (NdArray k = backend.arange(0, n / 2 + 1)) {
      return k.mul(val);
    }
  }

  /**
   * {@code np.fft.fftshift(x)}: the zero frequency moved to the middle of every axis.
   *
   * @param x the input array; not modified
   * @return a shifted copy
   */
  public NdArray fftshift(NdArray x) {
    return shift(x, allAxes(x), false);
  }

  /**
   * {@code np.fft.fftshift(x, axes)}.
   *
   * @param x the input array; not modified
   * @param axes the axes to shift
   * @return a shifted copy
   */
  public NdArray fftshift(NdArray x, int... axes) {
    return shift(x, axes, false);
  }

  /**
   * {@code np.fft.ifftshift(x)}: fftshift undone.
   *
   * @param x the input array; not modified
   * @return a shifted copy
   */
  public NdArray ifftshift(NdArray x) {
    return shift(x, allAxes(x), true);
  }

  /**
   * {@code np.fft.ifftshift(x, axes)}.
   *
   * @param x the input array; not modified
   * @param axes the axes to shift
   * @return a shifted copy
   */
  public NdArray ifftshift(NdArray x, int... axes) {
    return shift(x, axes, true);
  }

  // ---- plan cache ----

  /**
   * The number of FFT plans cached now: the host engine's (one per length) and every open backend's
   * (cuda: one cuFFT plan per shape, dtype and direction).
   *
   * @return the number of cached plans
   */
  public int cachedPlans() {
    int n = HostFft.cachedPlans();
    for (Backend b : Backends.open()) {
      n += b.kernels().fftPlans();
    }
    return n;
  }

  /** Drops every cached plan, the host engine's and each open backend's. */
  public void clearPlans() {
    HostFft.clearPlans();
    for (Backend b : Backends.open()) {
      b.kernels().clearFftPlans();
    }
  }

  // ---- the work ----

  private static int[] allAxes(NdArray x) {
    int[] ax = new int[x.ndim()];
    for (int i = 0; i < ax.length; i++) {
      ax[i] = i;
    }
    return ax;
  }

  private static NdArray shift(NdArray x, int[] axes, boolean inverse) {
    x.ensureOpen();
    NdArray r = x.copy();
    for (int axis : axes) {
      int ax = Axes.normalize(axis, x.ndim());
      long n = x.shape[ax];
      long by = inverse ? -(n / 2) : n / 2;
      try (NdArray prev = r) {
        r = Joins.roll(prev, by, ax);
      }
    }
    return r;
  }

  private static void requirePoints(long n) {
    if (n < 1) {
      throw new IllegalArgumentException(
          "Invalid number of FFT data points (" + n + ") specified.");
    }
  }

  /** The complex dtype a transform of x runs in. */
  private static DType complexOf(DType t) {
    // NumPy's pocketfft loops: float32 (and float16 through it) or float64, which bool and
    // integers become
    return t == DType.FLOAT32 || t == DType.FLOAT16 || t == DType.COMPLEX64
        ? DType.COMPLEX64
        : DType.COMPLEX128;
  }

  /** fft / ifft of one axis. */
  static NdArray complexTransform(NdArray a, Integer n, int axis, Norm norm, boolean inverse) {
    a.ensureOpen();
    int ax = Axes.normalize(axis, a.ndim());
    int len = n == null ? (int) a.shape[ax] : n;
    requirePoints(len);
    DType t = complexOf(a.dtype);
    try (NdArray z = a.dtype == t ? a.view(a.shape, a.strides, a.offset, false) : a.astype(t);
        NdArray sized = resize(z, ax, len)) {
      return c2c(sized, ax, inverse, norm.scale(len, inverse));
    }
  }

  /** rfft (and ihfft before its conjugate) of one axis. */
  private static NdArray realForward(NdArray a, Integer n, int axis, Norm norm) {
    a.ensureOpen();
    if (a.dtype.isComplex()) {
      int len = n == null ? (int) a.shape[Axes.normalize(axis, a.ndim())] : n;
      throw new IllegalArgumentException(
          "ufunc 'rfft_n_"
              + (len % 2 == 0 ? "even" : "odd")
              + "' not supported for the input types, and the inputs could not be safely"
              + " coerced to any supported types according to the casting rule ''safe''");
    }
    int ax = Axes.normalize(axis, a.ndim());
    int len = n == null ? (int) a.shape[ax] : n;
    requirePoints(len);
    DType ct = complexOf(a.dtype);
    DType rt = ct.componentType();
    int nd = a.ndim();
    try (NdArray x = a.dtype == rt ? a.view(a.shape, a.strides, a.offset, false) : a.astype(rt);
        NdArray sized = resize(x, ax, len);
        NdArray moved = Views.moveaxis(sized, ax, nd - 1)) {
      Backend b = a.backend();
      double scale = norm.scale(len, false);
      NdArray out = backendLines(moved, ct, len / 2 + 1, (o, i) -> b.kernels().rfft(o, i, scale));
      return moveBack(out != null ? out : hostReal(moved, len, ct, scale), ax);
    }
  }

  /**
   * A backend kernel's transform of moved's lines (its last axis) into a new array of dtype t whose
   * last axis is {@code last} long, or null (nothing kept) where the kernel declines.
   */
  private static NdArray backendLines(
      NdArray moved,
      DType t,
      long last,
      java.util.function.BiPredicate<io.ndj.spi.View, io.ndj.spi.View> kernel) {
    long[] shape = moved.shape.clone();
    shape[shape.length - 1] = last;
    NdArray out = NdArray.allocate(moved.backend(), t, shape);
    try {
      boolean done = out.size() == 0 || kernel.test(out.spi(), moved.spi());
      Reference.reachabilityFence(moved);
      if (done) {
        return out;
      }
      out.close();
      return null;
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }

  /** r with its last axis moved back to axis ax (a copy, r closed) where that is elsewhere. */
  private static NdArray moveBack(NdArray r, int ax) {
    int nd = r.ndim();
    if (ax == nd - 1) {
      return r;
    }
    try (r) {
      return Views.moveaxis(r, nd - 1, ax).copy();
    }
  }

  /** HostFft's real transform of x's lines (the last axis) in float64. */
  private static NdArray hostReal(NdArray x, int len, DType ct, double scale) {
    long count = x.size() / len;
    int h = len / 2 + 1;
    if (count * h * 2 > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "array of " + x.size() + " values is too large for the host FFT; transform it in slices");
    }
    double[] in = x.toDoubleArray();
    double[] out = new double[(int) (count * h * 2)];
    HostFft.realLines(in, out, len, count, scale);
    long[] shape = x.shape.clone();
    shape[shape.length - 1] = h;
    NdArray r = x.backend().complexArray(out, shape);
    if (ct == DType.COMPLEX128) {
      return r;
    }
    try (r) {
      return r.astype(ct);
    }
  }

  /** irfft (and hfft, conjugating first) of one axis. */
  private static NdArray realInverse(NdArray a, Integer n, int axis, Norm norm, boolean conjugate) {
    a.ensureOpen();
    int ax = Axes.normalize(axis, a.ndim());
    int len = n == null ? (int) (2 * (a.shape[ax] - 1)) : n;
    requirePoints(len);
    DType t = complexOf(a.dtype);
    int half = len / 2 + 1;
    try (Scope s = new Scope()) {
      NdArray z = a.dtype == t ? a.view(a.shape, a.strides, a.offset, false) : a.astype(t);
      if (conjugate) {
        z = z.conj();
      }
      NdArray head = resize(z, ax, half);
      NdArray direct = complexToReal(head, ax, len, norm.scale(len, true));
      if (direct != null) {
        return s.keep(direct);
      }
      Index[] idx = new Index[a.ndim()];
      java.util.Arrays.fill(idx, Index.all());
      idx[ax] = Index.slice(1, (len + 1) / 2);
      NdArray tail = Joins.flip(head.get(idx), new int[] {ax}).conj();
      NdArray full = Joins.concatenate(new NdArray[] {head, tail}, ax);
      NdArray out = c2c(full, ax, true, norm.scale(len, true));
      NdArray re = out.real();
      return s.keep(re.copy());
    }
  }

  /**
   * The backend's complex-to-real transform of head's lines along ax (n/2 + 1 frequencies each)
   * into n real points, or null where it has none.
   */
  private static NdArray complexToReal(NdArray head, int ax, int len, double scale) {
    Backend b = head.backend();
    try (NdArray moved = Views.moveaxis(head, ax, head.ndim() - 1)) {
      NdArray out =
          backendLines(
              moved, head.dtype.componentType(), len, (o, i) -> b.kernels().irfft(o, i, scale));
      return out == null ? null : moveBack(out, ax);
    }
  }

  /** s and axes as NumPy's {@code _cook_nd_args} settles them, axes normalised. */
  private record Cooked(long[] s, int[] axes) {}

  private static Cooked cook(NdArray a, long[] s, int[] axes, boolean inverseReal) {
    a.ensureOpen();
    boolean shapeless = s == null;
    int[] ax;
    if (axes == null) {
      int k = s == null ? a.ndim() : s.length;
      if (k > a.ndim()) {
        throw new IllegalArgumentException(
            "axis " + (-k) + " is out of bounds for array of dimension " + a.ndim());
      }
      ax = new int[k];
      for (int i = 0; i < k; i++) {
        ax[i] = a.ndim() - k + i;
      }
    } else {
      ax = new int[axes.length];
      for (int i = 0; i < axes.length; i++) {
        ax[i] = Axes.normalize(axes[i], a.ndim());
      }
    }
    long[] sz;
    if (s == null) {
      sz = new long[ax.length];
      for (int i = 0; i < ax.length; i++) {
        sz[i] = a.shape[ax[i]];
      }
    } else {
      sz = s.clone();
    }
    if (sz.length != ax.length) {
      throw new IllegalArgumentException("Shape and axes have different lengths.");
    }
    if (ax.length == 0) {
      throw new IllegalArgumentException("at least one axis must be transformed");
    }
    if (inverseReal && shapeless) {
      sz[sz.length - 1] = (a.shape[ax[ax.length - 1]] - 1) * 2;
    }
    for (long v : sz) {
      requirePoints(v);
    }
    return new Cooked(sz, ax);
  }

  private static NdArray complexN(NdArray a, long[] s, int[] axes, String norm, boolean inverse) {
    Cooked c = cook(a, s, axes, false);
    Norm nm = Norm.of(norm);
    NdArray whole = trailing(a, c, nm, inverse);
    if (whole != null) {
      return whole;
    }
    NdArray r = a;
    for (int i = c.axes.length - 1; i >= 0; i--) {
      NdArray prev = r;
      r = complexTransform(prev, (int) c.s[i], c.axes[i], nm, inverse);
      if (prev != a) {
        prev.close();
      }
    }
    return r;
  }

  /**
   * The transform in one pass of the backend's n-d FFT, where it has one, the axes are the trailing
   * two or three (in any order), none is cropped or padded and a is C-contiguous; else null.
   */
  private static NdArray trailing(NdArray a, Cooked c, Norm nm, boolean inverse) {
    int k = c.axes.length;
    int nd = a.ndim();
    if (k < 2 || k > 3 || !a.flags().cContiguous() || a.size() == 0) {
      return null;
    }
    boolean[] seen = new boolean[nd];
    long points = 1;
    for (int i = 0; i < k; i++) {
      int ax = c.axes[i];
      if (ax < nd - k || seen[ax] || c.s[i] != a.shape[ax]) {
        return null;
      }
      seen[ax] = true;
      points *= a.shape[ax];
    }
    DType t = complexOf(a.dtype);
    if (a.dtype != t) {
      return null;
    }
    Backend b = a.backend();
    NdArray out = NdArray.allocate(b, t, a.shape.clone());
    try {
      if (b.kernels().fftn(out.spi(), a.spi(), k, inverse, nm.scale(points, inverse))) {
        Reference.reachabilityFence(a);
        return out;
      }
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
    out.close();
    return null;
  }

  /** z cropped or zero-padded to len along ax (a new reference either way). */
  private static NdArray resize(NdArray z, int ax, int len) {
    long have = z.shape[ax];
    if (have == len) {
      return z.view(z.shape, z.strides, z.offset, false);
    }
    if (have > len) {
      Index[] idx = new Index[z.ndim()];
      java.util.Arrays.fill(idx, Index.all());
      idx[ax] = Index.slice(0, len);
      return z.get(idx);
    }
    long[][] widths = new long[z.ndim()][2];
    widths[ax][1] = len - have;
    return Joins.pad(z, widths, 0L);
  }

  /**
   * The complex transform along ax of a complex array, times scale: the backend's FFT where it has
   * one, else {@link HostFft} in float64.
   */
  private static NdArray c2c(NdArray z, int ax, boolean inverse, double scale) {
    int nd = z.ndim();
    int len = (int) z.shape[ax];
    Backend b = z.backend();
    // the result in z's own axis order; the backend writes its lines through a moved view
    NdArray out = NdArray.allocate(b, z.dtype, z.shape.clone());
    try (NdArray moved = Views.moveaxis(z, ax, nd - 1);
        NdArray outMoved = Views.moveaxis(out, ax, nd - 1)) {
      if (out.size() == 0 || b.kernels().fft(outMoved.spi(), moved.spi(), inverse, scale)) {
        Reference.reachabilityFence(moved);
        Reference.reachabilityFence(outMoved);
        return out;
      }
      out.close();
      NdArray r = host(moved, len, inverse, scale);
      if (ax == nd - 1) {
        return r;
      }
      try (r) {
        return Views.moveaxis(r, nd - 1, ax).copy();
      }
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
  }

  /** HostFft on a copy of z's values in float64, lines along the last axis. */
  private static NdArray host(NdArray z, int len, boolean inverse, double scale) {
    long count = z.size() / len;
    if (z.size() * 2 > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "array of "
              + z.size()
              + " complex values is too large for the host FFT; transform it in slices");
    }
    double[] data = z.toDoubleArray();
    HostFft.lines(data, len, count, inverse, scale);
    NdArray r = z.backend().complexArray(data, z.shape.clone());
    if (z.dtype == DType.COMPLEX128) {
      return r;
    }
    try (r) {
      return r.astype(z.dtype);
    }
  }
}
