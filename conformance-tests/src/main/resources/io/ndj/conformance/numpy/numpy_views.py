"""Writes numpy-views.tsv beside this script: x.view(dtype) and np.frombuffer by NumPy 2, bit for bit.

Run with NumPy >= 2 from this folder:  python3 numpy_views.py > numpy-views.tsv   (deterministic)
Each line: label; 'view' or 'frombuffer'; then for 'view': the base's dtype, its bytes (hex, C order), its shape,
the index that makes x from the base (NumPy's syntax, '' for the base itself, 'T' for its transpose) and the dtype
to view x as; for 'frombuffer': the buffer's bytes (hex), the dtype, count and offset. Then 'ERR' and NumPy's
message, or the result's dtype, shape and bytes (hex, C order)."""
import numpy as np

rng = np.random.default_rng(20261207)
DTYPES = ['float64', 'float32', 'float16', 'int64', 'int32', 'int16', 'int8', 'uint8']
INDEXES = ['', '', 'T', '1:', '::-1', ':, 1:', ':, ::2', '..., :2', '0', '1, 2', 'None, :']
lines = []


def shp(s):
    return ','.join(map(str, s))


def take(base, index):
    if index == '':
        return base
    if index == 'T':
        return base.T
    return eval('base[' + index + ']', {'base': base, 'None': None})


def result(label, kind, fields, call):
    try:
        r = call()
        lines.append('\t'.join([label, kind] + fields + [str(r.dtype), shp(r.shape), r.tobytes().hex()]))
    except (ValueError, TypeError) as e:
        lines.append('\t'.join([label, kind] + fields + ['ERR', str(e)]))


for i in range(260):
    src = DTYPES[int(rng.integers(len(DTYPES)))]
    dst = DTYPES[int(rng.integers(len(DTYPES)))] if i % 9 else 'bool'
    nd = int(rng.integers(1, 4))
    shape = tuple(int(rng.integers(1, 5)) for _ in range(nd))
    if dst == 'bool':  # bytes of 0 and 1 only: NumPy keeps other bytes as they are, which print True
        data = rng.integers(0, 2, int(np.prod(shape)) * np.dtype(src).itemsize, dtype=np.uint8).tobytes()
    else:
        data = rng.integers(0, 256, int(np.prod(shape)) * np.dtype(src).itemsize, dtype=np.uint8).tobytes()
    base = np.frombuffer(data, dtype=src).reshape(shape)
    index = INDEXES[int(rng.integers(len(INDEXES)))]
    try:
        x = take(base, index)
    except IndexError:
        continue
    label = 'view %s%s[%s] as %s' % (src, shape, index, dst)
    result(label, 'view', [src, data.hex(), shp(shape), index, dst], lambda: x.view(dst))

for i in range(80):
    dt = DTYPES[int(rng.integers(len(DTYPES)))]
    n = int(rng.integers(0, 20))
    data = rng.integers(0, 256, n, dtype=np.uint8).tobytes()
    count = int(rng.choice([-1, -1, 0, 1, 2, 3, 5]))
    offset = int(rng.choice([0, 0, 1, 2, 3, 8, n, n + 1, -1]))
    label = 'frombuffer %d bytes as %s count %d offset %d' % (n, dt, count, offset)
    result(label, 'frombuffer', [data.hex(), dt, str(count), str(offset)],
           lambda: np.frombuffer(data, dtype=dt, count=count, offset=offset))

print('\n'.join(lines))
