"""Writes numpy-eig.tsv beside this script: numpy.linalg.eig/eigvals of general real matrices, by NumPy 2.

Run with NumPy >= 2 from this folder:  python3 numpy_eig.py > numpy-eig.tsv   (deterministic)
Each line (tab-separated): label, input dtype, input shape, input values, then 'ERR' and NumPy's message, or the
eigenvalues' dtype and the eigenvalues of each matrix sorted by (real, imaginary) part (complex as re,im pairs;
the order NumPy returns them in is LAPACK's and not part of the contract)."""
import numpy as np

rng = np.random.default_rng(20261206)


def num(x):
    return repr(float(x)) if np.isfinite(x) else ('nan' if np.isnan(x) else ('inf' if x > 0 else '-inf'))


def fmt(v):
    v = np.asarray(v)
    if np.iscomplexobj(v):
        v = np.stack([v.real, v.imag], axis=-1)
    return ','.join(num(x) for x in np.asarray(v, dtype=np.float64).reshape(-1))


def case(label, x):
    head = [label, str(x.dtype), ','.join(str(d) for d in x.shape), fmt(x)]
    try:
        w = np.linalg.eigvals(x)
    except Exception as e:  # noqa: BLE001 - NumPy's message is the expected answer
        print('\t'.join(head + ['ERR', str(e)]))
        return
    if w.size == 0:
        print('\t'.join(head + [str(w.dtype), '']))
        return
    flat = w.reshape(-1, w.shape[-1])
    keyed = np.stack([np.array(sorted(row, key=lambda z: (round(float(np.real(z)), 6), round(float(np.imag(z)), 6))))
                      for row in flat])
    print('\t'.join(head + [str(w.dtype), fmt(keyed.astype(w.dtype))]))


k = 0
for dtype in ['float64', 'float32', 'int32']:
    for n in [1, 2, 3, 4, 5, 8, 13]:
        k += 1
        case(f'eig-{k}', np.round(rng.normal(0, 2, (n, n)), 3).astype(dtype))
    k += 1
    s = np.round(rng.normal(0, 2, (4, 4)), 3)
    case(f'eig-symmetric-{k}', (s + s.T).astype(dtype))
    k += 1
    case(f'eig-triangular-{k}', np.triu(np.round(rng.normal(0, 2, (5, 5)), 3)).astype(dtype))
    k += 1
    case(f'eig-batched-{k}', np.round(rng.normal(0, 2, (2, 3, 4, 4)), 3).astype(dtype))
k += 1
case(f'eig-rotation-{k}', np.array([[0., -1], [1, 0]]))
k += 1
case(f'eig-defective-{k}', np.array([[2., 1], [0, 2]]))
k += 1
case(f'eig-zeros-{k}', np.zeros((3, 3)))
k += 1
case(f'eig-empty-{k}', np.zeros((0, 0)))
for x in [np.ones((2, 3)), np.ones(3), np.array([[np.nan, 1], [1, 2]]), np.array([[np.inf, 1], [1, 2]]),
          np.ones((2, 2), np.float16)]:
    k += 1
    case(f'eig-error-{k}', x)
# complex matrices (zgeev)
for dtype in ['complex128', 'complex64']:
    for n in [1, 2, 3, 5, 8, 13]:
        k += 1
        case(f'eig-complex-{k}', (np.round(rng.normal(0, 2, (n, n)), 3)
                                  + 1j * np.round(rng.normal(0, 2, (n, n)), 3)).astype(dtype))
    k += 1
    h = np.round(rng.normal(0, 2, (4, 4)), 3) + 1j * np.round(rng.normal(0, 2, (4, 4)), 3)
    case(f'eig-complex-hermitian-{k}', (h + h.conj().T).astype(dtype))
    k += 1
    case(f'eig-complex-triangular-{k}', np.triu(np.round(rng.normal(0, 2, (5, 5)), 3)
                                                + 1j * np.round(rng.normal(0, 2, (5, 5)), 3)).astype(dtype))
    k += 1
    case(f'eig-complex-batched-{k}', (np.round(rng.normal(0, 2, (2, 3, 4, 4)), 3)
                                      + 1j * np.round(rng.normal(0, 2, (2, 3, 4, 4)), 3)).astype(dtype))
k += 1
case(f'eig-complex-defective-{k}', np.array([[2 + 1j, 1], [0, 2 + 1j]]))
k += 1
case(f'eig-complex-nan-{k}', np.array([[np.nan + 0j, 1], [1, 2]]))
