package io.ndj.conformance;

import io.ndj.DType;
import io.ndj.NdArray;
import io.ndj.spi.BinaryOp;
import io.ndj.spi.UnaryOp;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Elementwise functions of one and two operands, every dtype, broadcast and non-contiguous inputs,
 * special values: result dtype (NumPy 2's), shape (broadcast), and values against {@link Oracle}
 * (exact for integers and for + - * / sqrt; within {@link Oracle#ulps} for transcendental
 * functions).
 */
public interface ElementwiseContract extends KitSupport {
  @TestFactory
  default Stream<DynamicTest> binaryFunctions() {
    List<DynamicTest> tests = new ArrayList<>();
    for (BinaryOp op : BinaryOp.values()) {
      if (op.isComparison()) {
        continue;
      }
      for (DType t : DType.realValues()) {
        DType out = Oracle.binaryType(op, t);
        if (out == null) {
          continue; // NumPy refuses the pair; ErrorContract checks the message
        }
        Gens.Range ra = op == BinaryOp.POWER ? Gens.Range.SMALL : Gens.Range.ANY;
        Gens.Range rb =
            switch (op) {
              case POWER -> t.isFloat() ? Gens.Range.SMALL : Gens.Range.NON_NEGATIVE;
              case LEFT_SHIFT, RIGHT_SHIFT -> Gens.Range.NON_NEGATIVE;
              default -> Gens.Range.ANY;
            };
        tests.add(
            check(
                op.numpyName(),
                t,
                () -> forAll(Gens.broadcastPair(t, ra, rb), p -> binary(op, t, out, p[0], p[1]))));
      }
    }
    return tests.stream();
  }

  @TestFactory
  default Stream<DynamicTest> unaryFunctions() {
    List<DynamicTest> tests = new ArrayList<>();
    for (UnaryOp op : UnaryOp.values()) {
      if (op.isPredicate()) {
        continue; // ComparisonContract
      }
      for (DType t : DType.realValues()) {
        DType out = Oracle.unaryType(op, t);
        if (out == null) {
          continue;
        }
        tests.add(
            check(
                op.numpyName(),
                t,
                () -> forAll(Gens.array(t, Gens.Range.ANY), c -> unary(op, t, out, c))));
      }
    }
    return tests.stream();
  }

  @TestFactory
  default Stream<DynamicTest> scalarOperands() {
    List<DynamicTest> tests = new ArrayList<>();
    BinaryOp[] ops = {BinaryOp.ADD, BinaryOp.SUBTRACT, BinaryOp.MULTIPLY, BinaryOp.MAXIMUM};
    for (BinaryOp op : ops) {
      for (DType t : DType.realValues()) {
        if (t == DType.BOOL && op == BinaryOp.SUBTRACT) {
          continue;
        }
        tests.add(
            check(
                op.numpyName() + "(scalar)",
                t,
                () ->
                    forAll(
                        Gens.array(t, Gens.Range.ANY),
                        c -> {
                          long s = t.kind() == DType.Kind.UNSIGNED ? 3 : -3;
                          NdArray x = make(c);
                          NdArray r = Ops.binary(op, x, s);
                          DType out = t == DType.BOOL ? DType.INT64 : t;
                          Case sc = Ops.constant(out, s);
                          Case cc = Ops.cast(c, out);
                          Ops.expectBinary(
                              r,
                              op,
                              out,
                              out,
                              cc,
                              sc,
                              "x." + op.numpyName() + "(" + s + ") with x = " + c);
                        })));
      }
    }
    return tests.stream();
  }

  /**
   * NumPy 2's {@code result_type} for every pair, rows and columns in {@link DType} order (printed
   * by NumPy).
   */
  String[] PROMOTION = {
    "bool int8 int16 int32 int64 uint8 uint16 uint32 uint64 float16 float32 float64",
    "int8 int8 int16 int32 int64 int16 int32 int64 float64 float16 float32 float64",
    "int16 int16 int16 int32 int64 int16 int32 int64 float64 float32 float32 float64",
    "int32 int32 int32 int32 int64 int32 int32 int64 float64 float64 float64 float64",
    "int64 int64 int64 int64 int64 int64 int64 int64 float64 float64 float64 float64",
    "uint8 int16 int16 int32 int64 uint8 uint16 uint32 uint64 float16 float32 float64",
    "uint16 int32 int32 int32 int64 uint16 uint16 uint32 uint64 float32 float32 float64",
    "uint32 int64 int64 int64 int64 uint32 uint32 uint32 uint64 float64 float64 float64",
    "uint64 float64 float64 float64 float64 uint64 uint64 uint64 uint64 float64 float64 float64",
    "float16 float16 float32 float64 float64 float16 float32 float64 float64 float16 float32 float64",
    "float32 float32 float32 float64 float64 float32 float32 float64 float64 float32 float32 float64",
    "float64 float64 float64 float64 float64 float64 float64 float64 float64 float64 float64 float64",
  };

  @TestFactory
  default Stream<DynamicTest> mixedDtypes() {
    List<DynamicTest> tests = new ArrayList<>();
    DType[] all = DType.realValues();
    for (int i = 0; i < all.length; i++) {
      for (int j = 0; j < all.length; j++) {
        DType ta = all[i];
        DType tb = all[j];
        DType out = DType.of(PROMOTION[i].split(" ")[j]);
        tests.add(
            check(
                "add(" + tb + ")",
                ta,
                () ->
                    forAll(
                        Gens.broadcastPair(ta, tb, Gens.Range.SMALL, Gens.Range.SMALL),
                        p -> {
                          NdArray r = make(p[0]).add(make(p[1]));
                          Ops.expectBinary(
                              r,
                              BinaryOp.ADD,
                              out,
                              out,
                              Ops.cast(p[0], out),
                              Ops.cast(p[1], out),
                              "add(a, b) with\n  a = " + p[0] + "\n  b = " + p[1]);
                        })));
      }
    }
    return tests.stream();
  }

  private void binary(BinaryOp op, DType t, DType out, Case a, Case b) {
    NdArray x = make(a);
    NdArray y = make(b);
    NdArray r = Ops.binary(op, x, y);
    DType loop =
        op == BinaryOp.DIVIDE && !t.isFloat() ? DType.FLOAT64 : op.isComparison() ? t : out;
    Ops.expectBinary(
        r,
        op,
        out,
        loop,
        Ops.cast(a, loop),
        Ops.cast(b, loop),
        op.numpyName() + "(a, b) with\n  a = " + a + "\n  b = " + b);
  }

  private void unary(UnaryOp op, DType t, DType out, Case a) {
    NdArray x = make(a);
    NdArray r = Ops.unary(op, x);
    DType loop = op.isPredicate() ? t : out;
    Ops.expectUnary(r, op, out, Ops.cast(a, loop), op.numpyName() + "(a) with a = " + a);
  }
}
