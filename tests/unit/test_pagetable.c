// SPDX-License-Identifier: MIT
/*
 * arch/x86_64/pagetable.c on the host: table pages are heap pages whose
 * addresses stand in for physical ones; every mapping is checked by walking
 * the tables for its exact entry, level, attributes and translation.
 */
#include <stdlib.h>
#include <arch/x86_64/pagetable.h>
#include "check.h"

#define POOL_MAX	2048
#define EARLY_POOL	64	/* arch/x86_64/paging.c's EARLY_POOL_PAGES */

struct pool {
	void *pages[POOL_MAX];
	u32 used, limit;
};

static phys_addr_t pool_alloc(void *ctx)
{
	struct pool *p = ctx;
	void *page;

	if (p->used == p->limit)
		return 0;
	page = aligned_alloc(PAGE_SIZE, PAGE_SIZE);
	if (!page)
		return 0;
	memset(page, 0xcc, PAGE_SIZE);	/* pagetable must clear it */
	p->pages[p->used++] = page;
	return (phys_addr_t)(uintptr_t)page;
}

static void pool_free(struct pool *p)
{
	u32 i;

	for (i = 0; i < p->used; i++)
		free(p->pages[i]);
}

static void setup(struct pagetable *pt, struct pool *pool, int levels,
		  bool gb_pages, u32 limit)
{
	memset(pool, 0, sizeof(*pool));
	pool->limit = limit;
	memset(pt, 0, sizeof(*pt));
	pt->levels = levels;
	pt->nx = true;
	pt->gb_pages = gb_pages;
	pt->alloc = pool_alloc;
	pt->alloc_ctx = pool;
	CHECK(pagetable_create(pt));
}

/* Checks one address: mapped at `level`, writable/nx as expected. */
static void expect(const struct pagetable *pt, u64 addr, int level,
		   bool writable, bool nx)
{
	u64 entry = 0, pa = 0;
	int got_level = 0;

	if (!pagetable_lookup(pt, addr, &entry, &got_level, &pa)) {
		CHECK_FAIL("0x%llx not mapped", (unsigned long long)addr);
		return;
	}
	CHECK_EQ(pa, addr);
	CHECK_EQ(got_level, level);
	CHECK_EQ(!!(entry & PTE_WRITE), writable);
	CHECK_EQ(!!(entry & PTE_NX), nx);
	CHECK_EQ(!!(entry & PTE_LARGE), level > 1);
}

static void expect_unmapped(const struct pagetable *pt, u64 addr)
{
	u64 entry, pa;
	int level;

	CHECK(!pagetable_lookup(pt, addr, &entry, &level, &pa));
}

TEST(largest_pages_are_used)
{
	struct pagetable pt;
	struct pool pool;

	setup(&pt, &pool, 4, true, POOL_MAX);
	/* 4 KiB head, 2 MiB pages, a 1 GiB page, 2 MiB and 4 KiB tail. */
	CHECK(pagetable_map(&pt, 0x3ff000, 0x80001000 - 0x3ff000 + 0x1000,
			    ARCH_MAP_WRITE));
	expect(&pt, 0x3ff000, 1, true, true);
	expect(&pt, 0x400000, 2, true, true);
	expect(&pt, 0x3fe00000, 2, true, true);
	expect(&pt, 0x40000000, 3, true, true);
	expect(&pt, 0x7fffffff, 3, true, true);
	expect(&pt, 0x80000000, 1, true, true);
	expect(&pt, 0x80001fff, 1, true, true);
	expect_unmapped(&pt, 0x3fe000);
	expect_unmapped(&pt, 0x80002000);
	/* root, PDPT, PD 0-1 GiB, PT head, PD 2 GiB, PT tail */
	CHECK_EQ(pt.pages_used, 6);
	pool_free(&pool);
}

TEST(no_gb_pages_means_2m)
{
	struct pagetable pt;
	struct pool pool;

	setup(&pt, &pool, 4, false, POOL_MAX);
	CHECK(pagetable_map(&pt, 0, 0x80000000, ARCH_MAP_WRITE | ARCH_MAP_EXEC));
	expect(&pt, 0x40000000, 2, true, false);
	expect(&pt, 0x7fe00000, 2, true, false);
	CHECK_EQ(pt.pages_used, 4);	/* root, PDPT, two PDs */
	pool_free(&pool);
}

