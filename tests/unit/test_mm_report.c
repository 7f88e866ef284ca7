// SPDX-License-Identifier: MIT
/*
 * The memory summary (exact lines), mm_describe_address for each kind of
 * place, and the identity mapping with its read-only protection.
 */
#include "check.h"
#include "test_mm_fixture.h"

static char lines[32][200];
static int line_count;

static void collect(void *ctx, const char *text)
{
	if (line_count < 32)
		snprintf(lines[line_count++], sizeof(lines[0]), "%s", text);
}

static const struct fx_entry map[] = {
	{ 0x2200000, 0, true }, { 0x2201000, 0, true },
	{ 0x2400000, 9, false }, { 0x2800000, 9, false },
	{ FX_FDT, 0, false }, { 0x3000000, 0, false }, { 0x3001000, 1, false },
};

TEST(summary_lines)
{
	phys_addr_t pa;

	fx_setup(true);
	CHECK_EQ(fx_reserve(map, ARRAY_SIZE(map), 0), 0);
	CHECK_EQ(mm_alloc(&fx_mm, 3 * PAGE_SIZE, 0, 0, MM_NO_MAX, &pa), 0);
	CHECK(mm_find_top_down(&fx_mm, SZ_1M, SZ_1M, 0, MM_NO_MAX, &pa));
	CHECK_EQ(mm_claim_next_kernel(&fx_mm, pa, SZ_1M), 0);
	line_count = 0;
	mm_print_summary(&fx_mm, collect, NULL);
	CHECK_EQ(line_count, 11);
	CHECK_STR(lines[0], "mm: e820 6 entries, RAM 0x3f9fc00 bytes");
	CHECK_STR(lines[1], "mm: scratch 2 areas, 0x800000 bytes, free 0x56a000 in 5 blocks, largest 0x400000");
	CHECK_STR(lines[2], "mm:   scratch[0] [0x0000000001000000-0x0000000001400000) free 0x16a000");
	CHECK_STR(lines[3], "mm:   scratch[1] [0x0000000000800000-0x0000000000c00000) free 0x400000");
	CHECK_STR(lines[4], "mm: preserved 5 entries, 0x404000 bytes, 3 ranges after merging");
	CHECK_STR(lines[5], "mm:   order  0: 2 entries, 0x2000 bytes");
	CHECK_STR(lines[6], "mm:   order  1: 1 entries, 0x2000 bytes");
	CHECK_STR(lines[7], "mm:   order  9: 2 entries, 0x400000 bytes");
	CHECK_STR(lines[8], "mm: KHO map pages 2, 0x2000 bytes");
	CHECK_STR(lines[9], "mm: baton image 0x100000 bytes, 2 allocations 0x13000 bytes, next kernel 0x100000 bytes");
	CHECK_STR(lines[10], "mm: occupied set 13 of 2730 entries, arena 0x10000 bytes at 0x1000000");
}

TEST(summary_plain_boot_and_broken)
{
	fx_setup(false);
	CHECK_EQ(fx_reserve(NULL, 0, 0), 0);
	line_count = 0;
	mm_print_summary(&fx_mm, collect, NULL);
	CHECK_EQ(line_count, 6);
	CHECK_STR(lines[1], "mm: no scratch (plain boot): free RAM above 1 MiB 0x3d6e000 in 3 blocks, largest 0x2c05000");
	CHECK_STR(lines[5], "mm: occupied set 5 of 2730 entries, arena 0x10000 bytes at 0x100000");
	fx_mm.broken = true;
	line_count = 0;
	mm_print_summary(&fx_mm, collect, NULL);
	CHECK_STR(lines[5], "mm: occupied set 5 of 2730 entries, arena 0x10000 bytes at 0x100000, INCOMPLETE: allocation disabled");
}

