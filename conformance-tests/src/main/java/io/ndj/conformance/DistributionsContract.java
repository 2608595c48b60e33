package io.ndj.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.ndj.DType;
import io.ndj.Generator;
import io.ndj.Nd;
import io.ndj.NdArray;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import java.util.function.LongToDoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The Generator's distributions: each sample of 20,000 values from a fixed seed passes a
 * Kolmogorov-Smirnov test (continuous laws) or a chi-square test (discrete ones) against the exact
 * distribution at significance 0.001 ({@link Cdf}, written apart from the generator), the values
 * are bit for bit the cpu backend's for the same seed, and bad parameters raise NumPy's messages
 * ({@code numpy/numpy-distribution-errors.tsv}, from {@code numpy_distribution_errors.py}).
 */
public interface DistributionsContract extends KitSupport {
  int N = 20_000;

  /** A continuous law: how to draw it and its CDF. */
  record Law(String name, Function<Generator, NdArray> draw, DoubleUnaryOperator cdf) {}

  /** A discrete law: how to draw it, its pmf and its least value. */
  record Counts(
      String name, Function<Generator, NdArray> draw, LongToDoubleFunction pmf, long lo) {}

  private static List<Law> continuous() {
    double s2 = Math.sqrt(2);
    return List.of(
        new Law("standardExponential", g -> g.standardExponential(N), x -> 1 - Math.exp(-x)),
        new Law("exponential(2.5)", g -> g.exponential(2.5, N), x -> 1 - Math.exp(-x / 2.5)),
        new Law("standardGamma(0.5)", g -> g.standardGamma(0.5, N), x -> Cdf.gammaP(0.5, x)),
        new Law("standardGamma(3)", g -> g.standardGamma(3, N), x -> Cdf.gammaP(3, x)),
        new Law("gamma(2.5, 2)", g -> g.gamma(2.5, 2, N), x -> Cdf.gammaP(2.5, x / 2)),
        new Law("beta(0.5, 0.7)", g -> g.beta(0.5, 0.7, N), x -> Cdf.betaI(0.5, 0.7, x)),
        new Law("beta(2, 5)", g -> g.beta(2, 5, N), x -> Cdf.betaI(2, 5, x)),
        new Law("chisquare(4)", g -> g.chisquare(4, N), x -> Cdf.gammaP(2, x / 2)),
        new Law(
            "f(5, 10)",
            g -> g.f(5, 10, N),
            x -> x <= 0 ? 0 : Cdf.betaI(2.5, 5, 5 * x / (5 * x + 10))),
        new Law("standardT(3)", g -> g.standardT(3, N), t -> Cdf.studentT(t, 3)),
        new Law("standardNormal", g -> g.standardNormal(N), Cdf::phi),
        new Law("gumbel(1, 2)", g -> g.gumbel(1, 2, N), x -> Math.exp(-Math.exp(-(x - 1) / 2))),
        new Law(
            "laplace(0, 1.5)",
            g -> g.laplace(0, 1.5, N),
            x -> x < 0 ? 0.5 * Math.exp(x / 1.5) : 1 - 0.5 * Math.exp(-x / 1.5)),
        new Law(
            "logistic(0.5, 2)",
            g -> g.logistic(0.5, 2, N),
            x -> 1 / (1 + Math.exp(-(x - 0.5) / 2))),
        new Law(
            "lognormal(0.3, 0.6)",
            g -> g.lognormal(0.3, 0.6, N),
            x -> x <= 0 ? 0 : Cdf.phi((Math.log(x) - 0.3) / 0.6)),
        new Law("rayleigh(2)", g -> g.rayleigh(2, N), x -> 1 - Math.exp(-x * x / 8)),
        new Law("standardCauchy", g -> g.standardCauchy(N), x -> 0.5 + Math.atan(x) / Math.PI),
        new Law("pareto(3)", g -> g.pareto(3, N), x -> 1 - Math.pow(1 + x, -3)),
        new Law("weibull(1.5)", g -> g.weibull(1.5, N), x -> 1 - Math.exp(-Math.pow(x, 1.5))),
        new Law("power(2.5)", g -> g.power(2.5, N), x -> Math.pow(x, 2.5)),
        new Law(
            "triangular(-1, 0.5, 3)",
            g -> g.triangular(-1, 0.5, 3, N),
            x -> x <= 0.5 ? (x + 1) * (x + 1) / (4 * 1.5) : 1 - (3 - x) * (3 - x) / (4 * 2.5)),
        new Law(
            "wald(1.5, 2)",
            g -> g.wald(1.5, 2, N),
            x ->
                Cdf.phi(Math.sqrt(2 / x) * (x / 1.5 - 1))
                    + Math.exp(2 * 2 / 1.5) * Cdf.phi(-Math.sqrt(2 / x) * (x / 1.5 + 1))),
        new Law("vonmises(0.5, 2)", g -> g.vonmises(0.5, 2, N), x -> vonMisesCdf(x, 0.5, 2)),
        new Law(
            "noncentralChisquare(3, 2)",
            g -> g.noncentralChisquare(3, 2, N),
            x -> poissonMixture(2, j -> Cdf.gammaP(1.5 + j, x / 2))),
        new Law(
            "noncentralChisquare(0.5, 1.5)",
            g -> g.noncentralChisquare(0.5, 1.5, N),
            x -> poissonMixture(1.5, j -> Cdf.gammaP(0.25 + j, x / 2))),
        new Law(
            "noncentralF(3, 8, 2)",
            g -> g.noncentralF(3, 8, 2, N),
            x -> x <= 0 ? 0 : poissonMixture(2, j -> Cdf.betaI(1.5 + j, 4, 3 * x / (3 * x + 8)))),
        new Law(
            "dirichlet([1, 2, 3])[:, 0]",
            g -> g.dirichlet(new double[] {1, 2, 3}, N).get(":", 0),
            x -> Cdf.betaI(1, 5, x)),
        new Law(
            "multivariateNormal[:, 0]",
            g ->
                g.multivariateNormal(new double[] {1, -1}, new double[][] {{2, 0.8}, {0.8, 1}}, N)
                    .get(":", 0),
            x -> Cdf.phi((x - 1) / s2)));
  }

