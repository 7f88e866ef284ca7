// SPDX-License-Identifier: MIT
/*
 * luo/visit_set.c: NEW / SEEN / FULL, the keys that need care (0, ~0),
 * the 3/4 load limit, and random keys against a brute-force model.
 */
#include "check.h"
#include <luo/visit_set.h>
#include <stdlib.h>

TEST(slots_for_keys)
{
	CHECK_EQ(visit_set_slots_for(0), 16);
	CHECK_EQ(visit_set_slots_for(12), 16);
	CHECK_EQ(visit_set_slots_for(13), 32);
	CHECK_EQ(visit_set_slots_for(98304), 131072);
	CHECK_EQ(visit_set_slots_for(98305), 262144);
	CHECK_EQ(visit_set_slots_for(~0ULL), 0);	/* cannot be sized */
}

TEST(new_seen_full)
{
	u64 slots[8];
	struct visit_set s;
	u64 k;

	visit_set_init(&s, slots, 8);
	CHECK_EQ(visit_set_capacity(&s), 6);
	for (k = 0; k < 6; k++)
		CHECK_EQ(visit_set_add(&s, k << 12), VISIT_NEW);
	for (k = 0; k < 6; k++)
		CHECK_EQ(visit_set_add(&s, k << 12), VISIT_SEEN);
	CHECK(!s.full);
	CHECK_EQ(visit_set_add(&s, 6 << 12), VISIT_FULL);
	CHECK(s.full);
	CHECK(!visit_set_has(&s, 6 << 12));
	/* still answers for what it holds */
	CHECK_EQ(visit_set_add(&s, 5 << 12), VISIT_SEEN);
	CHECK_EQ(s.used, 6);
	visit_set_clear(&s);
	CHECK(!s.full);
	CHECK_EQ(s.used, 0);
	CHECK(!visit_set_has(&s, 0));
	CHECK_EQ(visit_set_add(&s, 6 << 12), VISIT_NEW);
}

/* 0 is stored as 1, ~0 in a flag: both count against the capacity. */
TEST(keys_zero_and_all_ones)
{
	u64 slots[4];
	struct visit_set s;

	visit_set_init(&s, slots, 4);
	CHECK_EQ(visit_set_capacity(&s), 3);
	CHECK(!visit_set_has(&s, 0));
	CHECK(!visit_set_has(&s, ~0ULL));
	CHECK_EQ(visit_set_add(&s, 0), VISIT_NEW);
	CHECK_EQ(visit_set_add(&s, ~0ULL), VISIT_NEW);
	CHECK_EQ(visit_set_add(&s, 0), VISIT_SEEN);
	CHECK_EQ(visit_set_add(&s, ~0ULL), VISIT_SEEN);
	CHECK(visit_set_has(&s, 0));
	CHECK(visit_set_has(&s, ~0ULL));
	CHECK(!visit_set_has(&s, 1));
	CHECK_EQ(visit_set_add(&s, ~1ULL), VISIT_NEW);
	CHECK_EQ(s.used, 3);
	CHECK_EQ(visit_set_add(&s, 1), VISIT_FULL);
	visit_set_clear(&s);
	CHECK(!visit_set_has(&s, ~0ULL));
	CHECK_EQ(visit_set_add(&s, ~0ULL), VISIT_NEW);
}

/* Fewer than 4 slots, or none: every insertion is FULL, ~0 included. */
TEST(no_storage)
{
	u64 slots[3];
	struct visit_set s;

	visit_set_init(&s, NULL, 0);
	CHECK_EQ(visit_set_capacity(&s), 0);
	CHECK_EQ(visit_set_add(&s, 0x1000), VISIT_FULL);
	CHECK_EQ(visit_set_add(&s, ~0ULL), VISIT_FULL);
	CHECK(!visit_set_has(&s, 0x1000));
	visit_set_init(&s, slots, 3);
	CHECK_EQ(visit_set_add(&s, 0), VISIT_FULL);
	CHECK(s.full);
}

/* Slot counts that are not a power of two are rounded down. */
TEST(rounds_down_to_power_of_two)
{
	u64 slots[100];
	struct visit_set s;

	visit_set_init(&s, slots, 100);
	CHECK_EQ(s.slot_count, 64);
	CHECK_EQ(visit_set_capacity(&s), 48);
}

static u64 rng = 0x9e3779b97f4a7c15ULL;

static u64 next_random(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/*
 * Random keys (page addresses from a small pool, so that many repeat, plus
 * 0 and ~0 now and then) against a plain array: every answer the same, and
 * FULL exactly when a new key arrives with capacity keys held.
 */
TEST(random_keys_match_brute_force)
{
	static u64 slots[1024], model[1024];
	unsigned int round;

	for (round = 0; round < 20; round++) {
		u64 n = 16u << (round % 7), held = 0, i, j, pool;
		bool refused = false;
		struct visit_set s;

		visit_set_init(&s, slots, n);
		pool = visit_set_capacity(&s) + 1 + round * 7;
		for (i = 0; i < 8 * n; i++) {
			u64 r = next_random(), key;
			enum visit_result want, got;
			bool known = false;

			key = r % 61 == 0 ? 0 : r % 67 == 0 ? ~0ULL :
			      (next_random() % pool) << 12;
			for (j = 0; j < held; j++)
				known = known || model[j] == key;
			if (known)
				want = VISIT_SEEN;
			else if (held == visit_set_capacity(&s))
				want = VISIT_FULL;
			else
				want = VISIT_NEW;
			got = visit_set_add(&s, key);
			if (got != want) {
				CHECK_FAIL("round %u op %llu key %#llx: %d, want %d",
					   round, (unsigned long long)i,
					   (unsigned long long)key, got, want);
				return;
			}
			if (want == VISIT_NEW)
				model[held++] = key;
			refused = refused || want == VISIT_FULL;
			CHECK_EQ(s.used, held);
			CHECK_EQ(visit_set_has(&s, key), want != VISIT_FULL);
		}
		CHECK_EQ(s.full, refused);
		CHECK_EQ(held, visit_set_capacity(&s));	/* pool > capacity */
	}
}
