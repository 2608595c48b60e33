"""Writes numpy-stats.tsv beside this script: NaN-aware reductions and order statistics computed by NumPy 2.

Run with NumPy >= 2 from this folder:  python3 numpy_stats.py > numpy-stats.tsv   (deterministic)
Each line: label, function, dtype, values, shape, axes ('none', or a comma list; for nanargmin/nanargmax/nancumsum/
nancumprod one axis), keepdims, parameters (key=value;...: ddof, q or qs (a list: q as a float64 array), method),
then 'ERR' and NumPy's message, or the result's dtype, shape and values; last the relative tolerance (0: exact)."""
import warnings

import numpy as np

rng = np.random.default_rng(20261205)
ORDER = ['median', 'nanmedian', 'quantile', 'nanquantile', 'percentile', 'nanpercentile']
METHODS = ['linear', 'lower', 'higher', 'midpoint', 'nearest', 'inverted_cdf', 'averaged_inverted_cdf',
           'closest_observation', 'interpolated_inverted_cdf', 'hazen', 'weibull', 'median_unbiased',
           'normal_unbiased']


def fmt(v):
    return ','.join(repr(float(x)) if np.isfinite(x) else ('nan' if np.isnan(x) else ('inf' if x > 0 else '-inf'))
                    for x in np.asarray(v, dtype=np.float64).reshape(-1))


def values(dtype, shape, nan_rate, small):
    """Random values; small ones (-3..3) for products, which must not overflow: ndj's uint8 products are int64."""
    n = int(np.prod(shape, dtype=np.int64))
    if small and not dtype.startswith('float'):
        v = rng.integers(0 if dtype in ('uint8', 'bool') else -3, 4, n).astype(float)
    elif dtype.startswith('float'):
        v = np.round(rng.normal(0, 10, n), 2)
        v[rng.random(n) < nan_rate] = np.nan
        if n > 3 and rng.random() < 0.3:
            v[rng.integers(n)] = pick([np.inf, -np.inf, -0.0])
    elif dtype == 'bool':
        v = rng.integers(0, 2, n).astype(float)
    elif dtype == 'uint8':
        v = rng.integers(0, 200, n).astype(float)
    else:
        v = rng.integers(-100, 100, n).astype(float)
    return v


def pick(seq):
    return seq[int(rng.integers(len(seq)))]


def tol(fn, dtype):
    if fn in ('nansum', 'nanprod', 'nanmean', 'nanvar', 'nanstd', 'nancumsum', 'nancumprod'):
        return {'float16': 1e-2, 'float32': 1e-5}.get(dtype, 1e-12)
    return 0


def call(fn, x, axis, keepdims, p):
    f = getattr(np, fn)
    kw = {}
    if fn in ('nanargmin', 'nanargmax', 'nancumsum', 'nancumprod'):
        ax = None if axis is None else axis[0]
        if fn in ('nancumsum', 'nancumprod'):
            return f(x, axis=ax)
        return f(x, axis=ax, keepdims=keepdims) if ax is not None else f(x)
    kw['axis'] = None if axis is None else tuple(axis)
    kw['keepdims'] = keepdims
    if 'ddof' in p:
        kw['ddof'] = p['ddof']
    if fn in ORDER[2:]:
        q = p['q'] if 'q' in p else np.array(p['qs'])
        return f(x, q, method=p.get('method', 'linear'), **kw)
    return f(x, **kw)


SHAPES = [(7,), (8,), (2, 3, 4), (4, 5), (0,), (), (3, 0), (5, 1), (1,)]
FUNCS = ['nansum', 'nanprod', 'nanmean', 'nanvar', 'nanstd', 'nanmin', 'nanmax', 'nanargmin', 'nanargmax',
         'nancumsum', 'nancumprod'] + ORDER
