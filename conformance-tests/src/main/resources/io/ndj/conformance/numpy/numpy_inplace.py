"""Writes numpy-inplace.tsv beside this script: ufuncs with out= and Python's in-place operators, by NumPy 2.

Run with NumPy >= 2 from this folder:  python3 numpy_inplace.py > numpy-inplace.tsv   (deterministic)
Each line: label; form ('out': np.UFUNC(a, b, out=o); 'unary': np.UFUNC(a, out=o); 'inplace': o OP= b, where o
is the target; 'overlap': the target's own views, see OVERLAPS); the ufunc or operator (iadd, isub, ...); a as
dtype|values|shape or '-'; b likewise, or 'scalar-int|v|' / 'scalar-float|v|' for a Python number, or '-'; the
target's base array as dtype|values|shape; the view of the base that is the target (none, T, rev, step, bcast,
0d); then 'ERR' and NumPy's message (the base must then be unchanged), or the base's dtype, shape and values after
the call."""
import warnings

import numpy as np

rng = np.random.default_rng(20261206)
DTYPES = ['float64', 'float32', 'float16', 'int64', 'int32', 'int16', 'int8', 'uint8', 'bool']
BINARY = ['add', 'subtract', 'multiply', 'divide', 'floor_divide', 'remainder', 'power', 'maximum', 'minimum',
          'fmax', 'arctan2', 'hypot', 'copysign', 'fmod', 'bitwise_and', 'bitwise_or', 'bitwise_xor', 'left_shift',
          'right_shift', 'less', 'equal', 'greater_equal']
UNARY = ['negative', 'absolute', 'sqrt', 'square', 'exp', 'sin', 'floor', 'rint', 'sign', 'invert', 'isnan',
         'logical_not', 'cbrt']
OPS = {'iadd': '+', 'isub': '-', 'imul': '*', 'itruediv': '/', 'ifloordiv': '//', 'imod': '%', 'ipow': '**',
       'iand': '&', 'ior': '|', 'ixor': '^', 'ilshift': '<<', 'irshift': '>>'}
OVERLAPS = ['shift-right', 'shift-left', 'row', 'transpose', 'self', 'reversed']
lines = []


def pick(seq):
    return seq[int(rng.integers(len(seq)))]


def fmt(v):
    return ','.join(repr(float(x)) if np.isfinite(x) else ('nan' if np.isnan(x) else ('inf' if x > 0 else '-inf'))
                    for x in np.asarray(v, dtype=np.float64).reshape(-1))


def shp(s):
    return ','.join(map(str, s))


def vals(dtype, n, small):
    if dtype.startswith('float'):
        v = np.round(rng.normal(0, 2 if small else 6, n), 2)
        v[rng.random(n) < 0.06] = np.nan
        return v
    if dtype == 'bool':
        return rng.integers(0, 2, n).astype(float)
    if dtype == 'uint8':
        return rng.integers(0, 4 if small else 250, n).astype(float)
    return rng.integers(-3 if small else -100, 4 if small else 100, n).astype(float)


def arr(dtype, shape, small):
    v = vals(dtype, int(np.prod(shape)), small)
    return np.array(v, dtype=np.float64).astype(dtype).reshape(shape)


def spec(a):
    if a is None:
        return '-'
    if isinstance(a, (int, float)):
        return ('scalar-int' if isinstance(a, int) else 'scalar-float') + '|' + fmt([a]) + '|'
    return a.dtype.name + '|' + fmt(a) + '|' + shp(a.shape)


def view(base, code):
    return {'none': lambda b: b, 'T': lambda b: b.T, 'rev': lambda b: b[::-1], 'step': lambda b: b[::2],
            'bcast': lambda b: np.broadcast_to(b[:1], b.shape), '0d': lambda b: b[0, ...]}[code](base)


def base_for(code, target_shape):
    """The base array's shape whose view `code` has target_shape."""
    if code == 'T':
        return tuple(reversed(target_shape))
    if code == 'step':
        return (target_shape[0] * 2,) + tuple(target_shape[1:])
    if code == '0d':
        return (3,)
    return target_shape