TEST(describe_address)
{
	char buf[120];

	fx_setup(true);
	CHECK_EQ(fx_reserve(map, ARRAY_SIZE(map), 0), 0);
	CHECK_STR(mm_describe_address(&fx_mm, 0x2400123, buf, sizeof(buf)),
		  "preserved range [0x2400000-0x2600000) order 9");
	CHECK_STR(mm_describe_address(&fx_mm, 0x3001000, buf, sizeof(buf)),
		  "preserved range [0x3000000-0x3003000) orders 0-1");
	CHECK_STR(mm_describe_address(&fx_mm, FX_FDT + 8, buf, sizeof(buf)),
		  "KHO FDT [0x2000000-0x2001000)");
	CHECK_STR(mm_describe_address(&fx_mm, 0x2201abc, buf, sizeof(buf)),
		  "KHO map page [0x2200000-0x2202000)");
	CHECK_STR(mm_describe_address(&fx_mm, FX_AREA1 + 5, buf, sizeof(buf)),
		  "free scratch in area #1 [0x800000-0xc00000)");
	CHECK_STR(mm_describe_address(&fx_mm, 0x2202000, buf, sizeof(buf)),
		  "e820 RAM [0x100000-0x4000000), not reserved");
	CHECK_STR(mm_describe_address(&fx_mm, 0x4000010, buf, sizeof(buf)),
		  "e820 ACPI data [0x4000000-0x4100000), not reserved");
	CHECK_STR(mm_describe_address(&fx_mm, 0x80000000, buf, sizeof(buf)),
		  "0x80000000: not in the e820 map");
	CHECK_STR(mm_describe_address(&fx_mm, FX_IMAGE, buf, sizeof(buf)),
		  "baton image [0x1200000-0x1300000)");
}

struct mapping {
	u64 pa, size;
	u32 attrs;
};

#define MAPS_MAX 4096

static struct mapping maps[MAPS_MAX];
static int map_count;

static void collect_map(void *ctx, phys_addr_t pa, u64 size, u32 attrs)
{
	if (map_count < MAPS_MAX)
		maps[map_count++] = (struct mapping){ pa, size, attrs };
}

static u32 attrs_at(u64 pa)
{
	int i;

	for (i = 0; i < map_count; i++)
		if (pa >= maps[i].pa && pa - maps[i].pa < maps[i].size)
			return maps[i].attrs;
	return 0xdead;
}

TEST(mapping_protects_everything_but_baton_memory)
{
	static const u64 ro[] = {
		0, 0x9f000, SZ_1M, 0x2400000, FX_FDT, 0x2200000, 0x3000000,
		FX_BOOT_PARAMS, FX_CMDLINE, FX_INITRD, FX_SCRATCH_ARR,
		0x4000000, 0x40ff000,
	};
	static const u64 rw[] = { FX_AREA0, FX_AREA1, FX_AREA1 + 0x3ff000 };
	phys_addr_t pa;
	int i, overlaps = 0;
	u64 end = 0;

	fx_setup(true);
	CHECK_EQ(fx_reserve(map, ARRAY_SIZE(map), 0), 0);
	CHECK_EQ(mm_alloc(&fx_mm, PAGE_SIZE, 0, FX_AREA1, MM_NO_MAX, &pa), 0);
	map_count = 0;
	CHECK_EQ(mm_for_each_mapping(&fx_mm, collect_map, NULL), map_count);
	for (i = 0; i < map_count; i++) {
		CHECK_EQ(maps[i].pa % PAGE_SIZE, 0);
		CHECK_EQ(maps[i].size % PAGE_SIZE, 0);
		overlaps += maps[i].pa < end;
		end = maps[i].pa + maps[i].size;
		if (i && maps[i].pa == maps[i - 1].pa + maps[i - 1].size)
			CHECK(maps[i].attrs != maps[i - 1].attrs);
	}
	CHECK_EQ(overlaps, 0);
	for (i = 0; i < (int)ARRAY_SIZE(ro); i++)
		CHECK_EQ(attrs_at(ro[i]), 0);
	for (i = 0; i < (int)ARRAY_SIZE(rw); i++)
		CHECK_EQ(attrs_at(rw[i]), MM_MAP_WRITE);
	CHECK_EQ(attrs_at(FX_IMAGE), MM_MAP_WRITE | MM_MAP_EXEC);
	CHECK_EQ(attrs_at(0xf0000), 0xdead);	/* e820 reserved: unmapped */
	CHECK_EQ(attrs_at(0x4100000), 0xdead);
	/* The page holding cmdline and setup_data is read-only as a whole,
	 * and the free scratch after it writable. */
	CHECK_EQ(attrs_at(FX_CMDLINE + 0x800), 0);
	CHECK_EQ(attrs_at(FX_CMDLINE + 0x1000), MM_MAP_WRITE);
	CHECK_EQ(map_count, 13);
}

