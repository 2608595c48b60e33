package io.ndj.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.ndj.BinaryUfunc;
import io.ndj.DType;
import io.ndj.NdArray;
import io.ndj.spi.BinaryOp;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The ufunc methods on every dtype and layout (transposed, sliced, reversed, broadcast, 0-d,
 * empty): maximum, fmin and bitwise_xor reduced and accumulated along axis 0 against a fold in
 * plain Java over the C-order values, in NumPy's order (op(acc, x[i]), so the first of equal values
 * and the first NaN win); outer against the ufunc on each pair.
 */
public interface UfuncMethodsContract extends KitSupport {
  @TestFactory
  default Stream<DynamicTest> ufuncMethodsFoldAsNumpysLoops() {
    List<DynamicTest> tests = new ArrayList<>();
    for (DType t : DType.realValues()) {
      List<BinaryUfunc> ufuncs = new ArrayList<>(List.of(BinaryUfunc.MAXIMUM, BinaryUfunc.FMIN));
      if (!t.isFloat()) {
        ufuncs.add(BinaryUfunc.BITWISE_XOR);
      }
      for (BinaryUfunc u : ufuncs) {
        tests.add(
            check(
                u.name() + ".reduce/accumulate",
                t,
                () -> forAll(Gens.array(t, Gens.Range.ANY), c -> folds(u, c))));
      }
    }
    return tests.stream();
  }

  /** op(a, b) as NumPy's loops compute it, on values already in the dtype. */
  private static double op(BinaryUfunc u, double a, double b) {
    return switch (u.name()) {
      case "maximum" -> Double.isNaN(a) ? a : Double.isNaN(b) ? b : a >= b ? a : b;
      case "fmin" -> Double.isNaN(b) ? a : Double.isNaN(a) ? b : a <= b ? a : b;
      default -> (double) ((long) a ^ (long) b);
    };
  }

  /** op(a, b) on integers of dtype t (bools as 0 and 1). */
  private static long op(BinaryUfunc u, DType t, long a, long b) {
    return switch (u.name()) {
      case "maximum" -> Oracle.binaryI(BinaryOp.MAXIMUM, t, a, b);
      case "fmin" -> Oracle.binaryI(BinaryOp.FMIN, t, a, b);
      default -> a ^ b;
    };
  }

  private void folds(BinaryUfunc u, Case c) {
    NdArray x = make(c);
    if (c.shape().length == 0) {
      Check.sameValues(
          u.name() + ".reduce of 0-d " + c, x.toDoubleArray(), u.reduce(x).toDoubleArray(), 0);
      return;
    }
    long n = c.shape()[0];
    int rest = (int) (c.size() / Math.max(1, n));
    if (n == 0) {
      assertArrayEquals(
          c.shape(), u.accumulate(x, 0).shape().dims(), u.name() + ".accumulate of " + c);
      return;
    }
    if (!c.dtype().isFloat()) {
      long[] acc = new long[(int) c.size()];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < rest; j++) {
          long v = c.getLong(i * rest + j);
          acc[i * rest + j] = i == 0 ? v : op(u, c.dtype(), acc[(i - 1) * rest + j], v);
        }
      }
      long[] last = java.util.Arrays.copyOfRange(acc, (int) ((n - 1) * rest), (int) (n * rest));
      assertArrayEquals(last, u.reduce(x, 0).toLongArray(), u.name() + ".reduce of " + c);
      assertArrayEquals(acc, u.accumulate(x, 0).toLongArray(), u.name() + ".accumulate of " + c);
      return;
    }
    double[] acc = new double[(int) c.size()];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < rest; j++) {
        double v = c.get(i * rest + j);
        acc[i * rest + j] = i == 0 ? v : op(u, acc[(i - 1) * rest + j], v);
      }
    }
    double[] last = java.util.Arrays.copyOfRange(acc, (int) ((n - 1) * rest), (int) (n * rest));
    NdArray reduced = u.reduce(x, 0);
    Check.dtypeAndShape(
        reduced,
        c.dtype(),
        java.util.Arrays.copyOfRange(c.shape(), 1, c.shape().length),
        u.name() + ".reduce of " + c);
    Check.sameValues(u.name() + ".reduce of " + c, last, reduced.toDoubleArray(), 0);
    Check.sameZeroSigns(u.name() + ".reduce of " + c, last, reduced.toDoubleArray());
    NdArray running = u.accumulate(x, 0);
    Check.sameValues(u.name() + ".accumulate of " + c, acc, running.toDoubleArray(), 0);
    Check.sameZeroSigns(u.name() + ".accumulate of " + c, acc, running.toDoubleArray());
  }
}
