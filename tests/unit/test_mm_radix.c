// SPDX-License-Identifier: MIT
/*
 * mm fed by the real radix-tree walker (luo/kho_map.c) over a map built by
 * luo's builder: both walks, the arena, the commit; every preserved entry
 * and every map page ends up in the occupied set, nothing else does.
 */
#include "check.h"
#include "test_luo_util.h"
#include <luo/builder.h>
#include <luo/kho_map.h>
#include <mm/mm.h>

#define MAP_BASE	0x200000000ULL		/* map pages: 8 GiB */
#define SCRATCH		0x40000000ULL		/* [1 GiB, +64 MiB) */
#define ORDER0_BASE	0x180000000ULL
#define ORDER0_PAGES	5000

static struct mm mm;
static struct finding items[256];
static struct finding_list findings;
static u64 entries[ORDER0_PAGES + 16];

static void walk(struct handover_access *ha, phys_addr_t root, bool reserve,
		 struct kho_map_stats *stats)
{
	struct kho_map_sink sink = {
		.ctx = &mm,
		.preserved = reserve ? mm_reserve_preserved : mm_scan_preserved,
		.preserved_run = reserve ? mm_reserve_preserved_run :
					   mm_scan_preserved_run,
		.map_page = reserve ? mm_reserve_map_page : mm_scan_map_page,
	};

	memset(stats, 0, sizeof(*stats));
	kho_radix_walk(ha, root, &sink, stats);
}

TEST(radix_map_reserved_exactly)
{
	static const struct boot_e820_entry e820[] = {
		{ SZ_1M, 16 * SZ_1G - SZ_1M, E820_TYPE_RAM },
	};
	struct boot_info *bi = calloc(1, sizeof(*bi));
	struct host_arena arena;
	struct builder_alloc alloc;
	struct handover_access ha;
	struct kho_map_stats stats;
	phys_addr_t root, pa;
	u64 n = 0, bytes = 0, size, i;
	void *storage;

	for (i = 0; i < 8; i++)
		entries[n++] = (0x100000000ULL + i * 4 * SZ_1M) | 9;
	entries[n++] = 0x140000000ULL | 18;
	for (i = 0; i < ORDER0_PAGES; i++)
		entries[n++] = ORDER0_BASE + 2 * i * PAGE_SIZE;
	for (i = 0; i < n; i++)
		bytes += PAGE_SIZE << (entries[i] & 0xfff);

	host_arena_init(&arena, MAP_BASE, 4 * SZ_1M);
	host_arena_builder_alloc(&arena, &alloc);
	root = kho_radix_build(&alloc, 0, entries, n);
	CHECK(root != 0);
	finding_list_init(&findings, items, ARRAY_SIZE(items));
	handover_access_init(&ha, &arena.view, &findings);

	mm_init(&mm, &findings);
	mm_load_e820(&mm, e820, ARRAY_SIZE(e820));
	CHECK(mm_add_scratch_area(&mm, SCRATCH, 64 * SZ_1M));
	bi->image_start = SCRATCH + 32 * SZ_1M;
	bi->image_end = bi->image_start + SZ_1M;
	CHECK_EQ(mm_reserve_boot_info(&mm, bi), 0);

	walk(&ha, root, false, &stats);
	CHECK_EQ(mm.scan.runs[0], 8 + 1 + ORDER0_PAGES);
	CHECK_EQ(mm_arena_place(&mm, &pa, &size), 0);
	CHECK_EQ(pa, SCRATCH);
	storage = malloc(size);
	CHECK_EQ(mm_arena_attach(&mm, storage, pa, size), 0);
	walk(&ha, root, true, &stats);
	CHECK_EQ(mm_reserve_commit(&mm), 0);

	CHECK_EQ(stats.entries, n);
	CHECK_EQ(mm.preserved_count, n);
	CHECK_EQ(mm.preserved_bytes, bytes);
	CHECK_EQ(mm.preserved_by_order[18].count, 1);
	CHECK_EQ(mm.preserved_by_order[9].count, 8);
	CHECK_EQ(mm.preserved_by_order[0].count, ORDER0_PAGES);
	CHECK_EQ(range_set_bytes(&mm.occupied, MM_KIND_PRESERVED), bytes);
	/* 8 order-9 blocks; the order-18 GiB ends where order 0 starts */
	CHECK_EQ(range_set_count(&mm.occupied, MM_KIND_PRESERVED),
		 8 + ORDER0_PAGES);
	CHECK_EQ(mm.map_pages, stats.map_pages);
	CHECK_EQ(range_set_bytes(&mm.occupied, MM_KIND_KHO_MAP_PAGE),
		 stats.map_pages * PAGE_SIZE);
	for (i = 0; i < n; i++)
		CHECK_EQ(range_set_kind_at(&mm.occupied, entries[i] & ~0xfffULL),
			 MM_KIND_PRESERVED);
	CHECK_EQ(range_set_kind_at(&mm.occupied, ORDER0_BASE + PAGE_SIZE),
		 MM_KIND_NONE);
	mm_check_invariants(&mm);
	CHECK_EQ(findings.count, 0);
	free(storage);
	free(bi);
	host_arena_free(&arena);
}
