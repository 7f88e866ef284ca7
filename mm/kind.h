/* SPDX-License-Identifier: MIT */
/*
 * What a physical range is: the kinds of the memory model (firmware map,
 * KHO scratch, occupants). A kind's numeric value is its priority: where
 * two ranges of different kinds overlap in one range set, the larger wins.
 */
#ifndef BATON_MM_KIND_H
#define BATON_MM_KIND_H

#include <baton/types.h>

enum mm_kind {
	MM_KIND_NONE = 0,		/* not described (free) */

	/* Firmware layer, in e820 precedence order (higher type wins). */
	MM_KIND_RAM,
	MM_KIND_RESERVED,		/* e820 reserved and unknown types */
	MM_KIND_ACPI,
	MM_KIND_NVS,
	MM_KIND_UNUSABLE,
	MM_KIND_PMEM,
	MM_KIND_PRAM,
	MM_KIND_SOFT_RESERVED,

	/* KHO layer. */
	MM_KIND_SCRATCH,

	/* Occupants, least specific first. */
	MM_KIND_OLD_PAGE_TABLE,		/* the entry CR3 tables */
	MM_KIND_KHO_MAP_PAGE,		/* radix node/leaf, v1 chunk/bitmap */
	MM_KIND_SETUP_DATA,		/* header + payload of a setup_data */
	MM_KIND_BOOT_PARAMS,
	MM_KIND_CMDLINE,
	MM_KIND_INITRD,
	MM_KIND_KEXEC_SEGMENT,		/* other segments: IMA buffer, ... */
	MM_KIND_SCRATCH_ARRAY,
	MM_KIND_PRESERVED,
	MM_KIND_KHO_BLOB,		/* a sub-blob, in preserved memory */
	MM_KIND_KHO_FDT,		/* the root FDT page, also preserved */
	MM_KIND_NEXT_KERNEL,		/* the chain-loaded kernel's segments */
	MM_KIND_BATON_ALLOC,
	MM_KIND_BATON_IMAGE,
	/* baton's additions to the handover: outside scratch, preserved */
	MM_KIND_HANDOVER_ADD,

	MM_KIND_COUNT,
};

/* Short stable name ("preserved", "KHO map page", ...). */
const char *mm_kind_name(unsigned int kind);

/* The kind an e820 type becomes in the firmware layer. */
enum mm_kind mm_kind_from_e820(u32 type);

/* True for kinds baton owns and writes: its image and its allocations. */
bool mm_kind_is_baton_owned(unsigned int kind);

/*
 * True for what the kexec load wrote: baton's image, boot_params, command
 * line, setup_data, initrd, the scratch array and other kexec segments.
 */
bool mm_kind_is_kexec_segment(unsigned int kind);

#endif
