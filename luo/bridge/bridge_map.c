// SPDX-License-Identifier: MIT
/*
 * The bridged handover's preserved-memory map: a kho-v4 radix tree built
 * in one pass over the entries sorted by radix key. Sorted keys visit the
 * tree depth first, so a node is created once and only the current path
 * is ever needed again: no lookup from a node's address to its page.
 */
#include <string.h>
#include <luo/abi.h>
#include <luo/bridge/bridge_internal.h>

#define TABLE_LEVELS	(KHO_RADIX_DEPTH - 1)

static u64 entry_to_key(u64 e)
{
	return kho_radix_key(preserved_entry_pa(e), preserved_entry_order(e));
}

/* The inverse: the order bit is the key's highest set bit. */
static u64 key_to_entry(u64 key)
{
	unsigned int top = 63 - __builtin_clzll(key);
	unsigned int order = KHO_RADIX_ORDER0_LOG2 - top;

	return ((key & ~(1ULL << top)) << (PAGE_SHIFT + order)) | order;
}

static unsigned int slot_of(u64 key, unsigned int level)
{
	return (unsigned int)(key >> kho_radix_level_shift(level)) &
	       (KHO_RADIX_TABLE_ENTRIES - 1);
}

phys_addr_t bridge_write_map(struct bridge_ctx *c, u64 *entries, u64 count)
{
	/* path[L]: the node of level L on the current path (L = 0: leaf) */
	u8 *path[KHO_RADIX_DEPTH] = { NULL };
	phys_addr_t path_pa[KHO_RADIX_DEPTH] = { 0 }, root;
	u64 i;

	for (i = 0; i < count; i++)
		entries[i] = entry_to_key(entries[i] & ~PRESERVED_CLAIMED);
	u64_heapsort(entries, count);
	path[TABLE_LEVELS] = bridge_page(c, &root, false, "radix root");
	if (!path[TABLE_LEVELS])
		return 0;
	path_pa[TABLE_LEVELS] = root;
	for (i = 0; i < count; i++) {
		u64 key = entries[i], word;
		unsigned int level, bit;

		for (level = TABLE_LEVELS; level >= 1; level--) {
			unsigned int s = slot_of(key, level);
			phys_addr_t child = kho_radix_child(path[level], s);

			if (!child) {
				path[level - 1] = bridge_page(c, &child, false,
							      "radix node");
				if (!path[level - 1])
					return 0;
				path_pa[level - 1] = child;
				abi_put_le64_at(path[level], s, child);
			} else if (child != path_pa[level - 1]) {
				/* keys out of order: never for a sorted list */
				return 0;
			}
		}
		bit = (unsigned int)(key & (KHO_RADIX_LEAF_BITS - 1));
		word = abi_bitmap_word(path[0], bit / ABI_BITMAP_WORD_BITS);
		word |= 1ULL << (bit % ABI_BITMAP_WORD_BITS);
		abi_put_le64_at(path[0], bit / ABI_BITMAP_WORD_BITS, word);
	}
	/* back to entries, sorted by address as the preserved index is */
	for (i = 0; i < count; i++)
		entries[i] = key_to_entry(entries[i]);
	u64_heapsort(entries, count);
	return root;
}
