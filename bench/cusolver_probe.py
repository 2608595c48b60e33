"""Where CuPy's cholesky, det, inv and solve spend their time: raw cuSOLVER calls through CuPy's bindings beside
CuPy's own functions, on the GPU machine (CUDA events, median of 7; float64, n = 8192):

    python3 bench/cusolver_probe.py        (python3 bench/cusolver_probe.py qr: qr's parts)

Prints CuPy's cholesky, a copy and a tril of the matrix, dpotrf on the upper and on the lower triangle (workspace
size, ms), dgetrf, and CuPy's det, inv, solve and a stack of 10,000 8x8 solves. On an H100 80GB HBM3 (2026-12-07)
potrf's lower triangle ran in 7.28 ms against 14.09 for the upper one that CuPy (and ndj until then) uses."""
import statistics, sys, cupy as cp, numpy as np
from cupy_backends.cuda.libs import cusolver, cublas
from cupy.cuda import device
def t(f, reps=7, before=None):
    f(); cp.cuda.Device().synchronize()
    s, e = cp.cuda.Event(), cp.cuda.Event(); ts=[]
    for _ in range(reps):
        if before: before()
        s.record(); f(); e.record(); e.synchronize(); ts.append(cp.cuda.get_elapsed_time(s, e))
    return statistics.median(ts)
n=8192
rng=np.random.default_rng(1)
a=cp.asarray(rng.normal(0,1,(n,n)))
spd=a.T@a + n*cp.eye(n)
h=device.get_cusolver_handle()
x=spd.copy()
info=cp.empty(1,'i')
if sys.argv[1:] == ['qr']:  # CuPy's qr beside cuSOLVER's geqrf and orgqr and the copies around them
    print('cupy qr', t(lambda: cp.linalg.qr(a)))
    print('cupy qr r', t(lambda: cp.linalg.qr(a, mode='r')))
    print('transpose copy', t(lambda: cp.ascontiguousarray(a.T)))
    print('triu', t(lambda: cp.triu(a)))
    print('copy', t(lambda: cp.copyto(x, a)))
    tau=cp.empty(n,'d')
    lw=cusolver.dgeqrf_bufferSize(h, n, n, x.data.ptr, n); w=cp.empty(lw,'d')
    print('geqrf', lw, t(lambda: cusolver.dgeqrf(h, n, n, x.data.ptr, n, tau.data.ptr, w.data.ptr, lw, info.data.ptr), before=lambda: cp.copyto(x, a)))
    lo=cusolver.dorgqr_bufferSize(h, n, n, n, x.data.ptr, n, tau.data.ptr); wo=cp.empty(lo,'d')
    y=x.copy()
    print('orgqr', lo, t(lambda: cusolver.dorgqr(h, n, n, n, x.data.ptr, n, tau.data.ptr, wo.data.ptr, lo, info.data.ptr), before=lambda: cp.copyto(x, y)))
    sys.exit(0)
print('cupy cholesky', t(lambda: cp.linalg.cholesky(spd)))
print('copy', t(lambda: cp.copyto(x, spd)))
print('tril', t(lambda: cp.tril(x)))
for name, uplo in (('UPPER', cublas.CUBLAS_FILL_MODE_UPPER), ('LOWER', cublas.CUBLAS_FILL_MODE_LOWER)):
    lw=cusolver.dpotrf_bufferSize(h, uplo, n, x.data.ptr, n); w=cp.empty(lw,'d')
    print('potrf', name, lw, t(lambda: cusolver.dpotrf(h, uplo, n, x.data.ptr, n, w.data.ptr, lw, info.data.ptr), before=lambda: cp.copyto(x, spd)))
lw=cusolver.dgetrf_bufferSize(h, n, n, x.data.ptr, n); w=cp.empty(lw,'d'); piv=cp.empty(n,'i')
print('getrf', t(lambda: cusolver.dgetrf(h, n, n, x.data.ptr, n, w.data.ptr, piv.data.ptr, info.data.ptr), before=lambda: cp.copyto(x, a)))
print('cupy det', t(lambda: cp.linalg.det(a)))
print('cupy inv', t(lambda: cp.linalg.inv(a)))
print('cupy solve', t(lambda: cp.linalg.solve(a, a[0])))
many=cp.asarray(rng.normal(0,1,(10_000,8,8))); rhs8=cp.asarray(rng.normal(0,1,(10_000,8,1)))
print('cupy batched 8x8', t(lambda: cp.linalg.solve(many, rhs8), reps=30))
