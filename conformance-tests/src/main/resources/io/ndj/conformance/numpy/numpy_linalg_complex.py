"""Writes numpy-linalg-complex.tsv beside this script: numpy.linalg on complex64 and complex128 matrices, by NumPy 2.

Run with NumPy >= 2 from this folder:  python3 numpy_linalg_complex.py   (deterministic)
Each line as numpy-linalg.tsv's (label, function, operands 'dtype|values|shape' joined by ' ; ', parameters, then
'ERR' and NumPy's message, or the result's dtype, shape and values), complex values as re,im pairs. Only what LAPACK
fixes: determinants, signs and logs, inverses, solutions, Cholesky factors, R (zgeqrf's real diagonal), eigenvalues
of Hermitian matrices and singular values; the kit checks Q and the vectors by their defining properties."""
import warnings

import numpy as np

rng = np.random.default_rng(20261207)
lines = []


def num(x):
    return repr(float(x)) if np.isfinite(x) else ('nan' if np.isnan(x) else ('inf' if x > 0 else '-inf'))


def fmt(v):
    v = np.asarray(v)
    if np.iscomplexobj(v):
        return ','.join(num(p) for z in v.reshape(-1) for p in (z.real, z.imag))
    return ','.join(num(x) for x in v.astype(np.float64).reshape(-1))


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


def cplx(shape, scale=2.0):
    return np.round(rng.normal(0, scale, shape), 3) + 1j * np.round(rng.normal(0, scale, shape), 3)


def name(fn, arrays, params):
    ops = ' '.join('%s%s' % (a.dtype.name, tuple(a.shape)) for a in arrays)
    return ('%s %s %s' % (fn, ops, ' '.join('%s=%s' % kv for kv in params.items()))).strip()


L = np.linalg
for dt in ['complex128', 'complex64']:
    for batch, n in [((), 1), ((), 2), ((), 3), ((), 5), ((2,), 3), ((0,), 2), ((), 0)]:
        a = (cplx(batch + (n, n)) + (n + 2) * np.eye(n)).astype(dt)
        emit(name('det', [a], {}), 'det', [a], {}, lambda: L.det(a))
        emit(name('slogdet', [a], {}), 'slogdet.sign', [a], {}, lambda: L.slogdet(a)[0])
        emit(name('slogdet', [a], {}), 'slogdet.logabsdet', [a], {}, lambda: L.slogdet(a)[1])
        emit(name('inv', [a], {}), 'inv', [a], {}, lambda: L.inv(a))
        b = cplx(batch + (n,)).astype(dt) if not batch else cplx(batch + (n, 2)).astype(dt)
        emit(name('solve', [a, b], {}), 'solve', [a, b], {}, lambda: L.solve(a, b))
        h = a + np.conj(np.swapaxes(a, -1, -2))
        for uplo in ['L', 'U']:
            emit(name('eigvalsh', [h], {'UPLO': uplo}), 'eigvalsh', [h], {'UPLO': uplo},
                 lambda: L.eigvalsh(h, UPLO=uplo))
        p = (a @ np.conj(np.swapaxes(a, -1, -2)) + n * np.eye(n)).astype(dt)
        for upper in [False, True]:
            emit(name('cholesky', [p], {'upper': upper}), 'cholesky', [p], {'upper': upper},
                 lambda: L.cholesky(p, upper=upper))
# mixed operands: a real matrix with a complex right-hand side, and the reverse
ar = np.round(rng.normal(0, 2, (3, 3)), 3) + 5 * np.eye(3)
bc = cplx((3,))
emit(name('solve', [ar, bc], {}), 'solve', [ar, bc], {}, lambda: L.solve(ar, bc))
ac = cplx((3, 3)) + 5 * np.eye(3)
br = np.round(rng.normal(0, 2, (3, 2)), 3)
emit(name('solve', [ac, br], {}), 'solve', [ac, br], {}, lambda: L.solve(ac, br))
a32 = ar.astype(np.float32)
bc64 = bc.astype(np.complex64)
emit(name('solve', [a32, bc64], {}), 'solve', [a32, bc64], {}, lambda: L.solve(a32, bc64))
# rectangular: R and singular values
for dt in ['complex128', 'complex64']:
    for shape in [(3, 3), (4, 2), (2, 5), (1, 1), (2, 3, 2), (6, 4)]:
        a = cplx(shape).astype(dt)
        for mode in ['reduced', 'complete', 'r']:
            emit(name('qr', [a], {'mode': mode}), 'qr.r', [a], {'mode': mode},
                 lambda: L.qr(a, mode=mode)[1] if mode != 'r' else L.qr(a, mode=mode))
        emit(name('svdvals', [a], {}), 'svdvals', [a], {}, lambda: L.svdvals(a))
