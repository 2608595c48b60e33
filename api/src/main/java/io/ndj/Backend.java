package io.ndj;

import io.ndj.spi.Availability;
import io.ndj.spi.BackendProvider;
import io.ndj.spi.Kernels;
import io.ndj.spi.MemoryInfo;
import io.ndj.spi.Op;

/**
 * A created backend: where arrays live and run. Get one with {@link Nd#backend()} or {@link
 * Nd#backend(String)}; create arrays on it with the factory methods of {@link ArrayFactory} it
 * implements ({@code Nd.backend("cpu").zeros(2, 3)}). Several backends may be used in one program;
 * an operation on arrays of two backends is an error, and {@link NdArray#to(Backend)} moves an
 * array.
 */
public final class Backend implements ArrayFactory, AutoCloseable {
  private final BackendProvider provider;
  private final Kernels kernels;

  /**
   * The buffers alive, a list through their releases (a concurrent set took a node per buffer: a
   * tenth of a tiny op's garbage); guarded by this backend's lock.
   */
  private Storage.Release live;

  private int liveCount;

  /**
   * Bytes held by live buffers, how many buffers were given back, and the proactive collection's
   * floor.
   */
  private long liveBytes;

  private long releasedCount;
  private long reclaimFloor;

  Backend(BackendProvider provider, Kernels kernels) {
    this.provider = provider;
    this.kernels = kernels;
  }

  /**
   * Creates a fresh backend from a provider, independent of the ones {@link Nd#backend(String)}
   * shares. For tests and for vendors checking their own provider.
   *
   * @param provider the provider to create the backend from
   * @return the new backend
   * @throws IllegalStateException if the provider is unavailable, with its reason
   */
  public static Backend create(BackendProvider provider) {
    return create(provider, 0);
  }

  /**
   * Creates a fresh backend from a provider on one of its devices ({@link
   * BackendProvider#create(int)}).
   *
   * @param provider the provider to create the backend from
   * @param device the device's ordinal, from 0
   * @return the new backend
   * @throws IllegalArgumentException if the provider has no such device
   * @throws UnsupportedOperationException for a device past 0 of a backend of one device
   * @throws IllegalStateException if the provider is unavailable, with its reason
   */
  public static Backend create(BackendProvider provider, int device) {
    Availability a = provider.availability();
    if (!a.available()) {
      throw new IllegalStateException(
          "backend " + provider.name() + " is not available: " + a.reason());
    }
    return new Backend(provider, device == 0 ? provider.create() : provider.create(device));
  }

  @Override
  public Backend backend() {
    return this;
  }

  /**
   * The provider's name ({@code "cpu"}, {@code "cuda"}, {@code "nd4j"}), with the device past the
   * first ({@code "cuda:1"}).
   *
   * @return the name
   */
  public String name() {
    return kernels.name();
  }

  /**
   * The device, for people: "CPU (2 cores, Java 25)".
   *
   * @return a description of the device
   */
  public String device() {
    return kernels.device();
  }

  /**
   * The provider's priority: the default backend is the available one with the highest (see {@link
   * BackendProvider#priority()}).
   *
   * @return the priority
   */
  public int priority() {
    return provider.priority();
  }

  /**
   * How this backend runs {@link Nd#fuse fused} functions: as one kernel (and with what), or op by
   * op and why.
   *
   * @return the description
   */
  public String fusion() {
    return kernels.fusion();
  }

  /**
   * Bytes this backend holds for arrays and caches, and what the device reports.
   *
   * @return the memory figures
   */
  public MemoryInfo memoryInfo() {
    return kernels.memoryInfo();
  }

  /** Waits for all work launched on this backend (for timing; reads to the host wait anyway). */
  public void synchronize() {
    kernels.synchronize();
  }

  /**
   * Runs {@code work} and waits for the kernels it launched on this backend; returns their time in
   * milliseconds by the device's clock (CUDA events on cuda), or NaN on backends without one (time
   * those with the wall clock).
   *
   * @param work the work that launches kernels
   * @return the device milliseconds, or NaN
   */
  public double deviceMillis(Runnable work) {
    return kernels.deviceMillis(work);
  }

