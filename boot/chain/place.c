// SPDX-License-Identifier: MIT
/* Segment constraints and the top-down placement loop. */
#include <string.h>
#include <boot/chain/place.h>

static const char *const segment_names[CHAIN_SEG_COUNT] = {
	[CHAIN_SEG_PARAMS] = "boot_params",
	[CHAIN_SEG_TRAMPOLINE] = "trampoline",
	[CHAIN_SEG_KERNEL] = "kernel",
	[CHAIN_SEG_INITRD] = "initrd",
};

const char *chain_segment_name(enum chain_segment_kind kind)
{
	if ((unsigned int)kind >= CHAIN_SEG_COUNT)
		return "?";
	return segment_names[kind];
}

static void set_constraints(struct chain_segment *seg, u64 size, u64 align,
			    phys_addr_t min, phys_addr_t max)
{
	seg->present = size != 0;
	seg->memsz = ALIGN_UP(size, PAGE_SIZE);
	seg->align = MAX(align, PAGE_SIZE);
	seg->min = min;
	seg->max = max;
}

/*
 * The kernel runs where it is loaded only at or above pref_address (it
 * moves itself up otherwise, possibly out of scratch); Linux sets
 * pref_address to LOAD_PHYSICAL_ADDR, 16 MiB on distribution kernels.
 */
static phys_addr_t kernel_min(const struct chain_bzimage *k)
{
	return MAX(k->pref_address, (phys_addr_t)CHAIN_PLACE_MIN_ADDR);
}

static phys_addr_t initrd_max(const struct chain_bzimage *k)
{
	if (k->xloadflags & BZ_XLF_CAN_BE_LOADED_ABOVE_4G)
		return CHAIN_PLACE_NO_MAX;
	return (u64)k->initrd_addr_max + 1;
}

static void describe_request(const struct chain_place_request *req,
			     struct chain_plan *plan)
{
	const struct chain_bzimage *k = req->kernel;

	memset(plan, 0, sizeof(*plan));
	set_constraints(&plan->seg[CHAIN_SEG_PARAMS], req->params_size,
			PAGE_SIZE, CHAIN_PLACE_MIN_ADDR, CHAIN_PLACE_NO_MAX);
	set_constraints(&plan->seg[CHAIN_SEG_TRAMPOLINE], req->trampoline_size,
			PAGE_SIZE, CHAIN_PLACE_MIN_ADDR, CHAIN_PLACE_NO_MAX);
	set_constraints(&plan->seg[CHAIN_SEG_KERNEL], k->memsz,
			k->kernel_alignment, kernel_min(k), CHAIN_PLACE_NO_MAX);
	set_constraints(&plan->seg[CHAIN_SEG_INITRD], req->initrd_size,
			PAGE_SIZE, CHAIN_PLACE_MIN_INITRD, initrd_max(k));
}

static bool overlaps_placed(const struct chain_plan *plan,
			    enum chain_segment_kind upto, phys_addr_t pa,
			    u64 size)
{
	int i;

	for (i = 0; i < (int)upto; i++) {
		const struct chain_segment *s = &plan->seg[i];

		if (s->present && pa < s->pa + s->memsz && s->pa < pa + size)
			return true;
	}
	return false;
}

static bool place_one(const struct place_ops *ops, struct chain_plan *plan,
		      enum chain_segment_kind kind, struct chain_status *st)
{
	struct chain_segment *seg = &plan->seg[kind];
	phys_addr_t pa, end;

	if (!seg->present)
		return true;
	if (!ops->find(ops->ctx, seg->memsz, seg->align, seg->min, seg->max,
		       &pa))
		return chain_fail(st, CHAIN_ERR_PLACE,
				  "no free scratch for %s: %#llx bytes aligned %#llx in [%#llx, %#llx)",
				  chain_segment_name(kind),
				  (unsigned long long)seg->memsz,
				  (unsigned long long)seg->align,
				  (unsigned long long)seg->min,
				  (unsigned long long)seg->max);
	if (!IS_ALIGNED(pa, seg->align) || pa < seg->min ||
	    !range_end(pa, seg->memsz, &end) || end > seg->max ||
	    overlaps_placed(plan, kind, pa, seg->memsz))
		return chain_fail(st, CHAIN_ERR_PLACE,
				  "scratch allocator returned %#llx for %s (%#llx bytes aligned %#llx in [%#llx, %#llx)), which breaks the request",
				  (unsigned long long)pa,
				  chain_segment_name(kind),
				  (unsigned long long)seg->memsz,
				  (unsigned long long)seg->align,
				  (unsigned long long)seg->min,
				  (unsigned long long)seg->max);
	if (!ops->claim(ops->ctx, pa, seg->memsz, kind))
		return chain_fail(st, CHAIN_ERR_PLACE,
				  "scratch allocator refused to claim %s at [%#llx, +%#llx)",
				  chain_segment_name(kind),
				  (unsigned long long)pa,
				  (unsigned long long)seg->memsz);
	seg->pa = pa;
	return true;
}

bool chain_place(const struct chain_place_request *req,
		 const struct place_ops *ops, struct chain_plan *plan,
		 struct chain_status *st)
{
	int kind;

	chain_status_ok(st);
	describe_request(req, plan);
	if (!plan->seg[CHAIN_SEG_PARAMS].present ||
	    !plan->seg[CHAIN_SEG_KERNEL].present)
		return chain_fail(st, CHAIN_ERR_PLACE,
				  "nothing to place: boot_params %#llx bytes, kernel %#llx bytes",
				  (unsigned long long)req->params_size,
				  (unsigned long long)req->kernel->memsz);
	for (kind = 0; kind < CHAIN_SEG_COUNT; kind++)
		if (!place_one(ops, plan, kind, st))
			return false;
	return true;
}
