#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""fbshot.py SHOT.ppm OUT.png FONT ROW:TEXT...: checks a QEMU screendump
of baton's framebuffer console without OCR. Each TEXT is rendered with the
console's own font (FONT, read by tools/fbfont/psf2c.py as the build does)
and compared pixel by pixel with the glyph cells of text row ROW (a number,
or "any": the first row where it matches), one cell past the text too
(must be blank); a pixel counts as lit when its R+G+B is above 384. The
screenshot is also written as OUT.png (the test's artifact). Prints one
line per TEXT and exits 1 if any does not match."""
import os
import struct
import sys
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..",
                                "tools", "fbfont"))
import psf2c  # noqa: E402


def read_ppm(path):
    data = open(path, "rb").read()
    fields, pos = [], 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos)
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    if fields[0] != b"P6" or fields[3] != b"255":
        sys.exit("fbshot: %s is not an 8-bit P6 PPM" % path)
    w, h = int(fields[1]), int(fields[2])
    return w, h, data[pos + 1:pos + 1 + w * h * 3]


def write_png(path, w, h, px):
    raw = b"".join(b"\0" + px[y * w * 3:(y + 1) * w * 3] for y in range(h))

    def chunk(kind, body):
        return (struct.pack(">I", len(body)) + kind + body +
                struct.pack(">I", zlib.crc32(kind + body) & 0xffffffff))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" +
                chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) +
                chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))


def row_matches(w, px, glyphs, height, row, text):
    """Number of differing pixels between row `row` and the text."""
    bad = 0
    for col, ch in enumerate(text + " "):
        rows = glyphs.get(ord(ch), glyphs[ord("?")])
        for y in range(height):
            for x in range(8):
                want = bool(rows[y] & (0x80 >> x))
                px_x, px_y = col * 8 + x, row * height + y
                if px_x >= w:
                    return bad + 1
                i = (px_y * w + px_x) * 3
                lit = px[i] + px[i + 1] + px[i + 2] > 384
                bad += lit != want
    return bad


def main():
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    w, h, px = read_ppm(sys.argv[1])
    write_png(sys.argv[2], w, h, px)
    height, glyphs = psf2c.load(sys.argv[3])
    failed = 0
    for spec in sys.argv[4:]:
        where, text = spec.split(":", 1)
        rows = range(h // height) if where == "any" else [int(where)]
        found = [r for r in rows
                 if row_matches(w, px, glyphs, height, r, text) == 0]
        if found:
            print("fbshot: row %d matches %r (%d glyph cells)" %
                  (found[0], text, len(text) + 1))
        else:
            print("fbshot: no %s row matches %r" % (where, text))
            failed = 1
    sys.exit(failed)


if __name__ == "__main__":
    main()
