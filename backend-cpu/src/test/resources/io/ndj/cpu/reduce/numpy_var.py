# NumPy's var and std, bit for bit, for NumpySumsTest: mean, deviations, squares and their sum in NumPy's own
# order, in the dtype itself. Arrays from numpy_sums.py's generator. Each row: dtype, shape, seed, function, axis
# ('all', one, or several joined by commas; varT and stdT take them of the transposed array), ddof, NumPy's result (shape and hex bits). Run: python3 numpy_var.py > numpy-var.tsv
import numpy as np

exec(open(__file__.replace('numpy_var.py', 'numpy_sums.py')).read().split('def main')[0])
seed = 5000
for dt in ['float32', 'float64', 'float16']:
    for shape in [(7,), (130,), (1000,), (9, 40), (40, 9), (3, 4, 50), (300000,), (3, 5, 7, 11)]:
        seed += 1
        x = values(dt, int(np.prod(shape)), seed).reshape(shape)
        tuples = ['0,2', '1,3', '0,1,2'] if len(shape) == 4 else []
        for fn in ['var', 'std'] + (['varT', 'stdT'] if len(shape) > 1 else []):
            for axis in ['all'] + [str(a) for a in range(len(shape))] + tuples:
                for ddof in [0, 1]:
                    v = x.T if fn.endswith('T') else x
                    r = np.asarray(getattr(np, fn[:3])(v, axis=None if axis == 'all' else tuple(map(int, axis.split(','))),
                                                       ddof=ddof))
                    print('\t'.join([dt, ','.join(map(str, shape)), str(seed), fn, axis, str(ddof),
                                     ','.join(map(str, r.shape)), hexes(r, dt)]))
