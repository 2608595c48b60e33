"""Writes numpy-linalg.tsv beside this script: numpy.linalg evaluated by NumPy 2.

Run with NumPy >= 2 from this folder:  python3 numpy_linalg.py   (writes numpy-linalg.tsv; deterministic; LAPACK's
own complaints go to standard output, not into the table)
Each line: label, function (with the part of a tuple result after a dot: slogdet.sign, qr.r, lstsq.rank),
arrays ('dtype|values|shape' joined by ' ; '), parameters (key=value;...), then 'ERR' and NumPy's message, or
the result's dtype, shape and values. Only parts NumPy's LAPACK fixes are listed (not eigenvectors or singular
vectors, whose signs are free); the kit checks those by their defining properties. Matrices are well conditioned
(a random part plus a multiple of the identity) unless a label says singular, so float32 results may differ from
NumPy's float32 LAPACK only by its own rounding."""
import warnings

import numpy as np

rng = np.random.default_rng(20261206)
lines = []


def fmt(v):
    return ','.join(repr(float(x)) if np.isfinite(x) else ('nan' if np.isnan(x) else ('inf' if x > 0 else '-inf'))
                    for x in np.asarray(v, dtype=np.float64).reshape(-1))


def enc(a):
    return '%s|%s|%s' % (a.dtype.name, fmt(a), ','.join(map(str, a.shape)))


def emit(label, fn, arrays, params, run):
    row = [label, fn, ' ; '.join(enc(a) for a in arrays), ';'.join('%s=%s' % kv for kv in params.items())]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            r = np.asarray(run())
        row += [r.dtype.name, ','.join(map(str, r.shape)), fmt(r)]
    except Exception as e:
        row += ['ERR', str(e), '']
    lines.append('\t'.join(row))


def square(dtype, batch, n, sym=False, pd=False):
    a = rng.normal(0, 1, batch + (n, n))
    if sym or pd:
        a = a + np.swapaxes(a, -1, -2)
    if pd:
        a = a @ np.swapaxes(a, -1, -2) + n * np.eye(n)
    else:
        a = a + (n + 2) * np.eye(n) * rng.choice([-1, 1], batch + (n, 1))
    if dtype.startswith('int'):
        a = np.round(a * 3)
    return np.round(a, 3).astype(dtype)


def rect(dtype, shape):
    a = np.round(rng.normal(0, 2, shape), 3)
    return a.astype(dtype) if dtype.startswith('float') else np.round(a).astype(dtype)


def name(fn, arrays, params):
    ops = ' '.join('%s%s' % (a.dtype.name, tuple(a.shape)) for a in arrays)
    return ('%s %s %s' % (fn, ops, ' '.join('%s=%s' % kv for kv in params.items()))).strip()


L = np.linalg
FLOATS = ['float64', 'float32', 'int64', 'int32', 'bool']
SHAPES = [((), 0), ((), 1), ((), 2), ((), 3), ((), 5), ((2,), 3), ((2, 3), 2), ((0,), 3), ((3,), 0)]

for dt in FLOATS:
    for batch, n in SHAPES:
        a = square(dt, batch, n) if dt != 'bool' else (rng.random(batch + (n, n)) < 0.5) | np.eye(n, dtype=bool)
        emit(name('det', [a], {}), 'det', [a], {}, lambda: L.det(a))
        emit(name('slogdet', [a], {}), 'slogdet.sign', [a], {}, lambda: L.slogdet(a)[0])
        emit(name('slogdet', [a], {}), 'slogdet.logabsdet', [a], {}, lambda: L.slogdet(a)[1])
        if dt != 'bool':
            emit(name('inv', [a], {}), 'inv', [a], {}, lambda: L.inv(a))
            b = rect(dt, batch + (n,)) if not batch else rect(dt, batch + (n, 2))
            emit(name('solve', [a, b], {}), 'solve', [a, b], {}, lambda: L.solve(a, b))
            s = square(dt, batch, n, sym=True)
            for uplo in ['L', 'U']:
                emit(name('eigvalsh', [s], {'UPLO': uplo}), 'eigvalsh', [s], {'UPLO': uplo},
                     lambda: L.eigvalsh(s, UPLO=uplo))
            p = square(dt, batch, n, pd=True)
            for upper in [False, True]:
                emit(name('cholesky', [p], {'upper': upper}), 'cholesky', [p], {'upper': upper},
                     lambda: L.cholesky(p, upper=upper))
            for k in [0, 1, 2, 3, 5, -1, -2]:
                if k >= 0 or dt.startswith('float'):
                    emit(name('matrix_power', [a], {'n': k}), 'matrix_power', [a], {'n': k},
                         lambda: L.matrix_power(a, k))

