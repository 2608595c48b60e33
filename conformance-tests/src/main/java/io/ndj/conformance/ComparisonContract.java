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

/** Comparisons, logical operations and the float predicates: bool results, exact. */
public interface ComparisonContract extends KitSupport {
  @TestFactory
  default Stream<DynamicTest> comparisons() {
    List<DynamicTest> tests = new ArrayList<>();
    for (BinaryOp op : BinaryOp.values()) {
      if (!op.isComparison()) {
        continue;
      }
      for (DType t : DType.realValues()) {
        tests.add(
            check(
                op.numpyName(),
                t,
                () ->
                    forAll(
                        Gens.broadcastPair(t, Gens.Range.ANY, Gens.Range.ANY),
                        p -> {
                          NdArray r = Ops.binary(op, make(p[0]), make(p[1]));
                          Ops.expectBinary(
                              r,
                              op,
                              DType.BOOL,
                              t,
                              p[0],
                              p[1],
                              op.numpyName() + "(a, b) with\n  a = " + p[0] + "\n  b = " + p[1]);
                        })));
      }
    }
    return tests.stream();
  }

  @TestFactory
  default Stream<DynamicTest> logicalAndPredicates() {
    List<DynamicTest> tests = new ArrayList<>();
    String[] names = {"logical_and", "logical_or", "logical_xor"};
    BinaryOp[] as = {BinaryOp.BITWISE_AND, BinaryOp.BITWISE_OR, BinaryOp.BITWISE_XOR};
    for (int k = 0; k < names.length; k++) {
      int op = k;
      for (DType t : DType.realValues()) {
        tests.add(
            check(
                names[op],
                t,
                () ->
                    forAll(
                        Gens.broadcastPair(t, Gens.Range.ANY, Gens.Range.ANY),
                        p -> {
                          NdArray x = make(p[0]);
                          NdArray y = make(p[1]);
                          NdArray r =
                              op == 0
                                  ? x.logicalAnd(y)
                                  : op == 1 ? x.logicalOr(y) : x.logicalXor(y);
                          Ops.expectBinary(
                              r,
                              as[op],
                              DType.BOOL,
                              DType.BOOL,
                              Ops.cast(p[0], DType.BOOL),
                              Ops.cast(p[1], DType.BOOL),
                              names[op] + "(a, b) with\n  a = " + p[0] + "\n  b = " + p[1]);
                        })));
      }
    }
    for (UnaryOp op :
        new UnaryOp[] {
          UnaryOp.ISNAN, UnaryOp.ISINF, UnaryOp.ISFINITE, UnaryOp.LOGICAL_NOT, UnaryOp.SIGNBIT
        }) {
      for (DType t : DType.realValues()) {
        tests.add(
            check(
                op.numpyName(),
                t,
                () ->
                    forAll(
                        Gens.array(t, Gens.Range.ANY),
                        c -> {
                          NdArray r = Ops.unary(op, make(c));
                          Ops.expectUnary(
                              r, op, DType.BOOL, c, op.numpyName() + "(a) with a = " + c);
                        })));
      }
    }
    return tests.stream();
  }
}
