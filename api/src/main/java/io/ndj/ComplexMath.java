package io.ndj;

import io.ndj.spi.BinaryOp;
import io.ndj.spi.ReduceOp;
import io.ndj.spi.UnaryOp;

/**
 * Complex arrays, run on every backend as their real and imaginary parts: each complex function is
 * composed of real ufuncs on the two component views ({@link NdArray#real()}, {@link
 * NdArray#imag()}), in the operations and order NumPy's complex loops use (npymath's {@code nc_*}
 * functions, Smith's division), so a backend needs no complex kernel.
 */
final class ComplexMath {
  private ComplexMath() {}

  private static final System.Logger LOG = System.getLogger("io.ndj");

  /**
   * NumPy's ComplexWarning for a cast of complex values to a real type, which keeps the real parts:
   * ndj logs it (logger {@code io.ndj}, level WARNING) and goes on, as NumPy warns and goes on.
   */
  static void warnDiscard() {
    LOG.log(
        System.Logger.Level.WARNING,
        "ComplexWarning: Casting complex values to real discards the imaginary part");
  }

  /** The real parts of a complex array as a view of its memory (writeable where z is). */
  static NdArray re(NdArray z) {
    return part(z, 0);
  }

  /** The imaginary parts of a complex array as a view of its memory. */
  static NdArray im(NdArray z) {
    return part(z, 1);
  }

  private static NdArray part(NdArray z, int which) {
    long[] st = new long[z.strides.length];
    for (int i = 0; i < st.length; i++) {
      st[i] = z.strides[i] * 2;
    }
    return z.view(z.dtype.componentType(), z.shape.clone(), st, z.offset * 2 + which);
  }

  /** A new complex array of dtype t from real and imaginary parts (broadcast together). */
  static NdArray assemble(NdArray re, NdArray im, DType t) {
    long[] shape = Broadcast.shapes(re.shape, im.shape);
    NdArray out = NdArray.allocate(re.backend(), t, shape);
    try (NdArray r = re(out);
        NdArray i = im(out)) {
      Kernel k = new Kernel(re.backend());
      k.copy(r, re);
      k.copy(i, im);
    } catch (RuntimeException e) {
      out.close();
      throw e;
    }
    return out;
  }

  /**
   * The running product along axis {@code ax}, as NumPy's loop takes it: one complex multiplication
   * after another, {@code (ar br - ai bi) + (ar bi + ai br)j} in the dtype's own precision (float
   * for complex64), so that every partial product rounds as NumPy's does. A product cannot be split
   * into parallel parts and keep that order, so the lines run on the host, each in order (the
   * backend's values come over and go back once).
   */
  static NdArray cumprod(NdArray x, int ax) {
    if (x.size() > Integer.MAX_VALUE / 2) {
      throw new IllegalArgumentException(
          "cumprod of a " + x.dtype + " array of " + x.size() + " elements is not supported");
    }
    boolean single = x.dtype == DType.COMPLEX64;
    try (Scope s = new Scope()) {
      NdArray lines = x.moveaxis(ax, -1).copy(); // C order: each line along ax is a run
      double[] re = re(lines).toDoubleArray();
      double[] im = im(lines).toDoubleArray();
      long n = x.shape[ax];
      for (long start = 0; start < re.length; start += n) {
        // the first element as it is (NumPy's accumulate starts from it, not from 1 * it)
        double ar = re[(int) start];
        double ai = im[(int) start];
        for (int k = (int) start + 1; k < start + n; k++) {
          double br = re[k];
          double bi = im[k];
          double r;
          double i;
          if (single) { // float operations, each rounded to float as NumPy's complex64 loop's
            float fr = (float) ar;
            float fi = (float) ai;
            float gr = (float) br;
            float gi = (float) bi;
            r = fr * gr - fi * gi;
            i = fr * gi + fi * gr;
          } else {
            r = ar * br - ai * bi;
            i = ar * bi + ai * br;
          }
          re[k] = ar = r;
          im[k] = ai = i;
        }
      }
      DType part = x.dtype.componentType();
      long[] shape = lines.shape().dims();
      NdArray product =
          assemble(x.backend().array(re, part, shape), x.backend().array(im, part, shape), x.dtype);
      return s.keep(product.moveaxis(-1, ax).copy());
    }
  }

  // ---- elementwise, two operands ----

