#!/usr/bin/env python3
"""vectors-capture.py VECDIR OUTDIR PAYLOAD CMDLINE [INITRD]: writes a
baton-capture 1 directory (OUTDIR/manifest + files) that replays the real
Linux handover in VECDIR (tests/vectors/linux-7.2): every structure at the
physical address Linux wrote it. memfd contents go onto their folio pages:
captured data files split page by page, and files whose data was not
captured described by `agent` / `zero` patterns rebuilt from baton-agent's
own manifest (seed, fill, size) in the preserved manifest memfd. The
scratch areas are our own (Linux's were not captured). PAYLOAD and INITRD
are file names inside OUTDIR, copied there by the caller."""
import os
import re
import struct
import sys

PAGE = 4096
FILL_FULL, FILL_SPARSE, FILL_ZERO = 0, 1, 2
SPARSE_STRIDE = 16


def agent_manifest(path):
    """{(session name, token): (seed, fill, size)} from a BATONMF1 blob."""
    data = open(path, "rb").read()
    magic, _, _, sessions, files = struct.unpack_from("<8sIIII", data, 0)
    if magic != b"BATONMF1":
        sys.exit("%s: not a baton-agent manifest" % path)
    names = []
    for i in range(sessions):
        raw = data[56 + 72 * i:56 + 72 * i + 64]
        names.append(raw.split(b"\0")[0].decode())
    out = {}
    base = 56 + 72 * sessions
    for i in range(files):
        session, _, fill, _, token, size, seed, _, _ = struct.unpack_from(
            "<IIIIQQQQQ", data, base + 56 * i)
        out[(names[session], token)] = (seed, fill, size)
    return out


def page_has_data(fill, page, size):
    last = (size - 1) // PAGE if size else 0
    if fill == FILL_FULL:
        return True
    if fill == FILL_SPARSE:
        return page % SPARSE_STRIDE == 0 or page == last
    return False


def folios(path):
    data = open(path, "rb").read()
    for off in range(0, len(data), 16):
        word, index = struct.unpack_from("<QQ", data, off)
        yield (word & ((1 << 52) - 1)) << 12, index


def main():
    vec, out, payload, cmdline = sys.argv[1:5]
    initrd = sys.argv[5] if len(sys.argv) > 5 else None
    index = {}
    for line in open(os.path.join(vec, "index.txt")):
        if line.startswith("#") or not line.strip():
            continue
        name, phys, size = line.split()[:3]
        index[name] = (int(phys, 16), int(size))
    seeds = agent_manifest(os.path.join(vec, "memfd-baton-agent-0-data.bin"))
    lines = [
        "# Linux 7.2.13 handover bytes from %s/index.txt" % vec,
        "format baton-capture 1",
        "ram 0x1000000 0x30000000",
        "scratch 0x8000000 0x8000000",
        "scratch 0x20000000 0x4000000",
        "scratch-array 0xfff0000",
        "payload " + payload,
        'cmdline "%s"' % cmdline,
    ]
    if initrd:
        lines.append("initrd " + initrd)
    for name, (phys, size) in index.items():
        if name.endswith("-data.bin"):
            continue
        with open(os.path.join(vec, name), "rb") as src:
            open(os.path.join(out, name), "wb").write(src.read())
        lines.append("blob %s 0x%x" % (name, phys))
        if name == "kho-fdt.dtb":
            lines.append("kho-fdt 0x%x 0x1000" % phys)
        m = re.match(r"memfd-(.+)-(\d+)-folios\.bin$", name)
        if m:
            lines += memfd_pages(vec, out, m.group(1), int(m.group(2)),
                                 name, seeds)
    open(os.path.join(out, "manifest"), "w").write("\n".join(lines) + "\n")


def memfd_pages(vec, out, session, token, folio_file, seeds):
    """Manifest lines putting one memfd's contents on its folio pages."""
    data_name = folio_file.replace("-folios.bin", "-data.bin")
    data_path = os.path.join(vec, data_name)
    lines = []
    if os.path.exists(data_path):
        data = open(data_path, "rb").read()
        for pa, page in folios(os.path.join(vec, folio_file)):
            part = "%s.%d" % (data_name, page)
            open(os.path.join(out, part), "wb").write(
                data[page * PAGE:(page + 1) * PAGE])
            lines.append("blob %s 0x%x 0x1000" % (part, pa))
        return lines
    seed, fill, size = seeds[(session, token)]
    for pa, page in folios(os.path.join(vec, folio_file)):
        if (page + 1) * PAGE > size and page_has_data(fill, page, size):
            sys.exit("%s page %d is partly data: not expressible" % (folio_file, page))
        if page_has_data(fill, page, size):
            lines.append("pattern 0x%x 0x1000 0x%x agent 0x%x   # %s-%d page %d"
                         % (pa, seed, page * PAGE, session, token, page))
        else:
            lines.append("pattern 0x%x 0x1000 0 zero   # %s-%d hole %d"
                         % (pa, session, token, page))
    return lines


if __name__ == "__main__":
    main()
