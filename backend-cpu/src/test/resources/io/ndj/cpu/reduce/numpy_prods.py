# NumPy's float products, bit for bit, for NumpySumsTest: one element after another in the dtype's accumulator
# (float for float16 lines, whose rows NumPy multiplies elementwise in half; float for float32; double for
# float64). Values near 1 from a formula the test repeats: 1 + ((i * 7919) % 2001 - 1000) * 1e-4 in float64, cast.
# Each row: dtype, shape, axes ('all' or several joined by commas), NumPy's result (hex bits).
# Run: python3 numpy_prods.py > numpy-prods.tsv
import numpy as np

BITS = {'float16': np.uint16, 'float32': np.uint32, 'float64': np.uint64}
for dt in ['float32', 'float64', 'float16']:
    for shape in [(5001,), (3, 1667), (1667, 3), (40, 30, 5), (300000,)]:
        n = int(np.prod(shape))
        x = (1 + ((np.arange(n, dtype=np.int64) * 7919) % 2001 - 1000) * 1e-4).astype(dt).reshape(shape)
        for axes in ['all'] + [str(a) for a in range(len(shape))] + (['0,2'] if len(shape) == 3 else []):
            r = np.asarray(x.prod(axis=None if axes == 'all' else tuple(map(int, axes.split(',')))))
            print('\t'.join([dt, ','.join(map(str, shape)), axes,
                             ','.join(format(int(v), 'x') for v in r.astype(dt).view(BITS[dt]).ravel())]))
