// SPDX-License-Identifier: MIT
/*
 * Range set tests: directed cases with exact expected entries, and a
 * randomized comparison against a per-page model (every operation, exact).
 */
#include "check.h"
#include <mm/range_set.h>

#define P(n) ((u64)(n) * 0x1000)

static struct range_entry storage[4096];

static void init(struct range_set *set, size_t entries)
{
	memset(storage, 0xa5, sizeof(storage));
	range_set_init(set, storage, entries * sizeof(struct range_entry));
}

static void check_entry(const struct range_set *set, size_t i, u64 start,
			u64 end, unsigned int kind)
{
	CHECK(i < set->count);
	if (i >= set->count)
		return;
	CHECK_EQ(set->entries[i].start, start);
	CHECK_EQ(set->entries[i].end, end);
	CHECK_EQ(set->entries[i].kind, kind);
}

TEST(insert_coalesces_same_kind)
{
	struct range_set set;

	init(&set, 16);
	CHECK_EQ(range_set_insert(&set, P(4), P(5), MM_KIND_PRESERVED, 0), 0);
	CHECK_EQ(range_set_insert(&set, P(6), P(7), MM_KIND_PRESERVED, 0), 0);
	CHECK_EQ(set.count, 2);
	CHECK_EQ(range_set_insert(&set, P(5), P(6), MM_KIND_PRESERVED, 9), 0);
	CHECK_EQ(set.count, 1);
	check_entry(&set, 0, P(4), P(7), MM_KIND_PRESERVED);
	CHECK_EQ(set.entries[0].min_order, 0);
	CHECK_EQ(set.entries[0].max_order, 9);
	CHECK_EQ(range_set_kind_at(&set, P(4)), MM_KIND_PRESERVED);
	CHECK_EQ(range_set_kind_at(&set, P(7)), MM_KIND_NONE);
	CHECK_EQ(range_set_kind_at(&set, P(7) - 1), MM_KIND_PRESERVED);
	CHECK_EQ(range_set_bytes(&set, MM_KIND_PRESERVED), P(3));
}

TEST(higher_priority_wins_whatever_the_order)
{
	struct range_set set;

	init(&set, 16);
	/* Low kind over high: high keeps its part, low fills around it. */
	CHECK_EQ(range_set_insert(&set, P(2), P(3), MM_KIND_BATON_IMAGE, 0), 0);
	CHECK_EQ(range_set_insert(&set, P(0), P(8), MM_KIND_PRESERVED, 0), 0);
	CHECK_EQ(set.count, 3);
	check_entry(&set, 0, P(0), P(2), MM_KIND_PRESERVED);
	check_entry(&set, 1, P(2), P(3), MM_KIND_BATON_IMAGE);
	check_entry(&set, 2, P(3), P(8), MM_KIND_PRESERVED);
	/* High over low splits the low range. */
	CHECK_EQ(range_set_insert(&set, P(5), P(6), MM_KIND_KHO_FDT, 0), 0);
	CHECK_EQ(set.count, 5);
	check_entry(&set, 3, P(5), P(6), MM_KIND_KHO_FDT);
	check_entry(&set, 4, P(6), P(8), MM_KIND_PRESERVED);
	/* Lower kind entirely under higher ones: no change. */
	CHECK_EQ(range_set_insert(&set, P(0), P(8), MM_KIND_KHO_MAP_PAGE, 0), 0);
	CHECK_EQ(set.count, 5);
}

TEST(remove_carves)
{
	struct range_set set;

	init(&set, 16);
	CHECK_EQ(range_set_insert(&set, P(0), P(10), MM_KIND_SCRATCH, 0), 0);
	CHECK_EQ(range_set_insert(&set, P(3), P(4), MM_KIND_PRESERVED, 0), 0);
	CHECK_EQ(range_set_remove(&set, P(2), P(5)), 0);
	CHECK_EQ(set.count, 2);
	check_entry(&set, 0, P(0), P(2), MM_KIND_SCRATCH);
	check_entry(&set, 1, P(5), P(10), MM_KIND_SCRATCH);
	CHECK_EQ(range_set_remove(&set, P(20), P(30)), 0);
	CHECK_EQ(set.count, 2);
	CHECK_EQ(range_set_remove(&set, 0, ~0ULL), 0);
	CHECK_EQ(set.count, 0);
}

