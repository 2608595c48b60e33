"""Writes philox-normals.tsv and philox-normals-float32.tsv beside this script: the Philox generator's standard
normal values (Nd.random(seed).standardNormal(dtype, n) after skipping blocks), computed here apart from ndj's Java
and CUDA code, from the definition in io.ndj.spi.Philox and io.ndj.spi.Gaussian's javadoc: the ziggurat over NumPy's
tables (api's io/ndj/random/ziggurat.txt), a value's further draws from the blocks (counter, (lane << 32) | attempt),
fdlibm's log and exp (Python floats are IEEE doubles, one rounded operation at a time: never a fused multiply-add).

Run:  python3 philox_normals.py
Each line: seed, skip (blocks), n, the first 8 values as hex floats, then the SHA-256 of all n values as
little-endian float64 (float32 in the second file)."""
import hashlib
import math
import os
import struct

import numpy as np

M32 = 0xFFFFFFFF


def philox(key, ctr, high=0):
    """Philox4x32-10 at counter (lo64 = ctr, hi64 = high): the block's first and last 64 bits."""
    k0, k1 = key & M32, (key >> 32) & M32
    c0, c1, c2, c3 = ctr & M32, (ctr >> 32) & M32, high & M32, (high >> 32) & M32
    for _ in range(10):
        p0 = 0xD2511F53 * c0
        p1 = 0xCD9E8D57 * c2
        c0, c1, c2, c3 = ((p1 >> 32) ^ c1 ^ k0) & M32, p1 & M32, ((p0 >> 32) ^ c3 ^ k1) & M32, p0 & M32
        k0, k1 = (k0 + 0x9E3779B9) & M32, (k1 + 0xBB67AE85) & M32
    return (c0 << 32) | c1, (c2 << 32) | c3


def bits_of(x):
    return struct.unpack('<Q', struct.pack('<d', x))[0]


def from_bits(b):
    return struct.unpack('<d', struct.pack('<Q', b))[0]


LG = [6.666666666666735130e-01, 3.999999999940941908e-01, 2.857142874366239149e-01, 2.222219843214978396e-01,
      1.818357216161805012e-01, 1.531383769920937332e-01, 1.479819860511658591e-01]


def log(x):
    """fdlibm's e_log.c for a positive normal double."""
    b = bits_of(x)
    hx = b >> 32
    k = (hx >> 20) - 1023
    hx &= 0x000fffff
    i = (hx + 0x95f64) & 0x100000
    m = from_bits(((hx | (i ^ 0x3ff00000)) << 32) | (b & M32))
    k += i >> 20
    f = m - 1.0
    s = f / (2.0 + f)
    dk = float(k)
    z = s * s
    ii = hx - 0x6147a
    w = z * z
    j = 0x6b851 - hx
    t1 = w * (LG[1] + w * (LG[3] + w * LG[5]))
    t2 = z * (LG[0] + w * (LG[2] + w * (LG[4] + w * LG[6])))
    r = t2 + t1
    ln2hi, ln2lo = 6.93147180369123816490e-01, 1.90821492927058770002e-10
    if (ii | j) > 0:
        hfsq = 0.5 * f * f
        return dk * ln2hi - ((hfsq - (s * (hfsq + r) + dk * ln2lo)) - f)
    return dk * ln2hi - ((s * (f - r) - dk * ln2lo) - f)


def exp(x):
    """fdlibm's e_exp.c for the finite x the ziggurat's wedge asks about (x <= 0, above -745)."""
    ln2hi, ln2lo = 6.93147180369123816490e-01, 1.90821492927058770002e-10
    hx = (bits_of(x) >> 32) & 0x7fffffff
    negative = x < 0
    k, hi, lo = 0, 0.0, 0.0
    if hx > 0x3fd62e42:  # |x| > 0.5 ln2
        if hx < 0x3FF0A2B2:  # and below 1.5 ln2
            hi = x - (-ln2hi if negative else ln2hi)
            lo = -ln2lo if negative else ln2lo
            k = -1 if negative else 1
        else:
            k = int(1.44269504088896338700e+00 * x + (-0.5 if negative else 0.5))  # C's truncation
            t = float(k)
            hi = x - t * ln2hi
            lo = t * ln2lo
        x = hi - lo
    elif hx < 0x3e300000:  # |x| < 2^-28
        return 1.0 + x
    t = x * x
    c = x - t * (1.66666666666666019037e-01 + t * (-2.77777777770155933842e-03 + t * (
        6.61375632143793436117e-05 + t * (-1.65339022054652515390e-06 + t * 4.13813679705723846039e-08))))
    if k == 0:
        return 1.0 - ((x * c) / (c - 2.0) - x)
    y = 1.0 - ((lo - (x * c) / (2.0 - c)) - hi)
    if k >= -1021:
        return from_bits(bits_of(y) + (k << 52))
    return from_bits(bits_of(y) + ((k + 1000) << 52)) * 9.33263618503218878990e-302


