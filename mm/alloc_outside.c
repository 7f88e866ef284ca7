// SPDX-License-Identifier: MIT
/*
 * Allocation outside scratch, for what baton adds to the handover: free
 * RAM minus every occupant and every scratch area (refused ones included),
 * above the first MiB the next kernel borrows for its real-mode trampoline
 * (docs/handover-abi.md §3.7, §3.9).
 */
#include <mm/mm_internal.h>
#include <baton/printf.h>

struct fit {
	u64 size;
	phys_addr_t pa;
	bool found;
};

static bool fit_lowest_page(void *ctx, u64 start, u64 end)
{
	struct fit *f = ctx;
	u64 pa = ALIGN_UP(start, PAGE_SIZE);

	if (pa < start || pa >= end || end - pa < f->size)
		return false;
	f->pa = pa;
	f->found = true;
	return true;
}

static bool search(const struct mm *mm, const struct range_set *scratch,
		   phys_addr_t max, struct fit *f)
{
	struct mm_gap_walk walk = {
		.exclude = { &mm->occupied, scratch }, .exclude_count = 2,
		.fn = fit_lowest_page, .ctx = f,
	};
	const struct range_set *fw = &mm->firmware;
	size_t i;

	for (i = 0; i < fw->count; i++) {
		const struct range_entry *e = &fw->entries[i];
		u64 start = MAX(e->start, (u64)SZ_1M), end = MIN(e->end, max);

		if (e->kind == MM_KIND_RAM && start < end &&
		    mm_walk_gaps(&walk, start, end))
			return true;
	}
	return false;
}

int mm_alloc_outside_scratch(struct mm *mm, u64 size, phys_addr_t max,
			     phys_addr_t *pa)
{
	struct range_entry storage[MM_SCRATCH_MAX + 1];
	struct range_set scratch;
	struct fit f = { .size = ALIGN_UP(size, PAGE_SIZE) };
	u32 i;

	/*
	 * Only over a complete occupied set: after a map walk that stopped
	 * or found shared pages (mm->broken) free RAM outside scratch may be
	 * preserved memory nobody reserved, so nothing is handed out.
	 */
	if (!mm->reserved || mm->broken || !size || f.size < size) {
		mm_fail(mm, E_MM_ALLOC_FAILED, 0,
			"handover addition of 0x%llx bytes refused: %s",
			(unsigned long long)size,
			mm->broken ? "reservation incomplete" :
			!mm->reserved ? "memory not reserved" : "bad size");
		return -1;
	}
	range_set_init(&scratch, storage, sizeof(storage));
	for (i = 0; i < mm->scratch_count; i++)
		range_set_insert(&scratch, mm->scratch[i].start,
				 mm->scratch[i].start + mm->scratch[i].size,
				 MM_KIND_SCRATCH, 0);
	if (!search(mm, &scratch, max, &f)) {
		mm_fail(mm, E_MM_ALLOC_FAILED, 0,
			"handover addition: no free RAM outside scratch for 0x%llx bytes below 0x%llx",
			(unsigned long long)f.size, (unsigned long long)max);
		return -1;
	}
	if (mm_reserve(mm, f.pa, f.size, MM_KIND_HANDOVER_ADD))
		return -1;
	*pa = f.pa;
	return 0;
}