  /**
   * A noncentral law's CDF as NumPy's textbooks write it: the Poisson(lam / 2) mixture of the
   * central CDFs with j extra half degrees of freedom.
   */
  private static double poissonMixture(double lam, java.util.function.IntToDoubleFunction central) {
    double sum = 0;
    for (int j = 0; j < 200; j++) {
      double w = Math.exp(-lam / 2 + j * Math.log(lam / 2) - Cdf.lgamma(j + 1));
      sum += w * central.applyAsDouble(j);
      if (j > lam && w < 1e-17) {
        break;
      }
    }
    return sum;
  }

  /** The von Mises CDF on [-pi, pi] by Simpson's rule on its density. */
  private static double vonMisesCdf(double x, double mu, double kappa) {
    int steps = 2000;
    double lo = -Math.PI;
    double total = simpson(lo, Math.PI, steps, t -> Math.exp(kappa * Math.cos(t - mu)));
    return simpson(lo, x, steps, t -> Math.exp(kappa * Math.cos(t - mu))) / total;
  }

  private static double simpson(double a, double b, int steps, DoubleUnaryOperator f) {
    double h = (b - a) / steps;
    double s = f.applyAsDouble(a) + f.applyAsDouble(b);
    for (int i = 1; i < steps; i++) {
      s += f.applyAsDouble(a + i * h) * (i % 2 == 1 ? 4 : 2);
    }
    return s * h / 3;
  }

  private static List<Counts> discrete() {
    double zeta25 = zeta(2.5);
    return List.of(
        new Counts("poisson(3.5)", g -> g.poisson(3.5, N), k -> poisson(k, 3.5), 0),
        new Counts("poisson(25)", g -> g.poisson(25, N), k -> poisson(k, 25), 0),
        new Counts("binomial(20, 0.3)", g -> g.binomial(20, 0.3, N), k -> binom(k, 20, 0.3), 0),
        new Counts(
            "binomial(1000, 0.4)", g -> g.binomial(1000, 0.4, N), k -> binom(k, 1000, 0.4), 0),
        new Counts(
            "geometric(0.25)", g -> g.geometric(0.25, N), k -> Math.pow(0.75, k - 1) * 0.25, 1),
        new Counts(
            "negativeBinomial(3, 0.4)",
            g -> g.negativeBinomial(3, 0.4, N),
            k -> Math.exp(Cdf.logChoose(k + 2, k) + 3 * Math.log(0.4) + k * Math.log(0.6)),
            0),
        new Counts(
            "hypergeometric(15, 25, 12)",
            g -> g.hypergeometric(15, 25, 12, N),
            k ->
                k > 12 || k > 15
                    ? 0
                    : Math.exp(
                        Cdf.logChoose(15, k) + Cdf.logChoose(25, 12 - k) - Cdf.logChoose(40, 12)),
            0),
        new Counts("zipf(2.5)", g -> g.zipf(2.5, N), k -> Math.pow(k, -2.5) / zeta25, 1),
        new Counts(
            "logseries(0.7)",
            g -> g.logseries(0.7, N),
            k -> k < 1 ? 0 : -Math.pow(0.7, k) / (k * Math.log1p(-0.7)),
            1),
        new Counts(
            "multivariate_hypergeometric([15, 10, 15], 12)[:, 1]",
            g -> g.multivariateHypergeometric(new long[] {15, 10, 15}, 12, N).get(":", 1),
            k ->
                k > 10
                    ? 0
                    : Math.exp(
                        Cdf.logChoose(10, k) + Cdf.logChoose(30, 12 - k) - Cdf.logChoose(40, 12)),
            0),
        new Counts(
            "multivariate_hypergeometric([15, 10, 15], 30)[:, 2] (the complement drawn)",
            g -> g.multivariateHypergeometric(new long[] {15, 10, 15}, 30, N).get(":", 2),
            k ->
                k < 5 || k > 15
                    ? 0
                    : Math.exp(
                        Cdf.logChoose(15, k) + Cdf.logChoose(25, 30 - k) - Cdf.logChoose(40, 30)),
            0),
        new Counts(
            "multinomial(50, [0.2, 0.3, 0.5])[:, 0]",
            g -> g.multinomial(50, new double[] {0.2, 0.3, 0.5}, N).get(":", 0),
            k -> binom(k, 50, 0.2),
            0));
  }

