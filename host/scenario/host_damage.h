/* SPDX-License-Identifier: MIT */
/*
 * Hosted only: damage recipes for a handover the luo/ builders wrote, each
 * breaking one structure the way a broken old kernel (or a bit flip) could.
 * Shared by mkhandover's corruptions and the luo/ negative unit tests.
 */
#ifndef BATON_HOST_SCENARIO_HOST_DAMAGE_H
#define BATON_HOST_SCENARIO_HOST_DAMAGE_H

#include <host/builder/builder.h>
#include <luo/handover.h>

#define HOST_DAMAGE_BAD_PA	0x7000000000ULL	/* 448 GiB: no RAM there */

struct host_damage {
	struct handover_builder *b;	/* b->alloc: the simulated memory */
	struct boot_kho_record *rec;
	phys_addr_t mem_base;		/* what b->alloc.host may translate */
	u64 mem_size;
	phys_addr_t scratch;		/* the first scratch area */
	void *owner;			/* the caller's harness */
	bool failed;			/* a libfdt edit did not apply */
};

typedef void host_damage_fn(struct host_damage *d);

/*
 * Host address of pa. Outside the simulated memory (a scenario without the
 * damaged structure) a scratch buffer instead: the damage then lands
 * nowhere and the expected finding does not appear.
 */
u8 *host_damage_ptr(struct host_damage *d, phys_addr_t pa);
/* A fresh, unpreserved page filled with a pattern. */
phys_addr_t host_damage_spare_page(struct host_damage *d);

/* KHO record, root FDT and sub-blobs */
host_damage_fn damage_fdt_size_small;		/* kho-fdt SIZE 64 */
host_damage_fn damage_fdt_bad_magic;
host_damage_fn damage_fdt_struct_garbage;
host_damage_fn damage_fdt_too_large;		/* totalsize 5000 in 8 KiB */
host_damage_fn damage_kho_unknown;		/* compatible "kho-v9" */
host_damage_fn damage_mem_map_zero;
host_damage_fn damage_blob_size_missing;	/* memblock's blob-size */
host_damage_fn damage_subtree_duplicate;	/* memblock renamed LUO */
host_damage_fn damage_subtree_unknown;		/* pre: "vendor-blob" */
host_damage_fn damage_subtree_unpreserved;
host_damage_fn damage_subtree_unbacked;

/* preserved-memory map */
host_damage_fn damage_radix_index_invalid;	/* root slot 7 */
host_damage_fn damage_radix_order_invalid;	/* a key of order >= 52 */
host_damage_fn damage_table_misaligned;
host_damage_fn damage_table_unbacked;
host_damage_fn damage_table_shared;
host_damage_fn damage_map_page_preserved;	/* pre */
host_damage_fn damage_preserved_outside;	/* pre */
host_damage_fn damage_preserved_overlap;	/* pre */
host_damage_fn damage_preserved_in_scratch;	/* pre */
host_damage_fn damage_unaccounted;		/* pre */
host_damage_fn damage_v1_bitmap_misaligned;
host_damage_fn damage_v1_start_odd;
host_damage_fn damage_v1_start_unaligned;
host_damage_fn damage_v1_order;
host_damage_fn damage_v1_cycle;
host_damage_fn damage_v1_num_elms;

/* kho_block chains, kho_vmalloc, LUO */
host_damage_fn damage_session_cycle;
host_damage_fn damage_session_count_big;
host_damage_fn damage_session_count_zero;
host_damage_fn damage_block_not_full;
host_damage_fn damage_session_chain_long;	/* KHO_BLOCK_MAX + 1 nodes */
host_damage_fn damage_flb_misaligned;
host_damage_fn damage_vm_total_pages;
host_damage_fn damage_vm_after_zero;
host_damage_fn damage_vm_flags;
host_damage_fn damage_luo_blob_small;
host_damage_fn damage_luo_unknown;		/* "luo-v4" */
host_damage_fn damage_luo_v1_session_compat;
host_damage_fn damage_name_unterminated;
host_damage_fn damage_name_empty;
host_damage_fn damage_session_dup;
host_damage_fn damage_file_count_wrong;
host_damage_fn damage_token_dup;
host_damage_fn damage_handler_unknown;
host_damage_fn damage_data_dup;
host_damage_fn damage_memfd_v1_in_v5;
host_damage_fn damage_flb_pgcnt_zero;
host_damage_fn damage_flb_dup;
host_damage_fn damage_flb_count_zero;
host_damage_fn damage_flb_count_big;

/* memfd */
host_damage_fn damage_seals_bad;
host_damage_fn damage_memfd_flags;
host_damage_fn damage_nr_folios_zero;
host_damage_fn damage_nr_folios_big;
host_damage_fn damage_pfn_zero;
host_damage_fn damage_pfn_unpreserved;
host_damage_fn damage_folio_flags;
host_damage_fn damage_index_swap;
host_damage_fn damage_size_grow;
host_damage_fn damage_folio_dup;
host_damage_fn damage_folio_array_shared;
host_damage_fn damage_pos_negative;

/* memblock, metadata */
host_damage_fn damage_memblock_compat;
host_damage_fn damage_metadata_version;

#endif
