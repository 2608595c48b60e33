package io.ndj;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A reduction built from a map, a combining ufunc and a post-map, the Java counterpart of CuPy's
 * {@code ReductionKernel}: {@code Nd.reductionKernel(x -> x.square(), BinaryUfunc.ADD, r ->
 * r.sqrt())} is an L2 norm; {@code k.apply(axis(-1), x)} runs it along the last axis. The map and
 * post-map are {@link Traced} functions (so anything {@link Nd#fuse} takes); the combine is ADD,
 * MULTIPLY, MAXIMUM or MINIMUM, whose identity (0, 1, none, none) is NumPy's. Each (axes, keepdims)
 * is its own {@link Fused} program, traced once per input signature, and runs fused where the
 * backend can (on cuda, reductions along the last axis become one kernel).
 */
public final class ReductionKernel {
  private final int arity;
  private final Function<Traced[], Traced> map;
  private final BinaryUfunc combine;
  private final Function<Traced, Traced> post;
  private final Map<List<Object>, Fused> programs = new ConcurrentHashMap<>();

  ReductionKernel(
      int arity,
      Function<Traced[], Traced> map,
      BinaryUfunc combine,
      Function<Traced, Traced> post) {
    if (combine != BinaryUfunc.ADD
        && combine != BinaryUfunc.MULTIPLY
        && combine != BinaryUfunc.MAXIMUM
        && combine != BinaryUfunc.MINIMUM) {
      throw new IllegalArgumentException(
          "a reduction kernel combines with add, multiply, maximum or minimum, not " + combine);
    }
    this.arity = arity;
    this.map = map;
    this.combine = combine;
    this.post = post;
  }

  /**
   * Runs the kernel on {@code inputs} over the options' axes (every axis when none are given) with
   * their keepdims; dtype and ddof are not taken.
   *
   * @param options the axes and keepdims
   * @param inputs the arrays, in the map's order
   * @return a new array
   * @throws IllegalArgumentException as {@link Fused#apply}, and for dtype= or ddof=
   */
  public NdArray apply(ReduceOptions options, NdArray... inputs) {
    options.check(combine.name() + ".reduce", false, false);
    int[] axes = options.axes();
    boolean keep = options.isKeepdims();
    List<Object> key = List.of(axes == null ? "all" : Arrays.toString(axes), keep);
    Fused f =
        programs.computeIfAbsent(
            key,
            k ->
                new Fused(
                    arity,
                    args -> {
                      Traced m = map.apply(args);
                      Traced r =
                          switch (combine.name()) {
                            case "add" -> m.sum(axes, keep);
                            case "multiply" -> m.prod(axes, keep);
                            case "maximum" -> m.max(axes, keep);
                            default -> m.min(axes, keep);
                          };
                      return post.apply(r);
                    }));
    return f.apply(inputs);
  }

  /**
   * {@link #apply(ReduceOptions, NdArray...)} over every axis.
   *
   * @param inputs the arrays, in the map's order
   * @return a new array
   */
  public NdArray apply(NdArray... inputs) {
    return apply(ReduceOptions.DEFAULTS, inputs);
  }
}
