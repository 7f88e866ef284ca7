// SPDX-License-Identifier: MIT
/*
 * Allocation from the pool (free scratch, or free RAM above 1 MiB on a plain
 * boot): walks the gaps between occupants, bottom-up for baton's own
 * allocations and top-down for next-kernel placement, so the two grow
 * towards each other only when scratch is tight.
 */
#include <mm/mm_internal.h>
#include <baton/printf.h>

#define PLAIN_POOL_MIN	SZ_1M

/* Index of the first entry starting at or after addr. */
static size_t first_starting_at(const struct range_set *set, u64 addr)
{
	size_t lo = 0, hi = set->count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (set->entries[mid].start >= addr)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

static bool walk_level(const struct mm_gap_walk *walk, u32 level, u64 start,
		       u64 end);

static bool gaps_ascending(const struct mm_gap_walk *walk, u32 level,
			   u64 start, u64 end)
{
	const struct range_set *set = walk->exclude[level];
	u64 cursor = start;
	size_t i;

	for (i = range_set_lower_bound(set, start); i < set->count; i++) {
		const struct range_entry *e = &set->entries[i];

		if (e->start >= end)
			break;
		if (e->start > cursor &&
		    walk_level(walk, level + 1, cursor, e->start))
			return true;
		cursor = MAX(cursor, e->end);
	}
	return cursor < end && walk_level(walk, level + 1, cursor, end);
}

static bool gaps_descending(const struct mm_gap_walk *walk, u32 level,
			    u64 start, u64 end)
{
	const struct range_set *set = walk->exclude[level];
	u64 cursor = end;
	size_t i;

	for (i = first_starting_at(set, end); i-- > 0;) {
		const struct range_entry *e = &set->entries[i];
		u64 gap_start = MAX(e->end, start);

		if (e->end <= start)
			break;
		if (gap_start < cursor &&
		    walk_level(walk, level + 1, gap_start, cursor))
			return true;
		cursor = MIN(cursor, e->start);
		if (cursor <= start)
			return false;
	}
	return cursor > start && walk_level(walk, level + 1, start, cursor);
}

static bool walk_level(const struct mm_gap_walk *walk, u32 level, u64 start,
		       u64 end)
{
	if (start >= end)
		return false;
	if (level == walk->exclude_count)
		return walk->fn(walk->ctx, start, end);
	if (walk->descending)
		return gaps_descending(walk, level, start, end);
	return gaps_ascending(walk, level, start, end);
}

bool mm_walk_gaps(const struct mm_gap_walk *walk, u64 start, u64 end)
{
	return walk_level(walk, 0, start, end);
}

static bool walk_clipped(const struct mm_gap_walk *walk, u64 start, u64 end,
			 u64 min, u64 max)
{
	return mm_walk_gaps(walk, MAX(start, min), MIN(end, max));
}

static bool walk_plain_ram(const struct mm *mm, const struct mm_gap_walk *walk,
			   u64 min, u64 max)
{
	const struct range_set *fw = &mm->firmware;
	size_t i, n = fw->count;

	min = MAX(min, PLAIN_POOL_MIN);
	for (i = 0; i < n; i++) {
		const struct range_entry *e =
			&fw->entries[walk->descending ? n - 1 - i : i];

		if (e->kind == MM_KIND_RAM &&
		    walk_clipped(walk, e->start, e->end, min, max))
			return true;
	}
	return false;
}

bool mm_walk_pool(const struct mm *mm, const struct mm_gap_walk *walk,
		  u64 min, u64 max)
{
	u32 i;

	if (!mm->handover)
		return walk_plain_ram(mm, walk, min, max);
	for (i = 0; i < mm->scratch_count; i++) {
		const struct mm_scratch_area *a = &mm->scratch[i];

		if (!a->refused &&
		    walk_clipped(walk, a->start, a->start + a->size, min, max))
			return true;
	}
	return false;
}

/* ---- searches ---- */

struct search {
	u64 size, align, min, max;
	bool found;
	phys_addr_t pa;
};

static bool fit_lowest(void *ctx, u64 start, u64 end)
{
	struct search *s = ctx;
	u64 pa = ALIGN_UP(start, s->align);

	if (pa < start || pa >= end || end - pa < s->size)
		return false;
	s->pa = pa;
	s->found = true;
	return true;
}

static bool fit_highest(void *ctx, u64 start, u64 end)
{
	struct search *s = ctx;
	u64 pa;

	if (end - start < s->size)
		return false;
	pa = ALIGN_DOWN(end - s->size, s->align);
	if (pa < start)
		return false;
	s->pa = pa;
	s->found = true;
	return true;
}

static bool search_pool(const struct mm *mm, struct search *s, bool top_down)
{
	struct mm_gap_walk walk = {
		.exclude = { &mm->occupied }, .exclude_count = 1,
		.descending = top_down,
		.fn = top_down ? fit_highest : fit_lowest, .ctx = s,
	};

	s->found = false;
	mm_walk_pool(mm, &walk, s->min, s->max);
	return s->found;
}

static bool free_block(void *ctx, u64 start, u64 end)
{
	struct mm_free_stats *st = ctx;
	u64 a = ALIGN_UP(start, PAGE_SIZE), b = ALIGN_DOWN(end, PAGE_SIZE);

	if (a < start || b <= a)
		return false;
	st->bytes += b - a;
	st->blocks++;
	st->largest = MAX(st->largest, b - a);
	return false;
}

void mm_free_stats(const struct mm *mm, phys_addr_t min, phys_addr_t max,
		   struct mm_free_stats *out)
{
	struct mm_gap_walk walk = {
		.exclude = { &mm->occupied }, .exclude_count = 1,
		.fn = free_block, .ctx = out,
	};

	*out = (struct mm_free_stats){ 0 };
	mm_walk_pool(mm, &walk, min, max);
}

void mm_scratch_free_stats(const struct mm *mm, u32 index,
			   struct mm_free_stats *out)
{
	struct mm_gap_walk walk = {
		.exclude = { &mm->occupied }, .exclude_count = 1,
		.fn = free_block, .ctx = out,
	};
	const struct mm_scratch_area *a = &mm->scratch[index];

	*out = (struct mm_free_stats){ 0 };
	if (index < mm->scratch_count && !a->refused)
		mm_walk_gaps(&walk, a->start, a->start + a->size);
}

/* Searches only set mm->error; allocations also add E_MM_ALLOC_FAILED. */
static bool request_valid(struct mm *mm, struct search *s, const char *what)
{
	if (!mm->reserved) {
		mm_fail(mm, E_MM_ALLOC_FAILED, 0,
			"%s of 0x%llx bytes refused: %s", what,
			(unsigned long long)s->size,
			mm->broken ? "reservation incomplete" :
				     "preserved memory not reserved yet");
		return false;
	}
	if (!s->size || (s->align & (s->align - 1)) ||
	    ALIGN_UP(s->size, PAGE_SIZE) < s->size) {
		mm_fail(mm, E_MM_ALLOC_FAILED, 0,
			"%s: invalid request size 0x%llx align 0x%llx", what,
			(unsigned long long)s->size,
			(unsigned long long)s->align);
		return false;
	}
	s->size = ALIGN_UP(s->size, PAGE_SIZE);
	s->align = MAX(s->align, PAGE_SIZE);
	return true;
}

static void report_exhausted(struct mm *mm, const struct search *s,
			     const char *what, bool finding)
{
	struct mm_free_stats st;

	mm_free_stats(mm, s->min, s->max, &st);
	baton_snprintf(mm->error, sizeof(mm->error),
		       "%s: out of %s: asked 0x%llx bytes align 0x%llx in [0x%llx-0x%llx), free 0x%llx in %u blocks, largest 0x%llx",
		       what, mm->handover ? "scratch" : "RAM",
		       (unsigned long long)s->size,
		       (unsigned long long)s->align,
		       (unsigned long long)s->min,
		       (unsigned long long)s->max,
		       (unsigned long long)st.bytes, st.blocks,
		       (unsigned long long)st.largest);
	if (finding)
		finding_add(mm->findings, E_MM_ALLOC_FAILED, s->min, "%s",
			    mm->error);
}

int mm_alloc(struct mm *mm, u64 size, u64 align, phys_addr_t min,
	     phys_addr_t max, phys_addr_t *pa)
{
	struct search s = { .size = size, .align = align ? align : 1,
			    .min = min, .max = max };

	if (!request_valid(mm, &s, "allocation"))
		return -1;
	if (!search_pool(mm, &s, false)) {
		report_exhausted(mm, &s, "allocation", true);
		return -1;
	}
	if (mm_reserve(mm, s.pa, s.size, MM_KIND_BATON_ALLOC))
		return -1;
	mm->alloc_count++;
	mm->alloc_bytes += s.size;
	*pa = s.pa;
	return 0;
}

bool mm_find_top_down(struct mm *mm, u64 size, u64 align, phys_addr_t min,
		      phys_addr_t max, phys_addr_t *pa)
{
	struct search s = { .size = size, .align = align ? align : 1,
			    .min = min, .max = max };

	if (!request_valid(mm, &s, "placement"))
		return false;
	if (!search_pool(mm, &s, true)) {
		report_exhausted(mm, &s, "placement", false);
		return false;
	}
	*pa = s.pa;
	return true;
}

static bool covers(void *ctx, u64 start, u64 end)
{
	const struct search *s = ctx;

	return start <= s->min && end >= s->max;
}

bool mm_is_free(const struct mm *mm, phys_addr_t pa, u64 size)
{
	struct search s = { .min = pa };
	struct mm_gap_walk walk = {
		.exclude = { &mm->occupied }, .exclude_count = 1,
		.fn = covers, .ctx = &s,
	};

	if (!size || !range_end(pa, size, &s.max))
		return false;
	return mm_walk_pool(mm, &walk, pa, s.max);
}

int mm_claim_next_kernel(struct mm *mm, phys_addr_t pa, u64 size)
{
	if (!mm->reserved || !mm_is_free(mm, pa, size)) {
		mm_fail(mm, E_MM_ALLOC_FAILED, pa,
			"next-kernel segment [0x%llx +0x%llx) is not free %s",
			(unsigned long long)pa, (unsigned long long)size,
			mm->handover ? "scratch" : "RAM");
		return -1;
	}
	if (mm_reserve(mm, pa, size, MM_KIND_NEXT_KERNEL))
		return -1;
	mm->next_kernel_bytes += size;
	return 0;
}
