"""ndj's linalg rows that a backend's own solver runs (#25) against CuPy (GPU) or NumPy (host), in one run:

    python3 bench/linalg_compare.py cuda    (after ../shared/gpu/pack; on the GPU machine)
    python3 bench/linalg_compare.py cpu     (here)

Runs io.ndj.cli.LinalgBench for the backend and times the same calls with CuPy (cuSOLVER) or NumPy (LAPACK):
solve of an n x n float64 system with one right-hand side, cholesky of an SPD matrix, inv, det, eigh of an n/2 x n/2
SPD matrix (n = 8192 on a GPU, 2048 on the host) svd of an n/4 (GPU), n/2 (cpu) or n/8 (nd4j) square and qr of
the n x n (GPU) or the n/8 square, median of 5 after warm-up (of 101 for the batched row), and prints ms and the ratio (peer ms / ndj ms: > 1 means ndj is faster)."""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from side_by_side import print_rows, run_ndj, timed as timed_reps  # noqa: E402

backend = sys.argv[1] if len(sys.argv) > 1 else 'cpu'
REPS = 5
SMALL_REPS = 101  # the batched row's calls (LinalgBench.SMALL_REPS): a tenth of a millisecond each


def timed(f, sync=lambda: None, before=lambda: None):
    return timed_reps(f, REPS, sync, before)


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
    side = n // 4 if name == 'cupy' else n // 2 if backend == 'cpu' else n // 8
    square = a[:side, :side].copy()
    cut = a[:n // 8, :n // 8].copy()
    many = xp.asarray(rng.normal(0, 1, (10_000, 8, 8)))
    rhs8 = xp.asarray(rng.normal(0, 1, (10_000, 8, 1)))
    return name, {'solve': timed(lambda: xp.linalg.solve(a, b), sync),
                  'cholesky': timed(lambda: xp.linalg.cholesky(spd), sync),
                  'inv': timed(lambda: xp.linalg.inv(a), sync),
                  'det': timed(lambda: xp.linalg.det(a), sync),
                  'eigh': timed(lambda: xp.linalg.eigh(small), sync),
                  'svd': timed(lambda: xp.linalg.svd(square), sync),
                  'qr': timed(lambda: xp.linalg.qr(a if name == 'cupy' else cut), sync),
                  'batched': timed_reps(lambda: xp.linalg.solve(many, rhs8), SMALL_REPS, sync)}


ndj = run_ndj('linalg-bench', backend, REPS)
peer, theirs = peer_rows()
print_rows(ndj, peer, theirs)