  /** {@code op(a, b)} where a or b is complex; into {@code out} (NumPy's out=) when not null. */
  static NdArray binary(BinaryOp op, NdArray a, NdArray b, NdArray out) {
    if (a.backend() != b.backend()) {
      throw Ufunc.mixed(a, b);
    }
    DType t = DType.promote(a.dtype, b.dtype);
    DType result = op.isComparison() ? DType.BOOL : t;
    if (out != null) {
      Ufunc.checkWriteable(out, a);
      Ufunc.checkOut(op.numpyName(), out, result, a, a.shape, b.shape);
    }
    NdArray r;
    try (Scope s = new Scope()) {
      NdArray ca = a.dtype == t ? a : a.astype(t);
      NdArray cb = b.dtype == t ? b : b.astype(t);
      r = s.keep(compute(op, ca, cb, t));
    }
    if (out == null) {
      return r;
    }
    try (r) {
      new Kernel(out.backend()).copy(out, r);
      return out;
    }
  }

  /** {@code op(a, scalar)} or {@code op(scalar, a)} where a or the scalar is complex. */
  static NdArray binary(BinaryOp op, NdArray a, Number scalar, boolean scalarFirst, NdArray out) {
    DType t = Scalars.weakPromote(a.dtype, scalar);
    double re = Scalars.roundTo(scalar.doubleValue(), t.componentType());
    double im = scalar instanceof Complex c ? Scalars.roundTo(c.im(), t.componentType()) : 0;
    try (NdArray s = a.backend().full(Complex.of(re, im), t)) {
      return scalarFirst ? binary(op, s, a, out) : binary(op, a, s, out);
    }
  }

  private static NdArray compute(BinaryOp op, NdArray a, NdArray b, DType t) {
    NdArray ar = re(a);
    NdArray ai = im(a);
    NdArray br = re(b);
    NdArray bi = im(b);
    return switch (op) {
      case ADD -> assemble(ar.add(br), ai.add(bi), t);
      case SUBTRACT -> assemble(ar.subtract(br), ai.subtract(bi), t);
      case MULTIPLY -> assemble(mulRe(ar, ai, br, bi), mulIm(ar, ai, br, bi), t);
      case DIVIDE -> divide(ar, ai, br, bi, t);
      case POWER -> power(a, b, t);
      case EQUAL -> ar.eq(br).logicalAnd(ai.eq(bi));
      case NOT_EQUAL -> ar.ne(br).logicalOr(ai.ne(bi));
      case LESS -> less(ar, ai, br, bi, false);
      case LESS_EQUAL -> less(ar, ai, br, bi, true);
      case GREATER -> less(br, bi, ar, ai, false);
      case GREATER_EQUAL -> less(br, bi, ar, ai, true);
      case MAXIMUM, MINIMUM -> {
        // NumPy: a where a >= b (<= for minimum) or a has a NaN part, else b
        NdArray keepA =
            (op == BinaryOp.MAXIMUM ? less(br, bi, ar, ai, true) : less(ar, ai, br, bi, true))
                .logicalOr(ar.isnan())
                .logicalOr(ai.isnan());
        yield Nd.where(keepA, a, b);
      }
      default ->
          throw new IllegalArgumentException(
              "ufunc '"
                  + op.numpyName()
                  + "' not supported for the input types, and the inputs could not be safely"
                  + " coerced to any supported types according to the casting rule ''safe''");
    };
  }

  private static NdArray mulRe(NdArray ar, NdArray ai, NdArray br, NdArray bi) {
    return ar.mul(br).subtract(ai.mul(bi));
  }

  private static NdArray mulIm(NdArray ar, NdArray ai, NdArray br, NdArray bi) {
    return ar.mul(bi).add(ai.mul(br));
  }

