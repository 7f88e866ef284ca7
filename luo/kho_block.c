// SPDX-License-Identifier: MIT
/*
 * kho_block chain walker: B1 (cycle, length), B2 (count), B3, B4; and the
 * visited-set chain measurement it shares with the kho_vmalloc walker.
 */
#include <luo/kho_block.h>
#include <luo/abi.h>

void luo_visit_full(struct handover_access *ha,
		    const struct visit_set *visited, phys_addr_t pa,
		    const char *what)
{
	ha_report(ha, E_NOT_VALIDATED, pa,
		  "LUO: visited set full after %llu structures (at %s %#llx); the rest not validated",
		  (unsigned long long)visit_set_capacity(visited), what,
		  (unsigned long long)pa);
}

/*
 * The chains measured here (kho_block blocks, kho_vmalloc chunk pages)
 * keep their next pointer first: only that u64 must be readable.
 */
_Static_assert(offsetof(struct kho_block_header_ser, next) == 0 &&
	       offsetof(struct kho_vmalloc_chunk_ser, next) == 0,
	       "chained structures start with next");
#define CHAIN_NEXT_LEN	ABI_FIELD_SIZE(struct kho_block_header_ser, next)

static u64 chain_next(const u8 *node)
{
	return ABI_LE64(node, struct kho_block_header_ser, next);
}

/* True when node is one of the first n nodes of the chain at head. */
static bool in_prefix(const struct phys_view *view, phys_addr_t head, u64 n,
		      phys_addr_t node)
{
	phys_addr_t p = head;
	u64 i;

	for (i = 0; i < n && p; i++) {
		const u8 *page = phys_map(view, p, CHAIN_NEXT_LEN);

		if (p == node)
			return true;
		if (!page)
			return false;
		p = chain_next(page);
	}
	return false;
}

void chain_visit(struct handover_access *ha, struct visit_set *visited,
		 phys_addr_t head, u64 max, const char *what,
		 struct chain_visit *out)
{
	phys_addr_t p = head, prev = 0;
	const u8 *node;
	u64 n = 0;

	*out = (struct chain_visit){ .end = CHAIN_VISIT_END };
	for (; p; prev = p, p = chain_next(node), n++) {
		if (n == max) {
			out->end = CHAIN_VISIT_LONG;
			break;
		}
		/* like page_list_measure: only the next pointer must be readable */
		node = IS_ALIGNED(p, 8) ?
		       phys_map(ha->view, p, CHAIN_NEXT_LEN) : NULL;
		if (!node) {
			out->end = CHAIN_VISIT_BAD;
			break;
		}
		switch (visit_set_add(visited, p)) {
		case VISIT_NEW:
			continue;
		case VISIT_SEEN:
			/* ours (a cycle) or another chain's: look back once */
			out->end = in_prefix(ha->view, head, n, p) ?
				   CHAIN_VISIT_CYCLE : CHAIN_VISIT_SHARED;
			break;
		case VISIT_FULL:
			out->end = CHAIN_VISIT_FULL;
			break;
		}
		break;
	}
	out->nodes = n;
	out->stop = p;
	out->last = prev;
	if (out->end == CHAIN_VISIT_CYCLE)
		ha_report(ha, E_LIST_CYCLE, head, "%s: chain has a cycle",
			  what);
	else if (out->end == CHAIN_VISIT_LONG)
		ha_report(ha, E_CHAIN_TOO_LONG, head,
			  "%s: chain longer than %llu", what,
			  (unsigned long long)max);
	else if (out->end == CHAIN_VISIT_FULL)
		luo_visit_full(ha, visited, p, what);
}

struct kho_block_result kho_block_walk(struct handover_access *ha,
				       phys_addr_t head, phys_addr_t from,
				       u32 entry_size, const char *what,
				       struct preserved_index *claim,
				       struct visit_set *visited,
				       kho_block_entry_fn fn, void *ctx)
{
	struct kho_block_result r = { .ok = true };
	u32 cap = kho_block_capacity(entry_size);
	struct chain_visit cv;
	phys_addr_t p = head;
	u64 b, i;

	if (!head)
		return r;
	chain_visit(ha, visited, head, KHO_BLOCK_MAX, what, &cv);
	if (cv.end == CHAIN_VISIT_CYCLE || cv.end == CHAIN_VISIT_LONG ||
	    cv.end == CHAIN_VISIT_FULL) {
		r.ok = false;
		r.full = cv.end == CHAIN_VISIT_FULL;
		return r;
	}
	for (b = 0; b < cv.nodes; b++) {
		const u8 *blk;
		u64 count;

		if (!ha_check_aligned(ha, p, PAGE_SIZE, E_POINTER_MISALIGNED,
				      what)) {
			r.ok = false;
			return r;
		}
		blk = ha_map_preserved(ha, p, KHO_BLOCK_SIZE, what);
		if (!blk) {
			r.ok = false;
			return r;
		}
		if (claim)
			preserved_index_claim(claim, p, KHO_BLOCK_SIZE);
		r.blocks++;
		count = ABI_LE64(blk, struct kho_block_header_ser, count);
		if (count == 0) {
			ha_report(ha, E_BLOCK_COUNT_ZERO, p,
				  "%s: block with count 0", what);
			r.ok = false;
		} else if (count > cap) {
			ha_report(ha, E_COUNT_EXCEEDS_CAPACITY, p,
				  "%s: block count %llu > capacity %u", what,
				  (unsigned long long)count, cap);
			r.ok = false;
		} else {
			if (count < cap &&
			    ABI_LE64(blk, struct kho_block_header_ser, next))
				ha_report(ha, W_BLOCK_NOT_FULL, p,
					  "%s: non-final block holds %llu of %u",
					  what, (unsigned long long)count, cap);
			for (i = 0; i < count; i++) {
				u64 off = sizeof(struct kho_block_header_ser) +
					  i * entry_size;

				r.entries++;
				if (fn && !fn(ctx, blk + off, p + off)) {
					r.ok = false;
					return r;
				}
			}
		}
		p = ABI_LE64(blk, struct kho_block_header_ser, next);
	}
	if (cv.end == CHAIN_VISIT_SHARED) {
		ha_report(ha, E_BLOCK_SHARED, p,
			  "%s: block %#llx entered before, referenced again from %#llx",
			  what, (unsigned long long)p,
			  (unsigned long long)(cv.last ? cv.last : from));
		r.ok = false;
		r.shared = true;
	} else if (cv.end == CHAIN_VISIT_BAD) {
		/* the finding: misaligned or not in memory */
		if (ha_check_aligned(ha, p, PAGE_SIZE, E_POINTER_MISALIGNED,
				     what))
			ha_map(ha, p, KHO_BLOCK_SIZE, what);
		r.ok = false;
	}
	return r;
}
