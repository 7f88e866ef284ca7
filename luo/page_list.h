/* SPDX-License-Identifier: MIT */
/*
 * Bounded measurement of singly linked page lists (kho-v1 chunks,
 * kho_vmalloc chunks, kho_block lists): Floyd's cycle check over the next
 * pointers only, so the real walk that follows knows its length up front.
 */
#ifndef BATON_LUO_PAGE_LIST_H
#define BATON_LUO_PAGE_LIST_H

#include <luo/handover_access.h>

enum page_list_status {
	PAGE_LIST_OK,
	PAGE_LIST_CYCLE,
	PAGE_LIST_TOO_LONG,
	PAGE_LIST_BROKEN,		/* a next pointer is not readable */
};

/*
 * Follows u64 next pointers at (node + next_offset) from head, silently.
 * *length receives the number of nodes (up to the break for BROKEN).
 */
enum page_list_status page_list_measure(const struct phys_view *view,
					phys_addr_t head, u64 next_offset,
					u64 max_length, u64 *length);

/*
 * page_list_measure plus findings: E_LIST_CYCLE or E_CHAIN_TOO_LONG (the
 * walk itself reports broken pointers). Returns a bound on the nodes a walk
 * may visit (never more than max_length); *status tells whether the list is
 * sound. Callers that must not act on a cyclic chain check the status.
 */
u64 page_list_check(struct handover_access *ha, phys_addr_t head,
		    u64 next_offset, u64 max_length, const char *what,
		    enum page_list_status *status);

#endif
