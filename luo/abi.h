/* SPDX-License-Identifier: MIT */
/*
 * baton's own declarations of every KHO / LUO / memfd hand-over structure,
 * for every mainline version (docs: /work/shared/docs/handover-abi.md §2).
 * Sizes and offsets are pinned with static assertions; all integers are LE.
 */
#ifndef BATON_LUO_ABI_H
#define BATON_LUO_ABI_H

#include <baton/types.h>

/* ---- Compatible strings and property names -------------------------- */
#define KHO_COMPAT_V1			"kho-v1"
#define KHO_COMPAT_V2			"kho-v2"
#define KHO_COMPAT_V3			"kho-v3"
#define KHO_COMPAT_V4			"kho-v4"
#define KHO_PROP_MEM_MAP		"preserved-memory-map"
#define KHO_PROP_SUBTREE_FDT		"fdt"		/* kho-v1 */
#define KHO_PROP_PRESERVED_DATA		"preserved-data"	/* kho-v2+ */
#define KHO_PROP_BLOB_SIZE		"blob-size"	/* kho-v3+ */
#define KHO_ROOT_FDT_MAX		4096

#define KHO_SUBTREE_LUO			"LUO"
#define KHO_SUBTREE_MEMBLOCK		"memblock"
#define KHO_SUBTREE_METADATA		"kexec-metadata"
#define KHO_SUBTREE_TEST		"kho_test"
#define KHO_SUBTREE_BATON		"baton"	/* baton's report (docs/chain.md) */

#define LUO_V5_COMPAT			"luo-v5"
#define LUO_V1_COMPAT			"luo-v1"
#define LUO_V1_PROP_NUM			"liveupdate-number"
#define LUO_V1_SESSION_NODE		"luo-session"
#define LUO_V1_SESSION_COMPAT_V1	"luo-session-v1"
#define LUO_V1_SESSION_COMPAT_V2	"luo-session-v2"
#define LUO_V1_SESSION_PROP		"luo-session-header"
#define LUO_V1_FLB_NODE			"luo-flb"
#define LUO_V1_FLB_COMPAT		"luo-flb-v1"
#define LUO_V1_FLB_PROP			"luo-flb-header"
#define LUO_V1_SUBSYS_NODE		"subsystems"
#define LUO_V1_SUBSYS_COMPAT		"subsystems-v1"

#define MEMFD_COMPAT_V1			"memfd-v1"
#define MEMFD_COMPAT_V2			"memfd-v2"

#define MEMBLOCK_COMPAT			"memblock-v1"
#define RESERVE_MEM_COMPAT		"reserve-mem-v1"
#define RESERVE_MEM_MAX			8
#define RESERVE_MEM_NAME_MAX		16

/* ---- x86 hand-off (§2.2) ------------------------------------------- */
struct kho_data_ser {
	u64 fdt_addr;
	u64 fdt_size;
	u64 scratch_addr;
	u64 scratch_size;
} __packed;

struct kho_scratch_ser {
	u64 addr;
	u64 size;
};

/* ---- kho-v1 preserved-memory map (§2.4) ---------------------------- */
#define KHO_V1_CHUNK_ENTRIES		255
#define KHO_V1_BITMAP_SMALL		512	/* 6.16, 6.17.0 */
#define KHO_V1_BITMAP_PAGE		4096	/* 6.18+ */

struct khoser_mem_bitmap_ptr {
	u64 phys_start;
	u64 bitmap;
};

struct khoser_mem_chunk {
	u64 next;
	u32 order;
	u32 num_elms;
	struct khoser_mem_bitmap_ptr bitmaps[KHO_V1_CHUNK_ENTRIES];
};

/* ---- radix-tree map (§2.5) ----------------------------------------- */
#define KHO_RADIX_ORDER0_LOG2		52	/* 64 - PAGE_SHIFT */
#define KHO_RADIX_TABLE_LOG2		9	/* 512 u64 per table page */
#define KHO_RADIX_BITMAP_LOG2		15	/* 32768 bits per leaf page */
#define KHO_RADIX_DEPTH			6	/* levels 5..1 tables, 0 leaf */
#define KHO_RADIX_TABLE_ENTRIES		(1u << KHO_RADIX_TABLE_LOG2)
#define KHO_RADIX_LEAF_BITS		(1u << KHO_RADIX_BITMAP_LOG2)
#define KHO_RADIX_MAX_ORDER		51

