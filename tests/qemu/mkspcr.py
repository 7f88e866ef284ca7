#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""mkspcr.py OUT [--io PORT | --mmio ADDR [--width 8|32]] [--baud CODE]
[--type N] [--bad-checksum] [--blob ADDR]: writes an ACPI SPCR table
(revision 2, 80 bytes, layout in drivers/acpi/spcr.h) for QEMU's
-acpitable file=OUT. QEMU recomputes the checksum of such a table, so a
damaged one is written with --blob ADDR: RSDP (revision 2) at ADDR, an XSDT
at ADDR + 0x40 listing the SPCR at ADDR + 0x80, for -device
loader,file=OUT,addr=ADDR and baton's acpi_rsdp=ADDR. --bad-checksum
stores the SPCR's checksum off by one."""
import argparse
import struct


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--io", type=lambda v: int(v, 0))
    ap.add_argument("--mmio", type=lambda v: int(v, 0))
    ap.add_argument("--width", type=int, default=8)
    ap.add_argument("--baud", type=int, default=7)      # 7: 115200
    ap.add_argument("--type", type=lambda v: int(v, 0), default=0)
    ap.add_argument("--bad-checksum", action="store_true")
    ap.add_argument("--blob", type=lambda v: int(v, 0))
    a = ap.parse_args()
    if a.mmio is not None:
        gas = struct.pack("<BBBBQ", 0, a.width, 0, 1 if a.width == 8 else 3,
                          a.mmio)
    else:
        gas = struct.pack("<BBBBQ", 1, 8, 0, 1, a.io if a.io else 0x3f8)
    body = struct.pack("<B3x", a.type) + gas
    body += struct.pack("<BBIBBBBBBHHBBBIB", 0, 0, 0, a.baud, 0, 1, 0, 0, 0,
                        0xffff, 0xffff, 0, 0, 0, 0, 0)
    body += struct.pack("<I", 0)
    length = 36 + len(body)
    assert length == 80, length
    hdr = struct.pack("<4sIBB6s8sI4sI", b"SPCR", length, 2, 0, b"BATON ",
                      b"BATONTST", 1, b"BATN", 1)
    table = bytearray(hdr + body)
    table[9] = (-sum(table)) & 0xff
    if a.bad_checksum:
        table[9] = (table[9] + 1) & 0xff
    if a.blob is not None:
        table = blob(a.blob, table)
    with open(a.out, "wb") as f:
        f.write(table)


def checksummed(b, at):
    b = bytearray(b)
    b[at] = (-sum(b)) & 0xff
    return b


def blob(addr, spcr):
    """RSDP, XSDT and the SPCR, at addr, addr + 0x40, addr + 0x80."""
    rsdp = bytearray(struct.pack("<8sB6sBI", b"RSD PTR ", 0, b"BATON ", 2,
                                 0))
    rsdp = checksummed(rsdp, 8)
    rsdp += struct.pack("<IQB3x", 36, addr + 0x40, 0)
    rsdp = checksummed(rsdp, 32)
    xsdt = struct.pack("<4sIBB6s8sI4sIQ", b"XSDT", 44, 1, 0, b"BATON ",
                       b"BATONTST", 1, b"BATN", 1, addr + 0x80)
    xsdt = checksummed(xsdt, 9)
    out = bytearray(0x80 + len(spcr))
    out[0:len(rsdp)] = rsdp
    out[0x40:0x40 + len(xsdt)] = xsdt
    out[0x80:] = spcr
    return out


if __name__ == "__main__":
    main()
