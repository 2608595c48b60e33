# NumPy's float16 means, bit for bit, for NumpySumsTest: NumPy sums float16 in float32, divides in float32 and
# rounds to float16 once. The arrays come from numpy_sums.py's generator. Each row: length, seed, the mean's bits.
# Run: python3 numpy_f16_means.py > numpy-f16-means.tsv
import numpy as np

exec(open(__file__.replace('numpy_f16_means.py', 'numpy_sums.py')).read().split('SHAPES =')[0])
rng = np.random.default_rng(3)
for k in range(60):
    n = int(rng.integers(2, 6000))
    seed = 1000 + k
    print(n, seed, format(int(np.float16(np.mean(values('float16', n, seed))).view(np.uint16)), 'x'), sep='\t')
