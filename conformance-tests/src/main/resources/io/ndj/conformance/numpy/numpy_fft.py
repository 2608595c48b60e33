"""Writes numpy-fft.tsv beside this script: numpy.fft evaluated by NumPy 2.

Run with NumPy >= 2 from this folder:  python3 numpy_fft.py > numpy-fft.tsv   (deterministic)
Each line (tab-separated): label, function, input dtype, input shape, input values, parameters (key=value;...),
then 'ERR' and NumPy's message, or the result's dtype, shape and values. Complex values are written as
re,im pairs; every float as repr() (exact), nan/inf/-inf by name."""
import numpy as np

rng = np.random.default_rng(20261206)


def fmt(v):
    v = np.asarray(v)
    if np.iscomplexobj(v):
        v = np.stack([v.real, v.imag], axis=-1)
    return ','.join(repr(float(x)) if np.isfinite(x) else ('nan' if np.isnan(x) else ('inf' if x > 0 else '-inf'))
                    for x in np.asarray(v, dtype=np.float64).reshape(-1))


def shape_str(s):
    return ','.join(str(d) for d in s)


def rand(dtype, shape):
    n = int(np.prod(shape, dtype=np.int64))
    if dtype.startswith('complex'):
        v = rng.normal(0, 3, n) + 1j * rng.normal(0, 3, n)
    elif dtype.startswith('float'):
        v = rng.normal(0, 3, n)
    elif dtype == 'bool':
        v = rng.integers(0, 2, n)
    else:
        v = rng.integers(-20, 20, n)
    return np.asarray(v).astype(dtype).reshape(shape)


def params(p):
    out = []
    for k, v in p.items():
        if v is None:
            v = 'none'
        elif isinstance(v, (tuple, list)):
            v = ','.join(str(x) for x in v)
        out.append(f'{k}={v}')
    return ';'.join(out) if out else '-'


def case(label, fn, x, **p):
    f = getattr(np.fft, fn)
    kw = {k: v for k, v in p.items() if v is not None}
    head = [label, fn, str(x.dtype), shape_str(x.shape), fmt(x), params(p)]
    try:
        r = f(x, **kw)
    except Exception as e:  # noqa: BLE001 - NumPy's message is the expected answer
        print('\t'.join(head + ['ERR', str(e)]))
        return
    print('\t'.join(head + [str(r.dtype), shape_str(r.shape), fmt(r)]))


k = 0
lengths = [1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 16, 17, 30, 31, 32, 49, 60, 64, 97, 100, 127, 128, 210, 256]
for fn in ['fft', 'ifft']:
    for n in lengths:
        for dtype in ['complex128', 'complex64', 'float64', 'float32', 'int32']:
            x = rand(dtype, (n,))
            k += 1
            case(f'{fn}-{k}', fn, x, norm=['backward', 'ortho', 'forward'][k % 3])
for fn in ['rfft', 'ihfft']:
    for n in lengths:
        for dtype in ['float64', 'float32', 'int64', 'bool']:
            x = rand(dtype, (n,))
            k += 1
            case(f'{fn}-{k}', fn, x, norm=['backward', 'ortho', 'forward'][k % 3])
for fn in ['irfft', 'hfft']:
    for m in [1, 2, 3, 5, 8, 9, 17, 33, 65]:
        for dtype in ['complex128', 'complex64', 'float64']:
            x = rand(dtype, (m,))
            for n in [None, 1, 2 * m - 1, 2 * m, m + 3]:
                if m == 1 and n is None:
                    continue
                k += 1
                case(f'{fn}-{k}', fn, x, n=n, norm=['backward', 'ortho', 'forward'][k % 3])
# n, axis, batches, views
for fn in ['fft', 'ifft', 'rfft', 'irfft', 'hfft', 'ihfft']:
    for shape, axis in [((3, 8), -1), ((3, 8), 0), ((4, 5, 6), 1), ((2, 3, 7), 0), ((0, 4), -1), ((5,), 0)]:
        for n in [None, 3, 10]:
            dtype = 'float64' if fn in ('rfft', 'ihfft') else 'complex128'
            x = rand(dtype, shape)
            k += 1
            case(f'{fn}-{k}', fn, x, n=n, axis=axis, norm=['backward', 'ortho', 'forward'][k % 3])
# n-d
for fn in ['fft2', 'ifft2', 'rfft2', 'irfft2', 'fftn', 'ifftn', 'rfftn', 'irfftn']:
    for shape, s, axes in [((4, 6), None, None), ((3, 5), (4, 4), None), ((2, 3, 4), None, None),
                           ((2, 3, 4), None, (0, 2)), ((2, 3, 4), (5, 3), (2, 0)), ((6, 4), (7,), None),
                           ((3, 4, 5), (2, 2, 2), None)]:
        if fn.endswith('2') and axes is None and s is not None and len(s) != 2:
            continue
        if fn.endswith('2') and axes is not None and len(axes) != 2:
            continue
        dtype = 'float32' if fn.startswith('rfft') else ('complex64' if k % 2 else 'complex128')
        x = rand(dtype, shape)
        k += 1
        case(f'{fn}-{k}', fn, x, s=s, axes=axes, norm=['backward', 'ortho', 'forward'][k % 3])
# specials: nan, inf, -0.0 propagate as NumPy's do
for v in [[np.nan, 0, 0, 0], [np.inf, 0, 0, 0], [-0.0, -0.0, -0.0], [1e300, 1e300, -1e300, 1e-300]]:
    x = np.asarray(v, dtype=np.float64)
    k += 1
    case(f'special-{k}', 'fft', x.astype(np.complex128))
# errors, in NumPy's words
for fn, x, p in [('fft', rand('float64', (4,)), dict(n=0)), ('fft', rand('float64', (4,)), dict(norm='x')),
                 ('irfft', rand('complex128', (1,)), dict()), ('rfft', rand('complex128', (4,)), dict()),
                 ('fftn', rand('float64', (2, 2)), dict(s=(2, 2), axes=(0,))),
                 ('ifft', rand('complex128', (0,)), dict())]:
    k += 1
    case(f'error-{k}', fn, x, **p)
