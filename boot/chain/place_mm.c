// SPDX-License-Identifier: MIT
/* Adapter from the placement plan's two calls to mm/. */
#include <boot/chain/place_mm.h>

static bool mm_find(void *ctx, u64 size, u64 align, phys_addr_t min,
		    phys_addr_t max, phys_addr_t *out)
{
	return mm_find_top_down(ctx, size, align, min, max, out);
}

static bool mm_claim(void *ctx, phys_addr_t pa, u64 size,
		     enum chain_segment_kind kind)
{
	return mm_claim_next_kernel(ctx, pa, size) == 0;
}

void chain_place_ops_for_mm(struct place_ops *ops, struct mm *mm)
{
	ops->find = mm_find;
	ops->claim = mm_claim;
	ops->ctx = mm;
}
