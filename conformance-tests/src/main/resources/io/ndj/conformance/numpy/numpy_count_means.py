"""Writes numpy-count-means.tsv beside this script: mean, var and std (and nanmean) by NumPy 2 where the count of
elements is no value of the array's dtype (float32 past 2^24 elements, float16 past 2048 and past 65504), so that
dividing by the count in the dtype itself gives other digits than NumPy's division by its intp count in float64.

Run with NumPy >= 2 from this folder:  python3 numpy_count_means.py > numpy-count-means.tsv   (deterministic)
Each line: dtype; n; x[0]; the value of every other element; the function; ddof; NumPy's result (repr of a float)."""
import warnings

import numpy as np

warnings.simplefilter('ignore')


def r(x):
    x = float(x)
    return repr(x) if np.isfinite(x) else ('nan' if np.isnan(x) else ('inf' if x > 0 else '-inf'))


CASES = [('float32', 2 ** 24 + 1, 1.0, 1.0), ('float32', 2 ** 24 + 3, 3.0, 0.5),
         ('float16', 3001, 1.0, 1.0), ('float16', 3001, 3.0, 1.0), ('float16', 2049, 0.25, 0.5),
         ('float16', 70000, 1.0, 1.0), ('float16', 300000, -900.0, -900.0)]
for dt, n, head, rest in CASES:
    x = np.full(n, rest, dtype=dt)
    x[0] = head
    for fn, ddof in [('mean', 0), ('nanmean', 0), ('var', 0), ('var', 1), ('std', 0)]:
        kw = {} if fn.endswith('mean') else {'ddof': ddof}
        print('\t'.join([dt, str(n), r(head), r(rest), fn, str(ddof), r(getattr(np, fn)(x, **kw))]))
