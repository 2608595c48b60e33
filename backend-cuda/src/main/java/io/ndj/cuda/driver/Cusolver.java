package io.ndj.cuda.driver;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.List;

/**
 * NVIDIA's dense cuSOLVER (LU, Cholesky, QR, symmetric eigen and singular value decompositions:
 * getrf, getrs, potrf, geqrf, orgqr, syevd, gesvd in float32 and float64), bound with FFM to the
 * machine's libcusolver. One handle, on the driver's stream; workspaces are the caller's (from its
 * memory pool). Matrices are column-major, as LAPACK's.
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
  private final MethodHandle[] gesvdBuffer = new MethodHandle[2];
  private final MethodHandle[] gesvd = new MethodHandle[2];
  private final MethodHandle[] geqrfBuffer = new MethodHandle[2];
  private final MethodHandle[] geqrf = new MethodHandle[2];
  private final MethodHandle[] orgqrBuffer = new MethodHandle[2];
  private final MethodHandle[] orgqr = new MethodHandle[2];

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
    for (int i = 0; i < 2; i++) {
      gesvdBuffer[i] = f(lib, "cusolverDn" + p[i] + "gesvd_bufferSize", ADDRESS, INT, INT, ADDRESS);
      gesvd[i] =
          f(
              lib,
              "cusolverDn" + p[i] + "gesvd",
              ADDRESS,
              ValueLayout.JAVA_BYTE,
              ValueLayout.JAVA_BYTE,
              INT,
              INT,
              ADDRESS,
              INT,
              ADDRESS,
              ADDRESS,
              INT,
              ADDRESS,
              INT,
              ADDRESS,
              INT,
              ADDRESS,
              ADDRESS);
    }
    for (int i = 0; i < 2; i++) {
      geqrfBuffer[i] =
          f(
              lib,
              "cusolverDn" + p[i] + "geqrf_bufferSize",
              ADDRESS,
              INT,
              INT,
              ADDRESS,
              INT,
              ADDRESS);
      geqrf[i] =
          f(
              lib,
              "cusolverDn" + p[i] + "geqrf",
              ADDRESS,
              INT,
              INT,
              ADDRESS,
              INT,
              ADDRESS,
              ADDRESS,
              INT,
              ADDRESS);
      String org = i == 0 ? "cusolverDnSorgqr" : "cusolverDnDorgqr";
      orgqrBuffer[i] =
          f(lib, org + "_bufferSize", ADDRESS, INT, INT, INT, ADDRESS, INT, ADDRESS, ADDRESS);
      orgqr[i] = f(lib, org, ADDRESS, INT, INT, INT, ADDRESS, INT, ADDRESS, ADDRESS, INT, ADDRESS);
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

  /** A cuSOLVER call returning its status. */
  private interface Call {
    int run(Arena arena) throws Throwable;
  }

  /** Runs a call, its status checked; what it reads back it reads from arena memory. */
  private static void call(String name, Call c) {
    try (Arena arena = Arena.ofConfined()) {
      check(c.run(arena), name);
    } catch (CudaException e) {
      throw e;
    } catch (Throwable t) {
      throw new CudaException(name + ": " + t, -1);
    }
  }

  /** A workspace-size query: the int the call writes. */
  private interface Query {
    int run(MemorySegment lwork) throws Throwable;
  }

  private static int query(String name, Query q) {
    int[] out = new int[1];
    call(
        name,
        arena -> {
          MemorySegment lwork = arena.allocate(INT);
          int status = q.run(lwork);
          out[0] = lwork.get(INT, 0);
          return status;
        });
    return out[0];
  }

  private static MemorySegment at(DevicePtr p) {
    return MemorySegment.ofAddress(NativeLaunch.handle(p.raw));
  }

  /** getrf's workspace in elements, for an n x n matrix ({@code wide}: float64). */
  public int getrfWork(boolean wide, int n, DevicePtr a) {
    return query(
        "getrf_bufferSize",
        lwork -> (int) getrfBuffer[wide ? 1 : 0].invokeExact(handle, n, n, at(a), n, lwork));
  }

  /** LU with partial pivoting of the column-major n x n matrix a, in place. */
  public void getrf(
      boolean wide, int n, DevicePtr a, DevicePtr work, DevicePtr ipiv, DevicePtr info) {
    call(
        "getrf",
        arena ->
            (int)
                getrf[wide ? 1 : 0].invokeExact(
                    handle, n, n, at(a), n, at(work), at(ipiv), at(info)));
  }

  /** Solves op(A) X = B with getrf's factors; B column-major n x nrhs, overwritten by X. */
  public void getrs(
      boolean wide,
      int op,
      int n,
      int nrhs,
      DevicePtr lu,
      DevicePtr ipiv,
      DevicePtr b,
      DevicePtr info) {
    call(
        "getrs",
        arena ->
            (int)
                getrs[wide ? 1 : 0].invokeExact(
                    handle, op, n, nrhs, at(lu), n, at(ipiv), at(b), n, at(info)));
  }

  /** potrf's workspace in elements. */
  public int potrfWork(boolean wide, int uplo, int n, DevicePtr a) {
    return query(
        "potrf_bufferSize",
        lwork -> (int) potrfBuffer[wide ? 1 : 0].invokeExact(handle, uplo, n, at(a), n, lwork));
  }

  /** syevd's workspace in elements ({@code vectors}: CUSOLVER_EIG_MODE_VECTOR). */
  public int syevdWork(boolean wide, boolean vectors, int uplo, int n, DevicePtr a, DevicePtr w) {
    return query(
        "syevd_bufferSize",
        lwork ->
            (int)
                syevdBuffer[wide ? 1 : 0].invokeExact(
                    handle, vectors ? 1 : 0, uplo, n, at(a), n, at(w), lwork));
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
      DevicePtr a,
      DevicePtr w,
      DevicePtr work,
      int lwork,
      DevicePtr info) {
    call(
        "syevd",
        arena ->
            (int)
                syevd[wide ? 1 : 0].invokeExact(
                    handle, vectors ? 1 : 0, uplo, n, at(a), n, at(w), at(work), lwork, at(info)));
  }

  /** geqrf's workspace in elements, for an m x n column-major matrix. */
  public int geqrfWork(boolean wide, int m, int n, DevicePtr a) {
    return query(
        "geqrf_bufferSize",
        lwork -> (int) geqrfBuffer[wide ? 1 : 0].invokeExact(handle, m, n, at(a), m, lwork));
  }

  /**
   * QR of the column-major m x n matrix a in place (LAPACK's form: R on and above the diagonal, the
   * reflectors below it, their factors in tau).
   */
  public void geqrf(
      boolean wide,
      int m,
      int n,
      DevicePtr a,
      DevicePtr tau,
      DevicePtr work,
      int lwork,
      DevicePtr info) {
    call(
        "geqrf",
        arena ->
            (int)
                geqrf[wide ? 1 : 0].invokeExact(
                    handle, m, n, at(a), m, at(tau), at(work), lwork, at(info)));
  }

  /** orgqr's workspace in elements. */
  public int orgqrWork(boolean wide, int m, int n, int k, DevicePtr a, DevicePtr tau) {
    return query(
        "orgqr_bufferSize",
        lwork ->
            (int) orgqrBuffer[wide ? 1 : 0].invokeExact(handle, m, n, k, at(a), m, at(tau), lwork));
  }

  /** The first n columns of Q (m x n, in place of a) from geqrf's first k reflectors. */
  public void orgqr(
      boolean wide,
      int m,
      int n,
      int k,
      DevicePtr a,
      DevicePtr tau,
      DevicePtr work,
      int lwork,
      DevicePtr info) {
    call(
        "orgqr",
        arena ->
            (int)
                orgqr[wide ? 1 : 0].invokeExact(
                    handle, m, n, k, at(a), m, at(tau), at(work), lwork, at(info)));
  }

  /** gesvd's workspace in elements, for an m x n column-major matrix (m &gt;= n). */
  public int gesvdWork(boolean wide, int m, int n) {
    return query(
        "gesvd_bufferSize",
        lwork -> (int) gesvdBuffer[wide ? 1 : 0].invokeExact(handle, m, n, lwork));
  }

  /**
   * The singular value decomposition a = U diag(s) VT of the column-major m x n matrix a (m &gt;=
   * n; a is destroyed): {@code job} 'A' for square U (m x m) and VT (n x n), 'S' for U's first n
   * columns, 'N' for none (u and vt unused); s descending.
   */
  public void gesvd(
      boolean wide,
      char job,
      int m,
      int n,
      DevicePtr a,
      DevicePtr s,
      DevicePtr u,
      DevicePtr vt,
      DevicePtr work,
      int lwork,
      DevicePtr info) {
    byte jobu = (byte) job;
    byte jobvt = (byte) (job == 'N' ? 'N' : 'A');
    // invokeExact needs each argument's static type to be the handle's: no conditional expressions
    MemorySegment left = u == null ? MemorySegment.NULL : at(u);
    MemorySegment right = vt == null ? MemorySegment.NULL : at(vt);
    MemorySegment none = MemorySegment.NULL;
    call(
        "gesvd",
        arena ->
            (int)
                gesvd[wide ? 1 : 0].invokeExact(
                    handle, jobu, jobvt, m, n, at(a), m, at(s), left, m, right, n, at(work), lwork,
                    none, at(info)));
  }

  /** Cholesky of the column-major n x n matrix a's {@code uplo} triangle, in place. */
  public void potrf(
      boolean wide, int uplo, int n, DevicePtr a, DevicePtr work, int lwork, DevicePtr info) {
    call(
        "potrf",
        arena ->
            (int)
                potrf[wide ? 1 : 0].invokeExact(
                    handle, uplo, n, at(a), n, at(work), lwork, at(info)));
  }
}
