/* SPDX-License-Identifier: MIT */
/*
 * The radix-tree preserved-memory map (root compatibles "kho-v2",
 * "kho-v3", "kho-v4"; Linux 7.0/7.1 onwards, unchanged through 7.3;
 * docs/handover-abi.md §2.5).
 *
 * The root FDT's preserved-memory-map names the root table page. Levels
 * KHO_RADIX_DEPTH - 1 (the root) down to 1 are table pages of
 * KHO_RADIX_TABLE_ENTRIES little-endian u64s, each the physical address of
 * a child page or 0; level 0 is a leaf page, a bitmap of
 * KHO_RADIX_LEAF_BITS bits in Linux bitmap order (abi_bitmap_word()).
 * Every node is one 4 KiB page; none of them is preserved.
 *
 * A preserved block of 2^order pages at pa has the key
 * kho_radix_key(pa, order): one "order bit" at bit 52 - order, the page
 * frame number shifted by order below it. Level L >= 1 indexes with the
 * 9 key bits at kho_radix_level_shift(L); the leaf bit is the low 15.
 */
#ifndef BATON_LUO_ABI_KHO_RADIX_H
#define BATON_LUO_ABI_KHO_RADIX_H

#include <luo/abi/common.h>

#define KHO_RADIX_ORDER0_LOG2		52	/* 64 - PAGE_SHIFT */
#define KHO_RADIX_TABLE_LOG2		9	/* 512 u64 per table page */
#define KHO_RADIX_BITMAP_LOG2		15	/* 32768 bits per leaf page */
#define KHO_RADIX_DEPTH			6	/* levels 5..1 tables, 0 leaf */
#define KHO_RADIX_TABLE_ENTRIES		(1u << KHO_RADIX_TABLE_LOG2)
#define KHO_RADIX_LEAF_BITS		(1u << KHO_RADIX_BITMAP_LOG2)
#define KHO_RADIX_MAX_ORDER		51

_Static_assert(KHO_RADIX_TABLE_ENTRIES * sizeof(u64) == PAGE_SIZE,
	       "a radix table fills one page");
_Static_assert(KHO_RADIX_LEAF_BITS / 8 == PAGE_SIZE,
	       "a radix leaf fills one page");
_Static_assert(KHO_RADIX_ORDER0_LOG2 == 64 - PAGE_SHIFT, "order-0 bit");

static inline unsigned int kho_radix_level_shift(unsigned int level)
{
	return KHO_RADIX_BITMAP_LOG2 + KHO_RADIX_TABLE_LOG2 * (level - 1);
}

static inline u64 kho_radix_key(phys_addr_t pa, unsigned int order)
{
	return (1ULL << (KHO_RADIX_ORDER0_LOG2 - order)) |
	       (pa >> (PAGE_SHIFT + order));
}

/* Child i of the serialized table page at table (0: no child). */
static inline u64 kho_radix_child(const void *table, u64 i)
{
	return abi_le64_at(table, i);
}

#endif
