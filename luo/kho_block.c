// SPDX-License-Identifier: MIT
/* kho_block chain walker: B1 (cycle, length), B2 (count), B3, B4. */
#include <luo/kho_block.h>
#include <luo/abi.h>
#include <luo/chain.h>

struct kho_block_result kho_block_walk(struct handover_access *ha,
				       phys_addr_t head, u32 entry_size,
				       const char *what,
				       struct preserved_index *claim,
				       kho_block_entry_fn fn, void *ctx)
{
	struct kho_block_result r = { .ok = true };
	u32 cap = kho_block_capacity(entry_size);
	enum chain_status st;
	phys_addr_t p = head;
	u64 n, b, i;

	if (!head)
		return r;
	n = chain_check(ha, head, 0, KHO_BLOCK_MAX, what, &st);
	if (st == CHAIN_CYCLE || st == CHAIN_TOO_LONG) {
		r.ok = false;
		return r;
	}
	for (b = 0; b < n && p; b++) {
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
		count = abi_le64(blk + 8);
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
			if (count < cap && abi_le64(blk))
				ha_report(ha, W_BLOCK_NOT_FULL, p,
					  "%s: non-final block holds %llu of %u",
					  what, (unsigned long long)count, cap);
			for (i = 0; i < count; i++) {
				u64 off = sizeof(struct kho_block_header_ser) +
					  i * entry_size;

				r.entries++;
				if (fn)
					fn(ctx, blk + off, p + off);
			}
		}
		p = abi_le64(blk);
	}
	return r;
}
