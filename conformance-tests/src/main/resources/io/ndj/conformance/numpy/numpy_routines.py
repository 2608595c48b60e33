"""Writes numpy-routines.tsv beside this script: math, logic and matrix-building routines evaluated by NumPy 2.

Run with NumPy >= 2 from this folder:  python3 numpy_routines.py > numpy-routines.tsv   (deterministic)
Each line: label, function, arrays ('dtype|values|shape' joined by ' ; ', '-' for none), parameters
(key=value;...), then 'ERR' and NumPy's message, 'bool' and True/False for the functions that return a Python bool,
or the result's dtype, shape and values; 'pybool' marks a Python bool."""
import warnings

import numpy as np

rng = np.random.default_rng(20261207)
DTYPES = ['float64', 'float32', 'float16', 'int64', 'int32', 'int8', 'uint8', 'bool']


def pick(seq):
    return seq[int(rng.integers(len(seq)))]


def fmt(v):
    return ','.join(repr(float(x)) if np.isfinite(x) else ('nan' if np.isnan(x) else ('inf' if x > 0 else '-inf'))
                    for x in np.asarray(v, dtype=np.float64).reshape(-1))


def rand(dtype, shape, specials=True, decimals=2):
    n = int(np.prod(shape, dtype=np.int64))
    if dtype.startswith('float'):
        v = np.round(rng.normal(0, 20, n), decimals)
        if specials and n > 2 and rng.random() < 0.4:
            v[rng.integers(n)] = pick([np.nan, np.inf, -np.inf, -0.0, 0.5, 2.5, -1.5])
    elif dtype == 'bool':
        v = rng.integers(0, 2, n).astype(float)
    elif dtype == 'uint8':
        v = rng.integers(0, 250, n).astype(float)
    else:
        v = rng.integers(-120, 120, n).astype(float)
    return v.reshape(shape).astype(dtype)


def enc(a):
    if a is None:
        return '-'
    return '%s|%s|%s' % (a.dtype.name, fmt(a), ','.join(map(str, a.shape)))


lines = []


def emit(label, fn, arrays, params, run):
    row = [label, fn, ' ; '.join(enc(a) for a in arrays), ';'.join('%s=%s' % kv for kv in params.items())]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            r = run()
        if type(r) is bool:  # allclose, array_equal, array_equiv; isclose of 0-d gives a 0-d np.bool_
            row += ['pybool', str(bool(r)), '']
        else:
            r = np.asarray(r)
            row += [r.dtype.name, ','.join(map(str, r.shape)), fmt(r)]
    except Exception as e:
        row += ['ERR', str(e), '']
    lines.append('\t'.join(row))


SHAPES = [(6,), (3, 4), (2, 3, 2), (0,), (), (1,), (4, 0)]
for k in range(40):
    t = pick(DTYPES)
    s = pick(SHAPES)
    d = int(rng.integers(-2, 4))
    x = rand(t, s, decimals=4)
    emit('round %s%s decimals=%d' % (t, s, d), 'round', [x], {'decimals': d}, lambda x=x, d=d: np.round(x, d))
for k in range(40):
    t = pick(DTYPES)
    s = pick([sh for sh in SHAPES if sh != ()] + [()])
    x = rand(t, s)
    n = pick([1, 1, 2, 0, 3, -1])
    axis = -1 if not s else int(rng.integers(-len(s), len(s)))
    pre = app = None
    if s and rng.random() < 0.3:
        ps = list(s)
        ps[axis] = 1
        pre = rand(t, tuple(ps) if rng.random() < 0.5 else ())
    if s and rng.random() < 0.3:
        app = rand(pick(DTYPES), ())
    kw = {} if pre is None and app is None else {}

    def run(x=x, n=n, axis=axis, pre=pre, app=app):
        kwargs = {}
        if pre is not None:
            kwargs['prepend'] = pre
        if app is not None:
            kwargs['append'] = app
        return np.diff(x, n=n, axis=axis, **kwargs)
    emit('diff %s%s n=%d axis=%d pre=%s app=%s' % (t, s, n, axis, pre is not None, app is not None), 'diff',
         [x, pre, app], {'n': n, 'axis': axis}, run)
for fn in ['ptp', 'count_nonzero']:
    for k in range(20):
        t = pick(DTYPES)
        s = pick(SHAPES)
        x = rand(t, s)
        axis = None if not s or rng.random() < 0.3 else int(rng.integers(-len(s), len(s)))
        keep = bool(rng.random() < 0.3)
        emit('%s %s%s axis=%s keepdims=%s' % (fn, t, s, axis, keep), fn, [x],
             {'axis': 'none' if axis is None else axis, 'keepdims': keep},
             lambda fn=fn, x=x, axis=axis, keep=keep: getattr(np, fn)(x, axis=axis, keepdims=keep))
