#!/usr/bin/env python3
"""extract-vectors.py [--blocks-only] RAM LOG OUTDIR

Walk a Linux 7.2 handover in a guest RAM image (file offset == physical
address), saved after the kexec while nothing has consumed it yet, and
store each structure as a small file:

  kho-fdt.dtb              KHO root FDT (as read from debugfs kho/in/fdt)
  blob-<name>.bin          each sub-blob, blob-size bytes at preserved-data
  luo-sessions-<i>.bin     session kho_block pages (4096 bytes)
  luo-files-<s>-<i>.bin    file kho_block pages of session <s>
  memfd-<s>-<token>.bin    struct memfd_luo_ser (48 bytes)
  memfd-<s>-<token>-chunk-<i>.bin   kho_vmalloc chunk pages of the folio array
  memfd-<s>-<token>-folios.bin      the folio array (16 bytes per folio)
  memfd-<s>-<token>-data.bin        file content (memfds up to 16 KiB)
  radix-<level>-<pa>.bin   preserved-memory-map tree pages
  pages-<pa>.bin           any other 4 KiB page referenced above
  index.txt                physical address, size and meaning of every file
  preserved.txt            decoded (phys, order) list of the radix tree

--blocks-only keeps the FDT, radix tree, sub-blobs and LUO block pages
and leaves out every memfd file (for scenarios with many files).

The FDT address comes from baton's "kho: fdt 0x..." line in LOG, or else
from a scan for the one page holding a kho-v4 FDT. Every structure is
checked against the radix tree, which must list each page that holds it.
"""
import os
import re
import struct
import sys

PAGE = 4096
DATA_MAX = 16384  # memfds up to this size also get their content saved


class Ram:
    def __init__(self, path):
        self.f = open(path, "rb")
        self.size = os.path.getsize(path)

    def read(self, pa, n):
        if pa < 0 or pa + n > self.size:
            raise ValueError("0x%x+0x%x outside RAM image" % (pa, n))
        self.f.seek(pa)
        return self.f.read(n)

    def u64(self, pa):
        return struct.unpack("<Q", self.read(pa, 8))[0]


def log_blobs(log_path, root):
    blobs, cur, data, in_root = {}, None, [], False
    for line in open(log_path, errors="replace"):
        line = line.strip()
        if line.startswith("KHO-DUMP-ROOT "):
            in_root = line.split(" ", 1)[1] == root
        elif line.startswith("KHO-DUMP-BEGIN ") and in_root:
            cur = line.split()[1].split("=", 1)[1]
            data = []
        elif line.startswith("KHO-HEX ") and cur:
            data.append(bytes.fromhex(line.split()[1]))
        elif line.startswith("KHO-DUMP-END ") and cur:
            blobs[cur] = b"".join(data)
            cur = None
    return blobs


def fdt_parse(blob):
    """Return {path: {prop: bytes}} for a flattened device tree."""
    (magic, total, off_struct, off_strings, _rsv, _ver, _last, _cpu,
     size_strings, size_struct) = struct.unpack(">10I", blob[:40])
    if magic != 0xD00DFEED:
        raise ValueError("bad FDT magic")
    strings = blob[off_strings:off_strings + size_strings]
    nodes, path, off = {}, [], off_struct
    end = off_struct + size_struct
    while off < end:
        tok = struct.unpack(">I", blob[off:off + 4])[0]
        off += 4
        if tok == 1:
            name_end = blob.index(b"\0", off)
            path.append(blob[off:name_end].decode())
            off = (name_end + 4) & ~3
            nodes["/".join(path[1:]) or "/"] = {}
        elif tok == 2:
            path.pop()
        elif tok == 3:
            length, nameoff = struct.unpack(">II", blob[off:off + 8])
            off += 8
            name = strings[nameoff:strings.index(b"\0", nameoff)].decode()
            nodes["/".join(path[1:]) or "/"][name] = blob[off:off + length]
            off = (off + length + 3) & ~3
        elif tok == 4:
            continue
        elif tok == 9:
            break
        else:
            raise ValueError("bad FDT token %d" % tok)
    return nodes


def radix_walk(ram, root, saved):
    """Decode the kho-v4 radix tree; return {phys: order}."""
    preserved = {}

    def walk(node, level, prefix):
        page = ram.read(node, PAGE)
        saved.append(("radix-L%d-%x.bin" % (level, node), node, page,
                      "radix table level %d" % level))
        for i in range(512):
            child = struct.unpack_from("<Q", page, 8 * i)[0]
            if not child:
                continue
            key = prefix | (i << (15 + 9 * (level - 1)))
            if level > 1:
                walk(child, level - 1, key)
                continue
            leaf = ram.read(child, PAGE)
            saved.append(("radix-L0-%x.bin" % child, child, leaf,
                          "radix leaf bitmap"))
            for w in range(512):
                word = struct.unpack_from("<Q", leaf, 8 * w)[0]
                while word:
                    b = (word & -word).bit_length() - 1
                    word &= word - 1
                    k = key | (w * 64 + b)
                    msb = k.bit_length() - 1
                    if msb < 1:
                        continue
                    order = 52 - msb
                    phys = (k ^ (1 << msb)) << (12 + order)
                    preserved[phys] = order

    walk(root, 5, 0)
    return preserved