# solve: one vector against a stack; a stack of right-hand sides broadcast against one matrix
a = square('float64', (), 3)
b = rect('float64', (4, 3, 2))
emit(name('solve', [a, b], {}), 'solve', [a, b], {}, lambda: L.solve(a, b))
a3 = square('float32', (2,), 3)
v = rect('float32', (3,))
emit(name('solve', [a3, v], {}), 'solve', [a3, v], {}, lambda: L.solve(a3, v))
a64 = square('float64', (), 3)
v32 = rect('float32', (3,))
emit(name('solve', [a64, v32], {}), 'solve', [a64, v32], {}, lambda: L.solve(a64, v32))

# rectangular: qr, svdvals, pinv, matrix_rank, lstsq, norm
for dt in ['float64', 'float32', 'int32']:
    for shape in [(3, 3), (4, 2), (2, 5), (1, 1), (0, 3), (3, 0), (2, 3, 2), (5, 4)]:
        a = rect(dt, shape)
        for mode in ['reduced', 'complete', 'r']:
            emit(name('qr', [a], {'mode': mode}), 'qr.r', [a], {'mode': mode}, lambda: L.qr(a, mode=mode)[1]
                 if mode != 'r' else L.qr(a, mode=mode))
            if mode != 'r':
                emit(name('qr', [a], {'mode': mode}), 'qr.q', [a], {'mode': mode}, lambda: L.qr(a, mode=mode)[0])
        emit(name('svdvals', [a], {}), 'svdvals', [a], {}, lambda: L.svdvals(a))
        emit(name('pinv', [a], {}), 'pinv', [a], {}, lambda: L.pinv(a))
        emit(name('matrix_rank', [a], {}), 'matrix_rank', [a], {}, lambda: L.matrix_rank(a))
        for ordv in [None, 'fro', 'nuc', 1, -1, 2, -2, np.inf, -np.inf]:
            if a.ndim >= 2 and a.size > 0 or ordv in (None, 'fro', 1, np.inf):
                emit(name('norm', [a], {'ord': ordv, 'axis': 'none'}), 'norm', [a], {'ord': ordv, 'axis': 'none'},
                     lambda: L.norm(a, ordv))
        for ordv in [None, 0, 1, 2, 3, 0.5, np.inf, -np.inf, -1]:
            emit(name('norm', [a], {'ord': ordv, 'axis': '-1'}), 'norm', [a], {'ord': ordv, 'axis': '-1'},
                 lambda: L.norm(a, ordv, axis=-1))
        if len(shape) == 2 and shape[0] > 0:
            for rhs in [(shape[0],), (shape[0], 2)]:
                b = rect(dt, rhs)
                for part in ['x', 'residuals', 'rank', 's']:
                    emit(name('lstsq', [a, b], {}), 'lstsq.' + part, [a, b], {},
                         lambda: L.lstsq(a, b)[['x', 'residuals', 'rank', 's'].index(part)])

