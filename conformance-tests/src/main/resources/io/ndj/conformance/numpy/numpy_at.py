"""Writes numpy-at.tsv beside this script: ufunc.at (unbuffered in-place accumulation) and bincount by NumPy 2.

Run with NumPy >= 2 from this folder:  python3 numpy_at.py > numpy-at.tsv   (deterministic)
Each line: label, function (add.at, subtract.at, multiply.at, minimum.at, maximum.at, bincount), the array's dtype,
values and shape, the indices' values and shape, the values' dtype ('scalar-int', 'scalar-float' for a Python
number, '-' for none) values and shape, minlength, then 'ERR' and NumPy's message, or the result's dtype, shape and
values (for ufunc.at: the array after the call)."""
import warnings

import numpy as np

rng = np.random.default_rng(20261206)


def pick(seq):
    return seq[int(rng.integers(len(seq)))]


def fmt(v):
    return ','.join(repr(float(x)) if np.isfinite(x) else ('nan' if np.isnan(x) else ('inf' if x > 0 else '-inf'))
                    for x in np.asarray(v, dtype=np.float64).reshape(-1))


def shp(s):
    return ','.join(map(str, s))


def vals(dtype, n, small=False, nan=True):
    """Random values of dtype; NaN only where asked (a NaN cast to an integer target is unspecified)."""
    if dtype.startswith('float'):
        v = np.round(rng.normal(0, 5, n), 2)
        if nan:
            v[rng.random(n) < 0.1] = np.nan
        return v
    if dtype == 'bool':
        return rng.integers(0, 2, n).astype(float)
    if dtype == 'uint8':
        return rng.integers(0, 4 if small else 250, n).astype(float)
    return rng.integers(-3 if small else -100, 4 if small else 100, n).astype(float)


DTYPES = ['float64', 'float32', 'float16', 'int64', 'int32', 'int16', 'int8', 'uint8', 'bool']
lines = []


def broadcastable(a, b):
    try:
        np.broadcast_shapes(a, b)
        return True
    except ValueError:
        return False


def emit(label, fn, adt, av, ash, iv, ish, vdt, vv, vsh, minlength, run):
    row = [label, fn, adt, fmt(av), shp(ash), fmt(iv), shp(ish), vdt, fmt(vv), shp(vsh), str(minlength)]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            r = np.asarray(run())
        row += [r.dtype.name, shp(r.shape), fmt(r)]
    except Exception as e:
        row += ['ERR', str(e), '']
    lines.append('\t'.join(row))


for fn in ['add', 'subtract', 'multiply', 'minimum', 'maximum']:
    for k in range(24):
        adt = pick(DTYPES)
        ash = pick([(5,), (4, 3), (6,), (2, 2, 2), (3, 0)])
        av = vals(adt, int(np.prod(ash)), small=fn == 'multiply')
        n0 = ash[0]
        ish = pick([(7,), (3,), (2, 3), (0,), ()])
        iv = rng.integers(-n0, n0, int(np.prod(ish))).astype(float) if n0 else np.zeros(int(np.prod(ish)))
        if rng.random() < 0.08 and len(iv):
            iv[0] = n0 + 2  # out of bounds
        sel = ish + ash[1:]
        kind = pick(['array', 'array', 'scalar-int', 'scalar-float', 'row'])
        if kind.startswith('scalar'):
            vdt = kind
            vv = np.array([float(rng.integers(-3, 4)) if kind == 'scalar-int' else round(float(rng.normal(0, 3)), 2)])
            vsh = ()
        else:
            vdt = pick([adt, adt, pick(DTYPES)])
            vsh = sel[-1:] if kind == 'row' and sel else sel
            if rng.random() < 0.06:
                vsh = (max(1, int(np.prod(sel))) + 1,)  # not broadcastable
            vv = vals(vdt, int(np.prod(vsh)), small=fn == 'multiply', nan=adt.startswith('float'))
        a = av.reshape(ash).astype(adt)
        idx = iv.reshape(ish).astype(np.int64)
        if vdt.startswith('scalar'):
            value = int(vv[0]) if vdt == 'scalar-int' else float(vv[0])
        else:
            value = vv.reshape(vsh).astype(vdt)

        def run(fn=fn, a=a, idx=idx, value=value, sel=sel):
            # NumPy 2.4's ufunc.at reads garbage when values must broadcast over an index array of 2+ dimensions
            # (np.add.at(np.zeros(5), np.array([[0, 1], [1, 1]]), np.ones(2)) differs run to run): the values are
            # broadcast here first, which is what they mean
            if isinstance(value, np.ndarray) and broadcastable(value.shape, sel) \
                    and np.broadcast_shapes(value.shape, sel) == sel:
                value = np.broadcast_to(value, sel).copy()
            getattr(np, fn).at(a, idx, value)
            return a
        emit('%s.at %s%s idx%s %s%s' % (fn, adt, ash, ish, vdt, vsh), fn + '.at', adt, av, ash, iv, ish, vdt, vv,
             vsh, 0, run)

for k in range(30):
    xdt = pick(['int64', 'int32', 'int8', 'uint8', 'bool', 'int16'])
    n = pick([0, 1, 5, 12, 40])
    xv = rng.integers(0, pick([1, 5, 20]), n).astype(float)
    if xdt == 'bool':
        xv = np.minimum(xv, 1)
    if rng.random() < 0.1 and n:
        xv[0] = -1 if xdt != 'uint8' and xdt != 'bool' else xv[0]
    minlength = pick([0, 0, 3, 25])
    wdt = pick(['-', '-', 'float64', 'float32', 'int64', 'bool'])
    wn = n if rng.random() > 0.05 else n + 1
    wv = vals(wdt, wn) if wdt != '-' else np.zeros(0)
    x = xv.astype(xdt)
    w = None if wdt == '-' else wv.astype(wdt)

    def run(x=x, w=w, minlength=minlength):
        return np.bincount(x, weights=w, minlength=minlength)
    emit('bincount %s(%d) minlength=%d weights=%s' % (xdt, n, minlength, wdt), 'bincount', xdt, xv, (n,),
         np.zeros(0), (0,), wdt, wv, (wn,) if wdt != '-' else (0,), minlength, run)
# bincount's own errors
for label, x, w, m in [('float', np.array([1.0]), None, 0), ('2-d', np.zeros((2, 2), int), None, 0),
                       ('0-d', np.array(3), None, 0), ('negative minlength', np.array([1]), None, -1)]:
    emit('bincount error ' + label, 'bincount', x.dtype.name, x.reshape(-1).astype(float), x.shape, np.zeros(0), (0,),
         '-', np.zeros(0), (0,), m, lambda x=x, w=w, m=m: np.bincount(x, weights=w, minlength=m))
print('\n'.join(lines))