for fn in ['isclose', 'allclose', 'array_equal', 'array_equiv']:
    for k in range(20):
        t1, t2 = pick(DTYPES), pick(DTYPES)
        s = pick([(5,), (2, 3), ()])
        a = rand(t1, s)
        castable = t2.startswith('float') or not t1.startswith('float')  # a float NaN cast to an int is unspecified
        b = a.astype(t2) if rng.random() < 0.5 and castable else rand(t2, pick([s, s, (3,), (1,)]))
        if t1.startswith('float') and t2.startswith('float') and rng.random() < 0.5 and a.size:
            b = (a.astype(np.float64) * (1 + pick([1e-6, 1e-4, 1e-9]))).astype(t2)
        rtol, atol = pick([(1e-5, 1e-8), (1e-3, 0.0), (0.0, 0.5)])
        eq_nan = bool(rng.random() < 0.4)
        params = {'rtol': rtol, 'atol': atol, 'equal_nan': eq_nan}
        if fn in ('isclose', 'allclose'):
            run = lambda fn=fn, a=a, b=b, r=rtol, at=atol, e=eq_nan: getattr(np, fn)(a, b, r, at, e)
        elif fn == 'array_equal':
            run = lambda a=a, b=b, e=eq_nan: np.array_equal(a, b, equal_nan=e) if (a.dtype.kind == 'f' or not e) \
                else np.array_equal(a, b, equal_nan=e)
        else:
            run = lambda a=a, b=b: np.array_equiv(a, b)
        emit('%s %s%s %s%s %s' % (fn, t1, s, t2, b.shape, params), fn, [a, b], params, run)
for k in range(30):
    t = pick(['float64', 'float32', 'int64', 'int8', 'bool'])
    s = pick([(4,), (2, 3), (3, 2, 2)])
    x = rand(t, s, specials=False)
    mode = pick(['none', 'full', 'axis'])
    if mode == 'none':
        w, axes = None, None
    elif mode == 'full':
        w, axes = rand(pick(['float64', 'float32', 'int64']), s, specials=False), pick([None, [0]])
    else:
        ax = int(rng.integers(len(s)))
        w, axes = rand(pick(['float64', 'int64']), (s[ax],), specials=False), [ax]
    if w is not None and rng.random() < 0.1:
        w = np.zeros_like(w)
    emit('average %s%s weights=%s axis=%s' % (t, s, None if w is None else w.dtype.name, axes), 'average', [x, w],
         {'axis': 'none' if axes is None else ','.join(map(str, axes))},
         lambda x=x, w=w, axes=axes: np.average(x, axis=None if axes is None else tuple(axes), weights=w))
for fn in ['tril', 'triu']:
    for k in range(12):
        t = pick(DTYPES)
        s = pick([(3, 3), (2, 4), (4, 2), (2, 3, 3), (4,), (0, 3)])
        x = rand(t, s)
        kk = int(rng.integers(-2, 3))
        emit('%s %s%s k=%d' % (fn, t, s, kk), fn, [x], {'k': kk}, lambda fn=fn, x=x, kk=kk: getattr(np, fn)(x, kk))
for k in range(12):
    t = pick(DTYPES)
    s = pick([(3,), (3, 3), (2, 4), (0,), (1,)])
    x = rand(t, s)
    kk = int(rng.integers(-2, 3))
    emit('diag %s%s k=%d' % (t, s, kk), 'diag', [x], {'k': kk}, lambda x=x, kk=kk: np.diag(x, kk))
for n, m, kk, t in [(3, 3, 0, 'float64'), (2, 4, 1, 'int32'), (4, 2, -1, 'bool'), (0, 3, 0, 'float64'),
                    (3, 5, -4, 'int8')]:
    emit('tri %d %d %d %s' % (n, m, kk, t), 'tri', [], {'n': n, 'm': m, 'k': kk, 'dtype': t},
         lambda n=n, m=m, kk=kk, t=t: np.tri(n, m, kk, t))
