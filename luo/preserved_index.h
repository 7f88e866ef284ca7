/* SPDX-License-Identifier: MIT */
/*
 * The preserved index: the preserved-memory map as runs (consecutive
 * entries of one order, as the map walk decodes them), sorted once, sized
 * by the number of runs rather than pages. It answers "which entry starts
 * at pa" (memfd folios, by cursor), "is [pa, len) preserved", and tracks
 * which entries some parsed structure accounts for.
 */
#ifndef BATON_LUO_PRESERVED_INDEX_H
#define BATON_LUO_PRESERVED_INDEX_H

#include <baton/types.h>

/* Entry encoding: pa (page aligned) | order (bits 0..5) | claimed (bit 6). */
#define PRESERVED_ORDER_MASK	0x3fULL
#define PRESERVED_CLAIMED	0x40ULL

/*
 * count entries of 2^order pages back to back from start's pa. Claims are
 * one interval of entries [claim_lo, claim_hi) while they stay contiguous
 * (a memfd's folios claim their run front to back); the first claim that
 * is not gets a bit per entry (claimed): from the unused tail of the run
 * storage while it lasts, then from the index's allocator.
 */
struct preserved_run {
	u64 start;		/* pa | order */
	u64 count;
	u64 reach;		/* sorted: largest end of this run and earlier */
	u64 first;		/* sorted: entries in the runs before it */
	u64 claim_lo, claim_hi;
	u64 *claimed;
};

/* The index's allocator: model_storage.grow's signature. */
typedef void *(*preserved_grow_fn)(void *ctx, void *old, u64 old_bytes,
				   u64 new_bytes);

struct preserved_index {
	struct preserved_run *runs;
	u64 capacity;		/* runs */
	u64 run_count;
	u64 count;		/* entries in the runs */
	u64 dropped;		/* entries that did not fit */
	u64 claims_lost;	/* claims not recorded: no room for a bitmap */
	u64 claims_need;	/* bytes the largest lost bitmap needed */
	u64 tail_words;		/* claim bitmaps in the storage's unused tail */
	preserved_grow_fn grow;	/* more runs, claim bitmaps; NULL: fixed */
	void *grow_ctx;
	bool sorted;
	bool merged;		/* sorted by merging the walk's runs */
	bool overlaps;		/* sorted: some entries share bytes */
};

/* A position: entry k of run `run`. */
struct preserved_pos {
	u64 run;
	u64 k;
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

static inline u64 preserved_run_step(const struct preserved_run *r)
{
	return preserved_entry_size(r->start);
}

static inline phys_addr_t preserved_run_pa(const struct preserved_run *r)
{
	return preserved_entry_pa(r->start);
}

/* End of the run's bytes (saturating: a map entry is below 2^64). */
u64 preserved_run_end(const struct preserved_run *r);

void preserved_index_init(struct preserved_index *idx,
			  struct preserved_run *storage, u64 capacity);
void preserved_index_set_grow(struct preserved_index *idx,
			      preserved_grow_fn grow, void *ctx);
/* Appends count consecutive entries of one order starting at pa. */
void preserved_index_add_run(struct preserved_index *idx, phys_addr_t pa,
			     unsigned int order, u64 count);
void preserved_index_add(struct preserved_index *idx, phys_addr_t pa,
			 unsigned int order);
/*
 * Sorts the runs by start: merges the ascending sequences the map walkers
 * produce (one per order) through the unused tail of the storage; heapsort
 * in place when there are more than 64 or too little room. Then sets
 * reach and overlaps. Never allocates.
 */
void preserved_index_sort(struct preserved_index *idx);
/*
 * The same with the merge buffer elsewhere: buf holds room runs. The
 * merge path needs preserved_index_merge_room() runs (the smaller side of
 * the largest pairwise merge; UINT64_MAX: too many sequences, heapsort
 * whatever the room).
 */
u64 preserved_index_merge_room(const struct preserved_index *idx);
void preserved_index_sort_buf(struct preserved_index *idx,
			      struct preserved_run *buf, u64 room);

/*
 * dst = src's runs in storage (src->run_count runs), claims left out (they
 * may live in the allocator of a model that is gone): a copy to compare
 * a later index with.
 */
void preserved_index_copy(struct preserved_index *dst,
			  const struct preserved_index *src,
			  struct preserved_run *storage);

/* Sorts any u64 array ascending in place (heapsort). */
void u64_heapsort(u64 *a, u64 n);

/* The entry at pos (pa | order, | PRESERVED_CLAIMED when claimed). */
u64 preserved_index_entry(const struct preserved_index *idx,
			  struct preserved_pos pos);
/*
 * Entries in run order (pa order when !overlaps): start with pos {0, 0};
 * false at the end.
 */
bool preserved_index_next(const struct preserved_index *idx,
			  struct preserved_pos *pos, u64 *e);
/* The last entry of the last run (0 when empty). */
u64 preserved_index_last(const struct preserved_index *idx);

/* Last run starting at or below pa, or -1. Requires sorted. */
s64 preserved_index_floor(const struct preserved_index *idx, phys_addr_t pa);
/*
 * The entry starting at pa (binary search over runs). With overlapping
 * runs only the last run starting at or below pa is looked at: an entry
 * of an earlier run is "shadowed" (*shadowed set when non-NULL), which
 * callers treat as shared bytes.
 */
bool preserved_index_find(const struct preserved_index *idx, phys_addr_t pa,
			  struct preserved_pos *pos, bool *shadowed);
/*
 * The entry after *pos (the next of its run, or the first of the next
 * run) when it starts at pa: the cursor of a memfd's folios, which come
 * in ascending page order (no search). Moves *pos on a hit.
 */
static inline bool preserved_index_step(const struct preserved_index *idx,
					struct preserved_pos *pos,
					phys_addr_t pa)
{
	const struct preserved_run *r = &idx->runs[pos->run];

	if (pos->k + 1 < r->count) {
		if (preserved_run_pa(r) + (pos->k + 1) * preserved_run_step(r) !=
		    pa)
			return false;
		pos->k++;
		return true;
	}
	if (pos->run + 1 >= idx->run_count ||
	    preserved_run_pa(&idx->runs[pos->run + 1]) != pa)
		return false;
	pos->run++;
	pos->k = 0;
	return true;
}
/* True when the entry at pos shares bytes with another run's entry. */
bool preserved_index_overlapped(const struct preserved_index *idx,
				struct preserved_pos pos);
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
/* Marks the entry at pos; returns whether it was claimed already. */
bool preserved_index_claim_slow(struct preserved_index *idx,
				struct preserved_pos pos);

static inline bool preserved_index_claim_at(struct preserved_index *idx,
					    struct preserved_pos pos)
{
	struct preserved_run *r = &idx->runs[pos.run];
	u64 bit = 1ULL << (pos.k % 64), was;

	/* the cursor's case: the entry just after the claimed interval */
	if (!r->claimed && r->claim_lo < r->claim_hi && pos.k == r->claim_hi) {
		r->claim_hi++;
		return false;
	}
	if (r->claimed) {
		was = r->claimed[pos.k / 64] & bit;
		r->claimed[pos.k / 64] |= bit;
		return was != 0;
	}
	return preserved_index_claim_slow(idx, pos);
}
bool preserved_index_claimed(const struct preserved_index *idx,
			     struct preserved_pos pos);
/* Bytes of entries nobody claimed (and how many such entries). */
u64 preserved_index_unclaimed(const struct preserved_index *idx, u64 *entries);

#endif