TEST(read_only_hole_splits_gb_page)
{
	struct pagetable pt;
	struct pool pool;

	setup(&pt, &pool, 4, true, POOL_MAX);
	CHECK(pagetable_map(&pt, 0x40000000, 0x40000000, ARCH_MAP_WRITE));
	/* A preserved range mapped read-only inside the 1 GiB page. */
	CHECK(pagetable_map(&pt, 0x40201000, 0x2000, 0));
	expect(&pt, 0x40000000, 2, true, true);
	expect(&pt, 0x40200000, 1, true, true);
	expect(&pt, 0x40201000, 1, false, true);
	expect(&pt, 0x40202fff, 1, false, true);
	expect(&pt, 0x40203000, 1, true, true);
	expect(&pt, 0x403ff000, 1, true, true);
	expect(&pt, 0x40400000, 2, true, true);
	expect(&pt, 0x7fe00000, 2, true, true);
	pool_free(&pool);
}

TEST(same_attributes_do_not_split)
{
	struct pagetable pt;
	struct pool pool;
	u32 before;

	setup(&pt, &pool, 4, true, POOL_MAX);
	CHECK(pagetable_map(&pt, 0, 0x40000000, ARCH_MAP_WRITE));
	before = pt.pages_used;
	CHECK(pagetable_map(&pt, 0x123000, 0x1000, ARCH_MAP_WRITE));
	CHECK_EQ(pt.pages_used, before);
	expect(&pt, 0x123000, 3, true, true);
	pool_free(&pool);
}

TEST(device_and_exec_attributes)
{
	struct pagetable pt;
	struct pool pool;
	u64 entry, pa;
	int level;

	setup(&pt, &pool, 4, true, POOL_MAX);
	CHECK(pagetable_map(&pt, 0xfebf0000, 1, ARCH_MAP_WRITE | ARCH_MAP_DEVICE));
	CHECK(pagetable_lookup(&pt, 0xfebf0abc, &entry, &level, &pa));
	CHECK_EQ(pa, 0xfebf0abc);
	CHECK_EQ(entry & (PTE_PCD | PTE_PWT), PTE_PCD | PTE_PWT);
	CHECK(pagetable_map(&pt, 0x100000, 0x1000, ARCH_MAP_EXEC));
	expect(&pt, 0x100000, 1, false, false);
	pt.nx = false;	/* no NX on the CPU: no-exec cannot be expressed */
	CHECK(pagetable_map(&pt, 0x200000, 0x1000, 0));
	expect(&pt, 0x200000, 1, false, false);
	pool_free(&pool);
}

TEST(five_level_above_256t)
{
	struct pagetable pt;
	struct pool pool;

	setup(&pt, &pool, 5, true, POOL_MAX);
	CHECK(pagetable_map(&pt, 0x1000000000000ULL, 0x40000000, ARCH_MAP_WRITE));
	expect(&pt, 0x1000000000000ULL, 3, true, true);
	CHECK_EQ(pt.pages_used, 3);	/* PML5 (root), PML4, PDPT */
	pool_free(&pool);
}

TEST(limits_are_refused)
{
	struct pagetable pt;
	struct pool pool;

	setup(&pt, &pool, 4, true, POOL_MAX);
	CHECK(!pagetable_map(&pt, 1ULL << 46, 0x1000, ARCH_MAP_WRITE));
	CHECK(!pagetable_map(&pt, ~0ULL - 0xfff, 0x2000, ARCH_MAP_WRITE));
	CHECK(pagetable_map(&pt, 0x1000, 0, ARCH_MAP_WRITE));	/* empty */
	expect_unmapped(&pt, 0x1000);
	pool_free(&pool);
}

TEST(allocator_exhaustion_is_reported)
{
	struct pagetable pt;
	struct pool pool;

	setup(&pt, &pool, 4, false, 3);	/* root + 2 */
	CHECK(!pagetable_map(&pt, 0x1000, 0x1000, ARCH_MAP_WRITE));
	CHECK_EQ(pt.pages_used, 3);
	pool_free(&pool);
}