  /** NumPy's complex division (Smith's method, as its loops run it). */
  private static NdArray divide(NdArray ar, NdArray ai, NdArray br, NdArray bi, DType t) {
    NdArray brAbs = br.abs();
    NdArray biAbs = bi.abs();
    NdArray realBigger = brAbs.ge(biAbs);
    // |br| >= |bi|: rat = bi/br, scl = 1/(br + bi*rat)
    NdArray rat1 = bi.divide(br);
    NdArray scl1 = reciprocal(br.add(bi.mul(rat1)));
    NdArray re1 = ar.add(ai.mul(rat1)).mul(scl1);
    NdArray im1 = ai.subtract(ar.mul(rat1)).mul(scl1);
    // both zero: a / |br| part by part (inf or nan, as C gives)
    NdArray zero = brAbs.eq(0.0).logicalAnd(biAbs.eq(0.0));
    re1 = Nd.where(zero, ar.divide(brAbs), re1);
    im1 = Nd.where(zero, ai.divide(brAbs), im1);
    // else: rat = br/bi, scl = 1/(bi + br*rat)
    NdArray rat2 = br.divide(bi);
    NdArray scl2 = reciprocal(bi.add(br.mul(rat2)));
    NdArray re2 = ar.mul(rat2).add(ai).mul(scl2);
    NdArray im2 = ai.mul(rat2).subtract(ar).mul(scl2);
    return assemble(Nd.where(realBigger, re1, re2), Nd.where(realBigger, im1, im2), t);
  }

  private static NdArray reciprocal(NdArray x) {
    return Ufunc.binary(BinaryOp.DIVIDE, x, 1.0, true);
  }

  /**
   * NumPy's lexicographic order: a &lt; b when the real parts are ordered and no imaginary part is
   * NaN, or the real parts are equal and the imaginary parts ordered.
   */
  private static NdArray less(NdArray ar, NdArray ai, NdArray br, NdArray bi, boolean orEqual) {
    NdArray first =
        ar.lt(br).logicalAnd(ai.isnan().logicalNot()).logicalAnd(bi.isnan().logicalNot());
    NdArray second = ar.eq(br).logicalAnd(orEqual ? ai.le(bi) : ai.lt(bi));
    return first.logicalOr(second);
  }

  /**
   * NumPy's complex power (its nc_pow): 1 for a zero exponent, 0 for a zero base with an exponent
   * of positive real part (NaN for another one), exp(b·log a) otherwise (NumPy multiplies out small
   * integer exponents: the same values within rounding).
   */
  private static NdArray power(NdArray a, NdArray b, DType t) {
    NdArray ar = re(a);
    NdArray ai = im(a);
    NdArray br = re(b);
    NdArray bi = im(b);
    NdArray general = unaryOf(UnaryOp.EXP, compute(BinaryOp.MULTIPLY, b, log(a, t), t), t);
    NdArray bZero = br.eq(0.0).logicalAnd(bi.eq(0.0));
    NdArray aZero = ar.eq(0.0).logicalAnd(ai.eq(0.0));
    NdArray zeroBase = Nd.where(br.gt(0.0), constant(ar, 0.0), constant(ar, Double.NaN));
    NdArray gr = re(general);
    NdArray gi = im(general);
    NdArray pr = Nd.where(bZero, constant(gr, 1.0), Nd.where(aZero, zeroBase, gr));
    NdArray pi = Nd.where(bZero, constant(gi, 0.0), Nd.where(aZero, zeroBase, gi));
    return assemble(pr, pi, t);
  }

  /** A 0-d array of x's dtype and backend holding v. */
  private static NdArray constant(NdArray like, double v) {
    return like.backend().full(v, like.dtype);
  }

  // ---- elementwise, one operand ----

  /** The result dtype of {@code op} on a complex array, as NumPy's loops give it. */
  static DType unaryResult(UnaryOp op, DType t) {
    if (op.isPredicate() || op == UnaryOp.LOGICAL_NOT) {
      return DType.BOOL;
    }
    return op == UnaryOp.ABS ? t.componentType() : t;
  }

  /** {@code op(z)} for a complex z; into {@code out} when not null. */
  static NdArray unary(UnaryOp op, NdArray z, NdArray out) {
    DType result = unaryResult(op, z.dtype);
    if (out != null) {
      Ufunc.checkWriteable(out, z);
      Ufunc.checkOut(op.numpyName(), out, result, z, z.shape);
    }
    NdArray r;
    try (Scope s = new Scope()) {
      r = s.keep(unaryOf(op, z, z.dtype));
    }
    if (out == null) {
      return r;
    }
    try (r) {
      new Kernel(out.backend()).copy(out, r);
      return out;
    }
  }

