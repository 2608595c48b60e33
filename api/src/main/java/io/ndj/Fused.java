package io.ndj;

import io.ndj.spi.Program;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A function of arrays fused into one program, made by {@link Nd#fuse}: the Java counterpart of
 * {@code cupy.fuse}. The first call with given input shapes and dtypes on a backend traces the
 * function with {@link Traced} values into a {@link Program} (NumPy's type and broadcasting rules
 * applied once, its errors thrown then); later calls with the same shapes and dtypes reuse it.
 * Backends that run fused programs ({@code Kernels.runsFused}) run it as one computation; the
 * others run its steps one at a time through their own kernels. Either way the result is what the
 * same operations on {@link NdArray} give: exactly for arithmetic, casts, comparisons and where,
 * and within the backend's own ulp bounds for transcendental functions.
 *
 * <p>Inputs are not modified; the result is a new array the caller closes.
 */
public final class Fused {
  /** A fused function of one array. */
  @FunctionalInterface
  public interface Fn1 {
    /**
     * The function's body, traced.
     *
     * @param x input 0 of the call
     * @return the result
     */
    Traced apply(Traced x);
  }

  /** A fused function of two arrays. */
  @FunctionalInterface
  public interface Fn2 {
    /**
     * The function's body, traced.
     *
     * @param x input 0 of the call
     * @param y input 1 of the call
     * @return the result
     */
    Traced apply(Traced x, Traced y);
  }

  /** A fused function of three arrays. */
  @FunctionalInterface
  public interface Fn3 {
    /**
     * The function's body, traced.
     *
     * @param x input 0 of the call
     * @param y input 1 of the call
     * @param z input 2 of the call
     * @return the result
     */
    Traced apply(Traced x, Traced y, Traced z);
  }

  /** A fused function of four arrays. */
  @FunctionalInterface
  public interface Fn4 {
    /**
     * The function's body, traced.
     *
     * @param w input 0 of the call
     * @param x input 1 of the call
     * @param y input 2 of the call
     * @param z input 3 of the call
     * @return the result
     */
    Traced apply(Traced w, Traced x, Traced y, Traced z);
  }

  /** The programs kept per function; past this many input signatures the oldest are dropped. */
  private static final int CACHE_LIMIT = 64;

  private final int arity;
  private final java.util.function.Function<Traced[], Traced> body;
  private final Map<List<Object>, Program> programs = new ConcurrentHashMap<>();
  private final AtomicInteger traces = new AtomicInteger();

  Fused(int arity, java.util.function.Function<Traced[], Traced> body) {
    this.arity = arity;
    this.body = body;
  }

  /**
   * Runs the function on {@code inputs} (as many as it takes, all on one backend).
   *
   * @param inputs the arrays, in the function's order
   * @return a new array: the function's result
   * @throws IllegalArgumentException for the wrong number of inputs, inputs on two backends, or
   *     NumPy's error for an operation the function traced (at the first call with those shapes)
   */
  public NdArray apply(NdArray... inputs) {
    Program p = program(inputs);
    return Fusion.run(p, inputs);
  }

  /**
   * The program traced for inputs of these shapes and dtypes (traced now if it was not yet).
   *
   * @param inputs arrays of the shapes, dtypes and backend to trace for (their values unused)
   * @return the program
   * @throws IllegalArgumentException as {@link #apply}
   */
  public Program program(NdArray... inputs) {
    if (inputs.length != arity) {
      throw new IllegalArgumentException(
          "this fused function takes " + arity + " arrays, not " + inputs.length);
    }
    Object[] key = new Object[2 * arity + 1];
    for (int i = 0; i < arity; i++) {
      inputs[i].ensureOpen();
      if (inputs[i].backend() != inputs[0].backend()) {
        throw Ufunc.mixed(inputs[0], inputs[i]);
      }
      key[2 * i] = inputs[i].dtype;
      key[2 * i + 1] = Shape.wrap(inputs[i].shape); // shape arrays are never written
    }
    key[2 * arity] = inputs[0].backend();
    List<Object> k = Arrays.asList(key);
    Program p = programs.get(k);
    if (p == null) {
      p = trace(inputs);
      if (programs.size() >= CACHE_LIMIT) {
        programs.clear();
      }
      programs.put(k, p);
    }
    return p;
  }

  /**
   * How many times the function has been traced (once per new input signature).
   *
   * @return the count
   */
  public int traces() {
    return traces.get();
  }

  private Program trace(NdArray[] inputs) {
    traces.incrementAndGet();
    Traced.Trace t = new Traced.Trace(arity);
    Traced[] args = new Traced[arity];
    for (int i = 0; i < arity; i++) {
      args[i] = Traced.input(t, i, inputs[i].dtype, inputs[i].shape.clone());
    }
    Traced r = body.apply(args);
    if (r == null) {
      throw new IllegalArgumentException("a fused function returned null");
    }
    if (t.steps.isEmpty() || r.step() >= t.steps.size() || t.steps.get(r.step()) == null) {
      throw new IllegalArgumentException("a fused function returned a value of another function");
    }
    return new Program(live(t.steps, r.step()), arity);
  }

  /**
   * The steps the result depends on, renumbered in their order, the result last: a value the
   * function computed but did not use is not run.
   */
  private static List<Program.Step> live(List<Program.Step> steps, int result) {
    boolean[] used = new boolean[result + 1];
    used[result] = true;
    for (int i = result; i >= 0; i--) {
      if (used[i]) {
        for (int arg : Program.operands(steps.get(i))) {
          used[arg] = true;
        }
      }
    }
    int[] index = new int[result + 1];
    List<Program.Step> out = new java.util.ArrayList<>();
    for (int i = 0; i <= result; i++) {
      if (used[i]) {
        index[i] = out.size();
        out.add(Program.renumbered(steps.get(i), a -> index[a]));
      }
    }
    return out;
  }
}
