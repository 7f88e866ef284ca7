/* SPDX-License-Identifier: MIT */
/*
 * kho_block chains (7.2, §2.7): a list of preserved pages, each a 16-byte
 * header plus fixed-size entries. The walker enforces Linux's reader rules
 * and the writer guarantees of §6.5, then hands out entries one by one.
 */
#ifndef BATON_LUO_KHO_BLOCK_H
#define BATON_LUO_KHO_BLOCK_H

#include <luo/handover_access.h>
#include <luo/preserved_index.h>

typedef void (*kho_block_entry_fn)(void *ctx, const u8 *entry,
				   phys_addr_t entry_pa);

struct kho_block_result {
	u64 blocks;
	u64 entries;
	bool ok;		/* false: Linux would refuse the chain */
};

/*
 * Walks the chain at head (0 = empty set). A cyclic or over-long chain is
 * not walked at all; a block with a bad count is skipped. Every visited
 * block page is claimed in claim (may be NULL).
 */
struct kho_block_result kho_block_walk(struct handover_access *ha,
				       phys_addr_t head, u32 entry_size,
				       const char *what,
				       struct preserved_index *claim,
				       kho_block_entry_fn fn, void *ctx);

#endif
