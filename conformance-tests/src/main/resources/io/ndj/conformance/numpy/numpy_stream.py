"""Writes numpy-stream.tsv beside this script: what numpy.random.default_rng(seed) gives, call after call.

Run with NumPy >= 2 from this folder:  python3 numpy_stream.py > numpy-stream.tsv   (deterministic: NumPy
promises this stream stays the same across versions for PCG64 and these methods)
Each line is one call of a program (a seed, then calls on one generator, in order): the program's label, the seed,
the method, its parameters (key=value;...), then 'ERR' and NumPy's message, or the result's dtype, shape and either
its values (small results) or 'sha256:' and the digest of its little-endian bytes (large ones), so that ndj's
numbers are checked bit for bit."""
import hashlib

import numpy as np

lines = []


def out(r):
    r = np.asarray(r)
    name = r.dtype.name
    if r.dtype.kind == 'f':
        r = r.astype('<f8')
    else:
        r = r.astype('<i8')
    if r.size > 64:
        values = 'sha256:' + hashlib.sha256(r.tobytes()).hexdigest()
    else:
        values = ','.join(repr(float(x)) if r.dtype.kind == 'f' else str(int(x)) for x in r.reshape(-1))
    return [name, ','.join(map(str, r.shape)), values]


def program(label, seed, calls):
    g = np.random.default_rng(seed)
    for method, params in calls:
        row = [label, str(seed), method, ';'.join('%s=%s' % kv for kv in params.items())]
        p = dict(params)
        shape = tuple(int(s) for s in p.pop('shape').split(',') if s) if 'shape' in p else None
        try:
            if method == 'permutation_array':
                x = np.arange(int(p['rows']) * 3).reshape(int(p['rows']), 3)
                r = g.permutation(x)
            elif method == 'shuffle':
                x = np.arange(int(p['rows']) * 2).reshape(int(p['rows']), 2)
                g.shuffle(x)
                r = x
            elif method == 'choice':
                prob = [float(v) for v in p['p'].split(',')] if 'p' in p else None
                r = g.choice(int(p['a']), size=shape, replace=p['replace'] == 'true', p=prob)
            elif method == 'binomial':
                r = g.binomial(int(p['n']), float(p['p']), size=shape)
            elif method == 'standard_gamma':
                r = g.standard_gamma(float(p['k']), size=shape)
            elif method == 'random32':
                r = g.random(size=shape, dtype=np.float32)
            elif method == 'integers':
                r = g.integers(int(p['low']), int(p['high']), size=shape, endpoint=p['endpoint'] == 'true')
            elif method == 'permutation':
                r = g.permutation(int(p['n']))
            elif method == 'spawn_random':  # child `child` of spawn(n), then its child `grandchild` of spawn(m)
                c = g.spawn(int(p['n']))[int(p['child'])]
                if 'm' in p:
                    c = c.spawn(int(p['m']))[int(p['grandchild'])]
                r = c.random(size=shape)
            else:
                args = [float(v) for v in p.values()]
                r = getattr(g, method)(*args, size=shape)
            row += out(r)
        except Exception as e:
            row += ['ERR', str(e), '']
        lines.append('\t'.join(row))


