// SPDX-License-Identifier: MIT
/*
 * Where the AP trampoline goes (boot/smp_place.c) on the mm fixture's
 * machine (RAM [0, 0x9fc00) below 1 MiB): the top of free low RAM on a
 * plain boot, KHO scratch below 1 MiB first when there is some (and then
 * reserved), below preserved ranges, and I_SMP_NO_TRAMPOLINE when low RAM
 * is all handover data.
 */
#include "check.h"
#include "test_mm_fixture.h"
#include <boot/smp_place.h>

#define TRAMP_SIZE	(5 * PAGE_SIZE)

static void boot_e820(void)
{
	memcpy(fx_boot.e820, fx_e820, sizeof(fx_e820));
	fx_boot.e820_count = ARRAY_SIZE(fx_e820);
}

static bool place(struct smp_place *p)
{
	boot_e820();
	return smp_place_trampoline(&fx_mm, &fx_boot, TRAMP_SIZE, 0x100000, 4,
				    p, &fx_findings);
}

TEST(place_plain_boot_top_of_low_ram)
{
	struct smp_place p;

	fx_setup(false);
	CHECK_EQ(fx_reserve(NULL, 0, 0), 0);
	CHECK(place(&p));
	CHECK_EQ(p.pa, 0x9a000);	/* [0x9a000, 0x9f000): below 0x9fc00 */
	CHECK(!p.in_scratch);
	CHECK_EQ(fx_findings.count, 0);
}

/* A preserved range at the top of low RAM: the trampoline goes below. */
TEST(place_below_preserved)
{
	static const struct fx_entry list[] = {
		{ 0x98000, 2, false },	/* [0x98000, 0x9c000) */
	};
	struct smp_place p;

	fx_setup(true);
	CHECK_EQ(fx_reserve(list, ARRAY_SIZE(list), 0), 0);
	CHECK(place(&p));
	CHECK_EQ(p.pa, 0x93000);	/* [0x93000, 0x98000) */
	CHECK(!p.in_scratch);
	CHECK_EQ(fx_count(I_SMP_NO_TRAMPOLINE), 0);
}

/* Scratch below 1 MiB is preferred, and reserved as baton's. */
TEST(place_in_low_scratch)
{
	struct smp_place p, again;

	fx_setup(true);
	CHECK(mm_add_scratch_area(&fx_mm, 0x10000, 0x40000));
	CHECK_EQ(fx_reserve(NULL, 0, 0), 0);
	CHECK(place(&p));
	CHECK_EQ(p.pa, 0x4b000);	/* top of [0x10000, 0x50000) */
	CHECK(p.in_scratch);
	CHECK(!mm_is_free(&fx_mm, p.pa, TRAMP_SIZE));
	CHECK(place(&again));
	CHECK_EQ(again.pa, 0x46000);	/* the first one is taken */
}

/* Low RAM all preserved (one page left): no trampoline, the finding. */
TEST(place_none_when_low_ram_is_handover_data)
{
	static const struct fx_entry list[] = {
		{ 0x0, 7, false },	/* [0, 0x80000) */
		{ 0x80000, 4, false },	/* [0x80000, 0x90000) */
		{ 0x90000, 3, false },	/* [0x90000, 0x98000) */
		{ 0x98000, 2, false },
		{ 0x9c000, 1, false },
		{ 0x9e000, 0, false },	/* 0x9f000 stays free: 1 page */
	};
	struct smp_place p;

	fx_setup(true);
	CHECK_EQ(fx_reserve(list, ARRAY_SIZE(list), 0), 0);
	CHECK(!place(&p));
	CHECK_EQ(p.pa, 0);
	CHECK_EQ(fx_count(I_SMP_NO_TRAMPOLINE), 1);
	CHECK_STR(fx_findings.items[fx_findings.count - 1].message,
		  "no 0x5000 bytes free below 0x100000 (KHO scratch, or RAM without handover data): digests on 1 of 4 CPUs");
}
