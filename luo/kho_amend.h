/* SPDX-License-Identifier: MIT */
/*
 * Amending a KHO handover for the next kernel: a new root FDT with one
 * more subtree and a preserved-memory map that adds whole pages: the
 * radix tree (kho-v2..v4) path-copied (and, for negative tests, entries
 * dropped), a kho-v1 chunk list extended by a new head chunk. No page of
 * the original handover is written; untouched map pages stay shared
 * (docs/handover-abi.md §3.9).
 */
#ifndef BATON_LUO_KHO_AMEND_H
#define BATON_LUO_KHO_AMEND_H

#include <baton/physmem.h>
#include <luo/kho_map.h>
#include <luo/preserved_index.h>

#define KHO_AMEND_PAGES_MAX	64	/* new tree nodes per amendment */
#define KHO_AMEND_ERROR_MAX	160

/* A page-aligned range preserved as order-0 pages. */
struct kho_amend_range {
	phys_addr_t pa;
	u64 size;
};

/*
 * Fresh 4 KiB pages for tree nodes: returns a writable pointer and the
 * page's address, or NULL. The caller keeps them outside scratch, outside
 * preserved memory and outside the old map (the next kernel walks them
 * before it may allocate anywhere else).
 */
struct kho_amend_alloc {
	void *(*page)(void *ctx, phys_addr_t *pa);
	void *ctx;
};

struct kho_amend_request {
	const struct phys_view *view;	/* reads the old FDT and tree */
	phys_addr_t fdt_pa;		/* the incoming root FDT */
	u64 fdt_size;			/* kho_data.fdt_size */
	void *new_fdt;			/* KHO_ROOT_FDT_MAX writable bytes */
	const char *name;		/* subtree node name */
	phys_addr_t blob_pa;		/* its preserved-data (kho-v1: fdt) */
	u64 blob_size;			/* its blob-size (not in kho-v1) */
	enum kho_v1_variant v1_variant;	/* bitmap size of a kho-v1 map */
	const struct kho_amend_range *add;
	u32 add_count;
	const u64 *drop;		/* preserved entries (pa | order) */
	u32 drop_count;
	struct kho_amend_alloc alloc;
};

struct kho_amend_result {
	phys_addr_t old_map_root;
	phys_addr_t map_root;		/* the new preserved-memory-map */
	phys_addr_t pages[KHO_AMEND_PAGES_MAX];	/* new map pages */
	u32 page_count;
	u64 added;			/* order-0 entries set */
	u64 dropped;			/* entries cleared */
	bool replaced;			/* the subtree existed: repointed */
	bool v1;			/* a kho-v1 root and chunk list */
	bool v2;			/* a kho-v2 root: no blob-size */
	u32 fdt_totalsize;		/* of the new FDT */
	char error[KHO_AMEND_ERROR_MAX];
};

/*
 * False with res->error when the FDT or the map cannot be amended. A
 * kho-v1 or kho-v2 blob must be a sub-FDT (kho_v1_report_wrap: those
 * versions carry no blob-size); kho-v1 drops are refused.
 */
bool kho_amend(const struct kho_amend_request *req,
	       struct kho_amend_result *res);

/* The kho-v1 map part (kho_amend_v1.c); res->old_map_root is set. */
bool kho_amend_v1_map(const struct kho_amend_request *req,
		      struct kho_amend_result *res);

/*
 * A kho-v1 subtree is a sub-FDT (the next kernel sizes it by its header;
 * kho-v2 has no blob-size either, so baton wraps its report there too):
 * baton's report goes in as property `report` of a root compatible with
 * "baton-report-v1". wrap_size is the room the wrapper needs; wrap writes
 * it at dst (*total: its totalsize) and returns where the blob bytes are
 * inside, or NULL; unwrap
 * finds them again (NULL when it is no such wrapper).
 */
u64 kho_v1_report_wrap_size(u32 len);
void *kho_v1_report_wrap(void *dst, u64 cap, const void *blob, u32 len,
			 u64 *total);
const void *kho_v1_report_unwrap(const void *fdt, u64 size, u32 *len);

/*
 * Range-set comparison of two sorted preserved indexes: every old entry
 * must be in new with the same order; new may add only order-0 pages
 * inside `add`. Counts what differs; first_* name the lowest offender.
 */
struct kho_amend_diff {
	/*
	 * An index was not whole (entries dropped for lack of room, or not
	 * sorted): missing and extra then say nothing about the map, only
	 * about what the index held. new_dropped: entries new did not hold.
	 */
	bool incomplete;
	u64 new_dropped;
	u64 missing;		/* old entries absent from new */
	u64 extra;		/* new entries neither old nor added */
	u64 added;		/* new entries inside `add` */
	u64 first_missing;	/* entry (pa | order), valid if missing */
	u64 first_extra;
};

/*
 * What a parse-back of the amended handover must hold beyond the received
 * one's counts: every page the amendment preserved is one more order-0
 * entry, every new map page one more map page (drops only shrink the
 * map). Sized from res, never a fixed margin: a 10,000-session report
 * blob alone is some 90 pages.
 */
void kho_amend_parse_back_extra(const struct kho_amend_result *res,
				u64 *extra_entries, u64 *extra_map_pages);

void kho_amend_compare(const struct preserved_index *old_idx,
		       const struct preserved_index *new_idx,
		       const struct kho_amend_range *add, u32 add_count,
		       struct kho_amend_diff *diff);

/*
 * What a successor that extends its scratch early keeps (Linux 7.3:
 * kho_memory_init_early() -> kho_extend_scratch() makes every 1 GiB block
 * holding no preserved range and no map page allocatable before the map
 * is reserved; docs/chain.md, "What a Linux 7.3 successor keeps"). Outside
 * scratch only three things survive that: preserved ranges, map pages,
 * and what the boot protocol reserves (setup_data, the kernel, initrd).
 * baton's additions to the handover (blob, root FDT, new map pages) lie
 * outside scratch and are no boot-protocol object, so every one of their
 * pages must be preserved in, or a page of, the amended map as parsed
 * back. This checks it page by page: O(pages · log(entries + map pages)),
 * bounded by what baton added.
 */
struct kho_amend_kept {
	u64 pages;		/* pages looked at */
	u64 preserved;		/* inside a preserved entry */
	u64 map_pages;		/* a page of the map (a table, leaf, chunk
				 * or bitmap lies in it) */
	u64 exposed;		/* neither: may be reused early */
	phys_addr_t first_exposed;
	bool unverified;	/* the parse's index or map-page list was
				 * incomplete: exposed pages may be kept */
};

struct handover_model;

void kho_amend_check_kept(const struct handover_model *amended,
			  const struct kho_amend_range *pieces, u32 count,
			  struct kho_amend_kept *out);

#endif