TEST(none_unmaps_one_page_and_costs_nothing_when_unmapped)
{
	struct pagetable pt;
	struct pool pool;
	u32 before;

	setup(&pt, &pool, 4, true, POOL_MAX);
	CHECK(pagetable_map(&pt, 0, 0x40000000, ARCH_MAP_WRITE));
	CHECK(pagetable_map(&pt, 0x12f000, 0x1000, ARCH_MAP_NONE));
	expect(&pt, 0x12e000, 1, true, true);
	expect_unmapped(&pt, 0x12f000);
	expect_unmapped(&pt, 0x12ffff);
	expect(&pt, 0x130000, 1, true, true);
	expect(&pt, 0x200000, 2, true, true);
	before = pt.pages_used;
	CHECK(pagetable_map(&pt, 0x80000000, 0x40000000, ARCH_MAP_NONE));
	CHECK_EQ(pt.pages_used, before);
	expect_unmapped(&pt, 0x80000000);
	/* A whole 1 GiB page unmapped becomes one empty entry. */
	CHECK(pagetable_map(&pt, 0x40000000, 0x40000000, ARCH_MAP_WRITE));
	CHECK(pagetable_map(&pt, 0x40000000, 0x40000000, ARCH_MAP_NONE));
	CHECK_EQ(pt.pages_used, before);
	expect_unmapped(&pt, 0x40000000);
	pool_free(&pool);
}

/*
 * Issue 18: the payload's early pool has 64 table pages, but what the
 * identity map needs grows with odd (not 2 MiB aligned) e820 edges and,
 * without 1 GiB pages, with RAM. 128 entries, each starting and ending
 * off a 2 MiB boundary in its own 2 MiB span, need two page tables each:
 * 256 + PD + PDPT + root. The bound is exact here, and 64 pages run out.
 */
#define ODD_ENTRIES	128

static void odd_e820(struct arch_map_range *r)
{
	u32 k;

	for (k = 0; k < ODD_ENTRIES; k++)
		r[k] = (struct arch_map_range){
			k * 0x400000ULL + 0x1000, 0x201000, ARCH_MAP_WRITE,
		};
}

TEST(many_odd_e820_entries_without_gb_pages)
{
	static struct arch_map_range r[ODD_ENTRIES];
	struct pagetable pt;
	struct pool pool;
	u32 k, failed_at = ODD_ENTRIES;

	odd_e820(r);
	setup(&pt, &pool, 4, false, POOL_MAX);
	CHECK_EQ(pagetable_pages_bound(&pt, r, ODD_ENTRIES), 259);
	for (k = 0; k < ODD_ENTRIES; k++)
		CHECK(pagetable_map(&pt, r[k].pa, r[k].size, r[k].attrs));
	CHECK_EQ(pt.pages_used, 259);
	expect(&pt, 0x1000, 1, true, true);
	expect(&pt, 0x201000, 1, true, true);
	expect_unmapped(&pt, 0x202000);
	expect(&pt, 127 * 0x400000ULL + 0x201fff, 1, true, true);
	expect_unmapped(&pt, 0);
	pool_free(&pool);

	/* The early pool: exhausted, and the bound said so beforehand. */
	setup(&pt, &pool, 4, false, EARLY_POOL);
	CHECK(pagetable_pages_bound(&pt, r, ODD_ENTRIES) > EARLY_POOL);
	for (k = 0; k < ODD_ENTRIES; k++)
		if (!pagetable_map(&pt, r[k].pa, r[k].size, r[k].attrs)) {
			failed_at = k;
			break;
		}
	CHECK_EQ(failed_at, 30);	/* 3 + 30 * 2 = 63, the 31st needs 2 */
	CHECK_EQ(pt.pages_used, EARLY_POOL);
	pool_free(&pool);

	/* With 1 GiB pages it is the same: the edges are what costs. */
	setup(&pt, &pool, 4, true, POOL_MAX);
	CHECK_EQ(pagetable_pages_bound(&pt, r, ODD_ENTRIES), 259);
	for (k = 0; k < ODD_ENTRIES; k++)
		CHECK(pagetable_map(&pt, r[k].pa, r[k].size, r[k].attrs));
	CHECK_EQ(pt.pages_used, 259);
	pool_free(&pool);
}

