// SPDX-License-Identifier: MIT
/*
 * The allocator against brute force: every allocation must be the lowest
 * aligned free address of the first scratch area (array order) with room,
 * never outside scratch or inside any reservation; every top-down search the
 * highest such address. Exhaustion messages are checked exactly.
 */
#include "check.h"
#include "test_mm_fixture.h"

#define MAX_TAKEN 4096

struct taken {
	u64 start, end;
};

static struct taken taken[MAX_TAKEN];
static u32 taken_count;

static void take(u64 start, u64 end)
{
	if (taken_count < MAX_TAKEN)
		taken[taken_count++] = (struct taken){ start, end };
}

static bool is_free(u64 start, u64 end)
{
	u32 i;

	for (i = 0; i < taken_count; i++)
		if (start < taken[i].end && taken[i].start < end)
			return false;
	return true;
}

/* The answer by exhaustive search over aligned candidates. */
static bool brute(u64 size, u64 align, u64 min, u64 max, bool top_down,
		  u64 *out)
{
	u32 i;

	for (i = 0; i < fx_mm.scratch_count; i++) {
		const struct mm_scratch_area *a = &fx_mm.scratch[i];
		u64 lo = MAX(a->start, min), hi = MIN(a->start + a->size, max);
		u64 pa;

		if (a->refused || hi < lo || hi - lo < size)
			continue;
		if (top_down) {
			for (pa = ALIGN_DOWN(hi - size, align); pa >= lo;
			     pa -= align) {
				if (is_free(pa, pa + size)) {
					*out = pa;
					return true;
				}
				if (pa < align)
					break;
			}
		} else {
			for (pa = ALIGN_UP(lo, align); pa + size <= hi;
			     pa += align) {
				if (is_free(pa, pa + size)) {
					*out = pa;
					return true;
				}
			}
		}
	}
	return false;
}

static u64 rng_state;

static u64 rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static struct fx_entry random_map[200];

/* Reserves a random map, some of it (wrongly) inside scratch. */
static void setup_random(u64 seed)
{
	const struct range_set *occ;
	size_t i;

	rng_state = seed;
	for (i = 0; i < ARRAY_SIZE(random_map); i++) {
		u64 base = i % 4 ? 0x2000000 : (i % 8 ? FX_AREA0 : FX_AREA1);
		u64 page = rng() % 1024;

		random_map[i] = (struct fx_entry){ base + page * PAGE_SIZE,
						   0, i % 5 == 0 };
	}
	fx_setup(true);
	CHECK_EQ(fx_reserve(random_map, ARRAY_SIZE(random_map), 0), 0);
	taken_count = 0;
	occ = &fx_mm.occupied;
	for (i = 0; i < occ->count; i++)
		take(occ->entries[i].start, occ->entries[i].end);
}

