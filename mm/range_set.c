// SPDX-License-Identifier: MIT
/*
 * Range set: a sorted array of tagged ranges plus an unsorted log for bulk
 * insertion. Every modification is one "priority union" of two normalized
 * sequences, written into free arena space and never over unread input, so
 * an arena too small for a merge is detected before anything committed is
 * lost.
 */
#include <mm/range_set.h>
#include <string.h>

/* Internal kind that erases what it covers (removal). */
#define KIND_HOLE 0xff

struct merger {
	struct range_entry *out;	/* output base */
	struct range_entry *out_end;	/* first slot that may not be written */
	size_t n;
	const struct range_entry *a, *a_end;	/* unread inputs */
	const struct range_entry *b, *b_end;
	const struct range_set *set;
};

void range_set_init(struct range_set *set, void *storage, size_t bytes)
{
	*set = (struct range_set){
		.entries = storage,
		.capacity = storage ? bytes / sizeof(struct range_entry) : 0,
	};
}

void range_set_set_overlap_handler(struct range_set *set, range_overlap_fn fn,
				   void *ctx)
{
	set->on_overlap = fn;
	set->overlap_ctx = ctx;
}

static void report_overlap(const struct range_set *set, u64 start, u64 end,
			   u8 kept, u8 lost)
{
	if (set->on_overlap && kept != KIND_HOLE && lost != KIND_HOLE)
		set->on_overlap(set->overlap_ctx, start, end, kept, lost);
}

static bool inside(const struct range_entry *p, const struct range_entry *from,
		   const struct range_entry *to)
{
	return p >= from && p < to;
}

static void merge_orders(struct range_entry *e, u8 min_order, u8 max_order)
{
	e->min_order = MIN(e->min_order, min_order);
	e->max_order = MAX(e->max_order, max_order);
}

static int emit(struct merger *m, u64 start, u64 end, u8 kind, u8 min_order,
		u8 max_order)
{
	struct range_entry *slot;

	if (kind == KIND_HOLE)
		return RANGE_SET_OK;
	if (m->n) {
		struct range_entry *last = &m->out[m->n - 1];

		if (last->end == start && last->kind == kind) {
			last->end = end;
			merge_orders(last, min_order, max_order);
			return RANGE_SET_OK;
		}
	}
	slot = &m->out[m->n];
	if (slot >= m->out_end || inside(slot, m->a, m->a_end) ||
	    inside(slot, m->b, m->b_end))
		return RANGE_SET_NO_SPACE;
	*slot = (struct range_entry){ .start = start, .end = end, .kind = kind,
				      .min_order = min_order,
				      .max_order = max_order };
	m->n++;
	return RANGE_SET_OK;
}

/* The part of both inputs at `start`, where A and B are both active. */
static int emit_both(struct merger *m, u64 start)
{
	const struct range_entry *a = m->a, *b = m->b;
	u64 end = MIN(a->end, b->end);
	const struct range_entry *win = a->kind >= b->kind ? a : b;
	const struct range_entry *lose = win == a ? b : a;

	report_overlap(m->set, start, end, win->kind, lose->kind);
	if (a->kind == b->kind)
		return emit(m, start, end, a->kind,
			    MIN(a->min_order, b->min_order),
			    MAX(a->max_order, b->max_order));
	return emit(m, start, end, win->kind, win->min_order, win->max_order);
}

/* Priority union of the normalized sequences [a, a_end) and [b, b_end). */
static int merge(struct merger *m)
{
	u64 done = 0;	/* everything below `done` has been emitted */
	int rc;

	while (m->a < m->a_end || m->b < m->b_end) {
		bool has_a = m->a < m->a_end, has_b = m->b < m->b_end;
		u64 sa = has_a ? MAX(m->a->start, done) : 0;
		u64 sb = has_b ? MAX(m->b->start, done) : 0;
		u64 end;

		if (has_a && has_b && sa == sb) {
			rc = emit_both(m, sa);
			end = MIN(m->a->end, m->b->end);
		} else if (has_a && (!has_b || sa < sb)) {
			end = has_b ? MIN(m->a->end, sb) : m->a->end;
			rc = emit(m, sa, end, m->a->kind, m->a->min_order,
				  m->a->max_order);
		} else {
			end = has_a ? MIN(m->b->end, sa) : m->b->end;
			rc = emit(m, sb, end, m->b->kind, m->b->min_order,
				  m->b->max_order);
		}
		if (rc)
			return rc;
		done = end;
		if (has_a && m->a->end <= done)
			m->a++;
		if (has_b && m->b->end <= done)
			m->b++;
	}
	return RANGE_SET_OK;
}

