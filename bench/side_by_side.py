"""What the bench scripts share: timing a peer's call (by the wall clock, or by CUDA events on the device),
running one of ndj's bench commands (through ./ndj here, the packed .gpu/ bundle on the GPU machine), and printing ndj's rows beside the
peer's with the ratio (peer ms / ndj ms: > 1 means ndj is faster)."""
import os
import re
import subprocess
import sys
import time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.environ.pop('OPENBLAS_CORETYPE', None)
os.environ.pop('OPENBLAS_L2_SIZE', None)


def timed(f, reps, sync=lambda: None, before=lambda: None):
    """The median of reps calls of f after two warm-ups, in ms, synchronised before and after each."""
    ts = []
    for i in range(reps + 2):
        before()
        sync()
        t0 = time.perf_counter()
        r = f()
        sync()
        if i >= 2:
            ts.append((time.perf_counter() - t0) * 1e3)
        del r
    ts.sort()
    return ts[reps // 2]


def device_ms(f, reps=30):
    """The median of reps calls of f after one warm-up, in ms, timed by CUDA events around each call (CuPy's)."""
    import statistics
    import cupy as cp
    f()
    cp.cuda.Device().synchronize()
    s, e = cp.cuda.Event(), cp.cuda.Event()
    ts = []
    for _ in range(reps):
        s.record()
        f()
        e.record()
        e.synchronize()
        ts.append(cp.cuda.get_elapsed_time(s, e))
    return statistics.median(ts)


def run_ndj(command, backend, reps):
    """ndj's rows: `./ndj COMMAND BACKEND REPS`, or the .gpu bundle for cuda (or with --bundle)."""
    if backend == 'cuda' or '--bundle' in sys.argv:
        cmd = ['bash', os.path.join(root, '.gpu', 'java'), 'io.ndj.cli.Main', command, backend, str(reps)]
    else:
        cmd = [os.path.join(root, 'ndj'), command, backend, str(reps)]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(out.stdout + out.stderr)
    return out.stdout


def print_rows(ndj_stdout, peer, theirs):
    print(f"{'row':12s} {'dtype':10s} {'shape':12s} {'ndj ms':>10s} {peer + ' ms':>10s} {peer + '/ndj':>9s}")
    for line in ndj_stdout.splitlines():
        m = re.match(r'(.{12}) (\S+)\s+(\S+)\s+\S+\s+(\S+) ms', line)
        if m:
            row = m.group(1).strip()
            ms = float(m.group(4))
            p = theirs.get(row, float('nan'))
            print(f"{row:12s} {m.group(2):10s} {m.group(3):12s} {ms:10.3f} {p:10.3f} {p / ms:8.2f}x")
