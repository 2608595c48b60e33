"""ndj's FFT rows (#27) against NumPy (host rows) and CuPy (GPU rows), side by side in one run:

    python3 bench/fft_compare.py cuda       (after ../shared/gpu/pack; on the GPU machine)
    python3 bench/fft_compare.py cpu        (here: ./ndj's cpu backend against NumPy's pocketfft;
                                             add --bundle to run the packed .gpu/ bundle instead)

Runs io.ndj.cli.FftBench for the backend, times the same transforms with CuPy (cuFFT) or NumPy (median of 7
after two warm-ups; the GPU's results stay on the device, synchronised), and prints ms and the ratio
(peer ms / ndj ms: > 1 means ndj is faster)."""
import os
import re
import subprocess
import sys
import time

import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
backend = sys.argv[1] if len(sys.argv) > 1 else 'cpu'
os.environ.pop('OPENBLAS_CORETYPE', None)
os.environ.pop('OPENBLAS_L2_SIZE', None)
REPS = 7


def timed(f, sync=lambda: None, before=lambda: None):
    ts = []
    for i in range(REPS + 2):
        before()
        sync()
        t0 = time.perf_counter()
        r = f()
        sync()
        if i >= 2:
            ts.append((time.perf_counter() - t0) * 1e3)
        del r
    ts.sort()
    return ts[REPS // 2]


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
    x = cplx(8192 * 8192).reshape(8192, 8192)
    out['fft2'] = timed(lambda: cp.fft.fft2(x), sync)
    del x
    x = rng.random(100_000_000, dtype=cp.float32)
    out['rfft'] = timed(lambda: cp.fft.rfft(x), sync)
    del x
    x = cplx(1 << 22)
    cache = cp.fft.config.get_plan_cache()
    out['first call'] = timed(lambda: cp.fft.fft(x), sync, before=cache.clear)
    return 'cupy', out


if backend == 'cuda' or '--bundle' in sys.argv:
    cmd = ['bash', os.path.join(root, '.gpu', 'java'), 'io.ndj.cli.Main', 'fft-bench', backend, str(REPS)]
else:
    cmd = [os.path.join(root, 'ndj'), 'fft-bench', backend, str(REPS)]
ndj = subprocess.run(cmd, capture_output=True, text=True)
if ndj.returncode != 0:
    sys.exit(ndj.stdout + ndj.stderr)
peer, theirs = peer_rows()
print(f"{'row':12s} {'dtype':10s} {'shape':12s} {'ndj ms':>10s} {peer + ' ms':>10s} {peer + '/ndj':>9s}")
for line in ndj.stdout.splitlines():
    m = re.match(r'(.{12}) (\S+)\s+(\S+)\s+\S+\s+(\S+) ms', line)
    if m:
        row = m.group(1).strip()
        ms = float(m.group(4))
        p = theirs.get(row, float('nan'))
        print(f"{row:12s} {m.group(2):10s} {m.group(3):12s} {ms:10.3f} {p:10.3f} {p / ms:8.2f}x")
