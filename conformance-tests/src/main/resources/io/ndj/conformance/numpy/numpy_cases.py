"""Writes conformance-tests/src/main/resources/io/ndj/conformance/numpy/numpy-cases.tsv: elementwise results computed by NumPy 2 (the oracle).

Run with NumPy >= 2:  python3 conformance-tests/src/main/resources/io/ndj/conformance/numpy/numpy_cases.py > conformance-tests/src/main/resources/io/ndj/conformance/numpy/numpy-cases.tsv
Each line: label, op, dtype a, values a, shape a, dtype b (or 'scalar-int' / 'scalar-float' / '-'), values b,
shape b, then 'ERR' and NumPy's message, or the result's dtype, shape and values; last the ULP tolerance."""
import math
import warnings

import numpy as np

warnings.simplefilter('ignore')
DT = ['bool', 'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64', 'float16', 'float32',
      'float64']
INTS = DT[:9]
A = {
    'float': [-2.5, -1.0, -0.0, 0.0, 0.5, 1.0, 3.0, 7.25, float('nan'), float('inf'), -float('inf'), 1e-3],
    'int': [-7, -3, -1, 0, 1, 2, 5, 100],
    'uint8': [0, 1, 2, 5, 100, 200, 255, 7],
    'bool': [1, 0, 1, 0],
}
B = {
    'float': [1.5, -2.0, 0.0, -0.0, 3.0, 0.5, -1.0, 2.0, 1.0, float('nan'), 2.0, -4.0],
    'int': [3, -2, 0, 5, -1, 1, 2, 7],
    'uint8': [3, 2, 0, 5, 1, 1, 2, 7],
    'bool': [1, 1, 0, 0],
}
SMALL = {'int': [1, 2, 0, 3, 1, 7, 2, 4], 'uint8': [1, 2, 0, 3, 1, 7, 2, 4], 'bool': [1, 0, 1, 0],
         'float': B['float']}
BINARY = ['add', 'subtract', 'multiply', 'divide', 'floor_divide', 'remainder', 'power', 'arctan2', 'hypot',
          'maximum', 'minimum', 'fmax', 'fmin', 'bitwise_and', 'bitwise_or', 'bitwise_xor', 'left_shift',
          'right_shift', 'equal', 'not_equal', 'less', 'less_equal', 'greater', 'greater_equal', 'logical_and',
          'logical_or', 'logical_xor', 'copysign', 'nextafter', 'fmod', 'gcd', 'lcm', 'ldexp']
INEXACT = {'power', 'arctan2', 'hypot', 'exp', 'exp2', 'log', 'log2', 'log10', 'log1p', 'expm1', 'sin', 'cos',
           'tan', 'arcsin', 'arccos', 'arctan', 'sinh', 'cosh', 'tanh', 'cbrt', 'arcsinh', 'arccosh', 'arctanh'}
UNARY = ['negative', 'absolute', 'sign', 'sqrt', 'square', 'exp', 'exp2', 'log', 'log2', 'log10', 'log1p',
         'expm1', 'sin', 'cos', 'tan', 'arcsin', 'arccos', 'arctan', 'sinh', 'cosh', 'tanh', 'floor', 'ceil',
         'rint', 'trunc', 'invert', 'logical_not', 'isnan', 'isinf', 'isfinite', 'cbrt', 'signbit', 'arcsinh',
         'arccosh', 'arctanh']


def fam(d):
    return 'bool' if d == 'bool' else 'uint8' if d.startswith('uint') else 'int' if d.startswith('int') else 'float'


def fmt(vals):
    out = []
    for v in vals:
        v = float(v)
        out.append('nan' if math.isnan(v) else repr(v))
    return ','.join(out)


def arr(vals, d):
    return np.array(vals, dtype=np.float64).astype(d)


def line(label, op, da, va, sa, db, vb, sb, res, tol):
    head = [label, op, da, fmt(va), ','.join(map(str, sa)), db, fmt(vb) if vb is not None else '',
            ','.join(map(str, sb))]
    if isinstance(res, Exception):
        tail = ['ERR', str(res), '', '0']
    else:
        res = np.asarray(res)
        tail = [res.dtype.name, ','.join(map(str, res.shape)), fmt(res.ravel().tolist()), str(tol)]
    print('\t'.join(head + tail))


def run(f):
    try:
        return f()
    except Exception as e:  # NumPy's refusal is part of the spec
        return e


for op in BINARY:
    for d in DT:
        f = fam(d)
        va = A[f]
        vb = (SMALL if op in ('power', 'left_shift', 'right_shift', 'ldexp') else B)[f]
        n = min(len(va), len(vb))
        va, vb = va[:n], vb[:n]
        res = run(lambda: getattr(np, op)(arr(va, d), arr(vb, d)))
        line(f'{op} {d}', op, d, va, [n], d, vb, [n], res, 4 if op in INEXACT else 0)
for d1 in DT:
    for d2 in DT:
        va, vb = [1, 0, 1], [0, 1, 1, 0]
        # the float-only functions take each operand's smallest float (arctan2(int8, uint8) is float16)
        for op in ('add', 'divide', 'arctan2', 'copysign', 'nextafter', 'ldexp', 'gcd', 'fmod'):
            res = run(lambda: getattr(np, op)(arr(va, d1).reshape(3, 1), arr(vb, d2)))
            line(f'{op} {d1} {d2}', op, d1, va, [3, 1], d2, vb, [4], res, 4 if op in INEXACT else 0)
