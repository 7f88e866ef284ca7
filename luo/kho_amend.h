/* SPDX-License-Identifier: MIT */
/*
 * Amending a radix-tree KHO handover (kho-v2..v4) for the next kernel: a
 * new root FDT with one more subtree and a path-copied preserved-memory
 * map that adds whole pages (and, for negative tests, drops entries). No
 * page of the original handover is written: changed tree nodes are copied
 * into fresh pages, untouched subtrees stay shared (handover-abi.md §3.9).
 */
#ifndef BATON_LUO_KHO_AMEND_H
#define BATON_LUO_KHO_AMEND_H

#include <baton/physmem.h>
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
	phys_addr_t blob_pa;		/* its preserved-data */
	u64 blob_size;			/* its blob-size */
	const struct kho_amend_range *add;
	u32 add_count;
	const u64 *drop;		/* preserved entries (pa | order) */
	u32 drop_count;
	struct kho_amend_alloc alloc;
};

struct kho_amend_result {
	phys_addr_t old_map_root;
	phys_addr_t map_root;		/* the new preserved-memory-map */
	phys_addr_t pages[KHO_AMEND_PAGES_MAX];	/* new tree nodes */
	u32 page_count;
	u64 added;			/* order-0 entries set */
	u64 dropped;			/* entries cleared */
	bool replaced;			/* the subtree existed: repointed */
	u32 fdt_totalsize;		/* of the new FDT */
	char error[KHO_AMEND_ERROR_MAX];
};

/* False with res->error when the FDT or the map cannot be amended. */
bool kho_amend(const struct kho_amend_request *req,
	       struct kho_amend_result *res);

/*
 * Range-set comparison of two sorted preserved indexes: every old entry
 * must be in new with the same order; new may add only order-0 pages
 * inside `add`. Counts what differs; first_* name the lowest offender.
 */
struct kho_amend_diff {
	u64 missing;		/* old entries absent from new */
	u64 extra;		/* new entries neither old nor added */
	u64 added;		/* new entries inside `add` */
	u64 first_missing;	/* entry (pa | order), valid if missing */
	u64 first_extra;
};

void kho_amend_compare(const struct preserved_index *old_idx,
		       const struct preserved_index *new_idx,
		       const struct kho_amend_range *add, u32 add_count,
		       struct kho_amend_diff *diff);

#endif
