// SPDX-License-Identifier: MIT
/*
 * Placement on mm's real scratch allocator against a brute-force oracle:
 * thousands of seeded random layouts (scratch areas in random array order,
 * reservations inside and outside scratch, byte-granular ones too, the
 * arena) and random kernels/initrds. For each segment the oracle scans
 * every aligned candidate, areas in array order, top-down, over a
 * page-occupancy prefix sum; chain_place() must give exactly its answer
 * (or fail exactly when it finds nothing) and never overlap a reservation
 * or leave scratch.
 */
#include "check.h"
#include <boot/chain/place_mm.h>

#define SPACE		0x8000000ULL		/* 128 MiB of RAM modelled */
#define PAGES		(SPACE / PAGE_SIZE)
#define LAYOUTS		4000
#define MAX_AREAS	4
#define MAX_RESV	24
#define MIB		0x100000ULL

static const struct boot_e820_entry e820[] = {
	{ 0, 0x9fc00, E820_TYPE_RAM },
	{ 0x9fc00, 0x400, E820_TYPE_RESERVED },
	{ 0xf0000, 0x10000, E820_TYPE_RESERVED },
	{ MIB, SPACE - MIB, E820_TYPE_RAM },
};

struct range {
	u64 start, size;
};

struct layout {
	struct range areas[MAX_AREAS];
	int area_count;
	struct range resv[MAX_RESV + 1];	/* + the arena */
	int resv_count;
};

static struct finding finding_storage[512];
static struct finding_list findings;
static struct mm mm;
static void *arena;
static u8 taken[PAGES];
static u32 prefix[PAGES + 1];
static u64 rng;

static u64 rnd(u64 n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng % n;
}

static bool overlaps(u64 a, u64 alen, u64 b, u64 blen)
{
	return a < b + blen && b < a + alen;
}

/* Pages touched by [start, start + size), clipped to the model. */
static void mark(u64 start, u64 size)
{
	u64 p = start / PAGE_SIZE;
	u64 end = MIN(ALIGN_UP(start + size, PAGE_SIZE), SPACE) / PAGE_SIZE;

	for (; p < end; p++)
		taken[p] = 1;
}

static void rebuild_prefix(void)
{
	u64 p;

	prefix[0] = 0;
	for (p = 0; p < PAGES; p++)
		prefix[p + 1] = prefix[p] + taken[p];
}

static bool pages_free(u64 pa, u64 size)
{
	u64 first = pa / PAGE_SIZE, last = (pa + size) / PAGE_SIZE;

	return last <= PAGES && prefix[last] == prefix[first];
}

static void random_areas(struct layout *l)
{
	int want = 1 + (int)rnd(MAX_AREAS), tries;

	l->area_count = 0;
	for (tries = 0; l->area_count < want && tries < 50; tries++) {
		u64 size = (1 + rnd(8192)) * PAGE_SIZE;	/* up to 32 MiB */
		u64 start = MIB + rnd((SPACE - MIB) / PAGE_SIZE) * PAGE_SIZE;
		int i;
		bool clash = start + size > SPACE;

		for (i = 0; i < l->area_count && !clash; i++)
			clash = overlaps(start, size, l->areas[i].start,
					 l->areas[i].size);
		if (clash)
			continue;
		l->areas[l->area_count].start = start;
		l->areas[l->area_count].size = size;
		l->area_count++;
	}
}

/* Reservations: half inside a scratch area, some not page-aligned. */
static void random_reservations(struct layout *l)
{
	static const enum mm_kind kinds[] = {
		MM_KIND_INITRD, MM_KIND_SETUP_DATA, MM_KIND_KEXEC_SEGMENT,
		MM_KIND_CMDLINE, MM_KIND_SCRATCH_ARRAY,
	};
	int i, n = (int)rnd(MAX_RESV + 1);

	l->resv_count = 0;
	for (i = 0; i < n; i++) {
		const struct range *a = &l->areas[rnd(l->area_count)];
		u64 start, size;

		if (rnd(2))
			start = a->start + rnd(a->size);
		else
			start = rnd(SPACE);
		size = rnd(4) ? (1 + rnd(512)) * PAGE_SIZE : 1 + rnd(0x3000);
		if (rnd(3))
			start = ALIGN_DOWN(start, PAGE_SIZE);
		if (start + size > SPACE)
			size = SPACE - start;
		l->resv[l->resv_count].start = start;
		l->resv[l->resv_count].size = size;
		l->resv_count++;
		CHECK_EQ(mm_reserve(&mm, start, size, kinds[rnd(5)]), 0);
	}
}

