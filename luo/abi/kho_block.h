/* SPDX-License-Identifier: MIT */
/*
 * kho_block: a linked list of one-page blocks of fixed-size entries
 * (Linux 7.2 and 7.3 only, versioned by the "kho-v4" root compatible;
 * docs/handover-abi.md §2.7).
 * LUO v5 keeps its session list and each session's file list in them.
 */
#ifndef BATON_LUO_ABI_KHO_BLOCK_H
#define BATON_LUO_ABI_KHO_BLOCK_H

#include <luo/abi/common.h>

#define KHO_BLOCK_SIZE			4096	/* PAGE_SIZE */
/* Linux refuses a chain of more blocks (kho_block_set_restore). */
#define KHO_BLOCK_MAX			10000

/**
 * struct kho_block_header_ser - head of one block
 * @next:  physical address of the next block, 0 for the last.
 * @count: valid entries in this block, 1 to the capacity (0 is an error).
 *
 * Packed, 16 bytes, little-endian. Each block is one preserved order-0
 * page; entries of a fixed size E follow the header back to back,
 * kho_block_capacity(E) of them at most. All blocks but the last are full
 * as Linux writes them.
 */
struct kho_block_header_ser {
	u64 next;
	u64 count;
} __packed;

ABI_SIZE(struct kho_block_header_ser, 16);
ABI_OFFSET(struct kho_block_header_ser, next, 0);
ABI_OFFSET(struct kho_block_header_ser, count, 8);

static inline u32 kho_block_capacity(u32 entry_size)
{
	return (KHO_BLOCK_SIZE - sizeof(struct kho_block_header_ser)) /
	       entry_size;
}

#endif
