"""Writes numpy-frexp.tsv beside this script: np.frexp by NumPy 2 for every dtype ndj has.

Run with NumPy >= 2 from this folder:  python3 numpy_frexp.py > numpy-frexp.tsv   (deterministic)
Each line: the input dtype; its values (repr as Python floats); the mantissas' dtype; the mantissas; the exponents."""
import warnings

import numpy as np

warnings.simplefilter('ignore')
rng = np.random.default_rng(20261209)
SPECIAL = [0.0, -0.0, np.inf, -np.inf, np.nan, 1.0, -1.0, 0.5, 2.0 ** -1022, 5e-324, 1e-310, 1.7976931348623157e308,
           65504.0, 6e-08, 1e-45, 3.4028235e38]


def r(x):
    x = float(x)
    return repr(x) if np.isfinite(x) else ('nan' if np.isnan(x) else ('inf' if x > 0 else '-inf'))


for t in ['float64', 'float32', 'float16', 'int64', 'int32', 'int16', 'int8', 'uint8', 'bool']:
    for k in range(12):
        n = int(rng.integers(1, 9))
        if t.startswith('float'):
            v = rng.choice([1, -1], n) * rng.random(n) * 10.0 ** rng.integers(-320 if t == 'float64' else -45, 300 if t == 'float64' else 38, n)
            if k < 3:
                v = np.array(SPECIAL[k * 6:(k + 1) * 6] or SPECIAL[:6])
        elif t == 'bool':
            v = rng.integers(0, 2, n)
        else:
            info = np.iinfo(t)
            v = rng.integers(info.min, info.max, n, endpoint=True)
        a = np.array(v).astype(t)
        m, e = np.frexp(a)
        print('\t'.join([t, ','.join(r(x) for x in a), str(m.dtype), ','.join(r(x) for x in m),
                         ','.join(str(int(x)) for x in e)]))
