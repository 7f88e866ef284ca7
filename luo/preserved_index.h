/* SPDX-License-Identifier: MIT */
/*
 * The preserved index: every (pa, order) of the preserved-memory map in one
 * caller-provided u64 array, sorted once, answering "which order starts
 * at pa" (memfd folios) and "is [pa, len) preserved" by binary search, and
 * tracking which entries some parsed structure accounts for.
 */
#ifndef BATON_LUO_PRESERVED_INDEX_H
#define BATON_LUO_PRESERVED_INDEX_H

#include <baton/types.h>

/* Entry encoding: pa (page aligned) | order (bits 0..5) | claimed (bit 6). */
#define PRESERVED_ORDER_MASK	0x3fULL
#define PRESERVED_CLAIMED	0x40ULL

struct preserved_index {
	u64 *items;
	u64 capacity;
	u64 count;
	u64 dropped;		/* entries that did not fit */
	bool sorted;
	bool merged;		/* sorted by merging the walk's runs */
};

static inline phys_addr_t preserved_entry_pa(u64 e)
{
	return e & PAGE_MASK;
}

static inline unsigned int preserved_entry_order(u64 e)
{
	return (unsigned int)(e & PRESERVED_ORDER_MASK);
}

static inline u64 preserved_entry_size(u64 e)
{
	return PAGE_SIZE << preserved_entry_order(e);
}

void preserved_index_init(struct preserved_index *idx, u64 *storage,
			  u64 capacity);
/* Appends count consecutive entries of one order starting at pa. */
void preserved_index_add_run(struct preserved_index *idx, phys_addr_t pa,
			     unsigned int order, u64 count);
void preserved_index_add(struct preserved_index *idx, phys_addr_t pa,
			 unsigned int order);
/*
 * Sorts by pa: merges the ascending runs the map walkers produce (one per
 * order) through the unused tail of the storage; heapsort in place when
 * there are more than 64 runs or too little room. Never allocates.
 */
void preserved_index_sort(struct preserved_index *idx);
/*
 * The same with the merge buffer elsewhere: buf holds room entries. The
 * merge path needs preserved_index_merge_room() entries (the smaller side
 * of the largest pairwise merge; UINT64_MAX: too many runs, heapsort
 * whatever the room).
 */
u64 preserved_index_merge_room(const struct preserved_index *idx);
void preserved_index_sort_buf(struct preserved_index *idx, u64 *buf,
			      u64 room);

/* Sorts any u64 array ascending in place (heapsort). */
void u64_heapsort(u64 *a, u64 n);

/* Position of the entry starting at pa, or -1. Requires sorted. */
s64 preserved_index_find(const struct preserved_index *idx, phys_addr_t pa);
/*
 * preserved_index_find, trying entry `hint` first (e.g. the one after the
 * previous hit: memfd folios mostly come in ascending page order).
 */
s64 preserved_index_find_near(const struct preserved_index *idx,
			      phys_addr_t pa, s64 hint);
/*
 * The hint of preserved_index_find_near when it is the answer (no search),
 * else -1: callers that count their searches.
 */
s64 preserved_index_near_hit(const struct preserved_index *idx,
			     phys_addr_t pa, s64 hint);
/* Index of the last entry starting at or below pa, or -1. Requires sorted. */
s64 preserved_index_floor(const struct preserved_index *idx, phys_addr_t pa);
/* Order of the entry starting exactly at pa, or -1. */
int preserved_index_order_at(const struct preserved_index *idx,
			     phys_addr_t pa);
/* True when [pa, pa + len) is wholly covered by (adjacent) entries. */
bool preserved_index_covers(const struct preserved_index *idx, phys_addr_t pa,
			    u64 len);
/* Adapter with the handover accessor's lookup signature. */
bool preserved_index_lookup(const void *idx, phys_addr_t pa, u64 len);
/* Marks every entry overlapping [pa, pa + len) as accounted for. */
void preserved_index_claim(struct preserved_index *idx, phys_addr_t pa,
			   u64 len);
/* Bytes of entries nobody claimed (and how many such entries). */
u64 preserved_index_unclaimed(const struct preserved_index *idx, u64 *entries);

#endif
