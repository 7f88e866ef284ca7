// SPDX-License-Identifier: MIT
/*
 * The placement plan on mm's real allocator (boot/chain/place_mm.c), on
 * the mm test machine: scratch #0 [16M, 20M) holds baton's image, the
 * bundle (initrd), boot_params, cmdline, setup_data and the scratch array.
 */
#include "check.h"
#include "test_mm_fixture.h"
#include <boot/chain/place_mm.h>

struct taken_range {
	u64 start, size;
	const char *what;
};

static const struct taken_range fixture_taken[] = {
	{ FX_IMAGE, FX_IMAGE_SIZE, "image" },
	{ FX_INITRD, 0x80000, "bundle" },
	{ FX_BOOT_PARAMS, 4096, "boot_params" },
	{ FX_CMDLINE, 100, "cmdline" },
	{ FX_SETUP_DATA, 48, "setup_data" },
	{ FX_SCRATCH_ARR, 32, "scratch array" },
};

static bool overlaps(u64 a, u64 alen, u64 b, u64 blen)
{
	return a < b + blen && b < a + alen;
}

static struct chain_bzimage small_kernel(void)
{
	struct chain_bzimage k;

	memset(&k, 0, sizeof(k));
	k.memsz = 0x100000;
	k.kernel_alignment = 0x100000;
	k.pref_address = 0x1000000;
	k.xloadflags = BZ_XLF_KERNEL_64 | BZ_XLF_CAN_BE_LOADED_ABOVE_4G;
	return k;
}

TEST(places_clear_of_every_reservation)
{
	struct chain_bzimage k = small_kernel();
	struct chain_place_request req = {
		.kernel = &k, .params_size = 0x1100, .initrd_size = 0x10000,
		.trampoline_size = 0x1000,
	};
	struct place_ops ops;
	struct chain_plan plan;
	struct chain_status st;
	u64 total = 0;
	int i;
	size_t j;

	fx_setup(true);
	CHECK_EQ(fx_reserve(NULL, 0, 0), 0);
	chain_place_ops_for_mm(&ops, &fx_mm);
	CHECK(chain_place(&req, &ops, &plan, &st));
	CHECK_STR(st.message, "");
	/* Top-down in scratch #0 (array order), kexec_file_load's policy. */
	CHECK_EQ(plan.seg[CHAIN_SEG_PARAMS].pa, 0x13fe000);
	CHECK_EQ(plan.seg[CHAIN_SEG_TRAMPOLINE].pa, 0x13fd000);
	CHECK_EQ(plan.seg[CHAIN_SEG_KERNEL].pa, 0x1100000);
	CHECK_EQ(plan.seg[CHAIN_SEG_INITRD].pa, 0x13e0000);
	for (i = 0; i < CHAIN_SEG_COUNT; i++) {
		const struct chain_segment *s = &plan.seg[i];

		CHECK(s->present);
		CHECK(s->pa >= FX_AREA0 &&
		      s->pa + s->memsz <= FX_AREA0 + FX_AREA_SIZE);
		for (j = 0; j < ARRAY_SIZE(fixture_taken); j++)
			if (overlaps(s->pa, s->memsz, fixture_taken[j].start,
				     fixture_taken[j].size))
				CHECK_FAIL("%s overlaps %s", chain_segment_name(i),
					   fixture_taken[j].what);
		CHECK(!mm_is_free(&fx_mm, s->pa, s->memsz));
		total += s->memsz;
	}
	CHECK_EQ(fx_mm.next_kernel_bytes, total);
}

TEST(exhaustion_reported_by_plan)
{
	struct chain_bzimage k = small_kernel();
	struct chain_place_request req = { .kernel = &k, .params_size = 1 };
	struct place_ops ops;
	struct chain_plan plan;
	struct chain_status st;

	k.memsz = 0x800000;	/* larger than any scratch area */
	fx_setup(true);
	CHECK_EQ(fx_reserve(NULL, 0, 0), 0);
	chain_place_ops_for_mm(&ops, &fx_mm);
	CHECK(!chain_place(&req, &ops, &plan, &st));
	CHECK_EQ(st.code, CHAIN_ERR_PLACE);
	CHECK_STR(st.message, "no free scratch for kernel: 0x800000 bytes aligned 0x100000 in [0x1000000, 0xffffffffffffffff)");
}
