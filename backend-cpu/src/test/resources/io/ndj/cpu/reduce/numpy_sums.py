# NumPy's float sums, bit for bit, for NumpySumsTest: float16/32/64 arrays in C order, transposed, strided and
# reversed views, reduced over every axis, one axis or two. The arrays come from a generator the test repeats
# exactly (a 64-bit LCG: mantissas that fit the dtype, times powers of two, so sums round in every dtype). Each
# row: dtype, shape, seed, view, axes, NumPy's result (shape and hex bits). Run: python3 numpy_sums.py > numpy-sums.tsv
import numpy as np

BITS = {'float16': (np.uint16, 11, 4), 'float32': (np.uint32, 24, 10), 'float64': (np.uint64, 53, 30)}
M64 = (1 << 64) - 1


def values(dt, n, seed):
    _, mant, spread = BITS[dt]
    x = seed
    out = np.empty(n, np.float64)
    for i in range(n):
        x = (x * 6364136223846793005 + 1442695040888963407) & M64
        m = ((x >> 11) & ((1 << mant) - 1)) - (1 << (mant - 1))
        e = ((x >> 3) % (2 * spread + 1)) - spread
        out[i] = m * 2.0 ** e
    return out.astype(dt)


def hexes(a, dt):
    return ','.join(format(int(v), 'x') for v in np.ascontiguousarray(a).astype(dt).view(BITS[dt][0]).ravel())


def view(b, v):
    return {'c': b, 'T': b.T, 'step': b[..., ::2], 'rev': b[::-1], 'revlast': b[..., ::-1]}[v]


def main():
    SHAPES = [(5,), (8,), (127,), (128,), (129,), (1000,), (40000,), (300000,), (3, 7), (7, 300), (300, 7), (64, 129),
              (2, 3, 40), (5, 4, 130), (30, 2, 9)]
    print('dtype\tshape\tseed\tview\taxes\tresult_shape\tresult')
    seed = 1
    for dt in ['float32', 'float64', 'float16']:
        for shape in SHAPES:
            n = int(np.prod(shape))
            seed += 1
            base = values(dt, n, seed).reshape(shape)
            nd = len(shape)
            for v in (['c', 'T', 'step', 'revlast'] if nd > 1 else ['c', 'step', 'rev']):
                x = view(base, v)
                for axes in ['all'] + [str(a) for a in range(nd)] + (['0,2'] if nd == 3 else []):
                    # the full reduction of a view that is not one line goes through NumPy's buffers: left out
                    if axes == 'all' and v != 'c' and nd > 1:
                        continue
                    ax = None if axes == 'all' else tuple(int(a) for a in axes.split(','))
                    r = np.asarray(np.add.reduce(x, axis=ax))
                    print('\t'.join([dt, ','.join(map(str, shape)), str(seed), v, axes, ','.join(map(str, r.shape)),
                                     hexes(r, dt)]))


if __name__ == '__main__':
    main()
