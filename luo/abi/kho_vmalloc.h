/* SPDX-License-Identifier: MIT */
/*
 * kho_vmalloc: a preserved vmalloc area (Linux 6.18 or earlier, believed,
 * through 7.3, layout unchanged; versioned only by the KHO root
 * compatible; docs/handover-abi.md §2.6). Used by memfd for its folio
 * array and by the KHO test module. A descriptor names a chain of chunk
 * pages listing the area's blocks of 2^order pages in order; the area is
 * their concatenation.
 */
#ifndef BATON_LUO_ABI_KHO_VMALLOC_H
#define BATON_LUO_ABI_KHO_VMALLOC_H

#include <luo/abi/common.h>

#define KHO_VMALLOC_ALLOC		0x0001	/* was VM_ALLOC */
#define KHO_VMALLOC_HUGE_VMAP		0x0002	/* was VM_ALLOW_HUGE_VMAP */
#define KHO_VMALLOC_CHUNK_ENTRIES	511

/**
 * struct kho_vmalloc_ser - descriptor of a preserved vmalloc area
 * @first:       physical address of the first chunk page, 0 when nothing
 *               is preserved.
 * @total_pages: number of 4 KiB pages in the area.
 * @flags:       KHO_VMALLOC_* bits; Linux 7.2 ignores others on restore.
 * @order:       page order of each block (0 normally, 9 for PMD-mapped
 *               huge vmalloc).
 *
 * Linux's struct kho_vmalloc, natural layout, 16 bytes, little-endian.
 * Not a blob of its own: embedded in the structure that owns the area
 * (memfd_luo_ser.folios, the kho_test FDT's folios_info property).
 */
struct kho_vmalloc_ser {
	u64 first;
	u32 total_pages;
	u16 flags;
	u16 order;
};

/**
 * struct kho_vmalloc_chunk_ser - one chunk page of a kho_vmalloc area
 * @next: physical address of the next chunk page, 0 for the last.
 * @phys: physical addresses of blocks of 2^order pages, in area order,
 *        ended by the first 0 or by the end of the page. A chain whose
 *        block count is a multiple of 511 ends with an empty chunk.
 *
 * Natural layout, exactly one 4 KiB page, little-endian; every chunk page
 * is preserved as order 0, every block with its own preservation.
 */
struct kho_vmalloc_chunk_ser {
	u64 next;
	u64 phys[KHO_VMALLOC_CHUNK_ENTRIES];
};

ABI_SIZE(struct kho_vmalloc_ser, 16);
ABI_OFFSET(struct kho_vmalloc_ser, first, 0);
ABI_OFFSET(struct kho_vmalloc_ser, total_pages, 8);
ABI_OFFSET(struct kho_vmalloc_ser, flags, 12);
ABI_OFFSET(struct kho_vmalloc_ser, order, 14);
ABI_SIZE(struct kho_vmalloc_chunk_ser, 4096);
ABI_OFFSET(struct kho_vmalloc_chunk_ser, next, 0);
ABI_OFFSET(struct kho_vmalloc_chunk_ser, phys, 8);
ABI_OFFSET(struct kho_vmalloc_chunk_ser, phys[1], 16);

/* Block i of the serialized chunk page at chunk (0: end of the list). */
static inline u64 kho_vmalloc_chunk_block(const u8 *chunk, u64 i)
{
	return abi_le64_at(ABI_FIELD(chunk, struct kho_vmalloc_chunk_ser,
				     phys), i);
}

#endif
