/* SPDX-License-Identifier: MIT */
/*
 * The kho-v1 preserved-memory map (root compatible "kho-v1", Linux 6.16
 * to 6.19; docs/handover-abi.md §2.4): a linked list of chunk pages, each
 * describing bitmaps of one page order. Neither the chunk pages nor the
 * bitmaps are preserved; they lie outside scratch and the successor reads
 * them before allocating.
 */
#ifndef BATON_LUO_ABI_KHO_V1_H
#define BATON_LUO_ABI_KHO_V1_H

#include <luo/abi/common.h>

#define KHO_V1_CHUNK_ENTRIES		255
/*
 * Bitmap size, which the "kho-v1" string does not tell: 512 bytes (4096
 * bits, kzalloc'ed, 512-byte aligned) in 6.16 and early 6.17; one page
 * (32768 bits, page aligned) from 6.18 and in later 6.17-stable.
 */
#define KHO_V1_BITMAP_SMALL		512	/* 6.16, 6.17.0 */
#define KHO_V1_BITMAP_PAGE		4096	/* 6.18+ */

/**
 * struct khoser_mem_bitmap_ptr - one bitmap of a chunk
 * @phys_start: physical address that bit 0 of the bitmap stands for
 *              (bytes); a multiple of the bitmap's span.
 * @bitmap:     physical address of the bitmap. Bit b (Linux bitmap order,
 *              see abi_bitmap_word()) set means the 2^order pages at
 *              phys_start + (b << (order + PAGE_SHIFT)) are preserved.
 *
 * Natural layout, 16 bytes, little-endian u64s (6.16-6.19).
 */
struct khoser_mem_bitmap_ptr {
	u64 phys_start;
	u64 bitmap;
};

/**
 * struct khoser_mem_chunk - one page of the kho-v1 map
 * @next:     physical address of the next chunk page, 0 for the last.
 * @order:    page order every entry of this chunk describes.
 * @num_elms: number of valid @bitmaps entries, at most
 *            KHO_V1_CHUNK_ENTRIES.
 * @bitmaps:  the entries; the header plus 255 entries fill the page.
 *
 * Natural layout, exactly one 4 KiB page, little-endian (6.16-6.19). The
 * root FDT's preserved-memory-map names the first chunk.
 */
struct khoser_mem_chunk {
	u64 next;
	u32 order;
	u32 num_elms;
	struct khoser_mem_bitmap_ptr bitmaps[KHO_V1_CHUNK_ENTRIES];
};

ABI_SIZE(struct khoser_mem_bitmap_ptr, 16);
ABI_OFFSET(struct khoser_mem_bitmap_ptr, phys_start, 0);
ABI_OFFSET(struct khoser_mem_bitmap_ptr, bitmap, 8);
ABI_SIZE(struct khoser_mem_chunk, 4096);
ABI_OFFSET(struct khoser_mem_chunk, next, 0);
ABI_OFFSET(struct khoser_mem_chunk, order, 8);
ABI_OFFSET(struct khoser_mem_chunk, num_elms, 12);
ABI_OFFSET(struct khoser_mem_chunk, bitmaps, 16);
ABI_OFFSET(struct khoser_mem_chunk, bitmaps[1], 32);

/* Entry i of the serialized chunk at chunk (a struct khoser_mem_bitmap_ptr). */
static inline const u8 *kho_v1_chunk_entry(const u8 *chunk, u64 i)
{
	return ABI_ELEM(ABI_FIELD(chunk, struct khoser_mem_chunk, bitmaps),
			struct khoser_mem_bitmap_ptr, i);
}

#endif