  private static NdArray unaryOf(UnaryOp op, NdArray z, DType t) {
    NdArray x = re(z);
    NdArray y = im(z);
    return switch (op) {
      case NEGATIVE -> assemble(x.negative(), y.negative(), t);
      case ABS -> x.hypot(y);
      case SQUARE -> assemble(mulRe(x, y, x, y), mulIm(x, y, x, y), t);
      case SIGN -> {
        NdArray abs = x.hypot(y);
        NdArray nonzero = abs.ne(0.0);
        yield assemble(
            Nd.where(nonzero, x.divide(abs), x.mul(0.0)),
            Nd.where(nonzero, y.divide(abs), y.mul(0.0)),
            t);
      }
      case EXP -> exp(x, y, t);
      case EXP2 -> exp(x.mul(LN2), y.mul(LN2), t);
      case EXPM1 -> {
        NdArray a = y.mul(0.5).sin();
        yield assemble(x.expm1().mul(y.cos()).subtract(a.mul(a).mul(2.0)), x.exp().mul(y.sin()), t);
      }
      case LOG -> log(z, t);
      case LOG2 -> scaled(log(z, t), 1 / LN2, t);
      case LOG10 -> scaled(log(z, t), 1 / Math.log(10), t);
      case LOG1P -> {
        NdArray x1 = x.add(1.0);
        yield assemble(x1.hypot(y).log(), y.arctan2(x1), t);
      }
      case SQRT -> sqrt(x, y, t);
      case SIN -> assemble(x.sin().mul(y.cosh()), x.cos().mul(y.sinh()), t);
      case COS -> assemble(x.cos().mul(y.cosh()), x.sin().mul(y.sinh()).negative(), t);
      case SINH -> assemble(x.sinh().mul(y.cos()), x.cosh().mul(y.sin()), t);
      case COSH -> assemble(x.cosh().mul(y.cos()), x.sinh().mul(y.sin()), t);
      case TANH -> tanh(x, y, t);
      case TAN -> {
        // tan(z) = -i tanh(iz), iz = -y + ix
        NdArray th = tanh(y.negative(), x, t);
        yield assemble(im(th), re(th).negative(), t);
      }
      case RINT -> assemble(x.rint(), y.rint(), t);
      case ARCSIN -> arcsin(z, t);
      case ARCCOS -> {
        // pi/2 - arcsin z
        NdArray as = arcsin(z, t);
        yield assemble(
            Ufunc.binary(BinaryOp.SUBTRACT, re(as), Math.PI / 2, true), im(as).negative(), t);
      }
      case ARCTAN -> {
        // (i/2) log((i + z) / (i - z))
        NdArray num = assemble(x, y.add(1.0), t);
        NdArray den = assemble(x.negative(), Ufunc.binary(BinaryOp.SUBTRACT, y, 1.0, true), t);
        NdArray l = log(compute(BinaryOp.DIVIDE, num, den, t), t);
        yield assemble(im(l).mul(-0.5), re(l).mul(0.5), t);
      }
      case ARCSINH -> {
        // C99's casinh(z) = -i casin(iz), iz = -y + ix
        NdArray w = arcsin(assemble(y.negative(), x, t), t);
        yield assemble(im(w), re(w).negative(), t);
      }
      case ARCTANH -> {
        // C99's catanh(z) = -i catan(iz)
        NdArray w = unaryOf(UnaryOp.ARCTAN, assemble(y.negative(), x, t), t);
        yield assemble(im(w), re(w).negative(), t);
      }
      case ARCCOSH -> {
        // C99's cacosh from cacos(z) = a + bi: |b| + i copysign(a, Im z)
        NdArray w = unaryOf(UnaryOp.ARCCOS, z, t);
        yield assemble(im(w).abs(), re(w).copysign(y), t);
      }
      case ISNAN -> x.isnan().logicalOr(y.isnan());
      case ISINF -> x.isinf().logicalOr(y.isinf());
      case ISFINITE -> x.isfinite().logicalAnd(y.isfinite());
      case LOGICAL_NOT -> x.eq(0.0).logicalAnd(y.eq(0.0));
      case FLOOR, CEIL, TRUNC, INVERT, CBRT, SIGNBIT ->
          throw new IllegalArgumentException(
              "ufunc '"
                  + op.numpyName()
                  + "' not supported for the input types, and the inputs could not be safely"
                  + " coerced to any supported types according to the casting rule ''safe''");
      default ->
          throw new UnsupportedOperationException(
              op.numpyName() + " is not supported for " + t + " in ndj yet");
    };
  }

  private static final double LN2 = Math.log(2);

