package io.ndj.cuda.driver;

import java.lang.foreign.MemorySegment;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUevent;
import jcuda.driver.CUevent_flags;
import jcuda.driver.CUfunction;
import jcuda.driver.CUfunction_attribute;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.CUstream;
import jcuda.driver.JCudaDriver;

/**
 * Every JCuda call of ndj, one step per method. Each driver result is checked: a failure becomes a
 * {@link CudaException} naming the call and the error ({@code cuMemAlloc failed:
 * CUDA_ERROR_OUT_OF_MEMORY}).
 */
public final class Driver {
  private final CUdevice device = new CUdevice();
  private final CUcontext context = new CUcontext();
  private final CUstream stream = new CUstream();
  private CUmodule module;

  /**
   * How many devices the driver sees (after {@code CUDA_VISIBLE_DEVICES}).
   *
   * @return the count
   */
  public static int deviceCount() {
    check(JCudaDriver.cuInit(0), "cuInit");
    int[] count = new int[1];
    check(JCudaDriver.cuDeviceGetCount(count), "cuDeviceGetCount");
    return count[0];
  }

  /** The context's and the stream's native handles, for {@link NativeLaunch}. */
  private final long contextHandle;

  private final long streamHandle;

  /** Initialises the driver, retains device 0's primary context and creates the stream. */
  public Driver() {
    this(0);
  }

  /**
   * Initialises the driver, retains the primary context of device {@code ordinal} (as the driver
   * counts them, after {@code CUDA_VISIBLE_DEVICES}) and creates the stream.
   *
   * @throws IllegalArgumentException if there is no such device, naming how many there are
   */
  public Driver(int ordinal) {
    int count = deviceCount();
    if (count == 0) {
      throw new CudaException("no CUDA device");
    }
    if (ordinal < 0 || ordinal >= count) {
      String visible = System.getenv("CUDA_VISIBLE_DEVICES");
      throw new IllegalArgumentException(
          "backend cuda has "
              + count
              + (count == 1 ? " device" : " devices")
              + " here"
              + (visible == null ? "" : " (CUDA_VISIBLE_DEVICES=" + visible + ")")
              + "; there is no device "
              + ordinal);
    }
    check(JCudaDriver.cuDeviceGet(device, ordinal), "cuDeviceGet");
    check(JCudaDriver.cuDevicePrimaryCtxRetain(context, device), "cuDevicePrimaryCtxRetain");
    contextHandle = NativeLaunch.AVAILABLE ? NativeLaunch.handle(context) : 0;
    makeCurrent();
    check(JCudaDriver.cuStreamCreate(stream, 0), "cuStreamCreate");
    streamHandle = NativeLaunch.AVAILABLE ? NativeLaunch.handle(stream) : 0;
  }

  /**
   * The stream's native handle (cudaStream_t for NVIDIA's libraries); 0 without {@link
   * NativeLaunch}.
   */
  public long streamHandle() {
    return streamHandle;
  }

  /** Whether JCuda's native handles and device addresses can be read (FFM libraries need them). */
  public static boolean nativeHandles() {
    return NativeLaunch.AVAILABLE;
  }

  static void check(int result, String call) {
    if (result != CUresult.CUDA_SUCCESS) {
      throw new CudaException(call + " failed: " + CUresult.stringFor(result), result);
    }
  }

  /** Contexts are per thread in the driver: every entry point calls this first. */
  public void makeCurrent() {
    if (NativeLaunch.AVAILABLE) {
      check(NativeLaunch.setCurrent(contextHandle), "cuCtxSetCurrent");
    } else {
      check(JCudaDriver.cuCtxSetCurrent(context), "cuCtxSetCurrent");
    }
  }

  public void loadModule(byte[] image) {
    module = new CUmodule();
    check(JCudaDriver.cuModuleLoadData(module, image), "cuModuleLoadData");
  }

  /**
   * Loads {@code image} (a cubin or PTX made at run time) as a module of its own and returns its
   * kernel {@code name}; the module lives until this driver closes.
   */
  public Function loadFunction(byte[] image, String name) {
    makeCurrent();
    CUmodule m = new CUmodule();
    check(JCudaDriver.cuModuleLoadData(m, image), "cuModuleLoadData");
    synchronized (extraModules) {
      extraModules.add(m);
    }
    CUfunction f = new CUfunction();
    check(JCudaDriver.cuModuleGetFunction(f, m, name), "cuModuleGetFunction(" + name + ")");
    return new Function(f);
  }

  private final java.util.List<CUmodule> extraModules = new java.util.ArrayList<>();

  public Function function(String name) {
    CUfunction f = new CUfunction();
    check(JCudaDriver.cuModuleGetFunction(f, module, name), "cuModuleGetFunction(" + name + ")");
    return new Function(f);
  }

  /** Launches on the backend's stream; returns without waiting. */
  public void launch(Function f, int blocks, int threads, Args params) {
    launch2d(f, blocks, 1, threads, 0, params);
  }

  /** Launches a 2-d grid of 1-d blocks on the backend's stream. */
  public void launch2d(Function f, int blocksX, int blocksY, int threads, Args params) {
    launch2d(f, blocksX, blocksY, threads, 0, params);
  }