static inline unsigned int kho_radix_level_shift(unsigned int level)
{
	return KHO_RADIX_BITMAP_LOG2 + KHO_RADIX_TABLE_LOG2 * (level - 1);
}

static inline u64 kho_radix_key(phys_addr_t pa, unsigned int order)
{
	return (1ULL << (KHO_RADIX_ORDER0_LOG2 - order)) |
	       (pa >> (PAGE_SHIFT + order));
}

/* ---- kho_vmalloc (§2.6) --------------------------------------------- */
#define KHO_VMALLOC_ALLOC		0x0001
#define KHO_VMALLOC_HUGE_VMAP		0x0002
#define KHO_VMALLOC_CHUNK_ENTRIES	511

struct kho_vmalloc_ser {
	u64 first;
	u32 total_pages;
	u16 flags;
	u16 order;
};

struct kho_vmalloc_chunk_ser {
	u64 next;
	u64 phys[KHO_VMALLOC_CHUNK_ENTRIES];
};

/* ---- kho_block (§2.7) ----------------------------------------------- */
#define KHO_BLOCK_SIZE			4096
#define KHO_BLOCK_MAX			10000

struct kho_block_header_ser {
	u64 next;
	u64 count;
} __packed;

static inline u32 kho_block_capacity(u32 entry_size)
{
	return (KHO_BLOCK_SIZE - sizeof(struct kho_block_header_ser)) /
	       entry_size;
}

/* ---- LUO (§2.8, §2.9) ----------------------------------------------- */
#define LUO_COMPAT_FIELD		8
#define LUO_SESSION_NAME_LEN		64
#define LUO_FILE_COMPAT_LEN		48
#define LUO_FLB_NAME_LEN		48
#define LUO_SESSIONS_PER_BLOCK		51
#define LUO_FILES_PER_BLOCK		63
#define LUO_FLB_MAX			63
#define LUO_V1_SESSION_AREA		(16 * PAGE_SIZE)
#define LUO_V1_SESSION_MAX		819
#define LUO_V1_FILE_AREA		(2 * PAGE_SIZE)
#define LUO_V1_FILE_MAX			128

struct luo_ser {
	char compatible[LUO_COMPAT_FIELD];
	u64 liveupdate_num;
	u64 sessions_pa;
	u64 flbs_pa;
} __packed;

struct luo_session_ser {
	char name[LUO_SESSION_NAME_LEN];
	u64 files;
	u64 count;
} __packed;

/* luo-session-v1 (unreleased seed): name only */
struct luo_session_v1_ser {
	char name[LUO_SESSION_NAME_LEN];
} __packed;

struct luo_file_ser {
	char compatible[LUO_FILE_COMPAT_LEN];
	u64 data;
	u64 token;
} __packed;

struct luo_flb_header_ser {
	u64 pgcnt;
	u64 count;
} __packed;

struct luo_flb_ser {
	char name[LUO_FLB_NAME_LEN];
	u64 data;
	u64 count;
} __packed;

/* ---- memfd (§2.10) -------------------------------------------------- */
#define MEMFD_ALL_SEALS			0x3f
#define MEMFD_FOLIO_DIRTY		0x1
#define MEMFD_FOLIO_UPTODATE		0x2
#define MEMFD_FOLIO_PFN_BITS		52
#define MEMFD_FOLIO_PFN_MASK		((1ULL << MEMFD_FOLIO_PFN_BITS) - 1)

struct memfd_luo_v1_ser {
	u64 pos;
	u64 size;
	u64 nr_folios;
	struct kho_vmalloc_ser folios;
} __packed;

struct memfd_luo_v2_ser {
	u64 pos;
	u64 size;
	u32 seals;
	u32 flags;
	u64 nr_folios;
	struct kho_vmalloc_ser folios;
} __packed;

/* word0 holds pfn in bits 0..51 and flags in 52..63 (decode by shifts). */
struct memfd_luo_folio_ser {
	u64 pfn_flags;
	u64 index;
} __packed;

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
	       ((u64)(flags & 0xfff) << MEMFD_FOLIO_PFN_BITS);
}

/* ---- kexec-metadata (§2.12) ----------------------------------------- */
#define KHO_METADATA_VERSION		1
#define KHO_METADATA_RELEASE_LEN	65

struct kho_kexec_metadata_ser {
	u32 version;
	char previous_release[KHO_METADATA_RELEASE_LEN];
	u32 kexec_count;
} __packed;

