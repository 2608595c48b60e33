"""The fusion rows on the GPU machine, beside ndj's `./ndj bench --rows chain19,...`: CuPy op by op, cupy.fuse
(elementwise chains only: it cannot fuse a reduction followed by more work) and torch.compile, on the same card,
in one run. The shapes are ndj's for --sizes 67108864: 8192 x 8192 float32 (2^26 elements), softmax and layernorm
over the last axis. Prints one row per (row, library): median ms by CUDA events.
Run there with: python3 fusion_compare.py"""
import os
import sys

import cupy as cp

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import side_by_side  # noqa: E402

N = 8192


t_cp = side_by_side.device_ms


def chain19(xp, x):
    h = xp.sin(x * 1.5 + 0.25) ** 2 + xp.cos(x * 0.5) ** 2
    j = xp.abs(h - 1.0)
    m = xp.exp(-(x * x)) * 0.75
    return xp.maximum(xp.tanh(j + m) * 2.0 + x, 0.0)


def softmax(x):
    e = cp.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def layernorm(x):
    d = x - x.mean(axis=-1, keepdims=True)
    return d / cp.sqrt((d * d).mean(axis=-1, keepdims=True) + 1e-5)


rng = cp.random.default_rng(1)
x = rng.random((N, N), dtype=cp.float32)
y = rng.random((N, N), dtype=cp.float32)
print(f'cupy {cp.__version__} on {cp.cuda.runtime.getDeviceProperties(0)["name"].decode()}')
def chain19_cp(a):
    return chain19(cp, a)


def axpby(a, b):
    return a * 2.5 + b * -0.5


rows = [
    ('chain19', lambda: chain19(cp, x), cp.fuse(chain19_cp), (x,)),
    ('softmax', lambda: softmax(x), None, (x,)),
    ('layernorm', lambda: layernorm(x), None, (x,)),
    ('a*x+b*y', lambda: axpby(x, y), cp.fuse(axpby), (x, y)),
]
for name, f, fused, args in rows:
    print(f'{name:12s} cupy        {t_cp(f):9.4f} ms', flush=True)
    if fused is not None:
        print(f'{name:12s} cupy.fuse   {t_cp(lambda: fused(*args)):9.4f} ms', flush=True)
try:
    import torch

    tx = torch.as_tensor(x, device='cuda')
    ty = torch.as_tensor(y, device='cuda')
    def chain19_torch(a):
        h = torch.sin(a * 1.5 + 0.25) ** 2 + torch.cos(a * 0.5) ** 2
        j = torch.abs(h - 1.0)
        m = torch.exp(-(a * a)) * 0.75
        return torch.clamp(torch.tanh(j + m) * 2.0 + a, min=0.0)

    tfs = {
        'chain19': (torch.compile(chain19_torch), (tx,)),
        'softmax': (torch.compile(lambda a: torch.softmax(a, -1)), (tx,)),
        'layernorm': (torch.compile(lambda a: torch.nn.functional.layer_norm(a, (N,), eps=1e-5)), (tx,)),
        'a*x+b*y': (torch.compile(lambda a, b: a * 2.5 + b * -0.5), (tx, ty)),
    }
    for name, (f, args) in tfs.items():
        for _ in range(3):
            f(*args)
        torch.cuda.synchronize()
        print(f'{name:12s} torch.compile {t_cp(lambda: f(*args)):9.4f} ms', flush=True)
except Exception as e:  # torch absent or its compiler unavailable: say so, keep the CuPy rows
    print(f'torch.compile: not run ({type(e).__name__}: {e})')
