/* SPDX-License-Identifier: MIT */
/*
 * struct screen_info, the first 0x40 bytes of the x86 zero page: how the
 * boot loader left the display. baton reads its linear framebuffer (the
 * framebuffer console) and baton.efi fills it from GOP; the next kernel
 * gets it unchanged (boot/chain/boot_params_build.c).
 */
#ifndef BATON_LINUX_SCREEN_INFO_H
#define BATON_LINUX_SCREEN_INFO_H

#include <baton/types.h>

#define VIDEO_TYPE_VLFB			0x23	/* VESA linear framebuffer */
#define VIDEO_TYPE_EFI			0x70	/* EFI GOP framebuffer */
#define VIDEO_CAPABILITY_64BIT_BASE	(1u << 1)

struct linux_screen_info {
	u8 pad_00[0x0f];
	u8 orig_video_is_vga;		/* 0x0f: VIDEO_TYPE_* */
	u16 orig_video_points;		/* 0x10 */
	u16 lfb_width;			/* 0x12 */
	u16 lfb_height;			/* 0x14 */
	u16 lfb_depth;			/* 0x16: bits per pixel */
	u32 lfb_base;			/* 0x18 */
	u32 lfb_size;			/* 0x1c */
	u16 cl_magic, cl_offset;	/* 0x20 */
	u16 lfb_linelength;		/* 0x24: bytes per line */
	u8 red_size, red_pos;		/* 0x26 */
	u8 green_size, green_pos;	/* 0x28 */
	u8 blue_size, blue_pos;		/* 0x2a */
	u8 rsvd_size, rsvd_pos;		/* 0x2c */
	u16 vesapm_seg, vesapm_off;	/* 0x2e */
	u16 pages;			/* 0x32 */
	u16 vesa_attributes;		/* 0x34 */
	u32 capabilities;		/* 0x36 */
	u32 ext_lfb_base;		/* 0x3a: high half of lfb_base */
	u8 reserved[2];			/* 0x3e */
} __packed;
_Static_assert(sizeof(struct linux_screen_info) == 0x40, "screen_info");
_Static_assert(__builtin_offsetof(struct linux_screen_info, lfb_linelength) ==
	       0x24, "lfb_linelength");
_Static_assert(__builtin_offsetof(struct linux_screen_info, ext_lfb_base) ==
	       0x3a, "ext_lfb_base");

#endif
