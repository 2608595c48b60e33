package io.ndj.conformance;

/**
 * Distribution functions for the random contracts, written independently of the generator's code:
 * log-gamma by Stirling's series after shifting the argument past 10, the regularized incomplete
 * gamma and beta functions by their series and continued fractions (Numerical Recipes' gser, gcf
 * and betacf), and the tests that use them: Kolmogorov-Smirnov and chi-square.
 */
final class Cdf {
  private Cdf() {}

  /** log Γ(x), x > 0: shift to x >= 10, then Stirling's series to x^-9. */
  static double lgamma(double x) {
    double shift = 0;
    while (x < 10) {
      shift -= Math.log(x);
      x += 1;
    }
    double x2 = 1 / (x * x);
    double series =
        (1.0 / 12 - x2 * (1.0 / 360 - x2 * (1.0 / 1260 - x2 * (1.0 / 1680 - x2 / 1188)))) / x;
    return shift + (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + series;
  }

  /** The regularized lower incomplete gamma function P(a, x). */
  static double gammaP(double a, double x) {
    if (x <= 0) {
      return 0;
    }
    if (x < a + 1) {
      double sum = 1 / a;
      double term = sum;
      for (int n = 1; n < 10_000; n++) {
        term *= x / (a + n);
        sum += term;
        if (Math.abs(term) < Math.abs(sum) * 1e-16) {
          break;
        }
      }
      return sum * Math.exp(-x + a * Math.log(x) - lgamma(a));
    }
    return 1 - gammaQcf(a, x);
  }

  private static double gammaQcf(double a, double x) {
    double tiny = 1e-300;
    double b = x + 1 - a;
    double c = 1 / tiny;
    double d = 1 / b;
    double h = d;
    for (int i = 1; i < 10_000; i++) {
      double an = -i * (i - a);
      b += 2;
      d = an * d + b;
      d = Math.abs(d) < tiny ? tiny : d;
      c = b + an / c;
      c = Math.abs(c) < tiny ? tiny : c;
      d = 1 / d;
      double del = d * c;
      h *= del;
      if (Math.abs(del - 1) < 1e-16) {
        break;
      }
    }
    return Math.exp(-x + a * Math.log(x) - lgamma(a)) * h;
  }

  /** The regularized incomplete beta function I_x(a, b). */
  static double betaI(double a, double b, double x) {
    if (x <= 0) {
      return 0;
    }
    if (x >= 1) {
      return 1;
    }
    double front =
        Math.exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * Math.log(x) + b * Math.log1p(-x));
    if (x < (a + 1) / (a + b + 2)) {
      return front * betaCf(a, b, x) / a;
    }
    return 1 - front * betaCf(b, a, 1 - x) / b;
  }

  private static double betaCf(double a, double b, double x) {
    double tiny = 1e-300;
    double c = 1;
    double d = 1 - (a + b) * x / (a + 1);
    d = Math.abs(d) < tiny ? tiny : d;
    d = 1 / d;
    double h = d;
    for (int m = 1; m < 10_000; m++) {
      int m2 = 2 * m;
      double aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
      d = 1 + aa * d;
      d = Math.abs(d) < tiny ? tiny : d;
      c = 1 + aa / c;
      c = Math.abs(c) < tiny ? tiny : c;
      d = 1 / d;
      h *= d * c;
      aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
      d = 1 + aa * d;
      d = Math.abs(d) < tiny ? tiny : d;
      c = 1 + aa / c;
      c = Math.abs(c) < tiny ? tiny : c;
      d = 1 / d;
      double del = d * c;
      h *= del;
      if (Math.abs(del - 1) < 1e-16) {
        break;
      }
    }
    return h;
  }

  /** The standard normal CDF, through erf(z) = P(1/2, z^2). */
  static double phi(double x) {
    double p = gammaP(0.5, x * x / 2);
    return x >= 0 ? 0.5 + 0.5 * p : 0.5 - 0.5 * p;
  }

  /** Student's t CDF with df degrees of freedom. */
  static double studentT(double t, double df) {
    double tail = 0.5 * betaI(df / 2, 0.5, df / (df + t * t));
    return t >= 0 ? 1 - tail : tail;
  }

  /** The Kolmogorov-Smirnov statistic of a sample against a CDF. */
  static double ks(double[] sample, java.util.function.DoubleUnaryOperator cdf) {
    double[] x = sample.clone();
    java.util.Arrays.sort(x);
    int n = x.length;
    double d = 0;
    for (int i = 0; i < n; i++) {
      double f = cdf.applyAsDouble(x[i]);
      d = Math.max(d, Math.max(f - (double) i / n, (i + 1.0) / n - f));
    }
    return d;
  }

  /** The KS statistic's bound at significance 0.001 for n values. */
  static double ksBound(int n) {
    return 1.95 / Math.sqrt(n);
  }

  /**
   * The chi-square statistic of integer values (all at least lo) against a pmf, over bins of
   * consecutive values holding an expected count of at least 5 and one bin for the rest, and the
   * statistic's 0.999 quantile (Wilson and Hilferty) for those degrees of freedom: {stat, bound}.
   */
  static double[] chiSquare(long[] sample, java.util.function.LongToDoubleFunction pmf, long lo) {
    int n = sample.length;
    java.util.Map<Long, Integer> counts = new java.util.HashMap<>();
    for (long v : sample) {
      counts.merge(v, 1, Integer::sum);
    }
    double stat = 0;
    int bins = 0;
    double cumP = 0;
    double closedE = 0;
    long closedO = 0;
    double binE = 0;
    long binO = 0;
    for (long k = lo; k < lo + 10_000_000; k++) {
      double p = pmf.applyAsDouble(k);
      binE += n * p;
      binO += counts.getOrDefault(k, 0);
      cumP += p;
      if (n * (1 - cumP) < 5) {
        break;
      }
      if (binE >= 5) {
        stat += (binO - binE) * (binO - binE) / binE;
        bins++;
        closedE += binE;
        closedO += binO;
        binE = 0;
        binO = 0;
      }
    }
    double tailE = n - closedE;
    long tailO = n - closedO;
    stat += (tailO - tailE) * (tailO - tailE) / tailE;
    bins++;
    int df = Math.max(1, bins - 1);
    double z = 3.09;
    double bound = df * Math.pow(1 - 2.0 / (9 * df) + z * Math.sqrt(2.0 / (9 * df)), 3);
    return new double[] {stat, bound};
  }

  /** log of n choose k. */
  static double logChoose(double n, double k) {
    return lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1);
  }
}
