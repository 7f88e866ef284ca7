// SPDX-License-Identifier: MIT
/* Segment view: keeps the windows sorted and disjoint as they are added. */
#include <luo/segment_view.h>

void segment_view_init(struct segment_view *sv)
{
	sv->view.windows = sv->windows;
	sv->view.count = 0;
}

bool segment_view_add(struct segment_view *sv, phys_addr_t pa,
		      const void *host, u64 size)
{
	u32 n = sv->view.count, i, pos = 0;
	u64 end;

	if (n >= SEGMENT_VIEW_MAX || size == 0 || !range_end(pa, size, &end))
		return false;
	while (pos < n && sv->windows[pos].pa < pa)
		pos++;
	if (pos > 0 && sv->windows[pos - 1].pa + sv->windows[pos - 1].size > pa)
		return false;
	if (pos < n && end > sv->windows[pos].pa)
		return false;
	for (i = n; i > pos; i--)
		sv->windows[i] = sv->windows[i - 1];
	sv->windows[pos] = (struct phys_window){ pa, size, host };
	sv->view.count = n + 1;
	return true;
}
