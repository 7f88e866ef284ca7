// SPDX-License-Identifier: MIT
/*
 * Preserved-memory map decoders: the §2.5.5 radix worked examples exactly,
 * emission order, run merging, the coalescing adapter, kho-v1 lists of both
 * bitmap sizes, and every map-level finding.
 */
#include "check.h"
#include "test_luo_util.h"
#include <luo/kho_map.h>
#include <luo/preserved_index.h>

#define ARENA_BASE	0x200000000ULL	/* 8 GiB: away from the examples */
#define MAX_EVENTS	4096

struct events {
	u64 pa[MAX_EVENTS];
	u32 order[MAX_EVENTS];
	u64 count[MAX_EVENTS];
	u32 n;
	u64 map_pages;
};

static void ev_run(void *ctx, phys_addr_t pa, unsigned int order, u64 count)
{
	struct events *e = ctx;

	if (e->n < MAX_EVENTS) {
		e->pa[e->n] = pa;
		e->order[e->n] = order;
		e->count[e->n] = count;
	}
	e->n++;
}

static void ev_one(void *ctx, phys_addr_t pa, unsigned int order)
{
	ev_run(ctx, pa, order, 1);
}

static void ev_page(void *ctx, phys_addr_t pa, u64 size)
{
	((struct events *)ctx)->map_pages++;
}

struct fixture {
	struct host_arena arena;
	struct builder_alloc alloc;
	struct finding items[1024];
	struct finding_list findings;
	struct handover_access ha;
	struct events ev;
	struct kho_map_sink sink;
	struct kho_map_stats stats;
	struct visit_set visit;
	u64 *visit_slots;
};

static void fixture_visit_slots(struct fixture *f, u64 slots);

static struct fixture *fixture_new(u64 size)
{
	struct fixture *f = calloc(1, sizeof(*f));

	host_arena_init(&f->arena, ARENA_BASE, size);
	host_arena_builder_alloc(&f->arena, &f->alloc);
	finding_list_init(&f->findings, f->items, 1024);
	handover_access_init(&f->ha, &f->arena.view, &f->findings);
	f->sink = (struct kho_map_sink){ .ctx = &f->ev,
					 .preserved_run = ev_run,
					 .map_page = ev_page };
	fixture_visit_slots(f, visit_set_slots_for(size / PAGE_SIZE));
	return f;
}

/* The map walks' visited set: `slots` slots (0: none at all). */
static void fixture_visit_slots(struct fixture *f, u64 slots)
{
	free(f->visit_slots);
	f->visit_slots = slots ? calloc(slots, sizeof(u64)) : NULL;
	visit_set_init(&f->visit, f->visit_slots, slots);
}

static void fixture_free(struct fixture *f)
{
	host_arena_free(&f->arena);
	free(f->visit_slots);
	free(f);
}

static u64 *slot(struct fixture *f, phys_addr_t table, unsigned int i)
{
	return (u64 *)host_arena_host(&f->arena, table) + i;
}

/* Table §2.5.5: phys, order, key, indices L5..L1, leaf bit. */
static const struct {
	u64 pa;
	unsigned int order;
	u64 key;
	unsigned int idx[5];
	unsigned int bit;
} examples[] = {
	{ 0x1000, 0, 0x0010000000000001ULL, { 2, 0, 0, 0, 0 }, 0x0001 },
	{ 0x7f5a3000, 0, 0x001000000007f5a3ULL, { 2, 0, 0, 0, 15 }, 0x75a3 },
	{ 0x100000000ULL, 0, 0x0010000000100000ULL, { 2, 0, 0, 0, 32 }, 0 },
	{ 0x3ffffff000ULL, 0, 0x0010000003ffffffULL, { 2, 0, 0, 3, 511 }, 0x7fff },
	{ 0x200000, 9, 0x0000080000000001ULL, { 0, 2, 0, 0, 0 }, 0x0001 },
	{ 0x40000000, 18, 0x0000000400000001ULL, { 0, 0, 2, 0, 0 }, 0x0001 },
};

TEST(radix_worked_examples)
{
	unsigned int i, level;

	for (i = 0; i < ARRAY_SIZE(examples); i++) {
		struct fixture *f = fixture_new(SZ_1M);
		u64 e = examples[i].pa | examples[i].order;
		phys_addr_t root, node;
		const u8 *leaf;

		CHECK_EQ(kho_radix_key(examples[i].pa, examples[i].order),
			 examples[i].key);
		root = kho_radix_build(&f->alloc, 0, &e, 1);
		CHECK(root != 0);
		node = root;
		for (level = 5; level >= 1; level--) {
			unsigned int want = examples[i].idx[5 - level], j;

			for (j = 0; j < 512; j++)
				if (*slot(f, node, j))
					break;
			CHECK_EQ(j, want);
			node = *slot(f, node, want);
		}
		leaf = host_arena_host(&f->arena, node);
		CHECK(leaf[examples[i].bit / 8] & (1u << (examples[i].bit % 8)));
		kho_radix_walk(&f->ha, root, &f->visit, &f->sink, &f->stats);
		CHECK_EQ(f->ev.n, 1);
		CHECK_EQ(f->ev.pa[0], examples[i].pa);
		CHECK_EQ(f->ev.order[0], examples[i].order);
		CHECK_EQ(f->ev.count[0], 1);
		CHECK_EQ(f->ev.map_pages, 6);
		CHECK_EQ(f->findings.count, 0);
		fixture_free(f);
	}
}

/* Highest order first, ascending pa within an order; adjacent bits merge. */
TEST(radix_emission_order_and_runs)
{
	struct fixture *f = fixture_new(SZ_1M);
	u64 e[] = { 0x5000 | 0, 0x3000 | 0, 0x4000 | 0, 0x400000 | 10,
		    0x200000 | 9, 0x80000000ULL | 18 };
	phys_addr_t root = kho_radix_build(&f->alloc, 0, e, ARRAY_SIZE(e));

	kho_radix_walk(&f->ha, root, &f->visit, &f->sink, &f->stats);
	CHECK_EQ(f->ev.n, 4);
	CHECK_EQ(f->ev.pa[0], 0x80000000ULL);
	CHECK_EQ(f->ev.order[0], 18);
	CHECK_EQ(f->ev.pa[1], 0x400000);
	CHECK_EQ(f->ev.order[1], 10);
	CHECK_EQ(f->ev.pa[2], 0x200000);
	CHECK_EQ(f->ev.order[2], 9);
	CHECK_EQ(f->ev.pa[3], 0x3000);	/* 0x3000..0x5fff as one run */
	CHECK_EQ(f->ev.count[3], 3);
	CHECK_EQ(f->stats.entries, 6);
	CHECK_EQ(f->stats.entries_by_order[0], 3);
	CHECK_EQ(f->stats.bytes, 3 * 4096 + (4096ULL << 10) + (4096ULL << 9) +
				 (4096ULL << 18));
	fixture_free(f);
}

