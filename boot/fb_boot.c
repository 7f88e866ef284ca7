// SPDX-License-Identifier: MIT
/*
 * screen_info -> struct fb_info: only a 32-bit-per-pixel linear
 * framebuffer with 8-bit colour fields (what GOP's RGB/BGR formats and
 * usual VESA modes give) is drawn on; anything else is left alone.
 */
#include <baton/linux_screen_info.h>
#include <baton/log.h>
#include <boot/fb_boot.h>
#include <drivers/console.h>
#include <drivers/console_options.h>
#include <drivers/fbcon.h>

static bool fb_from_screen_info(const struct linux_screen_info *si,
				struct fb_info *fb)
{
	if (si->orig_video_is_vga != VIDEO_TYPE_EFI &&
	    si->orig_video_is_vga != VIDEO_TYPE_VLFB)
		return false;
	if (si->lfb_depth != 32 || si->red_size != 8 ||
	    si->green_size != 8 || si->blue_size != 8)
		return false;
	fb->base = si->lfb_base;
	if (si->capabilities & VIDEO_CAPABILITY_64BIT_BASE)
		fb->base |= (u64)si->ext_lfb_base << 32;
	fb->width = si->lfb_width;
	fb->height = si->lfb_height;
	fb->stride = si->lfb_linelength;
	fb->red_pos = si->red_pos;
	fb->green_pos = si->green_pos;
	fb->blue_pos = si->blue_pos;
	return true;
}

void fb_boot_console(const struct boot_info *bi)
{
	struct console_options opts;
	struct fb_info fb;

	/* The zero page is read in place, as bootinfo_read_boot_params did. */
	if (bi->protocol != BOOT_PROTOCOL_LINUX64 || !bi->boot_params_pa)
		return;
	console_options_parse(bi->cmdline, &opts);
	if (!opts.tty0 && !opts.uart_defaulted)
		return;
	if (!fb_from_screen_info((const void *)(uintptr_t)bi->boot_params_pa,
				 &fb))
		return;
	if (!console_setup_fb(&fb))
		pr_warn("console: framebuffer 0x%llx %ux%u stride %u not drawable\n",
			(unsigned long long)fb.base, fb.width, fb.height,
			fb.stride);
}