/* End of the normalized run starting at p. */
static struct range_entry *run_end(struct range_entry *p,
				   struct range_entry *end)
{
	for (p++; p < end; p++)
		if (p->start < p[-1].end)
			break;
	return p;
}

static void reverse(struct range_entry *e, size_t n)
{
	size_t i;

	for (i = 0; i < n / 2; i++) {
		struct range_entry t = e[i];

		e[i] = e[n - 1 - i];
		e[n - 1 - i] = t;
	}
}

static struct range_entry *top(const struct range_set *set)
{
	return set->entries + set->capacity;
}

/*
 * One bottom-up pass over the runs in [src, src + len): merges pairs of runs
 * into [out, out_end), never over input not yet read. The caller moves the
 * result where it wants it.
 */
static int merge_pass(struct range_set *set, struct range_entry *src,
		      size_t len, struct range_entry *out,
		      struct range_entry *out_end, size_t *out_len,
		      bool *single_run)
{
	struct range_entry *p = src, *end = src + len;
	struct merger m = { .out = out, .out_end = out_end, .set = set };
	size_t pairs = 0;
	int rc;

	while (p < end) {
		struct range_entry *q = run_end(p, end);
		struct range_entry *r = q < end ? run_end(q, end) : q;

		m.a = p;
		m.a_end = q;
		m.b = q;
		m.b_end = r;
		rc = merge(&m);
		if (rc)
			return rc;
		p = r;
		pairs++;
	}
	*out_len = m.n;
	*single_run = pairs <= 1;
	return RANGE_SET_OK;
}

static bool is_single_run(struct range_entry *src, size_t len)
{
	return !len || run_end(src, src + len) == src + len;
}

/* Sorts [top - *len, top) into one run; out: free space from `base`. */
static int sort_top(struct range_set *set, struct range_entry *base,
		    size_t *len)
{
	bool single = is_single_run(top(set) - *len, *len);
	int rc;

	while (!single) {
		rc = merge_pass(set, top(set) - *len, *len, base, top(set), len,
				&single);
		if (rc)
			return rc;
		memmove(top(set) - *len, base, *len * sizeof(*base));
	}
	return RANGE_SET_OK;
}

/* Sorts [base, base + *len) into one run, using space up to out_end. */
static int sort_bottom(struct range_set *set, struct range_entry *base,
		       size_t *len, struct range_entry *out_end)
{
	bool single = is_single_run(base, *len);
	size_t out_len;
	int rc;

	while (!single) {
		rc = merge_pass(set, base, *len, base + *len, out_end, &out_len,
				&single);
		if (rc)
			return rc;
		memmove(base, base + *len, out_len * sizeof(*base));
		*len = out_len;
	}
	return RANGE_SET_OK;
}

/*
 * The map walk interleaves a few map pages (at scattered addresses) with a
 * long sorted stream of preserved ranges; each one would split the stream
 * into another run. Moving every entry not of the log's dominant kind to the
 * free space above the committed entries leaves the stream in one piece.
 * Returns the number of entries moved (they land at entries + count, in log
 * order); 0 when there is nothing to move or no room to move it.
 */
static size_t split_minority(struct range_set *set, size_t len)
{
	struct range_entry *log = top(set) - len, *p, *w = top(set);
	struct range_entry *rest = set->entries + set->count;
	size_t counts[MM_KIND_COUNT + 1] = { 0 }, minority, ri;
	unsigned int kind, major = 0;

	for (p = log; p < top(set); p++)
		counts[MIN(p->kind, (u8)MM_KIND_COUNT)]++;
	for (kind = 1; kind <= MM_KIND_COUNT; kind++)
		if (counts[kind] > counts[major])
			major = kind;
	minority = len - counts[major];
	if (!minority || minority > (size_t)(log - rest))
		return 0;
	ri = minority;
	for (p = top(set); p-- > log;) {
		if (MIN(p->kind, (u8)MM_KIND_COUNT) == major)
			*--w = *p;
		else
			rest[--ri] = *p;
	}
	return minority;
}

