#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Writes the seeds of tests/fuzz/fuzz_boot.c into tests/fuzz/seeds-boot, one per
# reader (first byte = the reader, see enum fuzz_boot_reader). The fake RAM
# starts at 0x100000 with the zero page / start_info in its first page.
import os
import struct

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'seeds-boot')
RAM = 0x100000


def zero_page(cmdline_off, setup_off, e820):
    zp = bytearray(4096)
    struct.pack_into('<B', zp, 0x1e8, len(e820))
    for i, (a, s, t) in enumerate(e820):
        struct.pack_into('<QQI', zp, 0x2d0 + 20 * i, a, s, t)
    zp[0x202:0x206] = b'HdrS'
    struct.pack_into('<H', zp, 0x206, 0x020f)
    struct.pack_into('<I', zp, 0x228, RAM + cmdline_off)
    struct.pack_into('<I', zp, 0x238, 2047)
    struct.pack_into('<Q', zp, 0x250, RAM + setup_off if setup_off else 0)
    return zp


def setup_data(ram, off, nxt, typ, payload):
    struct.pack_into('<QII', ram, off, RAM + nxt if nxt else 0, typ,
                     len(payload))
    ram[off + 16:off + 16 + len(payload)] = payload


def boot_params():
    ram = bytearray(0x2000)
    e820 = [(0, 0x9fc00, 1), (0x100000, 0x7ff00000, 1), (0xfeffc000, 0x4000, 2)]
    ram[0:4096] = zero_page(0x1000, 0x1100, e820)
    ram[0x1000:0x1020] = b'console=ttyS0 baton.chain=on'.ljust(32, b'\0')
    kho = struct.pack('<QQQQ', 0x7c000000, 0x1000, RAM + 0x1400, 32)
    setup_data(ram, 0x1100, 0x1180, 9, b'S' * 32)              # RNG seed
    setup_data(ram, 0x1180, 0x1200, 10, kho)                  # KEXEC_KHO
    setup_data(ram, 0x1200, 0x1300, 1,                        # E820_EXT
               struct.pack('<QQI', 0x100000000, 0x40000000, 1))
    setup_data(ram, 0x1300, 0, 0x80000000 | 4,                # INDIRECT
               struct.pack('<IIQQ', 4, 0, 16, 0x1000))
    ram[0x1400:0x1420] = struct.pack('<QQQQ', 0x1000000, 0x4000000,
                                     0x100000000, 0x8000000)
    return ram


def pvh():
    ram = bytearray(0x1000)
    struct.pack_into('<IIIIQQQQII', ram, 0, 0x336ec578, 1, 0, 1,
                     RAM + 0x100, RAM + 0x200, 0xf5000, RAM + 0x300, 3, 0)
    struct.pack_into('<QQQQ', ram, 0x100, 0x2000000, 0x100000, 0, 0)
    ram[0x200:0x220] = b'console=ttyS0 baton.report=json\0'
    for i, (a, s, t) in enumerate([(0, 0x9fc00, 1), (0x100000, 0x7ff00000, 1),
                                   (0xfeffc000, 0x4000, 2)]):
        struct.pack_into('<QQII', ram, 0x300 + 24 * i, a, s, t, 0)
    return bytes([0, 0]) + ram


def cpio_entry(name, data, mode=0o100644):
    name = name.encode() + b'\0'
    hdr = b'070701' + b''.join(b'%08x' % v for v in (
        1, mode, 0, 0, 1, 0, len(data), 0, 0, 0, 0, len(name), 0))
    out = hdr + name
    out += b'\0' * (-len(out) % 4) + data
    return out + b'\0' * (-len(out) % 4)


def bzimage(cmdline_size=2047):
    img = bytearray(0x800)
    struct.pack_into('<B', img, 0x1f1, 1)                  # setup_sects
    struct.pack_into('<H', img, 0x1fe, 0xaa55)
    struct.pack_into('<B', img, 0x201, 0x66)
    img[0x202:0x206] = b'HdrS'
    struct.pack_into('<H', img, 0x206, 0x020f)
    struct.pack_into('<B', img, 0x211, 1)                  # LOADED_HIGH
    struct.pack_into('<I', img, 0x230, 0x200000)
    struct.pack_into('<B', img, 0x234, 1)
    struct.pack_into('<H', img, 0x236, 3)
    struct.pack_into('<I', img, 0x238, cmdline_size)
    struct.pack_into('<I', img, 0x260, 0x100000)
    return img


def main():
    seeds = {
        'boot-params': bytes([0]) + boot_params(),
        'pvh': bytes([1]) + pvh(),
        'cmdline': bytes([2]) + b'console=ttyS0,115200 "baton.next.cmdline=a b" baton.chain=on mem=0x10M a=18446744073709551615 -- init=x',
        'cpio': bytes([3]) + cpio_entry('kernel', bytes(bzimage())) +
                cpio_entry('./cmdline', b' console=ttyS0 \n') +
                cpio_entry('initrd', b'\x55' * 100) +
                cpio_entry('dir', b'', 0o40755) +
                cpio_entry('TRAILER!!!', b''),
        'bzimage': bytes([4, 0]) + bytes(bzimage()),
        'params': bytes([5]) + struct.pack('<QI', 0x000010_0020000f | (0x1000 << 8), 4096) +
                  boot_params(),
    }
    for name, data in seeds.items():
        with open(os.path.join(HERE, name), 'wb') as f:
            f.write(data)


main()
