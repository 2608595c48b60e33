"""Writes numpy-print-fuzz.tsv beside this script: str(x) by NumPy 2 for random float16/32/64 arrays of every
magnitude (0-d, 1-d and 2-d; NaN, inf, signed zeros, rounded values), the cases where the choice between positional
and scientific notation, the digits shown and the padding are easiest to get wrong.

Run with NumPy >= 2 from this folder:  python3 numpy_print_fuzz.py > numpy-print-fuzz.tsv   (deterministic)
Each line: dtype; the values (repr of each as a Python float, C order); the shape; str(x) with newlines as \\n."""
import warnings

import numpy as np

warnings.simplefilter('ignore')
rng = np.random.default_rng(20261206)
lines = []
for i in range(1500):
    t = str(rng.choice(['float16', 'float32', 'float64']))
    shape = [(), (1,), (2,), (3,), (4,), (7,), (2, 3), (3, 2), (1, 4), (4, 9)][int(rng.integers(10))]
    n = int(np.prod(shape))
    lo, hi = (-7, 5) if t == 'float16' else ((-12, 12) if t == 'float32' else (-20, 20))
    spread = int(rng.integers(0, 6))
    e = rng.integers(lo, hi, 1) + rng.integers(-spread, spread + 1, n)
    v = rng.choice([1, -1], n) * rng.random(n) * 10.0 ** np.clip(e, lo, hi)
    if rng.random() < 0.3:
        v = np.round(v, int(rng.integers(0, 4)))
    if rng.random() < 0.15:
        v[int(rng.integers(n))] = rng.choice([np.nan, np.inf, -np.inf, 0.0, -0.0])
    a = v.astype(t).reshape(shape)
    vals = ','.join(repr(float(x)) if np.isfinite(x) else ('nan' if np.isnan(x) else ('inf' if x > 0 else '-inf'))
                    for x in a.reshape(-1))
    lines.append('\t'.join([t, vals, ','.join(map(str, shape)), str(a).replace('\n', '\\n')]))
print('\n'.join(lines))
