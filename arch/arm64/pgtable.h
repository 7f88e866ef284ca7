/* SPDX-License-Identifier: MIT */
/*
 * AArch64 VMSA bits baton's two sets of page tables share (mmu.c: the early
 * 1 GiB-block identity map; paging.c: the 4 KiB-granule tables of the
 * flow): descriptor attributes, the MAIR indices and TCR_EL1 fields.
 */
#ifndef BATON_ARCH_ARM64_PGTABLE_H
#define BATON_ARCH_ARM64_PGTABLE_H

#define PTE_ATTR(i)	((u64)(i) << 2)	/* AttrIndx: MAIR_EL1 slot */
#define PTE_SH_INNER	(3ULL << 8)
#define PTE_AF		(1ULL << 10)
#define PTE_PXN		(1ULL << 53)
#define PTE_UXN		(1ULL << 54)

#define MAIR_DEVICE	0	/* attr index 0: Device-nGnRnE (0x00) */
#define MAIR_NORMAL	1	/* attr index 1: Normal WB RW-allocate (0xff) */
#define MAIR_VALUE	(0xffULL << (8 * MAIR_NORMAL))

#define TCR_T0SZ(va_bits)	(64 - (va_bits))
#define TCR_IRGN0_WBWA	(1ULL << 8)
#define TCR_ORGN0_WBWA	(1ULL << 10)
#define TCR_SH0_INNER	(3ULL << 12)
#define TCR_EPD1	(1ULL << 23)	/* no TTBR1 walks */
#define TCR_IPS_SHIFT	32

#endif
