/* SPDX-License-Identifier: MIT */
/*
 * The ABI bridge: rewrites the descriptors of a received handover (any
 * profile 6.16 .. 7.1) into the versions Linux 7.2 speaks (kho-v4, luo-v5,
 * memfd-v2) in fresh pages, and proves the result by model equality after
 * a parse back. Guest memory is never moved or written (docs/bridge.md).
 */
#ifndef BATON_LUO_BRIDGE_BRIDGE_H
#define BATON_LUO_BRIDGE_BRIDGE_H

#include <baton/findings.h>
#include <baton/physmem.h>
#include <luo/kho_amend.h>
#include <luo/model.h>

#define BRIDGE_SUBTREE_MAX	(MODEL_SUBTREE_MAX + 1)	/* + metadata */
#define BRIDGE_RELEASE_UNKNOWN	"unknown"
/* memfd-v2 seals for a memfd-v1 file: F_SEAL_SEAL (docs/bridge.md) */
#define BRIDGE_MEMFD_V1_SEALS	0x1
#define BRIDGE_METADATA_KEXEC_COUNT	1

struct bridge_request {
	const struct phys_view *view;	/* reads the received structures */
	const struct handover_model *old;	/* parsed without errors */
	struct kho_amend_alloc alloc;	/* fresh pages (kho_amend.h rules) */
	/* the new map's entries; bridge_work_entries(old) u64s at least */
	u64 *work;
	u64 work_cap;
};

struct bridge_result {
	bool bridged;			/* false: nothing to do, or refused */
	enum release_profile from;	/* the received handover's profile */
	enum kho_version from_kho;
	enum luo_version from_luo;
	enum memfd_version from_memfd;
	phys_addr_t fdt_pa;		/* new root FDT: kho_data.fdt_addr */
	u64 fdt_size;			/* kho_data.fdt_size */
	phys_addr_t map_root;		/* new radix root */
	/* structures written */
	u32 session_blocks;
	u32 file_blocks;
	u32 memfds_rewritten;		/* memfd-v1 -> v2 descriptors */
	bool metadata_synthesized;
	u64 pages_written;		/* preserved pages (descriptors) */
	u64 map_pages;			/* pages of the new radix tree */
	/* what the next kernel gets back */
	u64 entries_dropped;		/* old descriptors out of the map */
	u64 bytes_freed;		/* their bytes */
	u64 old_map_pages;		/* old map pages no longer referenced */
	/* the new map's entries (pa | order), sorted, in req->work */
	const u64 *entries;
	u64 entry_count;
};

/* Room bridge_handover needs in req->work for this model. */
u64 bridge_work_entries(const struct handover_model *old);

/*
 * Writes the bridged handover. False with a finding (E_BRIDGE_UNSUPPORTED:
 * nothing written; E_BRIDGE_WRITE_FAILED: only fresh pages written) when
 * it cannot; true with res->bridged false when the handover already is in
 * the target versions.
 */
bool bridge_handover(const struct bridge_request *req,
		     struct bridge_result *res, struct finding_list *findings);

/*
 * Whether the received preserved entry (pa | order) is a descriptor the
 * bridge replaces and drops from the new map (rule 3).
 */
bool bridge_replaces(const struct handover_model *old, u64 entry);

/*
 * The proof: the parse back of the bridged handover (new, with new_errors
 * error findings) equals the received model except for version strings
 * and the documented chosen values. False with E_BRIDGE_MODEL_DIFF naming
 * the first difference.
 */
bool bridge_models_equal(const struct handover_model *old,
			 const struct handover_model *new, u64 new_errors,
			 const struct bridge_result *res,
			 struct finding_list *findings);

#endif
