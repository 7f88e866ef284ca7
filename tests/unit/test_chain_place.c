// SPDX-License-Identifier: MIT
/*
 * Unit tests of boot/chain/place.c over a fake scratch allocator with the
 * documented find() contract: first area in array order, highest address.
 */
#include "check.h"
#include <boot/chain/place.h>

#define MAX_RANGES 64

struct range {
	uint64_t start, size;
};

struct fake_scratch {
	struct range areas[8];
	int area_count;
	struct range taken[MAX_RANGES];	/* reservations, then claims */
	int taken_count;
	int reservation_count;
	int claims[CHAIN_SEG_COUNT];
	bool corrupt;			/* return a misaligned address */
	bool refuse_claim;
};

static bool overlaps(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
	return a < b + blen && b < a + alen;
}

static bool fake_find(void *ctx, u64 size, u64 align, phys_addr_t min,
		      phys_addr_t max, phys_addr_t *out)
{
	struct fake_scratch *f = ctx;
	int a, t;

	for (a = 0; a < f->area_count; a++) {
		uint64_t lo = MAX(f->areas[a].start, min);
		uint64_t hi = f->areas[a].start + f->areas[a].size;
		uint64_t pa;

		hi = MIN(hi, max);
		if (hi < size || hi - size < lo)
			continue;
		pa = ALIGN_DOWN(hi - size, align);
		while (pa >= lo) {
			bool clash = false;

			for (t = 0; t < f->taken_count; t++) {
				struct range *r = &f->taken[t];

				if (!overlaps(pa, size, r->start, r->size))
					continue;
				clash = true;
				if (r->start < size)
					pa = 0, lo = 1;	/* nothing below */
				else
					pa = ALIGN_DOWN(r->start - size, align);
				break;
			}
			if (!clash) {
				*out = f->corrupt ? pa + 1 : pa;
				return true;
			}
		}
	}
	return false;
}

static bool fake_claim(void *ctx, phys_addr_t pa, u64 size,
		       enum chain_segment_kind kind)
{
	struct fake_scratch *f = ctx;

	if (f->refuse_claim)
		return false;
	f->taken[f->taken_count].start = pa;
	f->taken[f->taken_count].size = size;
	f->taken_count++;
	f->claims[kind]++;
	return true;
}

static void fake_init(struct fake_scratch *f)
{
	memset(f, 0, sizeof(*f));
}

static void add_area(struct fake_scratch *f, uint64_t start, uint64_t size)
{
	f->areas[f->area_count].start = start;
	f->areas[f->area_count].size = size;
	f->area_count++;
}

static void reserve(struct fake_scratch *f, uint64_t start, uint64_t size)
{
	f->taken[f->taken_count].start = start;
	f->taken[f->taken_count].size = size;
	f->taken_count++;
	f->reservation_count = f->taken_count;
}

static struct chain_bzimage kernel_like_linux(void)
{
	struct chain_bzimage k;

	memset(&k, 0, sizeof(k));
	k.memsz = 0x2346000;
	k.kernel_alignment = 0x200000;
	k.pref_address = 0x1000000;
	k.xloadflags = BZ_XLF_KERNEL_64 | BZ_XLF_CAN_BE_LOADED_ABOVE_4G;
	k.initrd_addr_max = 0x7fffffff;
	return k;
}

static struct place_ops ops_for(struct fake_scratch *f)
{
	struct place_ops ops = { fake_find, fake_claim, f };

	return ops;
}

