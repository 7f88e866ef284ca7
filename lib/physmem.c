// SPDX-License-Identifier: MIT
/*
 * Physical memory view lookups: binary search over sorted windows, with
 * every length and end computed overflow-safe.
 */
#include <baton/physmem.h>
#include <string.h>

bool phys_view_init(struct phys_view *view, const struct phys_window *windows,
		    u32 count)
{
	u32 i;
	u64 end;

	view->windows = windows;
	view->count = count;
	for (i = 0; i < count; i++) {
		if (!range_end(windows[i].pa, windows[i].size, &end))
			return false;
		if (i + 1 < count && end > windows[i + 1].pa)
			return false;
	}
	return true;
}

static const struct phys_window *find_window(const struct phys_view *view,
					     phys_addr_t pa)
{
	u32 lo = 0, hi = view->count;

	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;
		const struct phys_window *w = &view->windows[mid];

		if (pa < w->pa)
			hi = mid;
		else if (pa - w->pa >= w->size)
			lo = mid + 1;
		else
			return w;
	}
	return NULL;
}

const void *phys_map(const struct phys_view *view, phys_addr_t pa, u64 len)
{
	const struct phys_window *w;

	if (!view || len == 0)
		return NULL;
	w = find_window(view, pa);
	if (!w || len > w->size - (pa - w->pa))
		return NULL;
	return w->host + (pa - w->pa);
}

bool phys_backed(const struct phys_view *view, phys_addr_t pa, u64 len)
{
	return phys_map(view, pa, len) != NULL;
}

bool phys_read(const struct phys_view *view, phys_addr_t pa, void *out,
	       u64 len)
{
	const void *p = phys_map(view, pa, len);

	if (!p)
		return false;
	memcpy(out, p, len);
	return true;
}

bool phys_read_u64(const struct phys_view *view, phys_addr_t pa, u64 *out)
{
	return phys_read(view, pa, out, sizeof(*out));
}