def emit(label, form, fn, a, b, base, code, run):
    row = [label, form, fn, spec(a), spec(b), spec(base), code]
    before = base.copy()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            run()
        row += [base.dtype.name, shp(base.shape), fmt(base)]
    except Exception as e:
        assert np.array_equal(before, base, equal_nan=True), label
        row += ['ERR', str(e), '']
    lines.append('\t'.join(row))


def operand(dtype, shape, small):
    kind = pick(['array', 'array', 'array', 'scalar-int', 'scalar-float'])
    if kind == 'scalar-int':
        return int(rng.integers(0 if small else -3, 4 if small else 300))
    if kind == 'scalar-float':
        return round(float(rng.normal(0, 3)), 2)
    return arr(dtype, shape, small)


SHAPES = [(4,), (3, 4), (2, 3), (0,), (2, 1, 3), ()]
for k in range(220):
    fn = pick(BINARY)
    small = fn in ('power', 'left_shift', 'right_shift', 'multiply')
    tshape = pick(SHAPES)
    code = pick(['none', 'none', 'T', 'rev', 'step', '0d']) if tshape else 'none'
    if code in ('rev', 'step') and not tshape[0]:
        code = 'none'
    if code == '0d':
        tshape = ()
    ashape = pick([tshape, tshape[1:], (1,) + tshape[1:] if tshape else (), (5,)])
    a = arr(pick(DTYPES), ashape, small)
    b = operand(pick(DTYPES), pick([tshape, tshape[-1:], ()]), small)
    odt = pick(DTYPES)
    base = arr(odt, base_for(code, tshape), False)
    out = view(base, code)
    emit(f'out {fn} {spec(a).split("|")[0]}{ashape} {spec(b).split("|")[0]} -> {odt}{tshape} {code}', 'out', fn, a,
         b, base, code, lambda fn=fn, a=a, b=b, out=out: getattr(np, fn)(a, b, out=out))

for k in range(80):
    fn = pick(UNARY)
    tshape = pick(SHAPES)
    code = pick(['none', 'T', 'rev', 'step']) if tshape and tshape[0] else 'none'
    a = arr(pick(DTYPES), pick([tshape, tshape[1:]]), False)
    odt = pick(DTYPES)
    base = arr(odt, base_for(code, tshape), False)
    out = view(base, code)
    emit(f'unary {fn} {a.dtype}{a.shape} -> {odt}{tshape} {code}', 'unary', fn, a, None, base, code,
         lambda fn=fn, a=a, out=out: getattr(np, fn)(a, out=out))

for k in range(200):
    op = pick(list(OPS))
    small = op in ('ipow', 'ilshift', 'irshift', 'imul')
    tshape = pick(SHAPES)
    code = pick(['none', 'none', 'T', 'rev', 'step', 'bcast', '0d']) if tshape else 'none'
    if code in ('rev', 'step', 'bcast') and not tshape[0]:
        code = 'none'
    if code == '0d':
        tshape = ()
    b = operand(pick(DTYPES), pick([tshape, tshape[-1:], (), (5,)]), small)
    base = arr(pick(DTYPES), base_for(code, tshape), small)
    target = view(base, code)

    def run(op=op, b=b, target=target):
        t = target
        exec(f't {OPS[op]}= b', {}, {'t': t, 'b': b})

    emit(f'inplace {op} {base.dtype}{tshape} {code} {spec(b).split("|")[0]}', 'inplace', op, None, b, base, code, run)

for k in range(60):
    op = pick(['iadd', 'isub', 'imul', 'imaximum', 'itruediv'])
    over = pick(OVERLAPS)
    dt = pick(DTYPES[:7])
    shape = (6,) if over.startswith('shift') or over in ('self', 'reversed') else (3, 3)
    base = arr(dt, shape, True)

    def run(op=op, over=over, base=base):
        if op == 'imaximum':
            fn = np.maximum
        else:
            fn = {'iadd': np.add, 'isub': np.subtract, 'imul': np.multiply, 'itruediv': np.divide}[op]
        t, s = {'shift-right': (base[1:], base[:-1]), 'shift-left': (base[:-1], base[1:]), 'row': (base, base[0]),
                'transpose': (base, base.T), 'self': (base, base), 'reversed': (base, base[::-1])}[over]
        fn(t, s, out=t)

    emit(f'overlap {op} {dt}{shape} {over}', 'overlap', op, None, None, base, over, run)

print('\n'.join(lines))