  /** arcsin z = -i log(iz + sqrt(1 - z²)), the principal branch. */
  private static NdArray arcsin(NdArray z, DType t) {
    NdArray one = z.backend().full(Complex.of(1, 0), t);
    NdArray root =
        unaryOf(UnaryOp.SQRT, compute(BinaryOp.SUBTRACT, one, unaryOf(UnaryOp.SQUARE, z, t), t), t);
    NdArray iz = assemble(im(z).negative(), re(z), t);
    NdArray l = log(compute(BinaryOp.ADD, iz, root, t), t);
    return assemble(im(l), re(l).negative(), t);
  }

  private static NdArray scaled(NdArray z, double f, DType t) {
    return assemble(re(z).mul(f), im(z).mul(f), t);
  }

  /** e^x (cos y + i sin y), exact for a real argument (y = 0 gives e^x + 0j even for x = inf). */
  private static NdArray exp(NdArray x, NdArray y, DType t) {
    NdArray e = x.exp();
    NdArray real = y.eq(0.0);
    return assemble(Nd.where(real, e, e.mul(y.cos())), Nd.where(real, y, e.mul(y.sin())), t);
  }

  /** log|z| + i arg z. */
  static NdArray log(NdArray z, DType t) {
    NdArray x = re(z);
    NdArray y = im(z);
    return assemble(x.hypot(y).log(), y.arctan2(x), t);
  }

  /** The principal square root, computed without cancellation (C99's csqrt). */
  private static NdArray sqrt(NdArray x, NdArray y, DType t) {
    NdArray tt = x.abs().add(x.hypot(y)).mul(0.5).sqrt();
    NdArray twoT = tt.mul(2.0);
    NdArray nonNegative = x.ge(0.0).logicalOr(x.isnan());
    NdArray re = Nd.where(nonNegative, tt, y.abs().divide(twoT));
    NdArray im = Nd.where(nonNegative, y.divide(twoT), Ufunc.binary(BinaryOp.COPYSIGN, tt, y));
    NdArray zero = x.eq(0.0).logicalAnd(y.eq(0.0));
    NdArray infIm = y.isinf();
    re =
        Nd.where(
            zero, constant(re, 0.0), Nd.where(infIm, constant(re, Double.POSITIVE_INFINITY), re));
    im = Nd.where(zero.logicalOr(infIm), y, im);
    return assemble(re, im, t);
  }

  /**
   * tanh by Kahan's formula (as glibc's ctanh): t = tan y, s = sinh x, rho = sqrt(1 + s²), re = (1
   * + t²) rho s / (1 + (1 + t²) s²), im = t / (that denominator); for |x| > 22 the limit (sign x, 4
   * sin y cos y e^-2|x|).
   */
  private static NdArray tanh(NdArray x, NdArray y, DType t) {
    NdArray tn = y.tan();
    NdArray beta = tn.mul(tn).add(1.0);
    NdArray s = x.sinh();
    NdArray rho = s.mul(s).add(1.0).sqrt();
    NdArray den = beta.mul(s).mul(s).add(1.0);
    NdArray re = beta.mul(rho).mul(s).divide(den);
    NdArray im = tn.divide(den);
    NdArray big = x.abs().gt(22.0);
    NdArray bigRe = Ufunc.binary(BinaryOp.COPYSIGN, x, 1.0, true);
    NdArray bigIm = y.sin().mul(y.cos()).mul(4.0).mul(x.abs().mul(-2.0).exp());
    NdArray real = y.eq(0.0);
    return assemble(Nd.where(big, bigRe, re), Nd.where(real, y, Nd.where(big, bigIm, im)), t);
  }

  // ---- reductions ----