# rank-deficient and singular matrices
sing = np.array([[1., 2, 3], [2, 4, 6], [1, 0, 1]])
for dt in ['float64', 'float32']:
    s = sing.astype(dt)
    emit(name('det singular', [s], {}), 'det', [s], {}, lambda: L.det(s))
    emit(name('inv singular', [s], {}), 'inv', [s], {}, lambda: L.inv(s))
    emit(name('solve singular', [s, s[0]], {}), 'solve', [s, s[0]], {}, lambda: L.solve(s, s[0]))
    emit(name('matrix_rank singular', [s], {}), 'matrix_rank', [s], {}, lambda: L.matrix_rank(s))
    emit(name('matrix_rank tol', [s], {'tol': 0.5}), 'matrix_rank', [s], {'tol': 0.5},
         lambda: L.matrix_rank(s, tol=0.5))
    emit(name('cond singular', [s[:2, :2]], {'p': 1}), 'cond', [s[:2, :2]], {'p': 1}, lambda: L.cond(s[:2, :2], 1))
    zero = np.zeros((2, 2), dt)
    emit(name('slogdet zeros', [zero], {}), 'slogdet.logabsdet', [zero], {}, lambda: L.slogdet(zero)[1])
    emit(name('pinv zeros', [zero], {}), 'pinv', [zero], {}, lambda: L.pinv(zero))
    notpd = np.array([[1., 2], [2, 1]], dt)
    emit(name('cholesky not pd', [notpd], {}), 'cholesky', [notpd], {}, lambda: L.cholesky(notpd))
    nan = np.array([[np.nan, 1], [1, 1]], dt)
    emit(name('svdvals nan', [nan], {}), 'svdvals', [nan], {}, lambda: L.svdvals(nan))
    emit(name('lstsq nan', [nan, nan[0]], {}), 'lstsq.x', [nan, nan[0]], {}, lambda: L.lstsq(nan, nan[0])[0])
    emit(name('norm nan', [nan], {}), 'norm', [nan], {'ord': None, 'axis': 'none'}, lambda: L.norm(nan))
    # LAPACK lets NaN through: no error, NaN where it reaches (a negative minor before it still raises). Not
    # [[nan, 1], [1, 1]]: OpenBLAS's pivot search calls that one singular, an artifact of its kernel
    nan2 = np.array([[1, 1], [np.nan, 1]], dt)
    for fn in ['solve', 'inv']:
        emit(name(fn + ' nan', [nan2], {}), fn, [nan2, nan2[0]] if fn == 'solve' else [nan2], {},
             lambda: L.solve(nan2, nan2[0]) if fn == 'solve' else L.inv(nan2))
    # a NaN below a zero pivot never wins the pivot search (LAPACK's idamax: |x| > best): the zero pivot stays,
    # and the matrix is singular; a NaN below a nonzero one swaps nothing (slogdet's sign stays 1)
    nan3 = np.array([[0, 1], [np.nan, 1]], dt)
    for fn in ['solve', 'inv']:
        emit(name(fn + ' nan below zero', [nan3], {}), fn, [nan3, nan3[0]] if fn == 'solve' else [nan3], {},
             lambda: L.solve(nan3, nan3[0]) if fn == 'solve' else L.inv(nan3))
    emit(name('det nan below zero', [nan3], {}), 'det', [nan3], {}, lambda: L.det(nan3))
    for part in ['sign', 'logabsdet']:
        for m, label in [(nan3, 'nan below zero'), (nan2, 'nan below one')]:
            emit(name('slogdet ' + label, [m], {}), 'slogdet.' + part, [m], {},
                 lambda: L.slogdet(m)[['sign', 'logabsdet'].index(part)])
    # the same past the sizes a backend may solve a thread or a warp a matrix (20 x 20), and past those it may
    # solve a block a matrix (80 x 80: a GPU's solver library), each also transposed (a column-major library sees
    # a row-major matrix transposed): a NaN on the diagonal of a later column stays there though a 3 lies below
    # it; a NaN below a zero pivot leaves it singular
    for size in [20, 80]:
        for how, turn in [('', lambda m: m), (' transposed', lambda m: m.T.copy())]:
            big = np.eye(size, dtype=dt)
            big[5, 5], big[9, 5] = np.nan, 3
            big = turn(big)
            for part in ['sign', 'logabsdet']:
                emit(name('slogdet nan on the diagonal' + how, [big], {}), 'slogdet.' + part, [big], {},
                     lambda: L.slogdet(big)[['sign', 'logabsdet'].index(part)])
            big0 = np.eye(size, dtype=dt)
            big0[5, 5], big0[9, 5] = 0, np.nan
            big0 = turn(big0)
            for fn in ['solve', 'inv']:
                args = [big0, big0[0]] if fn == 'solve' else [big0]
                emit(name(fn + ' nan below zero' + how, args, {}), fn, args, {},
                     lambda: L.solve(big0, big0[0]) if fn == 'solve' else L.inv(big0))
            emit(name('det nan below zero' + how, [big0], {}), 'det', [big0], {}, lambda: L.det(big0))
    for k, (i, j, v, neg) in enumerate([(1, 1, np.nan, None), (2, 0, np.nan, None), (2, 2, np.nan, 1),
                                        (1, 1, np.nan, 2)]):
        c = np.eye(3, dtype=dt)
        c[i, j] = c[j, i] = v
        if neg is not None:
            c[neg, neg] = -1
        for upper in [False, True]:
            emit(name('cholesky nan %d' % k, [c], {'upper': upper}), 'cholesky', [c], {'upper': upper},
                 lambda: L.cholesky(c, upper=upper))

