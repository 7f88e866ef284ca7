/* SPDX-License-Identifier: MIT */
/*
 * memfd preservation: the file handler "memfd-v1" (Linux 6.19, 7.0) and
 * "memfd-v2" (7.1 inferred, 7.2, 7.3; docs/handover-abi.md §2.10).
 * luo_file_ser.data is the physical address of the handler's descriptor,
 * at offset 0 of its own preserved page; the descriptor's kho_vmalloc area
 * is the folio array, whose entries name the file's folios, each a
 * preserved range of its order.
 */
#ifndef BATON_LUO_ABI_MEMFD_H
#define BATON_LUO_ABI_MEMFD_H

#include <luo/abi/common.h>
#include <luo/abi/kho_vmalloc.h>

#define MEMFD_COMPAT_V1			"memfd-v1"
#define MEMFD_COMPAT_V2			"memfd-v2"

/* F_SEAL_SEAL | SHRINK | GROW | WRITE | FUTURE_WRITE | EXEC (uAPI values) */
#define MEMFD_ALL_SEALS			0x3f
#define MEMFD_FOLIO_DIRTY		0x1
#define MEMFD_FOLIO_UPTODATE		0x2
#define MEMFD_FOLIO_PFN_BITS		52
#define MEMFD_FOLIO_PFN_MASK		((1ULL << MEMFD_FOLIO_PFN_BITS) - 1)
#define MEMFD_FOLIO_FLAGS_MASK		0xfff	/* the 12 bits above pfn */

/**
 * struct memfd_luo_v1_ser - memfd-v1 descriptor
 * @pos:       file position at freeze time (bytes).
 * @size:      file size (bytes).
 * @nr_folios: entries in the folio array.
 * @folios:    the folio array (struct memfd_luo_folio_ser[]), all zero
 *             when @nr_folios is 0.
 *
 * Packed, 40 bytes, little-endian (6.19, 7.0).
 */
struct memfd_luo_v1_ser {
	u64 pos;
	u64 size;
	u64 nr_folios;
	struct kho_vmalloc_ser folios;
} __packed;

/**
 * struct memfd_luo_v2_ser - memfd-v2 descriptor
 * @pos:       file position at freeze time (bytes).
 * @size:      file size (bytes).
 * @seals:     F_SEAL_* bits; any bit outside MEMFD_ALL_SEALS is refused.
 * @flags:     reserved, written as 0.
 * @nr_folios: entries in the folio array.
 * @folios:    the folio array (struct memfd_luo_folio_ser[]), all zero
 *             when @nr_folios is 0.
 *
 * Packed, 48 bytes, little-endian (7.1 inferred, 7.2, 7.3).
 */
struct memfd_luo_v2_ser {
	u64 pos;
	u64 size;
	u32 seals;
	u32 flags;
	u64 nr_folios;
	struct kho_vmalloc_ser folios;
} __packed;

/**
 * struct memfd_luo_folio_ser - one folio of the file
 * @pfn_flags: page frame number in bits 0..51, MEMFD_FOLIO_* flags in bits
 *             52..63 (a C bit-field in Linux; decode with
 *             memfd_folio_pfn() and memfd_folio_flags()). pfn 0: skipped.
 * @index:     file offset of the folio's first page, in 4 KiB pages.
 *
 * Packed, 16 bytes, little-endian; the same in memfd-v1 and v2. The folio
 * size is not stored: it is the order of the preserved range starting at
 * pfn << PAGE_SHIFT.
 */
struct memfd_luo_folio_ser {
	u64 pfn_flags;
	u64 index;
} __packed;

ABI_SIZE(struct memfd_luo_v1_ser, 40);
ABI_OFFSET(struct memfd_luo_v1_ser, pos, 0);
ABI_OFFSET(struct memfd_luo_v1_ser, size, 8);
ABI_OFFSET(struct memfd_luo_v1_ser, nr_folios, 16);
ABI_OFFSET(struct memfd_luo_v1_ser, folios, 24);
ABI_SIZE(struct memfd_luo_v2_ser, 48);
ABI_OFFSET(struct memfd_luo_v2_ser, pos, 0);
ABI_OFFSET(struct memfd_luo_v2_ser, size, 8);
ABI_OFFSET(struct memfd_luo_v2_ser, seals, 16);
ABI_OFFSET(struct memfd_luo_v2_ser, flags, 20);
ABI_OFFSET(struct memfd_luo_v2_ser, nr_folios, 24);
ABI_OFFSET(struct memfd_luo_v2_ser, folios, 32);
ABI_SIZE(struct memfd_luo_folio_ser, 16);
ABI_OFFSET(struct memfd_luo_folio_ser, pfn_flags, 0);
ABI_OFFSET(struct memfd_luo_folio_ser, index, 8);

static inline u64 memfd_folio_pfn(u64 word0)
{
	return word0 & MEMFD_FOLIO_PFN_MASK;
}

static inline u32 memfd_folio_flags(u64 word0)
{
	return (u32)(word0 >> MEMFD_FOLIO_PFN_BITS);
}

static inline u64 memfd_folio_word0(u64 pfn, u32 flags)
{
	return (pfn & MEMFD_FOLIO_PFN_MASK) |
	       ((u64)(flags & MEMFD_FOLIO_FLAGS_MASK) << MEMFD_FOLIO_PFN_BITS);
}

#endif
