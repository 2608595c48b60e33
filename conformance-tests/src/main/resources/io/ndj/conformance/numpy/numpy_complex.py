"""Writes numpy-complex.tsv beside this script: complex64/complex128 arrays evaluated by NumPy 2.

Run with NumPy >= 2 from this folder:  python3 numpy_complex.py > numpy-complex.tsv   (deterministic)
Each line (tab-separated): label, operation, operands ('dtype|values|shape' joined by ' ; ', complex values as
re,im pairs), parameters (key=value;...; '-' for none), then 'ERR' and NumPy's message, 'str' and the printed
text (newlines as \\n), or the result's dtype, shape and values (complex as re,im pairs). Every float is
repr() (exact), nan/inf/-inf by name."""
import warnings

import numpy as np

rng = np.random.default_rng(20261206)
warnings.simplefilter('ignore')


def num(x):
    return repr(float(x)) if np.isfinite(x) else ('nan' if np.isnan(x) else ('inf' if x > 0 else '-inf'))


def fmt(v):
    v = np.asarray(v)
    if np.iscomplexobj(v):
        v = np.stack([v.real, v.imag], axis=-1)
    return ','.join(num(x) for x in np.asarray(v, dtype=np.float64).reshape(-1))


def operand(x):
    return f'{x.dtype}|{fmt(x)}|{",".join(str(d) for d in x.shape)}'


SPECIALS = [np.nan, np.inf, -np.inf, -0.0, 0.0]