/* A fully set leaf and its neighbour reach the sink as one run. */
TEST(radix_full_leaves_one_run)
{
	struct fixture *f = fixture_new(4 * SZ_1M);
	phys_addr_t root = kho_radix_build(&f->alloc, 0, NULL, 0), l1, leaf;
	unsigned int i;

	/* order 0, pa 0 .. 256 MiB: two leaves under one L1 table */
	u64 e0 = 0, e1 = 32768ULL << PAGE_SHIFT;

	kho_radix_build(&f->alloc, root, &e0, 1);
	kho_radix_build(&f->alloc, root, &e1, 1);
	l1 = *slot(f, *slot(f, *slot(f, *slot(f, root, 2), 0), 0), 0);
	for (i = 0; i < 2; i++) {
		leaf = *slot(f, l1, i);
		memset(host_arena_host(&f->arena, leaf), 0xff, PAGE_SIZE);
	}
	kho_radix_walk(&f->ha, root, &f->visit, &f->sink, &f->stats);
	CHECK_EQ(f->ev.n, 1);
	CHECK_EQ(f->ev.pa[0], 0);
	CHECK_EQ(f->ev.count[0], 65536);
	CHECK_EQ(f->stats.bitmap_bytes, 2 * PAGE_SIZE);
	fixture_free(f);
}

/* Sinks without preserved_run get one call per entry. */
TEST(radix_per_entry_sink)
{
	struct fixture *f = fixture_new(SZ_1M);
	u64 e[] = { 0x3000, 0x4000, 0x5000 };
	phys_addr_t root = kho_radix_build(&f->alloc, 0, e, 3);

	f->sink.preserved_run = NULL;
	f->sink.preserved = ev_one;
	kho_radix_walk(&f->ha, root, &f->visit, &f->sink, &f->stats);
	CHECK_EQ(f->ev.n, 3);
	CHECK_EQ(f->ev.pa[2], 0x5000);
	fixture_free(f);
}

static void range_cb(void *ctx, phys_addr_t start, u64 size)
{
	ev_run(ctx, start, 0, size);
}

TEST(coalescer_maximal_ranges)
{
	struct fixture *f = fixture_new(SZ_1M);
	struct kho_range_coalescer c;
	struct kho_map_sink sink;
	/* order-9 block at 2 MiB directly followed by order-0 pages */
	u64 e[] = { 0x200000 | 9, 0x400000, 0x401000, 0x403000 };
	phys_addr_t root = kho_radix_build(&f->alloc, 0, e, 4);

	kho_coalescer_init(&c, range_cb, &f->ev);
	kho_coalescer_sink(&c, &sink);
	kho_radix_walk(&f->ha, root, &f->visit, &sink, &f->stats);
	kho_coalescer_flush(&c);
	CHECK_EQ(f->ev.n, 2);
	CHECK_EQ(f->ev.pa[0], 0x200000);
	CHECK_EQ(f->ev.count[0], 0x202000);	/* 2 MiB + 2 pages */
	CHECK_EQ(f->ev.pa[1], 0x403000);
	CHECK_EQ(f->ev.count[1], 0x1000);
	CHECK_EQ(c.ranges, 2);
	fixture_free(f);
}

TEST(radix_order_ge_52_rejected)
{
	struct fixture *f = fixture_new(SZ_1M);
	u64 e = 0x1000;
	phys_addr_t root = kho_radix_build(&f->alloc, 0, &e, 1), leaf;
	u8 *bits;

	/* leaf under all-zero indices: bits 0 and 1 are keys 0 and 1 */
	e = (1ULL << 50) | 38;		/* order 38: order bit in the leaf */
	kho_radix_build(&f->alloc, root, &e, 1);
	leaf = *slot(f, *slot(f, *slot(f, *slot(f, *slot(f, root, 0), 0), 0), 0), 0);
	bits = host_arena_host(&f->arena, leaf);
	bits[0] |= 0x3;
	kho_radix_walk(&f->ha, root, &f->visit, &f->sink, &f->stats);
	CHECK_EQ(finding_list_count_code(&f->findings, E_RADIX_ORDER_INVALID), 2);
	CHECK_EQ(f->ev.n, 2);
	CHECK_EQ(f->ev.order[0], 38);
	CHECK_EQ(f->ev.pa[0], 1ULL << 50);
	fixture_free(f);
}

TEST(radix_bad_pointers)
{
	struct fixture *f = fixture_new(SZ_1M);
	u64 e = 0x1000;
	phys_addr_t root = kho_radix_build(&f->alloc, 0, &e, 1);

	*slot(f, root, 4) = *slot(f, root, 2);		/* key bit 53 */
	*slot(f, root, 0) = ARENA_BASE + 0x10;		/* misaligned */
	*slot(f, root, 1) = 0x7000000000ULL;		/* not backed */
	kho_radix_walk(&f->ha, root, &f->visit, &f->sink, &f->stats);
	CHECK(finding_list_has(&f->findings, E_RADIX_INDEX_INVALID));
	CHECK(finding_list_has(&f->findings, E_MAP_PAGE_MISALIGNED));
	CHECK(finding_list_has(&f->findings, E_POINTER_UNBACKED));
	CHECK_EQ(f->ev.n, 1);			/* the valid entry survives */
	CHECK_EQ(f->ev.pa[0], 0x1000);
	CHECK_EQ(f->stats.errors, 3);
	fixture_free(f);
}

