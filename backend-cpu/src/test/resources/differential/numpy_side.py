"""The NumPy side of ndj's differential suite: evaluates every case of cases.tsv in one process.

Usage: python3 numpy_side.py DIR   (DIR holds cases.tsv and the inputs in_<name>.npy written by ndj)
For each case id it writes out_<id>.npy (the result), and out.tsv lines: id, dtype, shape, print text (escaped),
or id, ERR, message. Also writes interop files checked by the Java side."""
import sys
import os
import numpy as np

d = sys.argv[1]
A = lambda n: np.load(os.path.join(d, 'in_' + n + '.npy'))


def parse(v):
    if v == 'None':
        return None
    if v in ('True', 'False'):
        return v == 'True'
    try:
        return int(v)
    except ValueError:
        pass
    try:
        return float(v)
    except ValueError:
        return v


def run(op, args, kw):
    if op == 'binary':
        return getattr(np, kw.pop('fn'))(A(args[0]), A(args[1]))
    if op == 'scalar':
        fn = kw.pop('fn')
        s = kw.pop('s')
        return getattr(np, fn)(A(args[0]), s) if not kw.pop('first', False) else getattr(np, fn)(s, A(args[0]))
    if op == 'unary':
        return getattr(np, kw.pop('fn'))(A(args[0]))
    if op == 'reduce':
        fn = kw.pop('fn')
        return getattr(np, fn)(A(args[0]), **kw)
    if op in ('cumsum', 'cumprod'):
        return getattr(np, op)(A(args[0]), **kw)
    if op == 'sort':
        return np.sort(A(args[0]), **kw)
    if op == 'argsort':
        return np.argsort(A(args[0]), kind='stable', **kw)
    if op == 'matmul':
        return np.matmul(A(args[0]), A(args[1]))
    if op == 'astype':
        return A(args[0]).astype(kw['dtype'])
    if op == 'getitem':
        return eval('x[' + kw['index'] + ']', {'x': A(args[0]), 'np': np})
    if op == 'transpose':
        return np.transpose(A(args[0]))
    if op == 'reshape':
        return A(args[0]).reshape(tuple(int(v) for v in kw['shape'].split('x')))
    if op == 'where':
        return np.where(A(args[0]), A(args[1]), A(args[2]))
    raise ValueError('unknown op ' + op)


lines = []
with open(os.path.join(d, 'cases.tsv')) as f:
    for line in f:
        cid, op, args, kws = line.rstrip('\n').split('\t')
        args = args.split(',') if args else []
        kw = {}
        for item in kws.split(';'):
            if item:
                k, v = item.split('=', 1)
                kw[k] = v if k in ('fn', 'dtype', 'index', 'shape') else parse(v)
        try:
            import warnings
            with warnings.catch_warnings():
                warnings.simplefilter('ignore')
                r = np.asarray(run(op, args, kw))
            # ndj has no uint64 (its uint8 sums are int64): store such results as int64, report the dtype as is
            np.save(os.path.join(d, 'out_' + cid + '.npy'), r.astype(np.int64) if r.dtype == np.uint64 else r)
            text = str(r).replace('\\', '\\\\').replace('\n', '\\n')
            lines.append('\t'.join([cid, r.dtype.name, ','.join(map(str, r.shape)), text]))
        except Exception as e:
            lines.append('\t'.join([cid, 'ERR', type(e).__name__ + ': ' + str(e).replace('\n', ' ')]))
with open(os.path.join(d, 'out.tsv'), 'w') as f:
    f.write('\n'.join(lines) + '\n')

# interop: NumPy writes files of every dtype, layout and format version; ndj reads them back
rng = np.random.default_rng(5)
for t in ['bool', 'int8', 'int16', 'int32', 'int64', 'uint8', 'float16', 'float32', 'float64']:
    x = (rng.normal(0, 50, (3, 4)) if t.startswith('float') else rng.integers(-100, 100, (3, 4))).astype(t)
    np.save(os.path.join(d, 'np_' + t + '.npy'), x)
    np.save(os.path.join(d, 'np_' + t + '_f.npy'), np.asfortranarray(x))
    np.save(os.path.join(d, 'np_' + t + '_be.npy'), x.astype(x.dtype.newbyteorder('>')))
    np.savetxt(os.path.join(d, 'np_' + t + '.txt'), x.reshape(-1).astype('float64'), fmt='%.17g')
np.lib.format.write_array(open(os.path.join(d, 'np_v2.npy'), 'wb'), np.arange(5.0), version=(2, 0))
np.lib.format.write_array(open(os.path.join(d, 'np_v3.npy'), 'wb'), np.arange(5.0), version=(3, 0))
np.save(os.path.join(d, 'np_0d.npy'), np.array(3.5))
np.save(os.path.join(d, 'np_empty.npy'), np.zeros((0, 3), np.int32))
np.savez(os.path.join(d, 'np.npz'), a=np.arange(6).reshape(2, 3), b=np.ones(2, np.float32))
np.savez_compressed(os.path.join(d, 'np_c.npz'), a=np.arange(6).reshape(2, 3), b=np.ones(2, np.float32))
np.save(os.path.join(d, 'np_obj.npy'), np.array([1, 'a'], dtype=object), allow_pickle=True)
np.save(os.path.join(d, 'np_c16.npy'), np.ones(2, np.complex128))
# ndj wrote java_*.npy: check them bit for bit against what NumPy computes for the same data
report = []
for name in sorted(os.listdir(d)):
    if name.startswith('java_') and name.endswith('.npy'):
        x = np.load(os.path.join(d, name))
        report.append(name + '\t' + x.dtype.name + '\t' + ','.join(map(str, x.shape)) + '\t'
                      + x.tobytes().hex())
    if name.startswith('java_') and name.endswith('.npz'):
        z = np.load(os.path.join(d, name))
        for k in sorted(z.files):
            x = z[k]
            report.append(name + ':' + k + '\t' + x.dtype.name + '\t' + ','.join(map(str, x.shape)) + '\t'
                          + x.tobytes().hex())
with open(os.path.join(d, 'java_files.tsv'), 'w') as f:
    f.write('\n'.join(report) + '\n')
print('numpy', np.__version__)
