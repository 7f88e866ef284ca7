#!/usr/bin/env python3
# capture-decode.py LOG DIR
#
# Host side of baton.capture=serial (docs/capture-format.md, "On the serial
# line"): finds the first BATON-CAPTURE-BEGIN ... BATON-CAPTURE-END block in
# a serial log, checks every file's size and CRC32C, the file count and the
# CRC32C over the file CRCs, and only then writes the files (a baton-capture
# 1 directory: manifest + blobs) into DIR. Exit status 0 when the capture is
# complete and intact, 1 on any damage (nothing is written), 2 on usage.
import base64
import binascii
import os
import re
import sys


def crc32c_table():
    table = []
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        table.append(c)
    return table


TABLE = crc32c_table()


def crc32c(crc, data):
    crc ^= 0xFFFFFFFF
    for b in data:
        crc = TABLE[(crc ^ b) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


NAME = re.compile(r'[A-Za-z0-9._+-]+(/[A-Za-z0-9._+-]+)*')


class Damaged(Exception):
    pass


def valid_name(name):
    return (len(name) <= 128 and NAME.fullmatch(name) and
            '..' not in name.split('/'))


def decode(lines):
    """Returns [(name, bytes)] of the first capture in lines."""
    it = iter(lines)
    for line in it:
        if line.startswith('BATON-CAPTURE-BEGIN '):
            if line != 'BATON-CAPTURE-BEGIN format=1':
                raise Damaged('unknown framing: ' + line)
            break
    else:
        raise Damaged('no BATON-CAPTURE-BEGIN line')
    files, crc_all, cur, chunks = [], 0, None, []
    for n, line in enumerate(it, 1):
        if line.startswith('BC '):
            if cur is None:
                raise Damaged(f'data line {n} outside a file')
            try:
                chunks.append(base64.b64decode(line[3:], validate=True))
            except (binascii.Error, ValueError):
                raise Damaged(f'line {n} of {cur}: not base64')
        elif line.startswith('BATON-CAPTURE-FILE name='):
            if cur is not None:
                raise Damaged(f'{cur}: not closed')
            cur, chunks = line.split('=', 1)[1], []
            if not valid_name(cur):
                raise Damaged(f'bad file name {cur!r}')
        elif line.startswith('BATON-CAPTURE-FILE-END '):
            m = re.fullmatch(r'BATON-CAPTURE-FILE-END name=(\S+) '
                             r'size=0x([0-9a-f]+) crc32c=0x([0-9a-f]{8})',
                             line)
            if not m or m.group(1) != cur:
                raise Damaged(f'bad end line for {cur}: {line}')
            data = b''.join(chunks)
            if len(data) != int(m.group(2), 16):
                raise Damaged(f'{cur}: {len(data)} bytes, '
                              f'announced {int(m.group(2), 16)}')
            crc = crc32c(0, data)
            if crc != int(m.group(3), 16):
                raise Damaged(f'{cur}: CRC32C 0x{crc:08x}, '
                              f'announced 0x{m.group(3)}')
            files.append((cur, data))
            crc_all = crc32c(crc_all, crc.to_bytes(4, 'little'))
            cur = None
        elif line.startswith('BATON-CAPTURE-END '):
            m = re.fullmatch(r'BATON-CAPTURE-END files=(\d+) '
                             r'crc32c=0x([0-9a-f]{8})', line)
            if not m or cur is not None:
                raise Damaged('bad or early end line: ' + line)
            if int(m.group(1)) != len(files):
                raise Damaged(f'{len(files)} files, announced {m.group(1)}')
            if int(m.group(2), 16) != crc_all:
                raise Damaged('CRC32C over the files differs')
            return files
        elif cur is not None:
            raise Damaged(f'{cur}: unexpected line inside the file: '
                          f'{line[:60]!r}')
    raise Damaged('no BATON-CAPTURE-END line (capture cut short)')


def main():
    if len(sys.argv) != 3:
        print('usage: capture-decode.py LOG DIR', file=sys.stderr)
        return 2
    with open(sys.argv[1], 'rb') as f:
        text = f.read().decode('latin-1')
    lines = [l.rstrip('\r') for l in text.split('\n')]
    try:
        files = decode(lines)
    except Damaged as e:
        print(f'capture-decode: FAIL {e}', file=sys.stderr)
        return 1
    names = [n for n, _ in files]
    if 'manifest' not in names or len(set(names)) != len(names):
        print('capture-decode: FAIL no manifest or a file twice',
              file=sys.stderr)
        return 1
    out = sys.argv[2]
    os.makedirs(out, exist_ok=True)
    for name, data in files:
        path = os.path.join(out, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'wb') as f:
            f.write(data)
    total = sum(len(d) for _, d in files)
    print(f'capture-decode: {len(files)} files, {total} bytes -> {out}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
