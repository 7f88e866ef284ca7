// SPDX-License-Identifier: MIT
/*
 * Allocation outside scratch (baton's handover additions): lowest free RAM
 * above 1 MiB that is neither scratch nor occupied, recorded as a handover
 * addition; refused before reservation and when nothing fits.
 */
#include "check.h"
#include "test_mm_fixture.h"

static const struct fx_entry preserved[] = {
	{ 0x100000, 0, false },		/* first page above 1 MiB */
	{ 0x101000, 0, true },		/* a map page right after it */
	{ 0x1e00000, 9, false },	/* 2 MiB below the FDT */
};

TEST(lowest_free_ram_outside_scratch_and_occupants)
{
	phys_addr_t pa = 0;

	fx_setup(true);
	CHECK_EQ(mm_alloc_outside_scratch(&fx_mm, PAGE_SIZE, MM_NO_MAX, &pa),
		 -1);
	CHECK_EQ(fx_reserve(preserved, ARRAY_SIZE(preserved), 0), 0);
	CHECK_EQ(mm_alloc_outside_scratch(&fx_mm, 100, MM_NO_MAX, &pa), 0);
	CHECK_EQ(pa, 0x102000);
	CHECK_EQ(range_set_kind_at(&fx_mm.occupied, pa), MM_KIND_HANDOVER_ADD);
	/* [0x103000, 8M) is too small, so is [12M, 16M); 20M..30M fits */
	CHECK_EQ(mm_alloc_outside_scratch(&fx_mm, 0x700000, MM_NO_MAX, &pa), 0);
	CHECK_EQ(pa, FX_AREA0 + FX_AREA_SIZE);
	CHECK_EQ(mm_alloc_outside_scratch(&fx_mm, 0x400000, MM_NO_MAX, &pa), 0);
	CHECK_EQ(pa, 0x103000);
	CHECK_EQ(mm_alloc_outside_scratch(&fx_mm, 0x400000, MM_NO_MAX, &pa), 0);
	CHECK_EQ(pa, FX_AREA1 + FX_AREA_SIZE);
	/* after the FDT page: [32M + 4K, 64M) */
	CHECK_EQ(mm_alloc_outside_scratch(&fx_mm, 0x1000000, MM_NO_MAX, &pa), 0);
	CHECK_EQ(pa, FX_FDT + PAGE_SIZE);
	CHECK_EQ(mm_alloc_outside_scratch(&fx_mm, 0x1000000, MM_NO_MAX, &pa),
		 -1);
	CHECK_STR(fx_mm.error,
		  "handover addition: no free RAM outside scratch for 0x1000000 bytes below 0xffffffffffffffff");
	CHECK(fx_count(E_MM_ALLOC_FAILED) >= 1);
}

TEST(max_bounds_the_search)
{
	phys_addr_t pa = 0;

	fx_setup(true);
	CHECK_EQ(fx_reserve(preserved, ARRAY_SIZE(preserved), 0), 0);
	CHECK_EQ(mm_alloc_outside_scratch(&fx_mm, 0x800000, 0x1000000, &pa),
		 -1);
	CHECK_EQ(mm_alloc_outside_scratch(&fx_mm, 0x6fe000, 0x1000000, &pa), 0);
	CHECK_EQ(pa, 0x102000);
}