TEST(top_down_in_lowmem_area)
{
	/* The 7.2 capture's lowmem area: 0x78800000..0x7c800000. */
	struct fake_scratch f;
	struct chain_bzimage k = kernel_like_linux();
	struct chain_place_request req = {
		.kernel = &k, .params_size = 0x1234, .initrd_size = 0x3ab000,
		.trampoline_size = 1,
	};
	struct place_ops ops;
	struct chain_plan plan;
	struct chain_status st;

	fake_init(&f);
	add_area(&f, 0x78800000, 0x4000000);
	add_area(&f, 0x100000000, 0x10000000);
	ops = ops_for(&f);
	CHECK(chain_place(&req, &ops, &plan, &st));
	CHECK_EQ(st.code, CHAIN_OK);
	CHECK_EQ(plan.seg[CHAIN_SEG_PARAMS].pa, 0x7c7fe000);
	CHECK_EQ(plan.seg[CHAIN_SEG_PARAMS].memsz, 0x2000);
	CHECK_EQ(plan.seg[CHAIN_SEG_TRAMPOLINE].pa, 0x7c7fd000);
	CHECK_EQ(plan.seg[CHAIN_SEG_TRAMPOLINE].memsz, 0x1000);
	/* 0x7c7fd000 - 0x2346000 = 0x7a4b7000 -> 2 MiB down: 0x7a400000 */
	CHECK_EQ(plan.seg[CHAIN_SEG_KERNEL].pa, 0x7a400000);
	CHECK_EQ(plan.seg[CHAIN_SEG_KERNEL].memsz, 0x2346000);
	CHECK_EQ(plan.seg[CHAIN_SEG_KERNEL].align, 0x200000);
	CHECK_EQ(plan.seg[CHAIN_SEG_KERNEL].min, 0x1000000);
	CHECK_EQ(plan.seg[CHAIN_SEG_INITRD].pa, 0x7a400000 - 0x3ab000);
	CHECK_EQ(f.claims[CHAIN_SEG_PARAMS], 1);
	CHECK_EQ(f.claims[CHAIN_SEG_TRAMPOLINE], 1);
	CHECK_EQ(f.claims[CHAIN_SEG_KERNEL], 1);
	CHECK_EQ(f.claims[CHAIN_SEG_INITRD], 1);
}

TEST(optional_segments_absent)
{
	struct fake_scratch f;
	struct chain_bzimage k = kernel_like_linux();
	struct chain_place_request req = { .kernel = &k, .params_size = 4096 };
	struct place_ops ops;
	struct chain_plan plan;
	struct chain_status st;

	fake_init(&f);
	add_area(&f, 0x78800000, 0x4000000);
	ops = ops_for(&f);
	CHECK(chain_place(&req, &ops, &plan, &st));
	CHECK(!plan.seg[CHAIN_SEG_TRAMPOLINE].present);
	CHECK(!plan.seg[CHAIN_SEG_INITRD].present);
	CHECK_EQ(f.claims[CHAIN_SEG_INITRD], 0);
	CHECK_EQ(plan.seg[CHAIN_SEG_PARAMS].pa, 0x7c7ff000);
	CHECK_EQ(plan.seg[CHAIN_SEG_KERNEL].pa, 0x7a400000);
}

TEST(first_area_that_fits_in_array_order)
{
	/* Area 0 too small for the kernel: it goes to area 1, not area 2
	 * even though area 2 is higher. Params still take area 0. */
	struct fake_scratch f;
	struct chain_bzimage k = kernel_like_linux();
	struct chain_place_request req = {
		.kernel = &k, .params_size = 0x1800, .initrd_size = 0x1000,
	};
	struct place_ops ops;
	struct chain_plan plan;
	struct chain_status st;

	fake_init(&f);
	add_area(&f, 0x2000000, 0x400000);
	add_area(&f, 0x40000000, 0x8000000);
	add_area(&f, 0x200000000, 0x8000000);
	ops = ops_for(&f);
	CHECK(chain_place(&req, &ops, &plan, &st));
	CHECK_EQ(plan.seg[CHAIN_SEG_PARAMS].pa, 0x23fe000);
	CHECK_EQ(plan.seg[CHAIN_SEG_KERNEL].pa, 0x45c00000);
	/* initrd fits below params in area 0 */
	CHECK_EQ(plan.seg[CHAIN_SEG_INITRD].pa, 0x23fd000);
}

