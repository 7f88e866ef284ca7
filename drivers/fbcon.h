/* SPDX-License-Identifier: MIT */
/*
 * Text console on a linear framebuffer (32 bits a pixel, as GOP and
 * Linux's screen_info describe it): white 8x16 glyphs on black. The first
 * line (the banner) stays on the top row, the rest scrolls below it; time
 * stamps and the JSON report block are left out (serial only): the screen
 * shows the log lines, findings and the verdict.
 */
#ifndef BATON_DRIVERS_FBCON_H
#define BATON_DRIVERS_FBCON_H

#include <drivers/console.h>

struct fb_info {
	u64 base;		/* physical address of pixel (0, 0) */
	u32 width, height;	/* pixels */
	u32 stride;		/* bytes from one line to the next */
	u8 red_pos, green_pos, blue_pos;	/* bit offsets, 8 bits each */
};

#define FBCON_LINE_MAX	160

struct fbcon {
	struct console con;
	struct fb_info fb;
	u32 cols, rows, col, row;
	u32 pinned;			/* top rows that never scroll */
	bool cleared;			/* the firmware's picture is gone */
	bool in_json;			/* between the JSON block's markers */
	char line[FBCON_LINE_MAX];	/* the line being written */
	u32 line_len;
	char desc[64];
};

/* False (nothing registered) for a framebuffer it cannot draw on. */
bool fbcon_init(struct fbcon *fc, const struct fb_info *fb);

#endif
