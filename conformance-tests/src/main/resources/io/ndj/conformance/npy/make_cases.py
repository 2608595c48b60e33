#!/usr/bin/env python3
"""Makes npy-cases.tsv: seeded mutations of .npy headers and .npz members, each with NumPy's own verdict.

Run from this folder with NumPy >= 2:  python3 make_cases.py [SEED] > npy-cases.tsv
With --seconds N it goes on with seeds SEED+1, SEED+2, ... until N seconds have passed, a line at a time (the
generator behind ./ndj fuzz-npy).
Each line: kind (npy|npz), case id, the file's bytes in base64, NumPy's verdict. The verdict is either
  ok <array>[;<array>...]   where <array> is key=descr|shape|hex of the C-order bytes (key '-' for .npy), or
  error <the first line of the message np.load raised>.
The kit (NpyFilesContract) loads every file with ndj and holds it to that verdict; it never runs Python.
"""
import base64, io, os, random, re, struct, sys, tempfile, warnings, zipfile, zlib
import numpy as np

ARGS = [a for a in sys.argv[1:] if not a.startswith("--")]
SEED = int(ARGS[0]) if ARGS else 20261205
SECONDS = float(sys.argv[sys.argv.index("--seconds") + 1]) if "--seconds" in sys.argv else None
rng = random.Random(SEED)
MAGIC = b"\x93NUMPY"

BASES = [
    ("<f8", (2, 3), np.array([[0.0, -0.0, 1.5], [np.inf, -np.inf, np.nan]])),
    ("<i4", (3,), np.array([1, -2, 2**31 - 1], dtype="<i4")),
    ("|u1", (), np.array(200, dtype="u1")),
    ("|b1", (2, 2), np.array([[True, False], [False, True]])),
    ("<f2", (0,), np.zeros(0, dtype="<f2")),
    ("<i8", (2, 1, 2), np.arange(4, dtype="<i8").reshape(2, 1, 2)),
    (">f4", (4,), np.array([1.0, -2.5, 3.25, 1e30], dtype=">f4")),
    ("<i2", (3, 2), np.arange(-3, 3, dtype="<i2").reshape(3, 2)),
    ("|i1", (1,), np.array([-128], dtype="i1")),
]

DESCR_SPELLINGS = {
    "<f8": ["'<f8'", '"<f8"', "'f8'", "'<d'", "'d'", "'float64'", "'double'", "'=f8'", "'|f8'", "'>f8'",
            "'<F8'", "'<f 8'", "'<f08'", "u'<f8'", "b'<f8'", "'<' 'f8'", "'<c16'", "'<g'", "('<f8', ())",
            "[('a', '<f8')]", "'<f8 '", "' <f8'", "'<float64'", "'float'"],
    "<i4": ["'<i4'", "'i4'", "'i'", "'<i'", "'int32'", "'intc'", "'<I4'", "'<I'", "'<u4'", "'>i4'", "'<l'",
            "'<U1'", "'<S4'", "'V4'", "'<m8'", "'<M8[s]'", "'|i4'", "'l4'", "'<i16'", "'O'", "'<i0'"],
    "|u1": ["'|u1'", "'<u1'", "'B'", "'uint8'", "'ubyte'", "'<B1'", "'u1'", "'>u1'", "'<U1'", "'|b1'", "'|i1'",
            "'?'", "'S1'", "'a1'", "'u'", "'uint'"],
    "|b1": ["'|b1'", "'?'", "'bool'", "'<b1'", "'b1'", "'bool_'", "'<?'", "'?1'", "'b'", "'B'", "'|u1'"],
    "<f2": ["'<f2'", "'e'", "'half'", "'float16'", "'f2'", "'<f4'", "'<u2'", "'<h'", "'<H'"],
    "<i8": ["'<i8'", "'q'", "'l'", "'int'", "'long'", "'int64'", "'intp'", "'<p'", "'<P'", "'<u8'", "'<Q'",
            "'<f8'", "'<c8'"],
    ">f4": ["'>f4'", "'>f'", "'<f4'", "'f4'", "'single'", "'float32'", "'>u4'", "'>i4'"],
    "<i2": ["'<i2'", "'h'", "'short'", "'int16'", "'<u2'", "'ushort'", "'<f2'"],
    "|i1": ["'|i1'", "'b'", "'int8'", "'byte'", "'>i1'", "'<i1'", "'|u1'", "'|b1'"],
}


