// SPDX-License-Identifier: MIT
/*
 * arch/x86_64/pagetable.c on the host: table pages are heap pages whose
 * addresses stand in for physical ones; every mapping is checked by walking
 * the tables for its exact entry, level, attributes and translation.
 */
#include <stdlib.h>
#include <arch/x86_64/pagetable.h>
#include "check.h"

#define POOL_MAX	64

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
