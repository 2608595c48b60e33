"""How close cuFFT runs to the copy bandwidth on small batched transforms (#27: "our own kernels where they
measure faster (small batched sizes)"): for each length n from 2 to 4096, a C-order stack of 2^26 / n complex64
signals (2^25 / n complex128) transformed along the last axis by cuFFT (through CuPy, its plan cached after the
warm-up; its exec into a kept output, and CuPy's whole call, which adds a copy), beside a device-to-device copy of
the same bytes. A kernel of our own reads and writes every byte at least once too, so the copy's time is the floor it
could reach: the last column is the most it could gain over cuFFT.

    python3 bench/fft_small.py          (on the GPU machine)"""
import os
import sys

import cupy as cp
import cupyx.scipy.fftpack

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import side_by_side  # noqa: E402


t = side_by_side.device_ms


print(f'cupy {cp.__version__} on {cp.cuda.runtime.getDeviceProperties(0)["name"].decode()}')
print(f"{'dtype':10s} {'n':>6s} {'batch':>9s} {'exec ms':>9s} {'cupy ms':>9s} {'copy ms':>9s} {'GB/s':>8s}"
      f" {'copy/exec':>10s}")
for dt, total in ((cp.complex64, 1 << 26), (cp.complex128, 1 << 25)):
    x = (cp.random.standard_normal(total, dtype=cp.float32 if dt == cp.complex64 else cp.float64)
         .astype(dt))
    y = cp.empty_like(x)
    copy = t(lambda: cp.copyto(y, x))
    for logn in range(1, 13):
        n = 1 << logn
        v = x.reshape(total // n, n)
        out = y.reshape(total // n, n)
        plan = cupyx.scipy.fftpack.get_fft_plan(v, axes=-1)
        run = t(lambda: plan.fft(v, out, cp.cuda.cufft.CUFFT_FORWARD))  # cuFFT's exec alone
        whole = t(lambda: cp.fft.fft(v, axis=-1))  # CuPy's call: its own copies and allocation too
        gbs = 2 * x.nbytes / run / 1e6
        print(f'{cp.dtype(dt).name:10s} {n:6d} {total // n:9d} {run:9.3f} {whole:9.3f} {copy:9.3f} {gbs:8.0f}'
              f' {copy / run:10.2f}')