# composed of the SVD: pinv, matrix_rank, lstsq, cond, the 2, -2 and nuc norms
for dt in ['complex128', 'complex64']:
    for shape in [(3, 3), (4, 2), (2, 5), (2, 3, 2)]:
        a = cplx(shape).astype(dt)
        emit(name('pinv', [a], {}), 'pinv', [a], {}, lambda: L.pinv(a))
        emit(name('matrix_rank', [a], {}), 'matrix_rank', [a], {}, lambda: L.matrix_rank(a))
        for ordv in [2, -2, 'nuc', 'fro', 1, np.inf]:
            ax = 'none' if a.ndim == 2 else '-2,-1'
            emit(name('norm', [a], {'ord': ordv, 'axis': ax}), 'norm', [a], {'ord': ordv, 'axis': ax},
                 lambda: L.norm(a, ordv) if a.ndim == 2 else L.norm(a, ordv, axis=(-2, -1)))
        if len(shape) == 2 and shape[0] == shape[1]:
            for p in [None, 2, -2, 1, np.inf, 'fro']:
                emit(name('cond', [a], {'p': p}), 'cond', [a], {'p': p}, lambda: L.cond(a, p))
    low = (cplx((4, 1)) @ cplx((1, 3))).astype(dt)  # rank one
    emit(name('matrix_rank rank one', [low], {}), 'matrix_rank', [low], {}, lambda: L.matrix_rank(low))
    emit(name('pinv rank one', [low], {}), 'pinv', [low], {}, lambda: L.pinv(low))
    for shape, rhs in [((5, 3), (5,)), ((5, 3), (5, 2)), ((3, 5), (3,)), ((4, 4), (4, 2))]:
        a = cplx(shape).astype(dt)
        b = cplx(rhs).astype(dt)
        for part in ['x', 'residuals', 'rank', 's']:
            emit(name('lstsq', [a, b], {}), 'lstsq.' + part, [a, b], {},
                 lambda: L.lstsq(a, b)[['x', 'residuals', 'rank', 's'].index(part)])
# errors
for dt in ['complex128', 'complex64']:
    s = np.array([[1, 2j], [1j, -2]], dtype=dt)  # rank one
    emit(name('inv singular', [s], {}), 'inv', [s], {}, lambda: L.inv(s))
    emit(name('det singular', [s], {}), 'det', [s], {}, lambda: L.det(s))
    emit(name('slogdet singular', [s], {}), 'slogdet.logabsdet', [s], {}, lambda: L.slogdet(s)[1])
    notpd = np.array([[1, 2j], [-2j, 1]], dtype=dt)
    emit(name('cholesky not pd', [notpd], {}), 'cholesky', [notpd], {}, lambda: L.cholesky(notpd))
    emit(name('det', [np.ones(3, dt)], {}), 'det', [np.ones(3, dt)], {}, lambda: L.det(np.ones(3, dt)))

# hermitian=True (eigh of the lower triangle): svd's S and U diag(S) Vh, pinv, matrix_rank
for dt in ['complex128', 'complex64']:
    for shape in [(3, 3), (2, 4, 4)]:
        c = cplx(shape)
        h = (c + np.conj(np.swapaxes(c, -1, -2))).astype(dt)
        emit(name('svd hermitian', [h], {}), 'svd_hermitian.s', [h], {},
             lambda: L.svd(h, compute_uv=False, hermitian=True))
        emit(name('svd hermitian usvh', [h], {}), 'svd_hermitian.usvh', [h], {},
             lambda: (lambda u, s, vh: (u * s[..., None, :]) @ vh)(*L.svd(h, hermitian=True)))
        emit(name('pinv hermitian', [h], {}), 'pinv_hermitian', [h], {}, lambda: L.pinv(h, hermitian=True))
        emit(name('matrix_rank hermitian', [h], {}), 'matrix_rank_hermitian', [h], {},
             lambda: L.matrix_rank(h, hermitian=True))

with open('numpy-linalg-complex.tsv', 'w') as out:
    out.write('\n'.join(lines) + '\n')