def is_preserved(preserved, pa):
    for phys, order in preserved.items():
        if phys <= pa < phys + (PAGE << order):
            return True
    return False


def block_chain(ram, head, entry_size):
    pa, blocks = head, []
    while pa:
        page = ram.read(pa, PAGE)
        nxt, count = struct.unpack_from("<QQ", page, 0)
        if not 1 <= count <= (PAGE - 16) // entry_size or len(blocks) > 64:
            raise ValueError("bad kho_block at 0x%x count %d" % (pa, count))
        entries = [page[16 + i * entry_size:16 + (i + 1) * entry_size]
                   for i in range(count)]
        blocks.append((pa, page, entries))
        pa = nxt
    return blocks


def cstr(raw):
    return raw.split(b"\0", 1)[0].decode()


def extract(ram, fdt, blocks_only):
    saved, notes = [], []
    nodes = fdt_parse(fdt)
    root = nodes["/"]
    compat = cstr(root["compatible"])
    pmm = struct.unpack("<Q", root["preserved-memory-map"])[0]
    notes.append("root compatible=%s preserved-memory-map=0x%x" % (compat, pmm))
    preserved = radix_walk(ram, pmm, saved)
    blobs = {}
    for path, props in sorted(nodes.items()):
        if path == "/":
            continue
        pa = struct.unpack("<Q", props["preserved-data"])[0]
        size = struct.unpack("<Q", props["blob-size"])[0]
        blobs[path] = (pa, size)
        saved.append(("blob-%s.bin" % path, pa, ram.read(pa, size),
                      "sub-blob %s (blob-size %d)" % (path, size)))
    luo_pa, _ = blobs["LUO"]
    luo = ram.read(luo_pa, 32)
    luo_compat = cstr(luo[:8])
    lu_num, sessions_pa, flbs_pa = struct.unpack_from("<QQQ", luo, 8)
    notes.append("LUO compatible=%s liveupdate_num=%d sessions_pa=0x%x "
                 "flbs_pa=0x%x" % (luo_compat, lu_num, sessions_pa, flbs_pa))
    if flbs_pa:
        flbs = ram.read(flbs_pa, PAGE)
        pgcnt, count = struct.unpack_from("<QQ", flbs, 0)
        saved.append(("luo-flbs-%x.bin" % flbs_pa, flbs_pa, flbs,
                      "FLB page (pgcnt %d, count %d)" % (pgcnt, count)))
        for i in range(min(count, (PAGE - 16) // 64)):
            entry = flbs[16 + 64 * i:16 + 64 * (i + 1)]
            data, refs = struct.unpack_from("<QQ", entry, 48)
            notes.append("flb %d name=%s data=0x%x count=%d" %
                         (i, cstr(entry[:48]), data, refs))
    for i, (pa, page, entries) in enumerate(block_chain(ram, sessions_pa, 80)):
        saved.append(("luo-sessions-%d.bin" % i, pa, page,
                      "session kho_block %d (%d entries)" % (i, len(entries))))
        for s in entries:
            name = cstr(s[:64])
            files_pa, count = struct.unpack_from("<QQ", s, 64)
            notes.append("session %s files_pa=0x%x count=%d" %
                         (name, files_pa, count))
            extract_files(ram, name, files_pa, saved, notes, blocks_only)
    return saved, notes, preserved


def extract_files(ram, session, files_pa, saved, notes, blocks_only):
    if not files_pa:
        return
    for i, (pa, page, entries) in enumerate(block_chain(ram, files_pa, 64)):
        saved.append(("luo-files-%s-%d.bin" % (session, i), pa, page,
                      "file kho_block %d of %s (%d entries)" %
                      (i, session, len(entries))))
        for f in entries:
            compat = cstr(f[:48])
            data, token = struct.unpack_from("<QQ", f, 48)
            ser = ram.read(data, 48)
            pos, size, seals, flags, nr_folios, first, total, vflags, order = \
                struct.unpack("<QQIIQQIHH", ser)
            tag = "memfd-%s-%d" % (session, token)
            notes.append("file %s token=%d compatible=%s data=0x%x pos=%d "
                         "size=%d seals=0x%x nr_folios=%d folios.first=0x%x "
                         "total_pages=%d flags=0x%x order=%d" %
                         (session, token, compat, data, pos, size, seals,
                          nr_folios, first, total, vflags, order))
            if blocks_only:
                continue
            saved.append((tag + ".bin", data, ser,
                          "memfd_luo_ser of %s token %d" % (session, token)))
            folios = extract_folios(ram, tag, first, order, nr_folios, saved)
            if folios is not None and 0 < size <= DATA_MAX:
                extract_data(ram, tag, folios, nr_folios, size, saved)


def extract_data(ram, tag, array, nr_folios, size, saved):
    """Content of a small memfd, rebuilt from its order-0 folios."""
    data = bytearray(size)
    pfns = []
    for i in range(nr_folios):
        word, index = struct.unpack_from("<QQ", array, 16 * i)
        pfn = word & ((1 << 52) - 1)
        off = index * PAGE
        if not pfn or off >= size:
            continue
        n = min(PAGE, size - off)
        data[off:off + n] = ram.read(pfn << 12, n)
        pfns.append("0x%x" % (pfn << 12))
    saved.append(("%s-data.bin" % tag, pfns and int(pfns[0], 16) or 0,
                  bytes(data), "content of %s (folio pages %s)" %
                  (tag, " ".join(pfns))))


def extract_folios(ram, tag, chunk_pa, order, nr_folios, saved):
    pages, i = [], 0
    while chunk_pa:
        chunk = ram.read(chunk_pa, PAGE)
        saved.append(("%s-chunk-%d.bin" % (tag, i), chunk_pa, chunk,
                      "kho_vmalloc chunk %d of %s" % (i, tag)))
        for j in range(511):
            p = struct.unpack_from("<Q", chunk, 8 + 8 * j)[0]
            if not p:
                break
            pages += [p + k * PAGE for k in range(1 << order)]
        chunk_pa = struct.unpack_from("<Q", chunk, 0)[0]
        i += 1
    if pages:
        array = b"".join(ram.read(p, PAGE) for p in pages)[:16 * nr_folios]
        saved.append(("%s-folios.bin" % tag, pages[0], array,
                      "folio array of %s (%d entries; vmalloc pages %s)" %
                      (tag, nr_folios, " ".join("0x%x" % p for p in pages))))
        return array
    return None


def fdt_at(ram, pa):
    head = ram.read(pa, 40)
    magic, total = struct.unpack(">II", head[:8])
    if magic != 0xD00DFEED or not 40 <= total <= PAGE:
        return None
    blob = ram.read(pa, total)
    try:
        root = fdt_parse(blob)["/"]
    except (ValueError, IndexError, struct.error):
        return None
    if cstr(root.get("compatible", b"")) != "kho-v4" or \
       len(root.get("preserved-memory-map", b"")) != 8:
        return None
    return blob


def find_fdt(ram, log_path):
    for line in open(log_path, errors="replace"):
        m = re.search(r"kho: fdt 0x([0-9a-f]+)", line)
        if m and fdt_at(ram, int(m.group(1), 16)):
            return int(m.group(1), 16)
    found = [pa for pa in range(0, ram.size, PAGE)
             if ram.read(pa, 4) == b"\xd0\x0d\xfe\xed" and fdt_at(ram, pa)]
    if len(found) != 1:
        sys.exit("extract-vectors: %d kho-v4 FDT candidates" % len(found))
    return found[0]


def main():
    args = sys.argv[1:]
    blocks_only = args[:1] == ["--blocks-only"]
    if blocks_only:
        args = args[1:]
    ram_path, log_path, out = args[:3]
    ram = Ram(ram_path)
    fdt_pa = find_fdt(ram, log_path)
    fdt = fdt_at(ram, fdt_pa)
    saved, notes, preserved = extract(ram, fdt, blocks_only)
    saved.insert(0, ("kho-fdt.dtb", fdt_pa, fdt, "KHO root FDT"))
    bad = []
    for name, pa, data, what in saved:
        if not name.startswith("radix") and not is_preserved(preserved, pa):
            bad.append("%s at 0x%x" % (name, pa))
    if bad:
        sys.exit("extract-vectors: not in the preserved map: " + ", ".join(bad))
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "index.txt"), "w") as idx:
        idx.write("# file  phys  bytes  meaning (captured by "
                  "tests/linux/capture-vectors.sh)\n")
        for name, pa, data, what in saved:
            with open(os.path.join(out, name), "wb") as f:
                f.write(data)
            idx.write("%s 0x%x %d %s\n" % (name, pa, len(data), what))
        for note in notes:
            idx.write("# %s\n" % note)
    with open(os.path.join(out, "preserved.txt"), "w") as f:
        f.write("# phys order (radix tree of the capture, emission order)\n")
        for phys, order in sorted(preserved.items(),
                                  key=lambda po: (-po[1], po[0])):
            f.write("0x%x %d\n" % (phys, order))
    with open(os.path.join(out, "manifest.txt"), "w") as f:
        f.write("# baton-agent manifest of the capture (MANIFEST lines)\n")
        for line in open(log_path, errors="replace"):
            if line.startswith("MANIFEST"):
                f.write(line)
    print("extract-vectors: %d files, %d preserved ranges, FDT at 0x%x" %
          (len(saved), len(preserved), fdt_pa))
    for note in notes:
        print("  " + note)


if __name__ == "__main__":
    main()