int range_set_commit(struct range_set *set)
{
	struct range_entry *base = set->entries + set->count;
	size_t len = set->pending, rest_len, out_len;
	struct merger m;
	int rc;

	if (!len)
		return RANGE_SET_OK;
	set->pending = 0;
	memset(set->recent, 0, sizeof(set->recent));
	reverse(top(set) - len, len);
	rest_len = split_minority(set, len);
	len -= rest_len;

	/* Minority sorted in place above the set, the dominant kind at top. */
	rc = sort_bottom(set, base, &rest_len, top(set) - len);
	if (rc)
		return rc;
	rc = sort_top(set, base + rest_len, &len);
	if (rc)
		return rc;

	/* committed + minority, written above both */
	m = (struct merger){
		.out = base + rest_len, .out_end = top(set) - len,
		.a = set->entries, .a_end = base,
		.b = base, .b_end = base + rest_len, .set = set,
	};
	if (rest_len) {
		rc = merge(&m);
		if (rc)
			return rc;
	}
	out_len = rest_len ? m.n : set->count;
	/* ... + the dominant stream; committed entries untouched so far */
	m = (struct merger){
		.out = rest_len ? m.out + m.n : base, .out_end = top(set),
		.a = rest_len ? m.out : set->entries,
		.a_end = (rest_len ? m.out : set->entries) + out_len,
		.b = top(set) - len, .b_end = top(set), .set = set,
	};
	rc = merge(&m);
	if (rc)
		return rc;
	memmove(set->entries, m.out, m.n * sizeof(*m.out));
	set->count = m.n;
	return RANGE_SET_OK;
}

static struct range_entry *log_slot(struct range_set *set, size_t pos)
{
	return top(set) - pos;
}

static int log_entry(struct range_set *set, u64 start, u64 end, u8 kind,
		     u8 min_order, u8 max_order)
{
	struct range_entry *last;

	if (kind < MM_KIND_COUNT && set->recent[kind]) {
		last = log_slot(set, set->recent[kind]);
		if (start <= last->end && end >= last->start) {
			if (start < last->end && end > last->start)
				report_overlap(set, MAX(start, last->start),
					       MIN(end, last->end), kind, kind);
			last->start = MIN(last->start, start);
			last->end = MAX(last->end, end);
			merge_orders(last, min_order, max_order);
			return RANGE_SET_OK;
		}
	}
	if (set->count + set->pending >= set->capacity)
		return RANGE_SET_NO_SPACE;
	set->pending++;
	if (kind < MM_KIND_COUNT)
		set->recent[kind] = set->pending;
	last = log_slot(set, set->pending);
	*last = (struct range_entry){ .start = start, .end = end, .kind = kind,
				      .min_order = min_order,
				      .max_order = max_order };
	return RANGE_SET_OK;
}

int range_set_add_entry(struct range_set *set, const struct range_entry *e)
{
	if (e->start > e->end || e->kind == MM_KIND_NONE ||
	    e->kind >= MM_KIND_COUNT || e->min_order > e->max_order)
		return RANGE_SET_INVALID;
	if (e->start == e->end)
		return RANGE_SET_OK;
	return log_entry(set, e->start, e->end, e->kind, e->min_order,
			 e->max_order);
}

int range_set_add(struct range_set *set, u64 start, u64 end, unsigned int kind,
		  unsigned int order)
{
	if (start > end || kind == MM_KIND_NONE || kind >= MM_KIND_COUNT)
		return RANGE_SET_INVALID;
	if (start == end)
		return RANGE_SET_OK;
	order = MIN(order, 255u);
	return log_entry(set, start, end, kind, order, order);
}

/*
 * Fast path of insert for a range overlapping nothing: extend a touching
 * neighbour of the same kind or open one slot. False: take the merge path.
 */
static bool insert_in_gap(struct range_set *set, u64 start, u64 end, u8 kind,
			  u8 order)
{
	size_t i = range_set_lower_bound(set, start);
	struct range_entry *e = set->entries;
	bool join_prev, join_next;

	if (i < set->count && e[i].start < end)
		return false;
	join_prev = i > 0 && e[i - 1].end == start && e[i - 1].kind == kind;
	join_next = i < set->count && e[i].start == end && e[i].kind == kind;
	if (join_prev && join_next) {
		e[i - 1].end = e[i].end;
		merge_orders(&e[i - 1], MIN(order, e[i].min_order),
			     MAX(order, e[i].max_order));
		memmove(&e[i], &e[i + 1], (set->count - i - 1) * sizeof(*e));
		set->count--;
	} else if (join_prev) {
		e[i - 1].end = end;
		merge_orders(&e[i - 1], order, order);
	} else if (join_next) {
		e[i].start = start;
		merge_orders(&e[i], order, order);
	} else {
		if (set->count >= set->capacity)
			return false;
		memmove(&e[i + 1], &e[i], (set->count - i) * sizeof(*e));
		e[i] = (struct range_entry){ .start = start, .end = end,
					     .kind = kind, .min_order = order,
					     .max_order = order };
		set->count++;
	}
	return true;
}