TEST(avoids_reservations)
{
	struct fake_scratch f;
	struct chain_bzimage k = kernel_like_linux();
	struct chain_place_request req = {
		.kernel = &k, .params_size = 0x1000, .initrd_size = 0x5000,
	};
	struct place_ops ops;
	struct chain_plan plan;
	struct chain_status st;

	fake_init(&f);
	add_area(&f, 0x76800000, 0x6000000);
	reserve(&f, 0x7c7ff000, 0x1000);	/* e.g. baton's report */
	reserve(&f, 0x7c000000, 0x600000);	/* baton's image */
	reserve(&f, 0x7a300000, 0x1000);	/* an allocation */
	ops = ops_for(&f);
	CHECK(chain_place(&req, &ops, &plan, &st));
	CHECK_EQ(plan.seg[CHAIN_SEG_PARAMS].pa, 0x7c7fe000);
	/*
	 * Kernel (0x2346000, 2 MiB aligned): 0x7a400000 hits the image,
	 * 0x79c00000 hits the allocation at 0x7a300000, so 0x77e00000.
	 */
	CHECK_EQ(plan.seg[CHAIN_SEG_KERNEL].pa, 0x77e00000);
	/* initrd: below the report and then below params. */
	CHECK_EQ(plan.seg[CHAIN_SEG_INITRD].pa, 0x7c7f9000);
}

TEST(pref_address_respected)
{
	struct fake_scratch f;
	struct chain_bzimage k = kernel_like_linux();
	struct chain_place_request req = { .kernel = &k, .params_size = 1 };
	struct place_ops ops;
	struct chain_plan plan;
	struct chain_status st;

	/* Area 0 lies below pref_address (16 MiB) except its last 4 MiB. */
	fake_init(&f);
	add_area(&f, 0x400000, 0x1000000);
	add_area(&f, 0x80000000, 0x4000000);
	ops = ops_for(&f);
	CHECK(chain_place(&req, &ops, &plan, &st));
	CHECK_EQ(plan.seg[CHAIN_SEG_PARAMS].pa, 0x13ff000);
	CHECK_EQ(plan.seg[CHAIN_SEG_KERNEL].pa, 0x81c00000);

	/* A low pref_address still keeps the kernel above 1 MiB. */
	k.pref_address = 0x1000;
	k.memsz = 0x200000;
	fake_init(&f);
	add_area(&f, 0x0, 0x400000);
	ops = ops_for(&f);
	CHECK(!chain_place(&req, &ops, &plan, &st));
	CHECK_STR(st.message, "no free scratch for kernel: 0x200000 bytes aligned 0x200000 in [0x100000, 0xffffffffffffffff)");
	fake_init(&f);
	add_area(&f, 0x0, 0x600000);
	ops = ops_for(&f);
	CHECK(chain_place(&req, &ops, &plan, &st));
	CHECK_EQ(plan.seg[CHAIN_SEG_KERNEL].pa, 0x200000);
}

TEST(initrd_addr_max_without_above_4g_flag)
{
	struct fake_scratch f;
	struct chain_bzimage k = kernel_like_linux();
	struct chain_place_request req = {
		.kernel = &k, .params_size = 1, .initrd_size = 0x2000,
	};
	struct place_ops ops;
	struct chain_plan plan;
	struct chain_status st;

	k.xloadflags = BZ_XLF_KERNEL_64;
	k.initrd_addr_max = 0x37ffffff;
	fake_init(&f);
	add_area(&f, 0x30000000, 0x10000000);
	ops = ops_for(&f);
	CHECK(chain_place(&req, &ops, &plan, &st));
	CHECK_EQ(plan.seg[CHAIN_SEG_INITRD].max, 0x38000000);
	CHECK_EQ(plan.seg[CHAIN_SEG_INITRD].pa, 0x37ffe000);
	CHECK_EQ(plan.seg[CHAIN_SEG_PARAMS].pa, 0x3ffff000);
}

TEST(exhaustion_names_sizes)
{
	struct fake_scratch f;
	struct chain_bzimage k = kernel_like_linux();
	struct chain_place_request req = {
		.kernel = &k, .params_size = 0x2000, .initrd_size = 0x10000000,
	};
	struct place_ops ops;
	struct chain_plan plan;
	struct chain_status st;

	fake_init(&f);
	add_area(&f, 0x78800000, 0x4000000);
	ops = ops_for(&f);
	CHECK(!chain_place(&req, &ops, &plan, &st));
	CHECK_EQ(st.code, CHAIN_ERR_PLACE);
	CHECK_STR(st.message, "no free scratch for initrd: 0x10000000 bytes aligned 0x1000 in [0x1000000, 0xffffffffffffffff)");

	fake_init(&f);
	ops = ops_for(&f);
	CHECK(!chain_place(&req, &ops, &plan, &st));
	CHECK_STR(st.message, "no free scratch for boot_params: 0x2000 bytes aligned 0x1000 in [0x100000, 0xffffffffffffffff)");
}

