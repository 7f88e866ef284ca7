// SPDX-License-Identifier: MIT
/*
 * Preserved index: runs appended (and joined) while the map is walked,
 * merged once, then binary search over runs and a cursor for the folios.
 * Claims are an interval per run until they stop being contiguous.
 */
#include <luo/preserved_index.h>
#include <string.h>

u64 preserved_run_end(const struct preserved_run *r)
{
	u64 pa = preserved_run_pa(r), step = preserved_run_step(r);

	if (r->count > (~0ULL - pa) / step)
		return ~0ULL;
	return pa + r->count * step;
}

void preserved_index_init(struct preserved_index *idx,
			  struct preserved_run *storage, u64 capacity)
{
	*idx = (struct preserved_index){ .runs = storage,
					 .capacity = storage ? capacity : 0 };
}

void preserved_index_set_grow(struct preserved_index *idx,
			      preserved_grow_fn grow, void *ctx)
{
	idx->grow = grow;
	idx->grow_ctx = ctx;
}

/* Doubles the run storage through the allocator; false when refused. */
static bool more_runs(struct preserved_index *idx)
{
	u64 cap = idx->capacity ? 2 * idx->capacity : 64;
	struct preserved_run *p;

	if (!idx->grow || cap > UINT64_MAX / sizeof(*p))
		return false;
	p = idx->grow(idx->grow_ctx, idx->runs,
		      idx->run_count * sizeof(*p), cap * sizeof(*p));
	if (!p)
		return false;
	/* claim bitmaps in the old tail stay where they are */
	idx->runs = p;
	idx->capacity = cap;
	idx->tail_words = 0;
	return true;
}

