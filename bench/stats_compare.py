"""ndj's order statistics and counting rows against NumPy (host) and CuPy (GPU), in one device call:

    python3 bench/stats_compare.py [BACKEND...]     (cuda: after ../shared/gpu/pack, on the GPU machine; cpu: here)

Runs io.ndj.cli.StatsBench for each backend (default: cuda cpu), times the same expressions with NumPy and CuPy
(median of 5 after warm-ups (three for ndj: its JIT); each result brought to the host, as StatsBench does), and prints the ratios
(> 1 means ndj is faster)."""
import os
import subprocess
import sys
import time

import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
backends = sys.argv[1:] or ['cuda', 'cpu']
os.environ.pop('OPENBLAS_CORETYPE', None)
os.environ.pop('OPENBLAS_L2_SIZE', None)


def timed(f, sync=lambda: None, reps=5):
    f()
    sync()
    ts = []
    for _ in range(reps):
        sync()
        t0 = time.perf_counter()
        r = f()
        sync()
        ts.append((time.perf_counter() - t0) * 1e3)
    ts.sort()
    return ts[reps // 2]


def rows(xp, to_host, sync):
    rng = np.random.default_rng(1)
    x = xp.asarray(rng.normal(0, 1, 10_000_000))
    wn = x.copy()
    wn[::97] = np.nan
    counts = xp.asarray(rng.integers(0, 1000, 100_000_000))
    idx = xp.asarray(rng.integers(0, 1000, 10_000_000))
    ones = xp.ones(10_000_000)

    def add_at():
        z = xp.zeros(1000)
        if xp is np:
            np.add.at(z, idx, ones)
        else:
            xp.add.at(z, idx, ones)
        return to_host(z)
    return {
        'median': timed(lambda: to_host(xp.median(x)), sync),
        'percentile30': timed(lambda: to_host(xp.percentile(x, 30)), sync),
        'nanmedian': timed(lambda: to_host(xp.nanmedian(wn)), sync),
        'bincount': timed(lambda: to_host(xp.bincount(counts)), sync),
        'add.at': timed(add_at, sync),
    }


ndj = {}
for be in backends:
    # the GPU machine (no build there) runs the .gpu bundle; here ./ndj, built from the working tree
    bundle = be == 'cuda' or not os.path.isdir(os.path.join(root, 'cli', 'target', 'classes'))
    cmd = (['bash', os.path.join(root, '.gpu', 'java'), 'io.ndj.cli.StatsBench', be, '5'] if bundle
           else [os.path.join(root, 'ndj'), 'stats-bench', be, '5'])
    out = subprocess.run(cmd, capture_output=True, text=True)
    for line in out.stdout.splitlines():
        f = line.split()
        if len(f) >= 6 and f[-1] == 'ms':
            ndj[(f[0], f[3])] = float(f[4])
    if out.returncode != 0:
        print(out.stdout, out.stderr)
peers = {'numpy': rows(np, lambda a: a, lambda: None)}
try:
    import cupy as cp
    peers['cupy'] = rows(cp, cp.asnumpy, cp.cuda.Device().synchronize)
except ImportError:
    pass
print(f"{'row':14s} {'backend':8s} {'ndj ms':>10s} " + ' '.join(f'{p + " ms":>10s} {p + "/ndj":>10s}' for p in peers))
for (row, be), ms in ndj.items():
    cells = ' '.join(f'{peers[p][row]:10.3f} {peers[p][row] / ms:10.2f}' for p in peers)
    print(f'{row:14s} {be:8s} {ms:10.3f} {cells}')
