#!/usr/bin/env python3
"""mklive.py KIND DIR [VECTORS CAPTURE_JSON]: builds a fake KHO debugfs
directory (what Linux 7.2 shows under /sys/kernel/debug/kho) for
baton-inspect live tests.

  vectors  the real Linux 7.2 handover of tests/vectors/linux-7.2: in/fdt,
           in/sub_fdts/{LUO,kexec-metadata}; out/fdt cut to 100 bytes (as
           7.2 exposes it once subtrees were added); the scratch areas from
           the capture's report (CAPTURE_JSON), empty ones included.
  damaged  a hand-made kho-v4 root (FDTs made with dtc) whose sub-blobs
           break the rules baton checks without physical memory: metadata
           version 99 with kexec_count 0, a LUO root that is not luo-v5, a
           memblock FDT with a bad region, an unknown sub-blob, one without
           preserved-data, a sub-blob file shorter than blob-size; out/ is
           complete and carries the next kernel's LUO root."""
import json
import os
import shutil
import struct
import subprocess
import sys


def le(v):
    return "[" + " ".join("%02x" % b for b in struct.pack("<Q", v)) + "]"


def dtb(path, dts):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", path, "-"],
                   input=dts.encode(), check=True)


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def vectors(d, vec, capture_json):
    with open(os.path.join(vec, "kho-fdt.dtb"), "rb") as f:
        fdt = f.read()
    write(os.path.join(d, "in/fdt"), fdt)
    for name in ("LUO", "kexec-metadata"):
        shutil.copy(os.path.join(vec, "blob-%s.bin" % name),
                    os.path.join(d, "in/sub_fdts", name))
    write(os.path.join(d, "out/fdt"), fdt[:100])
    os.makedirs(os.path.join(d, "out/sub_fdts"), exist_ok=True)
    scratch = json.load(open(capture_json))["kho"]["scratch"]
    write(os.path.join(d, "out/scratch_phys"),
          "".join("%s\n" % s["addr"] for s in scratch).encode())
    write(os.path.join(d, "out/scratch_len"),
          "".join("0x%x\n" % s["size"] for s in scratch).encode())


def subtree(name, pa, size):
    props = ""
    if pa is not None:
        props += "preserved-data = %s; " % le(pa)
    props += "blob-size = %s;" % le(size)
    return "\t%s { %s };\n" % (name, props)


def damaged(d):
    memblock = os.path.join(d, "in/sub_fdts/memblock")
    dtb(memblock, "/dts-v1/;\n/ {\n"
        '\tcompatible = "memblock-v1";\n'
        '\ttrace { compatible = "reserve-mem-v1"; start = %s; size = %s; };\n'
        % (le(0x3100000), le(0x100000)) +
        '\toops { compatible = "reserve-mem-v0"; start = %s; size = <1>; };\n'
        % le(0x3200000) + "};\n")
    dtb(os.path.join(d, "in/fdt"), "/dts-v1/;\n/ {\n"
        '\tcompatible = "kho-v4";\n'
        "\tpreserved-memory-map = %s;\n" % le(0x3000000) +
        subtree("LUO", 0x3001000, 32) +
        subtree("kexec-metadata", 0x3002000, 73) +
        subtree("memblock", 0x3003000, os.path.getsize(memblock)) +
        subtree("vendor-blob", 0x3004000, 16) +
        subtree("broken", None, 8) + "};\n")
    md = struct.pack("<I", 99) + b"7.2.13".ljust(65, b"\0") + struct.pack("<I", 0)
    write(os.path.join(d, "in/sub_fdts/kexec-metadata"), md)
    write(os.path.join(d, "in/sub_fdts/LUO"),
          b"luo-v9\0\0" + struct.pack("<QQQ", 3, 0x3005000, 0x3006000))
    write(os.path.join(d, "in/sub_fdts/vendor-blob"), b"\xaa" * 10)
    dtb(os.path.join(d, "out/fdt"), "/dts-v1/;\n/ {\n"
        '\tcompatible = "kho-v4";\n'
        "\tpreserved-memory-map = %s;\n" % le(0) +
        subtree("LUO", 0x4001000, 32) + "};\n")
    write(os.path.join(d, "out/sub_fdts/LUO"),
          b"luo-v5\0\0" + struct.pack("<QQQ", 4, 0x4005000, 0x4006000))
    write(os.path.join(d, "out/scratch_phys"), b"0x2000000\n0x40000000\n")
    write(os.path.join(d, "out/scratch_len"), b"0x1000000\n0x0\n")


def main():
    kind, d = sys.argv[1], sys.argv[2]
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(os.path.join(d, "in/sub_fdts"))
    if kind == "vectors":
        vectors(d, sys.argv[3], sys.argv[4])
    else:
        damaged(d)


if __name__ == "__main__":
    main()
