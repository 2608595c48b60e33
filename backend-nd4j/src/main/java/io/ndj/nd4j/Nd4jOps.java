package io.ndj.nd4j;

import io.ndj.DType;
import io.ndj.spi.View;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * ND4J arrays over ndj views, and ND4J's ops by name. Every computation of the bridge goes through
 * {@link #op}; nothing here loops over elements.
 */
final class Nd4jOps {
  private Nd4jOps() {}

  /**
   * ND4J's declarable ops by name, made once: with an op context, ND4J reads only an op's name and
   * hash.
   */
  private static final Map<String, CustomOp> OPS = new ConcurrentHashMap<>();

  /**
   * This thread's op contexts, [0] for ops without integer arguments and [1] for ops with them
   * (ND4J leaves a context's integer arguments in place when given none). Reused: ND4J's own call
   * makes a context, a new op and its random id (a read of /dev/urandom) for every op, and deletes
   * the context after: about 2 of the 4.5 us of a 1000-element add.
   */
  private static final ThreadLocal<OpContext[]> CONTEXTS =
      ThreadLocal.withInitial(() -> new OpContext[2]);

  /** Runs ND4J's declarable op {@code name} from {@code in} into {@code out}. */
  static void op(String name, INDArray[] in, INDArray[] out, int... iargs) {
    CustomOp op = OPS.computeIfAbsent(name, n -> DynamicCustomOp.builder(n).build());
    OpContext[] contexts = CONTEXTS.get();
    int k = iargs.length > 0 ? 1 : 0;
    if (contexts[k] == null) {
      contexts[k] = Nd4j.getExecutioner().buildContext();
    }
    OpContext c = contexts[k];
    try {
      c.setInputArrays(in);
      c.setOutputArrays(out);
      if (iargs.length > 0) {
        long[] args = new long[iargs.length];
        for (int i = 0; i < args.length; i++) {
          args[i] = iargs[i];
        }
        c.setIArguments(args);
      }
      Nd4j.getExecutioner().exec(op, c);
    } finally {
      // the context lets go of this op's arrays at once, so that it never holds memory that is
      // given back
      c.purge();
    }
  }

  static void op(String name, INDArray out, INDArray... in) {
    op(name, in, new INDArray[] {out});
  }

  /** {@code out = in}, converting to out's type (C++ static_cast) and broadcasting. */
  static void assign(INDArray out, INDArray in) {
    if (out.dataType() == in.dataType()) {
      op("assign", new INDArray[] {out, in}, new INDArray[] {out});
    } else if (in.dataType() == DataType.UINT16 && out.dataType() == DataType.HALF) {
      // ND4J's cast reads uint16 as half bits: through float32, which holds every uint16 exactly
      INDArray f = temp(DType.FLOAT32, in.shape());
      assign(f, in);
      assign(out, f);
    } else {
      // ND4J's cast is many times faster than a converting assign
      op("cast", new INDArray[] {in}, new INDArray[] {out}, out.dataType().toInt());
    }
  }

  /** A new array of {@code dtype} and {@code shape} holding {@code in}. */
  static INDArray copyOf(DType dtype, long[] shape, INDArray in) {
    INDArray out = temp(dtype, shape);
    assign(out, in);
    return out;
  }

  /**
   * The temporaries of one kernel call: pooled native blocks, given back when the call ends (ND4J's
   * own arrays are zeroed and paged in anew each time, which costs more than most ops).
   */
  static final class Temps implements AutoCloseable {
    private final NativePool pool;
    private final List<Nd4jBuffer> buffers = new ArrayList<>();
    private final Temps outer;

    private Temps(NativePool pool, Temps outer) {
      this.pool = pool;
      this.outer = outer;
    }

    @Override
    public void close() {
      for (Nd4jBuffer b : buffers) {
        b.release();
      }
      CURRENT.set(outer);
    }
  }

  private static final ThreadLocal<Temps> CURRENT = new ThreadLocal<>();

  /** Opens the temporaries of a kernel call on this thread. */
  static Temps temps(NativePool pool) {
    Temps t = new Temps(pool, CURRENT.get());
    CURRENT.set(t);
    return t;
  }

  /**
   * A new C-ordered array, contents unspecified: pooled inside a kernel call, ND4J's own outside.
   */
  static INDArray temp(DType dtype, long[] shape) {
    Temps t = CURRENT.get();
    if (t == null) {
      return Nd4j.create(Types.of(dtype), shape.clone());
    }
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    Nd4jBuffer b = Nd4jBuffer.allocate(Math.max(n, 1) * dtype.itemsize(), t.pool);
    t.buffers.add(b);
    long[] strides = new long[shape.length];
    long acc = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      strides[i] = acc;
      acc *= Math.max(shape[i], 1);
    }
    return b.view(dtype, shape, strides, 0);
  }

  /** {@code op(in...)} into a new array of {@code dtype} and {@code shape}. */
  static INDArray apply(String name, DType dtype, long[] shape, INDArray... in) {
    INDArray out = temp(dtype, shape);
    op(name, out, in);
    return out;
  }

  /**
   * {@code in} converted to {@code dtype} (C++ static_cast), or {@code in} itself when it already
   * has it.
   */
  static INDArray cast(INDArray in, DType dtype) {
    if (in.dataType() == Types.of(dtype)) {
      return in;
    }
    INDArray out = temp(dtype, in.shape());
    assign(out, in);
    return out;
  }

  /**
   * Recent rank-0 scalars of this thread, by dtype and value bits (making one costs more than a
   * small op).
   */
  private static final ThreadLocal<Object[][]> SCALARS =
      ThreadLocal.withInitial(() -> new Object[16][]);

  /**
   * A rank-0 ND4J array holding {@code value} as {@code dtype}; ND4J's ops take it as a scalar
   * operand.
   */
  static INDArray scalar(DType dtype, Number value) {
    long bits =
        value instanceof Double || value instanceof Float
            ? Double.doubleToRawLongBits(value.doubleValue())
            : value.longValue();
    Object[][] cache = SCALARS.get();
    // the high bits of a multiplicative hash (typical doubles differ only in their high bits)
    int slot = (int) (((bits ^ dtype.ordinal()) * 0x9E3779B97F4A7C15L) >>> 60);
    Object[] e = cache[slot];
    if (e != null && e[0] == dtype && (long) e[1] == bits && e[2].getClass() == value.getClass()) {
      return (INDArray) e[3];
    }
    // ND4J's own memory outside any workspace the caller has open: not a pooled temporary of this
    // kernel call, nor
    // workspace memory that DL4J's next loop iteration hands out again
    try (MemoryWorkspace none = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
      INDArray one =
          value instanceof Double || value instanceof Float
              ? Nd4j.createFromArray(new double[] {value.doubleValue()})
              : Nd4j.createFromArray(new long[] {value.longValue()});
      INDArray typed = one.castTo(Types.of(dtype));
      INDArray s = Nd4j.create(typed.data(), new long[0], new long[0], 0, 'c', Types.of(dtype));
      cache[slot] = new Object[] {dtype, bits, value, s};
      return s;
    }
  }

  /** One value of {@code dtype} seen at every position of {@code shape} (all strides 0). */
  static INDArray constant(DType dtype, Number value, long[] shape) {
    INDArray one =
        switch (value) {
          case Double d -> Nd4j.createFromArray(new double[] {d});
          case Float f -> Nd4j.createFromArray(new double[] {f});
          default -> Nd4j.createFromArray(new long[] {value.longValue()});
        };
    INDArray typed = cast(one, dtype);
    return Nd4j.create(
        typed.data(), shape.clone(), new long[shape.length], 0, 'c', Types.of(dtype));
  }

  /** True when ND4J can address {@code v} as it is: no negative stride. */
  static boolean addressable(View v) {
    for (long s : v.strides()) {
      if (s < 0) {
        return false;
      }
    }
    return true;
  }

  /** An ND4J array on {@code v}'s memory; {@code v} must be {@link #addressable}. */
  static INDArray on(View v) {
    return on(v, v.shape(), v.strides(), v.offset());
  }

  static INDArray on(View v, long[] shape, long[] strides, long offset) {
    return ((Nd4jBuffer) v.buffer()).view(v.dtype(), shape, strides, offset);
  }

  /**
   * {@code v} with its negative-stride axes turned around, so ND4J can address it: the same
   * elements, those axes in reverse order. Returns the axes it turned around.
   */
  static int[] turned(View v, long[] strides, long[] offset) {
    List<Integer> axes = new ArrayList<>();
    long off = v.offset();
    for (int i = 0; i < v.ndim(); i++) {
      long s = v.strides()[i];
      if (s < 0) {
        off += (v.shape()[i] - 1) * s;
        strides[i] = -s;
        axes.add(i);
      } else {
        strides[i] = s;
      }
    }
    offset[0] = off;
    return axes.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * An ND4J array holding {@code v}'s elements: on its memory when its strides are all positive;
   * else a contiguous copy. ND4J is never shown a stride of 0 or below: its BLAS calls refuse a
   * broadcast operand ("DGEMM parameter number 8 had an illegal value") and its reductions and
   * sorts of one gave stale answers once pooled memory was reused. A broadcast axis is read at
   * length 1 and broadcast by ND4J's assign.
   */
  /** The longest piece of a line ND4J's reverse turns around at once. */
  private static final long REVERSE_CHUNK = 1L << 30;

  static INDArray in(View v) {
    boolean broadcast = false;
    boolean positive = true;
    for (int i = 0; i < v.ndim(); i++) {
      broadcast |= v.strides()[i] == 0 && v.shape()[i] > 1;
      positive &= v.strides()[i] > 0 || v.shape()[i] <= 1;
    }
    if (positive && !broadcast) {
      return on(v, v.shape(), unitStrides(v), v.offset());
    }
    // the distinct elements: broadcast axes at length 1, reversed axes turned around
    long[] shape = v.shape().clone();
    long[] strides = new long[v.ndim()];
    long off = v.offset();
    List<Integer> axes = new ArrayList<>();
    for (int i = 0; i < v.ndim(); i++) {
      long st = v.strides()[i];
      if (st == 0 || shape[i] <= 1) {
        shape[i] = Math.min(shape[i], 1);
        strides[i] = 1;
      } else if (st < 0) {
        off += (shape[i] - 1) * st;
        strides[i] = -st;
        axes.add(i);
      } else {
        strides[i] = st;
      }
    }
    INDArray src = on(v, shape, strides, off);
    if (!axes.isEmpty()) {
      INDArray r = temp(v.dtype(), shape);
      if (shape.length == 1 && shape[0] > REVERSE_CHUNK) {
        // ND4J's reverse counts in 32 bits ("Threads::parallel_for got start > stop" past 2^31):
        // a long line turned around a chunk at a time, the last chunk of src the first of r
        long n = shape[0];
        for (long lo = 0; lo < n; lo += REVERSE_CHUNK) {
          long len = Math.min(REVERSE_CHUNK, n - lo);
          op(
              "reverse",
              new INDArray[] {src.get(NDArrayIndex.interval(n - lo - len, n - lo))},
              new INDArray[] {r.get(NDArrayIndex.interval(lo, lo + len))},
              0);
        }
      } else {
        if (java.util.Arrays.stream(shape).reduce(1, Math::multiplyExact) > Integer.MAX_VALUE) {
          throw new UnsupportedOperationException(
              "a reversed view of "
                  + java.util.Arrays.toString(v.shape())
                  + " is not supported on backend nd4j past 2^31 elements but as a 1-d line"
                  + " (ND4J's reverse counts in 32 bits); copy it on the cpu backend");
        }
        op(
            "reverse",
            new INDArray[] {src},
            new INDArray[] {r},
            axes.stream().mapToInt(Integer::intValue).toArray());
      }
      src = r;
    }
    if (!broadcast) {
      return src;
    }
    INDArray out = temp(v.dtype(), v.shape());
    op("assign", new INDArray[] {out, src}, new INDArray[] {out});
    return out;
  }

  /**
   * {@code v}'s strides with those of its length-0 and length-1 axes (which address nothing) set to
   * 1.
   */
  private static long[] unitStrides(View v) {
    long[] st = v.strides();
    for (int i = 0; i < st.length; i++) {
      if (v.shape()[i] <= 1 && st[i] != 1) {
        if (st == v.strides()) {
          st = st.clone(); // copied only when one changes: this runs for every operand of every op
        }
        st[i] = 1;
      }
    }
    return st;
  }

  /**
   * Where a result for {@code out} goes: {@code out}'s own memory, or a temporary that {@link
   * #finish} copies.
   */
  static INDArray out(View out) {
    return addressable(out) ? on(out) : temp(out.dtype(), out.shape());
  }

  /** Stores {@code result} (made by {@link #out}) into {@code out} when it was a temporary. */
  static void finish(View out, INDArray result) {
    if (addressable(out)) {
      return;
    }
    long[] strides = new long[out.ndim()];
    long[] off = new long[1];
    int[] axes = turned(out, strides, off);
    INDArray dst = on(out, out.shape(), strides, off[0]);
    op("reverse", new INDArray[] {result}, new INDArray[] {dst}, axes);
  }

  /** Runs {@code body} into an ND4J array for {@code out} and stores the result. */
  static void into(View out, java.util.function.Consumer<INDArray> body) {
    INDArray o = out(out);
    body.accept(o);
    finish(out, o);
  }
}