for fn in ['isin', 'intersect1d', 'union1d', 'setdiff1d', 'setxor1d']:
    for k in range(16):
        t1, t2 = pick(DTYPES), pick(DTYPES)
        a = np.round(rand(t1, pick([(7,), (2, 3), (0,), ()]), decimals=0) / 10) if t1.startswith('float') \
            else rand(t1, pick([(7,), (2, 3), (0,), ()]))
        b = rand(t2, pick([(5,), (2, 2), (0,)]))
        if t1 in ('int64', 'int32', 'int8') and t2 in ('int64', 'int32', 'int8'):
            b = np.concatenate([b.reshape(-1), a.reshape(-1)[:3]]).astype(t2)
        inv = bool(rng.random() < 0.3)
        params = {'invert': inv} if fn == 'isin' else {}
        run = (lambda a=a, b=b, inv=inv: np.isin(a, b, invert=inv)) if fn == 'isin' \
            else (lambda fn=fn, a=a, b=b: getattr(np, fn)(a, b))
        emit('%s %s%s %s%s %s' % (fn, t1, a.shape, t2, b.shape, params), fn, [a.astype(t1), b], params, run)
for k in range(20):
    t = pick(['float64', 'float32', 'int64', 'int8'])
    x = rand(t, pick([(6,), (2, 3), ()]))
    bins = np.sort(rand(pick(['float64', 'int64']), (pick([0, 1, 4, 5]),), specials=False))
    if rng.random() < 0.3:
        bins = bins[::-1].copy()
    if rng.random() < 0.1 and bins.size > 2:
        bins[[0, 1]] = bins[[1, 0]] + np.array([1, -1], bins.dtype)
    right = bool(rng.random() < 0.4)
    emit('digitize %s%s bins%s right=%s' % (t, x.shape, bins.shape, right), 'digitize', [x, bins], {'right': right},
         lambda x=x, bins=bins, right=right: np.digitize(x, bins, right=right))
for fn in ['atleast_1d', 'atleast_2d', 'atleast_3d']:
    for s in [(), (3,), (2, 3), (2, 1, 2), (0,)]:
        x = rand(pick(DTYPES), s)
        emit('%s %s%s' % (fn, x.dtype, s), fn, [x], {}, lambda fn=fn, x=x: getattr(np, fn)(x))
for k in range(12):
    t1, t2 = pick(DTYPES), pick(DTYPES)
    n = int(rng.integers(0, 4))
    a = rand(t1, pick([(n,), (n, 2)]))
    b = rand(t2, pick([(n,), (n, 1), (n + 1,)]))
    emit('column_stack %s%s %s%s' % (t1, a.shape, t2, b.shape), 'column_stack', [a, b], {},
         lambda a=a, b=b: np.column_stack((a, b)))
    emit('dstack %s%s %s%s' % (t1, a.shape, t2, b.shape), 'dstack', [a, b], {}, lambda a=a, b=b: np.dstack((a, b)))
    axis = pick(['none', 0, -1])
    emit('append %s%s %s%s axis=%s' % (t1, a.shape, t2, b.shape, axis), 'append', [a, b], {'axis': axis},
         lambda a=a, b=b, axis=axis: np.append(a, b, axis=None if axis == 'none' else axis))
for start, stop, num, endpoint, base in [(0, 3, 4, True, 10.0), (1, 2, 5, False, 2.0), (-1, 1, 7, True, 10.0),
                                         (2, 2, 1, True, 10.0), (0, 1, 0, True, 10.0), (0.5, -3, 6, True, 3.0)]:
    emit('logspace %s %s %s %s %s' % (start, stop, num, endpoint, base), 'logspace', [],
         {'start': start, 'stop': stop, 'num': num, 'endpoint': endpoint, 'base': base},
         lambda a=start, b=stop, n=num, e=endpoint, bs=base: np.logspace(a, b, n, endpoint=e, base=bs))
for k in range(16):
    t = pick(DTYPES)
    x = rand(t, pick([(6,), (2, 3), ()]))
    if rng.random() < 0.5 and x.dtype.kind == 'f' and x.size:
        x.reshape(-1)[0] = pick([np.nan, np.inf, -np.inf])
    emit('nan_to_num %s%s' % (t, x.shape), 'nan_to_num', [x], {}, lambda x=x: np.nan_to_num(x))
    t2 = pick(DTYPES)
    y = rand(t2, pick([(), (1,), x.shape]))
    emit('heaviside %s%s %s%s' % (t, x.shape, t2, y.shape), 'heaviside', [x, y], {},
         lambda x=x, y=y: np.heaviside(x, y))
    z = x if x.dtype.kind == 'f' else np.where(x == 0, 1, x).astype(x.dtype)  # 1/0 of an integer is unspecified
    if z.dtype != np.bool_:
        emit('reciprocal %s%s' % (t, z.shape), 'reciprocal', [z], {}, lambda z=z: np.reciprocal(z))
