package io.ndj.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.ndj.DType;
import io.ndj.Nd;
import io.ndj.NdArray;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * uint16, uint32 and uint64 (and Python ints of any size stored into and added to the other dtypes)
 * against NumPy 2's answers in {@code numpy/numpy-unsigned.tsv} (written by {@code
 * numpy/numpy_unsigned.py} beside it): values past int64 held exactly (the table writes them as
 * decimal integers), Python ints of any size as weak scalars (out-of-range ones raise or compare
 * exactly, in NumPy's words), casts to every dtype, items, reductions, sorting and searching; each
 * result is checked as NumPy prints it.
 */
public interface UnsignedContract extends KitSupport {
  @TestFactory
  default Stream<DynamicTest> unsignedTableMatchesNumpy() {
    return KitData.table("numpy/numpy-unsigned.tsv").stream()
        .map(f -> dynamicTest(f[0], () -> matches(f)));
  }

  private void matches(String[] f) {
    String label = f[0];
    if (f[5].equals("ERR")) {
      Check.raisesNumpysMessage(label, f[6], () -> apply(f));
      return;
    }
    assertEquals(f[5].replace("\\n", "\n"), apply(f), label);
  }

  /** The op of row f on its array, as ndj prints the result. */
  private String apply(String[] f) {
    DType t = DType.of(f[2]);
    long[] bits =
        Arrays.stream(f[3].split(",")).mapToLong(v -> new BigInteger(v).longValue()).toArray();
    // int64 bits reinterpreted (uint64) or cast (the narrower types: their values fit int64)
    try (NdArray raw = backend().array(bits);
        NdArray x = raw.astype(t)) {
      String arg = f[4];
      Number s = arg.matches("-?[0-9]+") ? integer(arg) : null;
      NdArray r =
          switch (f[1]) {
            case "str" -> x.reshape(f[0].contains("2-d") ? new long[] {2, 3} : x.shape().dims());
            case "add" -> x.add(s);
            case "subtract" -> x.subtract(s);
            case "less" -> x.lt(s);
            case "fused_less" -> Nd.fuse(v -> v.lt(s)).apply(x);
            case "fused_greater" -> Nd.fuse(v -> v.gt(s)).apply(x);
            case "greater" -> x.gt(s);
            case "equal" -> x.eq(s);
            case "floor_divide" -> x.floorDivide(s);
            case "right_shift" -> x.rightShift(s);
            case "maximum" -> x.maximum(s);
            case "astype" -> x.astype(DType.of(arg));
            case "item" -> null;
            case "sum" -> x.sum();
            case "prod" -> x.prod();
            case "max" -> x.max();
            case "min" -> x.min();
            case "argmax" -> x.argmax();
            case "argmin" -> x.argmin();
            case "sort" -> x.sort();
            case "argsort" -> x.argsort();
            case "unique" -> x.unique();
            case "cumsum" -> x.cumsum();
            case "mean" -> x.mean();
            case "searchsorted" -> {
              try (NdArray sorted = x.sort();
                  NdArray v = backend().array(new long[] {s.longValue()});
                  NdArray tv = v.astype(t);
                  NdArray one = tv.reshape()) {
                yield sorted.searchsorted(one);
              }
            }
            case "clip" -> x.clip(1L, BigInteger.TWO.pow(70));
            case "set" -> x.set("0", s).copy();
            default -> throw new AssertionError("no op " + f[1]);
          };
      if (r == null) {
        try (NdArray e = x.get(arg)) {
          return String.valueOf(e.item());
        }
      }
      try (r) {
        return r.toString();
      }
    }
  }

  /** A Python int as a Java number: Long where it fits, BigInteger past it. */
  private static Number integer(String v) {
    BigInteger b = new BigInteger(v);
    return b.bitLength() < 64 ? (Number) b.longValue() : b;
  }
}
