"""ndj's linalg rows that a backend's own solver runs (#25) against CuPy (GPU) or NumPy (host), in one run:

    python3 bench/linalg_compare.py cuda    (after ../shared/gpu/pack; on the GPU machine)
    python3 bench/linalg_compare.py cpu     (here)

Runs io.ndj.cli.LinalgBench for the backend and times the same calls with CuPy (cuSOLVER) or NumPy (LAPACK):
solve of an n x n float64 system with one right-hand side, cholesky of an SPD matrix, inv, and eigh of an n/2 x n/2
SPD matrix (n = 8192 on a GPU, 2048 on the host), median of 5 after warm-up, and prints ms and the ratio (peer ms / ndj ms: > 1 means ndj is faster)."""
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
REPS = 5


def timed(f, sync=lambda: None):
    ts = []
    for i in range(REPS + 2):
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
    if backend in ('cpu', 'nd4j'):
        xp, sync, name, n = np, (lambda: None), 'numpy', 2048
    else:
        import cupy as xp
        sync, name, n = xp.cuda.Device().synchronize, 'cupy', 8192
    rng = np.random.default_rng(1)
    a = xp.asarray(rng.normal(0, 1, (n, n)))
    b = xp.asarray(rng.normal(0, 1, n))
    spd = a.T @ a + n * xp.eye(n)
    small = spd[:n // 2, :n // 2].copy()
    return name, {'solve': timed(lambda: xp.linalg.solve(a, b), sync),
                  'cholesky': timed(lambda: xp.linalg.cholesky(spd), sync),
                  'inv': timed(lambda: xp.linalg.inv(a), sync),
                  'eigh': timed(lambda: xp.linalg.eigh(small), sync)}


if backend == 'cuda' or '--bundle' in sys.argv:
    cmd = ['bash', os.path.join(root, '.gpu', 'java'), 'io.ndj.cli.Main', 'linalg-bench', backend, str(REPS)]
else:
    cmd = [os.path.join(root, 'ndj'), 'linalg-bench', backend, str(REPS)]
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