TEST(invalid_arguments)
{
	struct range_set set;

	init(&set, 4);
	CHECK_EQ(range_set_insert(&set, P(2), P(1), MM_KIND_RAM, 0),
		 RANGE_SET_INVALID);
	CHECK_EQ(range_set_insert(&set, P(1), P(2), MM_KIND_NONE, 0),
		 RANGE_SET_INVALID);
	CHECK_EQ(range_set_insert(&set, P(1), P(2), MM_KIND_COUNT, 0),
		 RANGE_SET_INVALID);
	CHECK_EQ(range_set_insert(&set, P(1), P(1), MM_KIND_RAM, 0), 0);
	CHECK_EQ(set.count, 0);
	CHECK_EQ(range_set_insert(&set, ~0ULL - 1, ~0ULL, MM_KIND_RAM, 0), 0);
	CHECK_EQ(range_set_kind_at(&set, ~0ULL - 1), MM_KIND_RAM);
	CHECK_EQ(range_set_kind_at(&set, ~0ULL), MM_KIND_NONE);
}

TEST(bulk_sorted_runs_per_order)
{
	struct range_set set;
	u64 pa;
	int order;

	init(&set, 64);
	/* Map-walk order: highest order first, ascending pa within an order. */
	for (order = 9; order >= 0; order -= 9)
		for (pa = 0; pa < P(8192); pa += P(1) << order) {
			if (order == 9 && (pa / P(512)) % 2)
				continue;
			if (order == 0 && !((pa / P(512)) % 2))
				continue;
			CHECK_EQ(range_set_add(&set, pa, pa + (P(1) << order),
					       MM_KIND_PRESERVED, order), 0);
		}
	/* 8 order-9 blocks, 8 runs of 512 order-0 pages coalesced in the log */
	CHECK_EQ(set.pending, 16);
	CHECK_EQ(set.count, 0);
	CHECK_EQ(range_set_commit(&set), 0);
	CHECK_EQ(set.pending, 0);
	CHECK_EQ(set.count, 1);
	check_entry(&set, 0, 0, P(8192), MM_KIND_PRESERVED);
	CHECK_EQ(set.entries[0].min_order, 0);
	CHECK_EQ(set.entries[0].max_order, 9);
}

TEST(no_space_keeps_committed_state)
{
	struct range_set set;
	int i, rc = 0;

	init(&set, 8);
	CHECK_EQ(range_set_insert(&set, P(0), P(1), MM_KIND_BOOT_PARAMS, 0), 0);
	CHECK_EQ(range_set_insert(&set, P(100), P(101), MM_KIND_INITRD, 0), 0);
	for (i = 0; i < 7 && !rc; i++)
		rc = range_set_add(&set, P(10 + 2 * i), P(11 + 2 * i),
				   MM_KIND_PRESERVED, 0);
	CHECK_EQ(rc, RANGE_SET_NO_SPACE);
	CHECK_EQ(i, 7);
	CHECK_EQ(set.pending, 6);
	/* Six logged entries plus two committed need more than 8 slots. */
	CHECK_EQ(range_set_commit(&set), RANGE_SET_NO_SPACE);
	CHECK_EQ(set.pending, 0);
	CHECK_EQ(set.count, 2);
	check_entry(&set, 0, P(0), P(1), MM_KIND_BOOT_PARAMS);
	check_entry(&set, 1, P(100), P(101), MM_KIND_INITRD);
	/* A split that does not fit fails the same way. */
	init(&set, 2);
	CHECK_EQ(range_set_insert(&set, P(0), P(10), MM_KIND_RAM, 0), 0);
	CHECK_EQ(range_set_remove(&set, P(4), P(5)), RANGE_SET_NO_SPACE);
	CHECK_EQ(set.count, 1);
	check_entry(&set, 0, P(0), P(10), MM_KIND_RAM);
}

TEST(migrate_moves_entries)
{
	static struct range_entry bigger[32];
	struct range_set set;

	init(&set, 4);
	CHECK_EQ(range_set_insert(&set, P(0), P(1), MM_KIND_RAM, 0), 0);
	CHECK_EQ(range_set_add(&set, P(5), P(6), MM_KIND_INITRD, 0), 0);
	CHECK_EQ(range_set_migrate(&set, bigger, 1), RANGE_SET_NO_SPACE);
	CHECK(set.entries == storage);
	CHECK_EQ(range_set_migrate(&set, bigger, sizeof(bigger)), 0);
	CHECK(set.entries == bigger);
	CHECK_EQ(set.capacity, 32);
	CHECK_EQ(set.count, 2);
	check_entry(&set, 1, P(5), P(6), MM_KIND_INITRD);
}

struct overlap_log {
	int calls;
	u64 start, end;
	u8 kept, lost;
};

