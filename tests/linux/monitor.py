#!/usr/bin/env python3
"""monitor.py SOCKET COMMAND...: run human-monitor commands on a QEMU
monitor UNIX socket, waiting for each prompt, and print the replies."""
import socket
import sys
import time


def read_until_prompt(sock):
    data = b""
    while not data.endswith(b"(qemu) "):
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    return data.decode(errors="replace")


def main():
    path, commands = sys.argv[1], sys.argv[2:]
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    for _ in range(50):
        try:
            sock.connect(path)
            break
        except OSError:
            time.sleep(0.1)
    read_until_prompt(sock)
    for command in commands:
        sock.sendall(command.encode() + b"\n")
        sys.stdout.write(read_until_prompt(sock))
    sock.close()


if __name__ == "__main__":
    main()