SEEDS = [0, 1, 42, 7, 2**32 - 1, 2**32, 2**40 + 3, 2**63 - 1, 12345678901234]
for seed in SEEDS:
    program('mixed seed=%d' % seed, seed, [
        ('random', {'shape': '5'}),
        ('standard_normal', {'shape': '3,2'}),
        ('integers', {'low': 0, 'high': 10, 'endpoint': 'false', 'shape': '7'}),  # 32-bit draws, half-words
        ('random', {'shape': '1'}),  # after an odd count of 32-bit draws
        ('integers', {'low': -5, 'high': 2**40, 'endpoint': 'false', 'shape': '3'}),
        ('integers', {'low': -2**62, 'high': 2**62, 'endpoint': 'true', 'shape': '2'}),
        ('integers', {'low': 3, 'high': 3, 'endpoint': 'true', 'shape': '2'}),
        ('integers', {'low': 0, 'high': 2**32, 'endpoint': 'false', 'shape': '3'}),
        ('uniform', {'low': -2.5, 'high': 7.0, 'shape': '4'}),
        ('normal', {'loc': 10.0, 'scale': 0.5, 'shape': '3'}),
        ('standard_exponential', {'shape': '4'}),
        ('exponential', {'scale': 3.0, 'shape': '2,2'}),
        ('permutation', {'n': 9}),
        ('permutation_array', {'rows': 5}),
        ('shuffle', {'rows': 6}),
        ('choice', {'a': 10, 'replace': 'true', 'shape': '5'}),
        ('choice', {'a': 30, 'replace': 'false', 'shape': '6'}),
        ('choice', {'a': 20000, 'replace': 'false', 'shape': '3'}),  # Floyd
        ('choice', {'a': 20000, 'replace': 'false', 'shape': '1000'}),  # the tail shuffle
        ('random', {'shape': ''}),
        ('standard_normal', {'shape': '0'}),
        ('random32', {'shape': '5'}),
        ('choice', {'a': 4, 'replace': 'true', 'p': '0.1,0.2,0.3,0.4', 'shape': '7'}),
        ('choice', {'a': 5, 'replace': 'false', 'p': '0.5,0.0,0.25,0.125,0.125', 'shape': '4'}),
        ('choice', {'a': 3, 'replace': 'true', 'p': '0.0,1.0,0.0', 'shape': '3'}),
        ('random', {'shape': '2'}),
        # float32 runs around the 32-bit buffer (a device draws the pairs, the host the halves at either end)
        ('integers', {'low': 0, 'high': 10, 'endpoint': 'false', 'shape': '1'}),
        ('random32', {'shape': '4'}),
        ('random32', {'shape': '3'}),
        ('random32', {'shape': '2,3'}),
        ('random32', {'shape': '1'}),
        ('uniform', {'low': 1.0, 'high': 2.0, 'shape': '2,3'}),
        ('random', {'shape': '3'}),
    ])
for seed in [0, 42, 2**40 + 3, 2**63 - 1]:
    # spawn: children's streams from SeedSequence spawn keys, a later spawn giving the next children, and the parent
    # drawing on as if it had not spawned
    program('spawn seed=%d' % seed, seed, [
        ('random', {'shape': '2'}),
        ('spawn_random', {'n': 3, 'child': 0, 'shape': '3'}),
        ('spawn_random', {'n': 3, 'child': 2, 'shape': '3'}),
        ('spawn_random', {'n': 2, 'child': 1, 'm': 2, 'grandchild': 1, 'shape': '4'}),
        ('spawn_random', {'n': 1, 'child': 0, 'shape': '1'}),
        ('random', {'shape': '2'}),
    ])
for seed in [3, 2**33 + 1, 987654321]:
    # long runs: the ziggurats' rare branches (the tails, the wedges) happen thousands of times
    program('long seed=%d' % seed, seed, [
        ('standard_normal', {'shape': '300000'}),
        ('standard_exponential', {'shape': '300000'}),
        ('integers', {'low': 0, 'high': 1000, 'endpoint': 'false', 'shape': '100001'}),
        ('integers', {'low': 0, 'high': 3 * 2**61, 'endpoint': 'false', 'shape': '100000'}),
        ('random', {'shape': '100000'}),
        ('permutation', {'n': 70000}),
        ('choice', {'a': 10**6, 'replace': 'false', 'shape': '5000'}),
        ('random32', {'shape': '100001'}),
        ('uniform', {'low': -1.0, 'high': 3.0, 'shape': '100000'}),
        ('random32', {'shape': '3'}),
        ('random', {'shape': '3'}),
    ])
for seed in [0, 42, 2**63 - 1]:
    # binomial: inversion (n min(p, 1 - p) <= 30), BTPE (its triangle, parallelogram, tails and step 5.2, where
    # |y - m| > 20), the complement for p above 1/2, and the ends
    program('binomial seed=%d' % seed, seed, [
        ('binomial', {'n': 20, 'p': 0.3, 'shape': '6'}),
        ('binomial', {'n': 1000, 'p': 0.4, 'shape': '6'}),
        ('binomial', {'n': 1000, 'p': 0.97, 'shape': '5'}),
        ('binomial', {'n': 100, 'p': 0.8, 'shape': '5'}),
        ('binomial', {'n': 10**12, 'p': 0.7, 'shape': '3'}),
        ('binomial', {'n': 0, 'p': 0.3, 'shape': '2'}),
        ('binomial', {'n': 10, 'p': 1.0, 'shape': '2'}),
        ('binomial', {'n': 10, 'p': 0.0, 'shape': '2'}),
        ('binomial', {'n': 61, 'p': 0.5, 'shape': '4'}),
        ('binomial', {'n': 3, 'p': 0.5, 'shape': ''}),
        ('random', {'shape': '2'}),
    ])
