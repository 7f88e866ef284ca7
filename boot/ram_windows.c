// SPDX-License-Identifier: MIT
/*
 * Step 2 of reading the boot information: the identity windows over the
 * RAM-like e820 entries, from which the payload builds its phys_view.
 * Works in place in the caller's array (no allocation, no large stack).
 */
#include <boot/boot_params.h>
#include <string.h>

static u64 window_end(const struct phys_window *w)
{
	return w->pa + w->size;
}

static void set_window(struct phys_window *w, u64 start, u64 end)
{
	w->pa = start;
	w->size = end - start;
	w->host = (const u8 *)(uintptr_t)start;
}

/*
 * Inserts [start, end) into the sorted, disjoint windows out[0, *count),
 * merging every window it overlaps or touches. Returns false when a new
 * window is needed and none is free.
 */
static bool insert_range(struct phys_window *out, u32 *count, u32 max,
			 u64 start, u64 end)
{
	u32 first = 0, last, n = *count;

	while (first < n && window_end(&out[first]) < start)
		first++;
	last = first;
	while (last < n && out[last].pa <= end) {
		start = MIN(start, out[last].pa);
		end = MAX(end, window_end(&out[last]));
		last++;
	}
	if (last == first) {
		if (n == max)
			return false;
		memmove(&out[first + 1], &out[first],
			(n - first) * sizeof(*out));
		*count = n + 1;
	} else if (last > first + 1) {
		memmove(&out[first + 1], &out[last], (n - last) * sizeof(*out));
		*count = n - (last - first - 1);
	}
	set_window(&out[first], start, end);
	return true;
}

/* The part of an e820 entry a window may cover: not page 0, no overflow. */
static bool clip_entry(const struct boot_e820_entry *e, u64 *start, u64 *end)
{
	*start = MAX(e->addr, PAGE_SIZE);
	if (!range_end(e->addr, e->size, end))
		*end = UINT64_MAX;
	return *start < *end;
}

u32 bootinfo_ram_windows(const struct boot_info *bi, struct phys_window *out,
			 u32 max)
{
	u32 i, count = 0;
	u64 start, end;

	for (i = 0; i < bi->e820_count && i < BOOT_E820_MAX; i++) {
		if (!bootinfo_e820_type_is_ram(bi->e820[i].type))
			continue;
		if (!clip_entry(&bi->e820[i], &start, &end))
			continue;
		insert_range(out, &count, max, start, end);
	}
	return count;
}