for k in range(24):
    t = pick(DTYPES)
    x = rand(t, pick([(6,), (2, 3), ()]))
    if x.dtype.kind == 'f' and x.size > 2:
        x.reshape(-1)[:3] = [pick([np.nan, np.inf, -np.inf, -0.0, 0.0, -0.5, 3.0]) for _ in range(3)]
    for fn in ('deg2rad', 'rad2deg', 'radians', 'degrees', 'sinc'):
        emit('%s %s%s' % (fn, t, x.shape), fn, [x], {}, lambda x=x, fn=fn: getattr(np, fn)(x))
    emit('modf %s%s fractional' % (t, x.shape), 'modf.0', [x], {}, lambda x=x: np.modf(x)[0])
    emit('modf %s%s integral' % (t, x.shape), 'modf.1', [x], {}, lambda x=x: np.modf(x)[1])
    t2 = pick(DTYPES)
    y = rand(t2, pick([(), (1,), x.shape]))
    for fn in ('logaddexp', 'logaddexp2'):
        emit('%s %s%s %s%s' % (fn, t, x.shape, t2, y.shape), fn, [x, y], {},
             lambda x=x, y=y, fn=fn: getattr(np, fn)(x, y))
    if not (t == 'bool' and t2 == 'bool'):
        emit('divmod %s%s %s%s quotient' % (t, x.shape, t2, y.shape), 'divmod.0', [x, y], {},
             lambda x=x, y=y: np.divmod(x, y)[0])
        emit('divmod %s%s %s%s remainder' % (t, x.shape, t2, y.shape), 'divmod.1', [x, y], {},
             lambda x=x, y=y: np.divmod(x, y)[1])
# array building and index routines
for start, stop, num, endpoint in [(1, 1000, 4, True), (-1, -1000, 5, True), (2, 3, 0, True), (1, 2, 1, False),
                                   (1e-3, 1e3, 7, False), (0, 5, 3, True), (-1, 1, 3, True), (3, 3, 2, True)]:
    emit('geomspace %s %s %s %s' % (start, stop, num, endpoint), 'geomspace', [],
         {'start': start, 'stop': stop, 'num': num, 'endpoint': endpoint},
         lambda a=start, b=stop, n=num, e=endpoint: np.geomspace(a, b, n, endpoint=e))
for k in range(10):
    xs = [rand(pick(DTYPES), (int(rng.integers(0, 4)),)) for _ in range(int(rng.integers(1, 4)))]
    indexing = pick(['xy', 'ij'])
    sparse = bool(rng.random() < 0.3)
    for i in range(len(xs)):
        emit('meshgrid %d of %d %s sparse=%s' % (i, len(xs), indexing, sparse), 'meshgrid.%d' % i, xs,
             {'indexing': indexing, 'sparse': sparse},
             lambda xs=xs, i=i, ix=indexing, sp=sparse: np.meshgrid(*xs, indexing=ix, sparse=sp)[i])
for dims in [(2, 3), (4,), (), (2, 0, 3), (1, 2, 2)]:
    emit('indices %s' % (dims,), 'indices', [], {'dims': ','.join(map(str, dims))},
         lambda d=dims: np.indices(d))
for k in range(10):
    t = pick(DTYPES)
    v = rand(t, pick([(3,), (2, 2), (), (0,)]))
    kk = int(rng.integers(-2, 3))
    emit('diagflat %s%s k=%d' % (t, v.shape, kk), 'diagflat', [v], {'k': kk}, lambda v=v, kk=kk: np.diagflat(v, kk))
    a = rand(t, pick([(2,), (2, 2), (), (1, 3)]))
    b = rand(pick(DTYPES), pick([(3,), (2, 1), (), (2, 2, 2)]))
    emit('kron %s%s %s%s' % (t, a.shape, b.dtype, b.shape), 'kron', [a, b], {}, lambda a=a, b=b: np.kron(a, b))
    for i in range(2):
        emit('broadcast_arrays %d %s%s %s%s' % (i, t, a.shape, b.dtype, b.shape), 'broadcast_arrays.%d' % i,
             [a, b], {}, lambda a=a, b=b, i=i: np.broadcast_arrays(a, b)[i])