static void record_overlap(void *ctx, u64 start, u64 end, u8 kept, u8 lost)
{
	struct overlap_log *log = ctx;

	log->calls++;
	log->start = start;
	log->end = end;
	log->kept = kept;
	log->lost = lost;
}

TEST(overlap_handler_reports_common_part)
{
	struct overlap_log log = { 0 };
	struct range_set set;

	init(&set, 16);
	range_set_set_overlap_handler(&set, record_overlap, &log);
	CHECK_EQ(range_set_insert(&set, P(0), P(4), MM_KIND_PRESERVED, 0), 0);
	CHECK_EQ(range_set_insert(&set, P(4), P(5), MM_KIND_PRESERVED, 0), 0);
	CHECK_EQ(log.calls, 0);	/* touching is not overlapping */
	CHECK_EQ(range_set_insert(&set, P(3), P(6), MM_KIND_BATON_IMAGE, 0), 0);
	CHECK_EQ(log.calls, 1);
	CHECK_EQ(log.start, P(3));
	CHECK_EQ(log.end, P(5));
	CHECK_EQ(log.kept, MM_KIND_BATON_IMAGE);
	CHECK_EQ(log.lost, MM_KIND_PRESERVED);
	/* Same kind overlapping inside the log. */
	CHECK_EQ(range_set_add(&set, P(10), P(12), MM_KIND_PRESERVED, 0), 0);
	CHECK_EQ(range_set_add(&set, P(11), P(13), MM_KIND_PRESERVED, 0), 0);
	CHECK_EQ(log.calls, 2);
	CHECK_EQ(log.start, P(11));
	CHECK_EQ(log.end, P(12));
	CHECK_EQ(log.kept, MM_KIND_PRESERVED);
	CHECK_EQ(range_set_commit(&set), 0);
	CHECK_EQ(log.calls, 2);
	/* Removal is not an overlap. */
	CHECK_EQ(range_set_remove(&set, P(0), P(20)), 0);
	CHECK_EQ(log.calls, 2);
}

TEST(queries)
{
	struct range_set set;
	const struct range_entry *e;

	init(&set, 16);
	CHECK_EQ(range_set_insert(&set, P(0), P(2), MM_KIND_RAM, 0), 0);
	CHECK_EQ(range_set_insert(&set, P(4), P(6), MM_KIND_PRESERVED, 0), 0);
	CHECK_EQ(range_set_insert(&set, P(8), P(9), MM_KIND_PRESERVED, 0), 0);
	CHECK_EQ(range_set_lower_bound(&set, P(2)), 1);
	CHECK_EQ(range_set_lower_bound(&set, P(2) - 1), 0);
	CHECK_EQ(range_set_lower_bound(&set, P(9)), 3);
	e = range_set_first_overlap(&set, P(1), P(9), MM_KIND_PRESERVED);
	CHECK(e == &set.entries[1]);
	e = range_set_first_overlap(&set, P(6), P(8), MM_KIND_NONE);
	CHECK(e == NULL);
	e = range_set_find(&set, P(5));
	CHECK(e && e->start == P(4));
	CHECK_EQ(range_set_bytes_in(&set, P(5), P(100), MM_KIND_PRESERVED),
		 P(2));
	CHECK_EQ(range_set_count(&set, MM_KIND_PRESERVED), 2);
	CHECK_EQ(range_set_count(&set, MM_KIND_NONE), 3);
}

/* ---- randomized comparison with a per-page model ---- */

#define MODEL_PAGES 600

static u64 rng_state;

static u64 rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static const u8 model_kinds[] = {
	MM_KIND_RAM, MM_KIND_SCRATCH, MM_KIND_KHO_MAP_PAGE,
	MM_KIND_PRESERVED, MM_KIND_KHO_FDT, MM_KIND_BATON_IMAGE,
};

static bool set_matches_model(const struct range_set *set, const u8 *model)
{
	size_t i = 0;
	u64 page = 0;

	while (page < MODEL_PAGES) {
		u64 run = page;

		if (!model[page]) {
			page++;
			continue;
		}
		while (run < MODEL_PAGES && model[run] == model[page])
			run++;
		if (i >= set->count || set->entries[i].start != P(page) ||
		    set->entries[i].end != P(run) ||
		    set->entries[i].kind != model[page])
			return false;
		i++;
		page = run;
	}
	return i == set->count;
}