int range_set_insert(struct range_set *set, u64 start, u64 end,
		     unsigned int kind, unsigned int order)
{
	int rc;

	if (start > end || kind == MM_KIND_NONE || kind >= MM_KIND_COUNT)
		return RANGE_SET_INVALID;
	rc = range_set_commit(set);
	if (rc || start == end)
		return rc;
	if (insert_in_gap(set, start, end, kind, MIN(order, 255u)))
		return RANGE_SET_OK;
	rc = range_set_add(set, start, end, kind, order);
	if (!rc)
		rc = range_set_commit(set);
	return rc;
}

int range_set_remove(struct range_set *set, u64 start, u64 end)
{
	int rc;

	if (start > end)
		return RANGE_SET_INVALID;
	rc = range_set_commit(set);
	if (rc || start == end)
		return rc;
	rc = log_entry(set, start, end, KIND_HOLE, 0, 0);
	if (rc)
		return rc;
	return range_set_commit(set);
}

int range_set_migrate(struct range_set *set, void *storage, size_t bytes)
{
	struct range_set moved;
	int rc = range_set_commit(set);

	if (rc)
		return rc;
	range_set_init(&moved, storage, bytes);
	if (set->count > moved.capacity)
		return RANGE_SET_NO_SPACE;
	memmove(moved.entries, set->entries,
		set->count * sizeof(*set->entries));
	moved.count = set->count;
	moved.on_overlap = set->on_overlap;
	moved.overlap_ctx = set->overlap_ctx;
	*set = moved;
	return RANGE_SET_OK;
}

size_t range_set_lower_bound(const struct range_set *set, u64 addr)
{
	size_t lo = 0, hi = set->count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (set->entries[mid].end > addr)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

const struct range_entry *range_set_find(const struct range_set *set, u64 addr)
{
	size_t i = range_set_lower_bound(set, addr);

	if (i < set->count && set->entries[i].start <= addr)
		return &set->entries[i];
	return NULL;
}

unsigned int range_set_kind_at(const struct range_set *set, u64 addr)
{
	const struct range_entry *e = range_set_find(set, addr);

	return e ? e->kind : MM_KIND_NONE;
}

const struct range_entry *range_set_first_overlap(const struct range_set *set,
						  u64 start, u64 end,
						  unsigned int kind)
{
	size_t i;

	for (i = range_set_lower_bound(set, start); i < set->count; i++) {
		const struct range_entry *e = &set->entries[i];

		if (e->start >= end)
			break;
		if (kind == MM_KIND_NONE || e->kind == kind)
			return e;
	}
	return NULL;
}

u64 range_set_bytes_in(const struct range_set *set, u64 start, u64 end,
		       unsigned int kind)
{
	u64 bytes = 0;
	size_t i;

	for (i = range_set_lower_bound(set, start); i < set->count; i++) {
		const struct range_entry *e = &set->entries[i];

		if (e->start >= end)
			break;
		if (kind == MM_KIND_NONE || e->kind == kind)
			bytes += MIN(e->end, end) - MAX(e->start, start);
	}
	return bytes;
}

u64 range_set_bytes(const struct range_set *set, unsigned int kind)
{
	u64 bytes = 0;
	size_t i;

	for (i = 0; i < set->count; i++)
		if (kind == MM_KIND_NONE || set->entries[i].kind == kind)
			bytes += set->entries[i].end - set->entries[i].start;
	return bytes;
}

size_t range_set_count(const struct range_set *set, unsigned int kind)
{
	size_t i, n = 0;

	for (i = 0; i < set->count; i++)
		n += kind == MM_KIND_NONE || set->entries[i].kind == kind;
	return n;
}

int range_set_for_each(const struct range_set *set,
		       int (*fn)(void *ctx, const struct range_entry *entry),
		       void *ctx)
{
	size_t i;
	int rc;

	for (i = 0; i < set->count; i++) {
		rc = fn(ctx, &set->entries[i]);
		if (rc)
			return rc;
	}
	return 0;
}
