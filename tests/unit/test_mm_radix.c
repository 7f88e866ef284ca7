// SPDX-License-Identifier: MIT
/*
 * mm fed by the real radix-tree walker (luo/kho_map.c) over a map built by
 * luo's builder: both walks, the arena, the commit; every preserved entry
 * and every map page ends up in the occupied set, nothing else does.
 */
#include "check.h"
#include "test_luo_util.h"
#include <host/builder/builder.h>
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
static u64 visit_slots[1024];
static struct visit_set visit;

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
	if (!visit.slot_count)
		visit_set_init(&visit, visit_slots, ARRAY_SIZE(visit_slots));
	kho_radix_walk(ha, root, &visit, &sink, stats);
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
	CHECK_EQ(mm_map_walk_result(&mm, 1, root, stats.incomplete,
				    visit.used), 0);
	CHECK_EQ(mm.scan.runs[0], 8 + 1 + ORDER0_PAGES);
	CHECK_EQ(mm_arena_place(&mm, &pa, &size), 0);
	CHECK_EQ(pa, SCRATCH);
	storage = malloc(size);
	CHECK_EQ(mm_arena_attach(&mm, storage, pa, size), 0);
	walk(&ha, root, true, &stats);
	CHECK_EQ(mm_map_walk_result(&mm, 2, root, stats.incomplete,
				    visit.used), 0);
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

/*
 * Root slot 0 leads into 5 tables that point every slot at the next
 * (4 * 512^4 paths), slot 2 to the one real entry: the page at 1 MiB, just
 * where baton's next handover addition would go. Before the visited set,
 * walk #1 stopped when its RAM budget ran out inside slot 0, the page at
 * 1 MiB was never reserved, the commit succeeded anyway and
 * mm_alloc_outside_scratch handed out 0x100000: preserved memory, which
 * baton.chain=on would then write. Now the walk enters each page once and
 * reaches the entry; a walk that still cannot finish (visited set full)
 * leaves mm broken and nothing is allocated.
 */
static phys_addr_t shared_map(struct host_arena *arena, phys_addr_t *root)
{
	struct builder_alloc alloc;
	u64 e = 0x100000;
	phys_addr_t t[5];
	unsigned int lv, i;

	host_arena_init(arena, MAP_BASE, SZ_1M);
	host_arena_builder_alloc(arena, &alloc);
	*root = kho_radix_build(&alloc, 0, &e, 1);
	for (lv = 0; lv < 5; lv++)
		t[lv] = host_arena_alloc(arena, 0);
	((u64 *)host_arena_host(arena, *root))[0] = t[0];
	for (lv = 0; lv < 4; lv++)
		for (i = 0; i < 512; i++)
			((u64 *)host_arena_host(arena, t[lv]))[i] = t[lv + 1];
	return t[4];			/* an empty leaf */
}

static void mm_for_map(void)
{
	static const struct boot_e820_entry e820[] = {
		{ SZ_1M, 16 * SZ_1G - SZ_1M, E820_TYPE_RAM },
	};

	finding_list_init(&findings, items, ARRAY_SIZE(items));
	mm_init(&mm, &findings);
	mm_load_e820(&mm, e820, ARRAY_SIZE(e820));
	CHECK(mm_add_scratch_area(&mm, SCRATCH, 64 * SZ_1M));
}

/* Both walks, arena and commit, as the memory phase does them. */
static int reserve_map(struct handover_access *ha, phys_addr_t root,
		       struct kho_map_stats *stats, void **storage)
{
	phys_addr_t pa;
	u64 size;

	*storage = NULL;
	walk(ha, root, false, stats);
	if (mm_map_walk_result(&mm, 1, root, stats->incomplete, visit.used))
		return -1;
	CHECK_EQ(mm_arena_place(&mm, &pa, &size), 0);
	*storage = malloc(size);
	CHECK_EQ(mm_arena_attach(&mm, *storage, pa, size), 0);
	walk(ha, root, true, stats);
	if (mm_map_walk_result(&mm, 2, root, stats->incomplete, visit.used))
		return -1;
	return mm_reserve_commit(&mm);
}

TEST(shared_map_reserved_completely)
{
	struct host_arena arena;
	struct handover_access ha;
	struct kho_map_stats stats;
	phys_addr_t root, pa = 0;
	void *storage;

	shared_map(&arena, &root);
	mm_for_map();
	handover_access_init(&ha, &arena.view, NULL);
	CHECK_EQ(reserve_map(&ha, root, &stats, &storage), 0);
	CHECK(!stats.incomplete);
	CHECK_EQ(stats.map_pages, 6 + 5);	/* the entry's path, the chain */
	CHECK_EQ(stats.shared, 4 * 511);
	CHECK_EQ(mm.preserved_count, 1);
	CHECK_EQ(range_set_kind_at(&mm.occupied, 0x100000), MM_KIND_PRESERVED);
	CHECK_EQ(mm_alloc_outside_scratch(&mm, PAGE_SIZE, MM_NO_MAX, &pa), 0);
	CHECK_EQ(pa, 0x101000);		/* was 0x100000, the preserved page */
	free(storage);
	host_arena_free(&arena);
}

TEST(stopped_walk_disables_allocation)
{
	struct host_arena arena;
	struct handover_access ha;
	struct kho_map_stats stats;
	phys_addr_t root, pa = 0;
	void *storage;
	u64 few[8];

	shared_map(&arena, &root);
	mm_for_map();
	handover_access_init(&ha, &arena.view, NULL);
	visit_set_init(&visit, few, ARRAY_SIZE(few));	/* 6 pages */
	CHECK_EQ(reserve_map(&ha, root, &stats, &storage), -1);
	CHECK(stats.incomplete);
	CHECK_EQ(stats.map_pages, 6);
	CHECK_EQ(mm.scan.runs[0], 0);		/* never reached 1 MiB */
	CHECK_STR(mm.error,
		  "map walk #1 stopped after 6 map pages (visited set full): preserved memory beyond unknown, allocation disabled");
	CHECK_EQ(finding_list_count_code(&findings, E_NOT_VALIDATED), 1);
	CHECK(mm.broken);
	CHECK_EQ(mm_reserve_commit(&mm), -1);
	CHECK(!mm.reserved);
	CHECK_EQ(mm_alloc_outside_scratch(&mm, PAGE_SIZE, MM_NO_MAX, &pa), -1);
	CHECK_STR(mm.error,
		  "handover addition of 0x1000 bytes refused: reservation incomplete");
	CHECK_EQ(mm_alloc(&mm, PAGE_SIZE, 0, 0, MM_NO_MAX, &pa), -1);
	CHECK_EQ(pa, 0);
	visit_set_init(&visit, visit_slots, ARRAY_SIZE(visit_slots));
	free(storage);
	host_arena_free(&arena);
}
