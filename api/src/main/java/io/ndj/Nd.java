package io.ndj;

import io.ndj.spi.BackendProvider;
import java.util.List;

/**
 * Entry point: the default backend, backends by name, scopes, and NumPy's creation functions on the default
 * backend ({@code Nd.arange(6).reshape(2, 3)}).
 *
 * <p>The default backend is the system property {@code ndj.backend}, else the environment variable {@code
 * NDJ_BACKEND}, else the available provider with the highest priority (cuda, then nd4j, then cpu). It is chosen
 * once, on first use.
 */
public final class Nd {
  private Nd() {}

  /**
   * The default backend.
   *
   * @throws IllegalStateException if the named backend is unavailable (with why), or none is available
   */
  public static Backend backend() {
    return Backends.defaultBackend();
  }

  /**
   * The backend named {@code name}, created on first use and shared afterwards.
   *
   * @throws IllegalArgumentException if no provider has that name
   * @throws IllegalStateException if it is unavailable here, with the reason
   */
  public static Backend backend(String name) {
    return Backends.get(name);
  }

  /** Every backend provider found, highest priority first, available or not. */
  public static List<BackendProvider> providers() {
    return Backends.providers();
  }

  /** Opens a scope that closes, on close, the arrays this thread creates meanwhile. */
  public static Scope scope() {
    return new Scope();
  }

  public static NdArray empty(long... shape) {
    return backend().empty(shape);
  }

  public static NdArray empty(DType dtype, long... shape) {
    return backend().empty(dtype, shape);
  }

  public static NdArray zeros(long... shape) {
    return backend().zeros(shape);
  }

  public static NdArray zeros(DType dtype, long... shape) {
    return backend().zeros(dtype, shape);
  }

  public static NdArray ones(long... shape) {
    return backend().ones(shape);
  }

  public static NdArray ones(DType dtype, long... shape) {
    return backend().ones(dtype, shape);
  }

  public static NdArray full(Number value, long... shape) {
    return backend().full(value, shape);
  }

  public static NdArray full(Number value, DType dtype, long... shape) {
    return backend().full(value, dtype, shape);
  }

  public static NdArray scalar(Number value) {
    return backend().scalar(value);
  }

  public static NdArray scalar(boolean value) {
    return backend().scalar(value);
  }

  /** Same shape and dtype as {@code x}, on x's backend, contents unspecified. */
  public static NdArray emptyLike(NdArray x) {
    return x.backend().empty(x.dtype(), x.shape().dims());
  }

  public static NdArray zerosLike(NdArray x) {
    return x.backend().zeros(x.dtype(), x.shape().dims());
  }

  public static NdArray onesLike(NdArray x) {
    return x.backend().ones(x.dtype(), x.shape().dims());
  }

  public static NdArray fullLike(NdArray x, Number value) {
    return x.backend().full(value, x.dtype(), x.shape().dims());
  }

  public static NdArray arange(long stop) {
    return backend().arange(stop);
  }

  public static NdArray arange(long start, long stop) {
    return backend().arange(start, stop);
  }

  public static NdArray arange(long start, long stop, long step) {
    return backend().arange(start, stop, step);
  }

  public static NdArray arange(double start, double stop, double step) {
    return backend().arange(start, stop, step);
  }

  public static NdArray arange(double start, double stop, double step, DType dtype) {
    return backend().arange(start, stop, step, dtype);
  }

  public static NdArray linspace(double start, double stop, long num) {
    return backend().linspace(start, stop, num);
  }

  public static NdArray linspace(double start, double stop, long num, boolean endpoint, DType dtype) {
    return backend().linspace(start, stop, num, endpoint, dtype);
  }

  public static NdArray eye(long n) {
    return backend().eye(n);
  }

  public static NdArray eye(long n, long m, long k, DType dtype) {
    return backend().eye(n, m, k, dtype);
  }

  public static NdArray identity(long n) {
    return backend().identity(n);
  }

  public static NdArray array(Object data, DType dtype, long... shape) {
    return backend().array(data, dtype, shape);
  }

  public static NdArray array(double[] data, long... shape) {
    return backend().array(data, shape);
  }

  public static NdArray array(float[] data, long... shape) {
    return backend().array(data, shape);
  }

  public static NdArray array(long[] data, long... shape) {
    return backend().array(data, shape);
  }

  public static NdArray array(int[] data, long... shape) {
    return backend().array(data, shape);
  }

  public static NdArray array(short[] data, long... shape) {
    return backend().array(data, shape);
  }

  public static NdArray array(byte[] data, long... shape) {
    return backend().array(data, shape);
  }

  public static NdArray array(boolean[] data, long... shape) {
    return backend().array(data, shape);
  }

  public static NdArray array(double[][] data) {
    return backend().array(data);
  }

  public static NdArray array(float[][] data) {
    return backend().array(data);
  }

  public static NdArray array(long[][] data) {
    return backend().array(data);
  }

  public static NdArray array(int[][] data) {
    return backend().array(data);
  }

  /** {@code cond ? a : b} elementwise, broadcast; a and b promoted to one dtype. */
  public static NdArray where(NdArray cond, NdArray a, NdArray b) {
    return Selection.where(cond, a, b);
  }

  /** {@code a - b} with a scalar on the left. */
  public static NdArray subtract(Number a, NdArray b) {
    return Ufunc.binary(io.ndj.spi.BinaryOp.SUBTRACT, b, a, true);
  }

  /** {@code a / b} with a scalar on the left. */
  public static NdArray divide(Number a, NdArray b) {
    return Ufunc.binary(io.ndj.spi.BinaryOp.DIVIDE, b, a, true);
  }

  /** {@code a // b} with a scalar on the left. */
  public static NdArray floorDivide(Number a, NdArray b) {
    return Ufunc.binary(io.ndj.spi.BinaryOp.FLOOR_DIVIDE, b, a, true);
  }

  /** {@code a % b} with a scalar on the left. */
  public static NdArray mod(Number a, NdArray b) {
    return Ufunc.binary(io.ndj.spi.BinaryOp.MOD, b, a, true);
  }

  /** {@code a ** b} with a scalar on the left. */
  public static NdArray power(Number a, NdArray b) {
    return Ufunc.binary(io.ndj.spi.BinaryOp.POWER, b, a, true);
  }
}
