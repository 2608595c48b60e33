"""Writes the differential suite's data, beside this script: NumPy 2 (the oracle) evaluates seeded random cases.

Run with NumPy >= 2:  python3 make_differential.py   (from this folder; deterministic: a rerun rewrites the same
answers). It writes
  differential.tsv  one case per line: id, op, inputs (comma list), key=value;..., then NumPy's result dtype,
                    shape and print() text (escaped), or ERR and NumPy's message
  differential.npz  the inputs in_<name> and the results out_<id>
  interop/np_*.npy, np*.npz   files NumPy wrote in every dtype, memory order, byte order and format version
  interop/java-arrays.tsv     arrays ndj must write byte for byte as NumPy does: name, dtype, layout, values
  interop/java_*.npy          what np.save writes for them
The kit (DifferentialContract) reads these; it never runs Python."""
import io
import os
import warnings
import zipfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
DTYPES = ['bool', 'int8', 'int16', 'int32', 'int64', 'uint8', 'float16', 'float32', 'float64']
BINARY = ['add', 'subtract', 'multiply', 'divide', 'floor_divide', 'remainder', 'power', 'maximum', 'minimum',
          'fmax', 'fmin', 'arctan2', 'hypot', 'equal', 'not_equal', 'less', 'greater_equal', 'bitwise_and',
          'bitwise_or', 'left_shift', 'logical_and', 'logical_xor']
UNARY = ['sqrt', 'exp', 'log', 'sin', 'cos', 'tanh', 'arctan', 'absolute', 'negative', 'floor', 'ceil', 'rint',
         'trunc', 'square', 'sign', 'isnan', 'isfinite', 'logical_not', 'invert', 'log1p']
REDUCE = ['sum', 'prod', 'mean', 'std', 'var', 'min', 'max', 'argmin', 'argmax', 'any', 'all']
CASES = 400
# the files NumPy writes and ndj reads back, and the reverse, cover every dtype (the random cases keep the
# dtypes they were drawn from, so their stream stays as it was)
FILE_DTYPES = DTYPES + ['uint16', 'uint32', 'uint64']

r = np.random.default_rng(20261125)
inputs = {}


def pick(seq):
    return seq[int(r.integers(len(seq)))]


def shape():
    return tuple(0 if r.integers(10) == 0 else 1 + int(r.integers(4)) for _ in range(int(r.integers(4))))


def sub(s):
    drop = 0 if not s else int(r.integers(len(s) + 1))
    return tuple(1 if r.integers(4) == 0 else d for d in s[drop:])


def make_input(name, t, s, specials=True):
    """A random input: small integers, or floats with two decimals; specials add NaN, inf and -0.0 to floats."""
    n = int(np.prod(s, dtype=np.int64))
    v = np.empty(n)
    for i in range(n):
        if t.startswith('float'):
            v[i] = round(r.normal() * 400) / 100
        elif t == 'bool':
            v[i] = r.integers(2)
        elif t == 'uint8':
            v[i] = r.integers(20)
        else:
            v[i] = r.integers(21) - 10
        if not specials:
            v[i] = abs(v[i])
        elif t.startswith('float') and r.integers(25) == 0:
            v[i] = pick([np.nan, np.inf, -0.0])
    inputs['in_' + name] = v.reshape(s).astype(t)
    return name