static void v1_roundtrip(enum kho_v1_variant variant)
{
	struct fixture *f = fixture_new(8 * SZ_1M);
	u64 e[600], i, n = 0;
	phys_addr_t head;

	/* 300 scattered order-0 pages far apart: one bitmap each */
	for (i = 0; i < 300; i++)
		e[n++] = (i * 0x10000000ULL + 0x5000) | 0;
	for (i = 0; i < 3; i++)
		e[n++] = (0x40000000ULL + i * 0x200000) | 9;
	head = kho_v1_build(&f->alloc, variant, e, n);
	CHECK(head != 0);
	f->sink.preserved_run = NULL;
	f->sink.preserved = ev_one;
	kho_v1_walk(&f->ha, head, variant, &f->visit, &f->sink, &f->stats);
	CHECK_EQ(f->findings.count, 0);
	CHECK_EQ(f->stats.entries, 303);
	CHECK_EQ(f->stats.entries_by_order[9], 3);
	/* chunks ascend by order: the 300 order-0 pages take two chunks */
	CHECK_EQ(f->ev.pa[0], 0x5000);
	CHECK_EQ(f->ev.order[300], 9);
	CHECK_EQ(f->ev.pa[302], 0x40400000);
	CHECK_EQ(f->stats.map_pages, 3 + 300 + 1);	/* chunks + bitmaps */
	fixture_free(f);
}

TEST(v1_roundtrip_512) { v1_roundtrip(KHO_V1_BITMAP_512); }
TEST(v1_roundtrip_4096) { v1_roundtrip(KHO_V1_BITMAP_4096); }

TEST(v1_detection_by_phys_start)
{
	struct fixture *f = fixture_new(SZ_1M);
	u64 e = (16 * SZ_1M) | 0;	/* bitmap k=1 of the 512 variant */
	phys_addr_t head = kho_v1_build(&f->alloc, KHO_V1_BITMAP_512, &e, 1);
	struct kho_v1_detection d;
	u8 *chunk = host_arena_host(&f->arena, head);

	/* make the bitmap page aligned so only phys_start tells */
	abi_put_le64(chunk + 24, host_arena_alloc(&f->arena, 0));
	CHECK_EQ(kho_v1_detect(&f->ha, head, KHO_V1_VARIANT_UNKNOWN, &d),
		 KHO_V1_BITMAP_512);
	CHECK_EQ(d.evidence, KHO_V1_EVIDENCE_PHYS_START);
	CHECK_EQ(d.small_only, 1);
	fixture_free(f);
}

TEST(v1_chunk_findings)
{
	struct fixture *f = fixture_new(SZ_1M);
	u64 e[] = { 0x1000, 0x200000 | 9 };
	phys_addr_t head = kho_v1_build(&f->alloc, KHO_V1_BITMAP_4096, e, 2);
	u8 *c0 = host_arena_host(&f->arena, head);
	phys_addr_t second = abi_le64(c0);
	u8 *c1 = host_arena_host(&f->arena, second);
	u32 big = 300, bad_order = 52;

	memcpy(c0 + 12, &big, 4);			/* num_elms 300 */
	abi_put_le64(c0 + 24 + 16, ARENA_BASE + 0x800);	/* entry 1 bitmap */
	abi_put_le64(c0 + 16 + 32, 0x3000);		/* entry 2 start */
	abi_put_le64(c0 + 24 + 32, ARENA_BASE);
	memcpy(c1 + 8, &bad_order, 4);
	kho_v1_walk(&f->ha, head, KHO_V1_BITMAP_4096, &f->visit, &f->sink,
		    &f->stats);
	CHECK(finding_list_has(&f->findings, E_COUNT_EXCEEDS_CAPACITY));
	CHECK(finding_list_has(&f->findings, E_V1_BITMAP_MISALIGNED));
	CHECK(finding_list_has(&f->findings, E_V1_PHYS_START_MISALIGNED));
	CHECK(finding_list_has(&f->findings, E_V1_CHUNK_ORDER));
	fixture_free(f);
}

TEST(v1_chunk_cycle)
{
	struct fixture *f = fixture_new(SZ_1M);
	u64 e[] = { 0x1000, 0x200000 | 9 };
	phys_addr_t head = kho_v1_build(&f->alloc, KHO_V1_BITMAP_4096, e, 2);
	u8 *c0 = host_arena_host(&f->arena, head);
	u8 *c1 = host_arena_host(&f->arena, abi_le64(c0));

	abi_put_le64(c1, head);
	kho_v1_walk(&f->ha, head, KHO_V1_BITMAP_4096, &f->visit, &f->sink,
		    &f->stats);
	/* each chunk and bitmap once; the cycle is reported once */
	CHECK_EQ(finding_list_count_code(&f->findings, E_LIST_CYCLE), 1);
	CHECK_EQ(f->findings.count, 1);
	CHECK_EQ(f->stats.map_pages, 4);
	CHECK_EQ(f->stats.entries, 2);
	fixture_free(f);
}

TEST(preserved_index_lookups)
{
	struct preserved_run store[2];
	struct preserved_index idx;
	struct preserved_pos pos;

	preserved_index_init(&idx, store, 2);
	preserved_index_add(&idx, 0x200000, 9);
	preserved_index_add_run(&idx, 0x1000, 0, 2);	/* 0x1000..0x2fff */
	preserved_index_add(&idx, 0x3000, 0);		/* joins: ..0x3fff */
	CHECK_EQ(idx.count, 4);
	CHECK_EQ(idx.run_count, 2);
	preserved_index_add(&idx, 0x9000, 0);		/* no room */
	CHECK_EQ(idx.dropped, 1);
	preserved_index_sort(&idx);
	CHECK_EQ(preserved_run_pa(&store[0]), 0x1000);
	CHECK_EQ(store[0].count, 3);
	CHECK(!idx.overlaps);
	CHECK_EQ(preserved_index_order_at(&idx, 0x200000), 9);
	CHECK_EQ(preserved_index_order_at(&idx, 0x2000), 0);
	CHECK_EQ(preserved_index_order_at(&idx, 0x201000), -1);
	CHECK(preserved_index_covers(&idx, 0x1800, 0x2000));
	CHECK(!preserved_index_covers(&idx, 0x1800, 0x3000));
	CHECK(preserved_index_covers(&idx, 0x3ff000, 0x1000));
	CHECK(!preserved_index_covers(&idx, 0x400000, 1));
	/* the cursor: the next entry of the run, then the next run */
	CHECK(preserved_index_find(&idx, 0x2000, &pos, NULL));
	CHECK(pos.run == 0 && pos.k == 1);
	CHECK(!preserved_index_step(&idx, &pos, 0x5000));
	CHECK(preserved_index_step(&idx, &pos, 0x3000));
	CHECK(!preserved_index_step(&idx, &pos, 0x201000));
	CHECK(preserved_index_step(&idx, &pos, 0x200000));
	CHECK(pos.run == 1 && pos.k == 0);
	preserved_index_claim(&idx, 0x2000, 0x1000);
	preserved_index_claim(&idx, 0x200000, 0x200000);
	CHECK_EQ(preserved_index_unclaimed(&idx, NULL), 0x2000);
	CHECK_EQ(preserved_index_last(&idx), 0x200000 | 9);
}