for seed in [0, 42, 2**63 - 1]:
    # poisson (a product of uniforms below rate 10, PTRS from 10) and gamma (Marsaglia and Tsang on the ziggurat's
    # normals above shape 1, the exponential at 1; ndj refuses shapes between 0 and 1: NumPy's come from the C
    # library's pow)
    program('poisson gamma seed=%d' % seed, seed, [
        ('poisson', {'lam': 3.5, 'shape': '6'}),
        ('poisson', {'lam': 150.0, 'shape': '6'}),
        ('poisson', {'lam': 0.0, 'shape': '2'}),
        ('poisson', {'lam': 1e12, 'shape': '3'}),
        ('standard_gamma', {'k': 2.5, 'shape': '5'}),
        ('standard_gamma', {'k': 1.0, 'shape': '3'}),
        ('standard_gamma', {'k': 0.0, 'shape': '2'}),
        ('gamma', {'k': 9.0, 'scale': 0.5, 'shape': '4'}),
        ('gamma', {'k': 1.0, 'scale': 3.0, 'shape': '4'}),
        ('random', {'shape': '2'}),
    ])
program('poisson gamma long', 77, [
    ('poisson', {'lam': 4.0, 'shape': '100000'}),
    ('poisson', {'lam': 37.0, 'shape': '100000'}),
    ('standard_gamma', {'k': 3.0, 'shape': '100000'}),
    ('standard_gamma', {'k': 1.0001, 'shape': '100000'}),
    ('gamma', {'k': 150.0, 'scale': 2.0, 'shape': '100000'}),
    ('random', {'shape': '3'}),
])
program('binomial long', 2024, [
    ('binomial', {'n': 20, 'p': 0.3, 'shape': '100000'}),
    ('binomial', {'n': 1000, 'p': 0.4, 'shape': '100000'}),
    ('binomial', {'n': 10**6, 'p': 0.25, 'shape': '100000'}),
    ('binomial', {'n': 75, 'p': 0.6, 'shape': '100000'}),
    ('binomial', {'n': 5000, 'p': 0.001, 'shape': '100000'}),
    ('random', {'shape': '3'}),
])
program('errors', 5, [
    ('normal', {'loc': 0.0, 'scale': -1.0, 'shape': '2'}),
    ('exponential', {'scale': -1.0, 'shape': '2'}),
    ('integers', {'low': 5, 'high': 5, 'endpoint': 'false', 'shape': '2'}),
    ('integers', {'low': 5, 'high': 4, 'endpoint': 'true', 'shape': '2'}),
    ('choice', {'a': 3, 'replace': 'false', 'shape': '4'}),
    ('choice', {'a': 0, 'replace': 'true', 'shape': '4'}),
    ('choice', {'a': 3, 'replace': 'true', 'p': '0.5,0.5', 'shape': '2'}),
    ('choice', {'a': 2, 'replace': 'true', 'p': 'nan,0.5', 'shape': '2'}),
    ('choice', {'a': 2, 'replace': 'true', 'p': '-0.5,1.5', 'shape': '2'}),
    ('choice', {'a': 2, 'replace': 'true', 'p': '0.5,0.6', 'shape': '2'}),
    ('choice', {'a': 3, 'replace': 'false', 'p': '0.0,1.0,0.0', 'shape': '2'}),
    ('binomial', {'n': -1, 'p': 0.5, 'shape': '2'}),
    ('binomial', {'n': 5, 'p': 1.5, 'shape': '2'}),
    ('binomial', {'n': 5, 'p': 'NaN', 'shape': '2'}),
    ('poisson', {'lam': -1.0, 'shape': '2'}),
    ('poisson', {'lam': 'NaN', 'shape': '2'}),
    ('poisson', {'lam': 1e19, 'shape': '2'}),
    ('standard_gamma', {'k': -1.0, 'shape': '2'}),
    ('gamma', {'k': 1.0, 'scale': -1.0, 'shape': '2'}),
    ('random', {'shape': '2'}),  # the errors drew nothing
])
print('\n'.join(lines))
