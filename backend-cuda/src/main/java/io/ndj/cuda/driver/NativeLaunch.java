package io.ndj.cuda.driver;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import jcuda.NativePointerObject;
import jcuda.Pointer;

/**
 * cuLaunchKernel and cuCtxSetCurrent called straight into libcuda through the FFM API, with the
 * kernel's parameters written into a per-thread native block: JCuda's launch builds a Pointer per
 * argument and marshals them through JNI, most of a small op's host time. The handles are JCuda's
 * own (its objects' native pointers, read through private-field access, which the class path
 * allows); when any of this is unavailable (another platform, a different JCuda), {@link
 * #AVAILABLE} is false and the driver keeps JCuda's calls.
 */
final class NativeLaunch {
  static final boolean AVAILABLE;

  /** How kernels launch, and why not directly when they cannot: for {@code ./ndj info}. */
  static final String STATUS;

  private static final MethodHandle LAUNCH;
  private static final MethodHandle SET_CURRENT;
  private static final VarHandle NATIVE;
  private static final VarHandle OFFSET;

  /** Pointer slots, then the values they point at (each 8-byte aligned). */
  private static final int SLOTS = 64;

  private static final int BLOCK = 8192;
  private static final ThreadLocal<MemorySegment> PARAMS =
      ThreadLocal.withInitial(() -> Arena.global().allocate(BLOCK, 16));

  static {
    MethodHandle launch = null;
    MethodHandle setCurrent = null;
    VarHandle nativePointer = null;
    VarHandle byteOffset = null;
    boolean ok;
    String status;
    try {
      Linker linker = Linker.nativeLinker();
      SymbolLookup cuda = SymbolLookup.libraryLookup("libcuda.so.1", Arena.global());
      // handles and pointers as 64-bit integers: the same registers as pointers on the 64-bit ABIs
      ValueLayout.OfLong p = ValueLayout.JAVA_LONG;
      ValueLayout.OfInt u = ValueLayout.JAVA_INT;
      launch =
          linker.downcallHandle(
              cuda.find("cuLaunchKernel").orElseThrow(),
              FunctionDescriptor.of(u, p, u, u, u, u, u, u, u, p, p, p));
      setCurrent =
          linker.downcallHandle(
              cuda.find("cuCtxSetCurrent").orElseThrow(), FunctionDescriptor.of(u, p));
      nativePointer =
          MethodHandles.privateLookupIn(NativePointerObject.class, MethodHandles.lookup())
              .findVarHandle(NativePointerObject.class, "nativePointer", long.class);
      byteOffset =
          MethodHandles.privateLookupIn(Pointer.class, MethodHandles.lookup())
              .findVarHandle(Pointer.class, "byteOffset", long.class);
      ok = !Boolean.getBoolean("ndj.cuda.jcudaLaunch");
      status = ok ? "direct (FFM cuLaunchKernel)" : "through JCuda (-Dndj.cuda.jcudaLaunch=true)";
    } catch (Throwable t) {
      // not silent: ./ndj info shows the reason on the device line
      ok = false;
      status = "through JCuda (the FFM path cannot load: " + t + ")";
    }
    AVAILABLE = ok;
    STATUS = status;
    LAUNCH = launch;
    SET_CURRENT = setCurrent;
    NATIVE = nativePointer;
    OFFSET = byteOffset;
  }

  private NativeLaunch() {}

  /** The native handle (CUfunction, CUstream, CUcontext) or device address of a JCuda object. */
  static long handle(NativePointerObject o) {
    long h = (long) NATIVE.get(o);
    return o instanceof Pointer ptr ? h + (long) OFFSET.get(ptr) : h;
  }

  static int setCurrent(long context) {
    try {
      return (int) SET_CURRENT.invokeExact(context);
    } catch (Throwable t) {
      throw new CudaException("cuCtxSetCurrent failed: " + t);
    }
  }

  /**
   * Launches with the values as the kernel's parameters (device pointers, int, long, double, or the
   * bytes of a struct), or returns false when they do not fit the parameter block.
   */
  static boolean launch(
      long function,
      int gx,
      int gy,
      int gz,
      int threads,
      int shared,
      long stream,
      Object[] values) {
    MemorySegment block = PARAMS.get();
    if (values.length > SLOTS) {
      return false;
    }
    long base = block.address();
    long at = SLOTS * 8L;
    for (int i = 0; i < values.length; i++) {
      Object v = values[i];
      if (at + 8 > BLOCK) {
        return false;
      }
      int size;
      switch (v) {
        case DevicePtr d -> {
          block.set(ValueLayout.JAVA_LONG, at, handle(d.raw));
          size = 8;
        }
        case Integer x -> {
          block.set(ValueLayout.JAVA_INT, at, x);
          size = 4;
        }
        case Long x -> {
          block.set(ValueLayout.JAVA_LONG, at, x);
          size = 8;
        }
        case Double x -> {
          block.set(ValueLayout.JAVA_DOUBLE, at, x);
          size = 8;
        }
        case byte[] b -> {
          if (at + b.length > BLOCK) {
            return false;
          }
          MemorySegment.copy(b, 0, block, ValueLayout.JAVA_BYTE, at, b.length);
          size = b.length;
        }
        default -> throw new IllegalArgumentException("kernel argument of type " + v.getClass());
      }
      block.set(ValueLayout.JAVA_LONG, i * 8L, base + at);
      at += (size + 7) & ~7;
    }
    int r;
    try {
      r = (int) LAUNCH.invokeExact(function, gx, gy, gz, threads, 1, 1, shared, stream, base, 0L);
    } catch (Throwable t) {
      throw new CudaException("cuLaunchKernel failed: " + t);
    }
    Driver.check(r, "cuLaunchKernel");
    return true;
  }
}
