/* SPDX-License-Identifier: MIT */
/*
 * arm64 image layout constants and the entry protocol number baton_main()
 * is called with. Plain #defines only (included from .S and .lds).
 *
 * The image is linked at 0 and runs wherever it is loaded (booting.rst:
 * any 2 MiB aligned base when the header's "anywhere" flag is set); all
 * code is PC-relative and the few absolute pointers in data are
 * R_AARCH64_RELATIVE relocations applied at entry (arch/arm64/relocate.c).
 */
#ifndef BATON_ARCH_ARM64_LAYOUT_H
#define BATON_ARCH_ARM64_LAYOUT_H

#define BATON_LINK_BASE		0x0

/*
 * Image header flags (Documentation/arch/arm64/booting.rst): bit 0 = 0
 * little endian, bits 1-2 = 1 4 KiB pages, bit 3 = 1 the 2 MiB aligned
 * base may be anywhere in RAM.
 */
#define ARM64_IMAGE_FLAGS	((0 << 0) | (1 << 1) | (1 << 3))
#define ARM64_IMAGE_MAGIC	0x644d5241	/* "ARM\x64" */

#define BOOT_STACK_SIZE		0x8000	/* main stack, in .bss */
#define EXC_STACK_SIZE		0x2000	/* exception stack, in .bss */

/* baton_main(entry, info_pa): the arm64 Image entry, info_pa = the DTB. */
#define ENTRY_PROTOCOL_DTB	3

/* baton.smp (<baton/smp.h>): no trampoline, PSCI CPU_ON enters the image. */
#define ARCH_SMP_TRAMPOLINE_PAGES	0
#define ARCH_SMP_TRAMPOLINE_LIMIT	0

/*
 * struct arm64_cpu_boot (arch/arm64/smp.c), what head.S's
 * arm64_secondary_entry reads with the MMU off: byte offsets.
 */
#define CPU_BOOT_MAIR		0	/* then TCR */
#define CPU_BOOT_TTBR0		16	/* then SCTLR */
#define CPU_BOOT_VBAR		32	/* then the stack top */
#define CPU_BOOT_MAIN		48	/* arm64_secondary_main */

#endif
