package io.ndj.nd4j;

import static io.ndj.nd4j.Nd4jOps.apply;
import static io.ndj.nd4j.Nd4jOps.constant;
import static io.ndj.nd4j.Nd4jOps.op;

import io.ndj.DType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Philox4x32-10 ({@link io.ndj.spi.Philox}) as ND4J int64 ops: each 32-bit word lives in the low
 * half of an int64, the 32x32 products are exact modulo 2^64, and masks take their halves. The
 * round keys are scalars.
 */
final class Random4j {
  private static final long M0 = 0xD2511F53L;
  private static final long M1 = 0xCD9E8D57L;
  private static final long MASK = 0xFFFFFFFFL;

  private Random4j() {}

  static void philox(INDArray out, long key, long counter) {
    long n = out.length();
    long[] shape = {n};
    DType w = DType.INT64;
    // counter + i as a 128-bit number: low 64 bits wrap, the carry goes to word 2
    INDArray lo64 = apply("add", w, shape, Sorts.positions(n), constant(w, counter, shape));
    // unsigned lo64 < counter: flip the sign bits, compare signed
    INDArray carry =
        apply(
            "less",
            DType.BOOL,
            shape,
            xor(lo64, Long.MIN_VALUE),
            constant(w, counter ^ Long.MIN_VALUE, shape));
    carry = Nd4jOps.cast(carry, w);
    INDArray c0 = and(lo64, MASK);
    INDArray c1 = and(shr(lo64), MASK);
    INDArray c2 = carry;
    INDArray c3 = constant(w, 0L, shape);
    long k0 = key & MASK;
    long k1 = (key >>> 32) & MASK;
    for (int r = 0; r < 10; r++) {
      INDArray p0 = apply("multiply", w, shape, c0, constant(w, M0, shape));
      INDArray p1 = apply("multiply", w, shape, c2, constant(w, M1, shape));
      INDArray hi0 = and(shr(p0), MASK);
      INDArray lo0 = and(p0, MASK);
      INDArray hi1 = and(shr(p1), MASK);
      INDArray lo1 = and(p1, MASK);
      INDArray n0 = xor(xor(hi1, c1), k0);
      INDArray n2 = xor(xor(hi0, c3), k1);
      c0 = n0;
      c1 = lo1;
      c2 = n2;
      c3 = lo0;
      k0 = (k0 + 0x9E3779B9L) & MASK;
      k1 = (k1 + 0xBB67AE85L) & MASK;
    }
    INDArray high = apply("shift_bits", w, shape, c0, constant(w, 32L, shape));
    op("bitwise_or", out, high, c1);
  }

  private static INDArray and(INDArray x, long mask) {
    return apply("bitwise_and", DType.INT64, x.shape(), x, constant(DType.INT64, mask, x.shape()));
  }

  private static INDArray xor(INDArray x, long k) {
    return apply("bitwise_xor", DType.INT64, x.shape(), x, constant(DType.INT64, k, x.shape()));
  }

  private static INDArray xor(INDArray x, INDArray y) {
    return apply("bitwise_xor", DType.INT64, x.shape(), x, y);
  }

  private static INDArray shr(INDArray x) {
    return apply("rshift_bits", DType.INT64, x.shape(), x, constant(DType.INT64, 32L, x.shape()));
  }
}