  /**
   * Number of buffers alive (held by arrays not yet closed or collected).
   *
   * @return the number of live buffers
   */
  public synchronized int liveBuffers() {
    return liveCount;
  }

  /**
   * Whether this backend runs {@code op} for loop dtype {@code dtype}.
   *
   * @param op the operation
   * @param dtype the loop dtype
   * @return whether the pair runs here
   */
  public boolean supports(Op op, DType dtype) {
    return kernels.supports(op, dtype);
  }

  /**
   * Makes an array of memory this backend's kernels already hold, for a backend's interop classes
   * (such as {@code Nd4jInterop.wrap}): the array takes over {@code buffer} and gives it back
   * through {@link Kernels#free} when its last view is closed or collected.
   *
   * @param dtype the element type
   * @param shape the array's shape
   * @return the new array
   * @param buffer a buffer this backend's kernels accept, not held by any other array
   * @param strides in elements, one per axis; negative and zero strides are allowed (zero makes the
   *     array read-only, as a broadcast view)
   * @param offset in elements
   * @throws IllegalArgumentException if shape and strides differ in length, a dimension is
   *     negative, or an addressed element lies outside the buffer
   */
  public NdArray adopt(
      io.ndj.spi.Buffer buffer, DType dtype, long[] shape, long[] strides, long offset) {
    if (shape.length != strides.length) {
      throw new IllegalArgumentException(
          "shape "
              + Shape.format(shape, ", ")
              + " and strides "
              + java.util.Arrays.toString(strides)
              + " differ in length");
    }
    long lo = offset;
    long hi = offset;
    boolean empty = false;
    boolean broadcast = false;
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] < 0) {
        throw new IllegalArgumentException(
            "negative dimensions are not allowed: " + Shape.format(shape, ", "));
      }
      empty |= shape[i] == 0;
      broadcast |= strides[i] == 0 && shape[i] > 1;
      long reach = (shape[i] - 1) * strides[i];
      lo += Math.min(0, reach);
      hi += Math.max(0, reach);
    }
    long capacity = buffer.byteSize() / dtype.itemsize();
    if (!empty && (lo < 0 || hi >= capacity)) {
      throw new IllegalArgumentException(
          "array "
              + Shape.format(shape, ", ")
              + " with strides "
              + java.util.Arrays.toString(strides)
              + " and offset "
              + offset
              + " reaches elements ["
              + lo
              + ", "
              + hi
              + "] outside a buffer of "
              + capacity
              + " "
              + dtype);
    }
    Storage s = new Storage(this, buffer);
    return new NdArray(s, dtype, shape.clone(), strides.clone(), offset, !broadcast, true);
  }

  /**
   * This backend's kernels, for ndj's own namespaces outside {@code io.ndj} ({@code io.ndj.linalg}
   * calls a backend's factorizations through it) and for interop classes: kernels run on {@link
   * NdArray#kernelView()}s of open arrays, which they do not check; user code has no need of them.
   *
   * @return the kernels
   */
  public Kernels kernels() {
    return kernels;
  }

  void require(Op op, DType dtype) {
    if (dtype.isComplex()) {
      // kernels see only real views: io.ndj runs complex arrays on their component floats
      throw new UnsupportedOperationException(
          op.numpyName()
              + " is not supported for "
              + dtype
              + " (ndj has no complex form of it yet)");
    }
    if (!kernels.supports(op, dtype)) {
      throw new UnsupportedOperationException(
          op.numpyName() + " is not supported for " + dtype + " on backend " + name());
    }
  }

  /**
   * A buffer for an array of {@code dtype} and {@code shape} ({@code bytes} bytes). Arrays dropped
   * without {@code close()} hold memory until the garbage collector finds them, which it does only
   * under heap pressure: so past the backend's {@link io.ndj.spi.Kernels#memoryLimit} of live
   * bytes, and after any failed allocation, ndj runs a collection, waits for their Cleaners and has
   * the backend give back what it caches, then retries.
   *
   * @throws NdOutOfMemoryException when the memory cannot be had even then
   */
  io.ndj.spi.Buffer allocate(long bytes, DType dtype, long[] shape) {
    long limit = kernels.memoryLimit();
    if (limit != Long.MAX_VALUE && overLimit(bytes, limit)) {
      collectDropped();
      synchronized (this) {
        // still over after a collection: what is live is held; collect again only after another
        // eighth of the limit
        reclaimFloor = liveBytes + bytes > limit ? liveBytes + bytes + limit / 8 : 0;
      }
    }
    OutOfMemoryError failure;
    try {
      return kernels.allocate(bytes, dtype);
    } catch (OutOfMemoryError e) {
      failure = e;
    }
    for (int round = 0; round < 2; round++) {
      kernels.releaseCached();
      collectDropped();
      kernels.releaseCached();
      try {
        return kernels.allocate(bytes, dtype);
      } catch (OutOfMemoryError e) {
        failure = e;
      }
    }
    throw new NdOutOfMemoryException(shape, dtype, bytes, name(), failure);
  }

  /**
   * Runs {@code call}, a kernel that may allocate working memory beyond its output; when the
   * backend runs out, collects the dropped arrays, has the backend give back what it caches and,
   * where {@code retry} (the call writes nothing its inputs hold), runs it once more.
   *
   * @throws NdOutOfMemoryException when the memory cannot be had even then
   */
  void withWorkingMemory(String op, NdArray in, boolean retry, Runnable call) {
    OutOfMemoryError failure;
    try {
      call.run();
      return;
    } catch (OutOfMemoryError e) {
      failure = e;
    }
    kernels.releaseCached();
    collectDropped();
    kernels.releaseCached();
    if (retry) {
      try {
        call.run();
        return;
      } catch (OutOfMemoryError e) {
        failure = e;
      }
    }
    throw new NdOutOfMemoryException(op, in.shape, in.dtype, name(), failure);
  }

  private synchronized boolean overLimit(long bytes, long limit) {
    long after = liveBytes + bytes;
    if (after <= limit) {
      reclaimFloor = 0;
      return false;
    }
    return after > reclaimFloor;
  }

  /**
   * Runs the garbage collector and waits (at most about half a second) for the Cleaners of the
   * arrays it found unreachable to give their buffers back, as the JDK does for direct buffers.
   */
  private void collectDropped() {
    long start = released();
    System.gc();
    long seen = start;
    for (long ms = 1; ms <= 256; ms *= 2) {
      try {
        Thread.sleep(ms);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      long now = released();
      if (now > start && now == seen) {
        return; // the Cleaners have caught up
      }
      seen = now;
    }
  }

  private synchronized long released() {
    return releasedCount;
  }

  synchronized void track(Storage.Release s) {
    liveBytes += s.buffer.byteSize();
    s.next = live;
    if (live != null) {
      live.prev = s;
    }
    live = s;
    liveCount++;
  }

  /** Once per tracked release (its Cleanable runs it once). */
  synchronized void untrack(Storage.Release s) {
    if (s.prev != null) {
      s.prev.next = s.next;
    } else {
      live = s.next;
    }
    if (s.next != null) {
      s.next.prev = s.prev;
    }
    s.prev = null;
    s.next = null;
    liveCount--;
    liveBytes -= s.buffer.byteSize();
    releasedCount++;
  }

  /**
   * Closes the backend's resources.
   *
   * @throws IllegalStateException if arrays still hold buffers ("memory was leaked"), after
   *     closing; with {@code -Dndj.debugAllocations=true} the message says where the first leaked
   *     buffer was allocated
   */
  @Override
  public void close() {
    int n;
    long bytes = 0;
    Storage.Release first;
    synchronized (this) {
      n = liveCount;
      first = live;
      for (Storage.Release r = live; r != null; r = r.next) {
        bytes += r.buffer.byteSize();
      }
    }
    kernels.close();
    if (n > 0) {
      IllegalStateException e =
          new IllegalStateException(
              "memory was leaked by backend "
                  + name()
                  + ": "
                  + n
                  + " buffers ("
                  + bytes
                  + " bytes)");
      if (first != null && first.allocatedAt != null) {
        e.initCause(first.allocatedAt);
      }
      throw e;
    }
  }

  @Override
  public String toString() {
    return name() + " [" + device() + "]";
  }
}