TEST(bad_allocator_answer_rejected)
{
	struct fake_scratch f;
	struct chain_bzimage k = kernel_like_linux();
	struct chain_place_request req = { .kernel = &k, .params_size = 1 };
	struct place_ops ops;
	struct chain_plan plan;
	struct chain_status st;

	fake_init(&f);
	add_area(&f, 0x78800000, 0x4000000);
	f.corrupt = true;
	ops = ops_for(&f);
	CHECK(!chain_place(&req, &ops, &plan, &st));
	CHECK_STR(st.message, "scratch allocator returned 0x7c7ff001 for boot_params (0x1000 bytes aligned 0x1000 in [0x100000, 0xffffffffffffffff)), which breaks the request");
	CHECK_EQ(f.claims[CHAIN_SEG_PARAMS], 0);

	fake_init(&f);
	add_area(&f, 0x78800000, 0x4000000);
	f.refuse_claim = true;
	ops = ops_for(&f);
	CHECK(!chain_place(&req, &ops, &plan, &st));
	CHECK_STR(st.message, "scratch allocator refused to claim boot_params at [0x7c7ff000, +0x1000)");
	CHECK(!plan.seg[CHAIN_SEG_KERNEL].pa);
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rnd(uint64_t n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state % n;
}

TEST(random_layouts_never_overlap)
{
	int iter, placed = 0, failed = 0;

	for (iter = 0; iter < 2000; iter++) {
		struct fake_scratch f;
		struct chain_bzimage k = kernel_like_linux();
		struct chain_place_request req;
		struct place_ops ops;
		struct chain_plan plan;
		struct chain_status st;
		int i, j, n;

		fake_init(&f);
		n = 1 + (int)rnd(4);
		for (i = 0; i < n; i++)
			add_area(&f, (rnd(64) + 1) * 0x4000000,
				 (rnd(16) + 1) * 0x400000);
		n = (int)rnd(12);
		for (i = 0; i < n; i++)
			reserve(&f, rnd(0x110000000) & PAGE_MASK,
				(rnd(0x800) + 1) * 0x1000);
		k.memsz = (rnd(0x4000) + 1) * 0x1000;
		k.kernel_alignment = 0x1000ULL << rnd(12);
		k.pref_address = rnd(3) ? 0x1000000 : 0x100000;
		req.kernel = &k;
		req.params_size = rnd(0x4000) + 1;
		req.initrd_size = rnd(2) ? rnd(0x2000000) : 0;
		req.trampoline_size = rnd(2) ? 0x1000 : 0;
		ops = ops_for(&f);
		if (!chain_place(&req, &ops, &plan, &st)) {
			failed++;
			CHECK_EQ(st.code, CHAIN_ERR_PLACE);
			continue;
		}
		placed++;
		for (i = 0; i < CHAIN_SEG_COUNT; i++) {
			struct chain_segment *s = &plan.seg[i];
			bool inside = false;

			if (!s->present)
				continue;
			CHECK(IS_ALIGNED(s->pa, s->align));
			CHECK(s->pa >= s->min);
			for (j = 0; j < f.area_count; j++)
				inside |= s->pa >= f.areas[j].start &&
					  s->pa + s->memsz <= f.areas[j].start +
							       f.areas[j].size;
			CHECK(inside);
			for (j = 0; j < f.reservation_count; j++)
				CHECK(!overlaps(s->pa, s->memsz,
						f.taken[j].start,
						f.taken[j].size));
			for (j = 0; j < i; j++)
				CHECK(!plan.seg[j].present ||
				      !overlaps(s->pa, s->memsz,
						plan.seg[j].pa,
						plan.seg[j].memsz));
		}
		CHECK(IS_ALIGNED(plan.seg[CHAIN_SEG_KERNEL].pa,
				 k.kernel_alignment));
		CHECK(plan.seg[CHAIN_SEG_KERNEL].pa >= k.pref_address);
	}
	/* Both outcomes must be exercised for the test to mean anything. */
	CHECK(placed > 200);
	CHECK(failed > 50);
}
