package io.ndj.cuda.driver;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.List;
import jcuda.driver.CUdeviceptr;

/**
 * NVIDIA's dense cuSOLVER (LU and Cholesky: getrf, getrs, potrf in float32 and float64), bound with
 * FFM to the machine's libcusolver. One handle, on the driver's stream; workspaces are the caller's
 * (from its memory pool). Matrices are column-major, as LAPACK's.
 */
public final class Cusolver {
  private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
  private static final java.lang.foreign.AddressLayout ADDRESS = ValueLayout.ADDRESS;

  /** cublasOperation_t and cublasFillMode_t. */
  public static final int OP_N = 0;

  public static final int OP_T = 1;
  public static final int LOWER = 0;
  public static final int UPPER = 1;

  private final Path library;
  private final MemorySegment handle;
  private final MethodHandle[] getrfBuffer = new MethodHandle[2];
  private final MethodHandle[] getrf = new MethodHandle[2];
  private final MethodHandle[] getrs = new MethodHandle[2];
  private final MethodHandle[] potrfBuffer = new MethodHandle[2];
  private final MethodHandle[] potrf = new MethodHandle[2];
  private final MethodHandle[] syevdBuffer = new MethodHandle[2];
  private final MethodHandle[] syevd = new MethodHandle[2];

  private Cusolver(Path library, SymbolLookup lib, Driver driver) throws Throwable {
    this.library = library;
    String[] p = {"S", "D"};
    for (int i = 0; i < 2; i++) {
      getrfBuffer[i] =
          f(
              lib,
              "cusolverDn" + p[i] + "getrf_bufferSize",
              ADDRESS,
              INT,
              INT,
              ADDRESS,
              INT,
              ADDRESS);
      getrf[i] =
          f(
              lib,
              "cusolverDn" + p[i] + "getrf",
              ADDRESS,
              INT,
              INT,
              ADDRESS,
              INT,
              ADDRESS,
              ADDRESS,
              ADDRESS);
      getrs[i] =
          f(
              lib,
              "cusolverDn" + p[i] + "getrs",
              ADDRESS,
              INT,
              INT,
              INT,
              ADDRESS,
              INT,
              ADDRESS,
              ADDRESS,
              INT,
              ADDRESS);
      potrfBuffer[i] =
          f(
              lib,
              "cusolverDn" + p[i] + "potrf_bufferSize",
              ADDRESS,
              INT,
              INT,
              ADDRESS,
              INT,
              ADDRESS);
      potrf[i] =
          f(
              lib,
              "cusolverDn" + p[i] + "potrf",
              ADDRESS,
              INT,
              INT,
              ADDRESS,
              INT,
              ADDRESS,
              INT,
              ADDRESS);
    }
    for (int i = 0; i < 2; i++) {
      syevdBuffer[i] =
          f(
              lib,
              "cusolverDn" + p[i] + "syevd_bufferSize",
              ADDRESS,
              INT,
              INT,
              INT,
              ADDRESS,
              INT,
              ADDRESS,
              ADDRESS);
      syevd[i] =
          f(
              lib,
              "cusolverDn" + p[i] + "syevd",
              ADDRESS,
              INT,
              INT,
              INT,
              ADDRESS,
              INT,
              ADDRESS,
              ADDRESS,
              INT,
              ADDRESS);
    }
    MethodHandle create = f(lib, "cusolverDnCreate", ADDRESS);
    MethodHandle setStream = f(lib, "cusolverDnSetStream", ADDRESS, ADDRESS);
    driver.makeCurrent();
    try (Arena a = Arena.ofConfined()) {
      MemorySegment h = a.allocate(ADDRESS);
      check((int) create.invokeExact(h), "cusolverDnCreate");
      handle = h.get(ADDRESS, 0);
    }
    check(
        (int) setStream.invokeExact(handle, MemorySegment.ofAddress(driver.streamHandle())),
        "cusolverDnSetStream");
  }

  private static MethodHandle f(SymbolLookup lib, String name, ValueLayout... args) {
    return NativeLibrary.intFunction(lib, "libcusolver", name, args);
  }

  /** The machine's libcusolver ({@code NDJ_CUSOLVER} names a file), or null with the reasons. */
  public static Cusolver load(Driver driver, List<String> whyNot) {
    if (!NativeLaunch.AVAILABLE) {
      whyNot.add("JCuda's device addresses are not readable (run with --add-opens for jcuda)");
      return null;
    }
    return NativeLibrary.load(
        "NDJ_CUSOLVER",
        new String[] {"libcusolver.so.12", "libcusolver.so.11", "libcusolver.so"},
        "libcusolver\\.so(\\.1[1-9])?",
        whyNot,
        (path, lib) -> new Cusolver(path, lib, driver));
  }

