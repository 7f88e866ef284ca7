// SPDX-License-Identifier: MIT
/*
 * Reservation and bootstrap: the occupied set holds every occupant after the
 * two walks, the arena is carved from free scratch avoiding everything known
 * (including map data walk #1 found inside scratch), areas are refused when
 * that data cannot be recorded, and failures disable allocation.
 */
#include "check.h"
#include "test_mm_fixture.h"

static const struct fx_entry normal_map[] = {
	{ 0x2200000, 0, true },		/* radix root, then nodes */
	{ 0x2201000, 0, true },
	{ 0x2800000, 9, false },	/* order 9 first */
	{ 0x2c00000, 9, false },
	{ 0x2202000, 0, true },		/* a leaf */
	{ FX_FDT, 0, false },		/* order 0, ascending */
	{ 0x3000000, 0, false },
	{ 0x3001000, 0, false },
	{ 0x3002000, 0, false },
	{ 0x3010000, 0, false },
};

TEST(full_flow_records_every_occupant)
{
	const struct range_set *occ = &fx_mm.occupied;

	fx_setup(true);
	CHECK_EQ(fx_reserve(normal_map, ARRAY_SIZE(normal_map), 0), 0);
	CHECK(fx_mm.reserved);
	CHECK(!fx_mm.broken);
	CHECK_EQ(range_set_kind_at(occ, FX_IMAGE), MM_KIND_BATON_IMAGE);
	CHECK_EQ(range_set_kind_at(occ, FX_BOOT_PARAMS + 4095),
		 MM_KIND_BOOT_PARAMS);
	CHECK_EQ(range_set_kind_at(occ, FX_CMDLINE + 99), MM_KIND_CMDLINE);
	CHECK_EQ(range_set_kind_at(occ, FX_CMDLINE + 100), MM_KIND_NONE);
	CHECK_EQ(range_set_kind_at(occ, FX_SETUP_DATA + 47),
		 MM_KIND_SETUP_DATA);
	CHECK_EQ(range_set_kind_at(occ, FX_SCRATCH_ARR + 31),
		 MM_KIND_SCRATCH_ARRAY);
	CHECK_EQ(range_set_kind_at(occ, FX_INITRD + 0x7ffff), MM_KIND_INITRD);
	CHECK_EQ(range_set_kind_at(occ, FX_FDT), MM_KIND_KHO_FDT);
	CHECK_EQ(range_set_kind_at(occ, 0x2201fff), MM_KIND_KHO_MAP_PAGE);
	CHECK_EQ(range_set_kind_at(occ, 0x29fffff), MM_KIND_PRESERVED);
	CHECK_EQ(range_set_kind_at(occ, 0x2a00000), MM_KIND_NONE);
	CHECK_EQ(range_set_kind_at(occ, 0x3002fff), MM_KIND_PRESERVED);
	CHECK_EQ(range_set_kind_at(occ, 0x3003000), MM_KIND_NONE);
	/* The arena: lowest free page of area #0, recorded as baton's. */
	CHECK_EQ(fx_mm.arena_pa, FX_AREA0);
	CHECK_EQ(range_set_kind_at(occ, FX_AREA0), MM_KIND_BATON_ALLOC);
	CHECK(occ->entries != fx_mm.early_storage);
	/* Statistics per order. */
	CHECK_EQ(fx_mm.preserved_count, 7);
	CHECK_EQ(fx_mm.preserved_by_order[9].count, 2);
	CHECK_EQ(fx_mm.preserved_by_order[9].bytes, 2 * SZ_2M);
	CHECK_EQ(fx_mm.preserved_by_order[0].count, 5);
	CHECK_EQ(fx_mm.preserved_bytes, 2 * SZ_2M + 5 * PAGE_SIZE);
	CHECK_EQ(fx_mm.map_pages, 3);
	mm_check_invariants(&fx_mm);
	if (fx_findings.count)
		fx_dump_findings();
	CHECK_EQ(fx_findings.count, 0);
}

