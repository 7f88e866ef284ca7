/* SPDX-License-Identifier: MIT */
/*
 * x86-64 identity page-table construction, with no CPU access: builds and
 * walks 4- or 5-level tables in memory handed out by an allocator. Shared
 * by the payload (arch/x86_64/paging.c activates the result) and the host
 * unit test (tests/unit/test_pagetable.c), where "physical" addresses are
 * host pointers.
 */
#ifndef BATON_ARCH_X86_64_PAGETABLE_H
#define BATON_ARCH_X86_64_PAGETABLE_H

#include <baton/types.h>
#include <baton/arch.h>

#define PTE_PRESENT	(1ULL << 0)
#define PTE_WRITE	(1ULL << 1)
#define PTE_PWT		(1ULL << 3)
#define PTE_PCD		(1ULL << 4)
#define PTE_ACCESSED	(1ULL << 5)
#define PTE_DIRTY	(1ULL << 6)
#define PTE_LARGE	(1ULL << 7)
#define PTE_NX		(1ULL << 63)
#define PTE_ADDR	0x000ffffffffff000ULL

struct pagetable {
	u64 root;		/* pa of the top table */
	int levels;		/* 4 or 5 */
	bool nx;		/* CPU has NX: no-exec pages get PTE_NX */
	bool gb_pages;		/* CPU has 1 GiB pages */
	arch_page_alloc_fn alloc;
	void *alloc_ctx;
	u32 pages_used;
};

/* Allocates the root table; false when the allocator is empty. */
bool pagetable_create(struct pagetable *pt);

/*
 * Identity-maps [pa, pa + size) rounded out to pages with ARCH_MAP_*
 * attributes, overriding earlier mappings page by page (ARCH_MAP_NONE
 * unmaps). False when a table
 * page could not be allocated (the part done so far stays mapped) or the
 * range is outside the 4-level (2^46 here, kept below the 48-bit canonical
 * limit) or 5-level (2^52) address space.
 */
bool pagetable_map(struct pagetable *pt, phys_addr_t pa, u64 size, u32 attrs);

/*
 * An upper bound on the table pages (root included) that mapping
 * ranges[0, count) in order into fresh tables of pt->levels levels can
 * allocate, with 1 GiB leaves only if pt->gb_pages; pagetable_map()
 * never allocates more. Why it holds:
 * - Below an entry that can never be a leaf (the 1 GiB level without
 *   gb_pages, 512 GiB, 256 TiB) a table, once allocated, stays: at most
 *   one per span any range touches. Spans are counted per range, a span
 *   equal to the previous range's last one only once, so ranges in
 *   address order (as e820 is) are not double counted.
 * - Below an entry that can be a leaf (2 MiB always, 1 GiB with
 *   gb_pages) a range allocates only in a span it covers partly, i.e. one
 *   holding its unaligned start or end: at most 2 per range and level.
 *   Not counted again: the span the previous partial range with the same
 *   leaf flags left at that level (its entry is a table or a large page
 *   with those flags, neither needs a new table), until a range covers a
 *   whole span at that level or above (which may turn it back into a leaf
 *   and drop its subtree).
 * O(count), no memory: the payload states it when its early pool runs
 * out. Ranges outside the address space count nothing (pagetable_map()
 * refuses them without allocating).
 */
u64 pagetable_pages_bound(const struct pagetable *pt,
			  const struct arch_map_range *ranges, u32 count);

/*
 * Walks the tables for addr: the final entry, its level (1 = 4 KiB,
 * 2 = 2 MiB, 3 = 1 GiB) and the translated address. False if not mapped.
 */
bool pagetable_lookup(const struct pagetable *pt, u64 addr, u64 *entry,
		      int *level, u64 *pa);

#endif
