/* SPDX-License-Identifier: MIT */
/*
 * Layout of the AP trampoline page (arch/x86_64/ap_trampoline.S), shared
 * with arch/x86_64/smp.c, which copies it below 1 MiB and fills the data
 * block. Plain #defines only (included from .S).
 */
#ifndef BATON_ARCH_X86_64_SMP_TRAMPOLINE_H
#define BATON_ARCH_X86_64_SMP_TRAMPOLINE_H

/* The data block inside page 0; the code before it must stay shorter. */
#define TR_DATA			0xe00
#define TR_GDT			(TR_DATA + 0x00)	/* 4 descriptors */
#define TR_GDTR			(TR_DATA + 0x20)	/* u16 limit, u32 base */
#define TR_FAR32		(TR_DATA + 0x28)	/* u32 offset, u16 selector */
#define TR_FAR64		(TR_DATA + 0x30)	/* u32 offset, u16 selector */
#define TR_CR4			(TR_DATA + 0x38)	/* u32 */
#define TR_EFER			(TR_DATA + 0x3c)	/* u32, OR-ed into EFER */
#define TR_TMP_CR3		(TR_DATA + 0x40)	/* u32: the pages below */
#define TR_CR3			(TR_DATA + 0x48)	/* u64: baton's tables */
#define TR_ENTRY		(TR_DATA + 0x50)	/* u64: C entry */
#define TR_STACK		(TR_DATA + 0x58)	/* u64: stack top */
#define TR_CPU			(TR_DATA + 0x60)	/* u32: index */
#define TR_DATA_END		(TR_DATA + 0x68)

/* Pages after the code page: the temporary identity map of [0, 2 MiB). */
#define TR_PML4_PAGE		1
#define TR_PDPT_PAGE		2
#define TR_PD_PAGE		3
#define TR_PML5_PAGE		4	/* used with 5-level paging only */

/* The trampoline GDT's selectors (0x10 and 0x18 equal baton's). */
#define TR_CODE32		0x08

#endif