static void *grow_calloc(void *ctx, void *old, u64 old_bytes, u64 new_bytes)
{
	void *p = calloc(1, new_bytes);

	if (p && old_bytes)
		memcpy(p, old, old_bytes);
	free(old);	/* the test reads no claim bitmap left in an old tail */
	*(u32 *)ctx += 1;
	return p;
}

/*
 * Claims stay one interval per run while contiguous (the cursor's case);
 * the first claim that is not gets a bitmap from the allocator, and
 * without one the claim is counted lost (the parse's E_NOT_VALIDATED),
 * never silently dropped. The run storage grows through the same one.
 */
TEST(preserved_index_claims_and_growth)
{
	struct preserved_index idx;
	struct preserved_pos pos;
	u32 grown = 0;
	u64 i, entries;

	preserved_index_init(&idx, NULL, 0);
	preserved_index_add_run(&idx, 0x100000, 0, 64);
	preserved_index_add_run(&idx, 0x200000, 0, 1);
	CHECK_EQ(idx.dropped, 65);	/* no storage, no allocator */
	preserved_index_set_grow(&idx, grow_calloc, &grown);
	for (i = 0; i < 100; i++)	/* 100 runs: 64, then 128 */
		preserved_index_add(&idx, 0x1000000 + 2 * i * PAGE_SIZE, 0);
	CHECK_EQ(idx.run_count, 100);
	CHECK_EQ(grown, 2);
	preserved_index_sort(&idx);
	CHECK(idx.merged);
	CHECK(preserved_index_find(&idx, 0x1000000, &pos, NULL));
	CHECK(!preserved_index_claim_at(&idx, pos));
	CHECK(preserved_index_claim_at(&idx, pos));	/* already claimed */
	free(idx.runs);

	/* 64 runs of storage, one used: a small bitmap fits the tail */
	preserved_index_init(&idx, NULL, 0);
	preserved_index_set_grow(&idx, grow_calloc, &grown);
	preserved_index_add_run(&idx, 0x100000, 0, 200);
	preserved_index_add_run(&idx, 0x10000000, 0, 100000);
	preserved_index_sort(&idx);
	CHECK_EQ(idx.run_count, 2);
	for (i = 10; i < 20; i++) {
		pos = (struct preserved_pos){ 0, i };
		CHECK(!preserved_index_claim_at(&idx, pos));
	}
	CHECK(idx.runs[0].claimed == NULL);	/* one interval: [10, 20) */
	grown = 0;
	preserved_index_claim(&idx, 0x100000 + 150 * PAGE_SIZE, 1);
	CHECK(idx.runs[0].claimed == (u64 *)(idx.runs + 2));
	CHECK_EQ(grown, 0);
	CHECK(preserved_index_claimed(&idx, (struct preserved_pos){ 0, 15 }));
	CHECK(preserved_index_claimed(&idx, (struct preserved_pos){ 0, 150 }));
	CHECK(!preserved_index_claimed(&idx, (struct preserved_pos){ 0, 149 }));
	/* 100000 entries: 1563 words, more than the tail: the allocator */
	preserved_index_claim(&idx, 0x10000000, 1);
	preserved_index_claim(&idx, 0x10000000 + 99999 * PAGE_SIZE, 1);
	CHECK_EQ(grown, 1);
	CHECK(idx.runs[1].claimed != NULL);
	CHECK_EQ(preserved_index_unclaimed(&idx, &entries),
		 (200 - 11 + 100000 - 2) * PAGE_SIZE);
	CHECK_EQ(entries, 200 - 11 + 100000 - 2);
	CHECK_EQ(idx.claims_lost, 0);
	/* an append after claims used the tail moves the runs out */
	preserved_index_add(&idx, 0x20000000, 0);
	CHECK_EQ(grown, 2);
	CHECK_EQ(idx.run_count, 3);
	free(idx.runs[1].claimed);
	free(idx.runs);

	/* no allocator for the bitmap: the claim is lost and counted */
	preserved_index_init(&idx, (struct preserved_run[1]){ { 0 } }, 1);
	preserved_index_add_run(&idx, 0x100000, 0, 200);
	preserved_index_sort(&idx);
	preserved_index_claim(&idx, 0x100000, PAGE_SIZE);
	preserved_index_claim(&idx, 0x100000 + 5 * PAGE_SIZE, PAGE_SIZE);
	CHECK_EQ(idx.claims_lost, 1);
	CHECK_EQ(idx.claims_need, (200 / 64 + 1) * sizeof(u64));
}

/*
 * Overlapping runs (E_PRESERVED_DUPLICATE): reach says which entries
 * share bytes, and an entry an earlier run hides is found or flagged.
 */