for k in range(14):
    t = pick(DTYPES)
    shape = pick([(3, 4), (2, 3, 2), (5,), (0, 3)])
    arr = rand(t, shape)
    axis = pick([0, -1, 'none']) if len(shape) > 1 else pick([0, 'none'])
    if axis == 'none':
        idx = rng.integers(-arr.size, max(arr.size, 1), max(arr.size // 2, 1)) if arr.size else np.zeros(0, int)
    else:
        ishape = list(shape)
        ishape[axis] = int(rng.integers(1, 4))
        n = shape[axis]
        idx = rng.integers(-n, n, ishape) if n else np.zeros(ishape, int)
        if rng.random() < 0.3 and idx.size:
            idx.reshape(-1)[0] = n + 2  # out of bounds
    idx = np.asarray(idx).astype(pick(['int64', 'int32', 'int8']))
    ax = None if axis == 'none' else axis
    emit('take_along_axis %s%s axis=%s' % (t, shape, axis), 'take_along_axis', [arr, idx], {'axis': axis},
         lambda arr=arr, idx=idx, ax=ax: np.take_along_axis(arr, idx, axis=ax))
    vals = rand(t, pick([(), (1,)]))

    def put(arr=arr, idx=idx, ax=ax, vals=vals):
        c = arr.copy()
        np.put_along_axis(c, idx, vals, axis=ax)
        return c
    emit('put_along_axis %s%s axis=%s' % (t, shape, axis), 'put_along_axis', [arr, idx, vals], {'axis': axis}, put)
for k in range(8):
    shape = pick([(3, 4), (2, 3, 2), (7,), (2, 1, 3)])
    size = int(np.prod(shape))
    idx = rng.integers(0, size + (1 if rng.random() < 0.2 else 0), pick([(4,), (2, 2), ()])).astype(pick(['int64', 'int32']))
    for d in range(len(shape)):
        emit('unravel_index %d %s of %s' % (d, idx.tolist(), shape), 'unravel_index.%d' % d, [idx],
             {'shape': ','.join(map(str, shape))}, lambda idx=idx, shape=shape, d=d: np.unravel_index(idx, shape)[d])
    coords = [rng.integers(0, s + (1 if rng.random() < 0.1 else 0), (3,)) for s in shape]
    emit('ravel_multi_index of %s' % (shape,), 'ravel_multi_index', coords, {'dims': ','.join(map(str, shape))},
         lambda c=coords, shape=shape: np.ravel_multi_index(tuple(c), shape))
for k in range(10):
    t = pick(DTYPES)
    x = rand(t, pick([(5,), (2, 3)]))
    c0 = rand('bool', x.shape)
    c1 = rand('bool', pick([x.shape, (1,)]))
    ch1 = rand(pick(DTYPES), pick([x.shape, ()]))
    default = pick([0, 1.5, -3])
    emit('select %s%s default=%s' % (t, x.shape, default), 'select', [c0, c1, x, ch1], {'default': default},
         lambda c0=c0, c1=c1, x=x, ch1=ch1, d=default: np.select([c0, c1], [x, ch1], d))
    emit('extract %s%s' % (t, x.shape), 'extract', [c0, x], {}, lambda c0=c0, x=x: np.extract(c0, x))
    obj = rng.integers(-x.shape[-1], x.shape[-1] + (1 if rng.random() < 0.2 else 0), pick([(1,), (2,), ()]))
    axis = pick([0, -1, 'none'])
    emit('delete %s%s %s axis=%s' % (t, x.shape, obj.tolist(), axis), 'delete', [x, obj], {'axis': axis},
         lambda x=x, obj=obj, ax=axis: np.delete(x, obj, axis=None if ax == 'none' else ax))
    z = rand(t, (7,))
    z[:int(rng.integers(0, 3))] = 0
    if rng.random() < 0.7:
        z[7 - int(rng.integers(0, 3)):] = 0
    if rng.random() < 0.15:
        z[:] = 0
    trim = pick(['fb', 'f', 'b', 'B'])
    emit('trim_zeros %s %s' % (t, trim), 'trim_zeros', [z], {'trim': trim}, lambda z=z, tr=trim: np.trim_zeros(z, tr))
    y = rand(t, pick([(5,), (2, 3), (1,), ()]))
    e = rand(pick(DTYPES), (2,)) if rng.random() < 0.5 else None
    b = rand(pick(DTYPES), ()) if rng.random() < 0.5 else None
    emit('ediff1d %s%s' % (t, y.shape), 'ediff1d', [y, e, b], {}, lambda y=y, e=e, b=b: np.ediff1d(y, to_end=e, to_begin=b))
for k in range(24):
    t = pick(DTYPES[:-1])
    a = rand(t, pick([(20,), (4, 5), (0,), (1,)]), specials=rng.random() < 0.2)
    bins = pick([1, 3, 10, 'edges'])
    rg = pick(['none', 'none', (-10.0, 10.0), (0.0, 0.0), (5.0, 1.0)])
    density = bool(rng.random() < 0.3)
    w = rand(pick(['float64', 'float32', 'int64']), a.shape, specials=False) if rng.random() < 0.3 else None
    edges = np.sort(rand(pick(['float64', 'int64', 'float32']), (int(rng.integers(2, 6)),), specials=False)) if bins == 'edges' else None
    params = {'bins': bins, 'range': 'none' if rg == 'none' else '%r,%r' % rg, 'density': density}

    def hist(i, a=a, bins=bins, rg=rg, density=density, w=w, edges=edges):
        return np.histogram(a, bins=edges if bins == 'edges' else bins, range=None if rg == 'none' else rg,
                            weights=w, density=density)[i]
    for i in range(2):
        emit('histogram %d %s%s bins=%s range=%s density=%s weights=%s' % (i, t, a.shape, bins, rg, density, w is not None),
             'histogram.%d' % i, [a, w, edges], params, lambda i=i, hist=hist: hist(i))
for k in range(12):
    t = pick(DTYPES)
    shape = pick([(6,), (3, 4), (0,), (2, 5)])
    keys = [rand(pick(DTYPES), shape) for _ in range(int(rng.integers(1, 4)))]
    keys = [np.round(kk / 30).astype(kk.dtype) if kk.dtype.kind in 'iu' else kk for kk in keys]  # ties
    emit('lexsort of %d keys %s' % (len(keys), shape), 'lexsort', keys, {}, lambda keys=keys: np.lexsort(keys))
    x = rand(t, pick([(5,), (2, 6)]))
    kth = int(rng.integers(-x.shape[-1], x.shape[-1] + 1))
    emit('partition %s%s kth=%d' % (t, x.shape, kth), 'partition', [x], {'kth': kth},
         lambda x=x, kth=kth: np.partition(x, kth, axis=-1) if kth >= x.shape[-1] else np.sort(x, axis=-1))
    idx = rng.integers(0, 3 + (1 if rng.random() < 0.15 else 0), pick([(4,), (2, 4), ()]))
    chs = [rand(pick(DTYPES), pick([(4,), (), (1, 4)])) for _ in range(3)]
    emit('choose %s' % (idx.shape,), 'choose', [idx] + chs, {}, lambda idx=idx, chs=chs: np.choose(idx, chs))
    arr = rand(t, pick([(5,), (2, 3)]))
    mask = rand('bool', arr.shape)
    vals = rand(pick(DTYPES), pick([(2,), (7,), (0,)]))

    def place(arr=arr, mask=mask, vals=vals):
        c = arr.copy()
        np.place(c, mask, vals)
        return c
    emit('place %s%s vals %s' % (t, arr.shape, vals.shape), 'place', [arr, mask, vals], {}, place)
    axis = pick([0, -1, 'none'])
    n = arr.size if axis == 'none' else arr.shape[axis]
    index = int(rng.integers(-n - 1, n + 2))
    v = rand(pick(DTYPES), pick([(), (1,), (3,), (2, 1)]), specials=False)
    emit('insert %s%s at %d axis=%s values %s%s' % (t, arr.shape, index, axis, v.dtype, v.shape), 'insert', [arr, v],
         {'index': index, 'axis': axis},
         lambda arr=arr, index=index, v=v, ax=axis: np.insert(arr, index, v, axis=None if ax == 'none' else ax))
    shape2 = pick([(7,), (2, 2), (0,), (3, 0), (4, 3)])
    emit('resize %s%s to %s' % (t, arr.shape, shape2), 'resize', [arr], {'shape': ','.join(map(str, shape2))},
         lambda arr=arr, s2=shape2: np.resize(arr, s2))
    f = rand(pick(DTYPES[:-1]), pick([(5,), (3, 4), (2,), (1, 3)]), specials=False)
    dx = pick([1.0, 0.5, 2.0])
    edge = pick([1, 2])
    for axis in range(f.ndim):
        emit('gradient %s%s dx=%s axis=%d edge_order=%d' % (f.dtype, f.shape, dx, axis, edge), 'gradient', [f],
             {'dx': dx, 'axis': axis, 'edge_order': edge},
             lambda f=f, dx=dx, axis=axis, edge=edge: np.gradient(f, dx, axis=axis, edge_order=edge))
EINSUM = [('ij,jk->ik', [(2, 3), (3, 4)]), ('ij,jk', [(3, 2), (2, 2)]), ('ii->i', [(3, 3)]), ('ii', [(4, 4)]),
          ('ij->ji', [(2, 3)]), ('ij->', [(3, 2)]), ('i,i', [(4,), (4,)]), ('i,j->ij', [(3,), (2,)]),
          ('bij,bjk->bik', [(2, 2, 3), (2, 3, 2)]), ('ijk,jil->kl', [(2, 3, 2), (3, 2, 2)]), ('i,i,i->', [(3,), (3,), (3,)]),
          ('ij,ij->ij', [(2, 3), (2, 3)]), ('ii,i->i', [(3, 3), (3,)]), ('ij,jk,kl->il', [(2, 3), (3, 2), (2, 2)]),
          ('i', [(5,)]), ('ji', [(2, 3)]), ('ij,jk->ik', [(2, 3)]), ('i->j', [(3,)]), ('ij->i', [(2, 0)]),
          ('ijj->i', [(2, 3, 3)]), ('ij,kj->ik', [(2, 3), (2, 3)])]
for k in range(40):
    sub, shapes = EINSUM[k % len(EINSUM)]
    t = pick(DTYPES)
    ops = [rand(pick([t, t, pick(DTYPES)]), sh, specials=False, decimals=1) for sh in shapes]
    emit('einsum %s %s' % (sub, ' '.join('%s%s' % (o.dtype, o.shape) for o in ops)), 'einsum', ops, {'subscripts': sub},
         lambda sub=sub, ops=ops: np.einsum(sub, *ops))
def ufunc_reduce(u, x, ax, keepdims):
    """u.reduce, except that NumPy 2.4.6's float loops of power and arctan2 (and any other that is not reorderable)
    reduce a run of 3 or more as x[0] op x[-1] (np.power.reduce([2., 3., 2.]) is 4.0, not 64.0, while
    np.power.accumulate gives 64.0 last): for those the left fold NumPy documents, which accumulate computes."""
    r = u.reduce(x, axis=ax, keepdims=keepdims)
    single = isinstance(ax, int) or (ax is None and x.ndim == 1)
    if single and u.identity is None and x.ndim > 0 and x.shape[ax or 0] > 0 and u not in (np.maximum, np.minimum,
                                                                                        np.fmax, np.fmin):
        a = ax or 0
        folded = np.take(u.accumulate(x, axis=a), -1, axis=a)
        r = np.expand_dims(folded, a) if keepdims else folded
    return r


UFUNCS = ['add', 'subtract', 'multiply', 'divide', 'floor_divide', 'remainder', 'power', 'arctan2', 'hypot', 'maximum',
          'minimum', 'fmax', 'fmin', 'bitwise_and', 'bitwise_or', 'bitwise_xor', 'left_shift', 'right_shift', 'equal',
          'not_equal', 'less', 'less_equal', 'greater', 'greater_equal', 'copysign', 'nextafter', 'fmod', 'gcd', 'lcm']
for k in range(160):
    name = UFUNCS[k % len(UFUNCS)]
    u = getattr(np, name)
    t = pick(DTYPES)
    s = pick([(5,), (3, 4), (2, 3, 2), (0,), (), (4, 0), (1,), (6,)])
    small = name in ('power', 'left_shift', 'right_shift', 'lcm')
    x = rand(t, s, specials=not small, decimals=1)
    if name in ('add', 'multiply') and t == 'uint8':
        t = 'int32'  # NumPy sums uint8 in uint64, not an ndj dtype yet (#24 item 1)
        x = x.astype(t)
    if small:
        x = np.abs(x) % 4 if t != 'bool' else x
        x = x.astype(t)
    method = pick(['reduce', 'reduce', 'accumulate', 'outer', 'reduceat'])
    if method == 'reduce':
        axis = pick([0, -1, 'none', '0,1']) if len(s) > 1 else pick([0, 'none'])
        keepdims = pick([False, True])
        ax = None if axis == 'none' else (tuple(int(a) for a in str(axis).split(',')) if ',' in str(axis) else axis)
        emit('%s.reduce %s%s axis=%s keepdims=%s' % (name, t, s, axis, keepdims), 'ufunc.reduce', [x],
             {'ufunc': name, 'axis': axis, 'keepdims': keepdims},
             lambda u=u, x=x, ax=ax, kd=keepdims: ufunc_reduce(u, x, ax, kd))
    elif method == 'accumulate':
        axis = pick([0, -1]) if s else 0
        emit('%s.accumulate %s%s axis=%s' % (name, t, s, axis), 'ufunc.accumulate', [x], {'ufunc': name, 'axis': axis},
             lambda u=u, x=x, ax=axis: u.accumulate(x, axis=ax))
    elif method == 'outer':
        y = rand(pick([t, pick(DTYPES)]), pick([(3,), (2, 2), (0,), ()]), specials=not small, decimals=1)
        if small:
            y = (np.abs(y) % 4).astype(y.dtype) if y.dtype != bool else y
        emit('%s.outer %s%s %s%s' % (name, t, s, y.dtype, y.shape), 'ufunc.outer', [x, y], {'ufunc': name},
             lambda u=u, x=x, y=y: u.outer(x, y))
    else:
        n = s[0] if s else 0
        idx = [int(i) for i in rng.integers(0, max(n, 1) + (1 if rng.random() < 0.15 else 0), int(rng.integers(1, 5)))]
        emit('%s.reduceat %s%s %s' % (name, t, s, idx), 'ufunc.reduceat', [x],
             {'ufunc': name, 'indices': ','.join(map(str, idx)), 'axis': 0},
             lambda u=u, x=x, idx=idx: u.reduceat(x, idx, axis=0))
for k in range(30):
    t = pick(DTYPES[:-1])
    t2 = pick([t, t, pick(DTYPES[:-1])])
    n = pick([12, 7, 0, 1])
    x = rand(t, (n,), specials=rng.random() < 0.15)
    y = rand(t2, (n if rng.random() < 0.93 else n + 1,), specials=rng.random() < 0.15)
    bx = pick([1, 2, 3, 5, 0])
    by = pick([2, 4, bx])
    rg = pick(['none', 'none', ((-30.0, 30.0), (-5.0, 40.0)), ((0.0, 0.0), (1.0, 2.0)), ((3.0, 1.0), (0.0, 1.0))])
    density = bool(rng.random() < 0.3)
    w = rand(pick(['float64', 'float32', 'int64']), (n,), specials=False) if rng.random() < 0.3 else None
    params = {'bx': bx, 'by': by, 'range': 'none' if rg == 'none' else '%r,%r,%r,%r' % (rg[0] + rg[1]),
              'density': density}

    def hist2(i, x=x, y=y, bx=bx, by=by, rg=rg, density=density, w=w):
        return np.histogram2d(x, y, bins=[bx, by], range=None if rg == 'none' else rg, weights=w,
                              density=density)[i]
    for i in range(3):
        emit('histogram2d %d %s%s %s%s bins=%d,%d range=%s density=%s weights=%s' % (
            i, t, x.shape, t2, y.shape, bx, by, rg, density, w is not None),
            'histogram2d.%d' % i, [x, y, w], params, lambda i=i, hist2=hist2: hist2(i))
# insert with several indices (NumPy's sequence path; a one-element list takes the scalar path without moveaxis)
for k in range(50):
    t = pick(DTYPES)
    arr = rand(t, pick([(7,), (3, 4), (2, 3, 2), (0,), (4, 0)]), specials=False)
    axis = pick([0, -1, 'none'])
    n = arr.size if axis == 'none' else arr.shape[axis]
    m = pick([0, 1, 2, 3, 5])
    idx = [int(v) for v in rng.integers(-n - 2, n + 3, m)]
    v = rand(pick(DTYPES), pick([(), (1,), (m,), (2,), (3, m), (m, 1)]), specials=False)
    if m == 0 and v.ndim > 1:
        # NumPy's assignment of an empty 2-d value array to an empty selection takes (3, 0) but not (0, 1)
        # for shape (0,): a corner of its mapiter, not of insert; such rows are left out
        continue
    emit('insert %s%s at %s axis=%s values %s%s' % (t, arr.shape, idx, axis, v.dtype, v.shape), 'insert_many',
         [arr, v], {'indices': ','.join(map(str, idx)), 'axis': axis},
         lambda arr=arr, idx=idx, v=v, ax=axis: np.insert(arr, np.array(idx, dtype=np.intp), v,
                                                           axis=None if ax == 'none' else ax))

# fromfunction: the function gets each axis's coordinates as arrays of dtype
FUNCS = {'i*10+j': lambda i, j: i * 10 + j, 'i==j': lambda i, j: i == j, 'sum3': lambda i, j, k: i + 2 * j - k,
         'sq': lambda i: i * i - 3}
for name, shape in [('i*10+j', (3, 4)), ('i==j', (4, 4)), ('sum3', (2, 3, 2)), ('sq', (5,)), ('i*10+j', (0, 3)),
                    ('sq', (0,))]:
    for dt in ['float64', 'int64', 'int32', 'float32']:
        emit('fromfunction %s %s %s' % (name, shape, dt), 'fromfunction', [],
             {'f': name, 'shape': ','.join(map(str, shape)), 'dtype': dt},
             lambda name=name, shape=shape, dt=dt: np.fromfunction(FUNCS[name], shape, dtype=dt))
print('\n'.join(lines))