TEST(walk_one_counts_runs_without_storage)
{
	fx_setup(true);
	fx_walk(normal_map, ARRAY_SIZE(normal_map), false);
	/* 2M blocks at 0x2800000 and 0x2c00000 are not adjacent: 2 runs, then
	 * FDT, 0x3000000..0x3003000, 0x3010000: 3 more. */
	CHECK_EQ(fx_mm.scan.runs[0], 5);
	CHECK_EQ(fx_mm.scan.runs[1], 1);	/* root, node, leaf adjacent */
	CHECK_EQ(fx_mm.scan.in_scratch_count, 0);
	CHECK_EQ(fx_mm.occupied.count, 7);	/* early set only */
	CHECK_EQ(fx_mm.preserved_count, 0);
}

TEST(arena_avoids_map_data_inside_scratch)
{
	static const struct fx_entry map[] = {
		{ FX_AREA0, 0, false },		/* corrupt: inside scratch */
		{ FX_AREA0 + 0x2000, 0, true },
		{ 0x3000000, 0, false },
	};
	phys_addr_t pa;
	u64 size;

	fx_setup(true);
	fx_walk(map, ARRAY_SIZE(map), false);
	CHECK_EQ(fx_mm.scan.in_scratch_count, 2);
	CHECK_EQ(mm_arena_place(&fx_mm, &pa, &size), 0);
	CHECK_EQ(pa, FX_AREA0 + 0x3000);
	CHECK_EQ(size, 0x10000);	/* 64 KiB granule */
	/* The records were only for the placement, not in the set. */
	CHECK_EQ(range_set_kind_at(&fx_mm.occupied, FX_AREA0), MM_KIND_NONE);
	fx_setup(true);
	CHECK_EQ(fx_reserve(map, ARRAY_SIZE(map), 0), 0);
	CHECK_EQ(range_set_kind_at(&fx_mm.occupied, FX_AREA0),
		 MM_KIND_PRESERVED);
	CHECK_EQ(range_set_kind_at(&fx_mm.occupied, FX_AREA0 + 0x2000),
		 MM_KIND_KHO_MAP_PAGE);
	CHECK_EQ(range_set_kind_at(&fx_mm.occupied, FX_AREA0 + 0x3000),
		 MM_KIND_BATON_ALLOC);
	CHECK_EQ(fx_count(W_MM_PRESERVED_OVERLAP), 0);
	mm_check_invariants(&fx_mm);
	CHECK_EQ(fx_count(E_MM_PRESERVED_IN_SCRATCH), 1);
	CHECK_EQ(fx_count(E_MM_MAP_PAGE_IN_SCRATCH), 1);
}

TEST(too_much_map_data_in_scratch_refuses_the_area)
{
	static struct fx_entry map[MM_IN_SCRATCH_MAX + 2];
	phys_addr_t pa;
	u64 size;
	u32 i;

	for (i = 0; i < ARRAY_SIZE(map); i++)
		map[i] = (struct fx_entry){ FX_AREA0 + 2 * i * PAGE_SIZE, 0,
					    false };
	fx_setup(true);
	fx_walk(map, ARRAY_SIZE(map), false);
	CHECK(fx_mm.scratch[0].refused);
	CHECK(!fx_mm.scratch[1].refused);
	CHECK_EQ(fx_count(W_MM_SCRATCH_REFUSED), 1);
	CHECK_STR(fx_findings.items[0].message,
		  "scratch area #0 [0x1000000-0x1400000) refused: more than 64 preserved or map ranges inside it");
	CHECK_EQ(fx_mm.scan.in_scratch_count, 0);
	CHECK_EQ(mm_arena_place(&fx_mm, &pa, &size), 0);
	CHECK_EQ(pa, FX_AREA1);
}

TEST(small_arena_fails_safely)
{
	static struct fx_entry map[3000];
	phys_addr_t pa;
	u32 i;

	for (i = 0; i < ARRAY_SIZE(map); i++)	/* every other page */
		map[i] = (struct fx_entry){ 0x2000000 + 2 * i * PAGE_SIZE, 0,
					    false };
	fx_setup(true);
	/* 3000 ranges need ~6000 entries; give the set 2000. */
	CHECK_EQ(fx_reserve(map, ARRAY_SIZE(map),
			    (7 * 1024 + 1000) * RANGE_SET_ENTRY_BYTES), -1);
	CHECK(fx_mm.broken);
	CHECK(!fx_mm.reserved);
	CHECK_EQ(fx_count(E_MM_OUT_OF_SPACE), 1);
	CHECK_EQ(mm_alloc(&fx_mm, PAGE_SIZE, 0, 0, MM_NO_MAX, &pa), -1);
	CHECK_STR(fx_mm.error,
		  "allocation of 0x1000 bytes refused: reservation incomplete");
}