  private static double poisson(long k, double lam) {
    return Math.exp(k * Math.log(lam) - lam - Cdf.lgamma(k + 1));
  }

  private static double binom(long k, long n, double p) {
    if (k > n) {
      return 0;
    }
    return Math.exp(Cdf.logChoose(n, k) + k * Math.log(p) + (n - k) * Math.log1p(-p));
  }

  /** Riemann's zeta by a sum to 10^6 and the integral of the tail. */
  private static double zeta(double a) {
    double s = 0;
    int m = 1_000_000;
    for (int k = m; k >= 1; k--) {
      s += Math.pow(k, -a);
    }
    return s + Math.pow(m, 1 - a) / (a - 1) - 0.5 * Math.pow(m, -a);
  }

  private Generator generator(long seed) {
    return backend().random(seed);
  }

  /**
   * The same call on the cpu backend, for the bit-for-bit check (the backend under test if cpu).
   */
  private static NdArray onCpu(Function<Generator, NdArray> draw, long seed) {
    return draw.apply(Nd.backend("cpu").random(seed));
  }

  @TestFactory
  default Stream<DynamicTest> continuousDistributionsPassKolmogorovSmirnov() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Law law : continuous()) {
      tests.add(
          dynamicTest(
              law.name(),
              () -> {
                NdArray x = law.draw().apply(generator(20261206));
                double[] v = x.toDoubleArray();
                assertEquals(N, v.length, law.name());
                double d = Cdf.ks(v, law.cdf());
                assertTrue(
                    d < Cdf.ksBound(N),
                    law.name() + ": KS statistic " + d + " past " + Cdf.ksBound(N));
                double[] cpu = onCpu(law.draw(), 20261206).toDoubleArray();
                assertArrayEquals(cpu, v, law.name() + ": cpu's bits");
              }));
    }
    return tests.stream();
  }

  @TestFactory
  default Stream<DynamicTest> discreteDistributionsPassChiSquare() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Counts c : discrete()) {
      tests.add(
          dynamicTest(
              c.name(),
              () -> {
                NdArray x = c.draw().apply(generator(7));
                assertEquals(DType.INT64, x.dtype(), c.name());
                long[] v = x.toLongArray();
                double[] chi = Cdf.chiSquare(v, c.pmf(), c.lo());
                assertTrue(
                    chi[0] < chi[1],
                    c.name() + ": chi-square " + chi[0] + " past its 0.999 quantile " + chi[1]);
                assertArrayEquals(onCpu(c.draw(), 7).toLongArray(), v, c.name() + ": cpu's bits");
              }));
    }
    return tests.stream();
  }

  /**
   * Shapes, dtypes and the vector laws' own constraints: rows of a simplex, counts summing to n.
   */
  @Test
  default void shapesDtypesAndConstraints() {
    Generator g = generator(11);
    assertEquals("(2, 3)", g.gamma(2, 1, 2, 3).shape().toString());
    assertEquals(DType.FLOAT32, g.standardGamma(2, DType.FLOAT32, 4).dtype());
    assertEquals(DType.FLOAT32, g.standardExponential(DType.FLOAT32, 4).dtype());
    assertEquals(DType.FLOAT32, g.standardNormal(DType.FLOAT32, 4).dtype());
    assertEquals("()", g.poisson(2, new long[0]).shape().toString());
    NdArray d = g.dirichlet(new double[] {0.5, 1, 2}, 5, 4);
    assertEquals("(5, 4, 3)", d.shape().toString());
    Check.sameValues(
        "dirichlet rows sum to 1", ones(5, 4).toDoubleArray(), d.sum(-1).toDoubleArray(), 1e-12);
    long[] colors = {4, 0, 7, 2};
    for (long nsample : new long[] {0, 5, 9, 13}) {
      NdArray h = g.multivariateHypergeometric(colors, nsample, 3, 5);
      assertEquals("(3, 5, 4)", h.shape().toString());
      assertEquals(DType.INT64, h.dtype());
      long[] v = h.toLongArray();
      for (int r = 0; r < 15; r++) {
        long sum = 0;
        for (int j = 0; j < 4; j++) {
          long x = v[r * 4 + j];
          assertTrue(x >= 0 && x <= colors[j], "a color's count within its items: " + x);
          sum += x;
        }
        assertEquals(nsample, sum, "multivariate_hypergeometric's counts add up to nsample");
      }
    }
    assertEquals(
        "(0,)", g.multivariateHypergeometric(new long[0], 0, new long[0]).shape().toString());
    for (Object[] bad :
        new Object[][] {
          {
            new long[] {10, -1, 3},
            2L,
            "colors must be a one-dimensional sequence of nonnegative"
                + " integers not exceeding 9223372036854775807."
          },
          {new long[] {10, 5, 3}, -1L, "nsample must be nonnegative."},
          {new long[] {10, 5, 3}, 19L, "nsample > sum(colors)"},
          {
            new long[] {1L << 62, 1L << 62},
            1L,
            "sum(colors) must not exceed the maximum value of a"
                + " 64 bit signed integer (9223372036854775807)"
          }
        }) {
      Check.raisesNumpysMessage(
          "multivariate_hypergeometric",
          (String) bad[2],
          () -> g.multivariateHypergeometric((long[]) bad[0], (Long) bad[1], 2));
    }
    NdArray m = g.multinomial(30, new double[] {0.1, 0.6, 0.3}, 6);
    assertEquals("(6, 3)", m.shape().toString());
    assertArrayEquals(new long[] {30, 30, 30, 30, 30, 30}, m.sum(-1).toLongArray());
    NdArray mv = g.multivariateNormal(new double[] {1, -1}, new double[][] {{2, 0.8}, {0.8, 1}}, N);
    double[] a = mv.get(":", 0).toDoubleArray();
    double[] b = mv.get(":", 1).toDoubleArray();
    double ma = java.util.Arrays.stream(a).average().orElseThrow();
    double mb = java.util.Arrays.stream(b).average().orElseThrow();
    double cov = 0;
    for (int i = 0; i < N; i++) {
      cov += (a[i] - ma) * (b[i] - mb);
    }
    cov /= N - 1;
    assertEquals(0.8, cov, 0.06, "the sample covariance of a multivariate normal");
    assertEquals(-1, mb, 0.03, "the sample mean of its second component");
    assertEquals(33, g.bytes(33).length);
    assertArrayEquals(generator(5).bytes(16), generator(5).bytes(16), "bytes are seeded");
  }

  /** permuted shuffles each slice along the axis on its own; choice with p follows p. */
  @Test
  default void permutedAndWeightedChoice() {
    NdArray x = arange(40).reshape(4, 10);
    NdArray p = generator(3).permuted(x, 1);
    assertArrayEquals(x.toLongArray(), p.sort(1).toLongArray(), "each row is a permutation");
    assertTrue(!java.util.Arrays.equals(x.toLongArray(), p.toLongArray()), "and not the identity");
    assertArrayEquals(
        arange(40).reshape(4, 10).toLongArray(), x.toLongArray(), "x itself is unchanged");
    double[] w = {0.1, 0.0, 0.2, 0.7};
    NdArray pool = arange(4);
    long[] picks = generator(9).choice(pool, N, true, w).toLongArray();
    double[] chi = Cdf.chiSquare(picks, k -> k >= 0 && k < 4 ? w[(int) k] : 0, 0);
    assertTrue(chi[0] < chi[1], "choice with p: chi-square " + chi[0] + " past " + chi[1]);
    // without replacement: the first pick follows p, and a sample never repeats an element
    long[] first = new long[4000];
    for (int i = 0; i < first.length; i++) {
      long[] s = generator(100 + i).choice(pool, 3, false, w).toLongArray();
      assertEquals(3, java.util.Arrays.stream(s).distinct().count(), "no repeats");
      assertTrue(java.util.Arrays.stream(s).noneMatch(v -> v == 1), "p = 0 is never taken");
      first[i] = s[0];
    }
    double[] chiFirst = Cdf.chiSquare(first, k -> k >= 0 && k < 4 ? w[(int) k] : 0, 0);
    assertTrue(chiFirst[0] < chiFirst[1], "the first pick follows p: " + chiFirst[0]);
  }

  /**
   * Array parameters broadcast as NumPy broadcasts them: each column of a (20000, 2) draw follows
   * the law of its own parameters (KS or chi-square), an empty size takes the parameters' shape,
   * and shapes that do not broadcast raise NumPy's message naming the two args.
   */
  @Test
  default void arrayParametersBroadcastAsNumpys() {
    Generator g = generator(31);
    NdArray two = array(new double[] {1, 4});
    ksColumns(
        "exponential([1, 4])",
        g.exponential(two, N, 2),
        new DoubleUnaryOperator[] {x -> 1 - Math.exp(-x), x -> 1 - Math.exp(-x / 4)});
    ksColumns(
        "gamma([0.5, 3], 2)",
        g.gamma(array(new double[] {0.5, 3}), full(2.0, new long[0]), N, 2),
        new DoubleUnaryOperator[] {x -> Cdf.gammaP(0.5, x / 2), x -> Cdf.gammaP(3, x / 2)});
    ksColumns(
        "beta(2, [5, 1])",
        g.beta(array(new double[] {2}), array(new double[] {5, 1}), N, 2),
        new DoubleUnaryOperator[] {x -> Cdf.betaI(2, 5, x), x -> Cdf.betaI(2, 1, x)});
    ksColumns(
        "chisquare([4, 1])",
        g.chisquare(array(new double[] {4, 1}), N, 2),
        new DoubleUnaryOperator[] {x -> Cdf.gammaP(2, x / 2), x -> Cdf.gammaP(0.5, x / 2)});
    ksColumns(
        "lognormal([0, 1], [0.5, 0.25])",
        g.lognormal(array(new double[] {0, 1}), array(new double[] {0.5, 0.25}), N, 2),
        new DoubleUnaryOperator[] {
          x -> x <= 0 ? 0 : Cdf.phi(Math.log(x) / 0.5),
          x -> x <= 0 ? 0 : Cdf.phi((Math.log(x) - 1) / 0.25)
        });
    ksColumns(
        "normal([0, 5], [1, 2])",
        g.normal(array(new double[] {0, 5}), array(new double[] {1, 2}), N, 2),
        new DoubleUnaryOperator[] {Cdf::phi, x -> Cdf.phi((x - 5) / 2)});
    ksColumns(
        "uniform([0, -1], [1, 1])",
        g.uniform(array(new double[] {0, -1}), array(new double[] {1, 1}), N, 2),
        new DoubleUnaryOperator[] {
          x -> Math.min(1, Math.max(0, x)), x -> Math.min(1, Math.max(0, (x + 1) / 2))
        });
    NdArray pois = g.poisson(array(new double[] {1, 20}), N, 2);
    assertEquals(DType.INT64, pois.dtype());
    chiColumn("poisson(1)", pois.get(":", 0), k -> poisson(k, 1));
    chiColumn("poisson(20)", pois.get(":", 1), k -> poisson(k, 20));
    // a rate per element (a backend's kernel computes each element's law): cpu's bits, rates of
    // both methods (inversion below 10, PTRS from 10), zero and a large one
    double[] rates = {0, 0.5, 3.5, 9.99, 10, 25, 1e3, 1e9};
    assertArrayEquals(
        onCpu(c -> c.poisson(Nd.backend("cpu").array(rates), N / 8, 8), 43).toLongArray(),
        generator(43).poisson(array(rates), N / 8, 8).toLongArray(),
        "poisson of a rate per element: cpu's bits");
    NdArray bin = g.binomial(array(new double[] {10, 100}), array(new double[] {0.3}), N, 2);
    chiColumn("binomial(10, 0.3)", bin.get(":", 0), k -> binom(k, 10, 0.3));
    chiColumn("binomial(100, 0.3)", bin.get(":", 1), k -> binom(k, 100, 0.3));
    assertEquals(
        "(2, 3)", g.exponential(ones(2, 3)).shape().toString(), "size None: the parameters' shape");
    Check.raisesNumpysMessage(
        "exponential([1, 2, 3], size=(4, 2))",
        "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg 0"
            + " with shape (4, 2) and arg 1 with shape (3,).",
        () -> g.exponential(array(new double[] {1, 2, 3}), 4, 2));
    Check.raisesNumpysMessage(
        "gamma([1, 2], [1, 2, 3])",
        "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg 0"
            + " with shape (2,) and arg 1 with shape (3,).",
        () -> g.gamma(array(new double[] {1, 2}), array(new double[] {1, 2, 3})));
    Check.raisesNumpysMessage(
        "exponential([1, -2])", "scale < 0", () -> g.exponential(array(new double[] {1, -2})));
    assertArrayEquals(
        Nd.backend("cpu")
            .random(3)
            .gamma(Nd.backend("cpu").array(new double[] {0.5, 3}), Nd.backend("cpu").ones(1), 50, 2)
            .toDoubleArray(),
        generator(3).gamma(array(new double[] {0.5, 3}), ones(1), 50, 2).toDoubleArray(),
        "cpu's bits");
  }

  /** The other laws' array forms, each column against the law of its own parameters. */
  @Test
  default void everyLawTakesArrayParameters() {
    Generator g = generator(41);
    NdArray p2 = array(new double[] {1, 2});
    NdArray z = full(0.0, new long[0]);
    ksColumns(
        "gumbel(0, [1, 2])",
        g.gumbel(z, p2, N, 2),
        new DoubleUnaryOperator[] {x -> Math.exp(-Math.exp(-x)), x -> Math.exp(-Math.exp(-x / 2))});
    ksColumns(
        "laplace(0, [1, 2])",
        g.laplace(z, p2, N, 2),
        new DoubleUnaryOperator[] {
          x -> x < 0 ? 0.5 * Math.exp(x) : 1 - 0.5 * Math.exp(-x),
          x -> x < 0 ? 0.5 * Math.exp(x / 2) : 1 - 0.5 * Math.exp(-x / 2)
        });
    ksColumns(
        "logistic(0, [1, 2])",
        g.logistic(z, p2, N, 2),
        new DoubleUnaryOperator[] {x -> 1 / (1 + Math.exp(-x)), x -> 1 / (1 + Math.exp(-x / 2))});
    ksColumns(
        "rayleigh([1, 2])",
        g.rayleigh(p2, N, 2),
        new DoubleUnaryOperator[] {x -> 1 - Math.exp(-x * x / 2), x -> 1 - Math.exp(-x * x / 8)});
    ksColumns(
        "pareto([1, 2])",
        g.pareto(p2, N, 2),
        new DoubleUnaryOperator[] {x -> 1 - Math.pow(1 + x, -1), x -> 1 - Math.pow(1 + x, -2)});
    ksColumns(
        "weibull([1, 2])",
        g.weibull(p2, N, 2),
        new DoubleUnaryOperator[] {x -> 1 - Math.exp(-x), x -> 1 - Math.exp(-x * x)});
    ksColumns(
        "power([1, 2])",
        g.power(p2, N, 2),
        new DoubleUnaryOperator[] {
          x -> Math.min(1, Math.max(0, x)), x -> Math.min(1, Math.max(0, x * x))
        });
    ksColumns(
        "standardT([1, 2])",
        g.standardT(p2, N, 2),
        new DoubleUnaryOperator[] {t -> Cdf.studentT(t, 1), t -> Cdf.studentT(t, 2)});
    ksColumns(
        "f([1, 2], 10)",
        g.f(p2, full(10.0, new long[0]), N, 2),
        new DoubleUnaryOperator[] {
          x -> x <= 0 ? 0 : Cdf.betaI(0.5, 5, x / (x + 10)),
          x -> x <= 0 ? 0 : Cdf.betaI(1, 5, 2 * x / (2 * x + 10))
        });
    ksColumns(
        "wald([1, 2], 2)",
        g.wald(p2, full(2.0, new long[0]), N, 2),
        new DoubleUnaryOperator[] {
          x ->
              Cdf.phi(Math.sqrt(2 / x) * (x - 1))
                  + Math.exp(4) * Cdf.phi(-Math.sqrt(2 / x) * (x + 1)),
          x ->
              Cdf.phi(Math.sqrt(2 / x) * (x / 2 - 1))
                  + Math.exp(2) * Cdf.phi(-Math.sqrt(2 / x) * (x / 2 + 1))
        });
    ksColumns(
        "triangular(0, [0.5, 1], 2)",
        g.triangular(z, array(new double[] {0.5, 1}), full(2.0, new long[0]), N, 2),
        new DoubleUnaryOperator[] {
          x -> x <= 0.5 ? x * x / (2 * 0.5) : 1 - (2 - x) * (2 - x) / (2 * 1.5),
          x -> x <= 1 ? x * x / 2 : 1 - (2 - x) * (2 - x) / 2
        });
    ksColumns(
        "vonmises(0, [1, 4])",
        g.vonmises(z, array(new double[] {1, 4}), N, 2),
        new DoubleUnaryOperator[] {x -> vonMisesCdf(x, 0, 1), x -> vonMisesCdf(x, 0, 4)});
    NdArray geo = g.geometric(array(new double[] {0.2, 0.6}), N, 2);
    chiColumn1("geometric(0.2)", geo.get(":", 0), k -> Math.pow(0.8, k - 1) * 0.2);
    chiColumn1("geometric(0.6)", geo.get(":", 1), k -> Math.pow(0.4, k - 1) * 0.6);
    NdArray nb = g.negativeBinomial(p2, full(0.5, new long[0]), N, 2);
    chiColumn("negativeBinomial(1, 0.5)", nb.get(":", 0), k -> Math.pow(0.5, k + 1));
    chiColumn("negativeBinomial(2, 0.5)", nb.get(":", 1), k -> (k + 1) * Math.pow(0.5, k + 2));
    NdArray hyp =
        g.hypergeometric(
            array(new double[] {5, 10}), full(10.0, new long[0]), full(6.0, new long[0]), N, 2);
    chiColumn(
        "hypergeometric(5, 10, 6)",
        hyp.get(":", 0),
        k ->
            k > 5
                ? 0
                : Math.exp(Cdf.logChoose(5, k) + Cdf.logChoose(10, 6 - k) - Cdf.logChoose(15, 6)));
    chiColumn(
        "hypergeometric(10, 10, 6)",
        hyp.get(":", 1),
        k ->
            k > 6
                ? 0
                : Math.exp(Cdf.logChoose(10, k) + Cdf.logChoose(10, 6 - k) - Cdf.logChoose(20, 6)));
    NdArray zipfs = g.zipf(array(new double[] {2, 3}), N, 2);
    double z2 = zeta(2);
    double z3 = zeta(3);
    chiColumn1("zipf(2)", zipfs.get(":", 0), k -> Math.pow(k, -2) / z2);
    chiColumn1("zipf(3)", zipfs.get(":", 1), k -> Math.pow(k, -3) / z3);
    Check.raisesNumpysMessage(
        "triangular(0, [0.5, 3], 2)",
        "mode > right",
        () -> g.triangular(z, array(new double[] {0.5, 3}), full(2.0, new long[0])));
  }

  private static void chiColumn1(String name, NdArray x, LongToDoubleFunction pmf) {
    double[] chi = Cdf.chiSquare(x.toLongArray(), pmf, 1);
    assertTrue(chi[0] < chi[1], name + ": chi-square " + chi[0] + " past " + chi[1]);
  }

  private static void ksColumns(String name, NdArray x, DoubleUnaryOperator[] cdfs) {
    for (int j = 0; j < cdfs.length; j++) {
      double d = Cdf.ks(x.get(":", j).toDoubleArray(), cdfs[j]);
      assertTrue(d < Cdf.ksBound(N), name + " column " + j + ": KS " + d);
    }
  }

  private static void chiColumn(String name, NdArray x, LongToDoubleFunction pmf) {
    double[] chi = Cdf.chiSquare(x.toLongArray(), pmf, 0);
    assertTrue(chi[0] < chi[1], name + ": chi-square " + chi[0] + " past " + chi[1]);
  }

  @TestFactory
  default Stream<DynamicTest> badParametersRaiseNumpysMessages() {
    return KitData.table("numpy/numpy-distribution-errors.tsv").stream()
        .map(
            f ->
                dynamicTest(
                    f[0] + "(" + f[1] + ")",
                    () ->
                        Check.raisesNumpysMessage(
                            f[0] + "(" + f[1] + ")",
                            f[2],
                            () -> {
                              if (f[1].contains("|") || f[1].startsWith("=")) {
                                callWithArrays(generator(1), f[0], f[1]);
                              } else {
                                call(generator(1), f[0], f[1]);
                              }
                            })));
  }

  /**
   * A law with array parameters: each argument of the table a 1-d array of its '|'-separated
   * values, or a 0-d array of the value after '=' (int64 where they are Python ints, as NumPy makes
   * them; float64 otherwise).
   */
  private void callWithArrays(Generator g, String name, String args) {
    try (io.ndj.Scope scope = Nd.scope()) {
      callWithArrays(g, name, args.split(","));
    }
  }

  private void callWithArrays(Generator g, String name, String[] args) {
    NdArray[] a =
        java.util.Arrays.stream(args)
            .map(
                v -> {
                  boolean zeroD = v.startsWith("=");
                  String[] parts = (zeroD ? v.substring(1) : v).split("\\|");
                  double[] d =
                      java.util.Arrays.stream(parts)
                          .mapToDouble(NumpyCasesContract::parse)
                          .toArray();
                  NdArray x = backend().array(d);
                  boolean ints =
                      java.util.Arrays.stream(parts).allMatch(t -> t.matches("-?[0-9]+"));
                  NdArray typed = ints ? x.astype(DType.INT64) : x;
                  return zeroD ? typed.reshape() : typed;
                })
            .toArray(NdArray[]::new);
    switch (name) {
      case "exponential" -> g.exponential(a[0]);
      case "standard_gamma" -> g.standardGamma(a[0]);
      case "gamma" -> g.gamma(a[0], a[1]);
      case "beta" -> g.beta(a[0], a[1]);
      case "chisquare" -> g.chisquare(a[0]);
      case "f" -> g.f(a[0], a[1]);
      case "standard_t" -> g.standardT(a[0]);
      case "gumbel" -> g.gumbel(a[0], a[1]);
      case "laplace" -> g.laplace(a[0], a[1]);
      case "logistic" -> g.logistic(a[0], a[1]);
      case "lognormal" -> g.lognormal(a[0], a[1]);
      case "rayleigh" -> g.rayleigh(a[0]);
      case "pareto" -> g.pareto(a[0]);
      case "weibull" -> g.weibull(a[0]);
      case "power" -> g.power(a[0]);
      case "triangular" -> g.triangular(a[0], a[1], a[2]);
      case "wald" -> g.wald(a[0], a[1]);
      case "geometric" -> g.geometric(a[0]);
      case "poisson" -> g.poisson(a[0]);
      case "binomial" -> g.binomial(a[0], a[1]);
      case "negative_binomial" -> g.negativeBinomial(a[0], a[1]);
      case "hypergeometric" -> g.hypergeometric(a[0], a[1], a[2]);
      case "zipf" -> g.zipf(a[0]);
      case "vonmises" -> g.vonmises(a[0], a[1]);
      case "normal" -> g.normal(a[0], a[1]);
      default -> throw new AssertionError("no array call for " + name);
    }
  }

  private static void call(Generator g, String name, String args) {
    double[] a =
        java.util.Arrays.stream(args.split(",")).mapToDouble(NumpyCasesContract::parse).toArray();
    switch (name) {
      case "exponential" -> g.exponential(a[0], 3);
      case "standard_gamma" -> g.standardGamma(a[0], 3);
      case "gamma" -> g.gamma(a[0], a[1], 3);
      case "beta" -> g.beta(a[0], a[1], 3);
      case "chisquare" -> g.chisquare(a[0], 3);
      case "f" -> g.f(a[0], a[1], 3);
      case "standard_t" -> g.standardT(a[0], 3);
      case "gumbel" -> g.gumbel(a[0], a[1], 3);
      case "laplace" -> g.laplace(a[0], a[1], 3);
      case "logistic" -> g.logistic(a[0], a[1], 3);
      case "lognormal" -> g.lognormal(a[0], a[1], 3);
      case "rayleigh" -> g.rayleigh(a[0], 3);
      case "pareto" -> g.pareto(a[0], 3);
      case "weibull" -> g.weibull(a[0], 3);
      case "power" -> g.power(a[0], 3);
      case "triangular" -> g.triangular(a[0], a[1], a[2], 3);
      case "wald" -> g.wald(a[0], a[1], 3);
      case "geometric" -> g.geometric(a[0], 3);
      case "poisson" -> g.poisson(a[0], 3);
      case "binomial" -> g.binomial((long) a[0], a[1], 3);
      case "negative_binomial" -> g.negativeBinomial(a[0], a[1], 3);
      case "hypergeometric" -> g.hypergeometric((long) a[0], (long) a[1], (long) a[2], 3);
      case "zipf" -> g.zipf(a[0], 3);
      case "vonmises" -> g.vonmises(a[0], a[1], 3);
      case "normal" -> g.normal(a[0], a[1], 3);
      case "logseries" -> g.logseries(a[0], 3);
      case "noncentral_chisquare" -> g.noncentralChisquare(a[0], a[1], 3);
      case "noncentral_f" -> g.noncentralF(a[0], a[1], a[2], 3);
      default -> throw new AssertionError("no call for " + name);
    }
  }
}