def tables():
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, *(['..'] * 8), 'api', 'src', 'main', 'resources', 'io', 'ndj', 'random', 'ziggurat.txt')
    t = {}
    for line in open(os.path.normpath(path)):
        f = line.split()
        t[f[0]] = [int(v, 16) for v in f[1:]]
    return (t['ki_double'], [from_bits(b) for b in t['wi_double']], [from_bits(b) for b in t['fi_double']],
            from_bits(t['ziggurat_nor_r'][0]), from_bits(t['ziggurat_nor_inv_r'][0]))


KI, WI, FI, NOR_R, NOR_INV_R = tables()


def value(word, narrow, key, ctr, lane):
    """Gaussian's value of a word (32 bits where narrow), its further draws from (ctr, (lane << 32) | a)."""
    attempt = 0
    while True:
        idx = word & 0xff
        negative = (word >> 8) & 1
        rabs = (word & M32) >> 9 if narrow else (word >> 9) & ((1 << 52) - 1)
        k = KI[idx] >> 29 if narrow else KI[idx]
        x = float(rabs) * (WI[idx] * 2.0**29 if narrow else WI[idx])
        if negative:
            x = -x
        if rabs < k:
            return x
        while True:
            attempt += 1
            b1, b2 = philox(key, ctr, (lane << 32) | attempt)
            if idx == 0:
                xx = -NOR_INV_R * log(float((b1 >> 11) + 1) * 2.0**-53)
                yy = -log(float((b2 >> 11) + 1) * 2.0**-53)
                if yy + yy > xx * xx:
                    return -(NOR_R + xx) if negative else NOR_R + xx
                continue
            if (FI[idx - 1] - FI[idx]) * (float(b1 >> 11) * 2.0**-53) + FI[idx] < exp(-0.5 * x * x):
                return x
            word = b2 & M32 if narrow else b2
            break


def normals(seed, skip, n):
    key = seed & 0xFFFFFFFFFFFFFFFF
    out = []
    for i in range(n):
        words = philox(key, skip + i // 2)
        out.append(value(words[i & 1], False, key, skip + i // 2, i & 1))
    return out


def normals_float(seed, skip, n):
    key = seed & 0xFFFFFFFFFFFFFFFF
    out = []
    for i in range(n):
        first, last = philox(key, skip + i // 4)
        half = first if (i & 3) < 2 else last
        word = half >> 32 if (i & 1) == 0 else half & M32
        out.append(np.float32(value(word, True, key, skip + i // 4, i & 3)))
    return out


HERE = os.path.dirname(os.path.abspath(__file__))
CASES = [(0, 0, 4096), (42, 0, 4097), (-1, 3, 1001), (2**40 + 7, 2**33, 2048), (-2**63, 17, 513), (7, 5, 200003)]
with open(os.path.join(HERE, 'philox-normals.tsv'), 'w') as out:
    for seed, skip, n in CASES:
        v = normals(seed, skip, n)
        digest = hashlib.sha256(b''.join(struct.pack('<d', x) for x in v)).hexdigest()
        out.write('\t'.join([str(seed), str(skip), str(n), ','.join(float.hex(x) for x in v[:8]), digest]) + '\n')
with open(os.path.join(HERE, 'philox-normals-float32.tsv'), 'w') as out:
    for seed, skip, n in CASES:
        v = normals_float(seed, skip, n)
        digest = hashlib.sha256(b''.join(struct.pack('<f', x) for x in v)).hexdigest()
        out.write('\t'.join([str(seed), str(skip), str(n), ','.join(float.hex(float(x)) for x in v[:8]), digest])
                  + '\n')
