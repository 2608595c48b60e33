package io.ndj.cuda.driver;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.List;

/**
 * NVIDIA's cuFFT, bound with FFM to the machine's libcufft (JCuda 12.6's JCufft wants CUDA 12's
 * file names). Plans are made without their own work area ({@code cufftSetAutoAllocation(0)}): the
 * caller lends one from its memory pool for each execution. Every call runs on the driver's stream.
 */
public final class Cufft {
  private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
  private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;
  private static final ValueLayout ADDRESS = ValueLayout.ADDRESS;

  /** cufftType: complex64 to complex64, complex128 to complex128, and the real ones. */
  public static final int C2C = 0x29;

  public static final int Z2Z = 0x69;
  public static final int R2C = 0x2a;
  public static final int D2Z = 0x6a;
  public static final int C2R = 0x2c;
  public static final int Z2D = 0x6c;

  private final Path library;
  private final MethodHandle create;
  private final MethodHandle autoAllocation;
  private final MethodHandle makePlanMany64;
  private final MethodHandle makePlanMany;
  private final MethodHandle setWorkArea;
  private final MethodHandle setStream;
  private final MethodHandle execC2C;
  private final MethodHandle execZ2Z;
  private final MethodHandle execR2C;
  private final MethodHandle execD2Z;
  private final MethodHandle execC2R;
  private final MethodHandle execZ2D;
  private final MethodHandle destroy;
  private final int version;

  private Cufft(Path library, SymbolLookup lib) throws Throwable {
    this.library = library;
    create = handle(lib, "cufftCreate", ADDRESS);
    autoAllocation = handle(lib, "cufftSetAutoAllocation", INT, INT);
    makePlanMany64 =
        handle(
            lib,
            "cufftMakePlanMany64",
            INT,
            INT,
            ADDRESS,
            ADDRESS,
            LONG,
            LONG,
            ADDRESS,
            LONG,
            LONG,
            INT,
            LONG,
            ADDRESS);
    makePlanMany =
        handle(
            lib,
            "cufftMakePlanMany",
            INT,
            INT,
            ADDRESS,
            ADDRESS,
            INT,
            INT,
            ADDRESS,
            INT,
            INT,
            INT,
            INT,
            ADDRESS);
    setWorkArea = handle(lib, "cufftSetWorkArea", INT, ADDRESS);
    setStream = handle(lib, "cufftSetStream", INT, ADDRESS);
    execC2C = handle(lib, "cufftExecC2C", INT, ADDRESS, ADDRESS, INT);
    execZ2Z = handle(lib, "cufftExecZ2Z", INT, ADDRESS, ADDRESS, INT);
    execR2C = handle(lib, "cufftExecR2C", INT, ADDRESS, ADDRESS);
    execD2Z = handle(lib, "cufftExecD2Z", INT, ADDRESS, ADDRESS);
    execC2R = handle(lib, "cufftExecC2R", INT, ADDRESS, ADDRESS);
    execZ2D = handle(lib, "cufftExecZ2D", INT, ADDRESS, ADDRESS);
    destroy = handle(lib, "cufftDestroy", INT);
    MethodHandle v = handle(lib, "cufftGetVersion", ADDRESS);
    try (Arena a = Arena.ofConfined()) {
      MemorySegment out = a.allocate(INT);
      int r = (int) v.invokeExact(out);
      version = r == 0 ? out.get(INT, 0) : -1;
    }
  }

  private static MethodHandle handle(SymbolLookup lib, String name, ValueLayout... args) {
    return NativeLibrary.intFunction(lib, "libcufft", name, args);
  }

  /** The machine's libcufft ({@code NDJ_CUFFT} names a file), or null with the reasons. */
  public static Cufft load(List<String> whyNot) {
    if (!NativeLaunch.AVAILABLE) {
      whyNot.add("JCuda's device addresses are not readable (run with --add-opens for jcuda)");
      return null;
    }
    return NativeLibrary.load(
        "NDJ_CUFFT",
        new String[] {"libcufft.so.12", "libcufft.so.11", "libcufft.so"},
        "libcufft\\.so(\\.1[1-9])?",
        whyNot,
        Cufft::new);
  }

  /** Where the library was found, and its version: "/usr/local/cuda/... (cuFFT 12000)". */
  public String describe() {
    return library + " (cuFFT " + version + ")";
  }

  private static void check(int result, String call) {
    if (result != 0) {
      throw new CudaException(call + " failed: cufftResult " + result, result);
    }
  }

  /** A plan and the work area it needs, in bytes. */
  public record Plan(int handle, long workBytes) {}