static void run_model(u64 seed, size_t entries, int operations)
{
	static u8 model[MODEL_PAGES], committed[MODEL_PAGES];
	static u8 before[MODEL_PAGES];
	struct range_set set;
	int op, mismatches = 0, no_space = 0, commits = 0;

	rng_state = seed;
	memset(model, 0, sizeof(model));
	memset(committed, 0, sizeof(committed));
	init(&set, entries);
	for (op = 0; op < operations; op++) {
		u64 a = rng() % MODEL_PAGES, len = rng() % 24 + 1;
		u64 b = MIN(a + len, (u64)MODEL_PAGES), p;
		u8 kind = model_kinds[rng() % sizeof(model_kinds)];
		unsigned int what = rng() % 16;
		int rc;

		if (what < 10) {	/* bulk add, committed later */
			rc = range_set_add(&set, P(a), P(b), kind, 0);
			if (rc == 0)
				for (p = a; p < b; p++)
					model[p] = MAX(model[p], kind);
			continue;
		}
		memcpy(before, model, sizeof(model));
		if (what < 13) {
			rc = range_set_insert(&set, P(a), P(b), kind, 0);
			for (p = a; p < b && rc == 0; p++)
				model[p] = MAX(model[p], kind);
		} else if (what < 15) {
			rc = range_set_remove(&set, P(a), P(b));
			for (p = a; p < b && rc == 0; p++)
				model[p] = 0;
		} else {
			rc = range_set_commit(&set);
		}
		commits++;
		if (rc == RANGE_SET_NO_SPACE) {
			/* insert/remove may have committed the earlier log */
			no_space++;
			if (what < 15 && set_matches_model(&set, before))
				memcpy(committed, before, sizeof(model));
			memcpy(model, committed, sizeof(model));
		} else {
			memcpy(committed, model, sizeof(model));
		}
		if (!set_matches_model(&set, committed))
			mismatches++;
		p = rng() % MODEL_PAGES;
		if (range_set_kind_at(&set, P(p) + rng() % 0x1000) !=
		    committed[p])
			mismatches++;
	}
	CHECK_EQ(mismatches, 0);
	CHECK(commits > operations / 4);
	if (entries < 200)
		CHECK(no_space > 0);	/* the tight arena did run out */
}

TEST(random_against_page_model)
{
	run_model(0x9e3779b97f4a7c15ULL, 4096, 100000);
}

TEST(random_against_page_model_tight_arena)
{
	run_model(0x243f6a8885a308d3ULL, 160, 100000);
}

TEST(log_coalesces_per_kind_across_other_kinds)
{
	struct range_set set;
	u64 pa;

	init(&set, 16);
	for (pa = 0; pa < P(64); pa += P(1)) {
		CHECK_EQ(range_set_add(&set, pa, pa + P(1), MM_KIND_PRESERVED,
				       0), 0);
		if (pa % P(8) == 0)
			CHECK_EQ(range_set_add(&set, P(1000) + pa,
					       P(1001) + pa,
					       MM_KIND_KHO_MAP_PAGE, 0), 0);
	}
	CHECK_EQ(set.pending, 9);	/* 1 preserved + 8 map pages */
	CHECK_EQ(range_set_commit(&set), 0);
	CHECK_EQ(set.count, 9);
	check_entry(&set, 0, 0, P(64), MM_KIND_PRESERVED);
	check_entry(&set, 8, P(1056), P(1057), MM_KIND_KHO_MAP_PAGE);
}

TEST(insert_fast_path_joins_neighbours)
{
	struct range_set set;

	init(&set, 3);
	CHECK_EQ(range_set_insert(&set, P(0), P(1), MM_KIND_BATON_ALLOC, 0), 0);
	CHECK_EQ(range_set_insert(&set, P(2), P(3), MM_KIND_BATON_ALLOC, 0), 0);
	CHECK_EQ(range_set_insert(&set, P(9), P(10), MM_KIND_INITRD, 0), 0);
	/* Full arena, but joining needs no slot. */
	CHECK_EQ(range_set_insert(&set, P(1), P(2), MM_KIND_BATON_ALLOC, 0), 0);
	CHECK_EQ(set.count, 2);
	check_entry(&set, 0, P(0), P(3), MM_KIND_BATON_ALLOC);
	CHECK_EQ(range_set_insert(&set, P(8), P(9), MM_KIND_INITRD, 0), 0);
	check_entry(&set, 1, P(8), P(10), MM_KIND_INITRD);
	CHECK_EQ(range_set_insert(&set, P(5), P(6), MM_KIND_RAM, 0), 0);
	CHECK_EQ(set.count, 3);
	check_entry(&set, 1, P(5), P(6), MM_KIND_RAM);
	CHECK_EQ(range_set_insert(&set, P(20), P(21), MM_KIND_RAM, 0),
		 RANGE_SET_NO_SPACE);
	CHECK_EQ(set.count, 3);
}