  /** Where the library was found. */
  public String describe() {
    return library.toString();
  }

  private static void check(int status, String call) {
    if (status != 0) {
      throw new CudaException(call + " failed: cusolverStatus " + status, status);
    }
  }

  private static MemorySegment at(CUdeviceptr p) {
    return MemorySegment.ofAddress(NativeLaunch.handle(p));
  }

  /** getrf's workspace in elements, for an n x n matrix ({@code wide}: float64). */
  public int getrfWork(boolean wide, int n, CUdeviceptr a) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment lwork = arena.allocate(INT);
      check(
          (int) getrfBuffer[wide ? 1 : 0].invokeExact(handle, n, n, at(a), n, lwork),
          "getrf_bufferSize");
      return lwork.get(INT, 0);
    } catch (CudaException e) {
      throw e;
    } catch (Throwable t) {
      throw new CudaException("getrf_bufferSize: " + t, -1);
    }
  }

  /** LU with partial pivoting of the column-major n x n matrix a, in place. */
  public void getrf(
      boolean wide, int n, CUdeviceptr a, CUdeviceptr work, CUdeviceptr ipiv, CUdeviceptr info) {
    try {
      check(
          (int)
              getrf[wide ? 1 : 0].invokeExact(handle, n, n, at(a), n, at(work), at(ipiv), at(info)),
          "getrf");
    } catch (CudaException e) {
      throw e;
    } catch (Throwable t) {
      throw new CudaException("getrf: " + t, -1);
    }
  }

  /** Solves op(A) X = B with getrf's factors; B column-major n x nrhs, overwritten by X. */
  public void getrs(
      boolean wide,
      int op,
      int n,
      int nrhs,
      CUdeviceptr lu,
      CUdeviceptr ipiv,
      CUdeviceptr b,
      CUdeviceptr info) {
    try {
      check(
          (int)
              getrs[wide ? 1 : 0].invokeExact(
                  handle, op, n, nrhs, at(lu), n, at(ipiv), at(b), n, at(info)),
          "getrs");
    } catch (CudaException e) {
      throw e;
    } catch (Throwable t) {
      throw new CudaException("getrs: " + t, -1);
    }
  }

  /** potrf's workspace in elements. */
  public int potrfWork(boolean wide, int uplo, int n, CUdeviceptr a) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment lwork = arena.allocate(INT);
      check(
          (int) potrfBuffer[wide ? 1 : 0].invokeExact(handle, uplo, n, at(a), n, lwork),
          "potrf_bufferSize");
      return lwork.get(INT, 0);
    } catch (CudaException e) {
      throw e;
    } catch (Throwable t) {
      throw new CudaException("potrf_bufferSize: " + t, -1);
    }
  }

  /** syevd's workspace in elements ({@code vectors}: CUSOLVER_EIG_MODE_VECTOR). */
  public int syevdWork(
      boolean wide, boolean vectors, int uplo, int n, CUdeviceptr a, CUdeviceptr w) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment lwork = arena.allocate(INT);
      check(
          (int)
              syevdBuffer[wide ? 1 : 0].invokeExact(
                  handle, vectors ? 1 : 0, uplo, n, at(a), n, at(w), lwork),
          "syevd_bufferSize");
      return lwork.get(INT, 0);
    } catch (CudaException e) {
      throw e;
    } catch (Throwable t) {
      throw new CudaException("syevd_bufferSize: " + t, -1);
    }
  }

  /**
   * Eigenvalues (ascending, into w) and, where {@code vectors}, eigenvectors (a's columns, in
   * place) of the symmetric column-major matrix a's {@code uplo} triangle.
   */
  public void syevd(
      boolean wide,
      boolean vectors,
      int uplo,
      int n,
      CUdeviceptr a,
      CUdeviceptr w,
      CUdeviceptr work,
      int lwork,
      CUdeviceptr info) {
    try {
      check(
          (int)
              syevd[wide ? 1 : 0].invokeExact(
                  handle, vectors ? 1 : 0, uplo, n, at(a), n, at(w), at(work), lwork, at(info)),
          "syevd");
    } catch (CudaException e) {
      throw e;
    } catch (Throwable t) {
      throw new CudaException("syevd: " + t, -1);
    }
  }

  /** Cholesky of the column-major n x n matrix a's {@code uplo} triangle, in place. */
  public void potrf(
      boolean wide, int uplo, int n, CUdeviceptr a, CUdeviceptr work, int lwork, CUdeviceptr info) {
    try {
      check(
          (int)
              potrf[wide ? 1 : 0].invokeExact(handle, uplo, n, at(a), n, at(work), lwork, at(info)),
          "potrf");
    } catch (CudaException e) {
      throw e;
    } catch (Throwable t) {
      throw new CudaException("potrf: " + t, -1);
    }
  }
}
