/* SPDX-License-Identifier: MIT */
/*
 * A set of physical ranges [start, end), each tagged with a kind: sorted,
 * non-overlapping, adjacent ranges of the same kind coalesced. Storage is a
 * caller-provided arena; nothing is allocated.
 *
 * Overlap policy: where ranges of different kinds overlap, the kind with the
 * higher priority (its enum mm_kind value) keeps the overlapped part, whatever
 * the order of insertion; same kinds merge. Inserting is therefore
 * commutative, which lets bulk insertions be logged unsorted and merged once.
 *
 * Preserved ranges of different orders coalesce; an entry remembers the
 * smallest and largest order that contributed to it.
 */
#ifndef BATON_MM_RANGE_SET_H
#define BATON_MM_RANGE_SET_H

#include <baton/types.h>
#include <mm/kind.h>

struct range_entry {
	u64 start;
	u64 end;		/* exclusive; ranges cannot include 2^64 - 1 */
	u8 kind;
	u8 min_order;
	u8 max_order;
};

/*
 * Called when two inserted ranges overlap (touching is not overlapping):
 * [start, end) is the common part, `kept` the kind that now owns it.
 */
typedef void (*range_overlap_fn)(void *ctx, u64 start, u64 end, u8 kept,
				 u8 lost);

/*
 * entries[0, count) is the committed set. Bulk additions go to a log that
 * grows down from the top of the arena: entries[capacity - pending, capacity),
 * newest at the lowest index. Queries see only committed entries.
 */
struct range_set {
	struct range_entry *entries;
	size_t count;
	size_t capacity;
	size_t pending;
	size_t recent[MM_KIND_COUNT];	/* newest log entry per kind, 0: none */
	range_overlap_fn on_overlap;
	void *overlap_ctx;
};

enum range_set_status {
	RANGE_SET_OK = 0,
	RANGE_SET_NO_SPACE = -1,	/* arena full; see each function */
	RANGE_SET_INVALID = -2,		/* start > end or bad kind */
};

#define RANGE_SET_ENTRY_BYTES	sizeof(struct range_entry)

void range_set_init(struct range_set *set, void *storage, size_t bytes);
void range_set_set_overlap_handler(struct range_set *set, range_overlap_fn fn,
				   void *ctx);

/*
 * Bulk path: logs [start, end) for the next commit. A range touching or
 * overlapping the newest logged range of its kind extends it, so a sorted
 * stream of adjacent pages costs one entry even when other kinds are logged
 * in between. O(1).
 * NO_SPACE: the log entry did not fit; the set and the log are unchanged.
 */
int range_set_add(struct range_set *set, u64 start, u64 end, unsigned int kind,
		  unsigned int order);

/* range_set_add for an entry carrying an order span (min..max). */
int range_set_add_entry(struct range_set *set, const struct range_entry *e);

/*
 * Merges the log into the set. Entries of kinds other than the log's most
 * frequent one (map pages among preserved ranges) are first moved aside, so
 * they do not cut the main stream into runs; each part is then sorted by
 * merging its sorted runs pairwise, and both are merged with the set:
 * O(n log r + count) for r runs per part. Needs free arena space about the
 * size of the log. NO_SPACE: the arena cannot hold the merge; the set then
 * holds exactly what it held before the logged additions, and the log is
 * dropped.
 */
int range_set_commit(struct range_set *set);

/*
 * Single insertion: commits the log, then inserts. O(count) (one memmove
 * when the range falls into a gap). On NO_SPACE the earlier log may have
 * been committed, [start, end) has not.
 */
int range_set_insert(struct range_set *set, u64 start, u64 end,
		     unsigned int kind, unsigned int order);

/* Removes [start, end) whatever its kind (commits the log first, as insert). */
int range_set_remove(struct range_set *set, u64 start, u64 end);

/*
 * Moves the committed set (the log is committed first) into a new arena.
 * NO_SPACE when it does not fit; the set is then unchanged.
 */
int range_set_migrate(struct range_set *set, void *storage, size_t bytes);

/* The entry containing addr, or NULL. */
const struct range_entry *range_set_find(const struct range_set *set,
					 u64 addr);
unsigned int range_set_kind_at(const struct range_set *set, u64 addr);

/* Index of the first entry with end > addr (count if none). */
size_t range_set_lower_bound(const struct range_set *set, u64 addr);

/*
 * First entry of `kind` intersecting [start, end) (kind MM_KIND_NONE: any
 * kind), or NULL.
 */
const struct range_entry *range_set_first_overlap(const struct range_set *set,
						  u64 start, u64 end,
						  unsigned int kind);

/* Bytes of `kind` in the set, and bytes of `kind` inside [start, end). */
u64 range_set_bytes(const struct range_set *set, unsigned int kind);
u64 range_set_bytes_in(const struct range_set *set, u64 start, u64 end,
		       unsigned int kind);

/* Number of committed entries of `kind` (MM_KIND_NONE: all). */
size_t range_set_count(const struct range_set *set, unsigned int kind);

/* Calls fn for every committed entry in ascending order; stops on non-zero. */
int range_set_for_each(const struct range_set *set,
		       int (*fn)(void *ctx, const struct range_entry *entry),
		       void *ctx);

#endif