void preserved_index_add_run(struct preserved_index *idx, phys_addr_t pa,
			     unsigned int order, u64 count)
{
	struct preserved_run *last;

	if (!count)
		return;
	idx->sorted = false;
	last = idx->run_count ? &idx->runs[idx->run_count - 1] : NULL;
	/* the walk's runs join when a word boundary split them */
	if (last && preserved_entry_order(last->start) == order &&
	    preserved_run_end(last) == pa && !last->claimed &&
	    last->claim_lo == last->claim_hi &&
	    count <= UINT64_MAX - last->count) {
		last->count += count;
		idx->count += count;
		return;
	}
	/* the tail holds claim bitmaps once claims needed one */
	if ((idx->run_count == idx->capacity || idx->tail_words) &&
	    !more_runs(idx)) {
		idx->dropped += count;
		return;
	}
	idx->runs[idx->run_count++] = (struct preserved_run){
		.start = (pa & PAGE_MASK) | order, .count = count };
	idx->count += count;
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

/* The same over runs, by start. */
static void run_sift_down(struct preserved_run *a, u64 start, u64 n)
{
	u64 root = start, child;
	struct preserved_run tmp;

	while ((child = 2 * root + 1) < n) {
		if (child + 1 < n && a[child].start < a[child + 1].start)
			child++;
		if (a[root].start >= a[child].start)
			return;
		tmp = a[root];
		a[root] = a[child];
		a[child] = tmp;
		root = child;
	}
}

static void run_heapsort(struct preserved_run *a, u64 n)
{
	struct preserved_run tmp;
	u64 i;

	for (i = n / 2; i-- > 0;)
		run_sift_down(a, i, n);
	for (i = n; i-- > 1;) {
		tmp = a[0];
		a[0] = a[i];
		a[i] = tmp;
		run_sift_down(a, 0, i);
	}
}

#define MERGE_RUNS_MAX	64

/* Merges sorted [lo, mid) and [mid, hi) through buf (min of both sizes). */
static void merge_with_buffer(struct preserved_run *a, u64 lo, u64 mid,
			      u64 hi, struct preserved_run *buf)
{
	u64 i, j, k;

	if (mid - lo <= hi - mid) {
		memcpy(buf, a + lo, (mid - lo) * sizeof(*a));
		for (i = 0, j = mid, k = lo; i < mid - lo; k++)
			a[k] = (j < hi && a[j].start < buf[i].start) ?
			       a[j++] : buf[i++];
		return;
	}
	memcpy(buf, a + mid, (hi - mid) * sizeof(*a));
	for (i = hi - mid, j = mid, k = hi; i > 0; k--)
		a[k - 1] = (j > lo && a[j - 1].start > buf[i - 1].start) ?
			   a[--j] : buf[--i];
}

/* The ascending sequences of a[0, n): bounds[0..seqs], false beyond max. */
static bool find_seqs(const struct preserved_run *a, u64 n, u64 *bounds,
		      u32 *seqs_out)
{
	u32 seqs = 0;
	u64 i;

	bounds[seqs++] = 0;
	for (i = 1; i < n; i++) {
		if (a[i - 1].start <= a[i].start)
			continue;
		if (seqs > MERGE_RUNS_MAX - 1)
			return false;
		bounds[seqs++] = i;
	}
	bounds[seqs] = n;
	*seqs_out = seqs;
	return true;
}

/*
 * The map walkers emit one ascending sequence of runs per order: merge
 * them pairwise through buf (room runs) when it is large enough. Returns
 * false (nothing lost: the array is still a permutation) when there are
 * too many sequences or too little room.
 */
static bool merge_seqs(struct preserved_run *a, u64 n,
		       struct preserved_run *buf, u64 room)
{
	u64 bounds[MERGE_RUNS_MAX + 1];
	u32 seqs, i, w;

	if (!find_seqs(a, n, bounds, &seqs))
		return false;
	while (seqs > 1) {
		for (i = 0, w = 0; i + 1 < seqs; i += 2) {
			u64 lo = bounds[i], mid = bounds[i + 1];
			u64 hi = bounds[i + 2];

			if (MIN(mid - lo, hi - mid) > room)
				return false;
			merge_with_buffer(a, lo, mid, hi, buf);
			bounds[w++] = lo;
		}
		if (i < seqs)
			bounds[w++] = bounds[i];
		bounds[w] = n;
		seqs = w;
	}
	return true;
}

u64 preserved_index_merge_room(const struct preserved_index *idx)
{
	u64 bounds[MERGE_RUNS_MAX + 1], need = 0;
	u32 seqs, i, w;

	if (!find_seqs(idx->runs, idx->run_count, bounds, &seqs))
		return UINT64_MAX;
	while (seqs > 1) {
		for (i = 0, w = 0; i + 1 < seqs; i += 2) {
			need = MAX(need, MIN(bounds[i + 1] - bounds[i],
					     bounds[i + 2] - bounds[i + 1]));
			bounds[w++] = bounds[i];
		}
		if (i < seqs)
			bounds[w++] = bounds[i];
		bounds[w] = idx->run_count;
		seqs = w;
	}
	return need;
}

/*
 * Sorted: joins runs the sort made neighbours (one order, back to back,
 * nothing claimed yet), then sets reach and overlaps in one pass.
 */
static void finish_sort(struct preserved_index *idx)
{
	struct preserved_run *a = idx->runs;
	u64 i, w = 0, reach = 0, first = 0;

	for (i = 0; i < idx->run_count; i++) {
		if (w && a[w - 1].start % PAGE_SIZE == a[i].start % PAGE_SIZE &&
		    preserved_run_end(&a[w - 1]) == preserved_run_pa(&a[i]) &&
		    a[i].count <= UINT64_MAX - a[w - 1].count &&
		    !a[w - 1].claimed && !a[i].claimed &&
		    a[w - 1].claim_lo == a[w - 1].claim_hi &&
		    a[i].claim_lo == a[i].claim_hi) {
			a[w - 1].count += a[i].count;
			continue;
		}
		a[w++] = a[i];
	}
	idx->run_count = w;
	idx->overlaps = false;
	for (i = 0; i < w; i++) {
		if (i && preserved_run_pa(&a[i]) < reach)
			idx->overlaps = true;
		reach = MAX(reach, preserved_run_end(&a[i]));
		a[i].reach = reach;
		a[i].first = first;
		first += a[i].count;
	}
}

void preserved_index_sort_buf(struct preserved_index *idx,
			      struct preserved_run *buf, u64 room)
{
	if (merge_seqs(idx->runs, idx->run_count, buf, room))
		idx->merged = true;
	else
		run_heapsort(idx->runs, idx->run_count);
	finish_sort(idx);
	idx->sorted = true;
}

void preserved_index_sort(struct preserved_index *idx)
{
	preserved_index_sort_buf(idx, idx->runs ? idx->runs + idx->run_count :
				 NULL, idx->capacity - idx->run_count);
}

void preserved_index_copy(struct preserved_index *dst,
			  const struct preserved_index *src,
			  struct preserved_run *storage)
{
	u64 i;

	*dst = *src;
	dst->runs = storage;
	dst->capacity = src->run_count;
	dst->grow = NULL;
	dst->grow_ctx = NULL;
	for (i = 0; i < src->run_count; i++) {
		storage[i] = src->runs[i];
		storage[i].claim_lo = 0;
		storage[i].claim_hi = 0;
		storage[i].claimed = NULL;
	}
}

/* ---- claims -------------------------------------------------------------- */

bool preserved_index_claimed(const struct preserved_index *idx,
			     struct preserved_pos pos)
{
	const struct preserved_run *r = &idx->runs[pos.run];

	if (r->claimed)
		return r->claimed[pos.k / 64] >> (pos.k % 64) & 1;
	return pos.k >= r->claim_lo && pos.k < r->claim_hi;
}

static void set_bits(u64 *bits, u64 k0, u64 k1)
{
	for (; k0 < k1; k0++)
		bits[k0 / 64] |= 1ULL << (k0 % 64);
}

/* The run's claims become a bitmap: false when the allocator refuses. */
static bool claim_bitmap(struct preserved_index *idx, struct preserved_run *r)
{
	u64 words = r->count / 64 + 1, bytes = words * sizeof(u64);
	u64 tail = (idx->capacity - idx->run_count) * sizeof(*r) /
		   sizeof(u64) - idx->tail_words;
	u64 *bits = NULL;

	if (idx->runs && words <= tail) {
		bits = (u64 *)(idx->runs + idx->run_count) + idx->tail_words;
		idx->tail_words += words;
	} else if (idx->grow) {
		bits = idx->grow(idx->grow_ctx, NULL, 0, bytes);
	}

	if (!bits) {
		idx->claims_need = MAX(idx->claims_need, bytes);
		return false;
	}
	memset(bits, 0, bytes);	/* baton's allocator does not clear */
	set_bits(bits, r->claim_lo, r->claim_hi);
	r->claimed = bits;
	return true;
}

static void claim_range(struct preserved_index *idx, struct preserved_run *r,
			u64 k0, u64 k1)
{
	if (k0 >= k1)
		return;
	if (!r->claimed) {
		if (r->claim_lo == r->claim_hi) {
			r->claim_lo = k0;
			r->claim_hi = k1;
			return;
		}
		if (k0 <= r->claim_hi && k1 >= r->claim_lo) {
			r->claim_lo = MIN(r->claim_lo, k0);
			r->claim_hi = MAX(r->claim_hi, k1);
			return;
		}
		if (!claim_bitmap(idx, r)) {
			/* fail closed: the parse says E_NOT_VALIDATED */
			if (idx->claims_lost < UINT64_MAX)
				idx->claims_lost++;
			return;
		}
	}
	set_bits(r->claimed, k0, k1);
}

bool preserved_index_claim_slow(struct preserved_index *idx,
				struct preserved_pos pos)
{
	bool was = preserved_index_claimed(idx, pos);

	claim_range(idx, &idx->runs[pos.run], pos.k, pos.k + 1);
	return was;
}

/* ---- entries and lookups ------------------------------------------------- */

u64 preserved_index_entry(const struct preserved_index *idx,
			  struct preserved_pos pos)
{
	const struct preserved_run *r = &idx->runs[pos.run];
	u64 e = r->start + pos.k * preserved_run_step(r);

	return preserved_index_claimed(idx, pos) ? e | PRESERVED_CLAIMED : e;
}

bool preserved_index_next(const struct preserved_index *idx,
			  struct preserved_pos *pos, u64 *e)
{
	while (pos->run < idx->run_count &&
	       pos->k >= idx->runs[pos->run].count) {
		pos->run++;
		pos->k = 0;
	}
	if (pos->run >= idx->run_count)
		return false;
	*e = preserved_index_entry(idx, *pos);
	pos->k++;
	return true;
}

u64 preserved_index_last(const struct preserved_index *idx)
{
	struct preserved_pos pos;

	if (!idx->run_count)
		return 0;
	pos.run = idx->run_count - 1;
	pos.k = idx->runs[pos.run].count - 1;
	return preserved_index_entry(idx, pos) & ~PRESERVED_CLAIMED;
}

s64 preserved_index_floor(const struct preserved_index *idx, phys_addr_t pa)
{
	u64 lo = 0, hi = idx->run_count;

	while (lo < hi) {
		u64 mid = lo + (hi - lo) / 2;

		if (preserved_run_pa(&idx->runs[mid]) <= pa)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (s64)lo - 1;
}

/* Entry k of run r starting at pa. */
static bool run_entry_at(const struct preserved_run *r, phys_addr_t pa,
			 u64 *k)
{
	u64 s = preserved_run_pa(r), step = preserved_run_step(r);

	if (pa < s || pa >= preserved_run_end(r) || (pa - s) % step)
		return false;
	*k = (pa - s) / step;
	return true;
}

/* Earlier runs looked at for an entry a later run shadows. */
#define SHADOW_SCAN_MAX	64

bool preserved_index_find(const struct preserved_index *idx, phys_addr_t pa,
			  struct preserved_pos *pos, bool *shadowed)
{
	s64 r = preserved_index_floor(idx, pa), j;
	bool under = r > 0 && idx->runs[r - 1].reach > pa;
	u64 k;

	if (shadowed)
		*shadowed = under;
	if (r < 0)
		return false;
	if (run_entry_at(&idx->runs[r], pa, &k)) {
		*pos = (struct preserved_pos){ (u64)r, k };
		return true;
	}
	/* only with overlapping runs (E_PRESERVED_DUPLICATE): a few back */
	for (j = r - 1; under && j >= 0 && r - j <= SHADOW_SCAN_MAX; j--) {
		if (run_entry_at(&idx->runs[j], pa, &k)) {
			*pos = (struct preserved_pos){ (u64)j, k };
			return true;
		}
		if (!j || idx->runs[j - 1].reach <= pa)
			break;
	}
	return false;
}

bool preserved_index_overlapped(const struct preserved_index *idx,
				struct preserved_pos pos)
{
	const struct preserved_run *r = &idx->runs[pos.run];
	u64 step = preserved_run_step(r);
	u64 s = preserved_run_pa(r) + pos.k * step;

	/*
	 * Sorted by start: an earlier run reaches into it, or the next run
	 * starts before its end (conservative when that run starts inside
	 * this one, below the entry: only with overlaps at all).
	 */
	return (pos.run > 0 && idx->runs[pos.run - 1].reach > s) ||
	       (pos.run + 1 < idx->run_count &&
		preserved_run_pa(&idx->runs[pos.run + 1]) < s + step);
}

int preserved_index_order_at(const struct preserved_index *idx,
			     phys_addr_t pa)
{
	struct preserved_pos pos;

	if (!preserved_index_find(idx, pa, &pos, NULL))
		return -1;
	return (int)preserved_entry_order(idx->runs[pos.run].start);
}

bool preserved_index_covers(const struct preserved_index *idx, phys_addr_t pa,
			    u64 len)
{
	s64 i = preserved_index_floor(idx, pa);
	u64 end, cur;

	if (i < 0 || !range_end(pa, len, &end))
		return false;
	/* some run at or before i starts at or below pa and ends at reach */
	cur = idx->runs[i].reach;
	if (cur <= pa)
		return false;
	for (i++; cur < end && (u64)i < idx->run_count; i++) {
		const struct preserved_run *r = &idx->runs[i];

		if (preserved_run_pa(r) > cur)
			return false;
		cur = MAX(cur, preserved_run_end(r));
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
	for (; (u64)i < idx->run_count; i++) {
		struct preserved_run *r = &idx->runs[i];
		u64 s = preserved_run_pa(r), step = preserved_run_step(r);
		u64 k0, k1;

		if (s >= end)
			break;
		if (preserved_run_end(r) <= pa)
			continue;
		k0 = pa > s ? (pa - s) / step : 0;
		k1 = (end - s) / step + ((end - s) % step != 0);
		claim_range(idx, r, k0, MIN(k1, r->count));
	}
}

/* Set bits of w (the payload links no libgcc for __builtin_popcountll). */
static u64 popcount64(u64 w)
{
	w -= (w >> 1) & 0x5555555555555555ULL;
	w = (w & 0x3333333333333333ULL) + ((w >> 2) & 0x3333333333333333ULL);
	w = (w + (w >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
	return (w * 0x0101010101010101ULL) >> 56;
}

u64 preserved_index_unclaimed(const struct preserved_index *idx, u64 *entries)
{
	u64 i, w, bytes = 0, n = 0;

	for (i = 0; i < idx->run_count; i++) {
		const struct preserved_run *r = &idx->runs[i];
		u64 claimed = r->claim_hi - r->claim_lo, free_entries;

		if (r->claimed)
			for (w = 0, claimed = 0; w <= r->count / 64; w++)
				claimed += popcount64(r->claimed[w]);
		free_entries = r->count - claimed;
		bytes += free_entries * preserved_run_step(r);
		n += free_entries;
	}
	if (entries)
		*entries = n;
	return bytes;
}
