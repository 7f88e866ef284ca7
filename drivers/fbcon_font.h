/* SPDX-License-Identifier: MIT */
/*
 * The framebuffer console's glyphs: printable ASCII, 8x16, one byte a row
 * (bit 7 leftmost). The array is generated at build time from a Debian
 * console font (tools/fbfont/psf2c.py, $(BUILD)/gen/fbcon_font.c).
 */
#ifndef BATON_DRIVERS_FBCON_FONT_H
#define BATON_DRIVERS_FBCON_FONT_H

#include <baton/types.h>

#define FBCON_FONT_FIRST	0x20
#define FBCON_FONT_GLYPHS	(0x7e - 0x20 + 1)
#define FBCON_FONT_WIDTH	8
#define FBCON_FONT_HEIGHT	16

extern const u8 fbcon_font[FBCON_FONT_GLYPHS][FBCON_FONT_HEIGHT];

#endif
