"""The Philox generator's standard_normal, uniform, poisson and binomial against NumPy's and CuPy's default generators, in one call:

    python3 bench/random_compare.py [BACKEND [N]]     (cuda: after ../shared/gpu/pack, on the GPU machine; cpu: here)

Runs io.ndj.cli.RandomBench (arrays made and left on the backend, synchronized), times the same draws with
NumPy's default_rng (host) and CuPy's default random module (GPU), medians of 5 after warm-ups, and prints the
ratios (> 1 means ndj is faster) and ndj's write bandwidth (GB/s of output), beside the card's (a CuPy fill of as
many values). NDJ_SKIP_NUMPY=1 leaves NumPy out (its 1e8 rows take a minute)."""
import os
import subprocess
import sys

import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
import side_by_side  # noqa: E402
root = os.path.dirname(here)
be = sys.argv[1] if len(sys.argv) > 1 else 'cuda'
n = int(float(sys.argv[2])) if len(sys.argv) > 2 else (100_000_000 if be == 'cuda' else 10_000_000)


def timed(f, sync=lambda: None, reps=5):
    try:
        return side_by_side.timed(f, reps, sync)
    except (AttributeError, NotImplementedError, TypeError):  # a distribution this peer does not have
        return float('nan')


bundle = be == 'cuda' or not os.path.isdir(os.path.join(root, 'cli', 'target', 'classes'))
cmd = (['bash', os.path.join(root, '.gpu', 'java'), 'io.ndj.cli.RandomBench', be, '5', str(n)] if bundle
       else [os.path.join(root, 'ndj'), 'random-bench', be, '5', str(n)])
out = subprocess.run(cmd, capture_output=True, text=True)
ndj = {}
count = {}
for line in out.stdout.splitlines():
    f = line.split()
    if len(f) >= 6 and f[-1] == 'ms':
        ndj[(f[0], f[1])] = float(f[4])
        count[(f[0], f[1])] = int(f[2])
m = max(1, n // 10)
if out.returncode != 0:
    print(out.stdout, out.stderr)
rng = np.random.default_rng(1)
rates = np.random.default_rng(2).uniform(0, 100, m)  # a rate per value
peers = {} if os.environ.get('NDJ_SKIP_NUMPY') else {'numpy': {
    ('standard_normal', 'float32'): timed(lambda: rng.standard_normal(n, dtype=np.float32)),
    ('standard_normal', 'float64'): timed(lambda: rng.standard_normal(n)),
    ('uniform', 'float64'): timed(lambda: rng.uniform(0, 1, n)),
    ('numpy_random', 'float64'): timed(lambda: rng.random(n)),
    ('poisson(5)', 'int64'): timed(lambda: rng.poisson(5, m)),
    ('poisson(100)', 'int64'): timed(lambda: rng.poisson(100, m)),
    ('poisson(rates)', 'int64'): timed(lambda: rng.poisson(rates)),
    ('binomial(20,.3)', 'int64'): timed(lambda: rng.binomial(20, 0.3, m)),
    ('binomial(1000,.4)', 'int64'): timed(lambda: rng.binomial(1000, 0.4, m)),
}}
try:
    import cupy as cp
    sync = cp.cuda.Device().synchronize
    crng = cp.random.default_rng(1)
    crates = cp.asarray(rates)
    peers['cupy'] = {
        ('standard_normal', 'float32'): timed(lambda: crng.standard_normal(n, dtype=cp.float32), sync),
        ('standard_normal', 'float64'): timed(lambda: crng.standard_normal(n), sync),
        ('uniform', 'float64'): timed(lambda: crng.uniform(0, 1, n), sync),
        ('numpy_random', 'float64'): timed(lambda: crng.random(n), sync),
        ('poisson(5)', 'int64'): timed(lambda: crng.poisson(5, m), sync),
        ('poisson(100)', 'int64'): timed(lambda: crng.poisson(100, m), sync),
        ('poisson(rates)', 'int64'): timed(lambda: crng.poisson(crates), sync),
        ('binomial(20,.3)', 'int64'): timed(lambda: crng.binomial(20, 0.3, m), sync),
        ('binomial(1000,.4)', 'int64'): timed(lambda: crng.binomial(1000, 0.4, m), sync),
    }
    legacy = {
        ('standard_normal', 'float32'): timed(lambda: cp.random.standard_normal(n, dtype=cp.float32), sync),
        ('standard_normal', 'float64'): timed(lambda: cp.random.standard_normal(n), sync),
        ('uniform', 'float64'): timed(lambda: cp.random.uniform(0, 1, n), sync),
        ('numpy_random', 'float64'): timed(lambda: cp.random.random(n), sync),
        ('poisson(5)', 'int64'): timed(lambda: cp.random.poisson(5, m), sync),
        ('poisson(100)', 'int64'): timed(lambda: cp.random.poisson(100, m), sync),
        ('poisson(rates)', 'int64'): timed(lambda: cp.random.poisson(crates), sync),
        ('binomial(20,.3)', 'int64'): timed(lambda: cp.random.binomial(20, 0.3, m), sync),
        ('binomial(1000,.4)', 'int64'): timed(lambda: cp.random.binomial(1000, 0.4, m), sync),
    }
    peers['cupy-legacy'] = legacy
    for dt, size in (('float32', 4), ('float64', 8)):  # the card's write bandwidth: a fill of as many values
        buf = cp.empty(n, dtype=dt)
        fill = timed(lambda: buf.fill(1), sync)
        print(f'write bandwidth: fill of {n} {dt} {fill:.3f} ms, {n * size / fill / 1e6:.0f} GB/s')
        del buf
except ImportError:
    pass
print(f'n = {n}, backend {be}')
print(f"{'row':16s} {'dtype':8s} {'ndj ms':>9s} {'GB/s':>7s} "
      + ' '.join(f'{p + " ms":>15s} {p + "/ndj":>15s}' for p in peers))
for (row, dt), ms in ndj.items():
    gbs = count[(row, dt)] * (4 if dt == 'float32' else 8) / ms / 1e6
    cells = ' '.join(f'{peers[p][(row, dt)]:15.3f} {peers[p][(row, dt)] / ms:15.2f}' for p in peers)
    print(f'{row:16s} {dt:8s} {ms:9.3f} {gbs:7.1f} {cells}')
