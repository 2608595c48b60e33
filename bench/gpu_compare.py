"""ndj (cuda) against CuPy on the same card, in one device call:

    python3 bench/gpu_compare.py            (after ../shared/gpu/pack; run it on the GPU machine)

Runs `./ndj bench --backend cuda` through the packed .gpu/ bundle and bench/cupy_anchor.py (a copy of
shared/bench/cupy_anchor.py), measures the card's device-to-device copy bandwidth with CuPy, and prints per row:
ndj ms, CuPy ms, ratio CuPy/ndj (> 1 means ndj is faster) and ndj's share of the copy bandwidth."""
import os
import re
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
out_dir = os.environ.get('OUT', '/tmp')
csv = os.path.join(out_dir, 'ndj_cuda.csv')
cupy_txt = os.path.join(out_dir, 'cupy.txt')
if len(sys.argv) > 1 and sys.argv[1] == '--compare-only':
    csv, cupy_txt, copy_bw = sys.argv[2], sys.argv[3], float(sys.argv[4])
else:
    with open(os.path.join(out_dir, 'ndj_cuda.txt'), 'w') as f:
        subprocess.run(['bash', os.path.join(root, '.gpu', 'java'), 'io.ndj.cli.Main', 'bench', '--backend', 'cuda',
                        '--csv', csv, '--chart', os.path.join(out_dir, 'ndj_cuda.svg')] + sys.argv[1:],
                       stdout=f, stderr=subprocess.STDOUT)
    import cupy as cp
    x = cp.ones(10 ** 8, dtype=cp.float32)
    y = cp.empty_like(x)
    cp.cuda.Device().synchronize()
    s, e = cp.cuda.Event(), cp.cuda.Event()
    best = 1e9
    for _ in range(10):
        s.record()
        cp.copyto(y, x)
        e.record()
        e.synchronize()
        best = min(best, cp.cuda.get_elapsed_time(s, e))
    copy_bw = 2 * 4e8 / (best * 1e-3) / 1e9
    del x, y
    with open(cupy_txt, 'w') as f:
        subprocess.run([sys.executable, os.path.join(here, 'cupy_anchor.py')], stdout=f, stderr=subprocess.STDOUT)
print(f'device-to-device copy bandwidth: {copy_bw:.0f} GB/s')
cupy = type('R', (), {'stdout': open(cupy_txt).read()})

names = {'H2D asarray': 'H2D', 'D2H asnumpy': 'D2H', 'sort 1e7': 'sort'}
cupy_ms = {}
for line in cupy.stdout.splitlines():
    m = re.match(r'(.{22}) (\S+)\s+(\(.*?\))\s+numpy\s+(\S+) ms\s+cupy\s+(\S+) ms', line)
    if m:
        name = names.get(m.group(1).strip(), m.group(1).strip())
        shape = 'x'.join(v.strip() for v in m.group(3).strip('()').split(',') if v.strip())
        if name == 'sin2+cos2 (cp.fuse)':
            continue
        cupy_ms[(name, m.group(2), shape)] = float(m.group(5))
    t = re.match(r'tiny add .*cupy (\S+) us', line)
    if t:
        cupy_ms[('tiny add', 'float64', '1000')] = float(t.group(1)) / 1000.0
print(f"\n{'row':14s} {'dtype':8s} {'shape':12s} {'ndj ms':>10s} {'cupy ms':>10s} {'cupy/ndj':>9s} {'ndj GB/s':>9s} {'of copy bw':>10s}")
for line in open(csv).read().splitlines()[1:]:
    row, dt, shape, backend, ms, rate, _, _ = line.split(',')
    c = cupy_ms.get((row, dt, shape))
    gbs = float(rate.split()[0]) if rate.endswith('GB/s') else None
    share = f'{gbs / copy_bw * 100:9.0f}%' if gbs else ''
    print(f"{row:14s} {dt:8s} {shape:12s} {float(ms):10.4f} {c if c else float('nan'):10.4f} "
          f"{(c / float(ms)) if c else float('nan'):8.2f}x {gbs if gbs else float('nan'):9.0f} {share}")
