/* SPDX-License-Identifier: MIT */
/*
 * Constants shared by the entry assembly, the C side of arch/x86_64 and the
 * linker script: where the image is linked, stack sizes, GDT selectors and
 * the entry protocol numbers. Plain #defines only (included from .S/.lds).
 */
#ifndef BATON_ARCH_X86_64_LAYOUT_H
#define BATON_ARCH_X86_64_LAYOUT_H

/* Link (virtual) address of _start; every variant links here. */
#define BATON_LINK_BASE		0x100000

/* Offset of the 64-bit entry in the image (Linux boot protocol). */
#define BATON_ENTRY64_OFFSET	0x200

#define BOOT_STACK_SIZE		0x8000	/* main stack, in .bss */
#define IST_STACK_SIZE		0x4000	/* exception stack (IST1) */
#define PVH_STACK_SIZE		0x400	/* 32-bit PVH path only */
#define PVH_TABLE_PAGES		7	/* PML4, PDPT, 4 PDs (4 GiB in 2 MiB), PML5 */

/* GDT selectors, the same as Linux's boot GDT. */
#define GDT_CODE64		0x10
#define GDT_DATA		0x18
#define GDT_TSS			0x20

/* The first two equal enum boot_protocol in <baton/bootinfo.h>. */
#define ENTRY_PROTOCOL_LINUX64	1
#define ENTRY_PROTOCOL_PVH	2
#define ENTRY_PROTOCOL_LINUX32	3	/* boot_params via code32_start */

/*
 * baton.smp (<baton/smp.h>): the AP trampoline's pages (code and data,
 * then its own page tables), below 1 MiB (a SIPI names a page there).
 */
#define ARCH_SMP_TRAMPOLINE_PAGES	5
#define ARCH_SMP_TRAMPOLINE_LIMIT	0x100000

#endif