def make_case(cid):
    t = pick(DTYPES)
    s = shape()
    kind = int(r.integers(13))
    # float to integer casts of NaN, infinities and negatives are unspecified: no specials there
    a = make_input(cid + 'a', t, s, kind not in (8, 10))
    if kind in (0, 1):
        t2 = t if r.integers(2) else pick(DTYPES)
        b = make_input(cid + 'b', t2, sub(s))
        return [cid, 'binary', a + ',' + b, 'fn=' + pick(BINARY)]
    if kind == 2:
        fn = pick(['add', 'multiply', 'subtract', 'divide', 'less', 'maximum', 'power'])
        sc = str(int(r.integers(7)) - (0 if fn == 'power' else 3)) if r.integers(2) else str(r.integers(50) / 10.0)
        return [cid, 'scalar', a, 'fn=%s;s=%s;first=%s' % (fn, sc, 'True' if r.integers(4) == 0 else 'False')]
    if kind in (3, 4):
        return [cid, 'unary', a, 'fn=' + pick(UNARY)]
    if kind in (5, 6):
        fn = pick(REDUCE)
        axis = 'None' if not s or r.integers(3) == 0 else str(int(r.integers(len(s))) - (len(s) if r.integers(2) else 0))
        kw = 'fn=%s;axis=%s' % (fn, axis)
        if not fn.startswith('arg') or axis != 'None':
            kw += ';keepdims=' + ('True' if r.integers(2) else 'False')
        if fn in ('std', 'var'):
            kw += ';ddof=%d' % r.integers(2)
        return [cid, 'reduce', a, kw]
    if kind == 7:
        axis = 'None' if not s else str(int(r.integers(len(s))))
        return [cid, 'cumsum' if r.integers(2) else 'cumprod', a, 'axis=' + axis]
    if kind == 8:
        if not s:
            return [cid, 'astype', a, 'dtype=' + pick(DTYPES)]
        return [cid, 'sort' if r.integers(2) else 'argsort', a, 'axis=%d' % (int(r.integers(len(s))) - 1)]
    if kind == 9:
        k = 1 + int(r.integers(3))
        x = make_input(cid + 'm', t, (1 + int(r.integers(3)), k))
        y = make_input(cid + 'n', pick(DTYPES), (k, 1 + int(r.integers(3))))
        return [cid, 'matmul', x + ',' + y, '']
    if kind == 10:
        return [cid, 'astype', a, 'dtype=' + pick(DTYPES)]
    if kind == 11:
        ix = '...' if not s else pick(['...', '::-1', '1:', 'None, ...', '..., ::2', '-1', '0, ...'])
        if (ix == '-1' or ix.startswith('0,')) and s[0] == 0:
            ix = '...'
        return [cid, 'getitem' if r.integers(2) else 'transpose', a, 'index=' + ix]
    c = make_input(cid + 'c', 'bool', sub(s))
    y = make_input(cid + 'y', pick(DTYPES), sub(s))
    return [cid, 'where', c + ',' + a + ',' + y, '']


def parse(v):
    if v == 'None':
        return None
    if v in ('True', 'False'):
        return v == 'True'
    try:
        return int(v)
    except ValueError:
        return float(v)


def run(op, args, kw):
    A = [inputs['in_' + n] for n in args]
    if op in ('binary', 'unary'):
        return getattr(np, kw.pop('fn'))(*A)
    if op == 'scalar':
        fn, s = kw.pop('fn'), kw.pop('s')
        return getattr(np, fn)(s, A[0]) if kw.pop('first') else getattr(np, fn)(A[0], s)
    if op == 'reduce':
        return getattr(np, kw.pop('fn'))(A[0], **kw)
    if op in ('cumsum', 'cumprod', 'sort'):
        return getattr(np, op)(A[0], **kw)
    if op == 'argsort':
        return np.argsort(A[0], kind='stable', **kw)
    if op == 'matmul':
        return np.matmul(A[0], A[1])
    if op == 'astype':
        return A[0].astype(kw['dtype'])
    if op == 'getitem':
        return eval('x[' + kw['index'] + ']', {'x': A[0], 'np': np})
    if op == 'transpose':
        return np.transpose(A[0])
    if op == 'where':
        return np.where(A[0], A[1], A[2])
    raise ValueError('unknown op ' + op)


def escape(text):
    return text.replace('\\', '\\\\').replace('\n', '\\n')


lines = []
outputs = {}
for i in range(CASES):
    c = make_case('c%d' % i)
    kw = {}
    for item in c[3].split(';'):
        if item:
            k, v = item.split('=', 1)
            kw[k] = v if k in ('fn', 'dtype', 'index') else parse(v)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            res = np.asarray(run(c[1], c[2].split(','), kw))
        outputs['out_' + c[0]] = res
        c += [res.dtype.name, ','.join(map(str, res.shape)), escape(str(res))]
    except Exception as e:
        c += ['ERR', type(e).__name__ + ': ' + str(e).replace('\n', ' ')]
    lines.append('\t'.join(c))