TEST(preserved_index_overlaps)
{
	struct preserved_run store[4];
	struct preserved_index idx;
	struct preserved_pos pos;
	bool shadowed;

	preserved_index_init(&idx, store, 4);
	preserved_index_add_run(&idx, 0x200000, 9, 2);	/* 2 MiB .. 6 MiB */
	preserved_index_add_run(&idx, 0x201000, 0, 2);	/* inside the first */
	preserved_index_add(&idx, 0x800000, 0);
	preserved_index_sort(&idx);
	CHECK(idx.overlaps);
	CHECK(preserved_index_find(&idx, 0x201000, &pos, &shadowed));
	CHECK(shadowed);
	CHECK(preserved_index_overlapped(&idx, pos));
	/* 0x400000 starts an order-9 entry the order-0 run sits after */
	CHECK(preserved_index_find(&idx, 0x400000, &pos, &shadowed));
	CHECK_EQ(preserved_entry_order(preserved_index_entry(&idx, pos)), 9);
	CHECK(shadowed);
	CHECK(preserved_index_find(&idx, 0x800000, &pos, &shadowed));
	CHECK(!shadowed);
	CHECK(!preserved_index_overlapped(&idx, pos));
	CHECK(!preserved_index_find(&idx, 0x203000, &pos, &shadowed));
	CHECK(shadowed);
	CHECK(preserved_index_covers(&idx, 0x200000, 0x400000));
}

/* RAM ends 64 MiB below 16 GiB */
static bool below_16g(const void *ctx, phys_addr_t pa, u64 len)
{
	return pa + len <= 16 * SZ_1G - 64 * SZ_1M && pa + len >= pa;
}

static bool below_16g_any(const void *ctx, phys_addr_t pa, u64 len)
{
	return pa < 16 * SZ_1G;
}

/*
 * Issue 18 item 3: every table points all its slots at one child, the leaf
 * holds alternating bits: 4 * 512^4 paths over 6 pages. Each page is
 * entered once; every further reference is one E_MAP_PAGE_SHARED (3 in
 * the root, 511 in each lower table) and is not descended. Before the
 * visited set, a 1 MiB view let the walk make 2072 page visits and emit
 * 33.8 M entries (16 MiB: 32792 visits, 536 M entries) and said
 * E_MAP_PAGE_SHARED once, when its budget ran out.
 */
TEST(radix_shared_children_visited_once)
{
	struct fixture *f = fixture_new(SZ_1M);
	static struct finding items[4096];
	struct finding_list l;
	phys_addr_t t[6];
	unsigned int lv, i;

	finding_list_init(&l, items, ARRAY_SIZE(items));
	f->ha.findings = &l;
	for (lv = 0; lv < 6; lv++)
		t[lv] = host_arena_alloc(&f->arena, 0);
	for (lv = 0; lv < 5; lv++)
		for (i = 0; i < (lv == 0 ? 4u : 512u); i++)
			*slot(f, t[lv], i) = t[lv + 1];
	memset(host_arena_host(&f->arena, t[5]), 0x55, PAGE_SIZE);
	kho_radix_walk(&f->ha, t[0], &f->visit, &f->sink, &f->stats);
	CHECK_EQ(f->stats.map_pages, 6);
	CHECK_EQ(f->ev.map_pages, 6);
	CHECK_EQ(f->stats.shared, 3 + 4 * 511);
	CHECK_EQ(finding_list_count_code(&l, E_MAP_PAGE_SHARED), 3 + 4 * 511);
	/* the leaf, scanned once under prefix 0: even keys 2..32766 */
	CHECK_EQ(finding_list_count_code(&l, E_RADIX_ORDER_INVALID), 1);
	CHECK_EQ(f->stats.entries, 16383);
	CHECK_EQ(f->stats.bitmap_bytes, PAGE_SIZE);
	CHECK_EQ(f->stats.errors, 3 + 4 * 511 + 1);
	CHECK(!f->stats.incomplete);
	CHECK_EQ(l.count, 3 + 4 * 511 + 1);
	CHECK_EQ(f->visit.used, 6);
	fixture_free(f);
}

/*
 * A wide DAG: two tables per level, each pointing at both tables of the
 * level below (and the two level-1 tables at both leaves): 2^5 paths to
 * each leaf, 11 pages, each entered once; every page below level 4 is
 * reached twice more than once: 2 shared references per level.
 */
TEST(radix_wide_dag_each_page_once)
{
	struct fixture *f = fixture_new(SZ_1M);
	phys_addr_t root = host_arena_alloc(&f->arena, 0), t[5][2];
	unsigned int lv, k;
	u8 *leaf;

	for (lv = 0; lv < 5; lv++)	/* t[0]: level 4 .. t[3]: level 1, t[4]: leaves */
		for (k = 0; k < 2; k++)
			t[lv][k] = host_arena_alloc(&f->arena, 0);
	*slot(f, root, 0) = t[0][0];
	*slot(f, root, 1) = t[0][1];
	for (lv = 0; lv < 4; lv++)
		for (k = 0; k < 2; k++) {
			*slot(f, t[lv][k], 0) = t[lv + 1][0];
			*slot(f, t[lv][k], 1) = t[lv + 1][1];
		}
	leaf = host_arena_host(&f->arena, t[4][0]);
	leaf[0] = 0x04;			/* prefix 0, key 2: order 51 at 0 */
	leaf = host_arena_host(&f->arena, t[4][1]);
	leaf[0] = 0x20;			/* prefix 1 << 15: order 37, bit 5 */
	kho_radix_walk(&f->ha, root, &f->visit, &f->sink, &f->stats);
	CHECK_EQ(f->stats.map_pages, 11);
	CHECK_EQ(f->stats.shared, 2 * 4);
	CHECK_EQ(finding_list_count_code(&f->findings, E_MAP_PAGE_SHARED), 8);
	CHECK_EQ(f->findings.count, 8);
	CHECK_EQ(f->stats.entries, 2);
	CHECK_EQ(f->stats.bitmap_bytes, 2 * PAGE_SIZE);
	CHECK_EQ(f->ev.n, 2);
	CHECK_EQ(f->ev.pa[0], 0);
	CHECK_EQ(f->ev.order[0], 51);
	CHECK_EQ(f->ev.pa[1], 5ULL << (PAGE_SHIFT + 37));
	CHECK_EQ(f->ev.order[1], 37);
	fixture_free(f);
}

