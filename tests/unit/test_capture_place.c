// SPDX-License-Identifier: MIT
/*
 * Unit tests of efi/scratch_place.c driven by boot/chain/place.c: where
 * baton.efi puts boot_params, the trampoline, the kernel and the initrd
 * inside a capture's scratch areas (exact addresses).
 */
#include "check.h"
#include <baton/capture.h>
#include <efi/scratch_place.h>

static struct capture_range ram[2], scratch[4];
static struct capture_blob blobs[2];
static struct capture_pattern patterns[2];
static struct capture_expect expects[2];
static const struct capture_storage storage = {
	ram, 2, scratch, 4, blobs, 2, patterns, 2, expects, 2,
};
static struct capture cap;

static struct chain_bzimage kernel(uint16_t xloadflags)
{
	return (struct chain_bzimage){
		.memsz = 0x200000, .kernel_alignment = 0x200000,
		.pref_address = 0x1000000, .xloadflags = xloadflags,
		.initrd_addr_max = 0x7fffffff,
	};
}

static bool place(const char *manifest, const struct chain_bzimage *k,
		  uint64_t initrd_size, struct chain_plan *plan,
		  struct chain_status *st)
{
	struct chain_place_request req = {
		.kernel = k, .params_size = 0x4000,
		.trampoline_size = 0x4000, .initrd_size = initrd_size,
	};
	struct capture_error err;
	struct scratch_placer placer;
	struct place_ops ops;

	if (!capture_parse(manifest, strlen(manifest), &storage, &cap, &err)) {
		CHECK_FAIL("parse: %s", err.message);
		return false;
	}
	scratch_placer_init(&placer, &cap);
	ops = scratch_placer_ops(&placer);
	return chain_place(&req, &ops, plan, st);
}

static const uint16_t above_4g = BZ_XLF_KERNEL_64 |
				 BZ_XLF_CAN_BE_LOADED_ABOVE_4G;

TEST(top_down_in_area_zero_around_the_scratch_array)
{
	struct chain_bzimage k = kernel(above_4g);
	struct chain_plan plan;
	struct chain_status st;

	CHECK(place("format baton-capture 1\n"
		    "scratch 0x8000000 0x1000000\nscratch 0x10000000 0x400000\n"
		    "blob f 0x4000000\nkho-fdt 0x4000000 0x1000\n"
		    "scratch-array 0x8ff0000\n", &k, 0x5000, &plan, &st));
	CHECK_EQ(plan.seg[CHAIN_SEG_PARAMS].pa, 0x8ffc000);
	CHECK_EQ(plan.seg[CHAIN_SEG_TRAMPOLINE].pa, 0x8ff8000);
	/* 0x8e00000 would cover the array and both segments above it. */
	CHECK_EQ(plan.seg[CHAIN_SEG_KERNEL].pa, 0x8c00000);
	CHECK_EQ(plan.seg[CHAIN_SEG_KERNEL].memsz, 0x200000);
	/* Steps below params, then the trampoline, stays above the array. */
	CHECK_EQ(plan.seg[CHAIN_SEG_INITRD].pa, 0x8ff3000);
	CHECK_EQ(plan.seg[CHAIN_SEG_INITRD].memsz, 0x5000);
}

TEST(next_area_when_the_first_is_too_small)
{
	struct chain_bzimage k = kernel(above_4g);
	struct chain_plan plan;
	struct chain_status st;

	CHECK(place("format baton-capture 1\n"
		    "scratch 0x8000000 0x100000\nscratch 0x20000000 0x1000000\n",
		    &k, 0, &plan, &st));
	CHECK_EQ(plan.seg[CHAIN_SEG_PARAMS].pa, 0x80fc000);
	CHECK_EQ(plan.seg[CHAIN_SEG_TRAMPOLINE].pa, 0x80f8000);
	CHECK_EQ(plan.seg[CHAIN_SEG_KERNEL].pa, 0x20e00000);
	CHECK(!plan.seg[CHAIN_SEG_INITRD].present);
}

TEST(initrd_limit_below_4g_and_kernel_minimum)
{
	struct chain_bzimage k = kernel(BZ_XLF_KERNEL_64);
	struct chain_plan plan;
	struct chain_status st;

	/* Area 0 above 4 GiB: all but the initrd go there. */
	CHECK(place("format baton-capture 1\n"
		    "scratch 0x100000000 0x1000000\nscratch 0x8000000 0x1000000\n",
		    &k, 0x5000, &plan, &st));
	CHECK_EQ(plan.seg[CHAIN_SEG_PARAMS].pa, 0x100ffc000ULL);
	CHECK_EQ(plan.seg[CHAIN_SEG_KERNEL].pa, 0x100c00000ULL);
	CHECK_EQ(plan.seg[CHAIN_SEG_INITRD].pa, 0x8ffb000);
	/* An area wholly below pref_address (16 MiB) cannot hold the kernel. */
	CHECK(!place("format baton-capture 1\nscratch 0x400000 0x800000\n",
		     &k, 0, &plan, &st));
	CHECK_EQ(st.code, CHAIN_ERR_PLACE);
	CHECK(strncmp(st.message, "no free scratch for kernel", 26) == 0);
	CHECK_EQ(plan.seg[CHAIN_SEG_PARAMS].pa, 0xbfc000);
}

TEST(taken_list_is_bounded)
{
	struct scratch_placer placer;
	struct place_ops ops;
	struct capture_error err;
	uint32_t i;

	CHECK(capture_parse("format baton-capture 1\nscratch 0x1000000 0x1000000\n",
			    51, &storage, &cap, &err));
	scratch_placer_init(&placer, &cap);
	CHECK_EQ(placer.taken_count, 0);
	ops = scratch_placer_ops(&placer);
	for (i = 0; i < SCRATCH_PLACER_TAKEN_MAX; i++)
		CHECK(ops.claim(ops.ctx, 0x1000000 + i * 0x1000, 0x1000,
				CHAIN_SEG_PARAMS));
	CHECK(!ops.claim(ops.ctx, 0x1800000, 0x1000, CHAIN_SEG_PARAMS));
}