lines = []
n = 0
for fn in FUNCS:
    for k in range(40 if fn in ORDER else 16):
        dtype = pick(['float64', 'float64', 'float32', 'float16', 'int64', 'int8', 'uint8', 'int32']
                     + (['bool'] if fn not in ('nanvar', 'nanstd') else []))
        shape = pick(SHAPES)
        nan_rate = pick([0.0, 0.15, 0.4, 1.0]) if fn.startswith('nan') else pick([0.0, 0.0, 0.1])
        v = values(dtype, shape, nan_rate, 'prod' in fn)
        x = v.reshape(shape).astype(dtype)
        nd = len(shape)
        if fn in ('nanargmin', 'nanargmax', 'nancumsum', 'nancumprod'):
            axis = None if nd == 0 or rng.random() < 0.4 else [int(rng.integers(-nd, nd))]
        elif nd == 0 or rng.random() < 0.3:
            axis = None
        else:
            axes = sorted(set(int(a) for a in rng.integers(0, nd, int(rng.integers(1, nd + 1)))))
            axis = [a - nd if rng.random() < 0.3 else a for a in axes]
        keepdims = bool(rng.random() < 0.3)
        p = {}
        if fn in ('nanvar', 'nanstd'):
            p['ddof'] = int(rng.integers(0, 3))
        if fn in ORDER[2:]:
            scale = 100 if 'percentile' in fn else 1
            if rng.random() < 0.25:
                p['qs'] = [float(round(rng.random(), 3) * scale) for _ in range(int(rng.integers(1, 4)))]
            else:
                p['q'] = pick([0.0, 1.0, 0.5, 0.25, float(round(rng.random(), 3))]) * scale
            p['method'] = pick(METHODS[6:] + METHODS)
        params = ';'.join('%s=%s' % (key, ','.join(map(repr, val)) if isinstance(val, list) else repr(val)
                                     if isinstance(val, float) else val) for key, val in p.items())
        label = '%s %s %s axis=%s keepdims=%s %s' % (fn, dtype, shape, axis, keepdims, params)
        row = [label, fn, dtype, fmt(v), ','.join(map(str, shape)), 'none' if axis is None
               else ','.join(map(str, axis)), str(keepdims), params]
        try:
            with warnings.catch_warnings():
                warnings.simplefilter('ignore')
                r = np.asarray(call(fn, x, axis, keepdims, p))
            row += [r.dtype.name, ','.join(map(str, r.shape)), fmt(r)]
        except Exception as e:
            row += ['ERR', str(e), '']
        row.append(repr(tol(fn, dtype)))
        lines.append('\t'.join(row))
        n += 1
# the corners: empty slices and errors, all-NaN slices, infinities at the ends
for fn, dtype, v, shape, axis, p in [
        ('quantile', 'float64', [], (0,), None, 'q=0.5'),
        ('quantile', 'float64', [1, 2], (2,), None, 'q=1.5'),
        ('percentile', 'float64', [1, 2], (2,), None, 'q=-1.0'),
        ('quantile', 'float64', [1, 2], (2,), None, 'q=0.5;method=foo'),
        ('median', 'float64', [], (0,), None, ''),
        ('nanmedian', 'float64', [np.nan, np.nan, 1, 2], (2, 2), [1], ''),
        ('nanquantile', 'float32', [np.nan, np.nan, 1, 2], (2, 2), [1], 'q=0.5'),
        ('quantile', 'float64', [1, np.inf], (2,), None, 'q=1.0'),
        ('quantile', 'float64', [np.inf, np.inf], (2,), None, 'q=0.5'),
        ('median', 'float64', [np.inf, -np.inf], (2,), None, ''),
        ('quantile', 'int8', [-100, 100], (2,), None, 'q=0.5'),
        ('nanmin', 'float64', [], (0,), None, ''),
        ('nanmax', 'float32', [], (0, 3), [1], ''),
        ('nanmin', 'float32', [], (0, 3), [0], ''),
        ('nanargmin', 'float64', [np.nan, np.nan], (2,), None, ''),
        ('nanargmax', 'float64', [1, np.nan, np.nan, np.nan], (2, 2), [1], ''),
        ('nanargmin', 'float64', [], (0,), None, ''),
        ('nanvar', 'float64', [1, np.nan], (2,), None, 'ddof=1'),
        ('nanmean', 'float32', [np.nan], (1,), None, ''),
        ('median', 'float16', [65504, 65504], (2,), None, ''),
        ('median', 'int64', [2**53 + 1, 2**53 + 3], (2,), None, '')]:
    x = np.array(v, dtype=np.float64).reshape(shape).astype(dtype)
    params = dict(item.split('=') for item in p.split(';') if item)
    pp = {k2: (float(v2) if k2 in ('q',) else int(v2) if k2 == 'ddof' else v2) for k2, v2 in params.items()}
    label = 'corner %s %s %s axis=%s %s' % (fn, dtype, shape, axis, p)
    row = [label, fn, dtype, fmt(x), ','.join(map(str, shape)), 'none' if axis is None else ','.join(map(str, axis)),
           'False', p]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            r = np.asarray(call(fn, x, axis, False, pp))
        row += [r.dtype.name, ','.join(map(str, r.shape)), fmt(r)]
    except Exception as e:
        row += ['ERR', str(e), '']
    row.append('0')
    lines.append('\t'.join(row))
print('\n'.join(lines))
