"""Writes numpy-text.tsv beside this script: np.savetxt and np.loadtxt by NumPy 2.

Run with NumPy >= 2 from this folder:  python3 numpy_text.py > numpy-text.tsv   (deterministic)
Text fields are escaped: backslash as \\\\, newline as \\n, tab as \\t, carriage return as \\r; 'None' is None.
'save' lines: label; 'save'; the array as dtype|values|shape; 'str' or 'list' and the fmt (a list's items
joined by '¦'); delimiter; newline; header; footer; comments; then 'ERR' and NumPy's message, or the text written.
'load' lines: label; 'load'; the text read; dtype; comments; delimiter; skiprows; usecols ('' for None, 'N' for
an int, 'N,M,' for a sequence); ndmin; max_rows ('' for None); then 'ERR' and NumPy's message, or the result's
dtype, shape and values (repr of each as a Python float or int)."""
import io
import warnings

import numpy as np

warnings.simplefilter('ignore')
rng = np.random.default_rng(20261208)
lines = []


def esc(s):
    if s is None:
        return 'None'
    return s.replace('\\', '\\\\').replace('\n', '\\n').replace('\t', '\\t').replace('\r', '\\r')


def num(x):
    if isinstance(x, (bool, np.bool_)):
        return '1' if x else '0'
    if isinstance(x, (int, np.integer)):
        return str(int(x))
    x = float(x)
    return repr(x) if np.isfinite(x) else ('nan' if np.isnan(x) else ('inf' if x > 0 else '-inf'))


def spec(a):
    flat = a.reshape(-1).tolist()
    if np.iscomplexobj(a):  # complex values as (re, im) pairs
        flat = [p for v in flat for p in (v.real, v.imag)]
    return '%s|%s|%s' % (a.dtype, ','.join(num(v) for v in flat), ','.join(map(str, a.shape)))


def save(label, a, fmt='%.18e', delimiter=' ', newline='\n', header='', footer='', comments='# '):
    kind = 'list' if isinstance(fmt, list) else 'str'
    head = [label, 'save', spec(a), kind, '¦'.join(fmt) if kind == 'list' else fmt,
            esc(delimiter), esc(newline), esc(header), esc(footer), esc(comments)]
    b = io.StringIO()
    try:
        np.savetxt(b, a, fmt=fmt, delimiter=delimiter, newline=newline, header=header, footer=footer,
                   comments=comments)
        lines.append('\t'.join(head + [esc(b.getvalue())]))
    except (ValueError, TypeError, AttributeError, OverflowError) as e:
        lines.append('\t'.join(head + ['ERR', str(e)]))


def load(label, text, dtype='float64', comments='#', delimiter=None, skiprows=0, usecols=None, ndmin=0,
         max_rows=None):
    uc = '' if usecols is None else (str(usecols) if isinstance(usecols, int) else
                                     ''.join('%d,' % u for u in usecols))
    head = [label, 'load', esc(text), dtype, esc(comments), esc(delimiter), str(skiprows), uc, str(ndmin),
            '' if max_rows is None else str(max_rows)]
    try:
        r = np.loadtxt(io.StringIO(text), dtype=dtype, comments=comments, delimiter=delimiter, skiprows=skiprows,
                       usecols=usecols, ndmin=ndmin, max_rows=max_rows)
        lines.append('\t'.join(head + [str(r.dtype), ','.join(map(str, r.shape)),
                                       ','.join(num(v) for v in r.reshape(-1).tolist())]))
    except (ValueError, TypeError) as e:
        lines.append('\t'.join(head + ['ERR', str(e)]))


DTYPES = ['float64', 'float32', 'float16', 'int64', 'int32', 'int16', 'int8', 'uint8', 'bool']
FLOAT_FMTS = ['%.18e', '%.3f', '%g', '%.3g', '%10.4e', '%-9.2f|', '%+.2E', '%08.3f', '%s', '%d', '%.0f', '%#.0f',
              '% .5G', '%.12g', '%5s', '%.3s', '%i', '%x', '%r', '%%%.1f', '%q']
INT_FMTS = ['%d', '%5d', '%-4d|', '%+d', '%05d', '%.3d', '%x', '%#X', '%o', '%#o', '%s', '%.2f', '%e', '%g',
            '%u', '%r', '%k']


def values(dtype, n):
    if dtype.startswith('float'):
        v = rng.choice([0.0, -0.0, 0.5, 0.125, 2.5, -1.75, 1e-5, 123456.789, 1e20, -3.3e-8, 0.1, 1 / 3, 2.675,
                        np.nan, np.inf, -np.inf], n)
        return v.astype(dtype)
    if dtype == 'bool':
        return rng.integers(0, 2, n).astype(bool)
    info = np.iinfo(dtype)
    return rng.integers(max(info.min, -300), min(info.max, 300), n, endpoint=True).astype(dtype)


