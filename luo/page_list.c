// SPDX-License-Identifier: MIT
/* Page-list measurement: Floyd's tortoise and hare with an upper bound. */
#include <luo/page_list.h>
#include <luo/abi.h>

static bool next_of(const struct phys_view *view, phys_addr_t node,
		    u64 next_offset, phys_addr_t *next)
{
	const void *p;

	if (!IS_ALIGNED(node, 8))
		return false;
	p = phys_map(view, node + next_offset, sizeof(u64));
	if (!p)
		return false;
	*next = abi_le64(p);
	return true;
}

enum page_list_status page_list_measure(const struct phys_view *view,
					phys_addr_t head, u64 next_offset,
					u64 max_length, u64 *length)
{
	phys_addr_t slow = head, fast = head;
	u64 n = 0;

	for (;;) {
		int step;

		for (step = 0; step < 2; step++) {
			if (fast == 0) {
				*length = n;
				return PAGE_LIST_OK;
			}
			n++;
			if (n > max_length) {
				*length = n;
				return PAGE_LIST_TOO_LONG;
			}
			if (!next_of(view, fast, next_offset, &fast)) {
				*length = n;
				return PAGE_LIST_BROKEN;
			}
		}
		if (!next_of(view, slow, next_offset, &slow))
			slow = 0;
		if (fast != 0 && fast == slow) {
			*length = n;
			return PAGE_LIST_CYCLE;
		}
	}
}

u64 page_list_check(struct handover_access *ha, phys_addr_t head,
		    u64 next_offset, u64 max_length, const char *what,
		    enum page_list_status *status)
{
	u64 n = 0;
	enum page_list_status st;

	st = page_list_measure(ha->view, head, next_offset, max_length, &n);
	if (status)
		*status = st;
	if (st == PAGE_LIST_CYCLE)
		ha_report(ha, E_LIST_CYCLE, head, "%s: chain has a cycle",
			  what);
	else if (st == PAGE_LIST_TOO_LONG)
		ha_report(ha, E_CHAIN_TOO_LONG, head,
			  "%s: chain longer than %llu", what,
			  (unsigned long long)max_length);
	return MIN(n, max_length);
}