TEST(mapping_shared_page_takes_weaker_attributes)
{
	static const struct fx_entry none[1];

	fx_setup(true);
	/* image ends mid-page; the rest of that page is free scratch */
	fx_mm.occupied.count = 0;
	CHECK_EQ(mm_reserve(&fx_mm, FX_IMAGE, 0x1800, MM_KIND_BATON_IMAGE), 0);
	CHECK_EQ(fx_reserve(none, 0, 0), 0);
	map_count = 0;
	mm_for_each_mapping(&fx_mm, collect_map, NULL);
	CHECK_EQ(attrs_at(FX_IMAGE), MM_MAP_WRITE | MM_MAP_EXEC);
	CHECK_EQ(attrs_at(FX_IMAGE + 0x1000), MM_MAP_WRITE);
	CHECK_EQ(attrs_at(FX_IMAGE + 0x2000), MM_MAP_WRITE);
}

/* ---- the mapping's safety property on random machines ---- */

static u64 rng_state;

static u64 rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static bool writable_allowed(u64 page)
{
	const struct range_set *occ = &fx_mm.occupied;
	const struct range_entry *e = range_set_first_overlap(occ, page,
							      page + PAGE_SIZE,
							      MM_KIND_NONE);
	u32 i;

	/* every occupant byte in the page must be baton's */
	for (; e && e < occ->entries + occ->count && e->start < page + PAGE_SIZE;
	     e++)
		if (!mm_kind_is_baton_owned(e->kind))
			return false;
	if (range_set_bytes_in(occ, page, page + PAGE_SIZE, MM_KIND_NONE) ==
	    PAGE_SIZE)
		return true;	/* wholly baton's */
	for (i = 0; i < fx_mm.scratch_count; i++)
		if (page >= fx_mm.scratch[i].start &&
		    page + PAGE_SIZE <= fx_mm.scratch[i].start +
					fx_mm.scratch[i].size)
			return true;
	return false;
}

TEST(mapping_never_writable_over_foreign_bytes)
{
	static struct fx_entry random_map[300];
	int round, bad = 0, unmapped = 0;
	u64 page;

	for (round = 0; round < 20; round++) {
		phys_addr_t pa;
		u32 i;

		rng_state = 0x1234567 + round * 0x9e3779b97f4a7c15ULL;
		for (i = 0; i < ARRAY_SIZE(random_map); i++)
			random_map[i] = (struct fx_entry){
				(rng() % 0x3f00 + 0x100) * PAGE_SIZE,
				(unsigned int)(rng() % 3), i % 9 == 0 };
		for (i = 0; i < ARRAY_SIZE(random_map); i++)
			random_map[i].pa &= ~((PAGE_SIZE << random_map[i].order) - 1);
		fx_setup(true);
		CHECK_EQ(fx_reserve(random_map, ARRAY_SIZE(random_map), 0), 0);
		for (i = 0; i < 30; i++)
			mm_alloc(&fx_mm, (rng() % 8 + 1) * PAGE_SIZE, 0, 0,
				 MM_NO_MAX, &pa);
		/* byte-granular occupants sharing pages with free scratch */
		mm_reserve(&fx_mm, FX_AREA1 + 0x10010, 0x20,
			   MM_KIND_KEXEC_SEGMENT);
		map_count = 0;
		mm_for_each_mapping(&fx_mm, collect_map, NULL);
		CHECK(map_count > 10 && map_count < MAPS_MAX);
		for (page = 0; page < 0x4100000; page += PAGE_SIZE) {
			u32 a = attrs_at(page);
			bool mapped_kind = range_set_kind_at(&fx_mm.firmware,
							     page) != MM_KIND_NONE &&
				range_set_kind_at(&fx_mm.firmware, page) !=
					MM_KIND_RESERVED;

			if (a == 0xdead) {
				unmapped += mapped_kind;
				continue;
			}
			if ((a & MM_MAP_WRITE) && !writable_allowed(page))
				bad++;
		}
	}
	CHECK_EQ(bad, 0);
	CHECK_EQ(unmapped, 0);
}
