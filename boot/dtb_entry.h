/* SPDX-License-Identifier: MIT */
/*
 * The DTB entry's part of baton_main (arm64 Image, x0 = DTB): boot
 * information from the DTB, the consoles it names and the banner. The
 * phases after them are boot/main.c's run_flow, the same as on x86.
 */
#ifndef BATON_BOOT_DTB_ENTRY_H
#define BATON_BOOT_DTB_ENTRY_H

#include <baton/bootinfo.h>
#include <baton/findings.h>

/* Fills bi from the DTB at dtb_pa; what did not parse is a finding. */
void dtb_entry_boot_info(struct boot_info *bi, u64 dtb_pa,
			 struct finding_list *findings);
/*
 * /chosen/stdout-path, earlycon=pl011,ADDR and the command line's MMIO
 * 16550s (no COM1 default: arm64 has no port I/O); when none names a
 * console, the PL011 ACPI's SPCR names (boot/acpi_efi.h).
 */
void dtb_entry_consoles(const struct boot_info *bi);
/* "baton V (arm64) entered at ELn via Image, ...", consoles, DTB notes. */
void dtb_entry_banner(const struct boot_info *bi, const char *version);

#endif