def shape_spellings(shape):
    plain = "(" + ", ".join(str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"
    out = [plain, "(" + ",".join(str(d) for d in shape) + ",)", "[" + ", ".join(str(d) for d in shape) + "]",
           "(" + ", ".join(str(d) + "L" for d in shape) + ("," if len(shape) == 1 else "") + ")",
           "(" + ", ".join(hex(d) for d in shape) + ("," if len(shape) == 1 else "") + ")",
           "(" + ", ".join(str(float(d)) for d in shape) + ("," if len(shape) == 1 else "") + ")",
           "( " + " , ".join(str(d) for d in shape) + (" ," if len(shape) == 1 else "") + " )",
           "(" + ",,".join(str(d) for d in shape) + ")", "(,)", "()", "(-1,)", "None", "'(2, 3)'",
           "(" + ", ".join("+" + str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")",
           "((" + ", ".join(str(d) for d in shape) + ("," if len(shape) == 1 else "") + "))",
           "(" + ", ".join("True" if d == 1 else str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")",
           "(" + ", ".join("0" + str(d) if d else "0" for d in shape) + ("," if len(shape) == 1 else "") + ")",
           "(" + ", ".join(str(d) + "_0" for d in shape) + ("," if len(shape) == 1 else "") + ")",
           "(" + ", ".join(str(-d) for d in shape) + ("," if len(shape) == 1 else "") + ")",
           "(" + ", ".join(str(d) for d in reversed(shape)) + ("," if len(shape) == 1 else "") + ")",
           "(" + str(2**63) + ", 0)", "(" + str(2**62) + ", 4)", "(3037000500, 3037000500)"]
    return out


FORTRAN_SPELLINGS = ["False", "True", "false", "true", "0", "1", "None", "'False'", "(False)", "not True"]


def key(name, quote):
    return quote + name + quote[-1]


def header_dict(descr, fortran, shape, rnd):
    """A header dict text, with the keys quoted, ordered, duplicated, spaced and ended in varied ways."""
    q = rnd.choice(["'", "'", '"', "u'"])
    items = [(key("descr", q), descr), (key("fortran_order", q), fortran), (key("shape", q), shape)]
    r = rnd.random()
    if r < 0.15:
        # a duplicate key whose last value wins in Python
        k = rnd.randrange(3)
        bogus = {0: "'<U1'", 1: "True", 2: "(7,)"}[k]
        items.insert(rnd.randrange(len(items) + 1), (items[k][0], bogus))
        if rnd.random() < 0.5:
            items.append((items[k][0] if items[k][1] != bogus else items[k][0], items[k][1]))
    elif r < 0.2:
        items.append((key("extra", q), "1"))
    elif r < 0.25:
        del items[rnd.randrange(3)]
    if rnd.random() < 0.3:
        rnd.shuffle(items)
    sep = rnd.choice([": ", ":", " : ", ":\n "])
    comma = rnd.choice([", ", ",", " ,\n"])
    body = comma.join(k + sep + v for k, v in items)
    end = rnd.choice([", }", "}", ",}", " }", "} # end", "}\n"])
    start = rnd.choice(["{", "{", " {", "\t{", "({", "{\n"])
    text = start + body + end + (")" if start == "({" else "")
    return text


def npy_bytes(dict_text, version=(1, 0), pad=True, newline=True, hlen_delta=0, payload=b""):
    h = dict_text.encode("utf8" if version[0] == 3 else "latin1")
    pre = 10 if version[0] == 1 else 12
    if pad:
        total = pre + len(h) + (1 if newline else 0)
        h += b" " * ((-total) % 64)
    if newline:
        h += b"\n"
    hlen = len(h) + hlen_delta
    fmt = "<H" if version[0] == 1 else "<I"
    hlen = max(0, min(hlen, 0xFFFF if version[0] == 1 else 0xFFFFFFFF))
    return MAGIC + bytes(version) + struct.pack(fmt, hlen) + h + payload


def numpy_verdict(data, suffix):
    fd, path = tempfile.mkstemp(suffix=suffix)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                got = np.load(path, allow_pickle=False)
                if isinstance(got, np.lib.npyio.NpzFile):
                    with got:
                        arrays = [(k, got[k]) for k in dict.fromkeys(got.files)]
                else:
                    arrays = [("-", got)]
                parts = []
                for k, a in arrays:
                    c = np.ascontiguousarray(a)
                    descr = c.dtype.str
                    if c.dtype.hasobject or c.dtype.names is not None or c.dtype.subdtype is not None:
                        descr = "unsupported:" + str(c.dtype)
                    body = c.astype(c.dtype.newbyteorder("<")).tobytes().hex() if c.dtype.kind in "biufc" else ""
                    parts.append(k + "=" + descr + "|" + ",".join(str(d) for d in a.shape) + "|" + body)
                return "ok " + ";".join(parts)
            except Exception as e:
                msg = (str(e).strip().splitlines() or [""])[0]
                msg = re.sub(r" at 0x[0-9a-f]+", "", msg)  # object addresses differ from run to run
                return "error " + type(e).__name__ + ": " + msg.replace("\t", " ")
    finally:
        os.unlink(path)


def flip(data, rnd, lo, hi, n):
    b = bytearray(data)
    for _ in range(n):
        if hi > lo:
            i = rnd.randrange(lo, hi)
            b[i] = rnd.choice([rnd.randrange(256), ord(rnd.choice("'\",:(){}[] 0123456789TFLx#\n\\")), 0])
    return bytes(b)


def npy_cases():
    n = 0
    for descr, shape, arr in BASES:
        payload_le = np.ascontiguousarray(arr).tobytes()
        for d in DESCR_SPELLINGS[descr]:
            for s in rng.sample(shape_spellings(shape), 5) + [shape_spellings(shape)[0]] * 4:
                f = rng.choice(["False"] * 6 + ["True"] * 2 + FORTRAN_SPELLINGS)
                text = header_dict(d, f, s, rng)
                version = rng.choice([(1, 0)] * 16 + [(2, 0), (2, 0), (3, 0), (3, 0), (1, 1), (4, 0), (0, 0)])
                payload = payload_le
                r = rng.random()
                if r < 0.05:
                    payload = payload[: len(payload) // 2]
                elif r < 0.1:
                    payload += b"\x00" * rng.randrange(1, 9)
                data = npy_bytes(text, version, pad=rng.random() < 0.8, newline=rng.random() < 0.9,
                                 hlen_delta=rng.choice([0] * 30 + [-1, 1, -5, 7, 200]), payload=payload)
                if rng.random() < 0.03:
                    data = data[: rng.randrange(0, min(len(data), 60))]
                n += 1
                yield "npy", "npy-%04d" % n, data
                if rng.random() < 0.35:
                    hend = min(len(data), 10 + len(text))
                    n += 1
                    yield "npy", "npy-%04d" % n, flip(data, rng, 10, hend, rng.randrange(1, 3))


def zip_of(members, compress):
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED) as z:
            for name, data in members:
                z.writestr(name, data)
    return buf.getvalue()


def npz_cases():
    good = []
    for _, _, arr in BASES[:5]:
        b = io.BytesIO()
        np.save(b, arr)
        good.append(b.getvalue())
    n = 0
    for i in range(260):
        compress = rng.random() < 0.5
        k = rng.randrange(1, 4)
        members = [("m%d.npy" % j, rng.choice(good)) for j in range(k)]
        r = rng.random()
        if r < 0.15:
            members.append((members[0][0], rng.choice(good)))  # a second member of the same name
        elif r < 0.2:
            members.append(("plain", good[0]))
        data = bytearray(zip_of(members, compress))
        mut = rng.choice(["none", "data", "data", "crc", "usize", "csize", "truncate", "eocd"])
        cd = data.rfind(b"PK\x01\x02")
        first_cd = data.find(b"PK\x01\x02")
        if mut == "data":
            # a byte of the first member's stored or compressed bytes
            lo = 30 + len(members[0][0])
            j = rng.randrange(lo, lo + 40)
            data[j] ^= 1 << rng.randrange(8)
        elif mut == "crc":
            data[first_cd + 16] ^= 0xFF
            data[14] ^= 0xFF
        elif mut == "usize":
            big = rng.choice([2**31 - 1, 2**32 - 2, 10**9])
            struct.pack_into("<I", data, first_cd + 24, big)
            struct.pack_into("<I", data, 22, big)
        elif mut == "csize":
            v = struct.unpack_from("<I", data, first_cd + 20)[0]
            struct.pack_into("<I", data, first_cd + 20, v + rng.choice([-7, 9, 10**6]))
        elif mut == "truncate":
            data = data[: rng.randrange(len(data) // 2, len(data))]
        elif mut == "eocd":
            data[-rng.randrange(1, 22)] ^= 0x5A
        n += 1
        yield "npz", "npz-%04d-%s" % (n, mut), bytes(data)


def main():
    import time
    global rng
    out = sys.stdout
    out.write("# made by make_cases.py, seed %d, NumPy %s\n" % (SEED, np.__version__))
    start = time.monotonic()
    seed = SEED
    while True:
        for kind, cid, data in list(npy_cases()) + list(npz_cases()):
            if SECONDS is not None and time.monotonic() - start > SECONDS:
                return
            verdict = numpy_verdict(data, "." + kind)
            prefix = "" if seed == SEED else "s%d-" % seed
            out.write("\t".join([kind, prefix + cid, base64.b64encode(data).decode(), verdict]) + "\n")
            if SECONDS is not None:
                out.flush()
        if SECONDS is None:
            return
        seed += 1
        rng = random.Random(seed)


if __name__ == "__main__":
    main()
