// SPDX-License-Identifier: MIT
/*
 * Preserved index: append while the map is walked, heapsort once, then
 * binary search. The claimed bit lives in the spare low bits of each entry.
 */
#include <luo/preserved_index.h>
#include <string.h>

void preserved_index_init(struct preserved_index *idx, u64 *storage,
			  u64 capacity)
{
	*idx = (struct preserved_index){ .items = storage,
					 .capacity = capacity };
}

void preserved_index_add_run(struct preserved_index *idx, phys_addr_t pa,
			     unsigned int order, u64 count)
{
	u64 step = PAGE_SIZE << order, room = idx->capacity - idx->count;
	u64 n = MIN(count, room), i;

	for (i = 0; i < n; i++)
		idx->items[idx->count++] = (pa + i * step) | order;
	idx->dropped += count - n;
	idx->sorted = false;
}

void preserved_index_add(struct preserved_index *idx, phys_addr_t pa,
			 unsigned int order)
{
	preserved_index_add_run(idx, pa, order, 1);
}

static void sift_down(u64 *a, u64 start, u64 n)
{
	u64 root = start, child, tmp;

	while ((child = 2 * root + 1) < n) {
		if (child + 1 < n && a[child] < a[child + 1])
			child++;
		if (a[root] >= a[child])
			return;
		tmp = a[root];
		a[root] = a[child];
		a[child] = tmp;
		root = child;
	}
}

static bool is_sorted(const u64 *a, u64 n)
{
	u64 i;

	for (i = 1; i < n; i++)
		if (a[i - 1] > a[i])
			return false;
	return true;
}

void u64_heapsort(u64 *a, u64 n)
{
	u64 i, tmp;

	if (is_sorted(a, n))
		return;
	for (i = n / 2; i-- > 0;)
		sift_down(a, i, n);
	for (i = n; i-- > 1;) {
		tmp = a[0];
		a[0] = a[i];
		a[i] = tmp;
		sift_down(a, 0, i);
	}
}

#define MERGE_RUNS_MAX	64

/* Merges sorted [lo, mid) and [mid, hi) through buf (min of both sizes). */
static void merge_with_buffer(u64 *a, u64 lo, u64 mid, u64 hi, u64 *buf)
{
	u64 i, j, k;

	if (mid - lo <= hi - mid) {
		memcpy(buf, a + lo, (mid - lo) * sizeof(u64));
		for (i = 0, j = mid, k = lo; i < mid - lo; k++)
			a[k] = (j < hi && a[j] < buf[i]) ? a[j++] : buf[i++];
		return;
	}
	memcpy(buf, a + mid, (hi - mid) * sizeof(u64));
	for (i = hi - mid, j = mid, k = hi; i > 0; k--)
		a[k - 1] = (j > lo && a[j - 1] > buf[i - 1]) ? a[--j] : buf[--i];
}

/* The ascending runs of a[0, n): bounds[0..runs], false beyond the max. */
static bool find_runs(const u64 *a, u64 n, u64 *bounds, u32 *runs_out)
{
	u32 runs = 0;
	u64 i;

	bounds[runs++] = 0;
	for (i = 1; i < n; i++) {
		if (a[i - 1] <= a[i])
			continue;
		if (runs > MERGE_RUNS_MAX - 1)
			return false;
		bounds[runs++] = i;
	}
	bounds[runs] = n;
	*runs_out = runs;
	return true;
}

/*
 * The map walkers emit one ascending run per order, so the index is a few
 * sorted runs: merge them pairwise through buf (room entries) when it is
 * large enough. Returns false (nothing lost: the array is still a
 * permutation) when there are too many runs or too little room.
 */
static bool merge_runs(u64 *a, u64 n, u64 *buf, u64 room)
{
	u64 bounds[MERGE_RUNS_MAX + 1];
	u32 runs, i, w;

	if (!find_runs(a, n, bounds, &runs))
		return false;
	while (runs > 1) {
		for (i = 0, w = 0; i + 1 < runs; i += 2) {
			u64 lo = bounds[i], mid = bounds[i + 1];
			u64 hi = bounds[i + 2];

			if (MIN(mid - lo, hi - mid) > room)
				return false;
			merge_with_buffer(a, lo, mid, hi, buf);
			bounds[w++] = lo;
		}
		if (i < runs)
			bounds[w++] = bounds[i];
		bounds[w] = n;
		runs = w;
	}
	return true;
}

