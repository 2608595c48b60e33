"""Writes ziggurat.txt beside this script: the float64 ziggurat tables of NumPy's Generator, as exact bits.

NumPy's standard_normal and standard_exponential (numpy/random/src/distributions/distributions.c) draw through
the tables in numpy/random/src/distributions/ziggurat_constants.h (BSD 3-Clause, Copyright (c) 2005-2026, NumPy
Developers). ndj reproduces NumPy's stream bit for bit, so it needs those tables bit for bit: this script parses
the header's literals as a C compiler does (Python's float() rounds decimal literals correctly) and writes one
line per table, its name then each value as 16 hex digits (the IEEE bits of a double, or the uint64 itself).

Run:  python3 ziggurat_tables.py PATH/TO/ziggurat_constants.h   (deterministic)"""
import re
import struct
import sys

text = open(sys.argv[1]).read()
out = []
for name in ['ki_double', 'wi_double', 'fi_double', 'ke_double', 'we_double', 'fe_double']:
    body = re.search(r'\b%s\[\]\s*=\s*\{(.*?)\};' % name, text, re.S).group(1)
    values = [v.strip() for v in body.split(',') if v.strip()]
    if name.startswith('k'):
        words = ['%016x' % int(v.rstrip('ULul'), 16) for v in values]
    else:
        words = ['%016x' % struct.unpack('<Q', struct.pack('<d', float(v)))[0] for v in values]
    assert len(words) == 256, (name, len(words))
    out.append(name + ' ' + ' '.join(words))
for name in ['ziggurat_nor_r', 'ziggurat_nor_inv_r', 'ziggurat_exp_r']:
    v = float(re.search(r'\b%s\s*=\s*([0-9.eE+-]+)' % name, text).group(1))
    out.append(name + ' %016x' % struct.unpack('<Q', struct.pack('<d', v))[0])
with open('ziggurat.txt', 'w') as f:
    f.write('\n'.join(out) + '\n')
