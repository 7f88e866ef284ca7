// SPDX-License-Identifier: MIT
/*
 * Framebuffer text console. Lines are drawn whole when they end, so the
 * JSON block can be recognised by its marker lines and skipped; below the
 * pinned banner the screen scrolls up one text row when full. Only pixels inside the
 * described framebuffer are written.
 */
#include <string.h>
#include <baton/printf.h>
#include <drivers/fbcon.h>
#include <drivers/fbcon_font.h>

#define JSON_BEGIN	"----- BEGIN BATON JSON -----"
#define JSON_END	"----- END BATON JSON -----"
#define FB_MAX_DIM	16384

static u32 *pixel_row(struct fbcon *fc, u32 y)
{
	return (u32 *)(uintptr_t)(fc->fb.base + (u64)y * fc->fb.stride);
}

static void draw_glyph(struct fbcon *fc, u32 col, u32 row, char c, u32 fg)
{
	const u8 *glyph;
	u32 x0 = col * FBCON_FONT_WIDTH, y, x;

	if ((u8)c < FBCON_FONT_FIRST || (u8)c >= FBCON_FONT_FIRST + FBCON_FONT_GLYPHS)
		c = '?';
	glyph = fbcon_font[(u8)c - FBCON_FONT_FIRST];
	for (y = 0; y < FBCON_FONT_HEIGHT; y++) {
		volatile u32 *p = pixel_row(fc, row * FBCON_FONT_HEIGHT + y) + x0;

		for (x = 0; x < FBCON_FONT_WIDTH; x++)
			p[x] = glyph[y] & (0x80 >> x) ? fg : 0;
	}
}

static void clear_rows(struct fbcon *fc, u32 first_row, u32 count)
{
	u32 y;

	for (y = first_row * FBCON_FONT_HEIGHT;
	     y < (first_row + count) * FBCON_FONT_HEIGHT; y++)
		memset(pixel_row(fc, y), 0, (size_t)fc->cols * FBCON_FONT_WIDTH * 4);
}

static void scroll(struct fbcon *fc)
{
	u32 y, bytes = fc->cols * FBCON_FONT_WIDTH * 4;

	for (y = fc->pinned * FBCON_FONT_HEIGHT;
	     y < (fc->rows - 1) * FBCON_FONT_HEIGHT; y++)
		memcpy(pixel_row(fc, y), pixel_row(fc, y + FBCON_FONT_HEIGHT),
		       bytes);
	clear_rows(fc, fc->rows - 1, 1);
}

static void new_row(struct fbcon *fc)
{
	fc->col = 0;
	if (fc->row + 1 < fc->rows)
		fc->row++;
	else
		scroll(fc);
}

static void draw_line(struct fbcon *fc, const char *s, u32 len)
{
	u32 white = 0xffu << fc->fb.red_pos | 0xffu << fc->fb.green_pos |
		    0xffu << fc->fb.blue_pos;
	u32 i;

	for (i = 0; i < len; i++) {
		if (fc->col == fc->cols)
			new_row(fc);
		draw_glyph(fc, fc->col++, fc->row, s[i], white);
	}
	new_row(fc);
}

static bool line_has(const struct fbcon *fc, const char *marker)
{
	size_t n = strlen(marker), i;

	for (i = 0; i + n <= fc->line_len; i++)
		if (!memcmp(fc->line + i, marker, n))
			return true;
	return false;
}

/* "[    0.123456] text" -> "text": the screen is for reading. */
static u32 text_start(const struct fbcon *fc)
{
	u32 i;

	if (!fc->line_len || fc->line[0] != '[')
		return 0;
	for (i = 1; i + 1 < fc->line_len && i < 20; i++)
		if (fc->line[i] == ']' && fc->line[i + 1] == ' ')
			return i + 2;
	return 0;
}

static void end_line(struct fbcon *fc)
{
	static const char note[] = "(JSON report: serial console only)";
	u32 start = text_start(fc);

	if (line_has(fc, JSON_BEGIN)) {
		fc->in_json = true;
		draw_line(fc, note, sizeof(note) - 1);
	} else if (line_has(fc, JSON_END)) {
		fc->in_json = false;
	} else if (!fc->in_json) {
		draw_line(fc, fc->line + start, fc->line_len - start);
		/* the banner, and a blank row under it, stay */
		if (!fc->pinned && fc->rows > 4) {
			fc->pinned = 2;
			fc->row = 2;
		}
	}
	fc->line_len = 0;
}

static void fbcon_write(struct console *con, const char *s, size_t len)
{
	struct fbcon *fc = (struct fbcon *)con;

	if (!fc->cleared) {
		clear_rows(fc, 0, fc->rows);
		fc->cleared = true;
	}
	while (len--) {
		char c = *s++;

		if (c == '\n')
			end_line(fc);
		else if (c != '\r' && fc->line_len < FBCON_LINE_MAX)
			fc->line[fc->line_len++] = c;
	}
}

bool fbcon_init(struct fbcon *fc, const struct fb_info *fb)
{
	memset(fc, 0, sizeof(*fc));
	if (!fb->base || fb->width < FBCON_FONT_WIDTH ||
	    fb->height < FBCON_FONT_HEIGHT || fb->width > FB_MAX_DIM ||
	    fb->height > FB_MAX_DIM || fb->stride < fb->width * 4 ||
	    fb->red_pos > 24 || fb->green_pos > 24 || fb->blue_pos > 24)
		return false;
	fc->fb = *fb;
	fc->cols = fb->width / FBCON_FONT_WIDTH;
	fc->rows = fb->height / FBCON_FONT_HEIGHT;
	fc->con.write = fbcon_write;
	fc->con.needs_mapping = true;
	fc->con.mmio_pa = fb->base;
	fc->con.mmio_size = (u64)fb->stride * fb->height;
	baton_snprintf(fc->desc, sizeof(fc->desc), "fbcon 0x%llx %ux%u (%ux%u text)",
		       (unsigned long long)fb->base, fb->width, fb->height,
		       fc->cols, fc->rows);
	fc->con.name = fc->desc;
	return true;
}
