"""CuPy's std over all, axis 0 and axis 1 of 1000x1000 and 10000x10000 float32/float64 (medians of 7), printed
beside `./ndj bench --rows "std,std(axis=0),std(axis=1)"` on the GPU machine."""
import cupy as cp, numpy as np, time
for dt in ['float32','float64']:
    for n in [1000, 10000]:
        x = cp.random.random((n, n)).astype(dt)
        for name, f in [('std', lambda: x.std()), ('std(axis=0)', lambda: x.std(axis=0)), ('std(axis=1)', lambda: x.std(axis=1))]:
            f(); cp.cuda.Device().synchronize()
            ts = []
            for _ in range(7):
                t0 = time.perf_counter(); f(); cp.cuda.Device().synchronize(); ts.append(time.perf_counter() - t0)
            print(f'cupy {name:12s} {dt} {n}x{n} {sorted(ts)[3]*1e3:.4f} ms')
