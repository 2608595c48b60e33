"""Writes numpy-einsum-ellipsis.tsv beside this script: np.einsum with '...' by NumPy 2.

Run with NumPy >= 2 from this folder:  python3 numpy_einsum_ellipsis.py > numpy-einsum-ellipsis.tsv
Each line: the subscripts; the operands, each dtype|values|shape, joined by ' ; '; then 'ERR' and NumPy's message,
or the result's dtype, shape and values (repr as Python floats)."""
import numpy as np

rng = np.random.default_rng(20261210)
CASES = [('...ij,jk->...ik', [(2, 3, 4), (4, 5)]), ('...ij,jk', [(2, 3, 4), (4, 5)]), ('i...->...', [(2, 3, 4)]),
         ('...,...->...', [(2, 3), (2, 3)]), ('ij...,jk...->ik...', [(2, 3, 2), (3, 4, 2)]),
         ('...ii->...i', [(3, 2, 2)]), ('...ij,...jk->...ik', [(1, 2, 3), (5, 3, 4)]), ('...', [(2, 3)]),
         ('i...j', [(2, 3, 4)]), ('ab...,b...->a...', [(2, 3, 4), (3, 4)]), ('...ij,...jk->...ik', [(2, 2, 3), (5, 3, 4)]),
         ('i...,i...', [(2, 3), (2, 4)]), ('i...->i', [(2, 3, 4)]), ('ab...->', [(2,)]), ('......', [(2, 3)]),
         ('...i,...i->...', [(4, 3), (4, 3)]), ('...i,...i', [(2, 1, 3), (5, 3)]), ('...->...', [()]),
         ('i,...->i...', [(3,), (2, 2)]), ('bij,b...jk->b...ik', [(2, 3, 4), (2, 4, 5)]), ('...ij->...ji', [(2, 3, 4)]),
         ('ij...', [(2, 3)]), ('...i,i', [(3, 4), (4,)]), ('k...,...->...k', [(2, 3), (3,)])]
for sub, shapes in CASES:
    for dt in ['float64', 'int64']:
        ops = [np.round(rng.normal(0, 2, s), 1).astype(dt) if dt == 'float64' else rng.integers(-5, 6, s).astype(dt)
               for s in shapes]
        spec = ' ; '.join('%s|%s|%s' % (o.dtype, ','.join(repr(float(v)) for v in o.reshape(-1)),
                                        ','.join(map(str, o.shape))) for o in ops)
        try:
            r = np.asarray(np.einsum(sub, *ops))
            print('\t'.join([sub, spec, str(r.dtype), ','.join(map(str, r.shape)),
                             ','.join(repr(float(v)) for v in r.reshape(-1))]))
        except ValueError as e:
            print('\t'.join([sub, spec, 'ERR', str(e)]))
