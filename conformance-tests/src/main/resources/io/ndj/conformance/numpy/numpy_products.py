"""Writes numpy-products.tsv beside this script: prod and cumprod by NumPy 2 where the dtype's own rounding decides
the answer: float32 products that overflow on the way are inf (NumPy multiplies in a float accumulator, one element
after another), a float16 line's product is kept in float until it is stored (1000 * 1000 * 0.001 is 1000.5, not inf).

Run with NumPy >= 2 from this folder:  python3 numpy_products.py > numpy-products.tsv   (deterministic)
Each line: dtype; values; shape; axis ('all' or one); function; NumPy's result (values, repr of floats)."""
import warnings

import numpy as np

warnings.simplefilter('ignore')


def r(x):
    x = float(x)
    return repr(x) if np.isfinite(x) else ('nan' if np.isnan(x) else ('inf' if x > 0 else '-inf'))


CASES = [('float32', [1e30, 1e30, 1e-30], (3,)), ('float32', [1e30, 1e30, 1e-30], (3, 1)),
         ('float32', [-3e38, 4.0, 0.1, 2.0], (4,)), ('float32', [1e-30, 1e-30, 1e30, 1e30], (4,)),
         ('float16', [1000.0, 1000.0, 0.001], (3,)), ('float16', [300.0, 300.0, 0.01, 0.01], (4,)),
         ('float64', [1e300, 1e300, 1e-300], (3,))]
for dt, vals, shape in CASES:
    x = np.array(vals, dtype=dt).reshape(shape)
    for fn, axis in [('prod', 'all'), ('prod', '0'), ('cumprod', '0')]:
        res = getattr(np, fn)(x, axis=None if axis == 'all' else int(axis))
        print('\t'.join([dt, ','.join(map(r, vals)), ','.join(map(str, shape)), axis, fn,
                         ','.join(map(r, np.ravel(res)))]))
