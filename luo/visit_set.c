// SPDX-License-Identifier: MIT
/*
 * Visited set: linear probing over a power-of-two table of u64 slots. Keys
 * are stored plus one so that 0 marks an empty slot; the one key that would
 * store as 0 (~0) is remembered in a flag of its own.
 */
#include <luo/visit_set.h>
#include <string.h>

u64 visit_set_slots_for(u64 keys)
{
	u64 slots = 16;

	if (keys > (~0ULL >> 3))
		return 0;
	while (slots / 4 * 3 < keys)
		slots <<= 1;
	return slots;
}

void visit_set_init(struct visit_set *set, u64 *storage, u64 slots)
{
	u64 pow2 = 0;

	if (storage && slots >= 4)
		pow2 = 1ULL << (63 - __builtin_clzll(slots));
	*set = (struct visit_set){ .slots = storage, .slot_count = pow2,
				   .limit = pow2 / 4 * 3 };
	visit_set_clear(set);
}

void visit_set_clear(struct visit_set *set)
{
	if (set->slot_count)
		memset(set->slots, 0, set->slot_count * sizeof(u64));
	set->used = 0;
	set->full = false;
	set->has_all_ones = false;
}

/*
 * Fibonacci hashing: page-aligned keys differ only in their middle bits,
 * the multiply spreads them into the top bits the slot index is taken from.
 */
static u64 slot_of(const struct visit_set *set, u64 key)
{
	return (key * 0x9e3779b97f4a7c15ULL) >>
	       (64 - __builtin_ctzll(set->slot_count));
}

/* Accounts one more key; false (and full set) when there is no room. */
static bool take_room(struct visit_set *set)
{
	if (set->used >= set->limit) {
		set->full = true;
		return false;
	}
	set->used++;
	return true;
}

/* A table twice as large with every key moved; false when refused. */
static bool grow(struct visit_set *set)
{
	u64 count = set->slot_count ? 2 * set->slot_count : 16, i, j;
	u64 *slots;

	if (count > (~0ULL >> 4))
		return false;
	slots = set->grow(set->grow_ctx, NULL, 0, count * sizeof(u64));
	if (!slots)
		return false;
	memset(slots, 0, count * sizeof(u64));
	for (i = 0; i < set->slot_count; i++) {
		u64 stored = set->slots[i];

		if (!stored)
			continue;
		for (j = (stored - 1) * 0x9e3779b97f4a7c15ULL >>
			 (64 - __builtin_ctzll(count));
		     slots[j]; j = (j + 1) & (count - 1))
			;
		slots[j] = stored;
	}
	set->slots = slots;
	set->slot_count = count;
	set->limit = count / 4 * 3;
	set->grown++;
	return true;
}

enum visit_result visit_set_add(struct visit_set *set, u64 key)
{
	u64 mask, stored = key + 1, i;

	if (set->used >= set->limit && set->grow && !set->full)
		grow(set);
	mask = set->slot_count - 1;

	if (!stored) {
		if (set->has_all_ones)
			return VISIT_SEEN;
		if (!take_room(set))
			return VISIT_FULL;
		set->has_all_ones = true;
		return VISIT_NEW;
	}
	if (!set->slot_count) {
		set->full = true;
		return VISIT_FULL;
	}
	for (i = slot_of(set, key);; i = (i + 1) & mask) {
		if (set->slots[i] == stored)
			return VISIT_SEEN;
		if (!set->slots[i])
			break;
	}
	if (!take_room(set))
		return VISIT_FULL;
	set->slots[i] = stored;
	return VISIT_NEW;
}

bool visit_set_has(const struct visit_set *set, u64 key)
{
	u64 mask = set->slot_count - 1, stored = key + 1, i;

	if (!stored)
		return set->has_all_ones;
	if (!set->slot_count)
		return false;
	for (i = slot_of(set, key);; i = (i + 1) & mask) {
		if (set->slots[i] == stored)
			return true;
		if (!set->slots[i])
			return false;
	}
}