# cond
for dt in ['float64', 'float32']:
    for batch, n in [((), 3), ((2,), 2), ((), 1)]:
        a = square(dt, batch, n)
        for p in [None, 2, -2, 1, -1, np.inf, -np.inf, 'fro', 'nuc']:
            emit(name('cond', [a], {'p': p}), 'cond', [a], {'p': p}, lambda: L.cond(a, p))

# multi_dot
for shapes in [[(2, 3), (3, 4), (4, 1)], [(3,), (3, 4), (4, 2), (2,)], [(5, 2), (2, 6), (6, 3), (3, 4)],
               [(4,), (4, 2), (2, 3)], [(2, 3), (3,)], [(3, 3), (3, 3), (3, 3), (3, 3), (3, 2)]]:
    arrs = [rect('float64', s) for s in shapes]
    emit(name('multi_dot', arrs, {}), 'multi_dot', arrs, {}, lambda: L.multi_dot(arrs))

# hard spectra at orders past a backend's small-matrix path (divide and conquer's deflation, scaling to range):
# the values LAPACK computes, compared within the table's rounding
def similar(values):
    q = np.linalg.qr(rng.normal(0, 1, (len(values), len(values))))[0]
    m = q @ np.diag(values) @ q.T
    return (m + m.T) / 2


