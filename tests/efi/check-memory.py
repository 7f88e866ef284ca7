#!/usr/bin/env python3
"""check-memory.py DUMPDIR MANIFEST CAPTUREDIR: compares guest memory
dumps (DUMPDIR/<hex addr>.bin, from QEMU's pmemsave) with what a
baton-capture 1 manifest says must be there: blob bytes then zeros to the
page end, generated patterns, and the kho_scratch[] array. Prints one line
per range checked; exits 1 on the first difference."""
import os
import struct
import sys

MASK = (1 << 64) - 1


def pattern_word(kind, seed, n):
    if kind == "zero":
        return 0
    if kind == "fill":
        return (seed & 0xff) * 0x0101010101010101
    if kind == "builder":
        x = (n * 0x9e3779b97f4a7c15 + seed * 0xbf58476d1ce4e5b9) & MASK
        return x ^ (x >> 29)
    if kind == "agent":
        x = ((seed ^ n) * 0xd6e8feb86659fd93) & MASK
        return x ^ (x >> 32)
    raise ValueError(kind)


def pattern_bytes(kind, seed, offset, size):
    first, last = offset // 8, (offset + size + 7) // 8
    words = b"".join(struct.pack("<Q", pattern_word(kind, seed, n))
                     for n in range(first, last))
    start = offset - first * 8
    return words[start:start + size]


def dump(dumpdir, addr, size):
    with open(os.path.join(dumpdir, "%x.bin" % addr), "rb") as f:
        data = f.read()
    if len(data) != size:
        sys.exit("FAIL dump of 0x%x has %d bytes, expected %d" % (addr, len(data), size))
    return data


def compare(what, addr, got, want):
    if got == want:
        print("ok %s 0x%x (0x%x bytes)" % (what, addr, len(want)))
        return
    i = next(k for k in range(len(want)) if got[k] != want[k])
    sys.exit("FAIL %s 0x%x: byte 0x%x is 0x%02x, expected 0x%02x"
             % (what, addr, i, got[i], want[i]))


def main():
    dumpdir, manifest, capdir = sys.argv[1:4]
    scratch, array = [], None
    for line in open(manifest):
        words = line.split("#")[0].split()
        if not words:
            continue
        num = lambda s: int(s, 16)
        if words[0] == "scratch":
            scratch.append((num(words[1]), num(words[2])))
        elif words[0] == "scratch-array":
            array = num(words[1])
        elif words[0] == "blob":
            data = open(os.path.join(capdir, words[1]), "rb").read()
            size = num(words[3]) if len(words) > 3 else len(data)
            extent = (size + 4095) & ~4095
            compare("blob " + words[1], num(words[2]),
                    dump(dumpdir, num(words[2]), extent),
                    data + bytes(extent - len(data)))
        elif words[0] == "pattern":
            addr, size, seed = num(words[1]), num(words[2]), num(words[3])
            offset = num(words[5]) if len(words) > 5 else 0
            compare("pattern " + words[4], addr, dump(dumpdir, addr, size),
                    pattern_bytes(words[4], seed, offset, size))
    if array is not None:
        want = b"".join(struct.pack("<QQ", a, s) for a, s in scratch)
        compare("scratch-array", array, dump(dumpdir, array, len(want)), want)


if __name__ == "__main__":
    main()
