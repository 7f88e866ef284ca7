/* SPDX-License-Identifier: MIT */
/*
 * The framebuffer console of an x86 boot: the linear framebuffer the zero
 * page's screen_info describes (GOP via baton.efi, EFI/VESA via Linux's
 * kexec), used with console=tty0 or when no UART is named.
 */
#ifndef BATON_BOOT_FB_BOOT_H
#define BATON_BOOT_FB_BOOT_H

#include <baton/bootinfo.h>

/* After the UART consoles are set up, before the banner. */
void fb_boot_console(const struct boot_info *bi);

#endif
