// SPDX-License-Identifier: MIT
/* Top-down placement inside the capture's scratch areas (scratch_place.h). */
#include <string.h>
#include <efi/scratch_place.h>

void scratch_placer_init(struct scratch_placer *p, const struct capture *cap)
{
	memset(p, 0, sizeof(*p));
	p->cap = cap;
	if (!cap->has_scratch_array)
		return;
	p->taken[0].addr = cap->scratch_array_addr;
	p->taken[0].size = ALIGN_UP(capture_scratch_array_size(cap), PAGE_SIZE);
	p->taken_count = 1;
}

static bool taken_conflict(const struct scratch_placer *p, u64 pa, u64 size,
			   u64 *conflict_addr)
{
	u32 i;

	for (i = 0; i < p->taken_count; i++)
		if (pa < p->taken[i].addr + p->taken[i].size &&
		    p->taken[i].addr < pa + size) {
			*conflict_addr = p->taken[i].addr;
			return true;
		}
	return false;
}

/* Highest fit in [lo, hi), stepping below whatever is in the way. */
static bool find_in_area(const struct scratch_placer *p, u64 lo, u64 hi,
			 u64 size, u64 align, phys_addr_t *out)
{
	u64 cand, conflict;

	if (hi < lo || hi - lo < size)
		return false;
	cand = ALIGN_DOWN(hi - size, align);
	while (cand >= lo) {
		if (!taken_conflict(p, cand, size, &conflict)) {
			*out = cand;
			return true;
		}
		if (conflict < lo + size)
			return false;
		cand = ALIGN_DOWN(conflict - size, align);
	}
	return false;
}

static bool placer_find(void *ctx, u64 size, u64 align, phys_addr_t min,
			phys_addr_t max, phys_addr_t *out)
{
	const struct scratch_placer *p = ctx;
	u32 i;

	for (i = 0; i < p->cap->scratch_count; i++) {
		const struct capture_range *a = &p->cap->scratch[i];
		u64 lo = MAX(a->addr, min), hi = a->addr + a->size;

		if (max != CHAIN_PLACE_NO_MAX)
			hi = MIN(hi, max);
		if (find_in_area(p, lo, hi, size, align, out))
			return true;
	}
	return false;
}

static bool placer_claim(void *ctx, phys_addr_t pa, u64 size,
			 enum chain_segment_kind kind)
{
	struct scratch_placer *p = ctx;

	if (p->taken_count == SCRATCH_PLACER_TAKEN_MAX)
		return false;
	p->taken[p->taken_count].addr = pa;
	p->taken[p->taken_count].size = size;
	p->taken_count++;
	return true;
}

struct place_ops scratch_placer_ops(struct scratch_placer *p)
{
	return (struct place_ops){ placer_find, placer_claim, p };
}