def wilkinson(n):
    return np.diag(np.abs(np.arange(n) - n // 2).astype(float)) + np.eye(n, k=1) + np.eye(n, k=-1)


for n in [40, 70]:
    hard = {'ones': np.ones((n, n)), 'wilkinson': wilkinson(n), 'repeated': similar(np.arange(n) % 3.0),
            'graded': similar(10.0 ** np.linspace(-15, 0, n)), 'huge': similar(np.arange(n) - n / 2) * 2.0 ** 1000,
            'rank1': np.outer(np.arange(n) - 7.5, np.arange(n) - 7.5)}
    for label, m in hard.items():
        for dt in (['float64', 'float32'] if label in ('ones', 'wilkinson') else ['float64']):
            x = m.astype(dt)
            emit(name('eigvalsh ' + label, [x], {}), 'eigvalsh', [x], {}, lambda: L.eigvalsh(x))
            emit(name('svdvals ' + label, [x], {}), 'svdvals', [x], {}, lambda: L.svdvals(x))
            emit(name('qr ' + label, [x], {'mode': 'r'}), 'qr.r', [x], {'mode': 'r'}, lambda: L.qr(x, mode='r'))

# NumPy's errors
one = np.ones(3)
rectm = np.ones((2, 3))
for fn in ['det', 'inv', 'eigvalsh', 'cholesky', 'slogdet.sign']:
    for x in [one, rectm]:
        f = getattr(L, fn.split('.')[0])
        emit(name(fn, [x], {}), fn, [x], {}, lambda: f(x))
for fn in ['svdvals', 'pinv', 'qr.r']:
    emit(name(fn, [one], {}), fn, [one], {}, lambda: getattr(L, fn.split('.')[0])(one))
h = np.eye(2, dtype=np.float16)
for fn in ['det', 'inv', 'svdvals', 'solve']:
    emit(name(fn, [h], {}), fn, [h] if fn != 'solve' else [h, h], {},
         lambda: getattr(L, fn)(h) if fn != 'solve' else L.solve(h, h))
e2 = np.eye(2)
emit(name('solve', [e2, one], {}), 'solve', [e2, one], {}, lambda: L.solve(e2, one))
emit(name('solve', [e2, np.ones((3, 1))], {}), 'solve', [e2, np.ones((3, 1))], {},
     lambda: L.solve(e2, np.ones((3, 1))))
emit(name('lstsq', [e2, one], {}), 'lstsq.x', [e2, one], {}, lambda: L.lstsq(e2, one)[0])
emit(name('lstsq', [np.ones((2, 2, 2)), e2], {}), 'lstsq.x', [np.ones((2, 2, 2)), e2], {},
     lambda: L.lstsq(np.ones((2, 2, 2)), e2)[0])
emit(name('norm', [rectm], {'ord': 'fro', 'axis': '0'}), 'norm', [rectm], {'ord': 'fro', 'axis': '0'},
     lambda: L.norm(rectm, 'fro', axis=0))
emit(name('norm', [rectm], {'ord': 3, 'axis': 'none'}), 'norm', [rectm], {'ord': 3, 'axis': 'none'},
     lambda: L.norm(rectm, 3))
emit(name('norm', [np.ones((2, 2, 2))], {'ord': None, 'axis': '0,1,2'}), 'norm', [np.ones((2, 2, 2))],
     {'ord': None, 'axis': '0,1,2'}, lambda: L.norm(np.ones((2, 2, 2)), axis=(0, 1, 2)))
emit(name('norm', [rectm], {'ord': None, 'axis': '2'}), 'norm', [rectm], {'ord': None, 'axis': '2'},
     lambda: L.norm(rectm, axis=2))
emit(name('norm', [rectm], {'ord': None, 'axis': '1,-1'}), 'norm', [rectm], {'ord': None, 'axis': '1,-1'},
     lambda: L.norm(rectm, axis=(1, -1)))
emit(name('cond', [np.zeros((0, 0))], {'p': None}), 'cond', [np.zeros((0, 0))], {'p': None},
     lambda: L.cond(np.zeros((0, 0))))
emit(name('multi_dot', [one], {}), 'multi_dot', [one], {}, lambda: L.multi_dot([one]))
emit(name('multi_dot', [one, np.ones((3, 3, 3)), one], {}), 'multi_dot', [one, np.ones((3, 3, 3)), one], {},
     lambda: L.multi_dot([one, np.ones((3, 3, 3)), one]))
emit(name('matrix_power', [rectm], {'n': 2}), 'matrix_power', [rectm], {'n': 2}, lambda: L.matrix_power(rectm, 2))
emit(name('matrix_power singular', [sing], {'n': -1}), 'matrix_power', [sing], {'n': -1},
     lambda: L.matrix_power(sing, -1))
emit(name('eigvalsh', [e2], {'UPLO': 'x'}), 'eigvalsh', [e2], {'UPLO': 'x'}, lambda: L.eigvalsh(e2, UPLO='x'))
emit(name('qr', [e2], {'mode': 'x'}), 'qr.r', [e2], {'mode': 'x'}, lambda: L.qr(e2, mode='x'))

# NumPy 2's array-API functions: vector_norm, matrix_norm, vecdot, cross, tensorsolve, tensorinv, matrix_transpose,
# outer, diagonal, trace, matmul, tensordot
for dt in ['float64', 'float32', 'int64']:
    x = rect(dt, (2, 3, 4))
    special = np.array([[np.nan, 1, -0.0], [np.inf, -2, 3]]) if dt == 'float64' else rect(dt, (2, 3))
    for arr in [x, special, rect(dt, (0, 3)), rect(dt, ())]:
        for ord_ in [None, 1, np.inf, -np.inf, 0, 3, -1.5]:
            for axis, ax in [('none', None), ('-1', -1), ('0', 0), ('0,2', (0, 2)), ('2,0', (2, 0))]:
                if ax is not None and arr.ndim == 0 or isinstance(ax, tuple) and arr.ndim < 3:
                    continue
                for keep in [False, True]:
                    p_ = {'ord': ord_, 'axis': axis, 'keepdims': keep}
                    emit(name('vector_norm', [arr], p_), 'vector_norm', [arr], p_,
                         lambda: L.vector_norm(arr, ord=2 if ord_ is None else ord_, axis=ax, keepdims=keep))
    for ord_ in [None, 'fro', 'nuc', 1, -1, 2, -2, np.inf, -np.inf]:
        for arr in [x, special]:
            p_ = {'ord': ord_, 'keepdims': arr is special}
            emit(name('matrix_norm', [arr], p_), 'matrix_norm', [arr], p_,
                 lambda: L.matrix_norm(arr, ord='fro' if ord_ is None else ord_, keepdims=arr is special))
    for a, b, axis in [(rect(dt, (3,)), rect(dt, (3,)), -1), (rect(dt, (2, 4, 3)), rect(dt, (4, 3)), -1),
                       (rect(dt, (3, 2)), rect(dt, (3, 1)), 0), (rect(dt, (0, 3)), rect(dt, (3,)), -1),
                       (rect(dt, (2, 0)), rect(dt, (2, 0)), -1), (rect(dt, (2, 3)), rect(dt, (4,)), -1),
                       (rect(dt, ()), rect(dt, (3,)), -1), (rect(dt, (2, 3)), rect(dt, (2, 3)), 5)]:
        p_ = {'axis': axis}
        emit(name('vecdot', [a, b], p_), 'vecdot', [a, b], p_, lambda: L.vecdot(a, b, axis=axis))
    for a, b, axis in [(rect(dt, (3,)), rect(dt, (3,)), -1), (rect(dt, (2, 4, 3)), rect(dt, (4, 3)), -1),
                       (rect(dt, (3, 2)), rect(dt, (3, 1)), 0), (rect(dt, (2, 3, 5)), rect(dt, (3, 5)), -2),
                       (rect(dt, (0, 3)), rect(dt, (3,)), -1), (rect(dt, (2,)), rect(dt, (3,)), -1)]:
        p_ = {'axis': axis}
        emit(name('cross', [a, b], p_), 'cross', [a, b], p_, lambda: L.cross(a, b, axis=axis))
    if dt == 'float64':
        nanv = np.array([np.nan, 1, np.inf])
        emit(name('cross special', [nanv, nanv[::-1].copy()], {'axis': -1}), 'cross', [nanv, nanv[::-1].copy()],
             {'axis': -1}, lambda: L.cross(nanv, nanv[::-1]))
        emit(name('vecdot special', [nanv, nanv], {'axis': -1}), 'vecdot', [nanv, nanv], {'axis': -1},
             lambda: L.vecdot(nanv, nanv))
    t6 = (rng.normal(0, 1, (6, 6)) + 6 * np.eye(6)).astype(dt if dt != 'int64' else 'float64')
    if dt == 'int64':
        t6 = np.round(t6).astype('int64')
    for shape, b_shape, axes in [((2, 3, 6), (2, 3), None), ((6, 2, 3), (6,), None), ((6, 2, 3), (2, 3), '0'),
                                 ((2, 3, 5), (2, 3), None)]:
        a = t6.reshape(-1)[:np.prod(shape)].reshape(shape) if np.prod(shape) == 36 else rect(dt, shape)
        b = rect(dt, b_shape)
        p_ = {'axes': axes if axes is not None else 'none'}
        emit(name('tensorsolve', [a, b], p_), 'tensorsolve', [a, b], p_,
             lambda: L.tensorsolve(a, b, axes=None if axes is None else (0,)))
    for shape, ind in [((6, 2, 3), 1), ((2, 3, 6), 2), ((2, 3, 6), 0), ((2, 3, 4), 1), ((36,), 5)]:
        a = t6.reshape(shape) if np.prod(shape) == 36 else rect(dt, shape)
        emit(name('tensorinv', [a], {'ind': ind}), 'tensorinv', [a], {'ind': ind}, lambda: L.tensorinv(a, ind=ind))
    for arr in [x, rect(dt, (3,))]:
        emit(name('matrix_transpose', [arr], {}), 'matrix_transpose', [arr], {}, lambda: L.matrix_transpose(arr))
    for a, b in [(rect(dt, (3,)), rect(dt, (4,))), (rect(dt, (0,)), rect(dt, (2,))), (rect(dt, (2, 2)), rect(dt, (2,)))]:
        emit(name('outer', [a, b], {}), 'outer', [a, b], {}, lambda: L.outer(a, b))
    for arr in [x, rect(dt, (3, 3)), rect(dt, (3,))]:
        for off in [0, 1, -1, 5]:
            emit(name('diagonal', [arr], {'offset': off}), 'diagonal', [arr], {'offset': off},
                 lambda: L.diagonal(arr, offset=off))
            for tdt in [None, 'float32']:
                p_ = {'offset': off, 'dtype': tdt}
                emit(name('trace', [arr], p_), 'trace', [arr], p_, lambda: L.trace(arr, offset=off, dtype=tdt))
    for a, b in [(rect(dt, (2, 3, 4)), rect(dt, (4, 2))), (rect(dt, (3,)), rect(dt, (3, 2))),
                 (rect(dt, (2, 3)), rect(dt, (2, 3)))]:
        emit(name('matmul', [a, b], {}), 'matmul', [a, b], {}, lambda: L.matmul(a, b))
    for a, b, ax in [(rect(dt, (2, 3, 4)), rect(dt, (3, 4, 2)), 2), (rect(dt, (2, 3)), rect(dt, (4,)), 0),
                     (rect(dt, (2, 3)), rect(dt, (3, 2)), 1)]:
        emit(name('tensordot', [a, b], {'axes': ax}), 'tensordot', [a, b], {'axes': ax},
             lambda: L.tensordot(a, b, axes=ax))

# hermitian=True: svd's S (and U diag(S) Vh giving the matrix back), pinv and matrix_rank through eigh
for dt in ['float64', 'float32']:
    for batch, n in [((), 4), ((2,), 3), ((), 1)]:
        h = square(dt, batch, n, sym=True)
        emit(name('svd hermitian', [h], {}), 'svd_hermitian.s', [h], {},
             lambda: L.svd(h, compute_uv=False, hermitian=True))
        emit(name('svd hermitian usvh', [h], {}), 'svd_hermitian.usvh', [h], {},
             lambda: (lambda u, s, vh: (u * s[..., None, :]) @ vh)(*L.svd(h, hermitian=True)))
        emit(name('pinv hermitian', [h], {}), 'pinv_hermitian', [h], {}, lambda: L.pinv(h, hermitian=True))
        emit(name('matrix_rank hermitian', [h], {}), 'matrix_rank_hermitian', [h], {},
             lambda: L.matrix_rank(h, hermitian=True))
    low = np.diag(np.array([3.0, -2.0, 0.0], dtype=dt)) + np.tril(np.ones((3, 3), dtype=dt), -1)
    emit(name('svd hermitian lower', [low], {}), 'svd_hermitian.s', [low], {},
         lambda: L.svd(low, compute_uv=False, hermitian=True))
    emit(name('pinv hermitian lower', [low], {}), 'pinv_hermitian', [low], {}, lambda: L.pinv(low, hermitian=True))
    emit(name('matrix_rank hermitian lower', [low], {}), 'matrix_rank_hermitian', [low], {},
         lambda: L.matrix_rank(low, hermitian=True))
    emit(name('svd hermitian not square', [rect(dt, (2, 3))], {}), 'svd_hermitian.s', [rect(dt, (2, 3))], {},
         lambda: L.svd(rect(dt, (2, 3)), compute_uv=False, hermitian=True))

# infinities in the LU paths (within and past a backend's small-matrix kernels): an inf pivot, an inf below a zero
# pivot (it wins the pivot search, then inf - inf makes NaN), -inf on the diagonal (the sign)
for dt in ['float64', 'float32']:
    for size in [3, 20, 80]:
        for how, where in [('inf pivot', [(1, 1, np.inf)]), ('inf below zero', [(1, 1, 0.0), (2, 1, np.inf)]),
                           ('minus inf', [(0, 0, -np.inf)])]:
            m = np.eye(size, dtype=dt)
            for i, j, v in where:
                m[i, j] = v
            for part in ['sign', 'logabsdet']:
                emit(name('slogdet ' + how, [m], {}), 'slogdet.' + part, [m], {},
                     lambda: L.slogdet(m)[['sign', 'logabsdet'].index(part)])
            emit(name('det ' + how, [m], {}), 'det', [m], {}, lambda: L.det(m))
            emit(name('solve ' + how, [m, m[0]], {}), 'solve', [m, m[0]], {}, lambda: L.solve(m, m[0]))
            emit(name('inv ' + how, [m], {}), 'inv', [m], {}, lambda: L.inv(m))

# determinants whose partial products leave the dtype's range though the result does not (NumPy goes through logs)
for case, (dt, diag) in enumerate([('float32', [1e20, 1e20, 1e-30]), ('float32', [1e-30, 1e-30, 1e30]), ('float64', [1e200, 1e200, 1e-300]),
                 ('float64', [1e-200, 1e-200, 1e300]), ('float32', [-1e20, 1e20, -1e-30])]):
    for size in [3, 70]:
        m = np.eye(size, dtype=dt)
        m[[0, 1, 2], [0, 1, 2]] = diag
        emit(name('det out of range on the way %d' % case, [m], {}), 'det', [m], {}, lambda: L.det(m))

# cholesky with infinities: an inf on the diagonal passes through (0 / inf = 0 below it), inf beside it makes a
# later diagonal -inf (not positive definite), -inf on the diagonal is not positive definite
for dt in ['float64', 'float32']:
    for size in [3, 70]:
        for case, where in enumerate([[(0, 0, np.inf)], [(0, 1, np.inf), (1, 0, np.inf)], [(1, 1, -np.inf)]]):
            m = 4 * np.eye(size, dtype=dt)
            for i, j, v in where:
                m[i, j] = v
            for upper in [False, True]:
                emit(name('cholesky inf %d' % case, [m], {'upper': upper}), 'cholesky', [m], {'upper': upper},
                     lambda: L.cholesky(m, upper=upper))

emit(name('matrix_rank tol and rtol', [np.eye(3)], {}), 'matrix_rank_both', [np.eye(3)], {},
     lambda: L.matrix_rank(np.eye(3), tol=0.1, rtol=0.1))

# vecdot and cross in the narrow dtypes: the gufunc keeps the operands' dtype (int8 and uint8 wrap), adds float16
# products in float, and bools give whether any pair is both true
for dt in ['float16', 'int8', 'uint8', 'bool']:
    big = np.array([100, 120, 7, 90], dtype='int64')
    a = (big if dt != 'bool' else big % 2).astype(dt)
    b = (big[::-1] if dt != 'bool' else big[::-1] % 3 == 0).astype(dt)
    for x1, x2 in [(a, b), (a.reshape(2, 2), b[:2]), (a[:0], b[:0])]:
        emit(name('vecdot', [x1, x2], {'axis': -1}), 'vecdot', [x1, x2], {'axis': -1}, lambda: L.vecdot(x1, x2))
    if dt != 'bool':
        c1, c2 = a[:3], b[1:]
        emit(name('cross', [c1, c2], {'axis': -1}), 'cross', [c1, c2], {'axis': -1}, lambda: L.cross(c1, c2))

with open('numpy-linalg.tsv', 'w') as out:
    out.write('\n'.join(lines) + '\n')
