// SPDX-License-Identifier: MIT
/*
 * The early identity map. With the MMU off every data access is
 * Device-nGnRnE, where an unaligned access faults. baton's own objects are
 * built with -mstrict-align, but Debian's libfdt.a is not (gcc merges its
 * byte loads into unaligned words), so the MMU goes on before the first
 * libfdt call: 4 KiB granule, 39-bit VA (one level-1 table of 1 GiB
 * blocks, 512 GiB), baton's image and the DTB as Normal write-back memory
 * in 2 MiB blocks, everything else Device-nGnRnE (MMIO stays uncached and
 * strictly ordered; RAM outside the image is read with strict alignment).
 * RAM-wide Normal mappings, read-only preserved memory and 48-bit
 * addresses are the job of baton's own tables (arch/arm64/paging.c),
 * which replace this map once the boot information is read.
 */
#include <baton/types.h>
#include <arch/arm64/arm64.h>
#include <arch/arm64/pgtable.h>

#define VA_BITS		39
#define L1_ENTRIES	512
#define L2_TABLES	4

#define PTE_TYPE_BLOCK	1ULL
#define PTE_TYPE_TABLE	3ULL

#define SCTLR_M		(1ULL << 0)
#define SCTLR_C		(1ULL << 2)
#define SCTLR_I		(1ULL << 12)

#define BLOCK_DEVICE	(PTE_TYPE_BLOCK | PTE_ATTR(MAIR_DEVICE) | PTE_AF | \
			 PTE_PXN | PTE_UXN)
#define BLOCK_NORMAL	(PTE_TYPE_BLOCK | PTE_ATTR(MAIR_NORMAL) | PTE_AF | \
			 PTE_SH_INNER | PTE_UXN)

static u64 l1[L1_ENTRIES] __aligned(4096);
static u64 l2[L2_TABLES][512] __aligned(4096);
static u32 l2_used;
static bool enabled;

/* The level-2 table of the 1 GiB block holding pa, made on first use. */
static u64 *l2_table(u64 pa)
{
	u64 *t, i, idx = pa >> 30;

	if ((l1[idx] & 3) == PTE_TYPE_TABLE)
		return (u64 *)(l1[idx] & 0xfffffffff000ULL);
	if (l2_used == L2_TABLES)
		return NULL;
	t = l2[l2_used++];
	for (i = 0; i < 512; i++)
		t[i] = (idx << 30 | i << 21) | BLOCK_DEVICE;
	l1[idx] = (u64)t | PTE_TYPE_TABLE;
	return t;
}

static bool map_normal(u64 start, u64 end)
{
	u64 pa;

	for (pa = ALIGN_DOWN(start, SZ_2M); pa < end; pa += SZ_2M) {
		u64 *t = l2_table(pa);

		if (!t)
			return false;
		t[(pa >> 21) & 511] = pa | BLOCK_NORMAL;
	}
	return true;
}

/* Clean and invalidate [start, end) to the point of coherency. */
static void dcache_civac(u64 start, u64 end)
{
	u64 line = 4ULL << ((read_sysreg(ctr_el0) >> 16) & 0xf);
	u64 p;

	for (p = ALIGN_DOWN(start, line); p < end; p += line)
		__asm__ volatile("dc civac, %0" : : "r"(p) : "memory");
	dsb(sy);
}

bool arm64_mmu_early(u64 image_start, u64 image_end, u64 dtb_pa,
		     u64 dtb_size)
{
	u64 pa_range = read_sysreg(id_aa64mmfr0_el1) & 0xf;
	u64 i, tcr;

	if (image_end > (1ULL << VA_BITS) ||
	    dtb_pa + dtb_size > (1ULL << VA_BITS))
		return false;
	for (i = 0; i < L1_ENTRIES; i++)
		l1[i] = (i << 30) | BLOCK_DEVICE;
	if (!map_normal(image_start, image_end) ||
	    (dtb_size && !map_normal(dtb_pa, dtb_pa + dtb_size)))
		return false;
	/*
	 * Everything written so far went to memory uncached; drop whatever
	 * stale lines the caches hold for it before they are used.
	 */
	dcache_civac(image_start, image_end);
	if (dtb_size)
		dcache_civac(dtb_pa, dtb_pa + dtb_size);
	tcr = TCR_T0SZ(VA_BITS) | TCR_IRGN0_WBWA | TCR_ORGN0_WBWA | TCR_SH0_INNER |
	      TCR_EPD1 | (MIN(pa_range, 5ULL) << TCR_IPS_SHIFT);
	write_sysreg(MAIR_VALUE, mair_el1);
	write_sysreg(tcr, tcr_el1);
	write_sysreg((u64)l1, ttbr0_el1);
	isb();
	__asm__ volatile("tlbi vmalle1\n\tdsb nsh\n\tic iallu\n\tdsb nsh"
			 : : : "memory");
	isb();
	write_sysreg(read_sysreg(sctlr_el1) | SCTLR_M | SCTLR_C | SCTLR_I,
		     sctlr_el1);
	isb();
	enabled = true;
	return true;
}

bool arm64_mmu_enabled(void)
{
	return enabled;
}