/* kho-v1: 255 bitmap pointers of one chunk name one bitmap page. */
TEST(v1_shared_bitmap_visited_once)
{
	struct fixture *f = fixture_new(SZ_1M);
	phys_addr_t chunk = host_arena_alloc(&f->arena, 0);
	phys_addr_t bm = host_arena_alloc(&f->arena, 0);
	u8 *c = host_arena_host(&f->arena, chunk);
	u32 order = 0, num = KHO_V1_CHUNK_ENTRIES, i;

	memcpy(c + 8, &order, 4);
	memcpy(c + 12, &num, 4);
	for (i = 0; i < num; i++) {
		abi_put_le64(c + 16 + 16 * i, (u64)i << 27);	/* 128 MiB apart */
		abi_put_le64(c + 24 + 16 * i, bm);
	}
	memset(host_arena_host(&f->arena, bm), 0x55, PAGE_SIZE);
	kho_v1_walk(&f->ha, chunk, KHO_V1_BITMAP_4096, &f->visit, &f->sink,
		    &f->stats);
	CHECK_EQ(f->stats.map_pages, 2);
	CHECK_EQ(f->stats.shared, 254);
	CHECK_EQ(finding_list_count_code(&f->findings, E_MAP_PAGE_SHARED), 254);
	CHECK_EQ(f->findings.count, 254);
	CHECK_EQ(f->stats.bitmap_bytes, PAGE_SIZE);	/* was 255 x 4 KiB */
	CHECK_EQ(f->stats.entries, PAGE_SIZE * 8 / 2);	/* was 4177920 */
	fixture_free(f);
}

/*
 * Room for 3 pages only: the walk stops at the fourth with one
 * E_NOT_VALIDATED (an error: the verdict cannot be OK) and says so in
 * stats; nothing past that point is read. Without storage it stops at once.
 */
TEST(radix_visit_set_full_not_validated)
{
	struct fixture *f = fixture_new(SZ_1M);
	u64 e[] = { 0x1000, 0x40000000ULL | 18 };
	phys_addr_t root = kho_radix_build(&f->alloc, 0, e, ARRAY_SIZE(e));

	fixture_visit_slots(f, 4);
	CHECK_EQ(visit_set_capacity(&f->visit), 3);
	kho_radix_walk(&f->ha, root, &f->visit, &f->sink, &f->stats);
	CHECK(f->stats.incomplete);
	CHECK_EQ(f->stats.map_pages, 3);
	CHECK_EQ(f->stats.entries, 0);
	CHECK_EQ(f->stats.errors, 1);
	CHECK_EQ(finding_list_count_code(&f->findings, E_NOT_VALIDATED), 1);
	CHECK_EQ(f->findings.count, 1);
	CHECK_EQ(f->findings.by_severity[FINDING_ERROR], 1);
	CHECK(strstr(f->findings.items[0].message,
		     "walk stopped after 3 map pages, visited set full"));

	/* the same map with room for it: complete, both entries */
	fixture_visit_slots(f, visit_set_slots_for(11));
	memset(&f->stats, 0, sizeof(f->stats));
	f->findings.count = 0;
	kho_radix_walk(&f->ha, root, &f->visit, &f->sink, &f->stats);
	CHECK(!f->stats.incomplete);
	CHECK_EQ(f->stats.map_pages, 11);	/* root + 2 x (4 tables + leaf) */
	CHECK_EQ(f->stats.entries, 2);
	CHECK_EQ(f->findings.count, 0);

	fixture_visit_slots(f, 0);
	memset(&f->stats, 0, sizeof(f->stats));
	kho_radix_walk(&f->ha, root, &f->visit, &f->sink, &f->stats);
	CHECK(f->stats.incomplete);
	CHECK_EQ(f->stats.map_pages, 0);
	CHECK_EQ(finding_list_count_code(&f->findings, E_NOT_VALIDATED), 1);
	fixture_free(f);
}

/* kho-v1 too, and the RAM heuristic never decides on a partial walk. */
TEST(v1_visit_set_full_not_validated)
{
	struct fixture *f = fixture_new(8 * SZ_1M);
	u64 e[300], i;
	phys_addr_t head;
	struct kho_v1_detection d = { .evidence = KHO_V1_EVIDENCE_ASSUMED };

	for (i = 0; i < 300; i++)
		e[i] = i * 0x10000000ULL + 0x5000;
	head = kho_v1_build(&f->alloc, KHO_V1_BITMAP_4096, e, 300);
	fixture_visit_slots(f, 64);			/* 48 pages */
	kho_v1_walk(&f->ha, head, KHO_V1_BITMAP_4096, &f->visit, &f->sink,
		    &f->stats);
	CHECK(f->stats.incomplete);
	CHECK_EQ(f->stats.map_pages, 48);		/* 1 chunk, 47 bitmaps */
	CHECK_EQ(f->stats.entries, 47);
	CHECK_EQ(finding_list_count_code(&f->findings, E_NOT_VALIDATED), 1);
	CHECK_EQ(f->findings.count, 1);
	CHECK(!kho_v1_detect_by_ram(&f->ha, head, &f->visit, below_16g_any,
				    NULL, &d));
	CHECK_EQ(d.evidence, KHO_V1_EVIDENCE_ASSUMED);
	fixture_free(f);
}

/*
 * The highest key of each order decodes to a range ending exactly at
 * 2^64: no RAM is there and the end is not representable, so the walker
 * drops it with E_PRESERVED_OUTSIDE_RAM (as kho-v1 drops spans that wrap)
 * and neither the preserved index nor mm ever count it. Its neighbour
 * below is kept.
 */
TEST(radix_entry_ending_at_2_64_dropped)
{
	struct fixture *f = fixture_new(SZ_1M);
	u64 e[] = { 0ULL - 2 * PAGE_SIZE, 0ULL - PAGE_SIZE,	/* order 0 */
		    (0ULL - (PAGE_SIZE << 37)) | 37,		/* top leaf */
		    (1ULL << 63) | 51,		/* key 3, prefix-0 leaf */
		    (1ULL << 62) | 50 };	/* key 5: below the top */
	phys_addr_t root = kho_radix_build(&f->alloc, 0, e, ARRAY_SIZE(e));

	CHECK(root != 0);
	kho_radix_walk(&f->ha, root, &f->visit, &f->sink, &f->stats);
	CHECK_EQ(finding_list_count_code(&f->findings, E_PRESERVED_OUTSIDE_RAM),
		 3);
	CHECK_EQ(f->findings.count, 3);
	CHECK_EQ(f->stats.errors, 3);
	CHECK_EQ(f->stats.entries, 2);
	CHECK_EQ(f->ev.n, 2);
	CHECK_EQ(f->ev.pa[0], 1ULL << 62);
	CHECK_EQ(f->ev.order[0], 50);
	CHECK_EQ(f->ev.pa[1], 0ULL - 2 * PAGE_SIZE);
	CHECK_EQ(f->ev.order[1], 0);
	CHECK_EQ(f->ev.count[1], 1);
	fixture_free(f);
}


