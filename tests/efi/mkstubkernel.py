#!/usr/bin/env python3
"""mkstubkernel.py OUT VERSION: a minimal 64-bit bzImage that passes
baton's bzImage probe, carries VERSION as its kernel_version string, and
whose 64-bit entry only writes 0x20 to QEMU's isa-debug-exit port (QEMU
exits with status 65): a next kernel for chain tests that proves the jump
without booting Linux."""
import struct
import sys

out, version = sys.argv[1], sys.argv[2].encode()
SETUP_SECTS = 1
PAYLOAD = (SETUP_SECTS + 1) * 512
VERSION_AT = 0x300
img = bytearray(PAYLOAD + 0x400)
img[0x1f1] = SETUP_SECTS
struct.pack_into("<H", img, 0x1fe, 0xAA55)
img[0x200], img[0x201] = 0xEB, 0x6A          # header ends at 0x26c
img[0x202:0x206] = b"HdrS"
struct.pack_into("<H", img, 0x206, 0x020F)    # protocol 2.15
struct.pack_into("<H", img, 0x20E, VERSION_AT - 0x200)
img[0x211] = 0x01                             # LOADED_HIGH
struct.pack_into("<I", img, 0x22C, 0x7FFFFFFF)  # initrd_addr_max
struct.pack_into("<I", img, 0x230, 0x200000)  # kernel_alignment
img[0x234] = 1                                # relocatable_kernel
img[0x235] = 21                               # min_alignment
struct.pack_into("<H", img, 0x236, 0x7F)      # XLF_KERNEL_64 ... 5LEVEL
struct.pack_into("<I", img, 0x238, 2047)      # cmdline_size
struct.pack_into("<Q", img, 0x258, 0x1000000)  # pref_address
struct.pack_into("<I", img, 0x260, 0x400000)  # init_size
assert len(version) < PAYLOAD - VERSION_AT
img[VERSION_AT:VERSION_AT + len(version)] = version
# 64-bit entry (payload + 0x200): mov al, 0x20; out 0xf4, al; hlt; jmp hlt
img[PAYLOAD + 0x200:PAYLOAD + 0x207] = bytes(
    [0xB0, 0x20, 0xE6, 0xF4, 0xF4, 0xEB, 0xFD])
open(out, "wb").write(img)
