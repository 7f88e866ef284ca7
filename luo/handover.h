/* SPDX-License-Identifier: MIT */
/*
 * The top-level handover parser and validator: from the SETUP_KEXEC_KHO
 * record to a reconstructed model plus findings. kho_parse does the KHO
 * layer (record, scratch, root FDT, preserved-memory map), luo_parse the
 * layers above it; handover_parse runs both and the cross checks.
 */
#ifndef BATON_LUO_HANDOVER_H
#define BATON_LUO_HANDOVER_H

#include <baton/bootinfo.h>
#include <baton/findings.h>
#include <luo/handover_access.h>
#include <luo/model.h>

struct phys_range {
	phys_addr_t start;
	u64 size;
};

struct handover_config {
	const struct phys_view *view;
	struct boot_kho_record kho;	/* fdt and scratch array location */
	/* RAM (sorted by start); NULL: the view's windows are the RAM */
	const struct phys_range *ram;
	u32 ram_count;
	enum kho_v1_variant v1_hint;	/* UNKNOWN: detect */
	/* optional extra consumer of the map (e.g. the mm range set) */
	const struct kho_map_sink *map_sink;
	/*
	 * kho_parse: stop at the map's root and kho-v1 bitmap size, do not
	 * walk the map (the payload's memory phase walks it itself).
	 */
	bool map_root_only;
};

/* Everything: KHO, LUO, memfd, blobs, accounting, release profile. */
void handover_parse(const struct handover_config *cfg,
		    const struct model_storage *st, struct handover_model *m,
		    struct finding_list *findings);

/*
 * The payload's one-call form: identity (or any) view, the boot record, RAM
 * taken from the view's windows, kho-v1 variant detected.
 */
void handover_validate(const struct phys_view *view,
		       const struct boot_kho_record *kho,
		       const struct model_storage *st,
		       struct handover_model *m,
		       struct finding_list *findings);

/* KHO layer only; leaves m->preserved sorted for luo_parse. */
void kho_parse(const struct handover_config *cfg,
	       const struct model_storage *st, struct handover_model *m,
	       struct finding_list *findings);

/* LUO sessions/files/memfd/FLBs plus the memblock and metadata blobs. */
void luo_parse(const struct handover_config *cfg, struct handover_model *m,
	       struct finding_list *findings);

/* Shared by the parsers: an accessor with m->preserved as lookup. */
void handover_access_for(struct handover_access *ha,
			 const struct handover_config *cfg,
			 struct handover_model *m,
			 struct finding_list *findings);

/* True when [pa, pa + len) lies within the configured RAM. */
bool handover_in_ram(const struct handover_config *cfg, phys_addr_t pa,
		     u64 len);

/* Returns the subtree of that name, or NULL. */
const struct model_subtree *model_find_subtree(const struct handover_model *m,
					       const char *name);

#endif
