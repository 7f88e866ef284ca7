#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""screendump.py SOCKET OUT.ppm [quit]: asks the QEMU monitor on the unix
socket SOCKET for a screendump into OUT.ppm (an absolute path: QEMU writes
it from its own working directory) and waits until the file is there;
with "quit", QEMU is ended afterwards. For the framebuffer console tests
(tests/efi/test-fbcon.sh, tests/linux/test-fbcon-linux.sh), which compare
the PPM with tests/efi/fbshot.py."""
import socket
import sys
import time


def main():
    if len(sys.argv) not in (3, 4) or sys.argv[3:] not in ([], ["quit"]):
        sys.exit(__doc__)
    s = socket.socket(socket.AF_UNIX)
    s.connect(sys.argv[1])
    s.sendall(("screendump %s\n" % sys.argv[2]).encode())
    for _ in range(100):
        time.sleep(0.1)
        try:
            if open(sys.argv[2], "rb").read(2) == b"P6":
                break
        except OSError:
            pass
    # the header is written first: give QEMU time for the pixels
    time.sleep(0.5)
    if sys.argv[3:] == ["quit"]:
        s.sendall(b"quit\n")
        time.sleep(0.5)


if __name__ == "__main__":
    main()