/*
 * One 512-byte bitmap that happens to be page aligned: alignment and
 * phys_start fit both sizes. Read as 4096 bytes, the next slab object's
 * bits decode beyond RAM; read as 512 bytes, everything is in RAM.
 */
TEST(v1_detection_by_ram)
{
	struct fixture *f = fixture_new(SZ_1M);
	u64 e = (16 * SZ_1G - 128 * SZ_1M + 0x1000) | 0;
	phys_addr_t head = kho_v1_build(&f->alloc, KHO_V1_BITMAP_512, &e, 1);
	u8 *chunk = host_arena_host(&f->arena, head), *bm;
	struct kho_v1_detection d;

	bm = host_arena_host(&f->arena, abi_le64(chunk + 24));
	CHECK_EQ(abi_le64(chunk + 24) % 4096, 0);
	bm[3000] = 0x80;		/* bit 24007: ~94 MiB past phys_start */
	kho_v1_detect_quiet(&f->ha, head, KHO_V1_VARIANT_UNKNOWN, &d);
	CHECK_EQ(d.evidence, KHO_V1_EVIDENCE_ASSUMED);
	CHECK(kho_v1_detect_by_ram(&f->ha, head, &f->visit, below_16g, NULL,
				   &d));
	CHECK_EQ(d.variant, KHO_V1_BITMAP_512);
	CHECK_EQ(d.evidence, KHO_V1_EVIDENCE_RAM);
	CHECK_EQ(f->findings.count, 0);
	/* without the stray bits both sizes fit: undecided */
	bm[3000] = 0;
	d.evidence = KHO_V1_EVIDENCE_ASSUMED;
	CHECK(!kho_v1_detect_by_ram(&f->ha, head, &f->visit, below_16g, NULL,
				    &d));
	fixture_free(f);
}

static u64 test_rng = 88172645463325252ULL;

static u64 test_random(void)
{
	test_rng ^= test_rng << 13;
	test_rng ^= test_rng >> 7;
	test_rng ^= test_rng << 17;
	return test_rng;
}

static int cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

/*
 * The index sort merges the walkers' per-order runs through spare storage
 * and falls back to heapsort (too many runs, too little room): every path
 * must give exactly qsort's order.
 */
TEST(preserved_index_sort_paths)
{
	static struct preserved_run a[20000];
	static u64 ref[10000];
	static const struct { u32 runs; u64 room; } cases[] = {
		{ 1, 0 }, { 2, 10000 }, { 5, 10000 }, { 5, 100 },
		{ 64, 10000 }, { 200, 10000 }, { 3, 0 },
	};
	unsigned int c;

	for (c = 0; c < ARRAY_SIZE(cases); c++) {
		struct preserved_index idx;
		u64 n = 10000, i, per = n / cases[c].runs;

		memset(a, 0, sizeof(a));
		for (i = 0; i < n; i++) {
			u64 run = MIN(i / per, (u64)cases[c].runs - 1);

			/*
			 * ascending inside a sequence, sequences interleave,
			 * some equal; 1 MiB apart, orders below 7: no two
			 * runs are back to back (the sort would join them)
			 */
			a[i].start = ((i - run * per) * 3 +
				      (test_random() % 3)) << 20 | run % 7;
			a[i].count = 1;
		}
		for (i = 0; i < n; i++)	/* make each sequence ascending */
			if (i && i % per && a[i].start < a[i - 1].start &&
			    i / per < cases[c].runs)
				a[i].start = a[i - 1].start;
		for (i = 0; i < n; i++)
			ref[i] = a[i].start;
		qsort(ref, n, 8, cmp_u64);
		preserved_index_init(&idx, a, n + cases[c].room);
		idx.run_count = n;
		idx.count = n;
		preserved_index_sort(&idx);
		CHECK(idx.sorted);
		CHECK_EQ(idx.run_count, n);
		for (i = 0; i < n && a[i].start == ref[i]; i++)
			;
		if (i < n)
			CHECK_FAIL("case %u: runs %u room %llu not sorted", c,
				   cases[c].runs,
				   (unsigned long long)cases[c].room);
	}
}

/* ---- decoded runs against a per-entry reference ------------------------ */

struct run_log {
	u64 *pa, *count;
	u32 *order;
	u64 n, cap;
};

static void log_run(void *ctx, phys_addr_t pa, unsigned int order, u64 count)
{
	struct run_log *l = ctx;

	if (l->n < l->cap) {
		l->pa[l->n] = pa;
		l->order[l->n] = order;
		l->count[l->n] = count;
	}
	l->n++;
}

/* One bitmap word of a random shape: the cases the word scan tells apart. */
static u64 shaped_word(unsigned int shape)
{
	u64 r = test_random(), k = test_random() % 64;

	switch (shape) {
	case 0: return 0;
	case 1: return ~0ULL;
	case 2: return r;					/* ~16 runs */
	case 3: return r & test_random() & test_random();	/* sparse */
	case 4: return r & 1 ? 0x5555555555555555ULL : 0xaaaaaaaaaaaaaaaaULL;
	case 5: return ~0ULL >> k;				/* low run */
	case 6: return ~0ULL << k;				/* high run */
	default: return (1ULL << k) | (1ULL << (r % 64));	/* 1-2 bits */
	}
}

/*
 * Entries of `words` bitmap words of one order from base on: stretches of
 * 1..40 words of one shape, so runs cross words, 8-word groups and (order
 * 0: 4 leaves) whole bitmaps. Appends to e, returns the new count.
 */
