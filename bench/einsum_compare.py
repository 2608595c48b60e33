"""ndj's einsum rows (#24) beside its own matmul and beside NumPy (host) or CuPy (GPU), in one run:

    python3 bench/einsum_compare.py cuda    (after ../shared/gpu/pack; on the GPU machine)
    python3 bench/einsum_compare.py cpu     (here)

Runs io.ndj.cli.EinsumBench for the backend and times the same calls with NumPy or CuPy: einsum('ij,jk->ik') and
matmul of n x n float32 (n = 4096 on a GPU, 1024 on the host), einsum('bij,bjk->bik') and the batched matmul
(64 x 512² on a GPU, 16 x 256² on the host), and 1024 x 64² float32 and float64 stacks; median of 15 after two warm-ups. Prints ms and the ratio peer ms / ndj
ms (> 1 means ndj is faster), then each ndj einsum over ndj's matmul of the same operands (1.00 means at matmul
speed)."""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from side_by_side import print_rows, run_ndj, timed  # noqa: E402

backend = sys.argv[1] if len(sys.argv) > 1 else 'cpu'
REPS = 15


def peer_rows():
    if backend in ('cpu', 'nd4j'):
        xp, sync, name, n, b, m = np, (lambda: None), 'numpy', 1024, 16, 256
    else:
        import cupy as xp
        sync, name, n, b, m = xp.cuda.Device().synchronize, 'cupy', 4096, 64, 512
    rng = np.random.default_rng(1)
    a = xp.asarray(rng.random((n, n), dtype=np.float32))
    x = xp.asarray(rng.random((b, m, m), dtype=np.float32))
    s32 = xp.asarray(rng.random((1024, 64, 64), dtype=np.float32))
    s64 = xp.asarray(rng.random((1024, 64, 64)))
    return name, {'matmul': timed(lambda: a @ a, REPS, sync),
                  'einsum_ij': timed(lambda: xp.einsum('ij,jk->ik', a, a), REPS, sync),
                  'matmul_b': timed(lambda: x @ x, REPS, sync),
                  'einsum_bij': timed(lambda: xp.einsum('bij,bjk->bik', x, x), REPS, sync),
                  'matmul_s32': timed(lambda: s32 @ s32, REPS, sync),
                  'matmul_s64': timed(lambda: s64 @ s64, REPS, sync)}


ndj = run_ndj('einsum-bench', backend, REPS)
peer, theirs = peer_rows()
print_rows(ndj, peer, theirs)
ms = {line.split()[0]: float(line.split()[-2]) for line in ndj.splitlines() if line.endswith(' ms')}
for e, m in [('einsum_ij', 'matmul'), ('einsum_bij', 'matmul_b')]:
    if e in ms and m in ms:
        print(f'ndj {e} at {ms[m] / ms[e]:.2f}x of ndj {m}')
