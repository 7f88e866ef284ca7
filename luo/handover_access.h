/* SPDX-License-Identifier: MIT */
/*
 * The checked handover accessor: the only way luo/ parsers turn a physical
 * address read from the handover into bytes. It checks the phys_view backs
 * the whole structure, optionally that preserved memory covers it, and turns
 * every failure into a finding (code, pa, message).
 */
#ifndef BATON_LUO_HANDOVER_ACCESS_H
#define BATON_LUO_HANDOVER_ACCESS_H

#include <baton/findings.h>
#include <baton/physmem.h>

/* Answers "is [pa, pa + len) wholly covered by preserved memory?". */
typedef bool (*preserved_lookup_fn)(const void *ctx, phys_addr_t pa, u64 len);

struct handover_access {
	const struct phys_view *view;
	struct finding_list *findings;	/* NULL: probe silently */
	preserved_lookup_fn preserved;	/* NULL: coverage not checked */
	const void *preserved_ctx;
};

void handover_access_init(struct handover_access *ha,
			  const struct phys_view *view,
			  struct finding_list *findings);

/* Reports a finding unless the accessor is silent. */
void ha_report(struct handover_access *ha, enum finding_code code,
	       phys_addr_t pa, const char *fmt, ...) __printf(4, 5);

/* Host pointer for [pa, pa + len) or NULL (E_POINTER_UNBACKED reported). */
const void *ha_map(struct handover_access *ha, phys_addr_t pa, u64 len,
		   const char *what);

/*
 * Like ha_map, and additionally reports E_POINTER_NOT_PRESERVED when a
 * preserved lookup is installed and does not cover the range. The bytes are
 * still returned: reading them is harmless and lets validation go on.
 */
const void *ha_map_preserved(struct handover_access *ha, phys_addr_t pa,
			     u64 len, const char *what);

bool ha_read(struct handover_access *ha, phys_addr_t pa, void *out, u64 len,
	     const char *what);
bool ha_read_preserved(struct handover_access *ha, phys_addr_t pa, void *out,
		       u64 len, const char *what);

/* True when pa is a multiple of align (a power of two); else a finding. */
bool ha_check_aligned(struct handover_access *ha, phys_addr_t pa, u64 align,
		      enum finding_code code, const char *what);

/* Coverage query without reporting (false when no lookup is installed). */
bool ha_is_preserved(const struct handover_access *ha, phys_addr_t pa,
		     u64 len);

#endif
