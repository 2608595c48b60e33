"""ndj's FFT rows (#27) against NumPy (host rows) and CuPy (GPU rows), side by side in one run:

    python3 bench/fft_compare.py cuda       (after ../shared/gpu/pack; on the GPU machine)
    python3 bench/fft_compare.py cpu        (here: ./ndj's cpu backend against NumPy's pocketfft;
                                             add --bundle to run the packed .gpu/ bundle instead)

Runs io.ndj.cli.FftBench for the backend, times the same transforms with CuPy (cuFFT) or NumPy (median of 7
after two warm-ups; the GPU's results stay on the device, synchronised), and prints ms and the ratio
(peer ms / ndj ms: > 1 means ndj is faster)."""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from side_by_side import print_rows, run_ndj, timed as timed_reps  # noqa: E402

backend = sys.argv[1] if len(sys.argv) > 1 else 'cpu'
REPS = 7


def timed(f, sync=lambda: None, before=lambda: None):
    return timed_reps(f, REPS, sync, before)


def peer_rows():
    if backend == 'cpu' or backend == 'nd4j':
        rng = np.random.default_rng(1)
        x = rng.normal(0, 1, 1 << 20) + 1j * rng.normal(0, 1, 1 << 20)
        y = (rng.normal(0, 1, 4096 * 4096) + 1j * rng.normal(0, 1, 4096 * 4096)).reshape(4096, 4096)
        return 'numpy', {'c2c': timed(lambda: np.fft.fft(x)), 'fft2': timed(lambda: np.fft.fft2(y))}
    import cupy as cp
    sync = cp.cuda.Device().synchronize
    rng = cp.random.default_rng(1)

    def cplx(n):
        return (rng.standard_normal(n, dtype=cp.float32) + 1j * rng.standard_normal(n, dtype=cp.float32)).astype(cp.complex64)
    out = {}
    x = cplx(1 << 24)
    out['c2c'] = timed(lambda: cp.fft.fft(x), sync)
    del x
    x = cplx(65536 * 1024).reshape(65536, 1024)
    out['batched'] = timed(lambda: cp.fft.fft(x), sync)
    del x
    x = cplx(1 << 26).reshape(1 << 25, 2)
    out['pairs'] = timed(lambda: cp.fft.fft(x), sync)
    del x
    x = cplx(8192 * 8192).reshape(8192, 8192)
    out['fft2'] = timed(lambda: cp.fft.fft2(x), sync)
    del x
    x = rng.random(100_000_000, dtype=cp.float32)
    out['rfft'] = timed(lambda: cp.fft.rfft(x), sync)
    spectrum = cp.fft.rfft(x)
    out['irfft'] = timed(lambda: cp.fft.irfft(spectrum), sync)
    del x, spectrum
    x = cplx(1 << 22)
    cache = cp.fft.config.get_plan_cache()
    out['first call'] = timed(lambda: cp.fft.fft(x), sync, before=cache.clear)
    return 'cupy', out


ndj = run_ndj('fft-bench', backend, REPS)
peer, theirs = peer_rows()
print_rows(ndj, peer, theirs)
