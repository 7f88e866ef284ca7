/* SPDX-License-Identifier: MIT */
/*
 * Preserved vmalloc areas (§2.6): a descriptor, a chain of chunk pages
 * listing blocks of 2^order pages. The walker checks §6.4 and streams the
 * area's pages in order.
 */
#ifndef BATON_LUO_KHO_VMALLOC_H
#define BATON_LUO_KHO_VMALLOC_H

#include <luo/abi.h>
#include <luo/handover_access.h>
#include <luo/preserved_index.h>
#include <luo/visit_set.h>

typedef void (*kho_vmalloc_page_fn)(void *ctx, u64 page_index,
				    phys_addr_t pa, const u8 *host);

struct kho_vmalloc_result {
	u64 pages;		/* pages handed to the callback */
	u64 chunks;		/* chunk pages entered */
	bool ok;		/* false: Linux would refuse the area */
	bool shared;		/* a chunk or block entered before */
	bool full;		/* the visited set is full: stop the parse */
};

/* Reads a descriptor from raw bytes (16 bytes, natural layout). */
void kho_vmalloc_decode(const u8 *raw, struct kho_vmalloc_ser *out);

/*
 * Every chunk page and every block is entered in visited first: one
 * already there (another descriptor's, or listed twice) gets
 * E_VMALLOC_SHARED and ends the walk, so no chunk or block is read twice
 * in a parse; a full set gets E_NOT_VALIDATED.
 */
struct kho_vmalloc_result kho_vmalloc_walk(struct handover_access *ha,
					   const struct kho_vmalloc_ser *desc,
					   phys_addr_t desc_pa,
					   struct preserved_index *claim,
					   struct visit_set *visited,
					   kho_vmalloc_page_fn fn, void *ctx);

#endif