/* mm as the payload builds it, no map: areas, occupants, arena, commit. */
static bool build_mm(struct layout *l)
{
	phys_addr_t pa;
	u64 size;
	int i;

	finding_list_init(&findings, finding_storage,
			  ARRAY_SIZE(finding_storage));
	mm_init(&mm, &findings);
	mm_load_e820(&mm, e820, ARRAY_SIZE(e820));
	random_areas(l);
	for (i = 0; i < l->area_count; i++)
		CHECK(mm_add_scratch_area(&mm, l->areas[i].start,
					  l->areas[i].size));
	random_reservations(l);
	if (mm_arena_place(&mm, &pa, &size))
		return false;	/* no room even for the arena: skip */
	free(arena);
	arena = malloc(size);
	if (mm_arena_attach(&mm, arena, pa, size) || mm_reserve_commit(&mm))
		return false;
	l->resv[l->resv_count].start = pa;
	l->resv[l->resv_count].size = size;
	l->resv_count++;
	return true;
}

struct want {
	u64 size, align, min, max;
};

/* The oracle: first area in array order, highest free aligned address. */
static bool oracle_find(const struct layout *l, const struct want *w,
			u64 *out)
{
	int i;

	for (i = 0; i < l->area_count; i++) {
		u64 lo = MAX(l->areas[i].start, w->min);
		u64 hi = MIN(l->areas[i].start + l->areas[i].size, w->max);
		u64 pa;

		if (hi < lo || hi - lo < w->size)
			continue;
		for (pa = ALIGN_DOWN(hi - w->size, w->align); pa >= lo;
		     pa -= w->align) {
			if (pages_free(pa, w->size)) {
				*out = pa;
				return true;
			}
			if (pa < w->align)
				break;
		}
	}
	return false;
}

/* docs/chain.md's placement table, written out independently. */
static void wants(const struct chain_place_request *req,
		  struct want w[CHAIN_SEG_COUNT])
{
	const struct chain_bzimage *k = req->kernel;

	w[CHAIN_SEG_PARAMS] = (struct want){
		ALIGN_UP(req->params_size, PAGE_SIZE), PAGE_SIZE, MIB,
		UINT64_MAX };
	w[CHAIN_SEG_TRAMPOLINE] = (struct want){
		ALIGN_UP(req->trampoline_size, PAGE_SIZE), PAGE_SIZE, MIB,
		UINT64_MAX };
	w[CHAIN_SEG_KERNEL] = (struct want){
		k->memsz, MAX(k->kernel_alignment, PAGE_SIZE),
		MAX(k->pref_address, MIB), UINT64_MAX };
	w[CHAIN_SEG_INITRD] = (struct want){
		ALIGN_UP(req->initrd_size, PAGE_SIZE), PAGE_SIZE, 16 * MIB,
		k->xloadflags & BZ_XLF_CAN_BE_LOADED_ABOVE_4G ? UINT64_MAX :
		(u64)k->initrd_addr_max + 1 };
}

static void random_request(struct chain_bzimage *k,
			   struct chain_place_request *req)
{
	static const u64 prefs[] = { 16 * MIB, MIB, 2 * MIB, 0x1000 };

	memset(k, 0, sizeof(*k));
	k->memsz = (1 + rnd(4096)) * PAGE_SIZE;
	k->kernel_alignment = PAGE_SIZE << rnd(10);
	k->pref_address = prefs[rnd(4)];
	k->xloadflags = BZ_XLF_KERNEL_64;
	if (rnd(3))
		k->xloadflags |= BZ_XLF_CAN_BE_LOADED_ABOVE_4G;
	k->initrd_addr_max = (u32)(16 * MIB + rnd(SPACE - 16 * MIB)) - 1;
	req->kernel = k;
	req->params_size = 1 + rnd(0x4000);
	req->initrd_size = rnd(2) ? 1 + rnd(0x1000000) : 0;
	req->trampoline_size = rnd(2) ? 1 + rnd(PAGE_SIZE) : 0;
}

struct tally {
	int placed, failed, skipped, per_fail[CHAIN_SEG_COUNT];
};

