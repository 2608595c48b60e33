"""NumPy's side of `./ndj bench --numpy` (or CuPy's, for `--cupy`): the same rows, the same sizes, in this
process. Prints TSV: row, dtype, shape, ms (median). Usage: python3 numpy_bench.py ROWS_TSV REPS [numpy|cupy]"""
import sys
import time
import statistics
import numpy

if len(sys.argv) > 3 and sys.argv[3] == 'cupy':
    import cupy as np
    sync = np.cuda.Device().synchronize
else:
    np = numpy

    def sync():
        pass


def t(f, reps, fill=0.2):
    """Median of reps runs after one, and of as many more as fill `fill` seconds (at most 5000), as ndj's side."""
    f()
    sync()
    ts = []
    start = time.perf_counter()
    while len(ts) < reps or (time.perf_counter() - start < fill and len(ts) < 5000):
        s = time.perf_counter()
        f()
        sync()
        ts.append(time.perf_counter() - s)
    return statistics.median(ts) * 1e3


def chain19(x):
    """19 elementwise operations, four transcendental: ndj's Bench.chain19."""
    h = np.sin(x * 1.5 + 0.25) ** 2 + np.cos(x * 0.5) ** 2
    j = np.abs(h - 1.0)
    m = np.exp(-(x * x)) * 0.75
    return np.maximum(np.tanh(j + m) * 2.0 + x, 0.0)


def softmax(x):
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def layernorm(x):
    d = x - x.mean(axis=-1, keepdims=True)
    return d / np.sqrt((d * d).mean(axis=-1, keepdims=True) + 1e-5)


reps = int(sys.argv[2])
cache = {}
for line in open(sys.argv[1]):
    row, dt, shape = line.rstrip('\n').split('\t')
    name = row[:-len(' fused')] if row.endswith(' fused') else row  # NumPy has no fusion: op by op
    sh = tuple(int(v) for v in shape.split('x'))
    key = (dt, sh)
    if key not in cache:
        rng = numpy.random.default_rng(0)
        cache.clear()
        cache[key] = (np.asarray(rng.random(sh).astype(dt)), np.asarray(rng.random(sh).astype(dt)))
    x, y = cache[key]
    other = 'float32' if dt == 'float64' else 'float64'
    f = {
        'sin2+cos2': lambda: np.sin(x) ** 2 + np.cos(x) ** 2,
        'x*5': lambda: x * 5,
        'x+y': lambda: x + y,
        'sum': lambda: x.sum(),
        'sum(axis=0)': lambda: x.sum(axis=0),
        'sum(axis=1)': lambda: x.sum(axis=1),
        'std': lambda: x.std(),
        'x[::3] copy': lambda: x[::3].copy(),
        'x.T copy': lambda: x.T.copy(),
        'astype': lambda: x.astype(other),
        'matmul': lambda: x @ y,
        'sort': lambda: np.sort(x.reshape(-1)),
        'argsort': lambda: np.argsort(x.reshape(-1), kind='stable'),
        'mask select': lambda: x[x > 0.5],
        'int add': lambda: (x * 100).astype(dt) if False else None,
        'chain19': lambda: chain19(x),
        'softmax': lambda: softmax(x),
        'layernorm': lambda: layernorm(x),
        'a*x+b*y': lambda: x * 2.5 + y * -0.5,
    }.get(name)
    if row in ('int32 add', 'int64 add', 'int32 sum', 'int64 sum'):
        it = row.split()[0]
        xi = (x * 1000).astype(it)
        yi = (y * 1000).astype(it)
        f = (lambda: xi + yi) if row.endswith('add') else (lambda: xi.sum())
    if row == 'tiny add':
        a = np.ones(1000, dt)
        b = np.ones(1000, dt)

        def f():
            for _ in range(1000):
                a + b
        ms = t(f, reps, 0) / 1000
    else:
        ms = t(f, reps)
    print(f'{row}\t{dt}\t{shape}\t{ms:.6f}', flush=True)
