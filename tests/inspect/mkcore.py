#!/usr/bin/env python3
"""mkcore.py CAPTURE_DIR OUT.core [options]: writes the memory a capture
describes as an ELF64 core shaped like QEMU's dump-guest-memory (one
PT_NOTE, then PT_LOAD segments with p_paddr = guest physical), plus what
kexec would have left for the payload: a boot_params page whose
setup_data list holds the SETUP_KEXEC_KHO record. Test helper for
tests/inspect/test-inspect.sh; options damage the result on purpose:
  --boot-params ADDR   where boot_params goes (default 0x9000000)
  --no-record          leave the setup_data list empty (nothing to find)
  --two-records        a second record with a different scratch array
  --truncate N         cut the file to N bytes
  --overlap            add a PT_LOAD that overlaps the first one
  --odd                make the first PT_LOAD's p_paddr not page aligned
"""
import struct
import sys

PAGE = 4096
M64 = (1 << 64) - 1


def word(kind, seed, n):
    if kind == "zero":
        return 0
    if kind == "fill":
        return (seed * 0x0101010101010101) & M64
    if kind == "builder":
        x = (n * 0x9e3779b97f4a7c15 + seed * 0xbf58476d1ce4e5b9) & M64
        return x ^ (x >> 29)
    x = ((seed ^ n) * 0xd6e8feb86659fd93) & M64
    return x ^ (x >> 32)


def pattern(kind, seed, offset, size):
    out = bytearray()
    first = offset // 8
    last = (offset + size + 7) // 8
    for n in range(first, last):
        out += struct.pack("<Q", word(kind, seed, n))
    skip = offset - first * 8
    return bytes(out[skip:skip + size])


def num(s):
    return int(s, 16)


def load_capture(path):
    mem = {}            # page address -> bytearray(PAGE)
    info = {"scratch": [], "ram": []}

    def put(addr, data):
        for i in range(0, len(data), PAGE):
            mem[addr + i] = bytearray(data[i:i + PAGE].ljust(PAGE, b"\0"))

    for raw in open(path + "/manifest"):
        words = raw.split("#")[0].split()
        if not words:
            continue
        d = words[0]
        if d == "blob":
            data = open(path + "/" + words[1], "rb").read()
            size = num(words[3]) if len(words) > 3 else len(data)
            put(num(words[2]), data.ljust(size, b"\0"))
        elif d == "pattern":
            off = num(words[5]) if len(words) > 5 else 0
            put(num(words[1]), pattern(words[4], num(words[3]), off,
                                       num(words[2])))
        elif d == "scratch":
            info["scratch"].append((num(words[1]), num(words[2])))
        elif d == "ram":
            info["ram"].append((num(words[1]), num(words[2])))
        elif d == "kho-fdt":
            info["fdt"] = (num(words[1]), num(words[2]))
        elif d == "scratch-array":
            info["array"] = num(words[1])
    arr = b"".join(struct.pack("<QQ", a, s) for a, s in info["scratch"])
    put(info["array"], arr)
    return mem, info


def add_boot_params(mem, info, bp, records):
    page = bytearray(PAGE)
    e820 = info["ram"] or info["scratch"]
    page[0x1e8] = len(e820)
    for i, (a, s) in enumerate(e820):
        struct.pack_into("<QQI", page, 0x2d0 + 20 * i, a, s, 1)
    page[0x202:0x206] = b"HdrS"
    struct.pack_into("<H", page, 0x206, 0x20f)
    sd = bp + PAGE
    struct.pack_into("<Q", page, 0x250, sd if records else 0)
    mem[bp] = page
    for i, (fdt, fdt_size, arr, arr_size) in enumerate(records):
        rec = bytearray(PAGE)
        nxt = sd + PAGE if i + 1 < len(records) else 0
        struct.pack_into("<QII", rec, 0, nxt, 10, 32)
        struct.pack_into("<QQQQ", rec, 16, fdt, fdt_size, arr, arr_size)
        mem[sd] = rec
        sd += PAGE


def segments(mem, ram):
    """[start, end) ranges covering every page and all of RAM (as QEMU
    dumps all guest RAM); bytes outside mem are zero (holes in the file)."""
    ranges = sorted([(a, a + PAGE) for a in mem] +
                    [(a, a + s) for a, s in ram])
    segs = []
    for start, end in ranges:
        if segs and segs[-1][1] >= start:
            segs[-1][1] = max(segs[-1][1], end)
        else:
            segs.append([start, end])
    return segs


def write_core(out, mem, segs, opts):
    phnum = len(segs) + 1 + (1 if "--overlap" in opts else 0)
    phoff = 64
    data_off = phoff + 56 * phnum
    note = struct.pack("<III", 5, 0, 1) + b"CORE\0\0\0\0"
    ehdr = struct.pack("<4sBBBB8xHHIQQQIHHHHHH", b"\x7fELF", 2, 1, 1, 0,
                       4, 62, 1, 0, phoff, 0, 0, 64, 56, phnum, 0, 0, 0)
    phdrs = struct.pack("<IIQQQQQQ", 4, 0, data_off, 0, 0, len(note),
                        len(note), 0)
    off = data_off + len(note)
    where = []
    for i, (start, end) in enumerate(segs):
        pa = start + 8 if (i == 0 and "--odd" in opts) else start
        phdrs += struct.pack("<IIQQQQQQ", 1, 7, off, pa, pa, end - start,
                             end - start, 0)
        where.append((start, end, off))
        off += end - start
    if "--overlap" in opts:
        start, end, foff = where[0]
        phdrs += struct.pack("<IIQQQQQQ", 1, 7, foff, start, start,
                             PAGE, PAGE, 0)
    size = off
    if "--truncate" in opts:
        size = int(opts[opts.index("--truncate") + 1], 0)
    with open(out, "wb") as f:
        f.truncate(size)
        f.write((ehdr + phdrs + note)[:size])
        for start, end, foff in where:
            for a in sorted(p for p in mem if start <= p < end):
                pos = foff + a - start
                if pos < size:
                    f.seek(pos)
                    f.write(bytes(mem[a])[:size - pos])


def main():
    cap, out = sys.argv[1:3]
    opts = sys.argv[3:]
    bp = 0x9000000
    if "--boot-params" in opts:
        bp = int(opts[opts.index("--boot-params") + 1], 0)
    mem, info = load_capture(cap)
    fdt, fdt_size = info["fdt"]
    arr_size = 16 * len(info["scratch"])
    records = [] if "--no-record" in opts else [
        (fdt, fdt_size, info["array"], arr_size)]
    if "--two-records" in opts:
        mem[info["array"] + PAGE] = mem[info["array"]]
        records.append((fdt, fdt_size, info["array"] + PAGE, arr_size))
    add_boot_params(mem, info, bp, records)
    write_core(out, mem, segments(mem, info["ram"]), opts)


main()