/* ---- Layout pins ---------------------------------------------------- */
#define ABI_OFFSET(type, field, off) \
	_Static_assert(offsetof(type, field) == (off), #type "." #field)
#define ABI_SIZE(type, size) \
	_Static_assert(sizeof(type) == (size), "sizeof " #type)

ABI_SIZE(struct kho_data_ser, 32);
ABI_OFFSET(struct kho_data_ser, fdt_addr, 0);
ABI_OFFSET(struct kho_data_ser, fdt_size, 8);
ABI_OFFSET(struct kho_data_ser, scratch_addr, 16);
ABI_OFFSET(struct kho_data_ser, scratch_size, 24);
ABI_SIZE(struct kho_scratch_ser, 16);
ABI_OFFSET(struct kho_scratch_ser, addr, 0);
ABI_OFFSET(struct kho_scratch_ser, size, 8);
ABI_SIZE(struct khoser_mem_bitmap_ptr, 16);
ABI_OFFSET(struct khoser_mem_bitmap_ptr, phys_start, 0);
ABI_OFFSET(struct khoser_mem_bitmap_ptr, bitmap, 8);
ABI_SIZE(struct khoser_mem_chunk, 4096);
ABI_OFFSET(struct khoser_mem_chunk, next, 0);
ABI_OFFSET(struct khoser_mem_chunk, order, 8);
ABI_OFFSET(struct khoser_mem_chunk, num_elms, 12);
ABI_OFFSET(struct khoser_mem_chunk, bitmaps, 16);
ABI_SIZE(struct kho_vmalloc_ser, 16);
ABI_OFFSET(struct kho_vmalloc_ser, first, 0);
ABI_OFFSET(struct kho_vmalloc_ser, total_pages, 8);
ABI_OFFSET(struct kho_vmalloc_ser, flags, 12);
ABI_OFFSET(struct kho_vmalloc_ser, order, 14);
ABI_SIZE(struct kho_vmalloc_chunk_ser, 4096);
ABI_OFFSET(struct kho_vmalloc_chunk_ser, next, 0);
ABI_OFFSET(struct kho_vmalloc_chunk_ser, phys, 8);
ABI_SIZE(struct kho_block_header_ser, 16);
ABI_OFFSET(struct kho_block_header_ser, next, 0);
ABI_OFFSET(struct kho_block_header_ser, count, 8);
ABI_SIZE(struct luo_ser, 32);
ABI_OFFSET(struct luo_ser, compatible, 0);
ABI_OFFSET(struct luo_ser, liveupdate_num, 8);
ABI_OFFSET(struct luo_ser, sessions_pa, 16);
ABI_OFFSET(struct luo_ser, flbs_pa, 24);
ABI_SIZE(struct luo_session_ser, 80);
ABI_OFFSET(struct luo_session_ser, name, 0);
ABI_OFFSET(struct luo_session_ser, files, 64);
ABI_OFFSET(struct luo_session_ser, count, 72);
ABI_SIZE(struct luo_session_v1_ser, 64);
ABI_SIZE(struct luo_file_ser, 64);
ABI_OFFSET(struct luo_file_ser, compatible, 0);
ABI_OFFSET(struct luo_file_ser, data, 48);
ABI_OFFSET(struct luo_file_ser, token, 56);
ABI_SIZE(struct luo_flb_header_ser, 16);
ABI_OFFSET(struct luo_flb_header_ser, pgcnt, 0);
ABI_OFFSET(struct luo_flb_header_ser, count, 8);
ABI_SIZE(struct luo_flb_ser, 64);
ABI_OFFSET(struct luo_flb_ser, name, 0);
ABI_OFFSET(struct luo_flb_ser, data, 48);
ABI_OFFSET(struct luo_flb_ser, count, 56);
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
ABI_SIZE(struct kho_kexec_metadata_ser, 73);
ABI_OFFSET(struct kho_kexec_metadata_ser, version, 0);
ABI_OFFSET(struct kho_kexec_metadata_ser, previous_release, 4);
ABI_OFFSET(struct kho_kexec_metadata_ser, kexec_count, 69);

/* Little-endian loads and stores that tolerate any alignment. */
static inline u64 abi_le64(const void *p)
{
	u64 v;

	__builtin_memcpy(&v, p, sizeof(v));
	return v;
}

static inline u32 abi_le32(const void *p)
{
	u32 v;

	__builtin_memcpy(&v, p, sizeof(v));
	return v;
}

static inline void abi_put_le64(void *p, u64 v)
{
	__builtin_memcpy(p, &v, sizeof(v));
}

#endif
