package io.ndj;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Closes, on {@link #close()}, every array created on this thread while the scope was open, except
 * those passed to {@link #keep(NdArray)}. Scopes nest; a kept array moves to the enclosing scope,
 * if any.
 *
 * <pre>{@code
 * NdArray result;
 * try (var scope = Nd.scope()) {
 *   NdArray t = x.mul(2).add(1);       // temporaries are closed with the scope
 *   result = scope.keep(t.sum(1));     // this one escapes
 * }
 * }</pre>
 */
public final class Scope implements AutoCloseable {
  private static final ThreadLocal<Deque<Scope>> OPEN = ThreadLocal.withInitial(ArrayDeque::new);

  private final List<NdArray> arrays = new ArrayList<>();
  private final Thread owner = Thread.currentThread();
  private boolean closed;

  Scope() {
    OPEN.get().push(this);
  }

  static void register(NdArray a) {
    Deque<Scope> d = OPEN.get();
    if (!d.isEmpty()) {
      d.peek().arrays.add(a);
    }
  }

  /**
   * Keeps {@code a} open when this scope closes (it joins the enclosing scope, if any) and returns
   * it.
   *
   * @param a an array created in this scope
   * @return {@code a}
   * @throws IllegalArgumentException if {@code a} was not created in this scope
   */
  public NdArray keep(NdArray a) {
    if (!arrays.remove(a)) {
      throw new IllegalArgumentException("array was not created in this scope");
    }
    Deque<Scope> d = OPEN.get();
    for (Scope s : d) {
      if (s != this) {
        s.arrays.add(a);
        break;
      }
    }
    return a;
  }

  /**
   * Closes the arrays made inside and not kept. Idempotent. Must be called on the thread that
   * opened it.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException("a scope must be closed on the thread that opened it");
    }
    closed = true;
    OPEN.get().remove(this);
    for (NdArray a : arrays) {
      a.close();
    }
    arrays.clear();
  }
}
