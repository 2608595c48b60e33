# NumPy's float sums into a wider float dtype (np.sum(x, dtype=...), and float16 means, which sum in float32), bit
# for bit, for NumpySumsTest: NumPy casts through its iterator's buffers, 8192 elements at a time, and adds each
# buffer's pairwise sum to the result in turn, a line at a time (a line longer than 8192 is cast in pieces from its
# start). C-contiguous arrays (1-d and 2-d), reduced whole and along each axis. The arrays come from
# numpy_sums.py's generator. Each row: dtype, sum dtype ('mean' for a float16 mean), shape, seed, NumPy's result (hex
# bits in the result's dtype, joined by commas), axes ('T0': axis 0 of the transpose). int64 arrays (values up to 2^61 from the generator's raw states, so that float64
# sums round) sum in float64 and have float64 means. Run: python3 numpy_cast_sums.py > numpy-cast-sums.tsv
import numpy as np

from numpy_sums import M64, hexes, values


def ints(n, seed):
    x = seed
    out = np.empty(n, np.int64)
    for i in range(n):
        x = (x * 6364136223846793005 + 1442695040888963407) & M64
        out[i] = (x >> 2) - (1 << 61)
    return out

print('dtype\tsum_dtype\tshape\tseed\tresult\taxes')
seed = 1000
for dt, to in [('float32', 'float64'), ('float16', 'float32'), ('float16', 'float64'), ('float16', 'mean'),
               ('int64', 'float64'), ('int64', 'mean')]:
    for shape in [(5,), (8191,), (8192,), (8193,), (40000,), (300000,), (300, 700), (7, 20000)]:
        seed += 1
        n = int(np.prod(shape))
        x = (ints(n, seed) if dt == 'int64' else values(dt, n, seed)).reshape(shape)
        for axes in ['all'] + (['1', 'T0'] + (['0'] if shape[1] <= 1000 else []) if len(shape) == 2 else []):
            v = x.T if axes.startswith('T') else x
            axis = None if axes == 'all' else int(axes.lstrip('T'))
            if to == 'mean':
                r, rt = np.mean(v, axis=axis), ('float64' if dt == 'int64' else dt)
            else:
                r, rt = np.sum(v, axis=axis, dtype=to), to
            print('\t'.join([dt, to, ','.join(map(str, shape)), str(seed), hexes(np.asarray(r), rt), axes]))