  /** sum, prod, any and all of a complex array over normalised axes {@code ax}. */
  static NdArray reduce(ReduceOp op, NdArray a, int[] ax, boolean keepdims, DType dtype) {
    DType t = dtype != null ? dtype : a.dtype;
    NdArray r;
    try (Scope s = new Scope()) {
      NdArray z = a.dtype == t ? a : a.astype(t);
      r =
          s.keep(
              switch (op) {
                case SUM ->
                    t.isComplex()
                        ? assemble(re(z).sum(ax, keepdims), im(z).sum(ax, keepdims), t)
                        : z.sum(ax, keepdims);
                case PROD -> tree(z, ax, keepdims, t, BinaryOp.MULTIPLY);
                case MAX, MIN -> {
                  if (Reductions.reducesEmpty(z, ax)) {
                    throw new IllegalArgumentException(
                        "zero-size array to reduction operation "
                            + (op == ReduceOp.MIN ? "minimum" : "maximum")
                            + " which has no identity");
                  }
                  yield tree(
                      z, ax, keepdims, t, op == ReduceOp.MAX ? BinaryOp.MAXIMUM : BinaryOp.MINIMUM);
                }
                case ARGMAX, ARGMIN -> {
                  // the first element equal to the lexicographic max (min), or the first NaN
                  NdArray m =
                      tree(
                          z,
                          ax,
                          true,
                          t,
                          op == ReduceOp.ARGMAX ? BinaryOp.MAXIMUM : BinaryOp.MINIMUM);
                  NdArray hit =
                      compute(BinaryOp.EQUAL, z, m, t)
                          .logicalOr(
                              unaryOf(UnaryOp.ISNAN, z, t)
                                  .logicalAnd(unaryOf(UnaryOp.ISNAN, m, t)));
                  yield hit.argmax(ax[0], keepdims);
                }
                case ANY -> unaryOf(UnaryOp.LOGICAL_NOT, z, t).logicalNot().any(ax, keepdims);
                case ALL -> unaryOf(UnaryOp.LOGICAL_NOT, z, t).logicalNot().all(ax, keepdims);
                default ->
                    throw new UnsupportedOperationException(
                        op.numpyName() + " is not supported for " + a.dtype + " in ndj yet");
              });
    }
    return r;
  }

  /**
   * A reduction by {@code op} over {@code ax} (the product, or NumPy's lexicographic maximum and
   * minimum): the axes moved last and flattened into one, then neighbours combined pairwise until
   * one element is left (an odd last element waits for the next round).
   */
  private static NdArray tree(NdArray z, int[] ax, boolean keepdims, DType t, BinaryOp op) {
    if (!t.isComplex()) {
      return switch (op) {
        case MULTIPLY -> z.prod(ax, keepdims);
        case MAXIMUM -> z.max(ax, keepdims);
        default -> z.min(ax, keepdims);
      };
    }
    int nd = z.ndim();
    boolean[] reduced = new boolean[nd];
    for (int x : ax) {
      reduced[x] = true;
    }
    int[] order = new int[nd];
    int k = 0;
    long[] kept = new long[nd];
    long[] outShape = new long[nd - ax.length];
    int j = 0;
    for (int i = 0; i < nd; i++) {
      if (!reduced[i]) {
        order[k++] = i;
        outShape[j++] = z.shape[i];
      }
    }
    long n = 1;
    for (int i = 0; i < nd; i++) {
      if (reduced[i]) {
        order[k++] = i;
        n *= z.shape[i];
      }
      kept[i] = reduced[i] ? 1 : z.shape[i];
    }
    long[] flatShape = java.util.Arrays.copyOf(outShape, outShape.length + 1);
    flatShape[outShape.length] = n;
    NdArray cur = z.transpose(order).reshape(flatShape);
    if (n == 0) {
      // only the product reaches here empty: min and max refuse an empty reduction first
      return z.backend().full(Complex.of(1, 0), t, keepdims ? kept : outShape);
    }
    while (n > 1) {
      long half = n / 2;
      // neighbours pair up (0,1), (2,3), ...: the pairs keep the elements' order, so a NaN that
      // comes first wins max and min, as in NumPy's reduction in order
      NdArray lo = cur.get(lastAxis(flatShape.length, 0, 2 * half, 2));
      NdArray hi = cur.get(lastAxis(flatShape.length, 1, 2 * half, 2));
      NdArray p = compute(op, lo, hi, t);
      if (n % 2 == 1) {
        NdArray last = cur.get(lastAxis(flatShape.length, n - 1, n, 1));
        p = Joins.concatenate(new NdArray[] {p, last}, flatShape.length - 1);
      }
      cur = p;
      n = half + n % 2;
    }
    return cur.reshape(keepdims ? kept : outShape).copy();
  }

  /** {@code [..., from:to:step]} for an array of nd dimensions. */
  private static Index[] lastAxis(int nd, long from, long to, long step) {
    Index[] idx = new Index[nd];
    java.util.Arrays.fill(idx, Index.all());
    idx[nd - 1] = Index.slice(from, to, step);
    return idx;
  }
}