  /**
   * Launches a 2-d grid with {@code sharedBytes} of dynamic shared memory (see {@link
   * #allowShared}).
   */
  public void launch2d(
      Function f, int blocksX, int blocksY, int threads, int sharedBytes, Args params) {
    launch3d(f, blocksX, blocksY, 1, threads, sharedBytes, params);
  }

  /**
   * What a launch the driver refuses with CUDA_ERROR_OUT_OF_MEMORY runs before it tries once more:
   * the driver reserves a kernel's local memory (its stack, for every thread the device can hold)
   * when the kernel first needs more than it reserved, and device memory held by the backend's pool
   * leaves no room for it. The backend frees its pool's cached blocks.
   *
   * @param release frees what the backend caches
   */
  public void onLaunchOutOfMemory(Runnable release) {
    this.onLaunchOutOfMemory = release;
  }

  private volatile Runnable onLaunchOutOfMemory;

  /** Launches a 3-d grid of 1-d blocks with {@code sharedBytes} of dynamic shared memory. */
  public void launch3d(
      Function f,
      int blocksX,
      int blocksY,
      int blocksZ,
      int threads,
      int sharedBytes,
      Args params) {
    try {
      launchOnce(f, blocksX, blocksY, blocksZ, threads, sharedBytes, params);
    } catch (CudaException e) {
      Runnable release = onLaunchOutOfMemory;
      if (e.result() != CUresult.CUDA_ERROR_OUT_OF_MEMORY || release == null) {
        throw e;
      }
      release.run();
      launchOnce(f, blocksX, blocksY, blocksZ, threads, sharedBytes, params);
    }
  }

  private void launchOnce(
      Function f,
      int blocksX,
      int blocksY,
      int blocksZ,
      int threads,
      int sharedBytes,
      Args params) {
    if (NativeLaunch.AVAILABLE
        && NativeLaunch.launch(
            NativeLaunch.handle(f.raw),
            blocksX,
            blocksY,
            blocksZ,
            threads,
            sharedBytes,
            streamHandle,
            params.values)) {
      return;
    }
    check(
        JCudaDriver.cuLaunchKernel(
            f.raw,
            blocksX,
            blocksY,
            blocksZ,
            threads,
            1,
            1,
            sharedBytes,
            stream,
            params.pointer(),
            null),
        "cuLaunchKernel");
  }

  /**
   * Lets {@code f} use up to {@code bytes} of dynamic shared memory (beyond the default 48 KiB).
   */
  public void allowShared(Function f, int bytes) {
    check(
        JCudaDriver.cuFuncSetAttribute(
            f.raw, CUfunction_attribute.CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES, bytes),
        "cuFuncSetAttribute");
  }

  /** Device memory, or null when the device is out of memory (other errors throw). */
  public DevicePtr alloc(long bytes) {
    CUdeviceptr p = new CUdeviceptr();
    int r = JCudaDriver.cuMemAlloc(p, bytes);
    if (r == CUresult.CUDA_ERROR_OUT_OF_MEMORY) {
      return null;
    }
    check(r, "cuMemAlloc(" + bytes + ")");
    return new DevicePtr(p);
  }

  public void free(DevicePtr p) {
    check(JCudaDriver.cuMemFree(p.raw), "cuMemFree");
  }

  /** Pinned host memory, as a segment. */
  public MemorySegment allocPinned(long bytes) {
    Pointer p = new Pointer();
    check(JCudaDriver.cuMemHostAlloc(p, bytes, 0), "cuMemHostAlloc(" + bytes + ")");
    return MemorySegment.ofBuffer(p.getByteBuffer(0, bytes));
  }

  /** Zeroes device memory, in stream order. */
  public void zero(DevicePtr p, long bytes) {
    check(JCudaDriver.cuMemsetD8Async(p.raw, (byte) 0, bytes, stream), "cuMemsetD8Async");
  }

  public void freePinned(MemorySegment pinned) {
    check(JCudaDriver.cuMemFreeHost(Pointer.to(pinned.asByteBuffer())), "cuMemFreeHost");
  }

  public void copyToDevice(DevicePtr dst, long dstOffset, MemorySegment pinned, long bytes) {
    check(
        JCudaDriver.cuMemcpyHtoDAsync(
            dst.raw.withByteOffset(dstOffset), Pointer.to(pinned.asByteBuffer()), bytes, stream),
        "cuMemcpyHtoDAsync");
  }

  public void copyToHost(MemorySegment pinned, DevicePtr src, long srcOffset, long bytes) {
    check(
        JCudaDriver.cuMemcpyDtoHAsync(
            Pointer.to(pinned.asByteBuffer()), src.raw.withByteOffset(srcOffset), bytes, stream),
        "cuMemcpyDtoHAsync");
  }

  /** An event for ordering host work after stream work (no timing). */
  public Event event() {
    CUevent e = new CUevent();
    check(JCudaDriver.cuEventCreate(e, CUevent_flags.CU_EVENT_DISABLE_TIMING), "cuEventCreate");
    return new Event(e);
  }