TEST(arena_sized_for_a_fragmented_map)
{
	static struct fx_entry map[12000];
	u32 i, n = 0;

	/* Three orders, each every other block, in radix order. */
	for (i = 0; i < 2000; i++)
		map[n++] = (struct fx_entry){ 0x2000000 + i * 4 * SZ_4K * 4, 2,
					      false };
	for (i = 0; i < 4000; i++)
		map[n++] = (struct fx_entry){ 0x2004000 + i * 2 * SZ_4K * 4, 1,
					      false };
	for (i = 0; i < 6000; i++)
		map[n++] = (struct fx_entry){ 0x2000000 + i * 2 * SZ_4K + 1,
					      0, false };
	for (i = 0; i < n; i++)
		map[i].pa &= ~0xfffULL;
	fx_setup(true);
	CHECK_EQ(fx_reserve(map, n, 0), 0);
	CHECK(!fx_mm.broken);
	CHECK_EQ(fx_mm.preserved_count, 12000);
}

TEST(allocation_waits_for_reservation)
{
	phys_addr_t pa = 0;

	fx_setup(true);
	CHECK_EQ(mm_alloc(&fx_mm, PAGE_SIZE, 0, 0, MM_NO_MAX, &pa), -1);
	CHECK_STR(fx_mm.error,
		  "allocation of 0x1000 bytes refused: preserved memory not reserved yet");
	CHECK_EQ(fx_count(E_MM_ALLOC_FAILED), 1);
	CHECK(!mm_find_top_down(&fx_mm, PAGE_SIZE, 0, 0, MM_NO_MAX, &pa));
}

TEST(scratch_areas_validated)
{
	fx_setup(false);
	CHECK(mm_add_scratch_area(&fx_mm, 0x1000800, 0x400000));
	CHECK_EQ(fx_mm.scratch[0].start, 0x1001000);
	CHECK_EQ(fx_mm.scratch[0].size, 0x3ff000);
	CHECK(!mm_add_scratch_area(&fx_mm, 0x1100000, 0x1000));
	CHECK(!mm_add_scratch_area(&fx_mm, 0x3f00000, 0x200000));
	/* size 0 as Linux writes it: refused without a finding of mm's own */
	CHECK(!mm_add_scratch_area(&fx_mm, 0x2000000, 0));
	CHECK(!mm_add_scratch_area(&fx_mm, 0x2000800, 0x400));
	CHECK(!mm_add_scratch_area(&fx_mm, ~0ULL - 0xfff, 0x2000));
	CHECK_EQ(fx_mm.scratch_count, 6);
	CHECK(fx_mm.scratch[3].refused);
	CHECK_EQ(fx_count(W_MM_SCRATCH_REFUSED), 4);
	CHECK_STR(fx_findings.items[0].message,
		  "scratch area #1 [0x1100000-0x1101000) refused: overlaps an earlier area");
	CHECK_STR(fx_findings.items[1].message,
		  "scratch area #2 [0x3f00000-0x4100000) refused: not wholly e820 RAM");
	CHECK_STR(fx_findings.items[2].message,
		  "scratch area #4 [0x2000000-0x2000000) refused: empty after trimming to pages");
	CHECK(fx_mm.handover);
}