/* Checks one plan (or failure) against the oracle; claims as it goes. */
static void compare(const struct layout *l,
		    const struct chain_place_request *req, bool ok,
		    const struct chain_plan *plan,
		    const struct chain_status *st, struct tally *t, u64 seed)
{
	struct want w[CHAIN_SEG_COUNT];
	bool inside;
	int i, j;

	wants(req, w);
	for (i = 0; i < CHAIN_SEG_COUNT; i++) {
		u64 expect;
		bool found;

		if (!w[i].size)
			continue;
		found = oracle_find(l, &w[i], &expect);
		if (!found) {
			if (ok)
				CHECK_FAIL("seed %#llx: %s placed at %#llx, oracle finds no room",
					   (unsigned long long)seed,
					   chain_segment_name(i),
					   (unsigned long long)plan->seg[i].pa);
			CHECK_EQ(st->code, CHAIN_ERR_PLACE);
			CHECK(!strncmp(st->message, "no free scratch for ", 20));
			t->per_fail[i]++;
			return;
		}
		/* Segments before a refusal stay placed (and claimed). */
		if (plan->seg[i].pa != expect) {
			CHECK_FAIL("seed %#llx: %s at %#llx (%s), oracle %#llx",
				   (unsigned long long)seed,
				   chain_segment_name(i),
				   (unsigned long long)plan->seg[i].pa,
				   ok ? "placed" : st->message,
				   (unsigned long long)expect);
			return;
		}
		CHECK_EQ(plan->seg[i].memsz, w[i].size);
		inside = false;
		for (j = 0; j < l->area_count; j++)
			inside |= expect >= l->areas[j].start &&
				  expect + w[i].size <= l->areas[j].start +
							l->areas[j].size;
		CHECK(inside);
		for (j = 0; j < l->resv_count; j++)
			CHECK(!overlaps(expect, w[i].size, l->resv[j].start,
					l->resv[j].size));
		mark(expect, w[i].size);
		rebuild_prefix();
	}
	CHECK(ok);
}

TEST(random_layouts_match_brute_force)
{
	struct tally t = { 0 };
	int n;

	for (n = 0; n < LAYOUTS; n++) {
		u64 seed = 0x6261746f6e000000ULL + (u64)n;
		struct layout l;
		struct chain_bzimage k;
		struct chain_place_request req;
		struct place_ops ops;
		struct chain_plan plan;
		struct chain_status st;
		bool ok;
		int i;

		rng = seed * 0x9e3779b97f4a7c15ULL | 1;
		if (!build_mm(&l)) {
			t.skipped++;
			continue;
		}
		memset(taken, 0, sizeof(taken));
		for (i = 0; i < l.resv_count; i++)
			mark(l.resv[i].start, l.resv[i].size);
		rebuild_prefix();
		random_request(&k, &req);
		chain_place_ops_for_mm(&ops, &mm);
		ok = chain_place(&req, &ops, &plan, &st);
		compare(&l, &req, ok, &plan, &st, &t, seed);
		if (ok)
			t.placed++;
		else
			t.failed++;
		if (check_failed)
			break;		/* the first difference is enough */
	}
	printf("  %d layouts: %d placed, %d refused (params %d, trampoline %d, kernel %d, initrd %d), %d skipped\n",
	       LAYOUTS, t.placed, t.failed, t.per_fail[CHAIN_SEG_PARAMS],
	       t.per_fail[CHAIN_SEG_TRAMPOLINE], t.per_fail[CHAIN_SEG_KERNEL],
	       t.per_fail[CHAIN_SEG_INITRD], t.skipped);
	/* Both outcomes, and every refusal kind but params, must occur. */
	CHECK(t.placed > LAYOUTS / 4);
	CHECK(t.per_fail[CHAIN_SEG_KERNEL] > 50);
	CHECK(t.per_fail[CHAIN_SEG_INITRD] > 10);
	CHECK(t.skipped < LAYOUTS / 20);
}

/* init_size 0xffffffff (the field's maximum): refused by name and size. */
TEST(largest_init_size_refused_by_placement)
{
	struct chain_bzimage k;
	struct chain_place_request req = { .kernel = &k, .params_size = 1 };
	struct place_ops ops;
	struct chain_plan plan;
	struct chain_status st;
	struct layout l;

	rng = 0x1234567;
	CHECK(build_mm(&l));
	memset(&k, 0, sizeof(k));
	k.memsz = ALIGN_UP(0xffffffffULL, PAGE_SIZE);
	k.kernel_alignment = 0x200000;
	k.pref_address = 16 * MIB;
	k.xloadflags = BZ_XLF_KERNEL_64 | BZ_XLF_CAN_BE_LOADED_ABOVE_4G;
	chain_place_ops_for_mm(&ops, &mm);
	CHECK(!chain_place(&req, &ops, &plan, &st));
	CHECK_EQ(st.code, CHAIN_ERR_PLACE);
	CHECK_STR(st.message, "no free scratch for kernel: 0x100000000 bytes aligned 0x200000 in [0x1000000, 0xffffffffffffffff)");
	CHECK(plan.seg[CHAIN_SEG_PARAMS].present);
	CHECK(!mm_is_free(&mm, plan.seg[CHAIN_SEG_PARAMS].pa, PAGE_SIZE));
}
