#!/usr/bin/env python3
# fdtpatch.py FILE NODE PROP DELTA: adds DELTA (signed, any base) to the
# 8-byte little-endian property PROP of the root's child NODE in the FDT
# at the start of FILE, in place (the bytes after the FDT are kept, the
# FDT's layout does not change). Used to build damaged captures from
# mkhandover's: a sub-blob pointer moved off its alignment.
import struct
import sys

FDT_BEGIN_NODE, FDT_END_NODE, FDT_PROP, FDT_NOP, FDT_END = 1, 2, 3, 4, 9


def main():
    path, node, prop, delta = sys.argv[1], sys.argv[2], sys.argv[3], \
        int(sys.argv[4], 0)
    data = bytearray(open(path, "rb").read())
    magic, total, off_struct, off_strings = struct.unpack_from(">IIII", data)
    if magic != 0xd00dfeed:
        sys.exit("%s: not an FDT" % path)
    pos, path_now = off_struct, []
    while True:
        (tok,) = struct.unpack_from(">I", data, pos)
        pos += 4
        if tok == FDT_BEGIN_NODE:
            end = data.index(b"\0", pos)
            path_now.append(data[pos:end].decode())
            pos = (end + 4) & ~3
        elif tok == FDT_END_NODE:
            path_now.pop()
        elif tok == FDT_PROP:
            length, nameoff = struct.unpack_from(">II", data, pos)
            pos += 8
            start = off_strings + nameoff
            name = data[start:data.index(b"\0", start)].decode()
            if path_now == ["", node] and name == prop:
                if length != 8:
                    sys.exit("%s/%s: %d bytes, not 8" % (node, prop, length))
                (v,) = struct.unpack_from("<Q", data, pos)
                struct.pack_into("<Q", data, pos, (v + delta) % (1 << 64))
                open(path, "wb").write(data)
                return
            pos = (pos + length + 3) & ~3
        elif tok == FDT_NOP:
            pass
        else:
            break
    sys.exit("%s: no property %s in node /%s" % (path, prop, node))


main()