static void random_allocations(u64 seed)
{
	int i, allocs = 0, failures = 0, finds = 0, mismatches = 0;

	setup_random(seed);
	for (i = 0; i < 400; i++) {
		u64 size = (rng() % 48 + 1) * PAGE_SIZE;
		u64 align = PAGE_SIZE << (rng() % 7);
		u64 min = rng() % 3 ? 0 : FX_AREA1 + (rng() % 16) * SZ_1M / 2;
		u64 max = rng() % 3 ? MM_NO_MAX : min + (rng() % 16 + 1) * SZ_1M;
		bool top_down = rng() % 4 == 0;
		u64 expected = 0;
		bool exists = brute(size, align, min, max, top_down, &expected);
		phys_addr_t pa = 0;
		bool ok;

		if (top_down) {
			ok = mm_find_top_down(&fx_mm, size, align, min, max,
					      &pa);
			finds++;
		} else {
			ok = mm_alloc(&fx_mm, size, align, min, max, &pa) == 0;
		}
		if (ok != exists || (ok && pa != expected)) {
			mismatches++;
			fprintf(stderr, "  size 0x%llx align 0x%llx [0x%llx-0x%llx) %s: got %d 0x%llx, brute %d 0x%llx\n",
				(unsigned long long)size,
				(unsigned long long)align,
				(unsigned long long)min,
				(unsigned long long)max,
				top_down ? "top-down" : "alloc", ok,
				(unsigned long long)pa, exists,
				(unsigned long long)expected);
			continue;
		}
		if (!ok) {
			failures++;
			continue;
		}
		if (pa % align || pa < min || pa + size > max)
			mismatches++;
		if (!top_down) {
			allocs++;
			take(pa, pa + size);
			if (range_set_kind_at(&fx_mm.occupied, pa) !=
			    MM_KIND_BATON_ALLOC)
				mismatches++;
		} else if (rng() % 2) {
			CHECK_EQ(mm_claim_next_kernel(&fx_mm, pa, size), 0);
			take(pa, pa + size);
		}
	}
	CHECK_EQ(mismatches, 0);
	CHECK(allocs > 50);
	CHECK(failures > 10);	/* scratch did run out */
	CHECK(finds > 50);
}

TEST(random_allocations_match_brute_force)
{
	random_allocations(0x0123456789abcdefULL);
	random_allocations(0xfedcba9876543210ULL);
}

TEST(claim_refuses_occupied_memory)
{
	fx_setup(true);
	CHECK_EQ(fx_reserve(NULL, 0, 0), 0);
	CHECK_EQ(mm_claim_next_kernel(&fx_mm, FX_IMAGE - PAGE_SIZE,
				      2 * PAGE_SIZE), -1);
	CHECK_STR(fx_mm.error,
		  "next-kernel segment [0x11ff000 +0x2000) is not free scratch");
	CHECK_EQ(mm_claim_next_kernel(&fx_mm, FX_AREA0 + FX_AREA_SIZE - PAGE_SIZE,
				      2 * PAGE_SIZE), -1);
	CHECK_EQ(mm_claim_next_kernel(&fx_mm, FX_IMAGE - PAGE_SIZE, PAGE_SIZE),
		 0);
	CHECK_EQ(range_set_kind_at(&fx_mm.occupied, FX_IMAGE - PAGE_SIZE),
		 MM_KIND_NEXT_KERNEL);
	CHECK_EQ(fx_mm.next_kernel_bytes, PAGE_SIZE);
}

TEST(exhaustion_message_names_request_and_free_memory)
{
	phys_addr_t pa;
	struct mm_free_stats st;

	fx_setup(true);
	CHECK_EQ(fx_reserve(NULL, 0, 0), 0);
	mm_free_stats(&fx_mm, 0, MM_NO_MAX, &st);
	/*
	 * Minus the 64 KiB arena, image, initrd and three pages of boot data
	 * (scratch array; boot_params; cmdline + setup_data share a page).
	 */
	CHECK_EQ(st.bytes, 2 * FX_AREA_SIZE - 0x10000 - FX_IMAGE_SIZE -
				   0x80000 - 0x3000);
	CHECK_EQ(st.blocks, 5);
	CHECK_EQ(st.largest, FX_AREA_SIZE);
	CHECK_EQ(mm_alloc(&fx_mm, 5 * SZ_1M, SZ_2M, 0, MM_NO_MAX, &pa), -1);
	CHECK_STR(fx_mm.error,
		  "allocation: out of scratch: asked 0x500000 bytes align 0x200000 in [0x0-0xffffffffffffffff), free 0x66d000 in 5 blocks, largest 0x400000");
	CHECK_EQ(fx_count(E_MM_ALLOC_FAILED), 1);
	CHECK_EQ(mm_alloc(&fx_mm, SZ_1M, 0, FX_AREA1, FX_AREA1 + 0x80000, &pa),
		 -1);
	CHECK_STR(fx_mm.error,
		  "allocation: out of scratch: asked 0x100000 bytes align 0x1000 in [0x800000-0x880000), free 0x80000 in 1 blocks, largest 0x80000");
	/* Sizes are rounded to pages, alignment must be a power of two. */
	CHECK_EQ(mm_alloc(&fx_mm, 1, 0, 0, MM_NO_MAX, &pa), 0);
	CHECK_EQ(pa, FX_AREA0 + 0x10000);
	CHECK_EQ(range_set_find(&fx_mm.occupied, pa)->end, pa + 0x1000);
	CHECK_EQ(mm_alloc(&fx_mm, PAGE_SIZE, 0x3000, 0, MM_NO_MAX, &pa), -1);
	CHECK_STR(fx_mm.error,
		  "allocation: invalid request size 0x1000 align 0x3000");
	CHECK_EQ(mm_alloc(&fx_mm, 0, 0, 0, MM_NO_MAX, &pa), -1);
}