with open(os.path.join(HERE, 'differential.tsv'), 'w') as f:
    f.write('\n'.join(lines) + '\n')


def write_npz(path, arrays, compress=zipfile.ZIP_DEFLATED):
    """np.savez_compressed (np.savez with ZIP_STORED) with fixed member dates: a rerun writes the same bytes."""
    with zipfile.ZipFile(path, 'w', compress) as z:
        for k in sorted(arrays):
            b = io.BytesIO()
            np.lib.format.write_array(b, np.asanyarray(arrays[k]), allow_pickle=False)
            z.writestr(zipfile.ZipInfo(k + '.npy', date_time=(1980, 1, 1, 0, 0, 0)), b.getvalue(),
                       compress_type=compress)


write_npz(os.path.join(HERE, 'differential.npz'), {**inputs, **outputs})

# interop: NumPy writes files of every dtype, memory order, byte order and format version; ndj reads them back
d = os.path.join(HERE, 'interop')
os.makedirs(d, exist_ok=True)
rng = np.random.default_rng(5)
for t in FILE_DTYPES:
    x = (rng.normal(0, 50, (3, 4)) if t.startswith('float') else rng.integers(-100, 100, (3, 4))).astype(t)
    if t == 'uint64':
        x[0, 0] = 2**64 - 1  # past int64
    np.save(os.path.join(d, 'np_' + t + '.npy'), x)
    np.save(os.path.join(d, 'np_' + t + '_f.npy'), np.asfortranarray(x))
    np.save(os.path.join(d, 'np_' + t + '_be.npy'), x.astype(x.dtype.newbyteorder('>')))
    np.savetxt(os.path.join(d, 'np_' + t + '.txt'), x.reshape(-1).astype('float64'), fmt='%.17g')
with open(os.path.join(d, 'np_v2.npy'), 'wb') as f:
    np.lib.format.write_array(f, np.arange(5.0), version=(2, 0))
with open(os.path.join(d, 'np_v3.npy'), 'wb') as f:
    np.lib.format.write_array(f, np.arange(5.0), version=(3, 0))
np.save(os.path.join(d, 'np_0d.npy'), np.array(3.5))
np.save(os.path.join(d, 'np_empty.npy'), np.zeros((0, 3), np.int32))
for name, how in (('np.npz', zipfile.ZIP_STORED), ('np_c.npz', zipfile.ZIP_DEFLATED)):
    write_npz(os.path.join(d, name), {'a': np.arange(6).reshape(2, 3), 'b': np.ones(2, np.float32)}, how)
np.save(os.path.join(d, 'np_obj.npy'), np.array([1, 'a'], dtype=object), allow_pickle=True)
np.save(os.path.join(d, 'np_c16.npy'), np.ones(2, np.complex128))

# the other way: arrays ndj must write as np.save does, byte for byte (C order, F order from a transpose, 0-d,
# empty, and a member of .npz files); values are exact in every dtype
rng = np.random.default_rng(7)
java = []
for t in FILE_DTYPES:
    lo = 0 if t.startswith('uint') else -100  # exact as doubles in every dtype
    v = (rng.normal(0, 1e3, 12) if t.startswith('float') else rng.integers(lo, 100, 12)).astype(t).astype('float64')
    x = v.reshape(3, 4).astype(t)
    java.append(('java_' + t, t, 'c', v, x))
    java.append(('java_' + t + '_t', t, 't', v, x.T))
java.append(('java_0d', 'float64', 'c', np.array([2.5]), np.array(2.5)))
java.append(('java_empty', 'int16', 'c', np.zeros(0), np.zeros((0, 2), np.int16)))
java.append(('java_arange', 'int64', 'c', np.arange(6.0), np.arange(6)))  # also a member of .npz files
with open(os.path.join(d, 'java-arrays.tsv'), 'w') as f:
    for name, t, layout, v, x in java:
        np.save(os.path.join(d, name + '.npy'), x)
        f.write('\t'.join([name, t, layout, ','.join(map(str, x.shape)), ','.join(repr(float(e)) for e in v)]) + '\n')
print('numpy', np.__version__, '-', len(lines), 'cases,', len(inputs) + len(outputs), 'arrays')
