"""Writes conformance-tests/src/main/resources/io/ndj/conformance/numpy/numpy-unsigned.tsv: uint16, uint32 and uint64
as NumPy 2 (the oracle) treats them, values past int64 included.

Run with NumPy >= 2:  python3 conformance-tests/src/main/resources/io/ndj/conformance/numpy/numpy_unsigned.py > conformance-tests/src/main/resources/io/ndj/conformance/numpy/numpy-unsigned.tsv
Each line: label, op, dtype, values (decimal integers, exact), argument, then NumPy's str() of the result (its
repr() for a Python scalar) or 'ERR' and NumPy's message. Ops: str, scalar ops with a Python int (add, subtract,
less, greater, equal, floor_divide, right_shift, maximum), astype, item, sum, prod, max, min, argmax, argmin,
sort, argsort, unique, cumsum, mean, searchsorted, clip."""
import warnings

import numpy as np

warnings.simplefilter('ignore')
TOP = 2**64 - 1
VALUES = {
    'uint16': [0, 65535, 32768, 7, 65534, 1],
    'uint32': [0, 4294967295, 2147483648, 7, 4294967294, 1],
    'uint64': [0, TOP, 2**63, 7, 2**63 - 1, 2**63 + 2**39 + 1, TOP - 1, 1],
}


def out(label, op, d, vals, arg, f):
    try:
        r = f()
        text = repr(r) if isinstance(r, int) else str(r)
    except Exception as e:  # NumPy's refusal is part of the spec
        text = 'ERR\t' + str(e)
    print('\t'.join([label, op, d, ','.join(map(str, vals)), str(arg), text.replace('\n', '\\n')]))


for d, vals in VALUES.items():
    x = np.array(vals, dtype=d)
    out(f'str {d}', 'str', d, vals, '', lambda: x)
    out(f'str 2-d {d}', 'str', d, vals[:6], '', lambda: x[:6].reshape(2, 3))
    for op in ('add', 'subtract', 'less', 'greater', 'equal', 'floor_divide', 'right_shift', 'maximum'):
        for s in (1, -1, 300, 70000, 2**32, 2**63, TOP, 2**64):
            if op == 'right_shift' and not 0 <= s < 64:
                continue
            out(f'{op} {d} {s}', op, d, vals, s, lambda: getattr(np, op)(x, s))
    for t in ('float64', 'float32', 'float16', 'int64', 'int32', 'int16', 'int8', 'uint8', 'uint16', 'uint32',
              'uint64', 'bool'):
        out(f'astype {d} {t}', 'astype', d, vals, t, lambda: x.astype(t))
    for i in range(len(vals)):
        out(f'item {d} {i}', 'item', d, vals, i, lambda: x[i].item())
    for op in ('sum', 'prod', 'max', 'min', 'argmax', 'argmin', 'sort', 'argsort', 'unique', 'cumsum', 'mean'):
        out(f'{op} {d}', op, d, vals, '', lambda: getattr(np, op)(x))
    for v in (0, 7, vals[2], vals[1]):
        out(f'searchsorted {d} {v}', 'searchsorted', d, vals, v, lambda: np.searchsorted(np.sort(x), v))
    out(f'clip {d}', 'clip', d, vals, '', lambda: np.clip(x, 1, 2**70))
# comparisons in fused code (Nd.fuse) as eager: NumPy's answers are the eager ones
for d, vals in VALUES.items():
    x = np.array(vals, dtype=d)
    for s in (-1, 2**63, TOP, 2**64, 2**70, -2**70):
        out(f'fused_less {d} {s}', 'fused_less', d, vals, s, lambda: np.less(x, s))
        out(f'fused_greater {d} {s}', 'fused_greater', d, vals, s, lambda: np.greater(x, s))
for d in ('int64', 'int8', 'bool'):
    vals = [0, 1, 2]
    for s in (2**63, -2**63 - 1, 2**70):
        out(f'fused_less {d} {s}', 'fused_less', d, vals, s, lambda: np.less(np.array(vals, dtype=d), s))
        out(f'less {d} {s}', 'less', d, vals, s, lambda: np.less(np.array(vals, dtype=d), s))
# a Python int of any size stored into an element, and added, for the other dtypes too


def stored(x, v):
    x[0] = v
    return x


for d in ('float64', 'float32', 'int64', 'int8', 'uint8', 'uint32', 'uint64', 'bool'):
    for v in (2**70, 2**64 - 1, 2**63, -1, 7):
        vals = [0, 1, 2]
        out(f'set {d} {v}', 'set', d, vals, v, lambda: stored(np.array(vals, dtype=d), v))
        if d != 'bool' or v in (7, -1):
            out(f'add {d} {v}', 'add', d, vals, v, lambda: np.array(vals, dtype=d) + v)
