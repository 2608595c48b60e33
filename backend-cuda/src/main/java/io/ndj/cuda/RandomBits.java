package io.ndj.cuda;

import io.ndj.cuda.driver.DevicePtr;
import io.ndj.spi.Binomial;
import io.ndj.spi.Poisson;
import io.ndj.spi.View;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Philox4x32-10 bits, the random family (random.cuh). */
final class RandomBits extends Launch {
  RandomBits(Launch launch) {
    super(launch);
  }

  void philox(View out, long key, long counter) {
    long n = out.shape()[0];
    launch("k_philox", n, ptr(out), n, key, counter, out.offset(), out.strides()[0]);
  }

  /** See {@link io.ndj.spi.Kernels#uniform}. */
  void uniform(View out, long key, long counter, double low, double high) {
    long n = out.shape()[0];
    launch("k_uniform", n, at(out), n, key, counter, low, high - low);
  }

  /**
   * See {@link io.ndj.spi.Kernels#normal}: io.ndj.spi.Gaussian's values, to the bit, a thread a
   * Philox block; {@code table} holds {@link io.ndj.spi.Gaussian#table()}.
   */
  void normal(View out, long key, long counter, DevicePtr table) {
    long n = out.shape()[0];
    boolean narrow = out.dtype() == io.ndj.DType.FLOAT32;
    int per = narrow ? 4 : 2;
    launch(
        narrow ? "k_normal_f32" : "k_normal", (n + per - 1) / per, at(out), n, key, counter, table);
  }

  /** See {@link io.ndj.spi.Kernels#poisson}: io.ndj.spi.Poisson's values, to the bit. */
  void poisson(View out, long key, long counter, Poisson law) {
    long n = out.shape()[0];
    launch(
        "k_poisson",
        n,
        at(out),
        n,
        key,
        counter,
        law.lam,
        law.limit,
        law.logLam,
        law.b,
        law.a,
        law.invAlpha,
        law.vr,
        law.logInvAlpha);
  }

  /** See {@link io.ndj.spi.Kernels#pcg64}: NumPy's stream, each thread jumping to its draws. */
  void pcg64(
      View out, long stateHi, long stateLo, long incHi, long incLo, double low, double range) {
    long n = out.shape()[0];
    long draws = out.dtype() == io.ndj.DType.FLOAT32 ? n / 2 : n;
    // about two draws a thread at the least: each thread's two jumps cost about what a draw does
    launch(
        "k_pcg64",
        (draws + 1) / 2,
        at(out),
        Codes.of(out.dtype()),
        n,
        stateHi,
        stateLo,
        incHi,
        incLo,
        low,
        range);
  }

  /**
   * See {@link io.ndj.spi.Kernels#binomial}: io.ndj.spi.Binomial's values, to the bit; the law's
   * constants by value (random.cuh's {@code struct BinomialLaw}), its inversion table at {@code
   * table}.
   */
  void binomial(View out, long key, long counter, Binomial.Law law, DevicePtr table) {
    long count = out.shape()[0];
    ByteBuffer b = ByteBuffer.allocate(3 * 8 + 2 * 4 + 17 * 8).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(law.n).putLong(law.bound).putLong(law.m);
    b.putInt(law.complement ? 1 : 0).putInt(law.inversion ? 1 : 0);
    for (double v :
        new double[] {
          law.p, law.pp, law.q, law.qn, law.r, law.fm, law.p1, law.xm, law.xl, law.xr, law.c,
          law.laml, law.lamr, law.p2, law.p3, law.p4, law.nrq
        }) {
      b.putDouble(v);
    }
    launch("k_binomial", count, at(out), count, key, counter, b.array(), table);
  }

  /** See {@link io.ndj.spi.Kernels#poissonRates}: each element's law computed on the device. */
  void poissonRates(View out, View lam, long key, long counter) {
    long n = out.shape()[0];
    // a thread per eight rates (k_poisson_rates' tiles)
    launch("k_poisson_rates", (n + 7) / 8, at(out), at(lam), n, key, counter);
  }
}