for d in DT:
    va = A[fam(d)][:4]
    for s in (2, 2.5, 300, -1):
        for op in ('add', 'subtract', 'multiply', 'divide', 'less', 'equal', 'power', 'maximum', 'copysign',
                   'fmod', 'gcd', 'ldexp'):
            if op == 'power' and s == -1 and fam(d) != 'float':
                continue
            res = run(lambda: getattr(np, op)(arr(va, d), s))
            kind = 'scalar-int' if isinstance(s, int) else 'scalar-float'
            line(f'{op} {d} {s}', op, d, va, [len(va)], kind, [s], [], res, 4 if op in INEXACT else 0)
for op in UNARY:
    for d in DT:
        va = A[fam(d)]
        res = run(lambda: getattr(np, op)(arr(va, d)))
        line(f'{op} {d}', op, d, va, [len(va)], '-', None, [], res, 4 if op in INEXACT else 0)
CAST_FROM_FLOAT = [-2.5, -1.0, -0.0, 0.0, 0.5, 1.0, 3.0, 7.25, 100.75]
for d1 in DT:
    for d2 in DT:
        f = fam(d1)
        if f == 'float':
            # negative floats wrap into the wider unsigned types as their int64 casts do; uint8 is not
            # generated from them (its loop differs by platform)
            va = [v for v in CAST_FROM_FLOAT if d2 != 'uint8' or v >= 0] if d2 in INTS else A['float']
        else:
            va = A[f]
        res = run(lambda: arr(va, d1).astype(d2))
        line(f'astype {d1} {d2}', 'astype', d1, va, [len(va)], d2, None, [], res, 0)
# the integer extremes of gcd/lcm/fmod (|int64 min| is 2^63) and nextafter's steps in each float width
EXT = [-2**63, 2**62, -2**63, 6, 0, -1]  # values a double holds exactly (the table is read as doubles)
EXT_B = [6, -2**63, 0, -2**63, -2**63, -2**63]
for op in ('gcd', 'lcm', 'fmod'):
    res = run(lambda: getattr(np, op)(np.array(EXT, np.int64), np.array(EXT_B, np.int64)))
    line(f'{op} int64 extremes', op, 'int64', EXT, [len(EXT)], 'int64', EXT_B, [len(EXT)], res, 0)
NA = [0.0, -0.0, 1.0, 1.0, -1.0, 65504.0, float('inf'), -float('inf'), 6e-08, 2.0, float('nan'), 3.0]
NB = [1.0, -1.0, 2.0, 0.0, -2.0, float('inf'), 0.0, 0.0, 0.0, 1.0, 1.0, 3.0]
for d in ('float16', 'float32', 'float64'):
    res = run(lambda: np.nextafter(arr(NA, d), arr(NB, d)))
    line(f'nextafter {d} steps', 'nextafter', d, NA, [len(NA)], d, NB, [len(NB)], res, 0)
# uint64 past int64 (values a double holds exactly): its order, division, shifts and conversions are unsigned
UA = [2**63, 2**63 + 2**11, 2**64 - 2**11, 3, 0, 2**63, 7, 2**64 - 2**11]
UB = [2**63, 3, 2**62, 0, 7, 1, 2**63, 2**64 - 2**11]
for op in ('add', 'subtract', 'multiply', 'floor_divide', 'remainder', 'fmod', 'maximum', 'minimum', 'less',
           'greater_equal', 'equal', 'bitwise_xor', 'gcd', 'lcm'):
    res = run(lambda: getattr(np, op)(arr(UA, 'uint64'), arr(UB, 'uint64')))
    line(f'{op} uint64 past int64', op, 'uint64', UA, [len(UA)], 'uint64', UB, [len(UB)], res, 0)
US = [1, 63, 64, 0, 2, 62, 3, 65]
for op in ('right_shift', 'left_shift'):
    res = run(lambda: getattr(np, op)(arr(UA, 'uint64'), arr(US, 'uint64')))
    line(f'{op} uint64 past int64', op, 'uint64', UA, [len(UA)], 'uint64', US, [len(US)], res, 0)
for op in ('negative', 'absolute', 'sign', 'sqrt', 'square', 'invert', 'signbit', 'log', 'floor'):
    res = run(lambda: getattr(np, op)(arr(UA, 'uint64')))
    line(f'{op} uint64 past int64', op, 'uint64', UA, [len(UA)], '-', None, [], res,
         4 if op in INEXACT else 0)
for d2 in ('float64', 'float32', 'float16', 'int64', 'int32', 'uint32', 'bool'):
    res = run(lambda: arr(UA, 'uint64').astype(d2))
    line(f'astype uint64 past int64 {d2}', 'astype', 'uint64', UA, [len(UA)], d2, None, [], res, 0)
SB = [5, 3, -2, 0, 7, 1, -7, 100]  # in every signed partner's range
for d2 in ('int64', 'int32', 'int8', 'float64', 'float32'):
    for op in ('add', 'less', 'maximum', 'floor_divide'):
        res = run(lambda: getattr(np, op)(arr(UA, 'uint64'), arr(SB, d2)))
        line(f'{op} uint64 past int64 {d2}', op, 'uint64', UA, [len(UA)], d2, SB, [len(SB)], res, 0)
for s in (2, -1, 2**63, 2.5):
    for op in ('add', 'less', 'greater', 'equal', 'floor_divide', 'maximum'):
        res = run(lambda: getattr(np, op)(arr(UA, 'uint64'), s))
        kind = 'scalar-int' if isinstance(s, int) else 'scalar-float'
        line(f'{op} uint64 past int64 {s}', op, 'uint64', UA, [len(UA)], kind, [s], [], res, 0)
