"""Writes numpy-sort-zeros.tsv beside this script: np.sort(kind='stable') by NumPy 2 of float arrays holding both
-0.0 and 0.0 (equal keys: their order in the input is kept), with NaN and other values beside them.

Run with NumPy >= 2 from this folder:  python3 numpy_sort_zeros.py > numpy-sort-zeros.tsv   (deterministic)
Each line: dtype; values (repr, C order, -0.0 kept); shape; axis; the sorted values (repr)."""
import numpy as np

rng = np.random.default_rng(20261211)
for i in range(60):
    t = ['float64', 'float32', 'float16'][i % 3]
    shape = [(7,), (12,), (3, 5), (4, 6), (40,), (2, 3, 4)][int(rng.integers(6))]
    n = int(np.prod(shape))
    v = rng.choice([0.0, -0.0, 0.0, -0.0, 1.5, -2.0, np.nan, 0.25], n)
    a = v.astype(t).reshape(shape)
    axis = int(rng.integers(-1, len(shape)))
    r = np.sort(a, axis=axis, kind='stable')
    rep = lambda x: ','.join('nan' if np.isnan(y) else repr(float(y)) for y in x.reshape(-1))
    print('\t'.join([t, rep(a), ','.join(map(str, shape)), str(axis), rep(r)]))
