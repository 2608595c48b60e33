package io.ndj.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.ndj.BinaryUfunc;
import io.ndj.DType;
import io.ndj.NdArray;
import io.ndj.UnaryUfunc;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A ufunc's {@code out=} ({@link BinaryUfunc#apply(NdArray, NdArray, NdArray)}, {@link
 * UnaryUfunc#apply(NdArray, NdArray)}) and Python's in-place operators ({@code x.iadd(y)} for
 * {@code x += y}, ...): against NumPy 2's answers in {@code numpy/numpy-inplace.tsv} ({@code
 * numpy/numpy_inplace.py} beside it), written through transposed, reversed, strided, broadcast and
 * 0-d views of a base array whose every element is compared afterwards (nothing outside the view
 * may change; on an error nothing at all), with operands that overlap the target; and, on every
 * dtype and layout the kit generates, {@code x.iadd(y)} against {@code x.add(y)}.
 */
public interface InPlaceContract extends KitSupport {
  /** The ufuncs whose results may differ from NumPy's by a few units in the last place. */
  String ROUNDED = "exp|sin|cbrt|arctan2|hypot|power|ipow";

  @TestFactory
  default Stream<DynamicTest> outAndInPlaceOperatorsMatchNumpy() {
    return KitData.table("numpy/numpy-inplace.tsv").stream()
        .map(f -> dynamicTest("numpy " + f[0], () -> numpyRow(f)));
  }

  private void numpyRow(String[] f) {
    String form = f[1];
    String fn = f[2];
    Object a = operand(f[3]);
    Object b = operand(f[4]);
    NdArray base = (NdArray) operand(f[5]);
    NdArray target = view(base, f[6]);
    double[] before = base.toDoubleArray();
    Runnable call =
        switch (form) {
          case "out" -> () -> assertSame(target, outCall(fn, (NdArray) a, b, target));
          case "unary" -> () -> assertSame(target, UnaryUfunc.of(fn).apply((NdArray) a, target));
          case "inplace" -> () -> assertSame(target, inPlace(fn, target, b));
          default -> () -> overlap(fn, base, f[6]);
        };
    if (f[7].equals("ERR")) {
      Check.raisesNumpysMessage(f[0], f[8], call::run);
      Check.sameValues(
          f[0] + ": the base changed although the call failed", before, base.toDoubleArray(), 0);
      return;
    }
    call.run();
    assertEquals(f[7], base.dtype().toString(), f[0] + ": dtype");
    assertArrayEquals(NumpyCasesContract.longs(f[8]), base.shape().dims(), f[0] + ": shape");
    double tol = 0;
    if (fn.matches(ROUNDED) && base.dtype().isFloat()) {
      tol = base.dtype() == DType.FLOAT16 ? 4e-3 : base.dtype() == DType.FLOAT32 ? 5e-7 : 1e-15;
      if (a instanceof NdArray x && x.dtype().itemsize() < base.dtype().itemsize()) {
        tol = Math.max(tol, 4e-3); // a float16 or float32 loop written into a wider dtype
      }
    }
    Check.sameValues(f[0], NumpyCasesContract.doubles(f[9]), base.toDoubleArray(), tol);
  }

  private static NdArray outCall(String fn, NdArray a, Object b, NdArray out) {
    BinaryUfunc u = BinaryUfunc.of(fn);
    return b instanceof NdArray y ? u.apply(a, y, out) : u.apply(a, (Number) b, out);
  }

