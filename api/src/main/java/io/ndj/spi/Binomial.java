package io.ndj.spi;

import java.util.function.LongSupplier;

/**
 * ndj's binomial law and the laws under it (Box-Muller normals, Marsaglia and Tsang's gamma, beta
 * as a ratio of gammas), to the bit, so that a backend kernel and the host give the same values:
 * one element takes 64-bit values one after another from its own stream ({@code Generator}'s
 * elements draw Philox blocks, as for {@link Poisson}), and
 *
 * <ul>
 *   <li>{@link #uniform} is {@code (bits >>> 11) * 2^-53}, {@link #open} {@code ((bits >>> 11) +
 *       0.5) * 2^-53} (never 0 or 1);
 *   <li>{@link #normal} is {@code sqrt(-2 log(open)) * cos(2 pi uniform)}, in that order;
 *   <li>{@link #gamma} of shape k is Marsaglia and Tsang's (2000) for k above 1 ({@code d = k -
 *       1/3}, {@code c = 1 / sqrt(9 d)}), exponential for k = 1, {@code gamma(k + 1) * open^(1/k)}
 *       below;
 *   <li>{@link #beta} is Johnk's method where both shapes are at most 1 (as NumPy), else {@code x /
 *       (x + y)} of two gammas;
 *   <li>{@link #draw} is NumPy's {@code random_binomial} ({@link Law}): for p above 1/2, n minus a
 *       draw of 1 - p; then inversion where {@code n p <= 30}, else Kachitvichyanukul and
 *       Schmeiser's BTPE (1988), both as NumPy's {@code distributions.c} writes them, on {@link
 *       #uniform}.
 * </ul>
 *
 * Every operation is IEEE 754 double, correctly rounded, never fused, evaluated left to right as
 * written (C's integer arithmetic where NumPy's is integer: {@code -k * k} in BTPE is a long); log,
 * exp, pow and cos are fdlibm's ({@link StrictMath}), sqrt correctly rounded.
 */
public final class Binomial {
  private Binomial() {}

  /**
   * Uniform in [0, 1), 53 bits.
   *
   * @param bits the element's stream of 64-bit draws
   * @return the value
   */
  public static double uniform(LongSupplier bits) {
    return (bits.getAsLong() >>> 11) * 0x1p-53;
  }

  /**
   * Uniform in (0, 1): never 0 or 1, so that logs and ratios stay finite.
   *
   * @param bits the element's stream of 64-bit draws
   * @return the value
   */
  public static double open(LongSupplier bits) {
    return ((bits.getAsLong() >>> 11) + 0.5) * 0x1p-53;
  }

  /**
   * Standard normal by Box-Muller (two draws).
   *
   * @param bits the element's stream of 64-bit draws
   * @return the value
   */
  public static double normal(LongSupplier bits) {
    double r = StrictMath.sqrt(-2 * StrictMath.log(open(bits)));
    return r * StrictMath.cos(2 * Math.PI * uniform(bits));
  }

  /**
   * Standard exponential: {@code -log(open)}.
   *
   * @param bits the element's stream of 64-bit draws
   * @return the value
   */
  public static double exponential(LongSupplier bits) {
    return -StrictMath.log(open(bits));
  }

  /**
   * Standard gamma by Marsaglia and Tsang (2000); shape below 1 boosted by U^(1/shape).
   *
   * @param shape the shape, non-negative
   * @param bits the element's stream of 64-bit draws
   * @return the value
   */
  public static double gamma(double shape, LongSupplier bits) {
    if (shape == 0) {
      return 0;
    }
    if (shape < 1) {
      double g = gamma(shape + 1, bits);
      return g * StrictMath.pow(open(bits), 1 / shape);
    }
    if (shape == 1) {
      return exponential(bits);
    }
    return marsagliaTsang(shape, () -> normal(bits), () -> open(bits));
  }

