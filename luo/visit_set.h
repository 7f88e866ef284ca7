/* SPDX-License-Identifier: MIT */
/*
 * The visited set: which handover structures (by physical address) a walk
 * has already entered, so that each map page, block, descriptor or chunk
 * is visited at most once however the handover's pointers are shared. Open
 * addressing over caller-provided storage; unless the caller gives it a way
 * to grow, nothing is allocated, and a full set says so (VISIT_FULL)
 * instead of forgetting.
 */
#ifndef BATON_LUO_VISIT_SET_H
#define BATON_LUO_VISIT_SET_H

#include <baton/types.h>

enum visit_result {
	VISIT_NEW,		/* first visit: walk it */
	VISIT_SEEN,		/* visited before: shared, do not walk again */
	VISIT_FULL,		/* no room to remember it: the walk must stop */
};

struct visit_set {
	u64 *slots;		/* key + 1 per used slot, 0 = empty */
	u64 slot_count;		/* a power of two (or 0) */
	u64 used;
	u64 limit;		/* used may reach this (3/4 of slot_count) */
	bool full;		/* an insertion was refused */
	bool has_all_ones;	/* key ~0, which cannot be stored as key + 1 */
	/*
	 * Optional: a set at its limit asks for a table twice as large
	 * (grow(ctx, NULL, 0, bytes), as model_storage.grow) and moves its
	 * keys there, so it is sized by what the walk finds; NULL or a
	 * refusal: VISIT_FULL as without it. Set after visit_set_init.
	 */
	void *(*grow)(void *ctx, void *old, u64 old_bytes, u64 new_bytes);
	void *grow_ctx;
	u64 grown;		/* tables replaced */
};

/* Slots a set needs to remember `keys` keys (load at most 3/4). */
u64 visit_set_slots_for(u64 keys);

/*
 * Uses storage[0, slots) (rounded down to a power of two) and clears it.
 * With fewer than 4 slots (or no storage) every insertion is VISIT_FULL.
 */
void visit_set_init(struct visit_set *set, u64 *storage, u64 slots);
void visit_set_clear(struct visit_set *set);

enum visit_result visit_set_add(struct visit_set *set, u64 key);
bool visit_set_has(const struct visit_set *set, u64 key);

/* How many keys the set can remember in all. */
static inline u64 visit_set_capacity(const struct visit_set *set)
{
	return set->limit;
}

#endif
