/* SPDX-License-Identifier: MIT */
/*
 * kho_block chains (7.2, §2.7): a list of preserved pages, each a 16-byte
 * header plus fixed-size entries. The walker enforces Linux's reader rules
 * and the writer guarantees of §6.5, then hands out entries one by one.
 * Every block is entered at most once per parse, however many lists point
 * at it (the LUO visited set, handover_model.luo_visit).
 */
#ifndef BATON_LUO_KHO_BLOCK_H
#define BATON_LUO_KHO_BLOCK_H

#include <luo/handover_access.h>
#include <luo/preserved_index.h>
#include <luo/visit_set.h>

/* Returns false to stop the walk (the parse ran out of room). */
typedef bool (*kho_block_entry_fn)(void *ctx, const u8 *entry,
				   phys_addr_t entry_pa);

struct kho_block_result {
	u64 blocks;		/* blocks entered */
	u64 entries;		/* entries handed to fn */
	bool ok;		/* false: Linux would refuse the chain */
	bool shared;		/* ran into a block entered before */
	bool full;		/* the visited set is full: stop the parse */
};

/*
 * Walks the chain at head (0 = empty set); from is the address of the
 * pointer to head (named when the head itself is shared). A cyclic or
 * over-long chain is not walked at all; a block with a bad count is
 * skipped. A block already in visited (another list's) gets
 * E_BLOCK_SHARED and ends the walk there; a full set E_NOT_VALIDATED.
 * Every visited block page is claimed in claim (may be NULL).
 */
struct kho_block_result kho_block_walk(struct handover_access *ha,
				       phys_addr_t head, phys_addr_t from,
				       u32 entry_size, const char *what,
				       struct preserved_index *claim,
				       struct visit_set *visited,
				       kho_block_entry_fn fn, void *ctx);

/*
 * Page chains under a visited set (kho_block lists, kho_vmalloc chunks):
 * measures the chain at head by its next pointers (u64 at offset 0),
 * entering each page in visited, so that shared tails are measured once
 * in all. Reports E_LIST_CYCLE, E_CHAIN_TOO_LONG and (full set)
 * E_NOT_VALIDATED; a shared node is left to the caller's own code.
 */
enum chain_visit_end {
	CHAIN_VISIT_END,	/* next pointer 0 */
	CHAIN_VISIT_BAD,	/* stop is not 8-aligned or unreadable */
	CHAIN_VISIT_SHARED,	/* stop was entered before, from elsewhere */
	CHAIN_VISIT_CYCLE,
	CHAIN_VISIT_LONG,
	CHAIN_VISIT_FULL,
};

struct chain_visit {
	enum chain_visit_end end;
	u64 nodes;		/* new nodes from head (next pointer read) */
	phys_addr_t stop;	/* where it ended (0 at END) */
	phys_addr_t last;	/* the node before stop, 0 if stop is head */
};

void chain_visit(struct handover_access *ha, struct visit_set *visited,
		 phys_addr_t head, u64 max, const char *what,
		 struct chain_visit *out);

/* E_NOT_VALIDATED for a full LUO visited set, at the structure refused. */
void luo_visit_full(struct handover_access *ha,
		    const struct visit_set *visited, phys_addr_t pa,
		    const char *what);

#endif