def rand(dtype, shape, specials=False):
    n = int(np.prod(shape, dtype=np.int64))
    if dtype.startswith('complex'):
        re = np.round(rng.normal(0, 2, n), 3)
        im = np.round(rng.normal(0, 2, n), 3)
        if specials and n > 1:
            for _ in range(max(1, n // 4)):
                i = rng.integers(n)
                if rng.random() < 0.5:
                    re[i] = SPECIALS[rng.integers(len(SPECIALS))]
                else:
                    im[i] = SPECIALS[rng.integers(len(SPECIALS))]
        v = re + 1j * im
    elif dtype.startswith('float'):
        v = np.round(rng.normal(0, 2, n), 3)
    elif dtype == 'bool':
        v = rng.integers(0, 2, n)
    else:
        v = rng.integers(-9, 10, n)
    return np.asarray(v).astype(dtype).reshape(shape)


def emit(label, op, operands, params, f):
    head = [label, op, ' ; '.join(operand(x) for x in operands) if operands else '', params or '-']
    try:
        r = f()
    except Exception as e:  # noqa: BLE001 - NumPy's message is the expected answer
        print('\t'.join(head + ['ERR', str(e)]))
        return
    if isinstance(r, str):
        print('\t'.join(head + ['str', r.replace('\n', '\\n')]))
        return
    r = np.asarray(r)
    print('\t'.join(head + [str(r.dtype), ','.join(str(d) for d in r.shape), fmt(r)]))


k = 0
BIN = ['add', 'subtract', 'multiply', 'divide', 'power', 'equal', 'not_equal', 'less', 'less_equal', 'greater',
       'greater_equal', 'maximum', 'minimum']
OTHERS = ['complex128', 'complex64', 'float64', 'float32', 'int32', 'int8', 'bool']
for op in BIN:
    for ct in ['complex128', 'complex64']:
        for other in OTHERS:
            for shapes in [((5,), (5,)), ((2, 3), (3,)), ((4, 1), (1, 3))]:
                a = rand(ct, shapes[0], specials=op not in ('power',))
                b = rand(other, shapes[1], specials=op not in ('power',))
                if op == 'power':
                    a = np.round(a, 1)
                    b = np.round(b, 1) if other.startswith(('complex', 'float')) else b
                    b = np.clip(b.real, -3, 3).astype(b.dtype) if not other.startswith('complex') else b / 3
                k += 1
                x, y = (a, b) if k % 2 else (b, a)
                emit(f'{op}-{k}', op, [x, y], None, lambda: getattr(np, op)(x, y))
# Python complex and float scalars are weak
for op in ['add', 'multiply', 'divide', 'subtract']:
    for dt in ['float32', 'float16', 'int32', 'int8', 'complex64', 'complex128', 'bool']:
        for s in [complex(1.5, -2), 2.5, complex(0, 1)]:
            x = rand(dt, (4,))
            k += 1
            emit(f'{op}-scalar-{k}', op + '.scalar', [x], f're={num(s.real)};im={num(complex(s).imag)};'
                 f'complex={isinstance(s, complex)}', lambda: getattr(np, op)(x, s))
UN = ['negative', 'absolute', 'sign', 'sqrt', 'square', 'exp', 'exp2', 'expm1', 'log', 'log2', 'log10', 'log1p',
      'sin', 'cos', 'tan', 'sinh', 'cosh', 'tanh', 'conjugate', 'angle', 'real', 'imag', 'isnan', 'isinf',
      'isfinite', 'logical_not', 'rint']
for op in UN:
    for ct in ['complex128', 'complex64']:
        for shape in [(7,), (2, 3), ()]:
            specials = op in ('negative', 'conjugate', 'real', 'imag', 'isnan', 'isinf', 'isfinite', 'logical_not',
                              'absolute', 'square', 'angle')
            x = rand(ct, shape, specials=specials)
            k += 1
            emit(f'{op}-{k}', op, [x], None, lambda: getattr(np, op)(x))
for op in ['sum', 'prod', 'mean', 'var', 'std', 'any', 'all']:
    for ct in ['complex128', 'complex64']:
        for shape, axis in [((6,), None), ((3, 4), 0), ((3, 4), 1), ((2, 3, 4), (0, 2)), ((0, 3), 0), ((5,), 0)]:
            x = rand(ct, shape)
            if op == 'prod':
                x = (x / 2).astype(ct)
            k += 1
            emit(f'{op}-{k}', op, [x], f'axis={"none" if axis is None else ",".join(map(str, np.atleast_1d(axis)))}',
                 lambda: getattr(np, op)(x, axis=axis))
# printing, as print() shows it
for ct in ['complex128', 'complex64']:
    for shape in [(), (1,), (5,), (3, 3), (2, 2, 2), (1100,)]:
        for specials in [False, True]:
            x = rand(ct, shape, specials=specials and shape != ())
            if rng.random() < 0.3:
                x = (x * 10.0 ** rng.integers(-6, 9)).astype(ct)
            k += 1
            emit(f'print-{k}', 'str', [x], None, lambda: str(x))
for v in [1j, complex(-0.0, 1), complex(0, -0.0), 1e20 + 1j, complex(np.nan, np.nan), complex(np.inf, -np.inf),
          0.1 + 0.2j, 1.5 + 0j, 1e-5 + 2j, 123456.7 + 1j, complex(1e7, 1)]:
    for ct in ['complex128', 'complex64']:
        x = np.asarray(v, dtype=ct)
        k += 1
        emit(f'print-{k}', 'str', [x], None, lambda: str(x))
# casts
for src, dst in [('complex128', 'complex64'), ('complex64', 'complex128'), ('float32', 'complex64'),
                 ('float64', 'complex64'), ('int32', 'complex128'), ('bool', 'complex64'), ('complex128', 'float64'),
                 ('complex64', 'float32'), ('complex128', 'int32'), ('complex64', 'bool')]:
    x = rand(src, (6,))
    k += 1
    emit(f'astype-{k}', 'astype', [x], f'dtype={dst}', lambda: x.astype(dst))
# data movement
for ct in ['complex128', 'complex64']:
    x = rand(ct, (3, 4), specials=True)
    y = rand(ct, (2, 4))
    for label, f, ops, p in [
        ('concatenate', lambda: np.concatenate([x, y], 0), [x, y], None),
        ('take', lambda: np.take(x, [2, 0, 2], axis=1), [x], 'indices=2,0,2;axis=1'),
        ('where', lambda: np.where(x.real > 0, x, y[0]), [x, y], None),
        ('transpose', lambda: x.T.copy(), [x], None),
        ('flip', lambda: np.flip(x, 1), [x], None),
        ('slice', lambda: x[::2, 1::2], [x], None),
        ('reshape', lambda: x.T.reshape(6, 2), [x], None),
        ('cumsum', lambda: np.cumsum(x, 1), [x], None),
    ]:
        k += 1
        emit(f'{label}-{k}', label, ops, p, f)
# products: four real products on the parts (NumPy: BLAS zgemm/cgemm)
for ct, other in [('complex128', 'complex128'), ('complex64', 'complex64'), ('complex128', 'float64'),
                  ('float32', 'complex64'), ('int32', 'complex64')]:
    for label, sa, sb, f in [('matmul', (3, 4), (4, 2), np.matmul), ('matmul', (2, 3, 4), (4,), np.matmul),
                             ('matmul', (4,), (2, 4, 3), np.matmul), ('dot', (5,), (5,), np.dot),
                             ('vdot', (2, 3), (6,), np.vdot), ('inner', (2, 3), (4, 3), np.inner),
                             ('outer', (3,), (2,), np.outer), ('matmul', (0, 3), (3, 2), np.matmul)]:
        a = rand(ct, sa)
        b = rand(other, sb)
        k += 1
        emit(f'{label}-{k}', label, [a, b], None, lambda: f(a, b))
# ordering: sort and argsort (NaN parts last), max and min (lexicographic)
for ct in ['complex128', 'complex64']:
    for shape, axis in [((9,), -1), ((3, 5), 0), ((3, 5), 1), ((12,), -1)]:
        x = rand(ct, shape, specials=True)
        if shape == (12,):
            x = np.round(x.real) + 1j * np.round(x.imag)  # ties in the real parts
            x = x.astype(ct)
        for op in ['sort', 'argsort', 'max', 'min']:
            k += 1
            if op in ('max', 'min'):
                emit(f'{op}-{k}', op, [x], f'axis={axis}', lambda: getattr(np, op)(x, axis=axis))
            else:
                emit(f'{op}-{k}', op, [x], f'axis={axis}', lambda: getattr(np, op)(x, axis=axis, kind='stable'))
# the inverse trigonometric functions, away from their branch cuts
for op in ['arcsin', 'arccos', 'arctan']:
    for ct in ['complex128', 'complex64']:
        x = rand(ct, (8,))
        x = (x.real / 4 + 1j * (x.imag + np.sign(x.imag) * 0.1)).astype(ct)
        k += 1
        emit(f'{op}-{k}', op, [x], None, lambda: getattr(np, op)(x))
# argmax and argmin: the first of the lexicographic max (min), or the first NaN
for ct in ['complex128', 'complex64']:
    for shape, axis in [((9,), None), ((3, 5), 0), ((3, 5), 1)]:
        for specials in [False, True]:
            x = rand(ct, shape, specials=specials)
            x = (np.round(x.real) + 1j * np.round(x.imag)).astype(ct)  # ties
            for op in ['argmax', 'argmin']:
                k += 1
                emit(f'{op}-{k}', op, [x], f'axis={"none" if axis is None else axis}',
                     lambda: getattr(np, op)(x, axis=axis))
# the inverse hyperbolic functions (C99: casinh(z) = -i casin(iz), catanh(z) = -i catan(iz), cacosh from cacos),
# away from their branch cuts
for op in ['arcsinh', 'arccosh', 'arctanh']:
    for ct in ['complex128', 'complex64']:
        x = rand(ct, (8,))
        x = ((x.real + np.sign(x.real) * 0.1) + 1j * (x.imag + np.sign(x.imag) * 0.1)).astype(ct)
        k += 1
        emit(f'{op}-{k}', op, [x], None, lambda: getattr(np, op)(x))
# running products: one complex multiplication after another along the axis (NumPy's accumulate)
for ct in ['complex128', 'complex64']:
    for shape, axis in [((7,), None), ((3, 5), 0), ((3, 5), 1), ((2, 3, 4), 2), ((2, 3, 4), 1), ((0, 3), 1)]:
        for specials in [False, True]:
            x = rand(ct, shape, specials=specials)
            k += 1
            emit(f'cumprod-{k}', 'cumprod', [x], f'axis={"none" if axis is None else axis}',
                 lambda: np.cumprod(x, axis=axis))