  /**
   * Marsaglia and Tsang's (2000) gamma of a shape above 1 on the given normals and uniforms (as
   * NumPy's {@code random_standard_gamma} writes it): {@code d = shape - 1/3}, {@code c = 1 /
   * sqrt(9 d)}, {@code v = (1 + c x)^3} for a normal x with {@code 1 + c x > 0}, accepted at once
   * when {@code u < 1 - 0.0331 x^4}, else when {@code log u < x^2 / 2 + d (1 - v + log v)}
   * (StrictMath's log); the value {@code d v}.
   *
   * @param shape the shape, above 1
   * @param normal the standard normals
   * @param uniform the uniforms
   * @return the value
   */
  public static double marsagliaTsang(
      double shape,
      java.util.function.DoubleSupplier normal,
      java.util.function.DoubleSupplier uniform) {
    double d = shape - 1.0 / 3;
    double c = 1 / StrictMath.sqrt(9 * d);
    while (true) {
      double x;
      double v;
      do {
        x = normal.getAsDouble();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      double u = uniform.getAsDouble();
      if (u < 1 - 0.0331 * (x * x) * (x * x)) {
        return d * v;
      }
      if (StrictMath.log(u) < 0.5 * x * x + d * (1 - v + StrictMath.log(v))) {
        return d * v;
      }
    }
  }

  /**
   * Beta: Johnk's method for a, b &lt;= 1 (as NumPy), else a ratio of gammas.
   *
   * @param a the first shape, positive
   * @param b the second shape, positive
   * @param bits the element's stream of 64-bit draws
   * @return the value
   */
  public static double beta(double a, double b, LongSupplier bits) {
    if (a <= 1 && b <= 1) {
      while (true) {
        double u = open(bits);
        double v = open(bits);
        double x = StrictMath.pow(u, 1 / a);
        double y = StrictMath.pow(v, 1 / b);
        double s = x + y;
        if (s <= 1) {
          if (s > 0) {
            return x / s;
          }
          double lx = StrictMath.log(u) / a;
          double ly = StrictMath.log(v) / b;
          double m = Math.max(lx, ly);
          lx -= m;
          ly -= m;
          return StrictMath.exp(lx - StrictMath.log(StrictMath.exp(lx) + StrictMath.exp(ly)));
        }
      }
    }
    double x = gamma(a, bits);
    double y = gamma(b, bits);
    return x / (x + y);
  }

  /**
   * Binomial of n trials of probability p ({@link Law#draw}).
   *
   * @param n the number of trials, non-negative
   * @param p the probability of success of each trial, in [0, 1]
   * @param bits the element's stream of 64-bit draws
   * @return the number of successes
   */
  public static long draw(long n, double p, LongSupplier bits) {
    return new Law(n, p).draw(bits);
  }

  /**
   * The binomial law of n trials of probability p, its constants computed once (NumPy's {@code
   * binomial_t}), here on the host, and handed to a kernel as they are: {@link #pp} = p, or 1 - p
   * where p exceeds 1/2 ({@link #complement}: the draw is then n minus a draw of 1 - p); inversion
   * where {@code pp n <= 30}, from {@link #qn} = (1 - pp)^n along NumPy's recurrence {@code p(x) =
   * ((n - x + 1) pp p(x - 1)) / (x q)}, starting again on a new uniform past {@link #bound} (the
   * recurrence's values are {@link #table}'s); BTPE otherwise.
   */
  public static final class Law {
    /** The number of trials. */
    public final long n;

    /** The probability as given. */
    public final double p;

    /** Whether p exceeds 1/2: a value is n minus a draw of {@link #pp}. */
    public final boolean complement;

    /** The probability drawn: p, or 1 - p where {@link #complement}. */
    public final double pp;

    /** Whether the law inverts (pp n &lt;= 30) rather than running BTPE. */
    public final boolean inversion;

    /** 1 - r: 1 - pp for inversion, 1 - min(pp, 1 - pp) for BTPE. */
    public final double q;

    /** Inversion's (1 - pp)^n, as {@code exp(n log q)}. */
    public final double qn;

    /** Inversion's bound: {@code (long) min(n, n pp + 10 sqrt(n pp q + 1))}. */
    public final long bound;

    /** BTPE's r = min(pp, 1 - pp). */
    public final double r;

    /** BTPE's mode m = floor(fm). */
    public final long m;

    /** BTPE's constants, NumPy's names. */
    public final double fm, p1, xm, xl, xr, c, laml, lamr, p2, p3, p4, nrq;

    /** Inversion's p(0) .. p(bound) where the law was made for many draws, else empty. */
    private final double[] probabilities;

    /**
     * The constants of n and p, for one draw or a few (inversion computes its probabilities as it
     * walks them).
     *
     * @param n the number of trials, non-negative
     * @param p the probability of success, in [0, 1]
     */
    public Law(long n, double p) {
      this(n, p, false);
    }

    /**
     * The constants of n and p; where {@code many}, also inversion's probabilities p(0) .. p(bound)
     * (at most 86 of them), which every draw then reads instead of dividing at every step.
     *
     * @param n the number of trials, non-negative
     * @param p the probability of success, in [0, 1]
     * @param many whether many values will be drawn
     */
    public Law(long n, double p, boolean many) {
      this.n = n;
      this.p = p;
      complement = p > 0.5;
      pp = complement ? 1.0 - p : p;
      inversion = pp * n <= 30.0;
      if (inversion) {
        q = 1.0 - pp;
        qn = StrictMath.exp(n * StrictMath.log(q));
        double np = n * pp;
        double most = np + 10.0 * StrictMath.sqrt(np * q + 1);
        bound = (long) (n < most ? n : most);
        r = fm = p1 = xm = xl = xr = c = laml = lamr = p2 = p3 = p4 = nrq = 0;
        m = 0;
        probabilities = many ? new double[(int) bound + 1] : new double[0];
        if (many) {
          probabilities[0] = qn;
          for (int x = 1; x <= bound; x++) {
            probabilities[x] = ((n - x + 1) * pp * probabilities[x - 1]) / (x * q);
          }
        }
        return;
      }
      probabilities = new double[0];
      qn = 0;
      bound = 0;
      r = pp < 1.0 - pp ? pp : 1.0 - pp;
      q = 1.0 - r;
      fm = n * r + r;
      m = (long) Math.floor(fm);
      p1 = Math.floor(2.195 * StrictMath.sqrt(n * r * q) - 4.6 * q) + 0.5;
      xm = m + 0.5;
      xl = xm - p1;
      xr = xm + p1;
      c = 0.134 + 20.5 / (15.3 + m);
      double a = (fm - xl) / (fm - xl * r);
      laml = a * (1.0 + a / 2.0);
      a = (xr - fm) / (xr * q);
      lamr = a * (1.0 + a / 2.0);
      p2 = p1 * (1.0 + 2.0 * c);
      p3 = p2 + c / laml;
      p4 = p3 + c / lamr;
      nrq = n * r * q;
    }

    /**
     * Inversion's probabilities p(0) .. p(bound), as its recurrence computes them (what a kernel
     * reads instead of dividing at every step), where the law was made for many draws; else empty,
     * as for BTPE.
     *
     * @return a copy of the table
     */
    public double[] table() {
      return probabilities.clone();
    }

    /**
     * One element's value.
     *
     * @param bits the element's stream of 64-bit draws
     * @return the number of successes
     */
    public long draw(LongSupplier bits) {
      if (n == 0 || p == 0) {
        return 0;
      }
      long x = inversion ? invert(bits) : btpe(bits);
      return complement ? n - x : x;
    }

    private long invert(LongSupplier bits) {
      double[] t = probabilities;
      if (t.length > 0) { // the same walk over the same values
        int x = 0;
        double u = uniform(bits);
        while (u > t[x]) {
          x++;
          if (x > bound) {
            x = 0;
            u = uniform(bits);
          } else {
            u -= t[x - 1];
          }
        }
        return x;
      }
      long x = 0;
      double px = qn;
      double u = uniform(bits);
      while (u > px) {
        x++;
        if (x > bound) {
          x = 0;
          px = qn;
          u = uniform(bits);
        } else {
          u -= px;
          px = ((n - x + 1) * pp * px) / (x * q);
        }
      }
      return x;
    }

    private long btpe(LongSupplier bits) {
      while (true) {
        double u = uniform(bits) * p4;
        double v = uniform(bits);
        long y;
        if (u <= p1) {
          return (long) Math.floor(xm - p1 * v + u);
        }
        if (u <= p2) {
          double x = xl + (u - p1) / c;
          v = v * c + 1.0 - Math.abs(m - x + 0.5) / p1;
          if (v > 1.0) {
            continue;
          }
          y = (long) Math.floor(x);
        } else if (u <= p3) {
          y = (long) Math.floor(xl + StrictMath.log(v) / laml);
          if (y < 0 || v == 0.0) {
            continue;
          }
          v = v * (u - p2) * laml;
        } else {
          y = (long) Math.floor(xr - StrictMath.log(v) / lamr);
          if (y > n || v == 0.0) {
            continue;
          }
          v = v * (u - p3) * lamr;
        }
        long k = Math.abs(y - m);
        if (k > 20 && k < nrq / 2.0 - 1) {
          if (accepts(y, k, v)) {
            return y;
          }
          continue;
        }
        double s = r / q;
        double a = s * (n + 1);
        double f = 1.0;
        if (m < y) {
          for (long i = m + 1; i <= y; i++) {
            f *= a / i - s;
          }
        } else if (m > y) {
          for (long i = y + 1; i <= m; i++) {
            f /= a / i - s;
          }
        }
        if (v <= f) {
          return y;
        }
      }
    }

    /** BTPE's step 5.2: the squeeze, then the bound from Stirling's formula. */
    private boolean accepts(long y, long k, double v) {
      double rho = (k / nrq) * ((k * (k / 3.0 + 0.625) + 0.16666666666666666) / nrq + 0.5);
      double t = -k * k / (2 * nrq);
      double a = StrictMath.log(v);
      if (a < t - rho) {
        return true;
      }
      if (a > t + rho) {
        return false;
      }
      double x1 = y + 1;
      double f1 = m + 1;
      double z = n + 1 - m;
      double w = n - y + 1;
      double x2 = x1 * x1;
      double f2 = f1 * f1;
      double z2 = z * z;
      double w2 = w * w;
      return !(a
          > xm * StrictMath.log(f1 / x1)
              + (n - m + 0.5) * StrictMath.log(z / w)
              + (y - m) * StrictMath.log(w * r / (x1 * q))
              + stirling(f2) / f1 / 166320.
              + stirling(z2) / z / 166320.
              + stirling(x2) / x1 / 166320.
              + stirling(w2) / w / 166320.);
    }

    private static double stirling(double x2) {
      return 13680. - (462. - (132. - (99. - 140. / x2) / x2) / x2) / x2;
    }
  }
}
