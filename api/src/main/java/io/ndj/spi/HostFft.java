package io.ndj.spi;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Complex FFTs of any length on the host, in float64: mixed-radix passes (radix 4, 2, 3, 5 and a
 * generic one for other small primes, FFTPACK's layout as pocketfft has it) and Bluestein's chirp-z
 * transform where the length has a large prime factor. Unnormalised; the forward transform uses
 * {@code exp(-2πi jk/n)}, the inverse {@code exp(+2πi jk/n)}. io.ndj runs it for a backend without
 * an FFT of its own; a backend on host memory may call it directly.
 *
 * <p>Plans (factors and twiddles, exact to the last bit of {@code Math.sin}/{@code cos}) are cached
 * per length, least recently used first out, at most {@link #maxPlans()}.
 */
public final class HostFft {
  private HostFft() {}

  private static int maxPlans = 64;

  private static final Map<Integer, Plan> PLANS = new LinkedHashMap<>(16, 0.75f, true);

  /**
   * The plan for length n, made once and cached.
   *
   * @param n the transform length, at least 1
   * @return the plan
   */
  public static Plan plan(int n) {
    if (n < 1) {
      throw new IllegalArgumentException(
          "Invalid number of FFT data points (" + n + ") specified.");
    }
    synchronized (PLANS) {
      Plan p = PLANS.get(n);
      if (p != null) {
        return p;
      }
    }
    Plan p = new Plan(n);
    synchronized (PLANS) {
      PLANS.put(n, p);
      while (PLANS.size() > maxPlans) {
        PLANS.remove(PLANS.keySet().iterator().next());
      }
    }
    return p;
  }

  /**
   * How many plans the cache holds now.
   *
   * @return the number of cached plans
   */
  public static int cachedPlans() {
    synchronized (PLANS) {
      return PLANS.size();
    }
  }

  /**
   * The cache's bound.
   *
   * @return the greatest number of plans kept
   */
  public static int maxPlans() {
    synchronized (PLANS) {
      return maxPlans;
    }
  }

  /**
   * Sets the cache's bound (0 turns caching off), dropping the least recently used plans.
   *
   * @param max the greatest number of plans to keep, at least 0
   */
  public static void setMaxPlans(int max) {
    if (max < 0) {
      throw new IllegalArgumentException("the plan cache's size must be >= 0, got " + max);
    }
    synchronized (PLANS) {
      maxPlans = max;
      while (PLANS.size() > maxPlans) {
        PLANS.remove(PLANS.keySet().iterator().next());
      }
    }
  }

  /** Empties the plan cache. */
  public static void clearPlans() {
    synchronized (PLANS) {
      PLANS.clear();
    }
  }

  /**
   * Runs {@code line} for every line 0..count-1 with this thread's work arrays sized for plan p, on
   * several threads when there is work enough.
   */
  private static void eachLine(Plan p, long count, LineBody line) {
    java.util.stream.LongStream ids = java.util.stream.LongStream.range(0, count);
    if (count * (long) p.length() >= 1 << 15 && count > 1) {
      ids = ids.parallel();
    }
    ids.forEach(
        j -> {
          Work w = WORK.get();
          w.ensure(p.scratch());
          line.run(j, w);
        });
  }

  private interface LineBody {
    void run(long line, Work w);
  }

  /**
   * Transforms {@code count} lines of interleaved complex values in place: line j's element k is at
   * {@code data[2 * (j * n + k)]} (real) and the next double (imaginary), every line scaled by
   * {@code scale} afterwards. Lines run on several threads when there is work enough.
   *
   * @param data the lines, interleaved (re, im) pairs, transformed in place
   * @param n the length of each line
   * @param count the number of lines
   * @param inverse true for the inverse transform (the exponent's sign positive), false for the
   *     forward one
   * @param scale the factor every result is multiplied by
   */
  public static void lines(double[] data, int n, long count, boolean inverse, double scale) {
    Plan p = plan(n);
    eachLine(
        p,
        count,
        (j, w) -> {
          double[] re = w.re;
          double[] im = w.im;
          int base = (int) (2 * j * n);
          for (int k = 0; k < n; k++) {
            re[k] = data[base + 2 * k];
            im[k] = data[base + 2 * k + 1];
          }
          p.transform(re, im, inverse, w);
          for (int k = 0; k < n; k++) {
            data[base + 2 * k] = re[k] * scale;
            data[base + 2 * k + 1] = im[k] * scale;
          }
        });
  }

  /**
   * The forward transform of {@code count} real lines of n points ({@code in[j * n + k]}) into
   * {@code out}, interleaved complex lines of n/2 + 1 values (the non-negative frequencies), times
   * {@code scale}. An even n runs as one complex transform of n/2 points (the even and odd samples
   * as real and imaginary parts), split apart after.
   *
   * @param in the real lines, one after the other
   * @param out the complex results, interleaved (re, im) pairs, one line of n/2 + 1 values after
   *     the other
   * @param n the length of each real line
   * @param count the number of lines
   * @param scale the factor every result is multiplied by
   */
  public static void realLines(double[] in, double[] out, int n, long count, double scale) {
    int h = n / 2 + 1;
    if (n % 2 != 0 || n < 4) {
      Plan p = plan(n);
      eachLine(
          p,
          count,
          (j, w) -> {
            int base = (int) (j * n);
            for (int k = 0; k < n; k++) {
              w.re[k] = in[base + k];
              w.im[k] = 0;
            }
            p.transform(w.re, w.im, false, w);
            int o = (int) (2 * j * h);
            for (int k = 0; k < h; k++) {
              out[o + 2 * k] = w.re[k] * scale;
              out[o + 2 * k + 1] = w.im[k] * scale;
            }
          });
      return;
    }
    int m = n / 2;
    Plan p = plan(m);
    double[] cr = new double[m + 1];
    double[] ci = new double[m + 1];
    for (int k = 0; k <= m; k++) {
      cr[k] = cos2pi(k, n);
      ci[k] = -sin2pi(k, n);
    }
    eachLine(
        p,
        count,
        (j, w) -> {
          double[] re = w.re;
          double[] im = w.im;
          int base = (int) (j * n);
          for (int k = 0; k < m; k++) {
            re[k] = in[base + 2 * k];
            im[k] = in[base + 2 * k + 1];
          }
          p.transform(re, im, false, w);
          int o = (int) (2 * j * h);
          // X_k = E_k + e^{-2πik/n} O_k, E = (Z_k + conj Z_{m-k}) / 2, O = (Z_k - conj Z_{m-k}) /
          // 2i
          for (int k = 0; k <= m; k++) {
            int a = k % m;
            int b = (m - k) % m;
            double zr = re[a];
            double zi = im[a];
            double wr = re[b];
            double wi = -im[b];
            double er = 0.5 * (zr + wr);
            double ei = 0.5 * (zi + wi);
            double dr = 0.5 * (zr - wr);
            double di = 0.5 * (zi - wi);
            // O = D / i = (di, -dr)
            double or = di;
            double oi = -dr;
            out[o + 2 * k] = (er + or * cr[k] - oi * ci[k]) * scale;
            out[o + 2 * k + 1] = (ei + or * ci[k] + oi * cr[k]) * scale;
          }
        });
  }

  /** Per-thread work arrays. */
  static final class Work {
    double[] re = new double[0];
    double[] im = new double[0];
    double[] sr = new double[0];
    double[] si = new double[0];
    double[] br = new double[0];
    double[] bi = new double[0];
    double[] tr = new double[0];
    double[] ti = new double[0];

    void ensure(int n) {
      if (re.length < n) {
        re = new double[n];
        im = new double[n];
        sr = new double[n];
        si = new double[n];
      }
    }

    /** Scratch only (the caller holds its own re/im). */
    void ensureScratch(int n) {
      if (sr.length < n) {
        sr = new double[n];
        si = new double[n];
      }
    }

    void ensureBluestein(int m) {
      if (br.length < m) {
        br = new double[m];
        bi = new double[m];
        tr = new double[m];
        ti = new double[m];
      }
    }
  }

  private static final ThreadLocal<Work> WORK = ThreadLocal.withInitial(Work::new);

  /** A transform of one length: its passes, or Bluestein's convolution. */
  public static final class Plan {
    private final int n;
    private final int[] factors;

    /** Per pass: twiddles (j-1)*(ido-1) + (i-1) -> exp(+2πi j l1 i / n), real and imaginary. */
    private final double[][] twr;

    private final double[][] twi;

    /** Per pass: exp(+2πi k / p) for the generic radix p. */
    private final double[][] rootr;

    private final double[][] rooti;
    private final Bluestein blue;

    Plan(int n) {
      this.n = n;
      int[] f = factorize(n);
      if (useBluestein(n, f)) {
        blue = new Bluestein(n);
        factors = new int[0];
        twr = twi = rootr = rooti = new double[0][];
        return;
      }
      blue = null;
      factors = f;
      twr = new double[f.length][];
      twi = new double[f.length][];
      rootr = new double[f.length][];
      rooti = new double[f.length][];
      int l1 = 1;
      for (int s = 0; s < f.length; s++) {
        int ip = f[s];
        int ido = n / (l1 * ip);
        double[] wr = new double[(ip - 1) * Math.max(ido - 1, 0)];
        double[] wi = new double[wr.length];
        for (int j = 1; j < ip; j++) {
          for (int i = 1; i < ido; i++) {
            long m = (long) j * l1 * i % n;
            wr[(j - 1) * (ido - 1) + i - 1] = cos2pi(m, n);
            wi[(j - 1) * (ido - 1) + i - 1] = sin2pi(m, n);
          }
        }
        twr[s] = wr;
        twi[s] = wi;
        if (ip != 2 && ip != 4) {
          rootr[s] = new double[ip];
          rooti[s] = new double[ip];
          for (int k = 0; k < ip; k++) {
            rootr[s][k] = cos2pi(k, ip);
            rooti[s][k] = sin2pi(k, ip);
          }
        }
        l1 *= ip;
      }
    }

    /**
     * The length.
     *
     * @return the transform length n
     */
    public int length() {
      return n;
    }

    int scratch() {
      return blue != null ? blue.m : n;
    }

    /**
     * Transforms re/im (their first n values) in place, unnormalised, with this thread's work
     * arrays.
     *
     * @param re the real parts, transformed in place
     * @param im the imaginary parts, transformed in place
     * @param inverse true for the inverse transform, false for the forward one
     */
    public void transform(double[] re, double[] im, boolean inverse) {
      Work w = WORK.get();
      w.ensureScratch(scratch());
      transform(re, im, inverse, w);
    }

    /**
     * Transforms re/im (length n) in place, unnormalised.
     *
     * @param w per-thread work arrays
     */
    void transform(double[] re, double[] im, boolean inverse, Work w) {
      if (n == 1) {
        return;
      }
      if (blue != null) {
        blue.transform(re, im, inverse, w);
        return;
      }
      double sign = inverse ? 1 : -1;
      double[] ar = re;
      double[] ai = im;
      double[] br = w.sr;
      double[] bi = w.si;
      int l1 = 1;
      for (int s = 0; s < factors.length; s++) {
        int ip = factors[s];
        int ido = n / (l1 * ip);
        switch (ip) {
          case 4 -> pass4(ido, l1, ar, ai, br, bi, twr[s], twi[s], sign);
          case 2 -> pass2(ido, l1, ar, ai, br, bi, twr[s], twi[s], sign);
          default -> passg(ip, ido, l1, ar, ai, br, bi, twr[s], twi[s], rootr[s], rooti[s], sign);
        }
        double[] t = ar;
        ar = br;
        br = t;
        t = ai;
        ai = bi;
        bi = t;
        l1 *= ip;
      }
      if (ar != re) {
        System.arraycopy(ar, 0, re, 0, n);
        System.arraycopy(ai, 0, im, 0, n);
      }
    }
  }

  /**
   * cos(2π m / n).
   *
   * @param m the numerator
   * @param n the denominator, not 0
   * @return cos(2π m / n) in double
   */
  public static double cos2pi(long m, long n) {
    return Math.cos(2 * Math.PI * (double) m / n);
  }

  /**
   * sin(2π m / n).
   *
   * @param m the numerator
   * @param n the denominator, not 0
   * @return sin(2π m / n) in double
   */
  public static double sin2pi(long m, long n) {
    return Math.sin(2 * Math.PI * (double) m / n);
  }

  /** Radices, 4 first, then 2, then odd primes ascending. */
  static int[] factorize(int n) {
    java.util.List<Integer> f = new java.util.ArrayList<>();
    int len = n;
    while (len % 4 == 0) {
      f.add(4);
      len /= 4;
    }
    if (len % 2 == 0) {
      f.add(2);
      len /= 2;
    }
    for (int d = 3; (long) d * d <= len; d += 2) {
      while (len % d == 0) {
        f.add(d);
        len /= d;
      }
    }
    if (len > 1) {
      f.add(len);
    }
    return f.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Bluestein when a prime factor makes the direct passes dearer than a convolution. */
  private static boolean useBluestein(int n, int[] f) {
    int largest = 0;
    for (int p : f) {
      largest = Math.max(largest, p);
    }
    if (n < 50 || largest <= 31) {
      return false;
    }
    double direct = cost(f) * n;
    int m = goodSize(2 * n - 1);
    double conv = 2 * 1.5 * cost(factorize(m)) * m;
    return conv < direct;
  }

  private static double cost(int[] f) {
    double c = 0;
    for (int p : f) {
      c += p <= 5 ? p : (double) p * p / 4;
    }
    return c;
  }

  /** The smallest 2^a 3^b 5^c at or above n. */
  static int goodSize(int n) {
    long best = Long.MAX_VALUE;
    for (long f5 = 1; f5 < 2L * n; f5 *= 5) {
      for (long f35 = f5; f35 < 2L * n; f35 *= 3) {
        long v = f35;
        while (v < n) {
          v *= 2;
        }
        best = Math.min(best, v);
      }
    }
    return (int) best;
  }

  // ---- passes: CC(a,b,c) = cc[a + ido*(b + ip*c)], CH(a,b,c) = ch[a + ido*(b + l1*c)] ----

  private static void pass2(
      int ido,
      int l1,
      double[] cr,
      double[] ci,
      double[] hr,
      double[] hi,
      double[] wr,
      double[] wi,
      double sign) {
    for (int k = 0; k < l1; k++) {
      int in0 = ido * (2 * k);
      int in1 = ido * (1 + 2 * k);
      int out0 = ido * k;
      int out1 = ido * (k + l1);
      hr[out0] = cr[in0] + cr[in1];
      hi[out0] = ci[in0] + ci[in1];
      hr[out1] = cr[in0] - cr[in1];
      hi[out1] = ci[in0] - ci[in1];
      for (int i = 1; i < ido; i++) {
        double ar = cr[in0 + i];
        double ai = ci[in0 + i];
        double br = cr[in1 + i];
        double bi = ci[in1 + i];
        hr[out0 + i] = ar + br;
        hi[out0 + i] = ai + bi;
        double tr = ar - br;
        double ti = ai - bi;
        double c = wr[i - 1];
        double s = sign * wi[i - 1];
        hr[out1 + i] = tr * c - ti * s;
        hi[out1 + i] = tr * s + ti * c;
      }
    }
  }

  private static void pass4(
      int ido,
      int l1,
      double[] cr,
      double[] ci,
      double[] hr,
      double[] hi,
      double[] wr,
      double[] wi,
      double sign) {
    if (ido == 1) {
      // the last pass: no twiddles, one butterfly per k
      for (int k = 0; k < l1; k++) {
        int c0 = 4 * k;
        double t1r = cr[c0] + cr[c0 + 2];
        double t1i = ci[c0] + ci[c0 + 2];
        double t2r = cr[c0] - cr[c0 + 2];
        double t2i = ci[c0] - ci[c0 + 2];
        double t3r = cr[c0 + 1] + cr[c0 + 3];
        double t3i = ci[c0 + 1] + ci[c0 + 3];
        double r4r = -sign * (ci[c0 + 1] - ci[c0 + 3]);
        double r4i = sign * (cr[c0 + 1] - cr[c0 + 3]);
        hr[k] = t1r + t3r;
        hi[k] = t1i + t3i;
        hr[k + l1] = t2r + r4r;
        hi[k + l1] = t2i + r4i;
        hr[k + 2 * l1] = t1r - t3r;
        hi[k + 2 * l1] = t1i - t3i;
        hr[k + 3 * l1] = t2r - r4r;
        hi[k + 3 * l1] = t2i - r4i;
      }
      return;
    }
    int w2 = ido - 1;
    int w3 = 2 * (ido - 1);
    for (int k = 0; k < l1; k++) {
      int c0 = ido * (4 * k);
      int c1 = c0 + ido;
      int c2 = c1 + ido;
      int c3 = c2 + ido;
      int h0 = ido * k;
      int h1 = ido * (k + l1);
      int h2 = ido * (k + 2 * l1);
      int h3 = ido * (k + 3 * l1);
      {
        double t1r = cr[c0] + cr[c2];
        double t1i = ci[c0] + ci[c2];
        double t2r = cr[c0] - cr[c2];
        double t2i = ci[c0] - ci[c2];
        double t3r = cr[c1] + cr[c3];
        double t3i = ci[c1] + ci[c3];
        double r4r = -sign * (ci[c1] - ci[c3]);
        double r4i = sign * (cr[c1] - cr[c3]);
        hr[h0] = t1r + t3r;
        hi[h0] = t1i + t3i;
        hr[h1] = t2r + r4r;
        hi[h1] = t2i + r4i;
        hr[h2] = t1r - t3r;
        hi[h2] = t1i - t3i;
        hr[h3] = t2r - r4r;
        hi[h3] = t2i - r4i;
      }
      for (int i = 1; i < ido; i++) {
        double a0r = cr[c0 + i];
        double a0i = ci[c0 + i];
        double a1r = cr[c1 + i];
        double a1i = ci[c1 + i];
        double a2r = cr[c2 + i];
        double a2i = ci[c2 + i];
        double a3r = cr[c3 + i];
        double a3i = ci[c3 + i];
        double t1r = a0r + a2r;
        double t1i = a0i + a2i;
        double t2r = a0r - a2r;
        double t2i = a0i - a2i;
        double t3r = a1r + a3r;
        double t3i = a1i + a3i;
        double r4r = -sign * (a1i - a3i);
        double r4i = sign * (a1r - a3r);
        hr[h0 + i] = t1r + t3r;
        hi[h0 + i] = t1i + t3i;
        double y1r = t2r + r4r;
        double y1i = t2i + r4i;
        double y2r = t1r - t3r;
        double y2i = t1i - t3i;
        double y3r = t2r - r4r;
        double y3i = t2i - r4i;
        double c = wr[i - 1];
        double s = sign * wi[i - 1];
        hr[h1 + i] = y1r * c - y1i * s;
        hi[h1 + i] = y1r * s + y1i * c;
        c = wr[w2 + i - 1];
        s = sign * wi[w2 + i - 1];
        hr[h2 + i] = y2r * c - y2i * s;
        hi[h2 + i] = y2r * s + y2i * c;
        c = wr[w3 + i - 1];
        s = sign * wi[w3 + i - 1];
        hr[h3 + i] = y3r * c - y3i * s;
        hi[h3 + i] = y3r * s + y3i * c;
      }
    }
  }

  /** Any radix p: a direct DFT of the p inputs, then the twiddles. */
  private static void passg(
      int ip,
      int ido,
      int l1,
      double[] cr,
      double[] ci,
      double[] hr,
      double[] hi,
      double[] wr,
      double[] wi,
      double[] rr,
      double[] ri,
      double sign) {
    double[] ur = new double[ip];
    double[] ui = new double[ip];
    for (int k = 0; k < l1; k++) {
      for (int i = 0; i < ido; i++) {
        for (int q = 0; q < ip; q++) {
          int at = i + ido * (q + ip * k);
          ur[q] = cr[at];
          ui[q] = ci[at];
        }
        for (int s = 0; s < ip; s++) {
          double vr = ur[0];
          double vi = ui[0];
          int e = 0;
          for (int q = 1; q < ip; q++) {
            e += s;
            if (e >= ip) {
              e -= ip;
            }
            double c = rr[e];
            double sn = sign * ri[e];
            vr += ur[q] * c - ui[q] * sn;
            vi += ur[q] * sn + ui[q] * c;
          }
          int out = i + ido * (k + l1 * s);
          if (s > 0 && i > 0) {
            double c = wr[(s - 1) * (ido - 1) + i - 1];
            double sn = sign * wi[(s - 1) * (ido - 1) + i - 1];
            hr[out] = vr * c - vi * sn;
            hi[out] = vr * sn + vi * c;
          } else {
            hr[out] = vr;
            hi[out] = vi;
          }
        }
      }
    }
  }

  /** Bluestein's algorithm: a length-n DFT as a convolution of length m = goodSize(2n - 1). */
  private static final class Bluestein {
    private final int n;
    private final int m;
    private final Plan sub;

    /** The chirp exp(-πi k²/n). */
    private final double[] cr;

    private final double[] ci;

    /** FFT of the conjugate chirp, wrapped, divided by m. */
    private final double[] bkr;

    private final double[] bki;

    Bluestein(int n) {
      this.n = n;
      this.m = goodSize(2 * n - 1);
      this.sub = new Plan(m);
      cr = new double[n];
      ci = new double[n];
      for (int k = 0; k < n; k++) {
        long kk = (long) k * k % (2L * n);
        cr[k] = cos2pi(kk, 2L * n);
        ci[k] = -sin2pi(kk, 2L * n);
      }
      bkr = new double[m];
      bki = new double[m];
      bkr[0] = cr[0];
      bki[0] = -ci[0];
      for (int k = 1; k < n; k++) {
        bkr[k] = bkr[m - k] = cr[k];
        bki[k] = bki[m - k] = -ci[k];
      }
      Work w = new Work();
      w.ensure(m);
      sub.transform(bkr, bki, false, w);
      for (int k = 0; k < m; k++) {
        bkr[k] /= m;
        bki[k] /= m;
      }
    }

    /** Forward transform; the inverse as conj(forward(conj(x))). */
    void transform(double[] re, double[] im, boolean inverse, Work w) {
      w.ensureBluestein(m);
      double[] ar = w.br;
      double[] ai = w.bi;
      double s = inverse ? -1 : 1;
      for (int k = 0; k < n; k++) {
        double xr = re[k];
        double xi = s * im[k];
        ar[k] = xr * cr[k] - xi * ci[k];
        ai[k] = xr * ci[k] + xi * cr[k];
      }
      java.util.Arrays.fill(ar, n, m, 0);
      java.util.Arrays.fill(ai, n, m, 0);
      sub.transform(ar, ai, false, w);
      for (int k = 0; k < m; k++) {
        double xr = ar[k];
        double xi = ai[k];
        ar[k] = xr * bkr[k] - xi * bki[k];
        ai[k] = xr * bki[k] + xi * bkr[k];
      }
      sub.transform(ar, ai, true, w);
      for (int k = 0; k < n; k++) {
        double xr = ar[k];
        double xi = ai[k];
        re[k] = xr * cr[k] - xi * ci[k];
        im[k] = s * (xr * ci[k] + xi * cr[k]);
      }
    }
  }
}