TEST(old_page_tables_reserved)
{
	static const phys_addr_t tables[] = { 0x3000000, 0x3001000, 0x3005000 };

	fx_setup(true);
	CHECK_EQ(mm_reserve_pages(&fx_mm, tables, 3, MM_KIND_OLD_PAGE_TABLE),
		 0);
	CHECK_EQ(range_set_count(&fx_mm.occupied, MM_KIND_OLD_PAGE_TABLE), 2);
	CHECK_EQ(range_set_bytes(&fx_mm.occupied, MM_KIND_OLD_PAGE_TABLE),
		 3 * PAGE_SIZE);
	/* A map page on top of one of them survives the release. */
	CHECK_EQ(mm_reserve(&fx_mm, 0x3005000, PAGE_SIZE, MM_KIND_KHO_MAP_PAGE),
		 0);
	CHECK_EQ(mm_release_kind(&fx_mm, MM_KIND_OLD_PAGE_TABLE), 0);
	CHECK_EQ(range_set_count(&fx_mm.occupied, MM_KIND_OLD_PAGE_TABLE), 0);
	CHECK_EQ(range_set_kind_at(&fx_mm.occupied, 0x3005000),
		 MM_KIND_KHO_MAP_PAGE);
	CHECK_EQ(range_set_kind_at(&fx_mm.occupied, 0x3000000), MM_KIND_NONE);
	CHECK_EQ(range_set_kind_at(&fx_mm.occupied, FX_IMAGE),
		 MM_KIND_BATON_IMAGE);
	CHECK_EQ(fx_mm.occupied.count, 8);
}

TEST(plain_boot_flow)
{
	phys_addr_t pa;

	fx_setup(false);
	CHECK_EQ(fx_reserve(NULL, 0, 0), 0);
	CHECK(!fx_mm.handover);
	/* Lowest free RAM above 1 MiB. */
	CHECK_EQ(fx_mm.arena_pa, SZ_1M);
	CHECK_EQ(mm_alloc(&fx_mm, PAGE_SIZE, 0, 0, MM_NO_MAX, &pa), 0);
	CHECK_EQ(pa, SZ_1M + fx_mm.arena_size);
	mm_check_invariants(&fx_mm);
	CHECK_EQ(fx_findings.count, 0);
}

TEST(no_usable_scratch_means_no_allocation)
{
	static const struct fx_entry map[] = { { 0x3000000, 0, false } };
	phys_addr_t pa;
	u64 size;

	fx_setup(false);
	CHECK(!mm_add_scratch_area(&fx_mm, 0x4000000, SZ_1M));	/* ACPI */
	fx_walk(map, 1, false);
	CHECK_EQ(mm_arena_place(&fx_mm, &pa, &size), -1);
	CHECK_STR(fx_mm.error,
		  "no room for the occupied-set arena: asked 0x10000 bytes, free 0x0 in 0 blocks, largest 0x0");
	/* Walk #2 into the early array still works for a small map. */
	fx_walk(map, 1, true);
	CHECK_EQ(mm_reserve_commit(&fx_mm), 0);
	CHECK_EQ(range_set_kind_at(&fx_mm.occupied, 0x3000000),
		 MM_KIND_PRESERVED);
	CHECK_EQ(mm_alloc(&fx_mm, PAGE_SIZE, 0, 0, MM_NO_MAX, &pa), -1);
	CHECK_STR(fx_mm.error,
		  "allocation: out of scratch: asked 0x1000 bytes align 0x1000 in [0x0-0xffffffffffffffff), free 0x0 in 0 blocks, largest 0x0");
}

/*
 * A run mm cannot represent (ending at or past 2^64) is never counted: the
 * walkers drop such entries with E_PRESERVED_OUTSIDE_RAM before anyone
 * counts them; should one come anyway, walk #2 says so instead of
 * dropping it silently (the preserved index and mm would disagree).
 */
TEST(run_ending_at_2_64_reported)
{
	fx_setup(true);
	CHECK_EQ(fx_reserve(NULL, 0, 0), 0);
	mm_reserve_preserved_run(&fx_mm, 0ULL - PAGE_SIZE, 0, 1);
	mm_reserve_preserved_run(&fx_mm, 0ULL - 2 * PAGE_SIZE, 0, 2);
	CHECK_EQ(fx_mm.preserved_count, 0);
	CHECK_EQ(fx_count(E_MM_PRESERVED_OUTSIDE_RAM), 2);
	CHECK_STR(fx_findings.items[fx_findings.count - 1].message,
		  "preserved run 0xffffffffffffe000 order 0 x2 does not fit below 2^64: not reserved");
	mm_reserve_preserved_run(&fx_mm, 0ULL - 2 * PAGE_SIZE, 0, 1);
	CHECK_EQ(fx_mm.preserved_count, 1);
	CHECK_EQ(fx_count(E_MM_PRESERVED_OUTSIDE_RAM), 2);
}