  /** Marks the stream's current end with {@code e}. */
  public void record(Event e) {
    check(JCudaDriver.cuEventRecord(e.raw, stream), "cuEventRecord");
  }

  /** Waits until the work before {@code e}'s last record is done (at once if never recorded). */
  public void await(Event e) {
    check(JCudaDriver.cuEventSynchronize(e.raw), "cuEventSynchronize");
  }

  public void synchronize() {
    check(JCudaDriver.cuStreamSynchronize(stream), "cuStreamSynchronize");
  }

  /**
   * Milliseconds between two timing events recorded around {@code work} on the stream, after
   * waiting for it.
   */
  public double elapsedMillis(Runnable work) {
    CUevent start = new CUevent();
    CUevent end = new CUevent();
    check(JCudaDriver.cuEventCreate(start, CUevent_flags.CU_EVENT_DEFAULT), "cuEventCreate");
    try {
      check(JCudaDriver.cuEventCreate(end, CUevent_flags.CU_EVENT_DEFAULT), "cuEventCreate");
      try {
        check(JCudaDriver.cuEventRecord(start, stream), "cuEventRecord");
        work.run();
        check(JCudaDriver.cuEventRecord(end, stream), "cuEventRecord");
        check(JCudaDriver.cuEventSynchronize(end), "cuEventSynchronize");
        float[] ms = new float[1];
        check(JCudaDriver.cuEventElapsedTime(ms, start, end), "cuEventElapsedTime");
        return ms[0];
      } finally {
        JCudaDriver.cuEventDestroy(end);
      }
    } finally {
      JCudaDriver.cuEventDestroy(start);
    }
  }

  /**
   * Sets the context's stack limit a thread (CU_LIMIT_STACK_SIZE): the driver reserves that much
   * local memory for every thread the device can hold, and grows it at the launch of a kernel that
   * needs more.
   *
   * @param bytes the stack a thread
   */
  public void stackLimit(long bytes) {
    makeCurrent();
    check(
        JCudaDriver.cuCtxSetLimit(jcuda.driver.CUlimit.CU_LIMIT_STACK_SIZE, bytes),
        "cuCtxSetLimit");
  }

  /** {free, total} device memory in bytes. */
  public long[] memInfo() {
    long[] free = new long[1];
    long[] total = new long[1];
    check(JCudaDriver.cuMemGetInfo(free, total), "cuMemGetInfo");
    return new long[] {free[0], total[0]};
  }

  /** The driver's CUDA version, as {@code cuDriverGetVersion} gives it (13000 for 13.0). */
  public int driverVersion() {
    int[] v = new int[1];
    check(JCudaDriver.cuDriverGetVersion(v), "cuDriverGetVersion");
    return v[0];
  }

  public String deviceName() {
    byte[] name = new byte[256];
    check(JCudaDriver.cuDeviceGetName(name, name.length, device), "cuDeviceGetName");
    int n = 0;
    while (n < name.length && name[n] != 0) {
      n++;
    }
    return new String(name, 0, n, java.nio.charset.StandardCharsets.US_ASCII);
  }

  public int attribute(int attribute) {
    int[] v = new int[1];
    check(JCudaDriver.cuDeviceGetAttribute(v, attribute, device), "cuDeviceGetAttribute");
    return v[0];
  }

  public String computeCapability() {
    return attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR)
        + "."
        + attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
  }

  public int multiprocessors() {
    return attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT);
  }

  public void close() {
    makeCurrent();
    synchronize();
    check(JCudaDriver.cuDevicePrimaryCtxRelease(device), "cuDevicePrimaryCtxRelease");
  }

  /**
   * Whether kernels launch through FFM straight into libcuda (else through JCuda; {@code
   * -Dndj.cuda.jcudaLaunch=true} forces that, for comparison): a small op's host time 11-18 us
   * through JCuda, 4-5 us this way (H100 host).
   */
  public static boolean directLaunch() {
    return NativeLaunch.AVAILABLE;
  }

  /**
   * How kernels launch: directly, or through JCuda and why.
   *
   * @return the launch path, for people
   */
  public static String launchPath() {
    return NativeLaunch.STATUS;
  }

  /** A kernel's parameters: device pointers, Integer, Long, Double, or the bytes of a struct. */
  public static Args args(Object... values) {
    return new Args(values);
  }

  /** Parameters as given, marshalled for JCuda only when its launch is used. */
  public record Args(Object[] values) {
    Pointer pointer() {
      return pointers(values);
    }
  }

  private static Pointer pointers(Object... values) {
    Pointer[] ps = new Pointer[values.length];
    for (int i = 0; i < values.length; i++) {
      Object v = values[i];
      ps[i] =
          switch (v) {
            case DevicePtr d -> Pointer.to(d.raw);
            case Integer x -> Pointer.to(new int[] {x});
            case Long x -> Pointer.to(new long[] {x});
            case Double x -> Pointer.to(new double[] {x});
            case byte[] b -> Pointer.to(b);
            default ->
                throw new IllegalArgumentException("kernel argument of type " + v.getClass());
          };
    }
    return Pointer.to(ps);
  }
}