  /** {@code target OP= b} through the method Python's operator names. */
  private static NdArray inPlace(String op, NdArray t, Object b) {
    if (b instanceof Number s) {
      return switch (op) {
        case "iadd" -> t.iadd(s);
        case "isub" -> t.isub(s);
        case "imul" -> t.imul(s);
        case "itruediv" -> t.itruediv(s);
        case "ifloordiv" -> t.ifloordiv(s);
        case "imod" -> t.imod(s);
        case "ipow" -> t.ipow(s);
        case "iand" -> t.iand(s);
        case "ior" -> t.ior(s);
        case "ixor" -> t.ixor(s);
        case "ilshift" -> t.ilshift(s);
        case "irshift" -> t.irshift(s);
        default -> throw new AssertionError(op);
      };
    }
    NdArray y = (NdArray) b;
    return switch (op) {
      case "iadd" -> t.iadd(y);
      case "isub" -> t.isub(y);
      case "imul" -> t.imul(y);
      case "itruediv" -> t.itruediv(y);
      case "ifloordiv" -> t.ifloordiv(y);
      case "imod" -> t.imod(y);
      case "ipow" -> t.ipow(y);
      case "iand" -> t.iand(y);
      case "ior" -> t.ior(y);
      case "ixor" -> t.ixor(y);
      case "ilshift" -> t.ilshift(y);
      case "irshift" -> t.irshift(y);
      case "imaximum" -> BinaryUfunc.MAXIMUM.apply(t, y, t);
      default -> throw new AssertionError(op);
    };
  }

  /** The target and the operand as the table's overlap names them, both views of {@code base}. */
  private static void overlap(String op, NdArray base, String how) {
    NdArray[] ts =
        switch (how) {
          case "shift-right" -> new NdArray[] {base.get("1:"), base.get(":-1")};
          case "shift-left" -> new NdArray[] {base.get(":-1"), base.get("1:")};
          case "row" -> new NdArray[] {base, base.get("0")};
          case "transpose" -> new NdArray[] {base, base.T()};
          case "self" -> new NdArray[] {base, base};
          case "reversed" -> new NdArray[] {base, base.get("::-1")};
          default -> throw new AssertionError(how);
        };
    inPlace(op, ts[0], ts[1]);
  }

  private static NdArray view(NdArray base, String code) {
    return switch (code) {
      case "none", "shift-right", "shift-left", "row", "transpose", "self", "reversed" -> base;
      case "T" -> base.T();
      case "rev" -> base.get("::-1");
      case "step" -> base.get("::2");
      case "bcast" -> base.get(":1").broadcastTo(base.shape().dims());
      case "0d" -> base.get("0, ...");
      default -> throw new AssertionError(code);
    };
  }

  /** dtype|values|shape, a Python number as scalar-int|v| or scalar-float|v|, or '-'. */
  private Object operand(String field) {
    if (field.equals("-")) {
      return null;
    }
    String[] p = field.split("\\|", -1);
    double[] v = NumpyCasesContract.doubles(p[1]);
    return switch (p[0]) {
      case "scalar-int" -> (long) v[0];
      case "scalar-float" -> v[0];
      default -> make(p[0], v, NumpyCasesContract.longs(p[2]));
    };
  }

  /**
   * On every dtype and layout: {@code x.iadd(y)} writes {@code x.add(y)} (cast back to x's dtype)
   * into x itself, for y a copy, x itself, and a reversed view of x (read before written).
   */
  @TestFactory
  default Stream<DynamicTest> inPlaceAddAgreesWithAdd() {
    List<DynamicTest> tests = new ArrayList<>();
    for (DType t : DType.realValues()) {
      tests.add(
          check(
              "iadd",
              t,
              () ->
                  forAll(
                      Gens.array(t, Gens.Range.SMALL),
                      c -> {
                        if (!make(c).flags().writeable()) {
                          Check.raisesNumpysMessage(
                              "x += 1 on a read-only " + c,
                              "output array is read-only",
                              () -> make(c).iadd(1));
                          return;
                        }
                        for (String how : new String[] {"copy", "self", "reversed"}) {
                          NdArray x = make(c);
                          NdArray y =
                              switch (how) {
                                case "copy" -> x.copy();
                                case "self" -> x;
                                default -> c.shape().length == 0 ? x : x.get("::-1");
                              };
                          NdArray want = x.add(y).astype(t);
                          double[] w = want.toDoubleArray();
                          assertSame(x, x.iadd(y), "iadd returns its target");
                          Check.sameValues("x += " + how + " of " + c, w, x.toDoubleArray(), 0);
                          assertEquals(t, x.dtype(), "x += y keeps x's dtype");
                        }
                      })));
    }
    return tests.stream();
  }
}
