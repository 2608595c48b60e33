"""Writes philox-normals.tsv and philox-normals-float32.tsv beside this script: the Philox generator's standard
normal values (Nd.random(seed).standardNormal(dtype, n) after skipping blocks), computed here apart from ndj's Java
and CUDA code, from the definition in io.ndj.spi.Philox and io.ndj.spi.Gaussian's javadoc (Python floats are IEEE
doubles and NumPy's float32 scalars IEEE floats, one rounded operation at a time: never a fused multiply-add).

Run:  python3 philox_normals.py
Each line: seed, skip (blocks), n, the first 8 values as hex floats, then the SHA-256 of all n values as
little-endian float64 (float32 in the second file)."""
import hashlib
import math
import os
import struct

import numpy as np

M32 = 0xFFFFFFFF


def philox(key, ctr):
    """Philox4x32-10: the block's first and last 64 bits."""
    k0, k1 = key & M32, (key >> 32) & M32
    c0, c1, c2, c3 = ctr & M32, (ctr >> 32) & M32, 0, 0
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


def ksin(x, z):
    w = z * z
    r = 8.33333333332248946124e-03 + z * (-1.98412698298579493134e-04 + z * 2.75573137070700676789e-06) \
        + z * w * (-2.50507602534068634195e-08 + z * 1.58969099521155010221e-10)
    v = z * x
    return x + v * (-1.66666666666666324348e-01 + z * r)


def kcos(x, z):
    w = z * z
    r = z * (4.16666666666666019037e-02 + z * (-1.38888888888741095749e-03 + z * 2.48015872894767294178e-05)) \
        + w * w * (-2.75573143513906633035e-07 + z * (2.08757232129817482790e-09 + z * -1.13596475577881948265e-11))
    hz = 0.5 * z
    c = 1.0 - hz
    return c + (((1.0 - c) - hz) + z * r)


def pair(first, last):
    u1 = (first >> 11) * 2.0**-53
    u2 = (last >> 11) * 2.0**-53
    r = math.sqrt(-2.0 * log(1.0 - u1))
    q = float(round(4.0 * u2))  # Python's round is half to even, as rint
    t = (u2 - 0.25 * q) * 6.283185307179586
    z = t * t
    c, s = kcos(t, z), ksin(t, z)
    quadrant = int(q) & 3
    cos = (c, -s, -c, s)[quadrant]
    sin = (s, c, -s, -c)[quadrant]
    return r * cos, r * sin


def normals(seed, skip, n):
    out = []
    for j in range((n + 1) // 2):
        out.extend(pair(*philox(seed & 0xFFFFFFFFFFFFFFFF, skip + j)))
    return out[:n]


F = np.float32


def float_bits(x):
    return struct.unpack('<I', struct.pack('<f', x))[0]


def float_from_bits(b):
    return F(struct.unpack('<f', struct.pack('<I', b))[0])


def logf(x):
    """fdlibm's e_logf.c, its general branch, for a positive normal float."""
    ix = float_bits(x)
    k = (ix >> 23) - 127
    ix &= 0x007fffff
    i = (ix + (0x95f64 << 3)) & 0x800000
    m = float_from_bits(ix | (i ^ 0x3f800000))
    k += i >> 23
    f = m - F(1)
    s = f / (F(2) + f)
    dk = F(k)
    z = s * s
    ii = ix - (0x6147a << 3)
    w = z * z
    j = (0x6b851 << 3) - ix
    lg1, lg2 = F(float.fromhex('0xaaaaaap-24')), F(float.fromhex('0xccce13p-25'))
    lg3, lg4 = F(float.fromhex('0x91e9eep-25')), F(float.fromhex('0xf89e26p-26'))
    t1 = w * (lg2 + w * lg4)
    t2 = z * (lg1 + w * lg3)
    r = t2 + t1
    ln2hi, ln2lo = F(6.9313812256e-01), F(9.0580006145e-06)
    if (ii | j) > 0:
        hfsq = F(0.5) * f * f
        return dk * ln2hi - ((hfsq - (s * (hfsq + r) + dk * ln2lo)) - f)
    return dk * ln2hi - ((s * (f - r) - dk * ln2lo) - f)


def pair_float(first, last):
    v = F(float((1 << 53) - (first >> 11))) * F(2.0**-53)  # the int is exact as a double: one rounding
    r = np.sqrt(F(-2) * logf(v))
    u2 = F(last >> 40) * F(2.0**-24)
    q = F(round(float(F(4) * u2)))
    t = (u2 - F(0.25) * q) * F(6.283185307179586)
    z = t * t
    c = ((F(2.443315711809948e-5) * z + F(-1.388731625493765e-3)) * z + F(4.166664568298827e-2)) * z * z \
        - F(0.5) * z + F(1)
    s = ((F(-1.9515295891e-4) * z + F(8.3321608736e-3)) * z + F(-1.6666654611e-1)) * z * t + t
    quadrant = int(q) & 3
    cos = (c, -s, -c, s)[quadrant]
    sin = (s, c, -s, -c)[quadrant]
    return r * cos, r * sin


def normals_float(seed, skip, n):
    out = []
    for j in range((n + 1) // 2):
        out.extend(pair_float(*philox(seed & 0xFFFFFFFFFFFFFFFF, skip + j)))
    return out[:n]


HERE = os.path.dirname(os.path.abspath(__file__))
CASES = [(0, 0, 4096), (42, 0, 4097), (-1, 3, 1001), (2**40 + 7, 2**33, 2048), (-2**63, 17, 513)]
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
