"""Writes conformance-tests/src/main/resources/io/ndj/conformance/numpy/numpy-reductions.tsv: reductions computed by NumPy 2 (the oracle).

Run with NumPy >= 2:  python3 conformance-tests/src/main/resources/io/ndj/conformance/numpy/numpy_reductions.py > conformance-tests/src/main/resources/io/ndj/conformance/numpy/numpy-reductions.tsv
Each line: label, op, dtype, values, shape, axes ('none' or comma list), keepdims, ddof, then 'ERR' and NumPy's
message, or the result's dtype, shape and values; last the relative tolerance."""
import math
import warnings

import numpy as np

warnings.simplefilter('ignore')
# (the unsigned types after the others, so the others' values stay as first drawn)
DT = ['bool', 'int8', 'int16', 'int32', 'int64', 'uint8', 'float16', 'float32', 'float64', 'uint16', 'uint32',
      'uint64']
OPS = ['sum', 'prod', 'min', 'max', 'mean', 'var', 'std', 'argmin', 'argmax', 'any', 'all']
rng = np.random.default_rng(7)


def fmt(vals):
    return ','.join('nan' if math.isnan(float(v)) else repr(float(v)) for v in vals)


def values(d, n):
    if d == 'bool':
        return rng.integers(0, 2, n).astype(float)
    if d == 'uint64':
        # a quarter past int64 (doubles hold these exactly): order and sums that wrap are unsigned
        v = rng.integers(0, 6, n).astype(float)
        return np.where(rng.integers(0, 4, n) == 0, 2.0**63 + 2048.0 * rng.integers(0, 3, n), v)
    if d.startswith('uint'):
        return rng.integers(0, 6, n).astype(float)
    if d.startswith('int'):
        return rng.integers(-5, 6, n).astype(float)
    return np.round(rng.normal(0, 3, n), 2)


def emit(label, op, d, vals, shape, axes, keep, ddof, res, tol):
    head = [label, op, d, fmt(vals), ','.join(map(str, shape)), 'none' if axes is None else
            ','.join(map(str, axes if isinstance(axes, tuple) else (axes,))), str(keep), str(ddof)]
    if isinstance(res, Exception):
        tail = ['ERR', str(res), '', '0']
    else:
        res = np.asarray(res)
        tail = [res.dtype.name, ','.join(map(str, res.shape)), fmt(res.ravel().tolist()), repr(tol)]
    print('\t'.join(head + tail))


for d in DT:
    for shape in [(2, 3, 4), (5,), (), (0, 3)]:
        n = int(np.prod(shape))
        vals = values(d, n)
        x = vals.astype(d).reshape(shape)
        axes_list = [None] + list(range(-1, len(shape))) + ([(0, 2)] if len(shape) == 3 else [])
        for op in OPS:
            for axes in axes_list:
                if op in ('argmin', 'argmax') and isinstance(axes, tuple):
                    continue
                for keep in (False, True):
                    for ddof in ((0, 1) if op in ('var', 'std') else (0,)):
                        kw = {'axis': axes, 'keepdims': keep}
                        if op in ('var', 'std'):
                            kw['ddof'] = ddof
                        try:
                            res = getattr(np, op)(x, **kw)
                        except Exception as e:
                            res = e
                        tol = 0.0 if op in ('min', 'max', 'argmin', 'argmax', 'any', 'all') or d != 'float16' and \
                            op in ('sum', 'prod') and not d.startswith('float') else \
                            (1e-2 if d == 'float16' else 1e-5 if d == 'float32' else 1e-12)
                        emit(f'{op} {d} {shape} axis={axes} keepdims={keep} ddof={ddof}', op, d, vals, shape,
                             axes, keep, ddof, res, tol)