TEST(below_4g_and_above_limits)
{
	phys_addr_t pa;

	fx_setup(true);
	CHECK_EQ(fx_reserve(NULL, 0, 0), 0);
	/* Area #0 first even though area #1 is lower. */
	CHECK_EQ(mm_alloc(&fx_mm, PAGE_SIZE, 0, 0, SZ_4G, &pa), 0);
	CHECK_EQ(pa, FX_AREA0 + 0x10000);
	/* A limit that excludes area #0 sends it to area #1. */
	CHECK_EQ(mm_alloc(&fx_mm, PAGE_SIZE, 0, 0, FX_AREA0, &pa), 0);
	CHECK_EQ(pa, FX_AREA1);
	CHECK_EQ(mm_alloc(&fx_mm, PAGE_SIZE, 0, FX_AREA0 + SZ_2M, MM_NO_MAX,
			  &pa), 0);
	CHECK_EQ(pa, FX_INITRD + 0x80000);	/* after image and initrd */
	/* kexec-style: highest address of the first area with room. */
	CHECK(mm_find_top_down(&fx_mm, SZ_1M, SZ_1M, 16 * SZ_1M, MM_NO_MAX,
			       &pa));
	CHECK_EQ(pa, FX_AREA0 + SZ_1M);
	CHECK(mm_find_top_down(&fx_mm, SZ_1M, SZ_1M, 0, FX_AREA0, &pa));
	CHECK_EQ(pa, FX_AREA1 + 3 * SZ_1M);
	/* A search that finds nothing explains itself but adds no finding. */
	CHECK(!mm_find_top_down(&fx_mm, 8 * SZ_1M, 0, 0, MM_NO_MAX, &pa));
	CHECK_STR(fx_mm.error,
		  "placement: out of scratch: asked 0x800000 bytes align 0x1000 in [0x0-0xffffffffffffffff), free 0x66a000 in 5 blocks, largest 0x3ff000");
	CHECK_EQ(fx_findings.count, 0);
}

TEST(plain_boot_allocates_ram_above_1m_only)
{
	phys_addr_t pa;
	int i;

	fx_setup(false);
	CHECK_EQ(fx_reserve(NULL, 0, 0), 0);
	for (i = 0; i < 100; i++) {
		CHECK_EQ(mm_alloc(&fx_mm, 0x80000, 0, 0, MM_NO_MAX, &pa), 0);
		CHECK(pa >= SZ_1M);
		CHECK_EQ(range_set_bytes_in(&fx_mm.firmware, pa, pa + 0x80000,
					    MM_KIND_RAM), 0x80000);
	}
	/* Top-down over RAM: highest RAM first. */
	CHECK(mm_find_top_down(&fx_mm, PAGE_SIZE, 0, 0, MM_NO_MAX, &pa));
	CHECK_EQ(pa, 0x4000000 - PAGE_SIZE);
	CHECK(!mm_find_top_down(&fx_mm, PAGE_SIZE, 0, 0, SZ_1M, &pa));
}