for i in range(220):
    dt = DTYPES[int(rng.integers(len(DTYPES)))]
    nd = int(rng.choice([1, 2, 2, 2]))
    shape = (int(rng.integers(1, 5)),) if nd == 1 else (int(rng.integers(0, 4)), int(rng.integers(1, 4)))
    a = values(dt, int(np.prod(shape))).reshape(shape)
    if dt in ('float64', 'float32', 'float16') and rng.random() < 0.7:
        a = np.where(np.isfinite(a), a, 1.5).astype(dt) if rng.random() < 0.5 else a
    fmts = FLOAT_FMTS if dt.startswith('float') else INT_FMTS
    fmt = fmts[int(rng.integers(len(fmts)))]
    if rng.random() < 0.15 and a.ndim == 2:
        fmt = [fmts[int(rng.integers(len(fmts)))] for _ in range(a.shape[1] + (1 if rng.random() < 0.2 else 0))]
    elif rng.random() < 0.1 and a.ndim == 2:
        fmt = ','.join([fmt] * (a.shape[1] + int(rng.integers(0, 2))))
    opts = {}
    if rng.random() < 0.4:
        opts['delimiter'] = str(rng.choice([',', '\t', ' | ', ';']))
    if rng.random() < 0.2:
        opts['newline'] = str(rng.choice(['\r\n', ';', '\n\n']))
    if rng.random() < 0.25:
        opts['header'] = str(rng.choice(['x y z', 'a\nb', 'column names']))
    if rng.random() < 0.15:
        opts['footer'] = str(rng.choice(['end', 'f1\nf2']))
    if rng.random() < 0.15:
        opts['comments'] = str(rng.choice(['// ', '', '%']))
    save('savetxt %s%s fmt %r' % (dt, shape, fmt), a, fmt=fmt, **opts)

save('savetxt 0-d', np.array(1.5))
save('savetxt 3-d', np.zeros((1, 2, 1)))
save('savetxt nan as %d', np.array([[np.nan]]), fmt='%d')
save('savetxt inf as %d', np.array([[np.inf]]), fmt='%d')

TEXTS = ['1 2 3\n4 5 6\n', '1 2 3\n', '1\n2\n', '7\n', '', '# only a comment\n', '# c\n\n1,2 # x\n3,4\n',
         '1 2 3\n4 5\n', '1 a 3\n', '1 2.5\n', ' 1  2 \n', '1\t2\n3\t4\n', 'nan inf -inf +inf NaN INF 1e3 .5 -0\n',
         '1,,3\n', 'h\n1 2\n3 4\n', '1 2\n3 4\n5 6\n', '0x10\n', '1_000\n', '300 -1\n', '1e400 -1e400 1e-400\n',
         '1;2;3\n4;5;6\n', '1,2\r\n3,4\r\n', '+5 -7\n', 'True False\n', '2 0 -1\n', '1.5e+2 -.25\n', '% c\n1 2\n',
         '1 2 // x\n3 4\n', '  \n1 2\n\n3 4\n  \n', '9223372036854775807 -9223372036854775808\n', '127 -128\n',
         '65504 65520 1e-8\n', '3.4028235e38 3.5e38\n', '1 2 3\n4 5 6\n7 8 9\n', '5.\n', '1e\n', '- 1\n', '1 2 3 4\n']
for i in range(240):
    text = TEXTS[int(rng.integers(len(TEXTS)))]
    dt = DTYPES[int(rng.integers(len(DTYPES)))] if rng.random() < 0.6 else 'float64'
    opts = {}
    if ',' in text and rng.random() < 0.8:
        opts['delimiter'] = ','
    elif ';' in text and rng.random() < 0.8:
        opts['delimiter'] = ';'
    elif '\t' in text and rng.random() < 0.5:
        opts['delimiter'] = '\t'
    if rng.random() < 0.2:
        opts['comments'] = str(rng.choice(['%', '//', '#']))
    if rng.random() < 0.2:
        opts['skiprows'] = int(rng.integers(0, 3))
    if rng.random() < 0.25:
        opts['usecols'] = [int(rng.integers(-3, 3))] if rng.random() < 0.5 else (
            int(rng.integers(-2, 4)) if rng.random() < 0.5 else [0, int(rng.integers(-1, 3))])
    if rng.random() < 0.3:
        opts['ndmin'] = int(rng.integers(0, 3))
    if rng.random() < 0.15:
        opts['max_rows'] = int(rng.integers(0, 3))
    load('loadtxt %r as %s %s' % (text, dt, ' '.join('%s=%r' % kv for kv in sorted(opts.items()))), text, dt,
         **opts)
load('loadtxt ndmin=3', '1 2\n', ndmin=3)
load('loadtxt comments=None', '1;2\n', delimiter=';', comments=None)
# complex arrays: ' (re+imj)' per number for one format, NumPy's '+-' -> '-', 2 formats per column otherwise
CFMTS = ['%.18e', '%.3f', '%g', '%+.2e', '%s', '%d', '%r', '%10.3f']
for i in range(60):
    dt = ['complex128', 'complex64'][i % 2]
    shape = (int(rng.integers(1, 4)),) if i % 3 == 0 else (int(rng.integers(0, 3)), int(rng.integers(1, 4)))
    n = int(np.prod(shape))
    a = np.empty(n, dt)
    a.real = rng.choice([0.0, -0.0, 0.5, -1.75, 2.5, 1e-5, 123456.789, 0.1, np.nan, np.inf, -np.inf], n)
    a.imag = rng.choice([0.0, -0.0, 1.0, -0.5, 3.25, -1e-3, 0.1, np.nan, np.inf, -np.inf], n)
    a = a.reshape(shape)
    ncol = 1 if a.ndim == 1 else a.shape[1]
    pick = rng.random()
    fmt = CFMTS[int(rng.integers(len(CFMTS)))]
    if pick < 0.15 and a.ndim == 2:
        fmt = ['%.2f%+.2fj', '(%g, %g)', '%.1e %.1e'][int(rng.integers(3))]
        fmt = [fmt] * (ncol + (1 if rng.random() < 0.2 else 0))
    elif pick < 0.3:
        fmt = ' '.join(['%.3f %.3f'] * ncol + (['%g'] if rng.random() < 0.3 else []))
    opts = {}
    if rng.random() < 0.4:
        opts['delimiter'] = str(rng.choice([',', '\t', ' | ']))
    save('savetxt %s%s fmt %r %s' % (dt, shape, fmt, opts), a, fmt=fmt, **opts)

print('\n'.join(dict.fromkeys(lines)))