/* Without 1 GiB pages every GiB of RAM costs a page directory. */
TEST(ram_64g_without_gb_pages_needs_66_pages)
{
	const struct arch_map_range ram = { 0, 64ULL << 30, ARCH_MAP_WRITE };
	struct pagetable pt;
	struct pool pool;

	setup(&pt, &pool, 4, false, POOL_MAX);
	CHECK_EQ(pagetable_pages_bound(&pt, &ram, 1), 66);
	CHECK(pagetable_map(&pt, ram.pa, ram.size, ram.attrs));
	CHECK_EQ(pt.pages_used, 66);
	expect(&pt, (64ULL << 30) - 1, 2, true, true);
	pool_free(&pool);

	setup(&pt, &pool, 4, false, EARLY_POOL);
	CHECK(!pagetable_map(&pt, ram.pa, ram.size, ram.attrs));
	CHECK_EQ(pt.pages_used, EARLY_POOL);
	pool_free(&pool);

	setup(&pt, &pool, 4, true, POOL_MAX);
	CHECK_EQ(pagetable_pages_bound(&pt, &ram, 1), 2);
	CHECK(pagetable_map(&pt, ram.pa, ram.size, ram.attrs));
	CHECK_EQ(pt.pages_used, 2);
	pool_free(&pool);
}

/*
 * A leaf split, made a leaf again and split again allocates a second page
 * table for the same 2 MiB: the bound charges each split to its range.
 */
TEST(bound_counts_resplit_tables)
{
	const struct arch_map_range r[4] = {
		{ 0, 0x200000, ARCH_MAP_WRITE },
		{ 0x1000, 0x1000, 0 },
		{ 0, 0x200000, ARCH_MAP_WRITE },
		{ 0x1000, 0x1000, 0 },
	};
	struct pagetable pt;
	struct pool pool;
	u32 i;

	setup(&pt, &pool, 4, true, POOL_MAX);
	for (i = 0; i < 4; i++)
		CHECK(pagetable_map(&pt, r[i].pa, r[i].size, r[i].attrs));
	CHECK_EQ(pt.pages_used, 5);	/* root, PDPT, PD, two PTs */
	/* 8: B and A differ in flags, so their 1 GiB span counts each time. */
	CHECK_EQ(pagetable_pages_bound(&pt, r, 4), 8);
	expect(&pt, 0x1000, 1, false, true);
	pool_free(&pool);
}

/* A deterministic mix of ranges: never more pages than the bound. */
TEST(bound_holds_for_mixed_ranges)
{
	static struct arch_map_range r[300];
	static const u32 attrs[] = {
		ARCH_MAP_WRITE, 0, ARCH_MAP_EXEC, ARCH_MAP_NONE,
		ARCH_MAP_WRITE | ARCH_MAP_DEVICE,
	};
	u64 x = 0x9e3779b97f4a7c15ULL;
	int levels, gb;
	u32 i, worst_slack = ~0U;

	for (levels = 4; levels <= 5; levels++)
		for (gb = 0; gb <= 1; gb++) {
			struct pagetable pt;
			struct pool pool;
			u64 bound;

			for (i = 0; i < ARRAY_SIZE(r); i++) {
				x = x * 6364136223846793005ULL + 1442695040888963407ULL;
				r[i].pa = (x >> 20) % (16ULL << 30);
				r[i].size = (x >> 8) % ((x & 1) ? 0x400000 : 0x80000000);
				r[i].attrs = attrs[(x >> 3) % ARRAY_SIZE(attrs)];
			}
			setup(&pt, &pool, levels, gb, POOL_MAX);
			bound = pagetable_pages_bound(&pt, r, ARRAY_SIZE(r));
			for (i = 0; i < ARRAY_SIZE(r); i++)
				CHECK(pagetable_map(&pt, r[i].pa, r[i].size,
						    r[i].attrs));
			CHECK(pt.pages_used <= bound);
			worst_slack = MIN(worst_slack, (u32)(bound - pt.pages_used));
			pool_free(&pool);
		}
	CHECK(worst_slack < 2000);
}