u64 preserved_index_merge_room(const struct preserved_index *idx)
{
	u64 bounds[MERGE_RUNS_MAX + 1], need = 0;
	u32 runs, i, w;

	if (!find_runs(idx->items, idx->count, bounds, &runs))
		return UINT64_MAX;
	while (runs > 1) {
		for (i = 0, w = 0; i + 1 < runs; i += 2) {
			need = MAX(need, MIN(bounds[i + 1] - bounds[i],
					     bounds[i + 2] - bounds[i + 1]));
			bounds[w++] = bounds[i];
		}
		if (i < runs)
			bounds[w++] = bounds[i];
		bounds[w] = idx->count;
		runs = w;
	}
	return need;
}

void preserved_index_sort_buf(struct preserved_index *idx, u64 *buf,
			      u64 room)
{
	u64 n = idx->count;

	if (merge_runs(idx->items, n, buf, room))
		idx->merged = true;
	else
		u64_heapsort(idx->items, n);
	idx->sorted = true;
}

void preserved_index_sort(struct preserved_index *idx)
{
	preserved_index_sort_buf(idx, idx->items + idx->count,
				 idx->capacity - idx->count);
}

s64 preserved_index_floor(const struct preserved_index *idx, phys_addr_t pa)
{
	u64 lo = 0, hi = idx->count;

	while (lo < hi) {
		u64 mid = lo + (hi - lo) / 2;

		if (preserved_entry_pa(idx->items[mid]) <= pa)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (s64)lo - 1;
}

s64 preserved_index_find(const struct preserved_index *idx, phys_addr_t pa)
{
	s64 i = preserved_index_floor(idx, pa);

	if (i < 0 || preserved_entry_pa(idx->items[i]) != pa)
		return -1;
	return i;
}

s64 preserved_index_near_hit(const struct preserved_index *idx,
			     phys_addr_t pa, s64 hint)
{
	u64 h = (u64)hint;

	/* the same answer as the search: the last entry starting at pa */
	if (hint >= 0 && h < idx->count &&
	    preserved_entry_pa(idx->items[h]) == pa &&
	    (h + 1 == idx->count ||
	     preserved_entry_pa(idx->items[h + 1]) != pa))
		return hint;
	return -1;
}

s64 preserved_index_find_near(const struct preserved_index *idx,
			      phys_addr_t pa, s64 hint)
{
	s64 at = preserved_index_near_hit(idx, pa, hint);

	return at >= 0 ? at : preserved_index_find(idx, pa);
}

int preserved_index_order_at(const struct preserved_index *idx,
			     phys_addr_t pa)
{
	s64 i = preserved_index_find(idx, pa);

	return i < 0 ? -1 : (int)preserved_entry_order(idx->items[i]);
}

bool preserved_index_covers(const struct preserved_index *idx, phys_addr_t pa,
			    u64 len)
{
	s64 i = preserved_index_floor(idx, pa);
	u64 end, cur;

	if (i < 0 || !range_end(pa, len, &end))
		return false;
	cur = preserved_entry_pa(idx->items[i]) +
	      preserved_entry_size(idx->items[i]);
	if (cur <= pa)
		return false;
	for (i++; cur < end && (u64)i < idx->count; i++) {
		u64 e = idx->items[i], s = preserved_entry_pa(e);

		if (s > cur)
			return false;
		cur = MAX(cur, s + preserved_entry_size(e));
	}
	return cur >= end;
}

bool preserved_index_lookup(const void *idx, phys_addr_t pa, u64 len)
{
	return preserved_index_covers(idx, pa, len ? len : 1);
}

void preserved_index_claim(struct preserved_index *idx, phys_addr_t pa,
			   u64 len)
{
	s64 i = preserved_index_floor(idx, pa);
	u64 end;

	if (!range_end(pa, len, &end))
		end = ~0ULL;
	if (i < 0)
		i = 0;
	for (; (u64)i < idx->count; i++) {
		u64 e = idx->items[i], s = preserved_entry_pa(e);

		if (s >= end)
			break;
		if (s + preserved_entry_size(e) > pa)
			idx->items[i] |= PRESERVED_CLAIMED;
	}
}

u64 preserved_index_unclaimed(const struct preserved_index *idx, u64 *entries)
{
	u64 i, bytes = 0, n = 0;

	for (i = 0; i < idx->count; i++) {
		if (idx->items[i] & PRESERVED_CLAIMED)
			continue;
		bytes += preserved_entry_size(idx->items[i]);
		n++;
	}
	if (entries)
		*entries = n;
	return bytes;
}