static u64 shaped_entries(u64 *e, u64 n, phys_addr_t base, unsigned int order,
			  u64 words)
{
	u64 wi = 0, b;

	while (wi < words) {
		unsigned int shape = test_random() % 8;
		u64 len = 1 + test_random() % 40;

		for (; len-- && wi < words; wi++) {
			u64 word = shaped_word(shape);

			for (b = 0; b < 64; b++)
				if (word >> b & 1)
					e[n++] = (base + ((wi * 64 + b) <<
						  (PAGE_SHIFT + order))) | order;
		}
	}
	return n;
}

/* Maximal runs of the sorted entries of one order, in ascending pa. */
static void expected_runs(const u64 *e, u64 n, unsigned int order,
			  struct run_log *out)
{
	u64 i, step = PAGE_SIZE << order;

	for (i = 0; i < n; i++) {
		if (preserved_entry_order(e[i]) != order)
			continue;
		if (out->n && out->order[out->n - 1] == order &&
		    out->pa[out->n - 1] + out->count[out->n - 1] * step ==
		    preserved_entry_pa(e[i])) {
			out->count[out->n - 1]++;
			continue;
		}
		log_run(out, preserved_entry_pa(e[i]), order, 1);
	}
}

static void run_log_alloc(struct run_log *l, u64 cap)
{
	*l = (struct run_log){ .cap = cap };
	l->pa = calloc(cap, 8);
	l->count = calloc(cap, 8);
	l->order = calloc(cap, 4);
}

static void run_log_free(struct run_log *l)
{
	free(l->pa);
	free(l->count);
	free(l->order);
}

static bool same_runs(const struct run_log *got, const struct run_log *want)
{
	u64 i;

	if (got->n != want->n) {
		CHECK_FAIL("%llu runs, want %llu", (unsigned long long)got->n,
			   (unsigned long long)want->n);
		return false;
	}
	for (i = 0; i < got->n; i++) {
		if (got->pa[i] == want->pa[i] &&
		    got->order[i] == want->order[i] &&
		    got->count[i] == want->count[i])
			continue;
		CHECK_FAIL("run %llu: %#llx order %u x%llu, want %#llx order %u x%llu",
			   (unsigned long long)i,
			   (unsigned long long)got->pa[i], got->order[i],
			   (unsigned long long)got->count[i],
			   (unsigned long long)want->pa[i], want->order[i],
			   (unsigned long long)want->count[i]);
		return false;
	}
	return true;
}

/*
 * Both walkers must report exactly the maximal runs of each order (radix:
 * orders high to low; kho-v1: chunk order, low to high), whatever the bit
 * shapes: 4 adjacent order-0 leaves, an order-4 and an order-9 stretch.
 */
TEST(map_runs_match_reference)
{
	static const unsigned int radix_orders[] = { 9, 4, 0 };
	static const unsigned int v1_orders[] = { 0, 4, 9 };
	const u64 cap = 4 * 32768 + 2 * 64 * 64;
	u64 *e = calloc(cap, 8), *sorted = calloc(cap, 8);
	unsigned int seed, k, o;

	for (seed = 0; seed < 6; seed++) {
		struct run_log got, want;
		u64 n = 0;

		n = shaped_entries(e, n, 0, 0, 4 * 512);
		n = shaped_entries(e, n, 8 * SZ_1G, 4, 64);
		n = shaped_entries(e, n, 64 * SZ_1G, 9, 64);
		memcpy(sorted, e, n * 8);
		qsort(sorted, n, 8, cmp_u64);
		for (k = 0; k < 3; k++) {
			struct fixture *f = fixture_new(8 * SZ_1M);
			enum kho_v1_variant v = k == 1 ? KHO_V1_BITMAP_512 :
							 KHO_V1_BITMAP_4096;
			const unsigned int *orders = k ? v1_orders :
							 radix_orders;
			phys_addr_t head;

			run_log_alloc(&got, cap);
			run_log_alloc(&want, cap);
			for (o = 0; o < 3; o++)
				expected_runs(sorted, n, orders[o], &want);
			f->sink.ctx = &got;
			f->sink.preserved_run = log_run;
			f->sink.map_page = NULL;
			memcpy(e, sorted, n * 8);	/* v1_build sorts in place */
			if (k == 0) {
				head = kho_radix_build(&f->alloc, 0, e, n);
				kho_radix_walk(&f->ha, head, &f->visit, &f->sink,
					       &f->stats);
			} else {
				head = kho_v1_build(&f->alloc, v, e, n);
				kho_v1_walk(&f->ha, head, v, &f->visit,
					    &f->sink, &f->stats);
			}
			CHECK(head != 0);
			if (!same_runs(&got, &want))
				CHECK_FAIL("seed %u, %s", seed,
					   k ? kho_v1_variant_name(v) : "radix");
			CHECK_EQ(f->stats.entries, n);
			CHECK_EQ(f->findings.count, 0);
			run_log_free(&got);
			run_log_free(&want);
			fixture_free(f);
		}
	}
	free(e);
	free(sorted);
}

/*
 * Through the parser: the model's map_visit storage bounds the walk; too
 * little of it is E_NOT_VALIDATED, an error, so the handover is not OK.
 * A 7.2 handover's map: root, 4 tables and a leaf per order used.
 */
TEST(parse_map_visit_storage_bounds_the_walk)
{
	struct host_scenario *s = calloc(1, sizeof(*s));
	struct handover_spec spec = std_spec(PROFILE_7_2);
	u64 pages;

	CHECK(host_scenario_init(s, PROFILE_7_2, 64 * SZ_1M));
	CHECK(host_scenario_build(s, &spec));
	host_scenario_parse(s);
	CHECK_EQ(s->findings.by_severity[FINDING_ERROR], 0);
	pages = s->m->map.map_pages;
	CHECK(pages > 6);
	CHECK(!s->m->map.incomplete);
	CHECK_EQ(s->m->map_visit.used, pages);

	s->st.map_visit_slots = 4;		/* 3 pages */
	host_scenario_parse(s);
	CHECK(s->m->map.incomplete);
	CHECK_EQ(s->m->map.map_pages, 3);
	CHECK_EQ(finding_list_count_code(&s->findings, E_NOT_VALIDATED), 1);
	CHECK(s->findings.by_severity[FINDING_ERROR] >= 1);
	host_scenario_free(s);
	free(s);
}