  /**
   * A batched plan on the driver's stream: {@code batch} transforms of {@code dims} (1 to 3 of
   * them, outermost first). With null embeds the basic layout: each transform's values packed in C
   * order, one transform after another. With embeds (1-d only) the advanced one: element k of
   * transform b at {@code b * idist + k * istride} (in elements), output likewise.
   */
  public Plan plan(
      Driver driver,
      long[] dims,
      long[] inembed,
      long istride,
      long idist,
      long[] onembed,
      long ostride,
      long odist,
      int type,
      long batch) {
    driver.makeCurrent();
    try (Arena a = Arena.ofConfined()) {
      MemorySegment h = a.allocate(INT);
      check((int) create.invokeExact(h), "cufftCreate");
      int plan = h.get(INT, 0);
      try {
        check((int) autoAllocation.invokeExact(plan, 0), "cufftSetAutoAllocation");
        MemorySegment work = a.allocate(LONG);
        if (fitsInt(dims, inembed, onembed, istride, idist, ostride, odist, batch)) {
          // the 32-bit entry point where every number fits: CuPy's, and cuFFT's most travelled
          MemorySegment n = a.allocateFrom(INT, ints(dims));
          MemorySegment in =
              inembed == null ? MemorySegment.NULL : a.allocateFrom(INT, ints(inembed));
          MemorySegment out =
              onembed == null ? MemorySegment.NULL : a.allocateFrom(INT, ints(onembed));
          check(
              (int)
                  makePlanMany.invokeExact(
                      plan,
                      dims.length,
                      n,
                      in,
                      (int) istride,
                      (int) idist,
                      out,
                      (int) ostride,
                      (int) odist,
                      type,
                      (int) batch,
                      work),
              "cufftMakePlanMany");
        } else {
          MemorySegment n = a.allocateFrom(LONG, dims);
          MemorySegment in = inembed == null ? MemorySegment.NULL : a.allocateFrom(LONG, inembed);
          MemorySegment out = onembed == null ? MemorySegment.NULL : a.allocateFrom(LONG, onembed);
          check(
              (int)
                  makePlanMany64.invokeExact(
                      plan,
                      dims.length,
                      n,
                      in,
                      istride,
                      idist,
                      out,
                      ostride,
                      odist,
                      type,
                      batch,
                      work),
              "cufftMakePlanMany64");
        }
        check(
            (int) setStream.invokeExact(plan, MemorySegment.ofAddress(driver.streamHandle())),
            "cufftSetStream");
        return new Plan(plan, work.get(LONG, 0));
      } catch (Throwable t) {
        destroy(plan);
        throw t instanceof CudaException c ? c : new CudaException("cufft plan: " + t, -1);
      }
    } catch (CudaException e) {
      throw e;
    } catch (Throwable t) {
      throw new CudaException("cufftCreate: " + t, -1);
    }
  }

  private static boolean fitsInt(long[] dims, long[] inembed, long[] onembed, long... values) {
    long total = 1;
    for (long d : dims) {
      total *= d;
    }
    for (long v : values) {
      if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
        return false;
      }
    }
    return total * Math.max(values[values.length - 1], 1) < Integer.MAX_VALUE
        && (inembed == null || inembed[0] < Integer.MAX_VALUE)
        && (onembed == null || onembed[0] < Integer.MAX_VALUE);
  }

  private static int[] ints(long[] v) {
    int[] r = new int[v.length];
    for (int i = 0; i < v.length; i++) {
      r[i] = (int) v[i];
    }
    return r;
  }

  /** Destroys a plan (errors ignored: it is being dropped). */
  public void destroy(int plan) {
    try {
      int ignored = (int) destroy.invokeExact(plan);
    } catch (Throwable t) {
      // dropping a plan cannot be helped further
    }
  }

  /** Gives a plan its work area for every later run (CuPy's plans hold theirs likewise). */
  public void setWorkArea(Plan plan, DevicePtr work) {
    try {
      check(
          (int)
              setWorkArea.invokeExact(
                  plan.handle(), MemorySegment.ofAddress(NativeLaunch.handle(work.raw))),
          "cufftSetWorkArea");
    } catch (CudaException e) {
      throw e;
    } catch (Throwable t) {
      throw new CudaException("cufftSetWorkArea: " + t, -1);
    }
  }

  /**
   * Runs a plan of {@code type} from {@code in} to {@code out} (device addresses with byte
   * offsets), on the work area it was given; {@code inverse} picks CUFFT_INVERSE for the
   * complex-to-complex types.
   */
  public void exec(Plan plan, int type, DevicePtr in, DevicePtr out, boolean inverse) {
    try {
      MemorySegment i = MemorySegment.ofAddress(NativeLaunch.handle(in.raw));
      MemorySegment o = MemorySegment.ofAddress(NativeLaunch.handle(out.raw));
      int h = plan.handle();
      int dir = inverse ? 1 : -1;
      int r =
          switch (type) {
            case C2C -> (int) execC2C.invokeExact(h, i, o, dir);
            case Z2Z -> (int) execZ2Z.invokeExact(h, i, o, dir);
            case R2C -> (int) execR2C.invokeExact(h, i, o);
            case D2Z -> (int) execD2Z.invokeExact(h, i, o);
            case C2R -> (int) execC2R.invokeExact(h, i, o);
            case Z2D -> (int) execZ2D.invokeExact(h, i, o);
            default -> throw new IllegalArgumentException("cufftType " + type);
          };
      check(r, "cufftExec");
    } catch (CudaException e) {
      throw e;
    } catch (Throwable t) {
      throw new CudaException("cufftExec: " + t, -1);
    }
  }
}
